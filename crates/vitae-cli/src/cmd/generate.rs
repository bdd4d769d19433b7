//! `vitae generate FILE -v VARIANT -f FORMAT [-o PATH|-]`.

use super::{SourceArgs, load_valid_strictly, write_output};
use crate::Outcome;
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use vitae_core::model::Resume;
use vitae_core::{PartialDate, variant};
use vitae_render::{
    Columns, DateStyle, LinkStyle, OutputFormat, Paper, RenderOptions, Rendered, SectionTitles,
    Theme, TypesetOptions,
};

/// Parses `-f`: every output format, by name or alias.
pub fn parse_output_format(s: &str) -> Result<OutputFormat, String> {
    s.parse()
}

/// How the document looks: shared by `generate`, `watch` and `themes --preview`. Each choice
/// here goes over the source's `design:`; what neither sets is the theme's.
#[derive(clap::Args, Debug, Clone)]
pub struct StyleArgs {
    /// Theme of PDF, PNG and Typst output (see `vitae themes`). Default: the source's
    /// `design.theme`, else classic.
    #[arg(long, value_parser = parse_choice::<Theme>)]
    pub theme: Option<Theme>,
    /// Page size: a4 or letter. Default: the source's `design.page`, else a4.
    #[arg(long, value_parser = parse_choice::<Paper>)]
    pub page: Option<Paper>,
    /// Language of headings, months and labels (en, de, fr, es, ja, ar, ...).
    #[arg(long, default_value = "en", value_parser = parse_locale)]
    pub locale: &'static vitae_render::Locale,
    /// Accent colour, `#rrggbb`.
    #[arg(long)]
    pub accent: Option<String>,
    /// Font family (one of the embedded fonts; see `vitae themes`).
    #[arg(long)]
    pub font: Option<String>,
    /// Body text size in points (7–14).
    #[arg(long)]
    pub font_size: Option<f64>,
    /// Page margins in millimetres (5–40).
    #[arg(long)]
    pub margin: Option<f64>,
    /// Fit the PDF or PNG on at most N pages (1–20): type, spacing and margins are set smaller,
    /// never below 8 pt type and 10 mm margins; an error says so when that is not enough.
    #[arg(long, value_name = "N")]
    pub pages: Option<u32>,
    /// Section titles: rule (a rule under the title), partial (a rule over the rest of its
    /// line), plain, or bar (an accent bar before it). Default: the theme's.
    #[arg(long, value_name = "STYLE", value_parser = parse_choice::<SectionTitles>)]
    pub section_titles: Option<SectionTitles>,
    /// Where entries put their dates: inline (after the title), or in a column of fixed width
    /// at the end or the start of the line, with the location and short degrees ("BS") in
    /// columns of their own. Default: inline.
    #[arg(long, value_name = "LAYOUT", value_parser = parse_choice::<Columns>)]
    pub columns: Option<Columns>,
    /// Dates: short (Jan 2020), long (January 2020), numeric (01/2020) or year (2020).
    #[arg(long, value_name = "STYLE", value_parser = parse_choice::<DateStyle>)]
    pub dates: Option<DateStyle>,
    /// Web addresses in the header: short (maya.dev) or full (https://maya.dev/).
    #[arg(long, value_name = "STYLE", value_parser = parse_choice::<LinkStyle>)]
    pub links: Option<LinkStyle>,
    /// Page numbers on documents of more than one page (default: true).
    #[arg(long, value_name = "BOOL")]
    pub page_numbers: Option<bool>,
    /// A "Last updated" line at the top of the first page: the source's `meta.last_updated`,
    /// else the document date (default: false).
    #[arg(long, value_name = "BOOL")]
    pub last_updated: Option<bool>,
    /// An icon before each contact item in the header (default: false).
    #[arg(long, value_name = "BOOL")]
    pub icons: Option<bool>,
    /// The photo (`contact.image`, `basics.image`: a file beside the source or a data URL) in
    /// themes with room for one (default: true).
    #[arg(long, value_name = "BOOL")]
    pub photo: Option<bool>,
    /// A theme of your own: a Typst file with the two entry points of the built-in themes
    /// (`vitae themes` writes one to start from). Used instead of the named theme.
    #[arg(long, value_name = "FILE")]
    pub theme_file: Option<PathBuf>,
    /// The photo file the source names and the theme file, once read
    /// ([`StyleArgs::with_files`]).
    #[arg(skip)]
    pub photo_file: Option<vitae_render::Photo>,
    #[arg(skip)]
    pub theme_code: Option<vitae_render::ThemeFile>,
    /// Resolution of PNG output.
    #[arg(long, default_value_t = 150.0)]
    pub dpi: f64,
    /// The document date recorded in PDF metadata, YYYY-MM-DD (default: today). Fixing it makes
    /// the output byte-identical across days.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<PartialDate>,
}

