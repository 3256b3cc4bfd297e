//! `minhbach serve`: builds the site into a temporary folder (never `output/`), serves it on
//! 127.0.0.1, watches `content/`, `themes/` and `config.toml`, rebuilds what each change
//! affects through the same [`Session`] as `build`, and reloads the open tabs. While the
//! content has errors the last good site stays up, with the findings over every page and in
//! the terminal.

pub mod http;

use std::io::IsTerminal;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::build::{BuildError, BuildOptions, Change, Session};
use crate::content::DateSource;
use crate::output::LiveDir;

/// How long the folder must stay quiet before a rebuild: editors that save by writing a
/// temporary file and renaming it, or that write twice, make several events within a few
/// milliseconds, and one rebuild is enough for all of them.
const QUIET: Duration = Duration::from_millis(30);

/// Ports tried after the one asked for, when it is busy.
const PORT_TRIES: u16 = 20;

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// The port to try first (0: any free port).
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Show draft reports too (the preview says so on every page).
    pub drafts: bool,
    /// Print every warning in full instead of grouped by code.
    pub verbose: bool,
    /// The language of the findings (terminal and error overlay).
    pub lang: crate::messages::Lang,
}

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// No free port.
    #[error("ports {0} to {1} are all in use: give another one with --port")]
    NoPort(u16, u16),
    /// The temporary folder or the watcher could not be set up.
    #[error("{0}")]
    Setup(String),
    /// The site cannot be built at all (no config.toml, broken regulation data).
    #[error(transparent)]
    Build(#[from] BuildError),
}

/// A message for the main loop.
enum Signal {
    Changed(notify::Result<notify::Event>),
    Stop,
}

/// Serves the site until Ctrl-C.
pub fn serve(opts: &ServeOptions) -> Result<(), ServeError> {
    let root = std::fs::canonicalize(&opts.root)
        .map_err(|e| ServeError::Setup(format!("cannot open the site folder {}: {e}", opts.root.display())))?;
    let (listener, port) = bind(opts.port, opts.lang)?;
    let temp = tempfile::Builder::new()
        .prefix("minhbach-serve-")
        .tempdir()
        .map_err(|e| ServeError::Setup(format!("cannot create a temporary folder: {e}")))?;
    let url = format!("http://127.0.0.1:{port}");
    let build = BuildOptions {
        root: root.clone(),
        output: Some(temp.path().to_path_buf()),
        drafts: opts.drafts,
        base_url: Some(url.clone()),
        dates: DateSource::Environment,
    };
    let mut session = Session::new(build)?;
    let mut dir = LiveDir::new(temp.path()).map_err(|e| ServeError::Setup(e.to_string()))?;
    let shared = Arc::new(http::Shared::default());

    let (tx, rx) = channel();
    let events = tx.clone();
    let mut watcher = notify::recommended_watcher(move |e| {
        let _ = events.send(Signal::Changed(e));
    })
    .map_err(|e| ServeError::Setup(format!("cannot watch the site folder: {e}")))?;
    watch(&mut watcher, &root)?;
    ctrlc::set_handler(move || {
        let _ = tx.send(Signal::Stop);
    })
    .map_err(|e| ServeError::Setup(format!("cannot handle Ctrl-C: {e}")))?;

    rebuild(&mut session, &mut dir, &shared, &Change::All, &root, opts);
    let served = temp.path().to_path_buf();
    let http_shared = Arc::clone(&shared);
    std::thread::spawn(move || http::run(listener, served, http_shared));
    let ready = crate::msg!("serve-ready", url = format!("{url}/"), temp = temp.path().display());
    println!("{}", ready.render(opts.lang));
    if opts.open {
        open_browser(&format!("{url}/"), opts.lang);
    }

    while let Some(change) = next_change(&rx, &root, temp.path()) {
        rebuild(&mut session, &mut dir, &shared, &change, &root, opts);
    }
    drop(watcher);
    println!("{}", crate::msg!("serve-stopped").render(opts.lang));
    Ok(())
}

/// Binds 127.0.0.1 on `port`, or on the next free one.
fn bind(port: u16, lang: crate::messages::Lang) -> Result<(TcpListener, u16), ServeError> {
    let last = if port == 0 { 0 } else { port.saturating_add(PORT_TRIES) };
    for p in port..=last {
        if let Ok(l) = TcpListener::bind(("127.0.0.1", p)) {
            let actual = l.local_addr().map_err(|e| ServeError::Setup(e.to_string()))?.port();
            if port != 0 && actual != port {
                println!("{}", crate::msg!("serve-port-busy", port = port, actual = actual).render(lang));
            }
            return Ok((l, actual));
        }
    }
    Err(ServeError::NoPort(port, last))
}

