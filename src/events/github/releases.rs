//! Releases and packages.

use serde::Deserialize;

use super::de::null_default;
use super::{Timestamp, User};

/// A release.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Release {
    /// The numeric id.
    pub id: u64,
    /// The tag (`v1.0.0`).
    pub tag_name: Option<Box<str>>,
    /// The GraphQL node id.
    pub node_id: Option<Box<str>>,
    /// The title.
    pub name: Option<Box<str>>,
    /// The notes (Markdown).
    pub body: Option<Box<str>>,
    /// The branch or commit the tag is created from.
    pub target_commitish: Option<Box<str>>,
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
    pub html_url: Option<Box<str>>,
    /// The API URL.
    pub url: Option<Box<str>>,
    /// The source tarball.
    pub tarball_url: Option<Box<str>>,
    /// The source zip.
    pub zipball_url: Option<Box<str>>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was published.
    pub published_at: Option<Timestamp>,
}

/// A file attached to a release.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ReleaseAsset {
    /// The numeric id.
    pub id: Option<u64>,
    /// The file name.
    pub name: Option<Box<str>>,
    /// The label.
    pub label: Option<Box<str>>,
    /// The MIME type.
    pub content_type: Option<Box<str>>,
    /// `uploaded` or `open`.
    pub state: Option<Box<str>>,
    /// The size in bytes.
    pub size: Option<u64>,
    /// How often it was downloaded.
    pub download_count: Option<u64>,
    /// The download URL.
    pub browser_download_url: Option<Box<str>>,
    /// Who uploaded it.
    pub uploader: Option<User>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A package of GitHub Packages (`package` and `registry_package` events).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Package {
    /// The numeric id.
    pub id: Option<u64>,
    /// The name.
    pub name: Option<Box<str>>,
    /// The namespace (owner).
    pub namespace: Option<Box<str>>,
    /// The description.
    pub description: Option<Box<str>>,
    /// The ecosystem (`npm`, `maven`, `docker`, `CONTAINER`, …).
    pub ecosystem: Option<Box<str>>,
    /// The package type (`npm`, `container`, …).
    pub package_type: Option<Box<str>>,
    /// The owner.
    pub owner: Option<User>,
    /// The version the event is about.
    pub package_version: Option<PackageVersion>,
    /// The web page.
    pub html_url: Option<Box<str>>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}

/// A version of a [`Package`]. Ecosystem metadata (npm, NuGet, container manifests) is skipped.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct PackageVersion {
    /// The numeric id.
    pub id: Option<u64>,
    /// The version (`1.0.0`, a container digest, …).
    pub version: Option<Box<str>>,
    /// The name.
    pub name: Option<Box<str>>,
    /// The description.
    pub description: Option<Box<str>>,
    /// The summary.
    pub summary: Option<Box<str>>,
    /// The commit the version was built from, where sent.
    pub target_commitish: Option<Box<str>>,
    /// The web page.
    pub html_url: Option<Box<str>>,
    /// The URL to fetch it from.
    pub package_url: Option<Box<str>>,
    /// Who published it.
    pub author: Option<User>,
    /// When it was created.
    pub created_at: Option<Timestamp>,
    /// When it was last updated.
    pub updated_at: Option<Timestamp>,
}