fn parse_choice<T: std::str::FromStr<Err = String>>(s: &str) -> Result<T, String> {
    s.parse()
}
fn parse_locale(s: &str) -> Result<&'static vitae_render::Locale, String> {
    vitae_render::locale(s).ok_or_else(|| {
        format!(
            "unknown locale `{s}` (known: {})",
            vitae_render::locale_codes()
        )
    })
}
fn parse_date(s: &str) -> Result<PartialDate, String> {
    PartialDate::parse(s).map_err(str::to_owned)
}

impl StyleArgs {
    pub fn render_options(&self) -> RenderOptions {
        let mut options = RenderOptions::default();
        options.locale = self.locale;
        options.dates = self.dates;
        options
    }

    pub fn typeset_options(&self) -> TypesetOptions {
        let mut options = TypesetOptions::default();
        options.theme = self.theme;
        options.paper = self.page;
        options.accent.clone_from(&self.accent);
        options.font.clone_from(&self.font);
        options.font_size = self.font_size;
        options.margin_mm = self.margin;
        options.pages = self.pages;
        options.section_titles = self.section_titles;
        options.columns = self.columns;
        options.links = self.links;
        options.page_numbers = self.page_numbers;
        options.last_updated = self.last_updated;
        options.photo = self.photo;
        options.icons = self.icons;
        options.photo_file.clone_from(&self.photo_file);
        options.theme_file.clone_from(&self.theme_code);
        options.date = Some(self.date.unwrap_or_else(crate::input::today));
        options
    }

    /// These options with the theme file read, when there is one (a letter shows no photo, and
    /// the ATS check's text layer is the same with one, so they need no more).
    pub fn with_theme_file(&self) -> Result<Self> {
        let mut style = self.clone();
        if let Some(path) = &self.theme_file {
            style.theme_code = Some(crate::input::theme_file(path)?);
        }
        Ok(style)
    }

    /// These options with the files they name read, when `format` uses them: the theme file,
    /// and the photo `resume` (read from `source`) names unless the photo is turned off.
    pub fn with_files(&self, source: &str, resume: &Resume, format: OutputFormat) -> Result<Self> {
        let mut style = self.clone();
        if !format.is_typeset() {
            return Ok(style);
        }
        style = style.with_theme_file()?;
        // Read only a photo the document shows: not in standalone Typst (which reads no file),
        // nor in a theme without room for one, nor when the flag or the source turns it off
        // (the flag first).
        let theme = self.theme.or(resume.design.theme).unwrap_or_default();
        let shown = self.photo.or(resume.design.photo) != Some(false)
            && format != OutputFormat::Typ
            && (style.theme_code.is_some() || theme.shows_photo());
        if shown {
            style.photo_file = crate::input::photo(source, resume.basics.image.as_deref())?;
        }
        Ok(style)
    }

