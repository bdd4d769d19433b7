//! Tailoring and verification: the example resume against the real postings in
//! `../shared/fixtures/jobs/`, tables of forgeries and rephrasings, and properties over generated
//! resumes and jobs (every tailoring verifies; every forgery is caught).

mod common;

use common::fixtures;
use proptest::prelude::*;
use std::path::PathBuf;
use vitae_core::date::{DateValue, PartialDate};
use vitae_core::format;
use vitae_core::model::{
    Bullet, Certification, Education, Experience, Project, Resume, Skill, SkillCategory,
};
use vitae_core::variant;
use vitae_fit::job::{self, Job};
use vitae_fit::keywords::Vocabulary;
use vitae_fit::tailor::{
    Decision, Order, REPHRASE_THRESHOLD, TailorOptions, Tailored, Verification, ViolationKind,
    tailor, verify,
};

fn fixture(path: &str) -> String {
    let path = fixtures().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn example() -> Resume {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    let text = std::fs::read_to_string(&path).expect("examples/resume.yaml");
    format::read(&text, None).expect("the example reads").resume
}

fn posting(name: &str) -> Job {
    job::parse(&fixture(&format!("jobs/{name}.txt"))).expect("the posting reads")
}

fn tailored(resume: &Resume, job: &Job, options: &TailorOptions) -> Tailored {
    tailor(resume, job, Vocabulary::builtin(), options).expect("the starting variant exists")
}

/// Every string leaf of a value (through its JSON form).
fn strings(value: &impl serde::Serialize) -> Vec<String> {
    fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            serde_json::Value::Object(o) => o.values().for_each(|i| walk(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&serde_json::to_value(value).unwrap(), &mut out);
    out
}

fn assert_strings_from_source(source: &Resume, derived: &Resume, what: &str) {
    let known = strings(source);
    for s in strings(derived) {
        assert!(
            known.contains(&s),
            "{what}: {s:?} is not a string of the source"
        );
    }
}

fn assert_verified(source: &Resume, candidate: &Resume, what: &str) {
    let verdict = verify(source, candidate);
    assert!(verdict.is_ok(), "{what}:\n{verdict}");
}

/// `r` without the tags a tailoring's native variant adds (`key` and `key-omit`), which the view
/// of the native source carries and the tailored view does not.
fn untagged(r: &Resume, key: &str) -> Resume {
    let omit = format!("{key}-omit");
    let drop = |tags: &mut Vec<String>| tags.retain(|t| *t != key && *t != omit);
    let mut r = r.clone();
    for e in &mut r.experience {
        e.bullets
            .iter_mut()
            .for_each(|b| drop(&mut b.emphasize_for));
    }
    for c in &mut r.skills {
        c.items.iter_mut().for_each(|s| drop(&mut s.emphasize_for));
    }
    r.projects
        .iter_mut()
        .for_each(|p| drop(&mut p.emphasize_for));
    r
}

fn texts(r: &Resume, entry: usize) -> Vec<&str> {
    r.experience[entry]
        .bullets
        .iter()
        .map(|b| b.text.as_str())
        .collect()
}

fn tagged(b: &Bullet, tag: &str) -> bool {
    b.emphasize_for.iter().any(|t| t == tag)
}

// ---------------------------------------------------------------------------------------------
// Tailoring the example to the real postings
// ---------------------------------------------------------------------------------------------

#[test]
fn the_explanations_for_the_real_postings_match_their_snapshots() {
    let resume = example();
    for name in ["backend-eng", "frontend-eng"] {
        let t = tailored(&resume, &posting(name), &TailorOptions::default());
        insta::assert_json_snapshot!(format!("{name}-explanation"), t.explanation);
    }
    let t = tailored(&resume, &posting("backend-eng"), &TailorOptions::default());
    insta::assert_snapshot!("backend-eng-explanation-text", t.explanation.to_string());
}

#[test]
fn the_backend_posting_puts_backend_bullets_ahead_of_leadership_ones() {
    let resume = example();
    let t = tailored(&resume, &posting("backend-eng"), &TailorOptions::default());
    for (entry, source) in t.explanation.experience.iter().zip(&resume.experience) {
        let bullet = |path: &str| -> &Bullet {
            let j: usize = path
                .rsplit_once('[')
                .and_then(|(_, n)| n.trim_end_matches(']').parse().ok())
                .unwrap();
            &source.bullets[j]
        };
        // Every bullet its author wrote for backend roles that matches the posting is shown...
        for b in &entry.bullets {
            if tagged(bullet(&b.source), "backend") && b.score > 0.0 {
                assert!(
                    b.position.is_some(),
                    "{}: {} was dropped",
                    entry.path,
                    b.text
                );
            }
        }
        // ...ahead of every bullet written only for leadership roles.
        let last_backend = entry
            .bullets
            .iter()
            .filter(|b| tagged(bullet(&b.source), "backend"))
            .filter_map(|b| b.position)
            .max();
        for b in &entry.bullets {
            let only_leadership = bullet(&b.source).emphasize_for == ["leadership"];
            if let (true, Some(at), Some(last)) = (only_leadership, b.position, last_backend) {
                assert!(
                    at > last,
                    "{}: {} outranks a backend bullet",
                    entry.path,
                    b.text
                );
            }
        }
    }
    // Skill-wise, the summary written for backend roles wins, and the ML and leadership skills
    // make way.
    let summary = t.explanation.summary.as_ref().unwrap();
    assert_eq!(summary.chosen, "backend");
    assert_eq!(
        t.resume.summary.base,
        resume.summary.variants.get("backend").cloned()
    );
    let shown: Vec<&str> = t.resume.skills.iter().map(|c| c.name.as_str()).collect();
    assert!(
        !shown.contains(&"Machine Learning") && !shown.contains(&"Leadership"),
        "{shown:?}"
    );
    assert!(shown.contains(&"Backend & Data"), "{shown:?}");
}

#[test]
fn the_frontend_posting_puts_the_typescript_bullet_first() {
    let resume = example();
    let t = tailored(&resume, &posting("frontend-eng"), &TailorOptions::default());
    let best = t
        .explanation
        .experience
        .iter()
        .flat_map(|e| &e.bullets)
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .unwrap();
    assert!(best.text.contains("TypeScript"), "{}", best.text);
    assert_eq!(best.position, Some(1));
    assert!(best.matched.contains(&"TypeScript".to_owned()));
    // No summary is written for frontend roles, so the base one stays; only the section with
    // TypeScript is shown.
    assert_eq!(t.resume.summary.base, resume.summary.base);
    let shown: Vec<&str> = t.resume.skills.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(shown, ["Languages"]);
    assert_eq!(t.resume.skills[0].items[0].name, "TypeScript");
}

#[test]
fn every_string_of_a_tailored_resume_is_a_string_of_the_source() {
    let resume = example();
    for name in ["backend-eng", "frontend-eng"] {
        let job = posting(name);
        for start in [None, Some("backend"), Some("ml"), Some("leadership")] {
            for order in [Order::Relevance, Order::Source] {
                let options = TailorOptions {
                    starting_variant: start.map(str::to_owned),
                    order,
                    ..TailorOptions::default()
                };
                let t = tailored(&resume, &job, &options);
                let what = format!("{name} from {start:?}, {order:?}");
                assert_strings_from_source(&resume, &t.resume, &what);
                assert_verified(&resume, &t.resume, &what);
            }
        }
    }
}

#[test]
fn jobs_keep_their_order_and_between_the_minimum_and_the_cap_of_bullets() {
    let resume = example();
    let cases = [
        (None, None, 2, 4),
        (Some(3), None, 2, 3),
        (Some(1), None, 2, 1),
        (None, Some("leadership"), 1, 3),
        (Some(7), None, 7, 7),
    ];
    for name in ["backend-eng", "frontend-eng"] {
        let job = posting(name);
        for (max, start, min, cap) in cases {
            let options = TailorOptions {
                max_bullets_per_job: max,
                min_bullets_per_job: min,
                starting_variant: start.map(str::to_owned),
                ..TailorOptions::default()
            };
            let t = tailored(&resume, &job, &options);
            assert_eq!(t.explanation.max_bullets_per_job, cap, "{name} {max:?}");
            let companies: Vec<&str> = t
                .resume
                .experience
                .iter()
                .map(|e| e.company.as_str())
                .collect();
            let source: Vec<&str> = resume
                .experience
                .iter()
                .map(|e| e.company.as_str())
                .collect();
            assert_eq!(companies, source, "jobs are never dropped or reordered");
            for (i, e) in t.resume.experience.iter().enumerate() {
                let n = e.bullets.len();
                let floor = min.clamp(1, cap).min(resume.experience[i].bullets.len());
                assert!(n >= floor && n <= cap, "{name} {max:?} {}: {n}", e.company);
                for b in &e.bullets {
                    assert!(resume.experience[i].bullets.contains(b), "{}", b.text);
                }
            }
        }
    }
}

#[test]
fn a_starting_variant_bounds_what_tailoring_may_show() {
    let resume = example();
    let job = posting("backend-eng");
    let options = TailorOptions {
        starting_variant: Some("leadership".into()),
        ..TailorOptions::default()
    };
    let t = tailored(&resume, &job, &options);
    assert_eq!(t.explanation.starting_variant, "v1.0.0-leadership");
    assert_eq!(t.explanation.max_bullets_per_job, 3, "the variant's cap");
    // Only the variant's sections and project categories are candidates.
    let allowed = ["Leadership", "Cloud & Operations", "Languages"];
    for c in &t.resume.skills {
        assert!(allowed.contains(&c.name.as_str()), "{}", c.name);
    }
    for p in &t.resume.projects {
        let category = p.category.as_deref().unwrap_or_default();
        assert!(["talks", "open_source"].contains(&category), "{}", p.name);
    }
    // The backend summary still beats the leadership one for a backend posting.
    assert_eq!(t.explanation.summary.as_ref().unwrap().chosen, "backend");

    let unknown = TailorOptions {
        starting_variant: Some("sales".into()),
        ..TailorOptions::default()
    };
    let err = tailor(&resume, &job, Vocabulary::builtin(), &unknown).unwrap_err();
    assert!(err.known.contains(&"v1.0.0-ml".to_owned()), "{err}");
}

#[test]
fn excluded_bullets_stay_excluded() {
    let mut resume = example();
    resume.experience[0].bullets[0]
        .emphasize_for
        .push("confidential".into());
    resume.variants.insert(
        "public".into(),
        vitae_core::model::Variant {
            exclude_tags: vec!["confidential".into()],
            ..Default::default()
        },
    );
    let options = TailorOptions {
        starting_variant: Some("public".into()),
        max_bullets_per_job: Some(7),
        min_bullets_per_job: 7,
        ..TailorOptions::default()
    };
    let t = tailored(&resume, &posting("backend-eng"), &options);
    let excluded = &resume.experience[0].bullets[0].text;
    assert!(!texts(&t.resume, 0).contains(&excluded.as_str()));
    assert_eq!(t.resume.experience[0].bullets.len(), 6);
    let choice = t.explanation.experience[0]
        .bullets
        .iter()
        .find(|b| &b.text == excluded)
        .unwrap();
    assert_eq!(choice.decision, Decision::Excluded);
    // The native variant excludes it too.
    let native = variant::apply(&t.to_source(&resume), &t.variant_key).unwrap();
    assert!(!texts(&native, 0).contains(&excluded.as_str()));
}

#[test]
fn aliases_in_bullets_match_the_canonical_skills_of_the_job() {
    let mut resume = Resume::default();
    resume.basics.name = "Ada".into();
    resume.experience.push(Experience {
        company: "Acme".into(),
        bullets: vec![
            Bullet::plain("Organised the office party"),
            Bullet::plain("Ran our k8s clusters and Postgres replicas"),
            Bullet::plain("Wrote the quarterly newsletter"),
        ],
        ..Experience::default()
    });
    let job = Job {
        title: Some("Platform Engineer".into()),
        qualifications: vec!["Kubernetes and PostgreSQL in production".into()],
        ..Job::default()
    };
    let options = TailorOptions {
        min_bullets_per_job: 1,
        ..TailorOptions::default()
    };
    let t = tailored(&resume, &job, &options);
    assert_eq!(
        texts(&t.resume, 0),
        ["Ran our k8s clusters and Postgres replicas"]
    );
    let kept = &t.explanation.experience[0].bullets[0];
    assert_eq!(kept.matched, ["Kubernetes", "PostgreSQL"]);
}

#[test]
fn the_native_variant_reproduces_the_tailoring_and_round_trips() {
    let resume = example();
    for name in ["backend-eng", "frontend-eng"] {
        for start in [None, Some("backend"), Some("leadership")] {
            for order in [Order::Source, Order::Relevance] {
                let options = TailorOptions {
                    starting_variant: start.map(str::to_owned),
                    order,
                    ..TailorOptions::default()
                };
                let t = tailored(&resume, &posting(name), &options);
                let what = format!("{name} from {start:?}, {order:?}");
                let source = t.to_source(&resume);
                // Through the native format and back.
                let reread = format::read(&format::to_native_yaml(&source), None)
                    .unwrap()
                    .resume;
                assert_eq!(reread, source, "{what}: the native source round-trips");
                let native = variant::apply(&reread, &t.variant_key).unwrap();
                assert_verified(&resume, &native, &what);
                if order == Order::Source {
                    assert_eq!(untagged(&native, &t.variant_key), t.resume, "{what}");
                } else {
                    // The same content; only the order inside a job, a section or the projects
                    // may differ.
                    assert_eq!(native.summary, t.resume.summary, "{what}");
                    let names = |r: &Resume| -> Vec<String> {
                        r.skills.iter().map(|c| c.name.clone()).collect()
                    };
                    assert_eq!(names(&native), names(&t.resume), "{what}");
                    for (a, b) in native.experience.iter().zip(&t.resume.experience) {
                        let mut a: Vec<&str> = a.bullets.iter().map(|b| b.text.as_str()).collect();
                        let mut b: Vec<&str> = b.bullets.iter().map(|b| b.text.as_str()).collect();
                        a.sort_unstable();
                        b.sort_unstable();
                        assert_eq!(a, b, "{what}");
                    }
                    let mut a: Vec<&str> =
                        native.projects.iter().map(|p| p.name.as_str()).collect();
                    let mut b: Vec<&str> =
                        t.resume.projects.iter().map(|p| p.name.as_str()).collect();
                    a.sort_unstable();
                    b.sort_unstable();
                    assert_eq!(a, b, "{what}");
                }
                // The existing variants are untouched.
                for key in resume.variants.keys() {
                    assert_eq!(
                        untagged(&variant::apply(&source, key).unwrap(), &t.variant_key),
                        variant::apply(&resume, key).unwrap(),
                        "{what}: {key}"
                    );
                }
            }
        }
    }
}

#[test]
fn tailored_variant_keys_never_collide_with_the_source() {
    let mut resume = example();
    let job = posting("backend-eng");
    let first = tailored(&resume, &job, &TailorOptions::default());
    assert_eq!(first.variant_key, "tailored-senior-backend-engineer");
    resume = first.to_source(&resume);
    let second = tailored(&resume, &job, &TailorOptions::default());
    assert_eq!(second.variant_key, "tailored-senior-backend-engineer-2");
    let chosen = TailorOptions {
        variant_key: Some("backend".into()),
        ..TailorOptions::default()
    };
    // `backend` is the short name of `v1.0.0-backend`.
    assert_eq!(tailored(&resume, &job, &chosen).variant_key, "backend-2");
}

#[test]
fn tailoring_is_deterministic() {
    let resume = example();
    let job = posting("backend-eng");
    let a = tailored(&resume, &job, &TailorOptions::default());
    let b = tailored(&resume, &job, &TailorOptions::default());
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a.explanation).unwrap(),
        serde_json::to_string(&b.explanation).unwrap()
    );
}

