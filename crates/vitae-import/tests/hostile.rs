//! Hostile and broken input: every document that cannot be read gets a clear error, within
//! bounded time, never a panic; arbitrary bytes and text never panic any reader (PDF, text, Word,
//! LinkedIn's export): property tests here, and coverage-guided fuzzing of every reader in
//! `fuzz/` (`scripts/fuzz`), whose findings become tests here.

use proptest::prelude::*;
use std::time::{Duration, Instant};
use vitae_import::{ImportError, import};
use vitae_render::{RenderOptions, TypesetOptions, render_pdf};

fn a_pdf() -> Vec<u8> {
    let yaml = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\nexperience:\n  - company: Initech\n    title: Engineer\n    start_date: 2020-01\n    bullets: [Built the engine]\n";
    let resume = vitae_core::load(yaml.as_bytes(), None, &Default::default())
        .unwrap()
        .resume;
    render_pdf(
        &resume,
        &RenderOptions::default(),
        &TypesetOptions::default(),
    )
    .unwrap()
}

#[test]
fn empty_binary_and_zip_files_are_refused_with_the_reason() {
    assert_eq!(import(b"").unwrap_err(), ImportError::Empty);
    let err = import(&[0u8, 159, 146, 150, 0, 1, 2]).unwrap_err();
    assert!(matches!(err, ImportError::Unknown(_)), "{err}");
    let err = import(b"PK\x03\x04rest of a zip").unwrap_err();
    assert!(err.to_string().contains("ZIP"), "{err}");
}

#[test]
fn a_damaged_or_truncated_pdf_is_an_error_not_a_panic() {
    let pdf = a_pdf();
    // Cut anywhere: the reader says it is damaged, or reads what it can; it never panics.
    for cut in [10, 100, pdf.len() / 3, pdf.len() / 2, pdf.len() - 10] {
        let _ = import(&pdf[..cut]);
    }
    let err = import(b"%PDF-1.7\n% nothing else").unwrap_err();
    assert!(
        matches!(err, ImportError::Damaged(_) | ImportError::NoText),
        "{err}"
    );
}

#[test]
fn a_pdf_without_text_says_it_may_be_scanned() {
    // A page with no text at all, as a scan without OCR has.
    let empty = "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
                 2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n\
                 3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>> endobj\n\
                 trailer <</Root 1 0 R>>\n%%EOF\n";
    let err = import(empty.as_bytes()).unwrap_err();
    assert_eq!(err, ImportError::NoText, "{err}");
    assert!(err.to_string().contains("OCR"));
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let big = vec![b'a'; vitae_import::MAX_BYTES + 1];
    let err = import(&big).unwrap_err();
    assert!(matches!(err, ImportError::TooBig { .. }), "{err}");
}

