//! The format and parsing category: on the real output when the caller passes the rendered PDF's
//! text layer (name, email, phone, headings and every bullet come back, in order, without broken
//! glyphs), and always on the structure (dates an ATS can read, characters it keeps, bullets
//! without bullet marks of their own).

use super::layer::{ExpectedKind, ItemStatus, read_back};
use super::places::{Kind, Place, Shown};
use super::{AtsInput, Evidence, Sheet, TextLayer, count, shorten};
use std::collections::HashMap;
use vitae_core::date::DateValue;

const WHAT_NAME: &str = "Your name comes back from the PDF's text layer";
const WHAT_EMAIL: &str = "Your email comes back from the PDF's text layer";
const WHAT_PHONE: &str = "Your phone number comes back from the PDF's text layer";
const WHAT_HEADINGS: &str = "Every section heading comes back from the PDF's text layer";
const WHAT_BULLETS: &str = "Every bullet comes back from the PDF's text layer";
const WHAT_ORDER: &str = "Each section comes back whole and in order";
const WHAT_GLYPHS: &str = "The text layer has real text and no broken characters";

pub(super) fn score(input: &AtsInput<'_>, shown: &Shown<'_>) -> Sheet {
    let mut sheet = Sheet::default();
    match input.text_layer {
        Some(layer) => text_layer(&mut sheet, layer, &shown.list),
        None => {
            let reason = "no text layer was given";
            for (id, what) in [
                ("format.name", WHAT_NAME),
                ("format.email", WHAT_EMAIL),
                ("format.phone", WHAT_PHONE),
                ("format.headings", WHAT_HEADINGS),
                ("format.bullets", WHAT_BULLETS),
                ("format.order", WHAT_ORDER),
                ("format.glyphs", WHAT_GLYPHS),
            ] {
                sheet.skip(id, what, reason);
            }
            sheet.note(
                "The PDF's text layer was not checked, so this category is scored from the \
                 resume's structure only. Render a theme and pass its extracted text to check \
                 what an ATS actually reads.",
            );
        }
    }
    dates(&mut sheet, &shown.list);
    characters(&mut sheet, &shown.list);
    bullet_marks(&mut sheet, &shown.list);
    sheet
}

