//! Typed GitHub events: every fixture under `tests/fixtures/github/<event>/` parses into its
//! typed variant (the folder name is the `X-GitHub-Event` value), plus forward compatibility
//! (unknown events, fields and actions), leniency toward older and GitHub Enterprise Server
//! payloads (fields missing or `null`), minimal payloads, and located errors.
//!
//! The fixtures are octokit/webhooks' payload examples, copied unchanged (re-indented):
//! `<action>.payload.json` (or `payload.json`) from `payload-examples/api.github.com`, and
//! `<action>.ghes-3X.payload.json` (or `ghes-3X.payload.json`) from
//! `payload-examples/ghes-3X/index.json`, for the Enterprise Server-only events and for the
//! GHES examples whose shape differs from GitHub.com's, and `<action>.ghae.payload.json` (or
//! `ghae.payload.json`) from `payload-examples/github.ae/index.json`, for the GitHub AE examples
//! whose shape differs from both (every other AE example equals, or has the shape of, a fixture
//! already here, mostly a GHES 3.1 one). AE's second `repository` example (`published`) is not
//! one: it is the `security_advisory` body filed under the wrong event, equal to
//! `security_advisory/published.ghes-31.payload.json`.
//! octokit has no example under the legacy names `integration_installation` and
//! `integration_installation_repositories`: GitHub sends the `installation` and
//! `installation_repositories` body again under them, so their fixtures are those GHES 3.5
//! bodies.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use webhook_guard::events::github::{
    EnterpriseAction, Event, InstallationAction, InstallationRepositoriesAction, IssuesAction,
    PullRequestAction, RepositoryVulnerabilityAlertAction, Timestamp, UserAction,
};
use webhook_guard::providers::github::{self, GitHub};
use webhook_guard::{Error, Secret, TypedEvent, Verifier, WebhookRequest};

fn fixtures() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/github");
    let mut out = Vec::new();
    for dir in fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        let event = dir.file_name().unwrap().to_str().unwrap().to_owned();
        for file in fs::read_dir(&dir).unwrap() {
            out.push((event.clone(), file.unwrap().path()));
        }
    }
    out.sort();
    assert!(out.len() >= 192, "fixtures missing: {}", out.len());
    out
}

fn fixture(event: &str, file: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/github")
        .join(event)
        .join(file);
    fs::read(path).unwrap()
}

fn parse_value(event: &str, value: &Value) -> Result<Event, Error> {
    Event::parse(event, &serde_json::to_vec(value).unwrap())
}

fn repo() -> Value {
    json!({"id": 1, "name": "hello", "full_name": "octo/hello"})
}

fn user() -> Value {
    json!({"login": "octocat", "id": 2})
}

#[test]
fn every_fixture_parses_into_its_typed_variant() {
    for (event, path) in fixtures() {
        let body = fs::read(&path).unwrap();
        let parsed =
            Event::parse(&event, &body).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(parsed.is_typed(), "{} fell back to Unknown", path.display());
        assert_eq!(parsed.name(), event, "{}", path.display());
        assert!(parsed.variant_name().starts_with("github::Event::"));
        assert_ne!(parsed.variant_name(), "github::Event::Unknown");
        // The sender of every sample is typed.
        let raw: Value = serde_json::from_slice(&body).unwrap();
        if raw.get("sender").is_some() {
            assert_eq!(
                parsed.sender().map(|s| s.login.as_ref()),
                raw["sender"]["login"].as_str(),
                "{}",
                path.display()
            );
        }
        if let Some(id) = raw.pointer("/repository/id").and_then(Value::as_u64) {
            assert_eq!(parsed.repository().map(|r| r.id), Some(id));
        }
    }
}

#[test]
fn fixture_actions_are_known_actions() {
    // File names start with the action: `<action>.payload.json`,
    // `<action>.ghes-3X.payload.json`. None of GitHub's sample actions should land in an
    // `Other` fallback.
    for (event, path) in fixtures() {
        let file = path.file_name().unwrap().to_str().unwrap();
        let Some(stem) = file.strip_suffix(".payload.json") else {
            continue;
        };
        let action = stem.split('.').next().unwrap();
        let parsed = Event::parse(&event, &fs::read(&path).unwrap()).unwrap();
        let debug = format!("{parsed:?}");
        assert!(
            !debug.contains(&format!("action: Other(\"{action}\")"))
                && !debug.contains(&format!("action: Some(Other(\"{action}\"))")),
            "{event}.{action} not a known action"
        );
    }
}

