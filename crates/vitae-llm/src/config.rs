//! Configuration: which provider, which model, where, how long to wait — and the API key, which
//! only ever lives in an [`ApiKey`].
//!
//! Callers read a [`Config`] from the environment with [`Config::from_env`] (process variables
//! over a `.env` file), with [`Config::from_layers`] (the same over a config file's `llm:`
//! section, see [`FILE_KEYS`]) or, in tests, from a map with [`Config::from_env_map`]. Both validate: a provider selected without a key fails with an error
//! naming the variable to set (fail closed), except for a local base URL (`localhost`, a
//! loopback address), where Ollama, llama.cpp and vLLM usually run without one.
//!
//! | variable | meaning |
//! |---|---|
//! | `VITAE_LLM_PROVIDER` | `openai` (any OpenAI-compatible server), `anthropic`, or `none` (the default) |
//! | `VITAE_LLM_MODEL` | the model; required when a provider is selected |
//! | `VITAE_LLM_BASE_URL` | overrides `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` and the provider's default |
//! | `VITAE_LLM_TEMPERATURE` | 0 to 2; unset sends none (the model's default) |
//! | `VITAE_LLM_MAX_TOKENS` | the reply's token limit (default 2048) |
//! | `VITAE_LLM_TIMEOUT_SECS` | per HTTP call (default 60) |
//! | `VITAE_LLM_MAX_RETRIES` | retries after a 429, a 5xx or a connection error (default 3) |
//! | `VITAE_LLM_MAX_CONCURRENCY` | HTTP calls in flight at most (default 4) |
//! | `VITAE_LLM_CANDIDATES` | outputs generated per task, a judge picks among the verified (default 1: no judge) |
//! | `VITAE_LLM_RESPONSE_FORMAT` | OpenAI only: `json_object`, `json_schema` or `auto` (schema for api.openai.com) |
//! | `OPENAI_API_KEY`, `ANTHROPIC_API_KEY` | the key of the selected provider |

use hyper::Uri;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The keys of the `llm:` section of vitae's config file, and the variables they stand for. API
/// keys are not among them: secrets belong in the environment or `.env`, not in a file that is
/// shared or committed.
pub const FILE_KEYS: &[(&str, &str)] = &[
    ("provider", "VITAE_LLM_PROVIDER"),
    ("model", "VITAE_LLM_MODEL"),
    ("base_url", "VITAE_LLM_BASE_URL"),
    ("temperature", "VITAE_LLM_TEMPERATURE"),
    ("max_tokens", "VITAE_LLM_MAX_TOKENS"),
    ("timeout_secs", "VITAE_LLM_TIMEOUT_SECS"),
    ("max_retries", "VITAE_LLM_MAX_RETRIES"),
    ("max_concurrency", "VITAE_LLM_MAX_CONCURRENCY"),
    ("candidates", "VITAE_LLM_CANDIDATES"),
    ("response_format", "VITAE_LLM_RESPONSE_FORMAT"),
];

/// The default OpenAI base URL; requests go to `{base}/chat/completions`.
pub const OPENAI_DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
/// The default Anthropic base URL; requests go to `{base}/v1/messages`.
pub const ANTHROPIC_DEFAULT_BASE_URL: &str = "https://api.anthropic.com";

/// The two API shapes vitae speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    /// The Chat Completions API: OpenAI, OpenRouter, Ollama, llama.cpp, vLLM.
    #[serde(rename = "openai")]
    OpenAi,
    /// The Anthropic Messages API.
    Anthropic,
}

