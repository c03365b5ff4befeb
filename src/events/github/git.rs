//! Git data: commits as push events list them, commit authors, branches.

use serde::Deserialize;

use super::de::null_default;
use super::{Text, Timestamp, User};

/// A commit as `push` events list it, and as the `head_commit` of check suites, workflow runs
/// and merge groups (which leave out the file lists).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Commit {
    /// The commit SHA.
    pub id: Text,
    /// The tree SHA.
    pub tree_id: Option<Text>,
    /// Whether the commit is new to the repository with this push.
    pub distinct: Option<bool>,
    /// The commit message.
    pub message: Option<Text>,
    /// The author date.
    pub timestamp: Option<Timestamp>,
    /// The commit's web page.
    pub url: Option<Text>,
    /// The git author.
    pub author: Option<GitUser>,
    /// The git committer.
    pub committer: Option<GitUser>,
    /// Paths added.
    #[serde(default, deserialize_with = "null_default")]
    pub added: Vec<Text>,
    /// Paths removed.
    #[serde(default, deserialize_with = "null_default")]
    pub removed: Vec<Text>,
    /// Paths modified.
    #[serde(default, deserialize_with = "null_default")]
    pub modified: Vec<Text>,
}

/// A git identity: the author or committer of a commit, or the pusher of a push.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GitUser {
    /// The name.
    pub name: Option<Text>,
    /// The e-mail address.
    pub email: Option<Text>,
    /// The GitHub login, when GitHub matched the address to an account.
    pub username: Option<Text>,
    /// The date of the signature, where sent.
    pub date: Option<Timestamp>,
}

/// The commit a `status` event is about, as the commits API returns it.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct StatusCommit {
    /// The commit SHA.
    pub sha: Text,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The commit's web page.
    pub html_url: Option<Text>,
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
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CommitData {
    /// The commit message.
    pub message: Option<Text>,
    /// The git author.
    pub author: Option<GitUser>,
    /// The git committer.
    pub committer: Option<GitUser>,
}

/// A parent of a commit.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CommitParent {
    /// The parent's SHA.
    pub sha: Text,
    /// The parent's web page.
    pub html_url: Option<Text>,
}

/// A branch that contains a commit (`status` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Branch {
    /// The branch name.
    pub name: Text,
    /// The branch's head commit.
    pub commit: Option<BranchCommit>,
    /// Whether the branch is protected.
    pub protected: Option<bool>,
}

/// The head commit of a [`Branch`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BranchCommit {
    /// The commit SHA.
    pub sha: Text,
    /// The API URL.
    pub url: Option<Text>,
}

/// A merge queue's group of pull requests (`merge_group` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MergeGroup {
    /// The SHA of the group's merge commit.
    pub head_sha: Option<Text>,
    /// The full ref of the group (`refs/heads/gh-readonly-queue/…`).
    pub head_ref: Option<Text>,
    /// The SHA the group is based on.
    pub base_sha: Option<Text>,
    /// The full ref of the target branch.
    pub base_ref: Option<Text>,
    /// The group's merge commit.
    pub head_commit: Option<Commit>,
}
