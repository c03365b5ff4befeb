//! Billing beyond invoices and subscriptions: the customer portal, usage alerts and meters,
//! credit grants, quotes, payment links, invoice payments and cash balances.

use serde::Deserialize;
use serde_json::Value;

use super::super::common::{Expandable, Metadata};
use super::super::deser::nullable;

/// `object: "billing_portal.configuration"` (events
/// `billing_portal.configuration.*`): how the customer portal behaves.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BillingPortalConfiguration {
    /// Id (`bpc_…`).
    pub id: String,
    /// Whether it is active.
    pub active: Option<bool>,
    /// The Connect application that created it.
    pub application: Option<Expandable<Value>>,
    /// Headline, privacy policy and terms URLs.
    pub business_profile: Option<Value>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Where customers go back to.
    pub default_return_url: Option<String>,
    /// What customers can do in the portal.
    pub features: Option<Value>,
    /// Whether it is the default configuration.
    pub is_default: Option<bool>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Name.
    pub name: Option<String>,
    /// When it was updated, Unix seconds.
    pub updated: Option<i64>,
}

/// `object: "billing_portal.session"` (event
/// `billing_portal.session.created`): a customer portal visit.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BillingPortalSession {
    /// Id (`bps_…`).
    pub id: String,
    /// The configuration used.
    pub configuration: Option<Expandable<Value>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The customer.
    pub customer: Option<Expandable<Value>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The portal's language.
    pub locale: Option<String>,
    /// The connected account it acts for.
    pub on_behalf_of: Option<String>,
    /// Where the customer goes back to.
    pub return_url: Option<String>,
    /// The portal URL.
    pub url: Option<String>,
}

/// `object: "billing.alert_triggered"` (event `billing.alert.triggered`): a
/// usage alert fired. It has no id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AlertTriggered {
    /// The alert.
    pub alert: Option<Expandable<Value>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The customer.
    pub customer: Option<Expandable<Value>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The value that crossed the threshold.
    pub value: Option<i64>,
}

/// `object: "billing.meter"` (events `billing.meter.*`): a usage meter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Meter {
    /// Id (`mtr_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// How events map to customers.
    pub customer_mapping: Option<Value>,
    /// How values are aggregated.
    pub default_aggregation: Option<Value>,
    /// Name.
    pub display_name: Option<String>,
    /// The meter event name it counts.
    pub event_name: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `active` or `inactive`.
    pub status: Option<String>,
    /// When it was updated, Unix seconds.
    pub updated: Option<i64>,
}

/// `object: "billing.meter_error_report"` (event
/// `billing.meter_error_report.triggered`): meter events Stripe could not process.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MeterErrorReport {
    /// Id.
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// What went wrong, with samples.
    pub reason: Option<Value>,
}

/// `object: "billing.credit_grant"` (events `billing.credit_grant.*`): billing
/// credits granted to a customer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CreditGrant {
    /// Id (`credgr_…`).
    pub id: String,
    /// The amount granted (monetary, with currency).
    pub amount: Option<Value>,
    /// Which prices it applies to.
    pub applicability_config: Option<Value>,
    /// `paid` or `promotional`.
    pub category: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The customer.
    pub customer: Option<Expandable<Value>>,
    /// When it takes effect, Unix seconds.
    pub effective_at: Option<i64>,
    /// When it expires, Unix seconds.
    pub expires_at: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Name.
    pub name: Option<String>,
    /// When it was voided, Unix seconds.
    pub voided_at: Option<i64>,
}

/// `object: "billing.credit_balance_transaction"` (event
/// `billing.credit_balance_transaction.created`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CreditBalanceTransaction {
    /// Id (`cbtxn_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The credit, when it is one.
    pub credit: Option<Value>,
    /// The credit grant.
    pub credit_grant: Option<Expandable<Value>>,
    /// The debit, when it is one.
    pub debit: Option<Value>,
    /// When it takes effect, Unix seconds.
    pub effective_at: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `credit` or `debit`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "quote"` (events `quote.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Quote {
    /// Id (`qt_…`).
    pub id: String,
    /// Subtotal.
    pub amount_subtotal: Option<i64>,
    /// Total.
    pub amount_total: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Value>>,
    /// Description.
    pub description: Option<String>,
    /// When it expires, Unix seconds.
    pub expires_at: Option<i64>,
    /// The invoice it produced.
    pub invoice: Option<Expandable<Value>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Quote number.
    pub number: Option<String>,
    /// `accepted`, `canceled`, `draft`, `open`, `accepting`, `stale`, ….
    pub status: Option<String>,
    /// The subscription it produced.
    pub subscription: Option<Expandable<Value>>,
}

/// `object: "payment_link"` (events `payment_link.*`): a shareable checkout link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PaymentLink {
    /// Id (`plink_…`).
    pub id: String,
    /// Whether it is active.
    pub active: Option<bool>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The link.
    pub url: Option<String>,
}

/// `object: "invoice_payment"` (events `invoice_payment.*`,
/// `invoice.payment.overpaid`): a payment applied to an invoice.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InvoicePayment {
    /// Id (`inpay_…`).
    pub id: String,
    /// Amount paid beyond what was due.
    pub amount_overpaid: Option<i64>,
    /// Amount paid.
    pub amount_paid: Option<i64>,
    /// Amount requested.
    pub amount_requested: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The invoice.
    pub invoice: Option<Expandable<Value>>,
    /// Whether it is the invoice's default payment.
    pub is_default: Option<bool>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The payment intent or charge.
    pub payment: Option<Value>,
    /// `canceled`, `open` or `paid`.
    pub status: Option<String>,
}

/// `object: "cash_balance"` (event `cash_balance.funds_available`): a customer's
/// cash balance. It has no id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CashBalance {
    /// Funds available, per currency.
    pub available: Option<std::collections::HashMap<String, i64>>,
    /// The customer.
    pub customer: Option<Expandable<Value>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Reconciliation settings.
    pub settings: Option<Value>,
}

/// `object: "customer_cash_balance_transaction"` (event
/// `customer_cash_balance_transaction.created`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CustomerCashBalanceTransaction {
    /// Id (`ccsbtxn_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Value>>,
    /// Balance after it.
    pub ending_balance: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Amount added (positive) or removed.
    pub net_amount: Option<i64>,
    /// `funded`, `applied_to_payment`, `refunded_from_payment`, ….
    #[serde(rename = "type")]
    pub kind: Option<String>,
}
