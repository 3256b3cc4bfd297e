//! The framework catalogs of `../shared/spec/regulation/`, embedded at compile time and read
//! with serde into [`Framework`]s. Only what the engine needs is read; the rest of each
//! catalog (indicator texts, sources) stays in the files.

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;

use crate::calendar::Date;

use crate::regulation::level::{Condition, LevelRule, RuleSet};
use crate::regulation::{
    Criterion, CriterionId, EvidenceFormat, Framework, FrameworkId, Level4Criterion, RegulationError, Standard,
};

/// The catalogs as shipped in the binary: (file name, text).
pub const EMBEDDED: &[(&str, &str)] = &[
    ("tt-2018.toml", include_str!("../../regulation/tt-2018.toml")),
    ("tt22-2024.toml", include_str!("../../regulation/tt22-2024.toml")),
    ("tt57-2026.toml", include_str!("../../regulation/tt57-2026.toml")),
];

#[derive(Deserialize)]
struct CatalogFile {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    replaced_from: Option<toml::value::Datetime>,
    frameworks: Vec<FrameworkDef>,
    rules: OneOrMany<RulesDef>,
    /// 2018 catalogs: `[evidence]`.
    #[serde(default)]
    evidence: Option<EvidenceDef>,
    /// Circular 57: `[report.evidence]`.
    #[serde(default)]
    report: Option<ReportDef>,
    #[serde(default)]
    self_assessment: Option<SelfAssessmentDef>,
}

#[derive(Deserialize)]
struct EvidenceDef {
    code_regex: String,
    #[serde(default)]
    code_examples: Vec<String>,
    #[serde(default)]
    code_format: Option<String>,
}

#[derive(Deserialize)]
struct ReportDef {
    #[serde(default)]
    evidence: Option<EvidenceDef>,
    /// `"tiêu chuẩn"` when strengths and weaknesses are written per standard.
    #[serde(default)]
    strengths_weaknesses_at: Option<String>,
}

#[derive(Deserialize)]
struct SelfAssessmentDef {
    /// `MM-DD` of the school year's second calendar year.
    #[serde(default)]
    report_approval_deadline: Option<String>,
}

#[derive(Deserialize, Default)]
struct NationalStandardDef {
    /// School level (as a string key) → "Mức độ N".
    #[serde(default)]
    muc_do_from_school_level: BTreeMap<String, String>,
}

