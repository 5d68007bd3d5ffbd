//! The command line: `serve`, `worker`, `migrate`, `staff add`, `team add`.

use crate::config::{Settings, SettingsArgs};
use crate::domain::StaffRole;
use crate::services::StudioActor;
use crate::services::clock::SystemClock;
use crate::services::principal::OPERATOR;
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
    /// `--metrics-listen` serves the worker's counters.
    Worker,
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
    /// Any account (staff or leader).
    Account {
        #[command(subcommand)]
        action: AccountCommand,
    },
    /// The background job queue.
    Jobs {
        #[command(subcommand)]
        action: JobsCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Turn two-factor sign-in off for someone who lost their phone and
    /// recovery codes (check who they are first); prints {"reset":true}.
    ResetTwoFactor {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobsCommand {
    /// Put dead jobs (given up after every attempt) back in the queue:
    /// `--dead` for all, or `--id ID` for one; prints {"revived":N}.
    Retry {
        #[arg(long, conflicts_with = "id", required_unless_present = "id")]
        dead: bool,
        #[arg(long)]
        id: Option<String>,
    },
    /// List dead jobs as JSON.
    Dead,
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
    /// Deactivate a studio user: their sessions end and API tokens are
    /// revoked at once; prints {"id","name","email","role","active"}.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Let a deactivated studio user sign in again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Mint an API token for a studio user; prints {"id","name","prefix","token"}.
    Token {
        #[arg(long)]
        email: String,
        /// What the token is for, shown in the token list.
        #[arg(long, default_value = "Command line")]
        name: String,
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
        /// The members' pages' and emails' language: auto, en, de, fr or es.
        #[arg(long)]
        language: Option<String>,
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
            if let Some(code) = svc.prepare_setup().await? {
                let url = svc.url("/setup");
                tracing::warn!(%url, setup_code = %code, "first run: open the setup page and enter the setup code");
                eprintln!("\n  First run: open {url} and enter the setup code {code}\n");
            }
            app.run(workers, shutdown_signal()).await
        }
        Command::Worker => {
            let svc = services(settings, Arc::new(SystemClock)).await?;
            let workers = svc.settings.workers.max(1);
            tracing::info!(workers, "workers running");
            let stop = shutdown_signal();
            if let Some(addr) = svc.settings.metrics_listen {
                crate::http::metrics::serve_separately(&svc, addr, stop.clone()).await?;
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
        Command::Staff { action } => {
            let svc = services(settings, Arc::new(SystemClock)).await?;
            let out = match action {
                StaffCommand::Add { .. } => unreachable!("handled above"),
                StaffCommand::Disable { email } => {
                    let u = svc.staff_by_email(&email).await.map_err(describe)?;
                    serde_json::to_string(
                        &svc.deactivate_staff(StudioActor::Operator, &u.id)
                            .await
                            .map_err(describe)?,
                    )?
                }
                StaffCommand::Enable { email } => {
                    let u = svc.staff_by_email(&email).await.map_err(describe)?;
                    serde_json::to_string(
                        &svc.reactivate_staff(StudioActor::Operator, &u.id)
                            .await
                            .map_err(describe)?,
                    )?
                }
                StaffCommand::Token { email, name } => {
                    let u = svc.staff_by_email(&email).await.map_err(describe)?;
                    serde_json::to_string(
                        &svc.mint_staff_token(&u.id, &name, OPERATOR)
                            .await
                            .map_err(describe)?,
                    )?
                }
            };
            println!("{out}");
            Ok(())
        }
        Command::Account {
            action: AccountCommand::ResetTwoFactor { email },
        } => {
            let svc = services(settings, Arc::new(SystemClock)).await?;
            svc.reset_two_factor(&email).await.map_err(describe)?;
            println!("{}", serde_json::json!({"reset": true}));
            Ok(())
        }
        Command::Jobs { action } => {
            let svc = services(settings, Arc::new(SystemClock)).await?;
            let out = match action {
                JobsCommand::Retry { id, .. } => serde_json::to_string(
                    &svc.retry_dead_jobs(StudioActor::Operator, id.as_deref())
                        .await
                        .map_err(describe)?,
                )?,
                JobsCommand::Dead => serde_json::to_string(
                    &svc.dead_jobs(StudioActor::Operator)
                        .await
                        .map_err(describe)?,
                )?,
            };
            println!("{out}");
            Ok(())
        }
        Command::Team {
            action:
                TeamCommand::Add {
                    name,
                    leader_email,
                    leader_name,
                    timezone,
                    language,
                },
        } => {
            let svc = services(settings, Arc::new(SystemClock)).await?;
            let input = NewTeam {
                name,
                leader_email,
                leader_name,
                timezone: Some(timezone),
                language,
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
