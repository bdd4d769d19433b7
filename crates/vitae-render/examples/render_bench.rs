//! In-process measurements of the embedded Typst engine (issue 3), release build only:
//!
//! ```sh
//! cargo run --release -p vitae-render --example render_bench -- [--renders 200] [--warmup 20]
//!     [--rss-renders 10000] [--resume FILE] [--variant NAME] [--pages 2]
//! ```
//!
//! - **warm**: `render_pdf` of one 2-page resume after `--warmup` renders, `--renders` times, per
//!   theme: the same resume every time (`same`), and a slightly different resume every time
//!   (`varied`: name, two bullets and numbers change, so Typst's memo cache cannot reuse the whole
//!   result), with only the name changed (`name_changed`), and with one word of one bullet
//!   changed (`one_word`, an editor's preview after a keystroke).
//! - **rss**: `VmRSS`/`VmHWM` from `/proc/self/status` at 0, 1k, 5k and 10k renders of different
//!   resumes (content varied as above, themes in turn).
//! - **baseline**: `render_text` (Markdown and LaTeX) of the same resume in the same run, for ratios.
//!
//! The resume is `examples/resume.yaml` as `vitae generate` selects it (its default variant); if it
//! typesets to fewer than `--pages` pages in the classic theme, experience entries are repeated
//! until it fills them. Human lines go to stderr, one JSON object to stdout.

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use vitae_core::model::Resume;
use vitae_render::{RenderOptions, TextFormat, Theme, TypesetOptions, render_pdf, render_png};

#[path = "support/edits.rs"]
mod edits;
use edits::{one_word, varied};

struct Args {
    renders: usize,
    warmup: usize,
    rss_renders: usize,
    resume: String,
    variant: Option<String>,
    pages: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        renders: 200,
        warmup: 20,
        rss_renders: 10_000,
        resume: concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/resume.yaml").into(),
        variant: None,
        pages: 2,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--renders" => args.renders = number(value()?)?.max(1),
            "--warmup" => args.warmup = number(value()?)?,
            "--rss-renders" => args.rss_renders = number(value()?)?,
            "--resume" => args.resume = value()?,
            "--variant" => args.variant = Some(value()?),
            "--pages" => args.pages = number(value()?)?,
            "-h" | "--help" => {
                return Err(
                    "usage: render_bench [--renders N] [--warmup N] [--rss-renders N] \
                            [--resume FILE] [--variant NAME] [--pages N]"
                        .into(),
                );
            }
            other => return Err(format!("unknown argument `{other}` (try --help)")),
        }
    }
    Ok(args)
}

/// Median, p90 and min of a sample, in milliseconds.
fn stats(mut samples: Vec<Duration>) -> Value {
    samples.sort();
    let ms = |d: Duration| (d.as_secs_f64() * 1e6).round() / 1e3;
    let n = samples.len();
    let median = if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2
    };
    let p90 = samples[(n * 9).div_ceil(10).max(1) - 1];
    json!({ "median_ms": ms(median), "p90_ms": ms(p90), "min_ms": ms(samples[0]), "n": n })
}

fn median_ms(v: &Value) -> f64 {
    v["median_ms"].as_f64().unwrap_or(f64::NAN)
}

