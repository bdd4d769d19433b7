//! PDF: every glyph's text, position, size and weight from hayro's interpreter, then lines as a
//! reader sees them: glyphs on one baseline joined into words (a space where the gap says so, as
//! most producers do not draw spaces), a row split where a gap is wider than any space (a title
//! and its dates at the end of the line), and a page split into columns where a band of it holds
//! no text at all (a sidebar), read one column after the other.

use crate::ImportError;
use crate::lines::{Hint, Line, Origin, strip_bullet};
use hayro_interpret::font::Glyph;
use hayro_interpret::hayro_syntax::{LoadPdfError, Pdf};
use hayro_interpret::util::TransformExt;
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, GlyphDrawMode, Image, InterpreterCache,
    InterpreterSettings, Paint, PathDrawMode, SoftMask, interpret_page,
};
use kurbo::{Affine, BezPath, Point, Rect};
use std::collections::HashMap;

/// The most pages read: a resume has a few; a document of hundreds is something else, and its
/// pages would only cost time.
pub const MAX_PAGES: usize = 20;

/// The most glyphs read from a document: some 20 dense pages. A page whose content stream draws
/// a million glyphs stops here instead of growing without bound.
const MAX_GLYPHS: usize = 200_000;

/// One drawn glyph, in points from the page's top left corner.
#[derive(Debug, Clone)]
struct Mark {
    text: String,
    x: f32,
    /// Baseline.
    y: f32,
    /// Advance width in points (an estimate from the size where the font has none).
    width: f32,
    size: f32,
    bold: bool,
}

/// Collects the glyphs of one page.
struct Collector {
    marks: Vec<Mark>,
    budget: usize,
    /// Whether a font (by hayro's cache key) is bold, looked up once per font.
    bold: HashMap<u128, bool>,
}

impl Collector {
    fn font_is_bold(&mut self, glyph: &Glyph<'_>) -> bool {
        let Glyph::Outline(outline) = glyph else {
            return false;
        };
        let key = outline.font_cache_key();
        *self.bold.entry(key).or_insert_with(|| {
            outline.font_data().is_some_and(|data| {
                data.weight.is_some_and(|w| w >= 600)
                    || data.postscript_name.as_deref().is_some_and(|name| {
                        let name = name.to_ascii_lowercase();
                        ["bold", "black", "heavy", "semibold", "demi"]
                            .iter()
                            .any(|w| name.contains(w))
                    })
            })
        })
    }
}

