//! Job descriptions: the real postings in `../shared/fixtures/jobs/` and the JSON Resume job
//! sample, postings as job boards shape them (copied text and HTML pages), hostile HTML, JSON
//! Resume job documents with mistakes, and properties that hold for any input.
//!
//! Table tests go through one `check` helper: the job is written as JSON Resume and flattened to
//! `path = value` lines (`location.city`, `x-vitae.salary.max`, `qualifications[0]`), plus
//! `skills` (every skill keyword, comma-separated) and `*.len` counts; an expectation of `""`
//! means the field must be absent.

mod common;

use common::fixtures;
use proptest::prelude::*;
use std::collections::BTreeMap;
use vitae_core::Severity;
use vitae_fit::job::{self, JobError, JobFormat, Options};
use vitae_fit::keywords::Vocabulary;

fn fixture(path: &str) -> String {
    let path = fixtures().join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&fixture("jsonresume/job-schema.json")).unwrap();
    jsonschema::validator_for(&schema).expect("the job schema compiles")
}

fn assert_valid(name: &str, value: &serde_json::Value) {
    let errors: Vec<String> = schema()
        .iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{value:#}");
}

/// The job as `path = value` lines of its JSON Resume form, plus `skills` and list lengths.
fn summary(job: &job::Job) -> BTreeMap<String, String> {
    fn walk(prefix: &str, v: &serde_json::Value, out: &mut BTreeMap<String, String>) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, v) in o {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(&p, v, out);
                }
            }
            serde_json::Value::Array(items) => {
                out.insert(format!("{prefix}.len"), items.len().to_string());
                for (i, v) in items.iter().enumerate() {
                    walk(&format!("{prefix}[{i}]"), v, out);
                }
            }
            serde_json::Value::String(s) => {
                out.insert(prefix.to_owned(), s.clone());
            }
            other => {
                out.insert(prefix.to_owned(), other.to_string());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk("", &job::to_json_resume_job(job), &mut out);
    out.insert("skills".to_owned(), job.skill_names().join(", "));
    out
}

/// Expectations: `(path, value)` pairs.
type Expect<'a> = &'a [(&'a str, &'a str)];

/// A table row: description, input, expectations.
type Case<'a> = (&'a str, &'a str, Expect<'a>);

