//! Escaping of user text and URLs for every target, in one place.
//!
//! Each target's writer (`Out` in `markdown.rs`, `text.rs`, `html.rs`, `latex.rs`) routes every user
//! string through one of these functions; nothing else in the crate knows a target's special
//! characters. All functions are total: any `&str` in, valid target source out. They also fold line
//! breaks into spaces where a raw newline would change structure (a blank line ends a LaTeX argument,
//! a newline starts a Markdown block), and drop control characters, which no target can show.

use std::fmt::Write as _;

/// Line and paragraph separators that, left in a string, would break the one-line structure a
/// writer relies on. They are folded into a space.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Characters that are neither visible nor whitespace in any target (C0/C1 controls, DEL).
fn is_dropped(c: char) -> bool {
    c.is_control() && !is_line_break(c)
}

/// Normalizes user text for a one-line context: line breaks and tabs become spaces, runs of
/// breaking whitespace collapse to one space, control characters disappear, the ends are trimmed.
/// No-break spaces are kept: they carry the author's intent ("10 000", "Mr. Smith").
pub(crate) fn fold(s: &str) -> String {
    // Fast path for the common case, printable ASCII with single inner spaces: nothing to change.
    // (Every string is folded twice, by the layout and again by the writer, which stays total.)
    let bytes = s.as_bytes();
    let clean = bytes.iter().all(|b| (b' '..=b'~').contains(b))
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ");
    if clean {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_line_break(c) || (c.is_whitespace() && !is_no_break_space(c)) {
            pending_space = !out.is_empty();
        } else if !is_dropped(c) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Plain text: only the cleaning of [`fold`]; plain text has no special characters. Tabs become
/// spaces so the output stays ATS-safe.
pub(crate) fn plain(s: &str) -> String {
    fold(s)
}

/// HTML text and attribute values: the five characters that can open markup or close a quoted
/// attribute are replaced by character references, so the same function is safe in both places.
pub(crate) fn html_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A carriage return or control character is invalid in HTML text; newlines and tabs are
            // ordinary whitespace there.
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// Markdown (CommonMark + GitHub extensions) inline text. `block_start` says whether the text begins
/// a block (a line, a list item, a heading), where `-`, `+`, `=` and `1.` would start a list, a
/// thematic break or a setext heading.
///
/// Characters that are special anywhere (emphasis, links, code, HTML, entities, tables,
/// strikethrough, math, headings' closing `#`) are always escaped. `-`, `+`, `=`, `!`, `(`, `)` and
/// `.` only matter at the start of a block or right after an unescaped `]`/`!`, which cannot occur,
/// so they are left alone mid-line: the Markdown file stays readable as text ("full-stack", "(5
/// people)"), which matters because people and ATS tools read the raw file too.
pub(crate) fn markdown_into(out: &mut String, s: &str, block_start: bool) {
    let text = fold(s);
    let mut at_start = block_start;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // "- x", "+ x" open a list; "---", "===" are a thematic break or a setext underline.
            // "-5%" or "+1" open nothing and stay as written.
            '-' | '+' | '=' if at_start && opens_block(&text[i + c.len_utf8()..], c) => {
                out.push('\\');
                out.push(c);
            }
            '0'..='9' if at_start => {
                // "1. x" or "1) x" at a block start opens an ordered list: escape the delimiter.
                // "1.4k stars" does not, and stays as written.
                let digits_end = text[i..]
                    .find(|d: char| !d.is_ascii_digit())
                    .map_or(text.len(), |n| i + n);
                out.push_str(&text[i..digits_end]);
                while chars.peek().is_some_and(|&(j, _)| j < digits_end) {
                    chars.next();
                }
                if let Some(&(_, d @ ('.' | ')'))) = chars.peek() {
                    let after = &text[digits_end + 1..];
                    if after.is_empty() || after.starts_with(' ') {
                        out.push('\\');
                    }
                    out.push(d);
                    chars.next();
                }
            }
            c => out.push(c),
        }
        at_start = false;
    }
}

