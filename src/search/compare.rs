//! Stage 5b (continued): the files of the comparison page `/so-sanh/`: one small JSON file per
//! school, `so-sanh/d/<slug>.json`, so that comparing four schools downloads four files of
//! about a kilobyte each and never an index of every school.
//!
//! A file holds what the comparison table shows, its texts made here so that the script only
//! places them:
//!
//! ```json
//! {"v":1,"slug":"th-a","name":"Trường Tiểu học A","url":"truong/th-a/","level":"Tiểu học",
//!  "commune":"Phường B","commune_url":"dia-ban/phuong-b/","province":"Đồng Nai",
//!  "accreditation":{"state":"valid","text":"Cấp độ 2 — còn hiệu lực đến 20/05/2027"},
//!  "national_standard":{"state":"none","text":"Chưa được công nhận"},
//!  "report":{"year":"2024-2025","url":"truong/th-a/2024-2025/","level":2,"scale":4,
//!            "level_text":"Mức 2/4 — Thông tư 17/2018","framework":"Thông tư 17/2018/TT-BGDĐT",
//!            "standards":[{"n":1,"title":"…","met":8,"of":10,"text":"Tiêu chuẩn 1: 8/10 tiêu chí đạt"}],
//!            "evidence":42}}
//! ```
//!
//! `province` is there only on a portal of several provinces; `report` is `null` for a school
//! without an approved report, and only an approved report is ever described (a site built
//! with `--drafts` shows drafts on their pages, never in these files); `evidence` is `null`
//! when the report has no evidence list.

use rayon::prelude::*;
use serde::Serialize;

use crate::render::context::SchoolSummary;
use crate::site::{PublishedReport, SchoolEntry, Site};

/// The most schools the page compares: four columns still read on a phone scrolled sideways.
pub const MAX_SCHOOLS: usize = 4;

/// The folder of the files, under the output root.
pub const DIR: &str = "so-sanh/d/";

/// A recognition's state (`valid`, `expiring`, `expired`, `none`) and its text.
#[derive(Debug, Serialize)]
struct StatusJson {
    state: &'static str,
    text: String,
}

/// One standard of the latest report: criteria reached of all.
#[derive(Debug, Serialize)]
struct StandardJson {
    n: u8,
    title: String,
    met: usize,
    of: usize,
    text: String,
}

/// The latest approved report.
#[derive(Debug, Serialize)]
struct ReportJson {
    year: String,
    url: String,
    level: Option<u8>,
    scale: u8,
    level_text: String,
    framework: String,
    standards: Vec<StandardJson>,
    evidence: Option<usize>,
}

/// One school's file.
#[derive(Debug, Serialize)]
struct SchoolJson {
    v: u8,
    slug: String,
    name: String,
    url: String,
    level: &'static str,
    commune: String,
    commune_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    province: Option<String>,
    accreditation: StatusJson,
    national_standard: StatusJson,
    report: Option<ReportJson>,
}

/// "Thông tư 17/2018" of "17/2018/TT-BGDĐT": the number and year say which scale.
fn circular_short(circular: &str) -> String {
    let short: Vec<&str> = circular.splitn(3, '/').take(2).collect();
    format!("Thông tư {}", short.join("/"))
}

/// The computed level on its scale: "Mức 2/4 — Thông tư 17/2018".
fn level_text(r: &PublishedReport<'_>) -> String {
    let f = r.framework;
    let scale = f.max_school_level();
    let circular = circular_short(&f.circular);
    match r.judgement.level {
        Some(0) => format!("Chưa đạt Mức 1 (thang {scale} mức) — {circular}"),
        Some(l) => format!("Mức {l}/{scale} — {circular}"),
        None => format!("Chưa đủ kết quả các tiêu chí — {circular}"),
    }
}

fn report_json(e: &SchoolEntry<'_>, r: &PublishedReport<'_>) -> ReportJson {
    let f = r.framework;
    let results = &r.judgement.assessment.results;
    let standards = f
        .standards
        .iter()
        .map(|s| {
            let of = s.criteria.len();
            let met = s.criteria.iter().filter(|c| results.get(&c.id).is_some_and(|&l| l >= 1)).count();
            StandardJson {
                n: s.number,
                title: s.title.clone(),
                met,
                of,
                text: format!("Tiêu chuẩn {}: {met}/{of} tiêu chí đạt", s.number),
            }
        })
        .collect();
    ReportJson {
        year: r.report.year.to_string(),
        url: r.url(e.school),
        level: r.judgement.level,
        scale: f.max_school_level(),
        level_text: level_text(r),
        framework: f.short_name(),
        standards,
        evidence: r.judgement.evidence,
    }
}

/// The file of one school.
fn school_json(e: &SchoolEntry<'_>, national: bool, reg: &crate::regulation::Regulation) -> SchoolJson {
    let s = SchoolSummary::new(e, reg);
    // Only an approved report, whatever the build: a `--drafts` site lists drafts too.
    let report = e.latest_approved().map(|r| report_json(e, r));
    SchoolJson {
        v: 1,
        slug: s.slug,
        name: s.name,
        url: s.url,
        level: s.level_name,
        commune: s.commune,
        commune_url: s.commune_url,
        province: national.then_some(s.province),
        accreditation: StatusJson { state: s.accreditation.state, text: s.accreditation.text },
        national_standard: StatusJson { state: s.national_standard.state, text: s.national_standard.text },
        report,
    }
}

/// Every file of the comparison: (path under the output root, bytes), one per school.
pub fn files(site: &Site<'_>) -> Vec<(String, Vec<u8>)> {
    let national = site.is_national();
    site.schools
        .par_iter()
        .map(|e| {
            let json = serde_json::to_vec(&school_json(e, national, site.regulation)).expect("plain data");
            (format!("{DIR}{}.json", e.school.slug), json)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_circular_is_named_by_its_number_and_year() {
        assert_eq!(circular_short("17/2018/TT-BGDĐT"), "Thông tư 17/2018");
        assert_eq!(circular_short("57/2026/TT-BGDĐT"), "Thông tư 57/2026");
        assert_eq!(circular_short("19"), "Thông tư 19");
    }
}
