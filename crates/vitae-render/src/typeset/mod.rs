//! PDF, PNG and standalone Typst source through an embedded Typst engine.
//!
//! The resume never becomes Typst markup: [`layout`](crate::layout) builds the document, `data`
//! turns it into JSON, and the theme (our Typst code, embedded) reads that JSON through `json()`
//! and places each string as text. User text therefore cannot run as Typst code, whatever it
//! contains (`#import`, `]`, `$`...).
//!
//! Renders are deterministic (the date is an input; fonts are embedded) and thread-safe (one
//! shared engine; Typst's caches are global). After each render the memo cache is trimmed
//! ([`typst::comemo::evict`]) so a long-running process stays bounded in memory.

mod data;
mod draw;
mod extract;
mod world;

use crate::{RenderOptions, layout};
use draw::{PngFor, draw_png};
use std::fmt;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Datetime};
use typst::syntax::Source;
use typst_layout::PagedDocument;
use vitae_core::PartialDate;
use vitae_core::model::Resume;
use vitae_fit::letter::Letter;
use world::{DataRef, ENGINE, Kind, RenderWorld};

use vitae_core::design;
pub use vitae_core::design::{
    Columns, DateStyle, Design, ImageKind, LinkStyle, MAX_PAGES, MAX_PHOTO_BYTES, Paper,
    SectionTitles, Theme,
};

/// A theme's Typst file, under `themes/`.
fn theme_source(theme: Theme) -> &'static str {
    match theme {
        Theme::Classic => include_str!("../../themes/classic.typ"),
        Theme::Modern => include_str!("../../themes/modern.typ"),
        Theme::Compact => include_str!("../../themes/compact.typ"),
        Theme::Sidebar => include_str!("../../themes/sidebar.typ"),
        Theme::Academic => include_str!("../../themes/academic.typ"),
        Theme::Engineering => include_str!("../../themes/engineering.typ"),
    }
}

/// Typst's name for a paper size.
fn typst_paper(paper: Paper) -> &'static str {
    match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
    }
}

/// How a typeset document looks: the choices of the command line or the request. `None` means
/// "the source's choice" (its `design:`, see [`Design`]), and where the source makes none, the
/// theme's.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct TypesetOptions {
    pub theme: Option<Theme>,
    pub paper: Option<Paper>,
    /// Accent colour as `#rrggbb`.
    pub accent: Option<String>,
    /// A font family name (one of [`fonts`]).
    pub font: Option<String>,
    /// Body text size in points (7–14).
    pub font_size: Option<f64>,
    /// Page margins in millimetres (5–40).
    pub margin_mm: Option<f64>,
    /// The date stamped into the document's metadata. `None`: no date (still deterministic).
    pub date: Option<PartialDate>,
    /// Fit the document on at most this many pages (1–20) by setting type, spacing and margins
    /// smaller, within readable bounds; [`TypesetError::Pages`] when even that is not enough.
    pub pages: Option<u32>,
    pub section_titles: Option<SectionTitles>,
    /// Where entries put their dates, locations and short degrees.
    pub columns: Option<Columns>,
    pub links: Option<LinkStyle>,
    /// Page numbers on documents of more than one page (default: shown).
    pub page_numbers: Option<bool>,
    /// A "Last updated" line (default: not shown): the source's `meta.last_updated`, else
    /// [`TypesetOptions::date`].
    pub last_updated: Option<bool>,
    /// An icon before each contact item in the header (default: none).
    pub icons: Option<bool>,
    /// The photo, in themes with room for one (default: shown when the resume has one).
    pub photo: Option<bool>,
    /// The image `basics.image` names when it is a file, read by the front end (a data URL is
    /// read here; nothing else is ever fetched).
    pub photo_file: Option<Photo>,
    /// A theme of the user's own, used instead of [`TypesetOptions::theme`].
    pub theme_file: Option<ThemeFile>,
}

/// A theme written by the user: Typst code with the built-in themes' two entry points,
/// `render(resume)` and `render-letter(letter)`, and every `vt-` helper of `themes/common.typ`
/// in scope (`vitae themes --new NAME` writes a starting point). It runs in the same sandbox:
/// it reads the resume's data and the photo, and no other file.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFile {
    /// What messages call it (the file's name).
    name: String,
    code: std::sync::Arc<str>,
}

/// The largest theme file accepted, in bytes (the built-in themes are 2–8 KB).
pub const MAX_THEME_FILE_BYTES: usize = 256 * 1024;

impl ThemeFile {
    /// A theme named `name` (its file name, for messages) from its Typst `code`.
    pub fn new(name: &str, code: &str) -> Result<ThemeFile, String> {
        if code.len() > MAX_THEME_FILE_BYTES {
            return Err(format!(
                "the theme file is {} KiB; at most {} KiB is read",
                code.len() / 1024,
                MAX_THEME_FILE_BYTES / 1024
            ));
        }
        for function in ["render", "render-letter"] {
            if !code.contains(&format!("#let {function}(")) {
                return Err(format!(
                    "the theme file defines no `#let {function}(...)`: a theme has two entry \
                     points, `render(resume)` and `render-letter(letter)` (see `vitae themes \
                     --new NAME`)"
                ));
            }
        }
        Ok(ThemeFile {
            name: name.to_owned(),
            code: code.into(),
        })
    }

    /// What messages and reports call it: its file's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The starting point `vitae themes --new` writes: the classic theme, with a header that
    /// says how a theme works.
    pub fn starter(name: &str) -> String {
        format!(
            "// {name}: a vitae theme, started from the built-in classic theme.\n\
             //\n\
             // Use it with `vitae generate resume.yaml --theme-file {name}.typ`.\n\
             //\n\
             // A theme defines two functions: `render(resume)` lays out a resume and\n\
             // `render-letter(letter)` a cover letter. Each gets the document's data as a\n\
             // dictionary (meta, style, header, sections or letter; every field is listed at the\n\
             // top of vitae's themes/common.typ) and returns its content. Every `vt-` helper\n\
             // of common.typ is in scope: `vt-document` sets the page, fonts and metadata,\n\
             // `vt-text` places user text (always use it: it never runs text as markup),\n\
             // `vt-heading`, `vt-pair`, `vt-entry-body`, `vt-blocks`, `vt-letter-body`...\n\
             // The theme reads no file: the data comes as the argument, the photo as\n\
             // `header.photo`.\n\n{}",
            theme_source(Theme::Classic)
        )
    }
}

/// An image for the header: PNG or JPEG bytes, checked by [`Photo::new`].
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    bytes: Bytes,
    kind: ImageKind,
}

impl Photo {
    /// A PNG or JPEG image within the photo limits ([`design::photo_kind`]); the error says
    /// which rule it breaks.
    pub fn new(bytes: Vec<u8>) -> Result<Photo, String> {
        let kind = design::photo_kind(&bytes)?;
        Ok(Photo {
            bytes: Bytes::new(bytes),
            kind,
        })
    }

