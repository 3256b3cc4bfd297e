//! Reading a spreadsheet into plain rows of cells, whatever program wrote it: `.xlsx`/`.xlsm`,
//! `.xls`, `.ods` (calamine) and `.csv` (UTF-8, with or without a byte-order mark).
//!
//! A workbook is a zip of XML (or an OLE file) from outside: it is bounded before it is parsed.
//! Every zip entry is inflated once into a counter, so a zip bomb is refused after
//! [`Limits::unzipped`] bytes whatever its headers claim; an encrypted file is recognised by its
//! `EncryptedPackage` stream; a cell longer than Excel's own limit is refused; rows are read as
//! a stream of cells, so a sheet of a million empty formatted rows costs a scan, not memory.
//! Formulas are never evaluated: calamine returns the value the program that saved the file
//! cached, and macros (`.xlsm`) are never read at all.

use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx};

use crate::calendar::Date;

/// A cell's value as the spreadsheet program saved it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text.
    Text(String),
    /// A number (a date without a date format is a number too: its serial).
    Number(f64),
    /// A cell with a date format.
    Date(Date),
    /// TRUE/FALSE.
    Bool(bool),
    /// An error value such as `#REF!` (as the program cached it).
    Error(String),
}

impl Cell {
    /// True for an empty cell or one holding only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.chars().all(char::is_whitespace),
            _ => false,
        }
    }
}

/// One sheet: its name and its rows (row 0 is the sheet's first row; trailing empty cells
/// may be missing).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's tab name (for CSV: the file's name without extension).
    pub name: String,
    /// Rows, top to bottom, including empty ones up to the last row with data.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The cell at 0-based `row`, `col`, or `Empty`.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Cell::Empty)
    }
}

/// Bounds on what a workbook may make us hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Size of the file itself.
    pub file: u64,
    /// Bytes of all zip entries once inflated.
    pub unzipped: u64,
    /// Characters in one cell (Excel's own limit is 32,767).
    pub cell_chars: usize,
    /// Rows holding data, over all sheets.
    pub rows: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { file: 200 << 20, unzipped: 1 << 30, cell_chars: 32_767, rows: 1_100_000 }
    }
}

/// Why a file could not be read as a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFault {
    /// Not a spreadsheet this program reads, or damaged; the reader's own words.
    Unreadable(String),
    /// Protected with a password: its data is encrypted.
    Encrypted,
    /// Bigger than [`Limits`] allow.
    TooLarge(TooLarge),
    /// A cell longer than [`Limits::cell_chars`]: sheet, 0-based row and column, its length.
    CellTooLong {
        /// The sheet's name.
        sheet: String,
        /// 0-based row.
        row: usize,
        /// 0-based column.
        col: usize,
        /// Characters in the cell.
        chars: usize,
    },
}

/// Which limit a workbook passed, with the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLarge {
    /// The file, in megabytes.
    File(u64),
    /// All zip entries once inflated, in megabytes.
    Unzipped(u64),
    /// Rows with data.
    Rows(usize),
}

/// The kind of file, from its first bytes (the extension only decides for plain text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Ods,
    Xls,
    Csv,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Reads every sheet of the workbook `bytes`, named `file_name` (its extension tells CSV).
pub fn read(bytes: &[u8], file_name: &str, limits: Limits) -> Result<Vec<Sheet>, ReadFault> {
    if bytes.len() as u64 > limits.file {
        return Err(ReadFault::TooLarge(TooLarge::File(limits.file >> 20)));
    }
    let kind = if bytes.starts_with(ZIP) {
        let names = zip_names(bytes, limits)?;
        if names.iter().any(|n| n == "EncryptedPackage") {
            return Err(ReadFault::Encrypted);
        }
        if names.iter().any(|n| n == "content.xml") { Kind::Ods } else { Kind::Xlsx }
    } else if bytes.starts_with(OLE) {
        // An encrypted .xlsx is an OLE file holding the encrypted zip: its directory names
        // the stream `EncryptedPackage` in UTF-16.
        let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        if memchr::memmem::find(bytes, &marker).is_some() {
            return Err(ReadFault::Encrypted);
        }
        Kind::Xls
    } else {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".csv") || lower.ends_with(".txt") {
            Kind::Csv
        } else {
            return Err(ReadFault::Unreadable("not an Excel, OpenDocument or CSV file".into()));
        }
    };
    let sheets = match kind {
        Kind::Csv => vec![read_csv(bytes, file_name, limits)?],
        Kind::Xlsx => read_xlsx(bytes, limits)?,
        Kind::Ods => {
            let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(unreadable)?;
            read_ranges(&mut book, limits)?
        }
        Kind::Xls => {
            let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
                calamine::XlsError::Password => ReadFault::Encrypted,
                e => unreadable(e),
            })?;
            read_ranges(&mut book, limits)?
        }
    };
    Ok(sheets)
}

fn unreadable(e: impl std::fmt::Display) -> ReadFault {
    ReadFault::Unreadable(e.to_string())
}

