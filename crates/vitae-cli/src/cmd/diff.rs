//! `vitae diff SOURCE V1 [V2]`: what two variants show differently, section by section.

use super::{SourceArgs, load};
use crate::Outcome;
use crate::report::{self, ReportFormat};
use anyhow::Result;
use std::io::IsTerminal;
use vitae_app::diff::{DiffLine, Status, VariantDiff};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The first variant (full key or short name): its own lines are marked `-`.
    pub left: String,
    /// The second variant (`+`); default: the source's default variant.
    pub right: Option<String>,
    /// Print every line of a changed section, not only the changes and a line around each.
    #[arg(long)]
    pub full: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load(&args.source, args.format)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let diff = vitae_app::diff::variants(
        &source.loaded.resume,
        &args.left,
        args.right.as_deref(),
        &Default::default(),
    )
    .map_err(|e| super::fit::placed(e, &[], &source.path))?;
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&diff)?),
        ReportFormat::Human => print!(
            "{}",
            human(
                &diff,
                args.full,
                &report::Style::for_stream(std::io::stdout().is_terminal())
            )
        ),
    }
    Ok(Outcome::Ok)
}

/// Lines kept around each change when not `--full`.
const CONTEXT: usize = 1;

fn human(diff: &VariantDiff, full: bool, style: &report::Style) -> String {
    let paint = |code: &str, text: &str| style.paint(code, text);
    let mut out = format!(
        "{} {}\n{} {}\n",
        paint("31", "---"),
        diff.left,
        paint("32", "+++"),
        diff.right
    );
    if diff.is_same() {
        out.push_str("\nThe two variants show the same text.\n");
        return out;
    }
    let mut same = Vec::new();
    for section in &diff.sections {
        let note = match section.status {
            Status::Same => {
                same.push(section.title.as_str());
                continue;
            }
            Status::Changed => "",
            Status::OnlyLeft => " (only in the first)",
            Status::OnlyRight => " (only in the second)",
        };
        out.push_str(&format!("\n{}{note}\n", paint("1", &section.title)));
        let near_change = |i: usize| {
            let from = i.saturating_sub(CONTEXT);
            let to = (i + CONTEXT + 1).min(section.lines.len());
            section.lines[from..to]
                .iter()
                .any(|l| !matches!(l, DiffLine::Both(_)))
        };
        let mut skipped = false;
        for (i, line) in section.lines.iter().enumerate() {
            if !full && !near_change(i) {
                skipped = true;
                continue;
            }
            if skipped {
                out.push_str(&paint("2", "  …\n"));
                skipped = false;
            }
            match line {
                DiffLine::Both(t) => out.push_str(&format!("  {t}\n")),
                DiffLine::Left(t) => out.push_str(&format!("{}\n", paint("31", &format!("- {t}")))),
                DiffLine::Right(t) => {
                    out.push_str(&format!("{}\n", paint("32", &format!("+ {t}"))))
                }
            }
        }
        if skipped {
            out.push_str(&paint("2", "  …\n"));
        }
    }
    if !same.is_empty() {
        out.push_str(&format!("\nThe same in both: {}.\n", same.join(", ")));
    }
    out
}
