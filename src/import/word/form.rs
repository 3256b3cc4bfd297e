//! The official self-assessment form (`import.md`, "The forms, as real files show them") read
//! out of a Word document's paragraphs and tables: the results from "Tự đánh giá: Đạt Mức N"
//! lines, the summary table or Circular 57's per-criterion tables; the claimed level from the
//! conclusion; the narrative under the recognised headings of `content-format.md`; the
//! evidence list. Parts the portal does not publish (cover, table of contents, abbreviations,
//! Phần I's database tables, each criterion's requirement text) are left out on purpose;
//! anything else that cannot be placed becomes a finding with its place.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::content::outline::{HeadingKind, classify};
use crate::diagnostic::Code;
use crate::import::word::docx::{Block, Document, Paragraph, Table};
use crate::messages::Message;
use crate::msg;
use crate::regulation::Framework;
use crate::text::fold;

/// A result read for one criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The level reached (0 = not even Mức 1).
    pub level: u8,
    /// The reason the form gives for a level not reached.
    pub note: Option<String>,
    /// Where it was read, for a conflict's message.
    pub place: String,
}

/// A finding in the document, with its place (`đoạn 12`, `bảng 3, hàng 7`).
#[derive(Debug, Clone)]
pub struct Finding {
    /// The code.
    pub code: Code,
    /// Where in the document (none: the whole file).
    pub place: Option<String>,
    /// What, in words.
    pub message: Message,
}

/// What was read from the form.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The level the school's council concluded.
    pub claimed: Option<u8>,
    /// Criterion id (`1.1`) → result, in catalog order when written.
    pub results: BTreeMap<String, Found>,
    /// Mức 4 item → reached.
    pub level4: BTreeMap<u8, bool>,
    /// The report's Markdown body.
    pub body: String,
    /// Evidence codes listed in the evidence table.
    pub evidence: Vec<String>,
    /// Images used by the body: indexes into the document's images.
    pub images: Vec<usize>,
    /// Findings.
    pub findings: Vec<Finding>,
}

/// The place of a paragraph for findings.
pub fn paragraph_place(p: &Paragraph) -> String {
    format!("đoạn {}", p.number)
}

/// The place of a table row (1-based) for findings.
pub fn row_place(t: &Table, row: usize) -> String {
    format!("bảng {}, hàng {}", t.number, row)
}

/// Where the reader is in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// Cover pages: read for the school and year only.
    Cover,
    /// Not published (table of contents, abbreviations, Phần I database).
    Skip,
    /// Bảng tổng hợp kết quả tự đánh giá.
    Summary,
    /// Published narrative.
    Narrative,
    /// The Mức 4 part (2018).
    Level4,
    /// Kết luận chung.
    Conclusion,
    /// Danh mục minh chứng.
    Evidence,
}

/// Headings of the form that content-format.md does not list, recognised here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Toc,
    Abbreviations,
    Summary,
    Database,
    Assessment,
    Overview,
    Appendix,
    GeneralAssessment,
    /// "II. Tự đánh giá tiêu chí Mức 4": the Mức 4 part.
    Level4,
}

/// Folded text with a leading "Phần II." / "PHẦN III:" and numbering (`I.`, `A.`, `1.`) removed.
fn words_of(text: &str) -> String {
    let folded = fold(text);
    let mut t = folded.trim();
    if let Some(rest) = t.strip_prefix("phan ") {
        let rest = rest.trim_start_matches(|c: char| "ivxlc0123456789".contains(c));
        t = rest.trim_start_matches(['.', ':', '-', ' ', ')']);
    }
    crate::content::outline::strip_numbering(t.trim_start_matches(['.', ':', '-', ' ', ')'])).to_owned()
}

fn part_of(words: &str) -> Option<Part> {
    let starts = |p: &str| words.starts_with(p);
    let level4 = words.contains("muc 4")
        && ["tu danh gia", "danh gia", "tieu chi muc 4", "cac tieu chi muc 4"].iter().any(|p| starts(p));
    Some(if level4 {
        Part::Level4
    } else if starts("muc luc") {
        Part::Toc
    } else if starts("danh muc cac chu viet tat") || starts("danh muc chu viet tat") || starts("bang chu viet tat") {
        Part::Abbreviations
    } else if starts("bang tong hop ket qua") || starts("tong hop ket qua tu danh gia") {
        Part::Summary
    } else if starts("co so du lieu") {
        Part::Database
    } else if words.trim_end_matches([':', '.', ' ']) == "tu danh gia" {
        Part::Assessment
    } else if starts("tong quan") {
        Part::Overview
    } else if starts("phu luc") {
        Part::Appendix
    } else if starts("danh gia chung") {
        Part::GeneralAssessment
    } else {
        return None;
    })
}

/// A paragraph that may be a heading: a Heading style, bold throughout, or short and not
/// ending like a sentence.
fn heading_like(p: &Paragraph) -> bool {
    let chars = p.text.chars().count();
    let one_line = !p.text.contains('\n');
    p.heading.is_some()
        || (p.bold && one_line && chars <= 300)
        || (one_line && chars <= 160 && !p.text.trim_end().ends_with(['.', ';', ',']))
}

/// True when the words after "tiêu chuẩn N" / "tiêu chí N.M" read as a title, not a sentence:
/// nothing, or a separator (`:`, `.`, `-`, `–`). "Tiêu chuẩn 1 gồm 10 tiêu chí" is prose.
fn titled(words: &str) -> bool {
    for prefix in ["tieu chuan", "tieu chi"] {
        if let Some(rest) = words.strip_prefix(prefix) {
            let rest = rest.trim_start();
            let digits = rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
            if digits == 0 {
                return false;
            }
            let after = rest[digits..].trim_start();
            return after.is_empty()
                || rest[..digits].ends_with('.')
                || after.starts_with([':', '-', '\u{2013}', '\u{2014}', ')', '.']);
        }
    }
    true
}

