//! The verifier: does a document say only what its source says?
//!
//! [`verify`] compares a candidate resume (a tailoring, a hand edit, an LLM's rewrite) with the
//! source it claims to come from, and reports every claim the source does not support, each with
//! the candidate path it is at:
//!
//! - identity: the name and contact details, employers, job titles, institutions, degrees, fields
//!   of study, credentials, certifications, publications, awards and projects must be the
//!   source's (compared ignoring case and spacing); the source's degrees may be spelled
//!   differently (`MSc`, `Master of Science`, `Master's`), but never upgraded;
//! - dates: a job's start and end must equal those of the source entry it matches (a missing end
//!   would read as ongoing); elsewhere a date given must be the source's;
//! - bullets: a bullet must be a bullet of the *same* entry in the source, verbatim or rephrased.
//!   A rephrasing maps to the source bullet that contains the largest share of its content
//!   (words by stem, skills by canonical name, numbers by value, each weighted by its rarity among
//!   the source's bullets: a word the source never uses weighs most); it must reach
//!   [`REPHRASE_THRESHOLD`]. A bullet of another employer is reported, moved or rephrased;
//! - numbers and metrics (`30%`, `$2M`, `200 customers`, `3x`, `10,000`, `35 ms`, `p99`) in a
//!   rephrased bullet must be in the source bullet it maps to, with the same value and unit; in a
//!   summary, anywhere in the source;
//! - skills the vocabulary finds in a bullet must be in the source entry; in the skills section
//!   and summaries, anywhere in the source; years and levels must be the source's;
//! - names (capitalised words inside a sentence, acronyms) and degree words in free text must
//!   occur in the source, which catches "holds a PhD from MIT" appended to anything.
//!
//! Leaving things out is never a violation, except a job's dates, which read differently without
//! their end. Order is free. Variant definitions and `meta` are not content and are not
//! checked.

use super::terms::{Analysis, DegreeClass, Metric, degrees, skill_key, skill_keys, stem, words};
use crate::claims::{self, Evidence, ResumeFacts, ResumeTerms};
use crate::keywords::Vocabulary;
use serde::Serialize;
use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use vitae_core::date::DateValue;
use vitae_core::diag::Diagnostics;
use vitae_core::model::{Bullet, Experience, Resume};
use vitae_core::node::Pos;
use vitae_core::path::{BulletPath, ExperiencePath, List, ModelPath, ResumePath};
use vitae_core::text::contains_term;

/// The start of every path the verifier reports.
fn root() -> ResumePath {
    ResumePath::root()
}

/// The least weighted share of a rephrased text's content that must come from one source text.
pub const REPHRASE_THRESHOLD: f64 = 0.5;

/// What kind of claim the source does not support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    /// Name, email, phone, URL or profile.
    Contact,
    Employer,
    Title,
    Date,
    Location,
    /// A degree, field of study, credential, course, honour or thesis.
    Degree,
    Institution,
    /// A number or metric.
    Number,
    Skill,
    /// A bullet or highlight that maps to no source bullet of its entry.
    Bullet,
    /// A name in free text the source never uses.
    Text,
    Project,
    Certification,
    Publication,
    Award,
    /// An entry of another section (languages, interests, volunteering, references,
    /// affiliations, custom sections).
    Entry,
}

impl ViolationKind {
    pub fn label(self) -> &'static str {
        match self {
            ViolationKind::Contact => "contact",
            ViolationKind::Employer => "employer",
            ViolationKind::Title => "title",
            ViolationKind::Date => "date",
            ViolationKind::Location => "location",
            ViolationKind::Degree => "degree",
            ViolationKind::Institution => "institution",
            ViolationKind::Number => "number",
            ViolationKind::Skill => "skill",
            ViolationKind::Bullet => "bullet",
            ViolationKind::Text => "text",
            ViolationKind::Project => "project",
            ViolationKind::Certification => "certification",
            ViolationKind::Publication => "publication",
            ViolationKind::Award => "award",
            ViolationKind::Entry => "entry",
        }
    }
}

/// One unsupported claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    pub kind: ViolationKind,
    /// Where in the candidate (`experience[1].bullets[2]`).
    pub path: String,
    /// The offending value as the candidate writes it.
    pub found: String,
    pub message: String,
    /// The source path the candidate text was mapped to, when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maps_to: Option<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.path, self.kind.label(), self.message)?;
        if let Some(to) = &self.maps_to {
            write!(f, " [maps to {to}]")?;
        }
        Ok(())
    }
}

/// A candidate bullet (or project text) and the source text it maps to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MappedBullet {
    pub candidate: String,
    pub source: String,
    /// 1 for a verbatim copy; otherwise the weighted share of the candidate's content found in
    /// the source text.
    pub similarity: f64,
}

/// The verdict: every violation, and how each bullet was mapped.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Verification {
    pub violations: Vec<Violation>,
    pub mapped_bullets: Vec<MappedBullet>,
}

impl Verification {
    /// No violation.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }

    /// The kinds of the violations, each once, in order of first occurrence.
    pub fn kinds(&self) -> Vec<ViolationKind> {
        let mut kinds = Vec::new();
        for v in &self.violations {
            if !kinds.contains(&v.kind) {
                kinds.push(v.kind);
            }
        }
        kinds
    }

    /// The violations as error diagnostics (paths into the candidate; no positions, since the
    /// candidate may have no text).
    pub fn diagnostics(&self) -> Diagnostics {
        let mut diags = Diagnostics::new();
        for v in &self.violations {
            diags.error(
                &v.path,
                Pos::new(0, 0),
                v.message.clone(),
                v.maps_to
                    .as_ref()
                    .map(|to| format!("compare with {to} in the source")),
            );
        }
        diags
    }
}

impl fmt::Display for Verification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_ok() {
            return writeln!(
                f,
                "verified: every claim is in the source ({} bullets mapped)",
                self.mapped_bullets.len()
            );
        }
        writeln!(f, "{} unsupported claims:", self.violations.len())?;
        for v in &self.violations {
            writeln!(f, "  {v}")?;
        }
        Ok(())
    }
}

/// Verifies `candidate` against `source` with the built-in skills vocabulary.
pub fn verify(source: &Resume, candidate: &Resume) -> Verification {
    verify_with(source, candidate, Vocabulary::builtin())
}

/// Verifies `candidate` against `source`, finding skills with `vocabulary`.
pub fn verify_with(source: &Resume, candidate: &Resume, vocabulary: &Vocabulary) -> Verification {
    let index = Index::new(source, vocabulary);
    let mut v = Verifier {
        ix: &index,
        out: Verification::default(),
    };
    v.basics(candidate);
    v.summaries(candidate);
    v.skills(candidate);
    v.experience(candidate);
    v.education(candidate);
    v.projects(candidate);
    v.certifications(candidate);
    v.publications(candidate);
    v.awards(candidate);
    v.other_sections(candidate);
    v.out
}

