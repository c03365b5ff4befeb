//! Twitch EventSub over webhooks: the message type comes from the
//! `Twitch-Eventsub-Message-Type` header, the subscription type from the body's
//! `subscription.type`.
//!
//! | message type | variant |
//! |---|---|
//! | `notification` | [`Event::Notification`], its `event` typed by subscription type ([`SubscriptionEvent`]) |
//! | `webhook_callback_verification` | [`Event::WebhookCallbackVerification`] (answered for you by the handshake) |
//! | `revocation` | [`Event::Revocation`] |
//!
//! ```
//! use webhook_guard::events::twitch::{self, Event, SubscriptionEvent};
//! let body = br#"{"subscription":{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled",
//!     "type":"channel.follow","version":"2","cost":0,
//!     "condition":{"broadcaster_user_id":"1337","moderator_user_id":"1337"},
//!     "transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},
//!     "created_at":"2019-11-16T10:11:12.634234626Z"},
//!   "event":{"user_id":"1234","user_login":"cool_user","user_name":"Cool_User",
//!     "broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user",
//!     "broadcaster_user_name":"Cooler_User","followed_at":"2020-07-15T18:16:11.17106713Z"}}"#;
//! let Event::Notification(n) = twitch::parse(Some("notification"), body)? else { panic!() };
//! let SubscriptionEvent::ChannelFollow(follow) = n.event else { panic!() };
//! assert_eq!(follow.user_login.as_deref(), Some("cool_user"));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::events::TypedEvent;
use crate::payload;

use super::support::{self, deserialize_by_pointer, named_events};

/// `Twitch-Eventsub-Message-Type`.
pub const MESSAGE_TYPE_HEADER: &str = "Twitch-Eventsub-Message-Type";

/// An EventSub message.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)]
pub enum Event {
    /// `notification`: a subscribed event happened.
    Notification(Notification),
    /// `webhook_callback_verification`: answer with the challenge.
    WebhookCallbackVerification(Verification),
    /// `revocation`: Twitch ended the subscription.
    Revocation(Revocation),
    /// A message type this crate does not know.
    Unknown {
        /// The message type.
        name: String,
        /// The whole body.
        raw: Value,
    },
}

/// The body: the message's fields (the message type travels in its header), or the raw body
/// for `Unknown`.
#[cfg(feature = "serialize")]
impl serde::Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Event::Notification(n) => n.serialize(serializer),
            Event::WebhookCallbackVerification(v) => v.serialize(serializer),
            Event::Revocation(r) => r.serialize(serializer),
            Event::Unknown { raw, .. } => raw.serialize(serializer),
        }
    }
}

impl TypedEvent for Event {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Event::Notification(_) => "twitch::Event::Notification",
            Event::WebhookCallbackVerification(_) => "twitch::Event::WebhookCallbackVerification",
            Event::Revocation(_) => "twitch::Event::Revocation",
            Event::Unknown { .. } => "twitch::Event::Unknown",
        })
    }

    /// `false` for [`Event::Unknown`] and for notifications of an unknown subscription type.
    fn is_typed(&self) -> bool {
        match self {
            Event::Notification(n) => n.event.is_typed(),
            Event::Unknown { .. } => false,
            _ => true,
        }
    }

    /// The subscription type for notifications (`"channel.follow"`), the message type
    /// otherwise.
    fn event_name(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(match self {
            Event::Notification(n) => n.event.name(),
            Event::WebhookCallbackVerification(_) => "webhook_callback_verification",
            Event::Revocation(_) => "revocation",
            Event::Unknown { name, .. } => name,
        }))
    }

    #[cfg(feature = "serialize")]
    fn to_json(&self) -> Option<Value> {
        serde_json::to_value(self).ok()
    }
}

