//! A read-only, case-insensitive view of request headers.

/// Read access to a request's headers, by case-insensitive name.
///
/// Implemented for [`http::HeaderMap`] and for lists of name/value pairs, so that the same
/// verification code serves axum, actix-web, hyper and hand-written servers.
///
/// ```
/// use webhook_guard::Headers;
/// let pairs = [("X-GitHub-Event", "push")];
/// assert_eq!(pairs.get("x-github-event"), Some(&b"push"[..]));
/// let mut map = http::HeaderMap::new();
/// map.insert("x-github-event", "push".parse().unwrap());
/// assert_eq!(Headers::get(&map, "X-GitHub-Event"), Some(&b"push"[..]));
/// ```
pub trait Headers {
    /// The first value of header `name` (any case), as raw bytes.
    fn get(&self, name: &str) -> Option<&[u8]>;

    /// Calls `each` with every value of header `name`, in order.
    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        if let Some(value) = self.get(name) {
            each(value);
        }
    }

    /// Puts the first value of each header of `names` in the same place of `values`, as
    /// [`Headers::get`] would (`None` where absent). A scheme reads several headers per
    /// request: an implementation whose lookups walk the headers can find them all in one
    /// walk, as the one for [`http::HeaderMap`] does. The default looks each name up.
    ///
    /// ```
    /// use webhook_guard::Headers;
    /// let pairs = [("Webhook-Id", "msg_1"), ("Webhook-Timestamp", "1700000000")];
    /// let mut values = [None; 3];
    /// pairs.get_each(&["webhook-timestamp", "webhook-signature", "webhook-id"], &mut values);
    /// assert_eq!(values, [Some(&b"1700000000"[..]), None, Some(&b"msg_1"[..])]);
    /// ```
    fn get_each<'h>(&'h self, names: &[&str], values: &mut [Option<&'h [u8]>]) {
        for (name, value) in names.iter().zip(values) {
            *value = self.get(name);
        }
    }
}

/// Up to this many entries, a [`http::HeaderMap`] is searched by walking it (a length check
/// per entry, then a case-insensitive compare), which for the dozen headers of a webhook
/// request costs a fraction of the hashed lookup (parsing `name` into a header name, hashing
/// it). Larger maps use the hashed lookup, so a request with thousands of headers does not
/// make each lookup walk them all.
const SCAN_UP_TO: usize = 32;

/// `true` when a stored header name is `name` in any case. A [`http::HeaderName`] is always
/// lower case, so only `name` is folded, eight bytes at a time ([`lower_word`]): a third of
/// the cost of `eq_ignore_ascii_case` on the 15–20 byte names webhook schemes use. (Names are
/// not secret: this may stop at the first difference.)
fn same_name(stored: &http::HeaderName, name: &str) -> bool {
    same_bytes(stored.as_str().as_bytes(), name.as_bytes())
}

/// [`same_name`] on a stored name's bytes (lower case) and a name in any case.
fn same_bytes(stored: &[u8], name: &[u8]) -> bool {
    if stored.len() != name.len() {
        return false;
    }
    let (stored_words, name_words) = (stored.chunks_exact(8), name.chunks_exact(8));
    let tail_matches = stored_words
        .remainder()
        .iter()
        .zip(name_words.remainder())
        .all(|(s, n)| *s == n.to_ascii_lowercase());
    tail_matches
        && stored_words
            .zip(name_words)
            .all(|(s, n)| word(s) == lower_word(word(n)))
}

/// A name's length as a bit of a set of lengths (63 and longer share the last bit).
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Eight bytes as one word (`chunk` has exactly eight).
fn word(chunk: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(chunk);
    u64::from_le_bytes(bytes)
}

/// ASCII lower case of each of a word's eight bytes (SWAR); bytes above 0x7F are left alone.
fn lower_word(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let heptets = w & (0x7f * ONES);
    // Per byte, the high bit says: heptet ≥ 'A', heptet > 'Z' (no carry leaves a byte).
    let at_least_a = heptets + (0x80 - u64::from(b'A')) * ONES;
    let above_z = heptets + (0x7f - u64::from(b'Z')) * ONES;
    let upper = at_least_a & !above_z & !w & (0x80 * ONES);
    w | (upper >> 2)
}

