//! `minhbach import schools` and the workbook out. Each case of `tests/fixtures/import/<case>/`
//! is a spreadsheet made by LibreOffice (`scripts/make-import-fixtures.py`) with, optionally,
//! the `content/` it is imported into; `expect.toml` names the findings, and `expected/` holds
//! every `school.toml` the import must leave (compared byte for byte). A second import of the
//! same file must change nothing. Set `MINHBACH_BLESS=1` to rewrite `expected/` from what the
//! importer writes (then read the diff).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util::*;

/// A site with the small fixture's config and the case's `content/`.
fn case_site(case: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("small").join("config.toml"), dir.path().join("config.toml")).unwrap();
    fs::create_dir_all(dir.path().join("content/schools")).unwrap();
    if case.join("content").is_dir() {
        copy_tree(&case.join("content"), &dir.path().join("content"));
    }
    dir
}

/// The case's input file.
fn input(case: &Path) -> PathBuf {
    fs::read_dir(case)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_stem().is_some_and(|s| s == "input"))
        .unwrap_or_else(|| panic!("no input.* in {}", case.display()))
}

/// Runs `minhbach import schools FILE --format json` in `root`.
pub fn import_json(root: &Path, file: &Path, extra: &[&str]) -> (Option<i32>, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["import", "schools"])
        .arg(file)
        .args(["--format", "json", "--root"])
        .arg(root)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1764460800")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("import did not print JSON ({e}): {stdout}\n{}", String::from_utf8_lossy(&out.stderr))
    });
    (out.status.code(), json)
}

/// The `content/` tree under `root`.
fn content(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    read_tree(&root.join("content"))
}

