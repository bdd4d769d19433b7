//! PDFs made by other producers than vitae's Typst engine, read back: the project's resumes as
//! LaTeX compiled by pdflatex (Type 1 fonts, TeX's own layout), as DOCX converted to PDF by
//! LibreOffice (a word processor's layout and fonts), as HTML printed to PDF by Chromium (a
//! browser's layout), and in a LaTeX template written here; made with the real tools (CI installs
//! TeX Live, LibreOffice Writer and Chromium). Field-level F1 per producer, as the README reports
//! it. And an encrypted PDF, made with qpdf.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use vitae_core::model::Resume;
use vitae_render::{OutputFormat, RenderOptions, Rendered, TextFormat, render, render_text};

fn load(path: &Path) -> Resume {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("cannot read {} (set VITAE_FIXTURES): {e}", path.display()));
    vitae_core::load(&bytes, None, &Default::default())
        .unwrap_or_else(|e| panic!("cannot load {}: {e}", path.display()))
        .resume
}

fn resumes() -> Vec<(&'static str, Resume)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let fixtures = std::env::var_os("VITAE_FIXTURES")
        .map_or_else(|| root.join("../../../shared/fixtures"), PathBuf::from);
    let example = load(&root.join("../../examples/resume.yaml"));
    let base = vitae_core::variant::default_name(&example);
    vec![
        (
            "example",
            vitae_core::variant::apply(&example, &base).unwrap(),
        ),
        (
            "sample",
            load(&fixtures.join("jsonresume/sample.resume.json")),
        ),
        (
            "senior-engineer",
            load(&fixtures.join("jsonresume/senior-engineer.resume.json")),
        ),
    ]
}

/// Runs a program to completion within `limit`, or fails the test.
fn run(mut command: Command, limit: Duration, what: &str) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {what} ({e}): CI installs it (see .ci/run)"));
    let deadline = Instant::now() + limit;
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("output");
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `tex` compiled by pdflatex in `dir` as `name.tex`: the PDF's bytes.
fn compile_latex(dir: &Path, name: &str, tex: &str) -> Vec<u8> {
    std::fs::write(dir.join(format!("{name}.tex")), tex).unwrap();
    let mut c = Command::new("pdflatex");
    c.args([
        "-interaction=nonstopmode",
        "-no-shell-escape",
        "-halt-on-error",
        &format!("{name}.tex"),
    ])
    .current_dir(dir);
    run(c, Duration::from_secs(120), "pdflatex");
    std::fs::read(dir.join(format!("{name}.pdf"))).unwrap()
}

fn pdflatex(dir: &Path, resume: &Resume) -> Vec<u8> {
    let tex = render_text(resume, TextFormat::Latex, &RenderOptions::default());
    compile_latex(dir, "resume", &tex)
}

fn libreoffice(dir: &Path, resume: &Resume) -> Vec<u8> {
    let Rendered::One(docx) = render(
        resume,
        OutputFormat::Docx,
        &RenderOptions::default(),
        &Default::default(),
        150.0,
    )
    .unwrap() else {
        panic!("a DOCX is one file")
    };
    std::fs::write(dir.join("resume.docx"), docx).unwrap();
    let mut c = Command::new("soffice");
    c.arg(format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
    ])
    .arg(dir)
    .arg(dir.join("resume.docx"));
    run(c, Duration::from_secs(180), "LibreOffice (soffice)");
    std::fs::read(dir.join("resume.pdf")).unwrap()
}

/// Reads back each fixture's document as `make` produces it, the resume first cut to what the
/// producer shows (`shown`), so that the score is the reader's, not the template's.
fn check(producer: &str, make: fn(&Path, &Resume) -> Vec<u8>, shown: fn(&mut Resume), bar: f64) {
    let mut lines = Vec::new();
    let mut sum = 0.0;
    let mut worst: f64 = 1.0;
    let all = resumes();
    for (name, mut resume) in all.iter().cloned() {
        shown(&mut resume);
        let resume = &resume;
        let dir = tempfile::tempdir().unwrap();
        let pdf = make(dir.path(), resume);
        let imported =
            vitae_import::import(&pdf).unwrap_or_else(|e| panic!("{producer}, {name}: {e}"));
        let (f1, line) = common::scored(&format!("{producer} {name}:"), resume, &imported.resume);
        sum += f1;
        worst = worst.min(f1);
        lines.push(line);
    }
    let mean = sum / all.len() as f64;
    println!("{}\n{producer}: mean F1 {mean:.3}", lines.join("\n"));
    assert!(
        worst >= bar,
        "{producer}: worst F1 {worst:.3}, mean {mean:.3}\n{}",
        lines.join("\n")
    );
}

