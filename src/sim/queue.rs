//! The future-event list: a binary heap ordered by (time, sequence).
//!
//! Every event gets a sequence number when it is scheduled, so events at the same time are
//! handled first-in first-out. That makes a run a pure function of the scenario and the seed.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What happens at an event. Kept small: the heap moves these around a lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The next request arrives; stale when `generation` no longer matches.
    Arrival {
        /// The arrival generation when this was scheduled (a rate change starts a new one).
        generation: u32,
    },
    /// A worker's next task may be finished; stale when `generation` no longer matches.
    WorkerDone {
        /// Index of the worker.
        worker: u32,
        /// The worker's generation when this was scheduled.
        generation: u32,
    },
    /// A stage with a release cadence ships what is waiting.
    Release {
        /// Index of the stage.
        stage: u16,
        /// The stage's release generation when this was scheduled.
        generation: u32,
    },
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    /// `(time bits << 64) | sequence`: for non-negative finite times the IEEE bit pattern is
    /// ordered like the number, so one integer comparison orders by time, then by sequence.
    key: u128,
    event: Event,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: BinaryHeap is a max-heap and we want the earliest event first.
        other.key.cmp(&self.key)
    }
}

/// A min-heap of events keyed by (time, sequence).
#[derive(Clone, Debug, Default)]
pub struct EventQueue {
    heap: BinaryHeap<Entry>,
    sequence: u64,
}

impl EventQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Schedules `event` at `time` (days, finite and not negative).
    pub fn schedule(&mut self, time: f64, event: Event) {
        debug_assert!(time.is_finite() && time >= 0.0, "bad event time {time}");
        // `+ 0.0` turns -0.0 into +0.0 so its bits order correctly.
        let bits = (time + 0.0).to_bits() as u128;
        self.heap.push(Entry {
            key: (bits << 64) | self.sequence as u128,
            event,
        });
        self.sequence += 1;
    }

    /// The time of the earliest event, if any.
    pub fn peek_time(&self) -> Option<f64> {
        self.heap
            .peek()
            .map(|e| f64::from_bits((e.key >> 64) as u64))
    }

    /// Removes and returns the earliest event with its time.
    pub fn pop(&mut self) -> Option<(f64, Event)> {
        self.heap
            .pop()
            .map(|e| (f64::from_bits((e.key >> 64) as u64), e.event))
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.heap.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_and_fifo_at_equal_times() {
        let mut q = EventQueue::new();
        q.schedule(2.0, Event::Arrival { generation: 0 });
        for w in 0..3 {
            q.schedule(
                1.0,
                Event::WorkerDone {
                    worker: w,
                    generation: 0,
                },
            );
        }
        q.schedule(
            0.5,
            Event::Release {
                stage: 0,
                generation: 0,
            },
        );
        assert_eq!(q.pop().unwrap().0, 0.5);
        for w in 0..3 {
            assert_eq!(
                q.pop().unwrap(),
                (
                    1.0,
                    Event::WorkerDone {
                        worker: w,
                        generation: 0
                    }
                )
            );
        }
        assert_eq!(q.pop().unwrap(), (2.0, Event::Arrival { generation: 0 }));
        assert!(q.pop().is_none());
    }
}
