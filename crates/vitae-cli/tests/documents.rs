//! The real `vitae` binary producing PDF, PNG, DOCX and Typst documents, previews and watch mode.

mod common;

use common::{pdftotext, vitae};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn example() -> String {
    common::example().display().to_string()
}

#[test]
fn generate_writes_a_pdf_whose_text_layer_holds_the_resume() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &[
            "generate",
            &example(),
            "-v",
            "backend",
            "-f",
            "pdf",
            "--theme",
            "modern",
            "--page",
            "letter",
            "-o",
            "r.pdf",
            "--date",
            "2026-11-26",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = pdftotext(&dir.path().join("r.pdf"));
    for needle in [
        "Maya Okafor",
        "maya.okafor@example.com",
        "Designed the shipment-tracking API in Go serving 40,000 requests per second",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }
    // Same input, same date: byte-identical.
    let o = vitae(
        dir.path(),
        &[
            "generate",
            &example(),
            "-v",
            "backend",
            "-f",
            "pdf",
            "--theme",
            "modern",
            "--page",
            "letter",
            "-o",
            "again.pdf",
            "--date",
            "2026-11-26",
        ],
    );
    assert!(o.status.success());
    assert_eq!(
        std::fs::read(dir.path().join("r.pdf")).unwrap(),
        std::fs::read(dir.path().join("again.pdf")).unwrap()
    );
}

#[test]
fn generate_localizes_headings() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &[
            "generate",
            &example(),
            "-f",
            "pdf",
            "--locale",
            "de",
            "-o",
            "de.pdf",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(pdftotext(&dir.path().join("de.pdf")).contains("Berufserfahrung"));
    let bad = vitae(
        dir.path(),
        &["generate", &example(), "--locale", "xx", "-o", "x.pdf"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown locale `xx`"));
}

#[test]
fn png_docx_and_typ_outputs_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &[
            "generate",
            &example(),
            "-v",
            "base",
            "-f",
            "png",
            "--dpi",
            "40",
            "-o",
            "page.png",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = std::fs::read(dir.path().join("page-1.png")).unwrap();
    assert!(first.starts_with(b"\x89PNG"));
    let o = vitae(
        dir.path(),
        &["generate", &example(), "-f", "docx", "-o", "r.docx"],
    );
    assert!(o.status.success());
    assert!(
        std::fs::read(dir.path().join("r.docx"))
            .unwrap()
            .starts_with(b"PK")
    );
    let o = vitae(
        dir.path(),
        &["generate", &example(), "-f", "typ", "-o", "-"],
    );
    assert!(o.status.success());
    let typ = String::from_utf8_lossy(&o.stdout);
    assert!(typ.contains("#render(json(bytes("), "{typ}");
    // Multi-page PNG cannot go to stdout.
    let o = vitae(
        dir.path(),
        &[
            "generate",
            &example(),
            "-v",
            "base",
            "-f",
            "png",
            "--dpi",
            "20",
            "-o",
            "-",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("pages"));
}

#[test]
fn themes_lists_and_previews_every_theme() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(dir.path(), &["themes", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 6);
    let o = vitae(
        dir.path(),
        &["themes", "--preview", "preview", "--dpi", "30"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for theme in [
        "classic",
        "modern",
        "compact",
        "sidebar",
        "academic",
        "engineering",
    ] {
        assert!(
            dir.path().join(format!("preview/{theme}.png")).exists(),
            "{theme}"
        );
        assert!(
            dir.path().join(format!("preview/{theme}.pdf")).exists(),
            "{theme}"
        );
    }
}

#[test]
fn watch_re_renders_after_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("resume.yaml");
    std::fs::write(
        &src,
        "contact:\n  name: Ada Lovelace\n  email: ada@example.com\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args([
            "watch",
            "resume.yaml",
            "-f",
            "md",
            "-o",
            "out.md",
            "--exit-after",
            "2",
        ])
        .current_dir(dir.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = dir.path().join("out.md");
    let wait_for = |needle: &str| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if std::fs::read_to_string(&out).is_ok_and(|t| t.contains(needle)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    };
    assert!(wait_for("Ada Lovelace"));
    // Modification times can be coarse; the size changes too, which watch also compares.
    std::fs::write(
        &src,
        "contact:\n  name: Grace Hopper\n  email: grace@example.com\n  phone: '+1 555 0100'\n",
    )
    .unwrap();
    assert!(wait_for("Grace Hopper"));
    let status = child.wait().unwrap();
    assert!(status.success());
}