fn text_layer(sheet: &mut Sheet, layer: TextLayer<'_>, places: &[Place]) {
    let read = read_back(layer.expected, layer.text);
    let theme = layer.theme;
    // Expected items point into the shown resume; evidence points into the source.
    let by_shown: HashMap<&str, &Evidence> = places
        .iter()
        .map(|p| (p.shown_path.as_str(), &p.evidence))
        .collect();
    let evidence = |e: &Evidence, finding: &str| {
        let mut out = by_shown
            .get(e.path.as_str())
            .map_or_else(|| e.clone(), |&found| found.clone());
        out.finding = Some(finding.to_owned());
        out
    };

    for (kind, id, what, label) in [
        (ExpectedKind::Name, "format.name", WHAT_NAME, "name"),
        (ExpectedKind::Email, "format.email", WHAT_EMAIL, "email"),
        (
            ExpectedKind::Phone,
            "format.phone",
            WHAT_PHONE,
            "phone number",
        ),
    ] {
        let worth = if kind == ExpectedKind::Name {
            10.0
        } else {
            8.0
        };
        match read.items.iter().find(|i| i.kind == kind) {
            None => sheet.skip(id, what, format!("the resume has no {label}")),
            Some(item) => {
                let back = item.status != ItemStatus::Missing;
                let finding = if back {
                    "in the text layer"
                } else {
                    "not in the text layer"
                };
                sheet.check(
                    id,
                    what,
                    worth,
                    if back { 1.0 } else { 0.0 },
                    format!("“{}” {finding}", item.text),
                    vec![evidence(&item.evidence, finding)],
                );
                if !back {
                    sheet.suggest(format!(
                        "Your {label} “{}” does not come back from the `{theme}` PDF: an ATS \
                         will not see it. Check that the theme prints it as text (not in an \
                         image or a link only).",
                        item.text
                    ));
                }
            }
        }
    }

    for (kind, id, what, worth, one, many) in [
        (
            ExpectedKind::Heading,
            "format.headings",
            WHAT_HEADINGS,
            12.0,
            "heading",
            "headings",
        ),
        (
            ExpectedKind::Bullet,
            "format.bullets",
            WHAT_BULLETS,
            25.0,
            "bullet",
            "bullets",
        ),
    ] {
        let all: Vec<_> = read.items.iter().filter(|i| i.kind == kind).collect();
        if all.is_empty() {
            sheet.skip(id, what, format!("no {many} to look for"));
            continue;
        }
        let missing: Vec<Evidence> = all
            .iter()
            .filter(|i| i.status == ItemStatus::Missing)
            .map(|i| evidence(&i.evidence, "not in the text layer"))
            .collect();
        let back = all.len() - missing.len();
        sheet.check(
            id,
            what,
            worth,
            back as f64 / all.len() as f64,
            format!("{back} of {} come back", count(all.len(), one, many)),
            missing.clone(),
        );
        if let Some(first) = missing.first() {
            sheet.suggest(format!(
                "{} of the `{theme}` PDF cannot be read back, e.g. “{}”: an ATS loses them. \
                 Try another theme, and check that its font has every character.",
                count(missing.len(), one, many),
                shorten(&first.text, 60)
            ));
        }
    }

    let found = read
        .items
        .iter()
        .filter(|i| i.status != ItemStatus::Missing)
        .count();
    if found == 0 {
        sheet.skip(
            "format.order",
            WHAT_ORDER,
            "nothing came back to put in order",
        );
    } else {
        let out_of_order: Vec<Evidence> = read
            .items
            .iter()
            .filter(|i| i.status == ItemStatus::OutOfOrder)
            .map(|i| evidence(&i.evidence, "comes back, but out of order"))
            .collect();
        let in_order = found - out_of_order.len();
        let mut detail = format!("{in_order} of {found} items read back in order");
        if !read.sections_in_layout_order {
            detail.push_str(&format!(
                "; sections read as {}",
                read.section_order.join(", ")
            ));
            sheet.note(format!(
                "The `{theme}` PDF is read in another section order than laid out ({}); each \
                 section still comes back whole, which parsers handle.",
                read.section_order.join(", ")
            ));
        }
        if let Some(first) = out_of_order.first() {
            sheet.suggest(format!(
                "The `{theme}` PDF is read out of order ({} misplaced, e.g. “{}”): an ATS may \
                 attach bullets to the wrong job or section. A single-column theme reads in \
                 order.",
                count(out_of_order.len(), "item", "items"),
                shorten(&first.text, 60)
            ));
        }
        sheet.check(
            "format.order",
            WHAT_ORDER,
            12.0,
            in_order as f64 / found as f64,
            detail,
            out_of_order,
        );
    }

    let (earned, detail) = if !read.has_text {
        sheet.suggest(format!(
            "The `{theme}` PDF has no text layer an extractor can read (text drawn as images or \
             outlines): an ATS sees an empty page."
        ));
        (0.0, "no letters or digits at all".to_owned())
    } else if read.broken.is_empty() {
        (1.0, "clean".to_owned())
    } else {
        let parts: Vec<String> = read
            .broken
            .iter()
            .map(|b| format!("{} × {}: {}", b.count, b.what, b.why))
            .collect();
        sheet.suggest(format!(
            "The `{theme}` PDF's text layer has characters an ATS cannot use; use a theme whose \
             fonts map every glyph to text."
        ));
        (0.0, parts.join("; "))
    };
    sheet.check(
        "format.glyphs",
        WHAT_GLYPHS,
        10.0,
        earned,
        detail,
        Vec::new(),
    );
}

fn dates(sheet: &mut Sheet, places: &[Place]) {
    const ID: &str = "format.dates";
    const WHAT: &str = "Dates are real dates an ATS can read";
    let dates: Vec<&Place> = places.iter().filter(|p| p.kind == Kind::Date).collect();
    if dates.is_empty() {
        sheet.skip(ID, WHAT, "no dates");
        return;
    }
    let bad: Vec<Evidence> = dates
        .iter()
        .filter(|p| matches!(p.date, Some(DateValue::Text(_))))
        .map(|p| {
            p.evidence
                .clone()
                .with_finding("not a date: write YYYY-MM (or YYYY), or `present`")
        })
        .collect();
    let good = dates.len() - bad.len();
    if let Some(first) = bad.first() {
        sheet.suggest(format!(
            "Write dates as YYYY-MM (e.g. 2021-03) so the renderer prints them the same way \
             everywhere and an ATS can compute your experience: “{}” at {} is not a date.",
            first.text, first.path
        ));
    }
    sheet.check(
        ID,
        WHAT,
        5.0,
        good as f64 / dates.len() as f64,
        format!("{good} of {} readable", count(dates.len(), "date", "dates")),
        bad,
    );
}

