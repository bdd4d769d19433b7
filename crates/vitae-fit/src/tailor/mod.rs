//! Tailoring: one resume, one job, a version of the resume that puts what the job asks for first,
//! and the verifier that checks any such version against its source.
//!
//! [`tailor`] is deterministic and truthful by construction: it only *selects and orders* what
//! the source already says. Bullets are ranked by BM25 against the job's weighted terms (see
//! [`JobPart::weight`]), skills are compared by the vocabulary's canonical names (`k8s` meets
//! `Kubernetes`), and every string of the result is a string of the source, unedited:
//!
//! - each job keeps the bullets that match the job best, up to a cap (the starting variant's, or
//!   4), and at least a minimum (2 by default, never fewer than 1 while the job has bullets); jobs
//!   are never dropped or reordered;
//! - skill sections are ordered by the relevance of their skills and those with no match are
//!   dropped; skills inside a section are ordered by relevance;
//! - projects that match the job are chosen, up to a limit;
//! - the summary (base or a summary variant) that matches the job best is picked.
//!
//! A starting variant bounds what may be shown: its summary is preferred on ties, its skill
//! sections and project categories are the only ones considered, and bullets, skills and projects
//! it excludes by tag stay excluded.
//!
//! The result comes three ways: [`Tailored::resume`], the tailored view ready to render;
//! [`Tailored::explanation`], every decision with its score (serializable, and readable through
//! `Display` for `--explain`); and [`Tailored::to_source`], the source with the tailoring added as
//! an ordinary native variant, so `vitae tailor -o tailored.yaml` writes a file that still
//! round-trips. The variant model keeps the source's order inside a job and shows a variant's
//! skills "emphasized first, then the rest in source order", so the native variant selects exactly
//! the same summary, skill sections, skills, bullets and projects, and reproduces the view exactly
//! with [`Order::Source`]; with [`Order::Relevance`] only the order inside a job, a skill section
//! and the project list can differ. That is the documented trade-off: the model is not extended
//! with per-variant orderings, and ranked output stays available as the view.
//!
//! [`verify`] checks any document against its source — this tailoring's, a hand edit's, an LLM's —
//! and reports every claim the source does not support; see [`verify()`].

mod explain;
pub(crate) mod rank;
pub(crate) mod terms;
pub(crate) mod verify;

pub use explain::{
    BulletChoice, Decision, EntryChoice, Explanation, JobHeading, JobTerm, ProjectChoice,
    SectionChoice, SkillChoice, SummaryCandidate, SummaryChoice,
};
pub use rank::JobPart;
pub use terms::TermKind;
pub use verify::{
    MappedBullet, REPHRASE_THRESHOLD, Verification, Violation, ViolationKind, verify, verify_with,
};

use crate::job::Job;
use crate::keywords::Vocabulary;
use explain::round;
use rank::{Bm25, Doc, Query, Scored, overlap};
use serde::Serialize;
use terms::{Analysis, Term, skill_keys};
use vitae_core::model::{Bullet, Project, Resume, Skill, SkillCategory, Variant};
use vitae_core::path::ResumePath;
use vitae_core::variant::{self, UnknownVariant, short_name};

/// Bullets per job when neither the options nor the starting variant set a cap.
pub const DEFAULT_MAX_BULLETS: usize = 4;
/// Bullets per job at least, by default (while the job has that many).
pub const DEFAULT_MIN_BULLETS: usize = 2;
/// Projects at most, by default.
pub const DEFAULT_MAX_PROJECTS: usize = 3;

/// How the tailored view orders what it keeps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// Most relevant first: bullets inside each job, skills inside each section, projects.
    #[default]
    Relevance,
    /// The source's order, with a section's matching skills first: exactly what the native
    /// variant of [`Tailored::to_source`] shows.
    Source,
}

