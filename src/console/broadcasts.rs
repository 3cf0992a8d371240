//! Broadcasts (Safari Genre events), for supervisors and admins: write the announcement (and,
//! for WhatsApp teens whose 24-hour window is closed, name an approved template), choose
//! kecamatan and age bands, see how many teens it would reach, send, follow its progress.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use fluent_bundle::FluentArgs;
use maud::{Markup, html};

use super::auth::Viewer;
use super::{Texts, page};
use crate::app::AppState;
use crate::engine::Reply;
use crate::store::StoreError;
use crate::store::broadcasts::{Audience, NewBroadcast};

/// The age bands a broadcast can choose (those the onboarding asks; under-13s get nothing).
const AGE_BANDS: [&str; 3] = ["13-15", "16-17", "18-24"];

/// The longest announcement: one SMS page is 160 characters, WhatsApp allows 4,096.
const MAX_BODY: usize = 1000;

/// A broadcast form, from the repeated fields of a urlencoded body.
#[derive(Debug, Default)]
struct Draft {
    csrf: String,
    body: String,
    template: Option<String>,
    audience: Audience,
}

impl Draft {
    fn parse(fields: Vec<(String, String)>) -> Draft {
        let mut d = Draft::default();
        for (k, v) in fields {
            match k.as_str() {
                "csrf" => d.csrf = v,
                "body" => d.body = v.trim().replace("\r\n", "\n"),
                "template" if !v.trim().is_empty() => d.template = Some(v.trim().to_string()),
                "kecamatan" => d.audience.kecamatan.push(v),
                "age_band" => d.audience.age_bands.push(v),
                _ => {}
            }
        }
        d
    }

    /// What is wrong with it, if anything.
    fn problem(&self, app: &AppState) -> Option<String> {
        if self.body.is_empty() {
            return Some("the announcement is empty".into());
        }
        if self.body.chars().count() > MAX_BODY {
            return Some(format!(
                "the announcement is longer than {MAX_BODY} characters"
            ));
        }
        if let Some(t) = &self.template
            && !t
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Some(format!(
                "`{t}` is not a WhatsApp template name (lower-case letters, digits and _)"
            ));
        }
        if let Some(k) = self
            .audience
            .kecamatan
            .iter()
            .find(|k| app.bundle.directory.kecamatan_by_id(k).is_none())
        {
            return Some(format!("unknown kecamatan `{k}`"));
        }
        if let Some(a) = self
            .audience
            .age_bands
            .iter()
            .find(|a| !AGE_BANDS.contains(&a.as_str()))
        {
            return Some(format!("unknown age band `{a}`"));
        }
        None
    }
}

fn allowed(viewer: &Viewer) -> bool {
    viewer.me.role.sees_everything()
}

fn forbidden(t: &Texts) -> Response {
    (StatusCode::FORBIDDEN, t.t("console-not-allowed")).into_response()
}

fn failed(e: StoreError) -> Response {
    tracing::error!(error = %e, "broadcast action failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "something went wrong; try again\n",
    )
        .into_response()
}

/// The form, filled with `draft`; with `preview`, the audience size and the send button.
fn form(app: &AppState, t: &Texts, csrf: &str, draft: &Draft, preview: Option<i64>) -> Markup {
    let checked = |list: &[String], v: &str| list.iter().any(|x| x == v);
    html! {
        form.card method="post" action="/console/broadcasts/preview" {
            input type="hidden" name="csrf" value=(csrf);
            label { (t.t("console-broadcast-body"))
                textarea name="body" required maxlength=(MAX_BODY) { (draft.body) }
            }
            small { (t.t("console-broadcast-footer-note")) }
            label { (t.t("console-broadcast-template"))
                input name="template" value=(draft.template.clone().unwrap_or_default()) placeholder="genre_info_acara";
            }
            small { (t.t("console-broadcast-template-note")) }
            h2 { (t.t("console-kecamatan-list")) }
            small { (t.t("console-broadcast-none-is-all")) }
            div.checks {
                @for k in &app.bundle.directory.kecamatan {
                    label { input type="checkbox" name="kecamatan" value=(k.id) checked[checked(&draft.audience.kecamatan, &k.id)]; (k.name) }
                }
            }
            h2 { (t.t("console-age-band")) }
            div.checks {
                @for a in AGE_BANDS {
                    label { input type="checkbox" name="age_band" value=(a) checked[checked(&draft.audience.age_bands, a)]; (a) }
                }
            }
            button.secondary type="submit" { (t.t("console-broadcast-preview")) }
        }
        @if let Some(n) = preview {
            form.card method="post" action="/console/broadcasts" {
                input type="hidden" name="csrf" value=(csrf);
                input type="hidden" name="body" value=(draft.body);
                input type="hidden" name="template" value=(draft.template.clone().unwrap_or_default());
                @for k in &draft.audience.kecamatan { input type="hidden" name="kecamatan" value=(k); }
                @for a in &draft.audience.age_bands { input type="hidden" name="age_band" value=(a); }
                p id="audience" data-audience=(n) {
                    strong { (t.t_with("console-broadcast-audience", &{ let mut a = FluentArgs::new(); a.set("count", n); a })) }
                }
                @if n > 0 { button type="submit" { (t.t("console-broadcast-send")) } }
            }
        }
    }
}

