//! Products beyond payments and billing: Identity, Reporting, Sigma, Terminal, test clocks,
//! Financial Connections, Climate, Tax, Entitlements and Capital.

use serde::Deserialize;
use serde_json::Value;

use super::super::common::{Expandable, Metadata};
use super::super::deser::nullable;

/// `object: "identity.verification_session"` (events
/// `identity.verification_session.*`): a customer verifying their identity with Stripe
/// Identity.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IdentityVerificationSession {
    /// Id (`vs_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Your reference.
    pub client_reference_id: Option<String>,
    /// Why it requires input.
    pub last_error: Option<Value>,
    /// The latest verification report.
    pub last_verification_report: Option<Expandable<Value>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Redaction state.
    pub redaction: Option<Value>,
    /// `canceled`, `processing`, `requires_input` or `verified`.
    pub status: Option<String>,
    /// `document`, `id_number` or `verification_flow`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Where the user verifies.
    pub url: Option<String>,
}

/// `object: "reporting.report_run"` (events `reporting.report_run.*`): a run of a
/// financial report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReportRun {
    /// Id (`frr_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Why it failed.
    pub error: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The report parameters.
    pub parameters: Option<Value>,
    /// The report type.
    pub report_type: Option<String>,
    /// The result file, once it succeeded.
    pub result: Option<Value>,
    /// `failed`, `pending` or `succeeded`.
    pub status: Option<String>,
    /// When it succeeded, Unix seconds.
    pub succeeded_at: Option<i64>,
}

/// `object: "reporting.report_type"` (event `reporting.report_type.updated`): a report
/// type; the event says new data is available.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReportType {
    /// Id.
    pub id: String,
    /// End of the data available, Unix seconds.
    pub data_available_end: Option<i64>,
    /// Start of the data available, Unix seconds.
    pub data_available_start: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Name.
    pub name: Option<String>,
    /// When it was updated, Unix seconds.
    pub updated: Option<i64>,
    /// Version.
    pub version: Option<i64>,
}

/// `object: "scheduled_query_run"` (event
/// `sigma.scheduled_query_run.created`): a finished run of a Sigma query.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ScheduledQueryRun {
    /// Id (`sqr_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// When the data was loaded, Unix seconds.
    pub data_load_time: Option<i64>,
    /// Why it failed.
    pub error: Option<Value>,
    /// The result file.
    pub file: Option<Value>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// When the result expires, Unix seconds.
    pub result_available_until: Option<i64>,
    /// The query.
    pub sql: Option<String>,
    /// `canceled`, `completed`, `failed` or `timed_out`.
    pub status: Option<String>,
    /// Title.
    pub title: Option<String>,
}

/// `object: "terminal.reader"` (events `terminal.reader.*`): a card reader;
/// the events report how its current action went.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TerminalReader {
    /// Id (`tmr_…`).
    pub id: String,
    /// The action in progress or just finished, with its status.
    pub action: Option<Value>,
    /// `bbpos_wisepos_e`, `stripe_m2`, ….
    pub device_type: Option<String>,
    /// Local IP address.
    pub ip_address: Option<String>,
    /// Label.
    pub label: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The location.
    pub location: Option<Expandable<Value>>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Serial number.
    pub serial_number: Option<String>,
    /// `offline` or `online`.
    pub status: Option<String>,
}

/// `object: "test_helpers.test_clock"` (events `test_helpers.test_clock.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TestClock {
    /// Id (`clock_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
    /// When it will be deleted, Unix seconds.
    pub deletes_after: Option<i64>,
    /// Its current time, Unix seconds.
    pub frozen_time: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Name.
    pub name: Option<String>,
    /// `advancing`, `internal_failure` or `ready`.
    pub status: Option<String>,
}

/// `object: "financial_connections.account"` (events
/// `financial_connections.account.*`): a bank account linked through Financial Connections.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FinancialConnectionsAccount {
    /// Id (`fca_…`).
    pub id: String,
    /// Who owns it.
    pub account_holder: Option<Value>,
    /// The latest balance.
    pub balance: Option<Value>,
    /// `cash`, `credit`, `investment` or `other`.
    pub category: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Name shown.
    pub display_name: Option<String>,
    /// The bank.
    pub institution_name: Option<String>,
    /// Last four digits.
    pub last4: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `active`, `disconnected` or `inactive`.
    pub status: Option<String>,
    /// `checking`, `savings`, ….
    pub subcategory: Option<String>,
}

