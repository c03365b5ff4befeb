//! `object: "whatsapp_business_account"`: the WhatsApp Cloud API's `messages` field —
//! incoming messages, status updates of sent messages, contacts and metadata.

use crate::events::support::string_enum;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::events::support::{self, lenient_bool, nullable, string_or_number};
use crate::payload;

use super::lenient_i64;

/// One `entry[]` of a WhatsApp notification.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct WhatsAppEntry {
    /// The WhatsApp Business Account id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// When, in Unix seconds (most WhatsApp entries have none).
    #[serde(default, deserialize_with = "lenient_i64")]
    pub time: Option<i64>,
    /// The changes.
    #[serde(default, deserialize_with = "nullable")]
    pub changes: Vec<WhatsAppChange>,
}

changes! {
    /// A WhatsApp `changes[]` item, by `field`. Account, template and phone-number fields
    /// (`account_update`, `message_template_status_update`, …) are [`WhatsAppChange::Other`].
    WhatsAppChange {
        /// Incoming messages and status updates.
        "messages" => Messages(WhatsAppValue),
    }
}

/// The `value` of a `messages` change.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct WhatsAppValue {
    /// `whatsapp`.
    pub messaging_product: Option<String>,
    /// The business phone number the change concerns.
    pub metadata: Option<Metadata>,
    /// The senders of `messages`.
    #[serde(default, deserialize_with = "nullable")]
    pub contacts: Vec<Contact>,
    /// Incoming messages.
    #[serde(default, deserialize_with = "nullable")]
    pub messages: Vec<WhatsAppMessage>,
    /// Status updates of messages the business sent.
    #[serde(default, deserialize_with = "nullable")]
    pub statuses: Vec<Status>,
    /// Errors not tied to one message.
    #[serde(default, deserialize_with = "nullable")]
    pub errors: Vec<WhatsAppError>,
}

/// `metadata`: the business phone number.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Metadata {
    /// The number as displayed.
    #[serde(default, deserialize_with = "string_or_number")]
    pub display_phone_number: Option<String>,
    /// The phone number id (to answer through the Cloud API).
    #[serde(default, deserialize_with = "string_or_number")]
    pub phone_number_id: Option<String>,
}

/// A sender in `contacts`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Contact {
    /// The sender's WhatsApp id (their phone number).
    #[serde(default, deserialize_with = "string_or_number")]
    pub wa_id: Option<String>,
    /// The sender's business-scoped user id, where sent.
    pub user_id: Option<String>,
    /// Their profile.
    pub profile: Option<Profile>,
}

/// A sender's profile.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Profile {
    /// Their name.
    pub name: Option<String>,
}

/// An error, in `errors` of a value, a message or a status.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WhatsAppError {
    /// The error code (e.g. `131047`: more than 24 hours since the customer last replied).
    #[serde(default, deserialize_with = "lenient_i64")]
    pub code: Option<i64>,
    /// The title.
    pub title: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// Details.
    pub error_data: Option<ErrorData>,
    /// A link to the error codes reference.
    pub href: Option<String>,
}

/// `error_data`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ErrorData {
    /// What went wrong.
    pub details: Option<String>,
}

/// An incoming message: the fields every message has, and its typed content.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WhatsAppMessage {
    /// The sender's WhatsApp id.
    pub from: Option<String>,
    /// The message id (`wamid.…`).
    pub id: Option<String>,
    /// When, in Unix seconds.
    pub timestamp: Option<i64>,
    /// The message replied to or forwarded, or the product asked about.
    pub context: Option<Context>,
    /// For `unsupported` messages: why.
    pub errors: Vec<WhatsAppError>,
    /// For messages from a click-to-WhatsApp ad: the ad.
    pub referral: Option<Value>,
    /// What was sent, by `type`.
    pub content: WhatsAppContent,
}

/// `context` of a message.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Context {
    /// The sender of the message replied to (the business number).
    #[serde(default, deserialize_with = "string_or_number")]
    pub from: Option<String>,
    /// The message replied to.
    pub id: Option<String>,
    /// The message was forwarded.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub forwarded: Option<bool>,
    /// The message was forwarded more than five times.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub frequently_forwarded: Option<bool>,
    /// The product asked about (`catalog_id`, `product_retailer_id`).
    pub referred_product: Option<Value>,
}

