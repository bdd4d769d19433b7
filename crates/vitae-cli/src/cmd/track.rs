//! The job search from the terminal: `vitae apply`, `vitae track …`, `vitae analyze` and
//! `vitae offer …`, over the local store (the SQLite file `vitae serve` uses by default, or
//! `--database`), as the tenant `local`. Every flow is `vitae_app::tracker`'s.

use super::serve::{DatabaseArgs, runtime};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::{Context, Result, anyhow};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vitae_app::tracker::analytics::{Analytics, Group, Rate};
use vitae_app::tracker::offers::{Comparison, Equity, Offer, Weights};
use vitae_app::tracker::{
    self, Application, Contact, Date, Edit, FollowUp, SentDocument, Status, TrackError, Tracker,
    iso, parse_day,
};
use vitae_store::{ApplicationFilter, NewDocument};

/// The tenant the CLI's own data belongs to in the store.
pub const LOCAL_TENANT: &str = "local";

/// Today as the tracker counts days.
pub fn today() -> Date {
    tracker::date_of(crate::input::today())
}

/// Opens the store and the local user's tracker.
pub async fn open(db: &DatabaseArgs) -> Result<Tracker> {
    let store = vitae_store::connect(&db.url()?).await?;
    let tenant = store.tenant(LOCAL_TENANT).await?;
    Ok(Tracker::new(Arc::clone(&store), tenant))
}

/// A tracker error as the CLI says it: the message, then the hint.
fn said(e: TrackError) -> anyhow::Error {
    match e.hint() {
        Some(hint) => anyhow!("{e}\nhint: {hint}"),
        None => anyhow!(e),
    }
}

fn day(text: &str, at: &str) -> Result<Date> {
    parse_day(text, today(), at).map_err(said)
}

/// A document sent, read within the import limit (`-`: standard input).
fn read_document(path: &Path, name: &str) -> Result<(NewDocument, SentDocument)> {
    let bytes = crate::input::read_document(path)?;
    let file_name = path
        .file_name()
        .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned());
    Ok(SentDocument::of(&file_name, None, bytes))
}

// --- vitae apply ------------------------------------------------------------------------------

#[derive(clap::Args, Debug)]
pub struct ApplyArgs {
    /// The company applied to.
    pub company: String,
    /// Where it stands (default: applied): saved, applied, screening, interview, offer,
    /// accepted, rejected, withdrawn, no_answer. resume-cli's words are read too.
    pub status: Option<String>,
    /// The role applied for (default: the posting's title, when `--job` is given).
    #[arg(short, long)]
    pub role: Option<String>,
    /// The resume variant sent (resume-cli's `resume_version`).
    #[arg(short, long)]
    pub variant: Option<String>,
    /// Where the posting was found or how it was applied to (LinkedIn, referral…).
    #[arg(short, long)]
    pub source: Option<String>,
    /// The posting's address.
    #[arg(short, long)]
    pub url: Option<String>,
    #[arg(short, long)]
    pub notes: Option<String>,
    /// The posting (text, HTML or JSON): kept with the application, and read for its title,
    /// seniority and location.
    #[arg(short, long)]
    pub job: Option<PathBuf>,
    /// The resume file sent (PDF, DOCX…): its exact bytes are kept.
    #[arg(long, value_name = "FILE")]
    pub resume_file: Option<PathBuf>,
    /// The cover letter sent: its exact bytes are kept.
    #[arg(long, value_name = "FILE")]
    pub letter_file: Option<PathBuf>,
    /// The resume source the documents were made from (its hash is kept).
    #[arg(long, value_name = "SOURCE")]
    pub from_source: Option<PathBuf>,
    /// The theme the resume was rendered in.
    #[arg(long)]
    pub theme: Option<String>,
    /// When it was sent (default: today): YYYY-MM-DD, today, 3d…
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// When to follow up (default: a week after sending): a date, 5d, 2w, or `none`.
    #[arg(long, value_name = "DATE")]
    pub follow_up: Option<String>,
    /// Someone at the company: `NAME`, or `NAME <EMAIL>`; repeat for several.
    #[arg(long, value_name = "CONTACT")]
    pub contact: Vec<String>,
    #[command(flatten)]
    pub db: DatabaseArgs,
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
}

