//! Fidelity in: the files people already have — resume-cli's `resume.yaml`, JSON Resume written for
//! the older schema, name-only and free-text-dated JSON Resume — are read whole, and what the model
//! has no home for travels through every conversion.

mod common;

use std::path::PathBuf;
use vitae_core::date::{DateValue, PartialDate};
use vitae_core::format::{self, Format};
use vitae_core::{Diagnostic, Resume, Severity, load, variant};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The resume of a fixture written here and every diagnostic, failing on an error.
fn read(name: &str) -> (Resume, Vec<Diagnostic>) {
    read_text(name, &fixture(name))
}

/// The resume of `text` (named `name` in failures) and every diagnostic, failing on an error.
fn read_text(name: &str, text: &str) -> (Resume, Vec<Diagnostic>) {
    let loaded =
        load(text.as_bytes(), None, &Default::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let diagnostics: Vec<Diagnostic> = loaded.diagnostics.iter().cloned().collect();
    let errors: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    (loaded.resume, diagnostics)
}

/// `r` written as native YAML and as JSON Resume, each read back to exactly `r` (the trees compared
/// whole: every field, extension, mark, order and title); the native YAML, for further checks.
fn assert_round_trips(name: &str, r: &Resume) -> String {
    let native = format::to_native_yaml(r);
    let again = format::read(&native, Some(Format::Native)).unwrap().resume;
    assert_eq!(
        &again, r,
        "{name} → native → model lost something:\n{native}"
    );
    let json = format::to_json_resume(r);
    let back = format::read(&json, Some(Format::JsonResume))
        .unwrap()
        .resume;
    assert_eq!(
        &back, r,
        "{name} → JSON Resume → model lost something:\n{json}"
    );
    native
}

fn date(text: &str) -> Option<DateValue> {
    Some(DateValue::Date(PartialDate::parse(text).unwrap()))
}

#[test]
fn resume_clis_own_resume_yaml_is_read_whole() {
    let (r, diagnostics) = read("resume-cli/resume.yaml");
    assert_eq!(r.meta.author.as_deref(), Some("Priya Raman"));
    assert_eq!(r.basics.location.postal_code.as_deref(), Some("15213"));
    // `graduation_date` is the end of a degree.
    assert_eq!(r.education[0].end, date("2017-05"));
    assert_eq!(r.education[1].end, date("2015-04"));
    // Publications keep their venue, volume, pages and year.
    let journal = &r.publications[0];
    assert_eq!(journal.kind.as_deref(), Some("journal"));
    assert_eq!(
        journal.journal.as_deref(),
        Some("IEEE Transactions on Automation Science")
    );
    assert_eq!(journal.volume.as_deref(), Some("18"));
    assert_eq!(journal.pages.as_deref(), Some("411-423"));
    assert_eq!(journal.date, date("2021"));
    assert_eq!(journal.authors, ["P. Raman, L. Ortiz"]);
    let talk = &r.publications[1];
    assert_eq!(talk.conference.as_deref(), Some("MLSys"));
    assert_eq!(talk.location.as_deref(), Some("Stanford, CA"));
    assert_eq!(talk.date, date("2019"));
    // Certifications: the licence number and the year.
    assert_eq!(
        r.certifications[0].credential_id.as_deref(),
        Some("PE-58110")
    );
    assert_eq!(r.certifications[1].date, date("2022"));
    // Affiliations by `name` and `years`.
    assert_eq!(r.affiliations[0].organization, "ACM Member");
    assert_eq!(r.affiliations[0].start, date("2015"));
    assert_eq!(r.affiliations[0].end, Some(DateValue::Present));
    // A skill's `services` are what it covers.
    assert_eq!(r.skills[1].items[0].keywords, ["EKS", "EC2", "Lambda"]);
    // GitHub's `stars` and `language` have no home in a resume: kept, not shown.
    assert_eq!(r.projects[0].extra["stars"], 150);
    assert_eq!(r.projects[1].extra["language"], "TypeScript");
    // The only warnings are those fields, each said once per list, at its line.
    let warnings: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .collect();
    for w in &warnings {
        assert!(
            (w.path.ends_with(".stars") || w.path.ends_with(".language"))
                && w.message.contains("kept")
                && w.line > 0,
            "{w}"
        );
    }
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
}

#[test]
fn summary_key_base_names_the_base_summary() {
    let (r, _) = read("resume-cli/resume.yaml");
    let base = r.summary.base.clone();
    assert!(base.is_some());
    assert_eq!(
        variant::apply(&r, "v1.0.0-base").unwrap().summary.base,
        base
    );
    // `summary_key: base` wins over the summary the variant's own name would find (`ml_ai`).
    assert_eq!(
        variant::apply(&r, "v1.2.0-ml_ai").unwrap().summary.base,
        base
    );
    assert_eq!(
        variant::apply(&r, "v1.1.0-backend").unwrap().summary.base,
        r.summary.variants.get("backend").cloned()
    );
}

#[test]
fn resume_cli_files_round_trip_through_native_and_json_resume_whole() {
    let (r, _) = read("resume-cli/resume.yaml");
    assert_round_trips("resume-cli/resume.yaml", &r);
}

#[test]
fn json_resume_written_for_the_older_schema_keeps_its_fields() {
    let (r, diagnostics) = read("jsonresume/older-schema.json");
    assert_eq!(
        r.basics.url.as_deref(),
        Some("https://tomasherrera.example.org")
    );
    assert_eq!(r.experience[0].company, "Mediterránea Cloud");
    assert_eq!(
        r.experience[0].url.as_deref(),
        Some("https://mediterranea.example.com")
    );
    assert_eq!(
        r.projects[0].description.as_deref(),
        Some("Alert-threshold tuner for Prometheus rules")
    );
    assert!(
        diagnostics.iter().all(|d| d.severity != Severity::Warning),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_name_only_json_resume_is_valid_with_a_warning() {
    let (r, diagnostics) = read("jsonresume/name-only.json");
    assert_eq!(r.basics.name, "Wanjiru Kamau");
    let contact = diagnostics
        .iter()
        .find(|d| d.message.contains("no way to contact you"))
        .expect("a warning says there is no contact line");
    assert_eq!(contact.severity, Severity::Warning);
    assert_eq!(contact.path, "basics");
}

#[test]
fn free_text_dates_are_kept_as_written_with_a_warning() {
    let (r, diagnostics) = read("jsonresume/free-text-dates.json");
    assert_eq!(r.experience[0].end, Some(DateValue::Text("至今".into())));
    assert_eq!(
        r.experience[1].end,
        Some(DateValue::Text("Present (9 months)".into()))
    );
    let dated: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.message.contains("is not a date"))
        .collect();
    assert_eq!(dated.len(), 2, "{diagnostics:#?}");
    for d in dated {
        assert_eq!(d.severity, Severity::Warning, "{d}");
        assert!(d.path.starts_with("work[") && d.line > 0, "{d}");
    }
}

#[test]
fn fields_outside_the_json_resume_schema_survive_every_round_trip() {
    let (r, diagnostics) = read("jsonresume/free-text-dates.json");
    let original: serde_json::Value =
        serde_json::from_str(&fixture("jsonresume/free-text-dates.json")).unwrap();
    // JSON Resume → JSON Resume, and JSON Resume → native → JSON Resume.
    let direct: serde_json::Value = serde_json::from_str(&format::to_json_resume(&r)).unwrap();
    let native = format::to_native_yaml(&r);
    let via = format::read(&native, Some(Format::Native)).unwrap().resume;
    assert_eq!(via, r, "through native:\n{native}");
    let via: serde_json::Value = serde_json::from_str(&format::to_json_resume(&via)).unwrap();
    for out in [&direct, &via] {
        for pointer in [
            "/$schema",
            "/basics/x-pronouns",
            "/work/0/keywords",
            "/work/0/endDate",
            "/work/1/endDate",
            "/certificates/0/x-verify-url",
            "/meta/canonical",
            "/meta/lastModified",
            "/meta/theme",
            "/x-custom-top",
        ] {
            assert_eq!(out.pointer(pointer), original.pointer(pointer), "{pointer}");
        }
    }
    // Each field vitae cannot show is said once, where it is.
    let unshown: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.message.contains("not shown"))
        .collect();
    let mut paths: Vec<&str> = unshown.iter().map(|d| d.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "basics.x-pronouns",
            "certificates[0].x-verify-url",
            "meta.theme",
            "work[0].keywords",
            "x-custom-top"
        ]
    );
}

