//! The pipeline, end to end: load → check → site model → render → write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::check::{self, Checked};
use crate::content::{self, Content, DateSource, LoadError};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{self, OutputError, Staging, sitemap};
use crate::regulation::{Regulation, RegulationError};
use crate::render::{self, PageJob, RenderError, Renderer};
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
}

/// Why a build stopped. In every case the previous output is untouched.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// No config.toml.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The content has errors: all findings, sorted.
    #[error("the content has {} error(s); nothing was published", .0.iter().filter(|d| d.severity == crate::diagnostic::Severity::Error).count())]
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
    let regulation = Regulation::embedded()?;
    let mut diags = Diagnostics::new();
    let content = content::load(root, dates, &mut diags)?;
    let checked = match &content {
        Some(c) => check::run(c, &regulation, diags),
        None => Checked { diagnostics: diags, ..Checked::default() },
    };
    Ok(CheckRun { content, regulation, checked })
}

/// Builds the site: checks first and publishes nothing on any error.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, BuildError> {
    let start = Instant::now();
    if opts.drafts && opts.output.is_none() {
        return Err(BuildError::DraftsNeedOutput);
    }
    let CheckRun { content, regulation, checked } = check_site(&opts.root, opts.dates)?;
    if checked.diagnostics.errors() > 0 {
        return Err(BuildError::Content(checked.diagnostics.into_sorted()));
    }
    let mut content = content.expect("content is loaded when there are no errors");
    if let Some(url) = &opts.base_url {
        content.config.base_url = url.trim_end_matches('/').to_owned();
    }
    let site = Site::new(&content, &regulation, &checked, opts.drafts);
    let tera = render::load_templates(&opts.root, &content.config.theme)?;
    let renderer = Renderer::new(&site, tera);

    let target = opts.output_dir();
    let staging = Staging::create(&target)?;
    let jobs = render::jobs(&site);
    let minify = content.config.minify;
    jobs.par_iter().try_for_each(|job| -> Result<(), BuildError> {
        let page = renderer.render_job(*job)?;
        let bytes = if minify { output::minify_html(&page.html) } else { page.html.into_bytes() };
        staging.write(&page.url, &bytes)?;
        Ok(())
    })?;
    for f in renderer.open_data() {
        staging.write(&format!("du-lieu/{}", f.name), &f.bytes)?;
    }
    staging.write("feed.xml", render::feed::feed(&site).as_bytes())?;
    for (path, bytes) in crate::search::index(&site) {
        staging.write(&path, &bytes)?;
    }
    write_assets(&opts.root, &content, &site, &staging)?;
    write_sitemap(&site, &jobs, &staging)?;
    staging.commit()?;

    let (files, bytes) = output::tree_size(&target);
    Ok(BuildSummary {
        schools: site.schools.len(),
        reports: site.schools.iter().map(|s| s.reports.len()).sum(),
        pages: jobs.len(),
        files,
        bytes,
        elapsed: start.elapsed(),
        warnings: checked.diagnostics.into_sorted(),
    })
}

/// Static files of the theme and the schools' attachments.
fn write_assets(root: &Path, content: &Content, site: &Site<'_>, staging: &Staging) -> Result<(), BuildError> {
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
            staging.copy(&f, &rel)?;
        }
    } else {
        for (name, bytes) in render::BUILTIN_STATIC {
            staging.write(name, bytes)?;
        }
    }
    for e in &site.schools {
        for a in &e.school.attachments {
            staging.copy(&a.path, &format!("{}files/{}", e.url(), a.name))?;
        }
    }
    Ok(())
}

fn write_sitemap(site: &Site<'_>, jobs: &[PageJob], staging: &Staging) -> Result<(), BuildError> {
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
    staging.write("sitemap.xml", sitemap::sitemap(&config.base_url, &entries).as_bytes())?;
    staging.write("robots.txt", sitemap::robots(&config.base_url, site.drafts).as_bytes())?;
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
        PageJob::Registrations => "dang-ky-danh-gia-ngoai/".into(),
        PageJob::OpenData => "du-lieu/".into(),
        PageJob::NotFound => "404.html".into(),
        PageJob::Page(i) => format!("{}/", site.pages[i].slug),
        PageJob::Listing(i, p) => render::context::page_url(&site.listings[i].url, p),
        PageJob::School(i) => site.schools[i].url(),
        PageJob::Report(i, j) => site.schools[i].reports[j].url(site.schools[i].school),
    }
}
