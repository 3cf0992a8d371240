//! What goes into the engine (an [`Inbound`] event) and what comes out ([`Effect`]s).

use serde::{Deserialize, Serialize};

/// Something that happened to a contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inbound {
    /// The teen typed a message.
    Text { text: String },
    /// The teen tapped a button or a list row; `id` is the one we set.
    Choice { id: String, title: String },
    /// A photo, voice note, sticker, document...: recorded, but the bot reads text only.
    Media { media: String },
    /// A shared location.
    Location,
    /// A reaction to one of our messages (nothing to answer).
    Reaction,
    /// A message type the provider could not show us.
    Unsupported,
    /// A counsellor closed the teen's case: the bot takes over again.
    CaseClosed,
    /// A counsellor wrote to the teen: the bot stays quiet from now on, even if the case was
    /// downgraded after "bukan itu maksudku".
    CounsellorJoined { topic: String },
}

impl Inbound {
    pub fn text(text: impl Into<String>) -> Self {
        Inbound::Text { text: text.into() }
    }

    /// Whether this came from the teen (and so refreshes the 24-hour window and expiry).
    pub fn from_teen(&self) -> bool {
        !matches!(self, Inbound::CaseClosed | Inbound::CounsellorJoined { .. })
    }
}

/// A message for the teen, channel-neutral; `crate::render` shapes it per channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub text: String,
    /// Buttons or list rows; empty for a plain message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<ReplyChoice>,
    /// Label of the button that opens a WhatsApp list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_button: Option<String>,
    /// Sent even to a teen who has just opted out: the STOP and HAPUS confirmations, and
    /// safety messages (crisis help, TOLONG), which a teen in danger must always get.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub even_if_stopped: bool,
}

/// One button or list row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyChoice {
    /// `<flow>/<node>/<key>`, or `@...` for the engine's own menus.
    pub id: String,
    pub title: String,
}

/// Who or what opened a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseOrigin {
    /// An `escalate` node in a flow.
    Flow,
    /// A crisis rule.
    Crisis,
    /// The KONSELOR command.
    Command,
}

/// What the engine wants done. The caller carries effects out in order, in one transaction
/// with the new state.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum Effect {
    /// Send a message to the teen.
    Reply(Reply),
    /// Open a case for a human counsellor.
    OpenCase {
        topic: String,
        urgent: bool,
        origin: CaseOrigin,
        /// What opened it: the crisis rule's name, or `flow/node`.
        reason: String,
    },
    /// The teen's message belongs to their open case (the bot stays quiet).
    ToCase {
        text: String,
    },
    /// The teen said the crisis response misunderstood them: the urgent case becomes normal.
    CrisisCorrected {
        rule: String,
    },
    /// Record consent to the notice of this version.
    Consent {
        notice_version: String,
    },
    /// The teen stopped all messages.
    OptOut,
    /// The teen came back with MULAI.
    OptIn,
    /// Erase everything about the teen (after the confirmation in the previous reply is sent).
    Erase,
    /// A contact field changed (kecamatan, age band, language and event opt-in are kept in
    /// their own columns for routing and reports).
    FieldSet {
        field: String,
        value: String,
    },
    /// The teen started with an invite code.
    Referral {
        code: String,
    },
    /// What the teen asked about (for reports; no text, only the label).
    Topic {
        topic: String,
        rule: String,
    },
    /// A flow run started, reached a waiting node, or finished (for drop-off reports).
    FlowStarted {
        flow: String,
        run: u64,
    },
    NodeReached {
        flow: String,
        node: String,
        run: u64,
    },
    FlowFinished {
        flow: String,
        run: u64,
    },
    /// Something staff should fix (a text that failed to format); logged, never shown.
    Problem {
        message: String,
    },
}
