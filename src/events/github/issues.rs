//! Issues and what hangs on them: labels, milestones, comments.

use serde::Deserialize;

use super::de::null_default;
use super::{App, Text, Timestamp, User};

/// An issue (or, in `issue_comment` events, a pull request seen as an issue).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Issue {
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
    /// `open` or `closed`.
    pub state: Option<Text>,
    /// Why it was closed or reopened (`completed`, `not_planned`, `reopened`), where sent.
    pub state_reason: Option<Text>,
    /// Whether the conversation is locked.
    pub locked: Option<bool>,
    /// The labels.
    #[serde(default, deserialize_with = "null_default")]
    pub labels: Vec<Label>,
    /// The first assignee.
    pub assignee: Option<User>,
    /// All assignees.
    #[serde(default, deserialize_with = "null_default")]
    pub assignees: Vec<User>,
    /// The milestone.
    pub milestone: Option<Milestone>,
    /// The number of comments.
    pub comments: Option<u64>,
    /// The author's relation to the repository (`OWNER`, `MEMBER`, `CONTRIBUTOR`, `NONE`, …).
    pub author_association: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// Present when the issue is a pull request.
    pub pull_request: Option<IssuePullRequest>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was closed.
    pub closed_at: Option<Timestamp>,
}

impl Issue {
    /// Whether this "issue" is a pull request (comments on pull requests arrive as
    /// `issue_comment` events).
    pub fn is_pull_request(&self) -> bool {
        self.pull_request.is_some()
    }
}

/// The links of a pull request seen as an issue.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssuePullRequest {
    /// The pull request's API URL.
    pub url: Option<Text>,
    /// The pull request's web page.
    pub html_url: Option<Text>,
    /// When it was merged, if it was.
    pub merged_at: Option<Timestamp>,
}

/// A label.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Label {
    /// The name.
    pub name: Text,
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The colour, as six hex digits without `#`.
    pub color: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// Whether it is one of GitHub's default labels.
    pub default: Option<bool>,
    /// The API URL.
    pub url: Option<Text>,
}

/// A milestone.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Milestone {
    /// The number within the repository.
    pub number: u64,
    /// The title.
    pub title: Option<Text>,
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// `open` or `closed`.
    pub state: Option<Text>,
    /// Who created it.
    pub creator: Option<User>,
    /// Open issues in it.
    pub open_issues: Option<u64>,
    /// Closed issues in it.
    pub closed_issues: Option<u64>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it is due.
    pub due_on: Option<Timestamp>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was closed.
    pub closed_at: Option<Timestamp>,
}

/// A comment on an issue or pull request conversation.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IssueComment {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The body (Markdown).
    pub body: Option<Text>,
    /// The author.
    pub user: Option<User>,
    /// The author's relation to the repository.
    pub author_association: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// The App that wrote it, if one did.
    pub performed_via_github_app: Option<App>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A comment on a commit (`commit_comment` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CommitComment {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The body (Markdown).
    pub body: Option<Text>,
    /// The author.
    pub user: Option<User>,
    /// The commented commit's SHA.
    pub commit_id: Option<Text>,
    /// The file commented on, for a line comment.
    pub path: Option<Text>,
    /// The line in the diff, for a line comment.
    pub position: Option<u64>,
    /// The line in the file, for a line comment.
    pub line: Option<u64>,
    /// The author's relation to the repository.
    pub author_association: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}
