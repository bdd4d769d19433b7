//! The native format: the `resume.yaml` shape of the resume-cli tool (`contact`,
//! `professional_summary` with per-variant summaries, `skills` by category, `experience` with bullets
//! tagged `emphasize_for`, categorized `projects`, `variants`, ...), extended with a home for every
//! JSON Resume field so that conversions lose nothing.

use super::read::{Cx, Obj, index, join};
use crate::date::DateValue;
use crate::design::{self, Columns, DateStyle, Design, LinkStyle, Paper, SectionTitles, Theme};
use crate::model::*;
use crate::node::{Node, Value};
use crate::rich::Inline;
use serde_json::{Map, Value as J, json};

pub const TOP_KEYS: &[&str] = &[
    "meta",
    "contact",
    "professional_summary",
    // A plain `summary:` (resume-cli's API examples write it) is the base summary.
    "summary",
    "skills",
    "experience",
    "education",
    "projects",
    "certifications",
    "publications",
    "awards",
    "languages",
    "interests",
    "volunteer",
    "references",
    "affiliations",
    "custom_sections",
    "section_order",
    "section_titles",
    "variants",
    "design",
];
pub(crate) const META: &[&str] = &["version", "author", "last_updated", "canonical", "schema"];
/// `design:`: the command line's style options, kept with the resume.
pub const DESIGN: &[&str] = &[
    "theme",
    "page",
    "pages",
    "accent",
    "font",
    "font_size",
    "margin",
    "section_titles",
    "columns",
    "dates",
    "links",
    "page_numbers",
    "last_updated",
    "icons",
    "photo",
];
pub(crate) const CONTACT: &[&str] = &[
    "name",
    "credentials",
    "title",
    "email",
    "phone",
    "website",
    "image",
    "location",
    "urls",
    "profiles",
];
pub(crate) const LOCATION: &[&str] = &[
    "address",
    "city",
    "state",
    "region",
    "zip",
    "postal_code",
    "country",
];
pub(crate) const PROFILE: &[&str] = &["network", "username", "url"];
pub(crate) const SUMMARY: &[&str] = &["base", "variants"];
pub(crate) const SKILL_CATEGORY: &[&str] = &["level", "items"];
// `services` is resume-cli's name for what a skill covers (`AWS: [EKS, EC2]`).
pub(crate) const SKILL: &[&str] = &[
    "name",
    "level",
    "years",
    "keywords",
    "services",
    "emphasize_for",
];
pub const EXPERIENCE_KEYS: &[&str] = &[
    "company",
    "title",
    "location",
    "description",
    "url",
    "start_date",
    "end_date",
    "current",
    "summary",
    "bullets",
];
pub(crate) const BULLET: &[&str] = &["text", "skills", "emphasize_for"];
pub(crate) const EDUCATION: &[&str] = &[
    "institution",
    "degree",
    "field",
    "location",
    "url",
    "start_date",
    "end_date",
    // resume-cli's name for the end of a degree.
    "graduation_date",
    "gpa",
    "score",
    "courses",
    "thesis",
    "honors",
    "highlights",
];
pub(crate) const PROJECT: &[&str] = &[
    "name",
    "description",
    "url",
    "technologies",
    "highlights",
    "start_date",
    "end_date",
    "roles",
    "entity",
    "type",
    "emphasize_for",
];
// `year` and `license_number` are resume-cli's names for the date and the credential.
pub(crate) const CERTIFICATION: &[&str] = &[
    "name",
    "issuer",
    "date",
    "year",
    "expires",
    "url",
    "credential_id",
    "license_number",
];
pub(crate) const PUBLICATION: &[&str] = &[
    "title",
    "authors",
    "type",
    "journal",
    "conference",
    "volume",
    "pages",
    "location",
    "publisher",
    "date",
    // resume-cli writes the year alone.
    "year",
    "url",
    "doi",
    "summary",
];
pub(crate) const AWARD: &[&str] = &["title", "date", "awarder", "summary"];
pub(crate) const LANGUAGE: &[&str] = &["language", "fluency"];
pub(crate) const INTEREST: &[&str] = &["name", "keywords"];
pub(crate) const VOLUNTEER: &[&str] = &[
    "organization",
    "position",
    "url",
    "start_date",
    "end_date",
    "summary",
    "highlights",
];
pub(crate) const REFERENCE: &[&str] = &["name", "reference"];
// resume-cli writes `name` and `years: 2015-Present` too.
pub(crate) const AFFILIATION: &[&str] = &[
    "organization",
    "name",
    "years",
    "role",
    "location",
    "start_date",
    "end_date",
    "url",
];
pub(crate) const CUSTOM_SECTION: &[&str] = &["title", "entries"];
pub(crate) const CUSTOM_ENTRY: &[&str] = &[
    "title",
    "subtitle",
    "location",
    "date",
    "start_date",
    "end_date",
    "url",
    "summary",
    "bullets",
];
pub(crate) const VARIANT: &[&str] = &[
    "description",
    "summary_key",
    "skill_sections",
    "max_bullets_per_job",
    "emphasize_keywords",
    "project_categories",
    "include_tags",
    "exclude_tags",
];

/// The `design:` mapping (also JSON Resume's `x-vitae.design`).
pub(crate) fn read_design(cx: &mut Cx, d: &Obj) -> Design {
    Design {
        theme: d.choice(cx, &["theme"], "theme"),
        paper: d.choice(cx, &["page"], "paper"),
        pages: d.checked(cx, &["pages"], "pages", Obj::count, |p| {
            if p <= design::MAX_PAGES {
                Ok(p)
            } else {
                Err(format!("{p} pages is outside 1–{}", design::MAX_PAGES))
            }
        }),
        accent: d.checked(cx, &["accent"], "accent", Obj::text, |c| design::colour(&c)),
        font: d.checked(cx, &["font"], "font", Obj::text, |f| {
            design::font(&f).map(str::to_owned)
        }),
        font_size: d.checked(cx, &["font_size"], "font_size", Obj::number, |n| {
            design::in_range(n, &design::FONT_SIZES, "font size", "pt")
        }),
        margin_mm: d.checked(cx, &["margin"], "margin_mm", Obj::number, |n| {
            design::in_range(n, &design::MARGINS_MM, "margin", "mm")
        }),
        section_titles: d.choice(cx, &["section_titles"], "section_titles"),
        columns: d.choice(cx, &["columns"], "columns"),
        dates: d.choice(cx, &["dates"], "dates"),
        links: d.choice(cx, &["links"], "links"),
        page_numbers: d.flag(cx, &["page_numbers"], "page_numbers"),
        last_updated: d.flag(cx, &["last_updated"], "last_updated"),
        icons: d.flag(cx, &["icons"], "icons"),
        photo: d.flag(cx, &["photo"], "photo"),
        extra: d.extra(),
    }
}

