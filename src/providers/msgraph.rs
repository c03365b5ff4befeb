//! Microsoft Graph change notifications: `clientState` in every notification, and the
//! `validationToken` endpoint check.
//!
//! Graph signs nothing. When you create a subscription you may give a `clientState` (up to 128
//! characters); Graph then puts it into every notification it sends for that subscription, in
//! the body: `{"value":[{"subscriptionId":…,"clientState":"…","changeType":…,…},…]}`. This
//! provider requires **every** item of `value` to carry a `clientState` equal to one of the
//! configured secrets (compared in constant time, as SHA-256 digests); one item without it or
//! with another value rejects the whole request (401). Lifecycle notifications
//! (`lifecycleEvent`: `reauthorizationRequired`, `subscriptionRemoved`, `missed`) carry it too.
//! At most [`MAX_NOTIFICATIONS`] items are read. No header is read.
//!
//! **What the check proves:** the sender knows the `clientState`. **The rest of the body is not
//! authenticated** and nothing is timestamped: whoever sees one notification can forge others.
//! Keep `clientState` long and random and secret; never reuse it across subscriptions you do not
//! trust equally. Rich notifications (`includeResourceData`) also carry `validationTokens`
//! (JWTs signed by Microsoft) and encrypted resource data: neither is checked here — validate
//! the tokens with a JWT library and Microsoft's published keys if you need the body
//! authenticated. The replay key is a digest of the body.
//!
//! **Endpoint check** ([`Provider::endpoint_check`]): when a subscription is created or renewed,
//! Graph sends `POST <notificationUrl>?validationToken=<token>` and expects the token,
//! URL-decoded, as `text/plain` with 200 within 10 seconds. It is not authenticated (Graph sends
//! no secret with it); the token is bounded (1024 bytes) and answered as plain text.
//!
//! Secret: the `clientState` you gave Graph, used as is (at least 16 bytes).
//!
//! ```
//! use webhook_guard::providers::msgraph::MsGraph;
//! use webhook_guard::{Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};
//!
//! let secrets = Secrets::new(Secret::from_text("secretClientValue-7f3e9a"));
//! let none: [(&str, &str); 0] = [];
//! let body = br#"{"value":[{"subscriptionId":"7f1","clientState":"secretClientValue-7f3e9a","changeType":"created","resource":"Users/7f1/Messages/AAMk"}]}"#;
//! MsGraph.verify(&WebhookRequest::new(&none, body), &secrets, UnixTime::EPOCH, Tolerance::FIVE_MINUTES)?;
//!
//! let validation = WebhookRequest::new(&none, b"")
//!     .with_method("POST")
//!     .with_query("validationToken=Validation%3a+Testing+client+application+reachability");
//! let answer = MsGraph.endpoint_check(&validation, &secrets).unwrap()?;
//! assert_eq!(answer.body, b"Validation: Testing client application reachability");
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use crate::clock::{Tolerance, UnixTime};
use crate::crypto::mac::token_matches;
use crate::delivery::Delivery;
use crate::error::Error;
use crate::events::Handshake;
use crate::provider::{Parse, Provider, Sign, SignInput, Signed};
use crate::request::WebhookRequest;
use crate::secret::{Secret, Secrets};

use super::{scan, util};

/// The query parameter of the endpoint check.
pub const VALIDATION_TOKEN_PARAM: &str = "validationToken";
/// The most notifications one request may carry; more is refused as malformed.
pub const MAX_NOTIFICATIONS: usize = 1000;
/// `clientState`: the body field of each notification that carries the shared secret (and the
/// name errors give, as Graph sends the proof in the body, not in a header).
pub const CLIENT_STATE_FIELD: &str = "clientState";
const CLIENT_STATE: &str = CLIENT_STATE_FIELD;

/// The Microsoft Graph change-notification scheme (see the [module docs](self)).
#[derive(Debug, Clone, Copy, Default)]
pub struct MsGraph;