/// Characters ATS parsers drop or garble: emoji and pictographs, private-use glyphs, invisible
/// characters, box drawing and geometric shapes.
fn odd_character(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' => {
            "an emoji or pictograph"
        }
        '\u{FE00}'..='\u{FE0F}' => "an emoji variation selector",
        '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFD}' => "a private-use character",
        '\u{FFFD}' => "a replacement character (U+FFFD)",
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => "an invisible character",
        '\u{2500}'..='\u{25FF}' => "a box-drawing or geometric symbol",
        c if c.is_control() && c != '\n' && c != '\t' && c != '\r' => "a control character",
        _ => return None,
    })
}

fn characters(sheet: &mut Sheet, places: &[Place]) {
    const ID: &str = "format.characters";
    const WHAT: &str = "The text uses only characters ATS parsers keep";
    let texts: Vec<&Place> = places.iter().filter(|p| p.kind != Kind::Date).collect();
    if texts.is_empty() {
        sheet.skip(ID, WHAT, "no text");
        return;
    }
    let bad: Vec<Evidence> = texts
        .iter()
        .filter_map(|p| {
            let (c, what) = p
                .text()
                .chars()
                .find_map(|c| odd_character(c).map(|w| (c, w)))?;
            Some(
                p.evidence
                    .clone()
                    .with_finding(format!("contains {what} (U+{:04X})", u32::from(c))),
            )
        })
        .collect();
    let good = texts.len() - bad.len();
    if !bad.is_empty() {
        sheet.suggest(format!(
            "Remove emoji, symbols and invisible characters from {}: parsers drop or garble \
             them, and a keyword with an invisible character inside no longer matches.",
            count(bad.len(), "field", "fields")
        ));
    }
    sheet.check(
        ID,
        WHAT,
        5.0,
        good as f64 / texts.len() as f64,
        format!(
            "{good} of {} are plain text",
            count(texts.len(), "field", "fields")
        ),
        bad,
    );
}

/// A bullet's own mark at its start (`• `, `- `, `1. `), which the theme's mark then doubles.
fn bullet_mark(text: &str) -> Option<String> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    if "•·▪◦‣●○■□►▸➢➤✓✔*-–—>".contains(first) {
        let rest = &t[first.len_utf8()..];
        if rest.is_empty() || rest.starts_with(char::is_whitespace) {
            return Some(first.to_string());
        }
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 2 {
        let rest = &t[digits.len()..];
        if (rest.starts_with(". ") || rest.starts_with(") ")) && !rest[2..].is_empty() {
            return Some(format!("{digits}{}", &rest[..1]));
        }
    }
    None
}

fn bullet_marks(sheet: &mut Sheet, places: &[Place]) {
    const ID: &str = "format.bullet_marks";
    const WHAT: &str = "Bullets are plain text without bullet marks of their own";
    let bullets: Vec<&Place> = places.iter().filter(|p| p.kind == Kind::Bullet).collect();
    if bullets.is_empty() {
        sheet.skip(ID, WHAT, "no bullets");
        return;
    }
    let bad: Vec<Evidence> = bullets
        .iter()
        .filter_map(|p| {
            let mark = bullet_mark(p.text())?;
            Some(p.evidence.clone().with_finding(format!(
                "starts with its own mark “{mark}”; the theme adds one"
            )))
        })
        .collect();
    let good = bullets.len() - bad.len();
    if !bad.is_empty() {
        sheet.suggest(
            "Remove the bullet marks and numbers typed at the start of bullets: the theme draws \
             real list marks, and typed ones come back doubled in the text layer.",
        );
    }
    sheet.check(
        ID,
        WHAT,
        5.0,
        good as f64 / bullets.len() as f64,
        format!("{good} of {}", count(bullets.len(), "bullet", "bullets")),
        bad,
    );
}