#[test]
fn pdflatex_pdfs_read_back() {
    check("pdflatex", pdflatex, |_| {}, 0.85);
}

#[test]
fn libreoffice_pdfs_read_back() {
    check("LibreOffice", libreoffice, |_| {}, 0.85);
}

/// LaTeX special characters escaped for text.
fn tex(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '–' => out.push_str("--"),
            c => out.push(c),
        }
    }
    out
}

fn month_year(d: &Option<vitae_core::DateValue>) -> String {
    use vitae_core::DateValue;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match d {
        Some(DateValue::Date(p)) => match p.month {
            Some(m) => format!("{} {}", MONTHS[usize::from(m) - 1], p.year),
            None => p.year.to_string(),
        },
        Some(DateValue::Present) => "Present".into(),
        Some(DateValue::Text(t)) => tex(t),
        None => String::new(),
    }
}

/// The resume in a one-column LaTeX template of the common kind (article class, a centred
/// header, `\section*` headings over a rule, bold titles with dates pushed right by `\hfill`,
/// italic organisations, itemize bullets), written here, not by vitae.
fn template(dir: &Path, r: &Resume) -> Vec<u8> {
    let b = &r.basics;
    let contact: Vec<String> = [b.phone.clone(), b.email.clone(), b.url.clone()]
        .into_iter()
        .flatten()
        .chain(
            b.profiles
                .iter()
                .map(|p| format!("{}: {}", p.network, p.username.clone().unwrap_or_default())),
        )
        .map(|c| tex(&c))
        .collect();
    let mut t = String::from(
        "\\documentclass[letterpaper,11pt]{article}\n\\usepackage[T1]{fontenc}\n\
         \\usepackage[utf8]{inputenc}\n\\usepackage{lmodern}\n\\usepackage[margin=0.6in]{geometry}\n\
         \\pagestyle{empty}\n\\setlength{\\parindent}{0pt}\n\\begin{document}\n",
    );
    t += &format!(
        "\\begin{{center}}{{\\LARGE\\textbf{{{}}}}}\\\\[3pt]\n{}\n\\end{{center}}\n",
        tex(&b.name),
        contact.join(" $|$ ")
    );
    let section = |t: &mut String, title: &str| {
        *t += &format!("\\section*{{{title}}}\\vspace{{-8pt}}\\hrule\\vspace{{4pt}}\n");
    };
    let items = |t: &mut String, bullets: &[String]| {
        if !bullets.is_empty() {
            *t += "\\begin{itemize}\n";
            for b in bullets {
                *t += &format!("\\item {}\n", tex(b));
            }
            *t += "\\end{itemize}\n";
        }
    };
    if !r.experience.is_empty() {
        section(&mut t, "Experience");
        for e in &r.experience {
            t += &format!(
                "\\textbf{{{}}} \\hfill {} -- {}\\\\\n\\textit{{{}}} \\hfill \\textit{{{}}}\n",
                tex(e.title.as_deref().unwrap_or_default()),
                month_year(&e.start),
                month_year(&e.end),
                tex(&e.company),
                tex(e.location.as_deref().unwrap_or_default()),
            );
            let bullets: Vec<String> = e.bullets.iter().map(|b| b.text.clone()).collect();
            items(&mut t, &bullets);
            t += "\\vspace{6pt}\n\n";
        }
    }
    if !r.education.is_empty() {
        section(&mut t, "Education");
        for e in &r.education {
            let degree = match (&e.degree, &e.field) {
                (Some(d), Some(f)) => format!("{d} in {f}"),
                (Some(d), None) => d.clone(),
                (None, f) => f.clone().unwrap_or_default(),
            };
            t += &format!(
                "\\textbf{{{}}} \\hfill {} -- {}\\\\\n\\textit{{{}}}\n\n\\vspace{{6pt}}\n",
                tex(&e.institution),
                month_year(&e.start),
                month_year(&e.end),
                tex(&degree),
            );
        }
    }
    if !r.skills.is_empty() {
        section(&mut t, "Skills");
        for c in &r.skills {
            let names: Vec<String> = c.items.iter().map(|s| tex(&s.name)).collect();
            t += &format!("\\textbf{{{}:}} {}\\\\\n", tex(&c.name), names.join(", "));
        }
    }
    t += "\\end{document}\n";
    compile_latex(dir, "resume", &t)
}

