//! A national-scale corpus of **fictional** schools, for benchmarks (build time, search).
//!
//! ```sh
//! cargo run --release --example gen-corpus -- --schools 45000 --out /tmp/corpus
//! target/release/minhbach build --root /tmp/corpus --output /tmp/corpus/output
//! ```
//!
//! Writes `DIR/config.toml`, `DIR/content/pages/` and `DIR/content/schools/<slug>/` (school.toml,
//! a 2023-2024 report under Circulars 17/18/19 of 2018 approved in April–June 2024, except for
//! GDTX centres, and a 2026-2027 report under Circular 57 approved in September–November 2026;
//! some schools also have a 2025-2026 draft). N schools spread over the 34 provinces of Viet Nam
//! after the 2025 merger and about N / 13 communes. Every school, person, number and decision is
//! invented; names of historical figures and places repeat across provinces as they do in reality.
//!
//! Deterministic: same arguments, same bytes (a SplitMix64 generator seeded by `--seed`, one
//! stream per school). Criterion ids, titles, levels, mandatory flags and Mức 4 items are read
//! from `regulation/*.toml` (embedded at compile time), never retyped; the criterion results of
//! every approved report give exactly its `claimed_level` under the rules of
//! `shared/spec/regulation.md`, and every evidence code cited is listed and every listed one cited.
//!
//! Options: `--schools N` (default 1500), `--out DIR` (required), `--seed S`, `--province NAME`
//! (the `province` of config.toml, default Đồng Nai), `--national` (no `province` in config.toml:
//! every school.toml names its own, as on a portal of several provinces), `--force` (replace an existing
//! `DIR/content` and `DIR/config.toml`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate};
use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

const CATALOGS: [&str; 3] = [
    include_str!("../regulation/tt-2018.toml"),
    include_str!("../regulation/tt22-2024.toml"),
    include_str!("../regulation/tt57-2026.toml"),
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn build_date() -> NaiveDate {
    date(2026, 11, 23)
}
const EXPIRY_DAYS: i64 = 180;

// ------------------------------------------------------------------------------------------ PRNG

/// SplitMix64: small, fast, good enough for fake data, and the same on every machine.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 11) as u128 * n as u128) >> 53) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = (self.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
    /// `k` distinct indices of `0..n`, in increasing order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        self.shuffle(&mut all);
        let mut out: Vec<usize> = all.into_iter().take(k).collect();
        out.sort_unstable();
        out
    }
    fn date_between(&mut self, a: NaiveDate, b: NaiveDate) -> NaiveDate {
        a + Duration::days(self.range(0, (b - a).num_days()))
    }
}

// ------------------------------------------------------------------------------------------ text

fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

