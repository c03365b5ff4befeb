//! Typed parsing of every registered provider on arbitrary bodies: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webhook_guard::{registry, Delivery};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let name = registry::PROVIDERS[usize::from(pick) % registry::PROVIDERS.len()].name;
    let Some(provider) = registry::by_name(name) else {
        return;
    };
    for event in [
        None,
        Some("push"),
        Some("pull_request"),
        Some("orders/create"),
    ] {
        let mut delivery = Delivery::new(provider.name());
        if let Some(event) = event {
            delivery = delivery.with_event(event);
        }
        let _ = provider.parse_described(&delivery, body);
    }
});