impl ProviderKind {
    pub fn name(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "openai",
            ProviderKind::Anthropic => "anthropic",
        }
    }

    /// The variable holding this provider's API key.
    pub fn key_variable(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "OPENAI_API_KEY",
            ProviderKind::Anthropic => "ANTHROPIC_API_KEY",
        }
    }

    /// The variable holding this provider's base URL (below `VITAE_LLM_BASE_URL`).
    pub fn base_url_variable(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => "OPENAI_BASE_URL",
            ProviderKind::Anthropic => "ANTHROPIC_BASE_URL",
        }
    }

    pub fn default_base_url(self) -> &'static str {
        match self {
            ProviderKind::OpenAi => OPENAI_DEFAULT_BASE_URL,
            ProviderKind::Anthropic => ANTHROPIC_DEFAULT_BASE_URL,
        }
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An API key. Its `Debug` is redacted and it has no `Display` or `Serialize`, so it cannot reach
/// a log line or a response by accident; [`ApiKey::expose`] is the one way to read it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> ApiKey {
        ApiKey(key.into())
    }

    /// The key itself, for the request header.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// How an OpenAI-compatible server is asked for JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseFormat {
    /// `json_schema` for api.openai.com, `json_object` (the widely supported one) elsewhere.
    #[default]
    Auto,
    /// `{"type": "json_object"}`.
    JsonObject,
    /// `{"type": "json_schema", "json_schema": {..., "strict": true}}`.
    JsonSchema,
}

/// Everything the clients need. `provider: None` disables the LLM: every task answers with its
/// deterministic result.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub provider: Option<ProviderKind>,
    pub model: String,
    /// Without a trailing slash.
    pub base_url: String,
    pub api_key: Option<ApiKey>,
    /// `None` sends no temperature (some reasoning models accept only their default).
    pub temperature: Option<f32>,
    pub max_tokens: u32,
    /// One HTTP call, from connecting to the last byte. Timeouts are not retried: a model that
    /// is that slow once is likely to be that slow again.
    pub timeout: Duration,
    /// Retries after a 429, a 5xx or a connection error.
    pub max_retries: u32,
    /// The first backoff; each retry doubles it, with jitter.
    pub backoff: Duration,
    /// The longest wait between attempts, whatever `Retry-After` asks for.
    pub max_backoff: Duration,
    /// HTTP calls in flight at most, across all tasks sharing a client.
    pub max_concurrency: usize,
    /// Replies cached in memory at most (0 disables the cache).
    pub cache_capacity: usize,
    /// Outputs generated per task; with more than one, a judge call picks among the verified.
    pub candidates: usize,
    pub response_format: ResponseFormat,
}

impl Default for Config {
    /// No provider: the deterministic paths only.
    fn default() -> Self {
        Config {
            provider: None,
            model: String::new(),
            base_url: String::new(),
            api_key: None,
            temperature: None,
            max_tokens: 2048,
            timeout: Duration::from_secs(60),
            max_retries: 3,
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_concurrency: 4,
            cache_capacity: 256,
            candidates: 1,
            response_format: ResponseFormat::Auto,
        }
    }
}

/// A configuration that cannot be used. Messages name the variable to set.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ConfigError {
    #[error(
        "VITAE_LLM_PROVIDER={provider} needs an API key: set {variable} (a local base URL such \
         as http://127.0.0.1:11434/v1 needs none), or set VITAE_LLM_PROVIDER=none"
    )]
    MissingKey {
        provider: ProviderKind,
        variable: &'static str,
    },
    #[error("VITAE_LLM_PROVIDER={provider} needs a model: set VITAE_LLM_MODEL")]
    MissingModel { provider: ProviderKind },
    #[error("{variable}=`{value}`: {expected}")]
    Invalid {
        variable: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("the base URL `{url}` {reason}")]
    BaseUrl { url: String, reason: String },
    #[error("{}:{line}: {message}", path.display())]
    DotEnv {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("cannot read {}: {message}", path.display())]
    Io { path: PathBuf, message: String },
    /// A problem in vitae's config file, at its line and column.
    #[error("{}:{line}:{column}: {message}", path.display())]
    File {
        path: PathBuf,
        line: u32,
        column: u32,
        message: String,
    },
}

