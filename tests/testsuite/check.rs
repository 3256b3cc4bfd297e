//! `minhbach check`: one fixture per diagnostic code (tests/fixtures/check/<code>/, overlaid
//! on the clean base site), each reported at the right file and line by `--format json`.

use std::fs;
use std::process::Command;

use minhbach::diagnostic::Code;
use serde_json::Value;

use crate::util::*;

/// The base site with the files of case `name` written over it.
fn case_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let cases = fixture("check");
    copy_tree(&cases.join("base"), dir.path());
    copy_tree(&cases.join(name), dir.path());
    fs::remove_file(dir.path().join("expect.toml")).unwrap();
    dir
}

#[test]
fn the_clean_base_has_no_finding_at_all() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check").join("base"), dir.path());
    let (status, json) = check_json(dir.path());
    assert_eq!(json["diagnostics"], Value::Array(vec![]), "{json:#}");
    assert_eq!(status, Some(0));
    assert_eq!(json["summary"], serde_json::json!({"schools": 2, "errors": 0, "warnings": 0}));
    let reports = json["schools"].as_array().unwrap();
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports[1],
        serde_json::json!({"slug": "th-a", "id": "70000001", "report": "2024-2025", "framework": "tt22-2024-tieu-hoc",
            "status": "approved", "computed_level": 2, "claimed_level": 2})
    );
}

#[test]
fn every_code_of_the_spec_has_a_fixture_reported_at_its_file_and_line() {
    let mut failures = Vec::new();
    // `import.*` findings point into spreadsheets: tests/testsuite/import.rs has their cases.
    for code in Code::ALL.iter().filter(|c| !c.is_import()) {
        let dir = fixture("check").join(code.name());
        assert!(dir.is_dir(), "no fixture for {code}: add tests/fixtures/check/{code}/");
        let expect: toml::Table = toml::from_str(&fs::read_to_string(dir.join("expect.toml")).unwrap()).unwrap();
        let (file, line) = (expect["file"].as_str().unwrap(), expect["line"].as_integer().unwrap());
        let site = case_site(code.name());
        let (status, json) = check_json(site.path());
        let found = json["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["code"] == code.name()
                && d["file"] == file
                && d["line"] == line
                && d["column"].as_u64().is_some_and(|c| c >= 1)
        });
        if !found {
            failures.push(format!("{code}: expected at {file}:{line}, got {:#}", json["diagnostics"]));
        }
        let severity = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code.name())
            .map(|d| d["severity"].clone());
        let expected_status = if code.severity() == minhbach::diagnostic::Severity::Error { 1 } else { 0 };
        if code.severity() == minhbach::diagnostic::Severity::Warning && severity != Some(Value::from("warning")) {
            failures.push(format!("{code}: not reported as a warning"));
        }
        // A warning alone exits 0 unless other errors come with the case.
        if expected_status == 1 && status != Some(1) {
            failures.push(format!("{code}: exit status {status:?}, expected 1"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn deny_warnings_turns_a_warning_into_exit_1() {
    let site = case_site("decision.expiring");
    let status = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .arg("check")
            .args(extra)
            .arg("--root")
            .arg(site.path())
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(status(&[]), Some(0));
    assert_eq!(status(&["--deny-warnings"]), Some(1));
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach")).args(["check", "--format", "xml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "bad arguments are exit status 2");
}

#[test]
fn human_output_shows_the_line_with_a_caret_and_no_colour_when_piped() {
    let site = case_site("school.field-invalid");
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["check", "--root"])
        .arg(site.path())
        .env_remove("MINHBACH_LANG")
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Vietnamese by default, whatever LANG says.
    assert!(stderr.contains("lỗi[school.field-invalid]: `level` = \"tieu-hocc\" không hợp lệ"), "{stderr}");
    assert!(stderr.contains("--> content/schools/th-a/school.toml:3:9"), "{stderr}");
    assert!(stderr.contains("3 | level = \"tieu-hocc\""), "{stderr}");
    assert!(stderr.contains("= xem: docs/huong-dan/ma-loi.md#schoolfield-invalid"), "{stderr}");
    assert!(stderr.trim_end().ends_with("1 trường: 1 lỗi, 0 cảnh báo."), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "colour codes in piped output");
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/huong-dan/ma-loi.md");
    assert!(fs::read_to_string(docs).unwrap().contains("\n## school.field-invalid\n"), "the linked section exists");
}

#[test]
fn english_on_request_with_lang_or_the_environment() {
    let site = case_site("school.field-invalid");
    let run = |args: &[&str], env: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_minhbach"));
        cmd.args(["check", "--root"]).arg(site.path()).args(args).env_remove("MINHBACH_LANG");
        if let Some(v) = env {
            cmd.env("MINHBACH_LANG", v);
        }
        let out = cmd.output().unwrap();
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    for (args, env) in [(&["--lang", "en"][..], None), (&[][..], Some("en")), (&["--lang", "en"][..], Some("vi"))] {
        let (_, stderr) = run(args, env);
        assert!(stderr.contains("error[school.field-invalid]: `level` = \"tieu-hocc\" is not known"), "{stderr}");
        assert!(stderr.contains("= see: docs/huong-dan/ma-loi.md#schoolfield-invalid"), "{stderr}");
        assert!(stderr.trim_end().ends_with("1 school(s): 1 error(s), 0 warning(s)."), "{stderr}");
    }
    // JSON carries the message in the chosen language; codes never change.
    let (stdout, _) = run(&["--format", "json", "--lang", "en"], None);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "school.field-invalid");
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("is not known"), "{json:#}");
    let (stdout, _) = run(&["--format", "json"], None);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("không hợp lệ"), "{json:#}");
}