/// Whether `-`, `+` or `=` at a block start, followed by `rest`, would be read as structure: a list
/// marker needs a space or the end after it; a thematic break or setext underline repeats the
/// character.
fn opens_block(rest: &str, c: char) -> bool {
    rest.is_empty() || rest.starts_with(' ') || rest.starts_with(c)
}

/// LaTeX text (pdfTeX, XeTeX, LuaTeX). Every character with a category code other than letter or
/// other, every character a font may print as something else (in OT1 `<` `>` `|` are ¡ ¿ —; `"` is
/// active with babel), and every ligature-forming pair (`--`, `,,`, `''`, `<<`, `` ` ``) is replaced,
/// so user text prints literally and can never start a command, a group, a math shift, a comment, an
/// optional argument (`[` after `\item`) or a paragraph. Characters outside ASCII are kept as UTF-8:
/// XeTeX and LuaTeX typeset them, and the LaTeX preamble declares a fallback for those pdfTeX lacks.
pub(crate) fn latex_into(out: &mut String, s: &str) {
    let text = fold(s);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' => out.push_str("\\&"),
            '%' => out.push_str("\\%"),
            '$' => out.push_str("\\$"),
            '#' => out.push_str("\\#"),
            '_' => out.push_str("\\_"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            '"' => out.push_str("\\textquotedbl{}"),
            // `'` as a typographic apostrophe, as LaTeX would print it.
            '\'' => out.push_str("\\textquoteright{}"),
            '`' => out.push_str("\\textasciigrave{}"),
            // Brackets are harmless in running text but open an optional argument right after
            // `\item` or `\\`; a group hides them.
            '[' => out.push_str("{[}"),
            ']' => out.push_str("{]}"),
            c => out.push(c),
        }
        // Doubled, these glyphs form ligatures in T1 and TeX-ligature fonts: `--` `,,` `<<` `>>`
        // `''` print as – „ « » ”. A kern between them breaks the ligature in every engine; an
        // empty group `{}` does not in LuaTeX (checked with pdflatex and lualatex).
        if matches!(c, '-' | ',' | '<' | '>' | '\'') && chars.peek() == Some(&c) {
            out.push_str("\\kern0pt ");
        }
    }
}

