//! Matching: job postings ranked by how well the resume fits each, with the reasons.

use crate::{AppError, Provenance, Vocabulary, posting, select_variant};
use rayon::prelude::*;
use serde::Serialize;
use vitae_core::model::Resume;
use vitae_core::text::{contains_lowered_term, lowercase};
use vitae_core::{Diagnostics, PartialDate};
use vitae_fit::job::Job;
use vitae_fit::rank::{self, Profile, RankOptions, Ranked};
pub use vitae_fit::rank::{PREFERENCES, Preference};

/// What to rank and how many to keep.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MatchOptions {
    /// The variant to match (key or short name); default: the source's default variant.
    pub variant: Option<String>,
    /// Keep only the best N.
    pub top: Option<usize>,
    /// What the candidate wants of a job besides fitting it (remote, senior...).
    pub prefer: Vec<Preference>,
    /// Postings that say any of these words or phrases (whole words, any case) are left out.
    pub exclude_keywords: Vec<String>,
}

/// The postings, best first.
#[derive(Debug, Clone, Serialize)]
pub struct MatchAnswer {
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Best first; `index` is the posting's position in the input.
    pub ranked: Vec<Ranked>,
    /// The postings left out for an excluded keyword, in input order.
    pub excluded: Vec<Excluded>,
    /// Problems with each JSON job's fields, by the posting's position.
    #[serde(skip)]
    pub posting_diagnostics: Vec<Diagnostics>,
}

/// A posting left out of the ranking, and the excluded keyword it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excluded {
    /// The posting's position in the input.
    pub index: usize,
    pub title: Option<String>,
    pub company: Option<String>,
    pub keyword: String,
}

/// The first of `keywords` that `job` says anywhere (title, company, texts, skills, place), as
/// a whole word or phrase in any case.
fn excluded_by<'k>(job: &Job, keywords: &'k [String]) -> Option<&'k str> {
    let mut texts: Vec<String> = vec![job.text()];
    texts.extend(job.company.clone());
    for skill in &job.skills {
        texts.push(skill.name.clone());
        texts.extend(skill.keywords.iter().cloned());
    }
    let place = &job.location;
    for field in [
        &place.address,
        &place.city,
        &place.region,
        &place.country_code,
    ] {
        texts.extend(field.clone());
    }
    let lower = lowercase(&texts.join("\n"));
    keywords
        .iter()
        .map(|k| k.trim())
        .filter(|k| !k.is_empty())
        .find(|k| contains_lowered_term(&lower, k))
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
    // Read on every core; the first posting that cannot be read, in input order, is the error.
    let texts: Vec<&str> = postings.iter().map(AsRef::as_ref).collect();
    let read: Vec<Result<posting::Read, AppError>> = texts
        .par_iter()
        .enumerate()
        .map(|(i, text)| posting::read_at(text, vocabulary, Some(i)))
        .collect();
    let mut jobs: Vec<Job> = Vec::with_capacity(postings.len());
    let mut posting_diagnostics = Vec::with_capacity(postings.len());
    for read in read {
        let read = read?;
        jobs.push(read.job);
        posting_diagnostics.push(read.diagnostics);
    }
    let (_, shown) = select_variant(source, options.variant.as_deref())?;
    let profile = Profile::new(source, &shown, vocabulary).with_today(today);
    // Ranked without the excluded postings (they would change how rare each word is), each
    // result mapped back to its position in the input.
    let mut kept: Vec<usize> = Vec::with_capacity(jobs.len());
    let mut ranked_jobs: Vec<Job> = Vec::with_capacity(jobs.len());
    let mut excluded = Vec::new();
    for (i, job) in jobs.into_iter().enumerate() {
        match excluded_by(&job, &options.exclude_keywords) {
            Some(keyword) => excluded.push(Excluded {
                index: i,
                title: job.title,
                company: job.company,
                keyword: keyword.to_owned(),
            }),
            None => {
                kept.push(i);
                ranked_jobs.push(job);
            }
        }
    }
    let rank_options = RankOptions {
        prefer: options.prefer.clone(),
        ..RankOptions::default()
    };
    let mut ranked = rank::rank(&profile, &ranked_jobs, vocabulary, &rank_options);
    for r in &mut ranked {
        r.index = kept[r.index];
    }
    ranked.truncate(options.top.unwrap_or(usize::MAX));
    Ok(MatchAnswer {
        provenance: Provenance::deterministic(),
        ranked,
        excluded,
        posting_diagnostics,
    })
}
