//! `VerifierBuilder::build` refuses weak shared secrets (too short for the crate or for the
//! provider, or a Stripe API key), never public keys, and says which rule without showing the
//! secret; `dangerous_allow_weak_secrets` lifts the rule for test vectors.

use webhook_guard::providers::{
    clerk::Clerk, discord::Discord, github::GitHub, sendgrid, sendgrid::SendGrid,
    standard::Standard, stripe::Stripe, twilio::Twilio,
};
use webhook_guard::secret::MIN_SECRET_LEN;
use webhook_guard::{registry, Error, Provider, Secret, Verifier, WebhookRequest};

/// Builds a verifier for `provider` with `secret`, returning the error if any.
fn build<P: Provider>(provider: P, secret: Secret) -> Result<(), Error> {
    Verifier::builder(provider).secret(secret).build().map(drop)
}

fn refused<P: Provider>(provider: P, text: &str) -> String {
    let e = build(provider, Secret::from_text(text)).unwrap_err();
    assert_eq!(e.kind(), "invalid_secret");
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains(text), "the error shows the secret: {shown}");
    shown
}

#[test]
fn shorter_than_16_bytes_is_refused_for_every_provider() {
    assert_eq!(MIN_SECRET_LEN, 16);
    for name in registry::names() {
        let provider = registry::by_name(name).unwrap();
        assert!(provider.min_secret_len() >= MIN_SECRET_LEN, "{name}");
    }
    for weak in ["s3cret", "whsec_test", "123456789012345"] {
        let shown = refused(GitHub, weak);
        assert!(shown.contains("shorter than 16 bytes"), "{shown}");
    }
    assert!(build(GitHub, Secret::from_text("1234567890123456")).is_ok());
    // Rotation: one weak secret among strong ones is refused all the same.
    let e = Verifier::builder(GitHub)
        .secret(Secret::from_text("a strong enough secret"))
        .secret(Secret::from_text("old"))
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), "invalid_secret");
}

#[test]
fn provider_minimums() {
    // Twilio: an auth token is 32 characters.
    assert_eq!(Twilio.min_secret_len(), 32);
    let shown = refused(Twilio, "0123456789abcdef0123456789abcde");
    assert!(shown.contains("provider's own secrets"), "{shown}");
    assert!(build(
        Twilio,
        Secret::from_text("0123456789abcdef0123456789abcdef")
    )
    .is_ok());
    // Standard Webhooks (and its Svix presets): a decoded `whsec_` key of at least 24 bytes.
    for (display, ok) in [
        ("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true), // 24 bytes: Svix's size
        ("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", false), // 22 bytes
    ] {
        for result in [
            Verifier::builder(Standard)
                .secret_from_display(display)
                .and_then(|b| b.build().map(drop)),
            Verifier::builder(Clerk)
                .secret_from_display(display)
                .and_then(|b| b.build().map(drop)),
        ] {
            assert_eq!(result.is_ok(), ok, "{display}: {result:?}");
        }
    }
}

#[test]
fn stripe_api_keys_are_refused_whatever_their_length() {
    for key in [
        "sk_live_51HxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxSECRET",
        "sk_test_51HxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxSECRET",
        "rk_live_51HxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxSECRET",
        "pk_test_51HxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxSECRET",
    ] {
        // As text for any provider…
        let shown = refused(GitHub, key);
        assert!(shown.contains("Stripe API key"), "{shown}");
        let shown = refused(Stripe, key);
        assert!(shown.contains("whsec_"), "{shown}");
        // …and already when read as Stripe displays secrets.
        let e = Verifier::builder(Stripe)
            .secret_from_display(key)
            .map(drop)
            .unwrap_err();
        assert_eq!(e.kind(), "invalid_secret");
        assert!(!e.to_string().contains("SECRET"));
    }
    assert!(build(Stripe, Secret::from_text("whsec_test_secret")).is_ok());
}

#[test]
fn public_keys_are_not_measured() {
    // Discord shows its public key as hex; SendGrid as base64 DER; Standard Webhooks as `whpk_`.
    let discord = Verifier::builder(Discord)
        .secret_from_display("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        .and_then(|b| b.build());
    assert!(discord.is_ok(), "{discord:?}");
    let sendgrid = Verifier::builder(SendGrid)
        .secret_from_display(sendgrid::TEST_PUBLIC_KEY)
        .and_then(|b| b.build());
    assert!(sendgrid.is_ok(), "{sendgrid:?}");
    let whpk = Verifier::builder(Standard)
        .secret_from_display("whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
        .and_then(|b| b.build());
    assert!(whpk.is_ok(), "{whpk:?}");
}

#[test]
fn the_dangerous_switch_accepts_weak_secrets_but_not_empty_ones() {
    // twilio-python's vector: auth token `12345`.
    let verifier = Verifier::builder(Twilio)
        .secret(Secret::from_text("12345"))
        .dangerous_allow_weak_secrets()
        .build()
        .unwrap();
    let body = b"CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234\
                 &From=%2B14158675309&To=%2B18005551212";
    let headers = [("X-Twilio-Signature", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")];
    let req =
        WebhookRequest::new(&headers, body).with_url("https://mycompany.com/myapp.php?foo=1&bar=2");
    assert!(verifier.verify(&req).is_ok());
    // Shopify's vector: `test_secret_key`, 15 bytes.
    assert!(build(
        webhook_guard::providers::shopify::Shopify,
        Secret::from_text("test_secret_key")
    )
    .is_err());
    assert!(
        Verifier::builder(webhook_guard::providers::shopify::Shopify)
            .secret(Secret::from_text("test_secret_key"))
            .dangerous_allow_weak_secrets()
            .build()
            .is_ok()
    );
    let e = Verifier::builder(GitHub)
        .secret(Secret::from_bytes(Vec::new()))
        .dangerous_allow_weak_secrets()
        .build()
        .unwrap_err();
    assert_eq!(e, Error::InvalidSecret("empty secret"));
}
