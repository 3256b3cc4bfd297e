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

    const SVG: &str = "content/schools/th-le-loi/files/so-do.svg";
    s.edit(|root| {
        fs::write(
            root.join(SVG),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script><rect/></svg>",
        )
        .unwrap();
        vec![SVG]
    })
    .unwrap();
    s.assert_equals_full_build("SVG attachment with a script added");
    let served = fs::read_to_string(s.live.path().join("truong/th-le-loi/files/so-do.svg")).unwrap();
    assert_eq!(served, "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>", "serve writes the cleaned SVG");

    let before = read_tree(s.live.path());
    const PAGE: &str = "content/schools/th-le-loi/files/trang.html";
    let err = s
        .edit(|root| {
            fs::write(root.join(PAGE), "<script>alert(1)</script>").unwrap();
            vec![PAGE]
        })
        .unwrap_err();
    assert!(matches!(err, BuildError::Content(ref d) if d.iter().any(|d| d.file == PAGE)), "{err}");
    assert!(read_tree(s.live.path()) == before, "a refused attachment leaves the last good site");
    s.edit(|root| {
        fs::remove_file(root.join(PAGE)).unwrap();
        vec![PAGE]
    })
    .unwrap();
    s.assert_equals_full_build("refused attachment removed");

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

/// `GET path` over a plain TCP connection: (status, body).
fn get(port: u16, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap();
    (head.split(' ').nth(1).unwrap().parse().unwrap(), body.to_owned())
}

/// Polls `path` until `pred` holds of its body, for at most `within`; the time it took.
fn wait_for(port: u16, path: &str, within: std::time::Duration, pred: impl Fn(&str) -> bool) -> std::time::Duration {
    let start = std::time::Instant::now();
    loop {
        let (_, body) = get(port, path);
        if pred(&body) {
            return start.elapsed();
        }
        assert!(start.elapsed() < within, "{path} did not change as expected within {within:?}:\n{body}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The `serve` process, stopped with SIGINT (Ctrl-C) at the end.
struct Server {
    child: std::process::Child,
    port: u16,
    temp: std::path::PathBuf,
}

impl Server {
    fn start(root: &Path) -> Server {
        use std::io::BufRead;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let mut built = false;
        let line = lines
            .find(|l| {
                built |= l.as_ref().unwrap().starts_with("Đã dựng");
                l.as_ref().unwrap().starts_with("Xem trước tại")
            })
            .unwrap()
            .unwrap();
        assert!(built, "the address must come after the build's summary, as the last line to read");
        let port = line.split("127.0.0.1:").nth(1).unwrap().split('/').next().unwrap().parse().unwrap();
        let temp = line.split("thư mục tạm ").nth(1).unwrap().split(')').next().unwrap().into();
        // Keep reading so that the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, port, temp }
    }

    fn stop(mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < std::time::Duration::from_secs(5), "serve did not stop on Ctrl-C");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}

#[cfg(unix)]
#[test]
fn serve_shows_an_edit_then_an_error_overlay_then_the_fixed_page() {
    let site = fixture_copy("small");
    let server = Server::start(site.path());
    let page = "/truong/th-dinh-bo-linh/2024-2025/";
    let (status, body) = get(server.port, page);
    assert_eq!(status, 200);
    assert!(body.contains("Đinh Bộ Lĩnh") && body.contains("/__minhbach/live.js"));
    assert!(server.temp.is_dir() && !site.path().join("output").exists(), "serve never writes output/");

    replace(site.path(), REPORT, "tự đánh giá theo", "tự đánh giá LẦN HAI theo");
    let took = wait_for(server.port, page, std::time::Duration::from_secs(2), |b| b.contains("LẦN HAI"));
    eprintln!("edit shown after {took:?}");

    replace(site.path(), SCHOOL, "level = \"tieu-hoc\"", "level = tieu-hoc");
    wait_for(server.port, page, std::time::Duration::from_secs(2), |b| {
        b.contains("id=\"minhbach-overlay\"") && b.contains("content/schools/th-dinh-bo-linh/school.toml:3")
    });
    let (_, body) = get(server.port, page);
    assert!(body.contains("LẦN HAI"), "the last good page stays under the overlay");

    replace(site.path(), SCHOOL, "level = tieu-hoc", "level = \"tieu-hoc\"");
    wait_for(server.port, page, std::time::Duration::from_secs(2), |b| {
        !b.contains("minhbach-overlay") && b.contains("LẦN HAI")
    });

    // Editors that save by writing a temporary file and renaming it over the original.
    let report = site.path().join(REPORT);
    let saved = fs::read_to_string(&report).unwrap().replace("LẦN HAI", "LẦN BA");
    let temp = site.path().join("content/schools/th-dinh-bo-linh/.2024-2025.md.swp");
    fs::write(&temp, saved).unwrap();
    fs::rename(&temp, &report).unwrap();
    wait_for(server.port, page, std::time::Duration::from_secs(2), |b| b.contains("LẦN BA"));

    let (status, _) = get(server.port, "/truong/khong-co/");
    assert_eq!(status, 404);
    let (status, _) = get(server.port, "/../config.toml");
    assert_eq!(status, 400);
    let events = {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(s, "GET /__minhbach/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_millis(500))).unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 512];
        while !String::from_utf8_lossy(&got).contains("data: ") {
            let n = s.read(&mut buf).unwrap();
            got.extend_from_slice(&buf[..n]);
        }
        String::from_utf8(got).unwrap()
    };
    assert!(events.starts_with("HTTP/1.1 200") && events.contains("text/event-stream"), "{events}");
    let generation: u64 = events.split("data: ").nth(1).unwrap().split('\n').next().unwrap().parse().unwrap();
    assert!(generation >= 4, "the tabs are told of the builds so far (first, edit, error, fix): {events}");

    let temp = server.temp.clone();
    let status = server.stop();
    assert!(status.success(), "Ctrl-C stops serve cleanly: {status:?}");
    assert!(!temp.exists(), "the temporary site is removed on exit");
}
