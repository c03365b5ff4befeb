//! The events inside an `event_callback`.

use serde::Deserialize;
use serde_json::Value;

use crate::events::support::{deserialize_by_pointer, lenient_bool, named_events};

use super::AppRateLimited;

named_events! {
    /// The `event` of an [`EventCallback`](super::EventCallback), by its `type`.
    ///
    /// One variant per event Slack's SDKs model (every java-slack-sdk
    /// `json-logs/samples/events` sample parses into its own variant); a `type` not listed
    /// here is [`InnerEvent::Unknown`], so events Slack adds later still parse.
    ///
    /// Every `message` subtype (`bot_message`, `message_changed`, `message_deleted`,
    /// `thread_broadcast`, `file_share`, `channel_join`, …) is a [`InnerEvent::Message`] with
    /// [`Message::subtype`] set.
    pub enum InnerEvent as "slack::InnerEvent", unknown name, name at "/type" {
        "message" => Message(Message),
        "app_mention" => AppMention(Message),
        "reaction_added" => ReactionAdded(Reaction),
        "reaction_removed" => ReactionRemoved(Reaction),
        "member_joined_channel" => MemberJoinedChannel(ChannelMember),
        "member_left_channel" => MemberLeftChannel(ChannelMember),
        "channel_created" => ChannelCreated(ChannelCreated),
        "channel_rename" => ChannelRename(ChannelRename),
        "channel_archive" => ChannelArchive(ChannelRef),
        "channel_unarchive" => ChannelUnarchive(ChannelRef),
        "channel_deleted" => ChannelDeleted(ChannelRef),
        "channel_left" => ChannelLeft(ChannelRef),
        "channel_history_changed" => ChannelHistoryChanged(HistoryChanged),
        "channel_id_changed" => ChannelIdChanged(ChannelIdChanged),
        "channel_shared" => ChannelShared(ChannelShared),
        "channel_unshared" => ChannelUnshared(ChannelShared),
        "group_archive" => GroupArchive(ChannelRef),
        "group_unarchive" => GroupUnarchive(ChannelRef),
        "group_close" => GroupClose(ChannelRef),
        "group_open" => GroupOpen(ChannelRef),
        "group_deleted" => GroupDeleted(ChannelRef),
        "group_left" => GroupLeft(ChannelRef),
        "group_rename" => GroupRename(ChannelRename),
        "group_history_changed" => GroupHistoryChanged(HistoryChanged),
        "im_created" => ImCreated(ChannelCreated),
        "im_open" => ImOpen(ChannelRef),
        "im_close" => ImClose(ChannelRef),
        "im_history_changed" => ImHistoryChanged(HistoryChanged),
        "team_join" => TeamJoin(UserEvent),
        "user_change" => UserChange(UserEvent),
        "user_profile_changed" => UserProfileChanged(UserEvent),
        "user_status_changed" => UserStatusChanged(UserEvent),
        "user_huddle_changed" => UserHuddleChanged(UserEvent),
        "app_home_opened" => AppHomeOpened(AppHomeOpened),
        "app_installed" => AppInstalled(AppLifecycle),
        "app_uninstalled" => AppUninstalled(AppLifecycle),
        "app_uninstalled_team" => AppUninstalledTeam(AppLifecycle),
        "app_deleted" => AppDeleted(AppLifecycle),
        "app_requested" => AppRequested(AppRequested),
        /// Slack documents this as an outer type; some senders and SDK samples nest it.
        "app_rate_limited" => AppRateLimited(AppRateLimited),
        "tokens_revoked" => TokensRevoked(TokensRevoked),
        "file_shared" => FileShared(FileEvent),
        "file_created" => FileCreated(FileEvent),
        "file_deleted" => FileDeleted(FileEvent),
        "file_change" => FileChange(FileEvent),
        "file_public" => FilePublic(FileEvent),
        "file_unshared" => FileUnshared(FileEvent),
        "link_shared" => LinkShared(LinkShared),
        "pin_added" => PinAdded(Pin),
        "pin_removed" => PinRemoved(Pin),
        "star_added" => StarAdded(Star),
        "star_removed" => StarRemoved(Star),
        "emoji_changed" => EmojiChanged(EmojiChanged),
        "dnd_updated" => DndUpdated(DndUpdated),
        "dnd_updated_user" => DndUpdatedUser(DndUpdated),
        "subteam_created" => SubteamCreated(Subteam),
        "subteam_updated" => SubteamUpdated(Subteam),
        "subteam_members_changed" => SubteamMembersChanged(SubteamMembersChanged),
        "subteam_self_added" => SubteamSelfAdded(SubteamSelf),
        "subteam_self_removed" => SubteamSelfRemoved(SubteamSelf),
        "team_rename" => TeamRename(TeamRename),
        "team_domain_change" => TeamDomainChange(TeamDomainChange),
        "email_domain_changed" => EmailDomainChanged(EmailDomainChanged),
        "team_access_granted" => TeamAccessGranted(TeamAccess),
        "team_access_revoked" => TeamAccessRevoked(TeamAccess),
        "scope_granted" => ScopeGranted(Scopes),
        "scope_denied" => ScopeDenied(Scopes),
        "resources_added" => ResourcesAdded(Resources),
        "resources_removed" => ResourcesRemoved(Resources),
        "user_resource_granted" => UserResourceGranted(UserResource),
        "user_resource_denied" => UserResourceDenied(UserResource),
        "user_resource_removed" => UserResourceRemoved(UserResource),
        "invite_requested" => InviteRequested(InviteRequested),
        "function_executed" => FunctionExecuted(FunctionExecuted),
        "assistant_thread_started" => AssistantThreadStarted(AssistantThread),
        "assistant_thread_context_changed" => AssistantThreadContextChanged(AssistantThread),
        "message_metadata_posted" => MessageMetadataPosted(MessageMetadata),
        "message_metadata_updated" => MessageMetadataUpdated(MessageMetadata),
        "message_metadata_deleted" => MessageMetadataDeleted(MessageMetadata),
        "shared_channel_invite_accepted" => SharedChannelInviteAccepted(SharedChannelInvite),
        "shared_channel_invite_approved" => SharedChannelInviteApproved(SharedChannelInvite),
        "shared_channel_invite_declined" => SharedChannelInviteDeclined(SharedChannelInvite),
        "shared_channel_invite_received" => SharedChannelInviteReceived(SharedChannelInvite),
        "shared_channel_invite_requested" => SharedChannelInviteRequested(SharedChannelInvite),
        "call_rejected" => CallRejected(CallRejected),
        "grid_migration_started" => GridMigrationStarted(GridMigration),
        "grid_migration_finished" => GridMigrationFinished(GridMigration),
        "workflow_step_execute" => WorkflowStepExecute(WorkflowStepExecute),
        "workflow_published" => WorkflowPublished(Workflow),
        "workflow_unpublished" => WorkflowUnpublished(Workflow),
        "workflow_deleted" => WorkflowDeleted(Workflow),
        "workflow_step_deleted" => WorkflowStepDeleted(Workflow),
        "entity_details_requested" => EntityDetailsRequested(EntityDetailsRequested),
        "external_org_migration_started" => ExternalOrgMigrationStarted(ExternalOrgMigration),
        "external_org_migration_finished" => ExternalOrgMigrationFinished(ExternalOrgMigration),
        /// Deprecated by Slack in 2018 (file comments became threads); still modelled by the SDKs.
        "file_comment_added" => FileCommentAdded(FileComment),
        /// Deprecated by Slack in 2018.
        "file_comment_edited" => FileCommentEdited(FileComment),
        /// Deprecated by Slack in 2018.
        "file_comment_deleted" => FileCommentDeleted(FileComment),
        "agent_session_stopped" => AgentSessionStopped(AgentSessionStopped),
        "agent_session_title_changed" => AgentSessionTitleChanged(AgentSessionTitleChanged),
        /// An RTM / Socket Mode notice that the connection is about to close; Slack's Java SDK
        /// models it among the Events API events.
        "goodbye" => Goodbye(Goodbye),
    }
}
deserialize_by_pointer!(InnerEvent, "/type");

