//! Organization administration: memberships, invitations, rules, custom properties,
//! access token requests.

use serde::Deserialize;

use super::de::null_default;
use super::{Timestamp, User};

/// A user's membership of an organization (`organization` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct OrgMembership {
    /// `active` or `pending`.
    pub state: Option<Box<str>>,
    /// `admin`, `member`, `billing_manager`.
    pub role: Option<Box<str>>,
    /// The member.
    pub user: Option<User>,
    /// The API URL.
    pub url: Option<Box<str>>,
}

/// An invitation to join an organization (`organization` `member_invited`).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct OrgInvitation {
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The invitee's login, when invited by account.
    pub login: Option<Box<str>>,
    /// The invitee's address, when invited by e-mail.
    pub email: Option<Box<str>>,
    /// `direct_member`, `admin`, `billing_manager`, …
    pub role: Option<Box<str>>,
    /// Who invited.
    pub inviter: Option<User>,
    /// The number of teams the invitee is to join.
    pub team_count: Option<u64>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it failed, if it did.
    pub failed_at: Option<Timestamp>,
    /// Why it failed, if it did.
    pub failed_reason: Option<Box<str>>,
}

/// A request for a fine-grained personal access token to access an organization.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct PersonalAccessTokenRequest {
    /// The request's id.
    pub id: Option<u64>,
    /// The user asking.
    pub owner: Option<User>,
    /// `none`, `all` or `subset`.
    pub repository_selection: Option<Box<str>>,
    /// How many repositories the token asks for.
    pub repository_count: Option<u64>,
    /// The token's id.
    pub token_id: Option<u64>,
    /// The token's name.
    pub token_name: Option<Box<str>>,
    /// Whether the token has expired.
    pub token_expired: Option<bool>,
    /// When the token expires.
    pub token_expires_at: Option<Timestamp>,
    /// When the token was last used.
    pub token_last_used_at: Option<Timestamp>,
    /// When the request was created.
    pub created_at: Option<Timestamp>,
}

/// A branch protection rule (`branch_protection_rule` events). The many enforcement settings
/// not listed here are skipped.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct BranchProtectionRule {
    /// The numeric id.
    pub id: Option<u64>,
    /// The repository's id.
    pub repository_id: Option<u64>,
    /// The branch name pattern.
    pub name: Option<Box<str>>,
    /// Whether administrators are held to the rule.
    pub admin_enforced: Option<bool>,
    /// Approving reviews required.
    pub required_approving_review_count: Option<u64>,
    /// Status checks required.
    #[serde(default, deserialize_with = "null_default")]
    pub required_status_checks: Vec<Box<str>>,
    /// `off`, `non_admins`, `everyone`.
    pub required_status_checks_enforcement_level: Option<Box<str>>,
    /// `off`, `non_admins`, `everyone`.
    pub pull_request_reviews_enforcement_level: Option<Box<str>>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A repository or organization ruleset (`repository_ruleset` events). Its rules and
/// conditions are skipped.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Ruleset {
    /// The numeric id.
    pub id: u64,
    /// The name.
    pub name: Option<Box<str>>,
    /// `branch`, `tag`, `push`.
    pub target: Option<Box<str>>,
    /// `Repository`, `Organization`, `Enterprise`.
    pub source_type: Option<Box<str>>,
    /// The owner of the ruleset (`owner/repo` or an organization).
    pub source: Option<Box<str>>,
    /// `disabled`, `active`, `evaluate`.
    pub enforcement: Option<Box<str>>,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A custom property definition of an organization (`custom_property` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CustomProperty {
    /// The property's name.
    pub property_name: Option<Box<str>>,
    /// `string`, `single_select`, `multi_select`, `true_false`.
    pub value_type: Option<Box<str>>,
    /// Whether a value is required.
    pub required: Option<bool>,
    /// The default value (a string or a list of strings).
    pub default_value: Option<serde_json::Value>,
    /// The description.
    pub description: Option<Box<str>>,
    /// The values allowed, for select types.
    #[serde(default, deserialize_with = "null_default")]
    pub allowed_values: Vec<Box<str>>,
}

/// The value of a custom property on a repository (`custom_property_values` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct CustomPropertyValue {
    /// The property's name.
    pub property_name: Box<str>,
    /// The value: a string, a list of strings or `null`.
    pub value: Option<serde_json::Value>,
}
