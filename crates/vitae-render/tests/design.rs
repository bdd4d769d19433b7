//! Design options as data: what the source's `design:` asks for is what every theme sets, a
//! choice of the options (the command line, the API) goes over it, and each choice shows on the
//! page (read back from the text layer, poppler's `pdfimages` and the DOCX). Photos come from a
//! data URL or a file the front end read, never from anywhere else, within their limits.

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/poppler.rs"]
mod poppler;

use base64::Engine as _;
use fixtures::realistic;
use poppler::poppler;
use vitae_core::PartialDate;
use vitae_core::design::{DateStyle, Design, LinkStyle, Paper, SectionTitles, Theme};
use vitae_core::model::Resume;
use vitae_render::{
    Content, OutputFormat, Photo, RenderOptions, Rendered, TextFormat, TypesetError,
    TypesetOptions, render, render_pdf, render_text, text_layer,
};

fn dated() -> TypesetOptions {
    let mut o = TypesetOptions::default();
    o.date = Some(PartialDate::parse("2026-12-05").unwrap());
    o
}

fn with_design(design: Design) -> Resume {
    let mut r = realistic();
    r.design = design;
    r
}

fn pdf(resume: &Resume, options: &TypesetOptions) -> Vec<u8> {
    render_pdf(resume, &RenderOptions::default(), options).unwrap()
}

fn layer(resume: &Resume, options: &TypesetOptions) -> String {
    text_layer(Content::Resume(resume), &RenderOptions::default(), options).unwrap()
}

#[test]
fn the_sources_design_is_what_the_same_options_would_set() {
    let design = Design {
        theme: Some(Theme::Modern),
        paper: Some(Paper::Letter),
        accent: Some("#aa3300".into()),
        font_size: Some(9.5),
        margin_mm: Some(14.0),
        section_titles: Some(SectionTitles::Bar),
        ..Design::default()
    };
    let from_source = pdf(&with_design(design), &dated());
    let mut options = dated();
    options.theme = Some(Theme::Modern);
    options.paper = Some(Paper::Letter);
    options.accent = Some("#aa3300".into());
    options.font_size = Some(9.5);
    options.margin_mm = Some(14.0);
    options.section_titles = Some(SectionTitles::Bar);
    assert_eq!(from_source, pdf(&realistic(), &options));
    // The theme's defaults differ: the test can tell.
    assert_ne!(from_source, pdf(&realistic(), &dated()));
}

#[test]
fn a_choice_of_the_options_goes_over_the_sources() {
    let source = with_design(Design {
        theme: Some(Theme::Modern),
        page_numbers: Some(false),
        ..Design::default()
    });
    let mut options = dated();
    options.theme = Some(Theme::Classic);
    let mut plain = dated();
    plain.page_numbers = Some(false);
    assert_eq!(pdf(&source, &options), pdf(&realistic(), &plain));
}

#[test]
fn page_numbers_are_shown_on_several_pages_unless_turned_off() {
    let shown = layer(&realistic(), &dated());
    assert!(shown.matches('\u{c}').count() >= 1, "two pages expected");
    assert!(
        shown.contains("1 / 2") && shown.contains("2 / 2"),
        "{shown}"
    );
    let off = with_design(Design {
        page_numbers: Some(false),
        ..Design::default()
    });
    for theme in Theme::ALL {
        let mut o = dated();
        o.theme = Some(theme);
        let text = layer(&off, &o);
        assert!(
            !text.contains("1 / 2") && !text.contains("2 / 2"),
            "{theme}"
        );
    }
}

#[test]
fn the_last_updated_line_reads_the_sources_date_else_the_documents() {
    let mut r = with_design(Design {
        last_updated: Some(true),
        ..Design::default()
    });
    for theme in Theme::ALL {
        let mut o = dated();
        o.theme = Some(theme);
        let text = layer(&r, &o);
        let first_page = text.split('\u{c}').next().unwrap();
        assert!(
            first_page.contains("Last updated in Dec 2026"),
            "{theme}: {first_page}"
        );
        assert_eq!(text.matches("Last updated").count(), 1, "{theme}: once");
    }
    r.meta.last_updated = Some("2025-03-14".into());
    let text = layer(&r, &dated());
    assert!(text.contains("Last updated in Mar 2025"), "{text}");
    // JSON Resume's `meta.lastModified` is a date and a time (its own sample's is).
    let mut stamped = r.clone();
    stamped.meta.last_updated = Some("2017-12-24T15:53:00".into());
    let text = layer(&stamped, &dated());
    assert!(text.contains("Last updated in Dec 2017"), "{text}");
    // In the document's language and date style.
    let mut render = RenderOptions::default();
    render.locale = vitae_render::locale("de").unwrap();
    render.dates = Some(DateStyle::Long);
    let text = text_layer(Content::Resume(&r), &render, &dated()).unwrap();
    assert!(text.contains("Zuletzt aktualisiert März 2025"), "{text}");
    // Off by default.
    assert!(!layer(&realistic(), &dated()).contains("Last updated"));
}