/// Lower-cased, spacing collapsed, trailing full stop dropped: how names are compared.
fn norm(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out.trim_end_matches('.').to_owned()
}

fn same(a: &str, b: &str) -> bool {
    norm(a) == norm(b)
}

fn opt_same(candidate: Option<&str>, source: Option<&str>) -> bool {
    match (candidate, source) {
        (None, _) => true,
        (Some(c), Some(s)) => same(c, s),
        (Some(_), None) => false,
    }
}

fn date_text(d: Option<&DateValue>) -> String {
    d.map_or_else(|| "none".to_owned(), ToString::to_string)
}

fn degree_classes(text: &str) -> BTreeSet<DegreeClass> {
    degrees(text).into_iter().map(|(c, _)| c).collect()
}

/// Two degree names for the same degree: equal, or naming the same degree classes.
fn same_degree(a: &str, b: &str) -> bool {
    if same(a, b) {
        return true;
    }
    let ca = degree_classes(a);
    !ca.is_empty() && ca == degree_classes(b)
}

/// A source text analysed for mapping and claims.
struct SourceText<'s> {
    path: String,
    text: &'s str,
    analysis: Analysis,
    fingerprint: Vec<String>,
}

/// The texts, skills and metrics of one source entry (a job or a project).
struct Scope<'s> {
    texts: Vec<SourceText<'s>>,
    skills: HashSet<String>,
    metrics: Vec<Metric>,
    /// Word stems of every text of the entry.
    words: HashSet<String>,
}

/// Everything the source says, indexed once.
struct Index<'s> {
    source: &'s Resume,
    vocabulary: &'s Vocabulary,
    /// Every word, skill, number and degree of the source.
    terms: ResumeTerms,
    texts: Vec<String>,
    experience: Vec<Scope<'s>>,
    projects: Vec<Scope<'s>>,
    /// Fingerprint key → number of source texts (bullets, highlights) holding it.
    df: HashMap<String, usize>,
    docs: usize,
    /// The source as claim evidence, built on the first free text to check.
    evidence: OnceCell<Evidence>,
}

impl<'s> Index<'s> {
    fn new(source: &'s Resume, vocabulary: &'s Vocabulary) -> Index<'s> {
        let texts = strings(source);
        let terms = ResumeTerms::new(source, &texts, vocabulary);
        let experience: Vec<Scope<'s>> = source
            .experience
            .iter()
            .enumerate()
            .map(|(i, e)| experience_scope(i, e, vocabulary))
            .collect();
        let projects: Vec<Scope<'s>> = source
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut texts = Vec::new();
                for (j, h) in p.highlights.iter().enumerate() {
                    texts.push(source_text(
                        root().projects().at(i).highlights().at(j).into(),
                        h,
                        vocabulary,
                    ));
                }
                if let Some(d) = &p.description {
                    texts.push(source_text(
                        root().projects().at(i).description().into(),
                        d,
                        vocabulary,
                    ));
                }
                let mut skills: HashSet<String> = HashSet::new();
                for t in &texts {
                    skills.extend(t.analysis.skills.iter().cloned());
                }
                skills.extend(Analysis::new(&p.name, vocabulary).skills);
                for t in &p.technologies {
                    skills.extend(skill_keys(vocabulary, t));
                }
                let mut metrics: Vec<Metric> = texts
                    .iter()
                    .flat_map(|t| t.analysis.metrics.clone())
                    .collect();
                metrics.extend(Analysis::new(&p.name, vocabulary).metrics);
                let mut all: Vec<&str> = vec![&p.name];
                all.extend(p.description.as_deref());
                all.extend(p.highlights.iter().map(String::as_str));
                all.extend(p.technologies.iter().map(String::as_str));
                Scope {
                    texts,
                    skills,
                    metrics,
                    words: stems_of(all),
                }
            })
            .collect();
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut docs = 0;
        for scope in experience.iter().chain(&projects) {
            for t in &scope.texts {
                docs += 1;
                for key in &t.fingerprint {
                    *df.entry(key.clone()).or_insert(0) += 1;
                }
            }
        }
        Index {
            source,
            vocabulary,
            terms,
            texts,
            experience,
            projects,
            df,
            docs,
            evidence: OnceCell::new(),
        }
    }

    /// How much a fingerprint key says: rare keys more, keys the source never uses most.
    fn weight(&self, key: &str) -> f64 {
        let df = self.df.get(key).copied().unwrap_or(0) as f64;
        (1.0 + (self.docs as f64 + 1.0) / (df + 0.5)).ln()
    }

    /// The weighted share of `candidate`'s keys found in `source`, and how many are shared.
    fn similarity(&self, candidate: &[String], source: &[String]) -> (f64, usize) {
        let mut total = 0.0;
        let mut shared = 0.0;
        let mut count = 0;
        for key in candidate {
            let w = self.weight(key);
            total += w;
            if source.binary_search(key).is_ok() {
                shared += w;
                count += 1;
            }
        }
        if total == 0.0 {
            (0.0, 0)
        } else {
            (shared / total, count)
        }
    }

    /// The source text of `scope` closest to a candidate fingerprint.
    fn closest<'a>(
        &self,
        scopes: impl IntoIterator<Item = &'a Scope<'s>>,
        fingerprint: &[String],
    ) -> Option<(&'a SourceText<'s>, f64, bool)>
    where
        's: 'a,
    {
        let mut best: Option<(&SourceText<'s>, f64, bool)> = None;
        for scope in scopes {
            for t in &scope.texts {
                let (sim, shared) = self.similarity(fingerprint, &t.fingerprint);
                if best.is_none_or(|(_, b, _)| sim > b) {
                    let maps = sim >= REPHRASE_THRESHOLD && shared >= fingerprint.len().min(2);
                    best = Some((t, sim, maps));
                }
            }
        }
        best
    }

    fn skill_known(&self, name: &str) -> bool {
        if self
            .terms
            .skills
            .contains(&skill_key(self.vocabulary, name))
        {
            return true;
        }
        let inside = self.vocabulary.skills_in(name);
        if !inside.is_empty() {
            return inside.iter().all(|s| self.terms.skills.contains(*s));
        }
        self.vocabulary.canonical(name).is_none()
            && self.texts.iter().any(|t| contains_term(t, name))
    }

    fn word_known(&self, word: &str) -> bool {
        self.terms.has_word(word)
    }
}

fn source_text<'s>(path: String, text: &'s str, vocabulary: &Vocabulary) -> SourceText<'s> {
    let analysis = Analysis::new(text, vocabulary);
    let fingerprint = analysis.fingerprint();
    SourceText {
        path,
        text,
        analysis,
        fingerprint,
    }
}

