//! The ATS check: how well one variant of a resume will come through an applicant tracking
//! system for one job, as a 0–100 score in five categories (format and parsing, keywords, section
//! structure, contact, readability) where every point is explained.
//!
//! This module owns the scoring and its explanations. It reads the model, the job
//! ([`crate::job::Job`]) and the skills vocabulary ([`Vocabulary`]); it renders nothing and reads
//! no PDF. The format category is checked on the real output by the caller: it renders the chosen
//! theme, extracts the PDF's text layer, and passes that text with an [`ExpectedText`] (built here
//! from the shown resume and the section headings the renderer laid out) as a [`TextLayer`].
//! Without one the format category is scored from the model's structure alone and says so.
//!
//! What it deliberately does differently from the system it replaces:
//!
//! - skills are found by the vocabulary on the original text, so two-letter skills (`Go`, `AI`,
//!   `ML`, `R`) count and acronyms keep their capitalisation (`go to market` is not Go);
//! - the variant's own summary is scored (the resume as [`vitae_core::variant::apply`] shows it);
//! - profile links are found where the model stores them (`basics.profiles`, `basics.url`);
//! - the weights are configurable ([`Weights`]);
//! - a missing keyword is reported as "in your source but not in this variant" or "not in your
//!   resume", and only the first kind is ever suggested as something to show.
//!
//! Scores are monotone by construction: adding a missing job keyword to a bullet can only add
//! keyword matches, and the readability checks do not count skill names as prose (a bullet is not
//! "too long" or "passive" because it names one more skill).
//!
//! ```
//! use vitae_fit::ats::{self, AtsInput, Weights};
//! use vitae_fit::keywords::Vocabulary;
//!
//! let text = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n\
//!             experience:\n  - company: Acme\n    title: Engineer\n    start_date: 2020-01\n\
//!             \x20   bullets:\n      - Built the Rust billing service handling 3,000 invoices a day\n";
//! let source = vitae_core::load(text.as_bytes(), None, &Default::default()).unwrap().resume;
//! let shown = vitae_core::variant::apply(&source, "base").unwrap();
//! let job = vitae_fit::job::parse("Rust Engineer\n\nRequirements\n- Rust and Kafka\n").unwrap();
//! let input = AtsInput { source: &source, shown: &shown, variant: "base", job: &job, text_layer: None };
//! let report = ats::check(&input, Vocabulary::builtin(), &Weights::default());
//! assert!((0.0..=100.0).contains(&report.score));
//! assert_eq!(report.keywords.matched[0].skill, "Rust");
//! assert_eq!(report.keywords.missing_from_resume[0].skill, "Apache Kafka");
//! ```

mod contact;
mod layer;
pub(crate) mod matching;
mod parsing;
mod places;
mod readability;
mod render;
mod structure;
mod weights;

pub use layer::{
    Broken, ExpectedItem, ExpectedKind, ExpectedText, Heading, ItemRead, ItemStatus, ReadBack,
    read_back,
};
pub use matching::Importance;
pub use weights::{Weights, WeightsError};

use crate::job::Job;
use crate::keywords::Vocabulary;
use serde::Serialize;
use vitae_core::model::Resume;

/// What the check reads.
#[derive(Debug, Clone, Copy)]
pub struct AtsInput<'a> {
    /// The whole resume, as read from its source: where a keyword missing from the variant may
    /// still be found.
    pub source: &'a Resume,
    /// The resume as the variant shows it ([`vitae_core::variant::apply`]): what is scored.
    pub shown: &'a Resume,
    /// The variant's name, for the suggestions.
    pub variant: &'a str,
    pub job: &'a Job,
    /// The rendered PDF's text layer; `None` scores the format category from structure only.
    pub text_layer: Option<TextLayer<'a>>,
}

