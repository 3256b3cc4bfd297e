//! Figures for `/thong-ke/`: progress per commune and former district, distributions of
//! current recognitions, and the criteria most often not reached.

use std::collections::BTreeMap;

use crate::calendar::SchoolYear;
use crate::regulation::CriterionId;
use crate::site::SchoolEntry;
use crate::text::{CollationKey, collation_key};

/// Figures for one area (the province, a commune or a former district).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaStats {
    /// Name of the area.
    pub name: String,
    /// Root-relative URL of its listing (empty for the province).
    pub url: String,
    /// Indices of its schools (in collation order).
    pub schools: Vec<usize>,
    /// How many have an approved report for the current school year.
    pub with_current_report: usize,
    /// Schools by current accreditation: index 0 = none in force, 1..=4 = cấp độ.
    pub accreditation: [usize; 5],
    /// Schools by current national standard: index 0 = none in force, 1..=2 = mức độ.
    pub national_standard: [usize; 3],
    /// Schools with no approved report for the current school year.
    pub missing_report: Vec<usize>,
}

/// A criterion that schools did not reach (Mức 1), counted over their latest reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionGap {
    /// Framework id.
    pub framework: String,
    /// The criterion.
    pub criterion: CriterionId,
    /// Schools whose latest approved report has it below Mức 1.
    pub count: usize,
    /// Schools whose latest approved report is judged by this framework.
    pub assessed: usize,
}

fn area(name: String, url: String, members: Vec<usize>, schools: &[SchoolEntry<'_>], year: SchoolYear) -> AreaStats {
    let mut a = AreaStats {
        name,
        url,
        schools: members.clone(),
        with_current_report: 0,
        accreditation: [0; 5],
        national_standard: [0; 3],
        missing_report: Vec::new(),
    };
    for i in members {
        let s = &schools[i];
        if s.has_report_for(year) {
            a.with_current_report += 1;
        } else {
            a.missing_report.push(i);
        }
        a.accreditation[usize::from(s.accreditation.current_level()).min(4)] += 1;
        a.national_standard[usize::from(s.national_standard.current_level()).min(2)] += 1;
    }
    a
}

/// Groups `schools` by a name (commune, district) into areas in collation order.
pub fn areas(
    schools: &[SchoolEntry<'_>],
    year: SchoolYear,
    name_of: impl Fn(&SchoolEntry<'_>) -> Option<String>,
    url_of: impl Fn(&str) -> String,
) -> Vec<AreaStats> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, s) in schools.iter().enumerate() {
        if let Some(n) = name_of(s) {
            groups.entry(n).or_default().push(i);
        }
    }
    let mut out: Vec<(CollationKey, AreaStats)> = groups
        .into_iter()
        .map(|(name, members)| (collation_key(&name), area(name.clone(), url_of(&name), members, schools, year)))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    out.into_iter().map(|(_, a)| a).collect()
}

/// The whole province as one area.
pub fn province(name: &str, schools: &[SchoolEntry<'_>], year: SchoolYear) -> AreaStats {
    area(name.to_owned(), String::new(), (0..schools.len()).collect(), schools, year)
}

/// Criteria below Mức 1 in the schools' latest approved reports, most frequent first.
pub fn criterion_gaps(schools: &[SchoolEntry<'_>]) -> Vec<CriterionGap> {
    let mut assessed: BTreeMap<String, usize> = BTreeMap::new();
    let mut counts: BTreeMap<(String, CriterionId), usize> = BTreeMap::new();
    for s in schools {
        let Some(r) = s.reports.iter().rev().find(|r| r.report.is_approved()) else { continue };
        let fw = r.framework.id.0.clone();
        *assessed.entry(fw.clone()).or_default() += 1;
        for (id, level) in &r.judgement.assessment.results {
            if *level == 0 {
                *counts.entry((fw.clone(), id.clone())).or_default() += 1;
            }
        }
    }
    let mut gaps: Vec<CriterionGap> = counts
        .into_iter()
        .map(|((framework, criterion), count)| CriterionGap {
            assessed: assessed.get(&framework).copied().unwrap_or(0),
            framework,
            criterion,
            count,
        })
        .collect();
    gaps.sort_by(|a, b| {
        b.count.cmp(&a.count).then_with(|| (&a.framework, &a.criterion).cmp(&(&b.framework, &b.criterion)))
    });
    gaps
}
