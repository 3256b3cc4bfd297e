//! Markdown to safe HTML: headings get stable ids (`tieu-chi-1-1`), evidence codes become
//! links to the evidence list, links to `files/…` point at the attachments, the evidence
//! table is taken out as data, and everything is sanitised with an allow-list (ammonia).

use rustc_hash::{FxHashMap, FxHashSet};

use pulldown_cmark::{Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::check::links::{Target, target};
use crate::content::outline::{HeadingKind, classify, code_groups, is_code_like, looks_like_code, markdown_options};
use crate::render::{Escaped, escape_html};
use crate::text::{collapse_whitespace, fold, slugify};

/// The evidence list of a report (the first table under `Danh mục minh chứng`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EvidenceTable {
    /// Header cells.
    pub columns: Vec<String>,
    /// Rows in order (not given to templates, which get `rows_html`).
    #[serde(skip)]
    pub rows: Vec<EvidenceRow>,
    /// The rows as HTML: `<tbody>` groups split at sub-heading rows, the code cell of each
    /// row a row header with the row's anchor. Made here rather than by the template: a
    /// report lists 30 to 50 pieces of evidence, and looping over them cell by cell was the
    /// largest part of rendering its page.
    pub rows_html: String,
}

impl EvidenceTable {
    fn rows_to_html(&self) -> String {
        use std::fmt::Write;
        let mut h = String::with_capacity(self.rows.len() * 200);
        h.push_str("<tbody>");
        for (i, row) in self.rows.iter().enumerate() {
            if row.group {
                if i > 0 {
                    h.push_str("\n</tbody>\n<tbody>");
                }
                let _ = write!(
                    h,
                    "\n<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{}\">{}</th></tr>",
                    self.columns.len(),
                    Escaped(&row.label)
                );
                continue;
            }
            h.push_str("\n<tr");
            if !row.code.is_empty() && !row.anchor.is_empty() {
                let _ = write!(h, " id=\"{}\"", Escaped(&row.anchor));
            }
            h.push('>');
            for cell in &row.cells {
                let text = Escaped(&cell.text);
                if cell.is_code {
                    let _ = write!(h, "<th scope=\"row\" class=\"nowrap\">{text}</th>");
                } else {
                    let _ = write!(h, "<td>{text}</td>");
                }
            }
            h.push_str("</tr>");
        }
        h.push_str("\n</tbody>");
        h
    }
}

/// One row of the evidence list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceRow {
    /// The evidence code without brackets; empty for a group row.
    pub code: String,
    /// Id of the row, the target of links from the narrative.
    pub anchor: String,
    /// Cells in column order.
    pub cells: Vec<EvidenceCell>,
    /// A sub-heading row (no code).
    pub group: bool,
    /// A sub-heading row's text (its cells joined); empty for other rows.
    pub label: String,
}

/// One cell of the evidence list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceCell {
    /// The cell as plain text.
    pub text: String,
    /// The cell is the row's code (`H1-1.1-01` or `[H1-1.1-01]`): it heads the row.
    pub is_code: bool,
}

/// A heading of the narrative kept for the contents list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Heading text.
    pub title: String,
    /// Its id.
    pub anchor: String,
    /// 1 for a standard, 2 for a criterion.
    pub depth: u8,
}

/// A rendered report body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedReport {
    /// The narrative (everything but the evidence section), sanitised.
    pub narrative_html: String,
    /// Standards and criteria headings.
    pub toc: Vec<TocEntry>,
    /// The evidence list, if the report has one.
    pub evidence: Option<EvidenceTable>,
    /// What follows the evidence table in its section, sanitised.
    pub evidence_extra_html: String,
    /// Ids of every heading in the narrative.
    pub heading_ids: FxHashSet<String>,
}

/// Ids that the report and page templates use themselves; headings never take them.
const RESERVED_IDS: &[&str] = &[
    "noi-dung",
    "q-dau-trang",
    "bc-tieu-chi",
    "bc-bang-tieu-chi",
    "bc-muc-4",
    "bc-bang-muc-4",
    "bc-muc-luc",
    "bc-minh-chung",
    "bc-bang-minh-chung",
    "bc-muc-tiep",
];

/// How links in a body are resolved.
pub struct LinkContext<'a> {
    /// Names of the attachments under `files/`.
    pub attachments: &'a [String],
    /// Prefix from the page to the school folder (`../` on a report page).
    pub to_school: &'a str,
    /// Prefix from the page to the site root.
    pub to_root: &'a str,
}