fn contact(text: &str) -> Contact {
    let text = text.trim();
    match (text.find('<'), text.rfind('>')) {
        (Some(open), Some(close)) if open < close => Contact {
            name: text[..open].trim().to_owned(),
            email: text[open + 1..close].trim().to_owned(),
            ..Contact::default()
        },
        _ if text.contains('@') && !text.contains(' ') => Contact {
            email: text.to_owned(),
            ..Contact::default()
        },
        _ => Contact {
            name: text.to_owned(),
            ..Contact::default()
        },
    }
}

pub fn apply(args: ApplyArgs) -> Result<Outcome> {
    let status = match &args.status {
        None => Status::Applied,
        Some(s) => tracker::parse_status(s, "STATUS").map_err(said)?,
    };
    let mut app = Application::new(&args.company, args.role.as_deref().unwrap_or(""), status);
    app.sent.variant = args.variant.clone().unwrap_or_default();
    app.sent.theme = args.theme.clone().unwrap_or_default();
    app.source = args.source.clone().unwrap_or_default();
    app.url = args.url.clone().unwrap_or_default();
    if let Some(job) = &args.job {
        let posting = super::fit::Posting::read(job)?;
        tracker::read_posting(&mut app, posting.text)
            .map_err(|e| anyhow!("{}: {e}", posting.name))?;
    }
    app.notes = args.notes.clone().unwrap_or_default();
    app.contacts = args.contact.iter().map(|c| contact(c)).collect();
    if let Some(date) = &args.date {
        app.applied_on = Some(iso(day(date, "--date")?));
    }
    match args.follow_up.as_deref() {
        Some("none") => app.follow_up_on = None,
        Some(d) => app.follow_up_on = Some(iso(day(d, "--follow-up")?)),
        None => {}
    }
    let mut documents = Vec::new();
    if let Some(path) = &args.resume_file {
        let (doc, sent) = read_document(path, "resume")?;
        documents.push(doc);
        app.sent.resume = Some(sent);
    }
    if let Some(path) = &args.letter_file {
        let (doc, sent) = read_document(path, "cover-letter")?;
        documents.push(doc);
        app.sent.letter = Some(sent);
    }
    if let Some(source) = &args.from_source {
        app.sent.source_hash = vitae_store::document_hash(&crate::input::read_source(source)?);
    }
    let follow_up = if args.follow_up.as_deref() == Some("none") {
        FollowUp::None
    } else {
        FollowUp::Default
    };
    runtime()?.block_on(async {
        let tracker = open(&args.db).await?;
        let saved = tracker
            .record(app, documents, today(), follow_up)
            .await
            .map_err(said)?;
        print_recorded(&saved, args.format)
    })
}

fn print_recorded(app: &Application, format: ReportFormat) -> Result<Outcome> {
    match format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(app)?),
        ReportFormat::Human => {
            println!(
                "#{} {} — {} ({})",
                app.number,
                app.company,
                if app.role.is_empty() {
                    "role not given"
                } else {
                    &app.role
                },
                app.status
            );
            if let Some(f) = &app.follow_up_on {
                eprintln!("follow up on {f} (`vitae track due` lists what is due)");
            }
        }
    }
    Ok(Outcome::Ok)
}

/// Records the package `vitae package --track` just wrote.
pub struct PackageRecord<'a> {
    pub company: Option<&'a str>,
    pub job_text: &'a str,
    pub job_json: Option<serde_json::Value>,
    pub files: &'a [(&'static str, Vec<u8>)],
    pub variant: &'a str,
    pub theme: &'a str,
    pub score: f64,
    pub source_bytes: &'a [u8],
    pub folder: &'a Path,
    pub db: &'a DatabaseArgs,
}

