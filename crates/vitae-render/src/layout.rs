//! The format-neutral document every text target serializes: a header and titled sections of
//! paragraphs, label lines and entries. It owns every decision about *what* a resume shows and in
//! which order; the writers only decide *how* it looks in their format, and must not look at the
//! [`Resume`] themselves.
//!
//! All strings here are user text, already cleaned ([`fold`]: one line, no control characters,
//! trimmed) and never empty. They are not escaped: escaping belongs to each writer's `Out`.

use crate::dates::{self, Dates};
use crate::escape::fold;
use crate::rich::{self, Item, Rich};
use crate::words::Words;
use crate::{RenderOptions, Section};
use vitae_core::DateValue;
use vitae_core::design::DateStyle;
use vitae_core::model::{Location, Resume, SectionRef};
use vitae_fit::letter::Letter;

#[derive(Debug)]
pub(crate) struct Document {
    /// The document's title (HTML `<title>`, PDF metadata): the name, or a generic word.
    pub title: String,
    /// The language of the words we added (BCP 47), and whether it is written right to left.
    pub lang: &'static str,
    pub rtl: bool,
    pub header: Header,
    pub sections: Vec<SectionBlock>,
    /// A cover letter's body, below the header (the sender); `None` for a resume. A letter has
    /// no sections.
    pub letter: Option<LetterBody>,
    /// Whether the sections are in the order the author set (the source's), which a theme keeps
    /// rather than putting its own first.
    pub author_order: bool,
}

/// The body of a cover letter, in reading order. Empty parts are left out.
#[derive(Debug, Default)]
pub(crate) struct LetterBody {
    pub date: Option<String>,
    /// Address lines.
    pub recipient: Vec<String>,
    pub subject: Option<String>,
    pub greeting: Option<String>,
    pub paragraphs: Vec<String>,
    pub closing: Option<String>,
    pub signature: Option<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Header {
    pub name: Option<String>,
    pub credentials: Vec<String>,
    pub label: Option<String>,
    pub contacts: Vec<Span>,
    /// What each of `contacts` is, in the same order (a header's icon shows it).
    pub kinds: Vec<ContactKind>,
}

/// What a contact item is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ContactKind {
    Email,
    Phone,
    Web,
    Place,
    /// A profile, by its network's name as written ("LinkedIn").
    Profile(String),
}

/// A piece of text that may link somewhere.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub text: String,
    /// Where a link goes, only for schemes that are safe to follow (http, https, mailto, tel).
    pub href: Option<String>,
    /// The URL to print next to the text where links cannot be followed (plain text), `None` when
    /// the text already says it (an email address, a URL shown as itself).
    pub url: Option<String>,
}

#[derive(Debug)]
pub(crate) struct SectionBlock {
    pub kind: Section,
    /// A custom section's index in [`Resume::custom_sections`].
    pub custom: Option<usize>,
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug)]
pub(crate) enum Block {
    Paragraph(Rich),
    /// "Label: text", e.g. a skill category and its skills.
    Line(Line),
    Entry(Box<Entry>),
}

#[derive(Debug)]
pub(crate) struct Line {
    pub label: Option<String>,
    pub text: String,
}

/// A job, a degree, a project...: everything optional, but never all empty.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    pub title: Option<Span>,
    pub subtitle: Option<Span>,
    pub location: Option<String>,
    pub dates: Option<Dates>,
    pub paragraphs: Vec<Rich>,
    pub details: Vec<Detail>,
    pub bullets: Vec<Item>,
    /// An education entry whose degree is short enough for a column of its own ("BS", "PhD").
    pub degree: Option<Degree>,
}

/// A short degree, and the entry's title and subtitle without it: what a theme shows when the
/// design puts degrees in a column ([`vitae_core::design::Columns`]).
#[derive(Debug)]
pub(crate) struct Degree {
    pub degree: String,
    pub title: Option<Span>,
    pub subtitle: Option<Span>,
}

/// The most characters a degree may have to stand in a column: "PhD", "B.Sc.", "M.Eng.", "MBA";
/// "Bachelor of Science" stays in the title.
const SHORT_DEGREE: usize = 8;

/// A labelled fact of an entry: "Technologies: Rust, Go". The label is one of our words.
#[derive(Debug)]
pub(crate) struct Detail {
    pub label: &'static str,
    pub text: String,
}

