//! The skills vocabulary: whole-term matching, spellings and normal forms, ambiguous common
//! words, normalisation, user extensions (and their located mistakes), and properties that hold
//! for any text.

use proptest::prelude::*;
use vitae_fit::keywords::{Vocabulary, normalize};

fn check(description: &str, text: &str, expected: &[&str]) {
    assert_eq!(
        Vocabulary::builtin().skills_in(text),
        expected,
        "{description}: {text:?}"
    );
}

#[test]
fn skills_are_found_as_whole_terms_in_their_canonical_names() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "Java is not inside JavaScript",
            "We use JavaScript and TypeScript",
            &["JavaScript", "TypeScript"],
        ),
        ("Java alone counts", "Java, Kotlin", &["Java", "Kotlin"]),
        (
            "a version after a name",
            "Java 17 and Python 3.12",
            &["Java", "Python"],
        ),
        (
            "ai is not inside maintain, nor the lower-case word",
            "We maintain the ai platform",
            &[],
        ),
        (
            "AI in capitals counts",
            "Build AI features",
            &["Artificial Intelligence"],
        ),
        ("go the verb is not Go", "go to market and go live", &[]),
        (
            "Go opening a sentence before a word is the verb",
            "Go to market. Go beyond.",
            &[],
        ),
        (
            "Go-to-market in title case is not Go",
            "Our Go-To-Market team",
            &[],
        ),
        (
            "Go inside a sentence is the language",
            "We write Go and Rust",
            &["Go", "Rust"],
        ),
        (
            "Go opening a list counts",
            "Go, Rust, Python",
            &["Go", "Rust", "Python"],
        ),
        (
            "Go alone on a line counts",
            "Languages:\nGo\nRust",
            &["Go", "Rust"],
        ),
        ("golang is Go", "golang services", &["Go"]),
        ("Google is not Go", "Google Cloud", &["Google Cloud"]),
        (
            "CI/CD, with and without pipelines",
            "CI/CD pipelines and CI/CD.",
            &["CI/CD"],
        ),
        ("CI / CD with spaces", "CI / CD", &["CI/CD"]),
        ("k8s is Kubernetes", "k8s and K8s", &["Kubernetes"]),
        (
            "the spellings of PostgreSQL",
            "Postgres, PostgreSQL, psql",
            &["PostgreSQL"],
        ),
        ("JS and TS", "JS and TS", &["JavaScript", "TypeScript"]),
        ("lower-case ts is not TypeScript", "ts timestamps", &[]),
        (
            "ML and machine learning",
            "ML and machine learning",
            &["Machine Learning"],
        ),
        (
            "lower-case ml is not machine learning",
            "10 ml of water",
            &[],
        ),
        (
            "multi-word phrases, hyphenated or not",
            "distributed systems and machine-learning",
            &["Distributed systems", "Machine Learning"],
        ),
        (
            "C, C++, C# and .NET stay apart",
            "C, C++, C# and .NET",
            &["C", "C++", "C#", ".NET"],
        ),
        ("C is not inside C++ or C#", "C++ and C#", &["C++", "C#"]),
        ("a C++ version is still C++", "C++17 and C++20", &["C++"]),
        (
            "C-level and Series C are not C",
            "C-level execs after our Series C",
            &[],
        ),
        ("R counts, R&D does not", "R and R&D", &["R"]),
        (".NET is not inside ASP.NET", "ASP.NET Core", &["ASP.NET"]),
        ("JS is not inside Node.js", "Node.js", &["Node.js"]),
        (
            "a sentence-ending dot is not part of a term",
            "We love Python.",
            &["Python"],
        ),
        (
            "React the verb, React the library",
            "React quickly to incidents. We use React.",
            &["React"],
        ),
        ("react in lower case", "react to feedback", &[]),
        (
            "React Native is one skill",
            "React Native apps",
            &["React Native"],
        ),
        (
            "Spark, Chef, Puppet, Make, Express and Flask as ordinary words",
            "Make sure to spark joy; express yourself like a chef with a puppet and a flask",
            &[],
        ),
        (
            "Swift, Ruby and Scala as names",
            "Swift, Ruby and Scala",
            &["Swift", "Ruby", "Scala"],
        ),
        (
            "two-letter skills",
            "UI, UX and QA",
            &["UI", "UX", "Quality assurance"],
        ),
        (
            "soft skills",
            "Leadership and mentoring",
            &["Leadership", "Mentoring"],
        ),
        (
            "the longest spelling wins",
            "Django REST Framework",
            &["Django REST Framework"],
        ),
        (
            "ligatures and full-width letters",
            "ﬁrebase and Ｐｙｔｈｏｎ",
            &["Firebase", "Python"],
        ),
        (
            "typographic dashes",
            "event–driven systems",
            &["Event-driven architecture"],
        ),
        (
            "a hard-wrapped phrase",
            "machine\nlearning",
            &["Machine Learning"],
        ),
        (
            "zero-width characters do not split a word",
            "Java\u{200b}Script",
            &["JavaScript"],
        ),
        (
            "each skill once, in order of first mention",
            "Rust, Go, Rust, k8s, Kubernetes",
            &["Rust", "Go", "Kubernetes"],
        ),
        ("nothing to find", "", &[]),
    ];
    for (description, text, expected) in cases {
        check(description, text, expected);
    }
}

