//! In-process timing of `vitae_import::import` on distinct 2-page PDFs (issue 16's target: at most
//! 50 ms per import), release build only; run by `bench/import.py`, which also times the baseline
//! in the same run.
//!
//! ```sh
//! cargo run --release -p vitae-import --example import_bench -- DIR [--count 60]
//! ```
//!
//! Writes `--count` PDFs to DIR, each the project example (its default variant) in a theme taken
//! in turn, with its name and bullets changed so that no two are alike and the example's
//! experience repeated until it takes two pages; then imports each once and prints one JSON
//! object: the per-import times and the pages.

use std::time::Instant;
use vitae_render::{RenderOptions, Theme, TypesetOptions, render_pdf};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: import_bench DIR [--count N]"));
    let mut count = 60;
    while let Some(a) = args.next() {
        if a == "--count" {
            count = args.next().and_then(|n| n.parse().ok()).expect("--count N");
        }
    }
    let root =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    let bytes = std::fs::read(&root).expect("examples/resume.yaml");
    let example = vitae_core::load(&bytes, None, &Default::default())
        .unwrap()
        .resume;
    let base = vitae_core::variant::default_name(&example);
    let example = vitae_core::variant::apply(&example, &base).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = Vec::new();
    for i in 0..count {
        let mut r = example.clone();
        r.basics.name = format!("Maya Okafor {i}");
        for job in &mut r.experience {
            for (b, bullet) in job.bullets.iter_mut().enumerate() {
                bullet.text = format!("{} ({i}.{b})", bullet.text);
            }
        }
        let theme = Theme::ALL[i % Theme::ALL.len()];
        let mut options = TypesetOptions::default();
        options.theme = Some(theme);
        // Two pages: the experience repeated until the document takes them.
        let jobs = r.experience.clone();
        let mut pdf = render_pdf(&r, &RenderOptions::default(), &options).unwrap();
        while vitae_import::pdf::lines(&pdf)
            .unwrap()
            .iter()
            .all(|l| !matches!(l.origin, vitae_import::Origin::Page { page: 2, .. }))
        {
            r.experience.extend(jobs.iter().cloned());
            pdf = render_pdf(&r, &RenderOptions::default(), &options).unwrap();
        }
        let path = dir.join(format!("resume-{i:03}.pdf"));
        std::fs::write(&path, &pdf).unwrap();
        files.push(path);
    }
    let mut times = Vec::new();
    let mut pages = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let started = Instant::now();
        let imported = vitae_import::import(&bytes).unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(!imported.resume.basics.name.is_empty());
        pages.push(
            imported
                .found
                .iter()
                .filter_map(|f| match f.origin {
                    vitae_import::Origin::Page { page, .. } => Some(page),
                    _ => None,
                })
                .max()
                .unwrap_or(0),
        );
    }
    let files: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    println!(
        "{}",
        serde_json::json!({ "import_ms": times, "pages": pages, "files": files })
    );
}
