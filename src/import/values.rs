//! Cell values as Sở spreadsheets write them, read into the types of `school.toml`: dates in
//! every form Excel produces (serial numbers, date cells, `20/5/2022`, `20-05-2022`,
//! `2022-05-20`, always day first), levels as `3`, `Cấp độ 3`, `III`, `Mức 2` or `ba`, codes
//! that Excel turned into numbers, counts with thousands separators, and text with line
//! breaks, no-break spaces or TCVN3/VNI letters.

use crate::calendar::Date;
use crate::content::encoding::Legacy;
use crate::content::school::{DecisionKind, Ownership, SchoolLevel};
use crate::import::columns::squash;
use crate::import::workbook::Cell;
use crate::text::fold;

/// Why a cell could not be read; the words are put together by the caller's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueFault {
    /// Not a value of the expected kind; what was expected (a message key).
    Invalid(&'static str),
    /// A date that does not exist (`31/02/2022`).
    ImpossibleDate,
}

/// Text of a cell, whitespace (spaces, no-break spaces, line breaks) collapsed to single spaces
/// and trimmed, NFC; legacy TCVN3/VNI text converted, with the encoding it was in. Numbers are
/// written without a fraction when whole. `None` for a blank cell.
pub fn text(cell: &Cell) -> Option<(String, Option<Legacy>)> {
    let raw = match cell {
        Cell::Empty => return None,
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Error(e) => e.clone(),
    };
    let collapsed =
        raw.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return None;
    }
    let clean = crate::text::strip_invisible(crate::text::nfc(&collapsed));
    Some(match crate::content::encoding::convert(&clean) {
        Some((legacy, converted)) => (crate::text::nfc(&converted), Some(legacy)),
        None => (clean, None),
    })
}

/// A number as a person writes it: `75000701`, `2.5`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

/// A school's code: a number cell is written as its digits (Excel turned `75000701` typed as a
/// number into 75000701.0).
pub fn id(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Some(number_text(*n)),
        _ => text(cell).map(|(t, _)| t),
    }
}

/// True when the cell holds its id as a number (so leading zeros may have been lost).
pub fn id_is_number(cell: &Cell) -> bool {
    matches!(cell, Cell::Number(_))
}

/// A date. Day first when written as text; serial numbers count from 1899-12-30 as in Excel's
/// 1900 system (LibreOffice and Excel agree from 1 March 1900 on).
pub fn date(cell: &Cell) -> Result<Option<Date>, ValueFault> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => serial(*n).map(Some),
        _ => match text(cell) {
            None => Ok(None),
            Some((t, _)) => date_text(&t).map(Some),
        },
    }
}

fn serial(n: f64) -> Result<Date, ValueFault> {
    // Before 1 March 1900 Excel counts a 29 February 1900 that never was; no decision is that old.
    if !(61.0..=2_958_465.0).contains(&n) {
        return Err(ValueFault::Invalid("import-expected-date"));
    }
    let base = Date::from_ymd_opt(1899, 12, 30).expect("a valid date");
    Ok(base + chrono::Duration::days(n.floor() as i64))
}

/// `20/5/2022`, `20-05-2022`, `20.05.2022`, `2022-05-20`, `2022/05/20`, also with a time after
/// it, or "ngày 20 tháng 5 năm 2022".
pub fn date_text(t: &str) -> Result<Date, ValueFault> {
    let folded = fold(t);
    let digits: Vec<&str> = folded.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).collect();
    if digits.is_empty() {
        return Err(ValueFault::Invalid("import-expected-date"));
    }
    // A bare number in a text cell is a serial number that was pasted as text.
    if digits.len() == 1 && folded.trim().chars().all(|c| c.is_ascii_digit()) {
        let n: f64 = digits[0].parse().map_err(|_| ValueFault::Invalid("import-expected-date"))?;
        return serial(n);
    }
    if digits.len() < 3 {
        return Err(ValueFault::Invalid("import-expected-date"));
    }
    let n = |s: &str| s.parse::<u32>().map_err(|_| ValueFault::Invalid("import-expected-date"));
    let (y, m, d) = if digits[0].len() == 4 {
        (n(digits[0])?, n(digits[1])?, n(digits[2])?)
    } else {
        let mut y = n(digits[2])?;
        if digits[2].len() == 2 {
            y += 2000;
        } else if digits[2].len() != 4 {
            return Err(ValueFault::Invalid("import-expected-date"));
        }
        (y, n(digits[1])?, n(digits[0])?)
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2200).contains(&y) {
        return Err(ValueFault::Invalid("import-expected-date"));
    }
    Date::from_ymd_opt(y as i32, m, d).ok_or(ValueFault::ImpossibleDate)
}

