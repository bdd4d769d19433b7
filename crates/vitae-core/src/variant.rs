//! Variants: one source, many targeted versions.
//!
//! [`apply`] turns the full resume into the version a variant describes — its summary, its skill
//! sections in its order, the bullets emphasized for it (capped per job), its project categories.
//! The result is an ordinary [`Resume`], so every renderer works on any variant unchanged.

use crate::model::{Bullet, Resume, Variant};
use crate::text::contains_term;

/// The summary key that names `professional_summary.base` (resume-cli's `summary_key: base`).
pub const BASE_SUMMARY: &str = "base";

/// The name of the implicit variant that shows everything.
pub const BASE: &str = "base";

/// A variant that does not exist; the message lists the ones that do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown variant `{requested}` (known: {})", known.join(", "))]
pub struct UnknownVariant {
    pub requested: String,
    pub known: Vec<String>,
}

/// The variant keys a user can ask for: the defined ones, plus `base` when not defined.
pub fn names(resume: &Resume) -> Vec<String> {
    let mut names: Vec<String> = resume.variants.keys().cloned().collect();
    if !resume.variants.contains_key(BASE) {
        names.insert(0, BASE.to_owned());
    }
    names
}

/// The variant used when none is asked for: `base` when defined or when there are no variants,
/// else the first defined one.
pub fn default_name(resume: &Resume) -> String {
    if resume.variants.is_empty() || resume.variants.contains_key(BASE) {
        BASE.to_owned()
    } else {
        resume
            .variants
            .keys()
            .next()
            .cloned()
            .unwrap_or_else(|| BASE.to_owned())
    }
}

/// `v1.1.0-backend` → `backend`: the key without a leading version tag.
pub fn short_name(key: &str) -> &str {
    let Some(rest) = key.strip_prefix(['v', 'V']) else {
        return key;
    };
    match rest.split_once('-') {
        Some((version, name))
            if !name.is_empty()
                && !version.is_empty()
                && version.chars().all(|c| c.is_ascii_digit() || c == '.') =>
        {
            name
        }
        _ => key,
    }
}

/// Finds a variant by its key or short name (`backend` finds `v1.1.0-backend`).
pub fn resolve<'r>(
    resume: &'r Resume,
    requested: &str,
) -> Result<(&'r str, Option<&'r Variant>), UnknownVariant> {
    if let Some((k, v)) = resume.variants.get_key_value(requested) {
        return Ok((k.as_str(), Some(v)));
    }
    let matches: Vec<_> = resume
        .variants
        .iter()
        .filter(|(k, _)| {
            short_name(k).eq_ignore_ascii_case(requested) || k.eq_ignore_ascii_case(requested)
        })
        .collect();
    match matches.as_slice() {
        [(k, v)] => Ok((k.as_str(), Some(v))),
        [] if requested.eq_ignore_ascii_case(BASE) => Ok((BASE, None)),
        // A versioned name (`v1.0.0-base`, resume-cli's default; `v2-backend`) the resume does
        // not define names the variant its short name names, the implicit base included.
        [] if short_name(requested) != requested => {
            resolve(resume, short_name(requested)).map_err(|_| UnknownVariant {
                requested: requested.to_owned(),
                known: names(resume),
            })
        }
        _ => Err(UnknownVariant {
            requested: requested.to_owned(),
            known: names(resume),
        }),
    }
}

