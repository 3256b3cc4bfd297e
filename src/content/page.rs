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

/// Slug of the page that explains levels and validity, which every level on the site links to.
pub const GUIDE_SLUG: &str = "huong-dan";

/// The default theme's explanation of levels (`themes/default/huong-dan.md`), published at
/// `/huong-dan/` when the site has no content page of that slug, so the links beside every
/// level always lead somewhere.
pub fn builtin_guide() -> &'static Page {
    static GUIDE: std::sync::LazyLock<Page> = std::sync::LazyLock::new(|| {
        const TEXT: &str = include_str!("../../themes/default/huong-dan.md");
        let mut diags = Diagnostics::new();
        parse(GUIDE_SLUG, "themes/default/huong-dan.md", TEXT, &mut diags).expect("the built-in guide has a title")
    });
    &GUIDE
}

/// The content pages with the built-in guide ([`builtin_guide`]) after them when none of
/// them has its slug.
pub fn with_guide(pages: &[Page]) -> std::borrow::Cow<'_, [Page]> {
    if pages.iter().any(|p| p.slug == GUIDE_SLUG) {
        std::borrow::Cow::Borrowed(pages)
    } else {
        let mut all = pages.to_vec();
        all.push(builtin_guide().clone());
        std::borrow::Cow::Owned(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_guide_parses_and_explains_every_scale() {
        let g = builtin_guide();
        assert_eq!(with_guide(std::slice::from_ref(g)).len(), 1);
        assert_eq!(with_guide(&[]).last(), Some(g));
        assert_eq!(g.slug, GUIDE_SLUG);
        for words in ["Cấp độ 4", "Mức độ 2", "Mức 3/4", "Mức 2/2", "05 năm", "57/2026/TT-BGDĐT"] {
            assert!(g.body.contains(words), "{words}");
        }
    }
}
