//! [`step`]: one event in, the new state and the effects out.
//!
//! The order in which a teen's message is considered is the safety policy of the bot:
//!
//! 1. **Crisis rules**, before anything else, whatever flow the teen is in, before consent, while
//!    a case is open, even after STOP: the emergency numbers and an urgent case.
//! 2. **Commands** that always work: STOP/BERHENTI, HAPUS, TOLONG (the discreet safe word),
//!    MULAI, and "bukan itu maksudku" right after a crisis response.
//! 3. A teen who opted out gets nothing more; a teen with an open case is quiet: the message
//!    goes to the case.
//! 4. **Consent**: until the teen agrees, only the onboarding flow runs. A question asked before
//!    consent is remembered and answered right after it.
//! 5. MENU, BANTUAN, KONSELOR.
//! 6. The answer to the menu or question the teen is parked on.
//! 7. Staff triggers, then the topic of the free text; when two topics come close, a short
//!    clarifying menu; when nothing matches, the friendly off-topic flow.

use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentValue};

use super::bundle::{Bundle, Command, TriggerMatch};
use super::event::{CaseOrigin, Effect, Inbound, Reply, ReplyChoice};
use super::flow::{Action, Ask, Menu, Node, Target, Validation};
use super::state::{ContactState, Conversation, CrisisMemo, Frame, Hold, Pending, Position};
use crate::nlu::{CrisisLevel, CrisisMatch, Reading, Verdict};

/// At most this many nodes are visited for one event: a loop in a flow ends at the menu
/// instead of spinning.
const MAX_VISITS: usize = 64;

/// What the engine needs besides the contact.
pub struct Env<'a> {
    pub bundle: &'a Bundle,
    /// The clock, in milliseconds since the Unix epoch.
    pub now_ms: i64,
    /// Values every text may use (`org_name`, `invite_link`, `invite_count`, `office_hours`).
    pub vars: &'a BTreeMap<String, String>,
    /// Whether counsellors are in the office now (flows branch on `office_open == "yes"`).
    pub office_open: bool,
}

/// The result of one step.
#[derive(Debug, Clone)]
pub struct Step {
    pub state: ContactState,
    pub effects: Vec<Effect>,
}

/// Runs one event through the engine. Pure: no I/O, and the clock comes from `env`.
pub fn step(state: &ContactState, event: &Inbound, env: &Env) -> Step {
    let mut run = Run {
        env,
        state: state.clone(),
        effects: Vec::new(),
        visits: 0,
    };
    run.handle(event);
    Step {
        state: run.state,
        effects: run.effects,
    }
}

/// A teen's input: typed text, or a tapped button with its title.
struct Input<'t> {
    /// What is read: the whole text, or its start and end when it is very long
    /// ([`crate::nlu::readable_part`]).
    text: &'t str,
    /// Everything the teen wrote, for a counsellor.
    full: &'t str,
    choice: Option<&'t str>,
}

struct Run<'a, 'e> {
    env: &'a Env<'e>,
    state: ContactState,
    effects: Vec<Effect>,
    visits: usize,
}

