//! Prose as the layout gives it to the writers: runs of text, each plain, strong, emphasised, code
//! or a link, built from a model text and its marks ([`vitae_core::rich`]). Every writer turns
//! the runs into its own syntax and escapes each run's text like any user text: no markup from a
//! source ever reaches an output as markup.

use crate::escape::fold;
use crate::layout::{Span, web_href};
use std::ops::Range;
use vitae_core::rich::{Inline, Mark, Style};

/// One paragraph or bullet: its runs, in order, never empty, whitespace folded.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Rich(pub Vec<Run>);

/// A piece of a paragraph with one formatting.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// The text, and where it links (only safe schemes, as every link in a document).
    pub span: Span,
    pub strong: bool,
    pub emphasis: bool,
    pub code: bool,
}

impl Rich {
    #[cfg(test)]
    pub(crate) fn plain(text: String) -> Rich {
        Rich(vec![Run::plain(text)])
    }

    /// The words without formatting, for targets that cannot show it and for tests.
    #[allow(dead_code)] // used by the writers' tests
    pub(crate) fn text(&self) -> String {
        self.0.iter().map(|r| r.span.text.as_str()).collect()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Run {
    fn plain(text: String) -> Run {
        Run {
            span: Span {
                text,
                href: None,
                url: None,
            },
            strong: false,
            emphasis: false,
            code: false,
        }
    }

    /// Whether a space comes before the run's words, the words, and whether one comes after:
    /// writers put those spaces outside their formatting (and their escaping trims text).
    pub(crate) fn edges(&self) -> (bool, &str, bool) {
        let text = self.span.text.as_str();
        (
            text.starts_with(' '),
            text.trim(),
            text.ends_with(' ') && text.trim() != "",
        )
    }

    /// The run's span with its words only (no edge spaces).
    pub(crate) fn inner_span(&self) -> Span {
        Span {
            text: self.span.text.trim().to_owned(),
            ..self.span.clone()
        }
    }

    fn same_format(&self, other: &Run) -> bool {
        self.strong == other.strong
            && self.emphasis == other.emphasis
            && self.code == other.code
            && self.span.href == other.span.href
            && self.span.url == other.span.url
    }
}

/// A bullet: its own prose, and its sub-items (`rich::sub_items` in the core).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Item {
    pub text: Rich,
    pub children: Vec<Rich>,
}

/// A formatting a writer opens and closes around a run's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Strong,
    Emphasis,
    Code,
}

/// How one text format writes prose: the walk over the runs (spaces at a run's edges outside its
/// formatting, formatting opened outermost first and closed in reverse) is [`write_runs`], once.
pub(crate) trait RunWriter {
    /// A space between words, outside any formatting.
    fn space(&mut self);
    fn open(&mut self, format: Format);
    fn close(&mut self, format: Format);
    /// The run's words (its link, if any, around them), escaped for the target.
    fn words(&mut self, run: &Run, words: &Span);
}

/// Writes `rich` through `w`.
pub(crate) fn write_runs(rich: &Rich, w: &mut impl RunWriter) {
    for run in &rich.0 {
        let (before, inner, after) = run.edges();
        if before {
            w.space();
        }
        if inner.is_empty() {
            continue;
        }
        let formats: Vec<Format> = [
            (run.strong, Format::Strong),
            (run.emphasis, Format::Emphasis),
            (run.code, Format::Code),
        ]
        .into_iter()
        .filter_map(|(on, f)| on.then_some(f))
        .collect();
        for f in &formats {
            w.open(*f);
        }
        w.words(run, &run.inner_span());
        for f in formats.iter().rev() {
            w.close(*f);
        }
        if after {
            w.space();
        }
    }
}

/// `text` split into paragraphs at blank lines, each folded onto one line, with its formatting.
pub(crate) fn paragraphs(text: &str, inline: &Inline) -> Vec<Rich> {
    let marks = marks_of(text, inline);
    paragraph_ranges(text)
        .into_iter()
        .map(|range| runs(text, range, marks))
        .filter(|p| !p.is_empty())
        .collect()
}

/// `text` as one line, with its formatting; `None` when it folds to nothing.
#[cfg(test)]
pub(crate) fn line(text: &str, inline: &Inline) -> Option<Rich> {
    Some(runs(text, 0..text.len(), marks_of(text, inline))).filter(|r| !r.is_empty())
}

/// `text` as a bullet with its sub-items, each one line with its formatting; `None` when it
/// folds to nothing.
pub(crate) fn item(text: &str, inline: &Inline) -> Option<Item> {
    let marks = marks_of(text, inline);
    let (own, subs) = vitae_core::rich::sub_items(text);
    let children: Vec<Rich> = subs
        .into_iter()
        .map(|range| runs(text, range, marks))
        .filter(|r| !r.is_empty())
        .collect();
    let own = runs(text, own, marks);
    match (own.is_empty(), children.is_empty()) {
        (true, true) => None,
        // Sub-items without a bullet of their own are bullets.
        (true, false) => Some(Item {
            text: children[0].clone(),
            children: children[1..].to_vec(),
        }),
        _ => Some(Item {
            text: own,
            children,
        }),
    }
}