fn watch(watcher: &mut impl Watcher, root: &Path) -> Result<(), ServeError> {
    let fail = |p: &Path, e: notify::Error| ServeError::Setup(format!("cannot watch {}: {e}", p.display()));
    // The root itself, not recursively: config.toml is often saved by replacing the file,
    // which a watch on the file would lose, and output/ must not wake the watcher.
    watcher.watch(root, RecursiveMode::NonRecursive).map_err(|e| fail(root, e))?;
    for sub in ["content", "themes"] {
        let p = root.join(sub);
        if p.is_dir() {
            watcher.watch(&p, RecursiveMode::Recursive).map_err(|e| fail(&p, e))?;
        }
    }
    Ok(())
}

/// Waits for a change and gathers the events that follow it until the folder is quiet;
/// `None` on Ctrl-C.
fn next_change(rx: &Receiver<Signal>, root: &Path, served: &Path) -> Option<Change> {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut everything = false;
    let mut started: Option<Instant> = None;
    loop {
        let signal = match started {
            None => rx.recv().ok()?,
            Some(t) => {
                // A folder that never goes quiet (a copy of thousands of files) is rebuilt
                // every second rather than never.
                let wait = if t.elapsed() > Duration::from_secs(1) { Duration::ZERO } else { QUIET };
                match rx.recv_timeout(wait) {
                    Ok(s) => s,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
        };
        match signal {
            Signal::Stop => return None,
            Signal::Changed(Err(_)) => everything = true,
            Signal::Changed(Ok(event)) => {
                if event.need_rescan() {
                    everything = true;
                } else if is_change(&event.kind) {
                    paths.extend(event.paths.into_iter().filter(|p| relevant(p, root, served)));
                }
            }
        }
        if (everything || !paths.is_empty()) && started.is_none() {
            started = Some(Instant::now());
        }
    }
    paths.sort();
    paths.dedup();
    Some(if everything { Change::All } else { Change::Paths(paths) })
}

/// Writes, creations, deletions and renames; not reads (the build itself opens every file).
fn is_change(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// A path the site is made from: under content/ or themes/, or config.toml.
fn relevant(path: &Path, root: &Path, served: &Path) -> bool {
    if path.starts_with(served) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else { return false };
    rel == Path::new("config.toml") || rel.starts_with("content") || rel.starts_with("themes")
}

/// Rebuilds for `change`, reports in the terminal and tells the tabs.
fn rebuild(
    session: &mut Session,
    dir: &mut LiveDir,
    shared: &http::Shared,
    change: &Change,
    root: &Path,
    opts: &ServeOptions,
) {
    let lang = opts.lang;
    let start = Instant::now();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match session.rebuild(change, dir) {
        Ok(r) => {
            if !r.warnings.is_empty() && *change == Change::All {
                eprint!("{}", crate::check::human::render_for_build(&r.warnings, root, color, opts.verbose, lang));
            }
            let built = crate::msg!(
                "serve-built",
                schools = r.published.schools,
                reports = r.published.reports,
                files = r.written.len(),
                pages = r.published.rendered,
                ms = start.elapsed().as_millis()
            );
            println!("{}", built.render(lang));
            shared.publish(None);
        }
        Err(BuildError::Content(diags)) => {
            // Only the errors: the warnings were shown by the first build and would bury them.
            let errors: Vec<_> =
                diags.into_iter().filter(|d| d.severity == crate::diagnostic::Severity::Error).collect();
            eprint!("{}", crate::check::human::render(&errors, root, color, lang));
            eprintln!("{}", crate::msg!("serve-errors", errors = errors.len()).render(lang));
            shared.publish(Some(crate::check::human::render(&errors, root, false, lang)));
        }
        Err(e) => {
            eprintln!("minhbach: {e}");
            shared.publish(Some(e.to_string()));
        }
    }
}

/// Opens `url` in the default browser, if the system has a way to.
fn open_browser(url: &str, lang: crate::messages::Lang) {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(program).arg(url).spawn() {
        eprintln!("{}", crate::msg!("serve-no-browser", program = program, error = e, url = url).render(lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_port_moves_to_the_next_free_one() {
        let (taken, port) = bind(0, crate::messages::Lang::Vi).unwrap();
        let (_next, actual) = bind(port, crate::messages::Lang::Vi).unwrap();
        assert_ne!(actual, port);
        assert!(actual > port && actual <= port.saturating_add(PORT_TRIES));
        drop(taken);
    }

    #[test]
    fn only_content_themes_and_config_wake_the_watcher() {
        let root = Path::new("/site");
        let served = Path::new("/tmp/minhbach-serve-x");
        assert!(relevant(Path::new("/site/content/schools/a/2025-2026.md"), root, served));
        assert!(relevant(Path::new("/site/themes/default/templates/base.html"), root, served));
        assert!(relevant(Path::new("/site/config.toml"), root, served));
        assert!(!relevant(Path::new("/site/output/index.html"), root, served));
        assert!(!relevant(Path::new("/site/.output.new"), root, served));
        assert!(!relevant(Path::new("/site/README.md"), root, served));
        assert!(!relevant(Path::new("/tmp/minhbach-serve-x/index.html"), root, served));
        use notify::event::{AccessKind, AccessMode, CreateKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }
}
