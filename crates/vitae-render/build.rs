//! Compresses the fallback fonts (scripts other than Latin) for the binary.
//!
//! Most resumes are set in the themes' own fonts (Libertinus Serif, Inter, New Computer Modern);
//! the fallbacks for Chinese, Japanese, Korean, Arabic, Hebrew, the Indic scripts and Thai are
//! 8.6 MB of the binary and are read only when a document has text in those scripts. They are
//! stored DEFLATE-compressed and inflated on first use (a few milliseconds, once per process),
//! so a render of Latin text pays nothing for them. The list is here, once: the generated
//! `fallback_fonts.rs` holds each file's compressed bytes, in this order, after the themes'
//! fonts (`src/typeset/world.rs`).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The fallback fonts, in the order the font list has them (`fonts/info.json` follows it).
const FALLBACKS: &[&str] = &[
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
    "NotoSansHebrew-Regular.ttf",
    "NotoSansHebrew-Bold.ttf",
    "DroidSansFallbackFull.ttf",
    "NotoSansDevanagari-Regular.ttf",
    "NotoSansDevanagari-Bold.ttf",
    "NotoSansBengali-Regular.ttf",
    "NotoSansBengali-Bold.ttf",
    "NotoSansGujarati-Regular.ttf",
    "NotoSansGujarati-Bold.ttf",
    "NotoSansGurmukhi-Regular.ttf",
    "NotoSansGurmukhi-Bold.ttf",
    "NotoSansKannada-Regular.ttf",
    "NotoSansKannada-Bold.ttf",
    "NotoSansMalayalam-Regular.ttf",
    "NotoSansMalayalam-Bold.ttf",
    "NotoSansTamil-Regular.ttf",
    "NotoSansTamil-Bold.ttf",
    "NotoSansTelugu-Regular.ttf",
    "NotoSansTelugu-Bold.ttf",
    "NotoSansThai-Regular.ttf",
    "NotoSansThai-Bold.ttf",
    "NanumSquareR.ttf",
    "NanumSquareB.ttf",
];

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut list = String::from("&[\n");
    for name in FALLBACKS {
        let path = Path::new("fonts").join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // One face per file: the font list counts a collection's faces from its header, which a
        // compressed file does not show.
        assert!(
            !data.starts_with(b"ttcf"),
            "{name}: a font collection cannot be compressed here"
        );
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&data).expect("in memory");
        let compressed = encoder.finish().expect("in memory");
        let target = out.join(format!("{name}.deflate"));
        std::fs::write(&target, compressed).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        writeln!(
            list,
            "    (include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.deflate\")), {}),",
            data.len()
        )
        .expect("in memory");
    }
    list.push_str("]\n");
    std::fs::write(out.join("fallback_fonts.rs"), list).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
}
