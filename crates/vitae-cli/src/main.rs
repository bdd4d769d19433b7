//! `vitae`: the command-line front end. A thin `match` over subcommands; all the work happens in
//! `vitae-core` and `vitae-render`.
//!
//! Exit codes (ripgrep's convention): 0 success, 1 the check failed (invalid resume), 2 error
//! (unreadable input, bad usage, I/O failure).

mod charts;
mod cmd;
mod input;
mod progress;
mod report;
mod settings;

use clap::{CommandFactory, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "vitae",
    version,
    about = "One resume source, every document a job search needs.",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a resume source and report every problem with its location.
    Validate(cmd::validate::Args),
    /// Render a resume (one variant) to PDF, PNG, DOCX, Markdown, text, HTML, LaTeX, Typst or
    /// JSON Resume.
    Generate(cmd::generate::Args),
    /// Re-render a resume on every save.
    Watch(cmd::watch::Args),
    /// List the themes, or render a preview of each.
    Themes(cmd::themes::Args),
    /// Convert a source to the native YAML format or JSON Resume.
    Convert(cmd::convert::Args),
    /// Read a resume from a PDF, plain text or Markdown file into a source, listing what to
    /// check.
    Import(cmd::import::Args),
    /// List the variants a source defines.
    Variants(cmd::variants::Args),
    /// Show what two variants show differently, section by section (`-` the first, `+` the
    /// second; the second defaults to the source's default variant).
    Diff(cmd::diff::Args),
    /// Print the JSON Schema of the native format (for editor autocompletion).
    Schema,
    /// Write a complete example `resume.yaml` to start from, or (`--from FILE`) the resume read
    /// from a PDF, text or Markdown file.
    Init(cmd::init::Args),
    /// Read job postings.
    Job(cmd::job::Args),
    /// Score a resume against a job posting like an applicant tracking system, every point
    /// explained.
    AtsCheck(cmd::ats_check::Args),
    /// Add a variant tailored to a job: bullets, skills and projects chosen and ordered by
    /// relevance, every string taken from the source.
    Tailor(cmd::tailor::Args),
    /// Write a cover letter for a job from the resume's best-matching achievements.
    CoverLetter(cmd::cover_letter::Args),
    /// Rank job postings by how well the resume fits each.
    Match(cmd::matching::Args),
    /// Make the folder for one application: tailored resume (PDF, DOCX), cover letter, ATS
    /// report.
    Package(cmd::package::Args),
    /// Run the HTTP API server (and the studio web app, for tenants signing in with a key).
    Serve(cmd::serve::Args),
    /// Edit a resume in the browser with a live preview, job fit and the application tracker:
    /// the web app on 127.0.0.1, saving to FILE.
    Studio(cmd::studio::Args),
    /// Manage the API keys of `vitae serve`.
    Keys(cmd::keys::Args),
    /// Manage the people who sign in to the studio of `vitae serve` with a password.
    Users(cmd::users::Args),
    /// Record a job application (resume-cli's `apply COMPANY STATUS -r ROLE -v VARIANT`),
    /// with the exact documents sent.
    Apply(cmd::track::ApplyArgs),
    /// Follow the applications: list, show, status, note, remind, edit, delete, due, export,
    /// import.
    Track(cmd::track::TrackArgs),
    /// What the applications say: funnel, rates per variant, theme, source, seniority and
    /// week, time to an answer, and what answered applications had in common.
    Analyze(cmd::track::AnalyzeArgs),
    /// Job offers: add, list, compare with your priorities (the arithmetic shown), priorities.
    Offer(cmd::track::OfferArgs),
    /// Print the shell completion script for bash, zsh, fish, PowerShell or Elvish.
    Completions(cmd::shell::CompletionsArgs),
    /// Print the man page (roff), or write one page per command with `--dir`.
    Man(cmd::shell::ManArgs),
}

/// How a command ended, mapped to the process exit code.
pub enum Outcome {
    Ok,
    /// The input was read but failed the check (exit 1).
    Invalid,
}

/// What a resume-cli user types, and the vitae command that does it: said with clap's "unrecognized
/// subcommand" error, since muscle memory outlives a migration.
const RESUME_CLI_COMMANDS: &[(&str, &str)] = &[
    ("generate-package", "vitae package RESUME --job JOB"),
    (
        "import-json-resume",
        "vitae convert RESUME.json --to native",
    ),
    (
        "export-json-resume",
        "vitae convert resume.yaml --to json-resume",
    ),
    (
        "export",
        "vitae generate resume.yaml --format FORMAT, or vitae convert",
    ),
    ("job-parse", "vitae job parse FILE"),
    (
        "keyword-analysis",
        "vitae ats-check RESUME --job JOB (its keyword category)",
    ),
];

/// mimalloc instead of the system allocator: a render of a changed resume spent about a sixth of
/// its time in glibc's malloc and free, and is a fifth faster with mimalloc (`bench/render.py`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let typed = std::env::args().skip(1).find(|a| !a.starts_with('-'));
            let hint = typed.and_then(|typed| {
                RESUME_CLI_COMMANDS
                    .iter()
                    .find(|(theirs, _)| *theirs == typed)
                    .map(|(theirs, ours)| {
                        format!("`{theirs}` is resume-cli's command; in vitae: {ours}")
                    })
            });
            match hint {
                Some(hint) if e.kind() == clap::error::ErrorKind::InvalidSubcommand => {
                    let _ = e.print();
                    eprintln!("hint: {hint}");
                    return ExitCode::from(2);
                }
                _ => e.exit(),
            }
        }
    };
    let result = match cli.command {
        Command::Validate(args) => cmd::validate::run(args),
        Command::Generate(args) => cmd::generate::run(args),
        Command::Watch(args) => cmd::watch::run(args),
        Command::Themes(args) => cmd::themes::run(args),
        Command::Convert(args) => cmd::convert::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Variants(args) => cmd::variants::run(args),
        Command::Diff(args) => cmd::diff::run(args),
        Command::Schema => cmd::schema::run(),
        Command::Init(args) => cmd::init::run(args),
        Command::Job(args) => cmd::job::run(args),
        Command::AtsCheck(args) => cmd::ats_check::run(args),
        Command::Tailor(args) => cmd::tailor::run(args),
        Command::CoverLetter(args) => cmd::cover_letter::run(args),
        Command::Match(args) => cmd::matching::run(args),
        Command::Package(args) => cmd::package::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Studio(args) => cmd::studio::run(args),
        Command::Keys(args) => cmd::keys::run(args),
        Command::Users(args) => cmd::users::run(args),
        Command::Apply(args) => cmd::track::apply(args),
        Command::Track(args) => cmd::track::track(args),
        Command::Analyze(args) => cmd::track::analyze(args),
        Command::Offer(args) => cmd::track::offer(args),
        Command::Completions(args) => cmd::shell::completions(args, Cli::command()),
        Command::Man(args) => cmd::shell::man(args, Cli::command()),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Invalid) => ExitCode::from(1),
        Err(e) => {
            report::error(&e);
            ExitCode::from(2)
        }
    }
}
