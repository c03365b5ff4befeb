//! Adyen: an HMAC inside each notification item, `additionalData.hmacSignature`.
//!
//! Adyen's standard webhooks post a JSON body `{"live": …, "notificationItems":
//! [{"NotificationRequestItem": {…}}, …]}` and send **no signature header**. Each item carries
//! its own signature: the base64 HMAC-SHA256, under the hex-decoded HMAC key, of eight of its
//! fields joined by `:`:
//!
//! `pspReference:originalReference:merchantAccountCode:merchantReference:amount.value:amount.currency:eventCode:success`
//!
//! Body fields read: `notificationItems` (at most [`MAX_ITEMS`] items, else the request is
//! refused), each item's `NotificationRequestItem`, its eight signed fields and
//! `additionalData.hmacSignature`. **Every item must verify** or the whole request is rejected.
//!
//! Header read: `Content-Type` only, to refuse (as a malformed header) the formats Adyen offers
//! besides JSON — HTTP POST form fields and SOAP — with a message that says so; without it the
//! body is read as JSON. Nothing else is read: Adyen's optional basic auth is not checked.
//!
//! What is signed, exactly as Adyen's own validators (adyen-java-api-library `HMACValidator`,
//! whose test vectors this module passes) compute it:
//! - string fields as their decoded JSON text, **not escaped**: a `:` or `\` inside a value is
//!   signed as it is (the Java library's test of a real delivery, whose `merchantReference` is
//!   `\:/\/slashes are fun`, verifies only that way; the `\`/`:` escaping some Adyen libraries
//!   apply belongs to the hosted payment pages' signatures, not to notifications);
//! - `amount.value` as its decimal text (a number, or a string holding it);
//! - `success` as `true` / `false` (Adyen sends the string; a JSON boolean is accepted too);
//! - a missing or `null` field as empty text, as the Node, Python and Ruby libraries do (the
//!   Java library signs a missing `success` as `false`; Adyen always sends it). A missing, `null`
//!   and empty field therefore sign alike.
//!
//! Adyen signs fields, not bytes: whatever the item holds besides the eight fields
//! (`eventDate`, `reason`, `paymentMethod`, `operations`, the rest of `additionalData`) and
//! whatever the body holds outside the items (`live`) is **not covered by the signature** and
//! could be altered by anyone who captured the request. Read those fields from a verified body
//! only if you trust the transport (Adyen's optional basic auth, which this module does not
//! check, or your own TLS termination). The signed fields are read from the raw bytes received
//! (nothing is re-serialised, and the body is parsed allocation-free).
//!
//! Secret: the webhook's HMAC key as the Customer Area shows it (64 hex digits), hex-decoded.
//!
//! Adyen signs no timestamp (`eventDate` is not signed). Replay: the replay key is derived from
//! the signed fields of every item, `pspReference:eventCode:success` of each, in order, joined
//! by `,` ([`crate::IdSource::Body`]); Adyen retries a delivery with the same items, so a retry
//! after a success is recognised as a duplicate, as Adyen's guidance to deduplicate on
//! `pspReference` + `eventCode` asks.
//!
//! ```
//! use webhook_guard::providers::adyen;
//! // adyen-ruby-api-library's test vector.
//! let key = hex::decode("44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056").unwrap();
//! assert_eq!(
//!     adyen::sign_data(&key, "7914073381342284::TestMerchant:TestPayment-1407325143704:1130:EUR:AUTHORISATION:true"),
//!     "coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0="
//! );
//! ```

use std::borrow::Cow;

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::encoding::SignatureEncoding;
use crate::crypto::mac::{any_equal, keyed_sha256, MacAlgorithm, Tag};
use crate::delivery::Delivery;
use crate::error::Error;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::scan;

/// The body's list of items.
pub const ITEMS_FIELD: &str = "notificationItems";
/// The item inside each list entry.
pub const ITEM_FIELD: &str = "notificationItems[].NotificationRequestItem";
/// Each item's signature.
pub const SIGNATURE_FIELD: &str =
    "notificationItems[].NotificationRequestItem.additionalData.hmacSignature";
/// `Content-Type`: JSON is verified, Adyen's form and SOAP formats are refused.
pub const CONTENT_TYPE_HEADER: &str = "Content-Type";
/// The most items a request may carry (Adyen sends one per request today).
pub const MAX_ITEMS: usize = 64;