/// The `design:` mapping as the native format writes it (empty: nothing to write).
pub(crate) fn write_design(d: &Design) -> J {
    let name = |c: Option<&'static str>| c.map(str::to_owned);
    let flag = |b: Option<bool>| b.map_or(J::Null, J::Bool);
    let number = |n: Option<f64>| n.map_or(J::Null, |n| json!(n));
    ObjBuilder::new()
        .s("theme", &name(d.theme.map(Theme::name)))
        .s("page", &name(d.paper.map(Paper::name)))
        .val("pages", d.pages.map_or(J::Null, |p| json!(p)))
        .s("accent", &d.accent)
        .s("font", &d.font)
        .val("font_size", number(d.font_size))
        .val("margin", number(d.margin_mm))
        .s(
            "section_titles",
            &name(d.section_titles.map(SectionTitles::name)),
        )
        .s("columns", &name(d.columns.map(Columns::name)))
        .s("dates", &name(d.dates.map(DateStyle::name)))
        .s("links", &name(d.links.map(LinkStyle::name)))
        .val("page_numbers", flag(d.page_numbers))
        .val("last_updated", flag(d.last_updated))
        .val("icons", flag(d.icons))
        .val("photo", flag(d.photo))
        .extra(&d.extra)
        .build()
}

/// Reads a native document. Problems go to `cx`; the returned resume holds whatever was readable.
pub fn read(cx: &mut Cx, root: &Node) -> Resume {
    let mut r = Resume::default();
    let Some(top) = Obj::new(cx, root, String::new(), String::new(), TOP_KEYS) else {
        if root.is_null() {
            cx.diags.error(
                "",
                root.pos,
                "the document is empty",
                Some("start from `vitae init`, which writes a complete example".into()),
            );
        }
        return r;
    };

    if let Some(m) = top.obj(cx, &["meta"], "meta", META) {
        r.meta = Meta {
            version: m.text(cx, &["version"], "version"),
            author: m.text(cx, &["author"], "author"),
            last_updated: m.text(cx, &["last_updated"], "last_updated"),
            canonical: m.text(cx, &["canonical"], "canonical"),
            schema: m.text(cx, &["schema"], "schema"),
            extra: m.extra(),
        };
    }

    if let Some(d) = top.obj(cx, &["design"], "design", DESIGN) {
        r.design = read_design(cx, &d);
    }

    match top.obj(cx, &["contact"], "basics", CONTACT) {
        Some(c) => r.basics = read_contact(cx, &c),
        None => cx.diags.error(
            "contact",
            root.pos,
            "missing required section `contact`",
            Some("add `contact:` with at least `name` and `email`".into()),
        ),
    }

    const SUMMARY_KEYS: &[&str] = &["professional_summary", "summary"];
    if let Some((key, node)) = top.get(SUMMARY_KEYS) {
        top.shadowed(cx, SUMMARY_KEYS, key);
        r.summary = read_summary(cx, key, node);
    }

    if let Some((key, node)) = top.get(&["skills"]) {
        r.skills = read_skills(cx, node, key);
    }

    r.experience = top.list(cx, &["experience"], "experience", |cx, n, src, model| {
        let o = Obj::new(cx, n, src, model, EXPERIENCE_KEYS)?;
        let ended = o.get(&["end_date"]).is_some();
        let explicit_current = o
            .get(&["current"])
            .is_some_and(|(_, n)| n.value == Value::Bool(true));
        let mut end = o.date(cx, &["end_date"], "end");
        // resume-cli writes `end_date: null` (or leaves it out) for the current job.
        if explicit_current || !ended {
            end = Some(DateValue::Present);
        }
        Some(Experience {
            company: o.required_text(cx, &["company"], "company"),
            title: o.text(cx, &["title"], "title"),
            location: o.text(cx, &["location"], "location"),
            description: o.rich(cx, &["description"], "description"),
            url: o.text(cx, &["url"], "url"),
            start: o.date(cx, &["start_date"], "start"),
            end,
            summary: o.rich(cx, &["summary"], "summary"),
            bullets: o.list(cx, &["bullets"], "bullets", read_bullet),
            extra: o.extra(),
        })
    });

    r.education = top.list(cx, &["education"], "education", |cx, n, src, model| {
        let o = Obj::new(cx, n, src, model, EDUCATION)?;
        Some(Education {
            institution: o.required_text(cx, &["institution"], "institution"),
            degree: o.text(cx, &["degree"], "degree"),
            field: o.text(cx, &["field"], "field"),
            location: o.text(cx, &["location"], "location"),
            url: o.text(cx, &["url"], "url"),
            start: o.date(cx, &["start_date"], "start"),
            end: o.date(cx, &["end_date", "graduation_date"], "end"),
            score: o.text(cx, &["gpa", "score"], "score"),
            courses: o.text_list(cx, &["courses"], "courses"),
            thesis: o.text(cx, &["thesis"], "thesis"),
            honors: o.rich_list(cx, &["honors"], "honors"),
            highlights: o.rich_list(cx, &["highlights"], "highlights"),
            extra: o.extra(),
        })
    });

    if let Some((key, node)) = top.get(&["projects"]) {
        r.projects = read_projects(cx, node, key);
    }

    r.certifications = top.list(
        cx,
        &["certifications"],
        "certifications",
        |cx, n, src, model| {
            let o = Obj::new(cx, n, src, model, CERTIFICATION)?;
            Some(Certification {
                name: o.required_text(cx, &["name"], "name"),
                issuer: o.text(cx, &["issuer"], "issuer"),
                date: o.date(cx, &["date", "year"], "date"),
                expires: o.date(cx, &["expires"], "expires"),
                url: o.text(cx, &["url"], "url"),
                credential_id: o.text(cx, &["credential_id", "license_number"], "credential_id"),
                extra: o.extra(),
            })
        },
    );

    r.publications = top.list(
        cx,
        &["publications"],
        "publications",
        |cx, n, src, model| {
            let o = Obj::new(cx, n, src, model, PUBLICATION)?;
            let mut p = Publication {
                name: o.required_text(cx, &["title"], "name"),
                authors: o.text_list(cx, &["authors"], "authors"),
                publisher: o.text(cx, &["publisher"], "publisher"),
                date: o.date(cx, &["date", "year"], "date"),
                url: o.text(cx, &["url"], "url"),
                doi: o.text(cx, &["doi"], "doi"),
                summary: o.rich(cx, &["summary"], "summary"),
                extra: o.extra(),
                ..Publication::default()
            };
            read_venue(cx, &o, &mut p);
            Some(p)
        },
    );

    r.awards = top.list(cx, &["awards"], "awards", |cx, n, src, model| {
        let o = Obj::new(cx, n, src, model, AWARD)?;
        Some(Award {
            title: o.required_text(cx, &["title"], "title"),
            date: o.date(cx, &["date"], "date"),
            awarder: o.text(cx, &["awarder"], "awarder"),
            summary: o.rich(cx, &["summary"], "summary"),
            extra: o.extra(),
        })
    });

    r.languages = top.list(cx, &["languages"], "languages", |cx, n, src, model| {
        // `- English` is accepted as shorthand for `- language: English`.
        if let Some(t) = n.scalar_text() {
            return Some(Language {
                language: t,
                ..Language::default()
            });
        }
        let o = Obj::new(cx, n, src, model, LANGUAGE)?;
        Some(Language {
            language: o.required_text(cx, &["language"], "language"),
            fluency: o.text(cx, &["fluency"], "fluency"),
            extra: o.extra(),
        })
    });

    r.interests = top.list(cx, &["interests"], "interests", |cx, n, src, model| {
        if let Some(t) = n.scalar_text() {
            return Some(Interest {
                name: t,
                ..Interest::default()
            });
        }
        let o = Obj::new(cx, n, src, model, INTEREST)?;
        Some(Interest {
            name: o.required_text(cx, &["name"], "name"),
            keywords: o.text_list(cx, &["keywords"], "keywords"),
            extra: o.extra(),
        })
    });

    r.volunteer = top.list(cx, &["volunteer"], "volunteer", |cx, n, src, model| {
        let o = Obj::new(cx, n, src, model, VOLUNTEER)?;
        Some(Volunteer {
            organization: o.required_text(cx, &["organization"], "organization"),
            position: o.text(cx, &["position"], "position"),
            url: o.text(cx, &["url"], "url"),
            start: o.date(cx, &["start_date"], "start"),
            end: o.date(cx, &["end_date"], "end"),
            summary: o.rich(cx, &["summary"], "summary"),
            highlights: o.rich_list(cx, &["highlights"], "highlights"),
            extra: o.extra(),
        })
    });

    r.references = top.list(cx, &["references"], "references", |cx, n, src, model| {
        let o = Obj::new(cx, n, src, model, REFERENCE)?;
        Some(Reference {
            name: o.required_text(cx, &["name"], "name"),
            reference: o.text(cx, &["reference"], "reference"),
            extra: o.extra(),
        })
    });

    r.affiliations = top.list(
        cx,
        &["affiliations"],
        "affiliations",
        |cx, n, src, model| {
            let o = Obj::new(cx, n, src, model, AFFILIATION)?;
            let (mut start, mut end) = (
                o.date(cx, &["start_date"], "start"),
                o.date(cx, &["end_date"], "end"),
            );
            if start.is_none()
                && end.is_none()
                && let Some(years) = o.text(cx, &["years"], "start")
            {
                (start, end) = years_range(&years);
            }
            Some(Affiliation {
                organization: o.required_text(cx, &["organization", "name"], "organization"),
                role: o.text(cx, &["role"], "role"),
                location: o.text(cx, &["location"], "location"),
                start,
                end,
                url: o.text(cx, &["url"], "url"),
                extra: o.extra(),
            })
        },
    );

    r.custom_sections = top.list(
        cx,
        &["custom_sections"],
        "custom_sections",
        |cx, n, src, model| {
            let o = Obj::new(cx, n, src, model, CUSTOM_SECTION)?;
            Some(CustomSection {
                title: o.required_text(cx, &["title"], "title"),
                entries: o.list(cx, &["entries"], "entries", |cx, n, src, model| {
                    if let Some(t) = n.scalar_text() {
                        return Some(CustomEntry {
                            bullets: vec![cx.rich(t)],
                            ..CustomEntry::default()
                        });
                    }
                    let e = Obj::new(cx, n, src, model, CUSTOM_ENTRY)?;
                    Some(CustomEntry {
                        title: e.text(cx, &["title"], "title"),
                        subtitle: e.text(cx, &["subtitle"], "subtitle"),
                        location: e.text(cx, &["location"], "location"),
                        date: e.text(cx, &["date"], "date"),
                        start: e.date(cx, &["start_date"], "start"),
                        end: e.date(cx, &["end_date"], "end"),
                        url: e.text(cx, &["url"], "url"),
                        summary: e.rich(cx, &["summary"], "summary"),
                        bullets: e.rich_list(cx, &["bullets"], "bullets"),
                    })
                }),
            })
        },
    );

    read_sections(cx, &top, &mut r);
    r.extra = top.extra();
    if let Some(v) = top.obj(cx, &["variants"], "variants", &[]) {
        for entry in v.entries() {
            let src = join("variants", &entry.key);
            let model = join("variants", &entry.key);
            let variant = if entry.value.is_null() {
                Some(Variant::default())
            } else {
                Obj::new(cx, &entry.value, src, model, VARIANT).map(|o| read_variant(cx, &o))
            };
            if let Some(variant) = variant {
                r.variants.insert(entry.key.clone(), variant);
            }
        }
    }
    r
}

