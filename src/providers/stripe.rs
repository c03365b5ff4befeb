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
//!
//! API version: an endpoint's events are rendered in the API version the endpoint was created
//! with, which is not always the one your code was written against. Pin it, as stripe-go does
//! by default, and a delivery in another version is refused ([`Error::InvalidPayload`] at
//! `api_version`, 422, so Stripe retries while you upgrade the endpoint or the code) instead of
//! being half-understood:
//!
//! ```
//! use webhook_guard::providers::stripe::{self, Stripe};
//! use webhook_guard::{Secret, Verifier, WebhookRequest};
//!
//! let verifier = Verifier::builder(Stripe.expect_api_version("2024-06-20"))
//!     .secret(Secret::from_text("whsec_0123456789abcdef0123"))
//!     .build()
//!     .unwrap();
//! let now = std::time::SystemTime::now()
//!     .duration_since(std::time::UNIX_EPOCH)
//!     .unwrap()
//!     .as_secs() as i64;
//! let body = br#"{"id":"evt_1","object":"event","api_version":"2023-10-16"}"#;
//! let signature = stripe::sign(b"whsec_0123456789abcdef0123", now, body);
//! let headers = [(stripe::SIGNATURE_HEADER, signature.as_str())];
//! let err = verifier.verify(&WebhookRequest::new(&headers, body)).unwrap_err();
//! assert_eq!(err.kind(), "invalid_payload");
//! assert!(err.to_string().contains("2023-10-16"));
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider stripe` lists them): `charge.succeeded`, `checkout.session.completed`, `customer.created`,
//! `customer.subscription.updated`, `invoice.paid`, `payment_intent.succeeded`. A handler test's delivery, signed as
//! the sender signs it, is one line of `TestDelivery`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "stripe"))] {
//! use webhook_guard::providers::stripe::Stripe;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Stripe, SECRET)?.fixture("payment_intent.succeeded")?.request()?;
//!
//! let verifier = Verifier::builder(Stripe).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("payment_intent.succeeded"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme};
use crate::secret::{Secret, Secrets};

/// `Stripe-Signature`.
pub const SIGNATURE_HEADER: &str = "Stripe-Signature";

/// The Stripe webhook scheme, optionally pinned to one API version
/// ([`Stripe::expect_api_version`]).
///
/// [`Stripe`](const@Stripe) is also a constant of this type, the unpinned scheme, so `Verifier::builder(Stripe)`
/// reads as for every other provider.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stripe {
    api_version: Option<Box<str>>,
}

/// The Stripe scheme without an API-version pin.
#[allow(non_upper_case_globals)]
pub const Stripe: Stripe = Stripe { api_version: None };

impl Stripe {
    /// Refuses deliveries whose event `api_version` is not `version` (e.g. `"2024-06-20"`),
    /// or that carry none: [`Error::InvalidPayload`] at `api_version`, checked by
    /// [`Provider::verify`] once the signature holds. Off by default.
    #[must_use]
    pub fn expect_api_version(self, version: impl Into<Box<str>>) -> Self {
        Self {
            api_version: Some(version.into()),
        }
    }

    /// The pinned API version, if any.
    pub fn api_version(&self) -> Option<&str> {
        self.api_version.as_deref()
    }

    /// The pin's check on a verified body.
    fn check_api_version(&self, body: &[u8]) -> Result<(), Error> {
        let Some(expected) = self.api_version.as_deref() else {
            return Ok(());
        };
        let found = super::scan::json_member(body, b"api_version")
            .map_err(|_| Error::payload(".", "not a JSON object"))?;
        match found.and_then(super::scan::json_plain_string) {
            Some(version) if version == expected.as_bytes() => Ok(()),
            Some(version) => Err(Error::payload(
                "api_version",
                format!(
                    "the event is in API version `{}`; expected `{expected}`: upgrade the \
                     webhook endpoint's API version in Stripe, or the code",
                    String::from_utf8_lossy(version)
                ),
            )),
            None => Err(Error::payload(
                "api_version",
                format!("the event names no API version; expected `{expected}`"),
            )),
        }
    }
}

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
        // Refused here: the copy-paste slip, whitespace before or after the secret.
        if text.trim() != text {
            return Err(Error::InvalidSecret(
                "the signing secret starts or ends with whitespace (copied with a space or a \
                 line break?)",
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
        if self.api_version.is_none() {
            // The delivery goes straight to the caller, not through a local.
            return SCHEME.verify(req, secrets, now, tolerance);
        }
        let result = SCHEME.verify(req, secrets, now, tolerance);
        if result.is_ok() {
            self.check_api_version(req.body())?;
        }
        result
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
    fn a_pinned_api_version_refuses_other_versions_after_the_signature() {
        let key = b"whsec_test_secret";
        let pinned = Stripe.expect_api_version("2024-06-20");
        assert_eq!(pinned.api_version(), Some("2024-06-20"));
        assert_eq!(Stripe.api_version(), None);
        let secrets = Secrets::new(Secret::from_bytes(key));
        let now = UnixTime::from_secs(1_700_000_000).unwrap();
        let check = |provider: &Stripe, body: &[u8], signed: &[u8]| {
            let signature = sign(key, 1_700_000_000, signed);
            let headers = [(SIGNATURE_HEADER, signature.as_str())];
            provider
                .verify(
                    &WebhookRequest::new(&headers, body),
                    &secrets,
                    now,
                    Tolerance::FIVE_MINUTES,
                )
                .map(|_| ())
                .map_err(|e| (e.kind(), e.to_string()))
        };
        let same = br#"{"id":"evt_1","api_version":"2024-06-20","data":{"api_version":"x"}}"#;
        let other = br#"{"id":"evt_1","api_version":"2023-10-16"}"#;
        let none = br#"{"id":"evt_1","api_version":null}"#;
        assert_eq!(check(&pinned, same, same), Ok(()));
        assert_eq!(check(&Stripe, other, other), Ok(()));
        let (kind, message) = check(&pinned, other, other).unwrap_err();
        assert_eq!(kind, "invalid_payload");
        assert!(
            message.contains("2023-10-16") && message.contains("2024-06-20"),
            "{message}"
        );
        assert_eq!(check(&pinned, none, none).unwrap_err().0, "invalid_payload");
        assert_eq!(
            check(&pinned, b"[1]", b"[1]").unwrap_err().0,
            "invalid_payload"
        );
        // The signature is checked first: a forged body never gets as far as its version.
        assert_eq!(
            check(&pinned, other, same).unwrap_err().0,
            "signature_mismatch"
        );
    }

    #[test]
    fn secrets_with_whitespace_are_refused_as_stripe_node_does() {
        // stripe-node test/Webhook.spec.ts: "the signing secret contains whitespace".
        for text in [
            "whsec_test_secret ",
            " whsec_test_secret",
            "whsec_test_secret\n",
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
