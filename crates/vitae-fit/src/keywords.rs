//! The skills vocabulary and the matcher built on it: which skills a text names, where, and under
//! which canonical name (`k8s` → Kubernetes, `Postgres` → PostgreSQL, `golang` → Go).
//!
//! This module owns the built-in vocabulary (`data/skills.yaml`, embedded at compile time), user
//! extensions of it (YAML read through the located node parser, so a mistake comes back as a
//! diagnostic with its line and column), the normalisation that makes spellings comparable, and
//! [`Vocabulary::find`], which scans a text once and reports each skill with its byte range in the
//! original text. It knows nothing about jobs, resumes or scores; later stages only ask it which
//! skills a text contains.
//!
//! Matching is on whole terms: the text is normalised (NFKC, so ligatures such as `ﬁ` become `fi`
//! and full-width letters plain ones; typographic dashes, quotes and slashes unified; a hyphen
//! counts as a space), split into words and single punctuation marks, and every spelling of every
//! skill is looked up as a token sequence in one hash map, longest spelling first. So `Java` never
//! matches inside `JavaScript`, `ai` never inside `maintain`, `C` never inside `C++` and `JS` never
//! inside `Node.js`, while `C#`, `.NET`, `CI/CD` and `Node.js` keep the punctuation that makes them
//! skills. Spellings that are also ordinary words are matched with their exact capitalisation
//! (`Go`, not `go`) and, at the start of a sentence, only in a list (`Go, Rust`), never in
//! `Go to market`. A skill negated in its clause (`no Kubernetes experience needed`, `non-K8s`,
//! `Kafka, not RabbitMQ`) is not a mention.
//!
//! ```
//! use vitae_fit::keywords::Vocabulary;
//!
//! let vocabulary = Vocabulary::builtin();
//! let text = "Ship Go services on k8s; go to market with JavaScript and Java, not Scala.";
//! assert_eq!(
//!     vocabulary.skills_in(text),
//!     ["Go", "Kubernetes", "JavaScript", "Java"]
//! );
//! assert_eq!(vocabulary.canonical("Postgres"), Some("PostgreSQL"));
//! assert_eq!(vocabulary.canonical("go"), None);
//! ```

use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use vitae_core::diag::Diagnostics;
use vitae_core::format::read::{closest, index, join};
use vitae_core::node::{self, Node, Pos, Value};

/// The built-in vocabulary, as shipped. Its format is documented at the top of the file.
pub const BUILTIN_YAML: &str = include_str!("../data/skills.yaml");

/// The category of a skill added without one.
pub const DEFAULT_CATEGORY: &str = "Other";

static BUILTIN: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut vocabulary = Vocabulary::empty();
    // The embedded data is a constant checked by this module's tests, so a failure here is a
    // defect of the build, not of any input.
    if let Err(diagnostics) = vocabulary.extend_from_yaml(BUILTIN_YAML) {
        panic!("the built-in skills vocabulary is invalid: {diagnostics:?}");
    }
    vocabulary
});

/// One skill found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Found<'v> {
    /// The canonical name (`Kubernetes` for `k8s`).
    pub canonical: &'v str,
    pub category: &'v str,
    /// Byte offset of the first character of the spelling in the original text.
    pub start: usize,
    /// Byte offset just past the spelling in the original text.
    pub end: usize,
}

/// Skills with their spellings, compiled for matching: every spelling is a key of one hash map
/// from normalised token sequences to skills, so [`Vocabulary::find`] is one pass over the text.
#[derive(Clone)]
pub struct Vocabulary {
    skills: Vec<Skill>,
    /// Normalised canonical name → index into `skills`.
    by_name: HashMap<String, usize>,
    /// Normalised spelling → the spellings with that key (exact-case ones first).
    forms: FastMap<Vec<Form>>,
    /// First token of a spelling → the most tokens of any spelling starting with it.
    starts: FastMap<usize>,
}

/// Maps keyed by the vocabulary's own spellings, looked up once per token of every text read:
/// FNV-1a instead of SipHash, which is several times slower on short keys. The keys are the
/// vocabulary's, so a text cannot choose which keys collide.
type FastMap<V> = HashMap<String, V, BuildHasherDefault<Fnv>>;

#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

#[derive(Debug, Clone)]
struct Skill {
    name: String,
    category: String,
    common_word: bool,
}

