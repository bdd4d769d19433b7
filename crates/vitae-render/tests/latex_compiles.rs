//! The LaTeX output compiles with the real pdflatex (and lualatex), without shell escape, for a
//! realistic resume, an empty one, and one whose every field is hostile (TeX commands, unbalanced
//! braces, CJK, emoji, Arabic).
//!
//! Needs Debian's texlive-latex-base (pdflatex, lualatex), texlive-latex-recommended,
//! texlive-fonts-recommended, and poppler-utils (pdftotext) to read the PDF back; CI installs them.
//! Without them these tests fail: a LaTeX renderer that was never compiled is not tested.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};
use vitae_core::model::Resume;
use vitae_render::{RenderOptions, Section, TextFormat, render_text};

/// A fresh directory under the system temp dir, removed when dropped (kept if the test fails, so
/// the .tex and .log can be read).
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!(
            "vitae-render-{label}-{}-{nanos}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[derive(Clone, Copy)]
enum Engine {
    Pdflatex,
    Lualatex,
}

impl Engine {
    fn program(self) -> &'static str {
        match self {
            Engine::Pdflatex => "pdflatex",
            Engine::Lualatex => "lualatex",
        }
    }

    fn version(self) -> String {
        match Command::new(self.program()).arg("--version").output() {
            Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned(),
            _ => panic!(
                "{} is not installed, so the LaTeX renderer cannot be checked. Install TeX Live \
                 with `apt-get install texlive-latex-base texlive-latex-recommended \
                 texlive-fonts-recommended` (CI does).",
                self.program()
            ),
        }
    }
}

fn check_compiles(engine: Engine, name: &str, resume: &Resume) {
    let dir = TempDir::new(name);
    compile(engine, &dir, name, resume);
}

/// Writes the resume's LaTeX into `dir`, compiles it like a user would (no shell escape, stop at the
/// first error) and returns the PDF's path; fails with the end of the log when there is no PDF.
fn compile(engine: Engine, dir: &TempDir, name: &str, resume: &Resume) -> PathBuf {
    compile_with(engine, dir, name, resume, &RenderOptions::default())
}

fn compile_with(
    engine: Engine,
    dir: &TempDir,
    name: &str,
    resume: &Resume,
    options: &RenderOptions,
) -> PathBuf {
    let version = engine.version();
    let tex = render_text(resume, TextFormat::Latex, options);
    let tex_path = dir.0.join(format!("{name}.tex"));
    std::fs::write(&tex_path, &tex).expect("write .tex");
    let out = Command::new(engine.program())
        .args([
            "-no-shell-escape",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-file-line-error",
        ])
        .arg(&tex_path)
        .current_dir(&dir.0)
        .output()
        .unwrap_or_else(|e| panic!("run {}: {e}", engine.program()));
    let pdf = dir.0.join(format!("{name}.pdf"));
    assert!(
        out.status.success() && is_pdf(&pdf),
        "{version} failed on {} ({}):\n{}",
        tex_path.display(),
        out.status,
        tail(&String::from_utf8_lossy(&out.stdout), 40),
    );
    pdf
}

/// The text of a PDF, as poppler's pdftotext reads it.
fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "pdftotext is not installed ({e}); install it with \
                 `apt-get install poppler-utils` (CI does)"
            )
        });
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn without_whitespace(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_pdf(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes.starts_with(b"%PDF-") && bytes.len() > 1000)
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[test]
fn a_realistic_resume_compiles_with_pdflatex() {
    check_compiles(Engine::Pdflatex, "realistic", &fixtures::realistic());
}

#[test]
fn a_hostile_resume_compiles_with_pdflatex_and_prints_every_string_literally() {
    let dir = TempDir::new("hostile");
    let pdf = compile(Engine::Pdflatex, &dir, "hostile", &fixtures::hostile());
    // Line breaks may fall at any space or after a hyphen, so whitespace is ignored.
    let printed = without_whitespace(&pdf_text(&pdf));
    for s in fixtures::HOSTILE {
        let expected = match *s {
            // pdfTeX has no glyphs for CJK, emoji or Arabic: each prints as the visible fallback.
            "Zoë Ñúñez 李雷 😀 مرحبا" => "Zoë Ñúñez ?? ? ?????".to_owned(),
            // LaTeX prints the apostrophe typographically; control characters are dropped.
            s => s.replace('\'', "’").replace(['\u{0}', '\u{7}'], ""),
        };
        assert!(
            printed.contains(&without_whitespace(&expected)),
            "the PDF does not show {s:?}"
        );
    }
}

#[test]
fn an_empty_resume_still_compiles_to_a_pdf() {
    check_compiles(Engine::Pdflatex, "empty", &Resume::default());
}

#[test]
fn a_hostile_resume_compiles_with_lualatex() {
    // The preamble's non-pdfTeX branch: Unicode fonts, or T1 where luaotfload is missing.
    check_compiles(Engine::Lualatex, "hostile-lua", &fixtures::hostile());
}

#[test]
fn every_locale_compiles_with_pdflatex_and_latin_scripts_print_their_words() {
    // pdfTeX's T1 fonts have every letter of these languages' headings and months. The others
    // (other scripts, and Vietnamese's stacked accents) need XeTeX or LuaTeX for their words, and
    // under pdfTeX print `?` for them, but still compile.
    let latin = [
        "en", "da", "de", "es", "fr", "hu", "id", "it", "nb", "nl", "nn", "pt", "tr",
    ];
    let resume = fixtures::realistic();
    for locale in vitae_render::locales() {
        let code = locale.code;
        let mut options = RenderOptions::default();
        options.locale = locale;
        let dir = TempDir::new(&format!("locale-{code}"));
        let pdf = compile_with(Engine::Pdflatex, &dir, code, &resume, &options);
        if !latin.contains(&code) {
            continue;
        }
        let printed = without_whitespace(&pdf_text(&pdf));
        for kind in [Section::Experience, Section::Education, Section::Skills] {
            let title = without_whitespace(locale.section_title(kind));
            assert!(
                printed.contains(&title),
                "{code}: the PDF does not show {title:?}"
            );
        }
        assert!(
            !printed.contains('?'),
            "{code}: a word printed as the fallback"
        );
    }
}
