//! What templates receive: plain serialisable data built from the site model, documented in
//! `themes/default/README.md`. Labels are made here so templates stay simple.

use serde::Serialize;

use crate::calendar::{Date, format_vi};
use crate::content::school::SchoolLevel;
use crate::content::school::{Decision, DecisionKind};
use crate::content::{Config, ReportStatus};
use crate::regulation::{Framework, Regulation};
use crate::render::markdown::{EvidenceTable, TocEntry};
use crate::site::{PublishedReport, SchoolEntry, Site, Status, Validity, status::validity_of};

/// `site.*` of every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteCtx {
    pub title: String,
    pub authority: String,
    pub province: String,
    pub base_url: String,
    pub language: String,
    pub build_date: String,
    pub build_date_text: String,
    pub current_school_year: String,
    pub drafts: bool,
}

impl SiteCtx {
    /// From the config.
    pub fn new(config: &Config, site: &Site<'_>) -> SiteCtx {
        SiteCtx {
            title: config.title.clone(),
            authority: config.authority.clone(),
            province: config.province.clone(),
            base_url: config.base_url.clone(),
            language: config.language.clone(),
            build_date: config.build_date.to_string(),
            build_date_text: format_vi(config.build_date),
            current_school_year: site.current_school_year.to_string(),
            drafts: site.drafts,
        }
    }
}

/// A link with a title.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// A counted link (`levels`, `communes`, `districts`).
#[derive(Debug, Clone, Serialize)]
pub struct CountLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// Status of a recognition.
#[derive(Debug, Clone, Serialize)]
pub struct StatusCtx {
    pub state: &'static str,
    pub level: Option<u8>,
    pub label: String,
    pub text: String,
    pub decision: Option<String>,
    pub decided: Option<String>,
    pub valid_until: Option<String>,
    pub expired_since: Option<String>,
    /// The level on its scale ("3/4"), when there is a decision.
    pub scale: Option<String>,
    /// What the level means, in one plain line ([`status_explain`]).
    pub explain: String,
}

fn level_label(kind: DecisionKind, level: u8) -> String {
    match kind {
        DecisionKind::Accreditation => format!("Cấp độ {level}"),
        DecisionKind::NationalStandard => format!("Mức độ {level}"),
    }
}

/// The scale of a recognition decided on `date` for a `level` school: how many cấp độ the
/// framework in force allowed (accreditation, which ended with the 2018 circulars: the last
/// framework that had it), or how many mức độ of national standard the catalogs know.
fn recognition_scale(kind: DecisionKind, level: SchoolLevel, date: Date, reg: &Regulation) -> Option<u8> {
    match kind {
        DecisionKind::Accreditation => {
            let day = match reg.accreditation_ends.and_then(|end| end.pred_opt()) {
                Some(last) if date > last => last,
                _ => date,
            };
            framework_on(reg, level, day).map(Framework::max_school_level)
        }
        DecisionKind::NationalStandard => reg.national_standard_needs.keys().max().copied(),
    }
}

/// The framework of a `level` school in force on `date`.
fn framework_on(reg: &Regulation, level: SchoolLevel, date: Date) -> Option<&Framework> {
    reg.selection.in_force_on(level, date).and_then(|id| reg.framework(&id.0))
}

/// One plain line on what a recognition means: the level on its scale, what it stands for and
/// under which circular it was granted ("Cấp độ 3/4 (4 là cao nhất): đánh giá ngoài xác nhận
/// trường đạt Mức 3, theo Thông tư 17/2018/TT-BGDĐT.").
fn status_explain(
    kind: DecisionKind,
    s: &Status<'_>,
    level: SchoolLevel,
    reg: &Regulation,
) -> (Option<String>, String) {
    let Some(d) = s.decision else {
        let text = match kind {
            DecisionKind::Accreditation => "Trường chưa có quyết định công nhận đạt kiểm định chất lượng giáo dục.",
            DecisionKind::NationalStandard => "Trường chưa có quyết định công nhận đạt chuẩn quốc gia.",
        };
        return (None, text.to_owned());
    };
    let n = s.level().unwrap_or(0);
    let max = recognition_scale(kind, level, d.decided.value, reg);
    let scale = max.map(|m| format!("{n}/{m}"));
    let label = level_label(kind, n);
    let head = match max {
        Some(m) => format!("{label}/{m} ({m} là cao nhất)"),
        None => label,
    };
    let what = match kind {
        DecisionKind::Accreditation => format!("đánh giá ngoài xác nhận trường đạt Mức {n}"),
        DecisionKind::NationalStandard => "trường được công nhận đạt chuẩn quốc gia".to_owned(),
    };
    let circular = framework_on(reg, level, d.decided.value).map(|f| format!(", theo {}", f.short_name()));
    (scale, format!("{head}: {what}{}.", circular.unwrap_or_default()))
}

