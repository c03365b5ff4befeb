//! PagerDuty (v3 webhooks): `X-PagerDuty-Signature: v1=<hex>[,v1=<hex>…]` over the body.
//!
//! Headers read: `X-PagerDuty-Signature` only (required). The value is a comma-separated list
//! of `v1=` entries, hex HMAC-SHA256 of the body; PagerDuty lists one per active secret while a
//! secret is being rotated, and **any** match is accepted. Entries of other versions are
//! skipped; more than 16 `v1=` entries (or 32 entries in all) is a malformed header, as is a
//! list without any `v1=` entry.
//!
//! Secret: the subscription's signing secret, shown once when the v3 webhook subscription is
//! created. It **looks like base64 but is used as is** — the text's bytes are the key, exactly
//! as PagerDuty's own libraries use it. Do not decode it.
//!
//! PagerDuty signs no timestamp and this provider reads no delivery id header: only a replay
//! store stops a captured delivery from being replayed; its replay key is a digest of the signed
//! body (the event's `id` and `event_type` are in the body under `event`).
//!
//! ```
//! use webhook_guard::providers::pagerduty;
//! assert_eq!(
//!     pagerduty::sign(b"pagerduty-secret", b"{}"),
//!     "v1=24f40ba43c60b03b7be7d8aa089291d73458d729bd8aa25c577813a3834397bd"
//! );
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider pagerduty` lists them): `incident.triggered`. A handler test's delivery, signed as
//! the sender signs it, is one line of `TestDelivery`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "pagerduty"))] {
//! use webhook_guard::providers::pagerduty::PagerDuty;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(PagerDuty, SECRET)?.fixture("incident.triggered")?.request()?;
//!
//! let verifier = Verifier::builder(PagerDuty).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("incident.triggered"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, Values};
use crate::secret::{Secret, Secrets};

/// `X-PagerDuty-Signature`.
pub const SIGNATURE_HEADER: &str = "X-PagerDuty-Signature";

/// The PagerDuty v3 webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct PagerDuty;

/// The `X-PagerDuty-Signature` value (`v1=<hex>`) for `body` under `secret` (the secret's text).
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// PagerDuty's scheme: a comma-separated list of `v1=<hex HMAC-SHA256>` of the body.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("pagerduty")
    .separator(b',')
    .prefix("v1=");

impl Provider for PagerDuty {
    fn name(&self) -> &'static str {
        "pagerduty"
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

impl Sign for PagerDuty {
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

#[cfg(feature = "pagerduty")]
#[cfg_attr(docsrs, doc(cfg(feature = "pagerduty")))]
impl crate::provider::Parse for PagerDuty {
    type Event = crate::events::pagerduty::Event;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::pagerduty::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_header(value: &[u8]) -> Result<crate::crypto::mac::Candidates<'_>, Error> {
        SCHEME
            .parse_signature(value)
            .map(|parsed| parsed.candidates)
    }

    #[test]
    fn header_parsing() {
        let c = parse_header(b"v1=aa, v2=zz ,v1=bb,,x").unwrap();
        assert_eq!(c.iter().collect::<Vec<_>>(), vec![&b"aa"[..], b"bb"]);
        for bad in [&b""[..], b"v2=aa", b"aa", b"\xff", b",,,"] {
            assert_eq!(
                parse_header(bad).unwrap_err().kind(),
                "malformed_header",
                "{bad:?}"
            );
        }
        let sixteen = vec!["v1=aa"; 16].join(",");
        assert_eq!(parse_header(sixteen.as_bytes()).unwrap().len(), 16);
        let seventeen = vec!["v1=aa"; 17].join(",");
        assert_eq!(
            parse_header(seventeen.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
        let spam = format!("v1=aa{}", ",".repeat(100_000));
        assert_eq!(
            parse_header(spam.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
    }

    #[test]
    fn any_listed_signature_matches() {
        let secret = "lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK";
        let good = sign(secret.as_bytes(), b"{}");
        let value = format!("v1={},{good}", "00".repeat(32));
        let headers = [(SIGNATURE_HEADER, value.as_str())];
        let d = PagerDuty
            .verify(
                &WebhookRequest::new(&headers, b"{}"),
                &Secrets::new(PagerDuty.secret_from_display(secret).unwrap()),
                UnixTime::from_millis(0),
                Tolerance::default(),
            )
            .unwrap();
        assert_eq!(d.provider(), "pagerduty");
    }
}
