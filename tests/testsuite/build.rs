//! Building a small fixture site: what must always hold of the output.

use std::fs;
use std::process::Command;

use minhbach::BuildError;
use minhbach::diagnostic::Code;

use crate::util::*;

#[test]
fn a_draft_report_never_reaches_any_output_file() {
    let site = fixture_copy("small");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path()).unwrap();
    let tree = read_tree(out.path());
    assert!(tree.contains_key("truong/th-dinh-bo-linh/2024-2025/index.html"));
    assert!(
        !tree.keys().any(|k| k.contains("2026-2027") && k.contains("th-dinh-bo-linh")),
        "a draft year page was written"
    );
    for (path, bytes) in &tree {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("NỘI DUNG NHÁP BÍ MẬT"), "draft text leaked into {path}");
        assert!(!text.contains("th-dinh-bo-linh/2026-2027"), "a link to the draft leaked into {path}");
    }
}

#[test]
fn two_builds_at_different_times_are_byte_identical() {
    let site = fixture_copy("small");
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build_into(site.path(), a.path()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build_into(site.path(), b.path()).unwrap();
    let (ta, tb) = (read_tree(a.path()), read_tree(b.path()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = fixture_copy("small");
    let out_parent = tempfile::tempdir().unwrap();
    let out = out_parent.path().join("output");
    build_into(site.path(), &out).unwrap();
    let before = read_tree(&out);

    let school = site.path().join("content/schools/mn-script/school.toml");
    let mut text = fs::read_to_string(&school).unwrap();
    text.push_str("students = \"many\nclasses = 3\n");
    fs::write(&school, text).unwrap();

    let err = build_into(site.path(), &out).unwrap_err();
    let BuildError::Content(diags) = err else { panic!("expected content errors, got {err:?}") };
    let syntax = diags.iter().find(|d| d.code == Code::TomlSyntax).expect("a toml.syntax finding");
    assert_eq!(syntax.file, "content/schools/mn-script/school.toml");
    assert_eq!(syntax.line, 6);
    assert_eq!(read_tree(&out), before, "output changed after a failed build");
    let leftovers: Vec<_> = fs::read_dir(out_parent.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, ["output"], "staging folders were left behind");
}

#[test]
fn the_command_names_the_file_and_line_and_exits_1() {
    let site = fixture_copy("small");
    let school = site.path().join("content/schools/th-dinh-bo-linh/school.toml");
    let text = fs::read_to_string(&school).unwrap().replace("classes = 24", "classes = = 24");
    fs::write(&school, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach")).args(["build", "--root"]).arg(site.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("content/schools/th-dinh-bo-linh/school.toml:11:"), "{stderr}");
    assert!(stderr.contains("toml.syntax"), "{stderr}");
    assert!(!site.path().join("output").exists(), "output was written despite the error");
}

#[test]
fn content_text_is_escaped() {
    let site = fixture_copy("small");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path()).unwrap();
    let tree = read_tree(out.path());
    let school = page(&tree, "truong/mn-script/index.html");
    assert!(school.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is not shown as text");
    assert!(school.contains("&lt;img src=x onerror=alert(2)&gt;"));
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let text = String::from_utf8_lossy(bytes);
        assert!(foreign_scripts(&text).is_empty(), "a script element other than the theme's in {path}");
        assert!(!text.contains("alert(\"body\")"), "a script from a report body in {path}");
        assert!(!text.contains("<img src=x"), "raw HTML from content in {path}");
    }
    let report = page(&tree, "truong/mn-script/2026-2027/index.html");
    assert!(report.contains("&lt;b&gt;Chưa có&lt;/b&gt; sân chơi riêng"), "a note is not escaped");
}

#[test]
fn every_internal_link_resolves() {
    let site = fixture_copy("small");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path()).unwrap();
    let tree = read_tree(out.path());
    let broken = broken_links(&tree);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(tree.contains_key("truong/th-dinh-bo-linh/files/bao-cao-2024-2025.pdf"));
    assert!(
        page(&tree, "truong/th-dinh-bo-linh/2024-2025/index.html").contains("href=\"../files/bao-cao-2024-2025.pdf\"")
    );
}

#[test]
fn status_pages_sitemap_and_robots_are_written() {
    let site = fixture_copy("small");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path()).unwrap();
    let tree = read_tree(out.path());
    for url in [
        "index.html",
        "404.html",
        "dia-ban/index.html",
        "dia-ban/phuong-tran-bien/index.html",
        "dia-ban/huyen-cu/thanh-pho-bien-hoa/index.html",
        "cap-hoc/tieu-hoc/index.html",
        "kiem-dinh/cap-do-2/index.html",
        "chuan-quoc-gia/muc-do-1/index.html",
        "chua-cong-nhan/index.html",
        "sap-het-han/index.html",
        "het-hieu-luc/index.html",
        "gioi-thieu/index.html",
        "robots.txt",
        "sitemap.xml",
    ] {
        assert!(tree.contains_key(url), "{url} missing");
    }
    // The school with cấp độ 2 until 20/05/2027 is expiring on 23/11/2026 (180 days).
    assert!(page(&tree, "sap-het-han/index.html").contains("Trường Tiểu học Đinh Bộ Lĩnh"));
    assert!(page(&tree, "kiem-dinh/cap-do-2/index.html").contains("Trường Tiểu học Đinh Bộ Lĩnh"));
    assert!(!page(&tree, "kiem-dinh/cap-do-1/index.html").contains("Trường Tiểu học Đinh Bộ Lĩnh"));
    assert!(page(&tree, "chua-cong-nhan/index.html").contains("&lt;script&gt;"));
    let sitemap = page(&tree, "sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://kiemdinh.example.gov.vn/truong/th-dinh-bo-linh/2024-2025/</loc><lastmod>2025-06-15</lastmod>"
    ));
    assert!(!sitemap.contains("404"));
    assert!(page(&tree, "robots.txt").contains("Sitemap: https://kiemdinh.example.gov.vn/sitemap.xml"));
}

