//! Which framework judges a report: `regulation/selection.toml`, the table of regulation.md.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::calendar::{Date, SchoolYear};
use crate::content::SchoolLevel;
use crate::regulation::{FrameworkId, RegulationError};

/// The selection table as shipped in the binary.
pub const EMBEDDED: &str = include_str!("../../regulation/selection.toml");

/// A legal era: the school years and approval dates it covers, and its framework per level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Era {
    /// `2018`, `2025`, `2026`.
    pub id: String,
    /// Name for readers.
    pub name: String,
    /// First school year covered, if bounded.
    pub first_school_year: Option<SchoolYear>,
    /// Last school year covered, if bounded.
    pub last_school_year: Option<SchoolYear>,
    /// Reports approved before this day only.
    pub approved_before: Option<Date>,
    /// Reports approved from this day only.
    pub approved_from: Option<Date>,
    /// Last day the era's frameworks were in force, if they were replaced.
    pub in_force_until: Option<Date>,
    /// Framework per school level.
    pub frameworks: BTreeMap<SchoolLevel, FrameworkId>,
}

impl Era {
    /// True when a report of `year` approved on `date` belongs to this era.
    pub fn covers(&self, year: SchoolYear, date: Date) -> bool {
        self.covers_year(year)
            && self.approved_before.is_none_or(|d| date < d)
            && self.approved_from.is_none_or(|d| date >= d)
    }

    /// True when the era's school years contain `year`.
    pub fn covers_year(&self, year: SchoolYear) -> bool {
        self.first_school_year.is_none_or(|y| year >= y) && self.last_school_year.is_none_or(|y| year <= y)
    }
}

/// The eras, in the order of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Eras in order; the first that covers a report wins.
    pub eras: Vec<Era>,
}

/// Why no framework applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoFramework {
    /// No era covers the school year and date.
    NoEra,
    /// The era has no framework for the school's level (gdtx before 2026-2027).
    NoLevel(String),
}

#[derive(Deserialize)]
struct SelectionFile {
    era: Vec<EraDef>,
}

#[derive(Deserialize)]
struct EraDef {
    id: String,
    name: String,
    first_school_year: Option<String>,
    last_school_year: Option<String>,
    approved_before: Option<toml::value::Datetime>,
    approved_from: Option<toml::value::Datetime>,
    in_force_until: Option<toml::value::Datetime>,
    frameworks: BTreeMap<String, String>,
}

fn date(d: Option<toml::value::Datetime>) -> Result<Option<Date>, RegulationError> {
    d.map(|d| {
        let day = d.date.ok_or_else(|| RegulationError::Selection(format!("{d} is not a date")))?;
        Date::from_ymd_opt(day.year.into(), day.month.into(), day.day.into())
            .ok_or_else(|| RegulationError::Selection(format!("{d} is not a date")))
    })
    .transpose()
}

fn year(y: Option<String>) -> Result<Option<SchoolYear>, RegulationError> {
    y.map(|y| y.parse().map_err(|e| RegulationError::Selection(format!("{y}: {e}")))).transpose()
}

impl Selection {
    /// Parses the selection table.
    pub fn parse(text: &str) -> Result<Selection, RegulationError> {
        let file: SelectionFile = toml::from_str(text).map_err(|e| RegulationError::Selection(e.to_string()))?;
        let eras = file
            .era
            .into_iter()
            .map(|e| {
                let frameworks = e
                    .frameworks
                    .into_iter()
                    .map(|(level, id)| {
                        SchoolLevel::from_key(&level)
                            .map(|l| (l, FrameworkId(id)))
                            .ok_or_else(|| RegulationError::Selection(format!("unknown school level {level}")))
                    })
                    .collect::<Result<_, _>>()?;
                Ok(Era {
                    id: e.id,
                    name: e.name,
                    first_school_year: year(e.first_school_year)?,
                    last_school_year: year(e.last_school_year)?,
                    approved_before: date(e.approved_before)?,
                    approved_from: date(e.approved_from)?,
                    in_force_until: date(e.in_force_until)?,
                    frameworks,
                })
            })
            .collect::<Result<_, RegulationError>>()?;
        Ok(Selection { eras })
    }

