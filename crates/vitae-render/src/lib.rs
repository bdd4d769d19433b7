//! vitae-render: renderers, pure functions of (resume, options) → bytes.
//!
//! This crate turns an already variant-filtered [`Resume`] into text formats: Markdown, plain text
//! (ATS-safe, wrapped at 80 columns), a standalone HTML page and LaTeX source. It does no I/O.
//!
//! ```
//! use vitae_core::model::{Bullet, Experience, Resume};
//! use vitae_render::{RenderOptions, TextFormat, render_text};
//!
//! let mut resume = Resume::default();
//! resume.basics.name = "Ada Lovelace".into();
//! resume.experience.push(Experience {
//!     company: "Analytical Engines Ltd".into(),
//!     title: Some("Engineer".into()),
//!     bullets: vec![Bullet::plain("Wrote the *first* program")],
//!     ..Experience::default()
//! });
//!
//! let format: TextFormat = "md".parse().unwrap();
//! let markdown = render_text(&resume, format, &RenderOptions::default());
//! assert!(markdown.starts_with("# Ada Lovelace\n"));
//! // User text is escaped for the target: the asterisks print, they do not emphasize.
//! assert!(markdown.contains("- Wrote the \\*first\\* program\n"));
//! assert_eq!(format.extension(), "md");
//! ```
//!
//! # How it is built
//!
//! - `layout` builds one format-neutral document from the resume: which sections, in which order,
//!   what each entry shows. It is the only module that reads the [`Resume`].
//! - `markdown`, `text`, `html`, `latex` serialize that document. Each has a small `Out` writer whose
//!   `text` method escapes for its target and whose `markup` method takes only `&'static str`, so user
//!   text cannot reach the output unescaped by accident.
//! - `escape` holds every escaping function; `dates` formats dates; `words` holds every word the
//!   renderers add (section titles, labels, month names), one [`Locale`] per language: English and
//!   the 21 languages of RenderCV's locale files, chosen with [`RenderOptions::locale`].
//!
//! LaTeX output compiles with `pdflatex -no-shell-escape` using only Debian's texlive-latex-base,
//! texlive-latex-recommended and texlive-fonts-recommended, and with lualatex or xelatex.
//! Characters pdfTeX has no glyph for (CJK, emoji, Arabic...) stay in the source, so XeTeX and
//! LuaTeX print them given a font that has them, and print as a bold `?` under pdfTeX instead of
//! stopping the build.

use std::fmt;
use std::str::FromStr;
use vitae_core::model::Resume;

pub use docx::DocxError;
pub use output::{OutputFormat, RenderError, Rendered, render, render_letter};
pub use typeset::{
    Columns, Content, DPI, DateStyle, Design, LinkStyle, MAX_PAGES, MAX_PHOTO_BYTES,
    MAX_THEME_FILE_BYTES, PagePreview, Paper, Photo, SectionTitles, Stop, TextLine, Theme,
    ThemeFile, TypesetError, TypesetOptions, fonts, layout_only, preview_png, render_pdf,
    render_png, render_svg, render_typst, span_location, text_layer, typeset_pdf, typeset_png,
    typeset_source, with_deadline,
};
pub use vitae_core::Section;
pub use words::{Locale, locale, locale_codes, locales};

mod dates;
mod docx;
mod escape;
mod html;
mod latex;
mod layout;
mod markdown;
mod output;
mod rich;
pub mod template;
mod text;
mod typeset;
mod words;

#[cfg(test)]
#[path = "../tests/common/fixtures.rs"]
mod fixtures;
#[cfg(test)]
mod tests;

/// A text output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextFormat {
    Markdown,
    /// Plain text, ATS-safe: ASCII structure, no tabs, wrapped at 80 columns.
    Text,
    /// A standalone HTML page with inline CSS and print rules; no JavaScript, no external resources.
    Html,
    /// LaTeX source for pdflatex, xelatex or lualatex.
    Latex,
}

impl TextFormat {
    pub const ALL: [TextFormat; 4] = [
        TextFormat::Markdown,
        TextFormat::Text,
        TextFormat::Html,
        TextFormat::Latex,
    ];

    /// The usual file extension, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            TextFormat::Markdown => "md",
            TextFormat::Text => "txt",
            TextFormat::Html => "html",
            TextFormat::Latex => "tex",
        }
    }

    /// The canonical name, as accepted by [`FromStr`].
    pub fn name(&self) -> &'static str {
        match self {
            TextFormat::Markdown => "markdown",
            TextFormat::Text => "text",
            TextFormat::Html => "html",
            TextFormat::Latex => "latex",
        }
    }
}

