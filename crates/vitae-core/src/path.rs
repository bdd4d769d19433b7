//! Typed paths into the model (`experience[2].bullets[0].text`) and one visitor over a resume.
//!
//! Every part of vitae that says where something is in a resume — validation and its source
//! map, the ATS check's evidence, the verifier's violations, a letter's traces — builds the path
//! through [`ResumePath`]: `ResumePath::root().experience().at(2).bullets().at(0).text()`. A
//! misspelt field is a compile error, not a path that silently resolves to its parent. The
//! paths' text is the model's field names, which are also the names the model serialises under.
//!
//! [`ModelPath::parse`] checks a path that arrives as text (a model's claim, a request) against
//! the same declaration, and [`visit`] walks a resume once, giving every text, date and number
//! with its path.

use crate::model::Resume;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

/// A checked place in the model, as text: `basics.name`, `experience[2].bullets[0].text`,
/// `summary.variants.backend`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, serde::Serialize)]
#[serde(transparent)]
pub struct ModelPath(String);

impl ModelPath {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// A path from text, checked against the model: `Err` names the first segment that is no
    /// field of the model.
    pub fn parse(text: &str) -> Result<ModelPath, UnknownPath> {
        let unknown = |at: &str| UnknownPath {
            path: text.to_owned(),
            at: at.to_owned(),
        };
        if !accepts(ResumePath::shape(), text) {
            // Find the longest prefix that is valid, to name what follows it.
            let bad = (0..text.len())
                .rev()
                .filter(|&i| text.is_char_boundary(i) && matches!(text.as_bytes()[i], b'.' | b'['))
                .find(|&i| accepts(ResumePath::shape(), &text[..i]))
                .map_or(text, |i| &text[i..]);
            return Err(unknown(bad.trim_start_matches('.')));
        }
        Ok(ModelPath(text.to_owned()))
    }

    /// The path of a field below this one, named as the model serialises it.
    fn child(&self, name: &str) -> String {
        if self.0.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.0)
        }
    }
}

impl fmt::Display for ModelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for ModelPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<ModelPath> for String {
    fn from(p: ModelPath) -> String {
        p.0
    }
}

/// A path that names no field of the model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{path}` is no place in the resume model (at `{at}`)")]
pub struct UnknownPath {
    pub path: String,
    /// The part from the first segment that is not a field.
    pub at: String,
}

/// What a step in the model holds, for checking paths that arrive as text.
#[derive(Clone, Copy)]
pub enum Shape {
    /// Text, a date or a number.
    Leaf,
    List(fn() -> Shape),
    /// Keyed by any name (variant keys, summary variants).
    Map(fn() -> Shape),
    Record(&'static [Field]),
}

/// A record's field: its name and the shape of what it holds.
pub type Field = (&'static str, fn() -> Shape);

/// One step type of the typed paths: made from the text of the path that leads to it.
pub trait Step: Sized {
    fn from_path(text: String) -> Self;
    fn shape() -> Shape;
}

impl Step for ModelPath {
    fn from_path(text: String) -> Self {
        ModelPath(text)
    }
    fn shape() -> Shape {
        Shape::Leaf
    }
}

/// A list in the model: [`List::at`] is its item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<T> {
    text: String,
    item: PhantomData<T>,
}

impl<T: Step> List<T> {
    pub fn at(&self, index: usize) -> T {
        T::from_path(format!("{}[{index}]", self.text))
    }

    /// The list itself.
    pub fn path(&self) -> ModelPath {
        ModelPath(self.text.clone())
    }
}

impl<T: Step> Step for List<T> {
    fn from_path(text: String) -> Self {
        List {
            text,
            item: PhantomData,
        }
    }
    fn shape() -> Shape {
        Shape::List(T::shape)
    }
}

/// A map in the model, keyed by name: [`Map::key`] is its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map<T> {
    text: String,
    value: PhantomData<T>,
}

impl<T: Step> Map<T> {
    pub fn key(&self, key: &str) -> T {
        T::from_path(format!("{}.{key}", self.text))
    }

    /// The map itself.
    pub fn path(&self) -> ModelPath {
        ModelPath(self.text.clone())
    }
}

impl<T: Step> Step for Map<T> {
    fn from_path(text: String) -> Self {
        Map {
            text,
            value: PhantomData,
        }
    }
    fn shape() -> Shape {
        Shape::Map(T::shape)
    }
}

