//! Job ranking: one resume against many postings, each scored 0–100 with the reasons that add up
//! to its score.
//!
//! The resume is prepared once ([`Profile::new`]): its skills (canonical names, found by the
//! vocabulary in every text of the source and in its skill lists and tags), its years of
//! experience (the union of its dated experience, overlaps counted once), the places that say
//! what the person does (the headline, the experience titles, the shown summary) and its
//! experience bullets as BM25 documents. Each job is then scored in five parts, their weights set
//! by [`RankWeights`] (default 50 / 15 / 15 / 15 / 5):
//!
//! - **skills** — the job's skills as the ATS check reads them ([`crate::ats::Importance`]: the
//!   title and the requirements are *required*, the responsibilities, the description and a JSON
//!   job's skills list are *other* skills, the nice-to-haves last), weighted 3 / 2 / 1, and which
//!   of them the resume names anywhere. One reason per tier, the tiers sharing the part's points
//!   by their weight. A posting that names no skill gets no point here, and a reason saying so;
//! - **title** — the words of the job title without its level (`Senior Backend Engineer` →
//!   backend, engineer), compared by stem with the best single place of the resume;
//! - **seniority** — the years of experience against the posting's minimum ([`Job::min_years`],
//!   else the usual minimum of its [`Job::seniority`]), proportionally below it; a junior or
//!   mid-level role far below the resume's years counts half (likely overqualified);
//! - **best bullets** — the job as the tailoring's weighted query ([`crate::tailor`]), the
//!   resume's bullets ranked by BM25 against it, and the share of the weight of the posting's ten
//!   heaviest terms that the best three bullets say;
//! - **location** — remote, the same city, the same region or country, or elsewhere.
//!
//! What cannot be compared (a posting without a title, level or location, a resume without
//! dates or a location) counts half of its part, and its reason says why. The core reads no
//! clock: ongoing experience runs to the resume's `last_updated` date unless the caller passes
//! today ([`Profile::with_today`]). Every reason's points
//! are rounded to 0.1 so that they add up exactly to the score; ranking is by that score, ties in
//! input order, so the result is deterministic.
//!
//! ```
//! use vitae_fit::job;
//! use vitae_fit::keywords::Vocabulary;
//! use vitae_fit::rank::{Profile, RankOptions, rank};
//!
//! let text = "contact:\n  name: Ada Lovelace\n  title: Backend Engineer\n\
//!             experience:\n  - company: Acme\n    title: Backend Engineer\n\
//!             \x20   start_date: 2015-01\n    end_date: 2024-01\n    bullets:\n\
//!             \x20     - Built the Rust billing service on PostgreSQL\n";
//! let resume = vitae_core::load(text.as_bytes(), None, &Default::default()).unwrap().resume;
//! let vocabulary = Vocabulary::builtin();
//! let profile = Profile::new(&resume, &resume, vocabulary);
//! let jobs = [
//!     job::parse("Frontend Engineer\n\nRequirements\n- Experience with React and CSS\n").unwrap(),
//!     job::parse("Backend Engineer\n\nRequirements\n- Experience with Rust and PostgreSQL\n")
//!         .unwrap(),
//! ];
//! let ranked = rank(&profile, &jobs, vocabulary, &RankOptions::default());
//! assert_eq!(ranked[0].index, 1);
//! assert_eq!(ranked[0].matched, ["Rust", "PostgreSQL"]);
//! assert_eq!(ranked[1].missing, ["React", "CSS"]);
//! let points: f64 = ranked[0].reasons.iter().map(|r| r.points).sum();
//! assert!((points - ranked[0].score).abs() < 1e-9);
//! ```

use crate::ats::Importance;
use crate::ats::matching::{JobKeyword, job_keywords, title_words};
use crate::job::{Job, Remote, Seniority};
use crate::keywords::{Vocabulary, normalize};
use crate::tailor::rank::{Bm25, Doc, JobPart, Query, QueryTerm, Scored};
use crate::tailor::terms::{Analysis, Term, skill_keys, stem, words};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use vitae_core::date::{DateValue, PartialDate};
use vitae_core::model::{Location, Resume};
use vitae_core::path::ResumePath;
use vitae_core::text::{contains_lowered_term, lowercase};

/// How many bullets the best-bullets part reads, by default.
pub const DEFAULT_BEST_BULLETS: usize = 3;
/// How many of the posting's heaviest terms the best bullets are measured against.
const HEAVIEST_TERMS: usize = 10;
/// Names listed in a reason's sentence before "and N more".
const LISTED: usize = 8;

/// The relative weight of each part of the score. They need not add up to 100: each part's share
/// of the 100 points is its weight divided by their sum. Negative or non-finite weights count as
/// 0; if none is positive the defaults apply.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RankWeights {
    pub skills: f64,
    /// How much of the posting's weighted words the resume says ([`ReasonKind::Text`]).
    pub text: f64,
    pub title: f64,
    pub seniority: f64,
    pub bullets: f64,
    pub location: f64,
}

impl Default for RankWeights {
    fn default() -> Self {
        RankWeights {
            skills: 25.0,
            text: 40.0,
            title: 10.0,
            seniority: 15.0,
            bullets: 5.0,
            location: 5.0,
        }
    }
}

impl RankWeights {
    /// The points of each part out of 100: `[skills, text, title, seniority, bullets,
    /// location]`.
    fn points(&self) -> [f64; 6] {
        let clean = |w: f64| if w.is_finite() && w > 0.0 { w } else { 0.0 };
        let raw = [
            clean(self.skills),
            clean(self.text),
            clean(self.title),
            clean(self.seniority),
            clean(self.bullets),
            clean(self.location),
        ];
        let sum: f64 = raw.iter().sum();
        if sum <= 0.0 || !sum.is_finite() {
            return RankWeights::default().points();
        }
        raw.map(|w| 100.0 * w / sum)
    }
}