/// `VmRSS` and `VmHWM` of this process, in kB as Linux counts them (KiB; `None` elsewhere).
fn memory_kb() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn pages(resume: &Resume, theme: Theme) -> Result<usize, Box<dyn std::error::Error>> {
    let mut options = TypesetOptions::default();
    options.theme = Some(theme);
    Ok(render_png(resume, &RenderOptions::default(), &options, 10.0)?.len())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let render = RenderOptions::default();
    let start_memory = memory_kb();

    let source = std::fs::read(&args.resume)?;
    let loaded = vitae_core::load(&source, None, &Default::default())?;
    let variant = args
        .variant
        .clone()
        .unwrap_or_else(|| vitae_core::variant::default_name(&loaded.resume));
    let mut resume = vitae_core::variant::apply(&loaded.resume, &variant)?;

    // The very first render pays for the engine: embedded fonts, theme parsing, Typst's library.
    let t = Instant::now();
    render_pdf(&resume, &render, &TypesetOptions::default())?;
    let first_call_ms = t.elapsed().as_secs_f64() * 1e3;
    eprintln!("first render_pdf in this process (engine start-up included): {first_call_ms:.1} ms");

    // Fill the requested number of pages in the classic theme by repeating experience entries.
    let original_jobs = resume.experience.clone();
    let mut repeated = 0;
    let mut classic_pages = pages(&resume, Theme::Classic)?;
    while classic_pages < args.pages && !original_jobs.is_empty() && repeated < 200 {
        resume
            .experience
            .push(original_jobs[repeated % original_jobs.len()].clone());
        repeated += 1;
        classic_pages = pages(&resume, Theme::Classic)?;
    }
    eprintln!(
        "resume: {} ({variant}), {} experience entries ({repeated} repeated), {classic_pages} page(s) in classic",
        args.resume,
        resume.experience.len()
    );

    // Baseline in the same run: the text renderers on the same resume.
    let mut baseline = serde_json::Map::new();
    for format in [TextFormat::Markdown, TextFormat::Latex] {
        for _ in 0..args.warmup {
            std::hint::black_box(vitae_render::render_text(&resume, format, &render));
        }
        let samples = (0..args.renders.max(1000))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(vitae_render::render_text(&resume, format, &render));
                t.elapsed()
            })
            .collect();
        let s = stats(samples);
        eprintln!(
            "baseline render_text {format}: median {} ms",
            s["median_ms"]
        );
        baseline.insert(format.extension().into(), s);
    }
    let md_median = median_ms(&baseline["md"]);

    // Warm renders per theme.
    let mut warm = serde_json::Map::new();
    let mut first_render_per_theme = serde_json::Map::new();
    for theme in Theme::ALL {
        let mut options = TypesetOptions::default();
        options.theme = Some(theme);
        let t = Instant::now();
        let pdf = render_pdf(&resume, &render, &options)?;
        first_render_per_theme.insert(theme.name().into(), json!(t.elapsed().as_secs_f64() * 1e3));
        for _ in 0..args.warmup {
            std::hint::black_box(render_pdf(&resume, &render, &options)?);
        }
        let mut same = Vec::with_capacity(args.renders);
        for _ in 0..args.renders {
            let t = Instant::now();
            std::hint::black_box(render_pdf(&resume, &render, &options)?);
            same.push(t.elapsed());
        }
        let inputs: Vec<Resume> = (0..args.renders).map(|i| varied(&resume, i)).collect();
        let mut different = Vec::with_capacity(args.renders);
        for input in &inputs {
            let t = Instant::now();
            std::hint::black_box(render_pdf(input, &render, &options)?);
            different.push(t.elapsed());
        }
        // Only the name changes: the smallest edit that still changes the document.
        let mut renamed = Vec::with_capacity(args.renders);
        for i in 0..args.renders {
            let input = edits::renamed(&resume, i);
            let t = Instant::now();
            std::hint::black_box(render_pdf(&input, &render, &options)?);
            renamed.push(t.elapsed());
        }
        // One word of one bullet changes: an editor's preview after a keystroke.
        let mut edited = Vec::with_capacity(args.renders);
        for i in 0..args.renders {
            let input = one_word(&resume, i);
            let t = Instant::now();
            std::hint::black_box(render_pdf(&input, &render, &options)?);
            edited.push(t.elapsed());
        }
        let (same, different, renamed, edited) =
            (stats(same), stats(different), stats(renamed), stats(edited));
        let theme_pages = pages(&resume, theme)?;
        eprintln!(
            "warm render_pdf {theme:12} {theme_pages} page(s), {:>6} bytes: same resume median {} ms (p90 {}); one word changed {} ms (p90 {}); name changed {} ms (p90 {}); different resumes {} ms (p90 {})",
            pdf.len(),
            same["median_ms"],
            same["p90_ms"],
            edited["median_ms"],
            edited["p90_ms"],
            renamed["median_ms"],
            renamed["p90_ms"],
            different["median_ms"],
            different["p90_ms"]
        );
        warm.insert(
            theme.name().into(),
            json!({
                "pages": theme_pages,
                "pdf_bytes": pdf.len(),
                "same": same,
                "one_word": edited,
                "name_changed": renamed,
                "varied": different,
                "ratio_to_md": (median_ms(&same) / md_median * 10.0).round() / 10.0,
            }),
        );
    }

    // The studio's preview after a keystroke: every page as PNG at 96 dpi (a page as wide as an
    // A4 sheet on a plain screen) with its lines of text, or as SVG; one word changed each time,
    // as `one_word` above, in the default theme.
    let mut preview = serde_json::Map::new();
    {
        let options = TypesetOptions::default();
        for _ in 0..args.warmup {
            std::hint::black_box(vitae_render::preview_png(&resume, &render, &options, 96.0)?);
        }
        let mut layout = Vec::with_capacity(args.renders);
        let mut png = Vec::with_capacity(args.renders);
        let mut svg = Vec::with_capacity(args.renders);
        for i in 0..args.renders {
            // The layout alone, which the preview waits for before it draws.
            let input = one_word(&resume, 30_000 + i);
            let t = Instant::now();
            std::hint::black_box(vitae_render::layout_only(&input, &render, &options)?);
            layout.push(t.elapsed());
            let input = one_word(&resume, 10_000 + i);
            let t = Instant::now();
            std::hint::black_box(vitae_render::preview_png(&input, &render, &options, 96.0)?);
            png.push(t.elapsed());
            let input = one_word(&resume, 20_000 + i);
            let t = Instant::now();
            std::hint::black_box(vitae_render::render_svg(&input, &render, &options)?);
            svg.push(t.elapsed());
        }
        let (layout, png, svg) = (stats(layout), stats(png), stats(svg));
        eprintln!(
            "preview after a one-word edit, default theme: layout alone median {} ms (p90 {}); PNG pages at 96 dpi median {} ms (p90 {}); SVG pages median {} ms (p90 {})",
            layout["median_ms"],
            layout["p90_ms"],
            png["median_ms"],
            png["p90_ms"],
            svg["median_ms"],
            svg["p90_ms"]
        );
        preview.insert("layout".into(), layout);
        preview.insert("png_96dpi".into(), png);
        preview.insert("svg".into(), svg);
    }

    // Memory over many consecutive renders of different resumes, themes in turn.
    let mut rss = Vec::new();
    let record = |done: usize, rss: &mut Vec<Value>| {
        if let Some((now, peak)) = memory_kb() {
            eprintln!(
                "after {done:>6} renders: VmRSS {:.1} MB, VmHWM {:.1} MB",
                now as f64 * 1.024e-3,
                peak as f64 * 1.024e-3
            );
            rss.push(json!({
                "renders": done,
                "vm_rss_kb": now,
                "vm_hwm_kb": peak,
                "vm_rss_mb": (now as f64 * 1.024e-2).round() / 10.0,
                "vm_hwm_mb": (peak as f64 * 1.024e-2).round() / 10.0,
            }));
        }
    };
    record(0, &mut rss);
    let checkpoints = [1_000, 5_000, 10_000, args.rss_renders];
    let mut loop_times = Vec::with_capacity(args.rss_renders);
    let loop_start = Instant::now();
    for i in 0..args.rss_renders {
        let mut options = TypesetOptions::default();
        options.theme = Some(Theme::ALL[i % Theme::ALL.len()]);
        let input = varied(&resume, 1_000_000 + i);
        let t = Instant::now();
        std::hint::black_box(render_pdf(&input, &render, &options)?);
        loop_times.push(t.elapsed());
        let done = i + 1;
        if checkpoints.contains(&done) {
            record(done, &mut rss);
        }
    }
    let loop_stats = if loop_times.is_empty() {
        Value::Null
    } else {
        stats(loop_times)
    };
    eprintln!(
        "{} renders of different resumes in {:.1} s ({loop_stats})",
        args.rss_renders,
        loop_start.elapsed().as_secs_f64()
    );

    let result = json!({
        "resume": args.resume,
        "variant": variant,
        "experience_entries": resume.experience.len(),
        "repeated_entries": repeated,
        "pages_classic": classic_pages,
        "renders": args.renders,
        "warmup": args.warmup,
        "memory_at_start_kb": start_memory.map(|(rss, _)| rss),
        "first_call_ms": first_call_ms,
        "first_render_per_theme_ms": first_render_per_theme,
        "baseline_render_text": baseline,
        "warm_render_pdf": warm,
        "preview_one_word": preview,
        "rss": rss,
        "rss_loop_renders": args.rss_renders,
        "rss_loop_render_pdf": loop_stats,
    });
    println!("{}", serde_json::to_string_pretty(&result)?);
    Ok(())
}

/// The `vitae` binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