impl StatusCtx {
    pub(crate) fn new(kind: DecisionKind, s: &Status<'_>, level: SchoolLevel, reg: &Regulation) -> StatusCtx {
        let (scale, explain) = status_explain(kind, s, level, reg);
        let Some(d) = s.decision else {
            return StatusCtx {
                scale,
                explain,
                state: Validity::None.key(),
                level: None,
                label: Validity::None.label().to_owned(),
                text: Validity::None.label().to_owned(),
                decision: None,
                decided: None,
                valid_until: None,
                expired_since: None,
            };
        };
        let level = s.level().unwrap_or(0);
        let label = level_label(kind, level);
        let until = format_vi(d.valid_until.value);
        let since = d.valid_until.value.succ_opt().map(format_vi);
        let text = match s.validity {
            Validity::Valid => format!("{label} — còn hiệu lực đến {until}"),
            Validity::Expiring => format!("{label} — sắp hết hiệu lực ({until})"),
            Validity::Expired => format!("Hết hiệu lực từ {} ({label})", since.clone().unwrap_or_default()),
            Validity::None => unreachable!("a status with a decision is not None"),
        };
        StatusCtx {
            state: s.validity.key(),
            level: Some(level),
            label,
            text,
            decision: Some(d.number.clone()),
            decided: Some(format_vi(d.decided.value)),
            valid_until: Some(until),
            expired_since: (s.validity == Validity::Expired).then_some(since).flatten(),
            scale,
            explain,
        }
    }
}

/// The latest report of a school in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct LatestReportCtx {
    pub year: String,
    pub url: String,
    pub level: Option<u8>,
    pub level_label: String,
    pub framework_short: String,
    /// The level on its framework's scale ("Mức 3/4"), when computed.
    pub scale: Option<String>,
    /// What the level means, in one plain line ([`report_explain`]).
    pub explain: String,
}

/// A school in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolSummary {
    pub slug: String,
    pub url: String,
    pub id: String,
    pub name: String,
    pub level: &'static str,
    pub level_name: &'static str,
    pub ownership_name: &'static str,
    pub commune: String,
    pub commune_url: String,
    pub former_district: Option<String>,
    pub former_district_url: Option<String>,
    pub province: String,
    /// The province's page, on a portal of several provinces.
    pub province_url: Option<String>,
    pub accreditation: StatusCtx,
    pub national_standard: StatusCtx,
    pub latest_report: Option<LatestReportCtx>,
}

/// A report's level on its framework's scale ("Mức 3/4"; the number of levels is the
/// framework's, from its catalog) and one plain line on what it means and which circular
/// judged it.
pub fn report_explain(f: &Framework, level: Option<u8>) -> (Option<String>, String) {
    let max = f.max_school_level();
    let short = f.short_name();
    match level {
        None => (None, "Chưa tính được mức: thiếu kết quả của một số tiêu chí.".to_owned()),
        Some(0) => {
            (Some(format!("Mức 0/{max}")), format!("Chưa đạt Mức 1, mức thấp nhất trong {max} mức của {short}."))
        }
        Some(l) if l >= max => (Some(format!("Mức {l}/{max}")), format!("Mức {l}/{max}: mức cao nhất của {short}.")),
        Some(l) => (Some(format!("Mức {l}/{max}")), format!("Mức {l}/{max} theo {short}; cao nhất là Mức {max}.")),
    }
}

/// The level label of a published report ("Đạt Mức 2"), or a note when it has no level.
fn report_level_label(r: &PublishedReport<'_>) -> String {
    match r.judgement.level {
        Some(l) => r.framework.school_label(l),
        None => "Chưa đủ kết quả các tiêu chí".to_owned(),
    }
}

impl SchoolSummary {
    /// From a school entry; `reg` gives the scales and circulars of its levels.
    pub fn new(e: &SchoolEntry<'_>, reg: &Regulation) -> SchoolSummary {
        let s = e.school;
        SchoolSummary {
            slug: s.slug.0.clone(),
            url: e.url(),
            id: s.id.value.0.clone(),
            name: s.name.clone(),
            level: s.level.key(),
            level_name: s.level.label(),
            ownership_name: s.ownership.label(),
            commune: s.commune.clone(),
            commune_url: e.commune_url.clone(),
            former_district: s.former_district.clone(),
            former_district_url: e.district_url.clone(),
            province: s.province.clone(),
            province_url: e.province_url.clone(),
            accreditation: StatusCtx::new(DecisionKind::Accreditation, &e.accreditation, s.level, reg),
            national_standard: StatusCtx::new(DecisionKind::NationalStandard, &e.national_standard, s.level, reg),
            latest_report: e.latest_approved().map(|r| {
                let (scale, explain) = report_explain(r.framework, r.judgement.level);
                LatestReportCtx {
                    year: r.report.year.to_string(),
                    url: r.url(s),
                    level: r.judgement.level,
                    level_label: report_level_label(r),
                    framework_short: r.framework.short_name(),
                    scale,
                    explain,
                }
            }),
        }
    }
}

/// A decision in a school's history.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionCtx {
    pub kind: &'static str,
    pub kind_name: &'static str,
    pub level: i64,
    pub label: String,
    pub decision: String,
    pub decided: String,
    pub valid_until: String,
    pub issuer: Option<String>,
    pub evaluated: Option<String>,
    pub state: &'static str,
    pub state_text: &'static str,
}

impl DecisionCtx {
    fn new(d: &Decision, today: Date, warning_days: u32) -> DecisionCtx {
        let v = validity_of(d, today, warning_days);
        let kind_name = match d.kind {
            DecisionKind::Accreditation => "Kiểm định chất lượng giáo dục",
            DecisionKind::NationalStandard => "Trường đạt chuẩn quốc gia",
        };
        DecisionCtx {
            kind: d.kind.key(),
            kind_name,
            level: d.level.value,
            label: level_label(d.kind, d.level.value.clamp(0, 9) as u8),
            decision: d.number.clone(),
            decided: format_vi(d.decided.value),
            valid_until: format_vi(d.valid_until.value),
            issuer: d.issuer.clone(),
            evaluated: d.evaluated.map(format_vi),
            state: v.key(),
            state_text: v.label(),
        }
    }
}