/// How to rank.
#[derive(Debug, Clone, PartialEq)]
pub struct RankOptions {
    pub weights: RankWeights,
    /// How many of the resume's best-matching bullets the best-bullets part reads (at least 1).
    pub best_bullets: usize,
    /// What the candidate wants of a job besides fitting it (`--prefer remote,senior`): a part
    /// of [`PREFERENCE_POINTS`], shared equally, the other parts scaled to the rest.
    pub prefer: Vec<Preference>,
}

impl Default for RankOptions {
    fn default() -> Self {
        RankOptions {
            weights: RankWeights::default(),
            best_bullets: DEFAULT_BEST_BULLETS,
            prefer: Vec::new(),
        }
    }
}

/// The points the candidate's preferences share, out of 100, when there are any.
pub const PREFERENCE_POINTS: f64 = 15.0;

/// Something the candidate wants of a job: where it is done, its level, its terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preference {
    /// Fully remote.
    Remote,
    /// Hybrid or fully remote.
    Hybrid,
    OnSite,
    /// Senior or above (lead, staff, principal, manager, director, executive).
    Senior,
    /// An internship or a junior role.
    Junior,
    /// People management (manager, director, executive).
    Manager,
    FullTime,
    PartTime,
    Contract,
}

/// The names [`Preference`] is written as, for messages.
pub const PREFERENCES: &str =
    "remote, hybrid, on-site, senior, junior, manager, full-time, part-time, contract";

impl std::str::FromStr for Preference {
    type Err = String;

    fn from_str(s: &str) -> Result<Preference, String> {
        let key: String = s
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        Ok(match key.as_str() {
            "remote" => Preference::Remote,
            "hybrid" => Preference::Hybrid,
            "onsite" | "office" | "inoffice" => Preference::OnSite,
            "senior" => Preference::Senior,
            "junior" | "entry" | "entrylevel" | "intern" | "internship" => Preference::Junior,
            "manager" | "management" => Preference::Manager,
            "fulltime" | "permanent" => Preference::FullTime,
            "parttime" => Preference::PartTime,
            "contract" | "contractor" | "freelance" => Preference::Contract,
            _ => {
                return Err(format!(
                    "unknown preference `{}` (known: {PREFERENCES})",
                    s.trim()
                ));
            }
        })
    }
}

impl Preference {
    pub fn label(self) -> &'static str {
        match self {
            Preference::Remote => "remote",
            Preference::Hybrid => "hybrid",
            Preference::OnSite => "on-site",
            Preference::Senior => "senior",
            Preference::Junior => "junior",
            Preference::Manager => "manager",
            Preference::FullTime => "full-time",
            Preference::PartTime => "part-time",
            Preference::Contract => "contract",
        }
    }

    /// Whether the job is what is preferred, and what the posting says; `None` when it says
    /// nothing about it (which counts as not met: the candidate cannot count on it).
    fn met(self, job: &Job) -> (bool, Option<String>) {
        use crate::job::EmploymentType as E;
        match self {
            Preference::Remote | Preference::Hybrid | Preference::OnSite => {
                let Some(remote) = job.remote else {
                    return (false, None);
                };
                let met = matches!(
                    (self, remote),
                    (Preference::Remote, Remote::Full)
                        | (Preference::Hybrid, Remote::Full | Remote::Hybrid)
                        | (Preference::OnSite, Remote::OnSite)
                );
                let said = match remote {
                    Remote::Full => "fully remote",
                    Remote::Hybrid => "hybrid",
                    Remote::OnSite => "on-site",
                };
                (met, Some(said.to_owned()))
            }
            Preference::Senior | Preference::Junior | Preference::Manager => {
                let Some(level) = &job.seniority else {
                    return (false, None);
                };
                let met = match self {
                    Preference::Senior => matches!(
                        level,
                        Seniority::Senior
                            | Seniority::Lead
                            | Seniority::Staff
                            | Seniority::Principal
                            | Seniority::Manager
                            | Seniority::Director
                            | Seniority::Executive
                    ),
                    Preference::Junior => matches!(level, Seniority::Intern | Seniority::Junior),
                    _ => matches!(
                        level,
                        Seniority::Manager | Seniority::Director | Seniority::Executive
                    ),
                };
                (met, Some(level.label().to_owned()))
            }
            Preference::FullTime | Preference::PartTime | Preference::Contract => {
                let Some(kind) = &job.employment_type else {
                    return (false, None);
                };
                let met = matches!(
                    (self, kind),
                    (Preference::FullTime, E::FullTime)
                        | (Preference::PartTime, E::PartTime)
                        | (Preference::Contract, E::Contract | E::Temporary)
                );
                (met, Some(kind.label().to_owned()))
            }
        }
    }
}

/// The preferences part: `max` shared equally by the preferences, each met or not, with what
/// the posting says.
fn preference_part(job: &Job, prefer: &[Preference], max: f64) -> Part {
    let mut met = 0usize;
    let mut said = Vec::new();
    for p in prefer {
        let (yes, what) = p.met(job);
        met += usize::from(yes);
        said.push(match (yes, what) {
            (true, Some(w)) => format!("{}: yes ({w})", p.label()),
            (false, Some(w)) => format!("{}: no ({w})", p.label()),
            (_, None) => format!("{}: the posting does not say", p.label()),
        });
    }
    Part {
        kind: ReasonKind::Preferences,
        points: max * met as f64 / prefer.len() as f64,
        max,
        detail: format!(
            "{met} of {} preferences met: {}",
            prefer.len(),
            said.join("; ")
        ),
    }
}

/// What a reason scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    /// The skills of the title and the requirements.
    RequiredSkills,
    /// The skills of the responsibilities, the description or a JSON job's skills list; also the
    /// reason of a posting that names no skill at all.
    Skills,
    /// The nice-to-have skills.
    NiceToHaveSkills,
    /// How much of the posting's weighted words (skills and word stems, the title's and the
    /// requirements' heaviest, rare words over common ones) the whole resume says.
    Text,
    Title,
    /// Years of experience against the level and the years the posting asks for.
    Seniority,
    /// How well the resume's best bullets speak to the posting.
    BestBullets,
    /// Remote work or where the job is.
    Location,
    /// What the candidate prefers (`--prefer`).
    Preferences,
}

