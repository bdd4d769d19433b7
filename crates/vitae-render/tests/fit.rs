//! Cover letters in every theme and format, and the built-in text-layer reader the ATS check
//! uses, cross-checked against poppler's pdftotext on the same PDFs.

#[path = "common/fixtures.rs"]
mod fixtures;
#[path = "common/poppler.rs"]
mod poppler;

use poppler::pdftotext;
use std::path::PathBuf;
use vitae_core::date::PartialDate;
use vitae_core::model::Resume;
use vitae_fit::ats::{ExpectedKind, ItemStatus};
use vitae_fit::letter::{Language, Letter, Paragraph, ParagraphKind};
use vitae_render::{
    Content, OutputFormat, RenderOptions, Rendered, Theme, TypesetOptions, render_letter,
    text_layer,
};

fn example() -> Resume {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    let bytes = std::fs::read(path).unwrap();
    vitae_core::load(&bytes, None, &Default::default())
        .unwrap()
        .resume
}

fn letter(body: &str) -> Letter {
    Letter {
        language: Language::En,
        date: Some(PartialDate::ymd(2026, 11, 26)),
        recipient: vec!["Hiring Team".into(), "Initech".into(), "Austin, TX".into()],
        subject: Some("Application for Senior Backend Engineer".into()),
        greeting: "Dear Hiring Team at Initech,".into(),
        paragraphs: vec![
            Paragraph {
                kind: ParagraphKind::Opening,
                text: "I am writing to apply for the Senior Backend Engineer position.".into(),
                sources: Vec::new(),
            },
            Paragraph {
                kind: ParagraphKind::Achievements,
                text: body.into(),
                sources: Vec::new(),
            },
        ],
        closing: "Sincerely,".into(),
        signature: "Maya Okafor".into(),
        sources: Vec::new(),
    }
}

fn one(r: Rendered) -> Vec<u8> {
    match r {
        Rendered::One(b) => b,
        Rendered::Pages(mut p) => p.swap_remove(0),
    }
}

fn typeset(theme: Theme) -> TypesetOptions {
    let mut o = TypesetOptions::default();
    o.theme = Some(theme);
    o.date = Some(PartialDate::ymd(2026, 11, 26));
    o
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_theme_lays_out_a_letter_that_pdftotext_reads_in_order() {
    let sender = example();
    let letter = letter("At Northwind I cut p99 latency by 40% for 12 services.");
    for theme in Theme::ALL {
        let pdf = one(render_letter(
            &sender,
            &letter,
            OutputFormat::Pdf,
            &RenderOptions::default(),
            &typeset(theme),
            150.0,
        )
        .unwrap());
        let text = squash(&pdftotext(&pdf));
        let mut at = 0;
        for needle in [
            "Maya Okafor",
            "November 26, 2026",
            "Hiring Team",
            "Initech",
            "Application for Senior Backend Engineer",
            "Dear Hiring Team at Initech,",
            "I am writing to apply",
            "cut p99 latency by 40% for 12 services.",
            "Sincerely,",
        ] {
            let found = text[at..].find(needle).unwrap_or_else(|| {
                panic!("{theme}: `{needle}` missing or out of order in: {text}")
            });
            at += found + needle.len();
        }
        // The built-in reader sees the same text.
        let layer = squash(
            &text_layer(
                Content::Letter {
                    sender: &sender,
                    letter: &letter,
                },
                &RenderOptions::default(),
                &typeset(theme),
            )
            .unwrap(),
        );
        assert!(
            layer.contains("cut p99 latency by 40% for 12 services."),
            "{theme}: {layer}"
        );
    }
}

#[test]
fn letters_render_in_every_text_format_with_user_text_escaped() {
    let sender = fixtures::hostile();
    let hostile = fixtures::hostile_text();
    let letter = letter(&hostile);
    let render = |format| {
        String::from_utf8(one(render_letter(
            &sender,
            &letter,
            format,
            &RenderOptions::default(),
            &typeset(Theme::Classic),
            150.0,
        )
        .unwrap()))
        .unwrap()
    };
    let html = render(OutputFormat::Html);
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("<p><strong>Application for Senior Backend Engineer</strong></p>"));
    let md = render(OutputFormat::Md);
    assert!(
        md.contains("**Application for Senior Backend Engineer**"),
        "{md}"
    );
    assert!(
        md.contains("Hiring Team\\\nInitech"),
        "address lines are hard breaks: {md}"
    );
    let txt = render(OutputFormat::Txt);
    assert!(
        txt.lines()
            .all(|l| l.chars().count() <= 80 || !l.contains(' ')),
        "{txt}"
    );
    assert!(txt.contains("Sincerely,"));
    let tex = render(OutputFormat::Tex);
    assert!(
        tex.contains("\\textbf{Application for Senior Backend Engineer}"),
        "{tex}"
    );
    let typ = render(OutputFormat::Typ);
    assert!(
        typ.contains("#let vt-data = json(bytes(") && typ.ends_with("#render-letter(vt-data)\n"),
        "{typ}"
    );
    let docx = one(render_letter(
        &sender,
        &letter,
        OutputFormat::Docx,
        &RenderOptions::default(),
        &typeset(Theme::Classic),
        150.0,
    )
    .unwrap());
    assert!(docx.starts_with(b"PK"));
    // A letter is not a JSON Resume.
    assert!(
        render_letter(
            &sender,
            &letter,
            OutputFormat::Json,
            &RenderOptions::default(),
            &typeset(Theme::Classic),
            150.0
        )
        .is_err()
    );
}

