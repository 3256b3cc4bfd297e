//! The rows of a workbook read into schools and decisions, every fault a finding at its cell.
//!
//! A sheet whose header names `Mã trường` and `Cấp học` or `Xã/phường` lists schools (with
//! decisions on the school's own row: the wide shape); one with a `Loại` column lists decisions
//! one per row (the long shape). Both may be in one workbook.

use std::collections::BTreeMap;

use crate::calendar::Date;
use crate::content::encoding::Legacy;
use crate::content::school::{DecisionKind, Ownership, SchoolLevel};
use crate::diagnostic::{Code, Diagnostics};
use crate::import::columns::{Column, DecisionField, Layout, SchoolField, find_layout, squash};
use crate::import::values::{self, ValueFault};
use crate::import::workbook::{Cell, Sheet};
use crate::messages::Message;
use crate::msg;

/// A cell of the input: sheet and 0-based row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At {
    /// The sheet's name.
    pub sheet: String,
    /// 0-based row.
    pub row: usize,
    /// 0-based column.
    pub col: usize,
}

impl At {
    /// The cell as a spreadsheet names it: `Danh sách!D14`.
    pub fn name(&self) -> String {
        format!("{}!{}", self.sheet, cell_name(self.row, self.col))
    }

    /// The row as a spreadsheet numbers it: `Danh sách!14`.
    pub fn row_name(&self) -> String {
        format!("{}!{}", self.sheet, self.row + 1)
    }
}

/// `D14` for 0-based row 13, column 3.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).expect("ASCII"), row + 1)
}

/// A value of a school field, typed as `school.toml` holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// A string.
    Text(String),
    /// `level`.
    Level(SchoolLevel),
    /// `ownership`.
    Ownership(Ownership),
    /// `students`, `classes`.
    Count(u32),
}

impl FieldValue {
    /// As it is written in `school.toml` (for messages: `"tieu-hoc"`, `812`).
    pub fn shown(&self) -> String {
        match self {
            FieldValue::Text(t) => format!("{t:?}"),
            FieldValue::Level(l) => format!("{:?}", l.key()),
            FieldValue::Ownership(o) => format!("{:?}", o.key()),
            FieldValue::Count(n) => n.to_string(),
        }
    }
}

/// A decision read from a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDecision {
    /// Accreditation or national standard.
    pub kind: DecisionKind,
    /// Cấp độ or mức độ.
    pub level: i64,
    /// Số quyết định.
    pub number: String,
    /// Ngày quyết định.
    pub decided: Date,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Hiệu lực đến, when given.
    pub valid_until: Option<Date>,
    /// Ngày đánh giá ngoài.
    pub evaluated: Option<Date>,
    /// The row it came from.
    pub at: At,
}

/// A school read from a row.
#[derive(Debug, Clone)]
pub struct ImportedSchool {
    /// Mã trường.
    pub id: String,
    /// The fields that had a value (an empty cell changes nothing).
    pub fields: BTreeMap<SchoolField, FieldValue>,
    /// Decisions from its own row (wide) and from decision sheets (long).
    pub decisions: Vec<ImportedDecision>,
    /// Its row.
    pub at: At,
}

/// Everything a workbook holds, in the order of its rows.
#[derive(Debug, Default)]
pub struct Imported {
    /// Schools, in order.
    pub schools: Vec<ImportedSchool>,
    /// Decisions of the long shape whose school is not in the workbook: matched against
    /// `content/` by the caller.
    pub orphan_decisions: Vec<(String, ImportedDecision)>,
}

/// Sheets this program writes in `kiem-dinh.xlsx` that hold derived tables, not schools: an
/// import of its own workbook reads only `Trường` and `Quyết định`.
const DERIVED_SHEETS: &[&str] = &["ketquatieuchi", "tiendo", "uutien"];

/// Collects findings at cells of one input file.
pub struct Findings<'a> {
    file: &'a str,
    /// The findings so far.
    pub diags: Diagnostics,
}

