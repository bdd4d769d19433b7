//! Pages drawn as PNG: the studio's preview after every keystroke, and `-f png`.
//!
//! A preview page's time went to three things of about equal weight (bench/PROFILE.md): drawing
//! its glyphs (typst-render memoizes a glyph's bitmap by its exact sub-pixel position, so they
//! are nearly all drawn afresh), turning the RGBA pixmap into RGB, and the PNG encoder. A page
//! is therefore drawn as two bands, the top and the bottom half, on two threads: each band draws
//! only the items that can reach it and turns its pixels into RGB in its own rows of one buffer;
//! preview pages are then encoded with the cheaper Sub row filter ([`PngFor`]).

use super::TypesetError;
use typst::layout::{Abs, Frame, FrameItem, GroupItem, Point, Ratio, Size};
use typst::visualize::Paint;
use typst_layout::Page;

/// What a PNG is for, which decides how hard it is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PngFor {
    /// A document written to a file or sent as one (`-f png`, `/v1/render/png`): each row
    /// filtered with the PNG filter that suits it best (adaptive), the smaller file.
    Document,
    /// A live preview page, drawn again after every keystroke: every row with the Sub filter,
    /// which on a resume page at 96 dpi encodes in about 60 % of the time for a file about
    /// 20 % larger (measured in `render_bench`'s preview, issue 19).
    Preview,
}

/// One page drawn at `dpi` and encoded as PNG.
pub(super) fn draw_png(page: &Page, dpi: f64, purpose: PngFor) -> Result<Vec<u8>, TypesetError> {
    encode_png(&pixels(page, (dpi / 72.0) as f32), purpose)
}

/// A page's pixels, as the PNG will hold them: RGB when every pixel is opaque (a page is, on its
/// white or tinted fill), else RGBA with straight alpha.
struct Pixels {
    width: u32,
    height: u32,
    color: png::ColorType,
    data: Vec<u8>,
}

/// The page drawn whole by typst-render.
fn drawn(page: &Page, pixel_per_pt: f32) -> tiny_skia::Pixmap {
    let options = typst_render::RenderOptions {
        pixel_per_pt: f64::from(pixel_per_pt).into(),
        render_bleed: false,
    };
    typst_render::render(page, &options)
}

/// A page's pixels at `pixel_per_pt`: drawn in two bands when it is worth it, else whole.
fn pixels(page: &Page, pixel_per_pt: f32) -> Pixels {
    banded(page, pixel_per_pt).unwrap_or_else(|| {
        let pixmap = drawn(page, pixel_per_pt);
        let (width, height) = (pixmap.width(), pixmap.height());
        let mut rgb = vec![0; pixmap.data().len() / 4 * 3];
        if to_rgb(pixmap.data(), &mut rgb) {
            return Pixels {
                width,
                height,
                color: png::ColorType::Rgb,
                data: rgb,
            };
        }
        // Premultiplied in the pixmap; PNG stores straight alpha.
        let data = pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect();
        Pixels {
            width,
            height,
            color: png::ColorType::Rgba,
            data,
        }
    })
}

/// Copies the colour of opaque RGBA pixels into `rgb`; `false` when a pixel is not opaque (and
/// what `rgb` holds is then of no use). One pass, without a branch per pixel.
fn to_rgb(rgba: &[u8], rgb: &mut [u8]) -> bool {
    let mut alpha = u8::MAX;
    for (from, to) in rgba.chunks_exact(4).zip(rgb.chunks_exact_mut(3)) {
        to.copy_from_slice(&from[..3]);
        alpha &= from[3];
    }
    alpha == u8::MAX
}

