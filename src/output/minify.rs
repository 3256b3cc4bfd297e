//! `minify = true`: drops the indentation and blank lines that templates leave between tags.
//!
//! A full HTML minifier (parse, drop optional quotes and tags) took a fifth of a whole build's
//! time for a few percent fewer bytes after gzip. This pass is one linear scan that only
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

/// Minifies a page's HTML (see the module doc); the result renders the same.
pub fn minify_html(b: &[u8]) -> Vec<u8> {
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
            // Whitespace at the very start or end of the document shows nothing.
            if start == 0 || i == b.len() {
                continue;
            }
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
    use super::minify_html;

    fn min(s: &str) -> String {
        String::from_utf8(minify_html(s.as_bytes())).unwrap()
    }

    #[test]
    fn indentation_and_blank_lines_between_tags_become_one_line_break() {
        assert_eq!(min("<ul>\n    <li>a</li>\n\n    <li>b</li>\n</ul>\n"), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
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
    fn unterminated_input_ends_without_panicking() {
        assert_eq!(min("<pre>  a"), "<pre>  a");
        assert_eq!(min("<a title=\"x  "), "<a title=\"x  ");
        assert_eq!(min("<!-- x"), "<!-- x");
        assert_eq!(min("<"), "<");
    }
}