#[test]
fn fixture_values_are_typed() {
    let Event::Push(push) = Event::parse("push", &fixture("push", "payload.json")).unwrap() else {
        panic!("not a push");
    };
    assert_eq!(push.git_ref.as_ref(), "refs/tags/simple-tag");
    assert_eq!(push.tag(), Some("simple-tag"));
    assert_eq!(push.branch(), None);
    assert!(push.deleted && !push.created && !push.forced);
    assert!(push.commits.is_empty() && push.head_commit.is_none());
    assert_eq!(push.repository.full_name.as_ref(), "Codertocat/Hello-World");
    // `push` sends the repository's timestamps as Unix seconds.
    assert_eq!(
        push.repository
            .created_at
            .as_ref()
            .and_then(Timestamp::as_unix),
        Some(1_557_933_565)
    );

    let Event::PullRequest(pr) = Event::parse(
        "pull_request",
        &fixture("pull_request", "opened.payload.json"),
    )
    .unwrap() else {
        panic!("not a pull request");
    };
    assert_eq!(pr.action, PullRequestAction::Opened);
    assert_eq!(pr.number, Some(2));
    assert_eq!(pr.pull_request.number, 2);
    assert_eq!(pr.pull_request.head.git_ref.as_ref(), "changes");
    assert_eq!(pr.pull_request.base.git_ref.as_ref(), "master");
    assert_eq!(
        pr.pull_request.user.as_ref().map(|u| u.login.as_ref()),
        Some("Codertocat")
    );

    let Event::Issues(issues) =
        Event::parse("issues", &fixture("issues", "labeled.payload.json")).unwrap()
    else {
        panic!("not issues");
    };
    assert_eq!(issues.action, IssuesAction::Labeled);
    assert!(issues.label.is_some());
    assert!(!issues.issue.labels.is_empty());

    let Event::Installation(inst) = Event::parse(
        "installation",
        &fixture("installation", "created.payload.json"),
    )
    .unwrap() else {
        panic!("not an installation");
    };
    let installation = inst.installation.as_ref().unwrap();
    assert!(installation.id > 0);
    assert!(!installation.permissions.is_empty());

    let Event::RepositoryVulnerabilityAlert(alert) = Event::parse(
        "repository_vulnerability_alert",
        &fixture("repository_vulnerability_alert", "dismiss.payload.json"),
    )
    .unwrap() else {
        panic!("not an alert");
    };
    assert_eq!(alert.action, RepositoryVulnerabilityAlertAction::Dismiss);
}

#[test]
fn the_hook_secret_is_not_kept() {
    // `meta` payloads carry the hook configuration, secret included (masked, but still).
    let parsed = Event::parse("meta", &fixture("meta", "deleted.payload.json")).unwrap();
    assert!(!format!("{parsed:?}").contains("secret"));
}

#[test]
fn unknown_events_fall_back_to_unknown() {
    let body = br#"{"action": "beamed", "thing": {"id": 1}}"#;
    let parsed = Event::parse("teleport", body).unwrap();
    assert!(!parsed.is_typed());
    assert_eq!(parsed.variant_name(), "github::Event::Unknown");
    assert_eq!(parsed.name(), "teleport");
    let Event::Unknown { name, raw } = parsed else {
        panic!("typed");
    };
    assert_eq!(name, "teleport");
    assert_eq!(raw["thing"]["id"], 1);
    // Unknown events must still be JSON.
    let err = Event::parse("teleport", b"not json").unwrap_err();
    assert_eq!(err.kind(), "invalid_payload");
}

#[test]
fn unknown_actions_and_fields_are_kept_or_ignored() {
    let mut body: Value =
        serde_json::from_slice(&fixture("pull_request", "opened.payload.json")).unwrap();
    body["action"] = json!("teleported");
    body["brand_new_field"] = json!({"deep": [1, 2, {"x": null}]});
    body["pull_request"]["head"]["new_field"] = json!(true);
    body["repository"]["owner"]["new_list"] = json!([{"a": 1}]);
    let Event::PullRequest(pr) = parse_value("pull_request", &body).unwrap() else {
        panic!("not a pull request");
    };
    assert_eq!(pr.action, PullRequestAction::Other("teleported".into()));
    assert_eq!(pr.action.as_str(), "teleported");
}

