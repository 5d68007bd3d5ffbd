//! The server's secret key: configured, or generated once into the data dir.

use anyhow::{Context, bail};
use std::path::Path;

pub(super) fn check_secret_key(k: &str) -> anyhow::Result<()> {
    let ok = k.len() >= 64 && hex::decode(k).is_ok();
    if !ok {
        bail!(
            "secret_key must be at least 64 hex characters (32 random bytes); generate one with `openssl rand -hex 32` (TEAMSHOT_SECRET_KEY)"
        );
    }
    Ok(())
}

/// The key lives in `<data-dir>/secret.key` (mode 0600) when not configured,
/// so a single-machine install keeps its links valid across restarts.
pub(super) fn load_or_create_secret_key(data_dir: &Path) -> anyhow::Result<String> {
    let path = data_dir.join("secret.key");
    if let Ok(text) = std::fs::read_to_string(&path) {
        let k = text.trim().to_string();
        check_secret_key(&k).with_context(|| {
            format!(
                "{} is damaged: delete it to make a new one (existing personal links stop working)",
                path.display()
            )
        })?;
        return Ok(k);
    }
    std::fs::create_dir_all(data_dir).with_context(|| {
        format!("cannot create the data dir {}: choose a writable folder with --data-dir / TEAMSHOT_DATA_DIR", data_dir.display())
    })?;
    let key = hex::encode(crate::services::secrets::random_bytes::<32>());
    let tmp = data_dir.join("secret.key.tmp");
    {
        use std::io::Write;
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts
            .open(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        f.write_all(key.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, &path)?;
    Ok(key)
}
