//! What may be published from a school's `files/`: an allow-list of types, each checked by
//! its extension and by its bytes, and SVG images cleaned of anything that could run.
//!
//! An attachment is served from the portal's own origin and opened directly, outside the
//! page and its Content-Security-Policy: an HTML page or an SVG with a script would run with
//! the portal's rights. So only document and image types are published, a file whose bytes
//! are not what its name says is refused, and an SVG is parsed and written again without
//! scripts, event handlers or links to elsewhere.

use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::Path;

use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use crate::messages::Message;

/// How many bytes are read to recognise a type (the SVG, being text, is read whole).
const HEAD: u64 = 4096;

/// What the portal publishes, by the extension of the file's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `.pdf`
    Pdf,
    /// `.doc`, `.xls`, `.ppt` (OLE compound file).
    OfficeLegacy,
    /// `.docx`, `.xlsx`, `.pptx` (a zip).
    OfficeOpenXml,
    /// `.odt`, `.ods`, `.odp` (a zip whose `mimetype` says which).
    OpenDocument(&'static str),
    /// `.png`
    Png,
    /// `.jpg`, `.jpeg`
    Jpeg,
    /// `.gif`
    Gif,
    /// `.webp`
    Webp,
    /// `.zip`
    Zip,
    /// `.svg`, cleaned by [`sanitise_svg`].
    Svg,
}

impl Kind {
    /// The type an extension (any case) stands for, if the portal publishes it.
    pub fn of_extension(ext: &str) -> Option<Kind> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "pdf" => Kind::Pdf,
            "doc" | "xls" | "ppt" => Kind::OfficeLegacy,
            "docx" | "xlsx" | "pptx" => Kind::OfficeOpenXml,
            "odt" => Kind::OpenDocument("application/vnd.oasis.opendocument.text"),
            "ods" => Kind::OpenDocument("application/vnd.oasis.opendocument.spreadsheet"),
            "odp" => Kind::OpenDocument("application/vnd.oasis.opendocument.presentation"),
            "png" => Kind::Png,
            "jpg" | "jpeg" => Kind::Jpeg,
            "gif" => Kind::Gif,
            "webp" => Kind::Webp,
            "zip" => Kind::Zip,
            "svg" => Kind::Svg,
            _ => return None,
        })
    }

    /// The type's name, for messages (the same in every language).
    fn label(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::OfficeLegacy | Kind::OfficeOpenXml => "Office (Word, Excel, PowerPoint)",
            Kind::OpenDocument(_) => "OpenDocument",
            Kind::Png => "PNG",
            Kind::Jpeg => "JPEG",
            Kind::Gif => "GIF",
            Kind::Webp => "WebP",
            Kind::Zip => "ZIP",
            Kind::Svg => "SVG",
        }
    }
}

/// What becomes of an attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Published as it is on disk.
    Publish,
    /// An SVG published as these bytes instead; `removed` says what was taken out.
    Sanitised {
        /// The cleaned SVG.
        bytes: Vec<u8>,
        /// What was removed, as written in the file (`<script>`, `onload=`, `href="javascript:…"`…), sorted:
        /// the same in every language, and what staff can search for in their drawing.
        removed: Vec<String>,
    },
    /// Not published: why, in plain words.
    Refused(Message),
}

/// Decides whether the file at `path` may be published, from its name and its bytes.
pub fn vet(path: &Path) -> Verdict {
    let ext = path.extension().map(|e| e.to_string_lossy().into_owned());
    let Some(kind) = ext.as_deref().and_then(Kind::of_extension) else {
        return Verdict::Refused(match ext {
            Some(ext) => crate::msg!("attachment-extension", ext = ext),
            None => crate::msg!("attachment-no-extension"),
        });
    };
    let ext = ext.unwrap_or_default();
    if kind == Kind::Svg {
        return match fs::read(path) {
            Ok(bytes) => vet_svg(&bytes),
            Err(e) => Verdict::Refused(crate::msg!("attachment-unreadable", error = e)),
        };
    }
    let mut head = Vec::with_capacity(HEAD as usize);
    if let Err(e) = fs::File::open(path).and_then(|f| f.take(HEAD).read_to_end(&mut head)) {
        return Verdict::Refused(crate::msg!("attachment-unreadable", error = e));
    }
    vet_head(kind, &ext, &head)
}

