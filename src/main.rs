//! The orgc command line: parse arguments, call the library, render, exit.
//! Each command is a file under `src/cli/`.
//!
//! Exit codes: 0 ok · 1 the policy is invalid · 2 usage or I/O problem ·
//! 101 a bug in orgc (the panic hook says so).

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let text = orgc::diagnostics::Message::Panicked.render(cli::current_lang());
        let _ = writeln!(std::io::stderr(), "orgc: {text}\n{info}");
        std::process::exit(101);
    }));
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) if !e.use_stderr() => {
            // --help and --version: clap's own text, styled for the terminal
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // a usage error echoes the arguments it could not use: shown
            // through the one escaping function, never raw
            let text = orgc::text::escape_lines(&e.render().to_string());
            cli::emit(&text, true);
            return ExitCode::from(2);
        }
    };
    cli::run(args)
}