/// A registration for external evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct RegistrationCtx {
    pub school_year: String,
    pub semester: u8,
    pub kind_name: &'static str,
    pub target_label: Option<String>,
    pub priority: Option<u32>,
}

/// A report in a school's list.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLinkCtx {
    pub year: String,
    pub url: String,
    pub framework_short: String,
    pub framework_title: String,
    pub approved_on: Option<String>,
    pub level: Option<u8>,
    pub level_label: String,
    pub claimed_level: Option<i64>,
    pub claimed_label: Option<String>,
    pub mismatch: bool,
    pub status: &'static str,
    /// The level on its framework's scale ("Mức 2/2").
    pub scale: Option<String>,
    /// What the level means ([`report_explain`]).
    pub explain: String,
}

/// An attachment.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentCtx {
    pub name: String,
    pub url: String,
    pub size_text: String,
}

/// The school page's `school`.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolCtx {
    #[serde(flatten)]
    pub summary: SchoolSummary,
    pub ownership: &'static str,
    pub address: Option<String>,
    pub principal: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub students: Option<u32>,
    pub classes: Option<u32>,
    pub decisions: Vec<DecisionCtx>,
    pub registrations: Vec<RegistrationCtx>,
    pub reports: Vec<ReportLinkCtx>,
    /// Where the school's reports move to a framework with fewer levels (2018 → Circular 57):
    /// why a lower number is not a decline ([`scale_note`]).
    pub scale_note: Option<String>,
    pub attachments: Vec<AttachmentCtx>,
    pub has_current_report: bool,
    /// The other schools of the same level in its commune, with their status, for readers
    /// without JavaScript to compare against ([`same_commune`]); filled by the renderer, which
    /// knows the commune's listing.
    pub same_commune: SameCommuneCtx,
}

/// The other schools of a school's level in its commune (`school.same_commune`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct SameCommuneCtx {
    /// At most [`SAME_COMMUNE_SHOWN`] of them, in collation order.
    pub schools: Vec<NeighbourCtx>,
    /// How many there are in all (more than shown: the commune's listing has the rest).
    pub total: usize,
}

/// A school of [`SameCommuneCtx`]: its name, page and status written as text.
#[derive(Debug, Clone, Serialize)]
pub struct NeighbourCtx {
    pub name: String,
    pub url: String,
    pub slug: String,
    pub accreditation: String,
    pub national_standard: String,
}

/// How many schools of the same commune and level a school page lists: a parent compares with
/// a few nearby schools; a commune's listing has them all.
pub const SAME_COMMUNE_SHOWN: usize = 10;

/// The schools of `members` (the commune listing of school `me`, in collation order) that share
/// its level, but itself.
pub fn same_commune(site: &Site<'_>, members: &[usize], me: usize) -> SameCommuneCtx {
    let level = site.schools[me].school.level;
    let others: Vec<usize> =
        members.iter().copied().filter(|&i| i != me && site.schools[i].school.level == level).collect();
    let schools = others
        .iter()
        .take(SAME_COMMUNE_SHOWN)
        .map(|&i| {
            let e = &site.schools[i];
            NeighbourCtx {
                name: e.school.name.clone(),
                url: e.url(),
                slug: e.school.slug.0.clone(),
                accreditation: StatusCtx::new(
                    DecisionKind::Accreditation,
                    &e.accreditation,
                    e.school.level,
                    site.regulation,
                )
                .text,
                national_standard: StatusCtx::new(
                    DecisionKind::NationalStandard,
                    &e.national_standard,
                    e.school.level,
                    site.regulation,
                )
                .text,
            }
        })
        .collect();
    SameCommuneCtx { schools, total: others.len() }
}

/// Size of a file for readers ("12 KB", "1,5 MB").
pub fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The claimed level and whether it differs from the computed one.
fn claim(r: &PublishedReport<'_>) -> (Option<i64>, Option<String>, bool) {
    let claimed = r.report.claimed_level.as_ref().map(|c| c.value);
    let label = claimed.map(|c| r.framework.school_label(c.clamp(0, 9) as u8));
    let mismatch = matches!((claimed, r.judgement.level), (Some(c), Some(l)) if c != i64::from(l));
    (claimed, label, mismatch)
}

fn status_key(s: ReportStatus) -> &'static str {
    match s {
        ReportStatus::Approved => "approved",
        ReportStatus::Draft => "draft",
    }
}

