//! The fast path of [`Event::from_slice`](super::Event::from_slice): one pass over the body and
//! no path tracking. Nothing here reports errors: any failure sends the caller to the
//! path-tracking parse, which then produces the error (and, for a body this path cannot take,
//! the result).
//!
//! The object kind is normally only known at the object's `object` key, which can come after
//! most of the object (the OpenAPI examples sort keys). So the event's `type` is looked up in
//! the text first, and the object kind it names (`invoice.paid` → `invoice`) is used as a
//! *hint*: the object is read straight into that struct, with its `object` key checked on the
//! way. Only if the key says otherwise, or there is no hint, is the object read through the
//! general dispatch (entries before `object` buffered as raw JSON borrowed from the body). A
//! hint never changes the result, only how fast it comes.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IgnoredAny, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::deser::KeySeed;
use super::{Event, EventData, EventRequest, EventType, Object, ObjectVisitor, TYPED_OBJECTS};

/// The event, or `None` when anything about the body is off.
pub(super) fn parse(body: &[u8]) -> Option<Event> {
    // One UTF-8 check for the whole body instead of one per string and per raw value.
    let text = std::str::from_utf8(body).ok()?;
    if let Some(kind) = hint(text) {
        if let Some(event) = parse_with(text, Some(kind)) {
            return Some(event);
        }
    }
    parse_with(text, None)
}

fn parse_with(text: &str, hint: Option<&'static str>) -> Option<Event> {
    let mut de = serde_json::Deserializer::from_str(text);
    let event = EventSeed { hint }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(event)
}

/// The typed object kind named by the last `"type"` key of the text (the event's own `type`
/// comes last in Stripe's bodies), if there is one.
fn hint(text: &str) -> Option<&'static str> {
    // The key is near the end: look at the tail first, the whole text only if need be.
    let bytes = text.as_bytes();
    let find = |from: usize| {
        let hay = bytes.get(from..)?;
        let pos = hay.windows(6).rposition(|w| w == b"\"type\"")?;
        Some(from + pos)
    };
    let at = find(bytes.len().saturating_sub(256)).or_else(|| find(0))?;
    let rest = bytes.get(at + 6..)?.trim_ascii_start().strip_prefix(b":")?;
    let rest = rest.trim_ascii_start().strip_prefix(b"\"")?;
    let name = rest.get(..rest.iter().position(|b| *b == b'"')?)?;
    let name = std::str::from_utf8(name).ok()?;
    let (prefix, _) = name.rsplit_once('.')?;
    let kind = match prefix {
        "customer.subscription" => "subscription",
        "customer.discount" => "discount",
        "customer.tax_id" => "tax_id",
        "charge.dispute" => "dispute",
        "charge.refund" => "refund",
        "account.application" => "application",
        "application_fee.refund" => "fee_refund",
        "source.transaction" => "source_transaction",
        "sigma.scheduled_query_run" => "scheduled_query_run",
        "billing.alert" => "billing.alert_triggered",
        "invoice.payment" => "invoice_payment",
        // `customer.source.*` and `account.external_account.*` carry more than one kind.
        other => other,
    };
    // `issuing_card.created` carries an `issuing.card`.
    if let Some(rest) = kind.strip_prefix("issuing_") {
        return TYPED_OBJECTS
            .iter()
            .copied()
            .find(|known| known.strip_prefix("issuing.") == Some(rest));
    }
    TYPED_OBJECTS.iter().copied().find(|known| *known == kind)
}

/// [`Event`], read by hand so the hint reaches `data.object`. Same fields, defaults and
/// duplicate-key rejection as the derived `Deserialize`.
struct EventSeed {
    hint: Option<&'static str>,
}

impl<'de> DeserializeSeed<'de> for EventSeed {
    type Value = Event;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Event, D::Error> {
        d.deserialize_map(self)
    }
}

fn set<T, E: de::Error>(slot: &mut Option<T>, value: T) -> Result<(), E> {
    match slot {
        Some(_) => Err(E::custom("duplicate field")),
        None => {
            *slot = Some(value);
            Ok(())
        }
    }
}

