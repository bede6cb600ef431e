//! The future-event list, ordered by (time, sequence): a 4-ary min-heap, or a short list.
//!
//! Every event gets a sequence number when it is scheduled, so events at the same time are
//! handled first-in first-out. The keys are unique, so the order in which events come out is
//! fixed by the keys alone, whatever the heap's shape: a run is a pure function of the scenario
//! and the seed.
//!
//! A 4-ary heap is half as deep as a binary one; its four children sit next to each other in
//! memory, so a sift-down step reads one or two cache lines. Entries are 32 bytes and the
//! agenda of a typical run holds a few dozen, so it stays in the L1 cache.
//!
//! An agenda of at most [`SMALL`] events (a line of a dozen single workers holds one per busy
//! worker and the next arrival) is an unordered list instead: scheduling appends, and taking
//! the earliest scans the list with selects rather than branches, so no step depends on a
//! comparison the CPU must guess. Past [`SMALL`] it becomes a heap for good. (Comparing the
//! times as floats first, with ties settled by key, was 7 % faster natively but 15 % slower
//! in the browser's wasm, where the sweeps and forecasts run: not taken.)

/// What happens at an event. Kept small: the heap moves these around a lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The next request arrives; stale when `generation` no longer matches.
    Arrival {
        /// The arrival stream: 0 the main one, then classes with their own arrivals.
        stream: u16,
        /// The stream's generation when this was scheduled (a rate change starts a new one).
        generation: u32,
    },
    /// A worker's next task may be finished; stale when `generation` no longer matches.
    WorkerDone {
        /// Index of the worker.
        worker: u32,
        /// The worker's generation when this was scheduled.
        generation: u32,
    },
    /// A blocked item's block clears.
    Unblock {
        /// The item's slot.
        item: u32,
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

/// The time of an entry's event.
#[inline]
fn time_of(e: &Entry) -> f64 {
    f64::from_bits((e.key >> 64) as u64)
}

/// Children per node.
const ARITY: usize = 4;

/// Most events kept as an unordered list before the agenda becomes a heap.
pub const SMALL: usize = 16;

/// The pending events, taken earliest (time, sequence) first.
#[derive(Clone, Debug, Default)]
pub struct EventQueue {
    /// The pending events: a heap once `ordered` (the children of entry `i` are
    /// `ARITY * i + 1 ..= ARITY * i + ARITY`), an unordered list before.
    heap: Vec<Entry>,
    sequence: u64,
    /// True once the agenda has held more than [`SMALL`] events.
    ordered: bool,
}

impl EventQueue {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// Schedules `event` at `time` (days, finite and not negative).
    #[inline(always)]
    pub fn schedule(&mut self, time: f64, event: Event) {
        debug_assert!(time.is_finite() && time >= 0.0, "bad event time {time}");
        // `+ 0.0` turns -0.0 into +0.0 so its bits order correctly.
        let bits = (time + 0.0).to_bits() as u128;
        let entry = Entry {
            key: (bits << 64) | self.sequence as u128,
            event,
        };
        self.sequence += 1;
        if self.ordered {
            self.push_heap(entry);
        } else {
            self.heap.push(entry);
            if self.heap.len() > SMALL {
                self.heapify();
            }
        }
    }

    /// Adds `entry` to the heap: sifts it up, moving parents down until its place is found.
    #[inline]
    fn push_heap(&mut self, entry: Entry) {
        let mut i = self.heap.len();
        self.heap.push(entry);
        while i > 0 {
            let parent = (i - 1) / ARITY;
            if self.heap[parent].key <= entry.key {
                break;
            }
            self.heap[i] = self.heap[parent];
            i = parent;
        }
        self.heap[i] = entry;
    }

    /// Makes the list a heap (once it outgrows [`SMALL`]).
    #[cold]
    fn heapify(&mut self) {
        self.ordered = true;
        for entry in std::mem::take(&mut self.heap) {
            self.push_heap(entry);
        }
    }

    /// Index of the earliest event, if any.
    #[inline]
    fn earliest(&self) -> Option<usize> {
        let first = self.heap.first()?;
        if self.ordered {
            return Some(0);
        }
        let (mut best, mut key) = (0, first.key);
        for (i, e) in self.heap.iter().enumerate().skip(1) {
            let less = e.key < key;
            best = if less { i } else { best };
            key = if less { e.key } else { key };
        }
        Some(best)
    }

    /// The time of the earliest event, if any.
    #[inline]
    pub fn peek_time(&self) -> Option<f64> {
        self.earliest().map(|i| time_of(&self.heap[i]))
    }

    /// Removes and returns the earliest event with its time (the engine takes only due ones,
    /// with [`Self::pop_due`]).
    #[cfg(test)]
    pub fn pop(&mut self) -> Option<(f64, Event)> {
        let i = self.earliest()?;
        Some(self.take(i))
    }

    /// Removes and returns the earliest event if it is due at or before `t`.
    #[inline]
    pub fn pop_due(&mut self, t: f64) -> Option<(f64, Event)> {
        let i = self.earliest()?;
        (time_of(&self.heap[i]) <= t).then(|| self.take(i))
    }

    /// Removes the event at `i`, the earliest, and returns it with its time.
    #[inline]
    fn take(&mut self, i: usize) -> (f64, Event) {
        if !self.ordered {
            let e = self.heap.swap_remove(i);
            return (time_of(&e), e.event);
        }
        let last = self.heap.pop().expect("the heap holds the earliest");
        let Some(&top) = self.heap.first() else {
            return (time_of(&last), last.event);
        };
        // Sift the last entry down from the root: move the least child up while it is less.
        let n = self.heap.len();
        let mut i = 0;
        loop {
            let first = ARITY * i + 1;
            if first >= n {
                break;
            }
            let least = self.least_child(first, n);
            if self.heap[least].key >= last.key {
                break;
            }
            self.heap[i] = self.heap[least];
            i = least;
        }
        self.heap[i] = last;
        (time_of(&top), top.event)
    }

    /// Index of the least of the children starting at `first` (there is at least one).
    #[inline]
    fn least_child(&self, first: usize, n: usize) -> usize {
        let key = |c: usize| self.heap[c].key;
        if first + ARITY <= n {
            // All four: a tournament of selects, no branch the data can mispredict.
            let a = if key(first + 1) < key(first) {
                first + 1
            } else {
                first
            };
            let b = if key(first + 3) < key(first + 2) {
                first + 3
            } else {
                first + 2
            };
            return if key(b) < key(a) { b } else { a };
        }
        let mut least = first;
        for c in first + 1..n {
            if key(c) < key(least) {
                least = c;
            }
        }
        least
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
        q.schedule(
            2.0,
            Event::Arrival {
                stream: 0,
                generation: 0,
            },
        );
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
        assert_eq!(
            q.pop().unwrap(),
            (
                2.0,
                Event::Arrival {
                    stream: 0,
                    generation: 0
                }
            )
        );
        assert!(q.pop().is_none());
    }

    #[test]
    fn only_due_events_pop_and_minus_zero_is_zero() {
        let mut q = EventQueue::new();
        let at = |w| Event::WorkerDone {
            worker: w,
            generation: 0,
        };
        assert_eq!((q.peek_time(), q.pop_due(10.0)), (None, None));
        q.schedule(1.0, at(1));
        // -0.0 is time 0: before 1.0 (its sign bit would sort it after every positive time).
        q.schedule(-0.0, at(0));
        assert_eq!((q.len(), q.peek_time()), (2, Some(0.0)));
        assert_eq!(q.pop_due(0.0), Some((0.0, at(0))));
        assert_eq!(q.pop_due(0.999), None);
        assert_eq!(q.len(), 1);
        assert_eq!(q.pop_due(1.0), Some((1.0, at(1))));
        assert_eq!(q.len(), 0);
    }

    #[test]
    fn a_small_agenda_pops_in_key_order_and_becomes_a_heap_past_its_limit() {
        let at = |w| Event::WorkerDone {
            worker: w,
            generation: 0,
        };
        let mut q = EventQueue::new();
        // Times 3, 1, 2, 0, 3, 1, …: ties come out in the order scheduled.
        let time = |w: u32| f64::from((w * 3 + 3) % 4);
        for w in 0..SMALL as u32 {
            q.schedule(time(w), at(w));
        }
        assert!(!q.ordered);
        let mut expected: Vec<u32> = (0..SMALL as u32).collect();
        expected.sort_by(|&a, &b| time(a).total_cmp(&time(b)).then(a.cmp(&b)));
        assert_eq!(q.pop(), Some((time(expected[0]), at(expected[0]))));
        // Back to SMALL, then one more: a heap, still in key order.
        q.schedule(time(100), at(100));
        q.schedule(time(101), at(101));
        assert!(q.ordered);
        expected.remove(0);
        expected.extend([100, 101]);
        expected.sort_by(|&a, &b| time(a).total_cmp(&time(b)).then(a.cmp(&b)));
        for w in expected {
            assert_eq!(q.pop(), Some((time(w), at(w))));
        }
        assert!(q.pop().is_none());
    }

    #[test]
    fn pops_in_key_order_through_any_mix_of_pushes_and_pops() {
        // Growing past SMALL early: mostly the heap.
        mix_of_pushes_and_pops(usize::MAX, true);
    }

    #[test]
    fn a_list_that_never_outgrows_its_limit_pops_in_key_order_through_ties() {
        mix_of_pushes_and_pops(SMALL, false);
    }

    /// Schedules and pops at random (popping whenever `most` events are pending), checking
    /// every pop against a reference model and whether the agenda ended up a heap.
    fn mix_of_pushes_and_pops(most: usize, heap: bool) {
        // A reference model: every scheduled event with its sequence, earliest (time, sequence)
        // first. Times are few and repeat, so equal times are common.
        let mut state = 12345u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state >> 33
        };
        let mut q = EventQueue::new();
        let mut model: Vec<(f64, u32)> = Vec::new();
        let mut n = 0u32;
        for _ in 0..20_000 {
            if (next() % 3 != 0 || model.is_empty()) && model.len() < most {
                let t = (next() % 50) as f64 * 0.5;
                q.schedule(
                    t,
                    Event::WorkerDone {
                        worker: n,
                        generation: 0,
                    },
                );
                model.push((t, n));
                n += 1;
            } else {
                let i = (0..model.len())
                    .min_by(|&a, &b| model[a].0.total_cmp(&model[b].0).then(a.cmp(&b)))
                    .unwrap();
                let (t, w) = model.remove(i);
                let expected = Event::WorkerDone {
                    worker: w,
                    generation: 0,
                };
                assert_eq!(q.pop(), Some((t, expected)));
            }
            assert_eq!(q.len(), model.len());
        }
        assert_eq!(q.ordered, heap);
    }
}