/// How to tailor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TailorOptions {
    /// The variant to start from (key or short name); `None` starts from the base, everything.
    pub starting_variant: Option<String>,
    /// Bullets per job at most. Default: the starting variant's cap, else
    /// [`DEFAULT_MAX_BULLETS`].
    pub max_bullets_per_job: Option<usize>,
    /// Bullets per job at least, while the job has that many; bullets that match nothing fill
    /// up to it (the starting variant's first). Clamped to `1..=cap`.
    pub min_bullets_per_job: usize,
    /// Projects at most; only projects that match the job are chosen.
    pub max_projects: usize,
    /// Keep skill sections in which nothing matches the job (ordered last).
    pub keep_unmatched_skill_sections: bool,
    pub order: Order,
    /// The key of the tailored variant. Default: `tailored-` and the job's title and company.
    /// A key already in use gets a `-2`, `-3`, ... suffix.
    pub variant_key: Option<String>,
}

impl Default for TailorOptions {
    fn default() -> Self {
        TailorOptions {
            starting_variant: None,
            max_bullets_per_job: None,
            min_bullets_per_job: DEFAULT_MIN_BULLETS,
            max_projects: DEFAULT_MAX_PROJECTS,
            keep_unmatched_skill_sections: false,
            order: Order::Relevance,
            variant_key: None,
        }
    }
}

/// A tailored resume with its explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Tailored {
    /// The tailored view, ready to render: like [`variant::apply`]'s result, it holds no variant
    /// definitions and one summary.
    pub resume: Resume,
    /// The key of the tailored variant (unused in the source).
    pub variant_key: String,
    /// The tailoring as a native variant; [`Tailored::to_source`] adds it with the tags it needs.
    pub variant: Variant,
    pub explanation: Explanation,
    marks: Marks,
}

/// The source items the native variant must tag.
#[derive(Debug, Clone, Default, PartialEq)]
struct Marks {
    /// `(entry, bullet)` of every bullet shown.
    bullets: Vec<(usize, usize)>,
    /// `(section, skill)` of every skill that matched the job.
    skills: Vec<(usize, usize)>,
    /// Projects the starting variant shows but tailoring does not.
    omitted_projects: Vec<usize>,
    omit_tag: String,
}

impl Tailored {
    /// `source` (the resume this was tailored from) with the tailoring added as the native variant
    /// [`Tailored::variant`] under [`Tailored::variant_key`]: the bullets shown and the skills that
    /// matched are tagged with the key (`emphasize_for`), the projects not chosen with
    /// `<key>-omit`, which the variant excludes. Nothing else changes, so the file round-trips and
    /// `variant::apply(&to_source(source), key)` selects what [`Tailored::resume`] shows (in the
    /// same order with [`Order::Source`]).
    pub fn to_source(&self, source: &Resume) -> Resume {
        let mut out = source.clone();
        let key = &self.variant_key;
        let tag = |tags: &mut Vec<String>, tag: &str| {
            if !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_owned());
            }
        };
        for &(i, j) in &self.marks.bullets {
            if let Some(b) = out.experience.get_mut(i).and_then(|e| e.bullets.get_mut(j)) {
                tag(&mut b.emphasize_for, key);
            }
        }
        for &(i, j) in &self.marks.skills {
            if let Some(s) = out.skills.get_mut(i).and_then(|c| c.items.get_mut(j)) {
                tag(&mut s.emphasize_for, key);
            }
        }
        for &i in &self.marks.omitted_projects {
            if let Some(p) = out.projects.get_mut(i) {
                tag(&mut p.emphasize_for, &self.marks.omit_tag);
            }
        }
        out.variants.insert(key.clone(), self.variant.clone());
        out
    }
}

/// How much more a quantified achievement that matches the job weighs than its plain match: a
/// measured result is what a recruiter reads first, and a bullet that only shares a posting's
/// generic words ("design", "team") should not push it out.
pub const QUANTIFIED_BOOST: f64 = 2.0;

