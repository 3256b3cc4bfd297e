//! The theme: its Tera templates (from `themes/<theme>/templates/`, or the default theme
//! compiled in), and for each template a key that changes when the template or anything it
//! extends, imports or includes changes, so that `serve` re-renders only the pages using an
//! edited template.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::Path;

use tera::Tera;

use crate::render::{RenderError, escape_html};

/// The default theme's templates, compiled in.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("macros.html", include_str!("../../themes/default/templates/macros.html")),
    ("index.html", include_str!("../../themes/default/templates/index.html")),
    ("school.html", include_str!("../../themes/default/templates/school.html")),
    ("report.html", include_str!("../../themes/default/templates/report.html")),
    ("listing.html", include_str!("../../themes/default/templates/listing.html")),
    ("groups.html", include_str!("../../themes/default/templates/groups.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("search.html", include_str!("../../themes/default/templates/search.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
    ("stats.html", include_str!("../../themes/default/templates/stats.html")),
    ("provinces.html", include_str!("../../themes/default/templates/provinces.html")),
    ("registrations.html", include_str!("../../themes/default/templates/registrations.html")),
    ("data.html", include_str!("../../themes/default/templates/data.html")),
    ("compare.html", include_str!("../../themes/default/templates/compare.html")),
];

/// Templates ready to render, with a key per template.
pub struct Theme {
    /// The compiled templates.
    pub tera: Tera,
    keys: HashMap<String, u64>,
    /// The theme's macros.html has `school_card`: listings get their cards made once per
    /// school ([`CARD_TEMPLATE`]).
    pub has_card: bool,
    /// Some template names `standards`: report pages give `report.standards` (the criteria
    /// table's data, some 25 rows of ten values) only to themes that use it; the default
    /// theme uses `report.criteria_html`.
    pub uses_standards: bool,
}

/// An internal template that renders one school card with the theme's own macro. A school
/// appears in four or five listings; its card is rendered once and reused, with its links
/// made relative to each listing page.
pub const CARD_TEMPLATE: &str = "__card.html";

impl Theme {
    /// The key of template `name`: a hash of its source and of the sources of every template it
    /// uses, directly or not.
    pub fn key(&self, name: &str) -> u64 {
        self.keys.get(name).copied().unwrap_or_default()
    }
}

/// Loads the templates of `theme` for the site at `root`; with `minify`, their markup is
/// minified ([`crate::output::minify_template`]), so that every page comes out minified.
pub fn load_templates(root: &Path, theme: &str, minify: bool) -> Result<Theme, RenderError> {
    let dir = root.join("themes").join(theme).join("templates");
    let sources: BTreeMap<String, String> = if dir.is_dir() {
        let mut sources = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name() {
            let entry = entry.map_err(|e| RenderError::Template(format!("cannot read {}: {e}", dir.display())))?;
            if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "html") {
                continue;
            }
            let name = crate::diagnostic::display_path(&dir, entry.path());
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| RenderError::Template(format!("cannot read {}: {e}", entry.path().display())))?;
            sources.insert(name, text);
        }
        sources
    } else if theme == "default" {
        BUILTIN_TEMPLATES.iter().map(|(n, s)| ((*n).to_owned(), (*s).to_owned())).collect()
    } else {
        return Err(RenderError::NoTheme(theme.to_owned()));
    };
    let has_card = sources.get("macros.html").is_some_and(|m| m.contains("macro school_card("));
    let uses_standards = sources.values().any(|s| s.contains("standards"));
    let card = r#"{% import "macros.html" as m %}{{ m::school_card(s=s, root=root) }}"#;
    let compiled: BTreeMap<&str, std::borrow::Cow<'_, str>> = sources
        .iter()
        .map(|(n, s)| (n.as_str(), if minify { crate::output::minify_template(s).into() } else { s.into() }))
        .collect();
    let mut tera = Tera::default();
    tera.add_raw_templates(
        compiled.iter().map(|(n, s)| (*n, s.as_ref())).chain(has_card.then_some((CARD_TEMPLATE, card))),
    )
    .map_err(template_error)?;
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let keys = sources.keys().map(|name| (name.clone(), key_of(name, &sources))).collect();
    Ok(Theme { tera, keys, has_card, uses_standards })
}

/// Hashes `name` and every template it reaches through `extends`, `import` and `include`.
fn key_of(name: &str, sources: &BTreeMap<String, String>) -> u64 {
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = vec![name.to_owned()];
    while let Some(n) = todo.pop() {
        if let Some(src) = sources.get(&n) {
            todo.extend(uses(src).into_iter().filter(|u| !seen.contains(u)));
        }
        seen.insert(n);
    }
    let mut h = std::hash::DefaultHasher::new();
    for n in &seen {
        (n, sources.get(n)).hash(&mut h);
    }
    h.finish()
}

/// The template names quoted in the `extends`, `import` and `include` tags of `src`.
fn uses(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(start) = rest.find("{%") {
        let tag_end = rest[start..].find("%}").map_or(rest.len(), |e| start + e);
        let tag = rest[start + 2..tag_end].trim_start_matches('-').trim_start();
        if ["extends", "import", "include"].iter().any(|k| tag.starts_with(k)) {
            let mut quoted = tag.split(['"', '\'']).skip(1).step_by(2);
            out.extend(quoted.by_ref().map(str::to_owned));
        }
        rest = &rest[tag_end.min(rest.len())..];
        if rest.len() <= 2 {
            break;
        }
        rest = &rest[2..];
    }
    out
}

/// A Tera error with its causes, which name the template and the line.
pub(crate) fn template_error(e: tera::Error) -> RenderError {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    RenderError::Template(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_uses_what_it_extends_imports_and_includes() {
        let src = r#"{% extends "base.html" %}{% import 'macros.html' as m %}{%- include "part.html" -%}{{ x }}"#;
        assert_eq!(uses(src), ["base.html", "macros.html", "part.html"]);
    }

    #[test]
    fn editing_a_base_template_changes_the_key_of_its_children_only() {
        let mut sources: BTreeMap<String, String> = [
            ("base.html", "<body>{% block b %}{% endblock %}</body>"),
            ("school.html", r#"{% extends "base.html" %}"#),
            ("alone.html", "x"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .collect();
        let before = (key_of("school.html", &sources), key_of("alone.html", &sources));
        sources.insert("base.html".into(), "<body>{% block b %}{% endblock %}!</body>".into());
        assert_ne!(key_of("school.html", &sources), before.0);
        assert_eq!(key_of("alone.html", &sources), before.1);
    }
}
