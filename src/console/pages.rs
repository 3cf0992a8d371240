//! The console's pages and actions.

use std::convert::Infallible;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse, Redirect, Response};
use fluent_bundle::FluentArgs;
use futures_util::{Stream, StreamExt};
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;
use tokio::sync::broadcast;

use super::auth::{Viewer, hash_password};
use super::team::{Draft, check_password, split_list};
use super::{Texts, page};
use crate::app::{AppState, ConsoleEvent};
use crate::store::StoreError;
use crate::store::cases::{CaseRow, OUTCOMES, Speaker};
use crate::store::counsellors::{Counsellor, Role};

/// Whether a counsellor may see and act on a case: supervisors and admins see all; others the
/// cases they hold and those of their topics and kecamatan.
pub fn can_see(me: &Counsellor, case: &CaseRow) -> bool {
    me.role.sees_everything()
        || case.assignee_id == Some(me.id)
        || me.covers(&case.topic, case.kecamatan.as_deref())
}

fn forbidden(t: &Texts) -> Response {
    (StatusCode::FORBIDDEN, t.t("console-not-allowed")).into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "no such case\n").into_response()
}

/// A store error as a response (for the console's other modules).
pub fn failed_response(e: StoreError) -> Response {
    failed(e)
}

fn failed(e: StoreError) -> Response {
    match e {
        StoreError::NotFound => not_found(),
        e => {
            tracing::error!(error = %e, "console action failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "something went wrong; try again\n",
            )
                .into_response()
        }
    }
}

const LIVE_QUEUE: &str = r#"
(function(){
  const box = document.getElementById('queue');
  const title = document.title.replace(/^\(\d+\) /, '');
  async function refresh(){
    const r = await fetch('/console/queue', {credentials:'same-origin'});
    if (!r.ok) return;
    box.innerHTML = await r.text();
    const n = parseInt(box.firstElementChild ? box.firstElementChild.dataset.waiting || '0' : '0', 10);
    document.title = (n > 0 ? '(' + n + ') ' : '') + title;
  }
  const es = new EventSource('/console/events');
  es.onmessage = refresh;
  // A safety net for an event lost while a connection was re-established.
  setInterval(refresh, 60000);
})();
"#;

const LIVE_CASE: &str = r#"
(function(){
  const box = document.getElementById('lines');
  const id = box.dataset.case, contact = box.dataset.contact;
  async function refresh(){
    const r = await fetch('/console/cases/' + id + '/lines', {credentials:'same-origin'});
    if (r.ok) { box.innerHTML = await r.text(); box.scrollTop = box.scrollHeight; }
  }
  const es = new EventSource('/console/events');
  es.onmessage = function(e){
    const ev = JSON.parse(e.data);
    if ((ev.kind === 'message' && String(ev.contact) === contact) || (ev.kind === 'case' && String(ev.id) === id)) refresh();
  };
  const canned = document.getElementById('canned');
  if (canned) canned.onchange = function(){ if (canned.value) document.getElementById('reply').value = canned.value; };
})();
"#;

