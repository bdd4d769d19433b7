//! `vitae completions SHELL` and `vitae man`: both generated from the clap definitions, so they
//! can never disagree with what the binary accepts.

use crate::Outcome;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Install, for example:
  bash:        vitae completions bash > ~/.local/share/bash-completion/completions/vitae
  zsh:         vitae completions zsh > \"${fpath[1]}/_vitae\"
  fish:        vitae completions fish > ~/.config/fish/completions/vitae.fish
  powershell:  vitae completions powershell >> $PROFILE
  elvish:      vitae completions elvish >> ~/.config/elvish/rc.elv")]
pub struct CompletionsArgs {
    /// The shell to complete in.
    pub shell: clap_complete::Shell,
}

/// Prints the completion script for a shell.
pub fn completions(args: CompletionsArgs, mut command: clap::Command) -> Result<Outcome> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "vitae", &mut out);
    out.flush().context("cannot write the completions")?;
    Ok(Outcome::Ok)
}

#[derive(clap::Args, Debug)]
pub struct ManArgs {
    /// Write one page per command into this folder (`vitae.1`, `vitae-generate.1`, …) instead
    /// of printing `vitae.1`. View one with `man -l DIR/vitae-generate.1`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Prints the man page (roff), or writes one page per command.
pub fn man(args: ManArgs, command: clap::Command) -> Result<Outcome> {
    let Some(dir) = args.dir else {
        let mut out = std::io::stdout().lock();
        clap_mangen::Man::new(command)
            .render(&mut out)
            .context("cannot write the man page")?;
        out.flush().context("cannot write the man page")?;
        return Ok(Outcome::Ok);
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = 0;
    let mut pages = vec![(String::from("vitae"), command)];
    while let Some((name, mut command)) = pages.pop() {
        // Subcommands' pages are named `vitae-generate.1`, as git's are.
        command = command.name(name.clone());
        command.build();
        let path = dir.join(format!("{name}.1"));
        let mut page = Vec::new();
        clap_mangen::Man::new(command.clone())
            .render(&mut page)
            .context("cannot render a man page")?;
        std::fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))?;
        written += 1;
        for sub in command.get_subcommands() {
            if sub.is_hide_set() || sub.get_name() == "help" {
                continue;
            }
            pages.push((format!("{name}-{}", sub.get_name()), sub.clone()));
        }
    }
    eprintln!("wrote {written} man pages to {}", dir.display());
    Ok(Outcome::Ok)
}
