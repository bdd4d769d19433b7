//! Resume sources: the located YAML/JSON tree, format detection and the three readers (native,
//! JSON Resume, RenderCV), validation and the variants. The first byte chooses the format the
//! way `--from` would (or detection), the rest is the file.
#![no_main]
use vitae_core::format::Format;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let format = match choice % 4 {
        0 => None,
        1 => Some(Format::Native),
        2 => Some(Format::JsonResume),
        _ => Some(Format::RenderCv),
    };
    if let Ok(loaded) = vitae_core::load(bytes, format, &Default::default()) {
        for name in vitae_core::variant::names(&loaded.resume) {
            let _ = vitae_core::variant::apply(&loaded.resume, &name);
        }
    }
});