/// `message` (any subtype) and `app_mention`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Message {
    /// `None` for a plain user message; `bot_message`, `message_changed`, `message_deleted`,
    /// `message_replied`, `thread_broadcast`, `file_share`, `channel_join`, `me_message`, ….
    pub subtype: Option<String>,
    /// The conversation.
    pub channel: Option<String>,
    /// `channel`, `group`, `im`, `mpim` or `app_home`.
    pub channel_type: Option<String>,
    /// The author (absent for some bot messages).
    pub user: Option<String>,
    /// The bot that posted it.
    pub bot_id: Option<String>,
    /// The app that posted it.
    pub app_id: Option<String>,
    /// The display name of a bot message.
    pub username: Option<String>,
    /// The text (mrkdwn).
    pub text: Option<String>,
    /// The message's timestamp (its id within the conversation).
    pub ts: Option<String>,
    /// The parent message's `ts`, for a reply in a thread.
    pub thread_ts: Option<String>,
    /// The author of the thread's parent message.
    pub parent_user_id: Option<String>,
    /// When the event happened.
    pub event_ts: Option<String>,
    /// A client-generated id.
    pub client_msg_id: Option<String>,
    /// The author's workspace.
    pub team: Option<String>,
    /// Set on subtypes hidden from the conversation (`message_changed`, `message_deleted`).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub hidden: Option<bool>,
    /// For `message_deleted`: the `ts` of the deleted message.
    pub deleted_ts: Option<String>,
    /// For `channel_join` / `group_join`: who added the member.
    pub inviter: Option<String>,
    /// For `channel_name` / `group_name`: the new name.
    pub name: Option<String>,
    /// For `channel_name` / `group_name`: the former name.
    pub old_name: Option<String>,
    /// For `channel_topic` / `group_topic`: the new topic.
    pub topic: Option<String>,
    /// For `channel_purpose` / `group_purpose`: the new purpose.
    pub purpose: Option<String>,
    /// The icons of a `bot_message`.
    pub icons: Option<Value>,
    /// Block Kit blocks.
    pub blocks: Option<Value>,
    /// Legacy attachments.
    pub attachments: Option<Value>,
    /// Files, for `file_share`.
    pub files: Option<Value>,
    /// Who edited it and when.
    pub edited: Option<Value>,
    /// For `message_changed`: the new message.
    pub message: Option<Value>,
    /// For `message_changed` / `message_deleted`: the message before.
    pub previous_message: Option<Value>,
    /// For `thread_broadcast`: the thread's parent message.
    pub root: Option<Value>,
    /// Message metadata (`event_type`, `event_payload`).
    pub metadata: Option<Value>,
    /// The bot's profile, for bot messages.
    pub bot_profile: Option<Value>,
}