/// A built-in section's heading: the author's (`own`, from `Resume::section_titles`: RenderCV's
/// "Selected Honors"), else ours in the language.
pub(crate) fn section_title(own: Option<&String>, kind: Section, words: &Words) -> String {
    own.map(|t| clean(t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| words.section_title(kind).to_owned())
}

/// Builds the document for `resume`. Sections without content are left out.
pub(crate) fn build(resume: &Resume, options: &RenderOptions, words: &Words) -> Document {
    let ds = options
        .dates
        .or(resume.design.dates)
        .unwrap_or(DateStyle::Short);
    let mut sections = Vec::new();
    for slot in section_order(resume, options) {
        if let Some(k) = slot.custom {
            sections.extend(custom_section(resume, k, words, ds));
            continue;
        }
        let kind = slot.section;
        let blocks = blocks(resume, kind, words, ds);
        if !blocks.is_empty() {
            sections.push(SectionBlock {
                kind,
                custom: None,
                title: section_title(resume.section_titles.get(&kind), kind, words),
                blocks,
            });
        }
    }
    let header = header(resume);
    Document {
        title: header
            .name
            .clone()
            .unwrap_or_else(|| words.untitled.to_owned()),
        lang: words.code,
        rtl: words.rtl,
        header,
        sections,
        letter: None,
        author_order: options.section_order.is_none() && !resume.section_order.is_empty(),
    }
}

/// One paragraph of a letter: its lines (the recipient's address has several), shown strong (the
/// subject) or not.
#[derive(Debug, PartialEq)]
pub(crate) struct LetterBlock<'a> {
    pub lines: Vec<&'a str>,
    pub strong: bool,
}

impl LetterBody {
    /// The letter as paragraphs in reading order, which every writer lays out the same way.
    pub(crate) fn blocks(&self) -> Vec<LetterBlock<'_>> {
        fn one(s: &Option<String>, strong: bool) -> Option<LetterBlock<'_>> {
            s.as_deref().map(|s| LetterBlock {
                lines: vec![s],
                strong,
            })
        }
        let mut blocks = Vec::new();
        blocks.extend(one(&self.date, false));
        if !self.recipient.is_empty() {
            blocks.push(LetterBlock {
                lines: self.recipient.iter().map(String::as_str).collect(),
                strong: false,
            });
        }
        blocks.extend(one(&self.subject, true));
        blocks.extend(one(&self.greeting, false));
        blocks.extend(self.paragraphs.iter().map(|p| LetterBlock {
            lines: vec![p],
            strong: false,
        }));
        blocks.extend(one(&self.closing, false));
        blocks.extend(one(&self.signature, false));
        blocks
    }
}

/// Builds a cover letter: the resume's header as the sender, then the letter. The title (PDF
/// metadata, HTML `<title>`) is the letter's subject, else the sender's name.
pub(crate) fn build_letter(resume: &Resume, letter: &Letter, words: &Words) -> Document {
    let header = header(resume);
    let body = LetterBody {
        date: letter.date.map(|d| dates::letter_date(d, words)),
        recipient: list(&letter.recipient),
        subject: opt(&letter.subject),
        greeting: Some(clean(&letter.greeting)).filter(|s| !s.is_empty()),
        paragraphs: letter
            .paragraphs
            .iter()
            .flat_map(|p| paragraphs(&p.text))
            .collect(),
        closing: Some(clean(&letter.closing)).filter(|s| !s.is_empty()),
        signature: Some(clean(&letter.signature)).filter(|s| !s.is_empty()),
    };
    Document {
        title: body
            .subject
            .clone()
            .or_else(|| header.name.clone())
            .unwrap_or_else(|| words.untitled.to_owned()),
        lang: words.code,
        rtl: words.rtl,
        header,
        sections: Vec::new(),
        letter: Some(body),
        author_order: false,
    }
}

