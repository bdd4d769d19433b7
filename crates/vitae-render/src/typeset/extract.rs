//! Reading the text layer back out of a laid-out document, as a PDF text extractor does, but
//! from Typst's frames instead of the PDF bytes (no PDF parser needed): typst-pdf writes each text
//! run into the page's content stream in frame order, with the same text and position.

use typst::layout::{Frame, FrameItem, Transform};

/// One run of text on a page, in points from the top-left corner.
pub(super) struct Run {
    x: f64,
    /// The baseline.
    y: f64,
    width: f64,
    size: f64,
    text: String,
}

/// Whether a run is the themes' page number in the footer ("2 / 3").
fn is_page_number(text: &str) -> bool {
    text.split_once(" / ").is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// The height the text of `frame` spans, from its first baseline to its last, as a share of
/// the frame's height (0 when it holds none); the page number in the footer is not content.
pub(super) fn filled(frame: &Frame) -> f64 {
    let mut all = Vec::new();
    runs(frame, Transform::identity(), &mut all);
    all.retain(|r| !is_page_number(r.text.trim()));
    let height = frame.size().y.to_pt();
    let first = all.iter().map(|r| r.y).fold(f64::INFINITY, f64::min);
    let last = all.iter().map(|r| r.y).fold(0.0, f64::max);
    if all.is_empty() || height <= 0.0 {
        0.0
    } else {
        (last - first).max(0.0) / height
    }
}

/// Every text run of `frame` and its subframes, in content order.
pub(super) fn runs(frame: &Frame, ts: Transform, out: &mut Vec<Run>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let ts = ts
                    .pre_concat(Transform::translate(pos.x, pos.y))
                    .pre_concat(group.transform);
                runs(&group.frame, ts, out);
            }
            FrameItem::Text(text) => {
                let at = pos.transform(ts);
                out.push(Run {
                    x: at.x.to_pt(),
                    y: at.y.to_pt(),
                    width: text.width().to_pt() * ts.sx.get().abs(),
                    size: text.size.to_pt() * ts.sy.get().abs(),
                    // The break opportunities `data::breakable` added and the direction
                    // marks the themes set around boxes are not the person's text: a reader
                    // of the layer gets the text as written.
                    text: text.text.as_str().replace(['\u{200B}', '\u{200E}'], ""),
                });
            }
            _ => {}
        }
    }
}

/// A line of text: runs on one baseline, in content order, in points from the page's top-left
/// corner.
pub(super) struct Line {
    pub x: f64,
    pub baseline: f64,
    pub right: f64,
    /// The largest type size on the line.
    pub size: f64,
    pub text: String,
}

/// Groups runs into lines: a new line where the baseline moves, a space where runs on one
/// baseline are apart (a gap wider than a sixth of the type size, or a step back, as in
/// right-to-left text or a right-aligned date) and neither side already has one.
pub(super) fn lines(runs: &[Run]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut prev: Option<&Run> = None;
    for run in runs {
        let same = prev.filter(|p| (run.y - p.y).abs() < 0.5 * run.size.min(p.size));
        match (same, out.last_mut()) {
            (Some(p), Some(line)) => {
                let gap = run.x - (p.x + p.width);
                let spaced = line.text.ends_with(char::is_whitespace)
                    || run.text.starts_with(char::is_whitespace);
                if !spaced && (gap > run.size / 6.0 || run.x < p.x) {
                    line.text.push(' ');
                }
                line.text.push_str(&run.text);
                line.x = line.x.min(run.x);
                line.right = line.right.max(run.x + run.width);
                line.size = line.size.max(run.size);
            }
            _ => out.push(Line {
                x: run.x,
                baseline: run.y,
                right: run.x + run.width,
                size: run.size,
                text: run.text.clone(),
            }),
        }
        prev = Some(run);
    }
    out
}

/// Writes runs as [`lines`], one text line each.
pub(super) fn write(runs: &[Run], out: &mut String) {
    for line in lines(runs) {
        out.push_str(&line.text);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RenderOptions;
    use crate::typeset::{Content, Theme, TypesetOptions, compile};

    /// Every run of every page.
    fn all_runs(r: &vitae_core::model::Resume, theme: Theme, locale: &str) -> Vec<Run> {
        let render = RenderOptions {
            locale: crate::locale(locale).unwrap(),
            ..RenderOptions::default()
        };
        let options = TypesetOptions {
            theme: Some(theme),
            ..TypesetOptions::default()
        };
        let (document, _) = compile(Content::Resume(r), &render, &options).unwrap();
        let mut out = Vec::new();
        for page in document.pages() {
            runs(&page.frame, Transform::identity(), &mut out);
        }
        out
    }

    #[test]
    fn latin_names_keep_their_order_in_a_right_to_left_document() {
        let yaml = "contact:\n  name: \"ليلى حداد\"\n  email: layla@example.com\n\
                    education:\n  - institution: University of Illinois Urbana-Champaign\n\
                    \x20   degree: MSc\n    start_date: 2011-08\n    end_date: 2013-05\n\
                    experience:\n  - company: \"شركة\"\n    title: Engineer\n    start_date: 2020-01\n\
                    \x20   bullets: [\"Built the CI/CD pipeline for Acme, Inc. in Go\"]\n";
        let r = vitae_core::format::read(yaml, None).unwrap().resume;
        let mut wrong = Vec::new();
        for theme in Theme::ALL {
            let runs = all_runs(&r, theme, "ar");
            // On the line that holds them, each word is left of the next: the run reads left to
            // right though the document is right to left.
            for words in [
                ["Illinois", "Urbana-Champaign"],
                ["University", "Illinois"],
                ["CI/CD", "pipeline"],
                ["Acme,", "Inc."],
            ] {
                let at = |w: &str| {
                    runs.iter()
                        .find(|r| r.text.contains(w))
                        .map(|r| (r.x, r.y, r.text.clone()))
                };
                let (Some(a), Some(b)) = (at(words[0]), at(words[1])) else {
                    wrong.push(format!("{theme}: {words:?} not found"));
                    continue;
                };
                let same_line = (a.1 - b.1).abs() < 1.0;
                if same_line && a.2 != b.2 && a.0 > b.0 {
                    wrong.push(format!("{theme}: `{}` is right of `{}`", a.2, b.2));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
