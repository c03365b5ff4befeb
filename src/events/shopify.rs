//! Shopify: the body is the resource itself; the topic comes from the `X-Shopify-Topic` header,
//! or `shopify-topic` in Events deliveries ([`crate::Delivery::event`]).
//!
//! Money amounts are decimal strings as Shopify sends them (`"199.00"`); ids are integers.
//!
//! ```
//! use webhook_guard::events::shopify::{self, Event};
//! let body = br##"{"id":820982911946154508,"email":"jon@example.com","name":"#9999",
//!   "total_price":"403.00","currency":"USD","financial_status":"paid",
//!   "line_items":[{"id":866550311766439020,"title":"IPod Nano - 8GB","quantity":1,"price":"199.00"}]}"##;
//! let Event::OrdersPaid(order) = shopify::parse(Some("orders/paid"), body)? else { panic!() };
//! assert_eq!(order.total_price.as_deref(), Some("403.00"));
//! assert_eq!(order.line_items[0].quantity, Some(1));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::payload;

use super::support::named_events;

named_events! {
    /// A Shopify webhook, by topic.
    pub enum Event as "shopify::Event", unknown topic {
        "orders/create" => OrdersCreate(Order),
        "orders/updated" => OrdersUpdated(Order),
        "orders/paid" => OrdersPaid(Order),
        "orders/cancelled" => OrdersCancelled(Order),
        "orders/fulfilled" => OrdersFulfilled(Order),
        "orders/partially_fulfilled" => OrdersPartiallyFulfilled(Order),
        "orders/delete" => OrdersDelete(Deleted),
        "orders/edited" => OrdersEdited(OrderEdit),
        "order_transactions/create" => OrderTransactionsCreate(Transaction),
        "products/create" => ProductsCreate(Product),
        "products/update" => ProductsUpdate(Product),
        "products/delete" => ProductsDelete(Deleted),
        "collections/create" => CollectionsCreate(Collection),
        "collections/update" => CollectionsUpdate(Collection),
        "collections/delete" => CollectionsDelete(Deleted),
        "customers/create" => CustomersCreate(Customer),
        "customers/update" => CustomersUpdate(Customer),
        "customers/delete" => CustomersDelete(Deleted),
        "customers/enable" => CustomersEnable(Customer),
        "customers/disable" => CustomersDisable(Customer),
        /// Mandatory compliance webhook: a customer asked for their data.
        "customers/data_request" => CustomersDataRequest(CustomersDataRequest),
        /// Mandatory compliance webhook: erase a customer's data.
        "customers/redact" => CustomersRedact(CustomersRedact),
        /// Mandatory compliance webhook: erase a shop's data (48 h after uninstall).
        "shop/redact" => ShopRedact(ShopRedact),
        "app/uninstalled" => AppUninstalled(Shop),
        "shop/update" => ShopUpdate(Shop),
        "refunds/create" => RefundsCreate(Refund),
        "fulfillments/create" => FulfillmentsCreate(Fulfillment),
        "fulfillments/update" => FulfillmentsUpdate(Fulfillment),
        "checkouts/create" => CheckoutsCreate(Checkout),
        "checkouts/update" => CheckoutsUpdate(Checkout),
        "checkouts/delete" => CheckoutsDelete(Deleted),
        "carts/create" => CartsCreate(Cart),
        "carts/update" => CartsUpdate(Cart),
        "draft_orders/create" => DraftOrdersCreate(DraftOrder),
        "draft_orders/update" => DraftOrdersUpdate(DraftOrder),
        "draft_orders/delete" => DraftOrdersDelete(Deleted),
        "inventory_levels/connect" => InventoryLevelsConnect(InventoryLevel),
        "inventory_levels/update" => InventoryLevelsUpdate(InventoryLevel),
        "inventory_levels/disconnect" => InventoryLevelsDisconnect(InventoryLevel),
        "inventory_items/create" => InventoryItemsCreate(InventoryItem),
        "inventory_items/update" => InventoryItemsUpdate(InventoryItem),
        "inventory_items/delete" => InventoryItemsDelete(Deleted),
        "app_subscriptions/update" => AppSubscriptionsUpdate(AppSubscriptionUpdate),
    }
}

