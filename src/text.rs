//! Vietnamese text: NFC normalisation, folding for matching, slugs and collation.
//!
//! Unicode does not decompose `đ`/`Đ` (it is a letter of its own, not `d` with a mark), so
//! every fold here maps it to `d` explicitly after removing the combining marks.

use std::cmp::Ordering;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Returns `s` in Unicode normalisation form C, the form every text is kept in after loading.
pub fn nfc(s: &str) -> String {
    // Vietnamese text written in NFC uses only ASCII, Latin-1 and Latin Extended letters,
    // the precomposed letters of U+1E00–U+1EFF and common punctuation (– — ‘ ’ “ ” …): all
    // stable under NFC. Text with nothing else is checked at that cost; anything else goes
    // through the full quick check.
    if is_plain_nfc(s.as_bytes())
        || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
    {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// True when `b` (UTF-8) holds only characters below U+0300, in U+1E00–U+1EFF or in
/// U+2010–U+2027, read from the encoded bytes without decoding.
///
/// `b` is valid UTF-8, so it is enough that no byte starts another character: every lead byte
/// is below `CC` (ASCII, and `C2`–`CB` for U+0080–U+02FF; continuation bytes are `80`–`BF`),
/// or `E1` followed by `B8`–`BB`, or `E2 80` followed by `90`–`A7`. Each byte is judged with
/// the two after it and no branch, in blocks, so that the compiler can use vector
/// instructions: Vietnamese has a marked letter every few bytes, and a byte-by-byte walk was
/// a visible part of reading a province.
fn is_plain_nfc(b: &[u8]) -> bool {
    let judge = |x: u8, y: u8, z: u8| {
        let foreign_lead = x >= 0xCC && x != 0xE1 && x != 0xE2;
        let bad_e1 = x == 0xE1 && !(0xB8..=0xBB).contains(&y);
        let bad_e2 = x == 0xE2 && !(y == 0x80 && (0x90..=0xA7).contains(&z));
        foreign_lead | bad_e1 | bad_e2
    };
    !any_byte_triple(b, judge)
}

/// True when `judge` holds for some byte of `b` with the two bytes after it (0 past the end).
/// The bytes are judged in blocks without branches, so that the compiler can use vector
/// instructions; the first block where `judge` holds ends the search.
pub(crate) fn any_byte_triple(b: &[u8], judge: impl Fn(u8, u8, u8) -> bool) -> bool {
    const BLOCK: usize = 4096;
    let n = b.len();
    if n < 3 {
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        return (0..n).any(|i| judge(at(i), at(i + 1), at(i + 2)));
    }
    let (xs, ys, zs) = (&b[..n - 2], &b[1..n - 1], &b[2..]);
    let found = (0..n - 2).step_by(BLOCK).any(|start| {
        let end = (start + BLOCK).min(n - 2);
        let (xs, ys, zs) = (&xs[start..end], &ys[start..end], &zs[start..end]);
        xs.iter().zip(ys).zip(zs).fold(false, |found, ((&x, &y), &z)| found | judge(x, y, z))
    });
    // The last two bytes, with nothing after them.
    found || judge(b[n - 2], b[n - 1], 0) || judge(b[n - 1], 0, 0)
}

/// True when `t` holds whitespace other than single spaces, read byte by byte: a character
/// is decoded only when its first two bytes are those of a non-ASCII white space character
/// (U+0085, U+00A0: `C2 85`, `C2 A0`; U+1680: `E1 9A`; U+2000–U+205F: `E2 80`, `E2 81`;
/// U+3000: `E3 80`). Vietnamese letters of U+1E00–U+1EFF share the lead byte `E1` and must
/// not pay for a decode.
fn needs_collapse(t: &str) -> bool {
    let b = t.as_bytes();
    let mut prev_space = false;
    for (i, &c) in b.iter().enumerate() {
        match SPACE_CLASS[c as usize] {
            PLAIN => prev_space = false,
            SPACE if prev_space => return true,
            SPACE => prev_space = true,
            CONTROL => return true,
            _ => {
                let candidate = matches!(
                    (c, b.get(i + 1)),
                    (0xC2, Some(0x85 | 0xA0)) | (0xE1, Some(0x9A)) | (0xE2, Some(0x80 | 0x81)) | (0xE3, Some(0x80))
                );
                if candidate && t[i..].chars().next().is_some_and(char::is_whitespace) {
                    return true;
                }
                prev_space = false;
            }
        }
    }
    false
}

const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const CONTROL: u8 = 2;
const LEAD: u8 = 3;

/// What each byte is to [`needs_collapse`]: a space, ASCII white space other than a space, a
/// lead byte of a non-ASCII white space character, or anything else.
const SPACE_CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b' ' as usize] = SPACE;
    t[b'\t' as usize] = CONTROL;
    t[b'\n' as usize] = CONTROL;
    t[0x0b] = CONTROL;
    t[0x0c] = CONTROL;
    t[b'\r' as usize] = CONTROL;
    t[0xC2] = LEAD;
    t[0xE1] = LEAD;
    t[0xE2] = LEAD;
    t[0xE3] = LEAD;
    t
};

