//! JSON Resume (<https://jsonresume.org/schema>, v1.2.1), read from JSON or YAML and written as JSON.
//!
//! What the schema cannot express (variants, per-variant summaries, bullet tags, skill details,
//! credentials, affiliations, custom sections, ...) is written to `x-vitae` extension objects,
//! which the schema allows (`additionalProperties: true`) and other tools ignore, so that
//! native → JSON Resume → native keeps everything.

use super::native::{self, ObjBuilder};
use super::read::{Cx, Obj, join};
use crate::date::DateValue;
use crate::model::*;
use crate::node::{Node, Value};
use serde_json::{Map, Value as J, json};

const EXT: &str = "x-vitae";

const TOP: &[&str] = &[
    "$schema",
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
    EXT,
];
// `website` (basics and work), `company` (work) and `summary` (projects) are the names of the
// schema before v1.0.0; files written for it are still read whole.
const BASICS: &[&str] = &[
    "name", "label", "image", "email", "phone", "url", "website", "summary", "location",
    "profiles", EXT,
];
const LOCATION: &[&str] = &["address", "postalCode", "city", "countryCode", "region"];
const PROFILE: &[&str] = &["network", "username", "url"];
const WORK: &[&str] = &[
    "name",
    "company",
    "website",
    "location",
    "description",
    "position",
    "url",
    "startDate",
    "endDate",
    "summary",
    "highlights",
    EXT,
];
const VOLUNTEER: &[&str] = &[
    "organization",
    "position",
    "url",
    "startDate",
    "endDate",
    "summary",
    "highlights",
];
const EDUCATION: &[&str] = &[
    "institution",
    "url",
    "area",
    "studyType",
    "startDate",
    "endDate",
    "score",
    "courses",
    EXT,
];
const AWARD: &[&str] = &["title", "date", "awarder", "summary"];
const CERTIFICATE: &[&str] = &["name", "date", "url", "issuer", EXT];
const PUBLICATION: &[&str] = &["name", "publisher", "releaseDate", "url", "summary", EXT];
const SKILL: &[&str] = &["name", "level", "keywords", EXT];
const LANGUAGE: &[&str] = &["language", "fluency"];
const INTEREST: &[&str] = &["name", "keywords"];
const REFERENCE: &[&str] = &["name", "reference"];
const PROJECT: &[&str] = &[
    "name",
    "description",
    "summary",
    "highlights",
    "keywords",
    "startDate",
    "endDate",
    "url",
    "roles",
    "entity",
    "type",
    EXT,
];
const META: &[&str] = &["canonical", "version", "lastModified", EXT];

