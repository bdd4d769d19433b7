//! PDFs made by other producers than vitae's Typst engine, read back: the project's resumes as
//! LaTeX compiled by pdflatex (Type 1 fonts, TeX's own layout) and as DOCX converted to PDF by
//! LibreOffice (a word processor's layout and fonts), made here with the real tools (CI installs
//! TeX Live and LibreOffice Writer). Field-level F1 per producer, as the README reports it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use vitae_core::model::Resume;
use vitae_render::{OutputFormat, RenderOptions, Rendered, TextFormat, render, render_text};

fn load(path: &Path) -> Resume {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("cannot read {} (set VITAE_FIXTURES): {e}", path.display()));
    vitae_core::load(&bytes, None, &Default::default())
        .unwrap_or_else(|e| panic!("cannot load {}: {e}", path.display()))
        .resume
}

fn resumes() -> Vec<(&'static str, Resume)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = std::env::var_os("VITAE_FIXTURES")
        .map_or_else(|| root.join("../../../shared/fixtures"), PathBuf::from);
    let example = load(&root.join("../../examples/resume.yaml"));
    let base = vitae_core::variant::default_name(&example);
    vec![
        (
            "example",
            vitae_core::variant::apply(&example, &base).unwrap(),
        ),
        (
            "sample",
            load(&fixtures.join("jsonresume/sample.resume.json")),
        ),
        (
            "senior-engineer",
            load(&fixtures.join("jsonresume/senior-engineer.resume.json")),
        ),
    ]
}

/// Runs a program to completion within `limit`, or fails the test.
fn run(mut command: Command, limit: Duration, what: &str) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {what} ({e}): CI installs it (see .ci/run)"));
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pdflatex(dir: &Path, resume: &Resume) -> Vec<u8> {
    let tex = render_text(resume, TextFormat::Latex, &RenderOptions::default());
    std::fs::write(dir.join("resume.tex"), tex).unwrap();
    let mut c = Command::new("pdflatex");
    c.args([
        "-interaction=nonstopmode",
        "-no-shell-escape",
        "-halt-on-error",
        "resume.tex",
    ])
    .current_dir(dir);
    run(c, Duration::from_secs(120), "pdflatex");
    std::fs::read(dir.join("resume.pdf")).unwrap()
}

fn libreoffice(dir: &Path, resume: &Resume) -> Vec<u8> {
    let Rendered::One(docx) = render(
        resume,
        OutputFormat::Docx,
        &RenderOptions::default(),
        &Default::default(),
        150.0,
    )
    .unwrap() else {
        panic!("a DOCX is one file")
    };
    std::fs::write(dir.join("resume.docx"), docx).unwrap();
    let mut c = Command::new("soffice");
    c.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
    ])
    .arg(dir)
    .arg(dir.join("resume.docx"));
    run(c, Duration::from_secs(180), "LibreOffice (soffice)");
    std::fs::read(dir.join("resume.pdf")).unwrap()
}

fn check(producer: &str, make: fn(&Path, &Resume) -> Vec<u8>, bar: f64) {
    let mut lines = Vec::new();
    let mut sum = 0.0;
    let mut worst: f64 = 1.0;
    let all = resumes();
    for (name, resume) in &all {
        let dir = tempfile::tempdir().unwrap();
        let pdf = make(dir.path(), resume);
        let imported =
            vitae_import::import(&pdf).unwrap_or_else(|e| panic!("{producer}, {name}: {e}"));
        let (f1, line) = common::scored(&format!("{producer} {name}:"), resume, &imported.resume);
        sum += f1;
        worst = worst.min(f1);
        lines.push(line);
    }
    let mean = sum / all.len() as f64;
    println!("{}\n{producer}: mean F1 {mean:.3}", lines.join("\n"));
    assert!(
        worst >= bar,
        "{producer}: worst F1 {worst:.3}, mean {mean:.3}\n{}",
        lines.join("\n")
    );
}

#[test]
fn pdflatex_pdfs_read_back() {
    check("pdflatex", pdflatex, 0.85);
}

#[test]
fn libreoffice_pdfs_read_back() {
    check("LibreOffice", libreoffice, 0.85);
}
