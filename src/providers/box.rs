//! Box: `box-signature-primary` / `box-signature-secondary`, each a base64 HMAC-SHA256 of the
//! body bytes followed by the `box-delivery-timestamp` value.
//!
//! Headers read:
//! - `box-signature-primary`, `box-signature-secondary`: the same content signed with the
//!   application's primary and secondary signature keys. At least one is required; a request
//!   passes when any configured key verifies either of them (see *Keys* below).
//! - `box-delivery-timestamp` (required): an RFC 3339 time (`2020-01-01T00:00:00-07:00`),
//!   signed: it is appended to the body in the HMAC input, exactly as sent.
//! - `box-signature-version` (required, must be `1`) and `box-signature-algorithm` (required,
//!   must be `HmacSHA256`), checked before any HMAC as Box's SDKs do; another value is a
//!   malformed header. Neither is signed, and neither needs to be: they only select the scheme.
//! - `box-delivery-id`: unique per delivery attempt (it changes on Box's retries), **not
//!   signed**: recorded as [`Delivery::unsigned_id`]. The replay key is the body's top-level
//!   `id` (the webhook event's id, signed, and the same on every retry,
//!   [`crate::IdSource::Body`]); a body without one falls back to a digest of the signed
//!   timestamp and body.
//!
//! What the check proves: the body and the delivery time were produced by someone holding one
//! of the signature keys, and the delivery time is within the window.
//!
//! Timestamp: Box's SDKs (box-node-sdk, box-python-sdk `validate_message`) reject a delivery
//! timestamp more than **10 minutes** old and set no limit ahead. This module rejects more than
//! 10 minutes either way: a signature dated far in the future would otherwise stay replayable
//! until then.
//!
//! Keys: Box signs with two keys so that one can be rotated at a time. Give both to the
//! verifier as its secrets ([`crate::VerifierBuilder::secret`] twice, or [`Secrets::with`]);
//! every key is tried against both signatures. Box's SDKs pair the primary key with the
//! primary signature and the secondary key with the secondary one; trying every pair accepts
//! exactly the requests signed with a key you trust, and works whatever order the keys are
//! given in. Keys are the text shown in the Developer Console, used as is.
//!
//! The signer ([`Sign`]) sends the primary signature only: it is given one key.
//!
//! The SDKs' test vector (box-node-sdk, box-python-sdk: keys `SamplePrimaryKey` and
//! `SampleSecondaryKey`):
//!
//! ```
//! use webhook_guard::providers::r#box;
//! let body = br#"{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890","type":"file","name":"Test.txt"}}"#;
//! let ts = "2020-01-01T00:00:00-07:00";
//! assert_eq!(
//!     r#box::sign(b"SamplePrimaryKey", ts, body),
//!     "6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI="
//! );
//! assert_eq!(
//!     r#box::sign(b"SampleSecondaryKey", ts, body),
//!     "v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo="
//! );
//! ```

use std::borrow::Cow;
use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme, SchemeHeaders, SignatureEncoding, TimestampUnit, Values};
use crate::secret::{Secret, Secrets};

use super::util;

/// `box-signature-primary`.
pub const PRIMARY_SIGNATURE_HEADER: &str = "box-signature-primary";
/// `box-signature-secondary`.
pub const SECONDARY_SIGNATURE_HEADER: &str = "box-signature-secondary";
/// `box-delivery-timestamp`.
pub const TIMESTAMP_HEADER: &str = "box-delivery-timestamp";
/// `box-signature-version` (must be `1`).
pub const VERSION_HEADER: &str = "box-signature-version";
/// `box-signature-algorithm` (must be `HmacSHA256`).
pub const ALGORITHM_HEADER: &str = "box-signature-algorithm";
/// `box-delivery-id` (unsigned).
pub const DELIVERY_ID_HEADER: &str = "box-delivery-id";

/// Box's window: 10 minutes (its SDKs' limit on a delivery's age), each way here.
pub const DEFAULT_TOLERANCE: Tolerance = Tolerance::symmetric(Duration::from_secs(600));

/// The Box webhook (v2) signature scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct BoxWebhooks;

/// The base64 signature of `body` delivered at `timestamp` (the header text, as sent) under
/// `key`: the value of either signature header.
pub fn sign(key: &[u8], timestamp: &str, body: &[u8]) -> String {
    let values = Values {
        timestamp: timestamp.as_bytes(),
        ..Values::body(body)
    };
    SCHEME.header_value(key, &values)
}

/// Box's scheme, on the primary signature: base64 HMAC-SHA256 of `{body}{timestamp}`.
pub const SCHEME: Scheme = Scheme::new(PRIMARY_SIGNATURE_HEADER)
    .name("box")
    .encoding(SignatureEncoding::Base64)
    .timestamp_header(TIMESTAMP_HEADER)
    .timestamp_unit(TimestampUnit::Rfc3339)
    .signed_content(&[Part::Body, Part::Timestamp])
    .tolerance(DEFAULT_TOLERANCE);

