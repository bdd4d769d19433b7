//! A Word document as Word templates make them, written here in raw OOXML: localized style ids
//! (German Word's "berschrift1" named "heading 1"), contact details in a text box, a layout
//! table of dates beside entries, numbered list items with a nested one, bold runs before plain
//! ones, a tab before the dates, a tracked deletion, and character references.

mod common;

use common::ym;
use std::io::Write;
use vitae_core::DateValue;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn para(style: Option<&str>, runs: &str) -> String {
    let style = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    format!("<w:p>{style}{runs}</w:p>")
}

fn run(text: &str, bold: bool) -> String {
    let b = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!("<w:r>{b}<w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn item(level: u8, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"3\"/></w:numPr></w:pPr>{}</w:p>",
        run(text, false)
    )
}

fn cell(content: &str) -> String {
    format!("<w:tc>{content}</w:tc>")
}

fn document() -> Vec<u8> {
    let text_box = format!(
        "<w:r><w:drawing><wp:anchor xmlns:wp=\"x\"><a:graphic xmlns:a=\"y\"><wps:txbx xmlns:wps=\"z\"><w:txbxContent>{}{}</w:txbxContent></wps:txbx></a:graphic></wp:anchor></w:drawing></w:r>",
        para(None, &run("jonas.weber@example.de", false)),
        para(None, &run("+49 30 1234567 · Berlin, Germany", false)),
    );
    let body = [
        para(Some("Titel"), &run("Jonas Weber", true)),
        para(None, &text_box),
        para(Some("berschrift1"), &run("Berufserfahrung", false)),
        format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell(&para(None, &run("03/2021 – heute", false))),
            cell(&format!(
                "{}{}{}{}",
                para(
                    None,
                    &format!(
                        "{}{}",
                        run("Backend Engineer", true),
                        run(", Spreewerk GmbH", false)
                    )
                ),
                item(0, "Built the billing service in Go &amp; PostgreSQL"),
                item(0, "Led the move to Kubernetes"),
                item(1, "Three clusters, zero downtime"),
            )),
            cell(&para(None, &run("09/2017 – 02/2021", false))),
            cell(&format!(
                "{}{}",
                para(
                    None,
                    &format!(
                        "{}{}",
                        run("Software Developer", true),
                        run(", Datenhaus AG", false)
                    )
                ),
                item(0, "Wrote the reporting API&#8217;s caching layer"),
            )),
        ),
        para(Some("berschrift1"), &run("Ausbildung", false)),
        para(
            None,
            &format!(
                "{}<w:r><w:tab/></w:r>{}",
                run("M.Sc. Informatik, Technische Universität Berlin", true),
                run("2015 – 2017", false)
            ),
        ),
        para(
            None,
            &format!(
                "{}<w:del><w:r><w:delText>deleted words</w:delText></w:r></w:del>",
                run("Note: 1,3", false)
            ),
        ),
    ]
    .join("");
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\"><w:body>{body}</w:body></w:document>"
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"{W}\">\
         <w:style w:type=\"paragraph\" w:styleId=\"Titel\"><w:name w:val=\"Title\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"berschrift1\"><w:name w:val=\"heading 1\"/>\
         <w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style></w:styles>"
    );
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("[Content_Types].xml", options).unwrap();
    zip.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    zip.start_file("word/styles.xml", options).unwrap();
    zip.write_all(styles.as_bytes()).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

#[test]
fn a_word_templates_document_is_read() {
    let imported = vitae_import::import(&document()).unwrap();
    assert_eq!(imported.kind, vitae_import::Kind::Docx);
    let r = &imported.resume;
    assert_eq!(r.basics.name, "Jonas Weber");
    // From the text box.
    assert_eq!(r.basics.email.as_deref(), Some("jonas.weber@example.de"));
    assert_eq!(r.basics.phone.as_deref(), Some("+49 30 1234567"));
    assert_eq!(r.basics.location.city.as_deref(), Some("Berlin"));
    // German headings, read by their words; the table's rows as entries.
    assert_eq!(r.experience.len(), 2, "{:#?}", r.experience);
    let first = &r.experience[0];
    assert_eq!(first.title.as_deref(), Some("Backend Engineer"));
    assert_eq!(first.company, "Spreewerk GmbH");
    assert_eq!(
        (first.start.clone(), first.end.clone()),
        (ym(2021, 3), Some(DateValue::Present))
    );
    let bullets: Vec<&str> = first.bullets.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        bullets,
        [
            "Built the billing service in Go & PostgreSQL",
            "Led the move to Kubernetes\n- Three clusters, zero downtime",
        ]
    );
    assert_eq!(
        r.experience[1].bullets[0].text,
        "Wrote the reporting API\u{2019}s caching layer"
    );
    assert_eq!(r.education.len(), 1);
    assert_eq!(r.education[0].institution, "Technische Universität Berlin");
    assert_eq!(
        (
            r.education[0].degree.as_deref(),
            r.education[0].field.as_deref()
        ),
        (Some("M.Sc."), Some("Informatik"))
    );
    // A tracked deletion is not part of the text.
    let text = format!("{r:?}");
    assert!(!text.contains("deleted words"));
}

#[test]
fn a_broken_or_bombed_word_file_is_an_error() {
    let mut doc = document();
    let n = doc.len();
    doc.truncate(n / 2);
    assert!(vitae_import::import(&doc).is_err());
    // document.xml that unpacks to 64 MiB.
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..64 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    let err = vitae_import::import(&out.into_inner()).unwrap_err();
    assert!(err.to_string().contains("MiB"), "{err}");
}
