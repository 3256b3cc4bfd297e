//! `minify = true`: drops the indentation and blank lines that templates leave between tags.
//!
//! It runs once on the theme's templates as they are loaded, not on every page: minifying
//! each page took a fifth of a whole build with a full HTML minifier, and still 6% with this
//! pass, for a few bytes per page (the default templates are written compactly); what content
//! brings into a page is left as written. The pass is one linear scan that only
//! shortens whitespace where HTML gives it no meaning: outside tags, a run of whitespace shows
//! as one space, so a run that holds a line break becomes one `\n` and any other run one space;
//! inside a tag, between attributes, the same. Attribute values, comments and the content of
//! `pre`, `textarea`, `script` and `style` are copied unchanged.

/// Elements whose content keeps its whitespace (or is not HTML at all).
const VERBATIM: [&[u8]; 4] = [b"pre", b"textarea", b"script", b"style"];

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// The verbatim element that a tag starting at `html[at]` (`<`) opens, if any.
fn opens_verbatim(html: &[u8], at: usize) -> Option<&'static [u8]> {
    let name = &html[at + 1..];
    VERBATIM.into_iter().find(|v| {
        name.len() > v.len()
            && name[..v.len()].eq_ignore_ascii_case(v)
            && (is_space(name[v.len()]) || matches!(name[v.len()], b'>' | b'/'))
    })
}

/// Where the closing tag `</name` starts at or after `from`, or the end of `html`.
fn closing(html: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = memchr::memchr(b'<', &html[i..]) {
        let at = i + p;
        let rest = &html[at..];
        if rest.len() > name.len() + 1 && rest[1] == b'/' && rest[2..2 + name.len()].eq_ignore_ascii_case(name) {
            return at;
        }
        i = at + 1;
    }
    html.len()
}

/// The index of the first byte from `from` on that is `stop` or starts whitespace to shorten
/// (anything but one space between two other characters, which stays as it is).
fn copy_until(b: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
    let mut j = from;
    while j < b.len() {
        let x = b[j];
        if x > b' ' {
            if stop(x) {
                return j;
            }
        } else if is_space(x) && !(x == b' ' && j + 1 < b.len() && !is_space(b[j + 1])) {
            return j;
        }
        j += 1;
    }
    j
}

