//! `messaging[]` events: Messenger (`object: "page"`) and Instagram messaging
//! (`object: "instagram"`) share one shape.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::events::support::{lenient_bool, nullable, string_or_number};
use crate::payload;

use super::lenient_i64;

/// One `messaging[]` item: who sent what to whom, and when.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Messaging {
    /// The sender: a Page-scoped (PSID) or Instagram-scoped user id, or the Page / account
    /// itself for echoes.
    pub sender: Option<Party>,
    /// The recipient.
    pub recipient: Option<Party>,
    /// When, in milliseconds since the epoch (the Instagram dashboard's test payloads send
    /// seconds, as a string).
    pub timestamp: Option<i64>,
    /// What happened.
    pub event: MessagingEvent,
}

/// A sender or recipient.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Party {
    /// The id (PSID, IGSID, Page or account id).
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// For Checkbox-plugin and Customer Chat senders: the `user_ref` instead of an id.
    pub user_ref: Option<String>,
}

/// What a messaging item is about: the first of its members this crate types.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum MessagingEvent {
    /// `message`: a message to the Page or account (or, with `is_echo`, one it sent).
    Message(Message),
    /// `postback`: a postback button, Get Started button or persistent menu item was tapped.
    Postback(Postback),
    /// `delivery`: messages the Page sent were delivered (Messenger).
    Delivery(MessageDelivery),
    /// `read`: messages the Page or account sent were read.
    Read(MessageRead),
    /// `reaction`: a reaction to a message was added or removed.
    Reaction(Reaction),
    /// `referral`: the user came through an m.me link, an ad or a plugin.
    Referral(Referral),
    /// Another member (`optin`, `account_linking`, `pass_thread_control`, `policy_enforcement`,
    /// …): its name and the whole item.
    Other {
        /// The member's name (empty when the item has only sender, recipient and timestamp).
        name: String,
        /// The whole `messaging[]` item.
        raw: Value,
    },
}

impl MessagingEvent {
    /// The member names with a typed variant.
    pub const NAMES: &'static [&'static str] = &[
        "message", "postback", "delivery", "read", "reaction", "referral",
    ];

    /// The member's name.
    pub fn name(&self) -> &str {
        match self {
            MessagingEvent::Message(_) => "message",
            MessagingEvent::Postback(_) => "postback",
            MessagingEvent::Delivery(_) => "delivery",
            MessagingEvent::Read(_) => "read",
            MessagingEvent::Reaction(_) => "reaction",
            MessagingEvent::Referral(_) => "referral",
            MessagingEvent::Other { name, .. } => name,
        }
    }

    /// `false` for [`MessagingEvent::Other`].
    pub fn is_typed(&self) -> bool {
        !matches!(self, MessagingEvent::Other { .. })
    }
}

/// Members every messaging item has; the rest name the event.
const ENVELOPE: [&str; 3] = ["sender", "recipient", "timestamp"];

impl<'de> Deserialize<'de> for Messaging {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Head {
            sender: Option<Party>,
            recipient: Option<Party>,
            #[serde(default, deserialize_with = "lenient_i64")]
            timestamp: Option<i64>,
        }
        let mut map = Map::<String, Value>::deserialize(d)?;
        let known = MessagingEvent::NAMES
            .iter()
            .find(|name| map.contains_key(**name))
            .copied();
        let event = match known {
            Some(name) => {
                let value = map.remove(name).unwrap_or_default();
                match name {
                    "message" => payload::from_value(value).map(MessagingEvent::Message),
                    "postback" => payload::from_value(value).map(MessagingEvent::Postback),
                    "delivery" => payload::from_value(value).map(MessagingEvent::Delivery),
                    "read" => payload::from_value(value).map(MessagingEvent::Read),
                    "reaction" => payload::from_value(value).map(MessagingEvent::Reaction),
                    _ => payload::from_value(value).map(MessagingEvent::Referral),
                }
                .map_err(|e| member_error::<D>(name, e))?
            }
            None => MessagingEvent::Other {
                name: map
                    .keys()
                    .find(|k| !ENVELOPE.contains(&k.as_str()))
                    .cloned()
                    .unwrap_or_default(),
                raw: Value::Object(map.clone()),
            },
        };
        let head: Head = payload::from_value(Value::Object(map))
            .map_err(crate::events::support::nested_error)?;
        Ok(Messaging {
            sender: head.sender,
            recipient: head.recipient,
            timestamp: head.timestamp,
            event,
        })
    }
}

