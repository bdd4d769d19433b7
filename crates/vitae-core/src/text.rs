//! Text matching shared by variants (and later job fit): whole-word, case-insensitive term search.

/// True when `term` occurs in `text` as a whole word or phrase, ignoring case: `ai` does not match
/// "maintain", `led` does not match "enabled", `Go` does not match "Google", but `C++` matches
/// "C++ services" and `machine learning` matches "Machine Learning pipelines".
pub fn contains_term(text: &str, term: &str) -> bool {
    let term = term.trim();
    if term.is_empty() {
        return false;
    }
    let hay: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let needle: Vec<char> = term.chars().flat_map(char::to_lowercase).collect();
    if needle.len() > hay.len() {
        return false;
    }
    // A boundary is needed only where the term itself starts or ends with a word character, so
    // that `.NET` or `C++` still match next to punctuation.
    let need_left = needle.first().is_some_and(|c| is_word(*c));
    let need_right = needle.last().is_some_and(|c| is_word(*c));
    (0..=hay.len() - needle.len()).any(|i| {
        hay[i..i + needle.len()] == needle[..]
            && (!need_left || i == 0 || !is_word(hay[i - 1]))
            && (!need_right || i + needle.len() == hay.len() || !is_word(hay[i + needle.len()]))
    })
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::contains_term;

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
