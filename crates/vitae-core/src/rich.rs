//! Inline formatting in resume text: strong, emphasis, code and links, read from the Markdown that
//! RenderCV and resume-cli users write (`**bold**`, `*italic*`, `[text](url)`) and from the HTML
//! subset JSON Resume editors write (`<b>`, `<em>`, `<a href>`, `<br>`), and written back as
//! Markdown.
//!
//! The model keeps every text as its *plain* words, so that the ATS check, tailoring and the
//! verifier compare what a reader sees, never markup. The formatting is a list of [`Mark`]s over
//! that plain text, kept in [`Inline`], a table on the resume keyed by the plain text itself:
//! formatting belongs to the words, so it follows them wherever a variant or a tailoring moves
//! them, and text the model rewrote (which matches no key) is shown plain. Markup never reaches
//! a renderer as markup: each writes the marks in its own syntax, escaped as any user text.
//!
//! Hand-written rather than a CommonMark crate: only the inline subset is wanted (a bullet that
//! starts with `1.` or `#` is text, not a list or a heading), positions must map back to the
//! plain text, and HTML tags are interpreted rather than passed through.

use indexmap::IndexMap;
use serde::Serialize;

/// What a mark does to its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "href")]
pub enum Style {
    Strong,
    Emphasis,
    Code,
    /// A link to this address (as written; renderers check the scheme before they link).
    Link(String),
}

/// Formatting over a byte range of a plain text (`start..end`, on character boundaries).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub style: Style,
}

/// The formatting of every text that has some, keyed by its plain text.
pub type Inline = IndexMap<String, Vec<Mark>>;

/// A text's plain words and their formatting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub plain: String,
    pub marks: Vec<Mark>,
}

/// Whether `text` may hold markup at all; most text does not, and is left untouched.
fn may_have_markup(text: &str) -> bool {
    text.contains(['*', '_', '`', '[', '<', '&', '\\'])
}

/// Reads the inline Markdown and HTML subset of `text`. Markup that is not closed, or that
/// CommonMark would not read as markup (`5 * 3`, `snake_case`, `*nix`), stays text.
pub fn parse(text: &str) -> Parsed {
    if !may_have_markup(text) {
        return Parsed {
            plain: text.to_owned(),
            marks: Vec::new(),
        };
    }
    let mut p = Parser {
        src: text,
        out: String::with_capacity(text.len()),
        marks: Vec::new(),
        open: Vec::new(),
    };
    p.run();
    Parsed {
        plain: p.out,
        marks: p.marks,
    }
}

struct Parser<'a> {
    src: &'a str,
    out: String,
    marks: Vec<Mark>,
    /// HTML elements open: their style and where their text starts in `out`.
    open: Vec<(Style, usize)>,
}

