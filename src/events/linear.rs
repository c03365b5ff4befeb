//! Linear: `{"action", "type", "data", "url", "createdAt", "webhookTimestamp", …}`, by `type`
//! (the entity), with `action` (`create`, `update`, `remove`) in the notification.
//!
//! ```
//! use webhook_guard::events::linear::{self, Event};
//! let body = br##"{"action":"create","type":"Issue","createdAt":"2024-05-02T10:12:33.000Z",
//!   "organizationId":"6b6c8a92-0b5f-4b4a-a7e6-5a5b6d7c8e9f","webhookTimestamp":1714644753123,
//!   "webhookId":"000042e3-d123-4980-b49f-8e140eef9329",
//!   "url":"https://linear.app/acme/issue/ENG-123/crash-on-login",
//!   "actor":{"id":"2e6eea91-1111-0000-9486-acea0603064d","type":"user","name":"Ada"},
//!   "data":{"id":"8ed1ca3e-5c3f-4a4e-9a8f-1b2c3d4e5f60","identifier":"ENG-123","title":"Crash on login",
//!     "priority":2,"priorityLabel":"High","number":123,"teamId":"72b2a2dc-6f4f-4423-9d34-24b5bd10634a",
//!     "stateId":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","labelIds":[],
//!     "state":{"id":"3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f","name":"Todo","type":"unstarted","color":"#e2e2e2"}}}"##;
//! let Event::Issue(n) = linear::parse(body)? else { panic!() };
//! assert_eq!(n.action, "create");
//! assert_eq!(n.data.identifier.as_deref(), Some("ENG-123"));
//! assert_eq!(n.webhook_timestamp, Some(1714644753123));
//! # Ok::<(), webhook_guard::Error>(())
//! ```

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use crate::error::Error;

use super::support::{self, named_events};

named_events! {
    /// A Linear data-change webhook, by `type`.
    pub enum Event as "linear::Event", unknown name, name at "/type" {
        "Issue" => Issue(Notification<Issue>),
        "Comment" => Comment(Notification<Comment>),
        "Project" => Project(Notification<Project>),
        "ProjectUpdate" => ProjectUpdate(Notification<ProjectUpdate>),
        "Cycle" => Cycle(Notification<Cycle>),
        "IssueLabel" => IssueLabel(Notification<IssueLabel>),
        "Reaction" => Reaction(Notification<Reaction>),
        "Attachment" => Attachment(Notification<Attachment>),
        "Document" => Document(Notification<Document>),
        "Initiative" => Initiative(Notification<Initiative>),
        "User" => User(Notification<User>),
        "Customer" => Customer(Notification<Value>),
        "CustomerNeed" => CustomerNeed(Notification<Value>),
        "IssueSLA" => IssueSla(Notification<Value>),
    }
}

/// Types a verified Linear body by its `type`.
pub fn parse(body: &[u8]) -> Result<Event, Error> {
    support::parse_by_pointer(body, "/type", Event::from_value)
}

/// A data-change notification; `T` is the type of `data`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase", bound(deserialize = "T: DeserializeOwned"))]
pub struct Notification<T> {
    /// `create`, `update` or `remove`.
    pub action: String,
    /// The entity as it is now (as it was, for `remove`).
    pub data: T,
    /// The changed fields' previous values (`update`).
    pub updated_from: Option<Value>,
    /// The entity's URL.
    pub url: Option<String>,
    /// When the action happened (ISO 8601).
    pub created_at: Option<String>,
    /// Who did it (`id`, `type`, `name`, …).
    pub actor: Option<Value>,
    /// The workspace.
    pub organization_id: Option<String>,
    /// When Linear sent it, in Unix milliseconds (checked against replay by the verifier).
    pub webhook_timestamp: Option<i64>,
    /// The webhook.
    pub webhook_id: Option<String>,
}

impl<T> Notification<T> {
    /// `action == "create"`.
    pub fn is_create(&self) -> bool {
        self.action == "create"
    }

    /// `action == "update"`.
    pub fn is_update(&self) -> bool {
        self.action == "update"
    }

    /// `action == "remove"`.
    pub fn is_remove(&self) -> bool {
        self.action == "remove"
    }
}

/// An issue.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// UUID.
    pub id: String,
    /// `ENG-123`.
    pub identifier: Option<String>,
    /// Number within the team.
    pub number: Option<f64>,
    /// Title.
    pub title: Option<String>,
    /// Markdown description.
    pub description: Option<String>,
    /// 0 none, 1 urgent, 2 high, 3 medium, 4 low.
    pub priority: Option<f64>,
    /// `Urgent`, `High`, ….
    pub priority_label: Option<String>,
    /// Estimate.
    pub estimate: Option<f64>,
    /// URL.
    pub url: Option<String>,
    /// Team.
    pub team_id: Option<String>,
    /// Workflow state.
    pub state_id: Option<String>,
    /// The workflow state (`id`, `name`, `type`, `color`).
    pub state: Option<Value>,
    /// Assignee.
    pub assignee_id: Option<String>,
    /// Creator.
    pub creator_id: Option<String>,
    /// Project.
    pub project_id: Option<String>,
    /// Cycle.
    pub cycle_id: Option<String>,
    /// Parent issue.
    pub parent_id: Option<String>,
    /// Labels.
    #[serde(default, deserialize_with = "crate::events::support::nullable")]
    pub label_ids: Vec<String>,
    /// The labels.
    pub labels: Option<Value>,
    /// The team.
    pub team: Option<Value>,
    /// The assignee.
    pub assignee: Option<Value>,
    /// Due date (`YYYY-MM-DD`).
    pub due_date: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Started.
    pub started_at: Option<String>,
    /// Completed.
    pub completed_at: Option<String>,
    /// Canceled.
    pub canceled_at: Option<String>,
    /// Archived.
    pub archived_at: Option<String>,
}

