//! The pipeline, end to end: load → check → site model → render → write.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{self, Checked};
use crate::content::{self, Content, DateSource, LoadError, SchoolFile};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{LiveDir, OutputError, Sink, Staging, sitemap};
use crate::regulation::{Regulation, RegulationError};
use crate::render::{self, PageJob, RenderError, Renderer, Theme};
use crate::site::Site;

/// What `build` is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root (folder of config.toml).
    pub root: PathBuf,
    /// Where to write the site (default `<root>/output`).
    pub output: Option<PathBuf>,
    /// Publish draft reports too (preview).
    pub drafts: bool,
    /// Overrides `base_url` of config.toml.
    pub base_url: Option<String>,
    /// Where the build date comes from when config.toml has none.
    pub dates: DateSource,
}

impl BuildOptions {
    /// Options to build the site at `root` into `<root>/output`.
    pub fn new(root: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions { root: root.into(), output: None, drafts: false, base_url: None, dates: DateSource::Environment }
    }

    /// The output folder.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("output"))
    }
}

/// Totals of a finished build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildSummary {
    /// Schools published.
    pub schools: usize,
    /// Reports published.
    pub reports: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// Bytes written in all.
    pub bytes: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Warnings found by the check.
    pub warnings: Vec<Diagnostic>,
    /// Each stage in order, how long it took and the process's peak memory (bytes; Linux
    /// only) when it ended (`minhbach build --timings`).
    pub stages: Vec<(&'static str, Duration, Option<u64>)>,
}

/// Wall time of successive stages.
#[derive(Debug)]
struct Stages {
    last: Instant,
    done: Vec<(&'static str, Duration, Option<u64>)>,
}

impl Stages {
    fn start() -> Stages {
        Stages { last: Instant::now(), done: Vec::new() }
    }

    /// Ends stage `name` now.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.done.push((name, now - self.last, peak_memory()));
        self.last = now;
    }
}

/// The process's peak resident memory so far (`VmHWM`), where the system tells it.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().strip_suffix("kB")?.trim();
    kb.parse::<u64>().ok().map(|k| k * 1024)
}

/// Why a build stopped. In every case the previous output is untouched.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// No config.toml.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The content has errors: all findings, sorted.
    #[error("the content has {} error(s); nothing was published", crate::diagnostic::count_errors(.0))]
    Content(Vec<Diagnostic>),
    /// The shipped regulation data is broken (a bug).
    #[error(transparent)]
    Regulation(#[from] RegulationError),
    /// A template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// Writing failed.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// `--drafts` without `--output` (a preview must not replace the real site).
    #[error(
        "--drafts builds a preview with unpublished reports: give --output DIR so that it never replaces the real site"
    )]
    DraftsNeedOutput,
    /// The workbook `kiem-dinh.xlsx` could not be made or written.
    #[error("kiem-dinh.xlsx: {0}")]
    Workbook(String),
}

/// The result of loading and checking a site.
#[derive(Debug)]
pub struct CheckRun {
    /// The content, if config.toml could be read.
    pub content: Option<Content>,
    /// The regulation.
    pub regulation: Regulation,
    /// Findings and judgements.
    pub checked: Checked,
}

/// Loads and checks the site at `root` (what `minhbach check` does).
pub fn check_site(root: &Path, dates: DateSource) -> Result<CheckRun, BuildError> {
    let mut session = Session::one_shot(BuildOptions { dates, ..BuildOptions::new(root) })?;
    let checked = session.check(&Change::All)?;
    Ok(CheckRun { content: session.loaded.map(|l| l.content), regulation: session.regulation, checked })
}

