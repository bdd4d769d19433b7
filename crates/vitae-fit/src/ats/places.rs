//! The places of a resume that hold text an ATS reads (the headline, the summary, every title,
//! bullet, skill and field the renderers show), each with its [`Evidence`]: section, entry,
//! bullet number and the path in the *source* model.
//!
//! The shown resume is the variant's view: its bullets and projects are a selection of the
//! source's and its skill categories are reordered, so its indices are not the source's. [`Align`]
//! maps them back (by equal content), so that evidence always points into the file the user
//! edits.

use super::Evidence;
use vitae_core::date::DateValue;
use vitae_core::model::{Experience, Project, Resume};
use vitae_core::path::{List, ModelPath, ResumePath};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Name, email, phone, location, links: read for characters, not for skills.
    Contact,
    /// The label under the name ("Senior Software Engineer").
    Headline,
    /// The resume's summary.
    Summary,
    /// An entry's description or summary.
    Paragraph,
    /// An entry's title: job title, project name, degree.
    Title,
    /// Any other shown field: company, issuer, thesis, course, category name.
    Field,
    /// A skill item or a project technology.
    Skill,
    Bullet,
    /// A skill a bullet is tagged with in the source: never shown, only evidence of a claim.
    Tag,
    /// A date as written (`2021-03`, `present`, or text that is not a date).
    Date,
}

#[derive(Debug, Clone)]
pub(super) struct Place {
    pub kind: Kind,
    /// The path in the resume walked (the shown one for shown places).
    pub shown_path: String,
    /// Its evidence; `text` is the whole text of the place.
    pub evidence: Evidence,
    /// For [`Kind::Date`]: the date.
    pub date: Option<DateValue>,
}

impl Place {
    pub fn text(&self) -> &str {
        &self.evidence.text
    }
}

pub(super) struct Shown<'r> {
    pub list: Vec<Place>,
    pub align: Align<'r>,
}

/// Every place the variant shows, with source paths.
pub(super) fn shown<'r>(shown: &'r Resume, source: &'r Resume) -> Shown<'r> {
    let align = Align {
        shown,
        source: Some(source),
    };
    let list = Walk::new(&align, false).run();
    Shown { list, align }
}

/// Every place of the source: everything any variant could show, every summary, and the skills
/// bullets are tagged with.
pub(super) fn source(source: &Resume) -> Vec<Place> {
    let align = Align {
        shown: source,
        source: None,
    };
    Walk::new(&align, true).run()
}

/// Maps indices of the shown resume to the source's.
pub(super) struct Align<'r> {
    pub shown: &'r Resume,
    source: Option<&'r Resume>,
}

impl Align<'_> {
    pub fn experience(&self, i: usize) -> usize {
        let Some(source) = self.source else { return i };
        let Some(e) = self.shown.experience.get(i) else {
            return i;
        };
        position(i, e, &source.experience, |a: &Experience, b| {
            a.company == b.company && a.title == b.title && a.start == b.start
        })
    }

    pub fn bullet(&self, i: usize, j: usize) -> usize {
        let Some(source) = self.source else { return j };
        let (Some(e), Some(s)) = (
            self.shown.experience.get(i),
            source.experience.get(self.experience(i)),
        ) else {
            return j;
        };
        let Some(b) = e.bullets.get(j) else { return j };
        // Equal texts: the k-th shown copy is the k-th source copy.
        let nth = e.bullets[..j].iter().filter(|x| x.text == b.text).count();
        s.bullets
            .iter()
            .enumerate()
            .filter(|(_, x)| x.text == b.text)
            .nth(nth)
            .map_or(j, |(k, _)| k)
    }

    pub fn skill_category(&self, c: usize) -> usize {
        let Some(source) = self.source else { return c };
        let Some(cat) = self.shown.skills.get(c) else {
            return c;
        };
        position(c, cat, &source.skills, |a, b| a.name == b.name)
    }

    pub fn skill(&self, c: usize, k: usize) -> usize {
        let Some(source) = self.source else { return k };
        let (Some(cat), Some(src)) = (
            self.shown.skills.get(c),
            source.skills.get(self.skill_category(c)),
        ) else {
            return k;
        };
        let Some(item) = cat.items.get(k) else {
            return k;
        };
        position(k, item, &src.items, |a, b| a.name == b.name)
    }

    pub fn project(&self, p: usize) -> usize {
        let Some(source) = self.source else { return p };
        let Some(project) = self.shown.projects.get(p) else {
            return p;
        };
        position(p, project, &source.projects, |a: &Project, b| {
            a.name == b.name && a.category == b.category
        })
    }

    /// Sections variants never change: the same index, or the first equal entry.
    fn same<T: PartialEq>(&self, i: usize, pick: impl Fn(&Resume) -> &[T]) -> usize {
        let Some(source) = self.source else { return i };
        match pick(self.shown).get(i) {
            Some(item) => position(i, item, pick(source), |a, b| a == b),
            None => i,
        }
    }

    /// Where the shown summary comes from: the base or one of the per-variant summaries.
    pub fn summary_path(&self) -> ModelPath {
        let summary = ResumePath::root().summary();
        let Some(source) = self.source else {
            return summary.base();
        };
        let shown = self.shown.summary.base.as_deref();
        if source.summary.base.as_deref() == shown {
            return summary.base();
        }
        source
            .summary
            .variants
            .iter()
            .find(|(_, text)| Some(text.as_str()) == shown)
            .map_or_else(|| summary.base(), |(key, _)| summary.variants().key(key))
    }
}

