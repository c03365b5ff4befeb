//! Mailgun: no signature header — the body carries `timestamp`, `token` and `signature`, where
//! `signature` is the hex HMAC-SHA256 of `{timestamp}{token}`.
//!
//! # Where the fields are
//!
//! - **JSON bodies** (current webhooks; the body's first non-blank byte is `{`): the top-level
//!   object `signature: {"timestamp": …, "token": …, "signature": …}`. A
//!   `signature.parent-signature` (sent for subaccounts, signed with the primary account's key)
//!   is a second candidate, so either account's key verifies. Event name: `event-data.event`.
//! - **Form posts** (legacy webhooks, `application/x-www-form-urlencoded`): the fields
//!   `timestamp`, `token`, `signature` (and `parent-signature`), event name from `event`.
//! - `multipart/form-data` posts (messages forwarded by routes) are not read:
//!   [`Error::Unsupported`].
//!
//! No header is read except `Content-Type` (only to refuse multipart). Because the signature
//! travels in the body, errors name the body field where other schemes name a header: a body
//! without the fields is [`Error::MissingHeader`] (`"signature"`, `"signature.token"`, or
//! `"token"` for a form), a field that cannot be read is [`Error::MalformedHeader`]. The three
//! values must be plain text: JSON strings with escapes, or form values with `%`/`+`
//! encodings, are malformed (Mailgun's are digits and letters). Reading them allocates nothing.
//!
//! # What is *not* protected
//!
//! Mailgun signs only the timestamp and the token: **the event data is not covered by the
//! signature**. Anyone who captures one delivery can attach its signature block to other
//! event data. What stops that is the signed token used as the replay key ([`IdSource::Body`])
//! with a replay store — so configure one — and the timestamp window. The event name read from
//! the body is unsigned ([`Delivery::event_is_signed`] is `false`).
//!
//! Secret: the domain's *HTTP webhook signing key*, used as is.
//!
//! Timestamp window: **15 minutes in the past, 5 minutes ahead** by default. Mailgun's SDKs
//! check no window and its docs warn that deliveries can be delayed, so the past limit is wider
//! than the usual 5 minutes; because the event data is unsigned we still bound how long a
//! captured signature stays usable. Whether Mailgun re-signs the retries it sends over the
//! following hours is not documented: if retries arrive as `timestamp_too_old`, widen the
//! window with the verifier builder's `tolerance`.
//!
//! ```
//! use webhook_guard::providers::mailgun;
//! // mailgun-php's test vector.
//! assert_eq!(
//!     mailgun::sign(
//!         b"key-3ax6xnjp29jd6fds4gc373sgvjxteol0",
//!         "1403645220",
//!         "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6",
//!     ),
//!     "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33",
//! );
//! ```
//!
//! ## Testing
//!
//! Bundled fixtures (feature `testing`, `webhook_guard::testing::fixtures`; `webhook-guard fixtures
//! --provider mailgun` lists them): `delivered`. A handler test's delivery, signed as the sender
//! signs it, is one line of `TestDelivery`. Signing adds the `signature` block, as Mailgun does.
//!
//! ```
//! # #[cfg(all(feature = "testing", feature = "mailgun"))] {
//! use webhook_guard::providers::mailgun::Mailgun;
//! use webhook_guard::testing::TestDelivery;
//! use webhook_guard::{TypedEvent, Verifier, WebhookRequest};
//! const SECRET: &str = "a webhook secret for tests, 32+ characters";
//!
//! let request = TestDelivery::new(Mailgun, SECRET)?.fixture("delivered")?.request()?;
//!
//! let verifier = Verifier::builder(Mailgun).secret_from_display(SECRET)?.build()?;
//! let req = WebhookRequest::new(request.headers(), request.body());
//! let (_delivery, event) = verifier.verify_event(&req)?;
//! assert!(event.is_typed());
//! assert_eq!(event.event_name().as_deref(), Some("delivered"));
//! # }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::time::Duration;

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::{encode_hex, SignatureEncoding};
use crate::crypto::mac::{verify_encoded, Candidates, MacAlgorithm};
use crate::delivery::{Delivery, IdSource};
use crate::error::Error;
use crate::provider::{Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::scan::{self, JsonError};
use super::util;

/// The JSON object (or form field) holding the signature: `signature`.
pub const SIGNATURE_FIELD: &str = "signature";
/// `timestamp`.
pub const TIMESTAMP_FIELD: &str = "timestamp";
/// `token`.
pub const TOKEN_FIELD: &str = "token";
/// `parent-signature`: the primary account's signature of a subaccount's event.
pub const PARENT_SIGNATURE_FIELD: &str = "parent-signature";
/// `Content-Type`, read only to refuse multipart posts.
pub const CONTENT_TYPE_HEADER: &str = "Content-Type";

/// The default window: 15 minutes in the past, 5 minutes ahead.
pub const DEFAULT_TOLERANCE: Tolerance =
    Tolerance::new(Duration::from_secs(15 * 60), Duration::from_secs(5 * 60));

/// The Mailgun webhook scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Mailgun;

/// The `signature` value for a `timestamp` and `token` under `signing_key`.
pub fn sign(signing_key: &[u8], timestamp: &str, token: &str) -> String {
    let tag = MacAlgorithm::Sha256.compute(signing_key, &[timestamp.as_bytes(), token.as_bytes()]);
    encode_hex(tag.as_bytes())
}

/// Names of the fields in one body format, for errors.
struct Names {
    timestamp: &'static str,
    token: &'static str,
    signature: &'static str,
}

const JSON_NAMES: Names = Names {
    timestamp: "signature.timestamp",
    token: "signature.token",
    signature: "signature.signature",
};

const FORM_NAMES: Names = Names {
    timestamp: TIMESTAMP_FIELD,
    token: TOKEN_FIELD,
    signature: SIGNATURE_FIELD,
};

/// The signed fields of a body, borrowed.
struct Fields<'a> {
    names: &'static Names,
    timestamp: &'a [u8],
    token: &'a [u8],
    signatures: Candidates<'a>,
}

