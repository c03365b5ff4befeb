//! Mailgun webhooks (JSON): `{"signature": {"timestamp", "token", "signature"}, "event-data":
//! {"event": …, …}}`, by `event-data.event`.
//!
//! Every event is a [`Notification`] with the same flat [`EventData`]; which fields are set
//! depends on the event (`failed` has `severity` and `delivery-status`, `clicked` has `url`, …).
//! Legacy form-encoded webhooks are not typed here.
//!
//! ```
//! use webhook_guard::events::mailgun::{self, Event};
//! let body = br#"{"signature":{"timestamp":"1529006854","token":"a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0",
//!     "signature":"d2271d12299f6592d9d44cd9d250f0704e4674c30d79d07c47a66f95ce71cf55"},
//!   "event-data":{"event":"delivered","timestamp":1529006854.329574,"id":"CPgfbmQMTCKtHW6uIWtuVe",
//!     "recipient":"alice@example.com","recipient-domain":"example.com","tags":["my_tag_1"],
//!     "user-variables":{"my_var_1":"Mailgun Variable #1"},"log-level":"info",
//!     "message":{"headers":{"to":"Alice <alice@example.com>","message-id":"20130503182626.18666.16540@example.com",
//!       "from":"Bob <bob@example.com>","subject":"Test delivered webhook"},"attachments":[],"size":111},
//!     "delivery-status":{"code":250,"message":"OK","attempt-no":1,"tls":true,"description":""}}}"#;
//! let Event::Delivered(n) = mailgun::parse(body)? else { panic!() };
//! assert_eq!(n.event_data.recipient.as_deref(), Some("alice@example.com"));
//! assert_eq!(n.event_data.delivery_status.unwrap().code, Some(250));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;

use super::support::{self, named_events, string_or_number};

named_events! {
    /// A Mailgun webhook, by `event-data.event`.
    pub enum Event as "mailgun::Event", unknown name, name at "/event-data/event" {
        "accepted" => Accepted(Notification),
        "rejected" => Rejected(Notification),
        "delivered" => Delivered(Notification),
        /// Permanent or temporary failure: see [`EventData::severity`].
        "failed" => Failed(Notification),
        "opened" => Opened(Notification),
        "clicked" => Clicked(Notification),
        "unsubscribed" => Unsubscribed(Notification),
        "complained" => Complained(Notification),
        "stored" => Stored(Notification),
        "list_member_uploaded" => ListMemberUploaded(Notification),
        "list_member_upload_error" => ListMemberUploadError(Notification),
        "list_uploaded" => ListUploaded(Notification),
    }
}

/// Types a verified Mailgun body by `event-data.event`.
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    support::parse_by_pointer(body, "/event-data/event", Event::from_value)
}

/// A Mailgun webhook body.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Notification {
    /// The signed values (checked by the verifier).
    pub signature: Option<Signature>,
    /// The event.
    #[serde(rename = "event-data")]
    pub event_data: EventData,
}

/// The `signature` object.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Signature {
    /// Unix seconds, as text.
    #[serde(default, deserialize_with = "string_or_number")]
    pub timestamp: Option<String>,
    /// A random token (the replay id).
    pub token: Option<String>,
    /// Hex HMAC-SHA256 of `timestamp` + `token`.
    pub signature: Option<String>,
}

