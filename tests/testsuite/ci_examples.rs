//! The CI examples of `examples/ci/` (publishing from CI, the way a Sở runs it): both files are
//! valid YAML with the expected structure, and every shell step of each runs locally with
//! `bash -euo pipefail -c` against a copy of the sample province, as the CI platform runs it.
//!
//! What is run and what is not:
//! - GitHub: the `run:` of every step of every job, in order, as on a push to `main` (the `if:`
//!   conditions are not evaluated: on `main` every step runs). Not run: the `uses:` steps
//!   (actions of the CI host: checkout, cache, configure-pages, upload, deploy) and the steps
//!   whose `id` is in [`GITHUB_SKIPPED_STEP_IDS`] (the install; the freshly built binary is put
//!   first on `PATH` instead).
//! - GitLab: the `script:` lines of every job, one shell per job, stage by stage. Not run: the
//!   keys of [`GITLAB_SKIPPED_KEYS`] (`before_script`, which holds the install).
//!
//! The copy is what a Sở's repository holds (`config.toml`, `content/`, `themes/`) without
//! `build_date` in `config.toml`, so that the date comes from the commit through
//! `SOURCE_DATE_EPOCH`; it is committed once in a fresh git repository on [`commit_day`] (never
//! today, so a build that ignored `SOURCE_DATE_EPOCH` and fell back to today cannot pass). The
//! site the steps publish must then be byte-identical to the sample built with
//! `build_date = <commit day>` in `config.toml` and the same base URL: the build date is the
//! commit date, and the output is reproducible.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use chrono::NaiveDate;
use yaml_rust2::{Yaml, YamlLoader};

use crate::util::*;

/// The day of the test commit: the day after the sample's `build_date`, or the one after that
/// if that one is today (UTC). The sample's content is written for its `build_date` and checks
/// without error a few days later too.
fn commit_day() -> NaiveDate {
    let config = fs::read_to_string(sample_root().join("config.toml")).unwrap();
    let sample_day = config
        .lines()
        .find_map(|l| l.strip_prefix("build_date = "))
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .expect("the sample's config.toml has a line build_date = YYYY-MM-DD");
    let today = chrono::Utc::now().date_naive();
    [1, 2].into_iter().map(|n| sample_day + chrono::Days::new(n)).find(|d| *d != today).unwrap()
}

/// Committer (and author) date of the test checkout, as git and GitLab's `CI_COMMIT_TIMESTAMP`
/// write it: 10:00 in Vietnam, so 03:00 UTC the same day.
fn commit_date() -> String {
    format!("{}T10:00:00+07:00", commit_day().format("%Y-%m-%d"))
}

/// What `actions/configure-pages` gives for a project site (no trailing `/`).
const GITHUB_PAGES_URL: &str = "https://so-gddt-dong-nai.github.io/kiem-dinh";
/// What GitLab gives as `CI_PAGES_URL` for a project site (with a trailing `/`).
const GITLAB_PAGES_URL: &str = "https://so-gddt-dong-nai.gitlab.io/kiem-dinh/";
/// The path both addresses carry, which `404.html` must use.
const BASE_PATH: &str = "/kiem-dinh/";

/// Environment variables, in the order they are set (a later one wins).
type Env = Vec<(String, String)>;

/// GitHub steps with a `run:` that are not run here, by `id`: only the install.
const GITHUB_SKIPPED_STEP_IDS: &[&str] = &["install"];
/// GitLab job keys that are not run here: `before_script` holds the install.
const GITLAB_SKIPPED_KEYS: &[&str] = &["before_script"];

/// The value given to each `${{ … }}` expression found in the `env:` of a GitHub workflow,
/// step or job, by its text between the braces. An expression not listed fails the test, so
/// that a new one is given a value here on purpose. (`run:` blocks may hold none: see
/// [`github_workflow_has_the_expected_structure`].)
const GITHUB_EXPRESSIONS: &[(&str, &str)] = &[
    // No repository variable is set, so the address of the Pages site is used.
    ("vars.MINHBACH_BASE_URL || steps.pages.outputs.base_url", GITHUB_PAGES_URL),
];

