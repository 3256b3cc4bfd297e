//! `minhbach import report` on Word files made by a real office program. Each case of
//! `tests/fixtures/import-report/<case>/` is a report in an official form that LibreOffice saved
//! as `report.docx` and `report.doc` (`scripts/make-report-fixtures.py`); `expect.toml` says
//! what the import must write. The import runs without `--school`/`--year`: the cover must be
//! enough. Then the round trip: every approved report of the sample province, rendered to the
//! official form, converted to .docx by LibreOffice and imported back, gives the same results,
//! claimed level, Mức 4 and evidence codes.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::import::soffice;
use crate::util::*;

// ---------------------------------------------------------------------------------------------
// Reading what the importer wrote.
// ---------------------------------------------------------------------------------------------

/// A written report: front matter and Markdown body.
struct Written {
    front: toml::Table,
    body: String,
    text: String,
}

fn read_report(path: &Path) -> Written {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rest = text.strip_prefix("+++").unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    let end = rest.find("\n+++").unwrap_or_else(|| panic!("{}: front matter not closed", path.display()));
    let front: toml::Table =
        toml::from_str(&rest[..end]).unwrap_or_else(|e| panic!("{}: front matter: {e}", path.display()));
    let body = rest[end + 4..].to_owned();
    Written { front, body, text }
}

/// Lower case, no diacritics, đ → d: how the spec compares headings.
fn fold(s: &str) -> String {
    s.nfd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)).collect::<String>().to_lowercase().replace('đ', "d")
}

static CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"H[0-9]+-[0-9]+\.[0-9]{1,2}-[0-9]{2,}|MC\.[0-9]+\.[0-9]+\.[0-9]{2,}").unwrap());

/// Where the evidence list starts: the heading `Danh mục (mã) minh chứng`.
fn evidence_heading(body: &str) -> Option<usize> {
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with('#') {
            let f = fold(t.trim_start_matches('#'));
            if f.contains("danh muc") && f.contains("minh chung") {
                return Some(at);
            }
        }
        at += line.len();
    }
    None
}

/// The codes of the evidence list: the code column (folded header starting with `ma`) of the
/// first table under the evidence heading, in order.
fn listed_codes(body: &str) -> Vec<String> {
    let Some(start) = evidence_heading(body) else { return Vec::new() };
    let cells = |line: &str| -> Vec<String> {
        line.trim().trim_start_matches('|').trim_end_matches('|').split('|').map(|c| c.trim().to_owned()).collect()
    };
    let mut lines = body[start..].lines().skip(1).skip_while(|l| !l.trim_start().starts_with('|'));
    let Some(header) = lines.next() else { return Vec::new() };
    let Some(col) = cells(header).iter().position(|h| fold(h).starts_with("ma")) else {
        panic!("no code column in the evidence table header: {header}")
    };
    let mut out = Vec::new();
    for line in lines.take_while(|l| l.trim_start().starts_with('|')) {
        let row = cells(line);
        if row.iter().all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
            continue;
        }
        if let Some(cell) = row.get(col) {
            out.extend(CODE.find_iter(cell).map(|m| m.as_str().to_owned()));
        }
    }
    out
}

/// The codes cited in the narrative (everything before the evidence list).
fn cited_codes(body: &str) -> BTreeSet<String> {
    let end = evidence_heading(body).unwrap_or(body.len());
    CODE.find_iter(&body[..end]).map(|m| m.as_str().to_owned()).collect()
}

/// `[results]` as criterion → (level, note), whichever shape each entry has.
fn results_of(table: Option<&toml::Value>) -> BTreeMap<String, (i64, Option<String>)> {
    let Some(table) = table.and_then(toml::Value::as_table) else { return BTreeMap::new() };
    table
        .iter()
        .map(|(k, v)| {
            let entry = match v {
                toml::Value::Integer(n) => (*n, None),
                toml::Value::Table(t) => (
                    t.get("level").and_then(toml::Value::as_integer).unwrap_or(-1),
                    t.get("note")
                        .and_then(toml::Value::as_str)
                        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")),
                ),
                other => panic!("result {k} = {other}: neither a level nor a table"),
            };
            (k.clone(), entry)
        })
        .collect()
}

