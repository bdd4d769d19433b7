//! The whole import: format detection, then whichever reader the bytes select (PDF, Word,
//! LinkedIn's ZIP, text), then the resume parser. Any input must end in a resume or an error.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = vitae_import::import(data);
});