/// The text an extractor read from the rendered PDF, and what it should contain.
#[derive(Debug, Clone, Copy)]
pub struct TextLayer<'a> {
    /// The theme that was rendered, for the report.
    pub theme: &'a str,
    /// The extracted text, in the extractor's reading order (e.g. `pdftotext` without `-layout`).
    pub text: &'a str,
    /// Name, email, phone, headings and bullets, in the order they were laid out.
    pub expected: &'a ExpectedText,
}

/// The five categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CategoryId {
    Format,
    Keywords,
    Sections,
    Contact,
    Readability,
}

impl CategoryId {
    pub const ALL: [CategoryId; 5] = [
        CategoryId::Format,
        CategoryId::Keywords,
        CategoryId::Sections,
        CategoryId::Contact,
        CategoryId::Readability,
    ];

    /// The key used in weights (`keywords=40`) and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            CategoryId::Format => "format",
            CategoryId::Keywords => "keywords",
            CategoryId::Sections => "sections",
            CategoryId::Contact => "contact",
            CategoryId::Readability => "readability",
        }
    }

    /// The name resume-cli (the tool vitae replaces) gave the category, in its config file's
    /// `ats.scoring` and its API's `categories`: the report is keyed by it so that clients of
    /// that API read it unchanged.
    pub fn legacy_key(self) -> &'static str {
        match self {
            CategoryId::Format => "format_parsing",
            CategoryId::Keywords => "keywords",
            CategoryId::Sections => "section_structure",
            CategoryId::Contact => "contact_info",
            CategoryId::Readability => "readability",
        }
    }

    /// The category a weight or report key names: vitae's key or resume-cli's, any case.
    pub fn from_key(name: &str) -> Option<CategoryId> {
        CategoryId::ALL.into_iter().find(|c| {
            c.key().eq_ignore_ascii_case(name) || c.legacy_key().eq_ignore_ascii_case(name)
        })
    }

    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            CategoryId::Format => "Format and parsing",
            CategoryId::Keywords => "Keywords",
            CategoryId::Sections => "Section structure",
            CategoryId::Contact => "Contact",
            CategoryId::Readability => "Readability",
        }
    }
}

/// The result: the score, each category's checks with their evidence, and the keyword split.
///
/// As JSON ([`Serialize`]) it also carries what resume-cli's API answered, so that its clients
/// read a vitae report unchanged: `total_score`, `total_possible`, `overall_percentage`,
/// `summary`, `recommendations`, and `categories` as an object keyed by its category names
/// ([`CategoryId::legacy_key`]), each with `max_score`, `percentage` and `details` beside
/// vitae's own fields. The object keeps [`CategoryId::ALL`]'s order.
#[derive(Debug, Clone, PartialEq)]
pub struct AtsReport {
    /// 0–100, one decimal.
    pub score: f64,
    pub variant: String,
    pub job_title: Option<String>,
    /// The theme whose text layer was checked, if one was.
    pub theme: Option<String>,
    /// In the order of [`CategoryId::ALL`].
    pub categories: Vec<Category>,
    pub keywords: KeywordReport,
}

impl AtsReport {
    pub fn category(&self, id: CategoryId) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Every suggestion, those of the category that loses the most points first.
    pub fn recommendations(&self) -> Vec<&str> {
        let mut by_loss: Vec<&Category> = self.categories.iter().collect();
        by_loss.sort_by(|a, b| b.lost().total_cmp(&a.lost()));
        let mut out: Vec<&str> = Vec::new();
        for s in by_loss.iter().flat_map(|c| &c.suggestions) {
            if !out.contains(&s.as_str()) {
                out.push(s);
            }
        }
        out
    }

    /// One sentence: the score, how it reads, and where most points are lost.
    pub fn summary(&self) -> String {
        let band = match self.score {
            s if s >= 85.0 => "strong: an ATS should read it well",
            s if s >= 70.0 => "good, with room to improve",
            s if s >= 50.0 => "fair: some changes would help an ATS read it",
            _ => "weak: an ATS is likely to miss much of it",
        };
        let job = self
            .job_title
            .as_deref()
            .map_or_else(|| "this job".to_owned(), |t| format!("\"{t}\""));
        let worst = self
            .categories
            .iter()
            .filter(|c| c.lost() > 0.05)
            .max_by(|a, b| a.lost().total_cmp(&b.lost()));
        match worst {
            Some(c) => format!(
                "{} of 100 for {job}, {band}. {} loses the most points ({} of {}).",
                self.score, c.name, c.score, c.weight
            ),
            None => format!(
                "{} of 100 for {job}, {band}. Every check passed.",
                self.score
            ),
        }
    }
}

