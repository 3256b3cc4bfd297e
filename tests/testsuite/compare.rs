//! Comparing schools (`/so-sanh/`): every school has its small JSON file with what the table
//! shows, no draft report ever reaches those files (not even in a `--drafts` build), and every
//! school page lists, without JavaScript, the other schools of its level in its commune.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use minhbach::build::BuildOptions;
use minhbach::content::DateSource;
use serde_json::Value;

use crate::sample::built;
use crate::util::*;

/// The sample's schools: slug → (approved years, draft years), read from the files.
fn report_years() -> BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> {
    let mut out = BTreeMap::new();
    for school in fs::read_dir(sample_root().join("content/schools")).unwrap() {
        let dir = school.unwrap().path();
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        let (mut approved, mut drafts) = (BTreeSet::new(), BTreeSet::new());
        for f in fs::read_dir(&dir).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "md") {
                let year = p.file_stem().unwrap().to_string_lossy().into_owned();
                let text = fs::read_to_string(&p).unwrap();
                if text.contains("status = \"approved\"") {
                    approved.insert(year);
                } else {
                    drafts.insert(year);
                }
            }
        }
        out.insert(slug, (approved, drafts));
    }
    out
}

fn json_of(tree: &BTreeMap<String, Vec<u8>>, slug: &str) -> Value {
    let bytes = tree.get(&format!("so-sanh/d/{slug}.json")).unwrap_or_else(|| panic!("no so-sanh/d/{slug}.json"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("so-sanh/d/{slug}.json: {e}"))
}

fn text<'v>(v: &'v Value, key: &str) -> &'v str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

/// School years written in `text` (`2024-2025`).
fn years_in(text: &str) -> BTreeSet<String> {
    let re = regex::Regex::new(r"\b(20\d\d)-(20\d\d)\b").unwrap();
    re.find_iter(text).map(|m| m.as_str().to_owned()).collect()
}

#[test]
fn every_school_has_a_compare_file_with_status_report_and_standards() {
    let tree = built();
    let status = regex::Regex::new(
        r"^(Cấp độ [1-4]|Mức độ [12]) — (còn hiệu lực đến \d\d/\d\d/\d{4}|sắp hết hiệu lực \(\d\d/\d\d/\d{4}\))$|^Hết hiệu lực từ \d\d/\d\d/\d{4} \((Cấp độ|Mức độ) \d\)$|^Chưa được công nhận$",
    )
    .unwrap();
    let level = regex::Regex::new(
        r"^(Mức (\d)/(\d)|Chưa đạt Mức 1 \(thang \d mức\)|Chưa đủ kết quả các tiêu chí) — Thông tư \d+/\d{4}$",
    )
    .unwrap();
    let standard = regex::Regex::new(r"^Tiêu chuẩn (\d+): (\d+)/(\d+) tiêu chí đạt$").unwrap();
    let years = report_years();
    assert!(years.len() >= 60);
    let (mut with_report, mut without) = (0, 0);
    for (slug, (approved, _)) in &years {
        let v = json_of(tree, slug);
        assert_eq!(text(&v, "slug"), slug);
        assert_eq!(text(&v, "url"), format!("truong/{slug}/"));
        assert!(!text(&v, "name").is_empty() && !text(&v, "level").is_empty() && !text(&v, "commune").is_empty());
        assert!(tree.contains_key(&format!("{}index.html", text(&v, "commune_url"))), "{slug}: commune listing");
        assert!(v.get("province").is_none(), "{slug}: a one-province site names no province per school");
        for kind in ["accreditation", "national_standard"] {
            let t = text(&v[kind], "text");
            assert!(status.is_match(t), "{slug}: {kind} text {t:?}");
        }
        match approved.last() {
            None => {
                assert!(v["report"].is_null(), "{slug} has no approved report: {}", v["report"]);
                without += 1;
            }
            Some(latest) => {
                let r = &v["report"];
                assert_eq!(text(r, "year"), latest, "{slug}: the latest approved report");
                assert!(tree.contains_key(&format!("{}index.html", text(r, "url"))), "{slug}: report page");
                let lt = text(r, "level_text");
                let caps = level.captures(lt).unwrap_or_else(|| panic!("{slug}: level text {lt:?}"));
                if let (Some(l), Some(of)) = (caps.get(2), caps.get(3)) {
                    assert_eq!(l.as_str(), r["level"].to_string(), "{slug}: {lt}");
                    assert_eq!(of.as_str(), r["scale"].to_string(), "{slug}: {lt}");
                }
                let standards = r["standards"].as_array().unwrap();
                assert!(standards.len() >= 4, "{slug}: {} standards", standards.len());
                for (i, s) in standards.iter().enumerate() {
                    let t = text(s, "text");
                    let c = standard.captures(t).unwrap_or_else(|| panic!("{slug}: standard text {t:?}"));
                    assert_eq!(c[1].parse::<usize>().unwrap(), i + 1);
                    assert_eq!(c[2], s["met"].to_string());
                    assert_eq!(c[3], s["of"].to_string());
                    assert!(s["met"].as_u64() <= s["of"].as_u64() && s["of"].as_u64() > Some(0));
                    assert!(!text(s, "title").is_empty());
                }
                assert!(r["evidence"].is_null() || r["evidence"].as_u64().is_some(), "{slug}: evidence");
                with_report += 1;
            }
        }
        // Small: four of them are what a comparison downloads.
        let size = tree[&format!("so-sanh/d/{slug}.json")].len();
        assert!(size < 4096, "{slug}: {size} bytes");
    }
    assert!(with_report > 40 && without > 0, "{with_report} with a report, {without} without");
    let page = page(tree, "so-sanh/index.html");
    assert!(page.contains("data-compare-page") && page.contains("compare.js"), "the page and its script");
    assert!(page.contains("Cách so sánh"), "the page explains how to compare without JavaScript");
    assert!(String::from_utf8_lossy(&tree["sitemap.xml"]).contains("/so-sanh/</loc>"), "in the sitemap");
    assert!(tree.contains_key("compare.js"));
}

