//! The located parsers at the size of a request body: a flat mapping of tens of thousands of keys,
//! on one line or many, must come back whole, with every key and value at its right line and
//! column (in characters), and a duplicate key must be found wherever it is.
//!
//! No test here measures time (see `benches/parse.rs` for that). They are written so that the
//! quadratic work these parsers once did shows up as tests that take seconds instead of
//! milliseconds, while the positions they check pin down the incremental column counting that
//! replaced it.

use proptest::prelude::*;
use vitae_core::node::{self, Node, Pos, SyntaxError, Value};

/// The server's request body limit: the largest document a client can send.
const BODY_LIMIT: usize = 1024 * 1024;

/// How a flat mapping is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Syntax {
    /// `{"key": value, ...}`
    Json,
    /// `{key: value, ...}`
    YamlFlow,
    /// `key: value` lines.
    YamlBlock,
}

impl Syntax {
    fn parse(self, text: &str) -> Result<Node, SyntaxError> {
        match self {
            Syntax::Json => node::parse_json(text),
            Syntax::YamlFlow | Syntax::YamlBlock => node::parse_yaml(text),
        }
    }

    fn duplicate_message(self, key: &str) -> String {
        match self {
            Syntax::Json => format!("invalid JSON: duplicate key `{key}`"),
            Syntax::YamlFlow | Syntax::YamlBlock => format!("invalid YAML: duplicate key `{key}`"),
        }
    }
}

/// A scalar value of the generated mappings. Text is drawn from an alphabet that needs no quoting
/// in YAML and never reads as a number, a boolean or null.
#[derive(Debug, Clone)]
enum Scalar {
    Int(i64),
    Text(String),
}

/// One entry as the parser must report it.
#[derive(Debug)]
struct Expected {
    key: String,
    key_pos: Pos,
    value: Value,
    value_pos: Pos,
}

/// A document being written, with the reference position of everything in it, counted the obvious
/// way: one character at a time, a new line after every `\n`.
#[derive(Debug)]
struct Doc {
    syntax: Syntax,
    text: String,
    line: u32,
    column: u32,
    entries: Vec<Expected>,
}

impl Doc {
    fn new(syntax: Syntax) -> Self {
        let mut doc = Doc {
            syntax,
            text: String::new(),
            line: 1,
            column: 1,
            entries: Vec::new(),
        };
        if syntax != Syntax::YamlBlock {
            doc.push("{");
        }
        doc
    }

    fn push(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.text.push_str(s);
    }

    fn here(&self) -> Pos {
        Pos::new(self.line, self.column)
    }

    /// Writes one entry; `gap` is the white space written before it (and, in YAML block style,
    /// after its colon).
    fn entry(&mut self, key: &str, value: &Scalar, gap: &str) {
        let first = self.entries.is_empty();
        let key_pos;
        match self.syntax {
            Syntax::Json => {
                if !first {
                    self.push(",");
                }
                self.push(gap);
                key_pos = self.here();
                self.push(&format!("\"{key}\":"));
                self.push(gap);
            }
            Syntax::YamlFlow => {
                if !first {
                    self.push(",");
                }
                self.push(gap);
                key_pos = self.here();
                self.push(&format!("{key}: "));
            }
            Syntax::YamlBlock => {
                if !first {
                    self.push("\n");
                }
                key_pos = self.here();
                self.push(&format!("{key}: "));
                self.push(gap);
            }
        }
        let value_pos = self.here();
        let value = match value {
            Scalar::Int(i) => {
                self.push(&i.to_string());
                Value::Int(*i)
            }
            Scalar::Text(s) => {
                if self.syntax == Syntax::Json {
                    self.push(&format!("\"{s}\""));
                } else {
                    self.push(s);
                }
                Value::Str(s.clone())
            }
        };
        self.entries.push(Expected {
            key: key.to_owned(),
            key_pos,
            value,
            value_pos,
        });
    }

    fn finish(mut self) -> Self {
        match self.syntax {
            Syntax::Json | Syntax::YamlFlow => self.push("}"),
            Syntax::YamlBlock => self.push("\n"),
        }
        self
    }
}

