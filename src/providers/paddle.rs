//! Paddle Billing: `Paddle-Signature: ts=<unix>;h1=<hex>[;h1=<hex>…]` over `{ts}:{body}`.
//!
//! Headers read: `Paddle-Signature` only. **Every** `h1=` entry is a candidate (Paddle lists
//! one per active secret while a secret is rotated; Paddle's own SDK keeps only the last one,
//! which breaks rotation — not copied here). Unknown entries are ignored; more than 16 `h1`
//! entries, or more than 32 entries in all, is a malformed header; `ts` must appear once.
//!
//! Secret: the notification destination's *secret key* (`pdl_ntfset_…`), used as is.
//!
//! Timestamp window: **5 seconds each way** by default. Paddle's SDKs reject signatures older
//! than 5 seconds (and check nothing ahead); we keep their limit for the past and apply the same
//! limit to clock skew into the future. It is tight on purpose — Paddle signs each attempt
//! afresh — but a receiver whose clock drifts, or that verifies after queueing, should widen it
//! with the verifier builder's `tolerance`.
//!
//! Replay key: the signed body's `event_id` (kept across retries), else a digest of the signed
//! content. Event
//! name: the body's `event_type`. Both are read after the signature holds, without allocating.
//!
//! ```
//! use webhook_guard::providers::paddle;
//! // paddle-node-sdk's test vector.
//! assert_eq!(
//!     paddle::sign(b"VALID_SECRET", 1_698_796_800, br#"{"data": ["1", "2"]}"#),
//!     "ts=1698796800;h1=a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9",
//! );
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider paddle` lists them): `subscription.created`. A handler test's delivery, signed as the
//! sender signs it, is one line of `TestDelivery`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "paddle"))] {
//! use webhook_guard::providers::paddle::Paddle;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Paddle, SECRET)?.fixture("subscription.created")?.request()?;
//!
//! let verifier = Verifier::builder(Paddle).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("subscription.created"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme};
use crate::secret::{Secret, Secrets};

use super::scan;

/// `Paddle-Signature`.
pub const SIGNATURE_HEADER: &str = "Paddle-Signature";

/// The default window: 5 seconds each way.
pub const DEFAULT_TOLERANCE: Tolerance = Tolerance::symmetric(Duration::from_secs(5));

/// The Paddle Billing webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Paddle;

/// The `Paddle-Signature` value for `body` at `timestamp` (seconds) under `secret`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    SCHEME.header_value_at(secret, timestamp, body)
}

/// Paddle's scheme: `ts=<unix seconds>;h1=<hex>[;h1=<hex>…]`, HMAC-SHA256 of
/// `{ts}:{body}`.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("paddle")
    .separator(b';')
    .timestamp_in_signature("ts=")
    .prefix("h1=")
    .signed_content(&[Part::Timestamp, Part::Literal(":"), Part::Body])
    .tolerance(DEFAULT_TOLERANCE);

impl Provider for Paddle {
    fn name(&self) -> &'static str {
        "paddle"
    }

    /// Paddle retries a failed notification for up to three days (live).
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(3 * 24 * 3600)
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(DEFAULT_TOLERANCE)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        // The body's `event_id` and event name are read only when needed (`replay_id`, the
        // typed event), so the verify path does not scan the body a second time.
        SCHEME.verify(req, secrets, now, tolerance)
    }

    /// The body's `event_id`, the same across retries (only read when a replay store asks).
    fn replay_id<'b>(
        &self,
        _delivery: &Delivery,
        body: &'b [u8],
    ) -> Option<std::borrow::Cow<'b, str>> {
        scan::json_text(body, b"event_id")
            .filter(|id| !id.is_empty())
            .map(std::borrow::Cow::Borrowed)
    }
}

impl Sign for Paddle {
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

#[cfg(feature = "paddle")]
#[cfg_attr(docsrs, doc(cfg(feature = "paddle")))]
impl crate::provider::Parse for Paddle {
    type Event = crate::events::paddle::Event;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::paddle::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_header(value: &[u8]) -> Result<crate::scheme::Parsed<'_>, Error> {
        SCHEME.parse_signature(value)
    }

    const H1: &str = "a300428748dce5c70e4da19bffd60769591ea969c99dea3105d0ec9612cf43f9";

    fn verify(header: &str, body: &[u8], now: i64) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, header)];
        Paddle.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("VALID_SECRET")),
            UnixTime::from_secs(now).unwrap(),
            DEFAULT_TOLERANCE,
        )
    }

    #[test]
    fn any_h1_matches_not_only_the_last() {
        let body = br#"{"data": ["1", "2"]}"#;
        let zero = "0".repeat(64);
        for header in [
            format!("ts=1698796800;h1={H1}"),
            format!("ts=1698796800;h1={H1};h1={zero}"),
            format!("h1={zero}; h1={H1} ;ts=1698796800;x=1"),
        ] {
            let d = verify(&header, body, 1_698_796_800).unwrap();
            assert_eq!(d.timestamp().map(UnixTime::as_secs), Some(1_698_796_800));
            assert_eq!(d.id_source(), crate::IdSource::None);
        }
    }

    #[test]
    fn window_both_ways() {
        let body = br#"{"data": ["1", "2"]}"#;
        let header = format!("ts=1698796800;h1={H1}");
        assert!(verify(&header, body, 1_698_796_805).is_ok());
        assert!(verify(&header, body, 1_698_796_795).is_ok());
        assert_eq!(
            verify(&header, body, 1_698_796_806).unwrap_err().kind(),
            "timestamp_too_old"
        );
        assert_eq!(
            verify(&header, body, 1_698_796_794).unwrap_err().kind(),
            "timestamp_in_future"
        );
    }

    #[test]
    fn header_parsing_rejects_odd_input() {
        for bad in [
            "",
            ";;;",
            "ts=1",
            "h1=00",
            "ts=1;ts=2;h1=00",
            "ts=-1;h1=00",
            "ts=99999999999999999999;h1=00",
            "ts=1.5;h1=00",
        ] {
            let r = verify(bad, b"", 0);
            assert_eq!(r.unwrap_err().kind(), "malformed_header", "{bad}");
        }
        let many = format!("ts=1{}", ";h1=00".repeat(17));
        assert_eq!(
            parse_header(many.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
        let spam = format!("ts=1;h1=00{}", ";".repeat(100));
        assert_eq!(
            parse_header(spam.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
        assert!(parse_header(b"ts=1;h1=\xff").is_ok());
    }

    #[test]
    fn body_ids() {
        let body =
            br#"{"event_id":"evt_01h","event_type":"transaction.paid","data":{"a":{"b":[1]}}}"#;
        let header = sign(b"VALID_SECRET", 1_700_000_000, body);
        let d = verify(&header, body, 1_700_000_000).unwrap();
        assert_eq!(d.id_source(), crate::IdSource::None);
        assert_eq!(Paddle.replay_id(&d, body).as_deref(), Some("evt_01h"));
        let no_id = br#"{"event_type":"transaction.paid"}"#;
        assert_eq!(Paddle.replay_id(&d, no_id), None);
    }
}