    /// The image of a `data:` URL (`data:image/jpeg;base64,...`), checked like [`Photo::new`].
    pub fn from_data_url(url: &str) -> Result<Photo, String> {
        let (bytes, kind) = design::photo_from_data_url(url)?;
        Ok(Photo {
            bytes: Bytes::new(bytes),
            kind,
        })
    }
}

/// The photo a document of `resume` shows: none where the design or the theme has no room for
/// it; else the file the front end read, or the data URL `basics.image` holds.
fn photo(
    options: &TypesetOptions,
    design: &Design,
    resume: &Resume,
) -> Result<Option<Photo>, TypesetError> {
    // A user's theme decides for itself where a photo goes.
    let room = options.theme_file.is_some() || design.theme.unwrap_or_default().shows_photo();
    if design.photo == Some(false) || !room {
        return Ok(None);
    }
    if let Some(file) = &options.photo_file {
        return Ok(Some(file.clone()));
    }
    match resume.basics.image.as_deref().map(str::trim) {
        Some(url) if url.starts_with("data:") => {
            Photo::from_data_url(url).map(Some).map_err(|why| {
                let at = vitae_core::ResumePath::root().basics().image();
                TypesetError::Option(format!("{at}: {why}"))
            })
        }
        _ => Ok(None),
    }
}

impl TypesetOptions {
    /// These choices as a [`Design`], to lay over a source's.
    pub fn design(&self) -> Design {
        Design {
            theme: self.theme,
            paper: self.paper,
            pages: self.pages,
            accent: self.accent.clone(),
            font: self.font.clone(),
            font_size: self.font_size,
            margin_mm: self.margin_mm,
            section_titles: self.section_titles,
            columns: self.columns,
            dates: None,
            links: self.links,
            page_numbers: self.page_numbers,
            last_updated: self.last_updated,
            icons: self.icons,
            photo: self.photo,
            extra: Default::default(),
        }
    }

    /// What a document of `resume` looks like: these choices, then the source's.
    pub fn design_for(&self, resume: &Resume) -> Design {
        self.design().over(&resume.design)
    }
}

/// Why a document could not be typeset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypesetError {
    /// An option is out of range or unknown; the message says which and what is accepted.
    Option(String),
    /// Typst refused the document. With the built-in themes this is a bug (the messages are kept
    /// for the report); with a user's theme file, a mistake in it, located in its lines.
    Compile(Vec<String>),
    /// The PDF writer failed.
    Export(Vec<String>),
    /// The document does not fit on the pages asked for ([`TypesetOptions::pages`]), even set
    /// as small as is still readable.
    Pages { asked: u32, needed: usize },
    /// The work's deadline passed before the document was done ([`with_deadline`]).
    Deadline,
}

impl fmt::Display for TypesetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypesetError::Option(m) => f.write_str(m),
            TypesetError::Compile(m) => write!(f, "typesetting failed: {}", m.join("; ")),
            TypesetError::Export(m) => write!(f, "PDF export failed: {}", m.join("; ")),
            TypesetError::Pages { asked, needed } => write!(
                f,
                "the document needs {needed} pages even with the smallest readable type and \
                 margins, not {asked}: shorten it (a variant with fewer entries or bullets), or \
                 ask for {needed} pages"
            ),
            TypesetError::Deadline => f.write_str("the render was stopped at its deadline"),
        }
    }
}

impl std::error::Error for TypesetError {}

/// The font families a document may ask for ([`design::FONTS`], sorted).
pub fn fonts() -> Vec<String> {
    let mut families: Vec<String> = design::FONTS.iter().map(|s| (*s).to_owned()).collect();
    families.sort();
    families
}

/// The design a document of `resume` is set in: the options' choices over the source's, each
/// checked (the source's were checked where it was read, but a resume may be built in code).
fn resolve(options: &TypesetOptions, resume: &Resume) -> Result<Design, TypesetError> {
    let mut d = options.design_for(resume);
    let bad = TypesetError::Option;
    if let Some(accent) = &d.accent {
        d.accent = Some(design::colour(accent).map_err(|e| bad(format!("accent {e}")))?);
    }
    if let Some(font) = &d.font {
        d.font = Some(design::font(font).map_err(bad)?.to_owned());
    }
    if let Some(size) = d.font_size {
        design::in_range(size, &design::FONT_SIZES, "font size", "pt").map_err(bad)?;
    }
    if let Some(margin) = d.margin_mm {
        design::in_range(margin, &design::MARGINS_MM, "margin", "mm").map_err(bad)?;
    }
    if let Some(pages) = d.pages
        && !(1..=MAX_PAGES).contains(&pages)
    {
        return Err(bad(format!("{pages} pages is outside 1–{MAX_PAGES}")));
    }
    Ok(d)
}

/// Whether the work a render is part of must stop now: the caller's test (the server's: its
/// request's deadline has passed). The renderer reads no clock itself: every outside input
/// reaches it as an argument.
pub type Stop = std::sync::Arc<dyn Fn() -> bool + Send + Sync>;

thread_local! {
    /// The stop test of the work this thread is doing ([`with_deadline`]).
    static STOP: std::cell::RefCell<Option<Stop>> = const { std::cell::RefCell::new(None) };
}

/// Runs `work` with a deadline for the renders it makes on this thread: `passed` says whether it
/// has passed, and a render still running then stops and answers [`TypesetError::Deadline`], so
/// a server's thread is free again soon after its caller gave up, not when a long layout would
/// have ended. Typst cannot be stopped from outside; it asks its `World` for fonts and files all
/// through a layout, and that is where the render asks `passed` and unwinds (see `world.rs`).
/// Between the layouts a render makes (fitting to fewer pages) and before writing the PDF, it
/// asks as well.
pub fn with_deadline<T>(passed: Stop, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Stop>);
    impl Drop for Restore {
        fn drop(&mut self) {
            STOP.with(|s| *s.borrow_mut() = self.0.take());
        }
    }
    let _restore = Restore(STOP.with(|s| s.borrow_mut().replace(passed)));
    work()
}

/// The stop test of this thread's work, if any ([`with_deadline`]).
fn stop_test() -> Option<Stop> {
    STOP.with(|s| s.borrow().clone())
}

/// [`TypesetError::Deadline`] when this thread's work must stop.
fn check_deadline() -> Result<(), TypesetError> {
    match stop_test() {
        Some(passed) if passed() => Err(TypesetError::Deadline),
        _ => Ok(()),
    }
}

/// What to typeset: a resume, or a cover letter from the person the resume is about.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    Resume(&'a Resume),
    /// A letter; the sender's header (name, contacts) comes from `sender`, as on the resume.
    Letter {
        sender: &'a Resume,
        letter: &'a Letter,
    },
}

