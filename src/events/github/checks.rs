//! Checks: check runs, check suites and the pull requests they point at.

use serde::Deserialize;

use super::de::null_default;
use super::{App, Commit, RepositoryRef, Text, Timestamp};

/// A check run.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CheckRun {
    /// The numeric id.
    pub id: u64,
    /// The name.
    pub name: Option<Text>,
    /// The commit checked.
    pub head_sha: Option<Text>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The id the App assigned.
    pub external_id: Option<Text>,
    /// `queued`, `in_progress`, `completed`, `waiting`, `requested`, `pending`.
    pub status: Option<Text>,
    /// `success`, `failure`, `neutral`, `cancelled`, `timed_out`, `action_required`,
    /// `stale`, `skipped`; `None` until completed.
    pub conclusion: Option<Text>,
    /// The App's page with details.
    pub details_url: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// The output shown on GitHub.
    pub output: Option<CheckRunOutput>,
    /// The suite the run belongs to.
    pub check_suite: Option<CheckSuite>,
    /// The App that created the run.
    pub app: Option<App>,
    /// Open pull requests whose head matches the run's commit.
    #[serde(default, deserialize_with = "null_default")]
    pub pull_requests: Vec<PullRequestRef>,
    /// When it started.
    pub started_at: Option<Timestamp>,
    /// When it completed.
    pub completed_at: Option<Timestamp>,
}

/// What a check run shows on GitHub.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CheckRunOutput {
    /// The title.
    pub title: Option<Text>,
    /// The summary (Markdown).
    pub summary: Option<Text>,
    /// The details (Markdown).
    pub text: Option<Text>,
    /// The number of annotations.
    pub annotations_count: Option<u64>,
}

/// A check suite.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CheckSuite {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The branch, when the commit is on one.
    pub head_branch: Option<Text>,
    /// The commit checked.
    pub head_sha: Option<Text>,
    /// `requested`, `in_progress`, `completed`, `queued`, `pending`, `waiting`.
    pub status: Option<Text>,
    /// The conclusion, once completed.
    pub conclusion: Option<Text>,
    /// The commit before the push that created the suite.
    pub before: Option<Text>,
    /// The commit after the push that created the suite.
    pub after: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// Open pull requests whose head matches the suite's commit.
    #[serde(default, deserialize_with = "null_default")]
    pub pull_requests: Vec<PullRequestRef>,
    /// The App the suite belongs to.
    pub app: Option<App>,
    /// The head commit.
    pub head_commit: Option<Commit>,
    /// How many check runs the suite's latest attempt has.
    pub latest_check_runs_count: Option<u64>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A pull request as checks and workflow runs point at it: number and branches only.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PullRequestRef {
    /// The number within the base repository.
    pub number: u64,
    /// The numeric id.
    pub id: Option<u64>,
    /// The API URL.
    pub url: Option<Text>,
    /// The head branch.
    pub head: Option<BranchRef>,
    /// The base branch.
    pub base: Option<BranchRef>,
}

/// A branch of a [`PullRequestRef`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BranchRef {
    /// The branch name (`ref` in JSON).
    #[serde(rename = "ref")]
    pub git_ref: Option<Text>,
    /// The commit SHA.
    pub sha: Option<Text>,
    /// The repository.
    pub repo: Option<RepositoryRef>,
}

/// The button a user pressed on a check run (`check_run` `requested_action`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RequestedAction {
    /// The identifier the App gave the button.
    pub identifier: Option<Text>,
}