/// The page drawn as two bands, the top and the bottom half, on two threads, each band turned
/// into RGB in its own rows of one buffer; `None` when banding does not apply (a small page, a
/// fill that is not a flat colour, a transparent pixel), and the page is drawn whole instead.
fn banded(page: &Page, pixel_per_pt: f32) -> Option<Pixels> {
    let size = page.frame.size();
    let width = (pixel_per_pt * size.x.to_pt() as f32).round().max(1.0) as u32;
    let height = (pixel_per_pt * size.y.to_pt() as f32).round().max(1.0) as u32;
    // A fill other than a flat colour (a gradient, a tiling) is laid over the whole page, so
    // a band would show a different part of it; a small image is not worth a thread.
    let flat = match &page.fill {
        typst::foundations::Smart::Custom(Some(paint)) => matches!(paint, Paint::Solid(_)),
        _ => true,
    };
    if !flat || height < 64 || u64::from(width) * u64::from(height) < 64 * 1024 {
        return None;
    }
    // The bands meet on a whole pixel row, so each is drawn exactly as that part of the page.
    let split_px = height / 2;
    let split = Abs::pt(f64::from(split_px) / f64::from(pixel_per_pt));
    let bottom_height = Abs::pt(f64::from(height - split_px) / f64::from(pixel_per_pt));
    let top = band_page(page, Abs::zero(), split);
    let bottom = band_page(page, split, bottom_height);
    let row = width as usize * 3;
    let mut rgb = vec![0; row * height as usize];
    let (top_rows, bottom_rows) = rgb.split_at_mut(row * split_px as usize);
    // Each band as it should come out (the sizes are computed as typst-render computes them),
    // opaque, in RGB.
    let fill = |band: &Page, rows: &mut [u8]| {
        let pixmap = drawn(band, pixel_per_pt);
        pixmap.width() == width
            && pixmap.data().len() / 4 * 3 == rows.len()
            && to_rgb(pixmap.data(), rows)
    };
    let whole = std::thread::scope(|scope| {
        let bottom = scope.spawn(|| fill(&bottom, bottom_rows));
        let top = fill(&top, top_rows);
        // A panic while drawing is a bug in typst-render; it goes on as it would unthreaded.
        let bottom = bottom
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        top && bottom
    });
    whole.then_some(Pixels {
        width,
        height,
        color: png::ColorType::Rgb,
        data: rgb,
    })
}

/// The part of `page` from `from` down, `height` high: a page of that height whose frame holds
/// the page's frame moved up by `from`, with only the items that can draw there.
fn band_page(page: &Page, from: Abs, height: Abs) -> Page {
    let size = page.frame.size();
    // Anti-aliasing reaches a pixel past an item's edge; a point on each side covers it.
    let margin = Abs::pt(1.0);
    let kept = band(&page.frame, from - margin, from + height + margin)
        .unwrap_or_else(|| page.frame.clone());
    let mut frame = Frame::new(Size::new(size.x, height), page.frame.kind());
    // The moved frame keeps its kind and size, so paints relative to the page (a gradient set
    // on the page) are placed as on the whole page.
    frame.push(Point::with_y(-from), FrameItem::Group(GroupItem::new(kept)));
    Page {
        frame,
        ..page.clone()
    }
}

/// The items of `frame` that may draw between `top` and `bottom` (in the frame's own
/// coordinates). Conservative: an item is left out only when it surely draws nothing there
/// (a group's content can overflow its frame, so groups are looked into, not measured).
/// `None` when every item is kept: the frame is used as it is.
fn band(frame: &Frame, top: Abs, bottom: Abs) -> Option<Frame> {
    let mut out = Frame::new(frame.size(), frame.kind());
    let mut changed = false;
    for (pos, item) in frame.items() {
        let kept = match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                let moved_only = t.sx == Ratio::one()
                    && t.sy == Ratio::one()
                    && t.kx.is_zero()
                    && t.ky.is_zero();
                if moved_only {
                    let dy = pos.y + t.ty;
                    let inner = band(&group.frame, top - dy, bottom - dy);
                    match inner {
                        None => Some(item.clone()),
                        Some(inner) if inner.is_empty() => None,
                        Some(inner) => {
                            changed = true;
                            Some(FrameItem::Group(GroupItem {
                                frame: inner,
                                ..group.clone()
                            }))
                        }
                    }
                } else {
                    // Rotated, scaled or skewed: drawn whole.
                    Some(item.clone())
                }
            }
            FrameItem::Text(text) => {
                // From the baseline: two ems up and one down cover any font's ascenders,
                // accents and descenders, and each glyph's own vertical offset is added.
                let (mut y, mut low, mut high) = (Abs::zero(), Abs::zero(), Abs::zero());
                for glyph in &text.glyphs {
                    let at = y - glyph.y_offset.at(text.size);
                    low = low.min(at);
                    high = high.max(at);
                    y += glyph.y_advance.at(text.size);
                }
                let reach_up = pos.y + low - text.size * 2.0;
                let reach_down = pos.y + high + text.size;
                (reach_down >= top && reach_up <= bottom).then(|| item.clone())
            }
            FrameItem::Shape(shape, _) => {
                let bbox = shape.bbox(true);
                (pos.y + bbox.max.y >= top && pos.y + bbox.min.y <= bottom).then(|| item.clone())
            }
            FrameItem::Image(_, size, _) => {
                (pos.y + size.y >= top && pos.y <= bottom).then(|| item.clone())
            }
            // Neither draws anything.
            FrameItem::Link(..) | FrameItem::Tag(_) => None,
        };
        match kept {
            Some(kept) => out.push(*pos, kept),
            None => changed = true,
        }
    }
    changed.then_some(out)
}

