//! How the documents of a resume look, as its source asks (`design:` in the native format,
//! `x-vitae.design` in JSON Resume, RenderCV's own `design` where it maps): presentation, not
//! content. Every field is optional; a choice made on the command line or in an API request
//! goes over the source's, and the theme's own defaults fill what neither sets.
//!
//! Every choice is checked where it is read (the reader locates the problem in the source), by
//! the same rules the renderer applies to the command line's choices: the names of the themes
//! and fonts and the ranges of sizes are declared here, once. The renderer holds the themes'
//! files and the fonts' bytes.

use std::fmt;
use std::str::FromStr;

/// Declares a closed set of named choices: `ALL`, `name`, `Display`, and a `FromStr` whose
/// error lists the names (and accepts each extra spelling given after `|`).
macro_rules! choices {
    ($(#[$doc:meta])* $ty:ident, $what:literal { $($(#[$vdoc:meta])* $variant:ident = $name:literal $(| $alias:literal)*,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $ty { $($(#[$vdoc])* $variant,)+ }

        impl $ty {
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// The name the source and the command line use.
            pub fn name(self) -> &'static str {
                match self { $($ty::$variant => $name,)+ }
            }

            /// Every name, for messages: "a, b, c".
            pub fn names() -> String {
                Self::ALL.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
                match wanted.as_str() {
                    $($name $(| $alias)* => Ok($ty::$variant),)+
                    _ => Err(format!("unknown {} `{s}` (known: {})", $what, Self::names())),
                }
            }
        }
    };
}

choices! {
    /// The document themes (their Typst files are vitae-render's).
    Theme, "theme" {
        /// Serif, centred header, rules under headings: the traditional resume.
        Classic = "classic",
        /// Sans-serif with an accent colour and a left-aligned header.
        Modern = "modern",
        /// Dense sans-serif made to fit one page.
        Compact = "compact",
        /// Contact, skills and languages in a tinted left column, experience on the right.
        Sidebar = "sidebar",
        /// Academic CV: publications and education first, full dates.
        Academic = "academic",
        /// "Jake's resume" style: small caps headings, dates right-aligned, tight bullets.
        Engineering = "engineering",
    }
}

impl Theme {
    pub fn description(self) -> &'static str {
        match self {
            Theme::Classic => "serif, centred header, ruled section headings",
            Theme::Modern => "sans-serif with an accent colour",
            Theme::Compact => "dense sans-serif for a one-page resume",
            Theme::Sidebar => "two columns: contact and skills beside experience",
            Theme::Academic => "academic CV: education and publications first",
            Theme::Engineering => "Jake's-resume style: small caps, right-aligned dates",
        }
    }

    /// Whether the theme's header has room for a photo (the dense ones keep every line for text).
    pub fn shows_photo(self) -> bool {
        !matches!(self, Theme::Compact | Theme::Engineering)
    }
}

#[allow(clippy::derivable_impls)] // the macro declares the enum; the default is here
impl Default for Theme {
    fn default() -> Self {
        Theme::Classic
    }
}

/// The font families a document may ask for: those vitae-render embeds, as Typst names them.
pub const FONTS: &[&str] = &[
    "Libertinus Serif",
    "New Computer Modern",
    "Inter",
    "DejaVu Sans Mono",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Droid Sans Fallback",
];

/// Body text sizes a document may ask for, in points.
pub const FONT_SIZES: std::ops::RangeInclusive<f64> = 7.0..=14.0;

/// Page margins a document may ask for, in millimetres.
pub const MARGINS_MM: std::ops::RangeInclusive<f64> = 5.0..=40.0;

/// The most pages a document may be fitted to.
pub const MAX_PAGES: u32 = 20;

/// The embedded family `name` asks for (any case), or an error listing them.
pub fn font(name: &str) -> Result<&'static str, String> {
    FONTS
        .iter()
        .find(|f| f.eq_ignore_ascii_case(name.trim()))
        .copied()
        .ok_or_else(|| {
            let mut known = FONTS.to_vec();
            known.sort_unstable();
            format!("unknown font `{name}` (embedded: {})", known.join(", "))
        })
}

/// A colour as `#rrggbb`, from `#rrggbb` (the `#` may be left out), `#rgb` or `rgb(r, g, b)`
/// (RenderCV writes the last).
pub fn colour(text: &str) -> Result<String, String> {
    let t = text.trim();
    let bad = || format!("colour `{text}` is not #rrggbb (e.g. #1f4e79)");
    let bare = t.len() == 6 && t.chars().all(|c| c.is_ascii_hexdigit());
    if let Some(hex) = t.strip_prefix('#').or(bare.then_some(t)) {
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        return match hex.len() {
            6 => Ok(format!("#{}", hex.to_ascii_lowercase())),
            3 => Ok(hex
                .chars()
                .fold(String::from("#"), |s, c| format!("{s}{c}{c}"))
                .to_ascii_lowercase()),
            _ => Err(bad()),
        };
    }
    let inner = t
        .strip_prefix("rgb(")
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(bad)?;
    let parts: Vec<u8> = inner
        .split(',')
        .map(|p| p.trim().parse::<u8>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    match parts.as_slice() {
        [r, g, b] => Ok(format!("#{r:02x}{g:02x}{b:02x}")),
        _ => Err(bad()),
    }
}

/// Checks a number against a range, with the message the reader and the renderer both give.
pub fn in_range(
    value: f64,
    range: &std::ops::RangeInclusive<f64>,
    what: &str,
    unit: &str,
) -> Result<f64, String> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "{what} {value} {unit} is outside {}–{} {unit}",
            range.start(),
            range.end()
        ))
    }
}