/// The Adyen standard-notification HMAC scheme.
#[derive(Debug, Clone, Copy, Default)]
pub struct Adyen;

/// The base64 HMAC-SHA256 of `data` (the `:`-joined fields) under `key` (the hex-decoded HMAC
/// key): an item's `hmacSignature`.
pub fn sign_data(key: &[u8], data: &str) -> String {
    let tag = MacAlgorithm::Sha256.compute(key, &[data.as_bytes()]);
    SignatureEncoding::Base64.encode(tag.as_bytes())
}

/// The raw JSON values of one item's signed fields, in signing order.
struct SignedFields<'a> {
    values: [Option<&'a [u8]>; 8],
}

/// The signed field names; `amount.*` are read from the `amount` object.
const FIELD_NAMES: [&[u8]; 8] = [
    b"pspReference",
    b"originalReference",
    b"merchantAccountCode",
    b"merchantReference",
    b"value",
    b"currency",
    b"eventCode",
    b"success",
];

/// Where `value`, `eventCode` and `success` sit in [`FIELD_NAMES`] (and in
/// [`SignedFields`]' values), for the fields read or written apart.
const VALUE_AT: usize = 4;
const EVENT_CODE_AT: usize = 6;
const SUCCESS_AT: usize = 7;
const _: () = assert!(
    matches!(FIELD_NAMES[VALUE_AT], b"value")
        && matches!(FIELD_NAMES[EVENT_CODE_AT], b"eventCode")
        && matches!(FIELD_NAMES[SUCCESS_AT], b"success")
);

fn malformed(reason: &'static str) -> Error {
    Error::malformed(ITEM_FIELD, reason)
}

/// A member of a JSON object as [`scan::json_member`] or [`scan::json_members`] found it:
/// `None` when absent or `null`.
fn present<'a>(
    found: Result<Option<&'a [u8]>, scan::JsonError>,
    field: &'static str,
) -> Result<Option<&'a [u8]>, Error> {
    match found {
        Ok(Some(b"null")) | Ok(None) => Ok(None),
        Ok(Some(value)) => Ok(Some(value)),
        Err(_) => Err(Error::malformed(
            field,
            "not a JSON object, or a key repeated",
        )),
    }
}

/// A member of a JSON object, `None` when absent or `null`.
fn member<'a>(
    object: &'a [u8],
    key: &[u8],
    field: &'static str,
) -> Result<Option<&'a [u8]>, Error> {
    present(scan::json_member(object, key), field)
}

/// The raw items of `body`: checked once here (a well-formed array of 1 to [`MAX_ITEMS`]
/// items), then walked by the caller; also their count.
fn items(body: &[u8]) -> Result<(Items<'_>, usize), Error> {
    let list = member(body, ITEMS_FIELD.as_bytes(), ITEMS_FIELD)?
        .ok_or(Error::MissingHeader(ITEMS_FIELD))?;
    let mut count = 0usize;
    let mut first = None;
    for item in scan::json_array_items(list) {
        count += 1;
        match item {
            Ok(item) if count <= MAX_ITEMS => first = first.or(Some(item)),
            _ => {
                return Err(Error::malformed(
                    ITEMS_FIELD,
                    "not an array of at most 64 items",
                ))
            }
        }
    }
    match (count, first) {
        (1, Some(only)) => Ok((Items::One(only), 1)),
        (_, Some(_)) => Ok((Items::Many(list), count)),
        _ => Err(Error::malformed(ITEMS_FIELD, "no items")),
    }
}

/// A checked `notificationItems` array ([`items`]): its only item (what Adyen sends), so that
/// the array is not walked a second time, or the whole array.
enum Items<'a> {
    One(&'a [u8]),
    Many(&'a [u8]),
}

impl<'a> Items<'a> {
    /// The items, raw (every one well-formed: checked by [`items`]).
    fn iter(&self) -> impl Iterator<Item = &'a [u8]> {
        let (one, many) = match *self {
            Items::One(item) => (Some(item), None),
            Items::Many(list) => (None, Some(scan::json_array_items(list))),
        };
        one.into_iter()
            .chain(many.into_iter().flatten().filter_map(Result::ok))
    }
}

