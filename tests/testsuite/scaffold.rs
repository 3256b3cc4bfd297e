//! `minhbach new school` and `minhbach new report`: scaffolds that `check` accepts as they
//! are, for every framework of the catalogs, that never overwrite a file and never reach the
//! published site.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use minhbach::content::DateSource;
use minhbach::content::outline::{HeadingKind, outline};
use minhbach::content::report::split_front_matter;
use minhbach::diagnostic::{Code, Severity};
use minhbach::regulation::{Framework, Regulation};
use minhbach::scaffold::{self, NewError};
use minhbach::{BuildOptions, build, check_site};
use serde_json::Value;

use crate::util::*;

/// Runs `minhbach <args> --root <root>`.
fn minhbach(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minhbach")).args(args).arg("--root").arg(root).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `minhbach new …` that must succeed; returns the path it printed.
fn new_ok(root: &Path, args: &[&str]) -> PathBuf {
    let out = minhbach(root, args);
    assert_eq!(out.status.code(), Some(0), "minhbach {args:?}: {}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let path = stdout.trim_end().strip_prefix("Đã tạo ").unwrap_or_else(|| panic!("unexpected output {stdout:?}"));
    let path = PathBuf::from(path);
    assert!(path.is_file(), "{} was not written", path.display());
    path
}

/// `minhbach new …` that must fail with exit status 1; returns its message.
fn new_fails(root: &Path, args: &[&str]) -> String {
    let out = minhbach(root, args);
    assert_eq!(out.status.code(), Some(1), "minhbach {args:?} should fail: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "nothing is reported as created");
    let err = stderr(&out);
    assert!(err.starts_with("minhbach: "), "{err}");
    err
}

/// The clean check base, with `build_date` set to `date` and, when `empty`, no school.
fn site(date: &str, empty: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check").join("base"), dir.path());
    if empty {
        fs::remove_dir_all(dir.path().join("content/schools")).unwrap();
    }
    let config = dir.path().join("config.toml");
    let text = fs::read_to_string(&config).unwrap();
    let text: String = text
        .lines()
        .map(|l| if l.starts_with("build_date") { format!("build_date = {date}\n") } else { format!("{l}\n") })
        .collect();
    fs::write(&config, text).unwrap();
    dir
}

fn regulation() -> Regulation {
    Regulation::embedded().unwrap()
}

/// The draft at `path` lists every criterion of `f` at 0 (and nothing else), and its body has
/// a heading with the catalog title of every criterion, and an empty evidence list.
fn assert_draft_of(path: &Path, f: &Framework) {
    let text = fs::read_to_string(path).unwrap();
    let split = split_front_matter(&text).unwrap();
    let front: toml::Table = toml::from_str(split.front).unwrap();
    assert_eq!(front["status"].as_str(), Some("draft"));
    let results = front["results"].as_table().unwrap();
    let written: BTreeSet<&str> = results.keys().map(String::as_str).collect();
    let expected: BTreeSet<&str> = f.criteria().map(|c| c.id.0.as_str()).collect();
    assert_eq!(written, expected, "{}: the criteria of {}", path.display(), f.id);
    assert!(results.values().all(|v| v.as_integer() == Some(0)), "{}: every result is 0", path.display());
    match front.get("level4").and_then(|l| l.as_table()) {
        Some(l4) => {
            assert_eq!(l4.len(), f.level4.len());
            assert!(l4.values().all(|v| v.as_bool() == Some(false)));
        }
        None => assert!(f.level4.is_empty(), "{}: {} has Mức 4 criteria", path.display(), f.id),
    }

    let body = &text[split.body_start..];
    let o = outline(body);
    for c in f.criteria() {
        let title = format!("Tiêu chí {}: {}", c.id, c.title);
        assert!(body.contains(&format!("## {title}\n")), "{}: no heading {title}", path.display());
        let (a, b) = c.id.numbers().unwrap();
        let heading = o.headings.iter().find(|h| h.kind == HeadingKind::Criterion(a, b)).unwrap();
        assert_eq!(heading.text, title);
    }
    for s in &f.standards {
        assert!(body.contains(&format!("# Tiêu chuẩn {}: {}\n", s.number, s.title)), "{}", path.display());
    }
    assert_eq!(o.evidence, Some(Vec::new()), "{}: an empty Danh mục minh chứng table", path.display());
    assert!(body.contains("| Mã | Tên minh chứng | Số, ngày ban hành | Nơi ban hành | Ghi chú |"));
}

/// Replaces the placeholders of a new school's `school.toml` (id, name, commune) with real
/// values, as a publisher does; `n` makes the id unique.
fn fill_in(root: &Path, slug: &str, n: usize) {
    let path = root.join("content/schools").join(slug).join("school.toml");
    let filled: String = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|l| match l.split_once(" = \"CHƯA ĐIỀN") {
            Some(("id", _)) => format!("id = \"7900{n:04}\""),
            Some(("name", _)) => format!("name = \"Trường {slug}\""),
            Some(("commune", _)) => "commune = \"Phường Trấn Biên\"".to_owned(),
            _ => l.to_owned(),
        })
        .map(|l| l + "\n")
        .collect();
    assert!(!filled.contains("= \"CHƯA ĐIỀN"), "{filled}");
    fs::write(&path, filled).unwrap();
}

/// Creates the schools and drafts of `cases` (slug, school year, framework chosen), checks
/// the site with the binary, and returns the frameworks met.
fn scaffold_and_check(root: &Path, cases: &[(&str, &str, &str)], reg: &Regulation) -> BTreeSet<String> {
    let mut slugs = BTreeSet::new();
    let mut drafts = Vec::new();
    for (slug, year, framework) in cases {
        if slugs.insert(*slug) {
            let school = new_ok(root, &["new", "school", slug]);
            assert_eq!(school, root.join("content/schools").join(slug).join("school.toml"));
        }
        let path = new_ok(root, &["new", "report", slug, year]);
        assert_eq!(path, root.join("content/schools").join(slug).join(format!("{year}.md")));
        drafts.push((path, *slug, *year, *framework));
    }

    // Untouched, every school reports its three placeholders (id, name, commune) as errors,
    // naming each key, and nothing else.
    let (status, json) = check_json(root);
    assert_eq!(status, Some(1));
    let found = json["diagnostics"].as_array().unwrap();
    assert_eq!(found.len(), 3 * slugs.len(), "{json:#}");
    for d in found {
        assert_eq!(d["code"], "school.field-invalid", "{d:#}");
        let message = d["message"].as_str().unwrap();
        assert!(["`id`", "`name`", "`commune`"].iter().any(|k| message.contains(k)), "{d:#}");
    }
    for (i, slug) in slugs.iter().enumerate() {
        fill_in(root, slug, i);
    }

    let (status, json) = check_json(root);
    assert_eq!(json["diagnostics"], Value::Array(vec![]), "{json:#}");
    assert_eq!(json["summary"]["errors"], 0);
    assert_eq!(json["summary"]["warnings"], 0);
    assert_eq!(status, Some(0));
    let reports = json["schools"].as_array().unwrap();
    let mut met = BTreeSet::new();
    for (path, slug, year, framework) in drafts {
        let entry = reports
            .iter()
            .find(|r| r["slug"] == slug && r["report"] == year)
            .unwrap_or_else(|| panic!("{slug} {year} is not among the reports of check: {json:#}"));
        assert_eq!(entry["status"], "draft");
        assert_eq!(entry["framework"], framework, "{slug} {year}");
        assert_eq!(entry["computed_level"], Value::Null, "a draft has no computed level");
        assert_draft_of(&path, reg.framework(framework).unwrap());
        met.insert(framework.to_owned());
    }
    met
}

#[test]
fn new_drafts_pass_check_for_every_framework_of_the_catalogs() {
    let reg = regulation();
    // Before 25/01/2025 a draft is judged by the 2018 circulars (the build date stands for
    // the approval date).
    let old = site("2024-12-01", true);
    let mut met = scaffold_and_check(
        old.path(),
        &[
            ("mn-hoa-sen", "2023-2024", "tt19-2018-mam-non"),
            ("th-kim-dong", "2023-2024", "tt17-2018-tieu-hoc"),
            ("thcs-le-loi", "2022-2023", "tt18-2018-pho-thong"),
            ("thpt-dieu-cai", "2024-2025", "tt18-2018-pho-thong"),
            ("th-thcs-bau-sen", "2023-2024", "tt18-2018-pho-thong"),
        ],
        &reg,
    );
    // The base site (build date 23/11/2026, two schools of its own): the 2024-amended
    // frameworks up to 2025-2026, Circular 57 from 2026-2027.
    let now = site("2026-11-23", false);
    met.extend(scaffold_and_check(
        now.path(),
        &[
            ("mn-hoa-sen", "2024-2025", "tt22-2024-mam-non"),
            ("mn-hoa-sen", "2026-2027", "tt57-2026-mam-non"),
            ("th-kim-dong", "2025-2026", "tt22-2024-tieu-hoc"),
            ("th-kim-dong", "2026-2027", "tt57-2026-pho-thong"),
            ("thcs-le-loi", "2024-2025", "tt22-2024-pho-thong"),
            ("thpt-dieu-cai", "2027-2028", "tt57-2026-pho-thong"),
            ("ptnc-hoi-nhap", "2025-2026", "tt22-2024-pho-thong"),
            ("gdtx-bien-hoa", "2026-2027", "tt57-2026-gdtx"),
        ],
        &reg,
    ));
    let all: BTreeSet<String> = reg.frameworks().map(|f| f.id.0.clone()).collect();
    assert_eq!(met, all, "every framework of the catalogs is scaffolded");
}

/// Approving an untouched draft (status and date only) gives no error: its results, claimed
/// level and headings are consistent; what is left is the evidence to write.
#[test]
fn an_untouched_draft_approved_as_is_has_no_error() {
    for (date, slug, year) in [("2024-12-01", "th-kim-dong", "2023-2024"), ("2026-11-23", "thcs-le-loi", "2024-2025")] {
        let root = site(date, true);
        let root = root.path();
        scaffold::new_school(root, slug).unwrap();
        fill_in(root, slug, 0);
        let path = scaffold::new_report(root, slug, year).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        let approved = text.replacen("status = \"draft\"", "status = \"approved\"", 1).replacen(
            "# approved_on = YYYY-MM-DD",
            &format!("approved_on = {date}"),
            1,
        );
        assert_ne!(approved, text);
        fs::write(&path, approved).unwrap();

        let run = check_site(root, DateSource::Environment).unwrap();
        let diags = run.checked.diagnostics.into_sorted();
        assert!(diags.iter().all(|d| d.severity == Severity::Warning), "{diags:#?}");
        assert!(diags.iter().all(|d| d.code == Code::EvidenceNone), "{diags:#?}");
        let judged = run.checked.judgements.values().next().unwrap();
        assert_eq!(judged.level, Some(0));
    }
    // Circular 57: evidence is judged per criterion too.
    let root = site("2026-11-23", true);
    scaffold::new_school(root.path(), "gdtx-bien-hoa").unwrap();
    fill_in(root.path(), "gdtx-bien-hoa", 0);
    let path = scaffold::new_report(root.path(), "gdtx-bien-hoa", "2026-2027").unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let approved = text.replacen("status = \"draft\"", "status = \"approved\"", 1).replacen(
        "# approved_on = YYYY-MM-DD",
        "approved_on = 2026-11-23",
        1,
    );
    fs::write(&path, approved).unwrap();
    let run = check_site(root.path(), DateSource::Environment).unwrap();
    assert_eq!(run.checked.diagnostics.errors(), 0, "{:#?}", run.checked.diagnostics.into_sorted());
}

#[test]
fn nothing_is_ever_overwritten() {
    let root = site("2026-11-23", false);
    let root = root.path();
    let school = new_ok(root, &["new", "school", "thcs-le-loi"]);
    fs::write(&school, "id = \"1\"\nname = \"Trường THCS Lê Lợi\"\nlevel = \"thcs\"\ncommune = \"Xã A\"\n").unwrap();
    let before = fs::read(&school).unwrap();
    let err = new_fails(root, &["new", "school", "thcs-le-loi"]);
    assert!(err.contains("already exists") && err.contains("left untouched"), "{err}");
    assert_eq!(fs::read(&school).unwrap(), before);
    assert!(matches!(scaffold::new_school(root, "thcs-le-loi"), Err(NewError::SchoolExists(_))));

    let report = new_ok(root, &["new", "report", "thcs-le-loi", "2026-2027"]);
    fs::write(&report, "+++\nstatus = \"draft\"\n+++\nĐang viết.\n").unwrap();
    let before = fs::read(&report).unwrap();
    let err = new_fails(root, &["new", "report", "thcs-le-loi", "2026-2027"]);
    assert!(err.contains("2026-2027.md already exists") && err.contains("edit it"), "{err}");
    assert_eq!(fs::read(&report).unwrap(), before);
    assert!(matches!(scaffold::new_report(root, "thcs-le-loi", "2026-2027"), Err(NewError::ReportExists(_))));

    // A folder without school.toml is what `check` tells people to fix with `new school`.
    let (_, json) = {
        fs::create_dir_all(root.join("content/schools/th-moi")).unwrap();
        check_json(root)
    };
    let hint = json["diagnostics"].as_array().unwrap().iter().any(|d| {
        d["file"] == "content/schools/th-moi/school.toml"
            && d["message"].as_str().unwrap().contains("minhbach new school")
    });
    assert!(hint, "{json:#}");
    new_ok(root, &["new", "school", "th-moi"]);
    let (status, json) = check_json(root);
    assert_eq!(status, Some(1), "the placeholders of a new school are errors until filled in: {json:#}");
    fill_in(root, "th-moi", 0);
    let (status, json) = check_json(root);
    assert_eq!(status, Some(0), "{json:#}");
}

#[test]
fn bad_slugs_years_and_schools_exit_1_saying_what_to_do() {
    let root = site("2026-11-23", false);
    let root = root.path();
    let schools = || fs::read_dir(root.join("content/schools")).unwrap().count();
    let before = schools();

    let err = new_fails(root, &["new", "school", "Trường Lê Lợi"]);
    assert!(err.contains("a-z, 0-9 and -") && err.contains("use truong-le-loi"), "{err}");
    let err = new_fails(root, &["new", "school", "THCS_Le_Loi"]);
    assert!(err.contains("use thcs-le-loi"), "{err}");
    let err = new_fails(root, &["new", "school", "../ngoai"]);
    assert!(err.contains("a-z, 0-9 and -"), "{err}");
    assert_eq!(schools(), before, "no folder is created for a bad slug");
    assert!(!root.join("content/ngoai").exists());

    new_ok(root, &["new", "school", "thcs-le-loi"]);
    let err = new_fails(root, &["new", "report", "thcs-le-loi", "2026-2028"]);
    assert!(err.contains("\"2026-2028\" is not a school year") && err.contains("first plus one"), "{err}");
    let err = new_fails(root, &["new", "report", "thcs-le-loi", "2026"]);
    assert!(err.contains("YYYY-YYYY, e.g. 2024-2025"), "{err}");
    let err = new_fails(root, &["new", "report", "chua-co", "2026-2027"]);
    assert!(err.contains("no school \"chua-co\"") && err.contains("minhbach new school chua-co"), "{err}");
    let err = new_fails(root, &["new", "report", "Chua Co", "2026-2027"]);
    assert!(err.contains("use chua-co"), "{err}");

    // No framework for a GDTX centre before Circular 57: nothing is written.
    new_ok(root, &["new", "school", "gdtx-bien-hoa"]);
    let err = new_fails(root, &["new", "report", "gdtx-bien-hoa", "2025-2026"]);
    assert!(err.contains("no framework for a giáo dục thường xuyên school") && err.contains("`level`"), "{err}");
    assert!(!root.join("content/schools/gdtx-bien-hoa/2025-2026.md").exists());

    // A school.toml with errors: its findings are named, and nothing is written.
    let toml = root.join("content/schools/thcs-le-loi/school.toml");
    let text = fs::read_to_string(&toml).unwrap().replace("level = \"thcs\"", "level = \"trung-hoc\"");
    fs::write(&toml, text).unwrap();
    let err = new_fails(root, &["new", "report", "thcs-le-loi", "2026-2027"]);
    assert!(err.contains("school.toml has errors") && err.contains("school.field-invalid"), "{err}");
    assert!(err.contains("minhbach check"), "{err}");
    assert!(!root.join("content/schools/thcs-le-loi/2026-2027.md").exists());

    let empty = tempfile::tempdir().unwrap();
    for args in [&["new", "school", "thcs-le-loi"][..], &["new", "report", "thcs-le-loi", "2026-2027"]] {
        let err = new_fails(empty.path(), args);
        assert!(err.contains("no config.toml") && err.contains("--root"), "{err}");
    }
    assert_eq!(fs::read_dir(empty.path()).unwrap().count(), 0);
}

#[test]
fn a_new_draft_never_reaches_the_build_output() {
    let site = fixture_copy("small");
    let root = site.path();
    new_ok(root, &["new", "school", "thcs-moi"]);
    let out = tempfile::tempdir().unwrap();
    assert!(build_into(root, out.path()).is_err(), "a school still holding placeholders is never published");
    fill_in(root, "thcs-moi", 0);
    new_ok(root, &["new", "report", "thcs-moi", "2026-2027"]);
    new_ok(root, &["new", "report", "th-dinh-bo-linh", "2025-2026"]);

    let out = tempfile::tempdir().unwrap();
    build_into(root, out.path()).unwrap();
    let tree = read_tree(out.path());
    assert!(tree.contains_key("truong/thcs-moi/index.html"), "the new school is published");
    for (path, bytes) in &tree {
        assert!(!path.contains("thcs-moi/2026-2027") && !path.contains("th-dinh-bo-linh/2025-2026"), "{path}");
        let text = String::from_utf8_lossy(bytes);
        for draft in ["thcs-moi/2026-2027", "th-dinh-bo-linh/2025-2026"] {
            assert!(!text.contains(draft), "a link to the draft {draft} leaked into {path}");
        }
    }

    // The preview with drafts renders the skeleton.
    let preview = tempfile::tempdir().unwrap();
    let opts = BuildOptions {
        output: Some(preview.path().to_path_buf()),
        drafts: true,
        dates: DateSource::Environment,
        ..BuildOptions::new(root)
    };
    build(&opts).unwrap();
    let tree = read_tree(preview.path());
    let html = page(&tree, "truong/thcs-moi/2026-2027/index.html");
    assert!(html.contains("Tiêu chí 1.1"), "the preview shows the skeleton");
}
