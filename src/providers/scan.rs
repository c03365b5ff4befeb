//! Allocation-free readers for the few body fields a scheme needs on the verify path: one member
//! of a JSON object (Linear's `webhookTimestamp`, Mailgun's `signature` block) and the fields of
//! an `application/x-www-form-urlencoded` body (Twilio's parameters, Mailgun's legacy posts);
//! also [`split_on`], which the form reader and the signature-header parsers split with.
//!
//! Why not serde_json with a borrowed struct: when it skips a value nested two levels deep it
//! pushes onto a scratch `Vec`, and it decodes escaped strings into one too — both allocate, and
//! the verify path must not. These readers only *locate* bytes; nothing is decoded or copied.
//!
//! The JSON reader checks the object it reads fully (keys, colons, commas, no trailing bytes,
//! no control character in a key or in the value returned) and, inside the values it skips, that
//! strings are terminated and brackets pair up (at most 128 levels deep); it does not check the
//! commas, colons, number spellings or control characters inside skipped values. Duplicate keys
//! at the level read are an error, so the member found is the one any JSON parser would report
//! (or reject the document).
//!
//! Speed: the reader runs on the verify path of every provider that reads its body, next to an
//! HMAC over the same bytes, so it is built to cost a fraction of that: a string is crossed with
//! `memchr2` (SIMD, looking for its closing quote or a backslash) and a skipped container with
//! a test of each byte between strings. A 4 KiB string is crossed in about 35 ns; a
//! 6.5 KB GitHub `push` payload is read end to end in about 1.9 µs (about half its HMAC).

use crate::crypto::encoding::hex_digit_any_case;

/// Deepest nesting the JSON reader walks.
const MAX_DEPTH: u32 = 128;

/// Why a JSON member could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// Not a JSON object, or broken structure.
    Malformed,
    /// The key appears more than once.
    Duplicate,
}

/// The raw text of the member `key` of the JSON object `doc` (a string keeps its quotes), or
/// `None` when the object has no such member. Keys containing escapes never match.
pub(crate) fn json_member<'a>(doc: &'a [u8], key: &[u8]) -> Result<Option<&'a [u8]>, JsonError> {
    let mut found = None;
    walk_members(doc, |name, value| {
        if name == key {
            if found.is_some() {
                return Err(JsonError::Duplicate);
            }
            found = Some(checked_value(value)?);
        }
        Ok(())
    })?;
    Ok(found)
}

