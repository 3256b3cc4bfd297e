//! Open data (`/du-lieu/`): CSV (UTF-8 with a byte-order mark so that Excel shows Vietnamese,
//! RFC 4180 quoting by the `csv` crate) and JSON. Only approved reports are exported.
//!
//! Each file is made from a selection of schools (indexes into [`Site::schools`]): all of
//! them for the national file, one province's for the per-province files of a portal of
//! several provinces (`/du-lieu/tinh/<tỉnh>/`), which have the same columns.

use std::io::{self, Write};

use serde::Serialize;

use crate::site::{SchoolEntry, Site, Status, Validity};

/// A column of an exported file, documented on `/du-lieu/`.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// Header.
    pub name: &'static str,
    /// Type in words.
    pub kind: &'static str,
    /// Meaning.
    pub meaning: &'static str,
}

macro_rules! columns {
    ($($name:literal : $kind:literal = $meaning:literal,)*) => { &[$(Column { name: $name, kind: $kind, meaning: $meaning }),*] };
}

/// Columns of `truong.csv` (and fields of `truong.json`).
pub const SCHOOL_COLUMNS: &[Column] = columns![
    "id": "văn bản" = "Mã trường",
    "name": "văn bản" = "Tên trường",
    "level": "mam-non | tieu-hoc | thcs | thpt | nhieu-cap | gdtx" = "Cấp học",
    "ownership": "cong-lap | tu-thuc | dan-lap" = "Loại hình",
    "province": "văn bản" = "Tỉnh, thành phố",
    "commune": "văn bản" = "Xã, phường, đặc khu",
    "former_district": "văn bản, có thể trống" = "Huyện cũ (trước 01/7/2025)",
    "address": "văn bản, có thể trống" = "Địa chỉ",
    "principal": "văn bản, có thể trống" = "Hiệu trưởng",
    "phone": "văn bản, có thể trống" = "Điện thoại",
    "email": "văn bản, có thể trống" = "Thư điện tử",
    "students": "số nguyên, có thể trống" = "Số học sinh",
    "classes": "số nguyên, có thể trống" = "Số lớp",
    "accreditation_level": "1–4, có thể trống" = "Cấp độ kiểm định đang có hiệu lực (hoặc cấp độ cuối cùng nếu đã hết hiệu lực)",
    "accreditation_status": "valid | expiring | expired | none" = "Tình trạng kiểm định ngày dữ liệu: còn hiệu lực, sắp hết hiệu lực, hết hiệu lực, chưa được công nhận",
    "accreditation_valid_until": "ngày YYYY-MM-DD, có thể trống" = "Hiệu lực kiểm định đến ngày",
    "national_standard_level": "1–2, có thể trống" = "Mức độ chuẩn quốc gia (như trên)",
    "national_standard_status": "valid | expiring | expired | none" = "Tình trạng chuẩn quốc gia ngày dữ liệu",
    "national_standard_valid_until": "ngày YYYY-MM-DD, có thể trống" = "Hiệu lực chuẩn quốc gia đến ngày",
    "latest_report_year": "YYYY-YYYY, có thể trống" = "Năm học của báo cáo tự đánh giá mới nhất đã phê duyệt",
    "latest_report_level": "0–4, có thể trống" = "Mức đạt tính theo quy định của báo cáo đó (0 = không đạt)",
    "url": "địa chỉ web" = "Trang của trường",
];

/// Columns of `quyet-dinh.csv`.
pub const DECISION_COLUMNS: &[Column] = columns![
    "school_id": "văn bản" = "Mã trường",
    "school_name": "văn bản" = "Tên trường",
    "province": "văn bản" = "Tỉnh, thành phố của trường",
    "kind": "accreditation | national_standard" = "Kiểm định chất lượng giáo dục hoặc trường đạt chuẩn quốc gia",
    "level": "số nguyên" = "Cấp độ (1–4) hoặc mức độ (1–2)",
    "decision": "văn bản" = "Số quyết định",
    "decided": "ngày YYYY-MM-DD" = "Ngày quyết định",
    "valid_until": "ngày YYYY-MM-DD" = "Hiệu lực đến ngày",
    "issuer": "văn bản, có thể trống" = "Cơ quan ban hành",
    "evaluated": "ngày YYYY-MM-DD, có thể trống" = "Ngày đánh giá ngoài",
    "status": "valid | expiring | expired" = "Tình trạng ngày dữ liệu",
];