/// The content of a [`WhatsAppMessage`], by its `type`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum WhatsAppContent {
    /// `text`.
    Text(Text),
    /// `image`.
    Image(Media),
    /// `video`.
    Video(Media),
    /// `audio` (a voice note has `voice: true`).
    Audio(Media),
    /// `document`.
    Document(Media),
    /// `sticker`.
    Sticker(Media),
    /// `location`.
    Location(Location),
    /// `contacts`: shared contact cards, as JSON.
    Contacts(Vec<Value>),
    /// `interactive`: a reply to a reply-button or list message.
    Interactive(Interactive),
    /// `button`: a tapped quick-reply button of a template message.
    Button(Button),
    /// `reaction`: a reaction to a message was added (or removed: no emoji).
    Reaction(WhatsAppReaction),
    /// Another type (`order`, `system`, `request_welcome`, `unsupported`, …): the type and the
    /// whole message.
    Other {
        /// The `type` as sent (empty when missing).
        kind: String,
        /// The whole message.
        raw: Value,
    },
}

impl WhatsAppContent {
    /// The message types with a typed variant.
    pub const TYPES: &'static [&'static str] = &[
        "text",
        "image",
        "video",
        "audio",
        "document",
        "sticker",
        "location",
        "contacts",
        "interactive",
        "button",
        "reaction",
    ];

    /// The `type`.
    pub fn kind(&self) -> &str {
        match self {
            WhatsAppContent::Text(_) => "text",
            WhatsAppContent::Image(_) => "image",
            WhatsAppContent::Video(_) => "video",
            WhatsAppContent::Audio(_) => "audio",
            WhatsAppContent::Document(_) => "document",
            WhatsAppContent::Sticker(_) => "sticker",
            WhatsAppContent::Location(_) => "location",
            WhatsAppContent::Contacts(_) => "contacts",
            WhatsAppContent::Interactive(_) => "interactive",
            WhatsAppContent::Button(_) => "button",
            WhatsAppContent::Reaction(_) => "reaction",
            WhatsAppContent::Other { kind, .. } => kind,
        }
    }

    /// `false` for [`WhatsAppContent::Other`].
    pub fn is_typed(&self) -> bool {
        !matches!(self, WhatsAppContent::Other { .. })
    }

    fn from_member(kind: &str, value: Value) -> Result<Self, crate::Error> {
        Ok(match kind {
            "text" => Self::Text(payload::from_value(value)?),
            "image" => Self::Image(payload::from_value(value)?),
            "video" => Self::Video(payload::from_value(value)?),
            "audio" => Self::Audio(payload::from_value(value)?),
            "document" => Self::Document(payload::from_value(value)?),
            "sticker" => Self::Sticker(payload::from_value(value)?),
            "location" => Self::Location(payload::from_value(value)?),
            "contacts" => Self::Contacts(payload::from_value(value)?),
            "interactive" => Self::Interactive(payload::from_value(value)?),
            "button" => Self::Button(payload::from_value(value)?),
            _ => Self::Reaction(payload::from_value(value)?),
        })
    }
}

impl<'de> Deserialize<'de> for WhatsAppMessage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Head {
            #[serde(default, deserialize_with = "string_or_number")]
            from: Option<String>,
            id: Option<String>,
            #[serde(default, deserialize_with = "lenient_i64")]
            timestamp: Option<i64>,
            context: Option<Context>,
            #[serde(default, deserialize_with = "nullable")]
            errors: Vec<WhatsAppError>,
            referral: Option<Value>,
        }
        let mut map = Map::<String, Value>::deserialize(d)?;
        let kind = map
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let content = match WhatsAppContent::TYPES.iter().find(|t| **t == kind) {
            Some(member) => {
                let value = map.remove(*member).unwrap_or_default();
                WhatsAppContent::from_member(member, value)
                    .map_err(|e| support::nested_error(payload::within(member, e)))?
            }
            None => WhatsAppContent::Other {
                kind,
                raw: Value::Object(map.clone()),
            },
        };
        let head: Head = payload::from_value(Value::Object(map)).map_err(support::nested_error)?;
        Ok(WhatsAppMessage {
            from: head.from,
            id: head.id,
            timestamp: head.timestamp,
            context: head.context,
            errors: head.errors,
            referral: head.referral,
            content,
        })
    }
}

