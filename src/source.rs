//! Source files and spans, shared by every phase.
//!
//! A [`Span`] is a byte range in one file of a [`SourceMap`]. Byte offsets stay
//! inside the compiler; [`LineIndex`] converts them at the edges: character
//! columns for people and JSON, display width for terminal underlines (done by
//! miette, which measures with `unicode-width`).

use std::path::PathBuf;

/// Index of a file in a [`SourceMap`]. Files are numbered in sorted path order,
/// so ids (and everything ordered by them) do not depend on listing order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct FileId(pub u32);

/// A byte range in one file.
///
/// Two spans are equal when they are the same place. The AST leaves spans out
/// of its nodes' equality instead (see `syntax::ast`), so that two nodes that
/// say the same thing in different places are equal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset just past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets (files are small enough for `u32`).
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        // Files are limited far below 4 GiB (see `syntax::limits`), so offsets fit.
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The place itself, for ordering and comparing places.
    pub fn key(&self) -> (FileId, u32, u32) {
        (self.file, self.start, self.end)
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// Whether it covers no bytes (a point, e.g. the end of a file).
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// One policy file: where it came from and its text (decoded, BOM removed).
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user named it (relative paths stay relative).
    pub path: PathBuf,
    /// The decoded text, without a byte-order mark.
    pub text: String,
    /// Where its lines start: made the first time a line or column is
    /// looked up, which a set with nothing to report never does.
    lines: std::sync::OnceLock<LineIndex>,
}

impl SourceFile {
    /// A file with its text.
    pub fn new(path: PathBuf, text: String) -> Self {
        SourceFile {
            path,
            text,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// Where its lines start, for line and column lookups.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Path for display, with `/` separators on every platform.
    pub fn display_path(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        self.lines().line_col(&self.text, offset as usize)
    }
}

/// All the files of one policy set.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id (the next number).
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() as u32 - 1)
    }

    /// The file with this id, if there is one.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// Every file with its id, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// How many files the set has.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the set has no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The text a span covers ("" for a span that is out of range).
    pub fn text(&self, span: Span) -> &str {
        self.get(span.file)
            .and_then(|f| f.text.get(span.start as usize..span.end as usize))
            .unwrap_or("")
    }
}

/// The bytes from the start of each line to the end of `text`, for counting
/// the lines that begin a certain way (a line starts after each `\n`, which
/// is all a count of declarations needs).
pub fn line_heads(text: &str) -> impl Iterator<Item = &[u8]> {
    let b = text.as_bytes();
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', b).map(|i| i + 1))
        .map(move |at| &b[at..])
}

/// Start offsets of every line, so that line/column lookups are a binary
/// search instead of a rescan from the start of the file.
///
/// Line breaks are `\n`, `\r\n` and a lone `\r` (old Mac files, some Word
/// exports), the same three that miette's snippet renderer recognises.
#[derive(Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0u32];
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // the `\n` of a `\r\n` ends the line
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            starts.push(i as u32 + 1);
        }
        LineIndex { starts }
    }

    /// Byte offset where the line holding `offset` starts.
    pub fn line_start(&self, offset: usize) -> usize {
        let line = self
            .starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1);
        self.starts[line] as usize
    }

    /// 0-based number of the line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    /// How many lines (a text without a line break is one line).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where 0-based line `line` starts (the last line's start
    /// for a line past the end).
    pub fn start_of_line(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)] as usize
    }

    /// 1-based line and 1-based column counted in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self
            .starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1);
        let start = self.starts[line] as usize;
        let col = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or_else(|| {
                String::from_utf8_lossy(&text.as_bytes()[start..offset])
                    .chars()
                    .count()
            });
        (line + 1, col + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "部门 甲\n  模块 乙";
        let idx = LineIndex::new(text);
        let off = text.find('乙').unwrap();
        assert_eq!(idx.line_col(text, off), (2, 6));
        assert_eq!(idx.line_col(text, text.find('甲').unwrap()), (1, 4));
    }

    #[test]
    fn crlf_and_lone_cr_are_line_breaks() {
        let text = "a\r\nb\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, text.find('b').unwrap()), (2, 1));
        assert_eq!(idx.line_col(text, text.find('c').unwrap()), (3, 1));
        assert_eq!(idx.line_col(text, text.find('d').unwrap()), (4, 1));
    }

    #[test]
    fn line_starts_follow_every_kind_of_break() {
        // a line starts after `\n`, and after a `\r` that no `\n` follows
        let reference = |t: &str| {
            let b = t.as_bytes();
            let mut starts = vec![0u32];
            for i in 0..b.len() {
                if b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n')) {
                    starts.push(i as u32 + 1);
                }
            }
            starts
        };
        for text in [
            "",
            "\n",
            "\r",
            "\r\n",
            "\n\r",
            "\r\r\n",
            "a\r",
            "\r\n\r\n",
            "甲\r乙\n丙\r\n",
            "item\n\n\r\rx",
        ] {
            assert_eq!(LineIndex::new(text).starts, reference(text), "{text:?}");
        }
    }
}
