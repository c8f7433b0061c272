//! Helpers shared by the end-to-end tests: running the real binary and
//! copying policy sets.
#![allow(dead_code, reason = "each test file uses a different part")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a helper that cannot run the binary or copy a fixture should fail the test loudly"
)]

pub mod browser;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Run the real `orgc` binary, with no locale from the environment.
pub fn orgc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgc"))
        .args(args)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("orgc runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn longgang() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/longgang")
}

/// A copy of the folder `from` with one more file `name` holding `text`.
pub fn copy_with(from: &Path, name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    // the policy files (a set may keep its sources in a sub-folder)
    for e in std::fs::read_dir(from).unwrap().flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
        }
    }
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

/// A fixture's policy files, sorted: the file itself, or every `*.policy` in
/// a fixture folder (for diagnostics that span files).
pub fn fixture_files(path: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<std::path::PathBuf> = if path.is_dir() {
        std::fs::read_dir(path)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "policy"))
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    files.sort();
    files
}

/// xorshift64*, seeded: small, deterministic, good enough to pick mutations
/// and generate sets; a failure reproduces from its seed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}
