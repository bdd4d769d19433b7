//! Word (DOCX): the paragraphs of `word/document.xml` in document order, table cells and text
//! boxes included (they are paragraphs too), each with what its style says (a title, a heading
//! and its level, from `word/styles.xml`: the style's name or its outline level, so a German
//! "Überschrift 1" counts as well), whether it is a list item (numbering, or a list style) and at
//! which level, and which of its runs are bold. A tab is a wide gap, as a right tab stop before
//! dates is; a line break ends a line.

use crate::ImportError;
use crate::lines::{Hint, Line, strip_bullet};
use quick_xml::events::Event;
use std::collections::HashMap;
use std::io::Read;

/// The most bytes read out of a part of the file: a resume's document.xml is tens of
/// kilobytes; more is a bomb.
const MAX_PART: u64 = 16 * 1024 * 1024;

/// Whether a ZIP archive is a Word document.
pub fn is_docx(zip: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(zip))
        .is_ok_and(|a| a.file_names().any(|n| n == "word/document.xml"))
}

fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, ImportError> {
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(ImportError::Damaged(format!(
                "`{name}` cannot be read: {e}"
            )));
        }
    };
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::Damaged(format!("`{name}` cannot be unpacked: {e}")))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(ImportError::Damaged(format!(
            "`{name}` unpacks to more than {} MiB: this is no resume",
            MAX_PART / 1024 / 1024
        )));
    }
    Ok(Some(bytes))
}

