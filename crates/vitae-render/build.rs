//! Puts the embedded fonts in the binary: the themes' own (Typst's Libertinus Serif, New Computer
//! Modern and DejaVu Sans Mono, and Inter), then the fallbacks for scripts those lack.
//!
//! Typst's fonts come from `typst-assets`, here a build dependency only: its `fonts()` also holds
//! three weights of New Computer Modern Math (4 MB). No theme sets math, but Typst's last-resort
//! fallback searches every font for a character no listed font has, and only the math font has
//! the "fancy text" letters people paste from LinkedIn (𝐁𝐨𝐥𝐝, 𝗦𝗮𝗻𝘀: Mathematical Alphanumeric
//! Symbols) and some stars and dots: one weight stays, as a compressed fallback, and the other
//! two are left out. The library itself never enables `typst-assets/fonts`.
//!
//! Fallback fonts, which a render of Latin text does not open, are stored DEFLATE-compressed and
//! inflated on first use (a millisecond or two each): the scripts' and the math font. The
//! themes' text fonts (Libertinus Serif, New Computer Modern, Inter, and DejaVu Sans Mono, which
//! a user may choose) are stored as they are: inflated, each cost 1–4 ms of a cold start in
//! their themes, against the 2 ms a font may cost (issue 19). So are the two big fallbacks:
//! inflating Droid Sans Fallback (Chinese and Japanese, 4 MB) took 15 ms of a cold
//! `vitae generate`, and NanumSquare (Korean, 0.7 MB each) about 3 ms. The list is here, once:
//! the generated `embedded_fonts.rs` holds every font file in this order
//! (`src/typeset/world.rs`; `fonts/info.json` follows it).

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Typst's fonts, by the start of their PostScript name (the first that matches), in the order
/// `typst_assets::fonts()` has them, and whether each is stored compressed (`None`: left out).
/// A font Typst adds fails the build here until someone decides.
const TYPST_FONTS: &[(&str, Option<bool>)] = &[
    ("LibertinusSerif-", Some(false)),
    ("NewCMMath-Regular", Some(true)),
    ("NewCMMath-", None),
    ("NewCM10-", Some(false)),
    ("DejaVuSansMono", Some(false)),
];

/// Our font files after Typst's, in order, and whether each is stored compressed: the themes'
/// sans-serif family, then the fallbacks.
const OURS: &[(&str, bool)] = &[
    ("Inter-Regular.otf", false),
    ("Inter-Italic.otf", false),
    ("Inter-SemiBold.otf", false),
    ("Inter-SemiBoldItalic.otf", false),
    ("Inter-Bold.otf", false),
    ("Inter-BoldItalic.otf", false),
    ("NotoSansArabic-Regular.ttf", true),
    ("NotoSansArabic-Bold.ttf", true),
    ("NotoSansHebrew-Regular.ttf", true),
    ("NotoSansHebrew-Bold.ttf", true),
    ("DroidSansFallbackFull.ttf", false),
    ("NotoSansDevanagari-Regular.ttf", true),
    ("NotoSansDevanagari-Bold.ttf", true),
    ("NotoSansBengali-Regular.ttf", true),
    ("NotoSansBengali-Bold.ttf", true),
    ("NotoSansGujarati-Regular.ttf", true),
    ("NotoSansGujarati-Bold.ttf", true),
    ("NotoSansGurmukhi-Regular.ttf", true),
    ("NotoSansGurmukhi-Bold.ttf", true),
    ("NotoSansKannada-Regular.ttf", true),
    ("NotoSansKannada-Bold.ttf", true),
    ("NotoSansMalayalam-Regular.ttf", true),
    ("NotoSansMalayalam-Bold.ttf", true),
    ("NotoSansTamil-Regular.ttf", true),
    ("NotoSansTamil-Bold.ttf", true),
    ("NotoSansTelugu-Regular.ttf", true),
    ("NotoSansTelugu-Bold.ttf", true),
    ("NotoSansThai-Regular.ttf", true),
    ("NotoSansThai-Bold.ttf", true),
    ("NanumSquareR.ttf", false),
    ("NanumSquareB.ttf", false),
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut list = String::from("[\n");
    for (i, data) in typst_assets::fonts().enumerate() {
        let name = postscript_name(data).unwrap_or_else(|| panic!("Typst's font {i} has no name"));
        let Some(&(_, keep)) = TYPST_FONTS.iter().find(|(p, _)| name.starts_with(p)) else {
            panic!("Typst's font {name} is new: say in TYPST_FONTS whether to embed it");
        };
        let Some(compress) = keep else { continue };
        if compress {
            list.push_str(&deflated(&out, &name, data));
        } else {
            // Typst's files have no path we could name from here: a copy in OUT_DIR.
            let file = format!("{name}.font");
            let target = out.join(&file);
            std::fs::write(&target, data).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
            list.push_str(&plain("OUT_DIR", &file));
        }
    }
    for &(name, compress) in OURS {
        let path = Path::new("fonts").join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        if compress {
            let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            list.push_str(&deflated(&out, name, &data));
        } else {
            list.push_str(&plain("CARGO_MANIFEST_DIR", &format!("fonts/{name}")));
        }
    }
    list.push_str("]\n");
    std::fs::write(out.join("embedded_fonts.rs"), list).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
}

/// The list's entry for a file stored as it is, at `path` under the directory that the
/// environment variable `dir` names at compile time.
fn plain(dir: &str, path: &str) -> String {
    format!("    FontFile::Plain(include_bytes!(concat!(env!(\"{dir}\"), \"/{path}\"))),\n")
}

/// Writes `data` compressed to OUT_DIR and returns its entry in the list.
fn deflated(out: &Path, name: &str, data: &[u8]) -> String {
    // One face per file: the font list counts a collection's faces from its header, which a
    // compressed file does not show.
    assert!(
        !data.starts_with(b"ttcf"),
        "{name}: a font collection cannot be compressed here"
    );
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("in memory");
    let compressed = encoder.finish().expect("in memory");
    let target = out.join(format!("{name}.deflate"));
    std::fs::write(&target, compressed).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    format!(
        "    FontFile::Deflated(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.deflate\")), {}),\n",
        data.len()
    )
}

/// The font's PostScript name (name ID 6), which says which file of a family it is.
fn postscript_name(data: &[u8]) -> Option<String> {
    let face = ttf_parser::Face::parse(data, 0).ok()?;
    face.names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
        .and_then(|n| n.to_string())
}
