//! Deserialising verified bodies: JSON, form-encoded and (feature `xml`) XML, with the path of
//! any failure.
//!
//! Webhooks come in all three formats: most senders post JSON, Slack slash commands and Twilio
//! post `application/x-www-form-urlencoded` forms, and a few older senders post XML. Every
//! function here turns a failure into [`Error::InvalidPayload`] naming where in the document it
//! happened, so a `422` answer (and the log line) says which field was wrong.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Parses a JSON body into `T`; a failure names the JSON path where it happened (with the
/// `typed` feature, implied by every provider's events feature).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Ping { zen: String }
/// let err = webhook_guard::payload::from_json::<Ping>(br#"{"zen": 1}"#).err().unwrap();
/// assert_eq!(err.kind(), "invalid_payload");
/// // With the `typed` feature (implied by every events feature), the error names the field:
/// # #[cfg(feature = "typed")]
/// assert!(err.to_string().contains("zen"));
/// ```
///
/// The plain parser runs first; only when it fails is the body parsed again with path
/// tracking, so a valid body does not pay for recording every key. The body is checked as
/// UTF-8 once, as a whole, and parsed as text: a byte parser checks each string on its own,
/// which costs more on payloads made of many short strings.
pub fn from_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let plain = std::str::from_utf8(body)
        .ok()
        .and_then(|text| serde_json::from_str(text).ok());
    match plain {
        Some(value) => Ok(value),
        None => from_json_tracked(body),
    }
}

/// [`from_json`] with the path tracked from the start: the error path.
fn from_json_tracked<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = tracked(&mut de)?;
    de.end().map_err(|e| Error::payload("", e))?;
    Ok(value)
}

/// Turns an already parsed JSON value into `T`; a failure names the path inside `value`.
///
/// Useful after looking at a document's event name, or to type the `data` of a generic
/// envelope later.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Amount { value: u64 }
/// let value = serde_json::json!({ "value": "ten" });
/// let err = webhook_guard::payload::from_value::<Amount>(value).err().unwrap();
/// assert_eq!(err.kind(), "invalid_payload");
/// // With the `typed` feature (implied by every events feature), the error names the field:
/// # #[cfg(feature = "typed")]
/// assert!(err.to_string().contains("`value`"));
/// ```
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, Error> {
    tracked(value)
}

#[cfg(feature = "form")]
#[cfg_attr(docsrs, doc(cfg(feature = "form")))]
/// Parses an `application/x-www-form-urlencoded` body into `T` (Slack slash commands, Twilio).
///
/// Field values are text; numbers and booleans (`true` / `false`) are parsed from it, absent
/// fields become `None` for `Option` fields. A failure names the field.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Command { command: String, text: Option<String>, count: u32 }
/// let cmd: Command = webhook_guard::payload::from_form(b"command=%2Fdeploy&text=api+v2&count=3")?;
/// assert_eq!(cmd.command, "/deploy");
/// assert_eq!(cmd.text.as_deref(), Some("api v2"));
/// assert_eq!(cmd.count, 3);
///
/// let err = webhook_guard::payload::from_form::<Command>(b"command=x&count=many").err().unwrap();
/// assert_eq!(err.kind(), "invalid_payload");
/// // With the `typed` feature (implied by every events feature), the error names the field:
/// # #[cfg(feature = "typed")]
/// assert!(err.to_string().contains("count"));
/// # Ok::<(), webhook_guard::Error>(())
/// ```
pub fn from_form<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    tracked(serde_urlencoded::Deserializer::new(form_urlencoded::parse(
        body,
    )))
}

