//! The canonical resume model. Every source format reads into it and every writer and renderer
//! reads from it, so it holds the union of what the native YAML, JSON Resume and RenderCV formats can
//! express. Optional text is `Option<String>` and keeps empty strings as given, so that a round trip
//! through another format loses nothing.

use crate::date::DateValue;
use indexmap::IndexMap;
use serde::Serialize;

/// Fields a source carried that the model has no home for (`work[].keywords` in JSON Resume,
/// `stars` on a resume-cli project), as written, in source order. Nothing shows them; the format
/// writers put them back where they came from, so a conversion loses none of them. They are not
/// part of the model's serialised shape: the visitor, the ATS check and the verifier see only what
/// a resume shows.
pub type Extra = IndexMap<String, serde_json::Value>;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Resume {
    pub meta: Meta,
    pub basics: Basics,
    pub summary: Summary,
    pub skills: Vec<SkillCategory>,
    pub experience: Vec<Experience>,
    pub education: Vec<Education>,
    pub projects: Vec<Project>,
    pub certifications: Vec<Certification>,
    pub publications: Vec<Publication>,
    pub awards: Vec<Award>,
    pub languages: Vec<Language>,
    pub interests: Vec<Interest>,
    pub volunteer: Vec<Volunteer>,
    pub references: Vec<Reference>,
    pub affiliations: Vec<Affiliation>,
    pub custom_sections: Vec<CustomSection>,
    /// Named targeted versions, in source order.
    pub variants: IndexMap<String, Variant>,
    /// The inline formatting (strong, emphasis, code, links) of the texts that have some, keyed by
    /// their plain text (see [`crate::rich`]). Every text above is plain words.
    #[serde(skip)]
    pub inline: crate::rich::Inline,
    /// The sections in the order the author set them (RenderCV's order, or `section_order` in the
    /// native format), when the source says; empty: the default order. Documents follow it unless
    /// asked for another order; sections it does not name follow in the default order.
    #[serde(skip)]
    pub section_order: Vec<SectionRef>,
    /// The titles the author gave built-in sections (RenderCV's "Selected Honors" for the
    /// awards), shown instead of vitae's heading in the document's language.
    #[serde(skip)]
    pub section_titles: IndexMap<crate::Section, String>,
    /// How the documents look, as the source asks (see [`crate::design`]): presentation, which
    /// the checks on content do not see.
    #[serde(skip)]
    pub design: crate::design::Design,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

/// A section of [`Resume::section_order`]: a built-in one, or a custom section by its index in
/// [`Resume::custom_sections`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SectionRef {
    pub section: crate::Section,
    pub custom: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    pub version: Option<String>,
    /// Who keeps the file (resume-cli's `meta.author`).
    pub author: Option<String>,
    pub last_updated: Option<String>,
    pub canonical: Option<String>,
    /// The `$schema` a JSON Resume file declared, kept for the round trip.
    pub schema: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Basics {
    pub name: String,
    /// Post-nominal credentials, e.g. `["PhD", "PE"]`.
    pub credentials: Vec<String>,
    /// Title or label, e.g. "Senior Backend Engineer".
    pub label: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub url: Option<String>,
    pub image: Option<String>,
    pub location: Location,
    pub profiles: Vec<Profile>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Location {
    pub address: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code or a country name, as given.
    pub country: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

impl Location {
    pub fn is_empty(&self) -> bool {
        self.extra.is_empty()
            && self.address.is_none()
            && self.city.is_none()
            && self.region.is_none()
            && self.postal_code.is_none()
            && self.country.is_none()
    }

    /// "City, Region, Country" with the parts that exist.
    pub fn display(&self) -> String {
        [&self.city, &self.region, &self.country]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Profile {
    pub network: String,
    pub username: Option<String>,
    pub url: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub base: Option<String>,
    /// Per-variant summaries keyed by summary key (usually the variant name).
    pub variants: IndexMap<String, String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SkillCategory {
    pub name: String,
    /// A level for the whole category (JSON Resume's `skills[].level`).
    pub level: Option<String>,
    pub items: Vec<Skill>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

impl SkillCategory {
    /// The category's heading in a document. A key written as an identifier
    /// (`programming_languages`, `cloud_devops`: resume-cli's style) is shown in words and title
    /// case, as resume-cli showed it ("Programming Languages", "Cloud DevOps"); any other name
    /// ("Web Development", "言語") as written.
    pub fn title(&self) -> String {
        const SMALL: &[&str] = &[
            "a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with",
        ];
        const SPELLED: &[&str] = &[
            "AI", "ML", "API", "APIs", "AWS", "GCP", "SQL", "NoSQL", "CI", "CD", "UI", "UX", "NLP",
            "DevOps", "MLOps", "IoT", "QA", "OS", "IT", "iOS",
        ];
        let name = self.name.trim();
        let identifier = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !identifier {
            return self.name.clone();
        }
        name.split('_')
            .filter(|w| !w.is_empty())
            .enumerate()
            .map(|(i, word)| {
                if let Some(spelled) = SPELLED.iter().find(|s| s.eq_ignore_ascii_case(word)) {
                    (*spelled).to_owned()
                } else if i > 0 && SMALL.contains(&word) {
                    word.to_owned()
                } else {
                    let mut chars = word.chars();
                    chars.next().map_or_else(String::new, |first| {
                        first.to_uppercase().chain(chars).collect()
                    })
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Skill {
    pub name: String,
    pub level: Option<String>,
    pub years: Option<f64>,
    pub keywords: Vec<String>,
    pub emphasize_for: Vec<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Experience {
    pub company: String,
    pub title: Option<String>,
    pub location: Option<String>,
    /// What the company does (JSON Resume `work[].description`).
    pub description: Option<String>,
    pub url: Option<String>,
    pub start: Option<DateValue>,
    /// `None` with `current == false`: no end given. `Some(Present)` or `current`: ongoing.
    pub end: Option<DateValue>,
    pub summary: Option<String>,
    pub bullets: Vec<Bullet>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

impl Experience {
    pub fn is_current(&self) -> bool {
        matches!(self.end, Some(DateValue::Present))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Bullet {
    pub text: String,
    pub skills: Vec<String>,
    /// Variant keys (or short names) and tags this bullet is emphasized for.
    pub emphasize_for: Vec<String>,
}

impl Bullet {
    pub fn plain(text: impl Into<String>) -> Self {
        Bullet {
            text: text.into(),
            ..Bullet::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Education {
    pub institution: String,
    /// Degree or study type, e.g. "BS", "Master of Science".
    pub degree: Option<String>,
    /// Field of study (JSON Resume `area`).
    pub field: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    pub start: Option<DateValue>,
    pub end: Option<DateValue>,
    /// GPA or other score, as written.
    pub score: Option<String>,
    pub courses: Vec<String>,
    pub thesis: Option<String>,
    pub honors: Vec<String>,
    /// Lines about the degree as the author wrote them ("Advisor: Prof. Lee", "GPA: 3.9/4.0"),
    /// shown as bullets (RenderCV's education `highlights`).
    pub highlights: Vec<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Project {
    pub name: String,
    /// Category in a categorized project list (native `projects: {category: [...]}`).
    pub category: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub technologies: Vec<String>,
    pub highlights: Vec<String>,
    pub start: Option<DateValue>,
    pub end: Option<DateValue>,
    pub roles: Vec<String>,
    pub entity: Option<String>,
    pub kind: Option<String>,
    pub emphasize_for: Vec<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Certification {
    pub name: String,
    pub issuer: Option<String>,
    pub date: Option<DateValue>,
    pub expires: Option<DateValue>,
    pub url: Option<String>,
    pub credential_id: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Publication {
    pub name: String,
    /// "journal", "conference", "book", ... as written (resume-cli's `type`).
    pub kind: Option<String>,
    /// The journal it appeared in.
    pub journal: Option<String>,
    /// The conference it was presented at.
    pub conference: Option<String>,
    pub volume: Option<String>,
    pub pages: Option<String>,
    /// Where the conference took place.
    pub location: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<DateValue>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub authors: Vec<String>,
    pub doi: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Award {
    pub title: String,
    pub date: Option<DateValue>,
    pub awarder: Option<String>,
    pub summary: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Language {
    pub language: String,
    pub fluency: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Interest {
    pub name: String,
    pub keywords: Vec<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Volunteer {
    pub organization: String,
    pub position: Option<String>,
    pub url: Option<String>,
    pub start: Option<DateValue>,
    pub end: Option<DateValue>,
    pub summary: Option<String>,
    pub highlights: Vec<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reference {
    pub name: String,
    pub reference: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Affiliation {
    pub organization: String,
    pub role: Option<String>,
    pub location: Option<String>,
    pub start: Option<DateValue>,
    pub end: Option<DateValue>,
    pub url: Option<String>,
    /// Fields the model has no home for, kept for the round trip.
    #[serde(skip)]
    pub extra: Extra,
}

/// A section the model has no dedicated type for (RenderCV's arbitrary sections, "Patents", ...).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CustomSection {
    pub title: String,
    pub entries: Vec<CustomEntry>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CustomEntry {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub location: Option<String>,
    pub date: Option<String>,
    pub start: Option<DateValue>,
    pub end: Option<DateValue>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub bullets: Vec<String>,
}

/// A targeted version of the resume: which summary, skills, bullets and projects to show.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Variant {
    pub description: Option<String>,
    /// Key into [`Summary::variants`]; defaults to the variant's own key.
    pub summary_key: Option<String>,
    /// Skill categories to show, in display order. Empty: all, in source order.
    pub skill_sections: Vec<String>,
    pub max_bullets_per_job: Option<usize>,
    pub emphasize_keywords: Vec<String>,
    /// Project categories to show. Empty: all.
    pub project_categories: Vec<String>,
    /// Tags that select bullets in addition to the variant key.
    pub include_tags: Vec<String>,
    /// Bullets carrying any of these tags are never shown.
    pub exclude_tags: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::SkillCategory;

    #[test]
    fn identifier_category_keys_are_headed_in_words() {
        let title = |name: &str| {
            SkillCategory {
                name: name.into(),
                ..SkillCategory::default()
            }
            .title()
        };
        assert_eq!(title("programming_languages"), "Programming Languages");
        assert_eq!(title("cloud_devops"), "Cloud DevOps");
        assert_eq!(title("ai_ml"), "AI ML");
        assert_eq!(title("tools_and_platforms"), "Tools and Platforms");
        assert_eq!(title("Web Development"), "Web Development");
        assert_eq!(title("frameworks"), "Frameworks");
        assert_eq!(title("言語"), "言語");
    }
}