pub fn track_package(p: PackageRecord<'_>) -> Result<Application> {
    let mut app = Application::new(
        p.company.unwrap_or("(company not named)"),
        "",
        Status::Applied,
    );
    if let Some(job) = &p.job_json {
        app.attach_posting(p.job_text.to_owned(), job.clone());
    }
    let mut documents = Vec::new();
    for (name, bytes) in p.files {
        let slot = match *name {
            "resume.pdf" => &mut app.sent.resume,
            "cover-letter.pdf" => &mut app.sent.letter,
            _ => continue,
        };
        let (doc, sent) = SentDocument::of(name, None, bytes.clone());
        *slot = Some(sent);
        documents.push(doc);
    }
    app.sent.variant = p.variant.to_owned();
    app.sent.theme = p.theme.to_owned();
    app.sent.ats_score = Some((p.score * 10.0).round() / 10.0);
    app.sent.source_hash = vitae_store::document_hash(p.source_bytes);
    // As the user would type it: `acme-2026-03-02`, not `./acme-2026-03-02`.
    app.sent.package_path = p
        .folder
        .strip_prefix(".")
        .unwrap_or(p.folder)
        .display()
        .to_string();
    runtime()?.block_on(async {
        let tracker = open(p.db).await?;
        tracker
            .record(app, documents, today(), FollowUp::Default)
            .await
            .map_err(said)
    })
}

// --- vitae track ------------------------------------------------------------------------------

