//! `orgc diff OLD NEW`: what a change to a policy set changes.

use super::{emit, say, Env};
use orgc::diagnostics::Message;
use orgc::diff::side::{Side, SideError};
use orgc::diff::{self, render, Class};
use std::process::ExitCode;

/// How the diff is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For a terminal or a log.
    Text,
    /// For machines.
    Json,
    /// For a merge-request comment: the summary on top, the details folded.
    Markdown,
}

/// Which changes fail the run (exit 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A removal without replacement, a cap crossed, a community or an item
    /// left without anyone to handle it.
    Breaking,
    /// Any change but an addition.
    Notable,
    /// Nothing: always exit 0 when both sides can be read.
    Never,
}

#[derive(clap::Args)]
pub struct Args {
    /// The old side: a folder, or `git:REV[:PATH]` of the repository here.
    old: String,
    /// The new side: a folder, or `git:REV[:PATH]`.
    new: String,
    /// `text`, `json` or `markdown`.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Which changes make the run fail (exit 1).
    #[arg(long, value_enum, default_value = "breaking")]
    fail_on: FailOn,
}

/// A side as compiled, or exit 2 after saying why it could not be read.
fn loaded(side: Result<orgc::Compiled, SideError>, env: Env) -> Result<orgc::Compiled, ExitCode> {
    side.map_err(|e| {
        let message = match e {
            SideError::Load(e) => e.message(),
            SideError::NoRevision { rev, detail } => Message::DiffNoRevision {
                rev,
                detail: if detail.is_empty() {
                    String::new()
                } else {
                    format!(" ({detail})")
                },
            },
            SideError::NoPolicyFiles { rev, path } => Message::DiffNoPolicyFilesAt { rev, path },
            SideError::Git(error) => Message::DiffGit { error },
        };
        say(&message, env);
        ExitCode::from(2)
    })
}

pub fn run(args: Args, env: Env) -> ExitCode {
    let (old_side, new_side) = (Side::parse(&args.old), Side::parse(&args.new));
    // the two sides are compiled at once
    let (old, new) = rayon::join(|| old_side.compile(), || new_side.compile());
    let old = match loaded(old, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let new = match loaded(new, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // the process ends after this command: the two sets are not freed piece by piece
    let (old, new) = (
        std::mem::ManuallyDrop::new(old),
        std::mem::ManuallyDrop::new(new),
    );
    let d = diff::between(&old, &new);
    let (o, n) = (old_side.describe(), new_side.describe());
    let lang = env.document_lang();
    let text = match args.format {
        Format::Text => render::text(&d, &o, &n, lang),
        Format::Json => render::json(&d, &o, &n, lang),
        Format::Markdown => render::markdown(&d, &o, &n, lang),
    };
    emit(&text, false);
    let fails = match (args.fail_on, d.worst()) {
        (FailOn::Never, _) | (_, None) => false,
        (FailOn::Breaking, Some(w)) => w == Class::Breaking,
        (FailOn::Notable, Some(w)) => w >= Class::Notable,
    };
    if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
