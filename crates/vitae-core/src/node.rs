//! A located document tree: every source format (YAML or JSON) is first read into a [`Node`] tree that
//! remembers the line and column of each value, so that later stages (format readers, validation) can
//! point at the exact place in the user's file.
//!
//! Both front ends are bounded: input size, nesting depth, node count and YAML alias expansion are
//! capped, and a refusal is an ordinary [`SyntaxError`] with a location, never a panic or a stack
//! overflow.

use serde_saphyr::granit_parser::{Event, Options as ParserOptions, Parser, ScalarStyle};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Largest source document accepted, in bytes. Real resumes are a few kilobytes; this leaves room for
/// embedded base64 photos while refusing accidental (or hostile) giant files quickly.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;
/// Deepest nesting accepted. The deepest real resume structure is about six levels.
pub const MAX_DEPTH: usize = 64;
/// Most values accepted in one document (after YAML alias expansion).
pub const MAX_NODES: usize = 250_000;

/// A 1-based line and column in the source text. `line == 0` means "unknown".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub const UNKNOWN: Pos = Pos { line: 0, column: 0 };

    pub fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }

    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One value of the source document and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// A mapping entry. Keys are always text (YAML scalar keys such as `2020:` are turned into text).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

impl Node {
    pub fn new(value: Value, pos: Pos) -> Self {
        Node { value, pos }
    }

    /// The entries of a mapping, or `None` for any other kind of value.
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value stored under `key` when this node is a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map()?
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// A scalar as text, exactly as a user would read it (`2020` stays `2020`, `true` stays `true`).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Human name of the value's kind, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// Converts to a `serde_json::Value` (positions are dropped).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// The document could not be read as YAML or JSON at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    pub message: String,
    pub pos: Pos,
    pub hint: Option<String>,
}

impl SyntaxError {
    fn new(message: impl Into<String>, pos: Pos, hint: Option<&str>) -> Self {
        SyntaxError {
            message: message.into(),
            pos,
            hint: hint.map(str::to_owned),
        }
    }
}

fn check_size(input: &str) -> Result<(), SyntaxError> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(SyntaxError::new(
            format!(
                "document is {} bytes, more than the {} byte limit",
                input.len(),
                MAX_INPUT_BYTES
            ),
            Pos::new(1, 1),
            Some(
                "a resume source is normally a few kilobytes; link large assets instead of embedding them",
            ),
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------

/// Parses YAML (1.2 core schema: `yes`/`no` stay text, `2020-01-15` stays text) into a located tree.
///
/// Built from the parser's event stream with an explicit stack, so no input can exhaust the call
/// stack whatever its nesting; aliases are expanded under the same node budget as everything else.
pub fn parse_yaml(input: &str) -> Result<Node, SyntaxError> {
    check_size(input)?;
    let mut options = ParserOptions::default();
    options.flow_nesting_limit = MAX_DEPTH;
    options.block_nesting_limit = MAX_DEPTH;
    let parser = Parser::new_from_str_with_options(input, options);
    let mut b = YamlBuilder::default();
    for event in parser {
        let (event, span) = event.map_err(|e| {
            let m = e.marker();
            SyntaxError::new(
                format!("invalid YAML: {}", e.info()),
                Pos::new(
                    u32::try_from(m.line()).unwrap_or(u32::MAX),
                    u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
                ),
                yaml_hint(&e.info()),
            )
        })?;
        let pos = Pos::new(
            u32::try_from(span.start.line()).unwrap_or(u32::MAX),
            u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
        );
        b.event(event, pos)?;
    }
    Ok(b.root.unwrap_or(Node::new(Value::Null, Pos::new(1, 1))))
}

fn yaml_hint(message: &str) -> Option<&'static str> {
    let m = message.to_ascii_lowercase();
    if m.contains("recursion") || m.contains("nesting") || m.contains("depth") {
        Some("the document is nested far deeper than a resume needs")
    } else if m.contains("tab") {
        Some("YAML indentation must use spaces, not tabs")
    } else {
        Some(
            "check indentation and quoting near this position; quote text that contains `: ` or starts with `*`, `&`, `!`, `[` or `{`",
        )
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        pos: Pos,
        anchor: usize,
    },
    Map {
        entries: Vec<Entry>,
        /// The keys of `entries`, so that a duplicate is found in constant time: a scan of the
        /// earlier keys made a flat mapping of n keys cost n²/2 comparisons (60k keys: 11 s).
        keys: HashSet<String>,
        pos: Pos,
        anchor: usize,
        key: Option<(Node, Pos)>,
    },
}

#[derive(Default)]
struct YamlBuilder {
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    /// Anchored nodes with their size in values, for alias expansion.
    anchors: HashMap<usize, (Node, usize)>,
    /// Values produced so far, aliases counted at their expanded size.
    nodes: usize,
}

fn count(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|e| count(&e.value)).sum::<usize>(),
        _ => 1,
    }
}

