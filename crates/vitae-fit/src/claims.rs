//! Claims: which parts of a generated text say what the candidate did, and what in the resume
//! supports them.
//!
//! A letter speaks of two things: the employer (its role, its product, its numbers, which the
//! posting is evidence of) and the candidate (where they worked and studied, what they did, with
//! what result, which only the resume is evidence of). The verifier must tell them apart, or a
//! posting that names Stripe lets "I previously worked at Stripe" through. This module splits a
//! text into clauses and marks a clause as a **claim** when it speaks of the candidate's past or
//! credentials (a past-tense verb, "former", "during my time", "experience from", a title or a
//! credential); a clause whose subject is the employer ("Your team…", "Stripe's platform…") is
//! never one. A leading phrase such as "At Google," belongs to the clause it introduces.
//!
//! In a claim, [`ResumeFacts`] decides what is supported: names only the resume uses; a number
//! only where the resume says it *about the same thing* — in the entry of the employer the
//! sentence names, in the resume text the clause most resembles, counting the same noun ("8
//! interns" does not support "8 summers"); a year only among the dates of that entry.
//!
//! The rules lean to refusing: a refused model letter falls back to the composed one, which
//! only quotes; an accepted lie reaches an employer.

use crate::keywords::Vocabulary;
use crate::tailor::ViolationKind;
use crate::tailor::terms::{
    Analysis, DegreeClass, Metric, MetricKey, NUMBER_WORDS, Unit, Word, degrees, names, skill_keys,
    stem, words,
};
use crate::tailor::verify::{skill_names, strings};
use std::collections::{BTreeSet, HashSet};
use vitae_core::date::DateValue;
use vitae_core::model::Resume;

/// A clause of a text, by byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clause {
    pub start: usize,
    pub end: usize,
    /// The sentence the clause is in, by byte range.
    pub sentence: (usize, usize),
    /// It speaks of the candidate's past, titles or credentials.
    pub claim: bool,
}

/// Words that, inside a sentence, start a new clause.
const CLAUSE_WORDS: &[&str] = &[
    "because", "which", "while", "whereas", "although", "though", "so", "how", "but", "why",
];

/// Prepositions that open a phrase belonging to the clause after it ("At Google, I…").
const LEADING: &[&str] = &[
    "at",
    "as",
    "during",
    "before",
    "after",
    "in",
    "with",
    "for",
    "like",
    "from",
    "having",
    "since",
    "while",
    "when",
    "until",
    "through",
    "throughout",
    "over",
    "on",
];

/// Adjectives that end like past tenses: "I am excited", "interested", "based in Austin".
const NOT_PAST: &[&str] = &[
    "excited",
    "interested",
    "thrilled",
    "delighted",
    "pleased",
    "inspired",
    "motivated",
    "based",
    "located",
    "attached",
    "enclosed",
    "dedicated",
    "committed",
    "impressed",
    "honored",
    "honoured",
    "intrigued",
    "qualified",
    "suited",
    "prepared",
    "tired",
    "need",
    "speed",
    "seed",
    "feed",
    "indeed",
    "proceed",
    "exceed",
    "succeed",
    "embed",
];

/// Irregular past tenses and participles.
const IRREGULAR_PAST: &[&str] = &[
    "was",
    "were",
    "been",
    "had",
    "did",
    "done",
    "led",
    "built",
    "rebuilt",
    "ran",
    "grew",
    "grown",
    "cut",
    "made",
    "won",
    "taught",
    "wrote",
    "written",
    "rewrote",
    "rewritten",
    "drove",
    "driven",
    "held",
    "spent",
    "began",
    "begun",
    "took",
    "taken",
    "gave",
    "given",
    "brought",
    "became",
    "oversaw",
    "overseen",
    "sold",
    "kept",
    "met",
    "got",
    "gotten",
    "went",
    "gone",
    "saw",
    "seen",
    "found",
    "left",
    "chose",
    "chosen",
    "rose",
    "thought",
    "understood",
    "bought",
    "fought",
    "sent",
    "spoke",
    "spoken",
    "stood",
    "told",
    "shown",
    "known",
    "set",
];

/// Words that place the candidate somewhere before: "former", "during my time at", "experience
/// from", "my colleagues at", "alumnus".
const MARKERS: &[&str] = &[
    "currently",
    "current",
    "former",
    "formerly",
    "previously",
    "previous",
    "ex",
    "tenure",
    "alumnus",
    "alumna",
    "alum",
    "alumni",
    "colleague",
    "colleagues",
    "experience",
    "background",
    "career",
    "years",
    "having",
    "during",
    "certified",
    "licensed",
    "accredited",
];

/// Titles and roles a letter may only give the candidate when the resume does.
pub(crate) const TITLE_WORDS: &[&str] = &[
    "principal",
    "director",
    "vp",
    "vice",
    "president",
    "head",
    "chief",
    "cto",
    "ceo",
    "cfo",
    "coo",
    "cio",
    "founder",
    "cofounder",
    "founded",
    "cofounded",
    "architect",
    "fellow",
    "distinguished",
    "partner",
    "executive",
    "certified",
    "certification",
    "certificate",
    "licensed",
    "accredited",
];

