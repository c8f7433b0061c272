//! A real browser for the tests of the pages orgc writes (the report, the
//! lookup page, the SVG graphs): Debian's Chromium, run headless.
//!
//! A page is opened from a `file://` URL, its scripts run (with a virtual-time
//! budget, so that timers and search-as-you-type settle), and the DOM as the
//! scripts left it is returned. Pages report their own script errors: each page
//! orgc writes records any `error` event in `document.documentElement.dataset.errors`,
//! so a test can read them from the DOM.
//!
//! Without a browser the tests skip with a message, except in CI (`CI=true`),
//! where a missing browser fails them: `.ci/run` installs one.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where Chromium is: `ORGC_CHROMIUM`, or the usual binary names on `PATH`.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ORGC_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// The browser, or `None` after saying why the test is skipped. In CI a
/// missing browser is a failure, not a skip.
pub fn browser_or_skip(test: &str) -> Option<PathBuf> {
    match chromium() {
        Some(b) => Some(b),
        None if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("{test}: no Chromium found in CI (set ORGC_CHROMIUM or install the `chromium` package)")
        }
        None => {
            eprintln!(
                "SKIPPED {test}: no Chromium found (install Debian's `chromium`, or set ORGC_CHROMIUM)"
            );
            None
        }
    }
}

/// The common flags: headless, no sandbox (CI runs as root), no network, no GPU.
fn base(browser: &Path, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
        // the pages must work offline: any network request is refused
        "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// `file://` URL of a local file, with an optional `#fragment`.
pub fn file_url(path: &Path, fragment: &str) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'/' | b'-' | b'_' | b'.' | b'~' | b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    if !fragment.is_empty() {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

/// The DOM of `url` after its scripts have run.
pub fn dump_dom(browser: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().expect("a browser profile folder");
    let out = base(browser, profile.path())
        .args(["--virtual-time-budget=5000", "--dump-dom"])
        .arg(url)
        .output()
        .expect("Chromium runs");
    assert!(
        out.status.success(),
        "Chromium failed on {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PNG screenshot of `url` at `width`×`height`, written to `png`.
pub fn screenshot(browser: &Path, url: &str, png: &Path, width: u32, height: u32) {
    let profile = tempfile::tempdir().expect("a browser profile folder");
    let out = base(browser, profile.path())
        .args(["--virtual-time-budget=5000"])
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(url)
        .output()
        .expect("Chromium runs");
    assert!(
        out.status.success() && png.is_file(),
        "Chromium could not take a screenshot of {url}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The script errors a page recorded (see the module comment); empty when none.
pub fn script_errors(dom: &str) -> String {
    let Some(at) = dom.find("data-errors=\"") else {
        return String::new();
    };
    let rest = &dom[at + "data-errors=\"".len()..];
    rest[..rest.find('"').unwrap_or(rest.len())].to_string()
}
