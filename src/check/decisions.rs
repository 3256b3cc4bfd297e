//! Accreditation and national-standard decisions: impossible data and expiry warnings.

use chrono::Days;

use crate::calendar::{Date, format_vi};
use crate::content::Config;
use crate::content::school::{DecisionKind, School};
use crate::diagnostic::{Code, Diagnostics, Source};

/// Circular 57 took effect: no accreditation decisions exist from this day (regulation.md).
fn accreditation_end() -> Date {
    Date::from_ymd_opt(2026, 7, 7).expect("valid date")
}

/// `decision.invalid` and `decision.expiring` for every decision of `school`.
pub fn check(school: &School, config: &Config, diags: &mut Diagnostics) {
    let src = Source { file: &school.file, text: &school.text };
    let today = config.build_date;
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
        if d.kind == DecisionKind::Accreditation && d.decided.value >= accreditation_end() {
            diags.report(
                Code::DecisionInvalid,
                src,
                d.decided.span.clone(),
                format!(
                    "an accreditation decided on {} cannot exist: Circular 57/2026 ended accreditation levels on 07/07/2026. If this is a national-standard recognition, write it under [[national_standard]]",
                    format_vi(d.decided.value)
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