fn experience_scope<'s>(i: usize, e: &'s Experience, vocabulary: &Vocabulary) -> Scope<'s> {
    let texts: Vec<SourceText<'s>> = e
        .bullets
        .iter()
        .enumerate()
        .map(|(j, b)| {
            source_text(
                root().experience().at(i).bullets().at(j).into(),
                &b.text,
                vocabulary,
            )
        })
        .collect();
    let mut skills: HashSet<String> = HashSet::new();
    let mut metrics: Vec<Metric> = Vec::new();
    for t in &texts {
        skills.extend(t.analysis.skills.iter().cloned());
        metrics.extend(t.analysis.metrics.iter().cloned());
    }
    for b in &e.bullets {
        for s in &b.skills {
            skills.extend(skill_keys(vocabulary, s));
        }
    }
    let others = [&e.title, &e.description, &e.summary];
    let others: Vec<&str> = std::iter::once(e.company.as_str())
        .chain(others.into_iter().flatten().map(String::as_str))
        .collect();
    for text in &others {
        let a = Analysis::new(text, vocabulary);
        skills.extend(a.skills);
        metrics.extend(a.metrics);
    }
    let all = others
        .into_iter()
        .chain(e.bullets.iter().map(|b| b.text.as_str()))
        .chain(
            e.bullets
                .iter()
                .flat_map(|b| b.skills.iter().map(String::as_str)),
        );
    Scope {
        texts,
        skills,
        metrics,
        words: stems_of(all),
    }
}

/// The word stems of some texts.
fn stems_of<'t>(texts: impl IntoIterator<Item = &'t str>) -> HashSet<String> {
    texts
        .into_iter()
        .flat_map(words)
        .map(|w| stem(&w.text.to_lowercase()))
        .collect()
}

/// Every skill name the source lists: the skills section, bullets' skills, technologies.
pub(crate) fn skill_names(r: &Resume) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in &r.skills {
        for s in &c.items {
            out.push(&s.name);
            out.extend(s.keywords.iter().map(String::as_str));
        }
    }
    for e in &r.experience {
        for b in &e.bullets {
            out.extend(b.skills.iter().map(String::as_str));
        }
    }
    for p in &r.projects {
        out.extend(p.technologies.iter().map(String::as_str));
    }
    out
}

/// Every string of the resume's content (not its variant definitions or metadata), dates and
/// skill years included as text.
pub(crate) fn strings(r: &Resume) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut s = |x: &str| out.push(x.to_owned());
    let b = &r.basics;
    s(&b.name);
    b.credentials.iter().for_each(|x| s(x));
    let l = &b.location;
    for x in [
        &b.label,
        &b.email,
        &b.phone,
        &b.url,
        &b.image,
        &l.address,
        &l.city,
        &l.region,
        &l.postal_code,
        &l.country,
    ]
    .into_iter()
    .flatten()
    {
        s(x);
    }
    for p in &b.profiles {
        s(&p.network);
        [&p.username, &p.url]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
    }
    r.summary.base.iter().for_each(|x| s(x));
    r.summary.variants.values().for_each(|x| s(x));
    for c in &r.skills {
        s(&c.name);
        c.level.iter().for_each(|x| s(x));
        for k in &c.items {
            s(&k.name);
            k.level.iter().for_each(|x| s(x));
            k.keywords.iter().for_each(|x| s(x));
            if let Some(y) = k.years {
                s(&format!("{y} years"));
            }
        }
    }
    let mut dates: Vec<String> = Vec::new();
    let mut d = |x: &Option<DateValue>| {
        if let Some(x) = x {
            dates.push(x.to_string());
        }
    };
    for e in &r.experience {
        s(&e.company);
        [&e.title, &e.location, &e.description, &e.url, &e.summary]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
        for bullet in &e.bullets {
            s(&bullet.text);
            bullet.skills.iter().for_each(|x| s(x));
        }
        d(&e.start);
        d(&e.end);
    }
    for e in &r.education {
        s(&e.institution);
        [
            &e.degree,
            &e.field,
            &e.location,
            &e.url,
            &e.score,
            &e.thesis,
        ]
        .into_iter()
        .flatten()
        .for_each(|x| s(x));
        e.courses.iter().chain(&e.honors).for_each(|x| s(x));
        d(&e.start);
        d(&e.end);
    }
    for p in &r.projects {
        s(&p.name);
        [&p.category, &p.description, &p.url, &p.entity, &p.kind]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
        p.technologies
            .iter()
            .chain(&p.highlights)
            .chain(&p.roles)
            .for_each(|x| s(x));
        d(&p.start);
        d(&p.end);
    }
    for c in &r.certifications {
        s(&c.name);
        [&c.issuer, &c.url, &c.credential_id]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
        d(&c.date);
        d(&c.expires);
    }
    for p in &r.publications {
        s(&p.name);
        [&p.publisher, &p.url, &p.summary, &p.doi]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
        p.authors.iter().for_each(|x| s(x));
        d(&p.date);
    }
    for a in &r.awards {
        s(&a.title);
        [&a.awarder, &a.summary]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
        d(&a.date);
    }
    for x in &r.languages {
        s(&x.language);
        x.fluency.iter().for_each(|x| s(x));
    }
    for x in &r.interests {
        s(&x.name);
        x.keywords.iter().for_each(|x| s(x));
    }
    for v in &r.volunteer {
        s(&v.organization);
        [&v.position, &v.url, &v.summary]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
        v.highlights.iter().for_each(|x| s(x));
        d(&v.start);
        d(&v.end);
    }
    for x in &r.references {
        s(&x.name);
        x.reference.iter().for_each(|x| s(x));
    }
    for a in &r.affiliations {
        s(&a.organization);
        [&a.role, &a.location, &a.url]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
        d(&a.start);
        d(&a.end);
    }
    for c in &r.custom_sections {
        s(&c.title);
        for e in &c.entries {
            [
                &e.title,
                &e.subtitle,
                &e.location,
                &e.date,
                &e.url,
                &e.summary,
            ]
            .into_iter()
            .flatten()
            .for_each(|x| s(x));
            e.bullets.iter().for_each(|x| s(x));
            d(&e.start);
            d(&e.end);
        }
    }
    out.extend(dates);
    out
}

/// Where the numbers and skills of a free text must come from.
struct Support<'a> {
    metrics: &'a [Metric],
    metrics_from: String,
    skills: &'a HashSet<String>,
    /// Word stems of the same texts: a skill written with words these texts use is supported
    /// even when the vocabulary only recognises the new spelling ("drift alerting" for "drift
    /// alerts").
    words: &'a HashSet<String>,
    skills_from: String,
}

struct Verifier<'a, 's> {
    ix: &'a Index<'s>,
    out: Verification,
}

