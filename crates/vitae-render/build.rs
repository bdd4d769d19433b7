//! Compresses the small fallback fonts (scripts other than Latin) for the binary.
//!
//! Most resumes are set in the themes' own fonts (Libertinus Serif, Inter, New Computer Modern);
//! the fallbacks for Arabic, Hebrew, the Indic scripts and Thai are read only when a document
//! has text in those scripts. Those are stored DEFLATE-compressed and inflated on first use, each
//! in under a millisecond, so a render of Latin text pays nothing for them and one in those
//! scripts little. The two big ones are kept as they are: inflating Droid Sans Fallback (Chinese
//! and Japanese, 4 MB) took 15 ms of a cold `vitae generate`, and NanumSquare (Korean, 0.7 MB
//! each) about 3 ms, over the 2 ms a font may cost at start (issue 19). The list is here, once:
//! the generated `fallback_fonts.rs` holds every fallback font, in this order, after the themes'
//! fonts (`src/typeset/world.rs`).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The fallback fonts, in the order the font list has them (`fonts/info.json` follows it), and
/// whether each is stored compressed.
const FALLBACKS: &[(&str, bool)] = &[
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
    for &(name, compress) in FALLBACKS {
        let path = Path::new("fonts").join(name);
        println!("cargo::rerun-if-changed={}", path.display());
        if !compress {
            writeln!(
                list,
                "    FontFile::Plain(include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/fonts/{name}\"))),"
            )
            .expect("in memory");
            continue;
        }
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
            "    FontFile::Deflated(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.deflate\")), {}),",
            data.len()
        )
        .expect("in memory");
    }
    list.push_str("]\n");
    std::fs::write(out.join("fallback_fonts.rs"), list).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
}