/// Every text of `items` as a bullet, empty ones left out.
pub(crate) fn items(texts: &[String], inline: &Inline) -> Vec<Item> {
    texts.iter().filter_map(|t| item(t, inline)).collect()
}

fn marks_of<'a>(text: &str, inline: &'a Inline) -> &'a [Mark] {
    inline.get(text).map_or(&[], Vec::as_slice)
}

/// The byte ranges of the paragraphs of `text`: runs of lines between blank lines.
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..at);
            }
        } else if start.is_none() {
            start = Some(at);
        }
        at = end;
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The runs of `text[range]`: a new run wherever a mark starts or ends.
fn runs(text: &str, range: Range<usize>, marks: &[Mark]) -> Rich {
    let mut cuts = vec![range.start, range.end];
    for m in marks {
        for at in [m.start, m.end] {
            if range.contains(&at) && text.is_char_boundary(at) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Run> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let piece = fold_keeping_edges(&text[a..b]);
        if piece.is_empty() {
            continue;
        }
        let active = marks.iter().filter(|m| m.start <= a && b <= m.end);
        let mut run = Run::plain(piece);
        for m in active {
            match &m.style {
                Style::Strong => run.strong = true,
                Style::Emphasis => run.emphasis = true,
                Style::Code => run.code = true,
                Style::Link(url) => {
                    // The first link wins; an unsafe scheme stays text (and its address shown
                    // where links cannot be followed, like any URL on a resume).
                    if run.span.url.is_none() {
                        run.span.href = web_href(url);
                        run.span.url = Some(url.clone());
                    }
                }
            }
        }
        match out.last_mut() {
            Some(last) if last.same_format(&run) => last.span.text.push_str(&run.span.text),
            _ => out.push(run),
        }
    }
    // The paragraph's own edges are trimmed; spaces between runs stay single.
    if let Some(first) = out.first_mut() {
        first.span.text = first.span.text.trim_start().to_owned();
    }
    if let Some(last) = out.last_mut() {
        last.span.text = last.span.text.trim_end().to_owned();
    }
    out.retain(|r| !r.span.text.is_empty());
    // Runs next to each other with one space between them keep exactly one.
    for i in 1..out.len() {
        if out[i - 1].span.text.ends_with(' ') && out[i].span.text.starts_with(' ') {
            out[i].span.text.remove(0);
        }
    }
    out.retain(|r| !r.span.text.is_empty());
    Rich(out)
}

/// `fold`, keeping one space where the piece began or ended with whitespace (a run's edges are
/// the spaces between words).
fn fold_keeping_edges(piece: &str) -> String {
    let folded = fold(piece);
    if folded.is_empty() {
        return if piece.chars().any(char::is_whitespace) {
            " ".to_owned()
        } else {
            String::new()
        };
    }
    let mut out = String::with_capacity(folded.len() + 2);
    if piece.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(&folded);
    if piece.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(markdown: &str) -> (String, Inline) {
        let p = vitae_core::rich::parse(markdown);
        let mut inline = Inline::new();
        inline.insert(p.plain.clone(), p.marks);
        (p.plain, inline)
    }

    #[test]
    fn marks_become_runs_and_whitespace_folds_across_them() {
        let (text, inline) = parsed("Built  **the\n API** and  [docs](https://x.example) too");
        let rich = line(&text, &inline).unwrap();
        let shape: Vec<(&str, bool, Option<&str>)> = rich
            .0
            .iter()
            .map(|r| (r.span.text.as_str(), r.strong, r.span.href.as_deref()))
            .collect();
        assert_eq!(
            shape,
            [
                ("Built ", false, None),
                ("the API", true, None),
                (" and ", false, None),
                ("docs", false, Some("https://x.example")),
                (" too", false, None),
            ]
        );
        assert_eq!(rich.text(), "Built the API and docs too");
    }

    #[test]
    fn paragraphs_split_at_blank_lines_with_their_marks() {
        let (text, inline) = parsed("One *a*\n\n\nTwo\nlines **b**");
        let ps = paragraphs(&text, &inline);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text(), "One a");
        assert!(ps[0].0[1].emphasis);
        assert_eq!(ps[1].text(), "Two lines b");
        assert!(ps[1].0.last().unwrap().strong);
        // Text without marks is one plain run.
        assert_eq!(
            paragraphs(" plain \n", &Inline::new()),
            [Rich::plain("plain".into())]
        );
    }

    #[test]
    fn an_unsafe_link_is_text_with_its_address() {
        let (text, inline) = parsed("[click](javascript:alert(1)) here");
        let rich = line(&text, &inline).unwrap();
        assert_eq!(rich.0[0].span.href, None);
        assert_eq!(rich.0[0].span.url.as_deref(), Some("javascript:alert(1)"));
    }
}
