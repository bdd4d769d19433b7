//! The ATS check: a resume scored against a job like an applicant tracking system, every point
//! explained. Format is judged on the real output: the theme is rendered and the PDF's text layer
//! read back, and name, contact, every heading as printed and every bullet must come back in
//! order.

use crate::posting::{self, Vocabulary, extended};
use crate::{AppError, Provenance, Style, select_variant};
use serde::Serialize;
use std::borrow::Cow;
use vitae_core::Diagnostics;
use vitae_core::model::Resume;
use vitae_fit::ats::{self, AtsReport, ExpectedText, Heading, Weights};
use vitae_fit::job::Job;
use vitae_llm::{JobKeywords, Outcome};

/// What to check and how.
#[derive(Debug, Clone)]
pub struct AtsOptions {
    /// The variant to check (key or short name); default: the source's default variant.
    pub variant: Option<String>,
    /// Category weights, e.g. `keywords=40,format=10`; the rest keep their defaults and the total
    /// is scaled to 100.
    pub weights: Option<String>,
    /// Render the theme and read the PDF's text layer back; `false` judges the format from the
    /// resume's structure only.
    pub render: bool,
    pub style: Style,
}

/// Whether `text` is a valid weights option (`keywords=40,format=10`), for front ends that check
/// options as they read them; the message says what is accepted.
pub fn check_weights(text: &str) -> Result<(), String> {
    text.parse::<Weights>().map(drop).map_err(|e| e.to_string())
}

/// vitae's key of the ATS category `name` names (vitae's own key or resume-cli's, e.g.
/// `format_parsing` → `format`), for front ends that read resume-cli's settings.
pub fn category_key(name: &str) -> Option<&'static str> {
    ats::CategoryId::from_key(name).map(ats::CategoryId::key)
}

/// An ATS check ready to run: the posting read, the variant selected, the weights parsed.
#[derive(Debug)]
pub struct AtsCheck {
    source: Resume,
    posting: String,
    vocabulary: Cow<'static, Vocabulary>,
    job: Job,
    key: String,
    shown: Resume,
    weights: Weights,
    options: AtsOptions,
    /// Problems with a JSON job's fields.
    pub posting_diagnostics: Diagnostics,
}

/// The report and how it was produced.
#[derive(Debug, Clone, Serialize)]
pub struct AtsAnswer {
    #[serde(flatten)]
    pub provenance: Provenance,
    #[serde(flatten)]
    pub report: AtsReport,
}

impl AtsCheck {
    /// Step 1: reads the posting, selects the variant and parses the weights, so every mistake in
    /// the request is found before anything is rendered or a model asked.
    pub fn prepare(
        source: Resume,
        posting: String,
        vocabulary: Cow<'static, Vocabulary>,
        options: AtsOptions,
    ) -> Result<AtsCheck, AppError> {
        let read = posting::read(&posting, &vocabulary)?;
        let (key, shown) = select_variant(&source, options.variant.as_deref())?;
        let weights = match options.weights.as_deref() {
            Some(text) => text.parse::<Weights>()?,
            None => Weights::default(),
        };
        Ok(AtsCheck {
            source,
            posting,
            vocabulary,
            job: read.job,
            key,
            shown,
            weights,
            options,
            posting_diagnostics: read.diagnostics,
        })
    }

    /// Step 2: the model reads the posting's keywords (checked against the posting inside); `None`
    /// when no model may be asked.
    pub async fn consult(&self, ai: crate::Ai<'_>) -> Option<Outcome<JobKeywords>> {
        let assistant = ai.enabled()?;
        Some(assistant.extract_job_keywords(&self.job.text()).await)
    }

    /// Step 3: the check, with the keywords the model found in the posting that the vocabulary
    /// lacks.
    pub fn finish(self, keywords: Option<Outcome<JobKeywords>>) -> Result<AtsAnswer, AppError> {
        let provenance = keywords
            .as_ref()
            .map_or_else(Provenance::deterministic, Provenance::of);
        // The posting is read again only when the model's keywords extended the vocabulary.
        let (vocabulary, job) = match extended(&self.vocabulary, keywords.as_ref()) {
            Some(vocabulary) => {
                let job = posting::read(&self.posting, &vocabulary)?.job;
                (Cow::Owned(vocabulary), job)
            }
            None => (self.vocabulary, self.job),
        };
        let report = check(&Subject {
            source: &self.source,
            shown: &self.shown,
            variant: &self.key,
            job: &job,
            vocabulary: &vocabulary,
            weights: &self.weights,
            render: self.options.render.then_some(&self.options.style),
        })?;
        Ok(AtsAnswer { provenance, report })
    }
}

/// One resume and job to score.
pub(crate) struct Subject<'a> {
    pub source: &'a Resume,
    /// The resume as the variant shows it: what is scored and rendered.
    pub shown: &'a Resume,
    pub variant: &'a str,
    pub job: &'a Job,
    pub vocabulary: &'a Vocabulary,
    pub weights: &'a Weights,
    pub render: Option<&'a Style>,
}

/// The check itself: renders `shown` when asked, reads the PDF's text layer back, and scores every
/// category.
pub(crate) fn check(s: &Subject<'_>) -> Result<AtsReport, AppError> {
    let layer = match s.render {
        None => None,
        Some(style) => {
            let text = vitae_render::text_layer(
                vitae_render::Content::Resume(s.shown),
                &style.render,
                &style.typeset,
            )
            .map_err(|e| AppError::Render {
                what: "the resume for the text-layer check".into(),
                error: e.into(),
            })?;
            let headings: Vec<Heading> = vitae_render::printed_headings(s.shown, &style.render)
                .into_iter()
                .map(|h| Heading {
                    section: h.section,
                    custom: h.custom,
                    title: h.title,
                })
                .collect();
            // The theme the text layer came from: a user's theme file by its name.
            let theme = match &style.typeset.theme_file {
                Some(file) => file.name(),
                None => style
                    .typeset
                    .design_for(s.shown)
                    .theme
                    .unwrap_or_default()
                    .name(),
            };
            Some((theme, text, ExpectedText::new(s.shown, &headings)))
        }
    };
    let input = ats::AtsInput {
        source: s.source,
        shown: s.shown,
        variant: s.variant,
        job: s.job,
        text_layer: layer
            .as_ref()
            .map(|(theme, text, expected)| ats::TextLayer {
                theme,
                text,
                expected,
            }),
    };
    Ok(ats::check(&input, s.vocabulary, s.weights))
}
