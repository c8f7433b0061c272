//! One side of a diff: a folder (or files) on disk, or a git revision of the
//! repository the command runs in (`git:REV` or `git:REV:PATH`).
//!
//! A revision is read with `git ls-tree` and `git cat-file`, so the working
//! tree, the index and HEAD are never touched, and a shallow clone works as
//! long as the revision itself is present.

use crate::driver::{self, Checks, Compiled, LoadError};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where a side comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Side {
    /// Folders or files on disk.
    Paths(Vec<PathBuf>),
    /// A revision, and the folder within the repository (relative to the
    /// current folder; empty: the current folder).
    Git {
        /// The revision as written (`main`, `HEAD~1`, a hash).
        rev: String,
        /// The folder, relative to the current folder.
        path: String,
    },
}

/// Why a side could not be read.
#[derive(Debug)]
pub enum SideError {
    /// Reading files from disk failed.
    Load(LoadError),
    /// The revision is not in this repository (or this is no repository).
    NoRevision {
        /// The revision asked for.
        rev: String,
        /// What git said.
        detail: String,
    },
    /// The revision has no `.policy` file in that folder.
    NoPolicyFiles {
        /// The revision.
        rev: String,
        /// The folder.
        path: String,
    },
    /// git could not be run, or failed reading a file.
    Git(String),
}

impl Side {
    /// `git:REV[:PATH]`, or a path.
    pub fn parse(arg: &str) -> Side {
        match arg.strip_prefix("git:") {
            Some(rest) => {
                let (rev, path) = rest.split_once(':').unwrap_or((rest, ""));
                Side::Git {
                    rev: rev.to_string(),
                    path: path.trim_matches('/').to_string(),
                }
            }
            None => Side::Paths(vec![PathBuf::from(arg)]),
        }
    }

    /// Compile the side into a model. The checks are not run: a diff
    /// compares models, and `orgc check` judges them.
    pub fn compile(&self) -> Result<Compiled, SideError> {
        match self {
            Side::Paths(p) => driver::compile_with(p, Checks::Skip).map_err(SideError::Load),
            Side::Git { rev, path } => {
                let files = git_files(rev, path)?;
                let refs: Vec<(&str, &[u8])> = files
                    .iter()
                    .map(|(n, b)| (n.as_str(), b.as_slice()))
                    .collect();
                Ok(driver::compile_files_with(&refs, Checks::Skip))
            }
        }
    }

    /// The side as a person wrote it.
    pub fn describe(&self) -> String {
        match self {
            Side::Paths(p) => p
                .iter()
                .map(|x| x.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            Side::Git { rev, path } if path.is_empty() => format!("git:{rev}"),
            Side::Git { rev, path } => format!("git:{rev}:{path}"),
        }
    }
}

fn git(args: &[&str]) -> Result<std::process::Output, SideError> {
    Command::new("git")
        .args(args)
        .output()
        .map_err(|e| SideError::Git(e.to_string()))
}

/// The `.policy` files directly in `path` at `rev`, as (name shown in
/// diagnostics, bytes).
fn git_files(rev: &str, path: &str) -> Result<Vec<(String, Vec<u8>)>, SideError> {
    let commit = format!("{rev}^{{commit}}");
    let found = git(&["rev-parse", "--verify", "--quiet", &commit])?;
    if !found.status.success() {
        let detail = String::from_utf8_lossy(&found.stderr).trim().to_string();
        return Err(SideError::NoRevision {
            rev: rev.to_string(),
            detail,
        });
    }
    let hash = String::from_utf8_lossy(&found.stdout).trim().to_string();
    // relative to the current folder, as a path on disk would be
    let prefix = if path.is_empty() {
        "./".to_string()
    } else {
        format!("./{path}/")
    };
    let listed = git(&["ls-tree", "-z", "--name-only", &hash, &prefix])?;
    if !listed.status.success() {
        return Err(SideError::Git(
            String::from_utf8_lossy(&listed.stderr).trim().to_string(),
        ));
    }
    let mut files = Vec::new();
    for name in listed.stdout.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        if !name.ends_with(".policy") {
            continue;
        }
        let shown = Path::new(path).join(Path::new(&name).file_name().unwrap_or_default());
        let object = format!("{hash}:./{}", shown.display());
        let blob = git(&["cat-file", "blob", &object])?;
        if !blob.status.success() {
            return Err(SideError::Git(
                String::from_utf8_lossy(&blob.stderr).trim().to_string(),
            ));
        }
        files.push((format!("git:{rev}:{}", shown.display()), blob.stdout));
    }
    if files.is_empty() {
        return Err(SideError::NoPolicyFiles {
            rev: rev.to_string(),
            path: if path.is_empty() {
                ".".to_string()
            } else {
                path.to_string()
            },
        });
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_are_parsed_as_written() {
        assert_eq!(
            Side::parse("git:HEAD~1:policies/longgang/"),
            Side::Git {
                rev: "HEAD~1".to_string(),
                path: "policies/longgang".to_string()
            }
        );
        assert_eq!(
            Side::parse("git:main"),
            Side::Git {
                rev: "main".to_string(),
                path: String::new()
            }
        );
        assert_eq!(
            Side::parse("policies/longgang"),
            Side::Paths(vec![PathBuf::from("policies/longgang")])
        );
    }
}