fn position<T>(i: usize, item: &T, list: &[T], same: impl Fn(&T, &T) -> bool) -> usize {
    if list.get(i).is_some_and(|x| same(x, item)) {
        return i;
    }
    list.iter().position(|x| same(x, item)).unwrap_or(i)
}

/// The label of an experience entry in evidence: the company, or the title without one.
pub(super) fn job_label(e: &Experience) -> Option<String> {
    non_empty(&e.company).or_else(|| e.title.as_deref().and_then(non_empty))
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// The section of a custom section in evidence: its title.
pub(super) fn custom_title(title: &str) -> String {
    non_empty(title).unwrap_or_else(|| "custom".to_owned())
}

struct Walk<'a> {
    align: &'a Align<'a>,
    /// Walking the source for everything it holds.
    all: bool,
    out: Vec<Place>,
}

/// One place to record: section, entry, bullet number, shown path, source path.
struct At<'s> {
    section: &'s str,
    entry: Option<String>,
    bullet: Option<usize>,
}

impl<'a> Walk<'a> {
    fn new(align: &'a Align<'a>, all: bool) -> Self {
        Walk {
            align,
            all,
            out: Vec::new(),
        }
    }

    /// Records `text` at `paths`: its path in the shown resume and in the source.
    fn push(&mut self, kind: Kind, at: &At<'_>, paths: (ModelPath, ModelPath), text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let (shown_path, path) = paths;
        self.out.push(Place {
            kind,
            shown_path: shown_path.into_string(),
            evidence: Evidence {
                section: at.section.to_owned(),
                entry: at.entry.clone(),
                bullet: at.bullet,
                path: path.into_string(),
                text: text.to_owned(),
                finding: None,
            },
            date: None,
        });
    }

    fn opt(
        &mut self,
        kind: Kind,
        at: &At<'_>,
        paths: (ModelPath, ModelPath),
        text: &Option<String>,
    ) {
        if let Some(t) = text {
            self.push(kind, at, paths, t);
        }
    }

    fn list(
        &mut self,
        kind: Kind,
        at: &At<'_>,
        lists: (List<ModelPath>, List<ModelPath>),
        items: &[String],
    ) {
        for (k, t) in items.iter().enumerate() {
            self.push(kind, at, (lists.0.at(k), lists.1.at(k)), t);
        }
    }

    fn date(&mut self, at: &At<'_>, paths: (ModelPath, ModelPath), date: &Option<DateValue>) {
        if let Some(d) = date {
            let text = match d {
                DateValue::Text(t) => t.clone(),
                other => other.to_string(),
            };
            if text.trim().is_empty() {
                return;
            }
            self.push(Kind::Date, at, paths, &text);
            if let Some(last) = self.out.last_mut() {
                last.date = Some(d.clone());
            }
        }
    }

