//! Helpers shared by the test modules: fixture copies, output trees, a link checker.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use minhbach::content::DateSource;
use minhbach::{BuildError, BuildOptions, BuildSummary};

/// The folder of a fixture site.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(name)
}

/// The project's own sample province.
pub fn sample_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree (content only, no `output/`).
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        if rel.starts_with("output") || rel.starts_with("target") || rel.starts_with(".git") {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of fixture `name`.
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture(name), dir.path());
    dir
}

/// Builds the site at `root` into `output`.
pub fn build_into(root: &Path, output: &Path) -> Result<BuildSummary, BuildError> {
    let opts =
        BuildOptions { output: Some(output.to_path_buf()), dates: DateSource::Environment, ..BuildOptions::new(root) };
    minhbach::build(&opts)
}

/// Every file under `dir`, by `/`-separated relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap();
            let key =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
            out.insert(key, fs::read(entry.path()).unwrap());
        }
    }
    out
}

/// The values of `attr=` attributes of the tags in `html`, quoted or not (minified pages
/// drop quotes). Text outside tags is skipped, so escaped markup in text is not a link.
pub fn attribute_values<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let tag_start = &rest[open + 1..];
        // The tag ends at the first '>' outside quotes.
        let mut quote = None;
        let mut end = tag_start.len();
        for (i, c) in tag_start.char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let tag = &tag_start[..end];
        let needle = format!("{attr}=");
        let mut t = tag;
        while let Some(i) = t.find(&needle) {
            let boundary = i == 0 || t[..i].ends_with(|c: char| c.is_whitespace());
            let after = &t[i + needle.len()..];
            let (value, consumed) = match after.as_bytes().first() {
                Some(b'"') => {
                    let e = after[1..].find('"').unwrap_or(after.len() - 1);
                    (&after[1..1 + e], e + 2)
                }
                Some(b'\'') => {
                    let e = after[1..].find('\'').unwrap_or(after.len() - 1);
                    (&after[1..1 + e], e + 2)
                }
                _ => {
                    let e = after.find(|c: char| c.is_whitespace()).unwrap_or(after.len());
                    (&after[..e], e)
                }
            };
            if boundary {
                out.push(value);
            }
            t = &after[consumed.min(after.len())..];
        }
        rest = &tag_start[end.min(tag_start.len())..];
    }
    out
}

fn ids_of(html: &str) -> Vec<String> {
    attribute_values(html, "id").into_iter().map(str::to_owned).collect()
}

/// Every internal link (`href`, `src`) of every HTML page in `tree` that does not resolve to
/// a file of the tree (or to an id in the target page), as "page -> link".
pub fn broken_links(tree: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut broken = Vec::new();
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let dir: Vec<&str> = path.split('/').collect::<Vec<_>>()[..path.split('/').count() - 1].to_vec();
        for link in attribute_values(&html, "href").into_iter().chain(attribute_values(&html, "src")) {
            let link = link.replace("&amp;", "&");
            if link.contains("://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with("data:")
            {
                continue;
            }
            let (target, fragment) = match link.split_once('#') {
                Some((t, f)) => (t.to_owned(), Some(f.to_owned())),
                None => (link.clone(), None),
            };
            let target = target.split('?').next().unwrap_or("").to_owned();
            // 404.html links from the site root (it is served at any depth).
            let mut parts: Vec<String> = if target.starts_with('/') || path == "404.html" {
                Vec::new()
            } else {
                dir.iter().map(|s| (*s).to_owned()).collect()
            };
            let resolved = if target.is_empty() {
                path.clone()
            } else {
                for seg in target.trim_start_matches('/').split('/') {
                    match seg {
                        "" | "." => {}
                        ".." => {
                            if parts.pop().is_none() {
                                broken.push(format!("{path} -> {link} (leaves the site)"));
                            }
                        }
                        s => parts.push(s.to_owned()),
                    }
                }
                let mut r = parts.join("/");
                if target.ends_with('/') || r.is_empty() {
                    if !r.is_empty() {
                        r.push('/');
                    }
                    r.push_str("index.html");
                }
                r
            };
            match tree.get(&resolved) {
                None => broken.push(format!("{path} -> {link}")),
                Some(bytes) => {
                    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                        let target_html = String::from_utf8_lossy(bytes);
                        if !ids_of(&target_html).contains(&f) {
                            broken.push(format!("{path} -> {link} (no id {f:?})"));
                        }
                    }
                }
            }
        }
    }
    broken
}

/// Text of the file at `rel` in `tree`.
pub fn page<'t>(tree: &'t BTreeMap<String, Vec<u8>>, rel: &str) -> std::borrow::Cow<'t, str> {
    String::from_utf8_lossy(tree.get(rel).unwrap_or_else(|| panic!("{rel} is not in the output")))
}

/// `<script>` elements of `html` that are not the theme's own external scripts (`src=` to a
/// `.js` file of the site): inline scripts or scripts from content.
pub fn foreign_scripts(html: &str) -> Vec<String> {
    html.match_indices("<script")
        .map(|(i, _)| html[i..].chars().take(80).collect::<String>())
        .filter(|tag| {
            let head = tag.split('>').next().unwrap_or("");
            let tag = format!("{head}>");
            let src = attribute_values(&tag, "src");
            !(src.len() == 1
                && (src[0].ends_with("search.js") || src[0].ends_with("compare.js"))
                && !src[0].contains(':'))
        })
        .collect()
}

/// `minhbach check --format json` on `root`: exit code and the document.
pub fn check_json(root: &Path) -> (Option<i32>, serde_json::Value) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let json =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code(), json)
}

/// `minhbach check --format json --lang LANG` on `root`: the document.
pub fn check_json_in(root: &Path, lang: &str) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["check", "--format", "json", "--lang", lang, "--root"])
        .arg(root)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}