/// Types a verified Shopify body by its topic (`X-Shopify-Topic`); without a topic it is
/// [`Event::Unknown`] with an empty `topic`.
pub fn parse(topic: Option<&str>, body: &[u8]) -> Result<Event, Error> {
    let value: Value = payload::from_json(body)?;
    Event::from_value(topic.unwrap_or_default().trim(), value)
}

/// What `*/delete` topics send: the id of the deleted resource.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Deleted {
    /// The deleted resource's id.
    pub id: Option<u64>,
}

/// A postal address.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Address {
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Full name.
    pub name: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// Street.
    pub address1: Option<String>,
    /// More street.
    pub address2: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Province or state.
    pub province: Option<String>,
    /// Province code.
    pub province_code: Option<String>,
    /// Postal code.
    pub zip: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// ISO country code.
    pub country_code: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// `orders/*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Order {
    /// The order id.
    pub id: Option<u64>,
    /// The GraphQL id (`gid://shopify/Order/…`).
    pub admin_graphql_api_id: Option<String>,
    /// The name shown to the customer (`#1001`).
    pub name: Option<String>,
    /// The sequential number.
    pub order_number: Option<u64>,
    /// The customer's e-mail.
    pub email: Option<String>,
    /// The customer's phone.
    pub phone: Option<String>,
    /// Created (ISO 8601).
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Processed.
    pub processed_at: Option<String>,
    /// Cancelled.
    pub cancelled_at: Option<String>,
    /// `customer`, `fraud`, `inventory`, `declined`, `other`.
    pub cancel_reason: Option<String>,
    /// Closed.
    pub closed_at: Option<String>,
    /// The shop currency.
    pub currency: Option<String>,
    /// The presentment currency.
    pub presentment_currency: Option<String>,
    /// Total.
    pub total_price: Option<String>,
    /// Subtotal.
    pub subtotal_price: Option<String>,
    /// Tax.
    pub total_tax: Option<String>,
    /// Discounts.
    pub total_discounts: Option<String>,
    /// `pending`, `authorized`, `paid`, `partially_refunded`, `refunded`, `voided`, ….
    pub financial_status: Option<String>,
    /// `fulfilled`, `partial`, `restocked` or `None` (unfulfilled).
    pub fulfillment_status: Option<String>,
    /// Whether it is a test order.
    pub test: Option<bool>,
    /// Comma-separated tags.
    pub tags: Option<String>,
    /// The note.
    pub note: Option<String>,
    /// The customer.
    pub customer: Option<Customer>,
    /// The items.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub line_items: Vec<LineItem>,
    /// Shipping address.
    pub shipping_address: Option<Address>,
    /// Billing address.
    pub billing_address: Option<Address>,
    /// Fulfillments.
    pub fulfillments: Option<Value>,
    /// Refunds.
    pub refunds: Option<Value>,
    /// Shipping lines.
    pub shipping_lines: Option<Value>,
    /// Discount codes.
    pub discount_codes: Option<Value>,
}

/// One item of an order, checkout or draft order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LineItem {
    /// The line item id.
    pub id: Option<u64>,
    /// The product (may be deleted since).
    pub product_id: Option<u64>,
    /// The variant.
    pub variant_id: Option<u64>,
    /// The product title.
    pub title: Option<String>,
    /// The variant title.
    pub variant_title: Option<String>,
    /// Product and variant title.
    pub name: Option<String>,
    /// SKU.
    pub sku: Option<String>,
    /// Vendor.
    pub vendor: Option<String>,
    /// Quantity.
    pub quantity: Option<i64>,
    /// Unit price.
    pub price: Option<String>,
    /// Discount on the line.
    pub total_discount: Option<String>,
    /// Whether it needs shipping.
    pub requires_shipping: Option<bool>,
    /// `fulfilled`, `partial` or `None`.
    pub fulfillment_status: Option<String>,
}

