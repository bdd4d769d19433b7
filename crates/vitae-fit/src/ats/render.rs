//! The report as text for people: the score, then each category with its checks, their evidence
//! and the suggestions, then the keyword split. (JSON comes from `Serialize`.)

use super::{AtsReport, Category, Check, Evidence, KeywordMiss, Status, locate, shorten};
use std::fmt::{self, Write};

/// Evidence lines shown per check; the JSON has them all.
const EVIDENCE_SHOWN: usize = 5;

impl fmt::Display for AtsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ATS score: {:.1}/100 — variant `{}`",
            self.score, self.variant
        )?;
        if let Some(title) = &self.job_title {
            write!(f, ", job “{title}”")?;
        }
        match &self.theme {
            Some(theme) => writeln!(f, ", text layer of theme `{theme}`")?,
            None => writeln!(f, ", no text layer checked")?,
        }
        for c in &self.categories {
            writeln!(f)?;
            category(f, c)?;
        }
        writeln!(f)?;
        keywords(f, self)
    }
}

fn category(f: &mut fmt::Formatter<'_>, c: &Category) -> fmt::Result {
    writeln!(f, "{}: {:.1}/{:.1}", c.name, c.score, c.weight)?;
    for check in &c.checks {
        line(f, check)?;
    }
    for note in &c.notes {
        writeln!(f, "  note: {note}")?;
    }
    if !c.suggestions.is_empty() {
        writeln!(f, "  suggestions:")?;
        for s in &c.suggestions {
            writeln!(f, "    - {s}")?;
        }
    }
    Ok(())
}

fn line(f: &mut fmt::Formatter<'_>, c: &Check) -> fmt::Result {
    let mark = match c.status {
        Status::Passed => "pass",
        Status::Partial => "part",
        Status::Failed => "FAIL",
        Status::Skipped => "skip",
    };
    if c.status == Status::Skipped {
        return writeln!(f, "  [{mark}] {} — {}", c.what, c.detail);
    }
    writeln!(
        f,
        "  [{mark}] {} — {} ({:.2}/{:.2})",
        c.what, c.detail, c.points, c.max
    )?;
    // Passed checks show where they found what they looked for only when that is one place.
    if c.status == Status::Passed && c.evidence.len() > 1 {
        return Ok(());
    }
    for e in c.evidence.iter().take(EVIDENCE_SHOWN) {
        writeln!(f, "         {}", evidence(e))?;
    }
    if c.evidence.len() > EVIDENCE_SHOWN {
        writeln!(
            f,
            "         … and {} more",
            c.evidence.len() - EVIDENCE_SHOWN
        )?;
    }
    Ok(())
}

fn evidence(e: &Evidence) -> String {
    let mut s = format!("{} [{}]: “{}”", locate(e), e.path, shorten(&e.text, 90));
    if let Some(finding) = &e.finding {
        let _ = write!(s, " — {finding}");
    }
    s
}

fn keywords(f: &mut fmt::Formatter<'_>, r: &AtsReport) -> fmt::Result {
    let k = &r.keywords;
    writeln!(f, "Job keywords")?;
    let matched: Vec<String> = k
        .matched
        .iter()
        .map(|h| format!("{} ({})", h.skill, h.importance.label()))
        .collect();
    writeln!(f, "  matched ({}): {}", matched.len(), or_none(&matched))?;
    writeln!(
        f,
        "  in your source but not in this variant ({}):{}",
        k.missing_in_variant.len(),
        if k.missing_in_variant.is_empty() {
            " none"
        } else {
            ""
        }
    )?;
    for m in &k.missing_in_variant {
        writeln!(f, "    - {}", miss(m))?;
    }
    let absent: Vec<String> = k
        .missing_from_resume
        .iter()
        .map(|m| format!("{} ({})", m.skill, m.importance.label()))
        .collect();
    writeln!(
        f,
        "  not in your resume — add only what is true ({}): {}",
        absent.len(),
        or_none(&absent)
    )
}

fn miss(m: &KeywordMiss) -> String {
    let mut s = format!("{} ({})", m.skill, m.importance.label());
    if let Some(e) = m.in_source.first() {
        let _ = write!(s, " at {}", evidence(e));
    }
    s
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}
