//! The structure of a report body, read once from its Markdown: recognised headings,
//! evidence citations, the evidence list, links and raw HTML, each with its byte span, so
//! that `check` can point at the offending text and `render` can give headings their ids.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::text::{collapse_whitespace, fold};

/// What a heading is, recognised by its folded text (content-format.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadingKind {
    /// `Đặt vấn đề`.
    Introduction,
    /// `Tiêu chuẩn N`.
    Standard(u32),
    /// `Mở đầu`.
    Opening,
    /// `Tiêu chí N.M`.
    Criterion(u32, u32),
    /// `Mô tả hiện trạng`.
    Description,
    /// `Điểm mạnh` or `Điểm mạnh nổi bật`.
    Strengths,
    /// `Điểm yếu` or `Điểm hạn chế`.
    Weaknesses,
    /// `Kế hoạch cải tiến chất lượng`, `Kế hoạch cải tiến` or `Định hướng cải tiến`.
    Improvement,
    /// `Tự đánh giá`.
    SelfAssessment,
    /// `Kết luận về Tiêu chuẩn N`.
    StandardConclusion(u32),
    /// `Mức 4`.
    Level4,
    /// `Kết luận chung` or `Kết luận`.
    Conclusion,
    /// `Danh mục minh chứng`.
    Evidence,
    /// Any other heading: free text of the section it sits in.
    Other,
}

/// Removes numbering such as `I.`, `A.`, `1.`, `II -` before the (folded) words of a heading.
pub fn strip_numbering(folded: &str) -> &str {
    let mut t = folded.trim_start();
    for _ in 0..2 {
        let Some((first, rest)) = t.split_once(['.', ')', ' ']) else { break };
        let numbering = !first.is_empty()
            && (first.chars().all(|c| c.is_ascii_digit())
                || (first.len() <= 4 && first.chars().all(|c| "ivxlc".contains(c)))
                || (first.len() == 1 && first.chars().all(|c| c.is_ascii_lowercase())));
        let rest = rest.trim_start_matches(['.', ')', '-', ':', ' ']);
        if !numbering || rest.is_empty() || matches!(first, "tieu" | "muc" | "danh" | "ket") {
            break;
        }
        t = rest;
    }
    t
}

/// The number (`3`) or criterion number (`1.10`) right after `prefix` in `words`.
fn number_after<'w>(words: &'w str, prefix: &str) -> Option<&'w str> {
    let rest = words.strip_prefix(prefix)?;
    if !rest.starts_with([' ', '.']) && !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim_start();
    let len = rest.bytes().take_while(|b| b.is_ascii_digit() || *b == b'.').count();
    let num = rest[..len].trim_end_matches('.');
    (!num.is_empty()).then_some(num)
}

/// Recognises a heading by its text, after folding and numbering prefixes.
pub fn classify(text: &str) -> HeadingKind {
    // The same headings come back in every report of a framework (`Mô tả hiện trạng` under
    // each criterion, the criteria titles in every school): each thread remembers the kinds
    // it has worked out, up to a bound.
    thread_local! {
        static SEEN: std::cell::RefCell<rustc_hash::FxHashMap<String, HeadingKind>> = Default::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(kind) = seen.get(text) {
            return kind.clone();
        }
        let kind = classify_text(text);
        if seen.len() >= 4096 {
            seen.clear();
        }
        seen.insert(text.to_owned(), kind.clone());
        kind
    })
}

