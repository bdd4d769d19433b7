//! The RenderCV reader against RenderCV's own example CV and entry samples (from the shared
//! fixtures), and against small documents written here for the rules the examples do not reach.

mod common;

use common::fixtures;
use vitae_core::date::{DateValue, PartialDate};
use vitae_core::format::{Format, Loaded, Syntax, read, read_node};
use vitae_core::model::*;
use vitae_core::node::{Entry, Node, Pos, Value, parse_yaml};
use vitae_core::{Diagnostic, Severity};

fn fixture(name: &str) -> String {
    let path = fixtures().join("rendercv").join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {} (set VITAE_FIXTURES): {e}", path.display()))
}

fn load(text: &str) -> Loaded {
    let loaded = read(text, None).expect("the document parses");
    assert_eq!(loaded.format, Format::RenderCv);
    loaded
}

fn report(loaded: &Loaded) -> String {
    loaded
        .diagnostics
        .iter()
        .map(|d| format!("  {d}\n"))
        .collect()
}

fn of(loaded: &Loaded, severity: Severity) -> Vec<&Diagnostic> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .collect()
}

/// A one-section CV with `entries` (YAML list items, indented for the section).
fn cv_with(title: &str, entries: &str) -> String {
    format!("cv:\n  name: Ada\n  email: ada@example.com\n  sections:\n    {title}:\n{entries}")
}

fn date(text: &str) -> Option<DateValue> {
    Some(DateValue::Date(PartialDate::parse(text).unwrap()))
}

