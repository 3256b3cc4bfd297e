//! Stage 6: write the site. Pages go into a staging folder beside `output/`; only when every
//! file is written is the staging folder swapped in whole, so a failed or interrupted build
//! leaves the previous site untouched.

mod minify;
pub mod sitemap;

pub use minify::{minify_static, minify_template};

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

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

/// Where a build writes its files. Each file comes with a key, a hash of what it was made
/// from: a sink that still holds the file made from the same key need not be given it again.
pub trait Sink: Sync {
    /// True when the file at `url` made from `key` is already there, so the page need not be
    /// rendered. Either way the file is part of the new site.
    fn is_current(&self, url: &str, key: u64) -> bool;

    /// Writes `bytes` at `url`; `key` is what they were made from (`None`: the bytes
    /// themselves).
    fn write(&self, url: &str, bytes: &[u8], key: Option<u64>) -> Result<(), OutputError>;

    /// Writes the file at `url` from what `fill` writes into it (key: the bytes). A full
    /// build streams them to disk, so that a large file (the national criteria table is
    /// hundreds of megabytes) is never held whole.
    fn write_with(
        &self,
        url: &str,
        fill: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), OutputError> {
        let mut bytes = Vec::new();
        fill(&mut bytes).map_err(|source| OutputError { path: PathBuf::from(url), source })?;
        self.write(url, &bytes, None)
    }

    /// False when files are always written whatever their key (a full build), so that keys
    /// need not be made.
    fn wants_keys(&self) -> bool {
        true
    }

    /// Copies the file `from` to `url`; `key` identifies its version (size and time).
    fn copy(&self, from: &Path, url: &str, key: u64) -> Result<(), OutputError>;

