//! How close an imported resume is to the one it came from: field-level precision, recall and F1
//! over the facts a recruiter reads (name, contact, employers, titles, dates, schools, degrees,
//! bullets, skills), each compared as text with case, spacing, dashes and quotes folded.

use std::collections::HashMap;
use vitae_core::DateValue;
use vitae_core::model::Resume;

/// A fact of a resume: its kind and its folded text.
pub type Fact = (&'static str, String);

/// Text folded for comparison: lowercase, one kind of dash and quote, single spaces, no
/// punctuation at the ends.
pub fn fold(text: &str) -> String {
    let mapped: String = text
        .chars()
        .map(|c| match c {
            '–' | '—' | '‐' | '−' => '-',
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect();
    mapped
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| (c.is_ascii_punctuation() && c != '+' && c != '#') || c == ' ')
        .to_owned()
}

/// A date at the month, as documents show it (a day in the source is not printed).
fn date(d: &Option<DateValue>) -> Option<String> {
    match d.as_ref()? {
        DateValue::Date(p) => Some(match p.month {
            Some(m) => format!("{}-{m:02}", p.year),
            None => p.year.to_string(),
        }),
        DateValue::Present => Some("present".into()),
        DateValue::Text(t) => Some(fold(t)),
    }
}

/// The facts of a resume that an import is measured on.
pub fn facts(r: &Resume) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    let mut push = |kind: &'static str, text: Option<&str>| {
        if let Some(t) = text.map(fold).filter(|t| !t.is_empty()) {
            out.push((kind, t));
        }
    };
    let b = &r.basics;
    push("name", Some(&b.name));
    push("email", b.email.as_deref());
    let phone: Option<String> = b
        .phone
        .as_ref()
        .map(|p| p.chars().filter(char::is_ascii_digit).collect());
    push("phone", phone.as_deref());
    for p in &b.profiles {
        push("profile", p.username.as_deref());
    }
    for e in &r.experience {
        push("employer", Some(&e.company));
        push("title", e.title.as_deref());
        push("start", date(&e.start).as_deref());
        push("end", date(&e.end).as_deref());
        for bullet in &e.bullets {
            push("bullet", Some(&bullet.text));
        }
    }
    for e in &r.education {
        push("school", Some(&e.institution));
        push("degree", e.degree.as_deref());
        push("start", date(&e.start).as_deref());
        push("end", date(&e.end).as_deref());
        for h in &e.highlights {
            push("bullet", Some(h));
        }
    }
    for p in &r.projects {
        for h in &p.highlights {
            push("bullet", Some(h));
        }
    }
    for c in &r.skills {
        for s in &c.items {
            push("skill", Some(&s.name));
        }
    }
    out
}

/// Precision, recall and F1 of `got` against `want`, counting each fact as often as it occurs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub expected: usize,
}

pub fn score(want: &[Fact], got: &[Fact]) -> Score {
    let mut wanted: HashMap<&Fact, usize> = HashMap::new();
    for f in want {
        *wanted.entry(f).or_default() += 1;
    }
    let mut matched = 0;
    for f in got {
        if let Some(n) = wanted.get_mut(f)
            && *n > 0
        {
            *n -= 1;
            matched += 1;
        }
    }
    let precision = if got.is_empty() {
        0.0
    } else {
        matched as f64 / got.len() as f64
    };
    let recall = if want.is_empty() {
        1.0
    } else {
        matched as f64 / want.len() as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    Score {
        precision,
        recall,
        f1,
        expected: want.len(),
    }
}

/// The facts in `want` that `got` lacks, for a report of what an import missed.
pub fn missing(want: &[Fact], got: &[Fact]) -> Vec<Fact> {
    let mut have: HashMap<&Fact, usize> = HashMap::new();
    for f in got {
        *have.entry(f).or_default() += 1;
    }
    want.iter()
        .filter(|f| match have.get_mut(f) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}
