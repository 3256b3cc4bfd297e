//! Stage 4: the site model. Joins content, regulation and judgements into what the pages
//! show: each school's status on the build date, its published reports with computed levels,
//! and the listings (by commune, former district, level and status), sorted the Vietnamese way.

pub mod stats;
pub mod status;

use std::collections::BTreeMap;

use crate::calendar::SchoolYear;
use crate::check::{Checked, Judgement};
use crate::content::school::DecisionKind;
use crate::content::{Content, Page, Report, School, SchoolLevel};
use crate::regulation::{Framework, Regulation};
use crate::text::{CollationKey, collation_key, slugify};

pub use status::{Status, Validity};

/// A report that appears on the site, with the law's judgement.
#[derive(Debug, Clone)]
pub struct PublishedReport<'a> {
    /// The report.
    pub report: &'a Report,
    /// Its framework.
    pub framework: &'a Framework,
    /// Framework, results and computed level.
    pub judgement: &'a Judgement,
}

impl PublishedReport<'_> {
    /// Root-relative URL of the report page.
    pub fn url(&self, school: &School) -> String {
        format!("truong/{}/{}/", school.slug, self.report.year)
    }
}

/// A school with what the site shows about it.
#[derive(Debug, Clone)]
pub struct SchoolEntry<'a> {
    /// The content.
    pub school: &'a School,
    /// Current accreditation.
    pub accreditation: Status<'a>,
    /// Current national standard.
    pub national_standard: Status<'a>,
    /// Published reports, oldest first.
    pub reports: Vec<PublishedReport<'a>>,
    /// Sort key of the name.
    pub sort_key: CollationKey,
    /// Root-relative URL of its commune's listing.
    pub commune_url: String,
    /// Root-relative URL of its former district's listing, if it names one.
    pub district_url: Option<String>,
    /// Root-relative URL of its province's page, on a portal of several provinces.
    pub province_url: Option<String>,
}

impl SchoolEntry<'_> {
    /// Root-relative URL of the school page.
    pub fn url(&self) -> String {
        format!("truong/{}/", self.school.slug)
    }

    /// The latest approved report: what the figures, the open data and the compare files
    /// speak of (a `--drafts` build also publishes drafts, which they never count).
    pub fn latest_approved(&self) -> Option<&PublishedReport<'_>> {
        self.reports.iter().rev().find(|r| r.report.is_approved())
    }

    /// True when a report for `year` is published (approved).
    pub fn has_report_for(&self, year: SchoolYear) -> bool {
        self.reports.iter().any(|r| r.report.year == year && r.report.is_approved())
    }
}

/// What a listing lists, which decides its heading and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListingKind {
    /// Schools of a commune.
    Commune(Area),
    /// Schools of a former district.
    FormerDistrict(Area),
    /// Schools of a level.
    Level(SchoolLevel),
    /// Current accreditation cấp độ N.
    Accreditation(u8),
    /// Current national standard mức độ N.
    NationalStandard(u8),
    /// No decision in force (never recognised, or all expired).
    NotRecognised,
    /// A decision expiring within `expiry_warning_days`.
    Expiring,
    /// Every decision expired.
    Expired,
    /// Schools whose latest approved report has `criterion` of `framework` below Mức 1
    /// (linked from the criteria most often not reached on `/thong-ke/`).
    CriterionGap {
        /// Framework id.
        framework: String,
        /// Criterion id ("1.2").
        criterion: String,
    },
}

/// A commune or former district: its name and its province, which tells "Xã Phú Hòa" of
/// Đồng Nai from "Xã Phú Hòa" of Tuyên Quang on a portal of several provinces.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Area {
    /// Name of the commune or former district.
    pub name: String,
    /// Its province (as its schools name it).
    pub province: String,
}

/// A list of schools published at `url` (page 1) and `url/page/N/`.
#[derive(Debug, Clone)]
pub struct Listing {
    /// What it lists.
    pub kind: ListingKind,
    /// Root-relative URL of page 1.
    pub url: String,
    /// Indices into [`Site::schools`], in collation order.
    pub schools: Vec<usize>,
}

impl Listing {
    /// The schools on page `page` (1-based) of `per_page` schools each.
    pub fn page(&self, page: usize, per_page: usize) -> &[usize] {
        let start = ((page - 1) * per_page).min(self.schools.len());
        &self.schools[start..(start + per_page).min(self.schools.len())]
    }
}

