//! Plain-text serialization of the layout document, for applicant tracking systems and email.
//!
//! ATS-safe by construction: structure is ASCII only (headings in capitals over a rule of `-`,
//! bullets as `- `, ` | ` between facts, ` - ` between dates), no tabs, no box drawing, and every
//! other character comes from the resume. Lines are wrapped at [`WIDTH`] display columns; a word
//! longer than a line (a URL) is kept whole on its own line, never broken.

use crate::escape;
use crate::layout::{Block, Document, Entry, Header, LetterBody, SectionBlock, Span};
use crate::rich::Rich;

/// The wrap width, in display columns.
pub(crate) const WIDTH: usize = 80;

pub(crate) fn render(doc: &Document) -> String {
    let mut out = Out::default();
    header(&mut out, &doc.header);
    for s in &doc.sections {
        section(&mut out, s);
    }
    if let Some(body) = &doc.letter {
        letter(&mut out, body);
    }
    out.finish()
}

fn letter(out: &mut Out, body: &LetterBody) {
    for block in body.blocks() {
        out.blank_line();
        for line in block.lines {
            let mut l = Line::default();
            l.text(line);
            out.wrap(&l, "", "");
        }
    }
}

/// One logical line before wrapping: structure from static strings, user text cleaned.
#[derive(Default)]
struct Line {
    buf: String,
}

impl Line {
    fn markup(&mut self, s: &'static str) -> &mut Self {
        self.buf.push_str(s);
        self
    }

    fn text(&mut self, s: &str) -> &mut Self {
        self.buf.push_str(&escape::plain(s));
        self
    }

    /// The span's text, then its URL in parentheses when the text does not already say it.
    fn span(&mut self, span: &Span) -> &mut Self {
        self.text(&span.text);
        if let Some(url) = span.url.as_deref().filter(|u| *u != span.text) {
            self.markup(" (").text(url).markup(")");
        }
        self
    }

    /// Prose: the words of every run (plain text has no formatting), a link's address after it.
    fn rich(&mut self, rich: &Rich) -> &mut Self {
        for (i, run) in rich.0.iter().enumerate() {
            let (before, inner, after) = run.edges();
            if before {
                self.markup(" ");
            }
            // A link split into runs (`[**Flash**Infer](...)`) prints its address once, after
            // its last run.
            let link_goes_on = rich
                .0
                .get(i + 1)
                .is_some_and(|next| next.span.url.is_some() && next.span.url == run.span.url);
            if link_goes_on {
                self.text(inner);
            } else {
                self.span(&run.inner_span());
            }
            if after {
                self.markup(" ");
            }
        }
        self
    }

    fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}

/// The output. User text reaches it only through a [`Line`], which cleans it.
struct Out {
    buf: String,
    /// Display columns a line may take.
    width: usize,
}

impl Default for Out {
    fn default() -> Self {
        Out {
            buf: String::new(),
            width: WIDTH,
        }
    }
}

impl Out {
    /// Writes `line` wrapped: the first output line starts with `first`, the others with `rest`.
    fn wrap(&mut self, line: &Line, first: &'static str, rest: &'static str) {
        wrap_into(&mut self.buf, &line.buf, first, rest, self.width);
    }

    /// A blank line, unless the output is empty or already ends with one.
    fn blank_line(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with("\n\n") {
            self.buf.push('\n');
        }
    }

    /// A heading over a rule of `rule` as wide as the heading (at most a line).
    fn heading(&mut self, line: &Line, rule: char) {
        let start = self.buf.len();
        self.wrap(line, "", "");
        let widest = self.buf[start..]
            .lines()
            .map(display_width)
            .max()
            .unwrap_or(0);
        self.buf.extend(std::iter::repeat_n(
            rule,
            widest.clamp(1, self.width.min(WIDTH)),
        ));
        self.buf.push('\n');
    }

    fn finish(self) -> String {
        crate::escape::one_trailing_newline(self.buf)
    }
}

fn header(out: &mut Out, h: &Header) {
    if h.name.is_some() || !h.credentials.is_empty() {
        let mut line = Line::default();
        if let Some(name) = &h.name {
            line.text(name);
        }
        for c in &h.credentials {
            if !line.is_empty() {
                line.markup(", ");
            }
            line.text(c);
        }
        out.heading(&line, '=');
    }
    if let Some(label) = &h.label {
        out.wrap(Line::default().text(label), "", "");
    }
    if !h.contacts.is_empty() {
        // Contacts are packed onto lines whole, so no email or URL is split across lines.
        let items: Vec<String> = h
            .contacts
            .iter()
            .map(|c| {
                let mut line = Line::default();
                line.span(c);
                line.buf
            })
            .collect();
        let mut current = String::new();
        for item in items {
            let fits = display_width(&current) + 3 + display_width(&item) <= out.width;
            if !current.is_empty() && !fits {
                wrap_into(&mut out.buf, &current, "", "  ", out.width);
                current.clear();
            }
            if !current.is_empty() {
                current.push_str(" | ");
            }
            current.push_str(&item);
        }
        if !current.is_empty() {
            wrap_into(&mut out.buf, &current, "", "  ", out.width);
        }
    }
}