fn lcfirst(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn ucfirst(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A TOML basic string.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn vn_date(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

fn vn_int(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Fills `{key}` placeholders from `vars`; an unknown key is left as written.
fn fill(template: &str, vars: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find('}') {
            Some(j) if vars.contains_key(&after[..j]) => {
                out.push_str(&vars[&after[..j]]);
                rest = &after[j + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Strips the "a) " numbering and the final ";" or "." of an indicator.
fn indicator_core(s: &str) -> String {
    let s = s.trim();
    let s = if s.len() > 3 && s.as_bytes()[1] == b')' && s.as_bytes()[2] == b' ' { &s[3..] } else { s };
    s.trim_end_matches([';', '.', ',']).trim().to_owned()
}

/// At most `max` bytes of `s`, cut at a word boundary, with "…" when cut.
fn clip(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let cut = s[..end].rfind(' ').unwrap_or(end);
    format!("{}…", s[..cut].trim_end_matches([',', ';', ' ']))
}

// ------------------------------------------------------------------------------------------ catalogs

struct Criterion {
    id: String,
    title: String,
    std: i64,
    mandatory: bool,
    max: u8,
    /// Indicator texts of each level, index 0 = Mức 1.
    levels: Vec<Vec<String>>,
    /// Suggested evidence (Circular 57 only).
    evidence: Vec<String>,
}

struct Standard {
    number: i64,
    title: String,
    criteria: Vec<usize>,
}

struct Framework {
    circular: String,
    amended_by: Option<String>,
    c57: bool,
    standards: Vec<Standard>,
    criteria: Vec<Criterion>,
    level4: Vec<(String, String)>,
}

fn load_frameworks() -> BTreeMap<String, Framework> {
    let mut out = BTreeMap::new();
    for src in CATALOGS {
        let cat: toml::Table = toml::from_str(src).expect("regulation catalog parses");
        let c57 = cat["catalog"].as_str() == Some("tt57-2026");
        for fw in cat["frameworks"].as_array().expect("frameworks") {
            let s = |v: &toml::Value, k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_owned();
            let mut standards = Vec::new();
            let mut criteria = Vec::new();
            for st in fw["standards"].as_array().expect("standards") {
                let number = st["number"].as_integer().expect("standard number");
                let mut idx = Vec::new();
                for c in st["criteria"].as_array().expect("criteria") {
                    let defined: Vec<i64> = c
                        .get("levels_defined")
                        .and_then(|v| v.as_array())
                        .map(|a| a.iter().filter_map(|x| x.as_integer()).collect())
                        .unwrap_or_default();
                    let max = if c57 { 2 } else { defined.iter().copied().max().unwrap_or(3) as u8 };
                    let mut levels = Vec::new();
                    for n in 1..=max {
                        let list: Vec<String> = c
                            .get(format!("level{n}_indicators").as_str())
                            .and_then(|v| v.as_array())
                            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
                            .unwrap_or_default();
                        let list = if list.is_empty() {
                            let text = s(c, &format!("level{n}"));
                            text.split(". ").map(str::to_owned).filter(|x| !x.trim().is_empty()).collect()
                        } else {
                            list
                        };
                        levels.push(list);
                    }
                    let evidence = s(c, "suggested_evidence")
                        .split(';')
                        .map(|x| ucfirst(x.trim().trim_end_matches('.')))
                        .filter(|x| !x.is_empty())
                        .collect();
                    idx.push(criteria.len());
                    criteria.push(Criterion {
                        id: s(c, "id"),
                        title: s(c, "title"),
                        std: number,
                        mandatory: c.get("mandatory").and_then(|v| v.as_bool()).unwrap_or(false),
                        max,
                        levels,
                        evidence,
                    });
                }
                standards.push(Standard { number, title: s(st, "title"), criteria: idx });
            }
            let level4 = fw
                .get("level4_criteria")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter().map(|x| (x["number"].as_integer().expect("number").to_string(), s(x, "text"))).collect()
                })
                .unwrap_or_default();
            let id = s(fw, "id");
            out.insert(
                id.clone(),
                Framework {
                    circular: s(fw, "circular"),
                    amended_by: fw.get("amended_by").and_then(|v| v.as_str()).map(str::to_owned),
                    c57,
                    standards,
                    criteria,
                    level4,
                },
            );
        }
    }
    out
}

/// The school level the law gives for these results (shared/spec/regulation.md).
fn compute_level(fw: &Framework, results: &[u8], level4: Option<&[bool]>) -> u8 {
    if fw.c57 {
        let (mut m1, mut m2, mut o1, mut o2, mut all1) = (true, true, 0, 0, true);
        for (c, &r) in fw.criteria.iter().zip(results) {
            all1 &= r >= 1;
            if c.mandatory {
                m1 &= r >= 1;
                m2 &= r >= 2;
            } else {
                o1 += (r >= 1) as usize;
                o2 += (r >= 2) as usize;
            }
        }
        return if m2 && o2 >= 5 && all1 {
            2
        } else if m1 && o1 >= 5 {
            1
        } else {
            0
        };
    }
    let mut level = 0;
    for n in 1..=3u8 {
        if fw.criteria.iter().zip(results).all(|(c, &r)| r >= n.min(c.max)) {
            level = n;
        }
    }
    if level == 3 && !fw.level4.is_empty() && level4.is_some_and(|l| l.iter().all(|&x| x)) {
        level = 4;
    }
    level
}

/// Criterion results (and Mức 4 items) whose computed level is exactly `target`.
fn gen_results(fw: &Framework, target: u8, rng: &mut Rng, assess4: bool) -> (Vec<u8>, Option<Vec<bool>>) {
    let n = fw.criteria.len();
    if fw.c57 {
        let mand: Vec<usize> = (0..n).filter(|&i| fw.criteria[i].mandatory).collect();
        let other: Vec<usize> = (0..n).filter(|&i| !fw.criteria[i].mandatory).collect();
        let mut res: Vec<u8> = (0..n).map(|_| 1 + rng.below(2) as u8).collect();
        match target {
            2 => {
                let k = *rng.pick(&[5, 6, 6, 7]).min(&other.len());
                let twos: HashSet<usize> = rng.sample(other.len(), k).into_iter().map(|i| other[i]).collect();
                for &i in &mand {
                    res[i] = 2;
                }
                for &i in &other {
                    res[i] = if twos.contains(&i) { 2 } else { 1 };
                }
            }
            1 => match rng.below(3) {
                0 => {
                    let k = 1 + rng.below(3);
                    for j in rng.sample(mand.len(), k) {
                        res[mand[j]] = 1;
                    }
                }
                1 => {
                    let twos: HashSet<usize> = {
                        let k = 1 + rng.below(4);
                        rng.sample(other.len(), k)
                    }
                    .into_iter()
                    .map(|i| other[i])
                    .collect();
                    for &i in &other {
                        res[i] = if twos.contains(&i) { 2 } else { 1 };
                    }
                }
                _ => {
                    let k = 1 + rng.below(2);
                    for j in rng.sample(other.len(), k) {
                        res[other[j]] = 0;
                    }
                }
            },
            _ => {
                if rng.chance(0.5) {
                    res[*rng.pick(&mand)] = 0;
                } else {
                    let k = 3 + rng.below(2);
                    for j in rng.sample(other.len(), k) {
                        res[other[j]] = 0;
                    }
                }
            }
        }
        return (res, None);
    }
    if target == 4 {
        return (fw.criteria.iter().map(|c| c.max).collect(), Some(vec![true; fw.level4.len()]));
    }
    let mut res: Vec<u8> = fw
        .criteria
        .iter()
        .map(|c| {
            let lo = target.max(1).min(c.max);
            if rng.chance(0.55) { lo } else { lo + rng.below((c.max - lo + 1) as usize) as u8 }
        })
        .collect();
    match target {
        0 => {
            let k = 1 + rng.below(3);
            for i in rng.sample(n, k) {
                res[i] = 0;
            }
        }
        1 | 2 => {
            let higher: Vec<usize> = (0..n).filter(|&i| fw.criteria[i].max > target).collect();
            let k = (1 + rng.below(3)).min(higher.len());
            for j in rng.sample(higher.len(), k) {
                res[higher[j]] = target;
            }
        }
        _ => {}
    }
    let level4 = if target == 3 && assess4 && !fw.level4.is_empty() {
        let mut l4: Vec<bool> = (0..fw.level4.len()).map(|_| rng.chance(0.6)).collect();
        let k = rng.below(l4.len());
        l4[k] = false;
        Some(l4)
    } else {
        None
    };
    (res, level4)
}

// ------------------------------------------------------------------------------------------ places

struct Province {
    name: &'static str,
    city: bool,
    code: u32,
    phone: &'static str,
    weight: f64,
    /// Provinces merged into it on 1 July 2025 (the first is the one that kept its name).
    former: &'static [&'static str],
    /// Real special zones (đặc khu) of the province, if any.
    special: &'static [&'static str],
}

const fn p(
    name: &'static str,
    city: bool,
    code: u32,
    phone: &'static str,
    weight: f64,
    former: &'static [&'static str],
    special: &'static [&'static str],
) -> Province {
    Province { name, city, code, phone, weight, former, special }
}

/// The 34 provincial units since 1 July 2025 (weights: rough population in millions).
const PROVINCES: [Province; 34] = [
    p("Hà Nội", true, 1, "024", 8.7, &["Hà Nội"], &[]),
    p("Huế", true, 46, "0234", 1.2, &["Huế"], &[]),
    p("Hải Phòng", true, 31, "0225", 4.7, &["Hải Phòng", "Hải Dương"], &["Cát Hải", "Bạch Long Vĩ"]),
    p("Đà Nẵng", true, 48, "0236", 3.1, &["Đà Nẵng", "Quảng Nam"], &[]),
    p("TP Hồ Chí Minh", true, 79, "028", 14.0, &["TP Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"], &["Côn Đảo"]),
    p("Cần Thơ", true, 92, "0292", 4.2, &["Cần Thơ", "Sóc Trăng", "Hậu Giang"], &[]),
    p("Lai Châu", false, 12, "0213", 0.5, &["Lai Châu"], &[]),
    p("Điện Biên", false, 11, "0215", 0.65, &["Điện Biên"], &[]),
    p("Sơn La", false, 14, "0212", 1.3, &["Sơn La"], &[]),
    p("Lạng Sơn", false, 20, "0205", 0.8, &["Lạng Sơn"], &[]),
    p("Quảng Ninh", false, 22, "0203", 1.4, &["Quảng Ninh"], &["Vân Đồn", "Cô Tô"]),
    p("Thanh Hóa", false, 38, "0237", 3.8, &["Thanh Hóa"], &[]),
    p("Nghệ An", false, 40, "0238", 3.5, &["Nghệ An"], &[]),
    p("Hà Tĩnh", false, 42, "0239", 1.3, &["Hà Tĩnh"], &[]),
    p("Cao Bằng", false, 4, "0206", 0.55, &["Cao Bằng"], &[]),
    p("Tuyên Quang", false, 8, "0207", 1.9, &["Tuyên Quang", "Hà Giang"], &[]),
    p("Lào Cai", false, 10, "0214", 1.8, &["Lào Cai", "Yên Bái"], &[]),
    p("Thái Nguyên", false, 19, "0208", 1.8, &["Thái Nguyên", "Bắc Kạn"], &[]),
    p("Phú Thọ", false, 25, "0210", 4.0, &["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"], &[]),
    p("Bắc Ninh", false, 27, "0222", 3.7, &["Bắc Ninh", "Bắc Giang"], &[]),
    p("Hưng Yên", false, 33, "0221", 3.6, &["Hưng Yên", "Thái Bình"], &[]),
    p("Ninh Bình", false, 37, "0229", 4.4, &["Ninh Bình", "Hà Nam", "Nam Định"], &[]),
    p("Quảng Trị", false, 45, "0233", 1.9, &["Quảng Trị", "Quảng Bình"], &[]),
    p("Quảng Ngãi", false, 51, "0255", 2.2, &["Quảng Ngãi", "Kon Tum"], &["Lý Sơn"]),
    p("Gia Lai", false, 64, "0269", 3.6, &["Gia Lai", "Bình Định"], &[]),
    p("Khánh Hòa", false, 56, "0258", 2.3, &["Khánh Hòa", "Ninh Thuận"], &[]),
    p("Lâm Đồng", false, 68, "0263", 3.9, &["Lâm Đồng", "Đắk Nông", "Bình Thuận"], &["Phú Quý"]),
    p("Đắk Lắk", false, 66, "0262", 3.3, &["Đắk Lắk", "Phú Yên"], &[]),
    p("Đồng Nai", false, 75, "0251", 4.5, &["Đồng Nai", "Bình Phước"], &[]),
    p("Tây Ninh", false, 72, "0276", 3.3, &["Tây Ninh", "Long An"], &[]),
    p("Vĩnh Long", false, 86, "0270", 4.3, &["Vĩnh Long", "Bến Tre", "Trà Vinh"], &[]),
    p("Đồng Tháp", false, 87, "0277", 4.4, &["Đồng Tháp", "Tiền Giang"], &[]),
    p("Cà Mau", false, 96, "0290", 2.6, &["Cà Mau", "Bạc Liêu"], &[]),
    p("An Giang", false, 89, "0296", 4.9, &["An Giang", "Kiên Giang"], &["Phú Quốc", "Kiên Hải"]),
];

const PLACE_A: &[&str] = &[
    "Tân",
    "An",
    "Hòa",
    "Phú",
    "Bình",
    "Long",
    "Phước",
    "Thạnh",
    "Vĩnh",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Xuân",
    "Hưng",
    "Thuận",
    "Mỹ",
    "Đức",
    "Quảng",
    "Thanh",
    "Hà",
    "Kim",
    "Ngọc",
    "Hồng",
    "Yên",
    "Cẩm",
    "Lộc",
    "Hiệp",
    "Thái",
    "Định",
    "Sơn",
    "Hải",
    "Lạc",
    "Minh",
    "Quang",
    "Tiên",
    "Cát",
    "Đại",
    "Gia",
    "Hương",
    "Khánh",
    "Lương",
    "Nghĩa",
    "Phong",
    "Thịnh",
    "Trường",
    "Vạn",
    "Đồng",
    "Cao",
];
const PLACE_B: &[&str] = &[
    "Phú", "Bình", "Hòa", "Lợi", "Thành", "Long", "Hưng", "Thịnh", "An", "Lộc", "Phước", "Tân", "Sơn", "Hải", "Điền",
    "Mỹ", "Trung", "Đông", "Tây", "Xuân", "Khánh", "Thuận", "Lạc", "Nghĩa", "Đức", "Quang", "Minh", "Thủy", "Lâm",
    "Hiệp", "Hội", "Phong", "Châu", "Giang", "Vinh", "Yên", "Hà", "Định", "Biên", "Tiến",
];

const FIGURES: &[(&str, f64)] = &[
    ("Lê Lợi", 6.0),
    ("Trần Hưng Đạo", 6.0),
    ("Quang Trung", 6.0),
    ("Nguyễn Hiền", 5.0),
    ("Đinh Bộ Lĩnh", 3.0),
    ("Nguyễn Du", 5.0),
    ("Nguyễn Trãi", 5.0),
    ("Lý Thường Kiệt", 5.0),
    ("Ngô Quyền", 4.0),
    ("Chu Văn An", 5.0),
    ("Lê Quý Đôn", 5.0),
    ("Nguyễn Bỉnh Khiêm", 4.0),
    ("Lương Thế Vinh", 4.0),
    ("Nguyễn Đình Chiểu", 3.0),
    ("Phan Bội Châu", 4.0),
    ("Phan Chu Trinh", 3.0),
    ("Huỳnh Thúc Kháng", 3.0),
    ("Võ Thị Sáu", 4.0),
    ("Kim Đồng", 5.0),
    ("Lê Văn Tám", 3.0),
    ("Nguyễn Văn Trỗi", 4.0),
    ("Lý Tự Trọng", 4.0),
    ("Bế Văn Đàn", 2.0),
    ("Tô Vĩnh Diện", 2.0),
    ("Nguyễn Thị Minh Khai", 3.0),
    ("Nguyễn Văn Cừ", 2.0),
    ("Lê Hồng Phong", 3.0),
    ("Hai Bà Trưng", 3.0),
    ("Trưng Vương", 3.0),
    ("Bà Triệu", 2.0),
    ("Lê Lai", 2.0),
    ("Yết Kiêu", 1.0),
    ("Phạm Ngũ Lão", 2.0),
    ("Trần Quốc Toản", 4.0),
    ("Trần Bình Trọng", 2.0),
    ("Trần Phú", 4.0),
    ("Nguyễn Trung Trực", 2.0),
    ("Trương Định", 2.0),
    ("Nguyễn Khuyến", 2.0),
    ("Đoàn Thị Điểm", 2.0),
    ("Bùi Thị Xuân", 2.0),
    ("Ngô Sĩ Liên", 1.0),
    ("Lê Văn Hưu", 1.0),
    ("Hoàng Hoa Thám", 2.0),
    ("Phan Đình Phùng", 2.0),
    ("Tôn Thất Thuyết", 1.0),
    ("Hàm Nghi", 1.0),
    ("Nguyễn Tri Phương", 1.0),
    ("Hoàng Diệu", 1.0),
    ("Nguyễn Thái Học", 2.0),
    ("Nguyễn Văn Linh", 1.0),
    ("Võ Văn Kiệt", 1.0),
    ("Lê Duẩn", 1.0),
    ("Trường Chinh", 1.0),
    ("Phạm Văn Đồng", 1.0),
    ("Tôn Đức Thắng", 2.0),
    ("Võ Nguyên Giáp", 1.0),
    ("Hoàng Văn Thụ", 2.0),
    ("Trần Đại Nghĩa", 1.0),
    ("Lương Văn Can", 1.0),
    ("Nguyễn Thượng Hiền", 1.0),
    ("Đặng Thai Mai", 1.0),
    ("Nguyễn Công Trứ", 2.0),
    ("Cao Bá Quát", 1.0),
    ("Mạc Đĩnh Chi", 2.0),
    ("Lê Thánh Tông", 2.0),
    ("Lý Công Uẩn", 1.0),
    ("Lý Thái Tổ", 1.0),
    ("Đinh Tiên Hoàng", 2.0),
    ("Lê Hoàn", 1.0),
    ("Nguyễn Huệ", 3.0),
    ("Nguyễn Thị Định", 1.0),
    ("Ngô Gia Tự", 1.0),
    ("Nguyễn Chí Thanh", 1.0),
    ("Nguyễn Viết Xuân", 1.0),
    ("Cù Chính Lan", 1.0),
    ("La Văn Cầu", 1.0),
    ("Hùng Vương", 3.0),
    ("Âu Cơ", 2.0),
    ("Lạc Long Quân", 2.0),
    ("Phù Đổng", 2.0),
    ("An Dương Vương", 1.0),
    ("Mai Hắc Đế", 1.0),
    ("Phùng Hưng", 1.0),
    ("Tô Hiến Thành", 1.0),
    ("Ông Ích Khiêm", 1.0),
    ("Trương Vĩnh Ký", 1.0),
    ("Trần Cao Vân", 1.0),
    ("Nguyễn Văn Bé", 1.0),
    ("Trần Văn Ơn", 1.0),
    ("Lê Anh Xuân", 1.0),
    ("Tạ Quang Bửu", 1.0),
    ("Hồ Xuân Hương", 1.0),
    ("Trần Nhân Tông", 1.0),
    ("Trần Quang Khải", 1.0),
    ("Nguyễn Hữu Thọ", 1.0),
    ("Phan Đình Giót", 1.0),
    ("Điện Biên", 1.0),
    ("Nguyễn Văn Tố", 1.0),
    ("Dương Đình Nghệ", 1.0),
    ("Khúc Thừa Dụ", 1.0),
];

const KINDER: &[&str] = &[
    "Hoa Sen",
    "Hoa Mai",
    "Hoa Hồng",
    "Hoa Lan",
    "Hoa Phượng",
    "Hoa Cúc",
    "Hoa Ban",
    "Hoa Đào",
    "Hoa Sữa",
    "Sơn Ca",
    "Họa Mi",
    "Vành Khuyên",
    "Chim Én",
    "Én Xanh",
    "Bình Minh",
    "Ánh Dương",
    "Ánh Sao",
    "Sao Mai",
    "Tuổi Thơ",
    "Tuổi Ngọc",
    "Măng Non",
    "Búp Sen Hồng",
    "Hướng Dương",
    "Rạng Đông",
    "Thỏ Ngọc",
    "Ước Mơ",
    "Mầm Xanh",
    "Sen Hồng",
    "Trúc Xanh",
    "Hải Âu",
    "Tuổi Hồng",
    "Ngôi Sao",
    "Hoàng Oanh",
    "Đồng Tâm",
    "Bông Sen",
    "Hoa Thủy Tiên",
    "Bé Ngoan",
    "Vàng Anh",
];

/// (level key, slug prefix, full words, short words, weight).
const KINDS: &[(&str, &str, &str, &str, f64)] = &[
    ("mam-non", "mn", "Trường Mầm non", "Trường MN", 0.31),
    ("mam-non", "mg", "Trường Mẫu giáo", "Trường MG", 0.02),
    ("tieu-hoc", "th", "Trường Tiểu học", "Trường TH", 0.29),
    ("thcs", "thcs", "Trường Trung học cơ sở", "Trường THCS", 0.23),
    ("thpt", "thpt", "Trường Trung học phổ thông", "Trường THPT", 0.065),
    ("nhieu-cap", "th-thcs", "Trường Tiểu học và Trung học cơ sở", "Trường TH&THCS", 0.03),
    ("nhieu-cap", "thcs-thpt", "Trường Trung học cơ sở và Trung học phổ thông", "Trường THCS&THPT", 0.012),
    ("nhieu-cap", "ptdtnt", "Trường Phổ thông Dân tộc nội trú", "Trường PTDTNT", 0.006),
    (
        "nhieu-cap",
        "ptdtbt",
        "Trường Phổ thông Dân tộc bán trú Tiểu học và Trung học cơ sở",
        "Trường PTDTBT TH&THCS",
        0.006,
    ),
    ("gdtx", "gdtx", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên", "Trung tâm GDNN-GDTX", 0.019),
];

const SURNAMES: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
    "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Mai", "Trịnh",
];
const MIDDLE_F: &[&str] = &["Thị", "Thị Thu", "Thị Ngọc", "Ngọc", "Thanh", "Thị Kim", "Mỹ", "Thị Hồng", "Thu"];
const MIDDLE_M: &[&str] = &["Văn", "Hữu", "Minh", "Quốc", "Đức", "Thanh", "Công", "Xuân", "Đình"];
const GIVEN_F: &[&str] = &[
    "Hoa", "Lan", "Hương", "Mai", "Thủy", "Hạnh", "Phương", "Thảo", "Hà", "Nga", "Yến", "Trang", "Dung", "Loan",
    "Tuyết", "Hằng", "Nhung", "Liên", "Vân", "Oanh",
];
const GIVEN_M: &[&str] = &[
    "Tuấn", "Hùng", "Dũng", "Sơn", "Hải", "Nam", "Phong", "Thắng", "Cường", "Quang", "Toàn", "Khoa", "Trung", "Vinh",
    "Đức", "Hậu", "Tâm", "Thành",
];

struct Commune {
    name: String,
    /// Index into its province's `former`.
    former: usize,
    district: String,
    ward: bool,
}

struct School {
    slug: String,
    id: String,
    name: String,
    short: String,
    level: &'static str,
    prov: usize,
    commune: usize,
    ownership: &'static str,
}

// ------------------------------------------------------------------------------------------ layout of the country

struct Country {
    communes: Vec<Vec<Commune>>,
    schools: Vec<School>,
}

fn place_name(rng: &mut Rng, taken: &mut HashSet<String>) -> String {
    loop {
        let a = rng.pick(PLACE_A);
        let b = rng.pick(PLACE_B);
        if a == b {
            continue;
        }
        let name = format!("{a} {b}");
        if taken.insert(name.clone()) {
            return name;
        }
        if taken.len() > PLACE_A.len() * PLACE_B.len() / 2 {
            let name = format!("{a} {b} {}", rng.range(1, 9));
            if taken.insert(name.clone()) {
                return name;
            }
        }
    }
}

fn layout(n: usize, seed: u64, config_province: usize) -> Country {
    let mut rng = Rng::new(seed, 0);
    // Schools per province: largest remainder of the weights.
    let total: f64 = PROVINCES.iter().map(|p| p.weight).sum();
    let exact: Vec<f64> = PROVINCES.iter().map(|p| p.weight / total * n as f64).collect();
    let mut per: Vec<usize> = exact.iter().map(|x| x.floor() as usize).collect();
    let mut order: Vec<usize> = (0..PROVINCES.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())).then(a.cmp(&b)));
    let mut left = n - per.iter().sum::<usize>();
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        per[i] += 1;
        left -= 1;
    }
    // Communes: about one per 13 schools.
    let mut communes = Vec::new();
    for (pi, prov) in PROVINCES.iter().enumerate() {
        let count = per[pi].div_ceil(13).max(1);
        let mut taken: HashSet<String> = HashSet::new();
        let mut list = Vec::new();
        let mut districts: Vec<Vec<String>> = vec![Vec::new(); prov.former.len()];
        for ci in 0..count {
            let former = ci % prov.former.len();
            let special = ci >= count.saturating_sub(prov.special.len()) && count > prov.special.len() + 2;
            let (name, ward) = if special {
                let z = prov.special[count - 1 - ci];
                taken.insert(z.to_owned());
                (format!("Đặc khu {z}"), false)
            } else if pi == config_province && ci == 0 {
                taken.insert("Trấn Biên".to_owned());
                ("Phường Trấn Biên".to_owned(), true)
            } else {
                let base = place_name(&mut rng, &mut taken);
                let ward = rng.chance(if prov.city { 0.45 } else { 0.22 });
                (format!("{} {base}", if ward { "Phường" } else { "Xã" }), ward)
            };
            // Former districts: one per ~7 communes of the same former province.
            let ds = &mut districts[former];
            let k = (ci / prov.former.len()) / 7;
            while ds.len() <= k {
                let base = place_name(&mut rng, &mut taken.clone());
                let kind = if ds.is_empty() {
                    "Thành phố"
                } else if rng.chance(0.12) {
                    "Thị xã"
                } else {
                    "Huyện"
                };
                let label = if ds.is_empty() && prov.former[former] != prov.name && !prov.city {
                    format!("Thành phố {}", base)
                } else if ds.is_empty() && prov.city {
                    format!("Quận {}", base)
                } else {
                    format!("{kind} {base}")
                };
                ds.push(label);
            }
            let district = if special { format!("Huyện {}", &name["Đặc khu ".len()..]) } else { ds[k].clone() };
            list.push(Commune { name, former, district, ward });
        }
        communes.push(list);
    }
    // Schools: forced ones first (the benchmark queries), then drawn.
    let kind_weights: Vec<f64> = KINDS.iter().map(|k| k.4).collect();
    let fig_weights: Vec<f64> = FIGURES.iter().map(|f| f.1).collect();
    let mut schools: Vec<School> = Vec::with_capacity(n);
    let mut names_in: HashSet<(usize, usize, String)> = HashSet::new(); // (prov, commune, folded name)
    let mut gdtx_names: HashSet<(usize, String)> = HashSet::new();
    let mut slugs: HashSet<String> = HashSet::new();
    let mut serial = vec![0u32; PROVINCES.len()];
    let forced: [(usize, &str, bool); 8] = [
        (2, "Đinh Bộ Lĩnh", false),
        (3, "Lê Lợi", true),
        (0, "Hoa Sen", false),
        (4, "Chu Văn An", true),
        (2, "Nguyễn Hiền", false),
        (3, "Quang Trung", false),
        (3, "Trần Hưng Đạo", false),
        (4, "Lê Lợi", false),
    ];
    let mut slots: Vec<usize> = Vec::with_capacity(n); // province of each school
    for (pi, &k) in per.iter().enumerate() {
        slots.extend(std::iter::repeat_n(pi, k));
    }
    // the forced schools go to the config province (if it has room), the others stay shuffled
    rng.shuffle(&mut slots);
    let room = per[config_province].min(forced.len());
    let mut front: Vec<usize> = vec![config_province; room];
    let mut removed = 0;
    slots.retain(|&p| {
        if p == config_province && removed < room {
            removed += 1;
            false
        } else {
            true
        }
    });
    front.extend(slots);
    let slots = front;
    for (i, &pi) in slots.iter().enumerate() {
        let prov = &PROVINCES[pi];
        let nc = communes[pi].len();
        let (kind, base, short_form, ci) = if i < room {
            let (k, base, short) = forced[i];
            (k, base.to_owned(), short, 0)
        } else {
            let kind = rng.weighted(&kind_weights);
            // skewed: low-numbered communes of a province are bigger
            let ci = if rng.chance(0.5) { rng.below(nc).min(rng.below(nc)) } else { rng.below(nc) };
            let commune_base = communes[pi][ci].name.split_once(' ').map_or("", |x| x.1).to_owned();
            let commune_base = commune_base.strip_prefix("khu ").unwrap_or(&commune_base).to_owned();
            let level = KINDS[kind].0;
            let base = match level {
                "mam-non" if rng.chance(0.55) => rng.pick(KINDER).to_string(),
                "gdtx" => {
                    // one centre per former district, named after it; then after the commune
                    let district = &communes[pi][ci].district;
                    let name = ["Thành phố ", "Thị xã ", "Huyện ", "Quận "]
                        .iter()
                        .find_map(|p| district.strip_prefix(p))
                        .unwrap_or(district)
                        .to_owned();
                    if gdtx_names.insert((pi, fold(&name))) { name } else { commune_base.clone() }
                }
                "thpt" if rng.chance(0.8) => FIGURES[rng.weighted(&fig_weights)].0.to_owned(),
                "tieu-hoc" | "thcs" | "nhieu-cap" if rng.chance(0.5) => {
                    FIGURES[rng.weighted(&fig_weights)].0.to_owned()
                }
                _ => commune_base.clone(),
            };
            (kind, base, rng.chance(0.2), ci)
        };
        let (level, prefix, full, short, _) = KINDS[kind];
        // one name once per commune and level: "… 2", "… A"
        let mut base = base;
        let mut k = 1;
        while !names_in.insert((pi, ci, format!("{level}|{}", fold(&base)))) {
            k += 1;
            let plain = base.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ').to_owned();
            base = format!("{plain} {k}");
        }
        let name = format!("{} {base}", if short_form { short } else { full });
        let short_name = format!("{short} {base}");
        let commune_slug = slugify(communes[pi][ci].name.split_once(' ').map_or("", |x| x.1));
        let mut slug = format!("{prefix}-{}-{commune_slug}", slugify(&base));
        if !slugs.insert(slug.clone()) {
            slug = format!("{slug}-{}", slugify(prov.name));
            let mut j = 2;
            while !slugs.insert(slug.clone()) {
                slug = format!("{prefix}-{}-{commune_slug}-{}-{j}", slugify(&base), slugify(prov.name));
                j += 1;
            }
        }
        serial[pi] += 1 + rng.below(3) as u32;
        let ownership = match level {
            "mam-non" if rng.chance(0.08) => "tu-thuc",
            "mam-non" if rng.chance(0.03) => "dan-lap",
            "thpt" | "nhieu-cap" if rng.chance(0.06) => "tu-thuc",
            _ => "cong-lap",
        };
        schools.push(School {
            slug,
            id: format!("{:02}{:06}", prov.code, serial[pi]),
            name,
            short: short_name,
            level,
            prov: pi,
            commune: ci,
            ownership,
        });
    }
    Country { communes, schools }
}

