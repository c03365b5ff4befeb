//! Typed Stripe events: the [`Event`] envelope, its [`EventType`] and the typed [`Object`] in
//! `data.object`.
//!
//! The object is chosen by its own `object` field (`"payment_intent"`, `"checkout.session"`,
//! …), not by the event type, so `customer.subscription.updated` gives an
//! [`Object::Subscription`] and `charge.dispute.created` an [`Object::Dispute`]. An object kind
//! without a typed struct here becomes [`Object::Other`] with the untyped JSON: a parse never
//! fails because Stripe added an event type, an object kind or a field. It fails
//! ([`Error::InvalidPayload`](crate::Error::InvalidPayload), with the JSON path) only when a
//! field that is modelled has the wrong JSON type, or the envelope lacks `id`, `type`, `created`,
//! `livemode` or `data.object`.
//!
//! [`TypedEvent::variant_name`] names the object's variant: `"stripe::Object::PaymentIntent"`,
//! …, or `"stripe::Object::Other"` for the untyped fallback, for which
//! [`TypedEvent::is_typed`] is `false`. The event type is in [`Event::event_type`].
//!
//! [`Event::from_slice`] is what [`Stripe`](struct@crate::providers::stripe::Stripe) parses with: the
//! same result as [`crate::payload::from_json`], faster on valid bodies.
//!
//! ```
//! use webhook_guard::events::stripe::{Event, EventType, Object};
//!
//! let body = br#"{
//!   "id": "evt_1", "object": "event", "api_version": "2024-06-20", "created": 1700000000,
//!   "livemode": false, "pending_webhooks": 1,
//!   "request": {"id": "req_1", "idempotency_key": null},
//!   "type": "payment_intent.succeeded",
//!   "data": {"object": {"id": "pi_1", "object": "payment_intent", "amount": 1099,
//!                       "currency": "usd", "status": "succeeded", "customer": "cus_1"}}
//! }"#;
//! let event = Event::from_slice(body)?;
//! assert_eq!(event.event_type, EventType::PaymentIntentSucceeded);
//! match &event.data.object {
//!     Object::PaymentIntent(pi) => {
//!         assert_eq!(pi.amount, Some(1099));
//!         assert_eq!(pi.customer.as_ref().and_then(|c| c.id()), Some("cus_1"));
//!     }
//!     other => panic!("unexpected {}", other.object_name()),
//! }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::events::TypedEvent;

mod common;
mod deser;
mod event_type;
mod fast;
pub mod objects;

pub use common::{Address, BillingDetails, Expandable, HasId, List, Metadata, Period, Shipping};
pub use event_type::{EventType, NAMES as EVENT_TYPE_NAMES};

use deser::{Buffered, KeySeed, Replay};
use objects::*;

/// A Stripe event, as posted to a webhook endpoint.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Event {
    /// Event id (`evt_…`). Stripe may deliver an event more than once: deduplicate on it.
    pub id: String,
    /// Always `"event"`.
    #[serde(default = "event_object")]
    pub object: String,
    /// The API version `data.object` is rendered in (absent on very old events).
    #[serde(default)]
    pub api_version: Option<String>,
    /// When the event happened, Unix seconds.
    pub created: i64,
    /// Live or test mode.
    pub livemode: bool,
    /// How many endpoints have not yet acknowledged the event.
    #[serde(default)]
    pub pending_webhooks: i64,
    /// The API request that caused the event; `None` or empty for automatic events.
    #[serde(default)]
    pub request: Option<EventRequest>,
    /// The connected account the event happened on (Connect endpoints).
    #[serde(default)]
    pub account: Option<String>,
    /// The account context of the event (Accounts v2, organisations).
    #[serde(default)]
    pub context: Option<String>,
    /// The object the event is about, and what changed.
    pub data: EventData,
    /// The event type (`"type"` on the wire).
    #[serde(rename = "type")]
    pub event_type: EventType,
}

impl Event {
    /// Parses a webhook body (what [`Parse::parse`](crate::Parse::parse) does for
    /// Stripe).
    ///
    /// Same result as [`crate::payload::from_json`]`::<Event>`, errors included (they name the
    /// JSON path), but faster on valid bodies: the object is read once, straight into the
    /// struct its event type names, with its `object` field checked on the way.
    pub fn from_slice(body: &[u8]) -> Result<Event, crate::Error> {
        match fast::parse(body) {
            Some(event) => Ok(event),
            None => crate::payload::from_json(body),
        }
    }
}

fn event_object() -> String {
    "event".to_owned()
}