impl ReasonKind {
    pub fn label(self) -> &'static str {
        match self {
            ReasonKind::RequiredSkills => "required skills",
            ReasonKind::Skills => "skills",
            ReasonKind::NiceToHaveSkills => "nice-to-have skills",
            ReasonKind::Text => "words",
            ReasonKind::Title => "title",
            ReasonKind::Seniority => "seniority",
            ReasonKind::BestBullets => "best bullets",
            ReasonKind::Location => "location",
            ReasonKind::Preferences => "preferences",
        }
    }
}

/// One part of a score, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    /// Points earned, 0.1 precision; the reasons' points add up to the score.
    pub points: f64,
    /// Points this part could earn.
    pub max: f64,
    /// A sentence with the evidence ("3 of 7 required skills: Python, Kafka, PostgreSQL; …").
    pub detail: String,
}

/// One job, scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    /// The job's position in the input slice.
    pub index: usize,
    /// 0–100, rounded to 0.1: the sum of the reasons' points.
    pub score: f64,
    pub title: Option<String>,
    pub company: Option<String>,
    /// The job's own identifier and address, when it has them, to join the result back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The job's skills the resume names, most important first.
    pub matched: Vec<String>,
    /// The job's skills the resume does not name, required first.
    pub missing: Vec<String>,
    pub reasons: Vec<Reason>,
}

/// A place of the resume that says what the person does.
#[derive(Debug, Clone)]
struct TitlePlace {
    /// `headline`, `experience[2].title`, `summary`.
    what: String,
    text: String,
    stems: Vec<String>,
}

/// A resume bullet as a BM25 document.
#[derive(Debug, Clone)]
struct BulletDoc {
    text: String,
    doc: Doc,
}

/// A month count since year 0 (`year * 12 + month - 1`).
type Month = u32;

/// The resume, prepared once for ranking many jobs.
#[derive(Debug, Clone)]
pub struct Profile {
    /// Canonical skill names (as written for skills the vocabulary does not know), in order of
    /// first mention.
    skills: Vec<String>,
    /// The keys of `skills`: canonical names, and normalised names of the skills the vocabulary
    /// does not know.
    keys: HashSet<String>,
    /// Every text of the resume, one per line, lower-cased once: where a job skill the
    /// vocabulary does not know (a JSON job may list anything) is looked for as a whole word or
    /// phrase, once per skill and job.
    lower: String,
    titles: Vec<TitlePlace>,
    /// Dated experience: first month, and the month after the last (`None`: ongoing).
    spans: Vec<(Month, Option<Month>)>,
    /// The month ongoing experience runs to.
    as_of: Option<Month>,
    bullets: Vec<BulletDoc>,
    bm25: Bm25,
    location: Location,
    /// Every term of the resume (skills by canonical name, other words by stem) and how often
    /// it occurs: what the text part compares with the posting.
    bag: HashMap<Term, f64>,
}

impl Profile {
    /// Prepares `source` (the whole resume: skills, experience, bullets) for ranking; `shown`
    /// (the resume as the chosen variant shows it, or `source` again) adds its headline and
    /// summary as places that say what the person does.
    ///
    /// Ongoing experience counts until the resume's `last_updated` date, or else its latest
    /// experience date; pass today with [`Profile::with_today`].
    pub fn new(source: &Resume, shown: &Resume, vocabulary: &Vocabulary) -> Profile {
        let mut texts: Vec<&str> = Vec::new();
        let mut names: Vec<&str> = Vec::new();
        collect(source, &mut texts, &mut names);
        let mut skills: Vec<String> = Vec::new();
        let mut keys: HashSet<String> = HashSet::new();
        // A skill the vocabulary knows is keyed by its canonical name; one it does not know (a
        // listed `Feature stores`) by its normalised form, and listed as written.
        let mut add = |name: &str, key: String, skills: &mut Vec<String>| {
            if !key.is_empty() && keys.insert(key) {
                skills.push(name.trim().to_owned());
            }
        };
        for text in &texts {
            for found in vocabulary.find(text) {
                add(found.canonical, found.canonical.to_owned(), &mut skills);
            }
        }
        for name in &names {
            match vocabulary.canonical(name) {
                Some(canonical) => add(canonical, canonical.to_owned(), &mut skills),
                None => add(name, normalize(name), &mut skills),
            }
            for found in vocabulary.skills_in(name) {
                add(found, found.to_owned(), &mut skills);
            }
        }
        let text = texts.join("\n");
        let mut bag: HashMap<Term, f64> = HashMap::new();
        for text in &texts {
            for (term, _) in Analysis::new(text, vocabulary).terms {
                *bag.entry(term).or_default() += 1.0;
            }
        }
        for key in names.iter().flat_map(|n| skill_keys(vocabulary, n)) {
            *bag.entry(Term::Skill(key)).or_default() += 1.0;
        }

        let mut titles: Vec<TitlePlace> = Vec::new();
        let mut place = |what: String, text: &str| {
            if !text.trim().is_empty() && !titles.iter().any(|t| t.text == text) {
                titles.push(TitlePlace {
                    what,
                    text: text.to_owned(),
                    stems: stems(text),
                });
            }
        };
        for r in [shown, source] {
            if let Some(label) = &r.basics.label {
                place("headline".into(), label);
            }
        }
        for (i, e) in source.experience.iter().enumerate() {
            if let Some(title) = &e.title {
                place(ResumePath::root().experience().at(i).title().into(), title);
            }
        }
        if let Some(summary) = &shown.summary.base {
            place("summary".into(), summary);
        }

        let mut spans = Vec::new();
        let mut latest: Option<Month> = None;
        let mut see = |m: Month| latest = Some(latest.map_or(m, |l| l.max(m)));
        for e in &source.experience {
            let Some(start) = e.start.as_ref().and_then(DateValue::as_date) else {
                continue;
            };
            let first = month(start, false);
            see(first);
            let end = match &e.end {
                None | Some(DateValue::Present) => None,
                Some(DateValue::Date(d)) => Some(month(*d, true)),
                Some(DateValue::Text(_)) => continue,
            };
            if let Some(end) = end {
                see(end);
                if end <= first {
                    continue;
                }
            }
            spans.push((first, end));
        }
        let updated = source
            .meta
            .last_updated
            .as_deref()
            .and_then(|d| PartialDate::parse(d).ok())
            .map(|d| month(d, true));
        let as_of = updated.or(latest);

        let mut bullets = Vec::new();
        for e in &source.experience {
            for b in &e.bullets {
                let mut doc = Doc::new(
                    Analysis::new(&b.text, vocabulary)
                        .terms
                        .into_iter()
                        .map(|(term, _)| term),
                );
                for s in &b.skills {
                    for key in skill_keys(vocabulary, s) {
                        doc.confirm(Term::Skill(key));
                    }
                }
                bullets.push(BulletDoc {
                    text: b.text.clone(),
                    doc,
                });
            }
        }
        let bm25 = Bm25::new(bullets.iter().map(|b| &b.doc));
        Profile {
            skills,
            keys,
            lower: lowercase(&text),
            titles,
            spans,
            as_of,
            bullets,
            bm25,
            location: source.basics.location.clone(),
            bag,
        }
    }

