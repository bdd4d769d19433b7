//! DOCX (Office Open XML) serialization of the layout document: a Word file recruiters can edit
//! and applicant tracking systems can parse.
//!
//! The structure is Word's own, so Word's navigation pane and ATS parsers see it: the name is a
//! `Title` paragraph, section titles are `Heading1` and entry titles `Heading2` (outline levels 0
//! and 1), bullets are a real list (a bullet numbering definition and `w:numPr` on each item),
//! links are `w:hyperlink` elements with external relationships. No tables: dates sit on the
//! entry's second line, pushed right by a right tab stop.
//!
//! docx-rs builds the XML parts and escapes every text run. This module owns what it does not:
//!
//! - Core properties (title, author, subject): docx-rs has no setter for them, so [`core_xml`]
//!   writes that part, escaping through [`escape::html_into`].
//! - Determinism (same document → byte-identical file): docx-rs numbers paragraphs and hyperlink
//!   relationships from global counters (per thread, per process), lists the relationships in
//!   `HashMap` order, and its zip writer may stamp the clock. Here paragraph and relationship ids
//!   are counted per document, the relationships part is built from our own ordered list, and the
//!   archive is repacked with a fixed date. There is no creation date: the renderer has no clock,
//!   and a made-up date would be shown as fact in Word's File → Info.
//! - Characters XML 1.0 forbids: `layout` already drops control characters; [`xml_chars`] also
//!   drops U+FFFE and U+FFFF, which an XML parser (Word's included) must reject.
//!
//! Like every writer it sees only the [`Document`], never the resume.

use crate::Paper;
use crate::escape;
use crate::layout::{Block, Document, Entry, Header, LetterBody, SectionBlock, Span};
use crate::rich::Rich;
use docx_rs::{
    AbstractNumbering, BreakType, BuildXML, DocumentRels, Docx, Hyperlink, HyperlinkData,
    IndentLevel, Level, LevelJc, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId,
    PageMargin, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run,
    RunFonts, SpecialIndentType, Start, Style, StyleType, Tab, TabValueType, XMLDocx,
};
use std::fmt;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Packaging the DOCX archive failed. The archive is written to memory, so this does not depend on
/// the resume: it means the zip library refused its input, or a part docx-rs wrote did not read
/// back as XML.
#[derive(Debug)]
pub struct DocxError(zip::result::ZipError);

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the docx archive: {}", self.0)
    }
}

impl std::error::Error for DocxError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl From<zip::result::ZipError> for DocxError {
    fn from(e: zip::result::ZipError) -> Self {
        DocxError(e)
    }
}

impl From<std::io::Error> for DocxError {
    fn from(e: std::io::Error) -> Self {
        DocxError(zip::result::ZipError::Io(e))
    }
}

// Page and type. Sizes are in twentieths of a point (twips) or, for fonts, half-points.
const MARGIN: i32 = 1080; // 0.75 in

/// The page's width and height in twips.
fn page_size(paper: Paper) -> (u32, u32) {
    match paper {
        Paper::A4 => (11906, 16838),
        Paper::Letter => (12240, 15840),
    }
}

/// Where the right tab stop of an entry's date line sits: the right margin.
fn text_width(paper: Paper) -> usize {
    page_size(paper).0 as usize - 2 * MARGIN as usize
}
/// Calibri is Word's default; LibreOffice substitutes the metric-compatible Carlito.
const FONT: &str = "Calibri";
const BODY_SIZE: usize = 21; // 10.5 pt
const ACCENT: &str = "1F3864";
const MUTED: &str = "595959";

// Style ids. Word recognizes "Title", "Heading1", "Heading2", "ListBullet" and "Hyperlink" as its
// built-in styles (by their names below), which is what gives headings their outline meaning.
const TITLE: &str = "Title";
const SUBTITLE: &str = "Subtitle";
const HEADING1: &str = "Heading1";
const HEADING2: &str = "Heading2";
const ENTRY_META: &str = "EntryMeta";
const LIST_BULLET: &str = "ListBullet";
const HYPERLINK: &str = "Hyperlink";
const NORMAL: &str = "Normal";

/// docx-rs always writes a decimal list as abstract numbering 1 and numbering 1; ours come next.
const BULLETS: usize = 2;

