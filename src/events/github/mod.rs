//! GitHub webhook events, typed.
//!
//! [`Event`] has one variant per event GitHub documents, chosen by the `X-GitHub-Event` header,
//! each holding a payload struct (`PushEvent`, `PullRequestEvent`, …) whose `action`, where
//! the event has one, is an enum with an `Other(..)` fallback. The payloads share typed structs
//! for the objects GitHub embeds: [`Repository`], [`User`], [`Organization`], [`Installation`],
//! [`PullRequest`], [`Issue`], [`CheckRun`], [`WorkflowRun`], …
//!
//! The events of GitHub.com, GitHub Enterprise Server (3.1 and later) and GitHub AE are all
//! typed, including those only Enterprise Server sends: `cache_sync` ([`CacheSyncEvent`]),
//! `enterprise` ([`EnterpriseEvent`]), `user` ([`UserEvent`]), and the legacy names
//! `integration_installation` and `integration_installation_repositories`. GitHub delivers the
//! legacy two next to `installation` and `installation_repositories` with the same body, so
//! their variants hold the same payload types ([`InstallationEvent`],
//! [`InstallationRepositoriesEvent`]) and keep their own name: handle one name of each pair.
//!
//! What the types promise:
//! - an event name this module does not know parses to [`Event::Unknown`] with the whole body
//!   as JSON; an `action` it does not know to that enum's `Other`;
//! - fields the structs do not name are skipped, so new fields never break parsing;
//! - only identity fields present in every GitHub.com and GitHub Enterprise Server payload are
//!   required (ids, logins, names, numbers, `ref`/`before`/`after` of pushes); everything else is
//!   an `Option`, and lists default to empty when absent or `null`;
//! - a body that does not fit fails with [`Error::InvalidPayload`] naming the JSON path.
//!
//! Bodies may be JSON (`application/json` webhooks) or the form encoding GitHub uses for
//! `application/x-www-form-urlencoded` webhooks (`payload=<url-encoded JSON>`).
//!
//! ```
//! use webhook_guard::events::github::{Event, PullRequestAction};
//!
//! let body = br#"{"action": "opened", "number": 7,
//!     "pull_request": {"number": 7, "title": "Fix",
//!         "head": {"ref": "fix", "sha": "b0f"}, "base": {"ref": "main", "sha": "a1e"}},
//!     "repository": {"id": 1, "name": "hello", "full_name": "octo/hello"}}"#;
//! match Event::parse("pull_request", body)? {
//!     Event::PullRequest(pr) if pr.action == PullRequestAction::Opened => {
//!         assert_eq!(pr.pull_request.head.git_ref.as_ref(), "fix");
//!         assert_eq!(pr.repository.full_name.as_ref(), "octo/hello");
//!     }
//!     Event::Unknown { name, .. } => println!("not typed: {name}"),
//!     _ => {}
//! }
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use std::borrow::Cow;

use crate::error::Error;
use crate::events::TypedEvent;

mod accounts;
mod actions;
mod billing;
mod checks;
mod de;
mod deployments;
mod discussions;
mod git;
mod issues;
mod organizations;
mod payloads;
mod projects;
mod pull_requests;
mod releases;
mod repository;
mod security;
mod text;
mod timestamp;
mod workflows;

pub use accounts::*;
pub use actions::*;
pub use billing::*;
pub use checks::*;
pub use deployments::*;
pub use discussions::*;
pub use git::*;
pub use issues::*;
pub use organizations::*;
pub use payloads::*;
pub use projects::*;
pub use pull_requests::*;
pub use releases::*;
pub use repository::*;
pub use security::*;
pub use text::*;
pub use timestamp::*;
pub use workflows::*;

/// Lets the event macro treat `Repository` and `Option<Repository>` fields alike.
trait RepositoryField {
    fn get(&self) -> Option<&Repository>;
}

impl RepositoryField for Repository {
    fn get(&self) -> Option<&Repository> {
        Some(self)
    }
}

impl RepositoryField for Option<Repository> {
    fn get(&self) -> Option<&Repository> {
        self.as_ref()
    }
}

