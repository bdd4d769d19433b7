//! Text analysis shared by ranking and verification: the words of a text, their stems, the skills
//! the vocabulary finds in it, its numbers and metrics (`30%`, `$2M`, `35 ms`, `p99`), the names
//! it uses (capitalised words and acronyms) and the degrees it mentions.
//!
//! Everything here is a pure function of the text and the vocabulary, and every list comes back
//! in text order, so ranking and verification are deterministic.

use crate::keywords::{Found, Vocabulary};
use serde::Serialize;
use std::fmt;

/// A unit of matching: a skill by canonical name, or a word by its stem.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Term {
    /// The vocabulary's canonical name (`Kubernetes` for `k8s`); for a skill the vocabulary does
    /// not know, its normalised name.
    Skill(String),
    /// A word stem (`design` for "designed", "designing", "designs").
    Word(String),
}

impl Term {
    pub(crate) fn kind(&self) -> TermKind {
        match self {
            Term::Skill(_) => TermKind::Skill,
            Term::Word(_) => TermKind::Word,
        }
    }

    /// The fingerprint key used for similarity.
    fn key(&self) -> String {
        match self {
            Term::Skill(s) => format!("s:{s}"),
            Term::Word(w) => format!("w:{w}"),
        }
    }
}

/// Whether a job term is a skill or a plain word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    Skill,
    Word,
}

/// The key a skill is compared by: its canonical name when the vocabulary knows the whole name,
/// otherwise the normalised name (`Feature stores` → `feature stores`).
pub(crate) fn skill_key(vocabulary: &Vocabulary, name: &str) -> String {
    match vocabulary.canonical(name) {
        Some(canonical) => canonical.to_owned(),
        None => crate::keywords::normalize(name),
    }
}

/// Every key a skill name stands for: its own key and the skills the vocabulary finds inside it
/// (`REST API design` stands for itself and for `REST APIs`).
pub(crate) fn skill_keys(vocabulary: &Vocabulary, name: &str) -> Vec<String> {
    let mut keys = vec![skill_key(vocabulary, name)];
    for found in vocabulary.skills_in(name) {
        if !keys.iter().any(|k| k == found) {
            keys.push(found.to_owned());
        }
    }
    keys.retain(|k| !k.is_empty());
    keys
}

/// A word of a text: a run of letters and digits; in a number, `,` and `.` between digits belong
/// to it (`40,000`, `3.9`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    /// The first word of the text, of a sentence, of a line or of a list item.
    pub sentence_start: bool,
}

pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut boundary = true;
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_word_char(c) {
            let next = chars.get(i + 1).map(|&(_, n)| n);
            if matches!(
                c,
                '\n' | '\r' | ':' | ';' | '•' | '·' | '▪' | '◦' | '‣' | '●' | '–' | '—'
            ) || (matches!(c, '.' | '!' | '?') && next.is_none_or(char::is_whitespace))
            {
                boundary = true;
            }
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let (_, d) = chars[j];
            if is_word_char(d) {
                j += 1;
            } else if matches!(d, ',' | '.')
                && chars[j - 1].1.is_ascii_digit()
                && chars.get(j + 1).is_some_and(|&(_, n)| n.is_ascii_digit())
            {
                j += 2;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(e, _)| e);
        out.push(Word {
            text: &text[start..end],
            start,
            end,
            sentence_start: boundary,
        });
        boundary = false;
        i = j;
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Function words and the filler of job postings: never a term.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "else",
    "etc",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "like",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    // The vocabulary of postings themselves, which says nothing about the work.
    "ability",
    "able",
    "applicant",
    "applicants",
    "apply",
    "bonus",
    "candidate",
    "candidates",
    "deep",
    "desired",
    "developer",
    "developers",
    "engineer",
    "engineers",
    "excellent",
    "expected",
    "experience",
    "experienced",
    "expert",
    "familiarity",
    "familiar",
    "good",
    "great",
    "hands",
    "ideal",
    "ideally",
    "including",
    "join",
    "knowledge",
    "level",
    "looking",
    "nice",
    "plus",
    "preferred",
    "proficiency",
    "proficient",
    "qualifications",
    "related",
    "required",
    "requirement",
    "requirements",
    "responsibilities",
    "role",
    "seeking",
    "senior",
    "junior",
    "skills",
    "solid",
    "strong",
    "understanding",
    "want",
    "well",
    "work",
    "working",
    "year",
    "years",
    // Verbs too general to say what the work is ("our stack runs on", "we are hiring").
    "get",
    "gets",
    "hiring",
    "make",
    "makes",
    "run",
    "runs",
    "use",
    "used",
    "uses",
    "using",
];

