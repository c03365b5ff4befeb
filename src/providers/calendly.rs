//! Calendly: `Calendly-Webhook-Signature: t=<unix>,v1=<hex>` over `{t}.{body}`.
//!
//! Headers read: `Calendly-Webhook-Signature` only (required). The value is a comma-separated
//! list: one `t=` (seconds since the epoch, signed verbatim) and `v1=` entries (hex
//! HMAC-SHA256). Every `v1=` entry is a candidate and any match is accepted; unknown entries are
//! skipped; more than 16 signatures, a second `t=`, or a missing `t=` / `v1=` is a malformed
//! header.
//!
//! Secret: the **webhook signing key** — the `signing_key` you passed when creating the webhook
//! subscription with a personal access token, or the key Calendly generated for your OAuth app —
//! used as is (not decoded).
//!
//! Timestamp: **180 s each way** by default ([`TOLERANCE`]). Calendly's developer documentation
//! shows a three-minute window in its verification example; that figure was seen in material
//! describing Calendly's docs rather than confirmed in the docs themselves, so treat it as an
//! assumption and set your own with the verifier's `tolerance` if you need to. The future
//! direction (clock skew) is our addition. Calendly sends no delivery id header: the replay key
//! is a digest of the signed timestamp and body (the event is named in the body's `event`
//! field).
//!
//! ```
//! use webhook_guard::providers::calendly;
//! assert_eq!(
//!     calendly::sign(b"calendly-signing-key", 1_700_000_000, b"{}"),
//!     "t=1700000000,v1=d67767b508da879b3569a28e2413e10944e0a77642f0d0458cdb58661f7ca923"
//! );
//! ```

use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme};
use crate::secret::{Secret, Secrets};

/// `Calendly-Webhook-Signature`.
pub const SIGNATURE_HEADER: &str = "Calendly-Webhook-Signature";

/// The default window: 180 s (three minutes) in the past and in the future.
pub const TOLERANCE: Tolerance = Tolerance::symmetric(Duration::from_secs(180));

/// The Calendly webhook-signature scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Calendly;

/// The `Calendly-Webhook-Signature` value for `body` at `timestamp` (seconds) under `secret`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    SCHEME.header_value_at(secret, timestamp, body)
}

/// Calendly's scheme: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of
/// `{t}.{body}`.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("calendly")
    .separator(b',')
    .timestamp_in_signature("t=")
    .prefix("v1=")
    .signed_content(&[Part::Timestamp, Part::Literal("."), Part::Body])
    .tolerance(TOLERANCE);

impl Provider for Calendly {
    fn name(&self) -> &'static str {
        "calendly"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(TOLERANCE)
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

impl Sign for Calendly {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(
                    key.expose_secret(),
                    message.timestamp.as_secs(),
                    message.body,
                ),
            ),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

impl Parse for Calendly {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_header(value: &[u8]) -> Result<crate::scheme::Parsed<'_>, Error> {
        SCHEME.parse_signature(value)
    }

    #[test]
    fn header_parsing() {
        let h = parse_header(b" t=12 , v1=aa,v0=zz, v1=bb ,junk,").unwrap();
        assert_eq!(h.timestamp, Some(&b"12"[..]));
        assert_eq!(
            h.candidates.iter().collect::<Vec<_>>(),
            vec![&b"aa"[..], b"bb"]
        );
        for bad in [
            &b""[..],
            b"v1=aa",
            b"t=1",
            b"t=1,t=2,v1=aa",
            b"\xff\xfe",
            b",,,,",
        ] {
            assert_eq!(
                parse_header(bad).unwrap_err().kind(),
                "malformed_header",
                "{bad:?}"
            );
        }
        let many = format!("t=1{}", ",v1=aa".repeat(17));
        assert_eq!(
            parse_header(many.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
        let spam = format!("t=1,v1=aa{}", ",".repeat(100_000));
        assert_eq!(
            parse_header(spam.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
    }

    fn verify(value: &[u8], now: i64) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, value)];
        Calendly.verify(
            &WebhookRequest::new(&headers, b"{}"),
            &Secrets::new(Secret::from_text("calendly-signing-key")),
            UnixTime::from_secs(now).unwrap(),
            TOLERANCE,
        )
    }

    #[test]
    fn window_and_odd_timestamps() {
        let good = sign(b"calendly-signing-key", 1_700_000_000, b"{}");
        let d = verify(good.as_bytes(), 1_700_000_180).unwrap();
        assert_eq!(d.timestamp().map(UnixTime::as_secs), Some(1_700_000_000));
        assert_eq!(
            verify(good.as_bytes(), 1_700_000_181).unwrap_err().kind(),
            "timestamp_too_old"
        );
        assert_eq!(
            verify(good.as_bytes(), 1_699_999_819).unwrap_err().kind(),
            "timestamp_in_future"
        );
        let sig = good.split_once(",v1=").unwrap().1;
        for t in ["-1", "1e9", "99999999999999999999", "", " ", "0x10"] {
            let value = format!("t={t},v1={sig}");
            assert_eq!(
                verify(value.as_bytes(), 1_700_000_000).unwrap_err().kind(),
                "malformed_header",
                "{t}"
            );
        }
        // A signature over another timestamp does not match.
        let value = format!("t=1700000001,v1={sig}");
        assert_eq!(
            verify(value.as_bytes(), 1_700_000_000).unwrap_err(),
            Error::SignatureMismatch
        );
    }
}
