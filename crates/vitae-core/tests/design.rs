//! The source's `design:` (how its documents look), read from the native format, JSON Resume's
//! `x-vitae.design` and RenderCV's own `design` (RenderCV's example CV from the shared fixtures,
//! and 1.x and 2.x blocks as RenderCV documents them), written back by both writers, and checked
//! where it is read: a bad value is an error at its line, naming what is accepted.

mod common;

use common::fixtures;
use vitae_core::design::{Columns, DateStyle, Design, LinkStyle, Paper, SectionTitles, Theme};
use vitae_core::format::{Format, Loaded, read, to_json_resume, to_native_yaml};
use vitae_core::{Diagnostic, Severity};

const CONTACT: &str = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n";

fn load(text: &str) -> Loaded {
    read(text, None).expect("the document parses")
}

fn problems(loaded: &Loaded, severity: Severity) -> Vec<&Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .collect()
}

fn full_design() -> Design {
    Design {
        theme: Some(Theme::Sidebar),
        paper: Some(Paper::Letter),
        pages: Some(1),
        accent: Some("#1f4e79".into()),
        font: Some("Inter".into()),
        font_size: Some(10.5),
        margin_mm: Some(15.0),
        section_titles: Some(SectionTitles::Bar),
        columns: Some(Columns::Start),
        dates: Some(DateStyle::Long),
        links: Some(LinkStyle::Full),
        page_numbers: Some(false),
        last_updated: Some(true),
        icons: Some(true),
        photo: Some(false),
        ..Design::default()
    }
}

#[test]
fn every_design_choice_is_read_from_the_native_format() {
    let text = format!(
        "{CONTACT}design:\n  theme: sidebar\n  page: letter\n  pages: 1\n  accent: '#1F4E79'\n  \
         font: inter\n  font_size: 10.5\n  margin: 15\n  section_titles: bar\n  columns: left\n  \
         dates: long\n  links: full\n  page_numbers: false\n  last_updated: yes\n  icons: true\n  photo: off\n"
    );
    let loaded = load(&text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.resume.design, full_design());
}

#[test]
fn a_design_survives_both_writers() {
    let mut resume = load(CONTACT).resume;
    resume.design = full_design();
    let native = load(&to_native_yaml(&resume));
    assert_eq!(native.format, Format::Native);
    assert_eq!(native.resume.design, full_design());
    let json = to_json_resume(&resume);
    assert!(json.contains("\"x-vitae\""), "{json}");
    let back = load(&json);
    assert_eq!(back.format, Format::JsonResume);
    assert!(back.diagnostics.is_empty(), "{:?}", back.diagnostics);
    assert_eq!(back.resume.design, full_design());
    // No design, nothing written.
    assert!(!to_native_yaml(&load(CONTACT).resume).contains("design"));
}

#[test]
fn a_bad_design_value_is_an_error_at_its_line_naming_what_is_accepted() {
    let cases = [
        ("theme: fancy", "unknown theme `fancy`", "classic, modern"),
        ("page: a3", "unknown page size `a3`", "a4, letter"),
        ("pages: 0", "whole number of at least 1", ""),
        ("pages: 2.5", "whole number of at least 1", ""),
        ("pages: 40", "40 pages is outside 1–20", ""),
        ("accent: blue", "colour `blue` is not #rrggbb", "#1f4e79"),
        ("font: Comic Sans", "unknown font `Comic Sans`", "Inter"),
        ("font_size: 30", "font size 30 pt is outside 7–14 pt", ""),
        ("margin: 2", "margin 2 mm is outside 5–40 mm", ""),
        (
            "section_titles: wavy",
            "unknown section title style",
            "partial",
        ),
        ("dates: iso", "unknown date style `iso`", "numeric"),
        ("links: tiny", "unknown link style", "full"),
        (
            "columns: middle",
            "unknown entry layout `middle`",
            "inline, end, start",
        ),
        ("page_numbers: maybe", "true or false", ""),
    ];
    for (line, message, names) in cases {
        let text = format!("{CONTACT}design:\n  {line}\n");
        let loaded = load(&text);
        let errors = problems(&loaded, Severity::Error);
        assert_eq!(errors.len(), 1, "{line}: {:?}", loaded.diagnostics);
        let e = errors[0];
        let key = line.split(':').next().unwrap();
        assert_eq!(e.path, format!("design.{key}"), "{line}");
        assert_eq!(e.line, 5, "{line}: {e}");
        assert!(e.message.contains(message), "{line}: {e}");
        assert!(e.message.contains(names), "{line}: {e}");
        assert_eq!(loaded.resume.design, Design::default(), "{line}");
    }
    // A typo of a design key is named, with the key meant.
    let loaded = load(&format!("{CONTACT}design:\n  them: modern\n"));
    let warnings = problems(&loaded, Severity::Warning);
    assert!(
        warnings
            .iter()
            .any(|w| w.hint.as_deref() == Some("did you mean `theme`?")),
        "{:?}",
        loaded.diagnostics
    );
}

