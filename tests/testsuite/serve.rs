//! `serve`: incremental rebuilds write exactly what a full build writes, and the server
//! shows edits, errors and fixes over HTTP.

use std::fs;
use std::path::Path;

use minhbach::build::{Change, Session};
use minhbach::content::DateSource;
use minhbach::output::LiveDir;
use minhbach::{BuildError, BuildOptions};

use crate::util::{build_into, copy_tree, fixture_copy, read_tree};

/// A site being edited, rebuilt incrementally into a live folder after each edit.
struct Editing {
    site: tempfile::TempDir,
    live: tempfile::TempDir,
    session: Session,
    dir: LiveDir,
}

impl Editing {
    fn new(site: tempfile::TempDir) -> Editing {
        let opts = BuildOptions { dates: DateSource::Environment, ..BuildOptions::new(site.path()) };
        let live = tempfile::tempdir().unwrap();
        let mut dir = LiveDir::new(live.path()).unwrap();
        let mut session = Session::new(opts).unwrap();
        session.rebuild(&Change::All, &mut dir).unwrap();
        Editing { site, live, session, dir }
    }

    /// Applies `edit` to the site, rebuilds for the paths it reports, and returns the result.
    fn edit(&mut self, edit: impl FnOnce(&Path) -> Vec<&'static str>) -> Result<usize, BuildError> {
        let touched = edit(self.site.path());
        let change = Change::Paths(touched.iter().map(|t| self.site.path().join(t)).collect());
        self.session.rebuild(&change, &mut self.dir).map(|r| r.published.rendered)
    }

    /// Asserts that the live folder equals a fresh full build of the same content.
    fn assert_equals_full_build(&self, step: &str) {
        let fresh = tempfile::tempdir().unwrap();
        build_into(self.site.path(), &fresh.path().join("out")).unwrap();
        let full = read_tree(&fresh.path().join("out"));
        let live = read_tree(self.live.path());
        let only_full: Vec<&String> = full.keys().filter(|k| !live.contains_key(*k)).collect();
        let only_live: Vec<&String> = live.keys().filter(|k| !full.contains_key(*k)).collect();
        assert!(only_full.is_empty() && only_live.is_empty(), "{step}: missing {only_full:?}, extra {only_live:?}");
        for (path, bytes) in &full {
            assert!(live[path] == *bytes, "{step}: {path} differs from a full build");
        }
    }
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{rel} does not contain {from:?}");
    fs::write(&p, text.replacen(from, to, 1)).unwrap();
}

const REPORT: &str = "content/schools/th-dinh-bo-linh/2024-2025.md";
const SCHOOL: &str = "content/schools/th-dinh-bo-linh/school.toml";

#[test]
fn incremental_rebuilds_equal_a_full_build_after_every_edit() {
    let site = fixture_copy("small");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), &site.path().join("themes/default"));
    let mut s = Editing::new(site);
    s.assert_equals_full_build("first build");

    let rendered = s
        .edit(|root| {
            replace(root, REPORT, "tự đánh giá theo", "tự đánh giá (đã sửa) theo");
            vec![REPORT]
        })
        .unwrap();
    s.assert_equals_full_build("report text edited");
    assert_eq!(rendered, 2, "a report's text shows on its page and its school's page only");

    s.edit(|root| {
        replace(root, REPORT, "\"1.2\" = 2", "\"1.2\" = 1");
        replace(root, REPORT, "claimed_level = 2", "claimed_level = 1");
        vec![REPORT]
    })
    .unwrap();
    s.assert_equals_full_build("criterion result lowered (level changes)");

    s.edit(|root| {
        replace(root, SCHOOL, "Trường Tiểu học Đinh Bộ Lĩnh", "Trường Tiểu học Đinh Bộ Lĩnh (mới)");
        vec![SCHOOL]
    })
    .unwrap();
    s.assert_equals_full_build("school renamed");

    s.edit(|root| {
        copy_tree(&root.join("content/schools/th-dinh-bo-linh"), &root.join("content/schools/th-le-loi"));
        replace(root, "content/schools/th-le-loi/school.toml", "75000701", "75000702");
        replace(root, "content/schools/th-le-loi/school.toml", "Đinh Bộ Lĩnh (mới)", "Lê Lợi");
        vec!["content/schools/th-le-loi"]
    })
    .unwrap();
    s.assert_equals_full_build("school added");

    s.edit(|root| {
        fs::remove_file(root.join("content/schools/th-le-loi/2024-2025.md")).unwrap();
        vec!["content/schools/th-le-loi/2024-2025.md"]
    })
    .unwrap();
    s.assert_equals_full_build("report deleted");

    s.edit(|root| {
        fs::copy(root.join(REPORT), root.join("content/schools/th-le-loi/2024-2025.md")).unwrap();
        vec!["content/schools/th-le-loi/2024-2025.md"]
    })
    .unwrap();
    s.assert_equals_full_build("report added");

    s.edit(|root| {
        fs::write(root.join("content/schools/th-le-loi/files/ke-hoach.pdf"), b"%PDF-1.4 ke hoach").unwrap();
        vec!["content/schools/th-le-loi/files/ke-hoach.pdf"]
    })
    .unwrap();
    s.assert_equals_full_build("attachment added");

    s.edit(|root| {
        fs::remove_dir_all(root.join("content/schools/mn-script")).unwrap();
        vec!["content/schools/mn-script"]
    })
    .unwrap();
    s.assert_equals_full_build("school deleted");

    let rendered = s
        .edit(|root| {
            replace(
                root,
                "themes/default/templates/report.html",
                "{% endblock content %}",
                "<p>Mẫu đã sửa</p>{% endblock content %}",
            );
            vec!["themes/default/templates/report.html"]
        })
        .unwrap();
    s.assert_equals_full_build("report template edited");
    assert_eq!(rendered, 2, "only the two report pages use report.html");

    s.edit(|root| {
        replace(root, "themes/default/templates/base.html", "</footer>", "<p>Chân trang mới</p></footer>");
        vec!["themes/default/templates/base.html"]
    })
    .unwrap();
    s.assert_equals_full_build("base template edited");

    s.edit(|root| {
        replace(root, "content/pages/gioi-thieu.md", "title = \"Giới thiệu\"", "title = \"Giới thiệu chung\"");
        vec!["content/pages/gioi-thieu.md"]
    })
    .unwrap();
    s.assert_equals_full_build("content page retitled (navigation of every page)");

    s.edit(|root| {
        replace(root, "config.toml", "minify = false", "minify = true");
        vec!["config.toml"]
    })
    .unwrap();
    s.assert_equals_full_build("config edited");

    let before = read_tree(s.live.path());
    let err = s
        .edit(|root| {
            replace(root, SCHOOL, "level = \"tieu-hoc\"", "level = ");
            vec![SCHOOL]
        })
        .unwrap_err();
    assert!(matches!(err, BuildError::Content(ref d) if d.iter().any(|d| d.file == SCHOOL)), "{err}");
    assert!(read_tree(s.live.path()) == before, "a broken edit leaves the last good site");

    s.edit(|root| {
        replace(root, SCHOOL, "level = ", "level = \"tieu-hoc\"");
        vec![SCHOOL]
    })
    .unwrap();
    s.assert_equals_full_build("error fixed");
}

#[test]
fn an_unchanged_rebuild_renders_nothing() {
    let mut s = Editing::new(fixture_copy("small"));
    let rendered = s.edit(|_| vec![SCHOOL]).unwrap();
    assert_eq!(rendered, 0);
    s.assert_equals_full_build("no change");
}