#[test]
fn a_wrong_type_deep_inside_names_the_path() {
    let mut body: Value =
        serde_json::from_slice(&fixture("pull_request", "opened.payload.json")).unwrap();
    body["pull_request"]["head"]["sha"] = json!(42);
    let err = parse_value("pull_request", &body).unwrap_err();
    assert_eq!(err.kind(), "invalid_payload");
    match &err {
        Error::InvalidPayload { path, .. } => assert_eq!(path, "pull_request.head.sha"),
        other => panic!("{other:?}"),
    }

    let mut body: Value = serde_json::from_slice(&fixture("push", "payload.json")).unwrap();
    body["commits"] = json!([{"id": "abc", "added": ["a", 7]}]);
    let err = parse_value("push", &body).unwrap_err();
    match &err {
        Error::InvalidPayload { path, .. } => assert_eq!(path, "commits[0].added[1]"),
        other => panic!("{other:?}"),
    }

    // A missing required field, and a body that is not JSON at all.
    let err = Event::parse("push", br#"{"before": "a", "after": "b"}"#).unwrap_err();
    assert_eq!(err.kind(), "invalid_payload");
    assert!(err.to_string().contains("ref"), "{err}");
    assert_eq!(
        Event::parse("push", b"\xff\xfe").unwrap_err().kind(),
        "invalid_payload"
    );
    assert_eq!(
        Event::parse("push", b"{} trailing").unwrap_err().kind(),
        "invalid_payload"
    );
}

/// The smallest body each typed event accepts: only its required fields.
fn minimal_payloads() -> Vec<(&'static str, Value)> {
    let r = repo();
    let u = user();
    let pr =
        json!({"number": 1, "head": {"ref": "f", "sha": "b"}, "base": {"ref": "m", "sha": "a"}});
    vec![
        (
            "branch_protection_configuration",
            json!({"action": "enabled", "repository": r}),
        ),
        (
            "branch_protection_rule",
            json!({"action": "created", "repository": r}),
        ),
        (
            "cache_sync",
            json!({"ref": "refs/heads/main", "before": "a", "after": "b", "repository": r}),
        ),
        (
            "check_run",
            json!({"action": "created", "check_run": {"id": 1}, "repository": r}),
        ),
        (
            "check_suite",
            json!({"action": "requested", "check_suite": {"id": 1}, "repository": r}),
        ),
        (
            "code_scanning_alert",
            json!({"action": "created", "alert": {}, "repository": r}),
        ),
        (
            "commit_comment",
            json!({"comment": {"id": 1}, "repository": r}),
        ),
        (
            "content_reference",
            json!({"action": "created", "repository": r}),
        ),
        (
            "create",
            json!({"ref": "v1", "ref_type": "tag", "repository": r}),
        ),
        ("custom_property", json!({"action": "created"})),
        (
            "custom_property_values",
            json!({"action": "updated", "repository": r}),
        ),
        (
            "delete",
            json!({"ref": "v1", "ref_type": "tag", "repository": r}),
        ),
        (
            "dependabot_alert",
            json!({"action": "created", "alert": {}, "repository": r}),
        ),
        (
            "deploy_key",
            json!({"action": "created", "key": {"id": 1}, "repository": r}),
        ),
        (
            "deployment",
            json!({"deployment": {"id": 1}, "repository": r}),
        ),
        ("deployment_protection_rule", json!({"action": "requested"})),
        (
            "deployment_review",
            json!({"action": "requested", "repository": r}),
        ),
        (
            "deployment_status",
            json!({"deployment_status": {"id": 2}, "deployment": {"id": 1}, "repository": r}),
        ),
        (
            "discussion",
            json!({"action": "created", "discussion": {"number": 1}, "repository": r}),
        ),
        (
            "discussion_comment",
            json!({"action": "created", "comment": {"id": 1}, "discussion": {"number": 1}, "repository": r}),
        ),
        ("enterprise", json!({"action": "anonymous_access_enabled"})),
        ("fork", json!({"forkee": r, "repository": r})),
        ("github_app_authorization", json!({"action": "revoked"})),
        ("gollum", json!({"repository": r})),
        ("installation", json!({"action": "created"})),
        ("installation_repositories", json!({"action": "added"})),
        ("installation_target", json!({"action": "renamed"})),
        ("integration_installation", json!({"action": "created"})),
        (
            "integration_installation_repositories",
            json!({"action": "added"}),
        ),
        (
            "issue_comment",
            json!({"action": "created", "issue": {"number": 1}, "comment": {"id": 1}, "repository": r}),
        ),
        (
            "issues",
            json!({"action": "opened", "issue": {"number": 1}, "repository": r}),
        ),
        (
            "label",
            json!({"action": "created", "label": {"name": "bug"}, "repository": r}),
        ),
        (
            "marketplace_purchase",
            json!({"action": "purchased", "marketplace_purchase": {}}),
        ),
        (
            "member",
            json!({"action": "added", "member": u, "repository": r}),
        ),
        (
            "membership",
            json!({"action": "added", "team": {"id": 1, "name": "core"}}),
        ),
        (
            "merge_group",
            json!({"action": "checks_requested", "merge_group": {}, "repository": r}),
        ),
        ("meta", json!({"action": "deleted", "hook_id": 1})),
        (
            "milestone",
            json!({"action": "created", "milestone": {"number": 1}, "repository": r}),
        ),
        ("org_block", json!({"action": "blocked", "blocked_user": u})),
        ("organization", json!({"action": "renamed"})),
        ("package", json!({"action": "published", "package": {}})),
        ("page_build", json!({"build": {}, "repository": r})),
        (
            "personal_access_token_request",
            json!({"action": "created", "personal_access_token_request": {}}),
        ),
        ("ping", json!({})),
        (
            "project",
            json!({"action": "created", "project": {"id": 1}}),
        ),
        (
            "project_card",
            json!({"action": "created", "project_card": {"id": 1}}),
        ),
        (
            "project_column",
            json!({"action": "created", "project_column": {"id": 1}}),
        ),
        (
            "projects_v2",
            json!({"action": "created", "projects_v2": {"id": 1}}),
        ),
        (
            "projects_v2_item",
            json!({"action": "created", "projects_v2_item": {"id": 1}}),
        ),
        (
            "projects_v2_status_update",
            json!({"action": "created", "projects_v2_status_update": {"id": 1}}),
        ),
        ("public", json!({"repository": r})),
        (
            "pull_request",
            json!({"action": "opened", "pull_request": pr, "repository": r}),
        ),
        (
            "pull_request_review",
            json!({"action": "submitted", "review": {"id": 1}, "pull_request": pr, "repository": r}),
        ),
        (
            "pull_request_review_comment",
            json!({"action": "created", "comment": {"id": 1}, "pull_request": pr, "repository": r}),
        ),
        (
            "pull_request_review_thread",
            json!({"action": "resolved", "thread": {}, "pull_request": pr, "repository": r}),
        ),
        (
            "push",
            json!({"ref": "refs/heads/main", "before": "a", "after": "b", "repository": r}),
        ),
        (
            "registry_package",
            json!({"action": "published", "registry_package": {}}),
        ),
        (
            "release",
            json!({"action": "published", "release": {"id": 1}, "repository": r}),
        ),
        ("repository", json!({"action": "created", "repository": r})),
        (
            "repository_advisory",
            json!({"action": "published", "repository_advisory": {}, "repository": r}),
        ),
        (
            "repository_dispatch",
            json!({"action": "deploy", "repository": r}),
        ),
        ("repository_import", json!({"repository": r})),
        (
            "repository_ruleset",
            json!({"action": "created", "repository_ruleset": {"id": 1}}),
        ),
        (
            "repository_vulnerability_alert",
            json!({"action": "create", "alert": {}, "repository": r}),
        ),
        (
            "secret_scanning_alert",
            json!({"action": "created", "alert": {}, "repository": r}),
        ),
        (
            "secret_scanning_alert_location",
            json!({"alert": {}, "location": {}, "repository": r}),
        ),
        (
            "secret_scanning_scan",
            json!({"action": "completed", "repository": r}),
        ),
        (
            "security_advisory",
            json!({"action": "published", "security_advisory": {}}),
        ),
        ("security_and_analysis", json!({"repository": r})),
        (
            "sponsorship",
            json!({"action": "created", "sponsorship": {}}),
        ),
        ("star", json!({"action": "created", "repository": r})),
        (
            "status",
            json!({"sha": "abc", "state": "success", "repository": r}),
        ),
        ("sub_issues", json!({"action": "sub_issue_added"})),
        (
            "team",
            json!({"action": "created", "team": {"id": 1, "name": "core"}}),
        ),
        (
            "team_add",
            json!({"team": {"id": 1, "name": "core"}, "repository": r}),
        ),
        ("user", json!({"action": "created"})),
        ("watch", json!({"action": "started", "repository": r})),
        ("workflow_dispatch", json!({"repository": r})),
        (
            "workflow_job",
            json!({"action": "queued", "workflow_job": {"id": 1}, "repository": r}),
        ),
        (
            "workflow_run",
            json!({"action": "requested", "workflow_run": {"id": 1}, "repository": r}),
        ),
    ]
}

#[test]
fn minimal_payloads_parse_for_every_event() {
    let cases = minimal_payloads();
    let mut covered: Vec<&str> = cases.iter().map(|(name, _)| *name).collect();
    covered.sort_unstable();
    let mut names = Event::NAMES.to_vec();
    names.sort_unstable();
    assert_eq!(covered, names, "every typed event has a minimal case");
    for (name, body) in cases {
        let parsed = parse_value(name, &body).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(parsed.is_typed());
        assert_eq!(parsed.name(), name);
    }
}

#[test]
fn the_documented_event_list_is_covered() {
    let documented = [
        "branch_protection_configuration",
        "branch_protection_rule",
        "cache_sync",
        "check_run",
        "check_suite",
        "code_scanning_alert",
        "commit_comment",
        "create",
        "custom_property",
        "custom_property_values",
        "delete",
        "dependabot_alert",
        "deploy_key",
        "deployment",
        "deployment_protection_rule",
        "deployment_review",
        "deployment_status",
        "discussion",
        "discussion_comment",
        "enterprise",
        "fork",
        "github_app_authorization",
        "gollum",
        "installation",
        "installation_repositories",
        "installation_target",
        "integration_installation",
        "integration_installation_repositories",
        "issue_comment",
        "issues",
        "label",
        "marketplace_purchase",
        "member",
        "membership",
        "merge_group",
        "meta",
        "milestone",
        "org_block",
        "organization",
        "package",
        "page_build",
        "personal_access_token_request",
        "ping",
        "project",
        "project_card",
        "project_column",
        "projects_v2",
        "projects_v2_item",
        "projects_v2_status_update",
        "public",
        "pull_request",
        "pull_request_review",
        "pull_request_review_comment",
        "pull_request_review_thread",
        "push",
        "registry_package",
        "release",
        "repository",
        "repository_advisory",
        "repository_dispatch",
        "repository_import",
        "repository_ruleset",
        "repository_vulnerability_alert",
        "secret_scanning_alert",
        "secret_scanning_alert_location",
        "secret_scanning_scan",
        "security_advisory",
        "security_and_analysis",
        "sponsorship",
        "star",
        "status",
        "sub_issues",
        "team",
        "team_add",
        "user",
        "watch",
        "workflow_dispatch",
        "workflow_job",
        "workflow_run",
    ];
    for name in documented {
        assert!(Event::NAMES.contains(&name), "{name} not typed");
    }
}

/// Removes every key in `keys`, at any depth.
fn strip(value: &mut Value, keys: &[&str]) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !keys.contains(&k.as_str()));
            map.values_mut().for_each(|v| strip(v, keys));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| strip(v, keys)),
        _ => {}
    }
}

