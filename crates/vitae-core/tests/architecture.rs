//! Tidy checks for the architecture invariants written down in ARCHITECTURE.md. They read the
//! workspace's own files, so a change that breaks an invariant fails here with the reason.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `[dependencies]` names of a crate's manifest (dev-dependencies are allowed anything).
fn dependencies(krate: &str) -> Vec<String> {
    let manifest =
        std::fs::read_to_string(root().join("crates").join(krate).join("Cargo.toml")).unwrap();
    let mut in_deps = false;
    let mut names = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_deps = line == "[dependencies]";
            continue;
        }
        if in_deps && let Some((name, _)) = line.split_once('=') {
            names.push(name.trim().trim_end_matches(".workspace").to_owned());
        }
    }
    names
}

#[test]
fn the_pure_crates_depend_on_no_runtime_io_or_cli_crate() {
    // Architecture Invariant: vitae-core and vitae-render are pure; no async runtime, database,
    // HTTP or CLI crate may enter them.
    let forbidden = [
        "tokio", "sqlx", "axum", "reqwest", "hyper", "clap", "anyhow", "tower",
    ];
    for krate in ["vitae-core", "vitae-render"] {
        for dep in dependencies(krate) {
            assert!(
                !forbidden.contains(&dep.as_str()),
                "{krate} must not depend on {dep}"
            );
        }
    }
}

#[test]
fn the_core_touches_no_file_system_environment_or_clock() {
    // Architecture Invariant: every outside input reaches vitae-core as an argument.
    let forbidden = [
        "std::fs",
        "std::env",
        "SystemTime",
        "Instant::now",
        "std::net",
        "std::process",
    ];
    let mut files = Vec::new();
    rust_files(&root().join("crates/vitae-core/src"), &mut files);
    rust_files(&root().join("crates/vitae-render/src"), &mut files);
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests beside the code may read fixtures.
        let code = text.split("#[cfg(test)]").next().unwrap_or(&text);
        for needle in forbidden {
            assert!(!code.contains(needle), "{} uses {needle}", file.display());
        }
    }
}

#[test]
fn no_test_is_ignored_and_no_stub_is_left() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    let banned = [
        concat!("#[", "ignore"),
        concat!("#[", "should_panic"),
        concat!("todo", "!("),
        concat!("unimplemented", "!("),
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for needle in banned {
            assert!(
                !text.contains(needle),
                "{} contains {needle}",
                file.display()
            );
        }
    }
}