// ------------------------------------------------------------------------------------------ decisions

struct Decision {
    level: u8,
    number: String,
    decided: NaiveDate,
    valid_until: Option<NaiveDate>,
    issuer: String,
    evaluated: Option<NaiveDate>,
}

fn add_years(d: NaiveDate, n: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year() + n, d.month(), d.day()).unwrap_or_else(|| date(d.year() + n, d.month(), 28))
}

fn merged() -> NaiveDate {
    date(2025, 7, 1)
}
fn tt22() -> NaiveDate {
    date(2025, 1, 25)
}

/// "tỉnh X" / "thành phố X" of the province the commune belonged to on `d`.
fn unit_on(prov: &Province, commune: &Commune, d: NaiveDate) -> String {
    let name = if d < merged() { prov.former[commune.former] } else { prov.name };
    if name == "TP Hồ Chí Minh" {
        "Thành phố Hồ Chí Minh".to_owned()
    } else if ["Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"].contains(&name) {
        format!("thành phố {name}")
    } else {
        format!("tỉnh {name}")
    }
}

/// Accreditation and national-standard decisions of one school, and its quality (0..4).
fn decisions(s: &School, c: &Commune, rng: &mut Rng) -> (Vec<Decision>, Vec<Decision>, u8) {
    let prov = &PROVINCES[s.prov];
    let bd = build_date();
    let mut acc: Vec<Decision> = Vec::new();
    let mut ns: Vec<Decision> = Vec::new();
    let gdtx = s.level == "gdtx";
    let mut accredit = |rng: &mut Rng, level: u8, decided: NaiveDate| {
        acc.push(Decision {
            level,
            number: format!("{}/QĐ-SGDĐT", rng.range(105, 3980)),
            decided,
            valid_until: rng.chance(0.15).then(|| add_years(decided, 5)),
            issuer: format!("Sở GD&ĐT {}", unit_on(prov, c, decided)),
            evaluated: rng.chance(0.7).then(|| decided - Duration::days(rng.range(18, 55))),
        });
    };
    // national standard: mức độ 1 needs cấp độ 2, mức độ 2 needs cấp độ 3 valid that day (2018 era)
    let standard = |rng: &mut Rng, ns: &mut Vec<Decision>, level: u8, decided: NaiveDate| {
        if gdtx {
            return;
        }
        let by_so = decided >= tt22();
        ns.push(Decision {
            level,
            number: format!("{}/QĐ-{}", rng.range(120, 3900), if by_so { "SGDĐT" } else { "UBND" }),
            decided,
            valid_until: None,
            issuer: format!("{} {}", if by_so { "Sở GD&ĐT" } else { "UBND" }, unit_on(prov, c, decided)),
            evaluated: None,
        });
    };
    let scenario = rng.weighted(&[0.14, 0.10, 0.18, 0.16, 0.09, 0.09, 0.18, 0.04, 0.02]);
    let q = match scenario {
        0 => rng.below(3) as u8, // none
        1..=4 => {
            // valid, cấp độ 1..4; decided after the expiry window so not expiring
            let k = scenario as u8;
            let d = rng.date_between(date(2022, 6, 1), date(2026, 6, 30));
            if k > 1 && rng.chance(0.3) {
                let old = rng.date_between(date(2015, 3, 1), date(2020, 6, 30));
                accredit(rng, k - 1, old);
            }
            accredit(rng, k, d);
            if k >= 2
                && rng.chance(match k {
                    2 => 0.45,
                    3 => 0.7,
                    _ => 1.0,
                })
            {
                let lvl = if k >= 3 && rng.chance(0.7) { 2 } else { 1 };
                let on = (d + Duration::days(rng.range(15, 90))).min(date(2026, 7, 6));
                standard(rng, &mut ns, lvl, on);
            }
            k
        }
        5 => {
            // expiring within 180 days of build_date
            let lo = bd - Duration::days(5 * 365 + 1);
            let d = rng.date_between(lo + Duration::days(2), lo + Duration::days(EXPIRY_DAYS - 5));
            let k = *rng.pick(&[1u8, 2, 2, 3]);
            accredit(rng, k, d);
            if k >= 2 && rng.chance(0.5) {
                let on = d + Duration::days(rng.range(10, 30));
                standard(rng, &mut ns, k - 1, on);
            }
            k
        }
        6 => {
            // every decision expired
            let d = rng.date_between(date(2014, 5, 1), date(2021, 6, 30));
            let k = *rng.pick(&[1u8, 2, 2, 3]);
            accredit(rng, k, d);
            if k >= 2 && rng.chance(0.5) {
                let on = d + Duration::days(rng.range(20, 40));
                standard(rng, &mut ns, k - 1, on);
            }
            k.saturating_sub(1)
        }
        7 => {
            // history: an expired cấp độ 1, then a valid cấp độ 2
            let old = rng.date_between(date(2015, 3, 1), date(2019, 10, 31));
            accredit(rng, 1, old);
            let d = rng.date_between(date(2022, 9, 1), date(2025, 12, 31));
            accredit(rng, 2, d);
            if rng.chance(0.4) {
                let on = (d + Duration::days(rng.range(15, 60))).min(date(2026, 7, 6));
                standard(rng, &mut ns, 1, on);
            }
            2
        }
        _ => {
            // recognised under Circular 57 after an older accreditation
            let k = *rng.pick(&[2u8, 3]);
            let old = rng.date_between(date(2017, 1, 1), date(2025, 6, 30));
            accredit(rng, k, old);
            let on = rng.date_between(date(2026, 10, 5), date(2026, 11, 18));
            standard(rng, &mut ns, if k == 3 { 2 } else { 1 }, on);
            k
        }
    };
    acc.sort_by_key(|d| d.decided);
    (acc, ns, q)
}

