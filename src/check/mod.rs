//! Stage 3: check the loaded content against the format and the law, collecting every
//! finding, and judge every report (its framework and computed level) for the site model.

mod decisions;
mod evidence;
pub mod github;
pub mod human;
pub mod json;
pub mod links;
mod placeholders;
mod reports;
pub mod structure;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::calendar::SchoolYear;
use rayon::prelude::*;

use crate::content::outline::Outline;
use crate::content::{Config, Content, School, SchoolSlug};
use crate::diagnostic::{Code, Diagnostics, Source};
use crate::regulation::{Assessment, FrameworkId, Regulation, Shortfall};

/// What the law says of one report.
#[derive(Debug, Clone)]
pub struct Judgement {
    /// The framework that judges it.
    pub framework: FrameworkId,
    /// The results as read, keyed by criterion.
    pub assessment: Assessment,
    /// The computed level; `None` when results are incomplete.
    pub level: Option<u8>,
    /// Why the claimed level is not reached, when it is higher than the computed one.
    pub shortfall: Option<Shortfall>,
    /// Pieces of evidence in the evidence list of an approved report (rows but group
    /// headings), counted while its body is read for the check; `None` without a list.
    pub evidence: Option<usize>,
}

/// The outcome of a check: findings, and a judgement per report whose framework is known.
#[derive(Debug, Default)]
pub struct Checked {
    /// Every finding, from loading and checking.
    pub diagnostics: Diagnostics,
    /// Judgements by school and school year.
    pub judgements: BTreeMap<(SchoolSlug, SchoolYear), Judgement>,
}

/// Checks `content` against `regulation`; `diagnostics` holds what loading already found.
pub fn run(content: &Content, regulation: &Regulation, diagnostics: Diagnostics) -> Checked {
    run_cached(content, regulation, diagnostics, &mut Cache::default())
}

/// What checking one school found: its findings and the judgements of its reports.
#[derive(Debug, Clone, Default)]
pub struct SchoolCheck {
    /// Findings in the school's files.
    pub diagnostics: Diagnostics,
    /// A judgement per report whose framework is known, by school year.
    pub judgements: Vec<(SchoolYear, Judgement)>,
}

/// Each school's check, kept between the builds of a `serve` session: a school is checked
/// again only when its files changed ([`School::fingerprint`]) or when something every
/// school is checked against did (the config, the set of schools that links may name).
///
/// [`School::fingerprint`]: crate::content::School::fingerprint
#[derive(Debug, Default)]
pub struct Cache {
    against: u64,
    schools: HashMap<SchoolSlug, (u64, SchoolCheck)>,
}

impl Cache {
    /// Makes the cache hold checks made against `against` (see [`against`]): when it held
    /// checks made against anything else, they are dropped.
    pub fn check_against(&mut self, against: u64) {
        if self.against != against {
            self.schools.clear();
            self.against = against;
        }
    }

    /// Keeps the checks of schools (slug, fingerprint, check), made against the current
    /// [`Cache::check_against`].
    pub fn extend(&mut self, checks: impl IntoIterator<Item = (SchoolSlug, u64, SchoolCheck)>) {
        self.schools.extend(checks.into_iter().map(|(slug, fp, c)| (slug, (fp, c))));
    }
}

/// A hash of what every school is checked against besides its own files: the config, and
/// the set of schools that links may name.
pub fn against(config: &Config, slugs: &BTreeSet<&str>) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    format!("{config:?}").hash(&mut h);
    slugs.hash(&mut h);
    h.finish()
}

/// Like [`run`], reusing the checks in `cache` that are still valid and keeping the new ones.
pub fn run_cached(
    content: &Content,
    regulation: &Regulation,
    mut diagnostics: Diagnostics,
    cache: &mut Cache,
) -> Checked {
    refresh(content, regulation, &mut diagnostics, cache);
    collect(content, diagnostics, |slug| cache.schools[slug].1.clone())
}

/// Like [`run_cached`] when the cache will not be used again (one build): the checks are
/// moved out of it rather than copied, since a national site's judgements take hundreds of MB.
pub fn run_last(
    content: &Content,
    regulation: &Regulation,
    mut diagnostics: Diagnostics,
    cache: &mut Cache,
) -> Checked {
    refresh(content, regulation, &mut diagnostics, cache);
    let mut schools = std::mem::take(&mut cache.schools);
    collect(content, diagnostics, |slug| schools.remove(slug).expect("every school was just checked").1)
}

/// Every school's findings after `diagnostics`, and its judgements, in school order; `check_of`
/// gives the check of a school (copied or moved out of a cache).
fn collect(
    content: &Content,
    mut diagnostics: Diagnostics,
    mut check_of: impl FnMut(&SchoolSlug) -> SchoolCheck,
) -> Checked {
    let mut judgements = BTreeMap::new();
    for s in &content.schools {
        let c = check_of(&s.slug);
        diagnostics.extend(c.diagnostics);
        judgements.extend(c.judgements.into_iter().map(|(year, j)| ((s.slug.clone(), year), j)));
    }
    Checked { diagnostics, judgements }
}