// ---------------------------------------------------------------------------------------------
// Verification against forgeries and rephrasings
// ---------------------------------------------------------------------------------------------

#[test]
fn verify_accepts_the_source_and_every_variant_of_it() {
    let resume = example();
    assert_verified(&resume, &resume, "the source itself");
    for key in variant::names(&resume) {
        assert_verified(&resume, &variant::apply(&resume, &key).unwrap(), &key);
    }
}

/// The index of a bullet in a (possibly reordered) entry, by a fragment of its text.
fn at(r: &Resume, entry: usize, fragment: &str) -> usize {
    r.experience[entry]
        .bullets
        .iter()
        .position(|b| b.text.contains(fragment))
        .unwrap_or_else(|| panic!("no bullet with {fragment:?} in experience[{entry}]"))
}

fn replace_in(r: &mut Resume, entry: usize, fragment: &str, from: &str, to: &str) -> String {
    let j = at(r, entry, fragment);
    let b = &mut r.experience[entry].bullets[j];
    assert!(b.text.contains(from), "{} lacks {from:?}", b.text);
    b.text = b.text.replace(from, to);
    format!("experience[{entry}].bullets[{j}]")
}

type Forgery = fn(&mut Resume) -> String;

#[test]
fn verify_rejects_forgeries() {
    let resume = example();
    let base = tailored(&resume, &posting("backend-eng"), &TailorOptions::default()).resume;
    let forgeries: &[(&str, Forgery, ViolationKind)] = &[
        (
            "an invented employer",
            // Its bullets are reported too: they are another employer's.
            |r| {
                r.experience[1].company = "Stripe".into();
                "experience[1]".into()
            },
            ViolationKind::Employer,
        ),
        (
            "a start date moved a year earlier",
            |r| {
                r.experience[1].start = Some(DateValue::parse("2018-01"));
                "experience[1].start".into()
            },
            ViolationKind::Date,
        ),
        (
            "a past job made current",
            |r| {
                r.experience[2].end = Some(DateValue::Present);
                "experience[2].end".into()
            },
            ViolationKind::Date,
        ),
        (
            "a promoted job title",
            |r| {
                r.experience[0].title = Some("Principal Engineer, Platform".into());
                "experience[0].title".into()
            },
            ViolationKind::Title,
        ),
        (
            "a PhD added at a real institution",
            |r| {
                r.education.push(Education {
                    institution: "University of Illinois Urbana-Champaign".into(),
                    degree: Some("PhD".into()),
                    field: Some("Computer Science".into()),
                    ..Education::default()
                });
                "education[2].degree".into()
            },
            ViolationKind::Degree,
        ),
        (
            "an upgraded degree",
            |r| {
                r.education[1].degree = Some("MSc".into());
                "education[1].degree".into()
            },
            ViolationKind::Degree,
        ),
        (
            "a changed institution",
            |r| {
                r.education[0].institution = "Stanford University".into();
                "education[0].institution".into()
            },
            ViolationKind::Institution,
        ),
        (
            "a PhD credential",
            |r| {
                r.basics.credentials.push("PhD".into());
                "basics.credentials[1]".into()
            },
            ViolationKind::Degree,
        ),
        (
            "an inflated percentage",
            |r| replace_in(r, 1, "cloud spend", "22%", "45%"),
            ViolationKind::Number,
        ),
        (
            "an inflated amount",
            // The bullet the tailoring dropped, brought back with a bigger number.
            |r| {
                r.experience[0].bullets.push(Bullet::plain(
                    "Rewrote the rate-quote engine hot path in Rust, reducing CPU cost by 45% and \
                     saving $3.1M a year",
                ));
                format!(
                    "experience[0].bullets[{}]",
                    r.experience[0].bullets.len() - 1
                )
            },
            ViolationKind::Number,
        ),
        (
            "an inflated count of customers",
            |r| replace_in(r, 1, "demand-forecasting", "120 retail", "1,200 retail"),
            ViolationKind::Number,
        ),
        (
            "one more engineer mentored",
            |r| {
                r.experience[0].bullets.push(Bullet::plain(
                    "Mentored five engineers through promotion to senior and ran the platform \
                     interview loop",
                ));
                format!(
                    "experience[0].bullets[{}]",
                    r.experience[0].bullets.len() - 1
                )
            },
            ViolationKind::Number,
        ),
        (
            "a faster latency",
            |r| replace_in(r, 0, "shipment-tracking", "35 ms", "5 ms"),
            ViolationKind::Number,
        ),
        (
            "Docker, which the source never mentions, added to a bullet",
            |r| {
                replace_in(
                    r,
                    1,
                    "cloud spend",
                    "Kubernetes node pools",
                    "Kubernetes node pools on Docker",
                )
            },
            ViolationKind::Skill,
        ),
        (
            "Kubernetes added to a job where the source never used it",
            |r| {
                replace_in(
                    r,
                    2,
                    "event-sourced",
                    "scheduling core",
                    "scheduling core on Kubernetes",
                )
            },
            ViolationKind::Skill,
        ),
        (
            "Kubernetes added to a bullet's skills where the source never used it",
            |r| {
                let j = at(r, 2, "event-sourced");
                r.experience[2].bullets[j].skills.push("Kubernetes".into());
                format!("experience[2].bullets[{j}].skills")
            },
            ViolationKind::Skill,
        ),
        (
            "an invented skill in the skills section",
            |r| {
                r.skills[0].items.push(Skill {
                    name: "Docker".into(),
                    ..Skill::default()
                });
                "skills[0].items".into()
            },
            ViolationKind::Skill,
        ),
        (
            "inflated years of a skill",
            |r| {
                let (c, j) = r
                    .skills
                    .iter()
                    .enumerate()
                    .find_map(|(c, cat)| {
                        cat.items
                            .iter()
                            .position(|s| s.name == "Go")
                            .map(|j| (c, j))
                    })
                    .unwrap();
                r.skills[c].items[j].years = Some(12.0);
                format!("skills[{c}].items[{j}].years")
            },
            ViolationKind::Number,
        ),
        (
            "a bullet that maps to nothing",
            |r| {
                r.experience[0].bullets.push(Bullet::plain(
                    "Founded a quantum computing startup acquired by Google",
                ));
                format!(
                    "experience[0].bullets[{}]",
                    r.experience[0].bullets.len() - 1
                )
            },
            ViolationKind::Bullet,
        ),
        (
            "a bullet moved to another employer",
            |r| {
                let moved = r.experience[0].bullets[0].clone();
                r.experience[3].bullets.push(moved);
                format!(
                    "experience[3].bullets[{}]",
                    r.experience[3].bullets.len() - 1
                )
            },
            ViolationKind::Bullet,
        ),
        (
            "a prompt injection in the summary",
            |r| {
                let s = r.summary.base.as_mut().unwrap();
                s.push_str(" Holds a PhD from MIT.");
                "summary.base".into()
            },
            ViolationKind::Degree,
        ),
        (
            "a prompt injection appended to a bullet",
            |r| {
                replace_in(
                    r,
                    0,
                    "shipment-tracking",
                    "35 ms",
                    "35 ms; holds a PhD from MIT",
                )
            },
            ViolationKind::Degree,
        ),
        (
            "a name the source never uses",
            |r| {
                replace_in(
                    r,
                    1,
                    "cloud spend",
                    "through storage",
                    "at Netflix through storage",
                )
            },
            ViolationKind::Text,
        ),
        (
            "a label the source never gives",
            |r| {
                r.basics.label = Some("Principal Engineer".into());
                "basics.label".into()
            },
            ViolationKind::Title,
        ),
        (
            "an invented project",
            |r| {
                r.projects.push(Project {
                    name: "kubeflare".into(),
                    ..Project::default()
                });
                format!("projects[{}].name", r.projects.len() - 1)
            },
            ViolationKind::Project,
        ),
        (
            "an invented certification",
            |r| {
                r.certifications.push(Certification {
                    name: "Google Professional Cloud Architect".into(),
                    ..Certification::default()
                });
                format!("certifications[{}].name", r.certifications.len() - 1)
            },
            ViolationKind::Certification,
        ),
        (
            "a changed email",
            |r| {
                r.basics.email = Some("maya@evil.example".into());
                "basics.email".into()
            },
            ViolationKind::Contact,
        ),
    ];
    for (description, forge, kind) in forgeries {
        let mut candidate = base.clone();
        let path = forge(&mut candidate);
        let verdict = verify(&resume, &candidate);
        assert!(
            verdict
                .violations
                .iter()
                .any(|v| v.kind == *kind && v.path.starts_with(&path)),
            "{description}: expected a {kind:?} violation at {path}\n{verdict}"
        );
        // Nothing else is reported.
        for v in &verdict.violations {
            assert!(
                v.path.starts_with(&path),
                "{description}: also reported {v}"
            );
        }
    }
}