/// `true` when the raw notification item carries a `clientState` equal to a secret.
fn item_matches(item: &[u8], secrets: &Secrets) -> Result<bool, Error> {
    let raw = match scan::json_member(item, CLIENT_STATE.as_bytes()) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Ok(false),
        Err(_) => return Err(malformed()),
    };
    if let Some(plain) = scan::json_plain_string(raw) {
        return Ok(token_matches(secrets, plain));
    }
    // A value with escapes (Graph escapes some characters): decoded, the one allocation.
    match serde_json::from_slice::<String>(raw) {
        Ok(text) => Ok(token_matches(secrets, text.as_bytes())),
        Err(_) => Ok(false),
    }
}

fn malformed() -> Error {
    Error::malformed(
        CLIENT_STATE,
        "the body is not a Graph notification collection",
    )
}

impl Provider for MsGraph {
    fn name(&self) -> &'static str {
        "msgraph"
    }

    fn default_tolerance(&self) -> Option<Tolerance> {
        None
    }

    /// `false`: only the shared secret is checked (see the module docs).
    fn authenticates_body(&self) -> bool {
        false
    }

    fn verify(
        &self,
        req: &WebhookRequest<'_>,
        secrets: &Secrets,
        _now: UnixTime,
        _tolerance: Tolerance,
    ) -> Result<Delivery, Error> {
        let value = scan::json_member(req.body(), b"value")
            .map_err(|_| malformed())?
            .ok_or(Error::SignatureMismatch)?;
        let mut count = 0usize;
        let mut all = true;
        for item in scan::json_array_items(value) {
            let item = item.map_err(|_| malformed())?;
            count += 1;
            if count > MAX_NOTIFICATIONS {
                return Err(Error::malformed(
                    CLIENT_STATE,
                    "more than 1000 notifications in one request",
                ));
            }
            // Every item is checked, matched or not, so the time taken does not say which one
            // failed.
            all &= item_matches(item, secrets)?;
        }
        if count == 0 || !all {
            return Err(Error::SignatureMismatch);
        }
        Ok(Delivery::new("msgraph"))
    }

    /// `POST ?validationToken=…` is answered with the decoded token (`text/plain`).
    fn endpoint_check(
        &self,
        req: &WebhookRequest<'_>,
        _secrets: &Secrets,
    ) -> Option<Result<Handshake, Error>> {
        if req.method() != Some("POST") {
            return None;
        }
        let token = req.query_param(VALIDATION_TOKEN_PARAM)?;
        Some(util::echo_challenge(token))
    }
}

impl Sign for MsGraph {
    /// Puts `key` as `clientState` into every item of the body's `value` array; a body that is
    /// not a notification collection becomes the `resourceData` of one `updated` notification.
    fn sign(&self, key: &Secret, message: &SignInput<'_>) -> Result<Signed, Error> {
        let state = std::str::from_utf8(key.expose_secret())
            .map_err(|_| Error::InvalidSecret("a Graph clientState is text"))?;
        let parsed = serde_json::from_slice::<serde_json::Value>(message.body).ok();
        let mut doc = match parsed {
            Some(doc) if doc.get("value").is_some_and(serde_json::Value::is_array) => doc,
            other => {
                let data = other.unwrap_or_else(|| {
                    serde_json::Value::String(String::from_utf8_lossy(message.body).into_owned())
                });
                serde_json::json!({ "value": [{ "changeType": "updated", "resourceData": data }] })
            }
        };
        if let Some(items) = doc
            .get_mut("value")
            .and_then(serde_json::Value::as_array_mut)
        {
            for item in items.iter_mut() {
                if let Some(item) = item.as_object_mut() {
                    item.insert(CLIENT_STATE.to_owned(), state.into());
                }
            }
        }
        let body = serde_json::to_vec(&doc)
            .map_err(|_| Error::Unsupported("the notification could not be serialised"))?;
        Ok(Signed::headers(vec![(
            "Content-Type".to_owned(),
            "application/json".to_owned(),
        )])
        .with_body(body))
    }
}

