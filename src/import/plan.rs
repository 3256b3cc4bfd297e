//! What an import changes in `content/`: each school of the workbook matched by `id` with a
//! folder of `content/schools/`, or given a new one, and every change as an edit of its
//! `school.toml` document (`toml_edit`), so that comments, key order and layout survive.
//!
//! Nothing is deleted: an empty cell leaves its field alone, a key or a decision that the
//! workbook does not name stays, and a decision is added only when no decision of the same
//! kind has the same number.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

use crate::calendar::{Date, add_years};
use crate::content::school::{DEFAULT_VALIDITY_YEARS, DecisionKind, Ownership};
use crate::diagnostic::{Code, Diagnostics, display_path};
use crate::import::columns::{SchoolField, squash};
use crate::import::sheets::{FieldValue, Findings, Imported, ImportedDecision, ImportedSchool};
use crate::msg;
use crate::text::slugify;

/// A `school.toml` already in `content/`.
#[derive(Debug)]
pub struct Existing {
    /// Path of `school.toml`.
    pub path: PathBuf,
    /// The parsed document, to edit.
    pub doc: DocumentMut,
}

impl Existing {
    /// The change of this file, edited with `edits`.
    fn changed(&self, root: &Path, edits: Vec<Edit>) -> FileChange {
        let display = display_path(root, &self.path);
        FileChange { path: self.path.clone(), display, created: false, text: self.doc.to_string(), edits }
    }
}

/// One field or decision that changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A field set: key, old value as written (`None`: not there), new value.
    Field {
        /// The key in `school.toml`.
        key: &'static str,
        /// The value before, as written in TOML.
        old: Option<String>,
        /// The new value, as written in TOML.
        new: String,
    },
    /// A decision added.
    Decision {
        /// `accreditation` or `national_standard`.
        table: &'static str,
        /// Its number.
        number: String,
        /// Its level.
        level: i64,
        /// Its date.
        decided: Date,
    },
}

/// A file the import creates or changes.
#[derive(Debug, Clone)]
pub struct FileChange {
    /// Where it is written.
    pub path: PathBuf,
    /// The path relative to the site root, for messages.
    pub display: String,
    /// True for a new school folder.
    pub created: bool,
    /// Its new text.
    pub text: String,
    /// What changed, in order.
    pub edits: Vec<Edit>,
}

/// Reads every `school.toml` under `content/schools/` that `toml_edit` can parse, by id; a
/// file it cannot parse is a finding (an import must not guess around a broken file).
pub fn existing(root: &Path, diags: &mut Diagnostics) -> (BTreeMap<String, Existing>, BTreeSet<String>) {
    let mut by_id = BTreeMap::new();
    let mut slugs = BTreeSet::new();
    for dir in crate::content::school_dirs(root) {
        let Some(slug) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else { continue };
        slugs.insert(slug);
        let path = dir.join("school.toml");
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let file = display_path(root, &path);
        let doc = String::from_utf8(bytes).ok().and_then(|text| text.parse::<DocumentMut>().ok());
        let Some(doc) = doc else {
            diags.report_file(Code::ImportContentInvalid, &file, msg!("import-content-invalid"));
            continue;
        };
        let id = match doc.get("id") {
            Some(item) if item.is_str() => item.as_str().map(str::to_owned),
            Some(item) => item.as_integer().map(|i| i.to_string()),
            None => None,
        };
        if let Some(id) = id {
            by_id.entry(crate::text::nfc(id.trim())).or_insert(Existing { path, doc });
        }
    }
    (by_id, slugs)
}

/// The TOML value of a field.
fn toml_value(v: &FieldValue) -> Value {
    match v {
        FieldValue::Text(t) => Value::from(t.as_str()),
        FieldValue::Level(l) => Value::from(l.key()),
        FieldValue::Ownership(o) => Value::from(o.key()),
        FieldValue::Count(n) => Value::from(i64::from(*n)),
    }
}

/// The value as written in TOML, without its surrounding spaces and comments.
fn shown(v: &Value) -> String {
    let mut v = v.clone();
    v.decor_mut().clear();
    v.to_string()
}

