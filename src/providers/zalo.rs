//! Zalo Official Account: `X-ZEvent-Signature: mac=<hex SHA-256 of app id + body + timestamp +
//! OA secret key>`, the timestamp being the body's `timestamp` field.
//!
//! Zalo's OA webhook documentation (developers.zalo.me, *Webhook › Xác thực*) gives the check as
//! `mac = sha256(appId + data + timeStamp + OAsecretKey)`: the lower-case hex **SHA-256** (a
//! plain hash, not an HMAC) of the concatenation, in this order, of
//!
//! 1. the **app id** (of the Zalo app the OA is linked to),
//! 2. the **raw body** exactly as received,
//! 3. the **timestamp** read from that JSON body (top-level `timestamp`, milliseconds since the
//!    epoch; Zalo sends it as a JSON string, e.g. `"1677721200000"`, and a bare number is
//!    accepted too: its text is what is hashed),
//! 4. the **OA secret key** (*OA Secret Key*, shown in the app's Webhook settings — not the
//!    app's own *App Secret Key*).
//!
//! Headers read: `X-ZEvent-Signature` only (required). Its value is `mac=<64 hex digits>`; the
//! bare hex digest is accepted too, because receivers in the wild see both and nothing else
//! differs. The hex must be lower-case, as a SHA-256 hex digest is written. Zalo's `num_retry`
//! header (the retry count) is not read: it is not authenticated.
//!
//! Body fields read (with an allocation-free scanner, before the hash, because they are part of
//! the hashed text): `timestamp`, and `app_id` when the app id is read from the body (see
//! below). A body without a readable `timestamp` is rejected as [`Error::MalformedHeader`]
//! naming `timestamp`, the crate's error for a signed value that cannot be read. The event
//! name (`event_name`) is read after the signature holds and recorded as signed.
//!
//! # What the check proves
//!
//! That the sender knows the OA secret key and sent exactly this body, with this timestamp,
//! for this app id. The construction `SHA-256(… ‖ secret)` is weaker in principle than an HMAC
//! (a collision of SHA-256 on the prefix would carry over to the whole); with the secret at the
//! end, the length-extension attack that breaks `SHA-256(secret ‖ …)` does not apply. The
//! comparison is in constant time, each configured secret in turn.
//!
//! # The app id
//!
//! [`Zalo::new`] pins the app id (`Zalo::new("1234567890")`): the hash is computed with it, so
//! a delivery signed for another app never verifies. [`Zalo::app_id_from_body`] reads it from
//! the body's `app_id` field instead, which Zalo sends in every event it documents; the body is
//! hashed, so that id is authenticated too, but any app whose OA secret key you hold is then
//! accepted. The registry (the CLI's `--provider zalo`, `testing::TestDelivery::by_name`) uses
//! [`Zalo::app_id_from_body`], because it has no place for an app id; in a server, prefer
//! [`Zalo::new`].
//!
//! # Timestamp window and replays
//!
//! Zalo documents no window for the timestamp. It expects an answer within **2 seconds** and,
//! when it gets none (or a status other than 200), sends the event again for up to **12
//! hours**, with the body — hence the timestamp — of the original event. A window shorter than
//! that would refuse Zalo's own retries, so the default ([`DEFAULT_TOLERANCE`]) is **12 hours
//! in the past and 5 minutes ahead** (clock skew): a captured delivery is useless after 12
//! hours, and within them the replay store — whose default TTL covers the 12-hour
//! [`Provider::redelivery_window`] — answers it as a duplicate. The replay key is a digest of
//! the signed timestamp and body (Zalo's `message.msg_id` exists only for message events).
//!
//! The 2-second budget leaves no room for slow work in the handler: acknowledge, then process
//! the event elsewhere. The crate plans a durable inbox (verify, store, answer, process
//! later) for exactly this; until it lands, hand the verified event to your own queue.
//!
//! ```
//! use webhook_guard::providers::zalo::{self, Zalo};
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! let body = br#"{"app_id":"360846524940903967","event_name":"user_send_text","timestamp":"1700000000000"}"#;
//! let signature = zalo::sign(b"oa-secret-key-of-20c", "360846524940903967", body)?;
//! assert!(signature.starts_with("mac="));
//! let headers = [(zalo::SIGNATURE_HEADER, signature.as_str())];
//! let now = UnixTime::from_secs(1_700_000_060).unwrap();
//! let delivery = Zalo::new("360846524940903967").verify(
//!     &WebhookRequest::new(&headers, body),
//!     &Secrets::new(Secret::from_text("oa-secret-key-of-20c")),
//!     now,
//!     zalo::DEFAULT_TOLERANCE,
//! )?;
//! assert_eq!(delivery.event(), Some("user_send_text"));
//! assert_eq!(delivery.timestamp(), UnixTime::from_secs(1_700_000_000));
//! // Another app id, or one changed byte of the body, does not verify.
//! let other = Zalo::new("1").verify(
//!     &WebhookRequest::new(&headers, body),
//!     &Secrets::new(Secret::from_text("oa-secret-key-of-20c")),
//!     now,
//!     zalo::DEFAULT_TOLERANCE,
//! );
//! assert_eq!(other.unwrap_err().kind(), "signature_mismatch");
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::time::Duration;

