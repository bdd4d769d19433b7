//! A resume read from lines ([`crate::lines`]), whatever document they came from: the header
//! (name, title, contact details) above the first section heading; section headings by their
//! words in any supported language, or by their look (capitals, a larger size, a heading style);
//! then each section by its kind: entries (a head of title, organisation, dates and place, then
//! bullets, labelled details and paragraphs), skill lines, languages, a summary.
//!
//! Each value read is recorded with its origin and a confidence ([`Found`]); nothing is made up:
//! what is not found stays empty.

use crate::dates::{self, Dates};
use crate::lines::{Hint, Line, Origin};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;
use vitae_core::model::*;
use vitae_core::{DateValue, Section};

/// A value the reader filled in, where it came from and how sure it is (0–1).
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Where the value went, as a path into the resume: `experience[0].company`.
    pub path: String,
    pub value: String,
    pub origin: Origin,
    pub confidence: f32,
}

/// Below this, a value is reported as one to check.
pub const UNSURE: f32 = 0.7;

/// Normalised heading words: lowercase letters and digits, single spaces.
fn norm(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Section headings as people write them (English), beside every locale's own titles.
const HEADINGS: &[(Section, &[&str])] = &[
    (
        Section::Summary,
        &[
            "summary",
            "profile",
            "professional summary",
            "about",
            "about me",
            "objective",
            "career objective",
            "overview",
            "professional profile",
            "personal statement",
            "career summary",
        ],
    ),
    (
        Section::Experience,
        &[
            "experience",
            "work experience",
            "professional experience",
            "employment",
            "employment history",
            "work history",
            "career history",
            "relevant experience",
            "professional background",
        ],
    ),
    (
        Section::Education,
        &[
            "education",
            "academic background",
            "education and training",
            "academic history",
        ],
    ),
    (
        Section::Skills,
        &[
            "skills",
            "technical skills",
            "core competencies",
            "competencies",
            "key skills",
            "skills and expertise",
            "skills expertise",
            "areas of expertise",
            "technologies",
        ],
    ),
    (
        Section::Projects,
        &[
            "projects",
            "personal projects",
            "selected projects",
            "side projects",
            "open source",
        ],
    ),
    (
        Section::Certifications,
        &[
            "certifications",
            "certificates",
            "licenses certifications",
            "licenses and certifications",
            "certifications and licenses",
        ],
    ),
    (
        Section::Publications,
        &["publications", "selected publications", "papers"],
    ),
    (
        Section::Awards,
        &[
            "awards",
            "honors",
            "honours",
            "awards and honors",
            "honors and awards",
            "achievements",
        ],
    ),
    (Section::Languages, &["languages", "language skills"]),
    (
        Section::Interests,
        &["interests", "hobbies", "hobbies and interests"],
    ),
    (
        Section::Volunteer,
        &[
            "volunteer",
            "volunteering",
            "volunteer experience",
            "community",
        ],
    ),
    (Section::References, &["references"]),
    (
        Section::Affiliations,
        &["affiliations", "memberships", "professional memberships"],
    ),
];

static HEADING_WORDS: LazyLock<HashMap<String, Section>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (kind, words) in HEADINGS {
        for w in *words {
            m.insert(norm(w), *kind);
        }
    }
    for locale in vitae_render::locales() {
        for kind in Section::ALL {
            let title = locale.section_title(kind);
            if !title.is_empty() {
                m.entry(norm(title)).or_insert(kind);
            }
        }
    }
    m
});

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b").expect("valid regex")
});
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\+?[\d\s().\-/]{7,}$").expect("valid regex"));
static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(https?://)?([a-z0-9-]+\.)+[a-z]{2,}(/\S*)?$").expect("valid regex")
});
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?)\s*\((\d+(?:\.\d+)?)\s*(?:years?|yrs?|y)\)$").expect("valid regex")
});
static LEVEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(.*?)\s*\(([^()]+)\)$").expect("valid regex"));

/// Words of job titles, to tell a title from an employer in "Engineer — Initech".
const TITLE_WORDS: &[&str] = &[
    "engineer",
    "developer",
    "manager",
    "director",
    "designer",
    "analyst",
    "intern",
    "lead",
    "consultant",
    "scientist",
    "specialist",
    "coordinator",
    "officer",
    "assistant",
    "architect",
    "head",
    "vp",
    "president",
    "chief",
    "cto",
    "ceo",
    "cfo",
    "coo",
    "founder",
    "co-founder",
    "nurse",
    "teacher",
    "professor",
    "researcher",
    "associate",
    "administrator",
    "technician",
    "representative",
    "executive",
    "owner",
    "partner",
    "advisor",
    "programmer",
    "writer",
    "editor",
    "accountant",
    "recruiter",
    "supervisor",
    "instructor",
    "fellow",
    "student",
    "volunteer",
    "mentor",
    "staff",
    "senior",
    "junior",
    "principal",
];

/// Words of degrees and of schools, to tell them apart in "MSc in CS — University of X".
const DEGREE_WORDS: &[&str] = &[
    "bachelor",
    "master",
    "doctor",
    "phd",
    "ph.d",
    "bsc",
    "msc",
    "b.sc",
    "m.sc",
    "b.s",
    "m.s",
    "b.a",
    "m.a",
    "ba",
    "bs",
    "ms",
    "ma",
    "mba",
    "meng",
    "m.eng",
    "beng",
    "b.eng",
    "associate",
    "diploma",
    "certificate",
    "degree",
    "licence",
    "licenciatura",
    "abitur",
    "jd",
    "md",
    "high school diploma",
];
const SCHOOL_WORDS: &[&str] = &[
    "university",
    "college",
    "institute",
    "school",
    "academy",
    "universität",
    "université",
    "universidad",
    "politecnico",
    "polytechnic",
    "hochschule",
    "conservatory",
];

fn has_word(text: &str, words: &[&str]) -> bool {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map(|w| w.trim_end_matches('.'))
        .any(|w| words.contains(&w))
        || words
            .iter()
            .filter(|w| w.contains(' '))
            .any(|w| lower.contains(*w))
}