/// Reads `input` (any format) and checks each `(path, expected)`; `""` means absent. For
/// `skills` the expectation lists skills that must all be present; a `!` before a name means it
/// must be absent.
fn check(description: &str, input: &str, expected: &[(&str, &str)]) {
    let job = job::parse(input).unwrap_or_else(|e| panic!("{description}: {e}"));
    let got = summary(&job);
    assert_valid(description, &job::to_json_resume_job(&job));
    for (path, want) in expected {
        if *path == "skills" {
            let skills = job.skill_names();
            for name in want.split(", ").filter(|n| !n.is_empty()) {
                match name.strip_prefix('!') {
                    Some(absent) => assert!(
                        !skills.contains(&absent),
                        "{description}: {absent} must not be a skill: {skills:?}"
                    ),
                    None => assert!(
                        skills.contains(&name),
                        "{description}: {name} missing from {skills:?}"
                    ),
                }
            }
            continue;
        }
        let value = got.get(*path).map_or("", String::as_str);
        assert_eq!(value, *want, "{description}: `{path}`\n{got:#?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Real postings
// ---------------------------------------------------------------------------------------------

#[test]
fn the_real_backend_posting_yields_its_title_lists_and_skills() {
    check(
        "backend-eng.txt",
        &fixture("jobs/backend-eng.txt"),
        &[
            ("title", "Senior Backend Engineer"),
            ("experience", "Senior"),
            ("company", ""),
            ("remote", ""),
            ("salary", ""),
            ("x-vitae.minYears", "4"),
            ("qualifications.len", "5"),
            (
                "qualifications[0]",
                "4+ years of professional Python experience",
            ),
            (
                "qualifications[4]",
                "familiarity with CI/CD pipelines (GitHub Actions or CircleCI) and observability tooling (Datadog, OpenTelemetry)",
            ),
            ("responsibilities.len", "3"),
            (
                "responsibilities[2]",
                "You take ownership of reliability — on-call rotations, runbooks, and postmortems are part of the role",
            ),
            (
                "skills",
                "Python, FastAPI, Django REST Framework, AWS, Amazon ECS, Amazon RDS, Amazon ElastiCache, \
                 Apache Kafka, PostgreSQL, asyncio, Docker, Kubernetes, SQL, Redis, CI/CD, GitHub Actions, \
                 CircleCI, Datadog, OpenTelemetry, Microservices, !Go, !Java, !R, !C",
            ),
        ],
    );
}

#[test]
fn the_real_frontend_posting_yields_its_title_lists_and_skills() {
    check(
        "frontend-eng.txt",
        &fixture("jobs/frontend-eng.txt"),
        &[
            ("title", "Senior Frontend Engineer"),
            ("experience", "Senior"),
            ("x-vitae.minYears", "4"),
            ("qualifications.len", "6"),
            ("qualifications[1]", "expert-level TypeScript"),
            ("responsibilities.len", "2"),
            (
                "responsibilities[1]",
                "You will own Core Web Vitals (LCP, CLS, INP), collaborate on our design-system token library, and drive frontend performance budgets across our three product surfaces",
            ),
            (
                "skills",
                "React, Next.js, TypeScript, GraphQL, Tailwind CSS, CSS-in-JS, WCAG, Storybook, Vitest, \
                 Jest, Playwright, End-to-end testing, Core Web Vitals, !JavaScript, !Java, !CSS",
            ),
        ],
    );
}

#[test]
fn the_real_postings_snapshot_as_json_resume_jobs() {
    for name in ["backend-eng", "frontend-eng"] {
        let job = job::parse(&fixture(&format!("jobs/{name}.txt"))).unwrap();
        let value = job::to_json_resume_job(&job);
        assert_valid(name, &value);
        insta::assert_json_snapshot!(name, value);
    }
}

#[test]
fn the_json_resume_sample_job_reads_validates_and_round_trips() {
    let text = fixture("jsonresume/sample.job.json");
    let read = job::read(&text, &Options::default()).unwrap();
    assert_eq!(read.format, JobFormat::JsonResume);
    assert!(read.diagnostics.is_empty(), "{:?}", read.diagnostics);
    let job = read.job;
    assert_eq!(job.title.as_deref(), Some("Web Developer"));
    assert_eq!(job.company.as_deref(), Some("Microsoft"));
    assert_eq!(job.employment_type, Some(job::EmploymentType::FullTime));
    assert_eq!(job.remote, Some(job::Remote::Hybrid));
    assert_eq!(job.seniority, Some(job::Seniority::Mid));
    assert_eq!(job.location.country_code.as_deref(), Some("DE"));
    assert_eq!(job.salary.as_ref().and_then(|s| s.min), Some(100_000.0));
    assert_eq!(job.skills.len(), 2);
    assert_eq!(job.skills[1].keywords, ["SQL", "NoSQL", "MongoDB"]);
    let written = job::to_json_resume_job(&job);
    assert_valid("sample.job.json", &written);
    // Every field of the sample survives, as written.
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    for (key, value) in original.as_object().unwrap() {
        if key != "$schema" {
            assert_eq!(written.get(key), Some(value), "{key}");
        }
    }
    let again = job::parse(&written.to_string()).unwrap();
    assert_eq!(again, job);
    insta::assert_json_snapshot!("sample-job", written);
}

#[test]
fn parsed_postings_round_trip_through_json_resume() {
    for name in ["jobs/backend-eng.txt", "jobs/frontend-eng.txt"] {
        let job = job::parse(&fixture(name)).unwrap();
        let again = job::parse(&job::to_json_resume_job(&job).to_string()).unwrap();
        assert_eq!(again, job, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Postings as boards shape them (our own test data, written after the boards' layouts)
// ---------------------------------------------------------------------------------------------

const LINKEDIN_TEXT: &str = "\
Senior Software Engineer, Payments
Northwind Labs · San Francisco, CA (Hybrid) · 2 weeks ago · Over 200 applicants
$150K/yr - $180K/yr · Hybrid · Full-time · Mid-Senior level
Skills: Go, PostgreSQL, +8 more

About the job
Northwind Labs builds payment infrastructure for online marketplaces. Our ledger handles
millions of transactions a day.

Responsibilities
• Design, build and operate Go services that move money safely
• Mentor engineers and lead design reviews

Qualifications
• 5+ years building distributed systems
• Experience with PostgreSQL and Kafka in production

Nice to have
• Experience with k8s and Terraform

Benefits
• Equity, 401(k) match and a $2,000 learning budget
";

const INDEED_TEXT: &str = "\
Backend Developer
Contoso Health
Austin, TX 78701
$120,000 - $145,000 a year - Full-time

Job details
Pay
$120,000 - $145,000 a year
Job type
Full-time

Full job description
Contoso Health is hiring a Backend Developer to modernise our claims platform.

What you will do:
- Build REST APIs in Java and Spring Boot
- Write unit tests and take part in code reviews

Requirements:
- 3+ years of Java experience
- Working knowledge of SQL Server or PostgreSQL
- Bachelor's degree in Computer Science or equivalent

Benefits:
- 401(k) matching
- Health insurance
";

const GREENHOUSE_TEXT: &str = "\
Staff Data Engineer
at Fabrikam (View all jobs)
Remote - US

About the role
Fabrikam's data platform team owns the pipelines behind every product decision.

What You'll Do
- Own our Airflow and dbt pipelines end to end
- Partner with analysts on data modeling in BigQuery

What We're Looking For
- 8+ years in data engineering
- Strong Python and SQL; experience with Apache Spark

Bonus Points
- Experience with Kafka Streams

The base salary range for this role is $185,000 – $215,000 USD.

Fabrikam is an equal opportunity employer.
";

const LEVER_TEXT: &str = "\
Product Designer
Berlin, Germany
Design – Product /
Full-time /
Hybrid

We're looking for a Product Designer who loves turning research into interfaces.

What you'll do
- Run user research and usability testing
- Prototype in Figma with our design system

What you bring
- 3+ years of product design experience
- A portfolio of shipped UI and UX work
";

const LABELLED_TEXT: &str = "\
Job title: Graduate Software Developer (m/f/d)
Company: Tailspin Toys
Location: London, United Kingdom
Salary: £45,000 per annum
Employment type: Permanent
Workplace: On-site
Date posted: 2024-07-10

## About the role
You'll build games tooling in C# and .NET.

## Requirements
1. A degree in computer science
2. Some experience with C++ or C#
";

const PROSE_CONTRACT: &str = "\
Contract Rust Developer (Remote)

We need a contract Rust developer for a six month engagement. The rate is USD 70/hour.
You will port our C++ image pipeline to Rust and WebAssembly.
";

const EURO_RANGE: &str = "\
Machine Learning Engineer - Amsterdam, Netherlands
€60k–75k

We're seeking a Machine Learning Engineer to productionise our ML models.

Requirements
* Python, PyTorch and scikit-learn
* Experience deploying models on AWS SageMaker
";

#[test]
fn board_text_copies_yield_their_fields() {
    let cases: &[Case<'_>] = &[
        (
            "a LinkedIn copy: metadata lines with middle dots",
            LINKEDIN_TEXT,
            &[
                ("title", "Senior Software Engineer, Payments"),
                ("company", "Northwind Labs"),
                ("location.city", "San Francisco"),
                ("location.region", "CA"),
                ("location.countryCode", "US"),
                ("remote", "Hybrid"),
                ("type", "Full-time"),
                ("experience", "Senior"),
                ("x-vitae.salary.min", "150000"),
                ("x-vitae.salary.max", "180000"),
                ("x-vitae.salary.currency", "USD"),
                ("x-vitae.salary.period", "year"),
                ("salary", "$150K/yr - $180K/yr"),
                ("responsibilities.len", "2"),
                ("qualifications[0]", "5+ years building distributed systems"),
                ("x-vitae.niceToHave[0]", "Experience with k8s and Terraform"),
                ("x-vitae.minYears", "5"),
                (
                    "skills",
                    "Go, PostgreSQL, Apache Kafka, Kubernetes, Terraform, Distributed systems, Mentoring",
                ),
            ],
        ),
        (
            "an Indeed copy: company line, postal code, label headings with values below",
            INDEED_TEXT,
            &[
                ("title", "Backend Developer"),
                ("company", "Contoso Health"),
                ("location.city", "Austin"),
                ("location.region", "TX"),
                ("location.postalCode", "78701"),
                ("location.countryCode", "US"),
                ("type", "Full-time"),
                ("x-vitae.salary.min", "120000"),
                ("x-vitae.salary.max", "145000"),
                ("x-vitae.salary.period", "year"),
                ("responsibilities.len", "2"),
                ("qualifications.len", "3"),
                (
                    "qualifications[2]",
                    "Bachelor's degree in Computer Science or equivalent",
                ),
                ("experience", "Mid-level"),
                (
                    "skills",
                    "Java, Spring Boot, REST APIs, Unit testing, Code review, Microsoft SQL Server, PostgreSQL",
                ),
            ],
        ),
        (
            "a Greenhouse copy: 'at Company', remote with a country, salary in the text",
            GREENHOUSE_TEXT,
            &[
                ("title", "Staff Data Engineer"),
                ("company", "Fabrikam"),
                ("remote", "Full"),
                ("location.countryCode", "US"),
                ("experience", "Staff"),
                ("x-vitae.salary.min", "185000"),
                ("x-vitae.salary.max", "215000"),
                ("x-vitae.salary.currency", "USD"),
                ("responsibilities.len", "2"),
                ("qualifications.len", "2"),
                ("x-vitae.niceToHave.len", "1"),
                (
                    "skills",
                    "Apache Airflow, dbt, BigQuery, Data modeling, Python, SQL, Apache Spark, Apache Kafka",
                ),
            ],
        ),
        (
            "a Lever copy: slash-terminated categories",
            LEVER_TEXT,
            &[
                ("title", "Product Designer"),
                ("location.city", "Berlin"),
                ("location.countryCode", "DE"),
                ("type", "Full-time"),
                ("remote", "Hybrid"),
                (
                    "responsibilities[0]",
                    "Run user research and usability testing",
                ),
                ("qualifications.len", "2"),
                ("skills", "User research, Figma, Design systems, UI, UX"),
            ],
        ),
        (
            "labelled fields, markdown headings and a numbered list",
            LABELLED_TEXT,
            &[
                ("title", "Graduate Software Developer"),
                ("company", "Tailspin Toys"),
                ("location.city", "London"),
                ("location.countryCode", "GB"),
                ("x-vitae.salary.min", "45000"),
                ("x-vitae.salary.currency", "GBP"),
                ("x-vitae.salary.period", "year"),
                ("type", "Full-time"),
                ("remote", "None"),
                ("date", "2024-07-10"),
                ("experience", "Junior"),
                ("qualifications.len", "2"),
                (
                    "responsibilities[0]",
                    "You'll build games tooling in C# and .NET",
                ),
                ("skills", "C#, .NET, C++, !C"),
            ],
        ),
        (
            "prose with a contract, an hourly rate and remote in the title",
            PROSE_CONTRACT,
            &[
                ("title", "Contract Rust Developer"),
                ("remote", "Full"),
                ("type", "Contract"),
                ("x-vitae.salary.min", "70"),
                ("x-vitae.salary.period", "hour"),
                ("x-vitae.salary.currency", "USD"),
                (
                    "responsibilities[0]",
                    "You will port our C++ image pipeline to Rust and WebAssembly",
                ),
                ("skills", "Rust, C++, WebAssembly, !C"),
            ],
        ),
        (
            "a title with a place and a euro k range",
            EURO_RANGE,
            &[
                ("title", "Machine Learning Engineer"),
                ("location.city", "Amsterdam"),
                ("location.countryCode", "NL"),
                ("x-vitae.salary.min", "60000"),
                ("x-vitae.salary.max", "75000"),
                ("x-vitae.salary.currency", "EUR"),
                ("salary", "€60k–75k"),
                ("qualifications.len", "2"),
                (
                    "skills",
                    "Machine Learning, Python, PyTorch, scikit-learn, Amazon SageMaker",
                ),
            ],
        ),
        (
            "an internship",
            "Software Engineering Intern, Summer 2025\nToronto, ON\nInternship\n\nAbout you\n- Studying computer science\n",
            &[
                ("title", "Software Engineering Intern, Summer 2025"),
                ("type", "Internship"),
                ("experience", "Intern"),
                ("location.region", "ON"),
                ("location.countryCode", "CA"),
                ("qualifications[0]", "Studying computer science"),
            ],
        ),
        (
            "hybrid with office days and a part-time schedule",
            "Part-time QA Analyst\nHybrid (3 days in office)\n\nYou will test our mobile apps by hand and with Appium.\n",
            &[
                ("title", "Part-time QA Analyst"),
                ("type", "Part-time"),
                ("remote", "Hybrid"),
                ("skills", "Quality assurance, Appium"),
            ],
        ),
        (
            "an engineering manager and a director",
            "Senior Engineering Manager, Platform\n\nYou will lead three teams.",
            &[("experience", "Manager")],
        ),
    ];
    for (description, text, expected) in cases {
        check(description, text, expected);
    }
}

#[test]
fn seniority_comes_from_the_title_then_labels_then_years() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "an intern",
            "Data Science Intern\n\nYou will clean data.",
            "Intern",
        ),
        (
            "a junior",
            "Junior Data Analyst\n\nYou will build reports.",
            "Junior",
        ),
        (
            "a mid-level title",
            "Mid-level Backend Developer\n\nYou will write APIs.",
            "Mid-level",
        ),
        (
            "a staff engineer",
            "Staff Engineer, Storage\n\nYou will design storage.",
            "Staff",
        ),
        (
            "a principal",
            "Principal Software Engineer\n\nYou will set direction.",
            "Principal",
        ),
        (
            "a lead",
            "Tech Lead, Mobile\n\nYou will lead the app team.",
            "Lead",
        ),
        (
            "a director",
            "Director of Engineering\n\nYou will run four teams.",
            "Director",
        ),
        (
            "a vice president",
            "VP of Engineering\n\nYou will run engineering.",
            "Executive",
        ),
        (
            "a product manager is a role, not a level",
            "Product Manager\n\nYou will own the roadmap.",
            "",
        ),
        (
            "a board's level label when the title has none",
            "Backend Engineer\nSeniority level: Entry level\n\nYou will write APIs.",
            "Junior",
        ),
        (
            "the years asked for when nothing else says",
            "Backend Engineer\n\nRequirements\n- 6+ years of Go",
            "Senior",
        ),
    ];
    for (description, text, expected) in cases {
        check(description, text, &[("experience", expected)]);
    }
}

#[test]
fn a_user_vocabulary_decides_which_skills_a_job_names() {
    let mut vocabulary = Vocabulary::default();
    vocabulary
        .extend_from_yaml("- name: Bevy\n  category: Game engines\n")
        .unwrap();
    let text = "Gameplay Engineer\n\nRequirements\n- Bevy and Rust\n";
    let options = Options {
        vocabulary: &vocabulary,
    };
    let job = job::parse_text(text, &options).unwrap();
    assert_eq!(job.skill_names(), ["Bevy", "Rust"]);
    assert_eq!(job.skills[0].name, "Game engines");
    assert_eq!(job::parse(text).unwrap().skill_names(), ["Rust"]);
}

// ---------------------------------------------------------------------------------------------
// HTML pages
// ---------------------------------------------------------------------------------------------

const GREENHOUSE_HTML: &str = r#"<!DOCTYPE html>
<html><head>
<title>Job Application for Senior Platform Engineer at Globex</title>
<meta property="og:site_name" content="Globex">
<link rel="canonical" href="https://boards.example.com/globex/jobs/4012">
<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@type": "JobPosting",
  "title": "Senior Platform Engineer",
  "datePosted": "2024-05-02T09:00:00Z",
  "employmentType": ["FULL_TIME"],
  "hiringOrganization": {"@type": "Organization", "name": "Globex"},
  "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
    "addressLocality": "Denver", "addressRegion": "CO", "postalCode": "80202", "addressCountry": "US"}},
  "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
    "value": {"@type": "QuantitativeValue", "minValue": 160000, "maxValue": 190000, "unitText": "YEAR"}},
  "description": "&lt;p&gt;Globex runs a multi-region platform on Kubernetes.&lt;/p&gt;&lt;h3&gt;What you&amp;#39;ll do&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Run our Terraform and Helm based infrastructure&lt;/li&gt;&lt;li&gt;Improve CI/CD with GitHub Actions&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;What we&amp;#39;re looking for&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;6+ years in infrastructure roles&lt;/li&gt;&lt;li&gt;Deep Linux and networking knowledge&lt;/li&gt;&lt;/ul&gt;"
}
</script>
</head><body>
<div id="app_body"><h1 class="app-title">Senior Platform Engineer</h1>
<div class="company-name">at Globex</div><div class="location">Denver, CO</div>
<div id="content"><p>Globex runs a multi-region platform on Kubernetes.</p></div>
</div></body></html>"#;

