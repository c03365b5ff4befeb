//! Zalo Official Account webhooks: one JSON object per event, named by its top-level
//! `event_name`.
//!
//! Typed here: `follow` and `unfollow`, and three families by name prefix, each variant
//! keeping the exact `event_name`:
//!
//! - `user_send_*` ([`Event::UserSend`]: `user_send_text`, `_image`, `_link`, `_audio`,
//!   `_video`, `_sticker`, `_gif`, `_location`, `_business_card`, `_file`, …): a user wrote to
//!   the OA;
//! - `oa_send_*` ([`Event::OaSend`]: `oa_send_text`, `_image`, `_list`, `_file`, …): the OA
//!   wrote to a user (from any app or the OA's own chat window);
//! - `user_click_*` ([`Event::UserClick`]: `user_click_chatnow`, …): a user clicked a button
//!   of the OA.
//!
//! Any other name (`user_seen_message`, `user_submit_info`, `add_user_to_tag`, …) is
//! [`Event::Unknown`], with the whole document. Unknown fields are ignored; every field Zalo
//! may leave out is an `Option`, and the ids and the millisecond `timestamp`, which Zalo sends
//! as JSON strings, are accepted as strings or numbers.
//!
//! ```
//! use webhook_guard::events::zalo::{self, Event};
//! let body = r#"{"app_id":"360846524940903967","sender":{"id":"246845883529197922"},
//!   "user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},
//!   "event_name":"user_send_text","message":{"text":"Xin chào","msg_id":"96d3cdf3af150460909"},
//!   "timestamp":"1700000000000"}"#.as_bytes();
//! let Event::UserSend(m) = zalo::parse(body)? else { panic!() };
//! assert_eq!(m.kind(), "text");
//! assert_eq!(m.sender_id(), Some("246845883529197922"));
//! assert_eq!(m.message.unwrap().text.as_deref(), Some("Xin chào"));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::events::TypedEvent;
use crate::payload;

use super::support;

/// A Zalo OA webhook, by `event_name` (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// `follow`: a user followed the OA.
    Follow(Follow),
    /// `unfollow`: a user stopped following the OA.
    Unfollow(Follow),
    /// `user_send_*`: a user sent the OA a message ([`MessageEvent::event_name`] says which).
    UserSend(MessageEvent),
    /// `oa_send_*`: the OA sent a user a message.
    OaSend(MessageEvent),
    /// `user_click_*`: a user clicked one of the OA's buttons (`user_click_chatnow`).
    UserClick(Click),
    /// An event this crate does not type (yet): its name as sent and the whole document.
    Unknown {
        /// The `event_name` as sent (empty when the document names none).
        name: String,
        /// The whole document.
        raw: Value,
    },
}

impl Event {
    /// The `event_name`, as sent.
    pub fn name(&self) -> &str {
        match self {
            Event::Follow(_) => "follow",
            Event::Unfollow(_) => "unfollow",
            Event::UserSend(m) | Event::OaSend(m) => &m.event_name,
            Event::UserClick(c) => &c.event_name,
            Event::Unknown { name, .. } => name,
        }
    }
}

impl TypedEvent for Event {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Event::Follow(_) => "zalo::Event::Follow",
            Event::Unfollow(_) => "zalo::Event::Unfollow",
            Event::UserSend(_) => "zalo::Event::UserSend",
            Event::OaSend(_) => "zalo::Event::OaSend",
            Event::UserClick(_) => "zalo::Event::UserClick",
            Event::Unknown { .. } => "zalo::Event::Unknown",
        })
    }

    fn is_typed(&self) -> bool {
        !matches!(self, Event::Unknown { .. })
    }

    /// The `event_name` ([`Event::name`]).
    fn event_name(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(self.name()))
    }

    #[cfg(feature = "serialize")]
    fn to_json(&self) -> Option<serde_json::Value> {
        match self {
            Event::Follow(e) | Event::Unfollow(e) => serde_json::to_value(e).ok(),
            Event::UserSend(e) | Event::OaSend(e) => serde_json::to_value(e).ok(),
            Event::UserClick(e) => serde_json::to_value(e).ok(),
            Event::Unknown { raw, .. } => Some(raw.clone()),
        }
    }
}