/// The number in `words` after `prefix`: `tieu chi 1` → `1`.
fn single_number(words: &str, prefix: &str) -> Option<u32> {
    let rest = words.strip_prefix(prefix)?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].chars().next();
    if digits.is_empty() || after == Some('.') && rest[digits.len() + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A level written after "mức"/"cấp độ": `2`, `II`, `hai`.
fn level_word(w: &str) -> Option<u8> {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    Some(match w {
        "1" | "i" | "mot" => 1,
        "2" | "ii" | "hai" => 2,
        "3" | "iii" | "ba" => 3,
        "4" | "iv" | "bon" => 4,
        _ => return None,
    })
}

/// The level of a result line ("Tự đánh giá: Đạt Mức 2", "Đạt mức 1", "Chưa đạt Mức 1",
/// "Không đạt"), from folded text.
fn result_level(words: &str) -> Option<u8> {
    let tokens: Vec<&str> =
        words.split(|c: char| c.is_whitespace() || c == ':' || c == ',').filter(|t| !t.is_empty()).collect();
    for (i, t) in tokens.iter().enumerate() {
        if *t != "dat" {
            continue;
        }
        let negative = i > 0 && matches!(tokens[i - 1], "chua" | "khong");
        if tokens.get(i + 1) == Some(&"muc")
            && let Some(n) = tokens.get(i + 2).and_then(|w| level_word(w))
        {
            return Some(if negative { n.saturating_sub(1) } else { n });
        }
        if negative {
            return Some(0);
        }
    }
    // "Tự đánh giá: Mức 2", "Mức 2": the level alone.
    tokens.windows(2).find(|w| w[0] == "muc").and_then(|w| level_word(w[1]))
}

/// A level written in a results cell: "Mức 2", "2", "II", "Đạt Mức 2", "Không đạt" (0).
fn level_value(cell: &str) -> Option<u8> {
    let w = fold(cell);
    let w = w.trim().trim_end_matches('.');
    if w.is_empty() {
        return None;
    }
    result_level(w).or_else(|| level_word(w).filter(|_| !w.contains(' ')))
}

/// The claimed level in a conclusion's folded text: the last "(tự đánh giá|trường…) đạt Mức N"
/// or "đạt … cấp độ N", never a count of criteria ("14 tiêu chí đạt Mức 2").
fn claimed_level(words: &str) -> Option<u8> {
    let mut best: Option<(bool, u8)> = None;
    let tokens: Vec<&str> =
        words.split(|c: char| c.is_whitespace() || ",:;()".contains(c)).filter(|t| !t.is_empty()).collect();
    for i in 0..tokens.len() {
        if tokens[i] != "dat" {
            continue;
        }
        let negative = i > 0 && matches!(tokens[i - 1], "chua" | "khong");
        // "đạt Mức 2", "đạt kiểm định chất lượng giáo dục cấp độ 2", "đạt cấp độ 2".
        let mut level = None;
        for j in i + 1..(i + 11).min(tokens.len()) {
            if tokens[j] == "muc" && tokens.get(j + 1).is_some_and(|w| w.trim_end_matches('.') != "do") {
                level = tokens.get(j + 1).and_then(|w| level_word(w.trim_end_matches('.')));
                break;
            }
            if tokens[j] == "do" && j > 0 && tokens[j - 1] == "cap" {
                level = tokens.get(j + 1).and_then(|w| level_word(w.trim_end_matches('.')));
                break;
            }
            if tokens[j].ends_with('.') {
                break;
            }
        }
        let Some(n) = level else { continue };
        let before = &tokens[i.saturating_sub(6)..i];
        let about_criteria = before.iter().rev().take(4).any(|t| *t == "chi");
        if about_criteria {
            continue;
        }
        let strong = before.windows(2).any(|w| w == ["danh", "gia"])
            || before.iter().any(|t| matches!(*t, "truong" | "tam" | "nha"));
        let value = if negative { n.saturating_sub(1) } else { n };
        if best.is_none_or(|(s, _)| strong || !s) {
            best = Some((strong, value));
        }
    }
    best.map(|(_, n)| n)
}

/// What a mark in a level column says: reached, not reached, or nothing.
fn mark(cell: &str) -> Option<bool> {
    let w = fold(cell);
    let w = w.trim().trim_matches(|c: char| c == '.' || c == '(' || c == ')');
    if w.is_empty() {
        return None;
    }
    if w.starts_with("khong dat") || w.starts_with("chua dat") || matches!(w, "-" | "0" | "k" | "kd" | "khong") {
        return Some(false);
    }
    if matches!(w, "x" | "v" | "d" | "+" | "1" | "co" | "√" | "✓" | "✔" | "☑" | "☒" | "●" | "•") || w.starts_with("dat")
    {
        return Some(true);
    }
    None
}

/// The reason after "Không đạt" in an assessment cell, if any.
fn reason(cell: &str) -> Option<String> {
    let folded = fold(cell);
    let at = ["khong dat", "chua dat"].iter().find_map(|p| folded.find(p).map(|i| i + p.len()))?;
    // Folding keeps ASCII positions only approximately; cut by characters instead.
    let prefix_chars = folded[..at].chars().count();
    let rest: String = cell.chars().skip(prefix_chars).collect();
    let rest =
        rest.trim_start_matches(|c: char| c.is_whitespace() || ":-–—().,;".contains(c)).trim_end_matches([')', ' ']);
    (!rest.is_empty()).then(|| rest.replace('\n', " "))
}

/// The role of a column of a results table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Label,
    /// Level k; `Some(true)` the "Đạt" sub-column, `Some(false)` "Không đạt", `None` bare.
    Level(u8, Option<bool>),
    Note,
    /// "Đạt" / "Không đạt" with no level: a Mức 4 table.
    Yes,
    No,
    /// Circular 57's per-criterion table: the Mức column, the description, the verdict.
    RowLevel,
    Description,
    Verdict,
    Other,
}

/// The columns of a table from its first `header` rows (merged headers spread over their span).
fn columns(t: &Table, header: usize) -> Vec<Column> {
    let grid = t.spread();
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|j| {
            let text: String =
                grid.iter().take(header).map(|r| r.get(j).map_or("", String::as_str)).collect::<Vec<_>>().join(" ");
            let w = fold(&text);
            let w = w.trim();
            let level = w
                .match_indices("muc ")
                .find_map(|(i, _)| w[i + 4..].split(|c: char| !c.is_alphanumeric()).next().and_then(level_word));
            if w.contains("ghi chu") || w.contains("ly do") {
                Column::Note
            } else if w.starts_with("danh gia") {
                Column::Verdict
            } else if w.contains("hien trang") {
                Column::Description
            } else if let Some(k) = level {
                let sub = if w.contains("khong dat") || w.contains("chua dat") {
                    Some(false)
                } else if w.ends_with("dat") {
                    Some(true)
                } else {
                    None
                };
                Column::Level(k, sub)
            } else if w.contains("khong dat") || w.contains("chua dat") {
                Column::No
            } else if w == "dat" || w == "co" || w.ends_with(" dat") {
                Column::Yes
            } else if w == "muc" || w == "muc do" {
                Column::RowLevel
            } else if w.contains("tieu chi") || w.contains("tieu chuan") || w.contains("noi dung") {
                Column::Label
            } else {
                Column::Other
            }
        })
        .collect()
}

/// A row label as a criterion: `Tiêu chí 1.1`, `1.1`, `1.1. Phương hướng…`; or a standard's
/// group row (`Tiêu chuẩn 2`); or, under a standard, `Tiêu chí 3` / `3` (older numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Criterion(u32, u32),
    Standard(u32),
    Numbered(u32),
    Level4,
}

fn label(text: &str) -> Option<Label> {
    let words = words_of(text);
    let w = words.as_str();
    if w.starts_with("muc 4") {
        return Some(Label::Level4);
    }
    if let HeadingKind::Standard(n) = classify(text) {
        return Some(Label::Standard(n));
    }
    if let HeadingKind::Criterion(a, b) = classify(text) {
        return Some(Label::Criterion(a, b));
    }
    if let Some(n) = single_number(w, "tieu chi") {
        return Some(Label::Numbered(n));
    }
    let w = fold(text);
    let w = w.trim();
    let num: String = w.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let num = num.trim_end_matches('.');
    match num.split_once('.') {
        Some((a, b)) if !b.contains('.') => Some(Label::Criterion(a.parse().ok()?, b.parse().ok()?)),
        None if !num.is_empty() => Some(Label::Numbered(num.parse().ok()?)),
        _ => None,
    }
}