/// Verbs that, right after "I", claim what the candidate does now: "I lead", "I hold".
const PRESENT_CLAIMS: &[&str] = &[
    "work",
    "lead",
    "manage",
    "run",
    "own",
    "hold",
    "handle",
    "serve",
    "build",
    "maintain",
    "mentor",
    "design",
    "ship",
    "oversee",
    "direct",
    "head",
    "teach",
    "have",
    "currently",
];

/// A past tense or participle ("worked", "built", "have led").
pub(crate) fn is_past_verb(lower: &str) -> bool {
    IRREGULAR_PAST.contains(&lower)
        || (lower.len() >= 5
            && lower.ends_with("ed")
            && !lower.ends_with("eed")
            && !NOT_PAST.contains(&lower))
}

/// A past verb, or a word that places the candidate somewhere before ([`MARKERS`]).
fn is_past(lower: &str) -> bool {
    is_past_verb(lower) || MARKERS.contains(&lower)
}

/// The sentences of `text`, by byte range: ends at `.`, `!` or `?` followed by a space or the
/// end (so `99.999%` and `3.9` stay whole), and at line breaks.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let boundary = match c {
            '\n' => true,
            '.' | '!' | '?' => bytes.get(end).is_none_or(|b| b.is_ascii_whitespace()),
            _ => false,
        };
        if boundary {
            if !text[start..end].trim().is_empty() {
                out.push((start, end));
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push((start, text.len()));
    }
    out
}

/// The clauses of `text`, each marked claim or not. `company` is the employer's name: a clause
/// that opens with it (or with "you"/"your") speaks of the employer.
pub(crate) fn clauses(text: &str, company: Option<&str>) -> Vec<Clause> {
    let company = company.map(str::to_lowercase);
    let mut out = Vec::new();
    for sentence in sentences(text) {
        // Cut at `,`, `;`, `:` and the clause words.
        let mut cuts = vec![sentence.0];
        let ws = words(&text[sentence.0..sentence.1]);
        for (i, c) in text[sentence.0..sentence.1].char_indices() {
            if matches!(c, ',' | ';' | ':' | '—' | '–') {
                let at = sentence.0 + i + c.len_utf8();
                // Not inside a number (`40,000`).
                let before = text[..sentence.0 + i].chars().next_back();
                let after = text[at..].chars().next();
                if !(before.is_some_and(|b| b.is_ascii_digit())
                    && after.is_some_and(|a| a.is_ascii_digit()))
                {
                    cuts.push(at);
                }
            }
        }
        for w in &ws {
            if CLAUSE_WORDS.contains(&w.text.to_lowercase().as_str()) && w.start > 0 {
                cuts.push(sentence.0 + w.start);
            }
        }
        cuts.push(sentence.1);
        cuts.sort_unstable();
        cuts.dedup();
        let mut parts: Vec<(usize, usize)> = cuts
            .windows(2)
            .map(|w| (w[0], w[1]))
            .filter(|(s, e)| !text[*s..*e].trim().is_empty())
            .collect();
        // A phrase without a verb of its own that opens with a preposition ("At Google,",
        // ", at 99.999% uptime") belongs to the clause it introduces, or, last in its
        // sentence, to the one it ends.
        let leading = |part: &str| {
            let pw = words(part);
            let first = pw
                .first()
                .map(|w| w.text.to_lowercase())
                .unwrap_or_default();
            LEADING.contains(&first.as_str()) && !pw.iter().any(|w| is_past(&w.text.to_lowercase()))
        };
        let mut i = 0;
        while parts.len() > 1 && i < parts.len() {
            if leading(&text[parts[i].0..parts[i].1]) {
                if i + 1 < parts.len() {
                    parts[i + 1].0 = parts[i].0;
                } else {
                    parts[i - 1].1 = parts[i].1;
                }
                parts.remove(i);
            } else {
                i += 1;
            }
        }
        let mut previous_claim = false;
        for (start, end) in parts {
            let cw = words(&text[start..end]);
            let lower: Vec<String> = cw.iter().map(|w| w.text.to_lowercase()).collect();
            let opener = lower
                .iter()
                .position(|w| !matches!(w.as_str(), "and" | "or" | "then" | "also"));
            let first = opener.map(|i| lower[i].as_str()).unwrap_or_default();
            let first_person = lower
                .iter()
                .any(|w| matches!(w.as_str(), "i" | "me" | "my" | "we" | "our" | "us"));
            let past_verb = lower.iter().any(|w| is_past_verb(w));
            // "Your team…", "Stripe's platform…": the employer speaks, unless the candidate
            // does too, in the past ("Stripe hired me…").
            let employer_subject = (matches!(first, "you" | "your" | "yours")
                || company
                    .as_deref()
                    .is_some_and(|c| c.split_whitespace().next() == Some(first)))
                && !(first_person && past_verb);
            // The candidate's present is a claim too: "I lead…", "my pipeline handles…",
            // "I am a…", "currently".
            let present = matches!(first, "my" | "our" | "we")
                || lower.iter().enumerate().any(|(i, w)| {
                    w == "i"
                        && lower.get(i + 1).is_some_and(|next| {
                            PRESENT_CLAIMS.contains(&next.as_str())
                                || (next == "am"
                                    && lower
                                        .get(i + 2)
                                        .is_some_and(|a| matches!(a.as_str(), "a" | "an")))
                        })
                });
            // "…, which settles…", "…, cutting latency…": the clause goes on with the last.
            let follows = matches!(first, "which" | "that" | "so" | "and")
                || (first.ends_with("ing") && first != "including");
            let claim = !employer_subject
                && (present
                    || (follows && previous_claim)
                    || lower
                        .iter()
                        .any(|w| is_past(w) || TITLE_WORDS.contains(&w.as_str())));
            previous_claim = claim;
            out.push(Clause {
                start,
                end,
                sentence,
                claim,
            });
        }
    }
    out
}

