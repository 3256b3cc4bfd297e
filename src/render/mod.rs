//! Stage 5: render every page of the site model with Tera templates.
//!
//! Templates come from `<root>/themes/<theme>/templates/` when that folder exists, else from
//! the default theme compiled into the binary, so a site needs no copy of the theme.

pub mod chart;
pub mod context;
pub mod data;
pub mod feed;
pub mod markdown;
pub mod theme;
pub mod workbook;

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use crate::output::{OutputError, Sink};
use crate::render::context::*;
use crate::render::markdown::LinkContext;
use crate::site::{ListingKind, Site};
use theme::template_error;
pub use theme::{Theme, load_templates};

/// The default theme's static files, compiled in: (path in the site, bytes).
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../themes/default/static/style.css")),
    ("search.js", include_bytes!("../../themes/default/static/search.js")),
    ("compare.js", include_bytes!("../../themes/default/static/compare.js")),
    ("favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
    ("favicon.ico", include_bytes!("../../themes/default/static/favicon.ico")),
];

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template does not parse or fails on its data.
    #[error("template error: {0}")]
    Template(String),
    /// A report's body could not be read again (see [`crate::content::Report::body`]).
    #[error("{0}")]
    Content(String),
    /// The theme named in config.toml does not exist.
    #[error("theme {0:?} not found: create themes/{0}/templates/ or set theme = \"default\" in config.toml")]
    NoTheme(String),
}

/// Escapes text for HTML: `& < > " '` only (Tera's default also escapes `/`, which bloats
/// every URL and is not needed in attribute values that are quoted).
pub(crate) fn escape_html(s: &str) -> String {
    // Most text has nothing to escape: one table lookup per byte finds the first character
    // that needs it, and text without one is copied whole.
    if !s.bytes().any(|c| ESCAPED[c as usize]) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 16);
    let _ = std::fmt::Write::write_fmt(&mut out, format_args!("{}", Escaped(s)));
    out
}

/// Text with `&`, `<`, `>`, `"` and `'` escaped, written straight into a formatter: rows of
/// tables made in Rust are written without a string per cell, and [`escape_html`] writes
/// through it.
pub(crate) struct Escaped<'a>(pub &'a str);

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.0;
        let mut last = 0;
        for (i, &c) in s.as_bytes().iter().enumerate() {
            if !ESCAPED[c as usize] {
                continue;
            }
            f.write_str(&s[last..i])?;
            f.write_str(entity(c))?;
            last = i + 1;
        }
        f.write_str(&s[last..])
    }
}

/// The entity of one of the [`ESCAPED`] bytes.
fn entity(c: u8) -> &'static str {
    match c {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        _ => "&#39;",
    }
}

/// The bytes [`escape_html`] replaces: `&`, `<`, `>`, `"` and `'`.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    t[b'&' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t
};

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageJob {
    /// `/`.
    Home,
    /// `/truong/<slug>/` for school index `.0`.
    School(usize),
    /// `/truong/<slug>/<year>/` for school `.0`, report `.1`.
    Report(usize, usize),
    /// Page `.1` (1-based) of listing `.0`.
    Listing(usize, usize),
    /// `/dia-ban/`.
    Places,
    /// `/dia-ban/huyen-cu/`.
    Districts,
    /// `/cap-hoc/`.
    Levels,
    /// Content page `.0`.
    Page(usize),
    /// `/tim-kiem/`.
    Search,
    /// `/thong-ke/`.
    Stats,
    /// `/tinh/`, on a portal of several provinces.
    Provinces,
    /// `/tinh/<province>/` for [`Site::provinces`]`[.0]`.
    Province(usize),
    /// `/dang-ky-danh-gia-ngoai/`.
    Registrations,
    /// `/du-lieu/`.
    OpenData,
    /// `/so-sanh/`: schools side by side, from `so-sanh/d/<slug>.json` (see
    /// [`crate::search::compare`]).
    Compare,
    /// `/404.html`.
    NotFound,
}

/// A rendered page: where it goes and its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// Root-relative URL (`truong/x/`, or a file name such as `404.html`).
    pub url: String,
    /// The HTML (UTF-8; kept as bytes, as the template engine writes it, to spare a check).
    pub html: Vec<u8>,
}

/// Every page of the site, in a fixed order.
pub fn jobs(site: &Site<'_>) -> Vec<PageJob> {
    let mut jobs = vec![
        PageJob::Home,
        PageJob::Places,
        PageJob::Districts,
        PageJob::Levels,
        PageJob::Search,
        PageJob::Stats,
        PageJob::Registrations,
        PageJob::OpenData,
        PageJob::Compare,
        PageJob::NotFound,
    ];
    if site.is_national() {
        jobs.push(PageJob::Provinces);
        jobs.extend((0..site.provinces.len()).map(PageJob::Province));
    }
    for (i, s) in site.schools.iter().enumerate() {
        jobs.push(PageJob::School(i));
        jobs.extend((0..s.reports.len()).map(|j| PageJob::Report(i, j)));
    }
    let per_page = site.content.config.paginate;
    for (i, l) in site.listings.iter().enumerate() {
        let pages = l.schools.len().div_ceil(per_page).max(1);
        jobs.extend((1..=pages).map(|p| PageJob::Listing(i, p)));
    }
    jobs.extend((0..site.pages.len()).map(PageJob::Page));
    jobs
}

/// A page ready to render: its template and the data the template gets.
pub struct Prepared {
    template: &'static str,
    url: String,
    root: String,
    ctx: tera::Context,
}

/// Renders pages of one site with its templates.
pub struct Renderer<'s, 'a> {
    site: &'s Site<'a>,
    theme: &'s Theme,
    /// A hash of what every page shows besides its own data (config, navigation).
    env_key: std::sync::OnceLock<u64>,
    site_ctx: SiteCtx,
    nav: Vec<Link>,
    open_data: std::sync::OnceLock<OpenData>,
    /// `du-lieu/kiem-dinh.xlsx`, made once: the data page shows its size, the build writes it.
    workbook: std::sync::OnceLock<Result<Vec<u8>, String>>,
    /// Each school's card, once rendered (see [`Renderer::card`]).
    cards: Vec<std::sync::OnceLock<String>>,
    /// Report bodies rendered already ([`Renderer::with_bodies`]), taken when their page is.
    bodies: std::sync::Mutex<RenderedBodies>,
    /// A hash of each school's summary (what listings show of it), by school.
    summary_keys: std::sync::OnceLock<Vec<u64>>,
    /// The commune listing of each commune URL ([`Site::listings`] index): a school page lists
    /// the other schools of its level there.
    commune_listings: std::sync::OnceLock<rustc_hash::FxHashMap<String, usize>>,
}

/// No national file of the open data larger than this on a portal of several provinces
/// (`site.md`: "no file over 100 MB"; the page shows sizes in these megabytes): its rows are
/// in the provinces' files under `du-lieu/tinh/<tỉnh>/`.
pub const MAX_DATA_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// The open-data files but the workbook, in the order of the data page.
const DATA_FILES: [&str; 4] = ["truong.csv", "quyet-dinh.csv", "ket-qua-tieu-chi.csv", "truong.json"];