/// The names of the zip's entries, after inflating each one into a counter: a damaged zip,
/// or one that inflates past [`Limits::unzipped`], is refused before any XML is parsed.
fn zip_names(bytes: &[u8], limits: Limits) -> Result<Vec<String>, ReadFault> {
    match crate::import::archive::inflate(bytes, limits.unzipped, |_| false) {
        Ok(inflated) => Ok(inflated.names),
        Err(crate::import::archive::Fault::Unreadable(why)) => Err(ReadFault::Unreadable(why)),
        Err(crate::import::archive::Fault::TooLarge) => {
            Err(ReadFault::TooLarge(TooLarge::Unzipped(limits.unzipped >> 20)))
        }
    }
}

/// Turns a calamine value into a [`Cell`], refusing one that is too long.
fn cell_of(value: CellValue<'_>, sheet: &str, row: usize, col: usize, limits: Limits) -> Result<Cell, ReadFault> {
    let text = |s: &str| -> Result<Cell, ReadFault> {
        let chars = s.chars().count();
        if chars > limits.cell_chars {
            return Err(ReadFault::CellTooLong { sheet: sheet.to_owned(), row, col, chars });
        }
        Ok(Cell::Text(s.to_owned()))
    };
    Ok(match value {
        CellValue::Empty => Cell::Empty,
        CellValue::Text(s) => text(s)?,
        CellValue::Int(i) => Cell::Number(i as f64),
        CellValue::Float(f) => Cell::Number(f),
        CellValue::Bool(b) => Cell::Bool(b),
        CellValue::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            match Date::from_ymd_opt(i32::from(y), u32::from(m), u32::from(day)) {
                Some(date) if !d.is_duration() => Cell::Date(date),
                _ => Cell::Number(d.as_f64()),
            }
        }
        CellValue::Iso(s) => match s.get(..10).and_then(|d| Date::parse_from_str(d, "%Y-%m-%d").ok()) {
            Some(date) => Cell::Date(date),
            None => text(s)?,
        },
        CellValue::Error(e) => Cell::Error(e),
    })
}

/// A value of either calamine cell type, borrowed.
enum CellValue<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    DateTime(calamine::ExcelDateTime),
    Iso(&'a str),
    Error(String),
}

impl<'a> From<&'a Data> for CellValue<'a> {
    fn from(d: &'a Data) -> CellValue<'a> {
        match d {
            Data::Int(i) => CellValue::Int(*i),
            Data::Float(f) => CellValue::Float(*f),
            Data::String(s) => CellValue::Text(s),
            Data::Bool(b) => CellValue::Bool(*b),
            Data::DateTime(d) => CellValue::DateTime(*d),
            Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Iso(s),
            Data::Error(e) => CellValue::Error(e.to_string()),
            Data::Empty => CellValue::Empty,
        }
    }
}

impl<'a> From<&'a DataRef<'a>> for CellValue<'a> {
    fn from(d: &'a DataRef<'a>) -> CellValue<'a> {
        match d {
            DataRef::Int(i) => CellValue::Int(*i),
            DataRef::Float(f) => CellValue::Float(*f),
            DataRef::String(s) => CellValue::Text(s),
            DataRef::SharedString(s) => CellValue::Text(s),
            DataRef::Bool(b) => CellValue::Bool(*b),
            DataRef::DateTime(d) => CellValue::DateTime(*d),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellValue::Iso(s),
            DataRef::Error(e) => CellValue::Error(e.to_string()),
            DataRef::Empty => CellValue::Empty,
        }
    }
}

/// Puts `cell` at (`row`, `col`) of `rows`, growing them; blank cells are not stored.
fn place(rows: &mut Vec<Vec<Cell>>, row: usize, col: usize, cell: Cell) {
    if cell.is_blank() {
        return;
    }
    if rows.len() <= row {
        rows.resize_with(row + 1, Vec::new);
    }
    let r = &mut rows[row];
    if r.len() <= col {
        r.resize(col + 1, Cell::Empty);
    }
    r[col] = cell;
}

