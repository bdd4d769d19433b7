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
    /// Postings whose stated pay is all under this are left out.
    pub min_salary: Option<SalaryFloor>,
}

/// The least pay the candidate will take (`--min-salary 120k`, `€60,000`, `USD 50/hour`).
///
/// A posting is left out only when it states its pay, in the floor's currency (or either
/// names none), and the top of its range, as a full-time year, is under the floor's. A
/// posting in another currency is kept: vitae has no exchange rates and will not guess.
#[derive(Debug, Clone, PartialEq)]
pub struct SalaryFloor {
    /// A full-time year's pay.
    pub yearly: f64,
    /// ISO 4217 code, when the floor names a currency.
    pub currency: Option<String>,
    /// As the user wrote it.
    pub text: String,
}

impl std::str::FromStr for SalaryFloor {
    type Err = String;

    fn from_str(text: &str) -> Result<SalaryFloor, String> {
        let read = vitae_fit::job::Salary::parse(text).and_then(|s| Some((s.yearly_bottom()?, s)));
        let Some((yearly, salary)) = read else {
            return Err(format!(
                "`{}` is no amount (write e.g. 120000, 120k, €60,000 or USD 50/hour)",
                text.trim()
            ));
        };
        if yearly <= 0.0 || !yearly.is_finite() {
            return Err(format!("`{}`: a salary floor must be above 0", text.trim()));
        }
        Ok(SalaryFloor {
            yearly,
            currency: salary.currency,
            text: text.trim().to_owned(),
        })
    }
}

impl SalaryFloor {
    /// Whether `job` states pay that is all under the floor: it is left out.
    fn excludes(&self, job: &Job) -> bool {
        let Some(salary) = &job.salary else {
            return false;
        };
        let comparable = match (&self.currency, &salary.currency) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        comparable && salary.yearly_top().is_some_and(|top| top < self.yearly)
    }
}

/// The postings, best first.
#[derive(Debug, Clone, Serialize)]
pub struct MatchAnswer {
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Best first; `index` is the posting's position in the input.
    pub ranked: Vec<Ranked>,
    /// The postings left out (an excluded keyword, pay under the floor), in input order.
    pub excluded: Vec<Excluded>,
    /// Problems with each JSON job's fields, by the posting's position.
    #[serde(skip)]
    pub posting_diagnostics: Vec<Diagnostics>,
}

/// A posting left out of the ranking, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excluded {
    /// The posting's position in the input.
    pub index: usize,
    pub title: Option<String>,
    pub company: Option<String>,
    /// The excluded word or phrase it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    /// Its pay as written, when that is under the salary floor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salary: Option<String>,
    /// Why, in a sentence.
    pub reason: String,
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
        let keyword = excluded_by(&job, &options.exclude_keywords);
        let floor = options.min_salary.as_ref().filter(|f| f.excludes(&job));
        let (keyword, salary, reason) = match (keyword, floor) {
            (Some(k), _) => (Some(k.to_owned()), None, format!("it says `{k}`")),
            (None, Some(floor)) => {
                let pay = job
                    .salary
                    .as_ref()
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                let reason = format!("it pays {pay}, under your floor of {}", floor.text);
                (None, Some(pay), reason)
            }
            (None, None) => {
                kept.push(i);
                ranked_jobs.push(job);
                continue;
            }
        };
        excluded.push(Excluded {
            index: i,
            title: job.title,
            company: job.company,
            keyword,
            salary,
            reason,
        });
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
