//! Customers.

use serde::Deserialize;

use super::super::common::{Address, Expandable, Metadata, Shipping};
use super::super::deser::nullable;
use super::{Discount, PaymentMethod};

/// `object: "customer"`. A deleted customer (`customer.deleted`, or an expanded reference to
/// one) may carry little more than `id` and `deleted: true`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Customer {
    /// Id (`cus_…`).
    pub id: String,
    /// Address.
    pub address: Option<Address>,
    /// Credit balance, in the smallest currency unit (negative: credit).
    pub balance: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// Default currency.
    pub currency: Option<String>,
    /// Default payment source (a card, bank account or source).
    pub default_source: Option<Expandable<serde_json::Value>>,
    /// Whether it was deleted.
    #[serde(default)]
    pub deleted: bool,
    /// Whether its latest invoice is past due.
    pub delinquent: Option<bool>,
    /// Description.
    pub description: Option<String>,
    /// The discount that applies (older API versions).
    pub discount: Option<Box<Discount>>,
    /// Email.
    pub email: Option<String>,
    /// Prefix of its invoice numbers.
    pub invoice_prefix: Option<String>,
    /// Invoice settings.
    pub invoice_settings: Option<CustomerInvoiceSettings>,
    /// Live or test mode.
    #[serde(default)]
    pub livemode: bool,
    /// Your key-value pairs.
    #[serde(default, deserialize_with = "nullable")]
    pub metadata: Metadata,
    /// Name.
    pub name: Option<String>,
    /// Sequence number of its next invoice.
    pub next_invoice_sequence: Option<i64>,
    /// Phone number.
    pub phone: Option<String>,
    /// Preferred languages.
    #[serde(default, deserialize_with = "nullable")]
    pub preferred_locales: Vec<String>,
    /// Shipping details.
    pub shipping: Option<Shipping>,
    /// `none`, `exempt` or `reverse`.
    pub tax_exempt: Option<String>,
}

/// A customer's invoice settings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CustomerInvoiceSettings {
    /// Default payment method for invoices and subscriptions.
    pub default_payment_method: Option<Expandable<PaymentMethod>>,
    /// Default footer.
    pub footer: Option<String>,
}