async fn list_page(
    app: &AppState,
    viewer: &Viewer,
    draft: &Draft,
    preview: Option<i64>,
) -> Response {
    let t = Texts::new(app, &viewer.lang);
    let sent = match app.db.broadcasts(50).await {
        Ok(b) => b,
        Err(e) => return failed(e),
    };
    let body = html! {
        main {
            h1 { (t.t("console-broadcasts")) }
            p { (t.t("console-broadcast-who")) }
            (form(app, &t, &viewer.csrf, draft, preview))
            h2 { (t.t("console-broadcast-sent")) }
            @if sent.is_empty() { p { (t.t("console-none")) } }
            @for b in &sent {
                div.card.broadcast data-id=(b.id) {
                    div.meta { (t.time(b.created_at)) " · " (b.created_by.clone().unwrap_or_default())
                        @if b.cancelled_at.is_some() { " · " span.badge.warn { (t.t("console-broadcast-cancelled")) } } }
                    p style="white-space:pre-wrap" { (b.body) }
                    @if let Some(tpl) = &b.template { small { "template: " (tpl) } }
                    table {
                        tr { th { (t.t("console-broadcast-audience-size")) } th { (t.t("console-broadcast-waiting")) } th { (t.t("console-delivery-sent")) } th { (t.t("console-delivery-delivered")) } th { (t.t("console-delivery-read")) } th { (t.t("console-delivery-failed")) } th { (t.t("console-broadcast-skipped")) } }
                        tr { td { (b.audience) } td.waiting { (b.waiting) } td.sent { (b.sent) } td { (b.delivered) } td { (b.read) } td { (b.failed) } td.skipped { (b.skipped) } }
                    }
                    @if b.waiting > 0 && b.cancelled_at.is_none() {
                        form method="post" action=(format!("/console/broadcasts/{}/cancel", b.id)) {
                            input type="hidden" name="csrf" value=(viewer.csrf);
                            button.secondary type="submit" { (t.t("console-broadcast-cancel")) }
                        }
                    }
                }
            }
        }
    };
    Html(page(&t, &t.t("console-broadcasts"), Some(viewer), 0, body).into_string()).into_response()
}

pub async fn list(State(app): State<AppState>, viewer: Viewer) -> Response {
    if !allowed(&viewer) {
        return forbidden(&Texts::new(&app, &viewer.lang));
    }
    list_page(&app, &viewer, &Draft::default(), None).await
}

/// The form of a signed-in supervisor or admin, with its token and its values checked.
#[allow(clippy::result_large_err)] // the error is the answer itself, returned at once
fn checked(
    app: &AppState,
    viewer: &Viewer,
    fields: Vec<(String, String)>,
) -> Result<Draft, Response> {
    let draft = Draft::parse(fields);
    if let Err(r) = viewer.check(&draft.csrf) {
        return Err(r.into_response());
    }
    if !allowed(viewer) {
        return Err(forbidden(&Texts::new(app, &viewer.lang)));
    }
    if let Some(why) = draft.problem(app) {
        return Err((StatusCode::BAD_REQUEST, format!("{why}\n")).into_response());
    }
    Ok(draft)
}

pub async fn preview(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let draft = match checked(&app, &viewer, fields) {
        Ok(d) => d,
        Err(r) => return r,
    };
    match app.db.audience_size(&draft.audience).await {
        Ok(n) => list_page(&app, &viewer, &draft, Some(n)).await,
        Err(e) => failed(e),
    }
}

pub async fn send(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let draft = match checked(&app, &viewer, fields) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let now = app.clock.now_ms();
    let texts = &app.bundle.texts;
    let reply = |lang: Option<&str>| {
        let footer = texts
            .format(lang.unwrap_or("id"), "system-broadcast-footer", None)
            .unwrap_or_default();
        Reply {
            text: format!("{}\n\n{footer}", draft.body).trim_end().to_string(),
            choices: vec![],
            list_button: None,
            even_if_stopped: false,
        }
    };
    let rate = |channel: &str| crate::sender::broadcast_rate(&app, channel);
    let new = NewBroadcast {
        created_by: viewer.me.id,
        body: &draft.body,
        template: draft.template.as_deref(),
        audience: &draft.audience,
    };
    match app.db.create_broadcast(now, &new, &rate, &reply).await {
        Ok((id, count)) => {
            let _ = app
                .db
                .audit(
                    now,
                    Some(viewer.me.id),
                    "broadcast.send",
                    &format!("broadcast {id}"),
                    &format!("{count} teens"),
                )
                .await;
            app.wake_sender.notify_one();
            Redirect::to("/console/broadcasts").into_response()
        }
        Err(e) => failed(e),
    }
}

#[derive(serde::Deserialize)]
pub struct CsrfForm {
    csrf: String,
}

pub async fn cancel(
    State(app): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Response {
    if let Err(r) = viewer.check(&form.csrf) {
        return r.into_response();
    }
    if !allowed(&viewer) {
        return forbidden(&Texts::new(&app, &viewer.lang));
    }
    let now = app.clock.now_ms();
    match app.db.cancel_broadcast(id, now).await {
        Ok(n) => {
            let _ = app
                .db
                .audit(
                    now,
                    Some(viewer.me.id),
                    "broadcast.cancel",
                    &format!("broadcast {id}"),
                    &format!("{n} messages not sent"),
                )
                .await;
            Redirect::to("/console/broadcasts").into_response()
        }
        Err(StoreError::NotFound) => (StatusCode::NOT_FOUND, "no such broadcast\n").into_response(),
        Err(e) => failed(e),
    }
}
