//! SendGrid Event Webhook: a JSON array of events, each typed by its `event`.
//!
//! Every event is a flat record ([`Record`]); which fields are set depends on the event (a
//! `bounce` has `reason` and `status`, a `click` has `url`, …). Custom arguments you attached
//! when sending arrive as extra top-level fields and are kept in [`Record::custom_args`].
//!
//! ```
//! use webhook_guard::events::sendgrid::{self, Event};
//! let body = b"[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\
//!   \"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\
//!   \"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\
//!   \"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";
//! let batch = sendgrid::parse(body)?;
//! let Event::Dropped(record) = &batch.events[0] else { panic!() };
//! assert_eq!(record.reason.as_deref(), Some("Bounced Address"));
//! assert_eq!(record.timestamp, Some(1600112492));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::error::Error;
use crate::events::TypedEvent;
use crate::payload;

use super::support::{self, named_events, one_or_many, string_or_number};

named_events! {
    /// One SendGrid event, by `event`.
    pub enum Event as "sendgrid::Event", unknown name, name at "/event" {
        "processed" => Processed(Record),
        "dropped" => Dropped(Record),
        "delivered" => Delivered(Record),
        "deferred" => Deferred(Record),
        "bounce" => Bounce(Record),
        "blocked" => Blocked(Record),
        "open" => Open(Record),
        "click" => Click(Record),
        "spamreport" => SpamReport(Record),
        "unsubscribe" => Unsubscribe(Record),
        "group_unsubscribe" => GroupUnsubscribe(Record),
        "group_resubscribe" => GroupResubscribe(Record),
    }
}

/// One POST of the Event Webhook: up to a thousand events.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Batch {
    /// The events, in the order sent.
    pub events: Vec<Event>,
}

impl IntoIterator for Batch {
    type Item = Event;
    type IntoIter = std::vec::IntoIter<Event>;

    fn into_iter(self) -> Self::IntoIter {
        self.events.into_iter()
    }
}

impl<'a> IntoIterator for &'a Batch {
    type Item = &'a Event;
    type IntoIter = std::slice::Iter<'a, Event>;

    fn into_iter(self) -> Self::IntoIter {
        self.events.iter()
    }
}

/// A batch is typed when every event in it is.
impl TypedEvent for Batch {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed("sendgrid::Batch")
    }

    fn is_typed(&self) -> bool {
        self.events.iter().all(TypedEvent::is_typed)
    }

    /// The batch's event names, each once, in order, comma-separated (`"delivered,open"`);
    /// `None` for an empty batch.
    fn event_name(&self) -> Option<Cow<'_, str>> {
        let mut names: Vec<&str> = Vec::new();
        for event in &self.events {
            if !names.contains(&event.name()) {
                names.push(event.name());
            }
        }
        (!names.is_empty()).then(|| Cow::Owned(names.join(",")))
    }

    #[cfg(feature = "serialize")]
    fn to_json(&self) -> Option<Value> {
        serde_json::to_value(self).ok()
    }
}

/// The JSON array it was parsed from.
#[cfg(feature = "serialize")]
impl serde::Serialize for Batch {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.events.serialize(serializer)
    }
}

/// Types a verified Event Webhook body (a JSON array). A failure names the element (`[3].…`).
pub fn parse(body: &[u8]) -> Result<Batch, Error> {
    let items: Vec<Value> = payload::from_json(body)?;
    let mut events = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let name = support::str_at(&item, "/event")
            .unwrap_or_default()
            .to_owned();
        let event =
            Event::from_value(&name, item).map_err(|e| payload::within(&format!("[{i}]"), e))?;
        events.push(event);
    }
    Ok(Batch { events })
}