/// A text of the resume with what a claim is compared against.
struct Said {
    text: String,
    metrics: Vec<Metric>,
    stems: HashSet<String>,
}

impl Said {
    fn new(text: &str, vocabulary: &Vocabulary) -> Said {
        Said {
            metrics: Analysis::new(text, vocabulary).metrics,
            stems: content_stems(text),
            text: text.to_owned(),
        }
    }
}

/// The texts and years of one entry of the resume (a job, a degree, a project).
struct Entry {
    /// The employer or institution, lower-cased: how a sentence names the entry.
    name: String,
    /// The job's title, lower-cased.
    title: Option<String>,
    texts: Vec<Said>,
    years: Vec<i32>,
}

/// What the resume says, indexed for claims.
pub(crate) struct ResumeFacts {
    entries: Vec<Entry>,
    /// Project names, lower-cased.
    projects: Vec<String>,
    all: Vec<Said>,
    years: HashSet<i32>,
    /// The skills the resume's certifications name (canonical names).
    certified: HashSet<String>,
}

/// Verbs of change that say nothing about what changed ("cut", "reduced"): not evidence that
/// a number belongs to a claim.
const CHANGE_WORDS: &[&str] = &[
    "cut", "reduc", "increas", "grew", "grow", "improv", "sav", "boost", "lower", "rais", "drov",
    "driv", "achiev", "deliver", "took", "tak", "brought", "help", "i", "my", "me", "we", "our",
];

/// Function words: what a claim's subject matter is not made of. (The job-matching stop list
/// is no use here: it drops "engineers" and "senior", which is what a count often counts.)
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or", "as",
    "is", "am", "are", "was", "were", "be", "been", "being", "have", "has", "had", "that", "this",
    "these", "those", "it", "its", "per", "over", "than", "into", "through", "who", "whom",
    "which", "also", "all", "some", "each", "every", "more", "most", "about", "up", "out", "so",
    "such", "their", "they", "them", "he", "she", "his", "her", "you", "your",
];

pub(crate) fn is_function_word(lower: &str) -> bool {
    FUNCTION_WORDS.contains(&lower)
}

fn content_stems(text: &str) -> HashSet<String> {
    words(text)
        .iter()
        .filter(|w| !w.text.chars().any(|c| c.is_ascii_digit()))
        .map(|w| w.text.to_lowercase())
        .filter(|l| {
            l.chars().count() > 1
                && !is_function_word(l)
                && !NUMBER_WORDS.iter().any(|(n, _)| n == l)
        })
        .map(|l| stem(&l))
        .filter(|s| !CHANGE_WORDS.contains(&s.as_str()))
        .collect()
}

fn year_of(d: Option<&DateValue>) -> Option<i32> {
    match d {
        Some(DateValue::Date(p)) => Some(i32::from(p.year)),
        _ => None,
    }
}

/// The years an entry covers: every year from its start to its end (an ongoing entry runs to
/// the last year a claim can name), and the years its own texts write ("residency
/// (2018–2019)").
fn entry_years(start: Option<&DateValue>, end: Option<&DateValue>, texts: &[Said]) -> Vec<i32> {
    let first = year_of(start);
    let last = match end {
        Some(DateValue::Present) => Some(LAST_YEAR),
        other => year_of(other),
    };
    let mut years: Vec<i32> = match (first, last) {
        (Some(a), Some(b)) if a <= b => (a..=b).collect(),
        (a, b) => a.into_iter().chain(b).collect(),
    };
    years.extend(
        texts
            .iter()
            .flat_map(|t| t.metrics.iter().filter_map(as_year)),
    );
    years
}

