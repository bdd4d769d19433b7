//! HTML job pages: LinkedIn, Indeed, Greenhouse, Lever and generic career pages.
//!
//! The page goes through html5ever's WHATWG tokenizer (entities, raw-text elements, broken
//! markup all handled as browsers do) into a flat list of open, close and text events; no DOM is
//! built. html5ever's tree builder is deliberately not used: its scope checks make deeply nested
//! markup quadratic (100,000 nested `<div>`s take over a minute), while the tokenizer is linear.
//! The events are folded into [`Block`]s with counters, not a stack per level, so no input
//! nesting costs recursion or more than linear time.
//!
//! Dropped: `script` (except `application/ld+json`, kept for its `JobPosting`), `style`,
//! `noscript`, `template`, `iframe`, `svg`, navigation, footers, forms, hidden elements and page
//! furniture named by its class (cookie banners, "similar jobs", share buttons). An unclosed
//! dropped element that would swallow the page is detected and the page re-read without
//! dropping page furniture.

use super::fields;
use super::jsonld;
use super::text::{self, Block, Kind};
use super::{Job, JobLocation};
use crate::keywords::Vocabulary;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, TokenizerResult};
use std::cell::RefCell;

pub(crate) fn parse(html: &str, vocabulary: &Vocabulary) -> Job {
    let page = tokenize(html);
    let built = build(&page.events, true);
    // An unclosed <nav> or <footer> must not hide the posting: re-read keeping furniture.
    let built = if built.unbalanced && built.kept < built.skipped {
        build(&page.events, false)
    } else {
        built
    };
    let mut job = page
        .json_ld
        .iter()
        .find_map(|s| jsonld::posting_in_script(s))
        .unwrap_or_default();
    let from_text = text::read_blocks(&built.blocks);
    let hints = Hints::new(&page, built.h1.as_deref());
    // Structured data first, then what the page's own markup says, then the text's guesses.
    if job.title.is_none() {
        job.title = hints.title.clone();
    }
    if job.company.is_none() {
        job.company = hints.company.clone();
    }
    if job.location.is_empty()
        && let Some(place) = hints.location.clone()
    {
        job.location = place;
    }
    if job.url.is_none() {
        job.url = hints.url.clone();
    }
    if job.meta.canonical.is_none() {
        job.meta.canonical = hints.url.clone();
    }
    job.fill(from_text);
    job.finish(vocabulary);
    job
}

