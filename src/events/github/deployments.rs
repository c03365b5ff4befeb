//! Deployments, their statuses and reviews; deploy keys, Pages builds, webhooks.

use serde::Deserialize;

use super::de::null_default;
use super::{App, Reviewer, Text, Timestamp, User};

/// A deployment.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Deployment {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The commit deployed.
    pub sha: Option<Text>,
    /// The ref deployed (branch, tag or SHA; `ref` in JSON).
    #[serde(rename = "ref")]
    pub git_ref: Option<Text>,
    /// The task (`deploy`, `deploy:migrations`, …).
    pub task: Option<Text>,
    /// The environment (`production`, …).
    pub environment: Option<Text>,
    /// The environment first named.
    pub original_environment: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// Extra data the creator attached: any JSON (an object, or a string on older servers).
    pub payload: Option<serde_json::Value>,
    /// Who created it.
    pub creator: Option<User>,
    /// Whether the environment is transient.
    pub transient_environment: Option<bool>,
    /// Whether the environment is production.
    pub production_environment: Option<bool>,
    /// The App that created it, if one did.
    pub performed_via_github_app: Option<App>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A status of a deployment.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DeploymentStatus {
    /// The numeric id.
    pub id: u64,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// `pending`, `success`, `failure`, `error`, `in_progress`, `queued`, `inactive`.
    pub state: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// The environment.
    pub environment: Option<Text>,
    /// The page with the deployment's output.
    pub target_url: Option<Text>,
    /// The deployment's log.
    pub log_url: Option<Text>,
    /// The deployed environment's URL.
    pub environment_url: Option<Text>,
    /// Who created it.
    pub creator: Option<User>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A reviewer a deployment waits for (`deployment_review` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DeploymentReviewer {
    /// `User` or `Team` (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// The user or team.
    pub reviewer: Option<Reviewer>,
}

/// A workflow job waiting for a deployment review.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WorkflowJobRun {
    /// The job's id.
    pub id: Option<u64>,
    /// The job's name.
    pub name: Option<Text>,
    /// The environment.
    pub environment: Option<Text>,
    /// The status.
    pub status: Option<Text>,
    /// The conclusion.
    pub conclusion: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A deploy key (`deploy_key` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DeployKey {
    /// The numeric id.
    pub id: u64,
    /// The public key.
    pub key: Option<Text>,
    /// The title.
    pub title: Option<Text>,
    /// Whether it is read-only.
    pub read_only: Option<bool>,
    /// Whether it is verified.
    pub verified: Option<bool>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
}

/// A GitHub Pages build (`page_build` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PageBuild {
    /// `building`, `built`, `errored`.
    pub status: Option<Text>,
    /// The error, if the build failed.
    pub error: Option<PageBuildError>,
    /// Who pushed.
    pub pusher: Option<User>,
    /// The commit built.
    pub commit: Option<Text>,
    /// The build time in milliseconds.
    pub duration: Option<u64>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// The error of a failed [`PageBuild`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PageBuildError {
    /// The message; `None` when the build did not fail.
    pub message: Option<Text>,
}

/// A webhook's configuration, as `ping` and `meta` events describe it. Its secret is never
/// read.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Hook {
    /// The hook's id.
    pub id: Option<u64>,
    /// `Repository`, `Organization`, `App`, `Business`, … (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// Always `web`.
    pub name: Option<Text>,
    /// Whether deliveries are sent.
    pub active: Option<bool>,
    /// The events it is subscribed to (`*` for all).
    #[serde(default, deserialize_with = "null_default")]
    pub events: Vec<Text>,
    /// Where and how deliveries are sent.
    pub config: Option<HookConfig>,
    /// The App's id, for App webhooks.
    pub app_id: Option<u64>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// The delivery settings of a [`Hook`] (the secret is deliberately not read).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HookConfig {
    /// The URL deliveries are posted to.
    pub url: Option<Text>,
    /// `json` or `form`.
    pub content_type: Option<Text>,
}