/// A registration row with what orders it: the Sở's priority, the semester, the school's index.
type RankedRegistration = (Option<u32>, u8, usize, RegistrationRowCtx);

/// A file of the open data, as its page describes it.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// File name under `du-lieu/` (or a province's folder).
    pub name: &'static str,
    /// Its size in bytes (what it would be, when it is left out).
    pub bytes: u64,
    /// Data rows (CSV: lines after the header; JSON and workbook: schools).
    pub rows: usize,
    /// False for a national file left out as too large.
    pub written: bool,
}

impl DataFile {
    fn new(name: &'static str) -> DataFile {
        DataFile { name, bytes: 0, rows: 0, written: true }
    }
}

/// The open data as written: its national files and, on a portal of several provinces,
/// each province's.
#[derive(Debug, Clone)]
pub struct OpenData {
    /// The national files ([`DATA_FILES`]).
    pub files: Vec<DataFile>,
    /// By province ([`Site::provinces`]): its [`DATA_FILES`], then its workbook.
    pub provinces: Vec<Vec<DataFile>>,
    /// The largest size of a national file on a portal of several provinces.
    pub limit: u64,
}

/// A sink that keeps nothing: to learn the open data's figures without writing it.
struct Discard;

impl Sink for Discard {
    fn is_current(&self, _url: &str, _key: u64) -> bool {
        false
    }

    fn write(&self, _url: &str, _bytes: &[u8], _key: Option<u64>) -> Result<(), OutputError> {
        Ok(())
    }

    fn write_with(
        &self,
        url: &str,
        fill: &mut dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), OutputError> {
        fill(&mut std::io::sink()).map_err(|source| OutputError { path: std::path::PathBuf::from(url), source })
    }

    fn copy(&self, _from: &std::path::Path, _url: &str, _key: u64) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Passes bytes on, counting them and their line ends.
struct Counting<'w> {
    inner: &'w mut dyn std::io::Write,
    bytes: u64,
    lines: usize,
}

impl std::io::Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        self.lines += memchr::memchr_iter(b'\n', &buf[..n]).count();
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// A hash of `value` as JSON.
fn json_key<T: Serialize>(value: &T) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    serde_json::to_writer(HashWriter(&mut h), value).expect("writing to a hasher cannot fail");
    h.finish()
}

