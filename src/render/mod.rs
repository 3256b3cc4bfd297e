//! Stage 5: render every page of the site model with Tera templates.
//!
//! Templates come from `<root>/themes/<theme>/templates/` when that folder exists, else from
//! the default theme compiled into the binary, so a site needs no copy of the theme.

pub mod context;
pub mod markdown;

use std::path::Path;

use serde::Serialize;
use tera::Tera;

use crate::render::context::*;
use crate::render::markdown::LinkContext;
use crate::site::{ListingKind, Site};

/// The default theme's templates, compiled in.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("macros.html", include_str!("../../themes/default/templates/macros.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("school.html", include_str!("../../themes/default/templates/school.html")),
    ("report.html", include_str!("../../themes/default/templates/report.html")),
    ("listing.html", include_str!("../../themes/default/templates/listing.html")),
    ("groups.html", include_str!("../../themes/default/templates/groups.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("search.html", include_str!("../../themes/default/templates/search.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
];

/// The default theme's static files, compiled in: (path in the site, bytes).
pub const BUILTIN_STATIC: &[(&str, &[u8])] = &[("style.css", include_bytes!("../../themes/default/static/style.css"))];

/// Why rendering failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template does not parse or fails on its data.
    #[error("template error: {0}")]
    Template(String),
    /// The theme named in config.toml does not exist.
    #[error("theme {0:?} not found: create themes/{0}/templates/ or set theme = \"default\" in config.toml")]
    NoTheme(String),
}

fn template_error(e: tera::Error) -> RenderError {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    RenderError::Template(msg)
}

/// Escapes text for HTML: `& < > " '` only (Tera's default also escapes `/`, which bloats
/// every URL and is not needed in attribute values that are quoted).
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Loads the templates of `theme` for the site at `root`.
pub fn load_templates(root: &Path, theme: &str) -> Result<Tera, RenderError> {
    let dir = root.join("themes").join(theme).join("templates");
    let mut tera = if dir.is_dir() {
        let glob = format!("{}/**/*.html", dir.display());
        Tera::new(&glob).map_err(template_error)?
    } else if theme == "default" {
        let mut t = Tera::default();
        t.add_raw_templates(BUILTIN_TEMPLATES.iter().copied()).map_err(template_error)?;
        t
    } else {
        return Err(RenderError::NoTheme(theme.to_owned()));
    };
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    Ok(tera)
}

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
    /// `/404.html`.
    NotFound,
}

/// A rendered page: where it goes and its HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPage {
    /// Root-relative URL (`truong/x/`, or a file name such as `404.html`).
    pub url: String,
    /// The HTML.
    pub html: String,
}

