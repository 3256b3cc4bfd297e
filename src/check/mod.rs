//! Stage 3: check the loaded content against the format and the law, collecting every
//! finding, and judge every report (its framework and computed level) for the site model.

mod decisions;
mod evidence;
pub mod github;
pub mod human;
pub mod json;
pub mod links;
mod reports;
pub mod structure;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use crate::calendar::SchoolYear;
use crate::content::{Content, SchoolSlug};
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
pub fn run(content: &Content, regulation: &Regulation, mut diagnostics: Diagnostics) -> Checked {
    duplicate_ids(content, &mut diagnostics);
    let slugs: BTreeSet<&str> = content.schools.iter().map(|s| s.slug.0.as_str()).collect();
    let mut judgements = BTreeMap::new();
    for school in &content.schools {
        decisions::check(school, &content.config, regulation, &mut diagnostics);
        for report in &school.reports {
            let Some(j) = reports::check(school, report, &content.config, regulation, &mut diagnostics) else {
                continue;
            };
            if report.is_approved() {
                let framework = regulation.framework(&j.framework.0).expect("judged by a known framework");
                let outline = crate::content::outline::outline(report.body());
                let src = ReportSource { file: &report.file, text: &report.text, body_start: report.body_start };
                structure::check(&src, framework, &outline, &mut diagnostics);
                evidence::check(&src, framework, regulation, &outline, &mut diagnostics);
                links::check(&src, school, &slugs, &outline, &mut diagnostics);
            }
            judgements.insert((school.slug.clone(), report.year), j);
        }
    }
    Checked { diagnostics, judgements }
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
    pub fn report(&self, diags: &mut Diagnostics, code: Code, span: Range<usize>, message: String) {
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
                format!("id {id:?} is also used by {}: each school needs its own mã trường", others.join(", ")),
            );
        }
    }
}