/// A page's pixels as PNG, encoded for speed with the PNG crate's fastest DEFLATE (fdeflate): on
/// a resume page at 96 dpi several times faster than `Pixmap::encode_png` (RGBA, balanced
/// compression), for files about as small, since a page is mostly flat colour; the row filter
/// as `purpose` asks.
fn encode_png(pixels: &Pixels, purpose: PngFor) -> Result<Vec<u8>, TypesetError> {
    let failed = |e: png::EncodingError| TypesetError::Export(vec![e.to_string()]);
    let mut out = Vec::with_capacity(pixels.data.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixels.width, pixels.height);
    encoder.set_color(pixels.color);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(png::DeflateCompression::FdeflateUltraFast);
    encoder.set_filter(match purpose {
        PngFor::Document => png::Filter::Adaptive,
        PngFor::Preview => png::Filter::Sub,
    });
    let mut writer = encoder.write_header().map_err(failed)?;
    writer.write_image_data(&pixels.data).map_err(failed)?;
    writer.finish().map_err(failed)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RenderOptions;
    use crate::typeset::{Content, Theme, TypesetOptions, compile};

    /// The project's example resume laid out in `theme`.
    fn pages(theme: Theme) -> Vec<Page> {
        let text = include_str!("../../../../examples/resume.yaml");
        let resume = vitae_core::format::read(text, None).unwrap().resume;
        let options = TypesetOptions {
            theme: Some(theme),
            ..TypesetOptions::default()
        };
        let (document, _) = compile(
            Content::Resume(&resume),
            &RenderOptions::default(),
            &options,
        )
        .unwrap();
        document.pages().to_vec()
    }

    /// A page drawn as two bands is the page drawn whole: same size, and no pixel off by more
    /// than rounding (the bottom band's glyphs sit at positions computed from another origin).
    #[test]
    fn a_page_drawn_in_two_bands_is_the_page_drawn_whole() {
        // The sidebar theme has a coloured column the full height of the page, across the
        // bands' seam; classic has rules and text on it.
        for theme in [Theme::Classic, Theme::Sidebar] {
            for page in pages(theme) {
                for pixel_per_pt in [96.0 / 72.0, 150.0 / 72.0] {
                    let banded = banded(&page, pixel_per_pt).expect("a page is drawn in bands");
                    let whole = drawn(&page, pixel_per_pt);
                    assert_eq!(
                        (banded.width, banded.height),
                        (whole.width(), whole.height())
                    );
                    assert_eq!(banded.color, png::ColorType::Rgb);
                    let mut rgb = vec![0; whole.data().len() / 4 * 3];
                    assert!(to_rgb(whole.data(), &mut rgb), "a page is opaque");
                    let worst = banded
                        .data
                        .iter()
                        .zip(&rgb)
                        .map(|(a, b)| a.abs_diff(*b))
                        .max()
                        .unwrap();
                    assert!(worst <= 2, "{theme:?}: a pixel differs by {worst}");
                }
            }
        }
    }

    /// RGB for opaque pages, and a transparent pixel is noticed wherever it is.
    #[test]
    fn opaque_pixels_become_rgb_and_a_transparent_one_is_noticed() {
        let rgba = [1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255];
        let mut rgb = [0; 9];
        assert!(to_rgb(&rgba, &mut rgb));
        assert_eq!(rgb, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        let mut seen = rgba;
        seen[11] = 254;
        assert!(!to_rgb(&seen, &mut rgb));
    }

    /// Each band keeps only what can reach it: the text of the top half is not in the bottom
    /// band's frame, so the two threads share the page's glyphs instead of each drawing all.
    #[test]
    fn each_band_draws_about_half_of_the_text() {
        fn glyphs(frame: &Frame) -> usize {
            frame
                .items()
                .map(|(_, item)| match item {
                    FrameItem::Group(group) => glyphs(&group.frame),
                    FrameItem::Text(text) => text.glyphs.len(),
                    _ => 0,
                })
                .sum()
        }
        let page = &pages(Theme::Classic)[0];
        let all = glyphs(&page.frame);
        let half = page.frame.height() / 2.0;
        let top = glyphs(&band_page(page, Abs::zero(), half).frame);
        let bottom = glyphs(&band_page(page, half, half).frame);
        assert!(
            top + bottom >= all,
            "{top} + {bottom} < {all}: text was lost"
        );
        assert!(
            top < all * 3 / 4 && bottom < all * 3 / 4,
            "{top} and {bottom} of {all}"
        );
    }
}
