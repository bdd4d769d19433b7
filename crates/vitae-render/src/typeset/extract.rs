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

/// How far down `frame` its text reaches, as a share of its height (0 when it holds none).
pub(super) fn filled(frame: &Frame) -> f64 {
    let mut all = Vec::new();
    runs(frame, Transform::identity(), &mut all);
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
                    // The break opportunities `data::breakable` added are not the person's
                    // text: a reader of the layer gets the text as written.
                    text: text.text.as_str().replace('\u{200B}', ""),
                });
            }
            _ => {}
        }
    }
}

/// Writes runs as lines: a new line where the baseline moves, a space where runs on one baseline
/// are apart (a gap wider than a sixth of the type size, or a step back, as in right-to-left
/// text or a right-aligned date) and neither side already has one.
pub(super) fn write(runs: &[Run], out: &mut String) {
    let mut prev: Option<&Run> = None;
    for run in runs {
        if let Some(p) = prev {
            let same_line = (run.y - p.y).abs() < 0.5 * run.size.min(p.size);
            if !same_line {
                out.push('\n');
            } else {
                let gap = run.x - (p.x + p.width);
                let spaced =
                    out.ends_with(char::is_whitespace) || run.text.starts_with(char::is_whitespace);
                if !spaced && (gap > run.size / 6.0 || run.x < p.x) {
                    out.push(' ');
                }
            }
        }
        out.push_str(&run.text);
        prev = Some(run);
    }
    if prev.is_some() {
        out.push('\n');
    }
}
