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

/// TCVN3 (TCVN 5712:1993, VN3, the `.VnTime` fonts) from byte 0xA1 to 0xFE: the letter each
/// byte stands for, `None` where the byte is punctuation of its own. Read as Windows-1252, these
/// bytes show as the Latin-1 character of the same number, which is how a Unicode program
/// shows a cell typed in `.VnTime`.
const TCVN3: [Option<char>; 94] = {
    let mut t = [None; 94];
    // Ordered as the tables are usually printed: each vowel with none, grave, acute, hook,
    // tilde, dot below; then the seven capitals the encoding has.
    let rows: [(&str, [u8; 6]); 12] = [
        ("aàáảãạ", [b'a', 0xB5, 0xB8, 0xB6, 0xB7, 0xB9]),
        ("ăằắẳẵặ", [0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6]),
        ("âầấẩẫậ", [0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB]),
        ("eèéẻẽẹ", [b'e', 0xCC, 0xD0, 0xCE, 0xCF, 0xD1]),
        ("êềếểễệ", [0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6]),
        ("iìíỉĩị", [b'i', 0xD7, 0xDD, 0xD8, 0xDC, 0xDE]),
        ("oòóỏõọ", [b'o', 0xDF, 0xE3, 0xE1, 0xE2, 0xE4]),
        ("ôồốổỗộ", [0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9]),
        ("ơờớởỡợ", [0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE]),
        ("uùúủũụ", [b'u', 0xEF, 0xF3, 0xF1, 0xF2, 0xF4]),
        ("ưừứửữự", [0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9]),
        ("yỳýỷỹỵ", [b'y', 0xFA, 0xFD, 0xFB, 0xFC, 0xFE]),
    ];
    let mut r = 0;
    while r < rows.len() {
        let letters = rows[r].0.as_bytes();
        let bytes = rows[r].1;
        // Decode the six letters of the row from UTF-8 by hand (const context).
        let mut at = 0;
        let mut k = 0;
        while k < 6 {
            let (c, len) = decode_utf8(letters, at);
            if bytes[k] >= 0xA1 {
                t[(bytes[k] - 0xA1) as usize] = Some(c);
            }
            at += len;
            k += 1;
        }
        r += 1;
    }
    // 0xA1–0xA7: the capitals Ă Â Ê Ô Ơ Ư Đ; 0xAE: đ.
    t[0] = Some('Ă');
    t[1] = Some('Â');
    t[2] = Some('Ê');
    t[3] = Some('Ô');
    t[4] = Some('Ơ');
    t[5] = Some('Ư');
    t[6] = Some('Đ');
    t[0xAE - 0xA1] = Some('đ');
    t
};

/// One character of UTF-8 `b` at `at`, and its length (for the tables, built at compile time).
const fn decode_utf8(b: &[u8], at: usize) -> (char, usize) {
    let x = b[at] as u32;
    let (c, len) = if x < 0x80 {
        (x, 1)
    } else if x < 0xE0 {
        (((x & 0x1F) << 6) | (b[at + 1] as u32 & 0x3F), 2)
    } else {
        (((x & 0x0F) << 12) | ((b[at + 1] as u32 & 0x3F) << 6) | (b[at + 2] as u32 & 0x3F), 3)
    };
    match char::from_u32(c) {
        Some(c) => (c, len),
        None => panic!("the tables are valid UTF-8"),
    }
}

/// A tone as VNI writes it after a vowel: grave, acute, hook, tilde, dot below.
fn vni_tone(c: char) -> Option<char> {
    match c {
        'ø' | 'Ø' => Some('\u{300}'),
        'ù' | 'Ù' => Some('\u{301}'),
        'û' | 'Û' => Some('\u{309}'),
        'õ' | 'Õ' => Some('\u{303}'),
        'ï' | 'Ï' => Some('\u{323}'),
        _ => None,
    }
}

