//! «Ваша очередь: N»: an application's place in its school's review queue, read in O(1).
//!
//! Applications join a queue (school × year × grade) at its tail, each with the next number of
//! that queue (`queue_seq`, 1, 2, …, taken under the school's number counter), so the queue's
//! order is the order of these numbers. Who has left the queue (decided, withdrawn; a return
//! for rework puts one back) is one bit per number, kept on the queue's own item and changed
//! in the same transaction as the change. The place of the k-th is then k minus those of the
//! first k − 1 that have left: one item read, no count query over the index.

/// The numbers of a queue's applications that are not in it now: bit `k - 1` is the k-th.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Left(Vec<u8>);

impl Left {
    /// The set as stored (lowercase hex, two digits a byte); anything else reads as empty,
    /// which only makes places look later, never earlier.
    pub fn decode(text: &str) -> Left {
        let bytes = (0..text.len() / 2)
            .map(|i| {
                text.get(2 * i..2 * i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()
            .unwrap_or_default();
        Left(bytes)
    }

    pub fn encode(&self) -> String {
        let mut end = self.0.len();
        while end > 0 && self.0[end - 1] == 0 {
            end -= 1;
        }
        self.0[..end].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Marks the `seq`-th as out of the queue (`true`) or back in it (`false`).
    pub fn set(&mut self, seq: u64, left: bool) {
        let Some(bit) = seq.checked_sub(1) else {
            return;
        };
        let (byte, mask) = ((bit / 8) as usize, 1u8 << (bit % 8));
        if self.0.len() <= byte {
            self.0.resize(byte + 1, 0);
        }
        if left {
            self.0[byte] |= mask;
        } else {
            self.0[byte] &= !mask;
        }
    }

    pub fn contains(&self, seq: u64) -> bool {
        let Some(bit) = seq.checked_sub(1) else {
            return false;
        };
        self.0
            .get((bit / 8) as usize)
            .is_some_and(|b| b & (1 << (bit % 8)) != 0)
    }

    /// The place of the `seq`-th, while it is in the queue: 1 for the head.
    pub fn place(&self, seq: u64) -> Option<u64> {
        if seq == 0 || self.contains(seq) {
            return None;
        }
        let before = seq - 1;
        let (whole, rest) = ((before / 8) as usize, before % 8);
        let mut gone: u64 = self
            .0
            .iter()
            .take(whole)
            .map(|b| u64::from(b.count_ones()))
            .sum();
        if let Some(b) = self.0.get(whole) {
            gone += u64::from((b & ((1u16 << rest) - 1) as u8).count_ones());
        }
        Some(seq - gone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn places_follow_who_left() {
        let mut left = Left::default();
        assert_eq!(left.place(1), Some(1));
        assert_eq!(left.place(9), Some(9));
        left.set(1, true);
        left.set(3, true);
        assert_eq!(left.place(1), None, "decided: no longer in the queue");
        assert_eq!(left.place(2), Some(1));
        assert_eq!(left.place(4), Some(2));
        assert_eq!(left.place(20), Some(18));
        left.set(1, false);
        assert_eq!(
            left.place(2),
            Some(2),
            "a return puts the first back before it"
        );
        assert_eq!(left.place(0), None);
    }

    #[test]
    fn stored_form() {
        let mut left = Left::default();
        left.set(1, true);
        left.set(10, true);
        assert_eq!(left.encode(), "0102");
        assert_eq!(Left::decode("0102"), left);
        left.set(10, false);
        assert_eq!(left.encode(), "01", "trailing empty bytes are not kept");
        assert_eq!(Left::decode("zz"), Left::default());
        assert_eq!(Left::decode(""), Left::default());
    }

    proptest! {
        /// The place is the count of those still in the queue up to and including it.
        #[test]
        fn place_counts_those_still_in(moves in proptest::collection::vec((1u64..200, any::<bool>()), 0..300), seq in 1u64..220) {
            let mut left = Left::default();
            let mut out = std::collections::BTreeSet::new();
            for (k, l) in moves {
                left.set(k, l);
                if l { out.insert(k); } else { out.remove(&k); }
            }
            let left = Left::decode(&left.encode());
            let expected = (!out.contains(&seq)).then(|| (1..=seq).filter(|k| !out.contains(k)).count() as u64);
            prop_assert_eq!(left.place(seq), expected);
        }
    }
}
