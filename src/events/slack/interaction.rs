//! Interactivity payloads: the JSON Slack posts in the form field `payload`.

use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;
use crate::events::support::{self, deserialize_by_pointer, lenient_bool, named_events};

named_events! {
    /// An interactivity payload, by its `type`.
    pub enum Interaction as "slack::Interaction", unknown name, name at "/type" {
        /// A user used a Block Kit interactive element.
        "block_actions" => BlockActions(BlockActions),
        /// An external select menu asks for options.
        "block_suggestion" => BlockSuggestion(BlockSuggestion),
        /// A modal was submitted.
        "view_submission" => ViewSubmission(ViewSubmission),
        /// A modal was closed (with `notify_on_close`).
        "view_closed" => ViewClosed(ViewClosed),
        /// A global shortcut was used.
        "shortcut" => Shortcut(Shortcut),
        /// A message shortcut was used.
        "message_action" => MessageAction(MessageAction),
        /// A legacy attachment button or menu was used.
        "interactive_message" => InteractiveMessage(InteractiveMessage),
        /// A legacy dialog was submitted.
        "dialog_submission" => DialogSubmission(DialogSubmission),
        /// A legacy dialog was cancelled.
        "dialog_cancellation" => DialogCancellation(DialogSubmission),
        /// A legacy dialog's external select asks for options.
        "dialog_suggestion" => DialogSuggestion(DialogSuggestion),
        /// A legacy workflow step is being configured.
        "workflow_step_edit" => WorkflowStepEdit(WorkflowStepEdit),
    }
}
deserialize_by_pointer!(Interaction, "/type");

impl Interaction {
    /// Parses the JSON of an interactivity payload (the value of the `payload` form field).
    pub fn parse(json: &[u8]) -> Result<Self, Error> {
        support::parse_by_pointer(json, "/type", Self::from_value)
    }
}

/// The workspace of an interaction.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Team {
    /// The workspace id.
    pub id: Option<String>,
    /// Its domain.
    pub domain: Option<String>,
    /// The organisation.
    pub enterprise_id: Option<String>,
    /// The organisation's name.
    pub enterprise_name: Option<String>,
}

/// The user who interacted.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InteractionUser {
    /// The user id.
    pub id: String,
    /// The handle.
    pub username: Option<String>,
    /// The name.
    pub name: Option<String>,
    /// The user's workspace.
    pub team_id: Option<String>,
}

/// An Enterprise Grid organisation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Enterprise {
    /// The organisation id.
    pub id: Option<String>,
    /// Its name.
    pub name: Option<String>,
}

/// A conversation an interaction happened in.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Channel {
    /// The conversation id.
    pub id: String,
    /// Its name.
    pub name: Option<String>,
}

/// A Block Kit view (modal or App Home).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct View {
    /// The view id.
    pub id: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// `modal` or `home`.
    #[serde(rename = "type")]
    pub view_type: Option<String>,
    /// The app's callback id.
    pub callback_id: Option<String>,
    /// The app's private metadata.
    pub private_metadata: Option<String>,
    /// The app's external id.
    pub external_id: Option<String>,
    /// The hash to pass to `views.update`.
    pub hash: Option<String>,
    /// The root view of a modal stack.
    pub root_view_id: Option<String>,
    /// The view this one was pushed on top of.
    pub previous_view_id: Option<String>,
    /// The app.
    pub app_id: Option<String>,
    /// The app's bot.
    pub bot_id: Option<String>,
    /// The title.
    pub title: Option<Value>,
    /// The blocks.
    pub blocks: Option<Value>,
    /// The inputs' values: `{"values": {block_id: {action_id: {…}}}}`.
    pub state: Option<Value>,
}

/// `block_actions`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BlockActions {
    /// The workspace.
    pub team: Option<Team>,
    /// Who interacted.
    pub user: Option<InteractionUser>,
    /// The organisation.
    pub enterprise: Option<Enterprise>,
    /// The app.
    pub api_app_id: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// For opening a modal (valid 3 s).
    pub trigger_id: Option<String>,
    /// For answering in the conversation (messages only).
    pub response_url: Option<String>,
    /// Where the element was: a message or a view.
    pub container: Option<Value>,
    /// The conversation (messages only).
    pub channel: Option<Channel>,
    /// The message (messages only).
    pub message: Option<Value>,
    /// The view (modals and App Home only).
    pub view: Option<View>,
    /// The message's input values.
    pub state: Option<Value>,
    /// The elements used (usually one).
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub actions: Vec<BlockAction>,
    /// Whether the app is installed org-wide.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_enterprise_install: Option<bool>,
}

/// One element used, in [`BlockActions::actions`].
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BlockAction {
    /// The element's action id.
    pub action_id: Option<String>,
    /// The block's id.
    pub block_id: Option<String>,
    /// The element type (`button`, `static_select`, `datepicker`, …).
    #[serde(rename = "type")]
    pub action_type: Option<String>,
    /// When.
    pub action_ts: Option<String>,
    /// A button's value.
    pub value: Option<String>,
    /// A button's text.
    pub text: Option<Value>,
    /// A select menu's choice.
    pub selected_option: Option<Value>,
    /// A multi-select's choices.
    pub selected_options: Option<Value>,
    /// A users select's choice.
    pub selected_user: Option<String>,
    /// A multi users select's choices.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub selected_users: Vec<String>,
    /// A channels select's choice.
    pub selected_channel: Option<String>,
    /// A conversations select's choice.
    pub selected_conversation: Option<String>,
    /// A date picker's choice (`YYYY-MM-DD`).
    pub selected_date: Option<String>,
    /// A time picker's choice (`HH:mm`).
    pub selected_time: Option<String>,
    /// A datetime picker's choice (Unix seconds).
    pub selected_date_time: Option<i64>,
    /// A link button's URL.
    pub url: Option<String>,
}

