//! `tailor` and `cover-letter` with a language model, end to end: the real binary talks to a
//! mock OpenAI-compatible server on loopback, and every model output passes the verifier before
//! it is used.

mod common;

use common::{code, example, fixtures, stderr, stdout};
use serde_json::json;
use std::path::Path;
use std::process::{Command, Output};
use vitae_llm::testing::MockLlm;

/// Runs vitae with a clean language-model environment plus `env`.
fn vitae(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vitae"));
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1");
    for var in [
        "VITAE_LLM_PROVIDER",
        "VITAE_LLM_MODEL",
        "VITAE_LLM_BASE_URL",
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "ANTHROPIC_API_KEY",
        "ANTHROPIC_BASE_URL",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run vitae")
}

fn posting() -> String {
    fixtures()
        .join("jobs/backend-eng.txt")
        .display()
        .to_string()
}

fn model_env(mock: &MockLlm) -> Vec<(&'static str, String)> {
    vec![
        ("VITAE_LLM_PROVIDER", "openai".to_owned()),
        ("VITAE_LLM_MODEL", "mock".to_owned()),
        ("VITAE_LLM_BASE_URL", mock.base_url.clone()),
    ]
}

fn as_refs<'a>(env: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    env.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[test]
fn a_verified_rephrasing_is_used_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mock = MockLlm::start(json!({
        "summary": "Backend engineer with eleven years of experience building event-driven services \
                    and PostgreSQL-backed platforms that handle 40,000 requests per second, with deep \
                    experience in Kubernetes and calm incident leadership.",
        "bullets": [
            {"entry": 0, "bullet": 0, "text": "Designed the Go shipment-tracking API, serving 40,000 requests per second at a p99 latency of 35 ms"},
        ],
    }));
    let env = model_env(&mock);
    let ex = example().display().to_string();
    let o = vitae(
        dir.path(),
        &["tailor", &ex, "--job", &posting(), "-o", "tailored.yaml"],
        &as_refs(&env),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("written by the language model (openai, mock)"),
        "{err}"
    );
    let yaml = std::fs::read_to_string(dir.path().join("tailored.yaml")).unwrap();
    assert!(yaml.contains("calm incident leadership"), "{yaml}");
    // The posting went to the model as data in a user message, not in the system prompt.
    let requests = mock.requests();
    assert!(!requests.is_empty());
    let messages = requests[0]["messages"].as_array().unwrap();
    let system = messages
        .iter()
        .filter(|m| m["role"] == "system")
        .map(|m| m["content"].to_string())
        .collect::<String>();
    assert!(
        !system.contains("FastAPI"),
        "the posting is not in the system prompt"
    );
    assert!(
        messages
            .iter()
            .any(|m| m["role"] == "user" && m["content"].to_string().contains("FastAPI"))
    );
}

#[test]
fn an_invented_employer_degree_or_metric_falls_back_to_the_deterministic_result() {
    let dir = tempfile::tempdir().unwrap();
    let mock = MockLlm::start(json!({
        "summary": "Former Google engineer with a PhD from MIT and eleven years of experience.",
        "bullets": [
            {"entry": 0, "bullet": 0, "text": "Designed the Go shipment-tracking API serving 2,000,000 requests per second"},
        ],
    }));
    let env = model_env(&mock);
    let ex = example().display().to_string();
    let o = vitae(
        dir.path(),
        &["tailor", &ex, "--job", &posting(), "-o", "tailored.yaml"],
        &as_refs(&env),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("tailored resume: deterministic ("), "{err}");
    assert!(err.contains("rejected:"), "{err}");
    let yaml = std::fs::read_to_string(dir.path().join("tailored.yaml")).unwrap();
    for invented in ["Google", "PhD", "MIT", "2,000,000"] {
        assert!(!yaml.contains(invented), "{invented} reached the output");
    }
    assert!(
        yaml.contains("tailored-"),
        "the deterministic variant is written"
    );

    // The cover letter falls back the same way.
    let letter_mock = MockLlm::start(json!({
        "paragraphs": ["At Google I earned a PhD and grew revenue by 73%."],
    }));
    let env = model_env(&letter_mock);
    let o = vitae(
        dir.path(),
        &[
            "cover-letter",
            &ex,
            "--job",
            &posting(),
            "-f",
            "txt",
            "-o",
            "-",
        ],
        &as_refs(&env),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cover letter: deterministic"),
        "{}",
        stderr(&o)
    );
    let letter = stdout(&o);
    assert!(
        !letter.contains("Google") && !letter.contains("73%"),
        "{letter}"
    );
    assert!(letter.contains("Maya Okafor"));
}