/// The requested order first, then every other section in the default order: an order is a
/// preference, not a filter (choosing what to show is the variant layer's job), so nothing the
/// resume holds disappears because an order list forgot it.
/// The sections in the order they are shown: the order asked for in the options (its sections
/// first, the rest in the default order), else the author's (`Resume::section_order`, then what it
/// does not name, in the default order), else the default. Custom sections are one slot each.
fn section_order(resume: &Resume, options: &RenderOptions) -> Vec<SectionRef> {
    let builtin = |section| SectionRef {
        section,
        custom: None,
    };
    let first: Vec<SectionRef> = match &options.section_order {
        Some(order) => order.iter().copied().map(builtin).collect(),
        None => resume.section_order.clone(),
    };
    let mut order: Vec<SectionRef> = Vec::with_capacity(Section::ALL.len() + first.len());
    let rest = Section::ALL.iter().copied().map(builtin);
    for slot in first.into_iter().chain(rest) {
        let slots: Vec<SectionRef> = if slot.section == Section::Custom && slot.custom.is_none() {
            // "The custom sections": each one not placed already, in the source's order.
            (0..resume.custom_sections.len())
                .map(|k| SectionRef {
                    section: Section::Custom,
                    custom: Some(k),
                })
                .collect()
        } else {
            vec![slot]
        };
        for slot in slots {
            if !order.contains(&slot) {
                order.push(slot);
            }
        }
    }
    order
}

fn header(resume: &Resume) -> Header {
    let b = &resume.basics;
    let mut contacts = Vec::new();
    let mut kinds = Vec::new();
    if let Some(email) = opt(&b.email) {
        contacts.push(Span {
            href: email_href(&email),
            text: email,
            url: None,
        });
        kinds.push(ContactKind::Email);
    }
    if let Some(phone) = opt(&b.phone) {
        contacts.push(Span {
            href: phone_href(&phone),
            text: phone,
            url: None,
        });
        kinds.push(ContactKind::Phone);
    }
    if let Some(url) = opt(&b.url) {
        contacts.push(Span::url(url));
        kinds.push(ContactKind::Web);
    }
    if let Some(place) = location(&b.location) {
        contacts.push(Span::plain(place));
        kinds.push(ContactKind::Place);
    }
    for p in &b.profiles {
        let network = clean(&p.network);
        let username = opt(&p.username);
        let url = opt(&p.url);
        let text = match (network.is_empty(), username) {
            (false, Some(user)) => Some(format!("{network}: {user}")),
            (true, Some(user)) => Some(user),
            (false, None) => Some(network.clone()),
            (true, None) => None,
        };
        if let Some(span) = Span::titled(text, url) {
            contacts.push(span);
            kinds.push(ContactKind::Profile(network));
        }
    }
    Header {
        name: Some(clean(&b.name)).filter(|s| !s.is_empty()),
        credentials: list(&b.credentials),
        label: opt(&b.label),
        contacts,
        kinds,
    }
}

