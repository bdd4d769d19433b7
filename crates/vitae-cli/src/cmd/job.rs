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
        /// JobPosting); `-` reads standard input.
        file: PathBuf,
        #[command(flatten)]
        vocabulary: super::fit::VocabularyArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome> {
    match args.command {
        JobCommand::Parse { file, vocabulary } => {
            let vocabulary = vocabulary.load()?;
            let posting = super::fit::Posting::read(&file)?;
            let read = vitae_app::posting::read(&posting.text, &vocabulary)
                .map_err(|e| super::fit::placed(e, &[&posting.name], ""))?;
            super::fit::print_posting_diagnostics(&posting.name, &read.diagnostics);
            let json = serde_json::to_string_pretty(&read.to_json_resume_job())
                .context("cannot write the job as JSON")?;
            println!("{json}");
            Ok(Outcome::Ok)
        }
    }
}
