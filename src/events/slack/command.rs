//! Slash commands: form-encoded fields.

use serde::Deserialize;

use crate::events::support::lenient_bool;

/// A slash command invocation (`/deploy api`), posted as a form.
///
/// ```
/// use webhook_guard::events::slack::{self, Event};
/// let body = b"token=x&team_id=T1&team_domain=acme&channel_id=C1&channel_name=general\
///     &user_id=U1&user_name=ada&command=%2Fdeploy&text=api+v2\
///     &response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=13.45.ab";
/// let Event::SlashCommand(cmd) = slack::parse(body)? else { panic!() };
/// assert_eq!((cmd.command.as_str(), cmd.text.as_deref()), ("/deploy", Some("api v2")));
/// # Ok::<(), webhook_guard::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SlashCommand {
    /// The command, with its slash (`/deploy`).
    pub command: String,
    /// Everything the user typed after the command.
    pub text: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// The workspace's domain.
    pub team_domain: Option<String>,
    /// The organisation.
    pub enterprise_id: Option<String>,
    /// The organisation's name.
    pub enterprise_name: Option<String>,
    /// The conversation.
    pub channel_id: Option<String>,
    /// The conversation's name.
    pub channel_name: Option<String>,
    /// Who ran it.
    pub user_id: Option<String>,
    /// Their handle (deprecated by Slack; use `user_id`).
    pub user_name: Option<String>,
    /// For answering later (up to 5 times in 30 minutes).
    pub response_url: Option<String>,
    /// For opening a modal (valid 3 s).
    pub trigger_id: Option<String>,
    /// The app.
    pub api_app_id: Option<String>,
    /// Whether the app is installed org-wide.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_enterprise_install: Option<bool>,
}
