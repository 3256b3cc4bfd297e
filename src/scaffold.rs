//! `minhbach new`: scaffolds a school folder or a draft report from the framework.
//!
//! Both commands write one new file and never overwrite an existing one (the file is
//! created with `create_new`, so even a race with an editor cannot clobber a school's data).
//!
//! `new school <slug>` writes `content/schools/<slug>/school.toml` with every field of
//! docs/huong-dan/dinh-dang.md, each with a comment saying what it is, its allowed values and an
//! example; the optional fields and the decision tables are commented out. The four required
//! fields cannot be left empty (`check` rejects an empty `id`, `name` or `commune`, and a
//! `level` outside the list), yet an untouched new school must stay loadable so that the
//! publisher can go on with `new report`. So:
//!
//! - `id`, `name` and `commune` get a value starting with [`TO_FILL`] ("CHƯA ĐIỀN", "not
//!   filled in yet"), which a publisher can search for. `id` also carries the slug, because
//!   ids must be unique in the site (`school.duplicate-id`) and several schools may be
//!   scaffolded before any is filled in. `check` reports each placeholder left as a
//!   `school.field-invalid` error (`check/placeholders.rs`), so they are never published.
//! - `level` must be a real level, because it chooses the framework of every report. It is
//!   guessed from the usual prefix of the folder name (`mn-`, `th-`, `thcs-`, `thpt-`,
//!   `th-thcs-`, `ptnc-`, `gdtx-`…, the names of the sample province), and the comment says
//!   it was guessed; without a known prefix it is `tieu-hoc` and the comment says so louder.
//!
//! An existing school folder without `school.toml` is accepted: `check` itself tells the
//! publisher to run `minhbach new school <slug>` for such a folder.
//!
//! `new report <slug> <YYYY-YYYY>` reads the school's `school.toml` with the content loader,
//! chooses the framework with the selection table exactly as `check` does for a draft (school
//! level, school year, and `build_date` as the approval date), and writes a draft: every
//! criterion of the framework at `0` in `[results]`, `claimed_level = 0` (consistent with
//! those results), the Mức 4 items at `false` for a 2018 framework, then the heading skeleton
//! of docs/huong-dan/dinh-dang.md with the standard and criterion titles of the catalog, the
//! sub-sections that `structure.section-missing` asks for in that framework's shape (per
//! criterion for the 2018 forms, per standard for Circular 57), and an empty evidence list
//! with the header row of docs/huong-dan/dinh-dang.md. The framework is named in a comment, not in a
//! `framework` key: an explicit key would pin it and turn a later approval date into a
//! `report.framework-date` warning, while the default follows the law.

use std::fmt::Write as _;
use std::fs::{self, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::calendar::{Date, SchoolYear, SchoolYearError, format_vi};
use crate::content::school::{DEFAULT_VALIDITY_YEARS, Ownership, RegistrationKind};
use crate::content::{self, Config, DateSource, LoadError, SchoolLevel, SchoolSlug};
use crate::diagnostic::{Diagnostics, Severity, display_path};
use crate::regulation::select::NoFramework;
use crate::regulation::{Framework, Regulation, RegulationError};

/// The mark at the start of every placeholder value of a new `school.toml`.
pub const TO_FILL: &str = "CHƯA ĐIỀN";

/// The level written when the folder name has no known prefix: one whose framework exists in
/// every era, so that `new report` works while the publisher has not corrected it yet.
const FALLBACK_LEVEL: SchoolLevel = SchoolLevel::TieuHoc;

/// Why a scaffold could not be written. Nothing is written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    /// No config.toml at the root.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The slug is not `[a-z0-9-]+`.
    #[error("{}", slug_message(.slug, .suggestion))]
    Slug {
        /// As given.
        slug: String,
        /// [`crate::text::slugify`] of it, when that is not empty.
        suggestion: Option<String>,
    },
    /// `school.toml` is already there.
    #[error("{} already exists and was left untouched: edit it, or choose another folder name", .0.display())]
    SchoolExists(PathBuf),
    /// No `school.toml` for the slug.
    #[error("there is no school {slug:?} ({} not found): create it first with `minhbach new school {slug}`", .path.display())]
    NoSchool {
        /// As given.
        slug: String,
        /// The missing `school.toml`.
        path: PathBuf,
    },
    /// The school year is not `YYYY-YYYY` with consecutive years.
    #[error("{year:?} is not a school year: {source}")]
    Year {
        /// As given.
        year: String,
        /// Why.
        source: SchoolYearError,
    },
    /// `config.toml` or `school.toml` has errors, so the framework cannot be chosen.
    #[error(
        "{file} has errors, so the framework of the report cannot be chosen:\n{findings}\nfix them (minhbach check lists every finding), then run the command again"
    )]
    Invalid {
        /// The file at fault, relative to the root.
        file: String,
        /// Its errors, one per line.
        findings: String,
    },
    /// No framework judges a report of this school's level in this school year.
    #[error("{reason}, so no report can be written for it: check the school year, and `level` in {file}")]
    NoFramework {
        /// Which rule of the selection table fails.
        reason: String,
        /// The school's `school.toml`, relative to the root.
        file: String,
    },
    /// The report file is already there.
    #[error("{} already exists and was left untouched: edit it instead", .0.display())]
    ReportExists(PathBuf),
    /// A file system error.
    #[error("cannot write {}: {source}", .path.display())]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The shipped regulation data is broken (a bug).
    #[error(transparent)]
    Regulation(#[from] RegulationError),
}

