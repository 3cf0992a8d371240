//! The browser simulator at `/simulator`: a chat page that goes through the real pipeline
//! (store, worker, outbox, sender) so that a new user sees the bot answer right after
//! `genre serve`, with buttons and lists rendered as WhatsApp renders them.
//!
//! The page picks a random session id; its messages are stored as channel `simulator` with that
//! id as the address, and the sender pushes replies to the page over server-sent events.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::Mutex;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use futures_util::{Stream, StreamExt};
use serde::Deserialize;
use tokio::sync::broadcast;

use super::{BoxFuture, Channel, Message, Outgoing, SendOutcome, WebhookError};
use crate::app::AppState;
use crate::engine::Inbound;
use crate::error::ApiError;
use crate::render;
use crate::store::ingest::{Incoming, NewMessage};

/// Open browser sessions and their reply streams.
#[derive(Default)]
pub struct Simulator {
    sessions: Mutex<HashMap<String, broadcast::Sender<String>>>,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Simulator")
    }
}

impl Simulator {
    fn stream(&self, session: &str) -> broadcast::Receiver<String> {
        let mut sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
        sessions
            .entry(session.to_string())
            .or_insert_with(|| broadcast::channel(64).0)
            .subscribe()
    }
}

impl Channel for Simulator {
    fn name(&self) -> &'static str {
        "simulator"
    }

    fn send<'a>(
        &'a self,
        _http: &'a reqwest::Client,
        msg: Outgoing<'a>,
    ) -> BoxFuture<'a, SendOutcome> {
        Box::pin(async move {
            let Message::Reply(reply) = msg.message else {
                return SendOutcome::Permanent {
                    error: "no templates in the simulator".into(),
                };
            };
            let shaped = render::whatsapp_message(reply, "Pilih").to_string();
            let sender = {
                let sessions = self.sessions.lock().unwrap_or_else(|e| e.into_inner());
                sessions.get(msg.to).cloned()
            };
            // Nobody watching (the tab was closed): the message is still "sent".
            if let Some(sender) = sender {
                let _ = sender.send(shaped);
            }
            SendOutcome::Sent {
                provider_id: format!("sim-{}", msg.outbox_id),
            }
        })
    }
}

/// The simulator's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/simulator", get(page))
        .route("/simulator/send", post(send))
        .route("/simulator/events", get(events))
}

async fn page(State(app): State<AppState>) -> impl IntoResponse {
    if app.channels.simulator.is_none() {
        return (
            StatusCode::NOT_FOUND,
            Html("The simulator is off (GENRE_SIMULATOR=1 turns it on).".to_string()),
        );
    }
    (StatusCode::OK, Html(PAGE.to_string()))
}

#[derive(Deserialize)]
struct SendForm {
    session: String,
    text: Option<String>,
    choice_id: Option<String>,
    title: Option<String>,
}

/// `POST /simulator/send`: a message typed or tapped in the page.
async fn send(
    State(app): State<AppState>,
    axum::Json(form): axum::Json<SendForm>,
) -> Result<StatusCode, ApiError> {
    if app.channels.simulator.is_none() {
        return Err(WebhookError::NotConfigured.into());
    }
    if form.session.len() < 8 || form.session.len() > 64 {
        return Err(WebhookError::Malformed("session must be 8 to 64 characters".into()).into());
    }
    let event = match (form.choice_id, form.text) {
        (Some(id), _) => Inbound::Choice {
            id,
            title: form.title.unwrap_or_default(),
        },
        (None, Some(text)) if !text.trim().is_empty() => Inbound::Text { text },
        _ => return Err(WebhookError::Malformed("send `text` or `choice_id`".into()).into()),
    };
    let now = app.clock.now_ms();
    app.ingest(vec![Incoming::Message(NewMessage {
        channel: "simulator".into(),
        address: form.session,
        provider_id: format!("sim-{now}-{}", crate::store::random_code(8)),
        event,
        received_at: now,
    })])
    .await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize)]
struct Session {
    session: String,
}