impl ResumeFacts {
    pub(crate) fn new(source: &Resume, all_texts: &[String], vocabulary: &Vocabulary) -> Self {
        let said = |t: &str| Said::new(t, vocabulary);
        let mut entries = Vec::new();
        for e in &source.experience {
            let mut texts: Vec<Said> = [Some(&e.company), e.title.as_ref(), e.description.as_ref()]
                .into_iter()
                .flatten()
                .map(|t| said(t))
                .collect();
            texts.extend(e.bullets.iter().map(|b| said(&b.text)));
            entries.push(Entry {
                name: e.company.to_lowercase(),
                title: e.title.as_deref().map(str::to_lowercase),
                years: entry_years(e.start.as_ref(), e.end.as_ref(), &texts),
                texts,
            });
        }
        for e in &source.education {
            let mut texts: Vec<Said> = [
                Some(&e.institution),
                e.degree.as_ref(),
                e.field.as_ref(),
                e.thesis.as_ref(),
            ]
            .into_iter()
            .flatten()
            .map(|t| said(t))
            .collect();
            texts.extend(e.highlights.iter().map(|h| said(h)));
            entries.push(Entry {
                name: e.institution.to_lowercase(),
                title: None,
                years: entry_years(e.start.as_ref(), e.end.as_ref(), &texts),
                texts,
            });
        }
        let mut all: Vec<Said> = all_texts.iter().map(|t| said(t)).collect();
        // A sentence that names no entry may say only the years the resume writes: an entry's
        // start and end, a year in a text. (That the candidate was somewhere in 2015 does not
        // make "my MSc in 2015" true; a sentence naming the employer may use its whole span.)
        let years = source
            .experience
            .iter()
            .flat_map(|e| [e.start.as_ref(), e.end.as_ref()])
            .chain(
                source
                    .education
                    .iter()
                    .flat_map(|e| [e.start.as_ref(), e.end.as_ref()]),
            )
            .filter_map(year_of)
            .chain(
                all.iter()
                    .flat_map(|t| t.metrics.iter().filter_map(as_year)),
            )
            .collect();
        // A skill's years as a sentence of their own, so "Go for seven years" meets them
        // (and a bare "for four" meets the count).
        for cat in &source.skills {
            for item in &cat.items {
                if let Some(y) = item.years {
                    all.push(said(&format!("{}: {y} years ({y})", item.name)));
                }
            }
        }
        let certified = source
            .certifications
            .iter()
            .flat_map(|c| vocabulary.find(&c.name))
            .map(|f| f.canonical.to_owned())
            .collect();
        ResumeFacts {
            entries,
            projects: source
                .projects
                .iter()
                .map(|p| p.name.to_lowercase())
                .collect(),
            all,
            years,
            certified,
        }
    }

    /// The entries a sentence names (by employer or institution). When it names several, those
    /// it places the candidate at ("… at Northwind Health") rather than merely mentions
    /// ("before joining Quantive Analytics").
    fn named(&self, sentence: &str) -> Vec<&Entry> {
        let lower = sentence.to_lowercase();
        let named: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| !e.name.trim().is_empty() && lower.contains(e.name.trim()))
            .collect();
        if named.len() < 2 {
            return named;
        }
        let placed: Vec<&Entry> = named
            .iter()
            .copied()
            .filter(|e| {
                ["at ", "for ", "with "]
                    .iter()
                    .any(|p| lower.contains(&format!("{p}{}", e.name.trim())))
            })
            .collect();
        if placed.is_empty() { named } else { placed }
    }

    /// Whether `word` is a word of a name of the resume's entries (an employer, a school, a
    /// project): what a claim may place the candidate at.
    pub(crate) fn entry_word(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.entries
            .iter()
            .any(|e| e.name.split_whitespace().any(|w| w == lower))
            || self
                .projects
                .iter()
                .any(|p| p.split_whitespace().any(|w| w == lower))
    }

    /// The title the resume gives at the one entry `sentence` names, if it names one.
    pub(crate) fn title_at(&self, sentence: &str) -> Option<&str> {
        match self.named(sentence).as_slice() {
            [one] => one.title.as_deref(),
            _ => None,
        }
    }

    /// Whether a certification of the resume names `skill` (a canonical name).
    pub(crate) fn certified_in(&self, skill: &str) -> bool {
        self.certified.contains(skill)
    }

    /// Whether `metric`, written at `at` in `clause` of `sentence`, is something the resume says
    /// about the same thing; `None` when supported, else why not.
    pub(crate) fn number(
        &self,
        metric: &Metric,
        clause: &str,
        at: usize,
        sentence: &str,
    ) -> Option<String> {
        let named = self.named(sentence);
        if let Some(year) = as_year(metric) {
            let known = if named.is_empty() {
                self.years.contains(&year)
            } else {
                named.iter().any(|e| e.years.contains(&year))
            };
            return (!known).then(|| match named.first() {
                Some(e) => format!("the resume dates nothing at {} in {year}", title(&e.name)),
                None => format!("the resume dates nothing in {year}"),
            });
        }
        let scope: Vec<&Said> = if named.is_empty() {
            self.all.iter().collect()
        } else {
            named.iter().flat_map(|e| &e.texts).collect()
        };
        let window = window(clause, at);
        // The number's own words ("seven years") say nothing about what it measures.
        let stems = content_stems(&window.replacen(metric.text.as_str(), " ", 1));
        let overlap = |s: &Said| stems.intersection(&s.stems).count();
        let best = scope.iter().map(|s| overlap(s)).max().unwrap_or(0);
        let noun = counted_noun(window, metric);
        let supported = scope.iter().any(|s| {
            best > 0
                && overlap(s) == best
                && s.metrics.iter().any(|m| metric.supported_by(m))
                && noun
                    .as_ref()
                    .is_none_or(|n| counts(&s.text, metric).iter().any(|c| c.contains(n)))
        });
        if supported {
            return None;
        }
        let held = scope
            .iter()
            .any(|s| s.metrics.iter().any(|m| metric.supported_by(m)));
        Some(match (held, named.first()) {
            (true, _) => format!(
                "the resume says `{}` about something else: a number must stay with the claim it \
                 belongs to",
                metric.text
            ),
            (false, Some(e)) => format!(
                "`{}` appears nowhere in the resume's entry for {}",
                metric.text,
                title(&e.name)
            ),
            (false, None) => format!("`{}` appears nowhere in the resume", metric.text),
        })
    }
}

