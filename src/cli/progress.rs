//! A progress indicator on stderr for the phases of a long run (a province-size
//! set takes seconds): a spinner with the phase's name, drawn only when stderr
//! is a terminal, only for a command whose output is for people, and only once
//! the phase has taken about a second. Otherwise nothing at all is written.

use super::Env;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use orgc::diagnostics::Message;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Whether this run may show progress (set by the command, from its format).
static ALLOWED: AtomicBool = AtomicBool::new(false);

/// How long a phase runs before its indicator appears: about a second
/// (`ORGC_PROGRESS_DELAY_MS` changes it, for the tests).
fn delay() -> Duration {
    let ms = std::env::var("ORGC_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    Duration::from_millis(ms)
}

/// Let this run show progress if `for_people` (a human or plain format) and
/// stderr is a terminal.
pub fn allow(for_people: bool) {
    ALLOWED.store(
        for_people && std::io::stderr().is_terminal(),
        Ordering::Relaxed,
    );
}

/// One phase; its indicator (if it was drawn) is cleared when it is dropped.
pub struct Phase(Option<ProgressBar>);

impl Phase {
    /// Start a phase named by `what`, in the run's language.
    pub fn start(what: &Message, env: Env) -> Phase {
        if !ALLOWED.load(Ordering::Relaxed) {
            return Phase(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(what.render(env.lang));
        bar.enable_steady_tick(Duration::from_millis(120));
        let shown = bar.clone();
        let delay = delay();
        // drawn only if the phase is still running after the delay
        std::thread::spawn(move || {
            std::thread::sleep(delay);
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.tick();
            }
        });
        Phase(Some(bar))
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
