//! Round trip: the project's resumes rendered by vitae in every theme, read back by the importer,
//! give the same resume: field-level F1 over names, contact, employers, titles, dates, schools,
//! degrees, bullets and skills (`vitae_import::eval`).

mod common;

use common::{assert_valid, scored};
use std::path::PathBuf;
use vitae_core::model::Resume;
use vitae_render::{RenderOptions, Theme, TypesetOptions, render_pdf};

fn load(path: &PathBuf) -> Resume {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("cannot read {} (set VITAE_FIXTURES): {e}", path.display()));
    vitae_core::load(&bytes, None, &Default::default())
        .unwrap_or_else(|e| panic!("cannot load {}: {e}", path.display()))
        .resume
}

fn resumes() -> Vec<(String, Resume)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = std::env::var_os("VITAE_FIXTURES")
        .map_or_else(|| root.join("../../../shared/fixtures"), PathBuf::from);
    let example = load(&root.join("../../examples/resume.yaml"));
    let base = vitae_core::variant::default_name(&example);
    let example = vitae_core::variant::apply(&example, &base).unwrap();
    vec![
        ("example".into(), example),
        (
            "sample".into(),
            load(&fixtures.join("jsonresume/sample.resume.json")),
        ),
        (
            "senior-engineer".into(),
            load(&fixtures.join("jsonresume/senior-engineer.resume.json")),
        ),
        (
            "john-doe".into(),
            load(&fixtures.join("rendercv/John_Doe_ClassicTheme_CV.yaml")),
        ),
    ]
}

#[test]
fn every_themes_pdf_reads_back_as_the_same_resume() {
    let mut report = Vec::new();
    let mut total = (0.0, 0);
    let mut worst: f64 = 1.0;
    for (name, resume) in resumes() {
        for theme in Theme::ALL {
            let mut options = TypesetOptions::default();
            options.theme = Some(theme);
            let pdf = render_pdf(&resume, &RenderOptions::default(), &options).unwrap();
            let imported = vitae_import::import(&pdf).unwrap();
            let (f1, line) = scored(
                &format!("{name:>16} {theme:<12}"),
                &resume,
                &imported.resume,
            );
            total.0 += f1;
            total.1 += 1;
            worst = worst.min(f1);
            report.push(line);
            assert_valid(&imported.resume, &format!("{name} in {theme}"));
        }
    }
    let mean = total.0 / f64::from(total.1);
    println!("{}\nmean F1 {mean:.3}", report.join("\n"));
    // The bar: every render reads back at F1 0.95 or more.
    assert!(worst >= 0.95, "worst F1 {worst:.3}\n{}", report.join("\n"));
}

#[test]
fn vitaes_markdown_and_text_read_back_as_the_same_resume() {
    use vitae_render::{TextFormat, render_text};
    let mut report = Vec::new();
    let mut worst: f64 = 1.0;
    for (name, resume) in resumes() {
        for format in [TextFormat::Markdown, TextFormat::Text] {
            let text = render_text(&resume, format, &RenderOptions::default());
            let imported = vitae_import::import(text.as_bytes()).unwrap();
            assert_eq!(imported.kind, vitae_import::Kind::Text);
            let (f1, line) = scored(&format!("{name:>16} {format:?}"), &resume, &imported.resume);
            worst = worst.min(f1);
            report.push(line);
        }
    }
    println!("{}", report.join("\n"));
    assert!(worst >= 0.95, "worst F1 {worst:.3}\n{}", report.join("\n"));
}

#[test]
fn vitaes_docx_reads_back_as_the_same_resume() {
    use vitae_render::{OutputFormat, Rendered, render};
    let mut report = Vec::new();
    let mut worst: f64 = 1.0;
    for (name, resume) in resumes() {
        let Rendered::One(docx) = render(
            &resume,
            OutputFormat::Docx,
            &RenderOptions::default(),
            &TypesetOptions::default(),
            150.0,
        )
        .unwrap() else {
            panic!("a DOCX is one file")
        };
        let imported = vitae_import::import(&docx).unwrap();
        assert_eq!(imported.kind, vitae_import::Kind::Docx);
        let (f1, line) = scored(&format!("{name:>16} DOCX"), &resume, &imported.resume);
        worst = worst.min(f1);
        report.push(line);
    }
    println!("{}", report.join("\n"));
    assert!(worst >= 0.95, "worst F1 {worst:.3}\n{}", report.join("\n"));
}
