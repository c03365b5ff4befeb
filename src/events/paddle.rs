//! Paddle Billing: `{"event_id", "event_type", "occurred_at", "notification_id", "data"}`, by
//! `event_type`.
//!
//! Amounts are strings of the lowest denomination (`"1000"` = 10.00), as Paddle sends them.
//!
//! ```
//! use webhook_guard::events::paddle::{self, Event};
//! let body = br#"{"event_id":"evt_01h8bzakzx3hm2fmen703n5q45","event_type":"subscription.canceled",
//!   "occurred_at":"2023-08-21T11:13:07.445096Z","notification_id":"ntf_01h8bzam2vqd41jx2h6dfcqqgb",
//!   "data":{"id":"sub_01h8bx8fmywym11t6swgzba704","status":"canceled","customer_id":"ctm_01h8441jn5pcwrfhwh78jqt8hk",
//!     "currency_code":"USD","canceled_at":"2023-08-21T11:13:07.358Z","custom_data":null,
//!     "items":[{"status":"active","quantity":10,"price":{"id":"pri_01gsz8x8sawmvhz1pv30nge1ke"}}]}}"#;
//! let Event::SubscriptionCanceled(n) = paddle::parse(body)? else { panic!() };
//! assert_eq!(n.event_id.as_deref(), Some("evt_01h8bzakzx3hm2fmen703n5q45"));
//! assert_eq!(n.data.status.as_deref(), Some("canceled"));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;

use super::support::{self, named_events};

named_events! {
    /// A Paddle Billing notification, by `event_type`.
    pub enum Event as "paddle::Event", unknown name, name at "/event_type" {
        "transaction.created" => TransactionCreated(Notification<Transaction>),
        "transaction.updated" => TransactionUpdated(Notification<Transaction>),
        "transaction.ready" => TransactionReady(Notification<Transaction>),
        "transaction.billed" => TransactionBilled(Notification<Transaction>),
        "transaction.paid" => TransactionPaid(Notification<Transaction>),
        "transaction.completed" => TransactionCompleted(Notification<Transaction>),
        "transaction.canceled" => TransactionCanceled(Notification<Transaction>),
        "transaction.past_due" => TransactionPastDue(Notification<Transaction>),
        "transaction.payment_failed" => TransactionPaymentFailed(Notification<Transaction>),
        "transaction.revised" => TransactionRevised(Notification<Transaction>),
        "subscription.created" => SubscriptionCreated(Notification<Subscription>),
        "subscription.updated" => SubscriptionUpdated(Notification<Subscription>),
        "subscription.activated" => SubscriptionActivated(Notification<Subscription>),
        "subscription.trialing" => SubscriptionTrialing(Notification<Subscription>),
        "subscription.past_due" => SubscriptionPastDue(Notification<Subscription>),
        "subscription.paused" => SubscriptionPaused(Notification<Subscription>),
        "subscription.resumed" => SubscriptionResumed(Notification<Subscription>),
        "subscription.canceled" => SubscriptionCanceled(Notification<Subscription>),
        "subscription.imported" => SubscriptionImported(Notification<Subscription>),
        "customer.created" => CustomerCreated(Notification<Customer>),
        "customer.updated" => CustomerUpdated(Notification<Customer>),
        "customer.imported" => CustomerImported(Notification<Customer>),
        "address.created" => AddressCreated(Notification<Address>),
        "address.updated" => AddressUpdated(Notification<Address>),
        "address.imported" => AddressImported(Notification<Address>),
        "business.created" => BusinessCreated(Notification<Business>),
        "business.updated" => BusinessUpdated(Notification<Business>),
        "business.imported" => BusinessImported(Notification<Business>),
        "adjustment.created" => AdjustmentCreated(Notification<Adjustment>),
        "adjustment.updated" => AdjustmentUpdated(Notification<Adjustment>),
        "product.created" => ProductCreated(Notification<Product>),
        "product.updated" => ProductUpdated(Notification<Product>),
        "product.imported" => ProductImported(Notification<Product>),
        "price.created" => PriceCreated(Notification<Price>),
        "price.updated" => PriceUpdated(Notification<Price>),
        "price.imported" => PriceImported(Notification<Price>),
        "discount.created" => DiscountCreated(Notification<Discount>),
        "discount.updated" => DiscountUpdated(Notification<Discount>),
        "discount.imported" => DiscountImported(Notification<Discount>),
        "payout.created" => PayoutCreated(Notification<Payout>),
        "payout.paid" => PayoutPaid(Notification<Payout>),
    }
}

