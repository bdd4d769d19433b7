//! The readability category: bullets of a readable length that open with an action verb,
//! quantified achievements, no first-person pronouns, short paragraphs and the active voice. Each
//! finding points at its bullet or paragraph.
//!
//! Skill names (the vocabulary's and the job's keywords) are not prose: they are masked before
//! counting words, looking for numbers, pronouns and passive constructions. So naming one more
//! skill never makes a bullet "too long" or "passive", and `S3` or `EC2` is not a metric.

use super::matching::{JobKeyword, term_ranges};
use super::places::{Kind, Place};
use super::{Evidence, Sheet, count, locate as place, shorten};
use crate::keywords::Vocabulary;

/// Fewest words of a bullet that says something.
const MIN_BULLET_WORDS: usize = 5;
/// Most words of prose in a bullet (about two lines).
const MAX_BULLET_WORDS: usize = 30;
/// Most words in a summary or description paragraph.
const MAX_PARAGRAPH_WORDS: usize = 80;
/// Share of quantified bullets that earns full points.
const QUANTIFIED_TARGET: f64 = 0.6;

const ACTION_VERBS: &[&str] = &[
    "accelerated",
    "achieved",
    "acquired",
    "added",
    "administered",
    "advised",
    "advocated",
    "aligned",
    "analysed",
    "analyzed",
    "architected",
    "assembled",
    "audited",
    "authored",
    "automated",
    "boosted",
    "budgeted",
    "built",
    "captured",
    "championed",
    "coached",
    "collaborated",
    "completed",
    "composed",
    "conceived",
    "conducted",
    "consolidated",
    "constructed",
    "consulted",
    "contributed",
    "converted",
    "coordinated",
    "created",
    "cultivated",
    "cut",
    "debugged",
    "decreased",
    "defined",
    "delivered",
    "demonstrated",
    "deployed",
    "designed",
    "developed",
    "devised",
    "diagnosed",
    "directed",
    "discovered",
    "doubled",
    "drafted",
    "drove",
    "edited",
    "educated",
    "eliminated",
    "enabled",
    "engineered",
    "enhanced",
    "established",
    "evaluated",
    "expanded",
    "expedited",
    "facilitated",
    "forecast",
    "formulated",
    "fostered",
    "founded",
    "generated",
    "grew",
    "guided",
    "halved",
    "headed",
    "hired",
    "identified",
    "implemented",
    "improved",
    "increased",
    "influenced",
    "initiated",
    "innovated",
    "inspected",
    "instituted",
    "integrated",
    "interviewed",
    "introduced",
    "invented",
    "investigated",
    "launched",
    "led",
    "lowered",
    "maintained",
    "managed",
    "maximized",
    "mentored",
    "merged",
    "migrated",
    "minimized",
    "modelled",
    "modeled",
    "modernised",
    "modernized",
    "monitored",
    "motivated",
    "negotiated",
    "onboarded",
    "operated",
    "optimised",
    "optimized",
    "orchestrated",
    "organised",
    "organized",
    "outperformed",
    "overhauled",
    "oversaw",
    "owned",
    "partnered",
    "piloted",
    "pioneered",
    "planned",
    "prepared",
    "presented",
    "prioritised",
    "prioritized",
    "produced",
    "programmed",
    "promoted",
    "proposed",
    "prototyped",
    "provisioned",
    "published",
    "raised",
    "ran",
    "rebuilt",
    "recruited",
    "redesigned",
    "reduced",
    "refactored",
    "released",
    "remodelled",
    "replaced",
    "reported",
    "researched",
    "resolved",
    "restructured",
    "revamped",
    "reviewed",
    "revitalized",
    "rewrote",
    "saved",
    "scaled",
    "secured",
    "served",
    "set",
    "shaped",
    "shipped",
    "simplified",
    "slashed",
    "solved",
    "spearheaded",
    "sped",
    "standardised",
    "standardized",
    "started",
    "steered",
    "streamlined",
    "strengthened",
    "supervised",
    "surpassed",
    "taught",
    "tested",
    "trained",
    "transformed",
    "translated",
    "tripled",
    "troubleshot",
    "tuned",
    "unified",
    "upgraded",
    "validated",
    "won",
    "wrote",
];

/// Present-tense forms whose past tense is irregular (`lead` → `led`).
const IRREGULAR_PRESENT: &[&str] = &[
    "build", "cut", "drive", "grow", "lead", "oversee", "rebuild", "rewrite", "run", "set", "ship",
    "speed", "teach", "win", "write",
];