/// One entry's `NotificationRequestItem`, its signed fields and its decoded signature. Each
/// object is walked once, for all the members read from it ([`scan::json_members`]); errors
/// come in the order the fields are signed.
fn item(entry: &[u8]) -> Result<(SignedFields<'_>, crate::crypto::encoding::SignatureBuf), Error> {
    let item = member(entry, b"NotificationRequestItem", ITEM_FIELD)?
        .ok_or(Error::MissingHeader(ITEM_FIELD))?;
    let [psp_key, original_key, account_key, reference_key, value_key, currency_key, code_key, success_key] =
        FIELD_NAMES;
    // The item's own signed fields (all but `amount.*`), then `amount` and `additionalData`.
    let [psp, original, account, reference, code, success, amount, additional] = scan::json_members(
        item,
        [
            psp_key,
            original_key,
            account_key,
            reference_key,
            code_key,
            success_key,
            b"amount",
            b"additionalData",
        ],
    );
    let amount = present(amount, ITEM_FIELD)?;
    let [value, currency] = match amount {
        Some(amount) => scan::json_members(amount, [value_key, currency_key]),
        None => [Ok(None); 2],
    };
    let mut values = [None; 8];
    for (slot, found) in values.iter_mut().zip([
        psp, original, account, reference, value, currency, code, success,
    ]) {
        *slot = present(found, ITEM_FIELD)?;
    }
    let signature = present(additional, ITEM_FIELD)?
        .map(|data| member(data, b"hmacSignature", SIGNATURE_FIELD))
        .transpose()?
        .flatten()
        .ok_or(Error::MissingHeader(SIGNATURE_FIELD))?;
    // Decoded (`\/` is a valid spelling of `/`) into a stack buffer, then from base64.
    let mut text = [0u8; 96];
    let mut len = 0usize;
    let mut overflow = false;
    scan::json_string_into(
        signature,
        &mut |piece: &[u8]| match text.get_mut(len..len + piece.len()) {
            Some(dst) => {
                dst.copy_from_slice(piece);
                len += piece.len();
            }
            None => overflow = true,
        },
    )
    .ok_or(Error::malformed(SIGNATURE_FIELD, "not a JSON string"))?;
    let text = text.get(..len).filter(|t| !t.is_empty() && !overflow);
    let text = text.ok_or(Error::malformed(SIGNATURE_FIELD, "empty or too long"))?;
    let decoded = SignatureEncoding::Base64
        .decode(text)
        .ok_or(Error::malformed(SIGNATURE_FIELD, "signature is not base64"))?;
    Ok((SignedFields { values }, decoded))
}

impl<'a> SignedFields<'a> {
    /// The raw `eventCode` (signed), when present.
    fn event_code(&self) -> Option<&'a [u8]> {
        self.values.get(EVENT_CODE_AT).copied().flatten()
    }

    /// Feeds the signed text into `out`, piece by piece. Fails on a value of the wrong type.
    fn feed(&self, out: &mut impl FnMut(&[u8])) -> Result<(), Error> {
        for (i, value) in self.values.iter().enumerate() {
            if i > 0 {
                out(b":");
            }
            let is_value = i == VALUE_AT;
            let is_success = i == SUCCESS_AT;
            match value {
                None => {}
                Some(raw) => match raw.first() {
                    Some(b'"') => scan::json_string_into(raw, out)
                        .ok_or(malformed("a signed field is not a valid JSON string"))?,
                    Some(b'-' | b'0'..=b'9') if is_value => out(raw),
                    Some(b't' | b'f') if is_success && matches!(*raw, b"true" | b"false") => {
                        out(raw)
                    }
                    _ => return Err(malformed("a signed field has the wrong type")),
                },
            }
        }
        Ok(())
    }

    /// The HMAC of the signed text under `secret`.
    fn tag(&self, secret: &Secret) -> Result<Tag, Error> {
        let mut mac = keyed_sha256(secret);
        self.feed(&mut |piece| hmac::Mac::update(&mut mac, piece))?;
        Ok(Tag::of(mac))
    }
}

impl Provider for Adyen {
    fn name(&self) -> &'static str {
        "adyen"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    /// The HMAC key, as 64 hex digits.
    fn secret_from_display(&self, text: &str) -> Result<Secret, Error> {
        Secret::from_hex(text)
    }

