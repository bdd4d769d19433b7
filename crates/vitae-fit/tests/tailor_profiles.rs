//! Profiles of one network: `contact.urls` keys that differ only in case (`LinkedIn` and
//! `linkedin`) both become LinkedIn profiles. Tailoring keeps both, and the verifier accepts
//! its own output while still catching a URL the source does not have.

use vitae_core::format;
use vitae_core::model::Resume;
use vitae_fit::job;
use vitae_fit::keywords::Vocabulary;
use vitae_fit::tailor::{TailorOptions, ViolationKind, tailor, verify};

const RESUME: &str = "\
contact:
  name: Ada Lovelace
  email: ada@example.com
  urls:
    LinkedIn: https://www.linkedin.com/in/ada
    linkedin: https://www.linkedin.com/in/ada-lovelace
    GitHub: https://github.com/ada
experience:
  - company: Analytical Engines
    title: Engineer
    start_date: 2020-01
    bullets:
      - Built backend services in Rust and Go
      - Wrote the first program
";

const JOB: &str =
    "Senior Rust engineer. Required: Rust, Go, PostgreSQL. You build backend services.";

fn resume() -> Resume {
    let loaded = format::read(RESUME, None).expect("the resume reads");
    assert!(
        loaded
            .diagnostics
            .iter()
            .all(|d| d.severity != vitae_core::Severity::Error),
        "{:?}",
        loaded.diagnostics
    );
    loaded.resume
}

fn urls(r: &Resume) -> Vec<&str> {
    r.basics
        .profiles
        .iter()
        .filter_map(|p| p.url.as_deref())
        .collect()
}

#[test]
fn urls_that_differ_only_in_case_survive_tailoring_and_verify() {
    let source = resume();
    assert_eq!(urls(&source).len(), 3, "{:?}", source.basics.profiles);
    let job = job::parse(JOB).expect("the posting reads");
    let tailored = tailor(
        &source,
        &job,
        Vocabulary::builtin(),
        &TailorOptions::default(),
    )
    .expect("the base variant exists");
    assert_eq!(urls(&tailored.resume), urls(&source));
    let verdict = verify(&source, &tailored.resume);
    assert!(verdict.is_ok(), "{verdict}");

    // The source with the tailored variant, as `vitae tailor` writes it, reads back and verifies.
    let written = format::to_native_yaml(&tailored.to_source(&source));
    let reread = format::read(&written, None)
        .expect("the written source reads")
        .resume;
    assert_eq!(urls(&reread), urls(&source));
    assert!(verify(&source, &reread).is_ok());
}

#[test]
fn a_profile_url_the_source_lacks_is_still_caught_when_a_network_has_two() {
    let source = resume();
    for forged in [0, 1] {
        let mut candidate = source.clone();
        candidate.basics.profiles[forged].url = Some("https://www.linkedin.com/in/mallory".into());
        let verdict = verify(&source, &candidate);
        assert!(
            verdict
                .violations
                .iter()
                .any(|v| v.kind == ViolationKind::Contact
                    && v.path == format!("basics.profiles[{forged}].url")),
            "{verdict}"
        );
    }
}
