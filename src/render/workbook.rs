//! `/du-lieu/kiem-dinh.xlsx` and `minhbach export xlsx`: the Sở's tables as one workbook
//! (`import.md`, "Workbook out"): Trường, Quyết định, Kết quả tiêu chí, Tiến độ, Ưu tiên. Each
//! sheet has a frozen bold header row, filters, column widths that fit, Vietnamese headers,
//! real dates and numbers. Only approved reports are in it (the site model publishes no
//! other). The same content and `build_date` give the same bytes: the document's creation
//! time is the build date and zip entries carry no clock time.
//!
//! The Trường and Quyết định sheets use headers that `minhbach import schools` reads back, and
//! the values it understands (cấp học and loại hình in words), so that the workbook imports
//! into the same `school.toml` fields.
//!
//! On a portal of several provinces each province also gets its own workbook of its schools
//! (`du-lieu/tinh/<tỉnh>/kiem-dinh.xlsx`, every sheet). The national one leaves out Kết quả
//! tiêu chí when its rows would not fit one Excel sheet (1,048,576 rows: about 40,000
//! schools with a report): split over sheets of a million rows each, that table is too large
//! to open or filter as one, whereas a province's is a few tens of thousands of rows, and all
//! of it is in `ket-qua-tieu-chi.csv` too.

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::calendar::Date;
use crate::content::school::DecisionKind;
use crate::site::{SchoolEntry, Site, Validity};

/// The workbook's file name under `du-lieu/`.
pub const FILE_NAME: &str = "kiem-dinh.xlsx";

/// Rows of one sheet, header excluded, that Excel can hold.
pub const MAX_ROWS: usize = 1_048_575;

/// The name of the sheet of criteria results (left out of a national workbook too large).
pub const RESULTS_SHEET: &str = "Kết quả tiêu chí";

/// The sheets, each with what it holds, for `/du-lieu/`.
pub const SHEETS: &[(&str, &str)] = &[
    (
        "Trường",
        "Mỗi dòng một trường: mã, tên, cấp học, loại hình, địa bàn, liên hệ; cấp độ kiểm định và mức độ chuẩn quốc gia đang có, hiệu lực đến ngày; báo cáo tự đánh giá mới nhất. Nhập lại được bằng minhbach import schools.",
    ),
    (
        "Quyết định",
        "Mỗi dòng một quyết định công nhận (kiểm định hoặc chuẩn quốc gia): số, ngày, cơ quan ban hành, hiệu lực đến, ngày đánh giá ngoài, tình trạng ngày dữ liệu. Nhập lại được.",
    ),
    (
        "Kết quả tiêu chí",
        "Mỗi dòng một tiêu chí của một báo cáo đã phê duyệt: mức đạt, đạt hay chưa đạt từng mức (ô là số 1 hoặc 0, hiện thành chữ Đạt, Chưa đạt: cộng cột được số tiêu chí đạt), lý do trường ghi.",
    ),
    (
        "Tiến độ",
        "Mỗi xã, phường và mỗi huyện cũ: số trường, số trường đã có báo cáo năm học này, tỉ lệ, các trường chưa có.",
    ),
    (
        "Ưu tiên",
        "Các trường có thể đạt cấp độ kiểm định tiếp theo sớm nhất: cấp độ hiện có, các tiêu chí còn thiếu theo báo cáo mới nhất, đăng ký đánh giá ngoài nếu có.",
    ),
];

/// A cell to write.
enum V<'a> {
    Text(&'a str),
    Owned(String),
    Int(i64),
    Date(Date),
    /// Đạt (true) or chưa đạt (false): the number 1 or 0 shown in words by its format, so
    /// that a column of them is a column of numbers (it sums to the count reached) and two
    /// million of them cost no string lookups.
    Met(bool),
    Empty,
}

/// One sheet being written: header, rows, and the widest text of each column for its width.
struct SheetWriter<'w> {
    sheet: &'w mut Worksheet,
    widths: Vec<usize>,
    row: u32,
    date: Format,
    met: Format,
}

