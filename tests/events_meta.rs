//! Meta's envelope and payloads, from the samples in `tests/fixtures/meta/` (shaped after Meta's
//! documented examples, posted compact with non-ASCII escaped as `\uXXXX` the way Meta sends
//! them), each parsed into the typed variant it must become; and the whole path — sign, verify
//! the raw bytes, parse — through a `Verifier`.

use std::path::Path;

use webhook_guard::events::meta::{
    self, Event, FeedItem, FeedVerb, InstagramChange, MessagingEvent, PageChange, StatusKind,
    WhatsAppChange, WhatsAppContent, WhatsAppValue,
};
use webhook_guard::providers::meta::{Meta, SIGNATURE_HEADER};
use webhook_guard::{Delivery, Parse, Secret, TypedEvent, Verifier, WebhookRequest};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/meta")
        .join(format!("{name}.json"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(name: &str) -> Event {
    Meta.parse(&Delivery::new("meta"), &fixture(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn page_change(name: &str) -> PageChange {
    match parse(name) {
        Event::Page(n) => {
            assert_eq!(n.object, "page");
            assert_eq!(n.entry[0].id.as_deref(), Some("107221778513512"));
            n.entry[0].changes[0].clone()
        }
        other => panic!("{name}: {other:?}"),
    }
}

fn messaging(name: &str) -> meta::Messaging {
    match parse(name) {
        Event::Page(n) => n.entry[0].messaging[0].clone(),
        Event::Instagram(n) => n.entry[0].messaging[0].clone(),
        other => panic!("{name}: {other:?}"),
    }
}

fn whatsapp(name: &str) -> WhatsAppValue {
    match parse(name) {
        Event::WhatsApp(n) => {
            assert_eq!(n.entry[0].id.as_deref(), Some("102290129340398"));
            match &n.entry[0].changes[0] {
                WhatsAppChange::Messages(v) => {
                    let metadata = v.metadata.as_ref().unwrap();
                    assert_eq!(metadata.phone_number_id.as_deref(), Some("106540352242922"));
                    assert_eq!(v.messaging_product.as_deref(), Some("whatsapp"));
                    v.clone()
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        other => panic!("{name}: {other:?}"),
    }
}

fn whatsapp_content(name: &str) -> WhatsAppContent {
    let value = whatsapp(name);
    assert_eq!(value.contacts[0].wa_id.as_deref(), Some("16505551234"));
    let profile = value.contacts[0].profile.as_ref().unwrap();
    assert_eq!(profile.name.as_deref(), Some("Sheena Nelson"));
    let message = &value.messages[0];
    assert_eq!(message.from.as_deref(), Some("16505551234"));
    assert_eq!(message.timestamp, Some(1_749_416_383));
    assert!(message.id.as_deref().unwrap().starts_with("wamid."));
    message.content.clone()
}

#[test]
fn page_feed_changes() {
    let PageChange::Feed(c) = page_change("page_feed_comment") else {
        panic!()
    };
    assert_eq!((c.item, c.verb), (FeedItem::Comment, Some(FeedVerb::Add)));
    // `\u00fc` and the surrogate pair of 😍, unescaped by the parser.
    assert_eq!(c.message.as_deref(), Some("Ist das noch verfügbar? 😍"));
    assert_eq!(c.from.unwrap().name.as_deref(), Some("Cameron Bell"));
    assert_eq!(
        c.comment_id.as_deref(),
        Some("122112345678901234_1093481652012345")
    );
    assert_eq!(c.created_time, Some(1_700_000_000));
    assert!(c.post.is_some());

    let PageChange::Feed(r) = page_change("page_feed_reaction") else {
        panic!()
    };
    assert_eq!(r.item, FeedItem::Reaction);
    assert_eq!(r.reaction_type.as_deref(), Some("love"));

    // A like, here without a post id.
    let PageChange::Feed(l) = page_change("page_feed_like") else {
        panic!()
    };
    assert_eq!(
        (l.item, l.verb, l.post_id),
        (FeedItem::Like, Some(FeedVerb::Add), None)
    );

    let PageChange::Feed(s) = page_change("page_feed_status") else {
        panic!()
    };
    assert_eq!(s.item, FeedItem::Status);
    assert_eq!(s.published, Some(true));
    assert_eq!(s.from.unwrap().name.as_deref(), Some("Acme Bakery"));

    let PageChange::Mention(m) = page_change("page_mention") else {
        panic!()
    };
    assert_eq!(m.item, Some(FeedItem::Post));
    assert_eq!(m.sender_id.as_deref(), Some("6783420475059301"));
}

#[test]
fn messenger_events() {
    let m = messaging("messenger_message");
    assert_eq!(m.sender.unwrap().id.as_deref(), Some("6783420475059301"));
    assert_eq!(m.recipient.unwrap().id.as_deref(), Some("107221778513512"));
    assert_eq!(m.timestamp, Some(1_700_000_000_123));
    let MessagingEvent::Message(msg) = m.event else {
        panic!()
    };
    assert_eq!(msg.text.as_deref(), Some("hello, world!"));
    assert_eq!(
        msg.quick_reply.unwrap().payload.as_deref(),
        Some("DEVELOPER_DEFINED_PAYLOAD")
    );

    let MessagingEvent::Message(msg) = messaging("messenger_attachment").event else {
        panic!()
    };
    assert_eq!(msg.attachments.len(), 2);
    assert_eq!(msg.attachments[0].kind.as_deref(), Some("image"));
    let coordinates = msg.attachments[1]
        .payload
        .clone()
        .unwrap()
        .coordinates
        .unwrap();
    assert_eq!(
        (coordinates.lat, coordinates.long),
        (Some(52.52), Some(13.405))
    );

    let MessagingEvent::Postback(p) = messaging("messenger_postback").event else {
        panic!()
    };
    assert_eq!(p.payload.as_deref(), Some("GET_STARTED"));
    assert_eq!(
        p.referral.unwrap().reference.as_deref(),
        Some("summer-promo")
    );

    // Deliveries carry no timestamp of their own.
    let d = messaging("messenger_delivery");
    assert_eq!(d.timestamp, None);
    let MessagingEvent::Delivery(d) = d.event else {
        panic!()
    };
    assert_eq!(d.mids, ["mid.1458668856218:ed81099e15d3f4f233"]);
    assert_eq!((d.watermark, d.seq), (Some(1_458_668_856_253), Some(37)));

    let MessagingEvent::Read(r) = messaging("messenger_read").event else {
        panic!()
    };
    assert_eq!(r.watermark, Some(1_458_668_856_253));

    let MessagingEvent::Reaction(r) = messaging("messenger_reaction").event else {
        panic!()
    };
    assert_eq!(
        (r.action.as_deref(), r.emoji.as_deref()),
        (Some("react"), Some("❤"))
    );

    // A member this crate does not type keeps its name and the whole item.
    let o = messaging("messenger_optin");
    assert!(o.sender.is_some());
    let MessagingEvent::Other { name, raw } = o.event else {
        panic!()
    };
    assert_eq!(name, "optin");
    assert_eq!(raw["optin"]["payload"], "ADDITIONAL-INFORMATION");
}

#[test]
fn instagram_changes_and_messages() {
    let Event::Instagram(n) = parse("instagram_comments") else {
        panic!()
    };
    assert_eq!(n.entry[0].id.as_deref(), Some("17841405822304914"));
    let InstagramChange::Comments(c) = &n.entry[0].changes[0] else {
        panic!()
    };
    assert_eq!(c.text.as_deref(), Some("This is an example."));
    assert_eq!(c.from.as_ref().unwrap().username.as_deref(), Some("test"));
    let media = c.media.as_ref().unwrap();
    assert_eq!(media.media_product_type.as_deref(), Some("FEED"));

    let Event::Instagram(n) = parse("instagram_mentions") else {
        panic!()
    };
    let InstagramChange::Mentions(m) = &n.entry[0].changes[0] else {
        panic!()
    };
    assert_eq!(m.comment_id.as_deref(), Some("17894227972186120"));

    let m = messaging("instagram_message");
    let MessagingEvent::Message(msg) = m.event else {
        panic!()
    };
    assert_eq!(
        msg.text.as_deref(),
        Some("Wie lange habt ihr heute geöffnet?")
    );
    assert!(msg.reply_to.unwrap().story.is_some());
}

#[test]
fn whatsapp_messages() {
    let WhatsAppContent::Text(t) = whatsapp_content("whatsapp_text") else {
        panic!()
    };
    assert_eq!(t.body.as_deref(), Some("Does it come in another color?"));

    let WhatsAppContent::Image(i) = whatsapp_content("whatsapp_image") else {
        panic!()
    };
    assert_eq!(
        (
            i.id.as_deref(),
            i.mime_type.as_deref(),
            i.caption.as_deref()
        ),
        (
            Some("1003383421387256"),
            Some("image/jpeg"),
            Some("This is a caption")
        )
    );

    let WhatsAppContent::Interactive(b) = whatsapp_content("whatsapp_interactive_button_reply")
    else {
        panic!()
    };
    assert_eq!(b.kind.as_deref(), Some("button_reply"));
    assert_eq!(
        b.button_reply.unwrap().id.as_deref(),
        Some("unique-button-identifier-here")
    );

    let WhatsAppContent::Interactive(l) = whatsapp_content("whatsapp_interactive_list_reply")
    else {
        panic!()
    };
    let row = l.list_reply.unwrap();
    assert_eq!(
        (row.id.as_deref(), row.description.as_deref()),
        (Some("priority_express"), Some("Next Day to 2 Days"))
    );

    let value = whatsapp("whatsapp_button");
    let message = &value.messages[0];
    assert_eq!(
        message.context.as_ref().unwrap().from.as_deref(),
        Some("15550783881")
    );
    let WhatsAppContent::Button(b) = &message.content else {
        panic!()
    };
    assert_eq!(b.payload.as_deref(), Some("STOP_PROMOTIONS"));

    let WhatsAppContent::Location(l) = whatsapp_content("whatsapp_location") else {
        panic!()
    };
    assert_eq!(
        (l.latitude, l.longitude, l.name.as_deref()),
        (
            Some(37.4611978),
            Some(-122.2164385),
            Some("Meta Headquarters")
        )
    );

    // Sent as `\ud83d\ude2e`: a surrogate pair, decoded to one character.
    let WhatsAppContent::Reaction(r) = whatsapp_content("whatsapp_reaction") else {
        panic!()
    };
    assert_eq!(r.emoji.as_deref(), Some("😮"));

    // A type this crate does not type keeps the whole message.
    let content = whatsapp_content("whatsapp_order");
    assert!(!content.is_typed());
    let WhatsAppContent::Other { kind, raw } = content else {
        panic!()
    };
    assert_eq!(kind, "order");
    assert_eq!(raw["order"]["catalog_id"], "194836987003835");
}

#[test]
fn whatsapp_statuses() {
    let value = whatsapp("whatsapp_status_sent");
    assert!(value.messages.is_empty());
    let sent = &value.statuses[0];
    assert_eq!(sent.status, StatusKind::Sent);
    assert_eq!(sent.timestamp, Some(1_750_030_073));
    let conversation = sent.conversation.as_ref().unwrap();
    assert_eq!(conversation.expiration_timestamp, Some(1_750_116_480));
    assert_eq!(
        conversation.origin.as_ref().unwrap().kind.as_deref(),
        Some("marketing")
    );
    let pricing = sent.pricing.as_ref().unwrap();
    assert_eq!(
        (pricing.billable, pricing.category.as_deref()),
        (Some(true), Some("marketing"))
    );

    let failed = &whatsapp("whatsapp_status_failed").statuses[0];
    assert_eq!(failed.status, StatusKind::Failed);
    assert_eq!(failed.recipient_id.as_deref(), Some("16505551234"));
    let error = &failed.errors[0];
    assert_eq!(error.code, Some(131_047));
    assert!(error
        .error_data
        .as_ref()
        .unwrap()
        .details
        .as_deref()
        .unwrap()
        .contains("24 hours"));
}

#[test]
fn unknown_fields_and_objects_fall_back() {
    let Event::WhatsApp(n) = parse("whatsapp_account_update") else {
        panic!()
    };
    let change = &n.entry[0].changes[0];
    assert!(!change.is_typed());
    assert_eq!(change.field(), "account_update");
    let WhatsAppChange::Other { value, .. } = change else {
        panic!()
    };
    assert_eq!(value["event"], "VERIFIED_ACCOUNT");

    let e = parse("permissions_unknown_object");
    assert!(!e.is_typed());
    assert_eq!(e.variant_name(), "meta::Event::Unknown");
    assert_eq!(e.name(), "permissions");
}

#[test]
fn every_fixture_parses_into_its_object_variant() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/meta");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let event = parse(&name);
        let expected = match name.split('_').next().unwrap() {
            "page" | "messenger" => "meta::Event::Page",
            "instagram" => "meta::Event::Instagram",
            "whatsapp" => "meta::Event::WhatsApp",
            _ => "meta::Event::Unknown",
        };
        assert_eq!(event.variant_name(), expected, "{name}");
        // Meta posts compact JSON with every non-ASCII character escaped.
        assert!(fixture(&name).is_ascii(), "{name}");
        count += 1;
    }
    assert!(count >= 25, "{count} fixtures");
}

#[test]
fn signed_fixture_verifies_raw_and_parses_but_reserialised_json_does_not_verify() {
    let secret = "0123456789abcdef0123456789abcdef";
    let verifier = Verifier::builder(Meta)
        .secret(Secret::from_text(secret))
        .build()
        .unwrap();
    let body = fixture("whatsapp_reaction");
    let header = webhook_guard::providers::meta::sign(secret.as_bytes(), &body);
    let headers = [(SIGNATURE_HEADER, header.as_str())];
    let (delivery, event) = verifier
        .verify_event(&WebhookRequest::new(&headers, &body))
        .unwrap();
    assert_eq!(delivery.provider(), "meta");
    assert_eq!(event.variant_name(), "meta::Event::WhatsApp");

    // The same document re-serialised (the emoji now raw UTF-8) is other bytes: refused.
    let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
    let reserialised = serde_json::to_vec(&value).unwrap();
    assert!(String::from_utf8(reserialised.clone())
        .unwrap()
        .contains('😮'));
    let err = verifier
        .verify(&WebhookRequest::new(&headers, &reserialised))
        .unwrap_err();
    assert_eq!(err.kind(), "signature_mismatch");
}
