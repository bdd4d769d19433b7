//! `vitae job parse FILE|-`: a job posting (text, HTML or JSON Resume job) as a structured job.

use crate::Outcome;
use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use vitae_core::job::{self, Options};

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
    },
}

pub fn run(args: Args) -> Result<Outcome> {
    match args.command {
        JobCommand::Parse { file } => {
            let bytes = crate::input::read_source(&file)?;
            let path = file.display().to_string();
            let text = vitae_core::format::decode(&bytes).map_err(|e| {
                let pos = e.pos();
                anyhow::anyhow!("{path}:{}:{}: {e}", pos.line, pos.column)
            })?;
            let parsed = match job::read(text, &Options::default()) {
                Ok(parsed) => parsed,
                Err(e) => {
                    let pos = e.pos();
                    bail!(
                        "{path}:{}:{}: {e}{}",
                        pos.line,
                        pos.column,
                        e.hint()
                            .map(|h| format!(" (hint: {h})"))
                            .unwrap_or_default()
                    );
                }
            };
            for d in parsed.diagnostics.iter() {
                eprintln!("{path}:{}:{}: {d}", d.line, d.column);
            }
            let json = serde_json::to_string_pretty(&job::to_json_resume_job(&parsed.job))
                .context("cannot write the job as JSON")?;
            println!("{json}");
            Ok(Outcome::Ok)
        }
    }
}