impl<'w> SheetWriter<'w> {
    fn new(sheet: &'w mut Worksheet, name: &str, headers: &[&str]) -> Result<SheetWriter<'w>, XlsxError> {
        sheet.set_name(name)?;
        let bold = Format::new().set_bold();
        let widths = headers.iter().map(|h| h.chars().count()).collect();
        for (c, h) in headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(SheetWriter {
            sheet,
            widths,
            row: 0,
            date: Format::new().set_num_format("dd/mm/yyyy"),
            met: Format::new().set_num_format("\"Đạt\";\"Chưa đạt\";\"Chưa đạt\""),
        })
    }

    fn push(&mut self, cells: &[V<'_>]) -> Result<(), XlsxError> {
        self.row += 1;
        for (c, v) in cells.iter().enumerate() {
            let col = c as u16;
            let width = match v {
                V::Text(t) => {
                    self.sheet.write_string(self.row, col, *t)?;
                    t.chars().count()
                }
                V::Owned(t) => {
                    self.sheet.write_string(self.row, col, t)?;
                    t.chars().count()
                }
                V::Int(n) => {
                    self.sheet.write_number(self.row, col, *n as f64)?;
                    n.to_string().len()
                }
                V::Date(d) => {
                    use chrono::Datelike;
                    let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    self.sheet.write_datetime_with_format(self.row, col, &dt, &self.date)?;
                    10
                }
                V::Met(met) => {
                    self.sheet.write_number_with_format(self.row, col, f64::from(u8::from(*met)), &self.met)?;
                    8
                }
                V::Empty => 0,
            };
            if let Some(w) = self.widths.get_mut(c) {
                *w = (*w).max(width);
            }
        }
        Ok(())
    }

    /// Filters over the header and rows, and widths that fit (within reason: a long reason
    /// text wraps at 60 characters rather than making a column a screen wide).
    fn finish(self) -> Result<(), XlsxError> {
        let last_col = self.widths.len().saturating_sub(1) as u16;
        self.sheet.autofilter(0, 0, self.row, last_col)?;
        for (c, w) in self.widths.iter().enumerate() {
            self.sheet.set_column_width(c as u16, (*w as f64 + 2.0).clamp(6.0, 60.0))?;
        }
        Ok(())
    }
}

fn opt<'a>(s: &'a Option<String>) -> V<'a> {
    s.as_deref().map_or(V::Empty, V::Text)
}

fn opt_int(n: Option<impl Into<i64>>) -> V<'static> {
    n.map_or(V::Empty, |n| V::Int(n.into()))
}

/// "còn hiệu lực" … for a status.
fn validity_words(v: Validity) -> &'static str {
    match v {
        Validity::Valid => "Còn hiệu lực",
        Validity::Expiring => "Sắp hết hiệu lực",
        Validity::Expired => "Hết hiệu lực",
        Validity::None => "Chưa được công nhận",
    }
}

/// Rows of Kết quả tiêu chí for the schools of `selection` (counted, not made).
pub fn result_rows(site: &Site<'_>, selection: &[usize]) -> usize {
    selection
        .iter()
        .flat_map(|&i| site.schools[i].reports.iter().filter(|r| r.report.is_approved()))
        .map(|r| r.framework.standards.iter().map(|s| s.criteria.len()).sum::<usize>())
        .sum()
}

/// Whether the site's own workbook has the sheet Kết quả tiêu chí: always on a site of one
/// province (past Excel's row limit it goes on in more sheets); on a portal of several, only
/// when it fits one sheet (see the module's comment).
pub fn has_results(site: &Site<'_>) -> bool {
    !site.is_national() || result_rows(site, &crate::render::data::all(site)) <= MAX_ROWS
}

/// Builds the workbook of `site` into bytes: every school, the sheet of criteria results as
/// [`has_results`] says.
pub fn workbook(site: &Site<'_>) -> Result<Vec<u8>, XlsxError> {
    workbook_of(site, &crate::render::data::all(site), has_results(site))
}

