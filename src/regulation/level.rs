//! The school's level computed from its criterion results, by the rules of the catalogs
//! (`rules.school_levels`), evaluated from the highest level down.

use std::collections::BTreeMap;

use crate::messages::{Lang, Message};
use crate::regulation::{Criterion, CriterionId, Framework};

/// One condition of a school level, read from the keys of a `[[rules.school_levels]]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// `criteria_at_least = N` (2018) or `all_criteria_at_least = N` (2026): every criterion
    /// reaches N; when `capped`, a criterion whose highest defined level is below N needs only
    /// that level.
    EveryCriterion {
        /// Required level.
        at_least: u8,
        /// `criterion_need_capped_at_levels_defined`.
        capped: bool,
    },
    /// `mandatory_all_at_least = N`: every mandatory criterion reaches N.
    Mandatory {
        /// Required level.
        at_least: u8,
    },
    /// `others_min_count` / `others_at_least`: at least `count` non-mandatory criteria reach
    /// `at_least`.
    OthersCount {
        /// How many criteria.
        count: usize,
        /// Required level.
        at_least: u8,
    },
    /// `level4_criteria_all = true`: every Mức 4 criterion of the framework is met.
    Level4All,
}

/// A school level and its conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelRule {
    /// The level (1..4).
    pub level: u8,
    /// Its label, e.g. "Đạt Mức 2".
    pub label: String,
    /// The rule in words, as the catalog gives it.
    pub statement: Option<String>,
    /// All must hold.
    pub conditions: Vec<Condition>,
}

/// The level rules of a framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSet {
    /// Highest criterion result (3 in 2018, 2 in 2026).
    pub max_criterion_level: u8,
    /// Labels of criterion results by level ("Không đạt", "Đạt Mức 1"…).
    pub criterion_labels: Vec<String>,
    /// Labels of school results by level ("Không đạt", "Đạt Mức 1"…).
    pub school_labels: Vec<String>,
    /// School levels, highest first.
    pub levels: Vec<LevelRule>,
}

/// What a school assessed: the level of each criterion and the Mức 4 items met.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assessment {
    /// Level reached per criterion.
    pub results: BTreeMap<CriterionId, u8>,
    /// Mức 4 items (by number) and whether each is met.
    pub level4: BTreeMap<u8, bool>,
    /// Criteria whose result was written at a level an amendment repealed, with that level as
    /// written; `results` holds the level it counts as (the highest still defined).
    pub repealed: BTreeMap<CriterionId, u8>,
}

/// Why a school does not reach a level: the first condition that fails, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    /// The level not reached.
    pub level: u8,
    /// The sentence in Vietnamese (for the site), e.g. "Mức 2 cần tất cả 8 tiêu chí bắt buộc
    /// đạt Mức 2: tiêu chí 3.2 chỉ đạt Mức 1".
    pub reason: String,
    /// The same sentence as a catalog message, for findings in the language of `--lang`.
    pub message: Message,
    /// The rule alone, in Vietnamese, without what fails it: "Mức 2 cần tất cả 8 tiêu chí bắt
    /// buộc đạt Mức 2".
    pub rule: String,
    /// The criteria (or Mức 4 items, as `Mức 4 số n`) that fail the condition.
    pub failing: Vec<String>,
}

impl Framework {
    /// The school level the results give (0 when no level's conditions all hold), or `None`
    /// when some criterion of the framework has no result.
    pub fn compute_level(&self, a: &Assessment) -> Option<u8> {
        if self.criteria().any(|c| !a.results.contains_key(&c.id)) {
            return None;
        }
        let scored = self.scored(a);
        Some(self.rules.levels.iter().find(|rule| !self.fails(rule, &scored, a)).map_or(0, |r| r.level))
    }

    /// Why the results do not reach `level`: the first failing condition of that level's
    /// rule, or `None` if the level is reached (or the framework has no such level).
    pub fn shortfall(&self, a: &Assessment, level: u8) -> Option<Shortfall> {
        let rule = self.rules.levels.iter().find(|r| r.level == level)?;
        self.first_failure(rule, &self.scored(a), a)
    }

    /// Every condition of `level`'s rule that the results fail, in the rule's order, each
    /// in the words of [`Self::shortfall`] (the first is the one it gives): what stands
    /// between the school and that level. Empty when the level is reached or does not exist.
    pub fn shortfalls(&self, a: &Assessment, level: u8) -> Vec<Shortfall> {
        let Some(rule) = self.rules.levels.iter().find(|r| r.level == level) else {
            return Vec::new();
        };
        let scored = self.scored(a);
        rule.conditions
            .iter()
            .filter_map(|cond| {
                let misses = self.misses(cond, &scored, a);
                (!misses.is_empty()).then(|| self.failure(level, cond, &misses, &scored))
            })
            .collect()
    }