/// Columns of `ket-qua-tieu-chi.csv`.
pub const RESULT_COLUMNS: &[Column] = columns![
    "school_id": "văn bản" = "Mã trường",
    "school_name": "văn bản" = "Tên trường",
    "province": "văn bản" = "Tỉnh, thành phố của trường",
    "school_year": "YYYY-YYYY" = "Năm học của báo cáo tự đánh giá",
    "framework": "văn bản" = "Bộ tiêu chuẩn (mã, ví dụ tt17-2018-tieu-hoc, tt57-2026-pho-thong)",
    "standard": "số nguyên" = "Tiêu chuẩn",
    "criterion": "N.M" = "Tiêu chí",
    "criterion_title": "văn bản" = "Tên tiêu chí",
    "level": "0–3 (2018), 0–2 (2026)" = "Mức đạt của tiêu chí (0 = không đạt)",
    "met": "true | false" = "Đạt (từ Mức 1 trở lên)",
    "note": "văn bản, có thể trống" = "Ghi chú của trường",
];

/// The file name of the schools without an approved report this school year, beside
/// `/thong-ke/` and each province's page.
pub const MISSING_REPORTS_CSV: &str = "truong-chua-co-bao-cao.csv";

/// Columns of [`MISSING_REPORTS_CSV`].
pub const MISSING_COLUMNS: &[Column] = columns![
    "province": "văn bản" = "Tỉnh, thành phố",
    "commune": "văn bản" = "Xã, phường, đặc khu",
    "school_id": "văn bản" = "Mã trường",
    "school_name": "văn bản" = "Tên trường",
    "level": "mam-non | tieu-hoc | thcs | thpt | nhieu-cap | gdtx" = "Cấp học",
    "last_report_year": "YYYY-YYYY, trống nếu chưa bao giờ" = "Năm học của báo cáo tự đánh giá gần nhất đã phê duyệt",
    "accreditation_status": "valid | expiring | expired | none" = "Tình trạng kiểm định ngày dữ liệu",
    "accreditation_valid_until": "ngày YYYY-MM-DD, có thể trống" = "Hiệu lực kiểm định đến ngày",
    "phone": "văn bản, có thể trống" = "Điện thoại",
    "email": "văn bản, có thể trống" = "Thư điện tử",
    "url": "địa chỉ web" = "Trang của trường",
];

/// Writes [`MISSING_REPORTS_CSV`] of the schools `members` (indices into the site's schools,
/// in the order given) into `out`.
pub fn missing_reports_csv(site: &Site<'_>, members: &[usize], out: &mut dyn Write) -> io::Result<()> {
    csv_to(out, |w| {
        w.write_record(MISSING_COLUMNS.iter().map(|c| c.name))?;
        for e in chosen(site, members) {
            let s = e.school;
            let (_, state, until) = status_fields(&e.accreditation);
            let last = e.latest_approved().map(|r| r.report.year.to_string());
            w.write_record([
                s.province.as_str(),
                &s.commune,
                &s.id.value.0,
                &s.name,
                s.level.key(),
                last.as_deref().unwrap_or(""),
                state,
                &until,
                s.phone.as_deref().unwrap_or(""),
                s.email.as_deref().unwrap_or(""),
                &absolute(site, &e.url()),
            ])?;
        }
        Ok(())
    })
}

/// The absolute URL of root-relative `url`.
pub(crate) fn absolute(site: &Site<'_>, url: &str) -> String {
    format!("{}/{url}", site.content.config.base_url)
}

fn status_fields(s: &Status<'_>) -> (String, &'static str, String) {
    let level = s.level().map(|l| l.to_string()).unwrap_or_default();
    let until = s.decision.map(|d| d.valid_until.value.to_string()).unwrap_or_default();
    let state = if s.validity == Validity::None { "none" } else { s.validity.key() };
    (level, state, until)
}