/// `reaction_added`, `reaction_removed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reaction {
    /// Who reacted.
    pub user: Option<String>,
    /// The emoji name, without colons.
    pub reaction: Option<String>,
    /// The author of the item reacted to.
    pub item_user: Option<String>,
    /// What was reacted to.
    pub item: Option<ReactionItem>,
    /// When.
    pub event_ts: Option<String>,
}

/// The item of a [`Reaction`]: a message or a file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReactionItem {
    /// `message`, `file` or `file_comment`.
    #[serde(rename = "type")]
    pub item_type: Option<String>,
    /// The conversation, for a message.
    pub channel: Option<String>,
    /// The message's `ts`.
    pub ts: Option<String>,
    /// The file id.
    pub file: Option<String>,
    /// The file comment id.
    pub file_comment: Option<String>,
}

/// `member_joined_channel`, `member_left_channel`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelMember {
    /// The member.
    pub user: Option<String>,
    /// The conversation.
    pub channel: Option<String>,
    /// `C` (public) or `G` (private).
    pub channel_type: Option<String>,
    /// The member's workspace.
    pub team: Option<String>,
    /// Who invited them, if someone did.
    pub inviter: Option<String>,
    /// The organisation.
    pub enterprise: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// A conversation as described in `channel_created`, `channel_rename`, `im_created`, ….
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelInfo {
    /// The conversation id (absent from some minimal samples).
    pub id: Option<String>,
    /// Its name.
    pub name: Option<String>,
    /// When it was created, in Unix seconds.
    pub created: Option<i64>,
    /// Who created it.
    pub creator: Option<String>,
    /// The other party, for a direct-message conversation (`im_created`).
    pub user: Option<String>,
    /// Whether it is private.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_private: Option<bool>,
}

