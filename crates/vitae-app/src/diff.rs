//! What two variants of one source show differently, section by section (resume-cli's `diff`).
//!
//! Both variants are laid out as every renderer lays them out, and compared on the text they
//! show, one logical line (an entry's head, a bullet, a skills line) at a time: so a difference
//! is one a reader of either document would see — a bullet left out, a summary replaced, skills
//! reordered — and not a difference of the source that shows nowhere.

use crate::AppError;
use serde::Serialize;
use vitae_core::model::Resume;
use vitae_render::{RenderOptions, ShownSection};

/// Two variants compared.
#[derive(Debug, Clone, Serialize)]
pub struct VariantDiff {
    /// The first variant's full key (`-` lines).
    pub left: String,
    /// The second variant's full key (`+` lines).
    pub right: String,
    /// Every section either shows, in the order the first shows them (then the second's own).
    pub sections: Vec<SectionDiff>,
}

impl VariantDiff {
    /// Whether the two variants show the same text.
    pub fn is_same(&self) -> bool {
        self.sections.iter().all(|s| s.status == Status::Same)
    }
}

/// One section compared.
#[derive(Debug, Clone, Serialize)]
pub struct SectionDiff {
    pub title: String,
    pub status: Status,
    /// Every line of the section in either variant, in an order that keeps both variants'
    /// orders (a longest common subsequence).
    pub lines: Vec<DiffLine>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Same,
    Changed,
    /// Only the first variant shows this section.
    OnlyLeft,
    /// Only the second variant shows it.
    OnlyRight,
}

/// A line and who shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "in", content = "text", rename_all = "snake_case")]
pub enum DiffLine {
    Both(String),
    Left(String),
    Right(String),
}

/// Compares variant `left` with `right` (default: the source's default variant). Either may be a
/// full key or a short name.
pub fn variants(
    source: &Resume,
    left: &str,
    right: Option<&str>,
    render: &RenderOptions,
) -> Result<VariantDiff, AppError> {
    let (left_key, left_shown) = crate::select_variant(source, Some(left))?;
    let (right_key, right_shown) = crate::select_variant(source, right)?;
    let left_sections = vitae_render::shown_sections(&left_shown, render);
    let right_sections = vitae_render::shown_sections(&right_shown, render);
    Ok(VariantDiff {
        left: left_key,
        right: right_key,
        sections: sections(&left_sections, &right_sections),
    })
}

/// The sections of both, matched by title.
fn sections(left: &[ShownSection], right: &[ShownSection]) -> Vec<SectionDiff> {
    let mut out = Vec::with_capacity(left.len().max(right.len()));
    for l in left {
        match right.iter().find(|r| r.title == l.title) {
            Some(r) => {
                let lines = lines(&l.lines, &r.lines);
                let same = lines.iter().all(|d| matches!(d, DiffLine::Both(_)));
                out.push(SectionDiff {
                    title: l.title.clone(),
                    status: if same { Status::Same } else { Status::Changed },
                    lines,
                });
            }
            None => out.push(SectionDiff {
                title: l.title.clone(),
                status: Status::OnlyLeft,
                lines: l.lines.iter().cloned().map(DiffLine::Left).collect(),
            }),
        }
    }
    for r in right {
        if !left.iter().any(|l| l.title == r.title) {
            out.push(SectionDiff {
                title: r.title.clone(),
                status: Status::OnlyRight,
                lines: r.lines.iter().cloned().map(DiffLine::Right).collect(),
            });
        }
    }
    out
}

/// Past this many pairs of lines a section is compared by membership alone: Myers' diff takes
/// time in proportion to the lines times the differences, and two long, wholly different
/// sections (a generated resume) would make that quadratic.
const MAX_PAIRS: usize = 1 << 22;