/// True when the document's `item` means `want` (strings compared after NFC and trimming).
fn same(item: &Item, want: &FieldValue) -> bool {
    match (item.as_value(), want) {
        (Some(Value::String(s)), FieldValue::Text(t)) => crate::text::nfc(s.value().trim()) == *t,
        (Some(Value::String(s)), FieldValue::Level(l)) => s.value() == l.key(),
        (Some(Value::String(s)), FieldValue::Ownership(o)) => s.value() == o.key(),
        (Some(Value::Integer(i)), FieldValue::Count(n)) => *i.value() == i64::from(*n),
        _ => false,
    }
}

/// A field whose value is the default may be left out of `school.toml`.
fn is_default(field: SchoolField, value: &FieldValue, province: &str) -> bool {
    match (field, value) {
        (SchoolField::Ownership, FieldValue::Ownership(Ownership::CongLap)) => true,
        (SchoolField::Province, FieldValue::Text(t)) => crate::text::fold(t) == crate::text::fold(province),
        _ => false,
    }
}

fn toml_date(d: Date) -> Value {
    use chrono::Datelike;
    // Every date here comes from a calendar date between 1900 and 2200.
    let date = toml_edit::Date { year: d.year() as u16, month: d.month() as u8, day: d.day() as u8 };
    Value::from(toml_edit::Datetime { date: Some(date), time: None, offset: None })
}

/// The `[[accreditation]]` / `[[national_standard]]` table of a decision; `valid_until` only
/// when it is not the default five years.
fn decision_table(d: &ImportedDecision) -> Table {
    let mut t = Table::new();
    t.insert("level", Item::Value(Value::from(d.level)));
    t.insert("decision", Item::Value(Value::from(d.number.as_str())));
    t.insert("decided", Item::Value(toml_date(d.decided)));
    if let Some(until) = d.valid_until.filter(|u| *u != add_years(d.decided, DEFAULT_VALIDITY_YEARS)) {
        t.insert("valid_until", Item::Value(toml_date(until)));
    }
    if let Some(issuer) = &d.issuer {
        t.insert("issuer", Item::Value(Value::from(issuer.as_str())));
    }
    if let Some(evaluated) = d.evaluated {
        t.insert("evaluated", Item::Value(toml_date(evaluated)));
    }
    t
}

/// The numbers of the decisions of a kind that `doc` already has, squashed for comparison.
fn numbers(doc: &DocumentMut, kind: DecisionKind) -> BTreeSet<String> {
    doc.get(kind.key())
        .and_then(Item::as_array_of_tables)
        .map(|a| a.iter().filter_map(|t| t.get("decision").and_then(Item::as_str)).map(squash).collect())
        .unwrap_or_default()
}

/// Adds the decisions that `doc` lacks; returns the edits.
fn add_decisions(doc: &mut DocumentMut, decisions: &[ImportedDecision]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for d in decisions {
        let table = d.kind.key();
        if numbers(doc, d.kind).contains(&squash(&d.number)) {
            continue;
        }
        if doc.get(table).and_then(Item::as_array_of_tables).is_none() {
            doc.insert(table, Item::ArrayOfTables(ArrayOfTables::new()));
        }
        if let Some(array) = doc.get_mut(table).and_then(Item::as_array_of_tables_mut) {
            array.push(decision_table(d));
            edits.push(Edit::Decision { table, number: d.number.clone(), level: d.level, decided: d.decided });
        }
    }
    edits
}

