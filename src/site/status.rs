//! A school's current accreditation and national standard on the build date.

use chrono::Days;

use crate::calendar::Date;
use crate::content::school::{Decision, DecisionKind, School};

/// Where a decision (or a school's recognition) stands on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Validity {
    /// Còn hiệu lực.
    Valid,
    /// Còn hiệu lực, but ends within `expiry_warning_days`.
    Expiring,
    /// Hết hiệu lực: every decision has expired.
    Expired,
    /// Chưa được công nhận: no decision at all.
    None,
}

impl Validity {
    /// Keyword for templates and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            Validity::Valid => "valid",
            Validity::Expiring => "expiring",
            Validity::Expired => "expired",
            Validity::None => "none",
        }
    }

    /// Words for readers.
    pub fn label(self) -> &'static str {
        match self {
            Validity::Valid => "Còn hiệu lực",
            Validity::Expiring => "Sắp hết hiệu lực",
            Validity::Expired => "Hết hiệu lực",
            Validity::None => "Chưa được công nhận",
        }
    }
}

/// The standing of one kind of recognition of a school on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status<'a> {
    /// Valid, expiring, expired or none.
    pub validity: Validity,
    /// The current decision (highest valid level) or, if expired, the last one.
    pub decision: Option<&'a Decision>,
}

impl Status<'_> {
    /// The level of the current (or last) decision.
    pub fn level(&self) -> Option<u8> {
        self.decision.map(|d| d.level.value.clamp(0, 9) as u8)
    }

    /// The level in force (cấp độ or mức độ), 0 when no decision is in force.
    pub fn current_level(&self) -> u8 {
        if self.is_current() { self.level().unwrap_or(0) } else { 0 }
    }

    /// True when a decision is in force.
    pub fn is_current(&self) -> bool {
        matches!(self.validity, Validity::Valid | Validity::Expiring)
    }
}

/// The validity of one decision on `today`.
pub fn validity_of(d: &Decision, today: Date, warning_days: u32) -> Validity {
    if d.valid_until.value < today {
        Validity::Expired
    } else if d.valid_until.value <= today.checked_add_days(Days::new(warning_days.into())).unwrap_or(today) {
        Validity::Expiring
    } else {
        Validity::Valid
    }
}

/// The school's status for `kind` on `today`: the highest level among decisions valid that
/// day; if none is valid but some expired, the last to expire; else none (regulation.md).
pub fn status(school: &School, kind: DecisionKind, today: Date, warning_days: u32) -> Status<'_> {
    let decisions: Vec<&Decision> =
        school.decisions.iter().filter(|d| d.kind == kind && d.decided.value <= today).collect();
    let current = decisions
        .iter()
        .filter(|d| d.valid_until.value >= today)
        .max_by_key(|d| (d.level.value, d.valid_until.value, d.decided.value));
    if let Some(d) = current {
        return Status { validity: validity_of(d, today, warning_days), decision: Some(d) };
    }
    match decisions.iter().max_by_key(|d| (d.valid_until.value, d.level.value)) {
        Some(d) => Status { validity: Validity::Expired, decision: Some(d) },
        None => Status { validity: Validity::None, decision: None },
    }
}