/// What a paragraph style says: a heading level (1 for a title) or a list.
#[derive(Debug, Clone, Copy, Default)]
struct StyleInfo {
    heading: Option<u8>,
    list: bool,
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The paragraph styles of `styles.xml`, by id.
fn styles(xml: &[u8]) -> HashMap<String, StyleInfo> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut current: Option<(String, StyleInfo)> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"style" => {
                    if let Some((id, info)) = current.take() {
                        out.insert(id, info);
                    }
                    current = attr(&e, b"styleId").map(|id| (id, StyleInfo::default()));
                }
                b"name" => {
                    if let (Some((_, info)), Some(name)) = (current.as_mut(), attr(&e, b"val")) {
                        let name = name.to_lowercase();
                        if name == "title" {
                            info.heading = Some(1);
                        } else if let Some(n) = name.strip_prefix("heading ") {
                            info.heading = n.trim().parse::<u8>().ok().map(|n| n.saturating_add(1));
                        } else if name.starts_with("list") {
                            info.list = true;
                        }
                    }
                }
                b"outlineLvl" => {
                    if let (Some((_, info)), Some(level)) = (current.as_mut(), attr(&e, b"val"))
                        && info.heading.is_none()
                    {
                        info.heading = level.parse::<u8>().ok().map(|l| l.saturating_add(2));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    if let Some((id, info)) = current {
        out.insert(id, info);
    }
    out
}

/// A paragraph being read.
#[derive(Default)]
struct Para {
    text: String,
    bold_bytes: usize,
    /// Bytes at the start that are bold, while no regular text has come.
    bold_prefix: usize,
    broken: bool,
    style: Option<String>,
    numbered: Option<u8>,
}

/// The lines of a DOCX document.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::Damaged(format!("the Word file cannot be opened: {e}")))?;
    let document = part(&mut archive, "word/document.xml")?
        .ok_or_else(|| ImportError::Damaged("the Word file has no document part".into()))?;
    let styles = part(&mut archive, "word/styles.xml")?
        .map(|s| styles(&s))
        .unwrap_or_default();
    let mut reader = quick_xml::Reader::from_reader(document.as_slice());
    let mut buf = Vec::new();
    // Paragraphs nest (a text box's paragraphs inside a run of another): a stack.
    let mut stack: Vec<Para> = Vec::new();
    let mut bold = false;
    let mut in_text = false;
    let mut deleted = 0u32;
    let mut out: Vec<Line> = Vec::new();
    let mut number = 0u32;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| ImportError::Damaged(format!("the Word document's XML is broken: {e}")))?;
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => stack.push(Para::default()),
                b"r" => bold = false,
                b"t" => in_text = deleted == 0,
                b"del" => deleted += 1,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"pStyle" => {
                    if let Some(p) = stack.last_mut() {
                        p.style = attr(&e, b"val");
                    }
                }
                b"ilvl" => {
                    if let Some(p) = stack.last_mut() {
                        p.numbered =
                            Some(attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0));
                    }
                }
                b"numId" => {
                    if let Some(p) = stack.last_mut()
                        && p.numbered.is_none()
                        && attr(&e, b"val").is_some_and(|v| v != "0")
                    {
                        p.numbered = Some(0);
                    }
                }
                b"b" => {
                    bold = attr(&e, b"val").is_none_or(|v| v != "0" && v != "false");
                }
                b"tab" if deleted == 0 => push(&mut stack, "\t", bold),
                b"br" | b"cr" if deleted == 0 => push(&mut stack, "\n", bold),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t
                    .decode()
                    .map_err(|e| ImportError::Damaged(e.to_string()))?;
                push(&mut stack, &text, bold);
            }
            Event::GeneralRef(r) if in_text => {
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match r
                        .decode()
                        .map_err(|e| ImportError::Damaged(e.to_string()))?
                        .as_ref()
                    {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                push(&mut stack, &text, bold);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"del" => deleted = deleted.saturating_sub(1),
                b"p" => {
                    if let Some(p) = stack.pop() {
                        finish(p, &styles, &mut out, &mut number);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn push(stack: &mut [Para], text: &str, bold: bool) {
    let Some(p) = stack.last_mut() else {
        return;
    };
    p.text.push_str(text);
    if bold && !text.trim().is_empty() {
        p.bold_bytes += text.len();
        if !p.broken {
            p.bold_prefix = p.text.len();
        }
    } else if !text.trim().is_empty() {
        p.broken = true;
    }
}

/// A finished paragraph as lines (one per line break), with its hint.
fn finish(p: Para, styles: &HashMap<String, StyleInfo>, out: &mut Vec<Line>, number: &mut u32) {
    let info = p
        .style
        .as_ref()
        .and_then(|s| styles.get(s).copied())
        .unwrap_or_default();
    let chars = p.text.trim().len();
    let bold = chars > 0 && p.bold_bytes * 2 > chars;
    let list_level = p.numbered.or(info.list.then_some(0));
    let bold_prefix = if p.broken { p.bold_prefix } else { 0 };
    for (i, raw) in p.text.split('\n').enumerate() {
        // A tab is a gap wider than a space: two spaces, which part a head's items.
        let text = raw.replace('\t', "  ");
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let (text, hint) = match (info.heading, list_level) {
            (Some(level), _) => (text.to_owned(), Hint::Heading(level)),
            (None, Some(level)) => {
                // A nested item is its parent's child, kept in it as the source writes it.
                if level > 0
                    && let Some(parent) = out.last_mut()
                    && parent.hint == Hint::Bullet
                {
                    parent.text.push_str("\n- ");
                    parent.text.push_str(text);
                    continue;
                }
                (text.to_owned(), Hint::Bullet)
            }
            // A typed list marker ("• ", "- ") in a plain paragraph.
            (None, None) => match strip_bullet(text) {
                Some(rest) => (rest.to_owned(), Hint::Bullet),
                None => (text.to_owned(), Hint::None),
            },
        };
        *number += 1;
        let mut line = Line::plain(text, *number, hint, bold);
        if i == 0 && hint == Hint::None {
            line.bold_prefix = bold_prefix.min(line.text.len());
            // The prefix counts bytes of the raw text; it must end on a character boundary.
            while !line.text.is_char_boundary(line.bold_prefix) {
                line.bold_prefix -= 1;
            }
        }
        out.push(line);
    }
}
