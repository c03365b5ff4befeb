//! GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
//!
//! Headers read:
//! - `X-Hub-Signature-256` (required). Requests carrying only the legacy SHA-1
//!   `X-Hub-Signature` are rejected as [`Error::Unsupported`]: SHA-1 is not accepted.
//! - `X-GitHub-Event`: the event name, recorded in the [`Delivery`]. **Not signed**: it picks the
//!   typed event for a body whose signature holds, but a replayer can change it. With a replay
//!   store, a relabelled copy has the same replay key as the original and is a duplicate.
//! - `X-GitHub-Delivery`: the delivery GUID. **Not signed**: recorded as
//!   [`Delivery::unsigned_id`] (for logs and GitHub's delivery log), never a replay key.
//!
//! Replay key: a digest of the signed body, which a GitHub redelivery shares with the original.
//!
//! Secret: the webhook secret as typed in GitHub's settings, used as is. GitHub signs no
//! timestamp, so only a replay store stops a captured delivery from being replayed.
//!
//! ```
//! use webhook_guard::providers::github;
//! let header = github::sign(b"It's a Secret to Everybody", b"Hello, World!");
//! assert_eq!(header, "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider github` lists them): `ping`, `push`, `pull_request.opened`, `pull_request.closed`, `issues.opened`,
//! `issue_comment.created`, `release.published`, `star.created`, `workflow_run.completed`,
//! `check_run.completed`. The fixture's event is sent in `X-GitHub-Event`. A handler test's delivery, signed as
//! the sender signs it, is one line of `TestDelivery`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "github"))] {
//! use webhook_guard::providers::github::GitHub;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(GitHub, SECRET)?.fixture("push")?.request()?;
//!
//! let verifier = Verifier::builder(GitHub).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("push"));
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

use super::util;

/// `X-Hub-Signature-256`.
pub const SIGNATURE_HEADER: &str = "X-Hub-Signature-256";
/// `X-Hub-Signature`: the legacy SHA-1 signature, not accepted.
pub const LEGACY_SIGNATURE_HEADER: &str = "X-Hub-Signature";
/// `X-GitHub-Event`.
pub const EVENT_HEADER: &str = "X-GitHub-Event";
/// `X-GitHub-Delivery`.
pub const DELIVERY_HEADER: &str = "X-GitHub-Delivery";

/// The GitHub webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct GitHub;

/// GitHub's scheme: `sha256=<hex HMAC-SHA256>` of the body. (The unsigned event and delivery
/// headers are read by [`GitHub`] itself.)
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("github")
    .prefix("sha256=")
    .expected("expected `sha256=<hex>`");

/// The `X-Hub-Signature-256` value for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

impl Provider for GitHub {
    fn name(&self) -> &'static str {
        "github"
    }

    /// GitHub does not retry on its own, but its settings page and API redeliver deliveries of the past three days.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(3 * 24 * 3600)
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    fn event_header(&self) -> Option<&'static str> {
        Some(EVENT_HEADER)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        // Every header in one walk, before the HMAC (the CPU does it while the hash runs).
        let (scheme_headers, [delivery_id, event_name]) =
            SCHEME.read_with_two(req, [DELIVERY_HEADER, EVENT_HEADER]);
        // Filled in where it lies: moving a `Delivery` (a few hundred bytes) out of the
        // `Result` and back into another costs more than the rest of this function.
        let mut result = SCHEME.verify_read(req, scheme_headers, secrets, now, tolerance);
        match &mut result {
            Ok(delivery) => {
                // Unsigned metadata: a hint, and the event name that picks the typed event.
                if let Some(id) = util::hint(delivery_id) {
                    delivery.set_unsigned_id(id);
                }
                if let Some(event) = event_name {
                    delivery.set_event(util::ascii(util::trim(event), EVENT_HEADER)?, false);
                }
            }
            // The legacy header is looked at only when the SHA-256 one is missing.
            Err(Error::MissingHeader(_)) if req.header(LEGACY_SIGNATURE_HEADER).is_some() => {
                return Err(Error::Unsupported(
                    "a SHA-1 `X-Hub-Signature` without `X-Hub-Signature-256` is not accepted (GitHub sends both)",
                ));
            }
            Err(_) => {}
        }
        result
    }
}

impl Sign for GitHub {
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let mut headers = vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), message.body),
            ),
            (DELIVERY_HEADER.to_owned(), message.id_or_derived("")),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ];
        if let Some(event) = message.event {
            headers.push((EVENT_HEADER.to_owned(), event.to_owned()));
        }
        Ok(Signed::headers(headers))
    }
}

#[cfg(feature = "github")]
#[cfg_attr(docsrs, doc(cfg(feature = "github")))]
impl crate::provider::Parse for GitHub {
    type Event = crate::events::github::Event;

    /// Parses into the typed [`Event`](crate::events::github::Event) named by `X-GitHub-Event`. A delivery without that
    /// header (GitHub always sends it) parses to [`Event::Unknown`](crate::events::github::Event::Unknown) with an empty name.
    fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::github::Event::parse(delivery.event().unwrap_or_default(), body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verify(headers: &[(&str, &str)], body: &[u8]) -> Result<Delivery, Error> {
        let secrets = Secrets::new(Secret::from_text("It's a Secret to Everybody"));
        GitHub.verify(
            &WebhookRequest::new(&headers, body),
            &secrets,
            UnixTime::from_millis(0),
            Tolerance::default(),
        )
    }

    const SIG: &str = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    #[test]
    fn docs_vector_and_metadata() {
        let d = verify(
            &[
                (SIGNATURE_HEADER, SIG),
                (EVENT_HEADER, "push"),
                (DELIVERY_HEADER, "72d3162e"),
            ],
            b"Hello, World!",
        )
        .unwrap();
        assert_eq!(
            (d.event(), d.unsigned_id(), d.signed_id()),
            (Some("push"), Some("72d3162e"), None)
        );
        assert!(!d.event_is_signed());
    }

    #[test]
    fn sha1_only_is_unsupported_and_missing_is_missing() {
        let e = verify(&[(LEGACY_SIGNATURE_HEADER, "sha1=00")], b"x").unwrap_err();
        assert_eq!(e.kind(), "unsupported");
        assert_eq!(
            verify(&[], b"x").unwrap_err(),
            Error::MissingHeader(SIGNATURE_HEADER)
        );
        let e = verify(&[(SIGNATURE_HEADER, "sha1=00")], b"x").unwrap_err();
        assert_eq!(e.kind(), "malformed_header");
    }
}