/// Tailors `source` to `job`. Fails only when the starting variant does not exist.
///
/// The tailored variant should not score lower for its job than the variant it starts from
/// (the ATS check, scored from structure). When the plain tailoring does, the cap on bullets per
/// job is raised one at a time, then the starting summary is kept, then every skill section of
/// the start, and the first result that reaches the start is taken (else the best one) — unless
/// the caller set the cap (`max_bullets_per_job`), which is kept as asked.
pub fn tailor(
    source: &Resume,
    job: &Job,
    vocabulary: &Vocabulary,
    options: &TailorOptions,
) -> Result<Tailored, UnknownVariant> {
    let first = tailor_capped(source, job, vocabulary, options, Knobs::default())?;
    if options.max_bullets_per_job.is_some() {
        return Ok(first);
    }
    let start = options.starting_variant.as_deref().unwrap_or(variant::BASE);
    let view = variant::apply(source, start)?;
    let score = |shown: &Resume, name: &str| {
        let input = crate::ats::AtsInput {
            source,
            shown,
            variant: name,
            job,
            text_layer: None,
        };
        crate::ats::check(&input, vocabulary, &crate::ats::Weights::default()).score
    };
    let floor = score(&view, start);
    let first_score = score(&first.resume, &first.variant_key);
    if first_score >= floor {
        return Ok(first);
    }
    // Not as good as the start: try, in order, more bullets per job, then the starting
    // variant's summary, then every skill section of the start kept, with each cap; the first
    // that reaches the start wins, else the best.
    let most = view
        .experience
        .iter()
        .map(|e| e.bullets.len())
        .max()
        .unwrap_or(0);
    let default_cap = first.explanation.max_bullets_per_job;
    let mut best = (first_score, first);
    for (keep_summary, keep_sections) in [(false, false), (true, false), (true, true)] {
        let options = TailorOptions {
            keep_unmatched_skill_sections: options.keep_unmatched_skill_sections || keep_sections,
            ..options.clone()
        };
        for cap in default_cap..=most.max(default_cap) {
            if !keep_summary && cap == default_cap {
                continue;
            }
            let knobs = Knobs {
                cap: Some(cap),
                keep_start_summary: keep_summary,
            };
            let t = tailor_capped(source, job, vocabulary, &options, knobs)?;
            let s = score(&t.resume, &t.variant_key);
            if s >= floor {
                return Ok(t);
            }
            if s > best.0 {
                best = (s, t);
            }
        }
    }
    Ok(best.1)
}

/// What [`tailor`] may change when the plain tailoring scores below its start.
#[derive(Debug, Clone, Copy, Default)]
struct Knobs {
    /// Bullets per job at most, instead of the options' or the starting variant's cap.
    cap: Option<usize>,
    /// Keep the starting variant's summary instead of the best-matching one.
    keep_start_summary: bool,
}

