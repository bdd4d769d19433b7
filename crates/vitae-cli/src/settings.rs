//! vitae's config file beyond its `llm:` section (which `vitae_llm::Config` reads): the defaults of
//! `generate` and `ats-check`. resume-cli's own `config/default.yaml` is read the same way, so a
//! user who passes it to `--config` keeps what has a meaning here (the output folder and file
//! names, the default variant and format, the ATS weights, and, through `vitae_llm`, the `ai:`
//! provider and model), and is told, key by key with its line, what is ignored.
//!
//! ```yaml
//! generation: {default_variant: v1.1.0-backend, default_format: pdf}
//! output: {directory: out, naming_scheme: "resume-{variant}-{date}.{ext}"}
//! ats: {scoring: {keywords: 40, format_parsing: 10}}
//! llm: {provider: openai, model: gpt-4o-mini}
//! ```

use anyhow::{Result, anyhow};
use std::path::{Path, PathBuf};
use vitae_core::node::{Node, Pos};
use vitae_render::OutputFormat;

/// The defaults a config file sets.
#[derive(Debug, Default)]
pub struct Settings {
    pub default_variant: Option<String>,
    pub default_format: Option<OutputFormat>,
    pub output_dir: Option<PathBuf>,
    /// The output file name with `{variant}`, `{date}` and `{ext}` (resume-cli's placeholders).
    pub naming: Option<String>,
    /// `--weights` as the config gives it (`keywords=40,format=10`).
    pub ats_weights: Option<String>,
}

/// The `ai:` keys `vitae_llm` takes from resume-cli's file.
const AI_KEYS: &[&str] = &[
    "provider",
    "model",
    "temperature",
    "max_tokens",
    "anthropic_base_url",
    "openai_base_url",
];

impl Settings {
    /// The settings of `explicit` (`--config`, `$VITAE_CONFIG`), else of the default config file
    /// when there is one; none without a file. What the file holds that vitae does not use is
    /// printed as warnings on stderr, each with its line.
    pub fn load(explicit: Option<&Path>) -> Result<Settings> {
        let path = match explicit {
            Some(path) => path.to_path_buf(),
            None => match vitae_llm::default_config_path().filter(|p| p.is_file()) {
                Some(path) => path,
                None => return Ok(Settings::default()),
            },
        };
        let bytes = crate::input::read_source(&path)?;
        let name = path.display().to_string();
        let text = vitae_core::format::decode(&bytes).map_err(|e| {
            let pos = e.pos();
            anyhow!("{name}:{}:{}: {e}", pos.line, pos.column)
        })?;
        let root = vitae_core::node::parse_yaml(text)
            .map_err(|e| anyhow!("{name}:{}:{}: {}", e.pos.line, e.pos.column, e.message))?;
        let mut reader = Reader {
            name,
            settings: Settings::default(),
        };
        reader.read(&root)?;
        Ok(reader.settings)
    }

    /// The default output file name for `variant` rendered as `format` today.
    pub fn file_name(&self, variant: &str, date: &str, ext: &str) -> String {
        self.naming
            .as_deref()
            .unwrap_or("resume-{variant}-{date}.{ext}")
            .replace("{variant}", variant)
            .replace("{date}", date)
            .replace("{ext}", ext)
    }
}

struct Reader {
    name: String,
    settings: Settings,
}

impl Reader {
    fn ignored(&self, path: &str, pos: Pos, why: &str) {
        eprintln!(
            "warning: {}:{}:{}: `{path}` {why}; it is ignored",
            self.name, pos.line, pos.column
        );
    }

    /// A single value; `None` for an empty one (`date_format:`), which sets nothing.
    fn text(&self, node: &Node, path: &str) -> Result<Option<String>> {
        if node.is_null() {
            return Ok(None);
        }
        node.scalar_text()
            .map(|t| Some(t).filter(|t| !t.trim().is_empty()))
            .ok_or_else(|| {
                anyhow!(
                    "{}:{}:{}: `{path}` must be a single value",
                    self.name,
                    node.pos.line,
                    node.pos.column
                )
            })
    }