fn looks_like_json(body: &[u8]) -> bool {
    body.trim_ascii_start().first() == Some(&b'{')
}

fn json_fields(body: &[u8]) -> Result<Fields<'_>, Error> {
    let names = &JSON_NAMES;
    let block = scan::json_member(body, SIGNATURE_FIELD.as_bytes())
        .map_err(|e| match e {
            JsonError::Malformed => Error::malformed(SIGNATURE_FIELD, "body is not a JSON object"),
            JsonError::Duplicate => {
                Error::malformed(SIGNATURE_FIELD, "body has more than one `signature`")
            }
        })?
        .ok_or(Error::MissingHeader(SIGNATURE_FIELD))?;
    let member = |key: &str, name: &'static str| -> Result<Option<&[u8]>, Error> {
        let raw = scan::json_member(block, key.as_bytes()).map_err(|_| {
            Error::malformed(SIGNATURE_FIELD, "`signature` is not an object of fields")
        })?;
        raw.map(|raw| {
            scan::json_scalar_text(raw).ok_or(Error::malformed(name, "not a plain string"))
        })
        .transpose()
    };
    let timestamp =
        member(TIMESTAMP_FIELD, names.timestamp)?.ok_or(Error::MissingHeader(names.timestamp))?;
    let token = member(TOKEN_FIELD, names.token)?.ok_or(Error::MissingHeader(names.token))?;
    let signature =
        member(SIGNATURE_FIELD, names.signature)?.ok_or(Error::MissingHeader(names.signature))?;
    let mut signatures = Candidates::one(signature);
    if let Some(parent) = member(PARENT_SIGNATURE_FIELD, "signature.parent-signature")? {
        signatures.push(parent, names.signature)?;
    }
    Ok(Fields {
        names,
        timestamp,
        token,
        signatures,
    })
}

fn form_fields(body: &[u8]) -> Result<Fields<'_>, Error> {
    let names = &FORM_NAMES;
    let (mut timestamp, mut token, mut signature, mut parent) = (None, None, None, None);
    for (name, value) in scan::form_fields(body) {
        let (slot, label) = match name {
            b"timestamp" => (&mut timestamp, names.timestamp),
            b"token" => (&mut token, names.token),
            b"signature" => (&mut signature, names.signature),
            b"parent-signature" => (&mut parent, PARENT_SIGNATURE_FIELD),
            _ => continue,
        };
        if slot.is_some() {
            return Err(Error::malformed(label, "field given more than once"));
        }
        if value.iter().any(|b| matches!(b, b'%' | b'+')) {
            return Err(Error::malformed(label, "percent-encoded value"));
        }
        *slot = Some(value);
    }
    let mut signatures = Candidates::one(signature.ok_or(Error::MissingHeader(names.signature))?);
    if let Some(parent) = parent {
        signatures.push(parent, names.signature)?;
    }
    Ok(Fields {
        names,
        timestamp: timestamp.ok_or(Error::MissingHeader(names.timestamp))?,
        token: token.ok_or(Error::MissingHeader(names.token))?,
        signatures,
    })
}