    /// Makes what was written so far visible (pages before the slower site-wide files).
    fn flush(&self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Where a root-relative URL is written under `dir`: a folder URL (`truong/x/`) gets
/// `index.html`; anything else (`404.html`, `sitemap.xml`) is a file name.
fn file_of(dir: &Path, url: &str) -> PathBuf {
    let mut p = dir.to_path_buf();
    for part in url.split('/').filter(|s| !s.is_empty()) {
        debug_assert!(part != ".." && part != ".", "URLs are built from validated slugs");
        p.push(part);
    }
    if url.is_empty() || url.ends_with('/') {
        p.push("index.html");
    }
    p
}

/// Creates the folder `path` goes in.
fn create_parent(path: &Path) -> Result<(), OutputError> {
    match path.parent() {
        Some(parent) => fs::create_dir_all(parent).map_err(err(parent)),
        None => Ok(()),
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    create_parent(path)?;
    fs::write(path, bytes).map_err(err(path))
}

fn copy_file(from: &Path, path: &Path) -> Result<(), OutputError> {
    create_parent(path)?;
    fs::copy(from, path).map(|_| ()).map_err(err(from))
}

/// A folder being filled with the new site, beside the real output folder.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
    /// Files and bytes written so far.
    written: (AtomicUsize, AtomicU64),
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
        Ok(Staging { dir, target: target.to_path_buf(), committed: false, written: Default::default() })
    }

    /// The number of files and bytes written so far.
    pub fn written(&self) -> (usize, u64) {
        (self.written.0.load(Ordering::Relaxed), self.written.1.load(Ordering::Relaxed))
    }

    fn count(&self, bytes: u64) {
        self.written.0.fetch_add(1, Ordering::Relaxed);
        self.written.1.fetch_add(bytes, Ordering::Relaxed);
    }

    /// The file a root-relative URL is written to.
    pub fn path_of(&self, url: &str) -> PathBuf {
        file_of(&self.dir, url)
    }

    /// Swaps the new site in. Where the system can exchange two folders in one step (Linux),
    /// it does: `output/` is the old site or the new one at every instant, whatever stops the
    /// process. The old site, left where the new one was built, is then deleted (or, if the
    /// process is stopped first, by the next build). Elsewhere the old site is moved aside
    /// and the new one renamed into place; a build that finds `output/` missing beside the
    /// old site puts it back ([`Staging::create`]).
    pub fn commit(mut self) -> Result<(), OutputError> {
        if self.target.is_dir() && exchange(&self.dir, &self.target).is_ok() {
            self.committed = true;
            return fs::remove_dir_all(&self.dir).map_err(err(&self.dir));
        }
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

/// Exchanges folders `a` and `b` atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// A full build writes everything.
impl Sink for Staging {
    fn is_current(&self, _url: &str, _key: u64) -> bool {
        false
    }

    fn wants_keys(&self) -> bool {
        false
    }

    fn write(&self, url: &str, bytes: &[u8], _key: Option<u64>) -> Result<(), OutputError> {
        write_file(&self.path_of(url), bytes)?;
        self.count(bytes.len() as u64);
        Ok(())
    }

    fn write_with(
        &self,
        url: &str,
        fill: &mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(), OutputError> {
        let path = self.path_of(url);
        create_parent(&path)?;
        let mut w = io::BufWriter::with_capacity(1 << 16, fs::File::create(&path).map_err(err(&path))?);
        fill(&mut w).and_then(|()| io::Write::flush(&mut w)).map_err(err(&path))?;
        self.count(w.get_ref().metadata().map_err(err(&path))?.len());
        Ok(())
    }

    fn copy(&self, from: &Path, url: &str, _key: u64) -> Result<(), OutputError> {
        let path = self.path_of(url);
        copy_file(from, &path)?;
        self.count(fs::metadata(&path).map_err(err(&path))?.len());
        Ok(())
    }
}

/// A site kept up to date in place, for `serve`: each build writes only the files whose key
/// changed since the last one and deletes the files it no longer makes. Writes are held
/// until [`Sink::flush`], so a build that fails while rendering writes nothing.
#[derive(Debug)]
pub struct LiveDir {
    dir: PathBuf,
    /// Keys of the files on disk.
    written: HashMap<String, u64>,
    /// Keys of the files of the build under way.
    current: Mutex<HashMap<String, u64>>,
    pending: Mutex<Vec<(String, Pending)>>,
    /// Files written or deleted by the build under way.
    changed: Mutex<Vec<String>>,
}

#[derive(Debug)]
enum Pending {
    Bytes(Vec<u8>),
    Copy(PathBuf),
}

impl LiveDir {
    /// A site in `dir` (created if missing), empty so far.
    pub fn new(dir: &Path) -> Result<LiveDir, OutputError> {
        fs::create_dir_all(dir).map_err(err(dir))?;
        Ok(LiveDir {
            dir: dir.to_path_buf(),
            written: HashMap::new(),
            current: Mutex::default(),
            pending: Mutex::default(),
            changed: Mutex::default(),
        })
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Forgets a build that failed: what it held back is dropped, the files on disk stay.
    pub fn abandon(&mut self) {
        self.current.get_mut().expect("not poisoned").clear();
        self.pending.get_mut().expect("not poisoned").clear();
        self.changed.get_mut().expect("not poisoned").clear();
    }

    /// Ends a build: writes what is held back, deletes the files the build did not make, and
    /// returns the URLs written or deleted, sorted.
    pub fn finish(&mut self) -> Result<Vec<String>, OutputError> {
        self.flush()?;
        let current = std::mem::take(self.current.get_mut().expect("not poisoned"));
        let mut changed = std::mem::take(self.changed.get_mut().expect("not poisoned"));
        let mut gone: Vec<&String> = self.written.keys().filter(|u| !current.contains_key(*u)).collect();
        gone.sort();
        for url in gone {
            let path = file_of(&self.dir, url);
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(OutputError { path, source: e }),
            }
            remove_empty_parents(&self.dir, &path);
            changed.push(url.clone());
        }
        self.written = current;
        changed.sort();
        Ok(changed)
    }

    fn keep(&self, url: &str, key: u64) -> bool {
        self.current.lock().expect("not poisoned").insert(url.to_owned(), key);
        self.written.get(url) == Some(&key)
    }

    fn hold(&self, url: &str, p: Pending) {
        self.pending.lock().expect("not poisoned").push((url.to_owned(), p));
    }
}

/// Removes the folders left empty between `path` and `root` (a deleted school's pages).
fn remove_empty_parents(root: &Path, path: &Path) {
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| d.starts_with(root) && *d != root) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

impl Sink for LiveDir {
    fn is_current(&self, url: &str, key: u64) -> bool {
        self.keep(url, key)
    }

    fn write(&self, url: &str, bytes: &[u8], key: Option<u64>) -> Result<(), OutputError> {
        let key = key.unwrap_or_else(|| {
            let mut h = std::hash::DefaultHasher::new();
            bytes.hash(&mut h);
            h.finish()
        });
        if !self.keep(url, key) {
            self.hold(url, Pending::Bytes(bytes.to_vec()));
        }
        Ok(())
    }

    fn copy(&self, from: &Path, url: &str, key: u64) -> Result<(), OutputError> {
        if !self.keep(url, key) {
            self.hold(url, Pending::Copy(from.to_path_buf()));
        }
        Ok(())
    }

    fn flush(&self) -> Result<(), OutputError> {
        let mut pending = std::mem::take(&mut *self.pending.lock().expect("not poisoned"));
        pending.sort_by(|a, b| a.0.cmp(&b.0));
        for (url, p) in &pending {
            let path = file_of(&self.dir, url);
            match p {
                Pending::Bytes(b) => write_file(&path, b)?,
                Pending::Copy(from) => copy_file(from, &path)?,
            }
        }
        self.changed.lock().expect("not poisoned").extend(pending.into_iter().map(|(u, _)| u));
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
