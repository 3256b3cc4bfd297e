//! What the Sở's staff follow up on the sample province (issue 19, point 5): the home page's
//! figures agree with `/thong-ke/` and say what they count; the schools without a report this
//! year as a table and a CSV; the criteria most often not reached per framework, each linking
//! to the schools that missed it; registrations in the order of the Sở's priorities; a 404
//! page whose links work under a `base_url` with a path.

use crate::util::*;

fn built() -> &'static std::collections::BTreeMap<String, Vec<u8>> {
    crate::sample::built()
}

/// The number in the `<dd>` (or `<td>`) right after the label `label` in `html`.
fn number_after(html: &str, label: &str) -> usize {
    let at = html.find(label).unwrap_or_else(|| panic!("no {label:?}"));
    let rest = &html[at + label.len()..];
    let start = rest.find(|c: char| c.is_ascii_digit()).unwrap();
    rest[start..].chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

/// The text of each `<td>` of `row` (quoted or minified attributes alike).
fn cells(row: &str) -> Vec<String> {
    row.split("<td").skip(1).map(|c| c[c.find('>').unwrap() + 1..].split('<').next().unwrap().to_owned()).collect()
}

/// The text of a number cell as a count ("17", "43,9%" → 43).
fn count(cell: &str) -> usize {
    cell.split([',', '%']).next().unwrap().parse().unwrap()
}

/// Where the element of id `id` starts in `html` (minified or not).
fn at_id(html: &str, id: &str) -> usize {
    html.find(&format!("id=\"{id}\"")).or_else(|| html.find(&format!("id={id}>"))).unwrap_or_else(|| panic!("no #{id}"))
}

/// How many schools a listing page says it has ("Có <strong>N</strong> trường").
fn listing_count(html: &str) -> usize {
    number_after(html, "Có <strong>")
}

#[test]
fn the_home_page_and_thong_ke_agree_and_each_figure_says_what_it_counts() {
    let tree = built();
    let home = page(tree, "index.html");
    let stats = page(tree, "thong-ke/index.html");
    // Neither recognition in force: the /chua-cong-nhan/ listing, labelled as such.
    let neither = number_after(&home, "Chưa có kiểm định hay chuẩn quốc gia nào còn hiệu lực");
    assert_eq!(neither, listing_count(&page(tree, "chua-cong-nhan/index.html")));
    // No accreditation in force (whatever the national standard): the same figure as the
    // province row of /thong-ke/, whose column says so.
    let no_accreditation = number_after(&home, "Chưa có hoặc đã hết hiệu lực");
    assert!(stats.contains("Chưa có kiểm định còn hiệu lực"));
    let tfoot = &stats[stats.find("<tfoot>").unwrap()..];
    let cells: Vec<usize> = cells(&tfoot[..tfoot.find("</tr>").unwrap()]).iter().map(|c| count(c)).collect();
    // Số trường, Có báo cáo, Tỷ lệ, Chưa có kiểm định, Cấp độ 1..4, …
    assert_eq!(cells[3], no_accreditation, "home and /thong-ke/ disagree on schools without accreditation");
    assert_ne!(neither, no_accreditation, "the sample should tell the two figures apart");
    assert_eq!(cells[0], number_after(&home, "Số trường"));
    let by_level: usize = cells[4..8].iter().sum();
    assert_eq!(by_level + no_accreditation, cells[0], "the accreditation table adds up to every school");
}

#[test]
fn schools_without_a_report_this_year_are_a_table_and_a_csv() {
    let tree = built();
    let stats = page(tree, "thong-ke/index.html");
    let section = &stats[at_id(&stats, "tk-chua-bao-cao")..];
    assert!(section.contains("href=\"../thong-ke/truong-chua-co-bao-cao.csv\""));
    assert!(section.contains("href=\"../sap-het-han/\"") && section.contains("href=\"../het-hieu-luc/\""));
    let rows = section[section.find("<tbody>").unwrap()..section.find("</tbody>").unwrap()].matches("<tr>").count();
    let csv = String::from_utf8(tree["thong-ke/truong-chua-co-bao-cao.csv"].clone()).unwrap();
    assert!(csv.starts_with('\u{feff}'), "a byte-order mark for Excel");
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert!(lines[0].contains("last_report_year") && lines[0].contains("phone"));
    assert_eq!(lines.len() - 1, rows, "the CSV has one row per school of the table");
    // The sample has 66 schools of which 29 have their 2026-2027 report.
    assert_eq!(rows, 66 - 29);
    assert!(section.contains("chưa bao giờ") || lines.iter().skip(1).all(|l| !l.contains(",,none,")));
    for l in &lines[1..] {
        assert!(l.starts_with("Đồng Nai,"), "{l}");
    }
}

#[test]
fn criteria_not_reached_are_grouped_by_framework_and_link_to_the_schools() {
    let tree = built();
    let stats = page(tree, "thong-ke/index.html");
    let section = &stats[at_id(&stats, "tk-tieu-chi")..at_id(&stats, "tk-chua-bao-cao")];
    let tables = section.matches("<caption").count();
    assert!(tables >= 2, "one table per framework, got {tables}");
    let links: Vec<&str> = attribute_values(section, "href");
    assert!(!links.is_empty());
    for link in links {
        let rel = link.trim_start_matches("../");
        assert!(rel.starts_with("thong-ke/tieu-chi/"), "{link}");
        let listing = page(tree, &format!("{rel}index.html"));
        assert!(listing.contains("Trường chưa đạt tiêu chí"), "{rel}");
        // The count of the row equals the listing's count.
        let row = &section[section.find(link).unwrap()..];
        let missed = count(&cells(&row[..row.find("</tr>").unwrap()])[0]);
        assert_eq!(listing_count(&listing), missed, "{rel}");
    }
}

#[test]
fn registrations_follow_the_priority_of_the_whole_school_year() {
    let tree = built();
    let reg = page(tree, "dang-ky-danh-gia-ngoai/index.html");
    let year = &reg[at_id(&reg, "dk-2026-2027")..at_id(&reg, "dk-2027-2028")];
    let body = &year[year.find("<tbody>").unwrap()..year.find("</tbody>").unwrap()];
    let priorities: Vec<usize> =
        body.split("<tr>").skip(1).filter_map(|r| cells(r).first().and_then(|c| c.parse().ok())).collect();
    assert!(priorities.len() >= 4, "{priorities:?}");
    assert!(priorities.windows(2).all(|w| w[0] < w[1]), "priorities out of order: {priorities:?}");
    assert!(year.contains(">Học kỳ</th>"));
    // Circular 57/2026 ended accreditation cấp độ on 07/7/2026: the page says so.
    assert!(year.contains("không còn công nhận cấp độ kiểm định"));
    assert!(year.contains("(không còn được công nhận từ 07/07/2026)"));
}

#[test]
fn the_404_page_links_start_at_the_base_path() {
    let root = sample_root();
    let out = tempfile::tempdir().unwrap();
    let opts = minhbach::BuildOptions {
        output: Some(out.path().join("o")),
        base_url: Some("https://sgddt.example.gov.vn/kiem-dinh".into()),
        dates: minhbach::content::DateSource::Environment,
        ..minhbach::BuildOptions::new(&root)
    };
    minhbach::build(&opts).unwrap();
    let html = std::fs::read_to_string(out.path().join("o/404.html")).unwrap();
    let links = attribute_values(&html, "href");
    assert!(links.len() > 5);
    let links = links.iter().filter(|l| !l.starts_with('#'));
    for l in links.chain(&attribute_values(&html, "src")).chain(&attribute_values(&html, "action")) {
        assert!(l.starts_with("/kiem-dinh/"), "{l} does not start at the base path");
    }
}
