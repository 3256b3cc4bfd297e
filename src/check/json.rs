//! `check --format json`: the document of content-format.md.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::calendar::SchoolYear;
use crate::check::Judgement;
use crate::content::{Content, ReportStatus, SchoolSlug};
use crate::diagnostic::{Diagnostic, Severity};

#[derive(Serialize)]
struct Document {
    diagnostics: Vec<serde_json::Value>,
    schools: Vec<ReportEntry>,
    summary: Summary,
}

#[derive(Serialize)]
struct ReportEntry {
    slug: String,
    id: String,
    report: String,
    framework: Option<String>,
    status: &'static str,
    computed_level: Option<u8>,
    claimed_level: Option<i64>,
}

#[derive(Serialize)]
struct Summary {
    schools: usize,
    errors: usize,
    warnings: usize,
}

/// The JSON document for `diagnostics` (sorted) and one entry per report (approved or draft).
pub fn document(
    content: Option<&Content>,
    judgements: &BTreeMap<(SchoolSlug, SchoolYear), Judgement>,
    diagnostics: &[Diagnostic],
    schools: usize,
    lang: crate::messages::Lang,
) -> String {
    let mut entries = Vec::new();
    for school in content.map(|c| c.schools.as_slice()).unwrap_or_default() {
        for r in &school.reports {
            let j = judgements.get(&(school.slug.clone(), r.year));
            let approved = r.status == ReportStatus::Approved;
            entries.push(ReportEntry {
                slug: school.slug.0.clone(),
                id: school.id.value.0.clone(),
                report: r.year.to_string(),
                framework: j.map(|j| j.framework.0.clone()),
                status: if approved { "approved" } else { "draft" },
                computed_level: j.filter(|_| approved).and_then(|j| j.level),
                claimed_level: r.claimed_level.as_ref().map(|c| c.value),
            });
        }
    }
    let doc = Document {
        diagnostics: diagnostics.iter().map(|d| d.to_json(lang)).collect(),
        schools: entries,
        summary: Summary {
            schools,
            errors: crate::diagnostic::count_errors(diagnostics),
            warnings: diagnostics.iter().filter(|d| d.severity == Severity::Warning).count(),
        },
    };
    serde_json::to_string_pretty(&doc).expect("plain data serialises")
}
