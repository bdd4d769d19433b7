//! Configuration from variables and `.env` files: what is read, what wins, what fails closed,
//! and that the key never prints.

use std::collections::HashMap;
use std::time::Duration;
use vitae_llm::{
    ApiKey, Assistant, Config, ConfigError, LlmError, ProviderKind, ResponseFormat, parse_dotenv,
};

const SECRET: &str = "sk-live-do-not-print-me-42";

/// A table row: what it shows, the variables it adds, what is expected.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static str,
);

fn vars(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn read(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
    Config::from_env_map(&vars(pairs))
}

#[test]
fn no_provider_is_the_default_and_needs_nothing() {
    for pairs in [
        &[][..],
        &[("VITAE_LLM_PROVIDER", "none")][..],
        &[("VITAE_LLM_PROVIDER", " NONE "), ("OPENAI_API_KEY", SECRET)][..],
        &[("VITAE_LLM_PROVIDER", "")][..],
    ] {
        let config = read(pairs).unwrap_or_else(|e| panic!("{pairs:?}: {e}"));
        assert_eq!(config.provider, None, "{pairs:?}");
        assert_eq!(
            config.api_key, None,
            "{pairs:?}: no key is read without a provider"
        );
        assert!(!Assistant::new(&config).unwrap().is_enabled());
    }
}

#[test]
fn each_variable_lands_in_its_field() {
    let config = read(&[
        ("VITAE_LLM_PROVIDER", "openai"),
        ("VITAE_LLM_MODEL", "gpt-test"),
        ("OPENAI_API_KEY", SECRET),
        ("VITAE_LLM_TEMPERATURE", "0.3"),
        ("VITAE_LLM_MAX_TOKENS", "900"),
        ("VITAE_LLM_TIMEOUT_SECS", "12"),
        ("VITAE_LLM_MAX_RETRIES", "0"),
        ("VITAE_LLM_MAX_CONCURRENCY", "2"),
        ("VITAE_LLM_CANDIDATES", "3"),
        ("VITAE_LLM_RESPONSE_FORMAT", "json_schema"),
    ])
    .unwrap();
    assert_eq!(config.provider, Some(ProviderKind::OpenAi));
    assert_eq!(config.model, "gpt-test");
    assert_eq!(config.base_url, "https://api.openai.com/v1");
    assert_eq!(config.api_key, Some(ApiKey::new(SECRET)));
    assert_eq!(config.temperature, Some(0.3));
    assert_eq!(config.max_tokens, 900);
    assert_eq!(config.timeout, Duration::from_secs(12));
    assert_eq!(config.max_retries, 0);
    assert_eq!(config.max_concurrency, 2);
    assert_eq!(config.candidates, 3);
    assert_eq!(config.response_format, ResponseFormat::JsonSchema);
}

#[test]
fn defaults_fill_what_is_not_set() {
    let config = read(&[
        ("VITAE_LLM_PROVIDER", "anthropic"),
        ("VITAE_LLM_MODEL", "claude-test"),
        ("ANTHROPIC_API_KEY", SECRET),
    ])
    .unwrap();
    assert_eq!(config.base_url, "https://api.anthropic.com");
    assert_eq!(config.temperature, None);
    assert_eq!(config.max_tokens, 2048);
    assert_eq!(config.timeout, Duration::from_secs(60));
    assert_eq!(config.max_retries, 3);
    assert_eq!(config.candidates, 1);
}

#[test]
fn base_urls_come_from_the_vitae_variable_then_the_provider_s() {
    let cases: &[Case] = &[
        (
            "OPENAI_BASE_URL (OpenRouter)",
            &[("OPENAI_BASE_URL", "https://openrouter.ai/api/v1")],
            "https://openrouter.ai/api/v1",
        ),
        (
            "VITAE_LLM_BASE_URL wins",
            &[
                ("OPENAI_BASE_URL", "https://openrouter.ai/api/v1"),
                ("VITAE_LLM_BASE_URL", "https://llm.example.com/v1/"),
            ],
            "https://llm.example.com/v1",
        ),
        (
            "the other provider's variable is ignored",
            &[("ANTHROPIC_BASE_URL", "https://anthropic.example.com")],
            "https://api.openai.com/v1",
        ),
    ];
    for (what, extra, expected) in cases {
        let mut pairs = vec![
            ("VITAE_LLM_PROVIDER", "openai"),
            ("VITAE_LLM_MODEL", "m"),
            ("OPENAI_API_KEY", SECRET),
        ];
        pairs.extend_from_slice(extra);
        assert_eq!(read(&pairs).unwrap().base_url, *expected, "{what}");
    }
}

#[test]
fn a_provider_without_its_key_fails_closed_naming_the_variable() {
    let cases: &[Case] = &[
        (
            "openai, nothing",
            &[("VITAE_LLM_PROVIDER", "openai")],
            "OPENAI_API_KEY",
        ),
        (
            "anthropic, the other provider's key",
            &[
                ("VITAE_LLM_PROVIDER", "anthropic"),
                ("OPENAI_API_KEY", SECRET),
            ],
            "ANTHROPIC_API_KEY",
        ),
        (
            "openai, an empty key",
            &[("VITAE_LLM_PROVIDER", "openai"), ("OPENAI_API_KEY", "  ")],
            "OPENAI_API_KEY",
        ),
        (
            "openai, a remote plain-http server",
            &[
                ("VITAE_LLM_PROVIDER", "openai"),
                ("VITAE_LLM_BASE_URL", "http://10.0.0.5:8000/v1"),
            ],
            "OPENAI_API_KEY",
        ),
    ];
    for (what, extra, variable) in cases {
        let mut pairs = vec![("VITAE_LLM_MODEL", "m")];
        pairs.extend_from_slice(extra);
        let error = read(&pairs).expect_err(what);
        assert!(
            matches!(error, ConfigError::MissingKey { .. }),
            "{what}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(variable), "{what}: {message}");
        assert!(!message.contains(SECRET), "{what}: {message}");
    }
}

#[test]
fn a_local_base_url_needs_no_key() {
    for url in [
        "http://127.0.0.1:11434/v1",
        "http://localhost:8080/v1",
        "http://[::1]:8000/v1",
    ] {
        let config = read(&[
            ("VITAE_LLM_PROVIDER", "openai"),
            ("VITAE_LLM_MODEL", "llama3.2"),
            ("VITAE_LLM_BASE_URL", url),
        ])
        .unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(config.api_key, None);
        assert!(config.is_local(), "{url}");
        assert!(Assistant::new(&config).unwrap().is_enabled(), "{url}");
    }
}

#[test]
fn bad_values_are_errors_naming_the_variable() {
    let cases: &[(&str, &str, &str)] = &[
        ("VITAE_LLM_PROVIDER", "gemini", "openai, anthropic or none"),
        ("VITAE_LLM_TEMPERATURE", "hot", "from 0 to 2"),
        ("VITAE_LLM_TEMPERATURE", "2.5", "from 0 to 2"),
        ("VITAE_LLM_MAX_TOKENS", "0", "above 0"),
        ("VITAE_LLM_MAX_TOKENS", "-5", "above 0"),
        ("VITAE_LLM_TIMEOUT_SECS", "soon", "above 0"),
        ("VITAE_LLM_MAX_CONCURRENCY", "0", "above 0"),
        ("VITAE_LLM_CANDIDATES", "9", "from 1 to 8"),
        (
            "VITAE_LLM_RESPONSE_FORMAT",
            "xml",
            "json_object or json_schema",
        ),
        (
            "VITAE_LLM_BASE_URL",
            "ftp://example.com",
            "http:// or https://",
        ),
        ("VITAE_LLM_BASE_URL", "not a url", "is not a URL"),
    ];
    for (variable, value, expected) in cases {
        let mut pairs = vec![
            ("VITAE_LLM_MODEL", "m"),
            ("OPENAI_API_KEY", SECRET),
            ("VITAE_LLM_PROVIDER", "openai"),
        ];
        pairs.retain(|(k, _)| k != variable);
        pairs.push((variable, value));
        let message = read(&pairs)
            .expect_err(&format!("{variable}={value}"))
            .to_string();
        assert!(message.contains(expected), "{variable}={value}: {message}");
        if !variable.ends_with("BASE_URL") {
            assert!(message.contains(variable), "{variable}={value}: {message}");
        }
    }
}

#[test]
fn a_provider_without_a_model_names_the_variable() {
    let message = read(&[
        ("VITAE_LLM_PROVIDER", "anthropic"),
        ("ANTHROPIC_API_KEY", SECRET),
    ])
    .unwrap_err()
    .to_string();
    assert!(message.contains("VITAE_LLM_MODEL"), "{message}");
}

#[test]
fn a_hand_filled_config_is_checked_the_same_way() {
    let config = Config::new(ProviderKind::Anthropic, "claude-test");
    match Assistant::new(&config) {
        Err(LlmError::Config(ConfigError::MissingKey { variable, .. })) => {
            assert_eq!(variable, "ANTHROPIC_API_KEY");
        }
        other => panic!("expected a missing key error, got {other:?}"),
    }
}

#[test]
fn debug_output_never_shows_the_key() {
    let config = read(&[
        ("VITAE_LLM_PROVIDER", "openai"),
        ("VITAE_LLM_MODEL", "m"),
        ("OPENAI_API_KEY", SECRET),
    ])
    .unwrap();
    let debug = format!("{config:?} {config:#?}");
    assert!(!debug.contains(SECRET), "{debug}");
    assert!(debug.contains("ApiKey(<redacted>)"), "{debug}");
    assert_eq!(format!("{:?}", ApiKey::new(SECRET)), "ApiKey(<redacted>)");
    let assistant = Assistant::new(&config).unwrap();
    let debug = format!("{assistant:?} {:?}", assistant.client());
    assert!(!debug.contains(SECRET), "{debug}");
    assert_eq!(config.api_key.unwrap().expose(), SECRET);
}

#[test]
fn a_dotenv_file_is_read_and_the_environment_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".env");
    std::fs::write(
        &path,
        format!(
            "# vitae LLM settings\n\
             export VITAE_LLM_PROVIDER=openai\n\
             VITAE_LLM_MODEL=\"from-dotenv\"  # overridden below\n\
             OPENAI_API_KEY='{SECRET}'\n\
             \n\
             VITAE_LLM_TEMPERATURE = 0.5\n"
        ),
    )
    .unwrap();
    let env = vars(&[("VITAE_LLM_MODEL", "from-env")]);
    let config = Config::from_env_with(Some(&path), &env).unwrap();
    assert_eq!(config.provider, Some(ProviderKind::OpenAi));
    assert_eq!(config.model, "from-env", "the environment wins over .env");
    assert_eq!(config.api_key.as_ref().map(ApiKey::expose), Some(SECRET));
    assert_eq!(config.temperature, Some(0.5));

    let missing = dir.path().join("absent.env");
    let config = Config::from_env_with(Some(&missing), &HashMap::new()).unwrap();
    assert_eq!(config.provider, None, "a missing .env is no error");
}