#[test]
fn verify_reports_where_a_forged_bullet_maps_to() {
    let resume = example();
    let mut candidate = resume.clone();
    candidate.experience[1].bullets[3].text =
        "Reduced cloud spend 45% via storage tiering and right-sized Kubernetes node pools".into();
    let verdict = verify(&resume, &candidate);
    let v = &verdict.violations[0];
    assert_eq!(
        (v.kind, v.path.as_str(), v.found.as_str()),
        (ViolationKind::Number, "experience[1].bullets[3]", "45%")
    );
    assert_eq!(v.maps_to.as_deref(), Some("experience[1].bullets[3]"));
    assert!(
        v.message.contains("not in the source bullet"),
        "{}",
        v.message
    );
    // 45% is a number of another bullet, so it is "not in the bullet", not "nowhere".
    candidate.experience[1].bullets[3].text =
        "Reduced cloud spend 71% via storage tiering and right-sized Kubernetes node pools".into();
    let verdict = verify(&resume, &candidate);
    assert!(
        verdict.violations[0].message.contains("nowhere"),
        "{verdict}"
    );
}

#[test]
fn verify_accepts_rephrasings_that_keep_their_facts_and_maps_them() {
    let resume = example();
    let cases: &[(usize, usize, &str)] = &[
        (
            0,
            0,
            "Built a Go shipment-tracking API handling 40,000 requests/second with 35 ms p99 latency",
        ),
        (0, 0, "Designed the shipment-tracking API in Go"),
        (
            0,
            0,
            "Built the shipment-tracking API (Go, gRPC, PostgreSQL) serving 40K RPS at 35ms p99",
        ),
        (
            0,
            5,
            "Mentored 4 engineers to senior promotions; ran the platform interview loop",
        ),
        (
            0,
            6,
            "Incident commander for 30+ production incidents; authored the company-wide runbook template",
        ),
        (
            1,
            2,
            "Deployed demand-forecasting models to 120 retail customers, with automated retraining and drift alerting",
        ),
        (
            0,
            1,
            "Moved 60 services off a hand-built VM fleet onto Kubernetes in three quarters with zero customer-facing downtime",
        ),
        (
            0,
            4,
            "Rewrote the rate-quote engine's hot path in Rust: 45% less CPU, $310K saved a year",
        ),
        (
            1,
            3,
            "Reduced cloud spend by 22% via storage tiering and right-sizing Kubernetes node pools",
        ),
        (
            1,
            4,
            "Took pages per week from 35 to 6 by establishing on-call rotations and SLOs",
        ),
        (
            2,
            3,
            "Ran the engineering internship program for two summers: 8 interns, 5 return offers",
        ),
        (
            3,
            1,
            "Wrote an integration-test harness that halved release regressions",
        ),
    ];
    for &(entry, bullet, text) in cases {
        let mut candidate = resume.clone();
        candidate.experience[entry].bullets[bullet].text = text.to_owned();
        let verdict = verify(&resume, &candidate);
        assert!(verdict.is_ok(), "{text}\n{verdict}");
        let path = format!("experience[{entry}].bullets[{bullet}]");
        let mapped = verdict
            .mapped_bullets
            .iter()
            .find(|m| m.candidate == path)
            .unwrap();
        assert_eq!(mapped.source, path, "{text}");
        assert!(
            mapped.similarity >= REPHRASE_THRESHOLD,
            "{text}: {}",
            mapped.similarity
        );
    }
}