#[derive(Debug, Clone)]
struct Form {
    /// The skill, or `None` for a phrase that is not one (`Series C`).
    target: Option<usize>,
    /// For an exact-case spelling, its normalised text with capitalisation kept.
    exact: Option<String>,
}

impl fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Vocabulary")
            .field("skills", &self.skills.len())
            .field(
                "spellings",
                &self.forms.values().map(Vec::len).sum::<usize>(),
            )
            .finish()
    }
}

impl Default for Vocabulary {
    /// The built-in vocabulary (a copy that can be extended).
    fn default() -> Self {
        BUILTIN.clone()
    }
}

impl Vocabulary {
    /// The built-in vocabulary, compiled once per process.
    pub fn builtin() -> &'static Vocabulary {
        &BUILTIN
    }

    /// A vocabulary without any skill, to build from one's own data.
    pub fn empty() -> Self {
        Vocabulary {
            skills: Vec::new(),
            by_name: HashMap::new(),
            forms: FastMap::default(),
            starts: FastMap::default(),
        }
    }

    /// Number of skills.
    pub fn len(&self) -> usize {
        self.skills.len()
    }

    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// Every skill as `(canonical name, category)`, in the order they were added.
    pub fn skills(&self) -> impl Iterator<Item = (&str, &str)> {
        self.skills
            .iter()
            .map(|s| (s.name.as_str(), s.category.as_str()))
    }

    /// The category of a skill given by its canonical name (any capitalisation).
    pub fn category(&self, canonical: &str) -> Option<&str> {
        self.by_name
            .get(&normalize(canonical))
            .map(|&i| self.skills[i].category.as_str())
    }

    /// The canonical name of a spelling, when the whole `term` is one (`k8s` → `Kubernetes`,
    /// `golang` → `Go`); `None` for unknown terms, for phrases listed as not being a skill, and
    /// for exact-case spellings written otherwise (`go`).
    pub fn canonical(&self, term: &str) -> Option<&str> {
        let tokens = Tokens::new(term);
        if tokens.list.is_empty() {
            return None;
        }
        let (lower, cased) = tokens.keys(0, tokens.list.len());
        self.forms
            .get(&lower)?
            .iter()
            .find(|f| f.exact.as_ref().is_none_or(|e| *e == cased))?
            .target
            .map(|t| self.skills[t].name.as_str())
    }

    /// Every skill named in `text`, in text order, with byte offsets into `text`. Matches never
    /// overlap; where spellings compete the longest wins (`React Native` over `React`).
    pub fn find<'v>(&'v self, text: &str) -> Vec<Found<'v>> {
        let tokens = Tokens::new(text);
        let list = &tokens.list;
        let mut found = Vec::new();
        let mut lower = String::new();
        let mut cased = String::new();
        let mut ends: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < list.len() {
            let Some(&most) = self.starts.get(tokens.lower(i)) else {
                i += 1;
                continue;
            };
            if !tokens.left_ok(i) {
                i += 1;
                continue;
            }
            lower.clear();
            cased.clear();
            ends.clear();
            let end = (i + most).min(list.len());
            for (j, token) in list.iter().enumerate().take(end).skip(i) {
                if j > i && !token.glued {
                    lower.push(' ');
                    cased.push(' ');
                }
                lower.push_str(tokens.lower(j));
                cased.push_str(tokens.cased(j));
                ends.push((lower.len(), cased.len()));
            }
            let mut matched = None;
            for len in (1..=ends.len()).rev() {
                let (lower_end, cased_end) = ends[len - 1];
                let Some(forms) = self.forms.get(&lower[..lower_end]) else {
                    continue;
                };
                if !tokens.right_ok(i + len) {
                    continue;
                }
                let form = forms.iter().find(|f| match &f.exact {
                    None => true,
                    Some(exact) => {
                        *exact == cased[..cased_end]
                            && !(f.target.is_some_and(|t| self.skills[t].common_word)
                                && tokens.sentence_start(i)
                                && !tokens.list_context(i + len))
                    }
                });
                if let Some(form) = form {
                    matched = Some((len, form.target));
                    break;
                }
            }
            match matched {
                Some((len, target)) => {
                    if let Some(t) = target {
                        found.push(Found {
                            canonical: &self.skills[t].name,
                            category: &self.skills[t].category,
                            start: list[i].start,
                            end: list[i + len - 1].end,
                        });
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        // A skill said not to be wanted ("no Kubernetes experience needed", "non-K8s", "Kafka,
        // not RabbitMQ") is not a mention of it: a posting does not ask for it, a text does not
        // claim it.
        found.retain(|f| !negated(text, f.start, f.end));
        found
    }

    /// The canonical names of the skills in `text`, each once, in order of first occurrence.
    pub fn skills_in(&self, text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        for f in self.find(text) {
            if !names.contains(&f.canonical) {
                names.push(f.canonical);
            }
        }
        names
    }

    /// This vocabulary plus `names` as skills of `category`, each spelled only as given; names it
    /// already knows (under any spelling) are left as they are. For terms read from one posting
    /// (e.g. by a language model) that the vocabulary lacks, so they are matched whole-term like
    /// any other skill.
    pub fn extended_with(&self, names: &[String], category: &str) -> Vocabulary {
        let entries: Vec<serde_json::Value> = names
            .iter()
            .map(|n| n.trim())
            .filter(|n| !n.is_empty() && self.canonical(n).is_none())
            .map(|n| serde_json::json!({ "name": n, "category": category }))
            .collect();
        let mut out = self.clone();
        // JSON is YAML; the names are escaped by the JSON writer. A name the parser refuses
        // (none should be) leaves the vocabulary as it was: all or nothing.
        let _ = out.extend_from_yaml(&serde_json::Value::Array(entries).to_string());
        out
    }

    /// Adds skills and spellings from YAML: a list of entries with `name`, and optionally
    /// `category`, `aliases`, `exact`, `common_word` and `not` (the format of `data/skills.yaml`).
    /// An entry whose name is already known extends that skill; a spelling already bound to
    /// another skill is rebound to this one, so users can override the built-in data.
    ///
    /// All or nothing: on any problem the vocabulary is unchanged and every problem is returned,
    /// each located in `text`.
    pub fn extend_from_yaml(&mut self, text: &str) -> Result<(), Diagnostics> {
        let mut diags = Diagnostics::new();
        let root = match node::parse_yaml(text) {
            Ok(root) => root,
            Err(e) => {
                diags.error("", e.pos, e.message, e.hint);
                return Err(diags);
            }
        };
        let specs = read_specs(&root, &mut diags);
        if !diags.is_empty() {
            return Err(diags);
        }
        for spec in specs {
            self.apply(spec);
        }
        Ok(())
    }

    fn apply(&mut self, spec: Spec) {
        let key = normalize(&spec.name.0);
        let id = match self.by_name.get(&key) {
            Some(&id) => {
                let skill = &mut self.skills[id];
                if let Some(category) = spec.category {
                    skill.category = category;
                }
                if let Some(common_word) = spec.common_word {
                    skill.common_word = common_word;
                }
                id
            }
            None => {
                let id = self.skills.len();
                self.skills.push(Skill {
                    name: spec.name.0.trim().to_owned(),
                    category: spec.category.unwrap_or_else(|| DEFAULT_CATEGORY.to_owned()),
                    common_word: spec.common_word.unwrap_or(false),
                });
                self.by_name.insert(key, id);
                let name_is_exact = spec.exact.iter().any(|(e, _)| same_case(e, &spec.name.0));
                if !name_is_exact {
                    self.add_form(&spec.name.0, false, Some(id));
                }
                id
            }
        };
        for (alias, _) in &spec.aliases {
            self.add_form(alias, false, Some(id));
        }
        for (exact, _) in &spec.exact {
            self.add_form(exact, true, Some(id));
        }
        for (phrase, _) in &spec.not {
            self.add_form(phrase, false, None);
        }
    }

    fn add_form(&mut self, text: &str, exact: bool, target: Option<usize>) {
        let tokens = Tokens::new(text);
        let count = tokens.list.len();
        if count == 0 {
            return;
        }
        let (lower, cased) = tokens.keys(0, count);
        let first = tokens.lower(0).to_owned();
        let exact = exact.then_some(cased);
        let forms = self.forms.entry(lower).or_default();
        if let Some(form) = forms.iter_mut().find(|f| f.exact == exact) {
            form.target = target;
        } else if exact.is_some() {
            forms.insert(0, Form { target, exact });
        } else {
            forms.push(Form { target, exact });
        }
        let most = self.starts.entry(first).or_insert(0);
        *most = (*most).max(count);
    }
}

/// The comparison form of a term: normalised as for matching and lower-cased, tokens separated
/// by one space unless they were written together. `normalize("Machine-Learning")` is
/// `"machine learning"`, `normalize("ﬁnance")` is `"finance"`, `normalize("Node.JS")` is
/// `"node.js"` and `normalize(" C++ ")` is `"c++"`.
pub fn normalize(text: &str) -> String {
    let tokens = Tokens::new(text);
    tokens.keys(0, tokens.list.len()).0
}

fn same_case(a: &str, b: &str) -> bool {
    let (a, b) = (Tokens::new(a), Tokens::new(b));
    a.keys(0, a.list.len()).1 == b.keys(0, b.list.len()).1
}

// ---------------------------------------------------------------------------------------------
// Reading vocabulary YAML
// ---------------------------------------------------------------------------------------------

const KNOWN_KEYS: &[&str] = &["name", "category", "aliases", "exact", "common_word", "not"];

struct Spec {
    name: (String, Pos),
    category: Option<String>,
    aliases: Vec<(String, Pos)>,
    exact: Vec<(String, Pos)>,
    common_word: Option<bool>,
    not: Vec<(String, Pos)>,
}

fn read_specs(root: &Node, diags: &mut Diagnostics) -> Vec<Spec> {
    let items = match &root.value {
        Value::Seq(items) => items.as_slice(),
        Value::Null => &[],
        _ => {
            diags.error(
                "",
                root.pos,
                format!("expected a list of skills, found {}", root.kind()),
                Some("write one `- name: ...` entry per skill".to_owned()),
            );
            return Vec::new();
        }
    };
    // Spelling key → (skill, where it was bound), to catch one file binding a spelling twice.
    let mut bound: HashMap<(String, Option<String>), (String, Pos)> = HashMap::new();
    let mut specs = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = index("", i);
        if let Some(spec) = read_spec(item, &path, diags) {
            check_spellings(&spec, &path, &mut bound, diags);
            specs.push(spec);
        }
    }
    specs
}

fn read_spec(item: &Node, path: &str, diags: &mut Diagnostics) -> Option<Spec> {
    let Some(entries) = item.as_map() else {
        diags.error(
            path,
            item.pos,
            format!(
                "expected a skill (a mapping with `name`), found {}",
                item.kind()
            ),
            None,
        );
        return None;
    };
    for e in entries {
        if !KNOWN_KEYS.contains(&e.key.as_str()) {
            let hint = closest(&e.key, KNOWN_KEYS).map_or_else(
                || format!("known fields: {}", KNOWN_KEYS.join(", ")),
                |k| format!("did you mean `{k}`?"),
            );
            diags.error(
                &join(path, &e.key),
                e.key_pos,
                format!("unknown field `{}`", e.key),
                Some(hint),
            );
        }
    }
    let name = match item.get("name") {
        None => {
            diags.error(
                path,
                item.pos,
                "missing required field `name`",
                Some("add `name: ...` with the skill's canonical name".to_owned()),
            );
            None
        }
        Some(n) => spelling(n, &join(path, "name"), diags),
    };
    let category = item.get("category").and_then(|n| {
        spelling(n, &join(path, "category"), diags).map(|(c, _)| c.trim().to_owned())
    });
    let common_word = match item.get("common_word") {
        None => None,
        Some(Node {
            value: Value::Bool(b),
            ..
        }) => Some(*b),
        Some(n) => {
            diags.error(
                &join(path, "common_word"),
                n.pos,
                format!("expected true or false, found {}", n.kind()),
                None,
            );
            None
        }
    };
    let aliases = spellings(item, path, "aliases", diags);
    let exact = spellings(item, path, "exact", diags);
    let not = spellings(item, path, "not", diags);
    for (alias, pos) in &aliases {
        if exact.iter().any(|(e, _)| normalize(e) == normalize(alias)) {
            diags.error(
                &join(path, "aliases"),
                *pos,
                format!("`{alias}` is listed both in `aliases` and in `exact`"),
                Some("keep it in `exact` to match only that capitalisation".to_owned()),
            );
        }
    }
    Some(Spec {
        name: name?,
        category,
        aliases,
        exact,
        common_word,
        not,
    })
}

/// One spelling: text with something to match.
fn spelling(node: &Node, path: &str, diags: &mut Diagnostics) -> Option<(String, Pos)> {
    let Some(text) = node.scalar_text() else {
        diags.error(
            path,
            node.pos,
            format!("expected text, found {}", node.kind()),
            None,
        );
        return None;
    };
    if normalize(&text).is_empty() {
        diags.error(
            path,
            node.pos,
            format!("`{text}` has no letters, digits or symbols to match"),
            None,
        );
        return None;
    }
    Some((text, node.pos))
}

/// A list of spellings (a single one is accepted as a one-item list).
fn spellings(item: &Node, path: &str, key: &str, diags: &mut Diagnostics) -> Vec<(String, Pos)> {
    let path = join(path, key);
    match item.get(key) {
        None => Vec::new(),
        Some(Node {
            value: Value::Seq(items),
            ..
        }) => items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| spelling(n, &index(&path, i), diags))
            .collect(),
        Some(n) if n.is_null() => Vec::new(),
        Some(n) => spelling(n, &path, diags).into_iter().collect(),
    }
}