#[test]
fn inline_formatting_is_read_as_marks_and_written_back_as_markdown() {
    let (r, _) = read("jsonresume/html-summaries.json");
    assert_eq!(
        r.summary.base.as_deref(),
        Some("Designer at Studio Nine.\nI lead research & prototyping for fintech apps.")
    );
    assert_eq!(
        r.experience[0].bullets[0].text,
        "Cut onboarding drop-off by 18% with a two-step sign-up"
    );
    let marks = &r.inline[&r.experience[0].bullets[0].text];
    assert_eq!(marks.len(), 2, "{marks:?}");
    // The model's text is plain words; the formatting travels as Markdown through conversions.
    let native = assert_round_trips("jsonresume/html-summaries.json", &r);
    for markdown in [
        "[Studio Nine](https://studio.example.com)",
        "**research**",
        "**18%**",
        "`tokens.json`",
    ] {
        assert!(native.contains(markdown), "{markdown}:\n{native}");
    }
}

#[test]
fn rendercv_markdown_is_formatting_and_a_linked_name_is_the_entrys_link() {
    let text = "cv:\n  name: Ada\n  sections:\n    projects:\n      - name: '[FlashInfer](https://github.com/x)'\n        highlights:\n          - Made it **fast** with `SIMD`\n";
    let r = load(text.as_bytes(), None, &Default::default())
        .unwrap()
        .resume;
    let project = &r.projects[0];
    assert_eq!(project.name, "FlashInfer");
    assert_eq!(project.url.as_deref(), Some("https://github.com/x"));
    assert_eq!(project.highlights, ["Made it fast with SIMD"]);
    assert_eq!(r.inline["Made it fast with SIMD"].len(), 2);
}