/// The anchor of an evidence code: `H1-1.1-01` → `mc-h1-1-1-01`, `MC.1.3.01` → `mc-1-3-01`.
pub fn evidence_anchor(code: &str) -> String {
    let slug = slugify(code);
    if slug.starts_with("mc-") { slug } else { format!("mc-{slug}") }
}

/// A heading of a body's events, read once for both passes of [`render_events`].
struct HeadingAt {
    /// Index of its `Start` event.
    start: usize,
    /// Index of its `End` event.
    end: usize,
    /// Its plain text, whitespace collapsed.
    title: String,
    kind: HeadingKind,
}

fn headings_of(events: &[Event<'_>]) -> Vec<HeadingAt> {
    let mut out = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if let Event::Start(Tag::Heading { .. }) = e {
            let end = heading_end(events, i);
            let title = plain_text(&events[i + 1..end]);
            let kind = classify(&title);
            out.push(HeadingAt { start: i, end, title, kind });
        }
    }
    out
}

/// Index of the `End(Heading)` event closing the heading that starts at `i`.
fn heading_end(events: &[Event<'_>], i: usize) -> usize {
    events[i..].iter().position(|e| matches!(e, Event::End(TagEnd::Heading(_)))).map_or(events.len(), |p| i + p)
}

/// `base` (or `muc` when empty), with `-2`, `-3`… added until it is not yet in `ids`; recorded.
fn unique_id(ids: &mut FxHashSet<String>, base: String) -> String {
    let base = if base.is_empty() { "muc".to_owned() } else { base };
    if !ids.contains(&base) {
        ids.insert(base.clone());
        return base;
    }
    let mut n = 2;
    loop {
        let id = format!("{base}-{n}");
        if ids.insert(id.clone()) {
            return id;
        }
        n += 1;
    }
}

fn shift(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        push_plain(&mut s, e);
    }
    collapse_whitespace(s)
}

/// Adds the text of `e` (if any) to `s`.
fn push_plain(s: &mut String, e: &Event<'_>) {
    match e {
        Event::Text(t) | Event::Code(t) => s.push_str(t),
        Event::SoftBreak | Event::HardBreak => s.push(' '),
        _ => {}
    }
}

/// Turns the evidence codes of `text`'s citing brackets ([`code_groups`]) into links to the
/// rows of `listed` codes.
fn link_codes(text: &str, listed: &FxHashSet<String>) -> Option<String> {
    memchr::memchr2(b'[', b'(', text.as_bytes())?;
    let mut out = String::new();
    let mut last = 0;
    let mut changed = false;
    for group in code_groups(text) {
        for (start, token) in group.tokens {
            if looks_like_code(token) && listed.contains(token) {
                out.push_str(&escape_html(&text[last..start]));
                out.push_str(&format!(
                    "<a class=\"mc\" href=\"#{}\">{}</a>",
                    evidence_anchor(token),
                    escape_html(token)
                ));
                last = start + token.len();
                changed = true;
            }
        }
    }
    out.push_str(&escape_html(&text[last..]));
    changed.then_some(out)
}

/// Rewrites a link target (classified as `check` does): `files/…` to the attachment,
/// `/truong/<slug>/…` to that page, web addresses kept; anything else (scripts, paths
/// leaving the folder, unknown targets) is dropped: `None` keeps only the link text.
fn resolve_link(dest: &str, links: &LinkContext<'_>) -> Option<String> {
    match target(dest) {
        Target::External => Some(dest.trim().to_owned()),
        Target::Attachment(name) => {
            links.attachments.iter().any(|a| a == name).then(|| format!("{}files/{name}", links.to_school))
        }
        Target::School(_) => Some(format!("{}{}", links.to_root, dest.trim().trim_start_matches('/'))),
        Target::Script | Target::Escape | Target::Unknown => None,
    }
}

fn sanitize(html: &str) -> String {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(&["id"]).add_allowed_classes("a", &["mc"]).link_rel(None);
    b.clean(html).to_string()
}

/// Merges runs of text events (pulldown-cmark splits text at brackets) so codes are whole.
fn merged(md: &str) -> Vec<Event<'_>> {
    join_texts(Parser::new_ext(md, markdown_options()).collect())
}

