//! The PDF reader and the layout parser behind it, without format detection in front, so every
//! input reaches the PDF parser (the guard, hayro, the line builder).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(lines) = vitae_import::pdf::lines(data) {
        let _ = vitae_import::parse::resume(&lines);
    }
});