impl Verifier<'_, '_> {
    fn report(
        &mut self,
        kind: ViolationKind,
        path: impl AsRef<str>,
        found: impl Into<String>,
        message: impl Into<String>,
        maps_to: Option<String>,
    ) {
        self.out.violations.push(Violation {
            kind,
            path: path.as_ref().to_owned(),
            found: found.into(),
            message: message.into(),
            maps_to,
        });
    }

    fn mapped(&mut self, candidate: &(impl AsRef<str> + ?Sized), source: &str, similarity: f64) {
        self.out.mapped_bullets.push(MappedBullet {
            candidate: candidate.as_ref().to_owned(),
            source: source.to_owned(),
            similarity: (similarity * 1000.0).round() / 1000.0,
        });
    }

    /// A field that must equal the source's when the candidate has it.
    fn field(
        &mut self,
        kind: ViolationKind,
        path: impl AsRef<str>,
        candidate: Option<&str>,
        source: Option<&str>,
        what: &str,
    ) {
        if !opt_same(candidate, source) {
            let found = candidate.unwrap_or_default();
            let message = match source {
                Some(s) => format!("{what} `{found}` differs from the source's `{s}`"),
                None => format!("{what} `{found}` is not in the source"),
            };
            self.report(kind, path, found, message, None);
        }
    }

    /// A date that must equal the source's, present or not.
    fn date(
        &mut self,
        path: impl AsRef<str>,
        candidate: Option<&DateValue>,
        source: Option<&DateValue>,
        what: &str,
    ) {
        if candidate != source {
            self.report(
                ViolationKind::Date,
                path,
                date_text(candidate),
                format!(
                    "{what} is {} in the source, not {}",
                    date_text(source),
                    date_text(candidate)
                ),
                None,
            );
        }
    }

    /// A date checked only when the candidate gives one.
    fn date_if_given(
        &mut self,
        path: impl AsRef<str>,
        candidate: Option<&DateValue>,
        source: Option<&DateValue>,
        what: &str,
    ) {
        if candidate.is_some() {
            self.date(path, candidate, source, what);
        }
    }

    /// The numbers, skills, names and degrees of a free text, against what supports them.
    fn claims(
        &mut self,
        path: &(impl AsRef<str> + ?Sized),
        text: &str,
        analysis: &Analysis,
        support: &Support<'_>,
        maps_to: Option<&str>,
    ) {
        let maps_to = maps_to.map(str::to_owned);
        for m in &analysis.metrics {
            if support.metrics.iter().any(|s| m.supported_by(s)) {
                continue;
            }
            let message = if self.ix.terms.metrics.iter().any(|s| m.supported_by(s)) {
                format!("`{m}` is not in {}", support.metrics_from)
            } else {
                format!("`{m}` appears nowhere in the source")
            };
            self.report(
                ViolationKind::Number,
                path,
                m.text.clone(),
                message,
                maps_to.clone(),
            );
        }
        for s in &analysis.skills {
            let spelled_as_source = analysis
                .skill_words
                .iter()
                .filter(|(name, _)| name == s)
                .any(|(_, stems)| {
                    !stems.is_empty() && stems.iter().all(|w| support.words.contains(w))
                });
            if support.skills.contains(s) || spelled_as_source {
                continue;
            }
            let message = if self.ix.terms.skills.contains(s) {
                format!("{s} is in the source, but not in {}", support.skills_from)
            } else {
                format!("the source never mentions {s}")
            };
            self.report(
                ViolationKind::Skill,
                path,
                s.clone(),
                message,
                maps_to.clone(),
            );
        }
        let found_degrees = degrees(text);
        for (class, word) in &found_degrees {
            if !self.ix.terms.degrees.contains(class) {
                self.report(
                    ViolationKind::Degree,
                    path,
                    word.clone(),
                    format!("`{word}`: the source has no {}", class.label()),
                    maps_to.clone(),
                );
            }
        }
        for name in &analysis.names {
            let compact: String = name.chars().filter(|c| *c != '.').collect();
            if found_degrees.iter().any(|(_, w)| *w == compact) || self.ix.word_known(name) {
                continue;
            }
            self.report(
                ViolationKind::Text,
                path,
                name.clone(),
                format!("`{name}` is a name the source never uses"),
                maps_to.clone(),
            );
        }
    }

    /// A free text checked against the whole source (summaries, publication summaries), by the
    /// claim model letters are checked by: a number in a claim about the candidate must be said
    /// about the same thing in the source, names must be the source's.
    fn free_text(&mut self, path: &ModelPath, text: &str, known: &[&str]) {
        if known.iter().any(|k| same(k, text)) {
            return;
        }
        let ix = self.ix;
        // The source's terms are gathered already; only its facts are new.
        let evidence = ix.evidence.get_or_init(|| {
            let facts = ResumeFacts::new(ix.source, &ix.texts, ix.vocabulary);
            Evidence::of(ix.terms.clone(), facts)
        });
        let mut found = Vec::new();
        claims::check(
            text,
            None,
            &[],
            evidence,
            ix.vocabulary,
            |kind, value, why| {
                found.push((kind, value.to_owned(), why));
            },
        );
        for (kind, value, why) in found {
            self.report(kind, path, value, why, None);
        }
    }