fn slug_message(slug: &str, suggestion: &Option<String>) -> String {
    let rule = "is the school's address on the site and may only use a-z, 0-9 and -";
    match suggestion {
        Some(s) => format!("the folder name {slug:?} {rule}: use {s}"),
        None => format!("the folder name {slug:?} {rule}: use a name such as thcs-le-loi"),
    }
}

/// Writes `content/schools/<slug>/school.toml` and returns its path.
pub fn new_school(root: &Path, slug: &str) -> Result<PathBuf, NewError> {
    require_config(root)?;
    check_slug(slug)?;
    let dir = root.join("content").join("schools").join(slug);
    let path = dir.join("school.toml");
    if path.exists() {
        return Err(NewError::SchoolExists(path));
    }
    // The config only colours the examples (province, school year); a broken one is
    // reported by `check`, not here.
    let config = content::config::load(&root.join("config.toml"), DateSource::Environment, &mut Diagnostics::new());
    let regulation = Regulation::embedded()?;
    let text = school_toml(slug, config.as_ref(), &regulation);
    fs::create_dir_all(&dir).map_err(|source| NewError::Io { path: dir.clone(), source })?;
    write_new(&path, &text).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => NewError::SchoolExists(path.clone()),
        _ => NewError::Io { path: path.clone(), source: e },
    })?;
    Ok(path)
}

/// Writes a draft report `content/schools/<slug>/<year>.md` and returns its path.
pub fn new_report(root: &Path, slug: &str, year: &str) -> Result<PathBuf, NewError> {
    require_config(root)?;
    check_slug(slug)?;
    let school_year: SchoolYear = year.parse().map_err(|source| NewError::Year { year: year.to_owned(), source })?;
    let dir = root.join("content").join("schools").join(slug);
    let toml_path = dir.join("school.toml");
    if !toml_path.is_file() {
        return Err(NewError::NoSchool { slug: slug.to_owned(), path: toml_path });
    }

    let mut diags = Diagnostics::new();
    let Some(config) = content::config::load(&root.join("config.toml"), DateSource::Environment, &mut diags) else {
        return Err(invalid("config.toml", diags));
    };
    let file = display_path(root, &toml_path);
    let school = content::read_text(&toml_path, &file, &mut diags)
        .and_then(|text| content::school::parse(slug, &file, text, &config.province, &mut diags));
    let Some(school) = school else { return Err(invalid(&file, diags)) };

    let regulation = Regulation::embedded()?;
    // A draft has no approval date: `check` chooses its framework on the build date.
    let framework = match regulation.selection.select(school.level, school_year, config.build_date) {
        Ok((_, id)) => regulation.framework(&id.0).expect("the selection names known frameworks"),
        Err(e) => {
            let reason = match e {
                NoFramework::NoEra => format!("no framework covers school year {school_year}"),
                NoFramework::NoLevel(era) => format!(
                    "{era} (school year {school_year}) has no framework for a {} school ({})",
                    school.level.label().to_lowercase(),
                    school.level.key()
                ),
            };
            return Err(NewError::NoFramework { reason, file });
        }
    };

    let path = dir.join(format!("{school_year}.md"));
    if path.exists() {
        return Err(NewError::ReportExists(path));
    }
    let text = draft_report(framework, school.level, school_year, config.build_date);
    write_new(&path, &text).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => NewError::ReportExists(path.clone()),
        _ => NewError::Io { path: path.clone(), source: e },
    })?;
    Ok(path)
}

