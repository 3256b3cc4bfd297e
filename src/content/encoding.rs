//! Text saved in a legacy Vietnamese encoding (TCVN3/ABC, VNI) and read as UTF-8 looks like
//! `Tr−êng` or `Tröôøng`. Such text must be reported, never published as mojibake.

/// A legacy encoding that text looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN3 (ABC), fonts `.VnTime`.
    Tcvn3,
    /// VNI Windows, fonts `VNI-Times`.
    Vni,
}

impl Legacy {
    /// Name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC, phông .VnTime)",
            Legacy::Vni => "VNI (phông VNI-Times)",
        }
    }
}

/// Letters that VNI uses as tone and vowel marks and that Vietnamese never writes.
fn vni_mark(c: char) -> bool {
    matches!(c, 'ø' | 'Ø' | 'û' | 'Û' | 'ï' | 'Ï' | 'ö' | 'Ö' | 'ñ' | 'Ñ')
}

/// Symbols that TCVN3 bytes turn into (Latin-1 punctuation, the minus sign) and letters
/// foreign to Vietnamese.
fn tcvn3_mark(c: char) -> bool {
    matches!(c, '\u{a1}'..='\u{bf}' | '\u{2212}' | 'æ' | 'ç' | 'î' | 'ð' | 'þ' | 'ÿ' | 'å' | 'Æ' | 'Ç')
}

/// True when `b` (UTF-8) holds a character that is a mark of either encoding ([`vni_mark`],
/// [`tcvn3_mark`]): U+00A1–U+00BF (`C2 A1`–`C2 BF`), the letters of U+00C0–U+00FF listed there
/// (`C3` then one of the second bytes below) or U+2212 (`E2 88 92`). Each byte is judged with
/// the two after it and no branch, in blocks, so that the compiler uses vector instructions:
/// clean Vietnamese text, with a `C3` lead every few letters, is passed over at that speed
/// and only text with a sign is read character by character. A test holds it to the two
/// lists for every character.
fn may_have_marks(b: &[u8]) -> bool {
    let sign = |x: u8, y: u8, z: u8| {
        let after_c3 = (y.wrapping_sub(0x86) < 2)
            | (y == 0x8F)
            | (y == 0x91)
            | (y == 0x96)
            | (y == 0x98)
            | (y == 0x9B)
            | (y.wrapping_sub(0xA5) < 3)
            | (y.wrapping_sub(0xAE) < 4)
            | (y == 0xB6)
            | (y == 0xB8)
            | (y == 0xBB)
            | (y >= 0xBE);
        ((x == 0xC2) & (y >= 0xA1)) | ((x == 0xC3) & after_c3) | ((x == 0xE2) & (y == 0x88) & (z == 0x92))
    };
    crate::text::any_byte_triple(b, sign)
}

/// Whether `text` looks like a legacy encoding, and the byte offset of the first sign.
/// Signs count only inside words, so `«…»`, `±` or `°C` do not count.
pub fn detect(text: &str) -> Option<(Legacy, usize)> {
    let b = text.as_bytes();
    if !may_have_marks(b) {
        return None;
    }
    let (mut vni, mut tcvn, mut first_vni, mut first_tcvn) = (0, 0, None, None);
    // Every mark is U+00A1–U+00FF (UTF-8 lead byte C2 or C3) or U+2212 (lead E2): only those
    // places are looked at, so a report is scanned at the speed of a byte search.
    for i in memchr::memchr3_iter(0xC2, 0xC3, 0xE2, b) {
        let Some(c) = text[i..].chars().next() else { continue };
        if !vni_mark(c) && !tcvn3_mark(c) {
            continue;
        }
        let prev = text[..i].chars().next_back().unwrap_or(' ');
        let next = text[i + c.len_utf8()..].chars().next().unwrap_or(' ');
        let touches_letter = prev.is_alphabetic() || next.is_alphabetic();
        // Symbols count between letters (`n¨m`), or word-initial for TCVN3's capitals (`§inh`).
        let inside = (prev.is_alphabetic() && next.is_alphabetic())
            || (next.is_alphabetic() && matches!(c, '\u{a1}'..='\u{a7}'));
        if touches_letter && vni_mark(c) {
            vni += 1;
            first_vni.get_or_insert(i);
        } else if inside && tcvn3_mark(c) {
            tcvn += 1;
            first_tcvn.get_or_insert(i);
        }
    }
    match (vni, tcvn) {
        (v, t) if v >= 2 && v >= t => Some((Legacy::Vni, first_vni.unwrap_or(0))),
        (_, t) if t >= 2 => Some((Legacy::Tcvn3, first_tcvn.unwrap_or(0))),
        _ => None,
    }
}

