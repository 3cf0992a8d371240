//! What the bot remembers about one teen between messages.
//!
//! The state is stored as JSON with a schema number, so that an older state read after an
//! upgrade is understood (missing fields take their defaults). A conversation records the flow
//! and node it is parked on by their readable ids: when staff edit a flow under a conversation
//! in progress, the teen continues if the node still exists and is taken back to the menu
//! politely if it does not.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The schema of [`ContactState`] written by this version.
pub const STATE_SCHEMA: u32 = 1;

/// Everything the engine knows about a contact.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactState {
    pub schema: u32,
    /// Contact fields set by flows (`lang`, `age_band`, `kecamatan`, ...).
    pub fields: BTreeMap<String, String>,
    /// The teen agreed to the notice; nothing but safety happens before.
    pub consented: bool,
    /// The teen sent STOP; nothing is sent until they write MULAI again (safety replies excepted).
    pub opted_out: bool,
    /// A human case is open: the bot stays quiet and forwards the teen's messages.
    pub hold: Option<Hold>,
    /// Where the teen is in a flow, if anywhere.
    pub convo: Option<Conversation>,
    /// A question the teen asked before consenting, answered right after consent.
    pub pending: Option<Pending>,
    /// When the teen last wrote (milliseconds since the Unix epoch).
    pub last_seen_ms: Option<i64>,
    /// Flow runs started so far; each run gets the next number (for drop-off reports).
    pub runs: u64,
    /// The last crisis response, so that "bukan itu maksudku" can undo it.
    pub crisis: Option<CrisisMemo>,
    /// Button ids of the engine's own last menu (clarifying question, safe word), so that a
    /// typed number picks one; forgotten at the next message.
    pub offer: Option<Vec<String>>,
}

impl ContactState {
    /// A new contact.
    pub fn new() -> Self {
        ContactState {
            schema: STATE_SCHEMA,
            ..Default::default()
        }
    }

    /// The teen's language, or the default.
    pub fn lang<'a>(&'a self, default: &'a str) -> &'a str {
        self.fields.get("lang").map_or(default, String::as_str)
    }
}

/// An open case with a human.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hold {
    pub topic: String,
    pub urgent: bool,
    pub since_ms: i64,
}

/// A position in a flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub flow: String,
    pub node: String,
}

/// A conversation in progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    /// The node waiting for the teen's answer.
    pub at: Position,
    /// Wrong answers so far at this node.
    pub tries: u32,
    /// The callers to resume when the current flow ends (innermost last).
    pub returns: Vec<Frame>,
    /// The run number of the current flow, for reports: every flow entered is a run, which
    /// finishes when the flow ends or hands over, and is dropped when the teen leaves it.
    pub run: u64,
    /// The flow of the current run.
    pub run_flow: String,
}

/// A caller waiting for a sub-flow (`call`) to end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    /// Where the caller goes on.
    pub resume: Position,
    pub run: u64,
    pub run_flow: String,
}

/// Something asked before consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    Question { text: String },
    Counsellor,
}

/// The last crisis response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrisisMemo {
    pub at_ms: i64,
    pub rule: String,
    /// Where the teen was, to go back there if the bot misunderstood.
    pub resume: Option<Conversation>,
    /// The case hold before the crisis (a teen already talking to a counsellor stays with them).
    pub hold_before: Option<Hold>,
}