/// Reads the form.
pub struct Reader<'a> {
    framework: &'a Framework,
    doc: &'a Document,
    out: Imported,
    zone: Zone,
    standard: Option<u32>,
    criterion: Option<(u32, u32)>,
    /// Inside a criterion, before its first sub-heading: the requirement text.
    before_sub: bool,
    /// A "Tự đánh giá" heading without its level: the next paragraph gives it.
    awaiting_result: bool,
    level4_item: Option<u8>,
    evidence_table: bool,
    /// Results from per-criterion lines/tables, and from summary tables.
    direct: BTreeMap<String, Found>,
    summary: BTreeMap<String, Found>,
    summary_level4: BTreeMap<u8, bool>,
    last_heading_text: String,
    /// Mức 4 items read from an automatically numbered list so far.
    level4_list: u8,
    /// The summary's "Mức 4" title was read: its table follows.
    level4_next: bool,
}

impl<'a> Reader<'a> {
    /// A reader of `doc` against `framework`.
    pub fn new(framework: &'a Framework, doc: &'a Document) -> Reader<'a> {
        Reader {
            framework,
            doc,
            out: Imported::default(),
            zone: Zone::Cover,
            standard: None,
            criterion: None,
            before_sub: false,
            awaiting_result: false,
            level4_item: None,
            evidence_table: false,
            direct: BTreeMap::new(),
            summary: BTreeMap::new(),
            summary_level4: BTreeMap::new(),
            last_heading_text: String::new(),
            level4_list: 0,
            level4_next: false,
        }
    }

    /// Reads every block and returns what was found.
    pub fn read(mut self) -> Imported {
        for block in &self.doc.blocks {
            match block {
                Block::Paragraph(p) => self.paragraph(p),
                Block::Table(t) => self.table(t),
            }
        }
        self.finish()
    }

    fn note(&mut self, code: Code, place: Option<String>, message: Message) {
        self.out.findings.push(Finding { code, place, message });
    }

    fn not_understood(&mut self, place: String, text: &str) {
        let sample: String = text.chars().take(80).collect();
        self.note(Code::ImportNotUnderstood, Some(place), msg!("import-not-understood", text = sample));
    }

    fn heading(&mut self, depth: usize, text: &str) {
        if !self.out.body.is_empty() {
            self.out.body.push('\n');
        }
        let _ = writeln!(self.out.body, "{} {}", "#".repeat(depth), text);
        self.last_heading_text = text.to_owned();
    }

    fn paragraph(&mut self, p: &'a Paragraph) {
        let words = words_of(&p.text);
        if std::mem::take(&mut self.awaiting_result)
            && let Some(level) = result_level(&words).or_else(|| result_level(&format!("dat {words}")))
        {
            self.result_line(level, p, &p.text);
            return;
        }
        if heading_like(p) && self.try_heading(p, &words) {
            return;
        }
        match self.zone {
            Zone::Cover | Zone::Skip | Zone::Summary => {}
            Zone::Evidence => self.text(p),
            Zone::Conclusion => {
                if let Some(n) = claimed_level(&fold(&p.text)) {
                    self.out.claimed = Some(n);
                }
                self.text(p);
            }
            Zone::Level4 => self.level4_paragraph(p, &words),
            Zone::Narrative => {
                if self.criterion.is_some() {
                    let verdict_line = ["tu danh gia", "ket qua", "muc dat duoc", "danh gia:"]
                        .iter()
                        .find_map(|p| words.strip_prefix(p));
                    if let Some(level) = verdict_line.and_then(result_level) {
                        self.result_line(level, p, after_colon(&p.text));
                        return;
                    }
                    if self.before_sub && is_requirement(&words) {
                        return;
                    }
                    if words.starts_with("ly do")
                        && let Some((a, b)) = self.criterion
                        && let Some(found) = self.direct.get_mut(&format!("{a}.{b}"))
                    {
                        let reason = p.text.split_once(':').map_or("", |(_, r)| r).trim();
                        if !reason.is_empty() {
                            found.note = Some(reason.replace('\n', " "));
                        }
                    }
                }
                self.text(p);
            }
        }
    }

    /// A paragraph of the Mức 4 part: "1. … — Đạt" (typed or automatic numbering), or the
    /// verdict line under a "Tiêu chí N" heading; anything else is narrative.
    fn level4_paragraph(&mut self, p: &Paragraph, words: &str) {
        let digits = words.bytes().take_while(u8::is_ascii_digit).count();
        let typed = (digits > 0 && matches!(words.as_bytes().get(digits), Some(b'.' | b')')))
            .then(|| words[..digits].parse::<u8>().ok())
            .flatten();
        let item = typed.or_else(|| p.list.then(|| self.level4_list + 1)).or(self.level4_item);
        let verdict = item.and_then(|_| level4_verdict(words));
        match (item, verdict) {
            (Some(item), Some(reached)) => {
                self.out.level4.insert(item, reached);
                if p.list && typed.is_none() {
                    self.level4_list = item;
                }
                let text = p.text.lines().map(escape_inline).collect::<Vec<_>>().join("\\\n");
                let text = if typed.is_some() { text } else { format!("{item}. {text}") };
                let _ = write!(self.out.body, "\n{text}\n");
            }
            _ => self.text(p),
        }
    }

    /// A result for the current criterion from a line; the line stays in the narrative under
    /// "Tự đánh giá" (`text`: the words after "Tự đánh giá:", or the whole paragraph).
    fn result_line(&mut self, level: u8, p: &Paragraph, text: &str) {
        let Some((a, b)) = self.criterion else {
            self.not_understood(paragraph_place(p), &p.text);
            return;
        };
        self.direct.insert(format!("{a}.{b}"), Found { level, note: None, place: paragraph_place(p) });
        if self.last_heading_text != "Tự đánh giá" {
            self.heading(3, "Tự đánh giá");
        }
        let words = text.trim().trim_start_matches(|c: char| c == ':' || c.is_whitespace());
        let line = if words.is_empty() { format!("Đạt Mức {level}.") } else { words.to_owned() };
        let _ = write!(self.out.body, "\n{}\n", escape_block_start(&escape_inline(&line)));
    }

    /// Recognises `p` as a heading and moves the zone; false when it is not one.
    fn try_heading(&mut self, p: &Paragraph, words: &str) -> bool {
        // A table of contents typed by hand lists the headings again ("Tiêu chí 1.1 ….. 5"):
        // only a styled heading, or a part of the form, ends it.
        if self.zone == Zone::Skip
            && p.heading.is_none()
            && (page_number_end(&p.text)
                || !(part_of(words).is_some()
                    || matches!(
                        classify(words),
                        HeadingKind::Introduction | HeadingKind::Conclusion | HeadingKind::Evidence
                    )))
        {
            return false;
        }
        if let Some(part) = part_of(words).filter(|p| !(*p == Part::Assessment && self.criterion.is_some())) {
            match part {
                Part::Toc | Part::Abbreviations | Part::Database => self.zone = Zone::Skip,
                Part::Summary => self.zone = Zone::Summary,
                Part::Assessment | Part::Appendix => {}
                Part::Overview => {
                    self.zone = Zone::Narrative;
                    self.criterion = None;
                    self.heading(1, "Đặt vấn đề");
                }
                Part::Level4 if self.zone == Zone::Summary || self.zone == Zone::Cover || self.zone == Zone::Skip => {
                    self.level4_next = self.zone == Zone::Summary;
                }
                Part::Level4 => {
                    self.zone = Zone::Level4;
                    self.criterion = None;
                    self.level4_item = None;
                    self.heading(1, "Mức 4");
                }
                Part::GeneralAssessment => {
                    if self.zone == Zone::Narrative {
                        self.criterion = None;
                    }
                }
            }
            return true;
        }
        if words.starts_with("danh muc") && words.contains("minh chung") {
            self.zone = Zone::Evidence;
            self.criterion = None;
            self.heading(1, "Danh mục minh chứng");
            return true;
        }
        if p.heading.is_none() && !p.bold && !titled(words) {
            return false;
        }
        let kind = classify(words);
        let kind = match kind {
            HeadingKind::Other if self.zone == Zone::Level4 => {
                if let Some(n) = single_number(words, "tieu chi") {
                    self.level4_item = u8::try_from(n).ok();
                    let _ = write!(self.out.body, "\n**{}**\n", escape_inline(&p.text));
                    return true;
                }
                return false;
            }
            HeadingKind::Other => match (self.standard, single_number(words, "tieu chi")) {
                (Some(s), Some(n)) if self.zone == Zone::Narrative => HeadingKind::Criterion(s, n),
                // A heading whose number Word's list numbering prints ("Tiêu chuẩn 1:" is not
                // in the text): its title is the catalog's.
                _ if p.heading.is_some() || p.bold => match self.catalog_heading(words) {
                    Some(kind) => kind,
                    None => return false,
                },
                _ => return false,
            },
            k => k,
        };
        let in_criterion = self.criterion.is_some();
        match kind {
            HeadingKind::Introduction => {
                self.zone = Zone::Narrative;
                self.heading(1, "Đặt vấn đề");
            }
            HeadingKind::Standard(n) => {
                self.zone = Zone::Narrative;
                self.standard = Some(n);
                self.criterion = None;
                let title = self.framework.standards.iter().find(|s| u32::from(s.number) == n).map(|s| s.title.clone());
                match title {
                    Some(t) => self.heading(1, &format!("Tiêu chuẩn {n}: {t}")),
                    None => {
                        self.not_understood(paragraph_place(p), &p.text);
                        self.heading(1, &escape_inline(&p.text));
                    }
                }
            }
            HeadingKind::Criterion(a, b) => {
                self.zone = Zone::Narrative;
                self.standard = Some(a);
                let id = format!("{a}.{b}");
                match self.framework.criterion(&id) {
                    Some(c) => {
                        let title = c.title.clone();
                        self.criterion = Some((a, b));
                        self.before_sub = true;
                        self.heading(2, &format!("Tiêu chí {id}: {title}"));
                        if let Some(level) = result_level(words) {
                            self.direct.insert(id, Found { level, note: None, place: paragraph_place(p) });
                        }
                    }
                    None => {
                        self.criterion = None;
                        self.not_understood(paragraph_place(p), &p.text);
                    }
                }
            }
            HeadingKind::Opening => self.sub(p, 2, "Mở đầu", false),
            HeadingKind::Description => self.sub(p, 3, "Mô tả hiện trạng", true),
            HeadingKind::Strengths => {
                self.sub(p, 3, if in_criterion { "Điểm mạnh" } else { "Điểm mạnh nổi bật" }, true)
            }
            HeadingKind::Weaknesses => self.sub(p, 3, if in_criterion { "Điểm yếu" } else { "Điểm hạn chế" }, true),
            HeadingKind::Improvement => self.sub(
                p,
                3,
                if in_criterion {
                    "Kế hoạch cải tiến chất lượng"
                } else {
                    "Định hướng cải tiến"
                },
                true,
            ),
            HeadingKind::SelfAssessment => {
                if self.criterion.is_none() {
                    return false;
                }
                self.before_sub = false;
                self.heading(3, "Tự đánh giá");
                match result_level(words) {
                    Some(level) => self.result_line(level, p, after_colon(&p.text)),
                    None => self.awaiting_result = true,
                }
            }
            HeadingKind::StandardConclusion(n) => {
                self.zone = Zone::Narrative;
                self.criterion = None;
                self.heading(2, &format!("Kết luận về Tiêu chuẩn {n}"));
            }
            HeadingKind::Level4 if self.zone == Zone::Summary => self.level4_next = true,
            HeadingKind::Level4 => {
                self.zone = Zone::Level4;
                self.criterion = None;
                self.level4_item = None;
                self.heading(1, "Mức 4");
            }
            HeadingKind::Conclusion => {
                self.zone = Zone::Conclusion;
                self.criterion = None;
                self.heading(1, "Kết luận chung");
                if let Some(n) = claimed_level(&fold(&p.text)) {
                    self.out.claimed = Some(n);
                }
            }
            HeadingKind::Evidence => {
                self.zone = Zone::Evidence;
                self.criterion = None;
                self.heading(1, "Danh mục minh chứng");
            }
            HeadingKind::Other => return false,
        }
        true
    }

    /// The standard or criterion whose catalog title is `words` (folded, numbering removed),
    /// a criterion of the current standard first.
    fn catalog_heading(&self, words: &str) -> Option<HeadingKind> {
        let key = |t: &str| -> String {
            fold(t)
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == ' ')
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let words = key(words);
        if words.len() < 8 || !matches!(self.zone, Zone::Narrative | Zone::Cover) {
            return None;
        }
        let standards = &self.framework.standards;
        let current = standards.iter().filter(|s| Some(u32::from(s.number)) == self.standard);
        for s in current.chain(standards.iter()) {
            for c in &s.criteria {
                if key(&c.title) == words
                    && let Some((a, b)) = c.id.numbers()
                {
                    return Some(HeadingKind::Criterion(a, b));
                }
            }
        }
        standards.iter().find(|s| key(&s.title) == words).map(|s| HeadingKind::Standard(u32::from(s.number)))
    }

    /// A sub-heading: under a criterion at `depth`, else one level up.
    fn sub(&mut self, p: &Paragraph, depth: usize, text: &str, in_criterion_depth: bool) {
        if self.zone != Zone::Narrative {
            if self.zone == Zone::Cover || self.zone == Zone::Skip || self.zone == Zone::Summary {
                return;
            }
            self.text(p);
            return;
        }
        self.before_sub = false;
        let depth = if in_criterion_depth && self.criterion.is_none() { depth - 1 } else { depth };
        self.heading(depth, text);
    }

    /// A paragraph of narrative.
    fn text(&mut self, p: &Paragraph) {
        let mut line = String::new();
        if !p.text.is_empty() {
            let text = p.text.lines().map(escape_inline).collect::<Vec<_>>().join("\\\n");
            if p.list {
                line.push_str("- ");
            }
            line.push_str(&escape_block_start(&text));
        }
        for &i in &p.images {
            if let Some(img) = self.doc.images.get(i).filter(|img| !img.bytes.is_empty()) {
                if !line.is_empty() {
                    line.push('\n');
                }
                let _ = write!(line, "![](files/{})", img.name);
                self.out.images.push(i);
            }
        }
        if line.is_empty() {
            return;
        }
        self.out.body.push('\n');
        self.out.body.push_str(&line);
        self.out.body.push('\n');
    }

    fn table(&mut self, t: &'a Table) {
        if t.rows.is_empty() {
            return;
        }
        let header = header_rows(t);
        let cols = columns(t, header);
        let has_levels = cols.iter().filter(|c| matches!(c, Column::Level(..))).count() >= 2;
        let per_criterion =
            cols.contains(&Column::Verdict) && (cols.contains(&Column::RowLevel) || self.criterion.is_some());
        let code_col = code_column(t, header);
        if per_criterion && self.criterion.is_some() {
            self.criterion_table(t, header, &cols);
        } else if has_levels {
            self.summary_table(t, header, &cols);
        } else if self.level_value_table(t, header, &cols) {
        } else if let Some(code_col) = code_col
            && !self.evidence_table
            && matches!(self.zone, Zone::Evidence | Zone::Narrative | Zone::Conclusion | Zone::Skip)
        {
            if self.zone != Zone::Evidence {
                self.zone = Zone::Evidence;
                self.criterion = None;
                self.heading(1, "Danh mục minh chứng");
            }
            self.evidence_table = true;
            self.evidence_rows(t, header, code_col);
        } else if (cols.contains(&Column::Yes) || cols.contains(&Column::No))
            && (self.zone == Zone::Level4 || self.level4_next || fold(&t.grid().concat().concat()).contains("muc 4"))
        {
            self.level4_next = false;
            self.level4_marks(t, header, &cols);
        } else if self.zone == Zone::Level4 && self.level4_table(t) {
        } else if matches!(self.zone, Zone::Narrative | Zone::Conclusion | Zone::Evidence | Zone::Level4) {
            let md = self.markdown(t, header.max(1));
            self.out.body.push('\n');
            self.out.body.push_str(&md);
        } else if self.zone == Zone::Summary {
            // A summary table whose level columns were not found: its results would be lost.
            let head = t.grid().first().map(|r| r.join(" | ")).unwrap_or_default();
            self.not_understood(row_place(t, 1), &head);
        }
    }

    /// Circular 57's per-criterion table: Mức | Hiện trạng, kết quả | Đánh giá.
    fn criterion_table(&mut self, t: &Table, header: usize, cols: &[Column]) {
        let Some((a, b)) = self.criterion else { return };
        let grid = t.spread();
        let level_col = cols.iter().position(|c| *c == Column::RowLevel).unwrap_or(0);
        let verdict_col = cols.iter().position(|c| *c == Column::Verdict);
        let desc_col = cols.iter().position(|c| *c == Column::Description);
        let mut reached = 0u8;
        let mut stop = false;
        let mut note = None;
        let mut descriptions: Vec<(u8, String)> = Vec::new();
        for (r, row) in grid.iter().enumerate().skip(header) {
            let lvl = row.get(level_col).and_then(|c| {
                let w = fold(c);
                let w = w.trim();
                level_word(w.strip_prefix("muc").unwrap_or(w).trim())
            });
            let Some(lvl) = lvl else {
                if row.iter().any(|c| !c.trim().is_empty()) {
                    self.not_understood(row_place(t, r + 1), &row.join(" | "));
                }
                continue;
            };
            if let Some(d) = desc_col.and_then(|j| row.get(j)).filter(|d| !d.trim().is_empty()) {
                // A level's requirements over several rows (a merged "Mức 1") make one paragraph.
                match descriptions.last_mut() {
                    Some((last, text)) if *last == lvl && !text.ends_with(d.as_str()) => {
                        text.push('\n');
                        text.push_str(d);
                    }
                    Some((last, _)) if *last == lvl => {}
                    _ => descriptions.push((lvl, d.clone())),
                }
            }
            match verdict_col.and_then(|j| row.get(j)).map(|v| (mark(v), v)) {
                Some((Some(true), _)) if !stop && lvl == reached + 1 => reached = lvl,
                // A verdict merged over several rows of one level.
                Some((Some(true), _)) if lvl <= reached => {}
                Some((Some(false), v)) => {
                    // One requirement of a level not met: the level is not reached, even when
                    // another row of it said Đạt.
                    if !stop || lvl <= reached {
                        note = reason(v).or(note);
                    }
                    reached = reached.min(lvl.saturating_sub(1));
                    stop = true;
                }
                Some((None, v)) if !v.trim().is_empty() => self.not_understood(row_place(t, r + 1), v),
                _ => stop = true,
            }
        }
        if !descriptions.is_empty() {
            self.heading(3, "Mô tả hiện trạng");
            for (lvl, d) in descriptions {
                let text = d.lines().map(escape_inline).collect::<Vec<_>>().join("\\\n");
                let _ = write!(self.out.body, "\n**Mức {lvl}.** {}\n", escape_block_start(&text));
            }
        }
        self.before_sub = false;
        self.direct.insert(format!("{a}.{b}"), Found { level: reached, note, place: row_place(t, 1) });
    }

    /// A summary table: rows of criteria with marks in level columns, maybe a Mức 4 part.
    fn summary_table(&mut self, t: &Table, header: usize, cols: &[Column]) {
        let grid = t.spread();
        let label_col = cols.iter().position(|c| *c == Column::Label).unwrap_or(0);
        let note_col = cols.iter().position(|c| *c == Column::Note);
        let mut standard = self.standard;
        let mut level4 = false;
        for (r, row) in grid.iter().enumerate().skip(header) {
            let text = row.get(label_col).cloned().unwrap_or_default();
            let marks: Vec<(u8, Option<bool>, Option<bool>)> = cols
                .iter()
                .enumerate()
                .filter_map(|(j, c)| match c {
                    Column::Level(k, sub) => Some((*k, *sub, row.get(j).and_then(|v| mark(v)))),
                    _ => None,
                })
                .collect();
            // Merged group rows repeat their text over every column: not marks.
            let group = row.iter().filter(|c| **c == text).count() == row.len();
            let not_reached = cols
                .iter()
                .enumerate()
                .any(|(j, c)| *c == Column::No && row.get(j).and_then(|v| mark(v)) == Some(true));
            let any_mark = !group && (not_reached || marks.iter().any(|(_, _, m)| m.is_some()));
            let lab = label(&text).or_else(|| row.iter().find_map(|c| label(c)));
            match lab {
                Some(Label::Level4) => {
                    level4 = true;
                    continue;
                }
                Some(Label::Standard(n)) if !any_mark => {
                    standard = Some(n);
                    continue;
                }
                _ => {}
            }
            // A criterion's row with no mark in any level column reached none of them: the
            // form marks the levels reached.
            let criterion_row = matches!(lab, Some(Label::Criterion(..) | Label::Numbered(_)));
            if !any_mark && (group || !criterion_row || level4) {
                if !group && !text.trim().is_empty() && lab.is_some() {
                    self.not_understood(row_place(t, r + 1), &row.join(" | "));
                }
                continue;
            }
            let reached = |k: u8| -> Option<bool> {
                let mut yes = None;
                for &(kk, sub, m) in &marks {
                    if kk != k {
                        continue;
                    }
                    match (sub, m) {
                        (Some(true), Some(true)) | (None, Some(true)) => yes = Some(true),
                        (Some(false), Some(true)) | (_, Some(false)) => yes = yes.or(Some(false)),
                        _ => {}
                    }
                }
                yes
            };
            if level4 {
                let item = match lab {
                    Some(Label::Numbered(n)) => n,
                    Some(Label::Criterion(_, n)) => n,
                    _ => {
                        self.not_understood(row_place(t, r + 1), &row.join(" | "));
                        continue;
                    }
                };
                let ok = (1..=4).any(|k| reached(k) == Some(true));
                if let Ok(item) = u8::try_from(item) {
                    self.summary_level4.insert(item, ok);
                }
                continue;
            }
            let id = match lab {
                Some(Label::Criterion(a, b)) => format!("{a}.{b}"),
                Some(Label::Numbered(n)) if standard.is_some() => format!("{}.{n}", standard.unwrap_or_default()),
                _ => {
                    self.not_understood(row_place(t, r + 1), &row.join(" | "));
                    continue;
                }
            };
            if self.framework.criterion(&id).is_none() {
                self.not_understood(row_place(t, r + 1), &row.join(" | "));
                continue;
            }
            let mut level = 0;
            for k in 1..=4u8 {
                if reached(k) == Some(true) {
                    level = k;
                } else {
                    break;
                }
            }
            let note = note_col.and_then(|j| row.get(j)).map(|n| n.trim().replace('\n', " ")).filter(|n| !n.is_empty());
            self.summary.insert(id, Found { level, note, place: row_place(t, r + 1) });
        }
    }

    /// A summary whose results are written as a level ("Tiêu chí | Mức đạt được" with "Mức 2",
    /// "2" or "Không đạt"): true when read. Taken only when most rows with a criterion read.
    fn level_value_table(&mut self, t: &Table, header: usize, cols: &[Column]) -> bool {
        let grid = t.spread();
        let Some(label_col) = cols.iter().position(|c| *c == Column::Label) else { return false };
        let head = |j: usize| -> String {
            fold(&grid.iter().take(header).map(|r| r.get(j).map_or("", String::as_str)).collect::<Vec<_>>().join(" "))
        };
        let value_col = (0..cols.len()).find(|&j| {
            let h = head(j);
            j != label_col && cols[j] != Column::Note && (h.contains("muc") || h.contains("ket qua"))
        });
        let Some(value_col) = value_col else { return false };
        let note_col = cols.iter().position(|c| *c == Column::Note);
        let mut standard = self.standard;
        let mut rows = Vec::new();
        let mut labelled = 0;
        for (r, row) in grid.iter().enumerate().skip(header) {
            let text = row.get(label_col).map_or("", String::as_str);
            let id = match label(text) {
                Some(Label::Standard(n)) => {
                    standard = Some(n);
                    continue;
                }
                Some(Label::Criterion(a, b)) => format!("{a}.{b}"),
                Some(Label::Numbered(n)) if standard.is_some() => format!("{}.{n}", standard.unwrap_or_default()),
                _ => continue,
            };
            labelled += 1;
            if let Some(level) = row.get(value_col).and_then(|v| level_value(v))
                && self.framework.criterion(&id).is_some()
            {
                let note =
                    note_col.and_then(|j| row.get(j)).map(|n| n.trim().replace('\n', " ")).filter(|n| !n.is_empty());
                rows.push((id, Found { level, note, place: row_place(t, r + 1) }));
            }
        }
        if labelled == 0 || rows.len() * 2 < labelled {
            return false;
        }
        for (id, found) in rows {
            self.summary.insert(id, found);
        }
        true
    }

    /// A Mức 4 table with "Đạt" / "Không đạt" columns: a mark in one of them per item.
    fn level4_marks(&mut self, t: &Table, header: usize, cols: &[Column]) {
        let grid = t.spread();
        for (r, row) in grid.iter().enumerate().skip(header) {
            let item = row.iter().find_map(|c| match label(c) {
                Some(Label::Numbered(n) | Label::Criterion(_, n)) => u8::try_from(n).ok(),
                _ => None,
            });
            let marked = |want: Column| {
                cols.iter().enumerate().any(|(j, c)| *c == want && row.get(j).and_then(|v| mark(v)) == Some(true))
            };
            match (item, marked(Column::Yes), marked(Column::No)) {
                (Some(item), true, false) => {
                    self.summary_level4.insert(item, true);
                }
                (Some(item), false, true) => {
                    self.summary_level4.insert(item, false);
                }
                (None, false, false) => {}
                _ => self.not_understood(row_place(t, r + 1), &row.join(" | ")),
            }
        }
    }

    /// A Mức 4 table (item | Đạt | Không đạt, or item | text | Đánh giá): true when read.
    fn level4_table(&mut self, t: &Table) -> bool {
        let mut read = false;
        for row in &t.grid() {
            let Some(item) = row.first().and_then(|c| match label(c) {
                Some(Label::Numbered(n)) => u8::try_from(n).ok(),
                _ => None,
            }) else {
                continue;
            };
            let verdict = row.iter().skip(1).rev().find_map(|c| mark(c));
            if let Some(v) = verdict {
                self.out.level4.insert(item, v);
                read = true;
            }
        }
        read
    }

    /// A table as Markdown (see [`markdown_table`]), the images of its cells linked in them.
    fn markdown(&mut self, t: &Table, header: usize) -> String {
        let mut links: Vec<Vec<String>> = Vec::with_capacity(t.rows.len());
        for row in &t.rows {
            let mut line = Vec::new();
            for cell in row {
                let mut md = String::new();
                for &i in &cell.images {
                    if let Some(img) = self.doc.images.get(i).filter(|img| !img.bytes.is_empty()) {
                        let _ = write!(md, " ![](files/{})", img.name);
                        self.out.images.push(i);
                    }
                }
                line.push(md);
                line.extend(std::iter::repeat_n(String::new(), cell.span.saturating_sub(1)));
            }
            links.push(line);
        }
        markdown_table(t, header, &links)
    }

    /// The evidence table (codes in column `code_col`), as Markdown, and its codes.
    fn evidence_rows(&mut self, t: &Table, header: usize, code_col: usize) {
        for row in t.grid().iter().skip(header.max(1)) {
            if let Some(code) = row.get(code_col) {
                let code = code.trim().trim_start_matches('[').trim_end_matches(']').trim();
                if crate::content::outline::is_code_like(code) {
                    self.out.evidence.push(code.to_owned());
                }
            }
        }
        let md = self.markdown(t, header.max(1));
        self.out.body.push('\n');
        self.out.body.push_str(&md);
    }

    fn finish(mut self) -> Imported {
        let mut results = std::mem::take(&mut self.direct);
        for (id, found) in std::mem::take(&mut self.summary) {
            match results.get_mut(&id) {
                Some(direct) if direct.level != found.level => {
                    let message = msg!(
                        "import-result-conflict",
                        criterion = id.as_str(),
                        level = direct.level,
                        place = direct.place.as_str(),
                        summary = found.level
                    );
                    self.out.findings.push(Finding {
                        code: Code::ImportResultConflict,
                        place: Some(found.place.clone()),
                        message,
                    });
                    if direct.note.is_none() {
                        direct.note = found.note;
                    }
                }
                Some(direct) => {
                    if direct.note.is_none() {
                        direct.note = found.note;
                    }
                }
                None => {
                    results.insert(id, found);
                }
            }
        }
        for (item, ok) in std::mem::take(&mut self.summary_level4) {
            self.out.level4.entry(item).or_insert(ok);
        }
        // A note only explains a level not reached.
        for (id, found) in &mut results {
            let max = self.framework.criterion(id).map_or(3, |c| c.max_level);
            if found.level >= max {
                found.note = None;
            }
        }
        let missing: Vec<String> =
            self.framework.criteria().filter(|c| !results.contains_key(&c.id.0)).map(|c| c.id.0.clone()).collect();
        if !missing.is_empty() {
            let list = missing.join(", ");
            self.out.findings.push(Finding {
                code: Code::ImportResultMissing,
                place: None,
                message: msg!("import-result-missing", count = missing.len(), criteria = list),
            });
        }
        if self.out.claimed.is_none() {
            self.out.findings.push(Finding {
                code: Code::ImportClaimedMissing,
                place: None,
                message: msg!("import-claimed-missing"),
            });
        }
        self.out.results = results;
        self.out
    }
}

