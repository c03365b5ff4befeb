//! Issuing: cards you issue, their holders, authorizations, transactions, disputes, tokens,
//! designs and settlements (events `issuing_*`), and issuer fraud records.

use serde::Deserialize;
use serde_json::Value;

use super::super::common::{Expandable, Metadata};
use super::super::deser::nullable;
use super::{BalanceTransaction, Charge};

/// `object: "issuing.authorization"` (events `issuing_authorization.*`): an attempt to pay with
/// an issued card. `issuing_authorization.request` asks you to approve it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingAuthorization {
    /// Id (`iauth_…`).
    pub id: String,
    /// Amount, in the card's currency.
    pub amount: Option<i64>,
    /// Whether it was approved.
    pub approved: Option<bool>,
    /// `chip`, `contactless`, `keyed_in`, `online` or `swipe`.
    pub authorization_method: Option<String>,
    /// The card used.
    pub card: Option<Box<IssuingCard>>,
    /// The cardholder.
    pub cardholder: Option<Expandable<IssuingCardholder>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code of `amount`, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Amount, in the merchant's currency.
    pub merchant_amount: Option<i64>,
    /// The merchant's currency.
    pub merchant_currency: Option<String>,
    /// Merchant name, category, location, ….
    pub merchant_data: Option<Value>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `closed`, `expired`, `pending` or `reversed`.
    pub status: Option<String>,
    /// `apple_pay`, `google_pay` or `samsung_pay`, when a wallet was used.
    pub wallet: Option<String>,
}

/// `object: "issuing.card"` (events `issuing_card.*`): a card you issued.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingCard {
    /// Id (`ic_…`).
    pub id: String,
    /// `Visa`, `MasterCard`, ….
    pub brand: Option<String>,
    /// `design_rejected`, `lost` or `stolen`.
    pub cancellation_reason: Option<String>,
    /// The cardholder.
    pub cardholder: Option<Expandable<IssuingCardholder>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Expiry month.
    pub exp_month: Option<i64>,
    /// Expiry year.
    pub exp_year: Option<i64>,
    /// Last four digits.
    pub last4: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Spending limits and allowed categories.
    pub spending_controls: Option<Value>,
    /// `active`, `canceled` or `inactive`.
    pub status: Option<String>,
    /// `physical` or `virtual`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "issuing.cardholder"` (events `issuing_cardholder.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingCardholder {
    /// Id (`ich_…`).
    pub id: String,
    /// Billing address.
    pub billing: Option<Value>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
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
    /// Phone number.
    pub phone_number: Option<String>,
    /// `active`, `blocked` or `inactive`.
    pub status: Option<String>,
    /// `individual` or `company`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "issuing.dispute"` (events `issuing_dispute.*`): your dispute of an issued card's
/// transaction.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingDispute {
    /// Id (`idp_…`).
    pub id: String,
    /// Disputed amount.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The evidence, by reason.
    pub evidence: Option<Value>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Why it was lost.
    pub loss_reason: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `expired`, `lost`, `submitted`, `unsubmitted` or `won`.
    pub status: Option<String>,
    /// The disputed transaction.
    pub transaction: Option<Expandable<IssuingTransaction>>,
}

/// `object: "issuing.transaction"` (events `issuing_transaction.*`): money moved by an issued
/// card (a capture or a refund).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingTransaction {
    /// Id (`ipi_…`).
    pub id: String,
    /// Amount, in the card's currency (negative for a capture).
    pub amount: Option<i64>,
    /// The authorization it settles.
    pub authorization: Option<Expandable<IssuingAuthorization>>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// The card.
    pub card: Option<Expandable<IssuingCard>>,
    /// The cardholder.
    pub cardholder: Option<Expandable<IssuingCardholder>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Amount, in the merchant's currency.
    pub merchant_amount: Option<i64>,
    /// The merchant's currency.
    pub merchant_currency: Option<String>,
    /// Merchant name, category, location, ….
    pub merchant_data: Option<Value>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// `capture` or `refund`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "issuing.token"` (events `issuing_token.*`): an issued card in a digital wallet.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingToken {
    /// Id (`intok_…`).
    pub id: String,
    /// The card.
    pub card: Option<Expandable<IssuingCard>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Last four digits of the token.
    pub last4: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `mastercard` or `visa`.
    pub network: Option<String>,
    /// `active`, `deleted`, `requested` or `suspended`.
    pub status: Option<String>,
    /// The wallet (`apple_pay`, `google_pay` or `samsung_pay`), as sent.
    pub wallet_provider: Option<Value>,
}

/// `object: "issuing.personalization_design"` (events `issuing_personalization_design.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingPersonalizationDesign {
    /// Id (`ipcd_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your lookup key.
    pub lookup_key: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Name.
    pub name: Option<String>,
    /// The physical bundle it uses.
    pub physical_bundle: Option<Expandable<Value>>,
    /// `active`, `inactive`, `rejected` or `review`.
    pub status: Option<String>,
}

/// `object: "issuing.settlement"` (events `issuing_settlement.*`, preview): a card network's
/// settlement of issued-card transactions.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingSettlement {
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
    /// Net amount settled.
    pub net_total_amount: Option<i64>,
    /// `maestro` or `visa`.
    pub network: Option<String>,
    /// `complete` or `pending`.
    pub status: Option<String>,
    /// Total transaction amount.
    pub transaction_amount: Option<i64>,
    /// Number of transactions.
    pub transaction_count: Option<i64>,
}

/// `object: "issuing.dispute_settlement_detail"` (events
/// `issuing_dispute_settlement_detail.*`, preview).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingDisputeSettlementDetail {
    /// Id.
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// The card.
    pub card: Option<Expandable<IssuingCard>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The dispute.
    pub dispute: Option<Expandable<IssuingDispute>>,
    /// The network's event type.
    pub event_type: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Card network.
    pub network: Option<String>,
    /// The settlement.
    pub settlement: Option<Expandable<IssuingSettlement>>,
}

/// `object: "issuing.fraud_liability_debit"` (event `issuing_fraud_liability_debit.created`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuingFraudLiabilityDebit {
    /// Id.
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The dispute.
    pub dispute: Option<Expandable<IssuingDispute>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
}

/// `object: "issuer_fraud_record"` (events `issuer_fraud_record.*`, older API versions): an
/// issuer reported a charge as fraudulent. Superseded by early fraud warnings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuerFraudRecord {
    /// Id (`issfr_…`).
    pub id: String,
    /// Whether you can still refund the charge to avoid a dispute.
    pub actionable: Option<bool>,
    /// The charge.
    pub charge: Option<Expandable<Charge>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// `card_never_received`, `fraudulent_card_application`, `made_with_counterfeit_card`, ….
    pub fraud_type: Option<String>,
    /// Whether liability shifted to the issuer.
    pub has_liability_shift: Option<bool>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// When the issuer reported it, Unix seconds.
    pub post_date: Option<i64>,
}
