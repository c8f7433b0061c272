//! The commands and their arguments (clap), and what they share: the reader's
//! language, colour, loading and checking a set, and printing.

use clap::{Parser, Subcommand};
use orgc::diagnostics::ci;
use orgc::diagnostics::render::{Format, Options};
use orgc::diagnostics::{Code, Lang, Message};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

mod build;
mod check;
mod diff;
mod explain;
mod graph;
pub mod help;
mod man;
mod progress;
mod report;
mod route;
mod test;

#[derive(Parser)]
#[command(
    name = "orgc",
    version,
    about = "Compile organisation policy: check .policy files, emit routing tables"
)]
pub struct Cli {
    /// Language of messages (default: from LANG; zh for a zh_* locale).
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    lang: Option<String>,
    /// When to use colour in the human format.
    #[arg(long, global = true, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a policy set: every *.policy file in the folders given, and the files given.
    Check(check::Args),
    /// Compile a policy set to routing tables (JSON, CSV, SQLite) in DIR, with a
    /// workbook (routes.xlsx) and a lookup page (lookup.html) for people; writes
    /// nothing unless the set checks clean of errors.
    Build(build::Args),
    /// Who handles QUERY (an item id or name, an upstream office, a community
    /// name or code, a grid, a joint case, an event kind, a transfer …), and why.
    Route(route::Args),
    /// Check the route expectations (`expect …`) of a policy set.
    Test(test::Args),
    /// What changes between two versions of a policy set (folders, or git
    /// revisions as `git:REV[:PATH]`): the summary, the details by kind, the
    /// route changes, and what breaks.
    Diff(diff::Args),
    /// A report of the set for people: figures against targets, load per
    /// department, coverage, the org chart (Markdown, HTML or JSON; Chinese
    /// unless --lang en).
    Report(report::Args),
    /// The org structure, the upstream-office mapping or the community
    /// hierarchy as DOT, Mermaid or SVG.
    Graph(graph::Args),
    /// Explain a diagnostic code (e.g. `orgc explain E201`).
    Explain { code: String },
    /// List every diagnostic code.
    Codes,
    /// Write a shell completion script to standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages as roff.
    Man {
        /// The folder to write the pages into.
        dir: Option<PathBuf>,
    },
    /// Panic on purpose, so that the test suite can show what a user sees
    /// when orgc has a bug (exit 101 and a plain message).
    #[command(hide = true, name = "__internal-panic")]
    InternalPanic,
}

/// What every command needs to know about how to speak.
#[derive(Clone, Copy)]
pub struct Env {
    pub lang: Lang,
    pub color: bool,
    /// Whether `--lang` was given (else `lang` is the locale's).
    pub lang_given: bool,
}

impl Env {
    /// The language of a document for people (a report, a graph, a diff):
    /// `--lang` if given, else Chinese — they are written for a Chinese reform
    /// office, whatever the locale of the machine that makes them.
    pub fn document_lang(self) -> Lang {
        if self.lang_given {
            self.lang
        } else {
            Lang::Zh
        }
    }
}

/// The environment of a report or a graph: the whole run speaks the
/// document's language.
pub fn report_env(env: Env) -> Env {
    Env {
        lang: env.document_lang(),
        ..env
    }
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// The language of this run, once arguments are parsed (else the locale's).
pub fn current_lang() -> Lang {
    LANG.get().copied().unwrap_or_else(locale_lang)
}

fn locale_lang() -> Lang {
    std::env::var("LC_ALL")
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("LANG").ok())
        .map(|l| Lang::from_locale(&l))
        .unwrap_or_default()
}

pub fn run(cli: Cli) -> ExitCode {
    let lang = match cli.lang.as_deref() {
        Some("zh") => Lang::Zh,
        Some(_) => Lang::En,
        None => locale_lang(),
    };
    let _ = LANG.set(lang);
    let color = match cli.color.as_str() {
        "always" => true,
        "never" => false,
        _ => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let env = Env {
        lang,
        color,
        lang_given: cli.lang.is_some(),
    };
    let code = match cli.command {
        Command::Check(args) => check::run(args, env),
        Command::Build(args) => build::run(args, env),
        Command::Route(args) => route::run(args, env),
        Command::Test(args) => test::run(args, env),
        Command::Diff(args) => diff::run(args, env),
        Command::Report(args) => report::run(args, env),
        Command::Graph(args) => graph::run(args, env),
        Command::Explain { code } => explain::explain(&code, env),
        Command::Codes => explain::codes(env),
        Command::Completions { shell } => man::completions(shell, env),
        Command::Man { dir } => man::man(dir.as_deref(), env),
        Command::InternalPanic => panic!("deliberate panic for the test suite"),
    };
    if OUTPUT_FAILED.load(std::sync::atomic::Ordering::SeqCst) {
        ExitCode::from(2)
    } else {
        code
    }
}

/// Set when a write to stdout or stderr failed: the run then exits 2.
static OUTPUT_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Write to stdout or stderr; a closed pipe (`orgc … | head`) ends quietly.
/// Any other failure (a full disk, `> /dev/full`) is said on stderr and makes
/// the run exit 2, whatever the command found.
pub fn emit(text: &str, to_stderr: bool) {
    let result = if to_stderr {
        let mut err = std::io::stderr().lock();
        err.write_all(text.as_bytes()).and_then(|_| err.flush())
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|_| out.flush())
    };
    if let Err(e) = result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            OUTPUT_FAILED.store(true, std::sync::atomic::Ordering::SeqCst);
            if !to_stderr {
                let message = Message::CannotWriteStdout {
                    error: Box::new(orgc::diagnostics::io_error(&e)),
                };
                let _ = writeln!(
                    std::io::stderr(),
                    "orgc: {}",
                    message.render(current_lang())
                );
            }
        }
    }
}