impl Parser<'_> {
    fn run(&mut self) {
        let src = self.src;
        let mut i = 0;
        while i < src.len() {
            let rest = &src[i..];
            let c = rest.chars().next().unwrap_or_default();
            let step = match c {
                '\\' => self.escape(rest),
                '`' => self.code(rest),
                '*' | '_' => self.emphasis(i, rest, c),
                '[' => self.link(rest),
                '<' => self.tag(rest),
                '&' => self.entity(rest),
                _ => None,
            };
            match step {
                Some(n) => i += n,
                None => {
                    self.out.push(c);
                    i += c.len_utf8();
                }
            }
        }
        // Elements left open end with the text.
        while let Some((style, start)) = self.open.pop() {
            if style != Style::Link(String::new()) {
                self.mark(start, style);
            }
        }
        // Line breaks that closing tags added at the very end are no text.
        if !self.src.ends_with('\n') {
            let len = self.out.trim_end_matches('\n').len();
            self.out.truncate(len);
            for m in &mut self.marks {
                m.end = m.end.min(len);
            }
            self.marks.retain(|m| m.start < m.end);
        }
        self.marks
            .sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    }

    fn mark(&mut self, start: usize, style: Style) {
        if self.out.len() > start {
            self.marks.push(Mark {
                start,
                end: self.out.len(),
                style,
            });
        }
    }

    /// Inner text parsed on its own, its marks shifted to where it lands.
    fn nested(&mut self, inner: &str) -> usize {
        let start = self.out.len();
        let parsed = parse(inner);
        self.out.push_str(&parsed.plain);
        self.marks.extend(parsed.marks.into_iter().map(|m| Mark {
            start: m.start + start,
            end: m.end + start,
            style: m.style,
        }));
        start
    }

    /// `\*`: an ASCII punctuation character, as itself.
    fn escape(&mut self, rest: &str) -> Option<usize> {
        let next = rest[1..].chars().next()?;
        if !next.is_ascii_punctuation() {
            return None;
        }
        self.out.push(next);
        Some(1 + next.len_utf8())
    }

    /// `` `code` `` (or ``` `` a ` b `` ```): as written, nothing inside is markup.
    fn code(&mut self, rest: &str) -> Option<usize> {
        let ticks = rest.bytes().take_while(|&b| b == b'`').count();
        let fence = &rest[..ticks];
        let body = &rest[ticks..];
        let close = find_run(body, fence, b'`')?;
        let mut inner = &body[..close];
        // One space on each side is padding, as CommonMark has it.
        if inner.len() >= 2 && inner.starts_with(' ') && inner.ends_with(' ') && inner.trim() != ""
        {
            inner = &inner[1..inner.len() - 1];
        }
        if inner.is_empty() {
            return None;
        }
        let start = self.out.len();
        self.out.push_str(inner);
        self.mark(start, Style::Code);
        Some(ticks + close + ticks)
    }

    /// `*em*`, `**strong**`, `***both***` and the same with `_`, closed by the same run.
    fn emphasis(&mut self, at: usize, rest: &str, c: char) -> Option<usize> {
        let run = rest.bytes().take_while(|&b| b == c as u8).count().min(3);
        let delim = &rest[..run];
        let after = &rest[run..];
        // An opener is followed by a non-space; `_` also needs no letter before it (intraword
        // underscores are text: snake_case).
        let before = self.src[..at].chars().next_back();
        if after.starts_with(char::is_whitespace) || after.is_empty() {
            return None;
        }
        if c == '_' && before.is_some_and(char::is_alphanumeric) {
            return None;
        }
        let close = find_closer(after, delim, c)?;
        let inner = &after[..close];
        let start = self.nested(inner);
        let styles: &[Style] = match run {
            1 => &[Style::Emphasis],
            2 => &[Style::Strong],
            _ => &[Style::Strong, Style::Emphasis],
        };
        for style in styles {
            self.mark(start, style.clone());
        }
        Some(run + close + run)
    }

    /// `[text](url)`: the text, linked.
    fn link(&mut self, rest: &str) -> Option<usize> {
        let close = matching_bracket(rest)?;
        let text = &rest[1..close];
        let tail = &rest[close + 1..];
        let target = tail.strip_prefix('(')?;
        // `(<address with spaces>)` or `(address)`.
        let (url, end) = match target.strip_prefix('<') {
            Some(pointed) => {
                let gt = pointed.find('>')?;
                let after = pointed[gt + 1..].trim_start();
                after.starts_with(')').then_some(())?;
                let end = target.len() - after.len();
                (&pointed[..gt], end)
            }
            None => {
                let end = target.find(')')?;
                let url = target[..end].trim();
                if url.contains(char::is_whitespace) {
                    return None;
                }
                (url, end)
            }
        };
        if url.trim().is_empty() || text.trim().is_empty() {
            return None;
        }
        let start = self.nested(text);
        self.mark(start, Style::Link(url.to_owned()));
        Some(close + 1 + 1 + end + 1)
    }

    /// The HTML subset: `<b>`/`<strong>`, `<i>`/`<em>`, `<code>`, `<a href>`, `<br>` and `<p>` (a
    /// line break), any other tag dropped with its text kept. Text that is no tag (`a < b`) stays.
    fn tag(&mut self, rest: &str) -> Option<usize> {
        let end = rest.find('>')?;
        let inside = &rest[1..end];
        let closing = inside.starts_with('/');
        let body = inside.strip_prefix('/').unwrap_or(inside);
        // A tag's name follows `<` (or `</`) at once: `a < b > c` is text.
        if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let body = body.trim_end_matches('/').trim_end();
        let name_len = body
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = body[..name_len].to_ascii_lowercase();
        let attrs = &body[name_len..];
        if !attrs.is_empty() && !attrs.starts_with(char::is_whitespace) {
            return None;
        }
        let style = match name.as_str() {
            "b" | "strong" => Some(Style::Strong),
            "i" | "em" => Some(Style::Emphasis),
            "code" | "tt" => Some(Style::Code),
            "a" => Some(Style::Link(href(attrs).unwrap_or_default())),
            "br" => {
                self.out.push('\n');
                None
            }
            "p" | "div" | "li" | "ul" | "ol" => {
                // A block boundary: a blank line between paragraphs, never one at the start.
                if closing && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push_str("\n\n");
                }
                None
            }
            // Tags editors write that carry no meaning here: dropped, their text kept.
            "span" | "font" | "u" | "s" | "small" | "sup" | "sub" | "mark" | "abbr" | "h1"
            | "h2" | "h3" | "h4" | "h5" | "h6" => None,
            // Anything else is not HTML we know: text, as written (`x<y and z>w`).
            _ => return None,
        };
        if let Some(style) = style {
            let same = |s: &Style| std::mem::discriminant(s) == std::mem::discriminant(&style);
            if closing {
                if let Some(at) = self.open.iter().rposition(|(s, _)| same(s)) {
                    let (style, start) = self.open.remove(at);
                    // A link without an address is only its text.
                    if style != Style::Link(String::new()) {
                        self.mark(start, style);
                    }
                }
            } else {
                self.open.push((style, self.out.len()));
            }
        }
        Some(end + 1)
    }

    /// `&amp;`, `&lt;`, `&#39;`, `&#x2014;`...: the character.
    fn entity(&mut self, rest: &str) -> Option<usize> {
        let window: String = rest.chars().take(12).collect();
        let end = window.find(';')?;
        let name = &rest[1..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "ndash" => '–',
            "mdash" => '—',
            _ => {
                let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse().ok()?
                };
                char::from_u32(code).filter(|c| !c.is_control() || *c == '\n')?
            }
        };
        self.out.push(c);
        Some(end + 1)
    }
}

