//! The bounds on what a request can make us compute before its signature is known to hold
//! (`benches/unauthenticated.rs` measures the costs): Twilio form posts have at most
//! `MAX_FORM_FIELDS` fields, Standard Webhooks headers at most `MAX_V1A_SIGNATURES` `v1a`
//! entries. Beyond them a request is malformed (400), whatever it carries; within them, real
//! requests verify.

use webhook_guard::providers::standard::{self, Standard, MAX_V1A_SIGNATURES};
use webhook_guard::providers::twilio::{self, Twilio, MAX_FORM_FIELDS};
use webhook_guard::{Error, Provider, Secret, Secrets, Tolerance, UnixTime, WebhookRequest};

const URL: &str = "https://mycompany.com/myapp.php?foo=1&bar=2";
/// RFC 8032 test key 1 as a Standard Webhooks key pair.
const WHSK: &str = "whsk_nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
const WHPK: &str = "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

fn twilio(signature: &str, body: &[u8]) -> Result<(), Error> {
    let headers = [(twilio::SIGNATURE_HEADER, signature)];
    let req = WebhookRequest::new(&headers, body).with_url(URL);
    Twilio
        .verify(
            &req,
            &Secrets::new(Secret::from_text("12345")),
            UnixTime::from_millis(0),
            Tolerance::FIVE_MINUTES,
        )
        .map(drop)
}

#[test]
fn twilio_forms_beyond_the_field_bound_are_malformed() {
    // twilio-python's vector: five parameters.
    let official = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212";
    assert_eq!(twilio("RSOYDt4T1cUTdK1PDd93/VVr8B8=", official), Ok(()));

    // An SMS-like form with ten media items (about what Twilio sends at most) verifies.
    let mut sms: Vec<String> = [
        "ToCountry=US",
        "ToState=CA",
        "SmsMessageSid=SM0123",
        "NumMedia=10",
        "ToCity=",
        "FromZip=94107",
        "SmsSid=SM0123",
        "FromState=CA",
        "SmsStatus=received",
        "FromCity=SF",
        "Body=Hello+%F0%9F%91%8B+world",
        "FromCountry=US",
        "To=%2B15005550006",
        "MessagingServiceSid=MG0123",
        "ToZip=",
        "NumSegments=1",
        "MessageSid=SM0123",
        "AccountSid=AC0123",
        "From=%2B14155551234",
        "ApiVersion=2010-04-01",
    ]
    .iter()
    .map(|p| (*p).to_owned())
    .collect();
    for i in 0..10 {
        sms.push(format!(
            "MediaUrl{i}=https%3A%2F%2Fapi.twilio.com%2Fmedia%2F{i}"
        ));
        sms.push(format!("MediaContentType{i}=image%2Fjpeg"));
    }
    let sms = sms.join("&");
    let sig = twilio::sign_form(b"12345", URL, sms.as_bytes()).unwrap();
    assert_eq!(twilio(&sig, sms.as_bytes()), Ok(()));

    // Exactly the bound verifies; one field more is malformed, signed or not.
    let fields = |n: usize| {
        (0..n)
            .map(|i| format!("P{i}=v%20{i}"))
            .collect::<Vec<_>>()
            .join("&")
    };
    let most = fields(MAX_FORM_FIELDS);
    let sig = twilio::sign_form(b"12345", URL, most.as_bytes()).unwrap();
    assert_eq!(twilio(&sig, most.as_bytes()), Ok(()));
    let over = fields(MAX_FORM_FIELDS + 1);
    assert!(twilio::sign_form(b"12345", URL, over.as_bytes()).is_err());
    let tiny = "a=&".repeat(1 << 18);
    for body in [over.as_bytes(), tiny.as_bytes()] {
        let err = twilio("RSOYDt4T1cUTdK1PDd93/VVr8B8=", body).unwrap_err();
        assert_eq!(err.kind(), "malformed_header");
        assert_eq!(err.status(), 400);
    }
}

fn standard(secrets: &Secrets, signature: &str) -> Result<(), Error> {
    let headers = [
        ("webhook-id", "msg_1"),
        ("webhook-timestamp", "1700000000"),
        ("webhook-signature", signature),
    ];
    Standard
        .verify(
            &WebhookRequest::new(&headers, b"{\"type\":\"ping\"}"),
            secrets,
            UnixTime::from_secs(1_700_000_000).unwrap(),
            Tolerance::FIVE_MINUTES,
        )
        .map(drop)
}

#[test]
fn standard_headers_list_at_most_two_v1a_signatures() {
    let signing = Standard.secret_from_display(WHSK).unwrap();
    let public = Secrets::new(Standard.secret_from_display(WHPK).unwrap());
    let sign = |body: &[u8]| {
        standard::sign_v1a(signing.expose_secret(), "msg_1", 1_700_000_000, body).unwrap()
    };
    let right = sign(b"{\"type\":\"ping\"}");
    let wrong: Vec<String> = (0..15)
        .map(|i| sign(format!("other {i}").as_bytes()))
        .collect();
    assert_eq!(MAX_V1A_SIGNATURES, 2);

    // A sender rotating keys lists two: either may be the one that matches.
    assert_eq!(standard(&public, &right), Ok(()));
    assert_eq!(standard(&public, &format!("{} {right}", wrong[0])), Ok(()));
    assert_eq!(standard(&public, &format!("{right} {}", wrong[0])), Ok(()));
    assert_eq!(
        standard(&public, &format!("{} {}", wrong[0], wrong[1])),
        Err(Error::SignatureMismatch)
    );

    // The right signature after more wrong ones than that: malformed, nothing verified.
    for n in [2, 8, 15] {
        let list = format!("{} {right}", wrong[..n].join(" "));
        let err = standard(&public, &list).unwrap_err();
        assert_eq!(err.kind(), "malformed_header", "{n} wrong first");
        assert_eq!(err.status(), 400);
    }
}