impl YamlBuilder {
    fn event(&mut self, event: Event<'_>, pos: Pos) -> Result<(), SyntaxError> {
        match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(SyntaxError::new(
                        "invalid YAML: more than one document",
                        pos,
                        Some("a resume source holds one document; remove the extra `---`"),
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let is_str_tag = tag.as_ref().is_some_and(|t| t.to_string().ends_with("str"));
                let value = if style == ScalarStyle::Plain && !is_str_tag {
                    plain_scalar(&text)
                } else {
                    Value::Str(text.into_owned())
                };
                self.add(Node::new(value, pos), anchor, pos)?;
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id) else {
                    return Err(SyntaxError::new("invalid YAML: unknown alias", pos, None));
                };
                let (mut node, size) = (node.clone(), *size);
                // Expansion is charged in full: this is what stops "billion laughs" documents.
                self.charge(size, pos)?;
                node.pos = pos;
                self.place(node, pos)?;
            }
            Event::SequenceStart(_, anchor, _) => self.open(
                Frame::Seq {
                    items: Vec::new(),
                    pos,
                    anchor,
                },
                pos,
            )?,
            Event::MappingStart(_, anchor, _) => self.open(
                Frame::Map {
                    entries: Vec::new(),
                    keys: HashSet::new(),
                    pos,
                    anchor,
                    key: None,
                },
                pos,
            )?,
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { items, pos, anchor }) => {
                        (Node::new(Value::Seq(items), pos), anchor)
                    }
                    Some(Frame::Map {
                        entries,
                        pos,
                        anchor,
                        ..
                    }) => (Node::new(Value::Map(entries), pos), anchor),
                    None => return Ok(()),
                };
                if anchor != 0 {
                    let size = count(&node);
                    self.anchors.insert(anchor, (node.clone(), size));
                }
                self.place(node, pos)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn charge(&mut self, n: usize, pos: Pos) -> Result<(), SyntaxError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(SyntaxError::new(
                format!("invalid YAML: more than {MAX_NODES} values (after expanding aliases)"),
                pos,
                Some("the document expands far beyond any resume; avoid deeply nested aliases"),
            ));
        }
        Ok(())
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), SyntaxError> {
        self.charge(1, pos)?;
        if self.stack.len() >= MAX_DEPTH {
            return Err(SyntaxError::new(
                format!("invalid YAML: nesting deeper than {MAX_DEPTH} levels"),
                pos,
                Some("the document is nested far deeper than a resume needs"),
            ));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn add(&mut self, node: Node, anchor: usize, pos: Pos) -> Result<(), SyntaxError> {
        self.charge(1, pos)?;
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), 1));
        }
        self.place(node, pos)
    }

    /// Puts a finished node where it belongs: a sequence item, a mapping key or value, or the root.
    fn place(&mut self, node: Node, pos: Pos) -> Result<(), SyntaxError> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries, keys, key, ..
            }) => match key.take() {
                None => *key = Some((node, pos)),
                Some((k, key_pos)) => {
                    let name = match &k.value {
                        Value::Seq(_) | Value::Map(_) => {
                            return Err(SyntaxError::new(
                                "invalid YAML: a mapping key must be text, not a list or mapping",
                                key_pos,
                                None,
                            ));
                        }
                        Value::Null => String::new(),
                        _ => k.scalar_text().unwrap_or_default(),
                    };
                    if name == "<<" {
                        merge_into(entries, keys, node);
                        return Ok(());
                    }
                    // Merged keys count as present, so a key written after `<<` that the merge
                    // already brought in is a duplicate.
                    if !keys.insert(name.clone()) {
                        return Err(SyntaxError::new(
                            format!("invalid YAML: duplicate key `{name}`"),
                            k.pos,
                            Some("each key may appear only once in a mapping"),
                        ));
                    }
                    entries.push(Entry {
                        key: name,
                        key_pos: k.pos,
                        value: node,
                    });
                }
            },
        }
        Ok(())
    }
}