impl fmt::Display for TextFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format or section name that is not known. Displays the name and what is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    what: &'static str,
    name: String,
    expected: &'static str,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} `{}` (expected one of: {})",
            self.what, self.name, self.expected
        )
    }
}

impl std::error::Error for UnknownName {}

impl FromStr for TextFormat {
    type Err = UnknownName;

    /// `md`/`markdown`, `txt`/`text`, `html`/`htm`, `tex`/`latex`, in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(TextFormat::Markdown),
            "txt" | "text" => Ok(TextFormat::Text),
            "html" | "htm" => Ok(TextFormat::Html),
            "tex" | "latex" => Ok(TextFormat::Latex),
            _ => Err(UnknownName {
                what: "text format",
                name: s.to_owned(),
                expected: "md, markdown, txt, text, html, tex, latex",
            }),
        }
    }
}

/// How to render. Grows with new options; build it from `default()` and set fields.
///
/// ```
/// use vitae_render::{RenderOptions, Section};
/// let mut options = RenderOptions::default();
/// options.section_order = Some(vec![Section::Education, Section::Experience]);
/// options.locale = vitae_render::Locale::parse("de").unwrap();
/// ```
#[derive(Debug, Default, Clone, PartialEq)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Sections to put first, in this order; the others follow in the default order. `None`: the
    /// default order (summary, experience, skills, projects, education, certifications,
    /// publications, awards, volunteer, languages, interests, affiliations, references, custom).
    pub section_order: Option<Vec<Section>>,
    /// The language of every word the renderers add (headings, labels, months). Default: English.
    pub locale: &'static Locale,
    /// How dates read. `None`: the source's `design.dates`, else "Jan 2020".
    pub dates: Option<DateStyle>,
}

/// Renders `resume` as `format`. Pure and total: any resume gives valid output for the format,
/// with every user string escaped for it. Empty sections are left out.
pub fn render_text(resume: &Resume, format: TextFormat, options: &RenderOptions) -> String {
    let doc = layout::build(resume, options, options.locale);
    match format {
        TextFormat::Markdown => markdown::render(&doc),
        TextFormat::Text => text::render(&doc),
        TextFormat::Html => html::render(&doc),
        TextFormat::Latex => latex::render(&doc),
    }
}

/// One section of what a resume shows: its title as printed, and one line per logical line (an
/// entry's head, its dates, each bullet, each skills line), unwrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownSection {
    pub title: String,
    pub lines: Vec<String>,
}

/// What `resume` shows, section by section, in the order the renderers print it (the header
/// first, titled "Header"): the text every output carries, for comparing two variants.
pub fn shown_sections(resume: &Resume, options: &RenderOptions) -> Vec<ShownSection> {
    let doc = layout::build(resume, options, options.locale);
    text::shown(&doc)
        .into_iter()
        .map(|(title, lines)| ShownSection { title, lines })
        .collect()
}

/// A section heading as the renderer prints it, in order: what an ATS must find in the text layer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedHeading {
    pub section: Section,
    /// A custom section's index in [`Resume::custom_sections`].
    pub custom: Option<usize>,
    /// The heading in the render's language.
    pub title: String,
}

/// The section headings `resume` prints with `options`, in order; empty sections are left out.
pub fn printed_headings(resume: &Resume, options: &RenderOptions) -> Vec<PrintedHeading> {
    layout::build(resume, options, options.locale)
        .sections
        .into_iter()
        .map(|s| PrintedHeading {
            section: s.kind,
            custom: s.custom,
            title: s.title,
        })
        .collect()
}

/// Renders `resume` as a Word document (DOCX) that recruiters can edit and ATS parse: the same
/// layout as every other format, with Word's heading styles, real bullet lists and hyperlinks, and
/// no tables. Deterministic: the same input gives byte-identical output (no dates are recorded).
///
/// ```
/// use vitae_core::model::Resume;
/// use vitae_render::{Paper, RenderOptions, render_docx};
///
/// let mut resume = Resume::default();
/// resume.basics.name = "Ada Lovelace".into();
/// let docx = render_docx(&resume, &RenderOptions::default(), Paper::A4).unwrap();
/// assert!(docx.starts_with(b"PK")); // a zip archive
/// ```
pub fn render_docx(
    resume: &Resume,
    options: &RenderOptions,
    paper: Paper,
) -> Result<Vec<u8>, DocxError> {
    let doc = layout::build(resume, options, options.locale);
    docx::render(&doc, paper)
}
