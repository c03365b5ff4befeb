//! Coinbase Commerce: `X-CC-Webhook-Signature: <hex HMAC-SHA256 of the body>`.
//!
//! Headers read: `X-CC-Webhook-Signature` only (required): lower-case hex HMAC-SHA256 of the
//! body, no prefix.
//!
//! The body is a delivery envelope: `{"id": …, "scheduled_for": …, "attempt_number": …,
//! "event": {"id": …, "type": "charge:created", …}}`. All of it is signed. The event's `type`
//! is recorded as a signed [`Delivery::event`], and the event's `id` (a UUID, the same on
//! every retry, where `attempt_number` changes and so does the signature) is the replay key
//! ([`crate::IdSource::Body`]), so a retry after a success is recognised as a duplicate. A body
//! without a plain-string `event.id` falls back to a digest of the signed body.
//!
//! Secret: the endpoint's *shared secret* (Settings → Webhook subscriptions), used as is.
//! Coinbase Commerce signs no timestamp: the check proves the body was produced by someone
//! holding the shared secret, not when; only a replay store stops a captured delivery from
//! being replayed.
//!
//! The coinbase-commerce-node SDK's test vector (`Webhook.verifyEventBody`, a 1 KiB body) is in
//! `tests/vectors/coinbase_commerce.json`; with its secret and a short body:
//!
//! ```
//! use webhook_guard::providers::coinbase_commerce;
//! assert_eq!(
//!     coinbase_commerce::sign(b"30291a20-0bd1-4267-9b0f-e6e7b123c0bf", b"{}"),
//!     "ed274ece3bdf0e51a5ff286c6370775a1fcb79e2c5a0dd05274e02e193c29db7"
//! );
//! ```

use std::borrow::Cow;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, Values};
use crate::secret::{Secret, Secrets};

use super::scan;

/// `X-CC-Webhook-Signature`.
pub const SIGNATURE_HEADER: &str = "X-CC-Webhook-Signature";

/// The Coinbase Commerce webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct CoinbaseCommerce;

/// The `X-CC-Webhook-Signature` value (lower-case hex) for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Coinbase Commerce's scheme: hex HMAC-SHA256 of the body.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER).name("coinbase_commerce");

/// The raw `event` object of a body, if it has one.
fn event_object(body: &[u8]) -> Option<&[u8]> {
    scan::json_member(body, b"event").ok().flatten()
}

impl Provider for CoinbaseCommerce {
    fn name(&self) -> &'static str {
        "coinbase_commerce"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    /// Coinbase Commerce retries a failed delivery with exponential backoff for up to three days.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(3 * 24 * 3600)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let mut delivery = SCHEME.verify(req, secrets, now, tolerance)?;
        if let Some(kind) = event_object(req.body()).and_then(|e| scan::json_text(e, b"type")) {
            delivery.set_event(kind, true);
        }
        Ok(delivery)
    }

    /// The signed `event.id`: the same on every retry of the event.
    fn replay_id<'b>(&self, _delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>> {
        event_object(body)
            .and_then(|e| scan::json_text(e, b"id"))
            .filter(|id| !id.is_empty())
            .map(Cow::Borrowed)
    }
}

impl Sign for CoinbaseCommerce {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), message.body),
            ),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

impl Parse for CoinbaseCommerce {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "30291a20-0bd1-4267-9b0f-e6e7b123c0bf";

    fn verify(headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        CoinbaseCommerce.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text(SECRET)),
            UnixTime::EPOCH,
            Tolerance::default(),
        )
    }

    #[test]
    fn event_type_and_replay_id_come_from_the_signed_body() {
        let body = br#"{"id":1,"attempt_number":2,"event":{"id":"24934862-d980-46cb-9402-43c81b0cdba6","type":"charge:created","data":{"id":"nested"}}}"#;
        let sig = sign(SECRET.as_bytes(), body);
        let d = verify(&[(SIGNATURE_HEADER, sig.as_bytes())], body).unwrap();
        assert_eq!(d.event(), Some("charge:created"));
        assert!(d.event_is_signed());
        assert_eq!(
            CoinbaseCommerce.replay_id(&d, body).as_deref(),
            Some("24934862-d980-46cb-9402-43c81b0cdba6")
        );
        // No event object: no body id (the replay key is then a digest of the body).
        assert_eq!(CoinbaseCommerce.replay_id(&d, br#"{"id":1}"#), None);
        assert_eq!(CoinbaseCommerce.replay_id(&d, b"not json"), None);

        for (value, kind) in [
            (&b""[..], "signature_mismatch"),
            (b"not hex", "malformed_header"),
            (&[b'0'; 64][..], "signature_mismatch"),
        ] {
            let e = verify(&[(SIGNATURE_HEADER, value)], body).unwrap_err();
            assert_eq!(e.kind(), kind, "{value:?}");
        }
    }
}
