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
    let paths = args.paths.clone();
    super::progress::allow(matches!(args.format, Format::Human | Format::Plain));
    let compiled = match compile(args.paths, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // the process ends after this command: freeing a million items one by one
    // would only cost time (the operating system takes the memory back at once)
    let compiled = std::mem::ManuallyDrop::new(compiled);
    if !args.format.is_document() {
        if let Some(hint) = one_file_of_a_set(&paths, &compiled) {
            // first: it explains every unknown name below
            emit(&format!("{}\n\n", hint.render(env.lang)), true);
        }
    }
    report(&compiled, args.format, env, args.deny_warnings);
    if compiled.has_errors() {
        return invalid(&compiled);
    }
    let warnings = compiled.diagnostics.len();
    if args.deny_warnings && warnings > 0 {
        if !args.format.is_document() {
            let line = Message::WarningsDenied {
                warnings: warnings.into(),
            };
            emit(&format!("{}\n", line.render(env.lang)), true);
        }
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

/// When files were named one by one, names they use are unknown (E102) and
/// their folders hold other policy files: the line that says the names come
/// from the rest of the set, with the command that checks it. orgc checks
/// what it was asked to (a folder of separate examples is not one set), and
/// says so in one line rather than guess.
fn one_file_of_a_set(paths: &[PathBuf], compiled: &orgc::Compiled) -> Option<Message> {
    if !compiled
        .diagnostics
        .iter()
        .any(|d| d.code == orgc::diagnostics::Code::E102)
    {
        return None;
    }
    let canonical = |p: &PathBuf| p.canonicalize().unwrap_or_else(|_| p.clone());
    let named: Vec<PathBuf> = compiled
        .sources
        .iter()
        .map(|(_, f)| canonical(&f.path))
        .collect();
    let files: Vec<&PathBuf> = paths.iter().filter(|p| p.is_file()).collect();
    let first = files.first()?;
    let folder = match first.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let others = orgc::driver::find_files(std::slice::from_ref(&folder))
        .ok()?
        .into_iter()
        .filter(|p| !named.contains(&canonical(p)))
        .count();
    if others == 0 {
        return None;
    }
    Some(Message::OneFileOfSet {
        file: first.display().to_string(),
        others: others.into(),
        command: format!("orgc check {}", folder.display()),
    })
}
