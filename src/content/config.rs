//! `config.toml`: site-wide settings.

use std::path::Path;

use crate::calendar::Date;
use crate::content::fields::{Fields, parse_document};
use crate::content::read_text;
use crate::diagnostic::{Code, Diagnostics, Source};

/// The validated settings of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Title of the portal.
    pub title: String,
    /// Who publishes it (the Sở GD&ĐT).
    pub authority: String,
    /// Default province of the schools; empty on a portal of several provinces, where every
    /// `school.toml` names its own.
    pub province: String,
    /// Absolute base URL without a trailing `/` (may carry a path).
    pub base_url: String,
    /// Theme folder name under `themes/` (`default` is built in).
    pub theme: String,
    /// Language code of the pages (`vi`).
    pub language: String,
    /// The day the site speaks for (validity is judged on it).
    pub build_date: Date,
    /// Minify the HTML output.
    pub minify: bool,
    /// `check` warns when a decision expires within this many days.
    pub expiry_warning_days: u32,
    /// Schools per listing page.
    pub paginate: usize,
    /// Licence line of the open data (`/du-lieu/`).
    pub license: Option<String>,
}

const KNOWN: &[&str] = &[
    "title",
    "authority",
    "province",
    "base_url",
    "theme",
    "language",
    "build_date",
    "minify",
    "expiry_warning_days",
    "paginate",
    "license",
];

/// Where the build date comes from when `config.toml` does not give one.
#[derive(Debug, Clone, Copy)]
pub enum DateSource {
    /// `SOURCE_DATE_EPOCH` if set in the environment, else today (UTC).
    Environment,
    /// A fixed date (tests).
    Fixed(Date),
}

impl DateSource {
    fn resolve(self, diags: &mut Diagnostics) -> Date {
        match self {
            DateSource::Fixed(d) => d,
            DateSource::Environment => match std::env::var("SOURCE_DATE_EPOCH") {
                Ok(v) => match v.trim().parse::<i64>().ok().and_then(|s| chrono::DateTime::from_timestamp(s, 0)) {
                    Some(t) => t.date_naive(),
                    None => {
                        diags.report_file(
                            Code::ConfigInvalid,
                            "config.toml",
                            crate::msg!("source-date-epoch", value = format!("{v:?}")),
                        );
                        chrono::Utc::now().date_naive()
                    }
                },
                Err(_) => chrono::Utc::now().date_naive(),
            },
        }
    }
}

/// Reads `config.toml` at `path`; faults go to `diags` and give `None`.
pub fn load(path: &Path, dates: DateSource, diags: &mut Diagnostics) -> Option<Config> {
    let file = "config.toml";
    let text = read_text(path, file, diags)?;
    let source = Source { file, text: &text };
    let doc = parse_document(&text, source, 0, diags)?;
    let f = Fields::new(doc.get_ref(), doc.span(), source, 0, Code::ConfigInvalid, Code::ConfigInvalid, file);
    f.unknown_keys(diags, KNOWN);
    let errors_before = diags.errors();

    let title = f.required_string(diags, "title", "\"Công khai kiểm định chất lượng giáo dục\"");
    let authority = f.required_string(diags, "authority", "\"Sở Giáo dục và Đào tạo tỉnh …\"");
    // Optional: a national (or regional) portal has no one province; each school.toml then
    // names its own.
    let province = f
        .text(diags, "province")
        .map(|p| super::province::resolve(p.value, f.source(), p.span, diags))
        .unwrap_or_default();
    let base_url = f.required_string(diags, "base_url", "\"https://kiemdinh.example.gov.vn\"");
    if let Some(url) = &base_url {
        let v = &url.value;
        if !(v.starts_with("https://") || v.starts_with("http://")) || v.contains(char::is_whitespace) {
            f.invalid(diags, url.span.clone(), crate::msg!("config-base-url", value = format!("{v:?}")));
        }
    }
    let theme = f.string(diags, "theme").map_or_else(|| "default".to_owned(), |t| t.value);
    if !theme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') || theme.is_empty() {
        diags.report_file(Code::ConfigInvalid, file, crate::msg!("config-theme", value = format!("{theme:?}")));
    }
    let language = f.string(diags, "language").map_or_else(|| "vi".to_owned(), |t| t.value);
    let build_date = match f.date(diags, "build_date") {
        Some(d) => d.value,
        None => dates.resolve(diags),
    };
    let minify = f.boolean(diags, "minify").is_some_and(|b| b.value);
    let expiry_warning_days = f.integer(diags, "expiry_warning_days", 0..3651).map_or(180, |n| n.value as u32);
    let paginate = f.integer(diags, "paginate", 1..10_001).map_or(50, |n| n.value as usize);
    let license = f.text(diags, "license").map(|l| l.value);

    if diags.errors() > errors_before {
        return None;
    }
    Some(Config {
        title: title?.value,
        authority: authority?.value,
        province,
        base_url: base_url?.value.trim_end_matches('/').to_owned(),
        theme,
        language,
        build_date,
        minify,
        expiry_warning_days,
        paginate,
        license,
    })
}
