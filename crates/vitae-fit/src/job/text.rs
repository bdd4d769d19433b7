//! Plain-text postings, and the reader every format's text goes through.
//!
//! A posting is first cut into [`Block`]s: headings (`Requirements`, `## What you'll do`,
//! `**About you**`, `NICE TO HAVE`), lead-ins (`In this role you will:`), list items (`-`, `*`,
//! `•`, `1.`, `a)`) and paragraphs, with hard-wrapped lines joined back (a line continues the
//! previous one when it starts in lower case or the previous one ends mid-phrase). The HTML reader
//! produces the same blocks from markup.
//!
//! The blocks are then read in order: headings switch sections (responsibilities, requirements,
//! nice to have, benefits, ...), `Label: value` lines and job-board metadata lines (`Acme ·
//! Berlin, Germany (Hybrid)`, `$150K/yr - $180K/yr · Full-time`) fill fields, and the remaining
//! text becomes the description and the lists. A prose-only posting still yields its lists: an
//! inline `Requirements: a; b; c` is a list, and "You will ..." sentences are responsibilities.

use super::fields::{self, Field, Section};
use super::salary::{self, Mode};
use super::{EmploymentType, Job, Salary, Seniority};
use crate::keywords::{Vocabulary, normalize};
use vitae_core::date::PartialDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A heading that stands out as one (markup, markdown, emphasis, capitals, a known wording).
    Heading,
    /// A short line ending with a colon: a heading only if its wording is known.
    LeadIn,
    Item,
    Para,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) kind: Kind,
    pub(crate) text: String,
}

pub(crate) fn parse(text: &str, vocabulary: &Vocabulary) -> Job {
    let mut job = read_blocks(&blocks(text));
    job.finish(vocabulary);
    job
}

// ---------------------------------------------------------------------------------------------
// Text → blocks
// ---------------------------------------------------------------------------------------------

/// Cuts plain text into blocks, joining hard-wrapped lines.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut joinable = false;
    for raw in text.split('\n') {
        let line: String = raw
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        let t = line.trim();
        if t.is_empty() {
            joinable = false;
            continue;
        }
        if let Some(h) = markdown_heading(t) {
            push(&mut out, Kind::Heading, h);
            joinable = false;
            continue;
        }
        if let Some(item) = bullet(t) {
            push(&mut out, Kind::Item, &item);
            joinable = true;
            continue;
        }
        if joinable
            && let Some(last) = out.last_mut()
            && continues(last, t, indent)
        {
            last.text.push(' ');
            last.text.push_str(&collapse(t));
            continue;
        }
        let (kind, text) = line_kind(t);
        joinable = kind == Kind::Para;
        push(&mut out, kind, &text);
    }
    out
}

fn push(out: &mut Vec<Block>, kind: Kind, text: &str) {
    let text = collapse(text);
    if !text.is_empty() {
        out.push(Block { kind, text });
    }
}

/// Whitespace runs as one space, markdown bold markers dropped.
pub(crate) fn collapse(text: &str) -> String {
    let text = text.replace("**", "").replace("__", "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn markdown_heading(t: &str) -> Option<&str> {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) || !t[hashes..].starts_with(' ') {
        return None;
    }
    let h = t[hashes..].trim().trim_end_matches('#').trim();
    (!h.is_empty()).then_some(h)
}

/// The text of a list item, without its marker.
pub(crate) fn bullet(t: &str) -> Option<String> {
    const MARKS: &[char] = &[
        '-', '*', '•', '·', '◦', '▪', '‣', '●', '○', '■', '□', '►', '▸', '➢', '→', '–', '—', '+',
        '✓', '✔', '✅', '❖', '➤',
    ];
    let mut chars = t.chars();
    let first = chars.next()?;
    if MARKS.contains(&first) {
        let rest = chars.as_str();
        // "-x" is not an item but "•x" is; "**bold**" is emphasis, not an item.
        let spaced = rest.starts_with(char::is_whitespace);
        if (spaced || (first != '-' && first != '*' && first != '+')) && !rest.starts_with('*') {
            let item = rest.trim();
            return (!item.is_empty()).then(|| item.to_owned());
        }
        return None;
    }
    // "1.", "12)", "(3)", "a)", "(b)"
    let body = t.strip_prefix('(').unwrap_or(t);
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if (1..=3).contains(&digits) {
        digits
    } else if body.len() > 1
        && body.as_bytes()[0].is_ascii_lowercase()
        && body.as_bytes()[1] == b')'
    {
        1
    } else {
        return None;
    };
    let after = &body[marker..];
    let rest = after.strip_prefix(['.', ')'])?;
    if !rest.starts_with(' ') {
        return None;
    }
    let item = rest.trim();
    (!item.is_empty()).then(|| item.to_owned())
}