use sha2::Digest as _;

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::{decode_hex, encode_hex};
use crate::crypto::mac::any_equal;
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::{scan, util};

/// `X-ZEvent-Signature`.
pub const SIGNATURE_HEADER: &str = "X-ZEvent-Signature";
/// The body field holding the signed timestamp (milliseconds): `timestamp`.
pub const TIMESTAMP_FIELD: &str = "timestamp";
/// The body field holding the app id: `app_id`.
pub const APP_ID_FIELD: &str = "app_id";
/// The body field naming the event: `event_name`.
pub const EVENT_FIELD: &str = "event_name";
/// The prefix of the signature header's value: `mac=`.
pub const PREFIX: &str = "mac=";

/// The default window: 12 hours in the past (Zalo's retry period), 5 minutes ahead.
pub const DEFAULT_TOLERANCE: Tolerance =
    Tolerance::new(Duration::from_secs(12 * 3600), Duration::from_secs(300));

/// How long Zalo keeps retrying an event: 12 hours.
pub const RETRY_WINDOW: Duration = Duration::from_secs(12 * 3600);

/// Length of the signature: a SHA-256 digest.
const DIGEST_LEN: usize = 32;

/// The Zalo Official Account webhook scheme (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zalo {
    /// The pinned app id; `None` reads it from the body's `app_id`.
    app_id: Option<Box<str>>,
}

impl Zalo {
    /// Verifies with this app id (the id of the Zalo app the OA is linked to).
    pub fn new(app_id: impl Into<Box<str>>) -> Self {
        Self {
            app_id: Some(app_id.into()),
        }
    }

    /// Verifies with the app id the body's `app_id` names (authenticated, being hashed; but
    /// any app whose OA secret key is configured is accepted). What the registry uses.
    pub const fn app_id_from_body() -> Self {
        Self { app_id: None }
    }

    /// The pinned app id, if any.
    pub fn app_id(&self) -> Option<&str> {
        self.app_id.as_deref()
    }
}

/// A top-level scalar member of a JSON body (as [`scan::json_member`] found it, for `field`),
/// as the text that is hashed: the content of a string without escapes, or the text of a
/// number. Errors name the field.
fn scalar<'a>(
    member: Result<Option<&'a [u8]>, scan::JsonError>,
    field: &'static str,
) -> Result<&'a [u8], Error> {
    let raw = member
        .map_err(|e| match e {
            scan::JsonError::Duplicate => Error::malformed(field, "the field appears twice"),
            scan::JsonError::Malformed => Error::malformed(field, "body is not a JSON object"),
        })?
        .ok_or(Error::malformed(field, "body has no such field"))?;
    scan::json_scalar_text(raw).ok_or(Error::malformed(
        field,
        "not a plain string or number in the body",
    ))
}

