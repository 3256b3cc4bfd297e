//! Issue 18: the search of a portal of several provinces (tests/fixtures/provinces: Hà Nội, Đồng
//! Nai, Tuyên Quang, with a "Xã Phú Hòa" in Đồng Nai and in Tuyên Quang): a `tinh` filter, the
//! communes of each province in a file of their own, and docs that carry their province.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::*;

fn built() -> &'static BTreeMap<String, Vec<u8>> {
    crate::provinces::built()
}

fn json(rel: &str) -> Value {
    serde_json::from_slice(built().get(rel).unwrap_or_else(|| panic!("{rel} is not in the output"))).unwrap()
}

/// `[[name, slug], …]` of a commune file, as pairs of strings.
fn communes(rel: &str) -> Vec<(String, String)> {
    let Value::Array(list) = json(rel) else { panic!("{rel} is not an array") };
    list.iter().map(|c| (c[0].as_str().unwrap().to_owned(), c[1].as_str().unwrap().to_owned())).collect()
}

#[test]
fn each_province_has_a_file_of_its_own_communes_with_their_listing_slugs() {
    let tree = built();
    let files: Vec<&str> = tree.keys().filter(|k| k.starts_with("search/xa/")).map(String::as_str).collect();
    assert_eq!(files, ["search/xa/dong-nai.json", "search/xa/ha-noi.json", "search/xa/tuyen-quang.json"]);
    let pairs = |list: &[(&str, &str)]| list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
    assert_eq!(
        communes("search/xa/tuyen-quang.json"),
        pairs(&[("Phường Minh Xuân", "phuong-minh-xuan"), ("Xã Phú Hòa", "xa-phu-hoa-tuyen-quang")])
    );
    assert_eq!(
        communes("search/xa/dong-nai.json"),
        pairs(&[("Phường Trấn Biên", "phuong-tran-bien"), ("Xã Phú Hòa", "xa-phu-hoa-dong-nai")])
    );
    assert_eq!(
        communes("search/xa/ha-noi.json"),
        pairs(&[("Phường Ba Đình", "phuong-ba-dinh"), ("Phường Đống Đa", "phuong-dong-da")])
    );
    // Every slug is a commune listing of the site.
    for f in &files {
        for (name, slug) in communes(f) {
            assert!(tree.contains_key(&format!("dia-ban/{slug}/index.html")), "{name}: no dia-ban/{slug}/");
        }
    }
}

#[test]
fn the_search_page_offers_the_provinces_and_carries_no_commune() {
    let html = page(built(), "tim-kiem/index.html");
    let select =
        html.split("<select id=\"loc-tinh\" name=\"tinh\">").nth(1).expect("no tinh select").split("</select>");
    let options = select.clone().next().unwrap();
    for (slug, name) in [("dong-nai", "Đồng Nai"), ("ha-noi", "Hà Nội"), ("tuyen-quang", "Tuyên Quang")] {
        assert!(options.contains(&format!("<option value=\"{slug}\">{name}</option>")), "{slug}: {options}");
    }
    assert_eq!(options.matches("<option").count(), 4, "all, then the 3 provinces: {options}");
    // The commune select is empty until a province is chosen; no commune of any province is
    // named on the page (neither as an option nor in the lists for readers without JavaScript).
    let xa = html.split("name=\"xa\"").nth(1).expect("no xa select").split("</select>").next().unwrap();
    assert_eq!(xa.matches("<option").count(), 1, "{xa}");
    for commune in ["Phú Hòa", "Trấn Biên", "Minh Xuân", "Ba Đình", "Đống Đa", "phu-hoa"] {
        assert!(!html.contains(commune), "the page names the commune {commune}");
    }
    assert!(html.contains("href=\"../tinh/tuyen-quang/\""), "readers without JavaScript get the provinces");
}

#[test]
fn doc_chunks_carry_the_province_and_the_disambiguated_commune_slug() {
    let meta = json("search/meta.json");
    let (docs, chunk) = (meta["docs"].as_u64().unwrap(), meta["chunk"].as_u64().unwrap());
    assert_eq!(docs, 7);
    let rows: Vec<Value> = (0..docs.div_ceil(chunk))
        .flat_map(|n| json(&format!("search/d/{n}.json")).as_array().unwrap().clone())
        .collect();
    assert_eq!(rows.len(), 7);
    let row = |url: &str| rows.iter().find(|r| r[1] == url).unwrap_or_else(|| panic!("no doc of {url}"));
    let tq = row("truong/th-phu-hoa-tuyen-quang/");
    assert_eq!(tq[4], "xa-phu-hoa-tuyen-quang");
    assert_eq!(tq[8], "tuyen-quang");
    assert_eq!(
        tq[7],
        "Tiểu học · Xã Phú Hòa, Tuyên Quang · Kiểm định: chưa được công nhận · Chuẩn quốc gia: chưa được công nhận"
    );
    let dn = row("truong/th-phu-hoa-dong-nai/");
    assert_eq!((dn[4].as_str(), dn[8].as_str()), (Some("xa-phu-hoa-dong-nai"), Some("dong-nai")));
    let hn = row("truong/th-kim-dong/");
    assert_eq!((hn[4].as_str(), hn[8].as_str()), (Some("phuong-dong-da"), Some("ha-noi")));
    assert!(hn[7].as_str().unwrap().starts_with("Tiểu học · Phường Đống Đa, Hà Nội · "), "{}", hn[7]);
}

#[test]
fn a_one_province_site_has_no_province_in_its_search() {
    let tree = crate::sample::built();
    assert!(!tree.keys().any(|k| k.starts_with("search/xa/")));
    let html = page(tree, "tim-kiem/index.html");
    assert!(!html.contains("name=\"tinh\"") && !html.contains("name=tinh"));
    let first: Value = serde_json::from_slice(&tree["search/d/0.json"]).unwrap();
    assert!(first.as_array().unwrap().iter().all(|r| r.as_array().unwrap().len() == 8));
}

#[test]
fn a_search_result_says_whether_each_recognition_is_still_valid() {
    let tree = crate::sample::built();
    let meta: Value = serde_json::from_slice(&tree["search/meta.json"]).unwrap();
    let (docs, chunk) = (meta["docs"].as_u64().unwrap(), meta["chunk"].as_u64().unwrap());
    let rows: Vec<Value> = (0..docs.div_ceil(chunk))
        .flat_map(|n| {
            let v: Value = serde_json::from_slice(&tree[&format!("search/d/{n}.json")]).unwrap();
            v.as_array().unwrap().clone()
        })
        .collect();
    let text = |url: &str| {
        rows.iter().find(|r| r[1] == url).unwrap_or_else(|| panic!("no doc of {url}"))[7].as_str().unwrap().to_owned()
    };
    // Valid: the year it ends; within the warning days: the day; expired and never: in words.
    assert_eq!(
        text("truong/th-dinh-bo-linh/"),
        "Tiểu học · Phường Trấn Biên · Kiểm định cấp độ 4, còn hiệu lực đến 2029 · Chuẩn quốc gia mức độ 2, còn hiệu lực đến 2029"
    );
    assert_eq!(
        text("truong/mn-en-xanh/"),
        "Mầm non · Phường Bình Phước · Kiểm định cấp độ 1, còn hiệu lực đến 18/02/2027 (sắp hết) · Chuẩn quốc gia: chưa được công nhận"
    );
    assert_eq!(
        text("truong/mn-sao-mai/"),
        "Mầm non · Phường Long Bình · Kiểm định cấp độ 2, hết hiệu lực · Chuẩn quốc gia mức độ 1, hết hiệu lực"
    );
}
