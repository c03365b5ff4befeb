//! Security: code scanning, Dependabot and secret scanning alerts, advisories.
//!
//! Secret scanning payloads carry the leaked secret itself; it is deliberately not read, so it
//! never ends up in a `Debug` print or a log line.

use serde::Deserialize;

use super::de::null_default;
use super::{Text, Timestamp, User};

/// A code scanning alert.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CodeScanningAlert {
    /// The number within the repository.
    pub number: Option<u64>,
    /// `open`, `dismissed`, `fixed`, `closed`.
    pub state: Option<Text>,
    /// The rule that fired.
    pub rule: Option<CodeScanningRule>,
    /// The tool that found it.
    pub tool: Option<CodeScanningTool>,
    /// The latest place it was found.
    pub most_recent_instance: Option<CodeScanningInstance>,
    /// Who dismissed it.
    pub dismissed_by: Option<User>,
    /// Why it was dismissed.
    pub dismissed_reason: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was dismissed.
    pub dismissed_at: Option<Timestamp>,
    /// When it was fixed.
    pub fixed_at: Option<Timestamp>,
}

/// The rule of a [`CodeScanningAlert`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CodeScanningRule {
    /// The rule's id (`js/unused-local-variable`).
    pub id: Option<Text>,
    /// The rule's name.
    pub name: Option<Text>,
    /// `none`, `note`, `warning`, `error`.
    pub severity: Option<Text>,
    /// `low`, `medium`, `high`, `critical`, where the rule has one.
    pub security_severity_level: Option<Text>,
    /// A short description.
    pub description: Option<Text>,
    /// Tags.
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<Text>,
}

/// The tool of a [`CodeScanningAlert`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CodeScanningTool {
    /// The tool's name (`CodeQL`).
    pub name: Option<Text>,
    /// The tool's version.
    pub version: Option<Text>,
}

/// Where a [`CodeScanningAlert`] was found.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CodeScanningInstance {
    /// The ref analysed (`ref` in JSON).
    #[serde(rename = "ref")]
    pub git_ref: Option<Text>,
    /// The analysis key.
    pub analysis_key: Option<Text>,
    /// The analysis category.
    pub category: Option<Text>,
    /// The alert's state at this place.
    pub state: Option<Text>,
    /// The commit analysed.
    pub commit_sha: Option<Text>,
}

/// A Dependabot alert.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DependabotAlert {
    /// The number within the repository.
    pub number: Option<u64>,
    /// `auto_dismissed`, `dismissed`, `fixed`, `open`.
    pub state: Option<Text>,
    /// The vulnerable dependency.
    pub dependency: Option<Dependency>,
    /// The advisory.
    pub security_advisory: Option<SecurityAdvisory>,
    /// The vulnerability within the advisory that applies.
    pub security_vulnerability: Option<Vulnerability>,
    /// Who dismissed it.
    pub dismissed_by: Option<User>,
    /// Why it was dismissed.
    pub dismissed_reason: Option<Text>,
    /// The dismissal comment.
    pub dismissed_comment: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was dismissed.
    pub dismissed_at: Option<Timestamp>,
    /// When it was fixed.
    pub fixed_at: Option<Timestamp>,
    /// When it was dismissed automatically.
    pub auto_dismissed_at: Option<Timestamp>,
}

/// The dependency of a [`DependabotAlert`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Dependency {
    /// The package.
    pub package: Option<AdvisoryPackage>,
    /// The manifest that declares it.
    pub manifest_path: Option<Text>,
    /// `development` or `runtime`.
    pub scope: Option<Text>,
}

/// A package named by an advisory.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AdvisoryPackage {
    /// The ecosystem (`npm`, `pip`, `rust`, …).
    pub ecosystem: Option<Text>,
    /// The package name.
    pub name: Option<Text>,
}

/// A vulnerable version range of a package.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Vulnerability {
    /// The package.
    pub package: Option<AdvisoryPackage>,
    /// `low`, `medium`, `high`, `critical`.
    pub severity: Option<Text>,
    /// The affected versions (`< 1.2.3`).
    pub vulnerable_version_range: Option<Text>,
    /// The first fixed version.
    pub first_patched_version: Option<PatchedVersion>,
}