/// Openings that describe a duty instead of an achievement.
const WEAK_OPENINGS: &[&str] = &[
    "assisted",
    "did",
    "duties",
    "got",
    "had",
    "handled",
    "helped",
    "involved",
    "made",
    "participated",
    "responsible",
    "supported",
    "tasked",
    "used",
    "utilised",
    "utilized",
    "was",
    "were",
    "worked",
];

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "half",
    "twice",
    "dozen",
    "dozens",
    "twofold",
    "threefold",
    "tenfold",
];

const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "get", "gets", "got",
];

const IRREGULAR_PARTICIPLES: &[&str] = &[
    "begun",
    "born",
    "bought",
    "broken",
    "brought",
    "built",
    "chosen",
    "cut",
    "done",
    "drawn",
    "driven",
    "found",
    "given",
    "grown",
    "held",
    "hidden",
    "kept",
    "known",
    "led",
    "made",
    "overseen",
    "paid",
    "put",
    "rebuilt",
    "redone",
    "remade",
    "rerun",
    "rewritten",
    "run",
    "seen",
    "sent",
    "set",
    "shown",
    "sold",
    "spent",
    "taken",
    "taught",
    "thrown",
    "told",
    "undertaken",
    "withdrawn",
    "won",
    "written",
];

const PRONOUNS: &[&str] = &["i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"];

/// A word of a text: its letters (lower-cased, apostrophes unified) and whether it is part of a
/// skill name.
struct Word {
    raw: String,
    lower: String,
    skill: bool,
}

/// The words of `text`, those inside a skill name (any the vocabulary knows, and the job's
/// keywords it does not) marked.
fn words(text: &str, vocabulary: &Vocabulary, keywords: &[JobKeyword]) -> Vec<Word> {
    let mut found: Vec<(usize, usize)> = vocabulary
        .find(text)
        .iter()
        .map(|f| (f.start, f.end))
        .collect();
    for k in keywords.iter().filter(|k| !k.known) {
        found.extend(term_ranges(text, &k.name));
    }
    let mut out = Vec::new();
    let mut start = None;
    let mut push = |s: usize, e: usize| {
        let token = &text[s..e];
        let Some(first) = token.find(char::is_alphanumeric) else {
            return;
        };
        let at = s + first;
        let raw = token
            .trim_matches(|c: char| !(c.is_alphanumeric() || "%$€£¥+#".contains(c)))
            .replace('\u{2019}', "'");
        out.push(Word {
            lower: raw.to_lowercase(),
            raw,
            skill: found.iter().any(|(fs, fe)| *fs <= at && at < *fe),
        });
    };
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                push(s, i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len());
    }
    out
}

fn is_action_verb(word: &str) -> bool {
    let w = word.to_lowercase();
    if WEAK_OPENINGS.contains(&w.as_str()) {
        return false;
    }
    if ACTION_VERBS.contains(&w.as_str()) || IRREGULAR_PRESENT.contains(&w.as_str()) {
        return true;
    }
    // Present tense of a listed verb: `design`, `designs`, `automate`, `leads`.
    let stems = [Some(w.as_str()), w.strip_suffix('s'), w.strip_suffix("es")];
    for stem in stems.into_iter().flatten() {
        if IRREGULAR_PRESENT.contains(&stem)
            || ACTION_VERBS.contains(&format!("{stem}ed").as_str())
            || ACTION_VERBS.contains(&format!("{stem}d").as_str())
        {
            return true;
        }
    }
    // Any other regular past tense.
    w.chars().count() >= 5 && w.ends_with("ed") && !w.ends_with("eed")
}

fn is_participle(w: &str) -> bool {
    IRREGULAR_PARTICIPLES.contains(&w) || (w.chars().count() >= 4 && w.ends_with("ed"))
}

/// "was built", "were migrated", "is being handled": an auxiliary, then (after adverbs) a
/// participle, neither of them part of a skill name.
fn passive(words: &[Word]) -> Option<String> {
    for (i, w) in words.iter().enumerate() {
        if w.skill || !AUXILIARIES.contains(&w.lower.as_str()) {
            continue;
        }
        let mut j = i + 1;
        while j < words.len()
            && !words[j].skill
            && (words[j].lower.ends_with("ly")
                || matches!(words[j].lower.as_str(), "not" | "also" | "being" | "then"))
        {
            j += 1;
        }
        if let Some(p) = words.get(j)
            && !p.skill
            && is_participle(&p.lower)
        {
            return Some(format!("{} … {}", w.raw, p.raw));
        }
    }
    None
}