/// Labels of details, as the themes and people write them, to the field each fills.
fn detail_label(label: &str) -> Option<&'static str> {
    let l = norm(label);
    Some(match l.as_str() {
        "gpa" | "grade" | "grades" | "score" | "cgpa" => "score",
        "thesis" | "dissertation" => "thesis",
        "courses" | "coursework" | "relevant coursework" => "courses",
        "honors" | "honours" => "honors",
        "technologies" | "tech stack" | "stack" | "tools" | "built with" => "technologies",
        "roles" | "role" => "roles",
        "type" => "kind",
        "authors" => "authors",
        "doi" => "doi",
        "expires" => "expires",
        "credential id" | "credential" => "credential_id",
        _ => return None,
    })
}

/// A row: lines on one baseline, in reading order.
#[derive(Debug, Clone)]
struct Row<'a> {
    lines: Vec<&'a Line>,
}

impl Row<'_> {
    fn text(&self) -> String {
        self.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join("  ")
    }
    fn first(&self) -> &Line {
        self.lines[0]
    }
    fn bullet(&self) -> bool {
        self.first().hint == Hint::Bullet
    }
    fn origin(&self) -> Origin {
        self.first().origin.clone()
    }
}

fn rows(lines: &[Line]) -> Vec<Row<'_>> {
    let mut out: Vec<Row> = Vec::new();
    for l in lines {
        match out.last_mut() {
            Some(r) if r.first().row == l.row => r.lines.push(l),
            _ => out.push(Row { lines: vec![l] }),
        }
    }
    out
}

/// The reader's state: the resume so far and what it found.
struct Reader {
    resume: Resume,
    found: Vec<Found>,
    body_size: f32,
}

impl Reader {
    fn note(&mut self, path: String, value: &str, origin: &Origin, confidence: f32) {
        if !value.trim().is_empty() {
            self.found.push(Found {
                path,
                value: value.trim().to_owned(),
                origin: origin.clone(),
                confidence,
            });
        }
    }
}

/// The result of reading: the resume and its record.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub resume: Resume,
    pub found: Vec<Found>,
}

/// Reads a resume from the lines of a document.
pub fn resume(lines: &[Line]) -> Parsed {
    let rows = rows(lines);
    let body_size = body_size(lines);
    let mut r = Reader {
        resume: Resume::default(),
        found: Vec::new(),
        body_size,
    };
    // Section headings.
    let headings: Vec<(usize, Option<Section>)> = rows
        .iter()
        .enumerate()
        .filter_map(|(i, row)| heading(row, i, body_size).map(|k| (i, k)))
        .collect();
    let headings = consistent(&rows, headings, body_size);
    let first = headings.first().map_or(rows.len(), |h| h.0);
    header(&mut r, &rows[..first]);
    for (n, (at, kind)) in headings.iter().enumerate() {
        let end = headings.get(n + 1).map_or(rows.len(), |h| h.0);
        let body = &rows[at + 1..end];
        let title = rows[*at].text();
        match kind {
            Some(kind) => section(&mut r, *kind, body),
            None => custom(&mut r, &title, body),
        }
    }
    Parsed {
        resume: r.resume,
        found: r.found,
    }
}

/// The size most of the text is set in (0 without geometry).
fn body_size(lines: &[Line]) -> f32 {
    let mut weights: HashMap<u32, usize> = HashMap::new();
    for l in lines.iter().filter(|l| l.size > 0.0) {
        *weights.entry((l.size * 2.0).round() as u32).or_default() += l.text.chars().count();
    }
    weights
        .into_iter()
        .max_by_key(|(size, n)| (*n, *size))
        .map_or(0.0, |(s, _)| s as f32 / 2.0)
}

/// Whether a row is a section heading, and of which kind (`None` inside: a heading of the
/// author's own, a custom section).
fn heading(row: &Row, index: usize, body: f32) -> Option<Option<Section>> {
    if row.lines.len() != 1 || row.bullet() {
        return None;
    }
    let line = row.first();
    let text = line.text.trim().trim_end_matches(':');
    let words = norm(text);
    if words.is_empty() || text.chars().count() > 40 {
        return None;
    }
    if let Some(kind) = HEADING_WORDS.get(&words)
        && !matches!(line.hint, Hint::Heading(level) if level >= 3)
    {
        return Some(Some(*kind));
    }
    if index == 0 {
        return None;
    }
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase());
    let no_digits = !text.chars().any(|c| c.is_ascii_digit());
    let few_words = text.split_whitespace().count() <= 4;
    let styled = match line.hint {
        // `##` sets a section apart; `###` and below are the entries in it.
        Hint::Heading(level) => level == 2,
        _ => capitals && (line.bold || line.size >= body) && few_words,
    };
    (styled && no_digits && !text.contains('@')).then_some(None)
}

/// The look of a heading: in capitals, bold, its size.
fn look(line: &Line) -> (bool, bool, f32) {
    let letters: Vec<char> = line.text.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
    (capitals, line.bold, line.size)
}

