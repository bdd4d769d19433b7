//! The job-fit commands end to end with the real binary, the example resume and the real job
//! postings of `shared/fixtures/jobs`: `ats-check`, `tailor`, `cover-letter`, `match`, `package`.

mod common;

use common::{code, example, fixtures, pdftotext, stderr, stdout, vitae};
use serde_json::Value;

fn job(name: &str) -> String {
    fixtures().join("jobs").join(name).display().to_string()
}

fn ex() -> String {
    example().display().to_string()
}

#[test]
fn ats_check_reads_the_rendered_text_layer_and_enforces_a_minimum() {
    let dir = tempfile::tempdir().unwrap();
    let backend = job("backend-eng.txt");
    let o = vitae(
        dir.path(),
        &[
            "ats-check",
            &ex(),
            "--job",
            &backend,
            "-v",
            "backend",
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(report["theme"], "classic");
    assert!(report["variant"].as_str().unwrap().ends_with("backend"));
    let format = report["categories"]["format_parsing"].clone();
    assert_eq!(format["id"], "format");
    // The text layer check found every bullet of the rendered PDF.
    let text = format.to_string();
    assert!(text.contains("text layer"), "{text}");

    // Human output explains each category; a minimum above the score exits 1.
    let o = vitae(
        dir.path(),
        &["ats-check", &ex(), "--job", &backend, "--min-score", "100"],
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let out = stdout(&o);
    for heading in [
        "ATS score:",
        "Keywords",
        "Contact",
        "Readability",
        "Job keywords",
    ] {
        assert!(out.contains(heading), "{heading} missing:\n{out}");
    }
    assert!(stderr(&o).contains("below the minimum"), "{}", stderr(&o));

    // Bad weights are a usage error with what is accepted.
    let o = vitae(
        dir.path(),
        &[
            "ats-check",
            &ex(),
            "--job",
            &backend,
            "--weights",
            "charm=10",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("charm"), "{}", stderr(&o));
}

#[test]
fn tailor_writes_a_source_with_the_new_variant_and_explains_it() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &[
            "tailor",
            &ex(),
            "--job",
            &job("backend-eng.txt"),
            "-o",
            "tailored.yaml",
            "--explain",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("wrote tailored.yaml: variant `tailored-"),
        "{err}"
    );
    assert!(
        !stdout(&o).is_empty(),
        "the explanation goes to stdout when the resume goes to a file"
    );
    let key = err
        .split('`')
        .nth(1)
        .expect("the variant key is quoted")
        .to_owned();
    // The tailored file is a valid source whose new variant renders.
    let v = vitae(dir.path(), &["validate", "tailored.yaml"]);
    assert_eq!(code(&v), 0, "{}", stdout(&v));
    let g = vitae(
        dir.path(),
        &[
            "generate",
            "tailored.yaml",
            "-v",
            &key,
            "-f",
            "md",
            "-o",
            "-",
        ],
    );
    assert_eq!(code(&g), 0, "{}", stderr(&g));
    assert!(stdout(&g).starts_with("# Maya Okafor"));
}

#[test]
fn cover_letter_renders_pdf_and_json_with_sources() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &[
            "cover-letter",
            &ex(),
            "--job",
            &job("backend-eng.txt"),
            "--company",
            "Initech",
            "-f",
            "pdf",
            "-o",
            "letter.pdf",
            "--date",
            "2026-11-26",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = pdftotext(&dir.path().join("letter.pdf"));
    for needle in [
        "Maya Okafor",
        "Initech",
        "Senior Backend Engineer",
        "November 26, 2026",
    ] {
        assert!(
            text.contains(needle),
            "{needle} missing from the letter: {text}"
        );
    }
    let o = vitae(
        dir.path(),
        &[
            "cover-letter",
            &ex(),
            "--job",
            &job("backend-eng.txt"),
            "-f",
            "json",
            "-o",
            "-",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let letter: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(letter["signature"], "Maya Okafor");
    assert!(!letter["paragraphs"].as_array().unwrap().is_empty());
}

#[test]
fn match_ranks_a_directory_of_postings() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &[
            "match",
            &ex(),
            "-v",
            "backend",
            &fixtures().join("jobs").display().to_string(),
            "--format",
            "json",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // The spinner is for terminals: none in a pipe.
    assert!(!stderr(&o).contains("ranking 2 postings"), "{}", stderr(&o));
    let ranked: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(ranked.len(), 2);
    assert!(
        ranked[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("backend-eng.txt"),
        "{ranked:?}"
    );
    assert_eq!(ranked[0]["rank"], 1);

    let o = vitae(dir.path(), &["match", &ex(), dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 2, "an empty directory is an error");
    assert!(stderr(&o).contains("no job postings"), "{}", stderr(&o));
}

#[test]
fn package_makes_the_application_folder() {
    let dir = tempfile::tempdir().unwrap();
    let o = vitae(
        dir.path(),
        &[
            "package",
            &ex(),
            "--job",
            &job("backend-eng.txt"),
            "--company",
            "Initech Corp.",
            "--date",
            "2026-11-26",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let folder = dir.path().join("initech-corp-2026-11-26");
    for file in [
        "resume.pdf",
        "resume.docx",
        "cover-letter.pdf",
        "ats-report.json",
        "resume.yaml",
        "job.json",
    ] {
        let path = folder.join(file);
        assert!(path.is_file(), "{file} missing: {}", stdout(&o));
        assert!(
            std::fs::metadata(&path).unwrap().len() > 100,
            "{file} is too small"
        );
    }
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("ats-report.json")).unwrap())
            .unwrap();
    assert!(report["score"].as_f64().unwrap() > 0.0);
    assert!(pdftotext(&folder.join("resume.pdf")).contains("Maya Okafor"));
}

/// A package is written whole or not at all: on a disk that fills up half-way (a 96 KB tmpfs,
/// mounted in a user and mount namespace of its own, so no root is needed), the command fails
/// saying the disk is full, and leaves neither a partial folder nor a stray temporary file.
/// Written again where there is room, it replaces the earlier package whole.
#[test]
fn a_full_disk_leaves_no_half_written_package() {
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let (source, posting) = (ex(), job("backend-eng.txt"));
    let package = [
        "package",
        &source,
        "--job",
        &posting,
        "--company",
        "Initech",
        "--date",
        "2026-12-06",
    ];
    let script = r#"mount -t tmpfs -o size=96k vitae-full "$1" || exit 97
shift
"$@"
code=$?
find "$VITAE_DISK" -mindepth 1 >&2
exit $code"#;
    let o = std::process::Command::new("unshare")
        .args([
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            script,
            "sh",
        ])
        .arg(&disk)
        .arg(env!("CARGO_BIN_EXE_vitae"))
        .args(package)
        .arg("--out-dir")
        .arg(&disk)
        .env("VITAE_DISK", &disk)
        .env("NO_COLOR", "1")
        .output()
        .expect("unshare (util-linux) runs");
    let err = stderr(&o);
    assert_ne!(code(&o), 97, "could not mount a tmpfs: {err}");
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("hint: the disk is full"), "{err}");
    // `find` listed what is left on the full disk: nothing.
    let left: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with(disk.to_str().unwrap()))
        .collect();
    assert!(left.is_empty(), "left on the full disk: {left:?}");

    // Where there is room, the package is written, and written again replaces it whole.
    for _ in 0..2 {
        let o = vitae(dir.path(), &package);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["disk", "initech-2026-12-06"],
        "no staging folder is left"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let pdf = dir.path().join("initech-2026-12-06").join("resume.pdf");
        let mode = std::fs::metadata(pdf).unwrap().permissions().mode() & 0o777;
        // As any file the user writes: what the process's umask leaves of rw-rw-rw- (0644
        // under the usual 022).
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
            })
            .unwrap_or(0o022);
        assert_eq!(
            mode,
            0o666 & !umask,
            "documents are readable as any file the user writes"
        );
    }
}

/// Two real postings as JSON jobs carrying a board's `id` and `url`.
fn board_jobs() -> Vec<Value> {
    ["backend-eng.txt", "frontend-eng.txt"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let text = std::fs::read_to_string(job(name)).unwrap();
            let title = text.lines().next().unwrap().trim().to_owned();
            serde_json::json!({
                "id": format!("board-{i}"),
                "url": format!("https://jobs.example.com/{i}"),
                "title": title,
                "description": text,
            })
        })
        .collect()
}

#[test]
fn match_reads_the_shapes_job_boards_export_and_keeps_each_jobs_id_and_url() {
    let dir = tempfile::tempdir().unwrap();
    let jobs = board_jobs();
    let listed = dir.path().join("listed.json");
    std::fs::write(&listed, serde_json::json!({ "jobs": jobs }).to_string()).unwrap();
    let lines = dir.path().join("lines.jsonl");
    let jsonl: Vec<String> = jobs.iter().map(Value::to_string).collect();
    std::fs::write(&lines, jsonl.join("\n") + "\n").unwrap();
    for file in [&listed, &lines] {
        let file = file.display().to_string();
        let o = vitae(dir.path(), &["match", &ex(), &file, "--format", "json"]);
        assert_eq!(code(&o), 0, "{file}: {}", stderr(&o));
        let ranked: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(ranked.len(), 2, "{file}: two jobs, not one empty one");
        let mut ids: Vec<&str> = ranked.iter().map(|r| r["id"].as_str().unwrap()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["board-0", "board-1"], "{file}");
        for r in &ranked {
            let i = &r["id"].as_str().unwrap()["board-".len()..];
            assert_eq!(r["url"], format!("https://jobs.example.com/{i}"), "{file}");
            assert!(r["file"].as_str().unwrap().ends_with(']'), "{r}");
        }
        assert!(!stderr(&o).contains("no job found"), "{}", stderr(&o));
    }
}

#[test]
fn job_parse_reads_every_job_of_a_file_and_says_when_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let listed = dir.path().join("listed.json");
    std::fs::write(
        &listed,
        serde_json::json!({ "jobs": board_jobs() }).to_string(),
    )
    .unwrap();
    let o = vitae(dir.path(), &["job", "parse", &listed.display().to_string()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let jobs: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[1]["x-vitae"]["id"], "board-1");
    // An object that holds no job is read, and said to be empty.
    let nothing = dir.path().join("nothing.json");
    std::fs::write(&nothing, r#"{"board": "acme", "count": 0}"#).unwrap();
    let o = vitae(
        dir.path(),
        &["job", "parse", &nothing.display().to_string()],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("no job found"), "{}", stderr(&o));
    // `--strict` makes it an error (exit 1), in every job-fit command.
    let nothing = nothing.display().to_string();
    let o = vitae(dir.path(), &["job", "parse", &nothing, "--strict"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("no job found"), "{}", stderr(&o));
    let resume = example().display().to_string();
    for command in [
        &["ats-check", &resume, "--job", &nothing, "--no-render"][..],
        &["tailor", &resume, "--job", &nothing],
        &["cover-letter", &resume, "--job", &nothing],
        &["match", &resume, &nothing],
    ] {
        let o = vitae(dir.path(), command);
        assert_eq!(code(&o), 0, "{command:?}: {}", stderr(&o));
        let strict: Vec<&str> = command.iter().copied().chain(["--strict"]).collect();
        let o = vitae(dir.path(), &strict);
        assert_eq!(code(&o), 1, "{strict:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("--strict"), "{}", stderr(&o));
    }
}

#[test]
fn a_json_jobs_skill_names_are_skills_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("job.json");
    std::fs::write(
        &file,
        serde_json::json!({
            "title": "Platform Engineer",
            "skills": [
                { "name": "Kubernetes" },
                { "name": "Python", "keywords": ["Django"] },
                { "name": "Web Development", "keywords": ["HTML", "CSS"] }
            ]
        })
        .to_string(),
    )
    .unwrap();
    let o = vitae(dir.path(), &["job", "parse", &file.display().to_string()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let job: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keywords: Vec<&str> = job["skills"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["keywords"].as_array().unwrap())
        .map(|k| k.as_str().unwrap())
        .collect();
    // A name alone is the skill; a name with keywords labels them (the schema's own example).
    assert_eq!(keywords, ["Kubernetes", "Django", "HTML", "CSS"], "{job}");
}

#[test]
fn a_board_listing_with_metadata_and_a_broken_json_line_are_read_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let listing = dir.path().join("greenhouse.json");
    std::fs::write(
        &listing,
        serde_json::json!({ "jobs": board_jobs(), "meta": { "total": 2 } }).to_string(),
    )
    .unwrap();
    let o = vitae(
        dir.path(),
        &["job", "parse", &listing.display().to_string()],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let jobs: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(jobs.len(), 2);
    // JSON Lines with a line that is no JSON: the error names that line.
    let lines = dir.path().join("jobs.jsonl");
    std::fs::write(
        &lines,
        "{\"title\": \"A\"}\n{\"title\": B}\n{\"title\": \"C\"}\n",
    )
    .unwrap();
    let o = vitae(dir.path(), &["job", "parse", &lines.display().to_string()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("jobs.jsonl:2:"), "{}", stderr(&o));
}
