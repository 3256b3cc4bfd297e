//! Stage 1: load the content tree (config, schools, reports, pages) into validated types.
//!
//! Every file is read as UTF-8, normalised to NFC and parsed once; faults become
//! [`Diagnostics`] with file and line, and loading goes on with the next file.

pub mod attachment;
pub mod config;
pub mod encoding;
pub mod fields;
pub mod outline;
pub mod page;
pub mod province;
pub mod report;
pub mod school;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use config::{Config, DateSource};
pub use page::Page;
pub use report::{Report, ReportStatus};
pub use school::{School, SchoolId, SchoolLevel, SchoolSlug};

use crate::diagnostic::{Code, Diagnostics, display_path};
use crate::text::nfc;

/// Everything a site is built from, as loaded.
#[derive(Debug, Clone)]
pub struct Content {
    /// The site root (folder of config.toml).
    pub root: PathBuf,
    /// Site settings.
    pub config: Config,
    /// Schools that parsed, sorted by slug.
    pub schools: Vec<School>,
    /// Content pages, sorted by slug.
    pub pages: Vec<Page>,
}

/// Why content could not be loaded at all (as opposed to faults in files, which are
/// diagnostics).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// No config.toml at the root.
    #[error("no config.toml in {0}: run minhbach in the site's folder or give --root")]
    NoConfig(PathBuf),
}

/// Reads a file as UTF-8 text (BOM removed, NFC); an unreadable or non-UTF-8 file is reported.
pub fn read_text(path: &Path, file: &str, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.report_file(Code::EncodingUtf8, file, crate::msg!("file-unreadable", error = e));
            return None;
        }
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let legacy = |text: &str, diags: &mut Diagnostics| {
        let (enc, at) = encoding::detect(text)?;
        let source = crate::diagnostic::Source { file, text };
        let sample: String = text[at..].chars().take(12).collect();
        diags.report(
            Code::EncodingLegacy,
            source,
            at..at,
            crate::msg!("encoding-legacy", encoding = enc.name(), sample = sample.trim()),
        );
        Some(())
    };
    // simdutf8 first: Vietnamese text is a third multi-byte characters, which std's check
    // reads one byte at a time. Its error carries no position, so a bad file is read again.
    let utf8 = simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes));
    match utf8 {
        Ok(s) => {
            let text = nfc(s);
            if legacy(&text, diags).is_some() {
                return None;
            }
            Some(text)
        }
        Err(e) => {
            // A UTF-8 file with a damaged byte is not a legacy file: only text that has no
            // valid multi-byte sequence at all is tried as a single-byte encoding.
            let utf8_chars =
                String::from_utf8_lossy(bytes).chars().filter(|c| !c.is_ascii() && *c != '\u{fffd}').count();
            if utf8_chars == 0 && legacy(&encoding::decode_single_byte(bytes), diags).is_some() {
                return None;
            }
            let text = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let line = text.bytes().filter(|&b| b == b'\n').count() + 1;
            let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            diags.push(Code::EncodingUtf8, file, line, column, crate::msg!("encoding-utf8"));
            None
        }
    }
}

/// Reads `config.toml` at `root`: `Ok(None)` when it has errors (in `diags`), an `Err` when
/// there is none.
pub fn load_config(root: &Path, dates: DateSource, diags: &mut Diagnostics) -> Result<Option<Config>, LoadError> {
    let config_path = root.join("config.toml");
    if !config_path.is_file() {
        return Err(LoadError::NoConfig(root.to_path_buf()));
    }
    Ok(config::load(&config_path, dates, diags))
}

/// Loads the site at `root`. Findings go to `diags`; only a missing config is an `Err`.
pub fn load(root: &Path, dates: DateSource, diags: &mut Diagnostics) -> Result<Option<Content>, LoadError> {
    let Some(config) = load_config(root, dates, diags)? else { return Ok(None) };

    let mut schools = Vec::new();
    for (school, d) in load_schools(root, &school_dirs(root), &config.province) {
        diags.extend(d);
        schools.extend(school);
    }
    let pages = load_pages(root, diags);
    Ok(Some(Content { root: root.to_path_buf(), config, schools, pages }))
}

