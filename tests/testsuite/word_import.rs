//! The rules of `minhbach import report(s)` that hold for every file (`import.md`): nothing is
//! lost (an approved report is never replaced, a draft only with `--force`), importing the same
//! file twice changes nothing, `--dry-run` writes nothing, `--school` and `--year` decide over
//! the cover, a `.doc` without LibreOffice says how to convert it, and `import reports` prints
//! one summary row per file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::{copy_tree, read_tree};

fn case(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-report").join(name)
}

/// A copy of the fixture site and the `th-2018` report (cover: th-dinh-bo-linh, 2024-2025).
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&case("site"), dir.path());
    let input = dir.path().join("bao-cao.docx");
    fs::copy(case("th-2018").join("report.docx"), &input).unwrap();
    (dir, input)
}

const TARGET: &str = "content/schools/th-dinh-bo-linh/2024-2025.md";

fn import(root: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["import"])
        .args(args)
        .args(["--root", root.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (out.status.code(), json, String::from_utf8_lossy(&out.stderr).into_owned())
}

fn codes(json: &Value) -> Vec<String> {
    json["diagnostics"].as_array().into_iter().flatten().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn importing_the_same_file_twice_changes_nothing_and_a_changed_draft_needs_force() {
    let (dir, input) = site();
    let root = dir.path();
    let file = input.to_str().unwrap();
    let (code, json, err) = import(root, &["report", file]);
    assert_eq!(code, Some(0), "{json:#} {err}");
    let first = read_tree(root);

    let (code, json, _) = import(root, &["report", file]);
    assert_eq!(code, Some(0), "the same file again is not an error: {json:#}");
    assert_eq!(json["reports"][0]["unchanged"], true, "{json:#}");
    assert_eq!(read_tree(root), first, "nothing changed");

    // The Sở edits the draft: importing again must not throw the edit away without --force.
    let target = root.join(TARGET);
    let edited = fs::read_to_string(&target).unwrap().replace("status = \"draft\"", "status = \"draft\"\n# đã sửa");
    fs::write(&target, &edited).unwrap();
    let (code, json, _) = import(root, &["report", file]);
    assert_eq!((code, codes(&json)), (Some(1), vec!["import.report-exists".to_owned()]), "{json:#}");
    assert_eq!(fs::read_to_string(&target).unwrap(), edited);

    let (code, json, _) = import(root, &["report", file, "--force"]);
    assert_eq!(code, Some(0), "{json:#}");
    assert_eq!(read_tree(root), first, "--force writes the same draft as the first import");
}

#[test]
fn an_approved_report_is_never_replaced_not_even_with_force() {
    let (dir, input) = site();
    let root = dir.path();
    let target = root.join(TARGET);
    fs::create_dir_all(target.parent().unwrap()).unwrap();
    let approved = "+++\nstatus = \"approved\"\napproved_on = 2025-06-01\nclaimed_level = 1\n+++\n# Kết luận chung\n";
    fs::write(&target, approved).unwrap();
    let before = read_tree(root);
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["report", input.to_str().unwrap()];
        args.extend_from_slice(extra);
        let (code, json, _) = import(root, &args);
        assert_eq!((code, codes(&json)), (Some(1), vec!["import.report-exists".to_owned()]), "{json:#}");
        assert_eq!(read_tree(root), before, "{extra:?}");
    }
    // A report whose front matter does not read is kept as carefully.
    fs::write(&target, "+++\nstatus = \n+++\n").unwrap();
    let (code, _, _) = import(root, &["report", input.to_str().unwrap(), "--force"]);
    assert_eq!(code, Some(1));
    assert_eq!(fs::read_to_string(&target).unwrap(), "+++\nstatus = \n+++\n");
}

#[test]
fn dry_run_writes_nothing_and_school_and_year_override_the_cover() {
    let (dir, input) = site();
    let root = dir.path();
    let before = read_tree(root);
    let (code, json, _) = import(root, &["report", input.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, Some(0), "{json:#}");
    assert_eq!(json["reports"][0]["written"], TARGET);
    assert!(json.get("check").is_none(), "nothing written, nothing checked: {json:#}");
    assert_eq!(read_tree(root), before);

    let args = ["report", input.to_str().unwrap(), "--school", "th-kim-dong", "--year", "2023-2024"];
    let (code, json, _) = import(root, &args);
    assert_eq!(code, Some(0), "{json:#}");
    assert_eq!(json["reports"][0]["written"], "content/schools/th-kim-dong/2023-2024.md");
    assert!(root.join("content/schools/th-kim-dong/2023-2024.md").is_file());

    let (code, json, _) = import(root, &["report", input.to_str().unwrap(), "--school", "khong-co"]);
    assert_eq!((code, codes(&json)), (Some(1), vec!["import.school-unknown".to_owned()]), "{json:#}");
}

#[test]
fn a_doc_without_libreoffice_says_how_to_convert_it() {
    let (dir, _) = site();
    let root = dir.path();
    let input = root.join("bao-cao.doc");
    fs::copy(case("th-2018").join("report.doc"), &input).unwrap();
    let empty = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["import", "report", input.to_str().unwrap(), "--root", root.to_str().unwrap()])
        .env("PATH", empty.path())
        .env_remove("MINHBACH_SOFFICE")
        .output()
        .unwrap();
    let stdout = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("import.converter-missing"), "{stdout}");
    assert!(stdout.contains("libreoffice-writer-nogui") && stdout.contains(".docx"), "{stdout}");
}