/// The note for a school whose reports (oldest first) move from a framework to a later one
/// with fewer levels: "Từ năm học 2026-2027, báo cáo theo Thông tư 57/2026/TT-BGDĐT chỉ có 2
/// mức: …". The first such move; `None` when the scale never shrinks.
pub fn scale_note(reports: &[PublishedReport<'_>]) -> Option<String> {
    let (before, after) = reports.windows(2).find_map(|w| {
        let (a, b) = (w[0].framework.max_school_level(), w[1].framework.max_school_level());
        (b < a).then_some((&w[0], &w[1]))
    })?;
    let (old, new) = (before.framework.max_school_level(), after.framework.max_school_level());
    let higher: Vec<String> = (new + 1..=old).map(|l| format!("Mức {l}")).collect();
    Some(format!(
        "Từ năm học {}, báo cáo theo {} chỉ có {new} mức: Mức {new} là mức cao nhất, không phải giảm so với {} \
         của các báo cáo trước (thang {old} mức).",
        after.report.year,
        after.framework.short_name(),
        higher.join(" hay "),
    ))
}

impl SchoolCtx {
    /// From a school entry.
    pub fn new(e: &SchoolEntry<'_>, site: &Site<'_>) -> SchoolCtx {
        let s = e.school;
        let config = &site.content.config;
        let mut decisions: Vec<&Decision> = s.decisions.iter().collect();
        decisions.sort_by_key(|d| std::cmp::Reverse((d.decided.value, d.kind, d.level.value)));
        let mut registrations: Vec<_> = s.registrations.iter().collect();
        registrations.sort_by_key(|r| (r.school_year, r.semester, r.priority));
        SchoolCtx {
            summary: SchoolSummary::new(e, site.regulation),
            ownership: s.ownership.key(),
            address: s.address.clone(),
            principal: s.principal.clone(),
            phone: s.phone.clone(),
            email: s.email.clone(),
            website: s.website.clone().filter(|w| w.starts_with("https://") || w.starts_with("http://")),
            students: s.students,
            classes: s.classes,
            decisions: decisions
                .into_iter()
                .map(|d| DecisionCtx::new(d, config.build_date, config.expiry_warning_days))
                .collect(),
            registrations: registrations
                .into_iter()
                .map(|r| RegistrationCtx {
                    school_year: r.school_year.to_string(),
                    semester: r.semester,
                    kind_name: r.kind.label(),
                    target_label: r.target_label(),
                    priority: r.priority,
                })
                .collect(),
            reports: e
                .reports
                .iter()
                .rev()
                .map(|r| {
                    let (claimed_level, claimed_label, mismatch) = claim(r);
                    let (scale, explain) = report_explain(r.framework, r.judgement.level);
                    ReportLinkCtx {
                        scale,
                        explain,
                        year: r.report.year.to_string(),
                        url: r.url(s),
                        framework_short: r.framework.short_name(),
                        framework_title: r.framework.title.clone(),
                        approved_on: r.report.approved_on.as_ref().map(|d| format_vi(d.value)),
                        level: r.judgement.level,
                        level_label: report_level_label(r),
                        claimed_level,
                        claimed_label,
                        mismatch,
                        status: status_key(r.report.status),
                    }
                })
                .collect(),
            scale_note: scale_note(&e.reports),
            attachments: s
                .attachments
                .iter()
                .map(|a| AttachmentCtx {
                    name: a.name.clone(),
                    url: format!("{}files/{}", e.url(), a.name),
                    size_text: size_text(a.size),
                })
                .collect(),
            has_current_report: e.has_report_for(site.current_school_year),
            same_commune: SameCommuneCtx::default(),
        }
    }
}

/// `report.framework`.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkCtx {
    pub id: String,
    pub short: String,
    pub title: String,
    pub circular: String,
    pub era: String,
}

/// A criterion row of the criteria table.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionCtx {
    pub id: String,
    pub title: String,
    pub anchor: String,
    pub level: Option<u8>,
    pub level_label: String,
    pub met: bool,
    pub met_text: &'static str,
    pub note: Option<String>,
    /// Where the report wrote a level that an amendment repealed: what it wrote and why it
    /// counts lower, so a reader sees both.
    pub repealed_note: Option<String>,
    pub mandatory: Option<bool>,
    pub has_section: bool,
}

/// A standard with its criteria.
#[derive(Debug, Clone, Serialize)]
pub struct StandardCtx {
    pub number: u8,
    pub title: String,
    pub anchor: String,
    /// The narrative has a heading for this standard (the table links to it).
    pub has_section: bool,
    pub criteria: Vec<CriterionCtx>,
}

/// A Mức 4 criterion.
#[derive(Debug, Clone, Serialize)]
pub struct Level4Ctx {
    pub number: u8,
    pub text: String,
    pub met: Option<bool>,
    pub met_text: &'static str,
}

