//! The inputs the render benchmarks change between renders, shared by `render_bench` and
//! `render_profile` so both measure the same edits. Not an example itself (cargo builds only
//! `examples/*.rs` and `examples/*/main.rs`); each includes it with `#[path]`.
#![allow(dead_code)] // each example uses a part

use vitae_core::model::Resume;

/// A different resume for iteration `i`: the name, one bullet and a number change.
pub fn varied(base: &Resume, i: usize) -> Resume {
    let mut r = base.clone();
    r.basics.name = format!("{} {}", base.basics.name, i % 997);
    if let Some(bullet) = r
        .experience
        .first_mut()
        .and_then(|job| job.bullets.first_mut())
    {
        bullet.text = format!(
            "{} (run {i}: served {} requests per second at p99 {} ms)",
            bullet.text,
            10_000 + i * 7,
            3 + i % 40
        );
    }
    if let Some(job) = r.experience.get_mut(1)
        && let Some(last) = job.bullets.last_mut()
    {
        last.text = format!("{} — cut costs by {}%", last.text, 5 + i % 60);
    }
    r
}

/// The resume with one word of one bullet (the second job's first) different for iteration `i`.
pub fn one_word(base: &Resume, i: usize) -> Resume {
    let mut r = base.clone();
    if let Some(bullet) = r
        .experience
        .get_mut(1)
        .and_then(|job| job.bullets.first_mut())
    {
        bullet.text = format!("{} w{i}", bullet.text);
    }
    r
}

/// Only the name changed, for iteration `i`: the smallest edit that still changes the document.
pub fn renamed(base: &Resume, i: usize) -> Resume {
    let mut r = base.clone();
    r.basics.name = format!("{} {i}", base.basics.name);
    r
}

/// The name and every bullet changed, for iteration `i`: nothing of the text is as before.
pub fn distinct(base: &Resume, i: usize) -> Resume {
    let mut r = base.clone();
    r.basics.name = format!("{} {i}", base.basics.name);
    for (j, job) in r.experience.iter_mut().enumerate() {
        for (k, b) in job.bullets.iter_mut().enumerate() {
            b.text = format!("{} ({} by {}%)", b.text, i * 31 + j, k * 7 + i % 13);
        }
    }
    r
}