/// [`json_member`] for each of `keys`, in one walk of `doc`: a key given twice in `doc` is
/// [`JsonError::Duplicate`] for that key alone, and a malformed document is
/// [`JsonError::Malformed`] for every key.
pub(crate) fn json_members<'a, const N: usize>(
    doc: &'a [u8],
    keys: [&[u8]; N],
) -> [Result<Option<&'a [u8]>, JsonError>; N] {
    let mut found: [Result<Option<&'a [u8]>, JsonError>; N] = [Ok(None); N];
    let walked = walk_members(doc, |name, value| {
        for (slot, key) in found.iter_mut().zip(keys) {
            if name == key {
                *slot = match slot {
                    Ok(None) => checked_value(value).map(Some),
                    Ok(Some(_)) => Err(JsonError::Duplicate),
                    // The first error of a key stands, as `json_member` returns at it.
                    Err(e) => Err(*e),
                };
            }
        }
        Ok(())
    });
    match walked {
        Ok(()) => found,
        Err(e) => [Err(e); N],
    }
}

/// `value` when it may be returned: a string value holding a control character is malformed
/// (skipped values are not checked for them).
fn checked_value(value: &[u8]) -> Result<&[u8], JsonError> {
    if value.first() == Some(&b'"') && has_control(value) {
        Err(JsonError::Malformed)
    } else {
        Ok(value)
    }
}

/// Walks the members of the JSON object `doc`, calling `each` with every key without escapes
/// and its raw value; stops at the first error, of the structure or of `each`.
fn walk_members<'a>(
    doc: &'a [u8],
    mut each: impl FnMut(&[u8], &'a [u8]) -> Result<(), JsonError>,
) -> Result<(), JsonError> {
    let mut cur = Cursor { doc, pos: 0 };
    cur.ws();
    if !cur.eat(b'{') {
        return Err(JsonError::Malformed);
    }
    cur.ws();
    if !cur.eat(b'}') {
        loop {
            cur.ws();
            let (name, escaped) = cur.string().ok_or(JsonError::Malformed)?;
            if has_control(name) {
                return Err(JsonError::Malformed);
            }
            cur.ws();
            if !cur.eat(b':') {
                return Err(JsonError::Malformed);
            }
            cur.ws();
            let value = cur.value().ok_or(JsonError::Malformed)?;
            if !escaped {
                each(name, value)?;
            }
            cur.ws();
            if cur.eat(b',') {
                continue;
            }
            if cur.eat(b'}') {
                break;
            }
            return Err(JsonError::Malformed);
        }
    }
    cur.ws();
    if cur.pos != doc.len() {
        return Err(JsonError::Malformed);
    }
    Ok(())
}

/// The content of a raw JSON string value without escapes (`"abc"` → `abc`); `None` for other
/// values and for strings holding a backslash escape.
pub(crate) fn json_plain_string(raw: &[u8]) -> Option<&[u8]> {
    let inner = raw.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    if inner.contains(&b'\\') {
        return None;
    }
    Some(inner)
}

/// The text of a raw JSON value that is a plain string or a bare number/literal: the string's
/// content, or the value's text. `None` for objects, arrays and escaped strings.
pub(crate) fn json_scalar_text(raw: &[u8]) -> Option<&[u8]> {
    match raw.first()? {
        b'"' => json_plain_string(raw),
        b'{' | b'[' => None,
        _ => Some(raw),
    }
}

/// A top-level member of a JSON object that is a string without escapes, as text; `None` when
/// absent, not such a string, or the document is not a JSON object. For reading ids and event
/// names out of verified bodies, where a miss is not an error.
pub(crate) fn json_text<'a>(doc: &'a [u8], key: &[u8]) -> Option<&'a str> {
    member_text(json_member(doc, key))
}

/// [`json_text`] of a member already looked up (by [`json_members`]).
pub(crate) fn member_text(member: Result<Option<&[u8]>, JsonError>) -> Option<&str> {
    std::str::from_utf8(json_plain_string(member.ok()??)?).ok()
}

/// A top-level string member of a JSON object, decoded: borrowed when it holds no escape,
/// unescaped (one allocation) when it does. `None` when absent, not a string, or the document
/// is not a JSON object. For ids in verified bodies, where a miss is not an error.
pub(crate) fn json_string<'a>(doc: &'a [u8], key: &[u8]) -> Option<std::borrow::Cow<'a, str>> {
    let raw = json_member(doc, key).ok()??;
    if let Some(plain) = json_plain_string(raw) {
        return std::str::from_utf8(plain)
            .ok()
            .map(std::borrow::Cow::Borrowed);
    }
    if raw.first() != Some(&b'"') {
        return None;
    }
    serde_json::from_slice::<String>(raw)
        .ok()
        .map(std::borrow::Cow::Owned)
}

/// The raw elements of the JSON array `doc` (the whole document), one by one; an error item
/// (then nothing more) when the array is broken or trailing bytes follow it. Elements are
/// checked as [`json_member`] checks skipped values.
pub(crate) fn json_array_items(doc: &[u8]) -> JsonItems<'_> {
    let mut cur = Cursor { doc, pos: 0 };
    cur.ws();
    let state = if cur.eat(b'[') {
        cur.ws();
        if cur.eat(b']') {
            ItemsState::End
        } else {
            ItemsState::Item
        }
    } else {
        ItemsState::Broken
    };
    JsonItems { cur, state }
}

/// Where [`JsonItems`] is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ItemsState {
    /// An element is next.
    Item,
    /// The closing bracket was read: only trailing whitespace may follow.
    End,
    /// Broken: report once, then stop.
    Broken,
    /// Finished.
    Done,
}

/// Iterator returned by [`json_array_items`].
pub(crate) struct JsonItems<'a> {
    cur: Cursor<'a>,
    state: ItemsState,
}