fn require_config(root: &Path) -> Result<(), NewError> {
    if root.join("config.toml").is_file() { Ok(()) } else { Err(LoadError::NoConfig(root.to_path_buf()).into()) }
}

fn check_slug(slug: &str) -> Result<(), NewError> {
    if SchoolSlug::is_valid(slug) {
        return Ok(());
    }
    let suggestion = Some(crate::text::slugify(slug)).filter(|s| SchoolSlug::is_valid(s));
    Err(NewError::Slug { slug: slug.to_owned(), suggestion })
}

/// The error for a file whose findings stop `new report`: its errors, one per line.
fn invalid(file: &str, diags: Diagnostics) -> NewError {
    let findings: Vec<String> =
        diags.into_sorted().into_iter().filter(|d| d.severity == Severity::Error).map(|d| format!("  {d}")).collect();
    NewError::Invalid { file: file.to_owned(), findings: findings.join("\n") }
}

/// Creates `path` with `text`, failing if it exists; a half-written file is removed.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(text.as_bytes()).and_then(|()| f.sync_all()).inspect_err(|_| {
        let _ = fs::remove_file(path);
    })
}

/// The level a folder name suggests, by the prefixes schools are usually named with.
pub fn guess_level(slug: &str) -> Option<SchoolLevel> {
    // Longest prefixes first: `th-thcs-` is a multi-level school, not a primary one.
    const PREFIXES: &[(&str, SchoolLevel)] = &[
        ("th-thcs-thpt", SchoolLevel::NhieuCap),
        ("th-thcs", SchoolLevel::NhieuCap),
        ("thcs-thpt", SchoolLevel::NhieuCap),
        ("ptnc", SchoolLevel::NhieuCap),
        ("tt-gdnn-gdtx", SchoolLevel::Gdtx),
        ("gdnn-gdtx", SchoolLevel::Gdtx),
        ("tt-gdtx", SchoolLevel::Gdtx),
        ("ttgdtx", SchoolLevel::Gdtx),
        ("gdtx", SchoolLevel::Gdtx),
        ("mam-non", SchoolLevel::MamNon),
        ("mau-giao", SchoolLevel::MamNon),
        ("nha-tre", SchoolLevel::MamNon),
        ("mn", SchoolLevel::MamNon),
        ("mg", SchoolLevel::MamNon),
        ("tieu-hoc", SchoolLevel::TieuHoc),
        ("thcs", SchoolLevel::Thcs),
        ("thpt", SchoolLevel::Thpt),
        ("th", SchoolLevel::TieuHoc),
    ];
    PREFIXES
        .iter()
        .find(|(p, _)| slug.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with('-')))
        .map(|(_, level)| *level)
}

fn keys<T: Copy>(all: &[T], key: fn(T) -> &'static str) -> String {
    all.iter().map(|v| key(*v)).collect::<Vec<_>>().join(" | ")
}