/// Loads and checks the site at `root`, then, when the content has no error, gives `f` the
/// site model (with every approved report) to make something of it without building pages:
/// `minhbach export xlsx`. `Ok(Err(findings))` when the content has errors.
pub fn with_site<T>(
    root: &Path,
    dates: DateSource,
    f: impl FnOnce(&crate::site::Site<'_>) -> T,
) -> Result<Result<T, Vec<Diagnostic>>, BuildError> {
    let run = check_site(root, dates)?;
    let Some(content) = run.content.as_ref().filter(|_| run.checked.diagnostics.errors() == 0) else {
        return Ok(Err(run.checked.diagnostics.into_sorted()));
    };
    let site = crate::site::Site::new(content, &run.regulation, &run.checked, false);
    Ok(Ok(f(&site)))
}

/// Builds the site: checks first and publishes nothing on any error.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let start = Instant::now();
    if opts.drafts && opts.output.is_none() {
        return Err(BuildError::DraftsNeedOutput);
    }
    let mut stages = Stages::start();
    let mut session = Session::one_shot(opts.clone())?;
    let target = opts.output_dir();
    // Dropped (and removed) on any error below: the previous output stays as it was.
    let staging = Staging::create(&target)?;
    session.load_all(Some(&staging))?;
    stages.lap("load, check, write each school");
    let checked = session.check_loaded();
    stages.lap("check across schools");
    if checked.diagnostics.errors() > 0 {
        return Err(BuildError::Content(checked.diagnostics.into_sorted()));
    }
    let published = session.publish(&checked, &staging, &mut stages)?;
    let (files, bytes) = staging.written();
    staging.commit()?;
    stages.lap("swap in output");

    Ok(BuildSummary {
        schools: published.schools,
        reports: published.reports,
        pages: published.pages,
        files,
        bytes,
        elapsed: start.elapsed(),
        warnings: checked.diagnostics.into_sorted(),
        stages: stages.done,
    })
}

/// What changed on disk since the last build of a [`Session`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Anything may have changed: load everything again.
    All,
    /// These files or folders changed (created, written, renamed or deleted).
    Paths(Vec<PathBuf>),
}

/// Counts of what a build published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Published {
    /// Schools on the site.
    pub schools: usize,
    /// Reports on the site.
    pub reports: usize,
    /// HTML pages on the site.
    pub pages: usize,
    /// Pages rendered by this build (the others were current).
    pub rendered: usize,
}

/// What a rebuild of a [`Session`] did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Counts of the site.
    pub published: Published,
    /// The URLs written or deleted, sorted.
    pub written: Vec<String>,
    /// Warnings found by the check.
    pub warnings: Vec<Diagnostic>,
}

/// The content as last loaded, with the findings of loading each part, so that a change
/// reloads only the school folders it touched.
#[derive(Debug)]
struct Loaded {
    content: Content,
    /// Findings in config.toml.
    config_diagnostics: Diagnostics,
    /// Findings in content pages.
    page_diagnostics: Diagnostics,
    /// Findings of loading each school folder, by folder.
    school_diagnostics: BTreeMap<PathBuf, Diagnostics>,
}

/// Successive builds of one site. `build` and `check` make one build of a new session;
/// `serve` keeps a session and rebuilds it after each change, so that a school's files are
/// read and checked again only when they change and a page is rendered again only when what
/// it shows changed (its key, [`Renderer::page_key`]). Both go through the same stages and
/// the same renderer, so a rebuild writes what a full build would.
pub struct Session {
    opts: BuildOptions,
    /// One build (`build`, `check`): report bodies are let go once their school is checked
    /// (and, for `build`, its pages written), so that memory does not grow with the content.
    one_shot: bool,
    regulation: Regulation,
    loaded: Option<Loaded>,
    /// The findings that kept config.toml from loading, when it did not.
    config_errors: Diagnostics,
    theme: Option<Theme>,
    checks: check::Cache,
    /// The report pages were written while loading (a one-shot build).
    schools_written: bool,
}