/// `[level4]` as item → met; absent and empty are the same.
fn level4_of(table: Option<&toml::Value>) -> BTreeMap<String, bool> {
    table
        .and_then(toml::Value::as_table)
        .map(|t| t.iter().map(|(k, v)| (k.clone(), v.as_bool().expect("level4 values are booleans"))).collect())
        .unwrap_or_default()
}

fn strings(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(toml::Value::as_array)
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Running the binary.
// ---------------------------------------------------------------------------------------------

/// Runs `minhbach <args> --root ROOT --format json`; exit code and the JSON document.
fn run_json(root: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(args)
        .arg("--root")
        .arg(root)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "minhbach {args:?}: no JSON on stdout ({e}), exit {:?}\nstdout: {stdout}\nstderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code(), json)
}

fn codes_of(diagnostics: &Value) -> BTreeSet<String> {
    diagnostics.as_array().into_iter().flatten().map(|d| d["code"].as_str().unwrap_or("").to_owned()).collect()
}

// ---------------------------------------------------------------------------------------------
// The fixture cases.
// ---------------------------------------------------------------------------------------------

fn cases_dir() -> PathBuf {
    fixture("import-report")
}

fn run_case(case: &str, ext: &str) {
    let dir = cases_dir().join(case);
    let mut expect: toml::Table = toml::from_str(&fs::read_to_string(dir.join("expect.toml")).unwrap()).unwrap();
    // `[doc]` gives what differs for report.doc (LibreOffice made it from the source, while
    // report.docx may have been edited afterwards).
    if ext == "doc"
        && let Some(toml::Value::Table(over)) = expect.get("doc").cloned()
    {
        expect.extend(over);
    }
    let s = |k: &str| expect[k].as_str().unwrap().to_owned();
    let (school, year, framework) = (s("school"), s("year"), s("framework"));
    if ext == "doc" && soffice().is_none() {
        return;
    }

    let site = tempfile::tempdir().unwrap();
    copy_tree(&cases_dir().join("site"), site.path());
    // The file keeps a neutral name: the school must come from the cover, not the file name.
    let input = site.path().join(format!("bao-cao.{ext}"));
    fs::copy(dir.join(format!("report.{ext}")), &input).unwrap();
    let input_arg = input.to_str().unwrap();

    let (code, json) = run_json(site.path(), &["import", "report", input_arg]);
    let context = format!("{case} ({ext}): {json:#}");
    assert_eq!(code, Some(0), "{context}");
    let reports = json["reports"].as_array().unwrap_or_else(|| panic!("no reports[]: {context}"));
    assert_eq!(reports.len(), 1, "{context}");
    let entry = &reports[0];
    let written_rel = format!("content/schools/{school}/{year}.md");
    assert_eq!(entry["file"], input_arg, "{context}");
    assert_eq!(entry["school"], school.as_str(), "{context}");
    assert_eq!(entry["year"], year.as_str(), "{context}");
    assert_eq!(entry["framework"], framework.as_str(), "{context}");
    assert_eq!(entry["criteria"].as_i64(), expect["criteria"].as_integer(), "{context}");
    assert_eq!(entry["written"], written_rel.as_str(), "{context}");
    assert_eq!(entry["errors"], 0, "{context}");

    let diagnostics = json["diagnostics"].as_array().cloned().unwrap_or_default();
    assert!(diagnostics.iter().all(|d| d["severity"] == "warning"), "{context}");
    let import_codes = codes_of(&json["diagnostics"]);
    let expected_import: BTreeSet<String> = strings(expect.get("import_findings")).into_iter().collect();
    assert_eq!(import_codes, expected_import, "import findings of {case} ({ext}): {context}");
    assert_eq!(entry["warnings"].as_u64(), Some(diagnostics.len() as u64), "{context}");

    // Nothing but the report and its images was written, and nothing written holds a script.
    let images = strings(expect.get("images"));
    let files_rel = format!("content/schools/{school}/files");
    let written_files: BTreeMap<String, Vec<u8>> = read_tree(site.path())
        .into_iter()
        .filter(|(k, _)| k.starts_with("content/") && !k.ends_with("school.toml"))
        .collect();
    let mut expected_files: BTreeSet<String> = images.iter().map(|n| format!("{files_rel}/{n}")).collect();
    expected_files.insert(written_rel.clone());
    assert_eq!(written_files.keys().cloned().collect::<BTreeSet<_>>(), expected_files, "{case} ({ext}): {context}");
    for (name, bytes) in &written_files {
        let lower = String::from_utf8_lossy(bytes).to_lowercase();
        assert!(!lower.contains("<script"), "{case} ({ext}): {name} holds a <script");
    }

    let w = read_report(&site.path().join(&written_rel));
    let report = format!("{case} ({ext}):\n{}", w.text);
    assert_eq!(w.front.get("status").and_then(|v| v.as_str()), Some("draft"), "{report}");
    assert_eq!(
        w.front.get("claimed_level").and_then(|v| v.as_integer()),
        expect["claimed_level"].as_integer(),
        "{report}"
    );
    assert_eq!(results_of(w.front.get("results")), results_of(expect.get("results")), "[results] of {case} ({ext})");
    assert_eq!(level4_of(w.front.get("level4")), level4_of(expect.get("level4")), "[level4] of {case} ({ext})");
    let evidence = strings(expect.get("evidence"));
    assert_eq!(listed_codes(&w.body), evidence, "evidence list of {case} ({ext})");
    assert_eq!(
        cited_codes(&w.body),
        evidence.iter().cloned().collect::<BTreeSet<_>>(),
        "codes cited in {case} ({ext})"
    );
    for text in strings(expect.get("must_contain")) {
        assert!(w.text.contains(&text), "{case} ({ext}): the report lacks {text:?}");
    }
    for text in strings(expect.get("must_not_contain")) {
        assert!(!w.text.contains(&text), "{case} ({ext}): {text:?} leaked into the report");
    }
    check_images(case, ext, &images, &written_files, &files_rel, &w.body, &json);
    // Every recognised section of a criterion is written as the content format's headings.
    let headings: Vec<String> = w.body.lines().filter(|l| l.starts_with('#')).map(fold).collect();
    assert!(
        headings.iter().any(|h| h.contains("tieu chi 1.1")),
        "{case} ({ext}): no `Tiêu chí 1.1` heading in {headings:?}"
    );

    let (_, check) = run_json(site.path(), &["check"]);
    let expected_check: BTreeSet<String> = strings(expect.get("check_findings")).into_iter().collect();
    assert_eq!(codes_of(&check["diagnostics"]), expected_check, "check after {case} ({ext}): {check:#}");
    let entry = check["schools"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["slug"] == school.as_str() && e["report"] == year.as_str()))
        .unwrap_or_else(|| panic!("check does not list {school} {year}: {check:#}"));
    assert_eq!(entry["status"], "draft");
    assert_eq!(entry["framework"], framework.as_str());
    assert_eq!(entry["claimed_level"].as_i64(), expect["claimed_level"].as_integer());
}

