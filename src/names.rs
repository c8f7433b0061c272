//! Name hygiene: when two spellings are one name, and which characters may not
//! be in a name at all.
//!
//! Two spellings are the same name when they are equal after Unicode NFKC
//! normalisation and trimming of white space. NFKC folds full-width and
//! half-width forms (`（１）` and `(1)`), compatibility ideographs and Kangxi
//! radicals pasted from PDFs (`⾦` U+2FA6 and `金`), and NFD and NFC sequences.
//! Names that still differ but look alike (per Unicode's confusables, UTS #39)
//! are *different* names; the checker warns about them instead of merging them.

use std::borrow::Cow;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// The key under which a name is declared and looked up.
pub fn key(name: &str) -> Cow<'_, str> {
    // Fast path, one pass: ASCII letters, digits and the common punctuation of
    // ids, and the CJK unified ideographs, are all stable under NFKC and
    // visible, so a name made only of them (most names) is its own key.
    if is_plain(name) {
        // the only white space such a name can hold is the ASCII space
        return Cow::Borrowed(name.trim_matches(' '));
    }
    // Second fast path: the same, plus full-width ASCII forms (`（`, `１`, `Ａ`),
    // which NFKC maps one to one onto ASCII: titles such as `第1号事项（审批）`.
    if let Some(folded) = fold_full_width(name) {
        return Cow::Owned(folded);
    }
    if name.chars().any(is_invisible) {
        // reported as E103 on their own; two spellings that differ only by an
        // invisible character are still one name
        let visible: String = name.chars().filter(|&c| !is_invisible(c)).collect();
        return Cow::Owned(key(&visible).into_owned());
    }
    let trimmed = name.trim_matches(is_space);
    if is_nfkc_quick(trimmed.chars()) == IsNormalized::Yes {
        Cow::Borrowed(trimmed)
    } else {
        let folded: String = trimmed.nfkc().collect();
        Cow::Owned(folded.trim_matches(is_space).to_string())
    }
}

/// Whether every character of `name` is printable ASCII, the space, or a
/// CJK unified ideograph (U+4E00 to U+9FFF), read byte by byte: such a name
/// is its own key, trimmed. In UTF-8 those ideographs are the three-byte
/// sequences that start with E5 to E9, or with E4 and a second byte of at
/// least B8 (U+4E00 is E4 B8 80).
fn is_plain(name: &str) -> bool {
    let b = name.as_bytes();
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        i += match lead {
            b' '..=b'~' => 1,
            0xE5..=0xE9 => 3,
            0xE4 if b.get(i + 1).is_some_and(|&next| next >= 0xB8) => 3,
            _ => return false,
        };
    }
    true
}

/// A name of ASCII, CJK unified ideographs and full-width ASCII forms (U+FF01
/// to U+FF5E) folded as NFKC folds it, without the general algorithm; `None`
/// for any other character. None of these characters combines with its
/// neighbours under NFKC, so folding one at a time is the whole of it.
fn fold_full_width(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_graphic() || c == ' ' || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            out.push(c);
        } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
            out.push(char::from_u32(c as u32 - 0xFEE0)?);
        } else {
            return None;
        }
    }
    let trimmed = out.trim_matches(is_space);
    if trimmed.len() != out.len() {
        out = trimmed.to_string();
    }
    Some(out)
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Characters that must never be part of a name, and never reach a terminal
/// raw: controls (C0, C1), format characters such as zero-width spaces and
/// joiners, bidi controls and the byte-order mark, and white space other than
/// the plain space.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{AD}'                       // soft hyphen
        | '\u{34F}'                      // combining grapheme joiner
        | '\u{61C}'                      // Arabic letter mark (bidi)
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{2000}'..='\u{200F}'        // odd spaces, zero-width, LRM/RLM
        | '\u{2028}'..='\u{202F}'        // separators, bidi embeddings, NNBSP
        | '\u{205F}'..='\u{206F}'        // math space, word joiner, bidi isolates
        | '\u{A0}'                       // no-break space
        | '\u{FE00}'..='\u{FE0F}'        // variation selectors
        | '\u{FEFF}'                     // byte-order mark / ZWNBSP
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0000}'..='\u{E007F}'      // tags
    )
}

/// The first invisible character in a name, with its byte offset.
pub fn first_invisible(name: &str) -> Option<(usize, char)> {
    name.char_indices().find(|&(_, c)| is_invisible(c))
}

/// The UTS #39 skeleton of a name's key: two names with one skeleton look alike.
pub fn skeleton(key: &str) -> String {
    unicode_security::confusable_detection::skeleton(key).collect()
}

