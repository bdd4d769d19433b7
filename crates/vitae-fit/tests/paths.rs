//! Every place job fit points at in a resume — the ATS check's evidence, the verifier's findings,
//! a letter's traces, tailoring's explanation — is a field of the model: a misspelt path would
//! otherwise resolve silently to its parent in the source map and point the user at the wrong
//! line. Checked on the example and on real resumes nobody on the team wrote.

mod common;

use common::fixtures;
use serde_json::Value;
use std::path::PathBuf;
use vitae_core::model::Bullet;
use vitae_core::{ModelPath, Resume, variant};
use vitae_fit::ats::{AtsInput, Weights};
use vitae_fit::job::{self, Job};
use vitae_fit::keywords::Vocabulary;
use vitae_fit::letter::{self, LetterOptions, Origin};
use vitae_fit::tailor::{self, TailorOptions};

fn load(path: PathBuf) -> Resume {
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    vitae_core::load(&bytes, None, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .resume
}

fn resumes() -> Vec<(String, Resume)> {
    let mut out = vec![(
        "examples/resume.yaml".to_owned(),
        load(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml")),
    )];
    for name in [
        "jsonresume/sample.resume.json",
        "jsonresume/senior-engineer.resume.json",
        "rendercv/John_Doe_ClassicTheme_CV.yaml",
    ] {
        out.push((name.to_owned(), load(fixtures().join(name))));
    }
    out
}

fn jobs() -> Vec<Job> {
    ["backend-eng.txt", "frontend-eng.txt"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(fixtures().join("jobs").join(name)).unwrap();
            job::parse(&text).unwrap()
        })
        .collect()
}

/// Every string under a key named `key`, anywhere in `value`.
fn strings_at(value: &Value, key: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == key
                    && let Value::String(s) = v
                {
                    out.push(s.clone());
                }
                strings_at(v, key, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| strings_at(v, key, out)),
        _ => {}
    }
}

fn assert_model_paths(what: &str, paths: &[String]) {
    assert!(!paths.is_empty(), "{what}: no paths to check");
    for path in paths.iter().filter(|p| !p.is_empty()) {
        if let Err(e) = ModelPath::parse(path) {
            panic!("{what}: {e}");
        }
    }
}

#[test]
fn ats_evidence_points_at_fields_of_the_model() {
    let vocabulary = Vocabulary::builtin();
    for (name, source) in resumes() {
        let key = variant::default_name(&source);
        let shown = variant::apply(&source, &key).unwrap();
        for job in jobs() {
            let input = AtsInput {
                source: &source,
                shown: &shown,
                variant: &key,
                job: &job,
                text_layer: None,
            };
            let report = vitae_fit::ats::check(&input, vocabulary, &Weights::default());
            let mut paths = Vec::new();
            strings_at(&serde_json::to_value(&report).unwrap(), "path", &mut paths);
            assert_model_paths(&format!("{name}: ATS evidence"), &paths);
        }
    }
}

#[test]
fn tailoring_and_the_verifier_point_at_fields_of_the_model() {
    let vocabulary = Vocabulary::builtin();
    for (name, source) in resumes() {
        for job in jobs() {
            let tailored =
                tailor::tailor(&source, &job, vocabulary, &TailorOptions::default()).unwrap();
            let mut paths = Vec::new();
            strings_at(
                &serde_json::to_value(&tailored.explanation).unwrap(),
                "path",
                &mut paths,
            );
            assert_model_paths(&format!("{name}: tailoring's explanation"), &paths);

            // A candidate with an invented bullet: the finding names the candidate's field.
            let mut candidate = tailored.resume.clone();
            if let Some(entry) = candidate.experience.first_mut() {
                entry
                    .bullets
                    .push(Bullet::plain("Grew revenue 900% at Initech in 2 weeks"));
                let verification = tailor::verify_with(&source, &candidate, vocabulary);
                assert!(
                    !verification.is_ok(),
                    "{name}: the invented bullet is caught"
                );
                let value = serde_json::to_value(&verification).unwrap();
                let mut paths = Vec::new();
                strings_at(&value, "path", &mut paths);
                strings_at(&value, "maps_to", &mut paths);
                strings_at(&value, "source", &mut paths);
                strings_at(&value, "candidate", &mut paths);
                assert_model_paths(&format!("{name}: the verifier's findings"), &paths);
            }
        }
    }
}

#[test]
fn a_letters_resume_traces_point_at_fields_of_the_model() {
    let vocabulary = Vocabulary::builtin();
    for (name, source) in resumes() {
        let shown = variant::apply(&source, &variant::default_name(&source)).unwrap();
        for job in jobs() {
            let letter =
                letter::compose(&source, &shown, &job, vocabulary, &LetterOptions::default());
            let paths: Vec<String> = letter
                .traces()
                .filter(|t| t.from == Origin::Resume)
                .map(|t| t.path.clone())
                .collect();
            assert_model_paths(&format!("{name}: the letter's traces"), &paths);
        }
    }
}
