//! `minhbach fix-encoding` on the TCVN3 and VNI cases of `tests/hostile/`: the converted report
//! is the original Unicode text again, and `check` accepts it; a Unicode file is refused and
//! `--dry-run` writes nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::util::*;

const REPORT: &str = "content/schools/th-dinh-bo-linh/2024-2025.md";

/// A copy of `tests/fixtures/small` with the `replace` of hostile case `name` applied.
fn hostile_site(name: &str) -> (tempfile::TempDir, PathBuf) {
    let case = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile").join(name).join("case.toml");
    let case: toml::Table = toml::from_str(&fs::read_to_string(&case).unwrap()).unwrap();
    let site = fixture_copy("small");
    let files = case["file"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{name}: one file changed");
    assert_eq!(files[0]["path"].as_str(), Some(REPORT));
    let replace = files[0]["replace"].as_array().unwrap();
    let (from, to) = (replace[0].as_str().unwrap(), replace[1].as_str().unwrap());
    let report = site.path().join(REPORT);
    let text = fs::read_to_string(&report).unwrap();
    assert!(text.contains(from), "{name}: the fixture still holds the replaced text");
    fs::write(&report, text.replacen(from, to, 1)).unwrap();
    (site, report)
}

fn fix_encoding(args: &[&Path], dry_run: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_minhbach"));
    cmd.arg("fix-encoding").args(args).env_remove("MINHBACH_LANG");
    if dry_run {
        cmd.arg("--dry-run");
    }
    cmd.output().unwrap()
}

/// `check --format json`: exit status and the codes found.
fn check_codes(root: &Path) -> (Option<i32>, Vec<String>) {
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect();
    (out.status.code(), codes)
}

#[test]
fn the_hostile_tcvn3_and_vni_reports_convert_back_to_their_unicode_and_check_accepts_them() {
    let original = fs::read(fixture("small").join(REPORT)).unwrap();
    for (case, encoding) in [("32-tcvn3", "TCVN3"), ("33-vni", "VNI")] {
        let (site, report) = hostile_site(case);
        let (status, codes) = check_codes(site.path());
        assert_eq!(status, Some(1), "{case}: check refuses the legacy report");
        assert!(codes.iter().any(|c| c == "encoding.legacy"), "{case}: {codes:?}");

        // A dry run shows the line, old → new, and writes nothing.
        let before = fs::read(&report).unwrap();
        let out = fix_encoding(&[&report], true);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{case}: {stdout}{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout.contains(encoding), "{case}: names the encoding: {stdout}");
        assert!(stdout.contains("1 dòng thay đổi"), "{case}: {stdout}");
        assert!(stdout.contains("Trường Tiểu học Đinh Bộ Lĩnh tự đánh giá"), "{case}: the new line: {stdout}");
        assert!(stdout.contains("→"), "{case}: {stdout}");
        assert_eq!(fs::read(&report).unwrap(), before, "{case}: --dry-run wrote nothing");

        let out = fix_encoding(&[&report], false);
        assert_eq!(out.status.code(), Some(0), "{case}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(
            String::from_utf8(fs::read(&report).unwrap()).unwrap(),
            String::from_utf8(original.clone()).unwrap(),
            "{case}: the report is the original Unicode text again, the rest of the file untouched"
        );
        let (status, codes) = check_codes(site.path());
        assert!(!codes.iter().any(|c| c.starts_with("encoding.")), "{case}: {codes:?}");
        assert_eq!(status, Some(0), "{case}: {codes:?}");
        let leftovers: Vec<_> = fs::read_dir(report.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("fix-encoding"))
            .collect();
        assert!(leftovers.is_empty(), "{case}: temporary files left: {leftovers:?}");
    }
}

#[test]
fn a_unicode_file_is_refused_by_name_and_the_other_files_are_still_converted() {
    let (site, legacy) = hostile_site("33-vni");
    let unicode = site.path().join("content/schools/th-dinh-bo-linh/school.toml");
    let unicode_before = fs::read(&unicode).unwrap();
    let out = fix_encoding(&[&unicode, &legacy], false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("{}: tệp đã là tiếng Việt Unicode", unicode.display())), "{stderr}");
    assert!(stderr.contains("1/2 tệp không được chuyển"), "{stderr}");
    assert_eq!(fs::read(&unicode).unwrap(), unicode_before, "the Unicode file is untouched");
    assert_eq!(
        fs::read(&legacy).unwrap(),
        fs::read(fixture("small").join(REPORT)).unwrap(),
        "the VNI one is converted"
    );
    // Converted once, refused the second time: running it twice cannot spoil a file.
    let out = fix_encoding(&[&legacy], false);
    assert_eq!(out.status.code(), Some(1));
    // In English on request.
    let out = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["fix-encoding", "--lang", "en"])
        .arg(&unicode)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("already Unicode Vietnamese"));
}

#[test]
fn a_single_byte_tcvn3_file_is_rewritten_as_utf8_with_its_crlf_line_endings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ghi-chu.md");
    // "Trường tiểu học\r\nnăm học 2024-2025\r\n" as the bytes a .VnTime document saves.
    fs::write(&path, b"Tr\xad\xeang ti\xd3u h\xe4c\r\nn\xa8m h\xe4c 2024-2025\r\n").unwrap();
    let out = fix_encoding(&[&path], true);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("2 dòng thay đổi") && stdout.contains("năm học 2024-2025"), "{stdout}");
    assert_eq!(fs::read(&path).unwrap()[..2], *b"Tr", "dry run");
    let out = fix_encoding(&[&path], false);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&path).unwrap(), "Trường tiểu học\r\nnăm học 2024-2025\r\n");
    let out = fix_encoding(&[&dir.path().join("khong-co.md")], false);
    assert_eq!(out.status.code(), Some(1), "a missing file is a failure");
    assert!(String::from_utf8_lossy(&out.stderr).contains("khong-co.md: không đọc được tệp"));
}