/// The ASCII spelling of an id that is ASCII but for look-alike or
/// full-width characters, with the first such character: its byte offset,
/// itself and what it should be. `None` for an id that is fine as written
/// (plain ASCII, or not an ASCII code at all, like a Chinese name).
///
/// Full-width and other compatibility forms are folded by NFKC (`０` → `0`);
/// letters from other scripts by their UTS #39 skeleton (Cyrillic `А` → `A`);
/// and in a run of letters and digits that is mostly digits, the letters `O`,
/// `o`, `I`, `l` are read as the digits they stand for (`O001` → `0001`).
pub fn ascii_id(id: &str) -> Option<(String, (usize, String, String))> {
    let mut ascii = String::with_capacity(id.len());
    let mut first: Option<(usize, String, String)> = None;
    for (i, c) in id.char_indices() {
        if c.is_ascii() {
            ascii.push(c);
            continue;
        }
        let folded: String = c.to_string().nfkc().collect();
        let folded = if folded.is_ascii() {
            folded
        } else {
            let skel: String = unicode_security::confusable_detection::skeleton(&folded).collect();
            if !skel.is_ascii() || skel.is_empty() {
                return None; // not an ASCII code: a name such as 办证
            }
            skel
        };
        first.get_or_insert((i, c.to_string(), folded.clone()));
        ascii.push_str(&folded);
    }
    // letters standing for digits, in a run of letters and digits
    let bytes = ascii.as_bytes();
    let mut fixed = ascii.clone().into_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = (start..bytes.len())
            .find(|&j| !bytes[j].is_ascii_alphanumeric())
            .unwrap_or(bytes.len());
        let run = &bytes[start..end];
        let digits = run.iter().filter(|b| b.is_ascii_digit()).count();
        let letters = run.len() - digits;
        if letters > 0
            && digits > letters
            && run
                .iter()
                .all(|b| b.is_ascii_digit() || matches!(b, b'O' | b'o' | b'I' | b'l'))
        {
            for (j, b) in run.iter().enumerate() {
                let d = match b {
                    b'O' | b'o' => b'0',
                    b'I' | b'l' => b'1',
                    _ => continue,
                };
                fixed[start + j] = d;
            }
        }
        start = end + 1;
    }
    let fixed = String::from_utf8(fixed).ok()?;
    if fixed == id {
        return None;
    }
    if first.is_none() || fixed != ascii {
        // a letter standing for a digit: point at the first one (offsets of
        // `ascii` and `id` agree up to the first non-ASCII character)
        let at = fixed.bytes().zip(ascii.bytes()).position(|(a, b)| a != b)?;
        let first_other = first.as_ref().map_or(usize::MAX, |f| f.0);
        if first.is_none() || at < first_other {
            let c = ascii[at..].chars().next()?;
            first = Some((at, c.to_string(), fixed[at..at + 1].to_string()));
        }
    }
    first.map(|f| (fixed, f))
}

/// "Did you mean" over one large set of declared names, in time bounded per
/// question: built once per set, asked once per distinct unknown name.
///
/// The answer is the one [`crate::diagnostics::suggest::did_you_mean`] gives
/// (the closest name by normalised edit distance, ties to the smaller name),
/// found without comparing the unknown name with every declared one:
/// - names one edit away (the usual typo) come from an index of every name
///   and every name with one character deleted, so a question costs a few
///   hash look-ups per character; when one exists no name further away can
///   score higher (for names of two or more characters), so the search stops;
/// - otherwise only names whose length could be close enough are compared,
///   nearest lengths first, and at most [`Suggester::MAX_COMPARISONS`] of
///   them: on a set of many names of one length a distant match may be missed,
///   never a near one.
#[derive(Debug, Default)]
pub struct Suggester {
    /// The names, sorted, without repeats.
    names: Vec<String>,
    /// Character count of each name.
    lens: Vec<usize>,
    /// Name indices by character count.
    by_len: std::collections::BTreeMap<usize, Vec<u32>>,
    /// Each name and each of its one-deletions → name indices.
    deletions: rustc_hash::FxHashMap<String, Vec<u32>>,
    /// Answers already given, by unknown name.
    memo: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<u32>>>,
}

impl Suggester {
    /// Most names compared edit by edit for one question, past the index.
    pub const MAX_COMPARISONS: usize = 256;