#[derive(clap::Args, Debug)]
pub struct TrackArgs {
    #[command(subcommand)]
    pub command: TrackCommand,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

#[derive(clap::Subcommand, Debug)]
pub enum TrackCommand {
    /// The applications, oldest first.
    List {
        /// Only these statuses (repeat, or separate with commas).
        #[arg(long, value_delimiter = ',')]
        status: Vec<String>,
        /// Only companies whose name contains this.
        #[arg(long)]
        company: Option<String>,
        /// Only applications sent on or after this date.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Leave out closed applications (accepted, rejected, withdrawn).
        #[arg(long)]
        open: bool,
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// One application in full: history, contacts, documents sent.
    Show {
        /// Its number (12 or #12) or id.
        application: String,
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
        /// Write the documents it sent into this folder.
        #[arg(long, value_name = "DIR")]
        documents: Option<PathBuf>,
    },
    /// Move an application on: applied, screening, interview (again for each round), offer,
    /// accepted, rejected, withdrawn, no_answer.
    Status {
        application: String,
        status: String,
        /// When it happened (default: today).
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        #[arg(short, long)]
        note: Option<String>,
        /// Allow a move outside the usual ones (a correction); the history marks it.
        #[arg(long)]
        force: bool,
        /// The next follow-up (default: unchanged; cleared when the application closes).
        #[arg(long, value_name = "DATE")]
        follow_up: Option<String>,
    },
    /// Add a dated note.
    Note {
        application: String,
        text: String,
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Set when to follow up (a date, 3d, 2w, tomorrow) or `none`.
    Remind { application: String, when: String },
    /// Change an application's details.
    Edit {
        application: String,
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        seniority: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long, value_name = "DATE")]
        applied_on: Option<String>,
        /// Add someone at the company: `NAME` or `NAME <EMAIL>`.
        #[arg(long, value_name = "CONTACT")]
        contact: Vec<String>,
    },
    /// Delete an application, and the documents no other application sent.
    Delete { application: String },
    /// The follow-ups due today or earlier (exit 1 when there are some: for a shell prompt or
    /// a cron job).
    Due {
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
        /// Count as of this day instead of today.
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// Write the applications as resume-cli's CSV log (or JSON); `--all` writes everything
    /// into a folder: applications (JSON and CSV), the documents sent, offers and weights.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Everything, into the folder `-o` names.
        #[arg(long)]
        all: bool,
        /// Where to write (default: standard output; a folder with `--all`).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Read a CSV log (resume-cli's `tracking.csv` as it is) into the store.
    Import { file: PathBuf },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

pub fn track(args: TrackArgs) -> Result<Outcome> {
    let db = args.db;
    runtime()?.block_on(async move {
        let tracker = open(&db).await?;
        match args.command {
            TrackCommand::List {
                status,
                company,
                since,
                open,
                format,
            } => {
                let mut statuses = Vec::new();
                for s in &status {
                    statuses.push(
                        tracker::parse_status(s, "--status")
                            .map_err(said)?
                            .name()
                            .to_owned(),
                    );
                }
                let filter = ApplicationFilter {
                    statuses,
                    company,
                    applied_since: since.map(|d| day(&d, "--since").map(iso)).transpose()?,
                    ..ApplicationFilter::default()
                };
                let apps: Vec<Application> = tracker
                    .list(&filter)
                    .await
                    .map_err(said)?
                    .into_iter()
                    .filter(|a| !open || !a.status.is_closed())
                    .collect();
                match format {
                    ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&apps)?),
                    ReportFormat::Human => print_list(&apps),
                }
            }
            TrackCommand::Show {
                application,
                format,
                documents,
            } => {
                let app = tracker.get(&application).await.map_err(said)?;
                if let Some(dir) = documents {
                    std::fs::create_dir_all(&dir)
                        .with_context(|| format!("cannot create {}", dir.display()))?;
                    for (kind, sent) in [("resume", &app.sent.resume), ("letter", &app.sent.letter)]
                    {
                        if sent.is_none() {
                            continue;
                        }
                        let (sent, doc) = tracker.document(&app.id, kind).await.map_err(said)?;
                        let path = dir.join(safe_name(&sent.name));
                        crate::cmd::write_output(&path, &doc.bytes)?;
                        eprintln!("wrote {}", path.display());
                    }
                }
                match format {
                    ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&app)?),
                    ReportFormat::Human => print_one(&app),
                }
            }
            TrackCommand::Status {
                application,
                status,
                on,
                note,
                force,
                follow_up,
            } => {
                let status = tracker::parse_status(&status, "STATUS").map_err(said)?;
                let on = on.map_or(Ok(today()), |d| day(&d, "--on"))?;
                let mut app = tracker
                    .set_status(&application, status, on, note, force, None)
                    .await
                    .map_err(said)?;
                if let Some(f) = follow_up {
                    let when = if f == "none" {
                        None
                    } else {
                        Some(day(&f, "--follow-up")?)
                    };
                    app = tracker.remind(&app.id, when).await.map_err(said)?;
                }
                print_recorded(&app, ReportFormat::Human)?;
            }
            TrackCommand::Note {
                application,
                text,
                on,
            } => {
                let on = on.map_or(Ok(today()), |d| day(&d, "--on"))?;
                let app = tracker.note(&application, &text, on).await.map_err(said)?;
                eprintln!("noted on #{} {}", app.number, app.company);
            }
            TrackCommand::Remind { application, when } => {
                let on = if when == "none" {
                    None
                } else {
                    Some(day(&when, "WHEN")?)
                };
                let app = tracker.remind(&application, on).await.map_err(said)?;
                match &app.follow_up_on {
                    Some(d) => eprintln!("#{} {}: follow up on {d}", app.number, app.company),
                    None => eprintln!("#{} {}: no follow-up", app.number, app.company),
                }
            }
            TrackCommand::Edit {
                application,
                company,
                role,
                source,
                url,
                location,
                seniority,
                notes,
                applied_on,
                contact: contacts,
            } => {
                let mut edit = Edit {
                    company,
                    role,
                    source,
                    url,
                    location,
                    seniority,
                    notes,
                    applied_on: applied_on
                        .map(|d| day(&d, "--applied-on").map(iso))
                        .transpose()?,
                    ..Edit::default()
                };
                if !contacts.is_empty() {
                    let mut all = tracker.get(&application).await.map_err(said)?.contacts;
                    all.extend(contacts.iter().map(|c| contact(c)));
                    edit.contacts = Some(all);
                }
                let app = tracker
                    .edit(&application, &edit, None)
                    .await
                    .map_err(said)?;
                print_recorded(&app, ReportFormat::Human)?;
            }
            TrackCommand::Delete { application } => {
                let app = tracker.get(&application).await.map_err(said)?;
                tracker.delete(&app.id, None).await.map_err(said)?;
                eprintln!("deleted #{} {}", app.number, app.company);
            }
            TrackCommand::Due { format, on } => {
                let on = on.map_or(Ok(today()), |d| day(&d, "--on"))?;
                let due = tracker.due(on).await.map_err(said)?;
                match format {
                    ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&due)?),
                    ReportFormat::Human => {
                        for a in &due {
                            println!(
                                "#{:<4} {}  {} — {} ({}, since {})",
                                a.number,
                                a.follow_up_on.as_deref().unwrap_or(""),
                                a.company,
                                a.role,
                                a.status,
                                a.applied_on.as_deref().unwrap_or("?")
                            );
                        }
                        if due.is_empty() {
                            eprintln!("no follow-up due");
                        }
                    }
                }
                if !due.is_empty() {
                    return Ok(Outcome::Invalid);
                }
            }
            TrackCommand::Export {
                format,
                all,
                output,
            } => {
                // Everything, the postings too, unless only resume-cli's columns are asked for.
                let filter = ApplicationFilter {
                    with_posting: all || format == ExportFormat::Json,
                    ..ApplicationFilter::default()
                };
                let apps = tracker.list(&filter).await.map_err(said)?;
                if all {
                    let dir = output.ok_or_else(|| {
                        anyhow!("--all writes a folder\nhint: name it with -o DIR")
                    })?;
                    export_all(&tracker, &apps, &dir).await?;
                    println!("{}", dir.display());
                } else {
                    let text = match format {
                        ExportFormat::Csv => tracker::csv::write(&apps),
                        ExportFormat::Json => serde_json::to_string_pretty(&apps)? + "\n",
                    };
                    match output {
                        Some(path) => crate::cmd::write_output(&path, text.as_bytes())?,
                        None => print!("{text}"),
                    }
                }
            }
            TrackCommand::Import { file } => {
                let text = crate::input::read_text(&file)?;
                let read = tracker::csv::read(&text, &file.display().to_string()).map_err(said)?;
                for column in &read.ignored_columns {
                    eprintln!("warning: column `{column}` is not read");
                }
                let (n, skipped) = tracker.import_log(read.applications).await.map_err(said)?;
                if skipped > 0 {
                    eprintln!("{skipped} applications were already tracked: skipped");
                }
                eprintln!("imported {n} applications from {}", file.display());
            }
        }
        Ok(Outcome::Ok)
    })
}

