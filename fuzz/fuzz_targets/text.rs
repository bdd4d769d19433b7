//! Plain-text and Markdown resumes: the line reader and the parser (headings, entries, dates,
//! contact details).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = vitae_import::parse::resume(&vitae_import::text::lines(text));
    }
});
