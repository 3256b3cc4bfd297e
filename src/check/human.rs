//! `check` for people: each finding in the style of rustc, with the source line and a caret
//! under the fault (annotate-snippets), coloured only on a terminal.

use std::path::Path;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::messages::Lang;
use crate::text::nfc;

/// Where the project's own documentation explains `code` (a section of
/// `docs/huong-dan/ma-loi.md` per code; GitHub's anchor drops the `.`).
pub fn doc_link(code: Code) -> String {
    let anchor: String = code.name().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    format!("docs/huong-dan/ma-loi.md#{anchor}")
}

/// Renders `diags` (sorted) for a terminal or a log, in `lang`; source lines are read from
/// `root`.
pub fn render(diags: &[Diagnostic], root: &Path, color: bool, lang: Lang) -> String {
    // A national site can have tens of thousands of warnings: the files are rendered side by
    // side (each read once), then joined in order.
    diags
        .chunk_by(|a, b| a.file == b.file)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|same_file| render_file(same_file, root, color, lang))
        .collect()
}

/// Renders findings that are all in one file.
fn render_file(diags: &[Diagnostic], root: &Path, color: bool, lang: Lang) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let text = diags
        .first()
        .filter(|d| shows_source(d, root))
        .and_then(|d| std::fs::read(root.join(&d.file)).ok())
        .map(|b| nfc(&String::from_utf8_lossy(&b)));
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        }
        .with_name(d.severity_name(lang));
        let message = d.text(lang);
        let title = level.primary_title(message.as_str()).id(d.code.name());
        // A spreadsheet cell has no source line to quote: its place is named instead.
        let line = text.as_deref().filter(|_| d.place.is_none()).and_then(|t| t.lines().nth(d.line.saturating_sub(1)));
        let report =
            match line {
                Some(line) if !line.trim().is_empty() => {
                    let start = line.char_indices().nth(d.column.saturating_sub(1)).map_or(line.len(), |(i, _)| i);
                    let end = line[start..].chars().next().map_or(start, |c| start + c.len_utf8());
                    let snippet = Snippet::source(line)
                        .line_start(d.line)
                        .path(d.file.as_str())
                        .annotation(AnnotationKind::Primary.span(start..end.max(start)));
                    renderer.render(&[title.element(snippet)])
                }
                // A finding about a whole input file (a Word report) names the file alone.
                _ if d.code.is_import() && d.place.is_none() => {
                    renderer.render(&[title.element(annotate_snippets::Origin::path(d.file.as_str()))])
                }
                _ if d.place.is_some() => {
                    let location = d.location();
                    renderer.render(&[title.element(annotate_snippets::Origin::path(location.as_str()))])
                }
                _ => renderer
                    .render(&[title
                        .element(annotate_snippets::Origin::path(d.file.as_str()).line(d.line).char_column(d.column))]),
            };
        out.push_str(&report);
        let see = crate::msg!("see-docs", link = doc_link(d.code)).render(lang);
        out.push_str(&format!("\n  = {see}\n\n"));
    }
    out
}

/// False for findings about a whole attachment (a PDF or an image is no text to quote, and
/// may be large) and about a symbolic link (its target is outside the site: never read).
fn shows_source(d: &Diagnostic, root: &Path) -> bool {
    d.place.is_none()
        && !d.code.is_import()
        && !matches!(d.code, Code::AttachmentType | Code::AttachmentSanitised)
        && !std::fs::symlink_metadata(root.join(&d.file)).is_ok_and(|m| m.file_type().is_symlink())
}

/// What `build` and `serve` print of their findings: every error in full (they stop the
/// build and must be fixed one by one), and the warnings grouped by code, one line per code
/// with its count and first place, so that the line that matters (the summary, the preview's
/// address) is not buried under dozens of expected warnings. `verbose` prints every warning
/// in full instead, as `check` does.
pub fn render_for_build(diags: &[Diagnostic], root: &Path, color: bool, verbose: bool, lang: Lang) -> String {
    if verbose {
        return render(diags, root, color, lang);
    }
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diags.iter().partition(|d| d.severity == Severity::Error);
    let errors: Vec<Diagnostic> = errors.into_iter().cloned().collect();
    let mut out = render(&errors, root, color, lang);
    out.push_str(&group_warnings(&warnings, lang));
    out
}

/// One line per warning code: `cảnh báo[code] ×N: first message (first place)`, codes in the
/// order of the spec's table, then a line saying how to see each one.
fn group_warnings(warnings: &[&Diagnostic], lang: Lang) -> String {
    use std::fmt::Write;
    if warnings.is_empty() {
        return String::new();
    }
    let mut by_code: std::collections::BTreeMap<Code, Vec<&Diagnostic>> = std::collections::BTreeMap::new();
    for d in warnings {
        by_code.entry(d.code).or_default().push(d);
    }
    let mut out = String::new();
    for (code, ds) in &by_code {
        let first = ds[0];
        let place = first.location();
        let line = if ds.len() > 1 {
            crate::msg!("grouped-warning", code = code, count = ds.len(), message = first.text(lang), place = place)
        } else {
            crate::msg!("grouped-warning-one", code = code, message = first.text(lang), place = place)
        };
        let _ = writeln!(out, "{}", line.render(lang));
    }
    let _ = writeln!(out, "{}\n", crate::msg!("grouped-warnings-total", count = warnings.len()).render(lang));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finding_shows_its_line_with_a_caret() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("school.toml"), "id = \"1\"\nlevel = \"tieu-hocc\"\n").unwrap();
        let d = Diagnostic {
            severity: Severity::Error,
            code: Code::SchoolFieldInvalid,
            file: "school.toml".into(),
            line: 2,
            column: 9,
            place: None,
            message: crate::msg!("keyword-unknown", key = "level", value = "\"tieu-hocc\"", allowed = "tieu-hoc"),
        };
        let text = render(std::slice::from_ref(&d), dir.path(), false, Lang::En);
        assert!(text.contains("error[school.field-invalid]: `level` = \"tieu-hocc\" is not known"), "{text}");
        assert!(text.contains("= see: docs/huong-dan/ma-loi.md#schoolfield-invalid"), "{text}");
        let text = render(&[d], dir.path(), false, Lang::Vi);
        assert!(text.contains("lỗi[school.field-invalid]: `level` = \"tieu-hocc\" không hợp lệ"), "{text}");
        assert!(text.contains("= xem: docs/huong-dan/ma-loi.md#schoolfield-invalid"), "{text}");
        assert!(text.contains("--> school.toml:2:9"), "{text}");
        assert!(text.contains("2 | level = \"tieu-hocc\""), "{text}");
        assert!(text.contains("^"), "{text}");
    }

    #[test]
    fn an_attachment_or_a_link_is_named_without_quoting_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.exe"), b"MZ\x00\x01binary").unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("p.pdf")).unwrap();
        let d = |code, file: &str| Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: 1,
            column: 1,
            place: None,
            message: crate::msg!("attachment-no-extension"),
        };
        let text =
            render(&[d(Code::AttachmentType, "a.exe"), d(Code::PathEscape, "p.pdf")], dir.path(), false, Lang::Vi);
        assert!(text.contains("--> a.exe:1:1") && text.contains("--> p.pdf:1:1"), "{text}");
        assert!(!text.contains("binary") && !text.contains("root"), "{text}");
    }
}
