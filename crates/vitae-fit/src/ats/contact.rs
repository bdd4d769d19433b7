//! The contact category: name, a valid email, a phone number, a location, and links found where
//! the model keeps them: `basics.profiles` (LinkedIn, GitHub, ... — the native format's `urls`
//! become profiles) and `basics.url` (the website).

use super::{Evidence, Sheet};
use vitae_core::model::{Basics, Profile};

pub(super) fn score(shown: &vitae_core::model::Resume) -> Sheet {
    let mut sheet = Sheet::default();
    let b = &shown.basics;
    name(&mut sheet, b);
    email(&mut sheet, b);
    phone(&mut sheet, b);
    location(&mut sheet, b);
    links(&mut sheet, b);
    sheet
}

fn at(path: &str, text: &str) -> Evidence {
    Evidence {
        section: "header".to_owned(),
        entry: None,
        bullet: None,
        path: path.to_owned(),
        text: text.trim().to_owned(),
        finding: None,
    }
}

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn name(sheet: &mut Sheet, b: &Basics) {
    const WHAT: &str = "Your name is at the top";
    let name = b.name.trim();
    let (earned, detail, evidence) = if name.is_empty() {
        sheet.suggest("Add your name: an ATS files the application under it.");
        (0.0, "no name".to_owned(), Vec::new())
    } else if name.contains('@') || name.contains("://") || !name.chars().any(char::is_alphabetic) {
        sheet.suggest("Put your name, not an address or a link, in the name field.");
        (
            0.0,
            "not a name".to_owned(),
            vec![at(basics().name().as_str(), name).with_finding("does not look like a name")],
        )
    } else {
        (
            1.0,
            "given".to_owned(),
            vec![at(basics().name().as_str(), name)],
        )
    };
    sheet.check("contact.name", WHAT, 20.0, earned, detail, evidence);
}

/// `local@domain.tld`, without spaces, with a dotted domain and a top-level domain of letters.
fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && !domain.contains('@')
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|t| t.chars().count() >= 2 && t.chars().all(char::is_alphabetic))
}

fn email(sheet: &mut Sheet, b: &Basics) {
    const WHAT: &str = "A valid email address";
    let (earned, detail, evidence) = match present(&b.email) {
        None => {
            sheet.suggest("Add an email address: it is how an ATS and a recruiter reach you.");
            (0.0, "no email".to_owned(), Vec::new())
        }
        Some(email) if !valid_email(email) => {
            sheet.suggest(format!(
                "Fix the email “{email}”: an ATS that cannot parse it cannot contact you."
            ));
            (
                0.0,
                "not a valid address".to_owned(),
                vec![at(basics().email().as_str(), email).with_finding("not a valid address")],
            )
        }
        Some(email) => (
            1.0,
            "valid".to_owned(),
            vec![at(basics().email().as_str(), email)],
        ),
    };
    sheet.check("contact.email", WHAT, 25.0, earned, detail, evidence);
}

/// 7 to 15 digits (E.164 allows 15), written with the usual separators, and an optional
/// extension.
fn valid_phone(s: &str) -> bool {
    let lower = s.to_lowercase();
    let main = ["ext", "x", "#"]
        .iter()
        .filter_map(|sep| lower.find(sep))
        .min()
        .map_or(lower.as_str(), |i| &lower[..i]);
    let digits = main.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && main
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-./\u{a0}".contains(c))
}

fn phone(sheet: &mut Sheet, b: &Basics) {
    const WHAT: &str = "A phone number";
    let (earned, detail, evidence) = match present(&b.phone) {
        None => {
            sheet.suggest(
                "Add a phone number: many ATS forms require one and recruiters call first.",
            );
            (0.0, "no phone number".to_owned(), Vec::new())
        }
        Some(phone) if !valid_phone(phone) => {
            sheet.suggest(format!(
                "Write the phone number “{phone}” as digits with the country code, e.g. +1 512 \
                 555 0142."
            ));
            (
                0.0,
                "not a phone number".to_owned(),
                vec![at(basics().phone().as_str(), phone).with_finding("not 7 to 15 digits")],
            )
        }
        Some(phone) => (
            1.0,
            "given".to_owned(),
            vec![at(basics().phone().as_str(), phone)],
        ),
    };
    sheet.check("contact.phone", WHAT, 20.0, earned, detail, evidence);
}