const LEVER_HTML: &str = r#"<html><head><title>Initech - Senior Backend Engineer</title></head><body>
<div class="main-header-logo"><img alt="Initech logo"></div>
<div class="posting-headline"><h2>Senior Backend Engineer</h2>
<div class="posting-categories"><div class="location">Toronto, ON</div>
<div class="department">Engineering – Backend /</div><div class="commitment">Full-time /</div>
<div class="workplaceTypes">Hybrid</div></div></div>
<div class="section page-centered"><div>Initech builds <b>payroll software</b> for small businesses.</div></div>
<div class="section page-centered"><h3>What you'll do</h3><ul class="posting-requirements plain-list">
<li>Build Kotlin services on Spring Boot</li><li>Own our PostgreSQL schema migrations</li></ul></div>
<div class="section page-centered"><h3>What you need</h3><ul><li>5+ years of JVM experience</li>
<li>Comfort with Docker and Kubernetes</li></ul></div>
<div class="section page-centered">$140,000 - $165,000 CAD a year</div>
<div class="social-share"><a>Share on Twitter</a> <p>Related: Senior Haskell Engineer</p></div>
</body></html>"#;

const LINKEDIN_HTML: &str = r#"<html><head>
<title>Northwind hiring Senior Data Scientist in New York, NY | LinkedIn</title>
<meta property="og:site_name" content="LinkedIn">
</head><body>
<nav><a href="/">LinkedIn</a><a>Jobs</a><a>Sign in</a></nav>
<section class="top-card-layout"><h1 class="top-card-layout__title">Senior Data Scientist</h1>
<h4><span class="topcard__flavor">Northwind</span> <span class="topcard__flavor--bullet">New York, NY</span></h4></section>
<div class="show-more-less-html__markup">
<strong>About the team</strong><br>We forecast demand for 4,000 stores.<br><br>
<strong>Responsibilities</strong><ul><li>Build forecasting models in Python</li><li>Present results to leadership</li></ul>
<strong>Requirements</strong><ul><li>MSc in statistics or a related field</li><li>Experience with pandas, XGBoost and SQL</li></ul>
</div>
<ul class="description__job-criteria-list">
<li><h3>Seniority level</h3><span>Mid-Senior level</span></li>
<li><h3>Employment type</h3><span>Full-time</span></li>
</ul>
<section class="similar-jobs"><h2>Similar jobs</h2><ul><li>Rust Engineer at Hooli</li><li>Go Developer</li></ul></section>
<footer><p>LinkedIn Corporation © 2024</p><p>Kubernetes Careers</p></footer>
</body></html>"#;

