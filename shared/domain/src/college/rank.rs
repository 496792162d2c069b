//! The ranked list of one specialty line (code, language, form, basis): the signed
//! acceptances ordered by average score, then by submission instant; the state-order places
//! split into the quota categories' seats (each rounded down) and the general competition.
//!
//! Quota seats go to the best applicants of their category; a quota seat nobody of the
//! category takes goes to the general competition, which everyone not seated by a quota
//! enters in rank order.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{QuotaCategory, QuotaShare, Score};

/// One signed acceptance in a line's list, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub application_id: String,
    pub number: u64,
    /// The applicant's IIN (the student's), masked before it is shown.
    pub iin: String,
    pub name: String,
    pub score: Score,
    pub submitted_at: DateTime<FixedOffset>,
    #[serde(default)]
    pub quota: Option<QuotaCategory>,
    /// Which of the application's choices this line is (1 = first priority).
    pub priority: u8,
}

/// Where an entry stands against the state-order places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "category")]
pub enum Seat {
    /// Within a quota category's seats.
    Quota(QuotaCategory),
    /// Within the general competition's seats.
    General,
    /// Below the places.
    Outside,
}

/// An entry with its position (1-based, in rank order) and its seat.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub position: u32,
    pub seat: Seat,
    pub entry: Entry,
}

/// How the places are split.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub state_places: u32,
    /// Seats each category was given (rounded down) and how many of them are taken.
    pub quota_seats: Vec<QuotaSeats>,
    /// Seats of the general competition, unused quota seats included.
    pub general_seats: u32,
    /// The score of the last applicant within the general competition, once all its seats are
    /// taken (the passing score so far); none while seats are free.
    pub cut_off: Option<Score>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaSeats {
    pub category: QuotaCategory,
    pub seats: u32,
    pub taken: u32,
}

/// The order of the list: higher score first, then earlier submission, then the number.
pub fn order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    b.score
        .cmp(&a.score)
        .then(a.submitted_at.cmp(&b.submitted_at))
        .then(a.number.cmp(&b.number))
}

/// A category's seats of `places`: its share, rounded down.
pub fn quota_seats(places: u32, share: &QuotaShare) -> u32 {
    (u64::from(places) * u64::from(share.basis_points) / 10_000) as u32
}

/// The list of a line with `places` state-order places under `quotas`.
pub fn rank(places: u32, quotas: &[QuotaShare], mut entries: Vec<Entry>) -> (Split, Vec<Ranked>) {
    entries.sort_by(order);
    let mut seat = vec![Seat::Outside; entries.len()];
    let mut quota_split = Vec::new();
    let mut used = 0u32;
    for share in quotas {
        let seats = quota_seats(places, share).min(places - used);
        let mut taken = 0;
        for (i, e) in entries.iter().enumerate() {
            if taken == seats {
                break;
            }
            if e.quota == Some(share.category) && seat[i] == Seat::Outside {
                seat[i] = Seat::Quota(share.category);
                taken += 1;
            }
        }
        used += taken;
        quota_split.push(QuotaSeats {
            category: share.category,
            seats,
            taken,
        });
    }
    let general_seats = places - used;
    let mut general = 0u32;
    let mut cut_off = None;
    for (i, e) in entries.iter().enumerate() {
        if general == general_seats {
            break;
        }
        if seat[i] == Seat::Outside {
            seat[i] = Seat::General;
            general += 1;
            if general == general_seats {
                cut_off = Some(e.score);
            }
        }
    }
    let ranked = entries
        .into_iter()
        .zip(seat)
        .enumerate()
        .map(|(i, (entry, seat))| Ranked {
            position: i as u32 + 1,
            seat,
            entry,
        })
        .collect();
    let split = Split {
        state_places: places,
        quota_seats: quota_split,
        general_seats,
        cut_off,
    };
    (split, ranked)
}
