//! `orgc report`: the report of a set that checks clean of errors, as
//! Markdown, one self-contained HTML file, or JSON.

use super::{emit, say, Env};
use orgc::diagnostics::render::Format as DiagnosticFormat;
use orgc::diagnostics::Message;
use orgc::report::{self, Format};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
enum ReportFormat {
    /// Markdown.
    Md,
    /// One self-contained HTML file.
    Html,
    /// The figures as JSON, for machines.
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Folders or files (default: the current folder).
    paths: Vec<PathBuf>,
    /// The file to write (`.md`, `.html` or `.json`); standard output if not given.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    out: Option<PathBuf>,
    /// The format (default: from the extension of FILE, else Markdown).
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// An edited copy of the Markdown or HTML template (see docs/report.md).
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// List business groups under the modules in the org chart.
    #[arg(long)]
    groups: bool,
    /// Print the default template of the format (to edit a copy of it) and stop.
    #[arg(long)]
    show_template: bool,
}

pub fn run(args: Args, env: Env) -> ExitCode {
    let env = super::report_env(env);
    let format = match (args.format, &args.out) {
        (Some(ReportFormat::Md), _) => Format::Markdown,
        (Some(ReportFormat::Html), _) => Format::Html,
        (Some(ReportFormat::Json), _) => Format::Json,
        (None, None) => Format::Markdown,
        (None, Some(out)) => match Format::from_path(out) {
            Some(f) => f,
            None => {
                say(
                    &Message::ReportFormatUnknown {
                        path: out.display().to_string(),
                    },
                    env,
                );
                return ExitCode::from(2);
            }
        },
    };
    if args.show_template {
        return match format.default_template() {
            Some(t) => {
                emit(t, false);
                ExitCode::SUCCESS
            }
            None => {
                say(&Message::TemplateNotForJson, env);
                ExitCode::from(2)
            }
        };
    }
    let template = match &args.template {
        None => None,
        Some(_) if format == Format::Json => {
            say(&Message::TemplateNotForJson, env);
            return ExitCode::from(2);
        }
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => Some((path.display().to_string(), text)),
            Err(e) => {
                say(
                    &Message::CannotRead {
                        path: path.display().to_string(),
                        error: Box::new(orgc::diagnostics::io_error(&e)),
                    },
                    env,
                );
                return ExitCode::from(2);
            }
        },
    };
    let compiled = match super::refused_unless_clean(args.paths, DiagnosticFormat::Human, env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let data = report::build(
        &compiled.model,
        &compiled.derived,
        &compiled.diagnostics,
        &compiled.sources,
        env.lang,
    );
    let opts = report::Options {
        lang: env.lang,
        groups: args.groups,
    };
    let text = match report::render(
        &data,
        format,
        template.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
        opts,
    ) {
        Ok(t) => t,
        Err(e) => {
            let path = template
                .as_ref()
                .map(|(n, _)| n.clone())
                .unwrap_or_else(|| "report".to_string());
            say(
                &Message::TemplateError {
                    path,
                    error: e.to_string(),
                },
                env,
            );
            return ExitCode::from(2);
        }
    };
    let wrote = Message::ReportWrote {
        out: args
            .out
            .as_deref()
            .map(|o| o.display().to_string())
            .unwrap_or_default(),
        met: data.figures_met.into(),
        total: data.figures.len().into(),
    };
    super::print_or_write(&text, args.out.as_deref(), &wrote, env)
}
