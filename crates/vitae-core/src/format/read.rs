//! The shared toolkit of the format readers: typed access to a located mapping that records every
//! problem as a diagnostic (never stopping at the first), warns about unknown keys with a
//! "did you mean" hint, and records where each model field came from in a [`SourceMap`] so that
//! validation, which only sees the model, can still point at the user's file.

use crate::date::DateValue;
use crate::diag::Diagnostics;
use crate::node::{Entry, Node, Pos, Value};
use std::collections::HashMap;
use std::str::FromStr;

/// Model path (`experience[2].start`) → source path (`work[2].startDate`) and position.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: HashMap<String, (String, Pos)>,
}

impl SourceMap {
    pub fn insert(&mut self, model_path: String, source_path: String, pos: Pos) {
        self.entries.insert(model_path, (source_path, pos));
    }

    /// Every model path recorded, in no particular order.
    pub fn model_paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The source path and position of a model path, falling back to the nearest recorded parent
    /// (`experience[2].bullets[0].text` → `experience[2].bullets[0]` → `experience[2]`).
    pub fn resolve(&self, model_path: &str) -> (String, Pos) {
        let mut p = model_path;
        loop {
            if let Some((src, pos)) = self.entries.get(p) {
                return (src.clone(), *pos);
            }
            match p.rfind(['.', '[']) {
                Some(i) if i > 0 => p = &p[..i],
                _ => return (model_path.to_owned(), Pos::UNKNOWN),
            }
        }
    }
}

/// Reader state shared by one read: the diagnostics and the source map.
#[derive(Debug, Default)]
pub struct Cx {
    pub diags: Diagnostics,
    pub map: SourceMap,
    /// The fields already reported as kept but not shown, by their path with the list indices
    /// left out (`work[].keywords`): each is reported once, at its first place.
    unshown: std::collections::HashSet<String>,
    /// The formatting of the texts read with [`Obj::rich`], for [`Resume::inline`].
    ///
    /// [`Resume::inline`]: crate::model::Resume::inline
    pub inline: crate::rich::Inline,
    /// Every text field is Markdown (RenderCV's rule), not only prose read with [`Obj::rich`];
    /// fields that hold an address, a date or an identifier stay as written.
    pub markdown_everywhere: bool,
    /// Prose may hold the HTML subset editors write (JSON Resume), besides Markdown.
    pub html: bool,
}

/// Fields that are never Markdown, even where every text is: addresses, dates, identifiers.
const NOT_MARKDOWN: &[&str] = &[
    "url",
    "email",
    "phone",
    "website",
    "photo",
    "image",
    "username",
    "network",
    "doi",
    "date",
    "start_date",
    "end_date",
    "startDate",
    "endDate",
    "releaseDate",
    "tags",
    "emphasize_for",
];

/// Where every field is Markdown, the fields whose formatting documents show (prose); in the
/// others (names, titles, places) the markup is taken off and the words kept.
const PROSE: &[&str] = &["summary", "highlights", "bullet", "bullets", "text"];

impl Cx {
    /// Reads `text` as Markdown when every field is (see [`Cx::markdown_everywhere`]).
    fn field(&mut self, key: &str, text: String) -> String {
        if !self.markdown_everywhere || NOT_MARKDOWN.contains(&key) {
            text
        } else if key == "highlights" {
            // RenderCV reads ` - ` in a highlight as a sub-item; the model writes a sub-item on
            // a line of its own (see `rich::sub_items`).
            self.rich(crate::rich::rendercv_sub_items(&text))
        } else if PROSE.contains(&key) {
            self.rich(text)
        } else {
            crate::rich::parse(&text).plain
        }
    }

    /// `text` read as inline Markdown and HTML: its plain words, with its formatting recorded.
    pub fn rich(&mut self, text: String) -> String {
        let parsed = if self.html {
            crate::rich::parse_html(&text)
        } else {
            crate::rich::parse(&text)
        };
        if !parsed.marks.is_empty() {
            self.inline
                .entry(parsed.plain.clone())
                .or_insert(parsed.marks);
        }
        parsed.plain
    }
}

impl Cx {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn type_error(&mut self, path: &str, node: &Node, expected: &str) {
        self.diags.error(
            path,
            node.pos,
            format!("expected {expected}, found {}", node.kind()),
            None,
        );
    }
}

pub fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}

/// `work[3].keywords` → `work[].keywords`: one name for a field in every entry of a list.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

pub fn index(prefix: &str, i: usize) -> String {
    format!("{prefix}[{i}]")
}