/// `data` of an [`Event`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EventData {
    /// The object, as it is after the change.
    pub object: Object,
    /// For `*.updated` events, the previous values of the fields that changed.
    #[serde(default)]
    pub previous_attributes: Option<serde_json::Map<String, Value>>,
}

/// The API request that caused an event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventRequest {
    /// The request id (`req_…`), `None` for events Stripe caused itself.
    pub id: Option<String>,
    /// The idempotency key of the request.
    pub idempotency_key: Option<String>,
}

impl<'de> Deserialize<'de> for EventRequest {
    /// Accepts the object form and, from API versions before 2017-05-25, the bare request id.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Fields {
            #[serde(default)]
            id: Option<String>,
            #[serde(default)]
            idempotency_key: Option<String>,
        }

        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = EventRequest;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a request object or a request id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<EventRequest, E> {
                Ok(EventRequest {
                    id: Some(v.to_owned()),
                    idempotency_key: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<EventRequest, A::Error> {
                let f = Fields::deserialize(MapAccessDeserializer::new(map))?;
                Ok(EventRequest {
                    id: f.id,
                    idempotency_key: f.idempotency_key,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// The object form, which every API version since 2017-05-25 sends.
#[cfg(feature = "serialize")]
impl serde::Serialize for EventRequest {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut request = serializer.serialize_struct("EventRequest", 2)?;
        request.serialize_field("id", &self.id)?;
        request.serialize_field("idempotency_key", &self.idempotency_key)?;
        request.end()
    }
}

/// A typed object with its `object` field (the tag its type was chosen by) put back first.
#[cfg(feature = "serialize")]
#[derive(serde::Serialize)]
struct Tagged<'a, T> {
    object: &'static str,
    #[serde(flatten)]
    fields: &'a T,
}

macro_rules! objects {
    ($($variant:ident($ty:ident) = $wire:literal,)*) => {
        /// The object in an event's `data.object`, chosen by its `object` field.
        ///
        /// Variants are boxed so that an [`Event`] stays small whatever it carries.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Object {
            $(
                #[doc = concat!("`\"object\": \"", $wire, "\"`")]
                $variant(Box<$ty>),
            )*
            /// An object kind without a typed struct here (or without an `object` field, then
            /// `object` is empty), as untyped JSON.
            Other {
                /// The `object` field as sent.
                object: String,
                /// The whole object, `object` field included.
                raw: Value,
            },
        }

        /// As sent: the typed object's fields with its `object` field, or the raw object.
        #[cfg(feature = "serialize")]
        impl serde::Serialize for Object {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Object::$variant(o) => Tagged { object: $wire, fields: &**o }.serialize(serializer),)*
                    Object::Other { raw, .. } => raw.serialize(serializer),
                }
            }
        }

        /// The wire names of the object kinds that have a typed variant.
        pub const TYPED_OBJECTS: &[&str] = &[$($wire,)*];

        impl Object {
            /// The `object` field: `"payment_intent"`, `"checkout.session"`, ….
            pub fn object_name(&self) -> &str {
                match self {
                    $(Object::$variant(_) => $wire,)*
                    Object::Other { object, .. } => object,
                }
            }

            /// The variant's path, e.g. `"stripe::Object::PaymentIntent"` or
            /// `"stripe::Object::Other"`.
            pub fn variant_name(&self) -> &'static str {
                match self {
                    $(Object::$variant(_) => concat!("stripe::Object::", stringify!($variant)),)*
                    Object::Other { .. } => "stripe::Object::Other",
                }
            }

            /// The object's id, when it has one (a balance has none).
            pub fn id(&self) -> Option<&str> {
                match self {
                    $(Object::$variant(o) => o.object_id(),)*
                    Object::Other { raw, .. } => raw.object_id(),
                }
            }
        }

        /// Reads the object as the typed struct of `kind` (see [`fast`]).
        fn parse_as<'de, A: MapAccess<'de>>(kind: &str, map: A) -> Result<Object, A::Error> {
            match kind {
                $($wire => fast::watched::<$ty, A>(map, $wire).map(|o| Object::$variant(Box::new(o))),)*
                _ => Err(de::Error::custom("no typed object of that kind")),
            }
        }

        /// Reads the rest of the object as the type its `object` field names.
        fn dispatch<'de, B: Buffered<'de>, A: MapAccess<'de>>(
            tag: String,
            seen: Vec<(Cow<'de, str>, B)>,
            map: A,
        ) -> Result<Object, A::Error> {
            match tag.as_str() {
                $($wire => $ty::deserialize(MapAccessDeserializer::new(Replay::new(seen, map)))
                    .map(|o| Object::$variant(Box::new(o))),)*
                _ => untyped(tag, seen, map),
            }
        }
    };
}