impl Config {
    /// A configuration for `provider` with its default base URL and the defaults above; the
    /// caller sets the model and the key.
    pub fn new(provider: ProviderKind, model: impl Into<String>) -> Config {
        Config {
            provider: Some(provider),
            model: model.into(),
            base_url: provider.default_base_url().to_owned(),
            ..Config::default()
        }
    }

    /// Reads the configuration from `VITAE_LLM_*`, `OPENAI_*` and `ANTHROPIC_*` entries of
    /// `vars` (see the module documentation) and validates it. Pure: no environment, no files.
    pub fn from_env_map(vars: &HashMap<String, String>) -> Result<Config, ConfigError> {
        let get = |name: &str| {
            vars.get(name)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let provider = match get("VITAE_LLM_PROVIDER").map(|p| p.to_ascii_lowercase()) {
            None => None,
            Some(p) => match p.as_str() {
                "none" | "off" => None,
                "openai" => Some(ProviderKind::OpenAi),
                "anthropic" => Some(ProviderKind::Anthropic),
                _ => {
                    return Err(ConfigError::Invalid {
                        variable: "VITAE_LLM_PROVIDER",
                        value: p,
                        expected: "expected openai, anthropic or none",
                    });
                }
            },
        };
        let mut config = Config {
            provider,
            ..Config::default()
        };
        if let Some(v) = get("VITAE_LLM_TEMPERATURE") {
            let t: f32 = parse(&v, "VITAE_LLM_TEMPERATURE", "expected a number from 0 to 2")?;
            if !(0.0..=2.0).contains(&t) {
                return Err(ConfigError::Invalid {
                    variable: "VITAE_LLM_TEMPERATURE",
                    value: v,
                    expected: "expected a number from 0 to 2",
                });
            }
            config.temperature = Some(t);
        }
        let positive = "expected a whole number above 0";
        if let Some(v) = get("VITAE_LLM_MAX_TOKENS") {
            config.max_tokens = nonzero(&v, "VITAE_LLM_MAX_TOKENS", positive)?;
        }
        if let Some(v) = get("VITAE_LLM_TIMEOUT_SECS") {
            config.timeout =
                Duration::from_secs(nonzero::<u64>(&v, "VITAE_LLM_TIMEOUT_SECS", positive)?);
        }
        if let Some(v) = get("VITAE_LLM_MAX_RETRIES") {
            config.max_retries = parse(&v, "VITAE_LLM_MAX_RETRIES", "expected a whole number")?;
        }
        if let Some(v) = get("VITAE_LLM_MAX_CONCURRENCY") {
            config.max_concurrency =
                nonzero::<u32>(&v, "VITAE_LLM_MAX_CONCURRENCY", positive)? as usize;
        }
        if let Some(v) = get("VITAE_LLM_CANDIDATES") {
            let n: u32 = nonzero(
                &v,
                "VITAE_LLM_CANDIDATES",
                "expected a whole number from 1 to 8",
            )?;
            if n > 8 {
                return Err(ConfigError::Invalid {
                    variable: "VITAE_LLM_CANDIDATES",
                    value: v,
                    expected: "expected a whole number from 1 to 8",
                });
            }
            config.candidates = n as usize;
        }
        if let Some(v) = get("VITAE_LLM_RESPONSE_FORMAT") {
            config.response_format = match v.to_ascii_lowercase().as_str() {
                "auto" => ResponseFormat::Auto,
                "json_object" => ResponseFormat::JsonObject,
                "json_schema" => ResponseFormat::JsonSchema,
                _ => {
                    return Err(ConfigError::Invalid {
                        variable: "VITAE_LLM_RESPONSE_FORMAT",
                        value: v,
                        expected: "expected auto, json_object or json_schema",
                    });
                }
            };
        }
        let Some(provider) = provider else {
            return Ok(config);
        };
        config.model = get("VITAE_LLM_MODEL").unwrap_or_default();
        config.base_url = get("VITAE_LLM_BASE_URL")
            .or_else(|| get(provider.base_url_variable()))
            .unwrap_or_else(|| provider.default_base_url().to_owned())
            .trim_end_matches('/')
            .to_owned();
        config.api_key = get(provider.key_variable()).map(ApiKey::new);
        config.validate()?;
        Ok(config)
    }

    /// [`Config::from_env_map`] over the process environment laid over the `.env` file at
    /// `dotenv_path` (a variable set in the environment wins; a missing file is no error).
    pub fn from_env(dotenv_path: Option<&Path>) -> Result<Config, ConfigError> {
        Config::from_env_over(&HashMap::new(), dotenv_path)
    }

    /// [`Config::from_layers`] with the process environment on top: a config file's settings
    /// (`file`), under the `.env` file at `dotenv_path`, under the environment.
    /// The configuration from every layer, lowest first: vitae's config file's `llm:` section
    /// (`config_file`, else `$XDG_CONFIG_HOME/vitae/config.yaml` or
    /// `~/.config/vitae/config.yaml` when it exists), the `.env` file, then the environment.
    pub fn load(
        config_file: Option<&Path>,
        dotenv_path: Option<&Path>,
    ) -> Result<Config, ConfigError> {
        let file = match config_file
            .map(Path::to_path_buf)
            .or_else(|| default_config_path().filter(|p| p.is_file()))
        {
            Some(path) => config_file_vars(&path)?,
            None => HashMap::new(),
        };
        Config::from_env_over(&file, dotenv_path)
    }

    /// [`Config::load`] with the config file's text already read (by a front end that reads it
    /// for its own sections too, or from standard input, which can be read only once); `path`
    /// names it in errors.
    pub fn load_text(
        path: &Path,
        text: &str,
        dotenv_path: Option<&Path>,
    ) -> Result<Config, ConfigError> {
        let file = text_vars(path, text)?;
        Config::from_env_over(&file, dotenv_path)
    }

    pub fn from_env_over(
        file: &HashMap<String, String>,
        dotenv_path: Option<&Path>,
    ) -> Result<Config, ConfigError> {
        // Variables that are not valid Unicode cannot be ours; skip them rather than fail.
        let env: HashMap<String, String> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        Config::from_layers(file, dotenv_path, &env)
    }

    /// [`Config::from_env`] with `env` standing for the process environment.
    pub fn from_env_with(
        dotenv_path: Option<&Path>,
        env: &HashMap<String, String>,
    ) -> Result<Config, ConfigError> {
        Config::from_layers(&HashMap::new(), dotenv_path, env)
    }

    /// The configuration from three layers, each overriding the one before: `file` (the `llm:`
    /// section of vitae's config file, as variables: see [`FILE_KEYS`]), the `.env` file at
    /// `dotenv_path`, and `env`.
    pub fn from_layers(
        file: &HashMap<String, String>,
        dotenv_path: Option<&Path>,
        env: &HashMap<String, String>,
    ) -> Result<Config, ConfigError> {
        let mut vars = file.clone();
        if let Some(path) = dotenv_path {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let entries =
                        parse_dotenv(&text).map_err(|(line, message)| ConfigError::DotEnv {
                            path: path.to_owned(),
                            line,
                            message,
                        })?;
                    vars.extend(entries);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(ConfigError::Io {
                        path: path.to_owned(),
                        message: e.to_string(),
                    });
                }
            }
        }
        vars.extend(env.iter().map(|(k, v)| (k.clone(), v.clone())));
        Config::from_env_map(&vars)
    }

    /// Checks a configuration filled by hand the way [`Config::from_env_map`] checks its own:
    /// a model, an http(s) base URL, and a key unless the base URL is local.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let Some(provider) = self.provider else {
            return Ok(());
        };
        if self.model.trim().is_empty() {
            return Err(ConfigError::MissingModel { provider });
        }
        let url: Uri = self.base_url.parse().map_err(|e| ConfigError::BaseUrl {
            url: self.base_url.clone(),
            reason: format!("is not a URL: {e}"),
        })?;
        if !matches!(url.scheme_str(), Some("http" | "https")) || url.host().is_none() {
            return Err(ConfigError::BaseUrl {
                url: self.base_url.clone(),
                reason: "must be an http:// or https:// URL with a host".to_owned(),
            });
        }
        let has_key = self
            .api_key
            .as_ref()
            .is_some_and(|k| !k.expose().trim().is_empty());
        if !has_key && !is_local(&url) {
            return Err(ConfigError::MissingKey {
                provider,
                variable: provider.key_variable(),
            });
        }
        Ok(())
    }

    /// Whether the base URL points at this machine (no key needed).
    pub fn is_local(&self) -> bool {
        self.base_url.parse::<Uri>().is_ok_and(|u| is_local(&u))
    }
}