#[test]
fn every_fixture_imports_to_its_expected_files_or_fails_with_its_findings_and_writes_nothing() {
    let bless = std::env::var_os("MINHBACH_BLESS").is_some();
    let mut failures = Vec::new();
    let mut cases: Vec<PathBuf> = fs::read_dir(fixture("import")).unwrap().map(|e| e.unwrap().path()).collect();
    cases.sort();
    assert!(cases.len() >= 9, "the import fixtures are missing");
    for case in cases.iter().filter(|c| c.join("expect.toml").is_file()) {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let expect: toml::Table = toml::from_str(&fs::read_to_string(case.join("expect.toml")).unwrap()).unwrap();
        let site = case_site(case);
        let before = content(site.path());
        let (status, json) = import_json(site.path(), &input(case), &[]);
        let found: Vec<(String, String)> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["code"].as_str().unwrap().to_owned(), d["place"].as_str().unwrap_or("").to_owned()))
            .collect();
        for want in expect.get("findings").and_then(|f| f.as_array()).into_iter().flatten() {
            let code = want["code"].as_str().unwrap();
            let place = want["place"].as_str().unwrap();
            if !found.iter().any(|(c, p)| c == code && p == place) {
                failures.push(format!("{name}: expected {code} at {place}, got {found:?}"));
            }
        }
        let errors = json["summary"]["errors"].as_u64().unwrap();
        let writes = expect["writes"].as_bool().unwrap();
        if !writes {
            if status != Some(1) || errors == 0 {
                failures.push(format!("{name}: expected exit 1 with errors, got {status:?}: {json:#}"));
            }
            if content(site.path()) != before {
                failures.push(format!("{name}: an import with errors changed content/"));
            }
            continue;
        }
        if status != Some(0) || errors != 0 {
            failures.push(format!("{name}: expected success, got {status:?}: {json:#}"));
            continue;
        }
        let after = read_tree(&site.path().join("content/schools"));
        let expected_dir = case.join("expected");
        if bless {
            let _ = fs::remove_dir_all(&expected_dir);
            copy_tree(&site.path().join("content/schools"), &expected_dir);
        }
        let expected = read_tree(&expected_dir);
        if after != expected {
            let show = |t: &std::collections::BTreeMap<String, Vec<u8>>| {
                t.iter().map(|(k, v)| format!("--- {k}\n{}", String::from_utf8_lossy(v))).collect::<Vec<_>>().join("\n")
            };
            failures.push(format!(
                "{name}: content/schools differs from expected/\nGOT:\n{}\nEXPECTED:\n{}",
                show(&after),
                show(&expected)
            ));
        }
        // Idempotent: the same file again changes no byte.
        let (status2, json2) = import_json(site.path(), &input(case), &[]);
        if status2 != Some(0) || json2["changes"] != Value::Array(vec![]) {
            failures.push(format!("{name}: a second import was not a no-op: {json2:#}"));
        }
        if read_tree(&site.path().join("content/schools")) != after {
            failures.push(format!("{name}: a second import changed files"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn dry_run_lists_old_and_new_values_and_writes_nothing() {
    let case = fixture("import").join("existing-update");
    let site = case_site(&case);
    let before = content(site.path());
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["import", "schools"])
        .arg(input(&case))
        .arg("--dry-run")
        .arg("--root")
        .arg(site.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("phone: \"0251 3822 123\" → \"0251 3822 999\""), "{stdout}");
    assert!(stdout.contains("+ content/schools/mam-non-hoa-sen/school.toml"), "{stdout}");
    assert_eq!(content(site.path()), before, "--dry-run wrote something");
}

#[test]
fn comments_order_and_unknown_keys_of_an_existing_school_toml_survive() {
    let case = fixture("import").join("existing-update");
    let site = case_site(&case);
    let original = fs::read_to_string(case.join("content/schools/th-dinh-bo-linh/school.toml")).unwrap();
    let (status, json) = import_json(site.path(), &input(&case), &[]);
    assert_eq!(status, Some(0));
    // After a real import, `check` ran on what was written.
    assert_eq!(json["check"]["summary"]["schools"], 2, "{json:#}");
    let updated = fs::read_to_string(site.path().join("content/schools/th-dinh-bo-linh/school.toml")).unwrap();
    for line in original.lines().filter(|l| l.trim_start().starts_with('#') || l.starts_with("facebook")) {
        assert!(updated.contains(line), "lost {line:?}:\n{updated}");
    }
    assert!(updated.contains("\"0251 3822 999\""), "{updated}");
    assert!(updated.contains("123/QĐ-SGDĐT"), "the decision the CSV does not list was dropped:\n{updated}");
    assert!(updated.contains("2987/QĐ-SGDĐT"), "{updated}");
}

/// The sample province's own workbook, written by `export xlsx`.
fn sample_workbook(dir: &Path) -> PathBuf {
    let out = dir.join("kiem-dinh.xlsx");
    let status = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["export", "xlsx", "--output"])
        .arg(&out)
        .arg("--root")
        .arg(sample_root())
        .status()
        .unwrap();
    assert!(status.success());
    out
}

#[test]
fn the_workbook_is_byte_identical_across_exports_and_equal_to_the_built_one() {
    let dir = tempfile::tempdir().unwrap();
    let a = sample_workbook(dir.path());
    let first = fs::read(&a).unwrap();
    let again = fs::read(sample_workbook(dir.path())).unwrap();
    assert!(first == again, "two exports differ");
    let site = tempfile::tempdir().unwrap();
    build_into(&sample_root(), site.path()).unwrap();
    assert!(fs::read(site.path().join("du-lieu/kiem-dinh.xlsx")).unwrap() == first, "build and export differ");
    let page = fs::read_to_string(site.path().join("du-lieu/index.html")).unwrap();
    assert!(
        page.contains("kiem-dinh.xlsx") && page.contains("Ưu tiên") && page.contains("Tiến độ"),
        "the data page does not describe the workbook"
    );
}

#[test]
fn the_sample_s_workbook_imports_back_into_the_sample_without_any_change() {
    let dir = tempfile::tempdir().unwrap();
    let book = sample_workbook(dir.path());
    let site = tempfile::tempdir().unwrap();
    fs::copy(sample_root().join("config.toml"), site.path().join("config.toml")).unwrap();
    copy_tree(&sample_root().join("content"), &site.path().join("content"));
    let before = content(site.path());
    let (status, json) = import_json(site.path(), &book, &[]);
    assert_eq!(status, Some(0), "{json:#}");
    assert_eq!(json["changes"], Value::Array(vec![]), "{json:#}");
    assert_eq!(json["summary"]["schools"], 66);
    assert_eq!(content(site.path()), before);
}

/// The status section of each school page of a built site, by school id.
fn status_sections(out: &Path) -> std::collections::BTreeMap<String, String> {
    let mut by_id = std::collections::BTreeMap::new();
    for entry in fs::read_dir(out.join("truong")).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        let Ok(html) = fs::read_to_string(&page) else { continue };
        let id = html.split("Mã trường").nth(1).and_then(|t| t.split("</dd>").next()).unwrap_or("").to_owned();
        let start =
            html.find(">Tình trạng hiện tại</h2>").unwrap_or_else(|| panic!("no status section in {}", page.display()));
        let section = &html[start..];
        let end = section.find("</section>").unwrap();
        by_id.insert(id, section[..end].to_owned());
    }
    by_id
}

