//! Linear: `Linear-Signature: <hex HMAC-SHA256 of the body>`; the signed timestamp is the
//! body's `webhookTimestamp` (milliseconds).
//!
//! Headers read: `Linear-Signature` (required), `Linear-Delivery` (unsigned:
//! [`Delivery::unsigned_id`], never a replay key — the replay key is a digest of the signed
//! timestamp and body), `Linear-Event` (unsigned event name, e.g. `Issue`; the signed body's
//! `type` otherwise).
//!
//! Body field read: `webhookTimestamp`, a JSON number of milliseconds since the epoch at the
//! top level of the body (a string of digits is accepted too). It is read only after the
//! signature holds, by a scanner that borrows the body and allocates nothing. A verified body
//! without it, or with anything but a millisecond count in it, is rejected as
//! [`Error::MalformedHeader`] naming `webhookTimestamp` (the crate's error for a signed value
//! that cannot be read), because without it nothing bounds a replay.
//!
//! Secret: the webhook's *signing secret* (`lin_wh_…`), used as is.
//!
//! Timestamp window: **60 seconds each way**, as Linear's SDK (which compares the absolute
//! difference).
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider linear` lists them): `Issue.create`. A handler test's delivery, signed as the sender
//! signs it, is one line of `TestDelivery`. Its `webhookTimestamp` is set to the signing time, as
//! Linear stamps it when sending.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "linear"))] {
//! use webhook_guard::providers::linear::Linear;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Linear, SECRET)?.fixture("Issue.create")?.request()?;
//!
//! let verifier = Verifier::builder(Linear).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("Issue"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::scheme::{Scheme, Values};
use crate::secret::{Secret, Secrets};

use super::{scan, util};

/// `Linear-Signature`.
pub const SIGNATURE_HEADER: &str = "Linear-Signature";
/// `Linear-Delivery`.
pub const DELIVERY_HEADER: &str = "Linear-Delivery";
/// `Linear-Event`.
pub const EVENT_HEADER: &str = "Linear-Event";
/// The body field holding the signed timestamp: `webhookTimestamp`.
pub const TIMESTAMP_FIELD: &str = "webhookTimestamp";

/// The default window: 60 seconds each way.
pub const DEFAULT_TOLERANCE: Tolerance = Tolerance::symmetric(Duration::from_secs(60));

/// The Linear webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Linear;

/// The `Linear-Signature` value for `body` under `secret`.
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    SCHEME.header_value(secret, &Values::body(body))
}

/// Linear's signature: bare hex HMAC-SHA256 of the body. The signed timestamp is inside the
/// body (`webhookTimestamp`), which [`Linear`] reads itself.
pub const SCHEME: Scheme = Scheme::new(SIGNATURE_HEADER).name("linear");

/// Reads `webhookTimestamp` from a JSON body without allocating.
pub fn body_timestamp(body: &[u8]) -> Result<UnixTime, Error> {
    member_timestamp(scan::json_member(body, TIMESTAMP_FIELD.as_bytes()))
}

/// [`body_timestamp`] of the member already looked up.
fn member_timestamp(member: Result<Option<&[u8]>, scan::JsonError>) -> Result<UnixTime, Error> {
    let raw = member
        .map_err(|_| Error::malformed(TIMESTAMP_FIELD, "body is not a JSON object"))?
        .ok_or(Error::malformed(
            TIMESTAMP_FIELD,
            "body has no `webhookTimestamp`",
        ))?;
    scan::json_scalar_text(raw)
        .and_then(UnixTime::parse_millis)
        .ok_or(Error::malformed(
            TIMESTAMP_FIELD,
            "`webhookTimestamp` is not a non-negative integer of milliseconds",
        ))
}

impl Provider for Linear {
    fn name(&self) -> &'static str {
        "linear"
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
        let body = req.body();
        // The body's timestamp, the window and the names are read before the HMAC (the CPU
        // does it while the hash runs); their errors only count once the signature holds.
        // One walk of the body finds both members.
        let [ts_member, type_member] =
            scan::json_members(body, [TIMESTAMP_FIELD.as_bytes(), b"type"]);
        let ts = member_timestamp(ts_member);
        let fresh = ts.and_then(|ts| tolerance.check(ts, now).map(|()| ts));
        // Every header in one walk.
        let (scheme_headers, [delivery_id, event_name]) =
            SCHEME.read_with_two(req, [DELIVERY_HEADER, EVENT_HEADER]);
        let id = util::hint(delivery_id);
        let event = match event_name {
            Some(event) => util::ascii(util::trim(event), EVENT_HEADER).map(|e| Some((e, false))),
            None => Ok(scan::member_text(type_member).map(|kind| (kind, true))),
        };
        let delivery = SCHEME.verify_read(req, scheme_headers, secrets, now, tolerance)?;
        let mut delivery = delivery.with_timestamp(fresh?);
        if let Some(id) = id {
            delivery.set_unsigned_id(id);
        }
        if let Some((event, signed)) = event? {
            delivery.set_event(event, signed);
        }
        Ok(delivery)
    }
}

impl Sign for Linear {
    /// The body must already carry `webhookTimestamp` (Linear signs it inside the body);
    /// [`SignInput::timestamp`] is not used. A body without it is an [`Error::InvalidPayload`].
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        if body_timestamp(message.body).is_err() {
            return Err(Error::payload(
                TIMESTAMP_FIELD,
                "Linear signs the timestamp inside the body: add `webhookTimestamp` (ms)",
            ));
        }
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

#[cfg(feature = "linear")]
#[cfg_attr(docsrs, doc(cfg(feature = "linear")))]
impl crate::provider::Parse for Linear {
    type Event = crate::events::linear::Event;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::linear::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"action":"create","data":{"id":"9cfb482a","title":"Fix \"it\"\n","labels":[{"id":"l1","parent":{"x":[[]]}}]},"type":"Issue","webhookTimestamp":1700000000000}"#;

    fn verify(body: &[u8], now_ms: i64) -> Result<Delivery, Error> {
        let sig = sign(b"lin_wh_secret", body);
        let headers = [(SIGNATURE_HEADER, sig.as_str())];
        Linear.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text("lin_wh_secret")),
            UnixTime::from_millis(now_ms),
            DEFAULT_TOLERANCE,
        )
    }

    #[test]
    fn window_both_ways_in_millis() {
        let d = verify(BODY.as_bytes(), 1_700_000_000_000).unwrap();
        assert_eq!(
            d.timestamp(),
            Some(UnixTime::from_millis(1_700_000_000_000))
        );
        assert_eq!(d.event(), Some("Issue"));
        assert!(verify(BODY.as_bytes(), 1_700_000_060_000).is_ok());
        assert!(verify(BODY.as_bytes(), 1_699_999_940_000).is_ok());
        assert_eq!(
            verify(BODY.as_bytes(), 1_700_000_061_000)
                .unwrap_err()
                .kind(),
            "timestamp_too_old"
        );
        assert_eq!(
            verify(BODY.as_bytes(), 1_699_999_939_000)
                .unwrap_err()
                .kind(),
            "timestamp_in_future"
        );
    }

    #[test]
    fn odd_timestamps_are_malformed() {
        for body in [
            &br#"{"webhookTimestamp":-1}"#[..],
            br#"{"webhookTimestamp":1.5}"#,
            br#"{"webhookTimestamp":1e3}"#,
            br#"{"webhookTimestamp":99999999999999999999}"#,
            br#"{"webhookTimestamp":null}"#,
            br#"{"webhookTimestamp":{}}"#,
            br#"{"webhookTimestamp":1,"webhookTimestamp":2}"#,
            br#"{"data":{"webhookTimestamp":1}}"#,
            b"[1]",
            b"",
            b"\xff",
        ] {
            assert_eq!(
                verify(body, 0).unwrap_err().kind(),
                "malformed_header",
                "{:?}",
                String::from_utf8_lossy(body)
            );
        }
        assert!(verify(br#"{"webhookTimestamp":"5"}"#, 0).is_ok());
    }

    #[test]
    fn sign_needs_the_body_timestamp() {
        let at = UnixTime::from_millis(0);
        let key = Secret::from_text("k");
        assert!(Linear
            .sign(&key, &SignInput::new(BODY.as_bytes(), at))
            .is_ok());
        let e = Linear.sign(&key, &SignInput::new(b"{}", at)).unwrap_err();
        assert_eq!(e.kind(), "invalid_payload");
    }
}