fn is_local(url: &Uri) -> bool {
    let Some(host) = url.host() else {
        return false;
    };
    // An IPv6 host comes bracketed: `[::1]`.
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn parse<T: std::str::FromStr>(
    value: &str,
    variable: &'static str,
    expected: &'static str,
) -> Result<T, ConfigError> {
    value.parse().map_err(|_| ConfigError::Invalid {
        variable,
        value: value.to_owned(),
        expected,
    })
}

fn nonzero<T: std::str::FromStr + Default + PartialEq>(
    value: &str,
    variable: &'static str,
    expected: &'static str,
) -> Result<T, ConfigError> {
    let n: T = parse(value, variable, expected)?;
    if n == T::default() {
        return Err(ConfigError::Invalid {
            variable,
            value: value.to_owned(),
            expected,
        });
    }
    Ok(n)
}

/// Parses a `.env` file: `KEY=VALUE` lines (an optional `export ` before the key), blank lines
/// and `#` comments; a value may be `"double quoted"` (with `\n`, `\t`, `\"` and `\\` escapes),
/// `'single quoted'` (literal), or bare (trimmed, ` #` starts a comment). Later lines win. An
/// error is the 1-based line and what is wrong with it.
pub fn parse_dotenv(text: &str) -> Result<Vec<(String, String)>, (usize, String)> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.strip_prefix("export ").map_or(line, str::trim_start);
        let Some((key, rest)) = line.split_once('=') else {
            return Err((line_no, "expected KEY=VALUE".to_owned()));
        };
        let key = key.trim();
        let valid_key = key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        if !valid_key {
            return Err((line_no, format!("`{key}` is not a variable name")));
        }
        let value = dotenv_value(rest.trim()).map_err(|m| (line_no, m))?;
        out.push((key.to_owned(), value));
    }
    Ok(out)
}

