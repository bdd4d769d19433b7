//! A standalone, semantic HTML page for the layout document: `<header>`, `<main>`, one `<section>`
//! per section, `<article>` per entry. Inline CSS for screen and print; no JavaScript, no external
//! resources, and a Content-Security-Policy that forbids scripts in case anything ever slipped
//! through escaping.

use crate::escape;
use crate::layout::{Block, Document, Entry, Header, LetterBody, SectionBlock, Span};
use crate::rich::{Format, Rich, Run, RunWriter, write_runs};

pub(crate) fn render(doc: &Document) -> String {
    let mut out = Out::default();
    out.markup("<!doctype html>\n<html lang=\"");
    // The language code is ours (a `Locale`'s), never user text.
    out.markup(doc.lang);
    out.markup(if doc.rtl { "\" dir=\"rtl\">" } else { "\">" });
    out.markup("\n<head>\n<meta charset=\"utf-8\">\n");
    out.markup(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'\">\n\
         <meta name=\"generator\" content=\"vitae\">\n<title>",
    );
    out.text(&doc.title);
    out.markup("</title>\n<style>\n");
    out.markup(CSS);
    out.markup("</style>\n</head>\n<body>\n");
    header(&mut out, &doc.header);
    out.markup("<main>\n");
    for s in &doc.sections {
        section(&mut out, s);
    }
    if let Some(body) = &doc.letter {
        letter(&mut out, body);
    }
    out.markup("</main>\n</body>\n</html>\n");
    out.buf
}

/// The only way to write HTML: structure from static strings, user text and URLs escaped.
#[derive(Default)]
struct Out {
    buf: String,
}

impl Out {
    fn markup(&mut self, s: &'static str) {
        self.buf.push_str(s);
    }

    fn text(&mut self, s: &str) {
        escape::html_into(&mut self.buf, &escape::fold(s));
    }

    /// A link when the span has a safe target, text otherwise.
    fn span(&mut self, span: &Span) {
        match &span.href {
            Some(href) => {
                self.markup("<a href=\"");
                escape::html_into(&mut self.buf, &escape::url_common(href));
                self.markup("\">");
                self.text(&span.text);
                self.markup("</a>");
            }
            None => self.text(&span.text),
        }
    }

    /// Prose: each run in its elements (`<strong>`, `<em>`, `<code>`, a link), text escaped.
    fn rich(&mut self, rich: &Rich) {
        write_runs(rich, self);
    }
}

impl RunWriter for Out {
    fn space(&mut self) {
        self.markup(" ");
    }

    fn open(&mut self, format: Format) {
        self.markup(match format {
            Format::Strong => "<strong>",
            Format::Emphasis => "<em>",
            Format::Code => "<code>",
        });
    }

    fn close(&mut self, format: Format) {
        self.markup(match format {
            Format::Strong => "</strong>",
            Format::Emphasis => "</em>",
            Format::Code => "</code>",
        });
    }

    fn words(&mut self, _: &Run, span: &Span) {
        self.span(span);
    }
}

fn letter(out: &mut Out, body: &LetterBody) {
    for block in body.blocks() {
        out.markup(if block.strong { "<p><strong>" } else { "<p>" });
        for (i, line) in block.lines.iter().enumerate() {
            if i > 0 {
                out.markup("<br>\n");
            }
            out.text(line);
        }
        out.markup(if block.strong {
            "</strong></p>\n"
        } else {
            "</p>\n"
        });
    }
}

fn header(out: &mut Out, h: &Header) {
    out.markup("<header>\n");
    if h.name.is_some() || !h.credentials.is_empty() {
        out.markup("<h1>");
        if let Some(name) = &h.name {
            out.text(name);
        }
        if !h.credentials.is_empty() {
            out.markup("<span class=\"credentials\">");
            for (i, c) in h.credentials.iter().enumerate() {
                if i > 0 || h.name.is_some() {
                    out.markup(", ");
                }
                out.text(c);
            }
            out.markup("</span>");
        }
        out.markup("</h1>\n");
    }
    if let Some(label) = &h.label {
        out.markup("<p class=\"label\">");
        out.text(label);
        out.markup("</p>\n");
    }
    if !h.contacts.is_empty() {
        out.markup("<ul class=\"contact\">\n");
        for c in &h.contacts {
            out.markup("<li>");
            out.span(c);
            out.markup("</li>\n");
        }
        out.markup("</ul>\n");
    }
    out.markup("</header>\n");
}

fn section(out: &mut Out, s: &SectionBlock) {
    out.markup("<section class=\"");
    out.markup(s.kind.name());
    out.markup("\">\n<h2>");
    out.text(&s.title);
    out.markup("</h2>\n");
    let mut in_list = false;
    for block in &s.blocks {
        if in_list && !matches!(block, Block::Line(_)) {
            out.markup("</ul>\n");
            in_list = false;
        }
        match block {
            Block::Paragraph(p) => {
                out.markup("<p>");
                out.rich(p);
                out.markup("</p>\n");
            }
            Block::Line(l) => {
                if !in_list {
                    out.markup("<ul class=\"lines\">\n");
                    in_list = true;
                }
                out.markup("<li>");
                if let Some(label) = &l.label {
                    out.markup("<strong>");
                    out.text(label);
                    out.markup(":</strong> ");
                }
                out.text(&l.text);
                out.markup("</li>\n");
            }
            Block::Entry(e) => entry(out, e),
        }
    }
    if in_list {
        out.markup("</ul>\n");
    }
    out.markup("</section>\n");
}