pub(crate) fn render(doc: &Document, paper: Paper) -> Result<Vec<u8>, DocxError> {
    let mut out = Out::default();
    let (width, height) = page_size(paper);
    header(&mut out, &doc.header);
    for s in &doc.sections {
        section(&mut out, s);
    }
    if let Some(body) = &doc.letter {
        letter(&mut out, body);
    }

    let mut docx = Docx::new()
        .page_size(width, height)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(BODY_SIZE)
        .default_line_spacing(LineSpacing::new().after(60).line(259))
        .add_abstract_numbering(bullet_list())
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for style in styles(text_width(paper)) {
        docx = docx.add_style(style);
    }
    for p in out.paragraphs {
        docx = docx.add_paragraph(p);
    }

    // Taken before `build`, which appends the hyperlinks in `HashMap` order; ours replace them.
    let mut rels = docx.document_rels.clone();
    rels.hyperlinks.clear();
    let mut xml = docx.build();
    xml.document_rels = relationships(rels, &out.links);
    xml.doc_props.core = core_xml(doc);
    package(xml)
}

/// The only way to write the document: paragraphs numbered in order, user text cleaned for XML and
/// handed to docx-rs as text runs (which it escapes), links collected for the relationships part.
#[derive(Default)]
struct Out {
    paragraphs: Vec<Paragraph>,
    next_id: u32,
    /// Link targets, in order of first use; target `i` is relationship `rIdLink{i + 1}`.
    links: Vec<String>,
}

impl Out {
    /// A new paragraph of `style` with the next paragraph id. docx-rs would take the id from a
    /// thread-local counter that is only reset when a document is built, so the ids would depend
    /// on whatever else the thread did before.
    fn paragraph(&mut self, style: &'static str) -> Paragraph {
        self.next_id += 1;
        Paragraph::new()
            .id(format!("{:08X}", self.next_id))
            .style(style)
    }

    fn push(&mut self, p: Paragraph) {
        self.paragraphs.push(p);
    }

    /// The relationship id for a link to `href`; one relationship per distinct target.
    fn link(&mut self, href: &str) -> String {
        let target = escape::url_common(href);
        let index = match self.links.iter().position(|l| *l == target) {
            Some(i) => i,
            None => {
                self.links.push(target);
                self.links.len() - 1
            }
        };
        format!("rIdLink{}", index + 1)
    }
}

/// A run of user text.
fn text(s: &str) -> Run {
    Run::new().add_text(xml_chars(s))
}

/// A run of our own punctuation.
fn markup(s: &'static str) -> Run {
    Run::new().add_text(s)
}

fn span(out: &mut Out, p: Paragraph, span: &Span) -> Paragraph {
    styled_span(out, p, span, |run| run)
}

/// Prose: a run per piece, bold, italic or monospaced as the source has it, links as links.
fn rich(out: &mut Out, mut p: Paragraph, rich: &Rich) -> Paragraph {
    for piece in &rich.0 {
        let style = |mut run: Run| {
            if piece.strong {
                run = run.bold();
            }
            if piece.emphasis {
                run = run.italic();
            }
            if piece.code {
                run = run.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
            }
            run
        };
        p = styled_span(out, p, &piece.span, style);
    }
    p
}

fn styled_span(out: &mut Out, p: Paragraph, span: &Span, style: impl Fn(Run) -> Run) -> Paragraph {
    match &span.href {
        Some(href) => {
            let rid = out.link(href);
            let link = Hyperlink {
                // `path` only feeds docx-rs's own relationship list, which `render` replaces.
                link: HyperlinkData::External {
                    rid,
                    path: String::new(),
                },
                history: None,
                children: Vec::new(),
            }
            .add_run(style(text(&span.text).style(HYPERLINK)));
            p.add_hyperlink(link)
        }
        None => p.add_run(style(text(&span.text))),
    }
}

fn header(out: &mut Out, h: &Header) {
    let names: Vec<&String> = h.name.iter().chain(&h.credentials).collect();
    if !names.is_empty() {
        let mut p = out.paragraph(TITLE);
        for (i, name) in names.into_iter().enumerate() {
            if i > 0 {
                p = p.add_run(markup(", "));
            }
            p = p.add_run(text(name));
        }
        out.push(p);
    }
    if let Some(label) = &h.label {
        let p = out.paragraph(SUBTITLE).add_run(text(label));
        out.push(p);
    }
    if !h.contacts.is_empty() {
        let mut p = out.paragraph(NORMAL);
        for (i, c) in h.contacts.iter().enumerate() {
            if i > 0 {
                p = p.add_run(markup(" · "));
            }
            p = span(out, p, c);
        }
        out.push(p);
    }
}

