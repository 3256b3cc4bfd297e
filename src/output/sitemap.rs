//! `sitemap.xml` and `robots.txt`.

use crate::calendar::Date;

/// One URL of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Root-relative URL.
    pub url: String,
    /// Last change of what the page shows.
    pub lastmod: Date,
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The sitemap of `entries` (sorted by URL) under `base_url`.
pub fn sitemap(base_url: &str, entries: &[Entry]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for e in entries {
        out.push_str(&format!(
            "  <url><loc>{}/{}</loc><lastmod>{}</lastmod></url>\n",
            xml_escape(base_url),
            xml_escape(&e.url),
            e.lastmod
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything allowed and the sitemap named; a drafts preview is closed to robots.
pub fn robots(base_url: &str, drafts: bool) -> String {
    if drafts {
        "User-agent: *\nDisallow: /\n".to_owned()
    } else {
        format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}/sitemap.xml\n")
    }
}