#[test]
fn the_date_style_applies_to_every_format() {
    let r = with_design(Design {
        dates: Some(DateStyle::Long),
        ..Design::default()
    });
    let md = render_text(&r, TextFormat::Markdown, &RenderOptions::default());
    let short = render_text(
        &realistic(),
        TextFormat::Markdown,
        &RenderOptions::default(),
    );
    assert!(short.contains("Mar 2021"), "{short}");
    assert!(
        md.contains("March 2021") && !md.contains("Mar 2021 "),
        "{md}"
    );
    let text = layer(&r, &dated());
    assert!(text.contains("March 2021"), "{text}");
    // The options' style goes over the source's.
    let mut numeric = RenderOptions::default();
    numeric.dates = Some(DateStyle::Numeric);
    let md = render_text(&r, TextFormat::Markdown, &numeric);
    assert!(md.contains("03/2021") && !md.contains("March"), "{md}");
}

#[test]
fn header_links_are_short_unless_asked_in_full() {
    let mut r = realistic();
    r.basics.url = Some("https://www.jordanrivera.dev/".into());
    let short = layer(&r, &dated());
    assert!(short.contains("jordanrivera.dev") && !short.contains("https://www.jordanrivera.dev/"));
    r.design.links = Some(LinkStyle::Full);
    let full = layer(&r, &dated());
    assert!(full.contains("https://www.jordanrivera.dev/"), "{full}");
}

#[test]
fn every_section_title_style_is_set_by_every_theme() {
    let r = realistic();
    for theme in Theme::ALL {
        let mut pdfs = Vec::new();
        for style in SectionTitles::ALL {
            let mut o = dated();
            o.theme = Some(theme);
            o.section_titles = Some(style);
            let bytes = pdf(&r, &o);
            // The headings are still text, read where they were.
            let text = layer(&r, &o);
            assert!(
                text.contains("Experience") || text.contains("EXPERIENCE"),
                "{theme} {style}"
            );
            pdfs.push(bytes);
        }
        for (i, a) in pdfs.iter().enumerate() {
            for b in &pdfs[i + 1..] {
                assert_ne!(a, b, "{theme}: two styles drew the same page");
            }
        }
    }
}

#[test]
fn the_docx_page_size_follows_the_source() {
    let r = with_design(Design {
        paper: Some(Paper::Letter),
        ..Design::default()
    });
    let Rendered::One(docx) = render(
        &r,
        OutputFormat::Docx,
        &RenderOptions::default(),
        &TypesetOptions::default(),
        150.0,
    )
    .unwrap() else {
        panic!("one file")
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("w:w=\"12240\""), "letter width in twips");
}

// ---- Photos ---------------------------------------------------------------------------------

/// A real PNG: a tiny page rendered by vitae itself.
fn png() -> Vec<u8> {
    let mut r = Resume::default();
    r.basics.name = "Photo".into();
    vitae_render::render_png(
        &r,
        &RenderOptions::default(),
        &TypesetOptions::default(),
        12.0,
    )
    .unwrap()
    .remove(0)
}

