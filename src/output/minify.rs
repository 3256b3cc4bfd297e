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
/// whitespace that content brings into a page is left as written.
pub fn minify_template(src: &str) -> String {
    let out = minify_html::minify(src.as_bytes(), &template_cfg());
    // minify-html only removes or re-encodes markup of valid UTF-8 input.
    String::from_utf8(out).unwrap_or_else(|_| src.to_owned())
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
    use super::{minify_static, minify_template};

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
}
