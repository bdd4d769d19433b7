//! `vitae package RESUME --job JD`: everything one application needs, in one folder
//! `<company>-<date>/`: the resume tailored to the job (PDF, DOCX, and its source), a cover letter
//! (PDF), the ATS report (JSON) and the job as read.

use super::cover_letter::LetterArgs;
use super::fit::{VocabularyArgs, read_job};
use super::generate::{StyleArgs, slug};
use super::tailor::TailorArgs;
use super::{SourceArgs, load_valid, write_output};
use crate::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;
use vitae_core::ats::Weights;
use vitae_core::{format, job};
use vitae_render::{OutputFormat, Rendered};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The job posting: plain text, HTML or JSON (JSON Resume job); `-` reads standard input.
    #[arg(short, long)]
    pub job: PathBuf,
    /// Where the package folder is made.
    #[arg(long, default_value = ".")]
    pub out_dir: PathBuf,
    #[command(flatten)]
    pub tailor: TailorArgs,
    #[command(flatten)]
    pub letter: LetterArgs,
    #[command(flatten)]
    pub vocabulary: VocabularyArgs,
    #[command(flatten)]
    pub style: StyleArgs,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load_valid(&args.source)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let vocabulary = args.vocabulary.load()?;
    let job = read_job(&args.job, &vocabulary)?.job;
    let resume = &source.loaded.resume;
    let tailored = args.tailor.tailor(resume, &job, &vocabulary)?;
    let shown = &tailored.resume;
    let render = args.style.render_options();
    let typeset = args.style.typeset_options();
    let date = args.style.date.unwrap_or_else(crate::input::today);

    let company = args.letter.company.as_deref().or(job.company.as_deref());
    let dir = args
        .out_dir
        .join(format!("{}-{date}", slug(company.unwrap_or("job"))));
    let one = |rendered: Rendered| match rendered {
        Rendered::One(bytes) => bytes,
        // PDF and DOCX are single files.
        Rendered::Pages(mut pages) => pages.swap_remove(0),
    };
    let mut files: Vec<(&str, Vec<u8>)> = Vec::new();
    for format in [OutputFormat::Pdf, OutputFormat::Docx] {
        let rendered = vitae_render::render(shown, format, &render, &typeset, args.style.dpi)
            .with_context(|| format!("cannot render the resume as {format}"))?;
        let name = match format {
            OutputFormat::Pdf => "resume.pdf",
            _ => "resume.docx",
        };
        files.push((name, one(rendered)));
    }
    let letter = args
        .letter
        .compose(resume, shown, &job, &vocabulary, &args.style)?;
    let rendered = vitae_render::render_letter(
        shown,
        &letter,
        OutputFormat::Pdf,
        &render,
        &typeset,
        args.style.dpi,
    )
    .context("cannot render the cover letter")?;
    files.push(("cover-letter.pdf", one(rendered)));
    let report = vitae_render::ats_check(&vitae_render::AtsRun {
        source: resume,
        shown,
        variant: &tailored.variant_key,
        job: &job,
        vocabulary: &vocabulary,
        weights: &Weights::default(),
        render: Some((&render, &typeset)),
    })
    .context("cannot render the resume for the text-layer check")?;
    files.push((
        "ats-report.json",
        (serde_json::to_string_pretty(&report)? + "\n").into_bytes(),
    ));
    files.push((
        "resume.yaml",
        format::to_native_yaml(&tailored.to_source(resume)).into_bytes(),
    ));
    files.push((
        "job.json",
        (serde_json::to_string_pretty(&job::to_json_resume_job(&job))? + "\n").into_bytes(),
    ));
    for (name, bytes) in &files {
        write_output(&dir.join(name), bytes)?;
    }
    println!("{}", dir.display());
    for (name, _) in &files {
        println!("  {name}");
    }
    println!(
        "ATS score {:.1}/100 for variant `{}`; `vitae ats-check` explains every point",
        report.score, tailored.variant_key
    );
    Ok(Outcome::Ok)
}