/// `events` with every run of consecutive text events joined into one, in place.
fn join_texts<'a>(mut events: Vec<Event<'a>>) -> Vec<Event<'a>> {
    let mut kept = 0;
    for i in 0..events.len() {
        if kept > 0
            && let (Event::Text(prev), Event::Text(t)) = (&events[kept - 1], &events[i])
        {
            let mut joined = String::with_capacity(prev.len() + t.len());
            joined.push_str(prev);
            joined.push_str(t);
            events[kept - 1] = Event::Text(joined.into());
            continue;
        }
        if kept != i {
            events.swap(kept, i);
        }
        kept += 1;
    }
    events.truncate(kept);
    events
}

/// Renders a report body (see the module doc).
pub fn render_report(md: &str, links: &LinkContext<'_>) -> RenderedReport {
    render_events(merged(md), links)
}

/// Renders a report body from its events as the check read them
/// ([`crate::content::outline::parse`]): the text runs that are still apart are joined, as
/// [`render_report`] does.
pub fn render_parsed(parsed: Vec<(Event<'_>, std::ops::Range<usize>)>, links: &LinkContext<'_>) -> RenderedReport {
    // Collected in place: the vector of pairs is reused for the events alone.
    render_events(join_texts(parsed.into_iter().map(|(e, _)| e).collect()), links)
}

fn render_events(mut events: Vec<Event<'_>>, links: &LinkContext<'_>) -> RenderedReport {
    let raw_html = has_raw_html(&events);
    let headings = headings_of(&events);
    // First pass: find the evidence section and its table, so codes link only to listed rows.
    let (evidence, evidence_range) = extract_evidence(&events, &headings);
    let listed: FxHashSet<String> = evidence
        .as_ref()
        .map(|t| t.rows.iter().filter(|r| !r.group).map(|r| r.code.clone()).collect())
        .unwrap_or_default();

    let mut out = RenderedReport { evidence, ..RenderedReport::default() };
    let mut narrative: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut extra: Vec<Event<'_>> = Vec::new();
    // Ids the page template uses itself.
    let mut ids: FxHashSet<String> = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
    // The criteria table's standards (`crate::render::context::table_anchor`).
    ids.extend((1..=30).map(|n| format!("bc-tc-{n}")));
    let mut section: Option<String> = None;
    let mut slugs: FxHashMap<String, String> = FxHashMap::default();
    let mut i = 0;
    let mut in_code = 0usize;
    let mut dropped_links = 0usize;
    let mut table_taken = false;
    let mut next_heading = headings.into_iter().peekable();
    while i < events.len() {
        let in_evidence = evidence_range.as_ref().is_some_and(|r| r.contains(&i));
        if in_evidence && !table_taken && matches!(events[i], Event::Start(Tag::Table(_))) {
            // The evidence table is rendered by the template from `evidence`.
            table_taken = true;
            i += events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Table)))
                .map_or(events.len() - i, |p| p + 1);
            continue;
        }
        let target = if in_evidence { &mut extra } else { &mut narrative };
        match &events[i] {
            Event::Start(Tag::Heading { level, .. }) => {
                while next_heading.next_if(|h| h.start < i).is_some() {}
                let Some(HeadingAt { end, title, kind, .. }) = next_heading.next() else {
                    unreachable!("every heading start is in `headings_of`")
                };
                let base = match &kind {
                    HeadingKind::Standard(n) => format!("tieu-chuan-{n}"),
                    HeadingKind::Criterion(a, b) => format!("tieu-chi-{a}-{b}"),
                    HeadingKind::Evidence => "danh-muc-minh-chung".to_owned(),
                    _ => {
                        // The same sub-section titles come back under every criterion.
                        let s = slugs.entry(title.clone()).or_insert_with(|| slugify(&title)).clone();
                        let s = if s.is_empty() { "muc".to_owned() } else { s };
                        // Sub-sections repeat under every criterion: scope them to it.
                        match &section {
                            Some(prefix) => format!("{prefix}-{s}"),
                            None => s,
                        }
                    }
                };
                match &kind {
                    HeadingKind::Criterion(a, b) => section = Some(format!("tieu-chi-{a}-{b}")),
                    HeadingKind::Standard(n) => section = Some(format!("tieu-chuan-{n}")),
                    HeadingKind::Evidence => section = None,
                    _ if *level == HeadingLevel::H1 => section = None,
                    _ => {}
                }
                let id = unique_id(&mut ids, base);
                match &kind {
                    HeadingKind::Standard(_) => {
                        out.toc.push(TocEntry { title: title.clone(), anchor: id.clone(), depth: 1 })
                    }
                    HeadingKind::Criterion(..) => {
                        out.toc.push(TocEntry { title: title.clone(), anchor: id.clone(), depth: 2 })
                    }
                    _ => {}
                }
                if !in_evidence || kind != HeadingKind::Evidence {
                    out.heading_ids.insert(id.clone());
                    target.push(Event::Start(Tag::Heading {
                        level: shift(*level),
                        id: Some(id.into()),
                        classes: vec![],
                        attrs: vec![],
                    }));
                    let level = shift(*level);
                    target.extend(events[i + 1..end].iter_mut().map(take));
                    target.push(Event::End(TagEnd::Heading(level)));
                }
                i = end + 1;
                continue;
            }
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, link_type, title, id }) => match resolve_link(dest_url, links) {
                Some(dest) => {
                    target.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest.into(),
                        title: title.clone(),
                        id: id.clone(),
                    }));
                    i += 1;
                    continue;
                }
                None => {
                    dropped_links += 1;
                    i += 1;
                    continue;
                }
            },
            Event::End(TagEnd::Link) if dropped_links > 0 => {
                dropped_links -= 1;
                i += 1;
                continue;
            }
            Event::Start(Tag::Image { dest_url, link_type, title, id }) => {
                let dest = resolve_link(dest_url, links).unwrap_or_default();
                target.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: dest.into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
                i += 1;
                continue;
            }
            Event::Text(t) if in_code == 0 => {
                if let Some(html) = link_codes(t, &listed) {
                    target.push(Event::InlineHtml(html.into()));
                    i += 1;
                    continue;
                }
            }
            _ => {}
        }
        target.push(take(&mut events[i]));
        i += 1;
    }
    out.narrative_html = to_html(narrative, raw_html);
    out.evidence_extra_html = to_html(extra, raw_html);
    out
}