#[test]
fn a_document_of_hundreds_of_pages_is_refused_quickly() {
    // 500 pages, each with a line of text: a book, not a resume.
    let mut body = String::from("%PDF-1.4\n");
    let pages = 500;
    let mut kids = Vec::new();
    for i in 0..pages {
        kids.push(format!("{} 0 R", 3 + i));
    }
    body.push_str("1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n");
    body.push_str(&format!(
        "2 0 obj <</Type/Pages/Kids[{}]/Count {pages}>> endobj\n",
        kids.join(" ")
    ));
    for i in 0..pages {
        body.push_str(&format!(
            "{} 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>> endobj\n",
            3 + i
        ));
    }
    body.push_str("trailer <</Root 1 0 R>>\n%%EOF\n");
    let started = Instant::now();
    let err = import(body.as_bytes()).unwrap_err();
    assert!(
        matches!(err, ImportError::TooLong { pages: 500, .. }),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = import(text.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_after_a_pdf_header_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut bytes = b"%PDF-1.7\n".to_vec();
        bytes.extend(tail);
        let _ = import(&bytes);
    }

    #[test]
    fn a_pdf_with_bytes_flipped_never_panics(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut pdf = a_pdf();
        for (at, byte) in flips {
            let i = at.index(pdf.len());
            pdf[i] = byte;
        }
        let _ = import(&pdf);
    }
}

/// vitae's DOCX of a small resume, and a LinkedIn export's ZIP of two files: valid archives to
/// damage.
fn a_docx() -> Vec<u8> {
    let yaml = "contact:\n  name: Ada Lovelace\n  email: ada@example.com\nexperience:\n  - company: Initech\n    title: Engineer\n    start_date: 2020-01\n    bullets: [Built the engine]\n";
    let resume = vitae_core::load(yaml.as_bytes(), None, &Default::default())
        .unwrap()
        .resume;
    match vitae_render::render(
        &resume,
        vitae_render::OutputFormat::Docx,
        &RenderOptions::default(),
        &TypesetOptions::default(),
        150.0,
    )
    .unwrap()
    {
        vitae_render::Rendered::One(bytes) => bytes,
        vitae_render::Rendered::Pages(_) => unreachable!("a DOCX is one file"),
    }
}

fn an_export(positions: &str) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("Profile.csv", options).unwrap();
    zip.write_all(b"First Name,Last Name,Headline\nAda,Lovelace,Engineer\n")
        .unwrap();
    zip.start_file("Positions.csv", options).unwrap();
    zip.write_all(positions.as_bytes()).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_docx_with_bytes_flipped_never_panics(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut docx = a_docx();
        for (at, byte) in flips {
            let i = at.index(docx.len());
            docx[i] = byte;
        }
        let _ = import(&docx);
    }

    #[test]
    fn any_positions_csv_never_panics(csv in "\\PC{0,300}") {
        let _ = import(&an_export(&format!("Company Name,Title,Description,Started On\n{csv}")));
    }

    #[test]
    fn an_export_with_bytes_flipped_never_panics(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut zip = an_export("Company Name,Title\nInitech,Engineer\n");
        for (at, byte) in flips {
            let i = at.index(zip.len());
            zip[i] = byte;
        }
        let _ = import(&zip);
    }
}

/// A PDF whose page tree points back at itself, and whose page holds an array nested `depth`
/// deep: a reader that follows references or nests without bounds would never end or overflow
/// its stack.
fn a_cyclic_deep_pdf(depth: usize) -> Vec<u8> {
    let deep = format!("{}0{}", "[".repeat(depth), "]".repeat(depth));
    let content = "BT /F1 12 Tf 72 720 Td (Ada Lovelace) Tj ET";
    format!(
        "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
         2 0 obj <</Type/Pages/Kids[3 0 R 2 0 R]/Count 2/Parent 2 0 R>> endobj\n\
         3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Deep {deep}\
         /Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj\n\
         4 0 obj <</Length {}>> stream\n{content}\nendstream endobj\n\
         5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj\n\
         trailer <</Root 1 0 R>>\n%%EOF\n",
        content.len()
    )
    .into_bytes()
}

#[test]
fn a_cyclic_or_deeply_nested_pdf_ends_in_bounded_time() {
    for depth in [10, 1_000, 100_000] {
        let started = Instant::now();
        let result = import(&a_cyclic_deep_pdf(depth));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "depth {depth}: {:?}",
            started.elapsed()
        );
        // Read or refused, whichever the reader makes of it; never a hang or a crash.
        if let Ok(imported) = result {
            assert!(imported.resume.basics.name.contains("Ada"), "depth {depth}");
        }
    }
}

/// A PDF whose page content is `content`, compressed.
fn a_compressed_pdf(content: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(content).unwrap();
    let data = z.finish().unwrap();
    let mut pdf = format!(
        "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
         2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n\
         3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>> endobj\n\
         4 0 obj <</Length {}/Filter/FlateDecode>> stream\n",
        data.len()
    )
    .into_bytes();
    pdf.extend(data);
    pdf.extend(b"\nendstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");
    pdf
}