    /// Index a set of names.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut names: Vec<String> = names.into_iter().map(str::to_string).collect();
        names.sort_unstable();
        names.dedup();
        let mut s = Suggester {
            lens: names.iter().map(|n| n.chars().count()).collect(),
            ..Suggester::default()
        };
        for (i, name) in names.iter().enumerate() {
            s.by_len.entry(s.lens[i]).or_default().push(i as u32);
            for key in deletion_keys(name) {
                let list = s.deletions.entry(key).or_default();
                if list.last() != Some(&(i as u32)) {
                    list.push(i as u32);
                }
            }
        }
        s.names = names;
        s
    }

    /// How many names the set has.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the set has no name.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The declared name closest to `wanted`, if it is close enough.
    pub fn suggest(&self, wanted: &str) -> Option<&str> {
        if let Some(hit) = self.memo.borrow().get(wanted) {
            return hit.map(|i| self.names[i as usize].as_str());
        }
        let hit = self.search(wanted);
        self.memo.borrow_mut().insert(wanted.to_string(), hit);
        hit.map(|i| self.names[i as usize].as_str())
    }

    fn search(&self, wanted: &str) -> Option<u32> {
        let wanted_len = wanted.chars().count();
        let mut best: Option<(f64, u32)> = None;
        let consider = |i: u32, best: &mut Option<(f64, u32)>| {
            let cand = &self.names[i as usize];
            if let Some(score) = closeness(wanted, wanted_len, cand, self.lens[i as usize]) {
                let better = match *best {
                    None => true,
                    Some((s, b)) => score > s || (score == s && *cand < self.names[b as usize]),
                };
                if better {
                    *best = Some((score, i));
                }
            }
        };
        let mut compared = 0;
        for key in deletion_keys(wanted) {
            for &i in self.deletions.get(&key).map(Vec::as_slice).unwrap_or(&[]) {
                if compared >= Self::MAX_COMPARISONS {
                    break;
                }
                compared += 1;
                consider(i, &mut best);
            }
        }
        if best.is_some() && wanted_len >= 2 {
            return best.map(|(_, i)| i);
        }
        // lengths that can reach a similarity of 0.6 (or one edit)
        let lo = (wanted_len * 3 / 5).min(wanted_len.saturating_sub(1));
        let hi = (wanted_len * 5).div_ceil(3).max(wanted_len + 1);
        let mut lens: Vec<usize> = self.by_len.range(lo..=hi).map(|(l, _)| *l).collect();
        lens.sort_by_key(|l| (l.abs_diff(wanted_len), *l));
        let mut compared = 0;
        'outer: for l in lens {
            for &i in &self.by_len[&l] {
                if compared >= Self::MAX_COMPARISONS {
                    break 'outer;
                }
                compared += 1;
                consider(i, &mut best);
            }
        }
        best.map(|(_, i)| i)
    }
}

/// The similarity of a candidate to the wanted name when it is close enough
/// to suggest (the rule of `did_you_mean`), else `None`.
pub fn closeness(wanted: &str, wanted_len: usize, cand: &str, cand_len: usize) -> Option<f64> {
    if cand == wanted {
        return None;
    }
    let longest = wanted_len.max(cand_len);
    // cheap bound first: the edit distance is at least the length difference
    let min_edits = wanted_len.abs_diff(cand_len);
    let can_be_one = min_edits <= 1 && wanted_len >= 2 && cand_len >= 2;
    if !can_be_one && longest > 0 && 1.0 - min_edits as f64 / longest as f64 <= 0.6 - 1e-9 {
        return None;
    }
    let edits = strsim::levenshtein(wanted, cand);
    let score = if longest == 0 {
        1.0
    } else {
        1.0 - edits as f64 / longest as f64
    };
    let close = (edits <= 1 && wanted_len >= 2 && cand_len >= 2) || score >= 0.6;
    close.then_some(score)
}

