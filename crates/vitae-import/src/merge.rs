//! Merging an imported resume into one the user already has: what is new is added (an entry no
//! key matches, a bullet or skill not there yet, a field the user left empty); where both have
//! a value and they differ, the user's stays and the difference is reported as a conflict.
//! Nothing of the user's is changed or removed.
//!
//! Entries are matched by what names them: a job by employer, title and start; a school by
//! institution and degree; a skill, project, certification, publication, award, language or
//! interest by its name, all compared with case, spacing and dashes folded.

use crate::eval::fold;
use vitae_core::DateValue;
use vitae_core::model::*;

/// A value both resumes have, different: the user's was kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Where, in the merged resume: `experience[0].location`.
    pub path: String,
    pub yours: String,
    pub imported: String,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// What was added, as paths with what they hold: `experience[3] (Engineer, Initech)`.
    pub added: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

fn date_key(d: &Option<DateValue>) -> String {
    match d {
        Some(DateValue::Date(p)) => match p.month {
            Some(m) => format!("{}-{m:02}", p.year),
            None => p.year.to_string(),
        },
        Some(DateValue::Present) => "present".into(),
        Some(DateValue::Text(t)) => fold(t),
        None => String::new(),
    }
}

/// Fills `mine` from `theirs` when empty; reports a difference when both are set.
fn field(mine: &mut Option<String>, theirs: &Option<String>, path: &str, report: &mut Report) {
    match (mine.as_ref(), theirs) {
        (None, Some(t)) => {
            report.added.push(format!("{path} ({t})"));
            *mine = Some(t.clone());
        }
        (Some(m), Some(t)) if fold(m) != fold(t) => report.conflicts.push(Conflict {
            path: path.to_owned(),
            yours: m.clone(),
            imported: t.clone(),
        }),
        _ => {}
    }
}

fn date_field(
    mine: &mut Option<DateValue>,
    theirs: &Option<DateValue>,
    path: &str,
    report: &mut Report,
) {
    match (mine.as_ref(), theirs) {
        (None, Some(t)) => {
            report.added.push(format!("{path} ({t})"));
            *mine = Some(t.clone());
        }
        (Some(m), Some(t)) if date_key(&Some(m.clone())) != date_key(&Some(t.clone())) => {
            report.conflicts.push(Conflict {
                path: path.to_owned(),
                yours: m.to_string(),
                imported: t.to_string(),
            });
        }
        _ => {}
    }
}

/// Adds the strings of `theirs` that `mine` lacks (folded).
fn strings(mine: &mut Vec<String>, theirs: &[String], path: &str, report: &mut Report) {
    for t in theirs {
        if !mine.iter().any(|m| fold(m) == fold(t)) {
            report.added.push(format!("{path}[{}] ({t})", mine.len()));
            mine.push(t.clone());
        }
    }
}

/// Appends the items of `theirs` no item of `mine` matches by `key`; for a matched pair, `both`
/// merges the imported item into the user's.
fn list<T: Clone>(
    mine: &mut Vec<T>,
    theirs: &[T],
    section: &str,
    key: impl Fn(&T) -> String,
    describe: impl Fn(&T) -> String,
    mut both: impl FnMut(&mut T, &T, &str, &mut Report),
    report: &mut Report,
) {
    for t in theirs {
        let k = key(t);
        match mine.iter().position(|m| key(m) == k) {
            Some(i) => both(&mut mine[i], t, &format!("{section}[{i}]"), report),
            None => {
                report
                    .added
                    .push(format!("{section}[{}] ({})", mine.len(), describe(t)));
                mine.push(t.clone());
            }
        }
    }
}

fn nothing<T>(_: &mut T, _: &T, _: &str, _: &mut Report) {}

