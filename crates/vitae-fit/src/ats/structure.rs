//! The section structure category: the sections an ATS looks for (experience with complete,
//! dated entries in reverse-chronological order, education, skills, the variant's own summary) under
//! headings it recognises.

use super::places::{Align, custom_title, job_label};
use super::{Evidence, Sheet, and_list, count};
use vitae_core::date::DateValue;
use vitae_core::model::{Experience, Resume};
use vitae_core::path::ResumePath;

/// Words an ATS recognises in a section heading (custom sections carry their own titles).
const KNOWN_HEADINGS: &[&str] = &[
    "summary",
    "profile",
    "objective",
    "about",
    "experience",
    "employment",
    "work",
    "career",
    "history",
    "education",
    "skills",
    "competencies",
    "expertise",
    "technologies",
    "projects",
    "certifications",
    "certificates",
    "licenses",
    "licences",
    "courses",
    "training",
    "publications",
    "patents",
    "research",
    "presentations",
    "talks",
    "teaching",
    "awards",
    "honors",
    "honours",
    "achievements",
    "accomplishments",
    "volunteer",
    "volunteering",
    "languages",
    "interests",
    "affiliations",
    "memberships",
    "references",
    "leadership",
    "activities",
    "service",
];

pub(super) fn score(shown: &Resume, align: &Align<'_>) -> Sheet {
    let mut sheet = Sheet::default();
    experience(&mut sheet, shown, align);
    education(&mut sheet, shown);
    skills(&mut sheet, shown);
    summary(&mut sheet, shown, align);
    headings(&mut sheet, shown);
    sheet
}

fn at(section: &str, entry: Option<String>, path: String, text: impl Into<String>) -> Evidence {
    Evidence {
        section: section.to_owned(),
        entry,
        bullet: None,
        path,
        text: text.into(),
        finding: None,
    }
}

fn job_text(e: &Experience) -> String {
    match (e.title.as_deref().map(str::trim), e.company.trim()) {
        (Some(t), c) if !t.is_empty() && !c.is_empty() => format!("{t} at {c}"),
        (Some(t), _) if !t.is_empty() => t.to_owned(),
        _ => e.company.trim().to_owned(),
    }
}

