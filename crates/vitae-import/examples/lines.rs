//! Prints the lines the importer reads from a document, with their row, position, size and
//! weight: what the resume reader works from, for looking into an import that went wrong.
//!
//!     cargo run -p vitae-import --example lines -- resume.pdf

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: lines FILE");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    });
    let lines = match vitae_import::detect(&bytes) {
        Ok(vitae_import::Kind::Pdf) => vitae_import::pdf::lines(&bytes),
        Ok(vitae_import::Kind::Docx) => vitae_import::docx::lines(&bytes),
        Ok(vitae_import::Kind::Text) => {
            Ok(vitae_import::text::lines(&String::from_utf8_lossy(&bytes)))
        }
        Ok(vitae_import::Kind::LinkedIn) => {
            eprintln!("{path}: LinkedIn's export is read by its columns, not as lines");
            std::process::exit(1);
        }
        Err(e) => Err(e),
    };
    match lines {
        Ok(lines) => {
            for l in lines {
                println!(
                    "{:>4} {:>6.1}-{:<6.1} {:>5.1}{} {:<10} {}{}",
                    l.row,
                    l.left,
                    l.right,
                    l.size,
                    if l.bold { "b" } else { " " },
                    format!("{:?}", l.hint),
                    if l.gap_before { "¶ " } else { "" },
                    l.text
                );
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