/// A table-of-contents line: a page number after dots or spaces at the end ("….. 12").
fn page_number_end(text: &str) -> bool {
    let t = text.trim_end();
    let digits = t.chars().rev().take_while(char::is_ascii_digit).count();
    let before = t[..t.len() - digits].trim_end_matches(' ');
    digits > 0
        && digits <= 3
        && (before.ends_with("..") || before.ends_with('…') || before.len() + 2 < t.len() - digits)
}

/// The words after the first `:` ("5. Tự đánh giá: Đạt Mức 2" → "Đạt Mức 2"), or none.
fn after_colon(text: &str) -> &str {
    text.split_once(':').map_or("", |(_, rest)| rest)
}

/// "Đạt" / "Không đạt" for a Mức 4 item from folded text.
fn level4_verdict(words: &str) -> Option<bool> {
    let at = words.rfind("dat")?;
    let before = words[..at].trim_end();
    let tail = &words[at + 3..];
    if tail.trim_start().starts_with("muc") || tail.trim_start().starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    Some(!(before.ends_with("khong") || before.ends_with("chua")))
}

/// Requirement text printed under a criterion heading in the 2018 form (`Mức 1`, `a) …`).
fn is_requirement(words: &str) -> bool {
    words.starts_with("muc 1")
        || words.starts_with("muc 2")
        || words.starts_with("muc 3")
        || (words.len() > 2 && words.as_bytes()[1] == b')' && words.as_bytes()[0].is_ascii_lowercase())
}

