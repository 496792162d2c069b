//! Tokens already verified, remembered until they expire. A person's token comes with every
//! request of theirs, and verifying its signature again each time was about half of the local
//! runner's own time in the opening-day rush (README, «Opening-day rush and lifecycle»). Only a
//! token that passed every check is remembered, under the SHA-256 of its whole text, so any
//! other text (one changed byte) is verified in full; a remembered one still lapses at its
//! `exp`, as it would when verified again.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::Identity;

/// How many tokens are remembered at most; when full, the expired ones go, and if none has
/// expired, all of them (a burst of sign-ins costs a round of full verifications, nothing more).
const CAPACITY: usize = 50_000;

/// When a token is valid: its `nbf` (if any) and `exp`, in Unix seconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Window {
    pub nbf: Option<i64>,
    pub exp: i64,
}

impl Window {
    /// Whether `now` is inside, with the verifier's leeway for clocks that differ.
    pub fn holds(self, now: i64, leeway: i64) -> bool {
        self.exp + leeway >= now && self.nbf.is_none_or(|nbf| nbf <= now + leeway)
    }
}

#[derive(Default)]
pub(crate) struct Verified {
    entries: Mutex<HashMap<[u8; 32], (Identity, Window)>>,
}

fn digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl Verified {
    /// The identity of a remembered token still valid at `now`.
    pub fn get(&self, token: &str, now: i64, leeway: i64) -> Option<Identity> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .get(&digest(token))
            .filter(|(_, window)| window.holds(now, leeway))
            .map(|(identity, _)| identity.clone())
    }

    /// Remembers a token that passed every check.
    pub fn insert(&self, token: &str, identity: &Identity, window: Window, now: i64, leeway: i64) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if entries.len() >= CAPACITY {
            entries.retain(|_, (_, w)| w.holds(now, leeway));
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(digest(token), (identity.clone(), window));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::Iin;

    fn someone() -> Identity {
        Identity {
            iin: Iin::parse("850315400015").unwrap(),
            name: "Ахметова Гульнар".into(),
        }
    }

    #[test]
    fn remembered_within_its_window_only() {
        let v = Verified::default();
        let w = Window {
            nbf: Some(100),
            exp: 200,
        };
        v.insert("t", &someone(), w, 150, 30);
        assert_eq!(v.get("t", 150, 30), Some(someone()));
        assert_eq!(v.get("t", 230, 30), Some(someone()));
        assert_eq!(v.get("t", 231, 30), None);
        assert_eq!(v.get("t", 69, 30), None);
        assert_eq!(v.get("u", 150, 30), None);
    }

    #[test]
    fn a_full_memory_drops_the_expired_first() {
        let v = Verified::default();
        let live = Window {
            nbf: None,
            exp: 1_000,
        };
        let dead = Window { nbf: None, exp: 10 };
        for n in 0..CAPACITY - 1 {
            v.insert(&format!("dead{n}"), &someone(), dead, 5, 0);
        }
        v.insert("live", &someone(), live, 5, 0);
        v.insert("new", &someone(), live, 500, 0);
        assert_eq!(v.entries.lock().unwrap().len(), 2);
        assert!(v.get("live", 500, 0).is_some());
    }
}