/// Sets every key in `keys` to `null`, at any depth.
fn nullify(value: &mut Value, keys: &[&str]) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if keys.contains(&k.as_str()) {
                    *v = Value::Null;
                } else {
                    nullify(v, keys);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| nullify(v, keys)),
        _ => {}
    }
}

/// Fields older and Enterprise Server payloads may leave out or send as `null`, wherever
/// they appear: none of them is required by any typed event.
const OPTIONAL: &[&str] = &[
    "node_id",
    "html_url",
    "url",
    "avatar_url",
    "gravatar_id",
    "site_admin",
    "type",
    "description",
    "created_at",
    "updated_at",
    "pushed_at",
    "closed_at",
    "merged_at",
    "visibility",
    "topics",
    "is_template",
    "default_branch",
    "master_branch",
    "private",
    "owner",
    "user",
    "sender",
    "organization",
    "enterprise",
    "labels",
    "assignees",
    "assignee",
    "requested_reviewers",
    "requested_teams",
    "title",
    "body",
    "draft",
    "merged",
    "mergeable",
    "author_association",
    "performed_via_github_app",
    "auto_merge",
    "app",
    "output",
    "pull_requests",
    "head_commit",
    "commits",
    "pusher",
    "author",
    "committer",
    "distinct",
    "tree_id",
    "message",
    "timestamp",
    "added",
    "removed",
    "modified",
    "created",
    "deleted",
    "forced",
    "base_ref",
    "compare",
    "steps",
    "conclusion",
    "status",
    "permissions",
    "events",
    "account",
    "changes",
    "payload",
    "creator",
    "environment",
    "head_branch",
    "head_sha",
    "tag_name",
    "workflow",
    "repositories",
    "requester",
    "scope",
    "hook",
    "zen",
    "starred_at",
    "context",
    "branches",
    "commit",
    "requested_action",
    "answer",
    "forkee_count",
    "pages",
    "effective_date",
    "previous_marketplace_purchase",
    "invitation",
    "membership",
    "build_id",
    "rule",
    "key_id",
    "repository_selection",
    "target_id",
    "app_id",
];