    fn basics(&mut self, c: &Resume) {
        let (cb, sb) = (&c.basics, &self.ix.source.basics);
        if !same(&cb.name, &sb.name) {
            self.report(
                ViolationKind::Contact,
                root().basics().name(),
                cb.name.clone(),
                format!("the source's name is `{}`", sb.name),
                None,
            );
        }
        let path = root().basics();
        for (field, what, cv, sv) in [
            (path.email(), "email", &cb.email, &sb.email),
            (path.phone(), "phone", &cb.phone, &sb.phone),
            (path.url(), "url", &cb.url, &sb.url),
            (path.image(), "image", &cb.image, &sb.image),
        ] {
            self.field(
                ViolationKind::Contact,
                field,
                cv.as_deref(),
                sv.as_deref(),
                what,
            );
        }
        let (cl, sl) = (&cb.location, &sb.location);
        let path = root().basics().location();
        for (field, what, cv, sv) in [
            (path.address(), "address", &cl.address, &sl.address),
            (path.city(), "city", &cl.city, &sl.city),
            (path.region(), "region", &cl.region, &sl.region),
            (
                path.postal_code(),
                "postal_code",
                &cl.postal_code,
                &sl.postal_code,
            ),
            (path.country(), "country", &cl.country, &sl.country),
        ] {
            self.field(
                ViolationKind::Location,
                field,
                cv.as_deref(),
                sv.as_deref(),
                what,
            );
        }
        if let Some(label) = &cb.label {
            let known = sb.label.as_deref().is_some_and(|l| same(l, label))
                || self
                    .ix
                    .source
                    .experience
                    .iter()
                    .any(|e| e.title.as_deref().is_some_and(|t| same(t, label)));
            if !known {
                self.report(
                    ViolationKind::Title,
                    root().basics().label(),
                    label.clone(),
                    format!("`{label}` is neither the source's title nor one of its job titles"),
                    None,
                );
            }
        }
        for (i, cred) in cb.credentials.iter().enumerate() {
            let listed = sb.credentials.iter().any(|s| same(s, cred));
            let classes = degree_classes(cred);
            let degree = !classes.is_empty() && classes.is_subset(&self.ix.terms.degrees);
            if !listed && !degree {
                self.report(
                    ViolationKind::Degree,
                    root().basics().credentials().at(i),
                    cred.clone(),
                    format!("the credential `{cred}` is not in the source"),
                    None,
                );
            }
        }
        for (i, p) in cb.profiles.iter().enumerate() {
            let path = root().basics().profiles().at(i);
            // A network may have several profiles (`urls: {LinkedIn: ..., linkedin: ...}` are
            // two LinkedIn profiles): the candidate's must be one of them, whichever; differences
            // are reported against the first.
            let networks = || sb.profiles.iter().filter(|s| same(&s.network, &p.network));
            let matching = networks().find(|s| {
                opt_same(p.username.as_deref(), s.username.as_deref())
                    && opt_same(p.url.as_deref(), s.url.as_deref())
            });
            match matching.or_else(|| networks().next()) {
                None => self.report(
                    ViolationKind::Contact,
                    path,
                    p.network.clone(),
                    format!("the source has no {} profile", p.network),
                    None,
                ),
                Some(s) => {
                    self.field(
                        ViolationKind::Contact,
                        path.username(),
                        p.username.as_deref(),
                        s.username.as_deref(),
                        "username",
                    );
                    self.field(
                        ViolationKind::Contact,
                        path.url(),
                        p.url.as_deref(),
                        s.url.as_deref(),
                        "url",
                    );
                }
            }
        }
    }

    fn summaries(&mut self, c: &Resume) {
        let source = &self.ix.source.summary;
        let known: Vec<&str> = source
            .base
            .iter()
            .chain(source.variants.values())
            .map(String::as_str)
            .collect();
        if let Some(text) = &c.summary.base {
            self.free_text(&root().summary().base(), text, &known);
        }
        for (key, text) in &c.summary.variants {
            self.free_text(&root().summary().variants().key(key), text, &known);
        }
    }

    fn skills(&mut self, c: &Resume) {
        let source = self.ix.source;
        let vocabulary = self.ix.vocabulary;
        for (i, cat) in c.skills.iter().enumerate() {
            let source_cat = source
                .skills
                .iter()
                .find(|s| s.name.eq_ignore_ascii_case(&cat.name));
            if let Some(level) = &cat.level
                && !source_cat.is_some_and(|s| opt_same(Some(level), s.level.as_deref()))
            {
                self.report(
                    ViolationKind::Skill,
                    root().skills().at(i).level(),
                    level.clone(),
                    format!("the level `{level}` of {} is not the source's", cat.name),
                    None,
                );
            }
            for (j, skill) in cat.items.iter().enumerate() {
                let path = root().skills().at(i).items().at(j);
                if !self.ix.skill_known(&skill.name) {
                    self.report(
                        ViolationKind::Skill,
                        path.clone(),
                        skill.name.clone(),
                        format!("the source never mentions {}", skill.name),
                        None,
                    );
                }
                for (k, kw) in skill.keywords.iter().enumerate() {
                    if !self.ix.skill_known(kw) {
                        self.report(
                            ViolationKind::Skill,
                            path.keywords().at(k),
                            kw.clone(),
                            format!("the source never mentions {kw}"),
                            None,
                        );
                    }
                }
                let key = skill_key(vocabulary, &skill.name);
                let listed = source.skills.iter().find_map(|sc| {
                    sc.items
                        .iter()
                        .find(|s| {
                            same(&s.name, &skill.name) || skill_key(vocabulary, &s.name) == key
                        })
                        .map(|s| (sc, s))
                });
                if let Some(years) = skill.years {
                    match listed.and_then(|(_, s)| s.years) {
                        Some(y) if (y - years).abs() < 1e-9 => {}
                        Some(y) => self.report(
                            ViolationKind::Number,
                            path.years(),
                            years.to_string(),
                            format!("the source gives {y} years of {}, not {years}", skill.name),
                            None,
                        ),
                        None => self.report(
                            ViolationKind::Number,
                            path.years(),
                            years.to_string(),
                            format!("the source gives no years of {}", skill.name),
                            None,
                        ),
                    }
                }
                if let Some(level) = &skill.level {
                    let ok = listed.is_some_and(|(sc, s)| {
                        opt_same(Some(level), s.level.as_deref().or(sc.level.as_deref()))
                    });
                    if !ok {
                        self.report(
                            ViolationKind::Skill,
                            path.level(),
                            level.clone(),
                            format!(
                                "the source does not give {} the level `{level}`",
                                skill.name
                            ),
                            None,
                        );
                    }
                }
            }
        }
    }

    fn experience(&mut self, c: &Resume) {
        let source = &self.ix.source.experience;
        let mut used = vec![false; source.len()];
        for (i, e) in c.experience.iter().enumerate() {
            let path = root().experience().at(i);
            let company = norm(&e.company);
            let matched = (0..source.len())
                .filter(|&k| norm(&source[k].company) == company)
                .max_by_key(|&k| {
                    let s = &source[k];
                    (
                        !used[k],
                        opt_same(e.title.as_deref(), s.title.as_deref()),
                        e.start == s.start,
                        e.end == s.end,
                        std::cmp::Reverse(k),
                    )
                });
            match matched {
                None => self.report(
                    ViolationKind::Employer,
                    path.company(),
                    e.company.clone(),
                    format!("`{}` is not an employer in the source", e.company),
                    None,
                ),
                Some(k) => {
                    let s = &source[k];
                    if used[k] {
                        self.report(
                            ViolationKind::Employer,
                            path.clone(),
                            e.company.clone(),
                            format!("repeats the source's experience[{k}] at {}", s.company),
                            Some(root().experience().at(k).into()),
                        );
                    }
                    used[k] = true;
                    self.entry_fields(&path, e, s, k);
                }
            }
            for (j, b) in e.bullets.iter().enumerate() {
                self.bullet(&path.bullets().at(j), b, matched, &e.company);
            }
        }
    }

