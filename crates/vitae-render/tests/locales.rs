//! The words copied from RenderCV's locale files (`../shared/fixtures/rendercv/locales`, override
//! with `VITAE_FIXTURES`) still match them: every file has a locale, with the same "present" and
//! degree phrase. (Month names come from glibc's locales instead; German "present" is "heute".)

use std::path::PathBuf;
use vitae_core::DateValue;
use vitae_core::model::{Education, Resume};
use vitae_core::node::{Node, parse_yaml};
use vitae_render::{RenderOptions, TextFormat, locale, locales, render_text};

fn fixtures() -> PathBuf {
    std::env::var_os("VITAE_FIXTURES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures"),
        PathBuf::from,
    )
}

fn text(node: &Node, key: &str) -> String {
    node.get(key)
        .and_then(Node::scalar_text)
        .unwrap_or_else(|| panic!("no `{key}`"))
}

fn months(node: &Node, key: &str) -> Vec<String> {
    match &node.get(key).unwrap_or_else(|| panic!("no `{key}`")).value {
        vitae_core::node::Value::Seq(items) => items
            .iter()
            .map(|n| n.scalar_text().expect("a month is text"))
            .collect(),
        other => panic!("`{key}` is not a list: {other:?}"),
    }
}

#[test]
fn every_rendercv_locale_file_has_a_locale_with_its_words() {
    let dir = fixtures().join("rendercv/locales");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {} (set VITAE_FIXTURES): {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 21, "{files:?}");
    for path in files {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let source = std::fs::read_to_string(&path).expect("read locale file");
        let root = parse_yaml(&source).expect("valid YAML");
        let file = root.get("locale").expect("a `locale` mapping");
        let l = locale(stem).unwrap_or_else(|| panic!("no locale for {stem}"));
        assert_eq!(l.rendercv_name, stem);
        assert_eq!(locale(&text(file, "language")), Some(l), "{stem}");
        if l.code == "de" {
            assert_eq!(l.present(), "heute");
        } else {
            assert_eq!(l.present(), text(file, "present"), "{stem}");
        }
        assert_eq!(l.last_updated(), text(file, "last_updated"), "{stem}");
        // Twelve months each way, as RenderCV's file has.
        assert_eq!(months(file, "month_abbreviations").len(), 12, "{stem}");
        assert_eq!(months(file, "month_names").len(), 12, "{stem}");

        // The degree phrase, seen through a render, and the month in a date.
        let phrase = text(file.get("phrases").expect("phrases"), "degree_with_area");
        let mut resume = Resume::default();
        resume.education.push(Education {
            institution: "Uni".into(),
            degree: Some("Dg".into()),
            field: Some("Fd".into()),
            start: Some(DateValue::parse("2021-07")),
            ..Education::default()
        });
        let mut options = RenderOptions::default();
        options.locale = l;
        let out = render_text(&resume, TextFormat::Text, &options);
        let degree = phrase.replace("DEGREE", "Dg").replace("AREA", "Fd");
        assert!(out.contains(&degree), "{stem}: no {degree:?} in\n{out}");
        let july = l.month_abbreviation(7).unwrap();
        assert!(out.contains(july), "{stem}: no {july} in\n{out}");
    }
    assert_eq!(locales().len(), 22);
}