    fn run(mut self) -> Vec<Place> {
        let r = self.align.shown;
        self.basics(r);
        self.summary(r);
        self.experience(r);
        self.skills(r);
        self.projects(r);
        self.education(r);
        self.certifications(r);
        self.others(r);
        self.out
    }

    fn basics(&mut self, r: &Resume) {
        let b = &r.basics;
        let at = At {
            section: "header",
            entry: None,
            bullet: None,
        };
        let p = ResumePath::root().basics();
        let both = |path: ModelPath| (path.clone(), path);
        let name = (!b.name.trim().is_empty()).then(|| b.name.clone());
        self.opt(Kind::Contact, &at, both(p.name()), &name);
        self.opt(Kind::Headline, &at, both(p.label()), &b.label);
        self.opt(Kind::Contact, &at, both(p.email()), &b.email);
        self.opt(Kind::Contact, &at, both(p.phone()), &b.phone);
        self.opt(Kind::Contact, &at, both(p.url()), &b.url);
        let place = b.location.display();
        self.push(Kind::Contact, &at, both(p.location().path()), &place);
        for (i, profile) in b.profiles.iter().enumerate() {
            let url = p.profiles().at(i).url();
            self.opt(Kind::Contact, &at, both(url), &profile.url);
        }
    }

    fn summary(&mut self, r: &Resume) {
        let at = At {
            section: "summary",
            entry: None,
            bullet: None,
        };
        let p = ResumePath::root().summary();
        if let Some(text) = &r.summary.base {
            let path = self.align.summary_path();
            self.push(Kind::Summary, &at, (p.base(), path), text);
        }
        if self.all {
            for (key, text) in &r.summary.variants {
                let at = At {
                    section: "summary",
                    entry: Some(key.clone()),
                    bullet: None,
                };
                let path = p.variants().key(key);
                self.push(Kind::Summary, &at, (path.clone(), path), text);
            }
        }
    }

    fn experience(&mut self, r: &Resume) {
        let list = ResumePath::root().experience();
        for (i, e) in r.experience.iter().enumerate() {
            let (shown, source) = (list.at(i), list.at(self.align.experience(i)));
            let mut at = At {
                section: "experience",
                entry: job_label(e),
                bullet: None,
            };
            self.opt(Kind::Title, &at, (shown.title(), source.title()), &e.title);
            self.push(
                Kind::Field,
                &at,
                (shown.company(), source.company()),
                &e.company,
            );
            let description = (shown.description(), source.description());
            self.opt(Kind::Paragraph, &at, description, &e.description);
            let summary = (shown.summary(), source.summary());
            self.opt(Kind::Paragraph, &at, summary, &e.summary);
            self.date(&at, (shown.start(), source.start()), &e.start);
            self.date(&at, (shown.end(), source.end()), &e.end);
            for (j, b) in e.bullets.iter().enumerate() {
                let bullet_shown = shown.bullets().at(j);
                let bullet_source = source.bullets().at(self.align.bullet(i, j));
                at.bullet = Some(j + 1);
                let paths = (bullet_shown.path(), bullet_source.path());
                self.push(Kind::Bullet, &at, paths, &b.text);
                if self.all {
                    let tags = (bullet_shown.skills(), bullet_source.skills());
                    self.list(Kind::Tag, &at, tags, &b.skills);
                }
            }
        }
    }

    fn skills(&mut self, r: &Resume) {
        let list = ResumePath::root().skills();
        for (c, cat) in r.skills.iter().enumerate() {
            let (shown, source) = (list.at(c), list.at(self.align.skill_category(c)));
            let at = At {
                section: "skills",
                entry: non_empty(&cat.name),
                bullet: None,
            };
            self.push(Kind::Field, &at, (shown.name(), source.name()), &cat.name);
            for (k, s) in cat.items.iter().enumerate() {
                let item_shown = shown.items().at(k);
                let item_source = source.items().at(self.align.skill(c, k));
                self.push(
                    Kind::Skill,
                    &at,
                    (item_shown.path(), item_source.path()),
                    &s.name,
                );
                let keywords = (item_shown.keywords(), item_source.keywords());
                self.list(Kind::Skill, &at, keywords, &s.keywords);
            }
        }
    }

