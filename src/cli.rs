//! The command line: `serve`, `worker`, `migrate`, `staff add`, `team add`.

use crate::config::{Settings, SettingsArgs};
use crate::domain::StaffRole;
use crate::services::clock::SystemClock;
use crate::services::teams::{Creator, NewTeam};
use crate::startup::{Application, services, shutdown_signal};
use clap::{Parser, Subcommand};
use std::sync::Arc;

#[derive(Debug, Parser)]
#[command(
    name = "teamshot",
    version,
    about = "Team headshots for headshot studios"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Web UI, API and background workers in one process.
    Serve,
    /// Background workers only (for scaled setups).
    Worker {
        /// Serve `/metrics` (and `/healthz`) on this address, e.g.
        /// 127.0.0.1:9187: the worker's mail and webhook counters.
        #[arg(long, env = "TEAMSHOT_METRICS_LISTEN")]
        metrics_listen: Option<std::net::SocketAddr>,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Studio users.
    Staff {
        #[command(subcommand)]
        action: StaffCommand,
    },
    /// Client teams.
    Team {
        #[command(subcommand)]
        action: TeamCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Create a studio user; prints {"id","api_token","password"}.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_parser = ["admin", "qc", "retoucher", "success"])]
        role: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Create a team and its first leader; prints {"team_id","api_token","leader_login_url","share_url"}.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        leader_email: String,
        #[arg(long)]
        leader_name: String,
        #[arg(long, default_value = "UTC")]
        timezone: String,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(&cli.settings)?;
    match cli.command {
        Command::Serve => {
            let workers = settings.workers;
            let app = Application::build(settings).await?;
            let svc = &app.services;
            tracing::info!(
                address = %app.local_addr(),
                public_url = %svc.settings.public_url,
                data_dir = %svc.settings.data_dir.display(),
                mail = svc.mailer.transport_name(),
                "Teamshot is running"
            );
            app.run(workers, shutdown_signal()).await
        }
        Command::Worker { metrics_listen } => {
            let svc = services(settings, Arc::new(SystemClock)).await?;
            let workers = svc.settings.workers.max(1);
            tracing::info!(workers, "workers running");
            let stop = shutdown_signal();
            if let Some(addr) = metrics_listen {
                let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
                    anyhow::anyhow!("cannot listen on {addr} for metrics ({e}): choose a free address (--metrics-listen / TEAMSHOT_METRICS_LISTEN)")
                })?;
                let app = crate::http::metrics::router(svc.clone());
                let stopped = stop.clone();
                tokio::spawn(async move {
                    axum::serve(listener, app)
                        .with_graceful_shutdown(stopped.cancelled_owned())
                        .await
                });
            }
            let mut tasks = crate::jobs::spawn_workers(&svc, workers, stop.clone());
            tasks.push(crate::jobs::spawn_scheduler(&svc, stop));
            for h in tasks {
                let _ = h.await;
            }
            Ok(())
        }
        Command::Migrate => {
            services(settings, Arc::new(SystemClock)).await?;
            println!("{}", serde_json::json!({"migrated": true}));
            Ok(())
        }
        Command::Staff {
            action: StaffCommand::Add { email, name, role },
        } => {
            let svc = services(settings, Arc::new(SystemClock)).await?;
            let role = StaffRole::parse(&role).expect("clap restricts the values");
            let created = svc
                .create_staff(&email, &name, role)
                .await
                .map_err(describe)?;
            println!("{}", serde_json::to_string(&created)?);
            Ok(())
        }
        Command::Team {
            action:
                TeamCommand::Add {
                    name,
                    leader_email,
                    leader_name,
                    timezone,
                },
        } => {
            let svc = services(settings, Arc::new(SystemClock)).await?;
            let input = NewTeam {
                name,
                leader_email,
                leader_name,
                timezone: Some(timezone),
            };
            let created = svc
                .create_team(Creator::Operator, input)
                .await
                .map_err(describe)?;
            println!("{}", serde_json::to_string(&created)?);
            Ok(())
        }
    }
}

/// Service errors as one readable line for the terminal.
fn describe(e: crate::services::Error) -> anyhow::Error {
    match e {
        crate::services::Error::Invalid(list) => anyhow::anyhow!(
            "{}",
            list.iter()
                .map(|f| format!("--{}: {}", f.field.replace('_', "-"), f.message))
                .collect::<Vec<_>>()
                .join("\n")
        ),
        other => anyhow::anyhow!("{other}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