fn is_stop_word(lower: &str) -> bool {
    STOP_WORDS.contains(&lower)
}

/// Irregular past tenses common in resumes, so "built" meets "build" and "led" meets "lead".
const IRREGULAR: &[(&str, &str)] = &[
    ("began", "begin"),
    ("brought", "bring"),
    ("built", "build"),
    ("chose", "choose"),
    ("drove", "drive"),
    ("gave", "give"),
    ("grew", "grow"),
    ("held", "hold"),
    ("kept", "keep"),
    ("led", "lead"),
    ("made", "make"),
    ("met", "meet"),
    ("ran", "run"),
    ("rebuilt", "rebuild"),
    ("rewrote", "rewrite"),
    ("sold", "sell"),
    ("spent", "spend"),
    ("taught", "teach"),
    ("took", "take"),
    ("understood", "understand"),
    ("won", "win"),
    ("wrote", "write"),
];

/// A light suffix-stripping stemmer: enough for "services"/"service", "designed"/"design",
/// "latencies"/"latency", "scaling"/"scale" to meet; never a dictionary.
pub(crate) fn stem(lower: &str) -> String {
    if let Some(&(_, base)) = IRREGULAR.iter().find(|(w, _)| *w == lower) {
        return stem(base);
    }
    let mut w: Vec<char> = lower.chars().collect();
    let ends = |w: &[char], s: &str| {
        let s: Vec<char> = s.chars().collect();
        w.len() >= s.len() && w[w.len() - s.len()..] == s[..]
    };
    if w.len() > 4 && ends(&w, "ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if ends(&w, "sses") {
        w.truncate(w.len() - 2);
    } else if w.len() > 3 && ends(&w, "s") && !ends(&w, "ss") && !ends(&w, "us") && !ends(&w, "is")
    {
        w.pop();
    }
    let stripped = if w.len() >= 7 && ends(&w, "ing") {
        w.truncate(w.len() - 3);
        true
    } else if w.len() >= 6 && ends(&w, "ed") {
        w.truncate(w.len() - 2);
        true
    } else {
        false
    };
    if stripped {
        // "planned" → "plan", "running" → "run".
        let n = w.len();
        if n >= 2 && w[n - 1] == w[n - 2] && !matches!(w[n - 1], 'l' | 's' | 'z' | 'e' | 'o') {
            w.pop();
        }
    }
    if w.len() > 4 && ends(&w, "e") {
        w.pop();
    }
    w.into_iter().collect()
}

