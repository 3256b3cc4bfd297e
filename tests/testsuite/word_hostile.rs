//! Hostile and broken Word files for `minhbach import report(s)`: `tests/hostile/word/`, made by
//! `scripts/make-hostile-word.py`, with `expect.toml` naming the exit code and findings of each.
//! Every file is imported into a copy of `tests/hostile/word/site/` and must end in its finding:
//! never a hang (a watchdog kills the import after 60 s), a crash (a signal), a partial write
//! (an error leaves the whole sandbox byte-identical) or a file outside the school's folder
//! (the whole sandbox is walked, and the temporary folder around it is looked at for `x.png`).
//! No written file may hold a script or the text of /etc/passwd.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;

use crate::util::copy_tree;

/// The slug of the one school of the site; the only folder an import may write into.
const SLUG: &str = "th-le-van-tam";
/// Where the site sits inside the sandbox: deep enough that a name climbing out of the
/// school's folder (`files/../../../../x.png`) still lands inside the sandbox, where the walk
/// sees it.
const SITE: &str = "a/b/c/d/site";
/// Where the input files are copied: an importer that writes next to its input (a converted
/// `.doc`, say) writes outside the school's folder, and the walk sees that too.
const INPUT: &str = "a/b/c/d/in";
/// Strings no written file may hold: a script of an SVG, or a line of /etc/passwd read through
/// an external entity.
const FORBIDDEN: [&str; 4] = ["<script", "javascript:", "onload=", "root:x:"];

fn word_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/word")
}

/// One `[[file]]` of `expect.toml`.
struct Expect {
    name: String,
    exit: i32,
    codes: Vec<String>,
    one_of: Vec<String>,
    written: Option<String>,
    contains: Vec<String>,
}