/// A name and the name with each one character deleted.
fn deletion_keys(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    for (at, c) in name.char_indices() {
        let mut k = String::with_capacity(name.len());
        k.push_str(&name[..at]);
        k.push_str(&name[at + c.len_utf8()..]);
        out.push(k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_reading_of_a_plain_name_is_the_character_rule() {
        let rule =
            |c: char| c.is_ascii_graphic() || c == ' ' || ('\u{4E00}'..='\u{9FFF}').contains(&c);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let one = c.to_string();
            assert_eq!(is_plain(&one), rule(c), "{c:?} U+{:04X}", c as u32);
            let among = format!("A{c}中");
            assert_eq!(is_plain(&among), rule(c), "{c:?} between others");
        }
        assert!(is_plain(""));
    }

    #[test]
    fn ascii_ids_with_look_alikes_get_their_ascii_spelling() {
        let fix = |id: &str| ascii_id(id).map(|(a, (at, found, want))| (a, at, found, want));
        assert_eq!(
            fix("SP-０００5"),
            Some(("SP-0005".into(), 3, "０".into(), "0".into()))
        );
        assert_eq!(
            fix("SP-O001"),
            Some(("SP-0001".into(), 3, "O".into(), "0".into()))
        );
        assert_eq!(fix("А-1"), Some(("A-1".into(), 0, "А".into(), "A".into())));
        assert_eq!(
            fix("ＳＰ-0001"),
            Some(("SP-0001".into(), 0, "Ｓ".into(), "S".into()))
        );
        // fine as written, or not an ASCII code at all
        assert_eq!(fix("SP-00I").map(|f| f.0), Some("SP-001".into()));
        for ok in ["SP-0001", "GOV-1", "O1O", "SOLO-2", "办证-1", "P-1"] {
            assert_eq!(fix(ok), None, "{ok}");
        }
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        assert_eq!(key("综合行政执法局"), key(" 综合行政执法局 "));
        assert_eq!(key("ＳＰ－０００１"), key("SP-0001"));
        assert_eq!(key("（一）"), key("(一)"));
        // Kangxi radical U+2FA6 and compatibility ideograph U+F9B4 (零) from PDFs
        assert_eq!(key("\u{2FA6}钗河社区"), key("金钗河社区"));
        assert_eq!(key("\u{F9B2}"), key("零"));
        // NFD and NFC
        assert_eq!(key("Cafe\u{301}"), key("Café"));
    }

    #[test]
    fn the_fast_path_gives_what_nfkc_gives() {
        for name in [
            "行政审批局",
            " 综合行政执法局 ",
            "SP-0001",
            "a b",
            "第1号行政事项",
            "Ａ１",
            "（一）",
            "\u{2FA6}钗",
            "é",
            "第1号行政事项（审批）",
            " （一）Ａ～ｚ！ ",
            "（１） ",
        ] {
            let slow: String = name.trim().nfkc().collect::<String>().trim().to_string();
            assert_eq!(key(name), slow, "{name}");
        }
    }

    #[test]
    fn every_full_width_form_folds_as_nfkc_folds_it() {
        for c in '\u{FF01}'..='\u{FF5E}' {
            for name in [format!("事项{c}甲"), format!("{c}"), format!(" A{c}1 ")] {
                let slow: String = name.trim().nfkc().collect::<String>().trim().to_string();
                assert_eq!(key(&name), slow, "{name}");
            }
        }
    }

    #[test]
    fn different_names_stay_different() {
        assert_ne!(key("经济发展局"), key("经济发展處"));
        assert_ne!(key("SP-0001"), key("SP-O001"));
    }

    #[test]
    fn lookalikes_share_a_skeleton() {
        assert_eq!(skeleton("SP-0001"), skeleton("SP-O001"));
        assert_ne!(skeleton("经济发展局"), skeleton("社会事业局"));
    }

    #[test]
    fn invisible_characters_are_found() {
        assert_eq!(first_invisible("社会\u{200B}事业局"), Some((6, '\u{200B}')));
        assert_eq!(first_invisible("社会事业局"), None);
        assert!(is_invisible('\u{202E}'));
        assert!(!is_invisible('金'));
    }

    #[test]
    fn the_suggester_agrees_with_did_you_mean() {
        use crate::diagnostics::suggest::did_you_mean;
        let names = [
            "行政审批局",
            "综合行政执法局",
            "社会事业局",
            "经济发展局",
            "X-1",
            "X-12",
            "X-123",
            "金钗河社区",
            "龙城社区",
            "a",
            "ab",
        ];
        let s = Suggester::new(names);
        for wanted in [
            "行政审批厅",
            "综合执法局",
            "公安局",
            "X-13",
            "X-1234",
            "X1",
            "金钗河",
            "龙城社",
            "b",
            "abc",
            "",
            "社会事业局",
        ] {
            assert_eq!(
                s.suggest(wanted),
                did_you_mean(wanted, names),
                "for {wanted}"
            );
            // asked again: the memo gives the same answer
            assert_eq!(s.suggest(wanted), did_you_mean(wanted, names));
        }
    }

    #[test]
    fn the_suggester_finds_a_one_edit_typo_among_many_names() {
        let names: Vec<String> = (0..50_000).map(|i| format!("事项-{i:06}")).collect();
        let s = Suggester::new(names.iter().map(String::as_str));
        assert_eq!(s.suggest("事项-01234"), Some("事项-001234"));
        assert_eq!(s.suggest("事项_012345"), Some("事项-012345"));
        assert_eq!(s.suggest("完全不同的名字啊啊啊"), None);
    }
}