fn experience(sheet: &mut Sheet, shown: &Resume, align: &Align<'_>) {
    let jobs = &shown.experience;
    let path = |i: usize| {
        let list = ResumePath::root().experience();
        list.at(align.experience(i)).path().into_string()
    };
    sheet.check(
        "sections.experience",
        "An Experience section lists your jobs",
        25.0,
        if jobs.is_empty() { 0.0 } else { 1.0 },
        count(jobs.len(), "job", "jobs"),
        jobs.iter()
            .enumerate()
            .take(1)
            .map(|(i, e)| at("experience", job_label(e), path(i), job_text(e)))
            .collect(),
    );
    if jobs.is_empty() {
        sheet.suggest("Add an Experience section: an ATS ranks candidates on their jobs first.");
        sheet.skip(
            "sections.entries",
            "Every job has a title, a company, a start and an end date",
            "no jobs",
        );
        sheet.skip(
            "sections.order",
            "Jobs are in reverse-chronological order",
            "no jobs",
        );
        return;
    }

    let mut incomplete = Vec::new();
    for (i, e) in jobs.iter().enumerate() {
        let mut lacks: Vec<String> = Vec::new();
        if e.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            lacks.push("title".into());
        }
        if e.company.trim().is_empty() {
            lacks.push("company".into());
        }
        if e.start.is_none() {
            lacks.push("start date".into());
        }
        if e.end.is_none() {
            lacks.push("end date (`present` if ongoing)".into());
        }
        if !lacks.is_empty() {
            incomplete.push(
                at("experience", job_label(e), path(i), job_text(e))
                    .with_finding(format!("missing {}", and_list(&lacks))),
            );
        }
    }
    let complete = jobs.len() - incomplete.len();
    if let Some(first) = incomplete.first() {
        sheet.suggest(format!(
            "Complete {}: an ATS reads title, company and dates to compute your experience \
             (first: {}, {}).",
            count(incomplete.len(), "job", "jobs"),
            first.text,
            first.finding.as_deref().unwrap_or_default()
        ));
    }
    sheet.check(
        "sections.entries",
        "Every job has a title, a company, a start and an end date",
        15.0,
        complete as f64 / jobs.len() as f64,
        format!(
            "{complete} of {} complete",
            count(jobs.len(), "job", "jobs")
        ),
        incomplete,
    );

    // Reverse-chronological: each job ends (then starts) no later than the one above it.
    let key = |e: &Experience| {
        let date = |d: &Option<DateValue>| match d {
            Some(DateValue::Present) => Some((u16::MAX, 0, 0)),
            Some(DateValue::Date(d)) => Some(d.key()),
            _ => None,
        };
        let start = date(&e.start);
        let end = match &e.end {
            None if start.is_some() => start,
            other => date(other),
        };
        end.zip(start)
    };
    let dated: Vec<(usize, (_, _))> = jobs
        .iter()
        .enumerate()
        .filter_map(|(i, e)| key(e).map(|k| (i, k)))
        .collect();
    let pairs = dated.len().saturating_sub(1);
    let misplaced: Vec<Evidence> = dated
        .windows(2)
        .filter(|w| w[1].1 > w[0].1)
        .map(|w| {
            let (i, e) = (w[1].0, &jobs[w[1].0]);
            at("experience", job_label(e), path(i), job_text(e)).with_finding(format!(
                "more recent than {}, which is listed above it",
                job_text(&jobs[w[0].0])
            ))
        })
        .collect();
    if let Some(first) = misplaced.first() {
        sheet.suggest(format!(
            "List jobs newest first: {} is {}.",
            first.text,
            first.finding.as_deref().unwrap_or_default()
        ));
    }
    sheet.check(
        "sections.order",
        "Jobs are in reverse-chronological order",
        10.0,
        if pairs == 0 {
            1.0
        } else {
            (pairs - misplaced.len()) as f64 / pairs as f64
        },
        if pairs == 0 {
            "fewer than two dated jobs".to_owned()
        } else {
            format!(
                "{} of {pairs} neighbouring pairs in order",
                pairs - misplaced.len()
            )
        },
        misplaced,
    );
}

fn education(sheet: &mut Sheet, shown: &Resume) {
    let list = &shown.education;
    if list.is_empty() {
        sheet.suggest(
            "Add an Education section (a degree, or courses and training): many ATS filters \
             require one.",
        );
        sheet.check(
            "sections.education",
            "An Education section names institutions and degrees",
            15.0,
            0.0,
            "no education",
            Vec::new(),
        );
        return;
    }
    let mut evidence = Vec::new();
    let mut complete = 0;
    for (i, e) in list.iter().enumerate() {
        let has_degree = [&e.degree, &e.field]
            .iter()
            .any(|d| d.as_deref().is_some_and(|t| !t.trim().is_empty()));
        let entry = Some(e.institution.trim().to_owned()).filter(|s| !s.is_empty());
        let text = [
            e.degree.as_deref(),
            e.field.as_deref(),
            Some(e.institution.as_str()),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
        let ev = at(
            "education",
            entry.clone(),
            ResumePath::root().education().at(i).path().into_string(),
            text,
        );
        if has_degree && entry.is_some() {
            complete += 1;
        } else {
            evidence.push(ev.with_finding(if entry.is_none() {
                "no institution"
            } else {
                "no degree or field of study"
            }));
        }
    }
    sheet.check(
        "sections.education",
        "An Education section names institutions and degrees",
        15.0,
        complete as f64 / list.len() as f64,
        format!(
            "{complete} of {} complete",
            count(list.len(), "entry", "entries")
        ),
        evidence,
    );
}

fn skills(sheet: &mut Sheet, shown: &Resume) {
    let items: usize = shown.skills.iter().map(|c| c.items.len()).sum();
    let evidence = shown
        .skills
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.items.is_empty())
        .map(|(i, c)| {
            let names: Vec<&str> = c.items.iter().map(|s| s.name.as_str()).collect();
            at(
                "skills",
                Some(c.name.clone()).filter(|s| !s.trim().is_empty()),
                ResumePath::root().skills().at(i).path().into_string(),
                names.join(", "),
            )
        })
        .take(1)
        .collect();
    if items == 0 {
        sheet.suggest(
            "Add a Skills section: it is where an ATS looks for keywords first, in the posting's \
             own words.",
        );
    }
    sheet.check(
        "sections.skills",
        "A Skills section lists skills",
        15.0,
        if items > 0 { 1.0 } else { 0.0 },
        format!(
            "{} in {}",
            count(items, "skill", "skills"),
            count(shown.skills.len(), "category", "categories")
        ),
        evidence,
    );
}