const CONNECTORS: &[&str] = &[
    "and",
    "or",
    "with",
    "of",
    "the",
    "to",
    "in",
    "for",
    "a",
    "an",
    "via",
    "on",
    "at",
    "by",
    "from",
    "as",
    "including",
    "such",
    "our",
    "your",
    "their",
    "its",
    "is",
    "are",
    "be",
    "that",
    "which",
    "who",
    "into",
    "across",
    "between",
    "using",
    "both",
    "either",
    "than",
    "like",
];

/// A non-blank line continues the previous block (hard-wrapped text).
fn continues(last: &Block, next: &str, indent: usize) -> bool {
    if !matches!(last.kind, Kind::Para | Kind::Item) {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() || matches!(first, '(' | '[' | '&') {
        return true;
    }
    if last.kind == Kind::Item && indent >= 2 {
        return true;
    }
    let prev = last.text.trim_end();
    if prev.ends_with([',', '/', '&', '(', '-', '–', '—']) {
        return true;
    }
    // As written: "Toronto, ON" does not end with the connector "on".
    let last_word = prev.rsplit(char::is_whitespace).next().unwrap_or_default();
    CONNECTORS.contains(&last_word)
}

/// What a line that is neither a bullet nor a markdown heading is.
fn line_kind(t: &str) -> (Kind, String) {
    let words = t.split_whitespace().count();
    // **Requirements** / __About you__
    for mark in ["**", "__"] {
        if let Some(inner) = t.strip_prefix(mark).and_then(|r| r.strip_suffix(mark))
            && !inner.contains(mark)
            && words <= 12
        {
            let inner = inner.trim().trim_end_matches(':').trim();
            if !inner.is_empty() {
                return (Kind::Heading, inner.to_owned());
            }
        }
    }
    let bare = t.trim_end_matches(':').trim();
    if words <= 8 && is_heading_wording(bare) {
        return (Kind::Heading, bare.to_owned());
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4
        && words <= 8
        && !t.contains(',')
        && letters.iter().all(|c| c.is_uppercase())
    {
        return (Kind::Heading, bare.to_owned());
    }
    if t.ends_with(':') && words <= 10 {
        return (Kind::LeadIn, bare.to_owned());
    }
    (Kind::Para, t.to_owned())
}

/// A known section or a field label standing alone (`Location`, `Job type`), but not a value
/// that happens to be a label too (`Remote`).
pub(crate) fn is_heading_wording(text: &str) -> bool {
    if text.contains(':') || text.len() > 80 {
        return false;
    }
    let p = fields::phrase(text);
    if fields::section_of_phrase(&p).is_some() {
        return true;
    }
    fields::field_of_phrase(&p).is_some()
        && fields::remote(text).is_none()
        && fields::employment_type(text).is_none()
}

// ---------------------------------------------------------------------------------------------
// Blocks → job
// ---------------------------------------------------------------------------------------------

/// Reads blocks into a job (without the derived fields [`Job::finish`] adds).
pub(crate) fn read_blocks(blocks: &[Block]) -> Job {
    let mut r = Reader {
        job: Job::default(),
        section: Section::Intro,
        explicit_duties: false,
        pending: None,
        title_block: None,
        seen_content: false,
        description: Vec::new(),
        intro_duties: Vec::new(),
        body: Vec::new(),
        seniority_label: None,
    };
    for (i, block) in blocks.iter().enumerate() {
        match block.kind {
            Kind::Heading | Kind::LeadIn => r.heading(block, i),
            Kind::Item | Kind::Para => r.content(&block.text, block.kind, i),
        }
    }
    r.finish()
}

struct Reader {
    job: Job,
    section: Section,
    /// The posting has a responsibilities section of its own.
    explicit_duties: bool,
    /// A field label heading waiting for its value in the next block.
    pending: Option<Field>,
    title_block: Option<usize>,
    seen_content: bool,
    description: Vec<(Kind, String)>,
    /// "You will ..." sentences of the opening paragraphs.
    intro_duties: Vec<String>,
    /// Text read for the workplace, the employment type and the salary.
    body: Vec<String>,
    seniority_label: Option<Seniority>,
}

impl Reader {
    fn heading(&mut self, block: &Block, i: usize) {
        self.pending = None;
        let t = block.text.trim().trim_end_matches(':').trim();
        if t.is_empty() {
            return;
        }
        if let Some(field) = fields::field(t)
            && fields::remote(t).is_none()
            && fields::employment_type(t).is_none()
        {
            self.pending = Some(field);
            if field == Field::Salary {
                self.section = Section::Compensation;
            }
            return;
        }
        if let Some(section) = fields::section(t) {
            self.enter(section);
            return;
        }
        if let Some(company) = fields::about_company(t) {
            self.job.company.get_or_insert(company);
            self.enter(Section::Company);
            return;
        }
        if self.job.title.is_none() && !self.seen_content && fields::title_like(t) {
            self.set_title(t);
            self.title_block = Some(i);
            return;
        }
        if block.kind == Kind::Heading {
            self.enter(Section::Other);
            self.description.push((Kind::Heading, t.to_owned()));
        } else if self.describes() {
            // An unknown lead-in keeps the section it is in.
            self.description.push((Kind::Para, block.text.clone()));
        }
    }

    fn enter(&mut self, section: Section) {
        self.section = section;
        if section == Section::Responsibilities {
            self.explicit_duties = true;
        }
    }

    /// The current section's text belongs to the description.
    fn describes(&self) -> bool {
        matches!(
            self.section,
            Section::Intro | Section::Description | Section::Other
        )
    }

    fn content(&mut self, text: &str, kind: Kind, i: usize) {
        let mut text = text.trim();
        if text.is_empty() {
            return;
        }
        let first = !self.seen_content;
        self.seen_content = true;
        if let Some(field) = self.pending.take()
            && self.field(field, text)
        {
            return;
        }
        if fields::boilerplate(text) {
            return;
        }
        if let Some((label, value)) = split_label(text) {
            if let Some(field) = fields::field(label)
                && value.chars().count() <= 150
                && self.field(field, value)
            {
                return;
            }
            // Among the opening lines, `Skills: Go, PostgreSQL, +8 more` is a board's skill list,
            // not the start of the requirements.
            let skill_list = self.section == Section::Intro && fields::phrase(label) == "skills";
            if let Some(section) = fields::section(label).filter(|_| !skill_list) {
                self.enter(section);
                text = value;
            }
        }
        if first && self.job.title.is_none() && kind == Kind::Para && fields::title_like(text) {
            self.set_title(text);
            self.title_block = Some(i);
            return;
        }
        let after_title = self.title_block.is_some_and(|t| t + 1 == i);
        // "at Fabrikam (View all jobs)" under the title.
        if after_title
            && self.job.company.is_none()
            && let Some(name) = text.strip_prefix("at ").or_else(|| text.strip_prefix("@ "))
            && let Some(company) = fields::company_name(name)
        {
            self.job.company = Some(company);
            return;
        }
        if kind == Kind::Para && self.describes() && self.meta_line(text, after_title || i < 4) {
            return;
        }
        // "Contoso Health" alone under the title.
        if after_title
            && kind == Kind::Para
            && self.job.company.is_none()
            && text.split_whitespace().count() <= 6
            && !fields::title_like(text)
            && let Some(company) = fields::company_name(text)
        {
            self.job.company = Some(company);
            return;
        }
        // A pay range after a list ("The base salary range for this role is $185,000 – $215,000
        // USD.") is not an item of the list.
        if kind == Kind::Para
            && matches!(
                self.section,
                Section::Responsibilities | Section::Requirements | Section::NiceToHave
            )
            && let Some(s) = salary::find(text, Mode::Loose)
        {
            let p = fields::phrase(text);
            let worded = ["salary", "pay", "compensation", "rate", "wage"]
                .iter()
                .any(|w| fields::has_phrase(&p, w));
            if worded || s.text.chars().count() * 2 >= text.chars().count() {
                self.job.salary.get_or_insert(s);
                return;
            }
        }
        match self.section {
            Section::Intro | Section::Description | Section::Other => {
                self.description.push((kind, text.to_owned()));
                self.body.push(text.to_owned());
                if self.section != Section::Other {
                    for sentence in sentences(text) {
                        if let Some(duty) = duty(sentence) {
                            self.intro_duties.push(duty);
                        }
                    }
                }
            }
            Section::Responsibilities => {
                self.body.push(text.to_owned());
                let items = items(text, kind);
                self.job.responsibilities.extend(items);
            }
            Section::Requirements => {
                self.body.push(text.to_owned());
                for item in items(text, kind) {
                    match (kind, duty(&item)) {
                        (Kind::Para, Some(duty)) => self.job.responsibilities.push(duty),
                        _ => self.job.qualifications.push(item),
                    }
                }
            }
            Section::NiceToHave => {
                self.body.push(text.to_owned());
                self.job.nice_to_have.extend(items(text, kind));
            }
            Section::Compensation => {
                if self.job.salary.is_none() {
                    self.job.salary = salary::find(text, Mode::Loose).or_else(|| {
                        (text.chars().count() <= 60)
                            .then(|| salary::find(text, Mode::Labelled))
                            .flatten()
                    });
                }
            }
            Section::Benefits | Section::Company | Section::Process => {}
        }
    }

    /// Applies a field's value; false when the value does not fit the field (then the text is
    /// read as content).
    fn field(&mut self, field: Field, value: &str) -> bool {
        let v = value.trim();
        if v.is_empty() || v.chars().count() > 200 {
            return false;
        }
        match field {
            Field::Title => {
                if !fields::title_like(v) && v.split_whitespace().count() > 8 {
                    return false;
                }
                if self.job.title.is_none() {
                    self.set_title(v);
                }
            }
            Field::Company => {
                if self.job.company.is_none() {
                    self.job.company =
                        Some(fields::company_name(v).unwrap_or_else(|| v.to_owned()));
                }
            }
            Field::Location => match fields::location(v, true) {
                Some((place, workplace)) => {
                    if self.job.location.is_empty() {
                        self.job.location = place;
                    }
                    if self.job.remote.is_none() {
                        self.job.remote = workplace;
                    }
                }
                None => return false,
            },
            Field::Remote => {
                if self.job.remote.is_none() {
                    self.job.remote = fields::remote(v);
                }
            }
            Field::EmploymentType => {
                if self.job.employment_type.is_none() {
                    let known = v
                        .split([',', '/', '|', '·'])
                        .find_map(fields::employment_type);
                    self.job.employment_type =
                        Some(known.unwrap_or_else(|| EmploymentType::Other(v.to_owned())));
                }
            }
            Field::Seniority => {
                if self.seniority_label.is_none() {
                    self.seniority_label = Some(Seniority::from_label(v));
                }
            }
            Field::Salary => {
                if self.job.salary.is_none() {
                    self.job.salary = Some(salary::find(v, Mode::Labelled).unwrap_or(Salary {
                        min: None,
                        max: None,
                        currency: None,
                        period: None,
                        text: v.to_owned(),
                    }));
                }
            }
            Field::Date => {
                let date = v.get(..10).unwrap_or(v);
                match PartialDate::parse(date) {
                    Ok(d) if (1000..3000).contains(&d.year) => {
                        self.job.date.get_or_insert(d);
                    }
                    _ => return false,
                }
            }
            Field::Ignored => {}
        }
        true
    }

    fn set_title(&mut self, text: &str) {
        let mut t = fields::clean_title(text);
        // "Senior Engineer at Acme", "Senior Engineer @ Acme"
        for sep in [" at ", " @ "] {
            if let Some((title, company)) = t.split_once(sep)
                && let Some(company) = fields::company_name(company)
                && fields::title_like(title)
            {
                self.job.company.get_or_insert(company);
                t = title.to_owned();
                break;
            }
        }
        // "Staff Engineer — Globex — Remote (US)", "Data Engineer – Acme | Berlin": the title,
        // then the company and the place in any order.
        for sep in [" — ", " – ", " | "] {
            let parts: Vec<String> = t.split(sep).map(|p| p.trim().to_owned()).collect();
            if parts.len() < 2 || !fields::title_like(&parts[0]) {
                continue;
            }
            for part in &parts[1..] {
                if let Some((place, workplace)) = fields::location(part, false) {
                    if self.job.location.is_empty() {
                        self.job.location = place;
                    }
                    if self.job.remote.is_none() {
                        self.job.remote = workplace;
                    }
                } else if let Some(workplace) = fields::remote(part) {
                    self.job.remote.get_or_insert(workplace);
                } else if self.job.company.is_none() {
                    self.job.company = fields::company_name(part);
                }
            }
            t = parts[0].clone();
            break;
        }
        // "Backend Engineer (Remote)", "Data Engineer - Berlin, Germany"
        if let (Some(open), true) = (t.rfind('('), t.ends_with(')')) {
            let inner = &t[open + 1..t.len() - 1];
            if let Some((place, workplace)) = fields::location(inner, false) {
                if self.job.remote.is_none() {
                    self.job.remote = workplace;
                }
                if self.job.location.is_empty() {
                    self.job.location = place;
                }
                t = t[..open].trim().to_owned();
            } else if let Some(workplace) = fields::remote(inner) {
                self.job.remote.get_or_insert(workplace);
                t = t[..open].trim().to_owned();
            }
        }
        if let Some((title, rest)) = t.rsplit_once(" - ")
            && fields::title_like(title)
            && let Some((place, workplace)) = fields::location(rest, false)
        {
            if self.job.location.is_empty() {
                self.job.location = place;
            }
            if self.job.remote.is_none() {
                self.job.remote = workplace;
            }
            t = title.trim().to_owned();
        }
        if !t.is_empty() {
            self.job.title = Some(t);
        }
    }

    /// A line of job-board metadata: segments separated by `·`, `|`, `•`, ` / ` or ` - ` that
    /// are a salary, an employment type, a workplace, a seniority level, a place or noise
    /// (`2 weeks ago`, `Over 200 applicants`). One unknown segment first on a line near the title
    /// is the company (`Acme Inc · San Francisco, CA (Hybrid)`).
    fn meta_line(&mut self, text: &str, near_title: bool) -> bool {
        if text.chars().count() > 160 || sentences(text).len() > 1 {
            return false;
        }
        let mut rest = text.to_owned();
        let mut salary = None;
        if let Some(s) = salary::find(text, Mode::Loose)
            && let Some(at) = rest.find(&s.text)
        {
            rest.replace_range(at..at + s.text.len(), " · ");
            salary = Some(s);
        }
        let segments: Vec<&str> = rest
            .split(['·', '•', '|'])
            .flat_map(|s| s.split(" / "))
            .flat_map(|s| s.split(" - "))
            .flat_map(|s| s.split(" – "))
            .flat_map(|s| s.split(" — "))
            .map(|s| s.trim().trim_end_matches('/').trim())
            .filter(|s| !s.is_empty())
            .collect();
        let mut found = Meta::default();
        let mut unknown = Vec::new();
        for (n, segment) in segments.iter().enumerate() {
            if !found.classify(segment) {
                unknown.push((n, *segment));
            }
        }
        let known = found.count + usize::from(salary.is_some());
        let company = match unknown.as_slice() {
            [] => None,
            [(0, name)] if near_title && known > 0 => fields::company_name(name),
            _ => return false,
        };
        if known == 0 {
            return false;
        }
        if unknown.len() == 1 && company.is_none() {
            return false;
        }
        if self.job.company.is_none() {
            self.job.company = company;
        }
        if self.job.salary.is_none() {
            self.job.salary = salary;
        }
        if self.job.remote.is_none() {
            self.job.remote = found.remote;
        }
        if self.job.employment_type.is_none() {
            self.job.employment_type = found.employment;
        }
        if self.seniority_label.is_none() {
            self.seniority_label = found.seniority;
        }
        if self.job.location.is_empty()
            && let Some(place) = found.place
        {
            self.job.location = place;
        }
        true
    }

    fn finish(mut self) -> Job {
        let mut job = self.job;
        if !self.explicit_duties && !self.intro_duties.is_empty() {
            self.intro_duties.append(&mut job.responsibilities);
            job.responsibilities = self.intro_duties;
        }
        let paragraphs: Vec<&str> = self
            .description
            .iter()
            .filter(|(k, _)| *k != Kind::Heading)
            .map(|(_, t)| t.as_str())
            .collect();
        if job.title.is_none() {
            job.title = paragraphs.iter().take(3).find_map(|p| title_from_prose(p));
        }
        if job.company.is_none() {
            job.company = paragraphs
                .iter()
                .take(3)
                .find_map(|p| company_from_prose(p));
        }
        let title = normalize(job.title.as_deref().unwrap_or_default());
        // Postings state their workplace, type and pay near the top; reading at most the first
        // HEURISTIC_BYTES keeps a hostile multi-megabyte page from costing more.
        let mut opening = String::new();
        for text in &self.body {
            if opening.len() >= HEURISTIC_BYTES {
                break;
            }
            opening.push_str(text);
            opening.push('\n');
        }
        let body = normalize(&opening);
        if job.remote.is_none() {
            job.remote = fields::remote_in(&title).or_else(|| fields::remote_in(&body));
        }
        if job.employment_type.is_none() {
            job.employment_type = fields::employment_type_in_title(&title)
                .or_else(|| fields::employment_type_in(&body));
        }
        if job.salary.is_none() {
            job.salary = opening.lines().find_map(|t| salary::find(t, Mode::Loose));
        }
        if job.seniority.is_none() {
            job.seniority = job
                .title
                .as_deref()
                .and_then(fields::seniority_in_title)
                .or(self.seniority_label);
        }
        let mut description = String::new();
        let mut previous = None;
        for (kind, text) in &self.description {
            if !description.is_empty() {
                let tight = *kind == Kind::Item && previous == Some(Kind::Item)
                    || previous == Some(Kind::Heading);
                description.push_str(if tight { "\n" } else { "\n\n" });
            }
            if *kind == Kind::Item {
                description.push_str("- ");
            }
            description.push_str(text);
            previous = Some(*kind);
        }
        if !description.trim().is_empty() {
            job.description = Some(description);
        }
        dedup(&mut job.responsibilities);
        dedup(&mut job.qualifications);
        dedup(&mut job.nice_to_have);
        job
    }
}

/// How much of a posting's text the workplace, employment type and salary heuristics read.
const HEURISTIC_BYTES: usize = 256 * 1024;

fn dedup(items: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.to_lowercase()));
}

