//! Every level is explained where it stands: a plain line and a link to `huong-dan/` beside
//! each badge, the rule behind a report's verdict in the words `check` uses, the note where a
//! school's reports move from the 2018 scale to Circular 57's, a built-in guide for sites
//! without one, and a way back to the criteria table after each standard.

use std::collections::BTreeMap;

use minhbach::content::DateSource;

use crate::util::*;

/// The text of `html` without tags, entities decoded (the few Tera and the minifier write).
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The elements of `html` that open with a tag whose class list holds `class` (quoted or, in
/// minified pages, not), up to the next `</tag>` of the same name: enough for the flat boxes
/// and paragraphs tested here.
fn elements<'h>(html: &'h str, tag: &str, class: &str) -> Vec<&'h str> {
    let mut out = Vec::new();
    let close = format!("</{tag}>");
    let mut rest = html;
    while let Some(i) = rest.find(&format!("<{tag} ")) {
        let from = &rest[i..];
        let head = &from[..from.find('>').unwrap_or(from.len())];
        let tag_text = format!("{head}>");
        let classes = attribute_values(&tag_text, "class");
        let end = from.find(&close).map_or(from.len(), |e| e + close.len());
        if classes.iter().any(|c| c.split_whitespace().any(|w| w == class)) {
            out.push(&from[..end]);
        }
        rest = &from[head.len()..];
    }
    out
}

fn school_pages(tree: &BTreeMap<String, Vec<u8>>) -> Vec<(String, String)> {
    tree.iter()
        .filter(|(k, _)| k.starts_with("truong/") && k.matches('/').count() == 2 && k.ends_with("/index.html"))
        .map(|(k, v)| (k.clone(), String::from_utf8_lossy(v).into_owned()))
        .collect()
}

#[test]
fn every_badge_of_every_school_page_has_its_explanation_and_a_working_link() {
    let tree = crate::sample::built();
    assert!(tree.contains_key("huong-dan/index.html"));
    let pages = school_pages(tree);
    assert!(pages.len() >= 60);
    for (path, html) in &pages {
        let boxes = elements(html, "div", "status-box");
        assert_eq!(boxes.len(), 2, "{path}: two status boxes");
        for b in boxes {
            let explain = elements(b, "span", "explain");
            assert_eq!(explain.len(), 1, "{path}: one explanation per status:\n{b}");
            let text = text_of(explain[0]);
            assert!(text.len() > 40, "{path}: {text}");
            assert_eq!(attribute_values(explain[0], "href"), ["../../huong-dan/"], "{path}");
        }
        // Each report in the list says what its level means, on its scale.
        let reports = elements(html, "p", "reports__head").len();
        let lines: Vec<String> =
            elements(html, "span", "explain").iter().skip(2).map(|e| text_of(e)).filter(|t| !t.is_empty()).collect();
        assert_eq!(lines.len(), reports, "{path}: {lines:?}");
        for l in &lines {
            assert!(l.starts_with("Mức ") || l.starts_with("Chưa"), "{path}: {l}");
            assert!(l.contains("Thông tư ") || l.starts_with("Chưa tính"), "{path}: {l}");
        }
    }
    let broken: Vec<String> = broken_links(tree).into_iter().filter(|b| b.contains("huong-dan")).collect();
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_status_line_gives_the_level_on_its_scale_and_the_circular() {
    let tree = crate::sample::built();
    let html = page(tree, "truong/th-dinh-bo-linh/index.html");
    let text: Vec<String> = elements(&html, "div", "status-box").iter().map(|b| text_of(b)).collect();
    assert!(text[0].contains("Cấp độ 4/4") && text[0].contains("Thông tư 17/2018/TT-BGDĐT"), "{}", text[0]);
    assert!(text[1].contains("Mức độ 2/2") && text[1].contains("chuẩn quốc gia"), "{}", text[1]);
    // The listing cards say it too, and link to the guide once per card.
    let listing = page(tree, "cap-hoc/tieu-hoc/index.html");
    let card = elements(&listing, "li", "card")
        .into_iter()
        .find(|c| c.contains("th-dinh-bo-linh/\""))
        .or_else(|| elements(&listing, "li", "card").into_iter().find(|c| c.contains("th-dinh-bo-linh/")))
        .expect("the school's card");
    let t = text_of(card);
    assert!(t.contains("Cấp độ 4/4") && t.contains("Mức độ 2/2") && t.contains("Mức 2/2"), "{t}");
    assert_eq!(attribute_values(card, "href").iter().filter(|h| h.ends_with("huong-dan/")).count(), 1, "{t}");
}

#[test]
fn a_report_below_the_top_states_the_shortfall_in_the_words_of_check() {
    let site = fixture_copy("small");
    let run = minhbach::check_site(site.path(), DateSource::Environment).unwrap();
    let content = run.content.as_ref().unwrap();
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path()).unwrap();
    let tree = read_tree(out.path());
    let mut judged_below = 0;
    let approved =
        content.schools.iter().flat_map(|s| s.reports.iter().filter(|r| r.is_approved()).map(move |r| (s, r)));
    for (school, r) in approved {
        let j = &run.checked.judgements[&(school.slug.clone(), r.year)];
        let f = run.regulation.framework(&j.framework.0).unwrap();
        let level = j.level.unwrap();
        let html = page(&tree, &format!("truong/{}/{}/index.html", school.slug, r.year));
        let verdict = text_of(elements(&html, "p", "verdict")[0]);
        if level >= f.max_school_level() {
            assert!(verdict.contains("mức cao nhất"), "{verdict}");
            assert!(!html.contains("bc-muc-tiep"));
            continue;
        }
        judged_below += 1;
        let shortfall = f.shortfall(&j.assessment, level + 1).unwrap();
        assert!(verdict.contains(&shortfall.reason), "{verdict}\n  lacks {}", shortfall.reason);
        // What stands between the school and the next level: every failing criterion.
        let next = text_of(elements(&html, "section", "next-level")[0]);
        for item in &shortfall.failing {
            assert!(next.contains(item.as_str()), "{next} lacks {item}");
        }

        // Had the school claimed that next level, `check` would have said the same words.
        let claimed = site.path().join(&r.file);
        let text = std::fs::read_to_string(&claimed).unwrap();
        let was = format!("claimed_level = {level}");
        assert!(text.contains(&was), "{}", r.file);
        std::fs::write(&claimed, text.replacen(&was, &format!("claimed_level = {}", level + 1), 1)).unwrap();
        let json = check_json_in(site.path(), "vi");
        std::fs::write(&claimed, text).unwrap();
        let message = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "level.mismatch" && d["file"].as_str().is_some_and(|f| f.ends_with(&r.file)))
            .unwrap_or_else(|| panic!("level.mismatch for {}: {json}", r.file))["message"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(message.contains(&shortfall.reason), "{message}\n  lacks {}", shortfall.reason);
    }
    assert!(judged_below >= 2, "the small fixture has reports below the top of both scales: {judged_below}");
}