/// A stored document's name, safe as a file name in the export folder.
fn safe_name(name: &str) -> String {
    let base: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = base.trim_start_matches('.');
    if base.is_empty() {
        "document".into()
    } else {
        base.to_owned()
    }
}

async fn export_all(tracker: &Tracker, apps: &[Application], dir: &Path) -> Result<()> {
    use crate::cmd::write_output;
    write_output(
        &dir.join("applications.json"),
        (serde_json::to_string_pretty(apps)? + "\n").as_bytes(),
    )?;
    write_output(
        &dir.join("applications.csv"),
        tracker::csv::write(apps).as_bytes(),
    )?;
    for app in apps {
        for kind in ["resume", "letter"] {
            let sent = if kind == "resume" {
                &app.sent.resume
            } else {
                &app.sent.letter
            };
            let Some(sent) = sent else { continue };
            let (_, doc) = tracker.document(&app.id, kind).await.map_err(said)?;
            let path = dir.join("documents").join(format!(
                "{}-{}",
                &sent.hash[..12],
                safe_name(&sent.name)
            ));
            write_output(&path, &doc.bytes)?;
        }
    }
    let offers = tracker.offers().await.map_err(said)?;
    let weights = tracker.weights().await.map_err(said)?;
    write_output(
        &dir.join("offers.json"),
        (serde_json::to_string_pretty(
            &serde_json::json!({ "offers": offers, "weights": weights }),
        )? + "\n")
            .as_bytes(),
    )?;
    Ok(())
}

fn print_list(apps: &[Application]) {
    if apps.is_empty() {
        eprintln!("no applications (record one with `vitae apply COMPANY`)");
        return;
    }
    println!(
        "{:<5} {:<10} {:<10} {:<24} {:<28} follow-up",
        "#", "applied", "status", "company", "role"
    );
    for a in apps {
        println!(
            "{:<5} {:<10} {:<10} {:<24} {:<28} {}",
            a.number,
            a.applied_on.as_deref().unwrap_or("-"),
            a.status.name(),
            clip(&a.company, 24),
            clip(&a.role, 28),
            a.follow_up_on.as_deref().unwrap_or("")
        );
    }
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(width - 1).collect();
        s.push('…');
        s
    }
}