/// The rows of a report's criteria table: one `<tbody>` per standard, headed by a group row
/// (`<th scope="rowgroup" colspan="3">`, the standard linked to its section when the narrative
/// has one), then a row per criterion: its id (linked likewise) as the row header, its title
/// with the mandatory tag and the school's note, its level and whether it is met. Made here
/// rather than by the template: some 25 rows of ten values each were a tenth of the time spent
/// rendering a report page.
pub fn criteria_html(standards: &[StandardCtx]) -> String {
    use std::fmt::Write;

    use crate::render::Escaped as e;
    let mut h = String::with_capacity(standards.len() * 1500);
    for (i, st) in standards.iter().enumerate() {
        if i > 0 {
            h.push('\n');
        }
        // The id brings a reader back from the standard's section ([`with_back_links`]).
        let _ = write!(
            h,
            "<tbody id=\"{}\">\n<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"3\">",
            table_anchor(st.number)
        );
        if st.has_section {
            let _ = write!(h, "<a href=\"#{}\">Tiêu chuẩn {}</a>", e(&st.anchor), st.number);
        } else {
            let _ = write!(h, "Tiêu chuẩn {}", st.number);
        }
        let _ = write!(h, ": {}</th></tr>", e(&st.title));
        for c in &st.criteria {
            let met = if c.met { "met" } else { "unmet" };
            let _ = write!(h, "\n<tr class=\"is-{met}\"><th scope=\"row\" class=\"nowrap\">");
            if c.has_section {
                let _ = write!(h, "<a href=\"#{}\">{}</a>", e(&c.anchor), e(&c.id));
            } else {
                let _ = write!(h, "{}", e(&c.id));
            }
            let _ = write!(h, "</th><td>{}", e(&c.title));
            if c.mandatory == Some(true) {
                h.push_str(" <span class=\"tag\">Bắt buộc</span>");
            }
            if let Some(note) = c.note.as_deref().filter(|n| !n.is_empty()) {
                let _ = write!(h, "<span class=\"crit__note\">Ghi chú: {}</span>", e(note));
            }
            if let Some(note) = &c.repealed_note {
                let _ = write!(h, "<span class=\"crit__note crit__repealed\">{}</span>", e(note));
            }
            let _ = write!(
                h,
                "</td><td class=\"crit__result\"><span class=\"crit__level\">{}</span> <span class=\"met met--{}\">{}</span></td></tr>",
                e(&c.level_label),
                if c.met { "yes" } else { "no" },
                c.met_text
            );
        }
        h.push_str("\n</tbody>");
    }
    h
}

/// The id of standard `n`'s rows in the criteria table.
pub fn table_anchor(n: u8) -> String {
    format!("bc-tc-{n}")
}

/// The narrative with a "Về bảng tiêu chí" link at the end of each standard's section (before
/// the next heading of the same or a higher level, or at the end), back to that standard's rows
/// of the criteria table: a report is thousands of pixels long on a phone. The narrative is
/// HTML as pulldown-cmark or the sanitiser writes it, so its headings are `<hN id="…">`.
pub fn with_back_links(narrative: &str) -> String {
    let back = |n: &str| format!("<p class=\"back-to-table\"><a href=\"#bc-tc-{n}\">Về bảng tiêu chí</a></p>\n");
    let mut out = String::with_capacity(narrative.len() + 1024);
    // The open standard section: its heading level and number.
    let mut open: Option<(u8, &str)> = None;
    let mut done = 0;
    for (at, _) in narrative.match_indices("<h") {
        let rest = &narrative[at + 2..];
        let Some(level) = rest.bytes().next().filter(|b| (b'1'..=b'6').contains(b)).map(|b| b - b'0') else {
            continue;
        };
        if !matches!(rest.as_bytes().get(1), Some(b'>' | b' ')) {
            continue;
        }
        let standard = rest[1..]
            .strip_prefix(" id=\"tieu-chuan-")
            .and_then(|r| r.split_once('"'))
            .map(|(n, _)| n)
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if let Some((open_level, n)) = open
            && level <= open_level
        {
            out.push_str(&narrative[done..at]);
            out.push_str(&back(n));
            done = at;
            open = None;
        }
        if let Some(n) = standard {
            open = Some((level, n));
        }
    }
    out.push_str(&narrative[done..]);
    if let Some((_, n)) = open {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(back(n).trim_end());
    }
    out
}

/// The contents list of a report as `<li class="toc__d1">` (standards) and `toc__d2`
/// (criteria) items, each a link to its heading and each after a line break. Made here for
/// the same reason as [`criteria_html`]: some 30 entries of three values each.
pub fn toc_html(toc: &[TocEntry]) -> String {
    use std::fmt::Write;

    use crate::render::Escaped as e;
    let mut h = String::with_capacity(toc.len() * 120);
    for t in toc {
        let _ = write!(h, "\n<li class=\"toc__d{}\"><a href=\"#{}\">{}</a></li>", t.depth, e(&t.anchor), e(&t.title));
    }
    h
}

/// The rows of the Mức 4 table, each after a line break: the number as the row header, the
/// criterion's text, and whether it is met as `<span class="met met--yes">` (`met--no`,
/// `met--na` when not assessed). Made here as [`criteria_html`] is.
pub fn level4_html(level4: &[Level4Ctx]) -> String {
    use std::fmt::Write;

    use crate::render::Escaped as e;
    let mut h = String::with_capacity(level4.len() * 200);
    for c in level4 {
        let met = match c.met {
            Some(true) => "yes",
            Some(false) => "no",
            None => "na",
        };
        let _ = write!(
            h,
            "\n<tr><th scope=\"row\">{}</th><td>{}</td><td><span class=\"met met--{met}\">{}</span></td></tr>",
            c.number,
            e(&c.text),
            e(c.met_text)
        );
    }
    h
}

/// What a school lacks for the level above its own.
#[derive(Debug, Clone, Serialize)]
pub struct NextLevelCtx {
    /// That level.
    pub level: u8,
    /// Its label ("Đạt Mức 4").
    pub label: String,
    /// Each failing rule of that level, in the words of the level engine.
    pub rules: Vec<String>,
    /// The criteria (or Mức 4 items) that fail them, each once, in order ("tiêu chí 3.2 chỉ
    /// đạt Mức 1").
    pub items: Vec<String>,
}