/// `text`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Text {
    /// The text.
    pub body: Option<String>,
}

/// A media message (`image`, `video`, `audio`, `document`, `sticker`); download it through the
/// Cloud API by `id`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Media {
    /// The media id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub id: Option<String>,
    /// The MIME type.
    pub mime_type: Option<String>,
    /// The file's SHA-256 (base64).
    pub sha256: Option<String>,
    /// The caption (images, videos, documents).
    pub caption: Option<String>,
    /// The file name (documents).
    pub filename: Option<String>,
    /// A voice note (audio).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub voice: Option<bool>,
    /// An animated sticker.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub animated: Option<bool>,
    /// A download URL, where sent.
    pub url: Option<String>,
}

/// `location`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Location {
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// The place's name.
    pub name: Option<String>,
    /// Its address.
    pub address: Option<String>,
    /// Its URL.
    pub url: Option<String>,
}

/// `interactive`: `type` is `button_reply`, `list_reply` or `nfm_reply` (a Flow's answer).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Interactive {
    /// `button_reply`, `list_reply`, `nfm_reply`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The reply button tapped.
    pub button_reply: Option<Reply>,
    /// The list row chosen.
    pub list_reply: Option<Reply>,
    /// A Flow's answer (`name`, `body`, `response_json`).
    pub nfm_reply: Option<Value>,
}

/// A tapped reply button or chosen list row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Reply {
    /// The id set on the button or row.
    pub id: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// The row's description (lists).
    pub description: Option<String>,
}

/// `button`: a template's quick-reply button.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Button {
    /// The payload set on the button.
    pub payload: Option<String>,
    /// Its text.
    pub text: Option<String>,
}

/// `reaction`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct WhatsAppReaction {
    /// The message reacted to.
    pub message_id: Option<String>,
    /// The emoji; absent or empty when a reaction was removed.
    pub emoji: Option<String>,
}

string_enum! {
    /// The `status` of a sent message.
    StatusKind {
        Sent = "sent",
        Delivered = "delivered",
        Read = "read",
        Played = "played",
        Failed = "failed",
        Deleted = "deleted",
        Warning = "warning",
    }
}

/// A status update of a message the business sent.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Status {
    /// The message id (`wamid.…`).
    pub id: Option<String>,
    /// `sent`, `delivered`, `read`, `failed`, ….
    pub status: StatusKind,
    /// When, in Unix seconds.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub timestamp: Option<i64>,
    /// The recipient's WhatsApp id.
    #[serde(default, deserialize_with = "string_or_number")]
    pub recipient_id: Option<String>,
    /// The conversation the message opened or belongs to.
    pub conversation: Option<Conversation>,
    /// How the message is priced.
    pub pricing: Option<Pricing>,
    /// For `failed`: why.
    #[serde(default, deserialize_with = "nullable")]
    pub errors: Vec<WhatsAppError>,
    /// The `biz_opaque_callback_data` given when sending.
    pub biz_opaque_callback_data: Option<String>,
}

/// `conversation` of a status.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Conversation {
    /// The conversation id.
    pub id: Option<String>,
    /// When the conversation expires, in Unix seconds.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub expiration_timestamp: Option<i64>,
    /// What opened it (`type`: `marketing`, `utility`, `authentication`, `service`, …).
    pub origin: Option<Origin>,
}

/// `conversation.origin`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Origin {
    /// `marketing`, `utility`, `authentication`, `service`, `referral_conversion`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `pricing` of a status.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Pricing {
    /// Whether the message is billed.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub billable: Option<bool>,
    /// `CBP`, `PMP`.
    pub pricing_model: Option<String>,
    /// `marketing`, `utility`, `authentication`, `service`, ….
    pub category: Option<String>,
    /// `regular`, `free_customer_service`, `free_entry_point` (per-message pricing).
    #[serde(rename = "type")]
    pub kind: Option<String>,
}
