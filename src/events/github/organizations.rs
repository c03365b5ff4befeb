//! Organization administration: memberships, invitations, rules, custom properties,
//! access token requests.

use serde::Deserialize;

use super::de::null_default;
use super::{Text, Timestamp, User};

/// A user's membership of an organization (`organization` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OrgMembership {
    /// `active` or `pending`.
    pub state: Option<Text>,
    /// `admin`, `member`, `billing_manager`.
    pub role: Option<Text>,
    /// The member.
    pub user: Option<User>,
    /// The API URL.
    pub url: Option<Text>,
}

/// An invitation to join an organization (`organization` `member_invited`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OrgInvitation {
    /// The numeric id.
    pub id: Option<u64>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The invitee's login, when invited by account.
    pub login: Option<Text>,
    /// The invitee's address, when invited by e-mail.
    pub email: Option<Text>,
    /// `direct_member`, `admin`, `billing_manager`, …
    pub role: Option<Text>,
    /// Who invited.
    pub inviter: Option<User>,
    /// The number of teams the invitee is to join.
    pub team_count: Option<u64>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it failed, if it did.
    pub failed_at: Option<Timestamp>,
    /// Why it failed, if it did.
    pub failed_reason: Option<Text>,
}

/// A request for a fine-grained personal access token to access an organization.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PersonalAccessTokenRequest {
    /// The request's id.
    pub id: Option<u64>,
    /// The user asking.
    pub owner: Option<User>,
    /// `none`, `all` or `subset`.
    pub repository_selection: Option<Text>,
    /// How many repositories the token asks for.
    pub repository_count: Option<u64>,
    /// The token's id.
    pub token_id: Option<u64>,
    /// The token's name.
    pub token_name: Option<Text>,
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
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct BranchProtectionRule {
    /// The numeric id.
    pub id: Option<u64>,
    /// The repository's id.
    pub repository_id: Option<u64>,
    /// The branch name pattern.
    pub name: Option<Text>,
    /// Whether administrators are held to the rule.
    pub admin_enforced: Option<bool>,
    /// Approving reviews required.
    pub required_approving_review_count: Option<u64>,
    /// Status checks required.
    #[serde(default, deserialize_with = "null_default")]
    pub required_status_checks: Vec<Text>,
    /// `off`, `non_admins`, `everyone`.
    pub required_status_checks_enforcement_level: Option<Text>,
    /// `off`, `non_admins`, `everyone`.
    pub pull_request_reviews_enforcement_level: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A repository or organization ruleset (`repository_ruleset` events). Its rules and
/// conditions are skipped.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Ruleset {
    /// The numeric id.
    pub id: u64,
    /// The name.
    pub name: Option<Text>,
    /// `branch`, `tag`, `push`.
    pub target: Option<Text>,
    /// `Repository`, `Organization`, `Enterprise`.
    pub source_type: Option<Text>,
    /// The owner of the ruleset (`owner/repo` or an organization).
    pub source: Option<Text>,
    /// `disabled`, `active`, `evaluate`.
    pub enforcement: Option<Text>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A custom property definition of an organization (`custom_property` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CustomProperty {
    /// The property's name.
    pub property_name: Option<Text>,
    /// `string`, `single_select`, `multi_select`, `true_false`.
    pub value_type: Option<Text>,
    /// Whether a value is required.
    pub required: Option<bool>,
    /// The default value (a string or a list of strings).
    pub default_value: Option<serde_json::Value>,
    /// The description.
    pub description: Option<Text>,
    /// The values allowed, for select types.
    #[serde(default, deserialize_with = "null_default")]
    pub allowed_values: Vec<Text>,
}

/// The value of a custom property on a repository (`custom_property_values` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CustomPropertyValue {
    /// The property's name.
    pub property_name: Text,
    /// The value: a string, a list of strings or `null`.
    pub value: Option<serde_json::Value>,
}
