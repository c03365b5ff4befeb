//! Vercel: `x-vercel-signature: <hex HMAC-SHA1 of the body>`.
//!
//! Headers read: `x-vercel-signature` only (required): the bare lower-case hex digest, no
//! prefix. The event (`type`, e.g. `deployment.created`) and its id (`id`) are in the signed
//! body; the event name is recorded as signed.
//!
//! Secret: the webhook's secret, shown once when an account webhook is created; for the
//! webhooks of a Vercel *integration*, the integration's **Client Secret**. Used as is.
//! Vercel signs no timestamp and sends no delivery id header: only a replay store stops a
//! captured delivery from being replayed; its replay key is a digest of the signed body.
//!
//! SHA-1 is what Vercel sends; inside HMAC it is still sound (as for Intercom).
//!
//! ```
//! use webhook_guard::providers::vercel;
//! assert_eq!(
//!     vercel::sign(b"vercel-webhook-secret", b"{}"),
//!     "cd518dce1471b2148ddfac87354edbdc8b7a2dc3"
//! );
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{MacAlgorithm, Scheme, Values};
use crate::secret::{Secret, Secrets};

use super::scan;

/// `x-vercel-signature`.
pub const SIGNATURE_HEADER: &str = "x-vercel-signature";

/// The Vercel webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Vercel;

/// The `x-vercel-signature` value (bare hex) for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Vercel's scheme: bare hex HMAC-SHA1 of the body.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("vercel")
    .algorithm(MacAlgorithm::Sha1);

impl Provider for Vercel {
    fn name(&self) -> &'static str {
        "vercel"
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
        if let Some(kind) = scan::json_text(req.body(), b"type") {
            delivery.set_event(kind, true);
        }
        Ok(delivery)
    }
}

impl Sign for Vercel {
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

impl Parse for Vercel {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify(value: &[u8], body: &[u8]) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, value)];
        Vercel.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("vercel-webhook-secret")),
            UnixTime::EPOCH,
            Tolerance::default(),
        )
    }

    #[test]
    fn round_trip_and_odd_input() {
        let body = br#"{"id":"uev_1","type":"deployment.created","payload":{}}"#;
        let sig = sign(b"vercel-webhook-secret", body);
        assert_eq!(sig.len(), 40);
        let d = verify(sig.as_bytes(), body).unwrap();
        assert_eq!(
            (d.provider(), d.event(), d.event_is_signed()),
            ("vercel", Some("deployment.created"), true)
        );
        // An HMAC-SHA256 of the same body (the wrong algorithm) does not verify.
        let sha256 = crate::providers::lemonsqueezy::sign(b"vercel-webhook-secret", body);
        assert_eq!(
            verify(sha256.as_bytes(), body).unwrap_err(),
            Error::SignatureMismatch
        );
        for (value, kind) in [
            (&b"sha1=00"[..], "malformed_header"),
            (b"zz", "malformed_header"),
            (b"00", "signature_mismatch"),
        ] {
            assert_eq!(verify(value, body).unwrap_err().kind(), kind, "{value:?}");
        }
        let upper = sig.to_ascii_uppercase();
        assert_eq!(
            verify(upper.as_bytes(), body).unwrap_err().kind(),
            "malformed_header"
        );
    }
}
