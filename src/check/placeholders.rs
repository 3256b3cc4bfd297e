//! Values that `minhbach new school` left to be filled in: `school.field-invalid`.
//!
//! A new `school.toml` carries placeholders starting with [`TO_FILL`] ("CHƯA ĐIỀN …") so that
//! `new report` can already work from it. They are an error here, not when the file is read:
//! the school must stay loadable for `new report`, but a build must never publish them.

use crate::diagnostic::{Code, Diagnostics, Source};
use crate::scaffold::TO_FILL;

/// Reports every value of `text` (a `school.toml`) that still starts with [`TO_FILL`],
/// naming its key.
pub fn check(file: &str, text: &str, diags: &mut Diagnostics) {
    let src = Source { file, text };
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if let Some((key, value_at)) = placeholder(line) {
            diags.report(
                Code::SchoolFieldInvalid,
                src,
                line_start + value_at..line_start + line.trim_end().len(),
                crate::msg!("placeholder", key = key, value = line[value_at..].trim_end()),
            );
        }
        line_start += line.len();
    }
}

/// The key and the byte offset of the value when `line` is `key = "CHƯA ĐIỀN …"` (a comment
/// that quotes a placeholder is not one).
fn placeholder(line: &str) -> Option<(&str, usize)> {
    let (key, value) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    if key.is_empty() || key.starts_with('#') || key.contains(char::is_whitespace) {
        return None;
    }
    let value_at = line.len() - value.len() + (value.len() - value.trim_start().len());
    let quoted = line[value_at..].strip_prefix(['"', '\''])?;
    quoted.trim_start().starts_with(TO_FILL).then_some((key, value_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_placeholder_is_an_error_naming_its_key() {
        let text = "# name = \"CHƯA ĐIỀN\" in a comment\nid = \"CHƯA ĐIỀN mã trường th-a\"\nname = \"Trường Tiểu học A\"\ncommune = \"CHƯA ĐIỀN xã/phường\"\n";
        let mut diags = Diagnostics::new();
        check("content/schools/th-a/school.toml", text, &mut diags);
        let found: Vec<_> = diags.into_sorted().into_iter().map(|d| (d.code, d.line, d.column, d.message)).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1, found[0].2), (Code::SchoolFieldInvalid, 2, 6));
        assert!(found[0].3.render(crate::messages::Lang::En).starts_with("`id` still holds"), "{}", found[0].3);
        assert_eq!((found[1].1, found[1].2), (4, 11));
        assert!(found[1].3.render(crate::messages::Lang::En).starts_with("`commune`"), "{}", found[1].3);
    }

    #[test]
    fn a_filled_in_school_has_none() {
        let mut diags = Diagnostics::new();
        check("s.toml", "id = \"75000701\"\nname = \"Trường Tiểu học Đinh Bộ Lĩnh\"\nnote = 'CHƯA xong'\n", &mut diags);
        assert!(diags.is_empty());
    }
}