/// A mapping being read: `src` is its path in the source, `model` its path in the model.
pub struct Obj<'a> {
    pub node: &'a Node,
    pub src: String,
    pub model: String,
    /// Unknown-key policy, inherited by nested mappings read through [`Obj::obj`].
    typos_only: bool,
    /// The fields not in the known list, as written (see [`Obj::extra`]).
    extra: crate::model::Extra,
}

impl<'a> Obj<'a> {
    /// Views `node` as a mapping, reporting a type error (and returning `None`) if it is not one.
    /// `known` lists the accepted keys; any other key gets a warning with the closest known key.
    pub fn new(
        cx: &mut Cx,
        node: &'a Node,
        src: String,
        model: String,
        known: &[&str],
    ) -> Option<Self> {
        Self::with_policy(cx, node, src, model, known, false)
    }

    /// Like [`Obj::new`], but unknown keys are only reported when they look like a typo of a known
    /// key: formats such as JSON Resume allow extra properties.
    pub fn lenient(
        cx: &mut Cx,
        node: &'a Node,
        src: String,
        model: String,
        known: &[&str],
    ) -> Option<Self> {
        Self::with_policy(cx, node, src, model, known, true)
    }

    fn with_policy(
        cx: &mut Cx,
        node: &'a Node,
        src: String,
        model: String,
        known: &[&str],
        typos_only: bool,
    ) -> Option<Self> {
        let Some(entries) = node.as_map() else {
            if !node.is_null() {
                cx.type_error(&src, node, "a mapping");
            }
            return None;
        };
        cx.map.insert(model.clone(), src.clone(), node.pos);
        let mut extra = crate::model::Extra::new();
        if !known.is_empty() {
            for e in entries {
                if known.contains(&e.key.as_str()) {
                    continue;
                }
                extra.insert(e.key.clone(), e.value.to_json());
                let path = join(&src, &e.key);
                if let Some(k) = closest(&e.key, known) {
                    cx.diags.warning(
                        &path,
                        e.key_pos,
                        format!(
                            "unknown field `{}` is not shown (it is kept as written)",
                            e.key
                        ),
                        Some(format!("did you mean `{k}`?")),
                    );
                } else if cx.unshown.insert(without_indices(&path)) {
                    // A format that allows extra fields (JSON Resume) or a tool's own field
                    // (resume-cli's `stars`): kept for conversions, said once.
                    let hint = (!typos_only)
                        .then(|| format!("fields vitae shows here: {}", known.join(", ")));
                    cx.diags.warning(
                        &path,
                        e.key_pos,
                        format!(
                            "`{}` is not shown in documents; it is kept as written and carried \
                             through conversions",
                            e.key
                        ),
                        hint,
                    );
                }
            }
        }
        Some(Obj {
            node,
            src,
            model,
            typos_only,
            extra,
        })
    }

    /// The fields of this mapping that the reader does not know, as written, for the model's
    /// `extra`.
    pub fn extra(&self) -> crate::model::Extra {
        self.extra.clone()
    }