fn print_one(a: &Application) {
    println!("#{} {} — {}", a.number, a.company, a.role);
    println!("  status     {}", a.status);
    let field = |name: &str, value: &str| {
        if !value.is_empty() {
            println!("  {name:<10} {value}");
        }
    };
    field("applied", a.applied_on.as_deref().unwrap_or(""));
    field("follow up", a.follow_up_on.as_deref().unwrap_or(""));
    field("source", &a.source);
    field("url", &a.url);
    field("location", &a.location);
    field("seniority", &a.seniority);
    field("variant", &a.sent.variant);
    field("theme", &a.sent.theme);
    if let Some(score) = a.sent.ats_score {
        field("ats score", &format!("{score:.1}"));
    }
    for (kind, doc) in [("resume", &a.sent.resume), ("letter", &a.sent.letter)] {
        if let Some(d) = doc {
            field(
                kind,
                &format!("{} ({} bytes, sha256 {})", d.name, d.size, &d.hash[..12]),
            );
        }
    }
    field("package", &a.sent.package_path);
    for c in &a.contacts {
        field(
            "contact",
            &[c.name.as_str(), &c.role, &c.email, &c.phone]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    field("notes", &a.notes);
    println!("  history");
    for e in &a.history {
        let what = match (e.status, e.round) {
            (Some(Status::Interview), Some(r)) => format!("interview, round {r}"),
            (Some(s), _) => s.name().to_owned(),
            (None, _) => "note".to_owned(),
        };
        let date = if e.undated {
            format!("{} (date unknown)", e.on)
        } else {
            e.on.clone()
        };
        let mut line = format!("    {date:<10}  {what}");
        if e.forced {
            line.push_str(" (correction)");
        }
        if let Some(n) = &e.note {
            line.push_str(": ");
            line.push_str(n);
        }
        println!("{line}");
    }
}

// --- vitae analyze ----------------------------------------------------------------------------

#[derive(clap::Args, Debug)]
pub struct AnalyzeArgs {
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Also write the charts as SVG files into this folder.
    #[arg(long, value_name = "DIR")]
    pub svg: Option<PathBuf>,
    /// Compute as of this day instead of today.
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

pub fn analyze(args: AnalyzeArgs) -> Result<Outcome> {
    let on = args.on.as_deref().map_or(Ok(today()), |d| day(d, "--on"))?;
    let report = runtime()?.block_on(async {
        let tracker = open(&args.db).await?;
        tracker.analytics(on).await.map_err(said)
    })?;
    if let Some(dir) = &args.svg {
        for (name, svg) in crate::charts::svgs(&report) {
            crate::cmd::write_output(&dir.join(name), svg.as_bytes())?;
        }
    }
    match args.format {
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
        ReportFormat::Human => print_analytics(&report),
    }
    Ok(Outcome::Ok)
}

fn pct(rate: &Rate) -> String {
    match (rate.value, rate.low, rate.high) {
        (Some(v), Some(lo), Some(hi)) => format!(
            "{:>5.1} %  ({}/{}, 95 % interval {:.0}–{:.0} %)",
            v * 100.0,
            rate.count,
            rate.of,
            lo * 100.0,
            hi * 100.0
        ),
        _ => "   –".to_owned(),
    }
}

fn bar(fraction: f64, width: usize) -> String {
    let cells = (fraction.clamp(0.0, 1.0) * width as f64 * 8.0).round() as usize;
    let mut s = "█".repeat(cells / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[cells % 8]);
    s
}

fn print_groups(title: &str, groups: &[Group]) {
    if groups.is_empty() {
        return;
    }
    println!("\n{title}");
    let width = groups
        .iter()
        .map(|g| g.key.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    for g in groups {
        println!(
            "  {:<width$}  {:>4} sent  answers {}  interviews {}",
            clip(&g.key, 28),
            g.funnel.applied,
            pct_short(&g.response_rate),
            pct_short(&g.interview_rate),
        );
    }
}

fn pct_short(rate: &Rate) -> String {
    rate.value.map_or_else(
        || "  –".into(),
        |v| format!("{:>5.1} % ({}/{})", v * 100.0, rate.count, rate.of),
    )
}

fn print_analytics(a: &Analytics) {
    if a.total == 0 {
        println!("no applications yet (record one with `vitae apply COMPANY`)");
        return;
    }
    let f = &a.funnel;
    println!(
        "{} applications as of {} ({} sent)",
        a.total, a.as_of, f.applied
    );
    println!("\nfunnel");
    let top = f.applied.max(1) as f64;
    for (name, n) in [
        ("sent", f.applied),
        ("answered", f.answered),
        ("interviewed", f.interviewed),
        ("offered", f.offered),
        ("accepted", f.accepted),
    ] {
        println!("  {name:<12} {n:>5}  {}", bar(n as f64 / top, 30));
    }
    println!("\nrates (of applications sent)");
    println!("  answers      {}", pct(&a.rates.response));
    println!("  interviews   {}", pct(&a.rates.interview));
    println!("  offers       {}", pct(&a.rates.offer));
    println!(
        "\nclosed: {} rejected, {} withdrawn, {} no answer; {} open; {} follow-ups due",
        f.rejected, f.withdrawn, f.no_answer, f.open, a.follow_ups_due
    );
    if let Some(t) = &a.time_to_first_answer {
        println!(
            "\ntime to first answer: median {:.1} days, mean {:.1} (from {} to {}, over {} answers with a known date)",
            t.median_days, t.mean_days, t.min_days, t.max_days, t.count
        );
    }
    print_groups("by variant", &a.by_variant);
    print_groups("by theme", &a.by_theme);
    print_groups("by source", &a.by_source);
    print_groups("by seniority", &a.by_seniority);
    if !a.by_week.is_empty() {
        println!("\nby week (sent)");
        let most = a
            .by_week
            .iter()
            .map(|g| g.funnel.applied)
            .max()
            .unwrap_or(1)
            .max(1) as f64;
        for g in &a.by_week {
            println!(
                "  {}  {:>4} {}",
                g.key,
                g.funnel.applied,
                bar(g.funnel.applied as f64 / most, 30)
            );
        }
    }
    if !a.findings.is_empty() {
        println!("\nwhat the answered applications' documents had in common");
        for x in &a.findings {
            println!(
                "  {} = {}: answered {} vs {} without; {}{}",
                x.feature,
                x.value,
                pct_short(&x.with),
                pct_short(&x.without),
                x.verdict.describe(),
                x.p_value
                    .map_or(String::new(), |p| format!(" (p = {p:.3})"))
            );
        }
    }
    print_groups("top companies", &a.top_companies);
}

// --- vitae offer ------------------------------------------------------------------------------

#[derive(clap::Args, Debug)]
pub struct OfferArgs {
    #[command(subcommand)]
    pub command: OfferCommand,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

#[derive(clap::Subcommand, Debug)]
pub enum OfferCommand {
    /// Record an offer.
    Add {
        company: String,
        #[arg(short, long, default_value = "")]
        role: String,
        /// Yearly base salary.
        #[arg(long)]
        base: f64,
        /// Yearly target bonus.
        #[arg(long, default_value_t = 0.0)]
        bonus: f64,
        /// The equity grant's total value.
        #[arg(long, default_value_t = 0.0)]
        equity: f64,
        /// Years the equity vests over.
        #[arg(long, default_value_t = 4.0)]
        vesting_years: f64,
        #[arg(long, default_value_t = 12)]
        cliff_months: u32,
        /// Yearly value of the benefits.
        #[arg(long, default_value_t = 0.0)]
        benefits: f64,
        /// 0 (on site) to 10 (remote as wanted).
        #[arg(long, default_value_t = 5.0)]
        remote: f64,
        /// 0–10.
        #[arg(long, default_value_t = 5.0)]
        growth: f64,
        /// Work–life balance, 0–10.
        #[arg(long, default_value_t = 5.0)]
        balance: f64,
        #[arg(long, default_value = "USD")]
        currency: String,
        /// When the answer is due.
        #[arg(long, value_name = "DATE")]
        deadline: Option<String>,
        /// The application it answers (its number).
        #[arg(long)]
        application: Option<i64>,
        #[arg(short, long, default_value = "")]
        notes: String,
    },
    /// The offers.
    List {
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Score the offers against your weights, with the arithmetic.
    Compare {
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Show or set how much each criterion matters (any non-negative numbers).
    Priorities {
        #[arg(long)]
        base: Option<f64>,
        #[arg(long)]
        bonus: Option<f64>,
        #[arg(long)]
        equity: Option<f64>,
        #[arg(long)]
        benefits: Option<f64>,
        #[arg(long)]
        remote: Option<f64>,
        #[arg(long)]
        growth: Option<f64>,
        #[arg(long)]
        balance: Option<f64>,
    },
    /// Delete an offer.
    Delete { offer: String },
}

pub fn offer(args: OfferArgs) -> Result<Outcome> {
    let db = args.db;
    runtime()?.block_on(async move {
        let tracker = open(&db).await?;
        match args.command {
            OfferCommand::Add {
                company,
                role,
                base,
                bonus,
                equity,
                vesting_years,
                cliff_months,
                benefits,
                remote,
                growth,
                balance,
                currency,
                deadline,
                application,
                notes,
            } => {
                let o = Offer {
                    id: String::new(),
                    number: 0,
                    version: 0,
                    company,
                    role,
                    currency,
                    base,
                    bonus,
                    equity: (equity > 0.0).then_some(Equity {
                        value: equity,
                        years: vesting_years,
                        cliff_months,
                    }),
                    benefits,
                    remote,
                    growth,
                    balance,
                    deadline: deadline.map(|d| day(&d, "--deadline").map(iso)).transpose()?,
                    application,
                    notes,
                };
                let o = tracker.add_offer(&o).await.map_err(said)?;
                println!(
                    "offer #{} {}: {:.0} {} a year in all",
                    o.number,
                    o.company,
                    o.yearly_total(),
                    o.currency
                );
            }
            OfferCommand::List { format } => {
                let offers = tracker.offers().await.map_err(said)?;
                match format {
                    ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&offers)?),
                    ReportFormat::Human => {
                        if offers.is_empty() {
                            eprintln!("no offers (record one with `vitae offer add COMPANY --base N`)");
                        }
                        for o in &offers {
                            println!(
                                "#{:<3} {:<24} base {:>10.0}  bonus {:>8.0}  equity/yr {:>8.0}  benefits {:>8.0}  {}{}",
                                o.number,
                                clip(&o.company, 24),
                                o.base,
                                o.bonus,
                                o.equity_per_year(),
                                o.benefits,
                                o.currency,
                                o.deadline.as_deref().map_or(String::new(), |d| format!("  answer by {d}"))
                            );
                        }
                    }
                }
            }
            OfferCommand::Compare { format } => {
                let c = tracker.compare_offers().await.map_err(said)?;
                match format {
                    ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&c)?),
                    ReportFormat::Human => print_comparison(&c),
                }
            }
            OfferCommand::Priorities {
                base,
                bonus,
                equity,
                benefits,
                remote,
                growth,
                balance,
            } => {
                let mut w = tracker.weights().await.map_err(said)?;
                let changes = [
                    (&mut w.base, base),
                    (&mut w.bonus, bonus),
                    (&mut w.equity, equity),
                    (&mut w.benefits, benefits),
                    (&mut w.remote, remote),
                    (&mut w.growth, growth),
                    (&mut w.balance, balance),
                ];
                let mut changed = false;
                for (slot, value) in changes {
                    if let Some(v) = value {
                        *slot = v;
                        changed = true;
                    }
                }
                if changed {
                    tracker.set_weights(&w).await.map_err(said)?;
                }
                print_weights(&w);
            }
            OfferCommand::Delete { offer } => {
                tracker.delete_offer(&offer, None).await.map_err(said)?;
                eprintln!("deleted offer {offer}");
            }
        }
        Ok(Outcome::Ok)
    })
}

fn print_weights(w: &Weights) {
    let sum: f64 = w.pairs().iter().map(|(_, v)| v).sum();
    for (name, v) in w.pairs() {
        println!(
            "  {name:<9} {v:>6}  ({:.0} % of the score)",
            v / sum * 100.0
        );
    }
}

fn print_comparison(c: &Comparison) {
    if c.offers.is_empty() {
        println!("no offers to compare (record them with `vitae offer add`)");
        return;
    }
    for (rank, s) in c.offers.iter().enumerate() {
        println!(
            "{}. #{} {} — {:.1} / 100 ({:.0} {} a year in all)",
            rank + 1,
            s.offer.number,
            s.offer.company,
            s.total,
            s.yearly_total,
            c.currency
        );
        for k in &s.criteria {
            println!(
                "     {:<9} {:>10.1} / {:<10.1} = {:.3} × {:>4.1} % = {:>5.2}",
                k.name,
                k.value,
                k.against,
                k.score,
                k.share * 100.0,
                k.points
            );
        }
    }
    println!(
        "money is scored against the best offer, marks against 10; `vitae offer priorities` sets the weights"
    );
}