fn check_spellings(
    spec: &Spec,
    path: &str,
    bound: &mut HashMap<(String, Option<String>), (String, Pos)>,
    diags: &mut Diagnostics,
) {
    let skill = normalize(&spec.name.0);
    let mut check = |text: &str, pos: Pos, exact: bool, owner: String| {
        let tokens = Tokens::new(text);
        let (lower, cased) = tokens.keys(0, tokens.list.len());
        let key = (lower, exact.then_some(cased));
        match bound.get(&key) {
            Some((other, other_pos)) if *other != owner => diags.error(
                path,
                pos,
                format!("`{text}` is already bound at line {}", other_pos.line),
                Some("a spelling can name one skill only".to_owned()),
            ),
            Some(_) => {}
            None => {
                bound.insert(key, (owner, pos));
            }
        }
    };
    for (alias, pos) in &spec.aliases {
        check(alias, *pos, false, skill.clone());
    }
    for (exact, pos) in &spec.exact {
        check(exact, *pos, true, skill.clone());
    }
    for (phrase, pos) in &spec.not {
        check(phrase, *pos, false, String::new());
    }
}

// ---------------------------------------------------------------------------------------------
// Normalisation and tokens
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Letters, digits, marks and `_`; `digit` when it starts with a digit.
    Word { digit: bool },
    /// One punctuation mark or symbol.
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    /// Byte range in the original text.
    start: usize,
    end: usize,
    /// Ranges in `Tokens::lower` and `Tokens::cased`.
    lower: (usize, usize),
    cased: (usize, usize),
    /// Written right after the previous token, without space between.
    glued: bool,
    /// The first token of a line.
    line_start: bool,
}