    /// Adyen retries an unacknowledged notification for up to 30 days.
    fn redelivery_window(&self) -> std::time::Duration {
        std::time::Duration::from_secs(30 * 24 * 3600)
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        _now: UnixTime,
        _tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        if let Some(kind) = req.header(CONTENT_TYPE_HEADER) {
            const FORM: &[u8] = b"application/x-www-form-urlencoded";
            let kind = super::util::trim(kind);
            let form = kind
                .get(..FORM.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(FORM));
            if form || kind.windows(3).any(|w| w.eq_ignore_ascii_case(b"xml")) {
                return Err(Error::malformed(
                    CONTENT_TYPE_HEADER,
                    "Adyen notifications verify in JSON format only (form and SOAP are not supported)",
                ));
            }
        }
        let (entries, count) = items(req.body())?;
        // The only item's `eventCode`, kept from its verification.
        let mut only_code = None;
        for entry in entries.iter() {
            let (fields, signature) = item(entry)?;
            // Type errors surface before any HMAC; then one tag per secret, each compared.
            fields.feed(&mut |_| {})?;
            let tags = secrets.iter().filter_map(|secret| fields.tag(secret).ok());
            if !any_equal(tags, std::iter::once(signature.as_bytes())) {
                return Err(Error::SignatureMismatch);
            }
            if count == 1 {
                only_code = fields.event_code();
            }
        }
        let mut delivery = Delivery::new("adyen");
        if let Some(code) = scan::member_text(Ok(only_code)) {
            delivery.set_event(code, true);
        }
        Ok(delivery)
    }

    /// `pspReference:eventCode:success` of each item, joined by `,`: all signed.
    fn replay_id<'b>(&self, _delivery: &Delivery, body: &'b [u8]) -> Option<Cow<'b, str>> {
        let (entries, _) = items(body).ok()?;
        let mut key = Vec::new();
        for (n, entry) in entries.iter().enumerate() {
            let (fields, _) = item(entry).ok()?;
            if n > 0 {
                key.push(b',');
            }
            for (i, index) in [0usize, 6, 7].into_iter().enumerate() {
                if i > 0 {
                    key.push(b':');
                }
                match fields.values.get(index).copied().flatten() {
                    Some(raw) if raw.first() == Some(&b'"') => {
                        scan::json_string_into(raw, &mut |piece| key.extend_from_slice(piece))?;
                    }
                    Some(raw) => key.extend_from_slice(raw),
                    None => {}
                }
            }
        }
        String::from_utf8(key).ok().map(Cow::Owned)
    }
}

/// The text Adyen signs for `item` (a `NotificationRequestItem` as a JSON value).
fn signing_data(item: &serde_json::Value) -> String {
    use serde_json::Value;
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    };
    let amount = item.get("amount");
    [
        text(item.get("pspReference")),
        text(item.get("originalReference")),
        text(item.get("merchantAccountCode")),
        text(item.get("merchantReference")),
        text(amount.and_then(|a| a.get("value"))),
        text(amount.and_then(|a| a.get("currency"))),
        text(item.get("eventCode")),
        text(item.get("success")),
    ]
    .join(":")
}

impl Sign for Adyen {
    /// Signs each item of a notification body (a JSON object with `notificationItems`): sets its
    /// `additionalData.hmacSignature`, and returns the re-serialised body (signing may
    /// re-serialise; verifying never does). `key` is the hex-decoded HMAC key.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        const SHAPE: Error = Error::Unsupported(
            "Adyen signs inside each notification item: give a JSON body with `notificationItems`",
        );
        let mut doc: serde_json::Value = serde_json::from_slice(message.body).map_err(|_| SHAPE)?;
        let items = doc
            .get_mut(ITEMS_FIELD)
            .and_then(serde_json::Value::as_array_mut)
            .filter(|items| !items.is_empty() && items.len() <= MAX_ITEMS)
            .ok_or(SHAPE)?;
        for entry in items {
            let item = entry
                .get_mut("NotificationRequestItem")
                .and_then(serde_json::Value::as_object_mut)
                .ok_or(SHAPE)?;
            let signature = sign_data(
                key.expose_secret(),
                &signing_data(&serde_json::Value::Object(item.clone())),
            );
            let additional = item
                .entry("additionalData")
                .or_insert_with(|| serde_json::json!({}));
            let additional = additional.as_object_mut().ok_or(SHAPE)?;
            additional.insert("hmacSignature".to_owned(), signature.into());
        }
        let body = serde_json::to_vec(&doc).map_err(|_| SHAPE)?;
        Ok(Signed::headers(vec![(
            "Content-Type".to_owned(),
            "application/json".to_owned(),
        )])
        .with_body(body))
    }
}