/// The sentence that says why a report has its level, and what the next level needs, from
/// the level engine's shortfalls ([`Framework::shortfalls`]); the sentence ends with the
/// first shortfall's reason, the words `check` gives in `level.mismatch`.
pub fn verdict(
    f: &Framework,
    a: &crate::regulation::Assessment,
    level: Option<u8>,
) -> (Option<String>, Option<NextLevelCtx>) {
    let Some(level) = level else { return (None, None) };
    let max = f.max_school_level();
    if level >= max {
        return (Some(format!("{}: mức cao nhất của {}.", f.school_label(level), f.short_name())), None);
    }
    let next = level + 1;
    let shortfalls = f.shortfalls(a, next);
    let Some(first) = shortfalls.first() else { return (None, None) };
    let head = if level == 0 {
        format!("Chưa đạt Mức {next}")
    } else {
        format!("{}, chưa đạt Mức {next}", f.school_label(level))
    };
    let mut items: Vec<String> = Vec::new();
    for item in shortfalls.iter().flat_map(|s| &s.failing) {
        if !items.contains(item) {
            items.push(item.clone());
        }
    }
    let next_level = NextLevelCtx {
        level: next,
        label: f.school_label(next),
        rules: shortfalls.iter().map(|s| s.rule.clone()).collect(),
        items,
    };
    (Some(format!("{head}: {}.", first.reason)), Some(next_level))
}

/// The report page's `report`.
#[derive(Debug, Clone, Serialize)]
pub struct ReportCtx {
    pub year: String,
    pub approved_on: Option<String>,
    pub status: &'static str,
    pub framework: FrameworkCtx,
    pub level: Option<u8>,
    pub level_label: String,
    pub claimed_level: Option<i64>,
    pub claimed_label: Option<String>,
    pub mismatch: bool,
    pub level_reason: Option<String>,
    /// The level on its framework's scale ("Mức 3/4").
    pub scale: Option<String>,
    /// What the level means ([`report_explain`]).
    pub explain: String,
    /// The rule that decided the level, in one sentence with the words of `check`'s
    /// `level.mismatch` ("Đạt Mức 3, chưa đạt Mức 4: Mức 4 cần …"), or that it is the top.
    pub verdict: Option<String>,
    /// What stands between the school and the next level; `None` at the top.
    pub next_level: Option<NextLevelCtx>,
    pub max_criterion_level: u8,
    /// Empty, and left out, when no template names it ([`crate::render::Theme::uses_standards`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<StandardCtx>,
    /// `standards` as the rows of the criteria table (see [`criteria_html`]).
    pub criteria_html: String,
    pub level4: Vec<Level4Ctx>,
    /// `level4` as table rows (see [`level4_html`]).
    pub level4_html: String,
    pub narrative_html: String,
    pub toc: Vec<TocEntry>,
    /// `toc` as list items (see [`toc_html`]).
    pub toc_html: String,
    pub evidence: Option<EvidenceTable>,
    /// Rows of the evidence list that are evidence (not group headings).
    pub evidence_count: usize,
    pub evidence_extra_html: String,
}

impl ReportCtx {
    /// From a published report and its rendered body; `standards` is filled only
    /// `with_standards`.
    pub fn new(
        r: &PublishedReport<'_>,
        site: &Site<'_>,
        body: crate::render::markdown::RenderedReport,
        with_standards: bool,
    ) -> ReportCtx {
        let f = r.framework;
        let a = &r.judgement.assessment;
        let mandatory_known = f.criteria().any(|c| c.mandatory);
        let notes: std::collections::HashMap<&str, &str> =
            r.report.results.iter().filter_map(|e| Some((e.criterion.as_str(), e.note.as_deref()?))).collect();
        let standards: Vec<StandardCtx> = f
            .standards
            .iter()
            .map(|s| StandardCtx {
                number: s.number,
                title: s.title.clone(),
                anchor: format!("tieu-chuan-{}", s.number),
                has_section: body.heading_ids.contains(&format!("tieu-chuan-{}", s.number)),
                criteria: s
                    .criteria
                    .iter()
                    .map(|c| {
                        let level = a.results.get(&c.id).copied();
                        let anchor = format!("tieu-chi-{}", c.id.0.replace('.', "-"));
                        CriterionCtx {
                            id: c.id.0.clone(),
                            title: c.title.clone(),
                            has_section: body.heading_ids.contains(&anchor),
                            anchor,
                            level,
                            level_label: level.map_or_else(|| "Chưa đánh giá".to_owned(), |l| f.criterion_label(l)),
                            met: level.is_some_and(|l| l >= 1),
                            met_text: if level.is_some_and(|l| l >= 1) { "Đạt" } else { "Chưa đạt" },
                            note: notes.get(c.id.0.as_str()).map(|n| (*n).to_owned()),
                            repealed_note: a.repealed.get(&c.id).map(|written| {
                                let by = f
                                    .amended_by
                                    .as_deref()
                                    .map_or_else(|| "Thông tư sửa đổi".to_owned(), |a| format!("Thông tư {a}"));
                                format!(
                                    "Báo cáo ghi Mức {written}; {by} đã bãi bỏ mức này của tiêu chí, nên tính là {}.",
                                    f.criterion_label(c.max_level)
                                )
                            }),
                            mandatory: mandatory_known.then_some(c.mandatory),
                        }
                    })
                    .collect(),
            })
            .collect();
        let level4: Vec<Level4Ctx> = f
            .level4
            .iter()
            .map(|l| {
                let met = a.level4.get(&l.number).copied();
                Level4Ctx {
                    number: l.number,
                    text: l.text.clone(),
                    met,
                    met_text: match met {
                        Some(true) => "Đạt",
                        Some(false) => "Chưa đạt",
                        None => "Không đánh giá",
                    },
                }
            })
            .collect();
        let (claimed_level, claimed_label, mismatch) = claim(r);
        let (scale, explain) = report_explain(f, r.judgement.level);
        let (verdict, next_level) = verdict(f, a, r.judgement.level);
        let era = site.regulation.selection.era_of(&f.id).map(|e| e.id.clone()).unwrap_or_default();
        ReportCtx {
            year: r.report.year.to_string(),
            approved_on: r.report.approved_on.as_ref().map(|d| format_vi(d.value)),
            status: status_key(r.report.status),
            framework: FrameworkCtx {
                id: f.id.0.clone(),
                short: f.short_name(),
                title: f.title.clone(),
                circular: f.circular.clone(),
                era,
            },
            level: r.judgement.level,
            level_label: report_level_label(r),
            claimed_level,
            claimed_label,
            mismatch,
            level_reason: if mismatch { r.judgement.shortfall.as_ref().map(|s| s.reason.clone()) } else { None },
            scale,
            explain,
            verdict,
            next_level,
            max_criterion_level: f.rules.max_criterion_level,
            criteria_html: criteria_html(&standards),
            standards: if with_standards { standards } else { Vec::new() },
            level4_html: level4_html(&level4),
            level4,
            narrative_html: with_back_links(&body.narrative_html),
            toc_html: toc_html(&body.toc),
            toc: body.toc,
            evidence_count: body.evidence.as_ref().map_or(0, |t| t.rows.iter().filter(|r| !r.group).count()),
            evidence: body.evidence,
            evidence_extra_html: body.evidence_extra_html,
        }
    }
}