fn letter(out: &mut Out, body: &LetterBody) {
    for block in body.blocks() {
        let mut p = out.paragraph(NORMAL);
        for (i, line) in block.lines.iter().enumerate() {
            // Address lines are one paragraph, broken by line breaks.
            let run = match i {
                0 => text(line),
                _ => Run::new()
                    .add_break(BreakType::TextWrapping)
                    .add_text(xml_chars(line)),
            };
            p = p.add_run(if block.strong { run.bold() } else { run });
        }
        // A blank line's worth of space after each paragraph, as in a printed letter.
        out.push(p.line_spacing(LineSpacing::new().after(200)));
    }
}

fn section(out: &mut Out, s: &SectionBlock) {
    let p = out.paragraph(HEADING1).add_run(text(&s.title));
    out.push(p);
    for block in &s.blocks {
        match block {
            Block::Paragraph(t) => {
                let p = out.paragraph(NORMAL);
                let p = rich(out, p, t);
                out.push(p);
            }
            Block::Line(line) => {
                let mut p = out.paragraph(NORMAL);
                if let Some(label) = &line.label {
                    p = p.add_run(text(label).bold()).add_run(markup(": ").bold());
                }
                p = p.add_run(text(&line.text));
                out.push(p);
            }
            Block::Entry(e) => entry(out, e),
        }
    }
}

fn entry(out: &mut Out, e: &Entry) {
    if e.title.is_some() || e.subtitle.is_some() {
        let mut p = out.paragraph(HEADING2);
        if let Some(t) = &e.title {
            p = span(out, p, t);
        }
        if let Some(s) = &e.subtitle {
            if e.title.is_some() {
                p = p.add_run(markup(" — "));
            }
            p = span(out, p, s);
        }
        out.push(p);
    }
    if e.location.is_some() || e.dates.is_some() {
        // Location on the left, dates against the right margin (the style's right tab stop):
        // the usual resume look, without a layout table ATS parsers would read cell by cell.
        let mut p = out.paragraph(ENTRY_META);
        if let Some(l) = &e.location {
            p = p.add_run(text(l));
        }
        if let Some(d) = &e.dates {
            p = p.add_run(Run::new().add_tab()).add_run(text(&d.first));
            if let Some(last) = &d.last {
                p = p.add_run(markup(" – ")).add_run(text(last));
            }
        }
        out.push(p);
    }
    for t in &e.paragraphs {
        let p = out.paragraph(NORMAL);
        let p = rich(out, p, t);
        out.push(p);
    }
    for d in &e.details {
        let p = out
            .paragraph(NORMAL)
            .add_run(text(d.label).bold())
            .add_run(markup(": ").bold())
            .add_run(text(&d.text));
        out.push(p);
    }
    for b in &e.bullets {
        for (level, text) in std::iter::once((0, &b.text)).chain(b.children.iter().map(|c| (1, c)))
        {
            let p = out
                .paragraph(LIST_BULLET)
                .numbering(NumberingId::new(BULLETS), IndentLevel::new(level));
            let p = rich(out, p, text);
            out.push(p);
        }
    }
}

/// One bullet level; Word and LibreOffice show it as a real list the user can restyle.
/// Two bullet levels: a bullet and its sub-items.
fn bullet_list() -> AbstractNumbering {
    let level = |n: usize, mark: &str, indent: i32| {
        Level::new(
            n,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new(mark),
            LevelJc::new("left"),
        )
        .indent(
            Some(indent),
            Some(SpecialIndentType::Hanging(360)),
            None,
            None,
        )
    };
    AbstractNumbering::new(BULLETS)
        .add_level(level(0, "•", 360))
        .add_level(level(1, "◦", 720))
}

fn styles(text_width: usize) -> Vec<Style> {
    let paragraph = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on(NORMAL)
            .next(NORMAL)
    };
    let mut title = paragraph(TITLE, "Title")
        .size(40)
        .bold()
        .color(ACCENT)
        .line_spacing(LineSpacing::new().after(40));
    title.paragraph_property = title.paragraph_property.keep_next(true);

    let mut subtitle = paragraph(SUBTITLE, "Subtitle")
        .size(24)
        .color(MUTED)
        .line_spacing(LineSpacing::new().after(80));
    subtitle.paragraph_property = subtitle.paragraph_property.keep_next(true);

    let mut heading1 = paragraph(HEADING1, "heading 1")
        .outline_lvl(0)
        .size(26)
        .bold()
        .color(ACCENT)
        .line_spacing(LineSpacing::new().before(240).after(80));
    // A rule under the title only: docx-rs's `set_border` would start from a full box.
    heading1.paragraph_property = heading1.paragraph_property.keep_next(true).set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .size(6)
                .space(1)
                .color(ACCENT),
        ),
    );

    let mut heading2 = paragraph(HEADING2, "heading 2")
        .outline_lvl(1)
        .size(22)
        .bold()
        .line_spacing(LineSpacing::new().before(160).after(0));
    heading2.paragraph_property = heading2.paragraph_property.keep_next(true);

    let mut meta = paragraph(ENTRY_META, "Entry Details")
        .italic()
        .color(MUTED)
        .line_spacing(LineSpacing::new().after(40));
    meta.paragraph_property = meta
        .paragraph_property
        .keep_next(true)
        .add_tab(Tab::new().val(TabValueType::Right).pos(text_width));

    let bullet = paragraph(LIST_BULLET, "List Bullet").line_spacing(LineSpacing::new().after(20));

    let hyperlink = Style::new(HYPERLINK, StyleType::Character)
        .name("Hyperlink")
        .color("0563C1")
        .underline("single");

    vec![title, subtitle, heading1, heading2, meta, bullet, hyperlink]
}

