//! Every option of a job-fit command exists in its API request, and every field of the request
//! in the command: the two front ends run the same use cases (vitae-app), so what one can ask for
//! the other can too. The few differences are listed with the reason for each.

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;
use utoipa::OpenApi;

/// The long options of `vitae <command> --help`, in snake_case.
fn cli_options(command: &str) -> BTreeSet<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(command.split(' '))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "vitae {command} --help");
    let help = String::from_utf8(out.stdout).unwrap();
    let mut options = BTreeSet::new();
    for line in help.lines() {
        let line = line.trim_start();
        // An option's own line starts with it (or its short form): `-j, --job <JOB>`.
        let first = line.split("  ").next().unwrap_or_default();
        for word in first.split([' ', ',']) {
            if let Some(name) = word.strip_prefix("--") {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                options.insert(name.replace('-', "_"));
            }
        }
    }
    options
}

/// The properties of a request schema, following `allOf` and `$ref` (flattened parts).
fn api_fields(spec: &Value, schema: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    collect(spec, &spec["components"]["schemas"][schema], &mut out);
    assert!(!out.is_empty(), "{schema} has fields");
    out
}

fn collect(spec: &Value, schema: &Value, out: &mut BTreeSet<String>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap();
        collect(spec, &spec["components"]["schemas"][name], out);
    }
    if let Some(properties) = schema["properties"].as_object() {
        out.extend(properties.keys().cloned());
    }
    for part in schema["allOf"].as_array().into_iter().flatten() {
        collect(spec, part, out);
    }
}

struct Case {
    command: &'static str,
    schema: &'static str,
    /// A CLI option and the request field that means the same, where the names differ.
    renamed: &'static [(&'static str, &'static str)],
    /// Options only the CLI has, each for a reason given below.
    cli_only: &'static [&'static str],
    /// Fields only the API has.
    api_only: &'static [&'static str],
}

// Why some options belong to one front end only:
// - help, version: clap's own.
// - from: the CLI reads a file whose format it may be told; a request names the format by its
//   field (resume_data, json_resume, resume).
// - env_file, config: the CLI's model configuration; the server's is its own configuration.
// - output, out_dir: where the CLI writes files; the API answers with the document.
// - format (ats-check, tailor): the terminal report's format; the API always answers JSON.
// - explain: the API always includes the explanation.
// - min_score: an exit status for scripts; the API answers with the score.
// - resume_data, json_resume, resume, resume_id: the four ways a request carries or names a
//   resume; the CLI reads the file it is given.
// - job: a posting as a JSON object, beside job_description; the CLI's --job file may hold
//   either.
// - page_number: which PNG page to answer with; the CLI writes every page.
// - theme_file: a Typst file on the user's machine; the API renders the built-in themes only
//   (a theme is code, and the server runs none that its operator did not ship).
// - job parse's job_description: the CLI takes the posting as its FILE argument.
// - package's track, data_dir, database: the CLI records the package it wrote in its own store;
//   an API client records what it sent with `POST /v1/applications` (the documents included),
//   which is where it decides whether and when it applied.
// - tailor's theme, locale, page, accent, font, font_size, margin, pages, section_titles, columns,
//   dates, links, page_numbers, last_updated, photo, icons, dpi, date and format: the API
//   can answer with the tailored resume rendered; the CLI writes the source, which
//   `vitae generate` renders with the same options.
const CLI_COMMON: &[&str] = &["help", "version", "from", "env_file", "config"];
const API_COMMON: &[&str] = &["resume_data", "json_resume", "resume", "resume_id", "job"];

const CASES: &[Case] = &[
    Case {
        command: "job parse",
        schema: "ParseJobRequest",
        renamed: &[],
        cli_only: &[],
        api_only: &["job_description"],
    },
    Case {
        command: "ats-check",
        schema: "AtsCheckRequest",
        renamed: &[("job", "job_description"), ("no_render", "render")],
        cli_only: &["format", "min_score", "theme_file"],
        api_only: &["page_number"],
    },
    Case {
        command: "tailor",
        schema: "TailorRequest",
        renamed: &[("job", "job_description")],
        cli_only: &["output", "explain", "format"],
        api_only: &[
            "theme",
            "locale",
            "page",
            "accent",
            "font",
            "font_size",
            "margin",
            "pages",
            "dpi",
            "page_number",
            "date",
            "format",
            "section_titles",
            "columns",
            "dates",
            "links",
            "page_numbers",
            "last_updated",
            "photo",
            "icons",
        ],
    },
    Case {
        command: "cover-letter",
        schema: "LetterRequest",
        renamed: &[
            ("job", "job_description"),
            ("recipient", "recipient_name"),
            ("company", "company_name"),
        ],
        cli_only: &["output", "out_dir", "theme_file"],
        api_only: &["page_number"],
    },
    Case {
        command: "package",
        schema: "PackageRequest",
        renamed: &[
            ("job", "job_description"),
            ("recipient", "recipient_name"),
            ("company", "company_name"),
        ],
        cli_only: &["out_dir", "theme_file", "track", "data_dir", "database"],
        api_only: &["page_number"],
    },
    Case {
        command: "match",
        schema: "MatchRequest",
        // One flag per keyword on the command line, a list in the request.
        renamed: &[("exclude_keyword", "exclude_keywords")],
        cli_only: &["format"],
        api_only: &["jobs"],
    },
];

#[test]
fn every_job_fit_option_of_the_cli_is_in_its_api_request_and_the_reverse() {
    let spec = serde_json::to_value(vitae_server::ApiDoc::openapi()).unwrap();
    let mut problems = Vec::new();
    for case in CASES {
        let cli = cli_options(case.command);
        let api = api_fields(&spec, case.schema);
        let to_api = |option: &str| {
            case.renamed
                .iter()
                .find(|(c, _)| *c == option)
                .map_or(option, |(_, a)| *a)
                .to_owned()
        };
        for option in &cli {
            let exempt =
                CLI_COMMON.contains(&option.as_str()) || case.cli_only.contains(&option.as_str());
            if !exempt && !api.contains(&to_api(option)) {
                problems.push(format!(
                    "`vitae {} --{}` has no field in {}",
                    case.command,
                    option.replace('_', "-"),
                    case.schema
                ));
            }
        }
        let from_cli: BTreeSet<String> = cli.iter().map(|o| to_api(o)).collect();
        for field in &api {
            let exempt =
                API_COMMON.contains(&field.as_str()) || case.api_only.contains(&field.as_str());
            if !exempt && !from_cli.contains(field) {
                problems.push(format!(
                    "{}.{field} has no option in `vitae {}`",
                    case.schema, case.command
                ));
            }
        }
        // An exemption that no longer applies is a stale list.
        for option in case.cli_only {
            assert!(
                cli.contains(*option),
                "{}: --{option} is gone",
                case.command
            );
        }
        for field in case.api_only {
            assert!(api.contains(*field), "{}: {field} is gone", case.schema);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