#[test]
fn verify_output_is_data_for_every_consumer() {
    let resume = example();
    let mut candidate = resume.clone();
    candidate.experience[0].company = "Stripe".into();
    let verdict: Verification = verify(&resume, &candidate);
    assert_eq!(
        verdict.kinds(),
        [ViolationKind::Employer, ViolationKind::Bullet]
    );
    let json = serde_json::to_value(&verdict).unwrap();
    assert_eq!(json["violations"][0]["kind"], "employer");
    assert_eq!(json["violations"][0]["path"], "experience[0].company");
    let diagnostics = verdict.diagnostics();
    assert_eq!(diagnostics.len(), verdict.violations.len());
    assert!(
        verdict
            .to_string()
            .contains("`Stripe` is not an employer in the source")
    );
}

// ---------------------------------------------------------------------------------------------
// Properties over generated resumes and jobs
// ---------------------------------------------------------------------------------------------

const COMPANIES: &[&str] = &["Acme Corp", "Globex", "Initech", "Umbrella Labs", "Hooli"];
const TITLES: &[&str] = &[
    "Software Engineer",
    "Senior Engineer",
    "Tech Lead",
    "Data Engineer",
];
const SKILLS: &[&str] = &[
    "Python",
    "Go",
    "Rust",
    "Kubernetes",
    "PostgreSQL",
    "Redis",
    "React",
    "TypeScript",
    "Kafka",
    "Terraform",
    "GraphQL",
    "Java",
    "AWS",
    "Docker",
];
const VERBS: &[&str] = &[
    "Built",
    "Designed",
    "Led",
    "Migrated",
    "Scaled",
    "Automated",
];
const OBJECTS: &[&str] = &[
    "the billing service",
    "a streaming data pipeline",
    "the search API",
    "the customer dashboard",
    "the deployment system",
    "an internal analytics platform",
];
const RESULTS: &[&str] = &[
    "cutting costs by {n}%",
    "serving {n},000 requests per second",
    "for {n} enterprise customers",
    "saving ${n}K a year",
    "reducing latency by {n} ms",
];

