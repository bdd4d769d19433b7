//! Where a warm render's time goes, by Typst's own timing scopes (issue 19), release build:
//!
//! ```sh
//! cargo run --release -p vitae-render --example render_profile -- [--renders 100]
//!     [--theme classic] [--edit distinct|varied|name|word|same] [--output pdf|png|svg]
//!     [--trace trace.json]
//! ```
//!
//! Renders `examples/resume.yaml` (its default variant, repeated to two pages as `render_bench`
//! does) `--warmup` times, then `--renders` times with Typst's timer on, each render a
//! different input (`--edit`): `distinct` changes the name and every bullet, `varied` the name
//! and two bullets (`render_bench`'s different resumes), `name` the name, `word` one word of one
//! bullet, `same` nothing. Prints, per scope name, the self time (time not
//! spent in a nested scope) per render, largest first, and the time outside Typst's compiler
//! (building the data, PDF writing outside its scopes). `--output png` renders the studio's
//! preview instead (PNG pages at 96 dpi), `svg` SVG pages. `--trace` also writes Chrome's trace
//! format of the last render (chrome://tracing, ui.perfetto.dev).

use std::collections::HashMap;
use std::time::Instant;
use vitae_core::model::Resume;
use vitae_render::{RenderOptions, Theme, TypesetOptions, render_pdf, render_png};

#[path = "support/edits.rs"]
mod edits;

/// The input of render `i` for `--edit how` (`support/edits.rs`, as `render_bench` makes them).
fn edit(base: &Resume, how: &str, i: usize) -> Resume {
    match how {
        "same" => base.clone(),
        "name" => edits::renamed(base, i),
        "varied" => edits::varied(base, i),
        "word" => edits::one_word(base, i),
        _ => edits::distinct(base, i),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut renders = 100usize;
    let mut warmup = 20usize;
    let mut theme = Theme::Classic;
    let mut how = "distinct".to_owned();
    let mut trace: Option<String> = None;
    let mut output = "pdf".to_owned();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--renders" => renders = value.parse()?,
            "--warmup" => warmup = value.parse()?,
            "--theme" => theme = value.parse()?,
            "--edit" => how = value,
            "--trace" => trace = Some(value),
            "--output" => output = value,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/resume.yaml");
    let loaded = vitae_core::load(&std::fs::read(path)?, None, &Default::default())?;
    let variant = vitae_core::variant::default_name(&loaded.resume);
    let mut resume = vitae_core::variant::apply(&loaded.resume, &variant)?;
    let render = RenderOptions::default();
    let mut options = TypesetOptions::default();
    options.theme = Some(theme);
    let jobs = resume.experience.clone();
    let mut n = 0;
    // `--warmup 0` profiles the first render of the process (engine start included), so the
    // resume is not laid out beforehand to fill two pages.
    while warmup > 0 && render_png(&resume, &render, &options, 10.0)?.len() < 2 && n < 100 {
        resume.experience.push(jobs[n % jobs.len()].clone());
        n += 1;
    }
    for i in 0..warmup {
        render_pdf(&edit(&resume, &how, i), &render, &options)?;
    }
    let inputs: Vec<Resume> = (0..renders)
        .map(|i| edit(&resume, &how, 1000 + i))
        .collect();
    let mut self_us: HashMap<String, f64> = HashMap::new();
    let mut total_us = 0.0;
    let mut typst_us = 0.0;
    for (i, input) in inputs.iter().enumerate() {
        typst_timing::clear();
        typst_timing::enable();
        let t = Instant::now();
        match output.as_str() {
            "png" => drop(vitae_render::preview_png(input, &render, &options, 96.0)?),
            "svg" => drop(vitae_render::render_svg(input, &render, &options)?),
            _ => drop(render_pdf(input, &render, &options)?),
        }
        total_us += t.elapsed().as_secs_f64() * 1e6;
        typst_timing::disable();
        let mut out = Vec::new();
        typst_timing::export_json(&mut out, |span| {
            vitae_render::span_location(span)
                .map(|(file, line)| (file, line as u32))
                .unwrap_or_default()
        })?;
        if i + 1 == renders
            && let Some(path) = &trace
        {
            std::fs::write(path, &out)?;
        }
        let events: Vec<serde_json::Value> = serde_json::from_slice(&out)?;
        // Per thread, a stack of (name, start, time in children).
        let mut stacks: HashMap<u64, Vec<(String, f64, f64)>> = HashMap::new();
        for e in &events {
            let tid = e["tid"].as_u64().unwrap_or(0);
            let ts = e["ts"].as_f64().unwrap_or(0.0);
            let stack = stacks.entry(tid).or_default();
            if e["ph"] == "B" {
                let mut name = e["name"].as_str().unwrap_or("?").to_owned();
                // Function calls by where they are called in the theme.
                if name == "func call"
                    && let Some(file) = e["args"]["file"].as_str()
                    && !file.is_empty()
                {
                    name = format!("call {file}:{}", e["args"]["line"]);
                }
                stack.push((name, ts, 0.0));
            } else if let Some((name, start, children)) = stack.pop() {
                let took = ts - start;
                *self_us.entry(name).or_default() += took - children;
                match stack.last_mut() {
                    Some(parent) => parent.2 += took,
                    None => typst_us += took,
                }
            }
        }
    }
    let per = |us: f64| us / renders as f64 / 1e3;
    println!(
        "theme {}, edit {how}, {renders} renders: {:.2} ms per render, {:.2} ms of it in Typst's scopes",
        theme.name(),
        per(total_us),
        per(typst_us)
    );
    let mut rows: Vec<_> = self_us.into_iter().collect();
    rows.sort_by(|a, b| b.1.total_cmp(&a.1));
    println!(
        "{:<32} {:>9} {:>6}",
        "scope (self time)", "ms/render", "share"
    );
    for (name, us) in rows.iter().take(40) {
        println!(
            "{name:<32} {:>9.3} {:>5.1}%",
            per(*us),
            100.0 * us / total_us
        );
    }
    println!(
        "{:<32} {:>9.3} {:>5.1}%",
        "(outside Typst's scopes)",
        per(total_us - typst_us),
        100.0 * (total_us - typst_us) / total_us
    );
    Ok(())
}

/// The `vitae` binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