fn classify_text(text: &str) -> HeadingKind {
    // Every kind is told by the first words (after at most two numbering tokens): folding
    // the first 48 characters is enough, and headings are classified several times each.
    let head = text.char_indices().nth(48).map_or(text, |(i, _)| &text[..i]);
    let folded = fold(head);
    let words = strip_numbering(&folded);
    if let Some(n) = number_after(words, "tieu chuan")
        && let Ok(n) = n.parse()
    {
        return HeadingKind::Standard(n);
    }
    if let Some(n) = number_after(words, "tieu chi")
        && let Some((a, b)) = n.split_once('.')
        && let (Ok(a), Ok(b)) = (a.parse(), b.parse())
    {
        return HeadingKind::Criterion(a, b);
    }
    if let Some(n) = words.strip_prefix("ket luan ve ").and_then(|w| number_after(w, "tieu chuan"))
        && let Ok(n) = n.parse()
    {
        return HeadingKind::StandardConclusion(n);
    }
    let starts = |p: &str| words.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':']));
    if starts("dat van de") {
        HeadingKind::Introduction
    } else if starts("mo dau") {
        HeadingKind::Opening
    } else if starts("mo ta hien trang") {
        HeadingKind::Description
    } else if starts("diem manh") {
        HeadingKind::Strengths
    } else if starts("diem yeu") || starts("diem han che") {
        HeadingKind::Weaknesses
    } else if starts("ke hoach cai tien") || starts("dinh huong cai tien") {
        HeadingKind::Improvement
    } else if starts("tu danh gia") {
        HeadingKind::SelfAssessment
    } else if starts("muc 4") {
        HeadingKind::Level4
    } else if starts("ket luan") {
        HeadingKind::Conclusion
    } else if starts("danh muc minh chung") {
        HeadingKind::Evidence
    } else {
        HeadingKind::Other
    }
}

/// True when `token` is written like an evidence code of either era (`H…` or `MC…`), valid
/// or not: a token in brackets that the writer meant as a citation.
pub fn is_code_like(token: &str) -> bool {
    let b = token.as_bytes();
    (b.first() == Some(&b'H') && b.get(1).is_some_and(u8::is_ascii_digit)) || token.starts_with("MC.")
}

/// True when `token` has the exact shape of an evidence code of either era (2018
/// `H1-1.1-01`, 2026 `MC.1.3.01`); whether it fits the report's framework is `check`'s
/// business (with the catalog's `code_regex`).
pub fn looks_like_code(token: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = token.strip_prefix("MC.") {
        let parts: Vec<&str> = rest.split('.').collect();
        return parts.len() == 3 && parts.iter().all(|p| digits(p));
    }
    if let Some(rest) = token.strip_prefix('H') {
        let parts: Vec<&str> = rest.split('-').collect();
        return parts.len() == 3
            && digits(parts[0])
            && parts[1].split_once('.').is_some_and(|(a, b)| digits(a) && digits(b))
            && digits(parts[2]);
    }
    false
}

/// The standard and criterion an evidence code refers to (`H1-1.3-02` → 1.3,
/// `MC.2.1.04` → 2.1).
pub fn code_criterion(code: &str) -> Option<(u32, u32)> {
    if let Some(rest) = code.strip_prefix("MC.") {
        let mut p = rest.split('.');
        return Some((p.next()?.parse().ok()?, p.next()?.parse().ok()?));
    }
    let (a, b) = code.strip_prefix('H')?.split('-').nth(1)?.split_once('.')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// A heading of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// What it is.
    pub kind: HeadingKind,
    /// Markdown level (1 for `#`).
    pub level: u8,
    /// Its text.
    pub text: String,
    /// Span in the body.
    pub span: Range<usize>,
    /// True when text (not only headings) follows before the next heading.
    pub has_text: bool,
}

/// One code cited in brackets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The code as written.
    pub code: String,
    /// Span of the code in the body.
    pub span: Range<usize>,
    /// Index of the heading it sits under, if any.
    pub heading: Option<usize>,
}

/// A row of the evidence list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedEvidence {
    /// The code cell without brackets (empty for a group row).
    pub code: String,
    /// True for a sub-heading row (the code cell holds no code).
    pub group: bool,
    /// Span of the row in the body.
    pub span: Range<usize>,
}

/// A link or image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// Its target as written.
    pub dest: String,
    /// An image rather than a link.
    pub image: bool,
    /// Span in the body.
    pub span: Range<usize>,
}

/// Raw HTML written in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawHtml {
    /// The HTML.
    pub html: String,
    /// Span in the body.
    pub span: Range<usize>,
}

/// What a report body contains, with positions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Every code cited in brackets outside the evidence list and code blocks.
    pub citations: Vec<Citation>,
    /// The first table under `Danh mục minh chứng`: its rows, if there is one.
    pub evidence: Option<Vec<ListedEvidence>>,
    /// Links and images.
    pub links: Vec<LinkRef>,
    /// Raw HTML blocks and inline tags.
    pub html: Vec<RawHtml>,
}

/// The Markdown options used everywhere (render and check see the same document).
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Reads the outline of a body.
pub fn outline(body: &str) -> Outline {
    outline_of(body, &parse(body))
}

