//! The weights of the five categories: configurable, validated, and scaled to sum to 100 so that a
//! category's score is always out of its share of 100.

use super::CategoryId;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// How much each category counts. Any non-negative numbers with a positive sum: they are scaled
/// to sum to 100 when scoring, so `keywords=2,format=1,...` and `keywords=40,format=20,...` mean
/// the same. The defaults are the ones users know: format 20, keywords 30, sections 20,
/// contact 15, readability 15.
///
/// ```
/// use vitae_fit::ats::{CategoryId, Weights};
///
/// let w: Weights = "keywords=50, readability=0".parse().unwrap();
/// assert_eq!(w.get(CategoryId::Keywords), 50.0);
/// assert_eq!(w.get(CategoryId::Format), 20.0, "unnamed categories keep their defaults");
/// assert!("keywords=-1".parse::<Weights>().is_err());
/// assert!("keyword=10".parse::<Weights>().unwrap_err().to_string().contains("did you mean `keywords`"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Weights {
    format: f64,
    keywords: f64,
    sections: f64,
    contact: f64,
    readability: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            format: 20.0,
            keywords: 30.0,
            sections: 20.0,
            contact: 15.0,
            readability: 15.0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WeightsError {
    #[error("the weight of `{category}` is {value}; a weight is a finite number, 0 or more")]
    Invalid { category: &'static str, value: f64 },
    #[error("every weight is 0; at least one category must count")]
    AllZero,
    #[error("unknown category `{name}`{}", hint(name))]
    UnknownCategory { name: String },
    #[error("`{text}` is not `category=number` (e.g. `keywords=40`)")]
    Syntax { text: String },
}

fn hint(name: &str) -> String {
    let known: Vec<&str> = CategoryId::ALL.iter().map(|c| c.key()).collect();
    match vitae_core::format::read::closest(name, &known) {
        Some(k) => format!(" (did you mean `{k}`?)"),
        None => format!(" (known: {})", known.join(", ")),
    }
}

impl Weights {
    /// Weights in the order format, keywords, sections, contact, readability.
    pub fn new(
        format: f64,
        keywords: f64,
        sections: f64,
        contact: f64,
        readability: f64,
    ) -> Result<Weights, WeightsError> {
        let w = Weights {
            format,
            keywords,
            sections,
            contact,
            readability,
        };
        w.validated()
    }

    pub fn get(&self, category: CategoryId) -> f64 {
        match category {
            CategoryId::Format => self.format,
            CategoryId::Keywords => self.keywords,
            CategoryId::Sections => self.sections,
            CategoryId::Contact => self.contact,
            CategoryId::Readability => self.readability,
        }
    }

    /// These weights with one changed.
    pub fn with(mut self, category: CategoryId, value: f64) -> Result<Weights, WeightsError> {
        *self.slot(category) = value;
        self.validated()
    }

    /// The weights scaled to sum to 100.
    pub fn normalized(&self) -> Weights {
        let total: f64 = CategoryId::ALL.iter().map(|c| self.get(*c)).sum();
        if !(total.is_finite() && total > 0.0) {
            return Weights::default();
        }
        let mut out = *self;
        for c in CategoryId::ALL {
            *out.slot(c) = self.get(c) * 100.0 / total;
        }
        out
    }

    fn slot(&mut self, category: CategoryId) -> &mut f64 {
        match category {
            CategoryId::Format => &mut self.format,
            CategoryId::Keywords => &mut self.keywords,
            CategoryId::Sections => &mut self.sections,
            CategoryId::Contact => &mut self.contact,
            CategoryId::Readability => &mut self.readability,
        }
    }

    fn validated(self) -> Result<Weights, WeightsError> {
        let mut total = 0.0;
        for c in CategoryId::ALL {
            let value = self.get(c);
            if !value.is_finite() || value < 0.0 {
                return Err(WeightsError::Invalid {
                    category: c.key(),
                    value,
                });
            }
            total += value;
        }
        if total <= 0.0 || !total.is_finite() {
            return Err(WeightsError::AllZero);
        }
        Ok(self)
    }
}

impl FromStr for Weights {
    type Err = WeightsError;

    /// `category=number` pairs separated by commas; unnamed categories keep their defaults.
    fn from_str(text: &str) -> Result<Weights, WeightsError> {
        let mut w = Weights::default();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part.split_once('=').ok_or_else(|| WeightsError::Syntax {
                text: part.to_owned(),
            })?;
            let name = name.trim();
            let category =
                CategoryId::from_key(name).ok_or_else(|| WeightsError::UnknownCategory {
                    name: name.to_owned(),
                })?;
            let value: f64 = value.trim().parse().map_err(|_| WeightsError::Syntax {
                text: part.to_owned(),
            })?;
            *w.slot(category) = value;
        }
        w.validated()
    }
}

impl fmt::Display for Weights {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = CategoryId::ALL
            .iter()
            .map(|c| format!("{}={}", c.key(), self.get(*c)))
            .collect();
        f.write_str(&parts.join(","))
    }
}
