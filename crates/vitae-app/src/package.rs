//! A package: everything one application needs — the resume tailored to the job (PDF, DOCX and
//! its source), a cover letter (PDF), the ATS report (JSON) and the job as read.

use crate::ats::{self, Subject};
use crate::letter::{LetterOptions, Lettering};
use crate::tailor::{TailorOptions, Tailoring};
use crate::{Ai, AppError, Provenance, Style, Vocabulary, posting};
use std::borrow::Cow;
use vitae_core::{Diagnostics, format};
use vitae_fit::ats::Weights;
use vitae_fit::job;
use vitae_fit::letter::Letter;
use vitae_llm::Outcome;
use vitae_render::{OutputFormat, Rendered};

/// How to tailor, whom the letter is to, and how documents look.
#[derive(Debug, Clone)]
pub struct PackageOptions {
    pub tailor: TailorOptions,
    pub letter: LetterOptions,
    pub style: Style,
}

/// A package ready to assemble: the tailored resume and the letter composed from it, both
/// verified.
#[derive(Debug)]
pub struct Packaging {
    tailoring: Tailoring,
    lettering: Lettering,
    style: Style,
    /// The tailored resume, rendered before the model is asked, so that a render failure costs
    /// no model call.
    documents: Vec<(&'static str, Vec<u8>)>,
    /// Problems with a JSON job's fields.
    pub posting_diagnostics: Diagnostics,
}

/// The package's files, in the order they are listed.
#[derive(Debug, Clone)]
pub struct Package {
    /// `(file name, bytes)`: resume.pdf, resume.docx, cover-letter.pdf, ats-report.json,
    /// resume.yaml, job.json.
    pub files: Vec<(&'static str, Vec<u8>)>,
    pub variant_key: String,
    /// The ATS score of the tailored resume.
    pub score: f64,
    /// The company applied to, when known: the one given, else the posting's.
    pub company: Option<String>,
    /// How the letter was written.
    pub letter: Provenance,
}

impl Packaging {
    /// Step 1: reads the posting, tailors the resume and composes the letter from the tailored
    /// view.
    pub fn prepare(
        source: vitae_core::Resume,
        posting: &str,
        vocabulary: Cow<'static, Vocabulary>,
        options: PackageOptions,
    ) -> Result<Packaging, AppError> {
        let read = posting::read(posting, &vocabulary)?;
        let tailoring = Tailoring::of_job(source, read.job, vocabulary, &options.tailor)?;
        let letter_options = LetterOptions {
            date: options.letter.date.or(options.style.typeset.date),
            ..options.letter.clone()
        };
        let lettering = Lettering::compose(
            tailoring.source.clone(),
            tailoring.tailored.resume.clone(),
            tailoring.job.clone(),
            tailoring.vocabulary.clone(),
            &letter_options,
        )?;
        let shown = &tailoring.tailored.resume;
        let style = &options.style;
        let mut documents = Vec::new();
        for (name, format) in [
            ("resume.pdf", OutputFormat::Pdf),
            ("resume.docx", OutputFormat::Docx),
        ] {
            let rendered =
                vitae_render::render(shown, format, &style.render, &style.typeset, style.dpi)
                    .map_err(AppError::render(format!("the resume as {format}")))?;
            documents.push((name, one(rendered)));
        }
        Ok(Packaging {
            tailoring,
            lettering,
            style: options.style,
            documents,
            posting_diagnostics: read.diagnostics,
        })
    }

    /// Step 2: the model may write the letter's body (the resume is not rephrased: a package
    /// keeps the tailored variant of the source).
    pub async fn consult(&self, ai: Ai<'_>) -> Outcome<Letter> {
        self.lettering.consult(ai).await
    }

    /// Step 3: renders the letter, checks the resume, and assembles every file.
    pub fn finish(self, letter: Outcome<Letter>) -> Result<Package, AppError> {
        let style = &self.style;
        let t = &self.tailoring;
        let shown = &t.tailored.resume;
        let mut files = self.documents;
        let company = self.lettering.company().map(str::to_owned);
        let answer = self.lettering.finish(letter);
        files.push((
            "cover-letter.pdf",
            one(answer.render(OutputFormat::Pdf, style)?),
        ));
        let report = ats::check(&Subject {
            source: &t.source,
            shown,
            variant: &t.tailored.variant_key,
            job: &t.job,
            vocabulary: &t.vocabulary,
            weights: &Weights::default(),
            render: Some(style),
        })?;
        files.push(("ats-report.json", pretty(&report)));
        files.push((
            "resume.yaml",
            format::to_native_yaml(&t.tailored.to_source(&t.source)).into_bytes(),
        ));
        files.push(("job.json", pretty(&job::to_json_resume_job(&t.job))));
        Ok(Package {
            files,
            variant_key: t.tailored.variant_key.clone(),
            score: report.score,
            company,
            letter: answer.provenance,
        })
    }
}

fn pretty<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // Serialising these plain data types cannot fail (string keys, finite numbers).
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

impl Package {
    /// The folder the files go in: `<company>-<date>`.
    pub fn folder(&self, date: vitae_core::PartialDate) -> String {
        format!("{}-{date}", slug(self.company.as_deref().unwrap_or("job")))
    }

    /// The package as one zip archive, its files under [`Package::folder`]: deterministic (every
    /// entry dated 1980-01-01), so the same package gives the same bytes.
    pub fn zip(&self, date: vitae_core::PartialDate) -> Result<Vec<u8>, AppError> {
        use std::io::Write;
        use zip::write::SimpleFileOptions;
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        let folder = self.folder(date);
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in &self.files {
            out.start_file(format!("{folder}/{name}"), options)?;
            out.write_all(bytes).map_err(zip::result::ZipError::Io)?;
        }
        Ok(out.finish()?.into_inner())
    }
}

/// A file or folder name from free text: lowercase words joined by `-` (`Acme Corp.` →
/// `acme-corp`), at most about 60 characters; `job` when nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for word in name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if out.chars().count() + word.chars().count() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    if out.is_empty() {
        "job".to_owned()
    } else {
        out
    }
}

/// A PDF or DOCX is a single file.
fn one(rendered: Rendered) -> Vec<u8> {
    match rendered {
        Rendered::One(bytes) => bytes,
        Rendered::Pages(mut pages) => pages.swap_remove(0),
    }
}
