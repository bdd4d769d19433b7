//! `vitae studio`: the web app on this machine, for one person, editing a file on disk.
//!
//! It is `vitae serve` bound to loopback with the local store (the one `vitae track` uses), the
//! studio pointed at FILE, and a one-time sign-in link instead of keys: the link is printed and
//! opened in the browser, and once used it opens nothing again, so another local user who sees
//! the port cannot walk in. The browser is given a private file that redirects to the link, not
//! the link itself: a program's arguments can be read by every user of the machine.

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
        let launcher = if args.no_open {
            None
        } else {
            match launcher(&url) {
                Ok(file) => {
                    open_browser(&file);
                    Some(file)
                }
                Err(e) => {
                    eprintln!("(could not write the page that opens the studio: {e}; open the link above yourself)");
                    None
                }
            }
        };
        let served = app
            .run_until(vitae_server::shutdown_signal())
            .await
            .context("the studio stopped with an error");
        if let Some(dir) = launcher.as_deref().and_then(std::path::Path::parent) {
            let _ = std::fs::remove_dir_all(dir);
        }
        served
    })?;
    Ok(Outcome::Ok)
}

/// A page that sends the browser on to `url`, readable by this user only (in a directory of its
/// own, 0700, the file 0600), as Jupyter does.
fn launcher(url: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "vitae-studio-{}-{}",
        std::process::id(),
        &vitae_store::random_token()[..8]
    ));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir)?;
    let file = dir.join("open-studio.html");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    // The URL is ours (a port and hex digits): nothing in it needs escaping.
    std::io::Write::write_all(
        &mut options.open(&file)?,
        format!(
            "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={url}\">\
             <title>vitae studio</title><a href=\"{url}\">Open vitae studio</a>\n"
        )
        .as_bytes(),
    )?;
    Ok(file)
}

/// Opens `target` (a file or URL) in the user's browser: `$BROWSER`, else the system's opener.
/// A failure is not an error (the link is printed).
fn open_browser(target: &std::path::Path) {
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
        .arg(target)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("(could not start {program}; open the link above yourself)");
    }
}
