//! The headings of an approved report against its framework: `structure.*`.

use std::collections::BTreeMap;

use crate::check::ReportSource;
use crate::content::outline::{Heading, HeadingKind, Outline};
use crate::diagnostic::{Code, Diagnostics};
use crate::regulation::Framework;

/// The index of the first heading after `i` that closes its section (same or higher level).
pub fn section_end(headings: &[Heading], i: usize) -> usize {
    let level = headings[i].level;
    headings[i + 1..].iter().position(|h| h.level <= level).map_or(headings.len(), |p| i + 1 + p)
}

/// True when the section of heading `i` has any text.
pub fn has_narrative(headings: &[Heading], i: usize) -> bool {
    headings[i..section_end(headings, i)].iter().any(|h| h.has_text) || section_end(headings, i) > i + 1
}

const SUMMARY: [(HeadingKind, &str); 3] = [
    (HeadingKind::Strengths, "Điểm mạnh"),
    (HeadingKind::Weaknesses, "Điểm yếu (Điểm hạn chế)"),
    (HeadingKind::Improvement, "Kế hoạch cải tiến chất lượng (Định hướng cải tiến)"),
];

/// `structure.criterion-unknown`, `-misplaced`, `structure.duplicate`, `structure.section-missing`.
pub fn check(src: &ReportSource<'_>, f: &Framework, outline: &Outline, diags: &mut Diagnostics) {
    let hs = &outline.headings;
    let mut standard: Option<(u32, u8)> = None;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, h) in hs.iter().enumerate() {
        if standard.is_some_and(|(_, level)| h.level <= level) && !matches!(h.kind, HeadingKind::Criterion(..)) {
            standard = None;
        }
        let key = match h.kind {
            HeadingKind::Standard(n) => {
                standard = Some((n, h.level));
                if !f.standards.iter().any(|s| u32::from(s.number) == n) {
                    src.report(
                        diags,
                        Code::StructureCriterionUnknown,
                        h.span.clone(),
                        crate::msg!("structure-standard-unknown", framework = f.short_name(), standard = n),
                    );
                }
                format!("Tiêu chuẩn {n}")
            }
            HeadingKind::Criterion(a, b) => {
                let id = format!("{a}.{b}");
                if f.criterion(&id).is_none() {
                    src.report(
                        diags,
                        Code::StructureCriterionUnknown,
                        h.span.clone(),
                        crate::msg!("structure-criterion-unknown", framework = f.short_name(), criterion = id),
                    );
                } else if let Some((n, _)) = standard
                    && n != a
                {
                    src.report(
                        diags,
                        Code::StructureCriterionMisplaced,
                        h.span.clone(),
                        crate::msg!("structure-misplaced", criterion = id, under = n, standard = a),
                    );
                }
                format!("Tiêu chí {id}")
            }
            _ => continue,
        };
        if let Some(first) = seen.get(&key) {
            let (line, _) = src.line_col(hs[*first].span.start);
            src.report(
                diags,
                Code::StructureDuplicate,
                h.span.clone(),
                crate::msg!("structure-duplicate", heading = key, line = line),
            );
        } else {
            seen.insert(key, i);
        }
        section_missing(src, f, hs, i, diags);
    }
}

/// `structure.section-missing`: a criterion (2018) or standard (2026) with narrative but
/// without its sub-sections. Either shape (per criterion or per standard) is accepted.
fn section_missing(src: &ReportSource<'_>, f: &Framework, hs: &[Heading], i: usize, diags: &mut Diagnostics) {
    let h = &hs[i];
    let wanted: Vec<(HeadingKind, &str)> = match (h.kind.clone(), f.summary_per_standard) {
        (HeadingKind::Criterion(..), false) => {
            let mut w = vec![(HeadingKind::Description, "Mô tả hiện trạng")];
            w.extend(SUMMARY);
            w
        }
        (HeadingKind::Standard(_), true) => SUMMARY.to_vec(),
        _ => return,
    };
    if !has_narrative(hs, i) {
        return;
    }
    let end = section_end(hs, i);
    // The enclosing standard's own summary (outside any criterion) also counts for a
    // criterion: that is the 2026 shape.
    let standard =
        (0..i).rev().find(|&k| matches!(hs[k].kind, HeadingKind::Standard(_))).map(|k| (k, section_end(hs, k)));
    let present = |kind: &HeadingKind| {
        hs[i + 1..end].iter().any(|x| &x.kind == kind)
            || (matches!(h.kind, HeadingKind::Criterion(..))
                && *kind != HeadingKind::Description
                && standard.is_some_and(|(s, e)| (s + 1..e).any(|k| &hs[k].kind == kind && !under_criterion(hs, k))))
    };
    let missing: Vec<&str> = wanted.iter().filter(|(k, _)| !present(k)).map(|(_, name)| *name).collect();
    if !missing.is_empty() {
        let message = if f.summary_per_standard {
            crate::msg!("section-missing-standard", sections = missing.join(", "))
        } else {
            crate::msg!("section-missing-criterion", sections = missing.join(", "))
        };
        src.report(diags, Code::StructureSectionMissing, h.span.clone(), message);
    }
}

/// True when heading `k` sits inside a criterion's section.
fn under_criterion(hs: &[Heading], k: usize) -> bool {
    (0..k).any(|c| matches!(hs[c].kind, HeadingKind::Criterion(..)) && section_end(hs, c) > k)
}