macro_rules! events {
    ($( $(#[$doc:meta])* $variant:ident($payload:ident) = $name:literal, )+) => {
        /// A GitHub webhook event, chosen by its `X-GitHub-Event` name.
        ///
        /// Payloads are boxed so the enum stays small whatever the event.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum Event {
            $(
                $(#[$doc])*
                #[doc = concat!("\n\n`X-GitHub-Event: ", $name, "`.")]
                $variant(Box<$payload>),
            )+
            /// An event this crate does not type (yet), or a delivery without an event name
            /// (`name` is then empty).
            Unknown {
                /// The `X-GitHub-Event` name.
                name: String,
                /// The whole body.
                raw: serde_json::Value,
            },
        }

        impl Event {
            /// The `X-GitHub-Event` names that parse into a typed variant.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// Parses a (verified) body sent with the `X-GitHub-Event` name `name`.
            ///
            /// # Errors
            ///
            /// [`Error::InvalidPayload`], with the JSON path, when the body is not JSON (or
            /// form-encoded JSON) or a typed field does not fit.
            pub fn parse(name: &str, body: &[u8]) -> Result<Self, Error> {
                let body = form_payload(body)?;
                Ok(match name {
                    $($name => Event::$variant(Box::new(crate::payload::from_json(&body)?)),)+
                    _ => Event::Unknown {
                        name: name.to_owned(),
                        raw: crate::payload::from_json(&body)?,
                    },
                })
            }

            /// The `X-GitHub-Event` name of the event.
            pub fn name(&self) -> &str {
                match self {
                    $(Event::$variant(_) => $name,)+
                    Event::Unknown { name, .. } => name,
                }
            }

            /// The account that triggered the event, when the payload names one.
            pub fn sender(&self) -> Option<&User> {
                match self {
                    $(Event::$variant(payload) => payload.sender.as_ref(),)+
                    Event::Unknown { .. } => None,
                }
            }

            /// The repository the event occurred in, when there is one.
            pub fn repository(&self) -> Option<&Repository> {
                match self {
                    $(Event::$variant(payload) => RepositoryField::get(&payload.repository),)+
                    Event::Unknown { .. } => None,
                }
            }
        }

        impl TypedEvent for Event {
            fn variant_name(&self) -> Cow<'static, str> {
                Cow::Borrowed(match self {
                    $(Event::$variant(_) => concat!("github::Event::", stringify!($variant)),)+
                    Event::Unknown { .. } => "github::Event::Unknown",
                })
            }

            fn is_typed(&self) -> bool {
                !matches!(self, Event::Unknown { .. })
            }

            fn event_name(&self) -> Option<Cow<'_, str>> {
                Some(Cow::Borrowed(self.name()))
            }

            #[cfg(feature = "serialize")]
            fn to_json(&self) -> Option<serde_json::Value> {
                serde_json::to_value(self).ok()
            }
        }

        /// The body: the payload's fields (the name travels in `X-GitHub-Event`), or the raw
        /// document for `Unknown`.
        #[cfg(feature = "serialize")]
        impl serde::Serialize for Event {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Event::$variant(payload) => payload.serialize(serializer),)+
                    Event::Unknown { raw, .. } => raw.serialize(serializer),
                }
            }
        }
    };
}