#[test]
fn why_a_claimed_level_is_not_reached_is_said_in_one_language() {
    let site = case_site("level.mismatch");
    let message = |lang: &str| {
        let json = check_json_in(site.path(), lang);
        let d = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "level.mismatch").cloned();
        d.expect("level.mismatch reported")["message"].as_str().unwrap().to_owned()
    };
    let vi = message("vi");
    assert!(vi.contains("Mức 3 cần mọi tiêu chí đạt Mức 3") && vi.contains("tiêu chí 1.1 chỉ đạt Mức 2"), "{vi}");
    assert!(vi.ends_with("Sửa các kết quả hoặc ghi claimed_level = 2"), "{vi}");
    let en = message("en");
    assert!(
        en.contains("Mức 3 needs every criterion at Mức 3") && en.contains("criterion 1.1 reaches only Mức 2"),
        "{en}"
    );
    assert!(!en.contains("cần") && !en.contains("chỉ đạt"), "Vietnamese sentences in the English message: {en}");
}

#[test]
fn one_bad_school_never_hides_another_s_faults() {
    let site = case_site("toml.syntax");
    fs::write(
        site.path().join("content/schools/mn-b/school.toml"),
        "id = \"70000002\"\nname = \"X\"\nlevel = \"mam-non\"\n",
    )
    .unwrap();
    let (_, json) = check_json(site.path());
    let codes: Vec<_> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect();
    assert!(
        codes.contains(&"toml.syntax".to_owned()) && codes.contains(&"school.field-missing".to_owned()),
        "{codes:?}"
    );
}

