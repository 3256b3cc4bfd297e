//! Stage 2: the law as data. Loads the framework catalogs and the framework-selection table,
//! chooses the framework that judges a report, and computes a school's level from its
//! criterion results (see `regulation.md`).

pub mod catalog;
pub mod level;
pub mod select;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

pub use level::{Assessment, Shortfall};
pub use select::{Era, Selection};

/// A framework id such as `tt17-2018-tieu-hoc`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FrameworkId(pub String);

impl fmt::Display for FrameworkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A criterion id such as `1.3` (tiêu chuẩn 1, tiêu chí 3).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct CriterionId(pub String);

impl CriterionId {
    /// Standard and criterion numbers, if the id is `N.M`.
    pub fn numbers(&self) -> Option<(u32, u32)> {
        // Read digit by digit: ids are compared (and so read) on every lookup in a judgement.
        fn number(digits: &[u8]) -> Option<u32> {
            if digits.is_empty() {
                return None;
            }
            digits.iter().try_fold(0u32, |n, &d| {
                if d.is_ascii_digit() { n.checked_mul(10)?.checked_add(u32::from(d - b'0')) } else { None }
            })
        }
        let b = self.0.as_bytes();
        let dot = b.iter().position(|&c| c == b'.')?;
        Some((number(&b[..dot])?, number(&b[dot + 1..])?))
    }
}

impl PartialOrd for CriterionId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CriterionId {
    /// Numeric order: 1.2 < 1.10.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.numbers(), &self.0).cmp(&(other.numbers(), &other.0))
    }
}

impl fmt::Display for CriterionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A criterion (tiêu chí) of a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    /// `N.M`.
    pub id: CriterionId,
    /// Title from the catalog.
    pub title: String,
    /// Highest level the criterion defines (a result above it is out of range, unless the
    /// level was repealed).
    pub max_level: u8,
    /// Levels that an amending circular repealed (`repealed_levels`, e.g. Mức 2 and 3 of 1.5
    /// after 22/2024): a result at one of them counts as `max_level` and is a warning.
    pub repealed_levels: Vec<u8>,
    /// Mandatory (tiêu chí bắt buộc, Circular 57).
    pub mandatory: bool,
}

/// A standard (tiêu chuẩn) and its criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standard {
    /// 1..5.
    pub number: u8,
    /// Title from the catalog.
    pub title: String,
    /// Criteria in order.
    pub criteria: Vec<Criterion>,
}

/// A Mức 4 criterion (2018 frameworks, Điều 22).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level4Criterion {
    /// Item number.
    pub number: u8,
    /// Its text.
    pub text: String,
}

/// How evidence codes are written under a framework (the catalog's `code_regex`).
#[derive(Debug, Clone)]
pub struct EvidenceFormat {
    /// The pattern a code (without brackets) must match.
    pub regex: regex::Regex,
    /// An example code for messages.
    pub example: String,
}

/// A framework: the standards and criteria of one circular for some school levels.
#[derive(Debug, Clone)]
pub struct Framework {
    /// Id.
    pub id: FrameworkId,
    /// The circular, e.g. `17/2018/TT-BGDĐT`.
    pub circular: String,
    /// The amending circular, e.g. `22/2024/TT-BGDĐT`.
    pub amended_by: Option<String>,
    /// Full title.
    pub title: String,
    /// Standards in order.
    pub standards: Vec<Standard>,
    /// Mức 4 criteria (empty under Circular 57).
    pub level4: Vec<Level4Criterion>,
    /// Level rules.
    pub rules: level::RuleSet,
    /// Evidence code format.
    pub evidence: EvidenceFormat,
    /// Month and day (of the school year's second year) by which a report is approved.
    pub approval_deadline: Option<(u32, u32)>,
    /// Strengths, weaknesses and improvement are written per standard (Circular 57), not per
    /// criterion (2018 forms).
    pub summary_per_standard: bool,
}

