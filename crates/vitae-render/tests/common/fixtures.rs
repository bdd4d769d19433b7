//! Resumes built in code for the renderer tests: a realistic one that fills every section, and a
//! hostile one whose every field tries to break out of its target format. Shared by the unit tests
//! (through `#[path]` in `src/lib.rs`) and the integration tests.
#![allow(dead_code)] // each test binary uses a different part

use vitae_core::date::{DateValue, PartialDate};
use vitae_core::model::*;

fn s(text: &str) -> String {
    text.to_owned()
}

fn some(text: &str) -> Option<String> {
    Some(text.to_owned())
}

fn ym(year: u16, month: u8) -> Option<DateValue> {
    Some(DateValue::Date(PartialDate {
        year,
        month: Some(month),
        day: None,
    }))
}

fn y(year: u16) -> Option<DateValue> {
    Some(DateValue::Date(PartialDate::year(year)))
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|i| s(i)).collect()
}

fn skill(name: &str) -> Skill {
    Skill {
        name: s(name),
        ..Skill::default()
    }
}

/// A realistic two-page resume that uses every section and most fields.
pub fn realistic() -> Resume {
    Resume {
        basics: Basics {
            name: s("Jordan Rivera"),
            credentials: strings(&["PhD"]),
            label: some("Staff Backend Engineer"),
            email: some("jordan.rivera@example.com"),
            phone: some("+1 (555) 010-0199"),
            url: some("https://jordanrivera.dev"),
            image: None,
            location: Location {
                city: some("Portland"),
                region: some("OR"),
                country: some("US"),
                ..Location::default()
            },
            profiles: vec![
                Profile {
                    network: s("GitHub"),
                    username: some("jrivera"),
                    url: some("https://github.com/jrivera"),
                    ..Default::default()
                },
                Profile {
                    network: s("LinkedIn"),
                    username: some("jordan-rivera"),
                    url: some("https://www.linkedin.com/in/jordan-rivera"),
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
        summary: Summary {
            base: some(
                "Backend engineer with 9 years of experience building reliable, observable \
                 distributed systems in Rust and Go. I lead small teams through ambiguous \
                 problems, from the first design doc to the on-call rotation.\n\n\
                 Happiest where performance, correctness and developer experience meet.",
            ),
            ..Summary::default()
        },
        skills: vec![
            SkillCategory {
                name: s("Languages"),
                level: None,
                extra: Default::default(),
                items: vec![
                    Skill {
                        name: s("Rust"),
                        level: some("Expert"),
                        years: Some(6.0),
                        ..Skill::default()
                    },
                    skill("Go"),
                    skill("Python"),
                    skill("SQL"),
                ],
            },
            SkillCategory {
                name: s("Infrastructure"),
                level: None,
                extra: Default::default(),
                items: vec![
                    skill("PostgreSQL"),
                    skill("Kafka"),
                    skill("Kubernetes"),
                    Skill {
                        name: s("AWS"),
                        keywords: strings(&["ECS", "Lambda", "S3"]),
                        ..Skill::default()
                    },
                ],
            },
            SkillCategory {
                name: s("Practices"),
                level: None,
                extra: Default::default(),
                items: vec![
                    skill("Distributed tracing"),
                    skill("Property-based testing"),
                ],
            },
        ],
        experience: vec![
            Experience {
                company: s("Northwind Logistics"),
                title: some("Staff Backend Engineer"),
                location: some("Portland, OR"),
                description: some("Freight marketplace moving 2M shipments a year."),
                url: some("https://northwind.example.com"),
                start: ym(2021, 3),
                end: Some(DateValue::Present),
                summary: None,
                bullets: vec![
                    Bullet::plain(
                        "Led the rewrite of the pricing engine from Python to Rust, cutting p99 \
                         latency from 850 ms to 45 ms and infrastructure cost by 60%.",
                    ),
                    Bullet::plain(
                        "Designed an event-sourced shipment ledger on PostgreSQL and Kafka that \
                         processes 40k events per second with exactly-once semantics.",
                    ),
                    Bullet::plain("Mentored 6 engineers; 3 were promoted to senior."),
                ],
                ..Default::default()
            },
            Experience {
                company: s("Acme Analytics"),
                title: some("Senior Software Engineer"),
                location: some("Remote"),
                start: ym(2017, 6),
                end: ym(2021, 2),
                bullets: vec![
                    Bullet::plain(
                        "Built a multi-tenant query service in Go serving 1,200 customers.",
                    ),
                    Bullet::plain(
                        "Introduced distributed tracing across 30 services; mean time to \
                         resolution dropped by half.",
                    ),
                ],
                ..Experience::default()
            },
            Experience {
                company: s("University of Oregon"),
                title: some("Research Assistant"),
                location: some("Eugene, OR"),
                start: ym(2013, 9),
                end: ym(2017, 5),
                summary: some("Systems research on consensus protocols."),
                ..Experience::default()
            },
        ],
        education: vec![
            Education {
                institution: s("University of Oregon"),
                degree: some("PhD"),
                field: some("Computer Science"),
                location: some("Eugene, OR"),
                url: some("https://uoregon.edu"),
                start: y(2013),
                end: y(2017),
                score: None,
                courses: Vec::new(),
                thesis: some("Fast Paxos Variants for Wide-Area Networks"),
                honors: strings(&["Graduate Teaching Award"]),
                ..Default::default()
            },
            Education {
                institution: s("Oregon State University"),
                degree: some("BS"),
                field: some("Computer Science"),
                start: y(2009),
                end: y(2013),
                score: some("3.8/4.0"),
                courses: strings(&["Operating Systems", "Compilers", "Databases"]),
                ..Education::default()
            },
        ],
        projects: vec![
            Project {
                name: s("tracehound"),
                description: some("Open-source sampler for OpenTelemetry traces."),
                url: some("https://github.com/jrivera/tracehound"),
                technologies: strings(&["Rust", "OpenTelemetry"]),
                highlights: strings(&["1.4k GitHub stars", "Used in production at 3 companies"]),
                start: y(2022),
                roles: strings(&["Maintainer"]),
                ..Project::default()
            },
            Project {
                name: s("pgbench-lab"),
                category: some("Tools"),
                description: some("Reproducible PostgreSQL benchmarking harness."),
                technologies: strings(&["Python", "PostgreSQL"]),
                ..Project::default()
            },
        ],
        certifications: vec![Certification {
            name: s("AWS Certified Solutions Architect - Professional"),
            issuer: some("Amazon Web Services"),
            date: ym(2022, 8),
            expires: ym(2025, 8),
            url: None,
            credential_id: some("AWS-PSA-12345"),
            ..Default::default()
        }],
        publications: vec![Publication {
            name: s("Latency-Aware Leader Election"),
            publisher: some("USENIX ATC"),
            date: ym(2016, 7),
            url: some("https://example.org/papers/leader-election"),
            summary: some("Reduced failover time by 70% in geo-distributed clusters."),
            authors: strings(&["J. Rivera", "M. Chen"]),
            doi: some("10.1234/atc.2016.042"),
            ..Default::default()
        }],
        awards: vec![Award {
            title: s("Engineering Excellence Award"),
            date: y(2023),
            awarder: some("Northwind Logistics"),
            summary: some("For the pricing engine rewrite."),
            ..Default::default()
        }],
        languages: vec![
            Language {
                language: s("English"),
                fluency: some("Native"),
                ..Default::default()
            },
            Language {
                language: s("Spanish"),
                fluency: some("Professional working proficiency"),
                ..Default::default()
            },
        ],
        interests: vec![Interest {
            name: s("Cycling"),
            keywords: strings(&["Gravel", "Bike touring"]),
            ..Default::default()
        }],
        volunteer: vec![Volunteer {
            organization: s("Code for Portland"),
            position: some("Mentor"),
            url: some("https://codeforportland.example.org"),
            start: ym(2019, 1),
            end: None,
            summary: some("Weekly mentoring for first-time contributors."),
            highlights: strings(&["Ran 12 workshops on testing"]),
            ..Default::default()
        }],
        references: vec![Reference {
            name: s("Maria Chen, VP Engineering at Northwind"),
            reference: some("Jordan is the engineer I call when a system must not fail."),
            ..Default::default()
        }],
        affiliations: vec![Affiliation {
            organization: s("ACM"),
            role: some("Member"),
            location: None,
            start: y(2014),
            end: None,
            url: None,
            ..Default::default()
        }],
        custom_sections: vec![CustomSection {
            title: s("Talks"),
            entries: vec![CustomEntry {
                title: some("Rust at the Edge of the Warehouse"),
                subtitle: some("RustConf"),
                location: some("Montreal, QC"),
                date: some("September 2023"),
                url: some("https://example.org/talks/rust-warehouse"),
                summary: None,
                bullets: strings(&["Recorded; 20k views"]),
                ..CustomEntry::default()
            }],
        }],
        ..Resume::default()
    }
}

/// Strings that try to escape from each target format.
pub const HOSTILE: &[&str] = &[
    r"\input{/etc/passwd}",
    "</script><script>alert(1)</script>",
    "{{7*7}}",
    "#import \"x.typ\"",
    "**bold**",
    "_under_",
    "$HOME 100% & co #1 ~user ^caret",
    "Zoë Ñúñez 李雷 😀 مرحبا",
    // Every ASCII special at once, ligature-forming pairs, an optional argument, a control symbol.
    r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~ -- --- ,, '' `` ?` !` << >> [opt] \\ \par"##,
    "tab\there nul\u{0}bell\u{7} crlf\r\nline",
];

/// A URL that is safe to link (https) but full of characters special to some target.
pub const HOSTILE_URL: &str = r"https://example.com/}\input{x}%#~&_$\x^|`<>'( ) é";

/// All hostile strings in one, for fields that hold a single string.
pub fn hostile_text() -> String {
    HOSTILE.join(" ")
}

/// A resume with hostile text in every field that is shown.
pub fn hostile() -> Resume {
    let t = hostile_text();
    let h = || Some(t.clone());
    let list = || HOSTILE.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    Resume {
        basics: Basics {
            name: t.clone(),
            credentials: list(),
            label: h(),
            email: Some(format!("{t}@example.com")),
            phone: h(),
            url: Some("javascript:alert(1)".into()),
            image: None,
            location: Location {
                address: h(),
                city: h(),
                region: h(),
                postal_code: h(),
                country: h(),
                ..Default::default()
            },
            profiles: vec![
                Profile {
                    network: t.clone(),
                    username: h(),
                    url: Some(HOSTILE_URL.into()),
                    ..Default::default()
                },
                Profile {
                    network: "x".into(),
                    username: None,
                    url: Some("JaVaScRiPt:alert(document.cookie)".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        },
        summary: Summary {
            base: Some(format!(
                "{t}\n\n\\end{{document}}\n\n# heading\n- item\n1. first"
            )),
            ..Summary::default()
        },
        skills: vec![SkillCategory {
            name: t.clone(),
            level: h(),
            extra: Default::default(),
            items: HOSTILE
                .iter()
                .map(|s| Skill {
                    name: s.to_string(),
                    level: Some(s.to_string()),
                    keywords: vec![s.to_string()],
                    ..Skill::default()
                })
                .collect(),
        }],
        experience: vec![Experience {
            company: t.clone(),
            title: h(),
            location: h(),
            description: h(),
            url: Some(HOSTILE_URL.into()),
            start: Some(DateValue::Text(t.clone())),
            end: Some(DateValue::Present),
            summary: h(),
            bullets: HOSTILE.iter().map(|s| Bullet::plain(*s)).collect(),
            ..Default::default()
        }],
        education: vec![Education {
            institution: t.clone(),
            degree: h(),
            field: h(),
            location: h(),
            url: Some(r"https://example.com/a b\c{d}".into()),
            start: y(2010),
            end: Some(DateValue::Text(t.clone())),
            score: h(),
            courses: list(),
            thesis: h(),
            honors: list(),
            ..Default::default()
        }],
        projects: vec![Project {
            name: t.clone(),
            category: h(),
            description: h(),
            url: Some(HOSTILE_URL.into()),
            technologies: list(),
            highlights: list(),
            start: None,
            end: None,
            roles: list(),
            entity: h(),
            kind: h(),
            emphasize_for: Vec::new(),
            ..Default::default()
        }],
        certifications: vec![Certification {
            name: t.clone(),
            issuer: h(),
            date: Some(DateValue::Text(t.clone())),
            expires: Some(DateValue::Text(t.clone())),
            url: h(),
            credential_id: h(),
            ..Default::default()
        }],
        publications: vec![Publication {
            name: t.clone(),
            publisher: h(),
            date: None,
            url: Some("data:text/html,<script>alert(1)</script>".into()),
            summary: h(),
            authors: list(),
            doi: h(),
            ..Default::default()
        }],
        awards: vec![Award {
            title: t.clone(),
            date: None,
            awarder: h(),
            summary: h(),
            ..Default::default()
        }],
        languages: vec![Language {
            language: t.clone(),
            fluency: h(),
            ..Default::default()
        }],
        interests: vec![Interest {
            name: t.clone(),
            keywords: list(),
            ..Default::default()
        }],
        volunteer: vec![Volunteer {
            organization: t.clone(),
            position: h(),
            url: Some("javascript:alert(1)".into()),
            start: None,
            end: None,
            summary: h(),
            highlights: list(),
            ..Default::default()
        }],
        references: vec![Reference {
            name: t.clone(),
            reference: h(),
            ..Default::default()
        }],
        affiliations: vec![Affiliation {
            organization: t.clone(),
            role: h(),
            location: h(),
            start: None,
            end: None,
            url: h(),
            ..Default::default()
        }],
        custom_sections: vec![CustomSection {
            title: t.clone(),
            entries: vec![CustomEntry {
                title: h(),
                subtitle: h(),
                location: h(),
                date: h(),
                start: None,
                end: None,
                url: h(),
                summary: h(),
                bullets: list(),
            }],
        }],
        ..Resume::default()
    }
}