/// Parses an XML body into `T` with `quick-xml`'s serde support (elements and `@attributes`
/// map to fields). The body must be UTF-8. A failure names the element path where known.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Notification { #[serde(rename = "@kind")] kind: String, id: u64, note: Option<String> }
/// let body = br#"<notification kind="payment"><id>42</id></notification>"#;
/// let n: Notification = webhook_guard::payload::from_xml(body)?;
/// assert_eq!((n.kind.as_str(), n.id, n.note), ("payment", 42, None));
///
/// let err = webhook_guard::payload::from_xml::<Notification>(br#"<notification kind="x"><id>x</id></notification>"#)
///     .err()
///     .unwrap();
/// assert_eq!(err.kind(), "invalid_payload");
/// assert!(err.to_string().contains("id"));
/// # Ok::<(), webhook_guard::Error>(())
/// ```
#[cfg(feature = "xml")]
#[cfg_attr(docsrs, doc(cfg(feature = "xml")))]
pub fn from_xml<T: DeserializeOwned>(body: &[u8]) -> Result<T, Error> {
    let text = std::str::from_utf8(body).map_err(|e| Error::payload("", e))?;
    tracked(&mut quick_xml::de::Deserializer::from_str(text))
}

/// Deserialises from `de`; a failure is an [`Error::InvalidPayload`] naming the path of the
/// offending field when typed events are compiled in (feature `typed`, implied by every
/// provider's events feature, through `serde_path_to_error`), the document (`.`) otherwise.
fn tracked<'de, D, T>(de: D) -> Result<T, Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    #[cfg(feature = "typed")]
    return serde_path_to_error::deserialize(de).map_err(|e| Error::payload(e.path(), e.inner()));
    #[cfg(not(feature = "typed"))]
    return T::deserialize(de).map_err(|e| Error::payload("", e));
}

/// Prefixes the path of an [`Error::InvalidPayload`] with `prefix` (for documents parsed out of
/// a field of a bigger one); other errors pass through.
#[cfg(any(
    feature = "meta",
    feature = "pagerduty",
    feature = "sendgrid",
    feature = "slack",
    feature = "standard",
    feature = "twitch"
))]
pub(crate) fn within(prefix: &str, err: Error) -> Error {
    match err {
        Error::InvalidPayload { path, message } => Error::InvalidPayload {
            path: match path.as_str() {
                "." | "" => prefix.to_owned(),
                p if p.starts_with('[') => format!("{prefix}{p}"),
                p => format!("{prefix}.{p}"),
            },
            message,
        },
        other => other,
    }
}

#[cfg(all(test, any(feature = "form", feature = "slack", feature = "xml")))]
mod tests {
    use super::*;

    #[cfg(feature = "form")]
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)] // fields are read through Debug only
    struct Form {
        a: String,
        b: Option<u32>,
        c: Option<bool>,
    }

    #[test]
    #[cfg(all(feature = "form", feature = "typed"))]
    fn form_fields_and_errors() {
        let f: Form = from_form(b"a=x%20y&c=true&zzz=ignored").unwrap();
        assert_eq!(f.a, "x y");
        assert_eq!(f.b, None);
        assert_eq!(f.c, Some(true));
        match from_form::<Form>(b"a=1&b=-3") {
            Err(Error::InvalidPayload { path, .. }) => assert_eq!(path, "b"),
            other => panic!("{other:?}"),
        }
        match from_form::<Form>(b"b=3") {
            Err(Error::InvalidPayload { message, .. }) => assert!(message.contains('a')),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    #[cfg(feature = "form")]
    fn form_never_panics() {
        for body in [
            &b""[..],
            b"%",
            b"%zz=%ff",
            b"&&&=",
            b"a",
            b"\xff\xfe=\x00",
            b"a=1&a=2",
        ] {
            let _ = from_form::<Form>(body);
            let _ = from_form::<serde_json::Value>(body);
        }
    }

    #[test]
    #[cfg(feature = "slack")]
    fn paths_are_prefixed() {
        let e = within("event", Error::payload("user.id", "bad"));
        assert!(matches!(e, Error::InvalidPayload { ref path, .. } if path == "event.user.id"));
        let e = within("events", Error::payload("[2].x", "bad"));
        assert!(matches!(e, Error::InvalidPayload { ref path, .. } if path == "events[2].x"));
        let e = within("payload", Error::payload("", "bad"));
        assert!(matches!(e, Error::InvalidPayload { ref path, .. } if path == "payload"));
    }

    #[cfg(feature = "xml")]
    #[test]
    fn xml_garbage_is_an_error() {
        for body in [&b""[..], b"<", b"<a><b></a>", b"\xff", b"<?xml?>"] {
            assert!(from_xml::<serde_json::Value>(body).is_err());
        }
    }
}