fn bullet() -> impl Strategy<Value = Bullet> {
    (
        prop::sample::select(VERBS),
        prop::sample::select(OBJECTS),
        prop::sample::subsequence(SKILLS, 1..3),
        prop::sample::select(RESULTS),
        2u32..99,
        any::<bool>(),
    )
        .prop_map(|(verb, object, skills, result, n, declare)| {
            let text = format!(
                "{verb} {object} with {}, {}",
                skills.join(" and "),
                result.replace("{n}", &n.to_string())
            );
            Bullet {
                text,
                skills: if declare {
                    skills.iter().map(|s| (*s).to_owned()).collect()
                } else {
                    Vec::new()
                },
                emphasize_for: Vec::new(),
            }
        })
}

fn experience() -> impl Strategy<Value = Experience> {
    (
        prop::sample::select(COMPANIES),
        prop::sample::select(TITLES),
        2005u16..2024,
        1u8..13,
        prop::option::of(1u16..6),
        prop::collection::vec(bullet(), 1..7),
    )
        .prop_map(|(company, title, year, month, years, bullets)| Experience {
            company: company.into(),
            title: Some(title.into()),
            start: Some(DateValue::Date(PartialDate {
                year,
                month: Some(month),
                day: None,
            })),
            end: Some(years.map_or(DateValue::Present, |y| {
                DateValue::Date(PartialDate {
                    year: year + y,
                    month: Some(month),
                    day: None,
                })
            })),
            bullets,
            ..Experience::default()
        })
}

