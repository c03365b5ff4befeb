//! One struct per event: what each delivery's body holds.
//!
//! Every payload also carries the common fields GitHub documents for all events: `sender`,
//! `organization`, `enterprise`, and (except for App-level events, which carry their own)
//! `installation`. Events that always happen in a repository have a `repository: Repository`;
//! the others an `Option<Repository>`. `changes` (the old values of `edited`-style actions)
//! differs per event and action and is kept as JSON.

use serde::Deserialize;

use super::de::null_default;
use super::*;

/// Declares a payload struct and appends the common fields.
macro_rules! payload {
    ($(#[$m:meta])* $name:ident in repository { $($body:tt)* }) => {
        payload!(@struct $(#[$m])* $name {
            $($body)*
            /// The repository where the event occurred.
            pub repository: Repository,
            /// The App installation, for deliveries to a GitHub App.
            pub installation: Option<InstallationRef>,
        });
    };
    ($(#[$m:meta])* $name:ident in any { $($body:tt)* }) => {
        payload!(@struct $(#[$m])* $name {
            $($body)*
            /// The repository, for events that occur in one.
            pub repository: Option<Repository>,
            /// The App installation, for deliveries to a GitHub App.
            pub installation: Option<InstallationRef>,
        });
    };
    ($(#[$m:meta])* $name:ident in app { $($body:tt)* }) => {
        payload!(@struct $(#[$m])* $name {
            $($body)*
            /// The repository, for events that occur in one.
            pub repository: Option<Repository>,
        });
    };
    (@struct $(#[$m:meta])* $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Deserialize)]
        #[cfg_attr(feature = "serialize", derive(serde::Serialize))]
        #[non_exhaustive]
        pub struct $name {
            $($body)*
            /// The account that triggered the event.
            pub sender: Option<User>,
            /// The organization, for events in or about one.
            pub organization: Option<Organization>,
            /// The enterprise, for events in an enterprise account.
            pub enterprise: Option<Enterprise>,
        }
    };
}

payload! {
    /// `branch_protection_configuration`: branch protection was turned on or off for a
    /// repository.
    BranchProtectionConfigurationEvent in repository {
        /// What happened.
        pub action: BranchProtectionConfigurationAction,
    }
}

payload! {
    /// `branch_protection_rule`: a branch protection rule was created, edited or deleted.
    BranchProtectionRuleEvent in repository {
        /// What happened.
        pub action: BranchProtectionRuleAction,
        /// The rule.
        pub rule: Option<BranchProtectionRule>,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `cache_sync` (GitHub Enterprise Server): a Git ref was synced to a repository cache
    /// replica.
    CacheSyncEvent in repository {
        /// The cache replica that was updated.
        pub cache_location: Option<Text>,
        /// The full ref synced (`refs/heads/main`; `ref` in JSON).
        #[serde(rename = "ref")]
        pub git_ref: Text,
        /// The SHA of the ref on the replica before the sync (all zeros for a new ref).
        pub before: Text,
        /// The SHA of the ref on the replica after the sync.
        pub after: Text,
    }
}

impl CacheSyncEvent {
    /// The branch name, for a ref under `refs/heads/`.
    pub fn branch(&self) -> Option<&str> {
        self.git_ref.strip_prefix("refs/heads/")
    }

    /// The tag name, for a ref under `refs/tags/`.
    pub fn tag(&self) -> Option<&str> {
        self.git_ref.strip_prefix("refs/tags/")
    }
}

payload! {
    /// `check_run`: a check run was created, completed, re-requested, or a button on it pressed.
    CheckRunEvent in repository {
        /// What happened.
        pub action: CheckRunAction,
        /// The check run.
        pub check_run: CheckRun,
        /// The button pressed, for `requested_action`.
        pub requested_action: Option<RequestedAction>,
    }
}

payload! {
    /// `check_suite`: a check suite was requested, re-requested or completed.
    CheckSuiteEvent in repository {
        /// What happened.
        pub action: CheckSuiteAction,
        /// The check suite.
        pub check_suite: CheckSuite,
    }
}

payload! {
    /// `code_scanning_alert`: a code scanning alert changed.
    CodeScanningAlertEvent in repository {
        /// What happened.
        pub action: CodeScanningAlertAction,
        /// The alert.
        pub alert: CodeScanningAlert,
        /// The ref the alert is on (`ref` in JSON); empty for some actions.
        #[serde(rename = "ref")]
        pub git_ref: Option<Text>,
        /// The commit the alert is on; empty for some actions.
        pub commit_oid: Option<Text>,
    }
}

payload! {
    /// `commit_comment`: a commit was commented on.
    CommitCommentEvent in repository {
        /// What happened (older servers send no action).
        pub action: Option<CommitCommentAction>,
        /// The comment.
        pub comment: CommitComment,
    }
}

payload! {
    /// `content_reference`: a link to a registered domain was posted (retired App feature).
    ContentReferenceEvent in repository {
        /// What happened.
        pub action: ContentReferenceAction,
        /// The link.
        pub content_reference: Option<ContentReference>,
    }
}

/// The link of a [`ContentReferenceEvent`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ContentReference {
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The link.
    pub reference: Option<Text>,
}

payload! {
    /// `create`: a branch or tag was created.
    CreateEvent in repository {
        /// The branch or tag name (not the full ref; `ref` in JSON).
        #[serde(rename = "ref")]
        pub git_ref: Text,
        /// `branch` or `tag`.
        pub ref_type: Text,
        /// The repository's default branch.
        pub master_branch: Option<Text>,
        /// The repository's description.
        pub description: Option<Text>,
        /// `user` or `deploy_key`.
        pub pusher_type: Option<Text>,
    }
}

payload! {
    /// `custom_property`: a custom property of an organization was defined, changed or removed.
    CustomPropertyEvent in any {
        /// What happened.
        pub action: CustomPropertyAction,
        /// The property.
        pub definition: Option<CustomProperty>,
    }
}

payload! {
    /// `custom_property_values`: the custom property values of a repository changed.
    CustomPropertyValuesEvent in repository {
        /// What happened.
        pub action: CustomPropertyValuesAction,
        /// The values now set.
        #[serde(default, deserialize_with = "null_default")]
        pub new_property_values: Vec<CustomPropertyValue>,
        /// The values before.
        #[serde(default, deserialize_with = "null_default")]
        pub old_property_values: Vec<CustomPropertyValue>,
    }
}

payload! {
    /// `delete`: a branch or tag was deleted.
    DeleteEvent in repository {
        /// The branch or tag name (`ref` in JSON).
        #[serde(rename = "ref")]
        pub git_ref: Text,
        /// `branch` or `tag`.
        pub ref_type: Text,
        /// `user` or `deploy_key`.
        pub pusher_type: Option<Text>,
    }
}

payload! {
    /// `dependabot_alert`: a Dependabot alert changed.
    DependabotAlertEvent in repository {
        /// What happened.
        pub action: DependabotAlertAction,
        /// The alert.
        pub alert: DependabotAlert,
    }
}

payload! {
    /// `deploy_key`: a deploy key was added or removed.
    DeployKeyEvent in repository {
        /// What happened.
        pub action: DeployKeyAction,
        /// The key.
        pub key: DeployKey,
    }
}

payload! {
    /// `deployment`: a deployment was created.
    DeploymentEvent in repository {
        /// What happened (older servers send no action).
        pub action: Option<DeploymentAction>,
        /// The deployment.
        pub deployment: Deployment,
        /// The workflow that created it, if one did.
        pub workflow: Option<Workflow>,
        /// The workflow run that created it, if one did.
        pub workflow_run: Option<WorkflowRun>,
    }
}

payload! {
    /// `deployment_protection_rule`: a deployment waits for a custom protection rule.
    DeploymentProtectionRuleEvent in any {
        /// What happened.
        pub action: DeploymentProtectionRuleAction,
        /// The environment.
        pub environment: Option<Text>,
        /// The event that triggered the deployment.
        pub event: Option<Text>,
        /// The commit deployed.
        pub sha: Option<Text>,
        /// The ref deployed (`ref` in JSON).
        #[serde(rename = "ref")]
        pub git_ref: Option<Text>,
        /// Where to post the rule's verdict.
        pub deployment_callback_url: Option<Text>,
        /// The deployment.
        pub deployment: Option<Deployment>,
    }
}

payload! {
    /// `deployment_review`: a deployment review was requested, approved or rejected.
    DeploymentReviewEvent in repository {
        /// What happened.
        pub action: DeploymentReviewAction,
        /// The environment, for `requested`.
        pub environment: Option<Text>,
        /// Who approved or rejected.
        pub approver: Option<User>,
        /// The reviewer's comment.
        pub comment: Option<Text>,
        /// Who asked for the review.
        pub requestor: Option<User>,
        /// The reviewers asked, for `requested`.
        #[serde(default, deserialize_with = "null_default")]
        pub reviewers: Vec<DeploymentReviewer>,
        /// The job waiting, for `requested`.
        pub workflow_job_run: Option<WorkflowJobRun>,
        /// The jobs approved or rejected.
        #[serde(default, deserialize_with = "null_default")]
        pub workflow_job_runs: Vec<WorkflowJobRun>,
        /// The workflow run.
        pub workflow_run: Option<WorkflowRun>,
    }
}

payload! {
    /// `deployment_status`: a deployment's status changed.
    DeploymentStatusEvent in repository {
        /// What happened (older servers send no action).
        pub action: Option<DeploymentStatusAction>,
        /// The new status.
        pub deployment_status: DeploymentStatus,
        /// The deployment.
        pub deployment: Deployment,
        /// The check run, when a workflow deployed.
        pub check_run: Option<CheckRun>,
        /// The workflow, when a workflow deployed.
        pub workflow: Option<Workflow>,
        /// The workflow run, when a workflow deployed.
        pub workflow_run: Option<WorkflowRun>,
    }
}

payload! {
    /// `discussion`: a discussion changed.
    DiscussionEvent in repository {
        /// What happened.
        pub action: DiscussionAction,
        /// The discussion.
        pub discussion: Discussion,
        /// The chosen answer, for `answered`.
        pub answer: Option<DiscussionComment>,
        /// The answer no longer chosen, for `unanswered`.
        pub old_answer: Option<DiscussionComment>,
        /// The label, for `labeled` and `unlabeled`.
        pub label: Option<Label>,
        /// The old values, for `edited`, `category_changed` and `transferred`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `discussion_comment`: a comment on a discussion changed.
    DiscussionCommentEvent in repository {
        /// What happened.
        pub action: DiscussionCommentAction,
        /// The comment.
        pub comment: DiscussionComment,
        /// The discussion.
        pub discussion: Discussion,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `enterprise` (GitHub Enterprise Server): a site administrator turned anonymous Git read
    /// access on or off. The body names no repository: only the action and the `sender`.
    EnterpriseEvent in any {
        /// What happened.
        pub action: EnterpriseAction,
    }
}

payload! {
    /// `fork`: the repository was forked.
    ForkEvent in repository {
        /// The new fork.
        pub forkee: Repository,
    }
}

payload! {
    /// `github_app_authorization`: a user revoked their authorization of a GitHub App.
    GithubAppAuthorizationEvent in app {
        /// What happened.
        pub action: GithubAppAuthorizationAction,
    }
}

payload! {
    /// `gollum`: wiki pages were created or edited.
    GollumEvent in repository {
        /// The pages.
        #[serde(default, deserialize_with = "null_default")]
        pub pages: Vec<WikiPage>,
    }
}

payload! {
    /// `installation`: a GitHub App was installed, uninstalled, suspended, or its new
    /// permissions accepted.
    InstallationEvent in app {
        /// What happened.
        pub action: InstallationAction,
        /// The installation (missing from some older deliveries).
        pub installation: Option<Installation>,
        /// The repositories it can access, when only selected ones.
        #[serde(default, deserialize_with = "null_default")]
        pub repositories: Vec<RepositoryRef>,
        /// Who asked for the installation, if an owner installed it on request.
        pub requester: Option<User>,
    }
}

payload! {
    /// `installation_repositories`: repositories were added to or removed from an installation.
    InstallationRepositoriesEvent in app {
        /// What happened.
        pub action: InstallationRepositoriesAction,
        /// The installation (missing from some older deliveries).
        pub installation: Option<Installation>,
        /// `all` or `selected`.
        pub repository_selection: Option<Text>,
        /// Repositories added.
        #[serde(default, deserialize_with = "null_default")]
        pub repositories_added: Vec<RepositoryRef>,
        /// Repositories removed.
        #[serde(default, deserialize_with = "null_default")]
        pub repositories_removed: Vec<RepositoryRef>,
        /// Who asked for the change.
        pub requester: Option<User>,
    }
}

payload! {
    /// `installation_target`: the account an App is installed on was renamed.
    InstallationTargetEvent in app {
        /// What happened.
        pub action: InstallationTargetAction,
        /// The installation.
        pub installation: Option<InstallationRef>,
        /// The renamed account.
        pub account: Option<Account>,
        /// `User` or `Organization`.
        pub target_type: Option<Text>,
        /// The old values.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `issue_comment`: a comment on an issue or pull request changed.
    IssueCommentEvent in repository {
        /// What happened.
        pub action: IssueCommentAction,
        /// The issue (or pull request, see [`Issue::is_pull_request`]).
        pub issue: Issue,
        /// The comment.
        pub comment: IssueComment,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `issues`: an issue changed.
    IssuesEvent in repository {
        /// What happened.
        pub action: IssuesAction,
        /// The issue.
        pub issue: Issue,
        /// The label, for `labeled` and `unlabeled`.
        pub label: Option<Label>,
        /// The user, for `assigned` and `unassigned`.
        pub assignee: Option<User>,
        /// The milestone, for `milestoned` and `demilestoned`.
        pub milestone: Option<Milestone>,
        /// The old values, for `edited` and `transferred`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `label`: a label was created, edited or deleted.
    LabelEvent in repository {
        /// What happened.
        pub action: LabelAction,
        /// The label.
        pub label: Label,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `marketplace_purchase`: a GitHub Marketplace plan was bought, changed or cancelled.
    MarketplacePurchaseEvent in any {
        /// What happened.
        pub action: MarketplacePurchaseAction,
        /// When the change takes effect.
        pub effective_date: Option<Timestamp>,
        /// The purchase.
        pub marketplace_purchase: MarketplacePurchase,
        /// The purchase before the change.
        pub previous_marketplace_purchase: Option<MarketplacePurchase>,
    }
}

payload! {
    /// `member`: a collaborator was added to, changed on or removed from a repository.
    MemberEvent in repository {
        /// What happened.
        pub action: MemberAction,
        /// The collaborator.
        pub member: User,
        /// The old values, for `edited` (and the new permission for `added`).
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `membership`: a user was added to or removed from a team.
    MembershipEvent in any {
        /// What happened.
        pub action: MembershipAction,
        /// `team`.
        pub scope: Option<Text>,
        /// The user.
        pub member: Option<User>,
        /// The team.
        pub team: Team,
    }
}

payload! {
    /// `merge_group`: a merge queue group needs checks, or was destroyed.
    MergeGroupEvent in repository {
        /// What happened.
        pub action: MergeGroupAction,
        /// The group.
        pub merge_group: MergeGroup,
        /// Why it was destroyed (`merged`, `invalidated`, `dequeued`).
        pub reason: Option<Text>,
    }
}

payload! {
    /// `meta`: the webhook itself was deleted.
    MetaEvent in any {
        /// What happened.
        pub action: MetaAction,
        /// The hook's id.
        pub hook_id: u64,
        /// The hook.
        pub hook: Option<Hook>,
    }
}

payload! {
    /// `milestone`: a milestone changed.
    MilestoneEvent in repository {
        /// What happened.
        pub action: MilestoneAction,
        /// The milestone.
        pub milestone: Milestone,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `org_block`: a user was blocked or unblocked by an organization.
    OrgBlockEvent in any {
        /// What happened.
        pub action: OrgBlockAction,
        /// The user.
        pub blocked_user: User,
    }
}

payload! {
    /// `organization`: an organization was renamed or deleted, or its members changed.
    OrganizationEvent in any {
        /// What happened.
        pub action: OrganizationAction,
        /// The membership, for `member_added` and `member_removed`.
        pub membership: Option<OrgMembership>,
        /// The invitation, for `member_invited`.
        pub invitation: Option<OrgInvitation>,
        /// The invited user, for `member_invited`.
        pub user: Option<User>,
        /// The old values, for `renamed`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `package`: a package was published or updated in GitHub Packages.
    PackageEvent in any {
        /// What happened.
        pub action: PackageAction,
        /// The package.
        pub package: Package,
    }
}

payload! {
    /// `page_build`: a GitHub Pages build ran.
    PageBuildEvent in repository {
        /// The build's id.
        pub id: Option<u64>,
        /// The build.
        pub build: PageBuild,
    }
}

payload! {
    /// `personal_access_token_request`: a fine-grained token asked for, or lost, access to an
    /// organization.
    PersonalAccessTokenRequestEvent in any {
        /// What happened.
        pub action: PersonalAccessTokenRequestAction,
        /// The request.
        pub personal_access_token_request: PersonalAccessTokenRequest,
    }
}

payload! {
    /// `ping`: sent once when a webhook is created.
    PingEvent in any {
        /// A random piece of GitHub zen.
        pub zen: Option<Text>,
        /// The hook's id.
        pub hook_id: Option<u64>,
        /// The hook.
        pub hook: Option<Hook>,
    }
}

payload! {
    /// `project`: a classic project changed.
    ProjectEvent in any {
        /// What happened.
        pub action: ProjectAction,
        /// The project.
        pub project: Project,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `project_card`: a card of a classic project changed.
    ProjectCardEvent in any {
        /// What happened.
        pub action: ProjectCardAction,
        /// The card.
        pub project_card: ProjectCard,
        /// The old values, for `edited` and `moved`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `project_column`: a column of a classic project changed.
    ProjectColumnEvent in any {
        /// What happened.
        pub action: ProjectColumnAction,
        /// The column.
        pub project_column: ProjectColumn,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `projects_v2`: a project changed.
    ProjectsV2Event in any {
        /// What happened.
        pub action: ProjectsV2Action,
        /// The project.
        pub projects_v2: ProjectV2,
        /// The old and new values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `projects_v2_item`: an item of a project changed.
    ProjectsV2ItemEvent in any {
        /// What happened.
        pub action: ProjectsV2ItemAction,
        /// The item.
        pub projects_v2_item: ProjectV2Item,
        /// The old and new values, for `edited`, `reordered` and `converted`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `projects_v2_status_update`: a status update of a project changed.
    ProjectsV2StatusUpdateEvent in any {
        /// What happened.
        pub action: ProjectsV2StatusUpdateAction,
        /// The status update.
        pub projects_v2_status_update: ProjectV2StatusUpdate,
        /// The old and new values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `public`: a private repository was made public.
    PublicEvent in repository {}
}

payload! {
    /// `pull_request`: a pull request changed.
    PullRequestEvent in repository {
        /// What happened.
        pub action: PullRequestAction,
        /// The pull request's number.
        pub number: Option<u64>,
        /// The pull request.
        pub pull_request: PullRequest,
        /// The label, for `labeled` and `unlabeled`.
        pub label: Option<Label>,
        /// The user, for `assigned` and `unassigned`.
        pub assignee: Option<User>,
        /// The user asked, for `review_requested` and `review_request_removed`.
        pub requested_reviewer: Option<User>,
        /// The team asked, for `review_requested` and `review_request_removed`.
        pub requested_team: Option<Team>,
        /// The milestone, for `milestoned` and `demilestoned`.
        pub milestone: Option<Milestone>,
        /// The head before the push, for `synchronize`.
        pub before: Option<Text>,
        /// The head after the push, for `synchronize`.
        pub after: Option<Text>,
        /// Why it left the merge queue, for `dequeued`.
        pub reason: Option<Text>,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `pull_request_review`: a review was submitted, edited or dismissed.
    PullRequestReviewEvent in repository {
        /// What happened.
        pub action: PullRequestReviewAction,
        /// The review.
        pub review: Review,
        /// The pull request.
        pub pull_request: PullRequest,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `pull_request_review_comment`: a comment on a pull request's diff changed.
    PullRequestReviewCommentEvent in repository {
        /// What happened.
        pub action: PullRequestReviewCommentAction,
        /// The comment.
        pub comment: ReviewComment,
        /// The pull request.
        pub pull_request: PullRequest,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `pull_request_review_thread`: a review thread was resolved or unresolved.
    PullRequestReviewThreadEvent in repository {
        /// What happened.
        pub action: PullRequestReviewThreadAction,
        /// The thread.
        pub thread: ReviewThread,
        /// The pull request.
        pub pull_request: PullRequest,
    }
}

payload! {
    /// `push`: commits or tags were pushed (also sent when a branch or tag is created or
    /// deleted by a push).
    PushEvent in repository {
        /// The full ref pushed (`refs/heads/main`; `ref` in JSON).
        #[serde(rename = "ref")]
        pub git_ref: Text,
        /// The SHA before the push (all zeros for a new ref).
        pub before: Text,
        /// The SHA after the push (all zeros for a deleted ref).
        pub after: Text,
        /// Whether the push created the ref.
        #[serde(default, deserialize_with = "null_default")]
        pub created: bool,
        /// Whether the push deleted the ref.
        #[serde(default, deserialize_with = "null_default")]
        pub deleted: bool,
        /// Whether the push was forced.
        #[serde(default, deserialize_with = "null_default")]
        pub forced: bool,
        /// For a pushed tag, the branch it points into.
        pub base_ref: Option<Text>,
        /// The comparison page between `before` and `after`.
        pub compare: Option<Text>,
        /// The pushed commits, oldest first (at most 2048, without file lists past 20).
        #[serde(default, deserialize_with = "null_default")]
        pub commits: Vec<Commit>,
        /// The new head commit.
        pub head_commit: Option<Commit>,
        /// Who pushed.
        pub pusher: Option<GitUser>,
    }
}

impl PushEvent {
    /// The branch name, for a push to `refs/heads/…`.
    pub fn branch(&self) -> Option<&str> {
        self.git_ref.strip_prefix("refs/heads/")
    }

    /// The tag name, for a push to `refs/tags/…`.
    pub fn tag(&self) -> Option<&str> {
        self.git_ref.strip_prefix("refs/tags/")
    }
}

payload! {
    /// `registry_package`: a package was published or updated (the older name of `package`).
    RegistryPackageEvent in any {
        /// What happened.
        pub action: RegistryPackageAction,
        /// The package.
        pub registry_package: Package,
    }
}

payload! {
    /// `release`: a release changed.
    ReleaseEvent in repository {
        /// What happened.
        pub action: ReleaseAction,
        /// The release.
        pub release: Release,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `repository`: a repository was created, deleted, renamed, archived, …
    RepositoryEvent in repository {
        /// What happened.
        pub action: RepositoryAction,
        /// The old values, for `edited`, `renamed` and `transferred`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `repository_advisory`: a repository security advisory was published or reported.
    RepositoryAdvisoryEvent in repository {
        /// What happened.
        pub action: RepositoryAdvisoryAction,
        /// The advisory.
        pub repository_advisory: SecurityAdvisory,
    }
}

payload! {
    /// `repository_dispatch`: someone called the repository dispatch API.
    RepositoryDispatchEvent in repository {
        /// The `event_type` given to the API (any string).
        pub action: Text,
        /// The default branch.
        pub branch: Option<Text>,
        /// The `client_payload` given to the API (any JSON).
        pub client_payload: Option<serde_json::Value>,
    }
}

payload! {
    /// `repository_import`: an import into the repository finished.
    RepositoryImportEvent in repository {
        /// `success`, `cancelled` or `failure`.
        pub status: Option<Text>,
    }
}

payload! {
    /// `repository_ruleset`: a ruleset was created, edited or deleted.
    RepositoryRulesetEvent in any {
        /// What happened.
        pub action: RepositoryRulesetAction,
        /// The ruleset.
        pub repository_ruleset: Ruleset,
        /// What changed, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `repository_vulnerability_alert`: a vulnerability alert changed (older Dependabot API).
    RepositoryVulnerabilityAlertEvent in repository {
        /// What happened.
        pub action: RepositoryVulnerabilityAlertAction,
        /// The alert.
        pub alert: RepositoryVulnerabilityAlert,
    }
}

payload! {
    /// `secret_scanning_alert`: a secret scanning alert changed.
    SecretScanningAlertEvent in repository {
        /// What happened.
        pub action: SecretScanningAlertAction,
        /// The alert.
        pub alert: SecretScanningAlert,
    }
}

payload! {
    /// `secret_scanning_alert_location`: a secret was found in another place.
    SecretScanningAlertLocationEvent in repository {
        /// What happened.
        pub action: Option<SecretScanningAlertLocationAction>,
        /// The alert.
        pub alert: SecretScanningAlert,
        /// The new place.
        pub location: SecretScanningLocation,
    }
}

payload! {
    /// `secret_scanning_scan`: a secret scan finished.
    SecretScanningScanEvent in repository {
        /// What happened.
        pub action: SecretScanningScanAction,
        /// `backfill`, `custom-pattern-backfill`, `pattern-version-backfill` (`type` in JSON).
        #[serde(rename = "type")]
        pub kind: Option<Text>,
        /// `git`, `issues`, `pull-requests`, `discussions`, `wiki`.
        pub source: Option<Text>,
        /// When it started.
        pub started_at: Option<Timestamp>,
        /// When it completed.
        pub completed_at: Option<Timestamp>,
        /// The secret types scanned for.
        #[serde(default, deserialize_with = "null_default")]
        pub secret_types: Vec<Text>,
        /// The custom pattern, for custom pattern scans.
        pub custom_pattern_name: Option<Text>,
        /// `repository`, `organization` or `enterprise`, for custom pattern scans.
        pub custom_pattern_scope: Option<Text>,
    }
}

payload! {
    /// `security_advisory`: a global security advisory was published, updated or withdrawn.
    SecurityAdvisoryEvent in any {
        /// What happened.
        pub action: SecurityAdvisoryAction,
        /// The advisory.
        pub security_advisory: SecurityAdvisory,
    }
}

payload! {
    /// `security_and_analysis`: code security features of a repository were turned on or off.
    SecurityAndAnalysisEvent in repository {
        /// The old settings.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `sponsorship`: a sponsorship changed.
    SponsorshipEvent in any {
        /// What happened.
        pub action: SponsorshipAction,
        /// The sponsorship.
        pub sponsorship: Sponsorship,
        /// When a pending change takes effect.
        pub effective_date: Option<Timestamp>,
        /// The old values, for `edited` and `tier_changed`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `star`: the repository was starred or unstarred.
    StarEvent in repository {
        /// What happened.
        pub action: StarAction,
        /// When it was starred; `None` for `deleted`.
        pub starred_at: Option<Timestamp>,
    }
}

payload! {
    /// `status`: a commit status changed.
    StatusEvent in repository {
        /// The status's id.
        pub id: Option<u64>,
        /// The commit SHA.
        pub sha: Text,
        /// The repository's full name.
        pub name: Option<Text>,
        /// `pending`, `success`, `failure`, `error`.
        pub state: Text,
        /// The status's label (`ci/build`).
        pub context: Option<Text>,
        /// The description.
        pub description: Option<Text>,
        /// The page with details.
        pub target_url: Option<Text>,
        /// The avatar shown with the status.
        pub avatar_url: Option<Text>,
        /// The commit.
        pub commit: Option<StatusCommit>,
        /// The branches that contain the commit (up to 10).
        #[serde(default, deserialize_with = "null_default")]
        pub branches: Vec<Branch>,
        /// When the status was created.
        pub created_at: Option<Timestamp>,
        /// When it was last updated.
        pub updated_at: Option<Timestamp>,
    }
}

payload! {
    /// `sub_issues`: a sub-issue was added to or removed from an issue.
    SubIssuesEvent in any {
        /// What happened.
        pub action: SubIssuesAction,
        /// The parent issue's id.
        pub parent_issue_id: Option<u64>,
        /// The parent issue.
        pub parent_issue: Option<Issue>,
        /// The parent issue's repository.
        pub parent_issue_repo: Option<Repository>,
        /// The sub-issue's id.
        pub sub_issue_id: Option<u64>,
        /// The sub-issue.
        pub sub_issue: Option<Issue>,
        /// The sub-issue's repository, where sent.
        pub sub_issue_repo: Option<Repository>,
    }
}

payload! {
    /// `team`: a team changed, or its access to a repository did.
    TeamEvent in any {
        /// What happened.
        pub action: TeamAction,
        /// The team.
        pub team: Team,
        /// The old values, for `edited`.
        pub changes: Option<serde_json::Value>,
    }
}

payload! {
    /// `team_add`: a repository was added to a team.
    TeamAddEvent in repository {
        /// The team.
        pub team: Team,
    }
}

payload! {
    /// `user` (GitHub Enterprise Server): an account was created or deleted on the server.
    UserEvent in any {
        /// What happened.
        pub action: UserAction,
        /// The account created or deleted (`sender` is who did it: the account itself when it
        /// signed up, a site administrator otherwise).
        pub user: Option<User>,
    }
}

payload! {
    /// `watch`: the repository was starred (`watch` is the older name of starring).
    WatchEvent in repository {
        /// What happened.
        pub action: WatchAction,
    }
}

payload! {
    /// `workflow_dispatch`: a workflow was run by hand or through the API.
    WorkflowDispatchEvent in repository {
        /// The ref the workflow runs on (`ref` in JSON).
        #[serde(rename = "ref")]
        pub git_ref: Option<Text>,
        /// The workflow file's path.
        pub workflow: Option<Text>,
        /// The inputs given: an object of strings (any JSON), or `None`.
        pub inputs: Option<serde_json::Value>,
    }
}

payload! {
    /// `workflow_job`: a job of a workflow run was queued, started, or completed.
    WorkflowJobEvent in repository {
        /// What happened.
        pub action: WorkflowJobAction,
        /// The job.
        pub workflow_job: WorkflowJob,
        /// The deployment, for jobs that deploy to an environment.
        pub deployment: Option<Deployment>,
    }
}

payload! {
    /// `workflow_run`: a workflow run was requested, started, or completed.
    WorkflowRunEvent in repository {
        /// What happened.
        pub action: WorkflowRunAction,
        /// The run.
        pub workflow_run: WorkflowRun,
        /// The workflow.
        pub workflow: Option<Workflow>,
    }
}
