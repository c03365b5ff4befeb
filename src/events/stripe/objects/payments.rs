//! Payments: PaymentIntent, Charge, Refund, Dispute, PaymentMethod, SetupIntent, Mandate,
//! BalanceTransaction, Radar early fraud warnings.

use serde::Deserialize;

use super::super::common::{BillingDetails, Expandable, List, Metadata, Shipping};
use super::super::deser::{nullable, string_enum};
use super::{Account, Customer, Invoice};

string_enum! {
    /// `status` of a [`PaymentIntent`].
    PaymentIntentStatus {
        Canceled = "canceled",
        Processing = "processing",
        RequiresAction = "requires_action",
        RequiresCapture = "requires_capture",
        RequiresConfirmation = "requires_confirmation",
        RequiresPaymentMethod = "requires_payment_method",
        Succeeded = "succeeded",
    }
}

string_enum! {
    /// `status` of a [`Charge`].
    ChargeStatus {
        Failed = "failed",
        Pending = "pending",
        Succeeded = "succeeded",
    }
}

string_enum! {
    /// `status` of a [`Refund`].
    RefundStatus {
        Canceled = "canceled",
        Failed = "failed",
        Pending = "pending",
        RequiresAction = "requires_action",
        Succeeded = "succeeded",
    }
}

string_enum! {
    /// `status` of a [`Dispute`].
    DisputeStatus {
        Lost = "lost",
        NeedsResponse = "needs_response",
        UnderReview = "under_review",
        WarningClosed = "warning_closed",
        WarningNeedsResponse = "warning_needs_response",
        WarningUnderReview = "warning_under_review",
        Won = "won",
        Prevented = "prevented",
    }
}

string_enum! {
    /// `status` of a [`SetupIntent`].
    SetupIntentStatus {
        Canceled = "canceled",
        Processing = "processing",
        RequiresAction = "requires_action",
        RequiresConfirmation = "requires_confirmation",
        RequiresPaymentMethod = "requires_payment_method",
        Succeeded = "succeeded",
    }
}

/// `object: "payment_intent"`: a payment from creation through checkout.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PaymentIntent {
    /// Id (`pi_…`).
    pub id: String,
    /// Amount to collect, in the currency's smallest unit.
    pub amount: Option<i64>,
    /// Amount that can be captured.
    pub amount_capturable: Option<i64>,
    /// Amount received.
    pub amount_received: Option<i64>,
    /// Platform fee, for Connect.
    pub application_fee_amount: Option<i64>,
    /// When it was canceled, Unix seconds.
    pub canceled_at: Option<i64>,
    /// Why it was canceled.
    pub cancellation_reason: Option<String>,
    /// `automatic`, `automatic_async` or `manual`.
    pub capture_method: Option<String>,
    /// The client secret (handle with care: it lets a client confirm the payment).
    pub client_secret: Option<String>,
    /// `automatic` or `manual`.
    pub confirmation_method: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// Description.
    pub description: Option<String>,
    /// The invoice that created it (older API versions).
    pub invoice: Option<Expandable<Invoice>>,
    /// The error of the last payment attempt.
    pub last_payment_error: Option<ApiError>,
    /// The latest charge.
    pub latest_charge: Option<Expandable<Charge>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The account on whose behalf the payment is made.
    pub on_behalf_of: Option<Expandable<Account>>,
    /// The payment method.
    pub payment_method: Option<Expandable<PaymentMethod>>,
    /// Payment method types it may use.
    #[serde(default, deserialize_with = "nullable")]
    pub payment_method_types: Vec<String>,
    /// Email the receipt goes to.
    pub receipt_email: Option<String>,
    /// `on_session` or `off_session`.
    pub setup_future_usage: Option<String>,
    /// Shipping details.
    pub shipping: Option<Shipping>,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// Statement descriptor suffix.
    pub statement_descriptor_suffix: Option<String>,
    /// Status.
    pub status: Option<PaymentIntentStatus>,
    /// Connect destination of the funds.
    pub transfer_data: Option<TransferData>,
    /// Connect transfer group.
    pub transfer_group: Option<String>,
}

/// Where a payment's funds go (Connect destination charges).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TransferData {
    /// Amount transferred.
    pub amount: Option<i64>,
    /// The destination account.
    pub destination: Option<Expandable<Account>>,
}

/// An API error as embedded in an object (`last_payment_error`, `last_setup_error`,
/// `last_finalization_error`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ApiError {
    /// `api_error`, `card_error`, `idempotency_error` or `invalid_request_error`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Short error code.
    pub code: Option<String>,
    /// Card issuer's decline code.
    pub decline_code: Option<String>,
    /// Human-readable message.
    pub message: Option<String>,
    /// The parameter the error relates to.
    pub param: Option<String>,
    /// Documentation link.
    pub doc_url: Option<String>,
    /// The failed charge's id.
    pub charge: Option<String>,
    /// The payment method involved.
    pub payment_method: Option<Box<PaymentMethod>>,
}