    /// The same profile with ongoing experience counted until `today`.
    pub fn with_today(mut self, today: PartialDate) -> Profile {
        self.as_of = Some(month(today, true));
        self
    }

    /// The resume's skills: canonical names (as written for skills the vocabulary does not
    /// know), each once, in order of first mention.
    pub fn skills(&self) -> &[String] {
        &self.skills
    }

    /// Years of dated experience (overlapping jobs counted once); `None` without any.
    pub fn years(&self) -> Option<f64> {
        if self.spans.is_empty() {
            return None;
        }
        let mut spans: Vec<(Month, Month)> = self
            .spans
            .iter()
            .filter_map(|&(start, end)| {
                let end = end.or(self.as_of)?;
                (end > start).then_some((start, end))
            })
            .collect();
        spans.sort_unstable();
        let mut months = 0;
        let mut reach: Month = 0;
        for (start, end) in spans {
            let start = start.max(reach);
            if end > start {
                months += end - start;
                reach = end;
            }
        }
        Some(f64::from(months) / 12.0)
    }

    /// When the earliest dated experience began.
    fn since(&self) -> Option<String> {
        let first = self.spans.iter().map(|s| s.0).min()?;
        Some(format!("{:04}-{:02}", first / 12, first % 12 + 1))
    }

    /// The places that say what the person does: headline, experience titles, summary.
    pub fn titles(&self) -> impl Iterator<Item = &str> {
        self.titles.iter().map(|t| t.text.as_str())
    }

    /// Whether a headline or an experience title says the person has managed people or led a
    /// company or team.
    fn has_managed(&self) -> bool {
        const MANAGING: &[&str] = &[
            "manager",
            "management",
            "head",
            "director",
            "lead",
            "chief",
            "vp",
            "president",
            "cto",
            "ceo",
            "coo",
            "founder",
            "co-founder",
            "supervisor",
        ];
        self.titles.iter().filter(|t| t.what != "summary").any(|t| {
            t.text
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .any(|w| MANAGING.contains(&w.to_lowercase().as_str()))
        })
    }

    fn has(&self, keyword: &JobKeyword) -> bool {
        if keyword.known {
            return self.keys.contains(&keyword.name);
        }
        self.keys.contains(&normalize(&keyword.name))
            || contains_lowered_term(&self.lower, &keyword.name)
    }
}

/// Every text of the resume that can name a skill, and the names of its listed skills (skill
/// items and their keywords, bullet tags, project technologies).
fn collect<'r>(r: &'r Resume, texts: &mut Vec<&'r str>, names: &mut Vec<&'r str>) {
    let opt = |t: &'r Option<String>, texts: &mut Vec<&'r str>| texts.extend(t.as_deref());
    opt(&r.basics.label, texts);
    opt(&r.summary.base, texts);
    texts.extend(r.summary.variants.values().map(String::as_str));
    for c in &r.skills {
        for s in &c.items {
            names.push(&s.name);
            names.extend(s.keywords.iter().map(String::as_str));
        }
    }
    for e in &r.experience {
        opt(&e.title, texts);
        opt(&e.description, texts);
        opt(&e.summary, texts);
        for b in &e.bullets {
            texts.push(&b.text);
            names.extend(b.skills.iter().map(String::as_str));
        }
    }
    for p in &r.projects {
        texts.push(&p.name);
        opt(&p.description, texts);
        texts.extend(p.highlights.iter().map(String::as_str));
        names.extend(p.technologies.iter().map(String::as_str));
    }
    for e in &r.education {
        opt(&e.degree, texts);
        opt(&e.field, texts);
        opt(&e.thesis, texts);
        texts.extend(e.courses.iter().map(String::as_str));
    }
    for c in &r.certifications {
        texts.push(&c.name);
    }
    for p in &r.publications {
        texts.push(&p.name);
        opt(&p.summary, texts);
    }
    for a in &r.awards {
        texts.push(&a.title);
        opt(&a.summary, texts);
    }
    for v in &r.volunteer {
        opt(&v.position, texts);
        opt(&v.summary, texts);
        texts.extend(v.highlights.iter().map(String::as_str));
    }
    for s in &r.custom_sections {
        for e in &s.entries {
            opt(&e.title, texts);
            opt(&e.summary, texts);
            texts.extend(e.bullets.iter().map(String::as_str));
        }
    }
}