// ------------------------------------------------------------------------------------------ narrative

const DESC: &[&str] = &[
    "{T} xây dựng kế hoạch thực hiện nội dung {title} ngay từ đầu năm học {year}, phân công cụ thể người phụ trách và thời hạn hoàn thành",
    "Các hoạt động liên quan đến {title} được triển khai theo kế hoạch, có sơ kết sau học kỳ I và tổng kết vào cuối năm học",
    "Hồ sơ về {title} được lưu trữ đầy đủ tại văn phòng, cập nhật thường xuyên và được ban giám hiệu kiểm tra định kỳ mỗi học kỳ",
    "Ban giám hiệu chỉ đạo rà soát các yêu cầu của tiêu chí, đối chiếu với điều kiện thực tế của {t} và của {xa}",
    "Kết quả khảo sát {cm} cuối năm học {ry} cho thấy {pct}% ý kiến hài lòng với các nội dung thuộc tiêu chí này",
    "Trong {k} năm gần đây, {t} duy trì ổn định kết quả thực hiện, không có sai phạm qua các đợt kiểm tra, thanh tra của cấp trên",
    "Các nội dung của tiêu chí được công khai tại bảng tin của {t} và đăng tải trên trang thông tin điện tử theo quy định",
    "Kế hoạch được thảo luận tại Hội nghị viên chức, người lao động đầu năm học và được điều chỉnh sau mỗi học kỳ cho phù hợp với tình hình thực tế",
    "{T} phối hợp với Ban đại diện {cm}, chính quyền {xa} và các tổ chức đoàn thể trên địa bàn để triển khai các nội dung này",
    "Năm học {year}, {t} có {classes} lớp với {students} {hs}; đội ngũ gồm {teachers} giáo viên và {staff} nhân viên, đáp ứng yêu cầu tổ chức các hoạt động",
    "Số liệu về {title} được cập nhật đầy đủ trên cơ sở dữ liệu ngành và phần mềm quản lý trường học, bảo đảm chính xác, kịp thời",
    "Việc thực hiện được đưa vào tiêu chí đánh giá thi đua cuối năm của các tổ chuyên môn, tổ văn phòng và từng cá nhân",
    "Qua kiểm tra nội bộ năm học {ry}, {t} đã kiểm tra {n1} hồ sơ, phát hiện và khắc phục kịp thời {n2} nội dung còn thiếu sót",
    "Các văn bản chỉ đạo của cấp trên liên quan đến {title} được {t} triển khai đầy đủ đến toàn thể cán bộ, giáo viên, nhân viên",
];
const STRENGTH: &[&str] = &[
    "{T} thực hiện đầy đủ, có hiệu quả các yêu cầu về {title}; hồ sơ được lưu trữ khoa học",
    "Công tác chỉ đạo, điều hành của ban giám hiệu đối với nội dung {title} sát sao, kịp thời, có sự phối hợp tốt giữa các bộ phận",
    "Cán bộ, giáo viên, nhân viên nhận thức đúng và tích cực tham gia thực hiện các nội dung của tiêu chí",
    "Kết quả thực hiện được {cm} và chính quyền địa phương ghi nhận, đánh giá cao",
    "Nội dung {title} được thực hiện bài bản, có kế hoạch, có kiểm tra, đánh giá và điều chỉnh kịp thời",
];
const WEAKNESS: &[&str] = &[
    "Việc đánh giá kết quả thực hiện {title} chưa có số liệu định lượng để so sánh giữa các năm học",
    "Một số hồ sơ minh chứng còn sắp xếp chưa khoa học, việc số hóa hồ sơ còn chậm",
    "Việc lấy ý kiến {cm} và cộng đồng về nội dung {title} còn mang tính hình thức",
    "Nguồn lực đầu tư cho nội dung này còn hạn chế, chủ yếu dựa vào ngân sách chi thường xuyên",
    "Một số giáo viên trẻ chưa có nhiều kinh nghiệm trong việc thực hiện các yêu cầu của tiêu chí",
    "Việc theo dõi, kiểm tra sau khi triển khai chưa thường xuyên, một số tồn tại khắc phục còn chậm",
];
const PLAN: &[&str] = &[
    "Trong năm học {next}, {ht} chỉ đạo xây dựng bộ số liệu theo dõi kết quả thực hiện {title}, rà soát vào cuối mỗi học kỳ",
    "Từ học kỳ I năm học {next}, {t} phân công nhân viên văn phòng số hóa và sắp xếp hồ sơ minh chứng theo danh mục",
    "{T} đổi mới hình thức lấy ý kiến {cm} qua phiếu khảo sát trực tuyến, tổng hợp và công khai kết quả trước tháng 5 năm {ny}",
    "{T} tham mưu UBND {xa} bổ sung kinh phí, đồng thời vận động các nguồn lực hợp pháp để cải thiện nội dung này trong giai đoạn 2026–2030",
    "Tổ chuyên môn tổ chức chuyên đề, bồi dưỡng cho giáo viên trẻ về các yêu cầu của tiêu chí trong năm học {next}",
    "Ban giám hiệu lập sổ theo dõi việc khắc phục tồn tại sau kiểm tra nội bộ, đưa vào đánh giá thi đua cuối năm học {next}",
];
const DESC_SHORT: &[&str] = &[
    "Hồ sơ của tiêu chí được lưu trữ đầy đủ, cập nhật thường xuyên",
    "{T} thực hiện đầy đủ các nội dung theo kế hoạch năm học {year}",
    "Các nội dung được công khai tại bảng tin và trang thông tin điện tử",
    "Việc thực hiện được kiểm tra, đánh giá vào cuối mỗi học kỳ",
    "Kế hoạch được thông qua tại Hội nghị viên chức, người lao động",
    "{T} phối hợp tốt với chính quyền {xa} khi triển khai",
    "Kết quả được đưa vào đánh giá thi đua cuối năm học",
    "Không có sai phạm qua các đợt kiểm tra của cấp trên",
];
const STRENGTH_SHORT: &[&str] = &[
    "Thực hiện đầy đủ, đúng quy định; hồ sơ lưu trữ khoa học",
    "Ban giám hiệu chỉ đạo sát sao, các bộ phận phối hợp tốt",
    "Cán bộ, giáo viên, nhân viên tích cực, có trách nhiệm",
    "Kết quả được {cm} và chính quyền địa phương ghi nhận",
    "Có kế hoạch, có kiểm tra, đánh giá và điều chỉnh kịp thời",
    "Thông tin được công khai đầy đủ, đúng thời hạn",
];
const WEAKNESS_SHORT: &[&str] = &[
    "Chưa có số liệu định lượng để so sánh giữa các năm học",
    "Hồ sơ minh chứng sắp xếp chưa khoa học, việc số hóa còn chậm",
    "Việc lấy ý kiến {cm} còn mang tính hình thức",
    "Kinh phí đầu tư còn hạn chế",
    "Một số giáo viên trẻ còn thiếu kinh nghiệm",
    "Việc kiểm tra sau khi triển khai chưa thường xuyên",
];
const PLAN_SHORT: &[&str] = &[
    "Năm học {next}, xây dựng bộ số liệu theo dõi và rà soát vào cuối mỗi học kỳ",
    "Từ học kỳ I năm học {next}, số hóa hồ sơ minh chứng theo danh mục",
    "Khảo sát {cm} trực tuyến, công khai kết quả trước tháng 5 năm {ny}",
    "Tham mưu UBND {xa} bổ sung kinh phí trong giai đoạn 2026–2030",
    "Bồi dưỡng giáo viên trẻ qua sinh hoạt chuyên môn trong năm học {next}",
    "Lập sổ theo dõi việc khắc phục tồn tại sau kiểm tra nội bộ, bắt đầu từ năm học {next}",
];
const DOC_KINDS: &[(&str, &str)] = &[
    ("Kế hoạch", "KH"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Quyết định", "QĐ"),
    ("Thông báo", "TB"),
    ("Sổ theo dõi", ""),
    ("Hồ sơ", ""),
];
const NOTES: &[&str] = &["", "", "", "", "Bản sao", "Bản điện tử", "Lưu tại văn phòng"];

struct Ctx<'a> {
    school: &'a School,
    prov: &'a Province,
    commune: &'a Commune,
    vars: HashMap<&'static str, String>,
}