/// One school as exported.
#[derive(Debug, Serialize)]
struct SchoolRow {
    id: String,
    name: String,
    level: &'static str,
    ownership: &'static str,
    province: String,
    commune: String,
    former_district: Option<String>,
    address: Option<String>,
    principal: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    students: Option<u32>,
    classes: Option<u32>,
    accreditation_level: Option<u8>,
    accreditation_status: &'static str,
    accreditation_valid_until: Option<String>,
    national_standard_level: Option<u8>,
    national_standard_status: &'static str,
    national_standard_valid_until: Option<String>,
    latest_report_year: Option<String>,
    latest_report_level: Option<u8>,
    url: String,
}

fn school_row(site: &Site<'_>, e: &SchoolEntry<'_>) -> SchoolRow {
    let s = e.school;
    let (_, a_state, a_until) = status_fields(&e.accreditation);
    let (_, n_state, n_until) = status_fields(&e.national_standard);
    let latest = e.latest_approved();
    SchoolRow {
        id: s.id.value.0.clone(),
        name: s.name.clone(),
        level: s.level.key(),
        ownership: s.ownership.key(),
        province: s.province.clone(),
        commune: s.commune.clone(),
        former_district: s.former_district.clone(),
        address: s.address.clone(),
        principal: s.principal.clone(),
        phone: s.phone.clone(),
        email: s.email.clone(),
        students: s.students,
        classes: s.classes,
        accreditation_level: e.accreditation.level(),
        accreditation_status: a_state,
        accreditation_valid_until: Some(a_until).filter(|u| !u.is_empty()),
        national_standard_level: e.national_standard.level(),
        national_standard_status: n_state,
        national_standard_valid_until: Some(n_until).filter(|u| !u.is_empty()),
        latest_report_year: latest.map(|r| r.report.year.to_string()),
        latest_report_level: latest.and_then(|r| r.judgement.level),
        url: absolute(site, &e.url()),
    }
}

/// Writes a CSV file (UTF-8 with BOM, so that Excel reads Vietnamese correctly; CRLF) to `out`.
fn csv_to(
    out: &mut dyn Write,
    write: impl FnOnce(&mut csv::Writer<&mut dyn Write>) -> csv::Result<()>,
) -> io::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
    write(&mut w).map_err(io::Error::other)?;
    w.flush()
}

/// The schools of `selection`, in its order.
fn chosen<'s, 'a>(site: &'s Site<'a>, selection: &'s [usize]) -> impl Iterator<Item = &'s SchoolEntry<'a>> {
    selection.iter().map(|&i| &site.schools[i])
}

/// Every school of `site`, as a selection.
pub fn all(site: &Site<'_>) -> Vec<usize> {
    (0..site.schools.len()).collect()
}

/// `truong.csv` of the schools in `selection`.
pub fn schools_csv(site: &Site<'_>, selection: &[usize], out: &mut dyn Write) -> io::Result<()> {
    csv_to(out, |w| {
        for e in chosen(site, selection) {
            w.serialize(school_row(site, e))?;
        }
        if selection.is_empty() {
            w.write_record(SCHOOL_COLUMNS.iter().map(|c| c.name))?;
        }
        Ok(())
    })
}

