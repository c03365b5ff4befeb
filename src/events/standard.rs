//! Standard Webhooks: the spec's `{type, timestamp, data}` envelope around your own payload.
//!
//! Senders that follow the spec (and Svix users) define their own event types, so this module
//! types the envelope and leaves `data` to you: `Envelope<T>` with `T` your type, or the default
//! `serde_json::Value` to decide later with [`Envelope::data_as`].
//!
//! ```
//! use webhook_guard::events::standard::Envelope;
//!
//! #[derive(serde::Deserialize)]
//! struct UserCreated { id: String, email: Option<String> }
//!
//! let body = br#"{"type":"user.created","timestamp":"2022-11-03T20:26:10.344522Z",
//!                 "data":{"id":"1f81eb52-5198-4599-803e-771906343485","email":"ada@example.com"}}"#;
//! let event: Envelope<UserCreated> = Envelope::parse(body)?;
//! assert_eq!(event.event_type, "user.created");
//! assert_eq!(event.data.email.as_deref(), Some("ada@example.com"));
//!
//! // or keep `data` untyped and decide by `event_type`
//! let event: Envelope = Envelope::parse(body)?;
//! if event.event_type == "user.created" {
//!     let user: UserCreated = event.data_as()?;
//!     assert_eq!(user.id, "1f81eb52-5198-4599-803e-771906343485");
//! }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::Error;
use crate::events::TypedEvent;
use crate::payload;

/// A Standard Webhooks payload: `{"type": …, "timestamp": …, "data": …}`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct Envelope<T = serde_json::Value> {
    /// The event type, full-stop delimited (`user.created`, `invoice.paid`).
    #[serde(rename = "type")]
    pub event_type: String,
    /// When the event happened (RFC 3339), as sent. Not the signed `webhook-timestamp`, which
    /// [`crate::Delivery::timestamp`] holds.
    pub timestamp: Option<String>,
    /// The event's data.
    pub data: T,
}

impl<T: DeserializeOwned> Envelope<T> {
    /// Parses a verified body; a failure names the path (e.g. `data.amount`).
    pub fn parse(body: &[u8]) -> Result<Self, Error> {
        payload::from_json(body)
    }
}

impl Envelope<serde_json::Value> {
    /// Types `data` as `U`; a failure names the path from the body's root (`data.…`).
    pub fn data_as<U: DeserializeOwned>(&self) -> Result<U, Error> {
        payload::from_value(self.data.clone()).map_err(|e| payload::within("data", e))
    }

    /// Turns the envelope into one with typed `data`.
    pub fn into_typed<U: DeserializeOwned>(self) -> Result<Envelope<U>, Error> {
        let data = payload::from_value(self.data).map_err(|e| payload::within("data", e))?;
        Ok(Envelope {
            event_type: self.event_type,
            timestamp: self.timestamp,
            data,
        })
    }
}

/// Parses a verified Standard Webhooks body into the envelope with your `data` type.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<Envelope<T>, Error> {
    Envelope::parse(body)
}

/// The envelope is the spec's typed shape, whatever `T` is: always typed.
impl<T> TypedEvent for Envelope<T> {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed("standard::Envelope")
    }

    fn is_typed(&self) -> bool {
        true
    }

    /// The envelope's `type`.
    fn event_name(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(&self.event_type))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_paths_and_garbage() {
        let e: Envelope = Envelope::parse(br#"{"type":"a.b","timestamp":"t","data":"x"}"#).unwrap();
        assert_eq!(e.data, "x");
        #[derive(Debug, Deserialize)]
        #[cfg_attr(feature = "serialize", derive(serde::Serialize))]
        #[allow(dead_code)]
        struct D {
            n: u8,
        }
        let err = e.data_as::<D>().unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "data"),
            "{err:?}"
        );
        let err = Envelope::<D>::parse(br#"{"type":"x","data":{"n":-1}}"#).unwrap_err();
        assert!(matches!(err, Error::InvalidPayload { ref path, .. } if path == "data.n"));
        let typed = Envelope::parse(br#"{"type":"x","data":{"n":3}}"#)
            .unwrap()
            .into_typed::<D>()
            .unwrap();
        assert_eq!(typed.data.n, 3);
        for body in crate::events::support::testing::garbage() {
            let _ = parse::<serde_json::Value>(&body);
            let _ = parse::<D>(&body);
        }
    }
}
