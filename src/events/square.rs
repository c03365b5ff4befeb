//! Square: `{"merchant_id", "type", "event_id", "created_at", "data": {"type", "id", "object"}}`,
//! by `type`. The `object` holds the entity under its own name (`{"payment": {…}}`).
//!
//! Money is `{"amount": <smallest unit>, "currency": "USD"}`.
//!
//! ```
//! use webhook_guard::events::square::{self, Event};
//! let body = br#"{"merchant_id":"6SSW7HV8K2ST5","type":"payment.created",
//!   "event_id":"13b867cf-db3d-4b1c-90b6-2f32a9d78124","created_at":"2020-02-06T21:27:30.792Z",
//!   "data":{"type":"payment","id":"KkAkhdMsgzn59SM8A89WgKwekxLZY",
//!     "object":{"payment":{"id":"hYy9pRFVxpDsO1FB05SunFWUe9JZY","status":"APPROVED",
//!       "amount_money":{"amount":100,"currency":"USD"},"location_id":"S8GWD5R9QB376",
//!       "order_id":"03O3USaPaAaFnI6kkwB1JxGgBvaZY","source_type":"CARD",
//!       "created_at":"2020-11-22T21:16:51.086Z","updated_at":"2020-11-22T21:16:51.198Z","version":1}}}}"#;
//! let Event::PaymentCreated(n) = square::parse(body)? else { panic!() };
//! let payment = n.data.object.unwrap().payment.unwrap();
//! assert_eq!(payment.amount_money.unwrap().amount, Some(100));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;

use super::support::{self, named_events};

named_events! {
    /// A Square webhook, by `type`.
    pub enum Event as "square::Event", unknown name, name at "/type" {
        "payment.created" => PaymentCreated(Notification<PaymentObject>),
        "payment.updated" => PaymentUpdated(Notification<PaymentObject>),
        "refund.created" => RefundCreated(Notification<RefundObject>),
        "refund.updated" => RefundUpdated(Notification<RefundObject>),
        "order.created" => OrderCreated(Notification<OrderObject>),
        "order.updated" => OrderUpdated(Notification<OrderObject>),
        "order.fulfillment.updated" => OrderFulfillmentUpdated(Notification<OrderObject>),
        "customer.created" => CustomerCreated(Notification<CustomerObject>),
        "customer.updated" => CustomerUpdated(Notification<CustomerObject>),
        "customer.deleted" => CustomerDeleted(Notification<CustomerObject>),
        "invoice.created" => InvoiceCreated(Notification<InvoiceObject>),
        "invoice.published" => InvoicePublished(Notification<InvoiceObject>),
        "invoice.updated" => InvoiceUpdated(Notification<InvoiceObject>),
        "invoice.payment_made" => InvoicePaymentMade(Notification<InvoiceObject>),
        "invoice.scheduled_charge_failed" => InvoiceScheduledChargeFailed(Notification<InvoiceObject>),
        "invoice.canceled" => InvoiceCanceled(Notification<InvoiceObject>),
        "invoice.refunded" => InvoiceRefunded(Notification<InvoiceObject>),
        "invoice.deleted" => InvoiceDeleted(Notification<InvoiceObject>),
        "subscription.created" => SubscriptionCreated(Notification<SubscriptionObject>),
        "subscription.updated" => SubscriptionUpdated(Notification<SubscriptionObject>),
        "dispute.created" => DisputeCreated(Notification<DisputeObject>),
        "dispute.state.updated" => DisputeStateUpdated(Notification<DisputeObject>),
        "dispute.evidence.added" => DisputeEvidenceAdded(Notification<DisputeObject>),
        "inventory.count.updated" => InventoryCountUpdated(Notification<InventoryObject>),
        "catalog.version.updated" => CatalogVersionUpdated(Notification<CatalogObject>),
        "team_member.created" => TeamMemberCreated(Notification<Value>),
        "team_member.updated" => TeamMemberUpdated(Notification<Value>),
        "card.created" => CardCreated(Notification<Value>),
        "card.updated" => CardUpdated(Notification<Value>),
        "card.disabled" => CardDisabled(Notification<Value>),
        "oauth.authorization.revoked" => OauthAuthorizationRevoked(Notification<Value>),
        /// Sent by the Developer Dashboard's "Send test event".
        "webhooks.test_notification" => TestNotification(Notification<Value>),
    }
}

/// Types a verified Square body by its `type`.
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    support::parse_by_pointer(body, "/type", Event::from_value)
}

/// A Square notification; `T` is the type of `data.object`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Notification<T> {
    /// The seller.
    pub merchant_id: Option<String>,
    /// The location, for location-scoped events.
    pub location_id: Option<String>,
    /// The event id (the same across retries).
    pub event_id: Option<String>,
    /// When (RFC 3339).
    pub created_at: Option<String>,
    /// The entity.
    pub data: Data<T>,
}