/// The same scheme on the secondary signature.
pub const SECONDARY_SCHEME: Scheme = SCHEME.header(SECONDARY_SIGNATURE_HEADER);

/// Refuses a scheme version or algorithm (the values of those headers) other than Box's only
/// one.
fn check_selector(version: Option<&[u8]>, algorithm: Option<&[u8]>) -> Result<(), Error> {
    for (header, value, expected, reason) in [
        (VERSION_HEADER, version, &b"1"[..], "expected `1`"),
        (
            ALGORITHM_HEADER,
            algorithm,
            b"HmacSHA256",
            "expected `HmacSHA256`",
        ),
    ] {
        if util::trim(value.ok_or(Error::MissingHeader(header))?) != expected {
            return Err(Error::malformed(header, reason));
        }
    }
    Ok(())
}

impl Provider for BoxWebhooks {
    fn name(&self) -> &'static str {
        "box"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(DEFAULT_TOLERANCE)
    }

    /// Box retries a failed delivery up to 10 times over about a day.
    fn redelivery_window(&self) -> Duration {
        Duration::from_secs(24 * 3600)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        // Every header in one walk, before the signature is checked (the CPU does it while
        // the hash runs).
        let [primary, timestamp, id, event] = SCHEME.header_names();
        let [primary, timestamp, no_id, no_event, secondary, version, algorithm, delivery_id] = req
            .headers_of([
                primary,
                timestamp,
                id,
                event,
                Some(SECONDARY_SIGNATURE_HEADER),
                Some(VERSION_HEADER),
                Some(ALGORITHM_HEADER),
                Some(DELIVERY_ID_HEADER),
            ]);
        check_selector(version, algorithm)?;
        let id = util::hint(delivery_id);
        let trigger = super::scan::json_text(req.body(), b"trigger");
        let with = |signature| SchemeHeaders::from([signature, timestamp, no_id, no_event]);
        // The primary signature is tried first; the secondary only when the primary is
        // missing or fails.
        let mut delivery = match SCHEME.verify_read(req, with(primary), secrets, now, tolerance) {
            Ok(delivery) => delivery,
            Err(Error::MissingHeader(PRIMARY_SIGNATURE_HEADER)) => {
                match SECONDARY_SCHEME.verify_read(req, with(secondary), secrets, now, tolerance) {
                    Err(Error::MissingHeader(SECONDARY_SIGNATURE_HEADER)) => {
                        return Err(Error::MissingHeader(PRIMARY_SIGNATURE_HEADER))
                    }
                    result => result?,
                }
            }
            // Only a signature that fails sends us to the other one; a bad timestamp fails
            // both alike.
            Err(
                first @ (Error::SignatureMismatch
                | Error::MalformedHeader {
                    header: PRIMARY_SIGNATURE_HEADER,
                    ..
                }),
            ) => {
                if secondary.is_none() {
                    return Err(first);
                }
                match SECONDARY_SCHEME.verify_read(req, with(secondary), secrets, now, tolerance) {
                    Ok(delivery) => delivery,
                    Err(Error::SignatureMismatch) => return Err(first),
                    Err(other) => return Err(other),
                }
            }
            Err(other) => return Err(other),
        };
        if let Some(id) = id {
            delivery.set_unsigned_id(id);
        }
        if let Some(trigger) = trigger {
            delivery.set_event(trigger, true);
        }
        Ok(delivery)
    }

    /// The body's `id`: the webhook event's id, the same on Box's retries.
    fn replay_id<'b>(&self, _delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>> {
        super::scan::json_text(body, b"id")
            .filter(|id| !id.is_empty())
            .map(Cow::Borrowed)
    }
}

impl Sign for BoxWebhooks {
    /// The primary signature, the delivery timestamp (RFC 3339, UTC), version, algorithm and
    /// `box-delivery-id` (the message id, or one derived from body and time).
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let ts = SCHEME.format_time(message.timestamp)?;
        Ok(Signed::headers(vec![
            (
                PRIMARY_SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), &ts, message.body),
            ),
            (TIMESTAMP_HEADER.to_owned(), ts),
            (VERSION_HEADER.to_owned(), "1".to_owned()),
            (ALGORITHM_HEADER.to_owned(), "HmacSHA256".to_owned()),
            (DELIVERY_ID_HEADER.to_owned(), message.id_or_derived("")),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

impl Parse for BoxWebhooks {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"type":"webhook_event","webhook":{"id":"1234567890"},"trigger":"FILE.UPLOADED","source":{"id":"1234567890","type":"file","name":"Test.txt"}}"#;
    const TS: &str = "2020-01-01T00:00:00-07:00";
    const PRIMARY: &str = "6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=";
    const SECONDARY: &str = "v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo=";

    /// 2020-01-01T07:00:00Z plus `secs`.
    fn at(secs: i64) -> UnixTime {
        UnixTime::from_secs(1_577_862_000 + secs).unwrap()
    }

    fn verify(headers: &[(&str, &str)], keys: &[&str], now: UnixTime) -> Result<Delivery, Error> {
        let mut secrets = Secrets::new(Secret::from_text(keys.first().copied().unwrap_or("x")));
        for key in keys.iter().skip(1) {
            secrets.push(Secret::from_text(key));
        }
        BoxWebhooks.verify(
            &WebhookRequest::new(&headers, BODY),
            &secrets,
            now,
            DEFAULT_TOLERANCE,
        )
    }

    fn headers<'a>(primary: &'a str, secondary: &'a str) -> Vec<(&'static str, &'a str)> {
        vec![
            (DELIVERY_ID_HEADER, "f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f"),
            (TIMESTAMP_HEADER, TS),
            (ALGORITHM_HEADER, "HmacSHA256"),
            (PRIMARY_SIGNATURE_HEADER, primary),
            (SECONDARY_SIGNATURE_HEADER, secondary),
            (VERSION_HEADER, "1"),
        ]
    }

