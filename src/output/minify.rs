//! `minify = true`: the theme's templates, `style.css` and `search.js` are minified with
//! minify-html, once, as they are loaded or copied, never page by page.
//!
//! Minifying every page took a fifth of a whole build for a few bytes a page; the templates
//! are where the theme's whitespace comes from, so minifying them once gives the same pages
//! at no cost per page. Tera's `{{ … }}`, `{% … %}` and `{# … #}` are kept as they are
//! (`preserve_brace_template_syntax`), and the settings keep what the pages need to stay
//! valid HTML whatever a tag outputs: closing tags, `<html>`/`<head>`, quoted attribute
//! values, the doctype.

use minify_html::Cfg;

/// The settings for templates: only changes that are safe whatever the Tera tags output.
fn template_cfg() -> Cfg {
    Cfg {
        preserve_brace_template_syntax: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        keep_comments: false,
        keep_input_type_text_attr: true,
        keep_ssi_comments: false,
        minify_css: false,
        minify_js: false,
        minify_doctype: false,
        allow_noncompliant_unquoted_attribute_values: false,
        allow_removing_spaces_between_attributes: false,
        allow_optimal_entities: false,
        remove_bangs: false,
        remove_processing_instructions: false,
        ..Cfg::default()
    }
}

/// Minifies the markup of a Tera template. Template tags are kept as written; the
/// whitespace that content brings into a page is left as written. A template that minify-html
/// cannot minify without changing it (see [`try_minify`]) is kept as written.
pub fn minify_template(src: &str) -> String {
    try_minify(src).unwrap_or_else(|| src.to_owned())
}

/// The minified template, or `None` when minifying would change its tags. minify-html reads a
/// template as HTML: a Tera tag among a start tag's attributes, a tag name from a variable or
/// double quotes inside a quoted value's Tera tag come out mangled, and an element that the
/// HTML parser closes early (a `<p>` inside a `<p>`, an element opened in one branch of an
/// `if`) loses a closing tag. A theme that has such shapes then still builds, as written,
/// instead of failing on line 1 of a minified template it has never seen.
fn try_minify(src: &str) -> Option<String> {
    let out = String::from_utf8(minify_html::minify(src.as_bytes(), &template_cfg())).ok()?;
    (skeleton(&out) == skeleton(src)).then_some(out)
}

/// The Tera tag that starts `s`, if any, as written (to the end of `s` if unclosed).
fn tera_tag(s: &str) -> Option<&str> {
    let close = match s.as_bytes().get(..2)? {
        b"{{" => "}}",
        b"{%" => "%}",
        b"{#" => "#}",
        _ => return None,
    };
    Some(s[2..].find(close).map_or(s, |e| &s[..e + 4]))
}

/// The Tera tags of a template, as written, and its HTML start and end tags, by lower-case
/// name (`p`, `/p`), in order; comments are left out (the minifier drops them). The tags inside
/// one start tag are sorted: the minifier sorts the attributes, and their order means nothing.
fn skeleton(src: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr::memchr2(b'{', b'<', &src.as_bytes()[i..]) {
        let at = i + p;
        let rest = &src[at..];
        if let Some(tag) = tera_tag(rest) {
            out.push(tag);
            i = at + tag.len();
        } else if rest.starts_with("<!--") {
            i = at + rest.find("-->").map_or(rest.len(), |e| e + 3);
        } else {
            let len = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '/')).map_or(rest.len() - 1, |l| l);
            let name = &rest[1..1 + len];
            i = at + 1 + len;
            if !name.trim_start_matches('/').starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            out.push(name);
            // The attributes, up to the `>` outside quotes and Tera tags.
            let (mut inside, mut quote) = (Vec::new(), None);
            while let Some(&c) = src.as_bytes().get(i) {
                // `{` is ASCII: `i` is then at a character boundary.
                if let Some(tag) = (c == b'{').then(|| tera_tag(&src[i..])).flatten() {
                    inside.push(tag);
                    i += tag.len();
                    continue;
                }
                match (quote, c) {
                    (None, b'>') => break,
                    (None, b'"' | b'\'') => quote = Some(c),
                    (Some(q), _) if q == c => quote = None,
                    _ => {}
                }
                i += 1;
            }
            inside.sort_unstable();
            out.extend(inside);
        }
    }
    out
}

