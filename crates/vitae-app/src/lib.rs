//! vitae-app: the use cases every front end runs, written once.
//!
//! The CLI, the HTTP API and the web app parse their own inputs (arguments, request bodies) into
//! the option structs here, run the use case, and present its typed answer; none of them holds a
//! copy of a flow. Each use case that a language model may help with has three steps, so that a
//! server can run the CPU-bound parts on its work pool and await the model without holding a
//! thread:
//!
//! 1. `prepare` (sync): read the posting, select the variant, compute the deterministic result and
//!    verify it against the resume;
//! 2. `consult` (async, optional): ask the model, whose output the verifier in `vitae-llm` checks
//!    before it is used; [`Ai::Off`] skips it and says why;
//! 3. `finish` (sync): the answer, with a [`Provenance`] saying which method produced it.
//!
//! | use case      | module        | model step                         |
//! |---------------|---------------|------------------------------------|
//! | ATS check     | [`ats`]       | reads the posting's keywords       |
//! | tailoring     | [`tailor`]    | rephrases the summary and bullets  |
//! | cover letter  | [`letter`]    | writes the body paragraphs         |
//! | match         | [`matching`]  | none                               |
//! | package       | [`package`]   | the letter's                       |
//! | import        | [`import`]    | none                               |
//! | variant diff  | [`diff`]      | none                               |
//! | job search    | [`tracker`]   | none (over the store handed in)    |
//!
//! No file system and no clock here: the front ends read files and requests and pass today's
//! date in; the only ways out are the model step, through the [`Assistant`] a front end hands
//! in, and the job search's [`Store`](vitae_store::Store), handed in the same way.
//!
//! ```
//! use std::borrow::Cow;
//! use vitae_app::ats::{AtsCheck, AtsOptions};
//! use vitae_app::{Ai, Style, Vocabulary};
//!
//! let source = b"contact:\n  name: Ada Lovelace\n  email: ada@example.com\n";
//! let resume = vitae_core::load(source, None, &Default::default()).unwrap().resume;
//! let posting = "Rust Engineer\n\nRequirements:\n- 3+ years of Rust\n".to_owned();
//! let options = AtsOptions { variant: None, weights: None, render: false, style: Style::default() };
//! let vocabulary = Cow::Borrowed(Vocabulary::builtin());
//! let check = AtsCheck::prepare(resume, posting, vocabulary, options).unwrap();
//! // No model may help here, so the model step is skipped and the answer says so.
//! let keywords = block_on(check.consult(Ai::Off("an example")));
//! let answer = check.finish(keywords).unwrap();
//! assert!((0.0..=100.0).contains(&answer.report.score));
//! assert!(!answer.provenance.is_llm());
//! # fn block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
//! # }
//! ```

pub mod ats;
pub mod diff;
mod error;
pub mod import;
pub mod letter;
pub mod matching;
pub mod package;
pub mod posting;
mod provenance;
pub mod tailor;
pub mod tracker;

pub use error::AppError;
pub use posting::Vocabulary;
pub use provenance::{Ai, Provenance};
pub use vitae_llm::{Assistant, Method, Outcome};

use vitae_core::model::Resume;
use vitae_core::variant;
use vitae_render::{RenderOptions, TypesetOptions};

/// How documents are rendered: the text and layout options, and the resolution of PNG pages.
#[derive(Debug, Clone, Default)]
pub struct Style {
    pub render: RenderOptions,
    /// Theme, paper, fonts and the document's date (a cover letter is dated with it).
    pub typeset: TypesetOptions,
    pub dpi: f64,
}

/// The resume as `requested` (a variant's key or short name; default: the source's default
/// variant) shows it, with the variant's full key.
pub fn select_variant(
    source: &Resume,
    requested: Option<&str>,
) -> Result<(String, Resume), AppError> {
    let requested = requested.map_or_else(|| variant::default_name(source), str::to_owned);
    let shown = variant::apply(source, &requested)?;
    let key = variant::resolve(source, &requested).map_or(requested, |(k, _)| k.to_owned());
    Ok((key, shown))
}
