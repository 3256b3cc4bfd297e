//! The provinces since 1 July 2025 (`regulation/provinces.toml`, Nghị quyết 202/2025/QH15):
//! a province named in `config.toml` or a `school.toml` is read against them once, at load, so
//! that every spelling of one province ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh") is one
//! province of the site, and a province merged into another ("Bình Dương") is counted under
//! the province it became part of, with a warning that says what to write.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostics, Source};

/// The catalog, embedded.
const CATALOG: &str = include_str!("../../regulation/provinces.toml");

#[derive(Debug, Deserialize)]
struct Catalog {
    province: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    name: String,
    #[serde(default)]
    #[allow(dead_code)]
    city: bool,
    #[serde(default)]
    former: Vec<String>,
}

/// What a province's name is on 1 July 2025 or later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// A province of today, under the name the site uses.
    Current(&'static str),
    /// A province merged into (or renamed as) `into` on 1 July 2025.
    Merged {
        /// The province it became part of.
        into: &'static str,
    },
}

fn table() -> &'static HashMap<String, Known> {
    static TABLE: OnceLock<HashMap<String, Known>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let catalog: Catalog = toml::from_str(CATALOG).expect("regulation/provinces.toml is valid (a test reads it)");
        let mut table = HashMap::new();
        for p in catalog.province {
            let name: &'static str = Box::leak(p.name.into_boxed_str());
            for former in &p.former {
                table.insert(key(former), Known::Merged { into: name });
            }
            table.insert(key(name), Known::Current(name));
        }
        table
    })
}

/// A province's name folded, without the word(s) of its kind ("tỉnh", "thành phố", "TP"), as
/// search reads a place's name.
fn key(name: &str) -> String {
    crate::text::place_name(&crate::text::words(name))
}

/// What `name` is among the provinces since 1 July 2025; `None` for a name the catalog does
/// not know (kept as written).
pub fn known(name: &str) -> Option<Known> {
    table().get(&key(name)).copied()
}

/// The name the site uses for province `written` (at `span` of `source`): the catalog's name
/// of a current province; for a merged one, the province it became part of, with a
/// `province.merged` warning; else `written` itself.
pub fn resolve(written: String, source: Source<'_>, span: Range<usize>, diags: &mut Diagnostics) -> String {
    match known(&written) {
        Some(Known::Current(name)) => name.to_owned(),
        Some(Known::Merged { into }) => {
            let message = crate::msg!("province-merged", written = written.as_str(), into = into);
            diags.report(Code::ProvinceMerged, source, span, message);
            into.to_owned()
        }
        None => written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_has_34_provinces_made_from_63() {
        let catalog: Catalog = toml::from_str(CATALOG).unwrap();
        assert_eq!(catalog.province.len(), 34);
        let mut before: Vec<String> = catalog
            .province
            .iter()
            .flat_map(|p| if p.former.is_empty() { vec![p.name.clone()] } else { p.former.clone() })
            .collect();
        before.sort();
        before.dedup();
        // Huế's former name (Thừa Thiên Huế) is one of the 63.
        assert_eq!(before.len(), 63, "{before:?}");
    }

    #[test]
    fn every_spelling_of_a_province_is_one_province() {
        for written in
            ["Hồ Chí Minh", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "thanh pho ho chi minh"]
        {
            assert_eq!(known(written), Some(Known::Current("Hồ Chí Minh")), "{written}");
        }
        assert_eq!(known("Tỉnh Đồng Nai"), Some(Known::Current("Đồng Nai")));
        assert_eq!(known("Đồng Nai"), Some(Known::Current("Đồng Nai")));
        assert_eq!(known("Đắk Lắk"), Some(Known::Current("Đắk Lắk")));
        assert_eq!(known("Thử Nghiệm"), None);
    }

    #[test]
    fn a_merged_province_counts_under_the_one_it_became_part_of() {
        assert_eq!(known("Bình Dương"), Some(Known::Merged { into: "Hồ Chí Minh" }));
        assert_eq!(known("tỉnh Bà Rịa - Vũng Tàu"), Some(Known::Merged { into: "Hồ Chí Minh" }));
        assert_eq!(known("Hà Giang"), Some(Known::Merged { into: "Tuyên Quang" }));
        assert_eq!(known("Thừa Thiên Huế"), Some(Known::Merged { into: "Huế" }));
        assert_eq!(known("Bình Phước"), Some(Known::Merged { into: "Đồng Nai" }));
        // The province that kept its name is current, not merged into itself.
        assert_eq!(known("Tuyên Quang"), Some(Known::Current("Tuyên Quang")));
    }
}