/// `channel_created`, `im_created`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelCreated {
    /// The new conversation.
    pub channel: ChannelInfo,
    /// The other party, for `im_created`.
    pub user: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `channel_rename`, `group_rename`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelRename {
    /// The conversation with its new name.
    pub channel: ChannelInfo,
    /// When.
    pub event_ts: Option<String>,
}

/// Events naming a conversation by id: `channel_archive`, `channel_unarchive`,
/// `channel_deleted`, `channel_left`, `group_*`, `im_open`, `im_close`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelRef {
    /// The conversation id.
    pub channel: Option<String>,
    /// Who did it.
    pub user: Option<String>,
    /// Who did it, for `channel_left` / `group_left`.
    pub actor_id: Option<String>,
    /// Whether the channel was moved to another workspace (archive events).
    pub is_moved: Option<i64>,
    /// When it was deleted, in Unix seconds (`group_deleted`).
    pub date_deleted: Option<i64>,
    /// When.
    pub event_ts: Option<String>,
}

/// `channel_history_changed`, `group_history_changed`, `im_history_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HistoryChanged {
    /// The newest message `ts` after the change.
    pub latest: Option<String>,
    /// When the change happened.
    pub ts: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `channel_id_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelIdChanged {
    /// The former id.
    pub old_channel_id: Option<String>,
    /// The new id.
    pub new_channel_id: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `channel_shared`, `channel_unshared`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ChannelShared {
    /// The conversation.
    pub channel: Option<String>,
    /// The workspace it is now shared with (`channel_shared`).
    pub connected_team_id: Option<String>,
    /// The workspace it is no longer shared with (`channel_unshared`).
    #[serde(alias = "previous_connected_team_id")]
    pub previously_connected_team_id: Option<String>,
    /// Whether it is still shared externally (`channel_unshared`).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_ext_shared: Option<bool>,
    /// When.
    pub event_ts: Option<String>,
}

/// `team_join`, `user_change`, `user_profile_changed`, `user_status_changed`,
/// `user_huddle_changed`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UserEvent {
    /// The user as it is now.
    pub user: User,
    /// Where the event was cached.
    pub cache_ts: Option<i64>,
    /// When.
    pub event_ts: Option<String>,
}

/// A Slack user.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// The user id (absent from some minimal samples).
    pub id: Option<String>,
    /// The home workspace.
    pub team_id: Option<String>,
    /// The handle.
    pub name: Option<String>,
    /// Whether the account is deactivated.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub deleted: Option<bool>,
    /// The full name.
    pub real_name: Option<String>,
    /// The time zone (`America/Los_Angeles`).
    pub tz: Option<String>,
    /// Offset from UTC in seconds.
    pub tz_offset: Option<i64>,
    /// Workspace admin.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_admin: Option<bool>,
    /// Workspace owner.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_owner: Option<bool>,
    /// Bot user.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_bot: Option<bool>,
    /// Guest (multi-channel).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_restricted: Option<bool>,
    /// Guest (single-channel).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub is_ultra_restricted: Option<bool>,
    /// Last change, in Unix seconds.
    pub updated: Option<i64>,
    /// The profile.
    pub profile: Option<UserProfile>,
}

/// A user's profile.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UserProfile {
    /// Full name.
    pub real_name: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail (with the `users:read.email` scope).
    pub email: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Status text.
    pub status_text: Option<String>,
    /// Status emoji.
    pub status_emoji: Option<String>,
    /// When the status expires (Unix seconds, 0 for never).
    pub status_expiration: Option<i64>,
    /// Avatar, 72 px.
    pub image_72: Option<String>,
    /// Avatar, 192 px.
    pub image_192: Option<String>,
    /// Avatar, 512 px.
    pub image_512: Option<String>,
    /// The profile's workspace.
    pub team: Option<String>,
    /// Huddle state (`user_huddle_changed`).
    pub huddle_state: Option<String>,
}

/// `app_home_opened`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AppHomeOpened {
    /// Who opened it.
    pub user: Option<String>,
    /// The app's DM channel with the user.
    pub channel: Option<String>,
    /// `home` or `messages`.
    pub tab: Option<String>,
    /// The published Home view, if any.
    pub view: Option<super::View>,
    /// When.
    pub event_ts: Option<String>,
}

/// `app_installed`, `app_uninstalled`, `app_uninstalled_team`, `app_deleted`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AppLifecycle {
    /// The app.
    pub app_id: Option<String>,
    /// Its name.
    pub app_name: Option<String>,
    /// Its owner.
    pub app_owner_id: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// The workspace's domain.
    pub team_domain: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `app_requested`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AppRequested {
    /// The request (`id`, `app`, `previous_resolution`, `user`, `team`, `scopes`, `message`).
    pub app_request: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `tokens_revoked`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TokensRevoked {
    /// The revoked tokens' owners.
    pub tokens: Option<RevokedTokens>,
    /// When.
    pub event_ts: Option<String>,
}

/// User ids whose tokens were revoked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RevokedTokens {
    /// Users whose user tokens were revoked.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub oauth: Vec<String>,
    /// Bot users whose bot tokens were revoked.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub bot: Vec<String>,
}

/// `file_shared`, `file_created`, `file_deleted`, `file_change`, `file_public`, `file_unshared`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FileEvent {
    /// The file.
    pub file_id: Option<String>,
    /// Who did it.
    pub user_id: Option<String>,
    /// The conversation (`file_shared`, `file_unshared`).
    pub channel_id: Option<String>,
    /// The file object (`{"id": …}`; fetch the rest with `files.info`).
    pub file: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `link_shared`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LinkShared {
    /// The conversation.
    pub channel: Option<String>,
    /// Who posted the links.
    pub user: Option<String>,
    /// The message's `ts`.
    pub message_ts: Option<String>,
    /// The thread's `ts`.
    pub thread_ts: Option<String>,
    /// The links in the app's registered domains.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub links: Vec<SharedLink>,
    /// Id for `chat.unfurl`.
    pub unfurl_id: Option<String>,
    /// `conversations_history` or `composer`.
    pub source: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// One link of a [`LinkShared`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SharedLink {
    /// The registered domain it matched.
    pub domain: Option<String>,
    /// The URL.
    pub url: String,
}

/// `pin_added`, `pin_removed`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Pin {
    /// Who (un)pinned.
    pub user: Option<String>,
    /// The conversation.
    pub channel_id: Option<String>,
    /// The pinned item.
    pub item: Option<Value>,
    /// The author of the pinned item.
    pub item_user: Option<String>,
    /// How many pins the conversation has.
    pub pin_count: Option<i64>,
    /// Who pinned it, where and when (`channel`, `pinned_by`, `pinned_ts`).
    pub pinned_info: Option<Value>,
    /// Whether the conversation still has pins (`pin_removed`).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub has_pins: Option<bool>,
    /// When.
    pub event_ts: Option<String>,
}

/// `star_added`, `star_removed`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Star {
    /// Who (un)starred.
    pub user: Option<String>,
    /// The starred item.
    pub item: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `emoji_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EmojiChanged {
    /// `add`, `remove` or `rename`.
    pub subtype: Option<String>,
    /// The added emoji.
    pub name: Option<String>,
    /// The removed emoji.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub names: Vec<String>,
    /// The added emoji's image URL or `alias:…`.
    pub value: Option<String>,
    /// Renamed from.
    pub old_name: Option<String>,
    /// Renamed to.
    pub new_name: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `dnd_updated`, `dnd_updated_user`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DndUpdated {
    /// The user.
    pub user: Option<String>,
    /// The Do Not Disturb settings.
    pub dnd_status: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `subteam_created`, `subteam_updated`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Subteam {
    /// The user group.
    pub subteam: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `subteam_members_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SubteamMembersChanged {
    /// The user group.
    pub subteam_id: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// Users added.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub added_users: Vec<String>,
    /// Users removed.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub removed_users: Vec<String>,
    /// When the group was last changed before this, in Unix seconds.
    pub date_previous_update: Option<i64>,
    /// When the group changed, in Unix seconds.
    pub date_update: Option<i64>,
    /// When.
    pub event_ts: Option<String>,
}

/// `subteam_self_added`, `subteam_self_removed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SubteamSelf {
    /// The user group.
    pub subteam_id: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `team_rename`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TeamRename {
    /// The new name.
    pub name: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `team_domain_change`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TeamDomainChange {
    /// The new URL.
    pub url: Option<String>,
    /// The new domain.
    pub domain: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `email_domain_changed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EmailDomainChanged {
    /// The new domain.
    pub email_domain: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `team_access_granted`, `team_access_revoked` (org-wide apps).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TeamAccess {
    /// The workspaces.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub team_ids: Vec<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `scope_granted`, `scope_denied`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Scopes {
    /// The scopes.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub scopes: Vec<String>,
    /// The trigger of the request.
    pub trigger_id: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `resources_added`, `resources_removed` (workspace apps).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Resources {
    /// The resources and their scopes.
    pub resources: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `user_resource_granted`, `user_resource_denied`, `user_resource_removed`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct UserResource {
    /// The user.
    pub user: Option<String>,
    /// The scopes.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub scopes: Vec<String>,
    /// The trigger of the request.
    pub trigger_id: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `invite_requested`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InviteRequested {
    /// The request (`id`, `email`, `real_name`, `requester`, `channel_ids`, …).
    pub invite_request: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `function_executed` (custom workflow steps).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FunctionExecuted {
    /// The function (`id`, `callback_id`, `title`, `input_parameters`, …).
    pub function: Option<Value>,
    /// The inputs, by name.
    pub inputs: Option<Value>,
    /// This execution.
    pub function_execution_id: Option<String>,
    /// The workflow execution.
    pub workflow_execution_id: Option<String>,
    /// A short-lived token for this execution.
    pub bot_access_token: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `assistant_thread_started`, `assistant_thread_context_changed`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AssistantThread {
    /// The thread (`user_id`, `context`, `channel_id`, `thread_ts`).
    pub assistant_thread: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `message_metadata_posted`, `message_metadata_updated`, `message_metadata_deleted`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MessageMetadata {
    /// The app that posted the message.
    pub app_id: Option<String>,
    /// Its bot.
    pub bot_id: Option<String>,
    /// The user.
    pub user_id: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// The conversation.
    pub channel_id: Option<String>,
    /// The metadata (`event_type`, `event_payload`).
    pub metadata: Option<Value>,
    /// The metadata before (updated / deleted).
    pub previous_metadata: Option<Value>,
    /// The message.
    pub message_ts: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `shared_channel_invite_*` (Slack Connect).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SharedChannelInvite {
    /// The invitation.
    pub invite: Option<Value>,
    /// The channel.
    pub channel: Option<Value>,
    /// The user who accepted (`…_accepted`).
    pub accepting_user: Option<Value>,
    /// The user who approved (`…_approved`).
    pub approving_user: Option<Value>,
    /// The user who declined (`…_declined`).
    pub declining_user: Option<Value>,
    /// The workspace that approved.
    pub approving_team_id: Option<String>,
    /// The workspaces in the channel.
    pub teams_in_channel: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `call_rejected`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CallRejected {
    /// The call.
    pub call_id: Option<String>,
    /// Who rejected it.
    pub user_id: Option<String>,
    /// The conversation.
    pub channel_id: Option<String>,
    /// The app's id for the call.
    pub external_unique_id: Option<String>,
}

/// `grid_migration_started`, `grid_migration_finished`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GridMigration {
    /// The organisation.
    pub enterprise_id: Option<String>,
}

/// `workflow_step_execute` (legacy Steps from Apps).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WorkflowStepExecute {
    /// The step's callback id.
    pub callback_id: Option<String>,
    /// The step (`workflow_step_execute_id`, `inputs`, `outputs`, …).
    pub workflow_step: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `workflow_published`, `workflow_unpublished`, `workflow_deleted`, `workflow_step_deleted`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Workflow {
    /// The workflow.
    pub workflow_id: Option<String>,
    /// The draft configuration.
    pub workflow_draft_configuration: Option<Value>,
    /// The published configuration.
    pub workflow_published_configuration: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `goodbye`: the server is about to close the connection (RTM / Socket Mode).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Goodbye {
    /// When, if given.
    pub event_ts: Option<String>,
}

/// `entity_details_requested` (Work Objects: a user opened an unfurled entity's details).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EntityDetailsRequested {
    /// Who asked.
    pub user: Option<String>,
    /// Their locale (`en-US`).
    pub user_locale: Option<String>,
    /// The link (`domain`, `url`).
    pub link: Option<Value>,
    /// The entity's URL.
    pub entity_url: Option<String>,
    /// The app's unfurl URL.
    pub app_unfurl_url: Option<String>,
    /// For opening a modal.
    pub trigger_id: Option<String>,
    /// The app's reference to the entity (`id`, `type`).
    pub external_ref: Option<Value>,
    /// The conversation.
    pub channel: Option<String>,
    /// The message the link is in.
    pub message_ts: Option<String>,
    /// The thread, when the link was shared in one.
    pub thread_ts: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `external_org_migration_started`, `external_org_migration_finished`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ExternalOrgMigration {
    /// The external workspace that is migrating (`id`, `is_migrating`).
    pub team: Option<Value>,
    /// When the migration started, in Unix seconds.
    pub date_started: Option<i64>,
    /// When it finished, in Unix seconds (`…_finished`).
    pub date_finished: Option<i64>,
}

/// `file_comment_added`, `file_comment_edited`, `file_comment_deleted`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FileComment {
    /// The comment: an object when added or edited, its id when deleted.
    pub comment: Option<Value>,
    /// The file.
    pub file_id: Option<String>,
    /// The file object (`{"id": …}`).
    pub file: Option<Value>,
    /// When.
    pub event_ts: Option<String>,
}

/// `agent_session_stopped`: the user pressed stop while an agent was answering.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AgentSessionStopped {
    /// The conversation.
    pub channel: Option<String>,
    /// Who stopped it.
    pub user: Option<String>,
    /// The session's thread.
    pub thread_ts: Option<String>,
    /// The messages that were still streaming.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub streaming_message_ts: Vec<String>,
    /// When.
    pub event_ts: Option<String>,
}

/// `agent_session_title_changed`: the user renamed an agent session.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AgentSessionTitleChanged {
    /// The conversation.
    pub channel: Option<String>,
    /// Who renamed it.
    pub user: Option<String>,
    /// The workspace.
    pub team_id: Option<String>,
    /// The session's thread.
    pub thread_ts: Option<String>,
    /// The new title.
    pub title: Option<String>,
    /// The former title.
    pub previous_title: Option<String>,
    /// When.
    pub event_ts: Option<String>,
}