fn data_url(bytes: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// The words of a text layer in order, without page numbers and contact separators (a narrower
/// header wraps its lines elsewhere, a taller one may move a page break).
fn words(layer: &str) -> Vec<&str> {
    layer
        .split(['\n', '\u{c}'])
        .filter(|l| {
            let mut parts = l.split(" / ");
            let numbered = l.split(" / ").count() == 2
                && parts.all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            !numbered
        })
        .flat_map(str::split_whitespace)
        // The separators between contact items, which a line break replaces.
        .filter(|w| !matches!(*w, "|" | "·"))
        .collect()
}

fn images(pdf: &[u8]) -> usize {
    // `pdfimages -list`: two header lines, then one line per image.
    poppler("pdfimages", &["-list", "-"], pdf)
        .lines()
        .skip(2)
        // Each picture, not its transparency mask (`smask`), which is listed too.
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count()
}

#[test]
fn a_photo_is_shown_in_the_themes_with_room_for_one() {
    let mut r = realistic();
    r.basics.image = Some(data_url(&png()));
    for theme in Theme::ALL {
        let mut o = dated();
        o.theme = Some(theme);
        let expected = usize::from(theme.shows_photo());
        assert_eq!(images(&pdf(&r, &o)), expected, "{theme}");
        // The words and their order are the same with or without it: an ATS reads the same
        // text.
        let mut without = r.clone();
        without.basics.image = None;
        assert_eq!(
            words(&layer(&r, &o)),
            words(&layer(&without, &o)),
            "{theme}"
        );
        // Turned off in the source, or by the options.
        let mut off = r.clone();
        off.design.photo = Some(false);
        assert_eq!(images(&pdf(&off, &o)), 0, "{theme}");
        o.photo = Some(false);
        assert_eq!(images(&pdf(&r, &o)), 0, "{theme}");
    }
}

#[test]
fn a_photo_file_read_by_the_front_end_is_used_and_a_path_alone_reads_nothing() {
    let mut r = realistic();
    r.basics.image = Some("me.png".into());
    let mut o = dated();
    o.theme = Some(Theme::Modern);
    assert_eq!(images(&pdf(&r, &o)), 0, "the renderer reads no file");
    r.basics.image = Some("https://example.com/me.png".into());
    assert_eq!(images(&pdf(&r, &o)), 0, "nor the network");
    o.photo_file = Some(Photo::new(png()).unwrap());
    assert_eq!(images(&pdf(&r, &o)), 1);
}

#[test]
fn a_photo_that_is_no_image_or_too_big_is_refused_with_the_reason() {
    assert!(
        Photo::new(b"GIF89a....".to_vec())
            .unwrap_err()
            .contains("not a PNG or JPEG")
    );
    let big = vec![0xFF; vitae_render::MAX_PHOTO_BYTES + 1];
    assert!(Photo::new(big).unwrap_err().contains("KiB"));
    // A PNG header that claims 100,000 pixels a side: refused before anything decodes it.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend_from_slice(&100_000u32.to_be_bytes());
    bomb.extend_from_slice(&100_000u32.to_be_bytes());
    bomb.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let e = Photo::new(bomb).unwrap_err();
    assert!(e.contains("100000×100000 pixels"), "{e}");
    // In the source, the render says where.
    let mut r = realistic();
    r.basics.image = Some("data:image/png;base64,bm90IGFuIGltYWdl".into());
    let e = render_pdf(&r, &RenderOptions::default(), &dated()).unwrap_err();
    assert!(
        matches!(&e, TypesetError::Option(m) if m.starts_with("basics.image:")),
        "{e}"
    );
    // A theme with no room for it does not need to read it.
    let mut o = dated();
    o.theme = Some(Theme::Compact);
    assert!(render_pdf(&r, &RenderOptions::default(), &o).is_ok());
}

#[test]
fn the_gallerys_chinese_and_arabic_examples_are_clean_and_render_in_every_theme() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    for (file, code, name) in [
        ("resume.zh.yaml", "zh", "林晓雯"),
        ("resume.ar.yaml", "ar", "ليلى حداد"),
    ] {
        let bytes = std::fs::read(root.join(file)).unwrap();
        let loaded = vitae_core::load(&bytes, None, &Default::default()).unwrap();
        assert!(
            loaded.diagnostics.is_empty(),
            "{file}: {:?}",
            loaded.diagnostics
        );
        let mut render = RenderOptions::default();
        render.locale = vitae_render::locale(code).unwrap();
        for theme in Theme::ALL {
            let mut o = dated();
            o.theme = Some(theme);
            let text = text_layer(Content::Resume(&loaded.resume), &render, &o).unwrap();
            // Word by word: the layer holds right-to-left lines in the order they are drawn.
            for word in name.split(' ') {
                assert!(text.contains(word), "{file} in {theme}: {word}: {text}");
            }
        }
    }
}

// ---- A theme of one's own --------------------------------------------------------------------

