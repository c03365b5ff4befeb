//! Repositories, in full and in the short forms some events use.

use serde::Deserialize;

use super::de::null_default;
use super::{Timestamp, User};

/// A repository, as the `repository` field of most payloads (and `forkee`, `head.repo`, …).
///
/// The many `*_url` API links GitHub sends are skipped; build them from [`Repository::url`]
/// when needed.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Repository {
    /// The numeric id.
    pub id: u64,
    /// The name (`Hello-World`).
    pub name: Box<str>,
    /// `owner/name` (`Codertocat/Hello-World`).
    pub full_name: Box<str>,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// Whether the repository is private.
    pub private: Option<bool>,
    /// The owner.
    pub owner: Option<User>,
    /// The web page.
    pub html_url: Option<Box<str>>,
    /// The description.
    pub description: Option<Box<str>>,
    /// Whether it is a fork.
    pub fork: Option<bool>,
    /// The API URL (or the web URL in `push` events).
    pub url: Option<Box<str>>,
    /// The HTTPS clone URL.
    pub clone_url: Option<Box<str>>,
    /// The SSH clone URL.
    pub ssh_url: Option<Box<str>>,
    /// The homepage.
    pub homepage: Option<Box<str>>,
    /// The main language GitHub detected.
    pub language: Option<Box<str>>,
    /// The default branch (`main`).
    pub default_branch: Option<Box<str>>,
    /// The default branch, under its older name (sent in `push` and `create` payloads).
    pub master_branch: Option<Box<str>>,
    /// Whether it is archived.
    pub archived: Option<bool>,
    /// Whether it is disabled.
    pub disabled: Option<bool>,
    /// Whether it is a template.
    pub is_template: Option<bool>,
    /// `public`, `private` or `internal`.
    pub visibility: Option<Box<str>>,
    /// The topics.
    #[serde(default, deserialize_with = "null_default")]
    pub topics: Vec<Box<str>>,
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
#[non_exhaustive]
pub struct RepositoryRef {
    /// The numeric id.
    pub id: u64,
    /// The name.
    pub name: Option<Box<str>>,
    /// `owner/name`, where sent.
    pub full_name: Option<Box<str>>,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// Whether the repository is private, where sent.
    pub private: Option<bool>,
    /// The API URL, where sent.
    pub url: Option<Box<str>>,
}

/// A wiki page that was created or edited (`gollum` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct WikiPage {
    /// The page's name.
    pub page_name: Option<Box<str>>,
    /// The title.
    pub title: Option<Box<str>>,
    /// The summary.
    pub summary: Option<Box<str>>,
    /// `created` or `edited`.
    pub action: Option<Box<str>>,
    /// The latest commit SHA of the page.
    pub sha: Option<Box<str>>,
    /// The page.
    pub html_url: Option<Box<str>>,
}