impl Category {
    /// Points not earned.
    fn lost(&self) -> f64 {
        self.weight - self.score
    }
}

impl Serialize for AtsReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};

        /// A category with the replaced API's fields beside vitae's.
        #[derive(Serialize)]
        struct Keyed<'a> {
            #[serde(flatten)]
            category: &'a Category,
            max_score: f64,
            percentage: f64,
            /// Each check and its measurement, as sentences (resume-cli's list of strings).
            details: Vec<String>,
        }
        /// `categories`: an object in report order, keyed by the replaced API's names.
        struct ByKey<'a>(&'a [Category]);
        impl Serialize for ByKey<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len()))?;
                for c in self.0 {
                    let percentage = if c.weight > 0.0 {
                        round(c.score / c.weight * 100.0, 1)
                    } else {
                        0.0
                    };
                    let keyed = Keyed {
                        category: c,
                        max_score: c.weight,
                        percentage,
                        details: c
                            .checks
                            .iter()
                            .map(|k| format!("{}: {}", k.what, k.detail))
                            .collect(),
                    };
                    m.serialize_entry(c.id.legacy_key(), &keyed)?;
                }
                m.end()
            }
        }

        let mut m = s.serialize_struct("AtsReport", 11)?;
        m.serialize_field("score", &self.score)?;
        m.serialize_field("variant", &self.variant)?;
        m.serialize_field("job_title", &self.job_title)?;
        m.serialize_field("theme", &self.theme)?;
        // The weights are scaled to 100, so the score is the points earned out of 100 (the
        // categories' own points are rounded one by one and may add up to a tenth or two off).
        m.serialize_field("total_score", &self.score)?;
        m.serialize_field("total_possible", &100.0)?;
        m.serialize_field("overall_percentage", &self.score)?;
        m.serialize_field("summary", &self.summary())?;
        m.serialize_field("categories", &ByKey(&self.categories))?;
        m.serialize_field("recommendations", &self.recommendations())?;
        m.serialize_field("keywords", &self.keywords)?;
        m.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub id: CategoryId,
    pub name: &'static str,
    /// The category's share of 100 (the weights, scaled to sum to 100).
    pub weight: f64,
    /// 0 to `weight`, one decimal: the sum of the checks' points.
    pub score: f64,
    pub checks: Vec<Check>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    pub suggestions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Stable identifier, e.g. `readability.action_verbs`.
    pub id: &'static str,
    /// What is checked, as a statement that holds when the check passes.
    pub what: &'static str,
    pub status: Status,
    pub passed: bool,
    /// Points earned, two decimals.
    pub points: f64,
    /// Points this check is worth in its category (0 when skipped).
    pub max: f64,
    /// The measurement: "16 of 18 bullets", "missing: Docker, asyncio".
    pub detail: String,
    /// Where: the failing bullets, the found fields, the matched keywords.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Passed,
    Partial,
    Failed,
    /// Nothing to check (no bullets, no job title, no text layer): worth no points either way.
    Skipped,
}

/// One place in the resume that a check points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The section as the renderer titles it: `experience`, `skills`, `summary`, `header`, or a
    /// custom section's title.
    pub section: String,
    /// The entry in the section: the company, project, institution or skill category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// The bullet's number in its entry (1-based), as shown for the variant's own content and as
    /// in the source for content the variant does not show.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bullet: Option<usize>,
    /// The path in the source model (`experience[1].bullets[3]`), to locate it in the file.
    pub path: String,
    /// The text in question: the bullet, the sentence of a paragraph, the field's value.
    pub text: String,
    /// What was found there or what is wrong with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
}