impl<'a> Device<'a> for Collector {
    fn set_soft_mask(&mut self, _: Option<SoftMask<'a>>) {}
    fn set_blend_mode(&mut self, _: BlendMode) {}
    fn draw_path(&mut self, _: &BezPath, _: Affine, _: &Paint<'a>, _: &PathDrawMode) {}
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}
    fn draw_image(&mut self, _: Image<'a, '_>, _: Affine) {}
    fn pop_clip_path(&mut self) {}
    fn pop_transparency_group(&mut self) {}

    fn draw_glyph(
        &mut self,
        glyph: &Glyph<'a>,
        transform: Affine,
        glyph_transform: Affine,
        _: &Paint<'a>,
        mode: &GlyphDrawMode,
    ) {
        if self.budget == 0 || matches!(mode, GlyphDrawMode::Invisible) {
            // Invisible text is an OCR layer's or a hidden keyword list's: not what the page
            // shows. (The budget: see MAX_GLYPHS.)
            return;
        }
        let Some(text) = glyph.as_unicode() else {
            return;
        };
        let text = match text {
            hayro_interpret::hayro_cmap::BfString::Char(c) => c.to_string(),
            hayro_interpret::hayro_cmap::BfString::String(s) => s,
        };
        if text.chars().all(char::is_control) {
            return;
        }
        // Ligature glyphs ("ﬀ" in "Staﬀ") are their letters in the text.
        let text = unligature(&text);
        self.budget -= 1;
        // The page's initial transform puts the origin at the top left, y growing down.
        let full = transform * glyph_transform;
        let origin = full * Point::ZERO;
        // The glyph space is 1000 units to the em: the length of an em along the glyph's y axis
        // is the type size.
        let c = full.as_coeffs();
        let size = ((c[2] * c[2] + c[3] * c[3]).sqrt() * 1000.0) as f32;
        let x_scale = ((c[0] * c[0] + c[1] * c[1]).sqrt()) as f32;
        let width = match glyph {
            Glyph::Outline(g) => g.advance_width().map(|w| w * x_scale),
            Glyph::Type3(_) => None,
        }
        .filter(|w| w.is_finite() && *w > 0.0)
        .unwrap_or(size * 0.5);
        if !size.is_finite() || size <= 0.5 || !origin.x.is_finite() || !origin.y.is_finite() {
            return;
        }
        let bold = self.font_is_bold(glyph);
        self.marks.push(Mark {
            text,
            x: origin.x as f32,
            y: origin.y as f32,
            width,
            size,
            bold,
        });
    }
}

/// The lines of a PDF, page after page, in reading order.
pub fn lines(bytes: &[u8]) -> Result<Vec<Line>, ImportError> {
    crate::guard::check(bytes)?;
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => ImportError::Encrypted,
        LoadPdfError::Invalid => ImportError::Damaged("the PDF's structure cannot be read".into()),
    })?;
    width_tables(&pdf)?;
    let pages = pdf.pages();
    if pages.len() > MAX_PAGES {
        return Err(ImportError::TooLong {
            pages: pages.len(),
            max: MAX_PAGES,
        });
    }
    let settings = InterpreterSettings::default();
    let cache = InterpreterCache::new();
    let mut out = Vec::new();
    let mut budget = MAX_GLYPHS;
    let mut row = 0;
    for (index, page) in pages.iter().enumerate() {
        let (width, height) = page.render_dimensions();
        let mut context = Context::new(
            page.initial_transform(true).to_kurbo(),
            Rect::new(0.0, 0.0, f64::from(width), f64::from(height)),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        let mut collector = Collector {
            marks: Vec::new(),
            budget,
            bold: HashMap::new(),
        };
        interpret_page(page, &mut context, &mut collector);
        budget = collector.budget;
        let page_lines = layout(collector.marks, width, index as u32 + 1, &mut row);
        out.extend(page_lines);
    }
    Ok(out)
}

/// The most characters a font's width tables (`/W`, `/W2` of a CID font) may give widths to. A
/// CID is two bytes, so a real font's tables cover at most 65,536 characters. hayro's reader
/// keeps one entry per character of a range, so a range such as `[0 4294967295 500]`, 20 bytes
/// in a file, would take minutes and gigabytes: the importer's fuzzing found a mutated resume
/// whose range cost a third of a second, and a wider one costs as much as it says.
const MAX_WIDTHS: u64 = 1 << 17;

