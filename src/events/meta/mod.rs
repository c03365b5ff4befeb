//! Meta webhooks, typed: Facebook Pages and Messenger, Instagram, the WhatsApp Cloud API.
//!
//! Every Meta product posts the same envelope: an `object` naming the product and a batch of
//! `entry[]` objects, each with the `id` of the Page, Instagram account or WhatsApp Business
//! Account it concerns, a `time`, and either `changes[]` (`{field, value}`: what changed) or,
//! for Messenger and Instagram messaging, `messaging[]` (one event per message, postback,
//! delivery, read, reaction, …). [`parse`] chooses the variant of [`Event`] by `object`:
//!
//! | `object` | variant | `changes[]` typed by `field` | `messaging[]` |
//! |---|---|---|---|
//! | `page` | [`Event::Page`] | [`PageChange`]: `feed` (posts, comments, reactions, likes, follows …), `mention` | [`Messaging`] (Messenger) |
//! | `instagram` | [`Event::Instagram`] | [`InstagramChange`]: `comments`, `live_comments`, `mentions`, `messages` | [`Messaging`] (Instagram messaging) |
//! | `whatsapp_business_account` | [`Event::WhatsApp`] | [`WhatsAppChange`]: `messages` (incoming [`WhatsAppMessage`]s, [`Status`] updates, contacts, metadata) | — |
//! | anything else (`user`, `permissions`, `application`, …) | [`Event::Unknown`] | | |
//!
//! What the types promise (as for every sender in [`crate::events`]):
//! - an `object` this module does not know parses to [`Event::Unknown`] with the whole body;
//!   a change `field`, messaging event or WhatsApp message `type` it does not know to that
//!   enum's `Other` variant, holding the raw JSON;
//! - fields the structs do not name are ignored, and every field Meta may leave out is an
//!   `Option` (lists default to empty); ids sent as numbers or strings both read as text, and
//!   WhatsApp's timestamps (decimal strings) read as integers;
//! - a body that does not fit fails with [`Error::InvalidPayload`] naming the JSON path.
//!
//! A delivery batches: one body may carry several entries, each with several changes or
//! messaging events; handle them all.
//!
//! ```
//! use webhook_guard::events::meta::{self, Event, WhatsAppChange, WhatsAppContent};
//! let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[
//!   {"field":"messages","value":{"messaging_product":"whatsapp",
//!     "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
//!     "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
//!     "messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
//!       "timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]}}]}]}"#;
//! let Event::WhatsApp(n) = meta::parse(body)? else { panic!() };
//! let WhatsAppChange::Messages(value) = &n.entry[0].changes[0] else { panic!() };
//! let message = &value.messages[0];
//! assert_eq!(message.timestamp, Some(1_749_416_383));
//! assert!(matches!(&message.content, WhatsAppContent::Text(t) if t.body.as_deref() == Some("Does it come in another color?")));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::error::Error;
use crate::events::TypedEvent;
use crate::payload;

use super::support::{self, nullable};

