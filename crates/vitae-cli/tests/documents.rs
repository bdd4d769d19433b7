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
    assert!(
        typ.contains("#let vt-data = json(bytes(") && typ.ends_with("#render(vt-data)\n"),
        "{typ}"
    );
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

/// The example with `extra` appended (a `design:` block, or contact lines).
fn example_with(dir: &std::path::Path, name: &str, contact: &str, extra: &str) -> String {
    let text = std::fs::read_to_string(common::example()).unwrap();
    let text = text.replacen("contact:\n", &format!("contact:\n{contact}"), 1);
    let path = dir.join(name);
    std::fs::write(&path, format!("{text}\n{extra}")).unwrap();
    path.display().to_string()
}

fn generate(dir: &std::path::Path, source: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "generate",
        source,
        "-f",
        "pdf",
        "-o",
        "r.pdf",
        "--date",
        "2026-12-05",
    ];
    args.extend_from_slice(extra);
    vitae(dir, &args)
}

#[test]
fn the_sources_design_is_used_and_a_flag_goes_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let source = example_with(
        dir.path(),
        "designed.yaml",
        "",
        "design:\n  theme: modern\n  dates: long\n  last_updated: true\n  page_numbers: false\n",
    );
    let o = generate(dir.path(), &source, &[]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = pdftotext(&dir.path().join("r.pdf"));
    assert!(text.contains("March 2022"), "long dates: {text}");
    assert!(text.contains("Last updated in"), "{text}");
    assert!(!text.contains("1 / 2"), "no page numbers: {text}");
    let designed = std::fs::read(dir.path().join("r.pdf")).unwrap();
    // The same look asked for by flags on the plain example: the same bytes.
    let o = generate(
        dir.path(),
        &example(),
        &[
            "--theme",
            "modern",
            "--dates",
            "long",
            "--last-updated",
            "true",
            "--page-numbers",
            "false",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(std::fs::read(dir.path().join("r.pdf")).unwrap(), designed);
    // A flag goes over the source.
    let o = generate(dir.path(), &source, &["--dates", "numeric"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = pdftotext(&dir.path().join("r.pdf"));
    assert!(
        text.contains("03/2022") && !text.contains("March 2022"),
        "{text}"
    );
    // A bad value in the source stops the render at its line.
    let bad = example_with(dir.path(), "bad.yaml", "", "design:\n  theme: fancy\n");
    let o = generate(dir.path(), &bad, &[]);
    assert_eq!(common::code(&o), 1, "{}", common::stderr(&o));
    let err = common::stderr(&o);
    assert!(
        err.contains("design.theme") && err.contains("unknown theme `fancy`"),
        "{err}"
    );
}

/// A real PNG: the first page of the example, rendered small by vitae itself.
fn photo_png(dir: &std::path::Path, name: &str) {
    let o = vitae(
        dir,
        &[
            "generate",
            &example(),
            "-f",
            "png",
            "--dpi",
            "12",
            "-o",
            "p.png",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    let first = ["p.png", "p-1.png"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.exists())
        .unwrap();
    std::fs::rename(first, dir.join(name)).unwrap();
}

fn images(pdf: &std::path::Path) -> usize {
    let out = Command::new("pdfimages")
        .args(["-list", &pdf.display().to_string()])
        .output()
        .expect("pdfimages (poppler-utils) runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        // Each picture, not its transparency mask (`smask`), which is listed too.
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count()
}

#[test]
fn a_photo_beside_the_source_is_shown_and_nothing_outside_its_folder_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let cv = dir.path().join("cv");
    std::fs::create_dir(&cv).unwrap();
    photo_png(&cv, "me.png");
    let source = example_with(&cv, "photo.yaml", "  image: me.png\n", "");
    let o = generate(&cv, &source, &["--theme", "modern"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(images(&cv.join("r.pdf")), 1);
    let o = generate(&cv, &source, &["--theme", "modern", "--photo", "false"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(images(&cv.join("r.pdf")), 0);
    // Turned off in the source, on by the flag: the flag wins.
    let off = example_with(
        &cv,
        "off.yaml",
        "  image: me.png\n",
        "design:\n  photo: false\n",
    );
    let o = generate(&cv, &off, &["--theme", "modern"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(images(&cv.join("r.pdf")), 0);
    let o = generate(&cv, &off, &["--theme", "modern", "--photo", "true"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert_eq!(images(&cv.join("r.pdf")), 1);
    // A theme with no room for a photo does not read it: a missing one is no error there.
    let missing = example_with(&cv, "missing.yaml", "  image: gone.png\n", "");
    let o = generate(&cv, &missing, &["--theme", "compact"]);
    assert!(o.status.success(), "{}", common::stderr(&o));

    // Outside the source's folder: refused, whether by `..`, an absolute path or a link.
    photo_png(dir.path(), "outside.png");
    let outside = dir.path().join("outside.png").display().to_string();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("outside.png"), cv.join("link.png")).unwrap();
    for image in ["../outside.png", outside.as_str(), "link.png"] {
        let source = example_with(&cv, "out.yaml", &format!("  image: '{image}'\n"), "");
        let o = generate(&cv, &source, &["--theme", "modern"]);
        assert_eq!(common::code(&o), 2, "{image}: {}", common::stderr(&o));
        assert!(
            common::stderr(&o).contains("outside the folder"),
            "{image}: {}",
            common::stderr(&o)
        );
    }
    // Missing, or not an image: said, with the name.
    std::fs::write(cv.join("notes.png"), "not a picture").unwrap();
    for (image, why) in [
        ("gone.png", "cannot read the photo `gone.png`"),
        ("notes.png", "not a PNG or JPEG image"),
    ] {
        let source = example_with(&cv, "bad.yaml", &format!("  image: {image}\n"), "");
        let o = generate(&cv, &source, &["--theme", "modern"]);
        assert_eq!(common::code(&o), 2, "{image}");
        assert!(
            common::stderr(&o).contains(why),
            "{image}: {}",
            common::stderr(&o)
        );
    }
    // An address on the network is never fetched; the document is made without it.
    let source = example_with(&cv, "web.yaml", "  image: https://example.com/me.png\n", "");
    let o = generate(&cv, &source, &["--theme", "modern"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(common::stderr(&o).contains("reads nothing from the network"));
    assert_eq!(images(&cv.join("r.pdf")), 0);
    // Text formats show no photo and read none.
    let source = example_with(&cv, "md.yaml", "  image: gone.png\n", "");
    let o = vitae(&cv, &["generate", &source, "-f", "md", "-o", "-"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
}

#[test]
fn themes_new_writes_a_starter_theme_that_generate_uses() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(dir.path(), &["themes", "--new", "mine"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let starter = std::fs::read_to_string(dir.path().join("mine.typ")).unwrap();
    assert!(starter.contains("#let render(resume)") && starter.contains("#let render-letter("));
    // Never over a file that is there.
    let o = vitae(dir.path(), &["themes", "--new", "mine"]);
    assert_eq!(common::code(&o), 2);
    assert!(
        common::stderr(&o).contains("mine.typ"),
        "{}",
        common::stderr(&o)
    );
    std::fs::write(
        dir.path().join("mine.typ"),
        starter.replace("smallcaps(vt-text(title))", "upper(vt-text(title))"),
    )
    .unwrap();
    let o = generate(dir.path(), &example(), &["--theme-file", "mine.typ"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = pdftotext(&dir.path().join("r.pdf"));
    assert!(
        text.contains("EXPERIENCE") && text.contains("Maya Okafor"),
        "{text}"
    );
    // A mistake in it is reported at its line.
    std::fs::write(
        dir.path().join("bad.typ"),
        "#let render(resume) = {\n  nope\n}\n#let render-letter(letter) = []\n",
    )
    .unwrap();
    let o = generate(dir.path(), &example(), &["--theme-file", "bad.typ"]);
    assert_eq!(common::code(&o), 2);
    assert!(
        common::stderr(&o).contains("bad.typ:2:3: unknown variable: nope"),
        "{}",
        common::stderr(&o)
    );
}

#[test]
fn generate_writes_a_document_from_a_template_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cv.html.j2"),
        "<h1>{{ resume.basics.name }}</h1>\n<h2>{{ heading(\"experience\") }}</h2>\n\
         {% for job in resume.experience %}<p>{{ job.company }}, {{ dates(job.start, job.end) }}</p>\n{% endfor %}",
    )
    .unwrap();
    let o = vitae(
        dir.path(),
        &[
            "generate",
            &example(),
            "--template",
            "cv.html.j2",
            "--locale",
            "fr",
            "--out-dir",
            "out",
        ],
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    // The default name takes the template's output extension.
    let written: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        written.len() == 1 && written[0].ends_with(".html"),
        "{written:?}"
    );
    let html = std::fs::read_to_string(dir.path().join("out").join(&written[0])).unwrap();
    assert!(html.contains("<h1>Maya Okafor</h1>"), "{html}");
    assert!(
        html.contains("Expérience") && html.contains("Lumen Freight, mars 2022 – "),
        "{html}"
    );
    // A template and a format at once: refused.
    let o = vitae(
        dir.path(),
        &[
            "generate",
            &example(),
            "--template",
            "cv.html.j2",
            "-f",
            "md",
        ],
    );
    assert_eq!(common::code(&o), 2);
    // A mistake in the template is reported at its line.
    std::fs::write(dir.path().join("bad.txt"), "ok\n{{ resume | nope }}\n").unwrap();
    let o = vitae(
        dir.path(),
        &["generate", &example(), "--template", "bad.txt", "-o", "-"],
    );
    assert_eq!(common::code(&o), 2);
    assert!(
        common::stderr(&o).contains("bad.txt:2: filter nope is unknown"),
        "{}",
        common::stderr(&o)
    );
}

#[test]
fn import_reads_a_pdf_back_into_a_source_that_validates_and_init_starts_from_one() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &[
            "generate",
            &example(),
            "-f",
            "pdf",
            "--theme",
            "modern",
            "-o",
            "r.pdf",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = vitae(dir.path(), &["import", "r.pdf", "-o", "back.yaml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = String::from_utf8_lossy(&o.stderr);
    assert!(summary.contains("read r.pdf as PDF"), "{summary}");
    let back = std::fs::read_to_string(dir.path().join("back.yaml")).unwrap();
    for needle in [
        "name: Maya Okafor",
        "email: maya.okafor@example.com",
        "company: Lumen Freight",
        "Designed the shipment-tracking API in Go",
    ] {
        assert!(back.contains(needle), "`{needle}` not in:\n{back}");
    }
    let o = vitae(dir.path(), &["validate", "back.yaml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // JSON Resume on standard output.
    let o = vitae(dir.path(), &["import", "r.pdf", "--to", "json-resume"]);
    assert!(o.status.success());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["basics"]["name"], "Maya Okafor");
    // init --from writes the imported source, and refuses to overwrite without --force.
    let o = vitae(dir.path(), &["init", "mine.yaml", "--from", "r.pdf"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mine = std::fs::read_to_string(dir.path().join("mine.yaml")).unwrap();
    assert!(mine.contains("Lumen Freight"), "{mine}");
    let o = vitae(dir.path(), &["init", "mine.yaml", "--from", "r.pdf"]);
    assert!(!o.status.success());
    // A file that is no resume document: a clear error naming it, exit 2.
    std::fs::write(dir.path().join("photo.bin"), [0u8, 1, 2, 3, 159, 146]).unwrap();
    let o = vitae(dir.path(), &["import", "photo.bin"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("photo.bin") && err.contains("PDF"), "{err}");
}

#[test]
fn import_reads_a_linkedin_export_folder() {
    let folder = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vitae-import/tests/fixtures/linkedin");
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &["import", &folder.display().to_string(), "-o", "in.yaml"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("LinkedIn data export"));
    let source = std::fs::read_to_string(dir.path().join("in.yaml")).unwrap();
    assert!(
        source.contains("Built a Kafka-to-Iceberg pipeline"),
        "{source}"
    );
    let o = vitae(dir.path(), &["validate", "in.yaml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn import_into_adds_what_is_new_keeps_yours_and_the_previous_file() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &["generate", &example(), "-f", "pdf", "-o", "r.pdf"],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // A source of the user's: a name, another phone, one job of their own.
    let mine = "contact:\n  name: Maya Okafor\n  phone: \"+1 512 555 9999\"\n\
                experience:\n  - company: Corner Café\n    title: Barista\n    start_date: 2005-06\n    end_date: 2006-08\n";
    std::fs::write(dir.path().join("mine.yaml"), mine).unwrap();
    let o = vitae(dir.path(), &["import", "r.pdf", "--into", "mine.yaml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("basics.phone"), "{said}");
    assert!(said.contains("yours kept"), "{said}");
    let merged = std::fs::read_to_string(dir.path().join("mine.yaml")).unwrap();
    assert!(
        merged.contains("Corner Café") && merged.contains("Lumen Freight"),
        "{merged}"
    );
    assert!(merged.contains("+1 512 555 9999"), "{merged}");
    assert!(merged.contains("maya.okafor@example.com"), "{merged}");
    // The previous text is kept beside it, byte for byte.
    let orig = std::fs::read_to_string(dir.path().join("mine.yaml.orig")).unwrap();
    assert_eq!(orig, mine);
    let o = vitae(dir.path(), &["validate", "mine.yaml"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}
