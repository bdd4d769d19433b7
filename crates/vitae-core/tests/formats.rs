//! Source formats against real files: the JSON Resume fixtures nobody on the team wrote, our own
//! example, round trips in both directions, and the schemas.

mod common;

use common::fixtures;
use std::path::PathBuf;
use vitae_core::format::{self, Format};
use vitae_core::{Resume, Severity, load};

fn example() -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml"),
    )
    .expect("examples/resume.yaml")
}

fn json_resume_fixtures() -> Vec<(String, String)> {
    let dir = fixtures().join("jsonresume");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".resume.json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 2,
        "expected the JSON Resume fixtures in {}",
        dir.display()
    );
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn read_ok(name: &str, text: &str) -> Resume {
    let loaded =
        load(text.as_bytes(), None, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    loaded.resume
}

/// The JSON Resume schema's own fields of a document: the official schema allows extra
/// properties, so the round trip is judged on the fields the schema defines.
fn schema_fields(schema: &serde_json::Value, doc: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match (schema.get("properties"), doc) {
        (Some(J::Object(props)), J::Object(o)) => J::Object(
            o.iter()
                .filter_map(|(k, v)| props.get(k).map(|s| (k.clone(), schema_fields(s, v))))
                .collect(),
        ),
        (_, J::Array(items)) => {
            let item_schema = schema.get("items").cloned().unwrap_or(J::Null);
            J::Array(
                items
                    .iter()
                    .map(|i| schema_fields(&item_schema, i))
                    .collect(),
            )
        }
        (_, v) => v.clone(),
    }
}

fn official_schema() -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join("jsonresume/schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn every_json_resume_fixture_validates_and_is_detected() {
    for (name, text) in json_resume_fixtures() {
        let loaded = load(text.as_bytes(), None, &Default::default()).unwrap();
        assert_eq!(loaded.format, Format::JsonResume, "{name}");
        read_ok(&name, &text);
    }
}

#[test]
fn json_resume_round_trips_through_native_without_losing_a_schema_field() {
    let schema = official_schema();
    for (name, text) in json_resume_fixtures() {
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        let resume = read_ok(&name, &text);
        let native = format::to_native_yaml(&resume);
        let back = read_ok(&format!("{name} as native"), &native);
        let json = format::to_json_resume(&back);
        let round: serde_json::Value = serde_json::from_str(&json).unwrap();
        // An ongoing job omits endDate in both; nothing else may change.
        assert_eq!(
            schema_fields(&schema, &original),
            schema_fields(&schema, &round),
            "{name}: round trip changed schema fields\nnative:\n{native}"
        );
    }
}

#[test]
fn json_resume_output_conforms_to_the_official_schema() {
    let schema = official_schema();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut docs = vec![(
        "example".to_owned(),
        format::to_json_resume(&read_ok("example", &example())),
    )];
    for (name, text) in json_resume_fixtures() {
        docs.push((name.clone(), format::to_json_resume(&read_ok(&name, &text))));
    }
    for (name, json) in docs {
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn native_round_trips_through_json_resume_keeping_variants_and_tags() {
    let original = read_ok("example", &example());
    let json = format::to_json_resume(&original);
    let back = read_ok("example via JSON Resume", &json);
    assert_eq!(
        original, back,
        "native → JSON Resume → native changed the model"
    );
    // And the native writer itself is lossless.
    let again = read_ok("example rewritten", &format::to_native_yaml(&original));
    assert_eq!(original, again);
}

#[test]
fn the_example_uses_every_feature_the_docs_promise() {
    let r = read_ok("example", &example());
    assert!(r.variants.len() >= 3);
    assert!(r.experience.iter().any(|e| e.is_current()));
    assert!(
        r.experience
            .iter()
            .flat_map(|e| &e.bullets)
            .any(|b| !b.emphasize_for.is_empty())
    );
    assert!(r.projects.iter().any(|p| p.category.is_some()));
    assert!(!r.summary.variants.is_empty());
}

#[test]
fn the_native_schema_accepts_the_example_and_names_every_key_the_reader_knows() {
    let schema: serde_json::Value = serde_json::from_str(format::native::SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let (node, _) = format::parse(&example()).unwrap();
    let value = node.to_json();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let top: Vec<&String> = schema["properties"].as_object().unwrap().keys().collect();
    for key in format::native::TOP_KEYS {
        assert!(
            top.iter().any(|k| k == key),
            "schema lacks top-level `{key}`"
        );
    }
    let experience = &schema["properties"]["experience"]["items"]["properties"];
    for key in format::native::EXPERIENCE_KEYS {
        assert!(
            experience.get(*key).is_some(),
            "schema lacks experience `{key}`"
        );
    }
}

#[test]
fn unquoted_yaml_dates_and_null_end_dates_read_as_written() {
    let text = "contact:\n  name: A\n  email: a@example.com\nexperience:\n  - company: X\n    start_date: 2020-01-15\n    end_date: null\n  - company: Y\n    start_date: 2018\n    end_date: 2019-12\n";
    let r = read_ok("dates", text);
    assert_eq!(
        r.experience[0].start.as_ref().unwrap().to_string(),
        "2020-01-15"
    );
    assert!(r.experience[0].is_current());
    assert_eq!(r.experience[1].start.as_ref().unwrap().to_string(), "2018");
    assert_eq!(r.experience[1].end.as_ref().unwrap().to_string(), "2019-12");
}

#[test]
fn json_resume_in_yaml_is_read_too() {
    let text = "basics:\n  name: Ada\n  email: ada@example.com\nwork:\n  - name: Analytical Engines\n    position: Programmer\n    startDate: 1842-01\n";
    let loaded = load(text.as_bytes(), None, &Default::default()).unwrap();
    assert_eq!(loaded.format, Format::JsonResume);
    assert_eq!(loaded.resume.experience[0].company, "Analytical Engines");
    assert!(loaded.resume.experience[0].is_current());
}

#[test]
fn a_null_end_date_in_json_resume_is_a_warning_not_a_failure() {
    let text = r#"{"basics": {"name": "Ada", "email": "ada@example.com"},
      "work": [{"name": "X", "position": "Y", "startDate": "2020-01", "endDate": null}]}"#;
    let loaded = load(text.as_bytes(), None, &Default::default()).unwrap();
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    let w: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].path, "work[0].endDate");
    assert_eq!(w[0].line, 2);
    assert!(loaded.resume.experience[0].is_current());
}

#[test]
fn every_model_path_a_reader_records_names_a_field_of_the_model() {
    // The readers record where each model field came from; a misspelt model path there would
    // resolve to its parent and point a diagnostic at the wrong line.
    let mut sources: Vec<(String, String)> = json_resume_fixtures();
    sources.push(("examples/resume.yaml".into(), example()));
    let rendercv = fixtures().join("rendercv/John_Doe_ClassicTheme_CV.yaml");
    sources.push((
        rendercv.display().to_string(),
        std::fs::read_to_string(&rendercv).unwrap(),
    ));
    for (name, text) in sources {
        let loaded = format::read(&text, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut count = 0;
        // `design` is presentation, outside the content model whose paths are declared; its
        // problems are reported where it is read.
        for path in loaded.source_map.model_paths() {
            if path == "design" || path.starts_with("design.") {
                continue;
            }
            count += 1;
            if let Err(e) = vitae_core::ModelPath::parse(path) {
                panic!("{name}: {e}");
            }
        }
        assert!(count > 20, "{name}: {count} paths recorded");
    }
}

#[test]
fn a_json_resume_summary_that_breaks_a_limit_is_reported_at_its_line() {
    // JSON Resume keeps the summary under `basics`; its model place is `summary.base`. The
    // reader used to record it as `basics.summary.base`, so the diagnostic had no position.
    let long = "word ".repeat(2_100);
    let text = format!(
        "{{\n  \"basics\": {{\n    \"name\": \"Ada\",\n    \"email\": \"ada@example.com\",\n    \"summary\": \"{long}\"\n  }}\n}}\n"
    );
    let loaded = load(text.as_bytes(), None, &Default::default()).unwrap();
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .expect("the summary is over the limit");
    assert_eq!((d.path.as_str(), d.line), ("basics.summary", 5), "{d:?}");
}
