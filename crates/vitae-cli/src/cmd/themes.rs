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
    #[arg(long, value_name = "DIR")]
    pub preview: Option<PathBuf>,
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
        Some(source) => args.style.with_photo(source, &resume, OutputFormat::Pdf)?,
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