/// `word/_rels/document.xml.rels`: docx-rs's relationships (styles, numbering, ...) plus one
/// external relationship per link, in order of first use. docx-rs escapes the targets.
fn relationships(mut rels: DocumentRels, links: &[String]) -> Vec<u8> {
    for (i, target) in links.iter().enumerate() {
        rels = rels.add_hyperlinks(format!("rIdLink{}", i + 1), target, "External");
    }
    rels.build()
}

/// `docProps/core.xml`: what File → Info, file managers and ATS read as the document's metadata.
/// No dates (see the module doc). No keywords either: the layout has skills only as display lines
/// ("Rust (Expert, 6 years), Go"), which Word and LibreOffice would split into nonsense tags.
/// Every value is user text, cleaned and escaped.
fn core_xml(doc: &Document) -> Vec<u8> {
    let mut xml = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties""#,
        r#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/""#,
        r#" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    ));
    element(&mut xml, "dc:title", &doc.title);
    if let Some(name) = &doc.header.name {
        element(&mut xml, "dc:creator", name);
        element(&mut xml, "cp:lastModifiedBy", name);
    }
    if let Some(label) = &doc.header.label {
        element(&mut xml, "dc:subject", label);
    }
    xml.push_str("</cp:coreProperties>");
    xml.into_bytes()
}

fn element(xml: &mut String, tag: &'static str, value: &str) {
    xml.push('<');
    xml.push_str(tag);
    xml.push('>');
    // XML's markup characters are HTML's, and every reference `html_into` writes (`&amp;`, `&lt;`,
    // `&gt;`, `&quot;`, `&#39;`) is valid XML.
    escape::html_into(xml, &xml_chars(value));
    xml.push_str("</");
    xml.push_str(tag);
    xml.push('>');
}

/// Drops the characters XML 1.0 does not allow (its `Char` production): C0 controls other than
/// tab, line feed and carriage return, and U+FFFE and U+FFFF. A parser must reject a file holding
/// any of them, even as a character reference, and Word then calls the file corrupt.
fn xml_chars(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
                || c >= '\u{10000}'
        })
        .collect()
}

/// Writes the parts into a zip archive, then repacks it: every entry with the same fixed date (the
/// zip format's epoch, 1980-01-01) so the bytes do not depend on the clock, compressed with deflate
/// (docx-rs stores them uncompressed), and without directory entries, which Word does not write.
fn package(xml: XMLDocx) -> Result<Vec<u8>, DocxError> {
    let mut parts = Cursor::new(Vec::new());
    xml.pack(&mut parts)?;
    let mut input = ZipArchive::new(Cursor::new(parts.into_inner()))?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut output = ZipWriter::new(Cursor::new(Vec::new()));
    let mut buf = Vec::new();
    for i in 0..input.len() {
        let mut file = input.by_index(i)?;
        if file.is_dir() {
            continue;
        }
        let name = file.name().to_owned();
        buf.clear();
        file.read_to_end(&mut buf)?;
        output.start_file(name.as_str(), options)?;
        if matches!(
            name.as_str(),
            "word/document.xml" | "word/styles.xml" | "word/numbering.xml"
        ) {
            output.write_all(&schema_order(&buf)?)?;
        } else {
            output.write_all(&buf)?;
        }
    }
    Ok(output.finish()?.into_inner())
}

/// The children of the WordprocessingML types docx-rs writes out of order, in the order of the
/// schema's `xsd:sequence` (ECMA-376 Part 1, `wml.xsd`). docx-rs writes, for instance, a
/// paragraph's `rPr` before its `pStyle` and a style's `rPr` before its `pPr`: LibreOffice
/// tolerates that, Word reports unreadable content.
const SEQUENCES: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        "lvl",
        &[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlPicBulletId",
            "legacy",
            "lvlJc",
            "pPr",
            "rPr",
        ],
    ),
];