/// The month of a date: its first (`end == false`) or the one after it (`end == true`; a year
/// alone ends with December).
fn month(d: PartialDate, end: bool) -> Month {
    let year = u32::from(d.year) * 12;
    match (d.month, end) {
        (Some(m), false) => year + u32::from(m) - 1,
        (Some(m), true) => year + u32::from(m),
        (None, false) => year,
        (None, true) => year + 12,
    }
}

/// The stems of a text's words, each once.
fn stems(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(text) {
        let s = stem(&w.text.to_lowercase());
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Ranks `jobs` for the resume of `profile`, best first; equal scores keep their input order.
pub fn rank(
    profile: &Profile,
    jobs: &[Job],
    vocabulary: &Vocabulary,
    options: &RankOptions,
) -> Vec<Ranked> {
    // Each posting's query and score on every core (rayon keeps the input order); the rarity
    // of words needs them all, in between.
    let queries: Vec<Query> = jobs.par_iter().map(|j| Query::new(j, vocabulary)).collect();
    let rarity = Rarity::new(profile, &queries);
    let mut ranked: Vec<(u32, Ranked)> = jobs
        .par_iter()
        .zip(&queries)
        .enumerate()
        .map(|(index, (job, query))| {
            score(profile, index, job, query, &rarity, vocabulary, options)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.index.cmp(&b.1.index)));
    ranked.into_iter().map(|(_, r)| r).collect()
}

/// A reason before rounding: points and max are exact.
struct Part {
    kind: ReasonKind,
    points: f64,
    max: f64,
    detail: String,
}

/// One job's score in tenths of a point, and its explanation.
fn score(
    profile: &Profile,
    index: usize,
    job: &Job,
    query: &Query,
    rarity: &Rarity<'_>,
    vocabulary: &Vocabulary,
    options: &RankOptions,
) -> (u32, Ranked) {
    let [
        skills_max,
        text_max,
        title_max,
        seniority_max,
        bullets_max,
        location_max,
    ] = options.weights.points();
    let keywords = job_keywords(job, vocabulary);
    let has: Vec<bool> = keywords.iter().map(|k| profile.has(k)).collect();
    // A posting that names few skills the vocabulary knows (a nursing post, most business
    // roles) cannot be judged by them: the skills part counts in proportion to the evidence,
    // the rest goes to the words.
    let weight: f64 = keywords.iter().map(|k| k.importance.weight()).sum();
    let evidence = (weight / FULL_EVIDENCE).min(1.0);
    let mut parts = skill_parts(&keywords, &has, skills_max * evidence);
    parts.push(text_part(
        profile,
        query,
        rarity,
        text_max + skills_max * (1.0 - evidence),
    ));
    // Being senior enough for a job, or near it, counts only as far as the resume fits its
    // content (skills and words): a staff engineer is no fit for a nursing post anywhere.
    let (earned, worth) = parts
        .iter()
        .fold((0.0, 0.0), |(e, w), p| (e + p.points, w + p.max));
    let relevance = if worth > 0.0 {
        (earned / worth / FULL_RELEVANCE).min(1.0)
    } else {
        1.0
    };
    parts.push(title_part(profile, job, rarity, title_max));
    for mut part in [
        seniority_part(profile, job, seniority_max),
        location_part(profile, job, location_max),
    ] {
        if relevance < 1.0 && part.points > 0.0 {
            part.points *= relevance;
            part.detail.push_str(&format!(
                "; counted at {:.0}%, as far as the skills and words match",
                relevance * 100.0
            ));
        }
        parts.push(part);
    }
    parts.push(bullets_part(profile, query, bullets_max, options));
    if !options.prefer.is_empty() {
        // The fit keeps its proportions in what the preferences leave.
        let scale = (100.0 - PREFERENCE_POINTS) / 100.0;
        for p in &mut parts {
            p.points *= scale;
            p.max *= scale;
        }
        parts.push(preference_part(job, &options.prefer, PREFERENCE_POINTS));
    }

    let (tenths, reasons) = rounded(parts);
    let pick = |want: bool| {
        keywords
            .iter()
            .zip(&has)
            .filter(|(_, h)| **h == want)
            .map(|(k, _)| k.name.clone())
            .collect::<Vec<_>>()
    };
    let ranked = Ranked {
        index,
        score: f64::from(tenths) / 10.0,
        title: job.title.clone(),
        company: job.company.clone(),
        id: job.id.clone(),
        url: job.url.clone(),
        matched: pick(true),
        missing: pick(false),
        reasons,
    };
    (tenths, ranked)
}

/// Rounds every part to tenths so that the reasons add up exactly to the score and no reason
/// shows more points than its maximum: the maxima by largest remainder (they add up to 100.0),
/// each part's points to the nearest tenth, capped at its maximum.
fn rounded(parts: Vec<Part>) -> (u32, Vec<Reason>) {
    let total_max: f64 = parts.iter().map(|p| p.max).sum();
    let target = (total_max * 10.0).round() as i64;
    let mut maxima: Vec<i64> = parts
        .iter()
        .map(|p| (p.max * 10.0).floor() as i64)
        .collect();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    let fraction = |i: usize| parts[i].max * 10.0 - (parts[i].max * 10.0).floor();
    order.sort_by(|&a, &b| fraction(b).total_cmp(&fraction(a)).then(a.cmp(&b)));
    let mut left = target - maxima.iter().sum::<i64>();
    for &i in order.iter().cycle().take(parts.len() * 2) {
        if left <= 0 {
            break;
        }
        maxima[i] += 1;
        left -= 1;
    }
    let mut total: i64 = 0;
    let reasons = parts
        .into_iter()
        .zip(maxima)
        .map(|(p, max)| {
            let points = ((p.points.clamp(0.0, p.max) * 10.0).round() as i64).clamp(0, max.max(0));
            total += points;
            Reason {
                kind: p.kind,
                points: points as f64 / 10.0,
                max: max as f64 / 10.0,
                detail: p.detail,
            }
        })
        .collect();
    (u32::try_from(total.clamp(0, 1000)).unwrap_or(0), reasons)
}

/// "A, B, C and 4 more".
fn list(names: &[&str]) -> String {
    if names.len() <= LISTED {
        return names.join(", ");
    }
    format!(
        "{} and {} more",
        names[..LISTED].join(", "),
        names.len() - LISTED
    )
}

fn skill_parts(keywords: &[JobKeyword], has: &[bool], max: f64) -> Vec<Part> {
    let total: f64 = keywords.iter().map(|k| k.importance.weight()).sum();
    if keywords.is_empty() || total <= 0.0 {
        return vec![Part {
            kind: ReasonKind::Skills,
            points: 0.0,
            max,
            detail: "the posting names no skill the vocabulary knows; its words count instead"
                .into(),
        }];
    }
    let tiers = [
        (ReasonKind::RequiredSkills, "required skills"),
        (ReasonKind::Skills, "other skills"),
        (ReasonKind::NiceToHaveSkills, "nice-to-have skills"),
    ];
    let tier_of = |i: Importance| match i {
        Importance::Required => ReasonKind::RequiredSkills,
        Importance::Responsibility | Importance::Listed => ReasonKind::Skills,
        Importance::NiceToHave => ReasonKind::NiceToHaveSkills,
    };
    let mut parts = Vec::new();
    for (kind, what) in tiers {
        let tier: Vec<usize> = (0..keywords.len())
            .filter(|&k| tier_of(keywords[k].importance) == kind)
            .collect();
        if tier.is_empty() {
            continue;
        }
        let weight = |ks: &mut dyn Iterator<Item = &usize>| -> f64 {
            ks.map(|&k| keywords[k].importance.weight()).sum()
        };
        let worth = weight(&mut tier.iter());
        let earned = weight(&mut tier.iter().filter(|&&k| has[k]));
        let hit: Vec<&str> = tier
            .iter()
            .filter(|&&k| has[k])
            .map(|&k| keywords[k].name.as_str())
            .collect();
        let lost: Vec<&str> = tier
            .iter()
            .filter(|&&k| !has[k])
            .map(|&k| keywords[k].name.as_str())
            .collect();
        let mut detail = format!("{} of {} {what}", hit.len(), tier.len());
        if !hit.is_empty() {
            detail.push_str(&format!(": {}", list(&hit)));
        }
        if !lost.is_empty() {
            detail.push_str(&format!("; missing: {}", list(&lost)));
        }
        parts.push(Part {
            kind,
            points: max * earned / total,
            max: max * worth / total,
            detail,
        });
    }
    parts
}

/// The weight of the posting's skills (3 a required skill, 2 another, 1 a nice-to-have) at
/// which the skills part counts in full: five required skills. Fewer count for less, the rest
/// of the part's points going to the words.
const FULL_EVIDENCE: f64 = 15.0;

/// The share of the skills and words points at which seniority and location count in full.
const FULL_RELEVANCE: f64 = 0.5;

/// The cosine similarity at which the words part is full: a resume that says this much of a
/// posting's weighted words is as close as resumes and postings get.
const TEXT_SATURATION: f64 = 0.35;

/// How rare each term is among the postings being ranked and the resume (smoothed inverse
/// document frequency): "kubernetes" tells more than "team".
struct Rarity<'a> {
    idf: HashMap<&'a Term, f64>,
    /// The idf of a term no document has.
    unseen: f64,
    /// The resume's terms, weighted (log-scaled count × idf), and the vector's length.
    resume: HashMap<&'a Term, f64>,
    resume_norm: f64,
}

impl<'a> Rarity<'a> {
    fn new(profile: &'a Profile, queries: &'a [Query]) -> Rarity<'a> {
        let mut df: HashMap<&'a Term, f64> = HashMap::new();
        for q in queries {
            for t in &q.terms {
                *df.entry(&t.term).or_default() += 1.0;
            }
        }
        for term in profile.bag.keys() {
            *df.entry(term).or_default() += 1.0;
        }
        let n = queries.len() as f64 + 1.0;
        let idf_of = |df: f64| ((1.0 + n) / (1.0 + df)).ln() + 1.0;
        let idf: HashMap<&Term, f64> = df.into_iter().map(|(t, d)| (t, idf_of(d))).collect();
        let resume: HashMap<&Term, f64> = profile
            .bag
            .iter()
            .map(|(t, count)| (t, (1.0 + count.ln()) * idf[t]))
            .collect();
        let resume_norm = resume.values().map(|w| w * w).sum::<f64>().sqrt();
        Rarity {
            idf,
            unseen: idf_of(0.0),
            resume,
            resume_norm,
        }
    }
}

