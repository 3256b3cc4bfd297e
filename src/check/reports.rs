//! A report's front matter against its framework: status, framework, results, levels.

use crate::calendar::format_vi;
use crate::check::Judgement;
use crate::content::report::ReportStatus;
use crate::content::{Config, Report, School};
use crate::diagnostic::{Code, Diagnostics, Source};
use crate::regulation::select::NoFramework;
use crate::regulation::{Assessment, CriterionId, Framework, Regulation};

/// Checks one report and, when its framework is known, judges it. Drafts get only the
/// `report.*` checks: they are never published and may be incomplete.
pub fn check(
    school: &School,
    report: &Report,
    config: &Config,
    reg: &Regulation,
    diags: &mut Diagnostics,
) -> Option<Judgement> {
    let src = Source { file: &report.file, text: &report.text };
    let approved = report.status == ReportStatus::Approved;
    let fm = report.front_matter_span.clone();

    if approved && report.approved_on.is_none() {
        diags.report(Code::ReportStatus, src, fm.clone(), crate::msg!("approved-on-missing"));
    }
    if let Some(on) = &report.approved_on
        && on.value > config.build_date
    {
        diags.report(
            Code::ReportStatus,
            src,
            on.span.clone(),
            crate::msg!("approved-on-future", approved_on = format_vi(on.value), today = format_vi(config.build_date)),
        );
    }
    let date = report.approved_on.as_ref().map_or(config.build_date, |d| d.value);

    let framework = match &report.framework {
        Some(given) => {
            let Some(f) = reg.framework(&given.value) else {
                let known: Vec<String> = reg.frameworks().map(|f| f.id.0.clone()).collect();
                diags.report(
                    Code::ReportFramework,
                    src,
                    given.span.clone(),
                    crate::msg!(
                        "framework-unknown",
                        framework = format!("{:?}", given.value),
                        known = known.join(", ")
                    ),
                );
                return None;
            };
            let applies = reg
                .selection
                .eras
                .iter()
                .any(|e| e.covers_year(report.year) && e.frameworks.get(&school.level) == Some(&f.id));
            if !applies {
                diags.report(
                    Code::ReportFramework,
                    src,
                    given.span.clone(),
                    crate::msg!(
                        "framework-not-applicable",
                        framework = f.id,
                        level = school.level.label().to_lowercase(),
                        year = report.year
                    ),
                );
                return None;
            }
            if let Some(until) = reg.selection.era_of(&f.id).and_then(|e| e.in_force_until)
                && date > until
            {
                diags.report(
                    Code::ReportFrameworkDate,
                    src,
                    given.span.clone(),
                    crate::msg!("framework-date", framework = f.id, date = format_vi(date), until = format_vi(until)),
                );
            }
            f
        }
        None => match reg.selection.select(school.level, report.year, date) {
            Ok((_, id)) => reg.framework(&id.0).expect("selection names known frameworks"),
            Err(e) => {
                let message = match e {
                    NoFramework::NoEra => crate::msg!("framework-no-era", year = report.year),
                    NoFramework::NoLevel(era) => {
                        crate::msg!("framework-no-level", era = era, level = school.level.label().to_lowercase())
                    }
                };
                diags.report(Code::ReportFramework, src, fm, message);
                return None;
            }
        },
    };

    if let (Some((month, day)), Some(on)) = (framework.approval_deadline, &report.approved_on) {
        let year = report.year.first() + 1;
        if let Some(deadline) = chrono::NaiveDate::from_ymd_opt(year, month, day)
            && on.value > deadline
        {
            diags.report(
                Code::ReportLate,
                src,
                on.span.clone(),
                crate::msg!(
                    "report-late",
                    approved_on = format_vi(on.value),
                    deadline = format_vi(deadline),
                    framework = framework.short_name()
                ),
            );
        }
    }
    if approved
        && framework.level4.is_empty()
        && let Some(span) = &report.level4_span
    {
        diags.report(
            Code::Level4NotApplicable,
            src,
            span.clone(),
            crate::msg!("level4-none", framework = framework.short_name()),
        );
    }

    let assessment = assessment(report, framework, if approved { Some((src, &mut *diags)) } else { None });
    let level = framework.compute_level(&assessment);
    let mut shortfall = None;
    if approved {
        match &report.claimed_level {
            None => diags.report(
                Code::LevelMissing,
                src,
                fm,
                crate::msg!("level-missing", max = framework.max_school_level()),
            ),
            Some(claimed) => {
                let max = i64::from(framework.max_school_level());
                if !(0..=max).contains(&claimed.value) {
                    diags.report(
                        Code::LevelMismatch,
                        src,
                        claimed.span.clone(),
                        crate::msg!(
                            "level-outside",
                            claimed = claimed.value,
                            max = max,
                            framework = framework.short_name()
                        ),
                    );
                } else if let Some(level) = level
                    && claimed.value != i64::from(level)
                {
                    let c = claimed.value as u8;
                    shortfall = framework.shortfall(&assessment, c.max(level + 1).min(framework.max_school_level()));
                    let computed = framework.school_label(level);
                    let message = match &shortfall {
                        Some(s) => crate::msg!(
                            "level-mismatch",
                            claimed = c,
                            computed = computed,
                            why => s.message.clone(),
                            level = level
                        ),
                        None => crate::msg!("level-mismatch-plain", claimed = c, computed = computed, level = level),
                    };
                    diags.report(Code::LevelMismatch, src, claimed.span.clone(), message);
                }
            }
        }
    }
    Some(Judgement { framework: framework.id.clone(), assessment, level, shortfall, evidence: None })
}