/// Minifies a static file of the theme by its extension (`.css`, `.js`); other files, and a
/// file the minifier cannot shorten, come back unchanged.
pub fn minify_static(name: &str, bytes: &[u8]) -> Vec<u8> {
    let (open, close, cfg) = if name.ends_with(".css") {
        ("<style>", "</style>", Cfg { minify_css: true, ..Cfg::default() })
    } else if name.ends_with(".js") {
        ("<script>", "</script>", Cfg { minify_js: true, ..Cfg::default() })
    } else {
        return bytes.to_vec();
    };
    // minify-html minifies CSS and JS inside HTML: the file is wrapped in its element and
    // taken out again. A file holding the closing tag itself is not wrapped.
    if memchr::memmem::find(bytes, close.as_bytes()).is_some() {
        return bytes.to_vec();
    }
    let mut doc = Vec::with_capacity(bytes.len() + 20);
    doc.extend_from_slice(open.as_bytes());
    doc.extend_from_slice(bytes);
    doc.extend_from_slice(close.as_bytes());
    let out = minify_html::minify(&doc, &cfg);
    match out.strip_prefix(open.as_bytes()).and_then(|o| o.strip_suffix(close.as_bytes())) {
        Some(inner) if inner.len() < bytes.len() => inner.to_vec(),
        _ => bytes.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::{minify_static, minify_template, try_minify};

    #[test]
    fn template_tags_and_raw_blocks_are_kept() {
        let src = "{% extends \"base.html\" %}\n{% block content %}\n<ul>\n    {%- for s in list %}\n    <li class=\"{{ s.kind }}\">{{ s.name | default(value=\"a  <b>\") }}</li>\n    {%- endfor %}\n</ul>\n{# a  comment #}\n{% endblock content %}\n";
        let min = minify_template(src);
        for tag in [
            "{% extends \"base.html\" %}",
            "{%- for s in list %}",
            "{{ s.name | default(value=\"a  <b>\") }}",
            "{%- endfor %}",
            "{% endblock content %}",
        ] {
            assert!(min.contains(tag), "{tag} lost: {min}");
        }
        assert!(min.contains("<li class=\"{{ s.kind }}\">"), "attribute quotes kept: {min}");
        assert!(min.contains("</li>") && min.contains("</ul>"), "closing tags kept: {min}");
        assert!(min.len() < src.len(), "{min}");
    }

    #[test]
    fn whitespace_that_shows_and_preformatted_text_are_kept() {
        let min =
            minify_template("<p>\n    <b>a</b> <i>b</i>\n</p>\n<pre>  a\n\n    b</pre>\n<textarea>  x  </textarea>");
        assert!(min.contains("<b>a</b> <i>b</i>"), "{min}");
        assert!(min.contains("<pre>  a\n\n    b</pre>"), "{min}");
        assert!(min.contains("<textarea>  x  </textarea>"), "{min}");
    }

    #[test]
    fn the_doctype_and_the_document_tags_stay() {
        let min = minify_template(
            "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n",
        );
        assert!(min.starts_with("<!doctype html><html lang=vi><head>"), "{min}");
        assert!(min.contains("</body></html>"), "{min}");
    }

    #[test]
    fn minification_is_deterministic() {
        let src = include_str!("../../themes/default/templates/base.html");
        assert_eq!(minify_template(src), minify_template(src));
        let css = include_bytes!("../../themes/default/static/style.css");
        assert_eq!(minify_static("style.css", css), minify_static("style.css", css));
    }

    #[test]
    fn static_css_and_js_shrink_and_other_files_do_not_change() {
        let css = b"body {\n  color: #000000;\n  margin: 0px;\n}\n";
        let min = minify_static("a.css", css);
        assert!(min.len() < css.len(), "{}", String::from_utf8_lossy(&min));
        assert!(String::from_utf8_lossy(&min).contains("body{"), "{}", String::from_utf8_lossy(&min));
        let js = b"function add(first, second) {\n  // sum\n  return first + second;\n}\nwindow.add = add;\n";
        let min = String::from_utf8(minify_static("a.js", js)).unwrap();
        assert!(min.len() < js.len() && min.contains("window.add"), "{min}");
        assert_eq!(minify_static("a.svg", b"<svg>  </svg>"), b"<svg>  </svg>");
        assert_eq!(minify_static("a.js", b"x('</script>')"), b"x('</script>')");
    }

    #[test]
    fn raw_blocks_and_attribute_values_are_kept() {
        let src =
            "<div>\n  {% raw %}  {{ x }}  <b>y</b>{% endraw %}\n  <a  title=\"a   b\"\n   href='x  y'>t</a>\n</div>";
        let min = minify_template(src);
        assert!(min.contains("{% raw %}") && min.contains("{{ x }}") && min.contains("{% endraw %}"), "{min}");
        assert!(min.contains("title=\"a   b\"") && min.contains("href=\"x  y\""), "{min}");
        assert!(min.len() < src.len(), "{min}");
    }

    #[test]
    fn a_template_that_minify_html_would_change_is_kept_as_written() {
        for src in [
            "<a href=\"{{ root }}x\"{% if a == b %} aria-current=\"page\"{% endif %}>t</a>\n",
            "<{{ heading }} class=\"x\">  a  </{{ heading }}>\n",
            "<option value=\"{{ u | split(pat=\"/\") | nth(n=1) }}\">  x  </option>\n",
            "<p>\n  a {% raw %}<p>b</p>{% endraw %}\n</p>\n",
        ] {
            assert_eq!(try_minify(src), None, "{src}");
            assert_eq!(minify_template(src), src);
        }
    }

    #[test]
    fn every_template_of_the_default_theme_is_minified() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates");
        let mut n = 0;
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            let src = std::fs::read_to_string(&path).unwrap();
            let min = try_minify(&src).unwrap_or_else(|| panic!("{} is kept as written", path.display()));
            assert!(min.len() < src.len(), "{}", path.display());
            n += 1;
        }
        assert!(n >= 10, "{n} templates");
    }
}
