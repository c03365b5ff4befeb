//! Slack: the Events API, slash commands and interactivity, in one [`Event`].
//!
//! Slack posts three formats to an app, and [`parse`] tells them apart by the body:
//!
//! | body | format | variant |
//! |---|---|---|
//! | JSON object | Events API (`url_verification`, `event_callback`, `app_rate_limited`) | [`Event::UrlVerification`], [`Event::EventCallback`], [`Event::AppRateLimited`] |
//! | form with a `payload` field (JSON) | interactivity (buttons, modals, shortcuts, …) | [`Event::Interaction`] |
//! | form with a `command` field | slash command | [`Event::SlashCommand`] |
//!
//! Inside an `event_callback`, [`InnerEvent`] types the Events API events Slack's own SDKs
//! model: each sample in java-slack-sdk's `json-logs/samples/events/` (messages and their
//! subtypes, `app_mention`, reactions, pins, stars, channels, groups, IMs, members, users, files,
//! links, emoji, Do Not Disturb, user groups, team and grid changes, scopes and resources, tokens,
//! workflows, calls, invites, `goodbye`, …), the events that SDK's model classes have without a
//! sample (`entity_details_requested`, `external_org_migration_*`, `file_comment_*`,
//! `agent_session_*`), and `function_executed`, `assistant_thread_*`, `message_metadata_*`,
//! `shared_channel_invite_*`; the full list is [`InnerEvent::NAMES`]. Ids and names Slack may
//! leave out are `Option`, so the SDKs' minimal samples (`{"type": "app_uninstalled"}`, an
//! `im_created` whose `channel` is `{}`) still type.
//! Events Slack adds later become [`InnerEvent::Unknown`].
//!
//! ```
//! use webhook_guard::events::slack::{self, Event, InnerEvent};
//! let body = br#"{"type":"event_callback","team_id":"T1","event_id":"Ev1","event_time":1700000000,
//!   "event":{"type":"reaction_added","user":"U1","reaction":"tada",
//!            "item":{"type":"message","channel":"C1","ts":"1700000000.000100"},"event_ts":"1700000000.000200"}}"#;
//! match slack::parse(body)? {
//!     Event::EventCallback(cb) => match cb.event {
//!         InnerEvent::ReactionAdded(r) => assert_eq!(r.reaction.as_deref(), Some("tada")),
//!         other => panic!("{other:?}"),
//!     },
//!     other => panic!("{other:?}"),
//! }
//!
//! let command = slack::parse(b"command=%2Fdeploy&text=api&user_id=U1&team_id=T1")?;
//! assert!(matches!(command, Event::SlashCommand(c) if c.command == "/deploy"));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::events::TypedEvent;
use crate::payload;

use super::support::{self, lenient_bool};

mod command;
mod events;
mod interaction;

pub use command::SlashCommand;
pub use events::*;
pub use interaction::*;

/// Anything Slack posts to an app's request URL.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)]
pub enum Event {
    /// `url_verification`: Slack checks the request URL (answered for you by the provider's
    /// handshake).
    UrlVerification(UrlVerification),
    /// `event_callback`: an event the app subscribed to.
    EventCallback(EventCallback),
    /// `app_rate_limited`: Slack stopped sending events for a minute.
    AppRateLimited(AppRateLimited),
    /// A slash command (form-encoded).
    SlashCommand(SlashCommand),
    /// An interactivity payload (form field `payload`).
    Interaction(Interaction),
    /// An Events API body of a type this crate does not know.
    Unknown {
        /// The body's `type`.
        name: String,
        /// The whole body.
        raw: Value,
    },
}