impl Content<'_> {
    /// The resume whose source's design applies: the resume, or the letter's sender.
    fn resume(&self) -> &Resume {
        match self {
            Content::Resume(resume) | Content::Letter { sender: resume, .. } => resume,
        }
    }
}

/// What one document is set with: its resolved design, its photo, and a user's theme.
struct Setting {
    design: Design,
    photo: Option<Photo>,
    theme_file: Option<ThemeFile>,
}

impl Setting {
    fn new(content: Content<'_>, options: &TypesetOptions) -> Result<Setting, TypesetError> {
        let design = resolve(options, content.resume())?;
        let photo = match content {
            Content::Resume(resume) => photo(options, &design, resume)?,
            // A letter's header is the sender's name and contacts; no theme shows a photo there.
            Content::Letter { .. } => None,
        };
        Ok(Setting {
            design,
            photo,
            theme_file: options.theme_file.clone(),
        })
    }

    fn theme(&self) -> Theme {
        self.design.theme.unwrap_or_default()
    }

    /// The main source of a user's theme, when there is one.
    fn user_main(&self, kind: Kind, data: DataRef<'_>) -> Option<String> {
        self.theme_file
            .as_ref()
            .map(|t| world::main_text(&t.name, &t.code, kind, data))
    }

    /// The compiler's messages; for a user's theme, located in its file ("my.typ:12:3: ...").
    fn messages(&self, world: &RenderWorld, errors: &[SourceDiagnostic]) -> Vec<String> {
        let Some(theme) = &self.theme_file else {
            return diagnostics(errors);
        };
        let before = world::lines_before_theme();
        errors
            .iter()
            .map(|d| {
                let at = typst::WorldExt::range(world, d.span)
                    .and_then(|r| world.main.lines().byte_to_line_column(r.start))
                    .filter(|(line, _)| *line >= before);
                match at {
                    Some((line, column)) => {
                        format!(
                            "{}:{}:{}: {}",
                            theme.name,
                            line - before + 1,
                            column + 1,
                            d.message
                        )
                    }
                    None => d.message.to_string(),
                }
            })
            .collect()
    }
}

/// The JSON the themes read (the layout document, the style options and the metadata), and which
/// theme function reads it.
fn data_json(
    content: Content<'_>,
    render: &RenderOptions,
    options: &TypesetOptions,
    setting: &Setting,
    tight: Tight,
    standalone: bool,
) -> (String, data::Info, Kind) {
    let locale = render.locale;
    let (doc, resume, kind) = match content {
        Content::Resume(resume) => (layout::build(resume, render, locale), resume, Kind::Resume),
        Content::Letter { sender, letter } => (
            layout::build_letter(sender, letter, locale),
            sender,
            Kind::Letter,
        ),
    };
    let style = data::Style {
        design: &setting.design,
        photo: setting.photo.as_ref().map(|p| match p.kind {
            ImageKind::Png => world::PHOTO_PNG,
            ImageKind::Jpeg => world::PHOTO_JPEG,
        }),
        date: options.date,
        dates: render
            .dates
            .or(setting.design.dates)
            .unwrap_or(DateStyle::Short),
        scale: tight.scale,
        gaps: tight.gaps,
    };
    let (json, info) = data::to_json(&doc, resume, locale, &style, standalone);
    (json, info, kind)
}

/// Sets the document's metadata on the laid-out document, as the themes' `set document` would
/// (the data leaves it out: see [`data::to_json`]).
fn set_info(document: &mut PagedDocument, info: data::Info) {
    let target = document.info_mut();
    target.title = Some(info.title.into());
    target.author = vec![info.author.into()];
    target.description = info.subject.filter(|s| !s.is_empty()).map(Into::into);
    target.keywords = info.keywords.into_iter().map(Into::into).collect();
    target.date = typst::foundations::Smart::Custom(info.date.and_then(|d| {
        Datetime::from_ymd(i32::from(d.year), d.month.unwrap_or(1), d.day.unwrap_or(1))
    }));
}

fn diagnostics(list: &[SourceDiagnostic]) -> Vec<String> {
    list.iter().map(|d| d.message.to_string()).collect()
}

/// The scales tried, in order, to fit a document on the pages asked for: type and spacing
/// (which the themes give in em) shrink by the scale, margins by its square. The themes keep
/// type at 8 pt or more, margins at 10 mm or more, leading at 85 % and the gap above an entry at
/// 90 % of theirs whatever the scale, so the last steps only close up the other gaps (headings,
/// bullets, details), down to 62 % of the theme's.
const FIT_SCALES: [f64; 12] = [
    1.0, 0.96, 0.92, 0.89, 0.86, 0.83, 0.8, 0.77, 0.74, 0.7, 0.66, 0.62,
];

/// How tightly a document is set: `scale` for type, spacing and margins (fitting to fewer
/// pages, see [`FIT_SCALES`]), and `gaps` for the vertical gaps alone (pulling a short last page
/// back, see [`PULL_BACK_GAPS`]).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Tight {
    scale: f64,
    gaps: f64,
}

impl Tight {
    const AS_DESIGNED: Tight = Tight {
        scale: 1.0,
        gaps: 1.0,
    };
}

/// The laid-out document, and whether its data was big (see [`trim_caches`]). With
/// [`TypesetOptions::pages`], the largest of [`FIT_SCALES`] that fits.
fn compile(
    content: Content<'_>,
    render: &RenderOptions,
    options: &TypesetOptions,
) -> Result<(PagedDocument, bool), TypesetError> {
    let setting = Setting::new(content, options)?;
    let at = |tight| compile_at(content, render, options, &setting, tight);
    let Some(asked) = setting.design.pages else {
        let (document, big) = at(Tight::AS_DESIGNED)?;
        return pull_back_a_short_last_page(at, document, big);
    };
    let mut needed = 0;
    for scale in FIT_SCALES {
        let (document, big) = at(Tight { scale, gaps: 1.0 })?;
        needed = document.pages().len();
        if needed <= asked as usize {
            return Ok((document, big));
        }
    }
    Err(TypesetError::Pages { asked, needed })
}

/// The share of a page below which a last page counts as short: a section that spilled over (a
/// page 2 holding only "Affiliations"). With the gaps closed up ([`PULL_BACK_GAPS`]), a document
/// gains about that much of a page per full page before its last, so a longer last page would not
/// come back and the try would cost a layout for nothing.
const SHORT_LAST_PAGE: f64 = 0.1;

/// The vertical gaps tried to bring a short last page back onto the page before: headings,
/// details and bullets a little closer (the gap above an entry keeps its floor), type, lines and
/// margins as the theme sets them. Only gaps change, so the paragraphs' layout is the first
/// try's, which Typst has cached: the second layout costs a fraction of the first.
const PULL_BACK_GAPS: f64 = 0.75;