impl<'de> Visitor<'de> for EventSeed {
    type Value = Event;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Stripe event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
        let mut id = None;
        let mut object = None;
        let mut api_version = None;
        let mut created = None;
        let mut livemode = None;
        let mut pending_webhooks = None;
        let mut request = None;
        let mut account = None;
        let mut context = None;
        let mut data = None;
        let mut event_type = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match &*key {
                "id" => set(&mut id, map.next_value::<String>()?)?,
                "object" => set(&mut object, map.next_value::<String>()?)?,
                "api_version" => set(&mut api_version, map.next_value::<Option<String>>()?)?,
                "created" => set(&mut created, map.next_value::<i64>()?)?,
                "livemode" => set(&mut livemode, map.next_value::<bool>()?)?,
                "pending_webhooks" => set(&mut pending_webhooks, map.next_value::<i64>()?)?,
                "request" => set(&mut request, map.next_value::<Option<EventRequest>>()?)?,
                "account" => set(&mut account, map.next_value::<Option<String>>()?)?,
                "context" => set(&mut context, map.next_value::<Option<String>>()?)?,
                "data" => set(
                    &mut data,
                    map.next_value_seed(DataSeed { hint: self.hint })?,
                )?,
                "type" => set(&mut event_type, map.next_value::<EventType>()?)?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let missing = || de::Error::custom("missing field");
        Ok(Event {
            id: id.ok_or_else(missing)?,
            object: object.unwrap_or_else(super::event_object),
            api_version: api_version.flatten(),
            created: created.ok_or_else(missing)?,
            livemode: livemode.ok_or_else(missing)?,
            pending_webhooks: pending_webhooks.unwrap_or_default(),
            request: request.flatten(),
            account: account.flatten(),
            context: context.flatten(),
            data: data.ok_or_else(missing)?,
            event_type: event_type.ok_or_else(missing)?,
        })
    }
}

/// [`EventData`] with the hint.
struct DataSeed {
    hint: Option<&'static str>,
}

impl<'de> DeserializeSeed<'de> for DataSeed {
    type Value = EventData;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<EventData, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DataSeed {
    type Value = EventData;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("event data")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventData, A::Error> {
        let mut object = None;
        let mut previous_attributes = None;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match &*key {
                "object" => {
                    let value = match self.hint {
                        Some(kind) => map.next_value_seed(HintedObject { kind })?,
                        None => map.next_value_seed(RawBufferedObject)?,
                    };
                    set(&mut object, value)?;
                }
                "previous_attributes" => set(
                    &mut previous_attributes,
                    map.next_value::<Option<Map<String, Value>>>()?,
                )?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(EventData {
            object: object.ok_or_else(|| de::Error::custom("missing field"))?,
            previous_attributes: previous_attributes.flatten(),
        })
    }
}

/// The general dispatch, buffering the entries before `object` as borrowed raw JSON.
struct RawBufferedObject;

impl<'de> DeserializeSeed<'de> for RawBufferedObject {
    type Value = Object;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Object, D::Error> {
        d.deserialize_map(ObjectVisitor::<&'de RawValue>(PhantomData))
    }
}

/// The object read as the struct of `kind`; an error unless its `object` key is `kind`, once.
struct HintedObject {
    kind: &'static str,
}

impl<'de> DeserializeSeed<'de> for HintedObject {
    type Value = Object;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Object, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for HintedObject {
    type Value = Object;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Stripe object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object, A::Error> {
        super::parse_as(self.kind, map)
    }
}

/// Reads `map` as `T`, checking that its `object` key is `kind`, exactly once.
pub(super) fn watched<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    map: A,
    kind: &str,
) -> Result<T, A::Error> {
    let mut tag = Tag::None;
    let value = T::deserialize(MapAccessDeserializer::new(Watch { map, tag: &mut tag }))?;
    match tag {
        Tag::One(found) if found == kind => Ok(value),
        _ => Err(de::Error::custom("object kind differs from the hint")),
    }
}

enum Tag<'de> {
    None,
    One(Cow<'de, str>),
    Many,
}

/// Hands the entries of `map` on, except `object`, whose value it records.
struct Watch<'t, 'de, A> {
    map: A,
    tag: &'t mut Tag<'de>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Watch<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.map.next_key_seed(KeySeed)? else {
                return Ok(None);
            };
            if key == "object" {
                let value = self.map.next_value_seed(KeySeed)?;
                *self.tag = match self.tag {
                    Tag::None => Tag::One(value),
                    _ => Tag::Many,
                };
                continue;
            }
            return match key {
                Cow::Borrowed(key) => seed.deserialize(BorrowedStrDeserializer::new(key)),
                Cow::Owned(key) => {
                    let de: StrDeserializer<'_, A::Error> = key.as_str().into_deserializer();
                    seed.deserialize(de)
                }
            }
            .map(Some);
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}