impl<'a> Findings<'a> {
    /// Findings about `file` (its display path).
    pub fn new(file: &'a str) -> Findings<'a> {
        Findings { file, diags: Diagnostics::new() }
    }

    /// A finding at a cell.
    pub fn at(&mut self, code: Code, at: &At, message: Message) {
        self.diags.push_at(code, self.file, at.row + 1, at.col + 1, at.name(), message);
    }

    /// A finding about the whole file (a damaged or encrypted workbook).
    pub fn file(&mut self, code: Code, message: Message) {
        self.diags.report_file(code, self.file, message);
    }

    /// A finding about a whole sheet (placed at its first cell).
    pub fn sheet(&mut self, code: Code, sheet: &str, message: Message) {
        self.diags.push_at(code, self.file, 1, 1, sheet.to_owned(), message);
    }
}

/// Reads `sheets` (only the one named `only`, if given) into schools and decisions.
pub fn read(sheets: &[Sheet], only: Option<&str>, findings: &mut Findings<'_>) -> Imported {
    let mut imported = Imported::default();
    let mut first_row: BTreeMap<String, At> = BTreeMap::new();
    let mut long: Vec<(String, ImportedDecision)> = Vec::new();
    let mut seen_any = false;
    let mut best_headers: Option<(usize, String, String)> = None;
    if let Some(name) = only
        && !sheets.iter().any(|s| s.name == name)
    {
        let names = sheets.iter().map(|s| format!("\"{}\"", s.name)).collect::<Vec<_>>().join(", ");
        findings.sheet(Code::ImportColumnMissing, name, msg!("import-sheet-missing", sheet = name, sheets = names));
        return imported;
    }
    for sheet in sheets.iter().filter(|s| only.is_none_or(|o| o == s.name)) {
        if only.is_none() && DERIVED_SHEETS.contains(&squash(&sheet.name).as_str()) {
            continue;
        }
        let Some(layout) = find_layout(sheet) else {
            continue;
        };
        let known = layout.headers.iter().filter(|h| h.column.is_some()).count();
        if best_headers.as_ref().is_none_or(|(k, ..)| known > *k) {
            best_headers = Some((known, sheet.name.clone(), layout.found()));
        }
        if layout.is_long() {
            seen_any = true;
            read_long(sheet, &layout, findings, &mut long);
        } else if layout.find(Column::School(SchoolField::Level)).is_some()
            || layout.find(Column::School(SchoolField::Commune)).is_some()
            || only.is_some()
        {
            seen_any = true;
            read_schools(sheet, &layout, findings, &mut imported.schools, &mut first_row);
        }
    }
    if !seen_any {
        let (sheet, found) = match best_headers {
            Some((_, sheet, found)) => (sheet, found),
            None => (sheets.first().map(|s| s.name.clone()).unwrap_or_default(), String::new()),
        };
        let required = quoted_labels(&REQUIRED);
        if found.is_empty() {
            findings.sheet(Code::ImportColumnMissing, &sheet, msg!("import-no-header", required = required));
        } else {
            findings.sheet(
                Code::ImportColumnMissing,
                &sheet,
                msg!("import-columns-missing", missing = required, found = found),
            );
        }
    }
    // Long-shape decisions go to their school in the workbook, or wait for `content/`.
    let index: BTreeMap<String, usize> = imported.schools.iter().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
    for (id, d) in long {
        match index.get(&id) {
            Some(&i) => imported.schools[i].decisions.push(d),
            None => imported.orphan_decisions.push((id, d)),
        }
    }
    imported
}

/// The columns a sheet of schools must have.
const REQUIRED: [SchoolField; 4] = [SchoolField::Id, SchoolField::Name, SchoolField::Level, SchoolField::Commune];

/// Headers for a message, quoted: `"Mã trường", "Tên trường"`.
fn quoted_labels<'f>(fields: impl IntoIterator<Item = &'f SchoolField>) -> String {
    fields.into_iter().map(|f| format!("\"{}\"", header_label(*f))).collect::<Vec<_>>().join(", ")
}

/// True for a row to pass over: blank, a repeated header, or a total ("Tổng cộng").
fn skip_row(sheet: &Sheet, row: usize, layout: &Layout) -> bool {
    let cells = sheet.rows.get(row).map(Vec::as_slice).unwrap_or(&[]);
    if cells.iter().all(Cell::is_blank) {
        return true;
    }
    let mut texts = cells.iter().filter_map(|c| values::text(c).map(|(t, _)| crate::text::fold(&t)));
    if texts.any(|t| t.starts_with("tong cong") || t.starts_with("tong so") || t == "cong") {
        return true;
    }
    // A header repeated on every printed page.
    layout.headers.iter().all(|h| match values::text(sheet.cell(row, h.col)) {
        Some((t, _)) => squash(&t) == squash(h.text.rsplit(" – ").next().unwrap_or(&h.text)),
        None => false,
    })
}