#[test]
fn import_reports_matches_each_file_by_its_cover_and_prints_one_row_per_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&case("site"), root);
    let folder = root.join("nhan");
    fs::create_dir_all(folder.join("con")).unwrap();
    for (name, to) in [("th-2018", "a.docx"), ("thpt-57", "con/b.docx"), ("summary-only", "c.docx")] {
        fs::copy(case(name).join(format!("report.{}", &to[to.rfind('.').unwrap() + 1..])), folder.join(to)).unwrap();
    }
    fs::write(folder.join("hong.docx"), b"not a zip").unwrap();
    fs::write(folder.join("~$a.docx"), b"Word's lock file").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["import", "reports", folder.to_str().unwrap(), "--root", root.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "one file failed: {stdout}");
    for (file, school, year) in [
        ("a.docx", "th-dinh-bo-linh", "2024-2025"),
        ("b.docx", "thpt-nguyen-trai", "2026-2027"),
        ("c.docx", "thpt-tran-phu", "2025-2026"),
    ] {
        let row = stdout
            .lines()
            .find(|l| l.contains(file) && l.contains(school))
            .unwrap_or_else(|| panic!("{file}: {stdout}"));
        assert!(row.contains(year), "{row}");
        assert!(root.join(format!("content/schools/{school}/{year}.md")).is_file(), "{file}");
    }
    assert!(stdout.lines().any(|l| l.contains("hong.docx") && l.contains("1 E")), "{stdout}");
    assert!(!stdout.contains("~$a.docx"), "Word's lock files are not reports: {stdout}");
}

#[test]
fn two_files_of_one_school_and_year_in_a_folder_are_neither_written() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&case("site"), root);
    let folder = root.join("nhan");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(case("th-2018").join("report.docx"), folder.join("ban-1.docx")).unwrap();
    fs::copy(case("th-2018").join("report.docx"), folder.join("ban-2.docx")).unwrap();
    fs::copy(case("thpt-57").join("report.docx"), folder.join("khac.docx")).unwrap();
    let (code, json, _) = import(root, &["reports", folder.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{json:#}");
    assert_eq!(codes(&json), ["import.report-exists", "import.report-exists"], "{json:#}");
    assert!(!root.join(TARGET).exists(), "which of the two is the report cannot be told");
    assert!(root.join("content/schools/thpt-nguyen-trai/2026-2027.md").is_file(), "the other file is imported");
}

#[test]
fn html_saved_under_a_doc_name_as_school_software_exports_it_is_converted_and_imported() {
    if crate::import::soffice().is_none() {
        return;
    }
    let (dir, _) = site();
    let root = dir.path();
    let input = root.join("bao-cao-xuat-tu-phan-mem.doc");
    fs::copy(case("th-2018").join("source.html"), &input).unwrap();
    let (code, json, err) = import(root, &["report", input.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{json:#} {err}");
    let expect: toml::Table =
        toml::from_str(&fs::read_to_string(case("th-2018").join("expect.toml")).unwrap()).unwrap();
    assert_eq!(json["reports"][0]["written"], TARGET, "{json:#}");
    assert_eq!(json["reports"][0]["criteria"].as_i64(), expect["criteria"].as_integer(), "{json:#}");
    let text = fs::read_to_string(root.join(TARGET)).unwrap();
    let front: toml::Table = toml::from_str(text.split("+++").nth(1).unwrap()).unwrap();
    assert_eq!(front["results"], expect["results"]);
    assert_eq!(front["claimed_level"], expect["claimed_level"]);
}

#[test]
fn every_imported_fixture_once_approved_passes_check_and_is_published_with_its_images() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    copy_tree(&case("site"), root);
    let folder = root.join("nhan");
    fs::create_dir_all(&folder).unwrap();
    let cases = ["th-2018", "thcs-2018-bold", "thpt-57", "mn-57", "tcvn3", "summary-only", "tracked-toc", "images-vni"];
    for name in cases {
        fs::copy(case(name).join("report.docx"), folder.join(format!("{name}.docx"))).unwrap();
    }
    let (code, json, _) = import(root, &["reports", folder.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{json:#}");
    // The Sở approves every draft as it is.
    for report in json["reports"].as_array().unwrap() {
        let path = root.join(report["written"].as_str().unwrap());
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace("status = \"draft\"", "status = \"approved\"\napproved_on = 2026-09-30");
        fs::write(&path, text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["check", "--root", root.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let check: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(check["summary"]["errors"], 0, "{check:#}");
    let approved = check["schools"].as_array().unwrap().iter().filter(|r| r["status"] == "approved").count();
    assert_eq!(approved, cases.len());
    for r in check["schools"].as_array().unwrap() {
        assert_eq!(r["computed_level"], r["claimed_level"], "{r:#}");
    }
    let site = tempfile::tempdir().unwrap();
    let summary = crate::util::build_into(root, site.path()).unwrap();
    assert_eq!(summary.reports, cases.len());
    let page = fs::read_to_string(site.path().join("truong/thcs-le-loi/2024-2025/index.html")).unwrap();
    assert!(page.contains("files/so-do-to-chuc.svg") && page.contains("files/image1.png"), "images are published");
    assert!(site.path().join("truong/thcs-le-loi/files/so-do-to-chuc.svg").is_file());
}
