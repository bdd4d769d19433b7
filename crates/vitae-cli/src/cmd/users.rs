//! `vitae users add | list | remove`: people who sign in to the studio of `vitae serve` with a
//! name and a password (besides keys).

use super::serve::{DatabaseArgs, runtime};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::{Context, Result, bail};
use std::io::BufRead;
use vitae_store::MIN_PASSWORD_LEN;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: UsersCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum UsersCommand {
    /// Add a person (or give one a new password, which signs them out everywhere). The password
    /// is read from the first line of standard input, never from a flag (flags show in `ps`).
    Add {
        /// The name they sign in with.
        name: String,
        /// Their tenant (created when new). Default: their name.
        #[arg(long)]
        tenant: Option<String>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// List the people (never their passwords).
    List {
        #[command(flatten)]
        db: DatabaseArgs,
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Remove a person; their sessions end.
    Remove {
        name: String,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome> {
    runtime()?.block_on(async {
        match args.command {
            UsersCommand::Add { name, tenant, db } => {
                let name = name.trim().to_owned();
                if name.is_empty() || name.chars().any(char::is_control) {
                    bail!("a name must be visible text");
                }
                if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                    eprintln!("password for {name} (at least {MIN_PASSWORD_LEN} characters; typing shows; end with Enter):");
                }
                let mut password = String::new();
                std::io::stdin()
                    .lock()
                    .read_line(&mut password)
                    .context("cannot read the password from standard input")?;
                let password = password.trim_end_matches(['\n', '\r']);
                let length = password.chars().count();
                if length < MIN_PASSWORD_LEN {
                    bail!(
                        "the password has {length} characters; at least {MIN_PASSWORD_LEN} are required (a few words make a good one)"
                    );
                }
                let store = vitae_store::connect(&db.url()?).await?;
                let tenant = tenant.unwrap_or_else(|| name.clone());
                let hash = vitae_store::hash_password(password);
                let person = store.set_person(&tenant, &name, &hash).await?;
                eprintln!(
                    "{} signs in to the studio of tenant `{}` with that password",
                    person.name, person.tenant_name
                );
            }
            UsersCommand::List { db, format } => {
                let store = vitae_store::connect(&db.url()?).await?;
                let people = store.list_people().await?;
                match format {
                    ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&people)?),
                    ReportFormat::Human => {
                        if people.is_empty() {
                            eprintln!("no people yet; add one with `vitae users add NAME --tenant TENANT`");
                        }
                        for p in &people {
                            println!("{}\t{}", p.name, p.tenant_name);
                        }
                    }
                }
            }
            UsersCommand::Remove { name, db } => {
                let store = vitae_store::connect(&db.url()?).await?;
                if !store.remove_person(&name).await? {
                    bail!("no person named `{name}` (see `vitae users list`)");
                }
                eprintln!("removed {name}; their sessions have ended");
            }
        }
        Ok(Outcome::Ok)
    })
}