/// The resume as the variant `requested` shows it.
pub fn apply(resume: &Resume, requested: &str) -> Result<Resume, UnknownVariant> {
    let (key, variant) = resolve(resume, requested)?;
    let mut out = resume.clone();
    // The variant definitions are source data, not content to render.
    out.variants.clear();
    let Some(variant) = variant else {
        // The implicit base shows everything, with the base summary.
        out.summary.variants.clear();
        return Ok(out);
    };
    let selector = Selector::new(key, variant);

    let summary_key = variant.summary_key.as_deref().unwrap_or(key);
    let summary =
        if summary_key == BASE_SUMMARY && !resume.summary.variants.contains_key(BASE_SUMMARY) {
            // Named outright: the base summary, not one the variant's own key would find.
            resume.summary.base.clone()
        } else {
            [summary_key, key, short_name(key)]
                .iter()
                .find_map(|k| resume.summary.variants.get(*k))
                .cloned()
                .or_else(|| resume.summary.base.clone())
        };
    out.summary.base = summary;
    out.summary.variants.clear();

    if !variant.skill_sections.is_empty() {
        out.skills = variant
            .skill_sections
            .iter()
            .filter_map(|name| {
                resume
                    .skills
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(name))
                    .cloned()
            })
            .collect();
    }
    for cat in &mut out.skills {
        // Skills emphasized for this variant lead their category; nothing is dropped.
        cat.items
            .sort_by_key(|s| !selector.tagged(&s.emphasize_for) && !selector.keyword_hit(&s.name));
        cat.items.retain(|s| !selector.excluded(&s.emphasize_for));
    }

    for job in &mut out.experience {
        job.bullets = selector.bullets(&job.bullets);
    }

    if !variant.project_categories.is_empty() {
        out.projects.retain(|p| {
            p.category.as_deref().is_some_and(|c| {
                variant
                    .project_categories
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(c))
            })
        });
    }
    out.projects
        .retain(|p| !selector.excluded(&p.emphasize_for));
    Ok(out)
}

struct Selector<'v> {
    key: &'v str,
    short: &'v str,
    variant: &'v Variant,
}

impl<'v> Selector<'v> {
    fn new(key: &'v str, variant: &'v Variant) -> Self {
        Selector {
            key,
            short: short_name(key),
            variant,
        }
    }

    /// Tagged for this variant: by its key, its short name or one of its include tags.
    fn tagged(&self, tags: &[String]) -> bool {
        tags.iter().any(|t| {
            let t = t.trim();
            t.eq_ignore_ascii_case(self.key)
                || t.eq_ignore_ascii_case(self.short)
                || short_name(t).eq_ignore_ascii_case(self.short)
                || self
                    .variant
                    .include_tags
                    .iter()
                    .any(|i| i.eq_ignore_ascii_case(t))
        })
    }

    fn excluded(&self, tags: &[String]) -> bool {
        tags.iter().any(|t| {
            self.variant
                .exclude_tags
                .iter()
                .any(|x| x.eq_ignore_ascii_case(t.trim()))
        })
    }

    fn keyword_hit(&self, text: &str) -> bool {
        self.variant
            .emphasize_keywords
            .iter()
            .any(|k| contains_term(text, k))
    }

    fn selected(&self, b: &Bullet) -> bool {
        self.tagged(&b.emphasize_for)
            || self.keyword_hit(&b.text)
            || b.skills.iter().any(|s| {
                self.variant
                    .emphasize_keywords
                    .iter()
                    .any(|k| k.trim().eq_ignore_ascii_case(s.trim()))
            })
    }

    /// Selected bullets in source order, capped; a job with none selected shows its first ones.
    fn bullets(&self, bullets: &[Bullet]) -> Vec<Bullet> {
        let cap = self.variant.max_bullets_per_job.unwrap_or(usize::MAX);
        let allowed: Vec<&Bullet> = bullets
            .iter()
            .filter(|b| !self.excluded(&b.emphasize_for))
            .collect();
        let selected: Vec<&Bullet> = allowed
            .iter()
            .copied()
            .filter(|b| self.selected(b))
            .collect();
        let chosen = if selected.is_empty() {
            allowed
        } else {
            selected
        };
        chosen.into_iter().take(cap).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Experience, Skill, SkillCategory};

