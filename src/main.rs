use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    teamshot::telemetry::init();
    let cli = teamshot::cli::Cli::parse();
    match teamshot::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
