//! Typeform: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the body>`.
//!
//! Headers read: `Typeform-Signature` only (required). The event (`event_type`, e.g.
//! `form_response`) and its id (`event_id`) are in the body.
//!
//! Secret: the secret set on the webhook (in the Connect panel or the `secret` field of the
//! Webhooks API), used as is. Typeform signs no timestamp and sends no delivery id header: only a
//! replay store stops a captured delivery from being replayed; its replay key is a digest of the
//! signed body.
//!
//! ```
//! use webhook_guard::providers::typeform;
//! assert_eq!(
//!     typeform::sign(b"typeform-secret", b"{}"),
//!     "sha256=lvRy+CH+y9jwSOC0Kx9K+kC7mtkNYXuDlb8wyR5eLZg="
//! );
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, SignatureEncoding, Values};
use crate::secret::{Secret, Secrets};

/// `Typeform-Signature`.
pub const SIGNATURE_HEADER: &str = "Typeform-Signature";

/// The Typeform webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Typeform;

/// The `Typeform-Signature` value (`sha256=<base64>`) for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Typeform's scheme: `sha256=<base64 HMAC-SHA256>` of the body.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("typeform")
    .prefix("sha256=")
    .expected("expected `sha256=<base64>`")
    .encoding(SignatureEncoding::Base64);

impl Provider for Typeform {
    fn name(&self) -> &'static str {
        "typeform"
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

impl Sign for Typeform {
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

impl Parse for Typeform {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify(headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        Typeform.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("typeform-secret")),
            UnixTime::from_millis(0),
            Tolerance::default(),
        )
    }

    #[test]
    fn round_trip_and_odd_input() {
        let sig = sign(b"typeform-secret", b"{}");
        assert!(verify(&[(SIGNATURE_HEADER, sig.as_bytes())], b"{}").is_ok());
        // Padding is optional when decoding.
        let unpadded = sig.trim_end_matches('=');
        assert!(verify(&[(SIGNATURE_HEADER, unpadded.as_bytes())], b"{}").is_ok());
        for (value, kind) in [
            (&b""[..], "malformed_header"),
            (b"sha256", "malformed_header"),
            (b"sha1=AAAA", "malformed_header"),
            (b"sha256=!!!!", "malformed_header"),
            (b"sha256=AAAA", "signature_mismatch"),
            (b"sha256=\xff", "malformed_header"),
            (&[b'A'; 100_000], "malformed_header"),
        ] {
            let e = verify(&[(SIGNATURE_HEADER, value)], b"{}").unwrap_err();
            assert_eq!(e.kind(), kind, "{value:?}");
        }
    }
}
