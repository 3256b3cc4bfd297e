//! Random input to the loader, the checker and the renderer (proptest, a bounded number of
//! cases): random bytes and randomly assembled reports and school files never make minhbach
//! panic, and a build that fails writes nothing.

use std::fs;
use std::path::Path;

use minhbach::check_site;
use minhbach::content::DateSource;
use proptest::prelude::*;

use crate::util::*;

const REPORT: &str = "content/schools/th-dinh-bo-linh/2024-2025.md";
const SCHOOL: &str = "content/schools/th-dinh-bo-linh/school.toml";

/// Checks and builds the site at `root`: a panic fails the case; a failed build must leave
/// no output folder behind.
fn check_and_build(root: &Path) {
    let _ = check_site(root, DateSource::Environment);
    let out = root.join("fuzz-output");
    let _ = fs::remove_dir_all(&out);
    if build_into(root, &out).is_err() {
        assert!(!out.exists(), "a failed build left {}", out.display());
    }
}

/// Tags of `html` with an event handler attribute (`onerror=`…) or a `javascript:` URL. Text
/// is escaped, so only real tags start with `<`.
fn active_attributes(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| rest.split('>').next())
        .filter(|tag| {
            let tag = tag.to_lowercase();
            let handler = tag.split_whitespace().skip(1).any(|a| {
                let name = a.split('=').next().unwrap_or("");
                a.contains('=')
                    && name.starts_with("on")
                    && name != "open"
                    && name.bytes().all(|b| b.is_ascii_lowercase())
            });
            handler || tag.contains("=\"javascript:") || tag.contains("='javascript:")
        })
        .map(|t| t.chars().take(80).collect())
        .collect()
}

/// Pieces of text a report is made of, hostile ones included.
fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        hostile_inline(),
        Just("[H1-1.1-01]".to_owned()),
        Just("[H1-1.1-02; H9-9.9-99, MC.1.1.01]".to_owned()),
        Just("[a](/truong/khong-co/)".to_owned()),
    ]
}

/// Inline pieces that the check accepts in an approved report (no evidence codes, no links
/// to unknown pages), so that reports made of them reach the renderer.
fn hostile_inline() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z àáạảãăắằẳẵặâấầẩẫậđèéẹẻẽêếềểễệ]{0,30}",
        Just("[toàn văn](files/bao-cao-2024-2025.pdf)".to_owned()),
        Just("[x](javascript:alert(1))".to_owned()),
        Just("![](../../../etc/passwd)".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("**đậm** _nghiêng_ `mã`".to_owned()),
        Just("\u{200b}\u{202e}\u{feff}".to_owned()),
        Just("Tie\u{302}u chi\u{301}".to_owned()),
        Just("&amp; &#0; &#x110000; &bogus;".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
    ]
}

fn heading_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Tiêu chuẩn 1: Tổ chức".to_owned()),
        (1u32..12, 1u32..12).prop_map(|(a, b)| format!("Tiêu chí {a}.{b}: Nội dung")),
        Just("Mô tả hiện trạng".to_owned()),
        Just("Điểm mạnh".to_owned()),
        Just("Điểm yếu".to_owned()),
        Just("Kế hoạch cải tiến chất lượng".to_owned()),
        Just("Tự đánh giá".to_owned()),
        Just("Danh mục minh chứng".to_owned()),
        Just("Kết luận chung".to_owned()),
        inline(),
    ]
}

fn block() -> impl Strategy<Value = String> {
    nested(prop_oneof![
        (1usize..7, heading_text()).prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))).boxed(),
        text_block(inline().boxed()),
    ])
}

/// Blocks without headings or evidence codes: paragraphs, tables, code, raw HTML, nested.
fn body_block() -> impl Strategy<Value = String> {
    nested(text_block(hostile_inline().boxed()))
}