/// `orders/edited`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OrderEdit {
    /// The edit (`id`, `order_id`, `app_id`, `created_at`, `committed_at`, `notify_customer`,
    /// `line_items`, `discounts`, `shipping_lines`).
    pub order_edit: Option<Value>,
}

/// `order_transactions/create`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Transaction {
    /// The transaction id.
    pub id: Option<u64>,
    /// The order.
    pub order_id: Option<u64>,
    /// `authorization`, `capture`, `sale`, `void`, `refund`.
    pub kind: Option<String>,
    /// The gateway.
    pub gateway: Option<String>,
    /// `pending`, `failure`, `success`, `error`.
    pub status: Option<String>,
    /// Amount.
    pub amount: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// The authorising transaction, for captures and refunds.
    pub parent_id: Option<u64>,
    /// Whether it is a test.
    pub test: Option<bool>,
    /// Created.
    pub created_at: Option<String>,
    /// Processed.
    pub processed_at: Option<String>,
}

/// `products/*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Product {
    /// The product id.
    pub id: Option<u64>,
    /// The GraphQL id.
    pub admin_graphql_api_id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Description (HTML).
    pub body_html: Option<String>,
    /// Vendor.
    pub vendor: Option<String>,
    /// Type.
    pub product_type: Option<String>,
    /// URL handle.
    pub handle: Option<String>,
    /// `active`, `archived`, `draft`.
    pub status: Option<String>,
    /// Comma-separated tags.
    pub tags: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Published (`None` when unpublished).
    pub published_at: Option<String>,
    /// Variants.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub variants: Vec<ProductVariant>,
    /// Options.
    pub options: Option<Value>,
    /// Images.
    pub images: Option<Value>,
}

/// A product variant.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProductVariant {
    /// The variant id.
    pub id: Option<u64>,
    /// The product.
    pub product_id: Option<u64>,
    /// Title.
    pub title: Option<String>,
    /// Price.
    pub price: Option<String>,
    /// SKU.
    pub sku: Option<String>,
    /// The inventory item.
    pub inventory_item_id: Option<u64>,
    /// Stock (deprecated by Shopify in favour of inventory levels).
    pub inventory_quantity: Option<i64>,
}

/// `collections/*`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Collection {
    /// The collection id.
    pub id: Option<u64>,
    /// URL handle.
    pub handle: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Description (HTML).
    pub body_html: Option<String>,
    /// Published.
    pub published_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Sort order.
    pub sort_order: Option<String>,
}

/// `customers/*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Customer {
    /// The customer id.
    pub id: Option<u64>,
    /// The GraphQL id.
    pub admin_graphql_api_id: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// `disabled`, `invited`, `enabled`, `declined`.
    pub state: Option<String>,
    /// Whether the e-mail is verified.
    pub verified_email: Option<bool>,
    /// Comma-separated tags.
    pub tags: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// The default address.
    pub default_address: Option<Address>,
}

/// The customer of a compliance webhook.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ComplianceCustomer {
    /// The customer id.
    pub id: Option<u64>,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// `customers/data_request`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CustomersDataRequest {
    /// The shop.
    pub shop_id: Option<u64>,
    /// The shop's domain.
    pub shop_domain: Option<String>,
    /// The customer.
    pub customer: Option<ComplianceCustomer>,
    /// Orders to report.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub orders_requested: Vec<u64>,
    /// The request (`{"id": …}`).
    pub data_request: Option<DataRequest>,
}

/// The id of a data request.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DataRequest {
    /// The request id.
    pub id: Option<u64>,
}