/// The images `expect.toml` names were saved under `files/` as what they claim to be (PNG or SVG
/// by their magic), the body links each one, a saved SVG holds no script, and an SVG (every SVG
/// of the fixtures carries a `<script>`) was reported as sanitised or refused.
fn check_images(
    case: &str,
    ext: &str,
    images: &[String],
    written: &BTreeMap<String, Vec<u8>>,
    files_rel: &str,
    body: &str,
    json: &Value,
) {
    for name in images {
        let bytes = &written[&format!("{files_rel}/{name}")];
        if name.ends_with(".png") {
            assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{case} ({ext}): {name} is not a PNG");
        } else if name.ends_with(".svg") {
            let text = String::from_utf8_lossy(bytes);
            let start = text.trim_start().trim_start_matches('\u{feff}');
            assert!(
                start.starts_with("<svg") || (start.starts_with("<?xml") && text.contains("<svg")),
                "{case} ({ext}): {name} is not an SVG: {text}"
            );
            assert!(!text.to_lowercase().contains("script"), "{case} ({ext}): {name} still holds a script: {text}");
        } else {
            panic!("{case}: expect.toml names {name}, neither a PNG nor an SVG");
        }
        assert!(body.contains(&format!("![](files/{name})")), "{case} ({ext}): the report does not show {name}");
    }
    if images.iter().any(|n| n.ends_with(".svg")) {
        assert!(
            codes_of(&json["diagnostics"]).contains("import.image-refused"),
            "{case} ({ext}): the SVG's script was removed without an import.image-refused finding: {json:#}"
        );
    }
}

