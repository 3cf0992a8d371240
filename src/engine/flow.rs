//! A flow as the engine runs it: nodes with readable ids, already checked by the loader.
//!
//! The file format staff write is described in `flows/README.md`; `crate::load::flows` turns
//! those files into these types and refuses anything that would leave a teen stuck (a `goto` to
//! a node that does not exist, a menu with no choices, an invalid regex).

use indexmap::IndexMap;
use regex::Regex;

use super::condition::Condition;
use crate::nlu::Pattern;

/// Where to go after a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A node of the same flow.
    Node(String),
    /// The start of another flow (the call stack is kept: when that flow ends, the caller
    /// resumes).
    Flow(String),
    /// Nowhere: the flow ends here.
    End,
}

/// A flow loaded from `flows/<id>.toml`.
#[derive(Debug, Clone)]
pub struct Flow {
    pub id: String,
    /// The node a teen enters first.
    pub start: String,
    pub nodes: IndexMap<String, Node>,
}

impl Flow {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id)
    }
}

/// One step of a flow.
#[derive(Debug, Clone)]
pub enum Node {
    /// Send one or more messages, then go on.
    Send { say: Vec<String>, next: Target },
    /// Offer choices and wait for one.
    Menu(Menu),
    /// Ask a question and save the answer to a contact field.
    Ask(Ask),
    /// Go where the first true condition says.
    Branch {
        cases: Vec<(Condition, Target)>,
        otherwise: Target,
    },
    /// Set contact fields.
    Set {
        values: Vec<(String, String)>,
        next: Target,
    },
    /// Run another flow, then come back to `next`.
    Call { flow: String, next: Target },
    /// Hand the teen to a human counsellor; the bot goes quiet until the case closes.
    Escalate {
        say: Vec<String>,
        topic: String,
        urgent: bool,
    },
    /// Something only the system can do (record consent, opt out, ...).
    Action {
        say: Vec<String>,
        action: Action,
        next: Target,
    },
    /// List the services near the teen (from the directory, for the `kecamatan` field).
    Services { say: Vec<String>, next: Target },
    /// End the flow, optionally with a last message.
    End { say: Vec<String> },
}

impl Node {
    /// The kind as written in flow files, for messages to staff.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Send { .. } => "send",
            Node::Menu(_) => "menu",
            Node::Ask(_) => "ask",
            Node::Branch { .. } => "branch",
            Node::Set { .. } => "set",
            Node::Call { .. } => "call",
            Node::Escalate { .. } => "escalate",
            Node::Action { .. } => "action",
            Node::Services { .. } => "services",
            Node::End { .. } => "end",
        }
    }

    /// Whether the teen's next message is an answer to this node.
    pub fn waits(&self) -> bool {
        matches!(self, Node::Menu(_) | Node::Ask(_))
    }

    /// Every place this node can lead to.
    pub fn targets(&self) -> Vec<&Target> {
        match self {
            Node::Send { next, .. }
            | Node::Set { next, .. }
            | Node::Action { next, .. }
            | Node::Services { next, .. } => vec![next],
            Node::Call { next, .. } => vec![next],
            Node::Menu(m) => m
                .choices
                .iter()
                .map(|c| &c.target)
                .chain(std::iter::once(&m.fallback))
                .collect(),
            Node::Ask(a) => vec![&a.next, &a.fallback],
            Node::Branch { cases, otherwise } => cases
                .iter()
                .map(|(_, t)| t)
                .chain(std::iter::once(otherwise))
                .collect(),
            Node::Escalate { .. } | Node::End { .. } => vec![],
        }
    }

    /// The messages this node says when entered.
    pub fn says(&self) -> &[String] {
        match self {
            Node::Send { say, .. }
            | Node::Escalate { say, .. }
            | Node::Action { say, .. }
            | Node::Services { say, .. }
            | Node::End { say } => say,
            Node::Menu(m) => &m.say,
            Node::Ask(a) => &a.say,
            Node::Branch { .. } | Node::Set { .. } | Node::Call { .. } => &[],
        }
    }
}

/// A menu node.
#[derive(Debug, Clone)]
pub struct Menu {
    /// Messages before the choices; the last one carries the buttons.
    pub say: Vec<String>,
    pub choices: Vec<Choice>,
    /// Said when the answer matches no choice (the menu is shown again).
    pub retry: Option<String>,
    /// Wrong answers allowed before `fallback`.
    pub tries: u32,
    pub fallback: Target,
    /// Label of the button that opens a WhatsApp list (Fluent id).
    pub list_button: Option<String>,
}

/// One choice of a menu.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Stable key for button ids (`<flow>/<node>/<key>`), so that a tap on an old message
    /// still routes after the menu was reordered.
    pub key: String,
    /// Fluent id of the button title.
    pub label: String,
    /// Typed words that also pick this choice (normalised like all text).
    pub synonyms: Vec<Pattern>,
    /// Fields set when the choice is picked.
    pub set: Vec<(String, String)>,
    pub target: Target,
}

/// An ask node.
#[derive(Debug, Clone)]
pub struct Ask {
    pub say: Vec<String>,
    /// The contact field the answer is saved to.
    pub field: String,
    pub check: Validation,
    /// Said when the answer does not pass the check (the question follows again).
    pub retry: Option<String>,
    pub tries: u32,
    /// Where to go after `tries` wrong answers.
    pub fallback: Target,
    pub next: Target,
    /// Whether the teen may skip the question (`lewati`, `skip`).
    pub optional: bool,
}

/// How an answer is checked.
#[derive(Debug, Clone)]
pub enum Validation {
    /// Any text (trimmed, at most 200 characters kept).
    Text,
    /// A whole number in a range.
    Number { min: i64, max: i64 },
    /// One of these values, typos forgiven; the canonical value is saved.
    OneOf(Vec<Allowed>),
    /// A regular expression the whole answer must match.
    Regex(Regex),
}

/// A value an answer may take, with the spellings that count as it.
#[derive(Debug, Clone)]
pub struct Allowed {
    pub value: String,
    pub spellings: Vec<String>,
}

/// What an action node does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Record the teen's consent (with the notice version) and let them in.
    Consent,
    /// Stop all messages to this teen.
    OptOut,
    /// Erase everything about this teen.
    Erase,
    /// Receive announcements of GenRe events.
    EventsOn,
    EventsOff,
    /// Answer the question the teen asked before consenting, if any; otherwise go on.
    AnswerPending,
}

impl Action {
    pub const ALL: [(&'static str, Action); 6] = [
        ("consent", Action::Consent),
        ("opt_out", Action::OptOut),
        ("erase", Action::Erase),
        ("events_on", Action::EventsOn),
        ("events_off", Action::EventsOff),
        ("answer_pending", Action::AnswerPending),
    ];
}
