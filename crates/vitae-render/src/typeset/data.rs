//! The JSON a theme reads. One schema for every theme (documented in `themes/common.typ`):
//!
//! ```text
//! { meta:     { title, author, subject, keywords: [..], lang, dir, date },
//!   style:    { paper, accent, font, font_size, margin_mm },
//!   header:   { name, credentials: [..], label, contacts: [{ text, href }] },
//!   sections: [{ kind, title, blocks: [
//!       { type: "paragraph", text }
//!     | { type: "line", label, text }
//!     | { type: "entry", title: {text, href}, subtitle: {text, href}, location, dates,
//!         paragraphs: [..], details: [{label, text}], bullets: [..] } ] }],
//!   letter:   null | { date, recipient: [..], subject, greeting, paragraphs: [..], closing,
//!               signature } }
//! ```
//!
//! A cover letter has no sections; a resume has no letter.
//!
//! Absent values are `null`; strings are user text, never markup.

use super::TypesetOptions;
use crate::layout::{Block, Document, Span};
use serde_json::{Value, json};
use vitae_core::model::Resume;

fn span(s: &Option<Span>) -> Value {
    s.as_ref()
        .map_or(Value::Null, |s| json!({ "text": s.text, "href": s.href }))
}

pub(super) fn to_json(
    doc: &Document,
    resume: &Resume,
    options: &TypesetOptions,
    lang: &str,
    rtl: bool,
    paper: &str,
) -> String {
    // A letter's metadata names no skills: its keywords would be the resume's, not the letter's.
    let keywords: Vec<&str> = match doc.letter {
        Some(_) => Vec::new(),
        None => resume
            .skills
            .iter()
            .flat_map(|c| c.items.iter().map(|s| s.name.as_str()))
            .collect(),
    };
    let sections: Vec<Value> = doc
        .sections
        .iter()
        .map(|section| {
            let blocks: Vec<Value> = section
                .blocks
                .iter()
                .map(|block| match block {
                    Block::Paragraph(text) => json!({ "type": "paragraph", "text": text }),
                    Block::Line(line) => {
                        json!({ "type": "line", "label": line.label, "text": line.text })
                    }
                    Block::Entry(e) => json!({
                        "type": "entry",
                        "title": span(&e.title),
                        "subtitle": span(&e.subtitle),
                        "location": e.location,
                        "dates": e.dates.as_ref().map(|d| match &d.last {
                            Some(last) => format!("{} – {}", d.first, last),
                            None => d.first.clone(),
                        }),
                        "paragraphs": e.paragraphs,
                        "details": e.details.iter().map(|d| json!({ "label": d.label, "text": d.text })).collect::<Vec<_>>(),
                        "bullets": e.bullets,
                    }),
                })
                .collect();
            json!({ "kind": section.kind.name(), "title": section.title, "blocks": blocks })
        })
        .collect();
    let h = &doc.header;
    let value = json!({
        "meta": {
            "title": doc.title,
            "author": h.name.clone().unwrap_or_default(),
            "subject": h.label,
            "keywords": keywords,
            "lang": lang,
            "dir": if rtl { "rtl" } else { "ltr" },
            "date": options.date.map(|d| json!({ "year": d.year, "month": d.month.unwrap_or(1), "day": d.day.unwrap_or(1) })),
        },
        "style": {
            "paper": paper,
            "accent": options.accent,
            "font": options.font,
            "font_size": options.font_size,
            "margin_mm": options.margin_mm,
        },
        "header": {
            "name": h.name,
            "credentials": h.credentials,
            "label": h.label,
            "contacts": h.contacts.iter().map(|c| json!({ "text": c.text, "href": c.href })).collect::<Vec<_>>(),
        },
        "sections": sections,
        "letter": doc.letter.as_ref().map(|l| json!({
            "date": l.date,
            "recipient": l.recipient,
            "subject": l.subject,
            "greeting": l.greeting,
            "paragraphs": l.paragraphs,
            "closing": l.closing,
            "signature": l.signature,
        })),
    });
    value.to_string()
}
