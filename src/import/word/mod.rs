//! `minhbach import report(s)`: a school's self-assessment report in the official Word form
//! into `content/schools/<slug>/<year>.md`, always as a draft (`import.md`, "Word report").
//!
//! The file is read once ([`docx`]; a `.doc` is first converted by LibreOffice), the school and
//! year found on its cover, the framework chosen as for any report, the form read against the
//! framework ([`form`]), then the report and its images are written beside their targets and
//! renamed into place. A file with an error writes nothing; an approved report is never
//! replaced, a draft only with `--force`.

pub mod docx;
pub mod form;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::calendar::SchoolYear;
use crate::content::attachment::{self, Verdict};
use crate::content::config::{Config, DateSource};
use crate::content::{School, SchoolSlug};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, display_path};
use crate::import::ImportError;
use crate::msg;
use crate::regulation::{Framework, Regulation};
use crate::text::fold;

/// What `import report` is asked to do with one file.
#[derive(Debug, Clone, Default)]
pub struct ReportImport {
    /// The Word file.
    pub file: PathBuf,
    /// The school's folder name, when the cover should not decide.
    pub school: Option<String>,
    /// The school year, when the title should not decide.
    pub year: Option<SchoolYear>,
    /// Print what would be written; write nothing.
    pub dry_run: bool,
    /// Replace an existing draft.
    pub force: bool,
}

/// What became of one Word file.
#[derive(Debug, Clone)]
pub struct ReportOutcome {
    /// The input, as given.
    pub file: String,
    /// The school it was matched to.
    pub school: Option<SchoolSlug>,
    /// The school year.
    pub year: Option<SchoolYear>,
    /// The framework that judges it.
    pub framework: Option<String>,
    /// Criteria with a result found.
    pub criteria: usize,
    /// Criteria of the framework.
    pub criteria_total: usize,
    /// The report written (or that would be, with `--dry-run`), relative to the root.
    pub target: Option<String>,
    /// The report's text (for `--dry-run`).
    pub text: Option<String>,
    /// Images saved under `files/` (names).
    pub images: Vec<String>,
    /// True when written.
    pub written: bool,
    /// True when the draft on disk is already what this file gives (imported before).
    pub unchanged: bool,
    /// Findings in the file, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// `check` on the report written, as it would be once approved.
    pub check: Vec<Diagnostic>,
}

impl ReportOutcome {
    /// Errors among the findings.
    pub fn errors(&self) -> usize {
        crate::diagnostic::count_errors(&self.diagnostics)
    }
}

/// The site an import writes into: its config, regulation and schools.
pub struct Site {
    root: PathBuf,
    config: Config,
    regulation: Regulation,
    schools: Vec<School>,
}

impl Site {
    /// Loads `config.toml` and every `school.toml` under `root` (reports are not read).
    pub fn load(root: &Path) -> Result<Site, ImportError> {
        let mut diags = Diagnostics::new();
        let Some(config) = crate::content::load_config(root, DateSource::Environment, &mut diags)? else {
            return Err(ImportError::Config(diags.into_sorted()));
        };
        let regulation = Regulation::embedded().map_err(|e| ImportError::Regulation(e.to_string()))?;
        let dirs = crate::content::school_dirs(root);
        let mut schools = Vec::with_capacity(dirs.len());
        for dir in &dirs {
            let mut d = Diagnostics::new();
            if let crate::content::SchoolFile::Loaded(s) =
                crate::content::load_school_file(root, dir, &config.province, &mut d)
            {
                schools.push(*s);
            }
        }
        Ok(Site { root: root.to_path_buf(), config, regulation, schools })
    }
}

/// A step of `import reports`, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Files done.
    pub done: usize,
    /// Files in all.
    pub total: usize,
}

/// Runs `import report` on one file.
pub fn import_report(root: &Path, opts: &ReportImport) -> Result<ReportOutcome, ImportError> {
    let site = Site::load(root)?;
    let planned = plan(&site, opts, None);
    Ok(commit(&site, planned, opts.dry_run))
}

