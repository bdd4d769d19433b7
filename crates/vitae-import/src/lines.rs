//! The common ground of the document readers: a document as lines of text in reading order, each
//! with what its look says about it (size, weight, a bullet, a heading style) and where it is.
//! The PDF, DOCX and text readers produce these; [`crate::parse`] reads a resume from them.

use std::fmt;

/// Where a value was read: a page and line of a document, or a row of a file in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Page (from 1) and line on that page (from 1), in reading order.
    Page { page: u32, line: u32 },
    /// A line (from 1) of a document without pages (DOCX paragraphs, text).
    Line { line: u32 },
    /// A row (from 1, after the header) of a file inside an export.
    Row { file: String, row: u32 },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Page { page, line } => write!(f, "page {page}, line {line}"),
            Origin::Line { line } => write!(f, "line {line}"),
            Origin::Row { file, row } => write!(f, "{file}, row {row}"),
        }
    }
}

/// What the document's own markup says a line is, where it says it (a Word heading style, a
/// Markdown `#`, a list paragraph); the PDF reader only has the look to go by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    None,
    /// A heading of this level (1: the document's title, 2: a section).
    Heading(u8),
    /// An item of a list (its marker already taken off the text).
    Bullet,
}

/// One line of text (in a PDF, one run of words on a baseline; several lines can share a row,
/// as a title and its dates do).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Lines on one row (the same baseline of a page) share this number, in reading order.
    pub row: u32,
    pub origin: Origin,
    /// Horizontal extent and type size in points (0 where the source has no geometry).
    pub left: f32,
    pub right: f32,
    pub size: f32,
    /// Most of the line is bold.
    pub bold: bool,
    /// How many bytes at the start of `text` are bold, when the line starts bold and goes on in
    /// another weight ("**Staff Engineer**, Initech, Austin"); 0 otherwise.
    pub bold_prefix: usize,
    pub hint: Hint,
    /// The line was set off from the one before by more than a line's gap (a new paragraph or
    /// entry).
    pub gap_before: bool,
}

impl Line {
    /// A line of a document without geometry (text, DOCX).
    pub fn plain(text: impl Into<String>, line: u32, hint: Hint, bold: bool) -> Line {
        Line {
            text: text.into(),
            row: line,
            origin: Origin::Line { line },
            left: 0.0,
            right: 0.0,
            size: 0.0,
            bold,
            bold_prefix: 0,
            hint,
            gap_before: false,
        }
    }
}

/// The markers that start a list item in documents: bullets, dashes and arrows (not a hyphen
/// inside text: "Urbana-Champaign" is no list), and the Symbol and Wingdings bullets Word
/// writes in its private-use code points.
pub const BULLETS: &[char] = &[
    '•', '●', '○', '◦', '▪', '■', '□', '‣', '⁃', '∙', '·', '►', '▸', '▶', '➢', '✓', '✔', '–', '—',
    '-', '*', '\u{f0b7}', '\u{f0a7}', '\u{f076}',
];

/// `text` without a leading list marker and the space after it, when it has one.
pub fn strip_bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let mut chars = t.chars();
    let first = chars.next()?;
    if !BULLETS.contains(&first) {
        return None;
    }
    let rest = chars.as_str();
    // "-5%" or "--" are not list items; a marker is followed by a space.
    if !rest.starts_with([' ', '\u{a0}', '\t']) {
        return None;
    }
    let rest = rest.trim_start();
    (!rest.is_empty()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_starts_an_item_only_before_a_space() {
        assert_eq!(strip_bullet("• Led the team"), Some("Led the team"));
        assert_eq!(strip_bullet("- Led"), Some("Led"));
        assert_eq!(strip_bullet("-5% cost"), None);
        assert_eq!(strip_bullet("Urbana-Champaign"), None);
        assert_eq!(strip_bullet("•"), None);
    }
}