/// Refuses a document whose fonts' width tables cover more characters than [`MAX_WIDTHS`], before
/// the interpreter reads them. A CID font is reached as hayro reaches it: through a composite
/// font's `/DescendantFonts`, from any dictionary among the objects or written inside one. Only
/// hayro's own non-panicking accessors are used (`get`, `get_raw`, `iter`): its `entries()` and
/// `raw_iter()` unwrap what they read, and a damaged value panics (found by fuzzing this check).
fn width_tables(pdf: &Pdf) -> Result<(), ImportError> {
    use hayro_interpret::hayro_syntax::object::{Array, Dict, MaybeRef, Object};

    fn covered(table: &Array<'_>, per: usize) -> u64 {
        // Read as hayro reads it: `first [w ...]` or `first last w` (per = 1, `/W`), with three
        // numbers to a character in `/W2`.
        let mut iter = table.flex_iter();
        let mut total = 0u64;
        loop {
            if let Some((_, widths)) = iter.next::<(u32, Array<'_>)>() {
                total += (widths.iter::<f32>().count() / per) as u64;
            } else if let Some((first, last)) = iter.next::<(u32, u32)>() {
                total += u64::from(last.saturating_sub(first)) + 1;
                for _ in 0..per {
                    if iter.next::<f32>().is_none() {
                        return total;
                    }
                }
            } else {
                return total;
            }
            if total > MAX_WIDTHS {
                return total;
            }
        }
    }
    fn check(font: &Dict<'_>) -> Result<(), ImportError> {
        for (key, per) in [("W", 1), ("W2", 3)] {
            if let Some(table) = font.get::<Array<'_>>(key) {
                let n = covered(&table, per);
                if n > MAX_WIDTHS {
                    return Err(ImportError::Damaged(format!(
                        "a font's width table covers {n} characters or more; a font has at most 65,536"
                    )));
                }
            }
        }
        Ok(())
    }
    fn walk(dict: &Dict<'_>) -> Result<(), ImportError> {
        check(dict)?;
        if let Some(descendants) = dict.get::<Array<'_>>("DescendantFonts") {
            for font in descendants.iter::<Dict<'_>>() {
                check(&font)?;
            }
        }
        // The dictionaries written inside this one (one it refers to is an object of its own;
        // the nesting is bounded by `crate::guard`).
        for key in dict.keys() {
            match dict.get_raw::<Object<'_>>(&key) {
                Some(MaybeRef::NotRef(Object::Dict(inner))) => walk(&inner)?,
                Some(MaybeRef::NotRef(Object::Stream(stream))) => walk(stream.dict())?,
                _ => {}
            }
        }
        Ok(())
    }
    for object in pdf.objects() {
        match object {
            Object::Dict(dict) => walk(&dict)?,
            Object::Stream(stream) => walk(stream.dict())?,
            _ => {}
        }
    }
    Ok(())
}

/// A run of glyphs on one baseline, with no gap wider than a space inside.
#[derive(Debug)]
struct Run {
    text: String,
    left: f32,
    right: f32,
    baseline: f32,
    size: f32,
    bold_chars: usize,
    chars: usize,
    /// Bytes of `text` set bold from its start, while no regular glyph has come.
    bold_prefix: usize,
    /// Whether a glyph in another weight has come after the bold start.
    broken: bool,
}