/// The body's `timestamp`: its hashed text and its value (milliseconds).
pub fn body_timestamp(body: &[u8]) -> Result<(&[u8], UnixTime), Error> {
    timestamp(scan::json_member(body, TIMESTAMP_FIELD.as_bytes()))
}

/// [`body_timestamp`] from the member found.
fn timestamp(member: Result<Option<&[u8]>, scan::JsonError>) -> Result<(&[u8], UnixTime), Error> {
    let text = scalar(member, TIMESTAMP_FIELD)?;
    let ts = UnixTime::parse_millis(text).ok_or(Error::malformed(
        TIMESTAMP_FIELD,
        "`timestamp` is not a non-negative integer of milliseconds",
    ))?;
    Ok((text, ts))
}

/// SHA-256 of `app_id ‖ body ‖ timestamp ‖ secret`, fed in pieces.
fn digest(app_id: &[u8], body: &[u8], timestamp: &[u8], secret: &[u8]) -> [u8; DIGEST_LEN] {
    let mut hash = sha2::Sha256::new();
    hash.update(app_id);
    hash.update(body);
    hash.update(timestamp);
    hash.update(secret);
    hash.finalize().into()
}

/// The `X-ZEvent-Signature` value (`mac=<hex>`) for `body` under the OA secret key `secret`,
/// for the app `app_id`. The body must carry `timestamp`; otherwise
/// [`Error::InvalidPayload`].
pub fn sign(secret: &[u8], app_id: &str, body: &[u8]) -> Result<String, Error> {
    let (ts, _) = body_timestamp(body).map_err(|_| {
        Error::payload(
            TIMESTAMP_FIELD,
            "Zalo signs the timestamp inside the body: add `timestamp` (ms)",
        )
    })?;
    Ok(format!(
        "{PREFIX}{}",
        encode_hex(&digest(app_id.as_bytes(), body, ts, secret))
    ))
}

impl Provider for Zalo {
    fn name(&self) -> &'static str {
        "zalo"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        Some(DEFAULT_TOLERANCE)
    }

    fn redelivery_window(&self) -> Duration {
        RETRY_WINDOW
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        now: UnixTime,
        tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let header = util::trim(req.require_header(SIGNATURE_HEADER)?);
        let hex = header.strip_prefix(PREFIX.as_bytes()).unwrap_or(header);
        let signature = decode_hex(hex)
            .filter(|_| !hex.is_empty())
            .ok_or(Error::malformed(
                SIGNATURE_HEADER,
                "expected `mac=<lower-case hex>`",
            ))?;
        let signature = signature.as_bytes();
        if signature.len() != DIGEST_LEN {
            return Err(Error::SignatureMismatch);
        }
        let body = req.body();
        // One walk of the body finds the three members read.
        let [ts_member, app_id_member, event_member] = scan::json_members(
            body,
            [
                TIMESTAMP_FIELD.as_bytes(),
                APP_ID_FIELD.as_bytes(),
                EVENT_FIELD.as_bytes(),
            ],
        );
        let (ts_text, ts) = timestamp(ts_member)?;
        let app_id = match &self.app_id {
            Some(id) => id.as_bytes(),
            None => scalar(app_id_member, APP_ID_FIELD)?,
        };
        // The window is judged and the delivery put together before the digest (the CPU does
        // it while the hash runs); the window's answer only counts once the signature holds.
        let fresh = tolerance.check(ts, now);
        let mut delivery = Delivery::new("zalo").with_timestamp(ts);
        if let Some(event) = scan::member_text(event_member) {
            delivery.set_event(event, true);
        }
        let tags = secrets
            .iter()
            .map(|secret| digest(app_id, body, ts_text, secret.expose_secret()));
        if !any_equal(tags, std::iter::once(signature)) {
            return Err(Error::SignatureMismatch);
        }
        fresh?;
        Ok(delivery)
    }
}