/// Bytes that are not UTF-8, read as Windows-1252 (what a legacy file looks like to a
/// Western tool), to tell a legacy Vietnamese file from any other broken file.
pub fn decode_single_byte(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned()
}

/// TCVN 5712:1993 VN3 (the ABC keyboard's `.VnTime` fonts): byte → letter, for every byte
/// the standard gives a Vietnamese letter. VN3 keeps only lowercase letters with their tones
/// and seven capitals (Ă Â Ê Ô Ơ Ư Đ); toned capitals were typed with the same bytes in the
/// uppercase fonts (`.VnTimeH`), so the bytes themselves cannot say they are capitals.
///
/// Sources, checked against each other letter by letter: GNU libiconv `lib/tcvn.h`
/// (`tcvn_2uni_2`, the full TCVN 5712 VN1 table, of which VN3 is the 0xA1–0xFE letters
/// below: VN1 adds toned capitals at 0xAF, 0xBA, 0xBF, 0xC0–0xC5, 0xCD, 0xD9–0xDB, 0xE0,
/// 0xF0, 0xFF and combining tones at 0xB0–0xB4, which VN3 fonts do not have), xvnkb
/// `tcvn.h` (Dao Hai Lam, 2002, the keyboard driver's output table) and the
/// Unicode→TCVN3 table of the C# converter `Eruylz/XuatThuy` `Utils/Unicode2TCVN3.cs`;
/// glibc's `iconv -f TCVN5712-1` gives the same letter for each of the 74 bytes.
#[rustfmt::skip]
const TCVN3: [(u8, char); 74] = [
    (0xA1, 'Ă'), (0xA2, 'Â'), (0xA3, 'Ê'), (0xA4, 'Ô'), (0xA5, 'Ơ'), (0xA6, 'Ư'), (0xA7, 'Đ'),
    (0xA8, 'ă'), (0xA9, 'â'), (0xAA, 'ê'), (0xAB, 'ô'), (0xAC, 'ơ'), (0xAD, 'ư'), (0xAE, 'đ'),
    (0xB5, 'à'), (0xB6, 'ả'), (0xB7, 'ã'), (0xB8, 'á'), (0xB9, 'ạ'),
    (0xBB, 'ằ'), (0xBC, 'ẳ'), (0xBD, 'ẵ'), (0xBE, 'ắ'),
    (0xC6, 'ặ'), (0xC7, 'ầ'), (0xC8, 'ẩ'), (0xC9, 'ẫ'), (0xCA, 'ấ'), (0xCB, 'ậ'),
    (0xCC, 'è'), (0xCE, 'ẻ'), (0xCF, 'ẽ'), (0xD0, 'é'), (0xD1, 'ẹ'),
    (0xD2, 'ề'), (0xD3, 'ể'), (0xD4, 'ễ'), (0xD5, 'ế'), (0xD6, 'ệ'),
    (0xD7, 'ì'), (0xD8, 'ỉ'), (0xDC, 'ĩ'), (0xDD, 'í'), (0xDE, 'ị'),
    (0xDF, 'ò'), (0xE1, 'ỏ'), (0xE2, 'õ'), (0xE3, 'ó'), (0xE4, 'ọ'),
    (0xE5, 'ồ'), (0xE6, 'ổ'), (0xE7, 'ỗ'), (0xE8, 'ố'), (0xE9, 'ộ'),
    (0xEA, 'ờ'), (0xEB, 'ở'), (0xEC, 'ỡ'), (0xED, 'ớ'), (0xEE, 'ợ'),
    (0xEF, 'ù'), (0xF1, 'ủ'), (0xF2, 'ũ'), (0xF3, 'ú'), (0xF4, 'ụ'),
    (0xF5, 'ừ'), (0xF6, 'ử'), (0xF7, 'ữ'), (0xF8, 'ứ'), (0xF9, 'ự'),
    (0xFA, 'ỳ'), (0xFB, 'ỷ'), (0xFC, 'ỹ'), (0xFD, 'ý'), (0xFE, 'ỵ'),
];

