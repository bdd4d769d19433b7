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

/// A fixture written in the core's tests, as its default variant shows it.
fn load(name: &str) -> Resume {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vitae-core/tests/fixtures")
        .join(name);
    let resume = read(&path);
    let variant = vitae_core::variant::default_name(&resume);
    vitae_core::variant::apply(&resume, &variant).unwrap()
}

/// A third-party fixture of `shared/fixtures` (or `VITAE_FIXTURES`), as its source has it.
fn shared(name: &str) -> Resume {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures");
    read(
        &std::env::var_os("VITAE_FIXTURES")
            .map_or(dir, PathBuf::from)
            .join(name),
    )
}

fn read(path: &std::path::Path) -> Resume {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    vitae_core::load(&bytes, None, &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .resume
}

/// `resume` in a text format, with the default options.
fn text_of(resume: &Resume, format: OutputFormat) -> String {
    let rendered = render(
        resume,
        format,
        &RenderOptions::default(),
        &TypesetOptions::default(),
        30.0,
    )
    .unwrap_or_else(|e| panic!("{format}: {e}"));
    match rendered {
        Rendered::One(bytes) => String::from_utf8(bytes).unwrap(),
        Rendered::Pages(_) => unreachable!("text formats are one file"),
    }
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

/// `resume` as a PDF in `theme`; `name` says which fixture failed.
fn pdf(resume: &Resume, theme: Theme, name: &str) -> Vec<u8> {
    let mut typeset = TypesetOptions::default();
    typeset.theme = Some(theme);
    match render(
        resume,
        OutputFormat::Pdf,
        &RenderOptions::default(),
        &typeset,
        0.0,
    ) {
        Ok(Rendered::One(pdf)) => pdf,
        Ok(Rendered::Pages(_)) => panic!("a PDF is one file"),
        Err(e) => panic!("{name} in {theme}: {e}"),
    }
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
            let pdf = pdf(&resume, theme, name);
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

/// Sources whose text carries inline markup: RenderCV's Markdown (its own example and sample
/// entries) and the HTML a JSON Resume editor writes.
fn formatted() -> Vec<(String, Resume)> {
    let mut out = vec![(
        "jsonresume/html-summaries.json".to_owned(),
        load("jsonresume/html-summaries.json"),
    )];
    for name in [
        "rendercv/John_Doe_ClassicTheme_CV.yaml",
        "rendercv/sample_entries.yaml",
    ] {
        out.push((name.to_owned(), shared(name)));
    }
    out
}

/// Markup that would mean the source's formatting was printed instead of applied.
const LITERAL_MARKUP: &[&str] = &[
    "**", "](http", "<a ", "<a>", "</a>", "<b>", "</b>", "<strong>", "<em>", "<i>", "<br", "<p>",
    "&amp;", "*italic*", "<code>",
];

fn assert_no_literal_markup(what: &str, text: &str) {
    for marker in LITERAL_MARKUP {
        assert!(!text.contains(marker), "{what}: `{marker}` printed\n{text}");
    }
}

#[test]
fn no_markdown_or_html_from_a_source_reaches_a_page() {
    for (name, resume) in formatted() {
        for theme in Theme::ALL {
            let pdf = pdf(&resume, theme, &name);
            let text = pdftotext(&pdf);
            assert_no_literal_markup(&format!("{name} in {theme}"), &text);
            if name.starts_with("jsonresume") {
                assert_says(
                    &format!("{name} in {theme}"),
                    &text,
                    &["Designer at Studio Nine.", "research & prototyping", "18%"],
                );
            } else if name.contains("John_Doe") {
                assert_says(
                    &format!("{name} in {theme}"),
                    &text,
                    &["This is bold, italic, and link.", "FlashInfer"],
                );
            }
        }
    }
}

#[test]
fn every_text_format_writes_the_sources_formatting_in_its_own_syntax() {
    let resume = load("jsonresume/html-summaries.json");
    let text = |format| text_of(&resume, format);
    let md = text(OutputFormat::Md);
    for expected in [
        "[Studio Nine](https://studio.example.com)",
        "**research**",
        "*prototyping*",
        "**18%**",
        "`tokens.json`",
    ] {
        assert!(md.contains(expected), "Markdown lacks `{expected}`:\n{md}");
    }
    let html = text(OutputFormat::Html);
    for expected in [
        "<a href=\"https://studio.example.com\">Studio Nine</a>",
        "<strong>research</strong> &amp; <em>prototyping</em>",
        "<code>tokens.json</code>",
    ] {
        assert!(html.contains(expected), "HTML lacks `{expected}`:\n{html}");
    }
    let tex = text(OutputFormat::Tex);
    for expected in [
        "\\href{https://studio.example.com}{Studio Nine}",
        "\\textbf{research}",
        "\\emph{prototyping}",
        "\\texttt{tokens.json}",
    ] {
        assert!(tex.contains(expected), "LaTeX lacks `{expected}`:\n{tex}");
    }
    let txt = text(OutputFormat::Txt);
    assert!(
        txt.contains("Studio Nine (https://studio.example.com)"),
        "{txt}"
    );
    assert_no_literal_markup("txt", &txt);
    // The summary's two paragraphs stay two.
    assert!(
        txt.contains("Owns the design system.\nMentors 4 designers."),
        "{txt}"
    );
}

#[test]
fn every_theme_keeps_the_authors_section_order_and_titles() {
    let resume = shared("rendercv/John_Doe_ClassicTheme_CV.yaml");
    let headings = [
        "Welcome to RenderCV",
        "Education",
        "Experience",
        "Projects",
        "Publications",
        "Selected Honors",
        "Skills",
        "Patents",
        "Invited Talks",
    ];
    for theme in Theme::ALL {
        let text = folded(&pdftotext(&pdf(&resume, theme, "John Doe"))).to_lowercase();
        // The sidebar theme sets the skills beside the main column; the main column keeps the
        // author's order.
        let expected = headings
            .iter()
            .filter(|h| theme != Theme::Sidebar || **h != "Skills");
        let mut from = 0;
        for heading in expected {
            let needle = heading.to_lowercase();
            let at = text[from..]
                .find(&needle)
                .unwrap_or_else(|| panic!("{theme}: `{heading}` missing or out of order\n{text}"));
            from += at + needle.len();
        }
        assert!(
            !text.contains("awards"),
            "{theme}: our heading replaced the author's"
        );
    }
}

#[test]
fn rendercv_sub_bullets_are_nested_lists_in_every_format() {
    let resume = shared("rendercv/John_Doe_ClassicTheme_CV.yaml");
    let text = |format| text_of(&resume, format);
    let md = text(OutputFormat::Md);
    assert!(
        md.contains("- Published research at top-tier venues with significant academic impact\n  - ICML 2022 main conference paper, cited 340+ times within two years\n  - NeurIPS 2022"),
        "{md}"
    );
    let html = text(OutputFormat::Html);
    assert!(
        html.contains("significant academic impact\n<ul>\n<li>ICML 2022 main conference paper"),
        "{html}"
    );
    let tex = text(OutputFormat::Tex);
    assert!(
        tex.contains("academic impact\n\\begin{vitaeitems}\n\\item ICML 2022"),
        "{tex}"
    );
    let txt = text(OutputFormat::Txt);
    assert!(
        txt.contains("\n    - ICML 2022 main conference paper"),
        "{txt}"
    );
    for theme in Theme::ALL {
        let layer = folded(&pdftotext(&pdf(&resume, theme, "John Doe")));
        assert!(layer.contains("ICML 2022 main conference paper"), "{theme}");
        assert!(!layer.contains("impact - ICML"), "{theme}: joined\n{layer}");
    }
}
