//! The real `vitae` binary, driven in a temporary directory: exit codes, reports, outputs.

mod common;

use common::{code, example, fixtures, stderr, stdout, vitae};

#[test]
fn validate_exits_0_for_the_example_and_1_for_an_invalid_file_and_2_for_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let ok = vitae(dir.path(), &["validate", example().to_str().unwrap()]);
    assert_eq!(code(&ok), 0, "{}{}", stdout(&ok), stderr(&ok));
    assert!(
        stdout(&ok).contains("valid native resume"),
        "{}",
        stdout(&ok)
    );

    std::fs::write(
        dir.path().join("bad.yaml"),
        "contact:\n  name: Ada\n  email: nope\nexperience:\n  - company: X\n    start_date: 2021-13\n",
    )
    .unwrap();
    let bad = vitae(dir.path(), &["validate", "bad.yaml"]);
    assert_eq!(code(&bad), 1);
    let out = stdout(&bad);
    assert!(out.contains("bad.yaml:3:10 (contact.email)"), "{out}");
    assert!(
        out.contains("bad.yaml:6:17 (experience[0].start_date)"),
        "{out}"
    );
    assert!(
        out.contains("6 |     start_date: 2021-13"),
        "the source line is shown: {out}"
    );
    assert!(out.contains("hint:"), "{out}");

    let missing = vitae(dir.path(), &["validate", "nope.yaml"]);
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("cannot read `nope.yaml`"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn validate_reports_json_and_strict_turns_warnings_into_failures() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("warn.yaml"),
        "contact:\n  name: Ada\n  email: ada@example.com\n  website: example.com\n",
    )
    .unwrap();
    let o = vitae(dir.path(), &["validate", "warn.yaml", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["warnings"], 1);
    assert_eq!(report["diagnostics"][0]["path"], "contact.website");
    assert_eq!(report["diagnostics"][0]["line"], 4);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");

    let strict = vitae(dir.path(), &["validate", "warn.yaml", "--strict"]);
    assert_eq!(code(&strict), 1);
}

#[test]
fn unreadable_and_malformed_files_get_located_messages_and_the_right_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8], i32, &str)] = &[
        (
            "trunc.yaml",
            b"contact:\n  name: \"Ada\n",
            1,
            "trunc.yaml:2:",
        ),
        ("trunc.json", b"{\"basics\": {", 1, "trunc.json:1:"),
        ("deep.json", &[b'['; 100_000], 1, "nesting deeper than"),
        ("bin.png", b"\x89PNG\r\n\x1a\n\0\0\0", 2, "binary"),
        (
            "latin1.yaml",
            b"contact:\n  name: Jos\xe9\n",
            2,
            "latin1.yaml:2:12",
        ),
    ];
    for (name, bytes, expected, needle) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        let o = vitae(dir.path(), &["validate", name]);
        assert_eq!(code(&o), *expected, "{name}: {}{}", stdout(&o), stderr(&o));
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(all.contains(needle), "{name}: {all}");
        assert!(!all.contains("panicked"), "{name}: {all}");
    }
}