/// A failure inside member `member`, as a serde error naming its path.
fn member_error<'de, D: Deserializer<'de>>(member: &str, e: crate::Error) -> D::Error {
    crate::events::support::nested_error(payload::within(member, e))
}

/// `message`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The message id.
    pub mid: Option<String>,
    /// The text, if the message has any.
    pub text: Option<String>,
    /// Attachments (images, audio, video, files, locations, stickers, shares, story mentions,
    /// …).
    #[serde(default, deserialize_with = "nullable")]
    pub attachments: Vec<Attachment>,
    /// The quick reply that was tapped.
    pub quick_reply: Option<QuickReply>,
    /// The message (or Instagram story) this one replies to.
    pub reply_to: Option<ReplyTo>,
    /// `true` for an echo of a message the Page or account sent.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_echo: Option<bool>,
    /// For echoes: the app that sent it.
    #[serde(default, deserialize_with = "string_or_number")]
    pub app_id: Option<String>,
    /// For echoes: the `metadata` the sender attached.
    pub metadata: Option<String>,
    /// Instagram: the message was deleted (unsent).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_deleted: Option<bool>,
    /// Instagram: the message type is not supported by the API.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_unsupported: Option<bool>,
}

/// One attachment of a [`Message`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Attachment {
    /// `image`, `audio`, `video`, `file`, `location`, `fallback`, `template`, `share`,
    /// `story_mention`, `ig_reel`, `reel`, ….
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// What is attached.
    pub payload: Option<AttachmentPayload>,
}

/// The `payload` of an [`Attachment`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AttachmentPayload {
    /// The media URL (expires).
    pub url: Option<String>,
    /// A title (shares, fallbacks, templates, reels).
    pub title: Option<String>,
    /// A sticker's id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub sticker_id: Option<String>,
    /// A reel or post id (Instagram).
    #[serde(default, deserialize_with = "string_or_number")]
    pub reel_video_id: Option<String>,
    /// A shared location.
    pub coordinates: Option<Coordinates>,
}

/// A location attachment's coordinates.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Coordinates {
    /// Latitude.
    pub lat: Option<f64>,
    /// Longitude.
    pub long: Option<f64>,
}

/// `message.quick_reply`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct QuickReply {
    /// The payload set on the quick reply.
    pub payload: Option<String>,
}

/// `message.reply_to`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ReplyTo {
    /// The message replied to.
    pub mid: Option<String>,
    /// Instagram: the story replied to (`url`, `id`).
    pub story: Option<Value>,
}

/// `postback`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Postback {
    /// The message id (Instagram and newer Messenger postbacks).
    pub mid: Option<String>,
    /// The button's title.
    pub title: Option<String>,
    /// The payload set on the button.
    pub payload: Option<String>,
    /// How the user came, for the Get Started button.
    pub referral: Option<Referral>,
}

/// `delivery`: every message sent before `watermark` was delivered.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MessageDelivery {
    /// Ids of delivered messages (may be absent).
    #[serde(default, deserialize_with = "nullable")]
    pub mids: Vec<String>,
    /// Messages sent before this time (ms) were delivered.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub watermark: Option<i64>,
    /// A sequence number (deprecated).
    #[serde(default, deserialize_with = "lenient_i64")]
    pub seq: Option<i64>,
}

/// `read`: every message sent before `watermark` (Messenger) or the message `mid` (Instagram)
/// was read.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct MessageRead {
    /// Messages sent before this time (ms) were read (Messenger).
    #[serde(default, deserialize_with = "lenient_i64")]
    pub watermark: Option<i64>,
    /// The message read (Instagram).
    pub mid: Option<String>,
    /// A sequence number (deprecated).
    #[serde(default, deserialize_with = "lenient_i64")]
    pub seq: Option<i64>,
}

/// `reaction`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Reaction {
    /// The message reacted to.
    pub mid: Option<String>,
    /// `react` or `unreact`.
    pub action: Option<String>,
    /// `smile`, `angry`, `sad`, `wow`, `love`, `like`, `dislike`, `other`.
    pub reaction: Option<String>,
    /// The emoji (for `react`).
    pub emoji: Option<String>,
}

/// `referral` (also inside a Get Started [`Postback`]).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Referral {
    /// The `ref` parameter of the link or plugin.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// `SHORTLINK`, `ADS`, `MESSENGER_CODE`, `CUSTOMER_CHAT_PLUGIN`, ….
    pub source: Option<String>,
    /// `OPEN_THREAD`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The ad, for `ADS`.
    #[serde(default, deserialize_with = "string_or_number")]
    pub ad_id: Option<String>,
    /// The page the plugin is on.
    pub referer_uri: Option<String>,
}
