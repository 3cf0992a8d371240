//! Checks across files: every goto lands, every text exists in every language and uses only
//! known variables, no loop traps a teen, menus fit WhatsApp, SMS stay short, and no text
//! mentions a phone number that is not a verified entry of the directory.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use indexmap::IndexMap;
use regex::Regex;

use super::flows::LoadedFlow;
use super::routing::{FlowRef, MessageRef};
use super::{Source, closest};
use crate::diagnostic::Diagnostic;
use crate::engine::flow::{Node, Target};
use crate::engine::{Bundle, Reply, ReplyChoice};
use crate::render::{
    self, TELEGRAM_CALLBACK_DATA, WA_BUTTON_TITLE, WA_INTERACTIVE_BODY, WA_MAX_BUTTONS,
    WA_MAX_ROWS, WA_ROW_TITLE, WA_TEXT,
};

/// Texts the engine itself uses (commands, crisis, retries, the services list).
pub const SYSTEM_MESSAGES: [&str; 27] = [
    "system-stop-done",
    "system-start-done",
    "system-erase-done",
    "system-safe-word",
    "system-safe-word-counsellor",
    "system-not-meant",
    "system-crisis-corrected",
    "system-media",
    "system-unsupported",
    "system-flow-changed",
    "system-clarify",
    "system-clarify-other",
    "system-retry-menu",
    "system-retry-ask",
    "system-list-button",
    "services-item",
    "services-local-header",
    "services-regency-header",
    "services-national-header",
    "services-phone",
    "services-whatsapp",
    "services-address",
    "services-website",
    "services-hours",
    "system-sla-wait",
    "system-sla-wait-closed",
    "system-broadcast-footer",
];

/// Message id prefixes used by code outside flows (the console, WhatsApp templates, the
/// opening hours line); such ids are never reported as unused.
pub const CODE_PREFIXES: [&str; 5] = ["console-", "template-", "system-", "services-", "topic-"];

/// Fields the system itself sets or reads.
pub const RESERVED_FIELDS: [&str; 5] = ["lang", "age_band", "kecamatan", "events", "invited_by"];

/// Variables every text may use, provided by the server (see `crate::bot::variables`).
pub const BUILTIN_VARIABLES: [&str; 7] = [
    "org_name",
    "retention_days",
    "invite_link",
    "invite_count",
    "office_hours",
    "office_open",
    "kecamatan_name",
];

