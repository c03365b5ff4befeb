//! Checkout sessions.

use serde::Deserialize;

use super::super::common::{Address, Expandable, Metadata};
use super::super::deser::{nullable, string_enum};
use super::{Customer, Invoice, PaymentIntent, SetupIntent, Subscription};

string_enum! {
    /// `status` of a [`CheckoutSession`].
    CheckoutSessionStatus {
        Complete = "complete",
        Expired = "expired",
        Open = "open",
    }
}

string_enum! {
    /// `payment_status` of a [`CheckoutSession`].
    CheckoutPaymentStatus {
        NoPaymentRequired = "no_payment_required",
        Paid = "paid",
        Unpaid = "unpaid",
    }
}

string_enum! {
    /// `mode` of a [`CheckoutSession`].
    CheckoutMode {
        Payment = "payment",
        Setup = "setup",
        Subscription = "subscription",
    }
}

/// `object: "checkout.session"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CheckoutSession {
    /// Id (`cs_…`).
    pub id: String,
    /// Total before discounts and taxes.
    pub amount_subtotal: Option<i64>,
    /// Total after discounts and taxes.
    pub amount_total: Option<i64>,
    /// Where the customer goes on cancel.
    pub cancel_url: Option<String>,
    /// Your reference for the session.
    pub client_reference_id: Option<String>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The customer.
    pub customer: Option<Expandable<Customer>>,
    /// What the customer entered.
    pub customer_details: Option<CheckoutCustomerDetails>,
    /// The email given when the session was created.
    pub customer_email: Option<String>,
    /// Expiry, Unix seconds.
    pub expires_at: Option<i64>,
    /// The invoice it created.
    pub invoice: Option<Expandable<Invoice>>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Locale.
    pub locale: Option<String>,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Payment, setup or subscription.
    pub mode: Option<CheckoutMode>,
    /// The payment intent, in payment mode.
    pub payment_intent: Option<Expandable<PaymentIntent>>,
    /// Payment method types offered.
    #[serde(default, deserialize_with = "nullable")]
    pub payment_method_types: Vec<String>,
    /// Whether it was paid.
    pub payment_status: Option<CheckoutPaymentStatus>,
    /// The setup intent, in setup mode.
    pub setup_intent: Option<Expandable<SetupIntent>>,
    /// Status.
    pub status: Option<CheckoutSessionStatus>,
    /// The subscription, in subscription mode.
    pub subscription: Option<Expandable<Subscription>>,
    /// Where the customer goes on success.
    pub success_url: Option<String>,
    /// Totals of discounts, shipping and taxes.
    pub total_details: Option<CheckoutTotalDetails>,
    /// `hosted`, `embedded` or `custom`.
    pub ui_mode: Option<String>,
    /// The session's URL, while open.
    pub url: Option<String>,
}

/// Customer details entered in Checkout.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CheckoutCustomerDetails {
    /// Address.
    pub address: Option<Address>,
    /// Email.
    pub email: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// `none`, `exempt` or `reverse`.
    pub tax_exempt: Option<String>,
}

/// Totals of a checkout session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CheckoutTotalDetails {
    /// Discounts.
    pub amount_discount: Option<i64>,
    /// Shipping.
    pub amount_shipping: Option<i64>,
    /// Taxes.
    pub amount_tax: Option<i64>,
}