#[test]
fn rendercvs_own_example_keeps_its_theme() {
    let path = fixtures().join("rendercv/John_Doe_ClassicTheme_CV.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {} (set VITAE_FIXTURES): {e}", path.display()));
    let loaded = load(&text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(
        loaded.resume.design,
        Design {
            theme: Some(Theme::Classic),
            // RenderCV's classic sets dates and places in a column at the end.
            columns: Some(Columns::End),
            ..Design::default()
        }
    );
    // moderncv sets them in a column at the start.
    let moderncv = load(&format!("{CV}design:\n  theme: moderncv\n"))
        .resume
        .design;
    assert_eq!(
        (moderncv.theme, moderncv.columns),
        (Some(Theme::Modern), Some(Columns::Start))
    );
}

const CV: &str = "cv:\n  name: Ada Lovelace\n  email: ada@example.com\n";

#[test]
fn rendercv_2_design_maps_to_what_vitae_can_set() {
    // As RenderCV 2.x documents its design keys (the example CV lists them all, commented out).
    let text = format!(
        "{CV}design:\n  theme: engineeringresumes\n  page:\n    size: us-letter\n    \
         top_margin: 0.7in\n    left_margin: 2cm\n    show_footer: false\n    show_top_note: true\n  \
         colors:\n    body: rgb(0, 0, 0)\n    name: rgb(0, 79, 144)\n    section_titles: rgb(0, 79, 144)\n  \
         typography:\n    font_family: New Computer Modern\n    font_size:\n      body: 10pt\n  \
         section_titles:\n    type: with_partial_line\n  header:\n    connections:\n      show_icons: true\n  \
         templates:\n    single_date: MONTH_NAME YEAR\n"
    );
    let loaded = load(&text);
    assert_eq!(loaded.format, Format::RenderCv);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(
        loaded.resume.design,
        Design {
            theme: Some(Theme::Engineering),
            columns: Some(Columns::Inline),
            paper: Some(Paper::Letter),
            accent: Some("#004f90".into()),
            font: Some("New Computer Modern".into()),
            font_size: Some(10.0),
            margin_mm: Some(20.0),
            section_titles: Some(SectionTitles::Partial),
            dates: Some(DateStyle::Long),
            page_numbers: Some(false),
            last_updated: Some(true),
            icons: Some(true),
            ..Design::default()
        }
    );
    // A font family given per part: the body's.
    let text = format!(
        "{CV}design:\n  typography:\n    font_family:\n      body: Inter\n      name: Inter\n"
    );
    assert_eq!(load(&text).resume.design.font.as_deref(), Some("Inter"));
}

