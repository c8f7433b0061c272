//! From bytes on disk to text the parser can read: size limit, encodings,
//! byte-order marks. Problems here are diagnostics on the file, not I/O errors:
//! the file was read, its content is what is wrong.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::source::{FileId, LineIndex, Span};

/// Largest policy file orgc reads: 128 MiB. A province of a million items is
/// about 90 MB in all and is meant to be split over many files.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Deepest nesting of `{`, `(` and `[` in one file.
pub const MAX_DEPTH: usize = 64;

/// Decode a policy file. On success the text has no UTF-8 byte-order mark.
/// On failure the diagnostic points at the file (at the bad bytes for invalid
/// UTF-8) and the returned text is what could be decoded, for the snippet.
pub fn decode(file: FileId, mut bytes: Vec<u8>) -> Result<String, (Box<Diagnostic>, String)> {
    if let Some(encoding) = utf16_bom(&bytes) {
        return Err((Box::new(not_utf8(file, encoding)), String::new()));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // the bytes become the text where they are: a large file is not copied.
    // simdutf8 checks them several times faster than the standard library on
    // Chinese text; when they are not UTF-8, the standard library says where.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let good = &bytes[..valid];
            if looks_like_utf16(bytes) {
                return Err((Box::new(not_utf8(file, "UTF-16")), String::new()));
            }
            // GBK text is often valid UTF-8 for a few bytes (`注` is D7 A2, which
            // UTF-8 reads as a Hebrew letter); a UTF-8 file with Chinese before
            // the bad bytes is broken UTF-8, not GBK.
            let prefix_has_cjk = String::from_utf8_lossy(good).chars().any(is_cjk);
            if !prefix_has_cjk && looks_like_gb18030(bytes) {
                return Err((Box::new(not_utf8(file, "GBK/GB18030")), String::new()));
            }
            // Safe: valid_up_to is a char boundary of valid UTF-8.
            let text = String::from_utf8_lossy(good).into_owned();
            let at = good.len();
            let (line, column) = LineIndex::new(&text).line_col(&text, at);
            let diag = Diagnostic::new(
                Code::E003,
                Message::InvalidUtf8 {
                    line: line.into(),
                    column: column.into(),
                },
            )
            .label(Span::new(file, at, at), Some(Message::LabelInvalidUtf8))
            .help(Message::HelpInvalidUtf8);
            Err((Box::new(diag), text))
        }
    }
}

fn not_utf8(file: FileId, encoding: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E004,
        Message::NotUtf8 {
            encoding: encoding.to_string(),
        },
    )
    .label(Span::new(file, 0, 0), None)
    .help(Message::HelpNotUtf8)
}

fn utf16_bom(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("UTF-16LE"),
        [0xFE, 0xFF, ..] => Some("UTF-16BE"),
        _ => None,
    }
}

/// UTF-16 without a BOM: ASCII text then has a NUL in every other byte.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(4096)];
    let nuls = sample.iter().filter(|&&b| b == 0).count();
    sample.len() >= 4 && nuls * 4 >= sample.len()
}

/// Message that is not UTF-8 but decodes as GB18030 without errors and holds
/// Chinese characters is almost surely a GBK file saved by Notepad or WPS.
fn looks_like_gb18030(bytes: &[u8]) -> bool {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    !had_errors && text.chars().any(is_cjk)
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Where nesting of brackets first goes deeper than [`MAX_DEPTH`], skipping
/// strings and comments. Checked before pest runs, so that no input can make
/// the parser recurse without bound.
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // nesting cannot go deeper than the number of opening brackets: most
    // large files (lists of items) have none, and need no closer look
    memchr::memchr3_iter(b'{', b'(', b'[', bytes).nth(MAX_DEPTH)?;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' | b'(' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_removed() {
        assert_eq!(
            decode(FileId(0), b"\xEF\xBB\xBFcity X {}".to_vec()).unwrap(),
            "city X {}"
        );
    }

    #[test]
    fn gbk_and_utf16_are_named() {
        let (gbk, _, _) = encoding_rs::GBK.encode("department 经济发展局 : government {}");
        let (d, _) = decode(FileId(0), gbk.into_owned()).unwrap_err();
        assert_eq!(d.code, Code::E004);
        assert!(d
            .message
            .render(crate::diagnostics::Lang::En)
            .contains("GBK"));
        let (d, _) = decode(FileId(0), b"\xFF\xFEc\0i\0".to_vec()).unwrap_err();
        assert!(d
            .message
            .render(crate::diagnostics::Lang::En)
            .contains("UTF-16LE"));
    }

    #[test]
    fn gbk_that_starts_like_utf8_is_still_gbk() {
        // `# 注释` in GBK: D7 A2 happens to be a valid UTF-8 sequence
        let (gbk, _, _) = encoding_rs::GBK.encode("# 注释\ndepartment 经济发展局 : government {}");
        let (d, _) = decode(FileId(0), gbk.into_owned()).unwrap_err();
        assert_eq!(d.code, Code::E004);
    }

    #[test]
    fn invalid_utf8_says_where() {
        let (d, text) = decode(FileId(0), b"city A {}\nitem \xFF".to_vec()).unwrap_err();
        assert_eq!(d.code, Code::E003);
        assert_eq!(text, "city A {}\nitem ");
        assert!(d
            .message
            .render(crate::diagnostics::Lang::En)
            .contains("line 2"));
    }

    #[test]
    fn nesting_limit() {
        let deep = "(".repeat(MAX_DEPTH + 1);
        assert_eq!(too_deep(&deep), Some(MAX_DEPTH));
        assert_eq!(too_deep(&"(".repeat(MAX_DEPTH)), None);
        assert_eq!(too_deep("\"((((\" # ((((("), None);
    }
}
