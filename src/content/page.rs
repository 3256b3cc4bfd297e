//! `content/pages/<slug>.md`: free pages (about, guide for parents).

use crate::content::fields::{Fields, parse_document};
use crate::content::report::split_front_matter;
use crate::diagnostic::{Code, Diagnostics, Source};

/// A content page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// URL segment (file stem).
    pub slug: String,
    /// Path relative to the site root.
    pub file: String,
    /// Title from the front matter.
    pub title: String,
    /// Markdown body.
    pub body: String,
}

/// Parses a page file (text already NFC).
pub fn parse(slug: &str, file: &str, text: &str, diags: &mut Diagnostics) -> Option<Page> {
    let source = Source { file, text };
    let Some(split) = split_front_matter(text) else {
        diags.report_file(Code::ReportFrontMatter, file, crate::msg!("page-front-matter"));
        return None;
    };
    let doc = parse_document(split.front, source, split.front_start, diags)?;
    let f = Fields::new(
        doc.get_ref(),
        doc.span(),
        source,
        split.front_start,
        Code::ReportFrontMatter,
        Code::ReportFrontMatter,
        "+++ … +++",
    );
    f.unknown_keys(diags, &["title"]);
    let title = f.required_string(diags, "title", "\"Giới thiệu\"")?;
    Some(Page {
        slug: slug.to_owned(),
        file: file.to_owned(),
        title: title.value,
        body: text[split.body_start..].to_owned(),
    })
}