#[test]
fn a_malformed_dotenv_file_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".env");
    std::fs::write(
        &path,
        "VITAE_LLM_PROVIDER=openai\nOPENAI_API_KEY=\"unterminated\n",
    )
    .unwrap();
    for result in [
        Config::from_env_with(Some(&path), &HashMap::new()),
        Config::from_env(Some(&path)),
    ] {
        let error = result.unwrap_err();
        assert!(
            matches!(&error, ConfigError::DotEnv { line: 2, .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(".env:2: unterminated"), "{message}");
    }
}

#[test]
fn dotenv_parsing_keeps_later_lines() {
    let parsed = parse_dotenv("A=1\n# A=commented\nA=2\nB='x'").unwrap();
    assert_eq!(
        parsed,
        vec![
            ("A".to_owned(), "1".to_owned()),
            ("A".to_owned(), "2".to_owned()),
            ("B".to_owned(), "x".to_owned()),
        ]
    );
}

#[test]
fn the_config_files_llm_section_is_read_and_its_mistakes_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.yaml");
    // The environment of the test process wins over the file, so the file's provider is `none`
    // unless a variable says otherwise; what is checked here is what the file refuses.
    for (text, line, column, needle) in [
        (
            "llm:\n  provdier: openai\n",
            2,
            3,
            "unknown key `llm.provdier` (known: provider",
        ),
        ("llm:\n  api_key: sk-1\n", 2, 3, "OPENAI_API_KEY"),
        ("llm: openai\n", 1, 6, "must be a mapping"),
        ("llm:\n  model: [a, b]\n", 2, 10, "must be a single value"),
    ] {
        std::fs::write(&file, text).unwrap();
        match Config::load(Some(&file), None) {
            Err(ConfigError::File {
                line: l,
                column: c,
                message,
                ..
            }) => {
                assert_eq!((l, c), (line, column), "{text:?}: {message}");
                assert!(message.contains(needle), "{text:?}: {message}");
                assert!(!message.contains("sk-1"), "a secret is never echoed");
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }
    let e = Config::load(Some(&dir.path().join("missing.yaml")), None).unwrap_err();
    assert!(matches!(e, ConfigError::Io { .. }), "{e}");
}
