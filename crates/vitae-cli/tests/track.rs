//! The job search through the real binary: `vitae apply`, `track …`, `analyze`, `offer …` and
//! `package --track`, each test over its own SQLite store (`--data-dir`).

mod common;

use common::{code, example, fixtures, stderr, stdout, vitae};
use std::path::Path;

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let data = dir.join("data");
    let mut all = args.to_vec();
    all.extend(["--data-dir", data.to_str().unwrap()]);
    vitae(dir, &all)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    assert_eq!(code(&o), 0, "{args:?}: {}", stderr(&o));
    stdout(&o)
}

fn json(dir: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(dir, args)).unwrap()
}

#[test]
fn apply_then_follow_an_application_through_its_life() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("resume.pdf"), b"%PDF-1.7 the resume as sent").unwrap();
    std::fs::write(d.join("letter.pdf"), b"%PDF-1.7 the letter as sent").unwrap();
    let job = fixtures().join("jobs/backend-eng.txt");
    let out = ok(
        d,
        &[
            "apply",
            "Acme",
            "--role",
            "Backend Engineer",
            "--variant",
            "backend",
            "--source",
            "LinkedIn",
            "--date",
            "2026-03-02",
            "--follow-up",
            "2026-03-09",
            "--resume-file",
            "resume.pdf",
            "--letter-file",
            "letter.pdf",
            "--contact",
            "Jane Roe <jane@acme.example>",
            "--job",
            job.to_str().unwrap(),
        ],
    );
    assert!(
        out.starts_with("#1 Acme — Backend Engineer (applied)"),
        "{out}"
    );
    // resume-cli's own form: company, status, -r -v -s.
    ok(
        d,
        &[
            "apply",
            "Google",
            "interview",
            "-r",
            "SRE",
            "-v",
            "v1.1.0-backend",
            "-s",
            "Referral",
        ],
    );

    let list = json(d, &["track", "list", "--format", "json"]);
    let apps = list.as_array().unwrap();
    assert_eq!(apps.len(), 2);
    let acme = &apps[0];
    assert_eq!(acme["follow_up_on"], "2026-03-09");
    assert_eq!(acme["contacts"][0]["email"], "jane@acme.example");
    // Listings leave the posting out; the application itself has it.
    assert!(acme.get("posting").is_none());
    let full = json(d, &["track", "show", "1", "--format", "json"]);
    assert!(
        full["posting"]["text"].as_str().unwrap().len() > 100,
        "the posting is kept"
    );
    assert_eq!(apps[1]["history"][0]["status"], "applied");
    assert_eq!(apps[1]["history"][1]["status"], "interview");

    ok(
        d,
        &[
            "track",
            "status",
            "1",
            "screening",
            "--on",
            "2026-03-05",
            "--note",
            "call with Jane",
        ],
    );
    let o = run(d, &["track", "status", "1", "accepted"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o)
            .contains("cannot become accepted (from screening it can become: interview, offer"),
        "{}",
        stderr(&o)
    );
    ok(
        d,
        &[
            "track",
            "note",
            "#1",
            "sent the take-home",
            "--on",
            "2026-03-07",
        ],
    );

    // The follow-up a week after applying is due; the interview has none.
    let o = run(d, &["track", "due", "--on", "2026-03-20"]);
    assert_eq!(
        code(&o),
        1,
        "something is due: exit 1, for a prompt or cron"
    );
    assert!(
        stdout(&o).contains("#1    2026-03-09  Acme"),
        "{}",
        stdout(&o)
    );
    assert_eq!(code(&run(d, &["track", "due", "--on", "2026-03-08"])), 0);

    // The documents come back byte for byte.
    ok(d, &["track", "show", "1", "--documents", "sent"]);
    assert_eq!(
        std::fs::read(d.join("sent/resume.pdf")).unwrap(),
        b"%PDF-1.7 the resume as sent"
    );
    assert_eq!(
        std::fs::read(d.join("sent/letter.pdf")).unwrap(),
        b"%PDF-1.7 the letter as sent"
    );
    let shown = ok(d, &["track", "show", "1"]);
    assert!(
        shown.contains("2026-03-05  screening: call with Jane"),
        "{shown}"
    );
    assert!(
        shown.contains("2026-03-07  note: sent the take-home"),
        "{shown}"
    );

    let a = json(
        d,
        &[
            "analyze",
            "--format",
            "json",
            "--on",
            "2026-03-20",
            "--svg",
            "charts",
        ],
    );
    assert_eq!(a["funnel"]["applied"], 2);
    assert_eq!(a["funnel"]["answered"], 2);
    assert_eq!(
        a["time_to_first_answer"]["count"], 1,
        "the interview logged at once has no date"
    );
    assert_eq!(apps[1]["history"][1]["undated"], true);
    for chart in ["funnel.svg", "weeks.svg", "variants.svg", "sources.svg"] {
        let svg = std::fs::read_to_string(d.join("charts").join(chart)).unwrap();
        assert!(
            svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
            "{chart}"
        );
    }
    let human = ok(d, &["analyze", "--on", "2026-03-20"]);
    assert!(human.contains("answers      100.0 %  (2/2"), "{human}");

    // Everything back, then deletion takes the documents no one else sent.
    ok(d, &["track", "export", "--all", "-o", "backup"]);
    let backup: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("backup/applications.json")).unwrap())
            .unwrap();
    assert_eq!(backup.as_array().unwrap().len(), 2);
    assert_eq!(
        backup[0]["posting"], full["posting"],
        "the backup has the postings"
    );
    assert_eq!(
        std::fs::read_dir(d.join("backup/documents"))
            .unwrap()
            .count(),
        2
    );
    assert!(d.join("backup/applications.csv").exists() && d.join("backup/offers.json").exists());
    ok(d, &["track", "delete", "1"]);
    let o = run(d, &["track", "show", "1"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no application #1"), "{}", stderr(&o));
}

#[test]
fn resume_cli_log_round_trips_through_import_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let log = "resume_version,company,role,date,status,response,notes,source,url,cover_letter,package_path\r\n\
               v1.0.0-base,AcmeCorp,Software Engineer,2026-01-23,applied,0,,manual,,0,\r\n\
               v1.1.0-backend,Google,Senior Engineer,2026-01-24,interview,0,\"Screen, then onsite\",LinkedIn,https://linkedin.com/jobs/123,1,output/google\r\n\
               v1.0.0-base,Hooli,SRE,2026-02-03,no_response,0,,Direct,,0,\r\n";
    std::fs::write(d.join("tracking.csv"), log).unwrap();
    let o = run(d, &["track", "import", "tracking.csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("imported 3 applications"));
    assert_eq!(ok(d, &["track", "export"]), log);
    let bad = "company,date\nAcme,23/01/2026\n";
    std::fs::write(d.join("bad.csv"), bad).unwrap();
    let o = run(d, &["track", "import", "bad.csv"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("bad.csv: line 2, column `date`: `23/01/2026` is not a date"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("YYYY-MM-DD"));
}

#[test]
fn offers_are_compared_with_the_arithmetic_shown() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &[
            "offer", "add", "Acme", "--base", "100000", "--growth", "8", "--equity", "40000",
        ],
    );
    ok(
        d,
        &[
            "offer", "add", "Globex", "--base", "120000", "--growth", "4",
        ],
    );
    ok(
        d,
        &[
            "offer",
            "priorities",
            "--base",
            "50",
            "--bonus",
            "0",
            "--equity",
            "0",
            "--benefits",
            "0",
            "--remote",
            "0",
            "--growth",
            "50",
            "--balance",
            "0",
        ],
    );
    let out = ok(d, &["offer", "compare"]);
    // Acme: 100,000 / 120,000 × 50 % + 8 / 10 × 50 % = 41.67 + 40 = 81.7.
    assert!(out.starts_with("1. #1 Acme — 81.7 / 100"), "{out}");
    assert!(
        out.contains("base        100000.0 / 120000.0   = 0.833 × 50.0 % = 41.67"),
        "{out}"
    );
    let c = json(d, &["offer", "compare", "--format", "json"]);
    assert_eq!(c["offers"][1]["offer"]["company"], "Globex");
    let o = run(d, &["offer", "add", "Bad", "--base", "1", "--growth", "11"]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("growth: 11 is not a mark from 0 to 10"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn package_track_records_the_exact_documents_it_made() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let job = fixtures().join("jobs/backend-eng.txt");
    let out = ok(
        d,
        &[
            "package",
            example().to_str().unwrap(),
            "--job",
            job.to_str().unwrap(),
            "--company",
            "Initech Corp.",
            "--date",
            "2026-11-26",
            "--track",
        ],
    );
    assert!(out.contains("tracked as application #1"), "{out}");
    ok(d, &["track", "show", "1", "--documents", "sent"]);
    let folder = d.join("initech-corp-2026-11-26");
    for (made, sent) in [
        ("resume.pdf", "resume.pdf"),
        ("cover-letter.pdf", "cover-letter.pdf"),
    ] {
        assert_eq!(
            std::fs::read(folder.join(made)).unwrap(),
            std::fs::read(d.join("sent").join(sent)).unwrap(),
            "{made}"
        );
    }
    let app = &json(d, &["track", "list", "--format", "json"])[0];
    assert_eq!(app["company"], "Initech Corp.");
    assert!(app["sent"]["ats_score"].as_f64().unwrap() > 0.0);
    assert_eq!(app["sent"]["source_hash"].as_str().unwrap().len(), 64);
    assert!(!app["sent"]["variant"].as_str().unwrap().is_empty());
    assert!(!app["sent"]["theme"].as_str().unwrap().is_empty());
    assert_eq!(app["sent"]["package_path"], "initech-corp-2026-11-26");
}
