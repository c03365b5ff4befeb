//! Notion: `X-Notion-Signature: sha256=<hex HMAC-SHA256 of the body>`, keyed with the
//! subscription's `verification_token`.
//!
//! Headers read: `X-Notion-Signature` only (required). The event (`type`, e.g. `page.created`)
//! and its id (`id`) are in the signed body: the event name is recorded as signed, and the id is
//! the replay key ([`Provider::replay_id`]). A digest of the body would not do: Notion's events
//! carry an `attempt_number`, so a retry's body differs from the first attempt's; the event id
//! is assumed to stay the same across attempts (Notion's docs call it the event's unique id).
//!
//! Secret: the subscription's **verification token** (`secret_…`), used as is. Notion signs no
//! timestamp header; the body's `timestamp` is signed but no window is applied (Notion documents
//! none), so only the replay store stops a captured event from being replayed.
//!
//! # The verification token
//!
//! When a subscription is created, Notion posts one unsigned request to the endpoint whose body
//! is `{"verification_token": "secret_…"}`; you paste that token into the integration's
//! *Webhooks* tab to activate the subscription, and it is then the key of every signature.
//! That request has no `X-Notion-Signature`, so a verifier refuses it (400 `missing_header`).
//! Answer it before the verifier with [`verification_token`]: **nothing authenticates that
//! body** — anyone can post one — so show the token to the person setting up the subscription
//! (a log line, an admin page), and never configure it as a secret automatically.
//!
//! ```
//! use webhook_guard::providers::notion;
//! assert_eq!(
//!     notion::sign(b"secret_notion-verification-token", b"{}"),
//!     "sha256=c612fab6b846664fb7873fd2b4700b5a421f8176852fffa4ae411deba1312e62"
//! );
//! let first = br#"{"verification_token":"secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl"}"#;
//! assert_eq!(
//!     notion::verification_token(first).as_deref(),
//!     Some("secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl")
//! );
//! assert_eq!(notion::verification_token(br#"{"type":"page.created"}"#), None);
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

/// `X-Notion-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Notion-Signature";
/// The body field of the one-time subscription request: `verification_token`.
pub const VERIFICATION_TOKEN_FIELD: &str = "verification_token";

/// The Notion webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Notion;

/// The `X-Notion-Signature` value (`sha256=<hex>`) for `body` under the verification token.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Notion's scheme: `sha256=<hex HMAC-SHA256>` of the body.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("notion")
    .prefix("sha256=")
    .expected("expected `sha256=<hex>`");

/// The `verification_token` of Notion's one-time, **unsigned** subscription request, if `body`
/// is one (a JSON object with that string member). Nothing authenticates it: show it to a
/// person, never trust it as a secret by itself (see the [module docs](self)).
pub fn verification_token(body: &[u8]) -> Option<Cow<'_, str>> {
    scan::json_string(body, VERIFICATION_TOKEN_FIELD.as_bytes())
}

impl Provider for Notion {
    fn name(&self) -> &'static str {
        "notion"
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

    /// The event's `id` (signed, being in the body).
    fn replay_id<'b>(&self, _delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>> {
        scan::json_string(body, b"id").filter(|id| !id.is_empty())
    }
}

impl Sign for Notion {
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

impl Parse for Notion {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &[u8] = br#"{"id":"367cba44-b6f3-4c92-81e7-6a2e9659efd4","timestamp":"2024-12-05T23:55:34.285Z","type":"page.created","attempt_number":1,"entity":{"id":"153104cd-477e-809d-8dc4-ff2d96ae3090","type":"page"}}"#;

    fn verify(value: &[u8], body: &[u8]) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, value)];
        Notion.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("secret_notion-verification-token")),
            UnixTime::EPOCH,
            Tolerance::default(),
        )
    }

    #[test]
    fn round_trip_event_and_replay_id() {
        let sig = sign(b"secret_notion-verification-token", BODY);
        let d = verify(sig.as_bytes(), BODY).unwrap();
        assert_eq!(
            (d.provider(), d.event(), d.event_is_signed()),
            ("notion", Some("page.created"), true)
        );
        assert_eq!(
            Notion.replay_id(&d, BODY).as_deref(),
            Some("367cba44-b6f3-4c92-81e7-6a2e9659efd4")
        );
        assert_eq!(Notion.replay_id(&d, b"{}"), None);
        for (value, kind) in [
            (&b""[..], "malformed_header"),
            (b"sha1=00", "malformed_header"),
            (b"sha256=zz", "malformed_header"),
            (b"sha256=00", "signature_mismatch"),
        ] {
            assert_eq!(verify(value, BODY).unwrap_err().kind(), kind, "{value:?}");
        }
        // The subscription request carries no signature: refused, and its token readable.
        let first = br#"{"verification_token":"secret_x"}"#;
        let headers: [(&str, &[u8]); 0] = [];
        let e = Notion.verify(
            &WebhookRequest::new(&headers, first),
            &Secrets::new(Secret::from_text("k")),
            UnixTime::EPOCH,
            Tolerance::default(),
        );
        assert_eq!(e.unwrap_err(), Error::MissingHeader(SIGNATURE_HEADER));
        assert_eq!(verification_token(first).as_deref(), Some("secret_x"));
        for body in [&b"not json"[..], br#"{"verification_token":1}"#, b""] {
            assert_eq!(verification_token(body), None);
        }
    }
}