/// Types a verified EventSub body.
///
/// The message type comes from the **signed body**: `challenge` → verification, `event` →
/// notification (typed by the body's `subscription.type`), a subscription alone whose status is
/// not `enabled` → revocation; anything else is [`Event::Unknown`].
///
/// `event_name` is what the request's unsigned headers said: the
/// `Twitch-Eventsub-Message-Type` (`notification`, `webhook_callback_verification`,
/// `revocation`), or the subscription type the Twitch provider records for notifications
/// (`channel.follow`). Twitch does not sign those headers, so they never choose the type: a
/// header that contradicts the signed body (a notification relabelled `revocation`) is refused
/// as a malformed header rather than handed over as another event.
pub fn parse(event_name: Option<&str>, body: &[u8]) -> Result<Event, Error> {
    use crate::providers::twitch::{
        MESSAGE_TYPE_HEADER, NOTIFICATION, REVOCATION, WEBHOOK_CALLBACK_VERIFICATION,
    };
    let mut value: Value = payload::from_json(body)?;
    let given = event_name.map(str::trim).unwrap_or_default();
    let from_body = if value.get("challenge").is_some() {
        Some(WEBHOOK_CALLBACK_VERIFICATION)
    } else if value.get("event").is_some() {
        Some(NOTIFICATION)
    } else if support::str_at(&value, "/subscription/status").is_some_and(|s| s != "enabled") {
        Some(REVOCATION)
    } else {
        None
    };
    let subscription_type = support::str_at(&value, "/subscription/type");
    let consistent = match (given, from_body) {
        ("", _) => true,
        (NOTIFICATION | WEBHOOK_CALLBACK_VERIFICATION | REVOCATION, body) => body == Some(given),
        // A subscription type: only a notification carries one, and it must be the body's.
        (_, Some(NOTIFICATION)) => subscription_type == Some(given),
        (_, Some(_)) => false,
        (_, None) => true,
    };
    if !consistent {
        return Err(Error::malformed(
            MESSAGE_TYPE_HEADER,
            "names another message or subscription type than the signed body",
        ));
    }
    let inferred = from_body.unwrap_or(given);
    match inferred {
        "notification" => {
            let inner = support::take(&mut value, "event");
            let name = support::str_at(&value, "/subscription/type")
                .unwrap_or_default()
                .to_owned();
            let event = SubscriptionEvent::from_value(&name, inner)
                .map_err(|e| payload::within("event", e))?;
            let subscription = payload::from_value::<Envelope>(value)?.subscription;
            Ok(Event::Notification(Notification {
                subscription,
                event,
            }))
        }
        "webhook_callback_verification" => {
            payload::from_value(value).map(Event::WebhookCallbackVerification)
        }
        "revocation" => payload::from_value(value).map(Event::Revocation),
        other => Ok(Event::Unknown {
            name: other.to_owned(),
            raw: value,
        }),
    }
}

#[derive(Deserialize)]
struct Envelope {
    subscription: Subscription,
}

/// A `notification`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Notification {
    /// The subscription that fired.
    pub subscription: Subscription,
    /// The event, typed by `subscription.type`.
    pub event: SubscriptionEvent,
}

/// A `webhook_callback_verification`: answer `challenge` as `text/plain`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Verification {
    /// The value to echo back.
    pub challenge: String,
    /// The subscription being created.
    pub subscription: Subscription,
}

/// A `revocation`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Revocation {
    /// The subscription, with `status` saying why (`user_removed`,
    /// `authorization_revoked`, `notification_failures_exceeded`, `version_removed`).
    pub subscription: Subscription,
}

/// An EventSub subscription.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Subscription {
    /// The subscription id.
    pub id: String,
    /// `enabled`, `webhook_callback_verification_pending`, or a revocation reason.
    pub status: Option<String>,
    /// The subscription type (`channel.follow`).
    #[serde(rename = "type")]
    pub subscription_type: String,
    /// The type's version (`"1"`, `"2"`).
    pub version: Option<String>,
    /// What it costs against the limit.
    pub cost: Option<i64>,
    /// The condition it was created with.
    pub condition: Option<Value>,
    /// How it is delivered (`method`, `callback`).
    pub transport: Option<Value>,
    /// Created (RFC 3339).
    pub created_at: Option<String>,
}