/// Every page of the site, in a fixed order.
pub fn jobs(site: &Site<'_>) -> Vec<PageJob> {
    let mut jobs =
        vec![PageJob::Home, PageJob::Places, PageJob::Districts, PageJob::Levels, PageJob::Search, PageJob::NotFound];
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

/// Renders pages of one site with its templates.
pub struct Renderer<'s, 'a> {
    site: &'s Site<'a>,
    tera: Tera,
    site_ctx: SiteCtx,
    nav: Vec<Link>,
}

fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

impl<'s, 'a> Renderer<'s, 'a> {
    /// A renderer for `site` with `tera`.
    pub fn new(site: &'s Site<'a>, tera: Tera) -> Renderer<'s, 'a> {
        let mut nav = vec![
            Link { title: "Trang chủ".into(), url: String::new() },
            Link { title: "Địa bàn".into(), url: "dia-ban/".into() },
            Link { title: "Cấp học".into(), url: "cap-hoc/".into() },
            Link { title: "Tìm kiếm".into(), url: "tim-kiem/".into() },
        ];
        nav.extend(site.pages.iter().map(|p| Link { title: p.title.clone(), url: format!("{}/", p.slug) }));
        Renderer { site, site_ctx: SiteCtx::new(&site.content.config, site), tera, nav }
    }

    fn render_at<T: Serialize>(
        &self,
        template: &str,
        url: &str,
        key: &str,
        value: &T,
    ) -> Result<RenderedPage, RenderError> {
        let mut ctx = tera::Context::new();
        ctx.insert(key, value);
        self.render_with(template, url, root_of(url), ctx)
    }

    /// Renders one page.
    pub fn render_job(&self, job: PageJob) -> Result<RenderedPage, RenderError> {
        let site = self.site;
        match job {
            PageJob::Home => self.home(),
            PageJob::School(i) => {
                let e = &site.schools[i];
                self.render_at("school.html", &e.url(), "school", &SchoolCtx::new(e, site))
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
                ctx.insert("communes", &counted(&site.communes));
                self.render_with("search.html", "tim-kiem/", root_of("tim-kiem/"), ctx)
            }
            PageJob::NotFound => {
                let base_path = base_path(&site.content.config.base_url);
                self.render_with("404.html", "404.html", base_path, tera::Context::new())
            }
        }
    }

    fn render_with(
        &self,
        template: &str,
        url: &str,
        root: String,
        mut ctx: tera::Context,
    ) -> Result<RenderedPage, RenderError> {
        ctx.insert("site", &self.site_ctx);
        ctx.insert("root", &root);
        ctx.insert("page_url", url);
        ctx.insert("nav", &self.nav);
        let html = self.tera.render(template, &ctx).map_err(template_error)?;
        Ok(RenderedPage { url: url.to_owned(), html })
    }

    fn level_links(&self) -> Vec<CountLink> {
        counted(&self.site.levels)
    }

    fn stats(&self) -> StatsCtx {
        let site = self.site;
        let n = site.schools.len();
        let with_current = site.schools.iter().filter(|s| s.has_report_for(site.current_school_year)).count();
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
            expired: UrlCount { count: count(&ListingKind::Expired), url: "het-hieu-luc/".into() },
        }
    }

    fn home(&self) -> Result<RenderedPage, RenderError> {
        let site = self.site;
        let mut ctx = tera::Context::new();
        ctx.insert("stats", &self.stats());
        ctx.insert("levels", &self.level_links());
        ctx.insert("communes", &counted(&site.communes));
        ctx.insert("districts", &counted(&site.districts));
        let pages: Vec<Link> =
            site.pages.iter().map(|p| Link { title: p.title.clone(), url: format!("{}/", p.slug) }).collect();
        ctx.insert("pages", &pages);
        self.render_with("index.html", "", String::new(), ctx)
    }

    fn report(&self, i: usize, j: usize) -> Result<RenderedPage, RenderError> {
        let site = self.site;
        let e = &site.schools[i];
        let r = &e.reports[j];
        let names: Vec<String> = e.school.attachments.iter().map(|a| a.name.clone()).collect();
        let body = markdown::render_report(
            r.report.body(),
            &LinkContext { attachments: &names, to_school: "../", to_root: "../../../" },
        );
        let url = r.url(e.school);
        let mut ctx = tera::Context::new();
        ctx.insert("school", &SchoolSummary::new(e));
        ctx.insert("report", &ReportCtx::new(r, site, body));
        self.render_with("report.html", &url, root_of(&url), ctx)
    }

    fn listing(&self, i: usize, page: usize) -> Result<RenderedPage, RenderError> {
        let site = self.site;
        let l = &site.listings[i];
        let config = &site.content.config;
        let per_page = config.paginate;
        let total = l.schools.len().div_ceil(per_page).max(1);
        let date = crate::calendar::format_vi(config.build_date);
        let (title, description, kind, parent) = match &l.kind {
            ListingKind::Commune(c) => (
                format!("Trường học tại {c}"),
                format!("Các trường có địa chỉ tại {c}, {}.", config.province),
                "commune",
                Some(Link { title: "Địa bàn".into(), url: "dia-ban/".into() }),
            ),
            ListingKind::FormerDistrict(d) => (
                format!("Trường học thuộc {d} (cũ)"),
                format!("Các trường thuộc địa bàn {d} trước ngày 01/07/2025, để tiện tra cứu."),
                "former_district",
                Some(Link { title: "Địa bàn cũ".into(), url: "dia-ban/huyen-cu/".into() }),
            ),
            ListingKind::Level(level) => (
                format!("Cấp học: {}", level.label()),
                format!("Các trường {} trong tỉnh.", level.label().to_lowercase()),
                "level",
                Some(Link { title: "Cấp học".into(), url: "cap-hoc/".into() }),
            ),
            ListingKind::Accreditation(n) => (
                format!("Trường đạt kiểm định chất lượng giáo dục cấp độ {n}"),
                format!("Các trường có quyết định công nhận đạt kiểm định cấp độ {n} còn hiệu lực ngày {date}."),
                "accreditation",
                None,
            ),
            ListingKind::NationalStandard(n) => (
                format!("Trường đạt chuẩn quốc gia mức độ {n}"),
                format!("Các trường có quyết định công nhận đạt chuẩn quốc gia mức độ {n} còn hiệu lực ngày {date}."),
                "national_standard",
                None,
            ),
            ListingKind::NotRecognised => (
                "Trường chưa có công nhận còn hiệu lực".to_owned(),
                format!(
                    "Các trường không có quyết định công nhận kiểm định hoặc chuẩn quốc gia nào còn hiệu lực ngày {date}."
                ),
                "not_recognised",
                None,
            ),
            ListingKind::Expiring => (
                "Trường có công nhận sắp hết hiệu lực".to_owned(),
                format!(
                    "Các trường có quyết định công nhận hết hiệu lực trong vòng {} ngày kể từ {date}.",
                    config.expiry_warning_days
                ),
                "expiring",
                None,
            ),
            ListingKind::Expired => (
                "Trường có công nhận đã hết hiệu lực".to_owned(),
                format!(
                    "Các trường mà mọi quyết định công nhận kiểm định hoặc chuẩn quốc gia đều đã hết hiệu lực trước ngày {date}."
                ),
                "expired",
                None,
            ),
        };
        let members = l.schools.iter().skip((page - 1) * per_page).take(per_page);
        let heading = if total > 1 { format!("{title} (trang {page}/{total})") } else { title.clone() };
        let ctx = ListingCtx {
            title: heading.clone(),
            heading,
            description,
            kind,
            schools: members.map(|&s| SchoolSummary::new(&site.schools[s])).collect(),
            pagination: PaginationCtx::new(&l.url, page, total),
            total_schools: l.schools.len(),
            parent,
        };
        let url = page_url(&l.url, page);
        self.render_at("listing.html", &url, "listing", &ctx)
    }

    fn places(&self) -> Result<RenderedPage, RenderError> {
        let site = self.site;
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
            description: format!("Chọn xã, phường để xem các trường học của {}.", site.content.config.province),
            sections,
        };
        self.render_at("groups.html", "dia-ban/", "groups", &ctx)
    }

    fn districts(&self) -> Result<RenderedPage, RenderError> {
        let ctx = GroupsCtx {
            title: "Trường học theo địa bàn cũ".into(),
            description: "Từ ngày 01/07/2025 không còn cấp huyện; danh sách theo huyện cũ giúp tra cứu liên tục."
                .into(),
            sections: vec![GroupSectionCtx {
                heading: "Huyện, thị xã, thành phố (cũ)".into(),
                items: items(&self.site.districts),
            }],
        };
        self.render_at("groups.html", "dia-ban/huyen-cu/", "groups", &ctx)
    }

    fn levels(&self) -> Result<RenderedPage, RenderError> {
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
    fn relative_root_and_base_path() {
        assert_eq!(root_of(""), "");
        assert_eq!(root_of("truong/x/"), "../../");
        assert_eq!(root_of("truong/x/2024-2025/"), "../../../");
        assert_eq!(base_path("https://a.gov.vn"), "/");
        assert_eq!(base_path("https://a.gov.vn/kiem-dinh"), "/kiem-dinh/");
    }
}