/// Builds the workbook of the schools in `selection` (a province's, on a portal of several),
/// with or without the sheet Kết quả tiêu chí.
pub fn workbook_of(site: &Site<'_>, selection: &[usize], results: bool) -> Result<Vec<u8>, XlsxError> {
    let config = &site.content.config;
    let mut book = Workbook::new();
    use chrono::Datelike;
    let bd = config.build_date;
    let created = ExcelDateTime::from_ymd(bd.year() as u16, bd.month() as u8, bd.day() as u8)?;
    book.set_properties(
        &DocProperties::new()
            .set_title("Kiểm định chất lượng giáo dục")
            .set_author(&config.authority)
            .set_company(&config.authority)
            .set_creation_datetime(&created),
    );
    // Low-memory worksheets: rows go to a temporary file as they are written, and strings to
    // one shared table, so a school's name or a criterion's title repeated on two million rows
    // of Kết quả tiêu chí is stored once (at 45,000 schools: 78 MB and 21 s, against 90 MB and
    // 39 s with every string inline).
    schools_sheet(book.add_worksheet_with_low_memory(), site, selection)?;
    decisions_sheet(book.add_worksheet_with_low_memory(), site, selection)?;
    if results {
        results_sheets(&mut book, site, selection)?;
    }
    progress_sheet(book.add_worksheet_with_low_memory(), site, selection)?;
    priority_sheet(book.add_worksheet_with_low_memory(), site, selection)?;
    book.save_to_buffer()
}

/// The schools of `selection`, in its order.
fn chosen<'s, 'a>(site: &'s Site<'a>, selection: &'s [usize]) -> impl Iterator<Item = &'s SchoolEntry<'a>> {
    selection.iter().map(|&i| &site.schools[i])
}

fn schools_sheet(sheet: &mut Worksheet, site: &Site<'_>, selection: &[usize]) -> Result<(), XlsxError> {
    let mut w = SheetWriter::new(
        sheet,
        "Trường",
        &[
            "Mã trường",
            "Tên trường",
            "Cấp học",
            "Loại hình",
            "Tỉnh/thành phố",
            "Xã/phường",
            "Huyện (cũ)",
            "Địa chỉ",
            "Hiệu trưởng",
            "Điện thoại",
            "Email",
            "Website",
            "Số học sinh",
            "Số lớp",
            "Cấp độ KĐ hiện tại",
            "Tình trạng KĐ",
            "KĐ hiệu lực đến (hiện tại)",
            "Mức độ CQG hiện tại",
            "Tình trạng CQG",
            "CQG hiệu lực đến (hiện tại)",
            "Năm học báo cáo mới nhất",
            "Mức đạt theo báo cáo",
            "Trang web của trường",
        ],
    )?;
    for e in chosen(site, selection) {
        let s = e.school;
        let latest = e.latest_approved();
        let until = |st: &crate::site::Status<'_>| st.decision.map_or(V::Empty, |d| V::Date(d.valid_until.value));
        w.push(&[
            V::Text(&s.id.value.0),
            V::Text(&s.name),
            V::Text(s.level.label()),
            V::Text(s.ownership.label()),
            V::Text(&s.province),
            V::Text(&s.commune),
            opt(&s.former_district),
            opt(&s.address),
            opt(&s.principal),
            opt(&s.phone),
            opt(&s.email),
            opt(&s.website),
            opt_int(s.students),
            opt_int(s.classes),
            opt_int(e.accreditation.level()),
            V::Text(validity_words(e.accreditation.validity)),
            until(&e.accreditation),
            opt_int(e.national_standard.level()),
            V::Text(validity_words(e.national_standard.validity)),
            until(&e.national_standard),
            latest.map_or(V::Empty, |r| V::Owned(r.report.year.to_string())),
            opt_int(latest.and_then(|r| r.judgement.level)),
            V::Owned(crate::render::data::absolute(site, &e.url())),
        ])?;
    }
    w.finish()
}

fn decisions_sheet(sheet: &mut Worksheet, site: &Site<'_>, selection: &[usize]) -> Result<(), XlsxError> {
    let config = &site.content.config;
    let mut w = SheetWriter::new(
        sheet,
        "Quyết định",
        &[
            "Mã trường",
            "Tên trường",
            "Tỉnh/thành phố",
            "Loại",
            "Cấp độ/Mức độ",
            "Số quyết định",
            "Ngày quyết định",
            "Hiệu lực đến",
            "Cơ quan ban hành",
            "Ngày đánh giá ngoài",
            "Tình trạng",
        ],
    )?;
    for e in chosen(site, selection) {
        let mut decisions: Vec<_> = e.school.decisions.iter().collect();
        decisions.sort_by_key(|d| (d.decided.value, d.kind, d.level.value));
        for d in decisions {
            let kind = match d.kind {
                DecisionKind::Accreditation => "Kiểm định",
                DecisionKind::NationalStandard => "Chuẩn quốc gia",
            };
            let state = crate::site::status::validity_of(d, config.build_date, config.expiry_warning_days);
            w.push(&[
                V::Text(&e.school.id.value.0),
                V::Text(&e.school.name),
                V::Text(&e.school.province),
                V::Text(kind),
                V::Int(d.level.value),
                V::Text(&d.number),
                V::Date(d.decided.value),
                V::Date(d.valid_until.value),
                opt(&d.issuer),
                d.evaluated.map_or(V::Empty, V::Date),
                V::Text(validity_words(state)),
            ])?;
        }
    }
    w.finish()
}