/// Words that, just before a skill in its clause, say it is not wanted or not had.
const NEGATIONS: &[&str] = &[
    "no", "not", "non", "without", "never", "nor", "don't", "doesn't", "isn't", "aren't", "won't",
    "dont", "doesnt",
];

/// Phrases that, after a skill in its clause, say it is not wanted.
const NEGATED_AFTER: &[&str] = &[
    "not required",
    "not needed",
    "not necessary",
    "not a requirement",
    "not expected",
    "isn't required",
    "isn't needed",
    "is unnecessary",
    "not a must",
];

/// Whether the skill at `start..end` of `text` is negated within its clause: one of
/// [`NEGATIONS`] among the three words before it (but not "not only"), `non-` glued to it, or one
/// of [`NEGATED_AFTER`] after it.
fn negated(text: &str, start: usize, end: usize) -> bool {
    let is_break = |c: char| {
        matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '\n' | '•'
        )
    };
    let before = &text[..start];
    let clause_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| is_break(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let before = before[clause_start..].to_lowercase().replace('’', "'");
    if before.ends_with("non-") || before.ends_with("non ") {
        return true;
    }
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let recent = &words[words.len().saturating_sub(3)..];
    for (k, w) in recent.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        if NEGATIONS.contains(&w) && recent.get(k + 1) != Some(&"only") {
            return true;
        }
    }
    let after = &text[end..];
    let clause_end = after.find(is_break).unwrap_or(after.len());
    let after = after[..clause_end].to_lowercase().replace('’', "'");
    NEGATED_AFTER.iter().any(|p| after.contains(p))
}

