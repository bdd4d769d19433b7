//! Renders `examples/resume.yaml` with every theme into a directory, for eyeballing themes:
//! `cargo run --release -p vitae-render --example render_example -- out-dir [variant]`.

use std::path::PathBuf;
use vitae_render::{RenderOptions, Theme, TypesetOptions, render_pdf, render_png};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "out/themes".into()));
    let variant = args.next().unwrap_or_else(|| "base".into());
    let source = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/resume.yaml"
    ))?;
    let loaded = vitae_core::load(&source, None, &Default::default())?;
    let resume = vitae_core::variant::apply(&loaded.resume, &variant)?;
    std::fs::create_dir_all(&out)?;
    for theme in Theme::ALL {
        let mut options = TypesetOptions::default();
        options.theme = Some(theme);
        let start = std::time::Instant::now();
        let pdf = render_pdf(&resume, &RenderOptions::default(), &options)?;
        let took = start.elapsed();
        std::fs::write(out.join(format!("{theme}.pdf")), pdf)?;
        let pages = render_png(&resume, &RenderOptions::default(), &options, 80.0)?;
        for (i, png) in pages.iter().enumerate() {
            std::fs::write(out.join(format!("{theme}-{}.png", i + 1)), png)?;
        }
        println!("{theme}: {} page(s), first render {took:?}", pages.len());
    }
    Ok(())
}