const INDEED_HTML: &str = r#"<html><head><title>Backend Developer - Contoso Health - Austin, TX - Indeed.com</title></head>
<body><div class="jobsearch-JobComponent">
<h1 class="jobsearch-JobInfoHeader-title"><span>Backend Developer</span></h1>
<div data-company-name="true"><a>Contoso Health</a></div>
<div data-testid="inlineHeader-companyLocation"><div>Austin, TX 78701</div></div>
<div id="salaryInfoAndJobType"><span>$120,000 - $145,000 a year</span><span> - Full-time</span></div>
<div id="jobDescriptionText"><p><b>What you will do:</b></p><ul><li>Build REST APIs in Java</li></ul>
<p><b>Requirements:</b></p><ul><li>3+ years of Java experience</li></ul></div>
</div></body></html>"#;

const GENERIC_HTML: &str = r#"<html><body><header><a href="/">Acme</a></header><main>
<article><h1>Site Reliability Engineer</h1>
<dl><dt>Location</dt><dd>Lisbon, Portugal</dd><dt>Type</dt><dd>Contract</dd><dt>Workplace</dt><dd>Remote</dd></dl>
<h2>Responsibilities</h2><p>Keep our Prometheus and Grafana stack healthy; run incident reviews.</p>
<h2>Requirements</h2><p>Linux, Bash and Terraform. You will be on call one week in six.</p>
</article></main></body></html>"#;