#[test]
fn a_remote_provider_without_a_key_fails_closed_and_ai_off_needs_none() {
    let dir = tempfile::tempdir().unwrap();
    let ex = example().display().to_string();
    let env = [
        ("VITAE_LLM_PROVIDER", "openai"),
        ("VITAE_LLM_MODEL", "gpt-4o-mini"),
    ];
    let o = vitae(dir.path(), &["tailor", &ex, "--job", &posting()], &env);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("OPENAI_API_KEY"), "{}", stderr(&o));

    let o = vitae(
        dir.path(),
        &["tailor", &ex, "--job", &posting(), "--ai", "off"],
        &env,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stdout(&o).contains("tailored-"));
}

#[test]
fn ats_check_scores_keywords_the_model_read_in_the_posting() {
    let dir = tempfile::tempdir().unwrap();
    let mock = MockLlm::start(json!({
        "required": ["indexing strategies", "Python"],
        "nice_to_have": ["a PhD from MIT"],
    }));
    let env = model_env(&mock);
    let ex = example().display().to_string();
    let o = vitae(
        dir.path(),
        &[
            "ats-check",
            &ex,
            "--job",
            &posting(),
            "--format",
            "json",
            "--no-render",
        ],
        &as_refs(&env),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("job keywords: written by the language model (openai, mock)"),
        "{err}"
    );
    // "a PhD from MIT" is not in the posting: rejected, never scored.
    assert!(err.contains("rejected:") && err.contains("PhD"), "{err}");
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let missing = report["keywords"]["missing_from_resume"].to_string();
    assert!(missing.contains("indexing strategies"), "{missing}");
    assert!(!report.to_string().contains("PhD"));

    // Without the model the term is unknown to the check.
    let o = vitae(
        dir.path(),
        &[
            "ats-check",
            &ex,
            "--job",
            &posting(),
            "--format",
            "json",
            "--no-render",
            "--ai",
            "off",
        ],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stdout(&o).contains("indexing strategies"));
}

#[test]
fn the_config_file_llm_section_configures_the_model_and_refuses_keys_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let mock = MockLlm::start(json!({
        "summary": "Backend engineer with eleven years of experience building event-driven services \
                    and PostgreSQL-backed platforms that handle 40,000 requests per second, with deep \
                    experience in Kubernetes and calm incident leadership.",
        "bullets": [],
    }));
    std::fs::write(
        dir.path().join("config.yaml"),
        format!(
            "llm:\n  provider: openai\n  model: mock\n  base_url: {}\n  timeout_secs: 10\n",
            mock.base_url
        ),
    )
    .unwrap();
    let ex = example().display().to_string();
    let o = vitae(
        dir.path(),
        &[
            "tailor",
            &ex,
            "--job",
            &posting(),
            "--config",
            "config.yaml",
            "-o",
            "t.yaml",
        ],
        &[],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("written by the language model (openai, mock)"),
        "{}",
        stderr(&o)
    );

    // The environment wins over the file.
    let o = vitae(
        dir.path(),
        &[
            "tailor",
            &ex,
            "--job",
            &posting(),
            "--config",
            "config.yaml",
            "-o",
            "t.yaml",
        ],
        &[("VITAE_LLM_PROVIDER", "none")],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!stderr(&o).contains("language model ("), "{}", stderr(&o));

    std::fs::write(
        dir.path().join("bad.yaml"),
        "llm:\n  provider: openai\n  api_key: sk-123\n",
    )
    .unwrap();
    let o = vitae(
        dir.path(),
        &["tailor", &ex, "--job", &posting(), "--config", "bad.yaml"],
        &[],
    );
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(
        err.contains("bad.yaml:3:3") && err.contains("OPENAI_API_KEY"),
        "{err}"
    );
    assert!(!err.contains("sk-123"), "the secret is not echoed");
}