/// `<<: *base` (or a list of aliases) merges mappings; keys already present win. `keys` holds the
/// keys of `entries` and is kept in step with it.
fn merge_into(entries: &mut Vec<Entry>, keys: &mut HashSet<String>, node: Node) {
    let sources = match node.value {
        Value::Map(m) => vec![m],
        Value::Seq(items) => items
            .into_iter()
            .filter_map(|n| match n.value {
                Value::Map(m) => Some(m),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    for source in sources {
        for e in source {
            if !keys.contains(&e.key) {
                keys.insert(e.key.clone());
                entries.push(e);
            }
        }
    }
}

/// The YAML 1.2 core schema for plain scalars. Numbers with leading zeros (`0123`) and anything
/// else stay text, so postal codes and dates are never mangled.
fn plain_scalar(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let is_int = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if is_int
        && !(digits.len() > 1 && digits.starts_with('0'))
        && let Ok(i) = text.parse::<i64>()
    {
        return Value::Int(i);
    }
    let looks_float = digits.bytes().any(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && digits
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && !(digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0."));
    if looks_float
        && !is_int
        && let Ok(f) = text.parse::<f64>()
        && f.is_finite()
    {
        return Value::Float(f);
    }
    Value::Str(text.to_owned())
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/// Parses strict JSON (RFC 8259) into a located tree. Hand-written because serde_json keeps no
/// positions; iterative depth is bounded by [`MAX_DEPTH`].
pub fn parse_json(input: &str) -> Result<Node, SyntaxError> {
    check_size(input)?;
    let mut p = JsonParser {
        src: input.as_bytes(),
        i: 0,
        line: 1,
        line_start: 0,
        column_mark: Cell::new((0, 0)),
        text: input,
        nodes: 0,
    };
    // A UTF-8 byte order mark is tolerated, as editors on Windows write one.
    if input.starts_with('\u{feff}') {
        p.i = 3;
        p.line_start = 3;
    }
    p.ws();
    let node = p.value(0)?;
    p.ws();
    if p.i < p.src.len() {
        return Err(p.err("unexpected text after the JSON document", None));
    }
    Ok(node)
}

struct JsonParser<'a> {
    src: &'a [u8],
    text: &'a str,
    i: usize,
    line: u32,
    line_start: usize,
    /// A byte offset on the current line and its 0-based column in characters, left by the last
    /// [`JsonParser::pos`]. Positions are asked for in increasing order, so counting only the
    /// characters since this mark keeps the parse linear; counting from the line start every time
    /// made a one-line document of n values cost O(n²) (60k keys on one line: 13 s).
    column_mark: Cell<(usize, usize)>,
    nodes: usize,
}

impl JsonParser<'_> {
    fn pos(&self) -> Pos {
        let end = self.i.min(self.src.len());
        let (mut at, mut col) = self.column_mark.get();
        // A mark from an earlier line, or past the cursor (an error path steps back a byte or
        // two), is not a valid starting point: count from the line start instead.
        if at < self.line_start || at > end {
            (at, col) = (self.line_start, 0);
        }
        // Columns count characters, not bytes, so that editors agree with us on non-ASCII lines:
        // every byte but a UTF-8 continuation byte starts a character.
        col += self.src[at..end]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        self.column_mark.set((end, col));
        Pos::new(self.line, u32::try_from(col + 1).unwrap_or(u32::MAX))
    }

    fn err(&self, message: &str, hint: Option<&str>) -> SyntaxError {
        SyntaxError::new(format!("invalid JSON: {message}"), self.pos(), hint)
    }

    fn ws(&mut self) {
        while let Some(&b) = self.src.get(self.i) {
            match b {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\n' => {
                    self.i += 1;
                    self.line += 1;
                    self.line_start = self.i;
                }
                _ => break,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        if depth >= MAX_DEPTH {
            return Err(self.err(
                &format!("nesting deeper than {MAX_DEPTH} levels"),
                Some("a resume needs only a few levels of nesting"),
            ));
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.err(
                &format!("more than {MAX_NODES} values"),
                Some("the document is far larger than any resume"),
            ));
        }
        let pos = self.pos();
        let value = match self.src.get(self.i) {
            None => {
                return Err(self.err(
                    "unexpected end of input",
                    Some("the document is truncated; check for a missing `}` or `]`"),
                ));
            }
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::Str(self.string()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) => {
                return Err(self.err(
                    "expected a value",
                    Some("JSON values are objects, arrays, \"strings\", numbers, true, false or null"),
                ));
            }
        };
        Ok(Node::new(value, pos))
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.src[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(value)
        } else {
            Err(self.err("expected a value", Some("strings must be in double quotes")))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.i += 1;
        let mut entries: Vec<Entry> = Vec::new();
        // The keys of `entries`, so that a duplicate is found in constant time rather than by a
        // scan of every earlier key (quadratic in the size of the object).
        let mut keys: HashSet<String> = HashSet::new();
        self.ws();
        if self.src.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Value::Map(entries));
        }
        loop {
            self.ws();
            if self.src.get(self.i) != Some(&b'"') {
                return Err(self.err(
                    "expected a quoted key",
                    Some("object keys must be in double quotes, and no comma may follow the last entry"),
                ));
            }
            let key_pos = self.pos();
            let key = self.string()?;
            self.ws();
            if self.src.get(self.i) != Some(&b':') {
                return Err(self.err("expected `:` after the key", None));
            }
            self.i += 1;
            self.ws();
            let value = self.value(depth + 1)?;
            if !keys.insert(key.clone()) {
                return Err(SyntaxError::new(
                    format!("invalid JSON: duplicate key `{key}`"),
                    key_pos,
                    Some("each key may appear only once in an object"),
                ));
            }
            entries.push(Entry {
                key,
                key_pos,
                value,
            });
            self.ws();
            match self.src.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Map(entries));
                }
                None => {
                    return Err(self.err(
                        "unexpected end of input inside an object",
                        Some("add the missing `}`"),
                    ));
                }
                Some(_) => {
                    return Err(
                        self.err("expected `,` or `}`", Some("separate entries with commas"))
                    );
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.src.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Value::Seq(items));
        }
        loop {
            self.ws();
            items.push(self.value(depth + 1)?);
            self.ws();
            match self.src.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Seq(items));
                }
                None => {
                    return Err(self.err(
                        "unexpected end of input inside an array",
                        Some("add the missing `]`"),
                    ));
                }
                Some(_) => {
                    return Err(self.err("expected `,` or `]`", Some("separate items with commas")));
                }
            }
        }
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.i += 1; // opening quote
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(&b) = self.src.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and we only stop on ASCII bytes, so this slice is valid UTF-8.
            out.push_str(&self.text[start..self.i]);
            match self.src.get(self.i) {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let esc = self.src.get(self.i).copied();
                    self.i += 1;
                    match esc {
                        Some(b'"') => out.push('"'),
                        Some(b'\\') => out.push('\\'),
                        Some(b'/') => out.push('/'),
                        Some(b'b') => out.push('\u{8}'),
                        Some(b'f') => out.push('\u{c}'),
                        Some(b'n') => out.push('\n'),
                        Some(b'r') => out.push('\r'),
                        Some(b't') => out.push('\t'),
                        Some(b'u') => out.push(self.unicode_escape()?),
                        _ => {
                            self.i -= 1;
                            return Err(self.err(
                                "invalid escape in string",
                                Some("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"),
                            ));
                        }
                    }
                }
                Some(_) => {
                    return Err(self.err(
                        "control character inside a string",
                        Some("write a line break inside a string as \\n"),
                    ));
                }
                None => {
                    return Err(
                        self.err("unterminated string", Some("add the closing double quote"))
                    );
                }
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self
            .src
            .get(self.i..self.i + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or_else(|| self.err("`\\u` must be followed by four hex digits", None))?;
        self.i += 4;
        Ok(digits)
    }

    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            // A high surrogate must be followed by an escaped low surrogate.
            if self.src.get(self.i..self.i + 2) != Some(b"\\u") {
                return Err(self.err("unpaired surrogate in `\\u` escape", None));
            }
            self.i += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.err("unpaired surrogate in `\\u` escape", None));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.err("unpaired surrogate in `\\u` escape", None))
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let s = p.i;
            while p.src.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i - s
        };
        if self.src.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.src[int_start] == b'0') {
            self.i = start;
            return Err(self.err(
                "invalid number",
                Some("numbers have no leading zeros; quote codes such as \"0123\""),
            ));
        }
        let mut is_float = false;
        if self.src.get(self.i) == Some(&b'.') {
            self.i += 1;
            is_float = true;
            if digits(self) == 0 {
                return Err(self.err("invalid number: digits must follow `.`", None));
            }
        }
        if matches!(self.src.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            is_float = true;
            if matches!(self.src.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.err("invalid number: digits must follow the exponent", None));
            }
        }
        let text = &self.text[start..self.i];
        if !is_float && let Ok(i) = text.parse::<i64>() {
            return Ok(Value::Int(i));
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Ok(Value::Str(text.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_carry_their_line_and_column() {
        let node = parse_yaml("name: Ada\nexperience:\n  - company: X\n    start_date: 2020-01\n")
            .unwrap();
        let company = &node.get("experience").unwrap();
        let Value::Seq(items) = &company.value else {
            panic!("expected a list")
        };
        let start = items[0].get("start_date").unwrap();
        assert_eq!(start.value, Value::Str("2020-01".into()));
        assert_eq!(start.pos, Pos::new(4, 17));
    }

    #[test]
    fn yaml_keeps_yes_and_iso_dates_as_text() {
        let node = parse_yaml("a: yes\nb: 2021-03-04\nc: 2020\n").unwrap();
        assert_eq!(node.get("a").unwrap().value, Value::Str("yes".into()));
        assert_eq!(
            node.get("b").unwrap().value,
            Value::Str("2021-03-04".into())
        );
        assert_eq!(node.get("c").unwrap().value, Value::Int(2020));
    }

    #[test]
    fn json_values_carry_their_line_and_column() {
        let node = parse_json("{\n  \"a\": [1, \"x\\u00e9\\ud83d\\ude00\"]\n}").unwrap();
        let Value::Seq(items) = &node.get("a").unwrap().value else {
            panic!("expected a list")
        };
        assert_eq!(items[1].value, Value::Str("xé😀".into()));
        assert_eq!(items[1].pos, Pos::new(2, 12));
    }

    #[test]
    fn json_errors_are_located() {
        let e = parse_json("{\n  \"a\": 1,\n}").unwrap_err();
        assert_eq!(e.pos.line, 3);
        assert!(e.message.contains("expected a quoted key"), "{e:?}");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert!(parse_json(&deep).is_err());
        let deep_yaml = "[".repeat(100_000);
        assert!(parse_yaml(&deep_yaml).is_err());
        let mut block = String::new();
        for i in 0..200 {
            block.push_str(&" ".repeat(i));
            block.push_str("a:\n");
        }
        assert!(parse_yaml(&block).is_err());
    }

    #[test]
    fn alias_bombs_are_refused() {
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]\n";
        let err = parse_yaml(bomb).unwrap_err();
        assert!(!err.message.is_empty());
    }
}
