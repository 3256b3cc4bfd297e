//! Findings about content: what is wrong, where (file, line, column) and how to fix it.
//!
//! Every stage that reads content reports through [`Diagnostics`] instead of stopping at the
//! first fault, so that one bad school never hides another's.
//!
//! To add a finding's message: pass `crate::msg!("my-key", name = value)` to
//! [`Diagnostics::report`] (or `report_file`/`push`) and write `my-key = …` in **both**
//! `locales/vi.ftl` and `locales/en.ftl` (see [`crate::messages`]). To add a code: a line of
//! the `codes!` table below, a section of `docs/huong-dan/ma-loi.md` and a fixture in
//! `tests/fixtures/check/<code>/`.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::messages::{Lang, Message};

/// How serious a finding is: errors block `build`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks `build`; `check` exits 1.
    Error,
    /// Reported; blocks only with `--deny-warnings`.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $sev:ident;)*) => {
        /// The stable diagnostic codes of `content-format.md` (people's scripts match on them).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $(
            #[doc = concat!("`", $name, "`")]
            $variant,
        )* }

        impl Code {
            /// Every code, in the order of the spec's table.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in the spec, e.g. `results.missing`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// True for the findings of `minhbach import`, which point into the spreadsheet or
            /// document being imported rather than into `content/`.
            pub fn is_import(self) -> bool {
                self.name().starts_with("import.")
            }

            /// The severity the spec gives the code.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    TomlSyntax = "toml.syntax", Error;
    EncodingUtf8 = "encoding.utf8", Error;
    EncodingLegacy = "encoding.legacy", Error;
    ConfigInvalid = "config.invalid", Error;
    UnknownKey = "unknown-key", Warning;
    SchoolSlug = "school.slug", Error;
    SchoolFieldMissing = "school.field-missing", Error;
    SchoolFieldInvalid = "school.field-invalid", Error;
    SchoolDuplicateId = "school.duplicate-id", Error;
    ProvinceMerged = "province.merged", Warning;
    ReportFilename = "report.filename", Error;
    ReportFrontMatter = "report.front-matter", Error;
    ReportStatus = "report.status", Error;
    ReportFramework = "report.framework", Error;
    ReportFrameworkDate = "report.framework-date", Warning;
    ReportLate = "report.late", Warning;
    ResultsMissing = "results.missing", Error;
    ResultsUnknown = "results.unknown", Error;
    ResultsRange = "results.range", Error;
    ResultsRepealed = "results.repealed", Warning;
    LevelMissing = "level.missing", Error;
    LevelMismatch = "level.mismatch", Error;
    Level4NotApplicable = "level4.not-applicable", Error;
    StructureCriterionUnknown = "structure.criterion-unknown", Error;
    StructureCriterionMisplaced = "structure.criterion-misplaced", Error;
    StructureDuplicate = "structure.duplicate", Error;
    StructureSectionMissing = "structure.section-missing", Warning;
    EvidenceUnknown = "evidence.unknown", Error;
    EvidenceFormat = "evidence.format", Error;
    EvidenceCriterion = "evidence.criterion", Error;
    EvidenceDuplicate = "evidence.duplicate", Error;
    EvidenceUnused = "evidence.unused", Warning;
    EvidenceNone = "evidence.none", Warning;
    DecisionInvalid = "decision.invalid", Error;
    DecisionExpiring = "decision.expiring", Warning;
    DecisionInconsistent = "decision.inconsistent", Warning;
    HtmlUnsafe = "html.unsafe", Warning;
    LinkBroken = "link.broken", Error;
    PathEscape = "path.escape", Error;
    AttachmentType = "attachment.type", Error;
    AttachmentSanitised = "attachment.sanitised", Warning;
    ImportUnreadable = "import.unreadable", Error;
    ImportEncrypted = "import.encrypted", Error;
    ImportTooLarge = "import.too-large", Error;
    ImportColumnMissing = "import.column-missing", Error;
    ImportValueMissing = "import.value-missing", Error;
    ImportValueInvalid = "import.value-invalid", Error;
    ImportDateInvalid = "import.date-invalid", Error;
    ImportDuplicateId = "import.duplicate-id", Error;
    ImportDecisionIncomplete = "import.decision-incomplete", Error;
    ImportSchoolUnknown = "import.school-unknown", Error;
    ImportContentInvalid = "import.content-invalid", Error;
    ImportLegacyText = "import.legacy-text", Warning;
    ImportIdDigits = "import.id-digits", Warning;
    ImportConverterMissing = "import.converter-missing", Error;
    ImportYearMissing = "import.year-missing", Error;
    ImportFrameworkMissing = "import.framework-missing", Error;
    ImportReportExists = "import.report-exists", Error;
    ImportResultMissing = "import.result-missing", Warning;
    ImportResultConflict = "import.result-conflict", Warning;
    ImportClaimedMissing = "import.claimed-missing", Warning;
    ImportNotUnderstood = "import.not-understood", Warning;
    ImportImageRefused = "import.image-refused", Warning;
    ImportMacros = "import.macros", Warning;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// One finding: a code, the place, and a sentence saying what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning (the code's own severity).
    pub severity: Severity,
    /// Stable code from the spec's table.
    pub code: Code,
    /// Path of the file, relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line of the offending text (1 when the whole file is at fault).
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Where in a file that is not text the finding is, in the words of the program that
    /// shows it: a spreadsheet cell `Danh sách!D14` (then `line` is the row and `column` the
    /// column number). `None` for text files, placed by line and column alone.
    pub place: Option<String>,
    /// What is wrong and how to fix it, in plain words: a key of the message catalogs
    /// (`locales/*.ftl`) with its arguments, put into words by [`Diagnostic::text`].
    pub message: Message,
}

