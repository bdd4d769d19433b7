//! The JSON a theme reads. One schema for every theme (documented in `themes/common.typ`):
//!
//! ```text
//! { meta:     { title, author, subject, keywords: [..], lang, dir, date },
//!   style:    { paper, accent, font, font_size, margin_mm, scale, gaps, section_titles, columns,
//!               page_numbers },
//!   header:   { name, credentials: [..], label, contacts: [{ text, href, icon }], photo, updated },
//!   sections: [{ kind, title, blocks: [
//!       { type: "paragraph", text }
//!     | { type: "line", label, text }
//!     | { type: "entry", title: {text, href}, subtitle: {text, href}, location, dates,
//!         degree: null | { degree, title, subtitle }, paragraphs: [..], details: [{label, text}],
//!         bullets: [..] } ] }],
//!   letter:   null | { date, recipient: [..], subject, greeting, paragraphs: [..], closing,
//!               signature } }
//! ```
//!
//! A cover letter has no sections; a resume has no letter.
//!
//! Absent values are `null`; strings are user text, never markup. Long runs without a break
//! opportunity get invisible ones ([`breakable`]) so that they wrap and lay out in linear time.

use super::{Columns, DateStyle, Design, LinkStyle};
use crate::Locale;
use crate::layout::{Block, ContactKind, Document, Span};
use crate::rich::Rich;
use serde_json::{Value, json};
use unicode_segmentation::UnicodeSegmentation;
use vitae_core::model::Resume;
use vitae_core::{DateValue, PartialDate};

fn span(s: &Option<Span>) -> Value {
    s.as_ref()
        .map_or(Value::Null, |s| json!({ "text": s.text, "href": s.href }))
}

/// A web address in the header as people print one: without its scheme, a leading `www.` or a
/// trailing slash (`https://maya.dev/` → `maya.dev`); the link keeps the full address. Any
/// other text is kept as written.
fn short_url(text: &str) -> &str {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return text;
    };
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() { text } else { rest }
}

/// The icons a header may show, from Font Awesome Free 6.7.2 (icons CC BY 4.0; `icons/`), as
/// SVG the themes draw as pictures: they add nothing to the text layer an ATS reads.
const ICONS: &[(&str, &str)] = &[
    ("envelope", include_str!("../../icons/envelope.svg")),
    ("phone", include_str!("../../icons/phone.svg")),
    ("globe", include_str!("../../icons/globe.svg")),
    ("location-dot", include_str!("../../icons/location-dot.svg")),
    ("link", include_str!("../../icons/link.svg")),
    ("linkedin", include_str!("../../icons/linkedin.svg")),
    ("github", include_str!("../../icons/github.svg")),
    ("gitlab", include_str!("../../icons/gitlab.svg")),
    ("x-twitter", include_str!("../../icons/x-twitter.svg")),
    ("orcid", include_str!("../../icons/orcid.svg")),
    (
        "stack-overflow",
        include_str!("../../icons/stack-overflow.svg"),
    ),
    ("mastodon", include_str!("../../icons/mastodon.svg")),
    ("researchgate", include_str!("../../icons/researchgate.svg")),
    (
        "google-scholar",
        include_str!("../../icons/google-scholar.svg"),
    ),
    ("youtube", include_str!("../../icons/youtube.svg")),
    ("instagram", include_str!("../../icons/instagram.svg")),
    ("bluesky", include_str!("../../icons/bluesky.svg")),
    ("telegram", include_str!("../../icons/telegram.svg")),
    ("medium", include_str!("../../icons/medium.svg")),
    ("kaggle", include_str!("../../icons/kaggle.svg")),
];

/// The name of a contact item's icon in [`ICONS`]: its kind's, a profile's network's (by name,
/// any case and spacing: "Stack Overflow", "stackoverflow"), else `link`.
fn icon_name(kind: &ContactKind) -> &'static str {
    match kind {
        ContactKind::Email => "envelope",
        ContactKind::Phone => "phone",
        ContactKind::Web => "globe",
        ContactKind::Place => "location-dot",
        ContactKind::Profile(network) => {
            let key: String = network
                .chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
                .to_lowercase();
            match key.as_str() {
                "x" | "twitter" => "x-twitter",
                "stackoverflow" => "stack-overflow",
                "googlescholar" | "scholar" => "google-scholar",
                other => ICONS
                    .iter()
                    .map(|(n, _)| *n)
                    .find(|n| n.replace('-', "") == other)
                    .unwrap_or("link"),
            }
        }
    }
}

