//! The right of access, for admins: everything stored about one teen, as JSON, found by the
//! number (or chat id) the teen gives. Every export is in the audit log.

use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::auth::Viewer;
use super::{Texts, page};
use crate::app::AppState;
use crate::store::counsellors::Role;

pub async fn privacy_page(State(app): State<AppState>, viewer: Viewer) -> Response {
    let t = Texts::new(&app, &viewer.lang);
    if viewer.me.role != Role::Admin {
        return (StatusCode::FORBIDDEN, t.t("console-not-allowed")).into_response();
    }
    let body = html! {
        main {
            h1 { (t.t("console-privacy")) }
            p { (t.t("console-export-explain")) }
            form.card method="post" action="/console/privacy/export" {
                input type="hidden" name="csrf" value=(viewer.csrf);
                label { (t.t("console-export-address"))
                    input name="address" required inputmode="tel" placeholder="6281234567890";
                }
                button type="submit" { (t.t("console-export")) }
            }
        }
    };
    Html(page(&t, &t.t("console-privacy"), Some(&viewer), 0, body).into_string()).into_response()
}

#[derive(Deserialize)]
pub struct ExportForm {
    csrf: String,
    address: String,
}

pub async fn export(
    State(app): State<AppState>,
    viewer: Viewer,
    Form(form): Form<ExportForm>,
) -> Response {
    if let Err(r) = viewer.check(&form.csrf) {
        return r.into_response();
    }
    let t = Texts::new(&app, &viewer.lang);
    if viewer.me.role != Role::Admin {
        return (StatusCode::FORBIDDEN, t.t("console-not-allowed")).into_response();
    }
    // Numbers are stored as providers send them: digits only, country code first.
    let typed = form.address.trim();
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    let address = match digits.strip_prefix('0') {
        Some(rest) if typed.starts_with('0') => format!("62{rest}"),
        _ if digits.is_empty() => typed.to_string(),
        _ => digits,
    };
    let ids = match app.db.contacts_at(&address).await {
        Ok(ids) => ids,
        Err(e) => return super::pages::failed_response(e),
    };
    if ids.is_empty() {
        return (StatusCode::NOT_FOUND, t.t("console-export-none")).into_response();
    }
    let mut contacts = Vec::new();
    for id in &ids {
        match app.db.export_contact(*id).await {
            Ok(c) => contacts.push(c),
            Err(e) => return super::pages::failed_response(e),
        }
    }
    let now = app.clock.now_ms();
    for id in &ids {
        let _ = app
            .db
            .audit(
                now,
                Some(viewer.me.id),
                "contact.export",
                &format!("contact {id}"),
                "right of access",
            )
            .await;
    }
    let body = serde_json::json!({ "exported_at": now, "contacts": contacts });
    (
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"genre-contact-{}.json\"", ids[0]),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        serde_json::to_string_pretty(&body).unwrap_or_default(),
    )
        .into_response()
}
