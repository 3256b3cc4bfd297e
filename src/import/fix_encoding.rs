//! `minhbach fix-encoding`: text files typed in TCVN3 (ABC) or VNI, turned into UTF-8 NFC in
//! place (`import.md`), so that the `encoding.legacy` and `encoding.utf8` findings of `check`
//! have a one-command fix.
//!
//! A legacy file reaches us in one of two shapes: its own single bytes, which are not UTF-8
//! (read through Windows-1252 as [`encoding::decode_single_byte`] does), or text that some tool
//! already read as UTF-8 and saved again (`Tr−êng`, `Tröôøng`). Both are converted with the
//! tables of [`crate::content::encoding`]; the file is replaced only when the whole result is
//! ready, through a temporary file beside it and a rename, so an interrupted run leaves the old
//! file or the new one, never half of each.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::content::encoding::{self, Legacy};
use crate::messages::Message;
use crate::msg;

/// At most this many changed lines are kept for `--dry-run` to show.
pub const SAMPLE_LINES: usize = 5;

/// A line that the conversion changes, for `--dry-run`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedLine {
    /// 1-based line number.
    pub line: usize,
    /// The line as it is (line ending left out).
    pub old: String,
    /// The line as it will be.
    pub new: String,
}

/// A converted file, before or after it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The encoding the text was in.
    pub legacy: Legacy,
    /// The new content: UTF-8, NFC, no BOM, the line endings of the input.
    pub text: String,
    /// How many lines changed.
    pub lines_changed: usize,
    /// The first [`SAMPLE_LINES`] changed lines.
    pub samples: Vec<ChangedLine>,
}

/// Why a file was not converted.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Read(io::Error),
    /// The file is Unicode Vietnamese already: converting it again would spoil its letters.
    #[error("the file is already Unicode")]
    AlreadyUnicode,
    /// UTF-8 (or plain ASCII) text with nothing that looks like TCVN3 or VNI.
    #[error("no TCVN3 or VNI text found")]
    NothingLegacy,
    /// Neither UTF-8 nor a single-byte legacy file (a damaged UTF-8 file, another encoding).
    #[error("neither UTF-8 nor TCVN3/VNI")]
    UnknownEncoding,
    /// The converted file could not be written; the old file is unchanged.
    #[error("cannot write the file: {0}")]
    Write(io::Error),
}

impl FixError {
    /// The refusal in words, naming `file`.
    pub fn message(&self, file: &str) -> Message {
        match self {
            FixError::Read(e) => msg!("fix-encoding-unreadable", file = file, error = e),
            FixError::AlreadyUnicode => msg!("fix-encoding-already-unicode", file = file),
            FixError::NothingLegacy => msg!("fix-encoding-nothing", file = file),
            FixError::UnknownEncoding => msg!("fix-encoding-unknown", file = file),
            FixError::Write(e) => msg!("fix-encoding-unwritable", file = file, error = e),
        }
    }
}

/// Reads `path`, converts it ([`fix_bytes`]) and, unless `dry_run`, replaces it atomically
/// with the result (same permissions).
pub fn fix_file(path: &Path, dry_run: bool) -> Result<Fixed, FixError> {
    let bytes = fs::read(path).map_err(FixError::Read)?;
    let fixed = fix_bytes(&bytes)?;
    if !dry_run {
        write_atomically(path, fixed.text.as_bytes()).map_err(FixError::Write)?;
    }
    Ok(fixed)
}

/// Writes `bytes` to a temporary file in `path`'s folder, then renames it over `path`: a
/// reader sees the old file or the new one, and a failure leaves the old one.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let permissions = fs::metadata(path)?.permissions();
    let mut temp = tempfile::Builder::new().prefix(".fix-encoding-").suffix(".tmp").tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.as_file().set_permissions(permissions)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Converts the content of a file: UTF-8 (a BOM is dropped) or single-byte legacy bytes.
pub fn fix_bytes(bytes: &[u8]) -> Result<Fixed, FixError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => fix_text(text),
        Err(_) => {
            // As `check` reads files: only bytes with no valid multi-byte UTF-8 character at
            // all are a single-byte file; a UTF-8 file with a damaged byte is something else.
            let utf8_chars =
                String::from_utf8_lossy(bytes).chars().filter(|c| !c.is_ascii() && *c != '\u{fffd}').count();
            if utf8_chars > 0 {
                return Err(FixError::UnknownEncoding);
            }
            fix_text(&encoding::decode_single_byte(bytes)).map_err(|e| match e {
                // Single bytes that are not TCVN3/VNI: some other encoding, not "Unicode".
                FixError::AlreadyUnicode | FixError::NothingLegacy => FixError::UnknownEncoding,
                e => e,
            })
        }
    }
}

