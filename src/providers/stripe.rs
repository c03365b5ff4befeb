//! Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…][,v0=…]` over `{t}.{body}`.
//!
//! Headers read: `Stripe-Signature` only. Every `v1=` entry is a candidate (Stripe lists one
//! per active secret while you roll one); `v0` and unknown entries are ignored; more than 16
//! entries is a malformed header.
//!
//! Secret: the `whsec_…` endpoint secret **used as is, prefix included** — Stripe does not
//! decode it, unlike Standard Webhooks. A Stripe API key (`sk_…`, `rk_…`, `pk_…`) given instead
//! is refused ([`Error::InvalidSecret`]) by [`Provider::secret_from_display`] and by
//! [`crate::VerifierBuilder::build`].
//!
//! Timestamp: 300 s in the past as in Stripe's SDKs, and (our addition) 300 s into the future.
//! Replay key: the event `id` (`evt_…`) of the signed body, the same on every re-signed retry.

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme};
use crate::secret::{Secret, Secrets};

/// `Stripe-Signature`.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// The Stripe webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stripe;

/// The `Stripe-Signature` value for `body` at `timestamp` (seconds) under `secret` (the whole
/// `whsec_…` text).
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    SCHEME.header_value_at(secret, timestamp, body)
}

/// Stripe's scheme: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of
/// `{t}.{body}`.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("stripe")
    .separator(b',')
    .timestamp_in_signature("t=")
    .prefix("v1=")
    .signed_content(&[Part::Timestamp, Part::Literal("."), Part::Body])
    .tolerance(Tolerance::FIVE_MINUTES);

impl Provider for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    /// Stripe retries a failed delivery for up to three days (live mode).
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(3 * 24 * 3600)
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
    }

    /// The `whsec_…` text as is. A Stripe API key (`sk_live_…`, `sk_test_…`, `rk_…`, `pk_…`) is
    /// refused: it is not the endpoint's signing secret, and nothing it signs would verify.
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        if text.is_empty() {
            return Err(Error::InvalidSecret("empty secret"));
        }
        // Webhook secrets begin `whsec_`; every kind of Stripe API key begins with one of these.
        if ["sk_", "rk_", "pk_"]
            .iter()
            .any(|prefix| text.trim_start().starts_with(prefix))
        {
            return Err(Error::InvalidSecret(crate::secret::STRIPE_API_KEY));
        }
        // Stripe's secrets hold no whitespace; stripe-node refuses a secret with some ("The
        // provided signing secret contains whitespace") rather than fail every request later.
        if text.chars().any(char::is_whitespace) {
            return Err(Error::InvalidSecret(
                "the signing secret contains whitespace (copied with a space or a line break?)",
            ));
        }
        Ok(Secret::from_text(text))
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

    /// Stripe's event `id` (`evt_…`): the same across retries, which are re-signed with a new
    /// timestamp.
    fn replay_id<'b>(
        &self,
        _delivery: &Delivery,
        body: &'b [u8],
    ) -> Option<std::borrow::Cow<'b, str>> {
        super::scan::json_string(body, b"id").filter(|id| !id.is_empty())
    }
}

impl Sign for Stripe {
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
            (
                "Content-Type".to_owned(),
                "application/json; charset=utf-8".to_owned(),
            ),
        ]))
    }
}

#[cfg(feature = "stripe")]
#[cfg_attr(docsrs, doc(cfg(feature = "stripe")))]
impl crate::provider::Parse for Stripe {
    type Event = crate::events::stripe::Event;

    /// Parses the body as a typed [`Event`](crate::events::stripe::Event) ([`Event::from_slice`](crate::events::stripe::Event::from_slice): a fast path, then
    /// [`crate::payload::from_json`] for the error and its JSON path).
    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::stripe::Event::from_slice(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_header(value: &[u8]) -> Result<crate::scheme::Parsed<'_>, Error> {
        SCHEME.parse_signature(value)
    }

    #[test]
    fn api_keys_are_not_webhook_secrets() {
        for key in [
            "sk_live_abc",
            "sk_test_abc",
            "rk_live_abc",
            "pk_test_abc",
            " pk_x",
        ] {
            let e = Stripe.secret_from_display(key).unwrap_err();
            assert_eq!(e.kind(), "invalid_secret", "{key}");
            assert!(
                e.to_string().contains("not a webhook signing secret"),
                "{e}"
            );
        }
        assert!(Stripe.secret_from_display("").is_err());
        let secret = Stripe.secret_from_display("whsec_test_secret").unwrap();
        assert_eq!(secret.expose_secret(), b"whsec_test_secret");
        // Through the builder too, whatever constructor made the secret.
        let e = crate::Verifier::builder(Stripe)
            .secret(Secret::from_text("sk_live_0123456789abcdefghij"))
            .build()
            .unwrap_err();
        assert_eq!(e.kind(), "invalid_secret");
    }

    #[test]
    fn secrets_with_whitespace_are_refused_as_stripe_node_does() {
        // stripe-node test/Webhook.spec.ts: "the signing secret contains whitespace".
        for text in [
            "whsec_test_secret ",
            " whsec_test_secret",
            "whsec_test\nsecret",
        ] {
            let e = Stripe.secret_from_display(text).unwrap_err();
            assert_eq!(e.kind(), "invalid_secret", "{text:?}");
            assert!(e.to_string().contains("whitespace"), "{e}");
            assert!(!e.to_string().contains("whsec_test"), "{e}");
        }
    }

    #[test]
    fn header_parsing() {
        let h = parse_header(b"t=12,v1=aa, v0=bb ,v1=cc,x").unwrap();
        assert_eq!(h.timestamp, Some(&b"12"[..]));
        assert_eq!(
            h.candidates.iter().collect::<Vec<_>>(),
            vec![&b"aa"[..], b"cc"]
        );
        assert_eq!(
            parse_header(b"v1=aa").unwrap_err().kind(),
            "malformed_header"
        );
        assert_eq!(parse_header(b"t=1").unwrap_err().kind(), "malformed_header");
        assert_eq!(
            parse_header(b"t=1,t=2,v1=aa").unwrap_err().kind(),
            "malformed_header"
        );
        let many = format!("t=1{}", ",v1=aa".repeat(17));
        assert_eq!(
            parse_header(many.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
        let spam = format!("t=1,v1=aa{}", ",".repeat(1000));
        assert_eq!(
            parse_header(spam.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
    }
}