/// A number or metric as written, with its value normalised: `$310,000`, `$310K` and
/// `USD 310000` are one amount; `900 ms` and `0.9 s` one duration; `four` and `4` one count.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Metric {
    pub key: MetricKey,
    /// As written (`45%`, `$310,000`, `35 ms`, `p99`).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum MetricKey {
    Number {
        value: f64,
        unit: Unit,
    },
    /// A token of letters and digits that is not a plain number (`p99`, `Q3`, `v2`).
    Code(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Unit {
    None,
    Percent,
    /// A multiplier (`3x`, `3 times`).
    Times,
    Currency(char),
    /// A duration, normalised to seconds.
    Seconds,
    /// A size, normalised to bytes.
    Bytes,
}

impl Metric {
    /// True when this metric (in a candidate) says what `source` says: the same code, or the
    /// same value with the same unit (or no unit, which claims nothing more).
    pub(crate) fn supported_by(&self, source: &Metric) -> bool {
        match (&self.key, &source.key) {
            (MetricKey::Code(a), MetricKey::Code(b)) => a == b,
            (
                MetricKey::Number { value: a, unit: ua },
                MetricKey::Number { value: b, unit: ub },
            ) => (a - b).abs() <= 1e-9 * b.abs().max(1.0) && (ua == ub || *ua == Unit::None),
            _ => false,
        }
    }

    fn fingerprint(&self) -> String {
        match &self.key {
            MetricKey::Code(c) => format!("c:{c}"),
            MetricKey::Number { value, .. } => format!("n:{value}"),
        }
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

pub(crate) const NUMBER_WORDS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

/// What a word right after a number makes of it: a multiplier and a unit.
fn unit_word(lower: &str) -> Option<(f64, Unit)> {
    Some(match lower {
        "percent" | "pct" => (1.0, Unit::Percent),
        "thousand" => (1e3, Unit::None),
        "million" | "millions" | "mln" => (1e6, Unit::None),
        "billion" | "billions" => (1e9, Unit::None),
        "times" => (1.0, Unit::Times),
        // As a separate word only a real unit counts: `5 m` is not five million.
        _ => return suffix_unit(lower).filter(|(_, u)| *u != Unit::None),
    })
}

/// A unit written right after the digits (`10k`, `3x`, `35ms`, `2nd`) or as the next word.
fn suffix_unit(lower: &str) -> Option<(f64, Unit)> {
    const MINUTE: f64 = 60.0;
    const HOUR: f64 = 3600.0;
    const DAY: f64 = 86_400.0;
    const YEAR: f64 = 365.25 * DAY;
    Some(match lower {
        "" | "st" | "nd" | "rd" | "th" => (1.0, Unit::None),
        "k" => (1e3, Unit::None),
        "m" | "mm" | "mn" => (1e6, Unit::None),
        "b" | "bn" => (1e9, Unit::None),
        "x" => (1.0, Unit::Times),
        "ms" | "millisecond" | "milliseconds" => (1e-3, Unit::Seconds),
        "s" | "sec" | "secs" | "second" | "seconds" => (1.0, Unit::Seconds),
        "min" | "mins" | "minute" | "minutes" => (MINUTE, Unit::Seconds),
        "h" | "hr" | "hrs" | "hour" | "hours" => (HOUR, Unit::Seconds),
        "day" | "days" => (DAY, Unit::Seconds),
        "week" | "weeks" | "wk" | "wks" => (7.0 * DAY, Unit::Seconds),
        "month" | "months" | "mo" | "mos" => (YEAR / 12.0, Unit::Seconds),
        "yr" | "yrs" | "year" | "years" => (YEAR, Unit::Seconds),
        "kb" => (1e3, Unit::Bytes),
        "mb" => (1e6, Unit::Bytes),
        "gb" => (1e9, Unit::Bytes),
        "tb" => (1e12, Unit::Bytes),
        "pb" => (1e15, Unit::Bytes),
        _ => return None,
    })
}

fn currency_symbol(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₩' | '₽' | '₺')
}

fn currency_code(word: &str) -> Option<char> {
    Some(match word {
        "USD" | "US$" | "CAD" | "AUD" => '$',
        "EUR" => '€',
        "GBP" => '£',
        "JPY" | "CNY" => '¥',
        "INR" => '₹',
        _ => return None,
    })
}

/// The numbers and metrics of a text, skipping digits inside skill names (`Next.js 14` keeps 14,
/// but `S3` the skill is a skill, not a number).
pub(crate) fn metrics(text: &str, ws: &[Word<'_>], skills: &[Found<'_>]) -> Vec<Metric> {
    let mut out = Vec::new();
    let in_skill = |w: &Word<'_>| skills.iter().any(|f| w.start < f.end && f.start < w.end);
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i];
        i += 1;
        if in_skill(&w) {
            continue;
        }
        let lower = w.text.to_lowercase();
        let first = w.text.chars().next().unwrap_or(' ');
        let (mut value, mut unit, mut end) = if first.is_ascii_digit() {
            let split = w
                .text
                .find(|c: char| c.is_alphabetic())
                .unwrap_or(w.text.len());
            let (digits, suffix) = w.text.split_at(split);
            let parsed = digits.replace(',', "").parse::<f64>().ok();
            let suffix = suffix.to_lowercase();
            match (parsed, suffix_unit(&suffix)) {
                (Some(v), Some((m, u))) => (v * m, u, w.end),
                _ => {
                    out.push(Metric {
                        key: MetricKey::Code(lower),
                        text: w.text.to_owned(),
                    });
                    continue;
                }
            }
        } else if w.text.chars().any(|c| c.is_ascii_digit()) {
            out.push(Metric {
                key: MetricKey::Code(lower),
                text: w.text.to_owned(),
            });
            continue;
        } else if let Some(&(_, v)) = NUMBER_WORDS.iter().find(|(n, _)| *n == lower) {
            (v, Unit::None, w.end)
        } else {
            continue;
        };
        let mut start = w.start;
        // A currency before the amount: `$310,000`, `USD 310,000`.
        if let Some(c) = text[..w.start].chars().next_back()
            && currency_symbol(c)
        {
            unit = Unit::Currency(c);
            start -= c.len_utf8();
        } else if i >= 2 {
            let prev = ws[i - 2];
            if let Some(c) = currency_code(prev.text)
                && text[prev.end..w.start].trim().is_empty()
            {
                unit = Unit::Currency(c);
                start = prev.start;
            }
        }
        // `30+` is thirty as far as any comparison goes; keep the sign in the text.
        if text[end..].starts_with('+') {
            end += 1;
        }
        // A unit after it: `45%`, `45 %`, `3 times`, `2 million`, `35 ms`.
        let rest = &text[end..];
        let trimmed = rest.trim_start_matches([' ', '\u{a0}', '+']);
        if trimmed.starts_with('%') {
            if unit == Unit::None {
                unit = Unit::Percent;
            }
            end += rest.len() - trimmed.len() + 1;
        } else if trimmed.starts_with(['×'])
            && !trimmed['×'.len_utf8()..].starts_with(char::is_alphanumeric)
        {
            unit = Unit::Times;
            end += rest.len() - trimmed.len() + '×'.len_utf8();
        } else if let Some(next) = ws.get(i).copied()
            && text[end..next.start]
                .trim_matches([' ', '\u{a0}', '+'])
                .is_empty()
            && !in_skill(&next)
            && let Some((m, u)) = unit_word(&next.text.to_lowercase())
        {
            value *= m;
            if u != Unit::None {
                unit = u;
            }
            end = next.end;
            i += 1;
            // `2 million dollars`-style units after a multiplier are not needed; `2 million` is
            // compared as a number.
        }
        out.push(Metric {
            key: MetricKey::Number { value, unit },
            text: text[start..end].to_owned(),
        });
    }
    out
}

/// Abbreviations of units, metrics and everyday engineering words: written in capitals, but no
/// one's name, so a rephrasing may use them where the source spells them out.
const GENERIC_ABBREVIATIONS: &[&str] = &[
    "API", "APIs", "ARR", "B2B", "B2C", "CPU", "CPUs", "CRUD", "DAU", "ETA", "ETL", "FTE", "GPU",
    "GPUs", "IO", "KPI", "KPIs", "MAU", "MRR", "MVP", "NPS", "OKR", "OKRs", "PR", "PRs", "QA",
    "QoQ", "QPS", "RAM", "ROI", "RPS", "SDK", "SLA", "SLAs", "SLI", "SLIs", "SLO", "SLOs", "TPS",
    "UI", "UX", "YoY",
];

/// Words written as names: capitalised inside a sentence (`MIT`, `Google`, `Stripe`) or
/// acronyms anywhere (`MIT` opening a sentence), outside skill names, numbers and generic
/// abbreviations (`RPS`, `SLA`).
pub(crate) fn names<'t>(ws: &[Word<'t>], skills: &[Found<'_>]) -> Vec<&'t str> {
    ws.iter()
        .filter(|w| !skills.iter().any(|f| w.start < f.end && f.start < w.end))
        .filter(|w| !GENERIC_ABBREVIATIONS.contains(&w.text))
        .filter(|w| {
            let mut chars = w.text.chars();
            let first = chars.next().unwrap_or(' ');
            if !first.is_uppercase() || w.text.chars().count() < 2 {
                return false;
            }
            if w.text.chars().any(|c| c.is_ascii_digit()) {
                return false;
            }
            let acronym = w.text.chars().filter(|c| c.is_uppercase()).count() >= 2;
            acronym || !w.sentence_start
        })
        .map(|w| w.text)
        .collect()
}

/// Degree classes: different spellings of one degree are one class, so `MSc` in the source
/// supports "Master's" but not "PhD".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum DegreeClass {
    Doctorate,
    Mba,
    Master,
    Bachelor,
    Associate,
    Law,
    Medicine,
}