/// Percent-encodes the characters that are not allowed in a URI (RFC 3986) and that some targets
/// cannot carry: controls, space, `"` `<` `>` `\` `^` `` ` `` `{` `|` `}` and every non-ASCII
/// character (as its UTF-8 bytes). Existing `%XX` escapes are kept.
pub(crate) fn url_common(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => push_percent(&mut out, c),
            c if c.is_ascii_control() || !c.is_ascii() => push_percent(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

fn push_percent(out: &mut String, c: char) {
    let mut buf = [0u8; 4];
    for b in c.encode_utf8(&mut buf).bytes() {
        // Writing to a String cannot fail.
        let _ = write!(out, "%{b:02X}");
    }
}

/// A URL as a Markdown link destination: `(`, `)` would end it early, so they are percent-encoded
/// along with everything [`url_common`] encodes.
pub(crate) fn markdown_url(url: &str) -> String {
    url_common(url).replace('(', "%28").replace(')', "%29")
}

/// A URL as the first argument of hyperref's `\href`. hyperref turns `\%`, `\#` and `\&` back into
/// the bare characters in the PDF link, and `\string` makes `~` and `$` literal even when `\href` sits
/// in another command's argument, where hyperref can no longer change category codes (verified with
/// pdflatex: the PDF URI is byte-identical to the input URL).
pub(crate) fn latex_url(url: &str) -> String {
    let encoded = url_common(url);
    let mut out = String::with_capacity(encoded.len() + 8);
    for c in encoded.chars() {
        match c {
            '%' => out.push_str("\\%"),
            '#' => out.push_str("\\#"),
            '&' => out.push_str("\\&"),
            '~' => out.push_str("\\string~"),
            '$' => out.push_str("\\string$"),
            c => out.push(c),
        }
    }
    out
}

/// Ends a document with exactly one newline, however many blocks ended with blank lines.
pub fn one_trailing_newline(mut buf: String) -> String {
    let len = buf.trim_end_matches('\n').len();
    buf.truncate(len);
    buf.push('\n');
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: impl Fn(&str) -> String, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            assert_eq!(f(input), *expected, "input: {input:?}");
        }
    }

    fn html(s: &str) -> String {
        let mut out = String::new();
        html_into(&mut out, s);
        out
    }

    fn md(s: &str) -> String {
        let mut out = String::new();
        markdown_into(&mut out, s, false);
        out
    }

    fn md_start(s: &str) -> String {
        let mut out = String::new();
        markdown_into(&mut out, s, true);
        out
    }

    fn latex(s: &str) -> String {
        let mut out = String::new();
        latex_into(&mut out, s);
        out
    }

    #[test]
    fn fold_collapses_line_breaks_and_drops_controls() {
        check(
            fold,
            &[
                ("", ""),
                ("  a  ", "a"),
                ("a  b", "a b"),
                ("plain ascii, kept as is", "plain ascii, kept as is"),
                ("a\nb", "a b"),
                ("a\r\n\r\n  b", "a b"),
                ("a\tb", "a b"),
                ("a\u{2028}b\u{2029}c", "a b c"),
                ("a\u{0}b\u{7}c\u{7F}d\u{9B}e", "abcde"),
                ("10\u{A0}000", "10\u{A0}000"),
                ("Zoë 李雷 😀", "Zoë 李雷 😀"),
            ],
        );
    }

    #[test]
    fn plain_text_is_folded_but_otherwise_verbatim() {
        check(
            plain,
            &[
                ("\\input{x} <b> *a* $HOME", "\\input{x} <b> *a* $HOME"),
                ("a\t\tb\n", "a b"),
            ],
        );
    }

    #[test]
    fn html_escapes_the_five_markup_characters() {
        check(
            html,
            &[
                ("plain", "plain"),
                ("a & b", "a &amp; b"),
                ("<script>", "&lt;script&gt;"),
                (
                    "</script><script>alert(1)</script>",
                    "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
                ),
                ("\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"),
                ("&amp;", "&amp;amp;"),
                ("a\u{0}b\rc", "abc"),
                ("a\nb", "a\nb"),
                ("Zoë 李雷 😀 مرحبا", "Zoë 李雷 😀 مرحبا"),
            ],
        );
    }

    #[test]
    fn markdown_escapes_inline_specials_everywhere() {
        check(
            md,
            &[
                ("plain text", "plain text"),
                ("**bold**", "\\*\\*bold\\*\\*"),
                ("_under_", "\\_under\\_"),
                ("snake_case", "snake\\_case"),
                ("`code`", "\\`code\\`"),
                ("[a](b)", "\\[a\\](b)"),
                ("![img](x)", "!\\[img\\](x)"),
                ("<b>", "\\<b\\>"),
                ("a\\b", "a\\\\b"),
                ("C# F#", "C\\# F\\#"),
                ("a | b", "a \\| b"),
                ("~~gone~~", "\\~\\~gone\\~\\~"),
                ("&copy;", "\\&copy;"),
                ("$HOME $x$", "\\$HOME \\$x\\$"),
                ("{{7*7}}", "{{7\\*7}}"),
                (
                    "full-stack (5 people) + more!",
                    "full-stack (5 people) + more!",
                ),
                ("1. not first", "1. not first"),
                ("line\n# heading\n- item", "line \\# heading - item"),
                ("Zoë 李雷 😀", "Zoë 李雷 😀"),
            ],
        );
    }

    #[test]
    fn markdown_escapes_block_openers_at_a_block_start() {
        check(
            md_start,
            &[
                ("- item", "\\- item"),
                ("+ item", "\\+ item"),
                ("---", "\\---"),
                ("===", "\\==="),
                ("# title", "\\# title"),
                ("> quote", "\\> quote"),
                ("1. first", "1\\. first"),
                ("2020) year", "2020\\) year"),
                ("2020 year", "2020 year"),
                ("123456789012.", "123456789012\\."),
                ("1.4k stars", "1.4k stars"),
                ("3)", "3\\)"),
                ("42", "42"),
                ("-", "\\-"),
                ("-5% churn", "-5% churn"),
                ("+1 (555) 010", "+1 (555) 010"),
                ("--verbose", "\\--verbose"),
                ("==", "\\=="),
                ("=x", "=x"),
                ("  - indented", "\\- indented"),
                ("a - b", "a - b"),
            ],
        );
    }

    #[test]
    fn latex_escapes_every_special_character() {
        check(
            latex,
            &[
                ("plain", "plain"),
                (
                    "\\input{/etc/passwd}",
                    "\\textbackslash{}input\\{/etc/passwd\\}",
                ),
                ("$HOME 100% & co #1", "\\$HOME 100\\% \\& co \\#1"),
                (
                    "~user ^caret",
                    "\\textasciitilde{}user \\textasciicircum{}caret",
                ),
                ("a_b", "a\\_b"),
                ("<>|", "\\textless{}\\textgreater{}\\textbar{}"),
                ("\"q\"", "\\textquotedbl{}q\\textquotedbl{}"),
                ("O'Brien", "O\\textquoteright{}Brien"),
                ("''x", "\\textquoteright{}\\kern0pt \\textquoteright{}x"),
                (
                    "<<a>>",
                    "\\textless{}\\kern0pt \\textless{}a\\textgreater{}\\kern0pt \\textgreater{}",
                ),
                (
                    "`x` ?` !`",
                    "\\textasciigrave{}x\\textasciigrave{} ?\\textasciigrave{} !\\textasciigrave{}",
                ),
                ("[opt]", "{[}opt{]}"),
                ("a-b", "a-b"),
                ("a--b", "a-\\kern0pt -b"),
                ("a---b", "a-\\kern0pt -\\kern0pt -b"),
                (",,x", ",\\kern0pt ,x"),
                ("a, b", "a, b"),
                ("{{7*7}}", "\\{\\{7*7\\}\\}"),
                ("\\\\", "\\textbackslash{}\\textbackslash{}"),
                ("para\n\nbreak", "para break"),
                ("a\u{0}\u{1B}b", "ab"),
                ("Zoë 李雷 😀 مرحبا", "Zoë 李雷 😀 مرحبا"),
                (
                    "\\par \\end{document}",
                    "\\textbackslash{}par \\textbackslash{}end\\{document\\}",
                ),
            ],
        );
    }

    #[test]
    fn urls_are_percent_encoded_where_the_target_needs_it() {
        check(
            url_common,
            &[
                (
                    "https://example.com/a?b=c&d=e#f",
                    "https://example.com/a?b=c&d=e#f",
                ),
                (" https://example.com/a b ", "https://example.com/a%20b"),
                (
                    "https://example.com/\"<x>\"",
                    "https://example.com/%22%3Cx%3E%22",
                ),
                (
                    "https://example.com/{a}|\\^`",
                    "https://example.com/%7Ba%7D%7C%5C%5E%60",
                ),
                ("https://example.com/zoë", "https://example.com/zo%C3%AB"),
                ("https://example.com/a\nb", "https://example.com/a%0Ab"),
                ("https://example.com/100%25", "https://example.com/100%25"),
            ],
        );
        check(
            markdown_url,
            &[
                (
                    "https://en.wikipedia.org/wiki/Rust_(language)",
                    "https://en.wikipedia.org/wiki/Rust_%28language%29",
                ),
                ("https://x.dev/a b", "https://x.dev/a%20b"),
            ],
        );
        check(
            latex_url,
            &[
                (
                    "https://x.dev/~ada/#top",
                    "https://x.dev/\\string~ada/\\#top",
                ),
                ("https://x.dev/?a=1&b=2%20", "https://x.dev/?a=1\\&b=2\\%20"),
                ("https://x.dev/a_b$c", "https://x.dev/a_b\\string$c"),
                ("https://x.dev/{x}\\y", "https://x.dev/\\%7Bx\\%7D\\%5Cy"),
                (
                    "https://x.dev/}\\input{x",
                    "https://x.dev/\\%7D\\%5Cinput\\%7Bx",
                ),
            ],
        );
    }
}
