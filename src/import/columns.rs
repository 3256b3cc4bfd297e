//! Which column holds what: the header row is looked for in a sheet's first 20 rows, and each
//! header is matched after folding (case, diacritics, `đ`, spacing and punctuation ignored)
//! against the variants Sở spreadsheets use (`import.md`). A header under a merged title
//! ("Kiểm định CLGD" over "Cấp độ | Số QĐ | Ngày QĐ") is read together with that title.

use crate::content::school::DecisionKind;
use crate::import::workbook::{Cell, Sheet};
use crate::text::fold;

/// How many rows from the top may come before the header row (title rows, merged cells).
pub const HEADER_SEARCH_ROWS: usize = 20;

/// A field of `school.toml` that a spreadsheet can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SchoolField {
    /// `id`: mã trường.
    Id,
    /// `name`.
    Name,
    /// `level`: cấp học.
    Level,
    /// `ownership`: loại hình.
    Ownership,
    /// `province`.
    Province,
    /// `commune`.
    Commune,
    /// `former_district`.
    FormerDistrict,
    /// `address`.
    Address,
    /// `principal`.
    Principal,
    /// `phone`.
    Phone,
    /// `email`.
    Email,
    /// `website`.
    Website,
    /// `students`.
    Students,
    /// `classes`.
    Classes,
}

impl SchoolField {
    /// Every field, in the order of `school.toml` in the spec (the order new files are
    /// written in).
    pub const ALL: [SchoolField; 14] = [
        SchoolField::Id,
        SchoolField::Name,
        SchoolField::Level,
        SchoolField::Ownership,
        SchoolField::Province,
        SchoolField::Commune,
        SchoolField::FormerDistrict,
        SchoolField::Address,
        SchoolField::Principal,
        SchoolField::Phone,
        SchoolField::Email,
        SchoolField::Website,
        SchoolField::Students,
        SchoolField::Classes,
    ];

    /// The key in `school.toml`.
    pub fn key(self) -> &'static str {
        match self {
            SchoolField::Id => "id",
            SchoolField::Name => "name",
            SchoolField::Level => "level",
            SchoolField::Ownership => "ownership",
            SchoolField::Province => "province",
            SchoolField::Commune => "commune",
            SchoolField::FormerDistrict => "former_district",
            SchoolField::Address => "address",
            SchoolField::Principal => "principal",
            SchoolField::Phone => "phone",
            SchoolField::Email => "email",
            SchoolField::Website => "website",
            SchoolField::Students => "students",
            SchoolField::Classes => "classes",
        }
    }

    /// Headers (folded, without spaces or punctuation) that name this field.
    fn variants(self) -> &'static [&'static str] {
        match self {
            SchoolField::Id => &["matruong", "madonvi", "macsgd", "macosogiaoduc", "matruonghoc", "ma", "id"],
            SchoolField::Name => {
                &["tentruong", "tendonvi", "tencosogiaoduc", "tencsgd", "truong", "tentruonghoc", "name"]
            }
            SchoolField::Level => &["caphoc", "bachoc", "level"],
            SchoolField::Ownership => &["loaihinh", "loaihinhtruong", "ownership"],
            SchoolField::Province => &["tinh", "tinhthanhpho", "tinhthanh", "province"],
            SchoolField::Commune => &[
                "xaphuong",
                "xa",
                "phuong",
                "dackhu",
                "xaphuongdackhu",
                "phuongxa",
                "xaphuongthitran",
                "donvihanhchinhcapxa",
                "commune",
            ],
            SchoolField::FormerDistrict => &[
                "huyencu",
                "quanhuyen",
                "huyenthixathanhpho",
                "quanhuyencu",
                "huyenthixathanhphocu",
                "huyen",
                "huyencutruoc0172025",
                "former_district",
                "formerdistrict",
            ],
            SchoolField::Address => &["diachi", "address"],
            SchoolField::Principal => &["hieutruong", "hotenhieutruong", "principal"],
            SchoolField::Phone => &["dienthoai", "sodienthoai", "dt", "phone"],
            SchoolField::Email => &["email", "thudientu", "emailthudientu", "diachiemail", "thudientuemail"],
            SchoolField::Website => &["website", "trangweb", "trangthongtindientu", "congthongtindientu"],
            SchoolField::Students => &["sohocsinh", "hocsinh", "sohs", "sotre", "sohocsinhtre", "students"],
            SchoolField::Classes => &["solop", "lop", "sonhomlop", "solopnhom", "classes"],
        }
    }
}

