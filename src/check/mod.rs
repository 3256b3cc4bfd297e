//! Stage 3: check the loaded content against the format and the law, collecting every
//! finding, and judge every report (its framework and computed level) for the site model.

mod decisions;
pub mod json;
mod reports;

use std::collections::BTreeMap;

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
    let mut judgements = BTreeMap::new();
    for school in &content.schools {
        decisions::check(school, &content.config, &mut diagnostics);
        for report in &school.reports {
            if let Some(j) = reports::check(school, report, &content.config, regulation, &mut diagnostics) {
                judgements.insert((school.slug.clone(), report.year), j);
            }
        }
    }
    Checked { diagnostics, judgements }
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