/// The fields of a SendGrid event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Record {
    /// The recipient.
    pub email: Option<String>,
    /// When, in Unix seconds.
    pub timestamp: Option<i64>,
    /// The event name.
    pub event: Option<String>,
    /// Unique id of this event (for de-duplication).
    pub sg_event_id: Option<String>,
    /// The message id.
    pub sg_message_id: Option<String>,
    /// The SMTP `Message-ID`.
    #[serde(rename = "smtp-id")]
    pub smtp_id: Option<String>,
    /// Categories (sent as a string or a list).
    #[serde(default, deserialize_with = "one_or_many")]
    pub category: Vec<String>,
    /// Why it was dropped, bounced or blocked.
    pub reason: Option<String>,
    /// The SMTP status code of a bounce (`5.0.0`).
    pub status: Option<String>,
    /// The receiving server's answer (delivered, deferred).
    pub response: Option<String>,
    /// Delivery attempts so far (deferred).
    #[serde(default, deserialize_with = "string_or_number")]
    pub attempt: Option<String>,
    /// `bounce` or `blocked` (bounce events).
    #[serde(rename = "type")]
    pub bounce_type: Option<String>,
    /// `Invalid Address`, `Technical`, `Content`, `Reputation`, ….
    pub bounce_classification: Option<String>,
    /// The clicked URL.
    pub url: Option<String>,
    /// The user agent (open, click).
    pub useragent: Option<String>,
    /// The IP address (open, click, delivered).
    pub ip: Option<String>,
    /// Whether the open was made by a machine (Apple Mail Privacy Protection).
    pub sg_machine_open: Option<bool>,
    /// The unsubscribe group (group_unsubscribe, group_resubscribe).
    pub asm_group_id: Option<i64>,
    /// Marketing campaign id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub marketing_campaign_id: Option<String>,
    /// Marketing campaign name.
    pub marketing_campaign_name: Option<String>,
    /// Everything else: your custom arguments and fields this crate does not name.
    #[serde(flatten)]
    pub custom_args: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_of_every_kind() {
        let body = br#"[
          {"email":"example@test.com","timestamp":1513299569,"smtp-id":"<14c5d75ce93.dfd.64b469@ismtpd-555>","event":"processed","category":"cat facts","sg_event_id":"rbtnWrG1DVDGGGFHFyun0A==","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.000000000000000000000"},
          {"email":"example@test.com","timestamp":1513299569,"event":"deferred","category":["cat facts","dogs"],"response":"400 try again later","attempt":"5"},
          {"email":"example@test.com","timestamp":1513299569,"event":"delivered","response":"250 OK","ip":"168.1.1.1","tls":1},
          {"email":"example@test.com","timestamp":1513299569,"event":"open","useragent":"Mozilla/4.0","ip":"255.255.255.255","sg_machine_open":false},
          {"email":"example@test.com","timestamp":1513299569,"event":"click","url":"http://www.sendgrid.com/","url_offset":{"index":0,"type":"html"},"customer_id":"42"},
          {"email":"example@test.com","timestamp":1513299569,"event":"bounce","reason":"500 unknown recipient","status":"5.0.0","type":"bounce","bounce_classification":"Invalid Address"},
          {"email":"example@test.com","timestamp":1513299569,"event":"dropped","reason":"Bounced Address"},
          {"email":"example@test.com","timestamp":1513299569,"event":"spamreport"},
          {"email":"example@test.com","timestamp":1513299569,"event":"unsubscribe"},
          {"email":"example@test.com","timestamp":1513299569,"event":"group_unsubscribe","asm_group_id":10},
          {"email":"example@test.com","timestamp":1513299569,"event":"group_resubscribe","asm_group_id":10},
          {"email":"example@test.com","timestamp":1513299569,"event":"account_status_change"}
        ]"#;
        let batch = parse(body).unwrap();
        assert_eq!(batch.events.len(), 12);
        assert!(!batch.is_typed(), "the last one is unknown");
        let names: Vec<&str> = batch.events.iter().map(Event::name).collect();
        assert_eq!(names[..3], ["processed", "deferred", "delivered"]);
        match &batch.events[1] {
            Event::Deferred(r) => {
                assert_eq!(r.category, ["cat facts", "dogs"]);
                assert_eq!(r.attempt.as_deref(), Some("5"));
            }
            other => panic!("{other:?}"),
        }
        match &batch.events[4] {
            Event::Click(r) => assert_eq!(r.custom_args["customer_id"], "42"),
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(&batch.events[11], Event::Unknown { name, .. } if name == "account_status_change")
        );
        assert!(parse(b"[]").unwrap().is_typed());
        assert_eq!(batch.variant_name(), "sendgrid::Batch");
    }

    #[test]
    fn errors_name_the_element_and_garbage_never_panics() {
        let err =
            parse(br#"[{"event":"open"},{"event":"bounce","timestamp":"yesterday"}]"#).unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "[1].timestamp"),
            "{err:?}"
        );
        assert_eq!(
            parse(br#"{"event":"open"}"#).unwrap_err().kind(),
            "invalid_payload"
        );
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
