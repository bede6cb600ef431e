//! What an embedded copy of the app shows: panels and controls, named by enums so a typo
//! does not compile, with the words links use for them.

/// A panel an embed can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The run controls.
    Controls,
    /// The timeline under the controls: looking back at any moment of the run.
    Timeline,
    /// The metrics strip.
    Metrics,
    /// The kanban board.
    Board,
    /// Throughput and WIP over time.
    Throughput,
    /// Lead time of every item.
    Lead,
    /// The cumulative flow diagram.
    Cfd,
    /// The lead-time distribution.
    Histogram,
    /// Per-stage utilisation and queues.
    Stages,
    /// Aging WIP: items in process by stage and age.
    Aging,
}

/// A control an embed can offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Control {
    /// Play and pause.
    Play,
    /// Step one event.
    Step,
    /// Reset to day 0.
    Reset,
    /// The speed menu.
    Speed,
}

/// A closed set of options with the word a link uses for each and a label for people.
pub trait Choice: Copy + Eq + 'static {
    /// Every option, in display order.
    const ALL: &'static [Self];
    /// The word in a link.
    fn key(self) -> &'static str;
    /// A label for people.
    fn label(self) -> &'static str;
    /// The option a link's word names.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.key() == key)
    }
}

impl Choice for Panel {
    const ALL: &'static [Panel] = &[
        Panel::Controls,
        Panel::Timeline,
        Panel::Metrics,
        Panel::Board,
        Panel::Throughput,
        Panel::Lead,
        Panel::Cfd,
        Panel::Histogram,
        Panel::Stages,
        Panel::Aging,
    ];
    fn key(self) -> &'static str {
        match self {
            Panel::Controls => "controls",
            Panel::Timeline => "timeline",
            Panel::Metrics => "metrics",
            Panel::Board => "board",
            Panel::Throughput => "throughput",
            Panel::Lead => "lead",
            Panel::Cfd => "cfd",
            Panel::Histogram => "histogram",
            Panel::Stages => "stages",
            Panel::Aging => "aging",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Panel::Controls => "Run controls",
            Panel::Timeline => "Timeline (look back)",
            Panel::Metrics => "Metrics",
            Panel::Board => "Board",
            Panel::Throughput => "Throughput chart",
            Panel::Lead => "Lead-time chart",
            Panel::Cfd => "Cumulative flow",
            Panel::Histogram => "Lead-time histogram",
            Panel::Stages => "Stage chart",
            Panel::Aging => "Aging WIP",
        }
    }
}

impl Choice for Control {
    const ALL: &'static [Control] = &[Control::Play, Control::Step, Control::Reset, Control::Speed];
    fn key(self) -> &'static str {
        match self {
            Control::Play => "play",
            Control::Step => "step",
            Control::Reset => "reset",
            Control::Speed => "speed",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Control::Play => "Play / Pause",
            Control::Step => "Step",
            Control::Reset => "Reset",
            Control::Speed => "Speed",
        }
    }
}

/// What an embed shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// Panels shown, in [`Panel::ALL`] order.
    pub panels: Vec<Panel>,
    /// Controls offered, in [`Control::ALL`] order; the others are absent.
    pub controls: Vec<Control>,
    /// Start running at once.
    pub autoplay: bool,
}

impl Default for Embed {
    /// Every panel and every control, not playing.
    fn default() -> Self {
        Embed {
            panels: Panel::ALL.to_vec(),
            controls: Control::ALL.to_vec(),
            autoplay: false,
        }
    }
}

impl Embed {
    /// Whether the embed shows `panel`.
    pub fn shows(&self, panel: Panel) -> bool {
        self.panels.contains(&panel)
    }

    /// Whether the embed offers `control`.
    pub fn offers(&self, control: Control) -> bool {
        self.controls.contains(&control)
    }
}

/// Keeps `items` in `C::ALL` order, each once.
pub fn in_order<C: Choice>(items: &[C]) -> Vec<C> {
    C::ALL
        .iter()
        .copied()
        .filter(|c| items.contains(c))
        .collect()
}

/// The link words of `items`, comma-separated.
pub fn keys<C: Choice>(items: &[C]) -> String {
    items.iter().map(|c| c.key()).collect::<Vec<_>>().join(",")
}