#[test]
fn found_skills_carry_byte_offsets_into_the_original_text() {
    let text = "ﬁne Ｃ＋＋ and k8s; Postgres.";
    let found = Vocabulary::builtin().find(text);
    let spans: Vec<(&str, &str, &str)> = found
        .iter()
        .map(|f| (f.canonical, f.category, &text[f.start..f.end]))
        .collect();
    assert_eq!(
        spans,
        [
            ("C++", "Languages", "Ｃ＋＋"),
            ("Kubernetes", "DevOps", "k8s"),
            ("PostgreSQL", "Databases", "Postgres"),
        ]
    );
}

#[test]
fn canonical_names_only_whole_terms() {
    let cases: &[(&str, Option<&str>)] = &[
        ("k8s", Some("Kubernetes")),
        ("golang", Some("Go")),
        ("Go", Some("Go")),
        ("go", None),
        ("Postgres", Some("PostgreSQL")),
        ("psql", Some("PostgreSQL")),
        ("JS", Some("JavaScript")),
        ("ML", Some("Machine Learning")),
        ("ml", None),
        ("Machine-Learning", Some("Machine Learning")),
        ("  Node.JS ", Some("Node.js")),
        ("C♯", Some("C#")),
        ("Series C", None),
        ("Kubernetes cluster", None),
        ("", None),
    ];
    for (term, expected) in cases {
        assert_eq!(Vocabulary::builtin().canonical(term), *expected, "{term:?}");
    }
    assert_eq!(Vocabulary::builtin().category("kubernetes"), Some("DevOps"));
}

#[test]
fn normalisation_unifies_spellings_and_keeps_skill_punctuation() {
    let cases: &[(&str, &str)] = &[
        ("Machine-Learning", "machine learning"),
        ("ﬁnance", "finance"),
        ("Node.JS", "node.js"),
        (" C++ ", "c++"),
        ("C#/.NET", "c#/.net"),
        ("CI/CD  pipelines", "ci/cd pipelines"),
        ("Ｋｕｂｅｒｎｅｔｅｓ", "kubernetes"),
        ("you’ll", "you'll"),
        ("end—to—end", "end to end"),
        ("", ""),
    ];
    for (text, expected) in cases {
        assert_eq!(normalize(text), *expected, "{text:?}");
    }
}

