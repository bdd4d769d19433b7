//! Job ranking: the project example (`examples/resume.yaml`, a backend/platform and ML engineer)
//! against the real postings in `../shared/fixtures/jobs/` and the JSON Resume job sample
//! (override with `VITAE_FIXTURES`); what each part of the score rewards, through one `check`
//! helper; and properties that hold for any posting (the score stays within 0–100 and is the sum
//! of its reasons).

mod common;

use common::fixtures;
use proptest::prelude::*;
use std::path::PathBuf;
use vitae_core::model::{Bullet, Experience, Skill, SkillCategory};
use vitae_core::{DateValue, PartialDate, Resume, variant};
use vitae_fit::job::{self, Job};
use vitae_fit::keywords::Vocabulary;
use vitae_fit::rank::{Preference, Profile, RankOptions, RankWeights, Ranked, ReasonKind, rank};

// ---- Inputs -------------------------------------------------------------------------------------

fn fixture(path: &str) -> String {
    let path = fixtures().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn example() -> Resume {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    let bytes = std::fs::read(&path).expect("examples/resume.yaml");
    vitae_core::load(&bytes, None, &Default::default())
        .expect("the example reads")
        .resume
}

fn vocabulary() -> &'static Vocabulary {
    Vocabulary::builtin()
}

fn parse(text: &str) -> Job {
    job::read(
        text,
        &job::Options {
            vocabulary: vocabulary(),
        },
    )
    .expect("the posting reads")
    .job
}

/// The real postings, in this order: backend, frontend, the JSON Resume sample (a web developer).
fn postings() -> Vec<Job> {
    vec![
        parse(&fixture("jobs/backend-eng.txt")),
        parse(&fixture("jobs/frontend-eng.txt")),
        parse(&fixture("jsonresume/sample.job.json")),
    ]
}

/// The example as its base view shows it (everything, the base summary).
fn example_profile() -> Profile {
    let source = example();
    let shown = variant::apply(&source, variant::BASE).unwrap();
    Profile::new(&source, &shown, vocabulary())
}

fn ranked(profile: &Profile, jobs: &[Job]) -> Vec<Ranked> {
    rank(profile, jobs, vocabulary(), &RankOptions::default())
}

