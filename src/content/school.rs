//! `school.toml`: a school's identity, place and decisions.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::calendar::{Date, SchoolYear, add_years};
use crate::content::fields::{Fields, Located, parse_document};
use crate::content::report::Report;
use crate::diagnostic::{Code, Diagnostics, Source};

/// The school's code (mã trường), unique in the site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SchoolId(pub String);

impl fmt::Display for SchoolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A school's folder name and URL segment: `[a-z0-9-]+`, never changes on renaming.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SchoolSlug(pub String);

impl SchoolSlug {
    /// True when `s` is a valid slug: non-empty, only `a-z`, `0-9` and `-`.
    pub fn is_valid(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    }
}

impl fmt::Display for SchoolSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $key:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $(
            #[doc = concat!("`", $key, "`: ", $label)]
            $variant,
        )* }

        impl $name {
            /// Every value, in the order of the spec.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The keyword written in content files and URLs.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $key,)* }
            }

            /// The Vietnamese name shown to readers.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)* }
            }

            /// Parses the keyword of a content file.
            pub fn from_key(s: &str) -> Option<$name> {
                match s { $($key => Some($name::$variant),)* _ => None }
            }

            fn keys() -> String {
                [$($key),*].join(" | ")
            }
        }
    };
}

keyword_enum! {
    /// The level of education a school provides (cấp học).
    SchoolLevel {
        MamNon = "mam-non", "Mầm non";
        TieuHoc = "tieu-hoc", "Tiểu học";
        Thcs = "thcs", "Trung học cơ sở";
        Thpt = "thpt", "Trung học phổ thông";
        NhieuCap = "nhieu-cap", "Phổ thông nhiều cấp học";
        Gdtx = "gdtx", "Giáo dục thường xuyên";
    }
}

keyword_enum! {
    /// Who founded the school.
    Ownership {
        CongLap = "cong-lap", "Công lập";
        TuThuc = "tu-thuc", "Tư thục";
        DanLap = "dan-lap", "Dân lập";
    }
}

keyword_enum! {
    /// What a registration is for.
    RegistrationKind {
        DanhGiaNgoai = "danh-gia-ngoai", "Đánh giá ngoài";
        ChuanQuocGia = "chuan-quoc-gia", "Công nhận đạt chuẩn quốc gia";
    }
}

/// Which recognition a decision grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionKind {
    /// Kiểm định chất lượng giáo dục, cấp độ 1–4.
    Accreditation,
    /// Trường đạt chuẩn quốc gia, mức độ 1–2.
    NationalStandard,
}

impl DecisionKind {
    /// Both kinds, accreditation first.
    pub const ALL: [DecisionKind; 2] = [DecisionKind::Accreditation, DecisionKind::NationalStandard];

    /// The kind's table in `school.toml` (`[[accreditation]]`), also its name in open data.
    pub fn key(self) -> &'static str {
        match self {
            DecisionKind::Accreditation => "accreditation",
            DecisionKind::NationalStandard => "national_standard",
        }
    }

    /// The highest level a decision of this kind grants: cấp độ 4, mức độ 2.
    pub fn max_level(self) -> i64 {
        match self {
            DecisionKind::Accreditation => 4,
            DecisionKind::NationalStandard => 2,
        }
    }
}

/// A recognition decision (quyết định công nhận).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// Accreditation or national standard.
    pub kind: DecisionKind,
    /// Cấp độ (1..4) or mức độ (1..2) as written; range is checked by `check`.
    pub level: Located<i64>,
    /// Decision number, e.g. `123/QĐ-SGDĐT`.
    pub number: String,
    /// Date of the decision.
    pub decided: Located<Date>,
    /// Last day of validity (given, or `decided` + 5 years).
    pub valid_until: Located<Date>,
    /// Who issued it.
    pub issuer: Option<String>,
    /// Date of the external evaluation.
    pub evaluated: Option<Date>,
    /// Span of the whole `[[…]]` table.
    pub span: Range<usize>,
}

/// A registration for external evaluation or recognition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// School year of the registration.
    pub school_year: SchoolYear,
    /// Semester 1 or 2.
    pub semester: u8,
    /// What the school registers for.
    pub kind: RegistrationKind,
    /// Cấp độ / mức độ registered for.
    pub target_level: Option<u8>,
    /// The Sở's order of priority within the school year.
    pub priority: Option<u32>,
}

impl Registration {
    /// What the school registers for in words: "Cấp độ 2" (external evaluation) or "Mức độ 1"
    /// (national standard).
    pub fn target_label(&self) -> Option<String> {
        self.target_level.map(|l| match self.kind {
            RegistrationKind::DanhGiaNgoai => format!("Cấp độ {l}"),
            RegistrationKind::ChuanQuocGia => format!("Mức độ {l}"),
        })
    }
}

