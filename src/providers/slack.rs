//! Slack: `X-Slack-Signature: v0=<hex>` over `v0:{X-Slack-Request-Timestamp}:{body}`.
//!
//! Headers read: `X-Slack-Signature`, `X-Slack-Request-Timestamp` (both required).
//! Secret: the app's *signing secret*, used as is (not the deprecated verification token).
//! Timestamp: 300 s each way, as Slack's SDKs. Slack sends no delivery id header; the replay key
//! is the signed body's `event_id` (Events API, kept across Slack's re-signed retries), else a
//! digest of the signed timestamp and body (slash commands, interactions).
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider slack` lists them): `app_mention`, `reaction_added`, `url_verification`, `slash_command` (form-encoded). A handler test's delivery, signed as
//! the sender signs it, is one line of `TestDelivery`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "slack"))] {
//! use webhook_guard::providers::slack::Slack;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Slack, SECRET)?.fixture("app_mention")?.request()?;
//!
//! let verifier = Verifier::builder(Slack).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("app_mention"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme};
use crate::secret::{Secret, Secrets};

/// `X-Slack-Signature`.
pub const SIGNATURE_HEADER: &str = "X-Slack-Signature";
/// `X-Slack-Request-Timestamp`.
pub const TIMESTAMP_HEADER: &str = "X-Slack-Request-Timestamp";

/// The Slack request-signing scheme (v0).
#[derive(Debug, Clone, Copy, Default)]
pub struct Slack;

/// The `X-Slack-Signature` value for `body` at `timestamp` under `secret`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    SCHEME.header_value_at(secret, timestamp, body)
}

/// Slack's `v0` scheme: `v0=<hex HMAC-SHA256>` of `v0:{timestamp}:{body}`, the timestamp
/// (seconds) in a header of its own.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("slack")
    .prefix("v0=")
    .expected("expected `v0=<hex>`")
    .timestamp_header(TIMESTAMP_HEADER)
    .signed_content(&[
        Part::Literal("v0:"),
        Part::Timestamp,
        Part::Literal(":"),
        Part::Body,
    ]);

impl Provider for Slack {
    fn name(&self) -> &'static str {
        "slack"
    }

    /// Slack retries an event three times within a few minutes (immediately, after 1 and after 5 minutes).
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(3600)
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(Tolerance::FIVE_MINUTES)
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

    fn handshake(
        &self,
        _delivery: &Delivery,
        body: &[u8],
        _secrets: &Secrets,
    ) -> Option<Handshake> {
        let doc: serde_json::Value = serde_json::from_slice(body).ok()?;
        if doc.get("type")?.as_str()? != "url_verification" {
            return None;
        }
        Some(Handshake::text(doc.get("challenge")?.as_str()?))
    }

    /// The Events API `event_id` (`Ev…`): the same across Slack's retries, which are re-signed.
    /// Other payloads (slash commands, interactivity) have none: the signature stays the id.
    fn replay_id<'b>(
        &self,
        _delivery: &Delivery,
        body: &'b [u8],
    ) -> Option<std::borrow::Cow<'b, str>> {
        super::scan::json_string(body, b"event_id").filter(|id| !id.is_empty())
    }
}

impl Sign for Slack {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let ts = message.timestamp.as_secs();
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), ts, message.body),
            ),
            (TIMESTAMP_HEADER.to_owned(), ts.to_string()),
        ]))
    }
}

#[cfg(feature = "slack")]
#[cfg_attr(docsrs, doc(cfg(feature = "slack")))]
impl crate::provider::Parse for Slack {
    type Event = crate::events::slack::Event;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::slack::parse(body)
    }
}