/// A flat mapping of distinct keys made from `fragments`, `values` and `gaps` (each cycled), as
/// large as fits in `max_bytes` or `max_keys`, whichever is reached first.
fn mapping(
    syntax: Syntax,
    max_bytes: usize,
    max_keys: usize,
    fragments: &[String],
    values: &[Scalar],
    gaps: &[&str],
) -> Doc {
    let mut doc = Doc::new(syntax);
    // Room for the closing brace or newline.
    let budget = max_bytes - 1;
    for i in 0..max_keys {
        // The `-` before the number keeps keys distinct: fragments hold no `-`.
        let key = format!("{}-{i}", fragments[i % fragments.len()]);
        let value = &values[i % values.len()];
        let gap = gaps[i % gaps.len()];
        let before = (doc.text.len(), doc.line, doc.column);
        doc.entry(&key, value, gap);
        if doc.text.len() > budget {
            doc.text.truncate(before.0);
            (doc.line, doc.column) = (before.1, before.2);
            doc.entries.pop();
            break;
        }
    }
    doc.finish()
}

/// The shape a hostile client sends: as many short keys as fit in a request body, all on one line,
/// behind non-ASCII text so that a column counted in bytes would be wrong.
fn one_line(syntax: Syntax, max_bytes: usize) -> Doc {
    let fragments = ["é".to_owned(), "名".to_owned(), "k😀".to_owned()];
    let values = [Scalar::Int(7), Scalar::Text("ü".to_owned())];
    let doc = mapping(syntax, max_bytes, usize::MAX, &fragments, &values, &[""]);
    assert!(doc.entries.len() > 60_000, "{}", doc.entries.len());
    assert!(doc.text.len() <= max_bytes);
    doc
}

/// Parses `doc` and checks every entry against the reference positions.
fn check(doc: &Doc) {
    let node = doc
        .syntax
        .parse(&doc.text)
        .unwrap_or_else(|e| panic!("{:?}: {e:?} in {:.200}", doc.syntax, doc.text));
    let entries = match &node.value {
        Value::Map(entries) => entries.as_slice(),
        Value::Null if doc.entries.is_empty() => &[],
        other => panic!("{:?}: expected a mapping, found {other:?}", doc.syntax),
    };
    assert_eq!(entries.len(), doc.entries.len(), "{:?}", doc.syntax);
    for (got, want) in entries.iter().zip(&doc.entries) {
        assert_eq!(got.key, want.key, "{:?}", doc.syntax);
        assert_eq!(
            got.key_pos, want.key_pos,
            "{:?} key {}",
            doc.syntax, want.key
        );
        assert_eq!(
            got.value.value, want.value,
            "{:?} key {}",
            doc.syntax, want.key
        );
        assert_eq!(
            got.value.pos, want.value_pos,
            "{:?} value of {}",
            doc.syntax, want.key
        );
    }
}

/// Writes `doc` again with one more entry, a duplicate of entry `index`, and checks that the
/// duplicate is the error, located at the duplicate.
fn check_duplicate(mut doc: Doc, index: usize, gap: &str) {
    // Reopen the document: drop its closing brace or final newline.
    doc.text.pop();
    doc.column -= 1;
    if doc.syntax == Syntax::YamlBlock {
        // The closing newline took the cursor to a new line; go back to the end of the last one.
        let last_line = doc.text.rsplit('\n').next().unwrap_or_default();
        doc.line -= 1;
        doc.column = u32::try_from(last_line.chars().count()).unwrap() + 1;
    }
    let key = doc.entries[index].key.clone();
    doc.entry(&key, &Scalar::Int(1), gap);
    let at = doc.entries.last().unwrap().key_pos;
    let doc = doc.finish();
    let err = doc.syntax.parse(&doc.text).unwrap_err();
    assert_eq!(err.message, doc.syntax.duplicate_message(&key));
    assert_eq!(err.pos, at, "{:?}", doc.syntax);
    assert!(err.hint.is_some());
}

