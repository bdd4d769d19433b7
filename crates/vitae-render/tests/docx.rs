//! The DOCX output: Word's own structure (heading styles with outline levels, real bullet lists,
//! hyperlinks with external relationships, no tables), document properties, hostile text escaped
//! into well-formed XML, byte-identical output for the same input, and a real conversion by
//! LibreOffice.
//!
//! The conversion tests need LibreOffice Writer (`soffice`; Debian: `libreoffice-writer-nogui`,
//! with `fonts-crosextra-carlito` for Calibri's metrics) and poppler-utils (`pdftotext`); CI
//! installs them. Without them these tests fail: a Word file no office suite opened is not tested.

#[path = "common/fixtures.rs"]
mod fixtures;

use roxmltree::Node;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use vitae_core::model::{Basics, Profile, Resume};
use vitae_render::{Paper, RenderOptions, render_docx};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PR: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const HYPERLINK_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const CP: &str = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";

fn render(resume: &Resume) -> Vec<u8> {
    render_docx(resume, &RenderOptions::default(), Paper::A4).expect("render docx")
}

/// Every part of the archive, by name, as text (all DOCX parts here are XML).
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("zip entry");
        let mut text = String::new();
        file.read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", file.name()));
        parts.insert(file.name().to_owned(), text);
    }
    parts
}

fn part<'a>(parts: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    parts
        .get(name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", parts.keys()))
}

/// Parses XML, failing the test with the parser's message when it is not well-formed.
fn parse<'a>(name: &str, xml: &'a str) -> roxmltree::Document<'a> {
    roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"))
}

/// A paragraph of `word/document.xml`, as Word would read it.
#[derive(Debug)]
struct Para {
    style: Option<String>,
    text: String,
    /// `(numId, ilvl)` from `w:numPr`.
    list: Option<(String, String)>,
    /// The `r:id` of each `w:hyperlink`, and its text.
    links: Vec<(String, String)>,
}

fn paragraphs(xml: &str) -> Vec<Para> {
    let doc = parse("word/document.xml", xml);
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let ppr = child(p, "pPr");
            let style = ppr
                .and_then(|ppr| child(ppr, "pStyle"))
                .and_then(|s| s.attribute((W, "val")))
                .map(str::to_owned);
            let list = ppr.and_then(|ppr| child(ppr, "numPr")).map(|num| {
                let val = |name| {
                    child(num, name)
                        .and_then(|n| n.attribute((W, "val")))
                        .unwrap_or_default()
                        .to_owned()
                };
                (val("numId"), val("ilvl"))
            });
            let links = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "hyperlink")))
                .map(|h| {
                    let id = h.attribute((R, "id")).unwrap_or_default().to_owned();
                    (id, text_of(h))
                })
                .collect();
            Para {
                style,
                text: text_of(p),
                list,
                links,
            }
        })
        .collect()
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name((W, name)))
}

/// The text Word shows for a node: its `w:t` runs, with `w:tab` as a tab.
fn text_of(node: Node) -> String {
    let mut text = String::new();
    for n in node.descendants() {
        if n.has_tag_name((W, "t")) {
            text.push_str(n.text().unwrap_or_default());
        } else if n.has_tag_name((W, "tab")) && n.parent().is_some_and(|p| p.has_tag_name((W, "r")))
        {
            text.push('\t');
        }
    }
    text
}

fn styled<'a>(paras: &'a [Para], style: &str) -> Vec<&'a str> {
    paras
        .iter()
        .filter(|p| p.style.as_deref() == Some(style))
        .map(|p| p.text.as_str())
        .collect()
}