    fn projects(&mut self, r: &Resume) {
        let list = ResumePath::root().projects();
        for (p, project) in r.projects.iter().enumerate() {
            let (shown, source) = (list.at(p), list.at(self.align.project(p)));
            let mut at = At {
                section: "projects",
                entry: non_empty(&project.name),
                bullet: None,
            };
            self.push(
                Kind::Title,
                &at,
                (shown.name(), source.name()),
                &project.name,
            );
            self.opt(
                Kind::Field,
                &at,
                (shown.entity(), source.entity()),
                &project.entity,
            );
            let description = (shown.description(), source.description());
            self.opt(Kind::Paragraph, &at, description, &project.description);
            let technologies = (shown.technologies(), source.technologies());
            self.list(Kind::Skill, &at, technologies, &project.technologies);
            self.list(
                Kind::Field,
                &at,
                (shown.roles(), source.roles()),
                &project.roles,
            );
            self.date(&at, (shown.start(), source.start()), &project.start);
            self.date(&at, (shown.end(), source.end()), &project.end);
            for (j, h) in project.highlights.iter().enumerate() {
                at.bullet = Some(j + 1);
                let paths = (shown.highlights().at(j), source.highlights().at(j));
                self.push(Kind::Bullet, &at, paths, h);
            }
        }
    }

    fn education(&mut self, r: &Resume) {
        let list = ResumePath::root().education();
        for (i, e) in r.education.iter().enumerate() {
            let (shown, source) = (list.at(i), list.at(self.align.same(i, |r| &r.education)));
            let at = At {
                section: "education",
                entry: non_empty(&e.institution),
                bullet: None,
            };
            self.opt(
                Kind::Title,
                &at,
                (shown.degree(), source.degree()),
                &e.degree,
            );
            self.opt(Kind::Title, &at, (shown.field(), source.field()), &e.field);
            let institution = (shown.institution(), source.institution());
            self.push(Kind::Field, &at, institution, &e.institution);
            self.opt(
                Kind::Field,
                &at,
                (shown.thesis(), source.thesis()),
                &e.thesis,
            );
            self.list(
                Kind::Field,
                &at,
                (shown.courses(), source.courses()),
                &e.courses,
            );
            self.list(
                Kind::Field,
                &at,
                (shown.honors(), source.honors()),
                &e.honors,
            );
            self.date(&at, (shown.start(), source.start()), &e.start);
            self.date(&at, (shown.end(), source.end()), &e.end);
        }
    }

    fn certifications(&mut self, r: &Resume) {
        let list = ResumePath::root().certifications();
        for (i, c) in r.certifications.iter().enumerate() {
            let source = list.at(self.align.same(i, |r| &r.certifications));
            let shown = list.at(i);
            let at = At {
                section: "certifications",
                entry: non_empty(&c.name),
                bullet: None,
            };
            self.push(Kind::Title, &at, (shown.name(), source.name()), &c.name);
            self.opt(
                Kind::Field,
                &at,
                (shown.issuer(), source.issuer()),
                &c.issuer,
            );
            self.date(&at, (shown.date(), source.date()), &c.date);
            self.date(&at, (shown.expires(), source.expires()), &c.expires);
        }
    }

