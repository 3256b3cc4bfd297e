//! Evidence codes against the evidence list and the framework: `evidence.*`.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::ReportSource;
use crate::check::structure::{has_narrative, section_end};
use crate::content::outline::{HeadingKind, Outline, code_criterion, looks_like_code};
use crate::diagnostic::{Code, Diagnostics};
use crate::regulation::{Framework, Regulation};

/// Checks one code's format and criterion; returns true when it is a valid code of `f`.
fn valid_code(
    src: &ReportSource<'_>,
    f: &Framework,
    reg: &Regulation,
    code: &str,
    span: std::ops::Range<usize>,
    diags: &mut Diagnostics,
) -> bool {
    if !looks_like_code(code) || !f.evidence.regex.is_match(code) {
        let other_era =
            reg.frameworks().any(|o| o.evidence.example != f.evidence.example && o.evidence.regex.is_match(code));
        let why = if other_era { "is written in the other era's format" } else { "is not a valid evidence code" };
        src.report(
            diags,
            Code::EvidenceFormat,
            span,
            format!("[{code}] {why}: under {} codes are written like [{}]", f.short_name(), f.evidence.example),
        );
        return false;
    }
    let exists = code_criterion(code).is_some_and(|(a, b)| f.criterion(&format!("{a}.{b}")).is_some());
    if !exists {
        let (a, b) = code_criterion(code).unwrap_or_default();
        src.report(
            diags,
            Code::EvidenceCriterion,
            span,
            format!("[{code}] refers to tiêu chí {a}.{b}, which {} does not have: correct the code", f.short_name()),
        );
        return false;
    }
    true
}

/// `evidence.format`, `.criterion`, `.unknown`, `.duplicate`, `.unused`, `.none`.
pub fn check<'o>(
    src: &ReportSource<'_>,
    f: &Framework,
    reg: &Regulation,
    outline: &'o Outline,
    diags: &mut Diagnostics,
) {
    // Codes already found valid: a code is listed once and cited about twice.
    let mut valid: FxHashSet<&str> = FxHashSet::default();
    let mut valid_code = |code: &'o str, span: std::ops::Range<usize>, diags: &mut Diagnostics| {
        valid.contains(code) || (valid_code(src, f, reg, code, span, diags) && valid.insert(code))
    };
    let mut listed: FxHashMap<&str, usize> = FxHashMap::default();
    for row in outline.evidence.iter().flatten().filter(|r| !r.group) {
        if let Some(first) = listed.get(row.code.as_str()) {
            let (line, _) = src.line_col(*first);
            src.report(
                diags,
                Code::EvidenceDuplicate,
                row.span.clone(),
                format!("[{}] is listed twice in Danh mục minh chứng (first on line {line}): keep one row", row.code),
            );
            continue;
        }
        listed.insert(&row.code, row.span.start);
        valid_code(&row.code, row.span.clone(), diags);
    }
    let mut cited = FxHashSet::default();
    for c in &outline.citations {
        cited.insert(c.code.as_str());
        if !valid_code(&c.code, c.span.clone(), diags) {
            continue;
        }
        if !listed.contains_key(c.code.as_str()) {
            let fix = if outline.evidence.is_none() {
                "add a Danh mục minh chứng section with a table listing every code".to_owned()
            } else {
                "add it to the table of Danh mục minh chứng or correct the code".to_owned()
            };
            src.report(
                diags,
                Code::EvidenceUnknown,
                c.span.clone(),
                format!("[{}] is cited but not listed: {fix}", c.code),
            );
        }
    }
    for row in outline.evidence.iter().flatten().filter(|r| !r.group) {
        if !cited.contains(row.code.as_str()) && listed.get(row.code.as_str()) == Some(&row.span.start) {
            src.report(
                diags,
                Code::EvidenceUnused,
                row.span.clone(),
                format!(
                    "[{}] is listed but no section cites it: cite it where it is used, or remove the row",
                    row.code
                ),
            );
        }
    }
    let hs = &outline.headings;
    let mut cites = vec![false; hs.len()];
    for k in outline.citations.iter().filter_map(|c| c.heading) {
        cites[k] = true;
    }
    for (i, h) in hs.iter().enumerate() {
        if !matches!(h.kind, HeadingKind::Criterion(..)) || !has_narrative(hs, i) {
            continue;
        }
        let end = section_end(hs, i);
        if !cites[i..end.min(hs.len())].contains(&true) {
            src.report(
                diags,
                Code::EvidenceNone,
                h.span.clone(),
                format!(
                    "{} has a description but cites no evidence: add the codes in brackets, e.g. [{}]",
                    h.text, f.evidence.example
                ),
            );
        }
    }
}