/// `section_order: [experience, education, Patents]` (built-in sections by name, custom ones by
/// title) and `section_titles: {awards: Selected Honors}`: the author's order and headings.
fn read_sections(cx: &mut Cx, top: &Obj<'_>, r: &mut Resume) {
    use crate::Section;
    let known = || {
        let mut names: Vec<String> = Section::ALL
            .iter()
            .filter(|s| **s != Section::Custom)
            .map(|s| s.name().to_owned())
            .collect();
        names.extend(r.custom_sections.iter().map(|c| format!("`{}`", c.title)));
        names.join(", ")
    };
    if let Some((key, node)) = top.get(&["section_order"]) {
        let items: &[Node] = match &node.value {
            Value::Seq(items) => items,
            _ => {
                cx.type_error(key, node, "a list of section names");
                &[]
            }
        };
        for (i, n) in items.iter().enumerate() {
            let at = index(key, i);
            // `{custom: Publications}` names a custom section whose title is also a built-in
            // section's name; a bare name is a built-in section first, else a custom title.
            let (name, custom_only) = match n.get("custom").and_then(Node::scalar_text) {
                Some(title) => (title, true),
                None => match n.scalar_text() {
                    Some(name) => (name, false),
                    None => {
                        cx.type_error(&at, n, "a section name or `{custom: title}`");
                        continue;
                    }
                },
            };
            // Two custom sections with one title are told apart by their order.
            let custom = |r: &Resume| {
                r.custom_sections
                    .iter()
                    .enumerate()
                    .position(|(k, c)| {
                        c.title == name && !r.section_order.iter().any(|s| s.custom == Some(k))
                    })
                    .map(|k| SectionRef {
                        section: Section::Custom,
                        custom: Some(k),
                    })
            };
            let found = match name.parse::<Section>() {
                Ok(section) if section != Section::Custom && !custom_only => Some(SectionRef {
                    section,
                    custom: None,
                }),
                _ => custom(r),
            };
            match found {
                Some(s) if !r.section_order.contains(&s) => r.section_order.push(s),
                Some(_) => {}
                None => {
                    let hint = format!("sections: {}", known());
                    cx.diags.warning(
                        &at,
                        n.pos,
                        format!("`{name}` names no section of this resume; it is left out"),
                        Some(hint),
                    );
                }
            }
        }
    }
    if let Some((key, node)) = top.get(&["section_titles"]) {
        let Some(entries) = node.as_map() else {
            cx.type_error(key, node, "a mapping of section names to titles");
            return;
        };
        for e in entries {
            let at = join(key, &e.key);
            let section = e
                .key
                .parse::<Section>()
                .ok()
                .filter(|s| *s != Section::Custom);
            match (section, e.value.scalar_text()) {
                (Some(section), Some(title)) => {
                    r.section_titles.insert(section, title);
                }
                (None, _) => cx.diags.warning(
                    &at,
                    e.key_pos,
                    format!("`{}` is no built-in section; its title is not used", e.key),
                    Some("a custom section's title is its own `title`".into()),
                ),
                (_, None) => cx.type_error(&at, &e.value, "a title"),
            }
        }
    }
}

