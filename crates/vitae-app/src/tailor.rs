//! Tailoring: the resume with a new variant chosen for the job. Bullets, skills and projects are
//! selected and ordered by relevance and the best summary picked; every string comes from the
//! source, and the result is verified against it. A model may rephrase that choice; its output
//! is used only when the verifier accepts it.

use crate::provenance::switched_off;
use crate::{Ai, AppError, Provenance, posting};
use serde::Serialize;
use std::borrow::Cow;
use vitae_core::Diagnostics;
use vitae_core::format;
use vitae_core::model::Resume;
use vitae_fit::job::Job;
use vitae_fit::tailor::{self, Explanation, Tailored, Verification};
use vitae_llm::Outcome;

use crate::Vocabulary;
pub use vitae_fit::tailor::DEFAULT_MAX_PROJECTS;

/// How to tailor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TailorOptions {
    /// The variant to start from (key or short name); default: everything in the source.
    pub variant: Option<String>,
    /// Bullets per job at most (default: the starting variant's cap, else 4).
    pub max_bullets: Option<usize>,
    /// Projects at most; only projects that match the job are chosen.
    pub max_projects: usize,
    /// The key of the new variant (default: `tailored-<title>-<company>`).
    pub key: Option<String>,
}

impl Default for TailorOptions {
    fn default() -> Self {
        TailorOptions {
            variant: None,
            max_bullets: None,
            max_projects: DEFAULT_MAX_PROJECTS,
            key: None,
        }
    }
}

/// A deterministic tailoring, verified, waiting for the model's rephrasing.
#[derive(Debug)]
pub struct Tailoring {
    pub(crate) source: Resume,
    pub(crate) job: Job,
    pub(crate) vocabulary: Cow<'static, Vocabulary>,
    pub(crate) tailored: Tailored,
    verification: Verification,
    /// Problems with a JSON job's fields.
    pub posting_diagnostics: Diagnostics,
}

/// The tailored resume and how it was produced.
#[derive(Debug, Clone, Serialize)]
pub struct TailorAnswer {
    #[serde(flatten)]
    pub provenance: Provenance,
    pub variant_key: String,
    /// The tailored resume: the variant's view, or the model's verified rephrasing (as native
    /// JSON).
    #[serde(serialize_with = "native_json")]
    pub resume: Resume,
    /// Native YAML to keep: the source with the tailored variant added; when the model's
    /// rephrasing was used, the tailored resume itself (its bullets are no longer source strings,
    /// so it cannot be a variant of the source).
    pub source_yaml: String,
    /// What deterministic tailoring chose and why (the model only rephrases that choice).
    pub explanation: Explanation,
    /// The check of `resume` against the source.
    pub verification: Verification,
}

/// A resume in the native JSON shape, the one `vitae convert --to native` writes.
fn native_json<S: serde::Serializer>(resume: &Resume, serializer: S) -> Result<S::Ok, S::Error> {
    let value: serde_json::Value =
        serde_json::from_str(&format::to_native_json(resume)).map_err(serde::ser::Error::custom)?;
    serde::Serialize::serialize(&value, serializer)
}

impl TailorAnswer {
    /// Whether `source_yaml` is a standalone resume rather than the source with a new variant.
    pub fn is_standalone(&self) -> bool {
        self.provenance.is_llm()
    }
}

impl Tailoring {
    /// Step 1: reads the posting, tailors and verifies the result against the source before
    /// anyone sees it.
    pub fn prepare(
        source: Resume,
        posting: &str,
        vocabulary: Cow<'static, Vocabulary>,
        options: &TailorOptions,
    ) -> Result<Tailoring, AppError> {
        let read = posting::read(posting, &vocabulary)?;
        Tailoring::of_job(source, read.job, vocabulary, options).map(|mut t| {
            t.posting_diagnostics = read.diagnostics;
            t
        })
    }

    pub(crate) fn of_job(
        source: Resume,
        job: Job,
        vocabulary: Cow<'static, Vocabulary>,
        options: &TailorOptions,
    ) -> Result<Tailoring, AppError> {
        let core = tailor::TailorOptions {
            starting_variant: options.variant.clone(),
            max_bullets_per_job: options.max_bullets,
            max_projects: options.max_projects,
            variant_key: options.key.clone(),
            ..tailor::TailorOptions::default()
        };
        let tailored = tailor::tailor(&source, &job, &vocabulary, &core)?;
        let verification = tailor::verify_with(&source, &tailored.resume, &vocabulary);
        if !verification.is_ok() {
            return Err(AppError::Unverified {
                what: "tailored resume",
                against: "its source",
                violations: verification.violations,
            });
        }
        Ok(Tailoring {
            source,
            job,
            vocabulary,
            tailored,
            verification,
            posting_diagnostics: Diagnostics::new(),
        })
    }

    /// The key of the tailored variant.
    pub fn variant_key(&self) -> &str {
        &self.tailored.variant_key
    }

    /// Step 2: the model rephrases the tailored view; what it writes is checked against the
    /// source, and anything unsupported falls back to the deterministic view.
    pub async fn consult(&self, ai: Ai<'_>) -> Outcome<Resume> {
        match ai {
            Ai::Ask(assistant) => {
                assistant
                    .tailor(&self.source, &self.job, &self.tailored)
                    .await
            }
            Ai::Off(reason) => switched_off(self.tailored.resume.clone(), reason),
        }
    }

    /// Step 3 when only the resume is wanted (to render it): the variant's key and the resume,
    /// without the answer's YAML and re-verification.
    pub fn finish_resume(self, outcome: Outcome<Resume>) -> (String, Resume) {
        (self.tailored.variant_key, outcome.value)
    }

    /// Step 3: the answer.
    pub fn finish(self, outcome: Outcome<Resume>) -> TailorAnswer {
        let provenance = Provenance::of(&outcome);
        let resume = outcome.value;
        // The deterministic view was verified in step 1; the model's is checked again for the
        // answer (the assistant already refused it on any violation).
        let (verification, source_yaml) = if provenance.is_llm() {
            (
                tailor::verify_with(&self.source, &resume, &self.vocabulary),
                format::to_native_yaml(&resume),
            )
        } else {
            (
                self.verification,
                format::to_native_yaml(&self.tailored.to_source(&self.source)),
            )
        };
        TailorAnswer {
            provenance,
            variant_key: self.tailored.variant_key,
            resume,
            source_yaml,
            explanation: self.tailored.explanation,
            verification,
        }
    }
}