fn location(sheet: &mut Sheet, b: &Basics) {
    const WHAT: &str = "A location (city, region or country)";
    let place = b.location.display();
    let place = if place.trim().is_empty() {
        b.location.address.clone().unwrap_or_default()
    } else {
        place
    };
    let (earned, detail, evidence) = if place.trim().is_empty() {
        sheet.suggest(
            "Add your city and country: recruiters and ATS filters search candidates by location.",
        );
        (0.0, "no location".to_owned(), Vec::new())
    } else {
        (
            1.0,
            "given".to_owned(),
            vec![at(basics().location().path().as_str(), &place)],
        )
    };
    sheet.check("contact.location", WHAT, 15.0, earned, detail, evidence);
}

fn is_linkedin(p: &Profile) -> bool {
    p.network.trim().eq_ignore_ascii_case("linkedin")
        || p.url
            .as_deref()
            .is_some_and(|u| u.to_ascii_lowercase().contains("linkedin.com"))
}

/// A second email or phone kept as a profile (RenderCV's lists of them): not a link to work.
fn is_contact(p: &Profile) -> bool {
    let network = p.network.trim();
    let url = p
        .url
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    network.eq_ignore_ascii_case("email")
        || network.eq_ignore_ascii_case("phone")
        || url.starts_with("mailto:")
        || url.starts_with("tel:")
}

/// A profile an ATS can use: with a URL or a username.
fn usable(p: &Profile) -> Option<String> {
    present(&p.url)
        .map(str::to_owned)
        .or_else(|| present(&p.username).map(|u| format!("{}: {u}", p.network.trim())))
}

fn links(sheet: &mut Sheet, b: &Basics) {
    let site = present(&b.url);
    let site_is_linkedin = site.is_some_and(|u| u.to_ascii_lowercase().contains("linkedin.com"));

    let mut linkedin: Vec<Evidence> = b
        .profiles
        .iter()
        .enumerate()
        .filter(|(_, p)| is_linkedin(p))
        .filter_map(|(i, p)| Some(at(basics().profiles().at(i).path().as_str(), &usable(p)?)))
        .collect();
    if let Some(url) = site.filter(|_| site_is_linkedin) {
        linkedin.push(at(basics().url().as_str(), url));
    }
    let found = !linkedin.is_empty();
    if !found {
        sheet.suggest(
            "Add your LinkedIn profile (`urls: {linkedin: ...}` or a `profiles` entry): \
             recruiters check it next to the resume.",
        );
    }
    sheet.check(
        "contact.linkedin",
        "A LinkedIn profile",
        10.0,
        if found { 1.0 } else { 0.0 },
        if found { "given" } else { "none" },
        linkedin,
    );

    let mut web: Vec<Evidence> = Vec::new();
    if let Some(url) = site.filter(|_| !site_is_linkedin) {
        web.push(at(basics().url().as_str(), url));
    }
    web.extend(
        b.profiles
            .iter()
            .enumerate()
            .filter(|(_, p)| !is_linkedin(p) && !is_contact(p))
            .filter_map(|(i, p)| Some(at(basics().profiles().at(i).path().as_str(), &usable(p)?))),
    );
    let found = !web.is_empty();
    if !found {
        sheet.suggest(
            "Add a website, portfolio or GitHub link, if you have one that shows your work.",
        );
    }
    sheet.check(
        "contact.links",
        "A website, portfolio or GitHub link",
        10.0,
        if found { 1.0 } else { 0.0 },
        if found {
            super::count(web.len(), "link", "links")
        } else {
            "none".to_owned()
        },
        web,
    );
}

/// Where the header's fields are in the model.
fn basics() -> vitae_core::path::BasicsPath {
    vitae_core::ResumePath::root().basics()
}
