//! `sitemap.xml` and `robots.txt`.
//!
//! The sitemap protocol allows 50,000 URLs and 50 MB (uncompressed) per file: a larger site
//! gets a sitemap index at `/sitemap.xml` over `sitemap-1.xml`, `sitemap-2.xml`… each within
//! both limits, so that `robots.txt` and search consoles keep one address.

use crate::calendar::Date;

/// One URL of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Root-relative URL.
    pub url: String,
    /// Last change of what the page shows.
    pub lastmod: Date,
}

/// What one sitemap file may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// URLs in one file.
    pub urls: usize,
    /// Bytes of one file.
    pub bytes: usize,
}

impl Limits {
    /// The protocol's own: 50,000 URLs, 50 MB (52,428,800 bytes).
    pub const PROTOCOL: Limits = Limits { urls: 50_000, bytes: 50 * 1024 * 1024 };
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const URLSET: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_END: &str = "</urlset>\n";

fn url_line(base_url: &str, e: &Entry) -> String {
    format!("  <url><loc>{}/{}</loc><lastmod>{}</lastmod></url>\n", xml_escape(base_url), xml_escape(&e.url), e.lastmod)
}

/// A `<urlset>` file around `lines` (each a `<url>` line).
fn urlset(lines: &str) -> String {
    format!("{HEAD}{URLSET}{lines}{URLSET_END}")
}

/// The sitemap files of `entries` (sorted by URL) as (file name, text): `sitemap.xml` alone
/// when it fits `limits`, else `sitemap.xml` as an index over `sitemap-N.xml` files that each
/// fit.
pub fn files(base_url: &str, entries: &[Entry], limits: Limits) -> Vec<(String, String)> {
    let frame = HEAD.len() + URLSET.len() + URLSET_END.len();
    let mut parts: Vec<(String, Date)> = Vec::new();
    let mut current = String::new();
    let mut count = 0;
    let mut newest: Option<Date> = None;
    for e in entries {
        let line = url_line(base_url, e);
        if count > 0 && (count == limits.urls || frame + current.len() + line.len() > limits.bytes) {
            parts.push((std::mem::take(&mut current), newest.take().unwrap_or(e.lastmod)));
            count = 0;
        }
        current.push_str(&line);
        count += 1;
        newest = Some(newest.map_or(e.lastmod, |d| d.max(e.lastmod)));
    }
    if parts.is_empty() {
        return vec![("sitemap.xml".to_owned(), urlset(&current))];
    }
    if let Some(last) = newest {
        parts.push((current, last));
    }
    let mut out = Vec::with_capacity(parts.len() + 1);
    let mut index = String::from(HEAD);
    index.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, (lines, lastmod)) in parts.into_iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}/{name}</loc><lastmod>{lastmod}</lastmod></sitemap>\n",
            xml_escape(base_url)
        ));
        out.push((name, urlset(&lines)));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, ("sitemap.xml".to_owned(), index));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        let day = |i: usize| Date::from_ymd_opt(2026, 1 + (i % 12) as u32, 1).unwrap();
        (0..n).map(|i| Entry { url: format!("truong/truong-so-{i:06}/"), lastmod: day(i) }).collect()
    }

    /// The protocol's limits hold for every file, and every URL is in exactly one file.
    fn assert_valid(files: &[(String, String)], n: usize, limits: Limits) {
        let mut urls = 0;
        for (name, text) in files {
            assert!(text.len() <= limits.bytes, "{name}: {} bytes", text.len());
            let count = text.matches("<url>").count();
            assert!(count <= limits.urls, "{name}: {count} URLs");
            urls += count;
        }
        assert_eq!(urls, n);
    }

    #[test]
    fn a_small_site_has_one_sitemap() {
        let e = entries(3);
        let files = files("https://x.vn", &e, Limits::PROTOCOL);
        let expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  \
             <url><loc>https://x.vn/truong/truong-so-000000/</loc><lastmod>2026-01-01</lastmod></url>\n  \
             <url><loc>https://x.vn/truong/truong-so-000001/</loc><lastmod>2026-02-01</lastmod></url>\n  \
             <url><loc>https://x.vn/truong/truong-so-000002/</loc><lastmod>2026-03-01</lastmod></url>\n</urlset>\n";
        assert_eq!(files, vec![("sitemap.xml".to_owned(), expected.to_owned())]);
    }

    #[test]
    fn above_fifty_thousand_urls_the_sitemap_is_an_index_within_the_protocol_s_limits() {
        let e = entries(135_870);
        let files = files("https://kiemdinh.moet.gov.vn", &e, Limits::PROTOCOL);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]);
        let index = &files[0].1;
        assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
        assert!(index.contains("<loc>https://kiemdinh.moet.gov.vn/sitemap-3.xml</loc><lastmod>2026-12-01</lastmod>"));
        assert_eq!(index.matches("<sitemap>").count(), 3);
        assert_valid(&files[1..], e.len(), Limits::PROTOCOL);
    }

    #[test]
    fn a_file_is_also_cut_at_the_byte_limit() {
        let e = entries(1_000);
        let limits = Limits { urls: 50_000, bytes: 20_000 };
        let files = files("https://x.vn", &e, limits);
        assert!(files.len() > 2);
        assert_valid(&files[1..], e.len(), limits);
    }
}