impl Headers for http::HeaderMap {
    fn get(&self, name: &str) -> Option<&[u8]> {
        if self.len() <= SCAN_UP_TO {
            self.iter()
                .find(|(stored, _)| same_name(stored, name))
                .map(|(_, value)| value.as_bytes())
        } else {
            http::HeaderMap::get(self, name).map(http::HeaderValue::as_bytes)
        }
    }

    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        if self.len() <= SCAN_UP_TO {
            self.iter()
                .filter(|(stored, _)| same_name(stored, name))
                .for_each(|(_, value)| each(value.as_bytes()));
        } else {
            for value in self.get_all(name) {
                each(value.as_bytes());
            }
        }
    }

    /// One walk of the map for all `names` (a map of up to 32 entries; larger ones are
    /// looked up name by name with the hashed lookup). It stops once every name is found.
    fn get_each<'h>(&'h self, names: &[&str], values: &mut [Option<&'h [u8]>]) {
        for value in values.iter_mut().take(names.len()) {
            *value = None;
        }
        if self.len() > SCAN_UP_TO {
            for (name, value) in names.iter().zip(values) {
                *value = http::HeaderMap::get(self, *name).map(http::HeaderValue::as_bytes);
            }
            return;
        }
        // A header name is never empty, so an empty name is never found (nor waited for).
        let mut missing = names.iter().filter(|name| !name.is_empty()).count();
        // The names' lengths as a set: most stored names are passed over on one bit test.
        let lengths = names
            .iter()
            .fold(0u64, |set, name| set | length_bit(name.len()));
        for (stored, value) in self.iter() {
            if missing == 0 {
                break;
            }
            let stored = stored.as_str().as_bytes();
            if lengths & length_bit(stored.len()) == 0 {
                continue;
            }
            for (name, slot) in names.iter().zip(values.iter_mut()) {
                if name.len() == stored.len()
                    && slot.is_none()
                    && same_bytes(stored, name.as_bytes())
                {
                    *slot = Some(value.as_bytes());
                    missing = missing.saturating_sub(1);
                }
            }
        }
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for [(K, V)] {
    fn get(&self, name: &str) -> Option<&[u8]> {
        self.iter()
            .find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }

    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        self.iter()
            .filter(|(k, _)| k.as_ref().eq_ignore_ascii_case(name))
            .for_each(|(_, v)| each(v.as_ref()));
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>, const N: usize> Headers for [(K, V); N] {
    fn get(&self, name: &str) -> Option<&[u8]> {
        Headers::get(self.as_slice(), name)
    }

    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        self.as_slice().for_each_value(name, each);
    }
}

impl<K: AsRef<str>, V: AsRef<[u8]>> Headers for Vec<(K, V)> {
    fn get(&self, name: &str) -> Option<&[u8]> {
        Headers::get(self.as_slice(), name)
    }

    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        self.as_slice().for_each_value(name, each);
    }
}