/// The `href` of an `<a ...>` tag's attributes.
fn href(attrs: &str) -> Option<String> {
    let at = attrs.to_ascii_lowercase().find("href")?;
    let rest = attrs[at + 4..].trim_start().strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => {
            let body = &rest[1..];
            &body[..body.find(q)?]
        }
        _ => rest.split(char::is_whitespace).next()?,
    };
    Some(parse(value).plain).filter(|v| !v.is_empty())
}

/// Where a run of exactly `fence.len()` backticks starts in `body`.
fn find_run(body: &str, fence: &str, b: u8) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b {
            let run = bytes[i..].iter().take_while(|&&x| x == b).count();
            if run == fence.len() {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Where the closing `delim` of an emphasis starts in `after`: the same run, preceded by a
/// non-space, and (for `_`) not followed by a letter.
fn find_closer(after: &str, delim: &str, c: char) -> Option<usize> {
    let bytes = after.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 1 + after[i + 1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if bytes[i] == b'`' {
            // A code span is opaque.
            let ticks = bytes[i..].iter().take_while(|&&x| x == b'`').count();
            let fence = &after[i..i + ticks];
            match find_run(&after[i + ticks..], fence, b'`') {
                Some(close) => {
                    i += ticks + close + ticks;
                    continue;
                }
                None => {
                    i += ticks;
                    continue;
                }
            }
        }
        if after[i..].starts_with(delim) {
            let run = bytes[i..].iter().take_while(|&&x| x == c as u8).count();
            let before = after[..i].chars().next_back();
            let next = after[i + run..].chars().next();
            let flanking = before.is_some_and(|b| !b.is_whitespace());
            let intraword = c == '_' && next.is_some_and(char::is_alphanumeric);
            if run == delim.len() && flanking && !intraword {
                return Some(i);
            }
            i += run;
            continue;
        }
        i += after[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The `]` that closes the `[` at the start of `text`, with nesting.
fn matching_bracket(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// `plain` with `marks` as Markdown that [`parse`] reads back to exactly this: the characters that
/// would read as markup are escaped where they would.
pub fn to_markdown(plain: &str, marks: &[Mark]) -> String {
    let written = write(plain, marks, false);
    if parse(&written)
        == (Parsed {
            plain: plain.to_owned(),
            marks: sorted(marks),
        })
    {
        return written;
    }
    write(plain, marks, true)
}

fn sorted(marks: &[Mark]) -> Vec<Mark> {
    let mut marks = marks.to_vec();
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    marks
}

/// Writes the marks as Markdown delimiters around the plain text; `escape_all` escapes every
/// character that could be read as markup, for texts whose plain form would otherwise change.
fn write(plain: &str, marks: &[Mark], escape_all: bool) -> String {
    let mut out = String::with_capacity(plain.len() + marks.len() * 4);
    // Opening and closing points, by byte offset; closers before openers at the same offset.
    let mut events: Vec<(usize, bool, usize)> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        if m.start < m.end && m.end <= plain.len() {
            events.push((m.start, true, i));
            events.push((m.end, false, i));
        }
    }
    events.sort_by_key(|&(at, opens, i)| {
        let len = marks[i].end - marks[i].start;
        // Longer marks open first and close last, so they nest.
        (at, opens, if opens { usize::MAX - len } else { len })
    });
    let in_code = |at: usize| {
        marks
            .iter()
            .any(|m| m.style == Style::Code && m.start <= at && at < m.end)
    };
    let mut e = 0;
    for (at, c) in plain
        .char_indices()
        .chain(std::iter::once((plain.len(), '\0')))
    {
        while e < events.len() && events[e].0 == at {
            let (_, opens, i) = events[e];
            match (&marks[i].style, opens) {
                (Style::Strong, _) => out.push_str("**"),
                (Style::Emphasis, _) => out.push('*'),
                (Style::Code, _) => out.push('`'),
                (Style::Link(_), true) => out.push('['),
                (Style::Link(url), false) => {
                    // An address with spaces or parentheses goes in angle brackets.
                    if url.contains([' ', '(', ')']) {
                        out.push_str("](<");
                        out.push_str(&url.replace('>', "%3E"));
                        out.push_str(">)");
                    } else {
                        out.push_str("](");
                        out.push_str(url);
                        out.push(')');
                    }
                }
            }
            e += 1;
        }
        if at == plain.len() {
            break;
        }
        let special =
            matches!(c, '*' | '`' | '[' | ']' | '\\' | '<' | '&') || (c == '_' && escape_all);
        if special && !in_code(at) && (escape_all || c == '\\' || c == '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks_of(text: &str) -> Vec<(String, Style)> {
        let p = parse(text);
        p.marks
            .iter()
            .map(|m| (p.plain[m.start..m.end].to_owned(), m.style.clone()))
            .collect()
    }

    #[test]
    fn markdown_emphasis_strong_code_and_links_become_marks_over_plain_text() {
        let p = parse("This is **bold**, *italic*, and [link](https://example.com).");
        assert_eq!(p.plain, "This is bold, italic, and link.");
        assert_eq!(
            marks_of("This is **bold**, *italic*, and [link](https://example.com)."),
            [
                ("bold".to_owned(), Style::Strong),
                ("italic".to_owned(), Style::Emphasis),
                ("link".to_owned(), Style::Link("https://example.com".into())),
            ]
        );
        assert_eq!(parse("***H. Tom***").plain, "H. Tom");
        assert_eq!(marks_of("***H. Tom***").len(), 2);
        assert_eq!(parse("use `a*b*c` here").plain, "use a*b*c here");
        assert_eq!(
            marks_of("[**Flash**Infer](https://github.com/)"),
            [
                (
                    "FlashInfer".to_owned(),
                    Style::Link("https://github.com/".into())
                ),
                ("Flash".to_owned(), Style::Strong),
            ]
        );
    }

    #[test]
    fn text_that_only_looks_like_markup_stays_text() {
        for text in [
            "5 * 3 = 15",
            "snake_case_name and snake_case",
            "*nix systems",
            "C++ and C#",
            "a < b > c",
            "[draft] notes",
            "AT&T",
            "1. first",
            "# not a heading",
            "rates of 10*",
        ] {
            let p = parse(text);
            assert_eq!(p.plain, text, "{text}");
            assert!(p.marks.is_empty(), "{text}: {:?}", p.marks);
        }
    }

    #[test]
    fn the_html_editors_write_becomes_marks_and_line_breaks() {
        let p = parse(
            "Led <b>5</b> engineers at <a href=\"https://acme.example\">Acme</a>.<br>Cut costs &amp; time.",
        );
        assert_eq!(p.plain, "Led 5 engineers at Acme.\nCut costs & time.");
        assert_eq!(
            marks_of("Led <b>5</b> engineers at <a href=\"https://acme.example\">Acme</a>.<br>x"),
            [
                ("5".to_owned(), Style::Strong),
                (
                    "Acme".to_owned(),
                    Style::Link("https://acme.example".into())
                ),
            ]
        );
        assert_eq!(
            parse("<p>One.</p><p>Two <span class=x>words</span>.</p>").plain,
            "One.\n\nTwo words."
        );
        assert_eq!(parse("<em>unclosed").plain, "unclosed");
    }

    #[test]
    fn markdown_written_back_reads_as_the_same_text_and_marks() {
        for text in [
            "This is **bold**, *italic*, and [link](https://example.com).",
            "***H. Tom*** and `code_span`",
            "plain 5 * 3 with snake_case",
            "Led <b>5</b> at <a href='https://a.example/x y'>A</a>",
        ] {
            let p = parse(text);
            let md = to_markdown(&p.plain, &p.marks);
            assert_eq!(parse(&md), p, "{text} → {md}");
        }
        // A plain text that would read as markup is escaped, so it stays plain.
        let md = to_markdown("a *b* c [d](e)", &[]);
        assert_eq!(parse(&md).plain, "a *b* c [d](e)");
        assert!(parse(&md).marks.is_empty(), "{md}");
    }
}