impl Session {
    /// A session for the site of `opts`; nothing is read yet.
    pub fn new(opts: BuildOptions) -> Result<Session, BuildError> {
        Ok(Session {
            opts,
            one_shot: false,
            regulation: Regulation::embedded()?,
            loaded: None,
            config_errors: Diagnostics::new(),
            theme: None,
            checks: check::Cache::default(),
            schools_written: false,
        })
    }

    /// A session for a single build or check of the site of `opts`.
    pub fn one_shot(opts: BuildOptions) -> Result<Session, BuildError> {
        Ok(Session { one_shot: true, ..Session::new(opts)? })
    }

    /// The options.
    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Loads what `change` touched and checks the content; findings are in the result.
    pub fn check(&mut self, change: &Change) -> Result<Checked, BuildError> {
        self.load(change)?;
        Ok(self.check_loaded())
    }

    /// Checks the content as loaded.
    fn check_loaded(&mut self) -> Checked {
        let Some(loaded) = &self.loaded else {
            return Checked { diagnostics: self.config_errors.clone(), ..Checked::default() };
        };
        let mut diags = loaded.config_diagnostics.clone();
        diags.extend(loaded.page_diagnostics.clone());
        for d in loaded.school_diagnostics.values() {
            diags.extend(d.clone());
        }
        if self.one_shot {
            check::run_last(&loaded.content, &self.regulation, diags, &mut self.checks)
        } else {
            check::run_cached(&loaded.content, &self.regulation, diags, &mut self.checks)
        }
    }

    /// Rebuilds after `change` into `dir`: loads and checks what changed, and on success
    /// writes the files whose keys changed. On content errors nothing is written and the
    /// findings are returned; `dir` keeps the last good site.
    pub fn rebuild(&mut self, change: &Change, dir: &mut LiveDir) -> Result<Rebuilt, BuildError> {
        let checked = self.check(change)?;
        if checked.diagnostics.errors() > 0 {
            return Err(BuildError::Content(checked.diagnostics.into_sorted()));
        }
        match self.publish(&checked, dir, &mut Stages::start()) {
            Ok(p) => {
                let written = dir.finish()?;
                Ok(Rebuilt { published: p, written, warnings: checked.diagnostics.into_sorted() })
            }
            Err(e) => {
                dir.abandon();
                Err(e)
            }
        }
    }

