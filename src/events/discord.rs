//! Discord interactions (HTTP interactions endpoint), by their numeric `type`.
//!
//! | `type` | variant |
//! |---|---|
//! | 1 | [`Event::Ping`] (answered for you by the handshake: `{"type": 1}`) |
//! | 2 | [`Event::ApplicationCommand`] |
//! | 3 | [`Event::MessageComponent`] |
//! | 4 | [`Event::ApplicationCommandAutocomplete`] |
//! | 5 | [`Event::ModalSubmit`] |
//! | other | [`Event::Unknown`] with `name` the number in decimal |
//!
//! Snowflake ids are strings, as Discord sends them.
//!
//! ```
//! use webhook_guard::events::discord::{self, Event};
//! let body = br#"{"id":"1234567890123456789","application_id":"987654321987654321","type":2,
//!   "token":"aW50ZXJhY3Rpb246MTIzNDU2","version":1,"guild_id":"290926798626357250",
//!   "channel_id":"645027906669510667",
//!   "member":{"user":{"id":"53908232506183680","username":"mason","discriminator":"0"},"roles":[],"permissions":"2147483647"},
//!   "data":{"id":"771825006014889984","name":"blep","type":1,
//!           "options":[{"name":"animal","type":3,"value":"animal_dog"}]}}"#;
//! let Event::ApplicationCommand(cmd) = discord::parse(body)? else { panic!() };
//! let data = cmd.data.unwrap();
//! assert_eq!(data.name, "blep");
//! assert_eq!(data.options[0].value.as_ref().unwrap(), "animal_dog");
//! assert_eq!(cmd.member.unwrap().user.unwrap().username.as_deref(), Some("mason"));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::payload;

use super::support::named_events;

named_events! {
    /// A Discord interaction, by `type`.
    pub enum Event as "discord::Event", unknown name {
        /// Type 1: Discord checks the endpoint.
        "PING" => Ping(Interaction),
        /// Type 2: a slash command, user command or message command.
        "APPLICATION_COMMAND" => ApplicationCommand(Interaction<CommandData>),
        /// Type 3: a button or select menu was used.
        "MESSAGE_COMPONENT" => MessageComponent(Interaction<ComponentData>),
        /// Type 4: a command option with autocomplete is being typed.
        "APPLICATION_COMMAND_AUTOCOMPLETE" => ApplicationCommandAutocomplete(Interaction<CommandData>),
        /// Type 5: a modal was submitted.
        "MODAL_SUBMIT" => ModalSubmit(Interaction<ModalSubmitData>),
    }
}

/// The name [`Event`] uses for an interaction `type` number.
pub fn type_name(interaction_type: u64) -> Option<&'static str> {
    Some(match interaction_type {
        1 => "PING",
        2 => "APPLICATION_COMMAND",
        3 => "MESSAGE_COMPONENT",
        4 => "APPLICATION_COMMAND_AUTOCOMPLETE",
        5 => "MODAL_SUBMIT",
        _ => return None,
    })
}

/// Types a verified interaction body by its numeric `type`.
///
/// A body without a numeric `type` is [`Event::Unknown`] with an empty name.
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    let value: Value = payload::from_json(body)?;
    match value.get("type").and_then(Value::as_u64) {
        Some(n) => match type_name(n) {
            Some(name) => Event::from_value(name, value),
            None => Ok(Event::Unknown {
                name: n.to_string(),
                raw: value,
            }),
        },
        None => Ok(Event::Unknown {
            name: String::new(),
            raw: value,
        }),
    }
}

/// An interaction; `D` is the type of its `data`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(bound(deserialize = "D: serde::de::DeserializeOwned"))]
pub struct Interaction<D = Value> {
    /// The interaction id.
    pub id: String,
    /// The application.
    pub application_id: Option<String>,
    /// The numeric type.
    #[serde(rename = "type")]
    pub interaction_type: u64,
    /// The payload, by type.
    pub data: Option<D>,
    /// The guild, when invoked in one.
    pub guild_id: Option<String>,
    /// The channel (partial).
    pub channel: Option<Value>,
    /// The channel id.
    pub channel_id: Option<String>,
    /// The invoking member, in a guild.
    pub member: Option<Member>,
    /// The invoking user, in a DM.
    pub user: Option<User>,
    /// The token for responding (valid 15 minutes).
    pub token: String,
    /// Always 1.
    pub version: Option<u64>,
    /// The message a component is attached to.
    pub message: Option<Value>,
    /// The app's permissions in the channel (bit set as text).
    pub app_permissions: Option<String>,
    /// The user's locale.
    pub locale: Option<String>,
    /// The guild's locale.
    pub guild_locale: Option<String>,
    /// Premium entitlements.
    pub entitlements: Option<Value>,
    /// Installation contexts that authorised the app.
    pub authorizing_integration_owners: Option<Value>,
    /// 0 guild, 1 bot DM, 2 private channel.
    pub context: Option<u64>,
}