/// A posting term's weight in the words part. Unlike the tailoring's query, which weighs skills
/// thrice (the skills part counts them already), the words of the title weigh most here: they
/// say which trade the job is ("nurse", "frontend", "firmware"), which shared skills alone
/// cannot (C++ is in firmware and in machine learning).
fn text_weight(t: &QueryTerm) -> f64 {
    match (&t.term, t.part) {
        (Term::Skill(_), _) => 1.0,
        (Term::Word(_), JobPart::Title) => 2.0,
        (Term::Word(_), JobPart::Qualifications) => 1.0,
        (Term::Word(_), JobPart::Responsibilities) => 0.8,
        (Term::Word(_), JobPart::Description | JobPart::Skills) => 0.6,
        (Term::Word(_), JobPart::NiceToHave) => 0.5,
    }
}

impl Rarity<'_> {
    fn of(&self, term: &Term) -> f64 {
        self.idf.get(term).copied().unwrap_or(self.unseen)
    }
}

/// The cosine similarity of the posting's weighted terms (the tailoring's query: a term's weight
/// by where the posting says it, times its rarity) and the resume's.
fn text_part(profile: &Profile, query: &Query, rarity: &Rarity<'_>, max: f64) -> Part {
    let part = |fraction: f64, detail: String| Part {
        kind: ReasonKind::Text,
        points: max * fraction,
        max,
        detail,
    };
    if query.terms.is_empty() || profile.bag.is_empty() {
        return part(
            0.0,
            "the posting or the resume has no words to compare".into(),
        );
    }
    let mut norm = 0.0;
    let mut shared: Vec<(&str, f64)> = Vec::new();
    for t in &query.terms {
        let w = text_weight(t) * rarity.of(&t.term);
        norm += w * w;
        if let Some(r) = rarity.resume.get(&t.term) {
            shared.push((&t.display, w * r));
        }
    }
    let dot: f64 = shared.iter().map(|s| s.1).sum();
    let cosine = if norm > 0.0 && rarity.resume_norm > 0.0 {
        dot / (norm.sqrt() * rarity.resume_norm)
    } else {
        0.0
    };
    shared.sort_by(|a, b| b.1.total_cmp(&a.1));
    let names: Vec<&str> = shared.iter().map(|s| s.0).collect();
    let detail = if names.is_empty() {
        "the resume says none of the posting's words".to_owned()
    } else {
        format!(
            "{} of the posting's {} terms are in the resume, the weightiest {} (similarity \
             {cosine:.2}; {TEXT_SATURATION} or more is full)",
            names.len(),
            query.terms.len(),
            list(&names)
        )
    };
    part((cosine / TEXT_SATURATION).min(1.0), detail)
}

