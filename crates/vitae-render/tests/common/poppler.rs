//! Running poppler's tools (pdftotext, pdfinfo, pdffonts) on a PDF in memory.
#![allow(dead_code)] // each test binary uses a different part

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs a poppler tool with the PDF on standard input and returns its standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{tool}` ({e}): install poppler-utils \
                 (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)"
            )
        });
    let mut stdin = child.stdin.take().expect("stdin is piped");
    // Write from another thread: a tool may start writing before it has read all its input.
    let input = pdf.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("wait for poppler tool");
    writer
        .join()
        .expect("writer thread")
        .expect("write the PDF to the tool");
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler writes UTF-8")
}

/// The text layer in reading order (pdftotext's default mode, no `-layout`).
pub fn pdftotext(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-enc", "UTF-8", "-", "-"], pdf)
}

/// A page as `pdftotext -bbox` sees it: its width and where each word sits horizontally.
pub struct PageBoxes {
    pub width: f64,
    pub words: Vec<WordBox>,
}

pub struct WordBox {
    pub text: String,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
}

pub fn word_boxes(pdf: &[u8]) -> Vec<PageBoxes> {
    let html = poppler("pdftotext", &["-bbox", "-enc", "UTF-8", "-", "-"], pdf);
    let attr = |tag: &str, name: &str| -> f64 {
        let start = tag
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {tag}"))
            + name.len()
            + 2;
        let end = start + tag[start..].find('"').expect("closing quote");
        tag[start..end].parse().expect("a number")
    };
    html.split("<page ")
        .skip(1)
        .map(|page| PageBoxes {
            width: attr(page, "width"),
            words: page
                .split("<word ")
                .skip(1)
                .map(|w| WordBox {
                    text: w
                        .split('>')
                        .nth(1)
                        .and_then(|t| t.split('<').next())
                        .unwrap_or("")
                        .to_owned(),
                    x_min: attr(w, "xMin"),
                    x_max: attr(w, "xMax"),
                    y_min: attr(w, "yMin"),
                })
                .collect(),
        })
        .collect()
}
