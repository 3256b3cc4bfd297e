//! A small HTTP/1.1 server for the preview: GET and HEAD of the files of one folder, on
//! 127.0.0.1 only, one thread per connection, `Connection: close`. HTML pages get the
//! live-reload script and, while the content has errors, the overlay listing them; the
//! files on disk are never changed, so they stay equal to a full build.

use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::render::escape_html;

/// Where the preview's own files live; no school slug or page can start with `_`.
pub const PREFIX: &str = "/__minhbach/";

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");

/// What the browser tabs are told: the number of the last build, and its errors.
#[derive(Debug, Default)]
pub struct Status {
    /// Goes up by one after each rebuild, good or bad; a tab showing an older one reloads.
    pub generation: u64,
    /// The findings of the last rebuild, as text, when it failed.
    pub errors: Option<String>,
}

/// The state shared by the watcher (which writes it) and the connections (which read it).
#[derive(Debug, Default)]
pub struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Shared {
    /// Records the outcome of a rebuild and wakes every tab.
    pub fn publish(&self, errors: Option<String>) {
        let mut s = self.status.lock().expect("not poisoned");
        s.generation += 1;
        s.errors = errors;
        self.changed.notify_all();
    }

    fn snapshot(&self) -> (u64, Option<String>) {
        let s = self.status.lock().expect("not poisoned");
        (s.generation, s.errors.clone())
    }
}

/// Accepts connections on `listener` forever, serving the files of `dir`.
pub fn run(listener: TcpListener, dir: PathBuf, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let dir = dir.clone();
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            // A client that goes away mid-response is not an error worth reporting.
            let _ = handle(stream, &dir, &shared);
        });
    }
}

fn handle(mut stream: TcpStream, dir: &Path, shared: &Shared) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some(head) = read_head(&mut stream)? else {
        return respond(&mut stream, 400, "text/plain; charset=utf-8", b"bad request\n", false);
    };
    let mut words = head.lines().next().unwrap_or_default().split(' ');
    let (method, target) = (words.next().unwrap_or_default(), words.next().unwrap_or_default());
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        return respond(&mut stream, 405, "text/plain; charset=utf-8", b"only GET and HEAD\n", false);
    }
    let path = target.split(['?', '#']).next().unwrap_or("/");
    match path.strip_prefix(PREFIX) {
        Some("events") => events(stream, shared),
        Some("live.js") => respond(&mut stream, 200, "text/javascript; charset=utf-8", LIVE_JS.as_bytes(), head_only),
        Some("live.css") => respond(&mut stream, 200, "text/css; charset=utf-8", LIVE_CSS.as_bytes(), head_only),
        Some(_) => respond(&mut stream, 404, "text/plain; charset=utf-8", b"not found\n", head_only),
        None => file(&mut stream, dir, path, shared, head_only),
    }
}

/// Reads the request line and headers (at most 16 KiB); `None` if there are none.
fn read_head(stream: &mut TcpStream) -> io::Result<Option<String>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk)?;
        if n == 0 || buf.len() > 16 * 1024 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(String::from_utf8(buf).ok())
}

fn file(stream: &mut TcpStream, dir: &Path, path: &str, shared: &Shared, head_only: bool) -> io::Result<()> {
    let Some(rel) = local_path(path) else {
        return respond(stream, 400, "text/plain; charset=utf-8", b"bad path\n", head_only);
    };
    let mut on_disk = dir.join(&rel);
    if on_disk.is_dir() {
        if !path.ends_with('/') {
            let location = format!("{path}/");
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return stream.write_all(head.as_bytes());
        }
        on_disk.push("index.html");
    }
    let (status, on_disk) = if on_disk.is_file() { (200, on_disk) } else { (404, dir.join("404.html")) };
    let bytes = fs::read(&on_disk).unwrap_or_else(|_| b"<!doctype html><title>404</title><body></body>".to_vec());
    let ctype = content_type(&on_disk);
    if ctype.starts_with("text/html") {
        let (generation, errors) = shared.snapshot();
        let page = inject(&String::from_utf8_lossy(&bytes), generation, errors.as_deref());
        respond(stream, status, ctype, page.as_bytes(), head_only)
    } else {
        respond(stream, status, ctype, &bytes, head_only)
    }
}

/// The file path of a URL path: percent-decoded, and `None` for anything that could leave
/// the folder (`..`, `\`, NUL) or is not UTF-8.
pub fn local_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut out = PathBuf::new();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if part == "." || part == ".." || part.contains(['\\', '\0']) {
            return None;
        }
        out.push(part);
    }
    Some(out)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script (which knows the page's build) and, if the last rebuild
/// failed, the overlay with its findings, before `</body>`.
pub fn inject(html: &str, generation: u64, errors: Option<&str>) -> String {
    let mut extra = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}live.css\"><script src=\"{PREFIX}live.js\" data-generation=\"{generation}\" defer></script>"
    );
    if let Some(errors) = errors {
        extra.push_str(&format!(
            "<div id=\"minhbach-overlay\" role=\"alertdialog\" aria-labelledby=\"minhbach-overlay-title\">\
             <h2 id=\"minhbach-overlay-title\">Nội dung có lỗi: trang đang xem là bản dựng tốt gần nhất</h2>\
             <p>Sửa các lỗi dưới đây rồi lưu tệp; trang tự tải lại khi hết lỗi.</p>\
             <pre>{}</pre><button type=\"button\" data-minhbach-close>Đóng</button></div>",
            escape_html(errors)
        ));
    }
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

fn respond(stream: &mut TcpStream, status: u16, ctype: &str, body: &[u8], head_only: bool) -> io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut w = BufWriter::new(stream);
    write!(
        w,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head_only {
        w.write_all(body)?;
    }
    w.flush()
}

/// Server-sent events: the build number now, then after each rebuild, with a comment every
/// 15 s so that a closed tab is noticed.
fn events(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n",
    )?;
    let mut status = shared.status.lock().expect("not poisoned");
    let mut sent = None;
    loop {
        if sent != Some(status.generation) {
            sent = Some(status.generation);
            let message = format!("data: {}\n\n", status.generation);
            drop(status);
            stream.write_all(message.as_bytes())?;
            status = shared.status.lock().expect("not poisoned");
            continue;
        }
        let (s, timeout) = shared.changed.wait_timeout(status, Duration::from_secs(15)).expect("not poisoned");
        status = s;
        if timeout.timed_out() {
            drop(status);
            stream.write_all(b": ping\n\n")?;
            status = shared.status.lock().expect("not poisoned");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_folder() {
        assert_eq!(local_path("/truong/a/"), Some(PathBuf::from("truong/a")));
        assert_eq!(local_path("/files/Bi%C3%AAn%20b%E1%BA%A3n.pdf"), Some(PathBuf::from("files/Biên bản.pdf")));
        for bad in ["/../etc/passwd", "/a/%2e%2e/b", "/a/..%2F..%2Fb", "/a\\b", "/%00", "/%zz", "/%ff"] {
            assert_eq!(local_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_overlay_is_escaped_and_only_shown_on_errors() {
        let page = "<html><body><p>x</p></body></html>";
        let ok = inject(page, 3, None);
        assert!(ok.contains("data-generation=\"3\"") && !ok.contains("minhbach-overlay"));
        assert!(ok.ends_with("</body></html>"));
        let bad = inject(page, 4, Some("content/a.toml:1:1: lỗi <script>"));
        assert!(bad.contains("content/a.toml:1:1: lỗi &lt;script&gt;"), "{bad}");
        assert!(!bad.contains("<script>\n") && !bad.contains("lỗi <script>"));
    }
}