impl<'a> Iterator for JsonItems<'a> {
    type Item = Result<&'a [u8], JsonError>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.state {
            ItemsState::Done => None,
            ItemsState::Broken => {
                self.state = ItemsState::Done;
                Some(Err(JsonError::Malformed))
            }
            ItemsState::End => {
                self.cur.ws();
                if self.cur.pos == self.cur.doc.len() {
                    self.state = ItemsState::Done;
                    None
                } else {
                    self.state = ItemsState::Broken;
                    self.next()
                }
            }
            ItemsState::Item => {
                self.cur.ws();
                let Some(value) = self.cur.value() else {
                    self.state = ItemsState::Broken;
                    return self.next();
                };
                self.cur.ws();
                if self.cur.eat(b']') {
                    self.state = ItemsState::End;
                } else if !self.cur.eat(b',') {
                    self.state = ItemsState::Broken;
                }
                Some(Ok(value))
            }
        }
    }
}

/// Feeds the decoded content of the raw JSON string `raw` (quotes included) to `out`, in
/// pieces, without allocating: plain runs as they are, each escape as the UTF-8 bytes it
/// stands for (a `\uD83D\uDE00` surrogate pair as one character). `None` for a value that
/// is not a string, an unknown escape, or a lone surrogate.
pub(crate) fn json_string_into(raw: &[u8], out: &mut impl FnMut(&[u8])) -> Option<()> {
    let mut rest = raw.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
    while !rest.is_empty() {
        let plain = rest.iter().position(|b| *b == b'\\').unwrap_or(rest.len());
        let (run, tail) = rest.split_at(plain);
        if run.iter().any(|b| *b < 0x20 || *b == b'"') {
            return None;
        }
        if !run.is_empty() {
            out(run);
        }
        let Some((_, tail)) = tail.split_first() else {
            break;
        };
        let (&kind, tail) = tail.split_first()?;
        let simple = match kind {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            b'/' => Some(b'/'),
            b'b' => Some(0x08),
            b'f' => Some(0x0c),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'u' => None,
            _ => return None,
        };
        if let Some(byte) = simple {
            out(&[byte]);
            rest = tail;
            continue;
        }
        let (unit, mut tail) = hex4(tail)?;
        let code = if (0xD800..0xDC00).contains(&unit) {
            let low_text = tail.strip_prefix(b"\\u")?;
            let (low, after) = hex4(low_text)?;
            if !(0xDC00..0xE000).contains(&low) {
                return None;
            }
            tail = after;
            0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        } else {
            unit
        };
        let c = char::from_u32(code)?;
        let mut buf = [0u8; 4];
        out(c.encode_utf8(&mut buf).as_bytes());
        rest = tail;
    }
    Some(())
}

/// Four hex digits at the start of `text`, and what follows.
fn hex4(text: &[u8]) -> Option<(u32, &[u8])> {
    let digits = text.get(..4)?;
    let mut value = 0u32;
    for d in digits {
        let v = hex_digit_any_case(*d);
        if v > 15 {
            return None;
        }
        value = (value << 4) | u32::from(v);
    }
    Some((value, text.get(4..)?))
}

/// The bytes [`Cursor::container`] stops at: quotes and brackets.
fn is_structural(byte: u8) -> bool {
    matches!(byte, b'"' | b'{' | b'}' | b'[' | b']')
}

/// `true` when `bytes` holds a control character (below U+0020), which JSON strings may not
/// hold raw. Branch-free, so that the compiler checks many bytes per step.
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |seen, b| seen | (*b < 0x20))
}