/// The lines of one page from its glyphs.
fn layout(mut marks: Vec<Mark>, page_width: f32, page: u32, row: &mut u32) -> Vec<Line> {
    if marks.is_empty() {
        return Vec::new();
    }
    // Rows: glyphs whose baselines are within a fifth of their size of each other.
    marks.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut rows: Vec<Vec<Mark>> = Vec::new();
    for m in marks {
        match rows.last_mut() {
            Some(r) if (m.y - r[0].y).abs() <= 0.2 * m.size.max(r[0].size) => r.push(m),
            _ => rows.push(vec![m]),
        }
    }
    // Runs: a row's glyphs left to right, a space where the gap is over a sixth of the size, a
    // new run where it is over 1.5 em (no space is that wide; columns and tab stops are).
    let mut runs_by_row: Vec<Vec<Run>> = Vec::new();
    for mut r in rows {
        r.sort_by(|a, b| a.x.total_cmp(&b.x));
        let mut runs: Vec<Run> = Vec::new();
        let mut end = f32::MIN;
        for m in r {
            let gap = m.x - end;
            let blank = m.text.trim().is_empty();
            match runs.last_mut() {
                // A change of size of more than a sixth starts a new run: a name and the title
                // beside it, set smaller.
                Some(run)
                    if gap <= 1.5 * m.size
                        && (blank || (m.size - run.size).abs() <= run.size.max(m.size) / 6.0) =>
                {
                    if gap > m.size / 6.0 && !run.text.ends_with(' ') && !blank {
                        // A gap wider than any word space (items of a contact line set apart
                        // by margins, not separators) is two spaces, which part items.
                        run.text
                            .push_str(if gap > 0.8 * m.size { "  " } else { " " });
                    }
                    if !(blank && run.text.ends_with(' ')) {
                        run.text.push_str(if blank { " " } else { &m.text });
                    }
                    run.right = run.right.max(m.x + m.width);
                    run.size = run.size.max(m.size);
                }
                _ if blank => {
                    end = end.max(m.x + m.width);
                    continue;
                }
                _ => runs.push(Run {
                    text: m.text.clone(),
                    left: m.x,
                    right: m.x + m.width,
                    baseline: m.y,
                    size: m.size,
                    bold_chars: 0,
                    chars: 0,
                    bold_prefix: 0,
                    broken: false,
                }),
            }
            let run = runs.last_mut().expect("pushed or extended");
            if !blank {
                run.chars += 1;
                if m.bold {
                    run.bold_chars += 1;
                }
                if m.bold && !run.broken {
                    run.bold_prefix = run.text.len();
                } else if !m.bold {
                    run.broken = true;
                }
            }
            end = end.max(m.x + m.width);
        }
        // Page numbers ("1 / 2", "Page 1 of 2") are the document's furniture, not its text.
        runs.retain(|r| !r.text.trim().is_empty() && !page_number(r.text.trim()));
        if !runs.is_empty() {
            runs_by_row.push(runs);
        }
    }
    // Columns: a vertical band at least 12 pt wide that no run crosses, with a fair share of the
    // page's text on either side (a sidebar, a two-column layout; not a date column).
    let columns = columns(&runs_by_row, page_width);
    let mut lines = Vec::new();
    let mut number = 0;
    for (lo, hi) in columns {
        let mut previous: Option<(f32, f32)> = None;
        for runs in &runs_by_row {
            let inside: Vec<&Run> = runs
                .iter()
                .filter(|r| r.left >= lo - 0.5 && r.left < hi)
                .collect();
            if inside.is_empty() {
                continue;
            }
            *row += 1;
            let baseline = inside[0].baseline;
            let size = inside.iter().map(|r| r.size).fold(0.0, f32::max);
            let gap_before = previous.is_some_and(|(b, s)| baseline - b > 1.6 * s.max(size));
            previous = Some((baseline, size));
            for run in inside {
                number += 1;
                let text = run.text.trim_end().to_owned();
                let (text, hint, cut) = match strip_bullet(&text) {
                    Some(rest) => (rest.to_owned(), Hint::Bullet, text.len() - rest.len()),
                    None => (text, Hint::None, 0),
                };
                // The bold start, when the run goes on in another weight.
                let bold_prefix = if run.broken && run.bold_prefix > cut {
                    (run.bold_prefix - cut).min(text.len())
                } else {
                    0
                };
                lines.push(Line {
                    text,
                    row: *row,
                    origin: Origin::Page { page, line: number },
                    left: run.left,
                    right: run.right,
                    size: run.size,
                    bold: run.bold_chars * 2 > run.chars,
                    bold_prefix,
                    hint,
                    gap_before,
                });
            }
        }
    }
    // Only where nothing on the page is marked as a list item: a document that writes its
    // markers writes them all.
    if !lines.iter().any(|l| l.hint == Hint::Bullet) {
        drawn_lists(&mut lines);
    }
    lines
}

/// The page's columns as [from, to) bands of x, left to right (one band: no columns).
fn columns(rows: &[Vec<Run>], width: f32) -> Vec<(f32, f32)> {
    let all = vec![(f32::MIN, f32::MAX)];
    let runs: Vec<&Run> = rows.iter().flatten().collect();
    let total: usize = runs.iter().map(|r| r.chars).sum();
    if total == 0 {
        return all;
    }
    // Covered spans, merged; a gap between them that is wide enough splits the page.
    let mut spans: Vec<(f32, f32)> = runs.iter().map(|r| (r.left, r.right)).collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut merged: Vec<(f32, f32)> = Vec::new();
    for (l, r) in spans {
        match merged.last_mut() {
            Some(m) if l <= m.1 => m.1 = m.1.max(r),
            _ => merged.push((l, r)),
        }
    }
    let mut bands = Vec::new();
    let mut from = f32::MIN;
    for pair in merged.windows(2) {
        let (gap_lo, gap_hi) = (pair[0].1, pair[1].0);
        if gap_hi - gap_lo < 12.0 || gap_lo < width * 0.15 || gap_hi > width * 0.85 {
            continue;
        }
        let split = (gap_lo + gap_hi) / 2.0;
        let left: usize = runs
            .iter()
            .filter(|r| r.left >= from && r.left < split)
            .map(|r| r.chars)
            .sum();
        let right: usize = runs
            .iter()
            .filter(|r| r.left >= split)
            .map(|r| r.chars)
            .sum();
        // Each side holds a fair share of the text (a twelfth), and the right one is not a
        // column of dates and places (RenderCV's layout), which belongs to the text beside it.
        let right_runs: Vec<&&Run> = runs.iter().filter(|r| r.left >= split).collect();
        let dated = right_runs
            .iter()
            .filter(|r| {
                crate::dates::find(&r.text).is_some()
                    || (r.text.contains(',') && r.text.split_whitespace().count() <= 4)
            })
            .count();
        if left * 12 >= total && right * 12 >= total && dated * 2 < right_runs.len() {
            bands.push((from, split));
            from = split;
        }
    }
    if bands.is_empty() {
        return all;
    }
    bands.push((from, f32::MAX));
    bands
}