#[test]
fn a_theme_file_renders_like_the_built_in_theme_it_started_from() {
    use vitae_render::ThemeFile;
    let starter = ThemeFile::starter("mine");
    let mut o = dated();
    o.theme_file = Some(ThemeFile::new("mine.typ", &starter).unwrap());
    let mut classic = dated();
    classic.theme = Some(Theme::Classic);
    // The starter is the classic theme: the same page, word for word.
    assert_eq!(layer(&realistic(), &o), layer(&realistic(), &classic));
    // Changed, it is what is used, over `theme`.
    let red = starter.replace("rgb(\"#1f3a5f\")", "rgb(\"#aa2200\")");
    assert_ne!(red, starter);
    o.theme_file = Some(ThemeFile::new("mine.typ", &red).unwrap());
    o.theme = Some(Theme::Modern);
    assert_ne!(pdf(&realistic(), &o), pdf(&realistic(), &classic));
    assert_eq!(layer(&realistic(), &o), layer(&realistic(), &classic));
    // Letters use its second entry point; standalone Typst carries its code.
    let standalone =
        vitae_render::render_typst(&realistic(), &RenderOptions::default(), &o).unwrap();
    assert!(standalone.contains("#aa2200"), "the theme's own code");
}

#[test]
fn a_broken_or_prying_theme_file_is_refused_with_its_line() {
    use vitae_render::ThemeFile;
    let compile = |code: &str| {
        let mut o = dated();
        o.theme_file = Some(ThemeFile::new("mine.typ", code).unwrap());
        render_pdf(&realistic(), &RenderOptions::default(), &o).unwrap_err()
    };
    let e = compile(
        "#let render(resume) = {\n  vt-document(resume, {\n    oops\n  })\n}\n#let render-letter(letter) = []\n",
    );
    assert!(
        matches!(&e, TypesetError::Compile(m) if m[0] == "mine.typ:3:5: unknown variable: oops"),
        "{e:?}"
    );
    // It runs in the renderer's sandbox: no file but the data and the photo.
    for path in ["/etc/passwd", "../Cargo.toml", "/data.json.bak"] {
        let e = compile(&format!(
            "#let render(resume) = read(\"{path}\")\n#let render-letter(letter) = []\n"
        ));
        assert!(
            matches!(&e, TypesetError::Compile(m) if m[0].starts_with("mine.typ:1:")
                && (m[0].contains("not found") || m[0].contains("escape"))),
            "{path}: {e:?}"
        );
    }
    // Not a theme: said before anything runs.
    let e = ThemeFile::new("notes.typ", "hello").unwrap_err();
    assert!(e.contains("render(resume)"), "{e}");
    let big = format!(
        "#let render(resume) = []\n#let render-letter(letter) = []\n//{}",
        "x".repeat(vitae_render::MAX_THEME_FILE_BYTES)
    );
    assert!(ThemeFile::new("big.typ", &big).unwrap_err().contains("KiB"));
}

#[test]
fn header_icons_are_drawn_beside_the_contact_items_in_every_theme() {
    let r = with_design(Design {
        icons: Some(true),
        ..Design::default()
    });
    for theme in Theme::ALL {
        let mut o = dated();
        o.theme = Some(theme);
        // Vector pictures, drawn as paths: the page differs, the images list does not.
        assert_ne!(pdf(&r, &o), pdf(&realistic(), &o), "{theme}");
        // Pictures add no text; a profile beside its network's logo drops the network's name.
        let with = layer(&r, &o);
        assert!(
            with.contains("jrivera") && !with.contains("GitHub: jrivera"),
            "{theme}: {with}"
        );
        let without = layer(&realistic(), &o);
        assert_eq!(
            words(&with).len(),
            words(&without).len() - 2,
            "{theme}: only `GitHub:` and `LinkedIn:` go"
        );
    }
}

/// A source with two jobs whose bullets run over a line, and two degrees short enough for a
/// column, in `columns` (none: the theme's inline dates).
fn columned(columns: Option<&str>) -> Resume {
    let design = columns.map_or(String::new(), |c| format!("design:\n  columns: {c}\n"));
    let yaml = format!(
        "contact: {{name: Ada Quell, email: ada@example.com}}\n\
         experience:\n\
         - {{company: Northwind, title: Staff Engineer, location: 'Austin, TX', start_date: 2021-03, \
             end_date: null, bullets: [{{text: Rebuilt the billing pipeline so that invoices for \
             every market settle within the hour and reconciliation reports arrive each morning}}]}}\n\
         - {{company: Initech, title: Engineer, start_date: 2016-01, end_date: 2021-02, \
             bullets: [{{text: Moved forty services from hand-built machines to a managed cluster \
             over three quarters without a minute of downtime for customers}}]}}\n\
         education:\n\
         - {{institution: Northwestern University, degree: PhD, field: Robotics, start_date: 2012-09, \
             end_date: 2016-06}}\n\
         - {{institution: University of Lagos, degree: BSc, field: Computer Engineering, \
             location: Lagos, start_date: 2008-09, end_date: 2012-06}}\n\
         {design}"
    );
    vitae_core::load(yaml.as_bytes(), None, &Default::default())
        .unwrap()
        .resume
}

