//! Accreditation and national-standard decisions: impossible data and expiry warnings.

use chrono::Days;

use crate::calendar::format_vi;
use crate::content::Config;
use crate::content::school::{DecisionKind, School};
use crate::diagnostic::{Code, Diagnostics, Source};
use crate::regulation::Regulation;

/// `decision.invalid`, `decision.expiring` and `decision.inconsistent` for every decision.
pub fn check(school: &School, config: &Config, reg: &Regulation, diags: &mut Diagnostics) {
    let src = Source { file: &school.file, text: &school.text };
    let today = config.build_date;
    inconsistent(school, reg, diags);
    for d in &school.decisions {
        let (max, what) = match d.kind {
            DecisionKind::Accreditation => (4, "an accreditation cấp độ"),
            DecisionKind::NationalStandard => (2, "a national standard mức độ"),
        };
        if !(1..=max).contains(&d.level.value) {
            diags.report(
                Code::DecisionInvalid,
                src,
                d.level.span.clone(),
                format!("level = {} is impossible for {what}: write a level from 1 to {max}", d.level.value),
            );
        }
        if d.valid_until.value < d.decided.value {
            diags.report(
                Code::DecisionInvalid,
                src,
                d.valid_until.span.clone(),
                format!(
                    "valid_until {} is before the decision date {}: correct one of the two dates",
                    d.valid_until.value, d.decided.value
                ),
            );
        }
        if d.decided.value > today {
            diags.report(
                Code::DecisionInvalid,
                src,
                d.decided.span.clone(),
                format!(
                    "decided = {} is after the build date {today}: a decision cannot be dated in the future; check the year",
                    d.decided.value
                ),
            );
        }
        if d.kind == DecisionKind::Accreditation
            && let Some(end) = reg.accreditation_ends
            && d.decided.value >= end
        {
            diags.report(
                Code::DecisionInvalid,
                src,
                d.decided.span.clone(),
                format!(
                    "an accreditation decided on {} cannot exist: Circular 57/2026 ended accreditation levels on {}. If this is a national-standard recognition, write it under [[national_standard]]",
                    format_vi(d.decided.value),
                    format_vi(end)
                ),
            );
        }
        let warn_from = today.checked_add_days(Days::new(config.expiry_warning_days.into())).unwrap_or(today);
        if d.decided.value <= today && d.valid_until.value >= today && d.valid_until.value <= warn_from {
            diags.report(
                Code::DecisionExpiring,
                src,
                d.valid_until.span.clone(),
                format!(
                    "decision {} expires on {} (within {} days of {}): the school must register for a new evaluation",
                    d.number,
                    format_vi(d.valid_until.value),
                    config.expiry_warning_days,
                    format_vi(today)
                ),
            );
        }
    }
}

/// `decision.inconsistent`: under the 2018 circulars a national standard went with an
/// accreditation (mức độ 1 with cấp độ 2, mức độ 2 with cấp độ 3) in force on its date.
fn inconsistent(school: &School, reg: &Regulation, diags: &mut Diagnostics) {
    let src = Source { file: &school.file, text: &school.text };
    for ns in school.decisions.iter().filter(|d| d.kind == DecisionKind::NationalStandard) {
        let on = ns.decided.value;
        if reg.accreditation_ends.is_some_and(|end| on >= end) {
            continue;
        }
        let Some(&needed) = u8::try_from(ns.level.value).ok().and_then(|l| reg.national_standard_needs.get(&l)) else {
            continue;
        };
        let backed = school.decisions.iter().any(|a| {
            a.kind == DecisionKind::Accreditation
                && a.level.value >= i64::from(needed)
                && a.decided.value <= on
                && a.valid_until.value >= on
        });
        if !backed {
            diags.report(
                Code::DecisionInconsistent,
                src,
                ns.decided.span.clone(),
                format!(
                    "national standard mức độ {} of {} has no accreditation of cấp độ {needed} or higher in force that day: add the accreditation decision or check the dates",
                    ns.level.value,
                    format_vi(on)
                ),
            );
        }
    }
}