#[test]
fn a_one_line_json_object_as_large_as_a_request_body_keeps_every_key_and_column() {
    let doc = one_line(Syntax::Json, BODY_LIMIT);
    check(&doc);
    // The last value, spelled out: columns count characters, not bytes.
    let last = doc.entries.last().unwrap();
    let line = &doc.text[..doc.text.rfind(&format!("\"{}\":", last.key)).unwrap()];
    // `"key":` and then the value, 1-based.
    let column = line.chars().count() + last.key.chars().count() + 4;
    assert_eq!(last.value_pos, Pos::new(1, u32::try_from(column).unwrap()));
    assert!(line.len() > column, "the line holds non-ASCII text");
}

#[test]
fn a_one_line_yaml_flow_mapping_as_large_as_a_request_body_keeps_every_key_and_column() {
    check(&one_line(Syntax::YamlFlow, BODY_LIMIT));
}

#[test]
fn a_yaml_block_mapping_as_large_as_a_request_body_keeps_every_key_and_line() {
    check(&one_line(Syntax::YamlBlock, BODY_LIMIT));
}

#[test]
fn a_duplicate_of_the_first_key_is_found_after_60k_others() {
    for syntax in [Syntax::Json, Syntax::YamlFlow, Syntax::YamlBlock] {
        // Room for the duplicate within the body limit.
        let doc = one_line(syntax, BODY_LIMIT - 64);
        check_duplicate(doc, 0, " ");
    }
}

#[test]
fn a_merge_into_a_large_mapping_keeps_the_keys_already_there() {
    // 50k keys anchored, then merged into a mapping that already sets some of them: the explicit
    // values win, the rest arrive in the anchor's order, after the explicit keys.
    let n = 50_000;
    let mut text = String::from("base: &b {");
    for i in 0..n {
        text.push_str(&format!("k{i}: {i}, "));
    }
    text.push_str("}\nmine:\n  k7: seven\n  k49999: last\n  <<: *b\n");
    let node = node::parse_yaml(&text).unwrap();
    let mine = node.get("mine").unwrap().as_map().unwrap();
    assert_eq!(mine.len(), n);
    assert_eq!(mine[0].key, "k7");
    assert_eq!(mine[0].value.value, Value::Str("seven".into()));
    assert_eq!(mine[1].key, "k49999");
    assert_eq!(mine[1].value.value, Value::Str("last".into()));
    assert_eq!(mine[2].key, "k0");
    assert_eq!(mine[2].value.value, Value::Int(0));
    assert_eq!(mine[n - 1].key, "k49998");
    // A list of merges: the first mapping that has a key wins.
    let node =
        node::parse_yaml("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n").unwrap();
    let c = node.get("c").unwrap();
    let got: Vec<(&str, Value)> = c
        .as_map()
        .unwrap()
        .iter()
        .map(|e| (e.key.as_str(), e.value.value.clone()))
        .collect();
    assert_eq!(
        got,
        [
            ("x", Value::Int(1)),
            ("y", Value::Int(1)),
            ("z", Value::Int(2))
        ]
    );
}

#[test]
fn json_columns_after_a_byte_order_mark_and_on_later_lines_count_characters() {
    let text = "\u{feff}{\"é\": \"😀\", \"b\":\n  [1, \"名\",  true]}";
    let node = node::parse_json(text).unwrap();
    assert_eq!(node.pos, Pos::new(1, 1));
    // The byte order mark is not a character of the line.
    assert_eq!(node.get("é").unwrap().pos, Pos::new(1, 7));
    let Value::Seq(items) = &node.get("b").unwrap().value else {
        panic!("expected a list")
    };
    let columns: Vec<Pos> = items.iter().map(|n| n.pos).collect();
    assert_eq!(columns, [Pos::new(2, 4), Pos::new(2, 7), Pos::new(2, 13)]);
    // An error that steps back over an escape is still located at the escape.
    let err = node::parse_json("{\"é😀\": \"x\\q\"}").unwrap_err();
    assert_eq!(err.pos, Pos::new(1, 11), "{err:?}");
}