/// `s` with every run of whitespace made one space and none at either end.
pub fn collapse_whitespace(s: String) -> String {
    let t = s.trim();
    if !needs_collapse(t) {
        return if t.len() == s.len() { s } else { t.to_owned() };
    }
    let mut out = String::with_capacity(t.len());
    for w in t.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True for the invisible format characters that a field such as a school's name never
/// needs and that can disguise it: zero-width space and joiners, the left-to-right and
/// right-to-left marks, bidirectional embeddings, overrides and isolates, and U+FEFF.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `s` without its invisible format characters ([`is_invisible`]): a name copied from a web
/// page or a word processor can carry them, and a right-to-left override would show the
/// name reversed on the site and in search results.
pub fn strip_invisible(s: String) -> String {
    if s.chars().any(is_invisible) { s.chars().filter(|&c| !is_invisible(c)).collect() } else { s }
}

/// Folds `s` for matching: lower case, every diacritic removed, `đ` → `d`.
///
/// `fold("Tiêu chí 1.1") == "tieu chi 1.1"`, `fold("ĐỒNG NAI") == "dong nai"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if let Some(f) = folded_letter(c) {
            out.push(f);
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

/// The words of a folded text: runs of `a-z0-9`.
pub fn words(text: &str) -> Vec<String> {
    fold(text).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// Words that name the kind of a place, not the place: "Phường Đống Đa" is the place "đống đa".
const PLACE_KINDS: &[&[&str]] = &[
    &["thi", "tran"],
    &["thanh", "pho"],
    &["thi", "xa"],
    &["dac", "khu"],
    &["xa"],
    &["phuong"],
    &["tinh"],
    &["huyen"],
    &["quan"],
    &["tp"],
    &["tx"],
];

/// The folded words of a place without the word(s) of its kind, joined by spaces.
pub fn place_name(words: &[String]) -> String {
    let mut rest = words;
    if let Some(kind) =
        PLACE_KINDS.iter().find(|k| rest.len() > k.len() && rest.iter().zip(k.iter()).all(|(w, k)| w == k))
    {
        rest = &rest[kind.len()..];
    }
    rest.join(" ")
}

/// Folds one character into `out`. Each character is decomposed on its own: folding drops
/// every mark, so the reordering of marks that full NFD does would change nothing here.
fn fold_char(c: char, out: &mut String) {
    unicode_normalization::char::decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            for l in d.to_lowercase() {
                out.push(if l == 'đ' { 'd' } else { l });
            }
        }
    });
}