/// Sample values for measuring texts (long-ish, like real ones).
fn sample_value(name: &str) -> String {
    match name {
        "org_name" => "DP3AP2KB Kabupaten Pasuruan".into(),
        "retention_days" => "90".into(),
        "invite_link" => "https://wa.me/6281100000000?text=GENRE-ABC123".into(),
        "invite_count" => "3".into(),
        "office_hours" => "Senin-Jumat 08.00-15.00 WIB".into(),
        "office_open" => "yes".into(),
        "kecamatan_name" | "kecamatan" => "Gondangwetan".into(),
        "lang" => "id".into(),
        "age_band" => "16-17".into(),
        "name" => "Puskesmas Gondangwetan".into(),
        "value" => "0811-1129-129".into(),
        _ => "contoh".into(),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn check(
    bundle: &Bundle,
    flows: &IndexMap<String, LoadedFlow>,
    flow_refs: &[FlowRef],
    message_refs: &[MessageRef],
    flows_dir: &Path,
    locales_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    check_targets(flows, diagnostics);
    check_flow_refs(flows, flow_refs, diagnostics);
    let used = check_messages(bundle, flows, message_refs, diagnostics);
    check_unused_messages(bundle, &used, diagnostics);
    check_variables(bundle, flows, &used, diagnostics);
    check_reachability(bundle, flows, flow_refs, diagnostics);
    check_loops(flows, diagnostics);
    check_whatsapp_limits(bundle, flows, diagnostics);
    check_sms_length(bundle, &used, locales_dir, diagnostics);
    check_phone_numbers(bundle, &used, diagnostics);
    note_unverified(bundle, flows_dir, diagnostics);
}

fn at(flow: &LoadedFlow, offset: usize) -> (usize, usize) {
    flow.source.line_col(offset)
}

fn check_targets(flows: &IndexMap<String, LoadedFlow>, diagnostics: &mut Vec<Diagnostic>) {
    let flow_ids: Vec<&str> = flows.keys().map(String::as_str).collect();
    for loaded in flows.values() {
        let flow = &loaded.flow;
        let nodes: Vec<&str> = flow.nodes.keys().map(String::as_str).collect();
        if !flow.nodes.contains_key(&flow.start) {
            let offset = loaded.spans.start.unwrap_or(0);
            diagnostics.push(
                Diagnostic::error(
                    &loaded.source.path,
                    at(loaded, offset),
                    format!(
                        "the flow starts at `{}`, which is not a node of this flow",
                        flow.start
                    ),
                )
                .hint(suggest(&flow.start, &nodes)),
            );
        }
        for (node, target, offset) in &loaded.spans.targets {
            match target {
                Target::Node(n) if !flow.nodes.contains_key(n) => diagnostics.push(
                    Diagnostic::error(
                        &loaded.source.path,
                        at(loaded, *offset),
                        format!("node `{node}` goes to `{n}`, which does not exist in this flow"),
                    )
                    .hint(format!(
                        "{}; to go to another flow write flow = \"<flow id>\" instead of goto",
                        suggest(n, &nodes)
                    )),
                ),
                Target::Flow(f) if !flows.contains_key(f) => diagnostics.push(
                    Diagnostic::error(
                        &loaded.source.path,
                        at(loaded, *offset),
                        format!("node `{node}` goes to flow `{f}`, which does not exist"),
                    )
                    .hint(format!(
                        "{} (flows are the files in flows/)",
                        suggest(f, &flow_ids)
                    )),
                ),
                _ => {}
            }
        }
    }
}

fn suggest(wrong: &str, candidates: &[&str]) -> String {
    match closest(wrong, candidates.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => format!("use one of: {}", candidates.join(", ")),
    }
}

fn check_flow_refs(
    flows: &IndexMap<String, LoadedFlow>,
    refs: &[FlowRef],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let flow_ids: Vec<&str> = flows.keys().map(String::as_str).collect();
    for r in refs {
        if !flows.contains_key(&r.flow) {
            diagnostics.push(
                Diagnostic::error(
                    &r.file,
                    r.source.line_col(r.offset),
                    format!("flow `{}` does not exist", r.flow),
                )
                .hint(format!(
                    "{} (flows are the files in flows/)",
                    suggest(&r.flow, &flow_ids)
                )),
            );
        }
    }
}

/// Checks that every text used exists in every language; returns the ids used.
fn check_messages(
    bundle: &Bundle,
    flows: &IndexMap<String, LoadedFlow>,
    message_refs: &[MessageRef],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeSet<String> {
    let texts = &bundle.texts;
    let default = texts.default_lang().to_string();
    let mut used = BTreeSet::new();
    let mut places: Vec<(String, std::path::PathBuf, (usize, usize))> = Vec::new();
    for loaded in flows.values() {
        for (_, id, offset) in &loaded.spans.messages {
            places.push((id.clone(), loaded.source.path.clone(), at(loaded, *offset)));
        }
    }
    for r in message_refs {
        places.push((r.flow.clone(), r.file.clone(), r.source.line_col(r.offset)));
    }
    for id in SYSTEM_MESSAGES {
        places.push((
            id.to_string(),
            Path::new("(built in)").to_path_buf(),
            (0, 0),
        ));
    }
    for kind in bundle
        .directory
        .all_services()
        .map(|(_, s)| format!("services-kind-{}", s.kind))
        .collect::<BTreeSet<_>>()
    {
        places.push((
            kind,
            Path::new("flows/data/services.toml").to_path_buf(),
            (0, 0),
        ));
    }
    let defined: Vec<&str> = texts
        .catalog
        .get(&default)
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut reported = HashSet::new();
    for (id, file, position) in places {
        used.insert(id.clone());
        if !texts.has(&id) {
            if reported.insert((id.clone(), file.clone())) {
                diagnostics.push(
                    Diagnostic::error(&file, position, format!("text `{id}` is not in locales/{default}/"))
                        .hint(match closest(&id, defined.iter().copied()) {
                            Some(c) => format!("did you mean `{c}`? Otherwise add `{id} = ...` to a file in locales/{default}/"),
                            None => format!("add `{id} = ...` to a file in locales/{default}/"),
                        }),
                );
            }
            continue;
        }
        for (lang, messages) in &texts.catalog {
            if lang != &default
                && !messages.contains_key(&id)
                && reported.insert((id.clone(), Path::new(lang).to_path_buf()))
            {
                let origin = &texts.catalog[&default][&id];
                diagnostics.push(
                    Diagnostic::warning(&origin.file, (origin.line, 1), format!(
                        "text `{id}` has no `{lang}` translation; {lang} readers get the {default} text"
                    ))
                    .hint(format!("add `{id} = ...` to a file in locales/{lang}/")),
                );
            }
        }
    }
    // Messages referenced from other messages are used too.
    let mut frontier: Vec<String> = used.iter().cloned().collect();
    while let Some(id) = frontier.pop() {
        for messages in texts.catalog.values() {
            if let Some(info) = messages.get(&id) {
                for r in &info.references {
                    if used.insert(r.clone()) {
                        frontier.push(r.clone());
                    }
                }
            }
        }
    }
    used
}

fn check_unused_messages(
    bundle: &Bundle,
    used: &BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (lang, messages) in &bundle.texts.catalog {
        for (id, info) in messages {
            if !used.contains(id) && !CODE_PREFIXES.iter().any(|p| id.starts_with(p)) {
                diagnostics.push(
                    Diagnostic::warning(
                        &info.file,
                        (info.line, 1),
                        format!("text `{id}` is never used"),
                    )
                    .hint(format!(
                        "use it in a flow (say = \"{id}\") or remove it from locales/{lang}/"
                    )),
                );
            }
        }
    }
}

fn check_variables(
    bundle: &Bundle,
    flows: &IndexMap<String, LoadedFlow>,
    used: &BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut known: BTreeSet<String> = RESERVED_FIELDS
        .iter()
        .chain(BUILTIN_VARIABLES.iter())
        .map(|s| s.to_string())
        .collect();
    for loaded in flows.values() {
        for (_, field) in &loaded.spans.writes {
            known.insert(field.clone());
        }
    }
    for (lang, messages) in &bundle.texts.catalog {
        for (id, info) in messages {
            if !used.contains(id) {
                continue;
            }
            for var in &info.variables {
                let services_only =
                    id.starts_with("services-") && (var == "name" || var == "value");
                if !known.contains(var) && !services_only {
                    diagnostics.push(
                        Diagnostic::error(&info.file, (info.line, 1), format!(
                            "text `{id}` ({lang}) uses {{ ${var} }}, but no flow sets a field `{var}`"
                        ))
                        .hint(format!(
                            "fix the name or set the field in a flow; texts may use contact fields and {}",
                            BUILTIN_VARIABLES.join(", ")
                        )),
                    );
                }
            }
        }
    }
    for loaded in flows.values() {
        for (node, field, offset) in &loaded.spans.reads {
            if !known.contains(field) {
                diagnostics.push(
                    Diagnostic::warning(
                        &loaded.source.path,
                        at(loaded, *offset),
                        format!("node `{node}` tests field `{field}`, which no flow sets"),
                    )
                    .hint(
                        match closest(field, known.iter().map(String::as_str)) {
                            Some(c) => format!("did you mean `{c}`?"),
                            None => {
                                "set it with an ask or set node first, or fix the name".to_string()
                            }
                        },
                    ),
                );
            }
        }
    }
}

fn check_reachability(
    bundle: &Bundle,
    flows: &IndexMap<String, LoadedFlow>,
    flow_refs: &[FlowRef],
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Nodes within each flow, from its start.
    for loaded in flows.values() {
        let flow = &loaded.flow;
        let mut seen = HashSet::new();
        let mut stack = vec![flow.start.clone()];
        while let Some(id) = stack.pop() {
            if !seen.insert(id.clone()) {
                continue;
            }
            if let Some(node) = flow.nodes.get(&id) {
                for t in node.targets() {
                    if let Target::Node(n) = t {
                        stack.push(n.clone());
                    }
                }
            }
        }
        for (id, offset) in &loaded.spans.nodes {
            if !seen.contains(id) {
                diagnostics.push(
                    Diagnostic::warning(
                        &loaded.source.path,
                        at(loaded, *offset),
                        format!("node `{id}` can never be reached from the start of the flow"),
                    )
                    .hint("lead to it with a goto from another node, or remove it"),
                );
            }
        }
    }
    // Flows, from the special flows, topics and triggers.
    let mut referenced: HashSet<String> = flow_refs.iter().map(|r| r.flow.clone()).collect();
    for (_, f) in bundle.routing.flows.all() {
        referenced.insert(f.to_string());
    }
    for loaded in flows.values() {
        for (_, t, _) in &loaded.spans.targets {
            if let Target::Flow(f) = t {
                referenced.insert(f.clone());
            }
        }
    }
    for (id, loaded) in flows {
        if !referenced.contains(id) {
            diagnostics.push(
                Diagnostic::warning(&loaded.source.path, (1, 1), format!("no menu, topic or trigger ever starts flow `{id}`"))
                    .hint("add it to a menu (flow = \"...\"), a topic in flows/routing/topics.toml or a trigger"),
            );
        }
    }
}

/// A node of the whole graph: (flow, node).
type Key = (String, String);

/// Finds loops that never wait for the teen, and loops with no way out.
fn check_loops(flows: &IndexMap<String, LoadedFlow>, diagnostics: &mut Vec<Diagnostic>) {
    let mut edges: HashMap<Key, Vec<Key>> = HashMap::new();
    let mut exits: HashSet<Key> = HashSet::new();
    let mut waits: HashSet<Key> = HashSet::new();
    for loaded in flows.values() {
        let flow = &loaded.flow;
        for (id, node) in &flow.nodes {
            let key = (flow.id.clone(), id.clone());
            if node.waits() {
                waits.insert(key.clone());
            }
            let mut targets: Vec<&Target> = node.targets();
            if let Node::Call { flow: callee, .. } = node {
                if let Some(f) = flows.get(callee) {
                    edges
                        .entry(key.clone())
                        .or_default()
                        .push((callee.clone(), f.flow.start.clone()));
                }
                // The call returns: its `next` is reached after the callee ends.
                targets = node.targets();
            }
            if matches!(node, Node::End { .. } | Node::Escalate { .. }) {
                exits.insert(key.clone());
            }
            if let Node::Action { action, .. } = node
                && matches!(
                    action,
                    crate::engine::flow::Action::OptOut | crate::engine::flow::Action::Erase
                )
            {
                exits.insert(key.clone());
            }
            for t in targets {
                match t {
                    Target::Node(n) => edges
                        .entry(key.clone())
                        .or_default()
                        .push((flow.id.clone(), n.clone())),
                    Target::Flow(f) => {
                        if let Some(other) = flows.get(f) {
                            edges
                                .entry(key.clone())
                                .or_default()
                                .push((f.clone(), other.flow.start.clone()));
                        }
                    }
                    Target::End => {
                        exits.insert(key.clone());
                    }
                }
            }
        }
    }
    for component in strongly_connected(&edges) {
        let is_loop = component.len() > 1
            || edges
                .get(&component[0])
                .is_some_and(|e| e.contains(&component[0]));
        if !is_loop {
            continue;
        }
        let members: HashSet<&Key> = component.iter().collect();
        let (flow, node) = &component[0];
        let Some(loaded) = flows.get(flow) else {
            continue;
        };
        let offset = loaded.spans.nodes.get(node).copied().unwrap_or(0);
        let names: Vec<String> = component.iter().map(|(f, n)| format!("{f}/{n}")).collect();
        if !component.iter().any(|k| waits.contains(k)) {
            diagnostics.push(
                Diagnostic::error(
                    &loaded.source.path,
                    at(loaded, offset),
                    format!(
                        "these nodes go round in a loop without ever waiting for the teen: {}",
                        names.join(" → ")
                    ),
                )
                .hint("put a menu or ask node in the loop, or let one of them go elsewhere"),
            );
            continue;
        }
        let leaves = component.iter().any(|k| {
            exits.contains(k)
                || edges
                    .get(k)
                    .is_some_and(|e| e.iter().any(|t| !members.contains(t)))
        });
        if !leaves {
            diagnostics.push(
                Diagnostic::error(
                    &loaded.source.path,
                    at(loaded, offset),
                    format!(
                        "once in this loop a teen can never leave it: {}",
                        names.join(" → ")
                    ),
                )
                .hint("give one of the menus a choice that ends the flow or goes to another flow"),
            );
        }
    }
}

/// Tarjan's algorithm, iterative; components come out in no particular order.
fn strongly_connected(edges: &HashMap<Key, Vec<Key>>) -> Vec<Vec<Key>> {
    let mut nodes: Vec<&Key> = edges.keys().chain(edges.values().flatten()).collect();
    nodes.sort();
    nodes.dedup();
    let mut index: HashMap<&Key, usize> = HashMap::new();
    let mut low: HashMap<&Key, usize> = HashMap::new();
    let mut on_stack: HashSet<&Key> = HashSet::new();
    let mut stack: Vec<&Key> = Vec::new();
    let mut components = Vec::new();
    let mut counter = 0;
    let empty = Vec::new();
    for root in nodes {
        if index.contains_key(root) {
            continue;
        }
        let mut work: Vec<(&Key, usize)> = vec![(root, 0)];
        while let Some((v, i)) = work.pop() {
            if i == 0 {
                index.insert(v, counter);
                low.insert(v, counter);
                counter += 1;
                stack.push(v);
                on_stack.insert(v);
            }
            let successors = edges.get(v).unwrap_or(&empty);
            if let Some(w) = successors.get(i) {
                work.push((v, i + 1));
                if !index.contains_key(w) {
                    work.push((w, 0));
                } else if on_stack.contains(w) {
                    let lw = index[w];
                    let lv = low[v];
                    low.insert(v, lv.min(lw));
                }
                continue;
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack.remove(w);
                    component.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                components.push(component);
            }
            if let Some((parent, _)) = work.last() {
                let lv = low[v];
                let lp = low[*parent];
                low.insert(*parent, lp.min(lv));
            }
        }
    }
    components
}

fn sample_args(bundle: &Bundle, id: &str, lang: &str) -> fluent_bundle::FluentArgs<'static> {
    let mut args = fluent_bundle::FluentArgs::new();
    if let Some(info) = bundle.texts.catalog.get(lang).and_then(|m| m.get(id)) {
        for var in &info.variables {
            args.set(var.clone(), sample_value(var));
        }
    }
    args
}

fn check_whatsapp_limits(
    bundle: &Bundle,
    flows: &IndexMap<String, LoadedFlow>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let langs: Vec<String> = bundle.texts.languages().map(str::to_string).collect();
    for loaded in flows.values() {
        for (node_id, node) in &loaded.flow.nodes {
            let offset = loaded.spans.nodes.get(node_id).copied().unwrap_or(0);
            let place = at(loaded, offset);
            let Node::Menu(menu) = node else { continue };
            if menu.choices.len() > WA_MAX_ROWS {
                diagnostics.push(
                    Diagnostic::error(&loaded.source.path, place, format!(
                        "menu `{node_id}` has {} choices; WhatsApp lists show at most {WA_MAX_ROWS}",
                        menu.choices.len()
                    ))
                    .hint("split the menu in two (a \"more\" choice that goes to a second menu)"),
                );
            }
            for choice in &menu.choices {
                let id = format!("{}/{node_id}/{}", loaded.flow.id, choice.key);
                if id.len() > TELEGRAM_CALLBACK_DATA {
                    diagnostics.push(
                        Diagnostic::error(&loaded.source.path, place, format!(
                            "the button id `{id}` is longer than Telegram's {TELEGRAM_CALLBACK_DATA} bytes"
                        ))
                        .hint("use a shorter flow id, node id or choice key"),
                    );
                }
            }
            for lang in &langs {
                let titles: Vec<String> = menu
                    .choices
                    .iter()
                    .filter_map(|c| {
                        bundle
                            .texts
                            .format(lang, &c.label, Some(&sample_args(bundle, &c.label, lang)))
                            .ok()
                    })
                    .collect();
                for (choice, title) in menu.choices.iter().zip(&titles) {
                    let len = title.chars().count();
                    if len > WA_ROW_TITLE {
                        diagnostics.push(
                            Diagnostic::error(&loaded.source.path, place, format!(
                                "choice `{}` of menu `{node_id}` is {len} characters in {lang} (\"{title}\"); WhatsApp cuts titles after {WA_ROW_TITLE}",
                                choice.label
                            ))
                            .hint(format!("shorten `{}` in locales/{lang}/", choice.label)),
                        );
                    }
                }
                if menu.choices.len() <= WA_MAX_BUTTONS
                    && let Some((choice, title)) =
                        menu.choices.iter().zip(&titles).find(|(_, t)| {
                            t.chars().count() > WA_BUTTON_TITLE && t.chars().count() <= WA_ROW_TITLE
                        })
                {
                    diagnostics.push(
                        Diagnostic::note(&loaded.source.path, place, format!(
                            "menu `{node_id}` shows as a list in {lang}, not buttons: `{}` (\"{title}\") is over {WA_BUTTON_TITLE} characters",
                            choice.label
                        ))
                        .hint("shorten it to 20 characters if buttons are wanted"),
                    );
                }
                if let Some(last) = menu.say.last()
                    && let Ok(body) =
                        bundle
                            .texts
                            .format(lang, last, Some(&sample_args(bundle, last, lang)))
                    && body.chars().count() > WA_INTERACTIVE_BODY
                {
                    diagnostics.push(
                        Diagnostic::error(&loaded.source.path, place, format!(
                            "the question of menu `{node_id}` (`{last}`, {lang}) is {} characters; WhatsApp allows {WA_INTERACTIVE_BODY} above buttons",
                            body.chars().count()
                        ))
                        .hint("shorten it, or put the long part in an earlier say message"),
                    );
                }
            }
        }
    }
}

fn check_sms_length(
    bundle: &Bundle,
    used: &BTreeSet<String>,
    locales_dir: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let _ = locales_dir;
    for (lang, messages) in &bundle.texts.catalog {
        for (id, info) in messages {
            if !used.contains(id) {
                continue;
            }
            let Ok(text) = bundle
                .texts
                .format(lang, id, Some(&sample_args(bundle, id, lang)))
            else {
                continue;
            };
            if text.chars().count() > WA_TEXT {
                diagnostics.push(
                    Diagnostic::error(
                        &info.file,
                        (info.line, 1),
                        format!(
                            "text `{id}` ({lang}) is {} characters; WhatsApp allows {WA_TEXT}",
                            text.chars().count()
                        ),
                    )
                    .hint("split it into two messages"),
                );
            }
            let reply = Reply {
                text,
                choices: Vec::<ReplyChoice>::new(),
                list_button: None,
                even_if_stopped: false,
            };
            let (encoding, segments) = render::sms_segments(&render::sms_text(&reply));
            if segments > 3 {
                diagnostics.push(
                    Diagnostic::warning(&info.file, (info.line, 1), format!(
                        "text `{id}` ({lang}) takes {segments} SMS segments ({encoding:?}); keep SMS to 3"
                    ))
                    .hint(if encoding == render::Encoding::Ucs2 {
                        "emoji or special characters make every segment shorter; remove them or shorten the text"
                    } else {
                        "shorten the text or split it into two messages"
                    }),
                );
            }
        }
    }
}

/// Phone numbers in texts: 3-digit service numbers (110, 112, 119, 129), mobile and landline
/// numbers starting with 0 or +62.
fn phone_number_pattern() -> Regex {
    Regex::new(r"(?x)
        (?:\+62[\s.-]?|\b0)\d{1,4}(?:[\s.-]?\d{2,5}){1,4}\b   # 0811-1129-129, +62 811 1129 129, 021-129
        | \b1\d\d\b                                    # 112, 129
    ")
    .expect("the phone number pattern is valid")
}

fn check_phone_numbers(
    bundle: &Bundle,
    used: &BTreeSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let pattern = phone_number_pattern();
    let verified: BTreeSet<String> = bundle.directory.verified_numbers().into_iter().collect();
    for (lang, messages) in &bundle.texts.catalog {
        for (id, info) in messages {
            if !used.contains(id) && !id.starts_with("template-") {
                continue;
            }
            for m in pattern.find_iter(&info.source) {
                let digits = crate::directory::digits(m.as_str());
                if !verified.contains(&digits) {
                    diagnostics.push(
                        Diagnostic::error(&info.file, (info.line, 1), format!(
                            "text `{id}` ({lang}) mentions the number {}, which is not a verified number in flows/data/services.toml",
                            m.as_str()
                        ))
                        .hint("never give teens a number nobody has verified: add it to the directory with its source and verified = true, or remove it"),
                    );
                }
            }
        }
    }
}

fn note_unverified(bundle: &Bundle, flows_dir: &Path, diagnostics: &mut Vec<Diagnostic>) {
    let without: Vec<String> = bundle
        .directory
        .all_services()
        .filter(|(_, s)| s.shown_contacts().next().is_none())
        .map(|(_, s)| s.id.clone())
        .collect();
    if !without.is_empty() {
        let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
        for (_, s) in bundle.directory.all_services() {
            if s.shown_contacts().next().is_none() {
                *by_kind.entry(s.kind.clone()).or_default() += 1;
            }
        }
        let summary: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
        diagnostics.push(
            Diagnostic::note(&flows_dir.join("data/services.toml"), (0, 0), format!(
                "{} services have no verified contact detail, so teens see only their name and kecamatan ({})",
                without.len(),
                summary.join(", ")
            ))
            .hint("verify phone numbers or addresses with each service, then add them with verified = true"),
        );
    }
    let _ = Source::read;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_found_in_the_usual_spellings() {
        let p = phone_number_pattern();
        let found: Vec<&str> = p
            .find_iter("Telepon 112 atau 129, WA 0811-1129-129 / +62 811 1129 129. Umur 19 tahun, UU 16/2019.")
            .map(|m| m.as_str())
            .collect();
        assert_eq!(found, ["112", "129", "0811-1129-129", "+62 811 1129 129"]);
    }

    #[test]
    fn tarjan_finds_cycles() {
        let k = |n: &str| ("f".to_string(), n.to_string());
        let mut edges = HashMap::new();
        edges.insert(k("a"), vec![k("b")]);
        edges.insert(k("b"), vec![k("a"), k("c")]);
        edges.insert(k("c"), vec![]);
        let mut components: Vec<usize> = strongly_connected(&edges).iter().map(Vec::len).collect();
        components.sort();
        assert_eq!(components, [1, 2]);
    }
}