    fn entry_fields(&mut self, path: &ExperiencePath, e: &Experience, s: &Experience, k: usize) {
        if let Some(title) = &e.title
            && !opt_same(Some(title), s.title.as_deref())
        {
            let message = match &s.title {
                Some(t) => format!("the source's title at {} is `{t}`", s.company),
                None => format!("the source gives no title at {}", s.company),
            };
            self.report(
                ViolationKind::Title,
                path.title(),
                title.clone(),
                message,
                Some(root().experience().at(k).into()),
            );
        }
        let at = format!("the start at {}", s.company);
        self.date(path.start(), e.start.as_ref(), s.start.as_ref(), &at);
        let at = format!("the end at {}", s.company);
        self.date(path.end(), e.end.as_ref(), s.end.as_ref(), &at);
        self.field(
            ViolationKind::Location,
            path.location(),
            e.location.as_deref(),
            s.location.as_deref(),
            "the location",
        );
        self.field(
            ViolationKind::Employer,
            path.url(),
            e.url.as_deref(),
            s.url.as_deref(),
            "the employer's URL",
        );
        let ix = self.ix;
        let scope = &ix.experience[k];
        for (field, cv, sv) in [
            (path.description(), &e.description, &s.description),
            (path.summary(), &e.summary, &s.summary),
        ] {
            let Some(text) = cv else { continue };
            if sv.as_deref().is_some_and(|x| same(x, text)) {
                continue;
            }
            let support = Support {
                metrics: &scope.metrics,
                metrics_from: format!("the source's experience[{k}]"),
                skills: &scope.skills,
                words: &scope.words,
                skills_from: format!("the source's experience[{k}]"),
            };
            let analysis = Analysis::new(text, ix.vocabulary);
            self.claims(field.as_str(), text, &analysis, &support, None);
        }
    }

    /// A bullet of a candidate entry matched to source entry `entry` (`None`: no such employer).
    fn bullet(&mut self, path: &BulletPath, b: &Bullet, entry: Option<usize>, company: &str) {
        let ix = self.ix;
        let text = norm(&b.text);
        if let Some(k) = entry
            && let Some(t) = ix.experience[k].texts.iter().find(|t| norm(t.text) == text)
        {
            self.mapped(path, &t.path, 1.0);
            self.bullet_skills(path, b, k);
            return;
        }
        for (k, scope) in ix.experience.iter().enumerate() {
            if Some(k) == entry {
                continue;
            }
            if let Some(t) = scope.texts.iter().find(|t| norm(t.text) == text) {
                self.report(
                    ViolationKind::Bullet,
                    path,
                    b.text.clone(),
                    format!(
                        "this is a bullet of {} in the source, not of {company}",
                        ix.source.experience[k].company
                    ),
                    Some(t.path.clone()),
                );
                return;
            }
        }
        let analysis = Analysis::new(&b.text, ix.vocabulary);
        let fingerprint = analysis.fingerprint();
        if let Some(k) = entry
            && let Some((t, sim, true)) = ix.closest([&ix.experience[k]], &fingerprint)
        {
            self.mapped(path, &t.path, sim);
            let scope = &ix.experience[k];
            let support = Support {
                metrics: &t.analysis.metrics,
                metrics_from: format!("the source bullet it rephrases ({})", t.path),
                skills: &scope.skills,
                words: &scope.words,
                skills_from: format!("the source's experience[{k}]"),
            };
            self.claims(path, &b.text, &analysis, &support, Some(&t.path));
            self.bullet_skills(path, b, k);
            return;
        }
        match ix.closest(&ix.experience, &fingerprint) {
            Some((t, sim, true)) => self.report(
                ViolationKind::Bullet,
                path,
                b.text.clone(),
                format!(
                    "rephrases {} (similarity {:.2}), a bullet of another employer",
                    t.path, sim
                ),
                Some(t.path.clone()),
            ),
            closest => {
                let hint = closest.map_or_else(String::new, |(t, sim, _)| {
                    format!(" (closest: {}, similarity {sim:.2})", t.path)
                });
                self.report(
                    ViolationKind::Bullet,
                    path,
                    b.text.clone(),
                    format!("maps to no source bullet of {company}{hint}"),
                    None,
                );
            }
        }
    }

    /// A bullet's `skills` list, against its source entry.
    fn bullet_skills(&mut self, path: &BulletPath, b: &Bullet, k: usize) {
        let ix = self.ix;
        for (n, s) in b.skills.iter().enumerate() {
            let keys = skill_keys(ix.vocabulary, s);
            if keys.iter().any(|key| ix.experience[k].skills.contains(key)) {
                continue;
            }
            let message = if ix.skill_known(s) {
                format!("{s} is in the source, but not in its experience[{k}]")
            } else {
                format!("the source never mentions {s}")
            };
            self.report(
                ViolationKind::Skill,
                path.skills().at(n),
                s.clone(),
                message,
                None,
            );
        }
    }

    fn education(&mut self, c: &Resume) {
        let source = &self.ix.source.education;
        let mut used = vec![false; source.len()];
        for (i, e) in c.education.iter().enumerate() {
            let path = root().education().at(i);
            let matched = (0..source.len())
                .filter(|&k| same(&source[k].institution, &e.institution))
                .max_by_key(|&k| {
                    let s = &source[k];
                    let degree = match (&e.degree, &s.degree) {
                        (Some(a), Some(b)) => same_degree(a, b),
                        (None, _) => true,
                        (Some(_), None) => false,
                    };
                    (!used[k], degree, e.start == s.start, std::cmp::Reverse(k))
                });
            let Some(k) = matched else {
                self.report(
                    ViolationKind::Institution,
                    path.institution(),
                    e.institution.clone(),
                    format!("`{}` is not an institution in the source", e.institution),
                    None,
                );
                if let Some(d) = &e.degree {
                    let classes = degree_classes(d);
                    let known = source
                        .iter()
                        .any(|s| s.degree.as_deref().is_some_and(|x| same_degree(x, d)))
                        || (!classes.is_empty() && classes.is_subset(&self.ix.terms.degrees));
                    if !known {
                        self.report(
                            ViolationKind::Degree,
                            path.degree(),
                            d.clone(),
                            format!("the source has no degree `{d}`"),
                            None,
                        );
                    }
                }
                continue;
            };
            used[k] = true;
            let s = &source[k];
            if let Some(d) = &e.degree
                && !s.degree.as_deref().is_some_and(|x| same_degree(d, x))
            {
                let message = match &s.degree {
                    Some(x) => format!("the source's degree at {} is `{x}`", s.institution),
                    None => format!("the source gives no degree at {}", s.institution),
                };
                self.report(
                    ViolationKind::Degree,
                    path.degree(),
                    d.clone(),
                    message,
                    Some(root().education().at(k).into()),
                );
            }
            self.field(
                ViolationKind::Degree,
                path.field(),
                e.field.as_deref(),
                s.field.as_deref(),
                "the field of study",
            );
            self.field(
                ViolationKind::Degree,
                path.thesis(),
                e.thesis.as_deref(),
                s.thesis.as_deref(),
                "the thesis",
            );
            self.field(
                ViolationKind::Number,
                path.score(),
                e.score.as_deref(),
                s.score.as_deref(),
                "the score",
            );
            self.field(
                ViolationKind::Location,
                path.location(),
                e.location.as_deref(),
                s.location.as_deref(),
                "the location",
            );
            self.field(
                ViolationKind::Institution,
                path.url(),
                e.url.as_deref(),
                s.url.as_deref(),
                "the institution's URL",
            );
            let at = format!("the start at {}", s.institution);
            self.date_if_given(path.start(), e.start.as_ref(), s.start.as_ref(), &at);
            let at = format!("the end at {}", s.institution);
            self.date_if_given(path.end(), e.end.as_ref(), s.end.as_ref(), &at);
            for (field, what, cand, src) in [
                (path.courses(), "courses", &e.courses, &s.courses),
                (path.honors(), "honors", &e.honors, &s.honors),
            ] {
                for (n, x) in cand.iter().enumerate() {
                    if !src.iter().any(|y| same(x, y)) {
                        self.report(
                            ViolationKind::Degree,
                            field.at(n),
                            x.clone(),
                            format!(
                                "`{x}` is not among the source's {what} at {}",
                                s.institution
                            ),
                            None,
                        );
                    }
                }
            }
        }
    }