/// The fold of a Latin letter (U+00C0–U+024F, U+1E00–U+1EFF: every Vietnamese letter with
/// marks) when it is one character, from a table made once.
fn folded_letter(c: char) -> Option<char> {
    const RANGES: [(u32, u32); 2] = [(0xC0, 0x24F), (0x1E00, 0x1EFF)];
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        RANGES
            .iter()
            .flat_map(|&(lo, hi)| lo..=hi)
            .map(|u| {
                let mut s = String::new();
                fold_char(char::from_u32(u).expect("a Latin letter"), &mut s);
                let mut chars = s.chars();
                chars.next().filter(|_| chars.next().is_none())
            })
            .collect()
    });
    let u = c as u32;
    let mut offset = 0;
    for (lo, hi) in RANGES {
        if (lo..=hi).contains(&u) {
            return table[offset + (u - lo) as usize];
        }
        offset += (hi - lo + 1) as usize;
    }
    None
}

/// The URL slug of a Vietnamese name: folded, then every run of characters other than
/// `a-z0-9` turned into one `-` ("Phường Trấn Biên" → `phuong-tran-bien`).
pub fn slugify(s: &str) -> String {
    // `slug` transliterates with deunicode (which maps đ to d); folding first keeps the
    // Vietnamese rules in one place whatever the transliteration table says.
    // ASCII (evidence codes, most ids) needs no folding: `slug` lowercases it itself.
    if s.is_ascii() { slug::slugify(s) } else { slug::slugify(fold(s)) }
}

/// Where a letter of the Vietnamese alphabet sorts (a ă â b c d đ e ê g h i k l m n o ô ơ p q
/// r s t u ư v x y), from a base letter and its letter-forming mark (breve, circumflex, horn).
fn letter_rank(base: char, mark: Option<char>) -> u32 {
    let offset = match (base, mark) {
        ('a', Some('\u{306}')) => 1, // ă
        ('a', Some('\u{302}')) => 2, // â
        ('e', Some('\u{302}')) => 1, // ê
        ('o', Some('\u{302}')) => 1, // ô
        ('o', Some('\u{31b}')) => 2, // ơ
        ('u', Some('\u{31b}')) => 1, // ư
        ('đ', _) => 1,
        _ => 0,
    };
    let base = if base == 'đ' { 'd' } else { base };
    (base as u32) * 4 + offset
}

/// Tone marks in the order of Vietnamese dictionaries: none, grave, hook, tilde, acute, dot.
fn tone_rank(mark: char) -> Option<u8> {
    match mark {
        '\u{300}' => Some(1),
        '\u{309}' => Some(2),
        '\u{303}' => Some(3),
        '\u{301}' => Some(4),
        '\u{323}' => Some(5),
        _ => None,
    }
}

/// A sort key that orders strings by Vietnamese collation: letters first (with `ă`, `â`,
/// `đ`, `ê`, `ô`, `ơ`, `ư` as letters of their own), then tones, then case.
///
/// The root Unicode collation treats `ă`, `â` as accented `a`; Vietnamese dictionaries and
/// school lists treat them as separate letters, hence this small tailoring.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollationKey {
    letters: Vec<u32>,
    tones: Vec<u8>,
    case: Vec<bool>,
}

/// Builds the [`CollationKey`] of `s`.
pub fn collation_key(s: &str) -> CollationKey {
    let mut key = CollationKey { letters: Vec::new(), tones: Vec::new(), case: Vec::new() };
    let decomposed: Vec<char> = s.nfd().collect();
    let mut i = 0;
    while i < decomposed.len() {
        let c = decomposed[i];
        i += 1;
        let lower = c.to_lowercase().next().unwrap_or(c);
        let mut letter_mark = None;
        let mut tone = 0;
        while i < decomposed.len() && is_combining_mark(decomposed[i]) {
            let m = decomposed[i];
            match tone_rank(m) {
                Some(t) => tone = t,
                None => letter_mark = Some(m),
            }
            i += 1;
        }
        key.letters.push(letter_rank(lower, letter_mark));
        key.tones.push(tone);
        key.case.push(c != lower);
    }
    key
}