impl Framework {
    /// Every criterion, in order.
    pub fn criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.standards.iter().flat_map(|s| s.criteria.iter())
    }

    /// The criterion with id `id`.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria().find(|c| c.id.0 == id)
    }

    /// Highest school level.
    pub fn max_school_level(&self) -> u8 {
        self.rules.levels.iter().map(|l| l.level).max().unwrap_or(0)
    }

    /// Short name for readers: "Thông tư 17/2018/TT-BGDĐT", with the amending circular.
    pub fn short_name(&self) -> String {
        match &self.amended_by {
            Some(a) => format!("Thông tư {} (sửa đổi, bổ sung bởi Thông tư {a})", self.circular),
            None => format!("Thông tư {}", self.circular),
        }
    }

    /// The label of criterion result `level` ("Không đạt", "Mức 2").
    pub fn criterion_label(&self, level: u8) -> String {
        if level == 0 {
            self.rules.criterion_labels.first().cloned().unwrap_or_else(|| "Không đạt".to_owned())
        } else {
            format!("Mức {level}")
        }
    }
}

/// Why the regulation data could not be loaded (a bug in the shipped data, not in content).
#[derive(Debug, thiserror::Error)]
pub enum RegulationError {
    /// A catalog is not valid TOML of the expected shape.
    #[error("catalog {file} cannot be read: {reason}")]
    Catalog {
        /// File name.
        file: String,
        /// Parser message.
        reason: String,
    },
    /// A framework has no `[[rules]]` entry.
    #[error("catalog {file}: no rules apply to framework {framework}")]
    NoRules {
        /// File name.
        file: String,
        /// Framework id.
        framework: String,
    },
    /// The selection table is invalid or names an unknown framework.
    #[error("framework selection table: {0}")]
    Selection(String),
}

/// All frameworks and the table that chooses among them.
#[derive(Debug, Clone)]
pub struct Regulation {
    frameworks: BTreeMap<FrameworkId, Framework>,
    /// Which framework judges which report.
    pub selection: Selection,
    /// From this day no accreditation (kiểm định cấp độ) decisions exist: the day the 2018
    /// circulars were replaced (`replaced_from` of `tt-2018.toml`).
    pub accreditation_ends: Option<crate::calendar::Date>,
    /// Under the 2018 circulars, national standard mức độ N went with accreditation of at
    /// least this cấp độ (`rules.national_standard` of `tt-2018.toml`).
    pub national_standard_needs: BTreeMap<u8, u8>,
}

impl Regulation {
    /// Loads the catalogs and selection table embedded in the binary.
    pub fn embedded() -> Result<Regulation, RegulationError> {
        let mut frameworks = BTreeMap::new();
        let mut accreditation_ends = None;
        let mut national_standard_needs = BTreeMap::new();
        for (file, text) in catalog::EMBEDDED {
            let c = catalog::parse(file, text)?;
            if *file == "tt-2018.toml" {
                accreditation_ends = c.replaced_from;
                national_standard_needs = c.national_standard_needs;
            }
            for f in c.frameworks {
                frameworks.insert(f.id.clone(), f);
            }
        }
        let selection = Selection::parse(select::EMBEDDED)?;
        for era in &selection.eras {
            for id in era.frameworks.values() {
                if !frameworks.contains_key(id) {
                    return Err(RegulationError::Selection(format!("era {} names unknown framework {id}", era.id)));
                }
            }
        }
        Ok(Regulation { frameworks, selection, accreditation_ends, national_standard_needs })
    }

