use super::keys::prefix_end;
use super::*;
use crate::SortCondition;

fn enc(pk: &str, sk: &str) -> Vec<u8> {
    item_key(&Key::new(pk, sk))
}

#[test]
fn encoding_preserves_tuple_order() {
    let keys = [
        ("a", ""),
        ("a", "\0"),
        ("a", "\0\0"),
        ("a", "\0a"),
        ("a", "a"),
        ("a", "a\0"),
        ("a", "ab"),
        ("a", "b"),
        ("a\0", "a"),
        ("ab", ""),
        ("b", "a"),
    ];
    for w in keys.windows(2) {
        assert!(enc(w[0].0, w[0].1) < enc(w[1].0, w[1].1), "{w:?}");
    }
}

#[test]
fn sort_ranges_select_the_right_keys() {
    let sks = ["", "a", "a\0", "ab", "abc", "b", "ba", "c"];
    let select = |c: SortCondition| -> Vec<&str> {
        let (lo, hi) = sort_range("p", Some(&c)).unwrap();
        let lo = lo_bytes(&lo);
        sks.iter()
            .copied()
            .filter(|sk| {
                let k = enc("p", sk);
                k >= lo && k < hi
            })
            .collect()
    };
    assert_eq!(select(SortCondition::Eq("ab".into())), ["ab"]);
    assert_eq!(
        select(SortCondition::BeginsWith("a".into())),
        ["a", "a\0", "ab", "abc"]
    );
    assert_eq!(select(SortCondition::BeginsWith("a\0".into())), ["a\0"]);
    assert_eq!(select(SortCondition::Lt("ab".into())), ["", "a", "a\0"]);
    assert_eq!(
        select(SortCondition::Le("ab".into())),
        ["", "a", "a\0", "ab"]
    );
    assert_eq!(
        select(SortCondition::Gt("ab".into())),
        ["abc", "b", "ba", "c"]
    );
    assert_eq!(select(SortCondition::Ge("b".into())), ["b", "ba", "c"]);
    assert_eq!(
        select(SortCondition::Between("a\0".into(), "b".into())),
        ["a\0", "ab", "abc", "b"]
    );
    assert!(sort_range("p", Some(&SortCondition::Between("b".into(), "a".into()))).is_err());
    // Other partitions are outside every range.
    let (lo, hi) = sort_range("p", None).unwrap();
    for other in [
        enc("", "x"),
        enc("o", "z"),
        enc("p\0", ""),
        enc("pa", ""),
        enc("q", ""),
    ] {
        assert!(!(other >= lo_bytes(&lo) && other < hi));
    }
}

#[test]
fn prefix_end_skips_ff() {
    assert_eq!(prefix_end(&[1, 0xFF, 0xFF]), Some(vec![2]));
    assert_eq!(prefix_end(&[0xFF]), None);
}
