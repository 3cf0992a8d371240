//! Reading `flows/<id>.toml` into [`Flow`]s, with a diagnostic for every mistake.
//!
//! Checks done here concern one file: TOML syntax, unknown node kinds and fields, fields that
//! mean nothing for a node's kind, missing required fields, conditions, regexes and number
//! ranges. Checks across files (gotos to other flows, Fluent ids, loops) are in `super::checks`.

use std::path::Path;

use indexmap::IndexMap;
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::{Source, closest, toml_error};
use crate::diagnostic::Diagnostic;
use crate::engine::condition::Condition;
use crate::engine::flow::{Action, Allowed, Ask, Choice, Flow, Menu, Node, Target, Validation};
use crate::nlu::{Lexicon, Pattern};

/// Wrong answers allowed at a menu or question unless the flow says otherwise.
pub const DEFAULT_TRIES: u32 = 2;

const KINDS: [&str; 10] = [
    "send", "menu", "ask", "branch", "set", "call", "escalate", "action", "services", "end",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    flow: Option<RawHeader>,
    #[serde(default)]
    nodes: IndexMap<String, Spanned<RawNode>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    start: Option<Spanned<String>>,
    /// For people only.
    #[allow(dead_code)]
    description: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Integer(i64),
    Bool(bool),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Integer(i) => i.to_string(),
            Scalar::Bool(b) => if b { "yes" } else { "no" }.to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    kind: Option<Spanned<String>>,
    say: Option<Spanned<OneOrMany>>,
    goto: Option<Spanned<String>>,
    flow: Option<Spanned<String>>,
    // menu
    choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    list_button: Option<Spanned<String>>,
    // menu and ask
    retry: Option<Spanned<String>>,
    tries: Option<Spanned<u32>>,
    fallback: Option<Spanned<String>>,
    fallback_flow: Option<Spanned<String>>,
    // ask
    field: Option<Spanned<String>>,
    number: Option<Spanned<RawRange>>,
    one_of: Option<Spanned<RawOneOf>>,
    pattern: Option<Spanned<String>>,
    optional: Option<Spanned<bool>>,
    // branch
    cases: Option<Spanned<Vec<Spanned<RawCase>>>>,
    #[serde(rename = "else")]
    otherwise: Option<Spanned<String>>,
    else_flow: Option<Spanned<String>>,
    // set
    set: Option<Spanned<IndexMap<String, Scalar>>>,
    // call
    call: Option<Spanned<String>>,
    // escalate
    topic: Option<Spanned<String>>,
    urgency: Option<Spanned<String>>,
    // action
    action: Option<Spanned<String>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    label: Spanned<String>,
    key: Option<Spanned<String>>,
    #[serde(default)]
    synonyms: Vec<Spanned<String>>,
    set: Option<Spanned<IndexMap<String, Scalar>>>,
    goto: Option<Spanned<String>>,
    flow: Option<Spanned<String>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawCase {
    when: Spanned<String>,
    goto: Option<Spanned<String>>,
    flow: Option<Spanned<String>>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawRange {
    min: i64,
    max: i64,
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawOneOf {
    /// The name of a list the system knows (`kecamatan`).
    Named(String),
    Values(Vec<RawAllowed>),
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawAllowed {
    Plain(String),
    WithSpellings {
        value: String,
        spellings: Vec<String>,
    },
}

/// A flow with where its parts are written, for the cross-file checks.
pub struct LoadedFlow {
    pub flow: Flow,
    pub source: Source,
    /// Where each node, and each target and message id inside it, is written.
    pub spans: FlowSpans,
}

/// Byte offsets of the things cross-file checks point at.
#[derive(Default)]
pub struct FlowSpans {
    /// node id → offset of its header.
    pub nodes: IndexMap<String, usize>,
    /// (node id, target, offset) for every goto or flow reference.
    pub targets: Vec<(String, Target, usize)>,
    /// (node id, Fluent id, offset) for every message reference.
    pub messages: Vec<(String, String, usize)>,
    /// (node id, field, offset) for fields read by conditions.
    pub reads: Vec<(String, String, usize)>,
    /// (node id, field) for fields written.
    pub writes: Vec<(String, String)>,
    /// Offset of `start`, when written.
    pub start: Option<usize>,
}

/// Reads one flow file.
pub fn load_flow(
    path: &Path,
    lexicon: &Lexicon,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<LoadedFlow> {
    let source = Source::read(path, diagnostics)?;
    let raw: RawFile = match toml::from_str(&source.text) {
        Ok(raw) => raw,
        Err(e) => {
            diagnostics.push(toml_error(&source, &e));
            return None;
        }
    };
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !is_id(&id) {
        diagnostics.push(
            Diagnostic::error(path, (0, 0), format!("`{id}` is not a usable flow id"))
                .hint("name flow files with lower-case letters, digits and _ (marriage_age.toml)"),
        );
    }
    let mut builder = Builder {
        source: &source,
        lexicon,
        diagnostics,
        spans: FlowSpans::default(),
        node: String::new(),
    };
    // toml does not keep the order of tables: put the nodes back in the order they are written.
    let mut raw_nodes: Vec<(String, Spanned<RawNode>)> = raw.nodes.into_iter().collect();
    raw_nodes.sort_by_key(|(_, n)| n.span().start);
    if raw_nodes.is_empty() {
        builder.diagnostics.push(
            Diagnostic::error(path, (1, 1), "this flow has no nodes").hint(
                "add at least one node: [nodes.start] with kind = \"send\" and a say = \"...\"",
            ),
        );
        return None;
    }
    let mut nodes = IndexMap::new();
    for (node_id, raw) in raw_nodes {
        builder.node = node_id.clone();
        builder
            .spans
            .nodes
            .insert(node_id.clone(), raw.span().start);
        if !is_id(&node_id) {
            builder.error(
                raw.span().start,
                format!("`{node_id}` is not a usable node id"),
                Some("node ids are lower-case letters, digits and _ (ask_age)"),
            );
        }
        let header = raw.span().start;
        if let Some(node) = builder.node(raw.into_inner(), header) {
            nodes.insert(node_id, node);
        }
    }
    let start = match raw.flow.and_then(|h| h.start) {
        Some(start) => {
            builder.spans.start = Some(start.span().start);
            start.into_inner()
        }
        None => nodes.keys().next().cloned().unwrap_or_default(),
    };
    let spans = builder.spans;
    Some(LoadedFlow {
        flow: Flow { id, start, nodes },
        source,
        spans,
    })
}

/// Whether an id is made of lower-case letters, digits and `_`.
pub fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

struct Builder<'a> {
    source: &'a Source,
    lexicon: &'a Lexicon,
    diagnostics: &'a mut Vec<Diagnostic>,
    spans: FlowSpans,
    /// The node being read, for the span records.
    node: String,
}

/// Which optional fields each kind accepts (besides `kind`).
fn allowed_fields(kind: &str) -> &'static [&'static str] {
    match kind {
        "send" | "services" => &["say", "goto", "flow"],
        "menu" => &[
            "say",
            "choices",
            "list_button",
            "retry",
            "tries",
            "fallback",
            "fallback_flow",
        ],
        "ask" => &[
            "say",
            "field",
            "number",
            "one_of",
            "pattern",
            "optional",
            "retry",
            "tries",
            "fallback",
            "fallback_flow",
            "goto",
            "flow",
        ],
        "branch" => &["cases", "else", "else_flow"],
        "set" => &["set", "goto", "flow"],
        "call" => &["call", "goto", "flow"],
        "escalate" => &["say", "topic", "urgency"],
        "action" => &["say", "action", "goto", "flow"],
        "end" => &["say"],
        _ => &[],
    }
}

impl Builder<'_> {
    fn error(&mut self, offset: usize, message: impl Into<String>, hint: Option<&str>) {
        let mut d = Diagnostic::error(&self.source.path, self.source.line_col(offset), message);
        if let Some(hint) = hint {
            d = d.hint(hint);
        }
        self.diagnostics.push(d);
    }

    fn node(&mut self, raw: RawNode, header: usize) -> Option<Node> {
        let Some(kind) = raw.kind.clone() else {
            self.error(
                header,
                format!("node `{}` has no kind", self.node),
                Some("add a line such as kind = \"send\" (send, menu, ask, branch, set, call, escalate, action, services, end)"),
            );
            return None;
        };
        let kind_name = kind.get_ref().as_str();
        if !KINDS.contains(&kind_name) {
            let hint = format!(
                "use one of: {}{}",
                KINDS.join(", "),
                closest(kind_name, KINDS)
                    .map_or(String::new(), |c| format!(" (did you mean `{c}`?)"))
            );
            self.error(
                kind.span().start,
                format!("unknown node kind `{kind_name}`"),
                Some(&hint),
            );
            return None;
        }
        self.check_fields(&raw, kind_name);
        let say = self.say(&raw);
        let kind_name = kind_name.to_string();
        let node = match kind_name.as_str() {
            "send" => Node::Send {
                say: self.required_say(say, header, "send")?,
                next: self.target(&raw.goto, &raw.flow),
            },
            "services" => Node::Services {
                say,
                next: self.target(&raw.goto, &raw.flow),
            },
            "end" => Node::End { say },
            "menu" => Node::Menu(self.menu(&raw, say, header)?),
            "ask" => Node::Ask(self.ask(&raw, say, header)?),
            "branch" => self.branch(&raw, header)?,
            "set" => {
                let values = self.values(&raw.set);
                if values.is_empty() {
                    self.error(
                        header,
                        format!("set node `{}` sets nothing", self.node),
                        Some("add set = { field = \"value\" }"),
                    );
                }
                Node::Set {
                    values,
                    next: self.target(&raw.goto, &raw.flow),
                }
            }
            "call" => {
                let Some(callee) = raw.call.clone() else {
                    self.error(header, format!("call node `{}` does not say which flow to call", self.node), Some(
                        "add call = \"<flow id>\"; the flow runs and the conversation comes back to goto",
                    ));
                    return None;
                };
                self.spans.targets.push((
                    self.node.clone(),
                    Target::Flow(callee.get_ref().clone()),
                    callee.span().start,
                ));
                Node::Call {
                    flow: callee.into_inner(),
                    next: self.target(&raw.goto, &raw.flow),
                }
            }
            "escalate" => {
                let Some(topic) = raw.topic.clone() else {
                    self.error(header, format!("escalate node `{}` has no topic", self.node), Some(
                        "add topic = \"counsellor_request\" (a topic of the taxonomy, shown to the counsellor)",
                    ));
                    return None;
                };
                let urgent = match raw.urgency.as_ref().map(|u| u.get_ref().as_str()) {
                    None | Some("normal") => false,
                    Some("urgent") => true,
                    Some(other) => {
                        let offset = raw.urgency.as_ref().map_or(header, |u| u.span().start);
                        self.error(
                            offset,
                            format!("urgency `{other}` is not known"),
                            Some("write urgency = \"urgent\" or urgency = \"normal\""),
                        );
                        false
                    }
                };
                Node::Escalate {
                    say,
                    topic: topic.into_inner(),
                    urgent,
                }
            }
            "action" => {
                let Some(action) = raw.action.clone() else {
                    self.error(header, format!("action node `{}` does not say which action", self.node), Some(
                        "add action = \"consent\" (consent, opt_out, erase, events_on, events_off, answer_pending)",
                    ));
                    return None;
                };
                let Some((_, which)) = Action::ALL.iter().find(|(n, _)| *n == action.get_ref())
                else {
                    let names: Vec<&str> = Action::ALL.iter().map(|(n, _)| *n).collect();
                    self.error(
                        action.span().start,
                        format!("unknown action `{}`", action.get_ref()),
                        Some(&format!("use one of: {}", names.join(", "))),
                    );
                    return None;
                };
                Node::Action {
                    say,
                    action: *which,
                    next: self.target(&raw.goto, &raw.flow),
                }
            }
            _ => unreachable!("kinds are checked above"),
        };
        Some(node)
    }

    /// Reports fields that do nothing for this kind (a common copy-paste mistake).
    fn check_fields(&mut self, raw: &RawNode, kind: &str) {
        let present: [(&str, Option<usize>); 21] = [
            ("say", raw.say.as_ref().map(|s| s.span().start)),
            ("goto", raw.goto.as_ref().map(|s| s.span().start)),
            ("flow", raw.flow.as_ref().map(|s| s.span().start)),
            ("choices", raw.choices.as_ref().map(|s| s.span().start)),
            (
                "list_button",
                raw.list_button.as_ref().map(|s| s.span().start),
            ),
            ("retry", raw.retry.as_ref().map(|s| s.span().start)),
            ("tries", raw.tries.as_ref().map(|s| s.span().start)),
            ("fallback", raw.fallback.as_ref().map(|s| s.span().start)),
            (
                "fallback_flow",
                raw.fallback_flow.as_ref().map(|s| s.span().start),
            ),
            ("field", raw.field.as_ref().map(|s| s.span().start)),
            ("number", raw.number.as_ref().map(|s| s.span().start)),
            ("one_of", raw.one_of.as_ref().map(|s| s.span().start)),
            ("pattern", raw.pattern.as_ref().map(|s| s.span().start)),
            ("optional", raw.optional.as_ref().map(|s| s.span().start)),
            ("cases", raw.cases.as_ref().map(|s| s.span().start)),
            ("else", raw.otherwise.as_ref().map(|s| s.span().start)),
            ("else_flow", raw.else_flow.as_ref().map(|s| s.span().start)),
            ("set", raw.set.as_ref().map(|s| s.span().start)),
            ("call", raw.call.as_ref().map(|s| s.span().start)),
            ("topic", raw.topic.as_ref().map(|s| s.span().start)),
            ("urgency", raw.urgency.as_ref().map(|s| s.span().start)),
        ];
        let allowed = allowed_fields(kind);
        for (name, offset) in present {
            if let Some(offset) = offset
                && !allowed.contains(&name)
            {
                self.error(
                    offset,
                    format!("`{name}` does nothing in a `{kind}` node"),
                    Some(&format!("a `{kind}` node takes: {}", allowed.join(", "))),
                );
            }
        }
        if let Some(action) = &raw.action
            && kind != "action"
        {
            self.error(
                action.span().start,
                format!("`action` does nothing in a `{kind}` node"),
                Some("use kind = \"action\" for a node that performs an action"),
            );
        }
        for (name, a, b) in [
            ("goto", &raw.goto, &raw.flow),
            ("fallback", &raw.fallback, &raw.fallback_flow),
            ("else", &raw.otherwise, &raw.else_flow),
        ] {
            if let (Some(_), Some(second)) = (a, b) {
                self.error(
                    second.span().start,
                    format!(
                        "this node has both `{name}` and `{}`",
                        if name == "goto" {
                            "flow".to_string()
                        } else {
                            format!("{name}_flow")
                        }
                    ),
                    Some("a node goes to one place: keep one of them"),
                );
            }
        }
    }

    fn say(&mut self, raw: &RawNode) -> Vec<String> {
        let Some(say) = &raw.say else { return vec![] };
        let offset = say.span().start;
        let ids = say.get_ref().clone().into_vec();
        for id in &ids {
            self.spans
                .messages
                .push((self.node.clone(), id.clone(), offset));
        }
        ids
    }

    fn required_say(&mut self, say: Vec<String>, header: usize, kind: &str) -> Option<Vec<String>> {
        if say.is_empty() {
            self.error(
                header,
                format!("{kind} node `{}` says nothing", self.node),
                Some("add say = \"<message id>\" (the text itself goes in locales/<lang>/*.ftl)"),
            );
            return None;
        }
        Some(say)
    }

    fn message(&mut self, id: &Spanned<String>) -> String {
        self.spans
            .messages
            .push((self.node.clone(), id.get_ref().clone(), id.span().start));
        id.get_ref().clone()
    }

    /// A `goto`/`flow` pair as a target.
    fn target(&mut self, node: &Option<Spanned<String>>, flow: &Option<Spanned<String>>) -> Target {
        let (target, offset) = match (node, flow) {
            (Some(n), _) => (Target::Node(n.get_ref().clone()), n.span().start),
            (None, Some(f)) => (Target::Flow(f.get_ref().clone()), f.span().start),
            (None, None) => return Target::End,
        };
        self.spans
            .targets
            .push((self.node.clone(), target.clone(), offset));
        target
    }

    fn values(&mut self, set: &Option<Spanned<IndexMap<String, Scalar>>>) -> Vec<(String, String)> {
        let Some(set) = set else { return vec![] };
        let values: Vec<(String, String)> = set
            .get_ref()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone().into_string()))
            .collect();
        for (field, _) in &values {
            if !is_id(field) {
                self.error(
                    set.span().start,
                    format!("`{field}` is not a usable field name"),
                    Some("field names are lower-case letters, digits and _ (age_band)"),
                );
            }
            self.spans.writes.push((self.node.clone(), field.clone()));
        }
        values
    }

    fn tries(&self, raw: &RawNode) -> u32 {
        raw.tries
            .as_ref()
            .map_or(DEFAULT_TRIES, |t| *t.get_ref())
            .max(1)
    }

    fn menu(&mut self, raw: &RawNode, say: Vec<String>, header: usize) -> Option<Menu> {
        let say = self.required_say(say, header, "menu")?;
        let Some(raw_choices) = raw.choices.clone() else {
            self.error(
                header,
                format!("menu `{}` has no choices", self.node),
                Some("add choices = [ { label = \"<message id>\", goto = \"<node>\" }, ... ]"),
            );
            return None;
        };
        let mut choices = Vec::new();
        let mut keys = std::collections::HashSet::new();
        for (index, raw_choice) in raw_choices.get_ref().iter().enumerate() {
            let offset = raw_choice.span().start;
            let c = raw_choice.get_ref();
            let key = c
                .key
                .as_ref()
                .map_or_else(|| (index + 1).to_string(), |k| k.get_ref().clone());
            if !keys.insert(key.clone()) {
                self.error(
                    offset,
                    format!("two choices of menu `{}` have the key `{key}`", self.node),
                    Some("give each choice its own key (or leave key out to number them)"),
                );
            }
            let mut synonyms = Vec::new();
            for s in &c.synonyms {
                match Pattern::compile(s.get_ref(), self.lexicon) {
                    Ok(p) => synonyms.push(p),
                    Err(e) => self.error(
                        s.span().start,
                        format!("synonym \"{}\": {e}", s.get_ref()),
                        None,
                    ),
                }
            }
            if c.goto.is_some() && c.flow.is_some() {
                self.error(
                    offset,
                    "this choice has both `goto` and `flow`",
                    Some("a choice goes to one place: keep one of them"),
                );
            }
            let set = self.values(&c.set);
            let label = self.message(&c.label);
            let target = self.target(&c.goto, &c.flow);
            choices.push(Choice {
                key,
                label,
                synonyms,
                set,
                target,
            });
        }
        if choices.is_empty() {
            self.error(
                raw_choices.span().start,
                format!("menu `{}` has no choices", self.node),
                Some("a menu needs at least one choice"),
            );
            return None;
        }
        let retry = raw.retry.as_ref().map(|r| self.message(r));
        let list_button = raw.list_button.as_ref().map(|r| self.message(r));
        Some(Menu {
            say,
            choices,
            retry,
            tries: self.tries(raw),
            fallback: self.target(&raw.fallback, &raw.fallback_flow),
            list_button,
        })
    }

    fn ask(&mut self, raw: &RawNode, say: Vec<String>, header: usize) -> Option<Ask> {
        let say = self.required_say(say, header, "ask")?;
        let Some(field) = raw.field.clone() else {
            self.error(
                header,
                format!(
                    "ask node `{}` does not say where to keep the answer",
                    self.node
                ),
                Some("add field = \"<contact field>\" (for example field = \"kecamatan\")"),
            );
            return None;
        };
        if !is_id(field.get_ref()) {
            self.error(
                field.span().start,
                format!("`{}` is not a usable field name", field.get_ref()),
                Some("field names are lower-case letters, digits and _"),
            );
        }
        self.spans
            .writes
            .push((self.node.clone(), field.get_ref().clone()));
        let checks = [
            raw.number.is_some(),
            raw.one_of.is_some(),
            raw.pattern.is_some(),
        ];
        if checks.iter().filter(|c| **c).count() > 1 {
            self.error(
                header,
                format!("ask node `{}` has more than one check", self.node),
                Some("use one of number, one_of or pattern"),
            );
        }
        let check = if let Some(range) = &raw.number {
            let r = range.get_ref();
            if r.min > r.max {
                self.error(
                    range.span().start,
                    format!("the range {}..{} is empty", r.min, r.max),
                    Some("min must not be larger than max"),
                );
            }
            Validation::Number {
                min: r.min,
                max: r.max,
            }
        } else if let Some(one_of) = &raw.one_of {
            match one_of.get_ref() {
                RawOneOf::Named(name) if name == "kecamatan" => Validation::OneOf(vec![]),
                RawOneOf::Named(name) => {
                    self.error(one_of.span().start, format!("there is no list called `{name}`"), Some(
                        "write one_of = \"kecamatan\" for the directory's kecamatan, or list the values: one_of = [\"a\", \"b\"]",
                    ));
                    Validation::Text
                }
                RawOneOf::Values(values) => Validation::OneOf(
                    values
                        .iter()
                        .map(|v| match v {
                            RawAllowed::Plain(value) => Allowed {
                                value: value.clone(),
                                spellings: vec![crate::nlu::text::basic_words(value).join(" ")],
                            },
                            RawAllowed::WithSpellings { value, spellings } => Allowed {
                                value: value.clone(),
                                spellings: std::iter::once(value)
                                    .chain(spellings)
                                    .map(|s| crate::nlu::text::basic_words(s).join(" "))
                                    .collect(),
                            },
                        })
                        .collect(),
                ),
            }
        } else if let Some(pattern) = &raw.pattern {
            match Regex::new(pattern.get_ref()) {
                Ok(re) => Validation::Regex(re),
                Err(e) => {
                    let first = e.to_string().lines().last().unwrap_or_default().to_string();
                    self.error(pattern.span().start, format!("the pattern is not a valid regular expression: {first}"), Some(
                        "check brackets and backslashes; in TOML write patterns in single quotes: pattern = '^[0-9]{5}$'",
                    ));
                    Validation::Text
                }
            }
        } else {
            Validation::Text
        };
        let retry = raw.retry.as_ref().map(|r| self.message(r));
        Some(Ask {
            say,
            field: field.into_inner(),
            check,
            retry,
            tries: self.tries(raw),
            fallback: self.target(&raw.fallback, &raw.fallback_flow),
            next: self.target(&raw.goto, &raw.flow),
            optional: raw.optional.as_ref().is_some_and(|o| *o.get_ref()),
        })
    }

    fn branch(&mut self, raw: &RawNode, header: usize) -> Option<Node> {
        let Some(raw_cases) = raw.cases.clone() else {
            self.error(header, format!("branch `{}` has no cases", self.node), Some(
                "add cases = [ { when = 'age_band == \"13-15\"', goto = \"<node>\" } ] and else = \"<node>\"",
            ));
            return None;
        };
        let mut cases = Vec::new();
        for case in raw_cases.get_ref() {
            let c = case.get_ref();
            let when_offset = c.when.span().start;
            match Condition::parse(c.when.get_ref()) {
                Ok(condition) => {
                    for field in condition.fields() {
                        self.spans.reads.push((self.node.clone(), field, when_offset));
                    }
                    let target = self.target(&c.goto, &c.flow);
                    cases.push((condition, target));
                }
                Err(e) => self.error(
                    when_offset,
                    format!("the condition \"{}\" does not read: {e}", c.when.get_ref()),
                    Some("conditions look like: age < 19, kecamatan == \"bangil\", age_band in [\"13-15\", \"16-17\"], kecamatan is set"),
                ),
            }
        }
        Some(Node::Branch {
            cases,
            otherwise: self.target(&raw.otherwise, &raw.else_flow),
        })
    }
}