#[test]
fn no_draft_report_reaches_the_compare_files_even_in_a_drafts_build() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("output");
    let opts = BuildOptions {
        output: Some(output.clone()),
        drafts: true,
        dates: DateSource::Environment,
        ..BuildOptions::new(sample_root())
    };
    minhbach::build(&opts).expect("the sample builds with drafts");
    let tree = read_tree(&output);
    let years = report_years();
    let mut latest_is_draft = 0;
    for (slug, (approved, drafts)) in &years {
        // The drafts are published on their pages in this build: the test would see them.
        for d in drafts {
            assert!(tree.contains_key(&format!("truong/{slug}/{d}/index.html")), "{slug} {d}: draft page");
        }
        if drafts.last() > approved.last() {
            latest_is_draft += 1;
        }
        let json = String::from_utf8(tree[&format!("so-sanh/d/{slug}.json")].clone()).unwrap();
        let mentioned = years_in(&json);
        assert!(mentioned.is_subset(approved), "{slug}: its file names {mentioned:?}, approved {approved:?}: {json}");
        let v: Value = serde_json::from_str(&json).unwrap();
        match approved.last() {
            Some(y) => assert_eq!(text(&v["report"], "year"), y, "{slug}"),
            None => assert!(v["report"].is_null(), "{slug}"),
        }
    }
    assert!(latest_is_draft >= 3, "the sample has {latest_is_draft} schools whose latest report is a draft");
}

/// The school links (`truong/<slug>/`) of `html`, in order, as slugs.
fn school_links(html: &str) -> Vec<String> {
    attribute_values(html, "href")
        .into_iter()
        .filter_map(|h| {
            let at = h.find("truong/")?;
            let rest = &h[at + "truong/".len()..];
            let slug = rest.strip_suffix('/')?;
            (!slug.contains('/')).then(|| slug.to_owned())
        })
        .collect()
}

#[test]
fn every_school_page_lists_the_other_schools_of_its_level_in_its_commune() {
    let tree = built();
    let years = report_years();
    let files: BTreeMap<&String, Value> = years.keys().map(|s| (s, json_of(tree, s))).collect();
    let mut listed = 0;
    for (slug, v) in &files {
        let html = page(tree, &format!("truong/{slug}/index.html"));
        let start = html.find("So sánh với trường khác").unwrap_or_else(|| panic!("{slug}: no compare block"));
        let section = &html[start..start + html[start..].find("</section>").expect("the block ends")];
        assert!(section.contains(&format!("so-sanh/?t={slug}\"")) || section.contains(&format!("so-sanh/?t={slug}>")));
        assert!(section.contains("data-compare-add"), "{slug}: the add button");
        // The others of its commune and level, in the order of the commune's listing (collation).
        let commune_url = text(v, "commune_url");
        let listing = page(tree, &format!("{commune_url}index.html"));
        let expected: Vec<String> = school_links(&listing)
            .into_iter()
            .filter(|s| {
                let o = &files[s];
                *s != **slug && text(o, "level") == text(v, "level") && text(o, "commune_url") == commune_url
            })
            .fold(Vec::new(), |mut acc, s| {
                if !acc.contains(&s) {
                    acc.push(s);
                }
                acc
            });
        let shown: Vec<String> = school_links(section);
        assert_eq!(shown, expected.iter().take(10).cloned().collect::<Vec<_>>(), "{slug}: {section}");
        for s in &shown {
            let o = &files[s];
            for kind in ["accreditation", "national_standard"] {
                assert!(section.contains(text(&o[kind], "text")), "{slug}: the status of {s}: {section}");
            }
        }
        if expected.is_empty() {
            assert!(section.contains("nào khác tại"), "{slug}: says there is no other");
        }
        listed += shown.len();
    }
    assert!(listed >= 10, "only {listed} neighbours listed over the sample");
}