/// `document`, or, when its last page holds only a few lines, the same set with closer gaps
/// (laid out by `at`) on one page fewer, if that fits (one more layout, only for such documents).
fn pull_back_a_short_last_page(
    at: impl Fn(Tight) -> Result<(PagedDocument, bool), TypesetError>,
    document: PagedDocument,
    big: bool,
) -> Result<(PagedDocument, bool), TypesetError> {
    let pages = document.pages().len();
    let room = SHORT_LAST_PAGE * (pages.saturating_sub(1)) as f64;
    let short = pages > 1
        && document
            .pages()
            .last()
            .is_some_and(|p| extract::filled(&p.frame) < room.min(2.0 * SHORT_LAST_PAGE));
    if !short {
        return Ok((document, big));
    }
    let (tighter, tighter_big) = at(Tight {
        scale: 1.0,
        gaps: PULL_BACK_GAPS,
    })?;
    if tighter.pages().len() < pages {
        Ok((tighter, tighter_big))
    } else {
        Ok((document, big))
    }
}

/// The laid-out document set as tight as `tight`, and whether its data was big.
fn compile_at(
    content: Content<'_>,
    render: &RenderOptions,
    options: &TypesetOptions,
    setting: &Setting,
    tight: Tight,
) -> Result<(PagedDocument, bool), TypesetError> {
    check_deadline()?;
    let (json, info, kind) = data_json(content, render, options, setting, tight, false);
    let big = json.len() > BIG_DOCUMENT_BYTES;
    let engine = &*ENGINE;
    let user = setting
        .user_main(kind, DataRef::File)
        .map(|text| Source::new(world::file_id("/theme.typ"), text));
    let world = RenderWorld {
        engine,
        main: user
            .as_ref()
            .unwrap_or_else(|| engine.main(setting.theme(), kind)),
        data: Some(Bytes::from_string(json)),
        photo: setting.photo.as_ref().map(|p| {
            let id = match p.kind {
                ImageKind::Png => engine.photo_png_id,
                ImageKind::Jpeg => engine.photo_jpeg_id,
            };
            (id, p.bytes.clone())
        }),
        today: options.date.and_then(|d| {
            Datetime::from_ymd(i32::from(d.year), d.month.unwrap_or(1), d.day.unwrap_or(1))
        }),
        stop: stop_test(),
    };
    // Typst has known panics on rare shaping inputs (typst#8667); one resume must never take down
    // a worker, so a panic becomes an ordinary error.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        typst::compile::<PagedDocument>(&world).output
    }))
    .map_err(|payload| {
        trim_caches(big);
        if payload.is::<world::DeadlinePassed>() {
            TypesetError::Deadline
        } else {
            TypesetError::Compile(vec!["the typesetter failed on this input".into()])
        }
    })?;
    let result = result.map_err(|errors| TypesetError::Compile(setting.messages(&world, &errors)));
    // A render that failed or stopped returns before its caller trims the caches: a big
    // document's partial layout goes now, as a finished one's would.
    if result.is_err() {
        trim_caches(big);
    }
    let mut document = result?;
    set_info(&mut document, info);
    Ok((document, big))
}

/// Where a span in a built-in theme's main file points: `("common.typ" or the theme's file,
/// line from 1)`. For profiles (`render_profile` example), which get raw spans from Typst's
/// timing scopes.
#[doc(hidden)]
pub fn span_location(raw: std::num::NonZeroU64) -> Option<(String, usize)> {
    let span = typst::syntax::Span::from_raw(raw);
    let engine = &*ENGINE;
    for theme in Theme::ALL {
        for kind in [Kind::Resume, Kind::Letter] {
            let main = engine.main(theme, kind);
            if let Some(node) = main.find(span) {
                let line = main.lines().byte_to_line(node.offset())? + 1;
                let before = world::lines_before_theme();
                return Some(if line > before {
                    (format!("{}.typ", theme.name()), line - before)
                } else {
                    ("common.typ".to_owned(), line.saturating_sub(3))
                });
            }
        }
    }
    None
}

/// Lays a resume out and answers its number of pages, writing nothing: what a preview waits for
/// before it draws pages (`render_bench` measures it apart from drawing and PDF writing).
#[doc(hidden)]
pub fn layout_only(
    resume: &Resume,
    render: &RenderOptions,
    options: &TypesetOptions,
) -> Result<usize, TypesetError> {
    let (document, big) = compile(Content::Resume(resume), render, options)?;
    trim_caches(big);
    Ok(document.pages().len())
}

/// Renders a resume as PDF. Same inputs, same bytes.
pub fn render_pdf(
    resume: &Resume,
    render: &RenderOptions,
    options: &TypesetOptions,
) -> Result<Vec<u8>, TypesetError> {
    typeset_pdf(Content::Resume(resume), render, options)
}

/// Renders a resume or a letter as PDF. Same inputs, same bytes.
pub fn typeset_pdf(
    content: Content<'_>,
    render: &RenderOptions,
    options: &TypesetOptions,
) -> Result<Vec<u8>, TypesetError> {
    let (document, big) = compile(content, render, options)?;
    check_deadline()?;
    let pdf_options = typst_pdf::PdfOptions::default();
    let pdf =
        typst_pdf::pdf(&document, &pdf_options).map_err(|e| TypesetError::Export(diagnostics(&e)));
    trim_caches(big);
    pdf
}

/// Renders a resume as one PNG per page at `dpi` dots per inch (previews, thumbnails).
pub fn render_png(
    resume: &Resume,
    render: &RenderOptions,
    options: &TypesetOptions,
    dpi: f64,
) -> Result<Vec<Vec<u8>>, TypesetError> {
    typeset_png(Content::Resume(resume), render, options, dpi)
}

/// Renders a resume or a letter as one PNG per page at `dpi` dots per inch.
pub fn typeset_png(
    content: Content<'_>,
    render: &RenderOptions,
    options: &TypesetOptions,
    dpi: f64,
) -> Result<Vec<Vec<u8>>, TypesetError> {
    check_dpi(dpi)?;
    let (document, big) = compile(content, render, options)?;
    let pages = png_pages(&document, dpi);
    trim_caches(big);
    pages
}

/// The resolutions a PNG may be drawn at: below 10 dpi a page is a smudge; above 600 a page is
/// 35 megapixels and more, a memory bound of its own.
pub const DPI: std::ops::RangeInclusive<f64> = 10.0..=600.0;

fn check_dpi(dpi: f64) -> Result<(), TypesetError> {
    if DPI.contains(&dpi) {
        Ok(())
    } else {
        Err(TypesetError::Option(format!(
            "{dpi} dpi is outside {}–{}",
            DPI.start(),
            DPI.end()
        )))
    }
}

fn png_pages(document: &PagedDocument, dpi: f64) -> Result<Vec<Vec<u8>>, TypesetError> {
    document
        .pages()
        .iter()
        .map(|page| draw_png(page, dpi, PngFor::Document))
        .collect()
}