/// A comment.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct Comment {
    /// UUID.
    pub id: String,
    /// Markdown body.
    pub body: Option<String>,
    /// The issue.
    pub issue_id: Option<String>,
    /// The author.
    pub user_id: Option<String>,
    /// The parent comment, for a reply.
    pub parent_id: Option<String>,
    /// The issue (`id`, `title`, …).
    pub issue: Option<Value>,
    /// The author (`id`, `name`).
    pub user: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
    /// Edited.
    pub edited_at: Option<String>,
}

/// A project.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct Project {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `planned`, `started`, `paused`, `completed`, `canceled`, `backlog`.
    pub state: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Lead.
    pub lead_id: Option<String>,
    /// 0 to 1.
    pub progress: Option<f64>,
    /// Start date.
    pub start_date: Option<String>,
    /// Target date.
    pub target_date: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A project update (status post).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct ProjectUpdate {
    /// UUID.
    pub id: String,
    /// Markdown body.
    pub body: Option<String>,
    /// `onTrack`, `atRisk`, `offTrack`.
    pub health: Option<String>,
    /// The project.
    pub project_id: Option<String>,
    /// The author.
    pub user_id: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A cycle.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct Cycle {
    /// UUID.
    pub id: String,
    /// Number within the team.
    pub number: Option<f64>,
    /// Name.
    pub name: Option<String>,
    /// Team.
    pub team_id: Option<String>,
    /// 0 to 1.
    pub progress: Option<f64>,
    /// Starts.
    pub starts_at: Option<String>,
    /// Ends.
    pub ends_at: Option<String>,
    /// Completed.
    pub completed_at: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A label.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct IssueLabel {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Hex colour.
    pub color: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Team (`None` for workspace labels).
    pub team_id: Option<String>,
    /// Label group.
    pub parent_id: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// An emoji reaction.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct Reaction {
    /// UUID.
    pub id: String,
    /// The emoji.
    pub emoji: Option<String>,
    /// Who reacted.
    pub user_id: Option<String>,
    /// The comment reacted to.
    pub comment_id: Option<String>,
    /// The issue reacted to.
    pub issue_id: Option<String>,
    /// The project update reacted to.
    pub project_update_id: Option<String>,
    /// Created.
    pub created_at: Option<String>,
}

/// An attachment (link) on an issue.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// UUID.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// The issue.
    pub issue_id: Option<String>,
    /// Source-specific metadata.
    pub metadata: Option<Value>,
    /// Created.
    pub created_at: Option<String>,
}

/// A document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// UUID.
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Markdown content.
    pub content: Option<String>,
    /// The project.
    pub project_id: Option<String>,
    /// The creator.
    pub creator_id: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// An initiative.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct Initiative {
    /// UUID.
    pub id: String,
    /// Name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `Planned`, `Active`, `Completed`.
    pub status: Option<String>,
    /// Owner.
    pub owner_id: Option<String>,
    /// Target date.
    pub target_date: Option<String>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

/// A workspace user.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// UUID.
    pub id: String,
    /// Full name.
    pub name: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Whether the account is active.
    pub active: Option<bool>,
    /// Admin.
    pub admin: Option<bool>,
    /// Created.
    pub created_at: Option<String>,
    /// Updated.
    pub updated_at: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::TypedEvent;

    #[test]
    fn comment_update_and_fallbacks() {
        let e = parse(br#"{"action":"update","type":"Comment","createdAt":"2024-05-02T10:12:33.000Z",
            "data":{"id":"c0ffee00-0000-4000-8000-000000000001","body":"Fixed in #42","issueId":"8ed1ca3e",
              "userId":"2e6eea91","editedAt":"2024-05-02T10:12:33.000Z"},
            "updatedFrom":{"body":"Fixed","editedAt":null},"webhookTimestamp":1714644753123}"#).unwrap();
        match &e {
            Event::Comment(n) => {
                assert!(n.is_update());
                assert_eq!(n.data.body.as_deref(), Some("Fixed in #42"));
                assert_eq!(n.updated_from.as_ref().unwrap()["body"], "Fixed");
            }
            other => panic!("{other:?}"),
        }
        let e = parse(br#"{"action":"create","type":"AuditEntry","data":{}}"#).unwrap();
        assert!(matches!(&e, Event::Unknown { name, .. } if name == "AuditEntry"));
        assert!(!e.is_typed());
        let err =
            parse(br#"{"action":"create","type":"Issue","data":{"id":"x","labelIds":"nope"}}"#)
                .unwrap_err();
        assert!(
            matches!(err, Error::InvalidPayload { ref path, .. } if path == "data.labelIds"),
            "{err:?}"
        );
        for name in Event::NAMES {
            let body = format!(r#"{{"action":"remove","type":"{name}","data":{{"id":"u1"}}}}"#);
            let e = parse(body.as_bytes()).unwrap();
            assert!(e.is_typed(), "{name}");
            assert_eq!(e.name(), *name);
        }
        for body in support::testing::garbage() {
            let _ = parse(&body);
        }
    }
}