fn syntax() -> impl Strategy<Value = Syntax> {
    prop::sample::select(vec![Syntax::Json, Syntax::YamlFlow, Syntax::YamlBlock])
}

/// Key fragments and text values: letters (one to four bytes in UTF-8) and digits, never starting
/// with a digit, so YAML reads them as plain text.
fn text() -> impl Strategy<Value = String> {
    "[aéü名😀][aé名😀0-9]{0,6}"
}

fn scalar() -> impl Strategy<Value = Scalar> {
    prop_oneof![
        any::<i64>().prop_map(Scalar::Int),
        text().prop_map(Scalar::Text)
    ]
}

/// White space before an entry; YAML block style puts it after the colon, where only spaces fit.
fn gaps(syntax: Syntax) -> impl Strategy<Value = Vec<&'static str>> {
    let choices: Vec<&'static str> = match syntax {
        Syntax::Json => vec![" ", "", "\n", "\n  ", "\t", "\r\n "],
        Syntax::YamlFlow => vec![" ", "", "\n ", "\n    ", "  "],
        Syntax::YamlBlock => vec!["", " ", "   "],
    };
    prop::collection::vec(prop::sample::select(choices), 1..5)
}

/// A generated flat mapping: mostly small, sometimes as large as a request body.
fn doc(max_keys: usize) -> impl Strategy<Value = Doc> {
    syntax().prop_flat_map(move |syntax| {
        (
            prop_oneof![3 => 0..40usize, 1 => 40..max_keys],
            prop::collection::vec(text(), 1..6),
            prop::collection::vec(scalar(), 1..6),
            gaps(syntax),
        )
            .prop_map(move |(keys, fragments, values, gaps)| {
                mapping(syntax, BODY_LIMIT, keys, &fragments, &values, &gaps)
            })
    })
}

/// An error must point inside the text (or just past its last character).
fn assert_inside(text: &str, err: &SyntaxError) {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = usize::try_from(err.pos.line).unwrap();
    assert!(
        (1..=lines.len()).contains(&line),
        "{err:?} outside {} lines",
        lines.len()
    );
    let width = lines[line - 1].chars().count();
    let column = usize::try_from(err.pos.column).unwrap();
    assert!(
        (1..=width + 1).contains(&column),
        "{err:?} outside line {line} of {width} characters"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_key_and_value_is_where_a_character_count_puts_it(doc in doc(70_000)) {
        check(&doc);
    }

    #[test]
    fn a_duplicate_key_is_reported_at_the_duplicate(
        doc in doc(20_000).prop_filter("a key to duplicate", |d| !d.entries.is_empty()),
        pick in any::<prop::sample::Index>(),
    ) {
        let index = pick.index(doc.entries.len());
        check_duplicate(doc, index, " ");
    }

    #[test]
    fn a_truncated_or_damaged_document_is_refused_at_a_place_inside_it(
        doc in doc(2_000),
        cut in any::<prop::sample::Index>(),
        damage in prop::option::of((any::<prop::sample::Index>(), prop::sample::select(vec![
            "\"", "\\", "\\u", "\\ud800", "{", "}", "[", "]", ":", ",", "\n", "\t", "&a", "*a",
            "<<: ", "- ", "#", "\u{feff}", "é", "\u{0}",
        ]))),
    ) {
        let mut text = doc.text.clone();
        let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        if let Some((at, insert)) = damage {
            text.insert_str(boundaries[at.index(boundaries.len())], insert);
        } else {
            text.truncate(boundaries[cut.index(boundaries.len())]);
        }
        match doc.syntax.parse(&text) {
            // A prefix of a YAML block mapping is a smaller mapping, and an empty text is a
            // YAML document (null); anything else cut short must be refused.
            Ok(_) => prop_assert!(
                doc.syntax == Syntax::YamlBlock
                    || damage.is_some()
                    || (doc.syntax == Syntax::YamlFlow && text.is_empty()),
                "a strict prefix of a {:?} mapping was accepted", doc.syntax
            ),
            Err(err) => assert_inside(&text, &err),
        }
    }
}