/// Runs `import reports` on every `.docx`, `.docm` and `.doc` under `dir` (sorted), in
/// parallel; one file's faults never stop the others.
pub fn import_reports(
    root: &Path,
    dir: &Path,
    dry_run: bool,
    force: bool,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Vec<ReportOutcome>, ImportError> {
    use rayon::prelude::*;
    let site = Site::load(root)?;
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|p| is_word_file(p))
        .collect();
    files.sort();
    let total = files.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    progress(Progress { done: 0, total });
    // Every `.doc` in one run of LibreOffice (a few seconds for dozens, not one each).
    let docs: Vec<PathBuf> =
        files.iter().filter(|f| sniff(f).is_some_and(|head| needs_conversion(&head))).cloned().collect();
    let limit = Duration::from_secs(120 + 5 * docs.len() as u64);
    let converted = std::sync::Mutex::new(if docs.is_empty() {
        std::collections::BTreeMap::new()
    } else {
        convert_docs(&docs, limit).unwrap_or_default()
    });
    let mut planned: Vec<Planned> = files
        .par_iter()
        .map(|file| {
            let opts = ReportImport { file: file.clone(), dry_run, force, ..ReportImport::default() };
            let bytes = converted.lock().ok().and_then(|mut c| c.remove(file));
            let planned = plan(&site, &opts, bytes);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(Progress { done: n, total });
            planned
        })
        .collect();
    // Two files for the same school and year: neither is written, since which one is the
    // report cannot be told (nothing has been written yet).
    let mut by_target: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for p in planned.iter().filter(|p| p.write.is_some()) {
        *by_target.entry(p.outcome.target.clone().unwrap_or_default()).or_default() += 1;
    }
    for p in &mut planned {
        let Some(target) = p.outcome.target.clone() else { continue };
        if p.write.is_some() && by_target.get(&target).copied().unwrap_or(0) > 1 {
            let mut d = Diagnostics::new();
            d.report_file(Code::ImportReportExists, &p.shown, msg!("import-report-twice", target = target.as_str()));
            p.outcome.diagnostics.extend(d.into_sorted());
            p.write = None;
        }
    }
    // Reports of one school are written one after the other (they share `files/`); schools in
    // parallel. The outcomes keep the files' order.
    let mut by_school: std::collections::BTreeMap<Option<SchoolSlug>, Vec<(usize, Planned)>> =
        std::collections::BTreeMap::new();
    for (i, p) in planned.into_iter().enumerate() {
        by_school.entry(p.outcome.school.clone()).or_default().push((i, p));
    }
    let mut outcomes: Vec<(usize, ReportOutcome)> = by_school
        .into_par_iter()
        .flat_map_iter(|(_, group)| group.into_iter().map(|(i, p)| (i, commit(&site, p, dry_run))).collect::<Vec<_>>())
        .collect();
    outcomes.sort_by_key(|(i, _)| *i);
    Ok(outcomes.into_iter().map(|(_, o)| o).collect())
}

/// True for the extensions `import reports` reads (not Word's lock files `~$x.docx`).
pub fn is_word_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = p.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    !name.starts_with("~$") && !name.starts_with('.') && matches!(ext.as_str(), "docx" | "docm" | "doc")
}

/// Findings about one input file.
struct Findings {
    file: String,
    diags: Diagnostics,
}

impl Findings {
    fn file(&mut self, code: Code, message: crate::messages::Message) {
        self.diags.report_file(code, &self.file, message);
    }

    fn at(&mut self, code: Code, place: Option<String>, message: crate::messages::Message) {
        match place {
            Some(place) => self.diags.push_at(code, &self.file, 0, 0, place, message),
            None => self.diags.report_file(code, &self.file, message),
        }
    }
}

/// A file read and turned into a report, not yet written.
struct Planned {
    outcome: ReportOutcome,
    /// The input's name in findings.
    shown: String,
    /// What to write, when the file had no error.
    write: Option<Pending>,
}