const JSON_LD_GRAPH: &str = r#"<html><head><script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "Organization", "name": "Umbrella"},
  {"@type": ["JobPosting"], "title": "Junior Frontend Developer &amp; Designer",
   "hiringOrganization": "Umbrella", "jobLocationType": "TELECOMMUTE",
   "applicantLocationRequirements": {"@type": "Country", "name": "Germany"},
   "employmentType": "PART_TIME",
   "baseSalary": {"@type": "MonetaryAmount", "currency": "eur", "value": {"@type": "QuantitativeValue", "value": "28", "unitText": "HOUR"}},
   "description": "<p>Build Vue.js screens.</p><p><strong>Requirements</strong></p><ul><li>HTML and CSS</li></ul>",
   "skills": "Vue.js, Figma"}
]}
</script></head><body><p>Loading…</p></body></html>"#;

#[test]
fn board_pages_yield_their_fields() {
    let cases: &[Case<'_>] = &[
        (
            "a Greenhouse page: JSON-LD with an entity-escaped description",
            GREENHOUSE_HTML,
            &[
                ("title", "Senior Platform Engineer"),
                ("company", "Globex"),
                ("date", "2024-05-02"),
                ("type", "Full-time"),
                ("location.city", "Denver"),
                ("location.region", "CO"),
                ("location.postalCode", "80202"),
                ("location.countryCode", "US"),
                ("x-vitae.salary.min", "160000"),
                ("x-vitae.salary.max", "190000"),
                ("x-vitae.salary.period", "year"),
                ("salary", "USD 160000–190000 per year"),
                ("responsibilities.len", "2"),
                ("qualifications[0]", "6+ years in infrastructure roles"),
                (
                    "meta.canonical",
                    "https://boards.example.com/globex/jobs/4012",
                ),
                ("experience", "Senior"),
                (
                    "skills",
                    "Kubernetes, Terraform, Helm, CI/CD, GitHub Actions, Linux",
                ),
            ],
        ),
        (
            "a Lever page without structured data",
            LEVER_HTML,
            &[
                ("title", "Senior Backend Engineer"),
                ("company", "Initech"),
                ("location.city", "Toronto"),
                ("location.countryCode", "CA"),
                ("type", "Full-time"),
                ("remote", "Hybrid"),
                ("x-vitae.salary.currency", "CAD"),
                ("x-vitae.salary.max", "165000"),
                ("responsibilities.len", "2"),
                ("qualifications.len", "2"),
                (
                    "skills",
                    "Kotlin, Spring Boot, PostgreSQL, Docker, Kubernetes, !Haskell",
                ),
            ],
        ),
        (
            "a LinkedIn page: criteria list, furniture dropped",
            LINKEDIN_HTML,
            &[
                ("title", "Senior Data Scientist"),
                ("company", "Northwind"),
                ("location.city", "New York"),
                ("location.region", "NY"),
                ("experience", "Senior"),
                ("type", "Full-time"),
                ("responsibilities.len", "2"),
                ("qualifications.len", "2"),
                (
                    "skills",
                    "Python, pandas, XGBoost, SQL, !Rust, !Go, !Kubernetes",
                ),
            ],
        ),
        (
            "an Indeed page",
            INDEED_HTML,
            &[
                ("title", "Backend Developer"),
                ("company", "Contoso Health"),
                ("location.city", "Austin"),
                ("x-vitae.salary.min", "120000"),
                ("type", "Full-time"),
                ("responsibilities[0]", "Build REST APIs in Java"),
                ("qualifications[0]", "3+ years of Java experience"),
            ],
        ),
        (
            "a generic page: definition list metadata, prose sections",
            GENERIC_HTML,
            &[
                ("title", "Site Reliability Engineer"),
                ("location.city", "Lisbon"),
                ("location.countryCode", "PT"),
                ("type", "Contract"),
                ("remote", "Full"),
                ("responsibilities.len", "3"),
                ("responsibilities[2]", "You will be on call one week in six"),
                ("qualifications[0]", "Linux, Bash and Terraform"),
                (
                    "skills",
                    "Prometheus, Grafana, Linux, Bash, Terraform, On-call",
                ),
            ],
        ),
        (
            "JSON-LD in a @graph, remote with a country requirement, an hourly part-time rate",
            JSON_LD_GRAPH,
            &[
                ("title", "Junior Frontend Developer & Designer"),
                ("company", "Umbrella"),
                ("remote", "Full"),
                ("location.countryCode", "DE"),
                ("type", "Part-time"),
                ("experience", "Junior"),
                ("x-vitae.salary.min", "28"),
                ("x-vitae.salary.currency", "EUR"),
                ("x-vitae.salary.period", "hour"),
                ("qualifications[0]", "HTML and CSS"),
                ("skills", "Vue.js, HTML, CSS, Figma"),
            ],
        ),
    ];
    for (description, html, expected) in cases {
        assert_eq!(job::detect(html), JobFormat::Html, "{description}");
        check(description, html, expected);
    }
}