    fn load(&mut self, change: &Change) -> Result<(), BuildError> {
        let root = self.opts.root.clone();
        let rel = |p: &Path| p.strip_prefix(&root).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf());
        let paths: Vec<PathBuf> = match change {
            Change::All => {
                return self.load_all(None);
            }
            Change::Paths(p) => p.iter().map(|p| rel(p)).collect(),
        };
        if self.loaded.is_none() || paths.iter().any(|p| p == Path::new("config.toml") || touches_all(p)) {
            return self.load_all(None);
        }
        if paths.iter().any(|p| p.starts_with("themes")) {
            self.theme = None;
        }
        let mut dirs: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| {
                let mut c = p.strip_prefix("content/schools").ok()?.components();
                Some(root.join("content/schools").join(c.next()?))
            })
            .collect();
        dirs.sort();
        dirs.dedup();
        let loaded = self.loaded.as_mut().expect("checked above");
        let province = loaded.content.config.province.clone();
        for dir in dirs {
            let mut diags = Diagnostics::new();
            let slug = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let school = if content::is_school_entry(&dir) {
                content::load_school(&root, &dir, &province, &mut diags)
            } else {
                None
            };
            let schools = &mut loaded.content.schools;
            let at = schools.binary_search_by(|s| s.slug.0.as_str().cmp(&slug));
            match (at, school) {
                (Ok(i), Some(s)) => schools[i] = s,
                (Ok(i), None) => {
                    schools.remove(i);
                }
                (Err(i), Some(s)) => schools.insert(i, s),
                (Err(_), None) => {}
            }
            if content::is_school_entry(&dir) {
                loaded.school_diagnostics.insert(dir, diags);
            } else {
                loaded.school_diagnostics.remove(&dir);
            }
        }
        if paths.iter().any(|p| p.starts_with("content/pages")) {
            let mut diags = Diagnostics::new();
            loaded.content.pages = content::load_pages(&root, &mut diags);
            loaded.page_diagnostics = diags;
        }
        Ok(())
    }

    /// Loads and checks everything. With `early` (a one-shot build), each school's own pages
    /// are rendered and written there as soon as the school is checked, while its report
    /// bodies are still in memory: each file is read once, then let go.
    fn load_all(&mut self, early: Option<&dyn Sink>) -> Result<(), BuildError> {
        let root = &self.opts.root;
        self.theme = None;
        self.loaded = None;
        self.schools_written = false;
        let mut config_diagnostics = Diagnostics::new();
        let Some(mut config) = content::load_config(root, self.opts.dates, &mut config_diagnostics)? else {
            self.config_errors = config_diagnostics;
            return Ok(());
        };
        if let Some(url) = &self.opts.base_url {
            config.base_url = url.trim_end_matches('/').to_owned();
        }
        let mut page_diagnostics = Diagnostics::new();
        let pages = content::load_pages(root, &mut page_diagnostics);
        if early.is_some() {
            self.theme = Some(render::load_templates(root, &config.theme, config.minify)?);
        }
        let dirs = content::school_dirs(root);
        // Every school.toml first (small files): the set of schools is then known, which is
        // what links are checked against, and each school's reports can be read and checked
        // in one pass, so that a one-shot build never holds every report body at once.
        let mut files: Vec<(SchoolFile, Diagnostics)> = dirs
            .par_iter()
            .map(|dir| {
                let mut d = Diagnostics::new();
                (content::load_school_file(root, dir, &config.province, &mut d), d)
            })
            .collect();
        let slugs: Vec<String> = files
            .iter()
            .filter_map(|(f, _)| match f {
                SchoolFile::Loaded(s) => Some(s.slug.0.clone()),
                _ => None,
            })
            .collect();
        let slug_set: BTreeSet<&str> = slugs.iter().map(String::as_str).collect();
        let places = crate::site::Places::of(files.iter().filter_map(|(f, _)| match f {
            SchoolFile::Loaded(s) => Some(&**s),
            _ => None,
        }));
        self.checks.check_against(check::against(&config, &slug_set));
        let (regulation, one_shot, drafts) = (&self.regulation, self.one_shot, self.opts.drafts);
        let early = early.zip(self.theme.as_ref());
        let checks: Vec<_> = files
            .par_iter_mut()
            .zip(&dirs)
            .map(|((file, d), dir)| match file {
                SchoolFile::Missing => Ok(None),
                SchoolFile::Invalid => {
                    content::load_reports(root, dir, None, d);
                    Ok(None)
                }
                SchoolFile::Loaded(_) => {
                    let SchoolFile::Loaded(mut school) = std::mem::replace(file, SchoolFile::Missing) else {
                        unreachable!("matched above")
                    };
                    content::load_reports(root, dir, Some(&mut school), d);
                    let (checked, bodies) = if early.is_some() {
                        check_and_render(&school, &config, regulation, &slug_set)
                    } else {
                        (check::school(&school, &config, regulation, &slug_set), render::RenderedBodies::new())
                    };
                    let mut written = Ok(());
                    if let Some((sink, theme)) = early
                        && checked.diagnostics.errors() == 0
                        && d.errors() == 0
                    {
                        let page = EarlyPages {
                            root,
                            config: &config,
                            pages: &pages,
                            regulation,
                            theme,
                            drafts,
                            places: &places,
                        };
                        (school, written) = page.write(school, &checked, bodies, sink);
                    }
                    if one_shot {
                        school.reports.iter_mut().for_each(content::Report::release_body);
                    }
                    let done = (school.slug.clone(), school.fingerprint, checked);
                    *file = SchoolFile::Loaded(school);
                    written.map(|()| Some(done))
                }
            })
            .collect::<Result<Vec<_>, BuildError>>()?;
        self.checks.extend(checks.into_iter().flatten());
        self.schools_written = early.is_some();
        let mut schools = Vec::new();
        let mut school_diagnostics = BTreeMap::new();
        for (dir, (file, d)) in dirs.into_iter().zip(files) {
            if let SchoolFile::Loaded(s) = file {
                schools.push(*s);
            }
            school_diagnostics.insert(dir, d);
        }
        let content = Content { root: root.clone(), config, schools, pages };
        self.loaded = Some(Loaded { content, config_diagnostics, page_diagnostics, school_diagnostics });
        Ok(())
    }

    /// Renders and writes the site of checked content into `sink`.
    fn publish(&mut self, checked: &Checked, sink: &dyn Sink, stages: &mut Stages) -> Result<Published, BuildError> {
        let loaded = self.loaded.as_ref().expect("checked content is loaded");
        let content = &loaded.content;
        if self.theme.is_none() {
            self.theme = Some(render::load_templates(&self.opts.root, &content.config.theme, content.config.minify)?);
        }
        let theme = self.theme.as_ref().expect("just loaded");
        let site = Site::new(content, &self.regulation, checked, self.opts.drafts);
        let renderer = Renderer::new(&site, theme);
        stages.lap("site model");

        let jobs = render::jobs(&site);
        let rendered = std::sync::atomic::AtomicUsize::new(0);
        let render_all = |jobs: &[PageJob]| {
            jobs.par_iter().try_for_each(|job| -> Result<(), BuildError> {
                let (key, prepared) = if sink.wants_keys() { renderer.page_key(*job)? } else { (0, None) };
                if sink.wants_keys() && sink.is_current(&job_url(&site, *job), key) {
                    return Ok(());
                }
                let page = match prepared {
                    Some(p) => renderer.render(p)?,
                    None => renderer.render_job(*job)?,
                };
                sink.write(&page.url, &page.html, Some(key))?;
                rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                Ok(())
            })
        };
        // The pages of schools, reports and listings first, and written at once: after an
        // edit, the page being looked at does not wait for the site-wide pages and files.
        let written_early = |j: &PageJob| self.schools_written && matches!(j, PageJob::Report(..));
        let (own, site_wide): (Vec<PageJob>, Vec<PageJob>) = jobs
            .iter()
            .filter(|j| !written_early(j))
            .partition(|j| matches!(j, PageJob::School(_) | PageJob::Report(..) | PageJob::Listing(..)));
        // The open data before the site-wide pages: the data page tells the files' rows and
        // sizes.
        let data_files = || -> Result<(), BuildError> {
            let (written, (feed, (index, compare))) = rayon::join(
                || renderer.write_open_data(sink).and_then(|()| renderer.write_stats_files(sink)),
                || {
                    rayon::join(
                        || render::feed::feed(&site),
                        || rayon::join(|| crate::search::index(&site), || crate::search::compare::files(&site)),
                    )
                },
            );
            written?;
            sink.write("feed.xml", feed.as_bytes(), None)?;
            for (path, bytes) in index.into_iter().chain(compare) {
                sink.write(&path, &bytes, None)?;
            }
            Ok(())
        };
        if self.schools_written {
            // Only school pages and listings are left to render: the data files (mostly one
            // thread each) are made beside them.
            let (pages, data) = rayon::join(|| render_all(&own), data_files);
            pages?;
            data?;
            stages.lap("schools, listings, open data, feed, search index");
        } else {
            render_all(&own)?;
            sink.flush()?;
            stages.lap("schools, reports, listings");
            data_files()?;
            stages.lap("open data, feed, search index");
        }
        render_all(&site_wide)?;
        stages.lap("site-wide pages");
        write_assets(&self.opts.root, content, &site, sink)?;
        write_sitemap(&site, &jobs, sink)?;
        stages.lap("assets, sitemap");
        Ok(Published {
            schools: site.schools.len(),
            reports: site.schools.iter().map(|s| s.reports.len()).sum(),
            pages: jobs.len(),
            rendered: rendered.into_inner(),
        })
    }
}