macro_rules! cases {
    ($($docx:ident, $doc:ident => $case:literal;)*) => {$(
        #[test]
        fn $docx() {
            run_case($case, "docx");
        }
        #[test]
        fn $doc() {
            run_case($case, "doc");
        }
    )*};
}

cases! {
    th_2018_docx, th_2018_doc => "th-2018";
    thcs_2018_bold_docx, thcs_2018_bold_doc => "thcs-2018-bold";
    thpt_57_docx, thpt_57_doc => "thpt-57";
    mn_57_docx, mn_57_doc => "mn-57";
    tcvn3_docx, tcvn3_doc => "tcvn3";
    summary_only_docx, summary_only_doc => "summary-only";
    tracked_toc_docx, tracked_toc_doc => "tracked-toc";
    images_vni_docx, images_vni_doc => "images-vni";
    python_docx_docx, python_docx_doc => "python-docx";
}

#[test]
fn every_fixture_case_has_a_test() {
    let on_disk: BTreeSet<String> = fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "site")
        .collect();
    let tested: BTreeSet<String> = [
        "th-2018",
        "thcs-2018-bold",
        "thpt-57",
        "mn-57",
        "tcvn3",
        "summary-only",
        "tracked-toc",
        "images-vni",
        "python-docx",
    ]
    .map(String::from)
    .into();
    assert_eq!(on_disk, tested);
}

// ---------------------------------------------------------------------------------------------
// The round trip: the sample's approved reports → official form → .docx → import.
// ---------------------------------------------------------------------------------------------

/// Criterion ids by standard, of every framework in `regulation/`.
fn catalogs() -> BTreeMap<String, Vec<Vec<String>>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(sample_root().join("regulation")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("tt") || !name.ends_with(".toml") {
            continue;
        }
        let doc: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        for fw in doc.get("frameworks").and_then(|f| f.as_array()).into_iter().flatten() {
            let standards = fw["standards"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    s["criteria"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
                })
                .collect();
            out.insert(fw["id"].as_str().unwrap().to_owned(), standards);
        }
    }
    out
}

/// The framework a report gets from `regulation/selection.toml`, its school year and a date
/// (its `approved_on`, or the build date for a draft).
fn framework_for(level: &str, year: &str, date: &toml::value::Datetime) -> Option<String> {
    let selection: toml::Table =
        toml::from_str(&fs::read_to_string(sample_root().join("regulation/selection.toml")).unwrap()).unwrap();
    let first: i32 = year[..4].parse().unwrap();
    let date = date.to_string();
    let start = |k: &str, e: &toml::Value| e.get(k).and_then(|v| v.as_str()).map(|y| y[..4].parse::<i32>().unwrap());
    selection["era"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            start("last_school_year", e).is_none_or(|y| first <= y)
                && start("first_school_year", e).is_none_or(|y| first >= y)
                && e.get("approved_before").is_none_or(|d| date < d.to_string())
                && e.get("approved_from").is_none_or(|d| date >= d.to_string())
        })
        .and_then(|e| e["frameworks"].get(level))
        .and_then(|f| f.as_str())
        .map(str::to_owned)
}

/// A day on which a draft of this framework's era gets this framework: the import writes a
/// draft, judged on the site's `build_date`.
fn build_date_for(framework: &str) -> &'static str {
    if framework.starts_with("tt57") {
        "2026-11-23"
    } else if framework.starts_with("tt22") {
        "2025-06-01"
    } else {
        "2025-01-24"
    }
}

