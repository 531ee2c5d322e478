//! A stable insertion sort for the short lists the converter orders (imports, a command's
//! method options, redirect statuses), in place of `slice::sort*`.
//!
//! Why: core's sorts (driftsort, ipnsort and their sorting networks) are instantiated per element
//! type and cost the web page's WebAssembly about 6 KB gzipped for six call sites; these lists
//! hold a few dozen items at most, where an insertion sort is as fast. Stable, as `sort_by_key`:
//! equal items keep their order, so the output is the same as with the slice methods.

/// Sorts `items` so that no item is `less` than the one before it; equal items keep their order.
pub(crate) fn sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && less(&items[j], &items[j - 1]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `items` by `key`, as `slice::sort_by_key` does (stable).
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a) < key(b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_slice_methods_and_keeps_equal_keys_in_order() {
        let mut words = vec![
            "pear", "fig", "apple", "kiwi", "date", "plum", "lime", "", "fig",
        ];
        let mut expected = words.clone();
        expected.sort_by_key(|w| w.len());
        sort_by_key(&mut words, |w| w.len());
        assert_eq!(words, expected);
        let mut numbers = vec![303, 301, 302, 301, 0, u16::MAX];
        sort_by(&mut numbers, |a, b| a < b);
        assert_eq!(numbers, [0, 301, 301, 302, 303, u16::MAX]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, |a, b| a < b);
        assert!(empty.is_empty());
    }
}
