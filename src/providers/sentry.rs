//! Sentry integration platform: `Sentry-Hook-Signature: <hex HMAC-SHA256 of the body>`.
//!
//! Headers read:
//! - `Sentry-Hook-Signature` (required): lower-case hex HMAC-SHA256 of the body, no prefix.
//! - `Sentry-Hook-Resource`: the resource that triggered the delivery (`installation`, `issue`,
//!   `event_alert`, `metric_alert`, `error`, `comment`), recorded as the [`Delivery`]'s event.
//!   **Not signed** ([`Delivery::event_is_signed`] is `false`); the body's `action` says what
//!   happened to it.
//! - `Request-ID`: a UUID per request, **not signed**: recorded as [`Delivery::unsigned_id`],
//!   never the replay key (that is a digest of the signed body).
//!
//! `Sentry-Hook-Timestamp` is **not read**: Sentry's documentation and its verification sample
//! compute the HMAC over the body alone, so the timestamp is not covered by the signature and
//! checking it would prove nothing (anyone replaying a captured request can set it to now).
//! What the check proves: the body was produced by someone holding the integration's client
//! secret. Nothing bounds when it was sent: only a replay store stops a captured delivery from
//! being replayed.
//!
//! Secret: the integration's *Client Secret* (Settings → Developer Settings → your
//! integration), used as is. Sentry's sample hashes `JSON.stringify(request.body)`, a
//! re-serialisation; this module verifies the exact bytes received.
//!
//! ```
//! use webhook_guard::providers::sentry;
//! assert_eq!(
//!     sentry::sign(b"a sentry client secret", b"{}"),
//!     "bfc465fa81d910c5676def21e59df4e2e9cfc7b0be2ac6db996f4ded07e97133"
//! );
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, Values};
use crate::secret::{Secret, Secrets};

/// `Sentry-Hook-Signature`.
pub const SIGNATURE_HEADER: &str = "Sentry-Hook-Signature";
/// `Sentry-Hook-Resource` (unsigned).
pub const RESOURCE_HEADER: &str = "Sentry-Hook-Resource";
/// `Sentry-Hook-Timestamp` (unsigned; not read).
pub const TIMESTAMP_HEADER: &str = "Sentry-Hook-Timestamp";
/// `Request-ID` (unsigned).
pub const REQUEST_ID_HEADER: &str = "Request-ID";

/// The Sentry integration-platform webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sentry;

/// The `Sentry-Hook-Signature` value (lower-case hex) for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Sentry's scheme: hex HMAC-SHA256 of the body; resource and request id unsigned.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("sentry")
    .id_header(REQUEST_ID_HEADER)
    .event_header(RESOURCE_HEADER);

impl Provider for Sentry {
    fn name(&self) -> &'static str {
        "sentry"
    }

    fn event_header(&self) -> Option<&'static str> {
        Some(RESOURCE_HEADER)
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        SCHEME.verify(req, secrets, now, tolerance)
    }
}

impl Sign for Sentry {
    /// The signature, `Request-ID` (the message id, or one derived from body and time) and,
    /// when an event is given, `Sentry-Hook-Resource`. `Sentry-Hook-Timestamp` is not sent:
    /// nothing checks it.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        Ok(Signed::headers(
            SCHEME.sign_headers(key.expose_secret(), message)?,
        ))
    }
}

impl Parse for Sentry {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify(headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        Sentry.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("a sentry client secret")),
            UnixTime::EPOCH,
            Tolerance::default(),
        )
    }

    #[test]
    fn round_trip_metadata_and_odd_input() {
        let body = br#"{"action":"created","data":{"issue":{"id":"1"}}}"#;
        let sig = sign(b"a sentry client secret", body);
        let d = verify(
            &[
                (SIGNATURE_HEADER, sig.as_bytes()),
                (RESOURCE_HEADER, b"issue"),
                (REQUEST_ID_HEADER, b"7f1e2d3c-0000-4000-8000-000000000000"),
                // Unsigned, so not read: any value is fine.
                (TIMESTAMP_HEADER, b"garbage"),
            ],
            body,
        )
        .unwrap();
        assert_eq!(d.event(), Some("issue"));
        assert!(!d.event_is_signed());
        assert_eq!(d.signed_id(), None);
        assert_eq!(
            d.unsigned_id(),
            Some("7f1e2d3c-0000-4000-8000-000000000000")
        );
        assert_eq!(d.timestamp(), None);
        for (value, kind) in [
            (&b""[..], "signature_mismatch"),
            (b"sha256=00", "malformed_header"),
            (b"zz", "malformed_header"),
            (&[b'0'; 64][..], "signature_mismatch"),
        ] {
            let e = verify(&[(SIGNATURE_HEADER, value)], body).unwrap_err();
            assert_eq!(e.kind(), kind, "{value:?}");
        }
        assert_eq!(
            verify(&[(RESOURCE_HEADER, b"issue")], body)
                .unwrap_err()
                .kind(),
            "missing_header"
        );
    }
}