#[test]
fn rendercv_1_design_maps_too() {
    let text = format!(
        "{CV}design:\n  theme: sb2nov\n  color: '#004f90'\n  font: Libertinus Serif\n  \
         font_size: 11pt\n  page_size: a4paper\n  margins:\n    page:\n      left: 1.5cm\n  \
         disable_page_numbering: true\n  show_last_updated_date: false\n"
    );
    let loaded = load(&text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(
        loaded.resume.design,
        Design {
            theme: Some(Theme::Compact),
            columns: Some(Columns::End),
            paper: Some(Paper::A4),
            accent: Some("#004f90".into()),
            font: Some("Libertinus Serif".into()),
            font_size: Some(11.0),
            margin_mm: Some(15.0),
            page_numbers: Some(false),
            last_updated: Some(false),
            ..Design::default()
        }
    );
}

#[test]
fn rendercv_design_vitae_cannot_honour_is_said_and_left_to_the_theme() {
    // RenderCV's default font is not embedded; a custom theme has no counterpart; a tiny margin
    // and an A5 page cannot be set. Each is a warning at its line, and the rest still applies.
    let text = format!(
        "{CV}design:\n  theme: mytheme\n  page:\n    size: a5\n    left_margin: 0.1cm\n  \
         typography:\n    font_family: Source Sans 3\n  colors:\n    name: rgb(200, 0, 0)\n"
    );
    let loaded = load(&text);
    assert!(
        problems(&loaded, Severity::Error).is_empty(),
        "{:?}",
        loaded.diagnostics
    );
    let warnings = problems(&loaded, Severity::Warning);
    let said = |path: &str, words: &str| {
        assert!(
            warnings
                .iter()
                .any(|w| w.path == path && w.message.contains(words)),
            "{path}: {words}: {warnings:?}"
        );
    };
    said("design.theme", "`mytheme` has no counterpart");
    said("design.page.size", "`a5` is not one vitae sets");
    said("design.page.left_margin", "margin 1 mm is outside 5–40 mm");
    said(
        "design.typography.font_family",
        "`Source Sans 3` is not embedded",
    );
    assert_eq!(warnings.len(), 4, "{warnings:?}");
    assert_eq!(
        loaded.resume.design,
        Design {
            accent: Some("#c80000".into()),
            ..Design::default()
        }
    );
}

/// The one error a source whose photo is `image` gets, which must be at the photo's line.
fn the_photo_error(image: &str) -> Diagnostic {
    let text = format!("{CONTACT}  image: \"{image}\"\n");
    let loaded = vitae_core::load(text.as_bytes(), None, &Default::default()).unwrap();
    let errors = problems(&loaded, Severity::Error);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        (errors[0].path.as_str(), errors[0].line),
        ("contact.image", 4)
    );
    errors[0].clone()
}

#[test]
fn a_photo_in_the_source_is_bounded_as_an_image_not_as_text() {
    // A data URL of some 100 KiB passes: the text limits (10,000 characters a field, 500
    // without a space) do not apply to it. (A one-pixel PNG, and zeros after its end.)
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJgggAA";
    let photo = format!("data:image/png;base64,{png}{}", "A".repeat(100_000));
    let text = format!("{CONTACT}  image: \"{photo}\"\n");
    let loaded = vitae_core::load(text.as_bytes(), None, &Default::default()).unwrap();
    assert!(!loaded.diagnostics.has_errors(), "{:?}", loaded.diagnostics);
    // Over the photo's own limit, it is refused at its line.
    let big = format!(
        "data:image/png;base64,{}",
        "A".repeat(vitae_core::limits::MAX_PHOTO_URL_CHARS)
    );
    assert!(the_photo_error(&big).message.contains("KiB"));
    // A data URL that holds no PNG or JPEG is refused where it is written.
    for (url, why) in [
        (
            "data:image/png;base64,bm90IGFuIGltYWdl",
            "not a PNG or JPEG image",
        ),
        ("data:image/png;base64,%%%", "invalid base64"),
    ] {
        let e = the_photo_error(url);
        assert!(e.message.contains(why), "{url}: {e}");
    }
    // An image that is a file name is text like any other.
    let text = format!("{CONTACT}  image: {}\n", "x".repeat(600));
    let loaded = vitae_core::load(text.as_bytes(), None, &Default::default()).unwrap();
    assert!(loaded.diagnostics.has_errors());
}

#[test]
fn the_native_schema_names_the_same_choices_as_the_reader() {
    let schema: serde_json::Value =
        serde_json::from_str(vitae_core::format::native::SCHEMA).unwrap();
    let design = &schema["properties"]["design"]["properties"];
    let names = |key: &str| -> Vec<String> {
        design[key]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("no enum for {key}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let own = |all: &[&str]| all.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert_eq!(names("theme"), own(&Theme::ALL.map(Theme::name)));
    assert_eq!(names("page"), own(&Paper::ALL.map(Paper::name)));
    assert_eq!(
        names("section_titles"),
        own(&SectionTitles::ALL.map(SectionTitles::name))
    );
    assert_eq!(names("columns"), own(&Columns::ALL.map(Columns::name)));
    assert_eq!(names("dates"), own(&DateStyle::ALL.map(DateStyle::name)));
    assert_eq!(names("links"), own(&LinkStyle::ALL.map(LinkStyle::name)));
    assert_eq!(names("font"), own(vitae_core::design::FONTS));
    let mut keys: Vec<&String> = design.as_object().unwrap().keys().collect();
    keys.sort();
    // The schema names exactly the keys the reader reads.
    let mut known = vitae_core::format::native::DESIGN.to_vec();
    known.sort_unstable();
    assert_eq!(keys, known);
}