named_events! {
    /// The `event` of a notification, by `subscription.type`.
    pub enum SubscriptionEvent as "twitch::SubscriptionEvent", unknown name {
        "channel.follow" => ChannelFollow(ChannelFollow),
        "channel.subscribe" => ChannelSubscribe(ChannelSubscribe),
        "channel.subscription.end" => ChannelSubscriptionEnd(ChannelSubscribe),
        "channel.subscription.gift" => ChannelSubscriptionGift(ChannelSubscriptionGift),
        "channel.subscription.message" => ChannelSubscriptionMessage(ChannelSubscriptionMessage),
        "channel.cheer" => ChannelCheer(ChannelCheer),
        "channel.raid" => ChannelRaid(ChannelRaid),
        "channel.update" => ChannelUpdate(ChannelUpdate),
        "channel.ban" => ChannelBan(ChannelBan),
        "channel.unban" => ChannelUnban(ChannelBan),
        "channel.moderator.add" => ChannelModeratorAdd(UserInChannel),
        "channel.moderator.remove" => ChannelModeratorRemove(UserInChannel),
        "channel.vip.add" => ChannelVipAdd(UserInChannel),
        "channel.vip.remove" => ChannelVipRemove(UserInChannel),
        "channel.channel_points_custom_reward_redemption.add" => ChannelPointsRedemptionAdd(Redemption),
        "channel.channel_points_custom_reward_redemption.update" => ChannelPointsRedemptionUpdate(Redemption),
        "channel.poll.begin" => ChannelPollBegin(Poll),
        "channel.poll.progress" => ChannelPollProgress(Poll),
        "channel.poll.end" => ChannelPollEnd(Poll),
        "channel.prediction.begin" => ChannelPredictionBegin(Prediction),
        "channel.prediction.progress" => ChannelPredictionProgress(Prediction),
        "channel.prediction.lock" => ChannelPredictionLock(Prediction),
        "channel.prediction.end" => ChannelPredictionEnd(Prediction),
        "channel.hype_train.begin" => ChannelHypeTrainBegin(HypeTrain),
        "channel.hype_train.progress" => ChannelHypeTrainProgress(HypeTrain),
        "channel.hype_train.end" => ChannelHypeTrainEnd(HypeTrain),
        "channel.chat.message" => ChannelChatMessage(ChatMessage),
        "channel.ad_break.begin" => ChannelAdBreakBegin(AdBreak),
        "channel.shoutout.create" => ChannelShoutoutCreate(Shoutout),
        "channel.shoutout.receive" => ChannelShoutoutReceive(Shoutout),
        "stream.online" => StreamOnline(StreamOnline),
        "stream.offline" => StreamOffline(Broadcaster),
        "user.update" => UserUpdate(UserUpdate),
        "user.authorization.grant" => UserAuthorizationGrant(UserAuthorization),
        "user.authorization.revoke" => UserAuthorizationRevoke(UserAuthorization),
    }
}
deserialize_by_pointer!(SubscriptionEvent, "/type");

/// `stream.offline` (and the broadcaster part of most events).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Broadcaster {
    /// The broadcaster's id.
    pub broadcaster_user_id: Option<String>,
    /// Their login.
    pub broadcaster_user_login: Option<String>,
    /// Their display name.
    pub broadcaster_user_name: Option<String>,
}

/// `channel.follow`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelFollow {
    /// The follower.
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// When (RFC 3339).
    pub followed_at: Option<String>,
}

/// `channel.subscribe`, `channel.subscription.end`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelSubscribe {
    /// The subscriber.
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// `1000`, `2000` or `3000`.
    pub tier: Option<String>,
    /// Whether it was a gift.
    pub is_gift: Option<bool>,
}

/// `channel.subscription.gift`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelSubscriptionGift {
    /// The gifter (`None` when anonymous).
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// Subscriptions gifted.
    pub total: Option<i64>,
    /// `1000`, `2000` or `3000`.
    pub tier: Option<String>,
    /// Total ever gifted (`None` when anonymous or not shared).
    pub cumulative_total: Option<i64>,
    /// Whether it was anonymous.
    pub is_anonymous: Option<bool>,
}

