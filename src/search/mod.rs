//! Stage 5b: the client-side search index (`output/search/`), sharded so that a query
//! downloads only what it needs. The format is documented in `docs/search-index.md`.

pub mod compare;

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::calendar::format_vi;
use crate::site::status::{Status, Validity};
use crate::site::{SchoolEntry, Site};
use crate::text::{place_name, words};

/// Schools per doc chunk (`search/d/<n>.json`).
pub const CHUNK: usize = 64;

/// Field of a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Name = 0,
    Commune = 1,
    District = 2,
    Province = 3,
}

/// Abbreviations and the words they stand for (docs/search-index.md).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("th", "tieu hoc"),
    ("thcs", "trung hoc co so"),
    ("thpt", "trung hoc pho thong"),
    ("mn", "mam non"),
    ("mg", "mau giao"),
    ("gdtx", "giao duc thuong xuyen"),
    ("ptdtnt", "pho thong dan toc noi tru"),
    ("ptdtbt", "pho thong dan toc ban tru"),
    ("tp", "thanh pho"),
    ("tx", "thi xa"),
];

/// The words of `text` plus the abbreviations it spells out and the words its abbreviations
/// stand for.
pub fn indexed_words(text: &str) -> Vec<String> {
    let mut out = words(text);
    let joined = format!(" {} ", out.join(" "));
    for (short, long) in ABBREVIATIONS {
        if joined.contains(&format!(" {long} ")) {
            out.push((*short).to_owned());
        }
        if joined.contains(&format!(" {short} ")) {
            out.extend(long.split(' ').map(str::to_owned));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The shard key of a word: its first two characters (one for a one-letter word); of a place
/// token (`=dong da`), its first three (`=do`), so that a query loads only the places that
/// start like it.
pub fn shard_key(word: &str) -> &str {
    let n = if word.starts_with('=') { 3 } else { 2 };
    let end = word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// The last segment of a root-relative URL (`dia-ban/xa-phu-hoa-dong-nai/` → `xa-phu-hoa-dong-nai`):
/// the value of a filter is the slug of the listing it narrows to.
fn last_segment(url: &str) -> &str {
    url.trim_end_matches('/').rsplit('/').next().unwrap_or_default()
}

/// The short line of a result: level, commune (and its province on a portal of several
/// provinces, where two communes may share a name), accreditation, national standard.
fn status_text(e: &SchoolEntry<'_>, national: bool) -> String {
    let place = match national {
        true => format!("{}, {}", e.school.commune, e.school.province),
        false => e.school.commune.clone(),
    };
    [
        e.school.level.label().to_owned(),
        place,
        recognition_text("Kiểm định", "cấp độ", &e.accreditation),
        recognition_text("Chuẩn quốc gia", "mức độ", &e.national_standard),
    ]
    .join(" · ")
}

/// One recognition in a result line, with its validity, so that a result answers "is it still
/// valid?" without opening the school: "Kiểm định cấp độ 2, còn hiệu lực đến 2029", "…, còn hiệu
/// lực đến 15/03/2027 (sắp hết)", "…, hết hiệu lực", "Kiểm định: chưa được công nhận".
fn recognition_text(what: &str, scale: &str, st: &Status<'_>) -> String {
    let (Some(d), Some(level)) = (st.decision, st.level()) else {
        return format!("{what}: chưa được công nhận");
    };
    let until = d.valid_until.value;
    match st.validity {
        Validity::Valid => format!("{what} {scale} {level}, còn hiệu lực đến {}", until.year()),
        // Within the warning days the day matters: the full date.
        Validity::Expiring => format!("{what} {scale} {level}, còn hiệu lực đến {} (sắp hết)", format_vi(until)),
        Validity::Expired => format!("{what} {scale} {level}, hết hiệu lực"),
        Validity::None => format!("{what}: chưa được công nhận"),
    }
}

/// Every file of the index: (path under the output root, bytes).
pub fn index(site: &Site<'_>) -> Vec<(String, Vec<u8>)> {
    // Doc ids: shorter names first, then the listing order. Among equal scores the script ranks
    // the lower id first, so the school whose name is closest to the query ("Trường THCS Lê
    // Lợi" for `thcs le loi`) comes before longer names that also contain its words.
    let mut order: Vec<&SchoolEntry<'_>> = site.schools.iter().collect();
    order.sort_by_key(|e| words(&e.school.name).len());
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (doc, e) in order.iter().enumerate() {
        let s = e.school;
        let mut add = |text: &str, field: Field| {
            let posting = doc as u32 * 4 + field as u32;
            for w in indexed_words(text) {
                postings.entry(w).or_default().push(posting);
            }
            // Words next to each other, in order ("dong da"): a query that has them so ranks
            // this field above the same words scattered over several fields.
            let plain = words(text);
            for pair in plain.windows(2).filter(|p| p[0].len() >= 2) {
                postings.entry(format!("{} {}", pair[0], pair[1])).or_default().push(posting);
            }
            // A place's own name, without "Xã", "Phường", "Tỉnh"…: a query that is exactly it
            // lists the place's schools first.
            if field != Field::Name {
                let core = place_name(&plain);
                if !core.is_empty() {
                    postings.entry(format!("={core}")).or_default().push(posting);
                }
            }
        };
        add(&s.name, Field::Name);
        add(&s.commune, Field::Commune);
        if let Some(d) = &s.former_district {
            add(d, Field::District);
        }
        add(&s.province, Field::Province);
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (word, mut list) in postings {
        list.sort_unstable();
        list.dedup();
        let mut prev = 0;
        let deltas: Vec<u32> = list
            .into_iter()
            .map(|p| {
                let d = p - prev;
                prev = p;
                d
            })
            .collect();
        shards.entry(shard_key(&word).to_owned()).or_default().insert(word, deltas);
    }
    let mut files = Vec::new();
    let keys: Vec<&String> = shards.keys().collect();
    let meta = serde_json::json!({ "v": 1, "docs": site.schools.len(), "chunk": CHUNK, "shards": keys });
    files.push(("search/meta.json".to_owned(), meta.to_string().into_bytes()));
    for (key, words) in &shards {
        files.push((format!("search/t/{key}.json"), serde_json::to_vec(words).expect("plain data")));
    }
    let national = site.is_national();
    for (n, chunk) in order.chunks(CHUNK).enumerate() {
        let docs: Vec<serde_json::Value> = chunk
            .iter()
            .map(|e| {
                let mut doc = vec![
                    e.school.name.as_str().into(),
                    e.url().into(),
                    e.school.level.key().into(),
                    e.school.commune.as_str().into(),
                    last_segment(&e.commune_url).into(),
                    e.accreditation.current_level().into(),
                    e.national_standard.current_level().into(),
                    status_text(e, national).into(),
                ];
                // The province, for the `tinh=` filter: only a portal of several provinces has one.
                if let Some(url) = &e.province_url {
                    doc.push(last_segment(url).into());
                }
                serde_json::Value::Array(doc)
            })
            .collect();
        files.push((format!("search/d/{n}.json"), serde_json::to_vec(&docs).expect("plain data")));
    }
    files.extend(communes_by_province(site));
    files
}

/// On a portal of several provinces, `search/xa/<province slug>.json`: the communes of each
/// province, `[[name, slug], …]` in the listing's order. The search page loads the file of the
/// province chosen in its `tinh` select to fill its `xa` select, instead of carrying the
/// communes of every province (thousands at national scale).
fn communes_by_province(site: &Site<'_>) -> Vec<(String, Vec<u8>)> {
    if !site.is_national() {
        return Vec::new();
    }
    let mut by_province: BTreeMap<String, Vec<[&str; 2]>> =
        site.provinces.iter().map(|p| (last_segment(&p.url).to_owned(), Vec::new())).collect();
    for c in &site.communes {
        let province = last_segment(&Site::province_url(&c.province)).to_owned();
        by_province.entry(province).or_default().push([c.name.as_str(), last_segment(&c.url)]);
    }
    by_province
        .into_iter()
        .map(|(slug, communes)| (format!("search/xa/{slug}.json"), serde_json::to_vec(&communes).expect("plain data")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_abbreviations_go_both_ways() {
        assert_eq!(words("Trường THCS Lê Lợi"), ["truong", "thcs", "le", "loi"]);
        let full = indexed_words("Trường Trung học cơ sở Lê Lợi");
        assert!(full.contains(&"thcs".to_owned()) && full.contains(&"trung".to_owned()));
        let short = indexed_words("Trường THCS Lê Lợi");
        for w in ["trung", "hoc", "co", "so", "thcs"] {
            assert!(short.contains(&w.to_owned()), "{w}");
        }
        assert!(indexed_words("Đồng Nai").contains(&"dong".to_owned()));
        assert_eq!(shard_key("nguyen"), "ng");
        assert_eq!(shard_key("a"), "a");
        assert_eq!(shard_key("=dong da"), "=do");
    }

    #[test]
    fn a_place_s_name_is_its_words_without_its_kind() {
        let name = |t: &str| place_name(&words(t));
        assert_eq!(name("Phường Đống Đa"), "dong da");
        assert_eq!(name("Thị trấn Trảng Bom"), "trang bom");
        assert_eq!(name("Thành phố Biên Hòa"), "bien hoa");
        assert_eq!(name("Tỉnh Đồng Nai"), "dong nai");
        assert_eq!(name("Đồng Nai"), "dong nai");
        assert_eq!(name("Xã"), "xa", "a kind alone is a name");
    }
}