/// The first fixed version of a [`Vulnerability`].
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PatchedVersion {
    /// The version.
    pub identifier: Option<Text>,
}

/// A security advisory (`security_advisory`, `repository_advisory` events; Dependabot alerts).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SecurityAdvisory {
    /// The GitHub Security Advisory id (`GHSA-…`).
    pub ghsa_id: Option<Text>,
    /// The CVE id, if one was assigned.
    pub cve_id: Option<Text>,
    /// The summary.
    pub summary: Option<Text>,
    /// The description (Markdown).
    pub description: Option<Text>,
    /// `low`, `medium`, `high`, `critical` (`moderate` on older servers).
    pub severity: Option<Text>,
    /// For repository advisories: `published`, `closed`, `withdrawn`, `draft`, `triage`.
    pub state: Option<Text>,
    /// The CVSS score and vector.
    pub cvss: Option<Cvss>,
    /// The weaknesses.
    #[serde(default, deserialize_with = "null_default")]
    pub cwes: Vec<Cwe>,
    /// The identifiers (GHSA, CVE).
    #[serde(default, deserialize_with = "null_default")]
    pub identifiers: Vec<AdvisoryIdentifier>,
    /// The affected packages and versions.
    #[serde(default, deserialize_with = "null_default")]
    pub vulnerabilities: Vec<Vulnerability>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was published.
    pub published_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was withdrawn.
    pub withdrawn_at: Option<Timestamp>,
}

/// A CVSS rating.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Cvss {
    /// The score, 0 to 10.
    pub score: Option<f64>,
    /// The vector string.
    pub vector_string: Option<Text>,
}

/// A CWE weakness.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Cwe {
    /// The CWE id (`CWE-79`).
    pub cwe_id: Option<Text>,
    /// The name.
    pub name: Option<Text>,
}

/// An identifier of an advisory.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AdvisoryIdentifier {
    /// `GHSA` or `CVE` (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// The identifier.
    pub value: Option<Text>,
}

/// A secret scanning alert. The secret itself is not read.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SecretScanningAlert {
    /// The number within the repository.
    pub number: Option<u64>,
    /// `open` or `resolved`.
    pub state: Option<Text>,
    /// The kind of secret (`github_personal_access_token`, …).
    pub secret_type: Option<Text>,
    /// The kind of secret, for people.
    pub secret_type_display_name: Option<Text>,
    /// Why it was resolved (`false_positive`, `revoked`, …).
    pub resolution: Option<Text>,
    /// Who resolved it.
    pub resolved_by: Option<User>,
    /// `active`, `inactive`, `unknown`.
    pub validity: Option<Text>,
    /// Whether push protection was bypassed.
    pub push_protection_bypassed: Option<bool>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
    /// When it was resolved.
    pub resolved_at: Option<Timestamp>,
}

/// Where a secret was found (`secret_scanning_alert_location` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SecretScanningLocation {
    /// `commit`, `issue_title`, `issue_body`, `issue_comment`, `pull_request_body`, …
    /// (`type` in JSON).
    #[serde(rename = "type")]
    pub kind: Option<Text>,
    /// The details, whose fields depend on [`SecretScanningLocation::kind`] (path and lines
    /// for commits, URLs for issues and comments).
    pub details: Option<serde_json::Value>,
}

/// A Dependabot alert of the older repository vulnerability alert API.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RepositoryVulnerabilityAlert {
    /// The numeric id.
    pub id: Option<u64>,
    /// The number within the repository.
    pub number: Option<u64>,
    /// `open`, `dismissed`, `fixed`.
    pub state: Option<Text>,
    /// The package.
    pub affected_package_name: Option<Text>,
    /// The affected versions.
    pub affected_range: Option<Text>,
    /// The first fixed version.
    pub fixed_in: Option<Text>,
    /// The severity.
    pub severity: Option<Text>,
    /// The GitHub Security Advisory id.
    pub ghsa_id: Option<Text>,
    /// The advisory's identifier (a CVE id, …).
    pub external_identifier: Option<Text>,
    /// The advisory's page.
    pub external_reference: Option<Text>,
    /// Who dismissed it.
    pub dismisser: Option<User>,
    /// Why it was dismissed.
    pub dismiss_reason: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was dismissed.
    pub dismissed_at: Option<Timestamp>,
}