/// VNI Windows (`VNI-Times` fonts) letters that are one byte: byte → letter. Every other
/// Vietnamese letter is a base ASCII vowel (or one of these) followed by a byte of
/// [`VNI_MARKS`]. Upper and lower case have separate bytes.
///
/// Sources: xvnkb `vni.h` (Dao Hai Lam, 2002: the VNI string of every letter, in the order
/// of its `utf.h`), checked against all 134 letters of the VNI charset of the npm package
/// `vietnamese-conversion` (`duydev/vietnamese-conversion`, `src/charsets.ts` at its first
/// commit 46413a0; its later versions write ỷ ỹ Ỷ Ỹ as `ë ì Ë Ì`, which are ặ-marks and the
/// letter ì, a slip) and against phrases typed in VNI in the tests below.
#[rustfmt::skip]
const VNI_LETTERS: [(u8, char); 18] = [
    (0xC6, 'Ỉ'), (0xCC, 'Ì'), (0xCD, 'Í'), (0xCE, 'Ỵ'), (0xD1, 'Đ'),
    (0xD2, 'Ị'), (0xD3, 'Ĩ'), (0xD4, 'Ơ'), (0xD6, 'Ư'),
    (0xE6, 'ỉ'), (0xEC, 'ì'), (0xED, 'í'), (0xEE, 'ỵ'), (0xF1, 'đ'),
    (0xF2, 'ị'), (0xF3, 'ĩ'), (0xF4, 'ơ'), (0xF6, 'ư'),
];

/// What a VNI mark byte adds to the vowel before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VniMark {
    /// A tone alone (sắc, huyền, hỏi, ngã, nặng) on any vowel.
    Tone(char),
    /// The circumflex of â, ê, ô, with the tone if any: after a, e, o only.
    Circumflex(Option<char>),
    /// The breve of ă, with the tone if any: after a only.
    Breve(Option<char>),
}

const ACUTE: char = '\u{301}';
const GRAVE: char = '\u{300}';
const HOOK: char = '\u{309}';
const TILDE: char = '\u{303}';
const DOT: char = '\u{323}';
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';

/// VNI Windows mark bytes: (uppercase byte, lowercase byte, mark). Same sources as
/// [`VNI_LETTERS`].
const VNI_MARKS: [(u8, u8, VniMark); 17] = [
    (0xD9, 0xF9, VniMark::Tone(ACUTE)),
    (0xD8, 0xF8, VniMark::Tone(GRAVE)),
    (0xDB, 0xFB, VniMark::Tone(HOOK)),
    (0xD5, 0xF5, VniMark::Tone(TILDE)),
    (0xCF, 0xEF, VniMark::Tone(DOT)),
    (0xC2, 0xE2, VniMark::Circumflex(None)),
    (0xC1, 0xE1, VniMark::Circumflex(Some(ACUTE))),
    (0xC0, 0xE0, VniMark::Circumflex(Some(GRAVE))),
    (0xC5, 0xE5, VniMark::Circumflex(Some(HOOK))),
    (0xC3, 0xE3, VniMark::Circumflex(Some(TILDE))),
    (0xC4, 0xE4, VniMark::Circumflex(Some(DOT))),
    (0xCA, 0xEA, VniMark::Breve(None)),
    (0xC9, 0xE9, VniMark::Breve(Some(ACUTE))),
    (0xC8, 0xE8, VniMark::Breve(Some(GRAVE))),
    (0xDA, 0xFA, VniMark::Breve(Some(HOOK))),
    (0xDC, 0xFC, VniMark::Breve(Some(TILDE))),
    (0xCB, 0xEB, VniMark::Breve(Some(DOT))),
];

