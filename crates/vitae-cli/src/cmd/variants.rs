//! `vitae variants FILE`: the variants a source defines.

use super::{SourceArgs, load};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::Result;
use serde::Serialize;
use vitae_core::variant;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

#[derive(Serialize)]
struct Row {
    name: String,
    short_name: String,
    description: Option<String>,
    implicit: bool,
    default: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load(&args.source, args.format)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let resume = &source.loaded.resume;
    let default = variant::default_name(resume);
    let rows: Vec<Row> = variant::names(resume)
        .into_iter()
        .map(|name| {
            let defined = resume.variants.get(&name);
            Row {
                short_name: variant::short_name(&name).to_owned(),
                description: defined.and_then(|v| v.description.clone()).or_else(|| {
                    defined
                        .is_none()
                        .then(|| "everything, with the base summary".to_owned())
                }),
                implicit: defined.is_none(),
                default: name == default,
                name,
            }
        })
        .collect();
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        ReportFormat::Human => {
            let width = rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
            for r in &rows {
                let mut notes = Vec::new();
                if r.default {
                    notes.push("default");
                }
                if r.implicit {
                    notes.push("implicit");
                }
                let notes = if notes.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", notes.join(", "))
                };
                println!(
                    "{:width$}  {}{notes}",
                    r.name,
                    r.description.as_deref().unwrap_or("")
                );
            }
        }
    }
    Ok(Outcome::Ok)
}