/// Where a publication appeared (`type`, `journal`, `conference`, `volume`, `pages`,
/// `location`): the same keys in the native format and in JSON Resume's extension, read by one
/// reader as `ObjBuilder::venue` writes them.
pub(crate) fn read_venue(cx: &mut Cx, o: &Obj<'_>, p: &mut Publication) {
    p.kind = o.text(cx, &["type"], "kind");
    p.journal = o.text(cx, &["journal"], "journal");
    p.conference = o.text(cx, &["conference"], "conference");
    p.volume = o.text(cx, &["volume"], "volume");
    p.pages = o.text(cx, &["pages"], "pages");
    p.location = o.text(cx, &["location"], "location");
}

/// resume-cli's `years: "2015-Present"` (or `2015 - 2019`, or `2015`) as a start and an end; text
/// that is no range stays whole as the start, shown as written.
fn years_range(years: &str) -> (Option<DateValue>, Option<DateValue>) {
    let parts: Vec<&str> = years.split(['-', '–', '—']).map(str::trim).collect();
    match parts.as_slice() {
        [start, end] if !start.is_empty() && !end.is_empty() => {
            let (start, end) = (DateValue::parse(start), DateValue::parse(end));
            if matches!(start, DateValue::Date(_)) && !matches!(end, DateValue::Text(_)) {
                return (Some(start), Some(end));
            }
            (Some(DateValue::Text(years.to_owned())), None)
        }
        _ => (Some(DateValue::parse(years)), None),
    }
}

fn read_contact(cx: &mut Cx, c: &Obj<'_>) -> Basics {
    let mut b = Basics {
        name: c.required_text(cx, &["name"], "name"),
        credentials: c.text_list(cx, &["credentials"], "credentials"),
        label: c.text(cx, &["title"], "label"),
        email: c.text(cx, &["email"], "email"),
        phone: c.text(cx, &["phone"], "phone"),
        url: c.text(cx, &["website"], "url"),
        image: c.text(cx, &["image"], "image"),
        extra: c.extra(),
        ..Basics::default()
    };
    if let Some((key, node)) = c.get(&["location"]) {
        if let Some(t) = node.scalar_text() {
            // `location: "Austin, TX"` is common shorthand; keep it whole as the city line.
            b.location.city = Some(t);
        } else if let Some(l) = Obj::new(
            cx,
            node,
            join(&c.src, key),
            join(&c.model, "location"),
            LOCATION,
        ) {
            b.location = Location {
                address: l.text(cx, &["address"], "address"),
                city: l.text(cx, &["city"], "city"),
                region: l.text(cx, &["region", "state"], "region"),
                postal_code: l.text(cx, &["postal_code", "zip"], "postal_code"),
                country: l.text(cx, &["country"], "country"),
                extra: l.extra(),
            };
        }
    }
    // `urls: {linkedin: ..., github: ...}`: each entry is a profile named by its key; `website`
    // and `portfolio` become the personal URL when `website` is not set directly.
    if let Some(u) = c.obj(cx, &["urls"], "profiles", &[]) {
        for e in u.entries() {
            let src = join(&u.src, &e.key);
            let Some(url) = e.value.scalar_text() else {
                if !e.value.is_null() {
                    cx.type_error(&src, &e.value, "a URL");
                }
                continue;
            };
            let lower = e.key.to_ascii_lowercase();
            if (lower == "website" || lower == "portfolio" || lower == "homepage")
                && b.url.is_none()
            {
                cx.map.insert(join(&c.model, "url"), src, e.value.pos);
                b.url = Some(url);
            } else {
                cx.map.insert(
                    index(&join(&c.model, "profiles"), b.profiles.len()),
                    src,
                    e.value.pos,
                );
                b.profiles.push(Profile {
                    network: network_name(&e.key),
                    username: username_from_url(&url),
                    url: Some(url),
                    extra: Default::default(),
                });
            }
        }
    }
    let offset = b.profiles.len();
    let listed = c.list(cx, &["profiles"], "profiles", |cx, n, src, model| {
        let o = Obj::new(cx, n, src, model, PROFILE)?;
        Some(Profile {
            network: o.required_text(cx, &["network"], "network"),
            username: o.text(cx, &["username"], "username"),
            url: o.text(cx, &["url"], "url"),
            extra: o.extra(),
        })
    });
    if offset > 0 && !listed.is_empty() {
        // Both `urls` and `profiles`: re-point the listed profiles' paths past the `urls` ones.
        for i in 0..listed.len() {
            let (src, pos) = cx.map.resolve(&index(&join(&c.model, "profiles"), i));
            cx.map
                .insert(index(&join(&c.model, "profiles"), offset + i), src, pos);
        }
    }
    b.profiles.extend(listed);
    b
}

