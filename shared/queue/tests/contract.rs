//! The queue contract: every test is written once against `Arc<dyn Queue>` and run against
//! both adapters — the embedded queue, and SQS on the moto server from `MOTO_ENDPOINT`
//! (each SQS test on a fresh queue pair).

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use queue::{EmbeddedQueue, Flaky, MAX_RECEIVES, Message, Queue, QueueError};

type Q = Arc<dyn Queue>;

const NO_WAIT: Duration = Duration::ZERO;
const LONG: Duration = Duration::from_secs(60);

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

async fn embedded() -> Q {
    Arc::new(EmbeddedQueue::new())
}

async fn sqs() -> Q {
    let client = queue::sqs_client(Some(&testkit::moto_endpoint())).await;
    let q = queue::ensure_queues(&client, &testkit::unique_name("q"))
        .await
        .expect("create queues on moto");
    Arc::new(q)
}

/// Receives until a message arrives or `within` passes (long polls in slices, since one
/// receive waits at most 20 s).
async fn receive_within(q: &Q, visibility: Duration, within: Duration) -> Option<Message> {
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let mut got = q
            .receive(1, visibility, left.min(secs(5)))
            .await
            .expect("receive");
        if let Some(m) = got.pop() {
            return Some(m);
        }
        if left.is_zero() {
            return None;
        }
    }
}

async fn round_trip(q: Q) {
    let id = q
        .send("{\"kind\":\"test\",\"текст\":\"қабылдау\"}")
        .await
        .unwrap();
    let m = receive_within(&q, LONG, secs(5))
        .await
        .expect("the sent message");
    assert_eq!(m.id, id);
    assert_eq!(m.body, "{\"kind\":\"test\",\"текст\":\"қабылдау\"}");
    assert_eq!(m.receive_count, 1);
    q.delete(&m.receipt).await.unwrap();
    // A retried delete is harmless.
    q.delete(&m.receipt).await.unwrap();
    // Releasing a deleted message is a caller error.
    assert!(matches!(
        q.release(&m.receipt, NO_WAIT).await,
        Err(QueueError::Invalid(_))
    ));
    assert!(q.receive(10, LONG, secs(1)).await.unwrap().is_empty());
    assert!(q.receive_dead(10).await.unwrap().is_empty());
}

async fn invisible_until_visibility_expires(q: Q) {
    let id = q.send("m").await.unwrap();
    let first = receive_within(&q, secs(2), secs(5)).await.expect("message");
    let received_at = Instant::now();
    assert_eq!(first.receive_count, 1);
    assert!(q.receive(10, LONG, NO_WAIT).await.unwrap().is_empty());

    let again = receive_within(&q, LONG, secs(10))
        .await
        .expect("message back");
    assert!(
        received_at.elapsed() >= Duration::from_millis(1500),
        "came back after {:?}, before its visibility ran out",
        received_at.elapsed()
    );
    assert_eq!(again.id, id);
    assert_eq!(again.receive_count, 2);
    assert_ne!(again.receipt, first.receipt);
    q.delete(&again.receipt).await.unwrap();
}

async fn release_makes_visible_again(q: Q) {
    let id = q.send("m").await.unwrap();
    let first = receive_within(&q, LONG, secs(5)).await.expect("message");
    assert!(q.receive(10, LONG, NO_WAIT).await.unwrap().is_empty());

    q.release(&first.receipt, NO_WAIT).await.unwrap();
    let second = receive_within(&q, LONG, secs(5))
        .await
        .expect("released now");
    assert_eq!((second.id.as_str(), second.receive_count), (id.as_str(), 2));

    // A delayed release hides the message for the delay.
    q.release(&second.receipt, secs(2)).await.unwrap();
    let released_at = Instant::now();
    assert!(q.receive(10, LONG, NO_WAIT).await.unwrap().is_empty());
    let third = receive_within(&q, LONG, secs(10))
        .await
        .expect("released later");
    assert!(released_at.elapsed() >= Duration::from_millis(1500));
    assert_eq!((third.id.as_str(), third.receive_count), (id.as_str(), 3));
    q.delete(&third.receipt).await.unwrap();
}

