//! Reading a PDF's text layer back: does what an extractor reads contain the name, the email, the
//! phone, every section heading and every bullet, in order?
//!
//! The caller renders and extracts; this module only compares. Extracted text differs from the
//! source in ways that do not matter to an ATS (lines wrap, words are hyphenated at line ends,
//! ligatures, bullet glyphs, letter-spacing, capitalised headings), so both sides are compared as
//! streams of lower-cased letters and digits after NFKC, with word and line boundaries kept
//! alongside: an item must start and end on word boundaries, and a heading is preferably a line
//! of its own.
//!
//! Order is judged per section: sections may come back in another order than laid out (a sidebar
//! theme is read sidebar first, which parsers handle), but a section's heading must come before its
//! bullets, its bullets in order, and no other section's items in between. Formally: the
//! sections are taken in the order their headings were read, and the items that come back in
//! order are the longest chain of items whose positions increase along that sequence.

use super::Evidence;
use super::places::{custom_title, job_label};
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use vitae_core::Section;
use vitae_core::model::Resume;
use vitae_core::path::ResumePath;

/// A section heading as rendered: the section and the title the renderer printed (a locale's word,
/// e.g. "Experience" or "Berufserfahrung", or a custom section's title).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub section: Section,
    /// For [`Section::Custom`], which custom section: its index in `Resume::custom_sections`.
    pub custom: Option<usize>,
    pub title: String,
}

impl Heading {
    /// A built-in section's heading.
    pub fn new(section: Section, title: impl Into<String>) -> Heading {
        Heading {
            section,
            custom: None,
            title: title.into(),
        }
    }

    /// The heading of the custom section at `index`.
    pub fn custom(index: usize, title: impl Into<String>) -> Heading {
        Heading {
            section: Section::Custom,
            custom: Some(index),
            title: title.into(),
        }
    }

    fn has_content(&self, r: &Resume) -> bool {
        match self.custom {
            Some(i) => r
                .custom_sections
                .get(i)
                .is_some_and(|s| !s.entries.is_empty()),
            None => self.section.has_content(r),
        }
    }

    /// The model path of the heading: `experience`, `custom_sections[2].title`.
    fn path(&self) -> String {
        match self.custom {
            Some(i) => ResumePath::root().custom_sections().at(i).title(),
            None => self.section.path(),
        }
        .into_string()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpectedKind {
    Name,
    Email,
    Phone,
    Heading,
    Bullet,
}

/// One thing that must come back from the text layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectedItem {
    pub kind: ExpectedKind,
    pub text: String,
    /// Where it is in the shown resume.
    pub evidence: Evidence,
    /// Its group: 0 for the header (name, email, phone), then one per heading.
    pub block: usize,
}

/// What must come back from a rendered resume, in layout order: the header, then each section's
/// heading followed by its bullets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExpectedText {
    items: Vec<ExpectedItem>,
}