    /// The framework with id `id`.
    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.frameworks.get(&FrameworkId(id.to_owned()))
    }

    /// Every framework, by id.
    pub fn frameworks(&self) -> impl Iterator<Item = &Framework> {
        self.frameworks.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parsed once: the catalogs are half a megabyte of TOML.
    fn reg() -> &'static Regulation {
        static REG: std::sync::OnceLock<Regulation> = std::sync::OnceLock::new();
        REG.get_or_init(|| Regulation::embedded().unwrap())
    }

    fn all_at(f: &Framework, level: u8) -> Assessment {
        Assessment {
            results: f.criteria().map(|c| (c.id.clone(), level.min(c.max_level))).collect(),
            level4: f.level4.iter().map(|l| (l.number, true)).collect(),
            ..Assessment::default()
        }
    }

    #[test]
    fn catalogs_give_the_criterion_counts_of_regulation_md() {
        let r = reg();
        let count = |id: &str| r.framework(id).unwrap().criteria().count();
        assert_eq!(count("tt19-2018-mam-non"), 25);
        assert_eq!(count("tt17-2018-tieu-hoc"), 27);
        assert_eq!(count("tt18-2018-pho-thong"), 28);
        assert_eq!(count("tt22-2024-mam-non"), 22);
        assert_eq!(count("tt22-2024-tieu-hoc"), 24);
        assert_eq!(count("tt22-2024-pho-thong"), 28);
        for id in ["tt57-2026-mam-non", "tt57-2026-pho-thong", "tt57-2026-gdtx"] {
            let f = r.framework(id).unwrap();
            assert_eq!(f.criteria().count(), 15);
            assert_eq!(f.criteria().filter(|c| c.mandatory).count(), 8);
            assert_eq!(f.max_school_level(), 2);
        }
    }

    #[test]
    fn top_results_give_top_level_and_zero_gives_zero() {
        let r = reg();
        for f in r.frameworks() {
            assert_eq!(f.compute_level(&all_at(f, 3)), Some(f.max_school_level()), "{}", f.id);
            assert_eq!(f.compute_level(&all_at(f, 0)), Some(0), "{}", f.id);
        }
    }

    #[test]
    fn level_4_needs_every_level4_criterion() {
        let r = reg();
        let f = r.framework("tt17-2018-tieu-hoc").unwrap();
        let mut a = all_at(f, 3);
        a.level4.insert(2, false);
        assert_eq!(f.compute_level(&a), Some(3));
        let s = f.shortfall(&a, 4).unwrap();
        assert_eq!(s.failing, ["tiêu chí Mức 4 số 2 chưa đạt"]);
    }

    #[test]
    fn a_2018_criterion_without_level_3_does_not_block_level_3() {
        let r = reg();
        let f = r.framework("tt19-2018-mam-non").unwrap();
        let c12 = f.criterion("1.2").unwrap();
        assert_eq!(c12.max_level, 2);
        let mut a = all_at(f, 3);
        a.level4.clear();
        assert_eq!(f.compute_level(&a), Some(3));
        a.results.insert(CriterionId("1.1".into()), 2);
        assert_eq!(f.compute_level(&a), Some(2));
        assert!(f.shortfall(&a, 3).unwrap().reason.contains("tiêu chí 1.1 chỉ đạt Mức 2"));
    }

    #[test]
    fn circular_57_counts_mandatory_and_others() {
        let r = reg();
        let f = r.framework("tt57-2026-pho-thong").unwrap();
        let mut a = all_at(f, 2);
        let others: Vec<_> = f.criteria().filter(|c| !c.mandatory).map(|c| c.id.clone()).collect();
        a.results.insert(others[0].clone(), 1);
        a.results.insert(others[1].clone(), 1);
        assert_eq!(f.compute_level(&a), Some(2));
        a.results.insert(others[2].clone(), 1);
        assert_eq!(f.compute_level(&a), Some(1));
        let s = f.shortfall(&a, 2).unwrap();
        assert!(
            s.reason.starts_with("Mức 2 cần ít nhất 5 trong 7 tiêu chí còn lại đạt Mức 2; mới có 4"),
            "{}",
            s.reason
        );
        a.results.insert(CriterionId("3.2".into()), 0);
        assert_eq!(f.compute_level(&a), Some(0));
        assert!(f.shortfall(&a, 1).unwrap().reason.contains("tiêu chí 3.2 không đạt"));
    }

    #[test]
    fn facts_kept_as_data_in_the_catalogs() {
        let r = reg();
        assert_eq!(r.accreditation_ends, crate::calendar::Date::from_ymd_opt(2026, 7, 7));
        assert_eq!(r.national_standard_needs, BTreeMap::from([(1, 2), (2, 3)]));
        let old = r.framework("tt18-2018-pho-thong").unwrap();
        assert!(old.evidence.regex.is_match("H1-1.1-01") && !old.evidence.regex.is_match("MC.1.1.01"));
        let new = r.framework("tt57-2026-gdtx").unwrap();
        assert!(new.evidence.regex.is_match("MC.1.3.01") && !new.evidence.regex.is_match("H1-1.1-01"));
        assert_eq!(new.approval_deadline, Some((6, 15)));
        assert_eq!(old.approval_deadline, None);
        assert!(new.summary_per_standard && !old.summary_per_standard);
    }

    /// The copy embedded in the binary must be the spec's catalogs, byte for byte.
    #[test]
    fn embedded_catalogs_equal_the_shared_spec() {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/regulation");
        if !spec.is_dir() {
            assert!(std::env::var_os("CI").is_none(), "../shared/spec/regulation is missing in CI");
            eprintln!("skipped: {} not found (outside CI)", spec.display());
            return;
        }
        for (file, text) in catalog::EMBEDDED {
            let shared = std::fs::read_to_string(spec.join(file)).unwrap();
            assert!(shared == *text, "regulation/{file} differs from ../shared/spec/regulation/{file}: copy it again");
        }
    }

    #[test]
    fn a_missing_result_gives_no_level() {
        let r = reg();
        let f = r.framework("tt57-2026-gdtx").unwrap();
        let mut a = all_at(f, 2);
        a.results.remove(&CriterionId("1.1".into()));
        assert_eq!(f.compute_level(&a), None);
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        fn framework_ids() -> Vec<String> {
            reg().frameworks().map(|f| f.id.0.clone()).collect()
        }

        /// A framework and a random assessment of it (results within each criterion's range).
        fn assessed() -> impl Strategy<Value = (String, Vec<u8>, Vec<bool>)> {
            proptest::sample::select(framework_ids()).prop_flat_map(|id| {
                let r = reg();
                let f = r.framework(&id).unwrap();
                let results: Vec<_> = f.criteria().map(|c| 0..=c.max_level).collect();
                let l4 = proptest::collection::vec(any::<bool>(), f.level4.len());
                (Just(id), results, l4)
            })
        }

        fn assessment(f: &Framework, results: &[u8], l4: &[bool]) -> Assessment {
            Assessment {
                results: f.criteria().zip(results).map(|(c, l)| (c.id.clone(), *l)).collect(),
                level4: f.level4.iter().zip(l4).map(|(l, m)| (l.number, *m)).collect(),
                ..Assessment::default()
            }
        }

        proptest! {
            /// Raising any criterion result (or meeting a Mức 4 item) never lowers the level.
            #[test]
            fn raising_a_result_never_lowers_the_level((id, results, l4) in assessed(), pick in any::<prop::sample::Index>()) {
                let r = reg();
                let f = r.framework(&id).unwrap();
                let before = f.compute_level(&assessment(f, &results, &l4)).unwrap();
                let i = pick.index(results.len());
                let max = f.criteria().nth(i).unwrap().max_level;
                let mut raised = results.clone();
                raised[i] = (raised[i] + 1).min(max);
                let after = f.compute_level(&assessment(f, &raised, &l4)).unwrap();
                prop_assert!(after >= before, "{id}: criterion {i} raised, level {before} -> {after}");
                let all_l4 = vec![true; l4.len()];
                let with_l4 = f.compute_level(&assessment(f, &results, &all_l4)).unwrap();
                prop_assert!(with_l4 >= before);
            }

            /// The computed level is always within the framework's range, and a level's
            /// shortfall exists exactly when that level is not reached.
            #[test]
            fn shortfall_explains_every_level_not_reached((id, results, l4) in assessed()) {
                let r = reg();
                let f = r.framework(&id).unwrap();
                let a = assessment(f, &results, &l4);
                let level = f.compute_level(&a).unwrap();
                prop_assert!(level <= f.max_school_level());
                if level < f.max_school_level() {
                    let s = f.shortfall(&a, level + 1);
                    prop_assert!(s.is_some_and(|s| !s.failing.is_empty()));
                }
                if level > 0 {
                    prop_assert!(f.shortfall(&a, level).is_none());
                }
            }
        }
    }
}
