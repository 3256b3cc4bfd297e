//! A Word document (`.docx`, `.docm`) read into paragraphs and tables, as the reader of the
//! printed page sees them: tracked changes accepted, the table of contents, text boxes,
//! headers and footers left out, text in the legacy `.VnTime`/`VNI-Times` fonts converted to
//! Unicode. Nothing in the file is trusted: the zip is bounded against bombs, XML with a
//! DOCTYPE (entity expansion, external entities) is refused, nesting and paragraph sizes are
//! bounded, and image names are never used as paths.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashMap;

use crate::content::encoding::{self, Legacy};

/// Bounds on what a Word file may make us hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Size of the file itself.
    pub file: u64,
    /// Bytes of all zip entries once inflated.
    pub unzipped: u64,
    /// Characters in one paragraph.
    pub paragraph_chars: usize,
    /// Tables inside tables.
    pub table_depth: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { file: 200 << 20, unzipped: 256 << 20, paragraph_chars: 1 << 20, table_depth: 32 }
    }
}

/// Why a file could not be read as a Word document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFault {
    /// Not a Word document, or damaged: the reader's own words.
    Unreadable(String),
    /// An XML part declares a DOCTYPE (entities): refused unread.
    Doctype(String),
    /// Protected with a password.
    Encrypted,
    /// The file, or its parts once unzipped, are bigger than [`Limits`] allow (megabytes).
    TooLarge(u64),
    /// A paragraph longer than [`Limits::paragraph_chars`] (its number).
    ParagraphTooLong(usize),
    /// Tables nested deeper than [`Limits::table_depth`].
    TooDeep(usize),
}

/// A paragraph of the body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based number among the body's top-level paragraphs (`đoạn N` in findings); 0 inside
    /// a table.
    pub number: usize,
    /// The text, NFC, legacy fonts converted, tabs and breaks as spaces and `\n`.
    pub text: String,
    /// Outline level 1–9 from a Heading style (or the paragraph's own outline level).
    pub heading: Option<u8>,
    /// Every character of the text is bold.
    pub bold: bool,
    /// A numbered or bulleted list item.
    pub list: bool,
    /// Images shown in the paragraph: indexes into [`Document::images`].
    pub images: Vec<usize>,
}

/// A cell of a table row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// The cell's paragraphs, joined with `\n` (nested tables' text included).
    pub text: String,
    /// Grid columns the cell spans (`gridSpan`), at least 1.
    pub span: usize,
    /// The cell continues a vertical merge from the row above (`vMerge` without `restart`).
    pub merged_up: bool,
    /// Images in the cell.
    pub images: Vec<usize>,
}

/// A top-level table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// 1-based number among the body's top-level tables (`bảng N`).
    pub number: usize,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The rows laid out on the grid: a vertically merged cell given the text of the cell it
    /// continues; a horizontally merged cell's text in its first column only, its other
    /// columns empty ([`Table::spread`] repeats it instead).
    pub fn grid(&self) -> Vec<Vec<String>> {
        self.lay_out(false)
    }

    /// Like [`Table::grid`], with a horizontally merged cell's text in every column it spans:
    /// for reading headers ("Mức 1" over "Đạt | Không đạt").
    pub fn spread(&self) -> Vec<Vec<String>> {
        self.lay_out(true)
    }

    fn lay_out(&self, spread: bool) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::with_capacity(self.rows.len());
        for row in &self.rows {
            let mut line = Vec::new();
            for cell in row {
                let col = line.len();
                let text = if cell.merged_up {
                    out.last().and_then(|above: &Vec<String>| above.get(col)).cloned().unwrap_or_default()
                } else {
                    cell.text.clone()
                };
                for i in 0..cell.span {
                    line.push(if i == 0 || spread { text.clone() } else { String::new() });
                }
            }
            out.push(line);
        }
        out
    }
}

/// A block of the body, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// An image of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The name the file had inside the Word file, as written there (for messages only).
    pub original: String,
    /// A safe file name: the bare name, slugged, with its extension.
    pub name: String,
    /// Its bytes (empty when it could not be read).
    pub bytes: Vec<u8>,
}

/// A Word document's body.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// Paragraphs and tables in order.
    pub blocks: Vec<Block>,
    /// Images referenced from the body.
    pub images: Vec<Image>,
    /// Runs whose font or text was a legacy encoding, converted: (which, how many).
    pub legacy: BTreeMap<&'static str, usize>,
    /// The file carries macros (`vbaProject.bin`): never run, never read.
    pub macros: bool,
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// True when `bytes` are an OLE compound file (a `.doc`, or an encrypted `.docx`).
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(OLE)
}

/// True when the OLE file `bytes` holds an `EncryptedPackage` stream (a password-protected
/// Office Open XML file).
pub fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    is_ole(bytes) && memchr::memmem::find(bytes, &marker).is_some()
}

