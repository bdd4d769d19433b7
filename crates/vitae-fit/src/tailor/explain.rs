//! What tailoring did and why: serializable for `--explain --format json`, and readable as text.

use super::Order;
use super::rank::JobPart;
use super::terms::TermKind;
use serde::Serialize;
use std::fmt;

/// Every decision of one tailoring, with the scores behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub job: JobHeading,
    /// The variant tailoring started from (`base` for everything).
    pub starting_variant: String,
    /// The key of the tailored variant.
    pub variant_key: String,
    pub order: Order,
    pub max_bullets_per_job: usize,
    pub min_bullets_per_job: usize,
    /// The job as weighted terms, heaviest first.
    pub terms: Vec<JobTerm>,
    pub summary: Option<SummaryChoice>,
    /// Skill sections in the order shown, then the dropped ones.
    pub skills: Vec<SectionChoice>,
    /// One entry per job, in the source's order.
    pub experience: Vec<EntryChoice>,
    pub projects: Vec<ProjectChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobHeading {
    pub title: Option<String>,
    pub company: Option<String>,
}

/// A term of the job and its weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JobTerm {
    pub term: String,
    pub kind: TermKind,
    pub weight: f64,
    /// The heaviest part of the posting the term appears in.
    pub from: JobPart,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryChoice {
    /// `base`, or the key of a summary variant.
    pub chosen: String,
    pub reason: String,
    /// Every summary considered, in the order considered (the starting variant's first).
    pub candidates: Vec<SummaryCandidate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryCandidate {
    pub key: String,
    pub score: f64,
    pub matched: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionChoice {
    pub name: String,
    /// The sum of its skills' scores.
    pub score: f64,
    pub kept: bool,
    /// 1-based position in the starting variant.
    pub was: usize,
    /// 1-based position in the tailored resume.
    pub now: Option<usize>,
    /// In the order shown.
    pub skills: Vec<SkillChoice>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SkillChoice {
    pub name: String,
    pub score: f64,
    pub matched: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryChoice {
    /// `experience[i]`, the same in the source and the tailored resume.
    pub path: String,
    pub company: String,
    pub title: Option<String>,
    pub kept: usize,
    /// Bullets of the entry in the source.
    pub of: usize,
    /// In the order shown, then the dropped ones by score.
    pub bullets: Vec<BulletChoice>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulletChoice {
    /// The bullet's path in the source (`experience[0].bullets[4]`).
    pub source: String,
    pub text: String,
    pub score: f64,
    /// The job terms it matched, largest contribution first.
    pub matched: Vec<String>,
    pub decision: Decision,
    /// 1-based position in the tailored entry.
    pub position: Option<usize>,
    /// Shown by the starting variant.
    pub in_starting_variant: bool,
    /// A quantified achievement (it gives a number or metric) that matches the job: its score
    /// is doubled ([`super::QUANTIFIED_BOOST`]), so that "cut p99 latency 40%" outranks a bullet
    /// that only shares the posting's generic words.
    pub quantified: bool,
}

/// What happened to a bullet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Matched the job and made the cut.
    Kept,
    /// Matched nothing, kept so the entry shows the minimum number of bullets.
    Filled,
    /// Matched the job, but the entry's cap was reached by better bullets.
    OverCap,
    /// Matched nothing.
    NoMatch,
    /// Excluded by the starting variant's tags; never considered.
    Excluded,
}

impl Decision {
    fn label(self) -> &'static str {
        match self {
            Decision::Kept => "kept",
            Decision::Filled => "filled",
            Decision::OverCap => "dropped: over the cap",
            Decision::NoMatch => "dropped: no job term",
            Decision::Excluded => "excluded by the starting variant",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectChoice {
    /// The project's path in the source (`projects[1]`).
    pub source: String,
    pub name: String,
    pub score: f64,
    pub matched: Vec<String>,
    /// How many of the matched terms are skills (a project needs one to be chosen).
    pub skills: usize,
    pub chosen: bool,
    pub position: Option<usize>,
}

/// Rounds a score for display and serialization: three decimals are all a reader needs, and a
/// fixed precision keeps snapshots stable.
pub(crate) fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".to_owned()
    } else {
        items.join(", ")
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let title = self.job.title.as_deref().unwrap_or("the job");
        write!(f, "Tailored for {title}")?;
        if let Some(company) = &self.job.company {
            write!(f, " at {company}")?;
        }
        writeln!(
            f,
            " as variant `{}`, starting from `{}`.",
            self.variant_key, self.starting_variant
        )?;
        writeln!(
            f,
            "Bullets per job: {} to {}, {}.",
            self.min_bullets_per_job,
            self.max_bullets_per_job,
            match self.order {
                Order::Relevance => "most relevant first",
                Order::Source => "in source order",
            }
        )?;
        writeln!(f)?;
        writeln!(f, "Job terms, heaviest first:")?;
        const SHOWN: usize = 20;
        let shown: Vec<String> = self
            .terms
            .iter()
            .take(SHOWN)
            .map(|t| format!("{} {} ({})", t.term, t.weight, t.from.label()))
            .collect();
        write!(f, "  {}", shown.join(", "))?;
        if self.terms.len() > SHOWN {
            write!(f, ", and {} more", self.terms.len() - SHOWN)?;
        }
        writeln!(f)?;

        if let Some(summary) = &self.summary {
            writeln!(f)?;
            writeln!(f, "Summary: `{}`, {}.", summary.chosen, summary.reason)?;
            for c in &summary.candidates {
                let mark = if c.key == summary.chosen { '+' } else { ' ' };
                writeln!(
                    f,
                    "  {mark} {:<12} {:>7.3}  {}",
                    c.key,
                    c.score,
                    list(&c.matched)
                )?;
            }
        }

        if !self.skills.is_empty() {
            writeln!(f)?;
            writeln!(f, "Skills (* matches the job):")?;
            for s in &self.skills {
                match s.now {
                    Some(now) => {
                        let moved = if now == s.was {
                            String::new()
                        } else {
                            format!(", was {}", s.was)
                        };
                        let names: Vec<String> = s
                            .skills
                            .iter()
                            .map(|k| match k.matched.as_slice() {
                                [] => k.name.clone(),
                                [only] if *only == k.name => format!("{}*", k.name),
                                matched => format!("{}* ({})", k.name, matched.join(", ")),
                            })
                            .collect();
                        writeln!(
                            f,
                            "  {now}. {} (score {}{moved}): {}",
                            s.name,
                            s.score,
                            names.join(", ")
                        )?;
                    }
                    None => writeln!(f, "  -  {} dropped: no skill in it matches the job", s.name)?,
                }
            }
        }

        if !self.experience.is_empty() {
            writeln!(f)?;
            writeln!(f, "Experience:")?;
            for e in &self.experience {
                write!(f, "  {}", e.company)?;
                if let Some(t) = &e.title {
                    write!(f, " — {t}")?;
                }
                writeln!(f, " ({}): {} of {} bullets", e.path, e.kept, e.of)?;
                for b in &e.bullets {
                    let at = b
                        .position
                        .map_or_else(|| " --".to_owned(), |p| format!("{p:>2}."));
                    writeln!(f, "    {at} {:>7.3}  {}", b.score, b.text)?;
                    let mut why = vec![b.decision.label().to_owned(), b.source.clone()];
                    if !b.matched.is_empty() {
                        why.push(format!("matched {}", b.matched.join(", ")));
                    }
                    if b.quantified {
                        why.push(format!("quantified ×{}", super::QUANTIFIED_BOOST));
                    }
                    writeln!(f, "                 ({})", why.join("; "))?;
                }
            }
        }

        if !self.projects.is_empty() {
            writeln!(f)?;
            writeln!(f, "Projects:")?;
            for p in &self.projects {
                let mark = if p.chosen { '+' } else { '-' };
                writeln!(
                    f,
                    "  {mark} {} ({}, score {}): {}",
                    p.name,
                    p.source,
                    p.score,
                    if p.chosen {
                        format!("chosen for {}", list(&p.matched))
                    } else if p.matched.is_empty() {
                        "dropped: no job term".to_owned()
                    } else if p.skills == 0 {
                        format!("dropped: no skill of the job ({})", p.matched.join(", "))
                    } else {
                        format!("dropped: over the limit ({})", p.matched.join(", "))
                    }
                )?;
            }
        }
        Ok(())
    }
}