fn context<'a>(school: &'a School, country: &'a Country, year: &str, rng: &mut Rng) -> Ctx<'a> {
    let prov = &PROVINCES[school.prov];
    let commune = &country.communes[school.prov][school.commune];
    let y1: i32 = year[..4].parse().expect("year");
    let (mn, gd) = (school.level == "mam-non", school.level == "gdtx");
    let classes = rng.range(8, 36);
    let per_class = if mn { 27 } else { 36 };
    let mut v: HashMap<&'static str, String> = HashMap::new();
    v.insert("T", if gd { "Trung tâm" } else { "Nhà trường" }.into());
    v.insert("t", if gd { "trung tâm" } else { "nhà trường" }.into());
    v.insert("ht", if gd { "giám đốc" } else { "hiệu trưởng" }.into());
    v.insert(
        "hs",
        if mn {
            "trẻ"
        } else if gd {
            "học viên"
        } else {
            "học sinh"
        }
        .into(),
    );
    v.insert(
        "cm",
        if mn {
            "cha mẹ trẻ"
        } else if gd {
            "gia đình học viên"
        } else {
            "cha mẹ học sinh"
        }
        .into(),
    );
    v.insert("xa", lcfirst(&commune.name));
    v.insert("year", year.to_owned());
    v.insert("ry", if y1 >= 2026 { format!("{}-{}", y1 - 1, y1) } else { year.to_owned() });
    v.insert("next", format!("{}-{}", y1 + 1, y1 + 2));
    v.insert("ny", (y1 + 1).to_string());
    v.insert("classes", classes.to_string());
    v.insert("students", vn_int(classes * per_class + rng.range(-2 * classes, 2 * classes)));
    v.insert("teachers", ((classes as f64 * if mn { 2.1 } else { 1.6 }) as i64 + rng.range(0, 3)).to_string());
    v.insert("staff", rng.range(5, 12).to_string());
    v.insert("pct", rng.range(86, 99).to_string());
    v.insert("k", rng.range(3, 5).to_string());
    v.insert("n1", rng.range(12, 60).to_string());
    v.insert("n2", rng.range(2, 9).to_string());
    v.insert("members", rng.pick(&["9", "11", "13", "15"]).to_string());
    v.insert("founded", rng.range(1965, 2015).to_string());
    Ctx { school, prov, commune, vars: v }
}

/// The evidence list of one report: rows, and the codes of each criterion.
struct Evidence {
    rows: Vec<[String; 5]>,
    by_criterion: Vec<Vec<String>>,
}