fn section(out: &mut Out, s: &SectionBlock) {
    out.blank_line();
    let mut title = Line::default();
    // Capitals for ASCII letters only: uppercasing "é" would add a character the author never wrote.
    title.text(&s.title.to_ascii_uppercase());
    out.heading(&title, '-');
    section_body(out, s);
}

/// What a document shows, section by section, one logical line (a bullet, an entry's head, a
/// skills line) per line, unwrapped: what `vitae diff` compares. The header (name, label,
/// contacts) comes first, titled "Header".
pub(crate) fn shown(doc: &Document) -> Vec<(String, Vec<String>)> {
    let lines = |out: Out| {
        out.buf
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let unwrapped = || Out {
        buf: String::new(),
        width: usize::MAX / 2,
    };
    let mut header_out = unwrapped();
    header(&mut header_out, &doc.header);
    // The name's rule of `=` is decoration, not content.
    let mut shown = vec![(
        "Header".to_owned(),
        lines(header_out)
            .into_iter()
            .filter(|l| !l.chars().all(|c| c == '='))
            .collect(),
    )];
    for s in &doc.sections {
        let mut out = unwrapped();
        section_body(&mut out, s);
        shown.push((s.title.clone(), lines(out)));
    }
    shown
}

/// A section's blocks, without its heading.
fn section_body(out: &mut Out, s: &SectionBlock) {
    // Entries and paragraphs are set apart by a blank line; lines (skills...) are a tight list.
    let mut after_block = false;
    for block in &s.blocks {
        match block {
            Block::Paragraph(p) => {
                if after_block {
                    out.blank_line();
                }
                out.wrap(Line::default().rich(p), "", "");
                after_block = true;
            }
            Block::Line(l) => {
                let mut line = Line::default();
                if let Some(label) = &l.label {
                    line.text(label).markup(": ");
                }
                line.text(&l.text);
                out.wrap(&line, "", "  ");
            }
            Block::Entry(e) => {
                if after_block {
                    out.blank_line();
                }
                entry(out, e);
                after_block = true;
            }
        }
    }
}

fn entry(out: &mut Out, e: &Entry) {
    let mut head = Line::default();
    if let Some(t) = &e.title {
        head.span(t);
    }
    if let Some(s) = &e.subtitle {
        if !head.is_empty() {
            head.markup(", ");
        }
        head.span(s);
    }
    if !head.is_empty() {
        out.wrap(&head, "", "");
    }
    let mut meta = Line::default();
    if let Some(l) = &e.location {
        meta.text(l);
    }
    if let Some(d) = &e.dates {
        if !meta.is_empty() {
            meta.markup(" | ");
        }
        meta.text(&d.first);
        if let Some(last) = &d.last {
            meta.markup(" - ").text(last);
        }
    }
    if !meta.is_empty() {
        out.wrap(&meta, "", "");
    }
    for p in &e.paragraphs {
        out.wrap(Line::default().rich(p), "", "");
    }
    for d in &e.details {
        out.wrap(
            Line::default().text(d.label).markup(": ").text(&d.text),
            "",
            "  ",
        );
    }
    for b in &e.bullets {
        out.wrap(Line::default().rich(&b.text), "- ", "  ");
        for c in &b.children {
            out.wrap(Line::default().rich(c), "    - ", "      ");
        }
    }
}

/// Greedy word wrap at [`WIDTH`] display columns. Words are the runs between ASCII spaces (the
/// layout already folded all other whitespace); a word wider than the line goes on a line of its
/// own, whole.
fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str, max: usize) {
    let mut prefix = first;
    let mut line = String::from(prefix);
    let mut width = display_width(prefix);
    let mut empty = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = display_width(word);
        if !empty && width + 1 + w > max {
            out.push_str(line.trim_end());
            out.push('\n');
            prefix = rest;
            line.clear();
            line.push_str(prefix);
            width = display_width(prefix);
            empty = true;
        }
        if !empty {
            line.push(' ');
            width += 1;
        }
        line.push_str(word);
        width += w;
        empty = false;
    }
    if !empty {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Columns a string takes in a monospace terminal or text view.
pub(crate) fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// 0 for combining marks and zero-width characters, 2 for East Asian wide and fullwidth
/// characters and emoji, 1 otherwise. A compact approximation of UAX #11 that is exact for the
/// scripts resumes use; it only decides where lines wrap, so a rare miss costs one ragged line.
fn char_width(c: char) -> usize {
    let cp = u32::from(c);
    // Fast path: everything below the combining marks is one column (or none, for controls).
    if cp < 0x300 {
        return usize::from(!c.is_control());
    }
    const ZERO: &[(u32, u32)] = &[
        (0x0300, 0x036F), // combining diacritical marks
        (0x0483, 0x0489),
        (0x0591, 0x05BD), // Hebrew points
        (0x0610, 0x061A), // Arabic marks
        (0x064B, 0x065F),
        (0x0E31, 0x0E31),
        (0x0E34, 0x0E3A), // Thai vowels and tone marks
        (0x0E47, 0x0E4E),
        (0x1AB0, 0x1AFF),
        (0x1DC0, 0x1DFF),
        (0x200B, 0x200F), // zero-width space, joiners, direction marks
        (0x20D0, 0x20FF),
        (0xFE00, 0xFE0F), // variation selectors
        (0xFE20, 0xFE2F),
        (0xFEFF, 0xFEFF),
    ];
    const WIDE: &[(u32, u32)] = &[
        (0x1100, 0x115F), // Hangul Jamo
        (0x231A, 0x231B), // watch, hourglass
        (0x2329, 0x232A),
        (0x23E9, 0x23EC),
        (0x25FD, 0x25FE),
        (0x2614, 0x2615),
        (0x2648, 0x2653),
        (0x26AA, 0x26AB),
        (0x26BD, 0x26BE),
        (0x26C4, 0x26C5),
        (0x26F2, 0x26F5),
        (0x2705, 0x2705),
        (0x270A, 0x270B),
        (0x2728, 0x2728),
        (0x274C, 0x274C),
        (0x2753, 0x2757),
        (0x2795, 0x2797),
        (0x2B1B, 0x2B1C),
        (0x2E80, 0x303E), // CJK radicals, punctuation
        (0x3041, 0x33FF), // kana, CJK compatibility
        (0x3400, 0x4DBF), // CJK extension A
        (0x4E00, 0x9FFF), // CJK unified ideographs
        (0xA000, 0xA4CF), // Yi
        (0xA960, 0xA97F),
        (0xAC00, 0xD7A3), // Hangul syllables
        (0xF900, 0xFAFF), // CJK compatibility ideographs
        (0xFE30, 0xFE4F),
        (0xFF00, 0xFF60), // fullwidth forms
        (0xFFE0, 0xFFE6),
        (0x1F300, 0x1F64F), // pictographs, emoticons
        (0x1F680, 0x1F6FF),
        (0x1F900, 0x1F9FF),
        (0x1FA70, 0x1FAFF),
        (0x20000, 0x3FFFD), // CJK extensions B..
    ];
    let within = |ranges: &[(u32, u32)]| ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&cp));
    if c.is_control() || within(ZERO) {
        0
    } else if within(WIDE) {
        2
    } else {
        1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, first: &str, rest: &str, expected: &str) {
        let mut out = String::new();
        wrap_into(&mut out, text, first, rest, WIDTH);
        assert_eq!(out, expected, "{text:?}");
    }

    #[test]
    fn lines_wrap_at_80_columns_with_a_hanging_indent() {
        let words = "word ".repeat(30);
        let line1 = format!("- {}", "word ".repeat(15).trim_end()); // 2 + 15*5-1 = 76
        let line2 = format!("  {}", "word ".repeat(15).trim_end());
        check(&words, "- ", "  ", &format!("{line1}\n{line2}\n"));
        check("short", "- ", "  ", "- short\n");
        check("", "- ", "  ", "");
    }

    #[test]
    fn a_line_of_exactly_80_columns_does_not_wrap() {
        let text = format!("{} {}", "a".repeat(40), "b".repeat(39));
        check(&text, "", "", &format!("{text}\n"));
        let text = format!("{} {}", "a".repeat(40), "b".repeat(40));
        check(
            &text,
            "",
            "",
            &format!("{}\n{}\n", "a".repeat(40), "b".repeat(40)),
        );
    }

    #[test]
    fn a_word_longer_than_a_line_stays_whole_on_its_own_line() {
        let url = format!("https://example.com/{}", "x".repeat(100));
        check(
            &format!("see {url} now"),
            "- ",
            "  ",
            &format!("- see\n  {url}\n  now\n"),
        );
    }

    #[test]
    fn wide_characters_count_two_columns_and_combining_marks_none() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("李雷"), 4);
        assert_eq!(display_width("😀"), 2);
        assert_eq!(display_width("Zoe\u{0308}"), 3);
        assert_eq!(display_width("مرحبا"), 5);
        let cjk = "李".repeat(30);
        check(&format!("{cjk} {cjk}"), "", "", &format!("{cjk}\n{cjk}\n"));
    }
}