impl Parse for MsGraph {
    type Event = serde_json::Value;

    fn parse(&self, _delivery: &Delivery, body: &[u8]) -> Result<Self::Event, Error> {
        crate::payload::from_json(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATE: &str = "secretClientValue-7f3e9a";

    fn verify(body: &[u8]) -> Result<Delivery, Error> {
        let none: [(&str, &str); 0] = [];
        MsGraph.verify(
            &WebhookRequest::new(&none, body),
            &Secrets::new(Secret::from_text(STATE)),
            UnixTime::EPOCH,
            Tolerance::FIVE_MINUTES,
        )
    }

    #[test]
    fn every_item_must_carry_the_client_state() {
        let one = |state: &str| format!(r#"{{"subscriptionId":"s","clientState":"{state}"}}"#);
        let ok = format!(r#"{{"value":[{},{}]}}"#, one(STATE), one(STATE));
        assert_eq!(verify(ok.as_bytes()).unwrap().provider(), "msgraph");
        let escaped = r#"{"value":[{"clientState":"secretClientValue\u002d7f3e9a"}]}"#;
        assert!(verify(escaped.as_bytes()).is_ok());
        for bad in [
            format!(r#"{{"value":[{},{}]}}"#, one(STATE), one("other")),
            format!(r#"{{"value":[{},{{"subscriptionId":"s"}}]}}"#, one(STATE)),
            r#"{"value":[]}"#.to_owned(),
            r#"{"other":[]}"#.to_owned(),
            format!(r#"{{"value":[{}]}}"#, one(&STATE[1..])),
        ] {
            assert_eq!(
                verify(bad.as_bytes()).unwrap_err(),
                Error::SignatureMismatch,
                "{bad}"
            );
        }
        let not_object = format!(r#"{{"value":[{},"x"]}}"#, one(STATE));
        assert_eq!(
            verify(not_object.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
        for broken in [&b"[]"[..], b"", b"{\"value\":[", b"{\"value\":[{}]} x"] {
            assert_eq!(verify(broken).unwrap_err().kind(), "malformed_header");
        }
        let many = format!(
            r#"{{"value":[{}]}}"#,
            vec![one(STATE); MAX_NOTIFICATIONS + 1].join(",")
        );
        assert_eq!(
            verify(many.as_bytes()).unwrap_err().kind(),
            "malformed_header"
        );
    }

    #[test]
    fn signer_output_verifies_and_a_tampered_state_does_not() {
        let key = Secret::from_text(STATE);
        for body in [
            &br#"{"value":[{"changeType":"created"},{"changeType":"deleted"}]}"#[..],
            b"{}",
            b"not json",
        ] {
            let signed = MsGraph
                .sign(&key, &SignInput::new(body, UnixTime::EPOCH))
                .unwrap();
            let body = signed.body.unwrap();
            assert!(verify(&body).is_ok());
            let tampered = String::from_utf8(body)
                .unwrap()
                .replace(STATE, "secretClientValue-7f3e9b");
            assert!(verify(tampered.as_bytes()).is_err());
        }
    }

    #[test]
    fn validation_token_only_on_post() {
        let check = |method: &str, query: &str| {
            let none: [(&str, &str); 0] = [];
            let req = WebhookRequest::new(&none, b"")
                .with_method(method)
                .with_query(query);
            MsGraph.endpoint_check(&req, &Secrets::new(Secret::from_text(STATE)))
        };
        assert_eq!(
            check("POST", "validationToken=a%26b")
                .unwrap()
                .unwrap()
                .body,
            b"a&b"
        );
        assert!(check("GET", "validationToken=x").is_none());
        assert!(check("POST", "token=x").is_none());
    }
}
