//! Legacy payment sources and external accounts: cards, bank accounts, Sources and their
//! transactions and mandate notifications. `customer.source.*` events carry a card, a bank
//! account or a source; `account.external_account.*` events a card or a bank account.

use serde::Deserialize;

use super::super::common::{Address, Expandable, Metadata};
use super::super::deser::nullable;
use super::{Account, Customer};

/// `object: "card"`: a card saved on a customer (the Cards and Sources APIs), or a debit card
/// a connected account is paid out to. Not the same as a payment method's
/// [`Card`](super::Card) details.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct StoredCard {
    /// Id (`card_…`).
    pub id: String,
    /// The connected account it belongs to (external accounts).
    pub account: Option<Expandable<Account>>,
    /// Billing address: city.
    pub address_city: Option<String>,
    /// Billing address: country.
    pub address_country: Option<String>,
    /// Billing address: line 1.
    pub address_line1: Option<String>,
    /// Check of line 1: `pass`, `fail`, `unavailable` or `unchecked`.
    pub address_line1_check: Option<String>,
    /// Billing address: line 2.
    pub address_line2: Option<String>,
    /// Billing address: state, county, province or region.
    pub address_state: Option<String>,
    /// Billing address: ZIP or postal code.
    pub address_zip: Option<String>,
    /// Check of the postal code: `pass`, `fail`, `unavailable` or `unchecked`.
    pub address_zip_check: Option<String>,
    /// `American Express`, `Visa`, … (display text, not a code).
    pub brand: Option<String>,
    /// Two-letter country code of the issuer.
    pub country: Option<String>,
    /// Three-letter ISO currency code of payouts to it (external accounts).
    pub currency: Option<String>,
    /// The customer it belongs to.
    pub customer: Option<Expandable<Customer>>,
    /// `pass`, `fail`, `unavailable` or `unchecked`.
    pub cvc_check: Option<String>,
    /// Whether it is the default for payouts in its currency (external accounts).
    pub default_for_currency: Option<bool>,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
    /// Expiry month, 1 to 12.
    pub exp_month: Option<i64>,
    /// Expiry year, four digits.
    pub exp_year: Option<i64>,
    /// Identifies the card number across objects.
    pub fingerprint: Option<String>,
    /// `credit`, `debit`, `prepaid` or `unknown`.
    pub funding: Option<String>,
    /// Last four digits.
    pub last4: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Cardholder name.
    pub name: Option<String>,
    /// For external accounts: `new`, `validated`, `verified`, `verification_failed` or `errored`.
    pub status: Option<String>,
}

/// `object: "bank_account"`: a customer's bank account (ACH debits) or the account a connected
/// account is paid out to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BankAccount {
    /// Id (`ba_…`).
    pub id: String,
    /// The connected account it belongs to (external accounts).
    pub account: Option<Expandable<Account>>,
    /// Name of the account holder.
    pub account_holder_name: Option<String>,
    /// `individual` or `company`.
    pub account_holder_type: Option<String>,
    /// Bank name.
    pub bank_name: Option<String>,
    /// Two-letter country code.
    pub country: Option<String>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer it belongs to.
    pub customer: Option<Expandable<Customer>>,
    /// Whether it is the default for payouts in its currency (external accounts).
    pub default_for_currency: Option<bool>,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
    /// Identifies the account number across objects.
    pub fingerprint: Option<String>,
    /// Last four digits of the account number.
    pub last4: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Routing transit number.
    pub routing_number: Option<String>,
    /// `new`, `validated`, `verified`, `verification_failed` or `errored`.
    pub status: Option<String>,
}

/// `object: "source"`: a Source (the deprecated Sources API).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Source {
    /// Id (`src_…`).
    pub id: String,
    /// Amount to collect, for single-use sources.
    pub amount: Option<i64>,
    /// Secret for client-side retrieval.
    pub client_secret: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer it is attached to.
    pub customer: Option<String>,
    /// `redirect`, `receiver`, `code_verification` or `none`.
    pub flow: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Owner details.
    pub owner: Option<SourceOwner>,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// `canceled`, `chargeable`, `consumed`, `failed` or `pending`.
    pub status: Option<String>,
    /// The payment method: `card`, `sepa_debit`, `ach_credit_transfer`, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// `reusable` or `single_use`.
    pub usage: Option<String>,
}

/// The owner of a [`Source`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SourceOwner {
    /// Address.
    #[serde(default)]
    pub address: Option<Address>,
    /// Email.
    #[serde(default)]
    pub email: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Phone number.
    #[serde(default)]
    pub phone: Option<String>,
}

/// `object: "source_transaction"`: money pushed to a receiver [`Source`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SourceTransaction {
    /// Id (`srctxn_…`).
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
    /// The source it was pushed to.
    pub source: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// The source's type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "source_mandate_notification"` (event `source.mandate_notification`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SourceMandateNotification {
    /// Id (`srcmn_…`).
    pub id: String,
    /// Amount debited.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `mandate_confirmed` or `debit_initiated`.
    pub reason: Option<String>,
    /// The source, as an object.
    pub source: Option<Box<Source>>,
    /// `pending` or `submitted`.
    pub status: Option<String>,
    /// The source's type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}