#[test]
fn users_extend_and_override_the_vocabulary_with_yaml() {
    let mut vocabulary = Vocabulary::default();
    let before = vocabulary.len();
    vocabulary
        .extend_from_yaml(
            "# our own skills\n\
             - name: Bevy\n  category: Game engines\n  aliases: [bevy engine]\n\
             - name: kubernetes\n  aliases: [kube]\n\
             - name: Crane\n  exact: [Crane]\n  common_word: true\n\
             - name: JSON Schema\n  aliases: [JS]\n",
        )
        .unwrap();
    assert_eq!(vocabulary.len(), before + 3);
    assert_eq!(
        vocabulary.skills_in("Bevy engine on kube with Crane, JS"),
        ["Bevy", "Kubernetes", "Crane", "JSON Schema"]
    );
    assert_eq!(vocabulary.category("Bevy"), Some("Game engines"));
    assert_eq!(
        vocabulary.skills_in("Crane the boom. a crane"),
        Vec::<&str>::new()
    );
    // The built-in vocabulary is untouched.
    assert_eq!(Vocabulary::builtin().canonical("kube"), None);
    assert_eq!(Vocabulary::builtin().canonical("JS"), Some("JavaScript"));
}

#[test]
fn vocabulary_mistakes_are_located_and_change_nothing() {
    let cases: &[(&str, &str, u32, u32, &str)] = &[
        (
            "an unknown field, with a hint",
            "- name: X\n  alias: [y]\n",
            2,
            3,
            "did you mean `aliases`?",
        ),
        (
            "a missing name",
            "- aliases: [x]\n",
            1,
            3,
            "missing required field `name`",
        ),
        (
            "a spelling with nothing to match",
            "- name: X\n  aliases: ['---']\n",
            2,
            13,
            "no letters",
        ),
        (
            "common_word that is not a boolean",
            "- name: X\n  common_word: maybe\n",
            2,
            16,
            "true or false",
        ),
        (
            "a spelling bound twice in one file",
            "- name: A\n  aliases: [ab]\n- name: B\n  aliases: [AB]\n",
            4,
            13,
            "already bound at line 2",
        ),
        (
            "a spelling both inexact and exact",
            "- name: A\n  aliases: [Ab]\n  exact: [Ab]\n",
            2,
            13,
            "both",
        ),
        (
            "a mapping instead of a list",
            "name: X\n",
            1,
            1,
            "expected a list of skills",
        ),
        ("broken YAML", "- name: [X\n", 1, 9, "unclosed bracket"),
    ];
    for (description, yaml, line, column, message) in cases {
        let mut vocabulary = Vocabulary::default();
        let before = vocabulary.len();
        let diagnostics = vocabulary.extend_from_yaml(yaml).unwrap_err();
        let first = diagnostics.iter().next().unwrap();
        let text = format!("{}{}", first.message, first.hint.as_deref().unwrap_or(""));
        assert_eq!(
            (first.line, first.column),
            (*line, *column),
            "{description}: {first}"
        );
        assert!(text.contains(message), "{description}: {first}");
        assert_eq!(vocabulary.len(), before, "{description}");
        assert_eq!(vocabulary.canonical("X"), None, "{description}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn names() -> Vec<String> {
    Vocabulary::builtin()
        .skills()
        .map(|(name, _)| name.to_owned())
        .collect()
}

/// Text made of skill spellings, plain words, punctuation and tricky characters.
fn soup() -> impl Strategy<Value = String> {
    let mut pieces: Vec<String> = names();
    pieces.extend(
        [
            " ", " ", " ", "\n", ", ", ". ", "-", "/", "+", "#", ".", "&", "(", ")", "'", "the",
            "go", "Go", "java", "script", "Script", "ai", "maintain", "ﬁ", "Ｃ", "é", "\u{301}",
            "\u{200b}", "12", "k8s", "c", "r", "🚀", "\u{0}",
        ]
        .map(str::to_owned),
    );
    prop::collection::vec(prop::sample::select(pieces), 0..60).prop_map(|v| v.concat())
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn matches_are_whole_terms_in_order_and_name_themselves(text in soup()) {
        let vocabulary = Vocabulary::builtin();
        let found = vocabulary.find(&text);
        let mut end = 0;
        for f in &found {
            prop_assert!(f.start >= end, "overlap or disorder: {found:?}");
            end = f.end;
            let span = &text[f.start..f.end];
            // Whole terms: a spelling that starts (ends) with a letter or digit has none right
            // before (after) it.
            let before = text[..f.start].chars().next_back();
            let after = text[f.end..].chars().next();
            prop_assert!(
                !(is_word(span.chars().next()) && is_word(before)),
                "{span:?} starts inside a word in {text:?}"
            );
            prop_assert!(
                !(is_word(span.chars().next_back()) && is_word(after)),
                "{span:?} ends inside a word in {text:?}"
            );
            // The matched text, alone, is a spelling of the skill reported.
            prop_assert_eq!(vocabulary.canonical(span), Some(f.canonical), "{:?}", span);
        }
    }

    #[test]
    fn any_skill_name_between_plain_words_is_found(
        name in prop::sample::select(names()),
        before in prop::sample::select(vec!["we", "our team uses", "with the", "daily"]),
        after in prop::sample::select(vec!["daily", "in production", "at scale", ""]),
    ) {
        let text = format!("{before} {name}, {after}");
        let found = Vocabulary::builtin().skills_in(&text);
        prop_assert!(found.contains(&name.as_str()), "{name:?} not found in {text:?}: {found:?}");
    }

    #[test]
    fn a_skill_name_inside_a_longer_word_is_not_found(
        name in prop::sample::select(
            names().into_iter().filter(|n| n.chars().all(char::is_alphanumeric)).collect::<Vec<_>>()
        ),
    ) {
        let text = format!("zq{name}zq and {name}zq and zq{name}");
        let found = Vocabulary::builtin().skills_in(&text);
        prop_assert!(!found.contains(&name.as_str()), "{name:?} found in {text:?}");
    }

    #[test]
    fn finding_never_panics_on_any_text(text in any::<String>()) {
        let vocabulary = Vocabulary::builtin();
        for f in vocabulary.find(&text) {
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
        let _ = normalize(&text);
        let _ = vocabulary.canonical(&text);
    }
}

#[test]
fn a_vocabulary_extended_with_terms_of_a_posting_finds_them_whole_term_only() {
    let base = vitae_fit::keywords::Vocabulary::builtin();
    assert!(base.canonical("indexing strategies").is_none());
    let names = vec![
        "indexing strategies".to_owned(),
        "k8s".to_owned(), // known already, as Kubernetes: left alone
        "  ".to_owned(),
    ];
    let v = base.extended_with(&names, "From the posting");
    assert_eq!(v.len(), base.len() + 1);
    assert_eq!(
        v.canonical("Indexing Strategies"),
        Some("indexing strategies")
    );
    assert_eq!(v.category("indexing strategies"), Some("From the posting"));
    assert_eq!(v.canonical("k8s"), Some("Kubernetes"));
    let found = v.skills_in("We review indexing strategies daily.");
    assert!(found.contains(&"indexing strategies"), "{found:?}");
    assert!(v.skills_in("indexing strategiesmaking").is_empty());
}

#[test]
fn a_skill_said_not_to_be_wanted_is_not_a_mention() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "no ... needed",
            "Python required; no Kubernetes experience needed.",
            &["Python"],
        ),
        ("non- glued", "A non-K8s deployment on AWS", &["AWS"]),
        (
            "not after a comma",
            "Kafka, not RabbitMQ",
            &["Apache Kafka"],
        ),
        (
            "not required after",
            "We write Python. Experience with Terraform is not required.",
            &["Python"],
        ),
        ("without", "Ship Rust services without Docker", &["Rust"]),
        ("don't", "You don't need Java here; we write Go", &["Go"]),
        (
            "not only ... is still a mention",
            "not only Python but also Rust",
            &["Python", "Rust"],
        ),
        (
            "a negation in another clause does not reach",
            "No on-call. You will use Kafka daily",
            &["Apache Kafka"],
        ),
    ];
    for (description, text, expected) in cases {
        check(description, text, expected);
    }
}
