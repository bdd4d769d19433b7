//! Bringing a resume in: the documents people already have, read into vitae's model.
//!
//! [`import`] detects the format from the bytes (not the file name) and reads it:
//! - **PDF**: glyphs with positions, sizes and weights from hayro (pure Rust), laid out into
//!   lines and columns ([`pdf`]), then read as a resume ([`parse`]);
//! - **Word (DOCX)**: paragraphs with their styles, lists, tables and text boxes ([`docx`]),
//!   read the same way;
//! - **plain text and Markdown** ([`text`]), read the same way;
//! - **LinkedIn's data export**, the ZIP or the extracted folder's files ([`linkedin`]), read
//!   by its documented columns.
//!
//! Every value read comes with where it was found and how sure the reader is ([`Found`]); a value
//! not found is left empty, never guessed. Hostile input gets a clear [`ImportError`] within
//! bounded time and memory: size, page and glyph limits.

pub mod dates;
pub mod docx;
pub mod eval;
pub mod guard;
pub mod lines;
pub mod linkedin;
pub mod merge;
pub mod parse;
pub mod pdf;
pub mod text;

pub use lines::Origin;
pub use parse::{Found, UNSURE};
use vitae_core::model::Resume;

/// The largest file read, in bytes: a resume PDF with its fonts is well under a megabyte; 20 MiB
/// leaves room for scanned pages, whose text vitae cannot read anyway.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;

/// The kinds of document vitae reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Docx,
    Text,
    LinkedIn,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Docx => "Word document",
            Kind::Text => "text",
            Kind::LinkedIn => "LinkedIn data export",
        }
    }
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes; at most {max} are read")]
    TooBig { size: usize, max: usize },
    #[error(
        "the document has {pages} pages; a resume has a few (at most {max} are read): split off \
         the resume's pages first"
    )]
    TooLong { pages: usize, max: usize },
    #[error("the PDF is encrypted with a password: save an unprotected copy and import that")]
    Encrypted,
    #[error("the file is damaged: {0}")]
    Damaged(String),
    #[error(
        "no text found in the document: it may be scanned images, or set in fonts that carry no \
         text; export it again from the program that made it, or run it through OCR first"
    )]
    NoText,
    #[error("this is not a format vitae imports (PDF, plain text or Markdown): {0}")]
    Unknown(String),
}

/// A resume read from a document, with the record of what was found where.
#[derive(Debug, Clone)]
pub struct Imported {
    pub kind: Kind,
    pub resume: Resume,
    /// Every value filled in: its place in the resume, its text, its origin and confidence.
    pub found: Vec<Found>,
}

impl Imported {
    /// The values the reader is unsure of, to check by hand.
    pub fn unsure(&self) -> impl Iterator<Item = &Found> {
        self.found.iter().filter(|f| f.confidence < UNSURE)
    }
}

/// What a file is, by its first bytes.
pub fn detect(bytes: &[u8]) -> Result<Kind, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if docx::is_docx(bytes) {
            return Ok(Kind::Docx);
        }
        if linkedin::is_export(bytes) {
            return Ok(Kind::LinkedIn);
        }
        return Err(ImportError::Unknown(
            "a ZIP archive that is neither a Word document nor LinkedIn's data export".into(),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| ImportError::Unknown("the file is neither a PDF nor UTF-8 text".into()))?;
    if text
        .chars()
        .filter(|c| c.is_control() && !c.is_whitespace())
        .count()
        > text.len() / 100
    {
        return Err(ImportError::Unknown(
            "the file holds binary data, not text".into(),
        ));
    }
    Ok(Kind::Text)
}

/// Reads a resume from a document's bytes.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooBig {
            size: bytes.len(),
            max: MAX_BYTES,
        });
    }
    let kind = detect(bytes)?;
    let lines = match kind {
        Kind::Pdf => pdf::lines(bytes)?,
        Kind::Docx => docx::lines(bytes)?,
        Kind::Text => text::lines(std::str::from_utf8(bytes).expect("checked by detect")),
        Kind::LinkedIn => return export(&linkedin::unzip(bytes)?),
    };
    // A document whose glyphs carry no text (scanned pages, or bitmap fonts without a Unicode
    // map) reads as a few separators at most: that is no text to make a resume of.
    let letters: usize = lines
        .iter()
        .map(|l| l.text.chars().filter(|c| c.is_alphanumeric()).count())
        .sum();
    if letters < 10 {
        return Err(ImportError::NoText);
    }
    let parsed = parse::resume(&lines);
    Ok(Imported {
        kind,
        resume: parsed.resume,
        found: parsed.found,
    })
}

/// Reads LinkedIn's export from its files, as a front end read them from the extracted folder:
/// `(name, bytes)` with the name as [`linkedin::known`] gives it ("positions").
pub fn export(files: &[(String, Vec<u8>)]) -> Result<Imported, ImportError> {
    let (resume, found) = linkedin::read(files)?;
    Ok(Imported {
        kind: Kind::LinkedIn,
        resume,
        found,
    })
}