    fn read(&mut self, root: &Node) -> Result<()> {
        let Some(entries) = root.as_map() else {
            if root.is_null() {
                return Ok(());
            }
            return Err(anyhow!(
                "{}:{}:{}: a config file is a mapping of sections (llm, generation, output, ats)",
                self.name,
                root.pos.line,
                root.pos.column
            ));
        };
        for section in entries {
            let key = section.key.as_str();
            match key {
                // Read by vitae_llm, which reports its own problems.
                "llm" => {}
                "ai" => {
                    let beside_llm = entries.iter().any(|e| e.key == "llm");
                    self.section(&section.value, key, |r, e, path| {
                        if beside_llm {
                            r.ignored(path, e.key_pos, "is resume-cli's; `llm:` is read instead");
                        } else if !AI_KEYS.contains(&e.key.as_str()) {
                            r.ignored(path, e.key_pos, "has no meaning in vitae");
                        }
                        Ok(())
                    })?;
                }
                "generation" => self.section(&section.value, key, |r, e, path| {
                    match e.key.as_str() {
                        "default_variant" => {
                            r.settings.default_variant = r.text(&e.value, path)?;
                        }
                        "default_format" => {
                            let Some(name) = r.text(&e.value, path)? else {
                                return Ok(());
                            };
                            let format = name.parse::<OutputFormat>().map_err(|msg| {
                                anyhow!(
                                    "{}:{}:{}: {msg}",
                                    r.name,
                                    e.value.pos.line,
                                    e.value.pos.column
                                )
                            })?;
                            r.settings.default_format = Some(format);
                        }
                        "max_bullets" => r.ignored(
                            path,
                            e.key_pos,
                            "has no meaning in vitae (a variant's `max_bullets_per_job` caps bullets)",
                        ),
                        _ => r.ignored(path, e.key_pos, "has no meaning in vitae"),
                    }
                    Ok(())
                })?,
                "output" => self.section(&section.value, key, |r, e, path| {
                    match e.key.as_str() {
                        "directory" => {
                            r.settings.output_dir = r.text(&e.value, path)?.map(PathBuf::from);
                        }
                        "naming_scheme" => r.settings.naming = r.text(&e.value, path)?,
                        // vitae writes dates as YYYY-MM-DD, resume-cli's default.
                        "date_format"
                            if r.text(&e.value, path)?.is_none_or(|f| f == "%Y-%m-%d") => {}
                        "date_format" => r.ignored(
                            path,
                            e.value.pos,
                            "is not YYYY-MM-DD, the only date vitae puts in file names",
                        ),
                        _ => r.ignored(path, e.key_pos, "has no meaning in vitae"),
                    }
                    Ok(())
                })?,
                "ats" => self.section(&section.value, key, |r, e, path| {
                    if e.key != "scoring" {
                        r.ignored(path, e.key_pos, "has no meaning in vitae");
                        return Ok(());
                    }
                    let mut weights: Vec<(&str, String)> = Vec::new();
                    r.section(&e.value, path, |r, w, path| {
                        match vitae_app::ats::category_key(&w.key) {
                            Some(ours) if weights.iter().any(|(k, _)| *k == ours) => r.ignored(
                                path,
                                w.key_pos,
                                "weighs a category already weighed above",
                            ),
                            Some(ours) => {
                                if let Some(weight) = r.text(&w.value, path)? {
                                    weights.push((ours, weight));
                                }
                            }
                            None => r.ignored(path, w.key_pos, "is no ATS category of vitae"),
                        }
                        Ok(())
                    })?;
                    let weights: Vec<String> =
                        weights.iter().map(|(k, w)| format!("{k}={w}")).collect();
                    let weights = weights.join(",");
                    vitae_app::ats::check_weights(&weights).map_err(|msg| {
                        anyhow!("{}:{}:{}: {msg}", r.name, e.value.pos.line, e.value.pos.column)
                    })?;
                    r.settings.ats_weights = Some(weights).filter(|w| !w.is_empty());
                    Ok(())
                })?,
                _ => self.ignored(key, section.key_pos, "is not a section of vitae's config"),
            }
        }
        Ok(())
    }

    /// Each entry of the mapping `node` (at `path`), through `f` with its own path.
    fn section(
        &mut self,
        node: &Node,
        path: &str,
        mut f: impl FnMut(&mut Self, &vitae_core::node::Entry, &str) -> Result<()>,
    ) -> Result<()> {
        let Some(entries) = node.as_map() else {
            if node.is_null() {
                return Ok(());
            }
            return Err(anyhow!(
                "{}:{}:{}: `{path}` must be a mapping",
                self.name,
                node.pos.line,
                node.pos.column
            ));
        };
        for e in entries {
            f(self, e, &format!("{path}.{}", e.key))?;
        }
        Ok(())
    }
}