/// Reads `[results]` and `[level4]` against the framework; with `report_to`, faults are
/// reported (approved reports); drafts are read silently.
fn assessment(report: &Report, f: &Framework, mut report_to: Option<(Source<'_>, &mut Diagnostics)>) -> Assessment {
    let mut a = Assessment::default();
    for r in &report.results {
        let Some(c) = f.criterion(&r.criterion) else {
            if let Some((src, d)) = report_to.as_mut() {
                d.report(
                    Code::ResultsUnknown,
                    *src,
                    r.span.clone(),
                    crate::msg!("results-unknown", framework = f.short_name(), criterion = r.criterion),
                );
            }
            continue;
        };
        if r.level > i64::from(c.max_level) && c.repealed_levels.iter().any(|&l| i64::from(l) == r.level) {
            if let Some((src, d)) = report_to.as_mut() {
                d.report(
                    Code::ResultsRepealed,
                    *src,
                    r.span.clone(),
                    crate::msg!(
                        "results-repealed",
                        criterion = c.id,
                        level = r.level,
                        circular = f.amended_by.as_deref().map_or_else(|| f.short_name(), |a| format!("Thông tư {a}")),
                        counted = c.max_level
                    ),
                );
            }
            a.repealed.insert(c.id.clone(), r.level as u8);
            a.results.insert(c.id.clone(), c.max_level);
            continue;
        }
        if !(0..=i64::from(c.max_level)).contains(&r.level) {
            if let Some((src, d)) = report_to.as_mut() {
                d.report(
                    Code::ResultsRange,
                    *src,
                    r.span.clone(),
                    crate::msg!("results-range", criterion = c.id, level = r.level, max = c.max_level),
                );
            }
            continue;
        }
        a.results.insert(c.id.clone(), r.level as u8);
    }
    if let Some((src, d)) = report_to.as_mut() {
        let missing: Vec<&CriterionId> =
            f.criteria().map(|c| &c.id).filter(|id| !a.results.contains_key(*id)).collect();
        if !missing.is_empty() {
            let list: Vec<String> = missing.iter().map(|m| format!("\"{m}\"")).collect();
            d.report(
                Code::ResultsMissing,
                *src,
                report.results_span.clone(),
                crate::msg!("results-missing", criteria = list.join(", "), framework = f.short_name()),
            );
        }
    }
    for l in &report.level4 {
        let number = l.item.parse::<u8>().ok().filter(|n| f.level4.iter().any(|x| x.number == *n));
        match number {
            Some(n) => {
                a.level4.insert(n, l.met);
            }
            None => {
                // A framework without Mức 4 is reported once, for the whole table.
                if let Some((src, d)) = report_to.as_mut()
                    && !f.level4.is_empty()
                {
                    let msg = crate::msg!(
                        "level4-unknown",
                        framework = f.short_name(),
                        count = f.level4.len(),
                        item = l.item
                    );
                    d.report(Code::Level4NotApplicable, *src, l.span.clone(), msg);
                }
            }
        }
    }
    a
}