fn resume() -> impl Strategy<Value = Resume> {
    (
        prop::collection::vec(experience(), 1..5),
        prop::collection::vec(prop::sample::subsequence(SKILLS, 1..5), 1..4),
        prop::collection::vec((prop::sample::subsequence(SKILLS, 1..3), 0u32..500), 0..4),
        any::<bool>(),
    )
        .prop_map(|(experience, sections, projects, degree)| {
            let mut r = Resume::default();
            r.basics.name = "Sam Doe".into();
            r.summary.base = Some(format!(
                "Engineer with {} jobs behind them, working in {}.",
                experience.len(),
                sections[0].join(", ")
            ));
            r.summary.variants.insert(
                "focused".into(),
                format!(
                    "Specialist in {}.",
                    sections[sections.len() - 1].join(" and ")
                ),
            );
            r.skills = sections
                .iter()
                .enumerate()
                .map(|(i, names)| SkillCategory {
                    name: format!("Group {i}"),
                    items: names
                        .iter()
                        .map(|n| Skill {
                            name: (*n).to_owned(),
                            ..Skill::default()
                        })
                        .collect(),
                    ..SkillCategory::default()
                })
                .collect();
            r.projects = projects
                .iter()
                .enumerate()
                .map(|(i, (tech, stars))| Project {
                    name: format!("project-{i}"),
                    description: Some(format!("A tool built with {}", tech.join(" and "))),
                    technologies: tech.iter().map(|t| (*t).to_owned()).collect(),
                    highlights: vec![format!("{stars} stars on GitHub")],
                    ..Project::default()
                })
                .collect();
            if degree {
                r.education.push(Education {
                    institution: "State University".into(),
                    degree: Some("BSc".into()),
                    field: Some("Computer Science".into()),
                    ..Education::default()
                });
            }
            r.experience = experience;
            r
        })
}

