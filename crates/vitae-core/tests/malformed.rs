//! Hostile and broken input: every reader answers with a located error, never a panic, a hang or
//! a stack overflow. Property tests feed arbitrary text and arbitrary documents to every reader.

use proptest::prelude::*;
use vitae_core::format::{self, Format};
use vitae_core::{ReadError, load, validate, variant};

fn outcome(bytes: &[u8]) -> Result<bool, ReadError> {
    load(bytes, None, &validate::Options::default()).map(|l| l.diagnostics.has_errors())
}

fn assert_located_error(description: &str, bytes: &[u8]) {
    match outcome(bytes) {
        Err(e) => assert!(e.pos().line > 0, "{description}: error without a line: {e}"),
        Ok(has_errors) => assert!(has_errors, "{description}: accepted"),
    }
}

#[test]
fn malformed_documents_give_located_errors() {
    let deep_yaml_block: String = (0..100_000)
        .map(|i| format!("{}a:\n", " ".repeat(i % 2000)))
        .collect();
    let mut bomb = String::from(
        "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n",
    );
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    // A request body's worth of distinct keys on one line, then the first key again.
    let wide_json: String = std::iter::once("{\"é\":0".to_owned())
        .chain((0..60_000).map(|i| format!(",\"k{i}\":{i}")))
        .chain(std::iter::once(",\"é\":1}".to_owned()))
        .collect();
    let wide_yaml: String = std::iter::once("{é: 0".to_owned())
        .chain((0..60_000).map(|i| format!(", k{i}: {i}")))
        .chain(std::iter::once(", é: 1}".to_owned()))
        .collect();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated YAML", b"contact:\n  name: \"Ada\n".to_vec()),
        ("truncated JSON", b"{\"basics\": {\"name\": ".to_vec()),
        (
            "wrong types",
            b"contact: [1, 2]\nexperience: {a: 1}\n".to_vec(),
        ),
        ("100k-deep flow nesting", "[".repeat(100_000).into_bytes()),
        (
            "100k-deep JSON nesting",
            "{\"a\":".repeat(100_000).into_bytes(),
        ),
        ("deep block nesting", deep_yaml_block.into_bytes()),
        ("alias bomb", bomb.into_bytes()),
        (
            "a duplicate after 60k JSON keys on one line",
            wide_json.into_bytes(),
        ),
        (
            "a duplicate after 60k YAML keys on one line",
            wide_yaml.into_bytes(),
        ),
        ("invalid UTF-8", b"contact:\n  name: \xff\xfe\n".to_vec()),
        ("a binary file", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        (
            "a tab-indented YAML file",
            b"contact:\n\tname: A\n".to_vec(),
        ),
        (
            "two documents",
            b"contact: {name: A}\n---\ncontact: {name: B}\n".to_vec(),
        ),
        ("a scalar document", b"just some text\n".to_vec()),
        ("an empty file", Vec::new()),
    ];
    for (description, bytes) in cases {
        assert_located_error(description, &bytes);
    }
    // A date that is no date is kept and shown as written, with a located warning: refusing the
    // whole file for it loses more than it protects.
    let dated = b"contact:\n  name: A\n  email: a@example.com\nexperience:\n  - company: X\n    start_date: yesterday\n";
    let loaded = load(dated, None, &validate::Options::default()).unwrap();
    assert!(!loaded.diagnostics.has_errors());
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.contains("`yesterday` is not a date"))
        .expect("a warning names the date");
    assert_eq!((warning.line, warning.column), (6, 17), "{warning}");
}

#[test]
fn a_50_megabyte_document_is_refused_before_parsing() {
    let mut big = b"contact:\n  name: A\n  email: a@example.com\nnotes: \"".to_vec();
    big.resize(50 * 1024 * 1024, b'x');
    let err = load(&big, None, &validate::Options::default()).unwrap_err();
    assert!(err.to_string().contains("byte limit"), "{err}");
}

#[test]
fn invalid_utf8_is_located() {
    let err = format::decode(b"a: 1\nb: ok \xc3\x28\n").unwrap_err();
    assert_eq!(err, ReadError::NotUtf8 { line: 2, column: 7 });
}

/// Arbitrary documents shaped like resumes: random keys from every format's vocabulary, random
/// scalars (including hostile text) and random nesting.
fn document() -> impl Strategy<Value = serde_json::Value> {
    let keys = prop::sample::select(vec![
        "contact",
        "name",
        "email",
        "experience",
        "company",
        "start_date",
        "end_date",
        "bullets",
        "text",
        "emphasize_for",
        "skills",
        "variants",
        "skill_sections",
        "max_bullets_per_job",
        "summary_key",
        "professional_summary",
        "base",
        "projects",
        "basics",
        "work",
        "startDate",
        "endDate",
        "highlights",
        "cv",
        "sections",
        "education",
        "institution",
        "urls",
        "location",
        "x-vitae",
        "items",
        "level",
        "years",
        "date",
        "present",
        "title",
        "entries",
    ]);
    let scalar = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (-1e9f64..1e9).prop_map(serde_json::Value::from),
        "\\PC{0,20}".prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "2020-01",
            "2021",
            "present",
            "2019-02-30",
            "a@b.c",
            "https://x.y"
        ])
        .prop_map(serde_json::Value::from),
    ];
    scalar.prop_recursive(6, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..8).prop_map(|entries| {
                serde_json::Value::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect(),
                )
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_any_reader(text in "\\PC{0,400}") {
        for format in [None, Some(Format::Native), Some(Format::JsonResume), Some(Format::RenderCv)] {
            let _ = load(text.as_bytes(), format, &validate::Options::default());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = load(&bytes, None, &validate::Options::default());
    }

    #[test]
    fn arbitrary_documents_never_panic_any_stage(doc in document()) {
        let json = serde_json::to_string(&doc).unwrap();
        let yaml = serde_saphyr::to_string(&doc).unwrap();
        for text in [&json, &yaml] {
            for format in [None, Some(Format::Native), Some(Format::JsonResume), Some(Format::RenderCv)] {
                if let Ok(loaded) = load(text.as_bytes(), format, &validate::Options::default()) {
                    // Every later stage must cope with whatever a reader let through.
                    for name in variant::names(&loaded.resume) {
                        let v = variant::apply(&loaded.resume, &name).unwrap();
                        let _ = format::to_json_resume(&v);
                    }
                    let native = format::to_native_yaml(&loaded.resume);
                    prop_assert!(format::read(&native, Some(Format::Native)).is_ok(), "writer output unreadable:\n{}", native);
                }
            }
        }
    }
}