/// Minifies the markup of a Tera template (`minify = true`): the theme's own whitespace is
/// shortened once, when the templates are loaded, instead of in every page. Template tags
/// (`{{ … }}`, `{% … %}`, `{# … #}`, raw blocks) are kept as they are and count as text; the
/// whitespace that content brings into a page is left as written (it shows the same).
pub fn minify_template(src: &str) -> String {
    // Tags are swapped for placeholders (private-use characters around an index), which the
    // minifier sees as plain text, then put back.
    let mut tags: Vec<&str> = Vec::new();
    let mut marked = String::with_capacity(src.len());
    let mut rest = src;
    while let Some(start) = ["{{", "{%", "{#"].iter().filter_map(|o| rest.find(o)).min() {
        let close = match &rest[start..start + 2] {
            "{{" => "}}",
            "{%" => "%}",
            _ => "#}",
        };
        let Some(len) = rest[start + 2..].find(close).map(|e| e + 4) else { break };
        let mut end = start + len;
        let tag = rest[start + 2..end - 2].trim_matches(|c: char| c == '-' || c.is_whitespace());
        if tag == "raw" {
            // Everything up to the end of the raw block is output as written.
            let endraw = rest[end..].find("endraw").and_then(|e| rest[end + e..].find("%}").map(|c| end + e + c + 2));
            end = endraw.unwrap_or(rest.len());
        }
        marked.push_str(&rest[..start]);
        marked.push_str(&format!("\u{e000}{}\u{e001}", tags.len()));
        tags.push(&rest[start..end]);
        rest = &rest[end..];
    }
    marked.push_str(rest);
    let min = String::from_utf8(minify(marked.as_bytes())).expect("only ASCII whitespace is removed");
    let mut out = String::with_capacity(min.len());
    let mut rest = min.as_str();
    while let Some(open) = rest.find('\u{e000}') {
        let close = rest[open..].find('\u{e001}').map_or(rest.len(), |c| open + c);
        out.push_str(&rest[..open]);
        let index: usize = rest[open + '\u{e000}'.len_utf8()..close].parse().expect("a placeholder made above");
        out.push_str(tags[index]);
        rest = &rest[close + '\u{e001}'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// Shortens whitespace in HTML (see the module doc); the result renders the same. A run at
/// the very start or end becomes one character too, not nothing: a template's output may be
/// joined to other text.
fn minify(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    // Inside a tag, and then inside a quoted attribute value (its quote).
    let mut in_tag = false;
    let mut quote: Option<u8> = None;
    // The verbatim element whose opening tag is being read.
    let mut verbatim: Option<&[u8]> = None;
    while i < b.len() {
        let c = b[i];
        if let Some(q) = quote {
            // Copy the value up to its closing quote at once.
            let end = memchr::memchr(q, &b[i..]).map_or(b.len(), |p| i + p + 1);
            out.extend_from_slice(&b[i..end]);
            i = end;
            quote = None;
            continue;
        }
        if is_space(c) {
            let start = i;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            let run = &b[start..i];
            out.push(if run.contains(&b'\n') && !in_tag { b'\n' } else { b' ' });
            continue;
        }
        if in_tag {
            match c {
                b'"' | b'\'' => quote = Some(c),
                b'>' => {
                    in_tag = false;
                    out.push(c);
                    i += 1;
                    if let Some(name) = verbatim.take() {
                        let end = closing(b, i, name);
                        out.extend_from_slice(&b[i..end]);
                        i = end;
                    }
                    continue;
                }
                _ => {
                    let next = copy_until(b, i, |x| matches!(x, b'"' | b'\'' | b'>'));
                    out.extend_from_slice(&b[i..next]);
                    i = next;
                    continue;
                }
            }
            out.push(c);
            i += 1;
            continue;
        }
        if c == b'<' {
            if b[i..].starts_with(b"<!--") {
                let end = memchr::memmem::find(&b[i + 4..], b"-->").map_or(b.len(), |p| i + 4 + p + 3);
                out.extend_from_slice(&b[i..end]);
                i = end;
                continue;
            }
            // The opening tag is minified like any other; a verbatim element's content is not.
            verbatim = opens_verbatim(b, i);
            in_tag = true;
            out.push(c);
            i += 1;
            continue;
        }
        // Copy text up to the next character that needs a look.
        let next = copy_until(b, i + 1, |x| x == b'<');
        out.extend_from_slice(&b[i..next]);
        i = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::minify_template;

    fn min(s: &str) -> String {
        minify_template(s)
    }

    #[test]
    fn indentation_and_blank_lines_between_tags_become_one_line_break() {
        assert_eq!(min("<ul>\n    <li>a</li>\n\n    <li>b</li>\n</ul>\n"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
        assert_eq!(min("<p>Trường   Tiểu\thọc</p>"), "<p>Trường Tiểu học</p>");
    }

    #[test]
    fn whitespace_that_shows_is_never_removed() {
        // One space between inline elements is visible; it stays.
        assert_eq!(min("<b>a</b> <i>b</i>"), "<b>a</b> <i>b</i>");
        assert_eq!(min("<b>a</b>\n  <i>b</i>"), "<b>a</b>\n<i>b</i>");
    }

    #[test]
    fn attribute_values_comments_and_preformatted_text_are_kept() {
        assert_eq!(min("<a  title=\"a   b\"\n   href='x  y'>t</a>"), "<a title=\"a   b\" href='x  y'>t</a>");
        assert_eq!(
            min("<pre class=\"x\">  a\n\n    b</pre>\n  <p>c</p>"),
            "<pre class=\"x\">  a\n\n    b</pre>\n<p>c</p>"
        );
        assert_eq!(min("<textarea>  x  </textarea>"), "<textarea>  x  </textarea>");
        assert_eq!(
            min("<script src=\"s.js\">  </script>  <PRE>  z </PRE>"),
            "<script src=\"s.js\">  </script> <PRE>  z </PRE>"
        );
        assert_eq!(min("<!--  a  b -->"), "<!--  a  b -->");
        // `<prefix>` is not `<pre>`.
        assert_eq!(min("<prefix>  a  </prefix>"), "<prefix> a </prefix>");
    }

    #[test]
    fn templates_keep_their_tags_and_raw_blocks() {
        let src = "{% extends \"base.html\" %}\n{% block content %}\n<ul>\n    {%- for s in list %}\n    <li class=\"{{ s.kind }}\">{{ s.name | default(value=\"a  <b>\") }}</li>\n    {%- endfor %}\n</ul>\n{# a  comment #}  {% raw %}  {{ x }}  <p>\n\n</p>{% endraw %}\n<pre>  {{ code }}\n\n  </pre>\n{% endblock content %}\n";
        assert_eq!(
            minify_template(src),
            "{% extends \"base.html\" %}\n{% block content %}\n<ul>\n{%- for s in list %}\n<li class=\"{{ s.kind }}\">{{ s.name | default(value=\"a  <b>\") }}</li>\n{%- endfor %}\n</ul>\n{# a  comment #} {% raw %}  {{ x }}  <p>\n\n</p>{% endraw %}\n<pre>  {{ code }}\n\n  </pre>\n{% endblock content %}\n"
        );
        // An unclosed tag is left as text.
        assert_eq!(minify_template("a  {{ b"), "a {{ b");
    }

    #[test]
    fn unterminated_input_ends_without_panicking() {
        assert_eq!(min("<pre>  a"), "<pre>  a");
        assert_eq!(min("<a title=\"x  "), "<a title=\"x  ");
        assert_eq!(min("<!-- x"), "<!-- x");
        assert_eq!(min("<"), "<");
    }
}
