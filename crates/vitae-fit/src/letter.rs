//! Cover letters: one resume, one job, a structured letter in which every fact is traced.
//!
//! [`compose`] is deterministic and truthful by construction, like [`crate::tailor`]: the
//! connective sentences are fixed English phrasing ("I am writing to apply for the … position"),
//! and every fact inside them — the job's title and company, employers, role titles, dates,
//! achievements, skills, the degree, contact details — is copied from the resume or the job and
//! recorded as a [`Trace`] on the paragraph that states it. Nothing is computed that the resume
//! does not say: no years of experience, no totals, no praise of the company.
//!
//! The letter has an opening (the position applied for, the resume's headline), one or two
//! paragraphs of achievements, a paragraph on the skills the job names that the resume lists (and
//! the degree, when the posting asks for one), and a closing with the contact details:
//!
//! - achievements are the bullets of the resume being sent (`shown`, a variant's view) that name
//!   the job's skills and match it best, ranked by BM25 against the tailoring's weighted job
//!   query, at most [`LetterOptions::max_achievements`], the most recent employer with a match
//!   always among them. They are told by employer in the resume's order (most recent first): the
//!   first employer gets a paragraph, the others share one. A bullet is quoted verbatim, except
//!   that a leading past-tense verb is lower-cased to follow "I" and a final full stop is dropped;
//! - when no bullet matches, the shown summary stands in for them, verbatim;
//! - skills are compared by the vocabulary's canonical names and written as the resume spells
//!   them; each carries a trace into the resume and one into the job.
//!
//! Whatever is missing is left out, never made up: no company gives "Dear Hiring Manager," and
//! "the … position", no title "this position", an empty resume a short letter that only applies.
//!
//! [`verify_letter`] checks a letter — this one, a hand edit, an LLM's — against the resume and
//! the job: every trace must say what its path holds, and every number, name (employers,
//! schools), skill and degree in the text must come from the resume or the job. A skill only the
//! job names may appear only inside a quote of the job (its title, say), never as the applicant's.
//!
//! The module knows nothing of layout or output formats; vitae-render renders a [`Letter`].
//!
//! ```
//! use vitae_fit::keywords::Vocabulary;
//! use vitae_fit::letter::{LetterOptions, compose, verify_letter};
//!
//! let text = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n\
//!             experience:\n  - company: Acme\n    title: Backend Engineer\n\
//!             \x20   start_date: 2019-03\n    end_date: null\n    bullets:\n\
//!             \x20     - Built the Rust billing service on PostgreSQL\n";
//! let resume = vitae_core::load(text.as_bytes(), None, &Default::default()).unwrap().resume;
//! let job = vitae_fit::job::parse(
//!     "Senior Rust Engineer\nInitech · Berlin, Germany\n\nRequirements\n- Rust and PostgreSQL\n",
//! )
//! .unwrap();
//! let letter = compose(&resume, &resume, &job, Vocabulary::builtin(), &LetterOptions::default());
//! assert_eq!(letter.greeting, "Dear Hiring Team at Initech,");
//! assert_eq!(
//!     letter.paragraphs[1].text,
//!     "As a Backend Engineer at Acme (since March 2019), I built the Rust billing service on \
//!      PostgreSQL."
//! );
//! assert!(verify_letter(&resume, &job, &letter).is_empty());
//! ```

use crate::claims::{self, Evidence};
use crate::job::Job;
use crate::keywords::Vocabulary;
use crate::tailor::rank::{Bm25, Doc, Query};
use crate::tailor::terms::{Analysis, Term, degrees, skill_key, skill_keys};
use crate::tailor::{Violation, ViolationKind};
use serde::Serialize;
use std::collections::HashMap;
use vitae_core::date::{DateValue, PartialDate};
use vitae_core::model::{Experience, Resume};
use vitae_core::path::{ModelPath, ResumePath};

mod language;
use language::Phrases;
pub use language::{LANGUAGES, Language};

/// The start of every resume path a letter's traces carry.
fn root() -> ResumePath {
    ResumePath::root()
}

/// Achievements quoted at most, by default.
pub const DEFAULT_MAX_ACHIEVEMENTS: usize = 3;
/// Skills named at most in the skills paragraph.
pub const MAX_SKILLS: usize = 8;
/// A posting that names fewer skills the vocabulary knows than this has its achievements
/// chosen by words too ...
const FEW_SKILLS: usize = 3;
/// ... when a bullet says at least this many of the posting's words.
const WORDS_WITHOUT_SKILLS: usize = 3;

/// A cover letter. Every sentence that states a fact carries where the fact came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Letter {
    /// The language of the letter's own phrases (the resume's words are quoted as written).
    pub language: Language,
    /// The letter's date (an input; never the clock).
    pub date: Option<PartialDate>,
    /// Recipient address lines, e.g. `["Hiring Team", "Acme Corp", "Berlin, DE"]` (from the job
    /// and the options only).
    pub recipient: Vec<String>,
    /// e.g. "Application for Senior Backend Engineer" (the job's title), or `None`.
    pub subject: Option<String>,
    /// "Dear Hiring Team at Acme Corp," / "Dear Hiring Manager,"
    pub greeting: String,
    /// Opening + achievements, skills + a closing paragraph, in order.
    pub paragraphs: Vec<Paragraph>,
    /// "Sincerely,"
    pub closing: String,
    /// The sender's name from the resume (empty when the resume has none).
    pub signature: String,
    /// Where the facts of the recipient lines, subject, greeting and signature came from.
    pub sources: Vec<Trace>,
}

impl Letter {
    /// Every trace: the header's, then each paragraph's.
    pub fn traces(&self) -> impl Iterator<Item = &Trace> {
        self.sources
            .iter()
            .chain(self.paragraphs.iter().flat_map(|p| &p.sources))
    }
}

/// What a paragraph is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// The position applied for.
    Opening,
    /// Achievements quoted from the resume, by employer.
    Achievements,
    /// The resume's summary, when no achievement matches the job.
    Summary,
    /// The skills the job names that the resume lists; the degree.
    Skills,
    /// Thanks and contact details.
    Closing,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub text: String,
    pub sources: Vec<Trace>,
}

/// Where a fact came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Resume,
    Job,
    /// What the caller passed in [`LetterOptions`] (recipient name, company name).
    Options,
}

/// One fact and its origin: `text` occurs in the resume, the job or the options at `path`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Trace {
    pub from: Origin,
    /// `experience[0].bullets[2]`, `skills[1].items[0]`, `summary.base`, `basics.email`,
    /// `job.title`, `job.qualifications[1]`, `options.recipient_name`, ...
    pub path: String,
    pub text: String,
}