/// A document for people: to stdout, or written atomically to `out` and
/// then `wrote` said on stderr. Exit 2 when it cannot be written.
pub fn print_or_write(text: &str, out: Option<&Path>, wrote: &Message, env: Env) -> ExitCode {
    match out {
        None => {
            emit(text, false);
            ExitCode::SUCCESS
        }
        Some(out) => match orgc::emit::write_atomic(out, text.as_bytes()) {
            Ok(()) => {
                emit(&format!("{}\n", wrote.render(env.lang)), true);
                ExitCode::SUCCESS
            }
            Err(e) => cannot_write(out, &e, env),
        },
    }
}

/// `orgc: cannot write PATH: …` on stderr, in the run's words; the run exits 2.
pub fn cannot_write(path: &Path, e: &std::io::Error, env: Env) -> ExitCode {
    say(
        &Message::CannotWrite {
            path: path.display().to_string(),
            error: Box::new(orgc::diagnostics::io_error(e)),
        },
        env,
    );
    ExitCode::from(2)
}

/// `orgc: MESSAGE` on stderr.
pub fn say(message: &Message, env: Env) {
    emit(&format!("orgc: {}\n", message.render(env.lang)), true);
}

/// The paths to read: the current folder when none are given.
pub fn default_paths(paths: Vec<PathBuf>) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths
    }
}

pub fn options(env: Env, format: Format) -> Options {
    Options {
        lang: env.lang,
        format,
        color: env.color,
        width: orgc::diagnostics::render::stderr_width(),
    }
}

/// Load and compile the set; `Err` (exit 2, said) when it cannot be read.
pub fn compile(paths: Vec<PathBuf>, env: Env) -> Result<orgc::Compiled, ExitCode> {
    let _phase = progress::Phase::start(&Message::ProgressChecking, env);
    orgc::compile(&default_paths(paths)).map_err(|e| {
        say(&e.message(), env);
        ExitCode::from(2)
    })
}

/// The formats of `orgc build` and `orgc route`: the three of our own (the
/// CI formats are for `orgc check` and `orgc test`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum BasicFormat {
    /// For people.
    Human,
    /// One line per diagnostic and per label.
    Plain,
    /// One JSON document.
    Json,
}

impl From<BasicFormat> for Format {
    fn from(f: BasicFormat) -> Format {
        match f {
            BasicFormat::Human => Format::Human,
            BasicFormat::Plain => Format::Plain,
            BasicFormat::Json => Format::Json,
        }
    }
}

/// How the CI formats are written in this run: paths relative to the
/// working folder (CI runs orgc from the repository's root).
pub fn ci_context(env: Env, root: Option<&Path>, deny_warnings: bool) -> ci::Context<'_> {
    ci::Context {
        lang: env.lang,
        root,
        deny_warnings,
    }
}

/// Print the diagnostics in `format`: lines for people on stderr (nothing
/// when there are none), a machine format's document on stdout (even when
/// there are none).
pub fn report(compiled: &orgc::Compiled, format: Format, env: Env, deny_warnings: bool) {
    if format.is_document() {
        let root = std::env::current_dir().ok();
        let report = ci::Report {
            diagnostics: &compiled.diagnostics,
            tests: None,
        };
        let ctx = ci_context(env, root.as_deref(), deny_warnings);
        emit(&ci::render(format, &report, &compiled.sources, &ctx), false);
    } else if !compiled.diagnostics.is_empty() {
        let phase = progress::Phase::start(&Message::ProgressReporting, env);
        let text = orgc::diagnostics::elide::render(
            &compiled.diagnostics,
            &compiled.sources,
            options(env, format),
        );
        drop(phase);
        emit(&text, true);
    }
}

/// The exit code for a set with errors: 101 when one of them is orgc's own
/// (E000), 1 otherwise.
pub fn invalid(compiled: &orgc::Compiled) -> ExitCode {
    if compiled.diagnostics.iter().any(|d| d.code == Code::E000) {
        ExitCode::from(101)
    } else {
        ExitCode::from(1)
    }
}

/// Compile and report; the result only if it has no errors.
pub fn checked(paths: Vec<PathBuf>, format: Format, env: Env) -> Result<orgc::Compiled, ExitCode> {
    let compiled = compile(paths, env)?;
    report(&compiled, format, env, false);
    if compiled.has_errors() {
        return Err(invalid(&compiled));
    }
    Ok(compiled)
}

/// `checked` for a command that writes files: when the set has errors it
/// also says that nothing was written.
pub fn refused_unless_clean(
    paths: Vec<PathBuf>,
    format: Format,
    env: Env,
) -> Result<orgc::Compiled, ExitCode> {
    checked(paths, format, env).inspect_err(|code| {
        if *code != ExitCode::from(2) {
            say(&Message::BuildRefused, env);
        }
    })
}