#[test]
fn hostile_html_is_read_safely() {
    let nested = format!(
        "{}<h1>Senior Go Engineer</h1><p>Requirements</p><ul><li>Go, Rust</li></ul>{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let unclosed_nested = format!(
        "<h1>Senior Go Engineer</h1>{}<p>Requirements</p><ul><li>Go</li>",
        "<div><span><b>".repeat(50_000)
    );
    let mut huge = String::from(
        "<html><body><h1>Data Engineer</h1><h2>Requirements</h2><ul><li>Python and Airflow</li></ul>",
    );
    while huge.len() < 5 * 1024 * 1024 {
        huge.push_str("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n");
    }
    let cases: Vec<(&str, String, Expect<'_>)> = vec![
        (
            "skills inside scripts, styles, templates, comments and hidden elements do not count",
            concat!(
                "<h1>Backend Engineer</h1><script>var skills = ['Kubernetes', 'Rust', 'Haskell'];</script>",
                "<style>.Go { color: red } /* Terraform */</style><noscript>Scala</noscript>",
                "<template><p>Elixir</p></template><!-- Kotlin --><div hidden>Erlang</div>",
                "<div style='display: none'>Clojure</div><p aria-hidden=\"true\">Julia</p>",
                "<p>We write Python.</p>"
            )
            .to_owned(),
            &[
                ("title", "Backend Engineer"),
                (
                    "skills",
                    "Python, !Kubernetes, !Rust, !Haskell, !Go, !Terraform, !Scala, !Elixir, !Kotlin, !Erlang, !Clojure, !Julia",
                ),
            ],
        ),
        (
            "an unterminated script swallows only itself",
            "<p>Senior Python Developer</p><script>document.write('Kubernetes')".to_owned(),
            &[("skills", "Python, !Kubernetes")],
        ),
        ("100,000 nested divs", nested, &[("title", "Senior Go Engineer"), ("qualifications[0]", "Go, Rust")]),
        ("150,000 unclosed inline and block elements", unclosed_nested, &[("title", "Senior Go Engineer"), ("qualifications[0]", "Go")]),
        ("a 5 MB page", huge, &[("title", "Data Engineer"), ("qualifications[0]", "Python and Airflow")]),
        (
            "unclosed list items and paragraphs",
            "<div><h2>Requirements<ul><li>Python<li>Go<li>SQL</ul><p>Nice to have<p><ul><li>Rust".to_owned(),
            &[("qualifications.len", "3"), ("qualifications[1]", "Go"), ("x-vitae.niceToHave[0]", "Rust")],
        ),
        (
            "an unclosed nav does not hide the posting",
            "<nav><a>Home</a><a>Jobs</a><h1>Staff Rust Engineer</h1><p>Requirements</p><ul><li>Rust and Tokio</li><li>Linux</li></ul><p>More text about the role and the team.</p>".to_owned(),
            &[("title", "Staff Rust Engineer"), ("skills", "Rust, Tokio, Linux")],
        ),
        (
            "entities decode before matching",
            "<h1>Embedded Engineer</h1><p>R&amp;D in C&#43;&#43; and C&#x23; &mdash; Node&#46;js &lt;script&gt;Haskell&lt;/script&gt;</p>".to_owned(),
            &[("skills", "C++, C#, Node.js, Haskell, !R, !C")],
        ),
        (
            "NUL bytes and control characters",
            "<h1>Py\0thon Developer</h1><p>Go\0 \u{1}Rust\u{7f}</p><p>Postgres\0</p>".to_owned(),
            &[("skills", "PostgreSQL")],
        ),
        (
            "tag soup",
            "<<<>>></div></p><p <p>>><!DOCTYPE <h1 class=\"x>Go</h1><![CDATA[ Rust ]]><?php echo 'Java'; ?>".to_owned(),
            &[],
        ),
        ("only markup", "<html><head></head><body></body></html>".to_owned(), &[("title", "")]),
    ];
    for (description, html, expected) in &cases {
        check(description, html, expected);
    }
}