/// Declares a record of the model: a path type with one method per field, and its shape.
macro_rules! records {
    ($( $(#[$doc:meta])* $name:ident { $( $field:ident : $ty:ty ),* $(,)? } )*) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct $name(String);

            impl $name {
                $(
                    pub fn $field(&self) -> $ty {
                        <$ty as Step>::from_path(join(&self.0, stringify!($field)))
                    }
                )*

                /// The record itself.
                pub fn path(&self) -> ModelPath {
                    ModelPath(self.0.clone())
                }

                /// Every field's name, in declaration order.
                pub const FIELDS: &'static [&'static str] = &[$( stringify!($field) ),*];
            }

            impl From<$name> for ModelPath {
                fn from(p: $name) -> ModelPath {
                    ModelPath(p.0)
                }
            }

            impl From<$name> for String {
                fn from(p: $name) -> String {
                    p.0
                }
            }

            impl AsRef<str> for $name {
                fn as_ref(&self) -> &str {
                    &self.0
                }
            }

            impl Step for $name {
                fn from_path(text: String) -> Self {
                    $name(text)
                }
                fn shape() -> Shape {
                    const FIELDS: &[Field] =
                        &[$( (stringify!($field), <$ty as Step>::shape) ),*];
                    Shape::Record(FIELDS)
                }
            }
        )*
    };
}

fn join(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_owned()
    } else {
        format!("{prefix}.{field}")
    }
}

// The model's fields, as `model.rs` declares them (a test keeps the two equal through the
// serialised form).
records! {
    /// The whole resume: start every path with [`ResumePath::root`].
    ResumePath {
        meta: MetaPath,
        basics: BasicsPath,
        summary: SummaryPath,
        skills: List<SkillCategoryPath>,
        experience: List<ExperiencePath>,
        education: List<EducationPath>,
        projects: List<ProjectPath>,
        certifications: List<CertificationPath>,
        publications: List<PublicationPath>,
        awards: List<AwardPath>,
        languages: List<LanguagePath>,
        interests: List<InterestPath>,
        volunteer: List<VolunteerPath>,
        references: List<ReferencePath>,
        affiliations: List<AffiliationPath>,
        custom_sections: List<CustomSectionPath>,
        variants: Map<VariantPath>,
    }
    MetaPath {
        version: ModelPath,
        author: ModelPath,
        last_updated: ModelPath,
        canonical: ModelPath,
        schema: ModelPath,
    }
    BasicsPath {
        name: ModelPath,
        credentials: List<ModelPath>,
        label: ModelPath,
        email: ModelPath,
        phone: ModelPath,
        url: ModelPath,
        image: ModelPath,
        location: LocationPath,
        profiles: List<ProfilePath>,
    }
    LocationPath {
        address: ModelPath,
        city: ModelPath,
        region: ModelPath,
        postal_code: ModelPath,
        country: ModelPath,
    }
    ProfilePath { network: ModelPath, username: ModelPath, url: ModelPath }
    SummaryPath { base: ModelPath, variants: Map<ModelPath> }
    SkillCategoryPath { name: ModelPath, level: ModelPath, items: List<SkillPath> }
    SkillPath {
        name: ModelPath,
        level: ModelPath,
        years: ModelPath,
        keywords: List<ModelPath>,
        emphasize_for: List<ModelPath>,
    }
    ExperiencePath {
        company: ModelPath,
        title: ModelPath,
        location: ModelPath,
        description: ModelPath,
        url: ModelPath,
        start: ModelPath,
        end: ModelPath,
        summary: ModelPath,
        bullets: List<BulletPath>,
    }
    BulletPath { text: ModelPath, skills: List<ModelPath>, emphasize_for: List<ModelPath> }
    EducationPath {
        institution: ModelPath,
        degree: ModelPath,
        field: ModelPath,
        location: ModelPath,
        url: ModelPath,
        start: ModelPath,
        end: ModelPath,
        score: ModelPath,
        courses: List<ModelPath>,
        thesis: ModelPath,
        honors: List<ModelPath>,
        highlights: List<ModelPath>,
    }
    ProjectPath {
        name: ModelPath,
        category: ModelPath,
        description: ModelPath,
        url: ModelPath,
        technologies: List<ModelPath>,
        highlights: List<ModelPath>,
        start: ModelPath,
        end: ModelPath,
        roles: List<ModelPath>,
        entity: ModelPath,
        kind: ModelPath,
        emphasize_for: List<ModelPath>,
    }
    CertificationPath {
        name: ModelPath,
        issuer: ModelPath,
        date: ModelPath,
        expires: ModelPath,
        url: ModelPath,
        credential_id: ModelPath,
    }
    PublicationPath {
        name: ModelPath,
        kind: ModelPath,
        journal: ModelPath,
        conference: ModelPath,
        volume: ModelPath,
        pages: ModelPath,
        location: ModelPath,
        publisher: ModelPath,
        date: ModelPath,
        url: ModelPath,
        summary: ModelPath,
        authors: List<ModelPath>,
        doi: ModelPath,
    }
    AwardPath { title: ModelPath, date: ModelPath, awarder: ModelPath, summary: ModelPath }
    LanguagePath { language: ModelPath, fluency: ModelPath }
    InterestPath { name: ModelPath, keywords: List<ModelPath> }
    VolunteerPath {
        organization: ModelPath,
        position: ModelPath,
        url: ModelPath,
        start: ModelPath,
        end: ModelPath,
        summary: ModelPath,
        highlights: List<ModelPath>,
    }
    ReferencePath { name: ModelPath, reference: ModelPath }
    AffiliationPath {
        organization: ModelPath,
        role: ModelPath,
        location: ModelPath,
        start: ModelPath,
        end: ModelPath,
        url: ModelPath,
    }
    CustomSectionPath { title: ModelPath, entries: List<CustomEntryPath> }
    CustomEntryPath {
        title: ModelPath,
        subtitle: ModelPath,
        location: ModelPath,
        date: ModelPath,
        start: ModelPath,
        end: ModelPath,
        url: ModelPath,
        summary: ModelPath,
        bullets: List<ModelPath>,
    }
    VariantPath {
        description: ModelPath,
        summary_key: ModelPath,
        skill_sections: List<ModelPath>,
        max_bullets_per_job: ModelPath,
        emphasize_keywords: List<ModelPath>,
        project_categories: List<ModelPath>,
        include_tags: List<ModelPath>,
        exclude_tags: List<ModelPath>,
    }
}