async fn batch_receive_at_most_max(q: Q) {
    let mut sent = HashSet::new();
    for i in 0..5 {
        sent.insert(q.send(&format!("m{i}")).await.unwrap());
    }
    let mut seen = HashSet::new();
    let deadline = Instant::now() + secs(15);
    while seen.len() < sent.len() && Instant::now() < deadline {
        let batch = q.receive(3, LONG, secs(2)).await.unwrap();
        assert!(batch.len() <= 3, "asked for 3, got {}", batch.len());
        for m in batch {
            assert!(sent.contains(&m.id));
            assert!(seen.insert(m.id.clone()), "{} delivered twice", m.id);
            q.delete(&m.receipt).await.unwrap();
        }
    }
    assert_eq!(seen, sent);
}

async fn poison_message_goes_to_dead_letter_queue(q: Q) {
    let id = q.send("poison").await.unwrap();
    for n in 1..=MAX_RECEIVES {
        let m = receive_within(&q, LONG, secs(5))
            .await
            .unwrap_or_else(|| panic!("receive {n}"));
        assert_eq!((m.id.as_str(), m.receive_count), (id.as_str(), n));
        q.release(&m.receipt, NO_WAIT).await.unwrap();
    }
    // The next receive attempt moves it instead of returning it.
    assert!(q.receive(10, LONG, secs(1)).await.unwrap().is_empty());

    let deadline = Instant::now() + secs(10);
    let dead = loop {
        let dead = q.receive_dead(10).await.unwrap();
        if !dead.is_empty() || Instant::now() > deadline {
            break dead;
        }
    };
    assert_eq!(dead.len(), 1, "{dead:?}");
    assert_eq!(
        (dead[0].id.as_str(), dead[0].body.as_str()),
        (id.as_str(), "poison")
    );
    // receive_dead is a peek: the message is still there.
    assert_eq!(q.receive_dead(10).await.unwrap().len(), 1);
    assert!(q.receive(10, LONG, secs(1)).await.unwrap().is_empty());
}

async fn flaky_fails_while_down(q: Q) {
    let flaky = Arc::new(Flaky::new(q));
    let q: Q = flaky.clone();
    flaky.set_down(true);
    assert!(matches!(q.send("m").await, Err(QueueError::Unavailable(_))));
    assert!(matches!(
        q.receive(1, LONG, NO_WAIT).await,
        Err(QueueError::Unavailable(_))
    ));
    assert!(matches!(
        q.receive_dead(1).await,
        Err(QueueError::Unavailable(_))
    ));

    flaky.set_down(false);
    let id = q.send("m").await.unwrap();
    let m = receive_within(&q, LONG, secs(5)).await.expect("message");
    assert_eq!(m.id, id);
    flaky.set_down(true);
    assert!(matches!(
        q.delete(&m.receipt).await,
        Err(QueueError::Unavailable(_))
    ));
    assert!(matches!(
        q.release(&m.receipt, NO_WAIT).await,
        Err(QueueError::Unavailable(_))
    ));
    flaky.set_down(false);
    q.delete(&m.receipt).await.unwrap();
    // Only the message sent while up ever reached the queue.
    assert!(q.receive(10, LONG, secs(1)).await.unwrap().is_empty());
}

