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
fn may_have_markup(text: &str, html: bool) -> bool {
    text.contains(['*', '_', '`', '[', '\\', '&']) || (html && text.contains('<'))
}

/// A bullet and its sub-items: the byte range of the bullet's own text, and of each sub-item.
/// A sub-item is a line that starts with `- ` (after spaces) below the bullet's first line, as a
/// RenderCV highlight's ` - ` is read and as a native bullet may be written:
///
/// ```yaml
/// - |-
///   Published research at top-tier venues
///   - ICML 2022 main conference paper
/// ```
pub fn sub_items(text: &str) -> (std::ops::Range<usize>, Vec<std::ops::Range<usize>>) {
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (marker start, text start)
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if at > 0 {
            let trimmed = line.trim_start_matches([' ', '\t']);
            if let Some(rest) = trimmed.strip_prefix("- ") {
                let item = at + (line.len() - rest.len());
                starts.push((at, item));
            }
        }
        at += line.len();
    }
    let own = 0..starts.first().map_or(text.len(), |(marker, _)| *marker);
    let items = starts
        .iter()
        .enumerate()
        .map(|(i, (_, start))| *start..starts.get(i + 1).map_or(text.len(), |(m, _)| *m))
        .collect();
    (own, items)
}

/// A RenderCV highlight with its ` - ` sub-items on lines of their own (RenderCV's rule), except
/// inside a link's text or address or a code span (`[Part 1 - Intro](u)`, `` `a - b` ``).
pub fn rendercv_sub_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let (mut brackets, mut parens, mut code) = (0usize, 0usize, false);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if brackets == 0 && parens == 0 && !code && rest.starts_with(" - ") {
            out.push_str("\n- ");
            rest = &rest[3..];
            continue;
        }
        match c {
            '`' => code = !code,
            '[' if !code => brackets += 1,
            ']' if !code => brackets = brackets.saturating_sub(1),
            '(' if !code && out.ends_with(']') => parens += 1,
            '(' if !code && parens > 0 => parens += 1,
            ')' if !code => parens = parens.saturating_sub(1),
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// How deep emphasis and links may nest (`[**_x_**](u)` is three): deeper markup is text, so
/// hostile input cannot recurse without bound.
const MAX_DEPTH: u8 = 4;

/// How far a link's address is looked for, and (a quarter of it) an HTML tag: both are short.
const WINDOW: usize = 1024;

/// Reads the inline Markdown of `text` (RenderCV, resume-cli, the native format). Markup that is
/// not closed, or that CommonMark would not read as markup (`5 * 3`, `snake_case`, `*nix`), stays
/// text.
pub fn parse(text: &str) -> Parsed {
    parse_with(text, false, 0)
}

/// Reads inline Markdown and the HTML subset JSON Resume editors write (`<b>`, `<em>`, `<code>`,
/// `<a href>`, `<br>`, `<p>`). An opening tag that is never closed stays text.
pub fn parse_html(text: &str) -> Parsed {
    parse_with(text, true, 0)
}

fn parse_with(text: &str, html: bool, depth: u8) -> Parsed {
    if !may_have_markup(text, html) {
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
        html,
        depth,
        brackets: matching_brackets(text),
        no_closer: std::collections::HashSet::new(),
        no_code_closer: std::collections::HashSet::new(),
        paired: if html {
            paired_opening_tags(text)
        } else {
            std::collections::HashSet::new()
        },
        code_runs: None,
        next_paren: Next::new(b')'),
        next_gt: Next::new(b'>'),
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
    /// HTML elements open: their style, and where their text starts in `out`.
    open: Vec<(Style, usize)>,
    html: bool,
    depth: u8,
    /// The `]` that closes each `[` (by byte offset), found in one pass.
    brackets: std::collections::HashMap<usize, usize>,
    /// Delimiter runs (`*` or `_`, and their length) known to have no closer from some point on,
    /// and backtick runs likewise: later openers of the same run need not look again, so text
    /// full of openers stays linear.
    no_closer: std::collections::HashSet<(u8, usize)>,
    no_code_closer: std::collections::HashSet<usize>,
    /// Where the opening tags are that a closing tag of their kind answers (the nearest one
    /// before it, as the closing tag sees it): any other opening tag is text.
    paired: std::collections::HashSet<usize>,
    /// Where each length of backtick run starts, in order (made at the first backtick).
    code_runs: Option<std::collections::HashMap<usize, Vec<usize>>>,
    next_paren: Next,
    next_gt: Next,
}

/// The next place of one byte from a position that only moves forward, searched once: a parser
/// that asks at every position still reads the text once.
struct Next {
    byte: u8,
    /// `None`: not searched; `Some(None)`: none at or after `from`.
    found: Option<Option<usize>>,
    from: usize,
}

impl Next {
    fn new(byte: u8) -> Next {
        Next {
            byte,
            found: None,
            from: 0,
        }
    }

    fn at_or_after(&mut self, text: &str, at: usize) -> Option<usize> {
        match self.found {
            Some(Some(f)) if f >= at => return Some(f),
            Some(None) if at >= self.from => return None,
            _ => {}
        }
        let found = text.as_bytes()[at..]
            .iter()
            .position(|&b| b == self.byte)
            .map(|i| at + i);
        self.found = Some(found);
        self.from = at;
        found
    }
}

/// The index of a style in [`Parser::closers`].
fn kind(style: &Style) -> usize {
    match style {
        Style::Strong => 0,
        Style::Emphasis => 1,
        Style::Code => 2,
        Style::Link(_) => 3,
    }
}

/// The name of a style tag starting at `at` (`<b ...>`, `</em>`): its kind and whether it closes;
/// `None` for anything else.
fn style_tag(text: &str, at: usize) -> Option<(usize, bool)> {
    let rest = &text[at + 1..];
    let closing = rest.starts_with('/');
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let len = rest
        .bytes()
        .take_while(u8::is_ascii_alphanumeric)
        .take(8)
        .count();
    let after = rest[len..].chars().next()?;
    if !(after == '>' || after == '/' || after.is_whitespace()) {
        return None;
    }
    let style = match rest[..len].to_ascii_lowercase().as_str() {
        "b" | "strong" => Style::Strong,
        "i" | "em" => Style::Emphasis,
        "code" | "tt" => Style::Code,
        "a" => Style::Link(String::new()),
        _ => return None,
    };
    Some((kind(&style), closing))
}

/// The opening style tags a closing tag answers, in one pass: each closing tag takes the nearest
/// open one of its kind before it (`<b> vs <i> tags, <b>once</b>` bolds only `once`).
fn paired_opening_tags(text: &str) -> std::collections::HashSet<usize> {
    let mut open: [Vec<usize>; 4] = Default::default();
    let mut paired = std::collections::HashSet::new();
    for (at, _) in text.match_indices('<') {
        match style_tag(text, at) {
            Some((k, false)) => open[k].push(at),
            Some((k, true)) => {
                if let Some(opener) = open[k].pop() {
                    paired.insert(opener);
                }
            }
            None => {}
        }
    }
    paired
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
                '`' => Some(self.code(rest)),
                '*' | '_' => Some(self.emphasis(i, rest, c)),
                '[' => self.link(i, rest),
                '<' if self.html => self.tag(rest),
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
        // Opening tags are only taken with a closing one ahead, so none is left open; one that
        // is (its closer went to a later opener) marks nothing.
        self.open.clear();
        // Line breaks that closing tags added at the very end are no text.
        if !self.src.ends_with('\n') {
            let len = self.out.trim_end_matches('\n').len();
            self.out.truncate(len);
            for m in &mut self.marks {
                m.end = m.end.min(len);
            }
            self.marks.retain(|m| m.start < m.end);
        }
        sort(&mut self.marks);
    }

    /// Marks `out[start..]`, its edges' whitespace left out (`<b>Skills: </b>` bolds `Skills:`),
    /// as Markdown can only say it that way.
    fn mark(&mut self, start: usize, style: Style) {
        let text = &self.out[start..];
        let lead = text.len() - text.trim_start().len();
        let trail = text.len() - text.trim_end().len();
        let (start, end) = (start + lead, self.out.len() - trail);
        if start < end {
            self.marks.push(Mark { start, end, style });
        }
    }

    /// Inner text parsed on its own, its marks shifted to where it lands; as it is, past
    /// [`MAX_DEPTH`].
    fn nested(&mut self, inner: &str) -> usize {
        let start = self.out.len();
        if self.depth + 1 >= MAX_DEPTH {
            self.out.push_str(inner);
            return start;
        }
        let parsed = parse_with(inner, self.html, self.depth + 1);
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

    /// `` `code` `` (or ``` `` a ` b `` ```): as written, nothing inside is markup. A run of
    /// backticks that opens nothing is text, whole.
    fn code(&mut self, rest: &str) -> usize {
        let ticks = rest.bytes().take_while(|&b| b == b'`').count();
        let body = &rest[ticks..];
        let body_at = self.src.len() - body.len();
        let close = if self.no_code_closer.contains(&ticks) {
            None
        } else {
            // The next run of exactly this many backticks, from an index of every run made once.
            let runs = self
                .code_runs
                .get_or_insert_with(|| backtick_runs(self.src));
            runs.get(&ticks).and_then(|starts| {
                let i = starts.partition_point(|&s| s < body_at);
                starts.get(i).map(|&s| s - body_at)
            })
        };
        let Some(close) = close else {
            self.no_code_closer.insert(ticks);
            self.out.push_str(&rest[..ticks]);
            return ticks;
        };
        let mut inner = &body[..close];
        // One space on each side is padding, as CommonMark has it.
        if inner.len() >= 2 && inner.starts_with(' ') && inner.ends_with(' ') && inner.trim() != ""
        {
            inner = &inner[1..inner.len() - 1];
        }
        let start = self.out.len();
        self.out.push_str(inner);
        if !inner.is_empty() {
            self.marks.push(Mark {
                start,
                end: self.out.len(),
                style: Style::Code,
            });
        }
        ticks + close + ticks
    }

    /// `*em*`, `**strong**`, `***both***` and the same with `_`, closed by the same run. A run
    /// that opens nothing is text, whole.
    fn emphasis(&mut self, at: usize, rest: &str, c: char) -> usize {
        let run = rest.bytes().take_while(|&b| b == c as u8).count();
        let after = &rest[run..];
        let literal = |p: &mut Self| {
            p.out.push_str(&rest[..run]);
            run
        };
        // An opener is at most three long and followed by a non-space; `_` also needs no letter
        // before it (intraword underscores are text: snake_case).
        let before = self.src[..at].chars().next_back();
        if run > 3
            || after.is_empty()
            || after.starts_with(char::is_whitespace)
            || (c == '_' && before.is_some_and(char::is_alphanumeric))
            || self.no_closer.contains(&(c as u8, run))
        {
            return literal(self);
        }
        let Some(close) = find_closer(after, run, c) else {
            self.no_closer.insert((c as u8, run));
            return literal(self);
        };
        let start = self.nested(&after[..close]);
        let styles: &[Style] = match run {
            1 => &[Style::Emphasis],
            2 => &[Style::Strong],
            _ => &[Style::Strong, Style::Emphasis],
        };
        for style in styles {
            self.mark(start, style.clone());
        }
        run + close + run
    }

    /// `[text](url)` or `[text](<url with spaces>)`: the text, linked.
    fn link(&mut self, at: usize, rest: &str) -> Option<usize> {
        let close = self.brackets.get(&at)? - at;
        let text = &rest[1..close];
        let target = rest[close + 1..].strip_prefix('(')?;
        let target_at = at + close + 2;
        // The address ends at a `)` close by: none within the window, no link (found once for
        // the whole text, so a text of unclosed `](` stays linear).
        let first = self.next_paren.at_or_after(self.src, target_at)? - target_at;
        if first > WINDOW {
            return None;
        }
        let window = &target[..floor_boundary(target, WINDOW)];
        let (url, end) = if let Some(pointed) = window.strip_prefix('<') {
            let gt = pointed.find('>')?;
            let after = &pointed[gt + 1..];
            after.starts_with(')').then_some(())?;
            (&pointed[..gt], 1 + gt + 1)
        } else {
            let end = closing_paren(window)?;
            (window[..end].trim(), end)
        };
        if url.is_empty() || text.trim().is_empty() {
            return None;
        }
        let start = self.nested(text);
        self.mark(start, Style::Link(url.to_owned()));
        Some(close + 1 + 1 + end + 1)
    }

    /// The HTML subset: `<b>`/`<strong>`, `<i>`/`<em>`, `<code>`, `<a href>`, `<br>` and `<p>` (a
    /// line break), the tags editors add without meaning (`<span>`) dropped with their text kept.
    /// Anything else (`a < b > c`, `<div>` in prose about HTML... no: `<div>` is a block) stays.
    fn tag(&mut self, rest: &str) -> Option<usize> {
        let at = self.src.len() - rest.len();
        let end = self.next_gt.at_or_after(self.src, at)? - at;
        if end > WINDOW / 4 {
            return None;
        }
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
            "b" | "strong" => Style::Strong,
            "i" | "em" => Style::Emphasis,
            "code" | "tt" => Style::Code,
            "a" => Style::Link(href(attrs).unwrap_or_default()),
            "br" => {
                self.out.push('\n');
                return Some(end + 1);
            }
            "p" | "div" | "li" | "ul" | "ol" => {
                // A block boundary: a blank line between paragraphs, never one at the start.
                if closing && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push_str("\n\n");
                }
                return Some(end + 1);
            }
            // Tags editors write that carry no meaning here: dropped, their text kept.
            "span" | "font" | "u" | "s" | "small" | "sup" | "sub" | "mark" | "abbr" | "h1"
            | "h2" | "h3" | "h4" | "h5" | "h6" => return Some(end + 1),
            // Anything else is not HTML we know: text, as written (`x<y and z>w`).
            _ => return None,
        };
        let k = kind(&style);
        if closing {
            // A closing tag nothing opened is dropped, like a browser does.
            if let Some(at) = self.open.iter().rposition(|(s, _)| kind(s) == k) {
                let (style, start) = self.open.remove(at);
                // A link without an address is only its text.
                if style != Style::Link(String::new()) {
                    self.mark(start, style);
                }
            }
        } else {
            // Taken only when a closing tag answers it: `<b> vs <i>` in prose about HTML stays
            // text, and nothing is bold to the end.
            if !self.paired.contains(&at) {
                return None;
            }
            self.open.push((style, self.out.len()));
        }
        Some(end + 1)
    }

    /// `&amp;`, `&lt;`, `&#39;`, `&#x2014;`...: the character.
    fn entity(&mut self, rest: &str) -> Option<usize> {
        let window = &rest[..floor_boundary(rest, 12)];
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

/// The largest character boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
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

/// Where the `)` that ends a link's address is: the first one outside balanced parentheses
/// (`https://en.wikipedia.org/wiki/Rust_(programming_language)`); `None` past whitespace.
fn closing_paren(target: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in target.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(i),
            ')' => depth -= 1,
            c if c.is_whitespace() => return None,
            _ => {}
        }
    }
    None
}

