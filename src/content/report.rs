//! `<YYYY-YYYY>.md`: a self-assessment summary (báo cáo tự đánh giá) with TOML front matter.

use std::borrow::Cow;
use std::fs;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::path::PathBuf;

use toml::de::DeValue;

use crate::calendar::{Date, SchoolYear};
use crate::content::fields::{Fields, Located, parse_document};
use crate::diagnostic::{Code, Diagnostics, Source};
use crate::text::nfc;

/// Whether a report may be published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReportStatus {
    /// Bản nháp: never published, checked only for syntax and front matter.
    Draft,
    /// Đã phê duyệt: published.
    Approved,
}

/// The level a criterion reached, as written in `[results]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultEntry {
    /// Criterion id as written (`1.1`).
    pub criterion: String,
    /// Level as written (range checked against the framework later).
    pub level: i64,
    /// Reason given with the result.
    pub note: Option<String>,
    /// Span of the key.
    pub span: Range<usize>,
}

/// One `[level4]` entry: whether a Mức 4 criterion was met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level4Entry {
    /// Item number as written (`1`).
    pub item: String,
    /// Met or not.
    pub met: bool,
    /// Span of the key.
    pub span: Range<usize>,
}

/// A self-assessment summary whose front matter parsed.
#[derive(Debug, Clone)]
pub struct Report {
    /// School year, from the file name.
    pub year: SchoolYear,
    /// Path relative to the site root.
    pub file: String,
    /// The whole file (NFC), for positions in findings. Empty after [`Report::release_body`]:
    /// the body is read again when a page needs it.
    pub text: String,
    /// The file on disk (set by the loader; empty for text parsed from memory).
    pub path: PathBuf,
    /// A hash of the whole file as loaded, once the body was released: the body read again
    /// must be the one that was checked.
    released: Option<u64>,
    /// Draft or approved.
    pub status: ReportStatus,
    /// Date of approval (required when approved; checked later).
    pub approved_on: Option<Located<Date>>,
    /// Level concluded by the school's council.
    pub claimed_level: Option<Located<i64>>,
    /// Framework given explicitly.
    pub framework: Option<Located<String>>,
    /// `[results]`, in file order; after [`Report::release_body`] only the entries with a note.
    pub results: Vec<ResultEntry>,
    /// Span of the `[results]` header (or of the front matter when absent).
    pub results_span: Range<usize>,
    /// `[level4]`, in file order.
    pub level4: Vec<Level4Entry>,
    /// Span of the `[level4]` header, when present.
    pub level4_span: Option<Range<usize>>,
    /// Byte offset in `text` where the Markdown body starts.
    pub body_start: usize,
    /// Span of the front matter's opening line.
    pub front_matter_span: Range<usize>,
}

impl Report {
    /// The Markdown body after the front matter: held in memory, or read again from disk
    /// after [`Report::release_body`]. An error when the file can no longer be read or is not
    /// the one that was loaded (it was edited during the build).
    pub fn body(&self) -> Result<Cow<'_, str>, BodyError> {
        let Some(hash) = self.released else {
            return Ok(Cow::Borrowed(&self.text[self.body_start..]));
        };
        let changed = || BodyError { file: self.file.clone(), reason: "it was changed during the build".into() };
        let bytes = fs::read(&self.path).map_err(|e| BodyError { file: self.file.clone(), reason: e.to_string() })?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let mut text = nfc(std::str::from_utf8(bytes).map_err(|_| changed())?);
        if text_hash(&text) != hash || !text.is_char_boundary(self.body_start) {
            return Err(changed());
        }
        Ok(Cow::Owned(text.split_off(self.body_start)))
    }

    /// Lets go of the body (the bulk of the file) once the report is checked: a national
    /// site holds some 90,000 reports, read again one at a time as their pages are rendered.
    pub fn release_body(&mut self) {
        if self.released.is_none() && !self.path.as_os_str().is_empty() {
            self.released = Some(text_hash(&self.text));
            // Positions in the file served the check, which is done: nothing is kept. The
            // levels are in the check's judgement; pages and data need only the notes.
            self.text = String::new();
            self.results.retain(|r| r.note.is_some());
            self.results.shrink_to_fit();
        }
    }

    /// True when the report may be published.
    pub fn is_approved(&self) -> bool {
        self.status == ReportStatus::Approved
    }
}

const KNOWN: &[&str] = &["status", "approved_on", "claimed_level", "framework", "results", "level4"];