objects! {
    Account(Account) = "account",
    AccountNotice(AccountNotice) = "account_notice",
    Application(Application) = "application",
    ApplicationFee(ApplicationFee) = "application_fee",
    Balance(Balance) = "balance",
    BalanceSettings(BalanceSettings) = "balance_settings",
    BalanceTransaction(BalanceTransaction) = "balance_transaction",
    BankAccount(BankAccount) = "bank_account",
    AlertTriggered(AlertTriggered) = "billing.alert_triggered",
    CreditBalanceTransaction(CreditBalanceTransaction) = "billing.credit_balance_transaction",
    CreditGrant(CreditGrant) = "billing.credit_grant",
    Meter(Meter) = "billing.meter",
    MeterErrorReport(MeterErrorReport) = "billing.meter_error_report",
    BillingPortalConfiguration(BillingPortalConfiguration) = "billing_portal.configuration",
    BillingPortalSession(BillingPortalSession) = "billing_portal.session",
    Capability(Capability) = "capability",
    FinancingOffer(FinancingOffer) = "capital.financing_offer",
    FinancingTransaction(FinancingTransaction) = "capital.financing_transaction",
    Card(StoredCard) = "card",
    CashBalance(CashBalance) = "cash_balance",
    Charge(Charge) = "charge",
    CheckoutSession(CheckoutSession) = "checkout.session",
    ClimateOrder(ClimateOrder) = "climate.order",
    ClimateProduct(ClimateProduct) = "climate.product",
    Coupon(Coupon) = "coupon",
    CreditNote(CreditNote) = "credit_note",
    Customer(Customer) = "customer",
    CustomerCashBalanceTransaction(CustomerCashBalanceTransaction) = "customer_cash_balance_transaction",
    Discount(Discount) = "discount",
    Dispute(Dispute) = "dispute",
    ActiveEntitlementSummary(ActiveEntitlementSummary) = "entitlements.active_entitlement_summary",
    FeeRefund(FeeRefund) = "fee_refund",
    File(File) = "file",
    FinancialConnectionsAccount(FinancialConnectionsAccount) = "financial_connections.account",
    FinancialConnectionsAuthorization(FinancialConnectionsAuthorization) = "financial_connections.authorization",
    FinancialConnectionsSession(FinancialConnectionsSession) = "financial_connections.session",
    IdentityVerificationSession(IdentityVerificationSession) = "identity.verification_session",
    Invoice(Invoice) = "invoice",
    InvoicePayment(InvoicePayment) = "invoice_payment",
    InvoiceItem(InvoiceItem) = "invoiceitem",
    IssuerFraudRecord(IssuerFraudRecord) = "issuer_fraud_record",
    IssuingAuthorization(IssuingAuthorization) = "issuing.authorization",
    IssuingCard(IssuingCard) = "issuing.card",
    IssuingCardholder(IssuingCardholder) = "issuing.cardholder",
    IssuingDispute(IssuingDispute) = "issuing.dispute",
    IssuingDisputeSettlementDetail(IssuingDisputeSettlementDetail) = "issuing.dispute_settlement_detail",
    IssuingFraudLiabilityDebit(IssuingFraudLiabilityDebit) = "issuing.fraud_liability_debit",
    IssuingPersonalizationDesign(IssuingPersonalizationDesign) = "issuing.personalization_design",
    IssuingSettlement(IssuingSettlement) = "issuing.settlement",
    IssuingToken(IssuingToken) = "issuing.token",
    IssuingTransaction(IssuingTransaction) = "issuing.transaction",
    Mandate(Mandate) = "mandate",
    Order(Order) = "order",
    OrderReturn(OrderReturn) = "order_return",
    PaymentIntent(PaymentIntent) = "payment_intent",
    PaymentLink(PaymentLink) = "payment_link",
    PaymentMethod(PaymentMethod) = "payment_method",
    Payout(Payout) = "payout",
    Person(Person) = "person",
    Plan(Plan) = "plan",
    Price(Price) = "price",
    RedactionJob(RedactionJob) = "privacy.redaction_job",
    Product(Product) = "product",
    PromotionCode(PromotionCode) = "promotion_code",
    Quote(Quote) = "quote",
    EarlyFraudWarning(EarlyFraudWarning) = "radar.early_fraud_warning",
    Recipient(Recipient) = "recipient",
    Refund(Refund) = "refund",
    ReportRun(ReportRun) = "reporting.report_run",
    ReportType(ReportType) = "reporting.report_type",
    ReserveHold(ReserveHold) = "reserve.hold",
    ReservePlan(ReservePlan) = "reserve.plan",
    ReserveRelease(ReserveRelease) = "reserve.release",
    Review(Review) = "review",
    ScheduledQueryRun(ScheduledQueryRun) = "scheduled_query_run",
    SetupIntent(SetupIntent) = "setup_intent",
    Sku(Sku) = "sku",
    Source(Source) = "source",
    SourceMandateNotification(SourceMandateNotification) = "source_mandate_notification",
    SourceTransaction(SourceTransaction) = "source_transaction",
    Subscription(Subscription) = "subscription",
    SubscriptionItem(SubscriptionItem) = "subscription_item",
    SubscriptionSchedule(SubscriptionSchedule) = "subscription_schedule",
    TaxForm(TaxForm) = "tax.form",
    TaxSettings(TaxSettings) = "tax.settings",
    TaxId(TaxId) = "tax_id",
    TaxRate(TaxRate) = "tax_rate",
    TerminalReader(TerminalReader) = "terminal.reader",
    TestClock(TestClock) = "test_helpers.test_clock",
    Topup(Topup) = "topup",
    Transfer(Transfer) = "transfer",
    TreasuryCreditReversal(TreasuryCreditReversal) = "treasury.credit_reversal",
    TreasuryDebitReversal(TreasuryDebitReversal) = "treasury.debit_reversal",
    TreasuryFinancialAccount(TreasuryFinancialAccount) = "treasury.financial_account",
    TreasuryInboundTransfer(TreasuryInboundTransfer) = "treasury.inbound_transfer",
    TreasuryOutboundPayment(TreasuryOutboundPayment) = "treasury.outbound_payment",
    TreasuryOutboundTransfer(TreasuryOutboundTransfer) = "treasury.outbound_transfer",
    TreasuryReceivedCredit(TreasuryReceivedCredit) = "treasury.received_credit",
    TreasuryReceivedDebit(TreasuryReceivedDebit) = "treasury.received_debit",
}

