//! Treasury: financial accounts and the money that moves in and out of them (events
//! `treasury.*`).

use serde::Deserialize;
use serde_json::Value;

use super::super::common::{Expandable, Metadata};
use super::super::deser::nullable;

/// `object: "treasury.financial_account"` (events `treasury.financial_account.*`): a
/// Treasury account that holds funds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TreasuryFinancialAccount {
    /// Id (`fa_…`).
    pub id: String,
    /// Features that are active.
    #[serde(default, deserialize_with = "nullable")]
    pub active_features: Vec<String>,
    /// Cash, inbound pending and outbound pending, per currency.
    pub balance: Option<Value>,
    /// Two-letter country code.
    pub country: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `open` or `closed`.
    pub status: Option<String>,
    /// Currencies it can hold.
    #[serde(default, deserialize_with = "nullable")]
    pub supported_currencies: Vec<String>,
}

/// `object: "treasury.inbound_transfer"` (events `treasury.inbound_transfer.*`: money pulled into a
/// financial account from an account you own).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TreasuryInboundTransfer {
    /// Id (`ibt_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Whether it can still be canceled.
    pub cancelable: Option<bool>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Why it failed (`code`).
    pub failure_details: Option<Value>,
    /// The financial account.
    pub financial_account: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Whether it was returned.
    pub returned: Option<bool>,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// `canceled`, `failed`, `processing` or `succeeded`.
    pub status: Option<String>,
    /// Its Treasury transaction.
    pub transaction: Option<Expandable<Value>>,
}

/// `object: "treasury.outbound_payment"` (events `treasury.outbound_payment.*`: money sent from a
/// financial account to a third party).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TreasuryOutboundPayment {
    /// Id (`obp_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Whether it can still be canceled.
    pub cancelable: Option<bool>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The customer paid.
    pub customer: Option<String>,
    /// The payment method paid to.
    pub destination_payment_method: Option<String>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Expected arrival, Unix seconds.
    pub expected_arrival_date: Option<i64>,
    /// The financial account.
    pub financial_account: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// `canceled`, `failed`, `posted`, `processing` or `returned`.
    pub status: Option<String>,
    /// Its Treasury transaction.
    pub transaction: Option<Expandable<Value>>,
}

/// `object: "treasury.outbound_transfer"` (events `treasury.outbound_transfer.*`: money sent from a
/// financial account to an account you own).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TreasuryOutboundTransfer {
    /// Id (`obt_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Whether it can still be canceled.
    pub cancelable: Option<bool>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The payment method sent to.
    pub destination_payment_method: Option<String>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Expected arrival, Unix seconds.
    pub expected_arrival_date: Option<i64>,
    /// The financial account.
    pub financial_account: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// `canceled`, `failed`, `posted`, `processing` or `returned`.
    pub status: Option<String>,
    /// Its Treasury transaction.
    pub transaction: Option<Expandable<Value>>,
}

/// `object: "treasury.received_credit"` (events `treasury.received_credit.*`: money another account
/// pushed into a financial account).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TreasuryReceivedCredit {
    /// Id (`rc_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Why it failed.
    pub failure_code: Option<String>,
    /// The financial account.
    pub financial_account: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `ach`, `card`, `stripe` or `us_domestic_wire`.
    pub network: Option<String>,
    /// `failed` or `succeeded`.
    pub status: Option<String>,
    /// Its Treasury transaction.
    pub transaction: Option<Expandable<Value>>,
}

/// `object: "treasury.received_debit"` (event `treasury.received_debit.created`: money another
/// account pulled from a financial account).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TreasuryReceivedDebit {
    /// Id (`rd_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Why it failed.
    pub failure_code: Option<String>,
    /// The financial account.
    pub financial_account: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `ach`, `card`, `stripe` or `us_domestic_wire`.
    pub network: Option<String>,
    /// `failed` or `succeeded`.
    pub status: Option<String>,
    /// Its Treasury transaction.
    pub transaction: Option<Expandable<Value>>,
}

/// `object: "treasury.credit_reversal"` (events `treasury.credit_reversal.*`: a received credit
/// sent back).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TreasuryCreditReversal {
    /// Id (`credrev_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The financial account.
    pub financial_account: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `ach`, `card`, `stripe` or `us_domestic_wire`.
    pub network: Option<String>,
    /// The received credit reversed.
    pub received_credit: Option<String>,
    /// `canceled`, `posted` or `processing`.
    pub status: Option<String>,
    /// Its Treasury transaction.
    pub transaction: Option<Expandable<Value>>,
}

/// `object: "treasury.debit_reversal"` (events `treasury.debit_reversal.*`: a received debit pulled
/// back).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TreasuryDebitReversal {
    /// Id (`debrev_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The financial account.
    pub financial_account: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `ach`, `card`, `stripe` or `us_domestic_wire`.
    pub network: Option<String>,
    /// The received debit reversed.
    pub received_debit: Option<String>,
    /// `failed`, `processing` or `succeeded`.
    pub status: Option<String>,
    /// Its Treasury transaction.
    pub transaction: Option<Expandable<Value>>,
}
