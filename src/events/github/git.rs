//! Git data: commits as push events list them, commit authors, branches.

use serde::Deserialize;

use super::de::null_default;
use super::{Timestamp, User};

/// A commit as `push` events list it, and as the `head_commit` of check suites, workflow runs
/// and merge groups (which leave out the file lists).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Commit {
    /// The commit SHA.
    pub id: Box<str>,
    /// The tree SHA.
    pub tree_id: Option<Box<str>>,
    /// Whether the commit is new to the repository with this push.
    pub distinct: Option<bool>,
    /// The commit message.
    pub message: Option<Box<str>>,
    /// The author date.
    pub timestamp: Option<Timestamp>,
    /// The commit's web page.
    pub url: Option<Box<str>>,
    /// The git author.
    pub author: Option<GitUser>,
    /// The git committer.
    pub committer: Option<GitUser>,
    /// Paths added.
    #[serde(default, deserialize_with = "null_default")]
    pub added: Vec<Box<str>>,
    /// Paths removed.
    #[serde(default, deserialize_with = "null_default")]
    pub removed: Vec<Box<str>>,
    /// Paths modified.
    #[serde(default, deserialize_with = "null_default")]
    pub modified: Vec<Box<str>>,
}

/// A git identity: the author or committer of a commit, or the pusher of a push.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct GitUser {
    /// The name.
    pub name: Option<Box<str>>,
    /// The e-mail address.
    pub email: Option<Box<str>>,
    /// The GitHub login, when GitHub matched the address to an account.
    pub username: Option<Box<str>>,
    /// The date of the signature, where sent.
    pub date: Option<Timestamp>,
}

/// The commit a `status` event is about, as the commits API returns it.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct StatusCommit {
    /// The commit SHA.
    pub sha: Box<str>,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The commit's web page.
    pub html_url: Option<Box<str>>,
    /// The git data of the commit.
    pub commit: Option<CommitData>,
    /// The GitHub account of the author, when GitHub matched one.
    pub author: Option<User>,
    /// The GitHub account of the committer, when GitHub matched one.
    pub committer: Option<User>,
    /// The parent commits.
    #[serde(default, deserialize_with = "null_default")]
    pub parents: Vec<CommitParent>,
}

/// The git data of a commit: message, author and committer.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CommitData {
    /// The commit message.
    pub message: Option<Box<str>>,
    /// The git author.
    pub author: Option<GitUser>,
    /// The git committer.
    pub committer: Option<GitUser>,
}

/// A parent of a commit.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CommitParent {
    /// The parent's SHA.
    pub sha: Box<str>,
    /// The parent's web page.
    pub html_url: Option<Box<str>>,
}

/// A branch that contains a commit (`status` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Branch {
    /// The branch name.
    pub name: Box<str>,
    /// The branch's head commit.
    pub commit: Option<BranchCommit>,
    /// Whether the branch is protected.
    pub protected: Option<bool>,
}

/// The head commit of a [`Branch`].
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct BranchCommit {
    /// The commit SHA.
    pub sha: Box<str>,
    /// The API URL.
    pub url: Option<Box<str>>,
}

/// A merge queue's group of pull requests (`merge_group` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct MergeGroup {
    /// The SHA of the group's merge commit.
    pub head_sha: Option<Box<str>>,
    /// The full ref of the group (`refs/heads/gh-readonly-queue/…`).
    pub head_ref: Option<Box<str>>,
    /// The SHA the group is based on.
    pub base_sha: Option<Box<str>>,
    /// The full ref of the target branch.
    pub base_ref: Option<Box<str>>,
    /// The group's merge commit.
    pub head_commit: Option<Commit>,
}