#[test]
fn the_built_in_text_layer_and_pdftotext_both_read_every_bullet_of_every_theme() {
    let shown = vitae_core::variant::apply(&example(), "backend").unwrap();
    for theme in Theme::ALL {
        let options = typeset(theme);
        let render = RenderOptions::default();
        // Both readers find every bullet and heading of the rendered PDF.
        let pdf = vitae_render::render_pdf(&shown, &render, &options).unwrap();
        let poppler = pdftotext(&pdf);
        let builtin = text_layer(Content::Resume(&shown), &render, &options).unwrap();
        let headings: Vec<vitae_fit::ats::Heading> = Vec::new();
        let expected = vitae_fit::ats::ExpectedText::new(&shown, &headings);
        for (reader, text) in [("pdftotext", &poppler), ("built-in", &builtin)] {
            let read = vitae_fit::ats::read_back(&expected, text);
            assert_eq!(
                read.count(ExpectedKind::Bullet, ItemStatus::Missing),
                0,
                "{theme}/{reader}: {:#?}",
                read.items
                    .iter()
                    .filter(|i| i.status == ItemStatus::Missing)
                    .collect::<Vec<_>>()
            );
        }
    }
}

/// Text that never went through resume validation (a letter's recipient is the posting's
/// company name) may hold a run as long as the request: it must wrap and lay out in linear time,
/// not stall a thread for minutes, and read back as written.
#[test]
fn a_forty_thousand_character_word_from_a_posting_wraps_and_reads_back_intact() {
    let word: String = (0..40_000)
        .map(|i| (b'a' + (i % 26) as u8) as char)
        .collect();
    let sender = example();
    let mut letter = letter("Body.");
    letter.recipient = vec!["Hiring Team".into(), word.clone()];
    let layer = text_layer(
        Content::Letter {
            sender: &sender,
            letter: &letter,
        },
        &RenderOptions::default(),
        &typeset(Theme::Classic),
    )
    .unwrap();
    assert!(
        !layer.contains('\u{200B}'),
        "the break characters are not text"
    );
    // Wrapped over many lines (a line of 11 pt text holds ~100 characters), none of them wider
    // than the page, and nothing lost: joined, the lines give the word back.
    let lines: Vec<&str> = layer
        .lines()
        .filter(|l| !l.is_empty() && word.contains(l.trim()))
        .collect();
    assert!(lines.len() > 100, "{} lines", lines.len());
    assert!(lines.iter().all(|l| l.trim().chars().count() < 200));
    let joined: String = lines.iter().map(|l| l.trim()).collect();
    assert!(joined.contains(&word[..5_000]) && joined.ends_with(&word[word.len() - 5_000..]));
}

#[test]
fn a_letter_carries_no_last_updated_line_whatever_the_senders_design() {
    let mut sender = example();
    sender.design.last_updated = Some(true);
    let letter = letter("At Northwind I cut p99 latency by 40% for 12 services.");
    for theme in Theme::ALL {
        let options = typeset(theme);
        let letter_text = text_layer(
            Content::Letter {
                sender: &sender,
                letter: &letter,
            },
            &RenderOptions::default(),
            &options,
        )
        .unwrap();
        assert!(
            !letter_text.contains("Last updated"),
            "{theme}: {letter_text}"
        );
        // The resume itself has it.
        let resume = text_layer(
            Content::Resume(&sender),
            &RenderOptions::default(),
            &options,
        )
        .unwrap();
        assert!(resume.contains("Last updated"), "{theme}");
    }
}