/// A Vietnamese letter that no TCVN3 or VNI byte turns into when read through Windows-1252
/// (ă, đ, ĩ, ũ, ơ, ư and the letters of U+1EA0–U+1EF9): its word was typed in Unicode.
fn unicode_only(c: char) -> bool {
    matches!(c, 'ă' | 'Ă' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | '\u{1EA0}'..='\u{1EF9}')
}

/// A character that legacy bytes become and Unicode Vietnamese never writes inside a word
/// (Latin-1 symbols and letters other than à á â ã è é ê ì í ò ó ô õ ù ú ý, and U+2212).
fn foreign(c: char) -> bool {
    let latin1 = matches!(c, '\u{a1}'..='\u{ff}' | '\u{2212}');
    latin1 && !"àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ×÷".contains(c)
}

/// Converts legacy `text`; refuses text with nothing legacy in it.
///
/// A file typed wholly in a legacy encoding (no letter only Unicode has) is converted line by
/// line, so that a heading typed in a capitals font (`.VnTimeH`) is judged on its own. A file
/// that mixes both (a legacy paragraph pasted into a Unicode report) is converted only in the
/// lines that look legacy (or, when that leaves the file still looking legacy, in every line
/// with a legacy character), and there only in the words typed in the legacy encoding:
/// `to_unicode` maps á, é, ô… too, which would spoil the Unicode words.
pub fn fix_text(text: &str) -> Result<Fixed, FixError> {
    let Some((legacy, _)) = encoding::detect(text) else {
        let vietnamese = text.chars().any(|c| unicode_only(c) || "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ".contains(c));
        return Err(if vietnamese { FixError::AlreadyUnicode } else { FixError::NothingLegacy });
    };
    if !text.chars().any(unicode_only) {
        return Ok(convert_lines(text, legacy, |_| true, |body| encoding::to_unicode(body, legacy)));
    }
    let fixed = convert_lines(text, legacy, |body| encoding::detect(body).is_some(), |body| convert_runs(body, legacy));
    if encoding::detect(&fixed.text).is_none() {
        return Ok(fixed);
    }
    // Legacy words spread thin, fewer than detect() needs on any one line: every line with a
    // legacy character is converted, word by word.
    Ok(convert_lines(text, legacy, |body| body.chars().any(foreign), |body| convert_runs(body, legacy)))
}

/// Converts with `convert` the lines (line endings kept aside) that `pick` selects; the others
/// are only put in NFC.
fn convert_lines(text: &str, legacy: Legacy, pick: impl Fn(&str) -> bool, convert: impl Fn(&str) -> String) -> Fixed {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let (mut lines_changed, mut samples) = (0, Vec::new());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let new: String = if pick(body) { convert(body) } else { body.nfc().collect() };
        if new != body {
            lines_changed += 1;
            if samples.len() < SAMPLE_LINES {
                samples.push(ChangedLine { line: i + 1, old: body.to_owned(), new: new.clone() });
            }
        }
        out.push_str(&new);
        out.push_str(ending);
    }
    Fixed { legacy, text: out, lines_changed, samples }
}

/// How a word of a mixed line was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    /// It has a letter only Unicode has.
    Unicode,
    /// It has a character legacy bytes become and Vietnamese words never hold.
    Legacy,
    /// Only letters both could be (`các`, `Bé`, `Thông`): it goes with its nearest neighbour.
    Either,
    /// Nothing a conversion would change (ASCII, digits).
    Neutral,
}

fn typed(word: &str) -> Typed {
    if word.chars().any(unicode_only) {
        Typed::Unicode
    } else if word.chars().any(foreign) {
        Typed::Legacy
    } else if !word.is_ascii() {
        Typed::Either
    } else {
        Typed::Neutral
    }
}

/// Whether a word (with its spaces) ends with punctuation that closes a clause.
fn ends_clause(word: &str) -> bool {
    word.trim_end().ends_with([',', '.', ';', ':', '!', '?', ')'])
}