/// `truong.json` of the schools in `selection`: the same rows as `truong.csv`, with each
/// school's approved reports. `province` names the province of a per-province file.
pub fn schools_json(
    site: &Site<'_>,
    selection: &[usize],
    province: Option<&str>,
    out: &mut dyn Write,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct ReportJson {
        school_year: String,
        framework: String,
        approved_on: Option<String>,
        level: Option<u8>,
        url: String,
    }
    #[derive(Serialize)]
    struct SchoolJson {
        #[serde(flatten)]
        row: SchoolRow,
        reports: Vec<ReportJson>,
    }
    #[derive(Serialize)]
    struct Doc<'a> {
        authority: &'a str,
        build_date: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        province: Option<&'a str>,
        schools: Vec<SchoolJson>,
    }
    let schools = chosen(site, selection)
        .map(|e| SchoolJson {
            row: school_row(site, e),
            reports: e
                .reports
                .iter()
                .filter(|r| r.report.is_approved())
                .map(|r| ReportJson {
                    school_year: r.report.year.to_string(),
                    framework: r.framework.id.0.clone(),
                    approved_on: r.report.approved_on.as_ref().map(|d| d.value.to_string()),
                    level: r.judgement.level,
                    url: absolute(site, &r.url(e.school)),
                })
                .collect(),
        })
        .collect();
    let doc = Doc {
        authority: &site.content.config.authority,
        build_date: site.content.config.build_date.to_string(),
        province,
        schools,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// `quyet-dinh.csv` of the schools in `selection`.
pub fn decisions_csv(site: &Site<'_>, selection: &[usize], out: &mut dyn Write) -> io::Result<()> {
    let config = &site.content.config;
    csv_to(out, |w| {
        w.write_record(DECISION_COLUMNS.iter().map(|c| c.name))?;
        for e in chosen(site, selection) {
            let mut decisions: Vec<_> = e.school.decisions.iter().collect();
            decisions.sort_by_key(|d| (d.decided.value, d.kind, d.level.value));
            for d in decisions {
                let state = crate::site::status::validity_of(d, config.build_date, config.expiry_warning_days).key();
                w.write_record([
                    e.school.id.value.0.as_str(),
                    &e.school.name,
                    &e.school.province,
                    d.kind.key(),
                    &d.level.value.to_string(),
                    &d.number,
                    &d.decided.value.to_string(),
                    &d.valid_until.value.to_string(),
                    d.issuer.as_deref().unwrap_or(""),
                    &d.evaluated.map(|v| v.to_string()).unwrap_or_default(),
                    state,
                ])?;
            }
        }
        Ok(())
    })
}

/// `ket-qua-tieu-chi.csv` of the schools in `selection`: one row per school × approved report ×
/// criterion of its framework.
pub fn results_csv(site: &Site<'_>, selection: &[usize], out: &mut dyn Write) -> io::Result<()> {
    csv_to(out, |w| {
        w.write_record(RESULT_COLUMNS.iter().map(|c| c.name))?;
        for e in chosen(site, selection) {
            for r in e.reports.iter().filter(|r| r.report.is_approved()) {
                // Looked up by criterion below: a scan of the results for each of 25 criteria
                // was most of the time spent on this file.
                // (In reverse, so that the first entry of a criterion is the one kept.)
                let notes: rustc_hash::FxHashMap<&str, Option<&str>> =
                    r.report.results.iter().rev().map(|x| (x.criterion.as_str(), x.note.as_deref())).collect();
                let year = r.report.year.to_string();
                for s in &r.framework.standards {
                    let number = s.number.to_string();
                    for c in &s.criteria {
                        let level = r.judgement.assessment.results.get(&c.id).copied();
                        let note = notes.get(c.id.0.as_str()).copied().flatten();
                        w.write_record([
                            e.school.id.value.0.as_str(),
                            &e.school.name,
                            &e.school.province,
                            &year,
                            &r.framework.id.0,
                            &number,
                            &c.id.0,
                            &c.title,
                            &level.map(|l| l.to_string()).unwrap_or_default(),
                            if level.is_some_and(|l| l >= 1) { "true" } else { "false" },
                            note.unwrap_or(""),
                        ])?;
                    }
                }
            }
        }
        Ok(())
    })
}

/// A province's row of the table of per-province files on `/du-lieu/`.
#[derive(Debug, Serialize)]
pub struct ProvinceFilesCtx {
    /// The province.
    pub name: String,
    /// Root-relative URL of its page.
    pub url: String,
    /// Its files, in the table's column order.
    pub files: Vec<FileLinkCtx>,
}

/// One file of a province on `/du-lieu/`.
#[derive(Debug, Serialize)]
pub struct FileLinkCtx {
    /// File name.
    pub name: &'static str,
    /// Root-relative URL.
    pub url: String,
    /// Its size in words.
    pub size_text: String,
    /// Its data rows.
    pub rows: usize,
}

/// `n` with a dot between groups of three digits, as Vietnamese writes numbers.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped_with_dots() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1_048_575), "1.048.575");
        assert_eq!(super::thousands(12_345), "12.345");
    }
}