    fn projects(&mut self, c: &Resume) {
        let ix = self.ix;
        let source = &ix.source.projects;
        let mut used = vec![false; source.len()];
        for (i, p) in c.projects.iter().enumerate() {
            let path = root().projects().at(i);
            let matched = (0..source.len())
                .filter(|&k| same(&source[k].name, &p.name))
                .max_by_key(|&k| (!used[k], std::cmp::Reverse(k)));
            let Some(k) = matched else {
                self.report(
                    ViolationKind::Project,
                    path.name(),
                    p.name.clone(),
                    format!("`{}` is not a project in the source", p.name),
                    None,
                );
                continue;
            };
            used[k] = true;
            let s = &source[k];
            let scope = &ix.projects[k];
            let texts = p.description.iter().map(|d| (path.description(), d)).chain(
                p.highlights
                    .iter()
                    .enumerate()
                    .map(|(j, h)| (path.highlights().at(j), h)),
            );
            for (at, text) in texts {
                if let Some(t) = scope.texts.iter().find(|t| same(t.text, text)) {
                    self.mapped(&at, &t.path, 1.0);
                    continue;
                }
                let analysis = Analysis::new(text, ix.vocabulary);
                let fingerprint = analysis.fingerprint();
                match ix.closest([scope], &fingerprint) {
                    Some((t, sim, true)) => {
                        self.mapped(&at, &t.path, sim);
                        let support = Support {
                            metrics: &t.analysis.metrics,
                            metrics_from: format!("the source text it rephrases ({})", t.path),
                            skills: &scope.skills,
                            words: &scope.words,
                            skills_from: format!("the source's projects[{k}]"),
                        };
                        self.claims(&at, text, &analysis, &support, Some(&t.path));
                    }
                    _ => self.report(
                        ViolationKind::Bullet,
                        at,
                        text.clone(),
                        format!("maps to nothing the source says about {}", s.name),
                        None,
                    ),
                }
            }
            for (n, t) in p.technologies.iter().enumerate() {
                let keys = skill_keys(ix.vocabulary, t);
                let known = s.technologies.iter().any(|x| same(x, t))
                    || keys.iter().any(|key| scope.skills.contains(key));
                if !known {
                    self.report(
                        ViolationKind::Skill,
                        path.technologies().at(n),
                        t.clone(),
                        format!("the source does not list {t} for {}", s.name),
                        None,
                    );
                }
            }
            for (n, r) in p.roles.iter().enumerate() {
                if !s.roles.iter().any(|x| same(x, r)) {
                    self.report(
                        ViolationKind::Project,
                        path.roles().at(n),
                        r.clone(),
                        format!("the role `{r}` is not the source's for {}", s.name),
                        None,
                    );
                }
            }
            for (field, what, cv, sv) in [
                (path.url(), "url", &p.url, &s.url),
                (path.entity(), "entity", &p.entity, &s.entity),
            ] {
                self.field(
                    ViolationKind::Project,
                    field.clone(),
                    cv.as_deref(),
                    sv.as_deref(),
                    what,
                );
            }
            let at = format!("the start of {}", s.name);
            self.date_if_given(path.start(), p.start.as_ref(), s.start.as_ref(), &at);
            let at = format!("the end of {}", s.name);
            self.date_if_given(path.end(), p.end.as_ref(), s.end.as_ref(), &at);
        }
    }

    fn certifications(&mut self, c: &Resume) {
        let source = &self.ix.source.certifications;
        for (i, x) in c.certifications.iter().enumerate() {
            let path = root().certifications().at(i);
            let Some(s) = source.iter().find(|s| same(&s.name, &x.name)) else {
                self.report(
                    ViolationKind::Certification,
                    path.name(),
                    x.name.clone(),
                    format!("`{}` is not a certification in the source", x.name),
                    None,
                );
                continue;
            };
            for (field, what, cv, sv) in [
                (path.issuer(), "issuer", &x.issuer, &s.issuer),
                (
                    path.credential_id(),
                    "credential_id",
                    &x.credential_id,
                    &s.credential_id,
                ),
                (path.url(), "url", &x.url, &s.url),
            ] {
                self.field(
                    ViolationKind::Certification,
                    field.clone(),
                    cv.as_deref(),
                    sv.as_deref(),
                    what,
                );
            }
            let at = format!("the date of {}", s.name);
            self.date_if_given(path.date(), x.date.as_ref(), s.date.as_ref(), &at);
            let at = format!("the expiry of {}", s.name);
            self.date_if_given(path.expires(), x.expires.as_ref(), s.expires.as_ref(), &at);
        }
    }

    fn publications(&mut self, c: &Resume) {
        let ix = self.ix;
        let source = &ix.source.publications;
        for (i, x) in c.publications.iter().enumerate() {
            let path = root().publications().at(i);
            let Some(s) = source.iter().find(|s| same(&s.name, &x.name)) else {
                self.report(
                    ViolationKind::Publication,
                    path.name(),
                    x.name.clone(),
                    format!("`{}` is not a publication in the source", x.name),
                    None,
                );
                continue;
            };
            for (field, what, cv, sv) in [
                (path.publisher(), "publisher", &x.publisher, &s.publisher),
                (path.doi(), "doi", &x.doi, &s.doi),
                (path.url(), "url", &x.url, &s.url),
            ] {
                self.field(
                    ViolationKind::Publication,
                    field.clone(),
                    cv.as_deref(),
                    sv.as_deref(),
                    what,
                );
            }
            for (n, a) in x.authors.iter().enumerate() {
                if !s.authors.iter().any(|y| same(y, a)) {
                    self.report(
                        ViolationKind::Publication,
                        path.authors().at(n),
                        a.clone(),
                        format!("`{a}` is not an author of {} in the source", s.name),
                        None,
                    );
                }
            }
            let at = format!("the date of {}", s.name);
            self.date_if_given(path.date(), x.date.as_ref(), s.date.as_ref(), &at);
            if let Some(text) = &x.summary {
                let known: Vec<&str> = s.summary.iter().map(String::as_str).collect();
                self.free_text(&path.summary(), text, &known);
            }
        }
    }