/// The folder name of a new school: its name without "Trường", folded; on a clash, with its
/// commune, then with its id.
fn new_slug(school: &ImportedSchool, taken: &BTreeSet<String>) -> String {
    let text = |f: SchoolField| match school.fields.get(&f) {
        Some(FieldValue::Text(t)) => t.clone(),
        _ => String::new(),
    };
    let name = text(SchoolField::Name);
    let folded = crate::text::fold(&name);
    let short = if folded.starts_with("truong ") { name.split_once(' ').map_or(name.as_str(), |x| x.1) } else { &name };
    let base = slugify(short);
    let base = if base.is_empty() { slugify(&school.id) } else { base };
    let candidates = [
        base.clone(),
        format!("{base}-{}", slugify(&text(SchoolField::Commune))),
        format!("{base}-{}", slugify(&school.id)),
    ];
    for c in candidates {
        if !c.is_empty() && !c.ends_with('-') && !taken.contains(&c) {
            return c;
        }
    }
    let mut n = 2;
    loop {
        let c = format!("{base}-{}-{n}", slugify(&school.id));
        if !taken.contains(&c) {
            return c;
        }
        n += 1;
    }
}

/// Works out every change; findings (e.g. a decision for a school that exists nowhere) go to
/// `findings`.
pub fn plan(
    root: &Path,
    imported: &Imported,
    existing: &mut BTreeMap<String, Existing>,
    slugs: &mut BTreeSet<String>,
    province: &str,
    findings: &mut Findings<'_>,
) -> Vec<FileChange> {
    let mut changes = Vec::new();
    let mut orphans: BTreeMap<&str, Vec<ImportedDecision>> = BTreeMap::new();
    for (id, d) in &imported.orphan_decisions {
        if existing.contains_key(id) {
            orphans.entry(id.as_str()).or_default().push(d.clone());
        } else {
            let at = crate::import::sheets::At { col: 0, ..d.at.clone() };
            findings.at(Code::ImportSchoolUnknown, &at, msg!("import-school-unknown", id = id.as_str()));
        }
    }
    for school in &imported.schools {
        match existing.get_mut(&school.id) {
            Some(ex) => {
                let mut edits = Vec::new();
                for (field, value) in &school.fields {
                    let key = field.key();
                    match ex.doc.get_mut(key) {
                        Some(item) if same(item, value) => {}
                        None if is_default(*field, value, province) => {}
                        Some(item) if item.is_value() => {
                            let old = item.as_value().map(shown);
                            let mut new = toml_value(value);
                            if let Some(v) = item.as_value() {
                                *new.decor_mut() = v.decor().clone();
                            }
                            *item = Item::Value(new.clone());
                            edits.push(Edit::Field { key, old, new: shown(&new) });
                        }
                        // A table where a value belongs is a fault `check` reports; left alone.
                        Some(_) => {}
                        None => {
                            let new = toml_value(value);
                            ex.doc.insert(key, Item::Value(new.clone()));
                            edits.push(Edit::Field { key, old: None, new: shown(&new) });
                        }
                    }
                }
                edits.extend(add_decisions(&mut ex.doc, &school.decisions));
                if !edits.is_empty() {
                    changes.push(ex.changed(root, edits));
                }
            }
            None => {
                let slug = new_slug(school, slugs);
                slugs.insert(slug.clone());
                let mut doc = DocumentMut::new();
                let mut edits = Vec::new();
                let id = FieldValue::Text(school.id.clone());
                let fields = std::iter::once((SchoolField::Id, &id))
                    .chain(SchoolField::ALL.iter().skip(1).filter_map(|f| school.fields.get(f).map(|v| (*f, v))));
                for (field, value) in fields.filter(|(f, v)| !is_default(*f, v, province)) {
                    let v = toml_value(value);
                    edits.push(Edit::Field { key: field.key(), old: None, new: shown(&v) });
                    doc.insert(field.key(), Item::Value(v));
                }
                edits.extend(add_decisions(&mut doc, &school.decisions));
                let path = root.join("content").join("schools").join(&slug).join("school.toml");
                changes.push(FileChange {
                    display: display_path(root, &path),
                    path,
                    created: true,
                    text: doc.to_string(),
                    edits,
                });
            }
        }
    }
    // Decisions for schools of content/ that the workbook lists only in a decision sheet.
    for (id, ds) in orphans {
        if let Some(ex) = existing.get_mut(id) {
            let edits = add_decisions(&mut ex.doc, &ds);
            if !edits.is_empty() {
                changes.push(ex.changed(root, edits));
            }
        }
    }
    changes
}
