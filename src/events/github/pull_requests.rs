//! Pull requests, their reviews, review comments and review threads.

use serde::Deserialize;

use super::de::null_default;
use super::{Label, Milestone, Repository, Reviewer, Team, Text, Timestamp, User};

/// A pull request.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PullRequest {
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
    /// Whether it is a draft.
    pub draft: Option<bool>,
    /// Whether the conversation is locked.
    pub locked: Option<bool>,
    /// The branch to merge (`head`).
    pub head: PullRequestBranch,
    /// The branch to merge into (`base`).
    pub base: PullRequestBranch,
    /// Whether it was merged.
    pub merged: Option<bool>,
    /// Whether it can be merged; `None` while GitHub computes it.
    pub mergeable: Option<bool>,
    /// `clean`, `dirty`, `blocked`, `behind`, `unstable`, `unknown`, …
    pub mergeable_state: Option<Text>,
    /// The merge commit (or the test merge commit while open).
    pub merge_commit_sha: Option<Text>,
    /// Who merged it.
    pub merged_by: Option<User>,
    /// The labels.
    #[serde(default, deserialize_with = "null_default")]
    pub labels: Vec<Label>,
    /// The milestone.
    pub milestone: Option<Milestone>,
    /// The first assignee.
    pub assignee: Option<User>,
    /// All assignees.
    #[serde(default, deserialize_with = "null_default")]
    pub assignees: Vec<User>,
    /// Users (and, on some servers, teams) asked to review.
    #[serde(default, deserialize_with = "null_default")]
    pub requested_reviewers: Vec<Reviewer>,
    /// Teams asked to review.
    #[serde(default, deserialize_with = "null_default")]
    pub requested_teams: Vec<Team>,
    /// The author's relation to the repository.
    pub author_association: Option<Text>,
    /// Auto-merge settings, when enabled.
    pub auto_merge: Option<AutoMerge>,
    /// Number of commits.
    pub commits: Option<u64>,
    /// Lines added.
    pub additions: Option<u64>,
    /// Lines deleted.
    pub deletions: Option<u64>,
    /// Files changed.
    pub changed_files: Option<u64>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was closed.
    pub closed_at: Option<Timestamp>,
    /// When it was merged.
    pub merged_at: Option<Timestamp>,
}

/// One side of a pull request: `head` or `base`.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PullRequestBranch {
    /// The branch name (`ref` in JSON).
    #[serde(rename = "ref")]
    pub git_ref: Text,
    /// The commit SHA.
    pub sha: Text,
    /// `owner:branch`.
    pub label: Option<Text>,
    /// The owner of the repository.
    pub user: Option<User>,
    /// The repository; `None` when a fork was deleted.
    pub repo: Option<Repository>,
}

/// Auto-merge settings of a pull request.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AutoMerge {
    /// Who enabled it.
    pub enabled_by: Option<User>,
    /// `merge`, `squash` or `rebase`.
    pub merge_method: Option<Text>,
    /// The title of the merge commit.
    pub commit_title: Option<Text>,
    /// The message of the merge commit.
    pub commit_message: Option<Text>,
}

/// A review of a pull request.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Review {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The reviewer.
    pub user: Option<User>,
    /// The review text.
    pub body: Option<Text>,
    /// `approved`, `changes_requested`, `commented`, `dismissed` (case varies by server).
    pub state: Option<Text>,
    /// The commit reviewed.
    pub commit_id: Option<Text>,
    /// The reviewer's relation to the repository.
    pub author_association: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was submitted.
    pub submitted_at: Option<Timestamp>,
}

/// A comment on a line or file of a pull request's diff.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReviewComment {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The review the comment belongs to.
    pub pull_request_review_id: Option<u64>,
    /// The comment this one answers.
    pub in_reply_to_id: Option<u64>,
    /// The body (Markdown).
    pub body: Option<Text>,
    /// The author.
    pub user: Option<User>,
    /// The file commented on.
    pub path: Option<Text>,
    /// The diff hunk around the comment.
    pub diff_hunk: Option<Text>,
    /// The commit the comment is on.
    pub commit_id: Option<Text>,
    /// The commit the comment was first made on.
    pub original_commit_id: Option<Text>,
    /// The line in the diff (legacy).
    pub position: Option<u64>,
    /// The first line in the diff, as first made (legacy).
    pub original_position: Option<u64>,
    /// The (last) line of the file the comment applies to.
    pub line: Option<u64>,
    /// The first line of a multi-line comment.
    pub start_line: Option<u64>,
    /// `LEFT` or `RIGHT`.
    pub side: Option<Text>,
    /// `line` or `file`.
    pub subject_type: Option<Text>,
    /// The author's relation to the repository.
    pub author_association: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A thread of review comments (`pull_request_review_thread` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReviewThread {
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The comments of the thread.
    #[serde(default, deserialize_with = "null_default")]
    pub comments: Vec<ReviewComment>,
}
