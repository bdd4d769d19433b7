//! A spinner on stderr while work takes a while: a language model's answer, ranking many
//! postings, making a package. Only on a terminal (indicatif draws nothing to a pipe or a file,
//! and the spinner is not even made then), and cleared when the work ends, so what the command
//! prints is the same whether or not one was shown.

use std::borrow::Cow;
use std::io::IsTerminal;
use std::time::Duration;

/// Spins until dropped.
pub struct Spinner(Option<indicatif::ProgressBar>);

impl Spinner {
    pub fn start(message: impl Into<Cow<'static, str>>) -> Spinner {
        if !std::io::stderr().is_terminal() {
            return Spinner(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        // No colour in the template, so NO_COLOR has nothing to turn off.
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(message);
        bar.enable_steady_tick(Duration::from_millis(120));
        Spinner(Some(bar))
    }

    /// A spinner while `assistant` asks its model; none when no model is configured (the
    /// deterministic path answers at once).
    pub fn for_model(assistant: &vitae_app::Assistant, what: &str) -> Spinner {
        if assistant.is_enabled() {
            Spinner::start(format!("asking the language model for {what}"))
        } else {
            Spinner(None)
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