/// Checks a school whose report bodies are in memory, parsing each approved body once: its
/// outline for the check, its HTML for the page (rendered here, used if the check passes).
fn check_and_render(
    school: &content::School,
    config: &content::Config,
    regulation: &Regulation,
    slugs: &BTreeSet<&str>,
) -> (check::SchoolCheck, render::RenderedBodies) {
    let mut outlines = Vec::with_capacity(school.reports.len());
    let mut bodies = render::RenderedBodies::new();
    for report in &school.reports {
        let Some(body) = report.is_approved().then(|| report.body().ok()).flatten() else {
            outlines.push(None);
            continue;
        };
        let events = content::outline::parse(&body);
        outlines.push(Some(content::outline::outline_of(&body, &events)));
        let html = render::report_body(school, |links| render::markdown::render_parsed(events, links));
        bodies.insert((school.slug.0.clone(), report.year), html);
    }
    (check::school_with(school, config, regulation, slugs, &outlines), bodies)
}

/// What rendering one school's own pages needs, before the site exists.
struct EarlyPages<'a> {
    root: &'a Path,
    config: &'a content::Config,
    pages: &'a [content::Page],
    regulation: &'a Regulation,
    theme: &'a Theme,
    drafts: bool,
    /// The places of every school (see [`crate::site::Places`]).
    places: &'a crate::site::Places,
}