fn quantified(words: &[Word]) -> bool {
    words.iter().filter(|w| !w.skill).any(|w| {
        w.raw
            .chars()
            .any(|c| c.is_ascii_digit() || "%$€£¥".contains(c))
            || NUMBER_WORDS.contains(&w.lower.as_str())
    })
}

fn pronoun(words: &[Word]) -> Option<&str> {
    words
        .iter()
        .filter(|w| !w.skill)
        .find(|w| w.raw == "I" || PRONOUNS.contains(&w.lower.as_str()))
        .map(|w| w.raw.as_str())
}

pub(super) fn score(places: &[Place], vocabulary: &Vocabulary, keywords: &[JobKeyword]) -> Sheet {
    let mut sheet = Sheet::default();
    let read = |p: &Place| words(p.text(), vocabulary, keywords);
    let bullets: Vec<(&Place, Vec<Word>)> = places
        .iter()
        .filter(|p| p.kind == Kind::Bullet)
        .map(|p| (p, read(p)))
        .collect();
    let paragraphs: Vec<(&Place, Vec<Word>)> = places
        .iter()
        .filter(|p| matches!(p.kind, Kind::Summary | Kind::Paragraph))
        .map(|p| (p, read(p)))
        .collect();
    let n = bullets.len();
    let ev = |p: &Place, finding: String| p.evidence.clone().with_finding(finding);

    // Length.
    const LENGTH: &str = "Bullets are one or two lines (5 to 30 words of prose)";
    if n == 0 {
        sheet.skip("readability.length", LENGTH, "no bullets");
    } else {
        let bad: Vec<Evidence> = bullets
            .iter()
            .filter_map(|(p, w)| {
                let total = w.len();
                let prose = w.iter().filter(|w| !w.skill).count();
                if total < MIN_BULLET_WORDS {
                    Some(ev(p, format!("{} only", count(total, "word", "words"))))
                } else if prose > MAX_BULLET_WORDS {
                    Some(ev(p, format!("{prose} words of prose")))
                } else {
                    None
                }
            })
            .collect();
        if let Some(first) = bad.first() {
            sheet.suggest(format!(
                "Keep bullets to one or two lines: {} (e.g. “{}”, {}).",
                count(bad.len(), "bullet is", "bullets are") + " too short or too long",
                shorten(&first.text, 60),
                first.finding.as_deref().unwrap_or_default()
            ));
        }
        sheet.check(
            "readability.length",
            LENGTH,
            20.0,
            (n - bad.len()) as f64 / n as f64,
            format!("{} of {} fit", n - bad.len(), count(n, "bullet", "bullets")),
            bad,
        );
    }

    // Action verbs.
    const VERBS: &str = "Bullets start with an action verb";
    if n == 0 {
        sheet.skip("readability.action_verbs", VERBS, "no bullets");
    } else {
        let bad: Vec<Evidence> = bullets
            .iter()
            .filter_map(|(p, w)| match w.first() {
                None => Some(ev(p, "has no words".to_owned())),
                Some(first) if !first.skill && is_action_verb(&first.raw) => None,
                Some(first) => Some(ev(p, format!("starts with “{}”", first.raw))),
            })
            .collect();
        if let Some(first) = bad.first() {
            sheet.suggest(format!(
                "Open every bullet with what you did (Built, Led, Cut, Shipped, Designed…): “{}” \
                 {}.",
                shorten(&first.text, 60),
                first.finding.as_deref().unwrap_or_default()
            ));
        }
        sheet.check(
            "readability.action_verbs",
            VERBS,
            20.0,
            (n - bad.len()) as f64 / n as f64,
            format!("{} of {} do", n - bad.len(), count(n, "bullet", "bullets")),
            bad,
        );
    }

    // Quantified achievements: a resume without a single bullet has nothing quantified.
    let bad: Vec<Evidence> = bullets
        .iter()
        .filter(|(_, w)| !quantified(w))
        .map(|(p, _)| ev(p, "no number".to_owned()))
        .collect();
    let with = n - bad.len();
    let share = if n == 0 { 0.0 } else { with as f64 / n as f64 };
    if n == 0 {
        sheet.suggest(
            "Describe each job with bullets of what you achieved, with numbers: an ATS and a \
             recruiter skim bullets first.",
        );
    } else if share < QUANTIFIED_TARGET
        && let Some(first) = bad.first()
    {
        sheet.suggest(format!(
            "Add a number where you can — how many, how much, how fast: “{}” ({}) has none.",
            shorten(&first.text, 60),
            place(first)
        ));
    }
    sheet.check(
        "readability.quantified",
        "Most bullets quantify their result (target: 60%)",
        25.0,
        share / QUANTIFIED_TARGET,
        format!(
            "{with} of {} have a number ({:.0}%)",
            count(n, "bullet", "bullets"),
            share * 100.0
        ),
        bad,
    );

    // Pronouns.
    const PRONOUN: &str = "No first-person pronouns (I, me, my)";
    let texts: Vec<&(&Place, Vec<Word>)> = bullets.iter().chain(paragraphs.iter()).collect();
    if texts.is_empty() {
        sheet.skip("readability.pronouns", PRONOUN, "no bullets or paragraphs");
    } else {
        let bad: Vec<Evidence> = texts
            .iter()
            .filter_map(|(p, w)| Some(ev(p, format!("says “{}”", pronoun(w)?))))
            .collect();
        if let Some(first) = bad.first() {
            sheet.suggest(format!(
                "Drop first-person pronouns; resumes imply the subject: “{}” ({}).",
                shorten(&first.text, 60),
                place(first)
            ));
        }
        sheet.check(
            "readability.pronouns",
            PRONOUN,
            10.0,
            (texts.len() - bad.len()) as f64 / texts.len() as f64,
            format!(
                "{} of {} without",
                texts.len() - bad.len(),
                count(texts.len(), "text", "texts")
            ),
            bad,
        );
    }

    // Paragraphs.
    const PARAGRAPHS: &str = "Summaries and descriptions are short (80 words at most)";
    if paragraphs.is_empty() {
        sheet.skip("readability.paragraphs", PARAGRAPHS, "no paragraphs");
    } else {
        let bad: Vec<Evidence> = paragraphs
            .iter()
            .filter(|(_, w)| w.len() > MAX_PARAGRAPH_WORDS)
            .map(|(p, w)| {
                let mut e = ev(p, format!("{} words", w.len()));
                e.text = shorten(&e.text, 120);
                e
            })
            .collect();
        if let Some(first) = bad.first() {
            sheet.suggest(format!(
                "Cut long paragraphs to {MAX_PARAGRAPH_WORDS} words or turn them into bullets: \
                 {} has {}.",
                place(first),
                first.finding.as_deref().unwrap_or_default()
            ));
        }
        sheet.check(
            "readability.paragraphs",
            PARAGRAPHS,
            10.0,
            (paragraphs.len() - bad.len()) as f64 / paragraphs.len() as f64,
            format!(
                "{} of {} short enough",
                paragraphs.len() - bad.len(),
                count(paragraphs.len(), "paragraph", "paragraphs")
            ),
            bad,
        );
    }

    // Active voice.
    const ACTIVE: &str = "Bullets are in the active voice";
    if n == 0 {
        sheet.skip("readability.active_voice", ACTIVE, "no bullets");
    } else {
        let bad: Vec<Evidence> = bullets
            .iter()
            .filter_map(|(p, w)| Some(ev(p, format!("passive: “{}”", passive(w)?))))
            .collect();
        if let Some(first) = bad.first() {
            sheet.suggest(format!(
                "Say who did it — you: “{}” reads {}.",
                shorten(&first.text, 60),
                first.finding.as_deref().unwrap_or_default()
            ));
        }
        sheet.check(
            "readability.active_voice",
            ACTIVE,
            15.0,
            (n - bad.len()) as f64 / n as f64,
            format!(
                "{} of {} active",
                n - bad.len(),
                count(n, "bullet", "bullets")
            ),
            bad,
        );
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_verbs_are_recognised_in_past_and_present_tense() {
        let cases = [
            ("Built", true),
            ("Led", true),
            ("Designs", true),
            ("Lead", true),
            ("Automate", true),
            ("Refactored", true),
            ("Containerized", true),
            ("Used", false),
            ("Helped", false),
            ("Responsible", false),
            ("The", false),
            ("Speed", true),
            ("Need", false),
        ];
        for (word, expected) in cases {
            assert_eq!(is_action_verb(word), expected, "{word}");
        }
    }
}