impl Trace {
    /// A fact copied from the resume, at `path` (built with [`ResumePath`], so it names a field).
    fn resume(path: impl Into<ModelPath>, text: &str) -> Trace {
        Trace {
            from: Origin::Resume,
            path: path.into().into_string(),
            text: text.to_owned(),
        }
    }

    fn job(path: impl Into<String>, text: &str) -> Trace {
        Trace {
            from: Origin::Job,
            path: path.into(),
            text: text.to_owned(),
        }
    }

    fn option(path: &str, text: &str) -> Trace {
        Trace {
            from: Origin::Options,
            path: path.to_owned(),
            text: text.to_owned(),
        }
    }
}

/// How to write the letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterOptions {
    /// The letter's date, as the caller knows it; the core never reads the clock.
    pub date: Option<PartialDate>,
    /// Whom to address, e.g. "Ms. Chen" ("Dear Ms. Chen,").
    pub recipient_name: Option<String>,
    /// The company's name; overrides the job's.
    pub company_name: Option<String>,
    /// Achievements quoted at most ([`DEFAULT_MAX_ACHIEVEMENTS`]).
    pub max_achievements: usize,
    /// The candidate's own sentence about why this company (`--why`), quoted as written after
    /// the opening: their word, which no resume or posting can check.
    pub why: Option<String>,
    /// The language the letter is written in.
    pub language: Language,
}

impl Default for LetterOptions {
    fn default() -> Self {
        LetterOptions {
            language: Language::En,
            date: None,
            recipient_name: None,
            company_name: None,
            max_achievements: DEFAULT_MAX_ACHIEVEMENTS,
            why: None,
        }
    }
}

/// Composes a cover letter for `job` from `shown`, the resume being sent (a variant's view of
/// `source`, or `source` itself). Paths in the traces are paths into `source`; what `shown`
/// holds that `source` does not is never used, since it could not be traced.
pub fn compose(
    source: &Resume,
    shown: &Resume,
    job: &Job,
    vocabulary: &Vocabulary,
    options: &LetterOptions,
) -> Letter {
    let query = Query::new(job, vocabulary);
    let title = nonempty(job.title.as_deref()).map(|t| Fact::new(t, Trace::job("job.title", t)));
    let company = match nonempty(options.company_name.as_deref()) {
        Some(c) => Some(Fact::new(c, Trace::option("options.company_name", c))),
        None => {
            nonempty(job.company.as_deref()).map(|c| Fact::new(c, Trace::job("job.company", c)))
        }
    };
    let recipient_name = nonempty(options.recipient_name.as_deref())
        .map(|n| Fact::new(n, Trace::option("options.recipient_name", n)));

    let p = options.language.phrases();
    let mut header = Vec::new();
    let recipient = recipient_lines(
        job,
        recipient_name.as_ref(),
        company.as_ref(),
        p,
        &mut header,
    );
    let subject = title.as_ref().map(|t| {
        let mut w = Writer::default();
        w.fill(p.subject, &[("title", Some(&t.into()))]);
        for t in &w.sources {
            cite(&mut header, t);
        }
        w.text
    });
    let mut greeting = Writer::default();
    match (&recipient_name, &company) {
        (Some(name), _) => greeting.fill(p.dear_name, &[("name", Some(&name.into()))]),
        (None, Some(company)) => {
            greeting.fill(p.dear_company, &[("company", Some(&company.into()))]);
        }
        (None, None) => greeting.say(p.dear_anyone),
    }
    for t in greeting.sources.drain(..) {
        cite(&mut header, &t);
    }
    let signature = source.basics.name.trim().to_owned();
    if !signature.is_empty() {
        header.push(Trace::resume(root().basics().name(), &signature));
    }

    let variety = variety(source, title.as_ref(), company.as_ref());
    let mut paragraphs = Vec::new();
    paragraphs.extend(opening(
        source,
        title.as_ref(),
        company.as_ref(),
        options.language,
        variety,
    ));
    if let Some(why) = nonempty(options.why.as_deref()) {
        // Quoted whole, as its own paragraph: the candidate's word, traced to the option.
        let mut w = Writer::default();
        w.fact(&Fact::new(why, Trace::option("options.why", why)));
        paragraphs.extend(w.finish(ParagraphKind::Opening));
    }
    let chosen = achievements(source, shown, &query, vocabulary, options.max_achievements);
    if chosen.is_empty() {
        paragraphs.extend(summary(source, shown));
    } else {
        paragraphs.extend(achievement_paragraphs(source, &chosen, options.language));
    }
    paragraphs.extend(skills_paragraph(
        source, shown, job, vocabulary, &query, options, variety,
    ));
    paragraphs.push(closing(source, title.as_ref(), p));

    Letter {
        language: options.language,
        date: options.date,
        recipient,
        subject,
        greeting: greeting.text,
        paragraphs,
        closing: p.closing.to_owned(),
        signature,
        sources: header,
    }
}

/// A fact as written in the letter, with its trace.
#[derive(Debug, Clone)]
struct Fact {
    text: String,
    trace: Trace,
}

impl Fact {
    fn new(text: &str, trace: Trace) -> Fact {
        Fact {
            text: text.to_owned(),
            trace,
        }
    }
}

fn nonempty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

fn cite(sources: &mut Vec<Trace>, trace: &Trace) {
    if !sources.contains(trace) {
        sources.push(trace.clone());
    }
}

/// A paragraph being written: its text and the traces of the facts it states.
#[derive(Default)]
struct Writer {
    text: String,
    sources: Vec<Trace>,
}