/// A group of listings shown on an index page (communes, districts, levels).
#[derive(Debug, Clone)]
pub struct Group {
    /// Name shown.
    pub name: String,
    /// Root-relative URL of its listing.
    pub url: String,
    /// Number of schools.
    pub count: usize,
    /// The province of a commune or former district (empty for other groups).
    pub province: String,
}

/// The whole site model.
#[derive(Debug)]
pub struct Site<'a> {
    /// Content it is built from.
    pub content: &'a Content,
    /// The regulation.
    pub regulation: &'a Regulation,
    /// Schools in collation order of their names.
    pub schools: Vec<SchoolEntry<'a>>,
    /// Every listing.
    pub listings: Vec<Listing>,
    /// Provinces, in collation order; empty unless the schools span more than one province.
    pub provinces: Vec<Group>,
    /// The schools of each of [`Site::provinces`] (indices into [`Site::schools`], in order).
    pub province_schools: Vec<Vec<usize>>,
    /// Communes, in collation order (then by province).
    pub communes: Vec<Group>,
    /// Former districts, in collation order (then by province).
    pub districts: Vec<Group>,
    /// Levels, in the order of the spec (only those with schools).
    pub levels: Vec<Group>,
    /// Content pages, and the built-in guide to levels at `/huong-dan/` when none has that
    /// slug ([`crate::content::page::with_guide`]).
    pub pages: std::borrow::Cow<'a, [Page]>,
    /// The school year containing the build date.
    pub current_school_year: SchoolYear,
    /// Drafts are published too (`--drafts`).
    pub drafts: bool,
}

/// Where every school's pages point for its province, commune and former district. Decided
/// by all the schools together: `/tinh/` exists only when they span more than one province,
/// and a commune (or former district) whose name recurs in another province gets that
/// province's slug in its URL (`dia-ban/xa-phu-hoa-dong-nai/`), while a name found in one
/// province keeps its short URL. A one-shot build renders each school's own pages before the
/// site exists, from the places of every `school.toml`.
#[derive(Debug, Clone, Default)]
pub struct Places {
    national: bool,
    /// Name slugs of communes found in more than one province.
    shared_communes: std::collections::BTreeSet<String>,
    /// Name slugs of former districts found in more than one province.
    shared_districts: std::collections::BTreeSet<String>,
}

impl Places {
    /// The places of `schools` (every school of the site).
    pub fn of<'s>(schools: impl IntoIterator<Item = &'s School>) -> Places {
        let mut provinces = std::collections::BTreeSet::new();
        let mut communes: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        let mut districts: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        for s in schools {
            let province = slugify(&s.province);
            communes.entry(slugify(&s.commune)).or_default().insert(province.clone());
            if let Some(d) = &s.former_district {
                districts.entry(slugify(d)).or_default().insert(province.clone());
            }
            provinces.insert(province);
        }
        let shared = |m: BTreeMap<String, std::collections::BTreeSet<String>>| {
            m.into_iter().filter(|(_, p)| p.len() > 1).map(|(n, _)| n).collect()
        };
        Places { national: provinces.len() > 1, shared_communes: shared(communes), shared_districts: shared(districts) }
    }

    /// Root-relative URL of the listing of `name` (a commune or former district) of
    /// `province`, under `prefix`.
    fn url(prefix: &str, shared: &std::collections::BTreeSet<String>, name: &str, province: &str) -> String {
        let slug = slugify(name);
        match shared.contains(&slug) {
            true => format!("{prefix}{slug}-{}/", slugify(province)),
            false => format!("{prefix}{slug}/"),
        }
    }

    /// Root-relative URL of `school`'s commune listing.
    pub fn commune_url(&self, school: &School) -> String {
        Places::url("dia-ban/", &self.shared_communes, &school.commune, &school.province)
    }

    /// Root-relative URL of `school`'s former district listing, if it names one.
    pub fn district_url(&self, school: &School) -> Option<String> {
        let d = school.former_district.as_deref()?;
        Some(Places::url("dia-ban/huyen-cu/", &self.shared_districts, d, &school.province))
    }

    /// Root-relative URL of `school`'s province page, on a portal of several provinces.
    pub fn province_url(&self, school: &School) -> Option<String> {
        self.national.then(|| Site::province_url(&school.province))
    }
}