/// `channel.subscription.message` (a resubscription shared in chat).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelSubscriptionMessage {
    /// The subscriber.
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// `1000`, `2000` or `3000`.
    pub tier: Option<String>,
    /// The message (`text`, `emotes`).
    pub message: Option<Value>,
    /// Months subscribed in total.
    pub cumulative_months: Option<i64>,
    /// Consecutive months (`None` when not shared).
    pub streak_months: Option<i64>,
    /// Months in this subscription.
    pub duration_months: Option<i64>,
}

/// `channel.cheer`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelCheer {
    /// Whether it was anonymous (then the user fields are `None`).
    pub is_anonymous: Option<bool>,
    /// The cheerer.
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// Bits cheered.
    pub bits: Option<i64>,
}

/// `channel.raid`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelRaid {
    /// The raiding channel.
    pub from_broadcaster_user_id: Option<String>,
    /// Its login.
    pub from_broadcaster_user_login: Option<String>,
    /// Its display name.
    pub from_broadcaster_user_name: Option<String>,
    /// The raided channel.
    pub to_broadcaster_user_id: Option<String>,
    /// Its login.
    pub to_broadcaster_user_login: Option<String>,
    /// Its display name.
    pub to_broadcaster_user_name: Option<String>,
    /// Viewers in the raid.
    pub viewers: Option<i64>,
}

/// `channel.update`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelUpdate {
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The stream title.
    pub title: Option<String>,
    /// The language (ISO 639-1).
    pub language: Option<String>,
    /// The category id.
    pub category_id: Option<String>,
    /// The category name.
    pub category_name: Option<String>,
    /// Content classification labels.
    pub content_classification_labels: Option<Value>,
}

/// `channel.ban`, `channel.unban`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelBan {
    /// The (un)banned user.
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The moderator.
    pub moderator_user_id: Option<String>,
    /// Their login.
    pub moderator_user_login: Option<String>,
    /// Their display name.
    pub moderator_user_name: Option<String>,
    /// The reason (`channel.ban`).
    pub reason: Option<String>,
    /// When (`channel.ban`).
    pub banned_at: Option<String>,
    /// When a timeout ends (`None` for a permanent ban).
    pub ends_at: Option<String>,
    /// Whether the ban is permanent.
    pub is_permanent: Option<bool>,
}

/// `channel.moderator.*`, `channel.vip.*`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UserInChannel {
    /// The user.
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
}

/// `channel.channel_points_custom_reward_redemption.add` / `.update`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Redemption {
    /// The redemption id.
    pub id: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The redeemer.
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// What the user typed, for rewards that ask.
    pub user_input: Option<String>,
    /// `unfulfilled`, `fulfilled`, `canceled`, `unknown`.
    pub status: Option<String>,
    /// The reward.
    pub reward: Option<Reward>,
    /// When (RFC 3339).
    pub redeemed_at: Option<String>,
}

/// A Channel Points reward.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reward {
    /// The reward id.
    pub id: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Its cost in points.
    pub cost: Option<i64>,
    /// Its prompt.
    pub prompt: Option<String>,
}

/// `channel.poll.*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Poll {
    /// The poll id.
    pub id: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The question.
    pub title: Option<String>,
    /// The choices (`id`, `title`, `votes`, …).
    pub choices: Option<Value>,
    /// `completed`, `archived`, `terminated` (`channel.poll.end`).
    pub status: Option<String>,
    /// Started.
    pub started_at: Option<String>,
    /// Ends (begin / progress).
    pub ends_at: Option<String>,
    /// Ended (end).
    pub ended_at: Option<String>,
}

/// `channel.prediction.*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Prediction {
    /// The prediction id.
    pub id: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The question.
    pub title: Option<String>,
    /// The outcomes.
    pub outcomes: Option<Value>,
    /// The winning outcome (`channel.prediction.end`).
    pub winning_outcome_id: Option<String>,
    /// `resolved` or `canceled` (end).
    pub status: Option<String>,
    /// Started.
    pub started_at: Option<String>,
    /// Locks (begin / progress).
    pub locks_at: Option<String>,
    /// Locked (lock).
    pub locked_at: Option<String>,
    /// Ended (end).
    pub ended_at: Option<String>,
}

