//! Source formats: detection, readers and writers.
//!
//! Reading is two steps: the text becomes a located [`Node`] tree (YAML or JSON syntax), then a
//! format reader turns the tree into a [`Resume`], collecting every problem as a diagnostic.
//! Validation ([`crate::validate`]) then checks the model and uses the [`SourceMap`] to point back
//! into the file.

pub mod json_resume;
pub mod native;
pub mod read;
pub mod rendercv;

use crate::diag::Diagnostics;
use crate::model::Resume;
use crate::node::{self, Node, Pos, SyntaxError};
pub use read::SourceMap;
use std::fmt;
use std::str::FromStr;

/// A source format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The resume-cli `resume.yaml` shape (YAML or JSON).
    Native,
    /// JSON Resume (JSON or YAML).
    JsonResume,
    /// RenderCV YAML (`cv:` with `sections`).
    RenderCv,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Native, Format::JsonResume, Format::RenderCv];

    pub fn name(self) -> &'static str {
        match self {
            Format::Native => "native",
            Format::JsonResume => "json-resume",
            Format::RenderCv => "rendercv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "native" | "yaml" | "resume-cli" => Ok(Format::Native),
            "json-resume" | "jsonresume" | "json" => Ok(Format::JsonResume),
            "rendercv" | "render-cv" => Ok(Format::RenderCv),
            _ => Err(format!(
                "unknown source format `{s}` (known: native, json-resume, rendercv)"
            )),
        }
    }
}

/// The syntax a document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Yaml,
}

/// A resume read from a source, with everything found wrong with it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub resume: Resume,
    pub format: Format,
    pub syntax: Syntax,
    pub diagnostics: Diagnostics,
    pub source_map: SourceMap,
}

/// Why a document could not be read at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    #[error("the file is not UTF-8 text (invalid byte at line {line}, column {column})")]
    NotUtf8 { line: u32, column: u32 },
    #[error("the file is binary, not a text resume source")]
    Binary,
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
}

impl ReadError {
    pub fn pos(&self) -> Pos {
        match self {
            ReadError::NotUtf8 { line, column } => Pos::new(*line, *column),
            ReadError::Binary => Pos::new(1, 1),
            ReadError::Syntax(e) => e.pos,
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            ReadError::NotUtf8 { .. } => Some("save the file as UTF-8"),
            ReadError::Binary => {
                Some("pass a YAML or JSON resume (native, JSON Resume or RenderCV)")
            }
            ReadError::Syntax(e) => e.hint.as_deref(),
        }
    }
}

/// Checks that the bytes are UTF-8 text, locating the first invalid byte.
pub fn decode(bytes: &[u8]) -> Result<&str, ReadError> {
    // A NUL byte never appears in a text resume but always early in images, PDFs and archives.
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(ReadError::Binary);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        ReadError::NotUtf8 {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
        }
    })
}

/// The syntax a document is read in: JSON when it starts (after a byte-order mark and white
/// space) with `{` or `[`, YAML otherwise.
pub fn syntax_of(text: &str) -> Syntax {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        Syntax::Json
    } else {
        Syntax::Yaml
    }
}

/// Parses text into a located tree, in the syntax [`syntax_of`] tells.
pub fn parse(text: &str) -> Result<(Node, Syntax), ReadError> {
    let syntax = syntax_of(text);
    let root = match syntax {
        Syntax::Json => node::parse_json(text)?,
        Syntax::Yaml => node::parse_yaml(text)?,
    };
    Ok((root, syntax))
}

/// Detects the format from the document's top-level keys.
pub fn detect(root: &Node) -> Format {
    let has = |k: &str| root.get(k).is_some();
    if has("cv") {
        Format::RenderCv
    } else if has("basics") || has("work") || has("$schema") || has("certificates") {
        Format::JsonResume
    } else {
        Format::Native
    }
}

/// Reads a resume from text. `format` overrides detection (`--from`).
pub fn read(text: &str, format: Option<Format>) -> Result<Loaded, ReadError> {
    let (root, syntax) = parse(text)?;
    Ok(read_node(&root, syntax, format))
}

/// Reads a resume from bytes (checks UTF-8 first).
pub fn read_bytes(bytes: &[u8], format: Option<Format>) -> Result<Loaded, ReadError> {
    read(decode(bytes)?, format)
}

/// Reads a resume from an already parsed tree (e.g. a JSON request body).
pub fn read_node(root: &Node, syntax: Syntax, format: Option<Format>) -> Loaded {
    let format = format.unwrap_or_else(|| detect(root));
    let mut cx = read::Cx::new();
    let resume = match format {
        Format::Native => native::read(&mut cx, root),
        Format::JsonResume => json_resume::read(&mut cx, root),
        Format::RenderCv => rendercv::read(&mut cx, root),
    };
    let resume = Resume {
        inline: std::mem::take(&mut cx.inline),
        ..resume
    };
    Loaded {
        resume,
        format,
        syntax,
        diagnostics: cx.diags,
        source_map: cx.map,
    }
}

/// Output formats of `vitae convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFormat {
    NativeYaml,
    JsonResume,
}

/// The native format as YAML text.
pub fn to_native_yaml(resume: &Resume) -> String {
    to_yaml(&native::write(resume))
}

/// The native format as compact JSON text (what the server stores).
pub fn to_native_json(resume: &Resume) -> String {
    native::write(resume).to_string()
}

/// JSON Resume as pretty JSON text.
pub fn to_json_resume(resume: &Resume) -> String {
    let mut s = serde_json::to_string_pretty(&json_resume::write(resume))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Serializes a JSON value as YAML. A JSON value always serializes, so failure is impossible in
/// practice; it is still reported as a YAML comment rather than a panic.
pub(crate) fn to_yaml(value: &serde_json::Value) -> String {
    serde_saphyr::to_string(value).unwrap_or_else(|e| format!("# could not write YAML: {e}\n"))
}