/// A `changes[]` item, typed by its `field`: one variant per known field, `Other` for the rest.
macro_rules! changes {
    (
        $(#[$meta:meta])*
        $Enum:ident {
            $(
                $(#[$vmeta:meta])*
                $field:literal => $Variant:ident($Ty:ty),
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        #[allow(clippy::large_enum_variant)]
        pub enum $Enum {
            $(
                #[doc = concat!("`field: \"", $field, "\"`.")]
                $(#[$vmeta])*
                $Variant($Ty),
            )*
            /// A field this crate does not type: its name and the raw `value`.
            Other {
                /// The `field` as sent (empty when missing).
                field: String,
                /// The `value`, as JSON.
                value: Value,
            },
        }

        impl $Enum {
            /// Every `field` with a typed variant.
            pub const FIELDS: &'static [&'static str] = &[$($field),*];

            /// The `field` this change is about.
            pub fn field(&self) -> &str {
                match self {
                    $(Self::$Variant(_) => $field,)*
                    Self::Other { field, .. } => field,
                }
            }

            /// `false` for [`Self::Other`].
            pub fn is_typed(&self) -> bool {
                !matches!(self, Self::Other { .. })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $Enum {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <$crate::events::meta::RawChange as ::serde::Deserialize>::deserialize(d)?;
                match raw.field.as_str() {
                    $($field => $crate::payload::from_value(raw.value)
                        .map(Self::$Variant)
                        .map_err(|e| $crate::events::support::nested_error(
                            $crate::payload::within("value", e),
                        )),)*
                    _ => Ok(Self::Other { field: raw.field, value: raw.value }),
                }
            }
        }
    };
}

mod instagram;
mod messenger;
mod page;
mod whatsapp;

pub use instagram::*;
pub use messenger::*;
pub use page::*;
pub use whatsapp::*;

/// One Meta webhook delivery, chosen by its `object`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `object: "page"`: Facebook Page changes and Messenger events.
    Page(Notification<PageEntry>),
    /// `object: "instagram"`: Instagram comments, mentions and messaging.
    Instagram(Notification<InstagramEntry>),
    /// `object: "whatsapp_business_account"`: WhatsApp Cloud API messages and statuses.
    WhatsApp(Notification<WhatsAppEntry>),
    /// An `object` this crate does not type (yet).
    Unknown {
        /// The `object` as sent (empty when the body names none).
        name: String,
        /// The whole body.
        raw: Value,
    },
}

impl Event {
    /// Every `object` with a typed variant.
    pub const NAMES: &'static [&'static str] = &["page", "instagram", "whatsapp_business_account"];

    /// The `object` (as sent, for [`Event::Unknown`]).
    pub fn name(&self) -> &str {
        match self {
            Event::Page(_) => "page",
            Event::Instagram(_) => "instagram",
            Event::WhatsApp(_) => "whatsapp_business_account",
            Event::Unknown { name, .. } => name,
        }
    }

    /// Types `value` by its `object`; an unknown `object` gives [`Event::Unknown`].
    pub fn from_value(value: Value) -> Result<Self, Error> {
        let object = support::str_at(&value, "/object")
            .unwrap_or_default()
            .to_owned();
        match object.as_str() {
            "page" => payload::from_value(value).map(Event::Page),
            "instagram" => payload::from_value(value).map(Event::Instagram),
            "whatsapp_business_account" => payload::from_value(value).map(Event::WhatsApp),
            _ => Ok(Event::Unknown {
                name: object,
                raw: value,
            }),
        }
    }
}

impl TypedEvent for Event {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Event::Page(_) => "meta::Event::Page",
            Event::Instagram(_) => "meta::Event::Instagram",
            Event::WhatsApp(_) => "meta::Event::WhatsApp",
            Event::Unknown { .. } => "meta::Event::Unknown",
        })
    }

    /// `false` for [`Event::Unknown`]; a typed notification whose changes are `Other` is still
    /// typed (its envelope is).
    fn is_typed(&self) -> bool {
        !matches!(self, Event::Unknown { .. })
    }

    /// The `object` ([`Event::name`]).
    fn event_name(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self.name()))
    }
}

/// Parses a verified Meta webhook body (JSON), by its `object`.
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    let value: Value = payload::from_json(body)?;
    Event::from_value(value)
}

/// The envelope: `{"object": …, "entry": […]}`; `E` is the product's entry type.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
#[serde(bound(deserialize = "E: DeserializeOwned"))]
pub struct Notification<E> {
    /// `page`, `instagram`, `whatsapp_business_account`.
    pub object: String,
    /// The batched entries.
    #[serde(default, deserialize_with = "nullable")]
    pub entry: Vec<E>,
}

/// A `changes[]` item before it is typed.
#[derive(Deserialize)]
pub(crate) struct RawChange {
    #[serde(default)]
    field: String,
    #[serde(default)]
    value: Value,
}

/// An integer sent as a JSON number or as a decimal string (WhatsApp's timestamps are strings,
/// Messenger's are numbers); `null` or absent as `None`.
pub(crate) fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    use serde::de::Error as _;
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => Some(
            n.as_i64()
                .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
                .ok_or_else(|| D::Error::custom("an integer out of range"))?,
        ),
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::String(s)) => Some(
            s.trim()
                .parse()
                .map_err(|_| D::Error::custom("a decimal integer string"))?,
        ),
        Some(_) => return Err(D::Error::custom("an integer or a decimal string")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_object_and_garbage() {
        let e =
            parse(br#"{"object":"user","entry":[{"uid":1,"changed_fields":["email"]}]}"#).unwrap();
        assert_eq!(e.name(), "user");
        assert!(!e.is_typed());
        assert_eq!(e.variant_name(), "meta::Event::Unknown");
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
        for body in [
            &br#"{"object":"page","entry":7}"#[..],
            br#"{"object":"page","entry":[{"changes":[{"field":"feed","value":3}]}]}"#,
            br#"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"type":"text","text":5}]}}]}]}"#,
            br#"{"object":"instagram","entry":[{"messaging":[7]}]}"#,
        ] {
            assert_eq!(parse(body).unwrap_err().kind(), "invalid_payload");
        }
    }

    #[test]
    fn lenient_integers() {
        #[derive(Deserialize)]
        struct T {
            #[serde(default, deserialize_with = "lenient_i64")]
            t: Option<i64>,
        }
        let t = |json: &str| serde_json::from_str::<T>(json).map(|t| t.t);
        assert_eq!(t(r#"{"t":"1749416383"}"#).unwrap(), Some(1_749_416_383));
        assert_eq!(
            t(r#"{"t":1458692752478}"#).unwrap(),
            Some(1_458_692_752_478)
        );
        assert_eq!(t(r#"{"t":null}"#).unwrap(), None);
        assert_eq!(t(r#"{}"#).unwrap(), None);
        assert!(t(r#"{"t":"soon"}"#).is_err());
        assert!(t(r#"{"t":[]}"#).is_err());
        assert!(t(r#"{"t":"99999999999999999999"}"#).is_err());
    }
}