/// Reads a sheet of schools.
fn read_schools(
    sheet: &Sheet,
    layout: &Layout,
    findings: &mut Findings<'_>,
    out: &mut Vec<ImportedSchool>,
    first_row: &mut BTreeMap<String, At>,
) {
    let missing: Vec<&SchoolField> = REQUIRED.iter().filter(|f| layout.find(Column::School(**f)).is_none()).collect();
    if !missing.is_empty() {
        let at = At { sheet: sheet.name.clone(), row: layout.row, col: 0 };
        let missing = quoted_labels(missing);
        findings.at(
            Code::ImportColumnMissing,
            &at,
            msg!("import-columns-missing", missing = missing, found = layout.found()),
        );
        return;
    }
    let id_col = layout.find(Column::School(SchoolField::Id)).expect("checked above");
    let id_width = usual_id_width(sheet, layout, id_col);
    // The wide shape's columns, by kind and field (the first column of each), from the header.
    let mut wide: BTreeMap<DecisionKind, BTreeMap<DecisionField, usize>> = BTreeMap::new();
    for h in &layout.headers {
        if let Some(Column::Wide(kind, field)) = h.column {
            wide.entry(kind).or_default().entry(field).or_insert(h.col);
        }
    }
    let mut legacy: Vec<(Legacy, Vec<At>)> = Vec::new();
    for row in layout.row + 1..sheet.rows.len() {
        if skip_row(sheet, row, layout) {
            continue;
        }
        let at = |col: usize| At { sheet: sheet.name.clone(), row, col };
        let id_cell = sheet.cell(row, id_col);
        let Some(id) = values::id(id_cell) else {
            // A row with no id but with a school's data is a fault; one with only a number in
            // an unused column (STT) is not a school.
            if layout
                .headers
                .iter()
                .any(|h| matches!(h.column, Some(Column::School(_))) && !sheet.cell(row, h.col).is_blank())
            {
                findings.at(Code::ImportValueMissing, &at(id_col), msg!("import-value-missing", column = "Mã trường"));
            }
            continue;
        };
        if values::id_is_number(id_cell) && id_width.is_some_and(|w| id.len() < w) {
            findings.at(
                Code::ImportIdDigits,
                &at(id_col),
                msg!("import-id-digits", id = id.as_str(), width = id_width.unwrap_or(0)),
            );
        }
        if let Some(first) = first_row.get(&id) {
            findings.at(
                Code::ImportDuplicateId,
                &at(id_col),
                msg!("import-duplicate-id", id = id.as_str(), first = first.row_name(), row = at(id_col).row_name()),
            );
            continue;
        }
        first_row.insert(id.clone(), at(id_col));
        let mut school = ImportedSchool { id, fields: BTreeMap::new(), decisions: Vec::new(), at: at(id_col) };
        for h in &layout.headers {
            let cell = sheet.cell(row, h.col);
            match h.column {
                Some(Column::School(field)) if field != SchoolField::Id => {
                    if let Some(value) = field_value(field, cell, &at(h.col), findings, &mut legacy) {
                        school.fields.insert(field, value);
                    } else if cell.is_blank() && REQUIRED.contains(&field) {
                        findings.at(
                            Code::ImportValueMissing,
                            &at(h.col),
                            msg!("import-value-missing", column = h.text.as_str()),
                        );
                    }
                }
                _ => {}
            }
        }
        for (kind, cols) in &wide {
            let get = |f: DecisionField| cols.get(&f).map(|&c| (sheet.cell(row, c), at(c)));
            if let Some(d) = decision(*kind, &get, &at(id_col), layout, findings, &mut legacy) {
                school.decisions.push(d);
            }
        }
        out.push(school);
    }
    report_legacy(findings, legacy);
}

