//! The hostile and broken corpus (`tests/hostile/`): each case changes a copy of
//! `tests/fixtures/small` as its `case.toml` says, then the site is checked and built. Every
//! case must end in the diagnostics it names, or in a page with the hostile part neutralised;
//! and for every case: no panic, no file outside the output folder, no script of the content in
//! any page, and a failed build that writes nothing.

use std::fs;
use std::path::{Path, PathBuf};

use minhbach::check_site;
use minhbach::content::DateSource;
use serde::Deserialize;

use crate::util::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case is, for the closing note.
    #[allow(dead_code)]
    description: String,
    #[serde(default, rename = "file")]
    files: Vec<FileChange>,
    #[serde(default)]
    symlink: Vec<Symlink>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileChange {
    /// Relative to the site root.
    path: String,
    /// The whole new text of the file.
    text: Option<String>,
    /// Text added at the end of the file.
    append: Option<String>,
    /// `[from, to]`: the first `from` in the file becomes `to`.
    replace: Option<[String; 2]>,
    /// The whole file as hexadecimal bytes (for what TOML strings cannot hold).
    hex: Option<String>,
    /// `text` repeated this many times (large files).
    repeat: Option<usize>,
    /// A file of the case's folder, copied byte for byte (real binary files).
    copy: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Symlink {
    path: String,
    target: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// Diagnostic codes that `check` must report.
    #[serde(default)]
    codes: Vec<String>,
    /// Whether the build succeeds.
    builds: bool,
    /// A page of the built site to look at.
    page: Option<String>,
    /// Strings that page must hold.
    #[serde(default)]
    present: Vec<String>,
    /// Strings that page must not hold.
    #[serde(default)]
    absent: Vec<String>,
    /// Files of the built site (attachments) and what they must be.
    #[serde(default)]
    published: Vec<PublishedFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishedFile {
    /// Relative to the output folder.
    path: String,
    /// A file of the case's folder the published file must equal byte for byte.
    same_as: Option<String>,
    /// Strings the file must hold.
    #[serde(default)]
    present: Vec<String>,
    /// Strings the file must not hold.
    #[serde(default)]
    absent: Vec<String>,
}

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

fn apply(root: &Path, dir: &Path, case: &Case) {
    for f in &case.files {
        let path = root.join(&f.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let old = fs::read(&path).unwrap_or_default();
        let bytes = if let Some(c) = &f.copy {
            fs::read(dir.join(c)).unwrap_or_else(|e| panic!("{c}: {e}"))
        } else if let Some(h) = &f.hex {
            hex(h)
        } else if let Some(t) = &f.text {
            t.repeat(f.repeat.unwrap_or(1)).into_bytes()
        } else if let Some(a) = &f.append {
            let mut b = old;
            b.extend(a.repeat(f.repeat.unwrap_or(1)).bytes());
            b
        } else if let Some([from, to]) = &f.replace {
            let text = String::from_utf8(old).unwrap();
            assert!(text.contains(from.as_str()), "{}: no {from:?} to replace", f.path);
            text.replacen(from.as_str(), to, 1).into_bytes()
        } else {
            panic!("{}: give text, append, replace, hex or copy", f.path)
        };
        fs::write(&path, bytes).unwrap();
    }
    for l in &case.symlink {
        let path = root.join(&l.path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(&l.target, &path).unwrap();
    }
}

fn cases() -> Vec<(String, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut out: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("case.toml").is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    out.sort();
    out
}

/// Names of the entries of `dir`.
fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<_> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

fn run_case(name: &str, dir: &Path) -> Result<(), String> {
    let case: Case = toml::from_str(&fs::read_to_string(dir.join("case.toml")).unwrap())
        .map_err(|e| format!("case.toml does not parse: {e}"))?;
    let site = fixture_copy("small");
    let root = site.path();
    apply(root, dir, &case);
    let work = tempfile::tempdir().unwrap();
    let before = (listing(root), listing(work.path()));

    let checked = check_site(root, DateSource::Environment).map_err(|e| format!("check failed to run: {e}"))?;
    let codes: Vec<String> = checked.checked.diagnostics.iter().map(|d| d.code.to_string()).collect();
    for want in &case.expect.codes {
        if !codes.contains(want) {
            return Err(format!("expected diagnostic {want}, got {codes:?}"));
        }
    }

    let out = work.path().join("output");
    let built = build_into(root, &out);
    if built.is_ok() != case.expect.builds {
        return Err(format!("build: expected success = {}, got {:?}", case.expect.builds, built.map(|_| ())));
    }
    if built.is_err() && out.exists() {
        return Err("a failed build wrote an output folder".into());
    }
    let after_work = listing(work.path());
    let allowed: Vec<String> = if built.is_ok() { vec!["output".into()] } else { vec![] };
    if after_work != [before.1.clone(), allowed].concat() {
        return Err(format!("files written beside the output folder: {after_work:?}"));
    }
    if listing(root) != before.0 {
        return Err(format!("the site folder changed: {:?}", listing(root)));
    }
    if built.is_ok() {
        for (file, bytes) in read_tree(&out) {
            if !file.ends_with(".html") {
                continue;
            }
            let html = String::from_utf8_lossy(&bytes);
            let scripts = foreign_scripts(&html);
            if !scripts.is_empty() {
                return Err(format!("{file}: script from content: {scripts:?}"));
            }
        }
        // For the browser test (browser-tests/hostile.test.mjs), which opens these pages in
        // Chromium with the Content-Security-Policy enforced.
        if let Some(keep) = std::env::var_os("MINHBACH_HOSTILE_KEEP") {
            let dest = Path::new(&keep).join(name);
            copy_tree(&out, &dest);
            fs::write(dest.join(".page"), case.expect.page.as_deref().unwrap_or("")).unwrap();
        }
        for p in &case.expect.published {
            let bytes = fs::read(out.join(&p.path)).map_err(|e| format!("{}: {e}", p.path))?;
            if let Some(same) = &p.same_as
                && bytes != fs::read(dir.join(same)).unwrap()
            {
                return Err(format!("{} differs from {same}", p.path));
            }
            let text = String::from_utf8_lossy(&bytes);
            if let Some(s) = p.present.iter().find(|s| !text.contains(s.as_str())) {
                return Err(format!("{} lacks {s:?}", p.path));
            }
            if let Some(s) = p.absent.iter().find(|s| text.contains(s.as_str())) {
                return Err(format!("{} holds {s:?}", p.path));
            }
        }
        if let Some(page) = &case.expect.page {
            let path = out.join(page);
            let html = fs::read_to_string(&path).map_err(|e| format!("{page}: {e}"))?;
            for s in &case.expect.present {
                if !html.contains(s.as_str()) {
                    return Err(format!("{page} lacks {s:?}"));
                }
            }
            for s in &case.expect.absent {
                if html.contains(s.as_str()) {
                    return Err(format!("{page} holds {s:?}"));
                }
            }
        }
    }
    Ok(())
}

#[test]
fn every_hostile_case_ends_in_a_diagnostic_or_a_neutralised_page() {
    let cases = cases();
    assert!(cases.len() >= 40, "the hostile corpus has {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, dir)| {
            let r = std::panic::catch_unwind(|| run_case(name, dir));
            match r {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(format!("{name}: {e}")),
                Err(_) => Some(format!("{name}: panicked")),
            }
        })
        .collect();
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