fn entry(out: &mut Out, e: &Entry) {
    out.markup("<article class=\"entry\">\n");
    let has_head = e.title.is_some() || e.subtitle.is_some();
    let has_meta = e.location.is_some() || e.dates.is_some();
    if has_head || has_meta {
        out.markup("<div class=\"head\">\n");
        if has_head {
            out.markup("<h3>");
            if let Some(t) = &e.title {
                out.span(t);
            }
            if let Some(s) = &e.subtitle {
                if e.title.is_some() {
                    out.markup(" — ");
                }
                out.markup("<span class=\"org\">");
                out.span(s);
                out.markup("</span>");
            }
            out.markup("</h3>\n");
        }
        if has_meta {
            out.markup("<p class=\"meta\">");
            if let Some(l) = &e.location {
                out.markup("<span class=\"location\">");
                out.text(l);
                out.markup("</span>");
            }
            if let Some(d) = &e.dates {
                if e.location.is_some() {
                    out.markup(" · ");
                }
                out.markup("<span class=\"dates\">");
                out.text(&d.first);
                if let Some(last) = &d.last {
                    out.markup(" – ");
                    out.text(last);
                }
                out.markup("</span>");
            }
            out.markup("</p>\n");
        }
        out.markup("</div>\n");
    }
    for p in &e.paragraphs {
        out.markup("<p>");
        out.rich(p);
        out.markup("</p>\n");
    }
    for d in &e.details {
        out.markup("<p class=\"detail\"><strong>");
        out.text(d.label);
        out.markup(":</strong> ");
        out.text(&d.text);
        out.markup("</p>\n");
    }
    if !e.bullets.is_empty() {
        out.markup("<ul>\n");
        for b in &e.bullets {
            out.markup("<li>");
            out.rich(&b.text);
            if !b.children.is_empty() {
                out.markup("\n<ul>\n");
                for c in &b.children {
                    out.markup("<li>");
                    out.rich(c);
                    out.markup("</li>\n");
                }
                out.markup("</ul>\n");
            }
            out.markup("</li>\n");
        }
        out.markup("</ul>\n");
    }
    out.markup("</article>\n");
}

/// System fonts only (no downloads); a readable measure on screen; for print, black on white, no
/// backgrounds or shadows, margins that suit A4 and US Letter alike, and no entry split across pages.
const CSS: &str = r#":root {
  --ink: #1f2328;
  --muted: #57606a;
  --accent: #0b5cad;
  --rule: #d0d7de;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  padding: 2.5rem 1.25rem 4rem;
  background: #f6f8fa;
  color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
header, main {
  max-width: 50rem;
  margin: 0 auto;
  background: #fff;
  padding: 0 2.5rem;
}
header { padding-top: 2.5rem; padding-bottom: 1rem; border-radius: 6px 6px 0 0; }
main { padding-bottom: 2.5rem; border-radius: 0 0 6px 6px; }
h1 { margin: 0; font-size: 2rem; line-height: 1.2; letter-spacing: -0.01em; }
.credentials { font-weight: 400; color: var(--muted); }
.label { margin: 0.25rem 0 0; font-size: 1.15rem; color: var(--muted); }
.contact { list-style: none; margin: 0.75rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1.25rem; font-size: 0.95rem; }
a { color: var(--accent); text-decoration: none; overflow-wrap: anywhere; }
a:hover, a:focus { text-decoration: underline; }
h2 {
  margin: 1.75rem 0 0.75rem;
  padding-bottom: 0.25rem;
  border-bottom: 1px solid var(--rule);
  font-size: 0.95rem;
  text-transform: uppercase;
  letter-spacing: 0.08em;
  color: var(--accent);
}
.entry { margin: 0 0 1.1rem; }
.head { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; column-gap: 1rem; }
h3 { margin: 0; font-size: 1.05rem; }
.org { font-weight: 400; }
.meta { margin: 0; color: var(--muted); font-size: 0.95rem; white-space: nowrap; }
.dates { font-variant-numeric: tabular-nums; }
p { margin: 0.35rem 0; }
.detail { font-size: 0.95rem; }
ul { margin: 0.35rem 0; padding-left: 1.25rem; }
li { margin: 0.15rem 0; }
ul.lines { list-style: none; padding-left: 0; }
@media (max-width: 40rem) {
  body { padding: 0; background: #fff; }
  header, main { padding-left: 1.25rem; padding-right: 1.25rem; }
  .meta { white-space: normal; }
}
@media print {
  @page { margin: 15mm 16mm; }
  body { padding: 0; background: none; color: #000; font-size: 10.5pt; line-height: 1.35; }
  header, main { max-width: none; padding: 0; background: none; border-radius: 0; }
  header { padding-bottom: 0.5rem; }
  a { color: inherit; }
  h2 { color: #000; border-color: #000; margin-top: 1.1rem; break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .meta, .credentials, .label { color: #333; }
  .entry, ul.lines li { break-inside: avoid; page-break-inside: avoid; }
  p, li { orphans: 3; widows: 3; }
}
"#;
