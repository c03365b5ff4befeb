//! Repositories, in full and in the short forms some events use.

use serde::Deserialize;

use super::de::null_default;
use super::{Text, Timestamp, User};

/// A repository, as the `repository` field of most payloads (and `forkee`, `head.repo`, …).
///
/// The many `*_url` API links GitHub sends are skipped; build them from [`Repository::url`]
/// when needed.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Repository {
    /// The numeric id.
    pub id: u64,
    /// The name (`Hello-World`).
    pub name: Text,
    /// `owner/name` (`Codertocat/Hello-World`).
    pub full_name: Text,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// Whether the repository is private.
    pub private: Option<bool>,
    /// The owner.
    pub owner: Option<User>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// Whether it is a fork.
    pub fork: Option<bool>,
    /// The API URL (or the web URL in `push` events).
    pub url: Option<Text>,
    /// The HTTPS clone URL.
    pub clone_url: Option<Text>,
    /// The SSH clone URL.
    pub ssh_url: Option<Text>,
    /// The homepage.
    pub homepage: Option<Text>,
    /// The main language GitHub detected.
    pub language: Option<Text>,
    /// The default branch (`main`).
    pub default_branch: Option<Text>,
    /// The default branch, under its older name (sent in `push` and `create` payloads).
    pub master_branch: Option<Text>,
    /// Whether it is archived.
    pub archived: Option<bool>,
    /// Whether it is disabled.
    pub disabled: Option<bool>,
    /// Whether it is a template.
    pub is_template: Option<bool>,
    /// `public`, `private` or `internal`.
    pub visibility: Option<Text>,
    /// The topics.
    #[serde(default, deserialize_with = "null_default")]
    pub topics: Vec<Text>,
    /// When it was created (Unix seconds in `push` payloads, text elsewhere).
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was last pushed to.
    pub pushed_at: Option<Timestamp>,
}

/// A repository in short form: the lists of `installation` and `installation_repositories`
/// events, the repositories of check run pull requests.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RepositoryRef {
    /// The numeric id.
    pub id: u64,
    /// The name.
    pub name: Option<Text>,
    /// `owner/name`, where sent.
    pub full_name: Option<Text>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// Whether the repository is private, where sent.
    pub private: Option<bool>,
    /// The API URL, where sent.
    pub url: Option<Text>,
}

/// A wiki page that was created or edited (`gollum` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WikiPage {
    /// The page's name.
    pub page_name: Option<Text>,
    /// The title.
    pub title: Option<Text>,
    /// The summary.
    pub summary: Option<Text>,
    /// `created` or `edited`.
    pub action: Option<Text>,
    /// The latest commit SHA of the page.
    pub sha: Option<Text>,
    /// The page.
    pub html_url: Option<Text>,
}
