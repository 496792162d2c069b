//! The context a handler gets: the ports, wired by the Lambda main or the local runner.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use queue::Queue;
use store::Store;

use crate::auth::TokenVerifier;
use crate::blobs::Blobs;
use crate::clock::Clock;

pub struct Ctx {
    pub store: Arc<dyn Store>,
    pub queue: Arc<dyn Queue>,
    pub clock: Arc<dyn Clock>,
    pub blobs: Arc<dyn Blobs>,
    pub sms: Arc<dyn crate::sms::SmsChannel>,
    /// E-mail: none unless the wiring gives one (the notify function's SES, the runner's sink).
    pub email: Arc<dyn crate::email::EmailChannel>,
    pub verifier: TokenVerifier,
    /// Region admins: IIN → region (configuration, not the table).
    pub admins: BTreeMap<String, String>,
    /// Who a child's legal representatives are and where the child is registered.
    pub population: Arc<dyn crate::population::PopulationRegister>,
    /// The CAs whose certificates sign decisions (configuration: the national CA's roots).
    pub trust: Arc<pki::TrustAnchors>,
}

impl Ctx {
    /// The context with this e-mail channel.
    pub fn with_email(self, email: Arc<dyn crate::email::EmailChannel>) -> Ctx {
        Ctx { email, ..self }
    }

    /// The context with these files.
    pub fn with_blobs(self, blobs: Arc<dyn Blobs>) -> Ctx {
        Ctx { blobs, ..self }
    }

    /// The context with this queue.
    pub fn with_queue(self, queue: Arc<dyn Queue>) -> Ctx {
        Ctx { queue, ..self }
    }

    /// Business time (the dev clock in the local runner).
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// A context for tests of jobs and consumers: the given store, queue and SMS channel, a dev
    /// clock standing at `now`, files in `dir`, and no token keys (no HTTP caller).
    pub fn for_tests(
        store: Arc<dyn Store>,
        queue: Arc<dyn Queue>,
        sms: Arc<dyn crate::sms::SmsChannel>,
        now: DateTime<Utc>,
        dir: &std::path::Path,
    ) -> Ctx {
        let clock = Arc::new(crate::clock::DevClock::new());
        clock.set(now);
        Ctx {
            store,
            queue,
            clock,
            blobs: Arc::new(crate::blobs::LocalBlobs::new(dir, "http://localhost")),
            sms,
            email: Arc::new(crate::email::NoEmail),
            verifier: TokenVerifier::default(),
            admins: BTreeMap::new(),
            population: Arc::new(crate::population::MemoryPopulationRegister::default()),
            trust: Arc::new(pki::TrustAnchors::default()),
        }
    }
}