/// Shortens `text` to about `n` characters on a word boundary.
fn short(text: &str, n: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= n {
        return text.to_owned();
    }
    let cut: String = text.chars().take(n).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

fn title_part(profile: &Profile, job: &Job, rarity: &Rarity<'_>, max: f64) -> Part {
    let part = |fraction: f64, detail: String| Part {
        kind: ReasonKind::Title,
        points: max * fraction,
        max,
        detail,
    };
    let Some(title) = job.title.as_deref().filter(|t| !t.trim().is_empty()) else {
        return part(0.5, "the posting has no title; counted as half".into());
    };
    let wanted: Vec<(String, String)> = title_words(title)
        .into_iter()
        .map(|w| (stem(&w), w))
        .collect();
    if wanted.is_empty() {
        return part(
            0.5,
            format!("“{title}” names only a level; counted as half"),
        );
    }
    // Rare words weigh more: "frontend" says more of a role than "engineer".
    let weight = |s: &String| rarity.of(&Term::Word(s.clone()));
    let total: f64 = wanted.iter().map(|(s, _)| weight(s)).sum();
    let mut best: Option<(usize, f64, &TitlePlace)> = None;
    for place in &profile.titles {
        let said = wanted.iter().filter(|(s, _)| place.stems.contains(s));
        let n = said.clone().count();
        let w: f64 = said.map(|(s, _)| weight(s)).sum();
        if w > best.map_or(0.0, |b| b.1) {
            best = Some((n, w, place));
        }
    }
    let words: Vec<&str> = wanted.iter().map(|(_, w)| w.as_str()).collect();
    let detail = match best {
        Some((n, _, place)) => format!(
            "{n} of {} words of “{title}” ({}) in the {} “{}”",
            wanted.len(),
            words.join(", "),
            place.what,
            short(&place.text, 60)
        ),
        None if profile.titles.is_empty() => {
            format!("the resume has no headline, job title or summary to compare with “{title}”")
        }
        None => format!(
            "none of the words of “{title}” ({}) in the resume's headline, job titles or summary",
            words.join(", ")
        ),
    };
    part(best.map_or(0.0, |b| b.1) / total, detail)
}

/// The years a level usually asks for at least, and the most beyond which a candidate is likely
/// overqualified.
fn level_years(level: &Seniority) -> Option<(u32, Option<u32>)> {
    Some(match level {
        Seniority::Intern => (0, Some(2)),
        Seniority::Junior => (0, Some(4)),
        Seniority::Mid => (2, Some(8)),
        Seniority::Senior | Seniority::Manager => (5, None),
        Seniority::Lead => (6, None),
        Seniority::Staff => (8, None),
        Seniority::Principal | Seniority::Director => (10, None),
        Seniority::Executive => (12, None),
        Seniority::Other(_) => return None,
    })
}

fn seniority_part(profile: &Profile, job: &Job, max: f64) -> Part {
    let part = |fraction: f64, detail: String| Part {
        kind: ReasonKind::Seniority,
        points: max * fraction,
        max,
        detail,
    };
    let typical = job.seniority.as_ref().and_then(level_years);
    let need = job.min_years.or(typical.map(|t| t.0));
    let level = job
        .seniority
        .as_ref()
        .map(|s| format!(" ({})", s.label()))
        .unwrap_or_default();
    let Some(need) = need else {
        return part(
            0.5,
            "the posting states no level or years of experience; counted as half".into(),
        );
    };
    let asked = if need == 0 {
        format!("the posting asks for no prior experience{level}")
    } else {
        format!("the posting asks for {need}+ years{level}")
    };
    let Some(years) = profile.years() else {
        return part(
            0.5,
            format!("the resume's experience has no dates; {asked}; counted as half"),
        );
    };
    let have = format!(
        "{years:.1} years of experience{}",
        profile
            .since()
            .map(|s| format!(" (since {s})"))
            .unwrap_or_default()
    );
    let need = f64::from(need);
    // A manager's post asks for people managed, which years alone do not show.
    let manages = matches!(
        job.seniority,
        Some(Seniority::Manager | Seniority::Director | Seniority::Executive)
    );
    if manages && !profile.has_managed() {
        let fraction = (years / need).min(1.0) * 0.3;
        return part(
            fraction,
            format!(
                "{have}; {asked}, a management role, and no title of the resume says the \
                 candidate has managed (manager, head, director, lead, chief…); counted as \
                 {:.0}%",
                fraction * 100.0
            ),
        );
    }
    if years + 1e-9 < need {
        return part(years / need, format!("{have}; {asked}"));
    }
    if let (Some(most), Some(level)) = (typical.and_then(|t| t.1), &job.seniority)
        && years > f64::from(most)
    {
        let label = level.label().to_lowercase();
        let article = if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        // Far beyond the level (half as many years again) is a different career stage: a
        // senior engineer for an internship, a veteran nurse for a new-graduate residency.
        let (fraction, how) = if years > 1.5 * f64::from(most) {
            (0.2, "far overqualified; counted as a fifth")
        } else {
            (0.5, "likely overqualified; counted as half")
        };
        return part(
            fraction,
            format!(
                "{have}; {asked}, and {article} {label} role usually means at most {most}: {how}"
            ),
        );
    }
    part(1.0, format!("{have}; {asked}"))
}

fn bullets_part(profile: &Profile, query: &Query, max: f64, options: &RankOptions) -> Part {
    let part = |fraction: f64, detail: String| Part {
        kind: ReasonKind::BestBullets,
        points: max * fraction,
        max,
        detail,
    };
    if profile.bullets.is_empty() {
        return part(0.0, "the resume has no experience bullets".into());
    }
    if query.terms.is_empty() {
        return part(
            0.0,
            "the posting has no words to compare the bullets with".into(),
        );
    }
    let scored: Vec<Scored> = profile
        .bullets
        .iter()
        .map(|b| profile.bm25.score(&b.doc, query))
        .collect();
    let mut best: Vec<usize> = (0..scored.len())
        .filter(|&i| scored[i].score > 0.0)
        .collect();
    best.sort_by(|&a, &b| scored[b].score.total_cmp(&scored[a].score).then(a.cmp(&b)));
    best.truncate(options.best_bullets.max(1));
    if best.is_empty() {
        return part(
            0.0,
            "no bullet of the resume says any term of the posting".into(),
        );
    }
    // The distinct job terms the best bullets say, with their weights (a term's display names it
    // once in the query, at its heaviest).
    let mut said: Vec<(&str, f64)> = Vec::new();
    for &i in &best {
        for (name, _) in &scored[i].matched {
            if said.iter().any(|(n, _)| n == name) {
                continue;
            }
            if let Some(t) = query.terms.iter().find(|t| t.display == *name) {
                said.push((&t.display, t.weight));
            }
        }
    }
    said.sort_by(|a, b| b.1.total_cmp(&a.1));
    let heaviest: f64 = query
        .terms
        .iter()
        .take(HEAVIEST_TERMS)
        .map(|t| t.weight)
        .sum();
    let earned: f64 = said.iter().take(HEAVIEST_TERMS).map(|t| t.1).sum();
    let fraction = if heaviest > 0.0 {
        (earned / heaviest).min(1.0)
    } else {
        0.0
    };
    let names: Vec<&str> = said.iter().map(|t| t.0).collect();
    let quoted: Vec<String> = best
        .iter()
        .map(|&i| format!("“{}”", short(&profile.bullets[i].text, 70)))
        .collect();
    let which = if best.len() == 1 {
        "the best bullet says".to_owned()
    } else {
        format!("the {} best bullets say", best.len())
    };
    let detail = format!(
        "{which} {} ({:.0}% of the weight of the posting's {} heaviest terms): {}",
        list(&names),
        fraction * 100.0,
        query.terms.len().min(HEAVIEST_TERMS),
        quoted.join("; ")
    );
    part(fraction, detail)
}

/// "City, Region, Country" without empty or repeated parts (`Berlin, DE` for Berlin, Berlin, DE).
fn place_name(parts: [&Option<String>; 3]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in parts.into_iter().flatten() {
        let part = part.trim();
        if !part.is_empty() && !out.iter().any(|p| p.eq_ignore_ascii_case(part)) {
            out.push(part);
        }
    }
    out.join(", ")
}

/// Both given and equal, ignoring case.
fn same(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => !a.trim().is_empty() && a.trim().eq_ignore_ascii_case(b.trim()),
        _ => false,
    }
}

