//! The one "did you mean" helper, shared by every check that reports an
//! unknown name.

/// The candidate closest to `wanted`, if it is close enough to be a likely
/// typo. Distance is counted in characters (a Chinese character is one edit),
/// relative to length, so short names need a close match.
pub fn did_you_mean<'a, I>(wanted: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wanted_len = wanted.chars().count().max(1);
    let mut best: Option<(f64, &'a str)> = None;
    for cand in candidates {
        if cand == wanted {
            continue;
        }
        let score = strsim::normalized_levenshtein(wanted, cand);
        let cand_len = cand.chars().count();
        // one edit is always close for names of 2+ characters; beyond that
        // require a similarity of at least 0.6
        let edits = strsim::levenshtein(wanted, cand);
        let close = (edits <= 1 && wanted_len >= 2 && cand_len >= 2) || score >= 0.6;
        if close && best.is_none_or(|(s, b)| score > s || (score == s && cand < b)) {
            best = Some((score, cand));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_chinese_name() {
        let names = ["行政审批局", "综合行政执法局", "社会事业局"];
        assert_eq!(did_you_mean("行政审批厅", names), Some("行政审批局"));
        assert_eq!(did_you_mean("综合执法局", names), Some("综合行政执法局"));
    }

    #[test]
    fn does_not_suggest_unrelated_names() {
        assert_eq!(did_you_mean("公安局", ["行政审批局", "融媒体中心"]), None);
    }
}
