//! A `tracing` subscriber that keeps every span and event with its fields as text, and the
//! thread that traced it, so a test reads only its own even when tests run in parallel.
#![allow(dead_code, unreachable_pub)]

use std::fmt::Debug;
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::ThreadId;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Field names and values, as text.
pub type FieldList = Vec<(String, String)>;

/// Everything traced: span names with their fields, and event fields, as text, each with the
/// thread that traced it.
#[derive(Default)]
pub struct Capture {
    spans: Mutex<Vec<(ThreadId, String, FieldList)>>,
    events: Mutex<Vec<(ThreadId, FieldList)>>,
}

impl Capture {
    /// The spans and events this thread traced.
    pub fn mine(&self) -> (Vec<(String, FieldList)>, Vec<FieldList>) {
        let me = std::thread::current().id();
        let spans = self.spans.lock().unwrap();
        let events = self.events.lock().unwrap();
        (
            spans
                .iter()
                .filter(|(thread, _, _)| *thread == me)
                .map(|(_, name, fields)| (name.clone(), fields.clone()))
                .collect(),
            events
                .iter()
                .filter(|(thread, _)| *thread == me)
                .map(|(_, fields)| fields.clone())
                .collect(),
        )
    }
}

/// The global subscriber, installed on first use.
pub fn traces() -> &'static Capture {
    static SUB: OnceLock<Sub> = OnceLock::new();
    let sub = SUB.get_or_init(|| {
        let sub = Sub::default();
        tracing::subscriber::set_global_default(sub.clone()).unwrap();
        sub
    });
    &sub.0
}

struct Fields<'a>(&'a mut FieldList);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

#[derive(Clone, Default)]
pub struct Sub(pub Arc<Capture>);

impl Subscriber for Sub {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let mut fields = Vec::new();
        attrs.record(&mut Fields(&mut fields));
        let mut spans = self.0.spans.lock().unwrap();
        let thread = std::thread::current().id();
        spans.push((thread, attrs.metadata().name().to_owned(), fields));
        Id::from_u64(spans.len() as u64)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.0.spans.lock().unwrap();
        let index = usize::try_from(span.into_u64()).unwrap() - 1;
        values.record(&mut Fields(&mut spans[index].2));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        let thread = std::thread::current().id();
        self.0.events.lock().unwrap().push((thread, fields));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}
