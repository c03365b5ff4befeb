//! Projects: classic projects with columns and cards, and Projects (v2) with items and
//! status updates.

use serde::Deserialize;

use super::{Text, Timestamp, User};

/// A classic project (`project` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Project {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The name.
    pub name: Option<Text>,
    /// The description.
    pub body: Option<Text>,
    /// The number.
    pub number: Option<u64>,
    /// `open` or `closed`.
    pub state: Option<Text>,
    /// Who created it.
    pub creator: Option<User>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A card of a classic project.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProjectCard {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The note, for note cards.
    pub note: Option<Text>,
    /// Whether it is archived.
    pub archived: Option<bool>,
    /// The column holding it.
    pub column_id: Option<u64>,
    /// The card it follows in its column.
    pub after_id: Option<u64>,
    /// The issue or pull request it shows, for content cards.
    pub content_url: Option<Text>,
    /// Who created it.
    pub creator: Option<User>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A column of a classic project.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProjectColumn {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The name.
    pub name: Option<Text>,
    /// The project's API URL.
    pub project_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A project (`projects_v2` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProjectV2 {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The number within the owner.
    pub number: Option<u64>,
    /// The title.
    pub title: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// The short description.
    pub short_description: Option<Text>,
    /// Whether it is public.
    pub public: Option<bool>,
    /// The owning user or organization.
    pub owner: Option<User>,
    /// Who created it.
    pub creator: Option<User>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was closed.
    pub closed_at: Option<Timestamp>,
    /// When it was deleted.
    pub deleted_at: Option<Timestamp>,
}

/// An item of a project (`projects_v2_item` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProjectV2Item {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The project's node id.
    pub project_node_id: Option<Text>,
    /// The node id of the issue, pull request or draft issue.
    pub content_node_id: Option<Text>,
    /// `Issue`, `PullRequest` or `DraftIssue`.
    pub content_type: Option<Text>,
    /// Who added it.
    pub creator: Option<User>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was archived.
    pub archived_at: Option<Timestamp>,
}

/// A status update of a project (`projects_v2_status_update` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ProjectV2StatusUpdate {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The project's node id.
    pub project_node_id: Option<Text>,
    /// `INACTIVE`, `ON_TRACK`, `AT_RISK`, `OFF_TRACK`, `COMPLETE`.
    pub status: Option<Text>,
    /// The text (Markdown).
    pub body: Option<Text>,
    /// The start date.
    pub start_date: Option<Text>,
    /// The target date.
    pub target_date: Option<Text>,
    /// Who wrote it.
    pub creator: Option<User>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}
