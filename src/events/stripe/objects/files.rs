//! Files.

use serde::Deserialize;

/// `object: "file"` (event `file.created`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct File {
    /// Id (`file_…`).
    pub id: String,
    /// Creation time, Unix seconds.
    pub created: Option<i64>,
    /// When it can no longer be downloaded, Unix seconds.
    pub expires_at: Option<i64>,
    /// File name.
    pub filename: Option<String>,
    /// `dispute_evidence`, `identity_document`, …
    pub purpose: Option<String>,
    /// Size in bytes.
    pub size: Option<i64>,
    /// Title.
    pub title: Option<String>,
    /// `csv`, `pdf`, `jpg`, `png`, …
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Download URL (needs your secret key).
    pub url: Option<String>,
}