/// Checks the first bytes of a file against the type its extension `ext` names.
pub fn vet_head(kind: Kind, ext: &str, head: &[u8]) -> Verdict {
    let ok = match kind {
        Kind::Pdf => head.starts_with(b"%PDF-"),
        Kind::OfficeLegacy => head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        Kind::OfficeOpenXml => head.starts_with(b"PK\x03\x04"),
        Kind::OpenDocument(mimetype) => {
            if !head.starts_with(b"PK\x03\x04") {
                false
            } else if let Some(found) = zip_mimetype(head)
                && found != mimetype.as_bytes()
            {
                return Verdict::Refused(crate::msg!(
                    "attachment-opendocument",
                    ext = ext,
                    found = format!("{:?}", String::from_utf8_lossy(found)),
                    label = kind.label()
                ));
            } else {
                true
            }
        }
        Kind::Png => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        Kind::Jpeg => head.starts_with(&[0xFF, 0xD8, 0xFF]),
        Kind::Gif => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
        Kind::Webp => head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP",
        Kind::Zip => head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06"),
        Kind::Svg => unreachable!("SVG is parsed whole by vet_svg"),
    };
    if ok {
        return Verdict::Publish;
    }
    let label = kind.label();
    Verdict::Refused(match describe(head) {
        Some("HTML") => crate::msg!("attachment-html", ext = ext, label = label),
        Some(what) => crate::msg!("attachment-bytes-other", ext = ext, what = what, label = label),
        None => crate::msg!("attachment-bytes-not", ext = ext, label = label),
    })
}

/// The content of the `mimetype` entry of an OpenDocument zip, when it is the first entry
/// and stored uncompressed (as the format asks) and within `head`.
fn zip_mimetype(head: &[u8]) -> Option<&[u8]> {
    let u16_at = |i: usize| head.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
    let u32_at = |i: usize| head.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let (method, size, name_len, extra_len) = (u16_at(8)?, u32_at(18)?, u16_at(26)?, u16_at(28)?);
    if head.get(30..30 + name_len)? != b"mimetype" || method != 0 {
        return None;
    }
    let start = 30 + name_len + extra_len;
    head.get(start..start + size)
}

/// What the first bytes of a file look like, for messages.
fn describe(head: &[u8]) -> Option<&'static str> {
    if looks_like_html(head) {
        return Some("HTML");
    }
    // Type names, the same in every language.
    let known: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG"),
        (&[0xFF, 0xD8, 0xFF], "JPEG"),
        (b"GIF8", "GIF"),
        (b"PK\x03\x04", "ZIP (Office/OpenDocument)"),
        (&[0xD0, 0xCF, 0x11, 0xE0], "Office (.doc/.xls/.ppt)"),
        (b"<?xml", "XML"),
    ];
    known.iter().find(|(magic, _)| head.starts_with(magic)).map(|(_, what)| *what)
}

/// True when the start of `head` reads as an HTML document (a tag browsers would run or
/// render as a page), ignoring a byte-order mark and leading white space.
fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let text = String::from_utf8_lossy(&head[start..head.len().min(start + 1024)]).to_ascii_lowercase();
    text.starts_with('<')
        && ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<meta", "<title", "<div", "<p>", "<a "]
            .iter()
            .any(|tag| text.contains(tag))
}

/// Parses an SVG file whole and cleans it ([`sanitise_svg`]).
/// Decides an SVG's fate from its bytes: published, sanitised or refused.
pub fn vet_svg(bytes: &[u8]) -> Verdict {
    match sanitise_svg(bytes) {
        Ok(None) => Verdict::Publish,
        Ok(Some(Cleaned { bytes, removed })) => Verdict::Sanitised { bytes, removed },
        Err(_) if looks_like_html(bytes) => Verdict::Refused(crate::msg!("attachment-svg-html")),
        Err(why) => Verdict::Refused(crate::msg!("attachment-svg-malformed", why => why)),
    }
}

