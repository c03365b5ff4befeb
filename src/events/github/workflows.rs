//! GitHub Actions: workflows, workflow runs and jobs.

use serde::Deserialize;

use super::de::null_default;
use super::{Commit, PullRequestRef, Repository, Text, Timestamp, User};

/// A workflow file.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Workflow {
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The name.
    pub name: Option<Text>,
    /// The path of the file (`.github/workflows/ci.yml`).
    pub path: Option<Text>,
    /// `active`, `disabled_manually`, …
    pub state: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A run of a workflow.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WorkflowRun {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The workflow's name.
    pub name: Option<Text>,
    /// The title shown for the run.
    pub display_title: Option<Text>,
    /// The workflow file.
    pub path: Option<Text>,
    /// The workflow's id.
    pub workflow_id: Option<u64>,
    /// The run number within the workflow.
    pub run_number: Option<u64>,
    /// The attempt (1 for the first run, more for re-runs).
    pub run_attempt: Option<u64>,
    /// The event that triggered it (`push`, `pull_request`, …).
    pub event: Option<Text>,
    /// `requested`, `in_progress`, `completed`, `queued`, `pending`, `waiting`.
    pub status: Option<Text>,
    /// The conclusion, once completed.
    pub conclusion: Option<Text>,
    /// The branch.
    pub head_branch: Option<Text>,
    /// The commit.
    pub head_sha: Option<Text>,
    /// The head commit.
    pub head_commit: Option<Commit>,
    /// The check suite of the run.
    pub check_suite_id: Option<u64>,
    /// Who started the first attempt.
    pub actor: Option<User>,
    /// Who started this attempt.
    pub triggering_actor: Option<User>,
    /// The repository the workflow runs in.
    pub repository: Option<Repository>,
    /// The repository the head commit comes from (a fork, for pull requests from forks).
    pub head_repository: Option<Repository>,
    /// Pull requests the run is for.
    #[serde(default, deserialize_with = "null_default")]
    pub pull_requests: Vec<PullRequestRef>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When this attempt started.
    pub run_started_at: Option<Timestamp>,
}

/// A job of a workflow run.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WorkflowJob {
    /// The numeric id.
    pub id: u64,
    /// The run the job belongs to.
    pub run_id: Option<u64>,
    /// The attempt of the run.
    pub run_attempt: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The job's name.
    pub name: Option<Text>,
    /// The workflow's name.
    pub workflow_name: Option<Text>,
    /// The branch.
    pub head_branch: Option<Text>,
    /// The commit.
    pub head_sha: Option<Text>,
    /// `queued`, `in_progress`, `completed`, `waiting`.
    pub status: Option<Text>,
    /// The conclusion, once completed.
    pub conclusion: Option<Text>,
    /// The runner labels the job asked for.
    #[serde(default, deserialize_with = "null_default")]
    pub labels: Vec<Text>,
    /// The runner's id, once assigned.
    pub runner_id: Option<u64>,
    /// The runner's name, once assigned.
    pub runner_name: Option<Text>,
    /// The runner group's id, once assigned.
    pub runner_group_id: Option<u64>,
    /// The runner group's name, once assigned.
    pub runner_group_name: Option<Text>,
    /// The steps.
    #[serde(default, deserialize_with = "null_default")]
    pub steps: Vec<WorkflowStep>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it started.
    pub started_at: Option<Timestamp>,
    /// When it completed.
    pub completed_at: Option<Timestamp>,
}

/// A step of a [`WorkflowJob`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WorkflowStep {
    /// The step's name.
    pub name: Option<Text>,
    /// Its position in the job, from 1.
    pub number: Option<u64>,
    /// `queued`, `in_progress`, `completed`, `pending`.
    pub status: Option<Text>,
    /// The conclusion, once completed.
    pub conclusion: Option<Text>,
    /// When it started.
    pub started_at: Option<Timestamp>,
    /// When it completed.
    pub completed_at: Option<Timestamp>,
}
