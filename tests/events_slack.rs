//! Slack's three formats, from the SDK sample payloads in `tests/fixtures/slack/`, sent the way
//! Slack sends them (JSON, `payload=<JSON>` forms, slash-command forms), through the provider.

use std::path::Path;

use webhook_guard::events::slack::{self, Event, InnerEvent, Interaction};
use webhook_guard::providers::slack::Slack;
use webhook_guard::{Delivery, FixedClock, Parse, Secret, TypedEvent, Verifier, WebhookRequest};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/slack")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `payload=<urlencoded JSON>`, as Slack posts interactivity payloads.
fn interactivity_form(json: &[u8]) -> Vec<u8> {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("payload", std::str::from_utf8(json).unwrap())
        .finish()
        .into_bytes()
}

/// A slash-command form built from the fixture's fields.
fn command_form(json: &[u8]) -> Vec<u8> {
    let fields: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(json).unwrap();
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (name, value) in &fields {
        match value {
            serde_json::Value::String(s) => form.append_pair(name, s),
            other => form.append_pair(name, &other.to_string()),
        };
    }
    form.finish().into_bytes()
}

fn parse(body: &[u8]) -> Event {
    Slack
        .parse(&Delivery::new("slack"), body)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn inner(event: &Event) -> &InnerEvent {
    match event {
        Event::EventCallback(cb) => &cb.event,
        other => panic!("not a callback: {other:?}"),
    }
}

#[test]
fn every_events_api_fixture_parses_typed() {
    let cases = [
        (
            "AppHomeOpenedPayload.json",
            "slack::InnerEvent::AppHomeOpened",
        ),
        ("AppMentionPayload.json", "slack::InnerEvent::AppMention"),
        (
            "AppRateLimitedPayload.json",
            "slack::InnerEvent::AppRateLimited",
        ),
        (
            "MemberJoinedChannelPayload.json",
            "slack::InnerEvent::MemberJoinedChannel",
        ),
        ("MessagePayload.json", "slack::InnerEvent::Message"),
        (
            "ReactionAddedPayload.json",
            "slack::InnerEvent::ReactionAdded",
        ),
    ];
    for (file, variant) in cases {
        let event = parse(&fixture(file));
        assert!(event.is_typed(), "{file}");
        assert_eq!(
            event.variant_name(),
            "slack::Event::EventCallback",
            "{file}"
        );
        assert_eq!(inner(&event).variant_name(), variant, "{file}");
        assert!(inner(&event).is_typed(), "{file}");
    }
}

#[test]
fn fixture_fields_come_through() {
    let event = parse(&fixture("ReactionAddedPayload.json"));
    let InnerEvent::ReactionAdded(reaction) = inner(&event) else {
        panic!()
    };
    let item = reaction.item.as_ref().unwrap();
    assert_eq!(item.item_type.as_deref(), Some("message"));
    assert_eq!(item.ts.as_deref(), Some("0000000000.000000"));

    let event = parse(&fixture("MemberJoinedChannelPayload.json"));
    let Event::EventCallback(cb) = &event else {
        panic!()
    };
    assert_eq!(cb.event_time, Some(12345));
    assert_eq!(cb.authorizations.len(), 1);
    assert_eq!(cb.authorizations[0].is_bot, Some(false));

    let event = parse(&fixture("MessagePayload.json"));
    let InnerEvent::Message(message) = inner(&event) else {
        panic!()
    };
    assert!(message.blocks.as_ref().unwrap().is_array());

    let event = parse(&fixture("AppHomeOpenedPayload.json"));
    let InnerEvent::AppHomeOpened(home) = inner(&event) else {
        panic!()
    };
    assert!(home.view.is_some());
}

#[test]
fn interactivity_fixtures_parse_typed_from_forms() {
    let body = interactivity_form(&fixture("BlockActionPayload.json"));
    let event = parse(&body);
    assert_eq!(event.variant_name(), "slack::Event::Interaction");
    assert!(event.is_typed());
    match &event {
        Event::Interaction(Interaction::BlockActions(actions)) => {
            assert_eq!(actions.actions.len(), 1);
            assert!(actions.user.is_some());
            assert!(actions.message.is_some());
        }
        other => panic!("{other:?}"),
    }

    let body = interactivity_form(&fixture("ViewSubmissionPayload.json"));
    match parse(&body) {
        Event::Interaction(Interaction::ViewSubmission(submission)) => {
            assert!(submission.view.state.is_some());
            assert_eq!(submission.is_enterprise_install, Some(false));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn slash_command_fixture_parses_typed_from_a_form() {
    let body = command_form(&fixture("SlashCommandPayload.json"));
    let event = parse(&body);
    assert_eq!(event.variant_name(), "slack::Event::SlashCommand");
    assert!(event.is_typed());
    let Event::SlashCommand(cmd) = event else {
        panic!()
    };
    assert_eq!(cmd.command, "");
    assert_eq!(cmd.is_enterprise_install, Some(false));
}

/// The body of Slack's own signing example (its docs and python-slack-sdk tests).
const OFFICIAL_COMMAND: &str = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

#[test]
fn verified_slash_command_end_to_end() {
    let verifier = Verifier::builder(Slack)
        .secret(Secret::from_text("8f742231b10e8888abcd99yyyzzz85a5"))
        .clock(FixedClock::from_secs(1_531_420_618))
        .build()
        .unwrap();
    let headers = [
        (
            "X-Slack-Signature",
            "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
        ),
        ("X-Slack-Request-Timestamp", "1531420618"),
    ];
    let req = WebhookRequest::new(&headers, OFFICIAL_COMMAND.as_bytes());
    let (_, event) = verifier.verify_event(&req).unwrap();
    let Event::SlashCommand(cmd) = event else {
        panic!("{event:?}")
    };
    assert_eq!(cmd.command, "/webhook-collect");
    assert_eq!(cmd.text.as_deref(), Some(""));
    assert_eq!(cmd.user_name.as_deref(), Some("roadrunner"));
    assert_eq!(
        cmd.response_url.as_deref(),
        Some("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN")
    );
}

#[test]
fn format_is_chosen_by_the_body() {
    // JSON with leading whitespace is still the Events API
    let e = slack::parse(b"  \n{\"type\":\"url_verification\",\"challenge\":\"c\"}").unwrap();
    assert_eq!(e.variant_name(), "slack::Event::UrlVerification");
    // `payload` wins over `command` (a form carrying both is interactivity)
    let e = slack::parse(b"command=%2Fx&payload=%7B%22type%22%3A%22shortcut%22%7D").unwrap();
    assert!(matches!(e, Event::Interaction(Interaction::Shortcut(_))));
    // an unknown interaction type falls back
    let e = slack::parse(b"payload=%7B%22type%22%3A%22new_kind%22%7D").unwrap();
    assert_eq!(e.variant_name(), "slack::Event::Interaction");
    assert!(!e.is_typed());
    // a payload that is not JSON is an error naming the field
    let err = slack::parse(b"payload=not+json").unwrap_err();
    assert_eq!(err.kind(), "invalid_payload");
    assert!(err.to_string().contains("payload"), "{err}");
}

#[test]
fn every_inner_event_name_accepts_a_minimal_body() {
    for name in InnerEvent::NAMES {
        let mut event = serde_json::json!({ "type": name, "event_ts": "1.2" });
        // the few events whose main object is required
        match *name {
            "channel_created" | "im_created" | "channel_rename" | "group_rename" => {
                event["channel"] = serde_json::json!({ "id": "C1", "name": "x", "created": 1 });
            }
            "team_join"
            | "user_change"
            | "user_profile_changed"
            | "user_status_changed"
            | "user_huddle_changed" => {
                event["user"] = serde_json::json!({ "id": "U1", "profile": { "email": "a@b.c" } });
            }
            _ => {}
        }
        let body =
            serde_json::json!({ "type": "event_callback", "event_id": "Ev1", "event": event });
        let parsed = slack::parse(body.to_string().as_bytes()).unwrap();
        assert!(parsed.is_typed(), "{name}");
        assert_eq!(inner(&parsed).name(), *name);
    }
    for name in Interaction::NAMES {
        let mut payload = serde_json::json!({ "type": name, "user": { "id": "U1" } });
        if matches!(*name, "view_submission" | "view_closed") {
            payload["view"] = serde_json::json!({ "id": "V1", "callback_id": "cb" });
        }
        let parsed = slack::parse(&interactivity_form(payload.to_string().as_bytes())).unwrap();
        assert!(parsed.is_typed(), "{name}");
    }
}
