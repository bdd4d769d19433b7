//! Cover letters, built from the resume's best-matching achievements and the job's own facts;
//! every fact carries where it came from. A model may write the body; it is used only when every
//! number, employer, skill and degree in it checks out against the resume and the job.

use crate::provenance::switched_off;
use crate::{Ai, AppError, Provenance, Style, Vocabulary, posting, select_variant};
use std::borrow::Cow;
use vitae_core::model::Resume;
use vitae_core::{Diagnostics, PartialDate};
use vitae_fit::job::Job;
use vitae_fit::letter::{self, Language, Letter};
use vitae_fit::tailor::Violation;
use vitae_llm::Outcome;
use vitae_render::{OutputFormat, Rendered};

/// Who the letter is to, and from which variant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterOptions {
    /// The variant whose achievements the letter draws on (key or short name).
    pub variant: Option<String>,
    /// The person to address ("Dear Ms. Chen,"); default: the hiring team.
    pub recipient: Option<String>,
    /// The company, when the posting does not name it (or names it differently).
    pub company: Option<String>,
    /// The letter's date (the front end knows today's).
    pub date: Option<PartialDate>,
    /// The candidate's own sentence about why this company, quoted as written.
    pub why: Option<String>,
    /// The locale whose language the letter is written in (`de`, `fr-CA`...); default English.
    /// A language vitae does not write letters in is refused, not written in English.
    pub locale: Option<String>,
}

/// A composed letter, verified, waiting for the model's body.
#[derive(Debug)]
pub struct Lettering {
    source: Resume,
    shown: Resume,
    job: Job,
    composed: Letter,
    company: Option<String>,
    vocabulary: Cow<'static, Vocabulary>,
    /// Problems with a JSON job's fields.
    pub posting_diagnostics: Diagnostics,
}

/// The letter, who sends it, and how it was produced.
#[derive(Debug, Clone)]
pub struct LetterAnswer {
    pub provenance: Provenance,
    pub letter: Letter,
    /// The resume being sent with it, whose header the letter carries.
    pub sender: Resume,
    /// The company the letter is addressed to, when known.
    pub company: Option<String>,
    /// The job's title, when the posting gives one.
    pub position: Option<String>,
}

impl LetterAnswer {
    /// The letter as a document: every output format but JSON Resume, which holds only resumes.
    pub fn render(&self, format: OutputFormat, style: &Style) -> Result<Rendered, AppError> {
        vitae_render::render_letter(
            &self.sender,
            &self.letter,
            format,
            &style.render,
            &style.typeset,
            style.dpi,
        )
        .map_err(AppError::render(format!("the cover letter as {format}")))
    }

    /// The letter as plain text.
    pub fn text(&self, style: &Style) -> Result<String, AppError> {
        Ok(match self.render(OutputFormat::Txt, style)? {
            Rendered::One(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Rendered::Pages(pages) => pages
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect(),
        })
    }
}

impl Lettering {
    /// Step 1: reads the posting, selects the variant, composes the letter and checks every fact
    /// in it against the resume and the job.
    pub fn prepare(
        source: Resume,
        posting: &str,
        vocabulary: Cow<'static, Vocabulary>,
        options: &LetterOptions,
    ) -> Result<Lettering, AppError> {
        let read = posting::read(posting, &vocabulary)?;
        let (_, shown) = select_variant(&source, options.variant.as_deref())?;
        let mut lettering = Lettering::compose(source, shown, read.job, vocabulary, options)?;
        lettering.posting_diagnostics = read.diagnostics;
        Ok(lettering)
    }

    /// Composes the letter from `shown` (the resume being sent) and verifies it: the composer
    /// only quotes, so a violation is a bug, reported as one.
    pub(crate) fn compose(
        source: Resume,
        shown: Resume,
        job: Job,
        vocabulary: Cow<'static, Vocabulary>,
        options: &LetterOptions,
    ) -> Result<Lettering, AppError> {
        let locale = options.locale.as_deref().unwrap_or("en");
        let language = Language::from_code(locale).ok_or_else(|| AppError::LetterLanguage {
            locale: locale.to_owned(),
        })?;
        let core = letter::LetterOptions {
            language,
            date: options.date,
            recipient_name: options.recipient.clone(),
            company_name: options.company.clone(),
            why: options.why.clone(),
            ..letter::LetterOptions::default()
        };
        let composed = letter::compose(&source, &shown, &job, &vocabulary, &core);
        let violations = letter::verify_letter_with(&source, &job, &composed, &vocabulary);
        if !violations.is_empty() {
            return Err(AppError::Unverified {
                what: "cover letter",
                against: "the resume and the job",
                violations,
            });
        }
        let company = options.company.clone().or_else(|| job.company.clone());
        Ok(Lettering {
            source,
            shown,
            job,
            composed,
            company,
            vocabulary,
            posting_diagnostics: Diagnostics::new(),
        })
    }

    /// Checks a letter body the person edited (its paragraphs, in order) against the resume
    /// and the job, with the checks a model's body gets: every number, employer, skill and
    /// degree must be the resume's (or, quoted, the job's or the options'). The composed letter's greeting,
    /// closing and signature stay as they were. Each finding's path is `paragraphs[i]`.
    pub fn check_edited(&self, paragraphs: &[String]) -> Vec<Violation> {
        // Which edited words came from where is not known, so every paragraph carries every
        // trace of the composed letter: a quote of the job or of the person's own options keeps
        // its standing wherever it ends up, and anything else must be the resume's.
        let traces: Vec<letter::Trace> = self
            .composed
            .paragraphs
            .iter()
            .flat_map(|p| p.sources.iter().cloned())
            .collect();
        let edited = Letter {
            paragraphs: paragraphs
                .iter()
                .map(|text| letter::Paragraph {
                    kind: letter::ParagraphKind::Achievements,
                    text: text.clone(),
                    sources: traces.clone(),
                })
                .collect(),
            ..self.composed.clone()
        };
        letter::verify_letter_with(&self.source, &self.job, &edited, &self.vocabulary)
    }

    /// The company the letter is addressed to: the one given, else the posting's.
    pub fn company(&self) -> Option<&str> {
        self.company.as_deref()
    }

    /// Step 2: the model may write the body; the verifier checks it against the resume and the
    /// job, and the composed letter stays when anything is unsupported.
    pub async fn consult(&self, ai: Ai<'_>) -> Outcome<Letter> {
        match ai {
            // The verifier reads claims in English; a model's letter in another language could
            // not be checked, so it is not asked for.
            Ai::Ask(_) if self.composed.language != Language::En => switched_off(
                self.composed.clone(),
                "model-written letters are verified in English only; this letter was composed \
                 from the resume in its language",
            ),
            Ai::Ask(assistant) => {
                assistant
                    .cover_letter_body(&self.source, &self.shown, &self.job, &self.composed)
                    .await
            }
            Ai::Off(reason) => switched_off(self.composed.clone(), reason),
        }
    }

    /// Step 3: the answer.
    pub fn finish(self, outcome: Outcome<Letter>) -> LetterAnswer {
        LetterAnswer {
            provenance: Provenance::of(&outcome),
            letter: outcome.value,
            sender: self.shown,
            company: self.company,
            position: self.job.title,
        }
    }
}