fn load_yaml(name: &str) -> Yaml {
    let path = sample_root().join("examples/ci").join(name);
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("examples/ci/{name} is not YAML: {e}"));
    assert_eq!(docs.len(), 1, "examples/ci/{name} must hold one YAML document");
    let doc = docs.remove(0);
    assert!(doc.is_hash(), "examples/ci/{name} must be a mapping at the top");
    doc
}

fn github() -> Yaml {
    load_yaml("github-pages.yml")
}

fn gitlab() -> Yaml {
    load_yaml("gitlab-pages.yml")
}

/// The string at `y`, or a failure naming `what`.
fn text<'y>(y: &'y Yaml, what: &str) -> &'y str {
    y.as_str().unwrap_or_else(|| panic!("{what} must be a string, found {y:?}"))
}

/// The entries of the mapping `y` with string keys, in file order.
fn entries<'y>(y: &'y Yaml, what: &str) -> Vec<(&'y str, &'y Yaml)> {
    y.as_hash()
        .unwrap_or_else(|| panic!("{what} must be a mapping, found {y:?}"))
        .iter()
        .map(|(k, v)| (text(k, &format!("a key of {what}")), v))
        .collect()
}

/// The items of the sequence `y`.
fn items<'y>(y: &'y Yaml, what: &str) -> &'y [Yaml] {
    y.as_vec().unwrap_or_else(|| panic!("{what} must be a list, found {y:?}"))
}

/// A scalar as the CI platform reads it in `env:` / `variables:` (numbers and booleans too).
fn scalar(y: &Yaml, what: &str) -> String {
    match y {
        Yaml::String(s) | Yaml::Real(s) => s.clone(),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Boolean(b) => b.to_string(),
        _ => panic!("{what} must be a scalar, found {y:?}"),
    }
}

/// `value` with every `${{ … }}` replaced by its value from [`GITHUB_EXPRESSIONS`].
fn substitute_expressions(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").unwrap_or_else(|| panic!("unclosed expression in {value:?}")) + start;
        let expr = rest[start + 3..end].trim();
        let (_, v) = GITHUB_EXPRESSIONS
            .iter()
            .find(|(e, _)| *e == expr)
            .unwrap_or_else(|| panic!("no value for the expression ${{{{ {expr} }}}}: add it to GITHUB_EXPRESSIONS"));
        out.push_str(v);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The `env:` of a workflow, job or step, expressions substituted.
fn github_env(y: &Yaml, what: &str) -> Env {
    if y.is_badvalue() {
        return Vec::new();
    }
    entries(y, what).into_iter().map(|(k, v)| (k.to_owned(), substitute_expressions(&scalar(v, k)))).collect()
}

/// Runs `git` in `dir` as a fixed person on [`commit_date`], whatever the user's git settings.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=Phòng Khảo thí", "-c", "user.email=khaothi@example.gov.vn"])
        .args(["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", commit_date())
        .env("GIT_COMMITTER_DATE", commit_date())
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run git ({e}): the CI examples test needs git, as the workflows read the commit date \
                 with `git log`; install git (CI has it)"
            )
        });
    assert!(
        out.status.success(),
        "git {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What a Sở's repository holds, made from the sample province in `dir`: `config.toml` with
/// its `build_date` line replaced by `build_date` (or removed), `content/`, `themes/`.
fn site_copy(dir: &Path, build_date: Option<NaiveDate>) {
    let root = sample_root();
    let config = fs::read_to_string(root.join("config.toml")).unwrap();
    let config: String = config
        .lines()
        .filter_map(|l| match (l.starts_with("build_date"), build_date) {
            (false, _) => Some(l.to_owned()),
            (true, Some(d)) => Some(format!("build_date = {}", d.format("%Y-%m-%d"))),
            (true, None) => None,
        })
        .map(|l| l + "\n")
        .collect();
    fs::write(dir.join("config.toml"), config).unwrap();
    for folder in ["content", "themes"] {
        copy_tree(&root.join(folder), &dir.join(folder));
    }
}

/// The checkout CI works in: the sample as a Sở's repository without `build_date`, which
/// `edit` may change, committed once on [`commit_date`] in a fresh git repository.
fn checkout_with(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    site_copy(dir.path(), None);
    edit(dir.path());
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "Hồ sơ kiểm định"]);
    dir
}