impl TypedEvent for Event {
    fn variant_name(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Event::UrlVerification(_) => "slack::Event::UrlVerification",
            Event::EventCallback(_) => "slack::Event::EventCallback",
            Event::AppRateLimited(_) => "slack::Event::AppRateLimited",
            Event::SlashCommand(_) => "slack::Event::SlashCommand",
            Event::Interaction(_) => "slack::Event::Interaction",
            Event::Unknown { .. } => "slack::Event::Unknown",
        })
    }

    /// `false` for [`Event::Unknown`], and for callbacks and interactions whose inner type is
    /// unknown.
    fn is_typed(&self) -> bool {
        match self {
            Event::EventCallback(cb) => cb.event.is_typed(),
            Event::Interaction(i) => i.is_typed(),
            Event::Unknown { .. } => false,
            _ => true,
        }
    }

    /// The inner event's type for callbacks (`"app_mention"`), the interaction's type
    /// (`"block_actions"`), the command for slash commands (`"/deploy"`), the body's `type`
    /// otherwise.
    fn event_name(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(match self {
            Event::UrlVerification(_) => "url_verification",
            Event::EventCallback(cb) => cb.event.name(),
            Event::AppRateLimited(_) => "app_rate_limited",
            Event::SlashCommand(c) => &c.command,
            Event::Interaction(i) => i.name(),
            Event::Unknown { name, .. } => name,
        }))
    }

    #[cfg(feature = "serialize")]
    fn to_json(&self) -> Option<Value> {
        serde_json::to_value(self).ok()
    }
}

/// The body's JSON: the Events API body, the slash command's fields, the interaction payload
/// (a form body is not rebuilt), or the raw body for `Unknown`.
#[cfg(feature = "serialize")]
impl serde::Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The Events API bodies' `type`, which their structs do not keep.
        fn typed<T: serde::Serialize, S: serde::Serializer>(
            body: &T,
            name: &str,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let mut value = serde_json::to_value(body).map_err(serde::ser::Error::custom)?;
            support::put_name(&mut value, "/type", name);
            value.serialize(serializer)
        }
        match self {
            Event::UrlVerification(v) => typed(v, "url_verification", serializer),
            Event::EventCallback(cb) => typed(cb, "event_callback", serializer),
            Event::AppRateLimited(r) => typed(r, "app_rate_limited", serializer),
            Event::SlashCommand(c) => c.serialize(serializer),
            Event::Interaction(i) => i.serialize(serializer),
            Event::Unknown { raw, .. } => raw.serialize(serializer),
        }
    }
}

/// Parses any body Slack posts (see the [module docs](self) for how the format is chosen).
///
/// A form body with neither `payload` nor `command` is an [`Error::InvalidPayload`].
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    if body.trim_ascii_start().first() == Some(&b'{') {
        return parse_events_api(body);
    }
    let mut payload_field = None;
    let mut has_command = false;
    for (key, value) in form_urlencoded::parse(body) {
        match key.as_ref() {
            "payload" if payload_field.is_none() => payload_field = Some(value),
            "command" => has_command = true,
            _ => {}
        }
    }
    if let Some(json) = payload_field {
        return Interaction::parse(json.as_bytes())
            .map(Event::Interaction)
            .map_err(|e| payload::within("payload", e));
    }
    if has_command {
        return payload::from_form(body).map(Event::SlashCommand);
    }
    Err(Error::payload(
        "",
        "neither a JSON body nor a form with a `payload` or `command` field",
    ))
}

/// Parses an Events API body (JSON).
pub fn parse_events_api(body: &[u8]) -> Result<Event, Error> {
    let value: Value = payload::from_json(body)?;
    let kind = support::str_at(&value, "/type")
        .unwrap_or_default()
        .to_owned();
    match kind.as_str() {
        "url_verification" => payload::from_value(value).map(Event::UrlVerification),
        "app_rate_limited" => payload::from_value(value).map(Event::AppRateLimited),
        "event_callback" => EventCallback::from_value(value).map(Event::EventCallback),
        // a callback whose `type` is blank or missing (as in some SDKs' samples)
        "" if value.get("event").is_some_and(Value::is_object) => {
            EventCallback::from_value(value).map(Event::EventCallback)
        }
        _ => Ok(Event::Unknown {
            name: kind,
            raw: value,
        }),
    }
}

/// `url_verification`: answer with [`UrlVerification::challenge`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UrlVerification {
    /// The value to echo back.
    pub challenge: String,
    /// The deprecated verification token.
    pub token: Option<String>,
}

/// `app_rate_limited`: the app went over 30 000 events per workspace per hour.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AppRateLimited {
    /// The deprecated verification token.
    pub token: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// The minute (Unix seconds) from which events were dropped.
    pub minute_rate_limited: Option<i64>,
    /// The app.
    pub api_app_id: Option<String>,
}

