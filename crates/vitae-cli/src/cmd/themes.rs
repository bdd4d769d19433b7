//! `vitae themes`: the themes, and a preview of each rendered from a resume.

use super::generate::{StyleArgs, render, select_variant};
use super::{SourceArgs, load, require_valid, write_output};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::Result;
use serde::Serialize;
use std::path::PathBuf;
use vitae_render::Theme;
use vitae_render::{OutputFormat, Rendered};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Render a preview of every theme (page 1 as PNG, and the PDF) into this directory.
    #[arg(long, value_name = "DIR", conflicts_with = "theme_file")]
    pub preview: Option<PathBuf>,
    /// Write `NAME.typ`, a theme of your own to start from (the classic theme, with notes on
    /// how a theme works); use it with `vitae generate FILE --theme-file NAME.typ`.
    #[arg(long, value_name = "NAME", conflicts_with = "preview")]
    pub new: Option<String>,
    /// The resume to preview; default: the built-in example (`vitae init`).
    #[arg(long, value_name = "FILE")]
    pub resume: Option<PathBuf>,
    /// The variant to preview.
    #[arg(short, long)]
    pub variant: Option<String>,
    /// Output format of the list.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub style: StyleArgs,
}

#[derive(Serialize)]
struct Row {
    name: &'static str,
    description: &'static str,
}

pub fn run(args: Args) -> Result<Outcome> {
    if let Some(name) = &args.new {
        return new_theme(name);
    }
    let Some(dir) = &args.preview else {
        let rows: Vec<Row> = Theme::ALL
            .iter()
            .map(|t| Row {
                name: t.name(),
                description: t.description(),
            })
            .collect();
        match args.format {
            ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
            ReportFormat::Human => {
                for r in &rows {
                    println!("{:12} {}", r.name, r.description);
                }
                println!("\nfonts: {}", vitae_render::fonts().join(", "));
                println!("preview every theme: vitae themes --preview DIR [--resume FILE]");
            }
        }
        return Ok(Outcome::Ok);
    };
    let (path, loaded, photo_from) = match &args.resume {
        Some(file) => {
            let source_args = SourceArgs {
                file: file.clone(),
                from: None,
            };
            let source = match load(&source_args, ReportFormat::Human)? {
                Ok(s) => s,
                Err(outcome) => return Ok(outcome),
            };
            if let Err(outcome) = require_valid(&source)? {
                return Ok(outcome);
            }
            (source.path.clone(), source.loaded.resume, Some(source.path))
        }
        None => {
            let loaded =
                vitae_core::load(super::init::EXAMPLE.as_bytes(), None, &Default::default())?;
            ("the built-in example".to_owned(), loaded.resume, None)
        }
    };
    let (_, resume) = select_variant(&loaded, args.variant.as_deref(), &path)?;
    let styled = match &photo_from {
        Some(source) => args.style.with_files(source, &resume, OutputFormat::Pdf)?,
        None => args.style.clone(),
    };
    for theme in Theme::ALL {
        let mut style = styled.clone();
        style.theme = Some(theme);
        let pdf = dir.join(format!("{theme}.pdf"));
        if let Rendered::One(bytes) = render(&resume, OutputFormat::Pdf, &style)? {
            write_output(&pdf, &bytes)?;
        }
        if let Rendered::Pages(pages) = render(&resume, OutputFormat::Png, &style)?
            && let Some(first) = pages.first()
        {
            write_output(&dir.join(format!("{theme}.png")), first)?;
        }
        eprintln!("wrote {} and {theme}.png", pdf.display());
    }
    Ok(Outcome::Ok)
}

/// Writes `NAME.typ` (never over an existing file).
fn new_theme(name: &str) -> Result<Outcome> {
    let stem = name.strip_suffix(".typ").unwrap_or(name);
    if stem.is_empty() || stem.contains(['/', '\\']) {
        anyhow::bail!(
            "`{name}` is no theme name (hint: a name such as `my-theme`, without a folder)"
        );
    }
    let path = PathBuf::from(format!("{stem}.typ"));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| anyhow::anyhow!("cannot create `{}`: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, vitae_render::ThemeFile::starter(stem).as_bytes())?;
    eprintln!(
        "wrote {} — try `vitae generate resume.yaml --theme-file {}`",
        path.display(),
        path.display()
    );
    Ok(Outcome::Ok)
}