/// Compares two strings by Vietnamese collation (see [`collation_key`]).
pub fn compare_vi(a: &str, b: &str) -> Ordering {
    collation_key(a).cmp(&collation_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_collapsed_exactly_where_split_whitespace_would_change_the_text() {
        for t in
            ["a b", "a  b", "a\tb", "Trường\u{a0}Tiểu học", "x\u{2003}y", "ạ ẹ ỹ", "a\u{3000}b", "—“”…", "a \u{85}b"]
        {
            let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(needs_collapse(t), collapsed != t, "{t:?}");
            assert_eq!(collapse_whitespace(t.to_owned()), collapsed, "{t:?}");
        }
        // Every character, alone and between letters: the byte-level test agrees with
        // `char::is_whitespace` everywhere, not only on the samples above.
        for c in (0..0x30000).filter_map(char::from_u32) {
            let t = format!("a{c}b");
            let changes = t.split_whitespace().collect::<Vec<_>>().join(" ") != t;
            assert_eq!(needs_collapse(&t), changes, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn fold_removes_every_diacritic_and_d_stroke() {
        assert_eq!(fold("Trường Tiểu học Đinh Bộ Lĩnh"), "truong tieu hoc dinh bo linh");
        assert_eq!(fold("ĐỒNG NAI"), "dong nai");
        assert_eq!(fold("Tiêu chí 1.1"), fold("Tieu chi 1.1"));
    }

    #[test]
    fn slug_folds_d_stroke_to_d_never_dj() {
        assert_eq!(slugify("Trường Tiểu học Đinh Bộ Lĩnh"), "truong-tieu-hoc-dinh-bo-linh");
        assert_eq!(slugify("Đồng Nai"), "dong-nai");
        assert_eq!(slugify("Phường Trấn Biên"), "phuong-tran-bien");
        assert_eq!(slugify("  Xã Ea H'Leo -- (cũ) "), "xa-ea-h-leo-cu");
    }

    #[test]
    fn invisible_format_characters_are_removed_and_nothing_else() {
        assert_eq!(
            strip_invisible("Trường\u{200B} Tiểu học \u{202E}Đinh\u{202C} Bộ Lĩnh\u{FEFF}".into()),
            "Trường Tiểu học Đinh Bộ Lĩnh"
        );
        assert_eq!(strip_invisible("Đinh Bộ Lĩnh — «Ánh Dương»".into()), "Đinh Bộ Lĩnh — «Ánh Dương»");
    }

    #[test]
    fn nfd_input_becomes_nfc() {
        let nfd: String = "Lĩnh".nfd().collect();
        assert_ne!(nfd, "Lĩnh");
        assert_eq!(nfc(&nfd), "Lĩnh");
    }

    #[test]
    fn the_byte_level_plain_check_matches_its_definition() {
        let plain =
            |c: char| c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c) || ('\u{2010}'..='\u{2027}').contains(&c);
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_plain_nfc(c.to_string().as_bytes()), plain(c), "{c:?} U+{:04X}", c as u32);
        }
        assert!(is_plain_nfc("Trường Tiểu học Đinh Bộ Lĩnh — “Ánh Dương”…".as_bytes()));
        assert!(!is_plain_nfc("Tru\u{31b}o\u{31b}\u{300}ng".as_bytes()));
    }

    #[test]
    fn collation_puts_d_stroke_between_d_and_e() {
        let mut names = vec!["Én Xanh", "Đồng Tâm", "Bình Minh", "Ánh Dương", "Dương Minh"];
        names.sort_by(|a, b| compare_vi(a, b));
        assert_eq!(names, ["Ánh Dương", "Bình Minh", "Dương Minh", "Đồng Tâm", "Én Xanh"]);
    }

    #[test]
    fn collation_orders_vowel_letters_then_tones() {
        let mut letters = vec!["ư", "ơ", "ô", "o", "ê", "e", "â", "ă", "a", "u"];
        letters.sort_by(|a, b| compare_vi(a, b));
        assert_eq!(letters, ["a", "ă", "â", "e", "ê", "o", "ô", "ơ", "u", "ư"]);
        let mut tones = vec!["mạ", "má", "mã", "mả", "mà", "ma"];
        tones.sort_by(|a, b| compare_vi(a, b));
        assert_eq!(tones, ["ma", "mà", "mả", "mã", "má", "mạ"]);
        assert_eq!(compare_vi("Ấp", "Ba"), Ordering::Less);
    }
}