fn text_block(inline: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop_oneof![
        prop::collection::vec(inline.clone(), 0..6).prop_map(|v| v.join(" ")),
        prop::collection::vec(prop::collection::vec(inline.clone(), 1..5), 0..6).prop_map(|rows| {
            let mut t = String::from("| Mã | Tên |\n|---|---|\n");
            for r in rows {
                t.push_str(&format!("| {} |\n", r.join(" | ")));
            }
            t
        }),
        inline.prop_map(|t| format!("```\n{t}\n```")),
        Just("<div><iframe src=\"https://x\"></iframe><svg onload=alert(1)></svg></div>".to_owned()),
    ]
    .boxed()
}

/// `leaf` blocks, some inside block quotes and list items up to four levels deep.
fn nested(leaf: impl Strategy<Value = String> + 'static) -> impl Strategy<Value = String> {
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|b| b.lines().map(|l| format!("> {l}")).collect::<Vec<_>>().join("\n")),
            inner.prop_map(|b| b.lines().map(|l| format!("- {l}")).collect::<Vec<_>>().join("\n  ")),
        ]
    })
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (-5i64..6).prop_map(|n| n.to_string()),
        Just("99999999999999999999".to_owned()),
        Just("\"<script>alert(1)</script>\"".to_owned()),
        inline().prop_map(|n| format!("{{ level = 2, note = {:?} }}", n)),
        Just("2025-02-30".to_owned()),
        Just("[1, 2]".to_owned()),
    ]
}

fn front_matter() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        (1u32..7, 1u32..12).prop_map(|(a, b)| format!("\"{a}.{b}\"")),
        Just("\"x\"".to_owned()),
        Just("\"\"".to_owned()),
    ];
    (
        prop_oneof![Just("approved"), Just("draft"), Just("<b>")],
        prop_oneof![Just("2025-06-15"), Just("2025-02-30"), Just("\"hôm qua\""), Just("2030-01-01")],
        value(),
        prop::collection::vec((key, value()), 0..30),
        any::<bool>(),
    )
        .prop_map(|(status, date, claimed, results, duplicate)| {
            let mut f = format!("+++\nstatus = \"{status}\"\napproved_on = {date}\nclaimed_level = {claimed}\n");
            if duplicate {
                f.push_str("status = \"approved\"\n");
            }
            f.push_str("\n[results]\n");
            for (k, v) in results {
                f.push_str(&format!("{k} = {v}\n"));
            }
            f.push_str("+++\n\n");
            f
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any bytes as a report or as a school file.
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..3000), as_school in any::<bool>()) {
        let site = fixture_copy("small");
        fs::write(site.path().join(if as_school { SCHOOL } else { REPORT }), &bytes).unwrap();
        check_and_build(site.path());
    }

    /// The fixture's valid report with random blocks inserted before its evidence list: most
    /// of these pass the check, so the renderer and the sanitiser see the hostile parts.
    #[test]
    fn valid_reports_with_random_blocks_never_panic(blocks in prop::collection::vec(body_block(), 1..12)) {
        let site = fixture_copy("small");
        let path = site.path().join(REPORT);
        let text = fs::read_to_string(&path).unwrap();
        let text = text.replacen("# Danh mục minh chứng", &format!("{}\n\n# Danh mục minh chứng", blocks.join("\n\n")), 1);
        fs::write(&path, text).unwrap();
        check_and_build(site.path());
        let out = site.path().join("fuzz-output");
        if out.exists() {
            for (file, bytes) in read_tree(&out) {
                if file.ends_with(".html") {
                    let html = String::from_utf8_lossy(&bytes);
                    prop_assert!(foreign_scripts(&html).is_empty(), "{file}: {:?}", foreign_scripts(&html));
                    prop_assert!(active_attributes(&html).is_empty(), "{file}: {:?}", active_attributes(&html));
                }
            }
        }
    }

    /// Reports assembled from headings, tables, nested lists and quotes, links, raw HTML and
    /// odd front matter.
    #[test]
    fn random_reports_never_panic(front in front_matter(), blocks in prop::collection::vec(block(), 0..25), crlf in any::<bool>()) {
        let site = fixture_copy("small");
        let mut text = front + &blocks.join("\n\n");
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        fs::write(site.path().join(REPORT), text).unwrap();
        check_and_build(site.path());
    }
}