/// `channel.hype_train.*`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HypeTrain {
    /// The hype train id.
    pub id: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The level reached.
    pub level: Option<i64>,
    /// Points contributed in total.
    pub total: Option<i64>,
    /// Points in the current level.
    pub progress: Option<i64>,
    /// Points needed for the next level.
    pub goal: Option<i64>,
    /// Top contributors.
    pub top_contributions: Option<Value>,
    /// Started.
    pub started_at: Option<String>,
    /// Expires (begin / progress).
    pub expires_at: Option<String>,
    /// Ended (end).
    pub ended_at: Option<String>,
}

/// `channel.chat.message`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChatMessage {
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The chatter.
    pub chatter_user_id: Option<String>,
    /// Their login.
    pub chatter_user_login: Option<String>,
    /// Their display name.
    pub chatter_user_name: Option<String>,
    /// The message id.
    pub message_id: Option<String>,
    /// The message (`text`, `fragments`).
    pub message: Option<Value>,
    /// `text`, `channel_points_highlighted`, ….
    pub message_type: Option<String>,
    /// Badges.
    pub badges: Option<Value>,
    /// Name colour.
    pub color: Option<String>,
    /// Cheer details.
    pub cheer: Option<Value>,
    /// The parent, for a reply.
    pub reply: Option<Value>,
}

/// `channel.ad_break.begin`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AdBreak {
    /// Length in seconds.
    pub duration_seconds: Option<i64>,
    /// Started.
    pub started_at: Option<String>,
    /// Whether it was scheduled automatically.
    pub is_automatic: Option<bool>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// Who started it.
    pub requester_user_id: Option<String>,
}

/// `channel.shoutout.create`, `channel.shoutout.receive`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Shoutout {
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// The channel shouted out (create).
    pub to_broadcaster_user_id: Option<String>,
    /// The channel shouting out (receive).
    pub from_broadcaster_user_id: Option<String>,
    /// Who did it (create).
    pub moderator_user_id: Option<String>,
    /// Viewers at the time.
    pub viewer_count: Option<i64>,
    /// When.
    pub started_at: Option<String>,
}

/// `stream.online`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct StreamOnline {
    /// The stream id.
    pub id: Option<String>,
    /// The channel.
    pub broadcaster_user_id: Option<String>,
    /// Its login.
    pub broadcaster_user_login: Option<String>,
    /// Its display name.
    pub broadcaster_user_name: Option<String>,
    /// `live`, `playlist`, `watch_party`, `premiere`, `rerun`.
    #[serde(rename = "type")]
    pub stream_type: Option<String>,
    /// Started (RFC 3339).
    pub started_at: Option<String>,
}

/// `user.update`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UserUpdate {
    /// The user.
    pub user_id: Option<String>,
    /// Their login.
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
    /// E-mail (with the `user:read:email` scope).
    pub email: Option<String>,
    /// Whether the e-mail is verified.
    pub email_verified: Option<bool>,
    /// Their description.
    pub description: Option<String>,
}