/// Street, city, "region postal code", country: everything the author wrote, in postal order.
fn location(l: &Location) -> Option<String> {
    let region = [opt(&l.region), opt(&l.postal_code)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let parts: Vec<String> = [opt(&l.address), opt(&l.city), Some(region), opt(&l.country)]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn blocks(r: &Resume, kind: Section, w: &Words, ds: DateStyle) -> Vec<Block> {
    match kind {
        Section::Summary => r
            .summary
            .base
            .as_deref()
            .map(|t| rich::paragraphs(t, &r.inline))
            .unwrap_or_default()
            .into_iter()
            .map(Block::Paragraph)
            .collect(),
        Section::Experience => entries(r.experience.iter().map(|e| {
            let url = opt(&e.url);
            let (title, subtitle) = title_at(opt(&e.title), Some(clean(&e.company)), url);
            Entry {
                title,
                subtitle,
                location: opt(&e.location),
                dates: dates::range(e.start.as_ref(), e.end.as_ref(), w, ds),
                paragraphs: [&e.description, &e.summary]
                    .into_iter()
                    .flatten()
                    .flat_map(|t| rich::paragraphs(t, &r.inline))
                    .collect(),
                details: Vec::new(),
                bullets: e
                    .bullets
                    .iter()
                    .filter_map(|b| rich::item(&b.text, &r.inline))
                    .collect(),
                degree: None,
            }
        })),
        Section::Skills => r
            .skills
            .iter()
            .filter_map(|c| {
                let items: Vec<String> = c.items.iter().filter_map(|s| skill(s, w)).collect();
                let name = clean(&c.title());
                let label = match opt(&c.level) {
                    Some(level) if name.is_empty() => Some(level),
                    Some(level) => Some(format!("{name} ({level})")),
                    None => Some(name).filter(|s| !s.is_empty()),
                };
                line(label, items.join(", "))
            })
            .collect(),
        Section::Projects => entries(r.projects.iter().map(|p| {
            let mut details = Vec::new();
            detail(&mut details, w.roles, list(&p.roles).join(", "));
            detail(&mut details, w.kind, opt(&p.kind).unwrap_or_default());
            // The category is how the source groups projects for variants (`open_source`), not
            // something a reader of the resume needs.
            detail(
                &mut details,
                w.technologies,
                list(&p.technologies).join(", "),
            );
            Entry {
                title: Span::titled(Some(clean(&p.name)).filter(|s| !s.is_empty()), opt(&p.url)),
                subtitle: opt(&p.entity).map(Span::plain),
                location: None,
                dates: dates::range(p.start.as_ref(), p.end.as_ref(), w, ds),
                paragraphs: prose(&p.description, r),
                details,
                bullets: rich::items(&p.highlights, &r.inline),
                degree: None,
            }
        })),
        Section::Education => entries(r.education.iter().map(|e| {
            let column = opt(&e.degree)
                .filter(|d| d.chars().count() <= SHORT_DEGREE)
                .map(|d| {
                    let (title, subtitle) =
                        title_at(opt(&e.field), Some(clean(&e.institution)), opt(&e.url));
                    Degree {
                        degree: d,
                        title,
                        subtitle,
                    }
                });
            let degree = match (opt(&e.degree), opt(&e.field)) {
                (Some(d), Some(f)) => Some(w.degree(&d, &f)),
                (d, f) => d.or(f),
            };
            let (title, subtitle) = title_at(degree, Some(clean(&e.institution)), opt(&e.url));
            let mut details = Vec::new();
            detail(&mut details, w.grade, opt(&e.score).unwrap_or_default());
            detail(&mut details, w.thesis, opt(&e.thesis).unwrap_or_default());
            detail(&mut details, w.honors, list(&e.honors).join(", "));
            detail(&mut details, w.courses, list(&e.courses).join(", "));
            Entry {
                title,
                subtitle,
                location: opt(&e.location),
                dates: dates::range(e.start.as_ref(), e.end.as_ref(), w, ds),
                details,
                bullets: rich::items(&e.highlights, &r.inline),
                degree: column,
                ..Entry::default()
            }
        })),
        Section::Certifications => entries(r.certifications.iter().map(|c| {
            let mut details = Vec::new();
            if let Some(exp) = c.expires.as_ref().map(|d| dates::date(d, w, ds)) {
                detail(&mut details, w.expires, exp);
            }
            detail(
                &mut details,
                w.credential_id,
                opt(&c.credential_id).unwrap_or_default(),
            );
            Entry {
                title: Span::titled(Some(clean(&c.name)).filter(|s| !s.is_empty()), opt(&c.url)),
                subtitle: opt(&c.issuer).map(Span::plain),
                dates: single(c.date.as_ref(), w, ds),
                details,
                ..Entry::default()
            }
        })),
        Section::Publications => entries(r.publications.iter().map(|p| {
            let mut details = Vec::new();
            detail(&mut details, w.authors, list(&p.authors).join(", "));
            detail(&mut details, w.doi, opt(&p.doi).unwrap_or_default());
            Entry {
                title: Span::titled(Some(clean(&p.name)).filter(|s| !s.is_empty()), opt(&p.url)),
                // Where it appeared, as a citation reads: journal or conference, volume, pages,
                // place, publisher (resume-cli's `type` only chose this order).
                subtitle: Some(
                    [
                        &p.journal,
                        &p.conference,
                        &p.volume,
                        &p.pages,
                        &p.location,
                        &p.publisher,
                    ]
                    .into_iter()
                    .filter_map(opt)
                    .collect::<Vec<_>>()
                    .join(", "),
                )
                .filter(|s| !s.is_empty())
                .map(Span::plain),
                dates: single(p.date.as_ref(), w, ds),
                paragraphs: prose(&p.summary, r),
                details,
                ..Entry::default()
            }
        })),
        Section::Awards => entries(r.awards.iter().map(|a| {
            Entry {
                title: Some(clean(&a.title))
                    .filter(|s| !s.is_empty())
                    .map(Span::plain),
                subtitle: opt(&a.awarder).map(Span::plain),
                dates: single(a.date.as_ref(), w, ds),
                paragraphs: prose(&a.summary, r),
                ..Entry::default()
            }
        })),
        Section::Volunteer => entries(r.volunteer.iter().map(|v| {
            let (title, subtitle) =
                title_at(opt(&v.position), Some(clean(&v.organization)), opt(&v.url));
            Entry {
                title,
                subtitle,
                dates: dates::range(v.start.as_ref(), v.end.as_ref(), w, ds),
                paragraphs: prose(&v.summary, r),
                bullets: rich::items(&v.highlights, &r.inline),
                ..Entry::default()
            }
        })),
        Section::Languages => r
            .languages
            .iter()
            .filter_map(|l| {
                let language = clean(&l.language);
                match opt(&l.fluency) {
                    Some(fluency) if !language.is_empty() => line(Some(language), fluency),
                    Some(fluency) => line(None, fluency),
                    None => line(None, language),
                }
            })
            .collect(),
        Section::Interests => r
            .interests
            .iter()
            .filter_map(|i| {
                let name = clean(&i.name);
                let keywords = list(&i.keywords).join(", ");
                if keywords.is_empty() {
                    line(None, name)
                } else {
                    line(Some(name).filter(|s| !s.is_empty()), keywords)
                }
            })
            .collect(),
        Section::Affiliations => entries(r.affiliations.iter().map(|a| {
            let (title, subtitle) =
                title_at(opt(&a.role), Some(clean(&a.organization)), opt(&a.url));
            Entry {
                title,
                subtitle,
                location: opt(&a.location),
                dates: dates::range(a.start.as_ref(), a.end.as_ref(), w, ds),
                ..Entry::default()
            }
        })),
        Section::References => entries(r.references.iter().map(|x| {
            Entry {
                title: Some(clean(&x.name))
                    .filter(|s| !s.is_empty())
                    .map(Span::plain),
                paragraphs: prose(&x.reference, r),
                ..Entry::default()
            }
        })),
        // Custom sections are many sections, built by `custom_sections`.
        Section::Custom => Vec::new(),
    }
}

/// The custom section at index `i`, when it has something to show.
fn custom_section(r: &Resume, i: usize, w: &Words, ds: DateStyle) -> Option<SectionBlock> {
    r.custom_sections.get(i).and_then(|s| {
        {
            let blocks = entries(s.entries.iter().map(|e| Entry {
                title: Span::titled(opt(&e.title), opt(&e.url)),
                subtitle: opt(&e.subtitle).map(Span::plain),
                location: opt(&e.location),
                // A free-text date ("Spring 2020") wins over structured ends: it is what the author
                // chose to show.
                dates: match opt(&e.date) {
                    Some(first) => Some(Dates { first, last: None }),
                    None => dates::range(e.start.as_ref(), e.end.as_ref(), w, ds),
                },
                paragraphs: prose(&e.summary, r),
                details: Vec::new(),
                bullets: rich::items(&e.bullets, &r.inline),
                degree: None,
            }));
            let title = Some(clean(&s.title)).filter(|t| !t.is_empty());
            (!blocks.is_empty()).then(|| SectionBlock {
                kind: Section::Custom,
                custom: Some(i),
                title: title.unwrap_or_else(|| w.untitled_section.to_owned()),
                blocks,
            })
        }
    })
}

/// "Role at Organization": the role is the title and the organization (with its link) the subtitle;
/// without a role, the organization becomes the title.
fn title_at(
    role: Option<String>,
    org: Option<String>,
    url: Option<String>,
) -> (Option<Span>, Option<Span>) {
    let org = org.filter(|s| !s.is_empty());
    match (role, org) {
        (Some(role), Some(org)) => (Some(Span::plain(role)), Some(Span::linked(org, url))),
        (Some(role), None) => (Some(Span::linked(role, url)), None),
        (None, Some(org)) => (Some(Span::linked(org, url)), None),
        (None, None) => (Span::titled(None, url), None),
    }
}

fn skill(s: &vitae_core::model::Skill, w: &Words) -> Option<String> {
    let name = clean(&s.name);
    if name.is_empty() {
        return None;
    }
    let mut meta: Vec<String> = opt(&s.level).into_iter().collect();
    if let Some(years) = s.years.filter(|y| y.is_finite() && *y > 0.0) {
        let unit = if years == 1.0 { w.years.0 } else { w.years.1 };
        meta.push(format!("{years} {unit}"));
    }
    let parts: Vec<String> = [meta.join(", "), list(&s.keywords).join(", ")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    Some(if parts.is_empty() {
        name
    } else {
        format!("{name} ({})", parts.join("; "))
    })
}

fn entries(entries: impl Iterator<Item = Entry>) -> Vec<Block> {
    entries
        .filter(|e| {
            e.title.is_some()
                || e.subtitle.is_some()
                || e.location.is_some()
                || e.dates.is_some()
                || !e.paragraphs.is_empty()
                || !e.details.is_empty()
                || !e.bullets.is_empty()
        })
        .map(|e| Block::Entry(Box::new(e)))
        .collect()
}

fn line(label: Option<String>, text: String) -> Option<Block> {
    match (label, text.is_empty()) {
        (label, false) => Some(Block::Line(Line { label, text })),
        (Some(label), true) => Some(Block::Line(Line {
            label: None,
            text: label,
        })),
        (None, true) => None,
    }
}

fn detail(details: &mut Vec<Detail>, label: &'static str, text: String) {
    if !text.is_empty() {
        details.push(Detail { label, text });
    }
}

fn single(d: Option<&DateValue>, w: &Words, ds: DateStyle) -> Option<Dates> {
    dates::range(d, None, w, ds)
}

impl Span {
    fn plain(text: String) -> Span {
        Span {
            text,
            href: None,
            url: None,
        }
    }

    fn linked(text: String, url: Option<String>) -> Span {
        let href = url.as_deref().and_then(web_href);
        Span { text, href, url }
    }

    /// A title linked to `url`; without a title, the URL itself, so a lone URL is not lost.
    fn titled(text: Option<String>, url: Option<String>) -> Option<Span> {
        match (text, url) {
            (Some(text), url) => Some(Span::linked(text, url)),
            (None, Some(url)) => Some(Span::url(url)),
            (None, None) => None,
        }
    }

    /// A URL shown as itself.
    fn url(url: String) -> Span {
        Span {
            href: web_href(&url),
            text: url,
            url: None,
        }
    }
}

/// Optional prose of `r` as paragraphs with their formatting.
fn prose(text: &Option<String>, r: &Resume) -> Vec<Rich> {
    text.as_deref()
        .map(|t| rich::paragraphs(t, &r.inline))
        .unwrap_or_default()
}

fn clean(s: &str) -> String {
    fold(s)
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().map(fold).filter(|s| !s.is_empty())
}

fn list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|s| fold(s))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Splits text at blank lines; each paragraph is folded onto one line.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push(fold(&current));
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    out.push(fold(&current));
    out.retain(|p| !p.is_empty());
    out
}

/// The link target for a web URL, or `None` when following it would be unsafe or meaningless.
/// Only http, https, mailto and tel links are made: `javascript:`, `data:`, `file:` and every other
/// scheme stay text. A bare host ("github.com/ada", "www.x.dev") gets `https://`, as people write
/// URLs on resumes that way.
pub(crate) fn web_href(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control()) {
        return None;
    }
    // "example.com:8080" is, by the letter of RFC 3986, the scheme "example.com"; no registered
    // scheme people put on a resume has a dot, so a dotted "scheme" is read as a host and port.
    if let Some(scheme) = scheme(url).filter(|s| !s.contains('.')) {
        let safe = ["http", "https", "mailto", "tel"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(scheme));
        // "https:" alone or "https:foo" is not a usable link.
        let has_target = url.len() > scheme.len() + 1;
        return (safe && has_target).then(|| url.to_owned());
    }
    if let Some(rest) = url.strip_prefix("//") {
        return looks_like_host(rest).then(|| format!("https://{rest}"));
    }
    looks_like_host(url).then(|| format!("https://{url}"))
}

