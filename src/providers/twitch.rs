//! Twitch EventSub: `Twitch-Eventsub-Message-Signature: sha256=<hex>` over
//! `{message id}{timestamp}{body}`.
//!
//! Headers read:
//! - `Twitch-Eventsub-Message-Signature` (required).
//! - `Twitch-Eventsub-Message-Id` (required): signed, and the replay key (Twitch keeps it when
//!   it resends a message).
//! - `Twitch-Eventsub-Message-Timestamp` (required): RFC 3339 with up to nanoseconds
//!   (`2023-07-19T10:11:12.123456789Z`), **signed verbatim** as the header text and parsed (with
//!   the `time` crate) only for the window check.
//! - `Twitch-Eventsub-Message-Type` and `Twitch-Eventsub-Subscription-Type`: the event name.
//!   For a `notification` it is the subscription type (`channel.follow`); for the other message
//!   types it is the message type itself (`webhook_callback_verification`, `revocation`).
//!
//! Secret: the `secret` you passed when creating the subscription, used as is.
//!
//! Timestamp window: **10 minutes each way**. Twitch's docs tell receivers to reject messages
//! older than 10 minutes; we apply the same limit to timestamps ahead of the local clock.
//!
//! Handshake: a verified `webhook_callback_verification` message is answered with the body's
//! `challenge`, as `text/plain`.
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider twitch` lists them): `channel.follow`, `webhook_callback_verification`. A handler
//! test's delivery, signed as the sender signs it, is one line of `TestDelivery`. The fixture names
//! its subscription type, sent in `Twitch-Eventsub-Subscription-Type` with
//! `Twitch-Eventsub-Message-Type: notification`.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "twitch"))] {
//! use webhook_guard::providers::twitch::Twitch;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Twitch, SECRET)?.fixture("channel.follow")?.request()?;
//!
//! let verifier = Verifier::builder(Twitch).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("channel.follow"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Part, Scheme, TimestampUnit, Values};
use crate::secret::{Secret, Secrets};

use super::util;

/// `Twitch-Eventsub-Message-Signature`.
pub const SIGNATURE_HEADER: &str = "Twitch-Eventsub-Message-Signature";
/// `Twitch-Eventsub-Message-Id`.
pub const MESSAGE_ID_HEADER: &str = "Twitch-Eventsub-Message-Id";
/// `Twitch-Eventsub-Message-Timestamp`.
pub const TIMESTAMP_HEADER: &str = "Twitch-Eventsub-Message-Timestamp";
/// `Twitch-Eventsub-Message-Type`.
pub const MESSAGE_TYPE_HEADER: &str = "Twitch-Eventsub-Message-Type";
/// `Twitch-Eventsub-Subscription-Type`.
pub const SUBSCRIPTION_TYPE_HEADER: &str = "Twitch-Eventsub-Subscription-Type";
/// The message type of an event notification.
pub const NOTIFICATION: &str = "notification";
/// The message type of Twitch's endpoint check.
pub const WEBHOOK_CALLBACK_VERIFICATION: &str = "webhook_callback_verification";
/// The message type announcing a revoked subscription.
pub const REVOCATION: &str = "revocation";

/// The default window: 10 minutes each way.
pub const DEFAULT_TOLERANCE: Tolerance = Tolerance::symmetric(Duration::from_secs(600));

/// The Twitch EventSub webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Twitch;

/// The `Twitch-Eventsub-Message-Signature` value for a message, with `timestamp` exactly as it
/// is sent in its header.
pub fn sign(secret: &[u8], message_id: &str, timestamp: &str, body: &[u8]) -> String {
    let values = Values {
        id: message_id.as_bytes(),
        timestamp: timestamp.as_bytes(),
        ..Values::body(body)
    };
    SCHEME.header_value(secret, &values)
}

/// Twitch EventSub's scheme: `sha256=<hex HMAC-SHA256>` of `{message id}{timestamp}{body}`, the
/// timestamp (RFC 3339) and the message id in headers of their own.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER)
    .name("twitch")
    .prefix("sha256=")
    .expected("expected `sha256=<hex>`")
    .id_header(MESSAGE_ID_HEADER)
    .timestamp_header(TIMESTAMP_HEADER)
    .timestamp_unit(TimestampUnit::Rfc3339)
    .signed_content(&[Part::Id, Part::Timestamp, Part::Body])
    .tolerance(DEFAULT_TOLERANCE);

/// Parses an RFC 3339 timestamp as Twitch sends it, to the millisecond (sub-millisecond digits
/// are dropped, rounding towards the past). `None` for anything else.
pub fn parse_timestamp(text: &[u8]) -> Option<UnixTime> {
    crate::scheme::parse_rfc3339(text)
}

/// Formats `time` as Twitch does: RFC 3339 in UTC with nanoseconds.
pub fn format_timestamp(time: UnixTime) -> Result<String, Error> {
    crate::scheme::format_rfc3339(time)
}

/// The event a request names (unsigned) by its message type `kind` and subscription type
/// `subscription`: a notification's subscription type, else the message type; `None` without
/// a message type, an error when a name is not text.
fn event_name<'r>(
    kind: Option<&'r [u8]>,
    subscription: Option<&'r [u8]>,
) -> Result<Option<&'r str>, Error> {
    let Some(kind) = kind else {
        return Ok(None);
    };
    let kind = util::ascii(util::trim(kind), MESSAGE_TYPE_HEADER)?;
    // A notification is named by its subscription type.
    Ok(Some(match (kind, subscription) {
        (NOTIFICATION, Some(sub)) => util::ascii(util::trim(sub), SUBSCRIPTION_TYPE_HEADER)?,
        _ => kind,
    }))
}

impl Provider for Twitch {
    fn name(&self) -> &'static str {
        "twitch"
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
        // Every header in one walk, and the event named, before the HMAC (the CPU does it
        // while the hash runs); the name, or why it is not text, is only used once the
        // signature holds.
        let (scheme_headers, [kind, subscription]) =
            SCHEME.read_with_two(req, [MESSAGE_TYPE_HEADER, SUBSCRIPTION_TYPE_HEADER]);
        let named = event_name(kind, subscription);
        let mut delivery = SCHEME.verify_read(req, scheme_headers, secrets, now, tolerance)?;
        if let Some(event) = named? {
            delivery.set_event(event, false);
        }
        Ok(delivery)
    }

    fn handshake(&self, delivery: &Delivery, body: &[u8], _secrets: &Secrets) -> Option<Handshake> {
        if delivery.event() != Some(WEBHOOK_CALLBACK_VERIFICATION) {
            return None;
        }
        let doc: serde_json::Value = serde_json::from_slice(body).ok()?;
        Some(Handshake::text(doc.get("challenge")?.as_str()?))
    }
}

impl Sign for Twitch {
    /// [`SignInput::event`] names the subscription type of a `notification`, or is
    /// `webhook_callback_verification` / `revocation` for those message types.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let id = message.id_or_derived("");
        let ts = format_timestamp(message.timestamp)?;
        let mut headers = vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), &id, &ts, message.body),
            ),
            (MESSAGE_ID_HEADER.to_owned(), id),
            (TIMESTAMP_HEADER.to_owned(), ts),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ];
        match message.event {
            Some(kind @ (WEBHOOK_CALLBACK_VERIFICATION | REVOCATION)) => {
                headers.push((MESSAGE_TYPE_HEADER.to_owned(), kind.to_owned()));
            }
            Some(subscription) => {
                headers.push((MESSAGE_TYPE_HEADER.to_owned(), NOTIFICATION.to_owned()));
                headers.push((SUBSCRIPTION_TYPE_HEADER.to_owned(), subscription.to_owned()));
            }
            None => {
                headers.push((MESSAGE_TYPE_HEADER.to_owned(), NOTIFICATION.to_owned()));
            }
        }
        Ok(Signed::headers(headers))
    }
}

#[cfg(feature = "twitch")]
#[cfg_attr(docsrs, doc(cfg(feature = "twitch")))]
impl crate::provider::Parse for Twitch {
    type Event = crate::events::twitch::Event;

    fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::twitch::parse(delivery.event(), body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let t = parse_timestamp(b"2019-11-16T10:11:12.634234626Z").unwrap();
        assert_eq!(t.as_millis(), 1_573_899_072_634);
        assert_eq!(
            parse_timestamp(b"2019-11-16T10:11:12Z")
                .unwrap()
                .as_millis(),
            1_573_899_072_000
        );
        assert_eq!(
            parse_timestamp(b"2019-11-16T11:11:12.5+01:00")
                .unwrap()
                .as_millis(),
            1_573_899_072_500
        );
        for bad in [
            &b""[..],
            b"1573899072",
            b"2019-11-16T10:11:12+24:00",
            b"2019-13-16T10:11:12Z",
            b"2019-11-16T10:11:12",
            b"\xff",
            b"99999-11-16T10:11:12Z",
            b"2019-11-16T10:11:12.Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad:?}");
        }
        let text = format_timestamp(UnixTime::from_millis(1_573_899_072_634)).unwrap();
        assert_eq!(text, "2019-11-16T10:11:12.634000000Z");
        assert_eq!(
            parse_timestamp(text.as_bytes()).unwrap().as_millis(),
            1_573_899_072_634
        );
        assert!(format_timestamp(UnixTime::from_millis(i64::MAX)).is_err());
        assert!(format_timestamp(UnixTime::from_millis(-62_167_219_200_001)).is_err());
        assert_eq!(
            format_timestamp(UnixTime::from_millis(-62_167_219_200_000)).unwrap(),
            "0000-01-01T00:00:00.000000000Z"
        );
    }

    #[test]
    fn challenge_and_event_names() {
        let body = br#"{"challenge":"pogchamp-kappa-360noscope-vohiyo","subscription":{"type":"channel.follow"}}"#;
        let ts = "2023-07-19T10:11:12.123456789Z";
        let sig = sign(b"s3cre7", "e76c6bd4", ts, body);
        let verify = |kind: &str| {
            let headers = [
                (SIGNATURE_HEADER, sig.as_str()),
                (MESSAGE_ID_HEADER, "e76c6bd4"),
                (TIMESTAMP_HEADER, ts),
                (MESSAGE_TYPE_HEADER, kind),
                (SUBSCRIPTION_TYPE_HEADER, "channel.follow"),
            ];
            Twitch.verify(
                &WebhookRequest::new(&headers, body),
                &Secrets::new(Secret::from_text("s3cre7")),
                parse_timestamp(ts.as_bytes()).unwrap(),
                DEFAULT_TOLERANCE,
            )
        };
        let secrets = Secrets::new(Secret::from_text("s3cre7"));
        let d = verify(WEBHOOK_CALLBACK_VERIFICATION).unwrap();
        assert_eq!(d.event(), Some(WEBHOOK_CALLBACK_VERIFICATION));
        assert_eq!(d.signed_id(), Some("e76c6bd4"));
        let answer = Twitch.handshake(&d, body, &secrets).unwrap();
        assert_eq!(answer.body, b"pogchamp-kappa-360noscope-vohiyo");
        assert!(answer.content_type.starts_with("text/plain"));
        let d = verify(NOTIFICATION).unwrap();
        assert_eq!(d.event(), Some("channel.follow"));
        assert!(Twitch.handshake(&d, body, &secrets).is_none());
        assert_eq!(verify(REVOCATION).unwrap().event(), Some(REVOCATION));
    }
}
