//! Why a use case could not run. Each variant keeps the error it came from, so a front end can
//! place it (a file's line and column, a request body's JSON path) and say what to do.

use vitae_core::variant::UnknownVariant;
use vitae_fit::ats::WeightsError;
use vitae_fit::job::JobError;
use vitae_fit::tailor::Violation;
use vitae_render::RenderError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// A job posting that cannot be read. `index` is its position when several were given; the
    /// error's own position is inside the posting's text.
    #[error("the job posting cannot be read")]
    Posting {
        index: Option<usize>,
        #[source]
        error: JobError,
    },
    #[error(transparent)]
    UnknownVariant(#[from] UnknownVariant),
    /// A document that cannot be imported (its format, damage, encryption, size).
    #[error(transparent)]
    Import(#[from] vitae_import::ImportError),
    #[error("the category weights are not valid")]
    Weights(#[from] WeightsError),
    #[error("cannot render {what}")]
    Render {
        /// "the cover letter", "the resume as pdf"...
        what: String,
        #[source]
        error: RenderError,
    },
    /// A cover letter asked for in a language vitae does not write letters in.
    #[error(
        "cover letters are written in {}; not in `{locale}` (a resume renders in `{locale}`: pass \
         it to the resume's render, and one of these to the letter)",
        vitae_fit::letter::LANGUAGES
    )]
    LetterLanguage { locale: String },
    /// Writing a package's archive failed (in memory, so not the request's fault).
    #[error("cannot write the package archive")]
    Archive(#[from] zip::result::ZipError),
    /// A deterministic result the verifier rejected. Tailoring only selects and orders, and the
    /// composer only quotes, so this is a bug in vitae, never the user's input.
    #[error(
        "the {what} failed verification against {against} (a bug in vitae; please report it): {}",
        list(.violations)
    )]
    Unverified {
        what: &'static str,
        /// "its source", "the resume and the job".
        against: &'static str,
        violations: Vec<Violation>,
    },
}

fn list(violations: &[Violation]) -> String {
    violations
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl AppError {
    /// A render failure, naming what was being rendered.
    pub(crate) fn render(what: impl Into<String>) -> impl FnOnce(RenderError) -> AppError {
        let what = what.into();
        move |error| AppError::Render { what, error }
    }
}