fn reason(r: &Ranked, kind: ReasonKind) -> &vitae_fit::rank::Reason {
    r.reasons
        .iter()
        .find(|x| x.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} reason in {r:#?}"))
}

/// The invariants of every result: scores within 0–100 in tenths, reasons adding up to the
/// score and their maxima to 100, each reason within its maximum, best first with ties in input
/// order, every input once.
fn assert_well_formed(result: &[Ranked], jobs: usize) {
    assert_eq!(result.len(), jobs);
    let mut seen: Vec<usize> = result.iter().map(|r| r.index).collect();
    seen.sort_unstable();
    assert_eq!(seen, (0..jobs).collect::<Vec<_>>());
    for pair in result.windows(2) {
        assert!(
            pair[0].score > pair[1].score
                || (pair[0].score == pair[1].score && pair[0].index < pair[1].index),
            "order: {} ({}) before {} ({})",
            pair[0].index,
            pair[0].score,
            pair[1].index,
            pair[1].score
        );
    }
    for r in result {
        assert!((0.0..=100.0).contains(&r.score), "score {}", r.score);
        assert!(((r.score * 10.0).round() - r.score * 10.0).abs() < 1e-9);
        let points: f64 = r.reasons.iter().map(|x| x.points).sum();
        assert!(
            (points - r.score).abs() < 1e-9,
            "reasons add up to {points}, score {}: {r:#?}",
            r.score
        );
        let max: f64 = r.reasons.iter().map(|x| x.max).sum();
        assert!((max - 100.0).abs() < 1e-9, "maxima add up to {max}");
        for x in &r.reasons {
            assert!(
                x.points >= 0.0 && x.points <= x.max + 1e-9,
                "{x:?} out of its range"
            );
            assert!(!x.detail.is_empty());
        }
    }
}

// ---- The example and the real postings ----------------------------------------------------------

#[test]
fn the_backend_posting_ranks_first_for_the_backend_engineer() {
    // Maya Okafor builds Go/Rust/Python services on PostgreSQL, Kafka, Redis and Kubernetes; the
    // one frontend thing she did was add TypeScript to a dashboard in 2014.
    let profile = example_profile();
    let jobs = postings();
    let result = ranked(&profile, &jobs);
    assert_well_formed(&result, jobs.len());
    let order: Vec<usize> = result.iter().map(|r| r.index).collect();
    assert_eq!(order[0], 0, "backend first: {result:#?}");
    let backend = &result[0];
    let frontend = result.iter().find(|r| r.index == 1).unwrap();
    assert!(
        backend.score >= frontend.score + 10.0,
        "backend {} vs frontend {}",
        backend.score,
        frontend.score
    );
    assert_eq!(
        backend.title.as_deref(),
        Some("Senior Backend Engineer"),
        "the title comes with the result"
    );
    for skill in [
        "Python",
        "Apache Kafka",
        "PostgreSQL",
        "Kubernetes",
        "Redis",
    ] {
        assert!(
            backend.matched.iter().any(|m| m == skill),
            "{skill} matched: {:?}",
            backend.matched
        );
    }
    for skill in ["FastAPI", "Docker"] {
        assert!(
            backend.missing.iter().any(|m| m == skill),
            "{skill} missing: {:?}",
            backend.missing
        );
    }
    assert!(frontend.matched.iter().any(|m| m == "TypeScript"));
    assert!(frontend.missing.iter().any(|m| m == "React"));
    // The evidence names what matched.
    let required = reason(backend, ReasonKind::RequiredSkills);
    assert!(
        required.detail.contains("required skills: ") && required.detail.contains("Python"),
        "{}",
        required.detail
    );
    assert!(
        reason(frontend, ReasonKind::RequiredSkills).points
            < reason(backend, ReasonKind::RequiredSkills).points
    );
    let bullets = reason(backend, ReasonKind::BestBullets);
    assert!(
        bullets.points > 0.0 && bullets.detail.contains('“'),
        "{bullets:?}"
    );
}

#[test]
fn missing_skills_list_the_required_first() {
    let profile = example_profile();
    let result = ranked(&profile, &postings());
    let backend = result.iter().find(|r| r.index == 0).unwrap();
    // The backend posting's requirements name Docker; its description names FastAPI and Django
    // REST Framework. The required ones come first.
    let docker = backend.missing.iter().position(|m| m == "Docker").unwrap();
    let fastapi = backend.missing.iter().position(|m| m == "FastAPI").unwrap();
    assert!(docker < fastapi, "{:?}", backend.missing);
}

#[test]
fn the_json_resume_job_is_scored_from_its_skills_list_and_place() {
    let profile = example_profile();
    let result = ranked(&profile, &postings());
    let web = result.iter().find(|r| r.index == 2).unwrap();
    assert_eq!(web.title.as_deref(), Some("Web Developer"));
    assert_eq!(web.company.as_deref(), Some("Microsoft"));
    assert!(web.matched.iter().any(|m| m == "SQL"), "{:?}", web.matched);
    assert!(web.missing.iter().any(|m| m == "MongoDB"));
    // Hybrid in Berlin, DE; the resume is in Austin, TX, US.
    let place = reason(web, ReasonKind::Location);
    assert_eq!(place.points, 0.0, "{place:?}");
    assert!(place.detail.contains("Berlin"), "{}", place.detail);
    // Mid-level, 3+ years; the example has thirteen, more than half as many again as a
    // mid-level role's usual eight at most; and the posting's skills and words fit only in part.
    let level = reason(web, ReasonKind::Seniority);
    assert!(
        level.detail.contains("far overqualified"),
        "{}",
        level.detail
    );
    assert!(
        level
            .detail
            .contains("as far as the skills and words match"),
        "{}",
        level.detail
    );
    assert!(level.points <= 0.2 * level.max, "{level:?}");
}

#[test]
fn years_of_experience_come_from_the_dates() {
    let source = example();
    // 2013-07 to the resume's last_updated (2026-11), the jobs back to back.
    let profile = Profile::new(&source, &source, vocabulary());
    let years = profile.years().unwrap();
    assert!((years - (13.0 + 5.0 / 12.0)).abs() < 1e-9, "{years}");
    // With today given, the current job runs to today.
    let later = profile.clone().with_today(PartialDate::ymd(2030, 6, 15));
    assert!((later.years().unwrap() - 17.0).abs() < 1e-9);

    // Overlapping jobs count once; undated ones not at all.
    let mut r = Resume::default();
    for (start, end) in [
        ("2010-01", Some("2014-12")),
        ("2012-01", Some("2013-12")),
        ("2020", Some("2020")),
        ("not a date", None),
    ] {
        r.experience.push(Experience {
            company: "Acme".into(),
            start: Some(DateValue::parse(start)),
            end: end.map(DateValue::parse),
            ..Experience::default()
        });
    }
    let profile = Profile::new(&r, &r, vocabulary());
    assert!((profile.years().unwrap() - 6.0).abs() < 1e-9);
    assert_eq!(
        Profile::new(&Resume::default(), &Resume::default(), vocabulary()).years(),
        None
    );
}

#[test]
fn ranking_is_deterministic_and_ties_keep_input_order() {
    let profile = example_profile();
    let mut jobs = postings();
    let first = ranked(&profile, &jobs);
    assert_eq!(first, ranked(&profile, &jobs));
    // The same postings in another order: the same score for each.
    jobs.reverse();
    let reversed = ranked(&profile, &jobs);
    for r in &first {
        let twin = reversed
            .iter()
            .find(|x| x.index == jobs.len() - 1 - r.index)
            .unwrap();
        assert_eq!(r.score, twin.score);
        assert_eq!(r.reasons, twin.reasons);
    }
    // Identical postings tie and keep their order.
    let same = vec![jobs[0].clone(), jobs[0].clone(), jobs[0].clone()];
    let result = ranked(&profile, &same);
    assert_eq!(
        result.iter().map(|r| r.index).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    assert!(result.iter().all(|r| r.score == result[0].score));
}

#[test]
fn nothing_to_rank_and_nothing_to_rank_with() {
    let profile = example_profile();
    assert!(ranked(&profile, &[]).is_empty());

    // An empty resume and an empty posting: scored, never a panic.
    let empty = Profile::new(&Resume::default(), &Resume::default(), vocabulary());
    assert!(empty.skills().is_empty());
    let jobs = vec![Job::default(), postings().remove(0)];
    for p in [&profile, &empty] {
        let result = ranked(p, &jobs);
        assert_well_formed(&result, jobs.len());
    }
    let result = ranked(&empty, &jobs);
    let blank = result.iter().find(|r| r.index == 0).unwrap();
    assert_eq!(reason(blank, ReasonKind::Skills).points, 0.0);
    assert!(
        reason(blank, ReasonKind::Skills)
            .detail
            .contains("names no skill")
    );
}

#[test]
fn postings_found_by_the_property_are_scored() {
    // "0×" once panicked in the query's metric reader (a two-byte `×` sliced at one byte).
    let profile = example_profile();
    for text in ["0×", "3× faster", "10×2", "×"] {
        let result = ranked(&profile, &[parse(text)]);
        assert_well_formed(&result, 1);
    }
}

#[test]
fn a_posting_without_skills_is_scored_on_the_rest() {
    let profile = example_profile();
    let job = parse(
        "Staff Software Engineer\nAcme · Remote\n\nRequirements\n- 8+ years building things people \
         rely on\n- Calm under pressure\n",
    );
    let result = ranked(&profile, &[job]);
    assert_well_formed(&result, 1);
    let r = &result[0];
    assert!(r.matched.is_empty() && r.missing.is_empty(), "{r:#?}");
    // No skill to judge by: the skills' points go to the words.
    let skills = reason(r, ReasonKind::Skills);
    assert_eq!(skills.points, 0.0);
    assert_eq!(skills.max, 0.0);
    assert!(
        skills.detail.contains("names no skill"),
        "{}",
        skills.detail
    );
    assert_eq!(reason(r, ReasonKind::Text).max, 65.0, "{r:#?}");
    assert_eq!(reason(r, ReasonKind::Title).points, 10.0, "{r:#?}");
    assert!(reason(r, ReasonKind::Seniority).points > 0.0, "{r:#?}");
    assert!(reason(r, ReasonKind::Location).points > 0.0, "{r:#?}");
    assert!(r.score >= 25.0, "{}", r.score);
}

#[test]
fn a_posting_that_lists_the_resumes_skills_beats_one_that_lists_none() {
    let profile = example_profile();
    let known: Vec<&str> = profile
        .skills()
        .iter()
        .map(String::as_str)
        .filter(|s| vocabulary().canonical(s).is_some())
        .collect();
    assert!(known.len() > 15, "{known:?}");
    let text = |skills: &str| {
        format!("Software Engineer\n\nRequirements\n- Experience with {skills}\n- 5+ years\n")
    };
    let all = parse(&text(&known.join(", ")));
    let none = parse(&text("knitting, pottery and gardening"));
    let other = parse(&text("React, Angular, Vue.js, Svelte and Tailwind CSS"));
    let result = ranked(&profile, &[none, all, other]);
    assert_well_formed(&result, 3);
    assert_eq!(result[0].index, 1, "{result:#?}");
    let all = &result[0];
    assert!(all.missing.is_empty(), "{:?}", all.missing);
    assert_eq!(reason(all, ReasonKind::RequiredSkills).points, 25.0);
    let none = result.iter().find(|r| r.index == 0).unwrap();
    let other = result.iter().find(|r| r.index == 2).unwrap();
    assert!(all.score > none.score + 40.0);
    assert!(all.score > other.score + 40.0);
}

// ---- Each part ----------------------------------------------------------------------------------

/// A resume of `years` years (ending 2024-12), with `skills` listed, a headline, one bullet and
/// a place.
fn person(years: u16, skills: &[&str], headline: &str, bullet: &str, city: &str) -> Resume {
    let mut r = Resume::default();
    r.basics.name = "Ada".into();
    r.basics.label = Some(headline.into());
    r.basics.location.city = Some(city.into());
    r.basics.location.country = Some("US".into());
    r.skills.push(SkillCategory {
        name: "Skills".into(),
        items: skills
            .iter()
            .map(|s| Skill {
                name: (*s).into(),
                ..Skill::default()
            })
            .collect(),
        ..SkillCategory::default()
    });
    if years > 0 {
        r.experience.push(Experience {
            company: "Acme".into(),
            title: Some(headline.into()),
            start: Some(DateValue::Date(PartialDate {
                year: 2025 - years,
                month: Some(1),
                day: None,
            })),
            end: Some(DateValue::parse("2024-12")),
            bullets: vec![Bullet::plain(bullet)],
            ..Experience::default()
        });
    }
    r
}

/// Scores `postings` for `resume`: `(points of kind, detail)` for each, in input order.
fn check(resume: &Resume, postings: &[&str], kind: ReasonKind) -> Vec<(f64, String)> {
    let profile = Profile::new(resume, resume, vocabulary());
    let jobs: Vec<Job> = postings.iter().map(|p| parse(p)).collect();
    let mut result = ranked(&profile, &jobs);
    assert_well_formed(&result, jobs.len());
    result.sort_by_key(|r| r.index);
    result
        .iter()
        .map(|r| {
            let x = reason(r, kind);
            (x.points, x.detail.clone())
        })
        .collect()
}

#[test]
fn required_skills_weigh_more_than_nice_to_haves() {
    let rustacean = person(6, &["Rust"], "Engineer", "Wrote Rust", "Austin");
    let wants_rust = "Engineer\n\nRequirements\n- Rust\n\nNice to have\n- React\n";
    let wants_react = "Engineer\n\nRequirements\n- React\n\nNice to have\n- Rust\n";
    let profile = Profile::new(&rustacean, &rustacean, vocabulary());
    let jobs = [parse(wants_react), parse(wants_rust)];
    let result = ranked(&profile, &jobs);
    assert_eq!(result[0].index, 1, "{result:#?}");
    let skills = |r: &Ranked| -> f64 {
        r.reasons
            .iter()
            .filter(|x| {
                matches!(
                    x.kind,
                    ReasonKind::RequiredSkills | ReasonKind::Skills | ReasonKind::NiceToHaveSkills
                )
            })
            .map(|x| x.points)
            .sum()
    };
    // Weights 3 and 1: 3/4 and 1/4 of the skill points, which are 4/15 of 25 for a posting
    // naming so few skills (the rest go to its words).
    assert_eq!(skills(&result[0]), 5.0);
    assert_eq!(skills(&result[1]), 1.7);
    let nice = reason(&result[1], ReasonKind::NiceToHaveSkills);
    assert_eq!(nice.detail, "1 of 1 nice-to-have skills: Rust");
    let required = reason(&result[1], ReasonKind::RequiredSkills);
    assert_eq!(required.detail, "0 of 1 required skills; missing: React");
}

#[test]
fn seniority_compares_years_with_what_the_posting_asks() {
    let cases: &[(u16, &str, f64, &str)] = &[
        (
            6,
            "Engineer\n\nRequirements\n- 5+ years of Rust\n",
            15.0,
            "6.0 years",
        ),
        (
            2,
            "Engineer\n\nRequirements\n- 4+ years of Rust\n",
            7.5,
            "asks for 4+ years",
        ),
        (
            6,
            "Senior Engineer\n\nRequirements\n- Rust\n",
            15.0,
            "(Senior)",
        ),
        (
            3,
            "Staff Engineer\n\nRequirements\n- Rust\n",
            5.6,
            "8+ years (Staff)",
        ),
        (
            5,
            "Junior Engineer\n\nRequirements\n- Rust\n",
            7.5,
            "likely overqualified",
        ),
        (
            12,
            "Junior Engineer\n\nRequirements\n- Rust\n",
            3.0,
            "far overqualified",
        ),
        (
            1,
            "Junior Engineer\n\nRequirements\n- Rust\n",
            15.0,
            "no prior experience",
        ),
        (
            6,
            "Engineer\n\nRequirements\n- Rust\n",
            7.5,
            "states no level",
        ),
        (
            0,
            "Senior Engineer\n\nRequirements\n- Rust\n",
            7.5,
            "no dates",
        ),
    ];
    for (years, posting, points, says) in cases {
        let resume = person(*years, &["Rust"], "Engineer", "Wrote Rust", "Austin");
        let got = check(&resume, &[posting], ReasonKind::Seniority);
        assert_eq!(got[0].0, *points, "{posting:?} for {years} years: {got:?}");
        assert!(got[0].1.contains(says), "{posting:?}: {:?}", got[0].1);
    }
}

#[test]
fn the_title_is_compared_word_by_word_without_its_level() {
    let resume = person(
        6,
        &["Rust"],
        "Senior Backend Engineer",
        "Wrote Rust",
        "Austin",
    );
    let got = check(
        &resume,
        &[
            "Lead Backend Engineer\n\nRequirements\n- Rust\n",
            "Frontend Engineer\n\nRequirements\n- Rust\n",
            "Data Scientist\n\nRequirements\n- Rust\n",
            "Backend Engineering Manager\n\nRequirements\n- Rust\n",
        ],
        ReasonKind::Title,
    );
    assert_eq!(got[0].0, 10.0, "{got:?}");
    assert!(got[0].1.contains("2 of 2 words"), "{}", got[0].1);
    // Half the title's words, weighted by how rare they are among the postings.
    assert!(got[1].0 > 0.0 && got[1].0 < 10.0, "{got:?}");
    assert_eq!(got[2].0, 0.0, "{got:?}");
    assert!(got[2].1.contains("none of the words"), "{}", got[2].1);
    // "Engineering" meets "Engineer" by stem; "manager" is not in the resume.
    assert!(got[3].0 > got[1].0 && got[3].0 < 10.0, "{got:?}");
    assert!(got[3].1.contains("2 of 3 words"), "{}", got[3].1);
}

#[test]
fn the_best_bullets_are_the_ones_that_say_the_postings_terms() {
    let resume = person(
        6,
        &["Rust"],
        "Engineer",
        "Built the Rust billing service on PostgreSQL and Kafka",
        "Austin",
    );
    let got = check(
        &resume,
        &[
            "Engineer\n\nRequirements\n- Rust, PostgreSQL and Kafka\n",
            "Engineer\n\nRequirements\n- React, CSS and Figma\n",
        ],
        ReasonKind::BestBullets,
    );
    assert_eq!(got[0].0, 5.0, "{got:?}");
    assert!(
        got[0]
            .1
            .contains("“Built the Rust billing service on PostgreSQL and Kafka”"),
        "{}",
        got[0].1
    );
    assert_eq!(got[1].0, 0.0, "{got:?}");
    assert!(got[1].1.contains("no bullet"), "{}", got[1].1);
}

#[test]
fn location_rewards_remote_and_the_same_place() {
    let resume = person(6, &["Rust"], "Engineer", "Wrote Rust", "Austin");
    let got = check(
        &resume,
        &[
            "Engineer\nAcme · Remote\n\nRequirements\n- Rust\n",
            "Engineer\nAcme · Austin, TX (On-site)\n\nRequirements\n- Rust\n",
            "Engineer\nAcme · Berlin, Germany (Hybrid)\n\nRequirements\n- Rust\n",
            "Engineer\n\nRequirements\n- Rust\n",
        ],
        ReasonKind::Location,
    );
    assert_eq!(got[0].0, 5.0, "{got:?}");
    assert_eq!(got[1].0, 5.0, "{got:?}");
    assert!(got[1].1.contains("the same city"), "{}", got[1].1);
    assert_eq!(got[2].0, 0.0, "{got:?}");
    assert!(got[2].1.contains("another country"), "{}", got[2].1);
    assert_eq!(got[3].0, 2.5, "{got:?}");
}

#[test]
fn weights_reshare_the_hundred_points() {
    let profile = example_profile();
    let jobs = postings();
    let options = RankOptions {
        weights: RankWeights {
            skills: 1.0,
            text: 0.0,
            title: 0.0,
            seniority: 0.0,
            bullets: 0.0,
            location: -3.0,
        },
        ..RankOptions::default()
    };
    let result = rank(&profile, &jobs, vocabulary(), &options);
    assert_well_formed(&result, jobs.len());
    for r in &result {
        // The skills' points, and what a posting naming few skills hands on to its words.
        let mut shared = 0.0;
        for x in &r.reasons {
            let skill = matches!(
                x.kind,
                ReasonKind::RequiredSkills
                    | ReasonKind::Skills
                    | ReasonKind::NiceToHaveSkills
                    | ReasonKind::Text
            );
            if skill {
                shared += x.max;
            } else {
                assert_eq!(x.max, 0.0, "{x:?}");
            }
        }
        assert!((shared - 100.0).abs() < 1e-9, "{r:#?}");
    }
    // Nothing positive: the defaults.
    let none = RankOptions {
        weights: RankWeights {
            skills: 0.0,
            text: 0.0,
            title: f64::NAN,
            seniority: 0.0,
            bullets: 0.0,
            location: 0.0,
        },
        ..RankOptions::default()
    };
    assert_eq!(
        rank(&profile, &jobs, vocabulary(), &none),
        ranked(&profile, &jobs)
    );
}

#[test]
fn the_result_serializes_with_kebab_case_kinds() {
    let profile = example_profile();
    let result = ranked(&profile, &postings());
    let json = serde_json::to_value(&result).unwrap();
    let first = &json[0];
    assert_eq!(first["index"], 0);
    assert!(first["score"].is_number());
    assert_eq!(first["reasons"][0]["kind"], "required-skills");
    let kinds: Vec<&str> = first["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"best-bullets") && kinds.contains(&"location"));
}

// ---- Properties ---------------------------------------------------------------------------------

/// Words postings are made of: headings, skills, levels, places, years, and noise.
fn posting_word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(vec![
            "Requirements\n", "Nice to have\n", "Responsibilities\n", "\n- ", "\n", ", ", ". ",
            "Senior", "Junior", "Staff", "Intern", "Engineer", "Backend", "Remote", "Hybrid",
            "Berlin, Germany", "Austin, TX", "5+ years", "10+ years", "Rust", "Go", "Python",
            "PostgreSQL", "Kafka", "k8s", "React", "TypeScript", "SQL", "C++", "C#", ".NET",
            "CI/CD", "Node.js", "and", "with", "the", "€80k–95k", "$150,000",
        ])
        .prop_map(str::to_owned),
        1 => "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_posting_scores_within_zero_to_a_hundred(
        words in proptest::collection::vec(posting_word(), 0..60),
        noise in "\\PC{0,200}",
    ) {
        let profile = example_profile();
        let mut jobs = Vec::new();
        for text in [words.join(" "), noise] {
            if let Ok(parsed) = job::read(&text, &job::Options { vocabulary: vocabulary() }) {
                jobs.push(parsed.job);
            }
        }
        let result = ranked(&profile, &jobs);
        assert_well_formed(&result, jobs.len());
    }
}

#[test]
fn preferences_share_fifteen_points_and_say_what_the_posting_says() {
    let resume = person(6, &["Rust"], "Backend Engineer", "Wrote Rust", "Austin");
    let profile = Profile::new(&resume, &resume, vocabulary());
    let jobs = [
        parse("Senior Backend Engineer\nAcme · Remote\n\nRequirements\n- Rust\n"),
        parse("Junior Backend Engineer\nInitech · Austin, TX (on-site)\n\nRequirements\n- Rust\n"),
        parse("Backend Engineer\n\nRequirements\n- Rust\n"),
    ];
    let prefer: Vec<Preference> = "remote, Senior"
        .split(',')
        .map(|p| p.parse().unwrap())
        .collect();
    let options = RankOptions {
        prefer: prefer.clone(),
        ..RankOptions::default()
    };
    let result = rank(&profile, &jobs, vocabulary(), &options);
    assert_well_formed(&result, jobs.len());
    let by_index = |i: usize| result.iter().find(|r| r.index == i).unwrap();
    let both = reason(by_index(0), ReasonKind::Preferences);
    assert_eq!((both.points, both.max), (15.0, 15.0), "{both:?}");
    assert!(
        both.detail.contains("remote: yes (fully remote)"),
        "{}",
        both.detail
    );
    let neither = reason(by_index(1), ReasonKind::Preferences);
    assert_eq!(neither.points, 0.0, "{neither:?}");
    assert!(
        neither.detail.contains("senior: no (Junior)"),
        "{}",
        neither.detail
    );
    let silent = reason(by_index(2), ReasonKind::Preferences);
    assert!(
        silent.detail.contains("remote: the posting does not say"),
        "{}",
        silent.detail
    );
    // The fit's parts keep their proportions in the other 85 points.
    let fit: f64 = by_index(0)
        .reasons
        .iter()
        .filter(|r| r.kind != ReasonKind::Preferences)
        .map(|r| r.max)
        .sum();
    assert!((fit - 85.0).abs() < 1e-9, "{fit}");
    // The remote senior post moves ahead of what it scored without preferences.
    let plain = ranked(&profile, &jobs);
    assert_eq!(result[0].index, 0, "{result:#?}");
    assert!(
        plain
            .iter()
            .all(|r| r.reasons.iter().all(|x| x.kind != ReasonKind::Preferences))
    );

    let unknown = "beach".parse::<Preference>().unwrap_err();
    assert!(
        unknown.contains("unknown preference `beach`") && unknown.contains("remote"),
        "{unknown}"
    );
}