/// Kết quả tiêu chí: one row per school × approved report × criterion; past Excel's row limit
/// the rows go on in "Kết quả tiêu chí (2)" and so on.
fn results_sheets(book: &mut Workbook, site: &Site<'_>, selection: &[usize]) -> Result<(), XlsxError> {
    const HEADERS: &[&str] = &[
        "Mã trường",
        "Tên trường",
        "Tỉnh/thành phố",
        "Năm học",
        "Bộ tiêu chuẩn",
        "Tiêu chuẩn",
        "Tiêu chí",
        "Tên tiêu chí",
        "Mức đạt",
        "Mức 1",
        "Mức 2",
        "Mức 3",
        "Lý do, ghi chú",
    ];
    let mut part = 1;
    let mut w = SheetWriter::new(book.add_worksheet_with_low_memory(), RESULTS_SHEET, HEADERS)?;
    let mut rows = 0usize;
    for e in chosen(site, selection) {
        for r in e.reports.iter().filter(|r| r.report.is_approved()) {
            let notes: BTreeMap<&str, Option<&str>> =
                r.report.results.iter().rev().map(|x| (x.criterion.as_str(), x.note.as_deref())).collect();
            let year = r.report.year.to_string();
            for s in &r.framework.standards {
                for c in &s.criteria {
                    let level = r.judgement.assessment.results.get(&c.id).copied();
                    // A level the criterion does not have (Mức 3 under Circular 57) is left empty.
                    let mark = |n: u8| {
                        if n > c.max_level { V::Empty } else { V::Met(level.is_some_and(|l| l >= n)) }
                    };
                    let row = [
                        V::Text(&e.school.id.value.0),
                        V::Text(&e.school.name),
                        V::Text(&e.school.province),
                        V::Text(&year),
                        V::Text(&r.framework.id.0),
                        V::Int(i64::from(s.number)),
                        V::Text(&c.id.0),
                        V::Text(&c.title),
                        opt_int(level),
                        mark(1),
                        mark(2),
                        mark(3),
                        notes.get(c.id.0.as_str()).copied().flatten().map_or(V::Empty, V::Text),
                    ];
                    if rows == MAX_ROWS {
                        w.finish()?;
                        part += 1;
                        let name = format!("{RESULTS_SHEET} ({part})");
                        w = SheetWriter::new(book.add_worksheet_with_low_memory(), &name, HEADERS)?;
                        rows = 0;
                    }
                    w.push(&row)?;
                    rows += 1;
                }
            }
        }
    }
    w.finish()
}

fn progress_sheet(sheet: &mut Worksheet, site: &Site<'_>, selection: &[usize]) -> Result<(), XlsxError> {
    use crate::site::stats;
    let year = site.current_school_year;
    let approved_header = format!("Đã có báo cáo năm học {year}");
    let mut w = SheetWriter::new(
        sheet,
        "Tiến độ",
        &[
            "Địa bàn",
            "Tên địa bàn",
            "Tỉnh/thành phố",
            "Số trường",
            &approved_header,
            "Tỉ lệ (%)",
            "Số trường chưa có báo cáo",
            "Các trường chưa có báo cáo",
        ],
    )?;
    let communes = stats::areas(&site.schools, selection, year, stats::commune_of);
    let districts = stats::areas(&site.schools, selection, year, stats::district_of);
    for (kind, areas) in [("Xã/phường", &communes), ("Huyện cũ", &districts)] {
        for a in areas {
            let missing: Vec<&str> = a.missing_report.iter().map(|&i| site.schools[i].school.name.as_str()).collect();
            let percent = if a.schools.is_empty() {
                0
            } else {
                (a.with_current_report * 100 + a.schools.len() / 2) / a.schools.len()
            };
            w.push(&[
                V::Text(kind),
                V::Text(&a.name),
                V::Text(&a.province),
                V::Int(a.schools.len() as i64),
                V::Int(a.with_current_report as i64),
                V::Int(percent as i64),
                V::Int(missing.len() as i64),
                V::Owned(missing.join("; ")),
            ])?;
        }
    }
    w.finish()
}