#[test]
fn the_report_page_shows_the_computed_level_and_the_criteria_table_first() {
    let site = fixture_copy("small");
    let report = site.path().join("content/schools/th-dinh-bo-linh/2024-2025.md");
    // Claim Mức 3 while the results give Mức 2: check refuses it (level.mismatch).
    let text = fs::read_to_string(&report).unwrap().replace("claimed_level = 2", "claimed_level = 3");
    fs::write(&report, text).unwrap();
    let out = tempfile::tempdir().unwrap();
    let BuildError::Content(diags) = build_into(site.path(), out.path()).unwrap_err() else { panic!() };
    let mismatch = diags.iter().find(|d| d.code == Code::LevelMismatch).unwrap();
    assert_eq!((mismatch.file.as_str(), mismatch.line), ("content/schools/th-dinh-bo-linh/2024-2025.md", 4));
    assert!(mismatch.text(minhbach::messages::Lang::Vi).contains("Mức 3"), "{}", mismatch.message);

    let site = fixture_copy("small");
    build_into(site.path(), out.path()).unwrap();
    let tree = read_tree(out.path());
    let html = page(&tree, "truong/th-dinh-bo-linh/2024-2025/index.html");
    let table = html.find("id=\"bc-bang-tieu-chi\"").unwrap();
    let narrative = html.find("id=\"dat-van-de\"").unwrap();
    let evidence = html.find("id=\"mc-h1-1-1-01\"").unwrap();
    assert!(table < narrative && narrative < evidence, "order must be criteria table, narrative, evidence list");
    assert!(html.contains("Đạt Mức 2"));
    assert!(html.contains("<a class=\"mc\" href=\"#mc-h1-1-1-02\">H1-1.1-02</a>"));
}

#[test]
fn a_missing_config_is_exit_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach")).args(["build", "--root"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("config.toml"));
}

#[test]
fn nfd_text_is_normalised_to_nfc_silently() {
    use unicode_normalization::UnicodeNormalization;
    let site = fixture_copy("small");
    let school = site.path().join("content/schools/th-dinh-bo-linh/school.toml");
    let nfd: String = fs::read_to_string(&school).unwrap().nfd().collect();
    assert!(nfd.contains("Bo\u{323}\u{302}"), "the fixture must really be decomposed");
    fs::write(&school, nfd).unwrap();
    let out = tempfile::tempdir().unwrap();
    let summary = build_into(site.path(), out.path()).unwrap();
    assert!(
        summary
            .warnings
            .iter()
            .all(|w| matches!(w.code, Code::DecisionExpiring | Code::HtmlUnsafe | Code::ResultsRepealed))
    );
    let html = page(&read_tree(out.path()), "truong/th-dinh-bo-linh/index.html").into_owned();
    assert!(html.contains("<h1>Trường Tiểu học Đinh Bộ Lĩnh</h1>"));
    assert!(!html.contains('\u{323}'), "decomposed marks reached the page");
}