/// The headings that look like the document's headings: a document sets all of its section
/// headings alike, so a word that names a section but is set otherwise (a bold "Languages"
/// over a skill group in a sidebar) is no heading. The look is the one most headings named by
/// their words share; without geometry (text, Markdown) every candidate stays. `body` is the size
/// most of the text is set in.
fn consistent(
    rows: &[Row],
    candidates: Vec<(usize, Option<Section>)>,
    body: f32,
) -> Vec<(usize, Option<Section>)> {
    let named: Vec<(bool, bool, f32)> = candidates
        .iter()
        .filter(|(_, k)| k.is_some())
        .map(|(i, _)| look(rows[*i].first()))
        .filter(|l| l.2 > 0.0)
        .collect();
    if named.len() < 3 {
        return candidates;
    }
    let mut counts: HashMap<(bool, bool), usize> = HashMap::new();
    for l in &named {
        *counts.entry((l.0, l.1)).or_default() += 1;
    }
    let Some(((caps, bold), _)) = counts.into_iter().max_by_key(|(k, n)| (*n, *k)) else {
        return candidates;
    };
    let sizes: Vec<f32> = named
        .iter()
        .filter(|l| (l.0, l.1) == (caps, bold))
        .map(|l| l.2)
        .collect();
    let (lo, hi) = sizes
        .iter()
        .fold((f32::MAX, f32::MIN), |(lo, hi), s| (lo.min(*s), hi.max(*s)));
    let matches =
        |l: (bool, bool, f32)| l.0 == caps && l.1 == bold && l.2 >= lo * 0.9 && l.2 <= hi * 1.1;
    let mut kept: Vec<(usize, Option<Section>)> = candidates
        .into_iter()
        .filter(|(i, _)| {
            let l = look(rows[*i].first());
            l.2 == 0.0 || matches(l)
        })
        .collect();
    // A heading of the author's own ("Patents", "Invited Talks") set like the named ones, when
    // that look sets headings apart from text (capitals, or a larger size than the body's).
    // Only below the first named heading: above it is the header, whose title line may be set
    // in the headings' size.
    let first_named = kept
        .iter()
        .find(|(_, k)| k.is_some())
        .map_or(0, |(i, _)| *i);
    if caps || lo > body * 1.05 {
        for (i, row) in rows.iter().enumerate().skip(first_named + 1) {
            let line = row.first();
            let text = line.text.trim();
            let l = look(line);
            // Set apart by capitals or weight, or by a size of its own (not the body's).
            let apart = caps || bold || l.2 > body * 1.05;
            if row.lines.len() == 1
                && !row.bullet()
                && apart
                && matches(l)
                && text.split_whitespace().count() <= 6
                && !text.chars().any(|c| c.is_ascii_digit())
                && !kept.iter().any(|(k, _)| *k == i)
            {
                kept.push((i, None));
            }
        }
        kept.sort_by_key(|(i, _)| *i);
    }
    kept
}

