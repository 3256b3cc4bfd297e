//! The school's level computed from its criterion results, by the rules of the catalogs
//! (`rules.school_levels`), evaluated from the highest level down.

use std::collections::BTreeMap;

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
        let scored = self.scored(a);
        Some(self.rules.levels.iter().find(|rule| !self.fails(rule, &scored, a)).map_or(0, |r| r.level))
    }

    /// Why the results do not reach `level`: the first failing condition of that level's
    /// rule, or `None` if the level is reached (or the framework has no such level).
    pub fn shortfall(&self, a: &Assessment, level: u8) -> Option<Shortfall> {
        let rule = self.rules.levels.iter().find(|r| r.level == level)?;
        self.first_failure(rule, &self.scored(a), a)
    }

    /// Every criterion with its result (0 when it has none), in catalog order: read once per
    /// report rather than once per condition and level.
    fn scored(&self, a: &Assessment) -> Vec<(&Criterion, u8)> {
        self.criteria().map(|c| (c, a.results.get(&c.id).copied().unwrap_or(0))).collect()
    }

    /// True when a condition of `rule` fails: [`Self::first_failure`] without the words, for
    /// `compute_level`, which tries every level from the top on every report.
    fn fails(&self, rule: &LevelRule, scored: &[(&Criterion, u8)], a: &Assessment) -> bool {
        rule.conditions.iter().any(|cond| match *cond {
            Condition::EveryCriterion { at_least, capped } => {
                scored.iter().any(|(c, r)| *r < if capped { at_least.min(c.max_level) } else { at_least })
            }
            Condition::Mandatory { at_least } => scored.iter().any(|(c, r)| c.mandatory && *r < at_least),
            Condition::OthersCount { count, at_least } => {
                let others = scored.iter().filter(|(c, _)| !c.mandatory);
                let below = others.clone().filter(|(_, r)| *r < at_least).count();
                below > 0 && others.count() - below < count
            }
            Condition::Level4All => self.level4.iter().any(|l| a.level4.get(&l.number) != Some(&true)),
        })
    }

    fn first_failure(&self, rule: &LevelRule, scored: &[(&Criterion, u8)], a: &Assessment) -> Option<Shortfall> {
        let n = rule.level;
        let below = |c: &Criterion, r: u8| format!("tiêu chí {} {}", c.id, reached(r));
        for cond in &rule.conditions {
            let (failing, reason): (Vec<String>, String) = match *cond {
                Condition::EveryCriterion { at_least, capped } => {
                    let failing: Vec<_> = scored
                        .iter()
                        .filter(|(c, r)| *r < if capped { at_least.min(c.max_level) } else { at_least })
                        .map(|(c, r)| below(c, *r))
                        .collect();
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
                    let mandatory: Vec<_> = scored.iter().filter(|(c, _)| c.mandatory).collect();
                    let failing =
                        mandatory.iter().filter(|(_, r)| *r < at_least).map(|(c, r)| below(c, *r)).collect::<Vec<_>>();
                    if failing.is_empty() {
                        continue;
                    }
                    (failing, format!("Mức {n} cần tất cả {} tiêu chí bắt buộc đạt Mức {at_least}", mandatory.len()))
                }
                Condition::OthersCount { count, at_least } => {
                    let others: Vec<_> = scored.iter().filter(|(c, _)| !c.mandatory).collect();
                    let failing: Vec<String> =
                        others.iter().filter(|(_, r)| *r < at_least).map(|(c, r)| below(c, *r)).collect();
                    let reaching = others.len() - failing.len();
                    if reaching >= count || failing.is_empty() {
                        continue;
                    }
                    (
                        failing,
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