#[test]
fn oversized_and_empty_inputs_are_refused_with_clear_errors() {
    let big = "a".repeat(8 * 1024 * 1024 + 1);
    let err = job::parse(&big).unwrap_err();
    assert!(matches!(err, JobError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("byte limit"), "{err}");
    let html = format!("<p>{}</p>", "x".repeat(9 * 1024 * 1024));
    assert!(matches!(
        job::parse_html(&html, &Options::default()),
        Err(JobError::TooLarge { .. })
    ));
    for empty in ["", "   \n\t ", "\u{feff}"] {
        assert_eq!(job::parse(empty), Err(JobError::Empty), "{empty:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// JSON documents
// ---------------------------------------------------------------------------------------------

#[test]
fn json_resume_jobs_with_mistakes_are_read_with_located_diagnostics() {
    let text = r#"{
  "title": "Data Analyst",
  "date": "2024-13",
  "remote": "sometimes",
  "responsibilities": "Build dashboards",
  "qualifications": [["SQL"], "Excel"],
  "meta": {"canonical": "jobs/42"},
  "x-vitae": {"salary": {"min": 50000, "max": 60000, "currency": "EUR", "period": "year"}}
}"#;
    let read = job::read(text, &Options::default()).unwrap();
    let found: Vec<(Severity, String, u32, u32)> = read
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.path.clone(), d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            (Severity::Error, "date".to_owned(), 3, 11),
            (Severity::Warning, "remote".to_owned(), 4, 13),
            (Severity::Error, "qualifications[0]".to_owned(), 6, 22),
            (Severity::Warning, "meta.canonical".to_owned(), 7, 25),
        ],
        "{:#?}",
        read.diagnostics
    );
    let job = read.job;
    assert_eq!(job.date, None);
    assert_eq!(job.remote, None);
    assert_eq!(job.responsibilities, ["Build dashboards"]);
    assert_eq!(job.qualifications, ["Excel"]);
    let salary = job.salary.unwrap();
    assert_eq!((salary.min, salary.max), (Some(50_000.0), Some(60_000.0)));
    assert_eq!(salary.currency.as_deref(), Some("EUR"));
    assert_valid(
        "job with mistakes",
        &job::to_json_resume_job(&job::parse(text).unwrap()),
    );
}

#[test]
fn unreadable_json_is_an_error_with_its_position() {
    let cases: &[(&str, &str, u32, u32)] = &[
        ("a trailing comma", "{\n  \"title\": \"x\",\n}", 3, 1),
        ("a list of strings", "[\"not\", \"a job\"]", 1, 1),
        ("a scalar in braces", "{\"title\" 1}", 1, 10),
        (
            "JSON-LD without a posting",
            "{\"@context\": \"https://schema.org\", \"@type\": \"Person\"}",
            1,
            1,
        ),
    ];
    for (description, text, line, column) in cases {
        let err = job::parse(text).unwrap_err();
        assert_eq!(
            (err.pos().line, err.pos().column),
            (*line, *column),
            "{description}: {err}"
        );
    }
}

#[test]
fn formats_are_detected_from_the_content() {
    let cases: &[(&str, &str, JobFormat)] = &[
        (
            "plain text",
            "Senior Engineer\nWe build things.",
            JobFormat::Text,
        ),
        (
            "text mentioning a less-than sign",
            "Latency < 5 ms, teams <3",
            JobFormat::Text,
        ),
        (
            "a full page",
            "<!DOCTYPE html><html></html>",
            JobFormat::Html,
        ),
        (
            "a fragment after text",
            "Senior Engineer\n<p>We build things.</p>",
            JobFormat::Html,
        ),
        (
            "a JSON Resume job",
            " {\"title\": \"x\"}",
            JobFormat::JsonResume,
        ),
        (
            "JSON-LD",
            "{\"@context\": \"https://schema.org\", \"@type\": \"JobPosting\"}",
            JobFormat::JsonLd,
        ),
        (
            "a JSON-LD array",
            "[{\"@type\": \"JobPosting\"}]",
            JobFormat::JsonLd,
        ),
    ];
    for (description, text, format) in cases {
        assert_eq!(job::detect(text), *format, "{description}");
    }
}

#[test]
fn bare_json_ld_is_read_like_a_page_s_structured_data() {
    let text = r#"{"@context": "https://schema.org", "@type": "JobPosting", "title": "Lead iOS Engineer",
      "hiringOrganization": {"name": "Hooli"}, "employmentType": "CONTRACTOR",
      "jobLocation": [{"@type": "Place", "address": "Zürich, Switzerland"}],
      "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 60},
      "description": "You will ship SwiftUI apps."}"#;
    check(
        "bare JSON-LD",
        text,
        &[
            ("title", "Lead iOS Engineer"),
            ("company", "Hooli"),
            ("type", "Contract"),
            ("location.city", "Zürich"),
            ("location.countryCode", "CH"),
            ("experience", "Lead"),
            ("x-vitae.minYears", "5"),
            ("responsibilities[0]", "You will ship SwiftUI apps"),
            ("skills", "iOS, SwiftUI"),
        ],
    );
}

