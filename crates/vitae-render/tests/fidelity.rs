//! The files people bring — resume-cli's `resume.yaml`, JSON Resume written for the older schema,
//! name-only and free-text-dated JSON Resume (`crates/vitae-core/tests/fixtures`) — render in every
//! theme and every format, and what they say reaches the page: resume-cli's skill categories in
//! words, publications with their venue, dates that are no dates as written.

#[path = "common/poppler.rs"]
mod poppler;

use poppler::pdftotext;
use std::path::PathBuf;
use vitae_core::model::Resume;
use vitae_render::{OutputFormat, RenderOptions, Rendered, Theme, TypesetOptions, render};

fn load(name: &str) -> Resume {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vitae-core/tests/fixtures")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resume = vitae_core::load(&bytes, None, &Default::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .resume;
    let variant = vitae_core::variant::default_name(&resume);
    vitae_core::variant::apply(&resume, &variant).unwrap()
}

/// Each fixture and what every output of it must say.
fn cases() -> Vec<(&'static str, Resume, Vec<&'static str>)> {
    vec![
        (
            "resume-cli/resume.yaml",
            load("resume-cli/resume.yaml"),
            vec![
                "Priya Raman",
                "Programming Languages",
                "Cloud DevOps",
                "IEEE Transactions on Automation Science",
                "411-423",
                "MLSys",
                "PE-58110",
                "ACM Member",
                "Carnegie Mellon University",
            ],
        ),
        (
            "jsonresume/older-schema.json",
            load("jsonresume/older-schema.json"),
            vec![
                "Mediterránea Cloud",
                "tomasherrera.example.org",
                "Alert-threshold tuner for Prometheus rules",
            ],
        ),
        (
            "jsonresume/name-only.json",
            load("jsonresume/name-only.json"),
            vec!["Wanjiru Kamau", "Nairobi Insights"],
        ),
        (
            "jsonresume/free-text-dates.json",
            load("jsonresume/free-text-dates.json"),
            vec!["李明", "至今", "Present (9 months)", "Lumen Labs"],
        ),
    ]
}

fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_says(what: &str, text: &str, needles: &[&str]) {
    let text = folded(text);
    for needle in needles {
        assert!(
            text.contains(needle),
            "{what}: `{needle}` is missing\n{text}"
        );
    }
}

#[test]
fn brought_files_render_in_every_theme_with_what_they_say() {
    for (name, resume, needles) in cases() {
        for theme in Theme::ALL {
            let mut typeset = TypesetOptions::default();
            typeset.theme = theme;
            let Rendered::One(pdf) = render(
                &resume,
                OutputFormat::Pdf,
                &RenderOptions::default(),
                &typeset,
                0.0,
            )
            .unwrap_or_else(|e| panic!("{name} in {theme}: {e}")) else {
                panic!("a PDF is one file");
            };
            assert_says(&format!("{name} in {theme}"), &pdftotext(&pdf), &needles);
        }
    }
}

#[test]
fn brought_files_render_in_every_format() {
    for (name, resume, needles) in cases() {
        for format in OutputFormat::ALL {
            let rendered = render(
                &resume,
                format,
                &RenderOptions::default(),
                &TypesetOptions::default(),
                30.0,
            )
            .unwrap_or_else(|e| panic!("{name} as {format}: {e}"));
            let bytes = match rendered {
                Rendered::One(bytes) => bytes,
                Rendered::Pages(pages) => {
                    assert!(!pages.is_empty() && pages.iter().all(|p| !p.is_empty()));
                    continue;
                }
            };
            assert!(!bytes.is_empty(), "{name} as {format}");
            // The text formats say it in words a reader (and an ATS) finds.
            if matches!(format, OutputFormat::Md | OutputFormat::Txt) {
                assert_says(
                    &format!("{name} as {format}"),
                    &String::from_utf8(bytes).unwrap(),
                    &needles,
                );
            }
        }
    }
}