/// Moves an event out of the list being walked (each is visited once).
fn take<'a>(e: &mut Event<'a>) -> Event<'a> {
    std::mem::replace(e, Event::SoftBreak)
}

/// True when the Markdown holds HTML of its own (blocks or inline tags).
fn has_raw_html(events: &[Event<'_>]) -> bool {
    events.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
}

/// The HTML of `events`. Markdown without HTML of its own gives only what pulldown-cmark
/// writes, every text and attribute escaped, with link targets already resolved (scripts
/// dropped, see `resolve_link`): there is nothing to sanitise, and the sanitiser (which parses
/// the whole page again) is run only when the author wrote HTML. Table alignment (a `style`
/// attribute) and code languages (a `class`) are dropped either way, as the allow-list would:
/// both paths give the same HTML (tested).
fn to_html(events: Vec<Event<'_>>, raw_html: bool) -> String {
    let mut html = String::new();
    let events = events.into_iter().map(|e| match e {
        Event::Start(Tag::Table(columns)) => Event::Start(Tag::Table(vec![Alignment::None; columns.len()])),
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::Borrowed(""))))
        }
        e => e,
    });
    pulldown_cmark::html::push_html(&mut html, events);
    if raw_html {
        sanitize(&html).trim().to_owned()
    } else {
        // Void elements as the sanitiser writes them (`<br>`, not `<br />`); text and
        // attribute values have `>` escaped, so " />" closes a tag wherever it appears.
        let trimmed = html.trim();
        if memchr::memmem::find(trimmed.as_bytes(), b" />").is_some() {
            trimmed.replace(" />", ">")
        } else if trimmed.len() == html.len() {
            html
        } else {
            trimmed.to_owned()
        }
    }
}