/// A level: `3`, `3.0`, `Cấp độ 3`, `cấp độ III`, `Mức 2`, `Mức độ II`, `ba`.
pub fn level(cell: &Cell) -> Result<Option<i64>, ValueFault> {
    let bad = ValueFault::Invalid("import-expected-level");
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 => Ok(Some(*n as i64)),
        Cell::Number(_) => Err(bad),
        _ => {
            let Some((t, _)) = text(cell) else { return Ok(None) };
            let mut w = fold(&t);
            for prefix in ["cap do", "muc do", "cap", "muc", "level"] {
                if let Some(rest) = w.strip_prefix(prefix) {
                    w = rest.to_owned();
                    break;
                }
            }
            let w = w.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '.');
            let value = match w {
                "i" | "mot" | "1" => 1,
                "ii" | "hai" | "2" => 2,
                "iii" | "ba" | "3" => 3,
                "iv" | "bon" | "tu" | "4" => 4,
                "0" | "khong" => 0,
                other => match other.parse::<f64>() {
                    Ok(f) if f.fract() == 0.0 && (0.0..100.0).contains(&f) => f as i64,
                    _ => return Err(bad),
                },
            };
            Ok(Some(value))
        }
    }
}

/// A count: `812`, `1.234` or `1,234` or `1 234` (thousands separators), `812 học sinh`.
pub fn count(cell: &Cell) -> Result<Option<u32>, ValueFault> {
    let bad = ValueFault::Invalid("import-expected-count");
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) => Ok(Some(*n as u32)),
        Cell::Number(_) => Err(bad),
        _ => {
            let Some((t, _)) = text(cell) else { return Ok(None) };
            let number: String = t.split_whitespace().take_while(|w| w.chars().any(|c| c.is_ascii_digit())).collect();
            let grouped = number.split(['.', ',']).collect::<Vec<_>>();
            let ok = !number.is_empty()
                && number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                && grouped.iter().skip(1).all(|g| g.len() == 3)
                && !grouped[0].is_empty()
                && grouped[0].len() <= 3 + 6 * usize::from(grouped.len() == 1);
            if !ok {
                return Err(bad);
            }
            number.replace(['.', ','], "").parse().map(Some).map_err(|_| bad)
        }
    }
}

/// Cấp học in words (`Tiểu học`, `TH`, `THCS`, `TH&THCS`, `Liên cấp`, `Trung tâm GDTX`) or as
/// the key of `school.toml`.
pub fn school_level(t: &str) -> Option<SchoolLevel> {
    let k = squash(t);
    let k = k.strip_prefix("truong").unwrap_or(&k);
    Some(match k {
        "mamnon" | "maugiao" | "nhatre" | "mn" | "mg" => SchoolLevel::MamNon,
        "tieuhoc" | "th" => SchoolLevel::TieuHoc,
        "thcs" | "trunghoccoso" => SchoolLevel::Thcs,
        "thpt" | "trunghocphothong" => SchoolLevel::Thpt,
        "ththcs"
        | "thcsthpt"
        | "ththcsthpt"
        | "liencap"
        | "phothongnhieucaphoc"
        | "nhieucap"
        | "nhieucaphoc"
        | "tieuhocvatrunghoccoso"
        | "trunghoccosovatrunghocphothong" => SchoolLevel::NhieuCap,
        "gdtx"
        | "gdnngdtx"
        | "trungtamgdtx"
        | "trungtamgdnngdtx"
        | "trungtamgiaoducthuongxuyen"
        | "giaoducthuongxuyen"
        | "trungtamgiaoducnghenghiepgiaoducthuongxuyen" => SchoolLevel::Gdtx,
        _ => return None,
    })
}

/// Loại hình in words or as the key.
pub fn ownership(t: &str) -> Option<Ownership> {
    match squash(t).as_str() {
        "conglap" | "cl" => Some(Ownership::CongLap),
        "tuthuc" | "tt" | "ngoaiconglap" => Some(Ownership::TuThuc),
        "danlap" | "dl" => Some(Ownership::DanLap),
        _ => None,
    }
}