fn strings(table: &toml::Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(|v| v.as_array())
        .map(|a| a.iter().map(|s| s.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

fn expectations() -> Vec<Expect> {
    let text = fs::read_to_string(word_dir().join("expect.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let files = doc["file"].as_array().unwrap();
    let expects: Vec<Expect> = files
        .iter()
        .map(|f| {
            let f = f.as_table().unwrap();
            Expect {
                name: f["name"].as_str().unwrap().to_owned(),
                exit: i32::try_from(f["exit"].as_integer().unwrap()).unwrap(),
                codes: strings(f, "codes"),
                one_of: strings(f, "one_of"),
                written: f.get("written").map(|w| w.as_str().unwrap().to_owned()),
                contains: strings(f, "contains"),
            }
        })
        .collect();
    // Every Word file of the folder has its expectation, and every expectation its file.
    let mut on_disk: Vec<String> = fs::read_dir(word_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx") || n.ends_with(".docm") || n.ends_with(".doc"))
        .collect();
    on_disk.sort();
    let mut named: Vec<String> = expects.iter().map(|e| e.name.clone()).collect();
    named.sort();
    assert_eq!(on_disk, named, "tests/hostile/word/ and its expect.toml disagree");
    assert!(expects.len() >= 15, "hostile Word files missing: run scripts/make-hostile-word.py");
    expects
}

/// A temporary folder holding the site and the input files, and what was around it before.
struct Sandbox {
    dir: tempfile::TempDir,
    before: BTreeMap<String, Entry>,
    outside_before: Option<(u64, Option<SystemTime>)>,
}

/// One entry of a walk: a folder, a file's bytes or a symbolic link's target.
#[derive(PartialEq, Debug)]
enum Entry {
    Dir,
    File(Vec<u8>),
    Link(PathBuf),
}

impl Sandbox {
    fn new(inputs: &[&str]) -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&word_dir().join("site"), &dir.path().join(SITE));
        let input = dir.path().join(INPUT);
        fs::create_dir_all(&input).unwrap();
        for name in inputs {
            fs::copy(word_dir().join(name), input.join(name)).unwrap();
        }
        let before = walk(dir.path());
        let outside_before = outside_x_png(dir.path());
        Sandbox { dir, before, outside_before }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join(SITE)
    }

    fn input(&self, name: &str) -> PathBuf {
        self.dir.path().join(INPUT).join(name)
    }

    /// The entries added, changed or removed since the sandbox was made, by relative path.
    fn changes(&self) -> Vec<(String, Option<Entry>)> {
        let mut after = walk(self.dir.path());
        let mut out = Vec::new();
        for (path, old) in &self.before {
            match after.remove(path) {
                Some(new) if new == *old => {}
                new => out.push((path.clone(), new)),
            }
        }
        out.extend(after.into_iter().map(|(p, e)| (p, Some(e))));
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    /// Problems with what the import left behind: any change outside the school's folder,
    /// `x.png` appearing next to the sandbox, a forbidden string in a written file, and, when
    /// `nothing` is asked for (an error), any change at all.
    fn problems(&self, nothing: bool) -> Vec<String> {
        let school = format!("{SITE}/content/schools/{SLUG}/");
        let mut out = Vec::new();
        for (path, entry) in self.changes() {
            if nothing {
                out.push(format!("written although the import failed: {path}"));
            } else if !path.starts_with(&school) {
                out.push(format!("written outside content/schools/{SLUG}/: {path}"));
            }
            match entry {
                None => out.push(format!("removed: {path}")),
                Some(Entry::Link(to)) => out.push(format!("a symbolic link was made: {path} -> {}", to.display())),
                Some(Entry::File(bytes)) => {
                    let text = String::from_utf8_lossy(&bytes).to_lowercase();
                    for bad in FORBIDDEN {
                        if text.contains(bad) {
                            out.push(format!("{path} holds {bad:?}"));
                        }
                    }
                }
                Some(Entry::Dir) => {}
            }
        }
        if outside_x_png(self.dir.path()) != self.outside_before {
            out.push(format!(
                "x.png was written next to the sandbox, in {}",
                self.dir.path().parent().unwrap().display()
            ));
        }
        out
    }
}

/// Every entry under `dir` (links not followed), by `/`-separated relative path.
fn walk(dir: &Path) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1).follow_links(false) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(dir).unwrap();
        let key = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/");
        let kind = entry.file_type();
        let value = if kind.is_symlink() {
            Entry::Link(fs::read_link(entry.path()).unwrap())
        } else if kind.is_dir() {
            Entry::Dir
        } else {
            Entry::File(fs::read(entry.path()).unwrap())
        };
        out.insert(key, value);
    }
    out
}

/// Size and time of `x.png` in the folder that holds the sandbox (the system's temporary
/// folder), where a name climbing further than the sandbox's depth would land.
fn outside_x_png(sandbox: &Path) -> Option<(u64, Option<SystemTime>)> {
    let meta = fs::symlink_metadata(sandbox.parent()?.join("x.png")).ok()?;
    Some((meta.len(), meta.modified().ok()))
}

/// What one run of the importer gave.
struct Run {
    code: i32,
    output: String,
    json: Value,
}

/// Runs `minhbach <args> --root <root> --format json` in `root`, killed after `limit`.
fn run(root: &Path, args: &[&OsStr], limit: Duration) -> Result<Run, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(args)
        .args(["--format", "json", "--root"])
        .arg(root)
        .current_dir(root)
        .env("SOURCE_DATE_EPOCH", "1764460800")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start minhbach: {e}"))?;
    // Read both pipes while waiting: a child blocked on a full pipe would look hung.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status: ExitStatus = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("hung: killed after {} s", limit.as_secs()));
        }
        thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&out_reader.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
    let Some(code) = status.code() else {
        return Err(format!("crashed ({status}): {stderr}"));
    };
    if ![0, 1, 2].contains(&code) {
        return Err(format!("exit code {code} (a panic?): {stderr}"));
    }
    let json = serde_json::from_str(&stdout).map_err(|e| format!("no JSON on stdout ({e}): {stdout}\n{stderr}"))?;
    Ok(Run { code, output: format!("{stdout}\n{stderr}"), json })
}