/// Front matter and body of a Markdown file with `+++` TOML front matter.
pub struct Split<'t> {
    /// TOML text between the fences.
    pub front: &'t str,
    /// Byte offset of `front` in the file.
    pub front_start: usize,
    /// Byte offset of the body in the file.
    pub body_start: usize,
}

/// Splits `text` at its `+++` fences; `None` when the file does not start with `+++` or the
/// front matter is not closed.
pub fn split_front_matter(text: &str) -> Option<Split<'_>> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "+++" {
        return None;
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "+++" {
            return Some(Split { front: &text[first_end..pos], front_start: first_end, body_start: end });
        }
        pos = end;
    }
    None
}

/// Parses a report file named `file_name` (its text already read and NFC-normalised).
pub fn parse(file: &str, file_name: &str, text: String, diags: &mut Diagnostics) -> Option<Report> {
    let source = Source { file, text: &text };
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let year = match stem.parse::<SchoolYear>() {
        Ok(y) => Some(y),
        Err(_) => {
            diags.report_file(Code::ReportFilename, file, crate::msg!("report-filename", file = file_name));
            None
        }
    };
    let Some(split) = split_front_matter(&text) else {
        let message = if text.starts_with("+++") {
            crate::msg!("front-matter-open")
        } else {
            crate::msg!("front-matter-missing")
        };
        diags.report_file(Code::ReportFrontMatter, file, message);
        return None;
    };
    let doc = parse_document(split.front, source, split.front_start, diags)?;
    let f = Fields::new(
        doc.get_ref(),
        doc.span(),
        source,
        split.front_start,
        Code::ReportStatus,
        Code::ReportStatus,
        "+++ … +++",
    );
    f.unknown_keys(diags, KNOWN);
    let front_matter_span = 0..3;

    let status = match f.string(diags, "status") {
        Some(s) => match s.value.as_str() {
            "draft" => Some(ReportStatus::Draft),
            "approved" => Some(ReportStatus::Approved),
            other => {
                diags.report(
                    Code::ReportStatus,
                    source,
                    s.span,
                    crate::msg!("status-unknown", value = format!("{other:?}")),
                );
                None
            }
        },
        None => {
            if f.raw("status").is_none() {
                diags.report(Code::ReportStatus, source, front_matter_span.clone(), crate::msg!("status-missing"));
            }
            None
        }
    };
    let approved_on = f.date(diags, "approved_on");
    let claimed_level = integer_any(&f, diags, "claimed_level");
    let framework = f.text(diags, "framework").map(|l| Located { value: l.value.trim().to_owned(), span: l.span });

    let mut results = Vec::new();
    let mut results_span = front_matter_span.clone();
    if let Some((span, table)) = f.table(diags, "results") {
        results_span = span.start + split.front_start..span.end + split.front_start;
        let r =
            Fields::new(table, span, source, split.front_start, Code::ResultsRange, Code::ResultsRange, "[results]");
        for (key, value) in table.iter() {
            let criterion = nfc(key.get_ref().as_ref()).trim().to_owned();
            let key_span = key.span().start + split.front_start..key.span().end + split.front_start;
            let value_span = value.span().start + split.front_start..value.span().end + split.front_start;
            let (level, note) = match value.get_ref() {
                DeValue::Integer(_) => (integer_any(&r, diags, &criterion).map(|l| l.value), None),
                DeValue::Table(t) => {
                    let what = format!("\"{criterion}\" = {{ … }}");
                    let inner = Fields::new(
                        t,
                        value.span(),
                        source,
                        split.front_start,
                        Code::ResultsRange,
                        Code::ResultsRange,
                        &what,
                    );
                    inner.unknown_keys(diags, &["level", "note"]);
                    let level = integer_any(&inner, diags, "level").map(|l| l.value);
                    if inner.raw("level").is_none() {
                        diags.report(
                            Code::ResultsRange,
                            source,
                            value_span.clone(),
                            crate::msg!("result-no-level", criterion = criterion),
                        );
                    }
                    (level, inner.text(diags, "note").map(|n| n.value))
                }
                other => {
                    diags.report(
                        Code::ResultsRange,
                        source,
                        value_span,
                        crate::msg!(
                            "result-type",
                            criterion = criterion,
                            found => crate::content::fields::toml_type(other.type_str())
                        ),
                    );
                    (None, None)
                }
            };
            if let Some(level) = level {
                results.push(ResultEntry { criterion, level, note, span: key_span });
            }
        }
    }

    let mut level4 = Vec::new();
    let mut level4_span = None;
    if let Some((span, table)) = f.table(diags, "level4") {
        level4_span = Some(span.start + split.front_start..span.end + split.front_start);
        let l4 = Fields::new(
            table,
            span,
            source,
            split.front_start,
            Code::Level4NotApplicable,
            Code::Level4NotApplicable,
            "[level4]",
        );
        for (key, _) in table.iter() {
            let item = key.get_ref().as_ref().trim().to_owned();
            if let Some(met) = l4.boolean(diags, key.get_ref().as_ref()) {
                let span = key.span().start + split.front_start..key.span().end + split.front_start;
                level4.push(Level4Entry { item, met: met.value, span });
            }
        }
    }

    Some(Report {
        year: year?,
        file: file.to_owned(),
        status: status?,
        approved_on,
        claimed_level,
        framework,
        results,
        results_span,
        level4,
        level4_span,
        body_start: split.body_start,
        front_matter_span,
        text: text.clone(),
        path: PathBuf::new(),
        released: None,
    })
}