struct Source {
    slug: String,
    year: String,
    framework: String,
    front: toml::Table,
    body: String,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The report in the official form, as HTML: cover, summary table, Mức 4, then the narrative.
fn render(src: &Source, school: &toml::Table, catalog: &[Vec<String>]) -> String {
    let era57 = src.framework.starts_with("tt57");
    let results = results_of(src.front.get("results"));
    let claimed = src.front.get("claimed_level").and_then(|v| v.as_integer()).unwrap_or(0);
    let name = school["name"].as_str().unwrap();
    let mut h = String::from(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Báo cáo tự đánh giá</title></head><body>\n",
    );
    writeln!(h, "<p align=\"center\"><b>{}</b></p>", esc(&name.to_uppercase())).unwrap();
    writeln!(h, "<p align=\"center\">Mã trường: {}</p>", esc(school["id"].as_str().unwrap())).unwrap();
    writeln!(h, "<p align=\"center\"><b>BÁO CÁO TỰ ĐÁNH GIÁ</b></p>").unwrap();
    writeln!(h, "<p align=\"center\"><b>Năm học {}</b></p>", src.year).unwrap();
    writeln!(h, "<h1>Bảng tổng hợp kết quả tự đánh giá</h1>").unwrap();
    h.push_str("<table border=\"1\" cellspacing=\"0\">\n");
    let levels: &[i64] = if era57 { &[1, 2] } else { &[1, 2, 3] };
    h.push_str("<tr><td><b>Tiêu chuẩn, tiêu chí</b></td>");
    if !era57 {
        h.push_str("<td><b>Không đạt</b></td>");
    }
    for n in levels {
        write!(h, "<td><b>Mức {n}</b></td>").unwrap();
    }
    h.push_str("<td><b>Ghi chú</b></td></tr>\n");
    for (i, standard) in catalog.iter().enumerate() {
        let width = levels.len() + if era57 { 2 } else { 3 };
        writeln!(h, "<tr><td colspan=\"{width}\"><b>Tiêu chuẩn {}</b></td></tr>", i + 1).unwrap();
        for id in standard {
            let Some((level, note)) = results.get(id) else { continue };
            write!(h, "<tr><td>Tiêu chí {id}</td>").unwrap();
            if !era57 {
                write!(h, "<td>{}</td>", if *level == 0 { "x" } else { "" }).unwrap();
            }
            for n in levels {
                write!(h, "<td>{}</td>", if level >= n { "x" } else { "" }).unwrap();
            }
            writeln!(h, "<td>{}</td></tr>", esc(note.as_deref().unwrap_or(""))).unwrap();
        }
    }
    h.push_str("</table>\n");
    let level4 = level4_of(src.front.get("level4"));
    if !level4.is_empty() {
        h.push_str("<p><b>Đánh giá tiêu chí Mức 4</b></p>\n<table border=\"1\" cellspacing=\"0\">\n");
        h.push_str("<tr><td><b>Tiêu chí Mức 4</b></td><td><b>Đạt</b></td><td><b>Không đạt</b></td></tr>\n");
        let mut items: Vec<_> = level4.iter().collect();
        items.sort_by_key(|(k, _)| k.parse::<u32>().unwrap_or(u32::MAX));
        for (k, met) in items {
            writeln!(
                h,
                "<tr><td>Tiêu chí {k}</td><td>{}</td><td>{}</td></tr>",
                if *met { "x" } else { "" },
                if *met { "" } else { "x" }
            )
            .unwrap();
        }
        h.push_str("</table>\n");
    }
    let verdict = match (claimed, era57) {
        (0, true) => "Không đạt Mức 1".to_owned(),
        (0, false) => "Không đạt".to_owned(),
        (n, _) => format!("Đạt Mức {n}"),
    };
    writeln!(h, "<p><b>Kết quả: {verdict}</b></p>").unwrap();
    let mut opts = pulldown_cmark::Options::empty();
    opts.insert(pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut h, pulldown_cmark::Parser::new_ext(&src.body, opts));
    h.push_str("</body></html>\n");
    h
}

/// A site with the sample's config (its `build_date` replaced) and every school's identity,
/// without any report: the report file is removed (with all the others) and `check` after each
/// import sees only the drafts written here.
fn round_trip_site(build_date: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let config = fs::read_to_string(sample_root().join("config.toml")).unwrap();
    let config: String = config
        .lines()
        .map(|l| if l.starts_with("build_date") { format!("build_date = {build_date}\n") } else { format!("{l}\n") })
        .collect();
    fs::write(dir.path().join("config.toml"), config).unwrap();
    for entry in fs::read_dir(sample_root().join("content/schools")).unwrap() {
        let school = entry.unwrap().path();
        let to = dir.path().join("content/schools").join(school.file_name().unwrap());
        fs::create_dir_all(&to).unwrap();
        // Identity only: the decisions would be judged on the replaced build_date, and `check`
        // would then report them (dated after it) after every import.
        let full: toml::Table = toml::from_str(&fs::read_to_string(school.join("school.toml")).unwrap()).unwrap();
        let identity: toml::Table = ["id", "name", "level", "ownership", "commune", "former_district"]
            .into_iter()
            .filter_map(|k| full.get(k).map(|v| (k.to_owned(), v.clone())))
            .collect();
        fs::write(to.join("school.toml"), toml::to_string(&identity).unwrap()).unwrap();
    }
    dir
}

#[test]
fn the_sample_approved_reports_survive_the_official_form_and_libreoffice() {
    let Some(soffice) = soffice() else { return };
    let catalogs = catalogs();
    let mut sources = Vec::new();
    let mut schools = BTreeMap::new();
    for entry in fs::read_dir(sample_root().join("content/schools")).unwrap() {
        let dir = entry.unwrap().path();
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let school: toml::Table = toml::from_str(&fs::read_to_string(dir.join("school.toml")).unwrap()).unwrap();
        for file in fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let w = read_report(&path);
            if w.front.get("status").and_then(|v| v.as_str()) != Some("approved") {
                continue;
            }
            let year = path.file_stem().unwrap().to_string_lossy().into_owned();
            let level = school["level"].as_str().unwrap();
            let approved = w.front["approved_on"].as_datetime().unwrap();
            let framework = w
                .front
                .get("framework")
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .or_else(|| framework_for(level, &year, approved))
                .unwrap_or_else(|| panic!("{}: no framework", path.display()));
            sources.push(Source { slug: slug.clone(), year, framework, front: w.front, body: w.body });
        }
        schools.insert(slug, school);
    }
    sources.sort_by(|a, b| (&a.slug, &a.year).cmp(&(&b.slug, &b.year)));
    assert!(sources.len() >= 100, "the sample has {} approved reports", sources.len());