/// The circumflex (after a, e, o) with a tone, as VNI writes it: `â` alone, `à á å ã ä`.
fn vni_circumflex(c: char) -> Option<Option<char>> {
    match c {
        'â' | 'Â' => Some(None),
        'à' | 'À' => Some(Some('\u{300}')),
        'á' | 'Á' => Some(Some('\u{301}')),
        'å' | 'Å' => Some(Some('\u{309}')),
        'ã' | 'Ã' => Some(Some('\u{303}')),
        'ä' | 'Ä' => Some(Some('\u{323}')),
        _ => None,
    }
}

/// The breve (after a) with a tone, as VNI writes it: `ê` alone, `è é ú ü ë`.
fn vni_breve(c: char) -> Option<Option<char>> {
    match c {
        'ê' | 'Ê' => Some(None),
        'è' | 'È' => Some(Some('\u{300}')),
        'é' | 'É' => Some(Some('\u{301}')),
        'ú' | 'Ú' => Some(Some('\u{309}')),
        'ü' | 'Ü' => Some(Some('\u{303}')),
        'ë' | 'Ë' => Some(Some('\u{323}')),
        _ => None,
    }
}

/// VNI Windows letters that are one byte: đ, ơ, ư, the i with tones, ỵ.
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// Text typed in a legacy encoding and shown through Windows-1252 (as [`detect`] finds it),
/// in Unicode NFC. Letters the encoding does not change pass through.
pub fn to_unicode(text: &str, from: Legacy) -> String {
    let out: String = match from {
        Legacy::Tcvn3 => text
            .chars()
            .map(|c| match c {
                '\u{2212}' => 'ư',
                '\u{a1}'..='\u{fe}' => TCVN3[c as usize - 0xA1].unwrap_or(c),
                _ => c,
            })
            .collect(),
        Legacy::Vni => {
            let chars: Vec<char> = text.chars().collect();
            let mut out = String::with_capacity(text.len());
            let mut i = 0;
            while i < chars.len() {
                let c = chars[i];
                let next = chars.get(i + 1).copied();
                let lower = c.to_ascii_lowercase();
                let mut used = 1;
                if let Some(single) = vni_single(c) {
                    out.push(single);
                    if let Some(t) = next.and_then(vni_tone) {
                        out.push(t);
                        used = 2;
                    }
                } else if matches!(lower, 'a' | 'e' | 'o') && next.and_then(vni_circumflex).is_some() {
                    out.push(c);
                    out.push('\u{302}');
                    if let Some(Some(t)) = next.and_then(vni_circumflex) {
                        out.push(t);
                    }
                    used = 2;
                } else if lower == 'a' && next.and_then(vni_breve).is_some() {
                    out.push(c);
                    out.push('\u{306}');
                    if let Some(Some(t)) = next.and_then(vni_breve) {
                        out.push(t);
                    }
                    used = 2;
                } else if matches!(lower, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') && next.and_then(vni_tone).is_some() {
                    out.push(c);
                    out.extend(next.and_then(vni_tone));
                    used = 2;
                } else {
                    out.push(c);
                }
                i += used;
            }
            out
        }
    };
    crate::text::nfc(&out)
}

/// Legacy text converted: the encoding [`detect`] recognises and the text in Unicode; `None`
/// for text that does not look legacy (correct Vietnamese is never touched).
pub fn convert(text: &str) -> Option<(Legacy, String)> {
    detect(text).map(|(legacy, _)| (legacy, to_unicode(text, legacy)))
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
    fn tcvn3_and_vni_text_converts_to_unicode() {
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

    #[test]
    fn every_tcvn3_letter_has_one_byte() {
        let letters: Vec<char> = TCVN3.iter().flatten().copied().collect();
        let mut unique = letters.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), letters.len(), "two bytes for one letter");
        // 12 vowels × 6 forms, minus the 6 plain ASCII ones, plus đ and 7 capitals.
        assert_eq!(letters.len(), 12 * 6 - 6 + 1 + 7);
    }

    #[test]
    fn single_byte_files_are_read_as_windows_1252() {
        // "Tröôøng" as VNI Windows bytes.
        let bytes = b"Tr\xf6\xf4\xf8ng h\xefc";
        assert_eq!(detect(&decode_single_byte(bytes)).map(|d| d.0), Some(Legacy::Vni));
    }
}