impl Sign for Zalo {
    /// The body must already carry `timestamp` (Zalo signs the one inside the body), and, for
    /// [`Zalo::app_id_from_body`], `app_id`; [`SignInput::timestamp`] is not used. A body
    /// without them is an [`Error::InvalidPayload`].
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let app_id = match &self.app_id {
            Some(id) => id.as_bytes(),
            None => scalar(
                scan::json_member(message.body, APP_ID_FIELD.as_bytes()),
                APP_ID_FIELD,
            )
            .map_err(|_| {
                Error::payload(
                    APP_ID_FIELD,
                    "the app id is read from the body: add `app_id`, or pin one with Zalo::new",
                )
            })?,
        };
        let app_id = std::str::from_utf8(app_id)
            .map_err(|_| Error::payload(APP_ID_FIELD, "the app id is not UTF-8"))?;
        Ok(Signed::headers(vec![
            (
                SIGNATURE_HEADER.to_owned(),
                sign(key.expose_secret(), app_id, message.body)?,
            ),
            ("Content-Type".to_owned(), "application/json".to_owned()),
        ]))
    }
}

#[cfg(feature = "zalo")]
#[cfg_attr(docsrs, doc(cfg(feature = "zalo")))]
impl crate::provider::Parse for Zalo {
    type Event = crate::events::zalo::Event;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::events::zalo::parse(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP: &str = "360846524940903967";
    const KEY: &str = "oa-secret-key-of-20c";
    const BODY: &str = r#"{"app_id":"360846524940903967","user_id_by_app":"552177279717587730","event_name":"user_send_text","timestamp":"1700000000000","sender":{"id":"246845883529197922"},"recipient":{"id":"388613280878808645"},"message":{"text":"xin chào","msg_id":"96d3cdf3af150460909"}}"#;

    fn verify(p: &Zalo, header: &[u8], body: &[u8], now_ms: i64) -> Result<Delivery, Error> {
        let headers = [(SIGNATURE_HEADER, header)];
        p.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text(KEY)),
            UnixTime::from_millis(now_ms),
            DEFAULT_TOLERANCE,
        )
    }

    #[test]
    fn pinned_and_body_app_ids() {
        let sig = sign(KEY.as_bytes(), APP, BODY.as_bytes()).unwrap();
        for p in [Zalo::new(APP), Zalo::app_id_from_body()] {
            let d = verify(&p, sig.as_bytes(), BODY.as_bytes(), 1_700_000_000_000).unwrap();
            assert_eq!(d.provider(), "zalo");
            assert_eq!(
                (d.event(), d.event_is_signed()),
                (Some("user_send_text"), true)
            );
            // The bare digest, without `mac=`, is accepted too.
            let bare = sig.strip_prefix(PREFIX).unwrap();
            assert!(verify(&p, bare.as_bytes(), BODY.as_bytes(), 1_700_000_000_000).is_ok());
        }
        // Another pinned app id: the hash differs.
        let e = verify(
            &Zalo::new("1"),
            sig.as_bytes(),
            BODY.as_bytes(),
            1_700_000_000_000,
        );
        assert_eq!(e.unwrap_err(), Error::SignatureMismatch);
        // The body's app id is what is hashed when none is pinned.
        let other_app = BODY.replace(APP, "1");
        let sig_for_1 = sign(KEY.as_bytes(), "1", other_app.as_bytes()).unwrap();
        assert!(verify(
            &Zalo::app_id_from_body(),
            sig_for_1.as_bytes(),
            other_app.as_bytes(),
            1_700_000_000_000
        )
        .is_ok());
        assert_eq!(
            verify(
                &Zalo::new(APP),
                sig_for_1.as_bytes(),
                other_app.as_bytes(),
                1_700_000_000_000
            )
            .unwrap_err(),
            Error::SignatureMismatch
        );
    }

    #[test]
    fn window_is_twelve_hours_back_five_minutes_ahead() {
        let sig = sign(KEY.as_bytes(), APP, BODY.as_bytes()).unwrap();
        let at = |ms: i64| verify(&Zalo::new(APP), sig.as_bytes(), BODY.as_bytes(), ms);
        let ts = 1_700_000_000_000;
        assert!(at(ts + 12 * 3600 * 1000).is_ok());
        assert_eq!(
            at(ts + 12 * 3600 * 1000 + 1000).unwrap_err().kind(),
            "timestamp_too_old"
        );
        assert!(at(ts - 300_000).is_ok());
        assert_eq!(at(ts - 301_000).unwrap_err().kind(), "timestamp_in_future");
    }

    #[test]
    fn odd_headers_and_bodies() {
        let sig = sign(KEY.as_bytes(), APP, BODY.as_bytes()).unwrap();
        let p = Zalo::new(APP);
        for (header, kind) in [
            (&b""[..], "malformed_header"),
            (b"mac=", "malformed_header"),
            (b"mac=zz", "malformed_header"),
            (b"mac=00", "signature_mismatch"),
            (b"sha256=00", "malformed_header"),
            (b"\xff", "malformed_header"),
        ] {
            let e = verify(&p, header, BODY.as_bytes(), 1_700_000_000_000).unwrap_err();
            assert_eq!(e.kind(), kind, "{header:?}");
        }
        let upper = sig.to_ascii_uppercase().replace("MAC=", "mac=");
        assert_eq!(
            verify(&p, upper.as_bytes(), BODY.as_bytes(), 1_700_000_000_000)
                .unwrap_err()
                .kind(),
            "malformed_header"
        );
        for body in [
            &br#"{"event_name":"follow"}"#[..],
            br#"{"timestamp":"-1"}"#,
            br#"{"timestamp":"1.5"}"#,
            br#"{"timestamp":"1\u0030"}"#,
            br#"{"timestamp":{}}"#,
            br#"{"timestamp":"1","timestamp":"2"}"#,
            b"[]",
            b"",
            b"\xff",
        ] {
            let e = verify(&p, sig.as_bytes(), body, 0).unwrap_err();
            assert!(
                matches!(
                    e,
                    Error::MalformedHeader {
                        header: TIMESTAMP_FIELD,
                        ..
                    }
                ),
                "{:?}: {e:?}",
                String::from_utf8_lossy(body)
            );
        }
        // A number is accepted as the timestamp: its text is hashed.
        let numeric = br#"{"app_id":"1","timestamp":1700000000000}"#;
        let s = sign(KEY.as_bytes(), "1", numeric).unwrap();
        assert!(verify(
            &Zalo::app_id_from_body(),
            s.as_bytes(),
            numeric,
            1_700_000_000_000
        )
        .is_ok());
        // Reading the app id from a body that has none.
        let no_app = br#"{"timestamp":"1700000000000"}"#;
        let s = sign(KEY.as_bytes(), APP, no_app).unwrap();
        assert!(verify(&p, s.as_bytes(), no_app, 1_700_000_000_000).is_ok());
        let e = verify(
            &Zalo::app_id_from_body(),
            s.as_bytes(),
            no_app,
            1_700_000_000_000,
        )
        .unwrap_err();
        assert!(
            matches!(
                e,
                Error::MalformedHeader {
                    header: APP_ID_FIELD,
                    ..
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn sign_needs_the_body_fields() {
        let at = UnixTime::from_millis(0);
        let key = Secret::from_text(KEY);
        let signed = Zalo::app_id_from_body()
            .sign(&key, &SignInput::new(BODY.as_bytes(), at))
            .unwrap();
        assert_eq!(signed.headers[0].0, SIGNATURE_HEADER);
        let e = Zalo::new(APP)
            .sign(&key, &SignInput::new(b"{}", at))
            .unwrap_err();
        assert_eq!(e.kind(), "invalid_payload");
        let e = Zalo::app_id_from_body()
            .sign(&key, &SignInput::new(br#"{"timestamp":"1"}"#, at))
            .unwrap_err();
        assert_eq!(e.kind(), "invalid_payload");
    }
}