/// The lines of a section in both variants: a shortest edit script (`similar`'s Myers diff), or
/// for very long sections, each side's lines in order, marked by whether the other has them.
fn lines(left: &[String], right: &[String]) -> Vec<DiffLine> {
    if left.len().saturating_mul(right.len()) > MAX_PAIRS {
        let in_right: std::collections::HashSet<&str> = right.iter().map(String::as_str).collect();
        let in_left: std::collections::HashSet<&str> = left.iter().map(String::as_str).collect();
        let mut out: Vec<DiffLine> = left
            .iter()
            .map(|l| {
                if in_right.contains(l.as_str()) {
                    DiffLine::Both(l.clone())
                } else {
                    DiffLine::Left(l.clone())
                }
            })
            .collect();
        out.extend(
            right
                .iter()
                .filter(|r| !in_left.contains(r.as_str()))
                .map(|r| DiffLine::Right(r.clone())),
        );
        return out;
    }
    let left: Vec<&str> = left.iter().map(String::as_str).collect();
    let right: Vec<&str> = right.iter().map(String::as_str).collect();
    similar::capture_diff_slices(similar::Algorithm::Myers, &left, &right)
        .iter()
        .flat_map(|op| op.iter_changes(&left, &right))
        .map(|change| {
            let text = change.value().to_owned();
            match change.tag() {
                similar::ChangeTag::Equal => DiffLine::Both(text),
                similar::ChangeTag::Delete => DiffLine::Left(text),
                similar::ChangeTag::Insert => DiffLine::Right(text),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Resume {
        let text = include_bytes!("../../../examples/resume.yaml");
        vitae_core::load(text, None, &Default::default())
            .unwrap()
            .resume
    }

    fn only(section: &SectionDiff, left: bool) -> Vec<&str> {
        section
            .lines
            .iter()
            .filter_map(|l| match (l, left) {
                (DiffLine::Left(t), true) | (DiffLine::Right(t), false) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn two_variants_differ_in_the_lines_each_shows() {
        let diff = variants(&source(), "backend", Some("ml"), &RenderOptions::default()).unwrap();
        assert_eq!(
            (diff.left.as_str(), diff.right.as_str()),
            ("v1.0.0-backend", "v1.0.0-ml")
        );
        assert!(!diff.is_same());
        let status = |title: &str| {
            diff.sections
                .iter()
                .find(|s| s.title == title)
                .unwrap_or_else(|| panic!("no section {title}: {diff:#?}"))
        };
        assert_eq!(status("Header").status, Status::Same);
        // Each variant's own summary, whole.
        let summary = status("Summary");
        assert_eq!(summary.status, Status::Changed);
        assert!(only(summary, true)[0].starts_with("Backend engineer with eleven years"));
        assert!(only(summary, false)[0].starts_with("Engineer specialising in ML infrastructure"));
        // The ETA pipeline bullet is emphasized for ML only; the API bullet for backend.
        let experience = status("Experience");
        assert_eq!(experience.status, Status::Changed);
        let eta = "- Built the real-time ETA model pipeline (Kafka, PyTorch) that cut late-delivery surprises by 28%";
        assert!(only(experience, false).contains(&eta), "{experience:#?}");
        assert!(!only(experience, true).contains(&eta));
        // The entry's head shows in both.
        assert!(
            experience
                .lines
                .iter()
                .any(|l| matches!(l, DiffLine::Both(t) if t.contains("Lumen Freight"))),
            "{experience:#?}"
        );
    }

    #[test]
    fn a_variant_against_itself_is_the_same_and_unknown_names_are_refused() {
        let diff = variants(
            &source(),
            "backend",
            Some("v1.0.0-backend"),
            &RenderOptions::default(),
        )
        .unwrap();
        assert!(diff.is_same(), "{diff:#?}");
        assert!(matches!(
            variants(&source(), "nope", None, &RenderOptions::default()),
            Err(AppError::UnknownVariant(_))
        ));
    }

    #[test]
    fn long_sections_are_compared_in_linear_time_by_membership() {
        let left: Vec<String> = (0..3000).map(|i| format!("l{i}")).collect();
        let mut right: Vec<String> = (0..3000).map(|i| format!("r{i}")).collect();
        right.push("l7".into());
        let lines = lines(&left, &right);
        assert_eq!(lines.len(), 6000);
        assert!(lines.contains(&DiffLine::Both("l7".into())));
        assert!(lines.contains(&DiffLine::Right("r0".into())));
    }
}
