//! `orgc check`: report every problem of a policy set.

use super::{compile, emit, invalid, report, Env};
use orgc::diagnostics::render::Format;
use orgc::diagnostics::Message;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Folders or files (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format for diagnostics: human, plain, json, or for CI: sarif,
    /// github (workflow commands), gitlab (Code Quality), junit, json-lines.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Treat warnings as errors (exit 1 if there are any).
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: Args, env: Env) -> ExitCode {
    super::progress::allow(matches!(args.format, Format::Human | Format::Plain));
    let compiled = match compile(args.paths, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // the process ends after this command: freeing a million items one by one
    // would only cost time (the operating system takes the memory back at once)
    let compiled = std::mem::ManuallyDrop::new(compiled);
    report(&compiled, args.format, env, args.deny_warnings);
    if compiled.has_errors() {
        return invalid(&compiled);
    }
    let warnings = compiled.diagnostics.len();
    if args.deny_warnings && warnings > 0 {
        return ExitCode::from(1);
    }
    if args.format != Format::Json {
        let m = &compiled.model;
        let ok = Message::CheckOk {
            files: compiled.sources.len().into(),
            departments: m.departments.len().into(),
            items: m.items.len().into(),
            communities: m.communities().count().into(),
            rules: m.rules.len().into(),
        };
        let ok = if warnings == 0 {
            ok
        } else {
            Message::CheckOkWithWarnings {
                ok: Box::new(ok),
                warnings: warnings.into(),
            }
        };
        // stderr: a one-line verdict, not data
        emit(&format!("{}\n", ok.render(env.lang)), true);
    }
    ExitCode::SUCCESS
}
