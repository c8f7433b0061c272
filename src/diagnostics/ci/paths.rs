//! Paths as CI systems want them: relative to the repository's root (the
//! working folder orgc runs in), with `/` between folders; and as URIs for
//! SARIF. Worked out from the text of the paths alone (no file system
//! access), so that rendering stays a pure function of its inputs.

use crate::source::{FileId, SourceMap};
use std::path::{Component, Path};

/// Every file's path as shown in the CI formats, computed once per render.
pub(super) struct Paths {
    shown: Vec<String>,
}

impl Paths {
    pub(super) fn new(sources: &SourceMap, root: Option<&Path>) -> Self {
        Paths {
            shown: sources
                .iter()
                .map(|(_, f)| relative(&f.path, root))
                .collect(),
        }
    }

    /// The path of file `id` as shown.
    pub(super) fn get(&self, id: FileId) -> Option<&str> {
        self.shown.get(id.0 as usize).map(String::as_str)
    }
}

/// `path` relative to `root`, with `/` separators and without `.` steps.
///
/// A relative path is taken to be relative to `root` already (it was given
/// from the working folder) and is only tidied (`./a/../b.policy` →
/// `b.policy`). An absolute path under `root` loses `root`'s part; any other
/// absolute path stays absolute. With no root, paths are only tidied.
pub fn relative(path: &Path, root: Option<&Path>) -> String {
    let parts = tidy(path);
    if path.is_absolute() {
        if let Some(root) = root.filter(|r| r.is_absolute()) {
            let root = tidy(root);
            if parts.len() >= root.len() && parts[..root.len()] == root[..] {
                return join(&parts[root.len()..]);
            }
        }
    }
    join(&parts)
}

/// The components of `path` as strings, `.` dropped and `x/..` folded (a
/// leading `..` is kept).
fn tidy(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                let folds = parts
                    .last()
                    .is_some_and(|p| p != ".." && p != "/" && !p.ends_with(':'));
                if folds {
                    parts.pop();
                } else {
                    parts.push("..".to_string());
                }
            }
            Component::RootDir => parts.push("/".to_string()),
            Component::Prefix(p) => {
                parts.push(p.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::Normal(s) => parts.push(s.to_string_lossy().replace('\\', "/")),
        }
    }
    parts
}

fn join(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// The URI of a path as shown (see [`relative`]): a relative reference for a
/// relative path, a `file:` URI for an absolute one; every byte that is not
/// an unreserved URI character (RFC 3986), nor a `/` between folders, is
/// percent-encoded, so a Chinese file name is written as its UTF-8 bytes.
pub(super) fn uri(shown: &str) -> String {
    let drive = shown.len() >= 2
        && shown.as_bytes()[0].is_ascii_alphabetic()
        && shown.as_bytes()[1] == b':';
    if shown.starts_with('/') {
        format!("file://{}", encode(shown))
    } else if drive {
        // `C:/…` (Windows): the drive's colon stays as it is
        format!("file:///{}{}", &shown[..2], encode(&shown[2..]))
    } else {
        encode(shown)
    }
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn paths_are_relative_to_the_root_with_slashes() {
        let root = Some(Path::new("/repo"));
        let r = |p: &str| relative(&PathBuf::from(p), root);
        assert_eq!(r("/repo/policies/城市.policy"), "policies/城市.policy");
        assert_eq!(r("./policies/a.policy"), "policies/a.policy");
        assert_eq!(r("policies/x/../a.policy"), "policies/a.policy");
        assert_eq!(r("../other/a.policy"), "../other/a.policy");
        assert_eq!(r("/elsewhere/a.policy"), "/elsewhere/a.policy");
        // a folder that only starts like the root is not under it
        assert_eq!(r("/repository/a.policy"), "/repository/a.policy");
        assert_eq!(
            relative(Path::new("/repo/./a/../b.policy"), None),
            "/repo/b.policy"
        );
    }

    #[test]
    fn uris_encode_what_is_not_unreserved() {
        assert_eq!(
            uri("policies/城市.policy"),
            "policies/%E5%9F%8E%E5%B8%82.policy"
        );
        assert_eq!(uri("a b,c:d.policy"), "a%20b%2Cc%3Ad.policy");
        assert_eq!(uri("/tmp/x.policy"), "file:///tmp/x.policy");
        assert_eq!(uri("C:/x/y.policy"), "file:///C:/x/y.policy");
    }
}