/// The files of one imported report.
struct Pending {
    dir: PathBuf,
    target: PathBuf,
    year: SchoolYear,
    text: String,
    images: Vec<(String, Vec<u8>)>,
}

/// Reads one file into what it would write (`converted`: its `.docx` bytes, for a `.doc`
/// already converted); writes nothing.
fn plan(site: &Site, opts: &ReportImport, converted: Option<Result<Vec<u8>, DocFault>>) -> Planned {
    let shown = crate::import::input_name(&site.root, &opts.file);
    let mut findings = Findings { file: shown.clone(), diags: Diagnostics::new() };
    let mut outcome = ReportOutcome {
        file: opts.file.display().to_string(),
        school: None,
        year: None,
        framework: None,
        criteria: 0,
        criteria_total: 0,
        target: None,
        text: None,
        images: Vec::new(),
        written: false,
        unchanged: false,
        diagnostics: Vec::new(),
        check: Vec::new(),
    };
    let mut write = read(site, opts, converted, &mut findings, &mut outcome);
    outcome.diagnostics = findings.diags.into_sorted();
    if outcome.errors() > 0 {
        write = None;
    }
    Planned { outcome, shown, write }
}

/// Writes what [`plan`] made (unless `dry_run`), then checks it as if approved.
fn commit(site: &Site, planned: Planned, dry_run: bool) -> ReportOutcome {
    let Planned { mut outcome, shown, write } = planned;
    let Some(p) = write else { return outcome };
    if dry_run {
        outcome.text = Some(p.text);
        return outcome;
    }
    // An image name taken since the file was read (another report of the school, written
    // just before) gets the next free name.
    let mut text = p.text;
    let images = place_images(&p.dir.join("files"), &mut text, p.images);
    outcome.images = images.iter().map(|(n, _)| n.clone()).collect();
    match write_report(&p.dir, &p.target, &text, &images) {
        Ok(()) => {
            outcome.written = true;
            outcome.check = check_as_approved(site, &p.dir, p.year);
        }
        Err(e) => {
            let mut d = Diagnostics::new();
            d.report_file(Code::ImportUnreadable, &shown, msg!("import-word-unreadable", reason = e.to_string()));
            outcome.diagnostics.extend(d.into_sorted());
        }
    }
    outcome
}

/// Reads the file into a document, converting a `.doc`.
fn document(
    opts: &ReportImport,
    converted: Option<Result<Vec<u8>, DocFault>>,
    findings: &mut Findings,
) -> Option<docx::Document> {
    let bytes = match fs::read(&opts.file) {
        Ok(b) => b,
        Err(e) => {
            findings.file(Code::ImportUnreadable, msg!("import-word-unreadable", reason = e.to_string()));
            return None;
        }
    };
    let limits = docx::Limits::default();
    let bytes = if needs_conversion(&bytes) {
        match converted.unwrap_or_else(|| convert_doc(&opts.file)) {
            Ok(b) => b,
            Err(DocFault::NoConverter) => {
                findings.file(Code::ImportConverterMissing, msg!("import-converter-missing"));
                return None;
            }
            Err(DocFault::Failed(why)) => {
                findings.file(Code::ImportUnreadable, msg!("import-word-unreadable", reason = why));
                return None;
            }
        }
    } else {
        bytes
    };
    match docx::read(&bytes, limits) {
        Ok(d) => Some(d),
        Err(fault) => {
            let (code, message) = match fault {
                docx::ReadFault::Unreadable(why) => {
                    (Code::ImportUnreadable, msg!("import-word-unreadable", reason = why))
                }
                docx::ReadFault::Doctype(part) => (Code::ImportUnreadable, msg!("import-word-doctype", part = part)),
                docx::ReadFault::Encrypted => (Code::ImportEncrypted, msg!("import-encrypted")),
                docx::ReadFault::TooLarge(mb) => {
                    (Code::ImportTooLarge, msg!("import-too-large-unzipped", megabytes = mb))
                }
                docx::ReadFault::ParagraphTooLong(n) => (
                    Code::ImportTooLarge,
                    msg!("import-word-paragraph-too-long", paragraph = n, limit = limits.paragraph_chars >> 10),
                ),
                docx::ReadFault::TooDeep(depth) => (Code::ImportTooLarge, msg!("import-word-too-deep", depth = depth)),
            };
            findings.file(code, message);
            None
        }
    }
}

