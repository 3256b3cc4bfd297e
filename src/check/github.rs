//! `check --format github`: GitHub Actions workflow commands, one per finding, so that
//! findings appear as annotations on the changed lines of a pull request.

use std::fmt::Write as _;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Severity};

/// One `::error …::message` / `::warning …::message` line per finding.
///
/// Paths in findings are relative to the site root; GitHub wants them relative to the
/// repository, so `root` (as given on the command line) is put in front unless it is `.`.
pub fn render(diags: &[Diagnostic], root: &Path, lang: crate::messages::Lang) -> String {
    let prefix = root_prefix(root);
    let mut out = String::new();
    for d in diags {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "::{kind} file={},line={},col={},title={}::{}",
            escape_property(&format!("{prefix}{}", d.file)),
            d.line,
            d.column,
            escape_property(d.code.name()),
            escape_data(&match &d.place {
                Some(place) => format!("{place}: {}", d.text(lang)),
                None => d.text(lang),
            })
        );
    }
    out
}

/// `content/x` stays as is for `--root .`; `--root site` gives `site/content/x`.
fn root_prefix(root: &Path) -> String {
    let parts: Vec<String> = root
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.is_empty() { String::new() } else { format!("{}/", parts.join("/").trim_end_matches('/')) }
}

/// The message part: `%`, CR and LF are escaped (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A property value: as data, and `:` and `,` too, which separate properties
/// (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::messages::Lang;

    fn diag(file: &str, id: &str) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code: Code::SchoolDuplicateId,
            file: file.into(),
            line: 3,
            column: 7,
            place: None,
            message: crate::msg!("duplicate-id", id = id, others = "content/schools/b/school.toml"),
        }
    }

    #[test]
    fn one_workflow_command_per_finding_with_escapes() {
        let out = render(&[diag("content/schools/a,b/school.toml", "50% sai:\nsửa lại")], Path::new("."), Lang::Vi);
        assert!(
            out.starts_with(
                "::error file=content/schools/a%2Cb/school.toml,line=3,col=7,title=school.duplicate-id::id 50%25 sai:%0Asửa lại cũng được dùng ở"
            ),
            "{out}"
        );
        assert_eq!(out.lines().count(), 1);
    }

    #[test]
    fn paths_are_relative_to_the_repository() {
        let out = render(&[diag("content/x.md", "m")], Path::new("./site/"), Lang::En);
        assert!(out.starts_with("::error file=site/content/x.md,"), "{out}");
    }
}