/// The blocks of an HTML fragment (a JSON-LD `description`), decoding markup that arrived
/// entity-escaped (`&lt;p&gt;...`).
pub(crate) fn fragment_blocks(html: &str) -> Vec<Block> {
    let page = tokenize(html);
    if !page.has_tags {
        let decoded: String = page
            .events
            .iter()
            .filter_map(|e| match e {
                Ev::Text(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        if has_tags(&decoded) {
            return build(&tokenize(&decoded).events, false).blocks;
        }
    }
    build(&page.events, false).blocks
}

/// The text of a short HTML value (a title with `&amp;`), tags dropped.
pub(crate) fn plain(html: &str) -> String {
    let page = tokenize(html);
    let text: String = page
        .events
        .iter()
        .filter_map(|e| match e {
            Ev::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    text::collapse(&text)
}

/// An HTML tag near the top of a text (`<p>`, `<div class=...>`, `<!DOCTYPE html>`).
pub(crate) fn has_tags(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "!doctype", "html", "head", "body", "div", "p", "ul", "ol", "li", "h1", "h2", "h3", "h4",
        "h5", "h6", "br", "section", "article", "span", "strong", "b", "em", "table", "script",
        "meta", "a", "main",
    ];
    let lower = text.to_ascii_lowercase();
    lower.match_indices('<').any(|(i, _)| {
        let rest = lower[i + 1..].trim_start_matches('/');
        TAGS.iter().any(|t| {
            rest.starts_with(t)
                && rest[t.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, '>' | ' ' | '/' | '\n' | '\t'))
        })
    })
}

// ---------------------------------------------------------------------------------------------
// Tokens → events
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum El {
    Block,
    Heading(u8),
    /// `ul`, `ol`.
    List,
    Li,
    /// `br`, `hr`: a line break.
    Break,
    Dt,
    Dd,
    Pre,
    Bold,
    /// Navigation, footers, forms, `svg`, `template`: page furniture.
    Furniture,
    /// Other void elements (`img`, `input`, ...): never closed.
    Void,
    Inline,
}

fn classify(name: &str) -> El {
    match name {
        "h1" => El::Heading(1),
        "h2" => El::Heading(2),
        "h3" => El::Heading(3),
        "h4" => El::Heading(4),
        "h5" => El::Heading(5),
        "h6" => El::Heading(6),
        "li" => El::Li,
        "ul" | "ol" => El::List,
        "br" | "hr" => El::Break,
        "dt" => El::Dt,
        "dd" => El::Dd,
        "pre" | "listing" | "plaintext" => El::Pre,
        "b" | "strong" => El::Bold,
        "nav" | "footer" | "aside" | "form" | "button" | "select" | "svg" | "math" | "template"
        | "dialog" | "menu" | "object" | "canvas" | "audio" | "video" | "map" => El::Furniture,
        "area" | "base" | "col" | "embed" | "img" | "input" | "link" | "meta" | "param"
        | "source" | "track" | "wbr" | "keygen" => El::Void,
        "p" | "div" | "section" | "article" | "main" | "header" | "dl" | "table" | "thead"
        | "tbody" | "tfoot" | "tr" | "td" | "th" | "caption" | "blockquote" | "figure"
        | "figcaption" | "address" | "details" | "summary" | "fieldset" | "legend" | "center"
        | "body" | "html" | "hgroup" => El::Block,
        _ => El::Inline,
    }
}

#[derive(Debug)]
enum Ev {
    Open {
        name: LocalName,
        el: El,
        /// Hidden or page furniture by its attributes.
        hidden: bool,
    },
    Close {
        name: LocalName,
        el: El,
    },
    Text(String),
}

#[derive(Debug, Default)]
struct Page {
    events: Vec<Ev>,
    json_ld: Vec<String>,
    title: Option<String>,
    og_title: Option<String>,
    site_name: Option<String>,
    canonical: Option<String>,
    has_tags: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawWhat {
    JsonLd,
    Title,
    Drop,
}

#[derive(Default)]
struct State {
    page: Page,
    /// Inside a raw-text element: its name, what it is and its text so far.
    raw: Option<(LocalName, RawWhat, String)>,
}

struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => return state.tag(tag),
            Token::CharacterTokens(t) => state.text(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        self.page.has_tags = true;
        if let Some((name, what, text)) = &mut self.raw {
            // Inside raw text the tokenizer only reports the element's own end tag.
            if tag.kind == TagKind::EndTag && tag.name == *name {
                let text = std::mem::take(text);
                match what {
                    RawWhat::JsonLd => self.page.json_ld.push(text),
                    RawWhat::Title => {
                        if self.page.title.is_none() {
                            self.page.title = Some(text::collapse(&text));
                        }
                    }
                    RawWhat::Drop => {}
                }
                self.raw = None;
            }
            return TokenSinkResult::Continue;
        }
        let name = tag.name.clone();
        let el = classify(&name);
        if tag.kind == TagKind::EndTag {
            self.page.events.push(Ev::Close { name, el });
            return TokenSinkResult::Continue;
        }
        let attr = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| a.value.to_string())
        };
        let raw = match &*name {
            "script" => {
                let json_ld =
                    attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
                let what = if json_ld {
                    RawWhat::JsonLd
                } else {
                    RawWhat::Drop
                };
                Some((what, RawKind::ScriptData))
            }
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                Some((RawWhat::Drop, RawKind::Rawtext))
            }
            "title" => Some((RawWhat::Title, RawKind::Rcdata)),
            "textarea" => Some((RawWhat::Drop, RawKind::Rcdata)),
            "meta" => {
                let key = attr("property")
                    .or_else(|| attr("name"))
                    .unwrap_or_default();
                if let Some(content) = attr("content") {
                    match key.to_ascii_lowercase().as_str() {
                        "og:title" | "twitter:title" => {
                            self.page.og_title.get_or_insert(content);
                        }
                        "og:site_name" => {
                            self.page.site_name.get_or_insert(content);
                        }
                        "og:url" => {
                            self.page.canonical.get_or_insert(content);
                        }
                        _ => {}
                    }
                }
                None
            }
            "link" => {
                if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
                    && let Some(href) = attr("href")
                {
                    self.page.canonical = Some(href);
                }
                None
            }
            _ => None,
        };
        if let Some((what, kind)) = raw {
            self.raw = Some((name, what, String::new()));
            return TokenSinkResult::RawData(kind);
        }
        let hidden = hidden(&tag, el);
        self.page.events.push(Ev::Open { name, el, hidden });
        TokenSinkResult::Continue
    }

    fn text(&mut self, t: &str) {
        if let Some((_, what, text)) = &mut self.raw {
            if *what != RawWhat::Drop {
                text.push_str(t);
            }
            return;
        }
        match self.page.events.last_mut() {
            Some(Ev::Text(last)) => last.push_str(t),
            _ => self.page.events.push(Ev::Text(t.to_owned())),
        }
    }
}

