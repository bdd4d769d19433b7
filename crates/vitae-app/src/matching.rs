//! Matching: job postings ranked by how well the resume fits each, with the reasons.

use crate::{AppError, Provenance, Vocabulary, posting, select_variant};
use serde::Serialize;
use vitae_core::model::Resume;
use vitae_core::{Diagnostics, PartialDate};
use vitae_fit::job::Job;
use vitae_fit::rank::{self, Profile, RankOptions, Ranked};

/// What to rank and how many to keep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchOptions {
    /// The variant to match (key or short name); default: the source's default variant.
    pub variant: Option<String>,
    /// Keep only the best N.
    pub top: Option<usize>,
}

/// The postings, best first.
#[derive(Debug, Clone, Serialize)]
pub struct MatchAnswer {
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Best first; `index` is the posting's position in the input.
    pub ranked: Vec<Ranked>,
    /// Problems with each JSON job's fields, by the posting's position.
    #[serde(skip)]
    pub posting_diagnostics: Vec<Diagnostics>,
}

/// Ranks `postings` (each plain text, HTML or JSON) for `source`. Experience is counted up to
/// `today`. A posting that cannot be read is an error naming its position.
pub fn rank(
    source: &Resume,
    postings: &[impl AsRef<str>],
    vocabulary: &Vocabulary,
    options: &MatchOptions,
    today: PartialDate,
) -> Result<MatchAnswer, AppError> {
    let mut jobs: Vec<Job> = Vec::with_capacity(postings.len());
    let mut posting_diagnostics = Vec::with_capacity(postings.len());
    for (i, text) in postings.iter().enumerate() {
        let read = posting::read_at(text.as_ref(), vocabulary, Some(i))?;
        jobs.push(read.job);
        posting_diagnostics.push(read.diagnostics);
    }
    let (_, shown) = select_variant(source, options.variant.as_deref())?;
    let profile = Profile::new(source, &shown, vocabulary).with_today(today);
    let mut ranked = rank::rank(&profile, &jobs, vocabulary, &RankOptions::default());
    ranked.truncate(options.top.unwrap_or(usize::MAX));
    Ok(MatchAnswer {
        provenance: Provenance::deterministic(),
        ranked,
        posting_diagnostics,
    })
}