/// [`tailor`] with the cap on bullets per job given (`None`: the options', else the starting
/// variant's, else [`DEFAULT_MAX_BULLETS`]).
fn tailor_capped(
    source: &Resume,
    job: &Job,
    vocabulary: &Vocabulary,
    options: &TailorOptions,
    knobs: Knobs,
) -> Result<Tailored, UnknownVariant> {
    let start = options.starting_variant.as_deref().unwrap_or(variant::BASE);
    let (start_key, start_variant) = variant::resolve(source, start)?;
    let view = variant::apply(source, start)?;
    let query = Query::new(job, vocabulary);
    let cap = knobs
        .cap
        .or(options.max_bullets_per_job)
        .or(start_variant.and_then(|v| v.max_bullets_per_job))
        .unwrap_or(DEFAULT_MAX_BULLETS)
        .max(1);
    let min = options.min_bullets_per_job.clamp(1, cap);
    let exclude_tags: Vec<String> = start_variant
        .map(|v| v.exclude_tags.clone())
        .unwrap_or_default();
    let (variant_key, omit_tag) = fresh_key(source, options.variant_key.as_deref(), job);

    let cx = Cx {
        source,
        view: &view,
        vocabulary,
        query: &query,
        options,
        exclude_tags: &exclude_tags,
    };
    let mut resume = view.clone();
    let (summary_text, summary, summary_key) =
        cx.summary(start_key, start_variant, knobs.keep_start_summary);
    resume.summary.base = summary_text;
    resume.summary.variants.clear();

    let (entries, bullet_marks) = cx.bullets(cap, min);
    for (entry, (choice, chosen)) in resume.experience.iter_mut().zip(&entries) {
        entry.bullets = chosen.clone();
        debug_assert_eq!(choice.kept, chosen.len());
    }
    let (sections, skill_choices, skill_marks) = cx.skills();
    resume.skills = sections;
    let (projects, project_choices, omitted) = cx.projects();
    resume.projects = projects;

    let mut exclude = exclude_tags.clone();
    if !omitted.is_empty() {
        exclude.push(omit_tag.clone());
    }
    let native = Variant {
        description: Some(describe(job)),
        summary_key,
        skill_sections: skill_choices
            .iter()
            .filter(|s| s.kept)
            .map(|s| s.name.clone())
            .collect(),
        max_bullets_per_job: Some(cap),
        emphasize_keywords: Vec::new(),
        project_categories: start_variant
            .map(|v| v.project_categories.clone())
            .unwrap_or_default(),
        include_tags: Vec::new(),
        exclude_tags: exclude,
    };
    let explanation = Explanation {
        job: JobHeading {
            title: job.title.clone(),
            company: job.company.clone(),
        },
        starting_variant: start_key.to_owned(),
        variant_key: variant_key.clone(),
        order: options.order,
        max_bullets_per_job: cap,
        min_bullets_per_job: min,
        terms: query
            .terms
            .iter()
            .map(|t| JobTerm {
                term: t.display.clone(),
                kind: t.term.kind(),
                weight: t.weight,
                from: t.part,
            })
            .collect(),
        summary,
        skills: skill_choices,
        experience: entries.into_iter().map(|(c, _)| c).collect(),
        projects: project_choices,
    };
    Ok(Tailored {
        resume,
        variant_key,
        variant: native,
        explanation,
        marks: Marks {
            bullets: bullet_marks,
            skills: skill_marks,
            omitted_projects: omitted,
            omit_tag,
        },
    })
}

/// "Tailored for Senior Backend Engineer at Acme".
fn describe(job: &Job) -> String {
    let mut s = format!(
        "Tailored for {}",
        job.title.as_deref().unwrap_or("a job posting")
    );
    if let Some(company) = &job.company {
        s.push_str(" at ");
        s.push_str(company);
    }
    s
}

/// A key for the tailored variant, and its omit tag, both unused by the source: not a variant
/// key, not a summary key, not a tag, not `base` (compared ignoring case and version prefixes,
/// as variants resolve).
fn fresh_key(source: &Resume, requested: Option<&str>, job: &Job) -> (String, String) {
    let base = requested
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .unwrap_or_else(|| {
            let mut key = String::from("tailored");
            for part in [&job.title, &job.company].into_iter().flatten() {
                let slug = slug(part);
                if !slug.is_empty() {
                    key.push('-');
                    key.push_str(&slug);
                }
            }
            key
        });
    let mut taken: Vec<&str> = vec![variant::BASE];
    taken.extend(source.variants.keys().map(String::as_str));
    taken.extend(source.summary.variants.keys().map(String::as_str));
    for v in source.variants.values() {
        taken.extend(v.include_tags.iter().map(String::as_str));
        taken.extend(v.exclude_tags.iter().map(String::as_str));
        taken.extend(v.summary_key.as_deref());
    }
    for e in &source.experience {
        for b in &e.bullets {
            taken.extend(b.emphasize_for.iter().map(String::as_str));
        }
    }
    for c in &source.skills {
        for s in &c.items {
            taken.extend(s.emphasize_for.iter().map(String::as_str));
        }
    }
    for p in &source.projects {
        taken.extend(p.emphasize_for.iter().map(String::as_str));
    }
    let free = |key: &str| {
        !taken.iter().any(|t| {
            let t = t.trim();
            t.eq_ignore_ascii_case(key) || short_name(t).eq_ignore_ascii_case(short_name(key))
        })
    };
    let mut n = 1;
    loop {
        let key = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let omit = format!("{key}-omit");
        if free(&key) && free(&omit) {
            return (key, omit);
        }
        n += 1;
    }
}