/// A school's way to its next cấp độ: the target and what its latest report still lacks.
struct Priority<'s, 'a> {
    entry: &'s SchoolEntry<'a>,
    target: u8,
    missing: Vec<String>,
    year: String,
    computed: Option<u8>,
}

fn priority_sheet(sheet: &mut Worksheet, site: &Site<'_>, selection: &[usize]) -> Result<(), XlsxError> {
    let mut list: Vec<Priority<'_, '_>> = Vec::new();
    for e in chosen(site, selection) {
        let Some(r) = e.latest_approved() else { continue };
        let target = e.accreditation.current_level() + 1;
        if !r.framework.rules.levels.iter().any(|l| l.level == target) {
            continue;
        }
        let missing = r.framework.shortfall(&r.judgement.assessment, target).map(|s| s.failing).unwrap_or_default();
        list.push(Priority { entry: e, target, missing, year: r.report.year.to_string(), computed: r.judgement.level });
    }
    // Soonest first: fewest criteria missing, then the school list's own order.
    list.sort_by_key(|p| p.missing.len());
    let mut w = SheetWriter::new(
        sheet,
        "Ưu tiên",
        &[
            "Thứ tự",
            "Mã trường",
            "Tên trường",
            "Tỉnh/thành phố",
            "Xã/phường",
            "Cấp độ KĐ hiện có",
            "Mức độ CQG hiện có",
            "Cấp độ hướng tới",
            "Năm học báo cáo",
            "Mức đạt theo báo cáo",
            "Số tiêu chí còn thiếu",
            "Các tiêu chí còn thiếu",
            "Đăng ký",
        ],
    )?;
    for (i, p) in list.iter().enumerate() {
        let s = p.entry.school;
        let registration = s.registrations.iter().max_by_key(|r| (r.school_year, r.semester)).map(|r| {
            let mut t = format!("{} học kỳ {}: {}", r.school_year, r.semester, r.kind.label());
            if let Some(target) = r.target_label() {
                t.push_str(&format!(", {target}"));
            }
            if let Some(priority) = r.priority {
                t.push_str(&format!(", ưu tiên {priority}"));
            }
            t
        });
        w.push(&[
            V::Int(i as i64 + 1),
            V::Text(&s.id.value.0),
            V::Text(&s.name),
            V::Text(&s.province),
            V::Text(&s.commune),
            V::Int(i64::from(p.entry.accreditation.current_level())),
            V::Int(i64::from(p.entry.national_standard.current_level())),
            V::Int(i64::from(p.target)),
            V::Text(&p.year),
            opt_int(p.computed),
            V::Int(p.missing.len() as i64),
            V::Owned(p.missing.join("; ")),
            registration.map_or(V::Empty, V::Owned),
        ])?;
    }
    w.finish()
}

/// `minhbach export xlsx`: loads and checks the site as `build` does, then writes only the
/// workbook to `output`. `Ok(Err(findings))` when the content has errors (nothing written).
pub fn export(
    root: &Path,
    output: &Path,
    dates: crate::content::DateSource,
) -> Result<Result<u64, Vec<crate::diagnostic::Diagnostic>>, crate::build::BuildError> {
    let bytes = crate::build::with_site(root, dates, workbook)?;
    match bytes {
        Err(diags) => Ok(Err(diags)),
        Ok(bytes) => {
            let bytes = bytes.map_err(|e| crate::build::BuildError::Workbook(e.to_string()))?;
            std::fs::write(output, &bytes)
                .map_err(|e| crate::build::BuildError::Workbook(format!("{}: {e}", output.display())))?;
            Ok(Ok(bytes.len() as u64))
        }
    }
}