/// Acceptance: a 2018 report that claims Mức 3 while its results give Mức 2.
#[test]
fn an_inflated_claim_is_reported_and_the_computed_level_is_kept() {
    let site = tempfile::tempdir().unwrap();
    copy_tree(&sample_root().join("content"), &site.path().join("content"));
    fs::copy(sample_root().join("config.toml"), site.path().join("config.toml")).unwrap();
    // Find an approved 2018-era report claiming Mức 3 and lower one criterion to Mức 2.
    let (path, text) = fs::read_dir(site.path().join("content/schools"))
        .unwrap()
        .map(|e| e.unwrap().path().join("2023-2024.md"))
        .filter(|p| p.is_file())
        .map(|p| (p.clone(), fs::read_to_string(&p).unwrap()))
        .find(|(_, t)| {
            t.contains("claimed_level = 3") && t.contains("status = \"approved\"") && t.contains("\"1.1\" = 3")
        })
        .expect("the sample has a 2018 report claiming Mức 3 with criterion 1.1 at Mức 3");
    fs::write(&path, text.replacen("\"1.1\" = 3", "\"1.1\" = 2", 1)).unwrap();
    let rel = path.strip_prefix(site.path()).unwrap().to_string_lossy().replace('\\', "/");

    let (status, json) = check_json(site.path());
    assert_eq!(status, Some(1));
    let d =
        json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "level.mismatch").expect("level.mismatch");
    assert_eq!(d["file"], rel.as_str());
    assert!(d["message"].as_str().unwrap().contains("tiêu chí 1.1 chỉ đạt Mức 2"), "{}", d["message"]);
    let slug = path.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
    let entry = json["schools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slug"] == slug.as_str() && s["report"] == "2023-2024")
        .unwrap();
    assert_eq!((entry["computed_level"].clone(), entry["claimed_level"].clone()), (Value::from(2), Value::from(3)));

    // build refuses and leaves the previous output untouched.
    let out = site.path().join("output");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), "previous site").unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["build", "--root"])
        .arg(site.path())
        .output()
        .unwrap()
        .status;
    assert_eq!(status.code(), Some(1));
    assert_eq!(read_tree(&out).len(), 1);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "previous site");
}

#[test]
fn the_sample_province_checks_clean_with_only_its_deliberate_warnings() {
    let (status, json) = check_json(&sample_root());
    assert_eq!(status, Some(0));
    let mut repealed = 0;
    for d in json["diagnostics"].as_array().unwrap() {
        // Decisions expire soon on purpose (/sap-het-han/ has content); some 22/2024-era reports
        // still score 1.5 at a repealed level, as schools with older software do.
        assert!(
            d["code"] == "decision.expiring" || d["code"] == "results.repealed",
            "unexpected finding in the sample: {d:#}"
        );
        repealed += usize::from(d["code"] == "results.repealed");
    }
    assert!(repealed > 0, "the sample shows no results.repealed warning");
}

/// The codes (and their lines) that `check` reports for the clean base with th-a's report
/// edited by `edit`.
fn findings_after(edit: impl Fn(String) -> String) -> (Value, Vec<(String, u64)>) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check").join("base"), dir.path());
    let report = dir.path().join("content/schools/th-a/2024-2025.md");
    fs::write(&report, edit(fs::read_to_string(&report).unwrap())).unwrap();
    let (_, json) = check_json(dir.path());
    let found = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["line"].as_u64().unwrap()))
        .collect();
    (json, found)
}

#[test]
fn a_repealed_level_warns_and_counts_as_the_highest_level_still_defined() {
    // 22/2024 left criterion 1.5 of tiểu học only Mức 1 (`repealed_levels = [2]`).
    let (json, found) = findings_after(|r| r.replace("\"1.5\" = 1", "\"1.5\" = 2"));
    assert_eq!(found, [("results.repealed".to_owned(), 11)], "{json:#}");
    assert_eq!(json["schools"][1]["computed_level"], 2, "the repealed level must not lower or raise the level");
    // Mức 3 of 1.5 was never defined for tiểu học: still out of range.
    let (json, found) = findings_after(|r| r.replace("\"1.5\" = 1", "\"1.5\" = 3"));
    assert!(found.contains(&("results.range".to_owned(), 11)), "{json:#}");
    assert!(!found.iter().any(|(c, _)| c == "results.repealed"), "{json:#}");
}