#[test]
fn a_school_whose_reports_cross_to_circular_57_says_the_scale_changed() {
    let run = minhbach::check_site(&sample_root(), DateSource::Environment).unwrap();
    let content = run.content.as_ref().unwrap();
    let tree = crate::sample::built();
    let (mut crossing, mut not) = (0, 0);
    for school in &content.schools {
        let mut maxima: Vec<(minhbach::calendar::SchoolYear, u8)> = school
            .reports
            .iter()
            .filter(|r| r.is_approved())
            .filter_map(|r| {
                let j = run.checked.judgements.get(&(school.slug.clone(), r.year))?;
                Some((r.year, run.regulation.framework(&j.framework.0)?.max_school_level()))
            })
            .collect();
        maxima.sort();
        let crosses = maxima.windows(2).any(|w| w[1].1 < w[0].1);
        let html = page(tree, &format!("truong/{}/index.html", school.slug));
        let notes = elements(&html, "p", "notice--scale");
        if crosses {
            crossing += 1;
            assert_eq!(notes.len(), 1, "{}", school.slug);
            let t = text_of(notes[0]);
            assert!(t.contains("Thông tư 57/2026/TT-BGDĐT chỉ có 2 mức"), "{t}");
            assert!(t.contains("Mức 2 là mức cao nhất") && t.contains("Mức 3 hay Mức 4"), "{t}");
            assert_eq!(attribute_values(notes[0], "href"), ["../../huong-dan/"]);
        } else {
            not += 1;
            assert!(notes.is_empty(), "{}", school.slug);
        }
    }
    assert!(crossing >= 3 && not >= 3, "{crossing} schools cross, {not} do not");
}

#[test]
fn the_builtin_guide_is_published_only_where_the_site_has_none() {
    let site = fixture_copy("small");
    assert!(!site.path().join("content/pages/huong-dan.md").exists());
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path()).unwrap();
    let tree = read_tree(out.path());
    let guide = text_of(&page(&tree, "huong-dan/index.html"));
    for words in ["Hướng dẫn đọc các mức", "Cấp độ 4", "Mức độ 2", "Mức 3/4", "Mức 2/2", "05 năm"]
    {
        assert!(guide.contains(words), "the built-in guide lacks {words}");
    }
    assert!(String::from_utf8_lossy(&tree["sitemap.xml"]).contains("/huong-dan/"));
    let broken: Vec<String> = broken_links(&tree).into_iter().filter(|b| b.contains("huong-dan")).collect();
    assert!(broken.is_empty(), "{broken:?}");

    // The sample has its own page: that one is published, not the built-in one.
    let sample = text_of(&page(crate::sample::built(), "huong-dan/index.html"));
    assert!(sample.contains("Hướng dẫn cho cha mẹ học sinh"), "{sample}");
    assert!(!sample.contains("Hướng dẫn đọc các mức"));
}

#[test]
fn every_standard_of_every_report_leads_back_to_its_rows_of_the_criteria_table() {
    let tree = crate::sample::built();
    let mut checked = 0;
    for (path, bytes) in tree.iter().filter(|(k, _)| k.starts_with("truong/") && k.matches('/').count() == 3) {
        let html = String::from_utf8_lossy(bytes);
        let ids: Vec<&str> = attribute_values(&html, "id");
        let standards = ids.iter().filter(|id| id.strip_prefix("tieu-chuan-").is_some_and(|n| n.parse::<u8>().is_ok()));
        let backs = elements(&html, "p", "back-to-table");
        assert_eq!(backs.len(), standards.count(), "{path}");
        for b in &backs {
            assert_eq!(text_of(b), "Về bảng tiêu chí", "{path}");
            let href = attribute_values(b, "href")[0];
            let target = href.strip_prefix('#').unwrap();
            assert!(target.starts_with("bc-tc-") && ids.contains(&target), "{path}: {href}");
            // The target is a group of rows of the criteria table.
            assert!(
                html.contains(&format!("<tbody id={target}>")) || html.contains(&format!("<tbody id=\"{target}\">"))
            );
        }
        checked += backs.len();
    }
    assert!(checked >= 20, "{checked} back links in the sample");
}