fn dotenv_value(rest: &str) -> Result<String, String> {
    let mut chars = rest.char_indices();
    let quote = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => q,
        _ => {
            // Bare: a `#` after whitespace starts a comment.
            let end = rest
                .char_indices()
                .find(|&(i, c)| c == '#' && (i == 0 || rest[..i].ends_with([' ', '\t'])))
                .map_or(rest.len(), |(i, _)| i);
            return Ok(rest[..end].trim().to_owned());
        }
    };
    chars.next();
    let mut value = String::new();
    let mut escaped = false;
    for (i, c) in chars {
        if escaped {
            value.push(match c {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                other => other,
            });
            escaped = false;
        } else if c == '\\' && quote == '"' {
            escaped = true;
        } else if c == quote {
            let after = rest[i + 1..].trim();
            if after.is_empty() || after.starts_with('#') {
                return Ok(value);
            }
            return Err(format!("unexpected `{after}` after the closing quote"));
        } else {
            value.push(c);
        }
    }
    Err(format!("unterminated {quote}quoted{quote} value"))
}

/// `$XDG_CONFIG_HOME/vitae/config.yaml`, else `~/.config/vitae/config.yaml`: where vitae's config
/// file is when none is named (the CLI reads its other sections from the same place).
pub fn default_config_path() -> Option<PathBuf> {
    let var = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("XDG_CONFIG_HOME")
        .map(|d| d.join("vitae/config.yaml"))
        .or_else(|| var("HOME").map(|h| h.join(".config/vitae/config.yaml")))
}