impl Parse for Adyen {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// adyen-java-api-library `HMACValidatorTest.testValidateHMACWithoutEscaping`: a real delivery.
    const JAVA_KEY: &str = "74F490DD33F7327BAECC88B2947C011FC02D014A473AAA33A8EC93E4DC069174";
    const JAVA_ITEM: &str = r#"{"additionalData":{"acquirerCode":"TestPmmAcquirer","hmacSignature":"CZErGCNQaSsxbaQfZaJlakqo7KPP+mIa8a+wx3yNs9A=","paymentMethod":"visa"},"amount":{"currency":"EUR","value":1000},"eventCode":"AUTHORISATION","eventDate":"2023-01-10T13:42:29+01:00","merchantAccountCode":"AntoniStroinski","merchantReference":"\\:/\\/slashes are fun","operations":["CANCEL","CAPTURE","REFUND"],"paymentMethod":"visa","pspReference":"ZVWN7D3WSMK2WN82","reason":"052095:1111:03/2030","success":"true"}"#;

    fn body_of(items: &[&str]) -> String {
        let items: Vec<String> = items
            .iter()
            .map(|i| format!(r#"{{"NotificationRequestItem":{i}}}"#))
            .collect();
        format!(
            r#"{{"live":"false","notificationItems":[{}]}}"#,
            items.join(",")
        )
    }

    fn verify(key: &str, body: &str) -> Result<Delivery, Error> {
        Adyen.verify(
            &WebhookRequest::new(&[("Content-Type", "application/json")], body.as_bytes()),
            &Secrets::new(Adyen.secret_from_display(key).unwrap()),
            UnixTime::EPOCH,
            Tolerance::default(),
        )
    }

    #[test]
    fn java_vector_unescaped_fields() {
        let body = body_of(&[JAVA_ITEM]);
        let d = verify(JAVA_KEY, &body).unwrap();
        assert_eq!(d.event(), Some("AUTHORISATION"));
        assert_eq!(
            Adyen.replay_id(&d, body.as_bytes()).as_deref(),
            Some("ZVWN7D3WSMK2WN82:AUTHORISATION:true")
        );
        // Unsigned fields are not covered (by design of Adyen's scheme).
        let relabelled = body.replace("052095:1111", "999999:0000");
        assert!(verify(JAVA_KEY, &relabelled).is_ok());
        // Signed ones are.
        for (from, to) in [
            ("\"value\":1000", "\"value\":1001"),
            ("ZVWN7D3WSMK2WN82", "ZVWN7D3WSMK2WN83"),
            ("\"success\":\"true\"", "\"success\":\"false\""),
            ("slashes are fun", "slashes are fuN"),
            ("\"currency\":\"EUR\"", "\"currency\":\"USD\""),
        ] {
            let tampered = body.replace(from, to);
            assert_ne!(tampered, body);
            assert_eq!(
                verify(JAVA_KEY, &tampered),
                Err(Error::SignatureMismatch),
                "{to}"
            );
        }
        // `\/` is a spelling of `/`, `\u0045` of `E`: decoded text is signed, not bytes.
        let slash = body.replace(r#"\\:/\\/"#, r#"\\:\/\\/"#);
        assert_ne!(slash, body);
        assert!(verify(JAVA_KEY, &slash).is_ok());
        assert!(verify(JAVA_KEY, &body.replace(":\"EUR\"", ":\"\\u0045UR\"")).is_ok());
    }

    #[test]
    fn every_item_must_verify() {
        let key = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
        let good = r#"{"additionalData":{"hmacSignature":"coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0="},"amount":{"value":1130,"currency":"EUR"},"pspReference":"7914073381342284","eventCode":"AUTHORISATION","merchantAccountCode":"TestMerchant","merchantReference":"TestPayment-1407325143704","paymentMethod":"visa","success":"true"}"#;
        assert!(verify(key, &body_of(&[good])).is_ok());
        let d = verify(key, &body_of(&[good, good])).unwrap();
        assert_eq!(d.event(), None);
        let body = body_of(&[good, good]);
        assert_eq!(
            Adyen.replay_id(&d, body.as_bytes()).as_deref(),
            Some("7914073381342284:AUTHORISATION:true,7914073381342284:AUTHORISATION:true")
        );
        let changed = good.replace("1130", "1131");
        assert_eq!(
            verify(key, &body_of(&[good, &changed])),
            Err(Error::SignatureMismatch)
        );
        let unsigned = good.replace(
            r#""hmacSignature":"coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=""#,
            r#""other":"x""#,
        );
        assert_eq!(
            verify(key, &body_of(&[good, &unsigned])),
            Err(Error::MissingHeader(SIGNATURE_FIELD))
        );
        let empty = good.replace("coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0=", "");
        assert_eq!(
            verify(key, &body_of(&[&empty])).unwrap_err().kind(),
            "malformed_header"
        );
        // Shapes that are not notifications.
        for body in [
            "",
            "[]",
            "{}",
            r#"{"notificationItems":[]}"#,
            r#"{"notificationItems":{}}"#,
            r#"{"notificationItems":[1]}"#,
            r#"{"notificationItems":[{"NotificationRequestItem":[]}]}"#,
            r#"{"notificationItems":[{"NotificationRequestItem":{"additionalData":{"hmacSignature":1}}}]}"#,
        ] {
            let e = verify(key, body).unwrap_err();
            assert!(
                matches!(e.kind(), "malformed_header" | "missing_header"),
                "{body}: {e:?}"
            );
        }
        let many = body_of(&vec![good; MAX_ITEMS + 1]);
        assert_eq!(verify(key, &many).unwrap_err().kind(), "malformed_header");
        assert!(verify(key, &body_of(&vec![good; MAX_ITEMS])).is_ok());
    }

    #[test]
    fn sign_round_trips_and_matches_the_validators() {
        let key = Adyen
            .secret_from_display("9064450A8892A093D9E97EFCC9639DE31B74F3A7803135555A3C96F5A57915D6")
            .unwrap();
        // adyen-java-api-library `testValidateHMAC`: `amount.value` sent as a string.
        let item = r#"{"amount":{"currency":"EUR","value":"0"},"eventCode":"REPORT_AVAILABLE","merchantAccountCode":"Magento2Rik","merchantReference":"testMerchantRef1","pspReference":"test_REPORT_AVAILABLE","reason":"will contain the url to the report","success":"true"}"#;
        let body = body_of(&[item]);
        let signed = Adyen
            .sign(&key, &SignInput::new(body.as_bytes(), UnixTime::EPOCH))
            .unwrap();
        let sent = signed.body.unwrap();
        let text = String::from_utf8(sent.clone()).unwrap();
        assert!(
            text.contains("NuEkADFmlCC6VgX+wcoPAegIWxVPNBPCuKlM4Hzo5qc="),
            "{text}"
        );
        let req = WebhookRequest::new(&signed.headers, &sent);
        assert!(Adyen
            .verify(
                &req,
                &Secrets::new(key.clone()),
                UnixTime::EPOCH,
                Tolerance::default()
            )
            .is_ok());
        assert_eq!(
            Adyen
                .sign(&key, &SignInput::new(b"{}", UnixTime::EPOCH))
                .unwrap_err()
                .kind(),
            "unsupported"
        );
    }

    #[test]
    fn every_byte_flip_of_a_compact_body_is_rejected() {
        let key = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
        let good = r#"{"additionalData":{"hmacSignature":"coqCmt/IZ4E3CzPvMY8zTjQVL5hYJUiBRg8UU+iCWo0="},"amount":{"value":1130,"currency":"EUR"},"pspReference":"7914073381342284","eventCode":"AUTHORISATION","merchantAccountCode":"TestMerchant","merchantReference":"TestPayment-1407325143704","success":"true"}"#;
        let body = format!(r#"{{"notificationItems":[{{"NotificationRequestItem":{good}}}]}}"#);
        assert!(verify(key, &body).is_ok());
        let bytes = body.as_bytes();
        for pos in 0..bytes.len() {
            for bit in 0..8 {
                let mut tampered = bytes.to_vec();
                tampered[pos] ^= 1 << bit;
                let r = Adyen.verify(
                    &WebhookRequest::new(&[("a", "b")], &tampered),
                    &Secrets::new(Adyen.secret_from_display(key).unwrap()),
                    UnixTime::EPOCH,
                    Tolerance::default(),
                );
                assert!(
                    r.is_err(),
                    "flip of bit {bit} at {pos} accepted: {}",
                    String::from_utf8_lossy(&tampered)
                );
            }
        }
    }
}
