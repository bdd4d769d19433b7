//! Rich text in resume strings: the Markdown subset (RenderCV's `**bold**`, links) and HTML
//! (JSON Resume exports), and RenderCV's nested items.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = vitae_core::rich::parse(text);
    let _ = vitae_core::rich::parse_html(text);
    let _ = vitae_core::rich::rendercv_sub_items(text);
    let _ = vitae_core::rich::sub_items(text);
});