    // Every report into HTML, then all of them through LibreOffice at once.
    let work = tempfile::tempdir().unwrap();
    let html_dir = work.path().join("html");
    let docx_dir = work.path().join("docx");
    fs::create_dir_all(&html_dir).unwrap();
    let mut html_files = Vec::new();
    for src in &sources {
        let catalog = &catalogs[&src.framework];
        let file = html_dir.join(format!("{}--{}.html", src.slug, src.year));
        fs::write(&file, render(src, &schools[&src.slug], catalog)).unwrap();
        html_files.push(file);
    }
    let profile = format!("-env:UserInstallation=file://{}/profile", work.path().display());
    let started = std::time::Instant::now();
    let out = Command::new(soffice)
        .arg(&profile)
        .args(["--headless", "--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML", "--outdir"])
        .arg(&docx_dir)
        .args(&html_files)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let missing: Vec<String> = sources
        .iter()
        .map(|s| format!("{}--{}.docx", s.slug, s.year))
        .filter(|f| !docx_dir.join(f).is_file())
        .collect();
    assert!(missing.is_empty(), "LibreOffice did not convert {missing:?}");

    eprintln!("LibreOffice converted {} reports in {:.1} s", sources.len(), started.elapsed().as_secs_f64());
    // One site per era of the drafts: an imported report is a draft, judged on build_date.
    let mut sites: BTreeMap<&str, tempfile::TempDir> = BTreeMap::new();
    let mut failures = Vec::new();
    for src in &sources {
        let build_date = build_date_for(&src.framework);
        let level = schools[&src.slug]["level"].as_str().unwrap();
        let draft_date: toml::value::Datetime = build_date.parse().unwrap();
        assert_eq!(
            framework_for(level, &src.year, &draft_date).as_deref(),
            Some(src.framework.as_str()),
            "{} {}: a draft on {build_date} would get another framework",
            src.slug,
            src.year
        );
        let site = sites.entry(build_date).or_insert_with(|| round_trip_site(build_date));
        let docx = docx_dir.join(format!("{}--{}.docx", src.slug, src.year));
        let (code, json) = run_json(site.path(), &["import", "report", docx.to_str().unwrap(), "--school", &src.slug]);
        let name = format!("{} {}", src.slug, src.year);
        if code != Some(0) {
            failures.push(format!("{name}: exit {code:?}: {}", json["diagnostics"]));
            continue;
        }
        let written = site.path().join(format!("content/schools/{}/{}.md", src.slug, src.year));
        if !written.is_file() {
            failures.push(format!("{name}: nothing written: {json}"));
            continue;
        }
        let w = read_report(&written);
        let mut differ = Vec::new();
        if w.front.get("status").and_then(|v| v.as_str()) != Some("draft") {
            differ.push("status is not draft".to_owned());
        }
        let (got, want) = (results_of(w.front.get("results")), results_of(src.front.get("results")));
        if got != want {
            let diff: Vec<String> = want
                .keys()
                .chain(got.keys())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .filter(|k| got.get(*k) != want.get(*k))
                .map(|k| format!("{k}: {:?} → {:?}", want.get(k), got.get(k)))
                .collect();
            differ.push(format!("[results] {}", diff.join("; ")));
        }
        let claimed = |f: &toml::Table| f.get("claimed_level").and_then(|v| v.as_integer());
        if claimed(&w.front) != claimed(&src.front) {
            differ.push(format!("claimed_level {:?} → {:?}", claimed(&src.front), claimed(&w.front)));
        }
        if level4_of(w.front.get("level4")) != level4_of(src.front.get("level4")) {
            differ.push(format!(
                "[level4] {:?} → {:?}",
                level4_of(src.front.get("level4")),
                level4_of(w.front.get("level4"))
            ));
        }
        let listed = |b: &str| listed_codes(b).into_iter().collect::<BTreeSet<_>>();
        if listed(&w.body) != listed(&src.body) {
            let (a, b) = (listed(&src.body), listed(&w.body));
            differ.push(format!(
                "listed codes: lost {:?}, gained {:?}",
                a.difference(&b).collect::<Vec<_>>(),
                b.difference(&a).collect::<Vec<_>>()
            ));
        }
        if cited_codes(&w.body) != cited_codes(&src.body) {
            let (a, b) = (cited_codes(&src.body), cited_codes(&w.body));
            differ.push(format!(
                "cited codes: lost {:?}, gained {:?}",
                a.difference(&b).collect::<Vec<_>>(),
                b.difference(&a).collect::<Vec<_>>()
            ));
        }
        if !differ.is_empty() {
            failures.push(format!("{name}: {}", differ.join(" | ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} reports changed in the round trip:\n{}",
        failures.len(),
        sources.len(),
        failures.join("\n")
    );
}

/// The readers this file compares with hold on the sample itself, which `check` accepts: an
/// approved report cites only listed codes, and has a result per criterion.
#[test]
fn the_evidence_and_results_readers_agree_with_the_sample() {
    let (mut reports, mut with_evidence) = (0, 0);
    for entry in walkdir::WalkDir::new(sample_root().join("content/schools")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let w = read_report(&path);
        if w.front.get("status").and_then(|v| v.as_str()) != Some("approved") {
            continue;
        }
        reports += 1;
        let listed: BTreeSet<String> = listed_codes(&w.body).into_iter().collect();
        let cited = cited_codes(&w.body);
        assert!(cited.is_subset(&listed), "{}: cited but not listed {:?}", path.display(), cited.difference(&listed));
        if !listed.is_empty() {
            with_evidence += 1;
            assert!(!cited.is_empty(), "{}: a list but no citation read", path.display());
        }
        let results = results_of(w.front.get("results"));
        assert!(results.len() >= 15, "{}: {} results read", path.display(), results.len());
        assert!(results.values().all(|(level, _)| (0..=3).contains(level)), "{}", path.display());
    }
    assert!(reports >= 100, "{reports} approved reports");
    assert!(with_evidence >= 5, "only {with_evidence} reports with an evidence list read");
}