fn evidence(fw: &Framework, ctx: &Ctx, approved: NaiveDate, compact: bool, rng: &mut Rng) -> Evidence {
    let n = fw.criteria.len();
    // 30..=50 rows: 1–2 codes per criterion (2018, 22–28 criteria), 2–3 (Circular 57, 15 criteria)
    let (lo_k, hi_k) = if fw.c57 { (2, 3) } else { (1, 2) };
    let min_total = (30usize).max(n * lo_k);
    let max_total = (if compact { 32usize } else { 50 }).min(n * hi_k);
    let total = rng.range(min_total as i64, max_total as i64) as usize;
    let extra: HashSet<usize> = rng.sample(n, total - n * lo_k).into_iter().collect();
    let year = &ctx.vars["year"];
    let abbr: String = ctx
        .school
        .short
        .split_whitespace()
        .skip(1)
        .map(|w| {
            let f = w.chars().next().unwrap_or('X');
            if f == 'Đ' { "Đ".to_owned() } else { fold(&f.to_string()).to_uppercase() }
        })
        .collect();
    let mut rows = Vec::with_capacity(total);
    let mut by_criterion = Vec::with_capacity(n);
    for (i, c) in fw.criteria.iter().enumerate() {
        let k = lo_k + extra.contains(&i) as usize;
        let mut codes = Vec::new();
        for j in 0..k {
            let (name, prefix) = if fw.c57 && !c.evidence.is_empty() {
                let e = &c.evidence[(j + rng.below(2)) % c.evidence.len()];
                let kind = DOC_KINDS.iter().find(|(w, _)| e.starts_with(w)).map_or("", |x| x.1);
                (format!("{} năm học {year}", clip(e, 90)), kind)
            } else {
                let (kind, prefix) = DOC_KINDS[(i * 3 + j * 5 + rng.below(3)) % DOC_KINDS.len()];
                let subject = lcfirst(&clip(&c.title, 45));
                (format!("{kind} về {subject} năm học {year}"), prefix)
            };
            let on = rng.date_between(approved - Duration::days(330), approved - Duration::days(7));
            let (issuer, owner) = match rng.below(6) {
                0 => (format!("UBND {}", lcfirst(&ctx.commune.name)), "UBND"),
                1 if ctx.school.level != "gdtx" => ("Công đoàn cơ sở".to_owned(), "CĐ"),
                _ => (ctx.school.short.clone(), abbr.as_str()),
            };
            let number = if prefix.is_empty() {
                format!("Năm học {year}")
            } else {
                format!("{}/{prefix}-{owner}, {}", rng.range(3, 260), vn_date(on))
            };
            let code =
                if fw.c57 { format!("MC.{}.{:02}", c.id, j + 1) } else { format!("H{}-{}-{:02}", c.std, c.id, j + 1) };
            rows.push([code.clone(), name, number, issuer, rng.pick(NOTES).to_string()]);
            codes.push(code);
        }
        by_criterion.push(codes);
    }
    Evidence { rows, by_criterion }
}

fn cite(codes: &[String], rng: &mut Rng) -> String {
    if codes.len() > 1 && rng.chance(0.4) {
        format!("[{}]", codes.join(if rng.chance(0.5) { "; " } else { ", " }))
    } else {
        codes.iter().map(|c| format!("[{c}]")).collect()
    }
}

fn circular_phrase(fw: &Framework) -> String {
    match &fw.amended_by {
        Some(a) => format!("Thông tư số {} (được sửa đổi, bổ sung bởi Thông tư số {a})", fw.circular),
        None => format!("Thông tư số {}", fw.circular),
    }
}

fn level_label(fw: &Framework, level: u8) -> String {
    if fw.c57 {
        ["không đạt Mức 1", "đạt Mức 1", "đạt Mức 2"][level as usize].to_owned()
    } else if level == 0 {
        "chưa đạt Mức 1".to_owned()
    } else {
        format!("đạt Mức {level}")
    }
}

fn count_sentence(fw: &Framework, results: &[u8], idx: &[usize]) -> String {
    let n = idx.len();
    if fw.c57 {
        let by = |v: u8| idx.iter().filter(|&&i| results[i] == v).count();
        let parts: Vec<String> = [(2, "đạt Mức 2"), (1, "đạt Mức 1"), (0, "không đạt Mức 1")]
            .iter()
            .filter(|(v, _)| by(*v) > 0)
            .map(|(v, l)| format!("{} tiêu chí {l}", by(*v)))
            .collect();
        return format!("{n} tiêu chí, trong đó {}", parts.join(", "));
    }
    let ge = |k: u8| idx.iter().filter(|&&i| results[i] >= k).count();
    format!(
        "{n} tiêu chí: {}/{n} tiêu chí đạt từ Mức 1 trở lên, {} tiêu chí đạt từ Mức 2 trở lên, {} tiêu chí đạt Mức 3",
        ge(1),
        ge(2),
        ge(3)
    )
}

#[allow(clippy::too_many_arguments)]
fn render_report(
    fw: &Framework,
    ctx: &mut Ctx,
    year: &str,
    approved: NaiveDate,
    results: &[u8],
    level4: Option<&[bool]>,
    target_bytes: usize,
    rng: &mut Rng,
) -> String {
    // strengths, weaknesses and plans per criterion (the 2018 form) or per standard (Circular 57,
    // and some 2018 reports: both shapes are accepted for either era)
    let per_std = fw.c57 || rng.chance(0.5);
    let plan_heading =
        if rng.chance(0.5) { "Kế hoạch cải tiến chất lượng" } else { "Kế hoạch cải tiến" };
    let ev = evidence(fw, ctx, approved, !fw.c57, rng);
    let mut table =
        String::from("| Mã | Tên minh chứng | Số, ngày ban hành | Nơi ban hành | Ghi chú |\n|---|---|---|---|---|\n");
    for r in &ev.rows {
        let _ = writeln!(table, "| {} | {} | {} | {} | {} |", r[0], r[1], r[2], r[3], r[4]);
    }
    let n = fw.criteria.len();
    let fixed = table.len() + 2600 + fw.standards.len() * if per_std { 900 } else { 450 };
    let per_criterion = target_bytes.saturating_sub(fixed) / n;
    let s = ctx.school;
    let mut out = String::with_capacity(target_bytes + 4096);
    let v = &ctx.vars;
    let place = if ctx.prov.former[ctx.commune.former] == ctx.prov.name {
        format!("{}, {}", lcfirst(&ctx.commune.name), unit_on(ctx.prov, ctx.commune, approved))
    } else {
        format!(
            "{} (trước ngày 01/7/2025 thuộc {}, {}), {}",
            lcfirst(&ctx.commune.name),
            lcfirst(&ctx.commune.district),
            unit_on(ctx.prov, ctx.commune, date(2025, 1, 1)),
            unit_on(ctx.prov, ctx.commune, approved)
        )
    };
    let _ = write!(
        out,
        "# Đặt vấn đề\n\n{} được thành lập năm {}, đóng tại {place}. Năm học {year}, {} có {} lớp với {} {}; \
         đội ngũ gồm {} giáo viên và {} nhân viên.\n\n\
         Thực hiện {} của Bộ Giáo dục và Đào tạo, {} thành lập Hội đồng tự đánh giá gồm {} thành viên, xây dựng kế \
         hoạch, thu thập minh chứng và viết báo cáo tự đánh giá. Quá trình tự đánh giá giúp {} nhìn nhận điểm mạnh, \
         hạn chế và xây dựng kế hoạch cải tiến chất lượng cho các năm học tiếp theo.\n\n",
        s.name,
        v["founded"],
        v["t"],
        v["classes"],
        v["students"],
        v["hs"],
        v["teachers"],
        v["staff"],
        circular_phrase(fw),
        v["t"],
        v["members"],
        v["t"],
    );
    let mut earlier: Vec<String> = Vec::new();
    for st in &fw.standards {
        let _ = write!(
            out,
            "# Tiêu chuẩn {}: {}\n\n## Mở đầu\n\nTiêu chuẩn {} gồm {} tiêu chí. {} đã rà soát toàn bộ các tiêu chí của \
             tiêu chuẩn, đối chiếu với minh chứng thu thập được và với kết quả các năm học trước.\n\n",
            st.number,
            st.title,
            st.number,
            st.criteria.len(),
            ctx.vars["T"]
        );
        for &i in &st.criteria {
            let c = &fw.criteria[i];
            let r = results[i];
            ctx.vars.insert("title", lcfirst(&clip(&c.title, 120)));
            let v = &ctx.vars;
            let start = out.len();
            let codes = &ev.by_criterion[i];
            let _ = write!(out, "## Tiêu chí {}: {}\n\n### Mô tả hiện trạng\n\n", c.id, c.title);
            // candidate sentences: descriptions interleaved with the indicators of the levels reached
            let mut desc: Vec<String> = {
                let mut order: Vec<usize> = (0..DESC.len()).collect();
                rng.shuffle(&mut order);
                order.into_iter().map(|k| fill(DESC[k], v)).collect()
            };
            let mut quotes: Vec<String> = Vec::new();
            for lvl in 1..=r {
                let list = &c.levels[(lvl - 1) as usize];
                if let Some(ind) = list.get(rng.below(list.len().max(1))) {
                    quotes.push(format!(
                        "Đối với yêu cầu Mức {lvl} (“{}”), {} đã thực hiện đầy đủ",
                        clip(&lcfirst(&indicator_core(ind)), 170),
                        v["t"]
                    ));
                }
            }
            let mut candidates =
                if fw.c57 { vec![desc.remove(0)] } else { vec![fill(DESC_SHORT[rng.below(DESC_SHORT.len())], v)] };
            for (a, b) in quotes.into_iter().zip(desc.iter().cloned()) {
                candidates.push(a);
                candidates.push(b);
            }
            candidates.extend(desc.into_iter().skip(r as usize));
            let tail = if per_std { 120 } else { 420 };
            let mut chosen: Vec<String> = Vec::new();
            let mut len = out.len() - start + tail;
            for cand in candidates {
                if !chosen.is_empty() && len + cand.len() > per_criterion {
                    continue;
                }
                len += cand.len() + 16;
                chosen.push(cand);
            }
            // every code of the criterion is cited, spread over the sentences
            let (k, m) = (codes.len(), chosen.len());
            let mut para = Vec::new();
            for (j, sentence) in chosen.into_iter().enumerate() {
                let mut cited: Vec<String> = codes[j * k / m..(j + 1) * k / m].to_vec();
                if !cited.is_empty() && !earlier.is_empty() && rng.chance(0.1) {
                    cited.push(rng.pick(&earlier).clone());
                }
                para.push(if cited.is_empty() {
                    format!("{sentence}.")
                } else {
                    format!("{sentence} {}.", cite(&cited, rng))
                });
            }
            if !per_std {
                // the 2018 form: the level is said under "Tự đánh giá"
            } else if r == 0 {
                para.push("Đối chiếu với yêu cầu Mức 1, tiêu chí chưa đạt.".to_owned());
            } else if r < c.max {
                para.push(format!("Tiêu chí đáp ứng yêu cầu Mức {r}, chưa đạt Mức {}.", r + 1));
            } else {
                para.push(format!("Tiêu chí đáp ứng các yêu cầu đến Mức {r}."));
            }
            out.push_str(&para.join(" "));
            out.push_str("\n\n");
            if !per_std {
                let strength = fill(STRENGTH_SHORT[rng.below(STRENGTH_SHORT.len())], v);
                let weak = fill(WEAKNESS_SHORT[rng.below(WEAKNESS_SHORT.len())], v);
                let plan = fill(PLAN_SHORT[rng.below(PLAN_SHORT.len())], v);
                let _ = write!(
                    out,
                    "### Điểm mạnh\n\n{strength}.\n\n### Điểm yếu\n\n{weak}.\n\n### {plan_heading}\n\n{plan}.\n\n"
                );
            }
            let verdict = if fw.c57 {
                ["Không đạt Mức 1.", "Đạt Mức 1.", "Đạt Mức 2."][r as usize].to_owned()
            } else if r == 0 {
                "Không đạt.".to_owned()
            } else {
                format!("Đạt Mức {r}.")
            };
            let _ = write!(out, "### Tự đánh giá\n\n{verdict}\n\n");
            earlier.extend(codes.iter().cloned());
        }
        let v = &ctx.vars;
        if per_std {
            let low: Vec<&Criterion> =
                st.criteria.iter().filter(|&&i| results[i] < fw.criteria[i].max).map(|&i| &fw.criteria[i]).collect();
            let (sp, wp, pp) =
                if fw.c57 { (STRENGTH, WEAKNESS, PLAN) } else { (STRENGTH_SHORT, WEAKNESS_SHORT, PLAN_SHORT) };
            let strong: Vec<String> = (0..2)
                .map(|j| {
                    let mut vv = v.clone();
                    vv.insert("title", lcfirst(&fw.criteria[st.criteria[j % st.criteria.len()]].title));
                    fill(sp[(st.number as usize + j) % sp.len()], &vv)
                })
                .collect();
            let weak: Vec<String> = if low.is_empty() {
                vec![fill(wp[1], v)]
            } else {
                low.iter()
                    .take(2)
                    .enumerate()
                    .map(|(j, c)| {
                        let mut vv = v.clone();
                        vv.insert("title", lcfirst(&c.title));
                        fill(wp[(j * 2 + st.number as usize) % wp.len()], &vv)
                    })
                    .collect()
            };
            let plans: Vec<String> =
                (0..weak.len()).map(|j| fill(pp[(j + st.number as usize) % pp.len()], v)).collect();
            let (h1, h2, h3) = if fw.c57 {
                ("Điểm mạnh nổi bật", "Điểm hạn chế", "Định hướng cải tiến")
            } else {
                ("Điểm mạnh", "Điểm yếu", "Kế hoạch cải tiến chất lượng")
            };
            let _ = write!(
                out,
                "## {h1}\n\n{}.\n\n## {h2}\n\n{}. Nguyên nhân chủ yếu do nguồn lực còn hạn chế và việc \
                 theo dõi, sử dụng dữ liệu chưa thường xuyên.\n\n## {h3}\n\n{}.\n\n",
                strong.join(". "),
                weak.join(". "),
                plans.join(". ")
            );
        }
        let _ = write!(
            out,
            "## Kết luận về Tiêu chuẩn {}\n\nTiêu chuẩn {} có {}.\n\n",
            st.number,
            st.number,
            count_sentence(fw, results, &st.criteria)
        );
    }
    let level = compute_level(fw, results, level4);
    let v = &ctx.vars;
    if let Some(l4) = level4 {
        let _ = write!(out, "# Mức 4\n\n{} đánh giá các tiêu chí Mức 4 của {}:\n\n", v["T"], circular_phrase(fw));
        for ((k, text), ok) in fw.level4.iter().zip(l4) {
            let _ = writeln!(
                out,
                "{k}. {} — **{}**.",
                clip(text.trim_end_matches('.'), 260),
                if *ok { "Đạt" } else { "Chưa đạt" }
            );
        }
        let _ = write!(
            out,
            "\n{} {} các tiêu chí Mức 4.\n\n",
            v["T"],
            if l4.iter().all(|&x| x) { "đáp ứng tất cả" } else { "chưa đáp ứng đầy đủ" }
        );
    }
    let all: Vec<usize> = (0..n).collect();
    let _ = write!(
        out,
        "# Kết luận chung\n\nNăm học {year}, {} tự đánh giá {}. Đối chiếu với quy định, {} tự đánh giá {}.\n\n{}\n\n",
        v["t"],
        count_sentence(fw, results, &all),
        v["t"],
        level_label(fw, level),
        if level > 0 {
            format!(
                "{} tiếp tục thực hiện kế hoạch cải tiến chất lượng và đăng ký đánh giá ngoài khi đủ điều kiện.",
                v["T"]
            )
        } else {
            format!("{} tập trung khắc phục các tiêu chí chưa đạt trước khi đăng ký đánh giá ngoài.", v["T"])
        }
    );
    out.push_str("# Danh mục minh chứng\n\n");
    out.push_str(&table);
    out
}