/// `linkedin` → `LinkedIn`, for the well-known networks; other keys keep their spelling.
fn network_name(key: &str) -> String {
    const KNOWN: &[&str] = &[
        "LinkedIn",
        "GitHub",
        "GitLab",
        "Twitter",
        "X",
        "Mastodon",
        "Bluesky",
        "StackOverflow",
        "ORCID",
        "Medium",
        "YouTube",
        "Kaggle",
        "Dribbble",
        "Behance",
    ];
    KNOWN
        .iter()
        .find(|k| k.eq_ignore_ascii_case(key))
        .map_or_else(|| key.to_owned(), |k| (*k).to_owned())
}

/// The last path segment of a profile URL (`https://github.com/ada` → `ada`).
fn username_from_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let last = rest.split('/').skip(1).filter(|s| !s.is_empty()).last()?;
    let last = last.split(['?', '#']).next().unwrap_or(last);
    (!last.is_empty()).then(|| last.trim_start_matches('@').to_owned())
}

fn read_summary(cx: &mut Cx, key: &str, node: &Node) -> Summary {
    // `professional_summary: "text"` is accepted as the base summary.
    if let Some(t) = node.scalar_text() {
        cx.map.insert("summary.base".into(), key.into(), node.pos);
        return Summary {
            base: Some(cx.rich(t)),
            ..Summary::default()
        };
    }
    let mut s = Summary::default();
    let Some(o) = Obj::new(cx, node, key.into(), "summary".into(), SUMMARY) else {
        return s;
    };
    s.base = o.rich(cx, &["base"], "base");
    if let Some(v) = o.obj(cx, &["variants"], "variants", &[]) {
        for e in v.entries() {
            let src = join(&v.src, &e.key);
            cx.map
                .insert(join(&v.model, &e.key), src.clone(), e.value.pos);
            match e.value.scalar_text() {
                Some(t) => {
                    s.variants.insert(e.key.clone(), cx.rich(t));
                }
                None => cx.type_error(&src, &e.value, "text"),
            }
        }
    }
    s
}

fn read_skills(cx: &mut Cx, node: &Node, key: &str) -> Vec<SkillCategory> {
    let Some(cats) = Obj::new(cx, node, key.into(), "skills".into(), &[]) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (ci, e) in cats.entries().iter().enumerate() {
        let src = join(&cats.src, &e.key);
        let model = index("skills", ci);
        cx.map.insert(model.clone(), src.clone(), e.key_pos);
        let mut cat = SkillCategory {
            name: e.key.clone(),
            ..SkillCategory::default()
        };
        let items_node = match &e.value.value {
            Value::Seq(_) => Some((&e.value, src.clone())),
            Value::Map(_) => {
                let o = Obj::new(cx, &e.value, src.clone(), model.clone(), SKILL_CATEGORY);
                o.and_then(|o| {
                    cat.level = o.text(cx, &["level"], "level");
                    cat.extra = o.extra();
                    o.get(&["items"]).map(|(_, n)| (n, join(&src, "items")))
                })
            }
            Value::Null => None,
            _ => {
                // `Languages: Python, Go, SQL` — a comma-separated line.
                if let Some(t) = e.value.scalar_text() {
                    cat.items = t
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| Skill {
                            name: s.to_owned(),
                            ..Skill::default()
                        })
                        .collect();
                }
                None
            }
        };
        if let Some((items, items_src)) = items_node {
            if let Value::Seq(list) = &items.value {
                for (i, n) in list.iter().enumerate() {
                    let isrc = index(&items_src, i);
                    let imodel = index(&join(&model, "items"), i);
                    cx.map.insert(imodel.clone(), isrc.clone(), n.pos);
                    if let Some(t) = n.scalar_text() {
                        cat.items.push(Skill {
                            name: t,
                            ..Skill::default()
                        });
                    } else if let Some(o) = Obj::new(cx, n, isrc, imodel, SKILL) {
                        cat.items.push(Skill {
                            name: o.required_text(cx, &["name"], "name"),
                            level: o.text(cx, &["level"], "level"),
                            years: o.number(cx, &["years"], "years"),
                            keywords: o.text_list(cx, &["keywords", "services"], "keywords"),
                            emphasize_for: o.text_list(cx, &["emphasize_for"], "emphasize_for"),
                            extra: o.extra(),
                        });
                    }
                }
            } else if !items.is_null() {
                cx.type_error(&items_src, items, "a list of skills");
            }
        }
        out.push(cat);
    }
    out
}

fn read_bullet(cx: &mut Cx, n: &Node, src: String, model: String) -> Option<Bullet> {
    cx.map.insert(model.clone(), src.clone(), n.pos);
    if let Some(t) = n.scalar_text() {
        return Some(Bullet::plain(cx.rich(t)));
    }
    let o = Obj::new(cx, n, src, model, BULLET)?;
    let text = o.required_text(cx, &["text"], "text");
    Some(Bullet {
        text: cx.rich(text),
        skills: o.text_list(cx, &["skills"], "skills"),
        emphasize_for: o.text_list(cx, &["emphasize_for"], "emphasize_for"),
    })
}