#[test]
fn nesting_or_a_bomb_hidden_in_a_compressed_stream_is_refused() {
    // A million `[` in the page's compressed contents: a few kilobytes in the file.
    let deep = a_compressed_pdf(&vec![b'['; 1_000_000]);
    assert!(deep.len() < 10_000, "{}", deep.len());
    let err = import(&deep).unwrap_err();
    assert!(err.to_string().contains("deep"), "{err}");
    // 100 MiB of spaces, compressed to a fraction of a megabyte.
    let bomb = a_compressed_pdf(&vec![b' '; 100 * 1024 * 1024]);
    assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
    let started = Instant::now();
    let err = import(&bomb).unwrap_err();
    assert!(err.to_string().contains("MiB"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_form_that_draws_itself_ends_in_bounded_time() {
    // A page that draws form X, which draws itself: an interpreter without a depth bound would
    // recurse until the stack gives out.
    let content = "BT /F1 12 Tf 72 720 Td (Ada Lovelace, Engineer) Tj ET /X Do";
    let form = "/X Do";
    let pdf = format!(
        "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
         2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n\
         3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R\
         /Resources<</Font<</F1 5 0 R>>/XObject<</X 6 0 R>>>>>> endobj\n\
         4 0 obj <</Length {}>> stream\n{content}\nendstream endobj\n\
         5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Helvetica>> endobj\n\
         6 0 obj <</Type/XObject/Subtype/Form/BBox[0 0 612 792]/Resources<</XObject<</X 6 0 R>>>>\
         /Length {}>> stream\n{form}\nendstream endobj\n\
         trailer <</Root 1 0 R>>\n%%EOF\n",
        content.len(),
        form.len()
    );
    let started = Instant::now();
    let result = import(pdf.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(5));
    // Read or refused; the text on the page is there when read.
    if let Ok(imported) = result {
        assert!(
            imported.resume.basics.name.contains("Ada"),
            "{:?}",
            imported.resume.basics
        );
    }
}

/// A PDF whose one font is a CID font with the width table `widths`.
fn a_pdf_with_widths(widths: &str) -> Vec<u8> {
    let content = "BT /F1 12 Tf 72 720 Td <0001> Tj ET";
    format!(
        "%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n\
         2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n\
         3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R\
         /Resources<</Font<</F1 5 0 R>>>>>> endobj\n\
         4 0 obj <</Length {}>> stream\n{content}\nendstream endobj\n\
         5 0 obj <</Type/Font/Subtype/Type0/BaseFont/Ada/Encoding/Identity-H/DescendantFonts[\
         <</Type/Font/Subtype/CIDFontType2/BaseFont/Ada\
         /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>/W {widths}>>]>> endobj\n\
         trailer <</Root 1 0 R>>\n%%EOF\n",
        content.len()
    )
    .into_bytes()
}

#[test]
fn a_font_width_table_wider_than_any_font_is_refused_at_once() {
    // Found by fuzzing the importer: a resume PDF with one number of a font's width table
    // changed took a third of a second (a width for each of millions of characters); a range of
    // four billion, twenty bytes in a file, would take minutes and gigabytes.
    let fuzzed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/wide-width-range.pdf"
    ))
    .unwrap();
    for (what, pdf) in [
        ("fuzzed", fuzzed),
        ("range", a_pdf_with_widths("[0 4294967295 500]")),
        (
            "ranges",
            a_pdf_with_widths(&"[0 65535 500] ".repeat(4).replace("] [", " ")),
        ),
    ] {
        let started = Instant::now();
        let err = import(&pdf).unwrap_err();
        assert!(matches!(err, ImportError::Damaged(_)), "{what}: {err}");
        assert!(err.to_string().contains("width table"), "{what}: {err}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{what}: {:?}",
            started.elapsed()
        );
    }
    // A dictionary with a value, and an array with an item, that cannot be read (found by
    // fuzzing the check above: hayro's `entries()` and `raw_iter()` panicked on them): an
    // answer, not a panic.
    for name in ["damaged-dict-value.pdf", "damaged-array-item.pdf"] {
        let path = format!(
            "{}/tests/fixtures/hostile/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let _ = import(&std::fs::read(path).unwrap());
    }
    // A real font's table, every two-byte character at most, is read.
    let fine = a_pdf_with_widths("[0 65535 500]");
    if let Err(err) = import(&fine) {
        assert!(!err.to_string().contains("width table"), "{err}");
    }
}
