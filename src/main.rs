//! The orgc command line: parse arguments, call the library, render, exit.
//!
//! Exit codes: 0 ok · 1 the policy is invalid · 2 usage or I/O problem ·
//! 101 a bug in orgc (the panic hook says so).

use clap::{Parser, Subcommand};
use orgc::diagnostics::render::Format;
use orgc::diagnostics::{suggest, Code, Lang, CODES};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

mod commands;

#[derive(Parser)]
#[command(
    name = "orgc",
    version,
    about = "Compile organisation policy: check .policy files, emit routing tables"
)]
struct Cli {
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
    Check {
        /// Folders or files (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output format for diagnostics.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Treat warnings as errors (exit 1 if there are any).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Compile a policy set to routing tables (JSON, CSV, SQLite) in DIR; writes
    /// nothing unless the set checks clean of errors.
    Build {
        /// Folders or files (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output folder.
        #[arg(short = 'o', long = "out", value_name = "DIR")]
        out: PathBuf,
        /// Start every CSV file with a UTF-8 byte-order mark, for Excel and WPS.
        #[arg(long)]
        excel: bool,
        /// Output format for diagnostics.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Who handles QUERY (an item id or name, an upstream office, a community
    /// name or code, a grid, a joint case, an event kind, a transfer …), and why.
    Route {
        query: String,
        /// Folders or files (default: the current folder).
        paths: Vec<PathBuf>,
        /// Only look for this kind of subject (item, office, community, …).
        #[arg(long)]
        kind: Option<String>,
        /// `human` or `json` (`plain` is the same as `human` without colour).
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Check the route expectations (`expect …`) of a policy set.
    Test {
        /// Folders or files (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output format for failures.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Explain a diagnostic code (e.g. `orgc explain E201`).
    Explain { code: String },
    /// List every diagnostic code.
    Codes,
    /// Panic on purpose, so that the test suite can show what a user sees
    /// when orgc has a bug (exit 101 and a plain message).
    #[command(hide = true, name = "__internal-panic")]
    InternalPanic,
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(
            std::io::stderr(),
            "orgc: internal error — this is a bug in orgc, not in your policy files.\n\
             Please report it with the command you ran. / orgc 内部错误，请报告此问题。\n{info}"
        );
        std::process::exit(101);
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let lang = match cli.lang.as_deref() {
        Some("zh") => Lang::Zh,
        Some(_) => Lang::En,
        None => std::env::var("LC_ALL")
            .ok()
            .filter(|s| !s.is_empty())
            .or_else(|| std::env::var("LANG").ok())
            .map(|l| Lang::from_locale(&l))
            .unwrap_or_default(),
    };
    let color = match cli.color.as_str() {
        "always" => true,
        "never" => false,
        _ => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => commands::check(paths, format, deny_warnings, lang, color),
        Command::Explain { code } => explain(&code, lang),
        Command::Build {
            paths,
            out,
            excel,
            format,
        } => commands::build(paths, &out, excel, format, lang, color),
        Command::Route {
            query,
            paths,
            kind,
            format,
        } => commands::route(&query, paths, kind, format, lang),
        Command::Test { paths, format } => commands::test(paths, format, lang, color),
        Command::InternalPanic => panic!("deliberate panic for the test suite"),
        Command::Codes => {
            let mut out = String::new();
            for c in CODES {
                let title = c
                    .explain(lang)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches('#')
                    .trim();
                // the title line reads `# E201: one item, one owner`
                let title = title
                    .trim_start_matches(c.code.as_str())
                    .trim_start_matches([':', '：'])
                    .trim();
                out.push_str(&format!(
                    "{:<5} {:<28} {}\n",
                    c.code.as_str(),
                    c.name,
                    title
                ));
            }
            emit(&out, false);
            ExitCode::SUCCESS
        }
    }
}

/// Write to stdout or stderr; a closed pipe (`orgc … | head`) ends quietly.
pub(crate) fn emit(text: &str, to_stderr: bool) {
    let result = if to_stderr {
        std::io::stderr().lock().write_all(text.as_bytes())
    } else {
        let mut out = std::io::stdout().lock();
        out.write_all(text.as_bytes()).and_then(|_| out.flush())
    };
    if let Err(e) = result {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let _ = writeln!(std::io::stderr(), "orgc: {e}");
        }
    }
}

fn explain(code: &str, lang: Lang) -> ExitCode {
    match Code::parse(code) {
        Some(c) => {
            emit(c.info().explain(lang), false);
            ExitCode::SUCCESS
        }
        None => {
            let names = CODES.iter().map(|c| c.code.as_str());
            let hint = suggest::did_you_mean(&code.to_ascii_uppercase(), names)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            emit(
                &format!("orgc: unknown code `{code}`{hint}; `orgc codes` lists them all\n"),
                true,
            );
            ExitCode::from(2)
        }
    }
}