impl ResumePath {
    /// The resume itself: the start of every path.
    pub fn root() -> ResumePath {
        ResumePath(String::new())
    }
}

/// Whether `text` is a path of `shape` (the empty text is the value itself).
fn accepts(shape: Shape, text: &str) -> bool {
    if text.is_empty() {
        return true;
    }
    match shape {
        Shape::Leaf => false,
        Shape::List(item) => {
            let Some(rest) = text.strip_prefix('[') else {
                return false;
            };
            let Some(close) = rest.find(']') else {
                return false;
            };
            let index = &rest[..close];
            !index.is_empty()
                && index.bytes().all(|b| b.is_ascii_digit())
                && accepts(item(), &rest[close + 1..])
        }
        Shape::Map(value) => {
            // Keys may hold dots (`v1.0.0-backend`): any split that leaves a valid rest will do.
            let Some(rest) = text.strip_prefix('.') else {
                return false;
            };
            let value = value();
            let mut ends: Vec<usize> = rest
                .char_indices()
                .filter(|&(_, c)| c == '.' || c == '[')
                .map(|(i, _)| i)
                .collect();
            ends.push(rest.len());
            ends.into_iter()
                .any(|end| end > 0 && accepts(value, &rest[end..]))
        }
        Shape::Record(fields) => {
            let rest = text.strip_prefix('.').unwrap_or(text);
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            let (name, rest) = rest.split_at(end);
            fields
                .iter()
                .find(|(field, _)| *field == name)
                .is_some_and(|(_, shape)| accepts(shape(), rest))
        }
    }
}

