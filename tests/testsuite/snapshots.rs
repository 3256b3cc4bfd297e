//! Whole pages as the contract: a school page and a report page of the small fixture.

use crate::util::*;

fn built() -> std::collections::BTreeMap<String, Vec<u8>> {
    let site = fixture_copy("small");
    let out = tempfile::tempdir().unwrap();
    build_into(site.path(), out.path()).unwrap();
    read_tree(out.path())
}

#[test]
fn school_page() {
    let tree = built();
    insta::assert_snapshot!(page(&tree, "truong/th-dinh-bo-linh/index.html"));
}

#[test]
fn report_page() {
    let tree = built();
    insta::assert_snapshot!(page(&tree, "truong/th-dinh-bo-linh/2024-2025/index.html"));
}