#[test]
fn john_doe_example_reads_without_diagnostics() {
    let loaded = load(&fixture("John_Doe_ClassicTheme_CV.yaml"));
    assert!(
        loaded.diagnostics.is_empty(),
        "diagnostics:\n{}",
        report(&loaded)
    );
    let r = &loaded.resume;

    assert_eq!(r.basics.name, "John Doe");
    assert_eq!(
        r.basics.label, None,
        "`headline:` without a value is absent"
    );
    assert_eq!(r.basics.location.city.as_deref(), Some("San Francisco, CA"));
    assert_eq!(r.basics.email.as_deref(), Some("john.doe@email.com"));
    assert_eq!(r.basics.url.as_deref(), Some("https://rendercv.com/"));
    assert_eq!(
        (r.basics.phone.as_deref(), r.basics.image.as_deref()),
        (None, None)
    );
    let profiles: Vec<(&str, Option<&str>)> = r
        .basics
        .profiles
        .iter()
        .map(|p| (p.network.as_str(), p.url.as_deref()))
        .collect();
    assert_eq!(
        profiles,
        [
            ("LinkedIn", Some("https://linkedin.com/in/rendercv")),
            ("GitHub", Some("https://github.com/rendercv")),
        ]
    );

    let degrees: Vec<_> = r.education.iter().map(|e| e.degree.as_deref()).collect();
    assert_eq!(degrees, [Some("PhD"), Some("BS")]);
    let phd = &r.education[0];
    assert_eq!(phd.institution, "Princeton University");
    assert_eq!(phd.field.as_deref(), Some("Computer Science"));
    assert_eq!(
        (phd.start.clone(), phd.end.clone()),
        (date("2018-09"), date("2023-05"))
    );
    // The author's lines, as written and in order: no labels of ours added or taken away.
    assert_eq!(
        phd.highlights,
        [
            "Thesis: Efficient Neural Architecture Search for Resource-Constrained Deployment",
            "Advisor: Prof. Sanjeev Arora",
            "NSF Graduate Research Fellowship, Siebel Scholar (Class of 2022)"
        ]
    );
    assert!(phd.thesis.is_none() && phd.honors.is_empty());
    let bs = &r.education[1];
    assert_eq!(bs.institution, "Boğaziçi University");
    assert_eq!(
        bs.highlights,
        [
            "GPA: 3.97/4.00, Valedictorian",
            "Fulbright Scholarship recipient for Graduate Studies"
        ]
    );
    assert!(bs.score.is_none());

    let companies: Vec<&str> = r.experience.iter().map(|e| e.company.as_str()).collect();
    assert_eq!(
        companies,
        [
            "Nexus AI",
            "NVIDIA Research",
            "Google DeepMind",
            "Apple ML Research",
            "Microsoft Research"
        ]
    );
    let nexus = &r.experience[0];
    assert_eq!(nexus.title.as_deref(), Some("Co-Founder & CTO"));
    assert_eq!(nexus.start, date("2023-06"));
    assert_eq!(nexus.end, Some(DateValue::Present));
    assert_eq!(nexus.location.as_deref(), Some("San Francisco, CA"));
    assert_eq!(nexus.bullets.len(), 4);
    assert!(nexus.bullets[1].text.starts_with("Raised $18M Series A"));

    assert_eq!(r.publications.len(), 4);
    let first = &r.publications[0];
    // `*John Doe*` (the author's own name, emphasised): the name, without the markers.
    assert_eq!(first.authors, ["John Doe", "Sarah Williams", "David Park"]);
    assert_eq!(first.doi.as_deref(), Some("10.1234/neurips.2023.1234"));
    assert_eq!(first.journal.as_deref(), Some("NeurIPS 2023"));
    assert_eq!(first.date, date("2023-07"));

    let skills: Vec<(&str, Vec<&str>)> = r
        .skills
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.items.iter().map(|s| s.name.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(skills.len(), 4);
    assert_eq!(
        skills[0],
        ("Languages", vec!["Python", "C++", "CUDA", "Rust", "Julia"])
    );
    assert_eq!(skills[3].0, "Research Areas");

    let projects: Vec<&str> = r.projects.iter().map(|p| p.name.as_str()).collect();
    // `name: '[FlashInfer](https://github.com/)'`: the name, linked.
    assert_eq!(projects, ["FlashInfer", "NeuralPrune"]);
    assert_eq!(r.projects[0].url.as_deref(), Some("https://github.com/"));
    assert_eq!(r.projects[0].end, Some(DateValue::Present));
    assert_eq!(r.projects[1].start, date("2021"));
    assert_eq!(
        r.projects[1].description.as_deref(),
        Some("Automated neural network pruning toolkit with differentiable masks")
    );

    assert_eq!(r.awards.len(), 5, "`selected_honors` are awards");
    assert_eq!(
        r.awards[0].title,
        "MIT Technology Review 35 Under 35 Innovators (2024)"
    );

    let sections: Vec<(&str, usize)> = r
        .custom_sections
        .iter()
        .map(|s| (s.title.as_str(), s.entries.len()))
        .collect();
    assert_eq!(
        sections,
        [
            ("Welcome to RenderCV", 4),
            ("Patents", 3),
            ("Invited Talks", 4)
        ]
    );
    let welcome = &r.custom_sections[0].entries;
    // Markdown is formatting: the model holds the words, the marks hold bold, italic and link,
    // and a conversion writes them back as Markdown.
    let text = "Markdown syntax is supported everywhere. This is bold, italic, and link.";
    assert_eq!(welcome[3].summary.as_deref(), Some(text));
    assert_eq!(r.inline[text].len(), 3);
    let native = vitae_core::format::to_native_json(r);
    assert!(
        native.contains("This is **bold**, *italic*, and [link](https://example.com)."),
        "{native}"
    );
    assert_eq!(
        r.custom_sections[1].entries[0].bullets,
        [
            "Adaptive Quantization for Neural Network Inference on Edge Devices (US Patent 11,234,567)"
        ]
    );
}

#[test]
fn john_doe_example_points_model_paths_back_into_the_file() {
    let loaded = load(&fixture("John_Doe_ClassicTheme_CV.yaml"));
    let cases = [
        ("basics.name", "cv.name", 3),
        (
            "experience[0].company",
            "cv.sections.experience[0].company",
            47,
        ),
        (
            "experience[0].bullets[1].text",
            "cv.sections.experience[0].highlights[1]",
            56,
        ),
        (
            "education[1].highlights[0]",
            "cv.sections.education[1].highlights[0]",
            44,
        ),
        ("skills[1].items[2]", "cv.sections.skills[1].details", 170),
        (
            "custom_sections[0].entries[1].summary",
            "cv.sections.Welcome to RenderCV[1]",
            19,
        ),
    ];
    for (model, src, line) in cases {
        let (path, pos) = loaded.source_map.resolve(model);
        assert_eq!((path.as_str(), pos.line), (src, line), "{model}");
        assert!(pos.column > 0, "{model}");
    }
}

/// What one sample entry must become in a section titled `test`.
fn expect_sample(name: &str, r: &Resume) {
    let custom = || &r.custom_sections[0].entries[0];
    match name {
        "education_entry" => {
            let e = &r.education[0];
            assert_eq!(
                (e.institution.as_str(), e.degree.as_deref()),
                ("Boğaziçi University", Some("BS"))
            );
            assert_eq!(
                e.highlights,
                [
                    "GPA: 3.24/4.00 (Transcript)",
                    "Awards: Dean's Honor List, Sportsperson of the Year"
                ]
            );
            assert_eq!(
                r.inline["GPA: 3.24/4.00 (Transcript)"][0].style,
                vitae_core::rich::Style::Link("https://example.com".into())
            );
        }
        "experience_entry" => {
            let e = &r.experience[0];
            assert_eq!(
                (e.company.as_str(), e.title.as_deref()),
                ("Some Company", Some("Software Engineer"))
            );
            assert_eq!(e.end, date("2021-08-12"));
            assert_eq!(e.bullets.len(), 2);
        }
        "publication_entry" => {
            let p = &r.publications[0];
            assert_eq!(p.authors.len(), 4);
            assert_eq!(p.doi.as_deref(), Some("10.1109/TASC.2023.3340648"));
            assert_eq!(
                p.journal.as_deref(),
                Some("IEEE Transactions on Applied Superconductivity")
            );
        }
        "normal_entry" => {
            assert_eq!(custom().title.as_deref(), Some("Some Project"));
            assert_eq!(custom().date.as_deref(), Some("2021-09"));
            assert_eq!(custom().bullets.len(), 2);
        }
        "one_line_entry" => {
            assert_eq!(custom().title.as_deref(), Some("Programming"));
            assert_eq!(
                custom().summary.as_deref(),
                Some("Python, C++, JavaScript, MATLAB")
            );
        }
        "bullet_entry" => assert_eq!(custom().bullets, ["This is a bullet entry."]),
        "numbered_entry" => assert_eq!(custom().bullets, ["This is a numbered entry."]),
        "reversed_numbered_entry" => {
            assert_eq!(custom().bullets, ["This is a reversed numbered entry."]);
        }
        "text_entry" => {
            let text = custom().summary.as_deref().unwrap();
            // RenderCV's Markdown is formatting, not text: the words, emphasis kept aside.
            assert!(text.starts_with("This is a TextEntry."), "{text}");
            assert!(custom().title.is_none() && custom().bullets.is_empty());
        }
        other => panic!("sample `{other}` has no expectation here; add one"),
    }
}

fn text_node(s: &str) -> Node {
    Node::new(Value::Str(s.to_owned()), Pos::new(1, 1))
}

fn map_node(entries: Vec<(&str, Node)>) -> Node {
    let entries = entries
        .into_iter()
        .map(|(key, value)| Entry {
            key: key.to_owned(),
            key_pos: value.pos,
            value,
        })
        .collect();
    Node::new(Value::Map(entries), Pos::new(1, 1))
}

#[test]
fn every_sample_entry_is_recognized_as_its_entry_type() {
    let samples = parse_yaml(&fixture("sample_entries.yaml")).unwrap();
    let samples = samples.as_map().expect("entry type → sample");
    assert!(samples.len() >= 9, "expected one sample per entry type");
    for sample in samples {
        let doc = map_node(vec![(
            "cv",
            map_node(vec![
                ("name", text_node("X")),
                ("email", text_node("x@example.com")),
                (
                    "sections",
                    map_node(vec![(
                        "test",
                        Node::new(Value::Seq(vec![sample.value.clone()]), sample.value.pos),
                    )]),
                ),
            ]),
        )]);
        let loaded = read_node(&doc, Syntax::Yaml, None);
        assert!(
            loaded.diagnostics.is_empty(),
            "{}:\n{}",
            sample.key,
            report(&loaded)
        );
        expect_sample(&sample.key, &loaded.resume);
    }
}

#[test]
fn unknown_entry_shapes_are_located_errors() {
    // (description, entries, message part, hint part)
    let cases = [
        (
            "no key of any entry type",
            "      - foo: 1\n        bar: 2\n",
            "matches no RenderCV entry type",
            "ExperienceEntry (company, position)",
        ),
        (
            "a typo of a characteristic key",
            "      - institutoin: MIT\n",
            "matches no RenderCV entry type",
            "did you mean `institution`",
        ),
        (
            "an empty item",
            "      -\n",
            "must not be empty",
            "remove the empty",
        ),
        (
            "a list where an entry belongs",
            "      - [a, b]\n",
            "expected an entry (text or a mapping)",
            "",
        ),
    ];
    for (description, entries, message, hint) in cases {
        let loaded = load(&cv_with("test", entries));
        let errors = of(&loaded, Severity::Error);
        assert_eq!(errors.len(), 1, "{description}:\n{}", report(&loaded));
        let e = errors[0];
        assert!(e.message.contains(message), "{description}: {e}");
        assert!(
            e.hint.as_deref().unwrap_or("").contains(hint),
            "{description}: {e}"
        );
        assert_eq!(e.path, "cv.sections.test[0]", "{description}");
        assert!(e.line == 6 && e.column > 0, "{description}: {e}");
    }
}

#[test]
fn a_section_mixing_entry_types_is_an_error_but_loses_nothing() {
    let loaded = load(&cv_with(
        "experience",
        "      - company: A\n        position: B\n      - name: Side project\n",
    ));
    let errors = of(&loaded, Severity::Error);
    assert_eq!(errors.len(), 1, "{}", report(&loaded));
    assert!(errors[0].message.contains("NormalEntry"), "{}", errors[0]);
    assert_eq!(errors[0].line, 8);
    let r = &loaded.resume;
    assert_eq!(r.experience[0].company, "A");
    assert_eq!(r.custom_sections[0].title, "Experience");
    assert_eq!(
        r.custom_sections[0].entries[0].title.as_deref(),
        Some("Side project")
    );
}

#[test]
fn missing_cv_or_name_is_an_error() {
    let cases = [
        ("design:\n  theme: classic\n", "missing `cv`"),
        (
            "cv:\n  email: a@example.com\n",
            "missing required field `name`",
        ),
        ("cv: Ada\n", "expected a mapping"),
    ];
    for (text, message) in cases {
        let loaded = read(text, Some(Format::RenderCv)).unwrap();
        let errors = of(&loaded, Severity::Error);
        assert_eq!(errors.len(), 1, "{text}:\n{}", report(&loaded));
        assert!(errors[0].message.contains(message), "{text}: {}", errors[0]);
        assert!(errors[0].line > 0, "{text}: {}", errors[0]);
    }
}

#[test]
fn rendering_settings_are_ignored_and_other_unknown_keys_warned_about() {
    let text = "cv:\n  name: Ada\n  emal: ada@example.com\ndesign:\n  theme: classic\n  show_timespan_in: [Experience]\nlocale:\n  language: german\nsettings:\n  current_date: today\nextra: 1\n";
    let loaded = load(text);
    let mut warnings: Vec<(&str, Option<&str>)> = of(&loaded, Severity::Warning)
        .iter()
        .map(|d| (d.path.as_str(), d.hint.as_deref()))
        .collect();
    warnings.sort();
    assert_eq!(
        warnings,
        [
            ("cv.emal", Some("did you mean `email`?")),
            (
                "extra",
                Some(
                    "fields vitae shows here: cv, design, locale, settings, rendercv_settings, locale_catalog"
                )
            ),
        ],
        "{}",
        report(&loaded)
    );
}

#[test]
fn social_networks_get_the_links_rendercv_builds() {
    let text = "cv:
  name: Ada
  social_networks:
    - {network: Mastodon, username: '@ada@mastodon.social'}
    - {network: Google Scholar, username: abc123}
    - {network: StackOverflow, username: 12345/ada}
    - {network: ORCID, username: 0000-0002-1825-0097}
    - {network: Twitter, username: ada}
    - {network: YouTube, username: adachan}
    - {network: WhatsApp, username: '+1 234 567 8900'}
    - {network: Myspace, username: ada}
    - {network: Mastodon, username: ada}
    - {network: Codeberg, username: ada, url: 'https://codeberg.org/ada'}
  custom_connections:
    - {placeholder: Book a call, url: 'https://cal.com/ada', fontawesome_icon: calendar-days}
  email: [ada@example.com, ada@work.example]
";
    let loaded = load(text);
    let urls: Vec<(&str, Option<&str>)> = loaded
        .resume
        .basics
        .profiles
        .iter()
        .map(|p| (p.network.as_str(), p.url.as_deref()))
        .collect();
    assert_eq!(
        urls,
        [
            ("Mastodon", Some("https://mastodon.social/@ada")),
            (
                "Google Scholar",
                Some("https://scholar.google.com/citations?user=abc123")
            ),
            (
                "StackOverflow",
                Some("https://stackoverflow.com/users/12345/ada")
            ),
            ("ORCID", Some("https://orcid.org/0000-0002-1825-0097")),
            ("Twitter", Some("https://x.com/ada")),
            ("YouTube", Some("https://youtube.com/@adachan")),
            ("WhatsApp", Some("https://wa.me/12345678900")),
            ("Myspace", None),
            ("Mastodon", None),
            ("Codeberg", Some("https://codeberg.org/ada")),
            ("Book a call", Some("https://cal.com/ada")),
            ("Email", Some("mailto:ada@work.example")),
        ]
    );
    assert_eq!(
        loaded.resume.basics.email.as_deref(),
        Some("ada@example.com")
    );
    let warned: Vec<&str> = of(&loaded, Severity::Warning)
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        warned,
        [
            "cv.social_networks[7].network",
            "cv.social_networks[8].username"
        ],
        "{}",
        report(&loaded)
    );
    assert!(!loaded.diagnostics.has_errors(), "{}", report(&loaded));
}