impl<'a> Site<'a> {
    /// Builds the model. Only approved reports are published unless `drafts`.
    pub fn new(content: &'a Content, regulation: &'a Regulation, checked: &'a Checked, drafts: bool) -> Site<'a> {
        Site::with_places(content, regulation, checked, drafts, &Places::of(&content.schools))
    }

    /// Builds the model of `content` where `places` were decided from a larger set of schools
    /// (a one-school site that renders that school's pages during a build).
    pub fn with_places(
        content: &'a Content,
        regulation: &'a Regulation,
        checked: &'a Checked,
        drafts: bool,
        places: &Places,
    ) -> Site<'a> {
        let config = &content.config;
        let today = config.build_date;
        let mut schools: Vec<SchoolEntry<'a>> = content
            .schools
            .iter()
            .map(|school| {
                let reports = school
                    .reports
                    .iter()
                    .filter(|r| drafts || r.is_approved())
                    .filter_map(|report| {
                        let judgement = checked.judgements.get(&(school.slug.clone(), report.year))?;
                        let framework = regulation.framework(&judgement.framework.0)?;
                        Some(PublishedReport { report, framework, judgement })
                    })
                    .collect();
                SchoolEntry {
                    school,
                    accreditation: status::status(
                        school,
                        DecisionKind::Accreditation,
                        today,
                        config.expiry_warning_days,
                    ),
                    national_standard: status::status(
                        school,
                        DecisionKind::NationalStandard,
                        today,
                        config.expiry_warning_days,
                    ),
                    reports,
                    sort_key: collation_key(&school.name),
                    commune_url: places.commune_url(school),
                    district_url: places.district_url(school),
                    province_url: places.province_url(school),
                }
            })
            .collect();
        schools.sort_by(|a, b| a.sort_key.cmp(&b.sort_key).then_with(|| a.school.slug.cmp(&b.school.slug)));

        let mut listings = Vec::new();
        let (provinces, province_schools) = if places.national { provinces(&schools) } else { Default::default() };
        let communes =
            group_by(&schools, &mut listings, |s| Some((&s.school.commune, &s.commune_url)), ListingKind::Commune);
        let districts = group_by(
            &schools,
            &mut listings,
            |s| Some((s.school.former_district.as_ref()?, s.district_url.as_ref()?)),
            ListingKind::FormerDistrict,
        );
        let mut levels = Vec::new();
        for level in SchoolLevel::ALL {
            let url = format!("cap-hoc/{}/", level.key());
            let members = select(&schools, |s| s.school.level == *level);
            if !members.is_empty() {
                levels.push(Group {
                    name: level.label().to_owned(),
                    url: url.clone(),
                    count: members.len(),
                    province: String::new(),
                });
            }
            listings.push(Listing { kind: ListingKind::Level(*level), url, schools: members });
        }
        for n in 1..=4u8 {
            let members = select(&schools, |s| s.accreditation.is_current() && s.accreditation.level() == Some(n));
            listings.push(Listing {
                kind: ListingKind::Accreditation(n),
                url: format!("kiem-dinh/cap-do-{n}/"),
                schools: members,
            });
        }
        for n in 1..=2u8 {
            let members =
                select(&schools, |s| s.national_standard.is_current() && s.national_standard.level() == Some(n));
            listings.push(Listing {
                kind: ListingKind::NationalStandard(n),
                url: format!("chuan-quoc-gia/muc-do-{n}/"),
                schools: members,
            });
        }
        let not_recognised = select(&schools, |s| !s.accreditation.is_current() && !s.national_standard.is_current());
        listings.push(Listing {
            kind: ListingKind::NotRecognised,
            url: "chua-cong-nhan/".into(),
            schools: not_recognised,
        });
        let expiring = select(&schools, |s| {
            s.accreditation.validity == Validity::Expiring || s.national_standard.validity == Validity::Expiring
        });
        listings.push(Listing { kind: ListingKind::Expiring, url: "sap-het-han/".into(), schools: expiring });
        let expired = select(&schools, |s| {
            s.accreditation.validity == Validity::Expired || s.national_standard.validity == Validity::Expired
        });
        listings.push(Listing { kind: ListingKind::Expired, url: "het-hieu-luc/".into(), schools: expired });
        let mut gaps: BTreeMap<(String, String), Vec<usize>> = BTreeMap::new();
        for (i, s) in schools.iter().enumerate() {
            let Some(r) = s.latest_approved() else { continue };
            for (id, level) in &r.judgement.assessment.results {
                if *level == 0 {
                    gaps.entry((r.framework.id.0.clone(), id.0.clone())).or_default().push(i);
                }
            }
        }
        for ((framework, criterion), members) in gaps {
            listings.push(Listing {
                url: Site::criterion_gap_url(&framework, &criterion),
                kind: ListingKind::CriterionGap { framework, criterion },
                schools: members,
            });
        }

        Site {
            content,
            regulation,
            schools,
            listings,
            provinces,
            province_schools,
            communes,
            districts,
            levels,
            pages: crate::content::page::with_guide(&content.pages),
            current_school_year: SchoolYear::containing(today),
            drafts,
        }
    }

