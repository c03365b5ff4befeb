//! The `action` of each event that has one: what happened to the event's subject.
//!
//! Every enum ends in `Other(..)`, which keeps an action GitHub added after this crate was
//! written, so a new action never fails a delivery.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};

use super::Text;

macro_rules! actions {
    ($(
        $(#[$meta:meta])*
        $name:ident { $($variant:ident = $text:literal),+ $(,)? }
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                #[doc = concat!("`", $text, "`")]
                $variant,
            )+
            /// An action this crate does not know yet, as sent.
            Other(Text),
        }

        impl $name {
            /// The action as GitHub spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(text) => text,
                }
            }

            fn from_text(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)+
                    other => $name::Other(other.into()),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(ActionVisitor($name::from_text))
            }
        }

        #[cfg(feature = "serialize")]
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )+};
}

/// Reads a string and maps it with the enum's `from_text`, borrowing when the input allows.
struct ActionVisitor<T>(fn(&str) -> T);

impl<T> Visitor<'_> for ActionVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an action name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Ok((self.0)(v))
    }
}

actions! {
    /// `branch_protection_configuration` actions.
    BranchProtectionConfigurationAction { Disabled = "disabled", Enabled = "enabled" }
    /// `branch_protection_rule` actions.
    BranchProtectionRuleAction { Created = "created", Deleted = "deleted", Edited = "edited" }
    /// `check_run` actions.
    CheckRunAction {
        Completed = "completed", Created = "created", RequestedAction = "requested_action",
        Rerequested = "rerequested",
    }
    /// `check_suite` actions.
    CheckSuiteAction { Completed = "completed", Requested = "requested", Rerequested = "rerequested" }
    /// `code_scanning_alert` actions.
    CodeScanningAlertAction {
        AppearedInBranch = "appeared_in_branch", ClosedByUser = "closed_by_user",
        Created = "created", Fixed = "fixed", Reopened = "reopened",
        ReopenedByUser = "reopened_by_user", UpdatedAssignment = "updated_assignment",
    }
    /// `commit_comment` actions.
    CommitCommentAction { Created = "created" }
    /// `content_reference` actions (a retired App feature, still sent by older servers).
    ContentReferenceAction { Created = "created" }
    /// `custom_property` actions.
    CustomPropertyAction {
        Created = "created", Deleted = "deleted", Updated = "updated",
        PromotedToEnterprise = "promoted_to_enterprise",
    }
    /// `custom_property_values` actions.
    CustomPropertyValuesAction { Updated = "updated" }
    /// `dependabot_alert` actions.
    DependabotAlertAction {
        AssigneesChanged = "assignees_changed", AutoDismissed = "auto_dismissed",
        AutoReopened = "auto_reopened", Created = "created", Dismissed = "dismissed",
        Fixed = "fixed", Reintroduced = "reintroduced", Reopened = "reopened",
    }
    /// `deploy_key` actions.
    DeployKeyAction { Created = "created", Deleted = "deleted" }
    /// `deployment` actions.
    DeploymentAction { Created = "created" }
    /// `deployment_protection_rule` actions.
    DeploymentProtectionRuleAction { Requested = "requested" }
    /// `deployment_review` actions.
    DeploymentReviewAction { Approved = "approved", Rejected = "rejected", Requested = "requested" }
    /// `deployment_status` actions.
    DeploymentStatusAction { Created = "created" }
    /// `discussion` actions.
    DiscussionAction {
        Answered = "answered", CategoryChanged = "category_changed", Closed = "closed",
        Created = "created", Deleted = "deleted", Edited = "edited", Labeled = "labeled",
        Locked = "locked", Pinned = "pinned", Reopened = "reopened", Transferred = "transferred",
        Unanswered = "unanswered", Unlabeled = "unlabeled", Unlocked = "unlocked",
        Unpinned = "unpinned",
    }
    /// `discussion_comment` actions.
    DiscussionCommentAction { Created = "created", Deleted = "deleted", Edited = "edited" }
    /// `enterprise` actions (GitHub Enterprise Server: a site administrator turned anonymous Git
    /// read access on or off).
    EnterpriseAction {
        AnonymousAccessDisabled = "anonymous_access_disabled",
        AnonymousAccessEnabled = "anonymous_access_enabled",
    }
    /// `github_app_authorization` actions.
    GithubAppAuthorizationAction { Revoked = "revoked" }
    /// `installation` actions.
    InstallationAction {
        Created = "created", Deleted = "deleted", NewPermissionsAccepted = "new_permissions_accepted",
        Suspend = "suspend", Unsuspend = "unsuspend",
    }
    /// `installation_repositories` actions.
    InstallationRepositoriesAction { Added = "added", Removed = "removed" }
    /// `installation_target` actions.
    InstallationTargetAction { Renamed = "renamed" }
    /// `issue_comment` actions.
    IssueCommentAction { Created = "created", Deleted = "deleted", Edited = "edited" }
    /// `issues` actions.
    IssuesAction {
        Assigned = "assigned", Closed = "closed", Deleted = "deleted", Demilestoned = "demilestoned",
        Edited = "edited", Labeled = "labeled", Locked = "locked", Milestoned = "milestoned",
        Opened = "opened", Pinned = "pinned", Reopened = "reopened", Transferred = "transferred",
        Typed = "typed", Unassigned = "unassigned", Unlabeled = "unlabeled", Unlocked = "unlocked",
        Unpinned = "unpinned", Untyped = "untyped",
    }
    /// `label` actions.
    LabelAction { Created = "created", Deleted = "deleted", Edited = "edited" }
    /// `marketplace_purchase` actions.
    MarketplacePurchaseAction {
        Cancelled = "cancelled", Changed = "changed", PendingChange = "pending_change",
        PendingChangeCancelled = "pending_change_cancelled", Purchased = "purchased",
    }
    /// `member` actions.
    MemberAction { Added = "added", Edited = "edited", Removed = "removed" }
    /// `membership` actions.
    MembershipAction { Added = "added", Removed = "removed" }
    /// `merge_group` actions.
    MergeGroupAction { ChecksRequested = "checks_requested", Destroyed = "destroyed" }
    /// `meta` actions.
    MetaAction { Deleted = "deleted" }
    /// `milestone` actions.
    MilestoneAction {
        Closed = "closed", Created = "created", Deleted = "deleted", Edited = "edited",
        Opened = "opened",
    }
    /// `org_block` actions.
    OrgBlockAction { Blocked = "blocked", Unblocked = "unblocked" }
    /// `organization` actions.
    OrganizationAction {
        Deleted = "deleted", MemberAdded = "member_added", MemberInvited = "member_invited",
        MemberRemoved = "member_removed", Renamed = "renamed",
    }
    /// `package` actions.
    PackageAction { Published = "published", Updated = "updated" }
    /// `personal_access_token_request` actions.
    PersonalAccessTokenRequestAction {
        Approved = "approved", Cancelled = "cancelled", Created = "created", Denied = "denied",
    }
    /// `project` (classic projects) actions.
    ProjectAction {
        Closed = "closed", Created = "created", Deleted = "deleted", Edited = "edited",
        Reopened = "reopened",
    }
    /// `project_card` actions.
    ProjectCardAction {
        Converted = "converted", Created = "created", Deleted = "deleted", Edited = "edited",
        Moved = "moved",
    }
    /// `project_column` actions.
    ProjectColumnAction { Created = "created", Deleted = "deleted", Edited = "edited", Moved = "moved" }
    /// `projects_v2` actions.
    ProjectsV2Action {
        Closed = "closed", Created = "created", Deleted = "deleted", Edited = "edited",
        Reopened = "reopened",
    }
    /// `projects_v2_item` actions.
    ProjectsV2ItemAction {
        Archived = "archived", Converted = "converted", Created = "created", Deleted = "deleted",
        Edited = "edited", Reordered = "reordered", Restored = "restored",
    }
    /// `projects_v2_status_update` actions.
    ProjectsV2StatusUpdateAction { Created = "created", Deleted = "deleted", Edited = "edited" }
    /// `pull_request` actions.
    PullRequestAction {
        Assigned = "assigned", AutoMergeDisabled = "auto_merge_disabled",
        AutoMergeEnabled = "auto_merge_enabled", Closed = "closed",
        ConvertedToDraft = "converted_to_draft", Demilestoned = "demilestoned",
        Dequeued = "dequeued", Edited = "edited", Enqueued = "enqueued", Labeled = "labeled",
        Locked = "locked", Milestoned = "milestoned", Opened = "opened",
        ReadyForReview = "ready_for_review", Reopened = "reopened",
        ReviewRequestRemoved = "review_request_removed", ReviewRequested = "review_requested",
        Synchronize = "synchronize", Unassigned = "unassigned", Unlabeled = "unlabeled",
        Unlocked = "unlocked",
    }
    /// `pull_request_review` actions.
    PullRequestReviewAction { Dismissed = "dismissed", Edited = "edited", Submitted = "submitted" }
    /// `pull_request_review_comment` actions.
    PullRequestReviewCommentAction { Created = "created", Deleted = "deleted", Edited = "edited" }
    /// `pull_request_review_thread` actions.
    PullRequestReviewThreadAction { Resolved = "resolved", Unresolved = "unresolved" }
    /// `registry_package` actions.
    RegistryPackageAction { Published = "published", Updated = "updated" }
    /// `release` actions.
    ReleaseAction {
        Created = "created", Deleted = "deleted", Edited = "edited", Prereleased = "prereleased",
        Published = "published", Released = "released", Unpublished = "unpublished",
    }
    /// `repository` actions.
    RepositoryAction {
        Archived = "archived", Created = "created", Deleted = "deleted", Edited = "edited",
        Privatized = "privatized", Publicized = "publicized", Renamed = "renamed",
        Transferred = "transferred", Unarchived = "unarchived",
    }
    /// `repository_advisory` actions.
    RepositoryAdvisoryAction { Published = "published", Reported = "reported" }
    /// `repository_ruleset` actions.
    RepositoryRulesetAction { Created = "created", Deleted = "deleted", Edited = "edited" }
    /// `repository_vulnerability_alert` actions.
    RepositoryVulnerabilityAlertAction {
        Create = "create", Dismiss = "dismiss", Reopen = "reopen", Resolve = "resolve",
    }
    /// `secret_scanning_alert` actions.
    SecretScanningAlertAction {
        Assigned = "assigned", Created = "created", PubliclyLeaked = "publicly_leaked",
        Reopened = "reopened", Resolved = "resolved", Revoked = "revoked",
        Unassigned = "unassigned", Validated = "validated",
    }
    /// `secret_scanning_alert_location` actions.
    SecretScanningAlertLocationAction { Created = "created" }
    /// `secret_scanning_scan` actions.
    SecretScanningScanAction { Completed = "completed" }
    /// `security_advisory` actions.
    SecurityAdvisoryAction {
        Performed = "performed", Published = "published", Updated = "updated",
        Withdrawn = "withdrawn",
    }
    /// `sponsorship` actions.
    SponsorshipAction {
        Cancelled = "cancelled", Created = "created", Edited = "edited",
        PendingCancellation = "pending_cancellation", PendingTierChange = "pending_tier_change",
        TierChanged = "tier_changed",
    }
    /// `star` actions.
    StarAction { Created = "created", Deleted = "deleted" }
    /// `sub_issues` actions.
    SubIssuesAction {
        ParentIssueAdded = "parent_issue_added", ParentIssueRemoved = "parent_issue_removed",
        SubIssueAdded = "sub_issue_added", SubIssueRemoved = "sub_issue_removed",
    }
    /// `team` actions.
    TeamAction {
        AddedToRepository = "added_to_repository", Created = "created", Deleted = "deleted",
        Edited = "edited", RemovedFromRepository = "removed_from_repository",
    }
    /// `user` actions (GitHub Enterprise Server: an account was created or deleted).
    UserAction { Created = "created", Deleted = "deleted" }
    /// `watch` actions.
    WatchAction { Started = "started" }
    /// `workflow_job` actions.
    WorkflowJobAction {
        Completed = "completed", InProgress = "in_progress", Queued = "queued", Waiting = "waiting",
    }
    /// `workflow_run` actions.
    WorkflowRunAction { Completed = "completed", InProgress = "in_progress", Requested = "requested" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_actions() {
        let a: PullRequestAction = serde_json::from_str("\"opened\"").unwrap();
        assert_eq!(a, PullRequestAction::Opened);
        assert_eq!(a.as_str(), "opened");
        let a: PullRequestAction = serde_json::from_str("\"teleported\"").unwrap();
        assert_eq!(a, PullRequestAction::Other("teleported".into()));
        assert_eq!(a.to_string(), "teleported");
        let a: IssuesAction = serde_json::from_str("\"op\\u0065ned\"").unwrap();
        assert_eq!(a, IssuesAction::Opened);
        assert!(serde_json::from_str::<IssuesAction>("1").is_err());
    }
}
