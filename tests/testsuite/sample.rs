//! The bundled sample province: it builds, every school and approved report has its page,
//! drafts never appear, links resolve, and every claimed level is the computed one.

use std::collections::BTreeMap;
use std::fs;
use std::sync::OnceLock;

use minhbach::content::DateSource;

use crate::util::*;

/// The sample built once for all tests of this module.
pub fn built() -> &'static BTreeMap<String, Vec<u8>> {
    static TREE: OnceLock<BTreeMap<String, Vec<u8>>> = OnceLock::new();
    TREE.get_or_init(|| {
        let out = tempfile::tempdir().unwrap();
        build_into(&sample_root(), &out.path().join("output")).expect("the sample province builds");
        read_tree(&out.path().join("output"))
    })
}

fn reports() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for school in fs::read_dir(sample_root().join("content/schools")).unwrap() {
        let dir = school.unwrap().path();
        let slug = dir.file_name().unwrap().to_string_lossy().into_owned();
        for f in fs::read_dir(&dir).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "md") {
                let year = p.file_stem().unwrap().to_string_lossy().into_owned();
                out.push((slug.clone(), year, fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out
}

#[test]
fn every_school_and_every_approved_report_has_its_page_and_no_draft_does() {
    let tree = built();
    let schools: Vec<_> = fs::read_dir(sample_root().join("content/schools")).unwrap().collect();
    assert!(schools.len() >= 60, "the sample has {} schools", schools.len());
    for s in schools {
        let slug = s.unwrap().file_name().to_string_lossy().into_owned();
        assert!(tree.contains_key(&format!("truong/{slug}/index.html")), "no page for {slug}");
    }
    let (mut approved, mut drafts) = (0, 0);
    for (slug, year, text) in reports() {
        let key = format!("truong/{slug}/{year}/index.html");
        if text.contains("status = \"approved\"") {
            approved += 1;
            assert!(tree.contains_key(&key), "no page for approved report {key}");
        } else {
            drafts += 1;
            assert!(!tree.contains_key(&key), "draft {key} was published");
        }
    }
    assert!(approved > 0 && drafts >= 3, "{approved} approved, {drafts} drafts");
}

#[test]
fn no_draft_text_reaches_any_output_file() {
    let tree = built();
    let marker = "Báo cáo đang dự thảo, chưa được hội đồng tự đánh giá thông qua.";
    let drafts = reports().into_iter().filter(|(_, _, t)| t.contains("status = \"draft\"")).count();
    assert!(drafts >= 3);
    for (slug, year, text) in reports() {
        if text.contains("status = \"draft\"") {
            assert!(text.contains(marker), "draft {slug}/{year} lacks the marker sentence the test looks for");
            for (path, bytes) in tree {
                assert!(!String::from_utf8_lossy(bytes).contains(&format!("{slug}/{year}")), "link to draft in {path}");
            }
        }
    }
    for (path, bytes) in tree {
        assert!(!String::from_utf8_lossy(bytes).contains(marker), "draft text in {path}");
    }
}

#[test]
fn every_internal_link_of_the_sample_resolves() {
    let broken = broken_links(built());
    assert!(
        broken.is_empty(),
        "{} broken links, e.g.:\n{}",
        broken.len(),
        broken.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn every_claimed_level_is_the_computed_level_and_the_check_has_no_errors() {
    let run = minhbach::check_site(&sample_root(), DateSource::Environment).unwrap();
    let errors: Vec<String> = run
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == minhbach::diagnostic::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let content = run.content.unwrap();
    let mut eras = BTreeMap::new();
    for school in &content.schools {
        for r in school.reports.iter().filter(|r| r.is_approved()) {
            let j = &run.checked.judgements[&(school.slug.clone(), r.year)];
            assert_eq!(j.level.map(i64::from), r.claimed_level.as_ref().map(|c| c.value), "{}", r.file);
            *eras.entry(j.framework.0.split('-').next().unwrap().to_owned()).or_insert(0) += 1;
        }
    }
    for era in ["tt17", "tt22", "tt57"] {
        assert!(
            eras.keys().any(|k| k == era || (era == "tt17" && (k == "tt18" || k == "tt19"))),
            "no approved report under {era}: {eras:?}"
        );
    }
}

#[test]
fn the_sample_builds_identically_twice() {
    let out = tempfile::tempdir().unwrap();
    build_into(&sample_root(), &out.path().join("again")).unwrap();
    let again = read_tree(&out.path().join("again"));
    let first = built();
    assert_eq!(first.len(), again.len());
    for (k, v) in first {
        assert!(again.get(k) == Some(v), "{k} differs");
    }
}

/// `minify = true` only minifies the theme's markup: every page of the sample means the same as
/// the page built from the unminified templates. Both are put through minify-html with the same
/// settings, which makes equal whatever only differs by whitespace HTML ignores, attribute order
/// or quotes; a space lost between two words, a Tera tag mangled, an element dropped or moved
/// would still differ.
#[test]
fn minified_pages_mean_the_same_as_unminified_ones() {
    let minified = built();
    let dir = tempfile::tempdir().unwrap();
    for part in ["config.toml", "content", "themes"] {
        let to = dir.path().join(part);
        if part.ends_with(".toml") {
            fs::copy(sample_root().join(part), &to).unwrap();
        } else {
            copy_tree(&sample_root().join(part), &to);
        }
    }
    let config = fs::read_to_string(dir.path().join("config.toml")).unwrap();
    assert!(config.contains("minify = true"), "the sample is built minified");
    fs::write(dir.path().join("config.toml"), config.replace("minify = true", "minify = false")).unwrap();
    build_into(dir.path(), &dir.path().join("output")).expect("the sample builds unminified");
    let plain = read_tree(&dir.path().join("output"));
    assert_eq!(plain.keys().collect::<Vec<_>>(), minified.keys().collect::<Vec<_>>(), "the same files");
    let canonical =
        |b: &[u8]| minify_html::minify(b, &minify_html::Cfg { keep_closing_tags: true, ..Default::default() });
    let (mut pages, mut saved) = (0, 0);
    for (path, min) in minified {
        let full = &plain[path];
        if path.ends_with(".html") {
            pages += 1;
            assert!(min.len() < full.len(), "{path} is not smaller minified");
            saved += full.len() - min.len();
            let (a, b) = (canonical(full), canonical(min));
            if a != b {
                let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
                let show = |s: &[u8]| {
                    String::from_utf8_lossy(&s[at.saturating_sub(120)..(at + 120).min(s.len())]).into_owned()
                };
                panic!("{path} differs in meaning at byte {at}:\nunminified: {}\nminified:   {}", show(&a), show(&b));
            }
        } else if path.ends_with(".css") || path.ends_with(".js") {
            assert!(min.len() < full.len(), "{path} is not smaller minified");
        } else {
            assert!(min == full, "{path} is not a page, a style sheet or a script but changed");
        }
    }
    assert!(pages >= 100 && saved > pages * 100, "{pages} pages, {saved} bytes saved");
}