/// Elements dropped with everything inside them: they run scripts, show other documents, or
/// (HTML elements, which an XML document creates whatever their parent) submit, redirect or
/// change where links lead.
const DROPPED: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "object",
    "embed",
    "handler",
    "listener",
    "frame",
    "frameset",
    "applet",
    "portal",
    "meta",
    "link",
    "base",
    "form",
];

/// Attributes holding a URL (in SVG, or in HTML elements an SVG may hold): kept only when it
/// is safe ([`safe_url`]). `base` is `xml:base`.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "srcdoc",
    "srcset",
    "poster",
    "ping",
    "background",
    "codebase",
    "archive",
    "lowsrc",
    "dynsrc",
    "base",
];

/// Animation elements, dropped when they change a link or an event handler.
const ANIMATIONS: &[&str] = &["set", "animate", "animatemotion", "animatetransform", "animatecolor"];

/// The entities XML defines itself; any other needs a DOCTYPE, which is never kept.
const PREDEFINED: &[&[u8]] = &[b"lt", b"gt", b"amp", b"quot", b"apos"];

/// An SVG image written again without what could run or fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The image as published.
    pub bytes: Vec<u8>,
    /// What was removed, as written in the file (`<script>`, `onload=`, `href="javascript:…"`…), sorted:
    /// the same in every language, and what staff can search for in their drawing.
    pub removed: Vec<String>,
}

/// Cleans an SVG image: `Ok(None)` when nothing had to be removed (the file is published
/// byte for byte), `Ok(Some(cleaned))` with the image written again without what
/// `cleaned.removed` lists, `Err` when it is not well-formed XML with an `svg` root.
///
/// Removed: scripts and the elements that embed other documents ([`DROPPED`]), `on…`
/// attributes, links (`href`, `xlink:href`, `src`) other than `#fragment` and inline PNG,
/// JPEG, GIF or WebP images, style that imports or points elsewhere, animations that change
/// a link or a handler, processing instructions and any DOCTYPE. Entities are never
/// expanded: a reference to one that the DOCTYPE declared is removed with it.
pub fn sanitise_svg(bytes: &[u8]) -> Result<Option<Cleaned>, Message> {
    // The checks below read names and delimiters as UTF-8 bytes: in another encoding (UTF-16,
    // or ISO-2022-JP, whose escapes change what bytes mean) a browser could read markup where
    // they read text. SVG editors save UTF-8.
    if let Err(e) = std::str::from_utf8(bytes) {
        return Err(crate::msg!("svg-not-utf8", byte = e.valid_up_to()));
    }
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_comments = true;
    let mut out = Writer::new(Vec::with_capacity(bytes.len()));
    let mut removed = BTreeSet::new();
    let mut depth = 0usize;
    let mut root_seen = false;
    // Inside a dropped element: how deep.
    let mut skipping = 0usize;
    // A `<style>` element, held until its end to read its whole text.
    let mut style: Option<(Vec<Event<'static>>, String, usize)> = None;
    let write = |out: &mut Writer<Vec<u8>>, e: Event<'_>| out.write_event(e).map_err(xml_error);
    loop {
        let event =
            reader.read_event().map_err(|e| crate::msg!("svg-xml-at", byte = reader.error_position(), error = e))?;
        match &event {
            Event::Start(e) | Event::Empty(e) if depth == 0 => {
                if root_seen {
                    return Err(crate::msg!("svg-two-roots"));
                }
                root_seen = true;
                if !e.local_name().as_ref().eq_ignore_ascii_case(b"svg") {
                    return Err(crate::msg!("svg-root-not-svg", name = String::from_utf8_lossy(e.name().as_ref())));
                }
            }
            Event::Text(t) if depth == 0 && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(crate::msg!("svg-text-outside"));
            }
            Event::GeneralRef(_) | Event::CData(_) if depth == 0 => {
                return Err(crate::msg!("svg-text-outside"));
            }
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding()
                    && !enc.eq_ignore_ascii_case(b"utf-8")
                {
                    return Err(crate::msg!("svg-encoding", encoding = String::from_utf8_lossy(&enc)));
                }
            }
            Event::Eof if depth > 0 => return Err(crate::msg!("svg-unfinished")),
            Event::Eof if !root_seen => return Err(crate::msg!("svg-no-root")),
            _ => {}
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                _ => {}
            }
            continue;
        }
        if let Some((held, text, at)) = &mut style {
            match &event {
                Event::Text(t) => text.push_str(&String::from_utf8_lossy(t)),
                Event::CData(t) => text.push_str(&String::from_utf8_lossy(t)),
                Event::GeneralRef(r) => text.push_str(&format!("&{};", String::from_utf8_lossy(r))),
                _ => {}
            }
            let ends = matches!(event, Event::End(_)) && depth == *at;
            held.push(event.into_owned());
            if ends {
                let (held, text, _) = style.take().expect("matched above");
                if let Some(why) = unsafe_css(&text) {
                    removed.insert(format!("<style>{why}</style>"));
                } else {
                    for e in held {
                        write(&mut out, e)?;
                    }
                }
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                if drops_element(&e, &mut removed)? {
                    skipping = 1;
                } else if e.local_name().as_ref().eq_ignore_ascii_case(b"style") {
                    style = Some((vec![Event::Start(clean_attributes(e, &mut removed)?)], String::new(), depth - 1));
                } else {
                    write(&mut out, Event::Start(clean_attributes(e, &mut removed)?))?;
                }
            }
            Event::Empty(e) => {
                if !drops_element(&e, &mut removed)? {
                    write(&mut out, Event::Empty(clean_attributes(e, &mut removed)?))?;
                }
            }
            Event::PI(p) => {
                let target = String::from_utf8_lossy(p.target()).into_owned();
                removed.insert(format!("<?{target}?>"));
            }
            Event::DocType(_) => {
                removed.insert("<!DOCTYPE>".into());
            }
            Event::GeneralRef(r) if !r.is_char_ref() && !PREDEFINED.contains(&r.as_ref()) => {
                removed.insert(format!("&{};", String::from_utf8_lossy(&r)));
            }
            other => write(&mut out, other)?,
        }
    }
    Ok((!removed.is_empty()).then(|| Cleaned { bytes: out.into_inner(), removed: removed.into_iter().collect() }))
}