#[test]
fn a_latex_templates_pdfs_read_back() {
    // The template shows the contact line, experience, education and skills.
    check(
        "LaTeX template",
        template,
        |r| {
            r.projects.clear();
            r.volunteer.clear();
            for e in &mut r.education {
                e.highlights.clear();
            }
        },
        0.85,
    );
}

#[test]
fn a_pdf_set_in_bitmap_fonts_without_text_says_so() {
    // T1-encoded Computer Modern without the Latin Modern outlines: pdflatex sets Type 3 bitmap
    // fonts that carry no Unicode, so no reader gets words out of the PDF; the import says so
    // instead of making a resume of separators.
    let dir = tempfile::tempdir().unwrap();
    let tex = "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\begin{document}\n\
               \\section*{Experience}\nEngineer at Initech $|$ 2020 -- 2022\n\\end{document}\n";
    let pdf = compile_latex(dir.path(), "bitmap", tex);
    match vitae_import::import(&pdf) {
        Err(vitae_import::ImportError::NoText) => {}
        // A TeX installation with the cm-super outlines sets real text: then it must read.
        Ok(imported) => assert!(
            imported
                .resume
                .experience
                .iter()
                .any(|e| e.company.contains("Initech")
                    || e.title.as_deref().is_some_and(|t| t.contains("Initech"))),
            "{:?}",
            imported.resume
        ),
        Err(e) => panic!("{e}"),
    }
}

fn chromium(dir: &Path, resume: &Resume) -> Vec<u8> {
    let html = render_text(resume, TextFormat::Html, &RenderOptions::default());
    std::fs::write(dir.join("resume.html"), html).unwrap();
    let mut c = Command::new("chromium");
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-pdf-header-footer",
        "--no-first-run",
    ])
    .arg(format!("--user-data-dir={}", dir.join("profile").display()))
    .arg(format!(
        "--print-to-pdf={}",
        dir.join("resume.pdf").display()
    ))
    .arg(format!("file://{}", dir.join("resume.html").display()));
    run(
        c,
        Duration::from_secs(120),
        "Chromium (chromium --headless --print-to-pdf)",
    );
    std::fs::read(dir.join("resume.pdf")).unwrap()
}

#[test]
fn browser_printed_pdfs_read_back() {
    check("Chromium", chromium, |_| {}, 0.85);
}

/// `pdf` encrypted by qpdf (AES-256) with `user` as the password to open it and another to
/// change it.
fn encrypted(dir: &Path, pdf: &[u8], user: &str) -> Vec<u8> {
    std::fs::write(dir.join("plain.pdf"), pdf).unwrap();
    let mut c = Command::new("qpdf");
    c.args([
        "--encrypt",
        user,
        "owner-secret",
        "256",
        "--",
        "plain.pdf",
        "locked.pdf",
    ])
    .current_dir(dir);
    run(c, Duration::from_secs(60), "qpdf");
    std::fs::read(dir.join("locked.pdf")).unwrap()
}

#[test]
fn an_encrypted_pdf_is_refused_unless_it_opens_without_a_password() {
    let dir = tempfile::tempdir().unwrap();
    let (_, resume) = &resumes()[0];
    let pdf =
        vitae_render::render_pdf(resume, &RenderOptions::default(), &Default::default()).unwrap();
    // A password to open it: the import says what to do.
    let locked = encrypted(dir.path(), &pdf, "open-sesame");
    let err = vitae_import::import(&locked).unwrap_err();
    assert_eq!(err, vitae_import::ImportError::Encrypted, "{err}");
    assert!(err.to_string().contains("unprotected copy"), "{err}");
    // Only restrictions (an empty password opens it, as every viewer does): it is read.
    let restricted = encrypted(dir.path(), &pdf, "");
    let imported = vitae_import::import(&restricted).unwrap();
    assert_eq!(imported.resume.basics.name, resume.basics.name);
    assert!(!imported.resume.experience.is_empty());
}