/// `user.authorization.grant`, `user.authorization.revoke`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UserAuthorization {
    /// Your app's client id.
    pub client_id: Option<String>,
    /// The user.
    pub user_id: Option<String>,
    /// Their login (`None` after a revoke if the account is gone).
    pub user_login: Option<String>,
    /// Their display name.
    pub user_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = r#"{"id":"f1c2a387-161a-49f9-a165-0f21d7a4e1c4","status":"enabled","type":"TYPE","version":"1","cost":0,
        "condition":{"broadcaster_user_id":"12826"},"transport":{"method":"webhook","callback":"https://example.com/webhooks/callback"},
        "created_at":"2019-11-16T10:11:12.634234626Z"}"#;

    fn body(kind: &str, rest: &str) -> Vec<u8> {
        text(kind, rest).into_bytes()
    }

    fn text(kind: &str, rest: &str) -> String {
        format!(r#"{{"subscription":{}{rest}}}"#, SUB.replace("TYPE", kind))
    }

    #[test]
    fn verification_and_revocation() {
        let b = body(
            "channel.follow",
            r#","challenge":"pogchamp-kappa-360noscope-vohiyo""#,
        );
        for message_type in [Some("webhook_callback_verification"), None] {
            match parse(message_type, &b).unwrap() {
                Event::WebhookCallbackVerification(v) => {
                    assert_eq!(v.challenge, "pogchamp-kappa-360noscope-vohiyo");
                    assert_eq!(v.subscription.subscription_type, "channel.follow");
                }
                other => panic!("{other:?}"),
            }
        }
        let b = text("channel.follow", "").replace(r#""enabled""#, r#""authorization_revoked""#);
        for message_type in [Some("revocation"), None] {
            let e = parse(message_type, b.as_bytes()).unwrap();
            assert_eq!(e.variant_name(), "twitch::Event::Revocation");
        }
    }

    #[test]
    fn notifications_by_subscription_type() {
        let b = body(
            "channel.cheer",
            r#","event":{"is_anonymous":false,"user_id":"1234","user_login":"cool_user","user_name":"Cool_User",
              "broadcaster_user_id":"1337","broadcaster_user_login":"cooler_user","broadcaster_user_name":"Cooler_User",
              "message":"pogchamp","bits":1000}"#,
        );
        match parse(Some("notification"), &b).unwrap() {
            Event::Notification(n) => match n.event {
                SubscriptionEvent::ChannelCheer(c) => assert_eq!(c.bits, Some(1000)),
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
        let b = body(
            "channel.channel_points_custom_reward_redemption.add",
            r#","event":{"id":"17fa2df1-ad76-4804-bfa5-a40ef63efe63","broadcaster_user_id":"1337","user_id":"9001",
              "user_input":"pogchamp","status":"unfulfilled",
              "reward":{"id":"92af127c-7326-4483-a52b-b0da0be61c01","title":"title","cost":100,"prompt":"reward prompt"},
              "redeemed_at":"2020-07-15T17:16:03.17106713Z"}"#,
        );
        let e = parse(Some("notification"), &b).unwrap();
        assert!(e.is_typed());
        let Event::Notification(n) = e else { panic!() };
        assert_eq!(
            n.event.variant_name(),
            "twitch::SubscriptionEvent::ChannelPointsRedemptionAdd"
        );
        let b = body(
            "stream.online",
            r#","event":{"id":"9001","broadcaster_user_id":"1337","type":"live","started_at":"2020-10-11T10:11:12.123Z"}"#,
        );
        let Event::Notification(n) = parse(None, &b).unwrap() else {
            panic!()
        };
        assert!(
            matches!(n.event, SubscriptionEvent::StreamOnline(s) if s.stream_type.as_deref() == Some("live"))
        );
        // the Twitch provider records the subscription type as the delivery's event name
        let Event::Notification(n) = parse(Some("stream.online"), &b).unwrap() else {
            panic!()
        };
        assert_eq!(n.event.name(), "stream.online");
        let b = body("channel.brand_new", r#","event":{"x":1}"#);
        let e = parse(Some("notification"), &b).unwrap();
        assert!(!e.is_typed());
        let b = text("channel.raid", "").replace("{\"subscription\"", "{\"x\":1,\"subscription\"");
        let e = parse(Some("something_else"), b.as_bytes()).unwrap();
        assert!(matches!(&e, Event::Unknown { name, .. } if name == "something_else"));
    }

    #[test]
    fn every_subscription_type_accepts_an_empty_event() {
        for name in SubscriptionEvent::NAMES {
            let e = parse(Some("notification"), &body(name, r#","event":{}"#)).unwrap();
            assert!(e.is_typed(), "{name}");
        }
    }

    #[test]
    fn errors_have_paths_and_garbage_never_panics() {
        let err = parse(
            Some("notification"),
            &body("channel.raid", r#","event":{"viewers":"many"}"#),
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "event.viewers"),
            "{err:?}"
        );
        for b in support::testing::garbage() {
            for t in [
                None,
                Some("notification"),
                Some("revocation"),
                Some("webhook_callback_verification"),
            ] {
                let _ = parse(t, &b);
            }
        }
    }
}
