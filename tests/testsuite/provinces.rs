//! A portal of several provinces (`tests/fixtures/provinces`: no `province` in config.toml,
//! every school names its own): `/tinh/` and the province pages, the home page and `/dia-ban/`
//! through the provinces, breadcrumbs Trang chủ › Tỉnh › Xã › Trường, and communes of the same
//! name in two provinces kept apart.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::util::*;

/// The three-province fixture, built once for every test module that reads it.
pub fn built() -> &'static BTreeMap<String, Vec<u8>> {
    static TREE: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    TREE.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        build_into(&fixture("provinces"), &out.path().join("output")).expect("the three-province fixture builds");
        read_tree(&out.path().join("output"))
    })
}

/// The `href`s of the breadcrumb of `html`, then the current page's text.
fn breadcrumb(html: &str) -> Vec<String> {
    let start = html.find("class=\"breadcrumb\"").expect("a breadcrumb");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    let mut out: Vec<String> = attribute_values(nav, "href").into_iter().map(str::to_owned).collect();
    let current = nav.find("aria-current=\"page\">").expect("the current page") + "aria-current=\"page\">".len();
    out.push(nav[current..current + nav[current..].find('<').unwrap()].to_owned());
    out
}

#[test]
fn every_province_has_a_page_and_tinh_lists_them_with_their_counts() {
    let tree = built();
    for p in ["tinh/index.html", "tinh/ha-noi/index.html", "tinh/dong-nai/index.html", "tinh/tuyen-quang/index.html"] {
        assert!(tree.contains_key(p), "{p} missing");
    }
    let tinh = page(tree, "tinh/index.html");
    for (name, url, schools) in
        [("Đồng Nai", "dong-nai", 2), ("Hà Nội", "ha-noi", 3), ("Tuyên Quang", "tuyen-quang", 2)]
    {
        let row = format!("<a href=\"../tinh/{url}/\">{name}</a></th><td class=\"num\">{schools}</td>");
        assert!(tinh.contains(&row), "/tinh/ lacks the row of {name} with {schools} schools:\n{tinh}");
    }
    // Vietnamese order: Đồng Nai (đ after d) before Hà Nội before Tuyên Quang.
    let at = |n: &str| tinh.find(&format!(">{n}</a>")).unwrap();
    assert!(at("Đồng Nai") < at("Hà Nội") && at("Hà Nội") < at("Tuyên Quang"));
    assert!(tinh.contains("Cả nước"), "the total row");
    assert!(!broken_links(tree).iter().any(|l| l.contains("tinh/")), "{:?}", broken_links(tree));
}

#[test]
fn a_province_page_lists_its_communes_statistics_and_schools_without_a_report() {
    let tree = built();
    let hn = page(tree, "tinh/ha-noi/index.html");
    assert!(hn.contains("<h1>Hà Nội</h1>"));
    assert!(hn.contains("href=\"../../dia-ban/phuong-dong-da/\">Phường Đống Đa</a>"));
    assert!(hn.contains("href=\"../../dia-ban/phuong-ba-dinh/\">Phường Ba Đình</a>"));
    assert!(hn.contains("href=\"../../dia-ban/huyen-cu/quan-dong-da/\">Quận Đống Đa</a>"), "former districts");
    assert!(!hn.contains("Trấn Biên") && !hn.contains("Minh Xuân"), "another province's communes");
    // Kim Đồng has its 2026-2027 report; THCS Đống Đa and MN Hoa Sen have none.
    let missing = &hn[hn.find("id=\"tk-chua-bao-cao\"").expect("the section of schools without a report")..];
    assert!(missing.contains("Trường THCS Đống Đa") && missing.contains("Trường Mầm non Hoa Sen"));
    assert!(!missing.contains("Trường Tiểu học Kim Đồng"));
    assert!(hn.contains("<svg"), "a chart");
    assert_eq!(breadcrumb(&hn), ["../../", "../../tinh/", "Hà Nội"], "Trang chủ › Tỉnh, thành phố › Hà Nội");
}

#[test]
fn breadcrumbs_go_home_province_commune_school() {
    let tree = built();
    let school = page(tree, "truong/th-phu-hoa-tuyen-quang/index.html");
    assert_eq!(
        breadcrumb(&school),
        ["../../", "../../tinh/tuyen-quang/", "../../dia-ban/xa-phu-hoa-tuyen-quang/", "Trường Tiểu học Phú Hòa"]
    );
    let report = page(tree, "truong/th-kim-dong/2026-2027/index.html");
    assert_eq!(
        breadcrumb(&report),
        [
            "../../../",
            "../../../tinh/ha-noi/",
            "../../../dia-ban/phuong-dong-da/",
            "../../../truong/th-kim-dong/",
            "Năm học 2026-2027"
        ]
    );
    let commune = page(tree, "dia-ban/phuong-dong-da/index.html");
    assert_eq!(breadcrumb(&commune), ["../../", "../../tinh/ha-noi/", "Trường học tại Phường Đống Đa"]);
}

