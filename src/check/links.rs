//! Links, images and raw HTML of an approved report: `html.unsafe`, `link.broken`, `path.escape`.

use std::collections::BTreeSet;

use crate::check::ReportSource;
use crate::content::School;
use crate::content::outline::Outline;
use crate::diagnostic::{Code, Diagnostics};

/// What a link target is.
#[derive(Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// A web address, e-mail, phone or an anchor in the page.
    External,
    /// A `javascript:`/`vbscript:`/`data:` URL (removed).
    Script,
    /// `files/<name>` in the school's folder.
    Attachment(&'a str),
    /// `/truong/<slug>/…`: another school's page.
    School(&'a str),
    /// Leaves the school's folder (`..`, absolute, another drive).
    Escape,
    /// Anything else.
    Unknown,
}

/// Classifies a link target as written in a report.
pub fn target(dest: &str) -> Target<'_> {
    let d = dest.trim();
    let lower: String = d.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
    if ["javascript:", "vbscript:", "data:"].iter().any(|s| lower.starts_with(s)) {
        return Target::Script;
    }
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || d.starts_with('#')
    {
        return Target::External;
    }
    if let Some(rest) = d.strip_prefix("/truong/") {
        let slug = rest.split(['/', '#', '?']).next().unwrap_or("");
        if !slug.is_empty() && !rest.contains("..") {
            return Target::School(slug);
        }
    }
    let decoded = lower.replace("%2e", ".").replace("%2f", "/").replace("%5c", "\\");
    if d.starts_with('/') || d.starts_with('\\') || decoded.split(['/', '\\']).any(|s| s == "..") || lower.contains(':')
    {
        return Target::Escape;
    }
    match d.strip_prefix("./").unwrap_or(d).strip_prefix("files/") {
        Some(name) => Target::Attachment(name.split(['#', '?']).next().unwrap_or(name)),
        None => Target::Unknown,
    }
}

const UNSAFE: &[&str] = &[
    "<script",
    "<style",
    "<iframe",
    "<object",
    "<embed",
    "<form",
    "<svg",
    "<math",
    "<link",
    "<meta",
    "<base",
    "javascript:",
    "vbscript:",
    "expression(",
];

fn has_event_handler(lower: &str) -> bool {
    lower.match_indices(" on").any(|(i, _)| {
        let rest = &lower[i + 3..];
        let name_len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        name_len > 0 && rest[name_len..].trim_start().starts_with('=')
    })
}

/// Checks the links and raw HTML of one report.
pub fn check(
    src: &ReportSource<'_>,
    school: &School,
    slugs: &BTreeSet<&str>,
    outline: &Outline,
    diags: &mut Diagnostics,
) {
    for link in &outline.links {
        let image = link.image;
        match target(&link.dest) {
            Target::External => {}
            Target::Script => src.report(
                diags,
                Code::HtmlUnsafe,
                link.span.clone(),
                if image {
                    crate::msg!("image-script", dest = format!("{:?}", link.dest))
                } else {
                    crate::msg!("link-script", dest = format!("{:?}", link.dest))
                },
            ),
            Target::Escape => src.report(
                diags,
                Code::PathEscape,
                link.span.clone(),
                if image {
                    crate::msg!("image-escape", dest = format!("{:?}", link.dest))
                } else {
                    crate::msg!("link-escape", dest = format!("{:?}", link.dest))
                },
            ),
            Target::Attachment(name) => {
                if !school.attachments.iter().any(|a| a.name == name) {
                    src.report(
                        diags,
                        Code::LinkBroken,
                        link.span.clone(),
                        crate::msg!("attachment-missing", name = name, slug = school.slug),
                    );
                }
            }
            Target::School(slug) => {
                if !slugs.contains(slug) {
                    src.report(
                        diags,
                        Code::LinkBroken,
                        link.span.clone(),
                        crate::msg!("school-link-unknown", slug = format!("{slug:?}")),
                    );
                }
            }
            Target::Unknown => src.report(
                diags,
                Code::LinkBroken,
                link.span.clone(),
                if image {
                    crate::msg!("image-nowhere", dest = format!("{:?}", link.dest))
                } else {
                    crate::msg!("link-nowhere", dest = format!("{:?}", link.dest))
                },
            ),
        }
    }
    for html in &outline.html {
        let lower = html.html.to_lowercase();
        if UNSAFE.iter().any(|u| lower.contains(u)) || has_event_handler(&lower) {
            let shown: String = html.html.trim().chars().take(40).collect();
            src.report(
                diags,
                Code::HtmlUnsafe,
                html.span.clone(),
                crate::msg!("html-unsafe", html = format!("{shown:?}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_targets() {
        assert_eq!(target("files/a.pdf"), Target::Attachment("a.pdf"));
        assert_eq!(target("./files/a.pdf#p2"), Target::Attachment("a.pdf"));
        assert_eq!(target("/truong/th-a/2024-2025/"), Target::School("th-a"));
        assert_eq!(target("../x/school.toml"), Target::Escape);
        assert_eq!(target("files/%2e%2e/%2e%2e/config.toml"), Target::Escape);
        assert_eq!(target("/etc/passwd"), Target::Escape);
        assert_eq!(target("C:\\Users\\a.pdf"), Target::Escape);
        assert_eq!(target(" JavaScript:alert(1)"), Target::Script);
        assert_eq!(target("https://moet.gov.vn"), Target::External);
        assert_eq!(target("bao-cao.pdf"), Target::Unknown);
    }

    #[test]
    fn event_handlers_are_found() {
        assert!(has_event_handler("<img src=x onerror=alert(1)>"));
        assert!(has_event_handler("<b onclick = \"x\">"));
        assert!(!has_event_handler("<p>one two</p>"));
    }
}