/// The queue's sections, for the signed-in counsellor.
async fn queue_markup(
    app: &AppState,
    viewer: &Viewer,
    t: &Texts<'_>,
) -> Result<(Markup, usize), StoreError> {
    let now = app.clock.now_ms();
    let open = app.db.cases(true, 500).await?;
    let closed = app.db.cases(false, 30).await?;
    let me = &viewer.me;
    let mine: Vec<&CaseRow> = open
        .iter()
        .filter(|c| c.assignee_id == Some(me.id))
        .collect();
    let waiting: Vec<&CaseRow> = open
        .iter()
        .filter(|c| c.status == "waiting" && can_see(me, c))
        .collect();
    let others: Vec<&CaseRow> = open
        .iter()
        .filter(|c| c.status == "assigned" && c.assignee_id != Some(me.id) && can_see(me, c))
        .collect();
    let closed: Vec<&CaseRow> = closed.iter().filter(|c| can_see(me, c)).collect();
    let alerts = if me.role.sees_everything() {
        app.db.open_alerts().await?
    } else {
        vec![]
    };
    let row = |c: &CaseRow| {
        html! {
            a.card.case href=(format!("/console/cases/{}", c.id)) {
                @if c.urgent { span.badge.urgent { (t.t("console-urgent")) } " " } @else { span.badge { (t.t("console-normal")) } " " }
                strong { (t.topic(&c.topic)) } " · " (c.pseudonym)
                div.meta {
                    (c.kecamatan.clone().unwrap_or_else(|| t.t("console-unknown-kecamatan")))
                    " · " (t.t("console-waited")) " " (t.duration(now - c.opened_at))
                    @if let Some(name) = &c.assignee_name { " · " (t.t("console-assigned-to")) " " (name) }
                    @if c.corrected { " · " (t.t("console-corrected")) }
                }
            }
        }
    };
    let section = |title: String, list: &[&CaseRow]| {
        html! {
            h2 { (title) " (" (list.len()) ")" }
            @if list.is_empty() { p.meta { (t.t("console-none")) } }
            @for c in list { (row(c)) }
        }
    };
    let markup = html! {
        div data-waiting=(waiting.len()) {
            @if !alerts.is_empty() {
                h2 { (t.t("console-alerts")) }
                @for (_, case_id, _) in &alerts {
                    a.card.case href=(format!("/console/cases/{case_id}")) {
                        span.badge.urgent { "SLA" } " " ({
                            let mut args = FluentArgs::new();
                            args.set("case", *case_id);
                            t.t_with("console-alert-sla", &args)
                        })
                    }
                }
            }
            (section(t.t("console-mine"), &mine))
            (section(t.t("console-waiting"), &waiting))
            @if !others.is_empty() { (section(t.t("console-others"), &others)) }
            (section(t.t("console-closed"), &closed))
        }
    };
    Ok((markup, waiting.len()))
}

/// `GET /console`: the queue, updated live.
pub async fn queue(State(app): State<AppState>, viewer: Viewer) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    match queue_markup(&app, &viewer, &t).await {
        Ok((markup, waiting)) => {
            let body = html! {
                main {
                    h1 { (t.t("console-queue")) " · " (viewer.me.name) }
                    div #queue { (markup) }
                }
                script { (PreEscaped(LIVE_QUEUE)) }
            };
            Html(page(&t, &t.t("console-title"), Some(&viewer), waiting, body).into_string())
                .into_response()
        }
        Err(e) => failed(e),
    }
}

/// `GET /console/queue`: the queue's sections alone (for live refresh).
pub async fn queue_fragment(State(app): State<AppState>, viewer: Viewer) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    match queue_markup(&app, &viewer, &t).await {
        Ok((markup, _)) => Html(markup.into_string()).into_response(),
        Err(e) => failed(e),
    }
}