/// A text as normalised tokens. Normalised text lives in two buffers (lower-cased and as written)
/// that the tokens index into, so tokenising allocates three vectors, not one string per token.
struct Tokens {
    list: Vec<Token>,
    lower: String,
    cased: String,
}

impl Tokens {
    fn new(text: &str) -> Tokens {
        let mut b = TokenBuilder {
            tokens: Tokens {
                list: Vec::with_capacity(text.len() / 5),
                lower: String::with_capacity(text.len()),
                cased: String::with_capacity(text.len()),
            },
            open: false,
            space: false,
            newline: false,
        };
        if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
            for (s, c) in text.char_indices() {
                b.push(c, s, s + c.len_utf8());
            }
        } else {
            // NFKC per character cluster (a character and its combining marks), so every
            // normalised character still knows which bytes of the original it came from.
            let mut chars = text.char_indices().peekable();
            while let Some((s, c)) = chars.next() {
                let mut e = s + c.len_utf8();
                while let Some(&(i, m)) = chars.peek() {
                    if !is_combining_mark(m) {
                        break;
                    }
                    e = i + m.len_utf8();
                    chars.next();
                }
                if c.is_ascii() && e == s + 1 {
                    b.push(c, s, e);
                } else {
                    for n in text[s..e].nfkc() {
                        b.push(n, s, e);
                    }
                }
            }
        }
        b.tokens
    }

    fn lower(&self, i: usize) -> &str {
        let (s, e) = self.list[i].lower;
        &self.lower[s..e]
    }

    fn cased(&self, i: usize) -> &str {
        let (s, e) = self.list[i].cased;
        &self.cased[s..e]
    }

    /// The comparison keys (lower-cased, and as written) of tokens `i..j`.
    fn keys(&self, i: usize, j: usize) -> (String, String) {
        let mut lower = String::new();
        let mut cased = String::new();
        for k in i..j {
            if k > i && !self.list[k].glued {
                lower.push(' ');
                cased.push(' ');
            }
            lower.push_str(self.lower(k));
            cased.push_str(self.cased(k));
        }
        (lower, cased)
    }

    fn is_word(&self, k: usize) -> bool {
        matches!(self.list[k].kind, Kind::Word { .. })
    }

    /// Punctuation that binds its neighbours into one term: `+` and `#` always (`C++`, `C#`),
    /// `.` and `&` between words written together (`Node.js`, `R&D`).
    fn is_joiner(&self, k: usize) -> bool {
        match self.list[k].kind {
            Kind::Punct('+' | '#') => true,
            Kind::Punct('.' | '&') => {
                let before = k > 0 && self.list[k].glued && self.is_word(k - 1);
                let after = self
                    .list
                    .get(k + 1)
                    .is_some_and(|t| t.glued && matches!(t.kind, Kind::Word { .. }));
                before && after
            }
            _ => false,
        }
    }

    /// A term may start at token `i`: nothing that belongs to the same term is written right
    /// before it (`.NET` does not start inside `ASP.NET`, `JS` not inside `Node.js`).
    fn left_ok(&self, i: usize) -> bool {
        if i == 0 || !self.list[i].glued {
            return true;
        }
        !self.is_word(i - 1) && !self.is_joiner(i - 1)
    }

    /// A term may end before token `j` (`C` does not end inside `C++`; `C++` may end before the
    /// version in `C++17`).
    fn right_ok(&self, j: usize) -> bool {
        let Some(next) = self.list.get(j) else {
            return true;
        };
        if !next.glued {
            return true;
        }
        match next.kind {
            Kind::Punct(_) => !self.is_joiner(j),
            Kind::Word { digit } => digit && !self.is_word(j - 1),
        }
    }

    /// Token `i` opens a sentence, a line or a list item.
    fn sentence_start(&self, i: usize) -> bool {
        if i == 0 || self.list[i].line_start {
            return true;
        }
        matches!(
            self.list[i - 1].kind,
            Kind::Punct(
                '.' | '!'
                    | '?'
                    | '•'
                    | '*'
                    | '·'
                    | '▪'
                    | '◦'
                    | '‣'
                    | '●'
                    | '○'
                    | '■'
                    | '□'
                    | '►'
                    | '▸'
                    | '>'
            )
        )
    }

    /// What follows a term ending before token `j` makes it an item of a list: a separator, a
    /// version number, the end of the line or of the text.
    fn list_context(&self, j: usize) -> bool {
        match self.list.get(j) {
            None => true,
            Some(t) if t.line_start => true,
            Some(t) => match t.kind {
                Kind::Punct(c) => matches!(c, ',' | ';' | '/' | ')' | ']' | ':' | '|' | '&'),
                Kind::Word { digit } => digit,
            },
        }
    }
}