fn job() -> impl Strategy<Value = Job> {
    (
        prop::sample::select(TITLES),
        prop::sample::subsequence(SKILLS, 1..6),
        prop::sample::subsequence(SKILLS, 0..4),
        prop::sample::select(OBJECTS),
        any::<bool>(),
    )
        .prop_map(|(title, required, nice, object, as_text)| {
            let job = Job {
                title: Some(title.into()),
                qualifications: required
                    .iter()
                    .map(|s| format!("Production experience with {s}"))
                    .collect(),
                nice_to_have: nice.iter().map(|s| format!("{s} is a plus")).collect(),
                responsibilities: vec![format!("Own {object} end to end")],
                ..Job::default()
            };
            if as_text {
                // The same job as a posting's text, through the reader.
                let text = format!(
                    "{title}\n\nResponsibilities\n- {}\n\nRequirements\n{}\n",
                    job.responsibilities[0],
                    job.qualifications
                        .iter()
                        .map(|q| format!("- {q}\n"))
                        .collect::<String>()
                );
                job::parse(&text).unwrap()
            } else {
                job
            }
        })
}

fn options() -> impl Strategy<Value = TailorOptions> {
    (
        prop::option::of(1usize..6),
        0usize..4,
        0usize..4,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(max, min, projects, keep, source_order)| TailorOptions {
            max_bullets_per_job: max,
            min_bullets_per_job: min,
            max_projects: projects,
            keep_unmatched_skill_sections: keep,
            order: if source_order {
                Order::Source
            } else {
                Order::Relevance
            },
            ..TailorOptions::default()
        })
}

/// A forgery applied to a tailored resume, and the kind of violation it must raise.
#[derive(Debug, Clone, Copy)]
enum Forge {
    Employer,
    Date,
    Degree,
    Metric,
    Skill,
    Bullet,
}