/// Header rows of a table: up to three rows before the first row whose cells hold a criterion
/// label, a level, or a code.
fn header_rows(t: &Table) -> usize {
    let grid = t.grid();
    for (i, row) in grid.iter().enumerate().take(4) {
        let data = row.iter().enumerate().any(|(j, c)| {
            let w = fold(c);
            let w = w.trim();
            matches!(label(c), Some(Label::Criterion(..) | Label::Standard(_)))
                || crate::content::outline::is_code_like(w.trim_start_matches('[').trim_end_matches(']'))
                || (j == 0 && w.starts_with("muc ") && w.len() <= 6 && i > 0)
        });
        if data {
            return i.max(1);
        }
    }
    1
}

/// The evidence code column (`Mã`, `Mã minh chứng`) among the header rows, if any.
fn code_column(t: &Table, header: usize) -> Option<usize> {
    let grid = t.grid();
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    (0..width).find(|&j| {
        grid.iter().take(header.max(1)).any(|r| {
            r.get(j).is_some_and(|c| {
                let w = fold(c);
                let w = w.trim();
                w == "ma" || w.starts_with("ma minh chung") || w.starts_with("ma so minh chung")
            })
        })
    })
}

/// A table as Markdown: the first `header` rows folded into one header line; `links` (by row
/// and grid column) are appended to the cells' text.
fn markdown_table(t: &Table, header: usize, links: &[Vec<String>]) -> String {
    let grid = t.grid();
    let width = grid.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let spread = t.spread();
    let mut out = String::new();
    let head: Vec<String> = (0..width)
        .map(|j| {
            let mut parts: Vec<String> = Vec::new();
            for r in spread.iter().take(header) {
                let c = r.get(j).map_or("", String::as_str).trim().to_owned();
                if !c.is_empty() && !parts.contains(&c) {
                    parts.push(c);
                }
            }
            cell_md(&parts.join(" "))
        })
        .collect();
    out.push_str(&table_row(&head));
    let _ = writeln!(out, "|{}", "---|".repeat(width));
    for (r, row) in grid.iter().enumerate().skip(header) {
        let cells: Vec<String> = (0..width)
            .map(|j| {
                let link = links.get(r).and_then(|l| l.get(j)).map_or("", String::as_str);
                format!("{}{link}", cell_md(row.get(j).map_or("", String::as_str))).trim().to_owned()
            })
            .collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        out.push_str(&table_row(&cells));
    }
    out
}

