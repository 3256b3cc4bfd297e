//! Typed reading of TOML tables with their source positions.
//!
//! Content files are parsed once, here at the edge, into [`toml::de::DeTable`]s that keep
//! the byte span of every key and value, so that a wrong value is reported at its own line.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::calendar::Date;
use crate::diagnostic::{Code, Diagnostics, Source};
use crate::messages::Message;
use crate::text::nfc;

/// A value together with the byte span of its text in the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Byte range of the value (or of its key, when the value is a table) in the file.
    pub span: Range<usize>,
}

/// Parses `text` as a TOML document; a syntax error is reported as `toml.syntax` at the
/// fault, with `offset` added to the spans (the position of `text` inside its file).
pub fn parse_document<'i>(
    text: &'i str,
    source: Source<'_>,
    offset: usize,
    diags: &mut Diagnostics,
) -> Option<Spanned<DeTable<'i>>> {
    match DeTable::parse(text) {
        Ok(table) => Some(table),
        Err(err) => {
            let at = err.span().map_or(0, |s| s.start) + offset;
            let reason = err.message().trim_end().to_owned();
            diags.report(Code::TomlSyntax, source, at..at, crate::msg!("toml-syntax", reason = reason));
            None
        }
    }
}

/// Reads the keys of one TOML table, reporting faults with the codes of its file kind.
pub struct Fields<'a, 'i> {
    table: &'a DeTable<'i>,
    source: Source<'a>,
    offset: usize,
    span: Range<usize>,
    missing: Code,
    invalid: Code,
    what: &'a str,
}

impl<'a, 'i> Fields<'a, 'i> {
    /// A reader for `table` of `source` (`offset` = position of the parsed text in the
    /// file); `missing`/`invalid` are the codes for an absent required key and a bad value;
    /// `what` names the table in messages (`school.toml`, `[[accreditation]]`).
    pub fn new(
        table: &'a DeTable<'i>,
        span: Range<usize>,
        source: Source<'a>,
        offset: usize,
        missing: Code,
        invalid: Code,
        what: &'a str,
    ) -> Fields<'a, 'i> {
        Fields { table, source, offset, span, missing, invalid, what }
    }

    /// The span of the whole table in its file.
    pub fn span(&self) -> Range<usize> {
        self.shift(&self.span)
    }