/// Feeds serialised JSON to a hasher without building the string.
struct HashWriter<'h>(&'h mut std::hash::DefaultHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Renders a report body of `school` with `render`, links resolved as on its page.
pub fn report_body(
    school: &crate::content::School,
    render: impl FnOnce(&LinkContext<'_>) -> markdown::RenderedReport,
) -> markdown::RenderedReport {
    let names: Vec<String> = school.attachments.iter().map(|a| a.name.clone()).collect();
    render(&LinkContext { attachments: &names, to_school: "../", to_root: "../../../" })
}

/// Report bodies rendered before the renderer was made, by school slug and school year.
pub type RenderedBodies = std::collections::HashMap<(String, crate::calendar::SchoolYear), markdown::RenderedReport>;

/// Stands for the path to the site root in a card rendered once for pages at any depth. A
/// school's text holding this exact sequence (NUL characters included) would see it replaced
/// by a relative path such as `../../`: harmless.
const ROOT_MARK: &str = "\u{0}minhbach-root\u{0}";

fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

impl<'s, 'a> Renderer<'s, 'a> {
    /// A renderer for `site` with the templates of `theme`.
    pub fn new(site: &'s Site<'a>, theme: &'s Theme) -> Renderer<'s, 'a> {
        let mut nav = vec![
            Link { title: "Trang chủ".into(), url: String::new() },
            Link { title: "Địa bàn".into(), url: "dia-ban/".into() },
            Link { title: "Cấp học".into(), url: "cap-hoc/".into() },
            Link { title: "Thống kê".into(), url: "thong-ke/".into() },
            Link { title: "Đăng ký đánh giá ngoài".into(), url: "dang-ky-danh-gia-ngoai/".into() },
            Link { title: "Dữ liệu mở".into(), url: "du-lieu/".into() },
            Link { title: "Tìm kiếm".into(), url: "tim-kiem/".into() },
        ];
        nav.extend(site.pages.iter().map(|p| Link { title: p.title.clone(), url: format!("{}/", p.slug) }));
        let site_ctx = SiteCtx::new(&site.content.config, site);

        Renderer {
            site,
            site_ctx,
            theme,
            env_key: Default::default(),
            nav,
            open_data: Default::default(),
            workbook: Default::default(),
            cards: site.schools.iter().map(|_| Default::default()).collect(),
            bodies: Default::default(),
            summary_keys: Default::default(),
            commune_listings: Default::default(),
        }
    }

    /// Uses `bodies` for the report pages they belong to instead of rendering the Markdown
    /// again (a one-shot build renders each body from the events its check read).
    pub fn with_bodies(self, bodies: RenderedBodies) -> Self {
        Renderer { bodies: std::sync::Mutex::new(bodies), ..self }
    }

    /// A hash of what every page shows besides its own data, made when first needed (only
    /// `serve` compares pages' keys).
    fn env_key(&self) -> u64 {
        *self.env_key.get_or_init(|| {
            let mut h = std::hash::DefaultHasher::new();
            format!("{:?}{:?}{:?}", self.site.content.config, self.site_ctx, self.nav).hash(&mut h);
            h.finish()
        })
    }

    /// A hash of everything page `job` is rendered from: when it equals the key of the last
    /// build, the page would render to the same bytes. A school's and a report's pages show
    /// only that school, so their key is the school's fingerprint; a listing shows a summary of
    /// each of its schools, so its key is a hash of those summaries (little data to build for
    /// either: these are nearly all the pages). The few other pages are prepared and their
    /// data hashed, and the prepared page is returned for reuse.
    pub fn page_key(&self, job: PageJob) -> Result<(u64, Option<Prepared>), RenderError> {
        let mut h = std::hash::DefaultHasher::new();
        self.env_key().hash(&mut h);
        let prepared = match job {
            PageJob::School(i) => {
                let e = &self.site.schools[i];
                (self.theme.key("school.html"), e.school.fingerprint).hash(&mut h);
                // Where its links to its province and commune go depends on the other schools.
                (&e.commune_url, &e.district_url, &e.province_url).hash(&mut h);
                // It lists the other schools of its level in its commune with their status.
                let summaries = self.summary_keys();
                for &n in self.same_commune_members(i) {
                    if n != i && self.site.schools[n].school.level == e.school.level {
                        summaries[n].hash(&mut h);
                    }
                }
                None
            }
            PageJob::Report(i, j) => {
                let e = &self.site.schools[i];
                (self.theme.key("report.html"), e.school.fingerprint, e.reports[j].report.year).hash(&mut h);
                (&e.commune_url, &e.district_url, &e.province_url).hash(&mut h);
                None
            }
            PageJob::Listing(i, page) => {
                let l = &self.site.listings[i];
                (self.theme.key("listing.html"), &l.url, format!("{:?}", l.kind), page, l.schools.len()).hash(&mut h);
                let summaries = self.summary_keys();
                for &s in l.page(page, self.site.content.config.paginate) {
                    summaries[s].hash(&mut h);
                }
                None
            }
            _ => {
                let p = self.prepare(job)?;
                self.theme.key(p.template).hash(&mut h);
                p.url.hash(&mut h);
                json_key(&p.ctx.clone().into_json()).hash(&mut h);
                Some(p)
            }
        };
        Ok((h.finish(), prepared))
    }

    /// A hash of each school's summary, made on first use.
    fn summary_keys(&self) -> &[u64] {
        self.summary_keys.get_or_init(|| {
            self.site.schools.par_iter().map(|e| json_key(&SchoolSummary::new(e, self.site.regulation))).collect()
        })
    }

    /// The schools of school `i`'s commune listing, in collation order.
    fn same_commune_members(&self, i: usize) -> &[usize] {
        let site = self.site;
        let by_url = self.commune_listings.get_or_init(|| {
            site.listings
                .iter()
                .enumerate()
                .filter(|(_, l)| matches!(l.kind, ListingKind::Commune(_)))
                .map(|(k, l)| (l.url.clone(), k))
                .collect()
        });
        by_url.get(&site.schools[i].commune_url).map_or(&[][..], |&k| &site.listings[k].schools)
    }

    /// Renders a prepared page.
    pub fn render(&self, p: Prepared) -> Result<RenderedPage, RenderError> {
        let Prepared { template, url, root, mut ctx } = p;
        ctx.insert("site", &self.site_ctx);
        ctx.insert("root", &root);
        ctx.insert("page_url", &url);
        ctx.insert("nav", &self.nav);
        let mut html = Vec::with_capacity(64 * 1024);
        self.theme.tera.render_to(template, &ctx, &mut html).map_err(template_error)?;
        Ok(RenderedPage { url, html })
    }

    /// Renders one page.
    pub fn render_job(&self, job: PageJob) -> Result<RenderedPage, RenderError> {
        self.render(self.prepare(job)?)
    }

    fn render_at<T: Serialize>(
        &self,
        template: &'static str,
        url: &str,
        key: &str,
        value: &T,
    ) -> Result<Prepared, RenderError> {
        let mut ctx = tera::Context::new();
        ctx.insert(key, value);
        self.render_with(template, url, root_of(url), ctx)
    }

    /// Builds the data of one page.
    pub fn prepare(&self, job: PageJob) -> Result<Prepared, RenderError> {
        let site = self.site;
        match job {
            PageJob::Home => self.home(),
            PageJob::School(i) => {
                let e = &site.schools[i];
                let mut ctx = SchoolCtx::new(e, site);
                ctx.same_commune = same_commune(site, self.same_commune_members(i), i);
                self.render_at("school.html", &e.url(), "school", &ctx)
            }
            PageJob::Report(i, j) => self.report(i, j),
            PageJob::Listing(i, page) => self.listing(i, page),
            PageJob::Places => self.places(),
            PageJob::Districts => self.districts(),
            PageJob::Levels => self.levels(),
            PageJob::Page(i) => {
                let p = &site.pages[i];
                let ctx = PageCtx { title: p.title.clone(), content_html: markdown::render_page(&p.body) };
                self.render_at("page.html", &format!("{}/", p.slug), "page", &ctx)
            }
            PageJob::Search => {
                let mut ctx = tera::Context::new();
                ctx.insert("levels", &self.level_links());
                // A portal of several provinces offers its provinces; the communes of the one
                // chosen come from `search/xa/<province>.json` (all of them inline would weigh
                // tens of kilobytes at national scale).
                ctx.insert("provinces", &counted(&site.provinces));
                let communes = if site.is_national() { &[][..] } else { &site.communes[..] };
                ctx.insert("communes", &counted(communes));
                self.render_with("search.html", "tim-kiem/", root_of("tim-kiem/"), ctx)
            }
            PageJob::Stats => self.render_at("stats.html", "thong-ke/", "stats", &self.stats_page(None)),
            PageJob::Provinces => self.provinces(),
            PageJob::Province(p) => {
                self.render_at("stats.html", &site.provinces[p].url, "stats", &self.stats_page(Some(p)))
            }
            PageJob::Registrations => {
                self.render_at("registrations.html", "dang-ky-danh-gia-ngoai/", "registrations", &self.registrations())
            }
            PageJob::OpenData => {
                let mut ctx = tera::Context::new();
                ctx.insert("files", &self.data_files_ctx());
                ctx.insert("workbook", &self.workbook_ctx());
                if site.is_national() {
                    let mut names: Vec<&str> = DATA_FILES.to_vec();
                    names.push(workbook::FILE_NAME);
                    ctx.insert("province_file_names", &names);
                    ctx.insert("provinces", &self.province_files_ctx());
                    // "100 MB", not "100,0 MB".
                    ctx.insert("limit_text", &size_text(self.open_data().limit).replace(",0 MB", " MB"));
                }
                let license = site.content.config.license.clone().unwrap_or_else(|| {
                    format!(
                        "Dữ liệu công khai của {}; khi sử dụng lại, xin ghi rõ nguồn.",
                        site.content.config.authority
                    )
                });
                ctx.insert("license", &license);
                self.render_with("data.html", "du-lieu/", root_of("du-lieu/"), ctx)
            }
            PageJob::Compare => {
                let mut ctx = tera::Context::new();
                ctx.insert("levels", &self.level_links());
                ctx.insert("max_schools", &crate::search::compare::MAX_SCHOOLS);
                self.render_with("compare.html", "so-sanh/", root_of("so-sanh/"), ctx)
            }
            PageJob::NotFound => {
                let base_path = base_path(&site.content.config.base_url);
                self.render_with("404.html", "404.html", base_path, tera::Context::new())
            }
        }
    }

    fn render_with(
        &self,
        template: &'static str,
        url: &str,
        root: String,
        ctx: tera::Context,
    ) -> Result<Prepared, RenderError> {
        Ok(Prepared { template, url: url.to_owned(), root, ctx })
    }

    fn level_links(&self) -> Vec<CountLink> {
        counted(&self.site.levels)
    }

    fn stats(&self) -> StatsCtx {
        let site = self.site;
        let n = site.schools.len();
        // The same figures as the total row of /thong-ke/, from the same function.
        let whole = crate::site::stats::total("", "", &site.schools, (0..n).collect(), site.current_school_year);
        let with_current = whole.with_current_report;
        let count = |kind: &ListingKind| site.listing(kind).map_or(0, |l| l.schools.len());
        StatsCtx {
            schools: n,
            with_current_report: with_current,
            current_report_percent: (with_current * 100 + n / 2).checked_div(n).unwrap_or(0) as u32,
            expiring: count(&ListingKind::Expiring),
            accreditation: (1..=4)
                .map(|l| LevelCount {
                    level: l,
                    label: format!("Cấp độ {l}"),
                    count: count(&ListingKind::Accreditation(l)),
                    url: format!("kiem-dinh/cap-do-{l}/"),
                })
                .collect(),
            national_standard: (1..=2)
                .map(|l| LevelCount {
                    level: l,
                    label: format!("Mức độ {l}"),
                    count: count(&ListingKind::NationalStandard(l)),
                    url: format!("chuan-quoc-gia/muc-do-{l}/"),
                })
                .collect(),
            no_accreditation: UrlCount { count: count(&ListingKind::NotRecognised), url: "chua-cong-nhan/".into() },
            no_accreditation_in_force: whole.accreditation[0],
            no_national_standard_in_force: whole.national_standard[0],
            expired: UrlCount { count: count(&ListingKind::Expired), url: "het-hieu-luc/".into() },
        }
    }

    fn home(&self) -> Result<Prepared, RenderError> {
        let site = self.site;
        let mut ctx = tera::Context::new();
        ctx.insert("stats", &self.stats());
        ctx.insert("levels", &self.level_links());
        match site.is_national() {
            // A country's communes are thousands: the home page goes through the provinces.
            true => ctx.insert("provinces", &counted(&site.provinces)),
            false => {
                ctx.insert("communes", &counted(&site.communes));
                ctx.insert("districts", &counted(&site.districts));
            }
        }
        let pages: Vec<Link> =
            site.pages.iter().map(|p| Link { title: p.title.clone(), url: format!("{}/", p.slug) }).collect();
        ctx.insert("pages", &pages);
        self.render_with("index.html", "", String::new(), ctx)
    }

    fn report(&self, i: usize, j: usize) -> Result<Prepared, RenderError> {
        let site = self.site;
        let e = &site.schools[i];
        let r = &e.reports[j];
        let given = self.bodies.lock().expect("not poisoned").remove(&(e.school.slug.0.clone(), r.report.year));
        let body = match given {
            Some(body) => body,
            None => {
                let md = r.report.body().map_err(|e| RenderError::Content(e.to_string()))?;
                report_body(e.school, |links| markdown::render_report(&md, links))
            }
        };
        let url = r.url(e.school);
        let mut ctx = tera::Context::new();
        ctx.insert("school", &SchoolSummary::new(e, self.site.regulation));
        ctx.insert("report", &ReportCtx::new(r, site, body, self.theme.uses_standards));
        self.render_with("report.html", &url, root_of(&url), ctx)
    }

    fn listing(&self, i: usize, page: usize) -> Result<Prepared, RenderError> {
        let site = self.site;
        let l = &site.listings[i];
        let config = &site.content.config;
        let per_page = config.paginate;
        let total = l.schools.len().div_ceil(per_page).max(1);
        let date = crate::calendar::format_vi(config.build_date);
        let national = site.is_national();
        let places = |area: &crate::site::Area, top: Link| match national {
            true => vec![Link { title: area.province.clone(), url: Site::province_url(&area.province) }],
            false => vec![top],
        };
        let (title, description, kind, parents) = match &l.kind {
            ListingKind::Commune(c) => (
                format!("Trường học tại {}", c.name),
                match c.province.as_str() {
                    "" => format!("Các trường có địa chỉ tại {}.", c.name),
                    p => format!("Các trường có địa chỉ tại {}, {p}.", c.name),
                },
                "commune",
                places(c, Link { title: "Địa bàn".into(), url: "dia-ban/".into() }),
            ),
            ListingKind::FormerDistrict(d) => (
                match national {
                    true => format!("Trường học thuộc {} (cũ), {}", d.name, d.province),
                    false => format!("Trường học thuộc {} (cũ)", d.name),
                },
                format!("Các trường thuộc địa bàn {} trước ngày 01/07/2025, để tiện tra cứu.", d.name),
                "former_district",
                places(d, Link { title: "Địa bàn cũ".into(), url: "dia-ban/huyen-cu/".into() }),
            ),
            ListingKind::Level(level) => (
                format!("Cấp học: {}", level.label()),
                match national {
                    true => format!(
                        "Các trường {} của {} tỉnh, thành phố.",
                        level.label().to_lowercase(),
                        site.provinces.len()
                    ),
                    false => format!("Các trường {} trong tỉnh.", level.label().to_lowercase()),
                },
                "level",
                vec![Link { title: "Cấp học".into(), url: "cap-hoc/".into() }],
            ),
            ListingKind::Accreditation(n) => (
                format!("Trường đạt kiểm định chất lượng giáo dục cấp độ {n}"),
                format!("Các trường có quyết định công nhận đạt kiểm định cấp độ {n} còn hiệu lực ngày {date}."),
                "accreditation",
                Vec::new(),
            ),
            ListingKind::NationalStandard(n) => (
                format!("Trường đạt chuẩn quốc gia mức độ {n}"),
                format!("Các trường có quyết định công nhận đạt chuẩn quốc gia mức độ {n} còn hiệu lực ngày {date}."),
                "national_standard",
                Vec::new(),
            ),
            ListingKind::NotRecognised => (
                "Trường chưa có công nhận còn hiệu lực".to_owned(),
                format!(
                    "Các trường không có quyết định công nhận kiểm định hoặc chuẩn quốc gia nào còn hiệu lực ngày {date}."
                ),
                "not_recognised",
                Vec::new(),
            ),
            ListingKind::Expiring => (
                "Trường có công nhận sắp hết hiệu lực".to_owned(),
                format!(
                    "Các trường có quyết định công nhận hết hiệu lực trong vòng {} ngày kể từ {date}.",
                    config.expiry_warning_days
                ),
                "expiring",
                Vec::new(),
            ),
            ListingKind::Expired => (
                "Trường có công nhận đã hết hiệu lực".to_owned(),
                format!(
                    "Các trường mà mọi quyết định công nhận kiểm định hoặc chuẩn quốc gia đều đã hết hiệu lực trước ngày {date}."
                ),
                "expired",
                Vec::new(),
            ),
            ListingKind::CriterionGap { framework, criterion } => {
                let fw = site.regulation.framework(framework);
                let short = fw.map(|f| f.short_name()).unwrap_or_default();
                let title = fw.and_then(|f| f.criterion(criterion)).map(|c| c.title.clone()).unwrap_or_default();
                (
                    format!("Trường chưa đạt tiêu chí {criterion} ({short})"),
                    format!(
                        "Các trường có báo cáo tự đánh giá mới nhất theo {short} ghi tiêu chí {criterion} \"{title}\" chưa đạt Mức 1."
                    ),
                    "criterion_gap",
                    vec![Link { title: "Thống kê".into(), url: "thong-ke/".into() }],
                )
            }
        };
        let members = l.page(page, per_page);
        let heading = if total > 1 { format!("{title} (trang {page}/{total})") } else { title.clone() };
        let url = page_url(&l.url, page);
        let cards_html = if self.theme.has_card {
            let root = root_of(&url);
            let mut html = String::from("<ul class=\"cards\">\n");
            for &s in members {
                html.push_str(&self.card(s)?.replace(ROOT_MARK, &root));
                html.push('\n');
            }
            html.push_str("</ul>");
            Some(html)
        } else {
            None
        };
        let ctx = ListingCtx {
            title: heading.clone(),
            heading,
            description,
            kind,
            schools: members.iter().map(|&s| SchoolSummary::new(&site.schools[s], site.regulation)).collect(),
            cards_html,
            pagination: PaginationCtx::new(&l.url, page, total),
            total_schools: l.schools.len(),
            parents,
        };
        self.render_at("listing.html", &url, "listing", &ctx)
    }

    /// Writes the open-data files (`du-lieu/…`) into `sink`, side by side, each streamed as it
    /// is made; what the data page says of them (rows, size) is kept.
    pub fn write_open_data(&self, sink: &dyn Sink) -> Result<(), OutputError> {
        self.write_open_data_within(sink, MAX_DATA_FILE_BYTES)
    }

    /// Writes [`data::MISSING_REPORTS_CSV`], the schools without an approved report this school
    /// year, beside `/thong-ke/` (every school) and, on a portal of several provinces, beside
    /// each province's page: in the order of the pages' tables (province, commune, name).
    pub fn write_stats_files(&self, sink: &dyn Sink) -> Result<(), OutputError> {
        use crate::site::stats;
        let site = self.site;
        let year = site.current_school_year;
        let missing_of = |members: &[usize]| -> Vec<usize> {
            stats::areas(&site.schools, members, year, stats::commune_of)
                .into_iter()
                .flat_map(|a| a.missing_report)
                .collect()
        };
        let write = |url: &str, members: &[usize]| {
            sink.write_with(&format!("{url}{}", data::MISSING_REPORTS_CSV), &mut |out| {
                data::missing_reports_csv(site, members, out)
            })
        };
        if !site.is_national() {
            return write("thong-ke/", &missing_of(&data::all(site)));
        }
        let mut everyone = Vec::new();
        for (p, members) in site.provinces.iter().zip(&site.province_schools) {
            let missing = missing_of(members);
            write(&p.url, &missing)?;
            everyone.extend(missing);
        }
        write("thong-ke/", &everyone)
    }

    /// [`Renderer::write_open_data`], with `limit` for the size of a national file on a portal
    /// of several provinces instead of [`MAX_DATA_FILE_BYTES`] (a test sets a small one).
    pub fn write_open_data_within(&self, sink: &dyn Sink, limit: u64) -> Result<(), OutputError> {
        let made = self.make_open_data(sink, limit)?;
        let _ = self.open_data.set(made);
        Ok(())
    }

    /// Writes the open data into `sink` and tells what it wrote.
    fn make_open_data(&self, sink: &dyn Sink, limit: u64) -> Result<OpenData, OutputError> {
        let site = self.site;
        let all = data::all(site);
        let write = |url: &str, name: &'static str, selection: &[usize], province: Option<&str>| {
            let mut file = DataFile::new(name);
            sink.write_with(url, &mut |out| self.make_data_file(&mut file, selection, province, out))?;
            Ok::<DataFile, OutputError>(file)
        };
        let workbook_error = |url: &str, e: String| OutputError {
            path: std::path::PathBuf::from(url),
            source: std::io::Error::other(e),
        };
        let book_url = format!("du-lieu/{}", workbook::FILE_NAME);
        if !site.is_national() {
            // The workbook is the longest of these files (one thread, some seconds at national
            // scale): it is made beside the CSV files, not after them.
            let national = |name| write(&format!("du-lieu/{name}"), name, &all, None);
            let (book, ((a, b), (c, d))) = rayon::join(
                || self.workbook(),
                || {
                    rayon::join(
                        || rayon::join(|| national("truong.csv"), || national("quyet-dinh.csv")),
                        || rayon::join(|| national("ket-qua-tieu-chi.csv"), || national("truong.json")),
                    )
                },
            );
            let files = vec![a?, b?, c?, d?];
            let book = book.map_err(|e| workbook_error(&book_url, e.clone()))?;
            sink.write(&book_url, book, None)?;
            return Ok(OpenData { files, provinces: Vec::new(), limit });
        }

        // A portal of several provinces: each province's files (its workbook with them, which
        // takes longest), beside the national workbook.
        let (book, provinces) = rayon::join(
            || self.workbook(),
            || {
                site.provinces
                    .par_iter()
                    .zip(&site.province_schools)
                    .map(|(g, selection)| {
                        let dir = format!("du-lieu/{}", g.url);
                        let mut files = Vec::with_capacity(DATA_FILES.len() + 1);
                        for name in DATA_FILES {
                            files.push(write(&format!("{dir}{name}"), name, selection, Some(&g.name))?);
                        }
                        let url = format!("{dir}{}", workbook::FILE_NAME);
                        let book = workbook::workbook_of(site, selection, true)
                            .map_err(|e| workbook_error(&url, e.to_string()))?;
                        sink.write(&url, &book, None)?;
                        let mut file = DataFile::new(workbook::FILE_NAME);
                        file.bytes = book.len() as u64;
                        file.rows = selection.len();
                        files.push(file);
                        Ok(files)
                    })
                    .collect::<Result<Vec<_>, OutputError>>()
            },
        );
        let provinces = provinces?;

        // A national file is written when it is within `limit`, its size told beforehand
        // without making it: a CSV file is its provinces' files less the byte-order mark and
        // header each repeats; the JSON file is counted as it would be written (it is a small
        // fraction of the criteria table).
        let files = DATA_FILES
            .par_iter()
            .enumerate()
            .map(|(k, &name)| {
                let rows = provinces.iter().map(|p| p[k].rows).sum();
                let mut size = DataFile::new(name);
                let bytes = if name.ends_with(".csv") {
                    self.make_data_file(&mut size, &[], None, &mut std::io::sink()).expect("counting cannot fail");
                    let repeated = size.bytes * (provinces.len() as u64).saturating_sub(1);
                    provinces.iter().map(|p| p[k].bytes).sum::<u64>() - repeated
                } else {
                    self.make_data_file(&mut size, &all, None, &mut std::io::sink()).expect("counting cannot fail");
                    size.bytes
                };
                if bytes > limit {
                    return Ok(DataFile { name, bytes, rows, written: false });
                }
                let file = write(&format!("du-lieu/{name}"), name, &all, None)?;
                debug_assert_eq!((file.bytes, file.rows), (bytes, rows), "{name}: its size told beforehand");
                Ok(file)
            })
            .collect::<Result<Vec<_>, OutputError>>()?;
        let book = book.map_err(|e| workbook_error(&book_url, e.clone()))?;
        if book.len() as u64 <= limit {
            sink.write(&book_url, book, None)?;
        }
        Ok(OpenData { files, provinces, limit })
    }

    /// Writes the data file `file.name` of the schools in `selection` to `out`, counting its
    /// rows and bytes into `file`; `province` names a province's own file.
    fn make_data_file(
        &self,
        file: &mut DataFile,
        selection: &[usize],
        province: Option<&str>,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let site = self.site;
        let mut counted = Counting { inner: out, bytes: 0, lines: 0 };
        match file.name {
            "truong.csv" => data::schools_csv(site, selection, &mut counted)?,
            "quyet-dinh.csv" => data::decisions_csv(site, selection, &mut counted)?,
            "ket-qua-tieu-chi.csv" => data::results_csv(site, selection, &mut counted)?,
            _ => data::schools_json(site, selection, province, &mut counted)?,
        }
        file.bytes = counted.bytes;
        // CSV: the lines after the header; JSON: the schools.
        file.rows = if file.name.ends_with(".csv") { counted.lines.saturating_sub(1) } else { selection.len() };
        Ok(())
    }

    /// School `i`'s card ([`theme::CARD_TEMPLATE`]), with [`ROOT_MARK`] where the path to
    /// the site root goes; rendered once.
    fn card(&self, i: usize) -> Result<&str, RenderError> {
        if let Some(card) = self.cards[i].get() {
            return Ok(card);
        }
        let mut ctx = tera::Context::new();
        ctx.insert("s", &SchoolSummary::new(&self.site.schools[i], self.site.regulation));
        ctx.insert("root", ROOT_MARK);
        let html = self.theme.tera.render(theme::CARD_TEMPLATE, &ctx).map_err(template_error)?;
        Ok(self.cards[i].get_or_init(|| html))
    }

    /// The workbook's bytes, made on first use.
    fn workbook(&self) -> Result<&[u8], &String> {
        self.workbook
            .get_or_init(|| workbook::workbook(self.site).map_err(|e| e.to_string()))
            .as_ref()
            .map(Vec::as_slice)
    }

    /// What the data page says of the workbook: its address, size and sheets; on a portal of
    /// several provinces, whether it was left out as too large or without Kết quả tiêu chí.
    fn workbook_ctx(&self) -> serde_json::Value {
        let site = self.site;
        let size = self.workbook().map_or(0, |b| b.len() as u64);
        let results = workbook::has_results(site);
        let sheets: Vec<_> = workbook::SHEETS
            .iter()
            .filter(|(name, _)| results || *name != workbook::RESULTS_SHEET)
            .map(|(name, what)| serde_json::json!({"name": name, "description": what}))
            .collect();
        let mut ctx = serde_json::json!({
            "name": workbook::FILE_NAME,
            "url": format!("du-lieu/{}", workbook::FILE_NAME),
            "size_text": size_text(size),
            "sheets": sheets,
        });
        if site.is_national() {
            ctx["left_out"] = (size > self.open_data().limit).into();
            if !results {
                ctx["results_left_out"] = workbook::RESULTS_SHEET.into();
                ctx["result_rows"] = data::thousands(workbook::result_rows(site, &data::all(site))).into();
            }
        }
        ctx
    }

    /// The open-data files' figures: from [`Renderer::write_open_data`], or counted without
    /// writing when the data page is rendered first.
    fn open_data(&self) -> &OpenData {
        self.open_data.get_or_init(|| self.make_open_data(&Discard, MAX_DATA_FILE_BYTES).expect("counting cannot fail"))
    }

    fn data_files_ctx(&self) -> Vec<DataFileCtx> {
        let describe = |name: &str| -> (&'static str, &'static str, &'static str, &'static [data::Column], String) {
            match name {
                "truong.csv" => ("truong.csv", "Danh sách trường", "CSV", data::SCHOOL_COLUMNS, "Mỗi dòng một trường: thông tin chung, tình trạng công nhận ngày dữ liệu và báo cáo mới nhất.".into()),
                "truong.json" => ("truong.json", "Danh sách trường (JSON)", "JSON", data::SCHOOL_COLUMNS, "Cùng các cột như truong.csv, mỗi trường thêm danh sách báo cáo đã phê duyệt (reports: school_year, framework, approved_on, level, url).".into()),
                "quyet-dinh.csv" => ("quyet-dinh.csv", "Các quyết định công nhận", "CSV", data::DECISION_COLUMNS, "Mỗi dòng một quyết định công nhận kiểm định hoặc chuẩn quốc gia, kể cả quyết định đã hết hiệu lực.".into()),
                _ => ("ket-qua-tieu-chi.csv", "Kết quả từng tiêu chí", "CSV", data::RESULT_COLUMNS, "Mỗi dòng một tiêu chí của một báo cáo tự đánh giá đã phê duyệt: trường × năm học × tiêu chí.".into()),
            }
        };
        self.open_data()
            .files
            .iter()
            .map(|f| {
                let (name, title, format, columns, description) = describe(f.name);
                DataFileCtx {
                    name,
                    url: format!("du-lieu/{name}"),
                    title,
                    description,
                    format,
                    rows: f.rows,
                    size_text: size_text(f.bytes),
                    columns,
                    left_out: !f.written,
                }
            })
            .collect()
    }

    /// The provinces' files for the data page's table (empty on a site of one province).
    fn province_files_ctx(&self) -> Vec<data::ProvinceFilesCtx> {
        let site = self.site;
        site.provinces
            .iter()
            .zip(&self.open_data().provinces)
            .map(|(g, files)| data::ProvinceFilesCtx {
                name: g.name.clone(),
                url: g.url.clone(),
                files: files
                    .iter()
                    .map(|f| data::FileLinkCtx {
                        name: f.name,
                        url: format!("du-lieu/{}{}", g.url, f.name),
                        size_text: size_text(f.bytes),
                        rows: f.rows,
                    })
                    .collect(),
            })
            .collect()
    }

    /// An area's figures for a template; `missing` lists its schools without a report this
    /// year (not done for a province on the country's page, where they would be thousands:
    /// the province's own page lists them).
    fn area_ctx(&self, a: &crate::site::stats::AreaStats, missing: bool) -> AreaCtx {
        let site = self.site;
        AreaCtx {
            name: a.name.clone(),
            url: a.url.clone(),
            schools: a.schools.len(),
            with_current_report: a.with_current_report,
            percent_text: percent_text(a.with_current_report, a.schools.len()),
            accreditation: a.accreditation.to_vec(),
            national_standard: a.national_standard.to_vec(),
            missing_count: a.missing_report.len(),
            missing: a
                .missing_report
                .iter()
                .filter(|_| missing)
                .map(|&i| {
                    let e = &site.schools[i];
                    SchoolLink { name: e.school.name.clone(), url: e.url(), commune: e.school.commune.clone() }
                })
                .collect(),
        }
    }

    /// `/thong-ke/` (`province` = None) or a province's page `/tinh/<province>/`: figures
    /// per commune and former district on a one-province site and on a province's page, per
    /// province on the country's `/thong-ke/` (each province's page has its communes).
    fn stats_page(&self, province: Option<usize>) -> StatsPageCtx {
        use crate::render::chart::{Bar, bar_chart};
        use crate::site::stats;
        let site = self.site;
        let year = site.current_school_year;
        let (members, name, url): (Vec<usize>, &str, String) = match province {
            Some(p) => {
                let g = &site.provinces[p];
                (site.province_schools[p].clone(), &g.name, g.url.clone())
            }
            None => (
                (0..site.schools.len()).collect(),
                match site.content.config.province.as_str() {
                    "" => "Tất cả",
                    p => p,
                },
                "thong-ke/".into(),
            ),
        };
        let by_province = province.is_none() && site.is_national();
        let total = stats::total(name, &url, &site.schools, members, year);
        // The rows: provinces on the country's page, communes (and former districts) elsewhere.
        let (communes, districts, area_word, whole) = match by_province {
            true => (
                stats::areas(&site.schools, &total.schools, year, stats::province_of),
                Vec::new(),
                "tỉnh, thành phố",
                "cả nước",
            ),
            false => (
                stats::areas(&site.schools, &total.schools, year, stats::commune_of),
                stats::areas(&site.schools, &total.schools, year, stats::district_of),
                "xã, phường",
                "toàn tỉnh",
            ),
        };
        // Highest rate first (then by name, the areas' order), so that the chart reads as a
        // ranking; the table below keeps the alphabetical order.
        let mut by_rate: Vec<&stats::AreaStats> = communes.iter().collect();
        by_rate.sort_by_key(|c| {
            std::cmp::Reverse((c.with_current_report * 1_000_000).checked_div(c.schools.len()).unwrap_or(0))
        });
        let bars: Vec<Bar> = by_rate
            .iter()
            .map(|c| {
                let pct = if c.schools.is_empty() {
                    0.0
                } else {
                    c.with_current_report as f64 * 100.0 / c.schools.len() as f64
                };
                Bar {
                    label: c.name.clone(),
                    value: pct,
                    text: format!(
                        "{}/{} · {}%",
                        c.with_current_report,
                        c.schools.len(),
                        percent_text(c.with_current_report, c.schools.len())
                    ),
                }
            })
            .collect();
        let best =
            communes.iter().max_by_key(|c| (c.with_current_report * 1000).checked_div(c.schools.len()).unwrap_or(0));
        let worst =
            communes.iter().min_by_key(|c| (c.with_current_report * 1000).checked_div(c.schools.len()).unwrap_or(0));
        let report_caption = format!(
            "Tỷ lệ trường có báo cáo tự đánh giá năm học {year} được phê duyệt, theo {area_word}: {whole} {}%{}.",
            percent_text(total.with_current_report, total.schools.len()),
            match (best, worst) {
                (Some(b), Some(w)) => format!(
                    "; cao nhất {} ({}%), thấp nhất {} ({}%)",
                    b.name,
                    percent_text(b.with_current_report, b.schools.len()),
                    w.name,
                    percent_text(w.with_current_report, w.schools.len())
                ),
                _ => String::new(),
            }
        );
        let dist = |id: &str, title: &str, labels: &[&str], counts: &[usize]| {
            let total: usize = counts.iter().sum();
            let bars: Vec<Bar> = labels
                .iter()
                .zip(counts)
                .map(|(l, c)| Bar { label: (*l).to_owned(), value: *c as f64, text: format!("{c} trường") })
                .collect();
            let parts: Vec<String> = labels.iter().zip(counts).map(|(l, c)| format!("{l}: {c}")).collect();
            let caption = format!("{title} ({total} trường): {}.", parts.join("; "));
            ChartCtx {
                svg: bar_chart(id, title, &caption, &bars, counts.iter().copied().max().unwrap_or(0) as f64),
                caption,
            }
        };
        let accreditation_chart = dist(
            "bieu-do-kiem-dinh",
            "Số trường theo cấp độ kiểm định đang có hiệu lực",
            &["Chưa có / hết hiệu lực", "Cấp độ 1", "Cấp độ 2", "Cấp độ 3", "Cấp độ 4"],
            &total.accreditation,
        );
        let national_standard_chart = dist(
            "bieu-do-chuan-quoc-gia",
            "Số trường theo mức độ chuẩn quốc gia đang có hiệu lực",
            &["Chưa có / hết hiệu lực", "Mức độ 1", "Mức độ 2"],
            &total.national_standard,
        );
        // One table per framework, its ten criteria most often not reached (the gaps come
        // most frequent first).
        let mut groups: std::collections::BTreeMap<String, GapGroupCtx> = std::collections::BTreeMap::new();
        for g in stats::criterion_gaps(total.schools.iter().map(|&i| &site.schools[i])) {
            let Some(f) = site.regulation.framework(&g.framework) else { continue };
            let group = groups.entry(g.framework.clone()).or_insert_with(|| GapGroupCtx {
                framework_short: f.short_name(),
                framework_name: f.title.clone(),
                assessed: g.assessed,
                gaps: Vec::new(),
            });
            if group.gaps.len() < 10 {
                group.gaps.push(GapCtx {
                    url: Site::criterion_gap_url(&g.framework, &g.criterion.0),
                    framework_short: f.short_name(),
                    title: f.criterion(&g.criterion.0).map(|c| c.title.clone()).unwrap_or_default(),
                    criterion: g.criterion.0,
                    percent_text: percent_text(g.count, g.assessed),
                    count: g.count,
                    assessed: g.assessed,
                });
            }
        }
        let mut gaps: Vec<GapGroupCtx> = groups.into_values().collect();
        // The framework that judges the most schools first.
        gaps.sort_by_key(|g| std::cmp::Reverse(g.assessed));
        let missing = match by_province {
            true => Vec::new(),
            false => communes
                .iter()
                .flat_map(|c| &c.missing_report)
                .map(|&i| {
                    let e = &site.schools[i];
                    MissingRowCtx {
                        name: e.school.name.clone(),
                        url: e.url(),
                        commune: e.school.commune.clone(),
                        commune_url: e.commune_url.clone(),
                        last_report: e.latest_approved().map(|r| r.report.year.to_string()),
                        accreditation: StatusCtx::new(
                            crate::content::school::DecisionKind::Accreditation,
                            &e.accreditation,
                            e.school.level,
                            site.regulation,
                        ),
                        phone: e.school.phone.clone(),
                        phone_href: e.school.phone.as_ref().map(|p| {
                            format!("tel:{}", p.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>())
                        }),
                    }
                })
                .collect(),
        };
        let count = |kind: &ListingKind| site.listing(kind).map_or(0, |l| l.schools.len());
        StatsPageCtx {
            report_chart: ChartCtx {
                svg: bar_chart(
                    "bieu-do-bao-cao",
                    &format!("Tỷ lệ trường có báo cáo năm học {year}"),
                    &report_caption,
                    &bars,
                    100.0,
                ),
                caption: report_caption.clone(),
            },
            scope: match (by_province, province) {
                (true, _) => "country",
                (false, Some(_)) => "province",
                (false, None) => "site",
            },
            area_label: area_word,
            whole_label: whole,
            province: self.area_ctx(&total, false),
            communes: communes.iter().map(|a| self.area_ctx(a, !by_province)).collect(),
            districts: districts.iter().map(|a| self.area_ctx(a, false)).collect(),
            accreditation_chart,
            national_standard_chart,
            gaps,
            missing,
            missing_csv: format!("{url}{}", data::MISSING_REPORTS_CSV),
            expiring: UrlCount { count: count(&ListingKind::Expiring), url: "sap-het-han/".into() },
            expired: UrlCount { count: count(&ListingKind::Expired), url: "het-hieu-luc/".into() },
        }
    }

    fn registrations(&self) -> RegistrationsCtx {
        use crate::content::school::RegistrationKind;
        use std::collections::BTreeMap;
        let site = self.site;
        let ends = site.regulation.accreditation_ends;
        let mut by_year: BTreeMap<crate::calendar::SchoolYear, Vec<RankedRegistration>> = BTreeMap::new();
        for (i, e) in site.schools.iter().enumerate() {
            for r in &e.school.registrations {
                // An evaluation for a cấp độ in a school year that starts after accreditation
                // ended cannot lead to one.
                let target_gone = r.kind == RegistrationKind::DanhGiaNgoai
                    && r.target_level.is_some()
                    && ends.is_some_and(|end| r.school_year >= crate::calendar::SchoolYear::containing(end));
                let row = RegistrationRowCtx {
                    priority: r.priority,
                    semester: r.semester,
                    kind_name: r.kind.label(),
                    school: SchoolLink { name: e.school.name.clone(), url: e.url(), commune: e.school.commune.clone() },
                    target_label: r.target_label(),
                    target_gone,
                };
                by_year.entry(r.school_year).or_default().push((r.priority, r.semester, i, row));
            }
        }
        let years = by_year
            .into_iter()
            .map(|(year, mut rows)| {
                // The Sở's order of priority over the whole year; schools without one follow,
                // by semester, then name.
                rows.sort_by_key(|(p, semester, i, _)| (p.is_none(), *p, *semester, *i));
                let rows: Vec<RegistrationRowCtx> = rows.into_iter().map(|r| r.3).collect();
                RegistrationYearCtx {
                    school_year: year.to_string(),
                    any_gone: rows.iter().any(|r| r.target_gone),
                    rows,
                }
            })
            .collect();
        RegistrationsCtx { years, accreditation_ends: ends.map(crate::calendar::format_vi) }
    }

    fn places(&self) -> Result<Prepared, RenderError> {
        let site = self.site;
        if site.is_national() {
            // A country's communes are thousands: this page goes through the provinces, each
            // of whose pages lists its communes.
            let mut sections =
                vec![GroupSectionCtx { heading: "Tỉnh, thành phố".into(), items: items(&site.provinces) }];
            if !site.districts.is_empty() {
                sections.push(GroupSectionCtx {
                    heading: "Địa bàn cũ".into(),
                    items: vec![GroupItemCtx {
                        name: "Huyện, thị xã, thành phố trước 01/07/2025, theo tỉnh".into(),
                        url: "dia-ban/huyen-cu/".into(),
                        count: site.districts.iter().map(|d| d.count).sum(),
                        note: None,
                    }],
                });
            }
            let ctx = GroupsCtx {
                title: "Trường học theo địa bàn".into(),
                description: "Chọn tỉnh, thành phố, rồi xã, phường để xem các trường học.".into(),
                sections,
            };
            return self.render_at("groups.html", "dia-ban/", "groups", &ctx);
        }
        let mut sections =
            vec![GroupSectionCtx { heading: "Xã, phường, đặc khu".into(), items: items(&site.communes) }];
        if !site.districts.is_empty() {
            sections.push(GroupSectionCtx {
                heading: "Địa bàn cũ (huyện, thị xã, thành phố trước 01/07/2025)".into(),
                items: items(&site.districts),
            });
        }
        let ctx = GroupsCtx {
            title: "Trường học theo địa bàn".into(),
            description: match site.content.config.province.as_str() {
                "" => "Chọn xã, phường để xem các trường học.".to_owned(),
                p => format!("Chọn xã, phường để xem các trường học của {p}."),
            },
            sections,
        };
        self.render_at("groups.html", "dia-ban/", "groups", &ctx)
    }

    /// `/tinh/`: every province with its figures.
    fn provinces(&self) -> Result<Prepared, RenderError> {
        use crate::site::stats;
        let site = self.site;
        let year = site.current_school_year;
        let all: Vec<usize> = (0..site.schools.len()).collect();
        let total = stats::total("Cả nước", "tinh/", &site.schools, all, year);
        let provinces = stats::areas(&site.schools, &total.schools, year, stats::province_of);
        let mut ctx = tera::Context::new();
        ctx.insert("total", &self.area_ctx(&total, false));
        ctx.insert("provinces", &provinces.iter().map(|a| self.area_ctx(a, false)).collect::<Vec<_>>());
        self.render_with("provinces.html", "tinh/", root_of("tinh/"), ctx)
    }

    fn districts(&self) -> Result<Prepared, RenderError> {
        let site = self.site;
        let sections = match site.is_national() {
            // One section per province: a district's name alone does not say where it was.
            true => site
                .provinces
                .iter()
                .map(|p| {
                    let of_province: Vec<_> = site.districts.iter().filter(|d| d.province == p.name).cloned().collect();
                    GroupSectionCtx { heading: p.name.clone(), items: items(&of_province) }
                })
                .filter(|s| !s.items.is_empty())
                .collect(),
            false => vec![GroupSectionCtx {
                heading: "Huyện, thị xã, thành phố (cũ)".into(),
                items: items(&site.districts),
            }],
        };
        let ctx = GroupsCtx {
            title: "Trường học theo địa bàn cũ".into(),
            description: "Từ ngày 01/07/2025 không còn cấp huyện; danh sách theo huyện cũ giúp tra cứu liên tục."
                .into(),
            sections,
        };
        self.render_at("groups.html", "dia-ban/huyen-cu/", "groups", &ctx)
    }

    fn levels(&self) -> Result<Prepared, RenderError> {
        let ctx = GroupsCtx {
            title: "Trường học theo cấp học".into(),
            description: "Chọn cấp học để xem danh sách trường.".into(),
            sections: vec![GroupSectionCtx { heading: "Cấp học".into(), items: items(&self.site.levels) }],
        };
        self.render_at("groups.html", "cap-hoc/", "groups", &ctx)
    }
}