impl<'e> Run<'_, 'e> {
    /// The bundle outlives the run, so borrowing it does not borrow the run.
    fn bundle(&self) -> &'e Bundle {
        self.env.bundle
    }

    fn handle(&mut self, event: &Inbound) {
        if event.from_teen() {
            self.expire_if_idle();
            self.state.last_seen_ms = Some(self.env.now_ms);
        }
        match event {
            Inbound::Text { text } => self.on_input(Input {
                text: &crate::nlu::readable_part(text),
                full: text,
                choice: None,
            }),
            Inbound::Choice { id, title } => self.on_input(Input {
                text: &crate::nlu::readable_part(title),
                full: title,
                choice: Some(id),
            }),
            Inbound::Media { media } => self.on_non_text(&format!("[{media}]"), "system-media"),
            Inbound::Location => self.on_non_text("[location]", "system-media"),
            Inbound::Unsupported => self.on_non_text("[unsupported]", "system-unsupported"),
            Inbound::Reaction => {}
            Inbound::CaseClosed => {
                self.state.hold = None;
                // Asked even of a teen who never agreed to the notice (a crisis comes before
                // consent): whether the help helped is the service's own measure.
                if !self.state.opted_out {
                    let feedback = self.bundle().routing.flows.feedback.clone();
                    self.start_flow(&feedback);
                }
            }
            Inbound::CounsellorJoined { topic } => {
                if self.state.hold.is_none() {
                    self.state.hold = Some(Hold {
                        topic: topic.clone(),
                        urgent: false,
                        since_ms: self.env.now_ms,
                    });
                }
            }
        }
    }

    /// An idle conversation is forgotten: the next message starts fresh.
    fn expire_if_idle(&mut self) {
        let expire = self.bundle().routing.expire_after_ms;
        if let Some(last) = self.state.last_seen_ms
            && self.env.now_ms - last > expire
        {
            self.state.convo = None;
            self.state.offer = None;
        }
    }

    fn on_non_text(&mut self, placeholder: &str, message: &str) {
        if self.state.opted_out {
            return;
        }
        if self.state.hold.is_some() {
            self.effects.push(Effect::ToCase {
                text: placeholder.to_string(),
            });
            return;
        }
        self.say(&[message.to_string()]);
    }

    fn on_input(&mut self, input: Input) {
        let reading = self.bundle().nlu.read(input.text);
        let offered = self.state.offer.take();

        // 1. Crisis first, always.
        if input.choice.is_none()
            && let Some(crisis) = reading
                .crisis
                .clone()
                .filter(|c| c.level == CrisisLevel::Urgent)
        {
            self.crisis(&crisis);
            return;
        }

        // 2. Commands that always work.
        let choice = input
            .choice
            .map(str::to_string)
            .or_else(|| offered.as_deref().and_then(|o| pick_offered(o, input.text)));
        let command = match choice.as_deref() {
            Some(id) => id.strip_prefix("@cmd/").and_then(command_named),
            None => self.command(&reading),
        };
        match command {
            Some(Command::Stop) => return self.opt_out("system-stop-done"),
            Some(Command::Erase) => return self.erase(),
            Some(Command::SafeWord) => return self.safe_word(),
            Some(Command::NotMeant) if self.crisis_recent() => return self.correct_crisis(),
            Some(Command::Start) if self.state.opted_out => {
                self.state.opted_out = false;
                self.effects.push(Effect::OptIn);
                self.say(&["system-start-done".to_string()]);
                return;
            }
            _ => {}
        }

        // 3. Opted out: nothing. Case open: the message is the counsellor's.
        if self.state.opted_out {
            return;
        }
        if self.state.hold.is_some() {
            self.effects.push(Effect::ToCase {
                text: input.full.to_string(),
            });
            return;
        }

        // 4. Consent before anything else.
        if !self.state.consented {
            return self.before_consent(&input, choice.as_deref(), command, &reading);
        }

        // 5. MENU, BANTUAN, KONSELOR.
        let flows = self.bundle().routing.flows.clone();
        match command {
            Some(Command::Menu | Command::Start) => return self.start_flow(&flows.menu),
            Some(Command::Help) => return self.start_flow(&flows.help),
            Some(Command::Counsellor) => return self.start_flow(&flows.counsellor),
            _ => {}
        }
        if let Some(topic) = choice.as_deref().and_then(|id| id.strip_prefix("@topic/")) {
            return self.start_topic(topic, "clarifying menu");
        }

        // 6. The answer to where the teen is parked.
        if let Some(choice) = choice.as_deref()
            && self.take_button(choice)
        {
            return;
        }
        if self.state.convo.is_some() {
            return self.answer(&input, &reading);
        }

        // 7. Free text.
        self.route(input.text, &reading);
    }

    /// The teen has not agreed yet: onboarding runs, and a question is kept for later.
    fn before_consent(
        &mut self,
        input: &Input,
        choice: Option<&str>,
        command: Option<Command>,
        reading: &Reading,
    ) {
        let flows = self.bundle().routing.flows.clone();
        match command {
            Some(Command::Help) => return self.start_flow(&flows.help),
            Some(Command::Counsellor) => {
                self.state.pending = Some(Pending::Counsellor);
            }
            _ => {}
        }
        // The feedback question after a case: answered, or left for onboarding.
        let in_feedback = self
            .state
            .convo
            .as_ref()
            .is_some_and(|c| c.run_flow == flows.feedback);
        if in_feedback {
            if command.is_none() {
                if let Some(choice) = choice
                    && self.take_button(choice)
                {
                    return;
                }
                if self.matches_waiting_node(input) {
                    return self.answer(input, reading);
                }
            }
            self.state.convo = None;
        }
        let in_onboarding = self
            .state
            .convo
            .as_ref()
            .is_some_and(|c| c.run_flow == flows.onboarding);
        let question = command.is_none() && self.is_question(input.text, reading);
        if in_onboarding && command.is_none() {
            if let Some(choice) = choice
                && self.take_button(choice)
            {
                return;
            }
            if self.matches_waiting_node(input) {
                return self.answer(input, reading);
            }
            if !question {
                // A wrong answer to an onboarding question: its retry text, then its fallback.
                return self.onboarding_wrong_answer();
            }
        }
        if question && self.state.pending.is_none() {
            self.state.pending = Some(Pending::Question {
                text: input.text.to_string(),
            });
        }
        if in_onboarding {
            self.reprompt();
        } else {
            self.check_in(reading);
            self.start_flow(&flows.onboarding);
        }
    }

    fn onboarding_wrong_answer(&mut self) {
        let Some(convo) = self.state.convo.clone() else {
            return;
        };
        match self.node_at(&convo.at).cloned() {
            Some(Node::Menu(menu)) => self.wrong_answer(
                &convo,
                menu.retry.as_deref(),
                "system-retry-menu",
                &menu.fallback,
            ),
            Some(Node::Ask(ask)) => self.wrong_answer(
                &convo,
                ask.retry.as_deref(),
                "system-retry-ask",
                &ask.fallback,
            ),
            _ => self.reprompt(),
        }
    }

    /// Whether a message is worth answering after consent (not a bare greeting).
    fn is_question(&self, text: &str, reading: &Reading) -> bool {
        let greeting = |t: &str| {
            self.bundle()
                .nlu
                .topics
                .iter()
                .any(|rule| rule.name == t && rule.yields)
        };
        self.trigger_for(text, reading).is_some()
            || match &reading.verdict {
                Verdict::Topic { topic } => !greeting(topic),
                Verdict::Unclear { .. } => true,
                Verdict::Nothing => false,
            }
    }

    /// Whether the input is a valid answer to the node the teen is parked on.
    fn matches_waiting_node(&self, input: &Input) -> bool {
        let Some(convo) = &self.state.convo else {
            return false;
        };
        match self.node_at(&convo.at) {
            Some(Node::Menu(menu)) => self.match_choice(&convo.at, menu, input.text).is_some(),
            Some(Node::Ask(ask)) => {
                self.is_skip(ask, input.text) || self.validate(ask, input.text).is_some()
            }
            _ => false,
        }
    }

    fn command(&self, reading: &Reading) -> Option<Command> {
        let routing = &self.bundle().routing;
        let words: Vec<&str> = reading
            .normalised
            .words
            .iter()
            .map(String::as_str)
            .filter(|w| !routing.filler.iter().any(|f| f == w))
            .collect();
        if words.is_empty() {
            return None;
        }
        let text = words.join(" ");
        routing
            .commands
            .iter()
            .find(|(_, phrases)| phrases.contains(&text))
            .map(|(c, _)| *c)
    }

    // ----- crisis and the commands that always work -----

    fn crisis(&mut self, found: &CrisisMatch) {
        let Some(rule) = self
            .bundle()
            .nlu
            .crisis
            .iter()
            .find(|r| r.name == found.rule)
            .cloned()
        else {
            return;
        };
        let not_meant = ReplyChoice {
            id: "@cmd/not_meant".into(),
            title: self.text("system-not-meant"),
        };
        self.say_with(&rule.say, vec![not_meant], None, true);
        self.effects.push(Effect::Topic {
            topic: found.topic.clone(),
            rule: format!("crisis: {}", found.rule),
        });
        self.effects.push(Effect::OpenCase {
            topic: found.topic.clone(),
            urgent: true,
            origin: CaseOrigin::Crisis,
            reason: found.rule.clone(),
        });
        // A second crisis message while the first one's case is still urgent keeps the memo
        // of where the teen was before the first.
        let urgent_hold = self.state.hold.as_ref().is_some_and(|h| h.urgent);
        self.state.crisis = match self.state.crisis.take() {
            Some(mut memo) if urgent_hold => {
                memo.at_ms = self.env.now_ms;
                memo.rule = found.rule.clone();
                Some(memo)
            }
            _ => Some(CrisisMemo {
                at_ms: self.env.now_ms,
                rule: found.rule.clone(),
                resume: self.state.convo.take(),
                hold_before: self.state.hold.clone(),
            }),
        };
        self.state.offer = Some(vec!["@cmd/not_meant".into()]);
        self.state.convo = None;
        self.state.hold = Some(Hold {
            topic: found.topic.clone(),
            urgent: true,
            since_ms: self.env.now_ms,
        });
    }

    fn crisis_recent(&self) -> bool {
        let window = self.bundle().routing.crisis_correction_ms;
        self.state
            .crisis
            .as_ref()
            .is_some_and(|m| self.env.now_ms - m.at_ms <= window)
    }

    /// "bukan itu maksudku": the case becomes normal, the bot takes the teen back where they were.
    fn correct_crisis(&mut self) {
        let Some(memo) = self.state.crisis.take() else {
            return;
        };
        self.effects.push(Effect::CrisisCorrected {
            rule: memo.rule.clone(),
        });
        self.state.hold = memo.hold_before;
        self.say(&["system-crisis-corrected".to_string()]);
        if self.state.hold.is_none()
            && let Some(convo) = memo.resume
        {
            self.state.convo = Some(convo);
            self.reprompt();
        }
    }

    fn opt_out(&mut self, message: &str) {
        self.say_with(&[message.to_string()], vec![], None, true);
        self.effects.push(Effect::OptOut);
        self.state.opted_out = true;
        self.state.convo = None;
        self.state.pending = None;
    }

    fn erase(&mut self) {
        self.say_with(&["system-erase-done".to_string()], vec![], None, true);
        self.effects.push(Effect::Erase);
        self.state = ContactState::new();
    }

    fn safe_word(&mut self) {
        let counsellor = ReplyChoice {
            id: "@cmd/counsellor".into(),
            title: self.text("system-safe-word-counsellor"),
        };
        self.say_with(
            &["system-safe-word".to_string()],
            vec![counsellor],
            None,
            true,
        );
        self.state.offer = Some(vec!["@cmd/counsellor".into()]);
    }

    /// A gentle check-in for distress without immediate danger.
    fn check_in(&mut self, reading: &Reading) {
        if let Some(found) = reading
            .crisis
            .as_ref()
            .filter(|c| c.level == CrisisLevel::CheckIn)
            && let Some(rule) = self
                .bundle()
                .nlu
                .crisis
                .iter()
                .find(|r| r.name == found.rule)
        {
            let say = rule.say.clone();
            self.say(&say);
        }
    }

    // ----- free text -----

    fn trigger_for(
        &self,
        text: &str,
        reading: &Reading,
    ) -> Option<(String, Option<(String, String)>)> {
        for trigger in &self.bundle().routing.triggers {
            match &trigger.matcher {
                TriggerMatch::Words(patterns) => {
                    if patterns.iter().any(|p| p.is_match(&reading.normalised)) {
                        return Some((trigger.flow.clone(), None));
                    }
                }
                TriggerMatch::Regex(re) => {
                    if let Some(caps) = re.captures(text.trim()) {
                        let captured = trigger
                            .capture
                            .clone()
                            .zip(caps.get(1).map(|m| m.as_str().to_string()));
                        return Some((trigger.flow.clone(), captured));
                    }
                }
            }
        }
        None
    }

    fn route(&mut self, text: &str, reading: &Reading) {
        if let Some((flow, captured)) = self.trigger_for(text, reading) {
            if let Some((field, value)) = captured {
                if field == "invited_by" {
                    self.effects.push(Effect::Referral {
                        code: value.clone(),
                    });
                }
                self.set_field(&field, &value);
            }
            self.effects.push(Effect::Topic {
                topic: "trigger".into(),
                rule: format!("trigger → {flow}"),
            });
            return self.start_flow(&flow);
        }
        self.check_in(reading);
        match &reading.verdict {
            Verdict::Topic { topic } => {
                let rule = reading
                    .scores
                    .first()
                    .map(|s| s.matched.join(", "))
                    .unwrap_or_default();
                self.start_topic(topic, &rule);
            }
            Verdict::Unclear { topics } => self.clarify(topics),
            Verdict::Nothing => {
                self.effects.push(Effect::Topic {
                    topic: "off_topic".into(),
                    rule: "no rule matched".into(),
                });
                let flow = self.bundle().routing.flows.off_topic.clone();
                self.start_flow(&flow);
            }
        }
    }

    fn start_topic(&mut self, topic: &str, rule: &str) {
        self.effects.push(Effect::Topic {
            topic: topic.to_string(),
            rule: rule.to_string(),
        });
        let flow = self
            .bundle()
            .nlu
            .flow_of(topic)
            .map(str::to_string)
            .unwrap_or_else(|| self.bundle().routing.flows.off_topic.clone());
        self.start_flow(&flow);
    }

    /// Two topics came close: ask which one the teen means.
    fn clarify(&mut self, topics: &[String]) {
        let mut choices: Vec<ReplyChoice> = topics
            .iter()
            .map(|t| ReplyChoice {
                id: format!("@topic/{t}"),
                title: self.text(&topic_title_id(t)),
            })
            .collect();
        choices.push(ReplyChoice {
            id: "@cmd/menu".into(),
            title: self.text("system-clarify-other"),
        });
        self.state.offer = Some(choices.iter().map(|c| c.id.clone()).collect());
        self.say_with(&["system-clarify".to_string()], choices, None, false);
    }

    // ----- answers -----

    /// A tap on a flow button (`<flow>/<node>/<key>`), even from an older message.
    fn take_button(&mut self, id: &str) -> bool {
        let mut parts = id.splitn(3, '/');
        let (Some(flow), Some(node), Some(key)) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        let Some(Node::Menu(menu)) = self.bundle().flows.get(flow).and_then(|f| f.node(node))
        else {
            return false;
        };
        let Some(index) = menu.choices.iter().position(|c| c.key == key) else {
            return false;
        };
        let at = Position {
            flow: flow.to_string(),
            node: node.to_string(),
        };
        if self.state.convo.as_ref().is_none_or(|c| c.at != at) {
            self.state.convo = None;
            self.begin_run(flow);
            if let Some(convo) = &mut self.state.convo {
                convo.at = at.clone();
            }
        }
        let menu = menu.clone();
        self.take_choice(&at, &menu, index);
        true
    }

    fn answer(&mut self, input: &Input, reading: &Reading) {
        let Some(convo) = self.state.convo.clone() else {
            return;
        };
        let Some(node) = self.node_at(&convo.at).cloned() else {
            return self.flow_changed();
        };
        match node {
            Node::Menu(menu) => match self.match_choice(&convo.at, &menu, input.text) {
                Some(index) => self.take_choice(&convo.at, &menu, index),
                None if self.leaves_for(input.text, reading, &convo.at.flow) => {
                    self.route(input.text, reading)
                }
                None => self.wrong_answer(
                    &convo,
                    menu.retry.as_deref(),
                    "system-retry-menu",
                    &menu.fallback,
                ),
            },
            Node::Ask(ask) => {
                if self.is_skip(&ask, input.text) {
                    return self.go(&convo.at.flow, &ask.next);
                }
                match self.validate(&ask, input.text) {
                    Some(value) => {
                        self.set_field(&ask.field, &value);
                        self.go(&convo.at.flow, &ask.next);
                    }
                    None if self.leaves_for(input.text, reading, &convo.at.flow) => {
                        self.route(input.text, reading)
                    }
                    None => self.wrong_answer(
                        &convo,
                        ask.retry.as_deref(),
                        "system-retry-ask",
                        &ask.fallback,
                    ),
                }
            }
            // The flow was edited and the node no longer waits: run it again from there.
            _ => self.visit_from(convo.at.clone()),
        }
    }

    /// Whether a message that is not an answer clearly asks about something else.
    fn leaves_for(&self, text: &str, reading: &Reading, current_flow: &str) -> bool {
        if let Some((flow, _)) = self.trigger_for(text, reading) {
            return flow != current_flow;
        }
        let Verdict::Topic { topic } = &reading.verdict else {
            return false;
        };
        let nlu = &self.bundle().nlu;
        let yields = nlu.topics.iter().any(|t| &t.name == topic && t.yields);
        !yields && topic != "off_topic" && nlu.flow_of(topic).is_some_and(|f| f != current_flow)
    }

    fn wrong_answer(
        &mut self,
        convo: &Conversation,
        retry: Option<&str>,
        default: &str,
        fallback: &Target,
    ) {
        let tries = convo.tries + 1;
        let limit = match self.node_at(&convo.at) {
            Some(Node::Menu(m)) => m.tries,
            Some(Node::Ask(a)) => a.tries,
            _ => 1,
        };
        if tries >= limit {
            return match fallback {
                // Before consent there is no menu to fall back to.
                Target::End if !self.state.consented => self.finish_run(),
                Target::End => {
                    self.finish_run();
                    let menu = self.bundle().routing.flows.menu.clone();
                    self.start_flow(&menu);
                }
                target => self.go(&convo.at.flow, target),
            };
        }
        if let Some(c) = &mut self.state.convo {
            c.tries = tries;
        }
        self.say(&[retry.unwrap_or(default).to_string()]);
        self.reprompt();
    }

    /// Shows the question or menu the teen is parked on again (its last message only).
    fn reprompt(&mut self) {
        let Some(convo) = self.state.convo.clone() else {
            return;
        };
        match self.node_at(&convo.at).cloned() {
            Some(Node::Menu(menu)) => {
                let last = menu.say.last().cloned().into_iter().collect::<Vec<_>>();
                let choices = self.menu_choices(&convo.at, &menu);
                let button = self.list_button(&menu);
                self.say_with(&last, choices, Some(button), false);
            }
            Some(Node::Ask(ask)) => {
                let last = ask.say.last().cloned().into_iter().collect::<Vec<_>>();
                self.say(&last);
            }
            Some(_) => self.visit_from(convo.at),
            None => self.flow_changed(),
        }
    }

    fn match_choice(&self, at: &Position, menu: &Menu, text: &str) -> Option<usize> {
        let mut typed = self.bundle().nlu.lexicon.normalise(text);
        let filler = &self.bundle().routing.filler;
        if typed.words.len() > 1 {
            typed.words.retain(|w| !filler.contains(w));
        }
        if typed.is_empty() {
            return None;
        }
        // A number: "2", "no 2", "nomor 2".
        let numbers: Vec<usize> = typed.words.iter().filter_map(|w| w.parse().ok()).collect();
        let filler = ["no", "nomor", "nomer", "pilih", "yang", "angka"];
        if let [n] = numbers.as_slice()
            && typed
                .words
                .iter()
                .all(|w| w.parse::<usize>().is_ok() || filler.contains(&w.as_str()))
        {
            return (1..=menu.choices.len()).contains(n).then(|| n - 1);
        }
        // The title in the teen's language or the default one, or a synonym.
        let lang = self
            .state
            .lang(self.bundle().texts.default_lang())
            .to_string();
        let default = self.bundle().texts.default_lang().to_string();
        let nlu = &self.bundle().nlu;
        menu.choices.iter().position(|c| {
            [&lang, &default].iter().any(|l| {
                self.bundle()
                    .texts
                    .format(l, &c.label, Some(&self.args()))
                    .is_ok_and(|title| nlu.lexicon.normalise(&title).words == typed.words)
            }) || c.synonyms.iter().any(|p| p.is_whole(&typed.words))
                || choice_id(at, &c.key) == text
        })
    }

    fn take_choice(&mut self, at: &Position, menu: &Menu, index: usize) {
        let choice = menu.choices[index].clone();
        for (field, value) in &choice.set {
            self.set_field(field, value);
        }
        self.go(&at.flow, &choice.target);
    }

    fn is_skip(&self, ask: &Ask, text: &str) -> bool {
        let typed = self.bundle().nlu.lexicon.normalise(text).text();
        ask.optional && self.bundle().routing.skip_words.contains(&typed)
    }

    fn validate(&self, ask: &Ask, text: &str) -> Option<String> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        match &ask.check {
            Validation::Text => Some(trimmed.chars().take(200).collect()),
            Validation::Number { min, max } => {
                let words = self.bundle().nlu.lexicon.normalise(trimmed).words;
                let n = words.iter().find_map(|w| w.parse::<i64>().ok())?;
                (*min..=*max).contains(&n).then(|| n.to_string())
            }
            Validation::OneOf(allowed) => {
                let typed = crate::nlu::text::basic_words(trimmed).join(" ");
                allowed
                    .iter()
                    .filter_map(|a| {
                        a.spellings
                            .iter()
                            .map(|s| crate::nlu::text::typo_distance(s, &typed))
                            .filter(|d| {
                                *d <= a
                                    .spellings
                                    .iter()
                                    .map(|s| {
                                        crate::nlu::text::typo_allowance_among_few(
                                            s.chars().count(),
                                        )
                                    })
                                    .max()
                                    .unwrap_or(0)
                            })
                            .min()
                            .map(|d| (d, a))
                    })
                    .min_by_key(|(d, _)| *d)
                    .map(|(_, a)| a.value.clone())
                    .or_else(|| {
                        (ask.field == "kecamatan")
                            .then(|| self.bundle().directory.find_kecamatan(trimmed))
                            .flatten()
                            .map(|k| k.id.clone())
                    })
            }
            Validation::Regex(re) => re.is_match(trimmed).then(|| trimmed.to_string()),
        }
    }

    // ----- moving through flows -----

    fn node_at(&self, at: &Position) -> Option<&Node> {
        self.bundle().flows.get(&at.flow)?.node(&at.node)
    }

    /// Starts a flow as a new run, leaving any conversation in progress.
    fn start_flow(&mut self, flow: &str) {
        self.finish_run_silently();
        let Some(start) = self.bundle().flows.get(flow).map(|f| f.start.clone()) else {
            self.effects.push(Effect::Problem {
                message: format!("flow `{flow}` does not exist"),
            });
            return;
        };
        self.begin_run(flow);
        self.visit_from(Position {
            flow: flow.to_string(),
            node: start,
        });
    }

    /// Enters `flow` as a new run; callers waiting on the stack are kept.
    fn begin_run(&mut self, flow: &str) {
        self.state.runs += 1;
        let run = self.state.runs;
        self.effects.push(Effect::FlowStarted {
            flow: flow.to_string(),
            run,
        });
        let at = Position {
            flow: flow.to_string(),
            node: self
                .bundle()
                .flows
                .get(flow)
                .map(|f| f.start.clone())
                .unwrap_or_default(),
        };
        match &mut self.state.convo {
            Some(convo) => {
                convo.at = at;
                convo.tries = 0;
                convo.run = run;
                convo.run_flow = flow.to_string();
            }
            None => {
                self.state.convo = Some(Conversation {
                    at,
                    tries: 0,
                    returns: Vec::new(),
                    run,
                    run_flow: flow.to_string(),
                })
            }
        }
    }

    /// A conversation left without finishing: nothing to record, reports see the last node.
    fn finish_run_silently(&mut self) {
        self.state.convo = None;
    }

    /// The current run is done; its caller, if any, takes over.
    fn finish_current(&mut self) -> Option<Frame> {
        let convo = self.state.convo.as_mut()?;
        self.effects.push(Effect::FlowFinished {
            flow: convo.run_flow.clone(),
            run: convo.run,
        });
        convo.returns.pop()
    }

    /// The conversation ends here (escalation, opt-out): every run on the stack is done.
    fn finish_run(&mut self) {
        while let Some(frame) = self.finish_current() {
            if let Some(convo) = &mut self.state.convo {
                convo.run = frame.run;
                convo.run_flow = frame.run_flow;
            }
        }
        self.state.convo = None;
    }

    /// The parked node is gone after a flow edit: say so kindly and show the menu.
    fn flow_changed(&mut self) {
        self.state.convo = None;
        self.say(&["system-flow-changed".to_string()]);
        let menu = self.bundle().routing.flows.menu.clone();
        self.start_flow(&menu);
    }

    /// Resolves a target seen from `flow`; `None` when the conversation ends.
    fn resolve(&mut self, flow: &str, target: &Target) -> Option<Position> {
        match target {
            Target::Node(node) => Some(Position {
                flow: flow.to_string(),
                node: node.clone(),
            }),
            Target::Flow(other) => {
                let start = self.bundle().flows.get(other)?.start.clone();
                // Handing over to another flow completes this one.
                if let Some(convo) = &self.state.convo {
                    self.effects.push(Effect::FlowFinished {
                        flow: convo.run_flow.clone(),
                        run: convo.run,
                    });
                }
                self.begin_run(other);
                Some(Position {
                    flow: other.clone(),
                    node: start,
                })
            }
            Target::End => match self.finish_current() {
                Some(frame) => {
                    if let Some(convo) = &mut self.state.convo {
                        convo.run = frame.run;
                        convo.run_flow = frame.run_flow;
                    }
                    Some(frame.resume)
                }
                None => {
                    self.state.convo = None;
                    None
                }
            },
        }
    }

    fn go(&mut self, flow: &str, target: &Target) {
        if let Some(position) = self.resolve(flow, target) {
            self.visit_from(position);
        }
    }

    /// Visits nodes from `position` until one waits for the teen or the conversation ends.
    fn visit_from(&mut self, position: Position) {
        let mut next = Some(position);
        while let Some(position) = next {
            self.visits += 1;
            if self.visits > MAX_VISITS {
                self.effects.push(Effect::Problem {
                    message: format!(
                        "flow `{}` visited {MAX_VISITS} nodes without waiting for the teen; \
                         `genre check` shows the loop",
                        position.flow
                    ),
                });
                self.state.convo = None;
                return;
            }
            next = self.visit(position);
        }
    }

    fn visit(&mut self, at: Position) -> Option<Position> {
        let Some(node) = self.node_at(&at).cloned() else {
            self.flow_changed();
            return None;
        };
        if self.state.convo.is_none() {
            self.begin_run(&at.flow);
        }
        if let Some(convo) = &mut self.state.convo {
            convo.at = at.clone();
            convo.tries = 0;
        }
        let flow = at.flow.clone();
        match node {
            Node::Send { say, next } => {
                self.say(&say);
                self.resolve(&flow, &next)
            }
            Node::Menu(menu) => {
                let (before, last) = split_last(&menu.say);
                self.say(before);
                let choices = self.menu_choices(&at, &menu);
                let button = self.list_button(&menu);
                self.say_with(last, choices, Some(button), false);
                self.reached(&at);
                None
            }
            Node::Ask(ask) => {
                self.say(&ask.say);
                self.reached(&at);
                None
            }
            Node::Branch { cases, otherwise } => {
                let target = cases
                    .iter()
                    .find(|(condition, _)| condition.eval(&|f| self.value_of(f)))
                    .map_or(&otherwise, |(_, t)| t)
                    .clone();
                self.resolve(&flow, &target)
            }
            Node::Set { values, next } => {
                for (field, value) in &values {
                    self.set_field(field, value);
                }
                self.resolve(&flow, &next)
            }
            Node::Call { flow: callee, next } => {
                let start = self.bundle().flows.get(&callee)?.start.clone();
                let resume = match &next {
                    Target::Node(node) => Some(Position {
                        flow: flow.clone(),
                        node: node.clone(),
                    }),
                    Target::Flow(other) => self.bundle().flows.get(other).map(|f| Position {
                        flow: other.clone(),
                        node: f.start.clone(),
                    }),
                    Target::End => None,
                };
                if let (Some(resume), Some(convo)) = (resume, &mut self.state.convo) {
                    convo.returns.push(Frame {
                        resume,
                        run: convo.run,
                        run_flow: convo.run_flow.clone(),
                    });
                }
                self.begin_run(&callee);
                Some(Position {
                    flow: callee,
                    node: start,
                })
            }
            Node::Escalate { say, topic, urgent } => {
                self.say(&say);
                self.effects.push(Effect::OpenCase {
                    topic: topic.clone(),
                    urgent,
                    origin: if flow == self.bundle().routing.flows.counsellor {
                        CaseOrigin::Command
                    } else {
                        CaseOrigin::Flow
                    },
                    reason: format!("{flow}/{}", at.node),
                });
                self.finish_run();
                self.state.hold = Some(Hold {
                    topic,
                    urgent,
                    since_ms: self.env.now_ms,
                });
                None
            }
            Node::Action { say, action, next } => self.act(&flow, &say, action, &next),
            Node::Services { say, next } => {
                self.say(&say);
                self.services();
                self.resolve(&flow, &next)
            }
            Node::End { say } => {
                self.say(&say);
                self.resolve(&flow, &Target::End)
            }
        }
    }

    fn act(
        &mut self,
        flow: &str,
        say: &[String],
        action: Action,
        next: &Target,
    ) -> Option<Position> {
        match action {
            Action::Consent => {
                self.state.consented = true;
                self.effects.push(Effect::Consent {
                    notice_version: self.bundle().routing.notice_version.clone(),
                });
            }
            Action::OptOut => {
                self.finish_run();
                self.opt_out(say.first().map_or("system-stop-done", String::as_str));
                return None;
            }
            Action::Erase => {
                self.erase();
                return None;
            }
            Action::EventsOn => self.set_field("events", "yes"),
            Action::EventsOff => self.set_field("events", "no"),
            Action::AnswerPending => {
                if let Some(pending) = self.state.pending.take() {
                    self.finish_run();
                    match pending {
                        Pending::Question { text } => {
                            let reading = self.bundle().nlu.read(&text);
                            // "About your question:" introduces an answer, not an invite code.
                            if self.trigger_for(&text, &reading).is_none() {
                                self.say(say);
                            }
                            self.route(&text, &reading);
                        }
                        Pending::Counsellor => {
                            let flow = self.bundle().routing.flows.counsellor.clone();
                            self.start_flow(&flow);
                        }
                    }
                    return None;
                }
                return self.resolve(flow, next);
            }
        }
        self.say(say);
        self.resolve(flow, next)
    }

    fn reached(&mut self, at: &Position) {
        if let Some(convo) = &self.state.convo {
            self.effects.push(Effect::NodeReached {
                flow: at.flow.clone(),
                node: at.node.clone(),
                run: convo.run,
            });
        }
    }

    // ----- texts -----

    fn value_of(&self, name: &str) -> Option<String> {
        if name == "office_open" {
            return Some(if self.env.office_open { "yes" } else { "no" }.to_string());
        }
        self.state
            .fields
            .get(name)
            .or_else(|| self.env.vars.get(name))
            .cloned()
    }

    fn set_field(&mut self, field: &str, value: &str) {
        if self.state.fields.get(field).map(String::as_str) != Some(value) {
            self.state
                .fields
                .insert(field.to_string(), value.to_string());
        }
        self.effects.push(Effect::FieldSet {
            field: field.to_string(),
            value: value.to_string(),
        });
    }

    fn args(&self) -> FluentArgs<'static> {
        let mut args = FluentArgs::new();
        for (k, v) in self.env.vars.iter().chain(&self.state.fields) {
            match v.parse::<i64>() {
                Ok(n) => args.set(k.clone(), FluentValue::from(n)),
                Err(_) => args.set(k.clone(), FluentValue::from(v.clone())),
            }
        }
        args.set(
            "office_open",
            if self.env.office_open { "yes" } else { "no" },
        );
        if let Some(k) = self
            .state
            .fields
            .get("kecamatan")
            .and_then(|id| self.bundle().directory.kecamatan_by_id(id))
        {
            args.set("kecamatan_name", k.name.clone());
        }
        args
    }

    fn text(&mut self, id: &str) -> String {
        self.text_with(id, &self.args())
    }

    fn text_with(&mut self, id: &str, args: &FluentArgs) -> String {
        let lang = self
            .state
            .lang(self.bundle().texts.default_lang())
            .to_string();
        match self.bundle().texts.format(&lang, id, Some(args)) {
            Ok(text) => text,
            Err(e) => {
                self.effects.push(Effect::Problem {
                    message: e.to_string(),
                });
                // Never send the id itself: fall back to the default language without
                // variables, or to nothing.
                self.bundle()
                    .texts
                    .format(self.bundle().texts.default_lang(), id, None)
                    .unwrap_or_default()
            }
        }
    }

    fn say(&mut self, ids: &[String]) {
        self.say_with(ids, vec![], None, false);
    }

    /// Sends each message; the last one carries the choices.
    fn say_with(
        &mut self,
        ids: &[String],
        choices: Vec<ReplyChoice>,
        list_button: Option<String>,
        even_if_stopped: bool,
    ) {
        let count = ids.len();
        let mut choices = Some(choices);
        for (i, id) in ids.iter().enumerate() {
            let text = self.text(id);
            if text.is_empty() {
                continue;
            }
            let last = i + 1 == count;
            self.effects.push(Effect::Reply(Reply {
                text,
                choices: if last {
                    choices.take().unwrap_or_default()
                } else {
                    vec![]
                },
                list_button: if last { list_button.clone() } else { None },
                even_if_stopped,
            }));
        }
    }

    /// The label of the button that opens a WhatsApp list.
    fn list_button(&mut self, menu: &Menu) -> String {
        let id = menu.list_button.as_deref().unwrap_or("system-list-button");
        self.text(id)
    }

    fn menu_choices(&mut self, at: &Position, menu: &Menu) -> Vec<ReplyChoice> {
        menu.choices
            .iter()
            .map(|c| ReplyChoice {
                id: choice_id(at, &c.key),
                title: self.text(&c.label),
            })
            .collect()
    }

    /// The services for the teen's kecamatan, then the regency's and the national ones.
    fn services(&mut self) {
        let directory = self.bundle().directory.clone();
        let lang = self
            .state
            .lang(self.bundle().texts.default_lang())
            .to_string();
        if let Some(k) = self
            .state
            .fields
            .get("kecamatan")
            .and_then(|id| directory.kecamatan_by_id(id))
        {
            self.services_section("services-local-header", &k.services, &lang);
        }
        self.services_section("services-regency-header", &directory.regency, &lang);
        self.services_section("services-national-header", &directory.national, &lang);
    }

    /// One bubble per section, so that each stays short enough for SMS.
    fn services_section(
        &mut self,
        header: &str,
        services: &[crate::directory::Service],
        lang: &str,
    ) {
        if services.is_empty() {
            return;
        }
        let mut lines = vec![self.text(header)];
        for s in services {
            let mut args = self.args();
            args.set("name", s.name.clone());
            lines.push(self.text_with("services-item", &args));
            let kind_id = format!("services-kind-{}", s.kind);
            if self.bundle().texts.has(&kind_id) {
                lines.push(self.text_with(&kind_id, &args));
            }
            for c in s.shown_contacts() {
                let mut args = self.args();
                args.set("value", c.value_in(lang).to_string());
                lines.push(self.text_with(&format!("services-{}", c.kind), &args));
            }
        }
        self.effects.push(Effect::Reply(Reply {
            text: lines.join("\n"),
            choices: vec![],
            list_button: None,
            even_if_stopped: false,
        }));
    }
}

/// The button id of a menu choice.
pub fn choice_id(at: &Position, key: &str) -> String {
    format!("{}/{}/{}", at.flow, at.node, key)
}

/// The Fluent id of a topic's title in the clarifying menu (`violence/crisis` →
/// `topic-violence-crisis`).
pub fn topic_title_id(topic: &str) -> String {
    format!("topic-{}", topic.replace(['/', '_'], "-"))
}

fn command_named(name: &str) -> Option<Command> {
    Command::ALL
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
}

/// A typed number or exact title picks one of the engine's own offered choices.
fn pick_offered(offered: &[String], text: &str) -> Option<String> {
    let n: usize = text.trim().trim_end_matches('.').parse().ok()?;
    offered.get(n.checked_sub(1)?).cloned()
}

fn split_last(say: &[String]) -> (&[String], &[String]) {
    match say.len() {
        0 => (&[], &[]),
        n => (&say[..n - 1], &say[n - 1..]),
    }
}
