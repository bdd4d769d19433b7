//! Merging an import into the user's resume: new entries, bullets, skills and empty fields are
//! added; the user's values are never changed; differences are reported.

use vitae_core::model::Resume;
use vitae_import::merge::merge;

fn example() -> Resume {
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/resume.yaml");
    let r = vitae_core::load(&std::fs::read(path).unwrap(), None, &Default::default())
        .unwrap()
        .resume;
    let base = vitae_core::variant::default_name(&r);
    vitae_core::variant::apply(&r, &base).unwrap()
}

#[test]
fn merging_a_resume_into_itself_changes_nothing() {
    let r = example();
    let (merged, report) = merge(&r, &r);
    assert_eq!(merged, r);
    assert!(
        report.added.is_empty() && report.conflicts.is_empty(),
        "{report:?}"
    );
}

#[test]
fn what_is_new_is_added_and_what_differs_is_reported_not_changed() {
    let full = example();
    // The user's resume lacks a job, a bullet, a skill and the e-mail, and has another phone.
    let mut mine = full.clone();
    mine.experience.remove(1);
    mine.experience[0].bullets.pop();
    mine.skills[0].items.retain(|s| s.name != "Rust");
    mine.basics.email = None;
    mine.basics.phone = Some("+1 512 555 9999".into());
    mine.experience[0].location = Some("Austin, Texas".into());
    let (merged, report) = merge(&mine, &full);
    // Added back.
    assert_eq!(merged.experience.len(), full.experience.len());
    assert_eq!(merged.basics.email, full.basics.email);
    assert!(merged.skills[0].items.iter().any(|s| s.name == "Rust"));
    assert_eq!(
        merged.experience[0].bullets.len(),
        full.experience[0].bullets.len()
    );
    // The user's kept, the differences listed.
    assert_eq!(merged.basics.phone.as_deref(), Some("+1 512 555 9999"));
    assert_eq!(
        merged.experience[0].location.as_deref(),
        Some("Austin, Texas")
    );
    let paths: Vec<&str> = report.conflicts.iter().map(|c| c.path.as_str()).collect();
    assert!(paths.contains(&"basics.phone"), "{paths:?}");
    assert!(paths.contains(&"experience[0].location"), "{paths:?}");
    assert!(
        report.added.iter().any(|a| a.starts_with("basics.email")),
        "{:?}",
        report.added
    );
    // Everything the user had is still there, in order.
    for (i, job) in mine.experience.iter().enumerate() {
        assert_eq!(merged.experience[i].company, job.company);
    }
}