/// Class and id words of page furniture.
const FURNITURE: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "similar",
    "related",
    "recommended",
    "recommendations",
    "breadcrumb",
    "breadcrumbs",
    "modal",
    "popup",
    "social",
    "share",
    "sharing",
    "navbar",
    "navigation",
];

fn hidden(tag: &Tag, el: El) -> bool {
    let mut hidden = false;
    for a in &tag.attrs {
        let value = a.value.to_ascii_lowercase();
        match &*a.name.local {
            "hidden" => hidden = true,
            "aria-hidden" => hidden |= value == "true",
            "style" => {
                let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
                hidden |= compact.contains("display:none") || compact.contains("visibility:hidden");
            }
            "class" | "id" if matches!(el, El::Block | El::Furniture) => {
                hidden |= value
                    .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                    .any(|w| FURNITURE.contains(&w));
            }
            _ => {}
        }
    }
    hidden
}

fn tokenize(html: &str) -> Page {
    let sink = Sink(RefCell::new(State::default()));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks to run a script, so one feed consumes everything.
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let mut state = tokenizer.sink.0.take();
    // A raw-text element still open at the end keeps what it had.
    if let Some((_, RawWhat::JsonLd, text)) = state.raw.take() {
        state.page.json_ld.push(text);
    }
    state.page
}

// ---------------------------------------------------------------------------------------------
// Events → blocks
// ---------------------------------------------------------------------------------------------

struct Built {
    blocks: Vec<Block>,
    h1: Option<String>,
    /// Bytes of text kept and dropped with page furniture.
    kept: usize,
    skipped: usize,
    /// A dropped element was still open at the end.
    unbalanced: bool,
}

fn build(events: &[Ev], drop_furniture: bool) -> Built {
    let mut b = Builder::default();
    let mut skip: Option<(&LocalName, usize)> = None;
    let mut kept = 0;
    let mut skipped = 0;
    for ev in events {
        if let Some((name, depth)) = &mut skip {
            match ev {
                Ev::Open { name: n, el, .. }
                    if n == *name && !matches!(el, El::Void | El::Break) =>
                {
                    *depth += 1;
                }
                Ev::Close { name: n, .. } if n == *name => {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                }
                Ev::Text(t) => skipped += t.len(),
                _ => {}
            }
            continue;
        }
        match ev {
            Ev::Open { name, el, hidden } => {
                let container = !matches!(el, El::Void | El::Break);
                if drop_furniture && container && (*el == El::Furniture || *hidden) {
                    b.flush();
                    skip = Some((name, 1));
                } else {
                    b.open(*el);
                }
            }
            Ev::Close { el, .. } => b.close(*el),
            Ev::Text(t) => {
                kept += t.len();
                b.text(t);
            }
        }
    }
    b.flush();
    Built {
        blocks: b.blocks,
        h1: b.h1,
        kept,
        skipped,
        unbalanced: skip.is_some(),
    }
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    line: String,
    h1: Option<String>,
    /// Open headings, lists, `pre` and bold elements (counters, not stacks).
    heading: usize,
    level: u8,
    lists: usize,
    /// Inside a list item.
    item: bool,
    pre: usize,
    bold: usize,
    /// Every character of the line so far was bold.
    all_bold: bool,
    /// The line is a `dt` waiting for its `dd`.
    term: bool,
}

