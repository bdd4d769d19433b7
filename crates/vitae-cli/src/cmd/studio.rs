//! `vitae studio`: the web app on this machine, for one person, editing a file on disk.
//!
//! It is `vitae serve` bound to loopback with the local store (the one `vitae track` uses), the
//! studio pointed at FILE, and a one-time sign-in link instead of keys: the link is printed and
//! opened in the browser, and once used it opens nothing again, so another local user who sees
//! the port cannot walk in.

use super::serve::{DatabaseArgs, runtime};
use super::track::LOCAL_TENANT;
use crate::Outcome;
use anyhow::{Context, Result, bail};
use std::net::SocketAddr;
use std::path::PathBuf;
use vitae_server::studio::StudioConfig;
use vitae_server::{Application, Config};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The resume source to edit (YAML or JSON: native, JSON Resume or RenderCV). It is saved
    /// as you type, so the CLI and git see every change.
    #[arg(default_value = "resume.yaml")]
    pub file: PathBuf,
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Print the sign-in link without opening a browser.
    #[arg(long)]
    pub no_open: bool,
    #[command(flatten)]
    pub ai: super::fit::AiArgs,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

pub fn run(args: Args) -> Result<Outcome> {
    let file = std::fs::canonicalize(&args.file).with_context(|| {
        format!(
            "cannot open {}; start one with `vitae init {}`",
            args.file.display(),
            args.file.display()
        )
    })?;
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    let config = Config {
        bind: SocketAddr::from(([127, 0, 0, 1], args.port)),
        database_url: args.db.url()?,
        llm: args.ai.config()?,
        studio: StudioConfig {
            file: Some(file.clone()),
            link_tenant: Some(LOCAL_TENANT.to_owned()),
            ..StudioConfig::default()
        },
        ..Config::default()
    };
    runtime()?.block_on(async {
        let app = Application::build(config).await?;
        let link = app
            .state()
            .desk
            .link()
            .context("the studio has no sign-in link")?;
        let url = format!("http://127.0.0.1:{}{link}", app.port());
        println!(
            "vitae studio: editing {}\nopen {url}\n(the link signs in once; Ctrl-C stops the studio)",
            file.display()
        );
        if !args.no_open {
            open_browser(&url);
        }
        app.run_until(vitae_server::shutdown_signal())
            .await
            .context("the studio stopped with an error")
    })?;
    Ok(Outcome::Ok)
}

/// Opens `url` in the user's browser: `$BROWSER`, else the system's opener. A failure is not an
/// error (the link is printed).
fn open_browser(url: &str) {
    let opener = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let (program, lead): (String, &[&str]) = match opener {
        Some(b) => (b, &[]),
        None if cfg!(target_os = "macos") => ("open".into(), &[]),
        None if cfg!(windows) => ("cmd".into(), &["/C", "start", ""]),
        None => ("xdg-open".into(), &[]),
    };
    let spawned = std::process::Command::new(&program)
        .args(lead)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("(could not start {program}; open the link above yourself)");
    }
}