impl EarlyPages<'_> {
    /// Renders and writes the report pages of `school`. They show only that school (with the
    /// config and the navigation), so a site of that one school renders them byte for byte as
    /// the whole site would.
    fn write(
        &self,
        school: Box<content::School>,
        checked: &check::SchoolCheck,
        bodies: render::RenderedBodies,
        sink: &dyn Sink,
    ) -> (Box<content::School>, Result<(), BuildError>) {
        let one = Content {
            root: self.root.to_path_buf(),
            config: self.config.clone(),
            schools: vec![*school],
            pages: self.pages.to_vec(),
        };
        let judged = Checked {
            diagnostics: Diagnostics::new(),
            judgements: checked
                .judgements
                .iter()
                .map(|(y, j)| ((one.schools[0].slug.clone(), *y), j.clone()))
                .collect(),
        };
        let result = (|| {
            let site = Site::with_places(&one, self.regulation, &judged, self.drafts, self.places);
            let renderer = Renderer::new(&site, self.theme).with_bodies(bodies);
            // Not the school page: it lists the other schools of its commune, which this
            // one-school site does not have (it needs no report body: it is rendered with the
            // listings).
            for job in (0..site.schools[0].reports.len()).map(|j| PageJob::Report(0, j)) {
                let page = renderer.render_job(job)?;
                sink.write(&page.url, &page.html, None)?;
            }
            Ok(())
        })();
        let school = Box::new(one.schools.into_iter().next().expect("put in above"));
        (school, result)
    }
}

/// A change to `content/` or `content/schools/` themselves (a folder moved or replaced
/// whole) may touch any school.
fn touches_all(rel: &Path) -> bool {
    rel == Path::new("content") || rel == Path::new("content/schools") || rel.as_os_str().is_empty()
}