/// Whether a run is a page number: "2", "1 / 2", "1/2", "Page 1 of 2", "- 3 -".
fn page_number(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace())
        .to_lowercase();
    let t = t
        .strip_prefix("page")
        .map_or(t.as_str(), str::trim_start)
        .replace(" of ", "/");
    let mut parts = t.split('/').map(str::trim);
    let numeric =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    match (parts.next(), parts.next(), parts.next()) {
        (a, None, None) => numeric(a) && t.len() <= 3,
        (a, b, None) => numeric(a) && numeric(b),
        _ => false,
    }
}

/// `text` with ligature characters spelled out.
fn unligature(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Lists whose markers are drawn, not written (a browser draws a list's bullets as shapes): a
/// run of two or more rows, set in from the column's text by a list's indent, none marked, right
/// after a row at the text's edge, are items. A row after a short one starts an item; a row after
/// a full one goes on with it (a wrapped item's lines share the indent).
fn drawn_lists(lines: &mut Vec<Line>) {
    if lines.is_empty() {
        return;
    }
    // The text's edge: the left most lines start at.
    let mut lefts: HashMap<i32, usize> = HashMap::new();
    for l in lines.iter() {
        *lefts.entry(l.left.round() as i32).or_default() += 1;
    }
    let edge = lefts
        .into_iter()
        .max_by_key(|(x, n)| (*n, -x))
        .map_or(0.0, |(x, _)| x as f32);
    let right = lines.iter().map(|l| l.right).fold(0.0, f32::max);
    let indented = |l: &Line| l.hint == Hint::None && l.left > edge + 8.0 && l.left < edge + 40.0;
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let starts_group = indented(&lines[i])
            && i > 0
            && (lines[i - 1].left - edge).abs() < 2.0
            && lines[i - 1].hint == Hint::None;
        if !starts_group {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        let x = lines[i].left;
        let mut j = i;
        while j < lines.len()
            && indented(&lines[j])
            && (lines[j].left - x).abs() < 1.0
            // One line to a row: a row with a second part is no item.
            && lines.get(j + 1).is_none_or(|n| n.row != lines[j].row)
        {
            j += 1;
        }
        if j - i < 2 {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        let width = right - x;
        let mut item: Option<Line> = None;
        for line in &lines[i..j] {
            // A line that starts in lower case (or with a digit or a sign) goes on with a line
            // that ended near the edge; one that starts in capitals, only with a line that
            // reached it.
            let lower = line.text.chars().next().is_some_and(|c| !c.is_uppercase());
            let reach = if lower { 0.12 } else { 0.03 };
            match item.as_mut() {
                Some(it) if it.right > right - reach * width => {
                    it.text.push(' ');
                    it.text.push_str(&line.text);
                    it.right = line.right;
                }
                _ => {
                    if let Some(done) = item.take() {
                        out.push(done);
                    }
                    let mut it = line.clone();
                    it.hint = Hint::Bullet;
                    item = Some(it);
                }
            }
        }
        out.extend(item);
        i = j;
    }
    *lines = out;
}
