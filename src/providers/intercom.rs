//! Intercom: `X-Hub-Signature: sha1=<hex HMAC-SHA1 of the body>`.
//!
//! Headers read: `X-Hub-Signature` only (required). GitHub's legacy SHA-1 header and Bitbucket's
//! SHA-256 header carry the same name; here only the `sha1=` form is accepted (anything else is a
//! malformed header).
//!
//! Secret: the app's **client secret** (Developer Hub → your app → Basic information), used as
//! is. Intercom signs no timestamp and sends no delivery id header, so only a replay store stops
//! a captured notification from being replayed; its replay key is a digest of the signed body
//! (the notification's `id` and `topic` are in the body).
//!
//! SHA-1 is what Intercom sends. Used inside HMAC it is still sound, which is why it is accepted
//! here while GitHub's optional SHA-1 header is not (GitHub always sends SHA-256 as well).
//!
//! ```
//! use webhook_guard::providers::intercom;
//! assert_eq!(
//!     intercom::sign(b"client-secret", b"{}"),
//!     "sha1=fc32a3088b7e777cfca7191856871c39d6434d48"
//! );
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{MacAlgorithm, Scheme, Values};
use crate::secret::{Secret, Secrets};

/// `X-Hub-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature";

/// The Intercom webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Intercom;

/// The `X-Hub-Signature` value (`sha1=<hex>`) for `body` under the client secret.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Intercom's scheme: `sha1=<hex HMAC-SHA1>` of the body.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("intercom")
    .algorithm(MacAlgorithm::Sha1)
    .prefix("sha1=")
    .expected("expected `sha1=<hex>`");

impl Provider for Intercom {
    fn name(&self) -> &'static str {
        "intercom"
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

impl Sign for Intercom {
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

impl Parse for Intercom {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify(headers: &[(&str, &[u8])], body: &[u8]) -> Result<Delivery, Error> {
        Intercom.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("client-secret")),
            UnixTime::from_millis(0),
            Tolerance::default(),
        )
    }

    #[test]
    fn round_trip_and_odd_input() {
        let sig = sign(b"client-secret", b"{}");
        let d = verify(&[(SIGNATURE_HEADER, sig.as_bytes())], b"{}").unwrap();
        assert_eq!(d.provider(), "intercom");
        assert_eq!(d.id_source(), crate::delivery::IdSource::None);
        for (value, kind) in [
            (&b""[..], "malformed_header"),
            (b"sha256=00", "malformed_header"),
            (b"sha1=", "signature_mismatch"),
            (b"sha1=zz", "malformed_header"),
            (b"sha1=\xff\xfe", "malformed_header"),
            (&[b'a'; 10_000], "malformed_header"),
        ] {
            let e = verify(&[(SIGNATURE_HEADER, value)], b"{}").unwrap_err();
            assert_eq!(e.kind(), kind, "{value:?}");
        }
        assert_eq!(
            verify(&[], b"{}").unwrap_err(),
            Error::MissingHeader(SIGNATURE_HEADER)
        );
        // Non-UTF-8 bodies are signed and verified as bytes.
        let body = b"\xff\x00\xfe";
        let sig = sign(b"client-secret", body);
        assert!(verify(&[(SIGNATURE_HEADER, sig.as_bytes())], body).is_ok());
    }
}