async fn bad_input_is_invalid(q: Q) {
    let invalid = |r: Result<(), QueueError>| matches!(r, Err(QueueError::Invalid(_)));
    assert!(invalid(q.send("").await.map(drop)));
    assert!(invalid(q.send("a\u{1}b").await.map(drop)));
    assert!(invalid(
        q.send(&"x".repeat(queue::MAX_BODY_BYTES + 1))
            .await
            .map(drop)
    ));
    assert!(invalid(q.receive(0, LONG, NO_WAIT).await.map(drop)));
    assert!(invalid(q.receive(11, LONG, NO_WAIT).await.map(drop)));
    assert!(invalid(
        q.receive(1, secs(12 * 3600 + 1), NO_WAIT).await.map(drop)
    ));
    assert!(invalid(q.receive(1, LONG, secs(21)).await.map(drop)));
    assert!(invalid(q.receive_dead(0).await.map(drop)));
    assert!(invalid(q.delete("not-a-receipt").await));
    assert!(invalid(q.release("not-a-receipt", NO_WAIT).await));

    // Nothing invalid was sent; a valid message is unaffected.
    let id = q.send("ok").await.unwrap();
    let m = receive_within(&q, LONG, secs(5)).await.expect("message");
    assert_eq!(m.id, id);
    assert!(invalid(q.release(&m.receipt, secs(12 * 3600 + 1)).await));
    q.delete(&m.receipt).await.unwrap();
}

/// Runs each contract test once per adapter.
macro_rules! contract {
    ($($test:ident),* $(,)?) => {
        mod embedded_adapter {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test(super::embedded().await).await
                }
            )*
        }
        mod sqs_adapter {
            $(
                #[tokio::test]
                async fn $test() {
                    super::$test(super::sqs().await).await
                }
            )*
        }
    };
}

contract!(
    round_trip,
    invisible_until_visibility_expires,
    release_makes_visible_again,
    batch_receive_at_most_max,
    poison_message_goes_to_dead_letter_queue,
    flaky_fails_while_down,
    bad_input_is_invalid,
);

/// `ensure_queues` is idempotent (a second run finds the same queues) and converges a
/// queue that already existed without the redrive policy.
#[tokio::test]
async fn sqs_ensure_queues_is_idempotent_and_converges() {
    use aws_sdk_sqs::types::QueueAttributeName;

    let client = queue::sqs_client(Some(&testkit::moto_endpoint())).await;
    let name = testkit::unique_name("q");
    let a = queue::ensure_queues(&client, &name).await.unwrap();
    let b = queue::ensure_queues(&client, &name).await.unwrap();
    assert_eq!((a.url(), a.dlq_url()), (b.url(), b.dlq_url()));

    let bare = testkit::unique_name("q");
    client
        .create_queue()
        .queue_name(&bare)
        .send()
        .await
        .unwrap();
    let q = queue::ensure_queues(&client, &bare).await.unwrap();
    let redrive = client
        .get_queue_attributes()
        .queue_url(q.url())
        .attribute_names(QueueAttributeName::RedrivePolicy)
        .send()
        .await
        .unwrap()
        .attributes
        .and_then(|mut a| a.remove(&QueueAttributeName::RedrivePolicy))
        .expect("redrive policy set on the existing queue");
    assert!(redrive.contains(&format!("{bare}-dlq")), "{redrive}");

    assert!(matches!(
        queue::ensure_queues(&client, "bad name!").await,
        Err(QueueError::Invalid(_))
    ));
}

/// An SQS endpoint nobody listens on is an outage (`Unavailable`), not a bad request.
#[tokio::test]
async fn sqs_unreachable_is_unavailable() {
    let endpoint = format!("http://127.0.0.1:{}", testkit::free_port());
    let client = queue::sqs_client(Some(&endpoint)).await;
    let q = queue::SqsQueue::new(
        client.clone(),
        format!("{endpoint}/123456789012/q"),
        format!("{endpoint}/123456789012/q-dlq"),
    );
    let err = q.send("m").await.unwrap_err();
    assert!(matches!(err, QueueError::Unavailable(_)), "{err:?}");
    let err = q.receive(1, LONG, NO_WAIT).await.unwrap_err();
    assert!(matches!(err, QueueError::Unavailable(_)), "{err:?}");
    let err = queue::ensure_queues(&client, "q").await.unwrap_err();
    assert!(matches!(err, QueueError::Unavailable(_)), "{err:?}");
}
