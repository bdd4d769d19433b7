//! The canonical resume model. Every source format reads into it and every writer and renderer
//! reads from it, so it holds the union of what the native YAML, JSON Resume and RenderCV formats can
//! express. Optional text is `Option<String>` and keeps empty strings as given, so that a round trip
//! through another format loses nothing.

use crate::date::DateValue;
use indexmap::IndexMap;
use serde::Serialize;

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
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    pub version: Option<String>,
    pub last_updated: Option<String>,
    pub canonical: Option<String>,
    /// The `$schema` a JSON Resume file declared, kept for the round trip.
    pub schema: Option<String>,
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
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Location {
    pub address: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2 code or a country name, as given.
    pub country: Option<String>,
}

impl Location {
    pub fn is_empty(&self) -> bool {
        self.address.is_none()
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
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Skill {
    pub name: String,
    pub level: Option<String>,
    pub years: Option<f64>,
    pub keywords: Vec<String>,
    pub emphasize_for: Vec<String>,
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
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Certification {
    pub name: String,
    pub issuer: Option<String>,
    pub date: Option<DateValue>,
    pub expires: Option<DateValue>,
    pub url: Option<String>,
    pub credential_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Publication {
    pub name: String,
    pub publisher: Option<String>,
    pub date: Option<DateValue>,
    pub url: Option<String>,
    pub summary: Option<String>,
    pub authors: Vec<String>,
    pub doi: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Award {
    pub title: String,
    pub date: Option<DateValue>,
    pub awarder: Option<String>,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Language {
    pub language: String,
    pub fluency: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Interest {
    pub name: String,
    pub keywords: Vec<String>,
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
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reference {
    pub name: String,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Affiliation {
    pub organization: String,
    pub role: Option<String>,
    pub location: Option<String>,
    pub start: Option<DateValue>,
    pub end: Option<DateValue>,
    pub url: Option<String>,
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
