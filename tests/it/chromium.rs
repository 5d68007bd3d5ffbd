//! A real Chromium (Debian's chromium + chromedriver) driven over
//! WebDriver, at a phone's size, for the page tests.

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Browser {
    pub client: Client,
    driver: Child,
}

impl Browser {
    pub async fn start() -> Self {
        // The WebDriver client's TLS stack needs a crypto provider chosen.
        teamshot::tls::install_crypto_provider();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start chromedriver ({e}); run scripts/test, which installs chromium and chromium-driver"));
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().unwrap().keep();
        let caps = json!({"goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=390,844",
            format!("--user-data-dir={}", profile.display()),
        ]}});
        let caps = caps.as_object().unwrap().clone().into_iter().collect();
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        Self { client, driver }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let e = self.client.find(Locator::Css(css)).await.unwrap();
        e.clear().await.unwrap();
        e.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }

    /// The page's text once it contains `needle` (pages load after a click
    /// asynchronously); fails with the text seen after ten seconds.
    pub async fn wait_for_text(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            let text = match self.client.find(Locator::Css("body")).await {
                Ok(body) => body.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(needle) {
                return text;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "waited for {needle:?}; the page says:\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn stop(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }

    /// Presses one key on the page, as a person would (the focused element
    /// receives it).
    pub async fn press(&self, key: char) {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.unwrap();
    }

    /// Types into the focused element.
    pub async fn type_text(&self, text: &str) {
        let mut keys = KeyActions::new("keyboard".into());
        for c in text.chars() {
            keys = keys
                .then(KeyAction::Down { value: c })
                .then(KeyAction::Up { value: c });
        }
        self.client.perform_actions(keys).await.unwrap();
    }

    /// Attaches a file to a file input.
    pub async fn attach(&self, css: &str, path: &std::path::Path) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .send_keys(&path.display().to_string())
            .await
            .unwrap();
    }

    /// Signs a studio user in with their password (a fresh session).
    pub async fn sign_in(&self, base: &str, email: &str, password: &str) {
        self.client.delete_all_cookies().await.unwrap();
        self.goto(&format!("{base}/login")).await;
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click("form[action='/login'] button[type=submit]")
            .await;
        self.wait_for_text("Sign out").await;
    }
}