/// Reads a JSON Resume document.
pub fn read(cx: &mut Cx, root: &Node) -> Resume {
    // Editors of JSON Resume write HTML in prose (`<b>`, `<a href>`, `<br>`).
    cx.html = true;
    let mut r = Resume::default();
    let Some(top) = Obj::lenient(cx, root, String::new(), String::new(), TOP) else {
        if root.is_null() {
            cx.diags.error("", root.pos, "the document is empty", None);
        }
        return r;
    };
    r.meta.schema = top.text(cx, &["$schema"], "meta.schema");

    match top.obj(cx, &["basics"], "basics", BASICS) {
        Some(b) => {
            r.basics = Basics {
                name: b.required_text(cx, &["name"], "name"),
                label: b.text(cx, &["label"], "label"),
                image: b.text(cx, &["image"], "image"),
                email: b.text(cx, &["email"], "email"),
                phone: b.text(cx, &["phone"], "phone"),
                url: b.text(cx, &["url", "website"], "url"),
                extra: b.extra(),
                ..Basics::default()
            };
            let base = crate::ResumePath::root().summary().base();
            r.summary.base = b.text_to(cx, &["summary"], base).map(|t| cx.rich(t));
            if let Some(l) = b.obj(cx, &["location"], "location", LOCATION) {
                r.basics.location = Location {
                    address: l.text(cx, &["address"], "address"),
                    city: l.text(cx, &["city"], "city"),
                    region: l.text(cx, &["region"], "region"),
                    postal_code: l.text(cx, &["postalCode"], "postal_code"),
                    country: l.text(cx, &["countryCode"], "country"),
                    extra: l.extra(),
                };
            }
            r.basics.profiles = b.list(cx, &["profiles"], "profiles", |cx, n, src, model| {
                let o = b.child(cx, n, src, model, PROFILE)?;
                Some(Profile {
                    network: o.text(cx, &["network"], "network").unwrap_or_default(),
                    username: o.text(cx, &["username"], "username"),
                    url: o.text(cx, &["url"], "url"),
                    extra: o.extra(),
                })
            });
            if let Some(x) = b.obj(cx, &[EXT], "", &[]) {
                r.basics.credentials = x.text_list(cx, &["credentials"], "credentials");
            }
        }
        None => cx.diags.error(
            "basics",
            root.pos,
            "missing required section `basics`",
            Some("add `\"basics\": {\"name\": ..., \"email\": ...}`".into()),
        ),
    }

    r.experience = top.list(cx, &["work"], "experience", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, WORK)?;
        let end = o.get(&["endDate"]);
        let end = match end {
            // The schema says an ongoing job omits `endDate`.
            None => {
                if let Some((_, n)) = o
                    .entries()
                    .iter()
                    .find(|e| e.key == "endDate")
                    .map(|e| (&e.key, &e.value))
                    && n.is_null()
                {
                    cx.diags.warning(
                        &join(&o.src, "endDate"),
                        n.pos,
                        "`endDate: null` is not valid JSON Resume; read as a current position",
                        Some("omit `endDate` for a current position".into()),
                    );
                }
                Some(DateValue::Present)
            }
            Some(_) => o.date(cx, &["endDate"], "end"),
        };
        let highlights = o.rich_list(cx, &["highlights"], "bullets");
        let mut bullets: Vec<Bullet> = highlights.into_iter().map(Bullet::plain).collect();
        if let Some(x) = o.obj(cx, &[EXT], "", &[]) {
            let tags = x.list(cx, &["bullets"], "bullets", |cx, n, src, model| {
                if n.is_null() {
                    return Some((Vec::new(), Vec::new()));
                }
                let t = Obj::new(cx, n, src, model, &["skills", "emphasize_for"])?;
                Some((
                    t.text_list(cx, &["skills"], "skills"),
                    t.text_list(cx, &["emphasize_for"], "emphasize_for"),
                ))
            });
            for (b, (skills, emphasize_for)) in bullets.iter_mut().zip(tags) {
                b.skills = skills;
                b.emphasize_for = emphasize_for;
            }
        }
        Some(Experience {
            company: o.required_text(cx, &["name", "company"], "company"),
            title: o.text(cx, &["position"], "title"),
            location: o.text(cx, &["location"], "location"),
            description: o.rich(cx, &["description"], "description"),
            url: o.text(cx, &["url", "website"], "url"),
            start: o.date(cx, &["startDate"], "start"),
            end,
            summary: o.rich(cx, &["summary"], "summary"),
            bullets,
            extra: o.extra(),
        })
    });

    r.volunteer = top.list(cx, &["volunteer"], "volunteer", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, VOLUNTEER)?;
        Some(Volunteer {
            organization: o.required_text(cx, &["organization"], "organization"),
            position: o.text(cx, &["position"], "position"),
            url: o.text(cx, &["url"], "url"),
            start: o.date(cx, &["startDate"], "start"),
            end: o.date(cx, &["endDate"], "end"),
            summary: o.rich(cx, &["summary"], "summary"),
            highlights: o.rich_list(cx, &["highlights"], "highlights"),
            extra: o.extra(),
        })
    });

    r.education = top.list(cx, &["education"], "education", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, EDUCATION)?;
        let mut e = Education {
            institution: o.required_text(cx, &["institution"], "institution"),
            url: o.text(cx, &["url"], "url"),
            field: o.text(cx, &["area"], "field"),
            degree: o.text(cx, &["studyType"], "degree"),
            start: o.date(cx, &["startDate"], "start"),
            end: o.date(cx, &["endDate"], "end"),
            score: o.text(cx, &["score"], "score"),
            courses: o.text_list(cx, &["courses"], "courses"),
            extra: o.extra(),
            ..Education::default()
        };
        if let Some(x) = o.obj(cx, &[EXT], "", &[]) {
            e.location = x.text(cx, &["location"], "location");
            e.thesis = x.text(cx, &["thesis"], "thesis");
            e.honors = x.rich_list(cx, &["honors"], "honors");
            e.highlights = x.rich_list(cx, &["highlights"], "highlights");
        }
        Some(e)
    });

    r.awards = top.list(cx, &["awards"], "awards", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, AWARD)?;
        Some(Award {
            title: o.required_text(cx, &["title"], "title"),
            date: o.date(cx, &["date"], "date"),
            awarder: o.text(cx, &["awarder"], "awarder"),
            summary: o.rich(cx, &["summary"], "summary"),
            extra: o.extra(),
        })
    });

    r.certifications = top.list(
        cx,
        &["certificates"],
        "certifications",
        |cx, n, src, model| {
            let o = top.child(cx, n, src, model, CERTIFICATE)?;
            let mut c = Certification {
                name: o.required_text(cx, &["name"], "name"),
                date: o.date(cx, &["date"], "date"),
                url: o.text(cx, &["url"], "url"),
                issuer: o.text(cx, &["issuer"], "issuer"),
                extra: o.extra(),
                ..Certification::default()
            };
            if let Some(x) = o.obj(cx, &[EXT], "", &[]) {
                c.expires = x.date(cx, &["expires"], "expires");
                c.credential_id = x.text(cx, &["credential_id"], "credential_id");
            }
            Some(c)
        },
    );

    r.publications = top.list(
        cx,
        &["publications"],
        "publications",
        |cx, n, src, model| {
            let o = top.child(cx, n, src, model, PUBLICATION)?;
            let mut p = Publication {
                name: o.required_text(cx, &["name"], "name"),
                publisher: o.text(cx, &["publisher"], "publisher"),
                date: o.date(cx, &["releaseDate"], "date"),
                url: o.text(cx, &["url"], "url"),
                summary: o.rich(cx, &["summary"], "summary"),
                extra: o.extra(),
                ..Publication::default()
            };
            if let Some(x) = o.obj(cx, &[EXT], "", &[]) {
                p.authors = x.text_list(cx, &["authors"], "authors");
                p.doi = x.text(cx, &["doi"], "doi");
                native::read_venue(cx, &x, &mut p);
            }
            Some(p)
        },
    );

    r.skills = top.list(cx, &["skills"], "skills", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, SKILL)?;
        let mut cat = SkillCategory {
            name: o.required_text(cx, &["name"], "name"),
            level: o.text(cx, &["level"], "level"),
            items: o
                .text_list(cx, &["keywords"], "items")
                .into_iter()
                .map(|name| Skill {
                    name,
                    ..Skill::default()
                })
                .collect(),
            extra: o.extra(),
        };
        if let Some(x) = o.obj(cx, &[EXT], "", &[]) {
            let details = x.list(cx, &["items"], "items", |cx, n, src, model| {
                let d = Obj::new(cx, n, src, model, native::SKILL)?;
                Some(Skill {
                    name: d.required_text(cx, &["name"], "name"),
                    level: d.text(cx, &["level"], "level"),
                    years: d.number(cx, &["years"], "years"),
                    keywords: d.text_list(cx, &["keywords"], "keywords"),
                    emphasize_for: d.text_list(cx, &["emphasize_for"], "emphasize_for"),
                    extra: d.extra(),
                })
            });
            // Details replace plain keywords of the same name; the keyword list stays the order.
            for item in &mut cat.items {
                if let Some(d) = details.iter().find(|d| d.name == item.name) {
                    *item = d.clone();
                }
            }
        }
        Some(cat)
    });

    r.languages = top.list(cx, &["languages"], "languages", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, LANGUAGE)?;
        Some(Language {
            language: o.required_text(cx, &["language"], "language"),
            fluency: o.text(cx, &["fluency"], "fluency"),
            extra: o.extra(),
        })
    });

    r.interests = top.list(cx, &["interests"], "interests", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, INTEREST)?;
        Some(Interest {
            name: o.required_text(cx, &["name"], "name"),
            keywords: o.text_list(cx, &["keywords"], "keywords"),
            extra: o.extra(),
        })
    });

    r.references = top.list(cx, &["references"], "references", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, REFERENCE)?;
        Some(Reference {
            name: o.required_text(cx, &["name"], "name"),
            reference: o.text(cx, &["reference"], "reference"),
            extra: o.extra(),
        })
    });

    r.projects = top.list(cx, &["projects"], "projects", |cx, n, src, model| {
        let o = top.child(cx, n, src, model, PROJECT)?;
        let mut p = Project {
            name: o.required_text(cx, &["name"], "name"),
            description: o.rich(cx, &["description", "summary"], "description"),
            highlights: o.rich_list(cx, &["highlights"], "highlights"),
            technologies: o.text_list(cx, &["keywords"], "technologies"),
            start: o.date(cx, &["startDate"], "start"),
            end: o.date(cx, &["endDate"], "end"),
            url: o.text(cx, &["url"], "url"),
            roles: o.text_list(cx, &["roles"], "roles"),
            entity: o.text(cx, &["entity"], "entity"),
            kind: o.text(cx, &["type"], "kind"),
            extra: o.extra(),
            ..Project::default()
        };
        if let Some(x) = o.obj(cx, &[EXT], "", &[]) {
            p.category = x.text(cx, &["category"], "category");
            p.emphasize_for = x.text_list(cx, &["emphasize_for"], "emphasize_for");
        }
        Some(p)
    });

    if let Some(m) = top.obj(cx, &["meta"], "meta", META) {
        r.meta.canonical = m.text(cx, &["canonical"], "canonical");
        r.meta.version = m.text(cx, &["version"], "version");
        r.meta.last_updated = m.text(cx, &["lastModified"], "last_updated");
        r.meta.extra = m.extra();
        if let Some(x) = m.obj(cx, &[EXT], "", &[]) {
            r.meta.author = x.text(cx, &["author"], "author");
        }
    }
    r.extra = top.extra();

    // Everything JSON Resume cannot express, stored by our writer in the top-level extension. It is
    // read with the native reader so the two formats share one definition of these structures.
    if let Some((_, ext)) = top.get(&[EXT]) {
        read_extension(cx, ext, &mut r);
    }
    r
}

