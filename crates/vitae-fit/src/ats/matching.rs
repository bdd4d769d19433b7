//! The keywords category: the job's skills, weighted by where the posting asks for them, found in
//! what the variant shows; the missing ones split into those the source has and those it does not.
//!
//! Skills are found with the vocabulary on the original text (never lower-cased first), so `Go`,
//! `AI`, `ML` and `R` count and `go to market` does not. A job keyword the vocabulary does not
//! know (a JSON Resume job may list anything) is matched as a whole word or phrase.

use super::places::{self, Kind, Place};
use super::{AtsInput, Evidence, KeywordHit, KeywordMiss, KeywordReport, Sheet, locate as place};
use crate::job::Job;
use crate::keywords::{Vocabulary, normalize};
use crate::tailor::rank::{Query, QueryTerm};
use crate::tailor::terms::{Term, terms};
use serde::Serialize;
use std::collections::HashSet;

/// How much the posting wants a skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Importance {
    /// Named in the title or the requirements.
    Required,
    /// Named in the responsibilities or the description.
    Responsibility,
    /// Listed in the posting's skills only (a JSON Resume job's `skills`).
    Listed,
    /// Named only among the nice-to-haves.
    NiceToHave,
}

impl Importance {
    /// Relative weight in the keyword coverage.
    pub fn weight(self) -> f64 {
        match self {
            Importance::Required => 3.0,
            Importance::Responsibility | Importance::Listed => 2.0,
            Importance::NiceToHave => 1.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Importance::Required => "required",
            Importance::Responsibility => "responsibility",
            Importance::Listed => "listed",
            Importance::NiceToHave => "nice to have",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct JobKeyword {
    pub name: String,
    pub importance: Importance,
    /// Matched through the vocabulary (else as a whole word or phrase).
    pub known: bool,
}

/// The job's keywords, each once, most important first, then in the order the posting names them.
pub(crate) fn job_keywords(job: &Job, vocabulary: &Vocabulary) -> Vec<JobKeyword> {
    // Each keyword with its normalised name, computed once.
    type Keyed = Vec<(String, JobKeyword)>;
    fn add(out: &mut Keyed, name: &str, importance: Importance, known: bool) {
        let key = normalize(name);
        if key.is_empty() {
            return;
        }
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, k)) => k.importance = k.importance.min(importance),
            None => out.push((
                key,
                JobKeyword {
                    name: name.trim().to_owned(),
                    importance,
                    known,
                },
            )),
        }
    }
    let mut out: Keyed = Vec::new();
    let texts = [
        (job.title.iter().collect::<Vec<_>>(), Importance::Required),
        (job.qualifications.iter().collect(), Importance::Required),
        (
            job.responsibilities.iter().collect(),
            Importance::Responsibility,
        ),
        (job.description.iter().collect(), Importance::Responsibility),
        (job.nice_to_have.iter().collect(), Importance::NiceToHave),
    ];
    for (list, importance) in texts {
        for text in list {
            for found in vocabulary.find(text) {
                add(&mut out, found.canonical, importance, true);
            }
        }
    }
    // The posting's skills list: for a text posting it was read from the text above, so it only
    // adds what the text did not name (a JSON Resume job's explicit list); it never turns a
    // nice-to-have into a listed skill.
    for name in job.skill_names() {
        match vocabulary.canonical(name) {
            Some(canonical) => add_new(&mut out, canonical, true),
            None => add_new(&mut out, name, false),
        }
    }
    fn add_new(out: &mut Keyed, name: &str, known: bool) {
        let key = normalize(name);
        if !out.iter().any(|(k, _)| *k == key) {
            add(out, name, Importance::Listed, known);
        }
    }
    // Stable: the posting's order within each importance.
    out.sort_by_key(|(_, k)| k.importance);
    out.into_iter().map(|(_, k)| k).collect()
}

