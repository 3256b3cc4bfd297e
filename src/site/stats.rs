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
    /// Root-relative URL of its listing or page (empty for the whole site).
    pub url: String,
    /// The province it is in (its own name for a province; empty for the whole site).
    pub province: String,
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

/// Where schools are grouped: a commune, former district or province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Its name.
    pub name: String,
    /// Root-relative URL of its listing or page.
    pub url: String,
    /// The province it is in (its own name for a province).
    pub province: String,
}

fn area(
    Place { name, url, province }: Place,
    members: Vec<usize>,
    schools: &[SchoolEntry<'_>],
    year: SchoolYear,
) -> AreaStats {
    let mut a = AreaStats {
        name,
        url,
        province,
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

/// Groups the schools `members` (indices into `schools`) by the place `place_of` gives
/// (one area per URL), in collation order of the names, then of the
/// provinces.
pub fn areas(
    schools: &[SchoolEntry<'_>],
    members: &[usize],
    year: SchoolYear,
    place_of: impl Fn(&SchoolEntry<'_>) -> Option<Place>,
) -> Vec<AreaStats> {
    let mut groups: BTreeMap<String, (Place, Vec<usize>)> = BTreeMap::new();
    for &i in members {
        if let Some(place) = place_of(&schools[i]) {
            groups.entry(place.url.clone()).or_insert_with(|| (place, Vec::new())).1.push(i);
        }
    }
    let mut out: Vec<(CollationKey, CollationKey, AreaStats)> = groups
        .into_values()
        .map(|(place, members)| {
            let keys = (collation_key(&place.name), collation_key(&place.province));
            (keys.0, keys.1, area(place, members, schools, year))
        })
        .collect();
    out.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)).then_with(|| a.2.url.cmp(&b.2.url)));
    out.into_iter().map(|(_, _, a)| a).collect()
}

/// The schools `members` as one area named `name` (the whole site, or one province).
pub fn total(name: &str, url: &str, schools: &[SchoolEntry<'_>], members: Vec<usize>, year: SchoolYear) -> AreaStats {
    area(Place { name: name.to_owned(), url: url.to_owned(), province: String::new() }, members, schools, year)
}

/// Each school's commune.
pub fn commune_of(s: &SchoolEntry<'_>) -> Option<Place> {
    Some(Place { name: s.school.commune.clone(), url: s.commune_url.clone(), province: s.school.province.clone() })
}

/// Each school's former district, if it names one.
pub fn district_of(s: &SchoolEntry<'_>) -> Option<Place> {
    let url = s.district_url.clone()?;
    Some(Place { name: s.school.former_district.clone()?, url, province: s.school.province.clone() })
}

/// Each school's province (its page's URL).
pub fn province_of(s: &SchoolEntry<'_>) -> Option<Place> {
    let p = &s.school.province;
    Some(Place { name: p.clone(), url: crate::site::Site::province_url(p), province: p.clone() })
}

/// Criteria below Mức 1 in the schools' latest approved reports, most frequent first.
pub fn criterion_gaps<'e, 'a: 'e>(schools: impl IntoIterator<Item = &'e SchoolEntry<'a>>) -> Vec<CriterionGap> {
    let mut assessed: BTreeMap<String, usize> = BTreeMap::new();
    let mut counts: BTreeMap<(String, CriterionId), usize> = BTreeMap::new();
    for s in schools {
        let Some(r) = s.latest_approved() else { continue };
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