/// `| a | b | |`: an empty cell is one space.
fn table_row(cells: &[String]) -> String {
    let mut line = String::from("|");
    for c in cells {
        if c.is_empty() {
            line.push_str(" |");
        } else {
            let _ = write!(line, " {c} |");
        }
    }
    line.push('\n');
    line
}

fn cell_md(text: &str) -> String {
    escape_inline(&text.replace('\n', " ")).replace('|', "\\|")
}

/// Escapes what Markdown would read as markup inside a line; square brackets stay, since
/// evidence citations are written in them.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out.replace("](", "]\\(")
}

/// Escapes a line start that Markdown would read as a heading, list, quote or rule.
fn escape_block_start(text: &str) -> String {
    let t = text.trim_start();
    let first = t.chars().next().unwrap_or(' ');
    let numbered = {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && digits < 10 && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
    };
    if matches!(first, '#' | '-' | '+' | '=' | '|' | '~') || numbered {
        if numbered {
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            return format!("{}\\{}", &t[..digits], &t[digits..]);
        }
        return format!("\\{t}");
    }
    t.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines_give_their_level() {
        assert_eq!(result_level(&fold("Tự đánh giá: Đạt Mức 2")), Some(2));
        assert_eq!(result_level(&fold("5. Tự đánh giá: đạt mức III")), Some(3));
        assert_eq!(result_level(&fold("Chưa đạt Mức 1")), Some(0));
        assert_eq!(result_level(&fold("Không đạt")), Some(0));
        assert_eq!(result_level(&fold("Tự đánh giá")), None);
        assert_eq!(result_level(&fold("Mức 3")), Some(3));
        assert_eq!(level_value("Đạt Mức 2"), Some(2));
        assert_eq!(level_value("II"), Some(2));
        assert_eq!(level_value("Ghi chú"), None);
    }

    #[test]
    fn the_claimed_level_is_the_school_s_not_a_count_of_criteria() {
        let t = "Kết quả tự đánh giá 15 tiêu chí, trong đó 14 tiêu chí đạt Mức 2, 1 tiêu chí đạt Mức 1. Trung tâm tự đánh giá đạt Mức 2.";
        assert_eq!(claimed_level(&fold(t)), Some(2));
        assert_eq!(claimed_level(&fold("Nhà trường đạt kiểm định chất lượng giáo dục Cấp độ 3.")), Some(3));
        assert_eq!(claimed_level(&fold("Trường chưa đạt Mức 1.")), Some(0));
        assert_eq!(claimed_level(&fold("Có 20 tiêu chí đạt Mức 3.")), None);
    }

    #[test]
    fn marks_and_reasons() {
        for yes in ["x", "X", "✓", "Đạt", "đạt", "√"] {
            assert_eq!(mark(yes), Some(true), "{yes}");
        }
        for no in ["Không đạt", "Chưa đạt", "-"] {
            assert_eq!(mark(no), Some(false), "{no}");
        }
        assert_eq!(mark(""), None);
        assert_eq!(reason("Không đạt: chưa có phòng họp riêng").as_deref(), Some("chưa có phòng họp riêng"));
        assert_eq!(reason("Không đạt"), None);
    }

    #[test]
    fn labels_of_summary_rows() {
        assert_eq!(label("Tiêu chí 1.1"), Some(Label::Criterion(1, 1)));
        assert_eq!(label("1.10. Phương hướng"), Some(Label::Criterion(1, 10)));
        assert_eq!(label("Tiêu chuẩn 2"), Some(Label::Standard(2)));
        assert_eq!(label("Tiêu chí 3"), Some(Label::Numbered(3)));
        assert_eq!(label("Mức 4"), Some(Label::Level4));
        assert_eq!(label("Ghi chú"), None);
    }

    #[test]
    fn markdown_escapes_keep_citations() {
        assert_eq!(escape_inline("a *b* [H1-1.1-01] <x>"), "a \\*b\\* [H1-1.1-01] \\<x\\>");
        assert_eq!(escape_block_start("1. Mô tả"), "1\\. Mô tả");
        assert_eq!(escape_block_start("# x"), "\\# x");
    }
}