/// Converts, in a line that mixes Unicode and legacy words, the words typed in the legacy
/// encoding; the rest is kept (in NFC). A word that either could have written (`Bé` is Bộ in
/// TCVN3) goes with the nearest word that says which, Unicode on a tie: an unconverted word is
/// easier to see than a spoilt one.
fn convert_runs(line: &str, legacy: Legacy) -> String {
    // Words with the spaces after them, so that joining them gives the line back.
    let words: Vec<&str> = line.split_inclusive(char::is_whitespace).collect();
    let mut kinds: Vec<Typed> = words.iter().map(|w| typed(w)).collect();
    let decided = kinds.clone();
    for (i, kind) in kinds.iter_mut().enumerate() {
        if *kind != Typed::Either {
            continue;
        }
        let sure = |k: &Typed| matches!(k, Typed::Unicode | Typed::Legacy);
        let before = decided[..i].iter().rev().position(sure).map(|d| (d, decided[i - 1 - d]));
        let after = decided[i + 1..].iter().position(sure).map(|d| (d, decided[i + 1 + d]));
        *kind = match (before, after) {
            (Some((db, kb)), Some((da, ka))) => {
                if kb == ka || db < da {
                    kb
                } else if da < db {
                    ka
                } else if ends_clause(words[i]) {
                    // Equally near: punctuation ends a clause, and a pasted passage with it.
                    kb
                } else if i > 0 && ends_clause(words[i - 1]) {
                    ka
                } else {
                    Typed::Unicode
                }
            }
            (Some((_, k)), None) | (None, Some((_, k))) => k,
            (None, None) => Typed::Unicode,
        };
    }
    // Runs of legacy words (with the neutral words between them) convert as one phrase: the
    // capitals rule of TCVN3 looks at neighbouring words.
    let mut out = String::with_capacity(line.len() + line.len() / 4);
    let mut run = String::new();
    for (word, kind) in words.iter().zip(&kinds) {
        match kind {
            Typed::Legacy => run.push_str(word),
            Typed::Neutral if !run.is_empty() => run.push_str(word),
            _ => {
                out.push_str(&encoding::to_unicode(&run, legacy));
                run.clear();
                out.extend(word.nfc());
            }
        }
    }
    out.push_str(&encoding::to_unicode(&run, legacy));
    out
}

