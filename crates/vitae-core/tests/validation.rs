//! Validation, data-driven: each case is a source and the exact diagnostics it must produce
//! (severity, path, line:column, message), through one `check` helper.

use vitae_core::{PartialDate, load, validate};

/// Renders the diagnostics of `source` one per line as `severity path line:col message`.
fn diagnostics(source: &str) -> String {
    let options = validate::Options {
        today: Some(PartialDate::ymd(2026, 11, 26)),
    };
    match load(source.as_bytes(), None, &options) {
        Err(e) => format!("unreadable {}:{} {e}", e.pos().line, e.pos().column),
        Ok(loaded) => loaded
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {} {}:{} {}",
                    d.severity, d.path, d.line, d.column, d.message
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn check(description: &str, source: &str, expected: &str) {
    let got = diagnostics(source);
    assert_eq!(
        got.trim(),
        expected.trim(),
        "case: {description}\nsource:\n{source}"
    );
}

const CONTACT: &str = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n";

#[test]
fn a_minimal_valid_resume_has_no_diagnostics() {
    check("name and email suffice", CONTACT, "");
}

#[test]
fn every_problem_is_reported_at_once_with_its_location() {
    let source = "contact:
  name: Ada
  email: not-an-email
  urls:
    github: github.com/ada
experience:
  - company: Acme
    title: Engineer
    start_date: 2021-13
    end_date: 2020-01
  - company: Beta
    strat_date: 2019-01
    end_date: 2018-01
    bullets:
      - text: Did things
        emphasize_for: backend
variants:
  backend:
    skill_sections: [Languages]
    summary_key: backend
";
    check(
        "many problems",
        source,
        "error contact.email 3:10 `not-an-email` is not a valid email address
warning contact.urls.github 5:13 `github.com/ada` has no scheme
warning experience[0].start_date 9:17 `2021-13` is not a date (the month must be between 01 and 12); it is shown as written
warning experience[1] 11:5 `Beta` has no start date
warning experience[1].strat_date 12:5 unknown field `strat_date` is not shown (it is kept as written)
error variants.backend.skill_sections[0] 19:22 variant `backend` shows skill section `Languages`, which does not exist
error variants.backend.summary_key 20:18 variant `backend` uses summary `backend`, which does not exist",
    );
}

#[test]
fn table_of_single_problems() {
    let cases: &[(&str, String, &str)] = &[
        (
            "end before start",
            format!(
                "{CONTACT}experience:\n  - company: X\n    start_date: 2021-06\n    end_date: 2021-02\n"
            ),
            "error experience[0].end_date 7:15 the end date 2021-02 is before the start date 2021-06",
        ),
        (
            "no way to contact",
            "contact:\n  name: Ada\n".to_owned(),
            "warning contact 2:3 no way to contact you: no email, phone, website or profile URL",
        ),
        (
            "missing name",
            "contact:\n  email: a@example.com\n".to_owned(),
            "error contact.name 2:3 missing required field `name`",
        ),
        (
            "wrong type for a list",
            format!("{CONTACT}experience: yes\n"),
            "error experience 4:13 expected a list, found text",
        ),
        (
            "javascript URL",
            "contact:\n  name: A\n  email: a@example.com\n  website: javascript:alert(1)\n"
                .to_owned(),
            "error contact.website 4:12 `javascript:alert(1)` is not a valid URL: unsupported scheme",
        ),
        (
            "a start date in the future",
            format!("{CONTACT}experience:\n  - company: X\n    start_date: 2030-01\n"),
            "warning experience[0].start_date 6:17 2030-01 is in the future",
        ),
        (
            "unknown project category in a variant",
            format!(
                "{CONTACT}projects:\n  oss:\n    - name: P\nvariants:\n  x:\n    project_categories: [talks]\n"
            ),
            "error variants.x.project_categories[0] 9:26 variant `x` shows project category `talks`, which does not exist",
        ),
        (
            "truncated YAML",
            format!("{CONTACT}experience:\n  - company: \"X\n"),
            "unreadable 5:14 invalid YAML: unclosed quote",
        ),
        (
            "truncated JSON",
            "{\"basics\": {\"name\": \"A\"".to_owned(),
            "unreadable 1:24 invalid JSON: unexpected end of input inside an object",
        ),
        (
            "duplicate YAML key",
            "contact:\n  name: A\n  name: B\n".to_owned(),
            "unreadable 3:3 invalid YAML: duplicate key `name`",
        ),
    ];
    for (description, source, expected) in cases {
        check(description, source, expected);
    }
}

#[test]
fn strict_mode_turns_warnings_into_errors() {
    let options = validate::Options::default();
    let mut loaded = load(
        format!("{CONTACT}experience:\n  - company: X\n").as_bytes(),
        None,
        &options,
    )
    .unwrap();
    assert!(!loaded.diagnostics.has_errors());
    loaded.diagnostics.escalate_warnings();
    assert!(loaded.diagnostics.has_errors());
}

#[test]
fn what_the_layout_may_be_asked_to_do_is_bounded_and_each_refusal_is_located() {
    let word = "W".repeat(501);
    let long_field = vec!["word"; 2_001].join(" ");
    let many: String = (0..1_001)
        .map(|i| format!("      - text: b{i}\n"))
        .collect();
    let cases = [
        (
            "a word longer than a line can ever hold",
            format!("{CONTACT}experience:\n  - company: {word}\n    start_date: 2020-01\n"),
            "error experience[0].company 5:14 this text has 501 characters without a space; at most 500 can be set on a page",
        ),
        (
            "a field over the field limit",
            format!("{CONTACT}professional_summary:\n  base: {long_field}\n"),
            "error professional_summary.base 5:9 this text has 10004 characters; a field may have at most 10000",
        ),
        (
            "a list over the list limit",
            format!(
                "{CONTACT}experience:\n  - company: Acme\n    start_date: 2020-01\n    bullets:\n{many}"
            ),
            "error experience[0].bullets 8:7 this list has 1001 items; a list may have at most 1000",
        ),
        (
            "a Japanese paragraph has no spaces but breaks between any two characters",
            format!(
                "{CONTACT}professional_summary:\n  base: {}\n",
                "分散システムの設計と運用を担当し、".repeat(40)
            ),
            "",
        ),
        (
            "a run at the limit is accepted",
            format!(
                "{CONTACT}experience:\n  - company: {}\n    start_date: 2020-01\n",
                "W".repeat(500)
            ),
            "",
        ),
    ];
    for (description, source, expected) in cases {
        check(description, &source, expected);
    }
}

#[test]
fn the_whole_text_is_bounded_even_when_every_field_is_within_its_limit() {
    let bullet = vec!["word"; 1_900].join(" "); // 9,499 characters
    let bullets: String = (0..22)
        .map(|_| format!("      - text: {bullet}\n"))
        .collect();
    let source = format!(
        "{CONTACT}experience:\n  - company: Acme\n    start_date: 2020-01\n    bullets:\n{bullets}"
    );
    let got = diagnostics(&source);
    assert!(
        got.contains("characters of text; at most 200000 can be laid out"),
        "{got}"
    );
    assert_eq!(got.lines().count(), 1, "{got}");
}
