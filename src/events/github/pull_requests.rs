//! Pull requests, their reviews, review comments and review threads.

use serde::Deserialize;

use super::de::null_default;
use super::{Label, Milestone, Repository, Reviewer, Team, Timestamp, User};

/// A pull request.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct PullRequest {
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
    /// `open` or `closed`.
    pub state: Option<Box<str>>,
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
    pub mergeable_state: Option<Box<str>>,
    /// The merge commit (or the test merge commit while open).
    pub merge_commit_sha: Option<Box<str>>,
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
    pub author_association: Option<Box<str>>,
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
    pub html_url: Option<Box<str>>,
    /// The API URL.
    pub url: Option<Box<str>>,
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
#[non_exhaustive]
pub struct PullRequestBranch {
    /// The branch name (`ref` in JSON).
    #[serde(rename = "ref")]
    pub git_ref: Box<str>,
    /// The commit SHA.
    pub sha: Box<str>,
    /// `owner:branch`.
    pub label: Option<Box<str>>,
    /// The owner of the repository.
    pub user: Option<User>,
    /// The repository; `None` when a fork was deleted.
    pub repo: Option<Repository>,
}

/// Auto-merge settings of a pull request.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct AutoMerge {
    /// Who enabled it.
    pub enabled_by: Option<User>,
    /// `merge`, `squash` or `rebase`.
    pub merge_method: Option<Box<str>>,
    /// The title of the merge commit.
    pub commit_title: Option<Box<str>>,
    /// The message of the merge commit.
    pub commit_message: Option<Box<str>>,
}

/// A review of a pull request.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Review {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The reviewer.
    pub user: Option<User>,
    /// The review text.
    pub body: Option<Box<str>>,
    /// `approved`, `changes_requested`, `commented`, `dismissed` (case varies by server).
    pub state: Option<Box<str>>,
    /// The commit reviewed.
    pub commit_id: Option<Box<str>>,
    /// The reviewer's relation to the repository.
    pub author_association: Option<Box<str>>,
    /// The web page.
    pub html_url: Option<Box<str>>,
    /// When it was submitted.
    pub submitted_at: Option<Timestamp>,
}

/// A comment on a line or file of a pull request's diff.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ReviewComment {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The review the comment belongs to.
    pub pull_request_review_id: Option<u64>,
    /// The comment this one answers.
    pub in_reply_to_id: Option<u64>,
    /// The body (Markdown).
    pub body: Option<Box<str>>,
    /// The author.
    pub user: Option<User>,
    /// The file commented on.
    pub path: Option<Box<str>>,
    /// The diff hunk around the comment.
    pub diff_hunk: Option<Box<str>>,
    /// The commit the comment is on.
    pub commit_id: Option<Box<str>>,
    /// The commit the comment was first made on.
    pub original_commit_id: Option<Box<str>>,
    /// The line in the diff (legacy).
    pub position: Option<u64>,
    /// The first line in the diff, as first made (legacy).
    pub original_position: Option<u64>,
    /// The (last) line of the file the comment applies to.
    pub line: Option<u64>,
    /// The first line of a multi-line comment.
    pub start_line: Option<u64>,
    /// `LEFT` or `RIGHT`.
    pub side: Option<Box<str>>,
    /// `line` or `file`.
    pub subject_type: Option<Box<str>>,
    /// The author's relation to the repository.
    pub author_association: Option<Box<str>>,
    /// The web page.
    pub html_url: Option<Box<str>>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A thread of review comments (`pull_request_review_thread` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ReviewThread {
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The comments of the thread.
    #[serde(default, deserialize_with = "null_default")]
    pub comments: Vec<ReviewComment>,
}
