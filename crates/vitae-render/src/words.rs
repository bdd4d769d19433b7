//! Every word the renderers add to a resume (section titles, labels, month names, "Present"), in one
//! table per language, so that localization swaps a table instead of editing writers.
//!
//! Only English exists for now. The writers never contain user-visible English themselves.

use crate::SectionKind;

/// The words of one language.
#[derive(Debug)]
pub(crate) struct Words {
    /// Abbreviated month names, January first.
    pub months: [&'static str; 12],
    pub present: &'static str,
    /// The document title when the resume has no name.
    pub untitled: &'static str,
    /// The title of a custom section that has none.
    pub untitled_section: &'static str,
    pub technologies: &'static str,
    pub roles: &'static str,
    pub kind: &'static str,
    pub courses: &'static str,
    pub thesis: &'static str,
    pub honors: &'static str,
    pub grade: &'static str,
    pub expires: &'static str,
    pub credential_id: &'static str,
    pub authors: &'static str,
    pub doi: &'static str,
    pub years: (&'static str, &'static str),
    /// Between a degree and its field: "BS in Computer Science".
    pub degree_in: &'static str,
    section_titles: [(SectionKind, &'static str); SectionKind::ALL.len()],
}

impl Words {
    /// The title of a built-in section. Custom sections carry their own.
    pub fn section_title(&self, kind: SectionKind) -> &'static str {
        self.section_titles
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("", |(_, t)| t)
    }
}

pub(crate) const ENGLISH: Words = Words {
    months: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    present: "Present",
    untitled: "Resume",
    untitled_section: "Other",
    technologies: "Technologies",
    roles: "Roles",
    kind: "Type",
    courses: "Courses",
    thesis: "Thesis",
    honors: "Honors",
    grade: "Grade",
    expires: "Expires",
    credential_id: "Credential ID",
    authors: "Authors",
    doi: "DOI",
    years: ("year", "years"),
    degree_in: " in ",
    section_titles: [
        (SectionKind::Summary, "Summary"),
        (SectionKind::Experience, "Experience"),
        (SectionKind::Skills, "Skills"),
        (SectionKind::Projects, "Projects"),
        (SectionKind::Education, "Education"),
        (SectionKind::Certifications, "Certifications"),
        (SectionKind::Publications, "Publications"),
        (SectionKind::Awards, "Awards"),
        (SectionKind::Volunteer, "Volunteering"),
        (SectionKind::Languages, "Languages"),
        (SectionKind::Interests, "Interests"),
        (SectionKind::Affiliations, "Affiliations"),
        (SectionKind::References, "References"),
        (SectionKind::Custom, ""),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_section_has_an_english_title() {
        for kind in SectionKind::ALL {
            let title = ENGLISH.section_title(kind);
            assert_eq!(title.is_empty(), kind == SectionKind::Custom, "{kind:?}");
        }
    }
}