/// A section of the order by what the native format calls it: a built-in one's name, a custom
/// one's title.
fn order_names(r: &Resume) -> Vec<String> {
    r.section_order
        .iter()
        .map(|s| match s.custom {
            Some(k) => r.custom_sections[k].title.clone(),
            None => s.section.name().to_owned(),
        })
        .collect()
}

#[test]
fn rendercv_section_order_and_titles_are_the_authors_and_survive_conversions() {
    let path = common::fixtures().join("rendercv/John_Doe_ClassicTheme_CV.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let r = load(text.as_bytes(), None, &Default::default())
        .unwrap()
        .resume;
    assert_eq!(
        order_names(&r),
        [
            "Welcome to RenderCV",
            "education",
            "experience",
            "projects",
            "publications",
            "awards",
            "skills",
            "Patents",
            "Invited Talks"
        ]
    );
    assert_eq!(
        r.section_titles[&vitae_core::Section::Awards],
        "Selected Honors"
    );
    assert_round_trips("John_Doe_ClassicTheme_CV.yaml", &r);
}

#[test]
fn a_native_section_order_names_sections_and_a_wrong_name_is_a_located_warning() {
    let text = "contact: {name: Ada, email: ada@example.com}\nskills: {Languages: [Rust]}\nexperience: [{company: X, start_date: 2020}]\ncustom_sections: [{title: Talks, entries: [One]}]\nsection_order: [Talks, skills, expereince]\nsection_titles: {skills: Toolbox}\n";
    let loaded = load(text.as_bytes(), None, &Default::default()).unwrap();
    assert_eq!(order_names(&loaded.resume), ["Talks", "skills"]);
    assert_eq!(
        loaded.resume.section_titles[&vitae_core::Section::Skills],
        "Toolbox"
    );
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.contains("`expereince` names no section"))
        .expect("the misspelt section is named");
    assert_eq!(
        (warning.line, warning.path.as_str()),
        (5, "section_order[2]")
    );
    assert!(warning.hint.as_deref().unwrap().contains("experience"));
}

#[test]
fn two_spellings_of_one_field_are_a_warning_and_an_extension_never_replaces_a_field() {
    let text = "contact: {name: Ada, email: ada@example.com}\neducation:\n  - institution: MIT\n    end_date: 2017-05\n    graduation_date: 2016-05\n";
    let loaded = load(text.as_bytes(), None, &Default::default()).unwrap();
    assert_eq!(loaded.resume.education[0].end, date("2017-05"));
    let warning = loaded
        .diagnostics
        .iter()
        .find(|d| d.message.contains("`graduation_date` is not read"))
        .expect("the second spelling is named");
    assert_eq!(warning.line, 5);
    // JSON Resume's `title` on a job is no field there (`position` is): kept aside, and never
    // written over the position when converted.
    let json = r#"{"basics": {"name": "Ada", "email": "ada@example.com"},
        "work": [{"name": "Acme", "position": "Engineer", "title": "Staff", "startDate": "2020"}]}"#;
    let r = load(json.as_bytes(), None, &Default::default())
        .unwrap()
        .resume;
    let native = format::to_native_yaml(&r);
    let again = format::read(&native, Some(Format::Native)).unwrap().resume;
    assert_eq!(
        again.experience[0].title.as_deref(),
        Some("Engineer"),
        "{native}"
    );
}