/// `block_suggestion`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BlockSuggestion {
    /// The workspace.
    pub team: Option<Team>,
    /// Who is typing.
    pub user: Option<InteractionUser>,
    /// The app.
    pub api_app_id: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// The element's action id.
    pub action_id: Option<String>,
    /// The block's id.
    pub block_id: Option<String>,
    /// What the user typed.
    pub value: Option<String>,
    /// Where the element is.
    pub container: Option<Value>,
    /// The view, for modals.
    pub view: Option<View>,
    /// The conversation, for messages.
    pub channel: Option<Channel>,
    /// The message, for messages.
    pub message: Option<Value>,
}

/// `view_submission`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ViewSubmission {
    /// The workspace.
    pub team: Option<Team>,
    /// Who submitted.
    pub user: Option<InteractionUser>,
    /// The organisation.
    pub enterprise: Option<Enterprise>,
    /// The app.
    pub api_app_id: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// For opening another modal.
    pub trigger_id: Option<String>,
    /// The submitted view, with the inputs in [`View::state`].
    pub view: View,
    /// `response_url`s for conversations chosen in the modal.
    pub response_urls: Option<Value>,
    /// Whether the app is installed org-wide.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_enterprise_install: Option<bool>,
}

/// `view_closed`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ViewClosed {
    /// The workspace.
    pub team: Option<Team>,
    /// Who closed it.
    pub user: Option<InteractionUser>,
    /// The organisation.
    pub enterprise: Option<Enterprise>,
    /// The app.
    pub api_app_id: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// The closed view.
    pub view: View,
    /// Whether the whole stack was closed.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_cleared: Option<bool>,
    /// Whether the app is installed org-wide.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_enterprise_install: Option<bool>,
}

/// `shortcut` (global).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Shortcut {
    /// The workspace.
    pub team: Option<Team>,
    /// Who used it.
    pub user: Option<InteractionUser>,
    /// The app.
    pub api_app_id: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// The shortcut's callback id.
    pub callback_id: Option<String>,
    /// For opening a modal.
    pub trigger_id: Option<String>,
    /// When.
    pub action_ts: Option<String>,
}

/// `message_action` (message shortcut).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MessageAction {
    /// The workspace.
    pub team: Option<Team>,
    /// Who used it.
    pub user: Option<InteractionUser>,
    /// The conversation.
    pub channel: Option<Channel>,
    /// The app.
    pub api_app_id: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// The shortcut's callback id.
    pub callback_id: Option<String>,
    /// For opening a modal.
    pub trigger_id: Option<String>,
    /// When.
    pub action_ts: Option<String>,
    /// The message's `ts`.
    pub message_ts: Option<String>,
    /// The message.
    pub message: Option<Value>,
    /// For answering in the conversation.
    pub response_url: Option<String>,
}

/// `interactive_message` (legacy attachments).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InteractiveMessage {
    /// The attachment's callback id.
    pub callback_id: Option<String>,
    /// The actions used.
    pub actions: Option<Value>,
    /// The workspace.
    pub team: Option<Team>,
    /// The conversation.
    pub channel: Option<Channel>,
    /// Who used it.
    pub user: Option<InteractionUser>,
    /// When.
    pub action_ts: Option<String>,
    /// The message's `ts`.
    pub message_ts: Option<String>,
    /// Which attachment (1-based, as text).
    #[serde(default, deserialize_with = "support::string_or_number")]
    pub attachment_id: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// The message as posted.
    pub original_message: Option<Value>,
    /// For answering in the conversation.
    pub response_url: Option<String>,
    /// For opening a dialog.
    pub trigger_id: Option<String>,
}

/// `dialog_submission`, `dialog_cancellation`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DialogSubmission {
    /// The dialog's callback id.
    pub callback_id: Option<String>,
    /// The dialog's state.
    pub state: Option<String>,
    /// The submitted values, by element name.
    pub submission: Option<Value>,
    /// The workspace.
    pub team: Option<Team>,
    /// Who submitted.
    pub user: Option<InteractionUser>,
    /// The conversation.
    pub channel: Option<Channel>,
    /// When.
    pub action_ts: Option<String>,
    /// The deprecated verification token.
    pub token: Option<String>,
    /// For answering in the conversation.
    pub response_url: Option<String>,
}

/// `dialog_suggestion`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DialogSuggestion {
    /// The element's name.
    pub name: Option<String>,
    /// What the user typed.
    pub value: Option<String>,
    /// The dialog's callback id.
    pub callback_id: Option<String>,
    /// The workspace.
    pub team: Option<Team>,
    /// Who is typing.
    pub user: Option<InteractionUser>,
    /// The conversation.
    pub channel: Option<Channel>,
    /// When.
    pub action_ts: Option<String>,
}

/// `workflow_step_edit` (legacy Steps from Apps).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WorkflowStepEdit {
    /// The step's callback id.
    pub callback_id: Option<String>,
    /// For opening the configuration modal.
    pub trigger_id: Option<String>,
    /// The step (`workflow_id`, `step_id`, `inputs`, `outputs`).
    pub workflow_step: Option<Value>,
    /// The workspace.
    pub team: Option<Team>,
    /// Who is editing.
    pub user: Option<InteractionUser>,
}