/// `GET /simulator/events?session=...`: the bot's replies, as server-sent events.
async fn events(
    State(app): State<AppState>,
    Query(q): Query<Session>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let sim = app
        .channels
        .simulator
        .clone()
        .ok_or(WebhookError::NotConfigured)?;
    let rx = sim.stream(&q.session);
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(json) => return Some((Ok(Event::default().data(json)), rx)),
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    // The stream ends on shutdown, or graceful shutdown would wait for every open page.
    let stream = stream.take_until(app.shutdown.clone().cancelled_owned());
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

const PAGE: &str = r#"<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Genre simulator</title>
<style>
  body { margin: 0; font: 16px/1.4 system-ui, sans-serif; background: #e5ddd5; display: flex; flex-direction: column; height: 100vh; }
  header { background: #075e54; color: #fff; padding: 12px 16px; font-weight: 600; }
  header small { display: block; font-weight: 400; opacity: .8; }
  #log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
  .bubble { max-width: 85%; padding: 8px 10px; border-radius: 8px; white-space: pre-wrap; box-shadow: 0 1px 1px rgba(0,0,0,.15); }
  .teen { align-self: flex-end; background: #dcf8c6; }
  .bot { align-self: flex-start; background: #fff; }
  .buttons { display: flex; flex-direction: column; gap: 4px; margin-top: 6px; }
  .buttons button { background: #fff; border: 1px solid #ccc; border-radius: 16px; padding: 6px 10px; color: #00a5f4; font-size: 15px; }
  .list summary { margin-top: 6px; color: #00a5f4; cursor: pointer; }
  form { display: flex; gap: 8px; padding: 8px; background: #f0f0f0; }
  input { flex: 1; font-size: 16px; padding: 10px; border-radius: 20px; border: 1px solid #ccc; }
  form button { background: #075e54; color: #fff; border: 0; border-radius: 20px; padding: 0 16px; font-size: 16px; }
</style>
</head>
<body>
<header>Kak Genre <small>Simulator: replies go through the real server, shaped as on WhatsApp</small></header>
<div id="log" aria-live="polite"></div>
<form id="form"><input id="text" autocomplete="off" placeholder="Tulis pesan..." aria-label="Pesan"><button>Kirim</button></form>
<script>
const session = sessionStorage.getItem('genre-session') || crypto.randomUUID();
sessionStorage.setItem('genre-session', session);
const log = document.getElementById('log');
function bubble(cls, text) {
  const div = document.createElement('div');
  div.className = 'bubble ' + cls;
  div.textContent = text;
  log.appendChild(div);
  log.scrollTop = log.scrollHeight;
  return div;
}
async function send(body) {
  await fetch('/simulator/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(Object.assign({ session }, body)) });
}
function choice(id, title) { bubble('teen', title); send({ choice_id: id, title }); }
const events = new EventSource('/simulator/events?session=' + encodeURIComponent(session));
events.onmessage = (e) => {
  const m = JSON.parse(e.data);
  if (m.type === 'text') { bubble('bot', m.text.body); return; }
  const i = m.interactive;
  const div = bubble('bot', i.body.text);
  if (i.type === 'button') {
    const box = document.createElement('div'); box.className = 'buttons';
    for (const b of i.action.buttons) {
      const btn = document.createElement('button'); btn.textContent = b.reply.title;
      btn.onclick = () => choice(b.reply.id, b.reply.title); box.appendChild(btn);
    }
    div.appendChild(box);
  } else {
    const details = document.createElement('details'); details.className = 'list';
    const summary = document.createElement('summary'); summary.textContent = i.action.button; details.appendChild(summary);
    const box = document.createElement('div'); box.className = 'buttons';
    for (const r of i.action.sections[0].rows) {
      const btn = document.createElement('button'); btn.textContent = r.title;
      btn.onclick = () => choice(r.id, r.title); box.appendChild(btn);
    }
    details.appendChild(box); div.appendChild(details);
  }
};
document.getElementById('form').onsubmit = (e) => {
  e.preventDefault();
  const input = document.getElementById('text');
  const text = input.value.trim();
  if (!text) return;
  bubble('teen', text); input.value = ''; send({ text });
};
</script>
</body>
</html>
"#;