/// Reads the Word document `bytes`.
pub fn read(bytes: &[u8], limits: Limits) -> Result<Document, ReadFault> {
    if bytes.len() as u64 > limits.file {
        return Err(ReadFault::TooLarge(limits.file >> 20));
    }
    if is_encrypted_ole(bytes) {
        return Err(ReadFault::Encrypted);
    }
    if !bytes.starts_with(ZIP) {
        return Err(ReadFault::Unreadable("not a Word (.docx) file".into()));
    }
    let parts = Parts::inflate(bytes, limits)?;
    if parts.names.iter().any(|n| n == "EncryptedPackage") {
        return Err(ReadFault::Encrypted);
    }
    let main = parts.main_document()?;
    if !parts.is_word(&main) {
        return Err(ReadFault::Unreadable(format!("not a Word document: its main part is {main}")));
    }
    let body = parts.get(&main).ok_or_else(|| ReadFault::Unreadable(format!("{main} is missing")))?;
    let rels_name = rels_of(&main);
    let rels = match parts.get(&rels_name) {
        Some(xml) => relationships(xml, &rels_name)?,
        None => FxHashMap::default(),
    };
    let styles = match parts.get("word/styles.xml") {
        Some(xml) => Styles::parse(xml)?,
        None => Styles::default(),
    };
    let (mut doc, ids) = Body::new(&styles, limits).read(body)?;
    doc.macros = parts.names.iter().any(|n| n.to_ascii_lowercase().ends_with("vbaproject.bin"));
    let dir = main.rsplit_once('/').map_or("", |(d, _)| d);
    // Two pictures whose names slug alike ("Hình 1.png", "hinh-1.png") get distinct names, so
    // that a name stands for one picture in the body's links.
    let mut used: FxHashMap<String, String> = FxHashMap::default();
    for (n, id) in ids.iter().enumerate() {
        let mut img = image(&parts, dir, &rels, id, n + 1);
        let base = img.name.clone();
        let mut k = 2;
        while used.get(&img.name).is_some_and(|target| *target != img.original) {
            img.name = numbered_name(&base, k);
            k += 1;
        }
        used.insert(img.name.clone(), img.original.clone());
        doc.images.push(img);
    }
    Ok(doc)
}

fn unreadable(e: impl std::fmt::Display) -> ReadFault {
    ReadFault::Unreadable(e.to_string())
}

/// The zip's entries that matter (XML and media), inflated within the limits.
struct Parts {
    names: Vec<String>,
    data: FxHashMap<String, Vec<u8>>,
}

impl Parts {
    fn inflate(bytes: &[u8], limits: Limits) -> Result<Parts, ReadFault> {
        use crate::import::archive::{Fault, inflate};
        let keep = |name: &str| name.ends_with(".xml") || name.ends_with(".rels") || name.starts_with("word/media/");
        match inflate(bytes, limits.unzipped, keep) {
            Ok(i) => Ok(Parts { names: i.names, data: i.kept }),
            Err(Fault::Unreadable(why)) => Err(ReadFault::Unreadable(why)),
            Err(Fault::TooLarge) => Err(ReadFault::TooLarge(limits.unzipped >> 20)),
        }
    }

    fn get(&self, name: &str) -> Option<&[u8]> {
        self.data.get(name).map(Vec::as_slice)
    }

    /// True when `[Content_Types].xml` gives `main` a Word document type (an Excel or
    /// PowerPoint file renamed `.docx` has a main part of another type).
    fn is_word(&self, main: &str) -> bool {
        let Some(types) = self.get("[Content_Types].xml") else { return main == "word/document.xml" };
        let types = String::from_utf8_lossy(types);
        let part = format!("PartName=\"/{main}\"");
        match types.find(&part) {
            Some(i) => {
                // The whole <Override …/> element: its attributes come in any order.
                let start = types[..i].rfind('<').unwrap_or(0);
                let end = types[i..].find('>').map_or(types.len(), |e| i + e);
                let element = &types[start..end];
                element.contains("wordprocessingml") || element.contains("ms-word")
            }
            None => main.ends_with("document.xml") && main.starts_with("word/"),
        }
    }

    /// The main document part named by `_rels/.rels` (`word/document.xml` in every file seen).
    fn main_document(&self) -> Result<String, ReadFault> {
        if let Some(xml) = self.get("_rels/.rels") {
            for (kind, target) in relationships(xml, "_rels/.rels")?.into_values() {
                if kind.ends_with("/officeDocument")
                    && let Some(name) = resolve("", &target)
                {
                    return Ok(name);
                }
            }
        }
        if self.data.contains_key("word/document.xml") {
            Ok("word/document.xml".into())
        } else {
            Err(ReadFault::Unreadable("not a Word document: word/document.xml is missing".into()))
        }
    }
}