/// Pagination of a listing.
#[derive(Debug, Clone, Serialize)]
pub struct PaginationCtx {
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<PageNumberCtx>,
}

/// One page number.
#[derive(Debug, Clone, Serialize)]
pub struct PageNumberCtx {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// URL of page `n` of a listing whose first page is `base`.
pub fn page_url(base: &str, n: usize) -> String {
    if n <= 1 { base.to_owned() } else { format!("{base}page/{n}/") }
}

impl PaginationCtx {
    /// Page `current` of `total` pages of the listing at `base`.
    pub fn new(base: &str, current: usize, total: usize) -> PaginationCtx {
        PaginationCtx {
            current,
            total,
            prev_url: (current > 1).then(|| page_url(base, current - 1)),
            next_url: (current < total).then(|| page_url(base, current + 1)),
            pages: (1..=total)
                .map(|n| PageNumberCtx { number: n, url: page_url(base, n), current: n == current })
                .collect(),
        }
    }
}

/// The listing page's `listing`.
#[derive(Debug, Clone, Serialize)]
pub struct ListingCtx {
    pub title: String,
    pub heading: String,
    pub description: String,
    pub kind: &'static str,
    pub schools: Vec<SchoolSummary>,
    /// The schools as the default theme lists them (`<ul class="cards">`), when the theme
    /// has the `school_card` macro.
    pub cards_html: Option<String>,
    pub pagination: PaginationCtx,
    pub total_schools: usize,
    /// The pages above it, after the home page (breadcrumbs).
    pub parents: Vec<Link>,
}

/// An index of listings (`groups`).
#[derive(Debug, Clone, Serialize)]
pub struct GroupsCtx {
    pub title: String,
    pub description: String,
    pub sections: Vec<GroupSectionCtx>,
}

/// A section of an index of listings.
#[derive(Debug, Clone, Serialize)]
pub struct GroupSectionCtx {
    pub heading: String,
    pub items: Vec<GroupItemCtx>,
}

/// One listing in an index.
#[derive(Debug, Clone, Serialize)]
pub struct GroupItemCtx {
    pub name: String,
    pub url: String,
    pub count: usize,
    pub note: Option<String>,
}

/// Counts on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct StatsCtx {
    pub schools: usize,
    pub with_current_report: usize,
    pub current_report_percent: u32,
    pub expiring: usize,
    pub accreditation: Vec<LevelCount>,
    pub national_standard: Vec<LevelCount>,
    /// Schools with neither an accreditation nor a national standard in force
    /// (`/chua-cong-nhan/`).
    pub no_accreditation: UrlCount,
    /// Schools without an accreditation in force (whatever their national standard): the
    /// "chưa có" column of `/thong-ke/`.
    pub no_accreditation_in_force: usize,
    /// Schools without a national standard in force.
    pub no_national_standard_in_force: usize,
    pub expired: UrlCount,
}

/// Schools at one level.
#[derive(Debug, Clone, Serialize)]
pub struct LevelCount {
    pub level: u8,
    pub label: String,
    pub count: usize,
    pub url: String,
}

/// A count with its listing.
#[derive(Debug, Clone, Serialize)]
pub struct UrlCount {
    pub count: usize,
    pub url: String,
}

/// `page` of a content page.
#[derive(Debug, Clone, Serialize)]
pub struct PageCtx {
    pub title: String,
    pub content_html: String,
}