/// Where each length of backtick run starts in `text`, in order.
fn backtick_runs(text: &str) -> std::collections::HashMap<usize, Vec<usize>> {
    let mut runs: std::collections::HashMap<usize, Vec<usize>> = std::collections::HashMap::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let len = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            runs.entry(len).or_default().push(i);
            i += len;
        } else {
            i += 1;
        }
    }
    runs
}

/// Where the closing run of an emphasis starts in `after`: as long as the opener, preceded by a
/// non-space, and (for `_`) not followed by a letter. The inner text is never empty.
fn find_closer(after: &str, len: usize, c: char) -> Option<usize> {
    let bytes = after.as_bytes();
    let mut i = after.chars().next().map_or(1, char::len_utf8);
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 1 + after[i + 1..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if bytes[i] == c as u8 {
            let run = bytes[i..].iter().take_while(|&&x| x == c as u8).count();
            let before = after[..i].chars().next_back();
            let next = after[i + run..].chars().next();
            let flanking = before.is_some_and(|b| !b.is_whitespace());
            let intraword = c == '_' && next.is_some_and(char::is_alphanumeric);
            if run == len && flanking && !intraword {
                return Some(i);
            }
            i += run;
            continue;
        }
        i += after[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The `]` that closes each `[` of `text`, nesting counted and escapes skipped, in one pass.
fn matching_brackets(text: &str) -> std::collections::HashMap<usize, usize> {
    let mut matches = std::collections::HashMap::new();
    let mut open: Vec<usize> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => open.push(i),
            b']' => {
                if let Some(at) = open.pop() {
                    matches.insert(at, i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    matches
}

/// `plain` with `marks` as Markdown that [`parse`] reads back to exactly this: the characters that
/// would read as markup are escaped where they would.
pub fn to_markdown(plain: &str, marks: &[Mark]) -> String {
    markdown_read_by(plain, marks, parse)
}

/// [`to_markdown`] for text that is read back with [`parse_html`] (JSON Resume): a literal `<b>`
/// is escaped so that it stays text.
pub fn to_markdown_html(plain: &str, marks: &[Mark]) -> String {
    markdown_read_by(plain, marks, parse_html)
}

fn markdown_read_by(plain: &str, marks: &[Mark], read: fn(&str) -> Parsed) -> String {
    let wanted = Parsed {
        plain: plain.to_owned(),
        marks: sorted(marks),
    };
    // Delimiters that read back unambiguously depend on the neighbours (`**foo***bar*` does
    // not, `**foo**_bar_` does): the first choice that reads back to the same text and marks.
    let mut last = String::new();
    for escape_all in [false, true] {
        for (strong, emphasis) in [('*', '*'), ('*', '_'), ('_', '*'), ('_', '_')] {
            last = write(plain, marks, (strong, emphasis), escape_all);
            if read(&last) == wanted {
                return last;
            }
        }
    }
    last
}

fn sorted(marks: &[Mark]) -> Vec<Mark> {
    let mut marks = marks.to_vec();
    sort(&mut marks);
    marks
}

/// The one order of a text's marks: by start, longer first, then by kind and address.
fn sort(marks: &mut [Mark]) {
    marks.sort_by(|a, b| {
        let url = |m: &Mark| match &m.style {
            Style::Link(u) => u.clone(),
            _ => String::new(),
        };
        (a.start, std::cmp::Reverse(a.end), kind(&a.style), url(a)).cmp(&(
            b.start,
            std::cmp::Reverse(b.end),
            kind(&b.style),
            url(b),
        ))
    });
}

/// Writes the marks as Markdown delimiters around the plain text (strong and emphasis with the
/// characters given, `*` or `_`); `escape_all` escapes every character that could be read as
/// markup, for texts whose plain form would otherwise change.
fn write(
    plain: &str,
    marks: &[Mark],
    (strong, emphasis): (char, char),
    escape_all: bool,
) -> String {
    let mut out = String::with_capacity(plain.len() + marks.len() * 4);
    // Opening and closing points by byte offset: closers before openers at the same offset;
    // longer marks open first and close last; marks over the same text close in the reverse of
    // the order they opened, so the delimiters nest.
    let mut events: Vec<(usize, bool, usize)> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        if m.start < m.end && m.end <= plain.len() {
            events.push((m.start, true, i));
            events.push((m.end, false, i));
        }
    }
    events.sort_by_key(|&(at, opens, i)| {
        let len = marks[i].end - marks[i].start;
        // A code span is innermost: it opens after and closes before the marks over the same
        // text, since nothing inside it is markup.
        let code = usize::from(marks[i].style == Style::Code);
        let (len_key, inner, order) = if opens {
            (usize::MAX - len, code, i)
        } else {
            (len, 1 - code, usize::MAX - i)
        };
        (at, opens, len_key, inner, order)
    });
    let code_at = |at: usize| {
        marks
            .iter()
            .find(|m| m.style == Style::Code && m.start <= at && at < m.end)
    };
    let mut e = 0;
    let mut at = 0;
    while at <= plain.len() {
        // Marks that begin or end inside a code span cannot be said in Markdown: left out.
        while e < events.len() && events[e].0 < at {
            e += 1;
        }
        while e < events.len() && events[e].0 == at {
            let (_, opens, i) = events[e];
            let m = &marks[i];
            match (&m.style, opens) {
                (Style::Strong, _) => out.push_str(&strong.to_string().repeat(2)),
                (Style::Emphasis, _) => out.push(emphasis),
                (Style::Code, _) => out.push_str(&code_fence(&plain[m.start..m.end])),
                (Style::Link(_), true) => out.push('['),
                (Style::Link(url), false) => {
                    // An address with spaces or parentheses goes in angle brackets.
                    if url.contains(|c: char| c.is_whitespace() || c == '(' || c == ')') {
                        out.push_str("](<");
                        out.push_str(&url.replace(['<', '>', '\n', '\t'], " "));
                        out.push_str(">)");
                    } else {
                        out.push_str("](");
                        out.push_str(url);
                        out.push(')');
                    }
                }
            }
            if m.style == Style::Code && opens {
                // A code span is written whole, padded when its text touches a backtick or is
                // padded itself; what is inside is never escaped.
                let text = &plain[m.start..m.end];
                let pad = text.starts_with('`')
                    || text.ends_with('`')
                    || (text.starts_with(' ') && text.ends_with(' ') && text.trim() != "");
                if pad {
                    out.push(' ');
                }
                out.push_str(text);
                if pad {
                    out.push(' ');
                }
                at = m.end;
                e += 1;
                continue;
            }
            e += 1;
        }
        if at == plain.len() {
            break;
        }
        let c = plain[at..].chars().next().unwrap_or_default();
        if code_at(at).is_none() {
            let special = matches!(c, '*' | '_' | '`' | '[' | ']' | '\\' | '<' | '&');
            if special && (escape_all || c == '\\' || c == '`') {
                out.push('\\');
            }
        }
        out.push(c);
        at += c.len_utf8();
    }
    out
}

/// A backtick fence one longer than the longest run of backticks in `text`.
fn code_fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks_of(text: &str) -> Vec<(String, Style)> {
        let p = parse_html(text);
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
        let p = parse_html(
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
            parse_html("<p>One.</p><p>Two <span class=x>words</span>.</p>").plain,
            "One.\n\nTwo words."
        );
        // An element never closed was never one: its tag is text (prose about HTML).
        assert_eq!(parse_html("<em>unclosed").plain, "<em>unclosed");
        let about = parse_html("Explained <b> vs <i> tags, <b>once</b>");
        assert_eq!(about.plain, "Explained <b> vs <i> tags, once");
        assert_eq!(about.marks.len(), 1);
        // Markdown sources have no HTML: tags in them are text.
        assert_eq!(
            parse("Converted <div> layouts").plain,
            "Converted <div> layouts"
        );
    }

    #[test]
    fn markdown_written_back_reads_as_the_same_text_and_marks() {
        for text in [
            "This is **bold**, *italic*, and [link](https://example.com).",
            "***H. Tom*** and `code_span`",
            "plain 5 * 3 with snake_case",
            "Led <b>5</b> at <a href='https://a.example/x y'>A</a>",
            "**[Flash](https://x.example)** and [**Flash**](https://y.example) and **`x`**",
            "<b>Skills: </b>Rust, <b>foo</b><i>bar</i>",
            "<code>a`b</code> and <code> x </code> and `` a`b ``",
            "[Rust](https://en.wikipedia.org/wiki/Rust_(programming_language)) done",
            "literal <b> in text stays",
            "Raised **€5M**, *Über*, _École_ and **北京大学**",
        ] {
            let p = parse_html(text);
            let md = to_markdown_html(&p.plain, &p.marks);
            assert_eq!(parse_html(&md), p, "{text} → {md}");
            let p = parse(text);
            let md = to_markdown(&p.plain, &p.marks);
            assert_eq!(parse(&md), p, "{text} → {md}");
        }
        // A plain text that would read as markup is escaped, so it stays plain.
        let md = to_markdown("a *b* c [d](e)", &[]);
        assert_eq!(parse(&md).plain, "a *b* c [d](e)");
        assert!(parse(&md).marks.is_empty(), "{md}");
    }

    #[test]
    fn rendercv_sub_items_split_outside_links_and_code_only() {
        assert_eq!(
            rendercv_sub_items(
                "Research - ICML 2022 - [Part 1 - Intro](https://x.example/a-b) - `a - b`"
            ),
            "Research\n- ICML 2022\n- [Part 1 - Intro](https://x.example/a-b)\n- `a - b`"
        );
        let (own, subs) = sub_items("Research\n- ICML 2022\n- NeurIPS");
        assert_eq!(own, 0..9);
        assert_eq!(subs.len(), 2);
    }

    #[test]
    fn emphasis_around_any_script_reads() {
        for (text, plain) in [
            ("Raised **€5M**", "Raised €5M"),
            ("*Über* uns", "Über uns"),
            ("_École_ normale", "École normale"),
            ("**北京大学**", "北京大学"),
        ] {
            let p = parse(text);
            assert_eq!(p.plain, plain, "{text}");
            assert_eq!(p.marks.len(), 1, "{text}");
        }
        assert_eq!(
            marks_of("[Rust](https://en.wikipedia.org/wiki/Rust_(lang)) x"),
            [(
                "Rust".to_owned(),
                Style::Link("https://en.wikipedia.org/wiki/Rust_(lang)".into())
            )]
        );
    }

    #[test]
    fn hostile_markup_is_read_in_linear_time_without_deep_recursion() {
        // Each would recurse without bound or rescan the rest of the text at every opener; a
        // test that never ends is the failure.
        let n = 200_000;
        let nested = format!("{}x{}", "[".repeat(n), "](u)".repeat(n));
        let cases = [
            nested,
            "[".repeat(1_000_000),
            "*a ".repeat(300_000),
            "<".repeat(1_000_000),
            "<b>".repeat(300_000),
            "`".repeat(1_000_000),
            (1..1500).map(|k| "`".repeat(k) + " ").collect::<String>(),
            "**a".repeat(300_000),
            "[a](".repeat(300_000),
            "&#".repeat(500_000),
        ];
        for text in cases {
            let p = parse_html(&text);
            assert!(p.plain.len() <= text.len() + 16, "{}", &text[..20]);
            let p = parse(&text);
            assert!(p.plain.len() <= text.len(), "{}", &text[..20]);
        }
    }
}