events! {
    /// Branch protection was turned on or off.
    BranchProtectionConfiguration(BranchProtectionConfigurationEvent) = "branch_protection_configuration",
    /// A branch protection rule changed.
    BranchProtectionRule(BranchProtectionRuleEvent) = "branch_protection_rule",
    /// A Git ref was synced to a repository cache replica (GitHub Enterprise Server).
    CacheSync(CacheSyncEvent) = "cache_sync",
    /// A check run changed.
    CheckRun(CheckRunEvent) = "check_run",
    /// A check suite changed.
    CheckSuite(CheckSuiteEvent) = "check_suite",
    /// A code scanning alert changed.
    CodeScanningAlert(CodeScanningAlertEvent) = "code_scanning_alert",
    /// A commit was commented on.
    CommitComment(CommitCommentEvent) = "commit_comment",
    /// A link to a registered domain was posted (retired App feature).
    ContentReference(ContentReferenceEvent) = "content_reference",
    /// A branch or tag was created.
    Create(CreateEvent) = "create",
    /// A custom property definition changed.
    CustomProperty(CustomPropertyEvent) = "custom_property",
    /// The custom property values of a repository changed.
    CustomPropertyValues(CustomPropertyValuesEvent) = "custom_property_values",
    /// A branch or tag was deleted.
    Delete(DeleteEvent) = "delete",
    /// A Dependabot alert changed.
    DependabotAlert(DependabotAlertEvent) = "dependabot_alert",
    /// A deploy key was added or removed.
    DeployKey(DeployKeyEvent) = "deploy_key",
    /// A deployment was created.
    Deployment(DeploymentEvent) = "deployment",
    /// A deployment waits for a custom protection rule.
    DeploymentProtectionRule(DeploymentProtectionRuleEvent) = "deployment_protection_rule",
    /// A deployment review was requested, approved or rejected.
    DeploymentReview(DeploymentReviewEvent) = "deployment_review",
    /// A deployment's status changed.
    DeploymentStatus(DeploymentStatusEvent) = "deployment_status",
    /// A discussion changed.
    Discussion(DiscussionEvent) = "discussion",
    /// A comment on a discussion changed.
    DiscussionComment(DiscussionCommentEvent) = "discussion_comment",
    /// Anonymous Git read access was turned on or off (GitHub Enterprise Server).
    Enterprise(EnterpriseEvent) = "enterprise",
    /// The repository was forked.
    Fork(ForkEvent) = "fork",
    /// A user revoked their authorization of a GitHub App.
    GithubAppAuthorization(GithubAppAuthorizationEvent) = "github_app_authorization",
    /// Wiki pages were created or edited.
    Gollum(GollumEvent) = "gollum",
    /// A GitHub App installation changed.
    Installation(InstallationEvent) = "installation",
    /// The repositories of an installation changed.
    InstallationRepositories(InstallationRepositoriesEvent) = "installation_repositories",
    /// The account of an installation was renamed.
    InstallationTarget(InstallationTargetEvent) = "installation_target",
    /// The older name of `installation` (GitHub Enterprise Server and early GitHub Apps), sent
    /// alongside it with the same body: the payload is an [`InstallationEvent`]. Handle one of
    /// the two names, or the change is seen twice.
    IntegrationInstallation(InstallationEvent) = "integration_installation",
    /// The older name of `installation_repositories`, sent alongside it with the same body:
    /// the payload is an [`InstallationRepositoriesEvent`]. Handle one of the two names, or the
    /// change is seen twice.
    IntegrationInstallationRepositories(InstallationRepositoriesEvent) = "integration_installation_repositories",
    /// A comment on an issue or pull request changed.
    IssueComment(IssueCommentEvent) = "issue_comment",
    /// An issue changed.
    Issues(IssuesEvent) = "issues",
    /// A label changed.
    Label(LabelEvent) = "label",
    /// A GitHub Marketplace purchase changed.
    MarketplacePurchase(MarketplacePurchaseEvent) = "marketplace_purchase",
    /// A repository collaborator changed.
    Member(MemberEvent) = "member",
    /// A team membership changed.
    Membership(MembershipEvent) = "membership",
    /// A merge queue group needs checks or was destroyed.
    MergeGroup(MergeGroupEvent) = "merge_group",
    /// The webhook was deleted.
    Meta(MetaEvent) = "meta",
    /// A milestone changed.
    Milestone(MilestoneEvent) = "milestone",
    /// A user was blocked or unblocked by an organization.
    OrgBlock(OrgBlockEvent) = "org_block",
    /// An organization or its membership changed.
    Organization(OrganizationEvent) = "organization",
    /// A package was published or updated.
    Package(PackageEvent) = "package",
    /// A GitHub Pages build ran.
    PageBuild(PageBuildEvent) = "page_build",
    /// A fine-grained personal access token request changed.
    PersonalAccessTokenRequest(PersonalAccessTokenRequestEvent) = "personal_access_token_request",
    /// The webhook was created.
    Ping(PingEvent) = "ping",
    /// A classic project changed.
    Project(ProjectEvent) = "project",
    /// A card of a classic project changed.
    ProjectCard(ProjectCardEvent) = "project_card",
    /// A column of a classic project changed.
    ProjectColumn(ProjectColumnEvent) = "project_column",
    /// A project changed.
    ProjectsV2(ProjectsV2Event) = "projects_v2",
    /// An item of a project changed.
    ProjectsV2Item(ProjectsV2ItemEvent) = "projects_v2_item",
    /// A status update of a project changed.
    ProjectsV2StatusUpdate(ProjectsV2StatusUpdateEvent) = "projects_v2_status_update",
    /// A repository was made public.
    Public(PublicEvent) = "public",
    /// A pull request changed.
    PullRequest(PullRequestEvent) = "pull_request",
    /// A pull request review changed.
    PullRequestReview(PullRequestReviewEvent) = "pull_request_review",
    /// A comment on a pull request's diff changed.
    PullRequestReviewComment(PullRequestReviewCommentEvent) = "pull_request_review_comment",
    /// A review thread was resolved or unresolved.
    PullRequestReviewThread(PullRequestReviewThreadEvent) = "pull_request_review_thread",
    /// Commits or tags were pushed.
    Push(PushEvent) = "push",
    /// A package was published or updated (older name).
    RegistryPackage(RegistryPackageEvent) = "registry_package",
    /// A release changed.
    Release(ReleaseEvent) = "release",
    /// A repository changed.
    Repository(RepositoryEvent) = "repository",
    /// A repository security advisory was published or reported.
    RepositoryAdvisory(RepositoryAdvisoryEvent) = "repository_advisory",
    /// Someone called the repository dispatch API.
    RepositoryDispatch(RepositoryDispatchEvent) = "repository_dispatch",
    /// A repository import finished.
    RepositoryImport(RepositoryImportEvent) = "repository_import",
    /// A ruleset changed.
    RepositoryRuleset(RepositoryRulesetEvent) = "repository_ruleset",
    /// A vulnerability alert changed (older Dependabot API).
    RepositoryVulnerabilityAlert(RepositoryVulnerabilityAlertEvent) = "repository_vulnerability_alert",
    /// A secret scanning alert changed.
    SecretScanningAlert(SecretScanningAlertEvent) = "secret_scanning_alert",
    /// A secret was found in another place.
    SecretScanningAlertLocation(SecretScanningAlertLocationEvent) = "secret_scanning_alert_location",
    /// A secret scan finished.
    SecretScanningScan(SecretScanningScanEvent) = "secret_scanning_scan",
    /// A global security advisory changed.
    SecurityAdvisory(SecurityAdvisoryEvent) = "security_advisory",
    /// Code security features of a repository were turned on or off.
    SecurityAndAnalysis(SecurityAndAnalysisEvent) = "security_and_analysis",
    /// A sponsorship changed.
    Sponsorship(SponsorshipEvent) = "sponsorship",
    /// The repository was starred or unstarred.
    Star(StarEvent) = "star",
    /// A commit status changed.
    Status(StatusEvent) = "status",
    /// A sub-issue was added or removed.
    SubIssues(SubIssuesEvent) = "sub_issues",
    /// A team changed.
    Team(TeamEvent) = "team",
    /// A repository was added to a team.
    TeamAdd(TeamAddEvent) = "team_add",
    /// An account was created or deleted (GitHub Enterprise Server).
    User(UserEvent) = "user",
    /// The repository was starred.
    Watch(WatchEvent) = "watch",
    /// A workflow was run by hand or through the API.
    WorkflowDispatch(WorkflowDispatchEvent) = "workflow_dispatch",
    /// A workflow job changed.
    WorkflowJob(WorkflowJobEvent) = "workflow_job",
    /// A workflow run changed.
    WorkflowRun(WorkflowRunEvent) = "workflow_run",
}

