//! Everything the engine reads besides the contact: flows, routing rules, texts, directory.
//!
//! A bundle is loaded once (by `crate::load`), checked, and shared read-only by every
//! conversation; reloading means building a new bundle.

use indexmap::IndexMap;
use regex::Regex;

use super::flow::Flow;
use crate::directory::Directory;
use crate::i18n::Localizer;
use crate::nlu::{Pattern, Understanding};

/// Flows, rules, texts and directory.
#[derive(Debug)]
pub struct Bundle {
    pub flows: IndexMap<String, Flow>,
    pub routing: Routing,
    pub nlu: Understanding,
    pub texts: Localizer,
    pub directory: Directory,
}

impl Bundle {
    /// Every topic a case can have: those of the flows' escalate steps and of the crisis
    /// rules. Counsellors are given topics from this list.
    pub fn case_topics(&self) -> std::collections::BTreeSet<&str> {
        let from_flows = self
            .flows
            .values()
            .flat_map(|f| f.nodes.values())
            .filter_map(|n| match n {
                super::flow::Node::Escalate { topic, .. } => Some(topic.as_str()),
                _ => None,
            });
        let from_crisis = self.nlu.crisis.iter().map(|r| r.topic.as_str());
        from_flows.chain(from_crisis).collect()
    }
}

/// The rules of `flows/routing/commands.toml`.
#[derive(Debug, Clone)]
pub struct Routing {
    pub flows: SpecialFlows,
    /// An idle conversation is forgotten after this long; the next message starts fresh.
    pub expire_after_ms: i64,
    /// For how long after a crisis response "bukan itu maksudku" undoes it.
    pub crisis_correction_ms: i64,
    /// The version of the privacy notice a teen consents to, recorded with the consent.
    pub notice_version: String,
    /// Command words; a message that is exactly one of them (filler words aside) is that command.
    pub commands: Vec<(Command, Vec<String>)>,
    /// Words ignored around a command (`STOP kak` is STOP).
    pub filler: Vec<String>,
    /// Words that skip an optional question (`lewati`, `skip`).
    pub skip_words: Vec<String>,
    /// Staff triggers, checked before topics.
    pub triggers: Vec<Trigger>,
}

/// The flows with a special role.
#[derive(Debug, Clone)]
pub struct SpecialFlows {
    /// First contact: greeting, notice, consent.
    pub onboarding: String,
    /// The main menu (MENU).
    pub menu: String,
    /// BANTUAN / HELP.
    pub help: String,
    /// KONSELOR.
    pub counsellor: String,
    /// The question after a case closes.
    pub feedback: String,
    /// A message the bot does not understand.
    pub off_topic: String,
}

impl SpecialFlows {
    /// Role name and flow id, for checks.
    pub fn all(&self) -> [(&'static str, &str); 6] {
        [
            ("onboarding", &self.onboarding),
            ("menu", &self.menu),
            ("help", &self.help),
            ("counsellor", &self.counsellor),
            ("feedback", &self.feedback),
            ("off_topic", &self.off_topic),
        ]
    }
}

/// The commands that work wherever the teen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Menu,
    Help,
    Counsellor,
    Stop,
    Start,
    Erase,
    SafeWord,
    /// "bukan itu maksudku": the crisis response misunderstood.
    NotMeant,
}

impl Command {
    pub const ALL: [(&'static str, Command); 8] = [
        ("menu", Command::Menu),
        ("help", Command::Help),
        ("counsellor", Command::Counsellor),
        ("stop", Command::Stop),
        ("start", Command::Start),
        ("erase", Command::Erase),
        ("safe_word", Command::SafeWord),
        ("not_meant", Command::NotMeant),
    ];

    pub fn name(self) -> &'static str {
        Command::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("?", |(n, _)| n)
    }
}

/// A staff trigger: these words or this pattern start that flow.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub matcher: TriggerMatch,
    pub flow: String,
    /// With a regex: the contact field that receives its first capture group.
    pub capture: Option<String>,
}

#[derive(Debug, Clone)]
pub enum TriggerMatch {
    Words(Vec<Pattern>),
    Regex(Regex),
}