/// Types a verified Zalo body by its `event_name`. A body that does not fit its event's type
/// is an [`Error::InvalidPayload`] naming the path from the body's root.
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    let value: Value = payload::from_json(body)?;
    let name = support::str_at(&value, "/event_name")
        .unwrap_or_default()
        .to_owned();
    Ok(match name.as_str() {
        "follow" => Event::Follow(payload::from_value(value)?),
        "unfollow" => Event::Unfollow(payload::from_value(value)?),
        n if n.starts_with("user_send_") => Event::UserSend(payload::from_value(value)?),
        n if n.starts_with("oa_send_") => Event::OaSend(payload::from_value(value)?),
        n if n.starts_with("user_click_") => Event::UserClick(payload::from_value(value)?),
        _ => Event::Unknown { name, raw: value },
    })
}

/// A user or an OA, by id.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Party {
    /// The id (a user's id is scoped to the OA).
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub id: Option<String>,
}

/// `follow` / `unfollow`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Follow {
    /// The app the OA is linked to.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub app_id: Option<String>,
    /// The OA.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub oa_id: Option<String>,
    /// The user who followed or unfollowed.
    pub follower: Option<Party>,
    /// The user's id as the app (not the OA) knows them.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub user_id_by_app: Option<String>,
    /// Where the follow came from (`oa_profile`, `testing_webhook`, …).
    pub source: Option<String>,
    /// When, in milliseconds since the epoch (as sent: a decimal string).
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub timestamp: Option<String>,
}

/// `user_send_*` / `oa_send_*`: one message between a user and the OA.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MessageEvent {
    /// The exact event name (`user_send_text`, `oa_send_image`, …).
    pub event_name: String,
    /// The app the OA is linked to.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub app_id: Option<String>,
    /// Who sent it (the user for `user_send_*`, the OA for `oa_send_*`).
    pub sender: Option<Party>,
    /// Who received it.
    pub recipient: Option<Party>,
    /// The user's id as the app knows them.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub user_id_by_app: Option<String>,
    /// The message.
    pub message: Option<Message>,
    /// When, in milliseconds since the epoch (as sent: a decimal string).
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub timestamp: Option<String>,
}

impl MessageEvent {
    /// What was sent: the event name after `user_send_` / `oa_send_` (`text`, `image`, …).
    pub fn kind(&self) -> &str {
        let name = self.event_name.as_str();
        name.strip_prefix("user_send_")
            .or_else(|| name.strip_prefix("oa_send_"))
            .unwrap_or(name)
    }

    /// The sender's id.
    pub fn sender_id(&self) -> Option<&str> {
        self.sender.as_ref()?.id.as_deref()
    }

    /// The recipient's id.
    pub fn recipient_id(&self) -> Option<&str> {
        self.recipient.as_ref()?.id.as_deref()
    }
}

/// The `message` of a message event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Message {
    /// The message id.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub msg_id: Option<String>,
    /// The text (of a text message; a caption, or empty, with attachments).
    pub text: Option<String>,
    /// Images, files, stickers, locations, links, … (empty for text).
    #[serde(default, deserialize_with = "support::nullable")]
    pub attachments: Vec<Attachment>,
}

/// One attachment of a message.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Attachment {
    /// `image`, `file`, `sticker`, `gif`, `audio`, `video`, `location`, `link`, ….
    #[serde(rename = "type")]
    pub attachment_type: Option<String>,
    /// What it holds; which fields are set depends on the type.
    pub payload: Option<AttachmentPayload>,
}

/// The `payload` of an [`Attachment`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AttachmentPayload {
    /// The file, image, sticker or link URL.
    pub url: Option<String>,
    /// A preview image.
    pub thumbnail: Option<String>,
    /// A link's description.
    pub description: Option<String>,
    /// A sticker's id.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub id: Option<String>,
    /// A file's name.
    pub name: Option<String>,
    /// A file's size in bytes (as sent).
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub size: Option<String>,
    /// A file's checksum.
    pub checksum: Option<String>,
    /// A file's type (`pdf`, …).
    #[serde(rename = "type")]
    pub file_type: Option<String>,
    /// A location.
    pub coordinates: Option<Coordinates>,
}

/// A location's coordinates (decimal degrees, as sent).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Coordinates {
    /// Latitude.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub latitude: Option<String>,
    /// Longitude.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub longitude: Option<String>,
}

/// `user_click_*`: a user clicked a button of the OA (`user_click_chatnow`: *Chat now*).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Click {
    /// The exact event name.
    pub event_name: String,
    /// The app the OA is linked to.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub app_id: Option<String>,
    /// The OA.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub oa_id: Option<String>,
    /// The user who clicked (some events name them here).
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub user_id: Option<String>,
    /// The user who clicked (other events name them here).
    pub follower: Option<Party>,
    /// The user's id as the app knows them.
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub user_id_by_app: Option<String>,
    /// Where the click came from.
    pub source: Option<String>,
    /// When, in milliseconds since the epoch (as sent: a decimal string).
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub timestamp: Option<String>,
}