/// Reads a sheet of decisions, one per row.
fn read_long(sheet: &Sheet, layout: &Layout, findings: &mut Findings<'_>, out: &mut Vec<(String, ImportedDecision)>) {
    let id_col = layout.find(Column::School(SchoolField::Id)).expect("a layout has an id column");
    let kind_col = layout.find(Column::Kind).expect("a long layout has a kind column");
    let mut legacy: Vec<(Legacy, Vec<At>)> = Vec::new();
    for row in layout.row + 1..sheet.rows.len() {
        if skip_row(sheet, row, layout) {
            continue;
        }
        let at = |col: usize| At { sheet: sheet.name.clone(), row, col };
        let Some(id) = values::id(sheet.cell(row, id_col)) else {
            findings.at(Code::ImportValueMissing, &at(id_col), msg!("import-value-missing", column = "Mã trường"));
            continue;
        };
        let kind = match values::text(sheet.cell(row, kind_col)) {
            None => {
                findings.at(Code::ImportValueMissing, &at(kind_col), msg!("import-value-missing", column = "Loại"));
                continue;
            }
            Some((t, _)) => match values::decision_kind(&t) {
                Some(k) => k,
                None => {
                    findings.at(
                        Code::ImportValueInvalid,
                        &at(kind_col),
                        msg!("import-value-invalid", value = t.as_str(), expected = msg!("import-expected-kind")),
                    );
                    continue;
                }
            },
        };
        let get = |f: DecisionField| layout.find(Column::Long(f)).map(|c| (sheet.cell(row, c), at(c)));
        if let Some(d) = decision(kind, &get, &at(id_col), layout, findings, &mut legacy) {
            out.push((id, d));
        }
    }
    report_legacy(findings, legacy);
}

/// One warning per sheet and encoding, naming the cells that were converted.
fn report_legacy(findings: &mut Findings<'_>, legacy: Vec<(Legacy, Vec<At>)>) {
    for (enc, cells) in legacy {
        let mut names: Vec<String> = cells.iter().take(20).map(|a| cell_name(a.row, a.col)).collect();
        if cells.len() > 20 {
            names.push(format!("… (+{})", cells.len() - 20));
        }
        findings.at(
            Code::ImportLegacyText,
            &cells[0],
            msg!("import-legacy-text", encoding = enc.name(), count = cells.len(), cells = names.join(", ")),
        );
    }
}

/// The header a person would look for, for messages.
fn header_label(field: SchoolField) -> &'static str {
    match field {
        SchoolField::Id => "Mã trường",
        SchoolField::Name => "Tên trường",
        SchoolField::Level => "Cấp học",
        SchoolField::Commune => "Xã/phường",
        _ => field.key(),
    }
}

/// The number of digits most ids of the column have, when most are written as digits.
fn usual_id_width(sheet: &Sheet, layout: &Layout, col: usize) -> Option<usize> {
    let mut widths: BTreeMap<usize, usize> = BTreeMap::new();
    for row in layout.row + 1..sheet.rows.len() {
        if let Some(id) = values::id(sheet.cell(row, col))
            && id.bytes().all(|b| b.is_ascii_digit())
        {
            *widths.entry(id.len()).or_default() += 1;
        }
    }
    widths.into_iter().max_by_key(|&(w, n)| (n, w)).map(|(w, _)| w)
}

/// Text of a cell, noting a legacy encoding that was converted.
fn cell_text(cell: &Cell, at: &At, legacy: &mut Vec<(Legacy, Vec<At>)>) -> Option<String> {
    let (t, enc) = values::text(cell)?;
    if let Some(enc) = enc {
        match legacy.iter_mut().find(|(e, _)| *e == enc) {
            Some((_, cells)) => cells.push(at.clone()),
            None => legacy.push((enc, vec![at.clone()])),
        }
    }
    Some(t)
}

/// A school field's value; `None` when the cell is blank or faulty (then with a finding).
fn field_value(
    field: SchoolField,
    cell: &Cell,
    at: &At,
    findings: &mut Findings<'_>,
    legacy: &mut Vec<(Legacy, Vec<At>)>,
) -> Option<FieldValue> {
    let invalid = |findings: &mut Findings<'_>, value: &str, expected: Message| {
        findings.at(Code::ImportValueInvalid, at, msg!("import-value-invalid", value = value, expected = expected));
    };
    match field {
        SchoolField::Students | SchoolField::Classes => match values::count(cell) {
            Ok(n) => n.map(FieldValue::Count),
            Err(_) => {
                let shown = values::text(cell).map(|t| t.0).unwrap_or_default();
                invalid(findings, &shown, msg!("import-expected-count"));
                None
            }
        },
        SchoolField::Level => {
            let t = cell_text(cell, at, legacy)?;
            let level = values::school_level(&t).map(FieldValue::Level);
            if level.is_none() {
                invalid(findings, &t, msg!("import-expected-school-level"));
            }
            level
        }
        SchoolField::Ownership => {
            let t = cell_text(cell, at, legacy)?;
            let ownership = values::ownership(&t).map(FieldValue::Ownership);
            if ownership.is_none() {
                invalid(findings, &t, msg!("import-expected-ownership"));
            }
            ownership
        }
        SchoolField::Id => None,
        SchoolField::Phone => {
            // A phone number typed into a number cell lost its leading 0.
            if let Cell::Number(n) = cell
                && n.fract() == 0.0
            {
                return Some(FieldValue::Text(format!("0{}", *n as i64)));
            }
            cell_text(cell, at, legacy).map(FieldValue::Text)
        }
        _ => cell_text(cell, at, legacy).map(FieldValue::Text),
    }
}

