//! Markdown (CommonMark, GitHub-flavoured) serialization of the layout document.
//!
//! One block per line, blocks separated by a blank line; user text is escaped by `Out::text` so it
//! shows literally and can never open a block of its own.

use crate::escape;
use crate::layout::{Block, Document, Entry, Header, LetterBody, SectionBlock, Span};
use crate::rich::{Format, Rich, Run, RunWriter, write_runs};

pub(crate) fn render(doc: &Document) -> String {
    let mut out = Out::default();
    header(&mut out, &doc.header);
    for section in &doc.sections {
        self::section(&mut out, section);
    }
    if let Some(body) = &doc.letter {
        letter(&mut out, body);
    }
    out.finish()
}

fn letter(out: &mut Out, body: &LetterBody) {
    for block in body.blocks() {
        out.new_block();
        if block.strong {
            out.markup("**");
        }
        for (i, line) in block.lines.iter().enumerate() {
            if i > 0 {
                // A backslash at the end of a line is CommonMark's hard line break.
                out.markup("\\\n");
            }
            out.text(line);
        }
        if block.strong {
            out.markup("**");
        }
        out.end_block();
    }
}

/// The only way to write Markdown: structure from static strings, user text escaped.
#[derive(Default)]
struct Out {
    buf: String,
    /// Whether the next text starts a block, where a leading `-`, `+` or `1.` would be structure.
    block_start: bool,
}

impl Out {
    fn markup(&mut self, s: &'static str) {
        self.buf.push_str(s);
        self.block_start = s.ends_with('\n');
    }

    /// A block prefix such as `- ` or `## `: what follows starts a block.
    fn prefix(&mut self, s: &'static str) {
        self.buf.push_str(s);
        self.block_start = true;
    }

    fn text(&mut self, s: &str) {
        let len = self.buf.len();
        escape::markdown_into(&mut self.buf, s, self.block_start);
        // Text that folded to nothing leaves the block start where it was.
        self.block_start = self.block_start && self.buf.len() == len;
    }

    fn span(&mut self, span: &Span) {
        match &span.href {
            Some(href) => {
                self.markup("[");
                self.text(&span.text);
                self.markup("](");
                self.buf.push_str(&escape::markdown_url(href));
                self.markup(")");
            }
            None => self.text(&span.text),
        }
    }

    /// Marks the start of a block (a paragraph) whose text follows directly.
    fn new_block(&mut self) {
        self.block_start = true;
    }

    /// Ends the current block with a blank line.
    fn end_block(&mut self) {
        self.markup("\n\n");
    }

    fn finish(self) -> String {
        crate::escape::one_trailing_newline(self.buf)
    }
}

fn header(out: &mut Out, h: &Header) {
    if h.name.is_some() || !h.credentials.is_empty() {
        out.prefix("# ");
        if let Some(name) = &h.name {
            out.text(name);
        }
        for c in &h.credentials {
            out.markup(", ");
            out.text(c);
        }
        out.end_block();
    }
    if let Some(label) = &h.label {
        out.markup("**");
        out.text(label);
        out.markup("**");
        out.end_block();
    }
    if !h.contacts.is_empty() {
        for (i, c) in h.contacts.iter().enumerate() {
            if i > 0 {
                out.markup(" · ");
            }
            out.span(c);
        }
        out.end_block();
    }
}

impl Out {
    /// Prose: each run's words escaped, inside its delimiters; spaces at a run's edges stay
    /// outside them, where CommonMark wants them.
    fn rich(&mut self, rich: &Rich) {
        write_runs(rich, self);
    }
}

impl RunWriter for Out {
    fn space(&mut self) {
        self.markup(" ");
    }

    fn open(&mut self, format: Format) {
        self.delimiter(format);
    }

    fn close(&mut self, format: Format) {
        self.delimiter(format);
    }

    fn words(&mut self, run: &Run, span: &Span) {
        if !run.code || span.text.contains('`') {
            self.span(span);
            return;
        }
        // A code span shows its text as is: no escaping inside, none needed.
        if span.href.is_some() {
            self.markup("[");
        }
        self.markup("`");
        self.buf.push_str(&span.text);
        self.markup("`");
        if let Some(href) = &span.href {
            self.markup("](");
            self.buf.push_str(&escape::markdown_url(href));
            self.markup(")");
        }
    }
}

impl Out {
    /// Strong and emphasis delimiters; a code span writes its own backticks (see `words`).
    fn delimiter(&mut self, format: Format) {
        match format {
            Format::Strong => self.markup("**"),
            Format::Emphasis => self.markup("*"),
            Format::Code => {}
        }
    }
}

fn section(out: &mut Out, s: &SectionBlock) {
    out.prefix("## ");
    out.text(&s.title);
    out.end_block();
    let mut in_list = false;
    for block in &s.blocks {
        match block {
            Block::Paragraph(p) => {
                close_list(out, &mut in_list);
                out.new_block();
                out.rich(p);
                out.end_block();
            }
            Block::Line(line) => {
                // Lines of a section form one list, so they stay one per line when rendered.
                in_list = true;
                out.prefix("- ");
                if let Some(label) = &line.label {
                    out.markup("**");
                    out.text(label);
                    out.markup(":** ");
                }
                out.text(&line.text);
                out.markup("\n");
            }
            Block::Entry(e) => {
                close_list(out, &mut in_list);
                entry(out, e);
            }
        }
    }
    close_list(out, &mut in_list);
}

fn close_list(out: &mut Out, in_list: &mut bool) {
    if std::mem::take(in_list) {
        out.markup("\n");
    }
}

fn entry(out: &mut Out, e: &Entry) {
    if e.title.is_some() || e.subtitle.is_some() {
        out.prefix("### ");
        if let Some(t) = &e.title {
            out.span(t);
        }
        if let Some(s) = &e.subtitle {
            if e.title.is_some() {
                out.markup(" — ");
            }
            out.span(s);
        }
        out.end_block();
    }
    if e.location.is_some() || e.dates.is_some() {
        out.markup("*");
        if let Some(l) = &e.location {
            out.text(l);
        }
        if let Some(d) = &e.dates {
            if e.location.is_some() {
                out.markup(" · ");
            }
            out.text(&d.first);
            if let Some(last) = &d.last {
                out.markup(" – ");
                out.text(last);
            }
        }
        out.markup("*");
        out.end_block();
    }
    for p in &e.paragraphs {
        out.new_block();
        out.rich(p);
        out.end_block();
    }
    if !e.details.is_empty() {
        for (i, d) in e.details.iter().enumerate() {
            if i > 0 {
                // A backslash at the end of a line is a hard line break in CommonMark.
                out.markup("\\\n");
            }
            out.markup("**");
            out.text(d.label);
            out.markup(":** ");
            out.text(&d.text);
        }
        out.end_block();
    }
    if !e.bullets.is_empty() {
        for b in &e.bullets {
            out.prefix("- ");
            out.rich(&b.text);
            out.markup("\n");
            for c in &b.children {
                out.prefix("  - ");
                out.rich(c);
                out.markup("\n");
            }
        }
        out.markup("\n");
    }
}