impl Click {
    /// The user who clicked: `user_id`, else `follower.id`.
    pub fn clicker_id(&self) -> Option<&str> {
        self.user_id
            .as_deref()
            .or_else(|| self.follower.as_ref()?.id.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_bytes!(concat!("../../tests/fixtures/zalo/", $name, ".json"))
        };
    }

    #[test]
    fn documented_samples() {
        let Event::UserSend(m) = parse(fixture!("user_send_text")).unwrap() else {
            panic!()
        };
        assert_eq!(
            (m.kind(), m.event_name.as_str()),
            ("text", "user_send_text")
        );
        assert_eq!(m.recipient_id(), Some("388613280878808645"));
        assert_eq!(m.timestamp.as_deref(), Some("1700000000000"));
        let msg = m.message.unwrap();
        assert_eq!(msg.msg_id.as_deref(), Some("96d3cdf3af150460909"));
        assert!(msg.attachments.is_empty());

        let Event::UserSend(m) = parse(fixture!("user_send_image")).unwrap() else {
            panic!()
        };
        let a = &m.message.unwrap().attachments[0];
        assert_eq!(a.attachment_type.as_deref(), Some("image"));
        assert!(a.payload.as_ref().unwrap().thumbnail.is_some());

        let Event::UserSend(m) = parse(fixture!("user_send_location")).unwrap() else {
            panic!()
        };
        let c = m.message.unwrap().attachments[0]
            .payload
            .clone()
            .unwrap()
            .coordinates
            .unwrap();
        assert_eq!(c.latitude.as_deref(), Some("10.7642473"));

        let Event::UserSend(m) = parse(fixture!("user_send_file")).unwrap() else {
            panic!()
        };
        let p = m.message.unwrap().attachments[0].payload.clone().unwrap();
        assert_eq!(
            (p.name.as_deref(), p.size.as_deref(), p.file_type.as_deref()),
            (Some("bao-gia.pdf"), Some("148622"), Some("pdf"))
        );

        let Event::UserSend(m) = parse(fixture!("user_send_sticker")).unwrap() else {
            panic!()
        };
        assert_eq!(m.kind(), "sticker");

        let Event::OaSend(m) = parse(fixture!("oa_send_text")).unwrap() else {
            panic!()
        };
        assert_eq!(
            (m.kind(), m.sender_id()),
            ("text", Some("388613280878808645"))
        );

        let Event::Follow(f) = parse(fixture!("follow")).unwrap() else {
            panic!()
        };
        assert_eq!(
            f.follower.unwrap().id.as_deref(),
            Some("246845883529197922")
        );
        let e = parse(fixture!("unfollow")).unwrap();
        assert_eq!(
            (e.name(), e.variant_name()),
            ("unfollow", Cow::Borrowed("zalo::Event::Unfollow"))
        );

        let Event::UserClick(c) = parse(fixture!("user_click_chatnow")).unwrap() else {
            panic!()
        };
        assert_eq!(c.clicker_id(), Some("246845883529197922"));

        let e = parse(fixture!("user_seen_message")).unwrap();
        assert!(
            matches!(&e, Event::Unknown { name, raw } if name == "user_seen_message" && raw.get("message").is_some())
        );
        assert!(!e.is_typed());
    }

    #[test]
    fn lenient_and_strict_where_it_matters() {
        // Numbers for ids and timestamps, unknown fields, no optional fields at all.
        let e = parse(
            br#"{"event_name":"user_send_gif","app_id":1,"timestamp":1700000000000,"new":{"x":1}}"#,
        )
        .unwrap();
        let Event::UserSend(m) = e else { panic!() };
        assert_eq!(
            (m.app_id.as_deref(), m.timestamp.as_deref(), m.message),
            (Some("1"), Some("1700000000000"), None)
        );
        let e =
            parse(br#"{"event_name":"user_click_somethingnew","follower":{"id":"7"}}"#).unwrap();
        let Event::UserClick(c) = e else { panic!() };
        assert_eq!(c.clicker_id(), Some("7"));
        assert!(matches!(
            parse(br#"{"timestamp":"1"}"#).unwrap(),
            Event::Unknown { ref name, .. } if name.is_empty()
        ));
        let err = parse(br#"{"event_name":"user_send_text","message":{"text":5}}"#).unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "message.text"),
            "{err:?}"
        );
        let err = parse(br#"{"event_name":"follow","follower":"x"}"#).unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "follower"),
            "{err:?}"
        );
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