/// What the segments of a metadata line say.
#[derive(Default)]
struct Meta {
    count: usize,
    remote: Option<super::Remote>,
    employment: Option<EmploymentType>,
    seniority: Option<Seniority>,
    place: Option<super::JobLocation>,
}

impl Meta {
    fn classify(&mut self, segment: &str) -> bool {
        let words = segment.split_whitespace().count();
        let known = if let Some(e) = fields::employment_type(segment) {
            self.employment.get_or_insert(e);
            true
        } else if let Some(r) = fields::remote(segment).filter(|_| words <= 6) {
            self.remote.get_or_insert(r);
            if let Some((place, _)) = fields::location(segment, false)
                && !place.is_empty()
            {
                self.place.get_or_insert(place);
            }
            true
        } else if let Some(s) = fields::seniority_label(segment) {
            self.seniority.get_or_insert(s);
            true
        } else if let Some((place, workplace)) = fields::location(segment, false) {
            if !place.is_empty() {
                self.place.get_or_insert(place);
            }
            if let Some(w) = workplace {
                self.remote.get_or_insert(w);
            }
            true
        } else {
            noise(segment)
        };
        if known {
            self.count += 1;
        }
        known
    }
}

/// Job-board chrome: `2 weeks ago`, `Over 200 applicants`, `Easy Apply`, `Show more`.
fn noise(segment: &str) -> bool {
    let p = fields::phrase(segment);
    let markers = [
        "applicant",
        "applicants",
        "ago",
        "reposted",
        "posted",
        "promoted",
        "actively recruiting",
        "actively hiring",
        "easy apply",
        "apply now",
        "apply",
        "save",
        "saved",
        "employees",
        "show more",
        "show less",
        "see more",
        "view all jobs",
        "urgently hiring",
        "just posted",
        "new",
        "today",
        "yesterday",
        "responses managed off linkedin",
        "be an early applicant",
        "no longer accepting applications",
    ];
    p.split_whitespace().count() <= 8 && markers.iter().any(|m| fields::has_phrase(&p, m))
}

