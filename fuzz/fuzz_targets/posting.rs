//! Job postings: plain text, HTML and JSON Resume jobs, each read as `vitae job`, `ats-check` and
//! the API read them (the first byte chooses the reader; `read` detects), and salaries.
#![no_main]
use vitae_fit::job;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let options = job::Options::default();
    match choice % 5 {
        0 => drop(job::read(text, &options)),
        1 => drop(job::parse_text(text, &options)),
        2 => drop(job::parse_html(text, &options)),
        3 => drop(job::parse_json_resume_job(text, &options)),
        _ => drop(job::parse_salary(text)),
    }
});