/// External hyperlink relationships of the main document: id → target.
fn hyperlink_targets(parts: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let xml = part(parts, "word/_rels/document.xml.rels");
    let doc = parse("word/_rels/document.xml.rels", xml);
    doc.descendants()
        .filter(|n| n.has_tag_name((PR, "Relationship")))
        .filter(|n| n.attribute("Type") == Some(HYPERLINK_REL))
        .map(|n| {
            assert_eq!(n.attribute("TargetMode"), Some("External"), "{n:?}");
            (
                n.attribute("Id").unwrap_or_default().to_owned(),
                n.attribute("Target").unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// A style definition of `word/styles.xml`: (name, outline level).
fn style_def(parts: &BTreeMap<String, String>, id: &str) -> (String, Option<String>) {
    let doc = parse("word/styles.xml", part(parts, "word/styles.xml"));
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
        .unwrap_or_else(|| panic!("no style {id} in styles.xml"));
    let name = child(style, "name")
        .and_then(|n| n.attribute((W, "val")))
        .unwrap_or_default()
        .to_owned();
    let outline = child(style, "pPr")
        .and_then(|p| child(p, "outlineLvl"))
        .and_then(|n| n.attribute((W, "val")))
        .map(str::to_owned);
    (name, outline)
}

/// What `layout` makes of user text: whitespace runs become one space, controls disappear.
fn folded(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_name_sections_and_entries_use_word_heading_styles_with_outline_levels() {
    let parts = unzip(&render(&fixtures::realistic()));
    let paras = paragraphs(part(&parts, "word/document.xml"));

    assert_eq!(paras[0].style.as_deref(), Some("Title"));
    assert_eq!(paras[0].text, "Jordan Rivera, PhD");
    assert_eq!(styled(&paras, "Subtitle"), ["Staff Backend Engineer"]);
    assert_eq!(
        styled(&paras, "Heading1"),
        [
            "Summary",
            "Experience",
            "Skills",
            "Projects",
            "Education",
            "Certifications",
            "Publications",
            "Awards",
            "Volunteering",
            "Languages",
            "Interests",
            "Affiliations",
            "References",
            "Talks"
        ]
    );
    let entries = styled(&paras, "Heading2");
    assert_eq!(entries[0], "Staff Backend Engineer — Northwind Logistics");
    assert!(entries.contains(&"PhD in Computer Science — University of Oregon"));
    // Dates sit on the entry's second line, right-aligned by a tab stop, not in a table.
    assert!(
        styled(&paras, "EntryMeta").contains(&"Portland, OR\tMar 2021 – Present"),
        "{:?}",
        styled(&paras, "EntryMeta")
    );

    assert_eq!(style_def(&parts, "Title").0, "Title");
    assert_eq!(
        style_def(&parts, "Heading1"),
        ("heading 1".to_owned(), Some("0".to_owned()))
    );
    assert_eq!(
        style_def(&parts, "Heading2"),
        ("heading 2".to_owned(), Some("1".to_owned()))
    );

    // Section titles are underlined by a paragraph border, not boxed.
    let styles = parse("word/styles.xml", part(&parts, "word/styles.xml"));
    let borders: Vec<&str> = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some("Heading1"))
        .and_then(|s| child(s, "pPr"))
        .and_then(|p| child(p, "pBdr"))
        .map(|b| {
            b.children()
                .filter(|n| n.is_element())
                .map(|n| n.tag_name().name())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(borders, ["bottom"]);
}

#[test]
fn bullets_are_a_real_word_list_not_typed_characters() {
    let parts = unzip(&render(&fixtures::realistic()));
    let paras = paragraphs(part(&parts, "word/document.xml"));

    let bullets: Vec<&Para> = paras.iter().filter(|p| p.list.is_some()).collect();
    assert_eq!(bullets.len(), 9, "{bullets:#?}");
    for b in &bullets {
        assert_eq!(b.style.as_deref(), Some("ListBullet"), "{b:?}");
        assert_eq!(b.list, Some(("2".to_owned(), "0".to_owned())), "{b:?}");
    }
    assert!(
        bullets
            .iter()
            .any(|b| b.text == "Mentored 6 engineers; 3 were promoted to senior.")
    );
    for p in &paras {
        assert!(
            !p.text.starts_with(['•', '-', '*']),
            "a bullet typed as text: {p:?}"
        );
    }

    // numId 2 → abstract numbering 2, whose level 0 is a bullet.
    let numbering = part(&parts, "word/numbering.xml");
    let doc = parse("word/numbering.xml", numbering);
    let num = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "num")) && n.attribute((W, "numId")) == Some("2"))
        .expect("w:num 2");
    let abstract_id = child(num, "abstractNumId")
        .and_then(|n| n.attribute((W, "val")))
        .expect("abstractNumId");
    let abstract_num = doc
        .descendants()
        .find(|n| {
            n.has_tag_name((W, "abstractNum"))
                && n.attribute((W, "abstractNumId")) == Some(abstract_id)
        })
        .expect("the abstract numbering");
    let level = child(abstract_num, "lvl").expect("a level");
    assert_eq!(
        child(level, "numFmt").and_then(|n| n.attribute((W, "val"))),
        Some("bullet")
    );
}

#[test]
fn links_are_hyperlinks_with_external_relationships() {
    let parts = unzip(&render(&fixtures::realistic()));
    let paras = paragraphs(part(&parts, "word/document.xml"));
    let targets = hyperlink_targets(&parts);

    let links: Vec<&(String, String)> = paras.iter().flat_map(|p| &p.links).collect();
    assert!(!links.is_empty());
    for (id, text) in &links {
        assert!(
            targets.contains_key(id),
            "link {text:?} has no relationship {id:?}"
        );
    }
    let by_text = |wanted: &str| {
        links
            .iter()
            .find(|(_, text)| text == wanted)
            .map(|(id, _)| targets[id].as_str())
    };
    assert_eq!(
        by_text("jordan.rivera@example.com"),
        Some("mailto:jordan.rivera@example.com")
    );
    assert_eq!(
        by_text("GitHub: jrivera"),
        Some("https://github.com/jrivera")
    );
    assert_eq!(
        by_text("Northwind Logistics"),
        Some("https://northwind.example.com")
    );
    assert_eq!(by_text("+1 (555) 010-0199"), Some("tel:+15550100199"));
}

#[test]
fn there_are_no_layout_tables() {
    for resume in [fixtures::realistic(), fixtures::hostile()] {
        let parts = unzip(&render(&resume));
        assert!(!part(&parts, "word/document.xml").contains("<w:tbl"));
    }
}

#[test]
fn core_properties_carry_the_title_author_and_subject_but_no_dates() {
    let parts = unzip(&render(&fixtures::realistic()));
    let core = part(&parts, "docProps/core.xml");
    let doc = parse("docProps/core.xml", core);
    let value = |ns: &str, name: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name((ns, name)))
            .and_then(|n| n.text())
            .map(str::to_owned)
    };
    assert_eq!(value(DC, "title").as_deref(), Some("Jordan Rivera"));
    assert_eq!(value(DC, "creator").as_deref(), Some("Jordan Rivera"));
    assert_eq!(
        value(CP, "lastModifiedBy").as_deref(),
        Some("Jordan Rivera")
    );
    assert_eq!(
        value(DC, "subject").as_deref(),
        Some("Staff Backend Engineer")
    );
    // The renderer has no clock: a made-up creation date would be shown as fact.
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
}

#[test]
fn a_resume_without_a_name_is_titled_resume_and_has_no_author() {
    let parts = unzip(&render(&Resume::default()));
    let core = part(&parts, "docProps/core.xml");
    parse("docProps/core.xml", core);
    assert!(core.contains("<dc:title>Resume</dc:title>"), "{core}");
    assert!(!core.contains("dc:creator"), "{core}");
    paragraphs(part(&parts, "word/document.xml"));
}

#[test]
fn hostile_text_is_escaped_and_every_part_is_well_formed() {
    let parts = unzip(&render(&fixtures::hostile()));
    for (name, xml) in &parts {
        parse(name, xml);
    }
    let paras = paragraphs(part(&parts, "word/document.xml"));
    let all: String = paras
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for s in fixtures::HOSTILE {
        let expected = folded(s);
        assert!(all.contains(&expected), "the document lacks {expected:?}");
    }
    let document = part(&parts, "word/document.xml");
    assert!(document.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!document.contains("<script>"));

    // Only safe schemes become links, and a URL full of specials arrives intact (percent-encoded
    // where a URI needs it) through the relationship's attribute.
    let targets: Vec<String> = hyperlink_targets(&parts).into_values().collect();
    assert!(!targets.is_empty());
    for t in &targets {
        assert!(
            t.starts_with("https://") || t.starts_with("mailto:"),
            "{t:?}"
        );
    }
    assert!(
        targets.contains(
            &r"https://example.com/%7D%5Cinput%7Bx%7D%#~&_$%5Cx%5E%7C%60%3C%3E'(%20)%20%C3%A9"
                .to_owned()
        ),
        "{targets:#?}"
    );
}

#[test]
fn markup_in_names_and_characters_xml_forbids_cannot_break_the_document() {
    let name = "</w:t><w:t>Evil & <b>\"Co\" 'x' &amp; \\input{x} {{7*7}} \
                Zoë 李雷 😀 مرحبا\u{FFFE}\u{FFFF}\u{B}\u{1F}\u{0}!";
    // U+000B is a line break to `layout` (a space); the other controls and U+FFFE/U+FFFF go.
    let clean = "</w:t><w:t>Evil & <b>\"Co\" 'x' &amp; \\input{x} {{7*7}} Zoë 李雷 😀 مرحبا !";
    let resume = Resume {
        basics: Basics {
            name: name.into(),
            label: Some(name.into()),
            profiles: vec![Profile {
                network: name.into(),
                username: None,
                url: Some("https://example.com/?a=1&b=\"2\"<3>".into()),
                ..Default::default()
            }],
            ..Basics::default()
        },
        ..Resume::default()
    };
    let parts = unzip(&render(&resume));
    for (part_name, xml) in &parts {
        parse(part_name, xml);
    }

    let paras = paragraphs(part(&parts, "word/document.xml"));
    assert_eq!(paras[0].style.as_deref(), Some("Title"));
    assert_eq!(paras[0].text, clean);
    let document = part(&parts, "word/document.xml");
    assert!(document.contains("&lt;/w:t&gt;&lt;w:t&gt;Evil &amp; &lt;b&gt;"));
    assert!(document.contains("&amp;amp;"));

    let core_xml = part(&parts, "docProps/core.xml");
    let core = parse("docProps/core.xml", core_xml);
    for field in ["title", "creator", "subject"] {
        let value = core
            .descendants()
            .find(|n| n.has_tag_name((DC, field)))
            .and_then(|n| n.text());
        assert_eq!(value, Some(clean), "dc:{field}");
    }

    let targets: Vec<String> = hyperlink_targets(&parts).into_values().collect();
    assert_eq!(targets, ["https://example.com/?a=1&b=%222%22%3C3%3E"]);
}

#[test]
fn the_same_resume_gives_byte_identical_files() {
    for resume in [
        fixtures::realistic(),
        fixtures::hostile(),
        Resume::default(),
    ] {
        let first = render(&resume);
        let second = render(&resume);
        assert!(first == second, "two renderings in one thread differ");
        // docx-rs numbers paragraphs per thread; a fresh thread must not change the output.
        let resume_copy = resume.clone();
        let other = std::thread::spawn(move || render(&resume_copy))
            .join()
            .expect("render thread");
        assert!(first == other, "renderings in two threads differ");

        // No clock in the archive either: every entry carries the zip epoch.
        let mut archive = zip::ZipArchive::new(Cursor::new(&first)).expect("zip");
        for i in 0..archive.len() {
            let file = archive.by_index(i).expect("entry");
            assert_eq!(
                file.last_modified().map(|d| d.to_string()).as_deref(),
                Some("1980-01-01 00:00:00"),
                "{}",
                file.name()
            );
        }
    }
}

// --- LibreOffice -------------------------------------------------------------------------------

/// A fresh directory under the system temp dir, removed when dropped (kept if the test fails, so
/// the .docx and .pdf can be opened).
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = std::env::temp_dir().join(format!(
            "vitae-docx-{label}-{}-{nanos}-{}",
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

/// The LibreOffice binary, or a failure that says how to install it.
fn soffice() -> &'static str {
    for program in ["soffice", "libreoffice"] {
        let found = Command::new(program)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
            .is_ok_and(|out| out.status.success());
        if found {
            return program;
        }
    }
    panic!(
        "LibreOffice is not installed, so the DOCX cannot be checked by a real office suite. \
         Install it with `apt-get install --no-install-recommends libreoffice-writer-nogui \
         fonts-crosextra-carlito` (CI does)."
    );
}

/// Converts the resume's DOCX to PDF with LibreOffice, as a user's "open and export" would, and
/// returns the PDF's path. Each conversion has its own LibreOffice profile, so tests running in
/// parallel do not wait on (or corrupt) a shared one.
fn convert_to_pdf(dir: &TempDir, name: &str, resume: &Resume) -> PathBuf {
    let docx = dir.0.join(format!("{name}.docx"));
    std::fs::write(&docx, render(resume)).expect("write .docx");
    // LibreOffice itself sometimes aborts (signal 6 while creating its profile) on a loaded
    // machine; that says nothing about the document, so such a crash is retried with a fresh
    // profile. A conversion that ends normally but fails is reported at once.
    let mut attempt = 0;
    loop {
        attempt += 1;
        let out = soffice_convert(dir, &docx, attempt);
        let pdf = dir.0.join(format!("{name}.pdf"));
        let crashed = out.status.code().is_none_or(|c| c == 134 || c == 139);
        if crashed && !is_pdf(&pdf) && attempt < 3 {
            continue;
        }
        assert!(
            out.status.success() && is_pdf(&pdf),
            "{} did not convert {} ({}):\n{}\n{}",
            soffice(),
            docx.display(),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        return pdf;
    }
}

/// One `soffice --convert-to pdf` run with its own profile, bounded in time.
fn soffice_convert(dir: &TempDir, docx: &Path, attempt: u32) -> std::process::Output {
    let program = soffice();
    let profile = format!(
        "file://{}",
        dir.0.join(format!("profile-{attempt}")).display()
    );
    let mut child = Command::new(program)
        .arg(format!("-env:UserInstallation={profile}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(&dir.0)
        .arg(docx)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {program}: {e}"));
    // A conversion takes seconds; one that hangs must fail the test, not stall CI.
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        match child.try_wait().expect("wait for soffice") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                panic!("{program} did not convert {} within 180 s", docx.display());
            }
            None => std::thread::sleep(Duration::from_millis(100)),
        }
    }
    child.wait_with_output().expect("soffice output")
}

fn is_pdf(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|bytes| bytes.starts_with(b"%PDF-") && bytes.len() > 1000)
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

#[test]
fn libreoffice_opens_the_realistic_docx_and_prints_its_name_headings_and_bullets() {
    let dir = TempDir::new("realistic");
    let pdf = convert_to_pdf(&dir, "realistic", &fixtures::realistic());
    let text = pdf_text(&pdf);
    let flat = without_whitespace(&text);
    for wanted in [
        "Jordan Rivera, PhD",
        "Experience",
        "Staff Backend Engineer — Northwind Logistics",
        "Mentored 6 engineers; 3 were promoted to senior.",
        "Mar 2021 – Present",
    ] {
        assert!(
            flat.contains(&without_whitespace(wanted)),
            "the PDF does not show {wanted:?}:\n{text}"
        );
    }
    // The list's bullet glyph comes from the numbering definition, not from the text.
    assert!(text.contains('•'), "no bullet glyph in the PDF:\n{text}");
}

#[test]
fn libreoffice_opens_the_hostile_docx_and_prints_the_text_literally() {
    let dir = TempDir::new("hostile");
    let pdf = convert_to_pdf(&dir, "hostile", &fixtures::hostile());
    let flat = without_whitespace(&pdf_text(&pdf));
    for wanted in [
        r"\input{/etc/passwd}",
        "</script><script>alert(1)</script>",
        "{{7*7}}",
        "$HOME 100% & co #1 ~user ^caret",
    ] {
        assert!(
            flat.contains(&without_whitespace(wanted)),
            "the PDF does not show {wanted:?}"
        );
    }
}

#[test]
fn the_page_size_is_the_paper_asked_for() {
    let mut resume = Resume::default();
    resume.basics.name = "Ada Lovelace".into();
    for (paper, width, height) in [
        (Paper::A4, "11906", "16838"),
        (Paper::Letter, "12240", "15840"),
    ] {
        let bytes = render_docx(&resume, &RenderOptions::default(), paper).expect("render docx");
        let parts = unzip(&bytes);
        let xml = part(&parts, "word/document.xml");
        let doc = roxmltree::Document::parse(xml).expect("document.xml parses");
        let size = doc
            .descendants()
            .find(|n| n.has_tag_name((W, "pgSz")))
            .expect("a page size");
        assert_eq!(size.attribute((W, "w")), Some(width), "{paper:?}");
        assert_eq!(size.attribute((W, "h")), Some(height), "{paper:?}");
    }
}

/// The children of the WordprocessingML types vitae's DOCX uses, in the order the schema's
/// `xsd:sequence` gives them (ECMA-376 Part 1, `wml.xsd`; a choice group shares one place).
/// Word refuses a file whose children are out of this order ("unreadable content"); LibreOffice
/// tolerates it, so a conversion alone does not find it.
const SEQUENCES: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference|footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    ("docDefaults", &["rPrDefault", "pPrDefault"]),
    (
        "lvl",
        &[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlPicBulletId",
            "legacy",
            "lvlJc",
            "pPr",
            "rPr",
        ],
    ),
    (
        "abstractNum",
        &[
            "nsid",
            "multiLevelType",
            "tmpl",
            "name",
            "styleLink",
            "numStyleLink",
            "lvl",
        ],
    ),
    ("num", &["abstractNumId", "lvlOverride"]),
    (
        "numbering",
        &["numPicBullet", "abstractNum", "num", "numIdMacAtCleanup"],
    ),
    (
        "r",
        &[
            "rPr",
            "t|br|tab|cr|noBreakHyphen|softHyphen|sym|fldChar|instrText|drawing|lastRenderedPageBreak",
        ],
    ),
    (
        "p",
        &[
            "pPr",
            "r|hyperlink|bookmarkStart|bookmarkEnd|proofErr|ins|del|fldSimple",
        ],
    ),
];

/// Where each child of `node` breaks its type's sequence, as "parent: `a` after `b`".
fn out_of_order(node: Node, problems: &mut Vec<String>) {
    if node.tag_name().namespace() == Some(W)
        && let Some((_, sequence)) = SEQUENCES.iter().find(|(n, _)| *n == node.tag_name().name())
    {
        let place = |name: &str| {
            sequence
                .iter()
                .position(|s| s.split('|').any(|p| p == name))
        };
        let mut last: Option<(usize, &str)> = None;
        for child in node.children().filter(|c| c.is_element()) {
            let name = child.tag_name().name();
            match place(name) {
                None => problems.push(format!(
                    "{}: `{name}` is no child of it",
                    node.tag_name().name()
                )),
                Some(at) => {
                    if let Some((before, prev)) = last
                        && at < before
                    {
                        problems.push(format!(
                            "{}: `{name}` after `{prev}`",
                            node.tag_name().name()
                        ));
                    }
                    last = Some((at, name));
                }
            }
        }
    }
    for child in node.children().filter(|c| c.is_element()) {
        out_of_order(child, problems);
    }
}

#[test]
fn every_part_keeps_the_schemas_element_order() {
    let mut hostile = fixtures::hostile();
    hostile.basics.name = "Ada".into();
    for (name, resume) in [("realistic", fixtures::realistic()), ("hostile", hostile)] {
        for paper in [Paper::A4, Paper::Letter] {
            let docx = render_docx(&resume, &RenderOptions::default(), paper).unwrap();
            let parts = unzip(&docx);
            let mut problems = Vec::new();
            for part_name in ["word/document.xml", "word/styles.xml", "word/numbering.xml"] {
                let xml = part(&parts, part_name);
                let doc = parse(part_name, xml);
                let mut found = Vec::new();
                out_of_order(doc.root_element(), &mut found);
                found.sort();
                found.dedup();
                problems.extend(found.into_iter().map(|p| format!("{part_name}: {p}")));
                // The body's section properties come last.
                if part_name == "word/document.xml" {
                    let body = doc
                        .root_element()
                        .children()
                        .find(|c| c.has_tag_name((W, "body")))
                        .expect("a body");
                    let last = body.children().rfind(|c| c.is_element()).unwrap();
                    assert!(
                        last.has_tag_name((W, "sectPr")),
                        "{name}: the body ends in {last:?}"
                    );
                }
            }
            assert!(
                problems.is_empty(),
                "{name} {paper:?}:\n{}",
                problems.join("\n")
            );
        }
    }
}