/// The text of a new `school.toml`.
fn school_toml(slug: &str, config: Option<&Config>, reg: &Regulation) -> String {
    let configured = config.map(|c| c.province.as_str()).filter(|p| !p.is_empty());
    let province = configured.unwrap_or("Đồng Nai");
    // A portal of several provinces has none in config.toml: the school must name its own.
    let province_lines = match configured {
        Some(p) => {
            format!("# Optional. The province; default: province of config.toml (\"{p}\").\n# province = \"{p}\"")
        }
        None => format!(
            "# Required here: config.toml names no province (a portal of several provinces).\n\
             # Example: province = \"Đồng Nai\"\nprovince = \"{TO_FILL} tỉnh/thành phố\""
        ),
    };
    let next_year = config
        .map_or(SchoolYear::starting(2026), |c| SchoolYear::starting(SchoolYear::containing(c.build_date).first() + 1));
    let (level, level_note) = match guess_level(slug) {
        Some(l) => (l, format!("Guessed from the folder name {slug}: correct it if it is wrong.")),
        None => (
            FALLBACK_LEVEL,
            format!("NOT guessed: the folder name {slug} has no known prefix. Set the school's real level."),
        ),
    };
    let accreditation_ends = reg
        .accreditation_ends
        .map(|d| format!("\n# No accreditation is decided from {} on: Circular 57 has no cấp độ.", format_vi(d)))
        .unwrap_or_default();
    let levels = keys(SchoolLevel::ALL, SchoolLevel::key);
    let ownerships = keys(Ownership::ALL, Ownership::key);
    let kinds = keys(RegistrationKind::ALL, RegistrationKind::key);
    let v = DEFAULT_VALIDITY_YEARS;
    format!(
        r##"# The school {slug}: identity, place and recognition decisions (docs/huong-dan/dinh-dang.md, "school.toml").
# Written by `minhbach new school {slug}`. The folder name {slug} is the school's address
# on the site (/truong/{slug}/) and never changes, even when the school is renamed.
#
# Replace every value that starts with "{TO_FILL}" (not filled in yet): until then `check`
# reports each one as an error (school.field-invalid) and the site is not built.
# Lines starting with # are comments. To use an optional field, delete the "# " in front of it.

# Required. The school's code (mã trường), unique in the site; in quotes so that leading
# zeros are kept. Example: id = "75000701"
id = "{TO_FILL} mã trường {slug}"

# Required. The school's full official name. Example: name = "Trường Tiểu học Đinh Bộ Lĩnh"
name = "{TO_FILL} tên đầy đủ của trường"

# Required. The level of education (cấp học): {levels}.
# It chooses the framework of every report (docs/huong-dan/dinh-dang.md), so set it before `minhbach new report`.
# {level_note}
level = "{level}"

# Optional. Who founded the school: {ownerships}. Default: cong-lap.
# ownership = "cong-lap"

{province_lines}

# Required. The commune (xã, phường or đặc khu) since 1 July 2025. Example: commune = "Phường Trấn Biên"
commune = "{TO_FILL} xã/phường"

# Optional. The district before 1 July 2025, shown for continuity. Example:
# former_district = "Thành phố Biên Hòa"

# Optional, published. Street address, principal (hiệu trưởng), phone, e-mail, website.
# address = "12 đường Võ Thị Sáu"
# principal = "Nguyễn Thị Hoa"
# phone = "0251 3822 123"
# email = "truong@example.edu.vn"
# website = "https://truong.example.edu.vn"

# Optional. Numbers of students and of classes in the latest school year (whole numbers, no quotes).
# students = 812
# classes = 24

# Accreditation decisions (công nhận đạt kiểm định chất lượng giáo dục): one [[accreditation]]
# table per decision, any order. Delete the "# " of every line of a table to use it.{accreditation_ends}
# [[accreditation]]
# level = 2                           # cấp độ 1..4
# decision = "123/QĐ-SGDĐT"           # the decision's number
# decided = 2022-05-20                # its date, YYYY-MM-DD without quotes
# valid_until = 2027-05-20            # optional; default: decided + {v} years
# issuer = "Sở GD&ĐT tỉnh {province}"  # optional
# evaluated = 2022-04-10              # optional: date of the external evaluation (đánh giá ngoài)

# National-standard recognition (công nhận trường đạt chuẩn quốc gia): one [[national_standard]]
# table per decision, any order.
# [[national_standard]]
# level = 1                           # mức độ 1..2
# decision = "456/QĐ-UBND"
# decided = 2022-06-01
# valid_until = 2027-06-01            # optional; default: decided + {v} years
# issuer = "UBND tỉnh {province}"      # optional

# Registrations for external evaluation or recognition (đăng ký), optional, any number.
# [[registration]]
# school_year = "{next_year}"
# semester = 1                        # 1 | 2
# kind = "danh-gia-ngoai"             # {kinds}; default: danh-gia-ngoai
# target_level = 2                    # optional: the cấp độ / mức độ registered for
# priority = 3                        # optional: the Sở's order of priority within the school year
"##,
        level = level.key(),
    )
}

/// Escapes the characters that Markdown would read as markup in a heading's text.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '&' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `Tiêu chuẩn 1: title` or `Tiêu chí 1.1: title` (the title omitted when the catalog has none).
fn titled(what: &str, number: &str, title: &str) -> String {
    let title = title.trim();
    if title.is_empty() { format!("{what} {number}") } else { format!("{what} {number}: {}", escape_markdown(title)) }
}

/// Sub-sections of a criterion in the 2018 forms (structure.rs asks for all but the last).
const CRITERION_SECTIONS_2018: &[&str] =
    &["Mô tả hiện trạng", "Điểm mạnh", "Điểm yếu", "Kế hoạch cải tiến chất lượng", "Tự đánh giá"];
