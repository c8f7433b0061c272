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
    allocator::keep_freed_memory();
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

/// How the allocator is tuned for a run that ends when its command does.
mod allocator {
    /// `mi_option_purge_delay` in mimalloc's `mi_option_t` (the same number in
    /// its v2 and v3 headers; libmimalloc-sys does not name it).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

    /// Keep memory that was freed for the next allocation instead of giving it
    /// back to the OS (mimalloc's "purge"). mimalloc's default suits a
    /// long-lived process; orgc's run is one command, and at a million items
    /// the memory given back was taken again, each page a fresh zeroed
    /// (huge) page: 6,262 page faults instead of 846 in `orgc check`, and
    /// 1.5 s of kernel time instead of 0.4. `MIMALLOC_PURGE_DELAY` in the
    /// environment still decides, as mimalloc documents.
    pub fn keep_freed_memory() {
        // SAFETY: sets one integer option of the allocator, which mimalloc
        // allows at any time and reads on each purge decision.
        unsafe { libmimalloc_sys::mi_option_set_default(PURGE_DELAY, -1) }
    }

    #[cfg(test)]
    mod tests {
        use super::PURGE_DELAY;

        #[test]
        fn the_option_set_is_the_purge_delay() {
            // purge_delay is the option whose default is 1000 (ms); its
            // neighbours' defaults are 1 (14) and 0 (16)
            if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
                // SAFETY: reads one integer option.
                let value = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
                assert_eq!(value, 1000);
            }
        }
    }
}