impl DegreeClass {
    pub(crate) fn label(self) -> &'static str {
        match self {
            DegreeClass::Doctorate => "doctorate",
            DegreeClass::Mba => "MBA",
            DegreeClass::Master => "master's degree",
            DegreeClass::Bachelor => "bachelor's degree",
            DegreeClass::Associate => "associate degree",
            DegreeClass::Law => "law degree",
            DegreeClass::Medicine => "medical degree",
        }
    }
}

/// The degrees a text names, with the words that name them. Dots and apostrophes are ignored
/// (`Ph.D.`, `M.Sc.`, `Master's`); the two-letter abbreviations count only in capitals (`MS`,
/// `BA`), so "ms" after a number stays a unit.
pub(crate) fn degrees(text: &str) -> Vec<(DegreeClass, String)> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, '.' | '\'' | '’'))
        .collect();
    let mut out = Vec::new();
    let ws = words(&compact);
    for (i, w) in ws.iter().enumerate() {
        let lower = w.text.to_lowercase();
        let class = match lower.as_str() {
            "phd" | "dphil" | "doctorate" | "doctoral" | "edd" | "dba" => {
                Some(DegreeClass::Doctorate)
            }
            "doctor"
                if ws
                    .get(i + 1)
                    .is_some_and(|n| n.text.eq_ignore_ascii_case("of")) =>
            {
                Some(DegreeClass::Doctorate)
            }
            "mba" | "emba" => Some(DegreeClass::Mba),
            "msc" | "meng" | "mphil" | "mres" | "mfa" | "mpa" | "mph" | "master" | "masters" => {
                Some(DegreeClass::Master)
            }
            "bsc" | "beng" | "bba" | "bfa" | "bachelor" | "bachelors" => {
                Some(DegreeClass::Bachelor)
            }
            "llm" | "llb" => Some(DegreeClass::Law),
            _ => match w.text {
                "MS" | "MA" => Some(DegreeClass::Master),
                "BS" | "BA" => Some(DegreeClass::Bachelor),
                "AA" | "AS" if ws.get(i + 1).is_some_and(|n| n.text == "degree") => {
                    Some(DegreeClass::Associate)
                }
                "JD" => Some(DegreeClass::Law),
                "MD" => Some(DegreeClass::Medicine),
                _ if lower == "associate"
                    && ws
                        .get(i + 1)
                        .is_some_and(|n| n.text.eq_ignore_ascii_case("degree")) =>
                {
                    Some(DegreeClass::Associate)
                }
                _ => None,
            },
        };
        if let Some(class) = class {
            out.push((class, w.text.to_owned()));
        }
    }
    out
}

