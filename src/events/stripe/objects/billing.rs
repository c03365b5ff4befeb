//! Billing: Invoice, InvoiceItem, Subscription, SubscriptionSchedule, Product, Price, Plan,
//! Coupon, Discount, PromotionCode, TaxRate, TaxId, CreditNote.

use serde::Deserialize;

use super::super::common::{Address, Expandable, List, Metadata, Period, Shipping};
use super::super::deser::{nullable, string_enum};
use super::{ApiError, Charge, Customer, PaymentIntent, PaymentMethod};

string_enum! {
    /// `status` of an [`Invoice`].
    InvoiceStatus {
        Draft = "draft",
        Open = "open",
        Paid = "paid",
        Uncollectible = "uncollectible",
        Void = "void",
    }
}

string_enum! {
    /// `status` of a [`Subscription`].
    SubscriptionStatus {
        Active = "active",
        Canceled = "canceled",
        Incomplete = "incomplete",
        IncompleteExpired = "incomplete_expired",
        PastDue = "past_due",
        Paused = "paused",
        Trialing = "trialing",
        Unpaid = "unpaid",
    }
}

string_enum! {
    /// A billing interval.
    Interval {
        Day = "day",
        Week = "week",
        Month = "month",
        Year = "year",
    }
}

string_enum! {
    /// `type` of a [`Price`].
    PriceType {
        OneTime = "one_time",
        Recurring = "recurring",
    }
}

/// `object: "invoice"`. `id` is absent on upcoming invoices (`invoice.upcoming`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Invoice {
    /// Id (`in_…`); `None` for an upcoming invoice.
    pub id: Option<String>,
    /// Country of the business that issues it.
    pub account_country: Option<String>,
    /// Public name of the business that issues it.
    pub account_name: Option<String>,
    /// Final amount due.
    pub amount_due: Option<i64>,
    /// Amount paid.
    pub amount_paid: Option<i64>,
    /// Amount remaining.
    pub amount_remaining: Option<i64>,
    /// Number of payment attempts.
    pub attempt_count: Option<i64>,
    /// Whether a payment was attempted.
    pub attempted: Option<bool>,
    /// Whether Stripe advances it automatically.
    pub auto_advance: Option<bool>,
    /// Why it was created (`subscription_cycle`, `manual`, …).
    pub billing_reason: Option<String>,
    /// The charge (older API versions).
    pub charge: Option<Expandable<Charge>>,
    /// `charge_automatically` or `send_invoice`.
    pub collection_method: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// The customer's address when it was finalized.
    pub customer_address: Option<Address>,
    /// The customer's email when it was finalized.
    pub customer_email: Option<String>,
    /// The customer's name when it was finalized.
    pub customer_name: Option<String>,
    /// The customer's shipping details when it was finalized.
    pub customer_shipping: Option<Shipping>,
    /// Memo.
    pub description: Option<String>,
    /// Due date, Unix seconds.
    pub due_date: Option<i64>,
    /// When it took effect, Unix seconds.
    pub effective_at: Option<i64>,
    /// Customer balance after it was finalized.
    pub ending_balance: Option<i64>,
    /// Footer.
    pub footer: Option<String>,
    /// Payment page URL.
    pub hosted_invoice_url: Option<String>,
    /// PDF URL.
    pub invoice_pdf: Option<String>,
    /// The error of the last finalization attempt.
    pub last_finalization_error: Option<ApiError>,
    /// Line items (first page).
    pub lines: Option<List<InvoiceLineItem>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Next automatic payment attempt, Unix seconds.
    pub next_payment_attempt: Option<i64>,
    /// Invoice number.
    pub number: Option<String>,
    /// Whether it is paid (older API versions; see `status`).
    pub paid: Option<bool>,
    /// What created it: a subscription or a quote (API 2025-03-31 and later).
    pub parent: Option<InvoiceParent>,
    /// The payment intent (older API versions).
    pub payment_intent: Option<Expandable<PaymentIntent>>,
    /// End of the usage period, Unix seconds.
    pub period_end: Option<i64>,
    /// Start of the usage period, Unix seconds.
    pub period_start: Option<i64>,
    /// Receipt number.
    pub receipt_number: Option<String>,
    /// Customer balance before it was finalized.
    pub starting_balance: Option<i64>,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// Status.
    pub status: Option<InvoiceStatus>,
    /// When the status changed.
    pub status_transitions: Option<InvoiceStatusTransitions>,
    /// The subscription (older API versions; see `parent`).
    pub subscription: Option<Expandable<Subscription>>,
    /// Total before discounts and taxes.
    pub subtotal: Option<i64>,
    /// Total after discounts and taxes.
    pub total: Option<i64>,
    /// When the `invoice.created` webhooks were delivered, Unix seconds.
    pub webhooks_delivered_at: Option<i64>,
}

