//! The console in a real headless Chromium (Debian's `chromium` and `chromium-driver`, which
//! `.ci/run` installs), on a phone-sized window: a counsellor signs in, a teen's urgent
//! WhatsApp message appears in the queue without a reload, the counsellor answers and closes
//! the case, and the teen gets the bot's feedback question.
//!
//! Without Chromium and chromedriver the test says it skipped and how to install them; with
//! `CI=true` (as `.ci/run` runs) it fails instead.

mod common;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use common::console::{PASSWORD, add_counsellor};
use common::*;
use fantoccini::{Client, ClientBuilder, Locator};
use genre::store::counsellors::Role;

const TEEN: &str = "6281255555555";

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_program(names: &[&str]) -> Option<String> {
    let path = std::env::var("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
            .map(|p| p.display().to_string())
    })
}

/// chromedriver, started; `None` (said once, a failure in CI) when it or Chromium is missing.
async fn driver() -> Option<Driver> {
    let (Some(program), Some(_)) = (
        find_program(&["chromedriver"]),
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
    ) else {
        skip_or_fail(
            "the console in a real browser (Chromium and chromedriver are not installed)",
            "to run it: sudo apt-get install chromium chromium-driver",
        );
        return None;
    };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(program)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let url = format!("http://127.0.0.1:{port}");
    let ready = eventually(20, async || {
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
    })
    .await;
    assert!(ready, "chromedriver did not start listening");
    Some(Driver {
        child,
        url,
        _profile: tempfile::tempdir().unwrap(),
    })
}

async fn browser(driver: &Driver) -> Client {
    let binary = find_program(&["chromium", "chromium-browser", "google-chrome"]);
    let mut options = serde_json::json!({
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run",
            format!("--user-data-dir={}", driver._profile.path().display()),
        ],
        // A small Android phone's screen, touch and all.
        "mobileEmulation": { "deviceMetrics": { "width": 360, "height": 760, "pixelRatio": 2.0, "touch": true } },
    });
    if let Some(binary) = binary {
        options["binary"] = serde_json::json!(binary);
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    ClientBuilder::rustls()
        .unwrap()
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a headless Chromium session")
}

/// Saves a screenshot when GENRE_SCREENSHOTS names a folder (to look at the pages by eye).
async fn snapshot(client: &Client, name: &str) {
    if let Ok(dir) = std::env::var("GENRE_SCREENSHOTS") {
        let png = client.screenshot().await.unwrap();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

async fn wait_until(client: &Client, what: &str, script: &str) {
    let ok = eventually(20, async || {
        client
            .execute(script, vec![])
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false)
    })
    .await;
    assert!(
        ok,
        "waited in vain for {what}:\n{}",
        client.source().await.unwrap_or_default()
    );
}

#[tokio::test]
async fn a_counsellor_answers_an_urgent_whatsapp_case_in_a_phone_browser() {
    let Some(driver) = driver().await else {
        return;
    };
    let api = Receiver::whatsapp().await;
    let db = sqlite_db();
    let flags = whatsapp_flags(&api);
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    let server = start_with_clock(config(&db, &flags), Arc::new(office_clock())).await;
    // Away at first, so the case waits in the queue for her to take.
    add_counsellor(&server.app, "nia", Role::Counsellor, &[], &[], 3, true).await;

    let client = browser(&driver).await;
    let base = format!("http://{}", server.addr);

    // Sign in.
    client.goto(&format!("{base}/console")).await.unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("input[name=login]"))
        .await
        .unwrap();
    snapshot(&client, "login").await;
    client
        .find(Locator::Css("input[name=login]"))
        .await
        .unwrap()
        .send_keys("nia")
        .await
        .unwrap();
    client
        .find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    client
        .find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("queue"))
        .await
        .unwrap();
    assert!(
        !client.title().await.unwrap().starts_with('('),
        "nothing waiting yet"
    );
    // Usable on a 360-pixel phone: nothing wider than the screen.
    let width = client
        .execute("return window.innerWidth;", vec![])
        .await
        .unwrap();
    assert_eq!(width, serde_json::json!(360), "the phone-sized screen");
    wait_until(
        &client,
        "a page no wider than the phone",
        "return document.documentElement.scrollWidth <= window.innerWidth;",
    )
    .await;
    // A mark on this very page: if the page reloads, it is gone.
    client
        .execute("window.genreMark = 'still here'; return true;", vec![])
        .await
        .unwrap();

    // The teen writes; the case appears live, with a badge in the title.
    let body = wa_text(TEEN, "wamid.browser.1", "aku pengen mati aja, udah ga kuat");
    assert_eq!(post_whatsapp(server.addr, &body).await, 200);
    wait_until(
        &client,
        "the case in the queue",
        "return document.querySelector('#queue a.case .urgent') !== null;",
    )
    .await;
    wait_until(
        &client,
        "a badge in the title",
        "return document.title.startsWith('(1) ');",
    )
    .await;
    snapshot(&client, "queue").await;
    let mark = client
        .execute("return window.genreMark || null;", vec![])
        .await
        .unwrap();
    assert_eq!(
        mark,
        serde_json::json!("still here"),
        "the queue updated without a reload"
    );

    // Open the case, see the teen's words, answer with a canned reply edited by hand.
    client
        .find(Locator::Css("#queue a.case"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("reply"))
        .await
        .unwrap();
    let lines = client
        .find(Locator::Id("lines"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(lines.contains("aku pengen mati aja"), "{lines}");
    assert!(
        !client.source().await.unwrap().contains(TEEN),
        "the number stays hidden"
    );
    client
        .find(Locator::Id("reply"))
        .await
        .unwrap()
        .send_keys("Aku kak Nia, aku di sini. Kamu aman sekarang?")
        .await
        .unwrap();
    client
        .find(Locator::Css("form[action$='/reply'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(
        eventually(15, async || wa_texts(&api.received())
            .iter()
            .any(|t| t.contains("Aku kak Nia")))
        .await,
        "the fake WhatsApp API receives the counsellor's reply"
    );
    wait_until(
        &client,
        "the reply in the conversation",
        "return document.getElementById('lines').innerText.includes('Aku kak Nia');",
    )
    .await;
    snapshot(&client, "case").await;
    wait_until(
        &client,
        "a case page no wider than the phone",
        "return document.documentElement.scrollWidth <= window.innerWidth;",
    )
    .await;

    // Close with an outcome; the teen gets the feedback question.
    client
        .find(Locator::Css("form[action$='/close'] select[name=outcome]"))
        .await
        .unwrap()
        .select_by_value("referred_uptd_ppa")
        .await
        .unwrap();
    client
        .find(Locator::Css("form[action$='/close'] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(
        eventually(15, async || wa_texts(&api.received())
            .iter()
            .any(|t| t.contains("Apakah obrolan tadi membantu?")))
        .await,
        "the teen gets the feedback question: {:?}",
        wa_texts(&api.received())
    );
    let case = server.app.db.cases(false, 10).await.unwrap().remove(0);
    assert_eq!(case.outcome.as_deref(), Some("referred_uptd_ppa"));
    client.close().await.unwrap();
    server.stop().await.unwrap();
}