#[test]
fn the_sample_s_workbook_imported_into_an_empty_site_gives_the_same_status_sections() {
    let dir = tempfile::tempdir().unwrap();
    let book = sample_workbook(dir.path());
    let site = tempfile::tempdir().unwrap();
    fs::copy(sample_root().join("config.toml"), site.path().join("config.toml")).unwrap();
    fs::create_dir_all(site.path().join("content/schools")).unwrap();
    let (status, json) = import_json(site.path(), &book, &[]);
    assert_eq!(status, Some(0), "{json:#}");
    assert_eq!(json["summary"]["files"], 66);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_into(&sample_root(), a.path()).unwrap();
    build_into(site.path(), b.path()).unwrap();
    let (want, got) = (status_sections(a.path()), status_sections(b.path()));
    assert_eq!(want.len(), 66);
    assert_eq!(got, want);
}

/// `soffice`, or `None` outside CI when it is not installed (in CI a missing LibreOffice fails
/// the test: scripts/office-deps.sh installs it).
pub fn soffice() -> Option<&'static str> {
    let found = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    if found {
        return Some("soffice");
    }
    assert!(std::env::var_os("CI").is_none(), "LibreOffice (soffice) is missing: run scripts/office-deps.sh");
    eprintln!("skipped: LibreOffice (soffice) is not installed; scripts/office-deps.sh installs it");
    None
}

/// Rows of a CSV file (LibreOffice's export, or ours with its byte-order mark).
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let bytes = fs::read(path).unwrap();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// `20/05/2022` → `2022-05-20`; anything else as is.
fn iso(s: &str) -> String {
    let p: Vec<&str> = s.split('/').collect();
    if p.len() == 3 && p[2].len() == 4 { format!("{}-{}-{}", p[2], p[1], p[0]) } else { s.to_owned() }
}