/// `customers/redact`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CustomersRedact {
    /// The shop.
    pub shop_id: Option<u64>,
    /// The shop's domain.
    pub shop_domain: Option<String>,
    /// The customer.
    pub customer: Option<ComplianceCustomer>,
    /// Orders to redact.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub orders_to_redact: Vec<u64>,
}

/// `shop/redact`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ShopRedact {
    /// The shop.
    pub shop_id: Option<u64>,
    /// The shop's domain.
    pub shop_domain: Option<String>,
}

/// `app/uninstalled`, `shop/update`: the shop.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Shop {
    /// The shop id.
    pub id: Option<u64>,
    /// Name.
    pub name: Option<String>,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Primary domain.
    pub domain: Option<String>,
    /// `*.myshopify.com` domain.
    pub myshopify_domain: Option<String>,
    /// Owner's name.
    pub shop_owner: Option<String>,
    /// Country code.
    pub country_code: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// IANA time zone.
    pub iana_timezone: Option<String>,
    /// Plan.
    pub plan_name: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// `refunds/create`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Refund {
    /// The refund id.
    pub id: Option<u64>,
    /// The order.
    pub order_id: Option<u64>,
    /// Created.
    pub created_at: Option<String>,
    /// Processed.
    pub processed_at: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Who refunded.
    pub user_id: Option<u64>,
    /// Whether items were restocked.
    pub restock: Option<bool>,
    /// Refunded items.
    pub refund_line_items: Option<Value>,
    /// Money movements.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub transactions: Vec<Transaction>,
}

/// `fulfillments/*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Fulfillment {
    /// The fulfillment id.
    pub id: Option<u64>,
    /// The order.
    pub order_id: Option<u64>,
    /// `pending`, `open`, `success`, `cancelled`, `error`, `failure`.
    pub status: Option<String>,
    /// `label_printed`, `in_transit`, `delivered`, ….
    pub shipment_status: Option<String>,
    /// Carrier.
    pub tracking_company: Option<String>,
    /// Tracking number.
    pub tracking_number: Option<String>,
    /// Tracking numbers.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub tracking_numbers: Vec<String>,
    /// Tracking URL.
    pub tracking_url: Option<String>,
    /// Tracking URLs.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub tracking_urls: Vec<String>,
    /// Location.
    pub location_id: Option<u64>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Items.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub line_items: Vec<LineItem>,
}

/// `checkouts/*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Checkout {
    /// The checkout id.
    pub id: Option<u64>,
    /// Token.
    pub token: Option<String>,
    /// Cart token.
    pub cart_token: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Completed (`None` for abandoned).
    pub completed_at: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// Total.
    pub total_price: Option<String>,
    /// Subtotal.
    pub subtotal_price: Option<String>,
    /// Recovery URL.
    pub abandoned_checkout_url: Option<String>,
    /// The customer.
    pub customer: Option<Customer>,
    /// Items.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub line_items: Vec<LineItem>,
}

/// `carts/*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Cart {
    /// The cart id (its token).
    pub id: Option<String>,
    /// Token.
    pub token: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Items.
    pub line_items: Option<Value>,
    /// Note.
    pub note: Option<String>,
}

/// `draft_orders/*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DraftOrder {
    /// The draft order id.
    pub id: Option<u64>,
    /// Name (`#D1`).
    pub name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// `open`, `invoice_sent`, `completed`.
    pub status: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// Total.
    pub total_price: Option<String>,
    /// The order it became.
    pub order_id: Option<u64>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Completed.
    pub completed_at: Option<String>,
    /// The customer.
    pub customer: Option<Customer>,
    /// Items.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub line_items: Vec<LineItem>,
}