    fn bullet(text: &str, tags: &[&str]) -> Bullet {
        Bullet {
            text: text.into(),
            skills: vec![],
            emphasize_for: tags.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    fn resume() -> Resume {
        let mut r = Resume::default();
        r.basics.name = "Ada".into();
        r.summary.base = Some("Base summary".into());
        r.summary
            .variants
            .insert("backend".into(), "Backend summary".into());
        r.experience.push(Experience {
            company: "Acme".into(),
            bullets: vec![
                bullet("Maintained the billing service", &[]),
                bullet("Designed the API gateway", &["backend"]),
                bullet("Trained ranking models", &["ml"]),
                bullet("Led the AI guild", &[]),
                bullet("Cut p99 latency by 40%", &["v1.1.0-backend"]),
                bullet("Internal only", &["confidential"]),
            ],
            ..Experience::default()
        });
        r.experience.push(Experience {
            company: "Old Co".into(),
            bullets: vec![
                bullet("First", &[]),
                bullet("Second", &[]),
                bullet("Third", &[]),
            ],
            ..Experience::default()
        });
        r.skills = vec![
            SkillCategory {
                name: "Languages".into(),
                level: None,
                extra: Default::default(),
                items: vec![
                    Skill {
                        name: "Python".into(),
                        ..Skill::default()
                    },
                    Skill {
                        name: "Go".into(),
                        emphasize_for: vec!["backend".into()],
                        ..Skill::default()
                    },
                ],
            },
            SkillCategory {
                name: "ML".into(),
                level: None,
                extra: Default::default(),
                items: vec![],
            },
        ];
        r.variants.insert(
            "v1.1.0-backend".into(),
            Variant {
                summary_key: Some("backend".into()),
                skill_sections: vec!["Languages".into()],
                max_bullets_per_job: Some(2),
                exclude_tags: vec!["confidential".into()],
                ..Variant::default()
            },
        );
        r.variants.insert(
            "ml".into(),
            Variant {
                emphasize_keywords: vec!["ai".into(), "models".into()],
                ..Variant::default()
            },
        );
        r
    }

    fn texts(r: &Resume, job: usize) -> Vec<&str> {
        r.experience[job]
            .bullets
            .iter()
            .map(|b| b.text.as_str())
            .collect()
    }

    #[test]
    fn short_names_strip_version_tags() {
        assert_eq!(short_name("v1.1.0-backend"), "backend");
        assert_eq!(short_name("V2-ml-ops"), "ml-ops");
        assert_eq!(short_name("vp-sales"), "vp-sales");
        assert_eq!(short_name("backend"), "backend");
    }

    #[test]
    fn tagged_bullets_are_selected_in_source_order_and_capped() {
        let r = apply(&resume(), "backend").unwrap();
        assert_eq!(
            texts(&r, 0),
            ["Designed the API gateway", "Cut p99 latency by 40%"]
        );
        assert_eq!(r.summary.base.as_deref(), Some("Backend summary"));
        assert_eq!(r.skills.len(), 1);
        assert_eq!(r.skills[0].items[0].name, "Go", "emphasized skills lead");
    }

    #[test]
    fn a_job_with_no_selected_bullets_shows_its_first_ones() {
        let r = apply(&resume(), "v1.1.0-backend").unwrap();
        assert_eq!(texts(&r, 1), ["First", "Second"]);
    }

    #[test]
    fn keywords_match_whole_words_never_substrings() {
        let r = apply(&resume(), "ml").unwrap();
        // "ai" must not match "Maintained"; "models" matches "Trained ranking models"; "Led the AI
        // guild" matches "ai" as a word.
        assert_eq!(texts(&r, 0), ["Trained ranking models", "Led the AI guild"]);
        assert_eq!(r.summary.base.as_deref(), Some("Base summary"));
    }

    #[test]
    fn base_shows_everything_and_unknown_variants_list_the_known_ones() {
        let r = apply(&resume(), "base").unwrap();
        assert_eq!(r.experience[0].bullets.len(), 6);
        let err = apply(&resume(), "frontend").unwrap_err();
        assert_eq!(err.known, ["base", "v1.1.0-backend", "ml"]);
        assert!(err.to_string().contains("unknown variant `frontend`"));
    }

    #[test]
    fn resume_clis_versioned_base_names_the_implicit_base() {
        // resume-cli's clients ask for `v1.0.0-base` by default, defined or not.
        let r = apply(&resume(), "v1.0.0-base").unwrap();
        assert_eq!(r.experience[0].bullets.len(), 6);
        assert_eq!(resolve(&resume(), "V2-Base").unwrap().0, BASE);
        // Any other undefined versioned name is still unknown, and said as asked.
        let err = apply(&resume(), "v1.0.0-frontend").unwrap_err();
        assert_eq!(err.requested, "v1.0.0-frontend");
        // A defined variant of that short name is the one meant.
        assert_eq!(resolve(&resume(), "v9-ml").unwrap().0, "ml");
        let mut with_base = resume();
        with_base
            .variants
            .insert(BASE.into(), with_base.variants["ml"].clone());
        assert_eq!(
            resolve(&with_base, "v1.0.0-base").unwrap(),
            (BASE, Some(&with_base.variants[BASE]))
        );
    }
}