/// `lumen freight` → `Lumen Freight`, for messages.
fn title(lower: &str) -> String {
    lower
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A plain year (`2019`): compared with the resume's dates, not its numbers.
/// The last year [`as_year`] reads as a year.
const LAST_YEAR: i32 = 2039;

fn as_year(m: &Metric) -> Option<i32> {
    match m.key {
        MetricKey::Number {
            value,
            unit: Unit::None,
        } if value.fract() == 0.0
            && (1950.0..=f64::from(LAST_YEAR)).contains(&value)
            && m.text.chars().all(|c| c.is_ascii_digit()) =>
        {
            Some(value as i32)
        }
        _ => None,
    }
}

/// The part of `clause` around byte `at` that a number's claim is in: the clause cut at " and ".
fn window(clause: &str, at: usize) -> &str {
    let mut start = 0;
    let mut end = clause.len();
    for (i, _) in clause.match_indices(" and ") {
        if i < at {
            start = i + 5;
        } else {
            end = end.min(i);
        }
    }
    &clause[start.min(end)..end]
}

/// The noun a plain count counts in `text` ("8 interns" → `intern`), when the word after it
/// is one: amounts, percentages and durations carry their own unit.
fn counted_noun(text: &str, metric: &Metric) -> Option<String> {
    counts(text, metric)
        .into_iter()
        .next()
        .and_then(|nouns| nouns.into_iter().next())
}

/// For each place `text` writes `metric`'s value as a plain count (in digits or in words), the
/// stems of the (up to three) content words after it: "30+ production incidents" counts
/// `incident` as well as `production`.
fn counts(text: &str, metric: &Metric) -> Vec<Vec<String>> {
    let MetricKey::Number {
        value,
        unit: Unit::None,
    } = metric.key
    else {
        return Vec::new();
    };
    let ws = words(text);
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        let lower = w.text.to_lowercase();
        let v = NUMBER_WORDS
            .iter()
            .find(|(n, _)| *n == lower)
            .map(|(_, v)| *v)
            .or_else(|| lower.replace(',', "").parse::<f64>().ok());
        if v != Some(value) {
            continue;
        }
        let nouns: Vec<String> = ws[i + 1..]
            .iter()
            .map(|n| n.text.to_lowercase())
            .filter(|n| {
                !is_function_word(n)
                    && !n.chars().any(|c| c.is_ascii_digit())
                    && !NUMBER_WORDS.iter().any(|(w, _)| w == n)
            })
            .take(3)
            .map(|n| stem(&n))
            .collect();
        if !nouns.is_empty() {
            out.push(nouns);
        }
    }
    out
}

/// The words, skills, numbers and degrees of every text of a resume, gathered once: the tailor
/// verifier's index of the source holds them, and a text's [`Evidence`] starts from them.
#[derive(Debug, Clone)]
pub(crate) struct ResumeTerms {
    /// Every word, lower-cased, and its stem.
    pub(crate) words: HashSet<String>,
    /// Every skill (canonical names, or normalised names the vocabulary does not know).
    pub(crate) skills: HashSet<String>,
    pub(crate) metrics: Vec<Metric>,
    pub(crate) degrees: BTreeSet<DegreeClass>,
}

impl ResumeTerms {
    /// The terms of `texts` (the resume's [`strings`]) and of the skills `source` lists.
    pub(crate) fn new(source: &Resume, texts: &[String], vocabulary: &Vocabulary) -> ResumeTerms {
        let mut terms = ResumeTerms {
            words: HashSet::new(),
            skills: HashSet::new(),
            metrics: Vec::new(),
            degrees: BTreeSet::new(),
        };
        for text in texts {
            insert_words(&mut terms.words, text);
            let a = Analysis::new(text, vocabulary);
            terms.metrics.extend(a.metrics);
            terms.skills.extend(a.skills);
            terms
                .degrees
                .extend(degrees(text).into_iter().map(|(c, _)| c));
        }
        for name in skill_names(source) {
            terms.skills.extend(skill_keys(vocabulary, name));
        }
        terms
    }

    /// Whether the resume uses `word`, as written or by its stem.
    pub(crate) fn has_word(&self, word: &str) -> bool {
        has_word(&self.words, word)
    }
}

/// What a generated text is checked against: the resume and, for a letter, the job it answers
/// and the caller's own words. Letters and tailored summaries go through the same [`check`];
/// a tailored summary answers no job, so only the resume supports it.
pub(crate) struct Evidence {
    /// The resume's words, skills, numbers and degrees: what a claim about the candidate may
    /// use.
    resume: ResumeTerms,
    /// What the resume says, for claims about the candidate.
    facts: ResumeFacts,
    /// The words of the job and the caller's names, lower-cased, and their stems.
    other_words: HashSet<String>,
    /// The words of a letter's own phrases in its language ("Hiring Team", "März"),
    /// lower-cased: capitalised, they are still no name.
    frame: HashSet<String>,
    /// The names the job uses (capitalised inside its sentences), lower-cased: "Google" in
    /// "companies like Google".
    job_names: HashSet<String>,
    /// The numbers and metrics of the job.
    job_metrics: Vec<Metric>,
    /// The skills the job names.
    job_skills: HashSet<String>,
    /// Whether a job was added: it changes what a message may say supports a value.
    has_job: bool,
}

