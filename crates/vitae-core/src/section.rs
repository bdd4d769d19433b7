//! The sections of a resume: one enum for every part of vitae that names them — the renderer's
//! order and headings, the ATS check's expected text and its evidence.

use crate::model::Resume;
use crate::path::{ModelPath, ResumePath};
use std::fmt;
use std::str::FromStr;

/// A section of a resume. [`Section::Custom`] stands for the custom sections, which a resume may
/// have several of (each with its own title); where one of them is meant, its index in
/// [`Resume::custom_sections`] travels beside the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Summary,
    Experience,
    Skills,
    Projects,
    Education,
    Certifications,
    Publications,
    Awards,
    Volunteer,
    Languages,
    Interests,
    Affiliations,
    References,
    Custom,
}

impl Section {
    /// Every section, in the default order.
    pub const ALL: [Section; 14] = [
        Section::Summary,
        Section::Experience,
        Section::Skills,
        Section::Projects,
        Section::Education,
        Section::Certifications,
        Section::Publications,
        Section::Awards,
        Section::Volunteer,
        Section::Languages,
        Section::Interests,
        Section::Affiliations,
        Section::References,
        Section::Custom,
    ];

    /// The lowercase name, as accepted by [`FromStr`]; for the built-in sections also the
    /// model's field (`experience`, `skills`...).
    pub fn name(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Experience => "experience",
            Section::Skills => "skills",
            Section::Projects => "projects",
            Section::Education => "education",
            Section::Certifications => "certifications",
            Section::Publications => "publications",
            Section::Awards => "awards",
            Section::Volunteer => "volunteer",
            Section::Languages => "languages",
            Section::Interests => "interests",
            Section::Affiliations => "affiliations",
            Section::References => "references",
            Section::Custom => "custom",
        }
    }

    /// Where the section is in the model: `experience`, `custom_sections`.
    pub fn path(self) -> ModelPath {
        let root = ResumePath::root();
        match self {
            Section::Summary => root.summary().path(),
            Section::Experience => root.experience().path(),
            Section::Skills => root.skills().path(),
            Section::Projects => root.projects().path(),
            Section::Education => root.education().path(),
            Section::Certifications => root.certifications().path(),
            Section::Publications => root.publications().path(),
            Section::Awards => root.awards().path(),
            Section::Volunteer => root.volunteer().path(),
            Section::Languages => root.languages().path(),
            Section::Interests => root.interests().path(),
            Section::Affiliations => root.affiliations().path(),
            Section::References => root.references().path(),
            Section::Custom => root.custom_sections().path(),
        }
    }

    /// Whether `resume` has anything to show in this section (renderers leave empty sections
    /// out). For [`Section::Custom`], whether any custom section has an entry.
    pub fn has_content(self, r: &Resume) -> bool {
        match self {
            Section::Summary => r
                .summary
                .base
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty()),
            Section::Experience => !r.experience.is_empty(),
            Section::Skills => !r.skills.is_empty(),
            Section::Projects => !r.projects.is_empty(),
            Section::Education => !r.education.is_empty(),
            Section::Certifications => !r.certifications.is_empty(),
            Section::Publications => !r.publications.is_empty(),
            Section::Awards => !r.awards.is_empty(),
            Section::Volunteer => !r.volunteer.is_empty(),
            Section::Languages => !r.languages.is_empty(),
            Section::Interests => !r.interests.is_empty(),
            Section::Affiliations => !r.affiliations.is_empty(),
            Section::References => !r.references.is_empty(),
            Section::Custom => r.custom_sections.iter().any(|s| !s.entries.is_empty()),
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is no section.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown section `{name}` (expected one of: {})", known())]
pub struct UnknownSection {
    pub name: String,
}

fn known() -> String {
    Section::ALL.map(Section::name).join(", ")
}

impl FromStr for Section {
    type Err = UnknownSection;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Section::ALL
            .into_iter()
            .find(|k| k.name() == wanted)
            .ok_or_else(|| UnknownSection { name: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::Section;

    #[test]
    fn every_section_parses_from_its_name_and_nothing_else_does() {
        for section in Section::ALL {
            assert_eq!(section.name().parse::<Section>(), Ok(section));
            assert_eq!(section.to_string().to_uppercase().parse(), Ok(section));
        }
        let e = "hobbies".parse::<Section>().unwrap_err();
        assert!(e.to_string().contains("experience"), "{e}");
    }
}