/// The scheme of an absolute URL (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`).
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// "example.com", "www.example.com/path": a dotted host of URL-safe characters with no `@`
/// (an email address is not a web page).
fn looks_like_host(s: &str) -> bool {
    let host = s.split(['/', '?', '#']).next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default();
    host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

fn email_href(email: &str) -> Option<String> {
    let (local, domain) = email.split_once('@')?;
    let ok = !local.is_empty()
        && domain.contains('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| format!("mailto:{email}"))
}

/// `tel:` with the digits and a leading `+` only, as RFC 3966 wants ("+1 (555) 010-0100" →
/// "tel:+15550100100").
fn phone_href(phone: &str) -> Option<String> {
    // Only text that is plainly a phone number is dialable; anything else stays text.
    let phone_like = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/'));
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if !phone_like || digits.len() < 3 {
        return None;
    }
    let plus = if phone.trim_start().starts_with('+') {
        "+"
    } else {
        ""
    };
    Some(format!("tel:{plus}{digits}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_schemes_become_links() {
        let cases = [
            ("https://example.com/a", Some("https://example.com/a")),
            ("HTTP://EXAMPLE.COM", Some("HTTP://EXAMPLE.COM")),
            ("mailto:ada@example.com", Some("mailto:ada@example.com")),
            ("tel:+15550100", Some("tel:+15550100")),
            ("github.com/ada", Some("https://github.com/ada")),
            ("www.ada.dev", Some("https://www.ada.dev")),
            ("//cdn.example.com/x", Some("https://cdn.example.com/x")),
            ("example.com:8080/x", Some("https://example.com:8080/x")),
            ("javascript:alert(1)", None),
            ("JaVaScRiPt:alert(1)", None),
            (" javascript:alert(1)", None),
            ("java\tscript:alert(1)", None),
            ("data:text/html,<script>", None),
            ("file:///etc/passwd", None),
            ("vbscript:msgbox", None),
            ("https:", None),
            ("localhost:8080", None),
            ("ada", None),
            ("ada@example.com", None),
            ("", None),
            ("a b.com", None),
        ];
        for (url, expected) in cases {
            assert_eq!(web_href(url).as_deref(), expected, "{url:?}");
        }
    }

    #[test]
    fn emails_and_phones_get_their_schemes() {
        assert_eq!(
            email_href("ada@example.com").as_deref(),
            Some("mailto:ada@example.com")
        );
        assert_eq!(email_href("not an email"), None);
        assert_eq!(email_href("a b@example.com"), None);
        assert_eq!(
            phone_href("+1 (555) 010-0100").as_deref(),
            Some("tel:+15550100100")
        );
        assert_eq!(
            phone_href("020 7946 0000").as_deref(),
            Some("tel:02079460000")
        );
        assert_eq!(phone_href("call me"), None);
        assert_eq!(phone_href("555-0100 ext. 12"), None);
        assert_eq!(phone_href("{{7*7}} 100% #1"), None);
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_fold_single_newlines() {
        let cases: [(&str, &[&str]); 5] = [
            ("one", &["one"]),
            ("one\ntwo", &["one two"]),
            ("one\n\ntwo", &["one", "two"]),
            ("\n\n one \n \n\n two \r\n", &["one", "two"]),
            ("  \n ", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(paragraphs(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_section_order_puts_the_listed_sections_first_and_keeps_the_rest() {
        let options = RenderOptions {
            section_order: Some(vec![Section::Education, Section::Skills]),
            ..RenderOptions::default()
        };
        // The author's order gives way to the one asked for.
        let resume = Resume {
            custom_sections: vec![Default::default(), Default::default()],
            section_order: vec![SectionRef {
                section: Section::Custom,
                custom: Some(1),
            }],
            ..Resume::default()
        };
        let order = section_order(&resume, &options);
        let sections: Vec<(Section, Option<usize>)> =
            order.iter().map(|s| (s.section, s.custom)).collect();
        assert_eq!(order.len(), Section::ALL.len() - 1 + 2);
        assert_eq!(
            &sections[..3],
            &[
                (Section::Education, None),
                (Section::Skills, None),
                (Section::Summary, None)
            ]
        );
        assert_eq!(
            &sections[sections.len() - 2..],
            &[(Section::Custom, Some(0)), (Section::Custom, Some(1))]
        );
        // Without one, the author's order leads.
        let order = section_order(&resume, &RenderOptions::default());
        assert_eq!(
            (order[0].section, order[0].custom),
            (Section::Custom, Some(1))
        );
        assert_eq!(
            (order[1].section, order[1].custom),
            (Section::Summary, None)
        );
    }
}