#[test]
fn older_payloads_without_optional_fields_parse() {
    // Every sample with all optional fields removed, and again with all of them `null`, still
    // parses into its typed variant.
    for (event, path) in fixtures() {
        let original: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
        let mut stripped = original.clone();
        strip(&mut stripped, OPTIONAL);
        let parsed = parse_value(&event, &stripped)
            .unwrap_or_else(|e| panic!("stripped {}: {e}", path.display()));
        assert!(parsed.is_typed());

        let mut nulled = original;
        nullify(&mut nulled, OPTIONAL);
        let parsed = parse_value(&event, &nulled)
            .unwrap_or_else(|e| panic!("nulled {}: {e}", path.display()));
        assert!(parsed.is_typed());
    }
}

#[test]
fn hand_made_enterprise_server_variants_parse() {
    // A GHES-2.x-style push: no `created`/`deleted`/`forced`, commits `null`, numeric
    // repository timestamps, a pusher without e-mail, no sender.
    let push = json!({
        "ref": "refs/heads/main", "before": "0000", "after": "1111",
        "commits": null, "head_commit": null,
        "repository": {"id": 3, "name": "r", "full_name": "o/r", "created_at": 1_400_000_000,
            "pushed_at": null, "owner": {"login": "o", "id": 4, "name": "o", "email": null}},
        "pusher": {"name": "o", "email": null}
    });
    let Event::Push(p) = parse_value("push", &push).unwrap() else {
        panic!()
    };
    assert_eq!(p.branch(), Some("main"));
    assert!(p.commits.is_empty() && !p.created && p.sender.is_none());

    // A pull request whose fork was deleted, with a team among the requested reviewers and
    // `null` lists.
    let pr = json!({
        "action": "review_requested",
        "pull_request": {"number": 9, "labels": null, "assignees": null, "milestone": null,
            "requested_reviewers": [{"login": "a", "id": 1}, {"name": "core", "id": 2, "slug": "core"}],
            "head": {"ref": "f", "sha": "b", "repo": null, "user": null},
            "base": {"ref": "m", "sha": "a", "repo": {"id": 1, "name": "r", "full_name": "o/r"}}},
        "requested_team": {"id": 2, "name": "core"},
        "repository": repo(), "sender": user()
    });
    let Event::PullRequest(p) = parse_value("pull_request", &pr).unwrap() else {
        panic!()
    };
    assert_eq!(p.pull_request.requested_reviewers.len(), 2);
    assert!(p.pull_request.head.repo.is_none());

    // An older installation: integer timestamps, enterprise account, `null` permissions.
    let inst = json!({
        "action": "created",
        "installation": {"id": 5, "account": {"slug": "big", "name": "Big Corp", "id": 6},
            "created_at": 1_500_000_000, "updated_at": "2020-01-01T00:00:00Z",
            "permissions": null, "events": null},
        "sender": user()
    });
    let Event::Installation(i) = parse_value("installation", &inst).unwrap() else {
        panic!()
    };
    assert_eq!(
        i.installation.unwrap().created_at,
        Some(Timestamp::Unix(1_500_000_000))
    );

    // A deployment without an action, with a string payload.
    let dep = json!({
        "deployment": {"id": 7, "payload": "{\"force\": true}", "ref": "main"},
        "repository": repo()
    });
    let Event::Deployment(d) = parse_value("deployment", &dep).unwrap() else {
        panic!()
    };
    assert!(d.action.is_none());
    assert!(d.deployment.payload.as_ref().is_some_and(Value::is_string));

    // A deleted team in a membership event.
    let m = json!({"action": "removed", "scope": "team", "member": user(),
        "team": {"id": 8, "name": "gone", "deleted": true}});
    let Event::Membership(m) = parse_value("membership", &m).unwrap() else {
        panic!()
    };
    assert!(m.team.deleted);
}