impl Diagnostic {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        self.message.render(lang)
    }

    /// "lỗi"/"cảnh báo" or "error"/"warning".
    pub fn severity_name(&self, lang: Lang) -> &'static str {
        match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        }
    }

    /// The finding as in the JSON document of `check --format json`, its message in `lang`
    /// (with `place` only for a finding that has one).
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut json = serde_json::json!({
            "severity": self.severity,
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.text(lang),
        });
        if let Some(place) = &self.place {
            json["place"] = serde_json::Value::from(place.as_str());
        }
        json
    }

    /// Where the finding is, for people: `file:line:column`, `file:place` for a cell
    /// (`truong.xlsx:Danh sách!D14`), or `file: place` for a part of a document
    /// (`th-dinh-bo-linh.docx: bảng 3, hàng 7`), as `import.md` writes them.
    pub fn location(&self) -> String {
        match &self.place {
            Some(place) if place.contains('!') => format!("{}:{place}", self.file),
            Some(place) => format!("{}: {place}", self.file),
            None => format!("{}:{}:{}", self.file, self.line, self.column),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = self.severity_name(Lang::Vi);
        write!(f, "{}: {sev}[{}]: {}", self.location(), self.code, self.message)
    }
}

/// A text file being reported on: its path for messages and its text for line numbers.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Path relative to the site root, `/`-separated.
    pub file: &'a str,
    /// The text of the file (NFC) as it was parsed.
    pub text: &'a str,
}

impl Source<'_> {
    /// 1-based line and character column of byte `offset` (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

/// The findings of a run, collected from every stage.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Records a finding at byte range `span` of `source`.
    pub fn report(&mut self, code: Code, source: Source<'_>, span: Range<usize>, message: Message) {
        let (line, column) = source.line_col(span.start);
        self.push(code, source.file, line, column, message);
    }

    /// Records a finding about a whole file (line 1, column 1), e.g. an unreadable one.
    pub fn report_file(&mut self, code: Code, file: &str, message: Message) {
        self.push(code, file, 1, 1, message);
    }

    /// Records a finding at an already known line and column.
    pub fn push(&mut self, code: Code, file: &str, line: usize, column: usize, message: Message) {
        self.record(code, file, line, column, None, message);
    }

    /// Records a finding at a place of a file that is not text (`Danh sách!D14`), with the
    /// 1-based row and column it stands for.
    pub fn push_at(&mut self, code: Code, file: &str, line: usize, column: usize, place: String, message: Message) {
        self.record(code, file, line, column, Some(place), message);
    }

    fn record(&mut self, code: Code, file: &str, line: usize, column: usize, place: Option<String>, message: Message) {
        let file = file.to_owned();
        self.items.push(Diagnostic { severity: code.severity(), code, file, line, column, place, message });
    }

    /// Adds every finding of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.items.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The findings sorted by file, line, column and code, so output is deterministic.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code, &a.message).cmp(&(&b.file, b.line, b.column, b.code, &b.message))
        });
        self.items
    }

    /// The findings in the order they were recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

/// Errors among `diags` (a sorted list, as [`Diagnostics::into_sorted`] gives).
pub fn count_errors(diags: &[Diagnostic]) -> usize {
    diags.iter().filter(|d| d.severity == Severity::Error).count()
}

/// `path` relative to `root`, `/`-separated, for messages and JSON (stable across systems).
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let src = Source { file: "x.toml", text: "a = 1\nname = \"Đinh\" x\n" };
        let off = src.text.find('x').unwrap();
        assert_eq!(src.line_col(off), (2, 15));
        assert_eq!(src.line_col(0), (1, 1));
    }

    #[test]
    fn every_code_has_a_distinct_name() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        assert_eq!(Code::ALL.len(), 64);
    }
}