impl Builder {
    fn open(&mut self, el: El) {
        // Block content ends an unclosed heading (`<h2>Requirements<ul>...`).
        if !matches!(el, El::Bold | El::Inline | El::Void | El::Break) {
            self.flush();
            self.heading = 0;
        }
        match el {
            El::Block | El::Furniture => self.flush(),
            El::Heading(level) => {
                self.flush();
                self.heading = 1;
                self.level = level;
            }
            El::List => {
                self.flush();
                self.lists += 1;
            }
            El::Li => {
                self.flush();
                self.item = true;
            }
            El::Break => self.flush(),
            El::Dt => self.flush(),
            El::Dd => {
                if !self.term {
                    self.flush();
                }
                self.term = false;
            }
            El::Pre => {
                self.flush();
                self.pre += 1;
            }
            El::Bold => self.bold += 1,
            El::Void | El::Inline => {}
        }
    }

    fn close(&mut self, el: El) {
        match el {
            El::Block | El::Furniture | El::Dd => self.flush(),
            El::Heading(_) => {
                self.flush();
                self.heading = self.heading.saturating_sub(1);
            }
            El::List => {
                self.flush();
                self.lists = self.lists.saturating_sub(1);
                // An unclosed `li` ends with its list; a nested list returns to its parent item.
                self.item = self.lists > 0;
            }
            El::Li => {
                self.flush();
                self.item = false;
            }
            El::Pre => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            El::Bold => self.bold = self.bold.saturating_sub(1),
            El::Dt => {
                // "Location" + "San Francisco" reads as "Location: San Francisco".
                if !self.line.trim().is_empty() {
                    let trimmed = self.line.trim_end().trim_end_matches(':').to_owned();
                    self.line = trimmed + ": ";
                    self.term = true;
                }
            }
            El::Break | El::Void | El::Inline => {}
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            let mut lines = t.split('\n');
            if let Some(first) = lines.next() {
                self.append(first);
            }
            for line in lines {
                self.flush();
                self.append(line);
            }
        } else {
            self.append(t);
        }
    }

    fn append(&mut self, t: &str) {
        if self.line.is_empty() {
            self.all_bold = true;
        }
        if self.bold == 0 && t.chars().any(|c| !c.is_whitespace()) {
            self.all_bold = false;
        }
        for c in t.chars() {
            if c.is_whitespace() || c.is_control() {
                if !self.line.is_empty() && !self.line.ends_with(' ') {
                    self.line.push(' ');
                }
            } else {
                self.line.push(c);
            }
        }
    }