/// Static files of the theme and the schools' attachments.
fn write_assets(root: &Path, content: &Content, site: &Site<'_>, sink: &dyn Sink) -> Result<(), BuildError> {
    let static_dir = root.join("themes").join(&content.config.theme).join("static");
    if static_dir.is_dir() {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&static_dir)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for f in files {
            let rel = crate::diagnostic::display_path(&static_dir, &f);
            if content.config.minify && (rel.ends_with(".css") || rel.ends_with(".js")) {
                let bytes = std::fs::read(&f).map_err(|source| OutputError { path: f.clone(), source })?;
                // Not the copy's key: a `serve` session that turns `minify` on must write it again.
                let key = file_key(&f).rotate_left(1) ^ 0x6d69_6e69_6679;
                sink.write(&rel, &crate::output::minify_static(&rel, &bytes), Some(key))?;
            } else {
                sink.copy(&f, &rel, file_key(&f))?;
            }
        }
    } else {
        for (name, bytes) in render::BUILTIN_STATIC {
            let bytes = if content.config.minify { crate::output::minify_static(name, bytes) } else { bytes.to_vec() };
            sink.write(name, &bytes, None)?;
        }
    }
    for e in &site.schools {
        for a in &e.school.attachments {
            let url = format!("{}files/{}", e.url(), a.name);
            match &a.sanitised {
                // A cleaned SVG is small and rare: its bytes are in memory. Every other file
                // is copied from disk, so that memory does not grow with the attachments.
                Some(bytes) => sink.write(&url, bytes, Some(file_key(&a.path)))?,
                None => sink.copy(&a.path, &url, file_key(&a.path))?,
            }
        }
    }
    Ok(())
}

/// A file's version for copying: its size and time of last change.
fn file_key(path: &Path) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    let m = std::fs::metadata(path).ok();
    (m.as_ref().map(|m| m.len()), m.and_then(|m| m.modified().ok())).hash(&mut h);
    h.finish()
}

fn write_sitemap(site: &Site<'_>, jobs: &[PageJob], sink: &dyn Sink) -> Result<(), BuildError> {
    let config = &site.content.config;
    let mut entries = Vec::new();
    for job in jobs {
        let (url, lastmod) = match *job {
            PageJob::NotFound => continue,
            PageJob::School(i) => {
                let e = &site.schools[i];
                let last = e
                    .school
                    .decisions
                    .iter()
                    .map(|d| d.decided.value)
                    .chain(e.reports.iter().filter_map(|r| r.report.approved_on.as_ref().map(|d| d.value)))
                    .filter(|d| *d <= config.build_date)
                    .max()
                    .unwrap_or(config.build_date);
                (e.url(), last)
            }
            PageJob::Report(i, j) => {
                let e = &site.schools[i];
                let r = &e.reports[j];
                (r.url(e.school), r.report.approved_on.as_ref().map_or(config.build_date, |d| d.value))
            }
            _ => (job_url(site, *job), config.build_date),
        };
        entries.push(sitemap::Entry { url, lastmod });
    }
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    for (name, text) in sitemap::files(&config.base_url, &entries, sitemap::Limits::PROTOCOL) {
        sink.write(&name, text.as_bytes(), None)?;
    }
    sink.write("robots.txt", sitemap::robots(&config.base_url, site.drafts).as_bytes(), None)?;
    Ok(())
}

fn job_url(site: &Site<'_>, job: PageJob) -> String {
    match job {
        PageJob::Home => String::new(),
        PageJob::Places => "dia-ban/".into(),
        PageJob::Districts => "dia-ban/huyen-cu/".into(),
        PageJob::Levels => "cap-hoc/".into(),
        PageJob::Search => "tim-kiem/".into(),
        PageJob::Stats => "thong-ke/".into(),
        PageJob::Provinces => "tinh/".into(),
        PageJob::Province(p) => site.provinces[p].url.clone(),
        PageJob::Registrations => "dang-ky-danh-gia-ngoai/".into(),
        PageJob::OpenData => "du-lieu/".into(),
        PageJob::Compare => "so-sanh/".into(),
        PageJob::NotFound => "404.html".into(),
        PageJob::Page(i) => format!("{}/", site.pages[i].slug),
        PageJob::Listing(i, p) => render::context::page_url(&site.listings[i].url, p),
        PageJob::School(i) => site.schools[i].url(),
        PageJob::Report(i, j) => site.schools[i].reports[j].url(site.schools[i].school),
    }
}