struct Cursor<'a> {
    doc: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.doc.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// A string at the cursor: its content (between the quotes) and whether it holds escapes.
    /// Control characters are not looked for here (see [`has_control`]).
    fn string(&mut self) -> Option<(&'a [u8], bool)> {
        if !self.eat(b'"') {
            return None;
        }
        let start = self.pos;
        let mut escaped = false;
        loop {
            let rest = self.doc.get(self.pos..)?;
            self.pos += memchr::memchr2(b'"', b'\\', rest)?;
            if self.peek()? == b'"' {
                let content = self.doc.get(start..self.pos)?;
                self.pos += 1;
                return Some((content, escaped));
            }
            // A backslash: the escaped byte is never a terminator; `\uXXXX` digits are plain.
            escaped = true;
            self.pos += 2;
        }
    }

    /// A value at the cursor, returned as its raw text.
    fn value(&mut self) -> Option<&'a [u8]> {
        let start = self.pos;
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => self.container()?,
            _ => {
                while matches!(
                    self.peek(),
                    Some(b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z' | b'+' | b'-' | b'.')
                ) {
                    self.pos += 1;
                }
                if self.pos == start {
                    return None;
                }
            }
        }
        self.doc.get(start..self.pos)
    }

    /// Skips an object or array, checking that brackets nest (a bit per level remembers which).
    fn container(&mut self) -> Option<()> {
        let mut stack: u128 = 0;
        let mut depth: u32 = 0;
        loop {
            let rest = self.doc.get(self.pos..)?;
            self.pos += rest.iter().position(|b| is_structural(*b))?;
            match self.peek()? {
                b'"' => {
                    self.string()?;
                    continue;
                }
                open @ (b'{' | b'[') => {
                    if depth >= MAX_DEPTH {
                        return None;
                    }
                    stack = (stack << 1) | u128::from(open == b'{');
                    depth += 1;
                }
                close => {
                    let is_object = stack & 1 == 1;
                    if depth == 0 || is_object != (close == b'}') {
                        return None;
                    }
                    stack >>= 1;
                    depth -= 1;
                    if depth == 0 {
                        self.pos += 1;
                        return Some(());
                    }
                }
            }
            self.pos += 1;
        }
    }
}

/// The pieces of `text` between `sep` bytes, as `<[u8]>::split` gives them (empty pieces
/// included), with each separator found by `memchr`: a long piece (a signature, a form value)
/// is crossed in 32-byte steps instead of a compare per byte.
pub(crate) fn split_on(text: &[u8], sep: u8) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let text = rest?;
        let end = memchr::memchr(sep, text);
        rest = end.and_then(|e| text.get(e + 1..));
        text.get(..end.unwrap_or(text.len()))
    })
}

/// The `name=value` fields of a form body, raw (still percent-encoded). Empty segments are
/// skipped; a segment without `=` is a name with an empty value. Separators are found with
/// `memchr` ([`split_on`]).
pub(crate) fn form_fields(body: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    split_on(body, b'&')
        .filter(|segment| !segment.is_empty())
        .map(|segment| match memchr::memchr(b'=', segment) {
            Some(eq) => (
                segment.get(..eq).unwrap_or_default(),
                segment.get(eq + 1..).unwrap_or_default(),
            ),
            None => (segment, &[][..]),
        })
}

/// The crate's one form decoder: writes the bytes the form-encoded component `raw` stands for
/// at the start of `out` — `+` is a space, `%XX` a byte (hex of either case), a `%` not followed
/// by two hex digits stands for itself (as in the WHATWG URL standard and Python) — and returns
/// their length, or `None` when `out` is too short (never, when `out` is as long as `raw`).
/// Copies runs without escapes in one go.
pub(crate) fn form_decode_into(raw: &[u8], out: &mut [u8]) -> Option<usize> {
    let (mut r, mut w) = (0usize, 0usize);
    while let Some(&byte) = raw.get(r) {
        let (decoded, used) = match byte {
            b'+' => (b' ', 1),
            b'%' => {
                let digit = |at: usize| raw.get(at).map_or(0x80, |b| hex_digit_any_case(*b));
                let (hi, lo) = (digit(r + 1), digit(r + 2));
                if (hi | lo) < 16 {
                    ((hi << 4) | lo, 3)
                } else {
                    (b'%', 1)
                }
            }
            _ => {
                let rest = raw.get(r..)?;
                let run = memchr::memchr2(b'%', b'+', rest).unwrap_or(rest.len());
                out.get_mut(w..w + run)?.copy_from_slice(rest.get(..run)?);
                r += run;
                w += run;
                continue;
            }
        };
        *out.get_mut(w)? = decoded;
        r += used;
        w += 1;
    }
    Some(w)
}