/// A text analysed once: its terms (for ranking), its metrics and names (for verification) and
/// its fingerprint (for mapping a rephrased text to its source).
#[derive(Debug, Clone, Default)]
pub(crate) struct Analysis {
    /// Terms in text order, with the word as written (lower-cased) or the skill's name.
    pub terms: Vec<(Term, String)>,
    pub metrics: Vec<Metric>,
    pub names: Vec<String>,
    /// Canonical names of the skills found.
    pub skills: Vec<String>,
    /// Each skill found, with the stems of the words it was written with (`alert` for
    /// "alerting"), in text order.
    pub skill_words: Vec<(String, Vec<String>)>,
}

/// The terms of `text` alone, in text order: [`Analysis::terms`] without the metrics, names and
/// skill words a query does not read (a posting's query is built for every posting ranked).
pub(crate) fn terms(text: &str, vocabulary: &Vocabulary) -> Vec<(Term, String)> {
    terms_of(&vocabulary.find(text), &words(text))
}

fn terms_of(found: &[crate::keywords::Found<'_>], ws: &[Word<'_>]) -> Vec<(Term, String)> {
    let mut terms: Vec<(usize, Term, String)> = found
        .iter()
        .map(|f| {
            (
                f.start,
                Term::Skill(f.canonical.to_owned()),
                f.canonical.to_owned(),
            )
        })
        .collect();
    for w in ws {
        if found.iter().any(|f| w.start < f.end && f.start < w.end) {
            continue;
        }
        if w.text.chars().any(|c| c.is_numeric()) {
            continue;
        }
        let lower = w.text.to_lowercase();
        if lower.chars().count() < 2
            || is_stop_word(&lower)
            || NUMBER_WORDS.iter().any(|(n, _)| *n == lower)
        {
            continue;
        }
        terms.push((w.start, Term::Word(stem(&lower)), lower));
    }
    terms.sort_by_key(|(start, _, _)| *start);
    terms.into_iter().map(|(_, t, d)| (t, d)).collect()
}

