//! `minhbach import`: the Sở's spreadsheets into the files of `content-format.md` (`import.md`).
//!
//! An edge of the pipeline beside [`crate::content`]: the workbook is read once
//! ([`workbook`]), its header row found and its columns named ([`columns`]), its cells read into
//! typed values ([`values`]) and rows into schools and decisions ([`sheets`]), then matched with
//! `content/` into edits of `school.toml` documents ([`plan`]). All or nothing: on any error
//! nothing is written; otherwise every file is written beside its target first, then renamed
//! into place.

pub mod archive;
pub mod columns;
pub mod fix_encoding;
pub mod plan;
pub mod sheets;
pub mod values;
pub mod word;
pub mod workbook;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::config::DateSource;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, display_path};
use crate::msg;

pub use plan::{Edit, FileChange};

/// What `import schools` was asked to do.
#[derive(Debug, Clone)]
pub struct SchoolsImport {
    /// The site's folder (with `config.toml`).
    pub root: PathBuf,
    /// The spreadsheet.
    pub file: PathBuf,
    /// Only this sheet.
    pub sheet: Option<String>,
    /// Print the changes, write nothing.
    pub dry_run: bool,
}

/// What an import found and did.
#[derive(Debug)]
pub struct ImportOutcome {
    /// Findings in the input (and in `content/` where they stop the import), sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The changes (made, or that would be made with `--dry-run`; none on errors).
    pub changes: Vec<FileChange>,
    /// Schools read from the workbook.
    pub schools: usize,
    /// True when the changes were written.
    pub written: bool,
}

impl ImportOutcome {
    /// Errors among the findings (any one stops the import).
    pub fn errors(&self) -> usize {
        crate::diagnostic::count_errors(&self.diagnostics)
    }
}

/// Why an import could not run at all (exit 2), as opposed to findings in its input.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No usable `config.toml`.
    #[error("{0}")]
    Load(#[from] crate::content::LoadError),
    /// `config.toml` has errors.
    #[error("config.toml has errors; run `minhbach check` first")]
    Config(Vec<Diagnostic>),
    /// The input file cannot be read from disk.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The embedded catalogs do not load (a build fault, not the user's).
    #[error("the regulation catalogs do not load: {0}")]
    Regulation(String),
    /// A file of `content/` cannot be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// A step of a long import, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading the spreadsheet.
    Reading,
    /// Matching the schools read with `content/`.
    Matching {
        /// Schools read from the spreadsheet.
        schools: usize,
    },
    /// Writing files: how many are done of how many.
    Writing {
        /// Files written.
        done: usize,
        /// Files to write.
        total: usize,
    },
}

/// Runs `import schools`.
pub fn import_schools(opts: &SchoolsImport) -> Result<ImportOutcome, ImportError> {
    import_schools_with(opts, &mut |_| {})
}

/// Runs `import schools`, telling `progress` each step.
pub fn import_schools_with(opts: &SchoolsImport, progress: &mut dyn FnMut(Step)) -> Result<ImportOutcome, ImportError> {
    let mut config_diags = Diagnostics::new();
    let Some(config) = crate::content::load_config(&opts.root, DateSource::Environment, &mut config_diags)? else {
        return Err(ImportError::Config(config_diags.into_sorted()));
    };
    progress(Step::Reading);
    let bytes = fs::read(&opts.file).map_err(|source| ImportError::Read { path: opts.file.clone(), source })?;
    let file_name = opts.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let shown = input_name(&opts.root, &opts.file);
    let mut findings = sheets::Findings::new(&shown);
    let sheets = match workbook::read(&bytes, &file_name, workbook::Limits::default()) {
        Ok(s) => s,
        Err(fault) => {
            report_fault(&mut findings, fault);
            return Ok(ImportOutcome {
                diagnostics: findings.diags.into_sorted(),
                changes: Vec::new(),
                schools: 0,
                written: false,
            });
        }
    };
    let imported = sheets::read(&sheets, opts.sheet.as_deref(), &mut findings);
    drop(sheets);
    progress(Step::Matching { schools: imported.schools.len() });
    let mut content_diags = Diagnostics::new();
    let (mut existing, mut slugs) = plan::existing(&opts.root, &mut content_diags);
    let changes = plan::plan(&opts.root, &imported, &mut existing, &mut slugs, &config.province, &mut findings);
    let mut diags = findings.diags;
    diags.extend(content_diags);
    let outcome_diags = diags.into_sorted();
    let errors = crate::diagnostic::count_errors(&outcome_diags) > 0;
    let mut outcome =
        ImportOutcome { diagnostics: outcome_diags, changes, schools: imported.schools.len(), written: false };
    if errors {
        outcome.changes.clear();
        return Ok(outcome);
    }
    if !opts.dry_run && !outcome.changes.is_empty() {
        write_all(&outcome.changes, progress)?;
        outcome.written = true;
    }
    Ok(outcome)
}

/// The input's name in findings: relative to the site root when inside it, else as given.
pub(crate) fn input_name(root: &Path, file: &Path) -> String {
    match (fs::canonicalize(root), fs::canonicalize(file)) {
        (Ok(r), Ok(f)) if f.starts_with(&r) => display_path(&r, &f),
        _ => file.to_string_lossy().into_owned(),
    }
}

/// A workbook that cannot be read at all, as a finding.
fn report_fault(findings: &mut sheets::Findings<'_>, fault: workbook::ReadFault) {
    use workbook::ReadFault;
    match fault {
        ReadFault::Unreadable(why) => findings.file(Code::ImportUnreadable, msg!("import-unreadable", reason = why)),
        ReadFault::Encrypted => findings.file(Code::ImportEncrypted, msg!("import-encrypted")),
        ReadFault::TooLarge(workbook::TooLarge::File(mb)) => {
            findings.file(Code::ImportTooLarge, msg!("import-too-large-file", megabytes = mb))
        }
        ReadFault::TooLarge(workbook::TooLarge::Unzipped(mb)) => {
            findings.file(Code::ImportTooLarge, msg!("import-too-large-unzipped", megabytes = mb))
        }
        ReadFault::TooLarge(workbook::TooLarge::Rows(rows)) => {
            findings.file(Code::ImportTooLarge, msg!("import-too-large-rows", rows = rows))
        }
        ReadFault::CellTooLong { sheet, row, col, chars } => findings.at(
            Code::ImportTooLarge,
            &sheets::At { sheet, row, col },
            msg!("import-cell-too-long", chars = chars, limit = workbook::Limits::default().cell_chars),
        ),
    }
}

/// Writes every change: first each new text beside its file, then each renamed into place, so
/// that a failure while writing leaves no half-written `school.toml`.
fn write_all(changes: &[FileChange], progress: &mut dyn FnMut(Step)) -> Result<(), ImportError> {
    let mut staged = Vec::with_capacity(changes.len());
    let total = changes.len();
    for (done, c) in changes.iter().enumerate() {
        if done % 256 == 0 {
            progress(Step::Writing { done, total });
        }
        let dir = c.path.parent().expect("school.toml is in a folder");
        fs::create_dir_all(dir).map_err(|source| ImportError::Write { path: dir.to_path_buf(), source })?;
        let tmp = dir.join(".school.toml.import");
        fs::write(&tmp, &c.text).map_err(|source| ImportError::Write { path: tmp.clone(), source })?;
        staged.push((tmp, &c.path));
    }
    for (tmp, path) in staged {
        fs::rename(&tmp, path).map_err(|source| ImportError::Write { path: path.clone(), source })?;
    }
    Ok(())
}