struct TokenBuilder {
    tokens: Tokens,
    /// A word token is open and the next word character extends it.
    open: bool,
    /// Space (or a hyphen) since the last token.
    space: bool,
    /// A line break since the last token.
    newline: bool,
}

impl TokenBuilder {
    /// Adds one normalised character that came from bytes `s..e` of the original.
    fn push(&mut self, c: char, s: usize, e: usize) {
        // `unify` changes no ASCII character but the backtick.
        let c = if c.is_ascii() && c != '`' {
            c
        } else {
            match unify(c) {
                Some(c) => c,
                None => return,
            }
        };
        if c.is_whitespace() || c.is_control() {
            self.open = false;
            self.space = true;
            if matches!(
                c,
                '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            ) {
                self.newline = true;
            }
            return;
        }
        let t = &mut self.tokens;
        if is_word_char(c) {
            if self.open
                && let Some(last) = t.list.last_mut()
            {
                last.end = e;
                if c.is_ascii() {
                    t.lower.push(c.to_ascii_lowercase());
                } else {
                    t.lower.extend(c.to_lowercase());
                }
                t.cased.push(c);
                last.lower.1 = t.lower.len();
                last.cased.1 = t.cased.len();
                return;
            }
            self.start(
                Kind::Word {
                    digit: c.is_numeric(),
                },
                c,
                s,
                e,
            );
            self.open = true;
            return;
        }
        self.open = false;
        if c == '-' {
            // A hyphen separates like a space: `machine-learning` is `machine learning`,
            // `Objective-C` is `Objective C` on both sides of the comparison.
            self.space = true;
            return;
        }
        self.start(Kind::Punct(c), c, s, e);
    }