/// `object: "financial_connections.authorization"` (events
/// `financial_connections.authorization.*`): the credentials that connect a group of
/// Financial Connections accounts (fields as in stripe-node's `FinancialConnections.Authorization`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FinancialConnectionsAuthorization {
    /// Id (`fcauth_…`).
    pub id: String,
    /// Who owns it.
    pub account_holder: Option<Value>,
    /// The bank.
    pub institution_name: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `active` or `inactive`.
    pub status: Option<String>,
    /// `active.action` / `inactive.action` (`none`, `relink_required`) and
    /// `active.expected_deactivation_date`.
    pub status_details: Option<Value>,
}

/// `object: "financial_connections.session"` (event
/// `financial_connections.session.updated`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FinancialConnectionsSession {
    /// Id (`fcsess_…`).
    pub id: String,
    /// Who owns the accounts.
    pub account_holder: Option<Value>,
    /// The accounts linked.
    pub accounts: Option<Value>,
    /// Secret for the client.
    pub client_secret: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `cancelled`, `failed`, `pending` or `succeeded`.
    pub status: Option<String>,
}

/// `object: "climate.order"` (events `climate.order.*`): a purchase of
/// carbon removal.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ClimateOrder {
    /// Id (`climorder_…`).
    pub id: String,
    /// Fees.
    pub amount_fees: Option<i64>,
    /// Subtotal.
    pub amount_subtotal: Option<i64>,
    /// Total.
    pub amount_total: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// When it was delivered, Unix seconds.
    pub delivered_at: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Tonnes ordered, as a decimal string.
    pub metric_tons: Option<String>,
    /// The Climate product.
    pub product: Option<Expandable<Value>>,
    /// `awaiting_funds`, `canceled`, `confirmed`, `delivered` or `open`.
    pub status: Option<String>,
}

/// `object: "climate.product"` (events `climate.product.*`): a carbon removal
/// product.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ClimateProduct {
    /// Id.
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Prices per tonne, per currency.
    pub current_prices_per_metric_ton: Option<Value>,
    /// Expected delivery year.
    pub delivery_year: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Tonnes available, as a decimal string.
    pub metric_tons_available: Option<String>,
    /// Name.
    pub name: Option<String>,
}

/// `object: "tax.settings"` (event `tax.settings.updated`): your Stripe Tax
/// settings. It has no id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TaxSettings {
    /// Default tax behaviour and code.
    pub defaults: Option<Value>,
    /// Head office address.
    pub head_office: Option<Value>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `active` or `pending`.
    pub status: Option<String>,
    /// What is still missing.
    pub status_details: Option<Value>,
}

/// `object: "tax.form"` (event `tax.form.updated`, preview): a tax form such as a
/// 1099.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TaxForm {
    /// Id.
    pub id: String,
    /// The form that corrects it.
    pub corrected_by: Option<Value>,
    /// Who it is for.
    pub payee: Option<Value>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `us_1099_k`, `us_1099_misc`, ….
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "entitlements.active_entitlement_summary"` (event
/// `entitlements.active_entitlement_summary.updated`): the features a customer has. It has
/// no id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ActiveEntitlementSummary {
    /// The customer.
    pub customer: Option<Expandable<Value>>,
    /// The active entitlements (a list).
    pub entitlements: Option<Value>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
}

/// `object: "capital.financing_offer"` (events `capital.financing_offer.*`,
/// preview): a Stripe Capital financing offer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FinancingOffer {
    /// Id.
    pub id: String,
    /// The connected account.
    pub account: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// When it expires, Unix seconds.
    pub expires_after: Option<f64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The terms offered.
    pub offered_terms: Option<Value>,
    /// `accepted`, `canceled`, `expired`, `fully_repaid`, `paid_out`, ….
    pub status: Option<String>,
    /// `cash_advance` or `flex_loan`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "capital.financing_transaction"` (event
/// `capital.financing_transaction.created`, preview).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FinancingTransaction {
    /// Id.
    pub id: String,
    /// The connected account.
    pub account: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Amounts and reason.
    pub details: Option<Value>,
    /// The offer.
    pub financing_offer: Option<Expandable<Value>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `payment`, `payout` or `reversal`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}