/// The byte that a legacy file's character was, as a Windows-1252 reader shows it: Latin-1
/// characters are their own byte; U+2212 is how some tools show TCVN3's 0xAD (ư), which
/// Windows-1252 reads as an invisible soft hyphen. Both encodings put every letter in
/// 0xA1–0xFE, where Windows-1252 and Latin-1 agree, so the 0x80–0x9F punctuation of
/// Windows-1252 never needs mapping back.
fn legacy_byte(c: char) -> Option<u8> {
    match c {
        '\u{a0}'..='\u{ff}' => Some(c as u32 as u8),
        '\u{2212}' => Some(0xAD),
        _ => None,
    }
}

/// Converts text in `from`, as read through Windows-1252 (see [`decode_single_byte`]), to
/// Unicode Vietnamese in NFC. Characters that no legacy byte became (ASCII, or Vietnamese
/// already in Unicode such as `ư`) pass through unchanged, so a cell half retyped in
/// Unicode keeps its Unicode half.
///
/// TCVN3 has no toned capitals: text typed in the uppercase `.VnTimeH` fonts is stored as
/// lowercase bytes between uppercase ASCII (`CHñ NHIÖM`). When the text has no lowercase
/// ASCII letter at all and some word has two uppercase ASCII letters next to a legacy letter,
/// the whole text is taken as typed in capitals and converted to uppercase; a lone capital
/// (`Së`, `KÕ`) is not enough, since mixed-case text writes those too (`Sở`, `Kế`).
pub fn to_unicode(text: &str, from: Legacy) -> String {
    let converted = match from {
        Legacy::Tcvn3 => tcvn3_to_unicode(text),
        Legacy::Vni => vni_to_unicode(text),
    };
    use unicode_normalization::UnicodeNormalization;
    converted.nfc().collect()
}

fn tcvn3_letter(c: char) -> Option<char> {
    let byte = legacy_byte(c)?;
    TCVN3.binary_search_by_key(&byte, |&(b, _)| b).ok().map(|i| TCVN3[i].1)
}

fn tcvn3_to_unicode(text: &str) -> String {
    let out: String = text.chars().map(|c| tcvn3_letter(c).unwrap_or(c)).collect();
    if typed_in_capitals(text) { out.to_uppercase() } else { out }
}

/// See [`to_unicode`]: whether TCVN3 `text` was typed in a `.VnTimeH` capitals font.
fn typed_in_capitals(text: &str) -> bool {
    if text.chars().any(|c| c.is_ascii_lowercase()) {
        return false;
    }
    text.split(|c: char| !(c.is_ascii_alphabetic() || tcvn3_letter(c).is_some())).any(|word| {
        word.chars().filter(char::is_ascii_uppercase).count() >= 2 && word.chars().any(|c| tcvn3_letter(c).is_some())
    })
}

fn vni_letter(c: char) -> Option<char> {
    let byte = legacy_byte(c)?;
    VNI_LETTERS.iter().find(|&&(b, _)| b == byte).map(|&(_, l)| l)
}

fn vni_mark_of(c: char) -> Option<VniMark> {
    let byte = legacy_byte(c)?;
    VNI_MARKS.iter().find(|&&(up, low, _)| up == byte || low == byte).map(|&(_, _, m)| m)
}

