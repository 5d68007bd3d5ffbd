//! Building and running the application: open the database and storage,
//! bind the listener (port 0 works, for tests), serve until SIGINT/SIGTERM.

use crate::config::Settings;
use crate::db::Db;
use crate::email::Mailer;
use crate::imaging::Imaging;
use crate::services::Services;
use crate::services::clock::{Clock, SystemClock};
use crate::services::secrets::Keys;
use crate::storage::Storage;
use anyhow::Context;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// Open everything the services need and apply migrations.
pub async fn services(settings: Settings, clock: Arc<dyn Clock>) -> anyhow::Result<Services> {
    crate::tls::install_crypto_provider();
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    let storage = Storage::open(&settings.storage_url, &settings.s3)?;
    let mailer = Mailer::new(
        settings.smtp_url.as_ref(),
        settings.outbox_dir(),
        settings.mail_from.clone(),
    )?;
    let imaging = Imaging::new(
        settings
            .imaging_concurrency
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
        settings.imaging_memory_mb,
    );
    Ok(Services {
        imaging,
        db,
        storage,
        mailer,
        keys: Keys::new(settings.secret_key.clone()),
        settings: Arc::new(settings),
        clock,
        jobs_ready: Arc::new(tokio::sync::Notify::new()),
        studio: Arc::default(),
    })
}

pub struct Application {
    listener: TcpListener,
    pub services: Services,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        Self::build_with_clock(settings, Arc::new(SystemClock)).await
    }

    pub async fn build_with_clock(
        settings: Settings,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Self> {
        let mut settings = settings;
        let listen = settings.listen;
        let listener = TcpListener::bind(listen)
            .await
            .with_context(|| format!("cannot listen on {listen}: is another program using it? Choose another with --listen"))?;
        if !settings.public_url_explicit {
            // Links in emails must reach this server even when the port was 0.
            let addr = listener.local_addr()?;
            settings.public_url = format!("http://{addr}")
                .parse()
                .expect("a socket address makes a URL");
        }
        let services = services(settings, clock).await?;
        Ok(Self { listener, services })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Serve HTTP and run `workers` job runners until `shutdown` fires;
    /// in-flight requests and jobs finish first.
    pub async fn run(self, workers: usize, shutdown: CancellationToken) -> anyhow::Result<()> {
        let mut runners = crate::jobs::spawn_workers(&self.services, workers, shutdown.clone());
        if workers > 0 {
            runners.push(crate::jobs::spawn_scheduler(
                &self.services,
                shutdown.clone(),
            ));
        }
        if let Some(addr) = self.services.settings.metrics_listen {
            crate::http::metrics::serve_separately(&self.services, addr, shutdown.clone()).await?;
        }
        let app = crate::http::router(self.services.clone());
        let settings = &self.services.settings;
        let limits = crate::http::serve::ConnectionLimits {
            max_connections: settings.max_connections,
            header_timeout: settings.header_timeout,
        };
        crate::http::serve::serve(
            self.listener,
            app,
            limits,
            shutdown.clone(),
            std::time::Duration::from_secs(30),
        )
        .await?;
        shutdown.cancel();
        for r in runners {
            let _ = r.await;
        }
        Ok(())
    }
}

/// Cancelled on SIGINT or SIGTERM.
pub fn shutdown_signal() -> CancellationToken {
    let token = CancellationToken::new();
    let t = token.clone();
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        #[cfg(unix)]
        {
            let mut term =
                tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                    .expect("installing the SIGTERM handler");
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
        }
        #[cfg(not(unix))]
        let _ = ctrl_c.await;
        tracing::info!("shutting down: finishing requests and jobs in flight");
        t.cancel();
    });
    token
}