impl ExpectedText {
    /// The items of `shown` rendered with these headings, in the order given (the renderer's
    /// section order). Headings of sections `shown` has nothing in are left out, as renderers
    /// leave those sections out.
    pub fn new(shown: &Resume, headings: &[Heading]) -> ExpectedText {
        let mut out = ExpectedText::default();
        let b = &shown.basics;
        let header = |path: &str, text: &str| Evidence {
            section: "header".to_owned(),
            entry: None,
            bullet: None,
            path: path.to_owned(),
            text: text.trim().to_owned(),
            finding: None,
        };
        let root = ResumePath::root();
        let basics = root.basics();
        out.push(
            ExpectedKind::Name,
            header(basics.name().as_str(), &b.name),
            0,
        );
        if let Some(email) = &b.email {
            out.push(
                ExpectedKind::Email,
                header(basics.email().as_str(), email),
                0,
            );
        }
        if let Some(phone) = &b.phone {
            out.push(
                ExpectedKind::Phone,
                header(basics.phone().as_str(), phone),
                0,
            );
        }
        let mut block = 0;
        for h in headings {
            if !h.has_content(shown) {
                continue;
            }
            block += 1;
            let section = match h.custom {
                Some(i) => custom_title(&shown.custom_sections[i].title),
                None => h.section.name().to_owned(),
            };
            let evidence =
                |entry: Option<String>, bullet: Option<usize>, path: String, text: &str| Evidence {
                    section: section.clone(),
                    entry,
                    bullet,
                    path,
                    text: text.trim().to_owned(),
                    finding: None,
                };
            out.push(
                ExpectedKind::Heading,
                evidence(None, None, h.path(), &h.title),
                block,
            );
            let mut bullets = Vec::new();
            match (h.section, h.custom) {
                (Section::Experience, _) => {
                    for (i, e) in shown.experience.iter().enumerate() {
                        for (j, x) in e.bullets.iter().enumerate() {
                            let path = root.experience().at(i).bullets().at(j).path().into_string();
                            bullets.push(evidence(job_label(e), Some(j + 1), path, &x.text));
                        }
                    }
                }
                (Section::Projects, _) => {
                    for (i, p) in shown.projects.iter().enumerate() {
                        for (j, x) in p.highlights.iter().enumerate() {
                            let path = root.projects().at(i).highlights().at(j).into_string();
                            let entry = Some(p.name.trim().to_owned()).filter(|s| !s.is_empty());
                            bullets.push(evidence(entry, Some(j + 1), path, x));
                        }
                    }
                }
                (Section::Volunteer, _) => {
                    for (i, v) in shown.volunteer.iter().enumerate() {
                        for (j, x) in v.highlights.iter().enumerate() {
                            let path = root.volunteer().at(i).highlights().at(j).into_string();
                            let entry =
                                Some(v.organization.trim().to_owned()).filter(|s| !s.is_empty());
                            bullets.push(evidence(entry, Some(j + 1), path, x));
                        }
                    }
                }
                (Section::Custom, Some(s)) => {
                    for (i, e) in shown.custom_sections[s].entries.iter().enumerate() {
                        for (j, x) in e.bullets.iter().enumerate() {
                            let entries = root.custom_sections().at(s).entries();
                            let path = entries.at(i).bullets().at(j).into_string();
                            let entry = e.title.clone().filter(|s| !s.trim().is_empty());
                            bullets.push(evidence(entry, Some(j + 1), path, x));
                        }
                    }
                }
                _ => {}
            }
            for b in bullets {
                out.push(ExpectedKind::Bullet, b, block);
            }
        }
        out
    }

    fn push(&mut self, kind: ExpectedKind, evidence: Evidence, block: usize) {
        // What has no letters or digits cannot be looked for (and renderers drop empty bullets).
        if squash(&evidence.text).is_empty() {
            return;
        }
        self.items.push(ExpectedItem {
            kind,
            text: evidence.text.clone(),
            evidence,
            block,
        });
    }

