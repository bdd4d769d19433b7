//! The sandboxed Typst world: embedded fonts, embedded theme sources, and the resume passed as
//! data through the virtual file `/data.json`. There is no file system, no package download and
//! no clock: a render can read exactly the files listed here.

use std::sync::{LazyLock, OnceLock};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::{FontSource, FontStore};

use super::Theme;

/// Every embedded font file, in order: Typst's Libertinus Serif, New Computer Modern Math (one
/// weight, a fallback), New Computer Modern and DejaVu Sans Mono, then Inter (the themes'
/// sans-serif), then fallbacks for
/// scripts the others lack (Arabic, Hebrew, Chinese and Japanese, the Indic scripts, Thai,
/// Korean), so text in any of them renders with a font made for it instead of empty boxes or
/// another font's stray glyphs. `build.rs` lists them and says which are stored compressed and
/// why; each is parsed (and inflated) only when a render needs it.
const FONT_FILES: &[FontFile] = &include!(concat!(env!("OUT_DIR"), "/embedded_fonts.rs"));

/// One embedded font file: as it is, or compressed.
#[derive(Clone, Copy)]
enum FontFile {
    Plain(&'static [u8]),
    Deflated(&'static [u8], usize),
}

impl FontFile {
    /// The font's bytes: borrowed, or inflated (`None` if the embedded data is damaged, which
    /// the tests would have caught).
    fn bytes(self) -> Option<Bytes> {
        match self {
            FontFile::Plain(data) => Some(Bytes::new(data)),
            FontFile::Deflated(data, size) => {
                use std::io::Read;
                let mut out = Vec::with_capacity(size);
                flate2::read::DeflateDecoder::new(data)
                    .read_to_end(&mut out)
                    .ok()?;
                Some(Bytes::new(out))
            }
        }
    }

    /// How many faces the file holds: a TrueType collection (`ttcf`) says so in its header
    /// (a big-endian count at byte 8); any other font file is one face (and `build.rs` compresses
    /// no collection).
    fn faces(self) -> u32 {
        match self {
            FontFile::Plain([b't', b't', b'c', b'f', _, _, _, _, a, b, c, d, ..]) => {
                u32::from_be_bytes([*a, *b, *c, *d])
            }
            _ => 1,
        }
    }
}

/// The metadata (family, style, Unicode coverage) of every font in [`FONT_FILES`], in order, as
/// Typst computes it. Computing it means parsing each font and walking its character map — about
/// a third of a cold `vitae generate -f pdf` — so it is computed once, at development time, and
/// stored: `font_infos_match_the_embedded_fonts` (in `mod.rs`) checks it and rewrites it when
/// `VITAE_UPDATE_FONT_INFO=1`.
const FONT_INFO: &str = include_str!("../../fonts/info.json");

/// Computes the metadata of every embedded font, parsing each one.
#[cfg(test)]
pub(crate) fn compute_font_infos() -> Vec<FontInfo> {
    FONT_FILES
        .iter()
        .copied()
        .filter_map(FontFile::bytes)
        .flat_map(|data| Font::iter(data).map(|font| font.info().clone()))
        .collect()
}

/// One face of an embedded font file, parsed (and inflated) on first use: a render that only
/// sets Latin text never parses the CJK or Arabic fallbacks.
struct EmbeddedFace {
    file: FontFile,
    index: u32,
}

impl FontSource for EmbeddedFace {
    fn load(&self) -> Option<Font> {
        Font::new(self.file.bytes()?, self.index)
    }
}

/// The shared theme library every theme builds on.
const COMMON: &str = include_str!("../../themes/common.typ");

/// The constants of that library, which read no data: a module of its own, imported by every
/// main file, so Typst evaluates it (compiling its regular expressions) once per process.
const BASE: &str = include_str!("../../themes/base.typ");

/// Where a main file finds [`BASE`] in the sandbox.
const BASE_PATH: &str = "/base.typ";

/// The photo's paths in a render's sandbox (the data names the one to read).
pub(crate) const PHOTO_PNG: &str = "/photo.png";
pub(crate) const PHOTO_JPEG: &str = "/photo.jpg";

/// Everything renders share: parsed once per process, then only read. Typst's own caches are
/// global and thread-safe, so many renders may use the engine at once.
pub(crate) struct Engine {
    library: LazyHash<Library>,
    pub(crate) fonts: FontStore,
    /// One main source per theme and kind of document: the common library, the theme, and the
    /// call that reads `/data.json`. The same text is what `-f typ` writes, with the data inlined.
    /// Each is parsed on first use: a process that renders one theme parses one.
    mains: Vec<((Theme, Kind), OnceLock<Source>)>,
    /// [`BASE`], the one file a main file imports.
    base: Source,
    data_id: FileId,
    /// Where a theme finds the photo: the only other file a render can read.
    pub(crate) photo_png_id: FileId,
    pub(crate) photo_jpeg_id: FileId,
}

pub(crate) static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::new);

pub(crate) fn file_id(path: &str) -> FileId {
    // Paths here are constants we wrote; a failure is a programming error caught by every test.
    let vpath =
        VirtualPath::new(path).unwrap_or_else(|e| panic!("invalid virtual path {path}: {e:?}"));
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

impl Engine {
    fn new() -> Self {
        let mut fonts = FontStore::new();
        let faces: Vec<EmbeddedFace> = FONT_FILES
            .iter()
            .copied()
            .flat_map(|file| (0..file.faces()).map(move |index| EmbeddedFace { file, index }))
            .collect();
        match serde_json::from_str::<Vec<FontInfo>>(FONT_INFO) {
            Ok(infos) if infos.len() == faces.len() => {
                fonts.extend(faces.into_iter().zip(infos));
            }
            // A stale info file (the test catches it): parse every font now instead.
            _ => {
                for data in FONT_FILES.iter().copied().filter_map(FontFile::bytes) {
                    for font in Font::iter(data) {
                        let info = font.info().clone();
                        fonts.push((font, info));
                    }
                }
            }
        }
        let mains = Theme::ALL
            .iter()
            .flat_map(|&theme| [(theme, Kind::Resume), (theme, Kind::Letter)])
            .map(|key| (key, OnceLock::new()))
            .collect();
        Engine {
            library: LazyHash::new(Library::builder().build()),
            fonts,
            mains,
            base: Source::new(file_id(BASE_PATH), BASE.to_owned()),
            data_id: file_id("/data.json"),
            photo_png_id: file_id(PHOTO_PNG),
            photo_jpeg_id: file_id(PHOTO_JPEG),
        }
    }

    pub(crate) fn main(&self, theme: Theme, kind: Kind) -> &Source {
        // Every theme has both main sources: `mains` is built from `Theme::ALL`.
        let (_, slot) = self
            .mains
            .iter()
            .find(|(k, _)| *k == (theme, kind))
            .unwrap_or(&self.mains[0]);
        slot.get_or_init(|| {
            let id = file_id(&format!("/{}{}.typ", theme.name(), kind.suffix()));
            Source::new(id, main_source(theme, kind, DataRef::File))
        })
    }
}

/// What a main source renders: every theme lays out a resume and a cover letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Resume,
    Letter,
}

impl Kind {
    fn suffix(self) -> &'static str {
        match self {
            Kind::Resume => "",
            Kind::Letter => "-letter",
        }
    }