/// The images of the pages the last previews showed, by what the page holds and how it is
/// drawn: PNG pages, and SVG pages apart (kept as text, so they are handed back without a
/// check). An edit in the editor usually changes one page; the others are laid out as before
/// (Typst's memoized layout gives back equal frames) and their images are reused instead of
/// drawn and encoded again, which is most of a preview's time.
///
/// Each keeps a few previews' worth (two or three pages each): PNG pages at screen resolution
/// are 50–550 KB, SVG pages 100–300 KB. An image larger than a quarter of its cache's bytes (a
/// page at a print resolution, an SVG page carrying a photo) is not kept.
static PREVIEW_PNG: PageImages<std::sync::Arc<[u8]>> = PageImages::new(12, 4 << 20);
static PREVIEW_SVG: PageImages<std::sync::Arc<str>> = PageImages::new(8, 2 << 20);

/// A small cache of page images (see [`PREVIEW_PNG`]): the most recently used last. `I` is
/// the image, cheap to clone (an `Arc` of its bytes or text).
struct PageImages<I> {
    kept: std::sync::Mutex<Vec<(u128, I)>>,
    /// Pages kept at most.
    capacity: usize,
    /// The bytes they may take in all.
    bytes: usize,
}

impl<I> PageImages<I>
where
    I: Clone + std::ops::Deref,
    I::Target: AsRef<[u8]>,
{
    const fn new(capacity: usize, bytes: usize) -> Self {
        PageImages {
            kept: std::sync::Mutex::new(Vec::new()),
            capacity,
            bytes,
        }
    }

    fn size(image: &I) -> usize {
        (**image).as_ref().len()
    }

    /// The page drawn as `how` (a PNG's resolution; nothing for SVG): from the cache, or drawn
    /// by `draw` and kept.
    fn get(
        &self,
        page: &typst_layout::Page,
        how: impl std::hash::Hash,
        draw: impl FnOnce(&typst_layout::Page) -> Result<I, TypesetError>,
    ) -> Result<I, TypesetError> {
        // A frame's items are hashed once and the hash kept, so this costs little.
        let key = typst::utils::hash128(&(page, how));
        {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(at) = kept.iter().position(|(k, _)| *k == key) {
                // Used again: it goes last, so the pages every edit reuses stay.
                let hit = kept.remove(at);
                let image = hit.1.clone();
                kept.push(hit);
                return Ok(image);
            }
        }
        let image = draw(page)?;
        if Self::size(&image) > self.bytes / 4 {
            return Ok(image);
        }
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.retain(|(k, _)| *k != key);
        kept.push((key, image.clone()));
        while kept.len() > self.capacity
            || kept.iter().map(|(_, i)| Self::size(i)).sum::<usize>() > self.bytes
        {
            kept.remove(0);
        }
        Ok(image)
    }
}

impl PageImages<std::sync::Arc<[u8]>> {
    fn png(&self, page: &typst_layout::Page, dpi: f64) -> Result<Vec<u8>, TypesetError> {
        let image = self.get(page, dpi.to_bits(), |page| {
            draw_png(page, dpi, PngFor::Preview).map(Into::into)
        })?;
        Ok(image.to_vec())
    }
}

impl PageImages<std::sync::Arc<str>> {
    fn svg(&self, page: &typst_layout::Page) -> Result<String, TypesetError> {
        let image = self.get(page, (), |page| Ok(draw_svg(page).into()))?;
        Ok(image.to_string())
    }
}

/// A page as an SVG document, as the preview shows it.
fn draw_svg(page: &typst_layout::Page) -> String {
    let options = typst_svg::SvgOptions {
        render_bleed: false,
        pretty: false,
    };
    typst_svg::svg(page, &options)
}

/// One line of text on a laid-out page, in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// From 0.
    pub page: usize,
    pub x: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub text: String,
}

/// A resume laid out for a preview on screen: its pages as PNG, each page's size in points, and
/// where each line of text stands (to mark lines on the images, e.g. the bullets a job matched).
#[derive(Debug, Clone)]
pub struct PagePreview {
    pub pages: Vec<Vec<u8>>,
    pub page_sizes: Vec<(f64, f64)>,
    pub lines: Vec<TextLine>,
}

/// Lays a resume out once and answers its pages as PNG at `dpi` with their lines of text.
pub fn preview_png(
    resume: &Resume,
    render: &RenderOptions,
    options: &TypesetOptions,
    dpi: f64,
) -> Result<PagePreview, TypesetError> {
    check_dpi(dpi)?;
    let (document, big) = compile(Content::Resume(resume), render, options)?;
    let pages: Result<Vec<Vec<u8>>, TypesetError> = document
        .pages()
        .iter()
        .map(|page| PREVIEW_PNG.png(page, dpi))
        .collect();
    let mut page_sizes = Vec::new();
    let mut lines = Vec::new();
    for (page, p) in document.pages().iter().enumerate() {
        let size = p.frame.size();
        page_sizes.push((size.x.to_pt(), size.y.to_pt()));
        let mut runs = Vec::new();
        extract::runs(&p.frame, typst::layout::Transform::identity(), &mut runs);
        // The box runs from about the ascender to the descender of the largest type.
        lines.extend(extract::lines(&runs).into_iter().map(|l| TextLine {
            page,
            x: l.x,
            top: l.baseline - 0.8 * l.size,
            width: l.right - l.x,
            height: l.size,
            text: l.text,
        }));
    }
    trim_caches(big);
    Ok(PagePreview {
        pages: pages?,
        page_sizes,
        lines,
    })
}

/// Renders a resume as one SVG document per page: the studio's live preview. SVG skips the
/// rasteriser and PNG encoder, stays sharp at any zoom, and is several times smaller than a PNG
/// page at screen resolution.
pub fn render_svg(
    resume: &Resume,
    render: &RenderOptions,
    options: &TypesetOptions,
) -> Result<Vec<String>, TypesetError> {
    let (document, big) = compile(Content::Resume(resume), render, options)?;
    let pages = document
        .pages()
        .iter()
        .map(|page| PREVIEW_SVG.svg(page))
        .collect();
    trim_caches(big);
    pages
}

/// Standalone Typst source: the theme with the resume data inlined as an escaped string literal.
/// Compiles with the `typst` CLI (fonts: the theme falls back to Typst's own when ours are absent).
pub fn render_typst(
    resume: &Resume,
    render: &RenderOptions,
    options: &TypesetOptions,
) -> Result<String, TypesetError> {
    typeset_source(Content::Resume(resume), render, options)
}