/// Lower-case letters and digits, other runs as one `-`, at most 40 characters.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.chars().count() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// What every choice needs.
struct Cx<'a> {
    source: &'a Resume,
    view: &'a Resume,
    vocabulary: &'a Vocabulary,
    query: &'a Query,
    options: &'a TailorOptions,
    exclude_tags: &'a [String],
}

/// An entry's explanation and the bullets it shows.
type EntryResult = (EntryChoice, Vec<Bullet>);

/// The sections shown, every section's explanation, and the `(section, skill)` marks.
type SkillsResult = (Vec<SkillCategory>, Vec<SectionChoice>, Vec<(usize, usize)>);

impl Cx<'_> {
    /// Excluded by the starting variant (compared as [`variant::apply`] compares).
    fn excluded(&self, tags: &[String]) -> bool {
        tags.iter().any(|t| {
            self.exclude_tags
                .iter()
                .any(|x| x.eq_ignore_ascii_case(t.trim()))
        })
    }

    fn doc(&self, texts: &[&str], skills: &[String]) -> Doc {
        let mut doc = Doc::new(texts.iter().flat_map(|t| {
            Analysis::new(t, self.vocabulary)
                .terms
                .into_iter()
                .map(|(term, _)| term)
        }));
        for s in skills {
            for key in skill_keys(self.vocabulary, s) {
                doc.confirm(Term::Skill(key));
            }
        }
        doc
    }

    /// The summary that matches the job best: `(text, explanation, summary key for the native
    /// variant)`.
    fn summary(
        &self,
        start_key: &str,
        start_variant: Option<&Variant>,
        keep_start: bool,
    ) -> (Option<String>, Option<SummaryChoice>, Option<String>) {
        let source = self.source;
        // The key of the summary the starting variant shows (as `variant::apply` finds it).
        let start_summary: Option<&str> = start_variant.and_then(|v| {
            let wanted = v.summary_key.as_deref().unwrap_or(start_key);
            [wanted, start_key, short_name(start_key)]
                .into_iter()
                .find(|k| source.summary.variants.contains_key(*k))
        });
        fn push<'t>(
            list: &mut Vec<(Option<&'t str>, &'t str)>,
            key: Option<&'t str>,
            text: &'t str,
        ) {
            if !text.trim().is_empty() && !list.iter().any(|(_, t)| *t == text) {
                list.push((key, text));
            }
        }
        let mut candidates: Vec<(Option<&str>, &str)> = Vec::new();
        let start_text = self.view.summary.base.as_deref();
        if let Some(text) = start_text {
            push(&mut candidates, start_summary, text);
        }
        if let Some(text) = source.summary.base.as_deref() {
            push(&mut candidates, None, text);
        }
        for (key, text) in &source.summary.variants {
            push(&mut candidates, Some(key), text);
        }
        if candidates.is_empty() {
            return (None, None, None);
        }
        let docs: Vec<Doc> = candidates
            .iter()
            .map(|(_, t)| self.doc(&[t], &[]))
            .collect();
        let bm = Bm25::new(&docs);
        let scored: Vec<Scored> = docs.iter().map(|d| bm.score(d, self.query)).collect();
        // A summary replaces the starting one only when it names skills the job asks for and
        // scores higher: a summary written for another kind of role that shares a few words
        // with the posting is no better than the one the user started from.
        let start = start_text.map(|_| 0);
        let mut best: Option<usize> = None;
        for (i, s) in scored.iter().enumerate() {
            if s.skills > 0 && best.is_none_or(|b| s.score > scored[b].score) {
                best = Some(i);
            }
        }
        let label = |key: Option<&str>| key.unwrap_or(variant::BASE).to_owned();
        let better =
            best.filter(|&b| start.is_none_or(|s| b == s || scored[b].score > scored[s].score));
        let (chosen, reason) = match (better, start) {
            (_, Some(s)) if keep_start => (
                Some(s),
                "the starting variant's summary stays: with the best-matching one the resume \
                 would score lower for this job's ATS check than the variant it starts from"
                    .to_owned(),
            ),
            (Some(b), _) => (
                Some(b),
                format!(
                    "it names the job's skills and matches best (score {})",
                    round(scored[b].score)
                ),
            ),
            (None, Some(s)) => (
                Some(s),
                "no other summary names the job's skills and matches better, so the starting \
                 variant's stays"
                    .to_owned(),
            ),
            (None, None) => (
                None,
                "no summary names the job's skills and the starting variant shows none".to_owned(),
            ),
        };
        let explanation = SummaryChoice {
            chosen: chosen.map_or_else(|| "none".to_owned(), |i| label(candidates[i].0)),
            reason,
            candidates: candidates
                .iter()
                .zip(&scored)
                .map(|((key, _), s)| SummaryCandidate {
                    key: label(*key),
                    score: round(s.score),
                    matched: s.matched_names(),
                })
                .collect(),
        };
        let text = chosen.map(|i| candidates[i].1.to_owned());
        let key = chosen.and_then(|i| candidates[i].0.map(str::to_owned));
        (text, Some(explanation), key)
    }

    /// Per entry: the explanation and the bullets shown; and the `(entry, bullet)` marks.
    fn bullets(&self, cap: usize, min: usize) -> (Vec<EntryResult>, Vec<(usize, usize)>) {
        struct Candidate<'s> {
            entry: usize,
            index: usize,
            bullet: &'s Bullet,
            doc: Doc,
            in_view: bool,
            /// It gives a number or metric.
            quantified: bool,
        }
        let mut candidates: Vec<Candidate<'_>> = Vec::new();
        for (i, e) in self.source.experience.iter().enumerate() {
            let shown: &[Bullet] = self.view.experience.get(i).map_or(&[], |v| &v.bullets);
            for (j, b) in e.bullets.iter().enumerate() {
                if self.excluded(&b.emphasize_for) {
                    continue;
                }
                candidates.push(Candidate {
                    entry: i,
                    index: j,
                    bullet: b,
                    doc: self.doc(&[&b.text], &b.skills),
                    in_view: shown.contains(b),
                    quantified: !Analysis::new(&b.text, self.vocabulary).metrics.is_empty(),
                });
            }
        }
        let bm = Bm25::new(candidates.iter().map(|c| &c.doc));
        let scores: Vec<Scored> = candidates
            .iter()
            .map(|c| {
                let mut s = bm.score(&c.doc, self.query);
                if c.quantified && s.score > 0.0 {
                    s.score *= QUANTIFIED_BOOST;
                }
                s
            })
            .collect();

        let mut out = Vec::new();
        let mut marks = Vec::new();
        for (i, e) in self.source.experience.iter().enumerate() {
            let entry = ResumePath::root().experience().at(i);
            let mine: Vec<usize> = (0..candidates.len())
                .filter(|&k| candidates[k].entry == i)
                .collect();
            // Matching bullets, best first; ties go to the starting variant's, then source order.
            let mut ranked: Vec<usize> = mine
                .iter()
                .copied()
                .filter(|&k| scores[k].score > 0.0)
                .collect();
            ranked.sort_by(|&a, &b| {
                scores[b]
                    .score
                    .total_cmp(&scores[a].score)
                    .then(candidates[b].in_view.cmp(&candidates[a].in_view))
                    .then(candidates[a].index.cmp(&candidates[b].index))
            });
            let kept: Vec<usize> = ranked.iter().copied().take(cap).collect();
            let mut fillers: Vec<usize> = mine
                .iter()
                .copied()
                .filter(|k| !kept.contains(k) && scores[*k].score <= 0.0)
                .collect();
            fillers.sort_by_key(|&k| (!candidates[k].in_view, candidates[k].index));
            fillers.truncate(min.saturating_sub(kept.len()));
            let mut shown: Vec<usize> = kept.iter().chain(&fillers).copied().collect();
            if self.options.order == Order::Source {
                shown.sort_by_key(|&k| candidates[k].index);
            }

            let choice = |k: usize, decision: Decision, position: Option<usize>| BulletChoice {
                source: entry.bullets().at(candidates[k].index).into(),
                text: candidates[k].bullet.text.clone(),
                score: round(scores[k].score),
                matched: scores[k].matched_names(),
                decision,
                position,
                in_starting_variant: candidates[k].in_view,
                quantified: candidates[k].quantified && scores[k].score > 0.0,
            };
            let mut bullets: Vec<BulletChoice> = shown
                .iter()
                .enumerate()
                .map(|(p, &k)| {
                    let decision = if kept.contains(&k) {
                        Decision::Kept
                    } else {
                        Decision::Filled
                    };
                    choice(k, decision, Some(p + 1))
                })
                .collect();
            let mut dropped: Vec<usize> = mine
                .iter()
                .copied()
                .filter(|k| !shown.contains(k))
                .collect();
            dropped.sort_by(|&a, &b| {
                scores[b]
                    .score
                    .total_cmp(&scores[a].score)
                    .then(candidates[a].index.cmp(&candidates[b].index))
            });
            for k in dropped {
                let decision = if scores[k].score > 0.0 {
                    Decision::OverCap
                } else {
                    Decision::NoMatch
                };
                bullets.push(choice(k, decision, None));
            }
            for (j, b) in e.bullets.iter().enumerate() {
                if self.excluded(&b.emphasize_for) {
                    bullets.push(BulletChoice {
                        source: entry.bullets().at(j).into(),
                        text: b.text.clone(),
                        score: 0.0,
                        matched: Vec::new(),
                        decision: Decision::Excluded,
                        position: None,
                        in_starting_variant: false,
                        quantified: false,
                    });
                }
            }
            marks.extend(shown.iter().map(|&k| (i, candidates[k].index)));
            let chosen: Vec<Bullet> = shown
                .iter()
                .map(|&k| candidates[k].bullet.clone())
                .collect();
            out.push((
                EntryChoice {
                    path: entry.path().into_string(),
                    company: e.company.clone(),
                    title: e.title.clone(),
                    kept: chosen.len(),
                    of: e.bullets.len(),
                    bullets,
                },
                chosen,
            ));
        }
        (out, marks)
    }

    /// The sections shown, every section's explanation, and the `(section, skill)` marks of the
    /// skills that matched.
    fn skills(&self) -> SkillsResult {
        struct Item {
            skill: Skill,
            /// Index in the source section.
            source: Option<usize>,
            scored: Scored,
        }
        struct Section {
            category: SkillCategory,
            source: Option<usize>,
            was: usize,
            items: Vec<Item>,
            score: f64,
        }
        let mut sections: Vec<Section> = Vec::new();
        for (k, cat) in self.view.skills.iter().enumerate() {
            let source = self
                .source
                .skills
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(&cat.name));
            let source_items = source.map_or(&[][..], |s| &self.source.skills[s].items[..]);
            let mut used = vec![false; source_items.len()];
            let mut items = Vec::new();
            for skill in &cat.items {
                let at = (0..source_items.len()).find(|&j| !used[j] && source_items[j] == *skill);
                if let Some(j) = at {
                    used[j] = true;
                }
                let mut terms: Vec<Term> = Vec::new();
                for label in std::iter::once(&skill.name).chain(&skill.keywords) {
                    terms.extend(
                        skill_keys(self.vocabulary, label)
                            .into_iter()
                            .map(Term::Skill),
                    );
                    terms.extend(
                        Analysis::new(label, self.vocabulary)
                            .terms
                            .into_iter()
                            .map(|(t, _)| t),
                    );
                }
                items.push(Item {
                    skill: skill.clone(),
                    source: at,
                    scored: overlap(&terms, self.query),
                });
            }
            let score = items.iter().map(|i| i.scored.score).sum();
            sections.push(Section {
                category: cat.clone(),
                source,
                was: k + 1,
                items,
                score,
            });
        }
        sections.sort_by(|a, b| b.score.total_cmp(&a.score));
        let any_match = sections.iter().any(|s| s.score > 0.0);
        let mut shown = Vec::new();
        let mut choices = Vec::new();
        let mut marks = Vec::new();
        for mut s in sections {
            let kept = s.score > 0.0 || self.options.keep_unmatched_skill_sections || !any_match;
            match self.options.order {
                Order::Relevance => s
                    .items
                    .sort_by(|a, b| b.scored.score.total_cmp(&a.scored.score)),
                Order::Source => s.items.sort_by_key(|i| (i.scored.score <= 0.0, i.source)),
            }
            if kept && let Some(sec) = s.source {
                marks.extend(
                    s.items
                        .iter()
                        .filter(|i| i.scored.score > 0.0)
                        .filter_map(|i| i.source.map(|j| (sec, j))),
                );
            }
            choices.push(SectionChoice {
                name: s.category.name.clone(),
                score: round(s.score),
                kept,
                was: s.was,
                now: kept.then_some(shown.len() + 1),
                skills: s
                    .items
                    .iter()
                    .map(|i| SkillChoice {
                        name: i.skill.name.clone(),
                        score: round(i.scored.score),
                        matched: i.scored.matched_names(),
                    })
                    .collect(),
            });
            if kept {
                let mut category = s.category;
                category.items = s.items.into_iter().map(|i| i.skill).collect();
                shown.push(category);
            }
        }
        // Shown sections first, dropped ones after, each group in its order.
        choices.sort_by_key(|c| !c.kept);
        (shown, choices, marks)
    }

    /// The projects shown, every project's explanation, and the source indices of the projects
    /// the starting variant shows but tailoring does not.
    fn projects(&self) -> (Vec<Project>, Vec<ProjectChoice>, Vec<usize>) {
        let mut used = vec![false; self.source.projects.len()];
        let mut indices = Vec::new();
        let mut docs = Vec::new();
        for p in &self.view.projects {
            let at = (0..self.source.projects.len())
                .find(|&j| !used[j] && self.source.projects[j] == *p);
            if let Some(j) = at {
                used[j] = true;
            }
            indices.push(at);
            let mut texts: Vec<&str> = vec![&p.name];
            texts.extend(p.description.as_deref());
            texts.extend(p.highlights.iter().map(String::as_str));
            docs.push(self.doc(&texts, &p.technologies));
        }
        let bm = Bm25::new(&docs);
        let scores: Vec<Scored> = docs.iter().map(|d| bm.score(d, self.query)).collect();
        // A project is chosen for the job's skills; sharing a common word is not enough.
        let mut ranked: Vec<usize> = (0..docs.len()).filter(|&k| scores[k].skills > 0).collect();
        ranked.sort_by(|&a, &b| scores[b].score.total_cmp(&scores[a].score));
        ranked.truncate(self.options.max_projects);
        let mut shown = ranked.clone();
        if self.options.order == Order::Source {
            shown.sort_unstable();
        }
        let projects = ResumePath::root().projects();
        let choices = (0..docs.len())
            .map(|k| {
                let p = &self.view.projects[k];
                let position = shown.iter().position(|&s| s == k).map(|p| p + 1);
                ProjectChoice {
                    source: indices[k]
                        .map_or_else(|| projects.path(), |j| projects.at(j).path())
                        .into_string(),
                    name: p.name.clone(),
                    score: round(scores[k].score),
                    matched: scores[k].matched_names(),
                    skills: scores[k].skills,
                    chosen: position.is_some(),
                    position,
                }
            })
            .collect();
        let omitted = (0..docs.len())
            .filter(|k| !shown.contains(k))
            .filter_map(|k| indices[k])
            .collect();
        let projects = shown
            .iter()
            .map(|&k| self.view.projects[k].clone())
            .collect();
        (projects, choices, omitted)
    }
}