/// A field of a decision (`[[accreditation]]`, `[[national_standard]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionField {
    /// `level`: cấp độ or mức độ.
    Level,
    /// `decision`: số quyết định.
    Number,
    /// `decided`: ngày quyết định.
    Decided,
    /// `issuer`: cơ quan ban hành.
    Issuer,
    /// `valid_until`: hiệu lực đến.
    ValidUntil,
    /// `evaluated`: ngày đánh giá ngoài.
    Evaluated,
}

impl DecisionField {
    /// The key in `school.toml`.
    pub fn key(self) -> &'static str {
        match self {
            DecisionField::Level => "level",
            DecisionField::Number => "decision",
            DecisionField::Decided => "decided",
            DecisionField::Issuer => "issuer",
            DecisionField::ValidUntil => "valid_until",
            DecisionField::Evaluated => "evaluated",
        }
    }
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// A field of the school.
    School(SchoolField),
    /// The wide shape: a decision field of a given kind on the school's own row.
    Wide(DecisionKind, DecisionField),
    /// The long shape: the kind of the row's decision (Loại: Kiểm định / Chuẩn quốc gia).
    Kind,
    /// The long shape: a decision field whose kind the row's `Kind` column says.
    Long(DecisionField),
}

/// A header that was read: its 0-based column, its text as written, and what it holds.
#[derive(Debug, Clone)]
pub struct Header {
    /// 0-based column.
    pub col: usize,
    /// The header as written (with the title above it, if any), whitespace collapsed.
    pub text: String,
    /// What the column holds; `None` for a column this program does not use.
    pub column: Option<Column>,
}

/// The header row of a sheet and its columns.
#[derive(Debug, Clone)]
pub struct Layout {
    /// 0-based row of the header (the lower row of a two-row header).
    pub row: usize,
    /// Every non-empty header cell.
    pub headers: Vec<Header>,
}

impl Layout {
    /// The 0-based column holding `column`, if any (the first one).
    pub fn find(&self, column: Column) -> Option<usize> {
        self.headers.iter().find(|h| h.column == Some(column)).map(|h| h.col)
    }

    /// True when the sheet has decisions one per row (a `Loại` column).
    pub fn is_long(&self) -> bool {
        self.find(Column::Kind).is_some()
    }

    /// The headers as written, for a message that lists what was found.
    pub fn found(&self) -> String {
        self.headers.iter().map(|h| format!("\"{}\"", h.text)).collect::<Vec<_>>().join(", ")
    }
}

