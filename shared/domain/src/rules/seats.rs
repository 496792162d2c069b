//! Class limits (seed 001, «правило 3 к 1»): how a parallel's seats divide between the
//! microdistrict and children from outside, and what is still free.

use crate::AdmissionType;

/// How the seats of one parallel divide (seed 001, «правило 3 к 1»): a quarter, rounded down,
/// for children from outside the microdistrict, the rest for the microdistrict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quota {
    pub outside: u32,
    pub microdistrict: u32,
}

impl Quota {
    /// 40 seats → 10 outside and 30 microdistrict; 7 → 1 and 6; 3 → 0 and 3.
    pub const fn for_seats(seats: u32) -> Quota {
        let outside = seats / 4;
        Quota {
            outside,
            microdistrict: seats - outside,
        }
    }
}

/// A limit's seats, its outside quota as stored, and what its accepted applications took, to
/// derive free seats from. The quota is [`Quota::for_seats`] when the limit is written and is
/// stored with it: the seat condition compares the stored figure, so free seats are shown from
/// that same figure (one source, even if the rule changes later).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LimitCounts {
    pub seats: u32,
    pub quota_outside: u32,
    pub taken_microdistrict: u32,
    pub taken_outside: u32,
}

impl LimitCounts {
    /// A limit just written with `seats`: the quota of the rule, nothing taken.
    pub const fn new(seats: u32) -> LimitCounts {
        LimitCounts {
            seats,
            quota_outside: Quota::for_seats(seats).outside,
            taken_microdistrict: 0,
            taken_outside: 0,
        }
    }

    pub const fn quota(&self) -> Quota {
        Quota {
            outside: self.quota_outside,
            microdistrict: self.seats.saturating_sub(self.quota_outside),
        }
    }

    /// Seats not yet taken. Never below zero: microdistrict children may be accepted beyond
    /// the limit («Заявки по микроучастку можно принимать сверх расчётного лимита»).
    pub const fn free_total(&self) -> u32 {
        self.seats
            .saturating_sub(self.taken_microdistrict.saturating_add(self.taken_outside))
    }

    /// Seats still open to children from outside the microdistrict: what is left of their
    /// quarter, but never more than the free seats overall.
    pub const fn free_outside(&self) -> u32 {
        let left = self.quota().outside.saturating_sub(self.taken_outside);
        let free = self.free_total();
        if left < free { left } else { free }
    }

    /// Whether an acceptance of this type fits: a microdistrict child always does, an
    /// outside one only while [`free_outside`](Self::free_outside) is above zero
    /// (otherwise `limit_exhausted`).
    pub const fn can_accept(&self, admission: AdmissionType) -> bool {
        match admission {
            AdmissionType::Microdistrict => true,
            AdmissionType::Outside => self.free_outside() > 0,
        }
    }
}

impl AdmissionType {
    /// The free-seat figure that applies to a child of this admission type: every free seat
    /// for the microdistrict, what is left of the outside quota otherwise.
    pub const fn free_seats(self, free_total: u32, free_outside: u32) -> u32 {
        match self {
            AdmissionType::Microdistrict => free_total,
            AdmissionType::Outside => free_outside,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quota_is_three_to_one() {
        assert_eq!(
            Quota::for_seats(40),
            Quota {
                outside: 10,
                microdistrict: 30
            }
        );
        assert_eq!(
            Quota::for_seats(7),
            Quota {
                outside: 1,
                microdistrict: 6
            }
        );
        assert_eq!(
            Quota::for_seats(3),
            Quota {
                outside: 0,
                microdistrict: 3
            }
        );
        assert_eq!(
            Quota::for_seats(0),
            Quota {
                outside: 0,
                microdistrict: 0
            }
        );
    }

    #[test]
    fn free_seats() {
        let mut c = LimitCounts {
            taken_microdistrict: 0,
            taken_outside: 0,
            ..LimitCounts::new(40)
        };
        assert_eq!((c.free_total(), c.free_outside()), (40, 10));
        c.taken_outside = 9;
        assert_eq!((c.free_total(), c.free_outside()), (31, 1));
        assert!(c.can_accept(AdmissionType::Outside));
        c.taken_outside = 10;
        assert_eq!(c.free_outside(), 0);
        assert!(!c.can_accept(AdmissionType::Outside));
        // The microdistrict fills the class: nothing is left for outside either.
        let c = LimitCounts {
            taken_microdistrict: 38,
            taken_outside: 0,
            ..LimitCounts::new(40)
        };
        assert_eq!((c.free_total(), c.free_outside()), (2, 2));
        let c = LimitCounts {
            taken_microdistrict: 45,
            taken_outside: 3,
            ..LimitCounts::new(40)
        };
        assert_eq!((c.free_total(), c.free_outside()), (0, 0));
        assert!(c.can_accept(AdmissionType::Microdistrict));
        assert!(!c.can_accept(AdmissionType::Outside));
        let c = LimitCounts {
            taken_microdistrict: 0,
            taken_outside: 0,
            ..LimitCounts::new(3)
        };
        assert!(!c.can_accept(AdmissionType::Outside));
        let c = LimitCounts {
            taken_microdistrict: u32::MAX,
            taken_outside: 5,
            ..LimitCounts::new(u32::MAX)
        };
        assert_eq!(c.free_total(), 0);
    }

    proptest! {
        #[test]
        fn quota_sums_to_seats(seats in any::<u32>()) {
            let q = Quota::for_seats(seats);
            prop_assert_eq!(q.outside + q.microdistrict, seats);
            prop_assert_eq!(q.outside, seats / 4);
            prop_assert!(q.microdistrict >= 3 * q.outside);
        }

        #[test]
        fn free_seats_stay_within_the_limit(
            seats in 0u32..5000, micro in 0u32..6000, outside in 0u32..2000,
        ) {
            let c = LimitCounts { taken_microdistrict: micro, taken_outside: outside, ..LimitCounts::new(seats) };
            prop_assert!(c.free_total() <= seats);
            prop_assert!(c.free_outside() <= c.free_total());
            prop_assert!(c.free_outside() <= c.quota().outside);
            if micro + outside <= seats {
                prop_assert_eq!(c.free_total(), seats - micro - outside);
            }
        }
    }
}