/// `data` of a [`Notification`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Data<T> {
    /// The entity type (`payment`).
    #[serde(rename = "type")]
    pub object_type: Option<String>,
    /// The entity id.
    pub id: Option<String>,
    /// Whether it was deleted (`*.deleted`).
    pub deleted: Option<bool>,
    /// The entity under its name.
    pub object: Option<T>,
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Money {
    /// In the currency's smallest unit.
    pub amount: Option<i64>,
    /// ISO 4217.
    pub currency: Option<String>,
}

/// `{"payment": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PaymentObject {
    /// The payment.
    pub payment: Option<Payment>,
}

/// A payment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Payment {
    /// The payment id.
    pub id: String,
    /// `APPROVED`, `PENDING`, `COMPLETED`, `CANCELED`, `FAILED`.
    pub status: Option<String>,
    /// Amount.
    pub amount_money: Option<Money>,
    /// Tip.
    pub tip_money: Option<Money>,
    /// Total.
    pub total_money: Option<Money>,
    /// Approved.
    pub approved_money: Option<Money>,
    /// Refunded so far.
    pub refunded_money: Option<Money>,
    /// `CARD`, `BANK_ACCOUNT`, `WALLET`, `CASH`, ….
    pub source_type: Option<String>,
    /// Card details.
    pub card_details: Option<Value>,
    /// The location.
    pub location_id: Option<String>,
    /// The order.
    pub order_id: Option<String>,
    /// The customer.
    pub customer_id: Option<String>,
    /// Your reference.
    pub reference_id: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Receipt number.
    pub receipt_number: Option<String>,
    /// Receipt URL.
    pub receipt_url: Option<String>,
    /// Version (increases with each update).
    pub version: Option<i64>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// `{"refund": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RefundObject {
    /// The refund.
    pub refund: Option<Refund>,
}

/// A refund.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Refund {
    /// The refund id.
    pub id: String,
    /// `PENDING`, `COMPLETED`, `REJECTED`, `FAILED`.
    pub status: Option<String>,
    /// Amount.
    pub amount_money: Option<Money>,
    /// The payment.
    pub payment_id: Option<String>,
    /// The order.
    pub order_id: Option<String>,
    /// The location.
    pub location_id: Option<String>,
    /// Why.
    pub reason: Option<String>,
    /// Version.
    pub version: Option<i64>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// `{"order_created": …}`, `{"order_updated": …}` or `{"order_fulfillment_updated": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OrderObject {
    /// `order.created`.
    pub order_created: Option<OrderChange>,
    /// `order.updated`.
    pub order_updated: Option<OrderChange>,
    /// `order.fulfillment.updated`.
    pub order_fulfillment_updated: Option<OrderChange>,
}

/// What changed in an order (fetch the order itself with the Orders API).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OrderChange {
    /// The order.
    pub order_id: Option<String>,
    /// Version.
    pub version: Option<i64>,
    /// The location.
    pub location_id: Option<String>,
    /// `OPEN`, `COMPLETED`, `CANCELED`, `DRAFT`.
    pub state: Option<String>,
    /// Fulfillment changes (`order.fulfillment.updated`).
    pub fulfillment_update: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// `{"customer": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CustomerObject {
    /// The customer.
    pub customer: Option<Customer>,
}

/// A customer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Customer {
    /// The customer id.
    pub id: String,
    /// Given name.
    pub given_name: Option<String>,
    /// Family name.
    pub family_name: Option<String>,
    /// E-mail.
    pub email_address: Option<String>,
    /// Phone.
    pub phone_number: Option<String>,
    /// Company.
    pub company_name: Option<String>,
    /// Your reference.
    pub reference_id: Option<String>,
    /// Address.
    pub address: Option<Value>,
    /// Version.
    pub version: Option<i64>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// `{"invoice": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InvoiceObject {
    /// The invoice.
    pub invoice: Option<Invoice>,
}

/// An invoice.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Invoice {
    /// The invoice id.
    pub id: String,
    /// `DRAFT`, `UNPAID`, `SCHEDULED`, `PAID`, `CANCELED`, ….
    pub status: Option<String>,
    /// Invoice number.
    pub invoice_number: Option<String>,
    /// The order.
    pub order_id: Option<String>,
    /// The location.
    pub location_id: Option<String>,
    /// Who pays (`customer_id`, …).
    pub primary_recipient: Option<Value>,
    /// Payment requests.
    pub payment_requests: Option<Value>,
    /// Public URL.
    pub public_url: Option<String>,
    /// Version.
    pub version: Option<i64>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// `{"subscription": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SubscriptionObject {
    /// The subscription.
    pub subscription: Option<Subscription>,
}

