//! Discussions and their comments.

use serde::Deserialize;

use super::de::null_default;
use super::{Label, Text, Timestamp, User};

/// A discussion.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Discussion {
    /// The number within the repository.
    pub number: u64,
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The title.
    pub title: Option<Text>,
    /// The body (Markdown).
    pub body: Option<Text>,
    /// The author.
    pub user: Option<User>,
    /// `open`, `closed`, `locked`, `converting`, `transferring`.
    pub state: Option<Text>,
    /// Why it was closed (`resolved`, `outdated`, `duplicate`, `reopened`), where sent.
    pub state_reason: Option<Text>,
    /// Whether it is locked.
    pub locked: Option<bool>,
    /// The number of comments.
    pub comments: Option<u64>,
    /// The category.
    pub category: Option<DiscussionCategory>,
    /// The labels, where sent.
    #[serde(default, deserialize_with = "null_default")]
    pub labels: Vec<Label>,
    /// The chosen answer's web page.
    pub answer_html_url: Option<Text>,
    /// When an answer was chosen.
    pub answer_chosen_at: Option<Timestamp>,
    /// Who chose the answer.
    pub answer_chosen_by: Option<User>,
    /// The author's relation to the repository.
    pub author_association: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// The category of a discussion.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiscussionCategory {
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The name.
    pub name: Option<Text>,
    /// The URL slug.
    pub slug: Option<Text>,
    /// The emoji, as `:shortcode:`.
    pub emoji: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// Whether discussions in it can be answered.
    pub is_answerable: Option<bool>,
}

/// A comment on a discussion (also the `answer` of `discussion` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiscussionComment {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The body (Markdown).
    pub body: Option<Text>,
    /// The author.
    pub user: Option<User>,
    /// The discussion's id.
    pub discussion_id: Option<u64>,
    /// The comment this one answers, for replies.
    pub parent_id: Option<u64>,
    /// The number of replies.
    pub child_comment_count: Option<u64>,
    /// The author's relation to the repository.
    pub author_association: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}
