//! The orgc command line: parse arguments, call the library, render, exit.
//! Each command is a file under `src/cli/`.
//!
//! Exit codes: 0 ok · 1 the policy is invalid · 2 usage or I/O problem ·
//! 101 a bug in orgc (the panic hook says so).

use std::io::Write;
use std::process::ExitCode;

mod cli;

/// mimalloc rather than the system allocator: a large set is millions of small
/// strings, and glibc's malloc and free were a third of a check's time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let text = orgc::diagnostics::Message::Panicked.render(cli::current_lang());
        let _ = writeln!(std::io::stderr(), "orgc: {text}\n{info}");
        std::process::exit(101);
    }));
    let args = match cli::help::parse(std::env::args_os().collect()) {
        Ok(args) => args,
        Err(code) => return code,
    };
    cli::run(args)
}