/// Standalone Typst source of a resume or a letter (see [`render_typst`]).
pub fn typeset_source(
    content: Content<'_>,
    render: &RenderOptions,
    options: &TypesetOptions,
) -> Result<String, TypesetError> {
    // The scale `pages` would choose is found by laying out; standalone source is not laid out,
    // so it asks for the themes' own sizes. It reads no file, so it shows no photo.
    let setting = Setting {
        photo: None,
        ..Setting::new(content, options)?
    };
    let (json, _, kind) = data_json(content, render, options, &setting, Tight::AS_DESIGNED, true);
    Ok(setting
        .user_main(kind, DataRef::Inline(&json))
        .unwrap_or_else(|| world::main_source(setting.theme(), kind, DataRef::Inline(&json))))
}

/// The text a PDF reader extracts from the rendered document: every run of text in the order the
/// PDF's content streams hold it (the order typst-pdf writes), one output line per baseline,
/// words split where the layout leaves a gap, pages separated by a form feed (as `pdftotext`
/// does). This is the text layer itself, read back without a PDF parser, so the ATS check can
/// run anywhere; extractors that reorder blocks by position (poppler) can read it differently,
/// which is why the themes are also tested against `pdftotext`.
pub fn text_layer(
    content: Content<'_>,
    render: &RenderOptions,
    options: &TypesetOptions,
) -> Result<String, TypesetError> {
    let (document, big) = compile(content, render, options)?;
    let mut out = String::new();
    for (i, page) in document.pages().iter().enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        let mut runs = Vec::new();
        extract::runs(&page.frame, typst::layout::Transform::identity(), &mut runs);
        extract::write(&runs, &mut out);
    }
    trim_caches(big);
    Ok(out)
}

/// Keeps memory bounded in long-running processes: drop memoized results not used by the last
/// three renders. Re-rendering a document reuses what the render before it computed, so the warm
/// path stays fast; keeping ten renders' worth instead measured 70–79 MB resident after
/// 2,000 varied renders, against 55–58 MB with three (`render_bench` example, same run length).
///
/// A big document's memoized layout is dropped at once instead: it would hold hundreds of
/// megabytes until three more renders pushed it out, and nobody re-renders the same huge
/// document in a row, while resident memory should come back to its baseline after one.
fn trim_caches(big: bool) {
    typst::comemo::evict(if big { 0 } else { 3 });
}

