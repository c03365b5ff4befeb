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
}

impl Headers for http::HeaderMap {
    fn get(&self, name: &str) -> Option<&[u8]> {
        http::HeaderMap::get(self, name).map(http::HeaderValue::as_bytes)
    }

    fn for_each_value(&self, name: &str, each: &mut dyn FnMut(&[u8])) {
        for value in self.get_all(name) {
            each(value.as_bytes());
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
    fn header_map_lookup_with_odd_names_does_not_panic() {
        let map = http::HeaderMap::new();
        assert_eq!(Headers::get(&map, "not a valid name\n"), None);
        assert_eq!(Headers::get(&map, ""), None);
    }
}