fn read_project(
    cx: &mut Cx,
    n: &Node,
    src: String,
    model: String,
    category: Option<&str>,
) -> Option<Project> {
    let o = Obj::new(cx, n, src, model, PROJECT)?;
    Some(Project {
        name: o.required_text(cx, &["name"], "name"),
        category: category.map(str::to_owned),
        description: o.rich(cx, &["description"], "description"),
        url: o.text(cx, &["url"], "url"),
        technologies: o.text_list(cx, &["technologies"], "technologies"),
        highlights: o.rich_list(cx, &["highlights"], "highlights"),
        start: o.date(cx, &["start_date"], "start"),
        end: o.date(cx, &["end_date"], "end"),
        roles: o.text_list(cx, &["roles"], "roles"),
        entity: o.text(cx, &["entity"], "entity"),
        kind: o.text(cx, &["type"], "kind"),
        emphasize_for: o.text_list(cx, &["emphasize_for"], "emphasize_for"),
        extra: o.extra(),
    })
}

fn read_projects(cx: &mut Cx, node: &Node, key: &str) -> Vec<Project> {
    let mut out = Vec::new();
    match &node.value {
        Value::Seq(items) => {
            for (i, n) in items.iter().enumerate() {
                let model = index("projects", out.len());
                if let Some(p) = read_project(cx, n, index(key, i), model, None) {
                    out.push(p);
                }
            }
        }
        Value::Map(cats) => {
            for c in cats {
                let csrc = join(key, &c.key);
                match &c.value.value {
                    Value::Seq(items) => {
                        for (i, n) in items.iter().enumerate() {
                            let model = index("projects", out.len());
                            if let Some(p) =
                                read_project(cx, n, index(&csrc, i), model, Some(&c.key))
                            {
                                out.push(p);
                            }
                        }
                    }
                    Value::Null => {}
                    _ => cx.type_error(&csrc, &c.value, "a list of projects"),
                }
            }
        }
        Value::Null => {}
        _ => cx.type_error(
            key,
            node,
            "a list of projects or a mapping of category to projects",
        ),
    }
    out
}

fn read_variant(cx: &mut Cx, o: &Obj<'_>) -> Variant {
    let max = o
        .get(&["max_bullets_per_job"])
        .and_then(|(k, n)| match n.value {
            Value::Int(i) if i >= 0 => Some(usize::try_from(i).unwrap_or(usize::MAX)),
            _ => {
                cx.type_error(&join(&o.src, k), n, "a whole number of bullets (0 or more)");
                None
            }
        });
    Variant {
        description: o.text(cx, &["description"], "description"),
        summary_key: o.text(cx, &["summary_key"], "summary_key"),
        skill_sections: o.text_list(cx, &["skill_sections"], "skill_sections"),
        max_bullets_per_job: max,
        emphasize_keywords: o.text_list(cx, &["emphasize_keywords"], "emphasize_keywords"),
        project_categories: o.text_list(cx, &["project_categories"], "project_categories"),
        include_tags: o.text_list(cx, &["include_tags"], "include_tags"),
        exclude_tags: o.text_list(cx, &["exclude_tags"], "exclude_tags"),
    }
}

// ---------------------------------------------------------------------------------------------
// Writer
// ---------------------------------------------------------------------------------------------

/// The formatting of a resume's prose and how it is written: Markdown that reads back to the same
/// text and marks, with [`crate::rich::parse`] (native) or [`crate::rich::parse_html`] (JSON
/// Resume, where a literal `<b>` must stay text).
#[derive(Clone, Copy)]
pub(crate) struct Prose<'a> {
    pub inline: &'a Inline,
    pub html: bool,
}

impl Prose<'_> {
    pub(crate) fn markdown(&self, text: &str) -> String {
        let marks = self.inline.get(text).map_or(&[][..], Vec::as_slice);
        if self.html {
            crate::rich::to_markdown_html(text, marks)
        } else {
            crate::rich::to_markdown(text, marks)
        }
    }
}

/// Builds an ordered JSON object, leaving out absent and empty values so the output stays tidy.
#[derive(Default)]
pub(crate) struct ObjBuilder(Map<String, J>);

impl ObjBuilder {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn s(mut self, key: &str, v: &Option<String>) -> Self {
        if let Some(v) = v {
            self.0.insert(key.into(), J::String(v.clone()));
        }
        self
    }
    pub fn req(mut self, key: &str, v: &str) -> Self {
        self.0.insert(key.into(), J::String(v.to_owned()));
        self
    }
    pub fn date(mut self, key: &str, v: &Option<DateValue>) -> Self {
        if let Some(v) = v {
            self.0.insert(key.into(), J::String(v.to_string()));
        }
        self
    }
    pub fn list(mut self, key: &str, v: &[String]) -> Self {
        if !v.is_empty() {
            self.0.insert(key.into(), json!(v));
        }
        self
    }
    pub fn val(mut self, key: &str, v: J) -> Self {
        let empty = match &v {
            J::Null => true,
            J::Array(a) => a.is_empty(),
            J::Object(o) => o.is_empty(),
            _ => false,
        };
        if !empty {
            self.0.insert(key.into(), v);
        }
        self
    }
    /// The fields a source carried that the model has no home for, where a field of the same
    /// name is not already written.
    pub fn extra(mut self, extra: &Extra) -> Self {
        for (k, v) in extra {
            self.0.entry(k.clone()).or_insert_with(|| v.clone());
        }
        self
    }

    /// Prose with its formatting, as Markdown (see [`crate::rich`]).
    pub fn rich(self, key: &str, v: &Option<String>, prose: &Prose) -> Self {
        self.s(key, &v.as_deref().map(|t| prose.markdown(t)))
    }

    pub fn rich_req(self, key: &str, v: &str, prose: &Prose) -> Self {
        self.req(key, &prose.markdown(v))
    }

    pub fn rich_list(self, key: &str, v: &[String], prose: &Prose) -> Self {
        let items: Vec<String> = v.iter().map(|t| prose.markdown(t)).collect();
        self.list(key, &items)
    }