/// `GET /console/events`: server-sent events for consoles.
pub async fn events(
    State(app): State<AppState>,
    _viewer: Viewer,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = app.console_events.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(event) => {
                    let json = serde_json::to_string(&event).unwrap_or_default();
                    return Some((Ok(Event::default().data(json)), rx));
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    // The stream ends on shutdown, or graceful shutdown would wait for every open console.
    let stream = stream.take_until(app.shutdown.clone().cancelled_owned());
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn lines_markup(app: &AppState, t: &Texts<'_>, case: &CaseRow) -> Result<Markup, StoreError> {
    let lines = app.db.conversation(case.contact_id, 200).await?;
    Ok(html! {
        @for line in &lines {
            @let (class, who) = match line.speaker {
                Speaker::Teen => ("line teen", t.t("console-speaker-teen")),
                Speaker::Bot => ("line bot", t.t("console-speaker-bot")),
                Speaker::Counsellor => ("line counsellor", t.t("console-speaker-counsellor")),
            };
            div class=(class) {
                small { (who) " · " (t.time(line.at)) @if let Some(s) = &line.state { " · " (t.delivery(s)) } }
                (line.text)
            }
        }
    })
}

/// The WhatsApp 24-hour window, as the counsellor needs to know it.
fn window_markup(app: &AppState, t: &Texts, case: &CaseRow) -> Markup {
    let now = app.clock.now_ms();
    if case.channel != "whatsapp" {
        return html! { p { span.badge { (t.t("console-window-sms")) } } };
    }
    let left = case
        .last_inbound_at
        .map_or(0, |last| last + 24 * 3_600_000 - now);
    if left > 0 {
        let mut args = FluentArgs::new();
        args.set("left", t.duration(left));
        html! { p { span.badge.ok { (t.t_with("console-window-open", &args)) } } }
    } else {
        let template = app
            .channels
            .whatsapp
            .as_ref()
            .and_then(|w| w.template.clone());
        match template {
            Some((name, _)) => {
                let mut args = FluentArgs::new();
                args.set("template", name);
                html! { p { span.badge.warn { (t.t_with("console-window-closed-template", &args)) } } }
            }
            None => html! { p { span.badge.urgent { (t.t("console-window-closed-none")) } } },
        }
    }
}

/// `GET /console/cases/{id}`
pub async fn case_page(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Response {
    render_case(&app, &viewer, id, None).await
}

async fn render_case(
    app: &AppState,
    viewer: &Viewer,
    id: i64,
    revealed: Option<String>,
) -> Response {
    let t = Texts::new(app, &viewer.lang);
    let case = match app.db.case(id).await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    if !can_see(&viewer.me, &case) {
        return forbidden(&t);
    }
    let now = app.clock.now_ms();
    let _ = app
        .db
        .audit(
            now,
            Some(viewer.me.id),
            "case.view",
            &format!("case {id}"),
            "",
        )
        .await;
    let lines = match lines_markup(app, &t, &case).await {
        Ok(m) => m,
        Err(e) => return failed(e),
    };
    let notes = app.db.notes(id).await.unwrap_or_default();
    let team = app.db.counsellors().await.unwrap_or_default();
    let teen_lang = app
        .db
        .contact_lang(case.contact_id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| "id".into());
    let canned: Vec<(String, String)> = [
        "console-canned-greeting",
        "console-canned-listening",
        "console-canned-puskesmas",
        "console-canned-sapa",
        "console-canned-closing",
    ]
    .iter()
    .map(|id| {
        let label = t.t(&format!("{id}-label"));
        let text = app
            .bundle
            .texts
            .format(&teen_lang, id, None)
            .unwrap_or_default();
        (label, text)
    })
    .collect();
    let open = case.status != "closed";
    let status = t.t(&format!("console-status-{}", case.status));
    let csrf = &viewer.csrf;
    let body = html! {
        main {
            p { a href="/console" { "← " (t.t("console-back")) } }
            h1 {
                @if case.urgent { span.badge.urgent { (t.t("console-urgent")) } " " }
                (t.t("console-case")) " #" (case.id) " · " (case.pseudonym)
            }
            div.card {
                div { (t.t("console-topic")) ": " strong { (t.topic(&case.topic)) } }
                div { (t.t("console-kecamatan")) ": " (case.kecamatan.clone().unwrap_or_else(|| t.t("console-unknown-kecamatan"))) }
                div { (t.t("console-age-band")) ": " (case.age_band.clone().unwrap_or_else(|| "-".into())) }
                div { (t.t("console-channel")) ": " (case.channel) }
                div { (t.t("console-status")) ": " (status) @if let Some(name) = &case.assignee_name { " · " (name) } }
                div { (t.t("console-opened")) ": " (t.time(case.opened_at)) " (" (t.duration(now - case.opened_at)) ")" }
                div { (t.t("console-reason")) ": " (t.reason(&case.origin, &case.reason)) }
                @if case.corrected { div.badge.warn { (t.t("console-corrected")) } }
                @if case.erased { div.badge.warn { (t.t("console-erased")) } }
                (window_markup(app, &t, &case))
            }
            h2 { (t.t("console-conversation")) }
            div.card.lines #lines data-case=(case.id) data-contact=(case.contact_id) { (lines) }
            @if open && !case.erased {
                div.card {
                    form method="post" action=(format!("/console/cases/{}/reply", case.id)) {
                        input type="hidden" name="csrf" value=(csrf);
                        label {
                            (t.t("console-canned"))
                            select #canned {
                                option value="" { (t.t("console-canned-choose")) }
                                @for (label, text) in &canned { option value=(text) { (label) } }
                            }
                        }
                        label { (t.t("console-reply")) textarea #reply name="text" required maxlength="4000" {} }
                        button type="submit" { (t.t("console-send")) }
                    }
                }
                div.card.row {
                    @if case.assignee_id != Some(viewer.me.id) {
                        form method="post" action=(format!("/console/cases/{}/take", case.id)) {
                            input type="hidden" name="csrf" value=(csrf);
                            button type="submit" { (t.t("console-take")) }
                        }
                    }
                    form method="post" action=(format!("/console/cases/{}/transfer", case.id)) {
                        input type="hidden" name="csrf" value=(csrf);
                        label { (t.t("console-transfer-to"))
                            select name="to" {
                                @for c in team.iter().filter(|c| !c.disabled && c.id != viewer.me.id) {
                                    option value=(c.id) { (c.name) @if c.available { " ✓" } }
                                }
                            }
                        }
                        button.secondary type="submit" { (t.t("console-transfer")) }
                    }
                    form method="post" action=(format!("/console/cases/{}/close", case.id)) {
                        input type="hidden" name="csrf" value=(csrf);
                        label { (t.t("console-outcome"))
                            select name="outcome" {
                                @for o in OUTCOMES.iter().filter(|o| **o != "erased") {
                                    option value=(o) { (t.t(&format!("console-outcome-{o}"))) }
                                }
                            }
                        }
                        button.secondary type="submit" { (t.t("console-close")) }
                    }
                }
            }
            h2 { (t.t("console-notes")) }
            div.card {
                @for n in &notes { p { small { (n.author) " · " (t.time(n.at)) } br; (n.body) } }
                form method="post" action=(format!("/console/cases/{}/note", case.id)) {
                    input type="hidden" name="csrf" value=(csrf);
                    textarea name="body" required maxlength="4000" {}
                    button.secondary type="submit" { (t.t("console-add-note")) }
                }
            }
            @if viewer.me.role.sees_everything() && !case.erased {
                div.card {
                    @if let Some(number) = &revealed {
                        p { strong { (t.t("console-revealed")) ": " (number) } }
                    } @else {
                        form method="post" action=(format!("/console/cases/{}/reveal", case.id)) {
                            input type="hidden" name="csrf" value=(csrf);
                            label { (t.t("console-reveal-reason")) input name="reason" required minlength="10" maxlength="500"; }
                            button.secondary type="submit" { (t.t("console-reveal")) }
                        }
                    }
                }
            }
        }
        script { (PreEscaped(LIVE_CASE)) }
    };
    Html(page(&t, &format!("#{} · Genre", case.id), Some(viewer), 0, body).into_string())
        .into_response()
}

/// `GET /console/cases/{id}/lines`: the conversation alone (for live refresh).
pub async fn case_lines(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    let case = match app.db.case(id).await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    if !can_see(&viewer.me, &case) {
        return forbidden(&t);
    }
    match lines_markup(&app, &t, &case).await {
        Ok(m) => Html(m.into_string()).into_response(),
        Err(e) => failed(e),
    }
}

#[derive(Deserialize)]
pub struct ReplyForm {
    csrf: String,
    text: String,
}

/// Loads a case the viewer may act on, after the CSRF check.
async fn acting_on(
    app: &AppState,
    viewer: &Viewer,
    id: i64,
    csrf: &str,
) -> Result<CaseRow, Response> {
    viewer.check(csrf).map_err(IntoResponse::into_response)?;
    let t = Texts::new(app, &viewer.lang);
    let case = app.db.case(id).await.map_err(failed)?;
    if !can_see(&viewer.me, &case) {
        return Err(forbidden(&t));
    }
    Ok(case)
}

fn back_to(id: i64) -> Response {
    Redirect::to(&format!("/console/cases/{id}")).into_response()
}

/// `POST /console/cases/{id}/reply`: the text goes out through the teen's own channel.
pub async fn reply(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ReplyForm>,
) -> Response {
    let case = match acting_on(&app, &viewer, id, &form.csrf).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let text = form.text.trim();
    if text.is_empty() || case.erased || case.status == "closed" {
        return back_to(id);
    }
    let now = app.clock.now_ms();
    if let Err(e) = app.db.counsellor_reply(id, viewer.me.id, text, now).await {
        return failed(e);
    }
    app.wake_sender.notify_one();
    app.wake_worker.notify_one();
    app.publish(ConsoleEvent::Case { id }).await;
    back_to(id)
}

#[derive(Deserialize)]
pub struct NoteForm {
    csrf: String,
    body: String,
}

/// `POST /console/cases/{id}/note`: an internal note (never sent to the teen).
pub async fn note(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<NoteForm>,
) -> Response {
    if let Err(r) = acting_on(&app, &viewer, id, &form.csrf).await {
        return r;
    }
    if !form.body.trim().is_empty()
        && let Err(e) = app
            .db
            .add_note(id, viewer.me.id, form.body.trim(), app.clock.now_ms())
            .await
    {
        return failed(e);
    }
    back_to(id)
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    csrf: String,
}

/// `POST /console/cases/{id}/take`
pub async fn take(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    if let Err(r) = acting_on(&app, &viewer, id, &form.csrf).await {
        return r;
    }
    let now = app.clock.now_ms();
    if let Err(e) = app.db.assign_case(id, viewer.me.id, now).await {
        return failed(e);
    }
    let _ = app
        .db
        .audit(
            now,
            Some(viewer.me.id),
            "case.take",
            &format!("case {id}"),
            "",
        )
        .await;
    app.publish(ConsoleEvent::Case { id }).await;
    back_to(id)
}

#[derive(Deserialize)]
pub struct TransferForm {
    csrf: String,
    to: i64,
}

/// `POST /console/cases/{id}/transfer`
pub async fn transfer(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<TransferForm>,
) -> Response {
    if let Err(r) = acting_on(&app, &viewer, id, &form.csrf).await {
        return r;
    }
    let now = app.clock.now_ms();
    match app.db.counsellor(form.to).await {
        Ok(c) if !c.disabled => {}
        _ => return (StatusCode::BAD_REQUEST, "no such counsellor\n").into_response(),
    }
    if let Err(e) = app.db.assign_case(id, form.to, now).await {
        return failed(e);
    }
    let _ = app
        .db
        .audit(
            now,
            Some(viewer.me.id),
            "case.transfer",
            &format!("case {id}"),
            &format!("to counsellor {}", form.to),
        )
        .await;
    app.publish(ConsoleEvent::Case { id }).await;
    back_to(id)
}

#[derive(Deserialize)]
pub struct CloseForm {
    csrf: String,
    outcome: String,
}

/// `POST /console/cases/{id}/close`: the bot takes over and asks for feedback.
pub async fn close(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<CloseForm>,
) -> Response {
    if let Err(r) = acting_on(&app, &viewer, id, &form.csrf).await {
        return r;
    }
    if !OUTCOMES.contains(&form.outcome.as_str()) {
        return (StatusCode::BAD_REQUEST, "unknown outcome\n").into_response();
    }
    let now = app.clock.now_ms();
    if let Err(e) = app.db.close_case(id, &form.outcome, now).await {
        return failed(e);
    }
    let _ = app
        .db
        .audit(
            now,
            Some(viewer.me.id),
            "case.close",
            &format!("case {id}"),
            &form.outcome,
        )
        .await;
    app.wake_worker.notify_one();
    app.publish(ConsoleEvent::Case { id }).await;
    Redirect::to("/console").into_response()
}

#[derive(Deserialize)]
pub struct RevealForm {
    csrf: String,
    reason: String,
}

/// `POST /console/cases/{id}/reveal`: a supervisor sees the teen's number, with a reason
/// that goes to the audit log.
pub async fn reveal(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<RevealForm>,
) -> Response {
    let case = match acting_on(&app, &viewer, id, &form.csrf).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let t = Texts::new(&app, &viewer.lang);
    if !viewer.me.role.sees_everything() {
        return forbidden(&t);
    }
    let reason = form.reason.trim();
    if reason.chars().count() < 10 {
        return (StatusCode::BAD_REQUEST, t.t("console-reveal-reason")).into_response();
    }
    let number = match app.db.contact_address(case.contact_id).await {
        Ok(Some(n)) => n,
        Ok(None) => return (StatusCode::GONE, t.t("console-erased")).into_response(),
        Err(e) => return failed(e),
    };
    let now = app.clock.now_ms();
    if let Err(e) = app
        .db
        .audit(
            now,
            Some(viewer.me.id),
            "number.reveal",
            &format!("case {id}"),
            reason,
        )
        .await
    {
        return failed(e);
    }
    render_case(&app, &viewer, id, Some(number)).await
}

#[derive(Deserialize)]
pub struct AvailabilityForm {
    csrf: String,
    available: String,
}

/// `POST /console/availability`
pub async fn availability(
    State(app): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<AvailabilityForm>,
) -> Response {
    if let Err(r) = viewer.check(&form.csrf) {
        return r.into_response();
    }
    let available = form.available == "yes";
    if let Err(e) = app.db.set_available(viewer.me.id, available).await {
        return failed(e);
    }
    if available {
        app.wake_dispatch.notify_one();
    }
    back(&headers)
}

#[derive(Deserialize)]
pub struct LangForm {
    csrf: String,
    lang: String,
}

/// `POST /console/lang`: Indonesian or English.
pub async fn set_lang(
    State(app): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Form(form): Form<LangForm>,
) -> Response {
    if let Err(r) = viewer.check(&form.csrf) {
        return r.into_response();
    }
    let lang = if form.lang == "en" { "en" } else { "id" };
    if let Err(e) = app.db.set_counsellor_lang(viewer.me.id, lang).await {
        return failed(e);
    }
    back(&headers)
}

/// Back to the page the form was on (same site only).
fn back(headers: &HeaderMap) -> Response {
    let target = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.find("/console").map(|i| r[i..].to_string()))
        .unwrap_or_else(|| "/console".into());
    Redirect::to(&target).into_response()
}

/// `GET /console/admin`: counsellors (admins only).
pub async fn admin(State(app): State<AppState>, viewer: Viewer) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    if viewer.me.role != Role::Admin {
        return forbidden(&t);
    }
    let team = app.db.counsellors().await.unwrap_or_default();
    let list = |l: &[String]| {
        if l.is_empty() {
            t.t("console-all")
        } else {
            l.join(", ")
        }
    };
    let csrf = &viewer.csrf;
    let body = html! {
        main {
            h1 { (t.t("console-counsellors")) }
            div.card {
                table {
                    tr { th { (t.t("console-name")) } th { (t.t("console-role")) } th { (t.t("console-topics")) } th { (t.t("console-kecamatan-list")) } th { (t.t("console-capacity")) } th {} }
                    @for c in &team {
                        tr {
                            td { (c.name) br; small { (c.login) } @if c.disabled { " · " span.badge { (t.t("console-disabled")) } } }
                            td { (c.role.as_str()) }
                            td { (list(&c.topics)) }
                            td { (list(&c.kecamatan)) }
                            td { (c.load) "/" (c.capacity) @if c.available { " ✓" } }
                            td {
                                @if !c.disabled {
                                    form method="post" action=(format!("/console/admin/counsellors/{}/disable", c.id)) {
                                        input type="hidden" name="csrf" value=(csrf);
                                        button.secondary type="submit" { (t.t("console-disable")) }
                                    }
                                    form method="post" action=(format!("/console/admin/counsellors/{}/password", c.id)) {
                                        input type="hidden" name="csrf" value=(csrf);
                                        input type="password" name="password" minlength="10" required autocomplete="new-password";
                                        button.secondary type="submit" { (t.t("console-set-password")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (t.t("console-add")) }
            form.card method="post" action="/console/admin/counsellors" {
                input type="hidden" name="csrf" value=(csrf);
                div.row {
                    label { (t.t("console-name")) input name="name" required; }
                    label { (t.t("console-login-name")) input name="login" required; }
                    label { (t.t("console-password")) input name="password" type="password" minlength="10" required autocomplete="new-password"; }
                }
                div.row {
                    label { (t.t("console-role"))
                        select name="role" { option value="counsellor" { "counsellor" } option value="supervisor" { "supervisor" } option value="admin" { "admin" } }
                    }
                    label { (t.t("console-topics")) input name="topics" placeholder="violence/crisis, hiv_sti"; }
                    label { (t.t("console-kecamatan-list")) input name="kecamatan" placeholder="bangil, beji"; }
                    label { (t.t("console-capacity")) input name="capacity" type="number" min="1" max="50" value="5"; }
                    label { (t.t("console-phone")) input name="phone" placeholder="6281..."; }
                }
                button type="submit" { (t.t("console-add")) }
            }
        }
    };
    Html(page(&t, &t.t("console-admin"), Some(&viewer), 0, body).into_string()).into_response()
}

#[derive(Deserialize)]
pub struct AddForm {
    csrf: String,
    name: String,
    login: String,
    password: String,
    role: String,
    #[serde(default)]
    topics: String,
    #[serde(default)]
    kecamatan: String,
    capacity: i64,
    #[serde(default)]
    phone: String,
}

/// `POST /console/admin/counsellors`
pub async fn admin_add(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<AddForm>,
) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    if let Err(r) = viewer.check(&form.csrf) {
        return r.into_response();
    }
    if viewer.me.role != Role::Admin {
        return forbidden(&t);
    }
    let Some(role) = Role::parse(&form.role) else {
        return (StatusCode::BAD_REQUEST, "unknown role\n").into_response();
    };
    let draft = Draft {
        name: form.name,
        login: form.login,
        password: form.password,
        role: Some(role),
        topics: split_list(&form.topics),
        kecamatan: split_list(&form.kecamatan),
        capacity: form.capacity,
        phone: Some(form.phone),
    };
    let new = match draft.check(&app.bundle) {
        Ok(new) => new,
        Err(why) => return (StatusCode::BAD_REQUEST, format!("{why}\n")).into_response(),
    };
    let now = app.clock.now_ms();
    match app.db.add_counsellor(&new, now).await {
        Ok(id) => {
            let _ = app
                .db
                .audit(
                    now,
                    Some(viewer.me.id),
                    "counsellor.add",
                    &new.login,
                    &format!("id {id}, role {}", role.as_str()),
                )
                .await;
            Redirect::to("/console/admin").into_response()
        }
        Err(e) => {
            tracing::warn!(error = %e, "could not add a counsellor");
            (StatusCode::CONFLICT, "that login is taken\n").into_response()
        }
    }
}

/// `POST /console/admin/counsellors/{id}/disable`
pub async fn admin_disable(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<CsrfOnly>,
) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    if let Err(r) = viewer.check(&form.csrf) {
        return r.into_response();
    }
    if viewer.me.role != Role::Admin {
        return forbidden(&t);
    }
    let now = app.clock.now_ms();
    if let Err(e) = app.db.disable_counsellor(id).await {
        return failed(e);
    }
    let _ = app
        .db
        .audit(
            now,
            Some(viewer.me.id),
            "counsellor.disable",
            &format!("counsellor {id}"),
            "",
        )
        .await;
    app.wake_dispatch.notify_one();
    Redirect::to("/console/admin").into_response()
}

#[derive(Deserialize)]
pub struct PasswordForm {
    csrf: String,
    password: String,
}

/// `POST /console/admin/counsellors/{id}/password`
pub async fn admin_password(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<PasswordForm>,
) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    if let Err(r) = viewer.check(&form.csrf) {
        return r.into_response();
    }
    if viewer.me.role != Role::Admin {
        return forbidden(&t);
    }
    if let Err(why) = check_password(&form.password) {
        return (StatusCode::BAD_REQUEST, format!("{why}\n")).into_response();
    }
    let now = app.clock.now_ms();
    if let Err(e) = app
        .db
        .set_password(id, &hash_password(&form.password))
        .await
    {
        return failed(e);
    }
    let _ = app
        .db
        .audit(
            now,
            Some(viewer.me.id),
            "counsellor.password",
            &format!("counsellor {id}"),
            "",
        )
        .await;
    Redirect::to("/console/admin").into_response()
}

/// `GET /console/audit`: the audit log (admins only).
pub async fn audit(State(app): State<AppState>, viewer: Viewer) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    if viewer.me.role != Role::Admin {
        return forbidden(&t);
    }
    let lines = app.db.audit_log(300).await.unwrap_or_default();
    let body = html! {
        main {
            h1 { (t.t("console-audit")) }
            div.card {
                table {
                    tr { th { (t.t("console-audit-when")) } th { (t.t("console-audit-who")) } th { (t.t("console-audit-what")) } }
                    @for l in &lines {
                        tr {
                            td { (t.time(l.at)) }
                            td { (l.actor.clone().unwrap_or_else(|| "-".into())) }
                            td { (l.action) " " (l.target.clone().unwrap_or_default()) " " small { (l.detail.clone().unwrap_or_default()) } }
                        }
                    }
                }
            }
        }
    };
    Html(page(&t, &t.t("console-audit"), Some(&viewer), 0, body).into_string()).into_response()
}
