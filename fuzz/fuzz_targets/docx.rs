//! The Word reader (ZIP, document.xml, styles, numbering) and the parser behind it.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(lines) = vitae_import::docx::lines(data) {
        let _ = vitae_import::parse::resume(&lines);
    }
});