/// Data (the JSON a theme reads) above which a render's memoized results are not kept.
const BIG_DOCUMENT_BYTES: usize = 64 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn resume() -> Resume {
        let text = "contact:\n  name: \"Ada #import \\\"/etc/passwd\\\" ]$x$\"\n  email: ada@example.com\nexperience:\n  - company: \"Acme \\\\input{x} \\\"quoted\\\"\"\n    start_date: 2020-01\n    bullets: [\"Wrote *bold* _x_ @ref <label> {{7*7}}\"]\n";
        vitae_core::format::read(text, None).unwrap().resume
    }

    #[test]
    fn standalone_typst_source_compiles_without_the_data_file() {
        let r = resume();
        for theme in Theme::ALL {
            let options = TypesetOptions {
                theme: Some(theme),
                ..TypesetOptions::default()
            };
            let text = render_typst(&r, &RenderOptions::default(), &options).unwrap();
            assert!(
                text.contains("json(bytes("),
                "{theme}: data must be inlined as a literal"
            );
            let engine = &*ENGINE;
            let main = Source::new(world::file_id("/standalone.typ"), text);
            let world = RenderWorld {
                engine,
                main: &main,
                data: None,
                photo: None,
                today: None,
                stop: None,
            };
            let doc = typst::compile::<PagedDocument>(&world).output;
            assert!(
                doc.is_ok(),
                "{theme}: {:?}",
                doc.err().map(|e| diagnostics(&e))
            );
        }
    }

    #[test]
    fn a_render_past_its_deadline_stops_and_the_engine_keeps_working() {
        let r = resume();
        let options = TypesetOptions::default();
        let render = RenderOptions::default();
        // Passed before it starts: refused at once.
        let passed: Stop = std::sync::Arc::new(|| true);
        let stopped = with_deadline(passed.clone(), || render_pdf(&r, &render, &options));
        assert!(
            matches!(stopped, Err(TypesetError::Deadline)),
            "{stopped:?}"
        );
        // Passing inside Typst's layout: the world unwinds at its next font lookup, and the
        // render answers the deadline error instead of a failure or a finished document.
        let text = typeset_source(Content::Resume(&r), &render, &options).unwrap();
        let main = Source::new(world::file_id("/deadline.typ"), text);
        let world = RenderWorld {
            engine: &ENGINE,
            main: &main,
            data: None,
            photo: None,
            today: None,
            stop: Some(passed),
        };
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            typst::compile::<PagedDocument>(&world).output
        }));
        assert!(unwound.is_err_and(|payload| payload.is::<world::DeadlinePassed>()));
        // The deadline ends with the work it was set for, and the engine renders as before.
        let after = render_pdf(&r, &render, &options).unwrap();
        assert!(after.starts_with(b"%PDF"));
        let within = with_deadline(std::sync::Arc::new(|| false), || {
            render_pdf(&r, &render, &options)
        });
        assert_eq!(within.unwrap(), after);
    }

    #[test]
    fn a_users_theme_reads_the_documents_metadata() {
        // The engine sets the PDF metadata itself, and the data still carries it for themes.
        let r = resume();
        let code = "#let render(resume) = [Author: #resume.meta.author; title: #resume.meta.title]\n\
                    #let render-letter(letter) = []\n";
        let options = TypesetOptions {
            theme_file: Some(ThemeFile::new("mine.typ", code).unwrap()),
            ..TypesetOptions::default()
        };
        let text = text_layer(Content::Resume(&r), &RenderOptions::default(), &options).unwrap();
        assert!(
            text.contains(&format!("Author: {}", r.basics.name)),
            "{text}"
        );
    }

    #[test]
    fn renders_are_byte_identical_for_the_same_input() {
        let r = resume();
        let options = TypesetOptions {
            date: Some(PartialDate::ymd(2026, 11, 26)),
            ..TypesetOptions::default()
        };
        let a = render_pdf(&r, &RenderOptions::default(), &options).unwrap();
        let b = render_pdf(&r, &RenderOptions::default(), &options).unwrap();
        assert!(a.starts_with(b"%PDF-"));
        assert_eq!(a, b);
    }

    #[test]
    fn out_of_range_options_are_refused_with_the_accepted_range() {
        let r = resume();
        let cases: &[(&str, TypesetOptions)] = &[
            (
                "#rrggbb",
                TypesetOptions {
                    accent: Some("blue".into()),
                    ..TypesetOptions::default()
                },
            ),
            (
                "embedded:",
                TypesetOptions {
                    font: Some("Comic Sans".into()),
                    ..TypesetOptions::default()
                },
            ),
            (
                "7–14 pt",
                TypesetOptions {
                    font_size: Some(30.0),
                    ..TypesetOptions::default()
                },
            ),
            (
                "5–40 mm",
                TypesetOptions {
                    margin_mm: Some(0.0),
                    ..TypesetOptions::default()
                },
            ),
        ];
        for (needle, options) in cases {
            let err = render_pdf(&r, &RenderOptions::default(), options).unwrap_err();
            assert!(matches!(err, TypesetError::Option(_)), "{err}");
            assert!(err.to_string().contains(needle), "{err}");
        }
        assert!(
            render_png(
                &r,
                &RenderOptions::default(),
                &TypesetOptions::default(),
                1000.0
            )
            .is_err()
        );
    }

    /// A resume of several pages whose first bullet ends with `word`.
    fn pages_of(word: &str) -> Resume {
        let mut text = String::from("contact:\n  name: Ada Lovelace\nexperience:\n");
        for job in 0..12 {
            text.push_str(&format!(
                "  - company: Company {job}\n    title: Engineer\n    start_date: 2010-01\n    bullets:\n"
            ));
            for bullet in 0..5 {
                let last = if job + bullet == 0 { word } else { "" };
                text.push_str(&format!(
                    "      - Built the system number {bullet} that served many people well {last}\n"
                ));
            }
        }
        vitae_core::format::read(&text, None).unwrap().resume
    }

    #[test]
    fn preview_pages_kept_from_an_earlier_preview_are_the_pages_as_drawn_afresh() {
        let (render, options) = (RenderOptions::default(), TypesetOptions::default());
        let before = pages_of("quickly");
        let first = render_svg(&before, &render, &options).unwrap();
        let first_png = preview_png(&before, &render, &options, 72.0).unwrap().pages;
        preview_png(&before, &render, &options, 60.0).unwrap();
        // One word changes on the first page: the pages after it come back from the previews
        // kept, each at its own resolution.
        let after = pages_of("slowly");
        let svg = render_svg(&after, &render, &options).unwrap();
        let png = preview_png(&after, &render, &options, 72.0).unwrap().pages;
        let smaller = preview_png(&after, &render, &options, 60.0).unwrap().pages;
        let (document, _) = compile(Content::Resume(&after), &render, &options).unwrap();
        let n = document.pages().len();
        assert!(
            n >= 2 && first.len() == n,
            "the edit must leave later pages unchanged"
        );
        assert_ne!(svg[0], first[0], "the edited page is drawn again");
        assert_eq!(
            svg[n - 1],
            first[n - 1],
            "an unchanged page is the same image"
        );
        assert_eq!(
            png[n - 1],
            first_png[n - 1],
            "an unchanged page is the same image"
        );
        for (i, page) in document.pages().iter().enumerate() {
            assert!(
                svg[i] == draw_svg(page),
                "SVG page {i} is not the page laid out"
            );
            for (dpi, pages) in [(72.0, &png), (60.0, &smaller)] {
                assert!(
                    pages[i] == draw_png(page, dpi, PngFor::Preview).unwrap(),
                    "PNG page {i} at {dpi} dpi is not the page laid out"
                );
            }
        }
    }

    #[test]
    fn png_pages_are_png_images() {
        let pages = render_png(
            &resume(),
            &RenderOptions::default(),
            &TypesetOptions::default(),
            30.0,
        )
        .unwrap();
        assert_eq!(pages.len(), 1);
        assert!(pages[0].starts_with(b"\x89PNG\r\n\x1a\n"));
    }

    /// A line in each script a resume may be written in, and the family every glyph of that
    /// script must come from: a font made for it (no empty box, no glyph borrowed from a
    /// maths font that has the letters but not the shaping, which breaks conjuncts). Hebrew is
    /// also drawn in Libertinus Serif and New Computer Modern, which carry designed Hebrew.
    const SCRIPTS: &[(&str, &str, &str)] = &[
        (
            "Hangul",
            "소프트웨어 엔지니어, 서울대학교, 지연 시간을 줄였습니다",
            "NanumSquare",
        ),
        (
            "Devanagari",
            "वर्तमान सॉफ़्टवेयर इंजीनियर, दिल्ली",
            "Noto Sans Devanagari",
        ),
        ("Bengali", "সফটওয়্যার প্রকৌশলী, ঢাকা", "Noto Sans Bengali"),
        ("Gujarati", "સોફ્ટવેર ઇજનેર, અમદાવાદ", "Noto Sans Gujarati"),
        ("Gurmukhi", "ਸਾਫਟਵੇਅਰ ਇੰਜੀਨੀਅਰ, ਅੰਮ੍ਰਿਤਸਰ", "Noto Sans Gurmukhi"),
        ("Kannada", "ಸಾಫ್ಟ್‌ವೇರ್ ಎಂಜಿನಿಯರ್, ಬೆಂಗಳೂರು", "Noto Sans Kannada"),
        (
            "Malayalam",
            "സോഫ്റ്റ്‌വെയർ എഞ്ചിനീയർ, കൊച്ചി",
            "Noto Sans Malayalam",
        ),
        ("Tamil", "மென்பொருள் பொறியாளர், சென்னை", "Noto Sans Tamil"),
        ("Telugu", "సాఫ్ట్‌వేర్ ఇంజనీర్, హైదరాబాద్", "Noto Sans Telugu"),
        ("Thai", "วิศวกรซอฟต์แวร์ กรุงเทพมหานคร", "Noto Sans Thai"),
        ("Han", "软件工程师，北京大学", "Droid Sans Fallback"),
        (
            "Kana",
            "ソフトウェアエンジニア、東京",
            "Droid Sans Fallback",
        ),
        ("Arabic", "مهندس برمجيات، القاهرة", "Noto Sans Arabic"),
        (
            "Hebrew",
            "מהנדסת תוכנה, תל אביב",
            "Noto Sans Hebrew|Libertinus Serif|New Computer Modern",
        ),
    ];

    /// The script of a character among [`SCRIPTS`], if it is one of theirs.
    fn script_of(c: char) -> Option<&'static str> {
        Some(match u32::from(c) {
            0x0900..=0x097F => "Devanagari",
            0x0980..=0x09FF => "Bengali",
            0x0A00..=0x0A7F => "Gurmukhi",
            0x0A80..=0x0AFF => "Gujarati",
            0x0B80..=0x0BFF => "Tamil",
            0x0C00..=0x0C7F => "Telugu",
            0x0C80..=0x0CFF => "Kannada",
            0x0D00..=0x0D7F => "Malayalam",
            0x0E00..=0x0E7F => "Thai",
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => "Hangul",
            0x3040..=0x30FF => "Kana",
            0x4E00..=0x9FFF => "Han",
            0x0600..=0x06FF => "Arabic",
            0x0590..=0x05FF => "Hebrew",
            _ => return None,
        })
    }

    /// Every glyph of `frame` as (family, the text it sets, glyph id, whether it is stroked).
    fn glyphs(frame: &typst::layout::Frame, out: &mut Vec<(String, String, u16, bool)>) {
        use typst::layout::FrameItem;
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => glyphs(&group.frame, out),
                FrameItem::Text(text) => {
                    for g in &text.glyphs {
                        out.push((
                            text.font.info().family.clone(),
                            text.text[g.range()].to_owned(),
                            g.id,
                            text.stroke.is_some(),
                        ));
                    }
                }
                _ => {}
            }
        }
    }

    /// The document `theme` lays out for `resume`, and every glyph it sets (see [`glyphs`]).
    fn theme_glyphs(
        resume: &Resume,
        theme: Theme,
    ) -> (PagedDocument, Vec<(String, String, u16, bool)>) {
        let options = TypesetOptions {
            theme: Some(theme),
            ..TypesetOptions::default()
        };
        let (document, _) =
            compile(Content::Resume(resume), &RenderOptions::default(), &options).unwrap();
        let mut all = Vec::new();
        for page in document.pages() {
            glyphs(&page.frame, &mut all);
        }
        (document, all)
    }

    /// Whether the "Ada" of the name (the first text of the first page) is set in a face of
    /// weight 600 or more.
    fn bold_name(document: &PagedDocument) -> bool {
        fn first(frame: &typst::layout::Frame) -> Option<bool> {
            use typst::layout::FrameItem;
            frame.items().find_map(|(_, item)| match item {
                FrameItem::Group(group) => first(&group.frame),
                FrameItem::Text(text) if text.text.contains("Ada") => {
                    Some(text.font.info().variant.weight.to_number() >= 600)
                }
                _ => None,
            })
        }
        first(&document.pages()[0].frame).unwrap_or(false)
    }

    #[test]
    fn every_script_is_set_in_a_font_made_for_it_in_every_theme() {
        // The name is bold in every theme; so is its Han, though its font has no bold face.
        let mut yaml = String::from("contact:\n  name: \"Ada 王小明\"\nexperience:\n");
        for (script, line, _) in SCRIPTS {
            yaml.push_str(&format!(
                "  - company: \"{line}\"\n    title: \"{script}\"\n    start_date: 2020-01\n    bullets: [\"{line}\"]\n"
            ));
        }
        // A bullet is set in the regular weight in every theme; the classic theme's entry
        // titles are `strong`.
        yaml.push_str(
            "  - company: Acme\n    title: 董事长\n    start_date: 2019-01\n    bullets: [\"普通的文字\"]\n",
        );
        let r = vitae_core::format::read(&yaml, None).unwrap().resume;
        let mut wrong = Vec::new();
        let mut bold_names = 0;
        for theme in Theme::ALL {
            let (document, all) = theme_glyphs(&r, theme);
            for (family, text, id, _) in &all {
                let Some(script) = text.chars().find_map(script_of) else {
                    continue;
                };
                let expected = SCRIPTS.iter().find(|s| s.0 == script).unwrap().2;
                if *id == 0 || !expected.split('|').any(|f| f == family) {
                    wrong.push(format!(
                        "{theme}: `{text}` ({script}) set in {family}, glyph {id}"
                    ));
                }
            }
            // Where the name's Latin is set in a bold face, its Han is emboldened too.
            if theme == Theme::Classic {
                let title = all.iter().filter(|g| "董事长".contains(g.1.as_str()));
                assert!(
                    title.clone().count() == 3 && title.clone().all(|g| g.3),
                    "classic: the Han of a strong title is not emboldened"
                );
            }
            let name = all.iter().filter(|g| "王小明".contains(g.1.as_str()));
            assert_eq!(name.clone().count(), 3, "{theme}");
            if bold_name(&document) {
                bold_names += 1;
                assert!(
                    name.clone().all(|g| g.3),
                    "{theme}: the Han of the bold name is not emboldened"
                );
            }
            assert!(
                !all.iter().any(|(_, t, _, stroked)| *stroked && t == "普"),
                "{theme}: regular Han text is emboldened"
            );
            for (script, _, _) in SCRIPTS {
                assert!(
                    all.iter()
                        .any(|(_, t, _, _)| t.chars().any(|c| script_of(c) == Some(script))),
                    "{theme}: no {script} glyph was set"
                );
            }
        }
        assert!(bold_names >= 4, "{bold_names} themes set the name bold");
        wrong.dedup();
        assert!(
            wrong.is_empty(),
            "{} glyphs in the wrong font:\n{}",
            wrong.len(),
            wrong
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }

    #[test]
    fn symbols_people_paste_into_resumes_are_drawn_in_every_theme() {
        // "Fancy text" from LinkedIn headlines (Mathematical Alphanumeric letters), rating dots
        // and stars: only a maths font carries them, so it stays embedded as a fallback.
        let symbols = "𝐒𝐞𝐧𝐢𝐨𝐫 𝗘𝗻𝗴𝗶𝗻𝗲𝗲𝗿 ⭐ ⚫⚫⚪ ⬤ ⬛ ℋ";
        let yaml = format!(
            "contact:\n  name: \"Ada Lovelace\"\nsummary: \"{symbols}\"\nskills:\n  - category: Rust\n    items: [\"{symbols}\"]\n"
        );
        let r = vitae_core::format::read(&yaml, None).unwrap().resume;
        for theme in Theme::ALL {
            let (_, all) = theme_glyphs(&r, theme);
            for c in symbols.chars().filter(|c| !c.is_whitespace()) {
                let set: Vec<_> = all.iter().filter(|g| g.1.contains(c)).collect();
                assert!(!set.is_empty(), "{theme}: `{c}` was not set");
                assert!(
                    set.iter().all(|g| g.2 != 0),
                    "{theme}: `{c}` is an empty box (set in {})",
                    set[0].0
                );
            }
        }
    }

    #[test]
    fn font_infos_match_the_embedded_fonts() {
        // The stored metadata must be what Typst computes from the font files, or fonts would be
        // chosen for characters they lack. `VITAE_UPDATE_FONT_INFO=1` rewrites the file.
        let computed = world::compute_font_infos();
        let json = serde_json::to_string(&computed).unwrap() + "\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/info.json");
        if std::env::var_os("VITAE_UPDATE_FONT_INFO").is_some() {
            std::fs::write(path, &json).unwrap();
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            stored == json,
            "fonts/info.json is stale: run `VITAE_UPDATE_FONT_INFO=1 cargo test -p vitae-render font_infos`"
        );
        // The engine holds one entry per face.
        let book = ENGINE.fonts.book();
        assert!(book.info(computed.len() - 1).is_some() && book.info(computed.len()).is_none());
    }

    #[test]
    fn typst_string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(
            world::typst_string("a\"b\\c\nd\u{1}"),
            "\"a\\\"b\\\\c\\nd\\u{1}\""
        );
    }
}