/// `word/_rels/document.xml.rels` for `word/document.xml`.
fn rels_of(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target resolved against the folder of its part, inside the zip: `None`
/// when it climbs out of the zip or is absolute.
fn resolve(dir: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = if target.starts_with('/') { Vec::new() } else { dir.split('/').collect() };
    parts.retain(|p| !p.is_empty());
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The relationships of a part: id → (type, target). External targets are left out.
fn relationships(xml: &[u8], part: &str) -> Result<FxHashMap<String, (String, String)>, ReadFault> {
    let mut out = FxHashMap::default();
    let mut reader = quick_xml::Reader::from_reader(xml);
    loop {
        match reader.read_event().map_err(|e| ReadFault::Unreadable(format!("{part}: {e}")))? {
            Event::Eof => break,
            Event::DocType(_) => return Err(ReadFault::Doctype(part.to_owned())),
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if attr(&e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external")) {
                    continue;
                }
                if let (Some(id), Some(kind), Some(target)) = (attr(&e, b"Id"), attr(&e, b"Type"), attr(&e, b"Target"))
                {
                    out.insert(id, (kind, target));
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// An attribute by local name, unescaped.
fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.local_name().as_ref() == name).map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
    })
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`).
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("0" | "false" | "off" | "none"))
}

/// The legacy encoding a font name stands for: `.VnTime`, `.VnArial`, `.VnTimeH` (TCVN3),
/// `VNI-Times`, `VNI-Helve` (VNI).
fn legacy_font(name: &str) -> Option<Legacy> {
    let lower = name.trim().to_ascii_lowercase();
    if lower.starts_with(".vn") || lower.starts_with("vn3-") || lower.starts_with("abc ") {
        Some(Legacy::Tcvn3)
    } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
        Some(Legacy::Vni)
    } else {
        None
    }
}

/// What a style gives its paragraphs and runs.
#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    bold: Option<bool>,
    font: Option<Option<Legacy>>,
    /// The style numbers its paragraphs ("List Bullet", "List Number").
    list: bool,
}

/// The document's styles, resolved through `basedOn`.
#[derive(Debug, Default)]
struct Styles {
    by_id: FxHashMap<String, Style>,
    default_font: Option<Legacy>,
    default_paragraph: Option<String>,
}

impl Styles {
    fn parse(xml: &[u8]) -> Result<Styles, ReadFault> {
        let mut styles = Styles::default();
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut current: Option<(String, Style, bool)> = None;
        let mut in_defaults = false;
        loop {
            let event = reader.read_event().map_err(|e| ReadFault::Unreadable(format!("word/styles.xml: {e}")))?;
            match event {
                Event::Eof => break,
                Event::DocType(_) => return Err(ReadFault::Doctype("word/styles.xml".into())),
                Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                    b"rPrDefault" => in_defaults = true,
                    b"style" => {
                        let id = attr(&e, b"styleId").unwrap_or_default();
                        let paragraph = attr(&e, b"type").as_deref() == Some("paragraph");
                        if paragraph && attr(&e, b"default").is_some_and(|d| d == "1" || d == "true") {
                            styles.default_paragraph = Some(id.clone());
                        }
                        current = Some((id, Style::default(), paragraph));
                    }
                    b"name" => {
                        if let Some((_, s, _)) = current.as_mut() {
                            s.name = attr(&e, b"val").unwrap_or_default();
                        }
                    }
                    b"basedOn" => {
                        if let Some((_, s, _)) = current.as_mut() {
                            s.based_on = attr(&e, b"val");
                        }
                    }
                    b"outlineLvl" => {
                        if let Some((_, s, _)) = current.as_mut() {
                            s.outline = attr(&e, b"val").and_then(|v| v.parse::<u8>().ok()).map(|v| v + 1);
                        }
                    }
                    b"numPr" => {
                        if let Some((_, s, _)) = current.as_mut() {
                            s.list = true;
                        }
                    }
                    b"b" => {
                        if let Some((_, s, _)) = current.as_mut() {
                            s.bold = Some(on(&e));
                        }
                    }
                    b"rFonts" => {
                        let font = fonts_legacy(&e);
                        if let Some((_, s, _)) = current.as_mut() {
                            s.font = Some(font);
                        } else if in_defaults {
                            styles.default_font = font;
                        }
                    }
                    _ => {}
                },
                Event::End(e) => match e.local_name().as_ref() {
                    b"style" => {
                        if let Some((id, mut s, paragraph)) = current.take() {
                            let lower = s.name.to_ascii_lowercase();
                            if paragraph
                                && s.outline.is_none()
                                && let Some(n) =
                                    lower.strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok())
                            {
                                s.outline = Some(n);
                            }
                            if paragraph && s.outline.is_none() && lower == "title" {
                                s.outline = Some(1);
                            }
                            styles.by_id.insert(id, s);
                        }
                    }
                    b"rPrDefault" => in_defaults = false,
                    _ => {}
                },
                _ => {}
            }
        }
        Ok(styles)
    }

    /// A property of a style, following `basedOn` (at most 16 steps: loops end).
    fn lookup<T>(&self, id: Option<&str>, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = id?;
        for _ in 0..16 {
            let s = self.by_id.get(id)?;
            if let Some(v) = get(s) {
                return Some(v);
            }
            id = s.based_on.as_deref()?;
        }
        None
    }

    fn is_toc(&self, id: Option<&str>) -> bool {
        let name = id.and_then(|id| self.by_id.get(id)).map(|s| s.name.to_ascii_lowercase()).unwrap_or_default();
        name.starts_with("toc ") || name.starts_with("toc heading") || name.starts_with("contents ")
    }
}

/// The legacy encoding of the fonts an `rFonts` names (ASCII/high-ANSI slots, where 8-bit
/// fonts hold their letters).
fn fonts_legacy(e: &BytesStart<'_>) -> Option<Legacy> {
    [b"ascii".as_slice(), b"hAnsi", b"cs"].iter().find_map(|k| attr(e, k).and_then(|f| legacy_font(&f)))
}

/// A run being read.
#[derive(Default)]
struct Run {
    text: String,
    bold: Option<bool>,
    font: Option<Option<Legacy>>,
    style: Option<String>,
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    style: Option<String>,
    outline: Option<u8>,
    list: bool,
    text: String,
    all_bold: bool,
    any_text: bool,
    images: Vec<String>,
}

/// A table cell being read (a stack for nested tables).
#[derive(Default)]
struct CellState {
    texts: Vec<String>,
    span: usize,
    merged_up: bool,
    /// Indexes into the document's images.
    images: Vec<usize>,
}

/// A table being read: its rows, the row being read, the cell being read.
type TableState = (Vec<Vec<Cell>>, Vec<Cell>, Option<CellState>);

/// The reader of `word/document.xml`.
struct Body<'s> {
    styles: &'s Styles,
    limits: Limits,
    doc: Document,
    /// Tables being read: rows, the row being read, the cell being read.
    tables: Vec<TableState>,
    para: Option<Para>,
    run: Option<Run>,
    /// Depth inside elements whose content is skipped (deleted text, text boxes, fallbacks).
    skip: usize,
    /// Field state: each open field (`fldChar begin`) and whether it is a TOC; `true` in
    /// the second slot once its result started (`separate`).
    fields: Vec<(bool, bool)>,
    /// A table of contents in a content control (`docPartGallery` "Table of Contents").
    sdt_toc: Vec<bool>,
    paragraphs: usize,
    tables_seen: usize,
    /// Image relationship ids in order of first use, to number them.
    image_ids: Vec<String>,
}

impl<'s> Body<'s> {
    fn new(styles: &'s Styles, limits: Limits) -> Body<'s> {
        Body {
            styles,
            limits,
            doc: Document::default(),
            tables: Vec::new(),
            para: None,
            run: None,
            skip: 0,
            fields: Vec::new(),
            sdt_toc: Vec::new(),
            paragraphs: 0,
            tables_seen: 0,
            image_ids: Vec::new(),
        }
    }

    fn in_toc(&self) -> bool {
        self.fields.iter().any(|&(toc, _)| toc) || self.sdt_toc.iter().any(|&t| t)
    }

    /// Inside a field's instruction (between `begin` and `separate`): not text.
    fn in_instruction(&self) -> bool {
        self.fields.last().is_some_and(|&(_, result)| !result)
    }

    /// The document, and the image relationship ids that [`Paragraph::images`] index.
    fn read(mut self, xml: &[u8]) -> Result<(Document, Vec<String>), ReadFault> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        reader.config_mut().expand_empty_elements = false;
        let mut instr = String::new();
        loop {
            let event = reader.read_event().map_err(|e| ReadFault::Unreadable(format!("word/document.xml: {e}")))?;
            if self.skip > 0 {
                match event {
                    Event::Start(_) => self.skip += 1,
                    Event::End(_) => self.skip -= 1,
                    Event::Eof => break,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Eof => break,
                Event::DocType(_) => return Err(ReadFault::Doctype("word/document.xml".into())),
                Event::Start(e) => match e.local_name().as_ref() {
                    // Deleted text, text boxes (Word's and VML's), an alternative's fallback
                    // (a copy of the choice): not the page's text.
                    b"del" | b"moveFrom" | b"txbxContent" | b"Fallback" => self.skip = 1,
                    b"instrText" => instr.clear(),
                    _ => self.start(&e)?,
                },
                Event::Empty(e) => self.empty(&e),
                Event::End(e) => match e.local_name().as_ref() {
                    b"instrText" => {
                        if let Some(f) = self.fields.last_mut() {
                            let word = instr.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
                            f.0 = f.0 || word == "TOC";
                        }
                    }
                    name => self.end(name)?,
                },
                Event::Text(t) => {
                    let text = t.xml10_content().map_err(unreadable)?;
                    self.text(&text, &mut instr);
                }
                Event::CData(t) => self.text(&String::from_utf8_lossy(&t), &mut instr),
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref().map_err(unreadable)? {
                        Some(c) => c.to_string(),
                        None => match &*r {
                            b"lt" => "<".into(),
                            b"gt" => ">".into(),
                            b"amp" => "&".into(),
                            b"quot" => "\"".into(),
                            b"apos" => "'".into(),
                            other => {
                                return Err(ReadFault::Unreadable(format!(
                                    "word/document.xml: unknown entity &{};",
                                    String::from_utf8_lossy(other)
                                )));
                            }
                        },
                    };
                    self.text(&c, &mut instr);
                }
                _ => {}
            }
        }
        Ok((self.doc, self.image_ids))
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), ReadFault> {
        match e.local_name().as_ref() {
            b"p" => self.para = Some(Para { all_bold: true, ..Para::default() }),
            b"r" => self.run = Some(Run::default()),
            b"tbl" => {
                if self.tables.len() >= self.limits.table_depth {
                    return Err(ReadFault::TooDeep(self.limits.table_depth));
                }
                self.tables.push((Vec::new(), Vec::new(), None));
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.1.clear();
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.2 = Some(CellState { span: 1, ..CellState::default() });
                }
            }
            b"sdt" => self.sdt_toc.push(false),
            _ => self.empty(e),
        }
        Ok(())
    }

    /// Properties and marks, given as empty elements (or as the start of one with content).
    fn empty(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            b"pStyle" => {
                if let Some(p) = self.para.as_mut() {
                    p.style = attr(e, b"val");
                }
            }
            b"outlineLvl" => {
                if let Some(p) = self.para.as_mut()
                    && self.run.is_none()
                {
                    p.outline = attr(e, b"val").and_then(|v| v.parse::<u8>().ok()).filter(|&v| v < 9).map(|v| v + 1);
                }
            }
            b"numPr" => {
                if let Some(p) = self.para.as_mut() {
                    p.list = true;
                }
            }
            b"rStyle" => {
                if let Some(r) = self.run.as_mut() {
                    r.style = attr(e, b"val");
                }
            }
            b"b" => {
                if let Some(r) = self.run.as_mut() {
                    r.bold = Some(on(e));
                }
            }
            b"rFonts" => {
                if let Some(r) = self.run.as_mut() {
                    r.font = Some(fonts_legacy(e));
                }
            }
            b"tab" | b"ptab" => self.push_run_text("\t"),
            b"br" | b"cr" => self.push_run_text("\n"),
            b"noBreakHyphen" => self.push_run_text("-"),
            // A soft hyphen is saved as an element; in a `.VnTime` run it is the letter "ư"
            // (byte 0xAD), elsewhere it is dropped when the text is cleaned.
            b"softHyphen" => self.push_run_text("\u{ad}"),
            b"gridSpan" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.2.as_mut()) {
                    c.span = attr(e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 1024);
                }
            }
            b"vMerge" => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.2.as_mut()) {
                    c.merged_up = attr(e, b"val").is_none_or(|v| v == "continue");
                }
            }
            b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                Some("begin") => self.fields.push((false, false)),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        f.1 = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            b"fldSimple" => {
                // A simple field's result is its content: a TOC one is skipped whole.
                let toc = attr(e, b"instr").is_some_and(|i| i.trim_start().to_ascii_uppercase().starts_with("TOC"));
                if toc {
                    self.skip = 1;
                }
            }
            b"docPartGallery" => {
                let toc = attr(e, b"val").is_some_and(|v| v.to_ascii_lowercase().contains("table of contents"));
                if let Some(t) = self.sdt_toc.last_mut() {
                    *t |= toc;
                }
            }
            // A VML picture (older files): `<v:imagedata r:id="…"/>`.
            b"imagedata" => {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"id" && a.key.prefix().is_some())
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                if let Some(id) = id {
                    self.image(id);
                }
            }
            b"blip" => {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"embed")
                    .map(|a| String::from_utf8_lossy(&a.value).into_owned());
                if let Some(id) = id {
                    self.image(id);
                }
            }
            _ => {}
        }
    }

    fn image(&mut self, id: String) {
        if self.in_toc() {
            return;
        }
        if let Some(p) = self.para.as_mut() {
            p.images.push(id);
        }
    }

    fn text(&mut self, text: &str, instr: &mut String) {
        if self.in_instruction() {
            instr.push_str(text);
            return;
        }
        if self.run.is_some() {
            self.push_run_text(text);
        }
    }

    fn push_run_text(&mut self, text: &str) {
        if self.in_instruction() {
            return;
        }
        if let Some(r) = self.run.as_mut() {
            r.text.push_str(text);
        }
    }

    fn end(&mut self, name: &[u8]) -> Result<(), ReadFault> {
        match name {
            b"r" => {
                if let Some(run) = self.run.take() {
                    self.finish_run(run)?;
                }
            }
            b"p" => {
                if let Some(p) = self.para.take() {
                    self.finish_paragraph(p);
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(c) = t.2.take()
                {
                    t.1.push(Cell { text: c.texts.join("\n"), span: c.span, merged_up: c.merged_up, images: c.images });
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.1);
                    t.0.push(row);
                }
            }
            b"tbl" => {
                if let Some((rows, _, _)) = self.tables.pop() {
                    self.finish_table(rows);
                }
            }
            b"sdt" => {
                self.sdt_toc.pop();
            }
            _ => {}
        }
        Ok(())
    }

    fn image_index(&mut self, id: String) -> usize {
        match self.image_ids.iter().position(|i| *i == id) {
            Some(i) => i,
            None => {
                self.image_ids.push(id);
                self.image_ids.len() - 1
            }
        }
    }

    fn finish_run(&mut self, run: Run) -> Result<(), ReadFault> {
        if run.text.is_empty() || self.in_toc() {
            return Ok(());
        }
        let Some(p) = self.para.as_mut() else { return Ok(()) };
        let styles = self.styles;
        let para_style = p.style.as_deref().or(styles.default_paragraph.as_deref());
        let font = run
            .font
            .or_else(|| styles.lookup(run.style.as_deref(), |s| s.font))
            .or_else(|| styles.lookup(para_style, |s| s.font))
            .unwrap_or(styles.default_font);
        let bold = run
            .bold
            .or_else(|| styles.lookup(run.style.as_deref(), |s| s.bold))
            .or_else(|| styles.lookup(para_style, |s| s.bold))
            .unwrap_or(false);
        let text = match font.filter(|_| !unicode_vietnamese(&run.text)) {
            Some(legacy) => {
                *self.doc.legacy.entry(legacy_key(legacy)).or_default() += 1;
                encoding::to_unicode(&run.text, legacy)
            }
            None => run.text,
        };
        if !text.trim().is_empty() {
            p.any_text = true;
            p.all_bold &= bold;
        }
        if p.text.len() + text.len() > self.limits.paragraph_chars {
            return Err(ReadFault::ParagraphTooLong(self.paragraphs + 1));
        }
        p.text.push_str(&text);
        Ok(())
    }

    fn finish_paragraph(&mut self, p: Para) {
        if self.styles.is_toc(p.style.as_deref()) || (self.in_toc() && p.images.is_empty()) {
            // Table-of-contents lines (by style, or inside the TOC field) are not the body.
            if self.tables.is_empty() {
                self.paragraphs += 1;
            }
            return;
        }
        let mut text = clean(&p.text);
        // Text typed in a Unicode font but in legacy bytes (no font name to go by).
        if let Some((legacy, converted)) = encoding::convert(&text) {
            *self.doc.legacy.entry(legacy_key(legacy)).or_default() += 1;
            text = converted;
        }
        let images: Vec<usize> = p.images.into_iter().map(|id| self.image_index(id)).collect();
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.2.as_mut()) {
            if !text.is_empty() {
                cell.texts.push(text);
            }
            cell.images.extend(images);
            return;
        }
        if !self.tables.is_empty() {
            return;
        }
        self.paragraphs += 1;
        let styles = self.styles;
        let heading = p.outline.or_else(|| styles.lookup(p.style.as_deref(), |s| s.outline)).filter(|&l| l <= 9);
        if text.is_empty() && images.is_empty() {
            return;
        }
        let list =
            p.list || (heading.is_none() && styles.lookup(p.style.as_deref(), |s| s.list.then_some(true)).is_some());
        self.doc.blocks.push(Block::Paragraph(Paragraph {
            number: self.paragraphs,
            bold: p.any_text && p.all_bold,
            text,
            heading,
            list,
            images,
        }));
    }

    fn finish_table(&mut self, rows: Vec<Vec<Cell>>) {
        if let Some(outer) = self.tables.last_mut().and_then(|t| t.2.as_mut()) {
            // A table inside a cell: its text joins the cell, row by row, and its images too.
            for row in rows {
                let line: Vec<&str> = row.iter().map(|c| c.text.as_str()).filter(|t| !t.is_empty()).collect();
                if !line.is_empty() {
                    outer.texts.push(line.join(" | "));
                }
                outer.images.extend(row.into_iter().flat_map(|c| c.images));
            }
            return;
        }
        if self.in_toc() {
            return;
        }
        self.tables_seen += 1;
        self.doc.blocks.push(Block::Table(Table { number: self.tables_seen, rows }));
    }
}

/// True when `text` holds a letter that no byte of a legacy font can be (`ư`, `ạ`, `Ế`…): text
/// typed in Unicode although its font is still `.VnTime` or `VNI-Times` (a file converted by
/// Unikey keeps the font names), which must not be converted again.
fn unicode_vietnamese(text: &str) -> bool {
    text.chars().any(|c| c > '\u{ff}' && c != '\u{2212}' && c.is_alphabetic())
}

fn legacy_key(legacy: Legacy) -> &'static str {
    match legacy {
        Legacy::Tcvn3 => "TCVN3",
        Legacy::Vni => "VNI",
    }
}

/// NFC, tabs and non-breaking spaces as spaces, runs of spaces collapsed, each line trimmed.
fn clean(text: &str) -> String {
    let nfc = crate::text::nfc(text);
    let lines: Vec<String> = nfc
        .split('\n')
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            let mut space = false;
            for c in line.chars() {
                let c = if c == '\t' || c == '\u{a0}' || c == '\u{2007}' || c == '\u{202f}' { ' ' } else { c };
                if c == ' ' {
                    space = true;
                    continue;
                }
                if c.is_control() || matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}') {
                    continue;
                }
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
            out
        })
        .collect();
    let mut lines: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
    lines.dedup_by(|a, b| a.is_empty() && b.is_empty());
    lines.join("\n")
}

/// The image a relationship id names: its bytes from the zip (a target that climbs out of the
/// zip, or is missing, gives no bytes) and a safe name made from the bare file name.
/// `name` with `-n` before its extension: `hinh.png` → `hinh-2.png`.
pub fn numbered_name(name: &str, n: usize) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{n}.{ext}"),
        None => format!("{name}-{n}"),
    }
}

fn image(parts: &Parts, dir: &str, rels: &FxHashMap<String, (String, String)>, id: &str, n: usize) -> Image {
    let Some((_, target)) = rels.get(id) else {
        return Image { original: id.to_owned(), name: format!("hinh-{n}"), bytes: Vec::new() };
    };
    let bytes = resolve(dir, target).and_then(|name| parts.get(&name)).map(<[u8]>::to_vec).unwrap_or_default();
    let file = target.rsplit(['/', '\\']).next().unwrap_or_default();
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    let stem = crate::text::slugify(stem);
    let stem = if stem.is_empty() { format!("hinh-{n}") } else { stem };
    let ext: String = ext.chars().filter(char::is_ascii_alphanumeric).take(8).collect::<String>().to_ascii_lowercase();
    let name = if ext.is_empty() { stem } else { format!("{stem}.{ext}") };
    Image { original: target.clone(), name, bytes }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    /// A .docx holding `body` (the content of `<w:body>`) and `styles` (of `<w:styles>`).
    fn docx(body: &str, styles: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        write!(zip, "<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>").unwrap();
        zip.start_file("word/styles.xml", opts).unwrap();
        write!(zip, "<?xml version=\"1.0\"?><w:styles {W}>{styles}</w:styles>").unwrap();
        zip.finish().unwrap().into_inner()
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.clone(),
                Block::Table(t) => t.grid().iter().map(|r| r.join("|")).collect::<Vec<_>>().join("/"),
            })
            .collect()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    #[test]
    fn tracked_changes_are_accepted_and_deleted_text_is_dropped() {
        let body = "<w:p><w:r><w:t>Đạt </w:t></w:r><w:del><w:r><w:delText>Mức 3</w:delText></w:r></w:del>\
                    <w:ins><w:r><w:t>Mức 2</w:t></w:r></w:ins></w:p>";
        let doc = read(&docx(body, ""), Limits::default()).unwrap();
        assert_eq!(texts(&doc), ["Đạt Mức 2"]);
    }

    #[test]
    fn the_table_of_contents_text_boxes_and_field_codes_are_not_the_body() {
        let toc = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o \"1-3\" </w:instrText></w:r>\
                   <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>Tiêu chí 1.1 .... 5</w:t></w:r></w:p>\
                   <w:p><w:r><w:t>Tiêu chí 1.2 .... 7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
        let textbox = "<w:p><w:r><w:t>Trước</w:t></w:r><w:r><w:drawing><w:txbxContent>\
                       <w:p><w:r><w:t>Hộp chữ</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>";
        let page = "<w:p><w:r><w:t>Trang </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
                    <w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
                    <w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
        let body = format!("{toc}{}{textbox}{page}", p("Tiêu chuẩn 1"));
        let doc = read(&docx(&body, ""), Limits::default()).unwrap();
        assert_eq!(texts(&doc), ["Tiêu chuẩn 1", "Trước", "Trang 3"]);
    }

    #[test]
    fn legacy_font_runs_are_converted_by_font_name_and_styles_give_headings_and_bold() {
        // "Trường" in TCVN3 as Word keeps it under .VnTime: each byte a Windows-1252 character.
        let styles = "<w:style w:type=\"paragraph\" w:styleId=\"u1\"><w:name w:val=\"heading 1\"/>\
                      <w:rPr><w:b/></w:rPr></w:style>";
        let body = "<w:p><w:pPr><w:pStyle w:val=\"u1\"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\" w:hAnsi=\".VnTime\"/></w:rPr>\
                    <w:t>Tr\u{AD}êng</w:t></w:r></w:p>\
                    <w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\"/></w:rPr><w:t>Tr</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\"/></w:rPr><w:softHyphen/><w:t>êng</w:t></w:r></w:p>";
        let doc = read(&docx(body, styles), Limits::default()).unwrap();
        assert_eq!(texts(&doc), ["Trường", "Trường"]);
        let Block::Paragraph(h) = &doc.blocks[0] else { panic!() };
        assert_eq!((h.heading, h.bold), (Some(1), true));
        assert_eq!(doc.legacy.get("TCVN3"), Some(&3));
    }

    #[test]
    fn unicode_text_left_in_a_legacy_font_is_not_converted_again() {
        let body = "<w:p><w:r><w:rPr><w:rFonts w:ascii=\".VnTime\"/></w:rPr><w:t>Trường Tiểu học</w:t></w:r></w:p>";
        let doc = read(&docx(body, ""), Limits::default()).unwrap();
        assert_eq!(texts(&doc), ["Trường Tiểu học"]);
        assert!(doc.legacy.is_empty());
    }

    #[test]
    fn merged_cells_are_laid_out_on_the_grid() {
        let cell = |attrs: &str, text: &str| format!("<w:tc><w:tcPr>{attrs}</w:tcPr>{}</w:tc>", p(text));
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>",
            cell("<w:vMerge w:val=\"restart\"/>", "Mức 1"),
            cell("<w:gridSpan w:val=\"2\"/>", "a"),
            cell("<w:vMerge/>", ""),
            cell("", "b"),
            cell("", "Đạt"),
        );
        let doc = read(&docx(&body, ""), Limits::default()).unwrap();
        assert_eq!(texts(&doc), ["Mức 1|a|/Mức 1|b|Đạt"]);
    }

    #[test]
    fn hostile_documents_end_in_a_fault() {
        let doctype = "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><w:document/>";
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(doctype.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        assert!(matches!(read(&bytes, Limits::default()), Err(ReadFault::Doctype(_))));

        let nested = format!("{}{}", "<w:tbl><w:tr><w:tc>".repeat(40), "</w:tc></w:tr></w:tbl>".repeat(40));
        assert_eq!(read(&docx(&nested, ""), Limits::default()).unwrap_err(), ReadFault::TooDeep(32));

        let long = p(&"x".repeat(2000));
        let small = Limits { paragraph_chars: 1000, ..Limits::default() };
        assert_eq!(read(&docx(&long, ""), small).unwrap_err(), ReadFault::ParagraphTooLong(1));

        let tight = Limits { unzipped: 100, ..Limits::default() };
        assert_eq!(read(&docx(&long, ""), tight).unwrap_err(), ReadFault::TooLarge(0));

        assert!(matches!(read(b"PK\x03\x04garbage", Limits::default()), Err(ReadFault::Unreadable(_))));
        assert!(matches!(read(b"plain text", Limits::default()), Err(ReadFault::Unreadable(_))));
    }

    #[test]
    fn two_pictures_whose_names_slug_alike_get_distinct_names() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let blip = |id: &str| format!("<w:p><w:r><w:drawing><a:blip r:embed=\"{id}\"/></w:drawing></w:r></w:p>");
        let body = format!("{}{}{}", blip("rId1"), blip("rId2"), blip("rId3"));
        zip.start_file("word/document.xml", opts).unwrap();
        write!(zip, "<w:document {W} xmlns:a=\"a\" xmlns:r=\"r\"><w:body>{body}</w:body></w:document>").unwrap();
        zip.start_file("word/_rels/document.xml.rels", opts).unwrap();
        write!(
            zip,
            "<Relationships><Relationship Id=\"rId1\" Type=\"image\" Target=\"media/Hình 1.png\"/>\
             <Relationship Id=\"rId2\" Type=\"image\" Target=\"media/hinh-1.png\"/>\
             <Relationship Id=\"rId3\" Type=\"image\" Target=\"media/Hình 1.png\"/></Relationships>"
        )
        .unwrap();
        for name in ["word/media/Hình 1.png", "word/media/hinh-1.png"] {
            zip.start_file(name, opts).unwrap();
            zip.write_all(name.as_bytes()).unwrap();
        }
        let doc = read(&zip.finish().unwrap().into_inner(), Limits::default()).unwrap();
        let names: Vec<&str> = doc.images.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["hinh-1.png", "hinh-1-2.png", "hinh-1.png"], "the same picture keeps one name");
        assert_ne!(doc.images[0].bytes, doc.images[1].bytes);
    }

    #[test]
    fn relationship_targets_never_leave_the_zip() {
        assert_eq!(resolve("word", "media/image1.png").as_deref(), Some("word/media/image1.png"));
        assert_eq!(resolve("word", "../customXml/item1.xml").as_deref(), Some("customXml/item1.xml"));
        assert_eq!(resolve("word", "../../../x.png"), None);
        assert_eq!(resolve("", "/word/document.xml").as_deref(), Some("word/document.xml"));
    }
}