#[test]
fn variants_lists_the_examples_variants_and_generate_rejects_unknown_ones() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(dir.path(), &["variants", example().to_str().unwrap()]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for v in ["base", "v1.0.0-backend", "v1.0.0-ml", "v1.0.0-leadership"] {
        assert!(out.contains(v), "{out}");
    }
    let bad = vitae(
        dir.path(),
        &[
            "generate",
            example().to_str().unwrap(),
            "-v",
            "frontend",
            "-o",
            "-",
        ],
    );
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains(
            "unknown variant `frontend` (known: base, v1.0.0-backend, v1.0.0-ml, v1.0.0-leadership)"
        ),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn generate_writes_every_text_format_and_a_dated_default_path() {
    let dir = tempfile::tempdir().unwrap();
    let src = example();
    for (format, needle) in [
        ("md", "# Maya Okafor"),
        ("txt", "Maya Okafor, MSc\n===="),
        ("html", "<h1"),
        ("tex", "\\documentclass"),
        ("json", "\"basics\""),
    ] {
        let o = vitae(
            dir.path(),
            &[
                "generate",
                src.to_str().unwrap(),
                "-v",
                "backend",
                "-f",
                format,
                "-o",
                "-",
            ],
        );
        assert_eq!(code(&o), 0, "{format}: {}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains(needle), "{format}: {out}");
        // Plain text wraps at 80 columns; compare with whitespace folded.
        let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
        // The backend variant's summary and its tagged bullet, not the ML-only one.
        assert!(out.contains("40,000 requests per second"), "{format}");
        assert!(
            !out.contains("ETA model pipeline"),
            "{format}: ML bullet leaked into backend"
        );
    }
    let o = vitae(
        dir.path(),
        &["generate", src.to_str().unwrap(), "-v", "ml", "-f", "md"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(written.len(), 1);
    let name = &written[0];
    assert!(
        name.starts_with("resume-ml-")
            && name.ends_with(".md")
            && name.len() == "resume-ml-2026-11-26.md".len(),
        "{name}"
    );
}

#[test]
fn convert_round_trips_json_resume_and_native() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixtures().join("jsonresume/senior-engineer.resume.json");
    let o = vitae(
        dir.path(),
        &[
            "convert",
            fixture.to_str().unwrap(),
            "--to",
            "native",
            "-o",
            "native.yaml",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = vitae(
        dir.path(),
        &[
            "convert",
            "native.yaml",
            "--to",
            "json-resume",
            "-o",
            "back.json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
    let back: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("back.json")).unwrap())
            .unwrap();
    assert_eq!(original["basics"], back["basics"]);
    assert_eq!(original["work"], back["work"]);
    assert_eq!(original["education"], back["education"]);
}

#[test]
fn init_writes_the_example_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(dir.path(), &["init"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let written = std::fs::read_to_string(dir.path().join("resume.yaml")).unwrap();
    assert_eq!(written, std::fs::read_to_string(example()).unwrap());
    assert_eq!(code(&vitae(dir.path(), &["validate", "resume.yaml"])), 0);
    let again = vitae(dir.path(), &["init"]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("--force"));
}

#[test]
fn schema_prints_a_json_schema() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(dir.path(), &["schema"]);
    assert_eq!(code(&o), 0);
    let schema: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(schema["required"], serde_json::json!(["contact"]));
}

#[test]
fn generate_refuses_an_invalid_resume_with_its_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.yaml"),
        "contact:\n  email: ada@example.com\n",
    )
    .unwrap();
    let o = vitae(dir.path(), &["generate", "bad.yaml", "-f", "md", "-o", "-"]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).is_empty());
    assert!(
        stderr(&o).contains("missing required field `name`"),
        "{}",
        stderr(&o)
    );
    // A name alone is a resume shared without contact details: rendered, with a warning.
    std::fs::write(dir.path().join("name.yaml"), "contact:\n  name: Ada\n").unwrap();
    let o = vitae(
        dir.path(),
        &["generate", "name.yaml", "-f", "md", "-o", "-"],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("Ada"));
    assert!(
        stderr(&o).contains("no way to contact you"),
        "{}",
        stderr(&o)
    );
    // `--strict` refuses it, as `validate --strict` does.
    let o = vitae(
        dir.path(),
        &["generate", "name.yaml", "-f", "md", "-o", "-", "--strict"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn job_parse_prints_a_real_posting_as_a_json_resume_job_and_locates_errors() {
    let dir = tempfile::tempdir().unwrap();
    let posting = fixtures().join("jobs/backend-eng.txt");
    let out = vitae(dir.path(), &["job", "parse", posting.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let job: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(job["title"], "Senior Backend Engineer");
    // Skills are grouped by category, the names in each group's keywords.
    let skills: Vec<&str> = job["skills"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|group| group["keywords"].as_array().unwrap())
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(
        skills.contains(&"Python") && skills.contains(&"PostgreSQL"),
        "{skills:?}"
    );
    assert!(!job["qualifications"].as_array().unwrap().is_empty());

    std::fs::write(dir.path().join("broken.json"), "{\n  \"title\": \"X\",\n}").unwrap();
    let bad = vitae(dir.path(), &["job", "parse", "broken.json"]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("broken.json:3:"), "{}", stderr(&bad));
}

#[test]
fn generate_refuses_a_word_no_page_can_hold_naming_the_limit_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let source = format!(
        "contact:\n  name: Ada\n  email: ada@example.com\nexperience:\n  - company: {}\n    start_date: 2020-01\n",
        "W".repeat(40_000)
    );
    std::fs::write(dir.path().join("long.yaml"), source).unwrap();
    for format in ["pdf", "png", "md"] {
        let o = vitae(
            dir.path(),
            &["generate", "long.yaml", "-f", format, "-o", "out"],
        );
        assert_eq!(code(&o), 1, "{format}");
        let err = stderr(&o);
        assert!(
            err.contains("long.yaml:5:14") && err.contains("at most 10000"),
            "{format}: {err}"
        );
        assert!(!dir.path().join("out").exists());
    }
}

#[test]
fn resume_cli_command_names_get_the_vitae_command_as_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    for (theirs, ours) in [
        ("generate-package", "vitae package"),
        ("import-json-resume", "vitae convert"),
        ("job-parse", "vitae job parse"),
    ] {
        let o = vitae(dir.path(), &[theirs, "resume.yaml"]);
        assert_eq!(code(&o), 2, "{theirs}");
        let err = stderr(&o);
        assert!(err.contains("unrecognized subcommand"), "{err}");
        assert!(
            err.contains(ours) && err.contains("resume-cli"),
            "{theirs}: {err}"
        );
    }
}

/// resume-cli's own files, as its users bring them.
fn resume_cli(name: &str) -> String {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vitae-core/tests/fixtures/resume-cli")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn resume_clis_config_sets_what_has_a_meaning_and_names_what_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let config = resume_cli("default.yaml");
    let o = vitae(
        dir.path(),
        &["generate", &resume_cli("resume.yaml"), "--config", &config],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // generation.default_variant and default_format, output.directory and naming_scheme.
    let written: Vec<String> = std::fs::read_dir(dir.path().join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        written[0].starts_with("resume-base-") && written[0].ends_with(".md"),
        "{written:?}"
    );
    // What vitae has no use for is named, with its line.
    let err = stderr(&o);
    for (key, line) in [
        ("generation.max_bullets", 11),
        ("ai.judge_enabled", 18),
        ("tracking", 23),
        ("ats.enabled", 28),
        ("variants", 36),
    ] {
        assert!(
            err.contains(&format!("default.yaml:{line}:")) && err.contains(&format!("`{key}`")),
            "{key}: {err}"
        );
    }
    // ats.scoring is the ATS weights.
    let job = fixtures()
        .join("jobs/backend-eng.txt")
        .display()
        .to_string();
    let o = vitae(
        dir.path(),
        &[
            "ats-check",
            &resume_cli("resume.yaml"),
            "--job",
            &job,
            "--config",
            &config,
            "--ai",
            "off",
            "--no-render",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keywords = report["categories"]["keywords"].clone();
    assert_eq!(keywords["weight"], 40.0, "{keywords}");
}

#[test]
fn ats_check_takes_standard_input_for_one_input_only() {
    let dir = tempfile::tempdir().unwrap();
    let ex = example().display().to_string();
    let o = vitae(
        dir.path(),
        &["ats-check", &ex, "--job", "-", "--config", "-"],
    );
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("standard input (`-`) can be only one"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn diff_shows_what_two_variants_show_differently_section_by_section() {
    let dir = tempfile::tempdir().unwrap();
    let example = example();
    let source = example.to_str().unwrap();
    let out = vitae(dir.path(), &["diff", source, "backend", "ml"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("--- v1.0.0-backend\n+++ v1.0.0-ml\n"),
        "{text}"
    );
    assert!(
        !text.contains('\x1b'),
        "no colour codes into a pipe: {text}"
    );
    assert!(
        text.contains("\nSummary\n- Backend engineer with eleven years"),
        "{text}"
    );
    assert!(
        text.contains("\n+ Engineer specialising in ML infrastructure"),
        "{text}"
    );
    assert!(
        text.contains("+ - Built the real-time ETA model pipeline (Kafka, PyTorch)"),
        "{text}"
    );
    assert!(text.contains("The same in both: Header"), "{text}");

    let json = vitae(
        dir.path(),
        &["diff", source, "backend", "ml", "--format", "json"],
    );
    let diff: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let summary = diff["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["title"] == "Summary")
        .unwrap();
    assert_eq!(summary["status"], "changed");
    assert_eq!(summary["lines"][0]["in"], "left");

    let same = vitae(dir.path(), &["diff", source, "backend", "v1.0.0-backend"]);
    assert!(stdout(&same).contains("The two variants show the same text."));
    let unknown = vitae(dir.path(), &["diff", source, "nope"]);
    assert_eq!(code(&unknown), 2);
    assert!(
        stderr(&unknown).contains("vitae variants"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn completions_and_man_pages_come_from_the_command_definitions() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = vitae(dir.path(), &["completions", shell]);
        assert_eq!(code(&out), 0, "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        // Every shell's script knows the subcommands and a flag of one.
        for word in ["generate", "ats-check", "completions", "--theme"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    let bash = dir.path().join("vitae.bash");
    std::fs::write(&bash, stdout(&vitae(dir.path(), &["completions", "bash"]))).unwrap();
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&bash)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );

    let page = vitae(dir.path(), &["man"]);
    assert_eq!(code(&page), 0);
    let roff = stdout(&page);
    assert!(
        roff.starts_with(".ie \\n(.g .ds Aq") || roff.contains(".TH vitae 1"),
        "{roff}"
    );
    assert!(roff.contains("generate"));

    let pages = vitae(dir.path(), &["man", "--dir", "man"]);
    assert_eq!(code(&pages), 0, "{}", stderr(&pages));
    for name in [
        "vitae.1",
        "vitae-generate.1",
        "vitae-track.1",
        "vitae-track-list.1",
    ] {
        let page = std::fs::read_to_string(dir.path().join("man").join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(page.contains(".TH"), "{name}");
    }
}