    pub fn entries(&self) -> &'a [Entry] {
        self.node.as_map().unwrap_or(&[])
    }

    /// The value under the first of `keys` that is present and not null (aliases such as
    /// `title`/`position`).
    pub fn get(&self, keys: &[&str]) -> Option<(&'a str, &'a Node)> {
        let entries = self.entries();
        keys.iter().find_map(|k| {
            entries
                .iter()
                .find(|e| e.key == *k && !e.value.is_null())
                .map(|e| (e.key.as_str(), &e.value))
        })
    }

    fn paths(&self, src_key: &str, model_key: &str) -> (String, String) {
        (join(&self.src, src_key), join(&self.model, model_key))
    }

    /// Optional text. Numbers and booleans are accepted as their text (`postal_code: 12345`).
    pub fn text(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> Option<String> {
        let model = join(&self.model, model_key);
        self.text_into(cx, keys, model)
    }

    /// Optional text that lands elsewhere in the model than under this mapping (JSON Resume's
    /// `basics.summary` is the model's `summary.base`).
    pub fn text_to(&self, cx: &mut Cx, keys: &[&str], model: crate::ModelPath) -> Option<String> {
        self.text_into(cx, keys, model.into_string())
    }

    /// A second spelling of the field read as `used` (`graduation_date` beside `end_date`) is not
    /// read, and is said to be, where it is.
    pub(crate) fn shadowed(&self, cx: &mut Cx, keys: &[&str], used: &str) {
        for k in keys.iter().filter(|k| **k != used) {
            if let Some(e) = self
                .entries()
                .iter()
                .find(|e| e.key == *k && !e.value.is_null())
            {
                cx.diags.warning(
                    &join(&self.src, k),
                    e.key_pos,
                    format!("`{k}` is not read: `{used}` gives the same field"),
                    Some(format!("keep one of `{used}` and `{k}`")),
                );
            }
        }
    }

    fn text_into(&self, cx: &mut Cx, keys: &[&str], model: String) -> Option<String> {
        let (key, node) = self.get(keys)?;
        self.shadowed(cx, keys, key);
        let src = join(&self.src, key);
        cx.map.insert(model, src.clone(), node.pos);
        match node.scalar_text() {
            Some(t) => Some(cx.field(key, t)),
            None => {
                cx.type_error(&src, node, "text");
                None
            }
        }
    }

    /// Optional prose (a summary, a description): inline Markdown and HTML read as formatting.
    pub fn rich(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> Option<String> {
        self.text(cx, keys, model_key).map(|t| cx.rich(t))
    }

    /// A list of prose (bullets, highlights), each read like [`Obj::rich`].
    pub fn rich_list(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> Vec<String> {
        self.text_list(cx, keys, model_key)
            .into_iter()
            .map(|t| cx.rich(t))
            .collect()
    }

    /// Required text: a missing or empty value is an error naming the field.
    pub fn required_text(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> String {
        match self.text(cx, keys, model_key) {
            Some(t) if !t.trim().is_empty() => t,
            Some(_) => {
                let (src, _) = self.paths(keys[0], model_key);
                let pos = self.get(keys).map_or(self.node.pos, |(_, n)| n.pos);
                cx.diags
                    .error(&src, pos, format!("`{}` must not be empty", keys[0]), None);
                String::new()
            }
            None => {
                if self.get(keys).is_none() {
                    let (src, _) = self.paths(keys[0], model_key);
                    cx.diags.error(
                        &src,
                        self.node.pos,
                        format!("missing required field `{}`", keys[0]),
                        Some(format!("add `{}: ...` to this entry", keys[0])),
                    );
                }
                String::new()
            }
        }
    }

    /// A date: text or a bare year. Invalid dates are kept as text; validation reports them.
    pub fn date(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> Option<DateValue> {
        self.text(cx, keys, model_key).map(|t| DateValue::parse(&t))
    }

    /// A list of text. A single scalar is accepted as a one-item list (`emphasize_for: backend`).
    pub fn text_list(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> Vec<String> {
        let Some((key, node)) = self.get(keys) else {
            return Vec::new();
        };
        self.shadowed(cx, keys, key);
        let (src, model) = self.paths(key, model_key);
        cx.map.insert(model.clone(), src.clone(), node.pos);
        text_list(cx, node, &src, &model)
            .into_iter()
            .map(|t| cx.field(key, t))
            .collect()
    }

    /// A number (`years: 5`, `years: 2.5` or `years: "5"`).
    pub fn number(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> Option<f64> {
        let (key, node) = self.get(keys)?;
        let (src, model) = self.paths(key, model_key);
        cx.map.insert(model, src.clone(), node.pos);
        match &node.value {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            Value::Str(s) if s.trim().parse::<f64>().is_ok() => s.trim().parse().ok(),
            _ => {
                cx.type_error(&src, node, "a number");
                None
            }
        }
    }

    /// One of a closed set of named choices (`dates: long`); an unknown name is an error whose
    /// message lists the known ones.
    pub fn choice<T: FromStr<Err = String>>(
        &self,
        cx: &mut Cx,
        keys: &[&str],
        model_key: &str,
    ) -> Option<T> {
        let text = self.text(cx, keys, model_key)?;
        let (key, node) = self.get(keys)?;
        match text.parse() {
            Ok(choice) => Some(choice),
            Err(message) => {
                let src = join(&self.src, key);
                cx.diags.error(&src, node.pos, message, None);
                None
            }
        }
    }

    /// A value read by `read`, then checked by `check`, whose error is reported at the key.
    pub fn checked<T, U>(
        &self,
        cx: &mut Cx,
        keys: &[&str],
        model_key: &str,
        read: impl FnOnce(&Self, &mut Cx, &[&str], &str) -> Option<T>,
        check: impl FnOnce(T) -> Result<U, String>,
    ) -> Option<U> {
        let value = read(self, cx, keys, model_key)?;
        match check(value) {
            Ok(v) => Some(v),
            Err(message) => {
                let (key, node) = self.get(keys)?;
                cx.diags
                    .error(&join(&self.src, key), node.pos, message, None);
                None
            }
        }
    }

    /// `true` or `false` (also `yes`/`no`, `on`/`off`, as people write them in YAML 1.1).
    pub fn flag(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> Option<bool> {
        let (key, node) = self.get(keys)?;
        let (src, model) = self.paths(key, model_key);
        cx.map.insert(model, src.clone(), node.pos);
        let text = match &node.value {
            Value::Bool(b) => return Some(*b),
            Value::Str(s) => s.trim().to_ascii_lowercase(),
            _ => String::new(),
        };
        match text.as_str() {
            "yes" | "on" | "true" => Some(true),
            "no" | "off" | "false" => Some(false),
            _ => {
                cx.type_error(&src, node, "true or false");
                None
            }
        }
    }

    /// A whole number of at least one (`pages: 1`).
    pub fn count(&self, cx: &mut Cx, keys: &[&str], model_key: &str) -> Option<u32> {
        let n = self.number(cx, keys, model_key)?;
        if n.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(&n) {
            return Some(n as u32);
        }
        let (key, node) = self.get(keys)?;
        cx.diags.error(
            &join(&self.src, key),
            node.pos,
            format!("`{key}` must be a whole number of at least 1, not {n}"),
            None,
        );
        None
    }

    /// A list of entries, each read by `item` with its own source and model paths.
    pub fn list<T>(
        &self,
        cx: &mut Cx,
        keys: &[&str],
        model_key: &str,
        mut item: impl FnMut(&mut Cx, &'a Node, String, String) -> Option<T>,
    ) -> Vec<T> {
        let Some((key, node)) = self.get(keys) else {
            return Vec::new();
        };
        let (src, model) = self.paths(key, model_key);
        cx.map.insert(model.clone(), src.clone(), node.pos);
        match &node.value {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, n)| item(cx, n, index(&src, i), index(&model, i)))
                .collect(),
            _ => {
                cx.type_error(&src, node, "a list");
                Vec::new()
            }
        }
    }

    /// A nested mapping.
    pub fn obj(
        &self,
        cx: &mut Cx,
        keys: &[&str],
        model_key: &str,
        known: &[&str],
    ) -> Option<Obj<'a>> {
        let (key, node) = self.get(keys)?;
        let (src, model) = self.paths(key, model_key);
        Obj::with_policy(cx, node, src, model, known, self.typos_only)
    }

    /// A list entry read with this mapping's unknown-key policy.
    pub fn child(
        &self,
        cx: &mut Cx,
        node: &'a Node,
        src: String,
        model: String,
        known: &[&str],
    ) -> Option<Obj<'a>> {
        Obj::with_policy(cx, node, src, model, known, self.typos_only)
    }
}

/// Reads a list of scalars (or one scalar) as text.
pub fn text_list(cx: &mut Cx, node: &Node, src: &str, model: &str) -> Vec<String> {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| {
                cx.map.insert(index(model, i), index(src, i), n.pos);
                match n.scalar_text() {
                    Some(t) => Some(t),
                    None if n.is_null() => None,
                    None => {
                        cx.type_error(&index(src, i), n, "text");
                        None
                    }
                }
            })
            .collect(),
        Value::Null => Vec::new(),
        _ => match node.scalar_text() {
            Some(t) => vec![t],
            None => {
                cx.type_error(src, node, "a list of text");
                Vec::new()
            }
        },
    }
}

/// The known key closest to `key` by edit distance, if it is plausibly a typo.
pub fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let key = key.to_ascii_lowercase();
    let len = key.chars().count();
    known
        .iter()
        // The distance is at least the difference in length: a key too long or too short to be
        // a typo of `k` costs nothing (a hostile body has tens of thousands of unknown keys).
        .filter(|k| len.abs_diff(k.chars().count()) <= (k.len() / 3).max(1))
        .map(|k| (strsim::levenshtein(&key, &k.to_ascii_lowercase()), *k))
        .filter(|(d, k)| *d <= (k.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_plausible_typos_only() {
        let known = ["start_date", "end_date", "company", "title"];
        assert_eq!(closest("strat_date", &known), Some("start_date"));
        assert_eq!(closest("compnay", &known), Some("company"));
        assert_eq!(closest("banana", &known), None);
    }

    #[test]
    fn source_map_falls_back_to_the_nearest_parent() {
        let mut map = SourceMap::default();
        map.insert("experience[2]".into(), "work[2]".into(), Pos::new(9, 5));
        assert_eq!(
            map.resolve("experience[2].bullets[0].text"),
            ("work[2]".to_owned(), Pos::new(9, 5))
        );
        assert_eq!(map.resolve("basics.name").1, Pos::UNKNOWN);
    }
}