    fn start(&mut self, kind: Kind, c: char, s: usize, e: usize) {
        let t = &mut self.tokens;
        let first = t.list.is_empty();
        let (ls, cs) = (t.lower.len(), t.cased.len());
        if c.is_ascii() {
            t.lower.push(c.to_ascii_lowercase());
        } else {
            t.lower.extend(c.to_lowercase());
        }
        t.cased.push(c);
        t.list.push(Token {
            kind,
            start: s,
            end: e,
            lower: (ls, t.lower.len()),
            cased: (cs, t.cased.len()),
            glued: !first && !self.space,
            line_start: first || self.newline,
        });
        self.space = false;
        self.newline = false;
    }
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// Unifies typographic variants NFKC leaves apart; `None` for invisible characters that must not
/// split a word (zero-width spaces and joiners, soft hyphens, byte order marks).
fn unify(c: char) -> Option<char> {
    Some(match c {
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{266F}' => '#',
        '\u{2044}' | '\u{2215}' => '/',
        _ => c,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_loads_and_is_large() {
        let v = Vocabulary::builtin();
        assert!(v.len() >= 250, "{} skills", v.len());
        let categories: std::collections::BTreeSet<&str> = v.skills().map(|(_, c)| c).collect();
        for expected in ["Languages", "Databases", "Cloud", "DevOps", "Soft Skills"] {
            assert!(categories.contains(expected), "{categories:?}");
        }
    }

    #[test]
    fn no_spelling_of_the_built_in_data_names_two_skills() {
        // Every spelling resolves to the skill whose entry lists it.
        let root = node::parse_yaml(BUILTIN_YAML).unwrap();
        let mut diags = Diagnostics::new();
        let specs = read_specs(&root, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let v = Vocabulary::builtin();
        for spec in &specs {
            let name = v.canonical(&spec.name.0);
            let listed = spec.aliases.iter().chain(&spec.exact).map(|(s, _)| s);
            for spelling in listed.chain(std::iter::once(&spec.name.0)) {
                assert_eq!(
                    v.canonical(spelling),
                    name,
                    "{spelling:?} of {:?}",
                    spec.name.0
                );
            }
        }
    }

    #[test]
    fn tokens_keep_the_original_byte_ranges_through_nfkc() {
        let text = "ﬁne Ｃ＋＋ café";
        let tokens = Tokens::new(text);
        let words: Vec<(&str, &str)> = (0..tokens.list.len())
            .map(|i| {
                (
                    tokens.lower(i),
                    &text[tokens.list[i].start..tokens.list[i].end],
                )
            })
            .collect();
        assert_eq!(
            words,
            [
                ("fine", "ﬁne"),
                ("c", "Ｃ"),
                ("+", "＋"),
                ("+", "＋"),
                ("café", "café")
            ]
        );
    }
}
