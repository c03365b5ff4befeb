//! No event parser panics, whatever the body: random bytes, and random JSON built from the
//! field names and event names the parsers dispatch on (so the typed paths see hostile shapes).
//! Every failure is an `invalid_payload` error (or, for Twitch given a message type that
//! contradicts the body, a `malformed_header`).

use proptest::prelude::*;
use serde_json::{json, Value};
use webhook_guard::events::{
    discord, linear, mailgun, meta, paddle, pagerduty, sendgrid, shopify, slack, square, standard,
    twitch, zalo, zoom,
};
use webhook_guard::{Error, TypedEvent};

fn check<E: TypedEvent>(result: Result<E, Error>) {
    match result {
        Ok(event) => assert!(!event.variant_name().is_empty()),
        Err(err) => assert_eq!(err.kind(), "invalid_payload", "{err}"),
    }
}

/// Twitch's message type header is not signed: one that contradicts the signed body is a
/// malformed header, not a payload error.
fn check_twitch(result: Result<twitch::Event, Error>) {
    match result {
        Ok(event) => assert!(!event.variant_name().is_empty()),
        Err(err) => assert!(
            matches!(err.kind(), "invalid_payload" | "malformed_header"),
            "{err}"
        ),
    }
}

fn parse_everything(body: &[u8], name: &str) {
    check(slack::parse(body));
    check(shopify::parse(Some(name), body));
    check(standard::parse::<Value>(body));
    check(discord::parse(body));
    check_twitch(twitch::parse(Some("notification"), body));
    check(twitch::parse(None, body));
    check(zoom::parse(body));
    check(paddle::parse(body));
    check(linear::parse(body));
    check(square::parse(body));
    check(pagerduty::parse(body));
    check(sendgrid::parse(body));
    check(mailgun::parse(body));
    check(zalo::parse(body));
    check(meta::parse(body));
}

/// Every event name some parser knows.
fn names() -> Vec<&'static str> {
    let mut all = Vec::new();
    all.extend_from_slice(slack::InnerEvent::NAMES);
    all.extend_from_slice(slack::Interaction::NAMES);
    all.extend_from_slice(shopify::Event::NAMES);
    all.extend_from_slice(discord::Event::NAMES);
    all.extend_from_slice(twitch::SubscriptionEvent::NAMES);
    all.extend_from_slice(zoom::Event::NAMES);
    all.extend_from_slice(paddle::Event::NAMES);
    all.extend_from_slice(linear::Event::NAMES);
    all.extend_from_slice(square::Event::NAMES);
    all.extend_from_slice(pagerduty::Event::NAMES);
    all.extend_from_slice(sendgrid::Event::NAMES);
    all.extend_from_slice(mailgun::Event::NAMES);
    all.extend_from_slice(meta::Event::NAMES);
    all.extend_from_slice(meta::PageChange::FIELDS);
    all.extend_from_slice(meta::InstagramChange::FIELDS);
    all.extend_from_slice(meta::MessagingEvent::NAMES);
    all.extend_from_slice(meta::WhatsAppContent::TYPES);
    all.extend_from_slice(&["event_callback", "url_verification", "app_rate_limited"]);
    all.extend_from_slice(&["follow", "unfollow", "user_send_text", "oa_send_image"]);
    all.extend_from_slice(&["user_click_chatnow"]);
    all
}

const KEYS: &[&str] = &[
    "type",
    "event",
    "event_type",
    "event-data",
    "data",
    "object",
    "payload",
    "subscription",
    "challenge",
    "id",
    "user",
    "channel",
    "view",
    "item",
    "actions",
    "options",
    "participant",
    "payment",
    "timestamp",
    "status",
    "line_items",
    "event_name",
    "message",
    "attachments",
    "follower",
    "entry",
    "changes",
    "field",
    "value",
    "messaging",
    "messages",
    "statuses",
    "message",
];

fn json_value() -> impl Strategy<Value = Value> {
    let names = names();
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0..5u64).prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "[a-z]{0,6}".prop_map(Value::from),
        proptest::sample::select(names).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(proptest::sample::select(KEYS), inner, 0..6).prop_map(
                |m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            ),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..256)) {
        parse_everything(&body, "orders/create");
    }

    #[test]
    fn random_json_never_panics(value in json_value(), name in proptest::sample::select(names())) {
        let body = value.to_string();
        parse_everything(body.as_bytes(), name);
        // also as Slack interactivity and as a one-element SendGrid batch
        let form = form_urlencoded::Serializer::new(String::new()).append_pair("payload", &body).finish();
        check(slack::parse(form.as_bytes()));
        check(sendgrid::parse(format!("[{body}]").as_bytes()));
    }
}