/// What [`walk`] meets at a path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item<'a> {
    /// Text, or a date as written.
    Text(&'a str),
    /// A number or a flag.
    Value(&'a serde_json::Value),
    /// A list, with its length (its items follow, each at its own path).
    List(usize),
}

/// Walks `resume` once, in the model's order, calling `f` with every text, date, number and list
/// and its path. Empty optional fields are skipped; empty strings are given as they are.
///
/// The serialised model is walked rather than each struct by hand: the names it serialises under
/// are the model's field names (a test keeps them equal to the declaration above), so no field
/// can be missed or misnamed. The model's depth is fixed, so the recursion is bounded.
pub fn walk(resume: &Resume, f: &mut dyn FnMut(&ModelPath, Item<'_>)) {
    // Serialising the plain model cannot fail (string keys, finite numbers).
    let value = serde_json::to_value(resume).unwrap_or_default();
    walk_value(&ResumePath::root().path(), &value, f);
}

fn walk_value(at: &ModelPath, value: &serde_json::Value, f: &mut dyn FnMut(&ModelPath, Item<'_>)) {
    use serde_json::Value;
    match value {
        Value::Null => {}
        Value::String(s) => f(at, Item::Text(s)),
        Value::Bool(_) | Value::Number(_) => f(at, Item::Value(value)),
        Value::Array(items) => {
            f(at, Item::List(items.len()));
            for (i, item) in items.iter().enumerate() {
                walk_value(&ModelPath(format!("{at}[{i}]")), item, f);
            }
        }
        Value::Object(fields) => {
            for (name, item) in fields {
                walk_value(&ModelPath(at.child(name)), item, f);
            }
        }
    }
}

/// Every text, date and number of `resume` with its path (see [`walk`]).
pub fn visit(resume: &Resume, f: &mut dyn FnMut(ModelPath, &str)) {
    walk(resume, &mut |path, item| match item {
        Item::Text(text) => f(path.clone(), text),
        Item::Value(value) => f(path.clone(), &value.to_string()),
        Item::List(_) => {}
    });
}

/// Every text, date and number of `resume` by its path's text, for looking up many paths at
/// once (a path that names no field finds nothing).
pub fn texts(resume: &Resume) -> HashMap<String, String> {
    let mut out = HashMap::new();
    visit(resume, &mut |path, text| {
        out.insert(path.into_string(), text.to_owned());
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_paths_spell_the_model_and_text_paths_are_checked() {
        let root = ResumePath::root();
        let bullet = root.experience().at(2).bullets().at(0).text();
        assert_eq!(bullet.as_str(), "experience[2].bullets[0].text");
        assert_eq!(root.basics().name().as_str(), "basics.name");
        let summary = root.summary().variants().key("v1.0.0-backend");
        assert_eq!(summary.as_str(), "summary.variants.v1.0.0-backend");
        for good in [
            "basics.name",
            "experience[2].bullets[0].text",
            "experience[2].bullets[0]",
            "summary.variants.v1.0.0-backend",
            "variants.v1.0.0-backend.include_tags[1]",
            "custom_sections[0].entries[3].bullets[2]",
        ] {
            assert_eq!(ModelPath::parse(good).map(|p| p.0), Ok(good.to_owned()));
        }
        for (bad, at) in [
            ("experience[2].bulets[0]", "bulets[0]"),
            ("basics.nmae", "nmae"),
            ("experience.company", "company"),
            ("skills[x].name", "[x].name"),
        ] {
            assert_eq!(ModelPath::parse(bad).unwrap_err().at, at, "{bad}");
        }
    }

    /// A resume with every field filled, so that the visitor reaches every leaf.
    fn full() -> Resume {
        let yaml = include_str!("../../../examples/resume.yaml");
        crate::load(yaml.as_bytes(), None, &Default::default())
            .unwrap()
            .resume
    }

    /// The serialised field names of a model record, in order.
    fn keys<T: serde::Serialize + Default>() -> Vec<String> {
        let value = serde_json::to_value(T::default()).unwrap();
        value.as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn the_declared_paths_are_exactly_the_models_fields() {
        use crate::model::*;
        let pairs: [(Vec<String>, &[&str]); 23] = [
            (keys::<Resume>(), ResumePath::FIELDS),
            (keys::<Meta>(), MetaPath::FIELDS),
            (keys::<Basics>(), BasicsPath::FIELDS),
            (keys::<Location>(), LocationPath::FIELDS),
            (keys::<Profile>(), ProfilePath::FIELDS),
            (keys::<Summary>(), SummaryPath::FIELDS),
            (keys::<SkillCategory>(), SkillCategoryPath::FIELDS),
            (keys::<Skill>(), SkillPath::FIELDS),
            (keys::<Experience>(), ExperiencePath::FIELDS),
            (keys::<Bullet>(), BulletPath::FIELDS),
            (keys::<Education>(), EducationPath::FIELDS),
            (keys::<Project>(), ProjectPath::FIELDS),
            (keys::<Certification>(), CertificationPath::FIELDS),
            (keys::<Publication>(), PublicationPath::FIELDS),
            (keys::<Award>(), AwardPath::FIELDS),
            (keys::<Language>(), LanguagePath::FIELDS),
            (keys::<Interest>(), InterestPath::FIELDS),
            (keys::<Volunteer>(), VolunteerPath::FIELDS),
            (keys::<Reference>(), ReferencePath::FIELDS),
            (keys::<Affiliation>(), AffiliationPath::FIELDS),
            (keys::<CustomSection>(), CustomSectionPath::FIELDS),
            (keys::<CustomEntry>(), CustomEntryPath::FIELDS),
            (keys::<Variant>(), VariantPath::FIELDS),
        ];
        for (model, declared) in pairs {
            assert_eq!(model, declared, "the model's fields and their paths differ");
        }
    }

    #[test]
    fn every_place_the_visitor_reaches_is_a_declared_path() {
        let mut seen = 0;
        visit(&full(), &mut |path, _| {
            assert!(ModelPath::parse(path.as_str()).is_ok(), "{path}");
            seen += 1;
        });
        assert!(seen > 100, "{seen}");
    }
}