/// A decision from its cells (`get` gives each field's cell); `None` when the row has none
/// of this kind, or with findings when it is incomplete or faulty.
fn decision<'c>(
    kind: DecisionKind,
    get: &dyn Fn(DecisionField) -> Option<(&'c Cell, At)>,
    row_at: &At,
    layout: &Layout,
    findings: &mut Findings<'_>,
    legacy: &mut Vec<(Legacy, Vec<At>)>,
) -> Option<ImportedDecision> {
    let main = [DecisionField::Level, DecisionField::Number, DecisionField::Decided];
    let present: Vec<bool> = main.iter().map(|f| get(*f).is_some_and(|(c, _)| !c.is_blank())).collect();
    if !present.iter().any(|p| *p) {
        return None;
    }
    let kind_words = match kind {
        DecisionKind::Accreditation => "kiểm định",
        DecisionKind::NationalStandard => "chuẩn quốc gia",
    };
    let mut ok = true;
    for (f, p) in main.iter().zip(&present) {
        if !p {
            let at = get(*f).map(|(_, a)| a).unwrap_or_else(|| row_at.clone());
            let column = get(*f)
                .and_then(|(_, a)| layout.headers.iter().find(|h| h.col == a.col).map(|h| h.text.clone()))
                .unwrap_or_else(|| f.key().to_owned());
            findings.at(
                Code::ImportDecisionIncomplete,
                &at,
                msg!("import-decision-incomplete", kind = kind_words, column = column),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let (level_cell, level_at) = get(DecisionField::Level)?;
    let max = kind.max_level();
    let level = match values::level(level_cell) {
        Ok(Some(l)) if (1..=max).contains(&l) => Some(l),
        _ => {
            let shown = values::text(level_cell).map(|t| t.0).unwrap_or_default();
            findings.at(
                Code::ImportValueInvalid,
                &level_at,
                msg!(
                    "import-value-invalid",
                    value = shown,
                    expected = msg!("import-expected-level", kind = kind_words, max = max)
                ),
            );
            None
        }
    };
    let (number_cell, number_at) = get(DecisionField::Number)?;
    let number = cell_text(number_cell, &number_at, legacy)?;
    let date_of = |f: DecisionField, findings: &mut Findings<'_>| -> Result<Option<Date>, ()> {
        let Some((cell, at)) = get(f) else { return Ok(None) };
        match values::date(cell) {
            Ok(d) => Ok(d),
            Err(fault) => {
                let shown = values::text(cell).map(|t| t.0).unwrap_or_default();
                let message = match fault {
                    ValueFault::ImpossibleDate => msg!("import-date-impossible", value = shown),
                    ValueFault::Invalid(_) => msg!("import-date-invalid", value = shown),
                };
                findings.at(Code::ImportDateInvalid, &at, message);
                Err(())
            }
        }
    };
    let decided = date_of(DecisionField::Decided, findings);
    let valid_until = date_of(DecisionField::ValidUntil, findings);
    let evaluated = date_of(DecisionField::Evaluated, findings);
    let issuer = get(DecisionField::Issuer).and_then(|(c, a)| cell_text(c, &a, legacy));
    let (Some(level), Ok(Some(decided)), Ok(valid_until), Ok(evaluated)) = (level, decided, valid_until, evaluated)
    else {
        return None;
    };
    Some(ImportedDecision { kind, level, number, decided, issuer, valid_until, evaluated, at: row_at.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(13, 3), "D14");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(4, 27), "AB5");
    }
}