fn text_hash(text: &str) -> u64 {
    // Tells an edit during the build from the text that was checked; Fx, as the school
    // fingerprint, for speed over the text of every report.
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// A released report body that could not be read again.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the report {file} again ({reason}): run the build again")]
pub struct BodyError {
    /// The report, relative to the site root.
    pub file: String,
    /// Why.
    pub reason: String,
}

/// An integer of any size (its range depends on the framework, checked later).
fn integer_any(f: &Fields<'_, '_>, diags: &mut Diagnostics, key: &str) -> Option<Located<i64>> {
    f.integer(diags, key, i64::MIN..i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_released_body_is_read_again_and_an_edit_during_the_build_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2025-2026.md");
        let text = "\u{feff}+++\nstatus = \"draft\"\n+++\nTru\u{31b}o\u{31b}\u{300}ng\n";
        fs::write(&path, text).unwrap();
        let mut diags = Diagnostics::new();
        let mut r =
            parse("x/2025-2026.md", "2025-2026.md", nfc(text.trim_start_matches('\u{feff}')), &mut diags).unwrap();
        r.path = path.clone();
        r.release_body();
        assert!(r.text.is_empty());
        // Read again: BOM removed and NFC, as when it was loaded.
        assert_eq!(r.body().unwrap(), "Trường\n");
        fs::write(&path, "+++\nstatus = \"draft\"\n+++\nTrường học\n").unwrap();
        let e = r.body().unwrap_err();
        assert!(e.to_string().contains("changed during the build"), "{e}");
        fs::remove_file(&path).unwrap();
        assert!(r.body().is_err());
    }

    #[test]
    fn front_matter_is_split_at_fences() {
        let text = "+++\nstatus = \"draft\"\n+++\n# Body\n";
        let s = split_front_matter(text).unwrap();
        assert_eq!(s.front, "status = \"draft\"\n");
        assert_eq!(&text[s.body_start..], "# Body\n");
        assert!(split_front_matter("+++\nstatus = 1\n").is_none());
        assert!(split_front_matter("# no front matter\n").is_none());
    }

    #[test]
    fn a_report_with_results_and_notes_parses() {
        let text = "+++\nstatus = \"approved\"\napproved_on = 2025-06-15\nclaimed_level = 2\n[results]\n\"1.1\" = 3\n\"1.2\" = { level = 1, note = \"Chưa có phòng\" }\n[level4]\n\"1\" = true\n+++\nBody\n";
        let mut d = Diagnostics::new();
        let r = parse("content/schools/x/2024-2025.md", "2024-2025.md", text.to_owned(), &mut d).unwrap();
        assert!(d.is_empty(), "{:?}", d.into_sorted());
        assert_eq!(r.year.to_string(), "2024-2025");
        assert_eq!(r.results.len(), 2);
        assert_eq!(r.results[1].note.as_deref(), Some("Chưa có phòng"));
        assert_eq!(r.level4[0].item, "1");
        assert_eq!(r.body().unwrap(), "Body\n");
    }

    #[test]
    fn a_bad_file_name_and_missing_status_are_both_reported() {
        let mut d = Diagnostics::new();
        let r = parse("x/2024-2026.md", "2024-2026.md", "+++\nclaimed_level = 1\n+++\n".to_owned(), &mut d);
        assert!(r.is_none());
        let codes: Vec<_> = d.iter().map(|x| x.code).collect();
        assert_eq!(codes, [Code::ReportFilename, Code::ReportStatus]);
    }
}
