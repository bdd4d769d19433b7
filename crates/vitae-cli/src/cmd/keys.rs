//! `vitae keys create | list | revoke`: the API keys of `vitae serve`.

use super::serve::{DatabaseArgs, runtime};
use crate::Outcome;
use crate::report::ReportFormat;
use anyhow::Result;
use vitae_store::{KeyInfo, KeySecret, KeySource};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: KeysCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum KeysCommand {
    /// Create a key; the secret is shown once and only its hash is stored.
    Create {
        /// A name for the key (who or what uses it).
        #[arg(long)]
        name: String,
        /// The tenant the key belongs to (created when new). Default: the key's name.
        #[arg(long)]
        tenant: Option<String>,
        #[command(flatten)]
        db: DatabaseArgs,
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// List the keys (never their secrets).
    List {
        #[command(flatten)]
        db: DatabaseArgs,
        #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
        format: ReportFormat,
    },
    /// Revoke a key by its id (see `vitae keys list`).
    Revoke {
        id: String,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

pub fn run(args: Args) -> Result<Outcome> {
    runtime()?.block_on(async {
        match args.command {
            KeysCommand::Create {
                name,
                tenant,
                db,
                format,
            } => {
                let store = vitae_store::connect(&db.url()?).await?;
                let secret = KeySecret::generate();
                let tenant = tenant.unwrap_or_else(|| name.clone());
                let info = store
                    .create_key(&tenant, &name, KeySource::Cli, &secret)
                    .await?;
                match format {
                    ReportFormat::Json => println!(
                        "{}",
                        serde_json::json!({ "key": secret.expose(), "id": info.id, "name": info.name, "tenant": info.tenant_name })
                    ),
                    ReportFormat::Human => {
                        println!("{}", secret.expose());
                        eprintln!(
                            "created key {} ({}) for tenant `{}`; the secret above is shown only now: store it safely and send it as `X-API-Key: KEY`",
                            info.id, info.name, info.tenant_name
                        );
                    }
                }
            }
            KeysCommand::List { db, format } => {
                let store = vitae_store::connect(&db.url()?).await?;
                let keys = store.list_keys().await?;
                match format {
                    ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&keys)?),
                    ReportFormat::Human => print_keys(&keys),
                }
            }
            KeysCommand::Revoke { id, db } => {
                let store = vitae_store::connect(&db.url()?).await?;
                let info = store.revoke_key(&id).await?;
                eprintln!(
                    "revoked key {} ({}) of tenant `{}`; servers stop accepting it within seconds",
                    info.id, info.name, info.tenant_name
                );
            }
        }
        Ok(Outcome::Ok)
    })
}

fn print_keys(keys: &[KeyInfo]) {
    if keys.is_empty() {
        eprintln!("no keys; create one with `vitae keys create --name NAME`");
        return;
    }
    println!(
        "{:<32}  {:<16}  {:<16}  {:<12}  {:<6}  state",
        "id", "name", "tenant", "prefix", "source"
    );
    for k in keys {
        println!(
            "{:<32}  {:<16}  {:<16}  {:<12}  {:<6}  {}",
            k.id,
            k.name,
            k.tenant_name,
            k.prefix,
            k.source,
            if k.revoked_at.is_some() {
                "revoked"
            } else {
                "active"
            }
        );
    }
}