fn forge(kind: Forge, r: &mut Resume, pick: usize) -> ViolationKind {
    let entry = pick % r.experience.len();
    match kind {
        Forge::Employer => {
            r.experience[entry].company = "Nonexistent Holdings".into();
            ViolationKind::Employer
        }
        Forge::Date => {
            if let Some(DateValue::Date(d)) = &mut r.experience[entry].start {
                d.year -= 1 + (pick % 3) as u16;
            }
            ViolationKind::Date
        }
        Forge::Degree => {
            match r.education.first_mut() {
                Some(e) => e.degree = Some("PhD".into()),
                None => r.education.push(Education {
                    institution: "State University".into(),
                    degree: Some("PhD".into()),
                    ..Education::default()
                }),
            }
            ViolationKind::Degree
        }
        Forge::Metric => {
            let e = &mut r.experience[entry];
            let j = pick % e.bullets.len();
            // Every generated bullet has one number; raise it.
            let text = &e.bullets[j].text;
            let start = text.find(|c: char| c.is_ascii_digit()).unwrap();
            let end = start
                + text[start..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(text.len() - start);
            let n: u32 = text[start..end].parse().unwrap();
            e.bullets[j].text = format!("{}{}{}", &text[..start], n + 100, &text[end..]);
            ViolationKind::Number
        }
        Forge::Skill => {
            let e = &mut r.experience[entry];
            let j = pick % e.bullets.len();
            e.bullets[j].text.push_str(" on Elixir");
            ViolationKind::Skill
        }
        Forge::Bullet => {
            r.experience[entry].bullets.push(Bullet::plain(
                "Negotiated a merger between two shipping conglomerates",
            ));
            ViolationKind::Bullet
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn verify_accepts_every_tailoring(source in resume(), job in job(), options in options()) {
        let t = tailored(&source, &job, &options);
        assert_strings_from_source(&source, &t.resume, "tailored");
        let verdict = verify(&source, &t.resume);
        prop_assert!(verdict.is_ok(), "{}", verdict);
        let native = variant::apply(&t.to_source(&source), &t.variant_key).unwrap();
        let verdict = verify(&source, &native);
        prop_assert!(verdict.is_ok(), "native: {}", verdict);
        if options.order == Order::Source {
            prop_assert_eq!(&untagged(&native, &t.variant_key), &t.resume);
        }
        for (e, s) in t.resume.experience.iter().zip(&source.experience) {
            prop_assert!(!e.bullets.is_empty() || s.bullets.is_empty());
        }
    }

    #[test]
    fn verify_rejects_every_forgery(
        source in resume(),
        job in job(),
        kind in prop::sample::select(vec![
            Forge::Employer, Forge::Date, Forge::Degree, Forge::Metric, Forge::Skill, Forge::Bullet,
        ]),
        pick in 0usize..1000,
    ) {
        let mut candidate = tailored(&source, &job, &TailorOptions::default()).resume;
        let expected = forge(kind, &mut candidate, pick);
        let verdict = verify(&source, &candidate);
        prop_assert!(verdict.kinds().contains(&expected), "{:?}: {}", kind, verdict);
    }
}

/// The ATS report (from structure, default weights) of `shown` for `job`.
fn ats_report(source: &Resume, shown: &Resume, name: &str, job: &Job) -> vitae_fit::ats::AtsReport {
    let input = vitae_fit::ats::AtsInput {
        source,
        shown,
        variant: name,
        job,
        text_layer: None,
    };
    vitae_fit::ats::check(&input, Vocabulary::builtin(), &Default::default())
}

fn ats_score(source: &Resume, shown: &Resume, name: &str, job: &Job) -> f64 {
    ats_report(source, shown, name, job).score
}

fn never_below_the_start(source: &Resume, job: &Job, start: &str) {
    let view = variant::apply(source, start).unwrap();
    let options = TailorOptions {
        starting_variant: Some(start.to_owned()),
        ..TailorOptions::default()
    };
    let t = tailored(source, job, &options);
    let before = ats_score(source, &view, start, job);
    let after = ats_score(source, &t.resume, &t.variant_key, job);
    assert!(
        after >= before,
        "{start} for {:?}: tailored {after} < starting {before}",
        job.title
    );
}

#[test]
fn the_tailored_variant_never_scores_below_its_start_on_the_real_postings() {
    let source = example();
    let stripe = job::parse(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stripe-job.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // The Stripe posting, from the whole resume, scored 90.9 before tailoring and 89.0 after
    // when the cap stayed at 4 bullets per job.
    for job in [posting("backend-eng"), posting("frontend-eng"), stripe] {
        for start in ["base", "backend", "ml", "leadership"] {
            never_below_the_start(&source, &job, start);
        }
    }
}

/// The points of every ATS category but readability, whose ratios (bullets opening with an
/// action verb, among those shown) can move by a tenth or two when fewer bullets are shown.
fn ats_points_but_readability(source: &Resume, shown: &Resume, name: &str, job: &Job) -> f64 {
    ats_report(source, shown, name, job)
        .categories
        .iter()
        .filter(|c| c.id != vitae_fit::ats::CategoryId::Readability)
        .map(|c| c.score)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// Any job made of skills (some the resume has, some it does not) and a title: tailoring
    /// never loses the keywords, sections or contact the starting variant scores for.
    #[test]
    fn tailoring_never_lowers_the_ats_keywords_or_structure(
        skills in proptest::sample::subsequence(
            vec!["Go", "Rust", "Python", "Kafka", "PostgreSQL", "Redis", "Kubernetes", "Terraform",
                 "AWS", "PyTorch", "TypeScript", "React", "Java", "Docker", "GraphQL", "Snowflake"],
            1..10,
        ),
        title in prop_oneof![Just("Backend Engineer"), Just("ML Engineer"), Just("Engineering Manager"), Just("Platform Engineer")],
        start in prop_oneof![Just("base"), Just("backend"), Just("ml"), Just("leadership")],
    ) {
        let text = format!(
            "{title}\n\nRequirements\n{}\n",
            skills.iter().map(|s| format!("- Experience with {s}")).collect::<Vec<_>>().join("\n")
        );
        let job = job::parse(&text).unwrap();
        let source = example();
        let view = variant::apply(&source, start).unwrap();
        let options = TailorOptions {
            starting_variant: Some(start.to_owned()),
            ..TailorOptions::default()
        };
        let t = tailored(&source, &job, &options);
        let before = ats_points_but_readability(&source, &view, start, &job);
        let after = ats_points_but_readability(&source, &t.resume, &t.variant_key, &job);
        prop_assert!(after >= before - 1e-9, "{start} for {title}: {after} < {before}");
    }
}

#[test]
fn a_quantified_achievement_that_matches_the_job_outranks_a_generic_match() {
    let text = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n\
                experience:\n  - company: Acme\n    title: Engineer\n    start_date: 2020-01\n\
                \x20   bullets:\n\
                \x20     - Participated in design reviews and design discussions for the team\n\
                \x20     - Cut p99 latency of the checkout service by 40% with connection pooling\n";
    let source = format::read(text, None).unwrap().resume;
    let job = job::parse(
        "Backend Engineer\n\nResponsibilities\n- Design and review services with the team\n\
         - Design for reliability\n- Keep latency low\n",
    )
    .unwrap();
    let options = TailorOptions {
        max_bullets_per_job: Some(1),
        ..TailorOptions::default()
    };
    let t = tailored(&source, &job, &options);
    assert_eq!(
        t.resume.experience[0].bullets[0].text,
        "Cut p99 latency of the checkout service by 40% with connection pooling",
        "{:#?}",
        t.explanation.experience
    );
}
