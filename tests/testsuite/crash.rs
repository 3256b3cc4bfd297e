//! A build killed at any moment (SIGKILL, as the out-of-memory killer or a pulled plug would)
//! leaves `output/` holding the old site or the new one, complete, never a mix; what it left
//! behind is cleaned by the next build.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::*;

const SCHOOL: &str = "content/schools/th-dinh-bo-linh/school.toml";
const NAME: &str = "name = \"Trường Tiểu học Đinh Bộ Lĩnh\"";

/// The fixture with the school's name as in variant `b` or not: two sites that differ on many
/// pages (the school, its reports, listings, data files, search index).
fn set_variant(root: &Path, b: bool) {
    let path = root.join(SCHOOL);
    let text = fs::read_to_string(&path).unwrap();
    let plain = text.replace(" (B)\"", "\"");
    let text = if b { plain.replace(NAME, &NAME.replace("Lĩnh\"", "Lĩnh (B)\"")) } else { plain };
    fs::write(&path, text).unwrap();
}

fn build_command(root: &Path, output: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_minhbach"));
    c.arg("build").arg("--root").arg(root).arg("--output").arg(output);
    c.stdout(Stdio::null()).stderr(Stdio::null());
    c
}

/// A small deterministic generator (xorshift), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Folders beside `output` that a build uses while it runs (`.output.new`, `.output.old`).
fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".output."))
        .collect()
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let site = fixture_copy("small");
    let root = site.path();
    let work = tempfile::tempdir().unwrap();
    let output = work.path().join("output");

    // The two complete sites, built apart, and how long one build takes.
    let mut expected: [BTreeMap<String, Vec<u8>>; 2] = Default::default();
    let mut took = Duration::ZERO;
    for (i, b) in [false, true].into_iter().enumerate() {
        set_variant(root, b);
        let dir = work.path().join(format!("variant-{i}"));
        let start = Instant::now();
        assert!(build_command(root, &dir).status().unwrap().success());
        took = took.max(start.elapsed());
        expected[i] = read_tree(&dir);
    }
    assert_ne!(expected[0], expected[1], "the two variants must differ");

    set_variant(root, false);
    assert!(build_command(root, &output).status().unwrap().success());
    let mut current = 0;
    let seed = 0x5eed_2026_u64;
    let mut rng = Rng(seed);
    let window = took.as_micros() as u64 * 6 / 5;
    let (mut killed, mut finished) = (0, 0);
    for iteration in 0..50 {
        let next = 1 - current;
        set_variant(root, next == 1);
        let mut child = build_command(root, &output).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        // SIGKILL on Unix: no handler, no cleanup.
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => {
                child.kill().unwrap();
                killed += 1;
            }
        }
        child.wait().unwrap();
        let tree = read_tree(&output);
        let which = expected.iter().position(|e| *e == tree);
        assert!(
            which.is_some(),
            "iteration {iteration} (seed {seed:#x}): output/ is neither the old site nor the new one \
             ({} files; old has {}, new has {})",
            tree.len(),
            expected[current].len(),
            expected[next].len()
        );
        current = which.unwrap();
    }
    assert!(killed >= 10, "most builds should be stopped midway: {killed} killed, {finished} finished");

    // The next build starts clean whatever was left, and leaves nothing beside output/.
    set_variant(root, current == 0);
    assert!(build_command(root, &output).status().unwrap().success());
    assert_eq!(read_tree(&output), expected[1 - current]);
    assert_eq!(leftovers(work.path()), Vec::<String>::new(), "temporary folders left beside output/");
}
