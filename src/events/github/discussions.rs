//! Discussions and their comments.

use serde::Deserialize;

use super::de::null_default;
use super::{Label, Timestamp, User};

/// A discussion.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Discussion {
    /// The number within the repository.
    pub number: u64,
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The title.
    pub title: Option<Box<str>>,
    /// The body (Markdown).
    pub body: Option<Box<str>>,
    /// The author.
    pub user: Option<User>,
    /// `open`, `closed`, `locked`, `converting`, `transferring`.
    pub state: Option<Box<str>>,
    /// Why it was closed (`resolved`, `outdated`, `duplicate`, `reopened`), where sent.
    pub state_reason: Option<Box<str>>,
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
    pub answer_html_url: Option<Box<str>>,
    /// When an answer was chosen.
    pub answer_chosen_at: Option<Timestamp>,
    /// Who chose the answer.
    pub answer_chosen_by: Option<User>,
    /// The author's relation to the repository.
    pub author_association: Option<Box<str>>,
    /// The web page.
    pub html_url: Option<Box<str>>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// The category of a discussion.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct DiscussionCategory {
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The name.
    pub name: Option<Box<str>>,
    /// The URL slug.
    pub slug: Option<Box<str>>,
    /// The emoji, as `:shortcode:`.
    pub emoji: Option<Box<str>>,
    /// The description.
    pub description: Option<Box<str>>,
    /// Whether discussions in it can be answered.
    pub is_answerable: Option<bool>,
}

/// A comment on a discussion (also the `answer` of `discussion` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct DiscussionComment {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The body (Markdown).
    pub body: Option<Box<str>>,
    /// The author.
    pub user: Option<User>,
    /// The discussion's id.
    pub discussion_id: Option<u64>,
    /// The comment this one answers, for replies.
    pub parent_id: Option<u64>,
    /// The number of replies.
    pub child_comment_count: Option<u64>,
    /// The author's relation to the repository.
    pub author_association: Option<Box<str>>,
    /// The web page.
    pub html_url: Option<Box<str>>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}