/// Enough of a file to tell whether it needs converting ([`needs_conversion`]): its first 4 KiB,
/// or all of it for an OLE file (whose `EncryptedPackage` marker may stand anywhere), so that a
/// folder of `.docx` files is not read twice.
fn sniff(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    fs::File::open(path).ok()?.take(4096).read_to_end(&mut head).ok()?;
    if docx::is_ole(&head) { fs::read(path).ok() } else { Some(head) }
}

/// True for what LibreOffice must turn into a `.docx` first: a Word 97-2003 file (not an
/// encrypted `.docx`), and what programs save under a `.doc` name that is not one: RTF, HTML
/// or MHTML (as some school-management software exports "Word"), Word 2003 XML.
fn needs_conversion(bytes: &[u8]) -> bool {
    if docx::is_ole(bytes) {
        return !docx::is_encrypted_ole(bytes);
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("{\\rtf")
        || head.starts_with("mime-version:")
        || head.contains("<html")
        || head.contains("schemas.microsoft.com/office/word/2003/wordml")
}

enum DocFault {
    NoConverter,
    Failed(String),
}

/// The LibreOffice program, if installed.
fn soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MINHBACH_SOFFICE") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["soffice", "libreoffice"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Converts a `.doc` to `.docx` bytes with LibreOffice headless (see [`convert_docs`]).
fn convert_doc(file: &Path) -> Result<Vec<u8>, DocFault> {
    let mut out = convert_docs(&[file.to_path_buf()], Duration::from_secs(120))?;
    out.remove(file)
        .unwrap_or_else(|| Err(DocFault::Failed("LibreOffice did not finish converting the file in 2 minutes".into())))
}

/// Converts `.doc` files to `.docx` bytes with one run of LibreOffice headless (its start-up
/// is most of the time of one file), in a private temporary profile and folder, within
/// `limit`. A file missing from the result was not converted in time: LibreOffice was
/// stopped, and the caller may try that file alone.
fn convert_docs(
    files: &[PathBuf],
    limit: Duration,
) -> Result<std::collections::BTreeMap<PathBuf, Result<Vec<u8>, DocFault>>, DocFault> {
    let program = soffice().ok_or(DocFault::NoConverter)?;
    let work = tempfile::tempdir().map_err(|e| DocFault::Failed(e.to_string()))?;
    let (input, output) = (work.path().join("in"), work.path().join("out"));
    fs::create_dir_all(&input).map_err(|e| DocFault::Failed(e.to_string()))?;
    let mut names = Vec::with_capacity(files.len());
    for (i, file) in files.iter().enumerate() {
        let name = input.join(format!("{i}.doc"));
        fs::copy(file, &name).map_err(|e| DocFault::Failed(e.to_string()))?;
        names.push(name);
    }
    let profile = format!("-env:UserInstallation=file://{}", work.path().join("profile").display());
    let mut command = Command::new(&program);
    // Its own process group: `soffice` is a script that starts `soffice.bin`, and a timeout
    // must stop both.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command
        .arg(profile)
        .args(["--headless", "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(&output)
        .args(&names)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| DocFault::Failed(format!("{}: {e}", program.display())))?;
    let start = Instant::now();
    let finished = loop {
        match child.try_wait() {
            Ok(Some(_)) => break true,
            Ok(None) if start.elapsed() > limit => {
                #[cfg(target_os = "linux")]
                if let Some(group) = rustix::process::Pid::from_raw(child.id() as i32) {
                    let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
                }
                let _ = child.kill();
                let _ = child.wait();
                break false;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(DocFault::Failed(e.to_string())),
        }
    };
    let mut out = std::collections::BTreeMap::new();
    for (i, file) in files.iter().enumerate() {
        match fs::read(output.join(format!("{i}.docx"))) {
            Ok(bytes) => {
                out.insert(file.clone(), Ok(bytes));
            }
            // LibreOffice ran to its end without writing this one: it could not read it.
            Err(_) if finished => {
                let why = "LibreOffice could not convert this .doc file (damaged or protected?)".to_owned();
                out.insert(file.clone(), Err(DocFault::Failed(why)));
            }
            Err(_) => {}
        }
    }
    Ok(out)
}

/// The text of the cover: the blocks before the first part of the form (at most 80).
fn cover_text(doc: &docx::Document) -> String {
    let mut out = String::new();
    for block in doc.blocks.iter().take(80) {
        match block {
            docx::Block::Paragraph(p) => {
                let words = fold(&p.text);
                let w = words.trim();
                if w.starts_with("muc luc")
                    || w.starts_with("danh muc")
                    || w.starts_with("phan i")
                    || w.starts_with("bang tong hop")
                {
                    break;
                }
                out.push_str(&p.text);
                out.push('\n');
            }
            docx::Block::Table(t) => {
                for row in t.grid() {
                    out.push_str(&row.join(" "));
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The school year in folded text: "năm học 2025-2026", "năm học 2025 - 2026".
fn year_in(text: &str) -> Option<SchoolYear> {
    let folded = fold(text);
    let mut from = 0;
    while let Some(i) = folded[from..].find("nam hoc").map(|i| from + i) {
        let rest = &folded[i + 7..];
        let digits: Vec<&str> = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).take(2).collect();
        let near = rest.chars().take(16).filter(char::is_ascii_digit).count() >= 8;
        if near && digits.len() == 2 && digits[0].len() == 4 && digits[1].len() == 4 {
            if let Ok(y) = format!("{}-{}", digits[0], digits[1]).parse() {
                return Some(y);
            }
        }
        from = i + 7;
    }
    None
}

/// A school's name folded, "Trường" dropped and the usual abbreviations spelled out.
fn name_key(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let mut out = Vec::new();
    for w in words {
        let long = match w {
            "truong" => continue,
            "th" => "tieu hoc",
            "thcs" => "trung hoc co so",
            "thpt" => "trung hoc pho thong",
            "mn" => "mam non",
            "mg" => "mau giao",
            "ptdtnt" => "pho thong dan toc noi tru",
            "ptdtbt" => "pho thong dan toc ban tru",
            "pt" => "pho thong",
            "gd" => "giao duc",
            "gdtx" => "giao duc thuong xuyen",
            "gdnn" => "giao duc nghe nghiep",
            w => w,
        };
        out.push(long);
    }
    out.join(" ")
}

/// The school the cover (or the file name) names.
fn match_school<'s>(site: &'s Site, cover: &str, file: &Path, findings: &mut Findings) -> Option<&'s School> {
    let tokens: BTreeSet<&str> = cover.split(|c: char| !c.is_alphanumeric()).filter(|t| t.len() >= 4).collect();
    let by_id: Vec<&School> =
        site.schools.iter().filter(|s| s.id.value.0.len() >= 4 && tokens.contains(s.id.value.0.as_str())).collect();
    if by_id.len() == 1 {
        return Some(by_id[0]);
    }
    let key = format!(" {} ", name_key(cover));
    let mut best: Vec<&School> = Vec::new();
    let mut best_len = 0;
    for s in &site.schools {
        let name = name_key(&s.name);
        if name.is_empty() || !key.contains(&format!(" {name} ")) {
            continue;
        }
        match name.len().cmp(&best_len) {
            std::cmp::Ordering::Greater => {
                best_len = name.len();
                best = vec![s];
            }
            std::cmp::Ordering::Equal => best.push(s),
            std::cmp::Ordering::Less => {}
        }
    }
    if best.len() > 1 {
        // The same name in several communes: the commune on the cover decides.
        let here: Vec<&School> =
            best.iter().copied().filter(|s| key.contains(&format!(" {} ", name_key(&s.commune)))).collect();
        if here.len() == 1 {
            return Some(here[0]);
        }
    }
    if best.len() == 1 {
        return Some(best[0]);
    }
    // The file name, last: `th-dinh-bo-linh.docx` or `TH Đinh Bộ Lĩnh 2025.docx`.
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let slug = crate::text::slugify(&stem);
    if let Some(s) = site.schools.iter().find(|s| s.slug.0 == slug || slug.starts_with(&format!("{}-", s.slug.0))) {
        return Some(s);
    }
    let stem_key = format!(" {} ", name_key(&stem));
    let by_stem: Vec<&School> = site
        .schools
        .iter()
        .filter(|s| {
            let n = name_key(&s.name);
            !n.is_empty() && stem_key.contains(&format!(" {n} "))
        })
        .collect();
    if by_stem.len() == 1 {
        return Some(by_stem[0]);
    }
    let candidates: Vec<&str> = best.iter().chain(by_stem.iter()).map(|s| s.slug.0.as_str()).collect();
    if candidates.is_empty() {
        findings.file(Code::ImportSchoolUnknown, msg!("import-word-school-unknown"));
    } else {
        findings.file(Code::ImportSchoolUnknown, msg!("import-word-school-ambiguous", schools = candidates.join(", ")));
    }
    None
}

/// Reads one file against the site: its findings go to `findings`, what is known of it to
/// `outcome`; what it would write is returned (none when nothing is to be written).
fn read(
    site: &Site,
    opts: &ReportImport,
    converted: Option<Result<Vec<u8>, DocFault>>,
    findings: &mut Findings,
    outcome: &mut ReportOutcome,
) -> Option<Pending> {
    let doc = document(opts, converted, findings)?;
    if doc.macros {
        findings.file(Code::ImportMacros, msg!("import-macros"));
    }
    for (encoding, runs) in &doc.legacy {
        findings.file(Code::ImportLegacyText, msg!("import-word-legacy", encoding = *encoding, runs = *runs));
    }
    let cover = cover_text(&doc);
    let school = match &opts.school {
        Some(slug) => match site.schools.iter().find(|s| s.slug.0 == *slug) {
            Some(s) => Some(s),
            None => {
                findings.file(Code::ImportSchoolUnknown, msg!("import-word-school-slug", slug = slug.as_str()));
                None
            }
        },
        None => match_school(site, &cover, &opts.file, findings),
    };
    let year = opts.year.or_else(|| year_in(&cover)).or_else(|| {
        let all: String = doc
            .blocks
            .iter()
            .take(400)
            .filter_map(|b| match b {
                docx::Block::Paragraph(p) => Some(p.text.as_str()),
                docx::Block::Table(_) => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        year_in(&all)
    });
    if year.is_none() {
        findings.file(Code::ImportYearMissing, msg!("import-year-missing"));
    }
    outcome.year = year;
    let (Some(school), Some(year)) = (school, year) else { return None };
    outcome.school = Some(school.slug.clone());
    let framework: &Framework = match site.regulation.selection.select(school.level, year, site.config.build_date) {
        Ok((_, id)) => site.regulation.framework(&id.0).expect("selection names known frameworks"),
        Err(_) => {
            findings.file(
                Code::ImportFrameworkMissing,
                msg!("import-framework-missing", level = school.level.label().to_lowercase(), year = year),
            );
            return None;
        }
    };
    outcome.framework = Some(framework.id.0.clone());
    outcome.criteria_total = framework.criteria().count();
    let imported = form::Reader::new(framework, &doc).read();
    for f in &imported.findings {
        findings.at(f.code, f.place.clone(), f.message.clone());
    }
    outcome.criteria = imported.results.len();

    let dir = site.root.join("content").join("schools").join(&school.slug.0);
    let target = dir.join(format!("{year}.md"));
    outcome.target = Some(display_path(&site.root, &target));
    let existing = fs::read_to_string(&target).ok();
    if let Some(existing) = &existing {
        // Only a report that is certainly a draft may be replaced: one whose front matter does
        // not read is kept like an approved one.
        let draft = crate::content::report::split_front_matter(existing)
            .and_then(|s| toml::from_str::<toml::Table>(s.front).ok())
            .is_some_and(|t| t.get("status").and_then(toml::Value::as_str) == Some("draft"));
        if !draft {
            findings.file(
                Code::ImportReportExists,
                msg!("import-report-approved", target = outcome.target.clone().unwrap_or_default()),
            );
            return None;
        }
    }
    // Images: vetted as attachments are, named without clashing with the school's files.
    let files_dir = dir.join("files");
    let mut vetted: Vec<(String, Vec<u8>)> = Vec::new();
    let mut body = imported.body.clone();
    let mut seen_images = BTreeSet::new();
    for &i in &imported.images {
        if !seen_images.insert(i) {
            continue;
        }
        let img = &doc.images[i];
        let ext = img.name.rsplit_once('.').map(|(_, e)| e.to_owned()).unwrap_or_default();
        let verdict = match attachment::Kind::of_extension(&ext) {
            Some(
                kind
                @ (attachment::Kind::Png | attachment::Kind::Jpeg | attachment::Kind::Gif | attachment::Kind::Webp),
            ) => attachment::vet_head(kind, &ext, &img.bytes[..img.bytes.len().min(4096)]),
            Some(attachment::Kind::Svg) => attachment::vet_svg(&img.bytes),
            _ => Verdict::Refused(msg!("import-image-type", ext = ext.as_str())),
        };
        let link = format!("![](files/{})", img.name);
        let bytes = match verdict {
            Verdict::Publish => img.bytes.clone(),
            Verdict::Sanitised { bytes, removed } => {
                findings.file(
                    Code::ImportImageRefused,
                    msg!("import-image-sanitised", image = img.original.as_str(), removed = removed.join(", ")),
                );
                bytes
            }
            Verdict::Refused(why) => {
                findings.file(
                    Code::ImportImageRefused,
                    msg!("import-image-refused", image = img.original.as_str(), reason = why),
                );
                body = body.replace(&format!("{link}\n"), "").replace(&link, "");
                continue;
            }
        };
        vetted.push((img.name.clone(), bytes));
    }
    let mut text = report_text(framework, &imported, &body);
    let saved = place_images(&files_dir, &mut text, vetted);
    outcome.images = saved.iter().map(|(n, _)| n.clone()).collect();
    if let Some(existing) = existing {
        let images_same = saved.iter().all(|(name, bytes)| fs::read(files_dir.join(name)).is_ok_and(|b| b == *bytes));
        if existing == text && images_same {
            // The same file imported again: nothing to do, and nothing wrong.
            outcome.unchanged = true;
            return None;
        }
        if !opts.force {
            findings.file(
                Code::ImportReportExists,
                msg!("import-report-draft", target = outcome.target.clone().unwrap_or_default()),
            );
            return None;
        }
    }
    Some(Pending { dir, target, year, text, images: saved })
}

/// Gives each image a name in `files/` that no different file has there (its own, or with `-2`,
/// `-3`…), and points the report's links (`text`) at the names given.
fn place_images(files: &Path, text: &mut String, images: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    let mut taken = BTreeSet::new();
    let mut placed = Vec::with_capacity(images.len());
    for (name, bytes) in images {
        let free = free_name(files, &name, &bytes, &taken);
        if free != name {
            *text = text.replace(&format!("![](files/{name})"), &format!("![](files/{free})"));
        }
        taken.insert(free.clone());
        placed.push((free, bytes));
    }
    placed
}

/// A name for an image in `files/`: its own, or with `-2`, `-3`… when a different file has it.
fn free_name(dir: &Path, name: &str, bytes: &[u8], taken: &BTreeSet<String>) -> String {
    for n in 1.. {
        let candidate = if n == 1 { name.to_owned() } else { docx::numbered_name(name, n) };
        if taken.contains(&candidate) {
            continue;
        }
        match fs::read(dir.join(&candidate)) {
            Ok(existing) if existing != bytes => continue,
            _ => return candidate,
        }
    }
    unreachable!("some name is free")
}

/// The report file: front matter in the catalog's order, then the body.
fn report_text(framework: &Framework, imported: &form::Imported, body: &str) -> String {
    let mut out = String::from("+++\n");
    out.push_str("# Nhập từ tệp Word bằng `minhbach import report`: đọc lại, sửa nếu cần, rồi phê duyệt\n");
    out.push_str("# (status = \"approved\" và approved_on = ngày phê duyệt).\n");
    out.push_str("status = \"draft\"\n");
    if let Some(c) = imported.claimed {
        let _ = writeln!(out, "claimed_level = {c}");
    }
    out.push_str("\n[results]\n");
    for (i, s) in framework.standards.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for c in &s.criteria {
            let Some(found) = imported.results.get(&c.id.0) else { continue };
            match &found.note {
                Some(note) => {
                    let note = toml_edit::Value::from(note.as_str()).to_string();
                    let _ = writeln!(out, "\"{}\" = {{ level = {}, note = {} }}", c.id, found.level, note.trim());
                }
                None => {
                    let _ = writeln!(out, "\"{}\" = {}", c.id, found.level);
                }
            }
        }
    }
    if !framework.level4.is_empty() && !imported.level4.is_empty() {
        out.push_str("\n[level4]\n");
        for (item, ok) in &imported.level4 {
            let _ = writeln!(out, "\"{item}\" = {ok}");
        }
    }
    out.push_str("+++\n");
    out.push_str(body);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// Writes the images, then the report, each beside its target first and then renamed.
fn write_report(dir: &Path, target: &Path, text: &str, images: &[(String, Vec<u8>)]) -> Result<(), ImportError> {
    let werr = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ImportError::Write { path, source }
    };
    let files = dir.join("files");
    if !images.is_empty() {
        fs::create_dir_all(&files).map_err(werr(&files))?;
    }
    for (name, bytes) in images {
        let path = files.join(name);
        if fs::read(&path).is_ok_and(|b| b == *bytes) {
            continue;
        }
        let tmp = files.join(format!(".{name}.import"));
        fs::write(&tmp, bytes).map_err(werr(&tmp))?;
        fs::rename(&tmp, &path).map_err(werr(&path))?;
    }
    let tmp = dir.join(format!(".{}.import", target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
    fs::write(&tmp, text).map_err(werr(&tmp))?;
    fs::rename(&tmp, target).map_err(werr(target))?;
    Ok(())
}

/// `check` on the report just written, as it would be once approved: what stands between the
/// draft and publication (results against the claimed level, evidence, structure).
fn check_as_approved(site: &Site, dir: &Path, year: SchoolYear) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::new();
    let Some(mut school) = crate::content::load_school(&site.root, dir, &site.config.province, &mut diags) else {
        return diags.into_sorted();
    };
    school.reports.retain(|r| r.year == year);
    let mut file = String::new();
    for r in &mut school.reports {
        r.status = crate::content::ReportStatus::Approved;
        r.approved_on =
            Some(crate::content::fields::Located { value: site.config.build_date, span: r.front_matter_span.clone() });
        file = r.file.clone();
    }
    let slugs: BTreeSet<&str> = site.schools.iter().map(|s| s.slug.0.as_str()).collect();
    let checked = crate::check::school(&school, &site.config, &site.regulation, &slugs);
    let mut all = diags.into_sorted();
    all.extend(checked.diagnostics.into_sorted());
    all.retain(|d| d.file == file && d.code != Code::ReportStatus);
    all
}