    /// Publications, awards, volunteer work, languages, interests, affiliations, references and
    /// custom sections.
    fn others(&mut self, r: &Resume) {
        let root = ResumePath::root();
        for (i, p) in r.publications.iter().enumerate() {
            let list = root.publications();
            let (shown, source) = (list.at(i), list.at(self.align.same(i, |r| &r.publications)));
            let at = At {
                section: "publications",
                entry: non_empty(&p.name),
                bullet: None,
            };
            self.push(Kind::Title, &at, (shown.name(), source.name()), &p.name);
            self.opt(
                Kind::Paragraph,
                &at,
                (shown.summary(), source.summary()),
                &p.summary,
            );
            self.date(&at, (shown.date(), source.date()), &p.date);
        }
        for (i, a) in r.awards.iter().enumerate() {
            let list = root.awards();
            let (shown, source) = (list.at(i), list.at(self.align.same(i, |r| &r.awards)));
            let at = At {
                section: "awards",
                entry: non_empty(&a.title),
                bullet: None,
            };
            self.push(Kind::Title, &at, (shown.title(), source.title()), &a.title);
            self.opt(
                Kind::Paragraph,
                &at,
                (shown.summary(), source.summary()),
                &a.summary,
            );
            self.date(&at, (shown.date(), source.date()), &a.date);
        }
        for (i, v) in r.volunteer.iter().enumerate() {
            let list = root.volunteer();
            let (shown, source) = (list.at(i), list.at(self.align.same(i, |r| &r.volunteer)));
            let mut at = At {
                section: "volunteer",
                entry: non_empty(&v.organization),
                bullet: None,
            };
            self.opt(
                Kind::Title,
                &at,
                (shown.position(), source.position()),
                &v.position,
            );
            self.opt(
                Kind::Paragraph,
                &at,
                (shown.summary(), source.summary()),
                &v.summary,
            );
            self.date(&at, (shown.start(), source.start()), &v.start);
            self.date(&at, (shown.end(), source.end()), &v.end);
            for (j, h) in v.highlights.iter().enumerate() {
                at.bullet = Some(j + 1);
                let paths = (shown.highlights().at(j), source.highlights().at(j));
                self.push(Kind::Bullet, &at, paths, h);
            }
        }
        for (i, l) in r.languages.iter().enumerate() {
            let list = root.languages();
            let (shown, source) = (list.at(i), list.at(self.align.same(i, |r| &r.languages)));
            let at = At {
                section: "languages",
                entry: None,
                bullet: None,
            };
            let paths = (shown.language(), source.language());
            self.push(Kind::Field, &at, paths, &l.language);
        }
        for (i, x) in r.interests.iter().enumerate() {
            let list = root.interests();
            let (shown, source) = (list.at(i), list.at(self.align.same(i, |r| &r.interests)));
            let at = At {
                section: "interests",
                entry: non_empty(&x.name),
                bullet: None,
            };
            self.push(Kind::Field, &at, (shown.name(), source.name()), &x.name);
            self.list(
                Kind::Field,
                &at,
                (shown.keywords(), source.keywords()),
                &x.keywords,
            );
        }
        for (i, a) in r.affiliations.iter().enumerate() {
            let list = root.affiliations();
            let (shown, source) = (list.at(i), list.at(self.align.same(i, |r| &r.affiliations)));
            let at = At {
                section: "affiliations",
                entry: non_empty(&a.organization),
                bullet: None,
            };
            self.opt(Kind::Title, &at, (shown.role(), source.role()), &a.role);
            let organization = (shown.organization(), source.organization());
            self.push(Kind::Field, &at, organization, &a.organization);
            self.date(&at, (shown.start(), source.start()), &a.start);
            self.date(&at, (shown.end(), source.end()), &a.end);
        }
        for (s, section) in r.custom_sections.iter().enumerate() {
            let title = custom_title(&section.title);
            let sections = root.custom_sections();
            let (shown_section, source_section) = (
                sections.at(s),
                sections.at(self.align.same(s, |r| &r.custom_sections)),
            );
            for (i, e) in section.entries.iter().enumerate() {
                let shown = shown_section.entries().at(i);
                let source = source_section.entries().at(i);
                let mut at = At {
                    section: &title,
                    entry: e.title.as_deref().and_then(non_empty),
                    bullet: None,
                };
                self.opt(Kind::Title, &at, (shown.title(), source.title()), &e.title);
                self.opt(
                    Kind::Field,
                    &at,
                    (shown.subtitle(), source.subtitle()),
                    &e.subtitle,
                );
                self.opt(
                    Kind::Paragraph,
                    &at,
                    (shown.summary(), source.summary()),
                    &e.summary,
                );
                self.date(&at, (shown.start(), source.start()), &e.start);
                self.date(&at, (shown.end(), source.end()), &e.end);
                for (j, b) in e.bullets.iter().enumerate() {
                    at.bullet = Some(j + 1);
                    let paths = (shown.bullets().at(j), source.bullets().at(j));
                    self.push(Kind::Bullet, &at, paths, b);
                }
            }
        }
    }
}