/// Shortens a line for `--dry-run` to its first `max` characters.
pub fn shorten(line: &str, max: usize) -> String {
    match line.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TCVN3_LINE: &str = "Tr\u{2212}êng TiÓu häc §inh Bé LÜnh tù ®¸nh gi¸";
    const VNI_LINE: &str = "Tröôøng Tieåu hoïc Ñinh Boä Lónh töï ñaùnh giaù";
    const UNICODE_LINE: &str = "Trường Tiểu học Đinh Bộ Lĩnh tự đánh giá";

    #[test]
    fn a_tcvn3_file_read_as_utf8_converts_with_its_line_endings() {
        let text = format!("# {TCVN3_LINE}\r\n\r\nC¸c em häc sinh\r\nno accents\n");
        let fixed = fix_text(&text).unwrap();
        assert_eq!(fixed.legacy, Legacy::Tcvn3);
        assert_eq!(fixed.text, format!("# {UNICODE_LINE}\r\n\r\nCác em học sinh\r\nno accents\n"));
        assert_eq!(fixed.lines_changed, 2);
        assert_eq!(
            fixed.samples[0],
            ChangedLine { line: 1, old: format!("# {TCVN3_LINE}"), new: format!("# {UNICODE_LINE}") }
        );
        assert_eq!(fixed.samples[1].line, 3);
    }

    #[test]
    fn single_byte_vni_and_tcvn3_files_convert_and_drop_nothing() {
        // "Tröôøng Tieåu hoïc" and "Tr−êng tiÓu häc" as the bytes the old fonts saved.
        let vni = b"Tr\xf6\xf4\xf8ng Tie\xe5u ho\xefc\nho\xefc sinh\n";
        let fixed = fix_bytes(vni).unwrap();
        assert_eq!(fixed.legacy, Legacy::Vni);
        assert_eq!(fixed.text, "Trường Tiểu học\nhọc sinh\n");
        let tcvn3 = b"Tr\xad\xeang ti\xd3u h\xe4c, n\xa8m h\xe4c\n";
        let fixed = fix_bytes(tcvn3).unwrap();
        assert_eq!(fixed.legacy, Legacy::Tcvn3);
        assert_eq!(fixed.text, "Trường tiểu học, năm học\n");
    }

    #[test]
    fn a_bom_is_dropped_and_the_result_is_nfc() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(VNI_LINE.as_bytes());
        let fixed = fix_bytes(&bytes).unwrap();
        assert_eq!(fixed.text, UNICODE_LINE);
        assert_eq!(fixed.text, fixed.text.nfc().collect::<String>());
    }

    #[test]
    fn a_capitals_heading_of_a_tcvn3_file_is_judged_on_its_own_line() {
        let fixed = fix_text("CHñ NHIÖM THIÕT KÕ\nKÕ ho¹ch n¨m häc cña tr\u{2212}êng, c¸c tiªu chÝ\n").unwrap();
        assert_eq!(fixed.text, "CHỦ NHIỆM THIẾT KẾ\nKế hoạch năm học của trường, các tiêu chí\n");
    }

    #[test]
    fn a_legacy_sentence_in_a_unicode_file_converts_without_spoiling_the_unicode() {
        let text = format!("Các bé đã học.\n{TCVN3_LINE} theo Thông tư 17/2018, các tiêu chí.\nCô giáo và các bé\n");
        let fixed = fix_text(&text).unwrap();
        assert_eq!(
            fixed.text,
            format!("Các bé đã học.\n{UNICODE_LINE} theo Thông tư 17/2018, các tiêu chí.\nCô giáo và các bé\n")
        );
        assert_eq!(fixed.lines_changed, 1);
        let text = format!("Ở đây: {VNI_LINE}, năm học 2024-2025.\n");
        assert_eq!(fix_text(&text).unwrap().text, format!("Ở đây: {UNICODE_LINE}, năm học 2024-2025.\n"));
    }

    #[test]
    fn legacy_words_spread_thin_over_the_lines_of_a_unicode_file_are_found() {
        // No line has the two signs detect() needs, the whole file has.
        let text = "Trường Tiểu học Đinh Bộ Lĩnh\nn¨m 2024\nc¸c em\n";
        let fixed = fix_text(text).unwrap();
        assert_eq!(fixed.text, "Trường Tiểu học Đinh Bộ Lĩnh\nnăm 2024\ncác em\n");
        assert_eq!(fixed.lines_changed, 2);
    }

    #[test]
    fn unicode_and_plain_files_are_refused() {
        let unicode = format!("{UNICODE_LINE} — «Ánh Dương», 25 °C ± 2, © 2025\nCác bé\n");
        assert!(matches!(fix_bytes(unicode.as_bytes()), Err(FixError::AlreadyUnicode)));
        assert!(matches!(fix_bytes(b"plain ASCII\n"), Err(FixError::NothingLegacy)));
        // A UTF-8 file with one damaged byte is not a legacy file.
        let mut damaged = UNICODE_LINE.as_bytes().to_vec();
        damaged.push(0xFF);
        assert!(matches!(fix_bytes(&damaged), Err(FixError::UnknownEncoding)));
        // Single bytes that are neither TCVN3 nor VNI (Latin-1 French).
        assert!(matches!(fix_bytes(b"na\xefve caf\xe9\n"), Err(FixError::UnknownEncoding)));
    }

    #[test]
    fn a_converted_file_is_refused_the_second_time() {
        let fixed = fix_text(VNI_LINE).unwrap();
        assert!(matches!(fix_text(&fixed.text), Err(FixError::AlreadyUnicode)));
    }

    #[test]
    fn only_the_first_lines_are_kept_as_samples() {
        let text = format!("{TCVN3_LINE}\n").repeat(12);
        let fixed = fix_text(&text).unwrap();
        assert_eq!(fixed.lines_changed, 12);
        assert_eq!(fixed.samples.len(), SAMPLE_LINES);
        assert_eq!(shorten("Trường Tiểu học", 6), "Trường…");
        assert_eq!(shorten("ngắn", 6), "ngắn");
    }

    #[test]
    fn the_file_is_replaced_in_place_and_a_dry_run_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bao-cao.md");
        fs::write(&path, format!("{TCVN3_LINE}\n")).unwrap();
        let fixed = fix_file(&path, true).unwrap();
        assert_eq!(fixed.text, format!("{UNICODE_LINE}\n"));
        assert_eq!(fs::read_to_string(&path).unwrap(), format!("{TCVN3_LINE}\n"));
        fix_file(&path, false).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), format!("{UNICODE_LINE}\n"));
        // No temporary file is left beside it.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(matches!(fix_file(&path, false), Err(FixError::AlreadyUnicode)));
        assert!(matches!(fix_file(&dir.path().join("none.md"), false), Err(FixError::Read(_))));
    }
}