    /// The source this table was read from.
    pub fn source(&self) -> Source<'a> {
        self.source
    }

    fn shift(&self, r: &Range<usize>) -> Range<usize> {
        r.start + self.offset..r.end + self.offset
    }

    /// The raw value of `key` with the span of its key, if present.
    pub fn raw(&self, key: &str) -> Option<(Range<usize>, &'a Spanned<DeValue<'i>>)> {
        self.table.iter().find(|(k, _)| k.get_ref().as_ref() == key).map(|(k, v)| (self.shift(&k.span()), v))
    }

    /// Reports `message` about `key` (at its value) with the invalid-value code.
    pub fn invalid(&self, diags: &mut Diagnostics, span: Range<usize>, message: Message) {
        diags.report(self.invalid, self.source, span, message);
    }

    /// `expected` is the catalog key of the words for the type wanted (`type-text`…).
    fn wrong_type(&self, diags: &mut Diagnostics, key: &str, value: &Spanned<DeValue<'_>>, expected: &'static str) {
        let span = self.shift(&value.span());
        let found = toml_type(value.get_ref().type_str());
        let message = match expected {
            "type-text" => crate::msg!("field-type-text", key = key, what = self.what, found => found),
            "type-integer" => crate::msg!("field-type-integer", key = key, what = self.what, found => found),
            "type-bool" => crate::msg!("field-type-bool", key = key, what = self.what, found => found),
            "type-date" => crate::msg!("field-type-date", key = key, what = self.what, found => found),
            "type-table-item" => crate::msg!("field-type-table-item", key = key, what = self.what, found => found),
            "type-table-list" => crate::msg!("field-type-table-list", key = key, what = self.what, found => found),
            _ => crate::msg!("field-type-table", key = key, what = self.what, found => found),
        };
        self.invalid(diags, span, message);
    }

    /// Reports `key` as missing (with `hint` as its example value) when it is absent.
    pub fn require<T>(&self, diags: &mut Diagnostics, key: &str, value: Option<T>, hint: &str) -> Option<T> {
        if value.is_none() && self.raw(key).is_none() {
            diags.report(
                self.missing,
                self.source,
                self.span(),
                crate::msg!("field-missing", what = self.what, key = key, hint = hint),
            );
        }
        value
    }

    /// A text value (normalised to NFC, invisible format characters removed: see
    /// [`crate::text::strip_invisible`]), or `None` if absent or of another type (reported).
    pub fn string(&self, diags: &mut Diagnostics, key: &str) -> Option<Located<String>> {
        let (_, value) = self.raw(key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                Some(Located { value: crate::text::strip_invisible(nfc(s)), span: self.shift(&value.span()) })
            }
            _ => {
                self.wrong_type(diags, key, value, "type-text");
                None
            }
        }
    }

    /// A required text value: absence is reported with the missing-key code.
    pub fn required_string(&self, diags: &mut Diagnostics, key: &str, hint: &str) -> Option<Located<String>> {
        let value = self.string(diags, key);
        self.require(diags, key, value, hint)
    }

    /// A non-empty text value; an empty or blank one is reported as invalid.
    pub fn text(&self, diags: &mut Diagnostics, key: &str) -> Option<Located<String>> {
        let value = self.string(diags, key)?;
        if value.value.trim().is_empty() {
            self.invalid(diags, value.span, crate::msg!("field-empty", key = key, what = self.what));
            return None;
        }
        Some(value)
    }

    /// An integer within `range`, or `None` if absent or invalid (reported).
    pub fn integer(&self, diags: &mut Diagnostics, key: &str, range: Range<i64>) -> Option<Located<i64>> {
        let (_, value) = self.raw(key)?;
        let span = self.shift(&value.span());
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok(),
            _ => {
                self.wrong_type(diags, key, value, "type-integer");
                return None;
            }
        };
        match parsed {
            Some(n) if range.contains(&n) => Some(Located { value: n, span }),
            _ => {
                let (lo, hi) = (range.start, range.end - 1);
                self.invalid(diags, span, crate::msg!("field-range", key = key, what = self.what, lo = lo, hi = hi));
                None
            }
        }
    }

    /// A boolean, or `None` if absent or invalid (reported).
    pub fn boolean(&self, diags: &mut Diagnostics, key: &str) -> Option<Located<bool>> {
        let (_, value) = self.raw(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Located { value: *b, span: self.shift(&value.span()) }),
            _ => {
                self.wrong_type(diags, key, value, "type-bool");
                None
            }
        }
    }

    /// A calendar date written as a bare TOML date (`2025-06-15`); impossible dates such as
    /// 2025-02-30 are reported.
    pub fn date(&self, diags: &mut Diagnostics, key: &str) -> Option<Located<Date>> {
        let (_, value) = self.raw(key)?;
        let span = self.shift(&value.span());
        let date = match value.get_ref() {
            DeValue::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.date,
            DeValue::String(s) => {
                self.invalid(diags, span, crate::msg!("field-date-quoted", key = key, what = self.what, found = s));
                return None;
            }
            _ => {
                self.wrong_type(diags, key, value, "type-date");
                return None;
            }
        };
        match date.and_then(|d| Date::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())) {
            Some(d) => Some(Located { value: d, span }),
            None => {
                self.invalid(diags, span, crate::msg!("field-date-impossible", key = key, what = self.what));
                None
            }
        }
    }

    /// The tables of an array of tables (`[[accreditation]]`), each with its span.
    pub fn tables(&self, diags: &mut Diagnostics, key: &str) -> Vec<(Range<usize>, &'a DeTable<'i>)> {
        let Some((key_span, value)) = self.raw(key) else { return Vec::new() };
        match value.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::Table(t) => out.push((item.span(), t)),
                        _ => self.wrong_type(diags, key, item, "type-table-item"),
                    }
                }
                out
            }
            DeValue::Table(t) => vec![(key_span.start - self.offset..key_span.end - self.offset, t)],
            _ => {
                self.wrong_type(diags, key, value, "type-table-list");
                Vec::new()
            }
        }
    }

    /// The table under `key` (`[results]`), if present and a table (else reported).
    pub fn table(&self, diags: &mut Diagnostics, key: &str) -> Option<(Range<usize>, &'a DeTable<'i>)> {
        let (key_span, value) = self.raw(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some((key_span.start - self.offset..key_span.end - self.offset, t)),
            _ => {
                self.wrong_type(diags, key, value, "type-table");
                None
            }
        }
    }

    /// Reports every key not in `known` as `unknown-key`, naming the closest known key.
    pub fn unknown_keys(&self, diags: &mut Diagnostics, known: &[&str]) {
        for (k, _) in self.table.iter() {
            let key = k.get_ref().as_ref();
            if known.contains(&key) {
                continue;
            }
            let message = match closest(key, known) {
                Some(c) => crate::msg!("unknown-key-typo", key = key, what = self.what, closest = c),
                None => crate::msg!("unknown-key", key = key, what = self.what, known = known.join(", ")),
            };
            diags.report(Code::UnknownKey, self.source, self.shift(&k.span()), message);
        }
    }
}

/// The known key nearest to `key` by edit distance, if it is close enough to be a typo.
fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    known.iter().map(|k| (edit_distance(key, k), *k)).filter(|(d, k)| *d <= 2.max(k.len() / 4)).min().map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The words for a TOML type as `toml` names it (`string`, `integer`…), so that a finding
/// says "chữ trong dấu ngoặc kép" rather than "string" to Vietnamese staff.
pub(crate) fn toml_type(type_str: &str) -> crate::messages::Message {
    match type_str {
        "string" => crate::msg!("toml-type-string"),
        "integer" => crate::msg!("toml-type-integer"),
        "float" => crate::msg!("toml-type-float"),
        "boolean" => crate::msg!("toml-type-boolean"),
        "datetime" => crate::msg!("toml-type-datetime"),
        "array" => crate::msg!("toml-type-array"),
        "table" => crate::msg!("toml-type-table"),
        other => crate::msg!("toml-type-other", name = other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_is_matched_to_its_key() {
        assert_eq!(closest("comune", &["commune", "name", "level"]), Some("commune"));
        assert_eq!(closest("zzzzzz", &["commune", "name"]), None);
    }
}