/// The largest photo accepted, in bytes: a sharp head shot is a tenth of it.
pub const MAX_PHOTO_BYTES: usize = 2 * 1024 * 1024;

/// The most pixels a photo may have on a side: decoding cost grows with the pixels, not the
/// bytes (a 2 MiB PNG of one colour can hold hundreds of megapixels), and a header shows a few
/// hundred. 3,000 a side is at most 36 MB decoded, per render.
pub const MAX_PHOTO_SIDE: usize = 3000;

/// The image formats a photo may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
}

/// Checks a photo's bytes: a PNG or JPEG by its content (not its name), within
/// [`MAX_PHOTO_BYTES`] and [`MAX_PHOTO_SIDE`] pixels a side, read from its header before
/// anything decodes it; the error says which rule it breaks. The reader checks a photo written
/// into the source, the renderer the one a front end read from a file.
pub fn photo_kind(bytes: &[u8]) -> Result<ImageKind, String> {
    if bytes.len() > MAX_PHOTO_BYTES {
        return Err(format!(
            "the photo is {} KiB; at most {} KiB can be embedded (save it smaller: a head shot \
             needs some 600 pixels across)",
            bytes.len() / 1024,
            MAX_PHOTO_BYTES / 1024
        ));
    }
    let kind = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageKind::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ImageKind::Jpeg
    } else {
        return Err("the photo is not a PNG or JPEG image".into());
    };
    let size = imagesize::blob_size(bytes)
        .map_err(|_| "the photo's image data is damaged (its size cannot be read)".to_owned())?;
    if size.width == 0 || size.height == 0 {
        return Err("the photo has no pixels".into());
    }
    if size.width > MAX_PHOTO_SIDE || size.height > MAX_PHOTO_SIDE {
        return Err(format!(
            "the photo is {}×{} pixels; at most {MAX_PHOTO_SIDE} a side can be embedded",
            size.width, size.height
        ));
    }
    Ok(kind)
}

/// The bytes of a photo written as a `data:` URL (`data:image/jpeg;base64,...`), checked by
/// [`photo_kind`].
pub fn photo_from_data_url(url: &str) -> Result<(Vec<u8>, ImageKind), String> {
    let data = data_url::DataUrl::process(url)
        .map_err(|_| "the photo's data URL is malformed".to_owned())?;
    let (bytes, _) = data
        .decode_to_vec()
        .map_err(|_| "the photo's data URL has invalid base64".to_owned())?;
    let kind = photo_kind(&bytes)?;
    Ok((bytes, kind))
}

choices! {
    /// Paper size.
    Paper, "page size" {
        A4 = "a4" | "a4paper",
        Letter = "letter" | "us-letter" | "usletter" | "letterpaper",
    }
}

#[allow(clippy::derivable_impls)] // the macro declares the enum; the default is A4 here
impl Default for Paper {
    fn default() -> Self {
        Paper::A4
    }
}

choices! {
    /// How a section's title is set apart from the text: the rule under it, a rule that fills the
    /// rest of its line, no rule, or a short bar before it.
    SectionTitles, "section title style" {
        /// The title over a rule the width of the text.
        Rule = "rule" | "full-line" | "with-full-line",
        /// The title, then a rule over the rest of its line.
        Partial = "partial" | "partial-line" | "with-partial-line",
        /// The title alone.
        Plain = "plain" | "without-line" | "none",
        /// A short, thick bar in the accent colour, then the title (RenderCV's `moderncv`).
        Bar = "bar" | "moderncv",
    }
}

choices! {
    /// How dates read. Resumes date things to the month; a day written in the source is not shown.
    DateStyle, "date style" {
        /// "Jan 2020" (the default).
        Short = "short" | "month",
        /// "January 2020".
        Long = "long" | "full",
        /// "01/2020".
        Numeric = "numeric",
        /// "2020".
        Year = "year",
    }
}

choices! {
    /// How web addresses read in the header.
    LinkStyle, "link style" {
        /// Without scheme, `www.` or a trailing slash: `maya.dev` (the default).
        Short = "short",
        /// As written: `https://www.maya.dev/`.
        Full = "full",
    }
}

choices! {
    /// Where an entry's dates go: after its title on the same line (the theme's own), or in a
    /// column of fixed width beside the whole entry, with its location, and a degree column for
    /// short degrees ("BS", "PhD") in education entries (RenderCV's layout).
    Columns, "entry layout" {
        /// Dates at the end of the title's line (the default).
        Inline = "inline" | "none" | "off",
        /// A column at the end of the line, the entry's text beside it (RenderCV's `classic`).
        End = "end" | "right",
        /// A column at the start of the line, the entry's text after it (RenderCV's `moderncv`).
        Start = "start" | "left",
    }
}