#[cfg(test)]
mod reading {
    use super::*;
    use crate::import::word::docx::Cell;
    use crate::regulation::Regulation;

    fn para(n: usize, text: &str, heading: Option<u8>) -> Block {
        Block::Paragraph(Paragraph { number: n, text: text.into(), heading, ..Paragraph::default() })
    }

    fn table(n: usize, rows: &[&[&str]]) -> Block {
        let rows = rows
            .iter()
            .map(|r| r.iter().map(|c| Cell { text: (*c).into(), span: 1, ..Cell::default() }).collect())
            .collect();
        Block::Table(Table { number: n, rows })
    }

    fn read(framework: &str, blocks: Vec<Block>) -> Imported {
        let reg = Regulation::embedded().unwrap();
        let f = reg.framework(framework).unwrap();
        let doc = Document { blocks, ..Document::default() };
        Reader::new(f, &doc).read()
    }

    #[test]
    fn a_circular_57_level_with_one_requirement_not_met_is_not_reached() {
        let r = read(
            "tt57-2026-pho-thong",
            vec![
                para(1, "Tiêu chí 1.1: Tầm nhìn", Some(3)),
                table(
                    1,
                    &[
                        &["Mức", "Hiện trạng, kết quả", "Đánh giá"],
                        &["Mức 1", "a) Có kế hoạch (MC.1.1.01)", "Đạt"],
                        &["Mức 1", "b) Chưa công khai", "Không đạt: chưa niêm yết"],
                        &["Mức 2", "Có", "Đạt"],
                    ],
                ),
                para(2, "Phần III. KẾT LUẬN", Some(1)),
                para(3, "Căn cứ khoản 3 Điều 5, nhà trường tự đánh giá chưa đạt Mức 1.", None),
            ],
        );
        let found = &r.results["1.1"];
        assert_eq!((found.level, found.note.as_deref()), (0, Some("chưa niêm yết")));
        assert_eq!(r.claimed, Some(0));
        assert!(r.body.contains("(MC.1.1.01)"), "{}", r.body);
    }