/// The vowel a VNI mark may follow, lowercased, and which marks it already has.
struct Vowel {
    base: char,
    has_tone: bool,
    has_shape: bool,
}

fn vni_to_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut vowel: Option<Vowel> = None;
    for c in text.chars() {
        if let (Some(v), Some(mark)) = (vowel.as_mut(), vni_mark_of(c)) {
            let (shape, tone) = match mark {
                VniMark::Tone(t) => (None, Some(t)),
                VniMark::Circumflex(t) => (Some(CIRCUMFLEX), t),
                VniMark::Breve(t) => (Some(BREVE), t),
            };
            let shape_fits = match shape {
                None => true,
                Some(CIRCUMFLEX) => matches!(v.base, 'a' | 'e' | 'o') && !v.has_shape,
                Some(_) => v.base == 'a' && !v.has_shape,
            };
            if shape_fits && !(tone.is_some() && v.has_tone) {
                out.extend(shape);
                out.extend(tone);
                v.has_shape |= shape.is_some();
                v.has_tone |= tone.is_some();
                continue;
            }
        }
        let letter = vni_letter(c).unwrap_or(c);
        out.push(letter);
        // A letter with a tone of its own (the single-byte ì, ỉ…) takes no further mark.
        vowel = match letter.to_lowercase().next().unwrap_or(letter) {
            base @ ('a' | 'e' | 'i' | 'o' | 'u' | 'y') => Some(Vowel { base, has_tone: false, has_shape: false }),
            'ơ' => Some(Vowel { base: 'o', has_tone: false, has_shape: true }),
            'ư' => Some(Vowel { base: 'u', has_tone: false, has_shape: true }),
            _ => None,
        };
    }
    out
}