#[test]
fn salary_fields_read_as_written() {
    type Money<'a> = Option<(Option<f64>, Option<f64>, Option<&'a str>, Option<&'a str>)>;
    let cases: &[(&str, Money<'_>)] = &[
        (
            "$150,000 - $180,000 a year",
            Some((Some(150_000.0), Some(180_000.0), Some("USD"), Some("year"))),
        ),
        (
            "€60k–75k",
            Some((Some(60_000.0), Some(75_000.0), Some("EUR"), None)),
        ),
        (
            "USD 70/hour",
            Some((Some(70.0), Some(70.0), Some("USD"), Some("hour"))),
        ),
        (
            "£45,000 per annum",
            Some((Some(45_000.0), Some(45_000.0), Some("GBP"), Some("year"))),
        ),
        (
            "100000",
            Some((Some(100_000.0), Some(100_000.0), None, None)),
        ),
        ("Competitive", None),
    ];
    for (text, expected) in cases {
        let got = job::parse_salary(text).map(|s| {
            (
                s.min,
                s.max,
                s.currency.clone(),
                s.period.map(job::Period::as_str),
            )
        });
        let expected = expected.map(|(a, b, c, p)| (a, b, c.map(str::to_owned), p));
        assert_eq!(got, expected, "{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// HTML-ish text: fragments of markup, entities, board words and skills in any order.
fn html_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<ul>",
        "<li>",
        "</li>",
        "<h1>",
        "</h2>",
        "<br>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<![CDATA[",
        "<nav>",
        "<dt>",
        "<dd>",
        "<b>",
        "</b>",
        "<pre>",
        "\n",
        " ",
        "&amp;",
        "&#x23;",
        "&nbsp;",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "Requirements",
        "Responsibilities:",
        "Nice to have",
        "Senior",
        "Engineer",
        "Go",
        "C++",
        "k8s",
        "$150,000 - $180,000 a year",
        "€60k–75k",
        "Remote",
        "Hybrid",
        "Full-time",
        "·",
        "San Francisco, CA",
        "- ",
        "1. ",
        "\u{0}",
        "ﬁ",
        "é",
        "🚀",
        "<div hidden>",
        "<td>",
        "<script type=\"application/ld+json\">{\"@type\":\"JobPosting\",\"title\":",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parsing_arbitrary_text_never_panics_and_writes_valid_json(text in "\\PC{0,600}") {
        if let Ok(job) = job::parse(&text) {
            let value = job::to_json_resume_job(&job);
            prop_assert!(schema().is_valid(&value), "{value:#}");
        }
    }

    #[test]
    fn parsing_arbitrary_html_never_panics_and_writes_valid_json(html in html_soup()) {
        let parsed = [job::parse(&html), job::parse_html(&html, &Options::default())];
        for job in parsed.into_iter().flatten() {
            let value = job::to_json_resume_job(&job);
            prop_assert!(schema().is_valid(&value), "{value:#}");
        }
    }

    #[test]
    fn parsing_arbitrary_json_never_panics(text in "[{}\\[\\]\":,0-9a-z@ \\n]{0,200}") {
        let _ = job::read(&text, &Options::default());
        let _ = job::parse_json_resume_job(&text, &Options::default());
    }

    #[test]
    fn jobs_round_trip_through_json_resume(html in html_soup()) {
        if let Ok(job) = job::parse(&html) {
            let again = job::parse(&job::to_json_resume_job(&job).to_string());
            prop_assert_eq!(again.as_ref(), Ok(&job));
        }
    }
}

#[test]
fn line_breaks_that_arrived_escaped_are_line_breaks() {
    // resume-cli's API documents its example posting with literal `\n`; clients copy it.
    let job =
        vitae_fit::job::parse("Senior Backend Engineer\\nRequirements:\\n- Python\\n- FastAPI")
            .unwrap();
    assert_eq!(job.title.as_deref(), Some("Senior Backend Engineer"));
    assert!(job.skill_names().contains(&"Python"), "{job:?}");
    // One `\n` in prose is left as written.
    let job = vitae_fit::job::parse("Rust Engineer who writes C:\\new tools").unwrap();
    assert_eq!(
        job.title.as_deref(),
        Some("Rust Engineer who writes C:\\new tools")
    );
}

#[test]
fn dash_separated_headers_keep_the_company_apart_from_the_place() {
    let job = vitae_fit::job::parse(
        "Senior Backend Engineer\nAcme Corp — Berlin, Germany\n\nRequirements\n- Python\n",
    )
    .unwrap();
    assert_eq!(job.title.as_deref(), Some("Senior Backend Engineer"));
    assert_eq!(job.company.as_deref(), Some("Acme Corp"));
    assert_eq!(job.location.city.as_deref(), Some("Berlin"));

    let job = vitae_fit::job::parse(
        "Staff Engineer — Globex — Remote (US)\n\nWe need Go and Kubernetes.\n",
    )
    .unwrap();
    assert_eq!(job.title.as_deref(), Some("Staff Engineer"));
    assert_eq!(job.company.as_deref(), Some("Globex"));
    assert!(job.remote.is_some(), "{job:?}");
}