/// The SVG of a contact item's icon.
fn icon(kind: &ContactKind) -> &'static str {
    let name = icon_name(kind);
    ICONS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, svg)| svg)
}

/// A profile's text without its network's name when its icon shows the network
/// ("LinkedIn: ada" → "ada" beside the LinkedIn logo); with the plain link icon, as it is.
fn without_network<'a>(text: &'a str, kind: &ContactKind) -> &'a str {
    match kind {
        ContactKind::Profile(network) if icon_name(kind) != "link" => text
            .strip_prefix(network.as_str())
            .and_then(|rest| rest.strip_prefix(": "))
            .filter(|rest| !rest.trim().is_empty())
            .unwrap_or(text),
        _ => text,
    }
}

/// How the document is set, beside what it says.
pub(super) struct Style<'a> {
    pub design: &'a Design,
    /// The photo's path in the render's sandbox.
    pub photo: Option<&'static str>,
    /// The document's date (metadata, and "last updated" when the source gives none).
    pub date: Option<PartialDate>,
    pub dates: DateStyle,
    /// Type and spacing scale (fitting to fewer pages).
    pub scale: f64,
    /// The factor on vertical gaps alone (pulling a short last page back).
    pub gaps: f64,
}

/// "Last updated in Dec 2026": the source's `meta.last_updated` (as written when it is no
/// date), else the document's date; `None` unless the design asks for the line.
fn last_updated(resume: &Resume, locale: &Locale, style: &Style) -> Option<String> {
    if style.design.last_updated != Some(true) {
        return None;
    }
    let when = match resume.meta.last_updated.as_deref().map(str::trim) {
        Some(text) if !text.is_empty() => {
            // JSON Resume's `lastModified` is a date and a time; the day is what counts.
            let day = text.split_once('T').map_or(text, |(day, _)| day);
            match DateValue::parse(day) {
                DateValue::Date(d) => DateValue::Date(d),
                _ => DateValue::Text(text.to_owned()),
            }
        }
        _ => DateValue::Date(style.date?),
    };
    let when = crate::dates::date(&when, locale, style.dates);
    Some(format!("{} {when}", locale.last_updated()))
}

/// The document's metadata (PDF title, author, subject, keywords, date).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Info {
    pub title: String,
    pub author: String,
    pub subject: Option<String>,
    pub keywords: Vec<String>,
    pub date: Option<PartialDate>,
}

impl Info {
    fn to_json(&self) -> Value {
        json!({
            "title": self.title,
            "author": self.author,
            "subject": self.subject,
            "keywords": self.keywords,
            "date": self.date.map(|d| json!({ "year": d.year, "month": d.month.unwrap_or(1), "day": d.day.unwrap_or(1) })),
        })
    }
}