/// `event_callback`: the envelope around every subscribed event.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EventCallback {
    /// The deprecated verification token.
    pub token: Option<String>,
    /// The workspace the event happened in.
    pub team_id: Option<String>,
    /// The Enterprise Grid organisation, if any.
    pub enterprise_id: Option<String>,
    /// The app the event is for.
    pub api_app_id: Option<String>,
    /// The event itself.
    pub event: InnerEvent,
    /// A unique id for this event (stable across Slack's retries).
    pub event_id: Option<String>,
    /// When the event was dispatched, in Unix seconds.
    pub event_time: Option<i64>,
    /// An opaque context identifier.
    pub event_context: Option<String>,
    /// The installations the event is visible to.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub authorizations: Vec<Authorization>,
    /// Deprecated list of users the event is visible to.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub authed_users: Vec<String>,
    /// Whether the event happened in a channel shared with another organisation.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_ext_shared_channel: Option<bool>,
    /// The workspace the event's context belongs to.
    pub context_team_id: Option<String>,
    /// The organisation the event's context belongs to.
    pub context_enterprise_id: Option<String>,
}

impl EventCallback {
    /// Types an `event_callback` document; a failure inside `event` names the path from the
    /// body's root.
    pub fn from_value(mut value: Value) -> Result<Self, Error> {
        let inner = support::take(&mut value, "event");
        let name = support::str_at(&inner, "/type")
            .unwrap_or_default()
            .to_owned();
        let event =
            InnerEvent::from_value(&name, inner).map_err(|e| payload::within("event", e))?;
        let mut callback: EventCallback = payload::from_value(value)?;
        callback.event = event;
        Ok(callback)
    }
}

/// One installation an event is visible to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Authorization {
    /// The organisation.
    pub enterprise_id: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// The installing user or bot user.
    pub user_id: Option<String>,
    /// Whether `user_id` is a bot user.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_bot: Option<bool>,
    /// Whether the app is installed org-wide.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_enterprise_install: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_never_panics() {
        for body in support::testing::garbage() {
            let _ = parse(&body);
            let _ = Interaction::parse(&body);
        }
    }

    #[test]
    fn url_verification() {
        let e = parse(br#"{"token":"t","challenge":"abc","type":"url_verification"}"#).unwrap();
        assert!(matches!(&e, Event::UrlVerification(v) if v.challenge == "abc"));
        assert_eq!(e.variant_name(), "slack::Event::UrlVerification");
        assert!(e.is_typed());
    }

    #[test]
    fn unknown_outer_and_inner_types() {
        let e = parse(br#"{"type":"something_new","x":1}"#).unwrap();
        assert!(matches!(&e, Event::Unknown { name, .. } if name == "something_new"));
        assert!(!e.is_typed());
        let e =
            parse(br#"{"type":"event_callback","event":{"type":"brand_new","a":[1]}}"#).unwrap();
        match &e {
            Event::EventCallback(cb) => {
                assert!(
                    matches!(&cb.event, InnerEvent::Unknown { name, raw } if name == "brand_new" && raw["a"][0] == 1)
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(!e.is_typed());
        assert_eq!(e.variant_name(), "slack::Event::EventCallback");
    }

    #[test]
    fn inner_errors_name_the_full_path() {
        let err = parse(
            br#"{"type":"event_callback","event":{"type":"reaction_added","item":{"ts":5}}}"#,
        )
        .unwrap_err();
        match err {
            Error::InvalidPayload { path, .. } => assert_eq!(path, "event.item.ts"),
            other => panic!("{other:?}"),
        }
        let err =
            parse(b"payload=%7B%22type%22%3A%22view_closed%22%2C%22view%22%3A3%7D").unwrap_err();
        match err {
            Error::InvalidPayload { path, .. } => assert_eq!(path, "payload.view"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn message_subtypes_are_messages() {
        let body = br#"{"type":"event_callback","event":{"type":"message","subtype":"message_changed",
            "channel":"C1","hidden":true,"ts":"1.2","message":{"text":"new"},"previous_message":{"text":"old"}}}"#;
        match parse(body).unwrap() {
            Event::EventCallback(cb) => match cb.event {
                InnerEvent::Message(m) => {
                    assert_eq!(m.subtype.as_deref(), Some("message_changed"));
                    assert_eq!(m.message.unwrap()["text"], "new");
                }
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn form_without_payload_or_command_is_invalid() {
        assert_eq!(parse(b"foo=bar").unwrap_err().kind(), "invalid_payload");
        assert_eq!(parse(b"").unwrap_err().kind(), "invalid_payload");
    }
}