    /// Every criterion with its result (0 when it has none), in catalog order: read once per
    /// report rather than once per condition and level.
    fn scored(&self, a: &Assessment) -> Vec<(&Criterion, u8)> {
        self.criteria().map(|c| (c, a.results.get(&c.id).copied().unwrap_or(0))).collect()
    }

    /// True when a condition of `rule` fails: [`Self::first_failure`] without the words, for
    /// `compute_level`, which tries every level from the top on every report.
    fn fails(&self, rule: &LevelRule, scored: &[(&Criterion, u8)], a: &Assessment) -> bool {
        rule.conditions.iter().any(|cond| !self.misses(cond, scored, a).is_empty())
    }

    /// What keeps `cond` from holding: the criteria below what it asks, with their results, or
    /// the Mức 4 items not met; empty when it holds.
    fn misses<'c>(&'c self, cond: &Condition, scored: &[(&'c Criterion, u8)], a: &Assessment) -> Vec<Miss<'c>> {
        let below = |keep: &dyn Fn(&Criterion, u8) -> bool| -> Vec<Miss<'c>> {
            scored.iter().filter(|(c, r)| keep(c, *r)).map(|(c, r)| Miss::Criterion(c, *r)).collect()
        };
        match *cond {
            Condition::EveryCriterion { at_least, capped } => {
                below(&|c, r| r < if capped { at_least.min(c.max_level) } else { at_least })
            }
            Condition::Mandatory { at_least } => below(&|c, r| c.mandatory && r < at_least),
            Condition::OthersCount { count, at_least } => {
                let missing = below(&|c, r| !c.mandatory && r < at_least);
                let others = scored.iter().filter(|(c, _)| !c.mandatory).count();
                if others - missing.len() >= count { Vec::new() } else { missing }
            }
            Condition::Level4All => self
                .level4
                .iter()
                .filter(|l| a.level4.get(&l.number) != Some(&true))
                .map(|l| Miss::Level4(l.number))
                .collect(),
        }
    }

    fn first_failure(&self, rule: &LevelRule, scored: &[(&Criterion, u8)], a: &Assessment) -> Option<Shortfall> {
        let (cond, misses) =
            rule.conditions.iter().map(|c| (c, self.misses(c, scored, a))).find(|(_, m)| !m.is_empty())?;
        Some(self.failure(rule.level, cond, &misses, scored))
    }

    /// The words of condition `cond` of level `n` failing by `misses`.
    fn failure(&self, n: u8, cond: &Condition, misses: &[Miss<'_>], scored: &[(&Criterion, u8)]) -> Shortfall {
        let failing: Vec<Message> = misses
            .iter()
            .map(|m| match m {
                Miss::Criterion(c, 0) => crate::msg!("shortfall-criterion-not-met", criterion = c.id),
                Miss::Criterion(c, r) => crate::msg!("shortfall-criterion-only", criterion = c.id, level = r),
                Miss::Level4(number) => crate::msg!("shortfall-level4-item", number = number),
            })
            .collect();
        let rule = match *cond {
            Condition::EveryCriterion { at_least, capped } if capped && at_least > 1 => {
                crate::msg!("shortfall-every-capped", level = n, at_least = at_least)
            }
            Condition::EveryCriterion { at_least, .. } => {
                crate::msg!("shortfall-every", level = n, at_least = at_least)
            }
            Condition::Mandatory { at_least } => {
                let mandatory = scored.iter().filter(|(c, _)| c.mandatory).count();
                crate::msg!("shortfall-mandatory", level = n, mandatory = mandatory, at_least = at_least)
            }
            Condition::OthersCount { count, at_least } => {
                let others = scored.iter().filter(|(c, _)| !c.mandatory).count();
                let reaching = others - misses.len();
                crate::msg!(
                    "shortfall-others",
                    level = n,
                    count = count,
                    others = others,
                    at_least = at_least,
                    reaching = reaching
                )
            }
            Condition::Level4All => crate::msg!("shortfall-level4", level = n, count = self.level4.len()),
        };
        let failing_vi = failing.iter().map(|m| m.render(Lang::Vi)).collect();
        let rule_vi = rule.render(Lang::Vi);
        let message = crate::msg!("shortfall", rule => rule, failing => failing);
        Shortfall { level: n, reason: message.render(Lang::Vi), message, rule: rule_vi, failing: failing_vi }
    }

    /// The label of school level `level` ("Không đạt", "Đạt Mức 2"…).
    pub fn school_label(&self, level: u8) -> String {
        self.rules.school_labels.get(level as usize).cloned().unwrap_or_else(|| format!("Mức {level}"))
    }
}

/// One thing a level rule's condition misses ([`Framework::misses`]).
enum Miss<'c> {
    /// A criterion below what the condition asks, with its result.
    Criterion(&'c Criterion, u8),
    /// A Mức 4 item not met, by number.
    Level4(u8),
}