#[test]
fn dates_follow_rendercv_rules() {
    let entries = "      - {company: A, position: P, date: Fall 2023}
      - {company: B, position: P, end_date: 2020}
      - {company: C, position: P, start_date: 2021-03}
      - {company: D, position: P, start_date: 2019, end_date: 2020-06}
      - {company: E, position: P, date: 2022, start_date: 2021}
";
    let loaded = load(&cv_with("experience", entries));
    let dates: Vec<(Option<DateValue>, Option<DateValue>)> = loaded
        .resume
        .experience
        .iter()
        .map(|e| (e.start.clone(), e.end.clone()))
        .collect();
    assert_eq!(
        dates,
        [
            (Some(DateValue::Text("Fall 2023".into())), None),
            (date("2020"), None),
            (date("2021-03"), Some(DateValue::Present)),
            (date("2019"), date("2020-06")),
            (date("2022"), None),
        ]
    );
    let warnings = of(&loaded, Severity::Warning);
    assert_eq!(warnings.len(), 1, "{}", report(&loaded));
    assert_eq!(warnings[0].path, "cv.sections.experience[4].start_date");
    assert!(
        warnings[0]
            .message
            .contains("ignored because `date` is given")
    );
}

#[test]
fn titled_sections_go_to_their_lists_only_when_every_field_has_a_place() {
    // (description, title, entries, check)
    type Check = fn(&Resume);
    let cases: [(&str, &str, &str, Check); 9] = [
        (
            "summary paragraphs are joined by a blank line",
            "summary",
            "      - First paragraph.\n      - Second with **bold**.\n",
            |r| {
                assert_eq!(
                    r.summary.base.as_deref(),
                    Some("First paragraph.\n\nSecond with bold.")
                );
                assert!(
                    r.inline
                        .contains_key("First paragraph.\n\nSecond with bold.")
                );
            },
        ),
        (
            "a project with a location stays a custom section",
            "projects",
            "      - {name: P, location: Berlin}\n",
            |r| {
                assert!(r.projects.is_empty());
                assert_eq!(
                    r.custom_sections[0].entries[0].location.as_deref(),
                    Some("Berlin")
                );
            },
        ),
        (
            "project tags become emphasize_for",
            "Projects",
            "      - {name: P, summary: S, tags: [backend]}\n",
            |r| {
                assert_eq!(r.projects[0].description.as_deref(), Some("S"));
                assert_eq!(r.projects[0].emphasize_for, ["backend"]);
            },
        ),
        (
            "skills split at commas outside brackets",
            "technical_skills",
            "      - {label: Languages, details: 'Rust, C++ (17, 20), and Go'}\n",
            |r| {
                let items: Vec<&str> = r.skills[0].items.iter().map(|s| s.name.as_str()).collect();
                assert_eq!(items, ["Rust", "C++ (17, 20)", "Go"]);
            },
        ),
        (
            "languages from one-line entries",
            "Languages",
            "      - {label: English, details: native}\n",
            |r| {
                assert_eq!(r.languages[0].language, "English");
                assert_eq!(r.languages[0].fluency.as_deref(), Some("native"));
            },
        ),
        (
            "certifications from normal entries with a date",
            "certifications",
            "      - {name: CKA, date: 2023-04}\n",
            |r| {
                assert_eq!(r.certifications[0].name, "CKA");
                assert_eq!(r.certifications[0].date, date("2023-04"));
            },
        ),
        (
            "interests from bullets",
            "hobbies",
            "      - bullet: Chess\n",
            |r| assert_eq!(r.interests[0].name, "Chess"),
        ),
        (
            "volunteer experience",
            "volunteer_experience",
            "      - {company: Red Cross, position: Driver, start_date: 2019, end_date: 2020}\n",
            |r| {
                assert!(r.experience.is_empty());
                assert_eq!(r.volunteer[0].organization, "Red Cross");
                assert_eq!(r.volunteer[0].position.as_deref(), Some("Driver"));
            },
        ),
        (
            "experience entries under any other title are experience",
            "Research Positions",
            "      - {company: Lab, position: RA}\n",
            |r| assert_eq!(r.experience[0].company, "Lab"),
        ),
    ];
    for (description, title, entries, check) in cases {
        let loaded = load(&cv_with(title, entries));
        assert!(
            loaded.diagnostics.is_empty(),
            "{description}:\n{}",
            report(&loaded)
        );
        check(&loaded.resume);
    }
}

#[test]
fn education_lines_are_kept_as_written_in_order() {
    let entries = "      - institution: MIT
        area: Physics
        summary: 'Thesis: On Spin'
        highlights:
          - '**GPA:** 3.9'
          - 'Relevant Coursework: Quantum Mechanics, Optics, and Lasers'
";
    let loaded = load(&cv_with("education", entries));
    assert!(loaded.diagnostics.is_empty(), "{}", report(&loaded));
    let e = &loaded.resume.education[0];
    assert_eq!(
        e.highlights,
        [
            "Thesis: On Spin",
            "GPA: 3.9",
            "Relevant Coursework: Quantum Mechanics, Optics, and Lasers"
        ]
    );
    assert!(e.thesis.is_none() && e.score.is_none() && e.courses.is_empty());
}