/// A file under the school's `files/` of a type the portal publishes
/// ([`crate::content::attachment`]): copied as is, or, for an SVG that had to be cleaned,
/// written from its cleaned bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Path under `files/`, `/`-separated (`bao-cao-2024-2025.pdf`).
    pub name: String,
    /// Size in bytes, as published.
    pub size: u64,
    /// Absolute path on disk, to copy it.
    pub path: std::path::PathBuf,
    /// The bytes to publish instead of the file's (a cleaned SVG); shared, since a school is
    /// cloned into the site of its own pages.
    pub sanitised: Option<std::sync::Arc<[u8]>>,
}

/// A school, validated: every required field is present and well-typed.
#[derive(Debug, Clone)]
pub struct School {
    /// Folder name and URL segment.
    pub slug: SchoolSlug,
    /// `content/schools/<slug>/school.toml`, relative to the site root.
    pub file: String,
    /// The text of school.toml (NFC), for positions in later findings.
    pub text: String,
    /// Mã trường.
    pub id: Located<SchoolId>,
    /// Full official name.
    pub name: String,
    /// Cấp học.
    pub level: SchoolLevel,
    /// Công lập, tư thục, dân lập.
    pub ownership: Ownership,
    /// Province (defaults to the site's).
    pub province: String,
    /// Xã/phường/đặc khu.
    pub commune: String,
    /// District before 1 July 2025, if given.
    pub former_district: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Hiệu trưởng.
    pub principal: Option<String>,
    /// Public phone.
    pub phone: Option<String>,
    /// Public e-mail.
    pub email: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Number of students.
    pub students: Option<u32>,
    /// Number of classes.
    pub classes: Option<u32>,
    /// Accreditation and national-standard decisions, as written.
    pub decisions: Vec<Decision>,
    /// Registrations for external evaluation.
    pub registrations: Vec<Registration>,
    /// Self-assessment reports (approved and draft), sorted by school year.
    pub reports: Vec<Report>,
    /// Files under `files/`, sorted by name.
    pub attachments: Vec<Attachment>,
    /// A hash of every file the school was read from (texts, attachments' names, sizes and
    /// times), set by the loader: equal fingerprints mean equal pages, which lets `serve`
    /// skip what an edit did not touch.
    pub fingerprint: u64,
}

/// The keys of school.toml (the last three are tables).
pub(crate) const KNOWN: &[&str] = &[
    "id",
    "name",
    "level",
    "ownership",
    "province",
    "commune",
    "former_district",
    "address",
    "principal",
    "phone",
    "email",
    "website",
    "students",
    "classes",
    "accreditation",
    "national_standard",
    "registration",
];
const DECISION_KEYS: &[&str] = &["level", "decision", "decided", "valid_until", "issuer", "evaluated"];
const REGISTRATION_KEYS: &[&str] = &["school_year", "semester", "kind", "target_level", "priority"];

/// Years a decision stays valid when `valid_until` is not given (regulation.md).
pub const DEFAULT_VALIDITY_YEARS: i32 = 5;

