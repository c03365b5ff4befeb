//! Zoom: `x-zm-signature: v0=<hex>` over `v0:{x-zm-request-timestamp}:{body}`.
//!
//! Headers read: `x-zm-signature`, `x-zm-request-timestamp` (seconds; both required).
//!
//! Secret: the app's *secret token* (Zoom's "Secret Token", not a verification token), used as
//! is.
//!
//! Timestamp window: **5 minutes each way** by default. Zoom's samples check none, but the
//! timestamp is signed, so we apply the window Slack's SDKs use for the same `v0:{ts}:{body}`
//! construction (our choice, not Zoom's); change it with the verifier builder's `tolerance`.
//!
//! Replay key: a digest of the signed timestamp and body (Zoom sends no delivery id). Event
//! name: the body's
//! `event`, read after the signature holds, without allocating.
//!
//! Handshake: an `endpoint.url_validation` request (signed like any other) is answered with
//! `{"plainToken": P, "encryptedToken": hex(HMAC-SHA256(secret, P))}`, where `P` is the body's
//! `payload.plainToken` and the secret is the **first** configured one. Zoom's samples
//! re-serialise the JSON before hashing it; we verify the raw body.
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider zoom` lists them): `meeting.started`, `endpoint.url_validation`. A handler test's
//! delivery, signed as the sender signs it, is one line of `TestDelivery`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "zoom"))] {
//! use webhook_guard::providers::zoom::Zoom;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Zoom, SECRET)?.fixture("meeting.started")?.request()?;
//!
//! let verifier = Verifier::builder(Zoom).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("meeting.started"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme, Values};
use crate::secret::{Secret, Secrets};

/// `x-zm-signature`.
pub const SIGNATURE_HEADER: &str = "x-zm-signature";
/// `x-zm-request-timestamp`.
pub const TIMESTAMP_HEADER: &str = "x-zm-request-timestamp";
/// The body `event` of Zoom's endpoint check.
pub const URL_VALIDATION_EVENT: &str = "endpoint.url_validation";

/// The Zoom webhook scheme (v0).
#[derive(Debug, Clone, Copy, Default)]
pub struct Zoom;

/// The `x-zm-signature` value for `body` at `timestamp` (seconds) under `secret`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    SCHEME.header_value_at(secret, timestamp, body)
}

/// Zoom's `v0` scheme: `v0=<hex HMAC-SHA256>` of `v0:{timestamp}:{body}`, the timestamp
/// (seconds) in a header of its own.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("zoom")
    .prefix("v0=")
    .expected("expected `v0=<hex>`")
    .timestamp_header(TIMESTAMP_HEADER)
    .signed_content(&[
        Part::Literal("v0:"),
        Part::Timestamp,
        Part::Literal(":"),
        Part::Body,
    ]);

/// The `encryptedToken` Zoom expects for `plain_token`: hex HMAC-SHA256 under `secret`.
pub fn encrypted_token(secret: &[u8], plain_token: &str) -> String {
    ENCRYPTED_TOKEN.signature(secret, &Values::body(plain_token.as_bytes()))
}

/// The endpoint check's answer: hex HMAC-SHA256 of the plain token (given as the body).
const ENCRYPTED_TOKEN: Scheme = Scheme::new(SIGNATURE_HEADER);

impl Provider for Zoom {
    fn name(&self) -> &'static str {
        "zoom"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        // The event name is in the body: the typed event (and the handshake) read it, so the
        // verify path does not scan the body a second time.
        SCHEME.verify(req, secrets, now, tolerance)
    }

    fn handshake(&self, delivery: &Delivery, body: &[u8], secrets: &Secrets) -> Option<Handshake> {
        if delivery.event().is_some_and(|e| e != URL_VALIDATION_EVENT) {
            return None;
        }
        let doc: serde_json::Value = serde_json::from_slice(body).ok()?;
        if doc.get("event")?.as_str()? != URL_VALIDATION_EVENT {
            return None;
        }
        let secret = secrets.iter().next()?;
        let token = doc.get("payload")?.get("plainToken")?.as_str()?;
        let encrypted = encrypted_token(secret.expose_secret(), token);
        Some(Handshake::json(&serde_json::json!({
            "plainToken": token,
            "encryptedToken": encrypted,
        })))
    }
}

impl Sign for Zoom {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let ts = message.timestamp.as_secs();
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), ts, message.body),
            ),
            (TIMESTAMP_HEADER.to_owned(), ts.to_string()),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

#[cfg(feature = "zoom")]
#[cfg_attr(docsrs, doc(cfg(feature = "zoom")))]
impl crate::provider::Parse for Zoom {
    type Event = crate::events::zoom::Event;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::zoom::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "zoom_secret_token";

    fn verify(headers: &[(&str, &str)], body: &[u8], now: i64) -> Result<Delivery, Error> {
        Zoom.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text(SECRET)),
            UnixTime::from_secs(now).unwrap(),
            Tolerance::FIVE_MINUTES,
        )
    }

    #[test]
    fn url_validation_handshake() {
        let body = br#"{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"#;
        let sig = sign(SECRET.as_bytes(), 1_654_503_849, body);
        let headers = [
            (SIGNATURE_HEADER, sig.as_str()),
            (TIMESTAMP_HEADER, "1654503849"),
        ];
        let d = verify(&headers, body, 1_654_503_850).unwrap();
        let secrets = Secrets::new(Secret::from_text(SECRET)).with(Secret::from_text("other"));
        let answer = Zoom.handshake(&d, body, &secrets).unwrap();
        assert_eq!(answer.content_type, "application/json");
        let v: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
        assert_eq!(v["plainToken"], "qgg8vlvZRS6UYooatFL8Aw");
        assert_eq!(
            v["encryptedToken"],
            encrypted_token(SECRET.as_bytes(), "qgg8vlvZRS6UYooatFL8Aw")
        );
        let other = br#"{"event":"meeting.started","payload":{}}"#;
        assert!(Zoom
            .handshake(&Delivery::new("zoom"), other, &secrets)
            .is_none());
        assert!(Zoom
            .handshake(&Delivery::new("zoom"), b"\xff", &secrets)
            .is_none());
    }

    #[test]
    fn malformed_headers() {
        for (sig, ts) in [
            ("v0=00", "-1"),
            ("v1=00", "1"),
            ("v0=zz", "1"),
            ("v0=00", ""),
        ] {
            let r = verify(&[(SIGNATURE_HEADER, sig), (TIMESTAMP_HEADER, ts)], b"{}", 1);
            assert_eq!(r.unwrap_err().kind(), "malformed_header", "{sig} {ts}");
        }
    }
}
