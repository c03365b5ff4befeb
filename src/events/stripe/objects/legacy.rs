//! Object kinds of preview products (reserves, privacy) and of retired APIs (Orders, SKUs,
//! Recipients) that endpoints pinned to old API versions can still receive, and balance
//! settings.

use serde::Deserialize;
use serde_json::Value;

use super::super::common::{Expandable, Metadata};
use super::super::deser::nullable;

/// `object: "balance_settings"` (event `balance_settings.updated`): how a
/// connected account's balance is paid out. It has no id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BalanceSettings {
    /// Payout schedule, debit negative balances, settlement timing.
    pub payments: Option<Value>,
}

/// `object: "reserve.hold"` (events `reserve.hold.*`, preview): funds held in reserve.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReserveHold {
    /// Id.
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Why the funds are held, as sent.
    pub reason: Option<Value>,
    /// The reserve plan.
    pub reserve_plan: Option<Expandable<Value>>,
}

/// `object: "reserve.plan"` (events `reserve.plan.*`, preview): the rules funds are
/// reserved by.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReservePlan {
    /// Id.
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `active`, `disabled` or `expired`.
    pub status: Option<String>,
    /// The kind of plan.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "reserve.release"` (event `reserve.release.created`, preview): held funds
/// released.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReserveRelease {
    /// Id.
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Why they were released, as sent.
    pub reason: Option<Value>,
    /// The hold released.
    pub reserve_hold: Option<Expandable<Value>>,
}

/// `object: "privacy.redaction_job"` (events `privacy.redaction_job.*`, preview): a job
/// that redacts personal data.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RedactionJob {
    /// Id.
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `canceled`, `ready`, `redacting`, `succeeded`, `validating`, ….
    pub status: Option<String>,
}

/// `object: "order"` (events `order.*`, the Orders API retired in 2022).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Order {
    /// Id (`or_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Amount returned.
    pub amount_returned: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Value>>,
    /// Email.
    pub email: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `created`, `paid`, `canceled`, `fulfilled` or `returned`.
    pub status: Option<String>,
}

/// `object: "order_return"` (event `order_return.created`, the Orders API retired
/// in 2022).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OrderReturn {
    /// Id (`orret_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The order.
    pub order: Option<Expandable<Value>>,
    /// The refund.
    pub refund: Option<Expandable<Value>>,
}

/// `object: "sku"` (events `sku.*`, the Orders API retired in 2022): a product variant.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Sku {
    /// Id (`sku_…`).
    pub id: String,
    /// Whether it is active.
    pub active: Option<bool>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Price.
    pub price: Option<i64>,
    /// The product.
    pub product: Option<Expandable<Value>>,
}

/// `object: "recipient"` (events `recipient.*`, the Recipients API replaced by Connect).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Recipient {
    /// Id (`rp_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Description.
    pub description: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Name.
    pub name: Option<String>,
    /// `individual` or `corporation`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}
