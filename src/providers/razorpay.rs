//! Razorpay: `X-Razorpay-Signature: <hex HMAC-SHA256 of the body>`.
//!
//! Headers read:
//! - `X-Razorpay-Signature` (required): lower-case hex HMAC-SHA256 of the body, no prefix.
//! - `x-razorpay-event-id`: Razorpay's id of the event, the same on its retries, **not
//!   signed**: recorded as [`Delivery::unsigned_id`] (for logs and your own idempotency), never
//!   the replay key. Anyone replaying a captured request could change it, so the replay key
//!   stays a digest of the signed body (Razorpay re-sends the same body on retries, so the
//!   digest recognises them too).
//!
//! The event name (`payment.captured`, `order.paid`, …) is the body's top-level `event` member,
//! covered by the signature: recorded as a signed [`Delivery::event`] when it is a plain string.
//!
//! Secret: the secret typed when the webhook was created in the Dashboard (not the API key
//! secret), used as is. Razorpay signs no timestamp: what the check proves is that the body was
//! produced by someone holding the webhook secret; only a replay store stops a captured
//! delivery from being replayed.
//!
//! The razorpay-node SDK's test vector (`validateWebhookSignature`):
//!
//! ```
//! use webhook_guard::providers::razorpay;
//! assert_eq!(
//!     razorpay::sign(b"123456", br#"{"a":1,"b":2,"c":{"d":3}}"#),
//!     "2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc"
//! );
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, Values};
use crate::secret::{Secret, Secrets};

/// `X-Razorpay-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Razorpay-Signature";
/// `x-razorpay-event-id` (unsigned).
pub const EVENT_ID_HEADER: &str = "x-razorpay-event-id";

/// The Razorpay webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Razorpay;

/// The `X-Razorpay-Signature` value (lower-case hex) for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Razorpay's scheme: hex HMAC-SHA256 of the body; the event id header is unsigned.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("razorpay")
    .id_header(EVENT_ID_HEADER);

impl Provider for Razorpay {
    fn name(&self) -> &'static str {
        "razorpay"
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
        let mut delivery = SCHEME.verify(req, secrets, now, tolerance)?;
        if let Some(event) = super::scan::json_text(req.body(), b"event") {
            delivery.set_event(event, true);
        }
        Ok(delivery)
    }
}

impl Sign for Razorpay {
    /// The signature and `x-razorpay-event-id` (the message id, or one derived from body and
    /// time).
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        Ok(Signed::headers(
            SCHEME.sign_headers(key.expose_secret(), message)?,
        ))
    }
}

impl Parse for Razorpay {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify(headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        Razorpay.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("123456")),
            UnixTime::EPOCH,
            Tolerance::default(),
        )
    }

    #[test]
    fn sdk_vector_metadata_and_odd_input() {
        let body = br#"{"a":1,"b":2,"c":{"d":3}}"#;
        let sig = b"2fe04e22977002e6c7cb553adab8b460cb9e2a4970d5953cb27a8472752e3bbc";
        let d = verify(
            &[
                (SIGNATURE_HEADER, sig),
                (EVENT_ID_HEADER, b"HsnJ0SQFw3pN3k"),
            ],
            body,
        )
        .unwrap();
        assert_eq!(d.signed_id(), None);
        assert_eq!(d.unsigned_id(), Some("HsnJ0SQFw3pN3k"));
        assert_eq!(d.event(), None);

        let body = br#"{"entity":"event","event":"payment.captured","payload":{}}"#;
        let sig = sign(b"123456", body);
        let d = verify(&[(SIGNATURE_HEADER, sig.as_bytes())], body).unwrap();
        assert_eq!(d.event(), Some("payment.captured"));
        assert!(d.event_is_signed());

        for (value, kind) in [
            (&b""[..], "signature_mismatch"),
            (b"sdfafds", "malformed_header"),
            (&[b'0'; 64][..], "signature_mismatch"),
        ] {
            let e = verify(&[(SIGNATURE_HEADER, value)], body).unwrap_err();
            assert_eq!(e.kind(), kind, "{value:?}");
        }
    }
}
