//! Every output format behind one call, so the CLI and the server name formats, file extensions
//! and media types the same way and dispatch to the same renderers.

use crate::{Content, DocxError, RenderOptions, TextFormat, TypesetError, TypesetOptions};
use std::fmt;
use std::str::FromStr;
use vitae_core::format;
use vitae_core::model::Resume;
use vitae_fit::letter::Letter;

/// A document format vitae writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutputFormat {
    /// PDF through the embedded Typst engine.
    Pdf,
    /// PNG images, one per page.
    Png,
    /// Word document.
    Docx,
    /// Markdown.
    Md,
    /// Plain text, wrapped at 80 columns.
    Txt,
    /// A standalone HTML page.
    Html,
    /// LaTeX source (compiles with pdflatex).
    Tex,
    /// Standalone Typst source (compiles with the typst CLI).
    Typ,
    /// JSON Resume.
    Json,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 9] = [
        OutputFormat::Pdf,
        OutputFormat::Png,
        OutputFormat::Docx,
        OutputFormat::Md,
        OutputFormat::Txt,
        OutputFormat::Html,
        OutputFormat::Tex,
        OutputFormat::Typ,
        OutputFormat::Json,
    ];

    /// The canonical name, which is also the usual file extension.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Png => "png",
            OutputFormat::Docx => "docx",
            OutputFormat::Md => "md",
            OutputFormat::Txt => "txt",
            OutputFormat::Html => "html",
            OutputFormat::Tex => "tex",
            OutputFormat::Typ => "typ",
            OutputFormat::Json => "json",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        self.name()
    }

    /// The media type of the rendered bytes.
    pub fn media_type(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "application/pdf",
            OutputFormat::Png => "image/png",
            OutputFormat::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            OutputFormat::Md => "text/markdown; charset=utf-8",
            OutputFormat::Txt => "text/plain; charset=utf-8",
            OutputFormat::Html => "text/html; charset=utf-8",
            OutputFormat::Tex => "application/x-tex; charset=utf-8",
            OutputFormat::Typ => "text/vnd.typst; charset=utf-8",
            OutputFormat::Json => "application/json",
        }
    }

    /// Whether the rendered bytes are UTF-8 text (Markdown, plain text, HTML, LaTeX, Typst,
    /// JSON), not a binary document.
    pub fn is_text(self) -> bool {
        !matches!(
            self,
            OutputFormat::Pdf | OutputFormat::Png | OutputFormat::Docx
        )
    }

    /// Whether the format is laid out by the Typst engine (themes and page options apply).
    pub fn is_typeset(self) -> bool {
        matches!(
            self,
            OutputFormat::Pdf | OutputFormat::Png | OutputFormat::Typ
        )
    }

    /// Every accepted name, for help texts and error messages.
    pub fn names() -> String {
        Self::ALL.map(OutputFormat::name).join(", ")
    }
}

impl fmt::Display for OutputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for OutputFormat {
    type Err = String;

    /// The canonical names, plus the long names of the text formats (`markdown`, `text`, `latex`)
    /// and `typst`, in any case.
    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = s.trim().to_ascii_lowercase();
        let alias = match wanted.as_str() {
            "markdown" => Some(OutputFormat::Md),
            "text" => Some(OutputFormat::Txt),
            "htm" => Some(OutputFormat::Html),
            "latex" => Some(OutputFormat::Tex),
            "typst" => Some(OutputFormat::Typ),
            "json-resume" | "jsonresume" => Some(OutputFormat::Json),
            _ => None,
        };
        alias
            .or_else(|| Self::ALL.into_iter().find(|f| f.name() == wanted))
            .ok_or_else(|| {
                format!(
                    "unknown output format `{s}` (known: {})",
                    OutputFormat::names()
                )
            })
    }
}

/// One rendered document: a single file, or one image per page (PNG).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    One(Vec<u8>),
    Pages(Vec<Vec<u8>>),
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Typeset(#[from] TypesetError),
    #[error("cannot write the Word document")]
    Docx(#[from] DocxError),
    #[error("a cover letter cannot be written as {0} (it is a resume format)")]
    NotForLetters(OutputFormat),
}

/// Renders an already variant-filtered resume as `format`. `dpi` applies to PNG only.
pub fn render(
    resume: &Resume,
    format: OutputFormat,
    render: &RenderOptions,
    typeset: &TypesetOptions,
    dpi: f64,
) -> Result<Rendered, RenderError> {
    let text = |f| Rendered::One(crate::render_text(resume, f, render).into_bytes());
    Ok(match format {
        OutputFormat::Pdf => Rendered::One(crate::render_pdf(resume, render, typeset)?),
        OutputFormat::Png => Rendered::Pages(crate::render_png(resume, render, typeset, dpi)?),
        OutputFormat::Docx => Rendered::One(crate::render_docx(
            resume,
            render,
            typeset.design_for(resume).paper.unwrap_or_default(),
        )?),
        OutputFormat::Typ => {
            Rendered::One(crate::render_typst(resume, render, typeset)?.into_bytes())
        }
        OutputFormat::Json => Rendered::One(format::to_json_resume(resume).into_bytes()),
        OutputFormat::Md => text(TextFormat::Markdown),
        OutputFormat::Txt => text(TextFormat::Text),
        OutputFormat::Html => text(TextFormat::Html),
        OutputFormat::Tex => text(TextFormat::Latex),
    })
}

/// Renders a cover letter from `sender` (whose header it carries) as `format`: every format but
/// JSON Resume, which only holds resumes. `dpi` applies to PNG only.
pub fn render_letter(
    sender: &Resume,
    letter: &Letter,
    format: OutputFormat,
    render: &RenderOptions,
    typeset: &TypesetOptions,
    dpi: f64,
) -> Result<Rendered, RenderError> {
    let content = Content::Letter { sender, letter };
    let doc = || crate::layout::build_letter(sender, letter, render.locale);
    let text = |s: String| Rendered::One(s.into_bytes());
    Ok(match format {
        OutputFormat::Pdf => Rendered::One(crate::typeset_pdf(content, render, typeset)?),
        OutputFormat::Png => Rendered::Pages(crate::typeset_png(content, render, typeset, dpi)?),
        OutputFormat::Typ => text(crate::typeset_source(content, render, typeset)?),
        OutputFormat::Docx => Rendered::One(crate::docx::render(
            &doc(),
            typeset.design_for(sender).paper.unwrap_or_default(),
        )?),
        OutputFormat::Md => text(crate::markdown::render(&doc())),
        OutputFormat::Txt => text(crate::text::render(&doc())),
        OutputFormat::Html => text(crate::html::render(&doc())),
        OutputFormat::Tex => text(crate::latex::render(&doc())),
        OutputFormat::Json => return Err(RenderError::NotForLetters(format)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_parses_from_its_name_and_aliases() {
        for f in OutputFormat::ALL {
            assert_eq!(f.name().parse::<OutputFormat>(), Ok(f));
            assert_eq!(f.name().to_uppercase().parse::<OutputFormat>(), Ok(f));
        }
        assert_eq!("markdown".parse(), Ok(OutputFormat::Md));
        assert_eq!("latex".parse(), Ok(OutputFormat::Tex));
        let err = "odt".parse::<OutputFormat>().unwrap_err();
        assert!(err.contains("pdf, png, docx"), "{err}");
    }
}