    fn flush(&mut self) {
        self.term = false;
        let line = std::mem::take(&mut self.line);
        let t = line.trim();
        if t.is_empty() {
            return;
        }
        let words = t.split_whitespace().count();
        let (kind, text) = if self.heading > 0 {
            if self.level == 1 && self.h1.is_none() {
                self.h1 = Some(t.to_owned());
            }
            (Kind::Heading, t.trim_end_matches(':').trim().to_owned())
        } else if self.item {
            (Kind::Item, text::bullet(t).unwrap_or_else(|| t.to_owned()))
        } else if self.all_bold && words <= 10 && t.chars().count() <= 80 {
            (Kind::Heading, t.trim_end_matches(':').trim().to_owned())
        } else if let Some(item) = text::bullet(t) {
            (Kind::Item, item)
        } else if words <= 8 && text::is_heading_wording(t.trim_end_matches(':')) {
            (Kind::Heading, t.trim_end_matches(':').trim().to_owned())
        } else if t.ends_with(':') && words <= 10 {
            (Kind::LeadIn, t.trim_end_matches(':').trim().to_owned())
        } else {
            (Kind::Para, t.to_owned())
        };
        let text = text::collapse(&text);
        if !text.is_empty() {
            self.blocks.push(Block { kind, text });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Page hints
// ---------------------------------------------------------------------------------------------

/// What the page's markup says about the posting outside its text: the `h1`, the document title
/// (`Senior Engineer at Acme`, `Acme hiring Senior Engineer in Berlin | LinkedIn`,
/// `Job Application for X at Y`, `X - Acme - Austin, TX - Indeed.com`), `og:site_name` and the
/// canonical address.
struct Hints {
    title: Option<String>,
    company: Option<String>,
    location: Option<JobLocation>,
    url: Option<String>,
}

const BOARDS: &[&str] = &[
    "linkedin",
    "indeed",
    "indeed.com",
    "glassdoor",
    "greenhouse",
    "lever",
    "workable",
    "ziprecruiter",
    "monster",
    "wellfound",
    "angellist",
    "dice",
    "otta",
    "welcome to the jungle",
    "stepstone",
    "xing",
    "seek",
    "smartrecruiters",
    "workday",
    "ashby",
    "bamboohr",
    "jobs",
    "careers",
    "career",
];

impl Hints {
    fn new(page: &Page, h1: Option<&str>) -> Hints {
        let mut hints = Hints {
            title: None,
            company: None,
            location: None,
            url: page
                .canonical
                .as_deref()
                .map(str::trim)
                .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
                .map(str::to_owned),
        };
        if let Some(h1) = h1.filter(|h| fields::title_like(h)) {
            hints.title = Some(fields::clean_title(h1));
        }
        for title in [page.og_title.as_deref(), page.title.as_deref()]
            .into_iter()
            .flatten()
        {
            hints.read_title(&plain(title));
        }
        if hints.company.is_none()
            && let Some(site) = page.site_name.as_deref().map(plain)
            && !is_board(&site)
        {
            hints.company = fields::company_name(&site);
        }
        hints
    }

    fn read_title(&mut self, text: &str) {
        let t = text.trim();
        if let Some(rest) = t
            .strip_prefix("Job Application for ")
            .and_then(|r| r.rsplit_once(" at "))
        {
            self.set(Some(rest.0), Some(rest.1), None);
            return;
        }
        // LinkedIn: "Acme hiring Senior Engineer in Berlin, Germany | LinkedIn"
        let body = t.split(" | ").next().unwrap_or(t);
        if let Some((company, rest)) = body.split_once(" hiring ") {
            let (title, place) = match rest.rsplit_once(" in ") {
                Some((title, place)) => (title, Some(place)),
                None => (rest, None),
            };
            self.set(Some(title), Some(company), place);
            return;
        }
        let parts: Vec<String> = split_title(t)
            .into_iter()
            .filter(|p| !is_board(p))
            .collect();
        let mut title = None;
        let mut company = None;
        let mut place = None;
        for part in &parts {
            if let Some((x, y)) = part.rsplit_once(" at ")
                && fields::title_like(x)
            {
                title = title.or(Some(x.to_owned()));
                company = company.or(Some(y.to_owned()));
            } else if title.is_none() && fields::title_like(part) {
                title = Some(part.clone());
            } else if place.is_none() && fields::location(part, false).is_some() {
                place = Some(part.clone());
            } else if company.is_none() {
                company = Some(part.clone());
            }
        }
        if title.is_some() {
            self.set(title.as_deref(), company.as_deref(), place.as_deref());
        }
    }

    fn set(&mut self, title: Option<&str>, company: Option<&str>, place: Option<&str>) {
        if self.title.is_none()
            && let Some(t) = title.filter(|t| fields::title_like(t))
        {
            self.title = Some(fields::clean_title(t));
        }
        if self.company.is_none()
            && let Some(c) = company.and_then(fields::company_name)
            && !is_board(&c)
        {
            self.company = Some(c);
        }
        if self.location.is_none()
            && let Some((place, _)) = place.and_then(|p| fields::location(p, true))
            && !place.is_empty()
        {
            self.location = Some(place);
        }
    }
}

/// A document title's parts: "A - B | C" → A, B, C.
fn split_title(t: &str) -> Vec<String> {
    let mut parts = vec![t.to_owned()];
    for sep in [" | ", " - ", " – ", " — ", " · "] {
        parts = parts
            .iter()
            .flat_map(|p| p.split(sep))
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
    }
    parts
}

fn is_board(text: &str) -> bool {
    let p = fields::phrase(text);
    BOARDS.iter().any(|b| p == *b)
        || p.ends_with(" careers")
        || p.starts_with("careers at ")
        || p.ends_with(" jobs")
}
