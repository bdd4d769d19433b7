//! LinkedIn's data export, written in the export's documented CSV shapes (quoted multi-line
//! descriptions, a note-free header, "Primary" e-mail, month-year and US dates), read whole from
//! the extracted folder's files and from the ZIP as downloaded.

mod common;

use common::ym;
use std::io::Write;
use std::path::PathBuf;
use vitae_core::DateValue;
use vitae_import::{Kind, linkedin};

fn folder() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linkedin");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = linkedin::known(&p.display().to_string())?;
            Some((name.to_owned(), std::fs::read(&p).unwrap()))
        })
        .collect();
    files.sort();
    files
}

fn zipped(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    for (name, bytes) in files {
        // As downloaded: in a folder, named as LinkedIn names them.
        let file = match name.as_str() {
            "email addresses" => "Email Addresses.csv".to_owned(),
            "phonenumbers" => "PhoneNumbers.csv".to_owned(),
            n => format!("{}{}.csv", n[..1].to_uppercase(), &n[1..]),
        };
        zip.start_file(
            format!("Basic_LinkedInDataExport_12-01-2026/{file}"),
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn check(imported: &vitae_import::Imported) {
    let r = &imported.resume;
    assert_eq!(imported.kind, Kind::LinkedIn);
    assert_eq!(r.basics.name, "Amara Nwosu-Bakker");
    assert_eq!(
        r.basics.label.as_deref(),
        Some("Senior Data Engineer at Fjord Logistics")
    );
    // The primary address, not the first.
    assert_eq!(r.basics.email.as_deref(), Some("amara.nb@example.org"));
    assert_eq!(r.basics.phone.as_deref(), Some("+31 6 1234 5678"));
    assert_eq!(r.basics.url.as_deref(), Some("https://amara.example.org"));
    assert_eq!(r.basics.location.city.as_deref(), Some("Rotterdam"));
    assert_eq!(r.basics.location.country.as_deref(), Some("Netherlands"));
    assert_eq!(r.basics.profiles[0].username.as_deref(), Some("amaranb"));
    assert!(
        r.summary
            .base
            .as_deref()
            .unwrap()
            .contains("end-to-end.\nEight years")
    );
    // Positions: a multi-line description's list items are bullets; nothing splits at a hyphen
    // ("Kafka-to-Iceberg", "well-tested"); no end date is a current position.
    assert_eq!(r.experience.len(), 3);
    let fjord = &r.experience[0];
    assert_eq!(
        (fjord.company.as_str(), fjord.title.as_deref()),
        ("Fjord Logistics", Some("Senior Data Engineer"))
    );
    assert_eq!(
        fjord.description.as_deref(),
        Some("Owns the shipment-event platform.")
    );
    let bullets: Vec<&str> = fjord.bullets.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        bullets,
        [
            "Built a Kafka-to-Iceberg pipeline carrying 2 billion events a day",
            "Cut the nightly batch from 5 hours to 40 minutes with incremental, well-tested models",
            "Mentored three engineers; one is now the team's tech lead",
        ]
    );
    assert_eq!(
        (fjord.start.clone(), fjord.end.clone()),
        (ym(2021, 3), Some(DateValue::Present))
    );
    assert_eq!(r.experience[1].end, ym(2021, 2));
    assert_eq!(
        r.experience[1].description.as_deref(),
        Some("Migrated the risk data-mart to a cloud warehouse, on time and under budget.")
    );
    assert_eq!(
        r.experience[2].bullets[0].text,
        "Maintains a pandas-compatible reader for GTFS-realtime feeds"
    );
    // Education, skills and the rest.
    assert_eq!(r.education.len(), 2);
    assert_eq!(
        r.education[1].institution,
        "University of Illinois Urbana-Champaign"
    );
    assert_eq!(
        r.education[0].degree.as_deref(),
        Some("Master of Science - MS")
    );
    assert!(
        r.education[0]
            .highlights
            .iter()
            .any(|h| h.contains("event-time windows"))
    );
    let skills: Vec<&str> = r.skills[0].items.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        skills,
        ["Apache Kafka", "Python", "SQL", "dbt", "Apache Iceberg"]
    );
    assert_eq!(
        r.projects[0].url.as_deref(),
        Some("https://github.com/amaranb/gtfs-rt-reader")
    );
    assert_eq!(
        r.certifications[0].credential_id.as_deref(),
        Some("CCDAK-12345")
    );
    assert_eq!(r.certifications[0].expires, ym(2024, 11));
    assert_eq!(r.languages.len(), 3);
    assert_eq!(r.publications[0].date, ym(2019, 9));
    assert_eq!(r.awards[0].title, "Hackathon winner");
    assert_eq!(r.volunteer[0].organization, "Code Club Rotterdam");
    // Every value says which file and row it came from.
    let email = imported
        .found
        .iter()
        .find(|f| f.path == "basics.email")
        .unwrap();
    assert_eq!(email.origin.to_string(), "Email Addresses.csv, row 2");
    // The source written from it validates.
    common::assert_valid(r, "the LinkedIn export");
}

#[test]
fn the_extracted_folder_is_read_whole() {
    check(&vitae_import::export(&folder()).unwrap());
}

#[test]
fn the_zip_as_downloaded_is_read_whole() {
    let zip = zipped(&folder());
    assert_eq!(vitae_import::detect(&zip), Ok(Kind::LinkedIn));
    check(&vitae_import::import(&zip).unwrap());
}

#[test]
fn a_zip_bomb_or_another_archive_is_refused() {
    // A Positions.csv that unpacks to 64 MiB of zeros.
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("Positions.csv", zip::write::SimpleFileOptions::default())
        .unwrap();
    let chunk = vec![b'0'; 1024 * 1024];
    for _ in 0..64 {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap();
    let bomb = out.into_inner();
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let err = vitae_import::import(&bomb).unwrap_err();
    assert!(err.to_string().contains("no LinkedIn export"), "{err}");
    // A ZIP of something else.
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("notes.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    zip.finish().unwrap();
    let err = vitae_import::import(&out.into_inner()).unwrap_err();
    assert!(
        matches!(err, vitae_import::ImportError::Unknown(_)),
        "{err}"
    );
    // Folder files without a profile or positions: not an export.
    let err = vitae_import::export(&[("skills".into(), b"Name\nRust\n".to_vec())]).unwrap_err();
    assert!(err.to_string().contains("Profile.csv"), "{err}");
}