/// The bytes the form-encoded component `raw` stands for ([`form_decode_into`]), in a new
/// `Vec` (parsing, not verifying).
pub(crate) fn form_decode(raw: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; raw.len()];
    let len = form_decode_into(raw, &mut out).unwrap_or(0);
    out.truncate(len);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn array_items_one_by_one() {
        let items = |doc: &[u8]| {
            json_array_items(doc)
                .map(|r| r.map(|v| String::from_utf8_lossy(v).into_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            items(br#" [ {"a":[1,2]} , "x,]" ,3 ] "#),
            vec![
                Ok(r#"{"a":[1,2]}"#.to_owned()),
                Ok(r#""x,]""#.to_owned()),
                Ok("3".to_owned())
            ]
        );
        assert_eq!(items(b"[]"), vec![]);
        assert_eq!(items(b" [ ] "), vec![]);
        for broken in [
            &b""[..],
            b"{}",
            b"[",
            b"[1",
            b"[1,",
            b"[1 2]",
            b"[1]x",
            b"[,]",
            b"[{]",
            br#"["\"#,
        ] {
            let got = items(broken);
            assert_eq!(got.last(), Some(&Err(JsonError::Malformed)), "{broken:?}");
            assert_eq!(got.iter().filter(|r| r.is_err()).count(), 1);
        }
    }

    #[test]
    fn strings_are_decoded_piece_by_piece() {
        let decode = |raw: &[u8]| {
            let mut out = Vec::new();
            json_string_into(raw, &mut |piece| out.extend_from_slice(piece)).map(|()| out)
        };
        for raw in [
            &br#""plain""#[..],
            br#""a\"b\\c\/d\b\f\n\r\t""#,
            br#""\u00e9\u20AC\ud83d\ude00 ok""#,
            br#""""#,
        ] {
            let expected: String = serde_json::from_slice(raw).unwrap();
            assert_eq!(decode(raw).unwrap(), expected.as_bytes(), "{raw:?}");
        }
        for bad in [
            &b"plain"[..],
            b"1",
            br#""\x""#,
            br#""\u12""#,
            br#""\ud83d""#,
            br#""\ud83d\u0041""#,
            br#""\ude00""#,
            b"\"tab\there\"",
            br#""ends\""#,
        ] {
            assert_eq!(decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn finds_top_level_members_only() {
        let doc = br#" {"a": {"b": [1, {"c": "}"}], "t": 5}, "t" : 170, "s":"x\"y", "n":null } "#;
        assert_eq!(json_member(doc, b"t"), Ok(Some(&b"170"[..])));
        assert_eq!(json_member(doc, b"s"), Ok(Some(&br#""x\"y""#[..])));
        assert_eq!(json_member(doc, b"n"), Ok(Some(&b"null"[..])));
        assert_eq!(json_member(doc, b"c"), Ok(None));
        assert_eq!(
            json_member(doc, b"a").unwrap().unwrap().first(),
            Some(&b'{')
        );
        assert_eq!(json_member(b"{}", b"a"), Ok(None));
        assert_eq!(json_plain_string(br#""abc""#), Some(&b"abc"[..]));
        assert_eq!(json_plain_string(br#""a\nc""#), None);
        assert_eq!(json_scalar_text(b"12"), Some(&b"12"[..]));
        assert_eq!(json_scalar_text(b"[1]"), None);
    }

    #[test]
    fn rejects_broken_documents_without_panicking() {
        let bad: &[&[u8]] = &[
            b"",
            b"[]",
            b"{",
            b"{\"a\"}",
            b"{\"a\":}",
            b"{\"a\":1,}",
            b"{\"a\":1} x",
            b"{\"a\":[}",
            b"{\"a\":{]}",
            b"{\"a\":\"\\",
            b"{\"a\":\"\n\"}",
            b"{\"a\":1 \"b\":2}",
            b"\xff\xfe",
            b"{\"a\":\xff}",
        ];
        for doc in bad {
            assert_eq!(json_member(doc, b"a"), Err(JsonError::Malformed), "{doc:?}");
        }
        assert_eq!(
            json_member(br#"{"a":1,"a":2}"#, b"a"),
            Err(JsonError::Duplicate)
        );
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(129), "]".repeat(129));
        assert_eq!(
            json_member(deep.as_bytes(), b"a"),
            Err(JsonError::Malformed)
        );
        let ok = format!("{{\"a\":{}{}}}", "[".repeat(128), "]".repeat(128));
        assert!(json_member(ok.as_bytes(), b"a").unwrap().is_some());
    }

    /// A JSON value of a few levels, with strings that hold quotes, backslashes, brackets,
    /// control characters and non-ASCII text (escaped by serde_json when written).
    fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            "[a-z{}\\[\\]\"\\\\,: \n\té]{0,40}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map("[a-e]{1,2}", inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// On any document serde_json writes (compact or pretty), each top-level member is the
        /// value serde_json reads there, and an absent key is absent.
        #[test]
        fn members_agree_with_serde_json(
            members in proptest::collection::btree_map("[a-e]{1,2}", json_value(), 0..8),
            key in "[a-e]{1,2}",
            pretty in proptest::bool::ANY,
        ) {
            let object = serde_json::Value::Object(members.into_iter().collect());
            let doc = if pretty {
                serde_json::to_vec_pretty(&object).unwrap()
            } else {
                serde_json::to_vec(&object).unwrap()
            };
            let found = json_member(&doc, key.as_bytes()).unwrap();
            let expected = object.get(&key);
            let got = found.map(|raw| serde_json::from_slice::<serde_json::Value>(raw).unwrap());
            proptest::prop_assert_eq!(got.as_ref(), expected);
        }

        /// One walk for several keys finds what one walk per key finds. The one difference:
        /// `json_member` stops at a key's second copy, so a document also broken further on
        /// is a `Duplicate` for it there and `Malformed` for every key in `json_members`.
        #[test]
        fn many_keys_agree_with_one_key(
            members in proptest::collection::vec(
                ("[abc]", proptest::sample::select(vec!["1", "\"x\"", "\"\u{1}\"", "{\"a\":2}", "[\"b\"]"])),
                0..6,
            ),
            tail in proptest::sample::select(vec!["}", "}", "", ",}", "} x"]),
        ) {
            let body: Vec<String> = members.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let doc = format!("{{{}{tail}", body.join(","));
            let many = json_members(doc.as_bytes(), [&b"a"[..], b"b", b"c"]);
            for (got, key) in many.iter().zip([&b"a"[..], b"b", b"c"]) {
                let one = json_member(doc.as_bytes(), key);
                if one == Err(JsonError::Duplicate) {
                    proptest::prop_assert!(
                        matches!(got, Err(JsonError::Duplicate | JsonError::Malformed)),
                        "{doc}: {got:?}"
                    );
                } else {
                    proptest::prop_assert_eq!(*got, one, "{}", doc);
                }
            }
        }

        /// Any bytes: the readers return, without a panic.
        #[test]
        fn any_bytes_never_panic(doc in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            let _ = json_member(&doc, b"a");
            let _ = json_array_items(&doc).count();
        }
    }

    #[test]
    fn split_on_matches_slice_split() {
        for text in [
            &b""[..],
            b",",
            b"a",
            b"a,",
            b",a",
            b"a,,b",
            b"t=1,v1=ab,v0=cd",
            b",,",
        ] {
            let ours: Vec<&[u8]> = split_on(text, b',').collect();
            let std: Vec<&[u8]> = text.split(|b| *b == b',').collect();
            assert_eq!(ours, std, "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn form_fields_and_decoding() {
        let fields: Vec<_> = form_fields(b"a=1&&b&c=x=y&=z").collect();
        assert_eq!(
            fields,
            vec![
                (&b"a"[..], &b"1"[..]),
                (b"b", b""),
                (b"c", b"x=y"),
                (b"", b"z")
            ]
        );
        let dec = form_decode;
        assert_eq!(dec(b"a+b%2Bc%2f%"), b"a b+c/%");
        assert_eq!(dec(b"%zz%4"), b"%zz%4");
        assert_eq!(dec(b"%FF"), b"\xff");
    }
}