impl Writer {
    fn say(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn fact(&mut self, fact: &Fact) {
        self.text.push_str(&fact.text);
        cite(&mut self.sources, &fact.trace);
    }

    fn cite(&mut self, trace: Trace) {
        cite(&mut self.sources, &trace);
    }

    /// Starts a new sentence after the ones written.
    fn sentence(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    fn finish(self, kind: ParagraphKind) -> Option<Paragraph> {
        let text = self.text.trim().to_owned();
        (!text.is_empty()).then_some(Paragraph {
            kind,
            text,
            sources: self.sources,
        })
    }

    /// Writes `template` (the syntax is in [`language`]) with `slots`, citing each slot's traces;
    /// a `[…]` part that names a slot missing or `None` is left out.
    fn fill(&mut self, template: &str, slots: &[(&str, Option<&Part>)]) {
        let slot = |name: &str| slots.iter().find(|(n, _)| *n == name).and_then(|(_, p)| *p);
        let mut rest = template;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let end = after.find(']').unwrap_or(after.len());
                let inner = &after[..end];
                if placeholders(inner).all(|name| slot(name).is_some()) {
                    self.fill(inner, slots);
                }
                rest = after.get(end + 1..).unwrap_or_default();
            } else if let Some(after) = rest.strip_prefix('{') {
                let end = after.find('}').unwrap_or(after.len());
                let spec = &after[..end];
                let (modifier, name) = spec.split_once(':').unwrap_or(("", spec));
                if let Some(part) = slot(name) {
                    match modifier {
                        "a" => self.say(&title_article(&part.text)),
                        "the" => self.say(name_article(&part.text)),
                        // French elides "que" and "de" before a vowel: "qu'Engineering
                        // Manager", "d'Architecte".
                        "que" | "de" => {
                            let vowel =
                                part.text.chars().next().is_some_and(|c| {
                                    "aeiouyàâéèêëîïôûüAEIOUYÀÂÉÈÊËÎÏÔÛÜ".contains(c)
                                });
                            self.say(modifier.strip_suffix('e').unwrap_or(modifier));
                            self.say(if vowel { "'" } else { "e " });
                        }
                        _ => {}
                    }
                    self.say(&part.text);
                    for t in &part.sources {
                        self.cite(t.clone());
                    }
                }
                rest = after.get(end + 1..).unwrap_or_default();
            } else {
                let end = rest.find(['[', '{']).unwrap_or(rest.len());
                self.say(&rest[..end]);
                rest = &rest[end..];
            }
        }
    }

    fn part(self) -> Part {
        Part {
            text: self.text,
            sources: self.sources,
        }
    }
}

/// What fills a template's slot: a fact, or a phrase already filled, with their traces.
#[derive(Debug, Clone, Default)]
struct Part {
    text: String,
    sources: Vec<Trace>,
}

impl From<&Fact> for Part {
    fn from(f: &Fact) -> Part {
        Part {
            text: f.text.clone(),
            sources: vec![f.trace.clone()],
        }
    }
}

/// The slot names of a template ("a:title" names `title`).
fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}'))
        .map(|(spec, _)| spec.split_once(':').map_or(spec, |(_, name)| name))
}

