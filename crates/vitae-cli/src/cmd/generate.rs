//! `vitae generate FILE -v VARIANT -f FORMAT [-o PATH|-]`.

use super::{SourceArgs, load, require_valid, write_output};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::{Result, bail};
use std::path::PathBuf;
use vitae_core::{format, variant};
use vitae_render::{RenderOptions, TextFormat};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Markdown.
    Md,
    /// Plain text, wrapped at 80 columns.
    Txt,
    /// A standalone HTML page.
    Html,
    /// LaTeX source (compiles with pdflatex).
    Tex,
    /// JSON Resume.
    Json,
}

impl OutputFormat {
    fn extension(self) -> &'static str {
        match self {
            OutputFormat::Md => "md",
            OutputFormat::Txt => "txt",
            OutputFormat::Html => "html",
            OutputFormat::Tex => "tex",
            OutputFormat::Json => "json",
        }
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The variant to render (its key or short name); see `vitae variants`.
    #[arg(short, long)]
    pub variant: Option<String>,
    /// The output format.
    #[arg(short, long, value_enum, default_value_t = OutputFormat::Md)]
    pub format: OutputFormat,
    /// Where to write; `-` is standard output. Default: `<out-dir>/resume-<variant>-<date>.<ext>`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Directory for the default output path.
    #[arg(long, default_value = "out")]
    pub out_dir: PathBuf,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load(&args.source, ReportFormat::Human)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    if let Err(outcome) = require_valid(&source)? {
        return Ok(outcome);
    }
    let resume = &source.loaded.resume;
    let requested = args
        .variant
        .clone()
        .unwrap_or_else(|| variant::default_name(resume));
    let tailored = match variant::apply(resume, &requested) {
        Ok(r) => r,
        Err(e) => bail!("{e} (hint: `vitae variants {}` lists them)", source.path),
    };
    let bytes = match args.format {
        OutputFormat::Json => format::to_json_resume(&tailored).into_bytes(),
        other => {
            let text_format = match other {
                OutputFormat::Md => TextFormat::Markdown,
                OutputFormat::Txt => TextFormat::Text,
                OutputFormat::Html => TextFormat::Html,
                _ => TextFormat::Latex,
            };
            vitae_render::render_text(&tailored, text_format, &RenderOptions::default())
                .into_bytes()
        }
    };
    let output = args.output.unwrap_or_else(|| {
        let (key, _) = variant::resolve(resume, &requested).unwrap_or((requested.as_str(), None));
        let name = format!(
            "resume-{}-{}.{}",
            sanitize(variant::short_name(key)),
            crate::input::today(),
            args.format.extension()
        );
        args.out_dir.join(name)
    });
    write_output(&output, &bytes)?;
    if output.as_os_str() != "-" {
        eprintln!("wrote {}", output.display());
    }
    Ok(Outcome::Ok)
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
