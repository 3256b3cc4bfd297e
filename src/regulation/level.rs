//! The school's level computed from its criterion results, by the rules of the catalogs
//! (`rules.school_levels`), evaluated from the highest level down.

use std::collections::BTreeMap;

use crate::regulation::{CriterionId, Framework};

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
}

/// Why a school does not reach a level: the first condition that fails, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortfall {
    /// The level not reached.
    pub level: u8,
    /// The sentence, e.g. "Mức 2 cần tất cả 8 tiêu chí bắt buộc đạt Mức 2; tiêu chí 3.2 chỉ đạt Mức 1".
    pub reason: String,
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
        Some(self.rules.levels.iter().find(|rule| self.first_failure(rule, a).is_none()).map_or(0, |r| r.level))
    }

    /// Why the results do not reach `level`: the first failing condition of that level's
    /// rule, or `None` if the level is reached (or the framework has no such level).
    pub fn shortfall(&self, a: &Assessment, level: u8) -> Option<Shortfall> {
        let rule = self.rules.levels.iter().find(|r| r.level == level)?;
        self.first_failure(rule, a)
    }

    fn first_failure(&self, rule: &LevelRule, a: &Assessment) -> Option<Shortfall> {
        let result = |id: &CriterionId| a.results.get(id).copied().unwrap_or(0);
        let n = rule.level;
        for cond in &rule.conditions {
            let (failing, reason): (Vec<String>, String) = match *cond {
                Condition::EveryCriterion { at_least, capped } => {
                    let failing: Vec<_> = self
                        .criteria()
                        .filter(|c| result(&c.id) < if capped { at_least.min(c.max_level) } else { at_least })
                        .map(|c| format!("tiêu chí {} {}", c.id, reached(result(&c.id))))
                        .collect();
                    // Levels are tried from the top on every report: the reason is only
                    // written for a rule that fails.
                    if failing.is_empty() {
                        continue;
                    }
                    let rule_text = if capped && at_least > 1 {
                        format!("Mức {n} cần mọi tiêu chí đạt Mức {at_least} (hoặc mức cao nhất mà tiêu chí quy định)")
                    } else {
                        format!("Mức {n} cần mọi tiêu chí đạt tối thiểu Mức {at_least}")
                    };
                    (failing, rule_text)
                }
                Condition::Mandatory { at_least } => {
                    let mandatory: Vec<_> = self.criteria().filter(|c| c.mandatory).collect();
                    let failing = mandatory
                        .iter()
                        .filter(|c| result(&c.id) < at_least)
                        .map(|c| format!("tiêu chí {} {}", c.id, reached(result(&c.id))))
                        .collect::<Vec<_>>();
                    if failing.is_empty() {
                        continue;
                    }
                    (failing, format!("Mức {n} cần tất cả {} tiêu chí bắt buộc đạt Mức {at_least}", mandatory.len()))
                }
                Condition::OthersCount { count, at_least } => {
                    let others: Vec<_> = self.criteria().filter(|c| !c.mandatory).collect();
                    let below: Vec<String> = others
                        .iter()
                        .filter(|c| result(&c.id) < at_least)
                        .map(|c| format!("tiêu chí {} {}", c.id, reached(result(&c.id))))
                        .collect();
                    let reaching = others.len() - below.len();
                    if reaching >= count || below.is_empty() {
                        continue;
                    }
                    (
                        below,
                        format!(
                            "Mức {n} cần ít nhất {count} trong {} tiêu chí còn lại đạt Mức {at_least}; mới có {reaching}",
                            others.len()
                        ),
                    )
                }
                Condition::Level4All => {
                    let failing = self
                        .level4
                        .iter()
                        .filter(|l| a.level4.get(&l.number) != Some(&true))
                        .map(|l| format!("tiêu chí Mức 4 số {} chưa đạt", l.number))
                        .collect::<Vec<_>>();
                    if failing.is_empty() {
                        continue;
                    }
                    (failing, format!("Mức {n} cần đạt tất cả {} tiêu chí Mức 4", self.level4.len()))
                }
            };
            let reason = format!("{reason}: {}", failing.join(", "));
            return Some(Shortfall { level: n, reason, failing });
        }
        None
    }

    /// The label of school level `level` ("Không đạt", "Đạt Mức 2"…).
    pub fn school_label(&self, level: u8) -> String {
        self.rules.school_labels.get(level as usize).cloned().unwrap_or_else(|| format!("Mức {level}"))
    }
}

fn reached(level: u8) -> String {
    if level == 0 { "không đạt".to_owned() } else { format!("chỉ đạt Mức {level}") }
}