/// Types a verified Paddle body by its `event_type`.
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    support::parse_by_pointer(body, "/event_type", Event::from_value)
}

/// A notification; `T` is the type of `data`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Notification<T> {
    /// The event id (`evt_…`).
    pub event_id: Option<String>,
    /// When it happened (RFC 3339).
    pub occurred_at: Option<String>,
    /// This delivery's id (`ntf_…`).
    pub notification_id: Option<String>,
    /// The entity, as it is after the event.
    pub data: T,
}

/// A transaction (`transaction.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Transaction {
    /// `txn_…`.
    pub id: String,
    /// `draft`, `ready`, `billed`, `paid`, `completed`, `canceled`, `past_due`.
    pub status: Option<String>,
    /// `ctm_…`.
    pub customer_id: Option<String>,
    /// `add_…`.
    pub address_id: Option<String>,
    /// `biz_…`.
    pub business_id: Option<String>,
    /// `sub_…`, for renewals.
    pub subscription_id: Option<String>,
    /// `inv_…`.
    pub invoice_id: Option<String>,
    /// The invoice number.
    pub invoice_number: Option<String>,
    /// ISO 4217.
    pub currency_code: Option<String>,
    /// `web`, `api`, `subscription_recurring`, ….
    pub origin: Option<String>,
    /// `automatic` or `manual`.
    pub collection_mode: Option<String>,
    /// Your data.
    pub custom_data: Option<Value>,
    /// The items.
    pub items: Option<Value>,
    /// Totals and line items.
    pub details: Option<Value>,
    /// Payment attempts.
    pub payments: Option<Value>,
    /// The checkout (`url`).
    pub checkout: Option<Value>,
    /// Billed.
    pub billed_at: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A subscription (`subscription.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Subscription {
    /// `sub_…`.
    pub id: String,
    /// `active`, `canceled`, `past_due`, `paused`, `trialing`.
    pub status: Option<String>,
    /// `ctm_…`.
    pub customer_id: Option<String>,
    /// `add_…`.
    pub address_id: Option<String>,
    /// `biz_…`.
    pub business_id: Option<String>,
    /// ISO 4217.
    pub currency_code: Option<String>,
    /// `automatic` or `manual`.
    pub collection_mode: Option<String>,
    /// Your data.
    pub custom_data: Option<Value>,
    /// The items.
    pub items: Option<Value>,
    /// `{interval, frequency}`.
    pub billing_cycle: Option<Value>,
    /// `{starts_at, ends_at}`.
    pub current_billing_period: Option<Value>,
    /// A pending pause, resume or cancellation.
    pub scheduled_change: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Started.
    pub started_at: Option<String>,
    /// First billed.
    pub first_billed_at: Option<String>,
    /// Next billing.
    pub next_billed_at: Option<String>,
    /// Paused.
    pub paused_at: Option<String>,
    /// Canceled.
    pub canceled_at: Option<String>,
}

/// A customer (`customer.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Customer {
    /// `ctm_…`.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// `active` or `archived`.
    pub status: Option<String>,
    /// Whether they agreed to marketing.
    pub marketing_consent: Option<bool>,
    /// Locale.
    pub locale: Option<String>,
    /// Your data.
    pub custom_data: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// An address (`address.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Address {
    /// `add_…`.
    pub id: String,
    /// `ctm_…`.
    pub customer_id: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country_code: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// City.
    pub city: Option<String>,
    /// `active` or `archived`.
    pub status: Option<String>,
    /// Your data.
    pub custom_data: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A business (`business.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Business {
    /// `biz_…`.
    pub id: String,
    /// `ctm_…`.
    pub customer_id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Company number.
    pub company_number: Option<String>,
    /// Tax id.
    pub tax_identifier: Option<String>,
    /// `active` or `archived`.
    pub status: Option<String>,
    /// Your data.
    pub custom_data: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// An adjustment: refund or credit (`adjustment.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Adjustment {
    /// `adj_…`.
    pub id: String,
    /// `refund`, `credit`, `chargeback`, ….
    pub action: Option<String>,
    /// `txn_…`.
    pub transaction_id: Option<String>,
    /// `sub_…`.
    pub subscription_id: Option<String>,
    /// `ctm_…`.
    pub customer_id: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// `pending_approval`, `approved`, `rejected`, `reversed`.
    pub status: Option<String>,
    /// ISO 4217.
    pub currency_code: Option<String>,
    /// The items.
    pub items: Option<Value>,
    /// Totals.
    pub totals: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A product (`product.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Product {
    /// `pro_…`.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `standard` or `custom`.
    #[serde(rename = "type")]
    pub product_type: Option<String>,
    /// Tax category.
    pub tax_category: Option<String>,
    /// Image URL.
    pub image_url: Option<String>,
    /// `active` or `archived`.
    pub status: Option<String>,
    /// Your data.
    pub custom_data: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A price (`price.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Price {
    /// `pri_…`.
    pub id: String,
    /// `pro_…`.
    pub product_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// `{amount, currency_code}`.
    pub unit_price: Option<Value>,
    /// `{interval, frequency}`, for recurring prices.
    pub billing_cycle: Option<Value>,
    /// `{interval, frequency}`.
    pub trial_period: Option<Value>,
    /// `active` or `archived`.
    pub status: Option<String>,
    /// Your data.
    pub custom_data: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A discount (`discount.*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Discount {
    /// `dsc_…`.
    pub id: String,
    /// `active`, `archived`, `expired`, `used`.
    pub status: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `flat`, `flat_per_seat`, `percentage`.
    #[serde(rename = "type")]
    pub discount_type: Option<String>,
    /// Amount or percentage.
    pub amount: Option<String>,
    /// For flat discounts.
    pub currency_code: Option<String>,
    /// The checkout code.
    pub code: Option<String>,
    /// Your data.
    pub custom_data: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A payout (`payout.*`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Payout {
    /// The payout id.
    pub id: String,
    /// `unpaid` or `paid`.
    pub status: Option<String>,
    /// Amount.
    pub amount: Option<String>,
    /// ISO 4217.
    pub currency_code: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::TypedEvent;

    #[test]
    fn transaction_and_fallbacks() {
        let e = parse(br#"{"event_id":"evt_01h7xzhhk5fs38wz7w0jhpmvqt","event_type":"transaction.completed",
            "occurred_at":"2023-08-15T16:36:17.733455Z","notification_id":"ntf_01h7xzhhqr45ez0cw3p2mcxyyx",
            "data":{"id":"txn_01h7xz9fhbvfcfsxvavmp1ygym","status":"completed","customer_id":"ctm_01h7xz8fk3xk2fgbg3sygdz9wg",
              "origin":"web","currency_code":"USD","collection_mode":"automatic","billed_at":"2023-08-15T16:36:14.497918Z",
              "details":{"totals":{"total":"1100","currency_code":"USD"}},"items":[{"price":{"id":"pri_1"},"quantity":1}]}}"#).unwrap();
        match &e {
            Event::TransactionCompleted(n) => {
                assert_eq!(n.data.id, "txn_01h7xz9fhbvfcfsxvavmp1ygym");
                assert_eq!(n.data.details.as_ref().unwrap()["totals"]["total"], "1100");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(e.variant_name(), "paddle::Event::TransactionCompleted");
        let e = parse(br#"{"event_type":"report.created","data":{"id":"rep_1"}}"#).unwrap();
        assert!(matches!(&e, Event::Unknown { name, .. } if name == "report.created"));
        let err = parse(br#"{"event_type":"customer.created","data":{"name":"x"}}"#).unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "data"),
            "{err:?}"
        );
        for name in Event::NAMES {
            let body =
                format!(r#"{{"event_type":"{name}","event_id":"evt_1","data":{{"id":"x_1"}}}}"#);
            assert!(parse(body.as_bytes()).unwrap().is_typed(), "{name}");
        }
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