/// `Label: value` with a short label.
fn split_label(text: &str) -> Option<(&str, &str)> {
    let (label, value) = text.split_once(':')?;
    let label = label.trim().trim_matches(['*', '_']).trim();
    let value = value.trim().trim_start_matches(['*', '_']).trim();
    if label.is_empty()
        || label.chars().count() > 40
        || label.split_whitespace().count() > 5
        || value.is_empty()
        || value.starts_with("//")
    {
        return None;
    }
    Some((label, value))
}

/// A block's list entries: an item is one; a paragraph gives one per sentence and per `;`.
pub(crate) fn items(text: &str, kind: Kind) -> Vec<String> {
    if kind == Kind::Item {
        return clean_item(text).into_iter().collect();
    }
    sentences(text)
        .into_iter()
        .flat_map(|s| split_top(s, ';'))
        .filter(|s| !s.trim_end().ends_with(':'))
        .filter_map(clean_item)
        .collect()
}

fn clean_item(text: &str) -> Option<String> {
    let mut t = collapse(text);
    for lead in ["and ", "or ", "And ", "Or "] {
        if let Some(rest) = t.strip_prefix(lead) {
            t = rest.to_owned();
        }
    }
    let mut t = t.trim().trim_end_matches([';', ',']).trim().to_owned();
    if t.ends_with('.') && !ends_with_abbreviation(&t[..t.len() - 1]) {
        t.pop();
    }
    let t = t.trim().to_owned();
    (!t.is_empty()).then_some(t)
}

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "inc", "ltd", "co", "corp", "sr", "jr", "dr", "mr", "ms", "mrs",
    "st", "approx", "incl", "no", "u.s", "u.k", "fig", "dept", "esp", "min", "max", "avg",
];