/// What one catalog file holds.
pub struct Catalog {
    /// Its frameworks.
    pub frameworks: Vec<Framework>,
    /// When the catalog's circulars were replaced (`replaced_from`).
    pub replaced_from: Option<Date>,
    /// National standard mức độ → the lowest school level (so accreditation cấp độ) it
    /// goes with, from `rules.national_standard.muc_do_from_school_level`.
    pub national_standard_needs: BTreeMap<u8, u8>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

#[derive(Deserialize)]
struct FrameworkDef {
    id: String,
    circular: String,
    #[serde(default)]
    amended_by: Option<String>,
    #[serde(default)]
    title: Option<String>,
    standards: Vec<StandardDef>,
    #[serde(default)]
    level4_criteria: Vec<Level4Def>,
}

#[derive(Deserialize)]
struct StandardDef {
    number: u8,
    title: String,
    criteria: Vec<CriterionDef>,
}

#[derive(Deserialize)]
struct CriterionDef {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    levels_defined: Option<Vec<u8>>,
    #[serde(default)]
    repealed_levels: Vec<u8>,
    #[serde(default)]
    mandatory: bool,
}

#[derive(Deserialize)]
struct Level4Def {
    number: u8,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
struct RulesDef {
    applies_to: Vec<String>,
    criterion_results: Vec<u8>,
    criterion_result_labels: Vec<String>,
    school_result_labels: Vec<String>,
    #[serde(default)]
    criterion_need_capped_at_levels_defined: bool,
    school_levels: Vec<SchoolLevelDef>,
    #[serde(default)]
    national_standard: Option<NationalStandardDef>,
}

/// One `[[rules.school_levels]]` entry; each key present is one condition.
#[derive(Deserialize)]
struct SchoolLevelDef {
    level: u8,
    label: String,
    #[serde(default)]
    statement: Option<String>,
    criteria_at_least: Option<u8>,
    level4_criteria_all: Option<bool>,
    mandatory_all_at_least: Option<u8>,
    others_min_count: Option<usize>,
    others_at_least: Option<u8>,
    all_criteria_at_least: Option<u8>,
}

fn date(file: &str, d: Option<toml::value::Datetime>) -> Result<Option<Date>, RegulationError> {
    let Some(d) = d else { return Ok(None) };
    let bad = || RegulationError::Catalog { file: file.to_owned(), reason: format!("{d} is not a date") };
    let day = d.date.ok_or_else(bad)?;
    Date::from_ymd_opt(day.year.into(), day.month.into(), day.day.into()).map(Some).ok_or_else(bad)
}

/// Reads one catalog file.
pub fn parse(file: &str, text: &str) -> Result<Catalog, RegulationError> {
    let catalog: CatalogFile =
        toml::from_str(text).map_err(|e| RegulationError::Catalog { file: file.to_owned(), reason: e.to_string() })?;
    let rule_sets: Vec<RulesDef> = match catalog.rules {
        OneOrMany::One(r) => vec![r],
        OneOrMany::Many(r) => r,
    };
    let summary_per_standard =
        catalog.report.as_ref().and_then(|r| r.strengths_weaknesses_at.as_deref()).is_some_and(|w| w == "tiêu chuẩn");
    let evidence_def = catalog.evidence.or(catalog.report.and_then(|r| r.evidence)).ok_or_else(|| {
        RegulationError::Catalog { file: file.to_owned(), reason: "no [evidence] code_regex".to_owned() }
    })?;
    // The 2018 catalogs write the pattern with its brackets, Circular 57 without: match the code alone.
    let pattern = evidence_def.code_regex.replace("^\\[", "^").replace("\\]$", "$");
    let regex = Regex::new(&pattern)
        .map_err(|e| RegulationError::Catalog { file: file.to_owned(), reason: format!("code_regex: {e}") })?;
    let evidence = EvidenceFormat {
        regex,
        // A catalog that only inherits its format (22/2024: "[Hn-a.b-c]") gives no example:
        // messages still show a real code, not the pattern.
        example: match evidence_def.code_examples.first() {
            Some(e) => e.trim_matches(['[', ']']).to_owned(),
            None if evidence_def.code_format.as_deref().is_some_and(|f| f.contains("MC")) => "MC.1.1.01".to_owned(),
            None => "H1-1.1-01".to_owned(),
        },
    };
    let deadline = catalog
        .self_assessment
        .and_then(|s| s.report_approval_deadline)
        .map(|d| {
            let (m, day) = d.split_once('-').unwrap_or(("", ""));
            m.parse::<u32>().ok().zip(day.parse::<u32>().ok()).ok_or_else(|| RegulationError::Catalog {
                file: file.to_owned(),
                reason: format!("report_approval_deadline {d:?} is not MM-DD"),
            })
        })
        .transpose()?;
    let mut national_standard_needs = BTreeMap::new();
    for r in &rule_sets {
        for (school_level, muc_do) in r.national_standard.iter().flat_map(|n| &n.muc_do_from_school_level) {
            let level: Option<u8> = school_level.parse().ok();
            let muc: Option<u8> = muc_do.rsplit(' ').next().and_then(|n| n.parse().ok());
            if let (Some(level), Some(muc)) = (level, muc) {
                let e = national_standard_needs.entry(muc).or_insert(level);
                *e = (*e).min(level);
            }
        }
    }
    let mut frameworks = Vec::new();
    for def in catalog.frameworks {
        let rules = rule_sets
            .iter()
            .find(|r| r.applies_to.contains(&def.id))
            .ok_or_else(|| RegulationError::NoRules { file: file.to_owned(), framework: def.id.clone() })?;
        let mut f = framework(def, rules, catalog.title.as_deref())?;
        f.evidence = evidence.clone();
        f.approval_deadline = deadline;
        f.summary_per_standard = summary_per_standard;
        frameworks.push(f);
    }
    Ok(Catalog { frameworks, replaced_from: date(file, catalog.replaced_from)?, national_standard_needs })
}

fn framework(def: FrameworkDef, rules: &RulesDef, catalog_title: Option<&str>) -> Result<Framework, RegulationError> {
    let max_result = rules.criterion_results.iter().copied().max().unwrap_or(0);
    let standards = def
        .standards
        .into_iter()
        .map(|s| Standard {
            number: s.number,
            title: s.title,
            criteria: s
                .criteria
                .into_iter()
                .map(|c| Criterion {
                    // An empty or absent `levels_defined` (text not found) means every level.
                    max_level: c.levels_defined.as_deref().and_then(|l| l.iter().copied().max()).unwrap_or(max_result),
                    id: CriterionId(c.id),
                    repealed_levels: c.repealed_levels,
                    title: c.title,
                    mandatory: c.mandatory,
                })
                .collect(),
        })
        .collect();
    let mut levels: Vec<LevelRule> = rules
        .school_levels
        .iter()
        .map(|l| LevelRule {
            level: l.level,
            label: l.label.clone(),
            statement: l.statement.clone(),
            conditions: conditions(l, rules.criterion_need_capped_at_levels_defined),
        })
        .collect();
    levels.sort_by_key(|l| std::cmp::Reverse(l.level));
    let title =
        def.title.filter(|t| !t.trim().is_empty()).or_else(|| catalog_title.map(str::to_owned)).unwrap_or_default();
    Ok(Framework {
        id: FrameworkId(def.id),
        circular: def.circular,
        amended_by: def.amended_by,
        title,
        standards,
        level4: def.level4_criteria.into_iter().map(|l| Level4Criterion { number: l.number, text: l.text }).collect(),
        evidence: EvidenceFormat { regex: Regex::new("^$").expect("valid"), example: String::new() },
        approval_deadline: None,
        summary_per_standard: false,
        rules: RuleSet {
            max_criterion_level: max_result,
            criterion_labels: rules.criterion_result_labels.clone(),
            school_labels: rules.school_result_labels.clone(),
            levels,
        },
    })
}

fn conditions(l: &SchoolLevelDef, capped: bool) -> Vec<Condition> {
    let mut out = Vec::new();
    if let Some(n) = l.criteria_at_least {
        out.push(Condition::EveryCriterion { at_least: n, capped });
    }
    if let Some(n) = l.mandatory_all_at_least {
        out.push(Condition::Mandatory { at_least: n });
    }
    if let Some(count) = l.others_min_count {
        out.push(Condition::OthersCount { count, at_least: l.others_at_least.unwrap_or(1) });
    }
    if let Some(n) = l.all_criteria_at_least.filter(|&n| n > 0) {
        out.push(Condition::EveryCriterion { at_least: n, capped: false });
    }
    if l.level4_criteria_all == Some(true) {
        out.push(Condition::Level4All);
    }
    out
}
