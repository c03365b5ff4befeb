//! Connect and money movement: Account, Balance, Payout, Transfer, Topup, application fees,
//! capabilities, persons.

use std::collections::HashMap;

use serde::Deserialize;

use super::super::common::{Address, Expandable, List, Metadata};
use super::super::deser::{nullable, string_enum};
use super::{BalanceTransaction, Charge};

string_enum! {
    /// `status` of a [`Payout`].
    PayoutStatus {
        Canceled = "canceled",
        Failed = "failed",
        InTransit = "in_transit",
        Paid = "paid",
        Pending = "pending",
    }
}

/// `object: "account"`: a Stripe account (yours or a connected one).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Account {
    /// Id (`acct_…`).
    pub id: String,
    /// Public business details.
    pub business_profile: Option<BusinessProfile>,
    /// `company`, `government_entity`, `individual` or `non_profit`.
    pub business_type: Option<String>,
    /// Capability name → `active`, `inactive` or `pending`.
    #[serde(default, deserialize_with = "nullable")]
    pub capabilities: HashMap<String, String>,
    /// Whether it can create live charges.
    pub charges_enabled: Option<bool>,
    /// Country, two-letter code.
    pub country: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Default currency.
    pub default_currency: Option<String>,
    /// Whether onboarding details were submitted.
    pub details_submitted: Option<bool>,
    /// Email.
    pub email: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Whether payouts are enabled.
    pub payouts_enabled: Option<bool>,
    /// Information Stripe still needs.
    pub requirements: Option<AccountRequirements>,
    /// `custom`, `express`, `standard` or `none`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// An account's public business details.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BusinessProfile {
    /// Merchant category code.
    pub mcc: Option<String>,
    /// Customer-facing name.
    pub name: Option<String>,
    /// Product description.
    pub product_description: Option<String>,
    /// Support email.
    pub support_email: Option<String>,
    /// Support phone.
    pub support_phone: Option<String>,
    /// Website.
    pub url: Option<String>,
}

/// What Stripe still needs from an account.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AccountRequirements {
    /// Deadline for `currently_due`, Unix seconds.
    pub current_deadline: Option<i64>,
    /// Fields due now.
    #[serde(default, deserialize_with = "nullable")]
    pub currently_due: Vec<String>,
    /// Why the account is disabled.
    pub disabled_reason: Option<String>,
    /// Fields due eventually.
    #[serde(default, deserialize_with = "nullable")]
    pub eventually_due: Vec<String>,
    /// Fields past due.
    #[serde(default, deserialize_with = "nullable")]
    pub past_due: Vec<String>,
    /// Fields being verified.
    #[serde(default, deserialize_with = "nullable")]
    pub pending_verification: Vec<String>,
}

/// `object: "balance"` (event `balance.available`). It has no id.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Balance {
    /// Funds available, per currency.
    #[serde(default, deserialize_with = "nullable")]
    pub available: Vec<BalanceAmount>,
    /// Funds reserved for negative balances of connected accounts.
    #[serde(default, deserialize_with = "nullable")]
    pub connect_reserved: Vec<BalanceAmount>,
    /// Funds available for instant payouts.
    #[serde(default, deserialize_with = "nullable")]
    pub instant_available: Vec<BalanceAmount>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Funds not yet available, per currency.
    #[serde(default, deserialize_with = "nullable")]
    pub pending: Vec<BalanceAmount>,
}

/// An amount of a balance in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BalanceAmount {
    /// Amount.
    pub amount: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Breakdown by source type (`card`, `bank_account`, `fpx`).
    #[serde(default, deserialize_with = "nullable")]
    pub source_types: HashMap<String, i64>,
}

