//! `orgc graph`: the org structure, the upstream-office mapping or the
//! community hierarchy of a set that checks clean of errors, as DOT,
//! Mermaid or SVG (laid out by orgc).

use super::{say, Env};
use orgc::diagnostics::render::Format as DiagnosticFormat;
use orgc::diagnostics::Message;
use orgc::report::graph::{self, View};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum GraphFormat {
    /// Graphviz DOT (lay it out with `dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// SVG, laid out by orgc.
    Svg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ViewArg {
    /// City → categories → departments → modules.
    Org,
    /// Modules and the upstream offices they answer.
    Upstream,
    /// City → central communities → communities.
    Communities,
}

#[derive(clap::Args)]
pub struct Args {
    /// Folders or files (default: the current folder).
    paths: Vec<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value = "dot")]
    format: GraphFormat,
    /// What to draw.
    #[arg(long, value_enum, default_value = "org")]
    view: ViewArg,
    /// The org view lists business groups under the modules.
    #[arg(long)]
    groups: bool,
    /// The communities view lists grids under the communities.
    #[arg(long)]
    grids: bool,
    /// The file to write; standard output if not given.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: Args, env: Env) -> ExitCode {
    let env = super::report_env(env);
    let misplaced = match (args.view, args.groups, args.grids) {
        (ViewArg::Org, _, true) | (ViewArg::Upstream, _, true) => Some(("--grids", "communities")),
        (ViewArg::Upstream, true, _) | (ViewArg::Communities, true, _) => Some(("--groups", "org")),
        _ => None,
    };
    if let Some((option, view)) = misplaced {
        say(
            &Message::OptionNotForView {
                option: option.to_string(),
                view: view.to_string(),
            },
            env,
        );
        return ExitCode::from(2);
    }
    let compiled = match super::refused_unless_clean(args.paths, DiagnosticFormat::Human, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let view = match args.view {
        ViewArg::Org => View::Org,
        ViewArg::Upstream => View::Upstream,
        ViewArg::Communities => View::Communities,
    };
    let opts = graph::Options {
        lang: env.lang,
        groups: args.groups,
        grids: args.grids,
    };
    let (m, d) = (&compiled.model, &compiled.derived);
    let text = match args.format {
        GraphFormat::Dot => graph::dot(m, d, view, opts),
        GraphFormat::Mermaid => graph::mermaid(m, d, view, opts),
        GraphFormat::Svg => graph::svg(m, d, view, opts),
    };
    let wrote = Message::GraphWrote {
        out: args
            .out
            .as_deref()
            .map(|o| o.display().to_string())
            .unwrap_or_default(),
    };
    super::print_or_write(&text, args.out.as_deref(), &wrote, env)
}