/// Site-wide findings into `diagnostics`, and `cache` made to hold a valid check of every
/// school of `content` (and of no other).
fn refresh(content: &Content, regulation: &Regulation, diagnostics: &mut Diagnostics, cache: &mut Cache) {
    duplicate_ids(content, diagnostics);
    let slugs: BTreeSet<&str> = content.schools.iter().map(|s| s.slug.0.as_str()).collect();
    cache.check_against(against(&content.config, &slugs));
    let stale: Vec<&School> = content
        .schools
        .iter()
        .filter(|s| cache.schools.get(&s.slug).is_none_or(|(fp, _)| *fp != s.fingerprint))
        .collect();
    let fresh: Vec<(SchoolSlug, u64, SchoolCheck)> = stale
        .par_iter()
        .map(|s| (s.slug.clone(), s.fingerprint, school(s, &content.config, regulation, &slugs)))
        .collect();
    cache.extend(fresh);
    cache.schools.retain(|slug, _| slugs.contains(slug.0.as_str()));
}

/// Checks one school: its decisions, and every report against the framework that judges it.
pub fn school(school: &School, config: &Config, regulation: &Regulation, slugs: &BTreeSet<&str>) -> SchoolCheck {
    school_with(school, config, regulation, slugs, &[])
}

/// Like [`school`], with the outlines of the school's reports already read (by index in
/// `school.reports`; missing or `None`: read here).
pub fn school_with(
    school: &School,
    config: &Config,
    regulation: &Regulation,
    slugs: &BTreeSet<&str>,
    outlines: &[Option<Outline>],
) -> SchoolCheck {
    let mut diagnostics = Diagnostics::new();
    let mut judgements = Vec::new();
    placeholders::check(&school.file, &school.text, &mut diagnostics);
    decisions::check(school, config, regulation, &mut diagnostics);
    for (index, report) in school.reports.iter().enumerate() {
        let Some(mut j) = reports::check(school, report, config, regulation, &mut diagnostics) else {
            continue;
        };
        if report.is_approved() {
            let framework = regulation.framework(&j.framework.0).expect("judged by a known framework");
            let outline = match outlines.get(index).and_then(Option::as_ref) {
                Some(o) => std::borrow::Cow::Borrowed(o),
                None => match report.body() {
                    Ok(body) => std::borrow::Cow::Owned(crate::content::outline::outline(&body)),
                    Err(_) => {
                        diagnostics.report_file(Code::EncodingUtf8, &report.file, crate::msg!("encoding-utf8"));
                        continue;
                    }
                },
            };
            j.evidence = outline.evidence.as_ref().map(|rows| rows.iter().filter(|row| !row.group).count());
            let src = ReportSource { file: &report.file, text: &report.text, body_start: report.body_start };
            structure::check(&src, framework, &outline, &mut diagnostics);
            evidence::check(&src, framework, regulation, &outline, &mut diagnostics);
            links::check(&src, school, slugs, &outline, &mut diagnostics);
        }
        judgements.push((report.year, j));
    }
    SchoolCheck { diagnostics, judgements }
}

/// A report file, for findings located by byte offsets in its Markdown body.
pub struct ReportSource<'a> {
    /// Path relative to the site root.
    pub file: &'a str,
    /// The whole file.
    pub text: &'a str,
    /// Where the body starts in the file.
    pub body_start: usize,
}

impl ReportSource<'_> {
    /// Records a finding at `span` of the body.
    pub fn report(&self, diags: &mut Diagnostics, code: Code, span: Range<usize>, message: crate::messages::Message) {
        let shifted = span.start + self.body_start..span.end + self.body_start;
        diags.report(code, Source { file: self.file, text: self.text }, shifted, message);
    }

    /// Line and column of body offset `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        Source { file: self.file, text: self.text }.line_col(offset + self.body_start)
    }
}

/// `school.duplicate-id`: two schools with the same code, each file named.
fn duplicate_ids(content: &Content, diags: &mut Diagnostics) {
    let mut by_id: BTreeMap<&str, Vec<&crate::content::School>> = BTreeMap::new();
    for s in &content.schools {
        by_id.entry(s.id.value.0.as_str()).or_default().push(s);
    }
    for (id, schools) in by_id.into_iter().filter(|(_, s)| s.len() > 1) {
        for s in &schools {
            let others: Vec<&str> = schools.iter().filter(|o| o.slug != s.slug).map(|o| o.file.as_str()).collect();
            diags.report(
                Code::SchoolDuplicateId,
                Source { file: &s.file, text: &s.text },
                s.id.span.clone(),
                crate::msg!("duplicate-id", id = format!("{id:?}"), others = others.join(", ")),
            );
        }
    }
}
