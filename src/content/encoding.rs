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

/// TEMPORARY until the conversion tables land.
pub fn convert(text: &str) -> Option<(Legacy, String)> {
    detect(text).map(|(l, _)| (l, text.to_owned()))
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
}
