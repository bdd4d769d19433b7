//! `vitae job parse FILE|-`: a job posting (text, HTML or JSON Resume job) as a structured job.

use crate::Outcome;
use anyhow::{Context, Result};
use std::path::PathBuf;
use vitae_core::job;

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
            let parsed = super::fit::read_job(&file, &vocabulary)?;
            let json = serde_json::to_string_pretty(&job::to_json_resume_job(&parsed.job))
                .context("cannot write the job as JSON")?;
            println!("{json}");
            Ok(Outcome::Ok)
        }
    }
}