/// `theirs` merged into `mine`.
pub fn merge(mine: &Resume, theirs: &Resume) -> (Resume, Report) {
    let mut r = mine.clone();
    let mut report = Report::default();
    let rep = &mut report;
    let (b, t) = (&mut r.basics, &theirs.basics);
    if b.name.trim().is_empty() && !t.name.trim().is_empty() {
        rep.added.push(format!("basics.name ({})", t.name));
        b.name = t.name.clone();
    } else if !t.name.trim().is_empty() && fold(&b.name) != fold(&t.name) {
        rep.conflicts.push(Conflict {
            path: "basics.name".into(),
            yours: b.name.clone(),
            imported: t.name.clone(),
        });
    }
    field(&mut b.label, &t.label, "basics.label", rep);
    field(&mut b.email, &t.email, "basics.email", rep);
    field(&mut b.phone, &t.phone, "basics.phone", rep);
    field(&mut b.url, &t.url, "basics.url", rep);
    field(
        &mut b.location.city,
        &t.location.city,
        "basics.location.city",
        rep,
    );
    field(
        &mut b.location.region,
        &t.location.region,
        "basics.location.region",
        rep,
    );
    field(
        &mut b.location.country,
        &t.location.country,
        "basics.location.country",
        rep,
    );
    list(
        &mut b.profiles,
        &t.profiles,
        "basics.profiles",
        |p| fold(&p.network),
        |p| p.network.clone(),
        |m, t, path, rep| {
            field(
                &mut m.username,
                &t.username,
                &format!("{path}.username"),
                rep,
            )
        },
        rep,
    );
    field(&mut r.summary.base, &theirs.summary.base, "summary", rep);
    list(
        &mut r.experience,
        &theirs.experience,
        "experience",
        |e| {
            format!(
                "{}|{}|{}",
                fold(&e.company),
                fold(e.title.as_deref().unwrap_or("")),
                date_key(&e.start)
            )
        },
        |e| format!("{}, {}", e.title.as_deref().unwrap_or(""), e.company),
        |m, t, path, rep| {
            field(
                &mut m.location,
                &t.location,
                &format!("{path}.location"),
                rep,
            );
            date_field(&mut m.end, &t.end, &format!("{path}.end"), rep);
            field(
                &mut m.description,
                &t.description,
                &format!("{path}.description"),
                rep,
            );
            for bullet in &t.bullets {
                if !m
                    .bullets
                    .iter()
                    .any(|b| fold(&b.text) == fold(&bullet.text))
                {
                    rep.added.push(format!(
                        "{path}.bullets[{}] ({})",
                        m.bullets.len(),
                        bullet.text
                    ));
                    m.bullets.push(bullet.clone());
                }
            }
        },
        rep,
    );
    list(
        &mut r.education,
        &theirs.education,
        "education",
        |e| {
            format!(
                "{}|{}",
                fold(&e.institution),
                fold(e.degree.as_deref().unwrap_or(""))
            )
        },
        |e| format!("{}, {}", e.degree.as_deref().unwrap_or(""), e.institution),
        |m, t, path, rep| {
            field(&mut m.field, &t.field, &format!("{path}.field"), rep);
            date_field(&mut m.start, &t.start, &format!("{path}.start"), rep);
            date_field(&mut m.end, &t.end, &format!("{path}.end"), rep);
            field(&mut m.score, &t.score, &format!("{path}.score"), rep);
            strings(
                &mut m.highlights,
                &t.highlights,
                &format!("{path}.highlights"),
                rep,
            );
        },
        rep,
    );
    // Skills: by name across the user's categories; a new one joins the category of its name,
    // or a new category.
    for category in &theirs.skills {
        for skill in &category.items {
            let known = r
                .skills
                .iter()
                .any(|c| c.items.iter().any(|s| fold(&s.name) == fold(&skill.name)));
            if known {
                continue;
            }
            let at = match r
                .skills
                .iter()
                .position(|c| fold(&c.name) == fold(&category.name))
            {
                Some(i) => i,
                None => {
                    r.skills.push(SkillCategory {
                        name: category.name.clone(),
                        ..SkillCategory::default()
                    });
                    r.skills.len() - 1
                }
            };
            rep.added.push(format!(
                "skills[{at}].items[{}] ({})",
                r.skills[at].items.len(),
                skill.name
            ));
            r.skills[at].items.push(skill.clone());
        }
    }
    list(
        &mut r.projects,
        &theirs.projects,
        "projects",
        |p| fold(&p.name),
        |p| p.name.clone(),
        |m, t, path, rep| {
            strings(
                &mut m.highlights,
                &t.highlights,
                &format!("{path}.highlights"),
                rep,
            )
        },
        rep,
    );
    list(
        &mut r.certifications,
        &theirs.certifications,
        "certifications",
        |c| fold(&c.name),
        |c| c.name.clone(),
        nothing,
        rep,
    );
    list(
        &mut r.publications,
        &theirs.publications,
        "publications",
        |p| fold(&p.name),
        |p| p.name.clone(),
        nothing,
        rep,
    );
    list(
        &mut r.awards,
        &theirs.awards,
        "awards",
        |a| fold(&a.title),
        |a| a.title.clone(),
        nothing,
        rep,
    );
    list(
        &mut r.languages,
        &theirs.languages,
        "languages",
        |l| fold(&l.language),
        |l| l.language.clone(),
        |m, t, path, rep| field(&mut m.fluency, &t.fluency, &format!("{path}.fluency"), rep),
        rep,
    );
    list(
        &mut r.interests,
        &theirs.interests,
        "interests",
        |i| fold(&i.name),
        |i| i.name.clone(),
        nothing,
        rep,
    );
    list(
        &mut r.volunteer,
        &theirs.volunteer,
        "volunteer",
        |v| {
            format!(
                "{}|{}",
                fold(&v.organization),
                fold(v.position.as_deref().unwrap_or(""))
            )
        },
        |v| v.organization.clone(),
        nothing,
        rep,
    );
    list(
        &mut r.references,
        &theirs.references,
        "references",
        |x| fold(&x.name),
        |x| x.name.clone(),
        nothing,
        rep,
    );
    (r, report)
}