#[test]
fn libreoffice_reads_every_sheet_of_the_workbook_and_they_match_the_open_data_csvs() {
    let Some(soffice) = soffice() else { return };
    let out = tempfile::tempdir().unwrap();
    build_into(&sample_root(), out.path()).unwrap();
    let work = tempfile::tempdir().unwrap();
    fs::copy(out.path().join("du-lieu/kiem-dinh.xlsx"), work.path().join("book.xlsx")).unwrap();
    let profile = format!("-env:UserInstallation=file://{}/profile", work.path().display());
    let status = Command::new(soffice)
        .arg(&profile)
        .args([
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
        ])
        .arg("book.xlsx")
        .current_dir(work.path())
        .output()
        .unwrap();
    assert!(status.status.success(), "{}", String::from_utf8_lossy(&status.stderr));
    let sheet = |name: &str| {
        let p = work.path().join(format!("book-{name}.csv"));
        assert!(
            p.is_file(),
            "LibreOffice wrote no sheet {name}: {:?}",
            fs::read_dir(work.path()).unwrap().map(|e| e.unwrap().file_name()).collect::<Vec<_>>()
        );
        csv_rows(&p)
    };
    let data = |name: &str| csv_rows(&out.path().join("du-lieu").join(name));

    // Trường: the same schools, in the same order, with the same names, communes and validity.
    let (xl, csv) = (sheet("Trường"), data("truong.csv"));
    assert_eq!(xl.len(), csv.len());
    assert_eq!(xl[0][0], "Mã trường");
    for (a, b) in xl.iter().zip(&csv).skip(1) {
        assert_eq!((&a[0], &a[1], &a[5]), (&b[0], &b[1], &b[5]), "id, name, commune");
        assert_eq!(iso(&a[16]), b[15], "accreditation valid until, as a real date");
        assert_eq!(a[12], b[11], "students, as a number");
    }
    // Quyết định: every decision with its number and dates.
    let (xl, csv) = (sheet("Quyết định"), data("quyet-dinh.csv"));
    assert_eq!(xl.len(), csv.len());
    for (a, b) in xl.iter().zip(&csv).skip(1) {
        assert_eq!((&a[0], &a[2], &a[4], &a[5]), (&b[0], &b[2], &b[4], &b[5]), "id, province, level, number");
        assert_eq!((iso(&a[6]), iso(&a[7]), iso(&a[9])), (b[6].clone(), b[7].clone(), b[9].clone()), "dates");
    }
    // Kết quả tiêu chí: one row per school × report × criterion, the same levels.
    let (xl, csv) = (sheet("Kết quả tiêu chí"), data("ket-qua-tieu-chi.csv"));
    assert_eq!(xl.len(), csv.len());
    for (a, b) in xl.iter().zip(&csv).skip(1) {
        assert_eq!(
            (&a[0], &a[2], &a[3], &a[6], &a[8]),
            (&b[0], &b[2], &b[3], &b[6], &b[8]),
            "id, province, year, criterion, level"
        );
        assert_eq!(a[9] == "Đạt", b[9] == "true", "Mức 1 reached means met");
    }
    // Tiến độ and Ưu tiên have no CSV twin: their header and at least a row.
    let progress = sheet("Tiến độ");
    assert_eq!(progress[0][0], "Địa bàn");
    assert!(progress.len() > 5);
    let priority = sheet("Ưu tiên");
    assert_eq!(priority[0][1], "Mã trường");
    assert!(priority.len() > 5);
}

/// Hostile and broken workbooks (`tests/hostile/workbooks/`, made by
/// `scripts/make-hostile-workbooks.py`): each ends in its finding, or, for formulas and
/// macros, in an import of the cached values; never a hang, a crash or a partial import.
#[test]
fn hostile_workbooks_end_in_a_finding_and_write_nothing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/workbooks");
    let refused = [
        ("corrupt.xlsx", "import.unreadable"),
        ("truncated.xlsx", "import.unreadable"),
        ("encrypted.xlsx", "import.encrypted"),
        ("zip-bomb.xlsx", "import.too-large"),
        ("entities.xlsx", "import.unreadable"),
        ("big-cell.xlsx", "import.too-large"),
    ];
    for (file, code) in refused {
        let site = case_site(Path::new("/nonexistent"));
        let before = content(site.path());
        let (status, json) = import_json(site.path(), &dir.join(file), &[]);
        assert_eq!(status, Some(1), "{file}: {json:#}");
        let codes: Vec<&str> =
            json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
        assert_eq!(codes, [code], "{file}");
        assert_eq!(content(site.path()), before, "{file} changed content/");
    }
}

#[test]
fn formulas_give_their_cached_values_and_macros_never_run() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/workbooks");
    for file in ["formulas.xlsx", "macro.xlsm", "million-rows.xlsx"] {
        let site = case_site(Path::new("/nonexistent"));
        let (status, json) = import_json(site.path(), &dir.join(file), &["--sheet", "Danh sách trường"]);
        assert_eq!(status, Some(0), "{file}: {json:#}");
        let written = fs::read_to_string(site.path().join("content/schools/tieu-hoc-dinh-bo-linh/school.toml"))
            .unwrap_or_else(|e| panic!("{file}: {e}: {json:#}"));
        assert!(written.contains("id = \"75000701\""), "{file}: {written}");
        assert!(written.contains("name = \"Trường Tiểu học Đinh Bộ Lĩnh\""), "{file}: {written}");
        if file == "formulas.xlsx" {
            // H2 is =WEBSERVICE(…): its cached text is read, the formula never run.
            assert!(written.contains("principal = \"Nguyễn Thị Hoa\""), "{written}");
            assert!(written.contains("students = 812"), "=400+412 cached: {written}");
        }
        assert!(
            !written.contains("CONCATENATE") && !written.contains("WEBSERVICE"),
            "{file}: a formula was written: {written}"
        );
    }
}

