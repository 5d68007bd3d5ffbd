use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    teamshot::telemetry::init();
    teamshot::tls::install_crypto_provider();
    let cli = teamshot::cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let code = match runtime.block_on(teamshot::cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    };
    // A cut-out may still be computing on the blocking pool (seconds that
    // cannot be interrupted); its job is already back on the queue, so the
    // stop does not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    code
}