    /// The listing of `kind`.
    pub fn listing(&self, kind: &ListingKind) -> Option<&Listing> {
        self.listings.iter().find(|l| &l.kind == kind)
    }

    /// True on a portal of several provinces: `/tinh/` and the province pages exist, and
    /// listings, breadcrumbs and statistics go through the provinces.
    pub fn is_national(&self) -> bool {
        !self.provinces.is_empty()
    }

    /// Root-relative URL of the listing of schools that did not reach `criterion` of
    /// `framework` (`thong-ke/tieu-chi/tt57-2026-pho-thong/1-2/`).
    pub fn criterion_gap_url(framework: &str, criterion: &str) -> String {
        format!("thong-ke/tieu-chi/{framework}/{}/", slugify(criterion))
    }

    /// Root-relative URL of a province's page.
    pub fn province_url(province: &str) -> String {
        format!("tinh/{}/", slugify(province))
    }
}

fn select(schools: &[SchoolEntry<'_>], keep: impl Fn(&SchoolEntry<'_>) -> bool) -> Vec<usize> {
    schools.iter().enumerate().filter(|(_, s)| keep(s)).map(|(i, _)| i).collect()
}

/// The provinces of `schools` in collation order, each with its schools (indices into
/// `schools`, in their order).
fn provinces(schools: &[SchoolEntry<'_>]) -> (Vec<Group>, Vec<Vec<usize>>) {
    let mut by_slug: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, s) in schools.iter().enumerate() {
        by_slug.entry(slugify(&s.school.province)).or_insert_with(|| (s.school.province.clone(), Vec::new())).1.push(i);
    }
    let mut groups: Vec<(CollationKey, Group, Vec<usize>)> = by_slug
        .into_iter()
        .map(|(slug, (name, members))| {
            let group = Group {
                url: format!("tinh/{slug}/"),
                name: name.clone(),
                count: members.len(),
                province: name.clone(),
            };
            (collation_key(&name), group, members)
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.url.cmp(&b.1.url)));
    groups.into_iter().map(|(_, g, m)| (g, m)).unzip()
}

/// Groups schools by the listing (commune, district) `place_of` gives, name and URL, one
/// listing per URL; groups in collation order of their names, then of their provinces.
/// Schools are already sorted, so each group's members are too.
fn group_by<'a>(
    schools: &[SchoolEntry<'a>],
    listings: &mut Vec<Listing>,
    place_of: impl for<'e> Fn(&'e SchoolEntry<'a>) -> Option<(&'e String, &'e String)>,
    kind: impl Fn(Area) -> ListingKind,
) -> Vec<Group> {
    let mut by_url: BTreeMap<&String, (Area, Vec<usize>)> = BTreeMap::new();
    for (i, s) in schools.iter().enumerate() {
        if let Some((name, url)) = place_of(s) {
            by_url
                .entry(url)
                .or_insert_with(|| (Area { name: name.clone(), province: s.school.province.clone() }, Vec::new()))
                .1
                .push(i);
        }
    }
    let mut groups: Vec<(CollationKey, CollationKey, Group)> = Vec::new();
    for (url, (area, members)) in by_url {
        let group =
            Group { name: area.name.clone(), url: url.clone(), count: members.len(), province: area.province.clone() };
        groups.push((collation_key(&area.name), collation_key(&area.province), group));
        listings.push(Listing { kind: kind(area), url: url.clone(), schools: members });
    }
    groups.sort_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)).then_with(|| a.2.url.cmp(&b.2.url)));
    groups.into_iter().map(|(_, _, g)| g).collect()
}
