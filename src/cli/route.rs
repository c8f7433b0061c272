//! `orgc route QUERY`: who handles something, and why.

use super::{checked, emit, say, BasicFormat, Env};
use orgc::diagnostics::render::Format;
use orgc::diagnostics::Message;
use orgc::emit::{answer, route};
use orgc::vocab::SubjectKind;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    query: String,
    /// Folders or files (default: the current folder).
    paths: Vec<PathBuf>,
    /// Only look for this kind of subject (item, office, community, …).
    #[arg(long)]
    kind: Option<String>,
    /// For an event kind: the community or grid it is raised in; the answer
    /// is its dispatch there (who responds, which team is sent, the tier).
    #[arg(long, value_name = "PLACE")]
    at: Option<String>,
    /// `human` or `json` (`plain` is the same as `human` without colour).
    #[arg(long, value_enum, default_value = "human")]
    format: BasicFormat,
}

pub fn run(args: Args, env: Env) -> ExitCode {
    let kind = match args.kind.as_deref().map(|k| (k, SubjectKind::parse(k))) {
        None => None,
        Some((_, Some(kind))) => Some(kind),
        Some((k, None)) => {
            say(
                &Message::UnknownSubjectKind {
                    kind: k.to_string(),
                    kinds: SubjectKind::spellings(),
                },
                env,
            );
            return ExitCode::from(2);
        }
    };
    let compiled = match checked(args.paths, Format::Plain, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let (m, d, sources) = (&compiled.model, &compiled.derived, &compiled.sources);
    // `--at` asks about an event kind raised in a place
    let kind = if args.at.is_some() {
        Some(SubjectKind::Event)
    } else {
        kind
    };
    let found = route::find(m, &args.query, kind);
    if found.is_empty() {
        say(&answer::not_found(m, &args.query, kind), env);
        return ExitCode::from(2);
    }
    let answers: Vec<route::Answer> = match &args.at {
        None => found.into_iter().map(|s| route::answer(m, d, s)).collect(),
        Some(at) => {
            let places = route::places(m, at);
            if places.is_empty() {
                say(&answer::not_found(m, at, Some(SubjectKind::Community)), env);
                return ExitCode::from(2);
            }
            route::dispatches(m, d, &found, &places)
        }
    };
    let text = match args.format {
        BasicFormat::Json => answer::json(&args.query, &answers, sources, env.lang),
        BasicFormat::Human | BasicFormat::Plain => answer::human(&answers, sources, env.lang),
    };
    emit(&text, false);
    ExitCode::SUCCESS
}