/// The text with its first letter upper-cased.
fn capitalized(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The recipient's lines: the name (or "Hiring Team" when the company is known), the company,
/// and the job's address when there is someone to address.
fn recipient_lines(
    job: &Job,
    name: Option<&Fact>,
    company: Option<&Fact>,
    phrases: &Phrases,
    sources: &mut Vec<Trace>,
) -> Vec<String> {
    let mut lines = Vec::new();
    match (name, company) {
        (Some(name), _) => {
            lines.push(name.text.clone());
            cite(sources, &name.trace);
        }
        (None, Some(_)) => lines.push(phrases.hiring_team.to_owned()),
        (None, None) => {}
    }
    if let Some(company) = company {
        lines.push(company.text.clone());
        cite(sources, &company.trace);
    }
    if lines.is_empty() {
        return lines;
    }
    let loc = &job.location;
    let address = nonempty(loc.address.as_deref());
    for line in address.into_iter().flat_map(str::lines) {
        let line = line.trim();
        if !line.is_empty() {
            lines.push(line.to_owned());
            cite(sources, &Trace::job("job.location.address", line));
        }
    }
    // A postal code means something only under a street address.
    let mut locality: Vec<String> = Vec::new();
    let city = nonempty(loc.city.as_deref());
    let postal = address.and(nonempty(loc.postal_code.as_deref()));
    match (postal, city) {
        (Some(p), Some(c)) => locality.push(format!("{p} {c}")),
        (Some(p), None) => locality.push(p.to_owned()),
        (None, Some(c)) => locality.push(c.to_owned()),
        (None, None) => {}
    }
    for (path, value) in [
        ("job.location.postal_code", postal),
        ("job.location.city", city),
    ] {
        if let Some(v) = value {
            cite(sources, &Trace::job(path, v));
        }
    }
    for (path, value) in [
        ("job.location.region", nonempty(loc.region.as_deref())),
        (
            "job.location.country_code",
            nonempty(loc.country_code.as_deref()),
        ),
    ] {
        // "Berlin, Berlin" says nothing twice.
        if let Some(v) = value
            && !city.is_some_and(|c| c.eq_ignore_ascii_case(v))
        {
            locality.push(v.to_owned());
            cite(sources, &Trace::job(path, v));
        }
    }
    if !locality.is_empty() {
        lines.push(locality.join(", "));
    }
    lines
}

/// A number chosen by the job and the candidate, to choose among phrasings: the same every time
/// for them (a letter is reproducible), different across postings.
fn variety(source: &Resume, title: Option<&Fact>, company: Option<&Fact>) -> u64 {
    // FNV-1a over the names: stable across runs and platforms, unlike `DefaultHasher`.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [
        title.map_or("", |t| t.text.as_str()),
        company.map_or("", |c| c.text.as_str()),
        source.basics.name.as_str(),
    ] {
        for b in part.bytes().chain([0]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// "I am writing to apply for the {title} position at {company}." (or another of the
/// language's openings, by `variety`) and the resume's headline.
fn opening(
    source: &Resume,
    title: Option<&Fact>,
    company: Option<&Fact>,
    language: Language,
    variety: u64,
) -> Option<Paragraph> {
    let p = language.phrases();
    let mut w = Writer::default();
    let (titled, untitled) = p.openings[(variety % p.openings.len() as u64) as usize];
    let template = if title.is_some() { titled } else { untitled };
    let (title, company) = (title.map(Part::from), company.map(Part::from));
    w.fill(
        template,
        &[("title", title.as_ref()), ("company", company.as_ref())],
    );
    if let Some(label) = nonempty(source.basics.label.as_deref())
        && headline(label)
    {
        w.sentence();
        let label = Fact::new(label, Trace::resume(root().basics().label(), label));
        w.fill(p.headline, &[("label", Some(&(&label).into()))]);
    }
    w.finish(ParagraphKind::Opening)
}

/// A label that reads as a job title after "I am a": not a list of keywords ("Engineer | Rust").
fn headline(label: &str) -> bool {
    !label.contains(['|', '·', '•', '/', ';']) && label.split_whitespace().count() <= 8
}

/// The indefinite article a title takes in "as … at", with its space: "a Staff Engineer ", "an
/// SRE "; none for a role there is one of ("as Head of Data", "as CTO", "as Founder").
fn title_article(title: &str) -> String {
    let first = title
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let unique = matches!(
        first.as_str(),
        "head"
            | "chief"
            | "ceo"
            | "cto"
            | "cfo"
            | "coo"
            | "cio"
            | "founder"
            | "co-founder"
            | "cofounder"
            | "president"
            | "the"
            | "a"
            | "an"
    );
    if unique {
        String::new()
    } else {
        format!("{} ", article(title))
    }
}

/// "the " before an organisation whose name reads as a description ("the University of
/// Illinois", "the Allen Institute for AI"); nothing before a proper name ("Stripe", "Stanford
/// University") or one that has its own article.
fn name_article(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    if lower.starts_with("the ") {
        return "";
    }
    const DESCRIPTIVE: &[&str] = &[
        "university of",
        "institute",
        "foundation",
        "laboratory",
        "laboratories",
        "centre",
        "center",
        "agency",
        "department",
        "ministry",
        "bureau",
        "council",
        "commission",
        "office of",
        "college of",
        "school of",
    ];
    let has = |w: &str| {
        lower.match_indices(w).any(|(i, _)| {
            (i == 0 || lower.as_bytes()[i - 1] == b' ') && {
                let end = i + w.len();
                end == lower.len() || lower.as_bytes()[end] == b' '
            }
        })
    };
    if DESCRIPTIVE.iter().any(|w| has(w)) {
        "the "
    } else {
        ""
    }
}

/// "a" or "an" before a title, by its first letter (acronyms by the letter's name: "an SRE").
fn article(word: &str) -> &'static str {
    let first = word.split_whitespace().next().unwrap_or_default();
    let acronym = first.chars().count() >= 2 && first.chars().all(|c| c.is_ascii_uppercase());
    let c = first.chars().next().unwrap_or('x');
    let vowel = if acronym {
        "AEFHILMNORSX".contains(c)
    } else {
        "aeiouAEIOU".contains(c)
    };
    if vowel { "an" } else { "a" }
}

/// A bullet of `shown` chosen for the letter, located in `source`.
#[derive(Debug, Clone)]
struct Achievement<'r> {
    entry: usize,
    bullet: usize,
    text: &'r str,
    score: f64,
}

/// Where an experience entry of `shown` is in `source`: at the same index when it is the same
/// job (a variant's view keeps every entry), else the first same job.
fn source_entry(source: &Resume, index: usize, e: &Experience) -> Option<usize> {
    let same = |s: &Experience| {
        s.company == e.company && s.title == e.title && s.start == e.start && s.end == e.end
    };
    if source.experience.get(index).is_some_and(same) {
        return Some(index);
    }
    source.experience.iter().position(same)
}

/// The bullets of `shown` that match the job best: BM25 against the tailoring's query (skills
/// by canonical name, a bullet's `skills` list confirming its text), best first, ties in source
/// order; only bullets that match at least one of the job's skills (or, for a posting that
/// names fewer than [`FEW_SKILLS`] the vocabulary knows, [`WORDS_WITHOUT_SKILLS`] of its words);
/// the most recent employer with such a bullet always among them (when two or more are wanted).
fn achievements<'r>(
    source: &Resume,
    shown: &'r Resume,
    query: &Query,
    vocabulary: &Vocabulary,
    max: usize,
) -> Vec<Achievement<'r>> {
    let mut found: Vec<Achievement<'r>> = Vec::new();
    let mut docs: Vec<Doc> = Vec::new();
    for (i, e) in shown.experience.iter().enumerate() {
        let Some(si) = source_entry(source, i, e) else {
            continue;
        };
        for b in &e.bullets {
            let Some(sj) = source.experience[si]
                .bullets
                .iter()
                .position(|s| s.text == b.text)
            else {
                continue;
            };
            if b.text.trim().is_empty() || found.iter().any(|a| (a.entry, a.bullet) == (si, sj)) {
                continue;
            }
            let mut doc = Doc::new(
                Analysis::new(&b.text, vocabulary)
                    .terms
                    .into_iter()
                    .map(|(t, _)| t),
            );
            for s in &b.skills {
                for key in skill_keys(vocabulary, s) {
                    doc.confirm(Term::Skill(key));
                }
            }
            docs.push(doc);
            found.push(Achievement {
                entry: si,
                bullet: sj,
                text: &b.text,
                score: 0.0,
            });
        }
    }
    let bm = Bm25::new(&docs);
    // A posting that names few skills the vocabulary knows (a nursing post, most roles outside
    // software) is matched by its words instead, but only by several of them.
    let few_skills = query
        .terms
        .iter()
        .filter(|t| matches!(t.term, Term::Skill(_)))
        .count()
        < FEW_SKILLS;
    for (a, doc) in found.iter_mut().zip(&docs) {
        let scored = bm.score(doc, query);
        // An achievement is chosen for the job's skills, as the tailoring chooses projects:
        // sharing a common word ("design", "team") with the posting is not enough.
        let words = scored.matched.len() - scored.skills;
        let chosen = scored.skills > 0 || (few_skills && words >= WORDS_WITHOUT_SKILLS);
        a.score = if chosen { scored.score } else { 0.0 };
    }
    found.retain(|a| a.score > 0.0);
    found.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then((a.entry, a.bullet).cmp(&(b.entry, b.bullet)))
    });
    // The most recent employer with a match leads the letter even when older, shorter bullets
    // score higher (BM25 favours short texts): a reader first wants to know what the applicant
    // does now. Its best bullet takes the place of the weakest pick.
    let recent = found.iter().map(|a| a.entry).min();
    let mut chosen: Vec<Achievement<'r>> = found.iter().take(max).cloned().collect();
    if let Some(recent) = recent
        && max >= 2
        && !chosen.iter().any(|a| a.entry == recent)
        && let Some(best) = found.iter().find(|a| a.entry == recent)
    {
        chosen.pop();
        chosen.push(best.clone());
    }
    chosen
}