/// A fault of the XML reader or writer, as the reason an SVG cannot be published.
fn xml_error(e: impl std::fmt::Display) -> Message {
    crate::msg!("svg-xml", error = e)
}

/// True when element `e` is removed with its content (noted in `removed`).
fn drops_element(e: &BytesStart<'_>, removed: &mut BTreeSet<String>) -> Result<bool, Message> {
    let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    let lower = name.to_ascii_lowercase();
    if DROPPED.contains(&lower.as_str()) {
        removed.insert(format!("<{name}>"));
        return Ok(true);
    }
    if ANIMATIONS.contains(&lower.as_str()) {
        for a in e.attributes() {
            let a = a.map_err(xml_error)?;
            if !a.key.local_name().as_ref().eq_ignore_ascii_case(b"attributeName") {
                continue;
            }
            let target = String::from_utf8_lossy(&a.value).trim().to_ascii_lowercase();
            let local = target.rsplit(':').next().unwrap_or_default();
            if local == "href" || local == "src" || local.starts_with("on") {
                removed.insert(format!("<{name} attributeName=\"{target}\">"));
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// Element `e` without the attributes that could run a script or fetch from elsewhere (noted
/// in `removed`); unchanged when it has none.
fn clean_attributes(e: BytesStart<'_>, removed: &mut BTreeSet<String>) -> Result<BytesStart<'static>, Message> {
    let mut kept = Vec::new();
    let mut dropped = false;
    for a in e.attributes() {
        let a = a.map_err(xml_error)?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let local = String::from_utf8_lossy(a.key.local_name().as_ref()).to_ascii_lowercase();
        // A value with an entity the XML does not define cannot be read safely (and would not
        // parse once the DOCTYPE is gone).
        let why = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
            Err(_) => Some(format!("{key}=\"&…;\"")),
            Ok(_) if local.starts_with("on") => Some(format!("{key}=")),
            Ok(v) if URL_ATTRIBUTES.contains(&local.as_str()) && !safe_url(&v) => {
                Some(format!("{key}=\"{}\"", short(&v)))
            }
            Ok(v) => unsafe_css(&v).map(|why| format!("{key}=\"…{why}…\"")),
        };
        match why {
            Some(why) => {
                removed.insert(why);
                dropped = true;
            }
            None => kept.push(a),
        }
    }
    if !dropped {
        return Ok(e.into_owned());
    }
    let mut clean = BytesStart::new(String::from_utf8_lossy(e.name().as_ref()).into_owned());
    for a in kept {
        clean.push_attribute(a);
    }
    Ok(clean.into_owned())
}

/// The start of a URL, for messages.
fn short(v: &str) -> String {
    let v = v.trim();
    match v.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &v[..i]),
        None => v.to_owned(),
    }
}

/// A link an SVG may keep: to a part of itself (`#id`) or an inline raster image.
fn safe_url(v: &str) -> bool {
    let v = v.trim_matches(|c: char| c.is_ascii_whitespace());
    if v.starts_with('#') {
        return true;
    }
    let lower = v.get(..16).unwrap_or(v).to_ascii_lowercase();
    ["data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"]
        .iter()
        .any(|p| lower.strip_prefix(p).is_some_and(|rest| rest.starts_with([';', ','])))
}

/// Why a style sheet or style value is unsafe, as written in CSS (the same in every language):
/// it imports another, points outside the image, or is written with CSS escapes (`\\`, which
/// could hide either).
fn unsafe_css(css: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Some("@import".into());
    }
    if lower.contains('\\') {
        return Some("\\".into());
    }
    for f in ["expression(", "image-set(", "image(", "-moz-binding", "behavior:"] {
        if lower.contains(f) {
            return Some(if f.ends_with('(') { format!("{f}…)") } else { f.to_owned() });
        }
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let target = rest.trim_start().trim_start_matches(['"', '\'']);
        let end = target.find(['"', '\'', ')']).unwrap_or(target.len());
        if !safe_url(&target[..end]) {
            return Some(format!("url({})", short(&target[..end])));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(svg: &str) -> (String, Vec<String>) {
        let c = sanitise_svg(svg.as_bytes()).expect("well-formed").expect("something removed");
        (String::from_utf8(c.bytes).unwrap(), c.removed)
    }

    const SVG: &str =
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">"#;

    #[test]
    fn a_clean_svg_is_published_byte_for_byte() {
        let svg = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- Inkscape -->\n{SVG}\n  <defs><linearGradient id=\"g\"/></defs>\n  <style>.a {{ fill: url(#g); }}</style>\n  <use xlink:href=\"#g\"/><rect style=\"fill:url('#g')\" fill=\"url(#g)\" width=\"5\" height=\"5\"/>\n  <image href=\"data:image/png;base64,iVBORw0KGgo=\"/>\n  <text>Trường &amp; lớp &#x41;</text>\n</svg>\n"
        );
        assert_eq!(sanitise_svg(svg.as_bytes()), Ok(None));
        assert_eq!(vet_svg(svg.as_bytes()), Verdict::Publish);
    }

    #[test]
    fn each_dangerous_construct_is_removed_and_named() {
        let cases: &[(&str, &str, &str)] = &[
            ("<script>alert(1)</script>", "<script>", "alert"),
            ("<script><![CDATA[alert(1)]]></script>", "<script>", "alert"),
            (
                "<foreignObject><body xmlns=\"http://www.w3.org/1999/xhtml\"><p>x</p></body></foreignObject>",
                "<foreignObject>",
                "body",
            ),
            ("<iframe src=\"https://evil.example/\"/>", "<iframe>", "evil"),
            ("<object data=\"x.html\"/>", "<object>", "x.html"),
            ("<embed src=\"x.swf\"/>", "<embed>", "x.swf"),
            ("<handler type=\"application/ecmascript\">alert(1)</handler>", "<handler>", "alert"),
            ("<listener event=\"click\" handler=\"#h\"/>", "<listener>", "listener"),
            ("<rect onclick=\"alert(1)\" width=\"1\"/>", "onclick=", "alert"),
            ("<a href=\"javascript:alert(1)\"><text>x</text></a>", "href=\"javascript:alert(1)", "javascript"),
            ("<a xlink:href=\" JaVaScRiPt:alert(1)\"><text>x</text></a>", "xlink:href=", "alert"),
            ("<a href=\"&#106;avascript:alert(1)\"><text>x</text></a>", "href=\"javascript:alert(1)", "#106"),
            ("<use href=\"https://evil.example/x.svg#a\"/>", "href=\"https://evil.example/x.svg#a", "evil"),
            (
                "<image href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"/>",
                "href=\"data:text/html",
                "data:text",
            ),
            (
                "<image href=\"data:image/svg+xml,&lt;svg onload=alert(1)/&gt;\"/>",
                "href=\"data:image/svg+xml",
                "svg+xml",
            ),
            ("<image src=\"http://evil.example/a.png\"/>", "src=\"http://evil.example/a.png", "evil"),
            ("<style>@import url(https://evil.example/a.css);</style>", "<style>@import", "evil"),
            ("<style>rect { fill: url(https://evil.example/t) }</style>", "<style>url(https://evil.example/t)", "evil"),
            ("<rect style=\"fill: url(//evil.example/t)\"/>", "style=\"…url(//evil.example/t)", "evil"),
            ("<rect filter=\"url(https://evil.example/f#x)\"/>", "filter=\"…url(https://evil.example/f#x)", "evil"),
            ("<rect style=\"background: u\\72l(https://evil.example)\"/>", "style=\"…\\…\"", "evil"),
            (
                "<a href=\"#x\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a>",
                "<set attributeName=\"href\">",
                "javascript",
            ),
            (
                "<a><animate attributeName=\"xlink:href\" values=\"javascript:alert(1)\"/></a>",
                "<animate attributeName=\"xlink:href\">",
                "javascript",
            ),
            (
                "<rect><set attributeName=\"onclick\" to=\"alert(1)\"/></rect>",
                "<set attributeName=\"onclick\">",
                "alert",
            ),
            ("<?xml-stylesheet href=\"https://evil.example/a.xsl\"?>", "<?xml-stylesheet?>", "evil"),
            (
                "<h:form xmlns:h=\"http://www.w3.org/1999/xhtml\" action=\"javascript:alert(1)\"><h:button>x</h:button></h:form>",
                "<form>",
                "javascript",
            ),
            (
                "<h:meta xmlns:h=\"http://www.w3.org/1999/xhtml\" http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"/>",
                "<meta>",
                "evil",
            ),
            (
                "<h:img xmlns:h=\"http://www.w3.org/1999/xhtml\" srcset=\"https://evil.example/a.png 1x\"/>",
                "srcset=\"https://evil.example/a.png 1x",
                "evil",
            ),
            (
                "<g xml:base=\"https://evil.example/\"><use href=\"#a\"/></g>",
                "xml:base=\"https://evil.example/",
                "evil",
            ),
            ("<rect style=\"-moz-binding: url(#x)\"/>", "style=\"…-moz-binding", "binding"),
        ];
        for (inner, named, gone) in cases {
            let (out, removed) = clean(&format!("{SVG}<g>{inner}</g><circle r=\"1\"/></svg>"));
            assert!(removed.iter().any(|r| r.starts_with(named)), "{inner}: removed {removed:?}, expected {named}");
            assert!(!out.contains(gone), "{inner}: {out}");
            assert!(out.contains("<circle r=\"1\"/>"), "{inner}: the rest is kept: {out}");
            assert_eq!(sanitise_svg(out.as_bytes()), Ok(None), "{inner}: the cleaned image is clean: {out}");
        }
    }

    #[test]
    fn the_root_svg_loses_its_handler_and_keeps_the_rest() {
        let (out, removed) =
            clean("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\" width=\"4\"><rect/></svg>");
        assert_eq!(removed, ["onload="]);
        assert_eq!(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\"><rect/></svg>");
    }

    #[test]
    fn cleaning_is_deterministic() {
        let svg = format!("{SVG}<script>x</script><rect onclick=\"y\" a=\"1\"/></svg>");
        assert_eq!(sanitise_svg(svg.as_bytes()), sanitise_svg(svg.as_bytes()));
    }

    #[test]
    fn entities_of_a_doctype_are_never_expanded() {
        let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [\n<!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            bomb.push_str(&format!(
                "<!ENTITY lol{i} \"{}\">\n",
                format!("&lol{};", i - 1).replace("&lol0;", "&lol;").repeat(10)
            ));
        }
        bomb.push_str("<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n");
        bomb.push_str(&format!("{SVG}<text>&lol9;&xxe;</text><text a=\"&lol9;\">b</text></svg>"));
        let start = std::time::Instant::now();
        let (out, removed) = clean(&bomb);
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(out.len() < bomb.len(), "nothing expanded: {} bytes", out.len());
        assert!(!out.contains("lol") && !out.contains("root:") && !out.contains("DOCTYPE"), "{out}");
        for r in ["<!DOCTYPE>", "&lol9;", "&xxe;", "a=\"&…;\""] {
            assert!(removed.iter().any(|x| x == r), "{r} in {removed:?}");
        }
        assert_eq!(sanitise_svg(out.as_bytes()), Ok(None));
    }

    #[test]
    fn malformed_or_foreign_xml_is_refused() {
        for bad in [
            "",
            "not xml at all",
            "<svg><g></svg>",
            "<svg><rect></svg>",
            "<svg>",
            "<svg/><svg/>",
            "<svg a=\"1\" a=\"2\"/>",
            "<html><body><script>alert(1)</script></body></html>",
            "<!DOCTYPE html><html><script>alert(1)</script>",
            "<svg><!-- a -- b --></svg>",
            "text <svg/>",
            "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><svg/>",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg/>",
        ] {
            assert!(sanitise_svg(bad.as_bytes()).is_err(), "{bad:?} was accepted");
            assert!(matches!(vet_svg(bad.as_bytes()), Verdict::Refused(_)), "{bad:?}");
        }
        let Verdict::Refused(why) = vet_svg(b"<!DOCTYPE html>\n<html><body onload=\"alert(1)\"></body></html>") else {
            panic!("accepted")
        };
        assert!(why.render(crate::messages::Lang::En).contains("HTML"), "{why}");
        assert!(sanitise_svg(b"<svg><text>\xff</text></svg>").is_err(), "not UTF-8");
        assert!(sanitise_svg(b"\xff\xfe<\x00s\x00v\x00g\x00/\x00>\x00").is_err(), "UTF-16");
        assert_eq!(sanitise_svg(b"<svg/>"), Ok(None));
        assert_eq!(sanitise_svg(b"\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-8\"?><svg/>"), Ok(None));
    }

    #[test]
    fn why_an_svg_is_refused_is_said_in_the_language_asked_for() {
        use crate::messages::Lang;
        let cases: &[(&[u8], &str, &str)] = &[
            (b"<svg/><svg/>", "có hơn một phần tử gốc", "more than one root element"),
            (b"text <svg/>", "có chữ nằm ngoài phần tử <svg>", "text outside the <svg> element"),
            (b"<svg><g>", "kết thúc trước thẻ đóng </svg>", "ends before its </svg>"),
            (
                b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><svg/>",
                "tự khai bảng mã UTF-16",
                "declares the encoding UTF-16",
            ),
            (b"<svg><text>\xff</text></svg>", "không phải văn bản UTF-8", "not UTF-8 text"),
        ];
        for (bytes, vi, en) in cases {
            let Verdict::Refused(why) = vet_svg(bytes) else { panic!("{bytes:?} accepted") };
            let (in_vi, in_en) = (why.render(Lang::Vi), why.render(Lang::En));
            assert!(in_vi.contains(vi) && in_vi.contains("không phải một ảnh SVG đúng cú pháp"), "{in_vi}");
            assert!(in_en.contains(en) && !in_en.contains("không"), "{in_en}");
        }
        // What was removed is named as written in the drawing, with no words of either language.
        let (_, removed) = clean(&format!(
            "<?xml-stylesheet href=\"x.xsl\"?>{SVG}<a href=\"javascript:alert(1)\"><set attributeName=\"href\"/></a></svg>"
        ));
        assert_eq!(removed, ["<?xml-stylesheet?>", "<set attributeName=\"href\">", "href=\"javascript:alert(1)\""]);
    }

    fn refused(ext: &str, head: &[u8]) -> String {
        let kind = Kind::of_extension(ext).expect("allowed");
        match vet_head(kind, ext, head) {
            Verdict::Refused(why) => why.render(crate::messages::Lang::En),
            v => panic!(".{ext} {head:?}: {v:?}"),
        }
    }

    #[test]
    fn each_type_is_recognised_by_its_first_bytes() {
        let odt = {
            let mut z = b"PK\x03\x04\x14\x00\x00\x00\x00\x00".to_vec();
            z.extend([0; 8]);
            z.extend(39u32.to_le_bytes());
            z.extend(39u32.to_le_bytes());
            z.extend(8u16.to_le_bytes());
            z.extend(0u16.to_le_bytes());
            z.extend(b"mimetypeapplication/vnd.oasis.opendocument.text");
            z
        };
        let ok: &[(&str, &[u8])] = &[
            ("pdf", b"%PDF-1.7\n"),
            ("PDF", b"%PDF-1.4\n"),
            ("doc", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            ("xls", &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            ("docx", b"PK\x03\x04rest"),
            ("XLSX", b"PK\x03\x04rest"),
            ("pptx", b"PK\x03\x04rest"),
            ("odt", &odt),
            ("ods", b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
            ("png", b"\x89PNG\r\n\x1a\n...."),
            ("jpg", &[0xFF, 0xD8, 0xFF, 0xE0]),
            ("JPEG", &[0xFF, 0xD8, 0xFF, 0xE1]),
            ("gif", b"GIF89a.."),
            ("gif", b"GIF87a.."),
            ("webp", b"RIFF\x10\x00\x00\x00WEBPVP8 "),
            ("zip", b"PK\x03\x04"),
            ("zip", b"PK\x05\x06"),
        ];
        for (ext, head) in ok {
            let kind = Kind::of_extension(ext).expect("allowed");
            assert_eq!(vet_head(kind, ext, head), Verdict::Publish, ".{ext}");
        }
        let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
        for ext in ["pdf", "png", "jpg", "gif", "webp", "zip", "docx", "doc", "odt"] {
            let why = refused(ext, html);
            assert!(why.contains(&format!("named .{ext}")) && why.contains("HTML"), "{why}");
        }
        assert!(refused("png", b"%PDF-1.4").contains("bytes are PDF"));
        assert!(refused("webp", b"RIFF\x10\x00\x00\x00WAVEfmt ").contains("not WebP"));
        assert!(refused("ods", &odt).contains("opendocument.text"));
        assert!(refused("pdf", b"").contains("not PDF"));
    }

    #[test]
    fn other_extensions_are_refused_by_name() {
        for ext in ["html", "htm", "xhtml", "xml", "js", "mjs", "exe", "txt", "svgz", "shtml"] {
            assert_eq!(Kind::of_extension(ext), None, ".{ext}");
        }
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("a.HTML");
        fs::write(&page, "<p>x</p>").unwrap();
        let Verdict::Refused(why) = vet(&page) else { panic!("accepted") };
        assert!(
            why.render(crate::messages::Lang::En).starts_with("the extension .HTML is not a type the portal publishes"),
            "{why}"
        );
        let bare = dir.path().join("README");
        fs::write(&bare, "x").unwrap();
        assert!(
            matches!(vet(&bare), Verdict::Refused(w) if w.render(crate::messages::Lang::En).contains("no extension"))
        );
        let pdf = dir.path().join("a.pdf");
        fs::write(&pdf, b"%PDF-1.4\n".repeat(10_000)).unwrap();
        assert_eq!(vet(&pdf), Verdict::Publish);
    }
}
