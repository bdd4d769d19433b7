//! What the ranking evaluation and the letter review set share: the labelled set in
//! `bench/rank-eval` (its resumes, postings and grades) and where the third-party fixtures are.
#![allow(dead_code)] // each test binary uses a different part

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use vitae_core::Resume;

/// The checkout's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `shared/fixtures` beside the checkout, or `VITAE_FIXTURES`.
pub fn fixtures() -> PathBuf {
    std::env::var_os("VITAE_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/fixtures"))
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The set's resumes, by the name of their label file: three real ones, two written for the set.
pub fn resumes() -> Vec<(&'static str, PathBuf)> {
    let set = root().join("bench/rank-eval/resumes");
    vec![
        (
            "staff-distributed",
            fixtures().join("jsonresume/senior-engineer.resume.json"),
        ),
        (
            "ml-phd-cto",
            fixtures().join("rendercv/John_Doe_ClassicTheme_CV.yaml"),
        ),
        ("backend-austin", root().join("examples/resume.yaml")),
        ("frontend-lisbon", set.join("frontend-lisbon.resume.json")),
        (
            "icu-nurse-chicago",
            set.join("icu-nurse-chicago.resume.json"),
        ),
    ]
}

/// A resume of the set, which must read without errors.
pub fn load(path: &Path) -> Resume {
    let loaded = vitae_core::load(read(path).as_bytes(), None, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        !loaded.diagnostics.has_errors(),
        "{}: {:?}",
        path.display(),
        loaded.diagnostics
    );
    loaded.resume
}

/// The postings, in file-name order: (file name, text).
pub fn postings() -> Vec<(String, String)> {
    let dir = root().join("bench/rank-eval/postings");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let text = read(&dir.join(&n));
            (n, text)
        })
        .collect()
}

/// The grades of one resume, by posting file name.
pub fn labels(resume: &str) -> HashMap<String, u8> {
    let path = root().join(format!("bench/rank-eval/labels/{resume}.csv"));
    read(&path)
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cells = l.splitn(3, ',');
            let name = cells.next().unwrap().trim().to_owned();
            let grade = cells.next().unwrap().trim().parse().unwrap();
            (name, grade)
        })
        .collect()
}