impl Evidence {
    /// The resume's evidence alone.
    pub(crate) fn new(source: &Resume, vocabulary: &Vocabulary) -> Evidence {
        let strings = strings(source);
        Evidence::of(
            ResumeTerms::new(source, &strings, vocabulary),
            ResumeFacts::new(source, &strings, vocabulary),
        )
    }

    /// The evidence of a resume whose terms and facts are already gathered.
    pub(crate) fn of(resume: ResumeTerms, facts: ResumeFacts) -> Evidence {
        Evidence {
            resume,
            facts,
            other_words: HashSet::new(),
            frame: HashSet::new(),
            job_names: HashSet::new(),
            job_metrics: Vec::new(),
            job_skills: HashSet::new(),
            has_job: false,
        }
    }

    /// Adds a job: its texts (what the employer wants, never what the candidate did) and the
    /// names of the skills it lists.
    pub(crate) fn add_job<'t>(
        &mut self,
        texts: impl IntoIterator<Item = &'t str>,
        skill_names: impl IntoIterator<Item = &'t str>,
        vocabulary: &Vocabulary,
    ) {
        self.has_job = true;
        for text in texts {
            insert_words(&mut self.other_words, text);
            let found = vocabulary.find(text);
            self.job_names
                .extend(names(&words(text), &found).iter().map(|n| n.to_lowercase()));
            let a = Analysis::new(text, vocabulary);
            self.job_metrics.extend(a.metrics);
            self.job_skills.extend(a.skills);
        }
        for name in skill_names {
            self.job_skills.extend(skill_keys(vocabulary, name));
        }
    }

    /// Adds the phrases the text is framed in (a letter's greeting and closing words).
    pub(crate) fn add_frame<'t>(&mut self, phrases: impl IntoIterator<Item = &'t str>) {
        self.frame.extend(
            phrases
                .into_iter()
                .flat_map(|phrase| words(phrase).into_iter().map(|w| w.text.to_lowercase())),
        );
    }

    /// Adds the caller's own words (a company name, a "why this company" sentence).
    pub(crate) fn add_caller_words(&mut self, text: &str) {
        insert_words(&mut self.other_words, text);
    }

    /// What supports a value outside a claim, for messages.
    fn whose(&self) -> &'static str {
        if self.has_job {
            "the resume or the job"
        } else {
            "the resume"
        }
    }

    /// A word of the resume, the job or the caller.
    fn word(&self, word: &str) -> bool {
        self.resume.has_word(word) || has_word(&self.other_words, word)
    }

    fn frame_word(&self, word: &str) -> bool {
        self.frame.contains(&word.to_lowercase())
    }

    fn resume_word(&self, word: &str) -> bool {
        self.resume.has_word(word)
    }
}

