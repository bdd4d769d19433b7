//! Job offers, compared by the user's own weights with the arithmetic shown.
//!
//! Money criteria (base, bonus, yearly equity, benefits) score against the best offer on the
//! table: `value / best`, so the best scores 1. Judgements (remote, growth, work–life balance)
//! are the user's own 0–10 marks, scored `mark / 10`. Each criterion's points are its score ×
//! its weight's share of all weights × 100, so the totals are out of 100 and every number
//! can be checked by hand.

use super::{TrackError, Tracker};
use serde::{Deserialize, Serialize};
use vitae_store::{OfferFields, OfferRecord, StoreError, Write};

/// Equity and how it vests.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Equity {
    /// The grant's value, in the offer's currency.
    pub value: f64,
    /// Years it vests over (4 is usual); the yearly value is `value / years`.
    #[serde(default = "four")]
    pub years: f64,
    /// Months before the first part vests (a year, the usual cliff, unless given).
    #[serde(default = "twelve")]
    pub cliff_months: u32,
}

fn four() -> f64 {
    4.0
}

fn twelve() -> u32 {
    12
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Offer {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub number: i64,
    #[serde(default)]
    pub version: i64,
    pub company: String,
    #[serde(default)]
    pub role: String,
    /// ISO 4217 code; offers in different currencies are not compared.
    #[serde(default = "usd")]
    pub currency: String,
    /// Yearly base salary.
    pub base: f64,
    /// Yearly target bonus.
    #[serde(default)]
    pub bonus: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equity: Option<Equity>,
    /// The yearly value of benefits (health, retirement match, stipends).
    #[serde(default)]
    pub benefits: f64,
    /// 0 (fully on site, long commute) to 10 (fully remote, as wanted).
    #[serde(default = "five")]
    pub remote: f64,
    /// 0–10: learning, scope, career path.
    #[serde(default = "five")]
    pub growth: f64,
    /// 0–10: hours, on-call, pace.
    #[serde(default = "five")]
    pub balance: f64,
    /// ISO date the answer is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// The application it answers (its number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application: Option<i64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

fn usd() -> String {
    "USD".into()
}

fn five() -> f64 {
    5.0
}

/// The marks an offer's `remote`, `growth` and `balance` take: 0 (worst) to 10 (best).
pub const MARKS: std::ops::RangeInclusive<f64> = 0.0..=10.0;

impl Offer {
    /// The equity's yearly value.
    pub fn equity_per_year(&self) -> f64 {
        self.equity
            .as_ref()
            .filter(|e| e.years > 0.0)
            .map_or(0.0, |e| e.value / e.years)
    }

    /// Base, bonus, yearly equity and benefits.
    pub fn yearly_total(&self) -> f64 {
        self.base + self.bonus + self.equity_per_year() + self.benefits
    }

    /// The offer as stored: currency codes in capitals (`usd` is `USD`), dates as ISO text.
    fn normalized(&self) -> Offer {
        let mut o = self.clone();
        o.currency = o.currency.trim().to_ascii_uppercase();
        if let Some(d) = &o.deadline
            && let Ok(day) = super::parse_iso(d, "deadline")
        {
            o.deadline = Some(super::iso(day));
        }
        o
    }

    fn check(&self) -> Result<(), TrackError> {
        if self.company.trim().is_empty() {
            return Err(TrackError::invalid("company", "the company is empty"));
        }
        for (name, v) in [
            ("base", self.base),
            ("bonus", self.bonus),
            ("benefits", self.benefits),
            (
                "equity.value",
                self.equity.as_ref().map_or(0.0, |e| e.value),
            ),
        ] {
            if !v.is_finite() || v < 0.0 {
                return Err(TrackError::invalid(name, format!("{v} is not an amount")));
            }
        }
        if let Some(e) = &self.equity
            && !(e.years.is_finite() && e.years > 0.0 && e.years <= 20.0)
        {
            return Err(TrackError::invalid(
                "equity.years",
                format!("{} is not a vesting period in years", e.years),
            ));
        }
        for (name, v) in [
            ("remote", self.remote),
            ("growth", self.growth),
            ("balance", self.balance),
        ] {
            if !MARKS.contains(&v) {
                return Err(TrackError::invalid(
                    name,
                    format!("{v} is not a mark from 0 to 10"),
                ));
            }
        }
        if let Some(d) = &self.deadline {
            super::parse_iso(d, "deadline")?;
        }
        Ok(())
    }
}

/// How much each criterion matters to the user. Any non-negative numbers: each counts by its
/// share of the sum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub base: f64,
    pub bonus: f64,
    pub equity: f64,
    pub benefits: f64,
    pub remote: f64,
    pub growth: f64,
    pub balance: f64,
}

impl Default for Weights {
    /// Pay first, then the rest about evenly (resume-cli's defaults gave salary 30, growth 25,
    /// balance 25, benefits 20; pay is split here into its parts).
    fn default() -> Weights {
        Weights {
            base: 25.0,
            bonus: 5.0,
            equity: 5.0,
            benefits: 15.0,
            remote: 10.0,
            growth: 20.0,
            balance: 20.0,
        }
    }
}

impl Weights {
    /// Each criterion's name and weight, in the order reports list them.
    pub fn pairs(&self) -> [(&'static str, f64); 7] {
        [
            ("base", self.base),
            ("bonus", self.bonus),
            ("equity", self.equity),
            ("benefits", self.benefits),
            ("remote", self.remote),
            ("growth", self.growth),
            ("balance", self.balance),
        ]
    }

    fn check(&self) -> Result<(), TrackError> {
        for (name, w) in self.pairs() {
            if !w.is_finite() || w < 0.0 {
                return Err(TrackError::invalid(name, format!("{w} is not a weight")));
            }
        }
        if self.pairs().iter().map(|(_, w)| w).sum::<f64>() <= 0.0 {
            return Err(TrackError::invalid("weights", "every weight is 0")
                .with_hint("give at least one criterion a weight above 0"));
        }
        Ok(())
    }
}

/// One criterion of one offer, with the arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    pub name: &'static str,
    /// The offer's value (money per year, or the 0–10 mark).
    pub value: f64,
    /// What it is scored against: the best offer's value, or 10.
    pub against: f64,
    /// `value / against`, 0–1.
    pub score: f64,
    /// The weight's share of all weights, 0–1.
    pub share: f64,
    /// `score × share × 100`.
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Scored {
    pub offer: Offer,
    pub criteria: Vec<Criterion>,
    /// Out of 100.
    pub total: f64,
    pub yearly_total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    pub weights: Weights,
    pub currency: String,
    /// Best first.
    pub offers: Vec<Scored>,
}

/// Scores offers against each other with `weights`, best first.
pub fn compare(offers: &[Offer], weights: &Weights) -> Result<Comparison, TrackError> {
    weights.check()?;
    let currency = offers.first().map_or_else(usd, |o| o.currency.clone());
    if let Some(other) = offers.iter().find(|o| o.currency != currency) {
        return Err(TrackError::invalid(
            format!("offer #{}", other.number),
            format!(
                "its currency is {}, another offer's is {currency}",
                other.currency
            ),
        )
        .with_hint("convert the amounts to one currency to compare them"));
    }
    let sum: f64 = weights.pairs().iter().map(|(_, w)| w).sum();
    let money = |o: &Offer, name: &str| match name {
        "base" => o.base,
        "bonus" => o.bonus,
        "equity" => o.equity_per_year(),
        _ => o.benefits,
    };
    let best = |name: &str| {
        offers
            .iter()
            .map(|o| money(o, name))
            .fold(0.0_f64, f64::max)
    };
    let mut scored: Vec<Scored> = offers
        .iter()
        .map(|o| {
            let criteria: Vec<Criterion> = weights
                .pairs()
                .into_iter()
                .map(|(name, w)| {
                    let (value, against) = match name {
                        "remote" => (o.remote, 10.0),
                        "growth" => (o.growth, 10.0),
                        "balance" => (o.balance, 10.0),
                        _ => (money(o, name), best(name)),
                    };
                    let score = if against > 0.0 { value / against } else { 0.0 };
                    let share = w / sum;
                    Criterion {
                        name,
                        value,
                        against,
                        score,
                        share,
                        points: score * share * 100.0,
                    }
                })
                .collect();
            Scored {
                total: criteria.iter().map(|c| c.points).sum(),
                criteria,
                yearly_total: o.yearly_total(),
                offer: o.clone(),
            }
        })
        .collect();
    scored.sort_by(|a, b| {
        b.total
            .total_cmp(&a.total)
            .then(a.offer.number.cmp(&b.offer.number))
    });
    Ok(Comparison {
        weights: weights.clone(),
        currency,
        offers: scored,
    })
}

fn offer(record: OfferRecord) -> Result<Offer, TrackError> {
    let mut o: Offer = serde_json::from_str(&record.fields.body)
        .map_err(|e| TrackError::Store(StoreError::Corrupt(format!("offer {}: {e}", record.id))))?;
    o.id = record.id;
    o.number = record.number;
    o.version = record.version;
    Ok(o)
}

fn fields(o: &Offer) -> Result<OfferFields, TrackError> {
    let mut body =
        serde_json::to_value(o).map_err(|e| TrackError::invalid("offer", e.to_string()))?;
    if let Some(map) = body.as_object_mut() {
        for key in ["id", "number", "version"] {
            map.remove(key);
        }
    }
    Ok(OfferFields {
        company: o.company.trim().to_owned(),
        body: body.to_string(),
    })
}

impl Tracker {
    pub async fn add_offer(&self, o: &Offer) -> Result<Offer, TrackError> {
        let o = o.normalized();
        o.check()?;
        offer(self.store.create_offer(&self.tenant, &fields(&o)?).await?)
    }

    pub async fn offers(&self) -> Result<Vec<Offer>, TrackError> {
        self.store
            .list_offers(&self.tenant)
            .await?
            .into_iter()
            .map(offer)
            .collect()
    }

    async fn offer_id(&self, which: &str) -> Result<String, TrackError> {
        match super::reference(which) {
            super::Reference::Number(n) => self
                .store
                .offer_id(&self.tenant, n)
                .await?
                .ok_or_else(|| TrackError::OfferNotFound(format!("#{n}"))),
            super::Reference::Id(id) => Ok(id.to_owned()),
        }
    }

    pub async fn get_offer(&self, which: &str) -> Result<Offer, TrackError> {
        let id = self.offer_id(which).await?;
        match self.store.get_offer(&self.tenant, &id).await? {
            Some(r) => offer(r),
            None => Err(TrackError::OfferNotFound(which.to_owned())),
        }
    }

    /// Replaces an offer's figures, at the version the caller read.
    pub async fn update_offer(
        &self,
        which: &str,
        expected: i64,
        o: &Offer,
    ) -> Result<Offer, TrackError> {
        let o = o.normalized();
        o.check()?;
        let id = self.offer_id(which).await?;
        match self
            .store
            .update_offer(&self.tenant, &id, expected, &fields(&o)?)
            .await?
        {
            Write::Done(r) => offer(r),
            Write::Missing => Err(TrackError::OfferNotFound(which.to_owned())),
            Write::Stale { current } => Err(TrackError::Stale {
                what: "offer",
                current,
            }),
        }
    }

    pub async fn delete_offer(&self, which: &str, expected: Option<i64>) -> Result<(), TrackError> {
        let id = self.offer_id(which).await?;
        match self.store.delete_offer(&self.tenant, &id, expected).await? {
            Write::Done(()) => Ok(()),
            Write::Missing => Err(TrackError::OfferNotFound(which.to_owned())),
            Write::Stale { current } => Err(TrackError::Stale {
                what: "offer",
                current,
            }),
        }
    }

    /// The user's weights (the defaults until set).
    pub async fn weights(&self) -> Result<Weights, TrackError> {
        let json = self.store.offer_weights(&self.tenant).await?;
        if json.is_empty() {
            return Ok(Weights::default());
        }
        serde_json::from_str(&json)
            .map_err(|e| TrackError::Store(StoreError::Corrupt(format!("offer weights: {e}"))))
    }

    pub async fn set_weights(&self, weights: &Weights) -> Result<(), TrackError> {
        weights.check()?;
        let json = serde_json::to_string(weights)
            .map_err(|e| TrackError::invalid("weights", e.to_string()))?;
        Ok(self.store.set_offer_weights(&self.tenant, &json).await?)
    }

    /// Every offer, compared with the user's weights.
    pub async fn compare_offers(&self) -> Result<Comparison, TrackError> {
        compare(&self.offers().await?, &self.weights().await?)
    }
}