/// The achievements by employer, in the resume's order (most recent first, as resumes list
/// them), each employer's best first: the first employer in one paragraph, the others in a
/// second.
fn achievement_paragraphs(
    source: &Resume,
    chosen: &[Achievement<'_>],
    language: Language,
) -> Vec<Paragraph> {
    let mut groups: Vec<(usize, Vec<&Achievement<'_>>)> = Vec::new();
    for a in chosen {
        match groups.iter_mut().find(|(e, _)| *e == a.entry) {
            Some((_, list)) => list.push(a),
            None => groups.push((a.entry, vec![a])),
        }
    }
    groups.sort_by_key(|(entry, _)| *entry);
    let mut out = Vec::new();
    let mut rest = groups.iter();
    let mut previous: Option<usize> = None;
    if let Some((entry, list)) = rest.next() {
        let mut w = Writer::default();
        role(&mut w, source, *entry, list, None, language);
        out.extend(w.finish(ParagraphKind::Achievements));
        previous = Some(*entry);
    }
    let mut w = Writer::default();
    let mut connectives = language.phrases().earlier.into_iter();
    for (entry, list) in rest {
        // "Earlier," only when the dates say so.
        let earlier = previous.is_some_and(|p| {
            match (
                start_key(&source.experience[*entry]),
                start_key(&source.experience[p]),
            ) {
                (Some(a), Some(b)) => a < b,
                _ => false,
            }
        });
        let connective = if earlier { connectives.next() } else { None };
        w.sentence();
        role(&mut w, source, *entry, list, connective, language);
        previous = Some(*entry);
    }
    out.extend(w.finish(ParagraphKind::Achievements));
    out
}

fn start_key(e: &Experience) -> Option<(u16, u8, u8)> {
    e.start
        .as_ref()
        .and_then(DateValue::as_date)
        .map(|d| d.key())
}

/// The sentences of one employer: "As {title} at {company} ({dates}), I {bullet}. I also …",
/// inside `connective` ("Earlier, {role}") when given. English turns a bullet that opens with a
/// past-tense verb into a clause after "I"; every other bullet, and every bullet in the other
/// languages, is quoted as written after the language's lead ("…: ").
fn role(
    w: &mut Writer,
    source: &Resume,
    entry: usize,
    list: &[&Achievement<'_>],
    connective: Option<&str>,
    language: Language,
) {
    let p = language.phrases();
    let e = &source.experience[entry];
    let at = root().experience().at(entry);
    let title = nonempty(e.title.as_deref()).map(|t| Fact::new(t, Trace::resume(at.title(), t)));
    let company = nonempty(Some(&e.company)).map(|c| Fact::new(c, Trace::resume(at.company(), c)));
    let (title, company) = (
        title.as_ref().map(Part::from),
        company.as_ref().map(Part::from),
    );
    let has_intro = title.is_some() || company.is_some();
    let mut intro = Writer::default();
    if has_intro {
        let dates = period(e, entry, p);
        let mut named = Writer::default();
        named.fill(
            p.role,
            &[
                ("title", title.as_ref()),
                ("company", company.as_ref()),
                ("dates", dates.as_ref()),
            ],
        );
        let mut role = named.part();
        // Without a title, the role starts at its company's part (" at Acme").
        role.text = role.text.trim_start().to_owned();
        match connective {
            Some(c) => intro.fill(c, &[("role", Some(&role))]),
            None => {
                intro.say(&capitalized(&role.text));
                for t in role.sources {
                    intro.cite(t);
                }
            }
        }
    }
    // The lead is in the connective for the languages that quote (their "Earlier" phrases end
    // with it); English adds its own after the role.
    let lead_given = connective.is_some() && language != Language::En;
    for (n, a) in list.iter().enumerate() {
        let trace = Trace::resume(at.bullets().at(a.bullet), a.text);
        w.sentence();
        let clause = (language == Language::En).then(|| clause(a.text)).flatten();
        if n == 0 {
            w.say(&intro.text);
            for t in intro.sources.drain(..) {
                w.cite(t);
            }
            match (&clause, has_intro) {
                (Some(c), true) => w.say(&format!(", I {c}")),
                (Some(c), false) => w.say(&format!("I {c}")),
                (None, true) if lead_given => w.say(statement(a.text)),
                (None, true) => {
                    w.say(p.role_lead);
                    w.say(statement(a.text));
                }
                (None, false) => w.say(statement(a.text)),
            }
        } else {
            match (&clause, n) {
                (Some(c), 1) => w.say(&format!("I also {c}")),
                (Some(c), _) => w.say(&format!("In addition, I {c}")),
                (None, _) => {
                    w.say(p.also[(n - 1).min(1)]);
                    w.say(statement(a.text));
                }
            }
        }
        end_sentence(w);
        w.cite(trace);
    }
}

/// The bullet without a final full stop (or semicolon).
fn statement(text: &str) -> &str {
    let t = text.trim();
    t.strip_suffix(['.', ';', ',']).unwrap_or(t).trim_end()
}

/// Ends a sentence unless the quoted text ended it already ("!" or "?").
fn end_sentence(w: &mut Writer) {
    if !w.text.ends_with(['.', '!', '?']) {
        w.text.push('.');
    }
}

/// Past tenses of irregular verbs that open resume bullets; regular ones end in "ed".
const IRREGULAR_PAST: &[&str] = &[
    "began", "brought", "built", "chose", "cut", "drove", "found", "gave", "grew", "held", "kept",
    "led", "made", "met", "ran", "rebuilt", "rewrote", "sold", "set", "spent", "split", "taught",
    "took", "won", "wrote",
];

/// A bullet that opens with a past-tense verb, as a clause to follow "I": the verb lower-cased,
/// the final full stop dropped, every other character as written. `None` for any other bullet
/// (a noun phrase, an acronym, a name), which is quoted as a sentence of its own.
fn clause(text: &str) -> Option<String> {
    let text = statement(text);
    let first = text.split_whitespace().next()?;
    let mut chars = first.chars();
    let initial = chars.next()?;
    let rest: String = chars.collect();
    let plain = rest.chars().all(|c| c.is_lowercase() || c == '-');
    if !initial.is_uppercase() || !plain || rest.is_empty() {
        return None;
    }
    let lower = first.to_lowercase();
    let past = (lower.len() > 3 && lower.ends_with("ed")) || IRREGULAR_PAST.contains(&&*lower);
    if !past {
        return None;
    }
    Some(
        initial
            .to_lowercase()
            .chain(text[initial.len_utf8()..].chars())
            .collect(),
    )
}

/// "March 2022", or "2022" for a year, in the letter's language.
fn month_year(d: PartialDate, p: &Phrases) -> String {
    match d.month {
        Some(m) if (1..=12).contains(&m) => p
            .month_year
            .replace("{month}", p.months[usize::from(m) - 1])
            .replace("{year}", &d.year.to_string()),
        _ => d.year.to_string(),
    }
}

/// A job's dates as the letter writes them ("since March 2022", "March 2019 – February 2022"),
/// with their traces; `None` when the resume gives no usable start or end.
fn period(e: &Experience, entry: usize, p: &Phrases) -> Option<Part> {
    let start = e.start.as_ref().and_then(DateValue::as_date);
    let end = e.end.as_ref();
    let at = root().experience().at(entry);
    let trace = |path: ModelPath, d: &DateValue| Trace::resume(path, &d.to_string());
    let mut sources = Vec::new();
    if let (Some(_), Some(s)) = (start, &e.start) {
        sources.push(trace(at.start(), s));
    }
    let dates = |template: &str, d: PartialDate| template.replace("{dates}", &month_year(d, p));
    let text = match (start, end) {
        (Some(s), Some(DateValue::Present)) => dates(p.since, s),
        (Some(s), Some(end @ DateValue::Date(d))) => {
            sources.push(trace(at.end(), end));
            format!("{} – {}", month_year(s, p), month_year(*d, p))
        }
        (Some(s), _) => dates(p.from, s),
        (None, Some(end @ DateValue::Date(d))) => {
            sources.push(trace(at.end(), end));
            dates(p.until, *d)
        }
        (None, _) => return None,
    };
    Some(Part { text, sources })
}

/// The shown summary, verbatim, when no achievement matches the job.
fn summary(source: &Resume, shown: &Resume) -> Option<Paragraph> {
    let text = nonempty(shown.summary.base.as_deref())?;
    let summary = root().summary();
    let path = if nonempty(source.summary.base.as_deref()) == Some(text) {
        summary.base()
    } else {
        let (key, _) = source
            .summary
            .variants
            .iter()
            .find(|(_, v)| v.trim() == text)?;
        summary.variants().key(key)
    };
    let mut w = Writer::default();
    w.fact(&Fact::new(text, Trace::resume(path, text)));
    end_sentence(&mut w);
    w.finish(ParagraphKind::Summary)
}

/// A skill both the job and the resume name.
struct SkillMatch {
    /// As the resume spells it.
    name: String,
    resume: Trace,
    job: Trace,
}

/// "Of the skills your posting names, my resume lists …", and the degree when the posting asks
/// for one.
fn skills_paragraph(
    source: &Resume,
    shown: &Resume,
    job: &Job,
    vocabulary: &Vocabulary,
    query: &Query,
    options: &LetterOptions,
    variety: u64,
) -> Option<Paragraph> {
    let p = options.language.phrases();
    let mut matched: Vec<SkillMatch> = Vec::new();
    for t in &query.terms {
        let Term::Skill(key) = &t.term else { continue };
        let Some((name, resume)) = resume_skill(source, shown, vocabulary, key) else {
            continue;
        };
        let Some(job) = job_skill(job, vocabulary, key) else {
            continue;
        };
        if !matched.iter().any(|m| m.name.eq_ignore_ascii_case(&name)) {
            matched.push(SkillMatch { name, resume, job });
        }
        if matched.len() == MAX_SKILLS {
            break;
        }
    }
    let mut w = Writer::default();
    if !matched.is_empty() {
        let mut list = Writer::default();
        for (i, m) in matched.iter().enumerate() {
            if i > 0 {
                list.say(if i + 1 == matched.len() {
                    language::conjunction(options.language, p.and, &m.name)
                } else {
                    ", "
                });
            }
            list.say(&m.name);
            list.cite(m.resume.clone());
            list.cite(m.job.clone());
        }
        // Chosen apart from the opening, so that the two do not always come in pairs. One skill
        // takes the first phrase: the others speak of several ("each of which", "each of them").
        let phrase = if matched.len() == 1 {
            p.skills[0]
        } else {
            p.skills[((variety >> 16) % p.skills.len() as u64) as usize]
        };
        w.fill(phrase, &[("list", Some(&list.part()))]);
    }
    let asks_degree = job_texts(job).iter().any(|(_, t)| !degrees(t).is_empty());
    if asks_degree {
        degree(&mut w, source, shown, options.date, p);
    }
    w.finish(ParagraphKind::Skills)
}

/// "I earned my {degree} in {field} from {institution}." for the first degree the shown resume
/// lists; "earned" only when it ended by the letter's date.
fn degree(w: &mut Writer, source: &Resume, shown: &Resume, date: Option<PartialDate>, p: &Phrases) {
    let Some((i, e)) = shown
        .education
        .iter()
        .filter(|e| nonempty(e.degree.as_deref()).is_some())
        .find_map(|e| Some((source.education.iter().position(|s| s == e)?, e)))
    else {
        return;
    };
    let at = root().education().at(i);
    let part =
        |path: ModelPath, text: &str| Part::from(&Fact::new(text, Trace::resume(path, text)));
    let Some(degree) = nonempty(e.degree.as_deref()).map(|d| part(at.degree(), d)) else {
        return;
    };
    let field = nonempty(e.field.as_deref()).map(|f| part(at.field(), f));
    let institution = nonempty(Some(&e.institution)).map(|s| part(at.institution(), s));
    let ended = match &e.end {
        Some(end @ DateValue::Date(d)) => date
            .is_none_or(|today| d.key() <= today.key())
            .then_some(end),
        _ => None,
    };
    let template = match (ended, &e.end) {
        (Some(_), _) => p.degree_earned,
        (None, Some(DateValue::Present)) => p.degree_ongoing,
        (None, _) => p.degree_other,
    };
    w.sentence();
    w.fill(
        template,
        &[
            ("degree", Some(&degree)),
            ("field", field.as_ref()),
            ("institution", institution.as_ref()),
        ],
    );
    if let Some(end) = ended {
        w.cite(Trace::resume(at.end(), &end.to_string()));
    }
}

/// Where the shown resume names the skill `key`: its skills section first (as the item is
/// written), then a bullet's skills list, then a bullet's text, then a project's technologies.
/// Paths are into `source`.
fn resume_skill(
    source: &Resume,
    shown: &Resume,
    vocabulary: &Vocabulary,
    key: &str,
) -> Option<(String, Trace)> {
    let has = |name: &str| skill_keys(vocabulary, name).iter().any(|k| k == key);
    for cat in &shown.skills {
        let Some(ci) = source
            .skills
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(&cat.name))
        else {
            continue;
        };
        for item in &cat.items {
            let Some(ii) = source.skills[ci].items.iter().position(|s| s == item) else {
                continue;
            };
            let path = root().skills().at(ci).items().at(ii);
            if has(&item.name) {
                let name = item.name.trim();
                return Some((name.to_owned(), Trace::resume(path.path(), name)));
            }
            for (k, kw) in item.keywords.iter().enumerate() {
                if has(kw) {
                    let kw = kw.trim();
                    return Some((kw.to_owned(), Trace::resume(path.keywords().at(k), kw)));
                }
            }
        }
    }
    let mut bullets = Vec::new();
    for (i, e) in shown.experience.iter().enumerate() {
        let Some(si) = source_entry(source, i, e) else {
            continue;
        };
        for b in &e.bullets {
            if let Some(sj) = source.experience[si].bullets.iter().position(|s| s == b) {
                bullets.push((root().experience().at(si).bullets().at(sj), b));
            }
        }
    }
    for (path, b) in &bullets {
        for (k, s) in b.skills.iter().enumerate() {
            if has(s) {
                let s = s.trim();
                return Some((s.to_owned(), Trace::resume(path.skills().at(k), s)));
            }
        }
    }
    for (path, b) in &bullets {
        if let Some(f) = vocabulary
            .find(&b.text)
            .into_iter()
            .find(|f| f.canonical == key)
        {
            return Some((
                b.text[f.start..f.end].to_owned(),
                Trace::resume(path.path(), &b.text),
            ));
        }
    }
    for p in &shown.projects {
        let Some(pi) = source.projects.iter().position(|s| s == p) else {
            continue;
        };
        for (k, t) in p.technologies.iter().enumerate() {
            if has(t) {
                let t = t.trim();
                return Some((
                    t.to_owned(),
                    Trace::resume(root().projects().at(pi).technologies().at(k), t),
                ));
            }
        }
    }
    None
}

/// Where the job names the skill `key`, as the job spells it: the posting's texts in order of
/// weight, then its skills list.
fn job_skill(job: &Job, vocabulary: &Vocabulary, key: &str) -> Option<Trace> {
    for (path, text) in job_fields(job) {
        if let Some(f) = vocabulary
            .find(text)
            .into_iter()
            .find(|f| f.canonical == key)
        {
            return Some(Trace::job(path, &text[f.start..f.end]));
        }
        if skill_key(vocabulary, text) == key {
            return Some(Trace::job(path, text.trim()));
        }
    }
    None
}

/// Thanks, the position, and how to reach the sender.
fn closing(source: &Resume, title: Option<&Fact>, p: &Phrases) -> Paragraph {
    let mut w = Writer::default();
    match title {
        Some(t) => w.fill(p.thanks_title, &[("title", Some(&t.into()))]),
        None => w.say(p.thanks),
    }
    let b = &source.basics;
    let email = nonempty(b.email.as_deref())
        .map(|e| Fact::new(e, Trace::resume(root().basics().email(), e)));
    let phone = nonempty(b.phone.as_deref())
        .map(|p| Fact::new(p, Trace::resume(root().basics().phone(), p)));
    let mut contact = Writer::default();
    for (i, fact) in email.iter().chain(&phone).enumerate() {
        if i > 0 {
            contact.say(p.or);
        }
        contact.fact(fact);
    }
    if !contact.text.is_empty() {
        w.sentence();
        w.fill(p.reach, &[("contact", Some(&contact.part()))]);
    }
    Paragraph {
        kind: ParagraphKind::Closing,
        text: w.text,
        sources: w.sources,
    }
}

/// The posting's own texts, by path, heaviest part first: what a posting asks for in words.
fn job_texts(job: &Job) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    out.extend(job.title.as_deref().map(|t| ("job.title".to_owned(), t)));
    for (name, list) in [
        ("qualifications", &job.qualifications),
        ("responsibilities", &job.responsibilities),
        ("nice_to_have", &job.nice_to_have),
    ] {
        for (i, t) in list.iter().enumerate() {
            out.push((format!("job.{name}[{i}]"), t));
        }
    }
    out.extend(
        job.description
            .as_deref()
            .map(|t| ("job.description".to_owned(), t)),
    );
    out
}

/// Every text of the job, by path: its own texts, then its skills list, company, location and
/// the rest.
fn job_fields(job: &Job) -> Vec<(String, &str)> {
    let mut out = job_texts(job);
    for (i, s) in job.skills.iter().enumerate() {
        out.push((format!("job.skills[{i}].name"), &s.name));
        for (k, kw) in s.keywords.iter().enumerate() {
            out.push((format!("job.skills[{i}].keywords[{k}]"), kw));
        }
    }
    let loc = &job.location;
    for (path, value) in [
        ("job.company", &job.company),
        ("job.location.address", &loc.address),
        ("job.location.postal_code", &loc.postal_code),
        ("job.location.city", &loc.city),
        ("job.location.region", &loc.region),
        ("job.location.country_code", &loc.country_code),
        ("job.url", &job.url),
    ] {
        out.extend(value.as_deref().map(|v| (path.to_owned(), v)));
    }
    out.extend(
        job.salary
            .as_ref()
            .map(|s| ("job.salary.text".to_owned(), s.text.as_str())),
    );
    out.extend(
        job.employment_type
            .as_ref()
            .map(|t| ("job.employment_type".to_owned(), t.label())),
    );
    out.extend(
        job.seniority
            .as_ref()
            .map(|s| ("job.seniority".to_owned(), s.label())),
    );
    out
}

/// The text of the resume at `path`: a field's text, or for a bullet its text and for a skill
/// its name (the paths [`compose`] writes point at those records).
fn resume_field(texts: &HashMap<String, String>, path: &str) -> Option<String> {
    let record = |field: &str| texts.get(&format!("{path}.{field}"));
    texts
        .get(path)
        .or_else(|| record("text"))
        .or_else(|| record("name"))
        .cloned()
}

/// Verifies `letter` against the resume and the job with the built-in skills vocabulary.
pub fn verify_letter(source: &Resume, job: &Job, letter: &Letter) -> Vec<Violation> {
    verify_letter_with(source, job, letter, Vocabulary::builtin())
}

/// Verifies `letter` against `source` and `job`, finding skills with `vocabulary`. Reports, each
/// with the letter path it is at (`paragraphs[2]`, `greeting`, `sources[0]`):
///
/// - a trace whose text is not at its path in the resume or the job (an options trace is the
///   caller's word and is taken as given);
/// - a number or metric neither the resume nor the job has (same value, same unit);
/// - a name (a capitalised word inside a sentence, an acronym) neither the resume, the job nor
///   the options use: an employer or school the resume never mentions ("at Google");
/// - a skill the resume never mentions, unless it stands inside a quote of the job;
/// - a degree the resume does not have, unless it stands inside a quote of the job.
pub fn verify_letter_with(
    source: &Resume,
    job: &Job,
    letter: &Letter,
    vocabulary: &Vocabulary,
) -> Vec<Violation> {
    let fields = job_fields(job);
    let mut evidence = Evidence::new(source, vocabulary);
    evidence.add_job(
        fields.iter().map(|(_, text)| *text),
        job.skill_names(),
        vocabulary,
    );
    evidence.add_frame(letter.language.phrases().words());
    for t in letter.traces().filter(|t| t.from == Origin::Options) {
        evidence.add_caller_words(&t.text);
    }
    // The employer's name: the caller's, else the posting's.
    let company = letter
        .traces()
        .find(|t| t.from == Origin::Options && t.path == "options.company_name")
        .map(|t| t.text.as_str())
        .or(job.company.as_deref());
    let mut out: Vec<Violation> = Vec::new();
    let mut report = |kind, path: &str, found: &str, message: String, maps_to: Option<&str>| {
        let v = Violation {
            kind,
            path: path.to_owned(),
            found: found.to_owned(),
            message,
            maps_to: maps_to.map(str::to_owned),
        };
        if !out.contains(&v) {
            out.push(v);
        }
    };

    // The resume's texts by path, built once and only when a trace points into the resume.
    let mut texts = None;
    let traces = letter
        .sources
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("sources[{i}]"), t))
        .chain(letter.paragraphs.iter().enumerate().flat_map(|(p, para)| {
            para.sources
                .iter()
                .enumerate()
                .map(move |(i, t)| (format!("paragraphs[{p}].sources[{i}]"), t))
        }));
    for (at, t) in traces {
        let (held, whose) = match t.from {
            Origin::Resume => {
                let texts = texts.get_or_insert_with(|| vitae_core::path::texts(source));
                (resume_field(texts, &t.path), "the resume")
            }
            Origin::Job => (
                fields
                    .iter()
                    .find(|(p, _)| *p == t.path)
                    .map(|(_, v)| (*v).to_owned()),
                "the job",
            ),
            Origin::Options => continue,
        };
        let kind = if t.path.contains("bullets[") && !t.path.contains("].skills[") {
            ViolationKind::Bullet
        } else if t.path.ends_with(".company") {
            ViolationKind::Employer
        } else {
            ViolationKind::Text
        };
        match held {
            Some(h) if h.contains(&t.text) => {}
            Some(_) => report(
                kind,
                &at,
                &t.text,
                format!("{whose} does not say `{}` at {}", t.text, t.path),
                Some(&t.path),
            ),
            None => report(
                kind,
                &at,
                &t.text,
                format!("{whose} has nothing at {}", t.path),
                Some(&t.path),
            ),
        }
    }

    let mut texts: Vec<(String, &str, Vec<&Trace>)> = Vec::new();
    let header: Vec<&Trace> = letter.sources.iter().collect();
    for (i, line) in letter.recipient.iter().enumerate() {
        texts.push((format!("recipient[{i}]"), line, header.clone()));
    }
    if let Some(s) = &letter.subject {
        texts.push(("subject".to_owned(), s, header.clone()));
    }
    texts.push(("greeting".to_owned(), &letter.greeting, header.clone()));
    for (i, p) in letter.paragraphs.iter().enumerate() {
        texts.push((
            format!("paragraphs[{i}]"),
            &p.text,
            p.sources.iter().collect(),
        ));
    }
    texts.push(("closing".to_owned(), &letter.closing, Vec::new()));
    texts.push(("signature".to_owned(), &letter.signature, header.clone()));

    for (path, text, traces) in texts {
        // Spans that quote the job or the caller: a skill or degree there is theirs, not a claim
        // about the applicant.
        let quoted: Vec<(usize, usize, &str)> = traces
            .iter()
            .filter(|t| t.from != Origin::Resume && !t.text.is_empty())
            .flat_map(|t| {
                text.match_indices(t.text.as_str())
                    .map(|(s, m)| (s, s + m.len(), t.text.as_str()))
            })
            .collect();
        claims::check(
            text,
            company,
            &quoted,
            &evidence,
            vocabulary,
            |kind, found, message| report(kind, &path, found, message, None),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_opening_with_a_past_tense_verb_follow_i() {
        let cases = [
            ("Designed the API.", Some("designed the API")),
            (
                "Led the migration of 60 services",
                Some("led the migration of 60 services"),
            ),
            ("Co-founded the guild", Some("co-founded the guild")),
            ("Cut cloud spend by 22%", Some("cut cloud spend by 22%")),
            ("Kubernetes platform for 40 teams", None),
            ("AWS cost review", None),
            ("Red team exercises", None),
            ("iOS app rewrite", None),
            ("Design reviews", None),
        ];
        for (text, expected) in cases {
            assert_eq!(clause(text).as_deref(), expected, "{text}");
        }
    }

    #[test]
    fn organisations_that_read_as_descriptions_take_the() {
        assert_eq!(name_article("Allen Institute for AI"), "the ");
        assert_eq!(name_article("University of Lagos"), "the ");
        assert_eq!(name_article("Stanford University"), "");
        assert_eq!(name_article("Lumen Freight"), "");
        assert_eq!(name_article("The Home Depot"), "");
        // A word inside another is not the word ("Centerline Labs").
        assert_eq!(name_article("Centerline Labs"), "");
        assert_eq!(title_article("Research Intern"), "a ");
        assert_eq!(title_article("SRE"), "an ");
        assert_eq!(title_article("Head of Data"), "");
    }

    #[test]
    fn articles_follow_the_sound_of_the_first_letter() {
        let cases = [
            ("Senior Software Engineer", "a"),
            ("Engineering Manager", "an"),
            ("SRE", "an"),
            ("UX Designer", "a"),
            ("Operations Lead", "an"),
        ];
        for (label, expected) in cases {
            assert_eq!(article(label), expected, "{label}");
        }
    }

    #[test]
    fn paths_are_read_back_from_the_resume() {
        let mut r = Resume::default();
        r.basics.name = "Ada".into();
        r.experience.push(Experience {
            company: "Acme".into(),
            bullets: vec![vitae_core::model::Bullet::plain("Built it")],
            ..Experience::default()
        });
        r.summary
            .variants
            .insert("v1.0.backend".into(), "Backend person".into());
        let r = &vitae_core::path::texts(&r);
        assert_eq!(resume_field(r, "basics.name").as_deref(), Some("Ada"));
        assert_eq!(
            resume_field(r, "experience[0].bullets[0]").as_deref(),
            Some("Built it")
        );
        assert_eq!(
            resume_field(r, "experience[0].company").as_deref(),
            Some("Acme")
        );
        assert_eq!(
            resume_field(r, "summary.variants.v1.0.backend").as_deref(),
            Some("Backend person")
        );
        assert_eq!(resume_field(r, "experience[1].company"), None);
        assert_eq!(resume_field(r, "experience[0].bullets[x]"), None);
        assert_eq!(resume_field(r, "nonsense"), None);
    }
}