fn front_matter(
    fw: &Framework,
    status: &str,
    approved: Option<NaiveDate>,
    claimed: Option<u8>,
    results: &[(usize, u8)],
    notes: &HashMap<usize, String>,
    level4: Option<&[bool]>,
) -> String {
    let mut out = format!("+++\nstatus = \"{status}\"\n");
    if let Some(a) = approved {
        let _ = writeln!(out, "approved_on = {a}");
    }
    if let Some(c) = claimed {
        let _ = writeln!(out, "claimed_level = {c}");
    }
    out.push_str("\n[results]\n");
    let mut prev = None;
    for &(i, r) in results {
        let c = &fw.criteria[i];
        if prev.is_some_and(|p| p != c.std) {
            out.push('\n');
        }
        prev = Some(c.std);
        match notes.get(&i) {
            Some(note) => {
                let _ = writeln!(out, "\"{}\" = {{ level = {r}, note = {} }}", c.id, q(note));
            }
            None => {
                let _ = writeln!(out, "\"{}\" = {r}", c.id);
            }
        }
    }
    if let Some(l4) = level4 {
        out.push_str("\n[level4]\n");
        for ((k, _), v) in fw.level4.iter().zip(l4) {
            let _ = writeln!(out, "\"{k}\" = {v}");
        }
    }
    out.push_str("+++\n\n");
    out
}

// ------------------------------------------------------------------------------------------ one school

fn school_toml(
    s: &School,
    country: &Country,
    acc: &[Decision],
    ns: &[Decision],
    config_province: usize,
    rng: &mut Rng,
) -> String {
    let prov = &PROVINCES[s.prov];
    let commune = &country.communes[s.prov][s.commune];
    let mut out = format!("id = {}\nname = {}\nlevel = {}\n", q(&s.id), q(&s.name), q(s.level));
    if s.ownership != "cong-lap" {
        let _ = writeln!(out, "ownership = {}", q(s.ownership));
    }
    if s.prov != config_province {
        let _ = writeln!(out, "province = {}", q(prov.name));
    }
    let _ = writeln!(out, "commune = {}", q(&commune.name));
    if rng.chance(0.93) {
        let _ = writeln!(out, "former_district = {}", q(&commune.district));
    }
    let female = s.level == "mam-non" || rng.chance(0.55);
    let principal = format!(
        "{} {} {}",
        rng.pick(SURNAMES),
        rng.pick(if female { MIDDLE_F } else { MIDDLE_M }),
        rng.pick(if female { GIVEN_F } else { GIVEN_M })
    );
    let address = if commune.ward {
        format!("{} đường {}, tổ dân phố {}", rng.range(2, 480), FIGURES[rng.below(FIGURES.len())].0, rng.range(1, 12))
    } else {
        format!("Thôn {}", rng.range(1, 15))
    };
    let compact = s.slug.replace('-', "");
    let _ = write!(
        out,
        "address = {}\nprincipal = {}\nphone = {}\nemail = {}\n",
        q(&address),
        q(&principal),
        q(&format!("{} {}{} {}", prov.phone, rng.range(3, 3), rng.range(100, 999), rng.range(100, 999))),
        q(&format!("{}@example.edu.vn", &compact[..compact.len().min(40)]))
    );
    let classes = rng.range(8, 40);
    let _ = write!(out, "students = {}\nclasses = {classes}\n", classes * rng.range(26, 40));
    for (table, list) in [("accreditation", acc), ("national_standard", ns)] {
        for d in list {
            let _ = write!(
                out,
                "\n[[{table}]]\nlevel = {}\ndecision = {}\ndecided = {}\n",
                d.level,
                q(&d.number),
                d.decided
            );
            if let Some(u) = d.valid_until {
                let _ = writeln!(out, "valid_until = {u}");
            }
            let _ = writeln!(out, "issuer = {}", q(&d.issuer));
            if let Some(e) = d.evaluated {
                let _ = writeln!(out, "evaluated = {e}");
            }
        }
    }
    out
}

fn nfc_string(s: String) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

struct Written {
    files: usize,
    bytes: u64,
    reports: usize,
    drafts: usize,
    report_bytes: Vec<usize>,
    decision_states: [usize; 4], // none, valid, expiring, expired (current accreditation)
}

fn framework_2018(level: &str) -> &'static str {
    match level {
        "mam-non" => "tt19-2018-mam-non",
        "tieu-hoc" => "tt17-2018-tieu-hoc",
        _ => "tt18-2018-pho-thong",
    }
}

fn framework_2026(level: &str) -> &'static str {
    match level {
        "mam-non" => "tt57-2026-mam-non",
        "gdtx" => "tt57-2026-gdtx",
        _ => "tt57-2026-pho-thong",
    }
}