impl<H: Headers + ?Sized> Headers for &H {
    fn get(&self, name: &str) -> Option<&[u8]> {
        (**self).get(name)
    }

    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        (**self).for_each_value(name, each);
    }

    fn get_each<'h>(&'h self, names: &[&str], values: &mut [Option<&'h [u8]>]) {
        (**self).get_each(names, values);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_case_insensitive_and_ordered() {
        let pairs = vec![("A", "1"), ("b", "2"), ("a", "3")];
        assert_eq!(pairs.get("a"), Some(&b"1"[..]));
        assert_eq!(pairs.get("B"), Some(&b"2"[..]));
        assert_eq!(pairs.get("c"), None);
        let mut all = Vec::new();
        pairs.for_each_value("A", &mut |v| all.push(v.to_vec()));
        assert_eq!(all, vec![b"1".to_vec(), b"3".to_vec()]);
    }

    #[test]
    fn lower_word_folds_exactly_ascii_upper_case() {
        for b in 0..=255u8 {
            let w = u64::from_le_bytes([b, b'A', b'z', 0xC3, b, b'@', b'[', b'Z']);
            let expected = [
                b.to_ascii_lowercase(),
                b'a',
                b'z',
                0xC3,
                b.to_ascii_lowercase(),
                b'@',
                b'[',
                b'z',
            ];
            assert_eq!(lower_word(w).to_le_bytes(), expected, "{b:#x}");
        }
        let name = http::HeaderName::from_static("x-hub-signature-256");
        assert!(same_name(&name, "X-Hub-Signature-256"));
        assert!(same_name(&name, "x-hub-signature-256"));
        assert!(!same_name(&name, "X-Hub-Signature-257"));
        assert!(!same_name(&name, "Y-Hub-Signature-256"));
        assert!(!same_name(&name, "X-Hub-Signature-25"));
        assert!(!same_name(&name, "x-hub-sig\u{e9}ture-256"));
    }

    /// `filler` headers, then `x-sig` twice around `webhook-id` and `content-type`.
    fn map_with_fillers(filler: usize) -> http::HeaderMap {
        let mut map = http::HeaderMap::new();
        for n in 0..filler {
            map.insert(
                http::HeaderName::try_from(format!("x-filler-{n}")).unwrap(),
                http::HeaderValue::from_static("f"),
            );
        }
        map.append("x-sig", http::HeaderValue::from_static("1"));
        map.insert("webhook-id", http::HeaderValue::from_static("msg_1"));
        map.insert("content-type", http::HeaderValue::from_static("a/b"));
        map.append("x-sig", http::HeaderValue::from_static("2"));
        map
    }

    #[test]
    fn header_map_walk_and_hashed_lookup_agree() {
        // Below and above the walking threshold, with repeated names and mixed case.
        for filler in [0, SCAN_UP_TO + 5] {
            let map = map_with_fillers(filler);
            assert_eq!(Headers::get(&map, "X-Sig"), Some(&b"1"[..]), "{filler}");
            assert_eq!(Headers::get(&map, "Content-Type"), Some(&b"a/b"[..]));
            assert_eq!(Headers::get(&map, "x-si"), None);
            assert_eq!(Headers::get(&map, "x-sigg"), None);
            let mut all = Vec::new();
            map.for_each_value("X-SIG", &mut |v| all.push(v.to_vec()));
            assert_eq!(all, vec![b"1".to_vec(), b"2".to_vec()], "{filler}");
        }
    }

    #[test]
    fn get_each_agrees_with_get_name_by_name() {
        let names = [
            "X-Sig",
            "",
            "content-type",
            "x-sig",
            "x-missing",
            "Webhook-Id",
            "not a valid name\n",
        ];
        for filler in [0, SCAN_UP_TO + 5] {
            let map = map_with_fillers(filler);
            let pairs: Vec<(String, Vec<u8>)> = map
                .iter()
                .map(|(k, v)| (k.as_str().to_uppercase(), v.as_bytes().to_vec()))
                .collect();
            // Every window of the names, including repeated and empty ones, and a list of
            // values longer than the names (whose extra places are left alone).
            for start in 0..names.len() {
                for end in start..=names.len() {
                    let some = names.get(start..end).unwrap();
                    let expected: Vec<_> = some.iter().map(|n| Headers::get(&map, n)).collect();
                    let mut values = vec![Some(&b"stale"[..]); some.len() + 1];
                    map.get_each(some, &mut values);
                    assert_eq!(
                        values.get(..some.len()).unwrap(),
                        expected,
                        "{filler} {some:?}"
                    );
                    assert_eq!(values.last(), Some(&Some(&b"stale"[..])));
                    let mut values = vec![None; some.len()];
                    pairs.get_each(some, &mut values);
                    let by_pairs: Vec<_> = some.iter().map(|n| pairs.get(n)).collect();
                    assert_eq!(values, by_pairs, "{some:?}");
                    assert_eq!(
                        values.iter().filter(|v| v.is_some()).count(),
                        expected.iter().filter(|v| v.is_some()).count()
                    );
                }
            }
        }
    }

    #[test]
    fn header_map_lookup_with_odd_names_does_not_panic() {
        let map = http::HeaderMap::new();
        assert_eq!(Headers::get(&map, "not a valid name\n"), None);
        assert_eq!(Headers::get(&map, ""), None);
    }
}