/// The diagnostics of `json` about the input file `name`, as (severity, code).
fn findings_of(json: &Value, name: &str) -> Vec<(String, String)> {
    json["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with(name)))
                .map(|d| (d["severity"].as_str().unwrap_or("").to_owned(), d["code"].as_str().unwrap_or("").to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether the findings about one file are those `expect` names.
fn finding_problems(expect: &Expect, findings: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    let errors: Vec<&str> = findings.iter().filter(|(s, _)| s == "error").map(|(_, c)| c.as_str()).collect();
    let codes: Vec<&str> = findings.iter().map(|(_, c)| c.as_str()).collect();
    for want in &expect.codes {
        if !codes.contains(&want.as_str()) {
            out.push(format!("no {want} among {findings:?}"));
        }
    }
    if !expect.one_of.is_empty() && !expect.one_of.iter().any(|w| codes.contains(&w.as_str())) {
        out.push(format!("none of {:?} among {findings:?}", expect.one_of));
    }
    if expect.exit == 0 {
        if !errors.is_empty() {
            out.push(format!("errors although it must import: {errors:?}"));
        }
    } else {
        if errors.is_empty() {
            out.push(format!("exit {} without an error finding: {findings:?}", expect.exit));
        }
        let allowed: Vec<&String> = expect.codes.iter().chain(&expect.one_of).collect();
        for e in &errors {
            if !allowed.iter().any(|a| a == e) {
                out.push(format!("unexpected error {e} (expected {allowed:?})"));
            }
        }
    }
    out
}

/// The report the import must have written, with the strings it must hold.
fn written_problems(sandbox: &Sandbox, expect: &Expect) -> Vec<String> {
    let Some(rel) = &expect.written else { return Vec::new() };
    match fs::read_to_string(sandbox.root().join(rel)) {
        Err(e) => vec![format!("{rel} not written: {e}")],
        Ok(text) => expect
            .contains
            .iter()
            .filter(|s| !text.contains(s.as_str()))
            .map(|s| format!("{rel} lacks {s:?}"))
            .collect(),
    }
}

#[test]
fn hostile_word_files_end_in_their_finding_and_write_nothing_outside_the_school() {
    let mut failures = Vec::new();
    for expect in expectations() {
        let name = &expect.name;
        let sandbox = Sandbox::new(&[name]);
        let input = sandbox.input(name);
        let args = [OsStr::new("import"), OsStr::new("report"), input.as_os_str()];
        let mut problems = match run(&sandbox.root(), &args, Duration::from_secs(60)) {
            Err(e) => vec![e],
            Ok(run) => {
                let mut p = Vec::new();
                if run.code != expect.exit {
                    p.push(format!("exit {} instead of {}: {:#}", run.code, expect.exit, run.json));
                }
                p.extend(finding_problems(&expect, &findings_of(&run.json, name)));
                if run.output.contains("root:x:") {
                    p.push("the output holds a line of /etc/passwd".to_owned());
                }
                let written = run.json["reports"][0]["written"].as_str().map(str::to_owned);
                if written != expect.written {
                    p.push(format!("reports[0].written is {written:?}, expected {:?}", expect.written));
                }
                p
            }
        };
        problems.extend(sandbox.problems(expect.exit != 0));
        if expect.exit == 0 {
            problems.extend(written_problems(&sandbox, &expect));
        }
        failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn import_reports_goes_through_every_hostile_file_and_writes_only_the_sound_ones() {
    let expects = expectations();
    let names: Vec<&str> = expects.iter().map(|e| e.name.as_str()).collect();
    let sandbox = Sandbox::new(&names);
    let folder = sandbox.dir.path().join(INPUT);
    let args = [OsStr::new("import"), OsStr::new("reports"), folder.as_os_str()];
    // Every file in one run: the sum of the single imports' budgets would be too generous.
    let run = run(&sandbox.root(), &args, Duration::from_secs(120)).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    if run.code != 1 {
        failures.push(format!("exit {} instead of 1 (some files failed)", run.code));
    }
    if run.output.contains("root:x:") {
        failures.push("the output holds a line of /etc/passwd".to_owned());
    }
    let reports = run.json["reports"].as_array().cloned().unwrap_or_default();
    for expect in &expects {
        let name = &expect.name;
        let entries: Vec<&Value> =
            reports.iter().filter(|r| r["file"].as_str().is_some_and(|f| f.ends_with(name.as_str()))).collect();
        if entries.len() != 1 {
            failures.push(format!("{name}: {} entries in reports", entries.len()));
            continue;
        }
        let written = entries[0]["written"].as_str().map(str::to_owned);
        if written != expect.written {
            failures.push(format!("{name}: written is {written:?}, expected {:?}", expect.written));
        }
        failures.extend(
            finding_problems(expect, &findings_of(&run.json, name)).into_iter().map(|p| format!("{name}: {p}")),
        );
        failures.extend(written_problems(&sandbox, expect).into_iter().map(|p| format!("{name}: {p}")));
    }
    if reports.len() != expects.len() {
        failures.push(format!("{} entries in reports for {} files", reports.len(), expects.len()));
    }
    // The sound files are written, the others not; nothing anywhere else.
    failures.extend(sandbox.problems(false));
    let written: Vec<String> = sandbox
        .changes()
        .into_iter()
        .filter(|(p, e)| matches!(e, Some(Entry::File(_))) && p.ends_with(".md"))
        .map(|(p, _)| p.trim_start_matches(&format!("{SITE}/")).to_owned())
        .collect();
    let mut want: Vec<String> = expects.iter().filter_map(|e| e.written.clone()).collect();
    want.sort();
    if written != want {
        failures.push(format!("reports written: {written:?}, expected {want:?}"));
    }
    assert!(failures.is_empty(), "{} problems:\n{}\n{:#}", failures.len(), failures.join("\n"), run.json);
}