/// Sub-sections of a criterion under Circular 57: strengths and weaknesses are per standard.
const CRITERION_SECTIONS_2026: &[&str] = &["Mô tả hiện trạng", "Tự đánh giá"];
/// Sub-sections of a standard under Circular 57, after its criteria.
const STANDARD_SECTIONS_2026: &[&str] = &["Điểm mạnh nổi bật", "Điểm hạn chế", "Định hướng cải tiến"];
/// The evidence list's header row (docs/huong-dan/dinh-dang.md).
const EVIDENCE_HEADER: &str =
    "| Mã | Tên minh chứng | Số, ngày ban hành | Nơi ban hành | Ghi chú |\n|---|---|---|---|---|\n";

/// Appends a TOML line with a comment aligned after it.
fn commented(s: &mut String, code: &str, comment: &str) {
    let _ = writeln!(s, "{code:<31} # {comment}");
}

/// The text of a draft report of a `level` school for `year`, judged by `f`; `build_date`
/// dates the choice in the comment.
fn draft_report(f: &Framework, level: SchoolLevel, year: SchoolYear, build_date: Date) -> String {
    let mut s = String::new();
    let max = f.rules.max_criterion_level;
    let max_school = f.max_school_level();
    let deadline = f
        .approval_deadline
        .and_then(|(m, d)| Date::from_ymd_opt(year.first() + 1, m, d))
        .map(|d| format!(", by {} under this circular", format_vi(d)))
        .unwrap_or_default();
    // Writing into a String cannot fail.
    let _ = writeln!(s, "+++");
    let _ = writeln!(s, "# Self-assessment summary (báo cáo tự đánh giá) of school year {year}: a DRAFT, written by");
    let _ = writeln!(s, "# `minhbach new report`. A draft is never published; `check` reads only its front matter.");
    let _ = writeln!(s, "# Framework: {} ({}),", f.id, f.short_name());
    let _ = writeln!(
        s,
        "# the one `check` chooses for a {} school ({}) in {year} on the build date {}.",
        level.label().to_lowercase(),
        level.key(),
        format_vi(build_date)
    );
    let _ = writeln!(s, "# To publish it: give each criterion its level in [results], set claimed_level to the level");
    let _ = writeln!(s, "# the council concluded, then write status = \"approved\" and the date of approval.");
    commented(&mut s, "status = \"draft\"", "draft | approved: only approved reports are published");
    commented(&mut s, "# approved_on = YYYY-MM-DD", &format!("required when approved{deadline}"));
    commented(
        &mut s,
        "claimed_level = 0",
        &format!(
            "the level the council concluded: 0..{max_school} ({} .. {})",
            f.school_label(0),
            f.school_label(max_school)
        ),
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "# A result may carry its reason: \"1.3\" = {{ level = 1, note = \"…\" }}");
    commented(&mut s, "[results]", &format!("level reached by each criterion: 0 ({}) .. {max}", f.criterion_label(0)));
    for (i, standard) in f.standards.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(s);
        }
        for c in &standard.criteria {
            let key = format!("\"{}\" = 0", c.id);
            let mut note = c.title.trim().to_owned();
            if c.max_level < max {
                note.push_str(&format!(" (at most {})", f.criterion_label(c.max_level)));
            }
            if c.mandatory {
                note.push_str(" (bắt buộc)");
            }
            commented(&mut s, &key, &note);
        }
    }
    if !f.level4.is_empty() {
        let _ = writeln!(s);
        commented(&mut s, "[level4]", "Mức 4 criteria: true when met; delete the table if not assessed");
        for l in &f.level4 {
            let _ = writeln!(s, "\"{}\" = false", l.number);
        }
    }
    let _ = writeln!(s, "+++");
    let _ = writeln!(s);
    let _ = writeln!(s, "# Đặt vấn đề");
    for standard in &f.standards {
        let _ = writeln!(s);
        let _ = writeln!(s, "# {}", titled("Tiêu chuẩn", &standard.number.to_string(), &standard.title));
        let _ = writeln!(s);
        let _ = writeln!(s, "## Mở đầu");
        let criterion_sections = if f.summary_per_standard { CRITERION_SECTIONS_2026 } else { CRITERION_SECTIONS_2018 };
        for c in &standard.criteria {
            let _ = writeln!(s);
            let _ = writeln!(s, "## {}", titled("Tiêu chí", &c.id.0, &c.title));
            for section in criterion_sections {
                let _ = writeln!(s);
                let _ = writeln!(s, "### {section}");
            }
        }
        if f.summary_per_standard {
            for section in STANDARD_SECTIONS_2026 {
                let _ = writeln!(s);
                let _ = writeln!(s, "## {section}");
            }
        }
        let _ = writeln!(s);
        let _ = writeln!(s, "## Kết luận về Tiêu chuẩn {}", standard.number);
    }
    if !f.level4.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "# Mức 4");
        for l in &f.level4 {
            let _ = writeln!(s);
            let _ = writeln!(s, "## Tiêu chí {}", l.number);
            for section in CRITERION_SECTIONS_2018 {
                let _ = writeln!(s);
                let _ = writeln!(s, "### {section}");
            }
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "# Kết luận chung");
    let _ = writeln!(s);
    let _ = writeln!(s, "# Danh mục minh chứng");
    let _ = writeln!(s);
    s.push_str(EVIDENCE_HEADER);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{ReportSource, structure};
    use crate::content::outline::{HeadingKind, classify, outline};
    use crate::content::report::{self, ReportStatus};
    use crate::content::school;
    use crate::regulation::CriterionId;

    fn reg() -> &'static Regulation {
        static REG: std::sync::OnceLock<Regulation> = std::sync::OnceLock::new();
        REG.get_or_init(|| Regulation::embedded().unwrap())
    }

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn levels_are_guessed_from_the_usual_prefixes_only() {
        let cases = [
            ("mn-hoa-sen", Some(SchoolLevel::MamNon)),
            ("th-dinh-bo-linh", Some(SchoolLevel::TieuHoc)),
            ("thcs-le-loi", Some(SchoolLevel::Thcs)),
            ("thpt-dieu-cai", Some(SchoolLevel::Thpt)),
            ("th-thcs-bau-sen", Some(SchoolLevel::NhieuCap)),
            ("ptnc-hoi-nhap", Some(SchoolLevel::NhieuCap)),
            ("gdtx-bien-hoa", Some(SchoolLevel::Gdtx)),
            ("tt-gdnn-gdtx-xuan-loc", Some(SchoolLevel::Gdtx)),
            ("thanh-binh", None),
            ("mnx", None),
            ("truong-moi", None),
        ];
        for (slug, level) in cases {
            assert_eq!(guess_level(slug), level, "{slug}");
        }
    }

    /// Parses a school.toml as `check` does; returns the school and every finding.
    fn parse_school(slug: &str, text: &str) -> (Option<content::School>, Vec<String>) {
        let mut diags = Diagnostics::new();
        let s = school::parse(slug, "school.toml", text.to_owned(), "Đồng Nai", &mut diags);
        (s, diags.into_sorted().iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_new_school_toml_parses_without_findings_and_marks_its_placeholders() {
        for (slug, level) in [("thcs-le-loi", "thcs"), ("truong-moi", "tieu-hoc"), ("gdtx-a", "gdtx")] {
            let text = school_toml(slug, None, reg());
            let (s, findings) = parse_school(slug, &text);
            assert!(findings.is_empty(), "{findings:?}");
            let s = s.unwrap();
            assert_eq!(s.level.key(), level);
            assert!(s.id.value.0.starts_with(TO_FILL) && s.id.value.0.contains(slug));
            assert!(s.name.starts_with(TO_FILL) && s.commune.starts_with(TO_FILL));
            assert!(s.decisions.is_empty() && s.registrations.is_empty() && s.principal.is_none());
        }
        assert!(school_toml("truong-moi", None, reg()).contains("NOT guessed"));
    }

    /// Every commented example line, uncommented, gives a valid school.toml with every field.
    #[test]
    fn every_commented_example_is_valid_when_uncommented() {
        let example = regex::Regex::new(r"^# (\[\[[a-z_]+\]\]|[a-z_]+ = )").unwrap();
        let text = school_toml("thcs-le-loi", None, reg());
        let uncommented: String = text
            .lines()
            .map(|l| if example.is_match(l) { l.strip_prefix("# ").unwrap() } else { l })
            .map(|l| format!("{l}\n"))
            .collect();
        let (s, findings) = parse_school("thcs-le-loi", &uncommented);
        assert!(findings.is_empty(), "{findings:?}\n{uncommented}");
        let s = s.unwrap();
        assert_eq!(s.decisions.len(), 2);
        assert_eq!(s.registrations.len(), 1);
        assert!(s.former_district.is_some() && s.website.is_some() && s.students == Some(812));
        // Every plain key of the format is in the file (the tables are checked above).
        let tables = ["accreditation", "national_standard", "registration"];
        let keys = crate::content::school::KNOWN.iter().filter(|k| !tables.contains(k));
        for key in keys {
            assert!(uncommented.lines().any(|l| l.starts_with(&format!("{key} = "))), "{key}");
        }
    }

    #[test]
    fn drafts_of_every_framework_have_every_criterion_at_0_and_a_complete_skeleton() {
        for f in reg().frameworks() {
            let year: SchoolYear = "2026-2027".parse().unwrap();
            let text = draft_report(f, SchoolLevel::Thcs, year, d(2026, 11, 23));
            let mut diags = Diagnostics::new();
            let r = report::parse("x/2026-2027.md", "2026-2027.md", text.clone(), &mut diags).unwrap();
            assert!(diags.is_empty(), "{}: {:?}", f.id, diags.into_sorted());
            assert_eq!(r.status, ReportStatus::Draft);
            assert_eq!(r.claimed_level.as_ref().map(|c| c.value), Some(0));
            let mut ids: Vec<CriterionId> = r.results.iter().map(|e| CriterionId(e.criterion.clone())).collect();
            ids.sort();
            let expected: Vec<CriterionId> = f.criteria().map(|c| c.id.clone()).collect();
            assert_eq!(ids, expected, "{}", f.id);
            assert!(r.results.iter().all(|e| e.level == 0 && e.note.is_none()));
            assert_eq!(r.level4.len(), f.level4.len());
            assert!(r.level4.iter().all(|l| !l.met));

            let o = outline(&r.body().unwrap());
            for c in f.criteria() {
                let (a, b) = c.id.numbers().unwrap();
                let h = o.headings.iter().find(|h| h.kind == HeadingKind::Criterion(a, b));
                assert_eq!(h.map(|h| h.text.clone()), Some(format!("Tiêu chí {}: {}", c.id, c.title)), "{}", f.id);
            }
            for st in &f.standards {
                let n = u32::from(st.number);
                assert!(o.headings.iter().any(|h| h.kind == HeadingKind::Standard(n)));
                assert!(o.headings.iter().any(|h| h.kind == HeadingKind::StandardConclusion(n)));
            }
            assert_eq!(o.evidence, Some(Vec::new()), "{}: an empty evidence list", f.id);
            assert!(o.citations.is_empty() && o.links.is_empty() && o.html.is_empty());
            // Were it approved as is, its headings would satisfy `structure.*`.
            let src = ReportSource { file: &r.file, text: &r.text, body_start: r.body_start };
            let mut diags = Diagnostics::new();
            structure::check(&src, f, &o, &mut diags);
            assert!(diags.is_empty(), "{}: {:?}", f.id, diags.into_sorted());
        }
    }

    #[test]
    fn every_sub_section_name_is_a_recognised_heading() {
        let all = CRITERION_SECTIONS_2018.iter().chain(CRITERION_SECTIONS_2026).chain(STANDARD_SECTIONS_2026);
        for name in all {
            assert_ne!(classify(name), HeadingKind::Other, "{name}");
        }
        assert_eq!(classify("Tiêu chí 3"), HeadingKind::Other, "a Mức 4 item is not a criterion heading");
    }

    #[test]
    fn titles_are_escaped_and_may_be_missing() {
        assert_eq!(titled("Tiêu chí", "1.1", "  "), "Tiêu chí 1.1");
        let t = titled("Tiêu chí", "1.1", "A *b* [c] #d");
        assert_eq!(t, r"Tiêu chí 1.1: A \*b\* \[c\] \#d");
        let o = outline(&format!("## {t}\n"));
        assert_eq!(o.headings[0].text, "Tiêu chí 1.1: A *b* [c] #d");
    }

    #[test]
    fn a_bad_slug_suggests_a_good_one() {
        let e = check_slug("Trường Lê Lợi").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the folder name \"Trường Lê Lợi\" is the school's address on the site and may only use a-z, 0-9 and -: use truong-le-loi"
        );
        assert!(check_slug("!!!").unwrap_err().to_string().ends_with("use a name such as thcs-le-loi"));
        assert!(check_slug("../x").is_err());
        assert!(check_slug("thcs-le-loi").is_ok());
    }
}