#[test]
fn a_theme_that_loops_over_report_standards_gets_them_and_the_same_table() {
    // The default theme prints `report.criteria_html`; `report.standards` is only serialised
    // for themes that name it. A theme doing the table itself must see every criterion.
    let site = fixture_copy("small");
    copy_tree(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &site.path().join("themes/default"),
    );
    let report = site.path().join("themes/default/templates/report.html");
    let template = fs::read_to_string(&report).unwrap();
    let own = "{% for std in report.standards %}{% for c in std.criteria %}<tr data-c=\"{{ c.id }}\"><td>{{ c.level_label }}</td></tr>{% endfor %}{% endfor %}";
    assert!(template.contains("{{ report.criteria_html | safe }}"));
    fs::write(&report, template.replace("{{ report.criteria_html | safe }}", own)).unwrap();
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path()).unwrap();
    let tree = read_tree(out.path());
    let html = page(&tree, "truong/th-dinh-bo-linh/2024-2025/index.html");
    let ids = attribute_values(&html, "data-c");
    assert!(ids.len() >= 10, "every criterion of the framework is listed: {ids:?}");
    assert_eq!(ids[0], "1.1");
    assert!(html.contains("<td>Mức "), "levels are there too");
}

/// `build` on the sample province (24 expected warnings of two codes): one line per warning
/// code with its count, no per-warning excerpt, and the summary printed last; `--verbose`
/// prints each warning in full.
#[test]
fn build_groups_warnings_by_code_and_prints_the_summary_last() {
    let out = tempfile::tempdir().unwrap();
    let run = |verbose: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_minhbach"));
        cmd.args(["build", "--root"]).arg(sample_root()).arg("--output").arg(out.path().join("site"));
        if verbose {
            cmd.arg("--verbose");
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        (String::from_utf8(o.stdout).unwrap(), String::from_utf8(o.stderr).unwrap())
    };
    let (stdout, stderr) = run(false);
    assert!(!stderr.contains("-->"), "warnings printed one by one:\n{stderr}");
    let grouped: Vec<&str> = stderr.lines().filter(|l| l.starts_with("cảnh báo[")).collect();
    assert_eq!(grouped.len(), 2, "{stderr}");
    assert!(grouped.iter().any(|l| l.starts_with("cảnh báo[decision.expiring] ×")), "{stderr}");
    assert!(grouped.iter().any(|l| l.starts_with("cảnh báo[results.repealed] ×")), "{stderr}");
    assert!(stderr.contains("--verbose"), "{stderr}");
    assert!(stdout.trim_end().lines().last().unwrap().starts_with("Đã dựng 66 trường"), "{stdout}");

    let (stdout, stderr) = run(true);
    let total: usize =
        grouped.iter().map(|l| l.split('×').nth(1).unwrap().split(':').next().unwrap().parse::<usize>().unwrap()).sum();
    assert_eq!(stderr.matches("-->").count(), total, "{stderr}");
    assert!(stdout.trim_end().lines().last().unwrap().starts_with("Đã dựng 66 trường"), "{stdout}");
}

/// Issue 18: a portal of several provinces has no `province` in config.toml; each school names
/// its own, and one that does not is an error on its school.toml.
#[test]
fn without_a_province_in_config_every_school_names_its_own() {
    let site = fixture_copy("small");
    let config = site.path().join("config.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text.lines().filter(|l| !l.starts_with("province")).collect::<Vec<_>>().join("\n")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let BuildError::Content(diags) = build_into(site.path(), out.path()).unwrap_err() else { panic!() };
    let missing: Vec<&str> =
        diags.iter().filter(|d| d.code == Code::SchoolFieldMissing).map(|d| d.file.as_str()).collect();
    assert_eq!(missing.len(), 2, "{diags:#?}");
    assert!(missing.iter().all(|f| f.ends_with("school.toml")));
    for (slug, province) in [("th-dinh-bo-linh", "Đồng Nai"), ("mn-script", "Hà Nội")] {
        let path = site.path().join(format!("content/schools/{slug}/school.toml"));
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("province = \"{province}\"\n{text}")).unwrap();
    }
    let summary = build_into(site.path(), out.path()).unwrap();
    assert_eq!(summary.schools, 2);
    let tree = read_tree(out.path());
    assert!(page(&tree, "truong/th-dinh-bo-linh/index.html").contains("Đồng Nai"));
    assert!(page(&tree, "truong/mn-script/index.html").contains("Hà Nội"));
}