/// The source's design choices. `None` everywhere: the theme's own look.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Design {
    pub theme: Option<Theme>,
    pub paper: Option<Paper>,
    /// Fit the document on at most this many pages.
    pub pages: Option<u32>,
    /// Accent colour, `#rrggbb`.
    pub accent: Option<String>,
    /// A font family, one of [`FONTS`].
    pub font: Option<String>,
    /// Body text size in points.
    pub font_size: Option<f64>,
    /// Page margins in millimetres.
    pub margin_mm: Option<f64>,
    pub section_titles: Option<SectionTitles>,
    /// Where entries put their dates, locations and short degrees.
    pub columns: Option<Columns>,
    pub dates: Option<DateStyle>,
    pub links: Option<LinkStyle>,
    /// Page numbers on documents of more than one page (default: shown).
    pub page_numbers: Option<bool>,
    /// A "Last updated" line at the top of the first page (default: not shown).
    pub last_updated: Option<bool>,
    /// An icon before each contact item in the header (default: none).
    pub icons: Option<bool>,
    /// The photo, in themes with room for one, when the resume has one (default: shown).
    pub photo: Option<bool>,
    /// Fields of the source's `design:` vitae has no use for, kept for the round trip.
    pub extra: crate::model::Extra,
}

impl Design {
    /// `self`'s choices, and `under`'s where `self` makes none: the command line over the source.
    pub fn over(&self, under: &Design) -> Design {
        Design {
            theme: self.theme.or(under.theme),
            paper: self.paper.or(under.paper),
            pages: self.pages.or(under.pages),
            accent: self.accent.clone().or_else(|| under.accent.clone()),
            font: self.font.clone().or_else(|| under.font.clone()),
            font_size: self.font_size.or(under.font_size),
            margin_mm: self.margin_mm.or(under.margin_mm),
            section_titles: self.section_titles.or(under.section_titles),
            columns: self.columns.or(under.columns),
            dates: self.dates.or(under.dates),
            links: self.links.or(under.links),
            page_numbers: self.page_numbers.or(under.page_numbers),
            last_updated: self.last_updated.or(under.last_updated),
            icons: self.icons.or(under.icons),
            photo: self.photo.or(under.photo),
            // Only a source carries fields vitae does not know.
            extra: under.extra.clone(),
        }
    }

    /// Whether the source made no design choice at all.
    pub fn is_empty(&self) -> bool {
        *self == Design::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_parses_from_its_name_and_its_other_spellings() {
        for p in Paper::ALL {
            assert_eq!(p.name().parse::<Paper>(), Ok(p));
        }
        assert_eq!("US_Letter".parse::<Paper>(), Ok(Paper::Letter));
        for s in SectionTitles::ALL {
            assert_eq!(s.name().parse::<SectionTitles>(), Ok(s));
        }
        assert_eq!(
            "with_partial_line".parse::<SectionTitles>(),
            Ok(SectionTitles::Partial)
        );
        assert_eq!("moderncv".parse::<SectionTitles>(), Ok(SectionTitles::Bar));
        for d in DateStyle::ALL {
            assert_eq!(d.name().parse::<DateStyle>(), Ok(d));
        }
        let e = "fancy".parse::<DateStyle>().unwrap_err();
        assert_eq!(
            e,
            "unknown date style `fancy` (known: short, long, numeric, year)"
        );
    }

    #[test]
    fn colours_read_as_rrggbb_from_the_ways_people_write_them() {
        assert_eq!(colour("#1F4E79").as_deref(), Ok("#1f4e79"));
        assert_eq!(colour("#abc").as_deref(), Ok("#aabbcc"));
        assert_eq!(colour("1F4E79").as_deref(), Ok("#1f4e79"));
        assert_eq!(colour("rgb(0, 79, 144)").as_deref(), Ok("#004f90"));
        for bad in ["blue", "#12345", "rgb(300, 0, 0)", "rgb(1,2)", "#ggg"] {
            assert!(colour(bad).is_err(), "{bad}");
        }
        assert_eq!(font("inter"), Ok("Inter"));
        assert!(font("Comic Sans").unwrap_err().contains("Libertinus Serif"));
    }

    #[test]
    fn the_upper_design_wins_field_by_field() {
        let source = Design {
            theme: Some(Theme::Modern),
            pages: Some(1),
            dates: Some(DateStyle::Long),
            ..Design::default()
        };
        let flags = Design {
            theme: Some(Theme::Classic),
            page_numbers: Some(false),
            ..Design::default()
        };
        let d = flags.over(&source);
        assert_eq!(d.theme, Some(Theme::Classic));
        assert_eq!(d.pages, Some(1));
        assert_eq!(d.dates, Some(DateStyle::Long));
        assert_eq!(d.page_numbers, Some(false));
        assert!(Design::default().is_empty() && !d.is_empty());
    }
}
