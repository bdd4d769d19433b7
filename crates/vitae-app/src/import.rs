//! Import: a resume read from a document people already have (see `vitae-import`: a PDF, a text or
//! Markdown file, LinkedIn's data export as a ZIP or its extracted folder's files), written as a
//! vitae source, with the record of what was read where and how sure the reader is, and the
//! written source's own validation (warnings allowed: an import is a first draft to check).

use crate::AppError;
use vitae_core::format;
use vitae_core::model::Resume;
use vitae_core::{Diagnostics, Severity};
pub use vitae_import::linkedin::known as export_file;
pub use vitae_import::merge::{Conflict, Report as MergeReport};
pub use vitae_import::{Found, ImportError, Kind, MAX_BYTES, Origin, UNSURE};

/// The format an import is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Target {
    /// The native YAML format.
    #[default]
    Native,
    /// JSON Resume.
    JsonResume,
}

/// An imported resume.
#[derive(Debug, Clone)]
pub struct Imported {
    pub kind: Kind,
    pub resume: Resume,
    /// Every value filled in, with its origin and confidence.
    pub found: Vec<Found>,
    /// The source as written, in the target format.
    pub source: String,
    /// What validating the written source says (errors and warnings, located in `source`).
    pub diagnostics: Diagnostics,
}

impl Imported {
    /// The values to check by hand: those the reader is unsure of.
    pub fn unsure(&self) -> impl Iterator<Item = &Found> {
        self.found.iter().filter(|f| f.confidence < UNSURE)
    }

    /// Whether the written source has errors (not only warnings).
    pub fn valid(&self) -> bool {
        !self
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Reads a resume from a document's bytes (the format is told by the bytes) and writes it as
/// `target`, validated as any source would be.
pub fn import(bytes: &[u8], target: Target) -> Result<Imported, AppError> {
    Ok(written(vitae_import::import(bytes)?, target))
}

/// Reads LinkedIn's data export from the files of its extracted folder (`(name, bytes)`, the
/// name as [`vitae_import::linkedin::known`] gives it) and writes it as `target`.
pub fn import_export(files: &[(String, Vec<u8>)], target: Target) -> Result<Imported, AppError> {
    Ok(written(vitae_import::export(files)?, target))
}

/// An import merged into the user's resume.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged resume, written and validated (its `found` is the import's record).
    pub imported: Imported,
    /// What was added and where the two differ (the user's value kept).
    pub report: MergeReport,
}

/// Merges `imported` into `existing`: what is new is added, nothing of the user's is changed,
/// every difference is reported (see [`vitae_import::merge`]).
pub fn merge_into(existing: &Resume, imported: Imported, target: Target) -> Merged {
    let (resume, report) = vitae_import::merge::merge(existing, &imported.resume);
    let read = vitae_import::Imported {
        kind: imported.kind,
        resume,
        found: imported.found,
    };
    Merged {
        imported: written(read, target),
        report,
    }
}

/// The resume read, written as `target` and validated.
fn written(read: vitae_import::Imported, target: Target) -> Imported {
    let source = match target {
        Target::Native => format::to_native_yaml(&read.resume),
        Target::JsonResume => format::to_json_resume(&read.resume),
    };
    let diagnostics = match vitae_core::load(source.as_bytes(), None, &Default::default()) {
        Ok(loaded) => loaded.diagnostics,
        Err(e) => {
            // What vitae writes, it reads; a failure here is a bug, reported as such.
            let mut d = Diagnostics::new();
            d.error(
                "",
                e.pos(),
                format!("the imported source cannot be read back (a bug in vitae): {e}"),
                None,
            );
            d
        }
    };
    Imported {
        kind: read.kind,
        resume: read.resume,
        found: read.found,
        source,
        diagnostics,
    }
}
