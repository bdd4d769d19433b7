//! `vitae match RESUME JOBS…`: the jobs ranked by how well the resume fits each, with reasons.

use super::fit::{StrictArgs, VocabularyArgs, placed, print_posting_diagnostics, read_postings};
use super::{SourceArgs, load_valid_strictly};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::{Result, bail};
use serde::Serialize;
use std::path::PathBuf;
use vitae_app::matching::{self, MatchOptions, Preference, SalaryFloor};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Job postings: files (text, HTML, JSON), directories of them, or JSON files holding an
    /// array of jobs.
    #[arg(required = true, num_args = 1..)]
    pub jobs: Vec<PathBuf>,
    /// The variant to match (key or short name); default: the source's default variant.
    #[arg(short, long)]
    pub variant: Option<String>,
    /// Show only the best N.
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// What you want of a job besides fitting it, comma-separated: remote, hybrid, on-site,
    /// senior, junior, manager, full-time, part-time, contract. They share 15 of the 100
    /// points; a posting that does not say counts as not meeting one.
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub prefer: Vec<Preference>,
    /// Leave out postings that say this word or phrase (whole words, any case); repeatable.
    #[arg(long = "exclude-keyword", value_name = "WORD")]
    pub exclude_keywords: Vec<String>,
    /// Leave out postings whose stated pay is all under this (120000, 120k, €60,000,
    /// "USD 50/hour"; hourly, daily and monthly pay is compared as a full-time year). Postings
    /// that state no pay, or pay in another currency, are kept.
    #[arg(long, value_name = "AMOUNT")]
    pub min_salary: Option<SalaryFloor>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub vocabulary: VocabularyArgs,
    #[command(flatten)]
    pub strict: StrictArgs,
}

#[derive(Serialize)]
struct Entry<'a, R> {
    rank: usize,
    file: &'a str,
    #[serde(flatten)]
    ranked: &'a R,
}

pub fn run(args: Args) -> Result<Outcome> {
    let source = match load_valid_strictly(&args.source, args.strict.strict)? {
        Ok(s) => s,
        Err(outcome) => return Ok(outcome),
    };
    let vocabulary = args.vocabulary.load()?;
    let postings = read_postings(&args.jobs)?;
    if postings.is_empty() {
        bail!(
            "no job postings found in the paths given (a directory's .txt, .html, .htm, .json and .md files are read)"
        );
    }
    let names: Vec<&str> = postings.iter().map(|p| p.name.as_str()).collect();
    let options = MatchOptions {
        variant: args.variant.clone(),
        top: args.top,
        prefer: args.prefer.clone(),
        exclude_keywords: args.exclude_keywords.clone(),
        min_salary: args.min_salary.clone(),
    };
    let answer = {
        let _spinning = crate::progress::Spinner::start(format!(
            "ranking {} posting{}",
            postings.len(),
            if postings.len() == 1 { "" } else { "s" }
        ));
        matching::rank(
            &source.loaded.resume,
            &postings,
            &vocabulary,
            &options,
            crate::input::today(),
        )
    }
    .map_err(|e| placed(e, &names, &source.path))?;
    let mut stop = false;
    for (name, diagnostics) in names.iter().zip(&answer.posting_diagnostics) {
        stop |= print_posting_diagnostics(name, diagnostics, args.strict);
    }
    if stop {
        return Ok(Outcome::Invalid);
    }
    // On standard error, so that the JSON on standard output stays the ranking.
    for x in &answer.excluded {
        eprintln!(
            "left out {} ({}): {}",
            names[x.index],
            x.title.as_deref().unwrap_or("untitled job"),
            x.reason
        );
    }
    let entries: Vec<Entry<'_, _>> = answer
        .ranked
        .iter()
        .enumerate()
        .map(|(i, r)| Entry {
            rank: i + 1,
            file: names[r.index],
            ranked: r,
        })
        .collect();
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&entries)?),
        ReportFormat::Human => {
            for e in &entries {
                let r = e.ranked;
                let title = r.title.as_deref().unwrap_or("(untitled job)");
                let company = r
                    .company
                    .as_deref()
                    .map(|c| format!(" at {c}"))
                    .unwrap_or_default();
                println!(
                    "{:>2}. {:5.1}  {title}{company}  [{}]",
                    e.rank, r.score, e.file
                );
                for reason in &r.reasons {
                    println!(
                        "      {:4.1}/{:<4.1} {}",
                        reason.points, reason.max, reason.detail
                    );
                }
            }
        }
    }
    Ok(Outcome::Ok)
}