fn read_extension(cx: &mut Cx, ext: &Node, r: &mut Resume) {
    let Value::Map(entries) = &ext.value else {
        cx.type_error(EXT, ext, "a mapping");
        return;
    };
    // Re-use the native reader on a synthetic native document holding just these sections.
    let mut sub = Cx::new();
    let wanted = [
        "variants",
        "affiliations",
        "custom_sections",
        "professional_summary",
        "section_order",
        "section_titles",
        "design",
    ];
    let doc = Node::new(
        Value::Map(
            entries
                .iter()
                .filter(|e| wanted.contains(&e.key.as_str()))
                .cloned()
                .collect(),
        ),
        ext.pos,
    );
    for e in entries {
        if !wanted.contains(&e.key.as_str()) {
            cx.diags.warning(
                &join(EXT, &e.key),
                e.key_pos,
                format!("unknown field `{}` is ignored", e.key),
                Some(format!("known fields here: {}", wanted.join(", "))),
            );
        }
    }
    let native = native::read(&mut sub, &doc);
    for (plain, marks) in std::mem::take(&mut sub.inline) {
        cx.inline.entry(plain).or_insert(marks);
    }
    // The synthetic document has no `contact`; that error is not the user's.
    for d in sub.diags.iter() {
        if d.path != "contact" {
            let mut d = d.clone();
            d.path = join(EXT, &d.path);
            cx.diags.push(d);
        }
    }
    r.variants = native.variants;
    r.affiliations = native.affiliations;
    r.custom_sections = native.custom_sections;
    r.summary.variants = native.summary.variants;
    r.section_order = native.section_order;
    r.section_titles = native.section_titles;
    r.design = native.design;
}

