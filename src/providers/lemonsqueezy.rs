//! Lemon Squeezy: `X-Signature: <hex HMAC-SHA256 of the body>`.
//!
//! Headers read:
//! - `X-Signature` (required): the bare hex digest, no prefix.
//! - `X-Event-Name`: the event name (`order_created`, …), recorded in the [`Delivery`]. It is
//!   not covered by the signature; the same name is in the signed body at `meta.event_name`.
//!
//! Secret: the signing secret typed when creating the webhook (6–40 characters), used as is.
//! Lemon Squeezy signs no timestamp and sends no delivery id header: only a replay store stops a
//! captured delivery from being replayed; its replay key is a digest of the signed body. The
//! `X-Event-Name` header is not signed.
//!
//! ```
//! use webhook_guard::providers::lemonsqueezy;
//! assert_eq!(
//!     lemonsqueezy::sign(b"lemon-secret", b"{}"),
//!     "fca1fb11497ae2c184a65827adc0aa783a06c7008ced65ceaadc6da9595802f5"
//! );
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, Values};
use crate::secret::{Secret, Secrets};

/// `X-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Signature";
/// `X-Event-Name`.
pub const EVENT_HEADER: &str = "X-Event-Name";

/// The Lemon Squeezy webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct LemonSqueezy;

/// The `X-Signature` value (bare hex) for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Lemon Squeezy's scheme: bare hex HMAC-SHA256 of the body; the event header is unsigned.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("lemonsqueezy")
    .event_header(EVENT_HEADER);

impl Provider for LemonSqueezy {
    fn name(&self) -> &'static str {
        "lemonsqueezy"
    }

    fn event_header(&self) -> Option<&'static str> {
        Some(EVENT_HEADER)
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

impl Sign for LemonSqueezy {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let mut headers = vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), message.body),
            ),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ];
        if let Some(event) = message.event {
            headers.push((EVENT_HEADER.to_owned(), event.to_owned()));
        }
        Ok(Signed::headers(headers))
    }
}

impl Parse for LemonSqueezy {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify(headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        LemonSqueezy.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("lemon-secret")),
            UnixTime::from_millis(0),
            Tolerance::default(),
        )
    }

    #[test]
    fn event_name_and_odd_input() {
        let sig = sign(b"lemon-secret", b"{}");
        let d = verify(
            &[
                (SIGNATURE_HEADER, sig.as_bytes()),
                (EVENT_HEADER, b" order_created "),
            ],
            b"{}",
        )
        .unwrap();
        assert_eq!(d.event(), Some("order_created"));
        let e = verify(
            &[(SIGNATURE_HEADER, sig.as_bytes()), (EVENT_HEADER, b"\xff")],
            b"{}",
        )
        .unwrap_err();
        assert_eq!(e.kind(), "malformed_header");
        for (value, kind) in [
            (&b""[..], "signature_mismatch"),
            (b"sha256=00", "malformed_header"),
            (b"\xff\xfe", "malformed_header"),
            (&[b'0'; 100_000], "malformed_header"),
        ] {
            let e = verify(&[(SIGNATURE_HEADER, value)], b"{}").unwrap_err();
            assert_eq!(e.kind(), kind, "{value:?}");
        }
        assert_eq!(
            verify(&[], b"{}").unwrap_err(),
            Error::MissingHeader(SIGNATURE_HEADER)
        );
    }
}