/// What an invoice was created for.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InvoiceParent {
    /// `quote_details` or `subscription_details`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The subscription, for `subscription_details`.
    pub subscription_details: Option<InvoiceSubscriptionDetails>,
}

/// The subscription an invoice was created for.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InvoiceSubscriptionDetails {
    /// The subscription.
    pub subscription: Option<Expandable<Subscription>>,
    /// The subscription's metadata when the invoice was created.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
}

/// When an invoice's status changed, Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InvoiceStatusTransitions {
    /// Finalized.
    pub finalized_at: Option<i64>,
    /// Marked uncollectible.
    pub marked_uncollectible_at: Option<i64>,
    /// Paid.
    pub paid_at: Option<i64>,
    /// Voided.
    pub voided_at: Option<i64>,
}

/// A line of an invoice (`object: "line_item"`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InvoiceLineItem {
    /// Id (`il_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Whether discounts apply.
    pub discountable: Option<bool>,
    /// The invoice's id.
    pub invoice: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The period it covers.
    pub period: Option<Period>,
    /// The price (older API versions).
    pub price: Option<Price>,
    /// Quantity.
    pub quantity: Option<i64>,
}

/// `object: "invoiceitem"`: a pending charge added to a customer's next invoice.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InvoiceItem {
    /// Id (`ii_…`).
    pub id: String,
    /// Amount.
    pub amount: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// When it was added, Unix seconds.
    pub date: Option<i64>,
    /// Description.
    pub description: Option<String>,
    /// Whether discounts apply.
    pub discountable: Option<bool>,
    /// The invoice it was added to.
    pub invoice: Option<Expandable<Invoice>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The period it covers.
    pub period: Option<Period>,
    /// The price (older API versions).
    pub price: Option<Price>,
    /// Whether it is a proration.
    pub proration: Option<bool>,
    /// Quantity.
    pub quantity: Option<i64>,
}

/// `object: "subscription"` (events `customer.subscription.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Subscription {
    /// Id (`sub_…`).
    pub id: String,
    /// Platform fee percentage, for Connect.
    pub application_fee_percent: Option<f64>,
    /// Billing cycle anchor, Unix seconds.
    pub billing_cycle_anchor: Option<i64>,
    /// When it will be canceled, Unix seconds.
    pub cancel_at: Option<i64>,
    /// Whether it cancels at the end of the period.
    pub cancel_at_period_end: Option<bool>,
    /// When it was canceled, Unix seconds.
    pub canceled_at: Option<i64>,
    /// Why it was canceled.
    pub cancellation_details: Option<CancellationDetails>,
    /// `charge_automatically` or `send_invoice`.
    pub collection_method: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// End of the current period (older API versions; now on items), Unix seconds.
    pub current_period_end: Option<i64>,
    /// Start of the current period (older API versions; now on items), Unix seconds.
    pub current_period_start: Option<i64>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// Days to pay, for `send_invoice`.
    pub days_until_due: Option<i64>,
    /// Default payment method.
    pub default_payment_method: Option<Expandable<PaymentMethod>>,
    /// Description.
    pub description: Option<String>,
    /// Discounts applied.
    #[serde(default, deserialize_with = "nullable")]
    pub discounts: Vec<Expandable<Discount>>,
    /// When it ended, Unix seconds.
    pub ended_at: Option<i64>,
    /// Its items (first page).
    pub items: Option<List<SubscriptionItem>>,
    /// The latest invoice.
    pub latest_invoice: Option<Expandable<Invoice>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Paused collection, if any.
    pub pause_collection: Option<PauseCollection>,
    /// The schedule that manages it.
    pub schedule: Option<Expandable<SubscriptionSchedule>>,
    /// Start date, Unix seconds.
    pub start_date: Option<i64>,
    /// Status.
    pub status: Option<SubscriptionStatus>,
    /// End of the trial, Unix seconds.
    pub trial_end: Option<i64>,
    /// Start of the trial, Unix seconds.
    pub trial_start: Option<i64>,
}

