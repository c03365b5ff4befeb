//! The README's tables agree with the crate: the provider table lists exactly the providers of
//! `registry::PROVIDERS` (plus `custom`), and the feature table names every feature of
//! Cargo.toml.

use std::collections::BTreeSet;

use webhook_guard::registry;

const README: &str = include_str!("../README.md");
const MANIFEST: &str = include_str!("../Cargo.toml");

/// The lines of the table that follows the heading `heading`.
fn table(heading: &str) -> Vec<&'static str> {
    let start = README
        .find(heading)
        .unwrap_or_else(|| panic!("README has no `{heading}`"));
    README[start..]
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2) // header and separator
        .collect()
}

/// The backquoted words of a table cell.
fn quoted(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('`').skip(1).step_by(2)
}

#[test]
fn provider_table_lists_the_registry() {
    let listed: BTreeSet<&str> = table("## Providers")
        .iter()
        .flat_map(|row| quoted(row.split('|').nth(2).unwrap_or_default()))
        .collect();
    let mut expected: BTreeSet<&str> = registry::names().collect();
    expected.insert("custom");
    assert_eq!(listed, expected);
}

#[test]
fn feature_table_names_every_feature() {
    let listed: BTreeSet<&str> = table("## Features")
        .iter()
        .flat_map(|row| quoted(row.split('|').nth(1).unwrap_or_default()))
        .collect();
    let section = MANIFEST
        .split("\n[features]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("Cargo.toml has a [features] table");
    let features: BTreeSet<&str> = section
        .lines()
        .filter(|line| !line.starts_with('#') && line.contains(" = "))
        .filter_map(|line| line.split(" = ").next())
        .filter(|name| *name != "default")
        .collect();
    assert_eq!(
        listed, features,
        "README feature table vs Cargo.toml [features]"
    );
}