/// The Markdown events of a body with their spans, adjacent text runs merged (pulldown-cmark
/// splits text at brackets): what both the check ([`outline_of`]) and the page
/// (`render::markdown::render_parsed`) read, so that a body is parsed once for both.
pub fn parse(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    // A guess near the event count of typical reports: growing the vector step by step was
    // a tenth of the time spent here.
    let mut events: Vec<(Event<'_>, Range<usize>)> = Vec::with_capacity(body.len() / 12);
    for (e, r) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        if let (Event::Text(t), Some((Event::Text(prev), pr))) = (&e, events.last_mut())
            && pr.end == r.start
        {
            let mut joined = std::mem::replace(prev, "".into()).into_string();
            joined.push_str(t);
            *prev = joined.into();
            pr.end = r.end;
            continue;
        }
        events.push((e, r));
    }
    events
}

/// Reads the outline of `body` from its events ([`parse`]).
pub fn outline_of(body: &str, events: &[(Event<'_>, Range<usize>)]) -> Outline {
    let mut out = Outline::default();

    let mut in_heading: Option<(u8, usize, String)> = None;
    let mut in_code = 0;
    let mut evidence_level: Option<u8> = None;
    let mut table_state: Option<TableState> = None;
    for (e, r) in events {
        match e {
            Event::Start(Tag::Heading { level, .. }) => in_heading = Some((*level as u8, r.start, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start, text)) = in_heading.take() {
                    let text = collapse_whitespace(text);
                    let kind = classify(&text);
                    if evidence_level.is_some_and(|l| level <= l) {
                        evidence_level = None;
                    }
                    if kind == HeadingKind::Evidence {
                        evidence_level = Some(level);
                    }
                    out.headings.push(Heading { kind, level, text, span: start..r.end, has_text: false });
                }
            }
            Event::Text(t) | Event::Code(t) if in_heading.is_some() => {
                if let Some((_, _, s)) = in_heading.as_mut() {
                    s.push_str(t);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code -= 1,
            Event::Start(Tag::Table(_)) if evidence_level.is_some() && out.evidence.is_none() => {
                table_state = Some(TableState::default());
            }
            Event::End(TagEnd::Table) if table_state.is_some() => {
                out.evidence = Some(table_state.take().map(|t| t.rows).unwrap_or_default());
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.links.push(LinkRef { dest: dest_url.to_string(), image: false, span: r.clone() })
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.links.push(LinkRef { dest: dest_url.to_string(), image: true, span: r.clone() })
            }
            Event::Html(h) | Event::InlineHtml(h) => out.html.push(RawHtml { html: h.to_string(), span: r.clone() }),
            _ => {}
        }
        if let Some(t) = table_state.as_mut() {
            t.feed(e, r);
            continue;
        }
        if let Event::Text(t) = e
            && in_heading.is_none()
        {
            if let Some(h) = out.headings.last_mut() {
                h.has_text |= !t.trim().is_empty();
            }
            if in_code == 0 {
                let heading = out.headings.len().checked_sub(1);
                citations(t, r.start, body, heading, &mut out.citations);
            }
        }
    }
    out
}

#[derive(Default)]
struct TableState {
    columns: Vec<String>,
    in_head: bool,
    row: Vec<String>,
    row_start: usize,
    cell: Option<String>,
    rows: Vec<ListedEvidence>,
    /// The column of the codes, found at the first row.
    code_col: Option<usize>,
}

impl TableState {
    fn feed(&mut self, e: &Event<'_>, r: &Range<usize>) {
        match e {
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => {
                self.columns = std::mem::take(&mut self.row).into_iter().map(collapse_whitespace).collect();
                self.in_head = false;
            }
            Event::Start(Tag::TableRow) => self.row_start = r.start,
            Event::Start(Tag::TableCell) => self.cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => self.row.push(self.cell.take().unwrap_or_default()),
            Event::End(TagEnd::TableRow) => {
                // Only the code cell is read: it alone has its whitespace collapsed.
                let mut cells = std::mem::take(&mut self.row);
                let columns = &self.columns;
                let col = *self.code_col.get_or_insert_with(|| {
                    columns.iter().position(|c| fold(c).trim_start().starts_with("ma")).unwrap_or(0)
                });
                let code = cells.get_mut(col).map(|c| {
                    collapse_whitespace(std::mem::take(c))
                        .trim()
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .trim()
                        .to_owned()
                });
                let code = code.unwrap_or_default();
                let group = !is_code_like(&code);
                self.rows.push(ListedEvidence {
                    code: if group { String::new() } else { code },
                    group,
                    span: self.row_start..r.end,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(c) = self.cell.as_mut() {
                    c.push_str(t);
                }
            }
            _ => {}
        }
    }
}

/// The codes cited in `text` (a merged text run starting at body offset `start`).
fn citations(text: &str, start: usize, body: &str, heading: Option<usize>, out: &mut Vec<Citation>) {
    // Offsets are exact when the source run equals the text (no escapes); otherwise the
    // citation is placed at the start of the run.
    if memchr::memchr2(b'[', b'(', text.as_bytes()).is_none() {
        return;
    }
    let exact = body.get(start..start + text.len()) == Some(text);
    for group in code_groups(text) {
        for (offset, token) in group.tokens {
            if !is_code_like(token) {
                continue;
            }
            let at = if exact { start + offset } else { start };
            let len = if exact { token.len() } else { 0 };
            out.push(Citation { code: token.to_owned(), span: at..at + len, heading });
        }
    }
}

/// A bracket of a text run that cites evidence ([`code_groups`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeGroup<'t> {
    /// Byte offset of the opening `[` or `(` in the text.
    pub open: usize,
    /// Byte offset of the matching `]` or `)`.
    pub close: usize,
    /// The bracket's tokens (separated by `;`, `,` or white space) with their byte offsets
    /// in the text. Under square brackets some may be words; under round ones all are codes.
    pub tokens: Vec<(usize, &'t str)>,
}

/// The brackets of `text` that cite evidence (content-format.md): a square bracket with at
/// least one code-like token (`[H1-1.1-01]`, `[H1-1.1-01; H1-1.1-02]`), and a round bracket
/// that holds only evidence codes (Circular 57's `(MC.1.1.01, MC.1.1.02)`, accepted in every
/// era). A round bracket with other words in it is ordinary prose: `(H2O)` or `(xem MC.1.1.01)`
/// cite nothing.
pub fn code_groups(text: &str) -> Vec<CodeGroup<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(open) = memchr::memchr2(b'[', b'(', &text.as_bytes()[pos..]).map(|i| pos + i) {
        let (closing, round) = if text.as_bytes()[open] == b'[' { (']', false) } else { (')', true) };
        let Some(close) = text[open + 1..].find(closing).map(|i| open + 1 + i) else {
            pos = open + 1;
            continue;
        };
        let tokens: Vec<(usize, &str)> = tokens(&text[open + 1..close]).map(|(i, t)| (open + 1 + i, t)).collect();
        let cites = if round {
            !tokens.is_empty() && tokens.iter().all(|(_, t)| round_bracket_code(t))
        } else {
            tokens.iter().any(|(_, t)| is_code_like(t))
        };
        if cites {
            out.push(CodeGroup { open, close, tokens });
            pos = close + 1;
        } else {
            // A round bracket of prose may hold a citation further in: `(xem [H1-1.1-01])`.
            pos = if round { open + 1 } else { close + 1 };
        }
    }
    out
}

/// A token that makes a round bracket a citation: an exact code, or a mistyped one that is
/// still unmistakably meant as a code (`MC.1.1`, `H1-1.1-1`), so that `check` can say what is
/// wrong with it; `H2O` is not one.
fn round_bracket_code(token: &str) -> bool {
    looks_like_code(token) || token.starts_with("MC.") || (is_code_like(token) && token.contains('-'))
}

/// Tokens of a bracket's content separated by `;`, `,` or white space, with their byte offsets.
fn tokens(inner: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    inner.char_indices().chain(std::iter::once((inner.len(), ' '))).filter_map(move |(i, c)| {
        let sep = c == ';' || c == ',' || c.is_whitespace();
        match (sep, start) {
            (true, Some(s)) => {
                start = None;
                Some((s, &inner[s..i]))
            }
            (false, None) => {
                start = Some(i);
                None
            }
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_recognised_after_folding_and_numbering() {
        assert_eq!(classify("Tiêu chí 1.1: Phương hướng"), HeadingKind::Criterion(1, 1));
        assert_eq!(classify("Tieu chi 1.10. Abc"), HeadingKind::Criterion(1, 10));
        assert_eq!(classify("TIÊU CHUẨN 2 - Cán bộ"), HeadingKind::Standard(2));
        assert_eq!(classify("II. Tiêu chuẩn 3: Cơ sở"), HeadingKind::Standard(3));
        assert_eq!(classify("A. 1. Tiêu chuẩn 4"), HeadingKind::Standard(4));
        assert_eq!(classify("Kết luận về Tiêu chuẩn 2"), HeadingKind::StandardConclusion(2));
        assert_eq!(classify("Kết luận chung"), HeadingKind::Conclusion);
        assert_eq!(classify("Điểm mạnh nổi bật"), HeadingKind::Strengths);
        assert_eq!(classify("Điểm hạn chế"), HeadingKind::Weaknesses);
        assert_eq!(classify("Định hướng cải tiến"), HeadingKind::Improvement);
        assert_eq!(classify("3. Danh mục minh chứng"), HeadingKind::Evidence);
        assert_eq!(classify("Tiêu chuẩn hóa"), HeadingKind::Other);
    }

    #[test]
    fn citations_evidence_rows_links_and_html_have_spans() {
        let body = "# Tiêu chí 1.1: X\nCó kế hoạch [H1-1.1-01][H1-1.1-02; H1-1.1-03] và [ghi chú] <b>x</b>.\n\n[a](files/x.pdf)\n\n# Danh mục minh chứng\n| Mã | Tên |\n|---|---|\n| **Tiêu chí 1.1** | |\n| [H1-1.1-01] | Kế hoạch |\n";
        let o = outline(body);
        assert_eq!(o.headings[0].kind, HeadingKind::Criterion(1, 1));
        assert!(o.headings[0].has_text);
        let codes: Vec<_> = o.citations.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["H1-1.1-01", "H1-1.1-02", "H1-1.1-03"]);
        let c = &o.citations[2];
        assert_eq!(&body[c.span.clone()], "H1-1.1-03");
        let rows = o.evidence.unwrap();
        assert!(rows[0].group);
        assert_eq!(rows[1].code, "H1-1.1-01");
        assert!(body[rows[1].span.clone()].starts_with("| [H1-1.1-01]"));
        assert_eq!(o.links[0].dest, "files/x.pdf");
        assert_eq!(o.html.len(), 2);
    }

    #[test]
    fn code_shapes() {
        assert!(looks_like_code("H1-1.1-01"));
        assert!(looks_like_code("H15-1.8-02"));
        assert!(looks_like_code("MC.1.3.01"));
        assert!(!looks_like_code("H1-1-01"));
        assert!(is_code_like("H1-1-01"));
        assert!(!is_code_like("ghi"));
        assert_eq!(code_criterion("H2-1.10-03"), Some((1, 10)));
        assert_eq!(code_criterion("MC.4.2.01"), Some((4, 2)));
    }

    fn cited(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        citations(text, 0, text, None, &mut out);
        out.into_iter().map(|c| c.code).collect()
    }

    #[test]
    fn round_brackets_of_codes_only_are_citations() {
        assert_eq!(cited("Có kế hoạch (MC.1.1.01, MC.1.1.02)."), ["MC.1.1.01", "MC.1.1.02"]);
        assert_eq!(cited("Có kế hoạch (H1-1.1-01; H1-1.1-02)."), ["H1-1.1-01", "H1-1.1-02"]);
        assert_eq!(cited("Sai mã (MC.1.1) vẫn là trích dẫn"), ["MC.1.1"]);
        assert!(cited("Nước (H2O) và (xem MC.1.1.01) và (ghi chú) và ()").is_empty());
        assert_eq!(cited("(xem [H1-1.1-01]) (MC.2.1.03)"), ["H1-1.1-01", "MC.2.1.03"]);
        assert_eq!(cited("[H1-1.1-01][H1-1.1-02; H1-1.1-03] [ghi chú]"), ["H1-1.1-01", "H1-1.1-02", "H1-1.1-03"]);
        let text = "x (MC.1.1.01, MC.1.1.02)";
        let mut out = Vec::new();
        citations(text, 0, text, None, &mut out);
        assert_eq!(&text[out[1].span.clone()], "MC.1.1.02");
    }
}