/// Parses the text of a `school.toml`. Returns `None` (with findings) when a required field is
/// missing or invalid; the reports and attachments are added by the caller.
pub fn parse(slug: &str, file: &str, text: String, default_province: &str, diags: &mut Diagnostics) -> Option<School> {
    let source = Source { file, text: &text };
    let doc = parse_document(&text, source, 0, diags)?;
    let f = Fields::new(
        doc.get_ref(),
        doc.span(),
        source,
        0,
        Code::SchoolFieldMissing,
        Code::SchoolFieldInvalid,
        "school.toml",
    );
    f.unknown_keys(diags, KNOWN);
    let errors_before = diags.errors();

    let id = f.raw("id").and_then(|(_, v)| match v.get_ref() {
        toml::de::DeValue::Integer(i) => {
            f.invalid(diags, v.span(), crate::msg!("school-id-number", id = i.as_str()));
            None
        }
        _ => f.text(diags, "id"),
    });
    if f.raw("id").is_none() {
        f.required_string(diags, "id", "\"75000701\"");
    }
    let name = f.required_string(diags, "name", "\"Trường Tiểu học …\"");
    if let Some(n) = &name
        && n.value.trim().is_empty()
    {
        f.invalid(diags, n.span.clone(), crate::msg!("school-name-empty"));
    }
    let level = keyword(&f, diags, "level", SchoolLevel::from_key, SchoolLevel::keys(), true, "\"tieu-hoc\"");
    let ownership = keyword(&f, diags, "ownership", Ownership::from_key, Ownership::keys(), false, "")
        .unwrap_or(Ownership::CongLap);
    let province = match f.text(diags, "province") {
        Some(p) => super::province::resolve(p.value, f.source(), p.span, diags),
        // Without a province in config.toml, every school names its own.
        None if default_province.is_empty() => {
            f.required_string(diags, "province", "\"Đồng Nai\"");
            String::new()
        }
        // Already resolved (and warned about) when config.toml was read.
        None => default_province.to_owned(),
    };
    let commune = f.required_string(diags, "commune", "\"Phường …\"");
    if let Some(c) = &commune
        && c.value.trim().is_empty()
    {
        f.invalid(diags, c.span.clone(), crate::msg!("school-commune-empty"));
    }
    let opt = |diags: &mut Diagnostics, key: &str| f.text(diags, key).map(|s| s.value);
    let former_district = opt(diags, "former_district");
    let address = opt(diags, "address");
    let principal = opt(diags, "principal");
    let phone = opt(diags, "phone");
    let email = opt(diags, "email");
    let website = opt(diags, "website");
    let students = f.integer(diags, "students", 0..1_000_000).map(|n| n.value as u32);
    let classes = f.integer(diags, "classes", 0..10_000).map(|n| n.value as u32);

    let mut decisions = Vec::new();
    for kind in DecisionKind::ALL {
        let key = kind.key();
        for (span, table) in f.tables(diags, key) {
            let what = format!("[[{key}]]");
            let d =
                Fields::new(table, span.clone(), source, 0, Code::SchoolFieldMissing, Code::SchoolFieldInvalid, &what);
            d.unknown_keys(diags, DECISION_KEYS);
            if let Some(decision) = parse_decision(&d, kind, diags) {
                decisions.push(decision);
            }
        }
    }

    let mut registrations = Vec::new();
    for (span, table) in f.tables(diags, "registration") {
        let r =
            Fields::new(table, span, source, 0, Code::SchoolFieldMissing, Code::SchoolFieldInvalid, "[[registration]]");
        r.unknown_keys(diags, REGISTRATION_KEYS);
        if let Some(reg) = parse_registration(&r, diags) {
            registrations.push(reg);
        }
    }

    if diags.errors() > errors_before {
        return None;
    }
    Some(School {
        slug: SchoolSlug(slug.to_owned()),
        file: file.to_owned(),
        id: id.map(|l| Located { value: SchoolId(l.value.trim().to_owned()), span: l.span })?,
        name: name?.value.trim().to_owned(),
        level: level?,
        ownership,
        province,
        commune: commune?.value.trim().to_owned(),
        former_district,
        address,
        principal,
        phone,
        email,
        website,
        students,
        classes,
        decisions,
        registrations,
        reports: Vec::new(),
        attachments: Vec::new(),
        text: text.clone(),
        fingerprint: 0,
    })
}

fn keyword<T>(
    f: &Fields<'_, '_>,
    diags: &mut Diagnostics,
    key: &str,
    parse: fn(&str) -> Option<T>,
    allowed: String,
    required: bool,
    hint: &str,
) -> Option<T> {
    let value = if required { f.required_string(diags, key, hint) } else { f.string(diags, key) }?;
    let parsed = parse(value.value.trim());
    if parsed.is_none() {
        f.invalid(
            diags,
            value.span,
            crate::msg!("keyword-unknown", key = key, value = format!("{:?}", value.value), allowed = allowed),
        );
    }
    parsed
}

fn parse_decision(d: &Fields<'_, '_>, kind: DecisionKind, diags: &mut Diagnostics) -> Option<Decision> {
    let level = d.integer(diags, "level", i64::MIN..i64::MAX);
    let level = d.require(diags, "level", level, "2");
    let number = d.required_string(diags, "decision", "\"123/QĐ-SGDĐT\"");
    let decided = d.date(diags, "decided");
    let decided = d.require(diags, "decided", decided, "2022-05-20");
    let valid_until = d.date(diags, "valid_until");
    let issuer = d.text(diags, "issuer").map(|s| s.value);
    let evaluated = d.date(diags, "evaluated").map(|e| e.value);
    let decided = decided?;
    let valid_until = valid_until.unwrap_or_else(|| Located {
        value: add_years(decided.value, DEFAULT_VALIDITY_YEARS),
        span: decided.span.clone(),
    });
    Some(Decision {
        kind,
        level: level?,
        number: number?.value.trim().to_owned(),
        decided,
        valid_until,
        issuer,
        evaluated,
        span: d.span(),
    })
}

fn parse_registration(r: &Fields<'_, '_>, diags: &mut Diagnostics) -> Option<Registration> {
    let year = r.required_string(diags, "school_year", "\"2026-2027\"")?;
    let school_year = match year.value.parse::<SchoolYear>() {
        Ok(y) => Some(y),
        Err(e) => {
            r.invalid(diags, year.span.clone(), crate::calendar::school_year_message(&e, "school_year", &year.value));
            None
        }
    };
    let semester = r.integer(diags, "semester", 1..3);
    let semester = r.require(diags, "semester", semester, "1");
    let kind = keyword(r, diags, "kind", RegistrationKind::from_key, RegistrationKind::keys(), false, "")
        .unwrap_or(RegistrationKind::DanhGiaNgoai);
    let target_level = r.integer(diags, "target_level", 1..5).map(|n| n.value as u8);
    let priority = r.integer(diags, "priority", 1..100_000).map(|n| n.value as u32);
    Some(Registration { school_year: school_year?, semester: semester?.value as u8, kind, target_level, priority })
}