/// Byte ranges in `text` of the job's keywords, as `(keyword index, start, end)`.
pub(super) fn keyword_spans(
    text: &str,
    vocabulary: &Vocabulary,
    keywords: &[JobKeyword],
) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    for found in vocabulary.find(text) {
        if let Some(k) = keywords
            .iter()
            .position(|k| k.known && k.name == found.canonical)
        {
            spans.push((k, found.start, found.end));
        }
    }
    for (k, keyword) in keywords.iter().enumerate().filter(|(_, k)| !k.known) {
        spans.extend(
            term_ranges(text, &keyword.name)
                .into_iter()
                .map(|(s, e)| (k, s, e)),
        );
    }
    spans
}

/// Where `term` occurs in `text` as a whole word or phrase, ignoring case (the rule of
/// [`vitae_core::text::contains_term`], with positions).
pub(crate) fn term_ranges(text: &str, term: &str) -> Vec<(usize, usize)> {
    let needle: Vec<char> = term.trim().chars().flat_map(char::to_lowercase).collect();
    let hay: Vec<(char, usize, usize)> = text
        .char_indices()
        .flat_map(|(i, c)| c.to_lowercase().map(move |l| (l, i, i + c.len_utf8())))
        .collect();
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let need_left = needle.first().is_some_and(|c| is_word(*c));
    let need_right = needle.last().is_some_and(|c| is_word(*c));
    let n = needle.len();
    let mut i = 0;
    while i + n <= hay.len() {
        let matches = hay[i..i + n].iter().map(|h| h.0).eq(needle.iter().copied())
            && (!need_left || i == 0 || !is_word(hay[i - 1].0))
            && (!need_right || i + n == hay.len() || !is_word(hay[i + n].0));
        if matches {
            out.push((hay[i].1, hay[i + n - 1].2));
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

/// The sentence of `text` around bytes `start..end`, for evidence from long texts.
fn sentence(text: &str, start: usize, end: usize) -> String {
    let from = text[..start]
        .rfind(['.', '!', '?', ';', '\n'])
        .map_or(0, |i| i + 1);
    let to = text[end..]
        .find(['.', '!', '?', ';', '\n'])
        .map_or(text.len(), |i| end + i + 1);
    text[from..to].trim().to_owned()
}

/// Where the keywords occur among `places`: for each keyword, its evidence, one per place.
fn occurrences(
    places: &[Place],
    vocabulary: &Vocabulary,
    keywords: &[JobKeyword],
    searched: impl Fn(Kind) -> bool,
) -> Vec<Vec<Evidence>> {
    let mut out = vec![Vec::new(); keywords.len()];
    for place in places.iter().filter(|p| searched(p.kind)) {
        let text = place.text();
        let mut seen = vec![false; keywords.len()];
        for (k, start, end) in keyword_spans(text, vocabulary, keywords) {
            if seen[k] {
                continue;
            }
            seen[k] = true;
            let mut e = place.evidence.clone();
            if matches!(place.kind, Kind::Summary | Kind::Paragraph) {
                e.text = sentence(text, start, end);
            }
            out[k].push(e.with_finding(keywords[k].name.clone()));
        }
    }
    out
}

/// Words of a job title that say what the job is, without its level.
pub(crate) fn title_words(title: &str) -> Vec<String> {
    const LEVEL_AND_GLUE: &[&str] = &[
        "senior",
        "sr",
        "junior",
        "jr",
        "lead",
        "staff",
        "principal",
        "head",
        "chief",
        "intern",
        "mid",
        "level",
        "entry",
        "i",
        "ii",
        "iii",
        "iv",
        "of",
        "and",
        "the",
        "for",
        "to",
        "at",
        "in",
        "a",
        "an",
        "m",
        "f",
        "d",
        "w",
        "x",
        "remote",
        "hybrid",
    ];
    let mut words: Vec<String> = Vec::new();
    for w in title
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#' || c == '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
    {
        let lower = w.to_lowercase();
        if !LEVEL_AND_GLUE.contains(&lower.as_str()) && !words.contains(&lower) {
            words.push(lower);
        }
    }
    words
}

pub(super) fn score(
    input: &AtsInput<'_>,
    vocabulary: &Vocabulary,
    keywords: &[JobKeyword],
    shown: &[Place],
) -> (Sheet, KeywordReport) {
    let mut sheet = Sheet::default();
    let mut report = KeywordReport::default();
    let readable = |k: Kind| !matches!(k, Kind::Contact | Kind::Tag | Kind::Date);
    let found = occurrences(shown, vocabulary, keywords, readable);

    let missing: Vec<usize> = (0..keywords.len())
        .filter(|k| found[*k].is_empty())
        .collect();
    let in_source = if missing.is_empty() {
        vec![Vec::new(); keywords.len()]
    } else {
        let all = places::source(input.source);
        occurrences(&all, vocabulary, keywords, |k| {
            !matches!(k, Kind::Contact | Kind::Date)
        })
    };

    for (k, keyword) in keywords.iter().enumerate() {
        if found[k].is_empty() {
            let mut where_ = in_source[k].clone();
            where_.sort_by_key(source_rank);
            let miss = KeywordMiss {
                skill: keyword.name.clone(),
                importance: keyword.importance,
                in_source: where_.into_iter().take(3).collect(),
            };
            if miss.in_source.is_empty() {
                report.missing_from_resume.push(miss);
            } else {
                report.missing_in_variant.push(miss);
            }
        } else {
            report.matched.push(KeywordHit {
                skill: keyword.name.clone(),
                importance: keyword.importance,
                found: found[k].iter().take(5).cloned().collect(),
            });
        }
    }

    let tiers = [
        (
            Importance::Required,
            "keywords.required",
            "The skills the job requires are in the resume",
        ),
        (
            Importance::Responsibility,
            "keywords.responsibilities",
            "The skills the job's responsibilities name are in the resume",
        ),
        (
            Importance::Listed,
            "keywords.listed",
            "The skills the posting lists are in the resume",
        ),
        (
            Importance::NiceToHave,
            "keywords.nice_to_have",
            "The nice-to-have skills are in the resume",
        ),
    ];
    let mut keyword_worth = 0.0;
    for (importance, id, what) in tiers {
        let tier: Vec<usize> = (0..keywords.len())
            .filter(|k| keywords[*k].importance == importance)
            .collect();
        if tier.is_empty() {
            continue;
        }
        let hit: Vec<usize> = tier
            .iter()
            .copied()
            .filter(|k| !found[*k].is_empty())
            .collect();
        let names = |ks: &[usize]| {
            ks.iter()
                .map(|k| keywords[*k].name.clone())
                .collect::<Vec<_>>()
        };
        let lost: Vec<usize> = tier
            .iter()
            .copied()
            .filter(|k| found[*k].is_empty())
            .collect();
        let mut detail = format!("{} of {} found", hit.len(), tier.len());
        if !lost.is_empty() {
            detail.push_str(&format!("; missing: {}", names(&lost).join(", ")));
        }
        let evidence = hit
            .iter()
            .filter_map(|k| found[*k].first().cloned())
            .collect();
        let worth = importance.weight() * tier.len() as f64;
        keyword_worth += worth;
        sheet.check(
            id,
            what,
            worth,
            hit.len() as f64 / tier.len() as f64,
            detail,
            evidence,
        );
    }
    if keywords.is_empty() {
        sheet.note("the posting names no skill the vocabulary knows, so there are none to match");
        // Nothing to match is no full marks: the posting's own heaviest words stand in for its
        // skills (a nursing post read by an engineer's resume scored 99.7 without this).
        keyword_worth = words_check(&mut sheet, input, vocabulary, shown, readable);
    }

    title_check(&mut sheet, input, shown, keyword_worth);
    suggest(&mut sheet, input, &report);
    (sheet, report)
}

/// How many of the posting's heaviest words are read for it when it names no known skill.
const HEAVIEST_WORDS: usize = 15;

/// The share of the weight of the posting's [`HEAVIEST_WORDS`] heaviest words (by where the
/// posting says them: the title and requirements first, as the tailoring weighs them) that the
/// variant says, by stem. Returns the check's worth.
fn words_check(
    sheet: &mut Sheet,
    input: &AtsInput<'_>,
    vocabulary: &Vocabulary,
    shown: &[Place],
    readable: impl Fn(Kind) -> bool,
) -> f64 {
    const ID: &str = "keywords.words";
    const WHAT: &str = "The posting's main words are in the resume";
    let query = Query::new(input.job, vocabulary);
    let heaviest: Vec<&QueryTerm> = query.terms.iter().take(HEAVIEST_WORDS).collect();
    if heaviest.is_empty() {
        sheet.skip(ID, WHAT, "the posting has no words to compare");
        return 0.0;
    }
    let said: HashSet<Term> = shown
        .iter()
        .filter(|p| readable(p.kind))
        .flat_map(|p| terms(p.text(), vocabulary))
        .map(|(t, _)| t)
        .collect();
    let total: f64 = heaviest.iter().map(|t| t.weight).sum();
    let (hit, lost): (Vec<&QueryTerm>, Vec<&QueryTerm>) =
        heaviest.iter().partition(|t| said.contains(&t.term));
    let earned: f64 = hit.iter().map(|t| t.weight).sum();
    let names = |ts: &[&QueryTerm]| {
        ts.iter()
            .map(|t| t.display.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut detail = format!(
        "{} of the posting's {} main words",
        hit.len(),
        heaviest.len()
    );
    if !hit.is_empty() {
        detail.push_str(&format!(": {}", names(&hit)));
    }
    if !lost.is_empty() {
        detail.push_str(&format!("; missing: {}", names(&lost)));
    }
    let worth = 3.0 * heaviest.len() as f64;
    sheet.check(ID, WHAT, worth, earned / total, detail, Vec::new());
    worth
}

/// The job title's words (without its level) in one place: the headline, a job title or the
/// summary. Worth 15% of the category when the posting has keywords.
fn title_check(sheet: &mut Sheet, input: &AtsInput<'_>, shown: &[Place], keyword_worth: f64) {
    const ID: &str = "keywords.title";
    const WHAT: &str = "The job title's words are in the headline, a job title or the summary";
    let Some(title) = input.job.title.as_deref() else {
        sheet.skip(ID, WHAT, "the posting has no title");
        return;
    };
    let words = title_words(title);
    if words.is_empty() {
        sheet.skip(ID, WHAT, format!("“{title}” names only a level"));
        return;
    }
    let worth = if keyword_worth > 0.0 {
        keyword_worth * 0.15 / 0.85
    } else {
        1.0
    };
    let mut best: Option<(usize, &Place)> = None;
    for place in shown.iter().filter(|p| {
        matches!(p.kind, Kind::Headline | Kind::Summary)
            || (p.kind == Kind::Title && p.evidence.section == "experience")
    }) {
        let n = words
            .iter()
            .filter(|w| !term_ranges(place.text(), w).is_empty())
            .count();
        if n > best.map_or(0, |b| b.0) {
            best = Some((n, place));
        }
    }
    let n = best.map_or(0, |b| b.0);
    let detail = format!(
        "{n} of {} words of “{title}” ({}) in one place",
        words.len(),
        words.join(", ")
    );
    let evidence = best
        .map(|(_, p)| {
            let mut e = p.evidence.clone();
            if p.kind == Kind::Summary
                && let Some((s, end)) = words
                    .iter()
                    .find_map(|w| term_ranges(p.text(), w).first().copied())
            {
                e.text = sentence(p.text(), s, end);
            }
            vec![e.with_finding(format!("{n} of {} title words", words.len()))]
        })
        .unwrap_or_default();
    sheet.check(
        ID,
        WHAT,
        worth,
        n as f64 / words.len() as f64,
        detail,
        evidence,
    );
    if n < words.len() {
        let headline = input.shown.basics.label.as_deref().unwrap_or("no headline");
        sheet.suggest(format!(
            "The posting's title is “{title}”; your headline says “{headline}”. If the role is \
             what you do, use the posting's words in this variant's summary or headline."
        ));
    }
}

fn suggest(sheet: &mut Sheet, input: &AtsInput<'_>, report: &KeywordReport) {
    let variant = input.variant;
    for miss in &report.missing_in_variant {
        let Some(e) = miss.in_source.first() else {
            continue;
        };
        let skill = &miss.skill;
        let what = format!("{} skill {skill}", miss.importance.label());
        let suggestion = if e.path.contains(".skills[") {
            format!(
                "{what}: the bullet “{}” ({}) is tagged with it, but its text never says it; \
                 ATS read the text, not the tags — name it in the bullet if it is accurate.",
                super::shorten(&bullet_text(input, &e.path), 80),
                place(e)
            )
        } else if e.section == "experience" && e.bullet.is_some() {
            format!(
                "{what}: your bullet “{}” ({}) names it, but variant `{variant}` leaves that \
                 bullet out; tag it for `{variant}` (emphasize_for) or raise max_bullets_per_job.",
                super::shorten(&e.text, 80),
                place(e)
            )
        } else if e.section == "skills" {
            format!(
                "{what}: it is listed under “{}” in your skills, a category variant \
                 `{variant}` does not show; add that category to its skill_sections.",
                e.entry.as_deref().unwrap_or("skills")
            )
        } else if e.section == "summary" {
            format!(
                "{what}: your {} summary mentions it and this variant's summary does not; say it \
                 there if it matters for this role.",
                e.entry
                    .as_deref()
                    .map_or_else(|| "base".to_owned(), |k| format!("`{k}`"))
            )
        } else if e.section == "projects" {
            format!(
                "{what}: the project “{}” mentions it, but variant `{variant}` does not show \
                 that project; add its category to project_categories.",
                e.entry.as_deref().unwrap_or("?")
            )
        } else {
            format!(
                "{what}: your source has it at {} but variant `{variant}` does not show it.",
                e.path
            )
        };
        sheet.suggest(suggestion);
    }
    if !report.missing_from_resume.is_empty() {
        let mut groups: Vec<String> = Vec::new();
        for importance in [
            Importance::Required,
            Importance::Responsibility,
            Importance::Listed,
            Importance::NiceToHave,
        ] {
            let names: Vec<String> = report
                .missing_from_resume
                .iter()
                .filter(|m| m.importance == importance)
                .map(|m| m.skill.clone())
                .collect();
            if !names.is_empty() {
                groups.push(format!("{} ({})", names.join(", "), importance.label()));
            }
        }
        sheet.suggest(format!(
            "Not in your resume: {}. Add {} only if it is true — ideally in a bullet that shows \
             where you used it; never claim a skill you do not have.",
            groups.join("; "),
            if report.missing_from_resume.len() == 1 {
                "it"
            } else {
                "one"
            },
        ));
    }
}

/// Which source evidence to show first: what can simply be shown (a bullet, a skill, a project)
/// before what needs rewording (a summary) and what was never text (a bullet's skill tags).
fn source_rank(e: &Evidence) -> u8 {
    if e.path.contains(".skills[") {
        5
    } else if e.bullet.is_some() {
        0
    } else {
        match e.section.as_str() {
            "skills" => 1,
            "projects" => 2,
            "summary" => 3,
            _ => 4,
        }
    }
}

/// The text of the bullet a tag path (`experience[1].bullets[3].skills[0]`) belongs to.
fn bullet_text(input: &AtsInput<'_>, path: &str) -> String {
    let index = |key: &str| {
        path.split_once(key)
            .and_then(|(_, rest)| rest.split_once(']'))
            .and_then(|(n, _)| n.parse::<usize>().ok())
    };
    index("experience[")
        .zip(index("bullets["))
        .and_then(|(i, j)| input.source.experience.get(i)?.bullets.get(j))
        .map(|b| b.text.clone())
        .unwrap_or_default()
}