/// Kinds without an id.
macro_rules! no_id {
    ($($ty:ty),* $(,)?) => {
        $(impl HasId for $ty {
            fn object_id(&self) -> Option<&str> {
                None
            }
        })*
    };
}

no_id!(
    ActiveEntitlementSummary,
    AlertTriggered,
    Balance,
    BalanceSettings,
    CashBalance,
    TaxSettings,
);

/// The rest of an object of a kind without a typed struct, as JSON.
fn untyped<'de, B: Buffered<'de>, A: MapAccess<'de>>(
    tag: String,
    seen: Vec<(Cow<'de, str>, B)>,
    mut map: A,
) -> Result<Object, A::Error> {
    let mut raw = buffered_json::<B, A::Error>(seen)?;
    raw.insert("object".to_owned(), Value::String(tag.clone()));
    while let Some((key, value)) = map.next_entry::<String, Value>()? {
        raw.insert(key, value);
    }
    Ok(Object::Other {
        object: tag,
        raw: Value::Object(raw),
    })
}

fn buffered_json<'de, B: Buffered<'de>, E: de::Error>(
    seen: Vec<(Cow<'de, str>, B)>,
) -> Result<serde_json::Map<String, Value>, E> {
    seen.into_iter()
        .map(|(key, value)| Ok((key.into_owned(), value.into_json().map_err(E::custom)?)))
        .collect()
}

/// Reads an object in one pass: the entries before the `object` key (in Stripe's own order
/// just `id`) are buffered as `B`, then the rest of the map is read straight into the typed
/// struct.
struct ObjectVisitor<B>(PhantomData<B>);

impl<'de, B: Buffered<'de>> Visitor<'de> for ObjectVisitor<B> {
    type Value = Object;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Stripe object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object, A::Error> {
        let mut seen = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            if key == "object" {
                let tag = map.next_value::<String>()?;
                return dispatch(tag, seen, map);
            }
            let value = map.next_value::<B>()?;
            seen.push((key, value));
        }
        Ok(Object::Other {
            object: String::new(),
            raw: Value::Object(buffered_json::<B, A::Error>(seen)?),
        })
    }
}

impl<'de> Deserialize<'de> for Object {
    /// See [`Object`]: chosen by the `object` field, in one pass over the map.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ObjectVisitor::<Value>(PhantomData))
    }
}

impl TypedEvent for Event {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(self.data.object.variant_name())
    }

    fn is_typed(&self) -> bool {
        !matches!(self.data.object, Object::Other { .. })
    }

    /// The event's `type`: `"customer.created"`.
    fn event_name(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self.event_type.as_str()))
    }

    #[cfg(feature = "serialize")]
    fn to_json(&self) -> Option<Value> {
        serde_json::to_value(self).ok()
    }
}
