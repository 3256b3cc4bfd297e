//! Evidence codes against the evidence list and the framework: `evidence.*`.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::ReportSource;
use crate::check::structure::{has_narrative, section_end};
use crate::content::outline::{HeadingKind, Outline, code_criterion, looks_like_code};
use crate::diagnostic::{Code, Diagnostics};
use crate::regulation::{Framework, Regulation};

/// The first evidence code of the criterion under heading `kind`, in the framework's format
/// (`H1-2.3-01` in 2018, `MC.2.3.01` under Circular 57): the example a message gives.
fn example_code(f: &Framework, kind: &HeadingKind) -> String {
    let HeadingKind::Criterion(a, b) = *kind else { return f.evidence.example.clone() };
    if f.evidence.example.starts_with("MC.") { format!("MC.{a}.{b}.01") } else { format!("H1-{a}.{b}-01") }
}

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
        let message = if other_era {
            crate::msg!("evidence-other-era", code = code, framework = f.short_name(), example = f.evidence.example)
        } else {
            crate::msg!("evidence-format", code = code, framework = f.short_name(), example = f.evidence.example)
        };
        src.report(diags, Code::EvidenceFormat, span, message);
        return false;
    }
    let exists = code_criterion(code).is_some_and(|(a, b)| f.criterion(&format!("{a}.{b}")).is_some());
    if !exists {
        let (a, b) = code_criterion(code).unwrap_or_default();
        let message = match f.standards.iter().find(|s| u32::from(s.number) == a) {
            Some(s) => crate::msg!(
                "evidence-criterion",
                code = code,
                criterion = format!("{a}.{b}"),
                framework = f.short_name(),
                standard = a,
                first = s.criteria.first().map(|c| c.id.0.as_str()).unwrap_or_default(),
                last = s.criteria.last().map(|c| c.id.0.as_str()).unwrap_or_default()
            ),
            None => crate::msg!(
                "evidence-standard",
                code = code,
                criterion = format!("{a}.{b}"),
                framework = f.short_name(),
                standard = a,
                count = f.standards.len(),
                first = f.standards.first().map_or(0, |s| s.number),
                last = f.standards.last().map_or(0, |s| s.number)
            ),
        };
        src.report(diags, Code::EvidenceCriterion, span, message);
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
                crate::msg!("evidence-duplicate", code = row.code, line = line),
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
            let message = if outline.evidence.is_none() {
                crate::msg!("evidence-unknown-no-list", code = c.code)
            } else {
                crate::msg!("evidence-unknown", code = c.code)
            };
            src.report(diags, Code::EvidenceUnknown, c.span.clone(), message);
        }
    }
    for row in outline.evidence.iter().flatten().filter(|r| !r.group) {
        if !cited.contains(row.code.as_str()) && listed.get(row.code.as_str()) == Some(&row.span.start) {
            src.report(diags, Code::EvidenceUnused, row.span.clone(), crate::msg!("evidence-unused", code = row.code));
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
                crate::msg!("evidence-none", heading = h.text, example = example_code(f, &h.kind)),
            );
        }
    }
}
