//! Text matching shared by variants (and later job fit): whole-word, case-insensitive term search.

/// True when `term` occurs in `text` as a whole word or phrase, ignoring case: `ai` does not match
/// "maintain", `led` does not match "enabled", `Go` does not match "Google", but `C++` matches
/// "C++ services" and `machine learning` matches "Machine Learning pipelines".
pub fn contains_term(text: &str, term: &str) -> bool {
    contains_lowered_term(&lowercase(text), term)
}

/// The text lower-cased character by character, as [`contains_term`] compares: for a text
/// searched for many terms, lower-cased once and searched with [`contains_lowered_term`].
pub fn lowercase(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

/// [`contains_term`] in a text already passed through [`lowercase`].
pub fn contains_lowered_term(lower: &str, term: &str) -> bool {
    let needle = lowercase(term.trim());
    let (Some(first), Some(last)) = (needle.chars().next(), needle.chars().next_back()) else {
        return false;
    };
    // A boundary is needed only where the term itself starts or ends with a word character, so
    // that `.NET` or `C++` still match next to punctuation.
    let (need_left, need_right) = (is_word(first), is_word(last));
    // Every occurrence, overlapping ones too: "aa" stands alone in "aaa aa" only at its end.
    let mut from = 0;
    while let Some(at) = lower[from..].find(needle.as_str()) {
        let i = from + at;
        if (!need_left || !lower[..i].chars().next_back().is_some_and(is_word))
            && (!need_right
                || !lower[i + needle.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_word))
        {
            return true;
        }
        from = i + first.len_utf8();
    }
    false
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::contains_term;

    #[test]
    fn an_occurrence_overlapping_a_rejected_one_is_found() {
        // "a-a" first occurs inside "xa-a"; the occurrence sharing its last "a" stands alone.
        assert!(super::contains_term("xa-a-a", "a-a"));
        assert!(!super::contains_term("xa-a-ab", "a-a"));
        assert!(super::contains_lowered_term(
            &super::lowercase("Gogo GO"),
            "go"
        ));
    }

    #[test]
    fn terms_match_whole_words_and_phrases_only() {
        let cases = [
            ("Maintained the AI platform", "ai", true),
            ("Maintained the platform", "ai", false),
            ("Enabled faster deploys", "led", false),
            ("Led a team of five", "led", true),
            ("Built Google-scale systems", "go", false),
            ("Wrote services in Go.", "go", true),
            ("Modern C++ services", "C++", true),
            ("Moved to .NET 8", ".net", true),
            ("Machine Learning pipelines", "machine learning", true),
            ("machine-learning", "machine learning", false),
            ("", "x", false),
            ("anything", "  ", false),
            ("Straße", "STRASSE", false),
        ];
        for (text, term, expected) in cases {
            assert_eq!(contains_term(text, term), expected, "{term:?} in {text:?}");
        }
    }
}