/// Splits a header line into its items: "a · b | c".
fn items(text: &str) -> Vec<String> {
    text.split(['·', '|', '•', '⋅', '◦', '\t'])
        .flat_map(|s| s.split("  "))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Credentials after a name: "Maya Okafor, MSc" → ("Maya Okafor", ["MSc"]).
fn name_and_credentials(text: &str) -> (String, Vec<String>) {
    let mut parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let mut credentials = Vec::new();
    while parts.len() > 1 {
        let last = parts[parts.len() - 1];
        let looks = last.chars().count() <= 6
            && last.chars().any(|c| c.is_uppercase())
            && !last.contains(' ');
        if !looks {
            break;
        }
        credentials.insert(0, last.to_owned());
        parts.pop();
    }
    (parts.join(", "), credentials)
}

const NETWORKS: &[(&str, &str)] = &[
    ("linkedin", "LinkedIn"),
    ("github", "GitHub"),
    ("gitlab", "GitLab"),
    ("twitter", "Twitter"),
    ("x.com", "X"),
    ("mastodon", "Mastodon"),
    ("stackoverflow", "Stack Overflow"),
    ("orcid", "ORCID"),
    ("scholar.google", "Google Scholar"),
    ("medium", "Medium"),
    ("dribbble", "Dribbble"),
    ("behance", "Behance"),
    ("soundcloud", "SoundCloud"),
    ("youtube", "YouTube"),
];

fn header(r: &mut Reader, rows: &[Row]) {
    if rows.is_empty() {
        return;
    }
    // The name: a title-level heading, else the largest line of the first rows, else the first.
    let lines: Vec<&Line> = rows.iter().flat_map(|r| r.lines.iter().copied()).collect();
    let name_at = lines
        .iter()
        .position(|l| l.hint == Hint::Heading(1))
        .or_else(|| {
            let top = &lines[..lines.len().min(4)];
            let max = top.iter().map(|l| l.size).fold(0.0, f32::max);
            (max > r.body_size * 1.2)
                .then(|| top.iter().position(|l| l.size == max))
                .flatten()
        })
        .or_else(|| lines.iter().position(|l| !contact_like(&l.text)))
        .unwrap_or(0);
    let name_line = lines[name_at];
    // A name set large in a narrow column wraps: the next lines of its size and weight go on
    // with it.
    let mut name_text = name_line.text.trim().to_owned();
    let mut name_end = name_at;
    while let Some(next) = lines.get(name_end + 1)
        && name_line.size > 0.0
        && (next.size - name_line.size).abs() < 0.1
        && next.bold == name_line.bold
        && !contact_like(&next.text)
    {
        name_text.push(' ');
        name_text.push_str(next.text.trim());
        name_end += 1;
    }
    let (name, credentials) = name_and_credentials(&name_text);
    r.note("basics.name".into(), &name, &name_line.origin, 0.9);
    r.resume.basics.name = name;
    for c in &credentials {
        r.note("basics.credentials".into(), c, &name_line.origin, 0.6);
    }
    r.resume.basics.credentials = credentials;
    let mut carried = String::new();
    for (i, line) in lines.iter().enumerate() {
        if (name_at..=name_end).contains(&i) {
            continue;
        }
        // A line that ends with a comma goes on on the next (an address wrapped in a column).
        let text = std::mem::take(&mut carried) + &line.text;
        if text.trim_end().ends_with(',') && i + 1 < lines.len() {
            carried = text.trim_end().to_owned() + " ";
            continue;
        }
        let pieces = items(&text);
        // A line of prose under the name is the person's title ("Senior Software Engineer").
        if r.resume.basics.label.is_none()
            && i > name_at
            && pieces.len() == 1
            && !contact_like(&text)
            && text.split_whitespace().count() <= 10
        {
            r.note("basics.label".into(), &text, &line.origin, 0.75);
            r.resume.basics.label = Some(text.trim().to_owned());
            continue;
        }
        for piece in pieces {
            contact(r, &piece, &line.origin);
        }
    }
}

fn contact_like(text: &str) -> bool {
    EMAIL.is_match(text)
        || items(text).len() > 1
        || items(text)
            .iter()
            .any(|p| DOMAIN.is_match(p) || PHONE.is_match(p) || p.contains(':'))
}

fn contact(r: &mut Reader, piece: &str, origin: &Origin) {
    let basics = &mut r.resume.basics;
    if let Some(m) = EMAIL.find(piece)
        && basics.email.is_none()
    {
        basics.email = Some(m.as_str().to_owned());
        r.note("basics.email".into(), m.as_str(), origin, 0.98);
        return;
    }
    let digits = piece.chars().filter(char::is_ascii_digit).count();
    if PHONE.is_match(piece) && digits >= 7 && basics.phone.is_none() {
        basics.phone = Some(piece.to_owned());
        r.note("basics.phone".into(), piece, origin, 0.9);
        return;
    }
    // "LinkedIn: maya-okafor" (how the themes print a profile) or a profile address.
    if let Some((network, user)) = piece.split_once(':')
        && !user.starts_with("//")
        && let Some((_, name)) = NETWORKS
            .iter()
            .find(|(k, n)| norm(network) == norm(n) || network.to_lowercase().contains(k))
    {
        // "LinkedIn: maya (https://www.linkedin.com/in/maya)", as text documents write it.
        let username = user
            .split_once(" (")
            .map_or(user, |(u, _)| u)
            .trim()
            .to_owned();
        let i = basics.profiles.len();
        r.note(
            format!("basics.profiles[{i}].username"),
            &username,
            origin,
            0.9,
        );
        r.resume.basics.profiles.push(Profile {
            network: (*name).to_owned(),
            username: Some(username),
            ..Profile::default()
        });
        return;
    }
    if DOMAIN.is_match(piece) {
        let lower = piece.to_lowercase();
        let url = if piece.starts_with("http") {
            piece.to_owned()
        } else {
            format!("https://{piece}")
        };
        if let Some((_, name)) = NETWORKS.iter().find(|(k, _)| lower.contains(k)) {
            let username = url
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .map(str::to_owned);
            let i = basics.profiles.len();
            r.note(format!("basics.profiles[{i}].url"), &url, origin, 0.9);
            r.resume.basics.profiles.push(Profile {
                network: (*name).to_owned(),
                username,
                url: Some(url),
                ..Profile::default()
            });
        } else if basics.url.is_none() {
            r.note("basics.url".into(), &url, origin, 0.85);
            r.resume.basics.url = Some(url);
        }
        return;
    }
    // What is left is a place ("Austin, TX, US"), when it reads like one.
    let words = piece.split_whitespace().count();
    if basics.location.city.is_none() && words <= 8 && !piece.chars().any(|c| c == '@') {
        let parts: Vec<&str> = piece
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let location = &mut r.resume.basics.location;
        match parts.as_slice() {
            [city] => location.city = Some((*city).to_owned()),
            [city, region] => {
                location.city = Some((*city).to_owned());
                location.region = Some((*region).to_owned());
            }
            [address @ .., city, region, country] => {
                if !address.is_empty() {
                    location.address = Some(address.join(", "));
                }
                location.city = Some((*city).to_owned());
                location.region = Some((*region).to_owned());
                location.country = Some((*country).to_owned());
            }
            [] => return,
        }
        r.note("basics.location".into(), piece, origin, 0.6);
    }
}

fn section(r: &mut Reader, kind: Section, body: &[Row]) {
    match kind {
        Section::Summary => {
            let text = paragraph(body);
            if !text.is_empty() {
                let origin = body[0].origin();
                r.note("summary".into(), &text, &origin, 0.85);
                r.resume.summary.base = Some(text);
            }
        }
        Section::Skills => skills(r, body),
        Section::Languages => languages(r, body),
        Section::Interests => interests(r, body),
        _ => {
            for entry in entries(body) {
                add_entry(r, kind, &entry);
            }
        }
    }
}

/// The rows' text as one paragraph.
fn paragraph(rows: &[Row]) -> String {
    rows.iter()
        .map(|r| r.text())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Label: text" split, when the label is short.
fn labelled(text: &str) -> Option<(&str, &str)> {
    let (label, rest) = text.split_once(':')?;
    let label = label.trim();
    (!label.is_empty()
        && label.split_whitespace().count() <= 5
        && !label.contains("http")
        && !rest.starts_with("//"))
    .then(|| (label, rest.trim()))
}

fn split_list(text: &str) -> Vec<String> {
    // Commas inside parentheses do not split: "Go (7 years), Rust".
    let mut out = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if depth == 0 && matches!(c, ',' | ';' | '·' | '|' | '•') {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The rows of a list section as "label: text" lines: a short bold label on a row of its own
/// (as a sidebar sets it) joins the row under it.
fn label_rows<'a>(body: &'a [Row<'a>]) -> Vec<(String, Origin)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let row = &body[i];
        let text = row.text();
        let label_alone = row.lines.len() == 1
            && row.first().bold
            && !text.contains(':')
            && text.split_whitespace().count() <= 5;
        // The label's text: the rows under it up to the next label (a narrow column wraps it).
        let under = body[i + 1..]
            .iter()
            .take_while(|next| label_alone && !next.first().bold && !next.bullet())
            .count();
        if under > 0 {
            let text_under = body[i + 1..=i + under]
                .iter()
                .map(Row::text)
                .collect::<Vec<_>>()
                .join(" ");
            out.push((
                format!("{}: {}", text.trim(), text_under.trim()),
                row.origin(),
            ));
            i += 1 + under;
        } else {
            out.push((text, row.origin()));
            i += 1;
        }
    }
    out
}

fn skills(r: &mut Reader, body: &[Row]) {
    // Several "label: items" in one row ("Languages: Go | Data: Kafka") are several lines.
    // A row that starts with no label of its own goes on with the row before (a flowing
    // paragraph of skills wraps anywhere).
    let mut joined: Vec<(String, Origin)> = Vec::new();
    for (text, origin) in label_rows(body) {
        let starts_labelled = labelled(&text).is_some_and(|(l, _)| !l.contains([',', '|', '│']));
        match joined.last_mut() {
            Some(last) if !starts_labelled && labelled(&last.0).is_some() => {
                last.0.push(' ');
                last.0.push_str(&text);
            }
            _ => joined.push((text, origin)),
        }
    }
    let rows: Vec<(String, Origin)> = joined
        .into_iter()
        .flat_map(|(text, origin)| {
            let pieces: Vec<String> = if text.matches(':').count() > 1 {
                text.split(['|', '│'])
                    .map(|p| p.trim().to_owned())
                    .collect()
            } else {
                vec![text]
            };
            pieces.into_iter().map(move |p| (p, origin.clone()))
        })
        .collect();
    for (text, origin) in rows {
        let (label, list) = match labelled(&text) {
            Some((l, rest)) => (l.to_owned(), rest.to_owned()),
            None => (String::new(), text.clone()),
        };
        // "Distributed Systems (Master)": the category's level.
        let (name, level) = match LEVEL.captures(&label) {
            Some(c) if !label.is_empty() => (c[1].trim().to_owned(), Some(c[2].trim().to_owned())),
            _ => (label.clone(), None),
        };
        let c = r.resume.skills.len();
        r.note(format!("skills[{c}].name"), &name, &origin, 0.85);
        let mut category = SkillCategory {
            name,
            level,
            ..SkillCategory::default()
        };
        for (i, item) in split_list(&list).into_iter().enumerate() {
            let skill = match YEARS.captures(&item) {
                Some(y) => Skill {
                    name: y[1].trim().to_owned(),
                    years: y[2].parse().ok(),
                    ..Skill::default()
                },
                None => Skill {
                    name: item.clone(),
                    ..Skill::default()
                },
            };
            r.note(
                format!("skills[{c}].items[{i}]"),
                &skill.name,
                &origin,
                0.85,
            );
            category.items.push(skill);
        }
        if !category.items.is_empty() {
            r.resume.skills.push(category);
        }
    }
}

fn languages(r: &mut Reader, body: &[Row]) {
    for (text, origin) in label_rows(body) {
        let pairs: Vec<(String, Option<String>)> = match labelled(&text) {
            Some((l, f)) => vec![(l.to_owned(), Some(f.to_owned()).filter(|f| !f.is_empty()))],
            None => split_list(&text)
                .into_iter()
                .map(|item| match LEVEL.captures(&item) {
                    Some(c) => (c[1].trim().to_owned(), Some(c[2].trim().to_owned())),
                    None => (item, None),
                })
                .collect(),
        };
        for (language, fluency) in pairs {
            let i = r.resume.languages.len();
            r.note(format!("languages[{i}].language"), &language, &origin, 0.85);
            r.resume.languages.push(Language {
                language,
                fluency,
                ..Language::default()
            });
        }
    }
}

fn interests(r: &mut Reader, body: &[Row]) {
    for (text, origin) in label_rows(body) {
        let (name, keywords) = match labelled(&text) {
            Some((l, rest)) => (l.to_owned(), split_list(rest)),
            None => (text.clone(), Vec::new()),
        };
        let i = r.resume.interests.len();
        r.note(format!("interests[{i}].name"), &name, &origin, 0.8);
        r.resume.interests.push(Interest {
            name,
            keywords,
            ..Interest::default()
        });
    }
}

/// An entry as read: its head rows' parts, dates, bullets, details and paragraphs.
#[derive(Debug, Default)]
struct Entry {
    /// Read from a document without geometry (text, Markdown).
    plain: bool,
    parts: Vec<(String, Origin, bool)>,
    dates: Option<(Dates, Origin)>,
    bullets: Vec<(String, Origin)>,
    details: Vec<(String, String, Origin)>,
    paragraphs: Vec<(String, Origin)>,
}

/// A row that reads as a sentence, not a head ("Logistics marketplace connecting ..."): long,
/// or ended by a full stop, and without the dashes and bars that part a head.
fn prose(text: &str) -> bool {
    let parted = [" — ", " – ", " | ", " · "]
        .iter()
        .any(|s| text.contains(s));
    (text.split_whitespace().count() >= 7 && !parted) || text.trim_end().ends_with('.')
}

/// The section's rows grouped into entries.
fn entries(body: &[Row]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut in_body = true;
    // The left edge of the first bullet of the current list, and of the bullet before.
    let mut list_left: Option<f32> = None;
    let mut bullet_left: Option<f32> = None;
    // The text's left edge: a line far right of it stands in a column of dates and places.
    let text_left = body.iter().map(|r| r.first().left).fold(f32::MAX, f32::min);
    for row in body {
        // A place or dates far right on a bullet's row (a date column beside the bullets) are
        // the entry's, not the bullet's.
        let continues = bullet_left.is_some_and(|l| row.first().left > l + 1.0);
        let (row, aside): (Row, Vec<&Line>) = if row.lines.len() > 1 && (row.bullet() || continues)
        {
            let (aside, main): (Vec<&Line>, Vec<&Line>) = row.lines.iter().partition(|l| {
                l.left > text_left + 200.0 && (place(&l.text) || dates::find(&l.text).is_some())
            });
            (Row { lines: main }, aside)
        } else {
            (row.clone(), Vec::new())
        };
        if row.lines.is_empty() {
            continue;
        }
        if let Some(entry) = out.last_mut() {
            for l in aside {
                match dates::find(&l.text) {
                    Some(d) if entry.dates.is_none() => entry.dates = Some((d, l.origin.clone())),
                    _ => entry
                        .parts
                        .push((l.text.trim().to_owned(), l.origin.clone(), l.bold)),
                }
            }
        }
        let text = row.text();
        let first = row.first();
        if row.bullet() {
            // A bullet further in than the list's first is an item of the bullet before it,
            // kept in it as a nested list ("- child"), as the source writes it.
            if let (Some(list), Some(entry)) = (list_left, out.last_mut())
                && first.size > 0.0
                && first.left > list + 3.0
                && let Some(b) = entry.bullets.last_mut()
            {
                b.0.push_str("\n- ");
                b.0.push_str(text.trim());
                bullet_left = Some(first.left);
                continue;
            }
            let entry = current(&mut out);
            entry.bullets.push((text.clone(), row.origin()));
            list_left = Some(list_left.map_or(first.left, |l| l.min(first.left)));
            bullet_left = Some(first.left);
            in_body = true;
            continue;
        }
        // A place or dates alone far right, under an entry's dates (a date column): the
        // entry's, whatever comes before it in reading order.
        if row.lines.len() == 1
            && first.size > 0.0
            && first.left > text_left + 200.0
            && (place(&text) || dates::find(&text).is_some())
            && let Some(entry) = out.last_mut()
        {
            match dates::find(&text) {
                Some(d) if entry.dates.is_none() => entry.dates = Some((d, row.origin())),
                _ => entry
                    .parts
                    .push((text.trim().to_owned(), row.origin(), first.bold)),
            }
            continue;
        }
        // A wrapped bullet's next line starts right of its bullet, and is no new head.
        if let (Some(left), Some(entry)) = (bullet_left, out.last_mut())
            && first.size > 0.0
            && first.left > left + 1.0
            && !first.gap_before
            && !first.bold
            && row.lines.len() == 1
            && let Some(b) = entry.bullets.last_mut()
        {
            b.0.push(' ');
            b.0.push_str(text.trim());
            continue;
        }
        bullet_left = None;
        list_left = None;
        if let Some((label, rest)) = labelled(&text)
            && detail_label(label).is_some()
            && let Some(entry) = out.last_mut()
        {
            entry
                .details
                .push((label.to_owned(), rest.to_owned(), row.origin()));
            in_body = true;
            continue;
        }
        let has_dates = dates::find(&text).is_some();
        let head_started = out
            .last()
            .is_some_and(|e| !e.parts.is_empty() || e.dates.is_some());
        // In a text document a blank line also parts an entry's head from its place and dates
        // ("### Title" then "*Austin · 2020 – 2022*"): there it starts an entry only after a
        // body, or at an entry heading.
        let entry_heading = matches!(first.hint, Hint::Heading(_));
        let new_entry = in_body
            || entry_heading
            || !head_started
            || (first.gap_before && first.size > 0.0)
            || (has_dates && out.last().is_some_and(|e| e.dates.is_some()));
        if !new_entry && prose(&text) && !has_dates {
            if let Some(e) = out.last_mut() {
                e.paragraphs.push((text.clone(), row.origin()));
            }
            in_body = true;
            continue;
        }
        if new_entry
            && prose(&text)
            && !has_dates
            && !entry_heading
            && !first.gap_before
            && out.last().is_some()
            && !first.bold
        {
            // A paragraph under an entry's bullets or details belongs to it.
            if let Some(e) = out.last_mut() {
                e.paragraphs.push((text.clone(), row.origin()));
            }
            continue;
        }
        if new_entry
            && (in_body
                || out.is_empty()
                || entry_heading
                || (first.gap_before && first.size > 0.0))
        {
            out.push(Entry::default());
        }
        in_body = false;
        let entry = current(&mut out);
        entry.plain = first.size == 0.0;
        for line in &row.lines {
            // A bold start is a part of its own: "**Staff Engineer**, Initech, Austin, TX".
            let (bold, rest) = match line.bold_prefix {
                0 => (None, line.text.as_str()),
                n => (Some(line.text[..n].trim()), &line.text[n..]),
            };
            // (Without the separator that may close it: "Title —" before a regular "Company".)
            for b in bold.map(split_parts).unwrap_or_default() {
                entry.parts.push((b, line.origin.clone(), true));
            }
            let mut t = rest.to_owned();
            if entry.dates.is_none()
                && let Some(d) = dates::find(&t)
            {
                let rest = format!("{} {}", &t[..d.span.start], &t[d.span.end..]);
                entry.dates = Some((d, line.origin.clone()));
                t = rest;
            }
            let parts = split_parts(&t);
            let parts = match (bold, parts.as_slice()) {
                // After a bold title: "Initech, Austin, TX" is the employer, then the place.
                (Some(_), [one]) if one.contains(", ") => {
                    let (org, place) = one.split_once(", ").expect("checked");
                    vec![org.to_owned(), place.to_owned()]
                }
                _ => parts,
            };
            for part in parts {
                entry.parts.push((part, line.origin.clone(), line.bold));
            }
        }
    }
    out
}

fn current(out: &mut Vec<Entry>) -> &mut Entry {
    if out.is_empty() {
        out.push(Entry::default());
    }
    out.last_mut().expect("not empty")
}

/// A head line's parts: "Title — Company", "Title at Company", "Title | Company".
fn split_parts(text: &str) -> Vec<String> {
    let t = text.trim().trim_matches(|c: char| {
        matches!(c, ',' | '|' | '—' | '–' | '·' | '•') || c.is_whitespace()
    });
    if t.is_empty() {
        return Vec::new();
    }
    // A wide gap parts items first ("Health  Chicago, IL"), then the marks within each.
    if t.contains("  ") {
        return t.split("  ").flat_map(split_parts).collect();
    }
    for sep in [" — ", " – ", " | ", " · ", " - ", " at ", " @ "] {
        // "Engineer at Initech", not "University of Texas at Austin".
        if sep == " at "
            && !t
                .split(sep)
                .next()
                .is_some_and(|l| has_word(l, TITLE_WORDS))
        {
            continue;
        }
        if t.contains(sep) {
            return t
                .split(sep)
                .map(|s| s.trim().trim_end_matches(',').trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
        }
    }
    vec![t.to_owned()]
}

/// "Staff Engineer, Platform, Initech", when an entry's head is that one part (plain text has no
/// other mark): the last part is the organisation when the rest reads as a title or a degree.
fn split_title_and_organisation(text: &str) -> Option<(String, String)> {
    let (head, last) = text.rsplit_once(", ")?;
    ((has_word(head, TITLE_WORDS) || has_word(head, DEGREE_WORDS))
        && !has_word(last, TITLE_WORDS)
        && !place(text))
    .then(|| (head.trim().to_owned(), last.trim().to_owned()))
}

/// Whether a part reads as a place: "Austin, TX", "Remote", "Lagos, Nigeria".
fn place(text: &str) -> bool {
    let lower = text.to_lowercase();
    if ["remote", "hybrid", "on-site", "onsite"].contains(&lower.as_str()) {
        return true;
    }
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    parts.len() >= 2
        && parts.len() <= 4
        && text.split_whitespace().count() <= 6
        && parts
            .iter()
            .all(|p| p.chars().next().is_some_and(char::is_uppercase))
        && !has_word(text, SCHOOL_WORDS)
        && !has_word(text, TITLE_WORDS)
}

/// "Pied Piper (http://piedpiper.example.com)": the name and the address, as text documents
/// write a linked name.
fn unlink(part: &str) -> (String, Option<String>) {
    if let Some((name, rest)) = part.rsplit_once(" (")
        && let Some(url) = rest.strip_suffix(')')
        && (url.starts_with("http://") || url.starts_with("https://"))
    {
        return (name.trim().to_owned(), Some(url.to_owned()));
    }
    (part.to_owned(), None)
}

fn add_entry(r: &mut Reader, kind: Section, e: &Entry) {
    let mut url = None;
    let mut parts: Vec<(String, Origin, bool)> = e
        .parts
        .iter()
        .map(|(p, o, b)| {
            let (name, link) = unlink(p.trim());
            url = url.clone().or(link);
            (name, o.clone(), *b)
        })
        .collect();
    // The place is the last part that reads as one ("Austin, TX" after the employer).
    let location = parts
        .iter()
        .rposition(|(p, ..)| place(p))
        .map(|i| parts.remove(i));
    let (start, end) = match &e.dates {
        Some((d, _)) => (Some(d.start.clone()), d.end.clone()),
        None => (None, None),
    };
    let date_origin = e.dates.as_ref().map(|(_, o)| o.clone());
    let bullets: Vec<String> = e.bullets.iter().map(|(b, _)| b.clone()).collect();
    let detail = |field: &str| {
        e.details
            .iter()
            .find(|(l, ..)| detail_label(l) == Some(field))
            .map(|(_, t, _)| t.clone())
    };
    let paragraph = (!e.paragraphs.is_empty()).then(|| {
        e.paragraphs
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    // Plain text writes "Title, Organisation" on the head's first line (a document with a layout
    // sets them apart, and its title may hold a comma: "Staff Engineer, Platform").
    if e.plain
        && matches!(kind, Section::Experience | Section::Volunteer | Section::Education)
        && let Some((first, origin, bold)) = parts.first().cloned()
        // The line held nothing else ("Title — Organisation" is already two parts).
        && parts.get(1).is_none_or(|p| p.1 != origin)
        && let Some((head, org)) = split_title_and_organisation(&first)
    {
        parts[0] = (head, origin.clone(), bold);
        parts.insert(1, (org, origin, bold));
    }
    let texts: Vec<String> = parts.iter().map(|(p, ..)| p.clone()).collect();
    let origin_of = |i: usize| parts.get(i).map(|p| p.1.clone());
    macro_rules! note_all {
        ($section:literal, $i:expr, $fields:expr) => {{
            for (field, value, origin, confidence) in $fields {
                if let (Some(value), Some(origin)) = (value, origin) {
                    r.note(
                        format!("{}[{}].{}", $section, $i, field),
                        &value,
                        &origin,
                        confidence,
                    );
                }
            }
            for (b, (text, origin)) in e.bullets.iter().enumerate() {
                r.note(
                    format!("{}[{}].bullets[{}]", $section, $i, b),
                    text,
                    origin,
                    0.9,
                );
            }
        }};
    }
    let date_text = |d: &Option<DateValue>| d.as_ref().map(DateValue::to_string);
    match kind {
        Section::Experience | Section::Volunteer => {
            // Which part is the title: the one with a job title's words; else the first.
            let title_at = texts
                .iter()
                .position(|t| has_word(t, TITLE_WORDS))
                .unwrap_or(0);
            let title = texts.get(title_at).cloned();
            let org_at = (0..texts.len()).find(|&i| i != title_at);
            let org = org_at.and_then(|i| texts.get(i).cloned());
            let sure = if texts.iter().filter(|t| has_word(t, TITLE_WORDS)).count() == 1 {
                0.85
            } else {
                0.6
            };
            let description = [
                paragraph.clone(),
                org_at.and_then(|o| {
                    let rest: Vec<String> = texts
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != o && *i != title_at)
                        .map(|(_, t)| t.clone())
                        .collect();
                    (!rest.is_empty()).then(|| rest.join(" "))
                }),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            let description = Some(description).filter(|d| !d.is_empty());
            if kind == Section::Experience {
                let i = r.resume.experience.len();
                note_all!(
                    "experience",
                    i,
                    [
                        ("title", title.clone(), origin_of(title_at), sure),
                        ("company", org.clone(), org_at.and_then(origin_of), sure),
                        ("start", date_text(&start), date_origin.clone(), 0.9),
                        ("end", date_text(&end), date_origin.clone(), 0.9),
                        (
                            "location",
                            location.as_ref().map(|l| l.0.clone()),
                            location.as_ref().map(|l| l.1.clone()),
                            0.7
                        ),
                    ]
                );
                r.resume.experience.push(Experience {
                    company: org.unwrap_or_default(),
                    url: url.clone(),
                    title,
                    location: location.map(|l| l.0),
                    description,
                    start,
                    end,
                    bullets: bullets.into_iter().map(Bullet::plain).collect(),
                    ..Experience::default()
                });
            } else {
                let i = r.resume.volunteer.len();
                note_all!(
                    "volunteer",
                    i,
                    [
                        ("position", title.clone(), origin_of(title_at), sure),
                        (
                            "organization",
                            org.clone(),
                            org_at.and_then(origin_of),
                            sure
                        ),
                        ("start", date_text(&start), date_origin.clone(), 0.9),
                    ]
                );
                r.resume.volunteer.push(Volunteer {
                    organization: org.unwrap_or_default(),
                    position: title,
                    start,
                    end,
                    summary: description,
                    highlights: bullets,
                    ..Volunteer::default()
                });
            }
        }
        Section::Education => {
            let degree_at = texts.iter().position(|t| has_word(t, DEGREE_WORDS));
            let school_at = texts
                .iter()
                .position(|t| has_word(t, SCHOOL_WORDS))
                .filter(|s| Some(*s) != degree_at)
                .or_else(|| (0..texts.len()).find(|i| Some(*i) != degree_at));
            let (degree, field) = match degree_at.map(|i| texts[i].clone()) {
                Some(d) => split_degree(&d),
                None => (None, None),
            };
            // A single date under a degree is when it ended.
            let (start, end) = match end {
                Some(end) => (start, Some(end)),
                None => (None, start),
            };
            let i = r.resume.education.len();
            let institution = school_at.map(|s| texts[s].clone());
            note_all!(
                "education",
                i,
                [
                    (
                        "institution",
                        institution.clone(),
                        school_at.and_then(origin_of),
                        0.8
                    ),
                    ("degree", degree.clone(), degree_at.and_then(origin_of), 0.8),
                    ("field", field.clone(), degree_at.and_then(origin_of), 0.7),
                    ("start", date_text(&start), date_origin.clone(), 0.9),
                    ("end", date_text(&end), date_origin.clone(), 0.9),
                ]
            );
            r.resume.education.push(Education {
                institution: institution.unwrap_or_default(),
                url: url.clone(),
                degree,
                field,
                location: location.map(|l| l.0),
                start,
                end,
                score: detail("score"),
                thesis: detail("thesis"),
                courses: detail("courses")
                    .map(|c| split_list(&c))
                    .unwrap_or_default(),
                honors: detail("honors").map(|c| split_list(&c)).unwrap_or_default(),
                highlights: bullets,
                ..Education::default()
            });
        }
        Section::Projects => {
            let i = r.resume.projects.len();
            let name = texts.first().cloned();
            note_all!("projects", i, [("name", name.clone(), origin_of(0), 0.8)]);
            r.resume.projects.push(Project {
                name: name.unwrap_or_default(),
                entity: texts.get(1).cloned(),
                description: paragraph,
                technologies: detail("technologies")
                    .map(|c| split_list(&c))
                    .unwrap_or_default(),
                roles: detail("roles").map(|c| split_list(&c)).unwrap_or_default(),
                kind: detail("kind"),
                highlights: bullets,
                start,
                end,
                ..Project::default()
            });
        }
        Section::Certifications => {
            let i = r.resume.certifications.len();
            let name = texts.first().cloned();
            note_all!(
                "certifications",
                i,
                [("name", name.clone(), origin_of(0), 0.8)]
            );
            r.resume.certifications.push(Certification {
                name: name.unwrap_or_default(),
                issuer: texts.get(1).cloned(),
                date: start,
                credential_id: detail("credential_id"),
                ..Certification::default()
            });
        }
        Section::Publications => {
            let i = r.resume.publications.len();
            let name = texts.first().cloned();
            note_all!(
                "publications",
                i,
                [("name", name.clone(), origin_of(0), 0.75)]
            );
            r.resume.publications.push(Publication {
                name: name.unwrap_or_default(),
                publisher: texts.get(1).cloned(),
                date: start,
                summary: paragraph,
                ..Publication::default()
            });
        }
        Section::Awards => {
            let i = r.resume.awards.len();
            let title = texts.first().cloned();
            note_all!("awards", i, [("title", title.clone(), origin_of(0), 0.8)]);
            r.resume.awards.push(Award {
                title: title.unwrap_or_default(),
                awarder: texts.get(1).cloned(),
                date: start,
                summary: paragraph,
                ..Award::default()
            });
        }
        Section::References => {
            let i = r.resume.references.len();
            let name = texts.first().cloned();
            note_all!(
                "references",
                i,
                [("name", name.clone(), origin_of(0), 0.75)]
            );
            r.resume.references.push(Reference {
                name: name.unwrap_or_default(),
                reference: paragraph,
                ..Reference::default()
            });
        }
        _ => {
            let title = "Other".to_owned();
            push_custom(r, &title, e, &texts, start, end);
        }
    }
}

/// "MSc in Computer Science" → ("MSc", "Computer Science"); "BS, Computer Engineering" too.
fn split_degree(text: &str) -> (Option<String>, Option<String>) {
    for sep in [" in ", ", ", " of "] {
        if let Some((d, f)) = text.split_once(sep)
            && has_word(d, DEGREE_WORDS)
            && !(sep == " of "
                && d.to_lowercase().starts_with("bachelor")
                && f.starts_with("Science")
                && f.split_whitespace().count() == 1)
        {
            return (Some(d.trim().to_owned()), Some(f.trim().to_owned()));
        }
    }
    // "PhD Computer Science": a short degree, then the field.
    if let Some((d, f)) = text.split_once(' ')
        && d.chars().count() <= 6
        && has_word(d, DEGREE_WORDS)
    {
        return (Some(d.to_owned()), Some(f.trim().to_owned()));
    }
    (Some(text.trim().to_owned()), None)
}

fn custom(r: &mut Reader, title: &str, body: &[Row]) {
    for e in entries(body) {
        let texts: Vec<String> = e.parts.iter().map(|(p, ..)| p.clone()).collect();
        let (start, end) = match &e.dates {
            Some((d, _)) => (Some(d.start.clone()), d.end.clone()),
            None => (None, None),
        };
        push_custom(r, title, &e, &texts, start, end);
    }
}

fn push_custom(
    r: &mut Reader,
    title: &str,
    e: &Entry,
    texts: &[String],
    start: Option<DateValue>,
    end: Option<DateValue>,
) {
    let at = match r
        .resume
        .custom_sections
        .iter()
        .position(|s| s.title == title)
    {
        Some(i) => i,
        None => {
            r.resume.custom_sections.push(CustomSection {
                title: title.trim().to_owned(),
                entries: Vec::new(),
            });
            r.resume.custom_sections.len() - 1
        }
    };
    let n = r.resume.custom_sections[at].entries.len();
    if let Some((t, o, _)) = e.parts.first() {
        r.note(
            format!("custom_sections[{at}].entries[{n}].title"),
            t,
            o,
            0.6,
        );
    }
    let summary = (!e.paragraphs.is_empty()).then(|| {
        e.paragraphs
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    });
    r.resume.custom_sections[at].entries.push(CustomEntry {
        title: texts.first().cloned(),
        subtitle: texts.get(1).cloned(),
        start,
        end,
        summary,
        bullets: e.bullets.iter().map(|(b, _)| b.clone()).collect(),
        ..CustomEntry::default()
    });
}
