//! The public portal's own pages and files: statistics, registrations, open data, feed,
//! listings in Vietnamese order.

use std::collections::BTreeMap;

use crate::util::*;

fn built() -> &'static BTreeMap<String, Vec<u8>> {
    crate::sample::built()
}

#[test]
fn every_url_of_the_site_table_exists() {
    let tree = built();
    let mut urls = vec![
        "index.html",
        "dia-ban/index.html",
        "dia-ban/huyen-cu/index.html",
        "cap-hoc/index.html",
        "chua-cong-nhan/index.html",
        "sap-het-han/index.html",
        "het-hieu-luc/index.html",
        "dang-ky-danh-gia-ngoai/index.html",
        "thong-ke/index.html",
        "tim-kiem/index.html",
        "du-lieu/index.html",
        "du-lieu/truong.csv",
        "du-lieu/truong.json",
        "du-lieu/quyet-dinh.csv",
        "du-lieu/ket-qua-tieu-chi.csv",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "gioi-thieu/index.html",
        "huong-dan/index.html",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect::<Vec<_>>();
    urls.extend((1..=4).map(|n| format!("kiem-dinh/cap-do-{n}/index.html")));
    urls.extend((1..=2).map(|n| format!("chuan-quoc-gia/muc-do-{n}/index.html")));
    urls.extend(
        ["mam-non", "tieu-hoc", "thcs", "thpt", "nhieu-cap", "gdtx"].map(|l| format!("cap-hoc/{l}/index.html")),
    );
    for url in urls {
        assert!(tree.contains_key(&url), "{url} is missing");
    }
    let sitemap = page(tree, "sitemap.xml");
    assert!(sitemap.contains("/thong-ke/</loc>") && sitemap.contains("/du-lieu/</loc>"));
}

#[test]
fn listings_use_vietnamese_collation() {
    let html = page(built(), "cap-hoc/mam-non/index.html");
    let pos = |name: &str| html.find(name).unwrap_or_else(|| panic!("{name} not in the listing"));
    let order =
        ["Trường Mầm non Ánh Dương", "Trường Mầm non Bình Minh", "Trường Mầm non Đồng Tâm", "Trường Mầm non Én Xanh"];
    for pair in order.windows(2) {
        assert!(pos(pair[0]) < pos(pair[1]), "{} must come before {}", pair[0], pair[1]);
    }
}

#[test]
fn pagination_splits_long_listings() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&sample_root().join("content"), &dir.path().join("content"));
    let config = std::fs::read_to_string(sample_root().join("config.toml")).unwrap() + "paginate = 10\n";
    std::fs::write(dir.path().join("config.toml"), config).unwrap();
    let out = dir.path().join("out");
    build_into(dir.path(), &out).unwrap();
    let tree = read_tree(&out);
    // 18 mầm non schools: pages 1 and 2.
    assert!(tree.contains_key("cap-hoc/mam-non/page/2/index.html"));
    assert!(!tree.contains_key("cap-hoc/mam-non/page/3/index.html"));
    let first = page(&tree, "cap-hoc/mam-non/index.html");
    let cards = first.matches("<li class=\"card\">").count() + first.matches("<li class=card>").count();
    assert_eq!(cards, 10);
    assert!(broken_links(&tree).is_empty());
}

#[test]
fn criteria_results_have_one_row_per_school_report_and_criterion() {
    let run = minhbach::check_site(&sample_root(), minhbach::content::DateSource::Environment).unwrap();
    let content = run.content.unwrap();
    let mut expected = 0;
    let mut drafts = Vec::new();
    for s in &content.schools {
        for r in &s.reports {
            if r.is_approved() {
                let j = &run.checked.judgements[&(s.slug.clone(), r.year)];
                expected += run.regulation.framework(&j.framework.0).unwrap().criteria().count();
            } else {
                drafts.push((s.id.value.0.clone(), r.year.to_string()));
            }
        }
    }
    let bytes = &built()["du-lieu/ket-qua-tieu-chi.csv"];
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "CSV must start with a byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "school_id");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), expected);
    for (id, year) in drafts {
        assert!(!rows.iter().any(|r| r[0] == id && r[3] == year), "draft {id} {year} exported");
    }
    let schools = csv::Reader::from_reader(&built()["du-lieu/truong.csv"][3..]).records().count();
    assert_eq!(schools, content.schools.len());
    let json: serde_json::Value = serde_json::from_slice(&built()["du-lieu/truong.json"]).unwrap();
    assert_eq!(json["schools"].as_array().unwrap().len(), content.schools.len());
}

#[test]
fn the_feed_is_atom_newest_first() {
    let feed = atom_syndication::Feed::read_from(&built()["feed.xml"][..]).expect("valid Atom");
    assert!(!feed.entries().is_empty());
    let dates: Vec<_> = feed.entries().iter().map(|e| *e.updated()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "entries are not newest first");
    assert!(feed.entries().iter().all(|e| e.links()[0].href().starts_with("https://kiemdinh.example.gov.vn/truong/")));
}

#[test]
fn statistics_list_schools_without_a_current_report_and_draw_charts() {
    let html = page(built(), "thong-ke/index.html");
    assert!(html.matches("<svg").count() >= 3, "charts are inline SVG");
    assert!(html.contains("<figcaption>"), "each chart has a text alternative");
    assert!(foreign_scripts(&html).is_empty(), "charts need no script");
    // th-nguyen-hien has no approved 2026-2027 report in the sample.
    let missing = html.find("tk-chua-bao-cao>").or_else(|| html.find("tk-chua-bao-cao\">")).unwrap();
    assert!(html[missing..].contains("Trường Tiểu học Nguyễn Hiền"));
    let regs = page(built(), "dang-ky-danh-gia-ngoai/index.html");
    assert!(regs.contains("Năm học 2026-2027"));
}
