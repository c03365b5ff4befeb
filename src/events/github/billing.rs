//! Money: Marketplace purchases and sponsorships.

use serde::Deserialize;

use super::de::null_default;
use super::{Account, Text, Timestamp, User};

/// A GitHub Marketplace purchase.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MarketplacePurchase {
    /// The account that bought the plan.
    pub account: Option<Account>,
    /// `monthly` or `yearly`.
    pub billing_cycle: Option<Text>,
    /// The number of units, for per-unit plans.
    pub unit_count: Option<u64>,
    /// Whether it is in a free trial.
    pub on_free_trial: Option<bool>,
    /// When the free trial ends.
    pub free_trial_ends_on: Option<Timestamp>,
    /// The next billing date.
    pub next_billing_date: Option<Timestamp>,
    /// The plan.
    pub plan: Option<MarketplacePlan>,
}

/// A GitHub Marketplace plan.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MarketplacePlan {
    /// The numeric id.
    pub id: Option<u64>,
    /// The name.
    pub name: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// The monthly price in cents.
    pub monthly_price_in_cents: Option<u64>,
    /// The yearly price in cents.
    pub yearly_price_in_cents: Option<u64>,
    /// `FREE`, `FLAT_RATE`, `PER_UNIT`.
    pub price_model: Option<Text>,
    /// Whether it has a free trial.
    pub has_free_trial: Option<bool>,
    /// The unit, for per-unit plans.
    pub unit_name: Option<Text>,
    /// The plan's selling points.
    #[serde(default, deserialize_with = "null_default")]
    pub bullets: Vec<Text>,
}

/// A GitHub Sponsors sponsorship.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Sponsorship {
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The sponsored account.
    pub sponsorable: Option<User>,
    /// The sponsoring account.
    pub sponsor: Option<User>,
    /// `public` or `private`.
    pub privacy_level: Option<Text>,
    /// The tier.
    pub tier: Option<SponsorshipTier>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
}

/// A sponsorship tier.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SponsorshipTier {
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The name.
    pub name: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// The monthly price in cents.
    pub monthly_price_in_cents: Option<u64>,
    /// The monthly price in dollars.
    pub monthly_price_in_dollars: Option<u64>,
    /// Whether it is a one-time payment.
    pub is_one_time: Option<bool>,
    /// Whether the sponsor chose the amount.
    pub is_custom_amount: Option<bool>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
}