fn summary(sheet: &mut Sheet, shown: &Resume, align: &Align<'_>) {
    let text = shown
        .summary
        .base
        .as_deref()
        .map(str::trim)
        .unwrap_or_default();
    let evidence = if text.is_empty() {
        sheet.suggest(
            "Add a summary of two or three sentences for this variant: it is the first text an \
             ATS and a recruiter read.",
        );
        Vec::new()
    } else {
        vec![at(
            "summary",
            None,
            align.summary_path().into_string(),
            super::shorten(text, 100),
        )]
    };
    sheet.check(
        "sections.summary",
        "The variant has a summary",
        10.0,
        if text.is_empty() { 0.0 } else { 1.0 },
        if text.is_empty() {
            "no summary".to_owned()
        } else {
            format!(
                "{} words, from {}",
                text.split_whitespace().count(),
                align.summary_path()
            )
        },
        evidence,
    );
}

fn headings(sheet: &mut Sheet, shown: &Resume) {
    // The headings the author chose: custom sections' titles, and the titles they gave
    // built-in sections ("Where I've Been" for the experience), each with where it is.
    let mut titled: Vec<(String, String)> = shown
        .custom_sections
        .iter()
        .enumerate()
        .filter(|(_, s)| !s.entries.is_empty())
        .map(|(i, s)| {
            let path = ResumePath::root()
                .custom_sections()
                .at(i)
                .title()
                .into_string();
            (custom_title(&s.title), path)
        })
        .collect();
    titled.extend(
        shown
            .section_titles
            .iter()
            .map(|(section, title)| (custom_title(title), section.path().into_string())),
    );
    let unknown: Vec<Evidence> = titled
        .iter()
        .filter(|(title, _)| {
            let words: Vec<String> = title
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect();
            !words.iter().any(|w| KNOWN_HEADINGS.contains(&w.as_str()))
        })
        .map(|(title, path)| {
            at(title, None, path.clone(), title.clone())
                .with_finding("not a heading an ATS recognises")
        })
        .collect();
    let total = titled.len();
    if let Some(first) = unknown.first() {
        sheet.suggest(format!(
            "Rename “{}” to a standard heading (Experience, Projects, Awards, Publications, \
             Volunteering, Certifications…): an ATS files content by its heading.",
            first.text
        ));
    }
    sheet.check(
        "sections.headings",
        "Every section has a heading an ATS recognises",
        10.0,
        if total == 0 {
            1.0
        } else {
            (total - unknown.len()) as f64 / total as f64
        },
        if total == 0 {
            "only the renderer's standard headings".to_owned()
        } else {
            format!(
                "{} of {} recognised",
                total - unknown.len(),
                count(total, "author's heading", "author's headings")
            )
        },
        unknown,
    );
}