/// `object: "payout"`: money sent from Stripe to a bank account or card.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Payout {
    /// Id (`po_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Expected arrival, Unix seconds.
    pub arrival_date: Option<i64>,
    /// Whether Stripe created it on a schedule.
    pub automatic: Option<bool>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The bank account or card it goes to.
    pub destination: Option<Expandable<serde_json::Value>>,
    /// Error code of a failure.
    pub failure_code: Option<String>,
    /// Message of a failure.
    pub failure_message: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `standard` or `instant`.
    pub method: Option<String>,
    /// `bank_account`, `card` or `fpx`.
    pub source_type: Option<String>,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// Status.
    pub status: Option<PayoutStatus>,
    /// `bank_account` or `card`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "transfer"`: money moved to a connected account.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Transfer {
    /// Id (`tr_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Amount reversed.
    pub amount_reversed: Option<i64>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The connected account.
    pub destination: Option<Expandable<Account>>,
    /// The payment it created on the connected account.
    pub destination_payment: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Whether it was fully reversed.
    pub reversed: Option<bool>,
    /// The charge it was funded from.
    pub source_transaction: Option<String>,
    /// `bank_account`, `card` or `fpx`.
    pub source_type: Option<String>,
    /// Transfer group.
    pub transfer_group: Option<String>,
}

/// `object: "application"` (events `account.application.*`): a Connect platform's
/// application.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Application {
    /// Id (`ca_…`).
    pub id: String,
    /// Name.
    pub name: Option<String>,
}

/// `object: "application_fee"`: the fee a platform took from a connected account's charge.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ApplicationFee {
    /// Id (`fee_…`).
    pub id: String,
    /// The connected account it was taken from.
    pub account: Option<Expandable<Account>>,
    /// Amount.
    pub amount: Option<i64>,
    /// Amount refunded.
    pub amount_refunded: Option<i64>,
    /// The platform's application.
    pub application: Option<Expandable<Application>>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// The charge it was taken from.
    pub charge: Option<Expandable<Charge>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The charge on the platform account that moved it, for destination charges.
    pub originating_transaction: Option<Expandable<Charge>>,
    /// Whether it was fully refunded.
    pub refunded: Option<bool>,
    /// Its refunds (first page).
    pub refunds: Option<List<FeeRefund>>,
}

/// `object: "fee_refund"` (event `application_fee.refund.updated`): a refund of an
/// [`ApplicationFee`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FeeRefund {
    /// Id (`fr_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The application fee refunded.
    pub fee: Option<Expandable<ApplicationFee>>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
}

/// `object: "capability"` (event `capability.updated`): something a connected account can
/// do (`card_payments`, `transfers`, …) and what it still needs for it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Capability {
    /// The capability's name, e.g. `card_payments`.
    pub id: String,
    /// The connected account.
    pub account: Option<Expandable<Account>>,
    /// Whether it was requested.
    pub requested: Option<bool>,
    /// When it was requested, Unix seconds.
    pub requested_at: Option<i64>,
    /// What Stripe still needs for it.
    pub requirements: Option<AccountRequirements>,
    /// `active`, `inactive`, `pending` or `unrequested`.
    pub status: Option<String>,
}

/// `object: "person"` (events `person.*`): a person associated with a connected account.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Person {
    /// Id (`person_…`).
    pub id: String,
    /// The connected account.
    pub account: Option<String>,
    /// Address.
    pub address: Option<Address>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
    /// Email.
    pub email: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Phone number.
    pub phone: Option<String>,
    /// Role in the account (`owner`, `director`, `representative`, `title`, …).
    pub relationship: Option<serde_json::Value>,
    /// What Stripe still needs about the person.
    pub requirements: Option<AccountRequirements>,
    /// Identity verification state.
    pub verification: Option<serde_json::Value>,
}

/// `object: "topup"`: money added to your Stripe balance from a bank account.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Topup {
    /// Id (`tu_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Expected arrival, Unix seconds.
    pub expected_availability_date: Option<i64>,
    /// Error code of a failure.
    pub failure_code: Option<String>,
    /// Message of a failure.
    pub failure_message: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// `canceled`, `failed`, `pending`, `reversed` or `succeeded`.
    pub status: Option<String>,
    /// Transfer group.
    pub transfer_group: Option<String>,
}

/// `object: "account_notice"` (events `account_notice.*`, preview): a notice Stripe asks a
/// platform to send to a connected account.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AccountNotice {
    /// Id.
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Deadline, Unix seconds.
    pub deadline: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Why the notice was created.
    pub reason: Option<String>,
    /// When it was sent, Unix seconds.
    pub sent_at: Option<i64>,
}
