//! Open data of a portal of several provinces (`tests/fixtures/provinces`): each province's
//! files under `du-lieu/tinh/<tỉnh>/` beside the national ones, a `province` column in every
//! file, and a national file larger than the limit left out with the data page saying why.

use std::collections::BTreeMap;

use minhbach::content::DateSource;
use minhbach::output::Staging;
use minhbach::render::{PageJob, Renderer, load_templates};

use crate::util::*;

const CSV_FILES: [&str; 3] = ["truong.csv", "quyet-dinh.csv", "ket-qua-tieu-chi.csv"];

fn built() -> &'static BTreeMap<String, Vec<u8>> {
    crate::provinces::built()
}

/// Header and rows of a CSV file, after its byte-order mark.
fn csv_table(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "CSV must start with a byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

/// The provinces' folders under `du-lieu/tinh/`, by slug, with each one's name (from its
/// `truong.json`).
fn provinces() -> BTreeMap<String, String> {
    built()
        .keys()
        .filter_map(|k| k.strip_prefix("du-lieu/tinh/")?.strip_suffix("/truong.json").map(str::to_owned))
        .map(|slug| {
            let json: serde_json::Value =
                serde_json::from_slice(&built()[&format!("du-lieu/tinh/{slug}/truong.json")]).unwrap();
            (slug, json["province"].as_str().expect("a province's truong.json names it").to_owned())
        })
        .collect()
}

#[test]
fn each_province_has_its_own_files_beside_the_national_ones() {
    let provinces = provinces();
    assert_eq!(
        provinces.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(),
        [("dong-nai", "Đồng Nai"), ("ha-noi", "Hà Nội"), ("tuyen-quang", "Tuyên Quang")]
    );
    for slug in provinces.keys() {
        for name in ["truong.csv", "truong.json", "quyet-dinh.csv", "ket-qua-tieu-chi.csv", "kiem-dinh.xlsx"] {
            let path = format!("du-lieu/tinh/{slug}/{name}");
            assert!(built().get(&path).is_some_and(|b| !b.is_empty()), "{path} missing");
        }
        assert!(built()[&format!("du-lieu/tinh/{slug}/kiem-dinh.xlsx")].starts_with(b"PK"), "a workbook is a zip");
    }
    // The fixture is small: every national file is within the limit and written.
    for name in ["truong.csv", "truong.json", "quyet-dinh.csv", "ket-qua-tieu-chi.csv", "kiem-dinh.xlsx"] {
        assert!(built().contains_key(&format!("du-lieu/{name}")), "national {name} missing");
    }
}

#[test]
fn a_provinces_files_hold_only_its_rows_and_together_the_national_file() {
    let provinces = provinces();
    for name in CSV_FILES {
        let (header, national) = csv_table(&built()[&format!("du-lieu/{name}")]);
        let col = header.iter().position(|h| h == "province").unwrap_or_else(|| panic!("{name}: no province column"));
        assert!(!national.is_empty(), "{name}: the fixture should give rows");
        let mut together = Vec::new();
        for (slug, province) in &provinces {
            let (own_header, rows) = csv_table(&built()[&format!("du-lieu/tinh/{slug}/{name}")]);
            assert_eq!(own_header, header, "{slug}/{name}: the national file's columns");
            for row in &rows {
                assert_eq!(&row[col], province, "{slug}/{name}: a row of another province: {row:?}");
            }
            together.extend(rows);
        }
        let mut national_sorted = national.clone();
        national_sorted.sort();
        together.sort();
        assert_eq!(together, national_sorted, "{name}: the provinces' rows are the national rows");
    }
    // The province column sits after the school's name in the decisions and results.
    for name in ["quyet-dinh.csv", "ket-qua-tieu-chi.csv"] {
        let (header, _) = csv_table(&built()[&format!("du-lieu/{name}")]);
        assert_eq!(header[..3], ["school_id", "school_name", "province"], "{name}");
    }
    // JSON: each province's schools, and all of them in the national file.
    let national: serde_json::Value = serde_json::from_slice(&built()["du-lieu/truong.json"]).unwrap();
    let national = national["schools"].as_array().unwrap();
    let mut total = 0;
    for (slug, province) in &provinces {
        let json: serde_json::Value =
            serde_json::from_slice(&built()[&format!("du-lieu/tinh/{slug}/truong.json")]).unwrap();
        let schools = json["schools"].as_array().unwrap();
        assert!(!schools.is_empty());
        assert!(schools.iter().all(|s| s["province"] == province.as_str()), "{slug}: another province's school");
        assert!(schools.iter().all(|s| national.contains(s)), "{slug}: a school the national file lacks");
        total += schools.len();
    }
    assert_eq!(total, national.len());
}

#[test]
fn the_data_page_links_every_provinces_files_with_their_sizes() {
    let html = page(built(), "du-lieu/index.html");
    assert!(html.contains("Dữ liệu từng tỉnh, thành phố"));
    for slug in provinces().keys() {
        for name in ["truong.csv", "truong.json", "quyet-dinh.csv", "ket-qua-tieu-chi.csv", "kiem-dinh.xlsx"] {
            assert!(html.contains(&format!("\"../du-lieu/tinh/{slug}/{name}\"")), "no link to {slug}/{name}");
        }
    }
    assert!(!html.contains("nên không được tạo"), "nothing is left out of a small portal");
    let broken: Vec<String> = broken_links(built()).into_iter().filter(|l| l.starts_with("du-lieu/")).collect();
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_site_of_one_province_has_no_province_folders() {
    let tree = crate::sample::built();
    assert!(!tree.keys().any(|k| k.starts_with("du-lieu/tinh/")));
    assert!(!page(tree, "du-lieu/index.html").contains("Dữ liệu từng tỉnh"));
}

/// Writes the fixture's open data with `limit`, then renders its data page: the files
/// written (root-relative) and the page.
fn open_data_within(limit: u64) -> (Vec<String>, String) {
    let root = fixture("provinces");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    minhbach::build::with_site(&root, DateSource::Environment, |site| {
        let theme = load_templates(&root, "default", false).unwrap();
        let renderer = Renderer::new(site, &theme);
        let staging = Staging::create(&target).unwrap();
        renderer.write_open_data_within(&staging, limit).unwrap();
        let page = renderer.render_job(PageJob::OpenData).unwrap();
        let robots = staging.path_of("robots.txt");
        let files = read_tree(robots.parent().unwrap()).into_keys().collect();
        (files, String::from_utf8(page.html).unwrap())
    })
    .unwrap()
    .unwrap_or_else(|d| panic!("the fixture has errors: {d:?}"))
}

#[test]
fn a_national_file_over_the_limit_is_left_out_and_the_page_says_why() {
    // Within a limit of exactly its size, a national file is written: its size told
    // beforehand is its size to the byte.
    let sizes: BTreeMap<&str, u64> =
        CSV_FILES.iter().map(|&n| (n, built()[&format!("du-lieu/{n}")].len() as u64)).collect();
    let (files, _) = open_data_within(sizes["truong.csv"]);
    assert!(files.contains(&"du-lieu/truong.csv".to_owned()), "{files:?}");
    assert!(sizes["ket-qua-tieu-chi.csv"] > sizes["truong.csv"], "the fixture's criteria table should be larger");
    assert!(!files.contains(&"du-lieu/ket-qua-tieu-chi.csv".to_owned()), "{files:?}");
    let (files, _) = open_data_within(sizes["truong.csv"] - 1);
    assert!(!files.contains(&"du-lieu/truong.csv".to_owned()), "one byte over the limit: {files:?}");

    // A tiny limit: no national file at all, every province's file still there.
    let (files, html) = open_data_within(100);
    for name in ["truong.csv", "truong.json", "quyet-dinh.csv", "ket-qua-tieu-chi.csv", "kiem-dinh.xlsx"] {
        assert!(!files.contains(&format!("du-lieu/{name}")), "national {name} written over the limit");
        for slug in ["dong-nai", "ha-noi", "tuyen-quang"] {
            assert!(files.contains(&format!("du-lieu/tinh/{slug}/{name}")), "{slug}/{name} missing");
        }
        assert!(
            html.contains(&format!("Tệp toàn quốc {name}")) || html.contains(&format!("Sổ tính toàn quốc {name}")),
            "the page does not say {name} was left out"
        );
        assert!(!html.contains(&format!("\"../du-lieu/{name}\"")), "the page links to the missing {name}");
    }
    assert!(html.contains("lớn hơn 1 KB nên không được tạo"), "the page names the limit");
}
