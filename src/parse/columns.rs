//! Columns by label when a header repeats labels: an export that joins
//! objects (HubSpot's contacts with their associated companies) writes each
//! object's `Record ID` and `Phone Number` under the same label, so a
//! mapping names the n-th occurrence as `label#n` (`Phone Number#2`).

/// `label#n` split into the label and its 1-based occurrence `n`; `None`
/// when the name does not end with `#` and a whole number of at least 1.
/// Only used when no header is the whole name, so a header that is itself
/// written `Item#2` is read as written.
pub fn occurrence(name: &str) -> Option<(&str, usize)> {
    let (label, n) = name.rsplit_once('#')?;
    if label.trim().is_empty() || n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: usize = n.parse().ok()?;
    (n >= 1).then_some((label.trim_end(), n))
}

/// Whether the headers at `indexes` are one label written several times
/// (not names that differ only in case).
pub fn same_label(headers: &[String], indexes: &[usize]) -> bool {
    let mut labels = indexes.iter().filter_map(|&i| headers.get(i));
    labels.next().is_some_and(|first| labels.all(|l| l == first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_occurrence_is_a_label_then_hash_and_a_number_from_one() {
        assert_eq!(occurrence("Phone Number#2"), Some(("Phone Number", 2)));
        assert_eq!(occurrence("Record ID #1"), Some(("Record ID", 1)));
        assert_eq!(occurrence("a#b#12"), Some(("a#b", 12)));
        for no in ["Phone Number", "Phone#0", "#2", "Phone#", "Phone#2a", "Phone#-1", "Phone#+2"] {
            assert_eq!(occurrence(no), None, "{no}");
        }
    }

    #[test]
    fn a_repeated_label_is_written_the_same_each_time() {
        let headers: Vec<String> = ["Phone", "x", "Phone", "PHONE"].map(String::from).to_vec();
        assert!(same_label(&headers, &[0, 2]));
        assert!(!same_label(&headers, &[0, 3]));
        assert!(!same_label(&headers, &[]));
    }
}