fn checkout() -> tempfile::TempDir {
    checkout_with(|_| {})
}

/// `PATH` with the folder of the freshly built `minhbach` first.
fn path_with_minhbach() -> OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_minhbach")).parent().unwrap().to_path_buf();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(&rest))).unwrap()
}

/// Runs `script` as CI does, in `dir`, with `env` on top of this process's environment
/// (less what would change the result: a `SOURCE_DATE_EPOCH` or base URL of the caller).
fn bash(dir: &Path, script: &str, env: &[(String, String)]) -> Output {
    Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("MINHBACH_BASE_URL")
        .env("PATH", path_with_minhbach())
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("bash runs")
}

fn describe(script: &str, out: &Output) -> String {
    format!(
        "step\n{script}\nexited with {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The sample with `build_date = <commit day>` in `config.toml`, built with `base_url` and
/// no `SOURCE_DATE_EPOCH`.
fn reference_site(base_url: &str) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let root = out.path().join("site");
    fs::create_dir(&root).unwrap();
    site_copy(&root, Some(commit_day()));
    let target = out.path().join("output");
    let run = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--output")
        .arg(&target)
        .args(["--base-url", base_url])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(run.status.success(), "the sample does not build: {}", String::from_utf8_lossy(&run.stderr));
    read_tree(&target)
}

/// The first school of the sample, by folder name.
fn first_school() -> String {
    let mut slugs: Vec<String> = fs::read_dir(sample_root().join("content/schools"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    slugs.remove(0)
}

/// The site published from `dir`: it has its pages, speaks for the commit date, uses the base
/// path in `404.html`, and is byte-identical to the sample built with `base_url`.
fn assert_published(dir: &Path, base_url: &str) {
    assert!(dir.join("index.html").is_file(), "no index.html in {}", dir.display());
    let school = first_school();
    assert!(dir.join(format!("truong/{school}/index.html")).is_file(), "no page for the school {school}");
    let tree = read_tree(dir);
    let (iso, text) = (commit_day().format("%Y-%m-%d").to_string(), commit_day().format("%d/%m/%Y").to_string());
    assert!(page(&tree, "index.html").contains(&text), "the home page does not say {text}, the commit day");
    assert!(
        page(&tree, "sitemap.xml").contains(&format!("<lastmod>{iso}</lastmod>")),
        "sitemap.xml has no lastmod {iso}, the commit day"
    );
    assert!(page(&tree, "404.html").contains(BASE_PATH), "404.html does not use the base path {BASE_PATH}");
    let reference = reference_site(base_url);
    let differing: Vec<&String> = tree
        .keys()
        .chain(reference.keys())
        .filter(|k| tree.get(*k) != reference.get(*k))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        differing.is_empty(),
        "the published site differs from the sample built with build_date = {iso} in {} files: {:?}",
        differing.len(),
        differing.iter().take(10).collect::<Vec<_>>()
    );
}

// ---------------------------------------------------------------------------------------------
// GitHub

/// The steps of every job of the workflow, in order, with their job's name and env.
fn github_steps(doc: &Yaml) -> Vec<(String, Env, &Yaml)> {
    let mut out = Vec::new();
    for (job_name, job) in entries(&doc["jobs"], "jobs") {
        let job_env = github_env(&job["env"], &format!("env of job {job_name}"));
        for step in items(&job["steps"], &format!("steps of job {job_name}")) {
            out.push((job_name.to_owned(), job_env.clone(), step));
        }
    }
    out
}

/// The actions the steps use.
fn uses_of(doc: &Yaml) -> Vec<&str> {
    github_steps(doc).into_iter().filter_map(|(_, _, step)| step["uses"].as_str()).collect()
}

fn step_using<'d>(doc: &'d Yaml, job: &str, action: &str) -> &'d Yaml {
    items(&doc["jobs"][job]["steps"], "steps")
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(&format!("{action}@"))))
        .unwrap_or_else(|| panic!("job {job} has no step using {action}"))
}