/// The folders under `content/schools/`, sorted (one per school), and the symbolic links
/// there: a link is never followed, since content may not point outside its folder, but it is
/// listed so that [`load_school_file`] reports it instead of the school vanishing unsaid.
pub fn school_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = match fs::read_dir(root.join("content").join("schools")) {
        Ok(rd) => rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| is_school_entry(p)).collect(),
        Err(_) => Vec::new(),
    };
    dirs.sort();
    dirs
}

/// Loads the school folders `dirs`, in parallel: for each, the school (if it parsed) and the
/// findings in its files.
pub fn load_schools(root: &Path, dirs: &[PathBuf], province: &str) -> Vec<(Option<School>, Diagnostics)> {
    dirs.par_iter()
        .map(|dir| {
            let mut d = Diagnostics::new();
            (load_school(root, dir, province, &mut d), d)
        })
        .collect()
}

/// What [`school_dirs`] lists: a real folder, or a symbolic link (reported when loaded).
pub fn is_school_entry(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok_and(|m| m.is_dir() || m.file_type().is_symlink())
}

/// What a school folder's `school.toml` gave.
#[derive(Debug)]
pub enum SchoolFile {
    /// No school.toml, or it cannot be read as text: the folder is not read further.
    Missing,
    /// school.toml has errors; the reports are still read for their own findings.
    Invalid,
    /// The school, without its reports yet ([`load_reports`]).
    Loaded(Box<School>),
}

/// Loads one school folder: `school.toml`, its reports and the list of its attachments.
/// `None` when school.toml is missing or has errors (which are in `diags`).
pub fn load_school(root: &Path, dir: &Path, province: &str, diags: &mut Diagnostics) -> Option<School> {
    match load_school_file(root, dir, province, diags) {
        SchoolFile::Missing => None,
        SchoolFile::Invalid => {
            load_reports(root, dir, None, diags);
            None
        }
        SchoolFile::Loaded(mut school) => {
            load_reports(root, dir, Some(&mut school), diags);
            Some(*school)
        }
    }
}

/// Reads a school folder's name and `school.toml` (the first half of [`load_school`]).
pub fn load_school_file(root: &Path, dir: &Path, province: &str, diags: &mut Diagnostics) -> SchoolFile {
    let Some(slug) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else { return SchoolFile::Missing };
    if fs::symlink_metadata(dir).is_ok_and(|m| m.file_type().is_symlink()) {
        diags.report_file(Code::PathEscape, &display_path(root, dir), crate::msg!("school-dir-symlink"));
        return SchoolFile::Missing;
    }
    let toml_path = dir.join("school.toml");
    let file = display_path(root, &toml_path);
    if !school::SchoolSlug::is_valid(&slug) {
        diags.report_file(
            Code::SchoolSlug,
            &file,
            crate::msg!(
                "school-slug",
                slug = format!("{slug:?}"),
                suggestion = format!("{:?}", crate::text::slugify(&slug))
            ),
        );
    }
    if !toml_path.is_file() {
        diags.report_file(Code::SchoolFieldMissing, &file, crate::msg!("school-toml-missing"));
        return SchoolFile::Missing;
    }
    let Some(text) = read_text(&toml_path, &file, diags) else { return SchoolFile::Missing };
    match school::parse(&slug, &file, text, province, diags) {
        Some(s) => SchoolFile::Loaded(Box::new(s)),
        None => SchoolFile::Invalid,
    }
}