impl Analysis {
    pub(crate) fn new(text: &str, vocabulary: &Vocabulary) -> Analysis {
        let found = vocabulary.find(text);
        let ws = words(text);
        let terms = terms_of(&found, &ws);
        let mut skills: Vec<String> = Vec::new();
        for f in &found {
            if !skills.iter().any(|s| s == f.canonical) {
                skills.push(f.canonical.to_owned());
            }
        }
        let skill_words = found
            .iter()
            .map(|f| {
                let stems = words(&text[f.start..f.end])
                    .iter()
                    .map(|w| stem(&w.text.to_lowercase()))
                    .collect();
                (f.canonical.to_owned(), stems)
            })
            .collect();
        Analysis {
            skill_words,
            terms,
            metrics: metrics(text, &ws, &found),
            names: names(&ws, &found).into_iter().map(str::to_owned).collect(),
            skills,
        }
    }

    /// The content keys of the text: terms and numbers, each once.
    pub(crate) fn fingerprint(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .terms
            .iter()
            .map(|(t, _)| t.key())
            .chain(self.metrics.iter().map(Metric::fingerprint))
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_inflections() {
        let cases = [
            ("services", "service"),
            ("designed", "designing"),
            ("latencies", "latency"),
            ("built", "building"),
            ("led", "leads"),
            ("planned", "plan"),
            ("scaling", "scale"),
            ("processes", "process"),
        ];
        for (a, b) in cases {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("design"), stem("desk"));
    }

    fn metric_list(text: &str) -> Vec<(String, String)> {
        let ws = words(text);
        metrics(text, &ws, &[])
            .into_iter()
            .map(|m| {
                let key = match m.key {
                    MetricKey::Number { value, unit } => format!("{value} {unit:?}"),
                    MetricKey::Code(c) => format!("code {c}"),
                };
                (m.text, key)
            })
            .collect()
    }

    #[test]
    fn numbers_are_read_with_their_units() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("cut cost by 45%", &[("45%", "45 Percent")]),
            (
                "saving $310,000 a year",
                &[("$310,000", "310000 Currency('$')")],
            ),
            ("saving $310K", &[("$310K", "310000 Currency('$')")]),
            (
                "USD 2 million",
                &[("USD 2 million", "2000000 Currency('$')")],
            ),
            (
                "a p99 of 35 ms",
                &[("p99", "code p99"), ("35 ms", "0.035 Seconds")],
            ),
            ("3x faster", &[("3x", "3 Times")]),
            ("four engineers", &[("four", "4 None")]),
            ("30+ incidents", &[("30+", "30 None")]),
            ("GPA 3.9/4.0", &[("3.9", "3.9 None"), ("4.0", "4 None")]),
            ("10,000 users", &[("10,000", "10000 None")]),
        ];
        for (text, expected) in cases {
            let got = metric_list(text);
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect();
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn degrees_are_found_in_their_usual_spellings() {
        let found = |t: &str| -> Vec<DegreeClass> { degrees(t).into_iter().map(|d| d.0).collect() };
        assert_eq!(found("Ph.D. in physics"), [DegreeClass::Doctorate]);
        assert_eq!(found("holds a PhD from MIT"), [DegreeClass::Doctorate]);
        assert_eq!(
            found("Master's in CS, BSc"),
            [DegreeClass::Master, DegreeClass::Bachelor]
        );
        assert_eq!(found("latency of 35 ms"), []);
        assert_eq!(found("MS Computer Science"), [DegreeClass::Master]);
    }

    #[test]
    fn names_are_capitalised_words_inside_sentences_and_acronyms() {
        let text = "Holds a PhD from MIT. Led the Stripe migration";
        let ws = words(text);
        assert_eq!(names(&ws, &[]), ["PhD", "MIT", "Stripe"]);
    }
}