fn runs(doc: &Yaml) -> Vec<(Option<&str>, &str)> {
    github_steps(doc).into_iter().filter_map(|(_, _, s)| s["run"].as_str().map(|r| (s["id"].as_str(), r))).collect()
}

#[test]
fn github_workflow_has_the_expected_structure() {
    let doc = github();
    // Triggers: push to main, pull requests, by hand.
    let on = &doc["on"];
    assert!(on.is_hash(), "`on` must be a mapping (YAML 1.2 keeps `on` a string key): {on:?}");
    assert!(items(&on["push"]["branches"], "on.push.branches").iter().any(|b| b.as_str() == Some("main")));
    for trigger in ["pull_request", "workflow_dispatch"] {
        assert!(!on[trigger].is_badvalue(), "the workflow does not run on {trigger}");
    }
    // Permissions of the Pages starter workflow, a concurrency group for pages.
    for (perm, level) in [("contents", "read"), ("pages", "write"), ("id-token", "write")] {
        assert_eq!(doc["permissions"][perm].as_str(), Some(level), "permissions.{perm}");
    }
    assert!(text(&doc["concurrency"]["group"], "concurrency.group").contains("pages"));

    // The build job: checkout, check --format github, build with the commit date, upload output.
    let jobs = entries(&doc["jobs"], "jobs");
    assert!(jobs.iter().any(|(n, _)| *n == "build") && jobs.iter().any(|(n, _)| *n == "deploy"), "jobs build, deploy");
    let checkout = step_using(&doc, "build", "actions/checkout");
    assert!(checkout["uses"].as_str().unwrap().ends_with("@v4"));
    step_using(&doc, "build", "actions/configure-pages");
    let upload = step_using(&doc, "build", "actions/upload-pages-artifact");
    assert_eq!(upload["with"]["path"].as_str(), Some("output"), "the uploaded folder");

    let runs = runs(&doc);
    let check: Vec<_> = runs.iter().filter(|(_, r)| r.contains("minhbach check")).collect();
    assert!(!check.is_empty(), "no step runs minhbach check");
    for (_, r) in &check {
        assert!(r.contains("minhbach check --format github"), "check must print annotations: {r}");
    }
    let build: Vec<_> = runs.iter().filter(|(_, r)| r.contains("minhbach build")).collect();
    assert_eq!(build.len(), 1, "one step builds");
    let build = build[0].1;
    assert!(
        build.contains("SOURCE_DATE_EPOCH=\"$(git log -1 --format=%ct)\"")
            && build.contains("export SOURCE_DATE_EPOCH"),
        "the build must take the commit date as SOURCE_DATE_EPOCH: {build}"
    );
    assert!(build.contains("--base-url"), "the build must pass the address of the Pages site: {build}");

    // The install: one step, clearly marked, the only one to run cargo install; the other
    // shell steps read expressions through env: only (no script injection, and runnable as is).
    let install: Vec<_> = runs.iter().filter(|(id, _)| GITHUB_SKIPPED_STEP_IDS.contains(&id.unwrap_or(""))).collect();
    assert_eq!(install.len(), GITHUB_SKIPPED_STEP_IDS.len(), "steps with the ids {GITHUB_SKIPPED_STEP_IDS:?}");
    assert!(install[0].1.contains("cargo +stable install --locked --git"), "the install step: {}", install[0].1);
    for (id, r) in &runs {
        if !GITHUB_SKIPPED_STEP_IDS.contains(&id.unwrap_or("")) {
            assert!(
                !r.contains("cargo install") && !r.contains("cargo +stable install"),
                "only the install step installs: {r}"
            );
        }
        assert!(!r.contains("${{"), "pass expressions to run: blocks through env:, not inline: {r}");
    }
    for (job, _, step) in github_steps(&doc) {
        assert!(step["run"].is_badvalue() != step["uses"].is_badvalue(), "a step of {job} must have run: or uses:");
        for key in ["shell", "working-directory"] {
            assert!(step[key].is_badvalue(), "{key}: is not what the test runs (job {job})");
        }
    }

    // The deploy job: after build, in the github-pages environment, with deploy-pages.
    let deploy = &doc["jobs"]["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    assert_eq!(deploy["environment"]["name"].as_str(), Some("github-pages"));
    let deploy_uses = step_using(&doc, "deploy", "actions/deploy-pages");
    assert!(deploy_uses["uses"].as_str().unwrap().ends_with("@v4"));
    // Only on main: pull requests are only checked.
    for (what, cond) in [
        ("deploy", &deploy["if"]),
        ("configure-pages", &step_using(&doc, "build", "actions/configure-pages")["if"]),
        ("upload-pages-artifact", &upload["if"]),
    ] {
        assert_eq!(cond.as_str(), Some("github.ref == 'refs/heads/main'"), "{what} must run on main only");
    }
    let build_step = github_steps(&doc)
        .into_iter()
        .find(|(_, _, s)| s["run"].as_str().is_some_and(|r| r.contains("minhbach build")))
        .unwrap()
        .2;
    assert_eq!(build_step["if"].as_str(), Some("github.ref == 'refs/heads/main'"), "the build runs on main only");
    for action in uses_of(&doc) {
        assert!(action.contains('@'), "{action} must name its version");
    }
}

/// The `KEY=VALUE` lines a step wrote to `$GITHUB_ENV` (the simple form), which the runner
/// gives the later steps; the file is emptied for the next step.
fn take_github_env(file: &Path) -> Env {
    let vars = fs::read_to_string(file)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect();
    fs::write(file, "").unwrap();
    vars
}

#[test]
fn github_workflow_steps_run_locally_and_publish_the_sample() {
    let doc = github();
    let repo = checkout();
    let dir = repo.path();
    let host = tempfile::tempdir().unwrap();
    let file = |name: &str| {
        let p = host.path().join(name);
        fs::write(&p, "").unwrap();
        p.to_string_lossy().into_owned()
    };
    // What the runner provides, for a push to main.
    let mut platform: Env = [
        ("CI", "true".to_owned()),
        ("GITHUB_ACTIONS", "true".to_owned()),
        ("GITHUB_EVENT_NAME", "push".to_owned()),
        ("GITHUB_REF", "refs/heads/main".to_owned()),
        ("GITHUB_REF_NAME", "main".to_owned()),
        ("GITHUB_WORKSPACE", dir.to_string_lossy().into_owned()),
        ("RUNNER_TEMP", host.path().to_string_lossy().into_owned()),
        ("GITHUB_OUTPUT", file("output")),
        ("GITHUB_ENV", file("env")),
        ("GITHUB_STEP_SUMMARY", file("summary")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    let workflow_env = github_env(&doc["env"], "env");

    let mut ran = Vec::new();
    for (job, job_env, step) in github_steps(&doc) {
        let Some(script) = step["run"].as_str() else { continue };
        let name = step["name"].as_str().unwrap_or(script);
        if step["id"].as_str().is_some_and(|id| GITHUB_SKIPPED_STEP_IDS.contains(&id)) {
            continue;
        }
        let mut env = workflow_env.clone();
        env.extend(job_env);
        env.extend(platform.iter().cloned());
        env.extend(github_env(&step["env"], &format!("env of step {name:?}")));
        let out = bash(dir, script, &env);
        assert!(out.status.success(), "job {job}, {}", describe(script, &out));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("::error"), "the sample has errors: {}", describe(script, &out));
        if script.contains("--format github") {
            let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
            assert!(!annotations.is_empty(), "the sample's expiring decisions give no ::warning");
            for a in annotations {
                assert!(a.starts_with("::warning file=content/schools/") && a.contains(",line="), "{a}");
            }
        }
        platform.extend(take_github_env(&host.path().join("env")));
        ran.push(name.to_owned());
    }
    assert_eq!(ran, ["Kiểm tra nội dung", "Dựng trang"], "the steps run here");
    assert_published(&dir.join("output"), GITHUB_PAGES_URL);
}

#[test]
fn check_format_github_annotates_a_planted_error_and_fails() {
    let school = first_school();
    let toml = format!("content/schools/{school}/school.toml");
    let repo = checkout_with(|dir| {
        let path = dir.join(&toml);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.lines().any(|l| l.starts_with("name = ")), "{toml} has no name line");
        let planted: String = text.lines().filter(|l| !l.starts_with("name = ")).map(|l| format!("{l}\n")).collect();
        fs::write(path, planted).unwrap();
    });
    // The workflow's own check step, as on a pull request.
    let doc = github();
    let script = runs(&doc).into_iter().map(|(_, r)| r).find(|r| r.contains("minhbach check --format github")).unwrap();
    let out = bash(repo.path(), script, &[("GITHUB_ACTIONS".to_owned(), "true".to_owned())]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(script, &out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let prefix = format!("::error file={toml},line=");
    let line = stdout.lines().find(|l| l.starts_with(&prefix)).unwrap_or_else(|| panic!("no {prefix}…: {stdout}"));
    let (props, message) = line["::error ".len()..].split_once("::").unwrap();
    let props: BTreeMap<&str, &str> = props.split(',').filter_map(|p| p.split_once('=')).collect();
    for key in ["line", "col"] {
        assert!(props[key].parse::<u32>().is_ok_and(|n| n >= 1), "{key} in {line}");
    }
    assert_eq!(props["title"], "school.field-missing", "{line}");
    assert!(message.contains("name"), "{line}");
}

// ---------------------------------------------------------------------------------------------
// GitLab

/// The jobs of the pipeline (top-level mappings with a `script:`), in file order.
fn gitlab_jobs(doc: &Yaml) -> Vec<(&str, &Yaml)> {
    entries(doc, "the pipeline").into_iter().filter(|(_, v)| !v["script"].is_badvalue()).collect()
}

fn script_lines<'y>(job: &'y Yaml, key: &str, name: &str) -> Vec<&'y str> {
    items(&job[key], &format!("{key} of {name}"))
        .iter()
        .map(|l| text(l, &format!("a line of {key} of {name}")))
        .collect()
}

#[test]
fn gitlab_pipeline_has_the_expected_structure() {
    let doc = gitlab();
    let stages: Vec<&str> = items(&doc["stages"], "stages").iter().map(|s| text(s, "a stage")).collect();
    assert_eq!(stages, ["check", "deploy"]);
    assert!(text(&doc["default"]["image"], "default.image").starts_with("rust:1"), "an image with cargo");
    assert!(!items(&doc["default"]["cache"]["paths"], "default.cache.paths").is_empty(), "the install is cached");
    assert!(text(&doc["default"]["cache"]["key"], "cache key").contains("$MINHBACH_REV"), "one cache per version");

    // The install: in before_script only.
    let install = script_lines(&doc["default"], "before_script", "default").join("\n");
    assert!(install.contains("cargo install --locked"), "default.before_script installs minhbach: {install}");
    let jobs = gitlab_jobs(&doc);
    for (name, job) in &jobs {
        assert!(job["before_script"].is_badvalue(), "job {name} must keep the default before_script (the install)");
        let script = script_lines(job, "script", name).join("\n");
        assert!(!script.contains("cargo install"), "only before_script installs: {script}");
        let stage = text(&job["stage"], "stage");
        assert!(stages.contains(&stage), "job {name}: unknown stage {stage}");
    }

    // check runs in every pipeline (merge requests too), pages only on the default branch.
    let (_, check) = jobs.iter().find(|(n, _)| *n == "check").expect("a check job");
    assert!(check["rules"].is_badvalue(), "check runs in every pipeline");
    assert!(script_lines(check, "script", "check").join("\n").contains("minhbach check"));
    let (_, pages) = jobs.iter().find(|(n, _)| *n == "pages").expect("GitLab Pages needs a job named pages");
    assert_eq!(text(&pages["stage"], "pages.stage"), "deploy");
    let rules = items(&pages["rules"], "pages.rules");
    assert_eq!(rules.len(), 1);
    assert_eq!(text(&rules[0]["if"], "pages rule"), "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
    let paths: Vec<&str> =
        items(&pages["artifacts"]["paths"], "pages.artifacts.paths").iter().map(|p| text(p, "path")).collect();
    assert_eq!(paths, ["public"], "GitLab Pages publishes public/");
    let script = script_lines(pages, "script", "pages").join("\n");
    assert!(script.contains("SOURCE_DATE_EPOCH=\"$(date -d \"$CI_COMMIT_TIMESTAMP\" +%s)\""), "{script}");
    assert!(script.contains("export SOURCE_DATE_EPOCH"), "{script}");
    assert!(script.contains("minhbach build --output public"), "{script}");
    assert!(script.contains("$CI_PAGES_URL"), "base_url from CI_PAGES_URL: {script}");
    for (name, job) in &jobs {
        if *name != "check" {
            assert_eq!(job["rules"], pages["rules"], "job {name} must run on the default branch only");
        }
    }
    // Merge requests get their own pipeline; a branch with one open does not get a second one.
    let workflow = format!("{:?}", doc["workflow"]["rules"]);
    assert!(workflow.contains("merge_request_event") && workflow.contains("$CI_OPEN_MERGE_REQUESTS"), "{workflow}");
}

#[test]
fn gitlab_pipeline_scripts_run_locally_and_publish_the_sample() {
    let doc = gitlab();
    let repo = checkout();
    let dir = repo.path();
    // What GitLab provides, for a pipeline of the default branch: the commit timestamp is the
    // commit's (ISO 8601, as GitLab writes it), the Pages address a project site with a path.
    let platform: Env = [
        ("CI", "true"),
        ("GITLAB_CI", "true"),
        ("CI_PIPELINE_SOURCE", "push"),
        ("CI_COMMIT_BRANCH", "main"),
        ("CI_DEFAULT_BRANCH", "main"),
        ("CI_COMMIT_TIMESTAMP", &commit_date()),
        ("CI_PAGES_URL", GITLAB_PAGES_URL),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .chain([("CI_PROJECT_DIR".to_owned(), dir.to_string_lossy().into_owned())])
    .collect();
    // Global variables hold literal values (checked), so they are passed as they are.
    let globals: Env = entries(&doc["variables"], "variables")
        .into_iter()
        .map(|(k, v)| (k.to_owned(), scalar(v, k)))
        .inspect(|(k, v)| assert!(!v.contains('$'), "variable {k} refers to another; the test passes it literally"))
        .collect();

    let stages: Vec<&str> = items(&doc["stages"], "stages").iter().map(|s| text(s, "a stage")).collect();
    let mut ran = Vec::new();
    for stage in stages {
        for (name, job) in gitlab_jobs(&doc).into_iter().filter(|(_, j)| j["stage"].as_str() == Some(stage)) {
            for key in ["before_script", "after_script"] {
                let present = !job[key].is_badvalue() || !doc["default"][key].is_badvalue();
                assert!(!present || GITLAB_SKIPPED_KEYS.contains(&key), "job {name}: {key} is not run by this test");
            }
            let script = script_lines(job, "script", name).join("\n");
            let mut env = globals.clone();
            env.extend(platform.iter().cloned());
            if !job["variables"].is_badvalue() {
                env.extend(entries(&job["variables"], name).into_iter().map(|(k, v)| (k.to_owned(), scalar(v, k))));
            }
            let out = bash(dir, &script, &env);
            assert!(out.status.success(), "job {name}, {}", describe(&script, &out));
            if script.contains("minhbach check") {
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(stderr.contains("trường: 0 lỗi"), "the sample has errors: {}", describe(&script, &out));
            }
            ran.push(name);
        }
    }
    assert_eq!(ran, ["check", "pages"], "the jobs run here");
    assert!(!dir.join("output").exists(), "the pages job must write public/, not output/");
    assert_published(&dir.join("public"), GITLAB_PAGES_URL);
}

#[test]
fn the_readme_explains_what_the_files_rely_on() {
    let readme = fs::read_to_string(sample_root().join("examples/ci/README.md")).unwrap();
    for needle in [
        "github-pages.yml",
        "gitlab-pages.yml",
        ".github/workflows/",
        ".gitlab-ci.yml",
        "base_url",
        "https://sgddt.example.gov.vn/kiem-dinh/",
        "github.io/",
        "--format github",
        "SOURCE_DATE_EPOCH",
        "build_date",
        "MINHBACH_REV",
        "MINHBACH_GIT",
        "public/",
    ] {
        assert!(readme.contains(needle), "examples/ci/README.md does not mention {needle}");
    }
}