/// The JSON of a body: the body itself, or the decoded `payload` field of a form-encoded body
/// (GitHub webhooks set to `application/x-www-form-urlencoded` send `payload=<JSON>`).
fn form_payload(body: &[u8]) -> Result<Cow<'_, [u8]>, Error> {
    let Some(encoded) = body.strip_prefix(b"payload=") else {
        return Ok(Cow::Borrowed(body));
    };
    let encoded = encoded.split(|&b| b == b'&').next().unwrap_or_default();
    let mut out = Vec::with_capacity(encoded.len());
    let mut bytes = encoded.iter();
    while let Some(&b) = bytes.next() {
        out.push(match b {
            b'+' => b' ',
            b'%' => {
                let hi = bytes.next().and_then(|&h| hex_value(h));
                let lo = bytes.next().and_then(|&l| hex_value(l));
                match (hi, lo) {
                    (Some(hi), Some(lo)) => hi << 4 | lo,
                    _ => {
                        return Err(Error::payload(
                            "payload",
                            "malformed percent-encoding in form body",
                        ))
                    }
                }
            }
            other => other,
        });
    }
    Ok(Cow::Owned(out))
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_bodies_are_decoded() {
        let body =
            b"payload=%7B%22zen%22%3A%22Keep+it+logically+awesome.%22%2C%22hook_id%22%3A1%7D";
        let Event::Ping(ping) = Event::parse("ping", body).unwrap() else {
            panic!("not a ping");
        };
        assert_eq!(ping.zen.as_deref(), Some("Keep it logically awesome."));
        assert_eq!(ping.hook_id, Some(1));
        let err = Event::parse("ping", b"payload=%7").unwrap_err();
        assert_eq!(err.kind(), "invalid_payload");
        let err = Event::parse("ping", b"payload=%zz").unwrap_err();
        assert_eq!(err.kind(), "invalid_payload");
    }

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names = Event::NAMES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Event::NAMES.len());
        let e = Event::parse(
            "public",
            br#"{"repository":{"id":1,"name":"a","full_name":"o/a"}}"#,
        )
        .unwrap();
        assert_eq!(e.name(), "public");
        assert_eq!(e.variant_name(), "github::Event::Public");
        assert_eq!(e.repository().map(|r| r.id), Some(1));
        assert!(e.sender().is_none());
    }
}