#[test]
fn enterprise_server_only_events_are_typed() {
    let Event::CacheSync(sync) =
        Event::parse("cache_sync", &fixture("cache_sync", "payload.json")).unwrap()
    else {
        panic!("not a cache_sync");
    };
    assert_eq!(sync.cache_location.as_deref(), Some("morocco"));
    assert_eq!(sync.branch(), Some("main"));
    assert_eq!(sync.tag(), None);
    assert_eq!(
        sync.before.as_ref(),
        "0000000000000000000000000000000000000000"
    );
    assert_eq!(sync.repository.full_name.as_ref(), "Codertocat/Hello-World");
    assert_eq!(
        sync.enterprise.as_ref().and_then(|e| e.slug.as_deref()),
        Some("github")
    );

    // `enterprise` names no repository: the action and the site administrator who acted.
    let parsed = Event::parse(
        "enterprise",
        &fixture("enterprise", "anonymous_access_enabled.payload.json"),
    )
    .unwrap();
    assert!(parsed.repository().is_none());
    assert_eq!(parsed.sender().and_then(|s| s.site_admin), Some(true));
    let Event::Enterprise(e) = parsed else {
        panic!("not an enterprise event");
    };
    assert_eq!(e.action, EnterpriseAction::AnonymousAccessEnabled);
    let Event::Enterprise(e) = Event::parse(
        "enterprise",
        br#"{"action": "anonymous_access_disabled", "sender": {"login": "admin", "id": 1}}"#,
    )
    .unwrap() else {
        panic!("not an enterprise event");
    };
    assert_eq!(e.action, EnterpriseAction::AnonymousAccessDisabled);

    // `user`: the account is `user`; the sender is whoever created or deleted it.
    let Event::User(u) = Event::parse("user", &fixture("user", "deleted.payload.json")).unwrap()
    else {
        panic!("not a user event");
    };
    assert_eq!(u.action, UserAction::Deleted);
    assert_eq!(u.user.as_ref().map(|u| u.login.as_ref()), Some("Snowtocat"));
    assert_eq!(
        u.sender.as_ref().map(|s| s.login.as_ref()),
        Some("ghe-admin")
    );
    let Event::User(u) = Event::parse(
        "user",
        &fixture("user", "created.without-enterprise.payload.json"),
    )
    .unwrap() else {
        panic!("not a user event");
    };
    assert_eq!(u.action, UserAction::Created);
    assert!(u.enterprise.is_none());
}