/// One node of an XML part, borrowing from its bytes.
enum XmlNode<'a> {
    Element {
        start: quick_xml::events::BytesStart<'a>,
        children: Vec<XmlNode<'a>>,
    },
    /// An empty element, text, a declaration...: written back as read.
    Leaf(quick_xml::events::Event<'a>),
}

impl XmlNode<'_> {
    fn local_name(&self) -> Option<Vec<u8>> {
        match self {
            XmlNode::Element { start, .. } => Some(start.local_name().as_ref().to_vec()),
            XmlNode::Leaf(quick_xml::events::Event::Empty(e)) => {
                Some(e.local_name().as_ref().to_vec())
            }
            XmlNode::Leaf(_) => None,
        }
    }
}

/// `xml` with the children of every element [`SEQUENCES`] names put in the schema's order (a
/// stable sort: children the sequence does not name, text and comments included, follow those
/// it names in their own order; docx-rs writes no text or comment in these elements).
fn schema_order(xml: &[u8]) -> Result<Vec<u8>, DocxError> {
    use quick_xml::events::Event;
    // docx-rs wrote these parts: a failure here is a bug, reported like a packaging failure.
    let bad = |e: &dyn std::fmt::Display| {
        DocxError::from(std::io::Error::other(format!("reordering a part: {e}")))
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    // The stack of open elements; the bottom holds the document's top-level nodes.
    let mut stack: Vec<(Option<quick_xml::events::BytesStart>, Vec<XmlNode>)> =
        vec![(None, vec![])];
    loop {
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Eof => break,
            Event::Start(start) => stack.push((Some(start), Vec::new())),
            Event::End(_) => {
                let (start, mut children) = stack.pop().ok_or_else(|| bad(&"unbalanced XML"))?;
                let start = start.ok_or_else(|| bad(&"unbalanced XML"))?;
                if let Some((_, order)) = SEQUENCES
                    .iter()
                    .find(|(n, _)| n.as_bytes() == start.local_name().as_ref())
                {
                    let place = |n: &XmlNode| {
                        n.local_name()
                            .and_then(|name| order.iter().position(|o| o.as_bytes() == name))
                            .unwrap_or(order.len())
                    };
                    children.sort_by_key(place);
                }
                let parent = stack.last_mut().ok_or_else(|| bad(&"unbalanced XML"))?;
                parent.1.push(XmlNode::Element { start, children });
            }
            event => {
                let parent = stack.last_mut().ok_or_else(|| bad(&"unbalanced XML"))?;
                parent.1.push(XmlNode::Leaf(event));
            }
        }
    }
    let (_, top) = stack.pop().ok_or_else(|| bad(&"unbalanced XML"))?;
    if !stack.is_empty() {
        return Err(bad(&"unclosed element"));
    }
    fn write(w: &mut quick_xml::Writer<Vec<u8>>, nodes: Vec<XmlNode>) -> std::io::Result<()> {
        for node in nodes {
            match node {
                XmlNode::Element { start, children } => {
                    let end = start.to_end().into_owned();
                    w.write_event(Event::Start(start))?;
                    write(w, children)?;
                    w.write_event(Event::End(end))?;
                }
                XmlNode::Leaf(event) => w.write_event(event)?,
            }
        }
        Ok(())
    }
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(xml.len()));
    write(&mut writer, top).map_err(|e| bad(&e))?;
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_forbids_are_dropped() {
        let cases = [
            ("plain", "plain"),
            ("a\u{0}b\u{8}c\u{B}d\u{C}e\u{1F}f", "abcdef"),
            ("tab\tnl\ncr\r", "tab\tnl\ncr\r"),
            ("a\u{FFFE}b\u{FFFF}c\u{FFFD}", "abc\u{FFFD}"),
            ("\u{D7FF}\u{E000}\u{10000}😀", "\u{D7FF}\u{E000}\u{10000}😀"),
            ("Zoë 李雷 مرحبا", "Zoë 李雷 مرحبا"),
        ];
        for (input, expected) in cases {
            assert_eq!(xml_chars(input), expected, "{input:?}");
        }
    }

    #[test]
    fn core_property_values_are_escaped() {
        let mut xml = String::new();
        element(
            &mut xml,
            "dc:title",
            "</dc:title><x a=\"1\">&amp; 'q'\u{FFFF}",
        );
        assert_eq!(
            xml,
            "<dc:title>&lt;/dc:title&gt;&lt;x a=&quot;1&quot;&gt;&amp;amp; &#39;q&#39;</dc:title>"
        );
    }
}