/// Reads the reports and lists the attachments of a school folder (the second half of
/// [`load_school`]) into `school`, and sets its fingerprint; with no school, only the
/// findings in the reports are kept.
pub fn load_reports(root: &Path, dir: &Path, school: Option<&mut School>, diags: &mut Diagnostics) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    let mut reports = Vec::new();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !name.ends_with(".md") || !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let file = display_path(root, &path);
        if let Some(text) = read_text(&path, &file, diags)
            && let Some(mut r) = report::parse(&file, &name, text, diags)
        {
            r.path = path;
            reports.push(r);
        }
    }
    reports.sort_by_key(|r| r.year);
    let attachments = list_attachments(root, &dir.join("files"), diags);
    if let Some(s) = school {
        s.reports = reports;
        s.attachments = attachments;
        s.fingerprint = fingerprint(s);
    }
}

/// See [`School::fingerprint`]. An attachment's time is part of it because its bytes are
/// copied, not read.
fn fingerprint(s: &School) -> u64 {
    use std::hash::{Hash, Hasher};
    // Not against forgery: it tells `serve` which pages an edit touched. Fx is several times
    // faster than SipHash over the 60 MB of text of a province.
    let mut h = rustc_hash::FxHasher::default();
    s.text.hash(&mut h);
    for r in &s.reports {
        (&r.file, &r.text).hash(&mut h);
    }
    for a in &s.attachments {
        let modified = fs::metadata(&a.path).and_then(|m| m.modified()).ok();
        (&a.name, a.size, modified).hash(&mut h);
    }
    h.finish()
}

/// Regular files under `files/` that may be published ([`attachment::vet`]). A symbolic link
/// could publish a file from outside the school's folder: it is reported (`path.escape`) and
/// skipped. A file of a type the portal does not publish, or whose bytes are not what its
/// name says, is reported (`attachment.type`) and left out; an SVG that had to be cleaned is
/// reported (`attachment.sanitised`) and published cleaned.
fn list_attachments(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<school::Attachment> {
    let mut out: Vec<school::Attachment> = Vec::new();
    for e in walkdir::WalkDir::new(dir).follow_links(false).into_iter().filter_map(Result::ok) {
        if e.path_is_symlink() {
            diags.report_file(Code::PathEscape, &display_path(root, e.path()), crate::msg!("attachment-symlink"));
        }
        if !e.file_type().is_file() {
            continue;
        }
        let Ok(rel) = e.path().strip_prefix(dir) else { continue };
        let Ok(meta) = e.metadata() else { continue };
        let name = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
        let file = display_path(root, e.path());
        let (size, sanitised) = match attachment::vet(e.path()) {
            attachment::Verdict::Publish => (meta.len(), None),
            attachment::Verdict::Sanitised { bytes, removed } => {
                diags.report_file(
                    Code::AttachmentSanitised,
                    &file,
                    crate::msg!("attachment-sanitised", removed = removed.join(", ")),
                );
                (bytes.len() as u64, Some(std::sync::Arc::from(bytes)))
            }
            attachment::Verdict::Refused(why) => {
                diags.report_file(Code::AttachmentType, &file, why);
                continue;
            }
        };
        out.push(school::Attachment { name: nfc(&name), size, path: e.path().to_path_buf(), sanitised });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The content pages under `content/pages/`, sorted by slug.
pub fn load_pages(root: &Path, diags: &mut Diagnostics) -> Vec<Page> {
    let dir = root.join("content").join("pages");
    let Ok(rd) = fs::read_dir(&dir) else { return Vec::new() };
    let mut paths: Vec<PathBuf> =
        rd.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "md")).collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let file = display_path(root, &path);
        let slug = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !school::SchoolSlug::is_valid(&slug) {
            diags.report_file(
                Code::SchoolSlug,
                &file,
                crate::msg!("page-slug", suggestion = crate::text::slugify(&slug)),
            );
            continue;
        }
        if let Some(text) = read_text(&path, &file, diags) {
            pages.extend(page::parse(&slug, &file, &text, diags));
        }
    }
    pages
}