/// Why a subscription was canceled.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CancellationDetails {
    /// The customer's comment.
    pub comment: Option<String>,
    /// The customer's feedback (`too_expensive`, …).
    pub feedback: Option<String>,
    /// `cancellation_requested`, `payment_disputed` or `payment_failed`.
    pub reason: Option<String>,
}

/// Paused collection of a subscription.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PauseCollection {
    /// `keep_as_draft`, `mark_uncollectible` or `void`.
    pub behavior: Option<String>,
    /// When collection resumes, Unix seconds.
    pub resumes_at: Option<i64>,
}

/// An item of a subscription (`object: "subscription_item"`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SubscriptionItem {
    /// Id (`si_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// End of the current period, Unix seconds.
    pub current_period_end: Option<i64>,
    /// Start of the current period, Unix seconds.
    pub current_period_start: Option<i64>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// The price.
    pub price: Option<Price>,
    /// Quantity.
    pub quantity: Option<i64>,
    /// The subscription's id.
    pub subscription: Option<String>,
}

/// `object: "subscription_schedule"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SubscriptionSchedule {
    /// Id (`sub_sched_…`).
    pub id: String,
    /// When it was canceled, Unix seconds.
    pub canceled_at: Option<i64>,
    /// When it completed, Unix seconds.
    pub completed_at: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The current phase.
    pub current_phase: Option<SchedulePhaseDates>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// `cancel`, `none` or `release`.
    pub end_behavior: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// When it was released, Unix seconds.
    pub released_at: Option<i64>,
    /// The subscription it released.
    pub released_subscription: Option<String>,
    /// `not_started`, `active`, `completed`, `released` or `canceled`.
    pub status: Option<String>,
    /// The subscription it manages.
    pub subscription: Option<Expandable<Subscription>>,
}

/// Start and end of a schedule phase, Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SchedulePhaseDates {
    /// Start.
    pub start_date: Option<i64>,
    /// End.
    pub end_date: Option<i64>,
}

/// `object: "product"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Product {
    /// Id (`prod_…`).
    pub id: String,
    /// Whether it is for sale.
    pub active: Option<bool>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Default price.
    pub default_price: Option<Expandable<Price>>,
    /// Description.
    pub description: Option<String>,
    /// Image URLs.
    #[serde(default, deserialize_with = "nullable")]
    pub images: Vec<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Name.
    pub name: Option<String>,
    /// Whether it is shipped.
    pub shippable: Option<bool>,
    /// Statement descriptor.
    pub statement_descriptor: Option<String>,
    /// Unit label.
    pub unit_label: Option<String>,
    /// Last update, Unix seconds.
    pub updated: Option<i64>,
    /// Public URL.
    pub url: Option<String>,
}

/// `object: "price"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Price {
    /// Id (`price_…`).
    pub id: String,
    /// Whether it can be used for new purchases.
    pub active: Option<bool>,
    /// `per_unit` or `tiered`.
    pub billing_scheme: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Lookup key.
    pub lookup_key: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Nickname.
    pub nickname: Option<String>,
    /// The product.
    pub product: Option<Expandable<Product>>,
    /// Recurrence, for recurring prices.
    pub recurring: Option<Recurring>,
    /// `exclusive`, `inclusive` or `unspecified`.
    pub tax_behavior: Option<String>,
    /// One-time or recurring.
    #[serde(rename = "type")]
    pub kind: Option<PriceType>,
    /// Unit amount.
    pub unit_amount: Option<i64>,
    /// Unit amount as a decimal string, with up to 12 decimal places.
    pub unit_amount_decimal: Option<String>,
}

/// Recurrence of a price.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Recurring {
    /// Interval.
    pub interval: Option<Interval>,
    /// Number of intervals between bills.
    pub interval_count: Option<i64>,
    /// The billing meter, for metered prices.
    pub meter: Option<String>,
    /// `licensed` or `metered`.
    pub usage_type: Option<String>,
}

/// `object: "plan"`: the older form of a recurring price.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Plan {
    /// Id.
    pub id: String,
    /// Whether it can be used for new purchases.
    pub active: Option<bool>,
    /// Unit amount.
    pub amount: Option<i64>,
    /// Unit amount as a decimal string.
    pub amount_decimal: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// Interval.
    pub interval: Option<Interval>,
    /// Number of intervals between bills.
    pub interval_count: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Nickname.
    pub nickname: Option<String>,
    /// The product.
    pub product: Option<Expandable<Product>>,
    /// `licensed` or `metered`.
    pub usage_type: Option<String>,
}