/// A header folded to letters and digits only: `"Xã/phường"` → `xaphuong`.
pub fn squash(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A header folded to words: `"Số QĐ (KĐCLGD)"` → `so qd kdclgd`.
fn words(s: &str) -> String {
    let folded: String = fold(s).chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a header cell.
fn header_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
        Cell::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Whether `w` (words) holds `phrase` as whole words.
fn has(w: &str, phrase: &str) -> bool {
    format!(" {w} ").contains(&format!(" {phrase} "))
}

/// The kind of decision a header names, from its words.
fn kind_of(w: &str) -> Option<DecisionKind> {
    let acc = ["kd", "kdclgd", "clgd", "kiem dinh", "kiem dinh clgd"].iter().any(|p| has(w, p)) || has(w, "cap do");
    let nat = ["cqg", "chuan qg", "chuan quoc gia", "dat chuan", "chuan"].iter().any(|p| has(w, p)) || has(w, "muc do");
    match (acc, nat) {
        (true, false) => Some(DecisionKind::Accreditation),
        (false, true) => Some(DecisionKind::NationalStandard),
        _ => None,
    }
}

/// The decision field a header names, from its words.
fn decision_field(w: &str) -> Option<DecisionField> {
    let any = |ps: &[&str]| ps.iter().any(|p| has(w, p));
    if any(&["danh gia ngoai"]) {
        Some(DecisionField::Evaluated)
    } else if any(&["hieu luc", "hieu luc den", "co gia tri den", "het han"]) {
        Some(DecisionField::ValidUntil)
    } else if any(&["co quan ban hanh", "noi ban hanh", "don vi ban hanh", "co quan cap", "cap ban hanh"]) {
        Some(DecisionField::Issuer)
    } else if any(&["so qd", "so quyet dinh", "quyet dinh so", "so"]) {
        Some(DecisionField::Number)
    } else if any(&["ngay qd", "ngay quyet dinh", "ngay ky", "ngay cong nhan", "ngay"]) {
        Some(DecisionField::Decided)
    } else if any(&["cap do", "muc do", "cap do muc do", "muc"]) {
        Some(DecisionField::Level)
    } else {
        None
    }
}

/// Words that mark a column as derived data this program writes itself (the current status
/// in its own workbook), never a decision to import.
fn is_derived(w: &str) -> bool {
    ["tinh trang", "hien tai", "dang co", "bao cao", "muc dat", "trang web", "ghi chu", "stt", "tt"]
        .iter()
        .any(|p| has(w, p))
        || w == "url"
}

/// What one header names. `above` is the (merged) title over it, if any.
pub fn classify(text: &str, above: &str) -> Option<Column> {
    let own = squash(text);
    if own.is_empty() {
        return None;
    }
    let w = words(text);
    if is_derived(&w) && !SchoolField::Website.variants().contains(&own.as_str()) {
        return None;
    }
    if ["loai", "loaiquyetdinh", "loaicongnhan", "hinhthuc", "hinhthuccongnhan", "kind", "noidung"]
        .contains(&own.as_str())
    {
        return Some(Column::Kind);
    }
    let both = format!("{} {}", words(above), w);
    // A school field, by itself or under its title ("Thông tin trường" over "Mã").
    // No school header is also a decision sub-header: a school field is known by its own
    // words, whatever title is above it.
    for field in SchoolField::ALL {
        if field.variants().contains(&own.as_str()) {
            return Some(Column::School(field));
        }
    }
    let field = decision_field(&w).or_else(|| decision_field(&both))?;
    match kind_of(&w).or_else(|| kind_of(&words(above))) {
        Some(kind) => Some(Column::Wide(kind, field)),
        None => Some(Column::Long(field)),
    }
}

/// Finds the header row of `sheet`: among its first [`HEADER_SEARCH_ROWS`] rows, the one that
/// names the most known columns (an id column required). `None` when no row names an id.
pub fn find_layout(sheet: &Sheet) -> Option<Layout> {
    let mut best: Option<(usize, Layout)> = None;
    for row in 0..sheet.rows.len().min(HEADER_SEARCH_ROWS) {
        let layout = layout_at(sheet, row);
        let known = layout.headers.iter().filter(|h| h.column.is_some()).count();
        if layout.find(Column::School(SchoolField::Id)).is_none() {
            continue;
        }
        if best.as_ref().is_none_or(|(k, _)| known > *k) {
            best = Some((known, layout));
        }
    }
    best.map(|(_, l)| l)
}

/// The headers of row `row`, each read with the title above it: the row above, where a merged
/// title's text sits in its first cell only, so it is carried right over the empty cells.
fn layout_at(sheet: &Sheet, row: usize) -> Layout {
    let width = sheet.rows[row].len();
    let mut titles: Vec<String> = Vec::with_capacity(width);
    let mut carried = String::new();
    // A sheet's own title ("DANH SÁCH TRƯỜNG ĐẠT KIỂM ĐỊNH…") is one cell in the first column,
    // merged across: it is no group title over the columns below it.
    let above_cells: Vec<usize> = match row.checked_sub(1) {
        Some(r) => (0..sheet.rows[r].len()).filter(|&c| !header_text(sheet.cell(r, c)).is_empty()).collect(),
        None => Vec::new(),
    };
    let group_titles = above_cells.len() >= 2 || above_cells.first().is_some_and(|&c| c > 0);
    for col in 0..width {
        if row > 0 && group_titles {
            let t = header_text(sheet.cell(row - 1, col));
            if !t.is_empty() {
                carried = t;
            }
        }
        titles.push(carried.clone());
    }
    let mut headers = Vec::new();
    for (col, title) in titles.iter().enumerate() {
        let own = header_text(sheet.cell(row, col));
        if own.is_empty() {
            continue;
        }
        // The row above is a title only when it is not itself a header (title rows of the
        // whole sheet sit further up and span every column: they never name a kind).
        let above = if kind_of(&words(title)).is_some() && !title.is_empty() { title.as_str() } else { "" };
        let column = classify(&own, above);
        let text = if above.is_empty() { own } else { format!("{above} – {own}") };
        headers.push(Header { col, text, column });
    }
    // A header that spans two rows (merged vertically) is in the upper row with an empty cell
    // below: it is read from the row above.
    if row > 0 {
        for (col, cell) in sheet.rows[row - 1].iter().enumerate() {
            let t = header_text(cell);
            let below_empty = header_text(sheet.cell(row, col)).is_empty();
            if !t.is_empty() && below_empty && kind_of(&words(&t)).is_none() {
                let column = classify(&t, "");
                if column.is_some() {
                    headers.push(Header { col, text: t, column });
                }
            }
        }
        headers.sort_by_key(|h| h.col);
    }
    // With a `Loại` column, decisions are one per row: "Cấp độ" and "Mức độ" are then the
    // level of whichever kind the row says.
    if headers.iter().any(|h| h.column == Some(Column::Kind)) {
        for h in &mut headers {
            if let Some(Column::Wide(_, field)) = h.column {
                h.column = Some(Column::Long(field));
            }
        }
    } else {
        // Without one, a decision header that names no kind ("Cơ quan ban hành", "Hiệu lực
        // đến") belongs to the only kind the sheet has; "Ngày đánh giá ngoài" is always
        // accreditation's (only accreditation has an external evaluation).
        let kinds: Vec<DecisionKind> = headers
            .iter()
            .filter_map(|h| match h.column {
                Some(Column::Wide(k, _)) => Some(k),
                _ => None,
            })
            .fold(Vec::new(), |mut v, k| {
                if !v.contains(&k) {
                    v.push(k);
                }
                v
            });
        for h in &mut headers {
            if let Some(Column::Long(field)) = h.column {
                h.column = match (field, kinds.as_slice()) {
                    (DecisionField::Evaluated, _) => Some(Column::Wide(DecisionKind::Accreditation, field)),
                    (_, [kind]) => Some(Column::Wide(*kind, field)),
                    _ => None,
                };
            }
        }
    }
    Layout { row, headers }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_their_variants_whatever_the_case_marks_and_punctuation() {
        assert_eq!(classify("Mã trường", ""), Some(Column::School(SchoolField::Id)));
        assert_eq!(classify("MÃ ĐƠN VỊ", ""), Some(Column::School(SchoolField::Id)));
        assert_eq!(classify("Xã/phường", ""), Some(Column::School(SchoolField::Commune)));
        assert_eq!(classify("Xã, phường, đặc khu", ""), Some(Column::School(SchoolField::Commune)));
        assert_eq!(classify("Huyện (cũ)", ""), Some(Column::School(SchoolField::FormerDistrict)));
        assert_eq!(classify("Tên cơ sở giáo dục", ""), Some(Column::School(SchoolField::Name)));
        assert_eq!(classify("Email/Thư điện tử", ""), Some(Column::School(SchoolField::Email)));
        assert_eq!(classify("Số HS", ""), Some(Column::School(SchoolField::Students)));
    }

    #[test]
    fn decision_headers_are_read_in_both_shapes() {
        use DecisionField::*;
        use DecisionKind::*;
        assert_eq!(classify("Cấp độ KĐCLGD", ""), Some(Column::Wide(Accreditation, Level)));
        assert_eq!(classify("Số QĐ KĐ", ""), Some(Column::Wide(Accreditation, Number)));
        assert_eq!(classify("Ngày QĐ CQG", ""), Some(Column::Wide(NationalStandard, Decided)));
        assert_eq!(classify("Mức độ chuẩn QG", ""), Some(Column::Wide(NationalStandard, Level)));
        assert_eq!(classify("Số QĐ", "Kiểm định CLGD"), Some(Column::Wide(Accreditation, Number)));
        assert_eq!(classify("Ngày QĐ", "Chuẩn quốc gia"), Some(Column::Wide(NationalStandard, Decided)));
        assert_eq!(classify("Số quyết định", ""), Some(Column::Long(Number)));
        assert_eq!(classify("Cấp độ/Mức độ", ""), Some(Column::Long(Level)));
        assert_eq!(classify("Loại", ""), Some(Column::Kind));
        assert_eq!(classify("Hiệu lực đến", ""), Some(Column::Long(ValidUntil)));
    }

    #[test]
    fn a_sheet_title_just_above_the_header_is_not_a_group_title() {
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: "DS".into(),
            rows: vec![
                vec![t("DANH SÁCH TRƯỜNG ĐẠT KIỂM ĐỊNH CHẤT LƯỢNG GIÁO DỤC")],
                vec![t("Mã trường"), t("Tên trường"), t("Cấp học"), t("Xã/phường"), t("Cấp độ KĐ"), t("Số QĐ KĐ")],
                vec![t("75000701"), t("Trường Tiểu học A"), t("Tiểu học"), t("Xã A"), t("2"), t("1/QĐ")],
            ],
        };
        let layout = find_layout(&sheet).unwrap();
        assert_eq!(layout.row, 1);
        assert_eq!(layout.find(Column::School(SchoolField::Id)), Some(0));
        assert_eq!(layout.find(Column::School(SchoolField::Commune)), Some(3));
        assert_eq!(layout.headers[0].text, "Mã trường");
    }

    #[test]
    fn kindless_decision_headers_of_a_wide_sheet_take_its_one_kind() {
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: "DS".into(),
            rows: vec![vec![
                t("Mã trường"),
                t("Cấp độ KĐCLGD"),
                t("Số QĐ KĐ"),
                t("Ngày QĐ KĐ"),
                t("Cơ quan ban hành"),
                t("Ngày đánh giá ngoài"),
            ]],
        };
        let layout = find_layout(&sheet).unwrap();
        let acc = |f| Column::Wide(DecisionKind::Accreditation, f);
        assert_eq!(layout.find(acc(DecisionField::Issuer)), Some(4));
        assert_eq!(layout.find(acc(DecisionField::Evaluated)), Some(5));
    }

    #[test]
    fn the_status_columns_of_our_own_workbook_are_not_decisions() {
        assert_eq!(classify("Cấp độ KĐ hiện tại", ""), None);
        assert_eq!(classify("Tình trạng KĐ", ""), None);
        assert_eq!(classify("STT", ""), None);
    }

    #[test]
    fn the_header_row_is_found_under_title_rows_and_a_merged_title() {
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: "DS".into(),
            rows: vec![
                vec![t("SỞ GIÁO DỤC VÀ ĐÀO TẠO")],
                vec![],
                vec![t("STT"), t("Mã trường"), t("Tên trường"), t("Kiểm định CLGD")],
                vec![Cell::Empty, Cell::Empty, Cell::Empty, t("Cấp độ"), t("Số QĐ"), t("Ngày QĐ")],
                vec![t("1"), t("75000701"), t("Trường Tiểu học A"), t("2")],
            ],
        };
        let layout = find_layout(&sheet).unwrap();
        assert_eq!(layout.row, 3);
        assert_eq!(layout.find(Column::School(SchoolField::Id)), Some(1));
        assert_eq!(layout.find(Column::School(SchoolField::Name)), Some(2));
        assert_eq!(layout.find(Column::Wide(DecisionKind::Accreditation, DecisionField::Number)), Some(4));
    }
}