#[test]
fn custom_sections_named_like_built_in_ones_keep_their_place_through_conversions() {
    let text = "contact: {name: Ada, email: ada@example.com}\nprojects: [{name: P}]\ncustom_sections:\n  - {title: Projects, entries: [Side project]}\n  - {title: Talks, entries: [One]}\n  - {title: Talks, entries: [Two]}\nsection_order: [Talks, {custom: Projects}, Talks, projects]\n";
    let r = load(text.as_bytes(), None, &Default::default())
        .unwrap()
        .resume;
    let order: Vec<(vitae_core::Section, Option<usize>)> = r
        .section_order
        .iter()
        .map(|s| (s.section, s.custom))
        .collect();
    use vitae_core::Section::{Custom, Projects};
    assert_eq!(
        order,
        [
            (Custom, Some(1)),
            (Custom, Some(0)),
            (Custom, Some(2)),
            (Projects, None)
        ]
    );
    assert_round_trips("custom sections", &r);
}

#[test]
fn rendercv_titles_that_only_name_a_section_follow_the_language_and_two_titles_for_one_list_give_way()
 {
    let text = "cv:\n  name: Ada\n  sections:\n    experience:\n      - {company: A, position: X, start_date: 2020-01}\n    selected_honors:\n      - {bullet: Prize}\n    research_experience:\n      - {company: B, position: Y, start_date: 2019-01}\n";
    let r = load(text.as_bytes(), None, &Default::default())
        .unwrap()
        .resume;
    // "Experience" is vitae's own heading (translated with the document); "Research
    // Experience" cannot head both jobs, so neither author title is kept for the list.
    assert!(
        !r.section_titles
            .contains_key(&vitae_core::Section::Experience)
    );
    assert_eq!(r.experience.len(), 2);
    assert_eq!(r.section_order[0].section, vitae_core::Section::Experience);
}

/// Every source file of the fixture set: the third-party ones in `shared/fixtures` and the ones
/// written here in each format's documented shape.
fn every_fixture() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = Vec::new();
    let shared = common::fixtures();
    for dir in [shared.join("jsonresume"), shared.join("rendercv")] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.to_string_lossy().into_owned();
            // `sample_entries.yaml` is RenderCV's catalogue of entry types, not a CV.
            let cv = name.ends_with(".yaml") && !name.ends_with("sample_entries.yaml");
            if name.ends_with(".resume.json") || cv {
                files.push(path);
            }
        }
    }
    let own = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for dir in ["jsonresume", "resume-cli"] {
        for entry in std::fs::read_dir(own.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            // resume-cli's config is not a resume.
            if !path.ends_with("default.yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn every_fixture_validates_and_round_trips_through_both_writable_formats_whole() {
    let files = every_fixture();
    assert!(files.len() >= 8, "{}", files.len());
    for (name, text) in files {
        let (r, _) = read_text(&name, &text);
        assert_round_trips(&name, &r);
    }
}

#[test]
fn resume_clis_api_example_reads_its_plain_summary() {
    // api/models.py's example `resume_data`: a plain `summary`, skills by category, a job with
    // no dates.
    let text = r#"{"contact": {"name": "John Doe", "email": "john@example.com"},
        "summary": "Experienced software engineer",
        "skills": {"languages": ["Python", "JavaScript"]},
        "experience": [{"company": "Tech Corp", "title": "Engineer"}]}"#;
    let (r, diagnostics) = read_text("api example", text);
    assert_eq!(
        r.summary.base.as_deref(),
        Some("Experienced software engineer")
    );
    assert!(
        !diagnostics.iter().any(|d| d.path == "summary"),
        "{diagnostics:#?}"
    );
    assert_round_trips("api example", &r);

    // Both spellings: the first is read, the second named where it is.
    let both = r#"{"contact": {"name": "A", "email": "a@example.com"},
        "professional_summary": {"base": "Kept."}, "summary": "Not read."}"#;
    let (r, diagnostics) = read_text("both", both);
    assert_eq!(r.summary.base.as_deref(), Some("Kept."));
    let warning = diagnostics
        .iter()
        .find(|d| d.path == "summary")
        .expect("a warning");
    assert!(warning.message.contains("not read"), "{warning}");
    assert_eq!(warning.line, 2);
}