#[test]
fn a_commune_name_found_in_two_provinces_gives_two_listings() {
    let tree = built();
    assert!(!tree.contains_key("dia-ban/xa-phu-hoa/index.html"), "one listing mixing two provinces");
    let dn = page(tree, "dia-ban/xa-phu-hoa-dong-nai/index.html");
    let tq = page(tree, "dia-ban/xa-phu-hoa-tuyen-quang/index.html");
    assert!(dn.contains("truong/th-phu-hoa-dong-nai/") && !dn.contains("truong/th-phu-hoa-tuyen-quang/"));
    assert!(tq.contains("truong/th-phu-hoa-tuyen-quang/") && !tq.contains("truong/th-phu-hoa-dong-nai/"));
    assert!(tq.contains("Xã Phú Hòa, Tuyên Quang"), "the description names the province");
    // The same for former districts; a name found in one province keeps its short URL.
    assert!(tree.contains_key("dia-ban/huyen-cu/huyen-dinh-quan-dong-nai/index.html"));
    assert!(tree.contains_key("dia-ban/huyen-cu/huyen-dinh-quan-tuyen-quang/index.html"));
    assert!(tree.contains_key("dia-ban/huyen-cu/quan-dong-da/index.html"));
    assert!(tree.contains_key("dia-ban/phuong-dong-da/index.html"));
    // The school page links to its own commune's listing.
    let school = page(tree, "truong/th-phu-hoa-dong-nai/index.html");
    assert!(school.contains("href=\"../../dia-ban/xa-phu-hoa-dong-nai/\""));
    assert!(school.contains("href=\"../../tinh/dong-nai/\">Đồng Nai</a>"), "the province fact links to its page");
    assert!(broken_links(tree).is_empty(), "{:?}", broken_links(tree));
}

#[test]
fn home_and_dia_ban_go_through_the_provinces_and_thong_ke_counts_per_province() {
    let tree = built();
    let home = page(tree, "index.html");
    assert!(home.contains("Theo tỉnh, thành phố"));
    assert!(home.contains("href=\"tinh/ha-noi/\">Hà Nội</a>"));
    assert!(!home.contains("dia-ban/phuong-dong-da/"), "the home page lists provinces, not communes");
    let places = page(tree, "dia-ban/index.html");
    assert!(places.contains("href=\"../tinh/tuyen-quang/\">Tuyên Quang</a>"));
    assert!(!places.contains("dia-ban/phuong-minh-xuan/"));
    let districts = page(tree, "dia-ban/huyen-cu/index.html");
    let (dn, tq) = (districts.find(">Đồng Nai <").unwrap(), districts.find(">Tuyên Quang <").unwrap());
    let dq_tq = districts.find("huyen-dinh-quan-tuyen-quang/").unwrap();
    assert!(dn < tq && tq < dq_tq, "former districts under their province's heading");
    let stats = page(tree, "thong-ke/index.html");
    assert!(stats.contains("theo tỉnh, thành phố"));
    assert!(stats.contains("href=\"../tinh/ha-noi/\">Hà Nội</a></th><td class=\"num\">3</td><td class=\"num\">1</td>"));
    assert!(stats.contains("Cả nước"));
    assert!(!stats.contains("dia-ban/phuong-dong-da/"), "per-commune detail is on the province pages");
    assert!(stats.contains("href=\"../tinh/ha-noi/#tk-chua-bao-cao\""), "schools without a report, by province");
}

#[test]
fn the_sitemap_lists_the_province_pages() {
    let tree = built();
    let sitemap = String::from_utf8(tree["sitemap.xml"].clone()).unwrap();
    for url in ["tinh/", "tinh/ha-noi/", "tinh/tuyen-quang/", "dia-ban/xa-phu-hoa-tuyen-quang/"] {
        assert!(sitemap.contains(&format!("https://kiemdinh.example.gov.vn/{url}</loc>")), "{url}");
    }
}

#[test]
fn a_one_province_site_has_no_province_pages() {
    let tree = crate::sample::built();
    assert!(!tree.keys().any(|k| k.starts_with("tinh/")));
    let school = page(tree, "truong/th-dinh-bo-linh/index.html");
    assert!(!school.contains("tinh/"));
}

#[test]
fn a_merged_province_counts_under_the_new_one_and_spellings_of_one_province_are_one() {
    // th-phu-hoa-tuyen-quang says "Hà Giang" (merged into Tuyên Quang on 1 July 2025);
    // two Hà Nội schools say "Thành phố Hà Nội" and "TP. Hà Nội".
    let tree = built();
    let provinces: Vec<&String> =
        tree.keys().filter(|k| k.starts_with("tinh/") && k.ends_with("/index.html")).collect();
    assert_eq!(provinces.len(), 4, "/tinh/ and three provinces: {provinces:?}");
    let tq = page(tree, "tinh/tuyen-quang/index.html");
    assert!(tq.contains("Xã Phú Hòa"), "the Hà Giang school is counted in Tuyên Quang");
    let hn = page(tree, "tinh/ha-noi/index.html");
    assert!(hn.contains("Trường Mầm non Hoa Sen") && hn.contains("Trường THCS Đống Đa"));
    let (code, report) = check_json(&fixture("provinces"));
    assert_eq!(code, Some(0), "a warning does not fail check");
    let merged: Vec<&serde_json::Value> =
        report["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == "province.merged").collect();
    assert_eq!(merged.len(), 1, "{report}");
    assert_eq!(merged[0]["file"], "content/schools/th-phu-hoa-tuyen-quang/school.toml");
    assert_eq!(merged[0]["line"], 4);
    assert!(merged[0]["message"].as_str().unwrap().contains("province = \"Tuyên Quang\""));
}
