//! `orgc build`: the routing tables of a set that checks clean of errors, for
//! machines (JSON, CSV, SQLite) and for people (a workbook and a lookup page,
//! in a document's language: `--lang`, else Chinese).

use super::{say, BasicFormat, Env};
use orgc::diagnostics::Message;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
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
    format: BasicFormat,
    /// Treat warnings as errors: write nothing (exit 1) if there are any.
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run(args: Args, env: Env) -> ExitCode {
    super::progress::allow(args.format != BasicFormat::Json);
    let compiled = match super::refused_unless_clean(args.paths, args.format.into(), env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // the process ends after this command: the memory is not freed piece by piece
    let compiled = std::mem::ManuallyDrop::new(compiled);
    if args.deny_warnings && !compiled.diagnostics.is_empty() {
        say(&Message::BuildRefusedWarnings, env);
        return ExitCode::from(1);
    }
    let writing = super::progress::Phase::start(&Message::ProgressWriting, env);
    let t = std::time::Instant::now();
    // the digest (one pass of SHA-256 over every file) while the tables are built
    let (digest, mut routes) = rayon::join(
        || orgc::emit::digest(&compiled.sources),
        || orgc::emit::routes::build(&compiled.model, &compiled.derived, ""),
    );
    routes.digest.clone_from(&digest);
    let routes = std::mem::ManuallyDrop::new(routes);
    orgc::timing::phase("routes", t);
    let t = std::time::Instant::now();
    let opts = orgc::emit::tables::Options {
        excel_bom: args.excel,
    };
    // the files for people, in a document's language (`--lang`, else Chinese),
    // like a report: they are read by the service hall, whatever the locale
    // of the machine that builds them; they are made and staged in the folder
    // (prepared first) while the tables are written
    if let Err(e) = orgc::emit::tables::begin(&args.out) {
        return cannot_write(&e, env);
    }
    let (people, staged) = orgc::emit::side_by_side(
        || {
            let t = std::time::Instant::now();
            let people = orgc::emit::people(
                &compiled.model,
                &compiled.derived,
                &routes,
                &compiled.sources,
                env.document_lang(),
                |name, bytes| orgc::emit::tables::stage_file(&args.out, name, &bytes),
            );
            orgc::timing::phase("people", t);
            people
        },
        || orgc::emit::tables::stage(&routes, &digest, &args.out, opts),
    );
    let people = match people {
        Ok(p) => p,
        Err(orgc::emit::PeopleError::Bug(error)) => {
            say(&Message::Internal { what: error }, env);
            return ExitCode::from(101);
        }
        Err(orgc::emit::PeopleError::Write(e)) => return cannot_write(&e, env),
    };
    let written = staged.and_then(|s| s.finish(people.files));
    orgc::timing::phase("write", t);
    drop(writing);
    for note in &people.notes {
        say(note, env);
    }
    match written {
        Ok(files) => {
            let wrote = Message::BuildWrote {
                files: files.len().into(),
                out: args.out.display().to_string(),
                items: routes.items.len().into(),
                communities: routes.communities.len().into(),
            };
            super::emit(&format!("{}\n", wrote.render(env.lang)), true);
            ExitCode::SUCCESS
        }
        Err(e) => cannot_write(&e, env),
    }
}

/// Say which file could not be written and why; exit 2.
fn cannot_write(e: &orgc::emit::tables::WriteError, env: Env) -> ExitCode {
    say(
        &Message::CannotWrite {
            path: e.0.display().to_string(),
            error: Box::new(match e.2 {
                Some(kind) => orgc::diagnostics::io_kind(kind, e.3),
                None => Message::IoOther,
            }),
        },
        env,
    );
    ExitCode::from(2)
}
