//! Stage 6: write the site. Pages go into a staging folder beside `output/`; only when every
//! file is written is the staging folder swapped in whole, so a failed or interrupted build
//! leaves the previous site untouched.

pub mod sitemap;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why writing failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct OutputError {
    /// The file or folder.
    pub path: PathBuf,
    /// The system's reason.
    #[source]
    pub source: io::Error,
}

fn err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError { path: path.to_path_buf(), source }
}

/// A folder being filled with the new site, beside the real output folder.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// Sibling folder names of `target` used during a build: `.<name>.new` and `.<name>.old`.
fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{suffix}"))
}

impl Staging {
    /// Starts a new site for `target`. A staging folder left by an interrupted build is
    /// removed; an `output` lost between the two renames of a swap is restored first.
    pub fn create(target: &Path) -> Result<Staging, OutputError> {
        let dir = sibling(target, "new");
        let old = sibling(target, "old");
        if !target.exists() && old.is_dir() {
            fs::rename(&old, target).map_err(err(target))?;
        }
        for stale in [&dir, &old] {
            if stale.exists() {
                fs::remove_dir_all(stale).map_err(err(stale))?;
            }
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(err(parent))?;
        }
        fs::create_dir_all(&dir).map_err(err(&dir))?;
        Ok(Staging { dir, target: target.to_path_buf(), committed: false })
    }

    /// The file a root-relative URL is written to: a folder URL (`truong/x/`) gets
    /// `index.html`; anything else (`404.html`, `sitemap.xml`) is a file name.
    pub fn path_of(&self, url: &str) -> PathBuf {
        let mut p = self.dir.clone();
        for part in url.split('/').filter(|s| !s.is_empty()) {
            debug_assert!(part != ".." && part != ".", "URLs are built from validated slugs");
            p.push(part);
        }
        if url.is_empty() || url.ends_with('/') {
            p.push("index.html");
        }
        p
    }

    /// Writes `bytes` at `url`.
    pub fn write(&self, url: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.path_of(url);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(err(parent))?;
        }
        fs::write(&path, bytes).map_err(err(&path))
    }

    /// Copies the file `from` to `url`.
    pub fn copy(&self, from: &Path, url: &str) -> Result<(), OutputError> {
        let path = self.path_of(url);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(err(parent))?;
        }
        fs::copy(from, &path).map(|_| ()).map_err(err(from))
    }

    /// Swaps the new site in: the old one is moved aside, the new one renamed into place,
    /// the old one deleted.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let old = sibling(&self.target, "old");
        if self.target.exists() {
            fs::rename(&self.target, &old).map_err(err(&self.target))?;
        }
        fs::rename(&self.dir, &self.target).map_err(err(&self.target))?;
        self.committed = true;
        if old.exists() {
            fs::remove_dir_all(&old).map_err(err(&old))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Minifies a page's HTML (whitespace, comments, optional quotes) when `minify = true`.
pub fn minify_html(html: &str) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html.as_bytes(), &cfg)
}

/// Total number of files and bytes under `dir`.
pub fn tree_size(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, b), e| (n + 1, b + e.metadata().map_or(0, |m| m.len())))
}
