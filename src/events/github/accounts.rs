//! Who acts and who owns: users, organizations, enterprises, teams, App installations.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::de::null_default;
use super::{Text, Timestamp};

/// A user, bot or organization account, as GitHub embeds it (`sender`, `owner`, `user`, …).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct User {
    /// The account's login (`octocat`, `dependabot[bot]`).
    pub login: Text,
    /// The account's numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// `User`, `Bot`, `Organization` or `Mannequin` (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// Whether the account is a site administrator.
    pub site_admin: Option<bool>,
    /// The profile page.
    pub html_url: Option<Text>,
    /// The avatar image.
    pub avatar_url: Option<Text>,
    /// The display name, where the payload carries it (repository owners in `push`).
    pub name: Option<Text>,
    /// The public e-mail address, where the payload carries it.
    pub email: Option<Text>,
}

/// The account an App is installed on or a Marketplace plan is bought for: a user, an
/// organization or an enterprise (which has a `slug` instead of a `login`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Account {
    /// The numeric id.
    pub id: Option<u64>,
    /// The login, for users and organizations.
    pub login: Option<Text>,
    /// The slug, for enterprises.
    pub slug: Option<Text>,
    /// The display name, for enterprises.
    pub name: Option<Text>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// `User`, `Organization` or `Enterprise` (`type` in JSON), where sent.
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// The profile page.
    pub html_url: Option<Text>,
    /// The billing e-mail address (Marketplace purchases of organizations).
    pub organization_billing_email: Option<Text>,
}

/// An organization, as the `organization` field of a payload.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Organization {
    /// The organization's login.
    pub login: Text,
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// The web page, where sent.
    pub html_url: Option<Text>,
    /// The avatar image.
    pub avatar_url: Option<Text>,
    /// The description.
    pub description: Option<Text>,
}

/// The enterprise account a payload belongs to (GitHub Enterprise Cloud and Server).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Enterprise {
    /// The numeric id.
    pub id: Option<u64>,
    /// The URL slug.
    pub slug: Option<Text>,
    /// The name.
    pub name: Option<Text>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// The enterprise's website.
    pub website_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A team of an organization.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Team {
    /// The numeric id.
    pub id: u64,
    /// The team's name.
    pub name: Text,
    /// The URL slug.
    pub slug: Option<Text>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// `open`, `closed` or `secret`.
    pub privacy: Option<Text>,
    /// `notifications_enabled` or `notifications_disabled`.
    pub notification_setting: Option<Text>,
    /// The team's default permission on repositories (`pull`, `push`, …).
    pub permission: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The parent team, if any.
    pub parent: Option<Box<Team>>,
    /// `true` when the payload describes a team that was deleted.
    #[serde(default, deserialize_with = "null_default")]
    pub deleted: bool,
}

/// A requested reviewer: a user (with `login`) or a team (with `slug` and `name`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Reviewer {
    /// The numeric id of the user or team.
    pub id: Option<u64>,
    /// The login, for users.
    pub login: Option<Text>,
    /// The slug, for teams.
    pub slug: Option<Text>,
    /// The name, for teams.
    pub name: Option<Text>,
    /// `User`, `Bot`, … for users (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: Option<Text>,
}

/// The App installation a delivery was made for: the `installation` field of events sent to
/// GitHub Apps. Use its id to get an installation access token.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct InstallationRef {
    /// The installation id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
}

/// A GitHub App installation in full (`installation`, `installation_repositories` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Installation {
    /// The installation id.
    pub id: u64,
    /// The account the App is installed on.
    pub account: Option<Account>,
    /// `all` or `selected`.
    pub repository_selection: Option<Text>,
    /// The App's id.
    pub app_id: Option<u64>,
    /// The App's slug.
    pub app_slug: Option<Text>,
    /// The id of the account the installation targets.
    pub target_id: Option<u64>,
    /// `User`, `Organization` or `Enterprise`.
    pub target_type: Option<Text>,
    /// Permission name to level (`read`, `write`, `admin`).
    #[serde(default, deserialize_with = "null_default")]
    pub permissions: BTreeMap<Text, Text>,
    /// The events the installation is subscribed to.
    #[serde(default, deserialize_with = "null_default")]
    pub events: Vec<Text>,
    /// The installation's settings page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was suspended, if it is.
    pub suspended_at: Option<Timestamp>,
    /// Who suspended it, if it is.
    pub suspended_by: Option<User>,
}

/// A GitHub App (the creator of a check run or suite, the App behind an action).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct App {
    /// The App's id.
    pub id: Option<u64>,
    /// The URL slug.
    pub slug: Option<Text>,
    /// The name.
    pub name: Option<Text>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The account that owns the App.
    pub owner: Option<Account>,
    /// The App's page.
    pub html_url: Option<Text>,
}
