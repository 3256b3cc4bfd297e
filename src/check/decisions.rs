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
        if !(1..=d.kind.max_level()).contains(&d.level.value) {
            let message = match d.kind {
                DecisionKind::Accreditation => crate::msg!("decision-level-accreditation", level = d.level.value),
                DecisionKind::NationalStandard => crate::msg!("decision-level-national", level = d.level.value),
            };
            diags.report(Code::DecisionInvalid, src, d.level.span.clone(), message);
        }
        if d.valid_until.value < d.decided.value {
            diags.report(
                Code::DecisionInvalid,
                src,
                d.valid_until.span.clone(),
                crate::msg!(
                    "decision-valid-before",
                    valid_until = format_vi(d.valid_until.value),
                    decided = format_vi(d.decided.value)
                ),
            );
        }
        if d.decided.value > today {
            diags.report(
                Code::DecisionInvalid,
                src,
                d.decided.span.clone(),
                crate::msg!("decision-future", decided = format_vi(d.decided.value), today = format_vi(today)),
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
                crate::msg!("decision-after-57", decided = format_vi(d.decided.value), end = format_vi(end)),
            );
        }
        let warn_from = today.checked_add_days(Days::new(config.expiry_warning_days.into())).unwrap_or(today);
        if d.decided.value <= today && d.valid_until.value >= today && d.valid_until.value <= warn_from {
            diags.report(
                Code::DecisionExpiring,
                src,
                d.valid_until.span.clone(),
                crate::msg!(
                    "decision-expiring",
                    decision = d.number,
                    until = format_vi(d.valid_until.value),
                    days = config.expiry_warning_days,
                    today = format_vi(today)
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
                crate::msg!("decision-inconsistent", level = ns.level.value, decided = format_vi(on), needed = needed),
            );
        }
    }
}