/// Writes JSON Resume, with `x-vitae` extensions for what the schema cannot hold.
pub fn write(r: &Resume) -> J {
    let prose = native::Prose {
        inline: &r.inline,
        html: true,
    };
    let b = &r.basics;
    let location = ObjBuilder::new()
        .s("address", &b.location.address)
        .s("postalCode", &b.location.postal_code)
        .s("city", &b.location.city)
        .s("countryCode", &b.location.country)
        .s("region", &b.location.region)
        .extra(&b.location.extra)
        .build();
    let basics = ObjBuilder::new()
        .req("name", &b.name)
        .s("label", &b.label)
        .s("image", &b.image)
        .s("email", &b.email)
        .s("phone", &b.phone)
        .s("url", &b.url)
        .rich("summary", &r.summary.base, &prose)
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
        .val(
            EXT,
            ObjBuilder::new()
                .list("credentials", &b.credentials)
                .build(),
        )
        .extra(&b.extra)
        .build();

    let work: Vec<J> = r
        .experience
        .iter()
        .map(|e| {
            let end = match &e.end {
                Some(DateValue::Present) | None => None,
                other => other.clone(),
            };
            let tagged = e
                .bullets
                .iter()
                .any(|b| !b.skills.is_empty() || !b.emphasize_for.is_empty());
            let ext = if tagged {
                json!({ "bullets": e.bullets.iter().map(|b| {
                    ObjBuilder::new().list("skills", &b.skills).list("emphasize_for", &b.emphasize_for).build()
                }).collect::<Vec<_>>() })
            } else {
                J::Null
            };
            ObjBuilder::new()
                .req("name", &e.company)
                .s("location", &e.location)
                .rich("description", &e.description, &prose)
                .s("position", &e.title)
                .s("url", &e.url)
                .date("startDate", &e.start)
                .date("endDate", &end)
                .rich("summary", &e.summary, &prose)
                .rich_list(
                    "highlights",
                    &e.bullets.iter().map(|b| b.text.clone()).collect::<Vec<_>>(),
                    &prose,
                )
                .val(EXT, ext)
                .extra(&e.extra)
                .build()
        })
        .collect();

    let skills: Vec<J> = r
        .skills
        .iter()
        .map(|c| {
            let detailed = |s: &&Skill| {
                s.level.is_some()
                    || s.years.is_some()
                    || !s.keywords.is_empty()
                    || !s.emphasize_for.is_empty()
                    || !s.extra.is_empty()
            };
            let ext = if c.items.iter().any(|s| detailed(&s)) {
                json!({ "items": c.items.iter().filter(detailed).map(|s| {
                    ObjBuilder::new()
                        .req("name", &s.name)
                        .s("level", &s.level)
                        .val("years", s.years.map_or(J::Null, |y| json!(y)))
                        .list("keywords", &s.keywords)
                        .list("emphasize_for", &s.emphasize_for)
                        .extra(&s.extra)
                        .build()
                }).collect::<Vec<_>>() })
            } else {
                J::Null
            };
            ObjBuilder::new()
                .req("name", &c.name)
                .s("level", &c.level)
                .list(
                    "keywords",
                    &c.items.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
                )
                .val(EXT, ext)
                .extra(&c.extra)
                .build()
        })
        .collect();

    // The extension's variant, affiliation, summary and custom-section data is exactly the native
    // writer's output for those keys.
    let native = native::write(r);
    let mut ext = Map::new();
    if let J::Object(n) = &native {
        for key in [
            "variants",
            "affiliations",
            "custom_sections",
            "section_order",
            "section_titles",
            "design",
        ] {
            if let Some(v) = n.get(key) {
                ext.insert(key.into(), v.clone());
            }
        }
    }
    if !r.summary.variants.is_empty() {
        let variants: Map<String, J> = r
            .summary
            .variants
            .iter()
            .map(|(k, v)| (k.clone(), J::String(prose.markdown(v))))
            .collect();
        ext.insert(
            "professional_summary".into(),
            json!({ "variants": variants }),
        );
    }

    let mut out = ObjBuilder::new()
        .s("$schema", &r.meta.schema)
        .val("basics", basics)
        .val("work", J::Array(work))
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
                            .date("startDate", &v.start)
                            .date("endDate", &v.end)
                            .rich("summary", &v.summary, &prose)
                            .rich_list("highlights", &v.highlights, &prose)
                            .extra(&v.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .val(
            "education",
            J::Array(
                r.education
                    .iter()
                    .map(|e| {
                        ObjBuilder::new()
                            .req("institution", &e.institution)
                            .s("url", &e.url)
                            .s("area", &e.field)
                            .s("studyType", &e.degree)
                            .date("startDate", &e.start)
                            .date("endDate", &e.end)
                            .s("score", &e.score)
                            .list("courses", &e.courses)
                            .val(
                                EXT,
                                ObjBuilder::new()
                                    .s("location", &e.location)
                                    .s("thesis", &e.thesis)
                                    .rich_list("honors", &e.honors, &prose)
                                    .rich_list("highlights", &e.highlights, &prose)
                                    .build(),
                            )
                            .extra(&e.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .val("awards", native::awards(r, &prose))
        .val(
            "certificates",
            J::Array(
                r.certifications
                    .iter()
                    .map(|c| {
                        ObjBuilder::new()
                            .req("name", &c.name)
                            .date("date", &c.date)
                            .s("url", &c.url)
                            .s("issuer", &c.issuer)
                            .val(
                                EXT,
                                ObjBuilder::new()
                                    .date("expires", &c.expires)
                                    .s("credential_id", &c.credential_id)
                                    .build(),
                            )
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
                            .req("name", &p.name)
                            .s("publisher", &p.publisher)
                            .date("releaseDate", &p.date)
                            .s("url", &p.url)
                            .rich("summary", &p.summary, &prose)
                            .val(
                                EXT,
                                ObjBuilder::new()
                                    .list("authors", &p.authors)
                                    .s("doi", &p.doi)
                                    .venue(p)
                                    .build(),
                            )
                            .extra(&p.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .val("skills", J::Array(skills))
        .val("languages", native::languages(r))
        .val("interests", native::interests(r))
        .val("references", native::references(r))
        .val(
            "projects",
            J::Array(
                r.projects
                    .iter()
                    .map(|p| {
                        ObjBuilder::new()
                            .req("name", &p.name)
                            .rich("description", &p.description, &prose)
                            .rich_list("highlights", &p.highlights, &prose)
                            .list("keywords", &p.technologies)
                            .date("startDate", &p.start)
                            .date("endDate", &p.end)
                            .s("url", &p.url)
                            .list("roles", &p.roles)
                            .s("entity", &p.entity)
                            .s("type", &p.kind)
                            .val(
                                EXT,
                                ObjBuilder::new()
                                    .s("category", &p.category)
                                    .list("emphasize_for", &p.emphasize_for)
                                    .build(),
                            )
                            .extra(&p.extra)
                            .build()
                    })
                    .collect(),
            ),
        )
        .val(
            "meta",
            ObjBuilder::new()
                .s("canonical", &r.meta.canonical)
                .s("version", &r.meta.version)
                .s("lastModified", &r.meta.last_updated)
                .val(EXT, ObjBuilder::new().s("author", &r.meta.author).build())
                .extra(&r.meta.extra)
                .build(),
        )
        .extra(&r.extra)
        .build();
    if !ext.is_empty()
        && let J::Object(o) = &mut out
    {
        o.insert(EXT.into(), J::Object(ext));
    }
    out
}
