//! The words a letter is written in: every fixed phrase of [`super::compose`], in each language
//! vitae writes letters in.
//!
//! A phrase is a template. `{title}`, `{company}`, `{name}`, `{label}`, `{degree}`, `{field}`,
//! `{institution}`, `{dates}`, `{list}` and `{contact}` stand for facts (copied from the resume,
//! the job or the options, and traced); `[…]` is a part left out when a fact inside it is
//! missing ("… position[ at {company}]."). English alone needs articles chosen by the fact:
//! `{a:title}` writes "a "/"an " before a title, `{the:company}` "the " before an organisation
//! whose name reads as a description ("the University of Illinois"); French elides before a
//! vowel, `{que:title}` and `{de:title}` writing "que "/"qu'" and "de "/"d'".
//!
//! The resume's own words (bullets, titles, skills) are quoted as written, in whatever language
//! the resume is written: a letter never translates what it cannot check.

use serde::Serialize;

/// A language letters are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    De,
    Fr,
    Es,
}

/// The codes of the languages letters are written in, for messages.
pub const LANGUAGES: &str = "en (English), de (German), fr (French), es (Spanish)";

impl Language {
    /// The language of a locale code or name: `de`, `de-AT`, `de_CH`, `German`, `français`...
    /// `None` for a language letters are not written in.
    pub fn from_code(code: &str) -> Option<Language> {
        let lower = code.trim().to_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or_default();
        Some(match primary {
            "en" | "eng" | "english" => Language::En,
            "de" | "deu" | "ger" | "german" | "deutsch" => Language::De,
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Language::Fr,
            "es" | "spa" | "spanish" | "español" | "espanol" => Language::Es,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::De => "de",
            Language::Fr => "fr",
            Language::Es => "es",
        }
    }

    pub(super) fn phrases(self) -> &'static Phrases {
        match self {
            Language::En => &EN,
            Language::De => &DE,
            Language::Fr => &FR,
            Language::Es => &ES,
        }
    }
}