fn ends_with_abbreviation(text: &str) -> bool {
    let word = text
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    ABBREVIATIONS.contains(&word.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
}

/// Sentences of a paragraph: split after `.`, `!` or `?` outside brackets when a capital, digit
/// or opening bracket follows, except after abbreviations (`e.g.`, `Inc.`, `J.`).
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '.' | '!' | '?' if depth == 0 => {
                let end = i + c.len_utf8();
                let rest = &text[end..];
                let trimmed = rest.trim_start();
                if rest.len() == trimmed.len() || trimmed.is_empty() {
                    continue;
                }
                let next = trimmed.chars().next().unwrap_or(' ');
                let opens =
                    next.is_uppercase() || next.is_ascii_digit() || matches!(next, '(' | '"' | '“');
                if opens && !(c == '.' && ends_with_abbreviation(&text[start..i])) {
                    let s = text[start..end].trim();
                    if !s.is_empty() {
                        out.push(s);
                    }
                    start = end;
                }
            }
            _ => {}
        }
    }
    let s = text[start..].trim();
    if !s.is_empty() {
        out.push(s);
    }
    out
}

/// Splits at `sep` outside brackets.
fn split_top(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if c == sep && depth == 0 => {
                out.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

const DUTY_VERBS: &[&str] = &[
    "take",
    "own",
    "lead",
    "drive",
    "build",
    "design",
    "work",
    "partner",
    "collaborate",
    "manage",
    "mentor",
    "ship",
    "write",
    "develop",
    "maintain",
    "architect",
    "define",
    "shape",
    "help",
    "champion",
    "deliver",
    "create",
    "implement",
    "run",
    "establish",
    "oversee",
    "coordinate",
    "support",
    "contribute",
    "improve",
    "scale",
    "operate",
    "review",
];

/// Not duties: what the candidate has or gets ("You will have 5 years ...", "You'll enjoy ...").
const NOT_DUTIES: &[&str] = &[
    "have", "need", "bring", "possess", "hold", "know", "ideally", "get", "receive", "enjoy",
    "earn", "join", "love", "find", "gain", "benefit", "report",
];

/// A sentence saying what the hire will do, from its "you will" / "you'll" clause
/// (`Our stack runs on AWS, and you will be expected to ...` → `You will be expected to ...`),
/// or a sentence opening with "You" and a verb of work (`You take ownership of ...`).
pub(crate) fn duty(sentence: &str) -> Option<String> {
    let s = sentence.trim();
    let lower = s.to_ascii_lowercase();
    let mut best = None;
    for pattern in ["you will ", "you'll ", "you’ll "] {
        for (p, _) in lower.match_indices(pattern) {
            let before = lower[..p].trim_end();
            let clause_start = p == 0
                || before.ends_with([',', ';', ':', '—', '-', '–'])
                || before.ends_with(" and")
                || before.ends_with(" where")
                || before.ends_with(" then");
            if clause_start {
                best = Some(best.map_or((p, pattern.len()), |(b, l)| {
                    if p < b { (p, pattern.len()) } else { (b, l) }
                }));
            }
        }
    }
    let start = match best {
        Some((p, len)) => {
            let mut after = lower[p + len..].split_whitespace();
            let verb = after.next().unwrap_or_default();
            if NOT_DUTIES.contains(&verb) {
                return None;
            }
            if verb == "be" {
                let next = after.next().unwrap_or_default();
                if matches!(
                    next,
                    "rewarded"
                        | "eligible"
                        | "offered"
                        | "compensated"
                        | "paid"
                        | "given"
                        | "provided"
                ) {
                    return None;
                }
            }
            p
        }
        None => {
            let rest = lower.strip_prefix("you ")?;
            let verb = rest.split_whitespace().next().unwrap_or_default();
            if !DUTY_VERBS.contains(&verb) {
                return None;
            }
            0
        }
    };
    let clause = s[start..].trim();
    let clause = clause.strip_suffix('.').unwrap_or(clause).trim();
    let mut chars = clause.chars();
    let first = chars.next()?;
    Some(first.to_uppercase().chain(chars).collect())
}

/// "We are looking for a Senior Backend Engineer to join ..." → `Senior Backend Engineer`.
fn title_from_prose(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let markers = [
        "looking for a ",
        "looking for an ",
        "hiring a ",
        "hiring an ",
        "seeking a ",
        "seeking an ",
        "searching for a ",
        "searching for an ",
        "in search of a ",
        "in search of an ",
        "join us as a ",
        "join us as an ",
        "join our team as a ",
        "join our team as an ",
        "recruiting a ",
        "recruiting an ",
    ];
    let mut hits: Vec<usize> = markers
        .iter()
        .flat_map(|m| lower.match_indices(m).map(move |(i, _)| i + m.len()))
        .collect();
    hits.sort_unstable();
    for at in hits {
        let mut words = Vec::new();
        let mut leading = 0;
        for word in text[at..].split_whitespace().take(14) {
            let bare = word.trim_end_matches([',', '.', ';', ':', '!', '?']);
            let ended = bare.len() != word.len();
            let first = bare.chars().next().unwrap_or(' ');
            let connector = matches!(bare, "of" | "and" | "&" | "for" | "-" | "–" | "/");
            if first.is_uppercase() || first.is_ascii_digit() || (connector && !words.is_empty()) {
                words.push(bare);
            } else if words.is_empty() && first.is_lowercase() && leading < 3 {
                // "a talented Senior Engineer": adjectives before the title.
                leading += 1;
                continue;
            } else {
                break;
            }
            if ended {
                break;
            }
        }
        while words
            .last()
            .is_some_and(|w| matches!(*w, "of" | "and" | "&" | "for" | "-" | "–" | "/"))
        {
            words.pop();
        }
        let candidate = words.join(" ");
        if fields::title_like(&candidate) {
            return Some(fields::clean_title(&candidate));
        }
    }
    None
}

/// "Join Acme as ...", "At Acme, we ...", "Acme is hiring ..." → `Acme`.
fn company_from_prose(text: &str) -> Option<String> {
    let capitalised = |s: &str| -> Option<String> {
        let words: Vec<&str> = s
            .split_whitespace()
            .take_while(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
            .take(4)
            .collect();
        let first = fields::phrase(words.first()?);
        if matches!(
            first.as_str(),
            "our" | "the" | "a" | "an" | "us" | "this" | "we"
        ) {
            return None;
        }
        fields::company_name(&words.join(" "))
    };
    if let Some(rest) = text.strip_prefix("At ")
        && let Some((name, _)) = rest.split_once(", we")
        && let Some(c) = capitalised(name)
    {
        return Some(c);
    }
    for marker in ["Join ", " join "] {
        for (i, _) in text.match_indices(marker) {
            if let Some(c) = capitalised(
                text[i + marker.len()..].trim_end_matches(|c: char| !c.is_alphanumeric()),
            ) {
                return Some(c);
            }
        }
    }
    for marker in [" is hiring", " is looking for", " is seeking"] {
        if let Some(i) = text.find(marker) {
            let head = &text[..i];
            let start = head.rfind(['.', '!', '?', '\n']).map_or(0, |p| p + 1);
            if let Some(c) = capitalised(head[start..].trim())
                && c.split_whitespace().count() == head[start..].split_whitespace().count()
            {
                return Some(c);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_blocks() {
        type Case<'a> = (&'a str, &'a str, &'a [(Kind, &'a str)]);
        let cases: &[Case<'_>] = &[
            (
                "hard-wrapped prose is joined",
                "We build tools for\nteams and\nPostgreSQL experts.",
                &[(
                    Kind::Para,
                    "We build tools for teams and PostgreSQL experts.",
                )],
            ),
            (
                "one item per line stays apart",
                "Go\nRust\nPython",
                &[
                    (Kind::Para, "Go"),
                    (Kind::Para, "Rust"),
                    (Kind::Para, "Python"),
                ],
            ),
            (
                "markers and headings",
                "## What you'll do\n- Ship APIs\n  in Go\n2) Review code\nNICE TO HAVE\n**About you**\nYou have:",
                &[
                    (Kind::Heading, "What you'll do"),
                    (Kind::Item, "Ship APIs in Go"),
                    (Kind::Item, "Review code"),
                    (Kind::Heading, "NICE TO HAVE"),
                    (Kind::Heading, "About you"),
                    (Kind::Heading, "You have"),
                ],
            ),
            (
                "a known wording alone is a heading, a value is not",
                "Requirements:\nRemote\nJob type",
                &[
                    (Kind::Heading, "Requirements"),
                    (Kind::Para, "Remote"),
                    (Kind::Heading, "Job type"),
                ],
            ),
            (
                "an unknown colon line is a lead-in",
                "In the first month, we hope you will:\n- Learn",
                &[
                    (Kind::LeadIn, "In the first month, we hope you will"),
                    (Kind::Item, "Learn"),
                ],
            ),
        ];
        for (description, text, expected) in cases {
            let got: Vec<(Kind, String)> =
                blocks(text).into_iter().map(|b| (b.kind, b.text)).collect();
            let expected: Vec<(Kind, String)> = expected
                .iter()
                .map(|(k, t)| (*k, (*t).to_owned()))
                .collect();
            assert_eq!(got, expected, "{description}");
        }
    }

    #[test]
    fn sentences_split_at_sentence_ends_only() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Use Next.js 14. Ship it (e.g. today). Done",
                &["Use Next.js 14.", "Ship it (e.g. today).", "Done"],
            ),
            ("Acme Inc. Is great", &["Acme Inc. Is great"]),
            (
                "Tools (Datadog. OpenTelemetry). You own it.",
                &["Tools (Datadog. OpenTelemetry).", "You own it."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(sentences(text), *expected, "{text}");
        }
    }

    #[test]
    fn duties_are_you_will_clauses() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "You will design services.",
                Some("You will design services"),
            ),
            (
                "Our stack runs on AWS, and you will be expected to decide",
                Some("You will be expected to decide"),
            ),
            (
                "You take ownership of reliability",
                Some("You take ownership of reliability"),
            ),
            ("You will have 5 years of Go", None),
            ("You'll enjoy free lunch", None),
            ("You are a strong communicator", None),
            ("Tell us what you will build", None),
        ];
        for (sentence, expected) in cases {
            assert_eq!(duty(sentence).as_deref(), *expected, "{sentence}");
        }
    }

    #[test]
    fn titles_and_companies_come_from_prose() {
        assert_eq!(
            title_from_prose("We are looking for a talented Staff Data Engineer to join us.")
                .as_deref(),
            Some("Staff Data Engineer")
        );
        assert_eq!(title_from_prose("We are looking for a great team."), None);
        assert_eq!(
            company_from_prose("Join Acme Robotics as our first designer.").as_deref(),
            Some("Acme Robotics")
        );
        assert_eq!(company_from_prose("Join our platform team."), None);
        assert_eq!(
            company_from_prose("At Globex, we make widgets.").as_deref(),
            Some("Globex")
        );
    }
}
