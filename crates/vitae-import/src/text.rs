//! Plain text and Markdown: a line per line, with Markdown's own marks read as hints (`#`
//! headings, `-`/`*`/`+`/`1.` list items, a setext underline, `**bold**`) and taken off the text.
//! Links keep their address in the header, where it is the contact detail ("[GitHub](https://…)"),
//! and their words below it, where they are part of a sentence.

use crate::lines::{Hint, Line, strip_bullet};
use regex::Regex;
use std::sync::LazyLock;

static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[([^\]]*)\]\(([^)\s]+)\)").expect("valid regex"));
static EMPHASIS: LazyLock<Regex> = LazyLock::new(|| {
    // `**x**`, `__x__`, `*x*`, `_x_` around words (not inside snake_case or 2*3*4).
    Regex::new(
        r"(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)|(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s).,;:!?]|$)",
    )
    .expect("valid regex")
});
static ORDERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}[.)]\s+(\S.*)$").expect("valid regex"));

/// `text` with Markdown's backslash escapes taken off (`\$` is `$`), and a hard line break's
/// final backslash.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.peek() {
                Some(n) if n.is_ascii_punctuation() => {
                    out.push(*n);
                    chars.next();
                }
                None => {}
                _ => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` without Markdown emphasis marks; whether all of it was strong.
fn unemphasise(text: &str) -> (String, bool) {
    let t = text.trim();
    let all_bold = (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
        || (t.starts_with("__") && t.ends_with("__") && t.len() > 4);
    let out = EMPHASIS
        .replace_all(text, |c: &regex::Captures| {
            if let Some(inner) = c.get(2) {
                inner.as_str().to_owned()
            } else {
                format!("{}{}{}", &c[4], &c[5], &c[6])
            }
        })
        .into_owned();
    (out, all_bold)
}

/// The lines of a text or Markdown document.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut blank_before = false;
    let mut in_header = true;
    for (i, raw) in text.lines().enumerate() {
        let number = i as u32 + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        // A setext underline makes the line above a heading.
        if trimmed.len() >= 3
            && (trimmed.chars().all(|c| c == '=') || trimmed.chars().all(|c| c == '-'))
        {
            if let Some(last) = out.last_mut()
                && last.hint == Hint::None
                && !blank_before
            {
                last.hint = Hint::Heading(if trimmed.starts_with('=') { 1 } else { 2 });
                if last.hint == Hint::Heading(2) {
                    in_header = false;
                }
            }
            // A rule on its own (`---` between sections) says nothing more.
            blank_before = true;
            continue;
        }
        let (body, hint) = if let Some(h) = trimmed.strip_prefix('#') {
            let level = 1 + h.chars().take_while(|c| *c == '#').count();
            let title = h.trim_start_matches('#').trim();
            (title.to_owned(), Hint::Heading(level.min(6) as u8))
        } else if let Some(rest) = strip_bullet(trimmed) {
            (rest.to_owned(), Hint::Bullet)
        } else if let Some(c) = ORDERED.captures(trimmed) {
            (c[1].to_owned(), Hint::Bullet)
        } else {
            (trimmed.to_owned(), Hint::None)
        };
        if matches!(hint, Hint::Heading(l) if l >= 2) {
            in_header = false;
        }
        let linked = LINK
            .replace_all(&body, |c: &regex::Captures| {
                // "[LinkedIn: maya](https://…)" says the network and the name itself; a
                // bare link's address is the detail ("mailto:", "tel:" taken off).
                let words = &c[1];
                let named = words.contains(':') && !words.starts_with("http");
                if in_header && !named {
                    c[2].trim_start_matches("mailto:")
                        .trim_start_matches("tel:")
                        .to_owned()
                } else {
                    words.to_owned()
                }
            })
            .into_owned();
        let (text, bold) = unemphasise(&unescape(&linked));
        // An indented item under a bullet is its child, kept in it as a nested list.
        if hint == Hint::Bullet
            && raw.starts_with([' ', '\t'])
            && let Some(last) = out.last_mut()
            && last.hint == Hint::Bullet
        {
            last.text.push_str("\n- ");
            last.text.push_str(text.trim());
            blank_before = false;
            continue;
        }
        // A bullet's next line indented under it goes on with it.
        if hint == Hint::None
            && !blank_before
            && raw.starts_with([' ', '\t'])
            && let Some(last) = out.last_mut()
            && last.hint == Hint::Bullet
        {
            last.text.push(' ');
            last.text.push_str(text.trim());
            continue;
        }
        if text.trim().is_empty() {
            continue;
        }
        // A thematic break (`***`, `___`) separates, and says nothing more.
        if hint == Hint::None && text.trim().chars().all(|c| c == '*' || c == '_') {
            blank_before = true;
            continue;
        }
        let mut line = Line::plain(text.trim(), number, hint, bold);
        line.gap_before = blank_before;
        blank_before = false;
        out.push(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_become_hints() {
        let lines = lines(
            "# Ada Lovelace\n[GitHub](https://github.com/ada)\n\n## Experience\n\
             **Engineer** — Initech\n- Built [the engine](https://x.org), *fast*\n  and well\n1. Item\n",
        );
        let texts: Vec<(&str, Hint)> = lines.iter().map(|l| (l.text.as_str(), l.hint)).collect();
        assert_eq!(
            texts,
            vec![
                ("Ada Lovelace", Hint::Heading(1)),
                ("https://github.com/ada", Hint::None),
                ("Experience", Hint::Heading(2)),
                ("Engineer — Initech", Hint::None),
                ("Built the engine, fast and well", Hint::Bullet),
                ("Item", Hint::Bullet),
            ]
        );
        assert!(!lines[1].gap_before && lines[2].gap_before);
    }

    #[test]
    fn snake_case_and_arithmetic_keep_their_marks() {
        assert_eq!(
            unemphasise("my_var_name and 2*3*4").0,
            "my_var_name and 2*3*4"
        );
    }
}