/// The data a theme reads, and the document's metadata. The metadata is in the data either way
/// (a user's theme may print it). With `standalone` (`.typ` output, which the `typst` CLI
/// compiles) `meta.standalone` asks the theme's `set document` to set it; otherwise the engine
/// sets it on the laid-out document: a `set document` wraps every paragraph's styles, so a
/// changed name or skill would make every paragraph's memoized layout a miss.
pub(super) fn to_json(
    doc: &Document,
    resume: &Resume,
    locale: &Locale,
    style: &Style,
    standalone: bool,
) -> (String, Info) {
    let design = style.design;
    let lang = locale.code;
    let rtl = locale.rtl;
    let scale = style.scale;
    let short_links = design.links != Some(LinkStyle::Full);
    // A letter's metadata names no skills: its keywords would be the resume's, not the letter's.
    let keywords: Vec<String> = match doc.letter {
        Some(_) => Vec::new(),
        None => resume
            .skills
            .iter()
            .flat_map(|c| c.items.iter().map(|s| s.name.clone()))
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
                    Block::Paragraph(text) => json!({ "type": "paragraph", "text": prose(text) }),
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
                        "degree": e.degree.as_ref().map(|d| json!({
                            "degree": d.degree,
                            "title": span(&d.title),
                            "subtitle": span(&d.subtitle),
                        })),
                        "paragraphs": e.paragraphs.iter().map(prose).collect::<Vec<_>>(),
                        "details": e.details.iter().map(|d| json!({ "label": d.label, "text": d.text })).collect::<Vec<_>>(),
                        "bullets": e.bullets.iter().map(|b| {
                            if b.children.is_empty() {
                                prose(&b.text)
                            } else {
                                json!({ "text": prose(&b.text), "children": b.children.iter().map(prose).collect::<Vec<_>>() })
                            }
                        }).collect::<Vec<_>>(),
                    }),
                })
                .collect();
            json!({ "kind": section.kind.name(), "title": section.title, "blocks": blocks })
        })
        .collect();
    let h = &doc.header;
    let info = Info {
        title: doc.title.clone(),
        author: h.name.clone().unwrap_or_default(),
        subject: h.label.clone(),
        keywords,
        date: style.date,
    };
    let mut meta = info.to_json();
    meta["standalone"] = json!(standalone);
    meta["lang"] = json!(lang);
    meta["dir"] = json!(if rtl { "rtl" } else { "ltr" });
    let value = json!({
        "meta": meta,
        "style": {
            "paper": super::typst_paper(design.paper.unwrap_or_default()),
            "accent": design.accent,
            "font": design.font,
            "font_size": design.font_size,
            "margin_mm": design.margin_mm,
            "scale": scale,
            "gaps": style.gaps,
            "section_titles": design.section_titles.map(|s| s.name()),
            "columns": design.columns.unwrap_or(Columns::Inline).name(),
            "page_numbers": design.page_numbers != Some(false),
        },
        "header": {
            "name": h.name,
            "credentials": h.credentials,
            "label": h.label,
            "contacts": h.contacts.iter().zip(&h.kinds).map(|(c, kind)| {
                let icons = design.icons == Some(true);
                let text = if short_links { short_url(&c.text) } else { c.text.as_str() };
                json!({
                    "text": if icons { without_network(text, kind) } else { text },
                    "href": c.href,
                    "icon": icons.then(|| icon(kind)),
                })
            }).collect::<Vec<_>>(),
            "photo": style.photo,
            // A letter is dated; "last updated" is a resume's.
            "updated": if doc.letter.is_none() { last_updated(resume, locale, style) } else { None },
        },
        "sections": sections,
        "order": if doc.author_order { "author" } else { "theme" },
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
    let mut value = value;
    breakable_strings(&mut value);
    (value.to_string(), info)
}

/// Prose for a theme: a string when it has no formatting (most text), else its runs.
fn prose(rich: &Rich) -> Value {
    match rich.0.as_slice() {
        [run] if !run.strong && !run.emphasis && !run.code && run.span.href.is_none() => {
            Value::String(run.span.text.clone())
        }
        runs => Value::Array(
            runs.iter()
                .map(|r| {
                    json!({
                        "text": r.span.text,
                        "strong": r.strong,
                        "emph": r.emphasis,
                        "code": r.code,
                        "href": r.span.href,
                    })
                })
                .collect(),
        ),
    }
}

/// A run longer than this many grapheme clusters gets break opportunities...
const LONG_RUN: usize = 48;
/// ...one after every this many.
const BREAK_EVERY: usize = 20;
/// U+200B ZERO WIDTH SPACE: a break opportunity that prints nothing.
const BREAK: char = '\u{200B}';

/// `text` with a zero-width break opportunity after every [`BREAK_EVERY`] grapheme clusters of a
/// run longer than [`LONG_RUN`] without one (a long URL, a hash, a hostile 40,000-character
/// word). Why: Typst sets a run it cannot break in time that grows faster than its length
/// (hyphenating and re-measuring it), and the run would overflow the margin anyway; split into
/// short pieces it wraps like text and costs linear time. Scripts written without spaces (Thai,
/// Lao, Khmer, Myanmar, CJK) are segmented by Typst itself and are left as they are.
pub(crate) fn breakable(text: &str) -> std::borrow::Cow<'_, str> {
    // Most strings are short: nothing to do, nothing to copy.
    if text.len() <= LONG_RUN {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / BREAK_EVERY * 3);
    let mut changed = false;
    let mut run: Vec<&str> = Vec::new();
    for g in text.graphemes(true) {
        let first = g.chars().next().unwrap_or(' ');
        if first == BREAK || vitae_core::limits::breaks_by_itself(first) {
            changed |= flush(&mut run, &mut out);
            out.push_str(g);
        } else {
            run.push(g);
        }
    }
    changed |= flush(&mut run, &mut out);
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Writes `run` to `out`, with breaks when it is long; says whether it added any.
fn flush(run: &mut Vec<&str>, out: &mut String) -> bool {
    let long = run.len() > LONG_RUN;
    for (i, g) in run.iter().enumerate() {
        if long && i > 0 && i % BREAK_EVERY == 0 {
            out.push(BREAK);
        }
        out.push_str(g);
    }
    run.clear();
    long
}

/// Applies [`breakable`] to every string a theme sets as text: not to link targets (`href`)
/// and not to the document's metadata, which are never laid out.
fn breakable_strings(value: &mut Value) {
    let mut stack: Vec<&mut Value> = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::String(s) => {
                if let std::borrow::Cow::Owned(o) = breakable(s) {
                    *s = o;
                }
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            Value::Object(fields) => stack.extend(
                fields
                    .iter_mut()
                    .filter(|(k, _)| k.as_str() != "href" && k.as_str() != "meta")
                    .map(|(_, v)| v),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks(text: &str) -> Vec<usize> {
        breakable(text)
            .split(BREAK)
            .map(|piece| piece.graphemes(true).count())
            .collect()
    }

    #[test]
    fn header_addresses_lose_their_scheme_and_trailing_slash() {
        assert_eq!(short_url("https://maya.dev/"), "maya.dev");
        assert_eq!(short_url("http://www.maya.dev/blog/"), "maya.dev/blog");
        assert_eq!(short_url("https://github.com/maya"), "github.com/maya");
        assert_eq!(short_url("GitHub: maya"), "GitHub: maya");
        assert_eq!(short_url("https://"), "https://");
    }

    #[test]
    fn short_runs_and_ordinary_text_are_left_alone() {
        for text in [
            "",
            "Built the difference engine",
            "Donaudampfschiffahrtsgesellschaftskapitän",
            "https://github.com/ada/engine",
            &"ก".repeat(200),
            &"漢".repeat(200),
        ] {
            assert!(
                matches!(breakable(text), std::borrow::Cow::Borrowed(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn a_long_run_gets_a_break_every_twenty_graphemes_and_keeps_its_text() {
        let word = "W".repeat(100);
        assert_eq!(breaks(&word), vec![20, 20, 20, 20, 20]);
        let text = format!("see {word} and more");
        let out = breakable(&text);
        assert_eq!(out.replace(BREAK, ""), text);
        assert!(out.starts_with("see ") && out.ends_with(" and more"));
        // Combining marks stay with their letter: no break inside a grapheme cluster.
        let accented = "e\u{301}".repeat(60);
        let out = breakable(&accented);
        assert!(!out.contains("\u{200B}\u{301}"));
        assert_eq!(out.replace(BREAK, ""), accented);
    }

    #[test]
    fn each_contact_kind_and_known_network_has_its_own_icon() {
        let by_name = |name: &str| ICONS.iter().find(|(n, _)| *n == name).unwrap().1;
        let profile = |n: &str| icon(&ContactKind::Profile(n.into()));
        assert_eq!(icon(&ContactKind::Email), by_name("envelope"));
        assert_eq!(icon(&ContactKind::Place), by_name("location-dot"));
        assert_eq!(profile("LinkedIn"), by_name("linkedin"));
        assert_eq!(profile("Stack Overflow"), by_name("stack-overflow"));
        assert_eq!(profile("Twitter"), by_name("x-twitter"));
        assert_eq!(profile("Google Scholar"), by_name("google-scholar"));
        assert_eq!(profile("Dribbble"), by_name("link"));
        assert!(
            ICONS
                .iter()
                .all(|(_, svg)| svg.starts_with("<svg") && svg.contains("<path "))
        );
        let kind = ContactKind::Profile("GitHub".into());
        assert_eq!(without_network("GitHub: ada", &kind), "ada");
        let unknown = ContactKind::Profile("Dribbble".into());
        assert_eq!(without_network("Dribbble: ada", &unknown), "Dribbble: ada");
        assert_eq!(without_network("GitHub", &kind), "GitHub");
    }
}
