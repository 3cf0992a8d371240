//! A simulated teen talking to the engine, for `genre chat` and `genre test`.
//!
//! It runs the same [`step`] and the same channel rendering as the server; only the store is a
//! variable in memory and the clock can be moved forward.

use chrono::{DateTime, Duration, Utc};

use crate::engine::{Bundle, ContactState, Effect, Env, Inbound, ReplyChoice, step};
use crate::render::{self, Channel};
use crate::settings::{BotSettings, ContactFacts};

/// One simulated contact.
pub struct Simulator<'b> {
    pub bundle: &'b Bundle,
    pub settings: BotSettings,
    pub facts: ContactFacts,
    pub channel: Channel,
    pub state: ContactState,
    pub now: DateTime<Utc>,
    /// Forces office hours open or closed; `None` follows the settings and the clock.
    pub office_open: Option<bool>,
    /// The buttons of the last message, for `tap`.
    pub last_choices: Vec<ReplyChoice>,
    /// Everything said so far, as the terminal shows it.
    pub transcript: Vec<String>,
    /// Cases opened so far: (topic, urgent).
    pub cases: Vec<(String, bool)>,
    /// Every flow entered so far (for test coverage).
    pub visited: std::collections::BTreeSet<String>,
}

impl<'b> Simulator<'b> {
    pub fn new(bundle: &'b Bundle, channel: Channel) -> Self {
        Simulator {
            bundle,
            settings: BotSettings::default(),
            facts: ContactFacts {
                invite_code: Some("ABC123".into()),
                invites_joined: 0,
            },
            channel,
            state: ContactState::new(),
            now: Utc::now(),
            office_open: None,
            last_choices: Vec::new(),
            transcript: Vec::new(),
            cases: Vec::new(),
            visited: Default::default(),
        }
    }

    /// The teen types a message.
    pub fn say(&mut self, text: &str) -> Vec<Effect> {
        self.transcript.push(format!("teen> {text}"));
        self.event(Inbound::text(text))
    }

    /// The teen taps button `n` (1-based) of the last message.
    pub fn tap(&mut self, n: usize) -> Result<Vec<Effect>, String> {
        let choice = n
            .checked_sub(1)
            .and_then(|i| self.last_choices.get(i))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "the last message has no button {n} (it has {})",
                    self.last_choices.len()
                )
            })?;
        self.transcript
            .push(format!("teen> [taps {}: {}]", n, choice.title));
        Ok(self.event(Inbound::Choice {
            id: choice.id,
            title: choice.title,
        }))
    }

    /// Moves the clock forward.
    pub fn wait(&mut self, by: Duration) {
        self.now += by;
        self.transcript
            .push(format!("      (… {} later)", human_duration(by)));
    }

    /// Runs any event through the engine, as the server would.
    pub fn event(&mut self, event: Inbound) -> Vec<Effect> {
        let lang = self
            .state
            .lang(self.bundle.texts.default_lang())
            .to_string();
        let vars = self.settings.vars(&self.facts, &lang);
        let env = Env {
            bundle: self.bundle,
            now_ms: self.now.timestamp_millis(),
            vars: &vars,
            office_open: self
                .office_open
                .unwrap_or_else(|| self.settings.office.is_open(self.now)),
        };
        let result = step(&self.state, &event, &env);
        self.state = result.state;
        let mut shown_choices = false;
        for effect in &result.effects {
            match effect {
                Effect::Reply(reply) => {
                    let text = render::terminal_text(reply, self.channel);
                    self.transcript.push(indent("bot> ", &text));
                    if !reply.choices.is_empty() {
                        self.last_choices = reply.choices.clone();
                        shown_choices = true;
                    }
                }
                Effect::OpenCase {
                    topic,
                    urgent,
                    reason,
                    ..
                } => {
                    self.cases.push((topic.clone(), *urgent));
                    let urgency = if *urgent { "URGENT" } else { "normal" };
                    self.transcript.push(format!(
                        "      (case opened for a counsellor: {urgency}, {topic}; {reason})"
                    ));
                }
                Effect::OptOut => self
                    .transcript
                    .push("      (opted out: nothing more is sent)".into()),
                Effect::OptIn => self.transcript.push("      (opted back in)".into()),
                Effect::Erase => {
                    self.transcript
                        .push("      (everything about this teen is erased)".into());
                    self.facts = ContactFacts::default();
                }
                Effect::ToCase { .. } => self
                    .transcript
                    .push("      (goes to the counsellor; the bot stays quiet)".into()),
                Effect::CrisisCorrected { .. } => self
                    .transcript
                    .push("      (the urgent case becomes a normal one)".into()),
                Effect::Consent { notice_version } => self
                    .transcript
                    .push(format!("      (consent recorded, notice {notice_version})")),
                Effect::Referral { code } => self
                    .transcript
                    .push(format!("      (joined with invite code {code})")),
                Effect::Problem { message } => {
                    self.transcript.push(format!("      (PROBLEM: {message})"))
                }
                Effect::FlowStarted { flow, .. } => {
                    self.visited.insert(flow.clone());
                }
                _ => {}
            }
        }
        if !shown_choices && result.effects.iter().any(|e| matches!(e, Effect::Reply(_))) {
            self.last_choices.clear();
        }
        result.effects
    }

    /// Where the teen is parked (`flow/node`), if anywhere.
    pub fn position(&self) -> Option<String> {
        self.state
            .convo
            .as_ref()
            .map(|c| format!("{}/{}", c.at.flow, c.at.node))
    }
}

fn indent(first: &str, text: &str) -> String {
    let pad = " ".repeat(first.chars().count());
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("{first}{l}")
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `90m` → "1h 30m".
pub fn human_duration(d: Duration) -> String {
    let minutes = d.num_minutes();
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}m"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h {m}m"),
    }
}

/// Parses `30m`, `5h`, `2d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text.split_at(
        text.find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len()),
    );
    let n: i64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration like 30m, 5h or 2d"))?;
    match unit {
        "s" => Ok(Duration::seconds(n)),
        "m" => Ok(Duration::minutes(n)),
        "h" => Ok(Duration::hours(n)),
        "d" => Ok(Duration::days(n)),
        _ => Err(format!("`{text}` is not a duration like 30m, 5h or 2d")),
    }
}