/// `object: "coupon"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Coupon {
    /// Id.
    pub id: String,
    /// Amount off.
    pub amount_off: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Currency of `amount_off`.
    pub currency: Option<String>,
    /// `forever`, `once` or `repeating`.
    pub duration: Option<String>,
    /// Months, for `repeating`.
    pub duration_in_months: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Maximum redemptions.
    pub max_redemptions: Option<i64>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Name shown to customers.
    pub name: Option<String>,
    /// Percent off.
    pub percent_off: Option<f64>,
    /// Last redemption date, Unix seconds.
    pub redeem_by: Option<i64>,
    /// Times redeemed.
    pub times_redeemed: Option<i64>,
    /// Whether it can still be applied.
    pub valid: Option<bool>,
}

/// `object: "discount"` (events `customer.discount.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Discount {
    /// Id (`di_…`; absent in old API versions).
    pub id: Option<String>,
    /// The checkout session that applied it.
    pub checkout_session: Option<String>,
    /// The coupon (API versions before 2025-09-30; see `source`).
    pub coupon: Option<Box<Coupon>>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// When it ends, Unix seconds.
    pub end: Option<i64>,
    /// The invoice it applies to.
    pub invoice: Option<String>,
    /// The invoice item it applies to.
    pub invoice_item: Option<String>,
    /// The promotion code applied.
    pub promotion_code: Option<Expandable<PromotionCode>>,
    /// Where it comes from (newer API versions).
    pub source: Option<DiscountSource>,
    /// When it started, Unix seconds.
    pub start: Option<i64>,
    /// The subscription it applies to.
    pub subscription: Option<String>,
    /// The subscription item it applies to.
    pub subscription_item: Option<String>,
}

/// Where a discount comes from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiscountSource {
    /// The coupon.
    pub coupon: Option<Expandable<Coupon>>,
    /// `coupon`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `object: "promotion_code"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PromotionCode {
    /// Id (`promo_…`).
    pub id: String,
    /// Whether it can be redeemed.
    pub active: Option<bool>,
    /// The code customers type.
    pub code: Option<String>,
    /// The coupon (API versions before 2025-09-30; see `promotion`).
    pub coupon: Option<Box<Coupon>>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The only customer who may redeem it.
    pub customer: Option<Expandable<Customer>>,
    /// Expiry, Unix seconds.
    pub expires_at: Option<i64>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Maximum redemptions.
    pub max_redemptions: Option<i64>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// What it applies (newer API versions).
    pub promotion: Option<DiscountSource>,
    /// Times redeemed.
    pub times_redeemed: Option<i64>,
}

/// `object: "tax_rate"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TaxRate {
    /// Id (`txr_…`).
    pub id: String,
    /// Whether it can be applied.
    pub active: Option<bool>,
    /// Country, two-letter code.
    pub country: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Description.
    pub description: Option<String>,
    /// Name shown on invoices.
    pub display_name: Option<String>,
    /// Whether it is included in prices.
    pub inclusive: Option<bool>,
    /// Jurisdiction.
    pub jurisdiction: Option<String>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Percentage.
    pub percentage: Option<f64>,
    /// State or province.
    pub state: Option<String>,
    /// `vat`, `sales_tax`, `gst`, …
    pub tax_type: Option<String>,
}

/// `object: "tax_id"` (events `customer.tax_id.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TaxId {
    /// Id (`txi_…`).
    pub id: String,
    /// Country, two-letter code.
    pub country: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// `eu_vat`, `us_ein`, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The tax id.
    pub value: Option<String>,
}

/// `object: "credit_note"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CreditNote {
    /// Id (`cn_…`).
    pub id: String,
    /// Amount credited.
    pub amount: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// The invoice.
    pub invoice: Option<Expandable<Invoice>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Memo.
    pub memo: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Number.
    pub number: Option<String>,
    /// `duplicate`, `fraudulent`, `order_change`, `product_unsatisfactory`.
    pub reason: Option<String>,
    /// `issued` or `void`.
    pub status: Option<String>,
    /// Total.
    pub total: Option<i64>,
    /// `post_payment` or `pre_payment`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}