    pub fn items(&self) -> &[ExpectedItem] {
        &self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemStatus {
    InOrder,
    /// In the text, but not where it belongs (another section's items in between, or before the
    /// item that precedes it).
    OutOfOrder,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemRead {
    pub kind: ExpectedKind,
    pub text: String,
    pub status: ItemStatus,
    pub evidence: Evidence,
}

/// Characters of a kind an ATS cannot use, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broken {
    /// What they are, e.g. "replacement character (U+FFFD)".
    pub what: &'static str,
    /// Why an ATS cannot use them.
    pub why: &'static str,
    pub count: usize,
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadBack {
    /// Every expected item, in layout order, with what became of it.
    pub items: Vec<ItemRead>,
    /// The headings found, in the order they were read.
    pub section_order: Vec<String>,
    /// The headings were read in the order they were laid out.
    pub sections_in_layout_order: bool,
    pub broken: Vec<Broken>,
    /// The layer has any letter or digit at all (an image-only PDF has none).
    pub has_text: bool,
}

impl ReadBack {
    pub fn count(&self, kind: ExpectedKind, status: ItemStatus) -> usize {
        self.items
            .iter()
            .filter(|i| i.kind == kind && i.status == status)
            .count()
    }
}

/// Compares a text layer with what it should contain.
pub fn read_back(expected: &ExpectedText, extracted: &str) -> ReadBack {
    let stream = Stream::new(extracted);
    let items = &expected.items;
    let occurrences: Vec<Vec<usize>> = items
        .iter()
        .map(|item| stream.find(&squash(&item.text), item.kind == ExpectedKind::Heading))
        .collect();

    // Blocks in reading order: each section where its heading was read; a block whose heading
    // is missing stays right after the block laid out before it.
    let blocks = items.iter().map(|i| i.block).max().map_or(0, |b| b + 1);
    let mut anchors: Vec<Option<usize>> = vec![None; blocks];
    for (i, item) in items.iter().enumerate() {
        let first = occurrences[i].first().copied();
        match item.kind {
            ExpectedKind::Heading => anchors[item.block] = first,
            _ if item.block == 0 && anchors[0].is_none() => anchors[0] = first,
            _ => {}
        }
    }
    let mut keys: Vec<(usize, u8, usize)> = Vec::with_capacity(blocks);
    let mut last = 0;
    for (b, anchor) in anchors.iter().enumerate() {
        match anchor {
            Some(a) => {
                last = *a;
                keys.push((*a, 0, b));
            }
            None => keys.push((last, 1, b)),
        }
    }
    keys.sort_unstable();
    let order: Vec<usize> = keys.iter().map(|k| k.2).collect();

    let mut sequence: Vec<usize> = Vec::with_capacity(items.len());
    for b in &order {
        sequence.extend((0..items.len()).filter(|i| items[*i].block == *b));
    }
    let chain = longest_chain(&sequence, &occurrences);

    let read: Vec<ItemRead> = items
        .iter()
        .enumerate()
        .map(|(i, item)| ItemRead {
            kind: item.kind,
            text: item.text.clone(),
            status: if occurrences[i].is_empty() {
                ItemStatus::Missing
            } else if chain[i] {
                ItemStatus::InOrder
            } else {
                ItemStatus::OutOfOrder
            },
            evidence: item.evidence.clone(),
        })
        .collect();

    let heading_of = |b: usize| {
        items
            .iter()
            .position(|i| i.block == b && i.kind == ExpectedKind::Heading)
    };
    let found_in_reading_order: Vec<usize> = order
        .iter()
        .copied()
        .filter(|b| *b > 0 && anchors[*b].is_some())
        .collect();
    let mut laid_out = found_in_reading_order.clone();
    laid_out.sort_unstable();
    let section_order = found_in_reading_order
        .iter()
        .filter_map(|b| heading_of(*b).map(|i| items[i].text.clone()))
        .collect();

    ReadBack {
        items: read,
        section_order,
        sections_in_layout_order: laid_out == found_in_reading_order,
        broken: broken(extracted),
        has_text: !stream.text.is_empty(),
    }
}

/// Marks the items of the longest chain whose occurrences increase along `sequence`: patience
/// sorting over (item, occurrence) pairs, an item's occurrences taken last to first so that no
/// chain holds one item twice.
fn longest_chain(sequence: &[usize], occurrences: &[Vec<usize>]) -> Vec<bool> {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut previous: Vec<Option<usize>> = Vec::new();
    let mut tails: Vec<usize> = Vec::new();
    for &item in sequence {
        for &start in occurrences[item].iter().rev() {
            let id = pairs.len();
            pairs.push((item, start));
            let at = tails.partition_point(|&t| pairs[t].1 < start);
            previous.push(at.checked_sub(1).map(|p| tails[p]));
            if at == tails.len() {
                tails.push(id);
            } else {
                tails[at] = id;
            }
        }
    }
    let mut in_chain = vec![false; occurrences.len()];
    let mut cursor = tails.last().copied();
    while let Some(id) = cursor {
        in_chain[pairs[id].0] = true;
        cursor = previous[id];
    }
    in_chain
}

fn broken(text: &str) -> Vec<Broken> {
    let mut counts = [0usize; 4];
    for c in text.chars() {
        match c {
            '\u{FFFD}' => counts[0] += 1,
            '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}' => {
                counts[1] += 1;
            }
            '\u{FB00}'..='\u{FB06}' => counts[2] += 1,
            _ => {}
        }
    }
    counts[3] = text.matches("(cid:").count();
    let kinds = [
        (
            "replacement character (U+FFFD)",
            "a glyph the extractor could not map to text",
        ),
        ("private-use character", "a glyph without a Unicode meaning"),
        ("ligature character (ﬁ, ﬂ)", "a word an ATS will not match"),
        ("(cid:N) code", "a glyph without a text mapping"),
    ];
    kinds
        .into_iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|((what, why), count)| Broken { what, why, count })
        .collect()
}

fn is_letter_or_digit(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The comparison form: NFKC, lower-cased letters and digits only.
pub(super) fn squash(text: &str) -> String {
    text.nfkc()
        .filter(|c| is_letter_or_digit(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

const WORD_START: u8 = 1;
const WORD_END: u8 = 2;
const LINE_START: u8 = 4;
const LINE_END: u8 = 8;

/// Most occurrences of one item considered: enough for any heading word repeated in bullets.
const MAX_OCCURRENCES: usize = 64;
/// Most candidate positions examined for one item, so that no text makes the search quadratic.
const MAX_CANDIDATES: usize = 10_000;

/// A text as its comparison form, with boundary flags at the first byte of each character.
struct Stream {
    text: String,
    flags: Vec<u8>,
}

impl Stream {
    fn new(text: &str) -> Stream {
        let mut s = Stream {
            text: String::with_capacity(text.len()),
            flags: Vec::with_capacity(text.len()),
        };
        let mut in_word = false;
        let mut line_has_text = false;
        let mut last: Option<usize> = None;
        for c in text.nfkc() {
            if is_letter_or_digit(c) {
                for l in c.to_lowercase() {
                    let at = s.text.len();
                    s.text.push(l);
                    s.flags.resize(s.text.len(), 0);
                    if !in_word {
                        s.flags[at] |= WORD_START;
                    }
                    if !line_has_text {
                        s.flags[at] |= LINE_START;
                    }
                    in_word = true;
                    line_has_text = true;
                    last = Some(at);
                }
                continue;
            }
            if in_word && let Some(l) = last {
                s.flags[l] |= WORD_END;
            }
            in_word = false;
            if matches!(
                c,
                '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
            ) {
                if line_has_text && let Some(l) = last {
                    s.flags[l] |= LINE_END;
                }
                line_has_text = false;
            }
        }
        if let Some(l) = last {
            s.flags[l] |= WORD_END | LINE_END;
        }
        s
    }

    /// Start offsets of `needle` on word boundaries. For a heading, only those that are a line of
    /// their own when there are any, else those that start or end a line: a heading word inside a
    /// bullet does not stand in for a heading the layer lost.
    fn find(&self, needle: &str, heading: bool) -> Vec<usize> {
        let mut found = Vec::new();
        let mut lines = Vec::new();
        let mut edges = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let mut from = 0;
        let mut candidates = 0;
        while let Some(at) = self.text[from..].find(needle) {
            let start = from + at;
            let end = start + needle.len();
            let last = start + needle.char_indices().last().map_or(0, |(i, _)| i);
            if self.flags[start] & WORD_START != 0 && self.flags[last] & WORD_END != 0 {
                found.push(start);
                let starts_line = self.flags[start] & LINE_START != 0;
                let ends_line = self.flags[last] & LINE_END != 0;
                if starts_line && ends_line {
                    lines.push(start);
                }
                if starts_line || ends_line {
                    edges.push(start);
                }
                if found.len() >= MAX_OCCURRENCES {
                    break;
                }
            }
            candidates += 1;
            if candidates >= MAX_CANDIDATES || end >= self.text.len() {
                break;
            }
            // Overlapping occurrences: continue after the first character of this one.
            from = start + self.text[start..].chars().next().map_or(1, char::len_utf8);
        }
        match (heading, lines.is_empty()) {
            (true, false) => lines,
            (true, true) => edges,
            (false, _) => found,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_ignore_wrapping_hyphenation_ligatures_and_case() {
        let s = Stream::new("• Led the migra-\ntion of the ﬁle\nstore\nSKILLS\n");
        assert_eq!(s.text, "ledthemigrationofthefilestoreskills");
        assert_eq!(
            s.find(&squash("migration of the file store"), false).len(),
            1
        );
        assert_eq!(s.find(&squash("Skills"), true).len(), 1);
        assert!(
            s.find(&squash("the mig"), false).is_empty(),
            "ends inside a word"
        );
        assert!(
            s.find(&squash("ration"), false).is_empty(),
            "starts inside a word"
        );
    }

    #[test]
    fn headings_prefer_a_line_of_their_own() {
        let s = Stream::new("Built skills matrix\nSkills\nGo, Rust\n");
        let found = s.find("skills", true);
        assert_eq!(found.len(), 1);
        assert_eq!(&s.text[found[0]..], "skillsgorust");
        let lost = Stream::new("Built a skills matrix\nGo, Rust\n");
        assert!(lost.find("skills", true).is_empty(), "a word inside a line");
        assert_eq!(lost.find("skills", false).len(), 1);
        let merged = Stream::new("SKILLS Go, Rust\n");
        assert_eq!(
            merged.find("skills", true).len(),
            1,
            "a heading run into its line"
        );
    }

    #[test]
    fn the_longest_chain_skips_the_item_read_out_of_place() {
        // Items 0..4; item 2 is read before item 1.
        let occurrences = vec![vec![0], vec![20], vec![10], vec![30]];
        let chain = longest_chain(&[0, 1, 2, 3], &occurrences);
        assert_eq!(chain.iter().filter(|x| **x).count(), 3);
        assert!(chain[0] && chain[3]);
    }
}