#[test]
fn entries_set_dates_and_short_degrees_in_fixed_columns_in_every_theme() {
    use poppler::{WordBox, word_boxes};
    let near = |a: f64, b: f64| (a - b).abs() < 0.6;
    let find = |words: &[WordBox], text: &str| -> Vec<(f64, f64, f64)> {
        words
            .iter()
            .filter(|w| w.text.trim_end_matches(',') == text)
            .map(|w| (w.x_min, w.x_max, w.y_min))
            .collect()
    };
    for theme in Theme::ALL {
        let mut options = dated();
        options.theme = Some(theme);
        // Inline (the default): the degree is part of the title, as before.
        let inline = poppler::pdftotext(&pdf(&columned(None), &options));
        let squashed = inline.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(squashed.contains("PhD in Robotics"), "{theme}: {squashed}");
        for side in ["end", "start"] {
            let resume = columned(Some(side));
            let pdf = pdf(&resume, &options);
            let pages = word_boxes(&pdf);
            let words = &pages[0].words;
            // The dates: each range's first word starts (start) or its last word ends (end) on
            // one line down the page.
            let starts: Vec<(f64, f64, f64)> = ["Mar", "Jan", "Sep"]
                .iter()
                .flat_map(|m| find(words, m))
                .collect();
            // Each range's last word: the rightmost year or "Present" on its first word's line.
            let ends: Vec<(f64, f64, f64)> = starts
                .iter()
                .filter_map(|s| {
                    ["Present", "2021", "2016", "2012"]
                        .iter()
                        .flat_map(|y| find(words, y))
                        .filter(|w| near(w.2, s.2))
                        .max_by(|a, b| a.1.total_cmp(&b.1))
                })
                .collect();
            assert!(
                starts.len() >= 4 && ends.len() == starts.len(),
                "{theme} {side}: {starts:?}"
            );
            let edge: Vec<f64> = if side == "start" {
                starts.iter().map(|w| w.0).collect()
            } else {
                ends.iter().map(|w| w.1).collect()
            };
            assert!(
                edge.iter().all(|x| near(*x, edge[0])),
                "{theme} {side}: the dates do not line up: {edge:?}"
            );
            // The bullets keep out of the date column: every word of them is on the text's side
            // of every date.
            let column_inner = if side == "start" {
                ends.iter().map(|w| w.1).fold(f64::MIN, f64::max)
            } else {
                starts.iter().map(|w| w.0).fold(f64::MAX, f64::min)
            };
            for word in ["billing", "reconciliation", "customers", "managed"] {
                for (x_min, x_max, _) in find(words, word) {
                    let clear = if side == "start" {
                        x_min > column_inner
                    } else {
                        x_max < column_inner
                    };
                    assert!(clear, "{theme} {side}: `{word}` runs into the date column");
                }
            }
            // The short degrees stand in a column of their own, set against the fields, which
            // line up down the page.
            let phd = find(words, "PhD");
            let bsc = find(words, "BSc");
            assert!(
                phd.len() == 1 && bsc.len() == 1,
                "{theme} {side}: {phd:?} {bsc:?}"
            );
            assert!(
                near(phd[0].1, bsc[0].1),
                "{theme} {side}: degrees {phd:?} {bsc:?}"
            );
            let robotics = find(words, "Robotics");
            let computer = find(words, "Computer");
            assert!(
                !robotics.is_empty() && !computer.is_empty(),
                "{theme} {side}: no fields in {:?}",
                words.iter().map(|w| &w.text).collect::<Vec<_>>()
            );
            assert!(
                near(robotics[0].0, computer[0].0) && robotics[0].0 > phd[0].1,
                "{theme} {side}: fields {robotics:?} {computer:?} after {phd:?}"
            );
            // pdftotext reads each degree with its field, and the degree only once.
            let text = poppler::pdftotext(&pdf);
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains("PhD Robotics") && text.contains("BSc Computer Engineering"),
                "{theme} {side}: {text}"
            );
            assert!(!text.contains("PhD in"), "{theme} {side}: {text}");
        }
    }
}