fn write_school(
    idx: usize,
    seed: u64,
    country: &Country,
    fws: &BTreeMap<String, Framework>,
    root: &Path,
    config_province: usize,
) -> Written {
    let s = &country.schools[idx];
    let commune = &country.communes[s.prov][s.commune];
    let mut rng = Rng::new(seed, idx as u64 + 1);
    let (acc, ns, quality) = decisions(s, commune, &mut rng);
    let dir = root.join("content/schools").join(&s.slug);
    fs::create_dir_all(&dir).expect("create school folder");
    let mut w =
        Written { files: 0, bytes: 0, reports: 0, drafts: 0, report_bytes: Vec::new(), decision_states: [0; 4] };
    let bd = build_date();
    let state = if acc.is_empty() {
        0
    } else {
        let until = |d: &Decision| d.valid_until.unwrap_or_else(|| add_years(d.decided, 5));
        let best = acc.iter().filter(|d| until(d) >= bd).map(until).max();
        match best {
            Some(u) if u <= bd + Duration::days(EXPIRY_DAYS) => 2,
            Some(_) => 1,
            None => 3,
        }
    };
    w.decision_states[state] += 1;
    let put = |name: &str, text: String, w: &mut Written| {
        let text = nfc_string(text);
        w.files += 1;
        w.bytes += text.len() as u64;
        fs::write(dir.join(name), text).expect("write file");
    };
    put("school.toml", school_toml(s, country, &acc, &ns, config_province, &mut rng), &mut w);
    // approved reports: 2023-2024 (2018 era, not for GDTX) and 2026-2027 (Circular 57)
    let mut plan: Vec<(&str, &str, NaiveDate)> = Vec::new();
    if s.level != "gdtx" {
        plan.push(("2023-2024", framework_2018(s.level), rng.date_between(date(2024, 4, 1), date(2024, 6, 28))));
    }
    plan.push(("2026-2027", framework_2026(s.level), rng.date_between(date(2026, 9, 15), date(2026, 11, 20))));
    for (year, fid, approved) in plan {
        let fw = &fws[fid];
        let target = if fw.c57 {
            match quality {
                0 => *rng.pick(&[0u8, 1, 1]),
                1 => *rng.pick(&[0u8, 1, 1, 1, 2]),
                2 => *rng.pick(&[1u8, 1, 2]),
                _ => *rng.pick(&[1u8, 2, 2, 2]),
            }
        } else {
            let base = quality.clamp(1, 3) as i64 + *rng.pick(&[-1i64, 0, 0, 0, 1]);
            let t = base.clamp(0, 3) as u8;
            if t == 3 && quality >= 3 && rng.chance(0.35) { 4 } else { t }
        };
        let assess4 = target == 3 && rng.chance(0.3);
        let (results, level4) = gen_results(fw, target, &mut rng, assess4);
        let claimed = compute_level(fw, &results, level4.as_deref());
        assert_eq!(claimed, target, "{} {year}", s.slug);
        let mut ctx = context(s, country, year, &mut rng);
        let notes: HashMap<usize, String> = fw
            .criteria
            .iter()
            .enumerate()
            .filter(|(i, c)| results[*i] == 0 || (results[*i] < c.max && rng.chance(0.3)))
            .map(|(i, c)| {
                let mut vv = ctx.vars.clone();
                vv.insert("title", lcfirst(&c.title));
                (i, ucfirst(&fill(WEAKNESS[(i + 2) % WEAKNESS.len()], &vv)))
            })
            .collect();
        let target_bytes = if fw.c57 { rng.range(15_500, 22_000) } else { rng.range(17_000, 24_000) } as usize;
        let body = render_report(fw, &mut ctx, year, approved, &results, level4.as_deref(), target_bytes, &mut rng);
        let indexed: Vec<(usize, u8)> = results.iter().copied().enumerate().collect();
        let text =
            front_matter(fw, "approved", Some(approved), Some(claimed), &indexed, &notes, level4.as_deref()) + &body;
        w.report_bytes.push(text.len());
        w.reports += 1;
        put(&format!("{year}.md"), text, &mut w);
    }
    // some drafts: the 2025-2026 report of a school that never finished it
    if s.level != "gdtx" && rng.chance(0.06) {
        let fw = &fws[match s.level {
            "mam-non" => "tt22-2024-mam-non",
            "tieu-hoc" => "tt22-2024-tieu-hoc",
            _ => "tt22-2024-pho-thong",
        }];
        let keep: Vec<(usize, u8)> = fw.standards[..2]
            .iter()
            .flat_map(|st| st.criteria.iter().copied())
            .map(|i| (i, 1 + rng.below(fw.criteria[i].max as usize) as u8))
            .collect();
        let ctx = context(s, country, "2025-2026", &mut rng);
        let mut body = format!(
            "# Đặt vấn đề\n\nBáo cáo đang dự thảo, chưa được hội đồng tự đánh giá thông qua. Hội đồng tự đánh giá năm học \
             2025-2026 của {} đang thu thập minh chứng và hoàn thiện phần mô tả hiện trạng; các tiêu chí chưa có kết quả \
             sẽ được bổ sung sau.\n\n# Tiêu chuẩn 1: {}\n\n",
            ctx.vars["t"], fw.standards[0].title
        );
        for &i in fw.standards[0].criteria.iter().take(2) {
            let c = &fw.criteria[i];
            let mut vv = ctx.vars.clone();
            vv.insert("title", lcfirst(&c.title));
            let _ = write!(
                body,
                "## Tiêu chí {}: {}\n\n### Mô tả hiện trạng\n\n{}. (Đang bổ sung minh chứng.)\n\n",
                c.id,
                c.title,
                fill(DESC[i % DESC.len()], &vv)
            );
        }
        let text = front_matter(fw, "draft", None, None, &keep, &HashMap::new(), None) + &body;
        w.drafts += 1;
        put("2025-2026.md", text, &mut w);
    }
    w
}

// ------------------------------------------------------------------------------------------ main

fn usage() -> ! {
    eprintln!("usage: gen-corpus --out DIR [--schools N] [--seed S] [--province NAME] [--national] [--force]");
    std::process::exit(2);
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut n, mut out, mut seed, mut province, mut force, mut national) =
        (1500usize, None::<PathBuf>, 20_261_123u64, "Đồng Nai".to_owned(), false, false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--schools" => n = args.next().and_then(|x| x.parse().ok()).unwrap_or_else(|| usage()),
            "--out" => out = Some(args.next().unwrap_or_else(|| usage()).into()),
            "--seed" => seed = args.next().and_then(|x| x.parse().ok()).unwrap_or_else(|| usage()),
            "--province" => province = args.next().unwrap_or_else(|| usage()),
            "--force" => force = true,
            "--national" => national = true,
            _ => usage(),
        }
    }
    let root = out.unwrap_or_else(|| usage());
    let Some(config_province) = PROVINCES.iter().position(|p| p.name == province) else {
        eprintln!("gen-corpus: unknown province {province:?}; one of: {}", PROVINCES.map(|p| p.name).join(", "));
        std::process::exit(2);
    };
    if n == 0 {
        usage();
    }
    if root.join("content").exists() || root.join("config.toml").exists() {
        if !force {
            eprintln!(
                "gen-corpus: {} already has content/ or config.toml (use --force to replace them)",
                root.display()
            );
            std::process::exit(2);
        }
        let _ = fs::remove_dir_all(root.join("content"));
        let _ = fs::remove_file(root.join("config.toml"));
    }
    let started = Instant::now();
    let fws = load_frameworks();
    for id in [
        "tt19-2018-mam-non",
        "tt17-2018-tieu-hoc",
        "tt18-2018-pho-thong",
        "tt57-2026-mam-non",
        "tt57-2026-pho-thong",
        "tt57-2026-gdtx",
    ] {
        assert!(fws.contains_key(id), "framework {id} missing from regulation/*.toml");
    }
    let country = layout(n, seed, config_province);
    fs::create_dir_all(root.join("content/schools")).expect("create content/schools");
    fs::create_dir_all(root.join("content/pages")).expect("create content/pages");
    let config = format!(
        "# Dữ liệu mẫu hư cấu (examples/gen-corpus.rs, --schools {n} --seed {seed}): mọi trường, con người, số liệu và\n\
         # quyết định ở đây đều không có thật; chỉ dùng để đo hiệu năng của minhbach.\n\
         title = \"Công khai kiểm định chất lượng giáo dục — DỮ LIỆU MẪU toàn quốc\"\n\
         authority = \"Bộ Giáo dục và Đào tạo (dữ liệu mẫu, {n} trường hư cấu)\"\n\
         {}\
         base_url = \"https://kiemdinh.example.gov.vn\"\n\
         theme = \"default\"\n\
         language = \"vi\"\n\
         build_date = 2026-11-23\n\
         minify = true\n\
         expiry_warning_days = {EXPIRY_DAYS}\n",
        if national { String::new() } else { format!("province = {}\n", q(&province)) }
    );
    fs::write(root.join("config.toml"), config).expect("write config.toml");
    fs::write(
        root.join("content/pages/gioi-thieu.md"),
        "+++\ntitle = \"Giới thiệu\"\n+++\n\nĐây là **dữ liệu mẫu hư cấu** sinh tự động để đo hiệu năng của phần mềm: \
         không trường nào ở đây là trường thật, mọi trùng hợp về tên gọi chỉ là ngẫu nhiên.\n",
    )
    .expect("write page");
    // On a national portal no province is the default: every school.toml names its own.
    let default_province = if national { usize::MAX } else { config_province };
    let written: Vec<Written> =
        (0..n).into_par_iter().map(|i| write_school(i, seed, &country, &fws, &root, default_province)).collect();
    let files: usize = written.iter().map(|w| w.files).sum();
    let bytes: u64 = written.iter().map(|w| w.bytes).sum();
    let reports: usize = written.iter().map(|w| w.reports).sum();
    let drafts: usize = written.iter().map(|w| w.drafts).sum();
    let mut sizes: Vec<usize> = written.iter().flat_map(|w| w.report_bytes.iter().copied()).collect();
    sizes.sort_unstable();
    let mut states = [0usize; 4];
    for w in &written {
        for (total, k) in states.iter_mut().zip(w.decision_states) {
            *total += k;
        }
    }
    let communes: usize = country.communes.iter().map(Vec::len).sum();
    let mut levels: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &country.schools {
        *levels.entry(s.level).or_default() += 1;
    }
    println!(
        "gen-corpus: {n} schools in {} provinces and {communes} communes → {}",
        country.communes.iter().zip(0..).filter(|(_, pi)| country.schools.iter().any(|s| s.prov == *pi)).count(),
        root.display()
    );
    println!("  by level: {}", levels.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", "));
    println!(
        "  {reports} approved reports ({drafts} drafts besides), report size min {} / median {} / max {} bytes",
        sizes.first().unwrap_or(&0),
        sizes.get(sizes.len() / 2).unwrap_or(&0),
        sizes.last().unwrap_or(&0)
    );
    println!(
        "  accreditation on 2026-11-23: none {}, valid {}, expiring within {EXPIRY_DAYS} days {}, expired {}",
        states[0], states[1], states[2], states[3]
    );
    println!("  {files} files, {:.1} MB of content, in {:.1} s", bytes as f64 / 1e6, started.elapsed().as_secs_f64());
}