/// `inventory_levels/*`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InventoryLevel {
    /// The inventory item.
    pub inventory_item_id: Option<u64>,
    /// The location.
    pub location_id: Option<u64>,
    /// Available quantity (`None` when disconnected).
    pub available: Option<i64>,
    /// Updated.
    pub updated_at: Option<String>,
    /// The GraphQL id.
    pub admin_graphql_api_id: Option<String>,
}

/// `inventory_items/*`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InventoryItem {
    /// The inventory item id.
    pub id: Option<u64>,
    /// SKU.
    pub sku: Option<String>,
    /// Unit cost.
    pub cost: Option<String>,
    /// Whether Shopify tracks its stock.
    pub tracked: Option<bool>,
    /// Whether it needs shipping.
    pub requires_shipping: Option<bool>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// The GraphQL id.
    pub admin_graphql_api_id: Option<String>,
}

/// `app_subscriptions/update`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AppSubscriptionUpdate {
    /// The subscription.
    pub app_subscription: Option<AppSubscription>,
}

/// An app's recurring charge.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AppSubscription {
    /// The GraphQL id.
    pub admin_graphql_api_id: Option<String>,
    /// Plan name.
    pub name: Option<String>,
    /// `ACTIVE`, `CANCELLED`, `DECLINED`, `EXPIRED`, `FROZEN`, `PENDING`.
    pub status: Option<String>,
    /// The shop's GraphQL id.
    pub admin_graphql_api_shop_id: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Currency.
    pub currency: Option<String>,
    /// Capped amount.
    pub capped_amount: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::TypedEvent;

    #[test]
    fn topics_and_fallbacks() {
        let e = parse(Some("app/uninstalled"), br#"{"id":548380009,"name":"John Smith Test Store","myshopify_domain":"johns-apparel.myshopify.com"}"#).unwrap();
        assert_eq!(e.variant_name(), "shopify::Event::AppUninstalled");
        assert_eq!(e.name(), "app/uninstalled");
        let e = parse(Some("products/delete"), br#"{"id":788032119674292922}"#).unwrap();
        assert!(matches!(
            e,
            Event::ProductsDelete(Deleted {
                id: Some(788032119674292922)
            })
        ));
        let e = parse(
            Some("bulk_operations/finish"),
            br#"{"admin_graphql_api_id":"x"}"#,
        )
        .unwrap();
        assert!(matches!(&e, Event::Unknown { topic, .. } if topic == "bulk_operations/finish"));
        assert!(!e.is_typed());
        let e = parse(None, b"{}").unwrap();
        assert!(matches!(&e, Event::Unknown { topic, .. } if topic.is_empty()));
        let err = parse(
            Some("orders/create"),
            br#"{"line_items":[{"quantity":"x"}]}"#,
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "line_items[0].quantity"),
            "{err:?}"
        );
    }

    #[test]
    fn compliance_topics() {
        let e = parse(
            Some("customers/data_request"),
            br#"{"shop_id":954889,"shop_domain":"{shop}.myshopify.com","orders_requested":[299938,280263,220458],
                "customer":{"id":191167,"email":"john@example.com","phone":"555-625-1199"},"data_request":{"id":9999}}"#,
        )
        .unwrap();
        match e {
            Event::CustomersDataRequest(r) => {
                assert_eq!(r.orders_requested.len(), 3);
                assert_eq!(r.data_request.unwrap().id, Some(9999));
            }
            other => panic!("{other:?}"),
        }
        let e = parse(
            Some("shop/redact"),
            br#"{"shop_id":954889,"shop_domain":"{shop}.myshopify.com"}"#,
        )
        .unwrap();
        assert!(e.is_typed());
    }

    #[test]
    fn every_topic_accepts_an_empty_object_and_garbage_never_panics() {
        for topic in Event::NAMES {
            let e = parse(Some(topic), b"{}").unwrap();
            assert!(e.is_typed(), "{topic}");
            assert_eq!(e.name(), *topic);
            for body in super::super::support::testing::garbage() {
                let _ = parse(Some(topic), &body);
            }
        }
    }
}