impl Evidence {
    fn with_finding(mut self, finding: impl Into<String>) -> Self {
        self.finding = Some(finding.into());
        self
    }
}

/// The job's keywords: found, and missing split by whether the source has them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KeywordReport {
    pub matched: Vec<KeywordHit>,
    /// In the source resume, but not in what this variant shows.
    pub missing_in_variant: Vec<KeywordMiss>,
    /// Nowhere in the resume: only for the candidate to add if it is true.
    pub missing_from_resume: Vec<KeywordMiss>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeywordHit {
    pub skill: String,
    pub importance: Importance,
    /// Where the shown resume names it (at most five places).
    pub found: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeywordMiss {
    pub skill: String,
    pub importance: Importance,
    /// Where the source names it (for `missing_in_variant`; at most three places).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub in_source: Vec<Evidence>,
}

/// Scores `input.shown` for `input.job`.
pub fn check(input: &AtsInput<'_>, vocabulary: &Vocabulary, weights: &Weights) -> AtsReport {
    let weights = weights.normalized();
    let shown = places::shown(input.shown, input.source);
    let keywords = matching::job_keywords(input.job, vocabulary);
    let (keyword_sheet, keyword_report) =
        matching::score(input, vocabulary, &keywords, &shown.list);
    // The keywords are scored first: they decide how much the rest counts (a clean resume for
    // another field is no fit for this posting, however well it parses).
    let keyword_weight = weights.get(CategoryId::Keywords);
    let keywords_finished = keyword_sheet.finish(CategoryId::Keywords, keyword_weight, 1.0);
    let share = if keyword_weight > 0.0 {
        posting_share(keywords_finished.1 / keyword_weight)
    } else {
        1.0
    };
    let finish = |id, sheet: Sheet| sheet.finish(id, weights.get(id), share);
    let finished = [
        finish(CategoryId::Format, parsing::score(input, &shown)),
        keywords_finished,
        finish(
            CategoryId::Sections,
            structure::score(input.shown, &shown.align),
        ),
        finish(CategoryId::Contact, contact::score(input.shown)),
        finish(
            CategoryId::Readability,
            readability::score(&shown.list, vocabulary, &keywords),
        ),
    ];
    let mut total = 0.0;
    let mut categories = Vec::with_capacity(finished.len());
    for (category, raw) in finished {
        total += raw;
        categories.push(category);
    }
    AtsReport {
        score: round(total.clamp(0.0, 100.0), 1),
        variant: input.variant.to_owned(),
        job_title: input.job.title.clone(),
        theme: input.text_layer.map(|t| t.theme.to_owned()),
        categories,
        keywords: keyword_report,
    }
}

/// The share of their points the categories that do not depend on the posting (format,
/// sections, contact, readability) count, from the share of the keyword points the resume
/// earned: in full from a quarter of them, down to half at none. Without it a clean resume for
/// another field scored about 70 for any posting. On the labelled set (`vitae-app`'s
/// `ats_spread` test), graded misfits averaged 69.4 and fits 84.9 before; with full marks from
/// a quarter, 43.5 and 84.9, and a pair of a better grade outscores one of a worse grade 90.9 %
/// of the time (85.5 % before). The quarter was chosen on that same set among 1/2, 0.4, 1/3,
/// 1/4 and 1/5, whose orderings differ by 0.3 points at most: from a quarter, the fits keep
/// their scores.
pub fn posting_share(keywords: f64) -> f64 {
    (0.5 + 2.0 * keywords.clamp(0.0, 1.0)).min(1.0)
}

/// A category being scored: checks with relative worths, scaled to the category's weight at the
/// end, so that the points of the checks always add up to the category's score.
#[derive(Debug, Default)]
struct Sheet {
    checks: Vec<Draft>,
    notes: Vec<String>,
    suggestions: Vec<String>,
}

#[derive(Debug)]
struct Draft {
    id: &'static str,
    what: &'static str,
    /// Worth relative to the other checks of the category.
    worth: f64,
    /// Share of the worth earned, 0–1; `None` when skipped.
    earned: Option<f64>,
    detail: String,
    evidence: Vec<Evidence>,
}

impl Sheet {
    fn check(
        &mut self,
        id: &'static str,
        what: &'static str,
        worth: f64,
        earned: f64,
        detail: impl Into<String>,
        evidence: Vec<Evidence>,
    ) {
        let earned = if earned.is_finite() {
            earned.clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.checks.push(Draft {
            id,
            what,
            worth,
            earned: Some(earned),
            detail: detail.into(),
            evidence,
        });
    }

    fn skip(&mut self, id: &'static str, what: &'static str, detail: impl Into<String>) {
        self.checks.push(Draft {
            id,
            what,
            worth: 0.0,
            earned: None,
            detail: detail.into(),
            evidence: Vec::new(),
        });
    }

    fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    fn suggest(&mut self, suggestion: impl Into<String>) {
        let suggestion = suggestion.into();
        if !self.suggestions.contains(&suggestion) {
            self.suggestions.push(suggestion);
        }
    }

    /// The category with its checks scaled to `weight`, and its unrounded score.
    /// The category's report and points: each check's share of `weight`, times `share` (1, or
    /// less when the keywords say the posting is another field's; a note says so).
    fn finish(mut self, id: CategoryId, weight: f64, share: f64) -> (Category, f64) {
        let counted: f64 = self
            .checks
            .iter()
            .filter(|c| c.earned.is_some())
            .map(|c| c.worth)
            .sum();
        let mut raw = 0.0;
        let mut checks = Vec::with_capacity(self.checks.len());
        if counted <= 0.0 {
            // Nothing applies (an empty job, no bullets to read): nothing can be held against
            // the resume here.
            raw = weight * share;
            self.notes
                .push("nothing to check in this category: full marks".to_owned());
        }
        if share < 1.0 {
            self.notes.push(format!(
                "counted at {:.0} %: the resume earns under a quarter of the keyword points for \
                 this posting, and this category counts in full only from a quarter",
                share * 100.0
            ));
        }
        for c in self.checks {
            let (status, points, max) = match c.earned {
                None => (Status::Skipped, 0.0, 0.0),
                Some(earned) => {
                    let max = if counted > 0.0 {
                        weight * c.worth / counted
                    } else {
                        0.0
                    };
                    let points = max * earned * share;
                    raw += points;
                    let status = if earned >= 1.0 - 1e-9 {
                        Status::Passed
                    } else if earned <= 0.0 {
                        Status::Failed
                    } else {
                        Status::Partial
                    };
                    (status, points, max)
                }
            };
            checks.push(Check {
                id: c.id,
                what: c.what,
                status,
                passed: status == Status::Passed,
                points: round(points, 2),
                max: round(max, 2),
                detail: c.detail,
                evidence: c.evidence,
            });
        }
        let raw = raw.clamp(0.0, weight.max(0.0));
        let category = Category {
            id,
            name: id.label(),
            weight: round(weight, 1),
            score: round(raw, 1),
            checks,
            notes: self.notes,
            suggestions: self.suggestions,
        };
        (category, raw)
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let factor = 10f64.powi(digits);
    let r = (x * factor).round() / factor;
    // No "-0" in reports.
    if r == 0.0 { 0.0 } else { r }
}

/// "1 bullet", "3 bullets".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Where evidence points, for a sentence: "experience › Lumen Freight, bullet 3".
fn locate(e: &Evidence) -> String {
    let mut s = e.section.clone();
    if let Some(entry) = &e.entry {
        s.push_str(" › ");
        s.push_str(entry);
    }
    if let Some(b) = e.bullet {
        s.push_str(&format!(", bullet {b}"));
    }
    s
}

/// `text` shortened to about `max` characters at a word boundary, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max).collect();
    }
    out.push('…');
    out
}