/// Checks one generated text against `evidence` and reports every value nothing supports, as
/// (kind, the value as written, why):
///
/// - a number in a claim about the candidate must be the resume's, said about the same thing
///   ([`ResumeFacts::number`]); elsewhere it may be the resume's or the job's;
/// - a skill must be the resume's, unless it stands in a quote of the job;
/// - "certified in X" needs a certification naming X; a degree must be one the resume has;
/// - "as <title> at <employer>" must give the resume's title there, and a title or credential
///   given to the candidate must be the resume's;
/// - a name (a capitalised word inside a sentence, an acronym) must be used by the evidence;
///   in a claim, by the resume, and where the candidate was ("at X") by one of its entries.
///
/// `company` is the employer the text addresses; `quoted` the byte ranges that quote the job
/// or the caller, with the quoted text.
pub(crate) fn check(
    text: &str,
    company: Option<&str>,
    quoted: &[(usize, usize, &str)],
    evidence: &Evidence,
    vocabulary: &Vocabulary,
    mut report: impl FnMut(ViolationKind, &str, String),
) {
    let in_quote =
        |start: usize, end: usize| quoted.iter().any(|&(s, e, _)| s <= start && end <= e);
    let analysis = Analysis::new(text, vocabulary);
    // The clauses that speak of the candidate: there the job is no evidence.
    let clauses = clauses(text, company);
    let claim = |start: usize, end: usize| {
        clauses
            .iter()
            .find(|c| c.claim && c.start <= start && end <= c.end)
    };
    let found = vocabulary.find(text);
    let mut cursor = 0;
    for m in &analysis.metrics {
        // Where the metric is written: the next occurrence standing as a word of its own,
        // outside a skill's name (the 8 of "K8s" is no count).
        let at = text[cursor..]
            .match_indices(m.text.as_str())
            .map(|(i, _)| cursor + i)
            .find(|&i| {
                let end = i + m.text.len();
                !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                    && !text[end..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric)
                    && !found.iter().any(|f| f.start < end && i < f.end)
            })
            .unwrap_or(cursor);
        cursor = (at + m.text.len()).min(text.len());
        if in_quote(at, at + m.text.len()) {
            continue;
        }
        if let Some(c) = claim(at, at + m.text.len()) {
            if let Some(why) = evidence.facts.number(
                m,
                &text[c.start..c.end],
                at - c.start,
                &text[c.sentence.0..c.sentence.1],
            ) {
                report(ViolationKind::Number, &m.text, why);
            }
        } else if !evidence
            .resume
            .metrics
            .iter()
            .chain(&evidence.job_metrics)
            .any(|s| m.supported_by(s))
        {
            report(
                ViolationKind::Number,
                &m.text,
                format!("`{m}` appears nowhere in {}", evidence.whose()),
            );
        }
    }
    for f in &found {
        if evidence.resume.skills.contains(f.canonical) || in_quote(f.start, f.end) {
            continue;
        }
        let message = if evidence.job_skills.contains(f.canonical) {
            format!(
                "{} is the job's, not the resume's: the letter may name it only where it \
                 quotes the job",
                f.canonical
            )
        } else {
            format!("the resume never mentions {}", f.canonical)
        };
        report(ViolationKind::Skill, &text[f.start..f.end], message);
    }
    // "certified in X": a certification of the resume must name X.
    for c in clauses.iter().filter(|c| c.claim) {
        let clause = &text[c.start..c.end];
        let lower = clause.to_lowercase();
        if !["certified", "certification", "certificate", "licensed"]
            .iter()
            .any(|w| lower.contains(w))
        {
            continue;
        }
        for f in found
            .iter()
            .filter(|f| c.start <= f.start && f.end <= c.end)
        {
            if !evidence.facts.certified_in(f.canonical) && !in_quote(f.start, f.end) {
                report(
                    ViolationKind::Certification,
                    &text[f.start..f.end],
                    format!("no certification of the resume names {}", f.canonical),
                );
            }
        }
    }
    let found_degrees = degrees(text);
    for (class, word) in &found_degrees {
        let quoted_degree = quoted
            .iter()
            .any(|(_, _, q)| degrees(q).iter().any(|(c, _)| c == class));
        if !evidence.resume.degrees.contains(class) && !quoted_degree {
            report(
                ViolationKind::Degree,
                word,
                format!("`{word}`: the resume has no {}", class.label()),
            );
        }
    }
    let ws = words(text);
    // "As Engineering Manager at Lumen Freight": the title given at an employer must be
    // the title the resume gives there.
    for (n, w) in ws.iter().enumerate() {
        if !w.text.eq_ignore_ascii_case("as") {
            continue;
        }
        let Some(c) = claim(w.start, w.end) else {
            continue;
        };
        let Some(k) = (n + 1..ws.len().min(n + 9))
            .find(|&k| matches!(ws[k].text.to_lowercase().as_str(), "at" | "for" | "with"))
        else {
            continue;
        };
        let Some(title) = evidence.facts.title_at(&text[c.sentence.0..c.sentence.1]) else {
            continue;
        };
        for t in &ws[n + 1..k] {
            let l = t.text.to_lowercase();
            if !is_function_word(&l) && !title.split(|c: char| !c.is_alphanumeric()).any(|x| x == l)
            {
                report(
                    ViolationKind::Title,
                    t.text,
                    format!(
                        "`{}` is not in the title the resume gives there ({title})",
                        t.text
                    ),
                );
            }
        }
    }
    for (n, w) in ws.iter().enumerate() {
        let in_claim = claim(w.start, w.end).is_some();
        let lower = w.text.to_lowercase();
        // A title or credential given to the candidate must be the resume's.
        if in_claim
            && TITLE_WORDS.contains(&lower.as_str())
            && !evidence.resume_word(w.text)
            && !in_quote(w.start, w.end)
        {
            report(
                ViolationKind::Title,
                w.text,
                format!(
                    "`{}`: the resume gives the candidate no such title or credential",
                    w.text
                ),
            );
            continue;
        }
        let is_company = company.is_some_and(|c| {
            c.split_whitespace()
                .any(|p| p.trim_end_matches("'s").eq_ignore_ascii_case(w.text))
        });
        let own_company = || {
            is_company && claim(w.start, w.end).is_none_or(|c| joins(&text[c.start..c.end], &ws, n))
        };
        // A name the job uses, opening a claim ("Google taught me…", "Stripe hired me…").
        if in_claim
            && w.sentence_start
            && (evidence.job_names.contains(&lower) || is_company)
            && !evidence.resume_word(w.text)
            && !in_quote(w.start, w.end)
            && !own_company()
        {
            report(ViolationKind::Employer, w.text, not_the_candidates(w.text));
            continue;
        }
        // A name no evidence uses, opening a sentence that puts the candidate after it
        // ("Google taught me…", "Acme is where I learned…"): where the candidate was, unless
        // the resume says so. (Inside a sentence, the name checks below catch it.)
        if in_claim
            && w.sentence_start
            && w.text.chars().next().is_some_and(char::is_uppercase)
            && !evidence.word(w.text)
            && !evidence.frame_word(w.text)
            && !in_quote(w.start, w.end)
            && !own_company()
            && places_the_candidate(&ws, n)
        {
            report(
                ViolationKind::Employer,
                w.text,
                format!("`{}` is a name {} never uses", w.text, evidence.whose()),
            );
            continue;
        }
        if names(std::slice::from_ref(w), &found).is_empty() {
            continue;
        }
        let compact: String = w.text.chars().filter(|c| *c != '.').collect();
        let placed = n.checked_sub(1).is_some_and(|p| {
            matches!(
                ws[p].text.to_lowercase().as_str(),
                "at" | "for" | "from" | "joined"
            )
        });
        let known_here = if in_claim && placed {
            // Where the candidate was must be one of the resume's employers, schools or
            // projects, not a word the resume uses elsewhere ("Amazon" of a certificate).
            evidence.facts.entry_word(w.text) || own_company()
        } else if in_claim {
            evidence.resume_word(w.text) || own_company()
        } else {
            evidence.word(w.text)
        };
        if found_degrees.iter().any(|(_, d)| *d == compact)
            || in_quote(w.start, w.end)
            || known_here
            || evidence.frame_word(w.text)
        {
            continue;
        }
        let after = n
            .checked_sub(1)
            .map(|p| ws[p].text.to_lowercase())
            .is_some_and(|p| matches!(p.as_str(), "at" | "for" | "with" | "from" | "joined"));
        let kind = if after {
            ViolationKind::Employer
        } else {
            ViolationKind::Text
        };
        let message = if in_claim && evidence.word(w.text) {
            not_the_candidates(w.text)
        } else {
            format!("`{}` is a name {} never uses", w.text, evidence.whose())
        };
        report(kind, w.text, message);
    }
}