    /// Every render option, as the use cases take them.
    pub fn style(&self) -> vitae_app::Style {
        vitae_app::Style {
            render: self.render_options(),
            typeset: self.typeset_options(),
            dpi: self.dpi,
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The variant to render (its key or short name); see `vitae variants`. Default: the config's
    /// `generation.default_variant`, else the source's default variant.
    #[arg(short, long)]
    pub variant: Option<String>,
    /// The output format: pdf, png, docx, md, txt, html, tex, typ or json (JSON Resume). Default:
    /// the config's `generation.default_format`, else pdf.
    #[arg(short, long, value_parser = parse_output_format)]
    pub format: Option<OutputFormat>,
    /// Where to write; `-` is standard output. Default: `<out-dir>/resume-<variant>-<date>.<ext>`
    /// (or the config's `output.naming_scheme`).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Directory for the default output path. Default: the config's `output.directory`, else
    /// `out`.
    #[arg(long)]
    pub out_dir: Option<PathBuf>,
    /// vitae's config file (its `generation`, `output` and `llm` sections; resume-cli's
    /// `config/default.yaml` is read too, and what it sets that vitae has no use for is named).
    /// Default: `$XDG_CONFIG_HOME/vitae/config.yaml` or `~/.config/vitae/config.yaml`, when it
    /// exists.
    #[arg(long, value_name = "FILE", env = "VITAE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Write the document with a template of your own instead of a built-in format: a Jinja
    /// template (`.html.j2`, `.md`, `.tex`, `.txt`...) that gets the resume as `resume`, with
    /// user text escaped for the output its name says (README: "Templates").
    #[arg(long, value_name = "FILE", conflicts_with = "format")]
    pub template: Option<PathBuf>,
    /// Refuse to render a resume with warnings (no way to contact you, a date that is no date,
    /// a field kept but not shown), as `validate --strict` refuses it.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub style: StyleArgs,
}

/// Renders an already variant-filtered resume with the style options.
pub fn render(resume: &Resume, format: OutputFormat, style: &StyleArgs) -> Result<Rendered> {
    Ok(vitae_render::render(
        resume,
        format,
        &style.render_options(),
        &style.typeset_options(),
        style.dpi,
    )?)
}

/// Writes a rendering; pages go to `<stem>-<n>.<ext>` when there are several. Returns the paths.
pub fn write_rendered(output: &Path, rendered: Rendered) -> Result<Vec<PathBuf>> {
    match rendered {
        Rendered::One(bytes) => {
            write_output(output, &bytes)?;
            Ok(vec![output.to_path_buf()])
        }
        Rendered::Pages(pages) if pages.len() == 1 => {
            write_output(output, &pages[0])?;
            Ok(vec![output.to_path_buf()])
        }
        Rendered::Pages(pages) => {
            if output.as_os_str() == "-" {
                bail!(
                    "the document has {} pages; give -o FILE.png to write them as FILE-1.png, FILE-2.png, ...",
                    pages.len()
                );
            }
            let stem = output
                .file_stem()
                .map_or_else(|| "page".into(), |s| s.to_string_lossy().into_owned());
            let ext = output
                .extension()
                .map_or_else(|| "png".into(), |s| s.to_string_lossy().into_owned());
            let mut paths = Vec::new();
            for (i, page) in pages.iter().enumerate() {
                let path = output.with_file_name(format!("{stem}-{}.{ext}", i + 1));
                write_output(&path, page)?;
                paths.push(path);
            }
            Ok(paths)
        }
    }
}

/// The resume as the requested variant shows it, with an error that lists the known variants.
pub fn select_variant(
    resume: &Resume,
    requested: Option<&str>,
    path: &str,
) -> Result<(String, Resume)> {
    vitae_app::select_variant(resume, requested).map_err(|e| super::fit::placed(e, &[], path))
}

pub fn run(args: Args) -> Result<Outcome> {
    let settings = crate::settings::Settings::load(args.config.as_deref())?;
    let source = match load_valid_strictly(&args.source, args.strict)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let from_config = args.variant.is_none() && settings.default_variant.is_some();
    let requested = args.variant.or(settings.default_variant.clone());
    let (key, tailored) = select_variant(&source.loaded.resume, requested.as_deref(), &source.path)
        .map_err(|e| {
            if from_config {
                e.context("the variant is the config file's `generation.default_variant`")
            } else {
                e
            }
        })?;
    let format = args
        .format
        .or(settings.default_format)
        .unwrap_or(OutputFormat::Pdf);
    let (rendered, ext) = match &args.template {
        Some(path) => {
            let template = crate::input::template(path)?;
            let text = template
                .render(&tailored, &args.style.render_options())
                .map_err(|e| anyhow::anyhow!(e))
                .with_context(|| format!("cannot render {}", source.path))?;
            (Rendered::One(text.into_bytes()), template_extension(path))
        }
        None => {
            let style = args.style.with_files(&source.path, &tailored, format)?;
            let rendered = render(&tailored, format, &style)
                .with_context(|| format!("cannot render {}", source.path))?;
            (rendered, format.extension().to_owned())
        }
    };
    let output = args.output.unwrap_or_else(|| {
        let variant = sanitize(variant::short_name(&key));
        let name = settings.file_name(&variant, &crate::input::today().to_string(), &ext);
        args.out_dir
            .or_else(|| settings.output_dir.clone())
            .unwrap_or_else(|| PathBuf::from("out"))
            .join(name)
    });
    for path in write_rendered(&output, rendered)? {
        if path.as_os_str() != "-" {
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(Outcome::Ok)
}

/// The extension of what a template writes (`cv.html.j2` → `html`), else `txt`.
fn template_extension(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    vitae_render::template::output_extension(&name).unwrap_or_else(|| "txt".to_owned())
}

/// A variant key made safe for a file name.
fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