/// A percentage with one decimal and a Vietnamese decimal comma ("44,6").
pub fn percent_text(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0".to_owned();
    }
    let tenths = (part * 1000 + whole / 2) / whole;
    let text = format!("{},{}", tenths / 10, tenths % 10);
    text.strip_suffix(",0").map(str::to_owned).unwrap_or(text)
}

/// A school named in a list.
#[derive(Debug, Clone, Serialize)]
pub struct SchoolLink {
    pub name: String,
    pub url: String,
    pub commune: String,
}

/// Figures of one area on `/thong-ke/`.
#[derive(Debug, Clone, Serialize)]
pub struct AreaCtx {
    pub name: String,
    pub url: String,
    pub schools: usize,
    pub with_current_report: usize,
    pub percent_text: String,
    pub accreditation: Vec<usize>,
    pub national_standard: Vec<usize>,
    /// Its schools without an approved report this school year: how many, and (where the
    /// page lists them) which.
    pub missing_count: usize,
    pub missing: Vec<SchoolLink>,
}

/// A criterion often not reached.
#[derive(Debug, Clone, Serialize)]
pub struct GapCtx {
    /// The listing of the schools that did not reach it.
    pub url: String,
    pub framework_short: String,
    pub criterion: String,
    pub title: String,
    pub count: usize,
    pub assessed: usize,
    pub percent_text: String,
}

/// The criteria most often not reached among the schools whose latest report one framework
/// judges: a table per framework, since 2018's and 2026's criteria are not the same.
#[derive(Debug, Clone, Serialize)]
pub struct GapGroupCtx {
    pub framework_short: String,
    pub framework_name: String,
    /// Schools whose latest approved report this framework judges.
    pub assessed: usize,
    pub gaps: Vec<GapCtx>,
}

/// A school without an approved report this school year, as the Sở's staff follow it up.
#[derive(Debug, Clone, Serialize)]
pub struct MissingRowCtx {
    pub name: String,
    pub url: String,
    pub commune: String,
    pub commune_url: String,
    /// The school year of its latest approved report; `None`: never.
    pub last_report: Option<String>,
    pub accreditation: StatusCtx,
    pub phone: Option<String>,
    /// `tel:` link of the phone (spaces and dots left out).
    pub phone_href: Option<String>,
}

/// A chart and its accessible description.
#[derive(Debug, Clone, Serialize)]
pub struct ChartCtx {
    pub svg: String,
    pub caption: String,
}

/// `/thong-ke/`.
#[derive(Debug, Clone, Serialize)]
pub struct StatsPageCtx {
    /// `site` (`/thong-ke/` of a one-province site), `country` (`/thong-ke/` of a portal of
    /// several provinces: one row per province) or `province` (`/tinh/<province>/`).
    pub scope: &'static str,
    /// What the rows of the area table are ("xã, phường" or "tỉnh, thành phố").
    pub area_label: &'static str,
    /// What the total row is ("toàn tỉnh", "cả nước").
    pub whole_label: &'static str,
    /// The whole (site, country or province).
    pub province: AreaCtx,
    pub communes: Vec<AreaCtx>,
    pub districts: Vec<AreaCtx>,
    pub report_chart: ChartCtx,
    pub accreditation_chart: ChartCtx,
    pub national_standard_chart: ChartCtx,
    pub gaps: Vec<GapGroupCtx>,
    /// Schools without an approved report this school year (not on the country's page,
    /// where each province's page has its own), by commune then name.
    pub missing: Vec<MissingRowCtx>,
    /// Root-relative URL of the CSV of `missing`.
    pub missing_csv: String,
    pub expiring: UrlCount,
    pub expired: UrlCount,
}

/// One registration row.
#[derive(Debug, Clone, Serialize)]
pub struct RegistrationRowCtx {
    pub priority: Option<u32>,
    /// 1 or 2.
    pub semester: u8,
    pub kind_name: &'static str,
    pub school: SchoolLink,
    pub target_label: Option<String>,
    /// A cấp độ of accreditation registered for a time when none is granted any more
    /// (Circular 57/2026 from 07/7/2026).
    pub target_gone: bool,
}

/// Registrations of one school year, in the Sở's order of priority (which runs across the
/// year, not per semester), schools without a priority after, by name.
#[derive(Debug, Clone, Serialize)]
pub struct RegistrationYearCtx {
    pub school_year: String,
    pub rows: Vec<RegistrationRowCtx>,
    /// Some row registers for a cấp độ that is no longer granted.
    pub any_gone: bool,
}

/// `/dang-ky-danh-gia-ngoai/`.
#[derive(Debug, Clone, Serialize)]
pub struct RegistrationsCtx {
    pub years: Vec<RegistrationYearCtx>,
    /// The day from which no accreditation cấp độ is granted ("07/07/2026"), if the law has one.
    pub accreditation_ends: Option<String>,
}

/// A file of `/du-lieu/`.
#[derive(Debug, Clone, Serialize)]
pub struct DataFileCtx {
    pub name: &'static str,
    pub url: String,
    pub title: &'static str,
    pub description: String,
    pub format: &'static str,
    pub rows: usize,
    pub size_text: String,
    pub columns: &'static [crate::render::data::Column],
    /// A national file not written as larger than the limit (its rows are in the provinces').
    pub left_out: bool,
}
