//! Job postings and the skills vocabulary they are read with.

use crate::AppError;
use std::borrow::Cow;
use vitae_core::Diagnostics;
use vitae_fit::job::{self, Job, Options};
pub use vitae_fit::keywords::Vocabulary;
use vitae_llm::{JobKeywords, Outcome};

/// The built-in vocabulary, extended with a YAML file of extra skills (the shape of vitae's own
/// `data/skills.yaml`) when one is given. A file with errors adds nothing: its diagnostics come
/// back, located in its text.
pub fn vocabulary(extra_yaml: Option<&str>) -> Result<Cow<'static, Vocabulary>, Diagnostics> {
    let Some(text) = extra_yaml else {
        return Ok(Cow::Borrowed(Vocabulary::builtin()));
    };
    let mut vocabulary = Vocabulary::builtin().clone();
    vocabulary.extend_from_yaml(text)?;
    Ok(Cow::Owned(vocabulary))
}

/// A job read from a posting, with the problems found in a JSON job's fields (never an error:
/// the job is still read).
#[derive(Debug, Clone)]
pub struct Read {
    pub job: Job,
    pub diagnostics: Diagnostics,
}

/// Reads a posting (plain text, HTML, a JSON Resume job or schema.org JSON-LD, detected).
pub fn read(text: &str, vocabulary: &Vocabulary) -> Result<Read, AppError> {
    read_at(text, vocabulary, None)
}

pub(crate) fn read_at(
    text: &str,
    vocabulary: &Vocabulary,
    index: Option<usize>,
) -> Result<Read, AppError> {
    let parsed = job::read(text, &Options { vocabulary })
        .map_err(|error| AppError::Posting { index, error })?;
    let mut diagnostics = parsed.diagnostics;
    if parsed.job.is_empty() {
        // Read, but nothing in it: say so rather than rank or tailor against an empty job.
        diagnostics.warning(
            "",
            vitae_core::node::Pos::new(1, 1),
            "no job found in this posting: no title, company, description, requirements or skills",
            Some(
                "several jobs in one file go in a JSON array, `{\"jobs\": [...]}` or JSON Lines \
                 (one job per line)"
                    .into(),
            ),
        );
    }
    Ok(Read {
        job: parsed.job,
        diagnostics,
    })
}

impl Read {
    /// The job as a JSON Resume job: what `vitae job parse` prints and `/v1/jobs/parse` answers.
    pub fn to_json_resume_job(&self) -> serde_json::Value {
        job::to_json_resume_job(&self.job)
    }
}

/// `vocabulary` with the model's keywords of the posting that it lacks, when the model's reading
/// was used; `None` when it was not, and the vocabulary stays as it is.
pub(crate) fn extended(
    vocabulary: &Vocabulary,
    keywords: Option<&Outcome<JobKeywords>>,
) -> Option<Vocabulary> {
    let k = &keywords.filter(|outcome| outcome.is_llm())?.value;
    let names: Vec<String> = k.required.iter().chain(&k.nice_to_have).cloned().collect();
    Some(vocabulary.extended_with(&names, "From the posting"))
}