fn location_part(profile: &Profile, job: &Job, max: f64) -> Part {
    let part = |fraction: f64, detail: String| Part {
        kind: ReasonKind::Location,
        points: max * fraction,
        max,
        detail,
    };
    if job.remote == Some(Remote::Full) {
        return part(1.0, "the job is fully remote".into());
    }
    let how = match job.remote {
        Some(Remote::Hybrid) => "hybrid",
        Some(Remote::OnSite) => "on-site",
        _ => "",
    };
    let there = place_name([
        &job.location.city,
        &job.location.region,
        &job.location.country_code,
    ]);
    if there.is_empty() {
        let detail = if how.is_empty() {
            "the posting says neither where the job is nor whether it is remote; counted as half"
                .to_owned()
        } else {
            format!("the job is {how} but the posting gives no place; counted as half")
        };
        return part(0.5, detail);
    }
    let job_is = if how.is_empty() {
        format!("the job is in {there}")
    } else {
        format!("the job is {how} in {there}")
    };
    let here = &profile.location;
    let mine = place_name([&here.city, &here.region, &here.country]);
    if mine.is_empty() {
        return part(
            0.5,
            format!("{job_is}; the resume gives no location; counted as half"),
        );
    }
    let country = match (&job.location.country_code, &here.country) {
        (Some(a), Some(b)) if b.trim().chars().count() == 2 => {
            Some(a.eq_ignore_ascii_case(b.trim()))
        }
        _ => None,
    };
    let (fraction, relation) = if same(&job.location.city, &here.city) && country != Some(false) {
        (1.0, "the same city")
    } else if same(&job.location.region, &here.region) && country != Some(false) {
        (0.5, "the same region, another city")
    } else if country == Some(true) {
        (0.5, "the same country, another region")
    } else if country == Some(false) {
        (0.0, "another country")
    } else {
        (0.25, "another place")
    };
    part(
        fraction,
        format!("{job_is}; the resume is in {mine}: {relation}"),
    )
}
