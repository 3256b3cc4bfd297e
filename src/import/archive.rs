//! Office files are zips: every entry is inflated into a counter (or kept, when asked for)
//! before any of it is parsed, so that a damaged zip or a zip bomb is refused first.

use std::io::{Cursor, Read};

use rustc_hash::FxHashMap;

/// The entries of a zip: every name, and the bytes of those that were kept.
#[derive(Debug, Default)]
pub struct Inflated {
    /// Every entry's name, in the zip's order.
    pub names: Vec<String>,
    /// The kept entries' bytes, by name.
    pub kept: FxHashMap<String, Vec<u8>>,
}

/// Why a zip was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Not a zip, or damaged: the zip reader's words.
    Unreadable(String),
    /// Its entries inflate past the limit.
    TooLarge,
}

/// Inflates every entry of the zip `bytes`, `limit` bytes in all at most, keeping the entries
/// whose names `keep` accepts.
pub fn inflate(bytes: &[u8], limit: u64, keep: impl Fn(&str) -> bool) -> Result<Inflated, Fault> {
    let unreadable = |e: &dyn std::fmt::Display| Fault::Unreadable(e.to_string());
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut out = Inflated { names: Vec::with_capacity(zip.len()), kept: FxHashMap::default() };
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| unreadable(&e))?;
        let name = entry.name().to_owned();
        let kept = keep(&name);
        let mut data = Vec::new();
        loop {
            let n = entry.read(&mut buf).map_err(|e| unreadable(&e))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > limit {
                return Err(Fault::TooLarge);
            }
            if kept {
                data.extend_from_slice(&buf[..n]);
            }
        }
        if kept {
            out.kept.insert(name.clone(), data);
        }
        out.names.push(name);
    }
    Ok(out)
}