fn counted(groups: &[crate::site::Group]) -> Vec<CountLink> {
    groups.iter().map(|g| CountLink { name: g.name.clone(), url: g.url.clone(), count: g.count }).collect()
}

fn items(groups: &[crate::site::Group]) -> Vec<GroupItemCtx> {
    groups
        .iter()
        .map(|g| GroupItemCtx { name: g.name.clone(), url: g.url.clone(), count: g.count, note: None })
        .collect()
}

/// The path part of `base_url` with a trailing `/` (`/` or `/kiem-dinh/`), for the 404
/// page, which a server shows at any depth.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    format!("{}/", path.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_markup_characters_are_escaped_and_nothing_else() {
        assert_eq!(escape_html("Trường Tiểu học Đinh Bộ Lĩnh"), "Trường Tiểu học Đinh Bộ Lĩnh");
        assert_eq!(
            escape_html("<a href=\"x\" title='y'>Tom & Jerry</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
        assert_eq!(escape_html("ạ&ạ"), "ạ&amp;ạ");
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html(">"), "&gt;");
        for t in ["Trường <b>", "a & b", "\"'", "", "ạ"] {
            assert_eq!(Escaped(t).to_string(), escape_html(t));
        }
    }

    #[test]
    fn relative_root_and_base_path() {
        assert_eq!(root_of(""), "");
        assert_eq!(root_of("truong/x/"), "../../");
        assert_eq!(root_of("truong/x/2024-2025/"), "../../../");
        assert_eq!(base_path("https://a.gov.vn"), "/");
        assert_eq!(base_path("https://a.gov.vn/kiem-dinh"), "/kiem-dinh/");
    }
}