/// Whether the sentence the word at `n` opens makes it where the candidate was: a verb right
/// after it (`taught`, `hired`, `is`, `was`) and the candidate after that (`me`, `where I`),
/// as in "Google taught me" or "Acme is where I learned". A gerund ("Leading teams taught
/// me") is an activity, not a place.
fn places_the_candidate(ws: &[Word<'_>], n: usize) -> bool {
    let lower = |i: usize| ws.get(i).map(|w| w.text.to_lowercase());
    let Some(first) = lower(n) else {
        return false;
    };
    if first.ends_with("ing")
        || is_function_word(&first)
        || matches!(first.as_str(), "i" | "we" | "my" | "our" | "there" | "what")
    {
        return false;
    }
    let Some(verb) = lower(n + 1) else {
        return false;
    };
    if !(is_past_verb(&verb) || matches!(verb.as_str(), "is" | "was" | "has" | "gave" | "made")) {
        return false;
    }
    (n + 2..ws.len().min(n + 5)).any(|i| {
        matches!(lower(i).as_deref(), Some("me" | "i" | "my" | "myself"))
            && !ws[n + 1..=i].iter().any(|w| w.sentence_start)
    })
}

/// Whether the word at `n` (the employer's name, in a claim) is where the candidate would go,
/// not where they were: "join Stripe", "help Stripe", "bring that to Stripe" — but not
/// "returned to Stripe", "at Stripe", "from Stripe".
fn joins(clause: &str, ws: &[Word<'_>], n: usize) -> bool {
    let word = |i: usize| ws.get(i).map(|w| w.text.to_lowercase());
    let Some(prev) = n.checked_sub(1).and_then(word) else {
        return false;
    };
    // Admiring the employer is no claim to have been there.
    if matches!(
        prev.as_str(),
        "admire" | "admired" | "respect" | "respected" | "follow" | "followed"
    ) {
        return true;
    }
    // "I was brought in to help Stripe": helping it in the past is having been there.
    let past = words(clause)
        .iter()
        .any(|w| is_past_verb(&w.text.to_lowercase()));
    if past {
        return false;
    }
    match prev.as_str() {
        "join" | "joining" | "help" | "helping" | "contribute" | "serve" | "serving" => true,
        "to" => n
            .checked_sub(2)
            .and_then(word)
            .is_none_or(|p| !(p.ends_with("ed") || matches!(p.as_str(), "went" | "came" | "back"))),
        _ => false,
    }
}

/// Adds every word of `text` to `set`, lower-cased and as its stem.
fn insert_words(set: &mut HashSet<String>, text: &str) {
    for w in words(text) {
        let lower = w.text.to_lowercase();
        set.insert(stem(&lower));
        set.insert(lower);
    }
}

/// Whether `set` (filled by [`insert_words`]) holds `word`, as written or by its stem.
fn has_word(set: &HashSet<String>, word: &str) -> bool {
    let lower = word.to_lowercase();
    set.contains(&lower) || set.contains(&stem(&lower))
}

/// Why a name of the posting cannot stand in a claim about the candidate.
fn not_the_candidates(name: &str) -> String {
    format!(
        "`{name}` is the job's, not the candidate's: the posting says what the employer wants, \
         never where the candidate worked or studied"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(text: &str) -> Vec<(String, bool)> {
        clauses(text, Some("Stripe"))
            .into_iter()
            .map(|c| (text[c.start..c.end].trim().to_owned(), c.claim))
            .collect()
    }

    #[test]
    fn clauses_about_the_candidate_s_past_are_claims() {
        assert_eq!(
            claims("I am excited about the role at Stripe because I built a ledger."),
            [
                ("I am excited about the role at Stripe".to_owned(), false),
                ("because I built a ledger.".to_owned(), true),
            ]
        );
        // A leading phrase belongs to the clause it introduces.
        assert_eq!(
            claims("At Google, I designed the API."),
            [("At Google, I designed the API.".to_owned(), true)]
        );
        // The employer as subject is never a claim.
        assert_eq!(
            claims("Your team shipped the ledger in 2020."),
            [("Your team shipped the ledger in 2020.".to_owned(), false)]
        );
        // Numbers keep their commas and decimals.
        assert_eq!(claims("It serves 40,000 users at 99.999% uptime.").len(), 1);
    }
}