/// A config file is a few lines; anything this large is not one.
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The `llm:` section of the config file at `path` as the variables its keys stand for. Unknown
/// keys and API keys are errors with their line and column: a typo must not silently do nothing,
/// and secrets belong in the environment or `.env`.
fn config_file_vars(path: &Path) -> Result<HashMap<String, String>, ConfigError> {
    let io = |message: String| ConfigError::Io {
        path: path.to_owned(),
        message,
    };
    let text = if path.as_os_str() == "-" {
        // `-` is standard input, as for every file the CLI reads.
        use std::io::Read;
        let mut text = String::new();
        std::io::stdin()
            .take(MAX_CONFIG_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| io(e.to_string()))?;
        text
    } else {
        let size = std::fs::metadata(path)
            .map_err(|e| io(e.to_string()))?
            .len();
        if size > MAX_CONFIG_BYTES {
            return Err(io(format!(
                "it has {size} bytes; a config file has at most {MAX_CONFIG_BYTES}"
            )));
        }
        std::fs::read_to_string(path).map_err(|e| io(e.to_string()))?
    };
    if text.len() as u64 > MAX_CONFIG_BYTES {
        return Err(io(format!(
            "a config file has at most {MAX_CONFIG_BYTES} bytes"
        )));
    }
    text_vars(path, &text)
}

/// The `llm:` (or resume-cli's `ai:`) section of a config file's `text` as variables.
fn text_vars(path: &Path, text: &str) -> Result<HashMap<String, String>, ConfigError> {
    let at = |pos: vitae_core::node::Pos, message: String| ConfigError::File {
        path: path.to_owned(),
        line: pos.line,
        column: pos.column,
        message,
    };
    let root = vitae_core::node::parse_yaml(text).map_err(|e| at(e.pos, e.message))?;
    let mut vars = HashMap::new();
    let Some(section) = root.get("llm") else {
        if let Some(ai) = root.get("ai") {
            resume_cli_ai(ai, &mut vars);
        }
        return Ok(vars);
    };
    let Some(entries) = section.as_map() else {
        return Err(at(
            section.pos,
            "`llm` must be a mapping (provider: openai, model: ...)".into(),
        ));
    };
    for entry in entries {
        let Some((_, var)) = FILE_KEYS.iter().find(|(k, _)| *k == entry.key) else {
            let hint = if entry.key.contains("key") {
                " (API keys go in the environment or .env: OPENAI_API_KEY, ANTHROPIC_API_KEY)"
                    .to_owned()
            } else {
                let known: Vec<&str> = FILE_KEYS.iter().map(|(k, _)| *k).collect();
                format!(" (known: {})", known.join(", "))
            };
            return Err(at(
                entry.key_pos,
                format!("unknown key `llm.{}`{hint}", entry.key),
            ));
        };
        let Some(value) = entry.value.scalar_text() else {
            return Err(at(
                entry.value.pos,
                format!("`llm.{}` must be a single value", entry.key),
            ));
        };
        vars.insert((*var).to_owned(), value);
    }
    Ok(vars)
}

