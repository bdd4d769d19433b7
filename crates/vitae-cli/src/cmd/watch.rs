//! `vitae watch FILE`: re-render on every save.
//!
//! Polls the file's modification time (every 20 ms) rather than using OS notifications: it works
//! the same on every platform and file system (editors that replace the file on save included),
//! and a stat call every 20 ms costs nothing measurable.

use super::generate::{StyleArgs, parse_output_format, render, select_variant, write_rendered};
use super::{SourceArgs, load, require_valid};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::Result;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};
use vitae_render::OutputFormat;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The variant to render.
    #[arg(short, long)]
    pub variant: Option<String>,
    /// The output format.
    #[arg(short, long, default_value = "pdf", value_parser = parse_output_format)]
    pub format: OutputFormat,
    /// Where to write (default: `<file stem>.<ext>` beside the source).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub style: StyleArgs,
    /// Stop after this many renders (for scripts and tests).
    #[arg(long, hide = true)]
    pub exit_after: Option<usize>,
}

fn modified(path: &std::path::Path) -> Option<(SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

pub fn run(args: Args) -> Result<Outcome> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.source.file.with_extension(args.format.extension()));
    let mut last = None;
    let mut renders = 0;
    eprintln!(
        "watching {} → {} (Ctrl-C to stop)",
        args.source.file.display(),
        output.display()
    );
    loop {
        let now = modified(&args.source.file);
        if now.is_some() && now != last {
            last = now;
            let started = Instant::now();
            // A broken save is reported and the previous output kept; the next save retries.
            match once(&args, &output) {
                Ok(true) => eprintln!("rendered in {} ms", started.elapsed().as_millis()),
                Ok(false) => eprintln!("not rendered: fix the problems above and save again"),
                Err(e) => crate::report::error(&e),
            }
            renders += 1;
            if args.exit_after.is_some_and(|n| renders >= n) {
                return Ok(Outcome::Ok);
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn once(args: &Args, output: &std::path::Path) -> Result<bool> {
    let source = match load(&args.source, ReportFormat::Human)? {
        Ok(s) => s,
        Err(_) => return Ok(false),
    };
    if require_valid(&source)?.is_err() {
        return Ok(false);
    }
    let (_, resume) = select_variant(&source.loaded.resume, args.variant.as_deref(), &source.path)?;
    let style = args.style.with_files(&source.path, &resume, args.format)?;
    let rendered = render(&resume, args.format, &style)?;
    // `write_output` writes beside the target and renames, so a viewer never reads a
    // half-written file.
    write_rendered(output, rendered)?;
    Ok(true)
}