/// Finds the evidence section and the first table in it; returns the table and the range of
/// event indices that make up the table (removed from the narrative) plus the section's
/// other events (rendered as the extra part).
fn extract_evidence(
    events: &[Event<'_>],
    headings: &[HeadingAt],
) -> (Option<EvidenceTable>, Option<std::ops::Range<usize>>) {
    let mut start = None;
    let mut section_level = HeadingLevel::H1;
    for h in headings {
        let i = h.start;
        let Event::Start(Tag::Heading { level, .. }) = &events[i] else { continue };
        if start.is_none() && h.kind == HeadingKind::Evidence {
            start = Some(i);
            section_level = *level;
        } else if let Some(s) = start
            && *level <= section_level
        {
            return (table_in(&events[s..i]), Some(s..i));
        }
    }
    match start {
        Some(s) => (table_in(&events[s..]), Some(s..events.len())),
        None => (None, None),
    }
}

fn table_in(events: &[Event<'_>]) -> Option<EvidenceTable> {
    let start = events.iter().position(|e| matches!(e, Event::Start(Tag::Table(_))))?;
    let mut table = EvidenceTable::default();
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut code_col: Option<usize> = None;
    let mut in_head = false;
    for e in &events[start..] {
        match e {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => {
                table.columns = std::mem::take(&mut row);
                in_head = false;
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(collapse_whitespace(cell.take().unwrap_or_default())),
            Event::End(TagEnd::TableRow) if !in_head => {
                let code_col = *code_col.get_or_insert_with(|| code_column(&table.columns));
                table.rows.push(evidence_row(std::mem::take(&mut row), code_col));
            }
            Event::End(TagEnd::Table) => break,
            other => {
                if let Some(c) = cell.as_mut() {
                    push_plain(c, other);
                }
            }
        }
    }
    let mut seen = FxHashSet::default();
    for r in &mut table.rows {
        if !r.group && !seen.insert(r.anchor.clone()) {
            r.anchor.clear();
        }
    }
    table.rows_html = table.rows_to_html();
    Some(table)
}

/// The column of the evidence codes: the one headed `Mã…`, else the first.
fn code_column(columns: &[String]) -> usize {
    columns.iter().position(|c| fold(c).trim_start().starts_with("ma")).unwrap_or(0)
}

fn evidence_row(cells: Vec<String>, code_col: usize) -> EvidenceRow {
    let code = cells
        .get(code_col)
        .map(|c| c.trim().trim_start_matches('[').trim_end_matches(']').trim().to_owned())
        .unwrap_or_default();
    // A row whose code cell holds no code (empty, or a label such as "Tiêu chí 1.1") is a
    // sub-heading of the list.
    if !is_code_like(&code) {
        let label = cells.join(" ").trim().to_owned();
        let cells = cells.into_iter().map(|text| EvidenceCell { text, is_code: false }).collect();
        return EvidenceRow { anchor: String::new(), code: String::new(), cells, group: true, label };
    }
    let cells = cells
        .into_iter()
        .map(|text| {
            let is_code = !code.is_empty()
                && (text == code || text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) == Some(code.as_str()));
            EvidenceCell { text, is_code }
        })
        .collect();
    EvidenceRow { anchor: evidence_anchor(&code), code, cells, group: false, label: String::new() }
}

/// Renders a content page's Markdown: heading ids, sanitised.
pub fn render_page(md: &str) -> String {
    let mut ids: FxHashSet<String> = RESERVED_IDS.iter().map(|s| (*s).to_owned()).collect();
    let events = merged(md);
    // The page's title is its h1: a page written with `#` headings is moved one level down,
    // one written with `##` is kept, so headings never skip a level.
    let has_h1 = events.iter().any(|e| matches!(e, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })));
    let level_of = |l: HeadingLevel| if has_h1 { shift(l) } else { l };
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let end = heading_end(&events, i);
            let title = plain_text(&events[i + 1..end]);
            let id = unique_id(&mut ids, slugify(&title));
            out.push(Event::Start(Tag::Heading {
                level: level_of(*level),
                id: Some(id.into()),
                classes: vec![],
                attrs: vec![],
            }));
            out.extend(events[i + 1..end].iter().cloned());
            out.push(Event::End(TagEnd::Heading(level_of(*level))));
            i = end + 1;
            continue;
        }
        out.push(events[i].clone());
        i += 1;
    }
    to_html(out, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> LinkContext<'static> {
        LinkContext { attachments: &[], to_school: "../", to_root: "../../../" }
    }

    #[test]
    fn evidence_codes_link_to_listed_rows_only() {
        let md = "# Tiêu chí 1.1: X\nCó kế hoạch [H1-1.1-01][H1-1.1-02; H1-1.1-03] và [ghi chú].\n\n# Danh mục minh chứng\n| Mã | Tên |\n|---|---|\n| **Tiêu chí 1.1** | |\n| [H1-1.1-01] | Kế hoạch |\n| H1-1.1-03 | Biên bản |\n";
        let r = render_report(md, &ctx());
        assert!(
            r.narrative_html.contains(r##"<a class="mc" href="#mc-h1-1-1-01">H1-1.1-01</a>"##),
            "{}",
            r.narrative_html
        );
        assert!(r.narrative_html.contains(r##"<a class="mc" href="#mc-h1-1-1-03">H1-1.1-03</a>"##));
        assert!(r.narrative_html.contains("H1-1.1-02"));
        assert!(!r.narrative_html.contains("#mc-h1-1-1-02"));
        assert!(r.narrative_html.contains("[ghi chú]"));
        assert!(r.narrative_html.contains(r#"<h2 id="tieu-chi-1-1">"#));
        let ev = r.evidence.unwrap();
        assert_eq!(ev.columns, ["Mã", "Tên"]);
        assert!(ev.rows[0].group);
        assert_eq!(ev.rows[1].code, "H1-1.1-01");
        assert_eq!(ev.rows[2].anchor, "mc-h1-1-1-03");
        assert!(!r.narrative_html.contains("Kế hoạch</td>"));
    }

    #[test]
    fn round_bracket_citations_link_too_and_prose_stays_text() {
        let md = "# Tiêu chí 1.1: X\nCó kế hoạch (H1-1.1-01, H1-1.1-03) và nước (H2O) (xem H1-1.1-01) <b>&</b>.\n\n# Danh mục minh chứng\n| Mã | Tên |\n|---|---|\n| H1-1.1-01 | Kế hoạch |\n| H1-1.1-03 | Biên bản |\n";
        let r = render_report(md, &ctx());
        let html = &r.narrative_html;
        assert!(
            html.contains(r##"(<a class="mc" href="#mc-h1-1-1-01">H1-1.1-01</a>, <a class="mc" href="#mc-h1-1-1-03">H1-1.1-03</a>)"##),
            "{html}"
        );
        assert!(html.contains("(H2O) (xem H1-1.1-01)"), "{html}");
    }

    #[test]
    fn raw_html_and_escaping_links_are_neutralised() {
        let md = "<script>alert(1)</script><img src=x onerror=alert(2)>\n\n[a](javascript:alert(3)) [b](../../etc/passwd) [c](files/x.pdf)\n";
        let r = render_report(md, &ctx());
        assert!(!r.narrative_html.contains("<script"));
        assert!(!r.narrative_html.contains("onerror"));
        assert!(!r.narrative_html.contains("javascript:"));
        assert!(!r.narrative_html.contains("passwd\""));
        assert!(!r.narrative_html.contains("href=\"files/x.pdf\""));
    }

    #[test]
    fn attachment_links_point_to_the_school_files() {
        let names = ["bao-cao.pdf".to_owned()];
        let links = LinkContext { attachments: &names, to_school: "../", to_root: "../../../" };
        let r = render_report("[Toàn văn](files/bao-cao.pdf)", &links);
        assert!(r.narrative_html.contains(r#"href="../files/bao-cao.pdf""#), "{}", r.narrative_html);
    }
}

#[cfg(test)]
mod skip_tests {
    use super::*;

    #[test]
    fn markdown_without_html_renders_as_the_sanitiser_would_leave_it() {
        let md = "# Tiêu chuẩn 1: A & B\n\nVăn bản \"trích\" <không phải thẻ> & 'nháy' [MC.1.1.01] *nghiêng* **đậm** ~~xoá~~ `mã <b>`  \nxuống dòng.\n\n\
| Trái | Giữa | Phải |\n|:--|:-:|--:|\n| a | b | c |\n\n```rust\nfn main() { \"<x>\" }\n```\n\n\
> trích dẫn\n\n1. một\n2. hai\n\n- [liên kết](https://example.vn/?a=1&b=\"2\" \"tiêu đề\") [xấu](javascript:alert(1)) ![ảnh](files/a.png \"t\")\n\n---\n";
        let links = LinkContext { attachments: &["a.png".to_owned()], to_school: "../", to_root: "../../../" };
        let fast = render_report(md, &links).narrative_html;
        let events = merged(md);
        assert!(!has_raw_html(&events));
        assert_eq!(sanitize(&fast), fast, "the sanitiser would change nothing");
        assert!(!fast.contains("style=") && !fast.contains("language-") && !fast.contains("javascript"), "{fast}");
    }
}
