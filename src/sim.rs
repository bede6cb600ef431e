//! The simulation core: a discrete-event model of a value stream.
//!
//! Pure Rust with no web dependencies: it builds and tests natively and compiles to wasm32
//! unchanged, and the same scenario with the same seed gives bit-identical results on both.
//!
//! # The model
//!
//! **Requests** arrive by a Poisson process, at a fixed interval, as an initial backlog, or a
//! backlog plus either process. A request waits in the **backlog** until it may start: when the
//! system WIP cap (CONWIP, [`Scenario::wip_limit`]) and the first stage's WIP limit allow.
//! Entering the first stage is the **start of work**.
//!
//! **Stages** are visited in order. In a stage an item waits in the stage's queue (first come,
//! first served), is worked by one worker, and then waits in the stage's *outbox* until it may
//! move on:
//! - with a **batch size** b, finished items move on together once b are finished;
//! - with a **release cadence** T (a release train), finished items move on together every T
//!   days (batch size is then ignored);
//! - with a **WIP limit** on the next stage, a batch moves only when the whole batch fits (or
//!   the next stage is empty); until then the stage is *blocked* and the items wait where they
//!   are. A stage's WIP counts every item in it: waiting, in progress and finished but not yet
//!   moved on — so a full stage stops the stage before it from passing work on (kanban pull).
//! - leaving the last stage, an item is **done**.
//!
//! A worker may spend a **set-up** time before the first item of each batch a stage starts.
//! With a **rework** probability p, an item finished at a stage is defective with chance p and
//! goes back to the named stage (this one or an earlier one), joining its queue even if that
//! stage is at its WIP limit (the item is already in process; refusing it could deadlock).
//!
//! **Workers**: each stage has specialists. With `multitask` k > 1 a worker holds up to k items
//! at once, sharing its time equally between them and losing a share to context switching
//! according to Weinberg's table (see [`workers`]). **Generalists** belong to a pool that covers
//! several stages: an item entering a stage goes to a free specialist first, then to an idle
//! generalist who covers the stage; a generalist who becomes free walks the board from right
//! to left and takes the waiting item of the most downstream covered stage that has one
//! (finish work before starting more). Work piles up in front of the constraint, so this
//! sends generalists to swarm on it.
//!
//! # Measures (as the project's concepts define them)
//! - **lead time**: request (arrival) to done; **cycle time**: start of work to done;
//! - **throughput**: items done per day; **WIP**: items started and not done;
//! - **flow efficiency**: touch time (work received, set-ups excluded) ÷ lead time;
//! - **failure load**: work spent on items after a defect ÷ all work;
//! - **Little's law**: time-average WIP against throughput × mean cycle time, and items in the
//!   system against throughput × mean lead time;
//! - **bottleneck**: the stage limiting throughput: the one whose *effective* utilisation
//!   (busy time while its finished work was not blocked by a full next stage ÷ available
//!   time) the evidence separates from every other stage's since the latest intervention or
//!   the end of the warm-up; "not clear yet" (`None`) until then, and once named it changes
//!   only when another stage is significantly busier ([`bottleneck`] has the rule). A stage
//!   that is busy only because its output cannot move on is a victim of the constraint, not
//!   the constraint. The bottleneck *expected* from the parameters (the highest offered load)
//!   is reported beside it.
//!
//! Statistics exclude the warm-up. Memory stays bounded: percentiles come from a fixed-size
//! log histogram (under 0.4 % error), windows are kept in a ring of at most 4096, and the
//! per-item log is kept only when asked for ([`Simulation::with_item_log`]).
//!
//! # Randomness
//! See [`random`]: arrivals come from one seeded stream, and each work time and defect draw is
//! keyed by (seed, item, stage, visit), so variants of a scenario see the same work per item
//! (common random numbers).
//!
//! # Example
//! ```
//! use flowsim::sim::{Scenario, Simulation};
//! let scenario = Scenario::from_json(r#"{
//!     "arrival": {"type": "backlog", "count": 20},
//!     "stages": [
//!         {"name": "Flip", "work": {"type": "constant", "value": 1}, "batch_size": 5},
//!         {"name": "Check", "work": {"type": "constant", "value": 1}, "batch_size": 5}
//!     ]
//! }"#).unwrap();
//! let mut sim = Simulation::new(&scenario).unwrap();
//! let summary = sim.run().summary();
//! assert_eq!(summary.completed, 20);
//! assert_eq!(summary.first_completion, Some(10.0)); // 2 stages × 5 coins
//! assert_eq!(summary.last_completion, Some(25.0)); // (20 + (2 − 1) × 5) coins
//! ```

pub mod aging;
mod arrivals;
mod blockers;
mod board;
pub mod bottleneck;
mod change;
mod classes;
pub mod compare;
mod counters;
mod decode;
pub mod dist;
pub mod dora;
mod engine;
mod flow;
pub mod forecast;
pub mod history;
mod itemlog;
pub mod json;
mod loads;
mod outflow;
mod periods;
mod queue;
pub mod random;
mod scenario;
mod staffing;
mod stage;
mod stats;
mod summary;
pub mod sweep;
pub mod theory;
pub mod validate;
pub mod windows;
pub mod workers;
mod ziggurat;

pub use aging::{AgingPoint, AgingView, StageAging, WipItem};
pub use board::{BoardSnapshot, ClassView, Place, StageBoard, Token, WorkerView};
pub use change::{Intervention, MAX_INTERVENTIONS};
pub use counters::{FlowPeriod, StagePeriod};
pub use dist::Dist;
pub use engine::{Footprint, Simulation, MAX_LIVE_ITEMS};
pub use history::{History, Point, Target};
pub use itemlog::ItemLog;
pub use periods::{Completion, PeriodStats, MAX_RECENT};
pub use scenario::{
    Arrival, Blockers, Class, FieldError, Generalists, Rework, Scenario, ScenarioError, Stage,
    FORMAT_VERSION, MAX_JSON_BYTES,
};
pub use stats::Percentiles;
pub use summary::{ClassSummary, LittlesLaw, StageSummary, Summary};
pub use windows::Window;