    #[test]
    fn a_summary_table_with_a_not_reached_column_and_standard_rows() {
        let r = read(
            "tt22-2024-tieu-hoc",
            vec![
                para(1, "BẢNG TỔNG HỢP KẾT QUẢ TỰ ĐÁNH GIÁ", None),
                table(
                    1,
                    &[
                        &["Tiêu chuẩn, tiêu chí", "Không đạt", "Mức 1", "Mức 2", "Mức 3", "Ghi chú"],
                        &["Tiêu chuẩn 1", "", "", "", "", ""],
                        &["Tiêu chí 1", "", "x", "x", "", ""],
                        &["Tiêu chí 2", "x", "", "", "", "Thiếu phòng họp"],
                        &["Tiêu chí 9", "", "x", "", "", ""],
                    ],
                ),
            ],
        );
        assert_eq!(r.results["1.1"].level, 2);
        assert_eq!((r.results["1.2"].level, r.results["1.2"].note.as_deref()), (0, Some("Thiếu phòng họp")));
        assert!(r.findings.iter().any(|f| f.code == Code::ImportResultMissing));
    }

    #[test]
    fn headings_numbered_by_word_are_known_by_their_catalog_title() {
        let r = read(
            "tt22-2024-tieu-hoc",
            vec![
                para(1, "Tổ chức và quản lý nhà trường", Some(2)),
                para(2, "Phương hướng, chiến lược xây dựng và phát triển nhà trường", Some(3)),
                para(3, "5. Tự đánh giá: Đạt Mức 3", None),
            ],
        );
        assert!(r.body.contains("# Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"), "{}", r.body);
        assert_eq!(r.results["1.1"].level, 3);
    }

    #[test]
    fn a_summary_that_writes_each_level_as_a_value() {
        let r = read(
            "tt57-2026-mam-non",
            vec![
                para(1, "Phần III. KẾT LUẬN", Some(1)),
                table(
                    1,
                    &[
                        &["TT", "Tiêu chí", "Mức đạt được"],
                        &["1", "Tiêu chí 1.1", "Mức 2"],
                        &["2", "Tiêu chí 1.2", "1"],
                        &["3", "Tiêu chí 1.3", "Không đạt"],
                    ],
                ),
                para(2, "Tiêu chí 1.4: Tự đánh giá, cải tiến", Some(2)),
                para(3, "Tự đánh giá: Mức 2", None),
            ],
        );
        let levels: Vec<(&str, u8)> = r.results.iter().map(|(k, f)| (k.as_str(), f.level)).collect();
        assert_eq!(levels, [("1.1", 2), ("1.2", 1), ("1.3", 0), ("1.4", 2)]);
    }

    #[test]
    fn prose_that_starts_like_a_heading_stays_prose() {
        let r = read(
            "tt22-2024-tieu-hoc",
            vec![
                para(1, "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường", Some(2)),
                para(2, "Mở đầu", Some(3)),
                para(3, "Tiêu chuẩn 1 gồm 10 tiêu chí.", None),
                para(4, "Tiêu chí 1.1: Phương hướng", Some(3)),
                para(5, "Mức 1: a) Phù hợp với mục tiêu", None),
                para(6, "1. Mô tả hiện trạng", None),
                para(7, "Có kế hoạch [H1-1.1-01].", None),
                para(8, "5. Tự đánh giá: Đạt Mức 2", None),
            ],
        );
        assert_eq!(r.body.matches("# Tiêu chuẩn 1").count(), 1, "{}", r.body);
        assert!(r.body.contains("Tiêu chuẩn 1 gồm 10 tiêu chí."));
        assert!(!r.body.contains("Phù hợp với mục tiêu"), "the catalog's requirement text is not repeated");
        assert!(r.body.contains("### Mô tả hiện trạng\n\nCó kế hoạch [H1-1.1-01].\n"), "{}", r.body);
        assert_eq!(r.results["1.1"].level, 2);
    }
}