#[test]
fn legacy_integration_installation_names_share_the_installation_payloads() {
    // The same body under both names parses into the same payload type, and each variant
    // keeps the name it was delivered under.
    for file in [
        "created.ghes-35.payload.json",
        "deleted.ghes-35.payload.json",
    ] {
        let body = fixture("integration_installation", file);
        let legacy = Event::parse("integration_installation", &body).unwrap();
        let current = Event::parse("installation", &body).unwrap();
        assert_eq!(legacy.name(), "integration_installation");
        assert_eq!(
            legacy.variant_name(),
            "github::Event::IntegrationInstallation"
        );
        let (Event::IntegrationInstallation(a), Event::Installation(b)) = (legacy, current) else {
            panic!("{file}: wrong variants");
        };
        assert_eq!(a.action, b.action);
        assert_eq!(
            a.installation.as_ref().map(|i| i.id),
            b.installation.as_ref().map(|i| i.id)
        );
    }
    let Event::IntegrationInstallation(created) = Event::parse(
        "integration_installation",
        &fixture("integration_installation", "created.ghes-35.payload.json"),
    )
    .unwrap() else {
        panic!("not an integration_installation");
    };
    assert_eq!(created.action, InstallationAction::Created);
    // GHES 3.5 sends an installation's timestamps as Unix seconds in some deliveries and as
    // text with milliseconds in others.
    assert_eq!(
        created
            .installation
            .as_ref()
            .and_then(|i| i.created_at.as_ref())
            .and_then(Timestamp::as_unix),
        Some(1_557_949_058)
    );
    let Event::IntegrationInstallation(deleted) = Event::parse(
        "integration_installation",
        &fixture("integration_installation", "deleted.ghes-35.payload.json"),
    )
    .unwrap() else {
        panic!("not an integration_installation");
    };
    assert_eq!(deleted.action, InstallationAction::Deleted);
    assert_eq!(
        deleted
            .installation
            .as_ref()
            .and_then(|i| i.created_at.as_ref())
            .and_then(Timestamp::as_text),
        Some("2019-05-15T19:37:38.000Z")
    );

    let Event::IntegrationInstallationRepositories(added) = Event::parse(
        "integration_installation_repositories",
        &fixture(
            "integration_installation_repositories",
            "added.ghes-35.payload.json",
        ),
    )
    .unwrap() else {
        panic!("not an integration_installation_repositories");
    };
    assert_eq!(added.action, InstallationRepositoriesAction::Added);
    assert_eq!(added.repositories_added.len(), 1);
    assert!(added.repositories_removed.is_empty());
    assert_eq!(
        added
            .repositories_added
            .first()
            .and_then(|r| r.full_name.as_deref()),
        Some("Codertocat/Space")
    );
}