#[test]
fn every_import_code_is_explained_in_the_guide() {
    let docs = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/huong-dan/ma-loi.md")).unwrap();
    for code in minhbach::diagnostic::Code::ALL.iter().filter(|c| c.is_import()) {
        assert!(docs.contains(&format!("\n## {}\n", code.name())), "docs/huong-dan/ma-loi.md has no section ## {code}");
    }
}

/// One small CSV per finding that the LibreOffice fixtures do not cover, each reported at its
/// cell, and nothing written.
#[test]
fn each_import_finding_points_at_its_cell() {
    let head = "Mã trường,Tên trường,Cấp học,Xã/phường,Cấp độ KĐCLGD,Số QĐ KĐ,Ngày QĐ KĐ\n";
    let cases: &[(&str, &str, &str, &str)] = &[
        ("value-missing", "75000701,,Tiểu học,Xã A,,,\n", "import.value-missing", "truong!B2"),
        ("date-impossible", "75000701,Trường A,Tiểu học,Xã A,2,1/QĐ,31/02/2022\n", "import.date-invalid", "truong!G2"),
        ("date-unreadable", "75000701,Trường A,Tiểu học,Xã A,2,1/QĐ,tháng năm\n", "import.date-invalid", "truong!G2"),
        ("incomplete", "75000701,Trường A,Tiểu học,Xã A,2,,20/5/2022\n", "import.decision-incomplete", "truong!F2"),
        (
            "level-range",
            "75000701,Trường A,Tiểu học,Xã A,Cấp độ 5,1/QĐ,20/5/2022\n",
            "import.value-invalid",
            "truong!E2",
        ),
    ];
    for (name, row, code, place) in cases {
        let site = case_site(Path::new("/nonexistent"));
        let file = site.path().join("truong.csv");
        fs::write(&file, format!("{head}{row}")).unwrap();
        let (status, json) = import_json(site.path(), &file, &[]);
        assert_eq!(status, Some(1), "{name}: {json:#}");
        let found = json["diagnostics"].as_array().unwrap().iter().any(|d| d["code"] == *code && d["place"] == *place);
        assert!(found, "{name}: expected {code} at {place}: {json:#}");
        assert!(!site.path().join("content/schools").read_dir().unwrap().any(|_| true), "{name} wrote a school");
    }

    // A decision sheet naming a school that exists nowhere.
    let site = case_site(Path::new("/nonexistent"));
    let file = site.path().join("quyet-dinh.csv");
    fs::write(&file, "Mã trường,Loại,Cấp độ/Mức độ,Số quyết định,Ngày quyết định\n79999999,CQG,1,9/QĐ,1/6/2022\n")
        .unwrap();
    let (status, json) = import_json(site.path(), &file, &[]);
    assert_eq!(status, Some(1));
    assert_eq!(json["diagnostics"][0]["code"], "import.school-unknown", "{json:#}");

    // A sheet asked for that is not there: the message lists the sheets.
    let (status, json) = import_json(site.path(), &file, &["--sheet", "Danh sách"]);
    assert_eq!(status, Some(1));
    assert_eq!(json["diagnostics"][0]["code"], "import.column-missing");
    assert!(json["diagnostics"][0]["message"].as_str().unwrap().contains("quyet-dinh"), "{json:#}");

    // A school.toml that cannot be parsed is never edited around.
    let site = case_site(Path::new("/nonexistent"));
    fs::create_dir_all(site.path().join("content/schools/hong")).unwrap();
    fs::write(site.path().join("content/schools/hong/school.toml"), "id = \"75000701\"\nname = \n").unwrap();
    let file = site.path().join("truong.csv");
    fs::write(&file, format!("{head}75000701,Trường A,Tiểu học,Xã A,,,\n")).unwrap();
    let (status, json) = import_json(site.path(), &file, &[]);
    assert_eq!(status, Some(1), "{json:#}");
    assert_eq!(json["diagnostics"][0]["code"], "import.content-invalid");
    assert_eq!(json["diagnostics"][0]["file"], "content/schools/hong/school.toml");
    assert!(!site.path().join("content/schools/truong-a").exists());
}