impl<D> Interaction<D> {
    /// The invoking user: the member's user in a guild, else `user`.
    pub fn invoker(&self) -> Option<&User> {
        self.member
            .as_ref()
            .and_then(|m| m.user.as_ref())
            .or(self.user.as_ref())
    }
}

/// A Discord user.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// The user id.
    pub id: String,
    /// The username.
    pub username: Option<String>,
    /// The legacy discriminator (`"0"` for migrated users).
    pub discriminator: Option<String>,
    /// The display name.
    pub global_name: Option<String>,
    /// The avatar hash.
    pub avatar: Option<String>,
    /// Whether it is a bot.
    pub bot: Option<bool>,
}

/// A guild member.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Member {
    /// The user.
    pub user: Option<User>,
    /// The guild nickname.
    pub nick: Option<String>,
    /// Role ids.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub roles: Vec<String>,
    /// When they joined (ISO 8601).
    pub joined_at: Option<String>,
    /// Their permissions in the channel (bit set as text).
    pub permissions: Option<String>,
}

/// `data` of [`Event::ApplicationCommand`] and [`Event::ApplicationCommandAutocomplete`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CommandData {
    /// The command id.
    pub id: String,
    /// The command name.
    pub name: String,
    /// 1 slash command, 2 user command, 3 message command.
    #[serde(rename = "type")]
    pub command_type: Option<u64>,
    /// Users, members, roles, channels, messages and attachments referenced by options.
    pub resolved: Option<Value>,
    /// The options given.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub options: Vec<CommandOption>,
    /// The guild of a guild command.
    pub guild_id: Option<String>,
    /// The user or message a context-menu command targets.
    pub target_id: Option<String>,
}

/// A command option as given.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CommandOption {
    /// The option name.
    pub name: String,
    /// The option type (1 subcommand, 2 group, 3 string, 4 integer, 5 boolean, …).
    #[serde(rename = "type")]
    pub option_type: u64,
    /// The value (string, integer, number or boolean; ids as strings).
    pub value: Option<Value>,
    /// The sub-options of a subcommand or group.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub options: Vec<CommandOption>,
    /// Whether the user is typing this option (autocomplete).
    pub focused: Option<bool>,
}

/// `data` of [`Event::MessageComponent`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ComponentData {
    /// The component's custom id.
    pub custom_id: String,
    /// 2 button, 3 string select, 5 user select, ….
    pub component_type: u64,
    /// The chosen values of a select menu.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub values: Vec<String>,
    /// Entities chosen in an entity select.
    pub resolved: Option<Value>,
}

/// `data` of [`Event::ModalSubmit`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ModalSubmitData {
    /// The modal's custom id.
    pub custom_id: String,
    /// The submitted components (action rows of text inputs).
    pub components: Option<Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::TypedEvent;

    #[test]
    fn ping_and_unknown_types() {
        let e = parse(br#"{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}"#).unwrap();
        assert_eq!(e.variant_name(), "discord::Event::Ping");
        assert_eq!(e.name(), "PING");
        let e = parse(br#"{"id":"1","token":"t","type":9}"#).unwrap();
        assert!(matches!(&e, Event::Unknown { name, .. } if name == "9"));
        assert!(!e.is_typed());
        let e = parse(br#"{"id":"1","token":"t","type":"x"}"#).unwrap();
        assert!(matches!(&e, Event::Unknown { name, .. } if name.is_empty()));
    }

    #[test]
    fn component_and_modal() {
        let e = parse(
            br#"{"id":"846462639134605312","application_id":"7","type":3,"token":"t","version":1,
            "user":{"id":"53908232506183680","username":"mason","global_name":"Mason"},
            "message":{"id":"846462637917831190","content":"hi"},
            "data":{"custom_id":"click_one","component_type":2}}"#,
        )
        .unwrap();
        match &e {
            Event::MessageComponent(i) => {
                assert_eq!(i.data.as_ref().unwrap().custom_id, "click_one");
                assert_eq!(i.invoker().unwrap().id, "53908232506183680");
            }
            other => panic!("{other:?}"),
        }
        let e = parse(br#"{"id":"1","type":5,"token":"t","data":{"custom_id":"feedback",
            "components":[{"type":1,"components":[{"type":4,"custom_id":"text","value":"great"}]}]}}"#).unwrap();
        assert_eq!(e.variant_name(), "discord::Event::ModalSubmit");
        let e = parse(
            br#"{"id":"1","type":4,"token":"t","data":{"id":"2","name":"search","type":1,
            "options":[{"name":"query","type":3,"value":"ru","focused":true}]}}"#,
        )
        .unwrap();
        match e {
            Event::ApplicationCommandAutocomplete(i) => {
                assert_eq!(i.data.unwrap().options[0].focused, Some(true));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn errors_have_paths_and_garbage_never_panics() {
        let err = parse(br#"{"id":"1","type":2,"token":"t","data":{"id":"2","name":"x","options":[{"name":"a","type":"3"}]}}"#)
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "data.options[0].type"),
            "{err:?}"
        );
        for body in super::super::support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