/// Detects legacy text ([`detect`]) and converts it ([`to_unicode`]). `None` when the text
/// does not look legacy: correct Vietnamese is never touched.
pub fn convert(text: &str) -> Option<(Legacy, String)> {
    let (legacy, _) = detect(text)?;
    Some((legacy, to_unicode(text, legacy)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_recognised_and_named() {
        assert_eq!(detect("Tröôøng Tieåu hoïc Ñinh Boä Lónh").map(|d| d.0), Some(Legacy::Vni));
        assert_eq!(detect("Tr\u{2212}êng tiÓu häc §inh Bé LÜnh, n¨m häc").map(|d| d.0), Some(Legacy::Tcvn3));
        let (_, at) = detect("name = \"Tröôøng\"").unwrap();
        assert_eq!(at, "name = \"Tr".len());
    }

    #[test]
    fn correct_vietnamese_and_symbols_are_not_mojibake() {
        assert_eq!(detect("Trường Tiểu học Đinh Bộ Lĩnh — «Ánh Dương», 25 °C ± 2, © 2025"), None);
        assert_eq!(detect("Ở đây có ù, õ, ò, ó, à, á, â, ê, ô: tiếng Việt đúng."), None);
    }

    #[test]
    fn the_byte_prefilter_sees_every_mark_and_nothing_else() {
        for c in (0..0x30000).filter_map(char::from_u32) {
            let mark = vni_mark(c) || tcvn3_mark(c);
            assert_eq!(may_have_marks(format!("ab{c}cd").as_bytes()), mark, "U+{:04X}", c as u32);
            assert_eq!(may_have_marks(c.to_string().as_bytes()), mark, "U+{:04X} alone", c as u32);
        }
    }

    #[test]
    fn single_byte_files_are_read_as_windows_1252() {
        // "Tröôøng" as VNI Windows bytes.
        let bytes = b"Tr\xf6\xf4\xf8ng h\xefc";
        assert_eq!(detect(&decode_single_byte(bytes)).map(|d| d.0), Some(Legacy::Vni));
    }

    /// Every Vietnamese letter: the twelve vowels with each of the six tones, and đ.
    fn alphabet() -> Vec<char> {
        use unicode_normalization::UnicodeNormalization;
        let mut letters = vec!['đ'];
        for vowel in ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] {
            for tone in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
                let letter: String = format!("{vowel}{tone}").nfc().collect();
                assert_eq!(letter.chars().count(), 1, "{letter}");
                letters.extend(letter.chars());
            }
        }
        assert_eq!(letters.len(), 73);
        letters
    }

    /// The character a Windows-1252 reader shows for `byte`.
    fn shown(byte: u8) -> char {
        decode_single_byte(&[byte]).chars().next().unwrap()
    }

    /// Unicode → TCVN3 as read through Windows-1252, from the table under test.
    fn encode_tcvn3(text: &str) -> String {
        text.chars().map(|c| TCVN3.iter().find(|&&(_, l)| l == c).map_or(c, |&(b, _)| shown(b))).collect()
    }

    /// Unicode → VNI Windows as read through Windows-1252, from the tables under test: a
    /// single-byte letter, or the base letter and one mark byte.
    fn encode_vni(text: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        let mut out = String::new();
        for c in text.chars() {
            if let Some(&(b, _)) = VNI_LETTERS.iter().find(|&&(_, l)| l == c) {
                out.push(shown(b));
                continue;
            }
            let parts: Vec<char> = c.to_string().nfd().collect();
            let (base, marks) = (parts[0], &parts[1..]);
            let upper = base.is_uppercase();
            let horn = marks.contains(&'\u{31b}');
            let shape = marks.iter().copied().find(|&m| m == CIRCUMFLEX || m == BREVE);
            let tone = marks.iter().copied().find(|&m| [ACUTE, GRAVE, HOOK, TILDE, DOT].contains(&m));
            let base = match (base, horn) {
                ('o', true) => 'ơ',
                ('O', true) => 'Ơ',
                ('u', true) => 'ư',
                ('U', true) => 'Ư',
                (b, _) => b,
            };
            out.push(match VNI_LETTERS.iter().find(|&&(_, l)| l == base) {
                Some(&(b, _)) => shown(b),
                None => base,
            });
            let mark = match shape {
                Some(CIRCUMFLEX) => Some(VniMark::Circumflex(tone)),
                Some(_) => Some(VniMark::Breve(tone)),
                None => tone.map(VniMark::Tone),
            };
            if let Some(mark) = mark {
                let &(up, low, _) = VNI_MARKS.iter().find(|&&(_, _, m)| m == mark).unwrap();
                out.push(shown(if upper { up } else { low }));
            }
        }
        out
    }

    #[test]
    fn every_letter_with_every_tone_round_trips_through_tcvn3() {
        let mut letters = alphabet();
        letters.extend(['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ']);
        for letter in letters {
            let word = format!("t{letter}n");
            let legacy = encode_tcvn3(&word);
            assert!(letter.is_ascii() || TCVN3.iter().any(|&(_, l)| l == letter), "{letter} has a TCVN3 byte");
            assert_eq!(to_unicode(&legacy, Legacy::Tcvn3), word, "{letter} as {legacy:?}");
        }
        let all: String = alphabet().into_iter().collect();
        assert_eq!(to_unicode(&encode_tcvn3(&all), Legacy::Tcvn3), all);
        // Every byte of the table is used once.
        let mut bytes: Vec<u8> = TCVN3.iter().map(|&(b, _)| b).collect();
        bytes.dedup();
        assert_eq!(bytes.len(), TCVN3.len());
        assert!(TCVN3.windows(2).all(|w| w[0].0 < w[1].0), "sorted for binary search");
    }

    #[test]
    fn every_letter_with_every_tone_round_trips_through_vni_in_both_cases() {
        let lower = alphabet();
        let upper: Vec<char> = lower.iter().flat_map(|c| c.to_uppercase()).collect();
        for letter in lower.iter().chain(&upper) {
            let word = format!("t{letter}n");
            let legacy = encode_vni(&word);
            // VNI keeps í, ì, Í, Ì at their Latin-1 bytes.
            if !letter.is_ascii() && !matches!(letter, 'í' | 'ì' | 'Í' | 'Ì') {
                assert_ne!(legacy, word, "{letter} has a VNI form");
            }
            assert_eq!(to_unicode(&legacy, Legacy::Vni), word, "{letter} as {legacy:?}");
        }
        let all: String = lower.iter().chain(&upper).collect();
        assert_eq!(to_unicode(&encode_vni(&all), Legacy::Vni), all);
    }

    #[test]
    fn the_known_school_names_convert() {
        let tcvn3 = "Tr\u{2212}êng tiÓu häc §inh Bé LÜnh";
        assert_eq!(to_unicode(tcvn3, Legacy::Tcvn3), "Trường tiểu học Đinh Bộ Lĩnh");
        // The same text with 0xAD read as Windows-1252 reads it: a soft hyphen.
        assert_eq!(to_unicode("Tr\u{ad}êng", Legacy::Tcvn3), "Trường");
        assert_eq!(convert(tcvn3), Some((Legacy::Tcvn3, "Trường tiểu học Đinh Bộ Lĩnh".to_string())));
        let vni = "Tröôøng Tieåu hoïc Ñinh Boä Lónh";
        assert_eq!(convert(vni), Some((Legacy::Vni, "Trường Tiểu học Đinh Bộ Lĩnh".to_string())));
    }

    /// Phrases typed in the legacy encodings by other people, with their Unicode, taken from
    /// public converters' tests and data (not produced by the encoders above).
    #[test]
    fn phrases_typed_by_others_convert() {
        let tcvn3 = [
            ("Së Gi¸o dôc vµ §µo t¹o", "Sở Giáo dục và Đào tạo"),
            ("Nhµ xuÊt b¶n Gi¸o dôc", "Nhà xuất bản Giáo dục"),
            ("®Æng ®øc siªu", "đặng đức siêu"),
            ("®\u{2212}îc cuéc sèng cùc nhôc", "được cuộc sống cực nhục"),
            ("diÖn tÝch", "diện tích"),
            ("MÆt b»ng tÇng 1", "Mặt bằng tầng 1"),
            ("S«ng §ång Nai", "Sông Đồng Nai"),
            ("NghÖ thuËt vui ch¬i vµ gi¶i trÝ", "Nghệ thuật vui chơi và giải trí"),
            // Typed in a capitals font (.VnTimeH): lowercase bytes among capitals.
            ("CHñ NHIÖM THIÕT KÕ", "CHỦ NHIỆM THIẾT KẾ"),
            ("CHI TIÕT CäC", "CHI TIẾT CỌC"),
        ];
        for (legacy, unicode) in tcvn3 {
            assert_eq!(to_unicode(legacy, Legacy::Tcvn3), unicode, "{legacy}");
        }
        let vni = [
            ("Sôû Giaùo duïc vaø Ñaøo taïo", "Sở Giáo dục và Đào tạo"),
            ("PHOØNG GIAÙO DUÏC VAØ ÑAØO TAÏO HUYEÄN GIA LOÄC", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN GIA LỘC"),
            ("TRÖÔØNG TRUNG HOÏC CÔ SÔÛ GIA KHAÙNH", "TRƯỜNG TRUNG HỌC CƠ SỞ GIA KHÁNH"),
            ("PHOØNG NGHÆ GIAÙO VIEÂN 1", "PHÒNG NGHỈ GIÁO VIÊN 1"),
            ("SOÁ 17, DÖÔNG VAÊN AN, P.AN PHUÙ, Q.2. TP.HCM", "SỐ 17, DƯƠNG VĂN AN, P.AN PHÚ, Q.2. TP.HCM"),
            ("GIÔÙI HAÏN CHÒU LÖÛA CUÛA KEÁT CAÁU NHAØ", "GIỚI HẠN CHỊU LỬA CỦA KẾT CẤU NHÀ"),
            ("Xin chaøo caùc baïn", "Xin chào các bạn"),
            // Ø after a digit is the diameter sign, not a mark.
            ("THEÙP SAØN Ø20a200", "THÉP SÀN Ø20a200"),
        ];
        for (legacy, unicode) in vni {
            assert_eq!(to_unicode(legacy, Legacy::Vni), unicode, "{legacy}");
        }
    }

    #[test]
    fn a_lone_capital_does_not_make_tcvn3_text_capitals() {
        assert_eq!(to_unicode("Së", Legacy::Tcvn3), "Sở");
        assert_eq!(to_unicode("KÕ ho¹ch", Legacy::Tcvn3), "Kế hoạch");
        assert_eq!(to_unicode("Bé GD&§T", Legacy::Tcvn3), "Bộ GD&ĐT");
    }

    #[test]
    fn unicode_letters_pass_through_and_correct_text_is_never_converted() {
        // Half retyped in Unicode: the Unicode half stays.
        assert_eq!(to_unicode("Tr\u{2212}êng Tiểu học", Legacy::Tcvn3), "Trường Tiểu học");
        assert_eq!(to_unicode("Tröôøng Tiểu học", Legacy::Vni), "Trường Tiểu học");
        for correct in [
            "Trường Tiểu học Đinh Bộ Lĩnh",
            "Sở Giáo dục và Đào tạo — «Ánh Dương», 25 °C ± 2, © 2025",
            "Ở đây có ù, õ, ò, ó, à, á, â, ê, ô: tiếng Việt đúng.",
            "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN GIA LỘC",
            "THÉP Ø20a200, naïve café",
        ] {
            assert_eq!(convert(correct), None, "{correct}");
        }
    }

    #[test]
    fn output_is_nfc() {
        use unicode_normalization::UnicodeNormalization;
        let out = to_unicode("HUYEÄN öï", Legacy::Vni);
        assert_eq!(out, "HUYỆN ự");
        assert_eq!(out, out.nfc().collect::<String>());
    }

    #[test]
    fn school_names_and_places_as_sở_files_have_them() {
        let c = |s: &str| convert(s).map(|x| x.1);
        assert_eq!(c("Tr\u{ad}êng TiÓu häc §inh Bé LÜnh").as_deref(), Some("Trường Tiểu học Đinh Bộ Lĩnh"));
        assert_eq!(c("Tr\u{2212}êng tiÓu häc §inh Bé LÜnh").as_deref(), Some("Trường tiểu học Đinh Bộ Lĩnh"));
        assert_eq!(c("Së Gi¸o dôc vµ §µo t¹o").as_deref(), Some("Sở Giáo dục và Đào tạo"));
        assert_eq!(c("Ph\u{ad}êng TrÊn Biªn").as_deref(), Some("Phường Trấn Biên"));
        assert_eq!(c("B¶o Th¾ng, n¨m häc").as_deref(), Some("Bảo Thắng, năm học"));
        assert_eq!(c("Tröôøng Tieåu hoïc Ñinh Boä Lónh").as_deref(), Some("Trường Tiểu học Đinh Bộ Lĩnh"));
        assert_eq!(c("Tröôøng Tieåu hoïc Nguyeãn Hueä").as_deref(), Some("Trường Tiểu học Nguyễn Huệ"));
        assert_eq!(c("Sôû Giaùo duïc vaø Ñaøo taïo").as_deref(), Some("Sở Giáo dục và Đào tạo"));
        assert_eq!(c("Phöôøng Long Bình, naêm hoïc, Thaéng").as_deref(), Some("Phường Long Bình, năm học, Thắng"));
        assert_eq!(c("Trường Tiểu học Đinh Bộ Lĩnh"), None);
    }
}