/// A language's phrases (see the module documentation for the template syntax).
pub(super) struct Phrases {
    pub subject: &'static str,
    pub dear_name: &'static str,
    pub dear_company: &'static str,
    pub dear_anyone: &'static str,
    /// The first recipient line when the company is known and no one is named.
    pub hiring_team: &'static str,
    /// Ways to ask for the role: with the job's title, and without one. German ones start
    /// lower-case, as a German letter's first sentence does after "Sehr geehrte …,".
    pub openings: [(&'static str, &'static str); 4],
    /// The resume's headline as a sentence.
    pub headline: &'static str,
    /// Who the candidate was at an employer and when, lower-case: "as {a:title} at
    /// {the:company} ({dates})".
    pub role: &'static str,
    /// After the first role, before the first quoted achievement (languages that quote every
    /// achievement as written; English turns a past-tense bullet into "I …").
    pub role_lead: &'static str,
    /// Earlier roles, around `{role}`: "Earlier, {role}" …
    pub earlier: [&'static str; 2],
    /// Before a second and a third achievement of one role, when quoted as written.
    pub also: [&'static str; 2],
    /// The skills both name, `{list}`: one is chosen per letter. The first must also read well
    /// with a single skill: a letter naming one uses it (the others may speak of several).
    pub skills: &'static [&'static str],
    /// "and" in a list of three or more, and of two.
    pub and: &'static str,
    /// Degrees: earned, in progress, other.
    pub degree_earned: &'static str,
    pub degree_ongoing: &'static str,
    pub degree_other: &'static str,
    pub thanks_title: &'static str,
    pub thanks: &'static str,
    pub reach: &'static str,
    /// Between an e-mail address and a phone number.
    pub or: &'static str,
    pub closing: &'static str,
    pub months: [&'static str; 12],
    /// A month of a year, `{month}` and `{year}`.
    pub month_year: &'static str,
    pub since: &'static str,
    pub from: &'static str,
    pub until: &'static str,
}

impl Phrases {
    /// Every word of the phrases, for the verifier: the letter's own words are no claim.
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        let singles = [
            self.subject,
            self.dear_name,
            self.dear_company,
            self.dear_anyone,
            self.hiring_team,
            self.headline,
            self.role,
            self.role_lead,
            self.and,
            self.degree_earned,
            self.degree_ongoing,
            self.degree_other,
            self.thanks_title,
            self.thanks,
            self.reach,
            self.or,
            self.closing,
            self.month_year,
            self.since,
            self.from,
            self.until,
        ];
        singles
            .into_iter()
            .chain(self.openings.iter().flat_map(|(a, b)| [*a, *b]))
            .chain(self.earlier)
            .chain(self.also)
            .chain(self.skills.iter().copied())
            .chain(self.months)
    }
}

const EN: Phrases = Phrases {
    subject: "Application for {title}",
    dear_name: "Dear {name},",
    dear_company: "Dear Hiring Team at {company},",
    dear_anyone: "Dear Hiring Manager,",
    hiring_team: "Hiring Team",
    openings: [
        (
            "I am writing to apply for the {title} position[ at {the:company}].",
            "I am writing to apply for this position[ at {the:company}].",
        ),
        (
            "I would like to be considered for the {title} role[ at {the:company}].",
            "I would like to be considered for this role[ at {the:company}].",
        ),
        (
            "Please accept my application for the {title} position[ at {the:company}].",
            "Please accept my application for this position[ at {the:company}].",
        ),
        (
            "I am applying for the {title} role[ at {the:company}].",
            "I am applying for this role[ at {the:company}].",
        ),
    ],
    headline: "I am {a:label}.",
    role: "[as {a:title}][ at {the:company}][ ({dates})]",
    role_lead: ": ",
    earlier: ["Earlier, {role}", "Before that, {role}"],
    also: ["", ""],
    skills: &[
        "Of the skills your posting names, my resume lists {list}.",
        "My resume lists {list}, each of which your posting names.",
        "Your posting names {list}; my resume lists each of them.",
    ],
    and: " and ",
    degree_earned: "I earned my {degree}[ in {field}][ from {the:institution}].",
    degree_ongoing: "I am completing my {degree}[ in {field}][ at {the:institution}].",
    degree_other: "I studied for my {degree}[ in {field}][ at {the:institution}].",
    thanks_title: "Thank you for your time and consideration. I would welcome the opportunity to \
                   discuss the {title} role with you.",
    thanks: "Thank you for your time and consideration. I would welcome the opportunity to \
             discuss this role with you.",
    reach: "You can reach me at {contact}.",
    or: " or ",
    closing: "Sincerely,",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    month_year: "{month} {year}",
    since: "since {dates}",
    from: "from {dates}",
    until: "until {dates}",
};

const DE: Phrases = Phrases {
    subject: "Bewerbung als {title}",
    dear_name: "Guten Tag {name},",
    dear_company: "Sehr geehrtes Team von {company},",
    dear_anyone: "Sehr geehrte Damen und Herren,",
    hiring_team: "Personalabteilung",
    openings: [
        (
            "hiermit bewerbe ich mich um die Stelle als {title}[ bei {company}].",
            "hiermit bewerbe ich mich um diese Stelle[ bei {company}].",
        ),
        (
            "mit großem Interesse bewerbe ich mich[ bei {company}] als {title}.",
            "mit großem Interesse bewerbe ich mich[ bei {company}] um diese Stelle.",
        ),
        (
            "gern möchte ich mich[ bei {company}] als {title} bewerben.",
            "gern möchte ich mich[ bei {company}] auf diese Stelle bewerben.",
        ),
        (
            "bitte berücksichtigen Sie meine Bewerbung als {title}[ bei {company}].",
            "bitte berücksichtigen Sie meine Bewerbung auf diese Stelle[ bei {company}].",
        ),
    ],
    headline: "Ich bin {label}.",
    role: "[als {title}][ bei {company}][ ({dates})]",
    role_lead: " habe ich unter anderem Folgendes erreicht: ",
    earlier: [
        "Zuvor war ich {role} tätig: ",
        "Davor war ich {role} tätig: ",
    ],
    also: ["Außerdem: ", "Darüber hinaus: "],
    skills: &[
        "Von den Kenntnissen, die Ihre Ausschreibung nennt, führt mein Lebenslauf {list} auf.",
    ],
    and: " und ",
    degree_earned: "Ich habe einen Abschluss als {degree}[ in {field}][ ({institution})].",
    degree_ongoing: "Derzeit absolviere ich: {degree}[ in {field}][ ({institution})].",
    degree_other: "Studium: {degree}[ in {field}][ ({institution})].",
    thanks_title: "Vielen Dank für Ihre Zeit und Aufmerksamkeit. Über die Gelegenheit, mit Ihnen \
                   über die Stelle als {title} zu sprechen, freue ich mich.",
    thanks: "Vielen Dank für Ihre Zeit und Aufmerksamkeit. Über die Gelegenheit, mit Ihnen über \
             diese Stelle zu sprechen, freue ich mich.",
    reach: "Sie erreichen mich unter {contact}.",
    or: " oder ",
    closing: "Mit freundlichen Grüßen",
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    month_year: "{month} {year}",
    since: "seit {dates}",
    from: "ab {dates}",
    until: "bis {dates}",
};

const FR: Phrases = Phrases {
    subject: "Candidature au poste {de:title}",
    dear_name: "Bonjour {name},",
    dear_company: "Madame, Monsieur,",
    dear_anyone: "Madame, Monsieur,",
    hiring_team: "Service du recrutement",
    openings: [
        (
            "Je vous adresse ma candidature au poste {de:title}[ chez {company}].",
            "Je vous adresse ma candidature pour ce poste[ chez {company}].",
        ),
        (
            "Je souhaite vous proposer ma candidature pour le poste {de:title}[ chez {company}].",
            "Je souhaite vous proposer ma candidature pour ce poste[ chez {company}].",
        ),
        (
            "Je me permets de postuler au poste {de:title}[ chez {company}].",
            "Je me permets de postuler à ce poste[ chez {company}].",
        ),
        (
            "Veuillez trouver ci-joint ma candidature au poste {de:title}[ chez {company}].",
            "Veuillez trouver ci-joint ma candidature pour ce poste[ chez {company}].",
        ),
    ],
    headline: "Je suis {label}.",
    role: "[en tant {que:title}][ chez {company}][ ({dates})]",
    role_lead: ", j'ai notamment obtenu les résultats suivants : ",
    earlier: ["Auparavant, {role} : ", "Avant cela, {role} : "],
    also: ["Par ailleurs : ", "En outre : "],
    skills: &["Parmi les compétences citées dans votre annonce, mon CV mentionne {list}."],
    and: " et ",
    degree_earned: "Je suis titulaire du diplôme suivant : {degree}[ en {field}][ ({institution})].",
    degree_ongoing: "Je prépare actuellement : {degree}[ en {field}][ ({institution})].",
    degree_other: "Formation : {degree}[ en {field}][ ({institution})].",
    thanks_title: "Je vous remercie de votre attention et me tiens à votre disposition pour \
                   échanger sur le poste {de:title}.",
    thanks: "Je vous remercie de votre attention et me tiens à votre disposition pour échanger \
             sur ce poste.",
    reach: "Vous pouvez me contacter : {contact}.",
    or: " ou ",
    closing: "Veuillez agréer l'expression de mes salutations distinguées.",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    month_year: "{month} {year}",
    since: "depuis {dates}",
    from: "à partir de {dates}",
    until: "jusqu'en {dates}",
};

const ES: Phrases = Phrases {
    subject: "Solicitud para el puesto de {title}",
    dear_name: "Estimado/a {name}:",
    dear_company: "Estimado equipo de {company}:",
    dear_anyone: "Estimado equipo de selección:",
    hiring_team: "Departamento de selección",
    openings: [
        (
            "Me dirijo a ustedes para presentar mi candidatura al puesto de {title}[ en {company}].",
            "Me dirijo a ustedes para presentar mi candidatura a este puesto[ en {company}].",
        ),
        (
            "Les escribo para postularme al puesto de {title}[ en {company}].",
            "Les escribo para postularme a este puesto[ en {company}].",
        ),
        (
            "Deseo presentar mi candidatura al puesto de {title}[ en {company}].",
            "Deseo presentar mi candidatura a este puesto[ en {company}].",
        ),
        (
            "Con mucho interés les envío mi solicitud para el puesto de {title}[ en {company}].",
            "Con mucho interés les envío mi solicitud para este puesto[ en {company}].",
        ),
    ],
    headline: "Soy {label}.",
    role: "[como {title}][ en {company}][ ({dates})]",
    role_lead: ", entre mis logros destaca lo siguiente: ",
    earlier: ["Anteriormente, {role}: ", "Antes de eso, {role}: "],
    also: ["Además: ", "Asimismo: "],
    skills: &["De las competencias que menciona su oferta, mi currículum incluye {list}."],
    and: " y ",
    degree_earned: "Tengo el título de {degree}[ en {field}][ ({institution})].",
    degree_ongoing: "Actualmente curso: {degree}[ en {field}][ ({institution})].",
    degree_other: "Formación: {degree}[ en {field}][ ({institution})].",
    thanks_title: "Gracias por su tiempo y consideración. Me encantaría conversar con ustedes \
                   sobre el puesto de {title}.",
    thanks: "Gracias por su tiempo y consideración. Me encantaría conversar con ustedes sobre \
             este puesto.",
    reach: "Pueden contactarme en {contact}.",
    or: " o ",
    closing: "Atentamente,",
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    month_year: "{month} de {year}",
    since: "desde {dates}",
    from: "a partir de {dates}",
    until: "hasta {dates}",
};

/// Spanish writes "e" for "and" before a word that starts with the sound /i/ ("Python e
/// IA"), "u" for "or" before /o/; the phrases hold "y"/"o", this fixes them per next word.
pub(super) fn conjunction(language: Language, word: &'static str, next: &str) -> &'static str {
    if language != Language::Es {
        return word;
    }
    let lower = next.trim_start().to_lowercase();
    let sound_i = (lower.starts_with('i') || lower.starts_with("hi"))
        && !lower.starts_with("hie")
        && !lower.starts_with("hia");
    match word {
        " y " if sound_i => " e ",
        " o " if lower.starts_with('o') || lower.starts_with("ho") => " u ",
        _ => word,
    }
}
