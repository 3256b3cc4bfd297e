//! The `minhbach` command line: `build`, `check`, `serve`, `new`, `import` and `export` (see
//! `site.md` and `import.md`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use minhbach::diagnostic::{Diagnostic, count_errors};
use minhbach::messages::Lang;
use minhbach::msg;
use minhbach::{BuildError, BuildOptions, build, check_site, content::DateSource};

/// Rendering makes many short-lived strings on every core at once; mimalloc's per-thread
/// heaps made a full build 11-13% faster than the system allocator (1,500 and 10,000 schools),
/// for some 25-35 MB more peak memory.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Publishes school quality-accreditation disclosures as a static website.
#[derive(Parser)]
#[command(name = "minhbach", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of the findings: vi (default) or en; also MINHBACH_LANG=en.
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content, then write the site to output/ (nothing is written on any error).
    Build {
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Also publish draft reports, in a preview marked as such (needs --output).
        #[arg(long)]
        drafts: bool,
        /// Override base_url of config.toml (e.g. for a preview under another address).
        #[arg(long)]
        base_url: Option<String>,
        /// Print how long each stage of the build took.
        #[arg(long)]
        timings: bool,
        /// Print every warning in full (by default they are grouped by code, with a count).
        #[arg(long)]
        verbose: bool,
    },
    /// Find every defect in the content and report it with file and line.
    Check {
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Exit with status 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Preview the site: build it into a temporary folder, serve it on 127.0.0.1, rebuild and
    /// reload the browser after each edit.
    Serve {
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to serve on (the next free one if it is busy; 0: any).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the browser.
        #[arg(long)]
        open: bool,
        /// Show draft reports too (every page says it is a preview).
        #[arg(long)]
        drafts: bool,
        /// Print every warning in full (by default they are grouped by code, with a count).
        #[arg(long)]
        verbose: bool,
    },
    /// Write a new school folder or a draft report, ready to fill in.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Bring the Sở's spreadsheets into content/ (nothing is written on any error).
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Convert text files typed in TCVN3 (ABC) or VNI to Unicode UTF-8, in place.
    FixEncoding {
        /// The files to convert.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Show the first lines that would change (old → new), write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write the Sở's tables without building the site.
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Schools and their decisions from an Excel (.xlsx, .xls), OpenDocument (.ods) or CSV file.
    Schools {
        /// The spreadsheet.
        file: PathBuf,
        /// Read only this sheet.
        #[arg(long)]
        sheet: Option<String>,
        /// Show every file and field that would change (old → new), write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Output format of the findings.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A self-assessment report in the official Word form (.docx, .doc) as a draft report.
    Report {
        /// The Word file.
        file: PathBuf,
        /// The school's folder name (default: found from the code or name on the cover).
        #[arg(long)]
        school: Option<String>,
        /// The school year, e.g. 2025-2026 (default: from the title, "năm học 2025-2026").
        #[arg(long)]
        year: Option<String>,
        /// Show the report that would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace an existing draft (an approved report is never replaced).
        #[arg(long)]
        force: bool,
        /// Output format of the findings.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Every Word report (.docx, .doc) under a folder, each matched to its school by its cover.
    Reports {
        /// The folder.
        dir: PathBuf,
        /// Show what would be written; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Replace existing drafts (approved reports are never replaced).
        #[arg(long)]
        force: bool,
        /// Output format of the findings.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// The workbook kiem-dinh.xlsx (the same file `build` writes to /du-lieu/).
    Xlsx {
        /// Where to write it (default: kiem-dinh.xlsx in the current folder).
        #[arg(long, default_value = "kiem-dinh.xlsx")]
        output: PathBuf,
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// content/schools/<slug>/school.toml with every field explained.
    School {
        /// The school's address on the site (a-z, 0-9 and -), e.g. thcs-le-loi.
        slug: String,
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A draft report for a school year, with the criteria of the framework that judges it.
    Report {
        /// The school's folder name under content/schools/.
        slug: String,
        /// The school year, e.g. 2026-2027.
        year: String,
        /// The site's folder (the one with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// For people, one finding per line.
    Human,
    /// One JSON document (schema in content-format.md).
    Json,
    /// GitHub Actions workflow commands, so findings show on the lines of a pull request.
    Github,
}

/// True when stderr is a terminal that may be coloured (not with NO_COLOR).
fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Prints findings rustc-style to stderr, every one in full (`check`).
fn print_diagnostics(diags: &[Diagnostic], root: &Path, lang: Lang) {
    if !diags.is_empty() {
        eprint!("{}", minhbach::check::human::render(diags, root, color(), lang));
    }
}

/// Prints a build's findings to stderr: errors in full, warnings grouped by code unless
/// `verbose`.
fn print_build_diagnostics(diags: &[Diagnostic], root: &Path, verbose: bool, lang: Lang) {
    if !diags.is_empty() {
        eprint!("{}", minhbach::check::human::render_for_build(diags, root, color(), verbose, lang));
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::choose(cli.lang.map(|l| match l {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    }));
    match cli.command {
        Command::Build { root, output, drafts, base_url, timings, verbose } => {
            let opts = BuildOptions { root: root.clone(), output, drafts, base_url, dates: DateSource::Environment };
            let target = opts.output_dir();
            match build(&opts) {
                Ok(summary) => {
                    print_build_diagnostics(&summary.warnings, &root, verbose, lang);
                    if timings {
                        for (stage, took, peak) in &summary.stages {
                            let peak = peak.map(|b| format!("{:>6} MiB", b >> 20)).unwrap_or_default();
                            eprintln!("{:>8.3} s {peak}  {stage}", took.as_secs_f64());
                        }
                    }
                    let done = msg!(
                        "build-done",
                        schools = summary.schools,
                        reports = summary.reports,
                        pages = summary.pages,
                        files = summary.files,
                        megabytes = format!("{:.1}", summary.bytes as f64 / 1e6),
                        seconds = format!("{:.2}", summary.elapsed.as_secs_f64()),
                        output = target.display()
                    );
                    println!("{}", done.render(lang));
                    ExitCode::SUCCESS
                }
                Err(BuildError::Content(diags)) => {
                    print_build_diagnostics(&diags, &root, verbose, lang);
                    let errors = count_errors(&diags);
                    eprintln!("{}", msg!("build-failed", errors = errors, output = target.display()).render(lang));
                    ExitCode::from(1)
                }
                Err(e @ (BuildError::Load(_) | BuildError::DraftsNeedOutput)) => {
                    eprintln!("minhbach: {e}");
                    ExitCode::from(2)
                }
                Err(e) => {
                    eprintln!("minhbach: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, format, deny_warnings } => {
            let run = match check_site(&root, DateSource::Environment) {
                Ok(run) => run,
                Err(e) => {
                    eprintln!("minhbach: {e}");
                    return ExitCode::from(2);
                }
            };
            let errors = run.checked.diagnostics.errors();
            let warnings = run.checked.diagnostics.warnings();
            let schools = run.content.as_ref().map_or(0, |c| c.schools.len());
            let diags = run.checked.diagnostics.into_sorted();
            let summary = msg!("check-summary", schools = schools, errors = errors, warnings = warnings).render(lang);
            match format {
                Format::Human => {
                    print_diagnostics(&diags, &root, lang);
                    eprintln!("{summary}");
                }
                Format::Json => {
                    let doc = minhbach::check::json::document(
                        run.content.as_ref(),
                        &run.checked.judgements,
                        &diags,
                        schools,
                        lang,
                    );
                    println!("{doc}");
                }
                Format::Github => {
                    print!("{}", minhbach::check::github::render(&diags, &root, lang));
                    eprintln!("{summary}");
                }
            }
            if errors > 0 || (deny_warnings && warnings > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Command::Serve { root, port, open, drafts, verbose } => {
            match minhbach::serve::serve(&minhbach::serve::ServeOptions { root, port, open, drafts, verbose, lang }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("minhbach: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Import { what: ImportCommand::Schools { file, sheet, dry_run, format, root } } => {
            import_schools(minhbach::import::SchoolsImport { root, file, sheet, dry_run }, format, lang)
        }
        Command::Import { what: ImportCommand::Report { file, school, year, dry_run, force, format, root } } => {
            let year = match year.as_deref().map(str::parse::<minhbach::calendar::SchoolYear>).transpose() {
                Ok(y) => y,
                Err(e) => {
                    eprintln!("minhbach: --year: {e}");
                    return ExitCode::from(2);
                }
            };
            let opts = minhbach::import::word::ReportImport { file, school, year, dry_run, force };
            match minhbach::import::word::import_report(&root, &opts) {
                Ok(outcome) => word_outcomes(&[outcome], &root, dry_run, format, lang),
                Err(e) => import_failed(e, &root, lang),
            }
        }
        Command::Import { what: ImportCommand::Reports { dir, dry_run, force, format, root } } => {
            if !dir.is_dir() {
                eprintln!("minhbach: {}: not a folder", dir.display());
                return ExitCode::from(2);
            }
            let bar = progress_bar();
            let shown = |p: minhbach::import::word::Progress| {
                if let Some(bar) = &bar {
                    bar.set_length(p.total as u64);
                    bar.set_position(p.done as u64);
                    if p.done == 0 {
                        bar.set_style(
                            indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len}")
                                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                        );
                        bar.set_message(msg!("import-progress-reading", file = dir.display()).render(lang));
                    }
                }
            };
            let outcomes = minhbach::import::word::import_reports(&root, &dir, dry_run, force, &shown);
            if let Some(bar) = &bar {
                bar.finish_and_clear();
            }
            match outcomes {
                Ok(outcomes) => word_outcomes(&outcomes, &root, dry_run, format, lang),
                Err(e) => import_failed(e, &root, lang),
            }
        }
        Command::FixEncoding { files, dry_run } => fix_encoding(&files, dry_run, lang),
        Command::Export { what: ExportCommand::Xlsx { output, root } } => {
            match minhbach::render::workbook::export(&root, &output, DateSource::Environment) {
                Ok(Ok(bytes)) => {
                    println!(
                        "{}",
                        msg!("export-done", output = output.display(), kilobytes = bytes.div_ceil(1024)).render(lang)
                    );
                    ExitCode::SUCCESS
                }
                Ok(Err(diags)) => {
                    print_build_diagnostics(&diags, &root, false, lang);
                    let errors = count_errors(&diags);
                    eprintln!("{}", msg!("export-failed", errors = errors).render(lang));
                    ExitCode::from(1)
                }
                Err(e) => {
                    eprintln!("minhbach: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::New { what } => {
            let written = match &what {
                NewCommand::School { slug, root } => minhbach::scaffold::new_school(root, slug),
                NewCommand::Report { slug, year, root } => minhbach::scaffold::new_report(root, slug, year),
            };
            match written {
                Ok(path) => {
                    println!("Đã tạo {}", path.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("minhbach: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

/// `fix-encoding`: converts each file (or shows its first changed lines with `--dry-run`);
/// exit 1 when any file was refused or could not be written, the others being done all the same.
fn fix_encoding(files: &[PathBuf], dry_run: bool, lang: Lang) -> ExitCode {
    use minhbach::import::fix_encoding::{fix_file, shorten};
    let mut failed = 0;
    for path in files {
        let file = path.display().to_string();
        match fix_file(path, dry_run) {
            Ok(fixed) => {
                let (encoding, lines) = (fixed.legacy.name(), fixed.lines_changed);
                let head = if dry_run {
                    msg!("fix-encoding-would-convert", file = file, encoding = encoding, lines = lines)
                } else {
                    msg!("fix-encoding-converted", file = file, encoding = encoding, lines = lines)
                };
                println!("{}", head.render(lang));
                if dry_run {
                    for s in &fixed.samples {
                        println!("  {:>5}: {}", s.line, shorten(&s.old, 100));
                        println!("      → {}", shorten(&s.new, 100));
                    }
                    if fixed.lines_changed > fixed.samples.len() {
                        let more = fixed.lines_changed - fixed.samples.len();
                        println!("  {}", msg!("fix-encoding-more-lines", lines = more).render(lang));
                    }
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("minhbach: {}", e.message(&file).render(lang));
            }
        }
    }
    if failed > 0 {
        eprintln!("{}", msg!("fix-encoding-failed", failed = failed, files = files.len()).render(lang));
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `import schools`: reads, prints the findings and the changes, writes (unless `--dry-run`),
/// then checks what was written.
fn import_schools(opts: minhbach::import::SchoolsImport, format: Format, lang: Lang) -> ExitCode {
    use minhbach::import::Edit;
    let bar = progress_bar();
    let outcome = minhbach::import::import_schools_with(&opts, &mut |step| {
        if let Some(bar) = &bar {
            show_step(bar, step, &opts.file, lang);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let outcome = match outcome {
        Ok(o) => o,
        Err(minhbach::import::ImportError::Config(diags)) => {
            print_diagnostics(&diags, &opts.root, lang);
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("minhbach: {e}");
            return ExitCode::from(2);
        }
    };
    let errors = outcome.errors();
    // What was written is checked as `check` would, so that its faults show at once.
    let checked = if outcome.written { check_site(&opts.root, DateSource::Environment).ok() } else { None };
    let checked = checked.map(|run| {
        let schools = run.content.as_ref().map_or(0, |c| c.schools.len());
        (run.checked.diagnostics.into_sorted(), schools)
    });
    match format {
        Format::Json => {
            let changes: Vec<serde_json::Value> = outcome
                .changes
                .iter()
                .map(|c| {
                    let edits: Vec<serde_json::Value> = c
                        .edits
                        .iter()
                        .map(|e| match e {
                            Edit::Field { key, old, new } => serde_json::json!({"field": key, "old": old, "new": new}),
                            Edit::Decision { table, number, level, decided } => serde_json::json!({
                                "decision": table, "number": number, "level": level, "decided": decided.to_string()}),
                        })
                        .collect();
                    serde_json::json!({"file": c.display, "created": c.created, "changes": edits})
                })
                .collect();
            let doc = serde_json::json!({
                "diagnostics": outcome.diagnostics.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
                "changes": changes,
                "summary": {
                    "schools": outcome.schools,
                    "errors": errors,
                    "warnings": outcome.diagnostics.len() - errors,
                    "files": outcome.changes.len(),
                    "written": outcome.written,
                },
            });
            let mut doc = doc;
            if let Some((diags, schools)) = &checked {
                let errors = count_errors(diags);
                doc["check"] = serde_json::json!({
                    "diagnostics": diags.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
                    "summary": {"schools": schools, "errors": errors, "warnings": diags.len() - errors},
                });
            }
            println!("{doc:#}");
        }
        Format::Github => print!("{}", minhbach::check::github::render(&outcome.diagnostics, &opts.root, lang)),
        Format::Human => {
            print_diagnostics(&outcome.diagnostics, &opts.root, lang);
            if errors == 0 {
                for c in &outcome.changes {
                    let head = if c.created {
                        msg!("import-file-new", file = c.display.as_str())
                    } else {
                        msg!("import-file-changed", file = c.display.as_str())
                    };
                    println!("{}", head.render(lang));
                    for e in &c.edits {
                        let line = match e {
                            Edit::Field { key, old: Some(old), new } => format!("    {key}: {old} → {new}"),
                            Edit::Field { key, old: None, new } => format!("    {key}: {new}"),
                            Edit::Decision { table, number, level, decided } => msg!(
                                "import-decision-added",
                                table = *table,
                                number = number.as_str(),
                                level = level,
                                decided = decided.format("%d/%m/%Y").to_string()
                            )
                            .render(lang),
                        };
                        println!("{line}");
                    }
                }
            }
        }
    }
    let summary = if errors > 0 {
        msg!("import-stopped", errors = errors)
    } else if opts.dry_run {
        msg!("import-dry-run", schools = outcome.schools, files = outcome.changes.len())
    } else {
        msg!("import-done", schools = outcome.schools, files = outcome.changes.len())
    };
    eprintln!("{}", summary.render(lang));
    if errors > 0 {
        return ExitCode::from(1);
    }
    if let Some((diags, schools)) = checked.filter(|_| !matches!(format, Format::Json)) {
        print_build_diagnostics(&diags, &opts.root, false, lang);
        let errors = count_errors(&diags);
        let warnings = diags.len() - errors;
        eprintln!("{}", msg!("check-summary", schools = schools, errors = errors, warnings = warnings).render(lang));
    }
    ExitCode::SUCCESS
}

/// A progress bar on stderr while a long import runs, only on a terminal (nothing in a log
/// or a pipe).
/// An import that could not run (exit 2).
fn import_failed(e: minhbach::import::ImportError, root: &Path, lang: Lang) -> ExitCode {
    match e {
        minhbach::import::ImportError::Config(diags) => print_diagnostics(&diags, root, lang),
        e => eprintln!("minhbach: {e}"),
    }
    ExitCode::from(2)
}

/// Prints what `import report(s)` found and did; exit 1 when any file was not imported.
fn word_outcomes(
    outcomes: &[minhbach::import::word::ReportOutcome],
    root: &Path,
    dry_run: bool,
    format: Format,
    lang: Lang,
) -> ExitCode {
    let failed = outcomes.iter().filter(|o| o.errors() > 0).count();
    let diags: Vec<Diagnostic> = outcomes.iter().flat_map(|o| o.diagnostics.iter().cloned()).collect();
    let checked: Vec<Diagnostic> = outcomes.iter().flat_map(|o| o.check.iter().cloned()).collect();
    let written = outcomes.iter().filter(|o| o.written).count();
    match format {
        Format::Json => {
            let reports: Vec<serde_json::Value> = outcomes
                .iter()
                .map(|o| {
                    let errors = o.errors();
                    serde_json::json!({
                        "file": o.file,
                        "school": o.school.as_ref().map(|s| s.0.clone()),
                        "year": o.year.map(|y| y.to_string()),
                        "framework": o.framework,
                        "criteria": o.criteria,
                        "criteria_total": o.criteria_total,
                        "written": if o.written || (dry_run && errors == 0) { o.target.clone() } else { None },
                        "images": o.images,
                        "unchanged": o.unchanged,
                        "errors": errors,
                        "warnings": o.diagnostics.len() - errors,
                    })
                })
                .collect();
            let mut doc = serde_json::json!({
                "diagnostics": diags.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
                "reports": reports,
                "summary": {"files": outcomes.len(), "written": written, "failed": failed},
            });
            if written > 0 {
                let errors = count_errors(&checked);
                doc["check"] = serde_json::json!({
                    "diagnostics": checked.iter().map(|d| d.to_json(lang)).collect::<Vec<_>>(),
                    "summary": {"errors": errors, "warnings": checked.len() - errors},
                });
            }
            println!("{doc:#}");
        }
        Format::Github => {
            print!("{}", minhbach::check::github::render(&diags, root, lang));
            print!("{}", minhbach::check::github::render(&checked, root, lang));
        }
        Format::Human => {
            print_diagnostics(&diags, root, lang);
            for o in outcomes {
                let target = o.target.clone().unwrap_or_default();
                if o.errors() > 0 {
                    println!(
                        "{}",
                        msg!("import-word-stopped", file = o.file.as_str(), errors = o.errors()).render(lang)
                    );
                } else if o.unchanged {
                    println!("{}", msg!("import-word-unchanged", file = o.file.as_str(), target = target).render(lang));
                } else if dry_run {
                    println!("{}", msg!("import-word-dry-run", file = o.file.as_str(), target = target).render(lang));
                    if outcomes.len() == 1
                        && let Some(text) = &o.text
                    {
                        println!("{text}");
                    }
                } else {
                    println!(
                        "{}",
                        msg!(
                            "import-word-done",
                            file = o.file.as_str(),
                            target = target,
                            criteria = o.criteria,
                            total = o.criteria_total
                        )
                        .render(lang)
                    );
                }
            }
            if outcomes.len() > 1 {
                word_summary_table(outcomes, lang);
            }
            if !checked.is_empty() {
                println!("{}", msg!("import-word-check").render(lang));
                print_diagnostics(&checked, root, lang);
            }
        }
    }
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// The summary of `import reports`: file → school, year, framework, criteria found, findings.
fn word_summary_table(outcomes: &[minhbach::import::word::ReportOutcome], lang: Lang) {
    let rows: Vec<[String; 6]> = outcomes
        .iter()
        .map(|o| {
            let errors = o.errors();
            [
                o.file.clone(),
                o.school.as_ref().map_or("?".into(), |s| s.0.clone()),
                o.year.map_or("?".into(), |y| y.to_string()),
                o.framework.clone().unwrap_or_else(|| "?".into()),
                if o.criteria_total > 0 { format!("{}/{}", o.criteria, o.criteria_total) } else { "-".into() },
                format!("{errors} E, {} W", o.diagnostics.len() - errors),
            ]
        })
        .collect();
    let head = ["Tệp", "Trường", "Năm học", "Bộ tiêu chuẩn", "Tiêu chí", "Phát hiện"];
    let mut widths = head.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> =
            cells.iter().zip(widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
        println!("{}", padded.join("  ").trim_end());
    };
    println!();
    line(&head.map(String::from));
    for r in &rows {
        line(r);
    }
    let failed = outcomes.iter().filter(|o| o.errors() > 0).count();
    let written = outcomes.iter().filter(|o| o.written).count();
    println!(
        "{}",
        msg!("import-word-summary", files = outcomes.len(), written = written, failed = failed).render(lang)
    );
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(bar)
}

/// Shows an import step on the bar: a spinner while reading and matching, then a bar of the
/// files written.
fn show_step(bar: &indicatif::ProgressBar, step: minhbach::import::Step, file: &Path, lang: Lang) {
    use minhbach::import::Step;
    match step {
        Step::Reading => bar.set_message(msg!("import-progress-reading", file = file.display()).render(lang)),
        Step::Matching { schools } => bar.set_message(msg!("import-progress-matching", schools = schools).render(lang)),
        Step::Writing { done, total } => {
            if bar.length() != Some(total as u64) {
                bar.set_length(total as u64);
                bar.set_style(
                    indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar.set_message(msg!("import-progress-writing").render(lang));
            }
            bar.set_position(done as u64);
        }
    }
}