/// The event name: `event-data.event` of a JSON body, the `event` field of a form.
fn event_name(body: &[u8]) -> Option<&str> {
    if looks_like_json(body) {
        let data = scan::json_member(body, b"event-data").ok()??;
        scan::json_text(data, b"event")
    } else {
        let (_, value) = scan::form_fields(body).find(|(name, _)| *name == b"event")?;
        if value.iter().any(|b| matches!(b, b'%' | b'+')) {
            return None;
        }
        std::str::from_utf8(value).ok()
    }
}

impl Provider for Mailgun {
    fn name(&self) -> &'static str {
        "mailgun"
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
        if req.header(CONTENT_TYPE_HEADER).is_some_and(|ct| {
            ct.trim_ascii_start()
                .get(..10)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"multipart/"))
        }) {
            return Err(Error::Unsupported(
                "multipart Mailgun posts (forwarded by routes) are not verified",
            ));
        }
        let fields = if looks_like_json(body) {
            json_fields(body)?
        } else {
            form_fields(body)?
        };
        let names = fields.names;
        UnixTime::parse_secs(fields.timestamp).ok_or(Error::malformed(
            names.timestamp,
            "timestamp is not a non-negative integer",
        ))?;
        let token = util::ascii(fields.token, names.token)?;
        if token.is_empty() {
            return Err(Error::malformed(names.token, "empty token"));
        }
        let signed: [&[u8]; 2] = [fields.timestamp, fields.token];
        verify_encoded(
            secrets
                .iter()
                .map(|secret| MacAlgorithm::Sha256.compute_with(secret, &signed)),
            &fields.signatures,
            SignatureEncoding::Hex,
            names.signature,
        )?;
        let ts = util::checked_timestamp(fields.timestamp, names.timestamp, now, tolerance)?;
        let mut delivery = Delivery::new("mailgun")
            .with_timestamp(ts)
            .with_signed_id(token, IdSource::Body);
        if let Some(event) = event_name(body) {
            delivery.set_event(event, false);
        }
        Ok(delivery)
    }
}

impl Sign for Mailgun {
    /// Mailgun's signature travels in the body: the result carries no signature header but a
    /// new body ([`Signed::body`]). A JSON object gets a `signature` block
    /// (`{"signature": {timestamp, token, signature}, …}`); any other body is treated as a form
    /// post and gets `timestamp`, `token` and `signature` fields appended. The token is the
    /// message id (one is derived from the body when none is given).
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let timestamp = message.timestamp.as_secs().to_string();
        let token = message.id_or_derived("");
        let signature = sign(key.expose_secret(), &timestamp, &token);
        if looks_like_json(message.body) {
            let mut value: serde_json::Value = crate::payload::from_json(message.body)?;
            let object = value
                .as_object_mut()
                .ok_or(Error::Unsupported("a Mailgun JSON body must be an object"))?;
            object.insert(
                "signature".to_owned(),
                serde_json::json!({"timestamp": timestamp, "token": token, "signature": signature}),
            );
            return Ok(Signed::headers(vec![(
                "Content-Type".to_owned(),
                "application/json".to_owned(),
            )])
            .with_body(value.to_string().into_bytes()));
        }
        let mut body = message.body.to_vec();
        if !body.is_empty() {
            body.push(b'&');
        }
        body.extend_from_slice(
            format!("timestamp={timestamp}&token={token}&signature={signature}").as_bytes(),
        );
        Ok(Signed::headers(vec![(
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        )])
        .with_body(body))
    }
}

#[cfg(feature = "mailgun")]
#[cfg_attr(docsrs, doc(cfg(feature = "mailgun")))]
impl crate::provider::Parse for Mailgun {
    type Event = crate::events::mailgun::Event;