#[test]
fn verified_deliveries_parse_through_the_provider() {
    let secret = "It's a Secret to Everybody";
    let verifier = Verifier::builder(GitHub)
        .secret(Secret::from_text(secret))
        .build()
        .unwrap();
    let body = fixture("push", "payload.json");
    let signature = github::sign(secret.as_bytes(), &body);
    let headers = [
        (github::SIGNATURE_HEADER, signature.as_str()),
        (github::EVENT_HEADER, "push"),
        (
            github::DELIVERY_HEADER,
            "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        ),
    ];
    let (delivery, event) = verifier
        .verify_event(&WebhookRequest::new(&headers, &body))
        .unwrap();
    assert_eq!(delivery.event(), Some("push"));
    let webhook_guard::events::github::Event::Push(push) = event else {
        panic!("not a push");
    };
    assert_eq!(push.repository.name.as_ref(), "Hello-World");

    // Without `X-GitHub-Event`, the body is kept as an unnamed Unknown event.
    let headers = [(github::SIGNATURE_HEADER, signature.as_str())];
    let (_, event) = verifier
        .verify_event(&WebhookRequest::new(&headers, &body))
        .unwrap();
    assert!(
        matches!(&event, webhook_guard::events::github::Event::Unknown { name, .. } if name.is_empty())
    );

    // Form-encoded webhooks: `payload=<url-encoded JSON>`.
    let mut form = b"payload=".to_vec();
    for &b in &body {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => form.push(b),
            b' ' => form.push(b'+'),
            _ => form.extend_from_slice(format!("%{b:02X}").as_bytes()),
        }
    }
    let signature = github::sign(secret.as_bytes(), &form);
    let headers = [
        (github::SIGNATURE_HEADER, signature.as_str()),
        (github::EVENT_HEADER, "push"),
    ];
    let (_, event) = verifier
        .verify_event(&WebhookRequest::new(&headers, &form))
        .unwrap();
    assert_eq!(event.variant_name(), "github::Event::Push");
}