/// `object: "charge"`: an attempt to move money.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Charge {
    /// Id (`ch_…` or `py_…`).
    pub id: String,
    /// Amount, in the currency's smallest unit.
    pub amount: Option<i64>,
    /// Amount captured.
    pub amount_captured: Option<i64>,
    /// Amount refunded.
    pub amount_refunded: Option<i64>,
    /// Platform fee, for Connect.
    pub application_fee_amount: Option<i64>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// Billing details.
    pub billing_details: Option<BillingDetails>,
    /// Whether it was captured.
    pub captured: Option<bool>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// Description.
    pub description: Option<String>,
    /// Whether it was disputed.
    pub disputed: Option<bool>,
    /// Error code of a failure.
    pub failure_code: Option<String>,
    /// Message of a failure.
    pub failure_message: Option<String>,
    /// The invoice it pays (older API versions).
    pub invoice: Option<Expandable<Invoice>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The account on whose behalf it was made.
    pub on_behalf_of: Option<Expandable<Account>>,
    /// Risk evaluation and network outcome.
    pub outcome: Option<ChargeOutcome>,
    /// Whether it succeeded or was authorized.
    pub paid: Option<bool>,
    /// The payment intent.
    pub payment_intent: Option<Expandable<PaymentIntent>>,
    /// The payment method's id.
    pub payment_method: Option<String>,
    /// Details of the payment method at the time.
    pub payment_method_details: Option<PaymentMethodDetails>,
    /// Email the receipt went to.
    pub receipt_email: Option<String>,
    /// Receipt number.
    pub receipt_number: Option<String>,
    /// Receipt URL.
    pub receipt_url: Option<String>,
    /// Whether it was fully refunded.
    pub refunded: Option<bool>,
    /// Its refunds (first page; older API versions).
    pub refunds: Option<List<Refund>>,
    /// Shipping details.
    pub shipping: Option<Shipping>,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// Statement descriptor suffix.
    pub statement_descriptor_suffix: Option<String>,
    /// Status.
    pub status: Option<ChargeStatus>,
    /// Connect destination of the funds.
    pub transfer_data: Option<TransferData>,
    /// Connect transfer group.
    pub transfer_group: Option<String>,
}

/// The outcome of a charge.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChargeOutcome {
    /// `approved_by_network`, `declined_by_network`, `not_sent_to_network`, …
    pub network_status: Option<String>,
    /// Reason for the outcome.
    pub reason: Option<String>,
    /// `normal`, `elevated`, `highest`, …
    pub risk_level: Option<String>,
    /// Radar risk score, 0–100.
    pub risk_score: Option<i64>,
    /// Message for the seller.
    pub seller_message: Option<String>,
    /// `authorized`, `manual_review`, `issuer_declined`, `blocked`, `invalid`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// Payment method details recorded on a charge.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PaymentMethodDetails {
    /// The payment method type (`card`, `sepa_debit`, …).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Card details, for `card`.
    pub card: Option<Card>,
}

/// Card details (on a payment method or a charge).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Card {
    /// `visa`, `mastercard`, `amex`, …
    pub brand: Option<String>,
    /// Issuing country, two-letter code.
    pub country: Option<String>,
    /// Expiry month.
    pub exp_month: Option<i64>,
    /// Expiry year.
    pub exp_year: Option<i64>,
    /// Fingerprint of the card number.
    pub fingerprint: Option<String>,
    /// `credit`, `debit`, `prepaid` or `unknown`.
    pub funding: Option<String>,
    /// Last four digits.
    pub last4: Option<String>,
    /// The network used or preferred.
    pub network: Option<String>,
}

/// `object: "refund"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Refund {
    /// Id (`re_…`).
    pub id: String,
    /// Amount, in the currency's smallest unit.
    pub amount: Option<i64>,
    /// Its balance transaction.
    pub balance_transaction: Option<Expandable<BalanceTransaction>>,
    /// The refunded charge.
    pub charge: Option<Expandable<Charge>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Why it failed.
    pub failure_reason: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The refunded payment intent.
    pub payment_intent: Option<Expandable<PaymentIntent>>,
    /// `duplicate`, `fraudulent`, `requested_by_customer`, …
    pub reason: Option<String>,
    /// Receipt number.
    pub receipt_number: Option<String>,
    /// Status.
    pub status: Option<RefundStatus>,
}

/// `object: "dispute"`: a customer questioned a charge with their issuer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Dispute {
    /// Id (`dp_…` or `du_…`).
    pub id: String,
    /// Disputed amount.
    pub amount: Option<i64>,
    /// Balance transactions describing its effect on your balance.
    #[serde(default, deserialize_with = "nullable")]
    pub balance_transactions: Vec<BalanceTransaction>,
    /// The disputed charge.
    pub charge: Option<Expandable<Charge>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Evidence deadlines and submissions.
    pub evidence_details: Option<DisputeEvidenceDetails>,
    /// Whether the charge can still be refunded.
    pub is_charge_refundable: Option<bool>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The disputed payment intent.
    pub payment_intent: Option<Expandable<PaymentIntent>>,
    /// `fraudulent`, `product_not_received`, …
    pub reason: Option<String>,
    /// Status.
    pub status: Option<DisputeStatus>,
}

