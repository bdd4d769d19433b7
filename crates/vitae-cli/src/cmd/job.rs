//! `vitae job parse FILE|-`: a job posting (text, HTML or JSON Resume job) as a structured job.

use crate::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: JobCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum JobCommand {
    /// Print a posting as a JSON Resume job: title, company, location, workplace, type,
    /// seniority, salary, requirements, responsibilities and skills.
    Parse {
        /// The posting: plain text, an HTML page or JSON (JSON Resume job, schema.org
        /// JobPosting); a file of several jobs (a JSON array, `{"jobs": [...]}`, JSON Lines)
        /// prints them all as an array; `-` reads standard input.
        file: PathBuf,
        #[command(flatten)]
        vocabulary: super::fit::VocabularyArgs,
        #[command(flatten)]
        strict: super::fit::StrictArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome> {
    match args.command {
        JobCommand::Parse {
            file,
            vocabulary,
            strict,
        } => {
            let vocabulary = vocabulary.load()?;
            let postings = super::fit::read_postings(std::slice::from_ref(&file))?;
            if postings.is_empty() {
                eprintln!(
                    "warning: {}: no job found (an empty list of jobs)",
                    file.display()
                );
                if strict.strict {
                    return Ok(Outcome::Invalid);
                }
            }
            let mut jobs = Vec::with_capacity(postings.len());
            for posting in &postings {
                let read = vitae_app::posting::read(&posting.text, &vocabulary)
                    .map_err(|e| super::fit::placed(e, &[&posting.name], ""))?;
                if super::fit::print_posting_diagnostics(&posting.name, &read.diagnostics, strict) {
                    return Ok(Outcome::Invalid);
                }
                jobs.push(read.to_json_resume_job());
            }
            // One posting prints one job; a file of several (an array, `{"jobs": [...]}`,
            // JSON Lines) prints them all, in order.
            let json = match <[_; 1]>::try_from(jobs) {
                Ok([job]) => serde_json::to_string_pretty(&job),
                Err(jobs) => serde_json::to_string_pretty(&jobs),
            }
            .context("cannot write the job as JSON")?;
            println!("{json}");
            Ok(Outcome::Ok)
        }
    }
}
