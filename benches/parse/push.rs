//! The ~10 KB GitHub `push` body of the parse bench, shared with the comparison in
//! `benches/compare/` (which includes this file by path).

use serde_json::{json, Value};

/// The `push` fixture turned into a push of three commits to `main`, about 10 KB.
pub(crate) fn push_body() -> Vec<u8> {
    let fixture = include_bytes!("../../tests/fixtures/github/push/payload.json");
    let mut push: Value = serde_json::from_slice(fixture).expect("fixture is JSON");
    let commit = |n: u32| {
        json!({
            "id": format!("{n:040x}"),
            "tree_id": format!("{:040x}", n + 100),
            "distinct": true,
            "message": format!("Commit number {n}\n\nA longer explanation of what changed and why, wrapped at a sensible width."),
            "timestamp": "2019-05-15T15:20:30-05:00",
            "url": format!("https://github.com/Codertocat/Hello-World/commit/{n:040x}"),
            "author": {"name": "Codertocat", "email": "21031067+Codertocat@users.noreply.github.com", "username": "Codertocat"},
            "committer": {"name": "GitHub", "email": "noreply@github.com", "username": "web-flow"},
            "added": ["src/new_module.rs"],
            "removed": [],
            "modified": ["README.md", "src/lib.rs", "Cargo.toml"]
        })
    };
    push["ref"] = json!("refs/heads/main");
    push["after"] = json!(format!("{:040x}", 3));
    push["created"] = json!(false);
    push["deleted"] = json!(false);
    push["commits"] = json!([commit(1), commit(2), commit(3)]);
    push["head_commit"] = commit(3);
    serde_json::to_vec_pretty(&push).expect("serialises")
}