/// resume-cli's `ai:` section (its `config/default.yaml`), read for what it shares with `llm:`:
/// `provider`, `model`, `temperature`, `max_tokens`, and the chosen provider's
/// `<provider>_base_url` when set. Its other keys (the judge, the number of generations) have no
/// meaning in vitae; the CLI names them when it reads the file.
fn resume_cli_ai(ai: &vitae_core::node::Node, vars: &mut HashMap<String, String>) {
    let text = |key: &str| {
        ai.get(key)
            .and_then(|n| n.scalar_text())
            .filter(|t| !t.trim().is_empty())
    };
    for (key, var) in [
        ("provider", "VITAE_LLM_PROVIDER"),
        ("model", "VITAE_LLM_MODEL"),
        ("temperature", "VITAE_LLM_TEMPERATURE"),
        ("max_tokens", "VITAE_LLM_MAX_TOKENS"),
    ] {
        if let Some(value) = text(key) {
            vars.insert(var.to_owned(), value);
        }
    }
    // Each provider's address goes to that provider's own variable, below the environment's:
    // it never follows a key to another provider.
    for kind in [ProviderKind::Anthropic, ProviderKind::OpenAi] {
        if let Some(url) = text(&format!("{}_base_url", kind.name())) {
            vars.insert(kind.base_url_variable().to_owned(), url);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resume_clis_ai_section_sets_the_provider_and_model() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("default.yaml");
        std::fs::write(
            &path,
            "ai:\n  provider: anthropic\n  model: claude-3-5-sonnet-20241022\n  temperature: 0.7\n  judge_enabled: true\n  anthropic_base_url: \"\"\n  openai_base_url: \"https://x.example/v1\"\n",
        )
        .unwrap();
        let vars = config_file_vars(&path).unwrap();
        assert_eq!(vars["VITAE_LLM_PROVIDER"], "anthropic");
        assert_eq!(vars["VITAE_LLM_MODEL"], "claude-3-5-sonnet-20241022");
        assert_eq!(vars["VITAE_LLM_TEMPERATURE"], "0.7");
        // Each provider's address is that provider's, an empty one none: the address never goes
        // to the provider the environment may choose instead.
        assert!(!vars.contains_key("VITAE_LLM_BASE_URL"));
        assert!(!vars.contains_key("ANTHROPIC_BASE_URL"));
        assert_eq!(vars["OPENAI_BASE_URL"], "https://x.example/v1");
    }

    #[test]
    fn dotenv_values_unquote_and_drop_comments() {
        let cases = [
            ("A=1", "1"),
            ("A = spaced out ", "spaced out"),
            ("A=bare # comment", "bare"),
            ("A=has#hash", "has#hash"),
            ("A=\"double # kept\"", "double # kept"),
            ("A=\"esc \\\"q\\\" \\n\"", "esc \"q\" \n"),
            ("A='single \\n literal'", "single \\n literal"),
            ("A=\"x\" # trailing", "x"),
            ("export A=exported", "exported"),
            ("A=", ""),
        ];
        for (line, expected) in cases {
            let parsed = parse_dotenv(line).unwrap_or_else(|e| panic!("{line}: {e:?}"));
            assert_eq!(
                parsed,
                vec![("A".to_owned(), expected.to_owned())],
                "{line}"
            );
        }
    }

    #[test]
    fn dotenv_errors_name_the_line() {
        let cases = [
            ("# ok\nno equals sign", 2, "expected KEY=VALUE"),
            ("A=\"open", 1, "unterminated"),
            ("\n\n1A=x", 3, "not a variable name"),
            ("A=\"x\" y", 1, "after the closing quote"),
        ];
        for (text, line, message) in cases {
            let (at, m) = parse_dotenv(text).expect_err(text);
            assert_eq!(at, line, "{text}");
            assert!(m.contains(message), "{text}: {m}");
        }
    }

    #[test]
    fn local_base_urls_are_loopback_hosts_only() {
        let cases = [
            ("http://127.0.0.1:11434/v1", true),
            ("http://localhost:8080/v1", true),
            ("http://[::1]:8000/v1", true),
            ("http://127.8.9.1/v1", true),
            ("https://api.openai.com/v1", false),
            ("http://10.0.0.5:8000/v1", false),
            ("http://localhost.evil.example/v1", false),
        ];
        for (url, local) in cases {
            assert_eq!(is_local(&url.parse().unwrap()), local, "{url}");
        }
    }
}