/// `.xlsx`/`.xlsm`: each sheet's cells as a stream (never a dense range: a sheet whose
/// dimension claims a million rows holds only what its cells hold).
fn read_xlsx(bytes: &[u8], limits: Limits) -> Result<Vec<Sheet>, ReadFault> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => ReadFault::Encrypted,
        e => unreadable(e),
    })?;
    let mut sheets = Vec::new();
    let mut data_rows = 0usize;
    for name in book.sheet_names() {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(r) => r,
            // A chart sheet or a dialog sheet has no cells.
            Err(calamine::XlsxError::WorksheetNotFound(_)) => continue,
            Err(e) => return Err(unreadable(e)),
        };
        let mut last_row = usize::MAX;
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            let (row, col) = cell.get_position();
            let (row, col) = (row as usize, col as usize);
            let value = cell_of(cell.get_value().into(), &name, row, col, limits)?;
            if value.is_blank() {
                continue;
            }
            if row != last_row {
                last_row = row;
                data_rows += 1;
                if data_rows > limits.rows {
                    return Err(ReadFault::TooLarge(TooLarge::Rows(limits.rows)));
                }
            }
            place(&mut rows, row, col, value);
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// `.xls` and `.ods`: calamine reads a whole range per sheet.
fn read_ranges<'a, R>(book: &mut R, limits: Limits) -> Result<Vec<Sheet>, ReadFault>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let mut sheets = Vec::new();
    let mut data_rows = 0usize;
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        let (r0, c0) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let mut any = false;
            for (j, v) in row.iter().enumerate() {
                let cell = cell_of(v.into(), &name, r0 + i, c0 + j, limits)?;
                if !cell.is_blank() {
                    any = true;
                    place(&mut rows, r0 + i, c0 + j, cell);
                }
            }
            if any {
                data_rows += 1;
                if data_rows > limits.rows {
                    return Err(ReadFault::TooLarge(TooLarge::Rows(limits.rows)));
                }
            }
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

/// A CSV file that is not UTF-8. Excel on a Vietnamese Windows saves "CSV (Comma delimited)"
/// in the Vietnamese code page, Windows-1258 (tone marks as combining characters); a file
/// typed in TCVN3 or VNI fonts is bytes that only make sense read as Windows-1252, where
/// [`crate::content::encoding::detect`] recognises them (each cell is then converted).
fn single_byte_csv(bytes: &[u8]) -> String {
    let western = crate::content::encoding::decode_single_byte(bytes);
    if crate::content::encoding::detect(&western).is_some() {
        return western;
    }
    crate::text::nfc(&encoding_rs::WINDOWS_1258.decode_without_bom_handling(bytes).0)
}

/// A CSV file as one sheet named after the file. UTF-8 (a byte-order mark is dropped),
/// UTF-16 with its mark (Excel's "Unicode text"), or else single-byte text
/// ([`single_byte_csv`]); the separator is whichever of
/// `,` `;` and tab the first line uses most.
fn read_csv(bytes: &[u8], file_name: &str, limits: Limits) -> Result<Sheet, ReadFault> {
    let text: String = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        String::from_utf8_lossy(rest).into_owned()
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, skip) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_16LE, 2));
        enc.decode_without_bom_handling(&bytes[skip..]).0.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => single_byte_csv(bytes),
        }
    };
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',');
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let name = std::path::Path::new(file_name)
        .file_stem()
        .map_or_else(|| file_name.to_owned(), |s| s.to_string_lossy().into_owned());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(unreadable)?;
        if i >= limits.rows {
            return Err(ReadFault::TooLarge(TooLarge::Rows(limits.rows)));
        }
        for (j, field) in record.iter().enumerate() {
            let cell = cell_of(CellValue::Text(field), &name, i, j, limits)?;
            place(&mut rows, i, j, cell);
        }
    }
    Ok(Sheet { name, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_every_encoding_excel_saves() {
        let rows = |bytes: &[u8]| read(bytes, "truong.csv", Limits::default()).unwrap().remove(0).rows;
        let utf8 = "Mã trường;Tên trường\n75000701;Trường Tiểu học Đinh Bộ Lĩnh\n";
        let expect = Cell::Text("Trường Tiểu học Đinh Bộ Lĩnh".into());
        assert_eq!(rows(utf8.as_bytes())[1][1], expect, "UTF-8, ';' sniffed");
        let bom = [b"\xEF\xBB\xBF".as_slice(), utf8.as_bytes()].concat();
        assert_eq!(rows(&bom)[1][1], expect, "UTF-8 with BOM");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain(utf8.replace(';', "\t").encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(rows(&utf16)[1][1], expect, "Excel's Unicode text");
        // Windows-1258 writes ư, ơ, ê, ô, Đ as letters and the tones as combining marks.
        let cp1258 =
            b"Ma truong,Ten truong\n75000701,Tr\xFD\xF5\xCCng Ti\xEA\xD2u ho\xF2c \xD0inh B\xF4\xF2 Li\xDEnh\n";
        assert_eq!(rows(cp1258)[1][1], expect, "Windows-1258, composed to NFC");
        // TCVN3 bytes: "Tr­êng" (0xAD = ư, 0xEA = ờ).
        let tcvn3 = b"Ma truong,Ten truong\n75000701,Tr\xAD\xEAng Ti\xD3u h\xE4c\n";
        assert_eq!(rows(tcvn3)[1][1], Cell::Text("Tr\u{ad}êng TiÓu häc".into()), "kept for per-cell conversion");
    }

    #[test]
    fn a_file_that_is_no_spreadsheet_is_refused_by_its_bytes() {
        assert!(matches!(read(b"%PDF-1.7", "a.xlsx", Limits::default()), Err(ReadFault::Unreadable(_))));
        let small = Limits { file: 4, ..Limits::default() };
        assert_eq!(read(b"12345", "a.csv", small).unwrap_err(), ReadFault::TooLarge(TooLarge::File(0)));
    }
}