    /// The era and framework that judge a report of a `level` school for `year`, approved
    /// (or, for a draft, built) on `date`.
    pub fn select(
        &self,
        level: SchoolLevel,
        year: SchoolYear,
        date: Date,
    ) -> Result<(&Era, &FrameworkId), NoFramework> {
        let era = self.eras.iter().find(|e| e.covers(year, date)).ok_or(NoFramework::NoEra)?;
        era.frameworks.get(&level).map(|f| (era, f)).ok_or_else(|| NoFramework::NoLevel(era.name.clone()))
    }

    /// The framework of a `level` school in force on `date`: the first era of the table whose
    /// span of validity (`approved_from` ..= `in_force_until`) holds it. Names the circular
    /// under which a decision of that day was made.
    pub fn in_force_on(&self, level: SchoolLevel, date: Date) -> Option<&FrameworkId> {
        self.eras
            .iter()
            .find(|e| e.approved_from.is_none_or(|d| date >= d) && e.in_force_until.is_none_or(|d| date <= d))
            .and_then(|e| e.frameworks.get(&level))
    }

    /// The era a framework belongs to.
    pub fn era_of(&self, framework: &FrameworkId) -> Option<&Era> {
        self.eras.iter().find(|e| e.frameworks.values().any(|f| f == framework))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_table_of_regulation_md() {
        let s = Selection::parse(EMBEDDED).unwrap();
        let pick = |level, year: &str, date| s.select(level, year.parse().unwrap(), date).map(|(_, f)| f.0.clone());
        assert_eq!(pick(SchoolLevel::TieuHoc, "2023-2024", d(2024, 5, 1)).unwrap(), "tt17-2018-tieu-hoc");
        assert_eq!(pick(SchoolLevel::MamNon, "2024-2025", d(2025, 1, 24)).unwrap(), "tt19-2018-mam-non");
        assert_eq!(pick(SchoolLevel::MamNon, "2024-2025", d(2025, 1, 25)).unwrap(), "tt22-2024-mam-non");
        assert_eq!(pick(SchoolLevel::NhieuCap, "2025-2026", d(2026, 6, 1)).unwrap(), "tt22-2024-pho-thong");
        assert_eq!(pick(SchoolLevel::TieuHoc, "2026-2027", d(2026, 10, 1)).unwrap(), "tt57-2026-pho-thong");
        assert_eq!(pick(SchoolLevel::Gdtx, "2026-2027", d(2026, 10, 1)).unwrap(), "tt57-2026-gdtx");
        assert!(matches!(pick(SchoolLevel::Gdtx, "2025-2026", d(2026, 5, 1)), Err(NoFramework::NoLevel(_))));
    }

    #[test]
    fn the_framework_in_force_on_a_day() {
        let s = Selection::parse(EMBEDDED).unwrap();
        let on = |level, date| s.in_force_on(level, date).map(|f| f.0.clone());
        assert_eq!(on(SchoolLevel::TieuHoc, d(2022, 3, 1)).unwrap(), "tt17-2018-tieu-hoc");
        assert_eq!(on(SchoolLevel::Thcs, d(2025, 1, 25)).unwrap(), "tt22-2024-pho-thong");
        assert_eq!(on(SchoolLevel::MamNon, d(2026, 7, 6)).unwrap(), "tt22-2024-mam-non");
        assert_eq!(on(SchoolLevel::MamNon, d(2026, 7, 7)).unwrap(), "tt57-2026-mam-non");
        assert_eq!(on(SchoolLevel::Gdtx, d(2022, 3, 1)), None);
    }
}
