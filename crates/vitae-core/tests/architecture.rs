//! Tidy checks for the architecture invariants written down in ARCHITECTURE.md. They read the
//! workspace's own files, so a change that breaks an invariant fails here with the reason.

use std::collections::BTreeSet;
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

/// The names in one `[section]` of a crate's manifest.
fn manifest_names(krate: &str, section: &str) -> Vec<String> {
    let manifest =
        std::fs::read_to_string(root().join("crates").join(krate).join("Cargo.toml")).unwrap();
    let mut inside = false;
    let mut names = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == section;
            continue;
        }
        if inside
            && !line.starts_with('#')
            && let Some((name, _)) = line.split_once('=')
        {
            names.push(name.trim().trim_end_matches(".workspace").to_owned());
        }
    }
    names
}

/// `[dependencies]` of a crate (dev-dependencies may be anything a test needs).
fn dependencies(krate: &str) -> Vec<String> {
    manifest_names(krate, "[dependencies]")
}

fn crates() -> BTreeSet<String> {
    std::fs::read_dir(root().join("crates"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("Cargo.toml").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// The source a release build compiles: every file of `src/`, with test modules taken out, both
/// inline ones (`#[cfg(test)] mod tests { ... }`) and those in their own file
/// (`#[cfg(test)] mod tests;`).
fn release_sources(krate: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("crates").join(krate).join("src"), &mut files);
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect();
    let mut test_files = BTreeSet::new();
    let mut out = Vec::new();
    for (file, text) in &texts {
        let (code, modules) = without_test_items(text);
        let dir = file.parent().unwrap();
        let stem = file.file_stem().unwrap().to_string_lossy();
        // `mod x;` in `a.rs` lives in `a/x.rs`; in `lib.rs`, `main.rs` and `mod.rs`, beside it.
        let base = if matches!(stem.as_ref(), "lib" | "main" | "mod") {
            dir.to_path_buf()
        } else {
            dir.join(stem.as_ref())
        };
        for module in modules {
            test_files.insert(base.join(format!("{module}.rs")));
            test_files.insert(base.join(&module).join("mod.rs"));
        }
        out.push((file.clone(), code));
    }
    out.retain(|(file, _)| !test_files.contains(file));
    out
}

/// `text` without the items under `#[cfg(test)]`, and the names of the test modules that live in
/// their own files. Strings, characters and comments are skipped while matching braces, so a `{`
/// inside a literal does not end an item early.
fn without_test_items(text: &str) -> (String, Vec<String>) {
    const MARK: &str = "#[cfg(test)]";
    let mut code = String::with_capacity(text.len());
    let mut modules = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        code.push_str(&rest[..at]);
        let item = &rest[at + MARK.len()..];
        let end = item_end(item);
        let head = item[..end].trim_start();
        if let Some(name) = head
            .strip_prefix("mod ")
            .and_then(|m| m.trim().strip_suffix(';'))
        {
            modules.push(name.trim().to_owned());
        }
        rest = &item[end..];
    }
    code.push_str(rest);
    (code, modules)
}

/// Where the item starting at `s` ends: after its `;` or its outermost closing `}`.
fn item_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i += s[i..].find('\n').unwrap_or(s.len() - i);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += s[i..].find("*/").map_or(s.len() - i, |e| e + 2);
                continue;
            }
            b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) && !ident_byte(b, i) => {
                // A raw string: r"..." or r#"..."#.
                let hashes = s[i + 1..].bytes().take_while(|&c| c == b'#').count();
                let open = i + 1 + hashes;
                if b.get(open) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    i = s[open + 1..]
                        .find(&close)
                        .map_or(s.len(), |e| open + 1 + e + close.len());
                    continue;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' => {
                // A character literal ('{', '\n', '\u{7b}'), not a lifetime ('a).
                if b.get(i + 1) == Some(&b'\\') {
                    i += s[i + 2..].find('\'').map_or(s.len() - i, |e| e + 3);
                    continue;
                }
                if let Some(c) = s[i + 1..].chars().next()
                    && s[i + 1 + c.len_utf8()..].starts_with('\'')
                {
                    i += 2 + c.len_utf8();
                    continue;
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b';' if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    s.len()
}

fn ident_byte(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

#[test]
fn test_items_are_taken_out_whole_and_only_them() {
    let text = "fn a() {}\n#[cfg(test)]\nmod tests {\n    const S: &str = \"}\";\n    const C: char = '}';\n    const R: &str = r#\"}\"#;\n    // }\n    fn t() { std::fs::read(\"x\"); }\n}\nfn b() { let x = '{'; }\n#[cfg(test)]\nmod other;\n";
    let (code, modules) = without_test_items(text);
    assert!(code.contains("fn a()") && code.contains("fn b()"), "{code}");
    assert!(
        !code.contains("std::fs") && !code.contains("fn t()"),
        "{code}"
    );
    assert_eq!(modules, ["other"]);
}

#[test]
fn the_crate_graph_points_one_way() {
    // Architecture Invariant: core <- fit <- app <- {cli, server}; render depends on core (and fit
    // for letters); import on core (and render's locales), reached through app. The front ends reach job fit only through vitae-app, so a flow written for one
    // of them cannot drift from the other's.
    let allowed: &[(&str, &[&str])] = &[
        ("vitae-core", &[]),
        ("vitae-fit", &["vitae-core"]),
        ("vitae-render", &["vitae-core", "vitae-fit"]),
        ("vitae-llm", &["vitae-core", "vitae-fit"]),
        ("vitae-store", &["vitae-core"]),
        // The importer reads month names and section titles from render's locales.
        ("vitae-import", &["vitae-core", "vitae-render"]),
        (
            "vitae-app",
            &[
                "vitae-core",
                "vitae-fit",
                "vitae-render",
                "vitae-llm",
                "vitae-import",
                // The job search's use cases run over the store a front end opens.
                "vitae-store",
            ],
        ),
        (
            "vitae-server",
            &[
                "vitae-core",
                "vitae-render",
                "vitae-llm",
                "vitae-store",
                "vitae-app",
            ],
        ),
        (
            "vitae-cli",
            &[
                "vitae-core",
                "vitae-render",
                "vitae-llm",
                "vitae-store",
                "vitae-server",
                "vitae-app",
            ],
        ),
    ];
    let listed: BTreeSet<String> = allowed.iter().map(|(k, _)| (*k).to_owned()).collect();
    assert_eq!(listed, crates(), "every crate has its place in the graph");
    for (krate, may) in allowed {
        for dep in dependencies(krate) {
            if dep.starts_with("vitae-") {
                assert!(
                    may.contains(&dep.as_str()),
                    "{krate} must not depend on {dep}"
                );
            }
        }
    }
}

#[test]
fn the_front_ends_reach_job_fit_only_through_the_use_cases() {
    for krate in ["vitae-cli", "vitae-server"] {
        for (file, code) in release_sources(krate) {
            assert!(
                !code.contains("vitae_fit"),
                "{} names vitae_fit: job fit goes through vitae_app",
                file.display()
            );
        }
    }
}

#[test]
fn the_pure_crates_depend_on_no_runtime_io_or_cli_crate() {
    // Architecture Invariant: vitae-core, vitae-fit and vitae-render are pure; no async runtime,
    // database, HTTP or CLI crate may enter them.
    let forbidden = [
        "tokio", "sqlx", "axum", "reqwest", "hyper", "clap", "anyhow", "tower",
    ];
    for krate in ["vitae-core", "vitae-fit", "vitae-render"] {
        for dep in dependencies(krate) {
            assert!(
                !forbidden.contains(&dep.as_str()),
                "{krate} must not depend on {dep}"
            );
        }
    }
}

#[test]
fn the_pure_crates_touch_no_file_system_environment_or_clock() {
    // Architecture Invariant: every outside input reaches vitae-core, vitae-fit, vitae-render and
    // vitae-app as an argument. Whole files are read: only test modules may read fixtures.
    let forbidden = [
        "std::fs",
        "std::env",
        "SystemTime",
        "Instant::now",
        "std::net",
        "std::process",
    ];
    for krate in ["vitae-core", "vitae-fit", "vitae-render", "vitae-app"] {
        let files = release_sources(krate);
        assert!(!files.is_empty(), "{krate} has sources");
        for (file, code) in files {
            for needle in forbidden {
                assert!(!code.contains(needle), "{} uses {needle}", file.display());
            }
        }
    }
}

#[test]
fn test_helpers_stay_out_of_release_builds() {
    // Architecture Invariant: the mock LLM and the throwaway databases exist only under the
    // `testing` feature, which only dev-dependencies turn on.
    for (krate, file) in [("vitae-llm", "src/lib.rs"), ("vitae-store", "src/lib.rs")] {
        let text = std::fs::read_to_string(root().join("crates").join(krate).join(file)).unwrap();
        assert!(
            text.contains("#[cfg(feature = \"testing\")]\npub mod testing"),
            "{krate}'s testing module is behind the `testing` feature"
        );
    }
    for krate in crates() {
        let manifest =
            std::fs::read_to_string(root().join("crates").join(&krate).join("Cargo.toml")).unwrap();
        let normal = manifest
            .split("[dev-dependencies]")
            .next()
            .unwrap_or_default();
        assert!(
            !normal.contains("features = [\"testing\"]"),
            "{krate} turns `testing` on outside its dev-dependencies"
        );
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

#[test]
fn model_paths_are_built_with_the_typed_paths_not_by_format() {
    // Architecture Invariant: a place in the resume is built through `vitae_core::path`
    // (`ResumePath::root().experience().at(i).bullets().at(j)`), so a misspelt field does not
    // compile. The format readers mirror a document's own keys through their reader toolkit,
    // and a test checks every path they record.
    // The model's top-level fields, from the one declaration of them.
    let roots = vitae_core::ResumePath::FIELDS;
    for krate in [
        "vitae-core",
        "vitae-fit",
        "vitae-render",
        "vitae-llm",
        "vitae-app",
    ] {
        for (file, code) in release_sources(krate) {
            let name = file.to_string_lossy().replace('\\', "/");
            if name.ends_with("src/path.rs") || name.contains("src/format/") {
                continue;
            }
            for root in roots {
                for needle in [format!("format!(\"{root}["), format!("format!(\"{root}.")] {
                    assert!(
                        !code.contains(&needle),
                        "{} builds a model path with `{needle}`: use vitae_core::path",
                        file.display()
                    );
                }
            }
        }
    }
}
