//! Measuring and wrapping text for the drawings: display width (a Chinese
//! character is one em, a Latin letter about 0.6 em, measured with
//! unicode-width), and line breaks that never start a line with a closing
//! mark or end one with an opening bracket.

use unicode_width::UnicodeWidthChar;

/// The width of `s` at font size `size`: one em for a wide (Chinese)
/// character, 0.6 em for a narrow one.
pub fn text_width(s: &str, size: f32) -> f32 {
    s.chars()
        .map(|c| match c.width().unwrap_or(0) {
            0 => 0.0,
            1 => 0.6,
            _ => 1.0,
        })
        .sum::<f32>()
        * size
}

/// Characters that must not start a line (closing punctuation).
fn no_break_before(c: char) -> bool {
    matches!(
        c,
        '）' | '】'
            | '》'
            | '」'
            | '』'
            | '，'
            | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | ')'
            | ']'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '·'
            | '”'
            | '’'
    )
}

/// Characters that must not end a line (opening brackets).
fn no_break_after(c: char) -> bool {
    matches!(c, '（' | '【' | '《' | '「' | '『' | '(' | '[' | '“' | '‘')
}

/// [`wrap`] into as few lines, made as even as they can be, so that a long
/// name does not leave one character alone on its last line.
pub fn wrap_even(s: &str, max: f32, size: f32) -> Vec<String> {
    let lines = wrap(s, max, size);
    // balancing is for names of a few lines; a longer text keeps its lines
    if lines.len() <= 1 || lines.len() > 4 {
        return lines;
    }
    let n = lines.len();
    let (mut lo, mut hi) = (text_width(s, size) / n as f32, max);
    for _ in 0..16 {
        let mid = (lo + hi) / 2.0;
        if wrap(s, mid, size).len() <= n {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    wrap(s, hi, size)
}

/// Break `s` into lines no wider than `max` at font size `size`: between
/// any two Chinese characters, at spaces between Latin words, never before
/// a closing mark or after an opening one; a word longer than a line is cut.
pub fn wrap(s: &str, max: f32, size: f32) -> Vec<String> {
    // tokens, as byte ranges of `s`: one wide character, a run of narrow
    // non-space characters, or a space; the work is linear in the length of
    // `s`, however long a name is
    let mut tokens: Vec<(usize, usize)> = Vec::new();
    let mut last: Option<char> = None;
    for (at, c) in s.char_indices() {
        let narrow = c.width().unwrap_or(0) < 2 && !c.is_whitespace() && !no_break_before(c);
        let glue = last.is_some_and(|last| {
            (narrow && last.width().unwrap_or(0) < 2 && !last.is_whitespace())
                || no_break_before(c)
                || no_break_after(last)
        });
        match tokens.last_mut() {
            Some(t) if glue => t.1 = at + c.len_utf8(),
            _ => tokens.push((at, at + c.len_utf8())),
        }
        last = Some(c);
    }
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    // the width of `cur`, trailing spaces included
    let mut cur_w = 0.0;
    for (a, b) in tokens {
        let tok = &s[a..b];
        let tok_w = text_width(tok, size);
        let space = tok.trim().is_empty();
        if cur.is_empty() {
            // a line never starts with a space
            if !space {
                cur.push_str(tok);
                cur_w = tok_w;
            }
        } else if space || cur_w + tok_w <= max {
            cur.push_str(tok);
            cur_w += tok_w;
        } else {
            lines.push(cur.trim_end().to_string());
            cur = tok.to_string();
            cur_w = tok_w;
        }
    }
    if !cur.trim().is_empty() || lines.is_empty() {
        lines.push(cur.trim_end().to_string());
    }
    // a token wider than a whole line is cut by characters
    lines
        .into_iter()
        .flat_map(|l| {
            if text_width(&l, size) <= max {
                return vec![l];
            }
            let mut parts = Vec::new();
            let mut part = String::new();
            let mut part_w = 0.0;
            for c in l.chars() {
                let w = text_width(c.encode_utf8(&mut [0; 4]), size);
                if !part.is_empty() && part_w + w > max && !no_break_before(c) {
                    parts.push(std::mem::take(&mut part));
                    part_w = 0.0;
                }
                part.push(c);
                part_w += w;
            }
            parts.push(part);
            parts
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_a_very_long_name_takes_linear_time() {
        let long = "名".repeat(300_000);
        let start = std::time::Instant::now();
        let lines = wrap_even(&long, 160.0, 14.0);
        assert_eq!(lines.concat().chars().count(), 300_000);
        assert!(lines.iter().all(|l| text_width(l, 14.0) <= 160.0));
        let latin = "x".repeat(300_000);
        assert_eq!(wrap(&latin, 160.0, 14.0).concat(), latin);
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    #[test]
    fn wrapping_respects_width_and_punctuation() {
        let lines = wrap("社会矛盾纠纷调处化解中心", 5.0 * 14.0, 14.0);
        assert_eq!(lines, vec!["社会矛盾纠", "纷调处化解", "中心"]);
        // a closing bracket stays with the character before it
        let lines = wrap("市场监督管理局（知识产权局）", 7.0 * 14.0, 14.0);
        assert!(lines.iter().all(|l| !l.starts_with('）')), "{lines:?}");
        assert!(lines.iter().all(|l| !l.ends_with('（')), "{lines:?}");
        assert_eq!(lines.concat(), "市场监督管理局（知识产权局）");
        // even lines: no character left alone
        assert_eq!(
            wrap_even("社会矛盾纠纷调处化解中心", 11.0 * 14.0, 14.0),
            vec!["社会矛盾纠纷", "调处化解中心"]
        );
        // Latin words break at spaces
        assert_eq!(
            wrap("Economic Development Bureau", 12.0 * 0.6 * 10.0, 10.0),
            vec!["Economic", "Development", "Bureau"]
        );
        assert_eq!(wrap("", 50.0, 10.0), vec![""]);
        // a word longer than a line is cut
        let cut = wrap("ABCDEFGHIJKLMNOP", 5.0 * 6.0, 10.0);
        assert!(
            cut.len() > 1 && cut.concat() == "ABCDEFGHIJKLMNOP",
            "{cut:?}"
        );
    }
}