#[test]
fn a_well_shaped_code_of_a_missing_standard_is_evidence_criterion() {
    for code in ["H1-9.1-01", "H12-6.2-03", "H1-1.15-01"] {
        let (json, found) = findings_after(|r| r.replace("Trường đạt Mức 2.", &format!("Trường đạt Mức 2 [{code}].")));
        let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["evidence.criterion"], "[{code}]: {json:#}");
    }
    // Malformed or of the other era: still a format error.
    for code in ["H1-1.1-1", "MC.1.1.01"] {
        let (json, found) = findings_after(|r| r.replace("Trường đạt Mức 2.", &format!("Trường đạt Mức 2 [{code}].")));
        let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(codes, ["evidence.format"], "[{code}]: {json:#}");
    }
}

#[test]
fn round_bracket_citations_count_in_the_2018_era_too() {
    // The base cites both listed codes in square brackets; cited in round ones instead, they
    // are still used (no evidence.unused) and still checked against the list.
    let (json, found) =
        findings_after(|r| r.replace("[H1-1.1-01]", "(H1-1.1-01)").replace("[H1-1.1-02]", "(H1-1.1-02)"));
    assert!(found.is_empty(), "{json:#}");
    let (json, found) = findings_after(|r| r.replace("Trường đạt Mức 2.", "Trường đạt Mức 2 (H1-1.1-01, H1-1.1-07)."));
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["evidence.unknown"], "{json:#}");
    // A round bracket with words in it is prose.
    let (json, found) = findings_after(|r| r.replace("Trường đạt Mức 2.", "Trường đạt Mức 2 (xem H1-1.1-07)."));
    assert!(found.is_empty(), "{json:#}");
}

#[test]
fn evidence_messages_name_the_criterion_s_own_code_and_the_framework_s_standards() {
    let message = |code: &str| {
        let site = case_site(code);
        let (_, json) = check_json(site.path());
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["message"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let none = message("evidence.none");
    assert!(none.contains("[H1-1.2-01]") && none.contains("Tiêu chí 1.2"), "{none}");
    assert!(!none.contains("mô tả") && !none.contains("description"), "{none}");
    let criterion = message("evidence.criterion");
    assert!(criterion.contains("1.1 đến 1.10"), "{criterion}");
    let (json, _) = findings_after(|r| r.replace("Trường đạt Mức 2.", "Trường đạt Mức 2 [H1-9.1-01]."));
    let standard = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(standard.contains("tiêu chuẩn 9") && standard.contains("5 tiêu chuẩn, từ 1 đến 5"), "{standard}");
}

#[test]
fn evidence_none_gives_a_circular_57_criterion_its_own_example_code() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture("check").join("base"), dir.path());
    let report = dir.path().join("content/schools/mn-b/2026-2027.md");
    let text = fs::read_to_string(&report).unwrap()
        + "\n# Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên\n\n## Tiêu chí 2.3: Nhân viên\n\nNhà trường có đủ nhân viên.\n";
    fs::write(&report, text).unwrap();
    for (lang, words) in [("vi", "chưa trích dẫn mã minh chứng nào"), ("en", "cites no evidence code")] {
        let json = check_json_in(dir.path(), lang);
        let none = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "evidence.none");
        let message = none.unwrap_or_else(|| panic!("no evidence.none: {json:#}"))["message"].as_str().unwrap();
        assert!(message.contains("[MC.2.3.01]") && message.contains(words), "{message}");
        assert!(!message.contains("H1-"), "{message}");
    }
    // Well-shaped codes of a missing standard or criterion name what Circular 57 has.
    let text = fs::read_to_string(&report).unwrap().replace("đủ nhân viên.", "đủ nhân viên [MC.7.1.01] [MC.2.9.01].");
    fs::write(&report, text).unwrap();
    let (_, json) = check_json(dir.path());
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "evidence.criterion")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), 2, "{json:#}");
    assert!(
        messages[0].contains("không có tiêu chuẩn 7") && messages[0].contains("4 tiêu chuẩn, từ 1 đến 4"),
        "{messages:?}"
    );
    assert!(messages[1].contains("tiêu chuẩn 2 chỉ có các tiêu chí 2.1 đến 2.3"), "{messages:?}");
}
