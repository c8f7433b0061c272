//! `orgc test`: the set's route expectations (`expect …`), ending with the
//! machine-readable line `N passed, N failed`.

use super::{ci_context, compile, emit, invalid, options, report, Env};
use orgc::diagnostics::ci;
use orgc::diagnostics::render::{self, Format};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Folders or files (default: the current folder).
    paths: Vec<PathBuf>,
    /// Output format for failures: human, plain, json, or for CI: sarif,
    /// github, gitlab, junit (a test case per expectation), json-lines.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

pub fn run(args: Args, env: Env) -> ExitCode {
    let compiled = match compile(args.paths, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if args.format.is_document() {
        return document(&compiled, args.format, env);
    }
    report(&compiled, args.format, env, false);
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
    // in Chinese, a line for people first; the last line is always the
    // machine-readable one
    if env.lang == orgc::diagnostics::Lang::Zh {
        let summary = orgc::diagnostics::Message::TestSummary {
            passed: outcome.passed.into(),
            failed: outcome.failed.into(),
        };
        emit(&format!("{}\n", summary.render(env.lang)), false);
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

/// One machine format's output on stdout: the check's diagnostics and the
/// failed expectations together, and the counts. JSON, SARIF and JUnit hold
/// the counts themselves; for the others the `N passed, N failed` line
/// follows (on stdout for `github`, whose stdout is the job's log; on
/// stderr for `gitlab` and `json-lines`, whose stdout is data).
fn document(compiled: &orgc::Compiled, format: Format, env: Env) -> ExitCode {
    let outcome = if compiled.has_errors() {
        None
    } else {
        Some(orgc::expect::run(&compiled.model, &compiled.derived))
    };
    let not_run;
    let cases = match &outcome {
        Some(o) => &o.cases,
        None => {
            not_run = orgc::expect::not_run(&compiled.model);
            &not_run
        }
    };
    let report = ci::Report {
        diagnostics: &compiled.diagnostics,
        tests: Some(cases),
    };
    let root = std::env::current_dir().ok();
    let ctx = ci_context(env, root.as_deref(), false);
    emit(&ci::render(format, &report, &compiled.sources, &ctx), false);
    let (passed, failed) = report.counts();
    match format {
        Format::Json | Format::Sarif | Format::Junit => {}
        Format::Github => emit(&format!("{passed} passed, {failed} failed\n"), false),
        _ => emit(&format!("{passed} passed, {failed} failed\n"), true),
    }
    match outcome {
        None => invalid(compiled),
        Some(o) if o.failed > 0 => ExitCode::from(1),
        Some(_) => ExitCode::SUCCESS,
    }
}