    /// JSON bodies parse as JSON; form posts become an object of their fields (decoded).
    fn parse(&self, delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        if looks_like_json(body) {
            crate::events::mailgun::parse(body)
        } else {
            // Legacy form posts are not typed: their fields, as an untyped event.
            let raw = crate::providers::twilio::Twilio.parse(delivery, body)?;
            let name = raw
                .get("event")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("form")
                .to_owned();
            Ok(crate::events::mailgun::Event::Unknown { name, raw })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    const TS: &str = "1403645220";
    const TOKEN: &str = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
    const SIG: &str = "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";

    fn verify_with(headers: &[(&str, &str)], body: &[u8], now: i64) -> Result<Delivery, Error> {
        Mailgun.verify(
            &WebhookRequest::new(&headers, body),
            &Secrets::new(Secret::from_text(KEY)),
            UnixTime::from_secs(now).unwrap(),
            DEFAULT_TOLERANCE,
        )
    }

    fn verify(body: &str) -> Result<Delivery, Error> {
        verify_with(&[], body.as_bytes(), 1_403_645_220)
    }

    #[test]
    fn json_and_form_bodies() {
        let json = format!(
            r#"{{"signature":{{"timestamp":"{TS}","token":"{TOKEN}","signature":"{SIG}"}},"event-data":{{"event":"delivered","x":{{"y":[1,{{}}]}}}}}}"#
        );
        let d = verify(&json).unwrap();
        assert_eq!(
            (d.signed_id(), d.id_source(), d.event()),
            (Some(TOKEN), IdSource::Body, Some("delivered"))
        );
        let numeric_ts = json.replace(&format!("\"{TS}\""), TS);
        assert!(verify(&numeric_ts).is_ok());
        let form = format!("event=opened&timestamp={TS}&token={TOKEN}&signature={SIG}");
        assert_eq!(verify(&form).unwrap().event(), Some("opened"));
        let multipart = [(CONTENT_TYPE_HEADER, "multipart/form-data; boundary=x")];
        assert_eq!(
            verify_with(&multipart, form.as_bytes(), 1_403_645_220)
                .unwrap_err()
                .kind(),
            "unsupported"
        );
    }

    #[test]
    fn parent_signature_is_a_second_candidate() {
        let parent = sign(b"primary-key", TS, TOKEN);
        let zero = "0".repeat(64);
        let json = format!(
            r#"{{"signature":{{"timestamp":"{TS}","token":"{TOKEN}","signature":"{zero}","parent-signature":"{SIG}"}}}}"#
        );
        assert!(verify(&json).is_ok());
        let json = format!(
            r#"{{"signature":{{"timestamp":"{TS}","token":"{TOKEN}","signature":"{SIG}","parent-signature":"{parent}"}}}}"#
        );
        assert!(verify(&json).is_ok());
    }

    #[test]
    fn missing_and_malformed_fields() {
        let cases = [
            ("{}", "missing_header"),
            (r#"{"signature":{}}"#, "missing_header"),
            (r#"{"signature":"x"}"#, "malformed_header"),
            (
                r#"{"signature":{"timestamp":"1","token":"t","signature":"00"},"signature":{}}"#,
                "malformed_header",
            ),
            (
                r#"{"signature":{"timestamp":"1","token":"t\u0041","signature":"00"}}"#,
                "malformed_header",
            ),
            (
                r#"{"signature":{"timestamp":"-1","token":"t","signature":"00"}}"#,
                "malformed_header",
            ),
            (
                r#"{"signature":{"timestamp":"99999999999999999999","token":"t","signature":"00"}}"#,
                "malformed_header",
            ),
            (
                r#"{"signature":{"timestamp":"1","token":"","signature":"00"}}"#,
                "malformed_header",
            ),
            (
                r#"{"signature":{"timestamp":"1","token":"t","signature":"zz"}}"#,
                "malformed_header",
            ),
            (
                r#"{"signature":{"timestamp":"1","token":"t","signature":"00"}"#,
                "malformed_header",
            ),
            ("", "missing_header"),
            ("token=a&token=b", "malformed_header"),
            ("timestamp=1&token=a%41&signature=00", "malformed_header"),
            ("timestamp=1&token=a", "missing_header"),
            ("\u{ff}", "missing_header"),
        ];
        for (body, kind) in cases {
            assert_eq!(verify(body).unwrap_err().kind(), kind, "{body}");
        }
        let form = format!("timestamp={TS}&token={TOKEN}&signature={SIG}");
        assert_eq!(
            verify_with(&[], form.as_bytes(), 1_403_645_220 + 15 * 60 + 1)
                .unwrap_err()
                .kind(),
            "timestamp_too_old"
        );
        assert_eq!(
            verify_with(&[], form.as_bytes(), 1_403_645_220 - 5 * 60 - 1)
                .unwrap_err()
                .kind(),
            "timestamp_in_future"
        );
    }
}
