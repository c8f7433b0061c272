//! `orgc test`: the set's route expectations (`expect …`), ending with the
//! machine-readable line `N passed, N failed`.

use super::{compile, emit, invalid, options, report, Env};
use orgc::diagnostics::render::{self, Format};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Folders or files (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format for failures.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

pub fn run(args: Args, env: Env) -> ExitCode {
    let compiled = match compile(args.paths, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if args.format == Format::Json {
        return json(&compiled, env);
    }
    report(&compiled, args.format, env);
    if compiled.has_errors() {
        return invalid(&compiled);
    }
    let outcome = orgc::expect::run(&compiled.model, &compiled.derived);
    if !outcome.failures.is_empty() {
        // the failures without the `N error(s)` line: the summary is ours
        let failures = render::render_body(
            &outcome.failures,
            &compiled.sources,
            options(env, args.format),
        );
        emit(&failures, true);
    }
    emit(
        &format!("{} passed, {} failed\n", outcome.passed, outcome.failed),
        false,
    );
    if outcome.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One JSON document: the check's diagnostics and the failed expectations
/// together, and the counts.
fn json(compiled: &orgc::Compiled, env: Env) -> ExitCode {
    let outcome = if compiled.has_errors() {
        None
    } else {
        Some(orgc::expect::run(&compiled.model, &compiled.derived))
    };
    let mut diags = compiled.diagnostics.clone();
    if let Some(o) = &outcome {
        diags.extend(o.failures.iter().cloned());
    }
    let (passed, failed) = outcome.as_ref().map_or((0, 0), |o| (o.passed, o.failed));
    let counts = render::TestCounts { passed, failed };
    let text = render::json_document(&diags, &compiled.sources, env.lang, Some(counts));
    emit(&text, false);
    match outcome {
        None => invalid(compiled),
        Some(o) if o.failed > 0 => ExitCode::from(1),
        Some(_) => ExitCode::SUCCESS,
    }
}