/// The `event-data` object.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "kebab-case")]
pub struct EventData {
    /// The event name.
    pub event: Option<String>,
    /// The event id.
    pub id: Option<String>,
    /// When, in Unix seconds with a fraction.
    pub timestamp: Option<f64>,
    /// `info`, `warn`, `error`.
    pub log_level: Option<String>,
    /// The recipient.
    pub recipient: Option<String>,
    /// The recipient's domain.
    pub recipient_domain: Option<String>,
    /// Tags.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub tags: Vec<String>,
    /// Your `v:` variables.
    pub user_variables: Option<Value>,
    /// The message (`headers`, `attachments`, `size`).
    pub message: Option<Message>,
    /// SMTP outcome (delivered, failed).
    pub delivery_status: Option<DeliveryStatus>,
    /// `permanent` or `temporary` (failed).
    pub severity: Option<String>,
    /// `bounce`, `suppress-bounce`, `generic`, … (failed).
    pub reason: Option<String>,
    /// The clicked URL (clicked).
    pub url: Option<String>,
    /// The client's IP (opened, clicked, unsubscribed, complained).
    pub ip: Option<String>,
    /// Where the client was.
    pub geolocation: Option<Value>,
    /// What the client was.
    pub client_info: Option<Value>,
    /// The envelope (`sender`, `transport`, `targets`, `sending-ip`).
    pub envelope: Option<Value>,
    /// Flags (`is-routed`, `is-authenticated`, `is-test-mode`, …).
    pub flags: Option<Value>,
    /// Where a stored message can be fetched (`url`, `key`).
    pub storage: Option<Value>,
    /// Campaigns.
    pub campaigns: Option<Value>,
    /// The mailing list (list events).
    pub mailing_list: Option<Value>,
}

/// The message of an [`EventData`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Message {
    /// Selected headers.
    pub headers: Option<MessageHeaders>,
    /// Attachments.
    pub attachments: Option<Value>,
    /// Size in bytes.
    pub size: Option<u64>,
}

/// Selected headers of a message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "kebab-case")]
pub struct MessageHeaders {
    /// `To`.
    pub to: Option<String>,
    /// `From`.
    pub from: Option<String>,
    /// `Subject`.
    pub subject: Option<String>,
    /// `Message-Id`.
    pub message_id: Option<String>,
}

/// The SMTP outcome of a delivery attempt.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "kebab-case")]
pub struct DeliveryStatus {
    /// SMTP code.
    pub code: Option<i64>,
    /// SMTP message.
    pub message: Option<String>,
    /// Mailgun's description.
    pub description: Option<String>,
    /// Attempt number.
    pub attempt_no: Option<i64>,
    /// Whether TLS was used.
    pub tls: Option<bool>,
    /// Whether the certificate was verified.
    pub certificate_verified: Option<bool>,
    /// The receiving MX.
    pub mx_host: Option<String>,
    /// Seconds until the next retry (temporary failures).
    pub retry_seconds: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::TypedEvent;

    #[test]
    fn failed_clicked_and_fallbacks() {
        let e = parse(br#"{"signature":{"timestamp":1529006854,"token":"t","signature":"s"},
            "event-data":{"event":"failed","severity":"permanent","reason":"suppress-bounce","recipient":"alice@example.com",
              "delivery-status":{"code":605,"message":"","description":"Not delivering to previously bounced address","attempt-no":1},
              "flags":{"is-routed":false}}}"#).unwrap();
        match &e {
            Event::Failed(n) => {
                assert_eq!(n.event_data.severity.as_deref(), Some("permanent"));
                assert_eq!(
                    n.signature.as_ref().unwrap().timestamp.as_deref(),
                    Some("1529006854")
                );
            }
            other => panic!("{other:?}"),
        }
        let e = parse(br#"{"event-data":{"event":"clicked","url":"https://example.com/x","ip":"50.56.129.169",
            "geolocation":{"country":"US","region":"CA","city":"San Francisco"}}}"#).unwrap();
        assert_eq!(e.variant_name(), "mailgun::Event::Clicked");
        let e = parse(br#"{"event-data":{"event":"something_else"}}"#).unwrap();
        assert!(!e.is_typed());
        let err = parse(br#"{"event-data":{"event":"opened","tags":"x"}}"#).unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "event-data.tags"),
            "{err:?}"
        );
        for name in Event::NAMES {
            let body = format!(r#"{{"signature":{{}},"event-data":{{"event":"{name}"}}}}"#);
            assert!(parse(body.as_bytes()).unwrap().is_typed(), "{name}");
        }
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