    fn awards(&mut self, c: &Resume) {
        let source = &self.ix.source.awards;
        for (i, x) in c.awards.iter().enumerate() {
            let path = root().awards().at(i);
            let Some(s) = source.iter().find(|s| same(&s.title, &x.title)) else {
                self.report(
                    ViolationKind::Award,
                    path.title(),
                    x.title.clone(),
                    format!("`{}` is not an award in the source", x.title),
                    None,
                );
                continue;
            };
            self.field(
                ViolationKind::Award,
                path.awarder(),
                x.awarder.as_deref(),
                s.awarder.as_deref(),
                "the awarder",
            );
            let at = format!("the date of {}", s.title);
            self.date_if_given(path.date(), x.date.as_ref(), s.date.as_ref(), &at);
            if let Some(text) = &x.summary {
                let known: Vec<&str> = s.summary.iter().map(String::as_str).collect();
                self.free_text(&path.summary(), text, &known);
            }
        }
    }

    /// Languages, interests, volunteering, references, affiliations and custom sections: each
    /// entry must be a source entry, with nothing added.
    fn other_sections(&mut self, c: &Resume) {
        let source = self.ix.source;
        let entry = ViolationKind::Entry;
        for (i, x) in c.languages.iter().enumerate() {
            let path = root().languages().at(i);
            match source
                .languages
                .iter()
                .find(|s| same(&s.language, &x.language))
            {
                None => self.missing(&path, &x.language),
                Some(s) => self.field(
                    entry,
                    path.fluency(),
                    x.fluency.as_deref(),
                    s.fluency.as_deref(),
                    "the fluency",
                ),
            }
        }
        for (i, x) in c.interests.iter().enumerate() {
            let path = root().interests().at(i);
            match source.interests.iter().find(|s| same(&s.name, &x.name)) {
                None => self.missing(&path, &x.name),
                Some(s) => self.subset(&path.keywords(), &x.keywords, &s.keywords),
            }
        }
        for (i, x) in c.volunteer.iter().enumerate() {
            let path = root().volunteer().at(i);
            match source
                .volunteer
                .iter()
                .find(|s| same(&s.organization, &x.organization))
            {
                None => self.missing(&path, &x.organization),
                Some(s) => {
                    for (field, what, cv, sv) in [
                        (path.position(), "position", &x.position, &s.position),
                        (path.url(), "url", &x.url, &s.url),
                        (path.summary(), "summary", &x.summary, &s.summary),
                    ] {
                        self.field(entry, field.clone(), cv.as_deref(), sv.as_deref(), what);
                    }
                    self.subset(&path.highlights(), &x.highlights, &s.highlights);
                    let at = format!("the start at {}", s.organization);
                    self.date(path.start(), x.start.as_ref(), s.start.as_ref(), &at);
                    let at = format!("the end at {}", s.organization);
                    self.date(path.end(), x.end.as_ref(), s.end.as_ref(), &at);
                }
            }
        }
        for (i, x) in c.references.iter().enumerate() {
            let path = root().references().at(i);
            match source.references.iter().find(|s| same(&s.name, &x.name)) {
                None => self.missing(&path, &x.name),
                Some(s) => self.field(
                    entry,
                    path.reference(),
                    x.reference.as_deref(),
                    s.reference.as_deref(),
                    "the reference",
                ),
            }
        }
        for (i, x) in c.affiliations.iter().enumerate() {
            let path = root().affiliations().at(i);
            match source
                .affiliations
                .iter()
                .find(|s| same(&s.organization, &x.organization))
            {
                None => self.missing(&path, &x.organization),
                Some(s) => {
                    for (field, what, cv, sv) in [
                        (path.role(), "role", &x.role, &s.role),
                        (path.location(), "location", &x.location, &s.location),
                        (path.url(), "url", &x.url, &s.url),
                    ] {
                        self.field(entry, field.clone(), cv.as_deref(), sv.as_deref(), what);
                    }
                    let at = format!("the start at {}", s.organization);
                    self.date(path.start(), x.start.as_ref(), s.start.as_ref(), &at);
                    let at = format!("the end at {}", s.organization);
                    self.date(path.end(), x.end.as_ref(), s.end.as_ref(), &at);
                }
            }
        }
        for (i, x) in c.custom_sections.iter().enumerate() {
            let path = root().custom_sections().at(i);
            let Some(s) = source
                .custom_sections
                .iter()
                .find(|s| same(&s.title, &x.title))
            else {
                self.missing(&path, &x.title);
                continue;
            };
            for (j, e) in x.entries.iter().enumerate() {
                let at = path.entries().at(j);
                let found = s.entries.iter().find(|se| {
                    opt_same(e.title.as_deref(), se.title.as_deref())
                        && opt_same(e.subtitle.as_deref(), se.subtitle.as_deref())
                        && opt_same(e.location.as_deref(), se.location.as_deref())
                        && opt_same(e.date.as_deref(), se.date.as_deref())
                        && opt_same(e.url.as_deref(), se.url.as_deref())
                        && opt_same(e.summary.as_deref(), se.summary.as_deref())
                        && (e.start.is_none() || e.start == se.start)
                        && (e.end.is_none() || e.end == se.end)
                        && e.bullets
                            .iter()
                            .all(|b| se.bullets.iter().any(|y| same(y, b)))
                });
                if found.is_none() {
                    let label = e.title.clone().unwrap_or_else(|| x.title.clone());
                    self.report(
                        entry,
                        at,
                        label,
                        format!("this entry of {} is not in the source as written", x.title),
                        None,
                    );
                }
            }
        }
    }

    fn missing(&mut self, path: &(impl AsRef<str> + ?Sized), label: &str) {
        self.report(
            ViolationKind::Entry,
            path,
            label,
            format!("`{label}` is not in the source"),
            None,
        );
    }

    fn subset(&mut self, path: &List<ModelPath>, candidate: &[String], source: &[String]) {
        for (n, x) in candidate.iter().enumerate() {
            if !source.iter().any(|y| same(x, y)) {
                self.report(
                    ViolationKind::Entry,
                    path.at(n),
                    x.clone(),
                    format!("`{x}` is not in the source"),
                    None,
                );
            }
        }
    }
}
