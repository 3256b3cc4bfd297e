//! The framework catalogs of `../shared/spec/regulation/`, embedded at compile time and read
//! with serde into [`Framework`]s. Only what the engine needs is read; the rest of each
//! catalog (indicator texts, sources) stays in the files.

use serde::Deserialize;

use crate::regulation::level::{Condition, LevelRule, RuleSet};
use crate::regulation::{Criterion, CriterionId, Framework, FrameworkId, Level4Criterion, RegulationError, Standard};

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
    frameworks: Vec<FrameworkDef>,
    rules: OneOrMany<RulesDef>,
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

/// Reads one catalog file into its frameworks.
pub fn parse(file: &str, text: &str) -> Result<Vec<Framework>, RegulationError> {
    let catalog: CatalogFile =
        toml::from_str(text).map_err(|e| RegulationError::Catalog { file: file.to_owned(), reason: e.to_string() })?;
    let rule_sets: Vec<RulesDef> = match catalog.rules {
        OneOrMany::One(r) => vec![r],
        OneOrMany::Many(r) => r,
    };
    let mut frameworks = Vec::new();
    for def in catalog.frameworks {
        let rules = rule_sets
            .iter()
            .find(|r| r.applies_to.contains(&def.id))
            .ok_or_else(|| RegulationError::NoRules { file: file.to_owned(), framework: def.id.clone() })?;
        frameworks.push(framework(def, rules, catalog.title.as_deref())?);
    }
    Ok(frameworks)
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
