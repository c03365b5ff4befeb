//! Releases and packages.

use serde::Deserialize;

use super::de::null_default;
use super::{Text, Timestamp, User};

/// A release.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Release {
    /// The numeric id.
    pub id: u64,
    /// The tag (`v1.0.0`).
    pub tag_name: Option<Text>,
    /// The GraphQL node id.
    pub node_id: Option<Text>,
    /// The title.
    pub name: Option<Text>,
    /// The notes (Markdown).
    pub body: Option<Text>,
    /// The branch or commit the tag is created from.
    pub target_commitish: Option<Text>,
    /// Whether it is a draft.
    pub draft: Option<bool>,
    /// Whether it is a pre-release.
    pub prerelease: Option<bool>,
    /// Who created it.
    pub author: Option<User>,
    /// The attached files.
    #[serde(default, deserialize_with = "null_default")]
    pub assets: Vec<ReleaseAsset>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The API URL.
    pub url: Option<Text>,
    /// The source tarball.
    pub tarball_url: Option<Text>,
    /// The source zip.
    pub zipball_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was published.
    pub published_at: Option<Timestamp>,
}

/// A file attached to a release.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ReleaseAsset {
    /// The numeric id.
    pub id: Option<u64>,
    /// The file name.
    pub name: Option<Text>,
    /// The label.
    pub label: Option<Text>,
    /// The MIME type.
    pub content_type: Option<Text>,
    /// `uploaded` or `open`.
    pub state: Option<Text>,
    /// The size in bytes.
    pub size: Option<u64>,
    /// How often it was downloaded.
    pub download_count: Option<u64>,
    /// The download URL.
    pub browser_download_url: Option<Text>,
    /// Who uploaded it.
    pub uploader: Option<User>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A package of GitHub Packages (`package` and `registry_package` events).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Package {
    /// The numeric id.
    pub id: Option<u64>,
    /// The name.
    pub name: Option<Text>,
    /// The namespace (owner).
    pub namespace: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// The ecosystem (`npm`, `maven`, `docker`, `CONTAINER`, …).
    pub ecosystem: Option<Text>,
    /// The package type (`npm`, `container`, …).
    pub package_type: Option<Text>,
    /// The owner.
    pub owner: Option<User>,
    /// The version the event is about.
    pub package_version: Option<PackageVersion>,
    /// The web page.
    pub html_url: Option<Text>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A version of a [`Package`]. Ecosystem metadata (npm, NuGet, container manifests) is skipped.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "serialize", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PackageVersion {
    /// The numeric id.
    pub id: Option<u64>,
    /// The version (`1.0.0`, a container digest, …).
    pub version: Option<Text>,
    /// The name.
    pub name: Option<Text>,
    /// The description.
    pub description: Option<Text>,
    /// The summary.
    pub summary: Option<Text>,
    /// The commit the version was built from, where sent.
    pub target_commitish: Option<Text>,
    /// The web page.
    pub html_url: Option<Text>,
    /// The URL to fetch it from.
    pub package_url: Option<Text>,
    /// Who published it.
    pub author: Option<User>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}