/// Loại of a decision: Kiểm định / KĐCLGD, or Chuẩn quốc gia / CQG.
pub fn decision_kind(t: &str) -> Option<DecisionKind> {
    match squash(t).as_str() {
        "kiemdinh"
        | "kdclgd"
        | "kd"
        | "kiemdinhclgd"
        | "kiemdinhchatluonggiaoduc"
        | "congnhandatkiemdinh"
        | "congnhankiemdinh"
        | "accreditation"
        | "kiemdinhchatluong" => Some(DecisionKind::Accreditation),
        "chuanquocgia"
        | "cqg"
        | "chuanqg"
        | "truongchuanquocgia"
        | "datchuanquocgia"
        | "truongdatchuanquocgia"
        | "congnhandatchuanquocgia"
        | "congnhanchuanquocgia"
        | "nationalstandard" => Some(DecisionKind::NationalStandard),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_excel_form_are_read_day_first() {
        let t = |s: &str| date(&Cell::Text(s.into()));
        assert_eq!(t("20/5/2022"), Ok(Some(d(2022, 5, 20))));
        assert_eq!(t("20-05-2022"), Ok(Some(d(2022, 5, 20))));
        assert_eq!(t("2022-05-20"), Ok(Some(d(2022, 5, 20))));
        assert_eq!(t("05/01/2023"), Ok(Some(d(2023, 1, 5))));
        assert_eq!(t("ngày 20 tháng 5 năm 2022"), Ok(Some(d(2022, 5, 20))));
        assert_eq!(date(&Cell::Number(44701.0)), Ok(Some(d(2022, 5, 20))));
        assert_eq!(date(&Cell::Date(d(2022, 5, 20))), Ok(Some(d(2022, 5, 20))));
        assert_eq!(t("31/02/2022"), Err(ValueFault::ImpossibleDate));
        assert_eq!(t("tháng năm"), Err(ValueFault::Invalid("import-expected-date")));
        assert_eq!(t("20/13/2022"), Err(ValueFault::Invalid("import-expected-date")));
    }

    #[test]
    fn levels_as_numbers_words_and_roman_numerals() {
        let t = |s: &str| level(&Cell::Text(s.into()));
        assert_eq!(t("3"), Ok(Some(3)));
        assert_eq!(t("Cấp độ 3"), Ok(Some(3)));
        assert_eq!(t("cấp độ IV"), Ok(Some(4)));
        assert_eq!(t("III"), Ok(Some(3)));
        assert_eq!(t("Mức 2"), Ok(Some(2)));
        assert_eq!(t("Mức độ II"), Ok(Some(2)));
        assert_eq!(t("ba"), Ok(Some(3)));
        assert_eq!(level(&Cell::Number(2.0)), Ok(Some(2)));
        assert!(t("cao").is_err());
    }

    #[test]
    fn counts_with_thousands_separators() {
        let t = |s: &str| count(&Cell::Text(s.into()));
        assert_eq!(t("1.234"), Ok(Some(1234)));
        assert_eq!(t("1,234"), Ok(Some(1234)));
        assert_eq!(t("1 050"), Ok(Some(1050)));
        assert_eq!(t("812"), Ok(Some(812)));
        assert_eq!(t("812 học sinh"), Ok(Some(812)));
        assert!(t("1.2").is_err());
        assert_eq!(count(&Cell::Number(812.0)), Ok(Some(812)));
    }

    #[test]
    fn text_collapses_spaces_and_line_breaks() {
        let (t, legacy) = text(&Cell::Text(" Trường Tiểu học\nLê\u{a0}\u{a0}Lợi ".into())).unwrap();
        assert_eq!(t, "Trường Tiểu học Lê Lợi");
        assert_eq!(legacy, None);
        assert_eq!(id(&Cell::Number(75000701.0)).as_deref(), Some("75000701"));
    }

    #[test]
    fn levels_ownership_and_kinds_in_words() {
        assert_eq!(school_level("Tiểu học"), Some(SchoolLevel::TieuHoc));
        assert_eq!(school_level("TH&THCS"), Some(SchoolLevel::NhieuCap));
        assert_eq!(school_level("Mẫu giáo"), Some(SchoolLevel::MamNon));
        assert_eq!(school_level("Trung tâm GDTX"), Some(SchoolLevel::Gdtx));
        assert_eq!(school_level("Đại học"), None);
        assert_eq!(ownership("Tư thục"), Some(Ownership::TuThuc));
        assert_eq!(decision_kind("KĐCLGD"), Some(DecisionKind::Accreditation));
        assert_eq!(decision_kind("CQG"), Some(DecisionKind::NationalStandard));
    }
}