    /// Where a publication appeared: the same keys in the native format and in JSON Resume's
    /// extension.
    pub fn venue(self, p: &Publication) -> Self {
        self.s("type", &p.kind)
            .s("journal", &p.journal)
            .s("conference", &p.conference)
            .s("volume", &p.volume)
            .s("pages", &p.pages)
            .s("location", &p.location)
    }

    pub fn build(self) -> J {
        J::Object(self.0)
    }
}

/// The native document as an ordered JSON value (serialized to YAML by [`super::to_native_yaml`]).
pub fn write(r: &Resume) -> J {
    let prose = Prose {
        inline: &r.inline,
        html: false,
    };
    let b = &r.basics;
    let location = ObjBuilder::new()
        .s("address", &b.location.address)
        .s("city", &b.location.city)
        .s("region", &b.location.region)
        .s("postal_code", &b.location.postal_code)
        .s("country", &b.location.country)
        .extra(&b.location.extra)
        .build();
    let contact = ObjBuilder::new()
        .req("name", &b.name)
        .list("credentials", &b.credentials)
        .s("title", &b.label)
        .s("email", &b.email)
        .s("phone", &b.phone)
        .s("website", &b.url)
        .s("image", &b.image)
        .val("location", location)
        .val(
            "profiles",
            J::Array(
                b.profiles
                    .iter()
                    .map(|p| {
                        ObjBuilder::new()
                            .req("network", &p.network)
                            .s("username", &p.username)
                            .s("url", &p.url)
                            .extra(&p.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .extra(&b.extra)
        .build();
    let summary = ObjBuilder::new()
        .rich("base", &r.summary.base, &prose)
        .val(
            "variants",
            J::Object(
                r.summary
                    .variants
                    .iter()
                    .map(|(k, v)| (k.clone(), J::String(prose.markdown(v))))
                    .collect(),
            ),
        )
        .build();
    let skills: Map<String, J> = r
        .skills
        .iter()
        .map(|c| {
            let items: Vec<J> = c
                .items
                .iter()
                .map(|s| {
                    if s.level.is_none()
                        && s.years.is_none()
                        && s.keywords.is_empty()
                        && s.emphasize_for.is_empty()
                        && s.extra.is_empty()
                    {
                        J::String(s.name.clone())
                    } else {
                        ObjBuilder::new()
                            .req("name", &s.name)
                            .s("level", &s.level)
                            .val("years", s.years.map_or(J::Null, |y| json!(y)))
                            .list("keywords", &s.keywords)
                            .list("emphasize_for", &s.emphasize_for)
                            .extra(&s.extra)
                            .build()
                    }
                })
                .collect();
            let value = if c.level.is_none() && c.extra.is_empty() {
                J::Array(items)
            } else {
                ObjBuilder::new()
                    .s("level", &c.level)
                    .val("items", J::Array(items))
                    .extra(&c.extra)
                    .build()
            };
            (c.name.clone(), value)
        })
        .collect();
    let experience: Vec<J> = r
        .experience
        .iter()
        .map(|e| {
            let end = match &e.end {
                Some(DateValue::Present) | None => J::Null,
                Some(d) => J::String(d.to_string()),
            };
            let mut o = ObjBuilder::new()
                .req("company", &e.company)
                .s("title", &e.title)
                .s("location", &e.location)
                .rich("description", &e.description, &prose)
                .s("url", &e.url)
                .date("start_date", &e.start)
                .build();
            // `end_date: null` means "current" and must be written explicitly.
            if let J::Object(m) = &mut o {
                m.insert("end_date".into(), end);
            }
            let rest = ObjBuilder::new()
                .rich("summary", &e.summary, &prose)
                .val(
                    "bullets",
                    J::Array(
                        e.bullets
                            .iter()
                            .map(|b| {
                                ObjBuilder::new()
                                    .rich_req("text", &b.text, &prose)
                                    .list("skills", &b.skills)
                                    .list("emphasize_for", &b.emphasize_for)
                                    .build()
                            })
                            .collect(),
                    ),
                )
                .extra(&e.extra)
                .build();
            merge(o, rest)
        })
        .collect();
    let education: Vec<J> = r
        .education
        .iter()
        .map(|e| {
            ObjBuilder::new()
                .req("institution", &e.institution)
                .s("degree", &e.degree)
                .s("field", &e.field)
                .s("location", &e.location)
                .s("url", &e.url)
                .date("start_date", &e.start)
                .date("end_date", &e.end)
                .s("score", &e.score)
                .list("courses", &e.courses)
                .s("thesis", &e.thesis)
                .rich_list("honors", &e.honors, &prose)
                .rich_list("highlights", &e.highlights, &prose)
                .extra(&e.extra)
                .build()
        })
        .collect();
    let project = |p: &Project| {
        ObjBuilder::new()
            .req("name", &p.name)
            .rich("description", &p.description, &prose)
            .s("url", &p.url)
            .list("technologies", &p.technologies)
            .rich_list("highlights", &p.highlights, &prose)
            .date("start_date", &p.start)
            .date("end_date", &p.end)
            .list("roles", &p.roles)
            .s("entity", &p.entity)
            .s("type", &p.kind)
            .list("emphasize_for", &p.emphasize_for)
            .extra(&p.extra)
            .build()
    };
    // Categorized projects are written as `category: [..]`; uncategorized ones as a flat list, or
    // under `other` when the two kinds are mixed.
    let projects = if r.projects.iter().all(|p| p.category.is_none()) {
        J::Array(r.projects.iter().map(project).collect())
    } else {
        let mut cats: Map<String, J> = Map::new();
        for p in &r.projects {
            let cat = p.category.clone().unwrap_or_else(|| "other".into());
            if let J::Array(a) = cats.entry(cat).or_insert_with(|| J::Array(Vec::new())) {
                a.push(project(p));
            }
        }
        J::Object(cats)
    };
    let variants: Map<String, J> = r
        .variants
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                ObjBuilder::new()
                    .s("description", &v.description)
                    .s("summary_key", &v.summary_key)
                    .list("skill_sections", &v.skill_sections)
                    .val(
                        "max_bullets_per_job",
                        v.max_bullets_per_job.map_or(J::Null, |m| json!(m)),
                    )
                    .list("emphasize_keywords", &v.emphasize_keywords)
                    .list("project_categories", &v.project_categories)
                    .list("include_tags", &v.include_tags)
                    .list("exclude_tags", &v.exclude_tags)
                    .build(),
            )
        })
        .collect();

    ObjBuilder::new()
        .val(
            "meta",
            ObjBuilder::new()
                .s("version", &r.meta.version)
                .s("author", &r.meta.author)
                .s("last_updated", &r.meta.last_updated)
                .s("canonical", &r.meta.canonical)
                .s("schema", &r.meta.schema)
                .extra(&r.meta.extra)
                .build(),
        )
        .val("contact", contact)
        .val("professional_summary", summary)
        .val("skills", J::Object(skills))
        .val("experience", J::Array(experience))
        .val("education", J::Array(education))
        .val("projects", projects)
        .val(
            "certifications",
            J::Array(
                r.certifications
                    .iter()
                    .map(|c| {
                        ObjBuilder::new()
                            .req("name", &c.name)
                            .s("issuer", &c.issuer)
                            .date("date", &c.date)
                            .date("expires", &c.expires)
                            .s("url", &c.url)
                            .s("credential_id", &c.credential_id)
                            .extra(&c.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .val(
            "publications",
            J::Array(
                r.publications
                    .iter()
                    .map(|p| {
                        ObjBuilder::new()
                            .req("title", &p.name)
                            .list("authors", &p.authors)
                            .venue(p)
                            .s("publisher", &p.publisher)
                            .date("date", &p.date)
                            .s("url", &p.url)
                            .s("doi", &p.doi)
                            .rich("summary", &p.summary, &prose)
                            .extra(&p.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .val("awards", awards(r, &prose))
        .val("languages", languages(r))
        .val("interests", interests(r))
        .val(
            "volunteer",
            J::Array(
                r.volunteer
                    .iter()
                    .map(|v| {
                        ObjBuilder::new()
                            .req("organization", &v.organization)
                            .s("position", &v.position)
                            .s("url", &v.url)
                            .date("start_date", &v.start)
                            .date("end_date", &v.end)
                            .rich("summary", &v.summary, &prose)
                            .rich_list("highlights", &v.highlights, &prose)
                            .extra(&v.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .val("references", references(r))
        .val(
            "affiliations",
            J::Array(
                r.affiliations
                    .iter()
                    .map(|a| {
                        ObjBuilder::new()
                            .req("organization", &a.organization)
                            .s("role", &a.role)
                            .s("location", &a.location)
                            .date("start_date", &a.start)
                            .date("end_date", &a.end)
                            .s("url", &a.url)
                            .extra(&a.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .val(
            "custom_sections",
            J::Array(
                r.custom_sections
                    .iter()
                    .map(|s| {
                        ObjBuilder::new()
                            .req("title", &s.title)
                            .val(
                                "entries",
                                J::Array(
                                    s.entries
                                        .iter()
                                        .map(|e| {
                                            ObjBuilder::new()
                                                .s("title", &e.title)
                                                .s("subtitle", &e.subtitle)
                                                .s("location", &e.location)
                                                .s("date", &e.date)
                                                .date("start_date", &e.start)
                                                .date("end_date", &e.end)
                                                .s("url", &e.url)
                                                .rich("summary", &e.summary, &prose)
                                                .rich_list("bullets", &e.bullets, &prose)
                                                .build()
                                        })
                                        .collect(),
                                ),
                            )
                            .build()
                    })
                    .collect(),
            ),
        )
        .val(
            "section_order",
            J::Array(
                r.section_order
                    .iter()
                    .filter_map(|s| match s.custom {
                        // A title that reads as a built-in section's name says it is custom.
                        Some(k) => r.custom_sections.get(k).map(|c| {
                            if c.title.parse::<crate::Section>().is_ok() {
                                json!({ "custom": c.title })
                            } else {
                                J::String(c.title.clone())
                            }
                        }),
                        None => Some(J::String(s.section.name().to_owned())),
                    })
                    .collect(),
            ),
        )
        .val(
            "section_titles",
            J::Object(
                r.section_titles
                    .iter()
                    .map(|(s, t)| (s.name().to_owned(), J::String(t.clone())))
                    .collect(),
            ),
        )
        .val("variants", J::Object(variants))
        .val("design", write_design(&r.design))
        .extra(&r.extra)
        .build()
}

/// Sections whose native keys are JSON Resume's own, so both writers share one definition.
pub(crate) fn awards(r: &Resume, prose: &Prose) -> J {
    J::Array(
        r.awards
            .iter()
            .map(|a| {
                ObjBuilder::new()
                    .req("title", &a.title)
                    .date("date", &a.date)
                    .s("awarder", &a.awarder)
                    .rich("summary", &a.summary, prose)
                    .extra(&a.extra)
                    .build()
            })
            .collect(),
    )
}

pub(crate) fn languages(r: &Resume) -> J {
    J::Array(
        r.languages
            .iter()
            .map(|l| {
                ObjBuilder::new()
                    .req("language", &l.language)
                    .s("fluency", &l.fluency)
                    .extra(&l.extra)
                    .build()
            })
            .collect(),
    )
}

pub(crate) fn interests(r: &Resume) -> J {
    J::Array(
        r.interests
            .iter()
            .map(|i| {
                ObjBuilder::new()
                    .req("name", &i.name)
                    .list("keywords", &i.keywords)
                    .extra(&i.extra)
                    .build()
            })
            .collect(),
    )
}

pub(crate) fn references(r: &Resume) -> J {
    J::Array(
        r.references
            .iter()
            .map(|x| {
                ObjBuilder::new()
                    .req("name", &x.name)
                    .s("reference", &x.reference)
                    .extra(&x.extra)
                    .build()
            })
            .collect(),
    )
}

/// `a` with the fields of `b` it does not have: a field `a` writes is never replaced (by an
/// extension field of the same name carried in `b`).
fn merge(a: J, b: J) -> J {
    match (a, b) {
        (J::Object(mut a), J::Object(b)) => {
            for (k, v) in b {
                a.entry(k).or_insert(v);
            }
            J::Object(a)
        }
        (a, _) => a,
    }
}

/// The JSON Schema (draft 2020-12) of the native format, for editor autocompletion. A test checks
/// that it names exactly the keys the reader knows and that the shipped example validates.
pub const SCHEMA: &str = include_str!("native.schema.json");