/// A subscription.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Subscription {
    /// The subscription id.
    pub id: String,
    /// `PENDING`, `ACTIVE`, `CANCELED`, `DEACTIVATED`, `PAUSED`.
    pub status: Option<String>,
    /// The plan variation.
    pub plan_variation_id: Option<String>,
    /// The customer.
    pub customer_id: Option<String>,
    /// The location.
    pub location_id: Option<String>,
    /// Start date.
    pub start_date: Option<String>,
    /// Canceled date.
    pub canceled_date: Option<String>,
    /// Charged through date.
    pub charged_through_date: Option<String>,
    /// Version.
    pub version: Option<i64>,
    /// Created.
    pub created_at: Option<String>,
}

/// `{"dispute": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DisputeObject {
    /// The dispute.
    pub dispute: Option<Dispute>,
}

/// A dispute (chargeback).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Dispute {
    /// The dispute id.
    pub id: Option<String>,
    /// `EVIDENCE_REQUIRED`, `PROCESSING`, `WON`, `LOST`, `ACCEPTED`, ….
    pub state: Option<String>,
    /// `AMOUNT_DIFFERS`, `NOT_AS_DESCRIBED`, ….
    pub reason: Option<String>,
    /// Disputed amount.
    pub amount_money: Option<Money>,
    /// The payment.
    pub disputed_payment: Option<DisputedPayment>,
    /// Evidence due.
    pub due_at: Option<String>,
    /// The location.
    pub location_id: Option<String>,
    /// Version.
    pub version: Option<i64>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// The payment of a [`Dispute`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DisputedPayment {
    /// The payment id.
    pub payment_id: Option<String>,
}

/// `{"inventory_counts": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InventoryObject {
    /// The changed counts.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub inventory_counts: Vec<InventoryCount>,
}

/// A stock count.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InventoryCount {
    /// The catalog object (item variation).
    pub catalog_object_id: Option<String>,
    /// `ITEM_VARIATION`.
    pub catalog_object_type: Option<String>,
    /// `IN_STOCK`, `SOLD`, `WASTE`, ….
    pub state: Option<String>,
    /// The location.
    pub location_id: Option<String>,
    /// Quantity as a decimal string.
    pub quantity: Option<String>,
    /// When counted.
    pub calculated_at: Option<String>,
}

/// `{"catalog_version": {"updated_at": …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CatalogObject {
    /// The catalog version.
    pub catalog_version: Option<CatalogVersion>,
}

/// When the catalog changed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CatalogVersion {
    /// Updated.
    pub updated_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::TypedEvent;

    /// The body of Square's own signature test (square-nodejs-sdk).
    const TEST_NOTIFICATION: &[u8] = br#"{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}"#;

    #[test]
    fn test_notification_and_inventory() {
        let e = parse(TEST_NOTIFICATION).unwrap();
        assert_eq!(e.variant_name(), "square::Event::TestNotification");
        let Event::TestNotification(n) = e else {
            panic!()
        };
        assert_eq!(n.merchant_id.as_deref(), Some("MLEFBHHSJGVHD"));
        assert_eq!(n.data.object_type.as_deref(), Some("webhooks"));
        let e = parse(br#"{"merchant_id":"6SSW7HV8K2ST5","type":"inventory.count.updated","event_id":"df5f3813-a913-45a1-94e9-fdc3f7d5e3b6",
            "created_at":"2019-10-29T18:38:45.455006797Z","data":{"type":"inventory","id":"84e4ac73-d605-4dbd-a9e5-ffff794ddb9d",
            "object":{"inventory_counts":[{"calculated_at":"2019-10-29T18:38:45.10296Z","catalog_object_id":"FGQ5JJWT2PYTHF35CKZ4DFPB",
            "catalog_object_type":"ITEM_VARIATION","location_id":"YYQR7SA3PHPMY","quantity":"98","state":"IN_STOCK"}]}}}"#).unwrap();
        match e {
            Event::InventoryCountUpdated(n) => {
                assert_eq!(
                    n.data.object.unwrap().inventory_counts[0]
                        .quantity
                        .as_deref(),
                    Some("98")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fallbacks_errors_and_garbage() {
        let e = parse(br#"{"type":"labor.shift.created","data":{}}"#).unwrap();
        assert!(matches!(&e, Event::Unknown { name, .. } if name == "labor.shift.created"));
        let err = parse(br#"{"type":"payment.updated","data":{"object":{"payment":{"id":"p","amount_money":{"amount":"1"}}}}}"#)
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "data.object.payment.amount_money.amount"),
            "{err:?}"
        );
        for name in Event::NAMES {
            let body = format!(
                r#"{{"type":"{name}","event_id":"e","data":{{"type":"x","id":"1","object":{{}}}}}}"#
            );
            assert!(parse(body.as_bytes()).unwrap().is_typed(), "{name}");
        }
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