    #[test]
    fn sdk_vector_with_either_key_and_either_order() {
        let both = headers(PRIMARY, SECONDARY);
        for keys in [
            &["SamplePrimaryKey"][..],
            &["SampleSecondaryKey"],
            &["SamplePrimaryKey", "SampleSecondaryKey"],
            &["SampleSecondaryKey", "SamplePrimaryKey"],
            &["IncorrectKey", "SampleSecondaryKey"],
        ] {
            let d = verify(&both, keys, at(0)).unwrap();
            assert_eq!(d.timestamp(), Some(at(0)));
            assert_eq!(d.event(), Some("FILE.UPLOADED"));
            assert_eq!(
                d.unsigned_id(),
                Some("f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f")
            );
        }
        assert_eq!(
            verify(&both, &["IncorrectKey"], at(0)),
            Err(Error::SignatureMismatch)
        );
        // Only the secondary signature sent, or a garbled primary next to a good secondary.
        let only_secondary: Vec<_> = both
            .iter()
            .copied()
            .filter(|(h, _)| *h != PRIMARY_SIGNATURE_HEADER)
            .collect();
        assert!(verify(&only_secondary, &["SampleSecondaryKey"], at(0)).is_ok());
        assert!(verify(&headers("!!", SECONDARY), &["SampleSecondaryKey"], at(0)).is_ok());
        // Neither signature.
        let none: Vec<_> = only_secondary
            .iter()
            .copied()
            .filter(|(h, _)| *h != SECONDARY_SIGNATURE_HEADER)
            .collect();
        assert_eq!(
            verify(&none, &["SamplePrimaryKey"], at(0))
                .unwrap_err()
                .kind(),
            "missing_header"
        );
    }

    #[test]
    fn ten_minutes_each_way_as_the_sdk_tests() {
        let both = headers(PRIMARY, SECONDARY);
        let keys = &["SamplePrimaryKey"];
        // box-node-sdk: 5 minutes later is valid, 15 minutes later is not.
        assert!(verify(&both, keys, at(5 * 60)).is_ok());
        assert_eq!(
            verify(&both, keys, at(15 * 60)).unwrap_err().kind(),
            "timestamp_too_old"
        );
        assert_eq!(
            verify(&both, keys, at(-15 * 60)).unwrap_err().kind(),
            "timestamp_in_future"
        );
    }

    #[test]
    fn version_and_algorithm_are_checked_first() {
        for (header, value) in [
            (VERSION_HEADER, "2"),
            (ALGORITHM_HEADER, "XXX"),
            (ALGORITHM_HEADER, "hmacsha256"),
        ] {
            let mut h = headers(PRIMARY, SECONDARY);
            for entry in &mut h {
                if entry.0 == header {
                    entry.1 = value;
                }
            }
            let e = verify(&h, &["SamplePrimaryKey"], at(0)).unwrap_err();
            assert_eq!(e, Error::malformed(header, e_reason(&e)));
        }
        let h: Vec<_> = headers(PRIMARY, SECONDARY)
            .into_iter()
            .filter(|(h, _)| *h != VERSION_HEADER)
            .collect();
        assert_eq!(
            verify(&h, &["SamplePrimaryKey"], at(0)),
            Err(Error::MissingHeader(VERSION_HEADER))
        );
    }

    fn e_reason(e: &Error) -> &'static str {
        match e {
            Error::MalformedHeader { reason, .. } => reason,
            _ => "",
        }
    }

    #[test]
    fn replay_id_is_the_body_id() {
        let d = Delivery::new("box");
        let body = br#"{"type":"webhook_event","id":"eac7c3a5-2f4a-4a7a-a5c2-3b6f0f8e9d10","trigger":"FILE.UPLOADED"}"#;
        assert_eq!(
            BoxWebhooks.replay_id(&d, body).as_deref(),
            Some("eac7c3a5-2f4a-4a7a-a5c2-3b6f0f8e9d10")
        );
        assert_eq!(BoxWebhooks.replay_id(&d, BODY), None);
    }
}