    /// The theme function that lays out this kind (`themes/common.typ` documents both).
    fn function(self) -> &'static str {
        match self {
            Kind::Resume => "render",
            Kind::Letter => "render-letter",
        }
    }
}

/// How a main source reaches the resume data.
pub(crate) enum DataRef<'a> {
    /// Read `/data.json` from the sandbox (the engine).
    File,
    /// Inline JSON, for standalone `.typ` output.
    Inline(&'a str),
}

/// The text of a theme's main file. Data is never pasted in as markup: either a file read with
/// `json()`, or (standalone) a Typst string literal, escaped, decoded with `json()`.
pub(crate) fn main_source(theme: Theme, kind: Kind, data: DataRef<'_>) -> String {
    main_text(theme.name(), super::theme_source(theme), kind, data)
}

/// The text of a main file for the theme `code` (a built-in one, or a user's theme file).
pub(crate) fn main_text(name: &str, code: &str, kind: Kind, data: DataRef<'_>) -> String {
    // Standalone source holds everything; the engine's imports the constants (see [`BASE`]).
    let (base, load) = match data {
        DataRef::File => (
            format!("#import \"{BASE_PATH}\": *"),
            "json(\"/data.json\")".to_owned(),
        ),
        DataRef::Inline(json) => (
            BASE.to_owned(),
            format!("json(bytes({}))", typst_string(json)),
        ),
    };
    // The data is bound first, as `vt-data`, so the common helpers can read the style of the
    // document they set (`vt-space`) without every theme function passing it along.
    let name: String = name.chars().filter(|c| !c.is_control()).collect();
    format!(
        "// vitae theme `{name}`\n{base}\n#let vt-data = {load}\n{COMMON}\n{code}\n#{function}(vt-data)\n",
        function = kind.function(),
    )
}

/// How many lines of an engine's main file come before its theme's code: the comment naming
/// the theme, the import of the constants, the data, the common helpers and the line break
/// after them ([`main_text`]'s layout with [`DataRef::File`]).
pub(crate) fn lines_before_theme() -> usize {
    3 + COMMON.matches('\n').count() + 1
}

/// A Typst string literal holding `s` exactly.
pub(crate) fn typst_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One render's view of the engine: its main file, its data, its date.
pub(crate) struct RenderWorld<'a> {
    pub engine: &'a Engine,
    pub main: &'a Source,
    /// `None` for standalone sources, which carry their data inline.
    pub data: Option<Bytes>,
    /// The photo the data names, at its path.
    pub photo: Option<(FileId, Bytes)>,
    pub today: Option<Datetime>,
    /// Whether the render must stop ([`super::with_deadline`]).
    pub stop: Option<super::Stop>,
}

/// The panic payload a render unwinds with when its deadline passes (caught in `compile_at`).
/// Unwinding is the only way out of a Typst layout; Typst's caches are written only when a
/// memoized call returns, and its locks do not poison, so an unwound layout leaves nothing
/// half-done behind.
pub(crate) struct DeadlinePassed;

impl RenderWorld<'_> {
    /// Stops the render (see [`DeadlinePassed`]) once its deadline has passed. Typst asks for
    /// the font book and fonts while it shapes every piece of text, so a long layout comes here
    /// often. `resume_unwind` does not run the panic hook: nothing is printed.
    fn check_deadline(&self) {
        if let Some(passed) = &self.stop
            && passed()
        {
            std::panic::resume_unwind(Box::new(DeadlinePassed));
        }
    }
}

impl World for RenderWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.check_deadline();
        self.engine.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.engine.base.id() {
            Ok(self.engine.base.clone())
        } else {
            Err(not_found(id))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match (&self.data, &self.photo) {
            (Some(data), _) if id == self.engine.data_id => Ok(data.clone()),
            (_, Some((photo, bytes))) if id == *photo => Ok(bytes.clone()),
            _ => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.check_deadline();
        self.engine.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_without_slash().into())
}