/// Evidence deadlines of a dispute.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DisputeEvidenceDetails {
    /// Evidence due by, Unix seconds.
    pub due_by: Option<i64>,
    /// Whether evidence was saved or submitted.
    pub has_evidence: Option<bool>,
    /// Whether the deadline passed.
    pub past_due: Option<bool>,
    /// How many times evidence was submitted.
    pub submission_count: Option<i64>,
}

/// `object: "payment_method"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PaymentMethod {
    /// Id (`pm_…`).
    pub id: String,
    /// `always`, `limited` or `unspecified`.
    pub allow_redisplay: Option<String>,
    /// Billing details.
    pub billing_details: Option<BillingDetails>,
    /// Card details, for `card`.
    pub card: Option<Card>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The customer it is attached to.
    pub customer: Option<Expandable<Customer>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The type (`card`, `sepa_debit`, `us_bank_account`, …).
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "setup_intent"`: saving a payment method for later.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SetupIntent {
    /// Id (`seti_…`).
    pub id: String,
    /// Why it was canceled.
    pub cancellation_reason: Option<String>,
    /// The client secret (handle with care).
    pub client_secret: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// Description.
    pub description: Option<String>,
    /// The error of the last setup attempt.
    pub last_setup_error: Option<ApiError>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The mandate it created.
    pub mandate: Option<Expandable<Mandate>>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The account on whose behalf it is set up.
    pub on_behalf_of: Option<Expandable<Account>>,
    /// The payment method.
    pub payment_method: Option<Expandable<PaymentMethod>>,
    /// Payment method types it may use.
    #[serde(default, deserialize_with = "nullable")]
    pub payment_method_types: Vec<String>,
    /// Status.
    pub status: Option<SetupIntentStatus>,
    /// `on_session` or `off_session`.
    pub usage: Option<String>,
}

/// `object: "mandate"`: the customer's permission to debit a payment method.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Mandate {
    /// Id (`mandate_…`).
    pub id: String,
    /// How and when the customer accepted it.
    pub customer_acceptance: Option<CustomerAcceptance>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The payment method.
    pub payment_method: Option<Expandable<PaymentMethod>>,
    /// `active`, `inactive` or `pending`.
    pub status: Option<String>,
    /// `multi_use` or `single_use`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// How a customer accepted a mandate.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CustomerAcceptance {
    /// When, Unix seconds.
    pub accepted_at: Option<i64>,
    /// `online` or `offline`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "balance_transaction"`: a change to your balance.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BalanceTransaction {
    /// Id (`txn_…`).
    pub id: String,
    /// Gross amount.
    pub amount: Option<i64>,
    /// When the funds become available, Unix seconds.
    pub available_on: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Fees paid.
    pub fee: Option<i64>,
    /// Net amount.
    pub net: Option<i64>,
    /// Reporting category.
    pub reporting_category: Option<String>,
    /// The object that caused it.
    pub source: Option<Expandable<serde_json::Value>>,
    /// `available` or `pending`.
    pub status: Option<String>,
    /// `charge`, `refund`, `payout`, `adjustment`, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "radar.early_fraud_warning"`: an issuer reported a charge as fraudulent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EarlyFraudWarning {
    /// Id (`issfr_…`).
    pub id: String,
    /// Whether it can still be acted on (refund, dispute).
    pub actionable: Option<bool>,
    /// The charge.
    pub charge: Option<Expandable<Charge>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The fraud type the issuer reported.
    pub fraud_type: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// The payment intent.
    pub payment_intent: Option<Expandable<PaymentIntent>>,
}

/// `object: "review"` (events `review.opened`, `review.closed`): a payment Radar flagged for
/// manual review.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Review {
    /// Id (`prv_…`).
    pub id: String,
    /// ZIP or postal code of the card used, as Stripe saw it.
    pub billing_zip: Option<String>,
    /// The charge under review.
    pub charge: Option<Expandable<Charge>>,
    /// Why it was closed: `approved`, `disputed`, `redacted`, `refunded` or
    /// `refunded_as_fraud`.
    pub closed_reason: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// IP address of the payment.
    pub ip_address: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Whether it is still open.
    pub open: Option<bool>,
    /// Why it was opened: `rule` or `manual`.
    pub opened_reason: Option<String>,
    /// The payment intent under review.
    pub payment_intent: Option<Expandable<PaymentIntent>>,
    /// Why it is in its current state: `rule`, `manual`, `approved`, `refunded`, …
    pub reason: Option<String>,
}
