//! Image work: upload checks and delivery rendering. All of it is CPU-bound
//! and runs on the blocking pool behind a semaphore (see [`Imaging::run`]).

pub mod analysis;
pub mod backgrounds;
pub mod checks;
pub mod compose;
pub mod decode;
pub mod encode;
pub mod faces;
pub mod heic;
pub mod metadata;
pub mod office;
pub mod render;
pub mod watermark;

use std::sync::Arc;
use tokio::sync::Semaphore;

/// Bounds how many images are decoded or rendered at once, so a burst of
/// uploads cannot exhaust memory or starve the async threads.
#[derive(Clone)]
pub struct Imaging {
    permits: Arc<Semaphore>,
}

impl Imaging {
    pub fn new(concurrency: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    pub async fn run<T, F>(&self, f: F) -> anyhow::Result<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let _permit = self.permits.acquire().await?;
        Ok(tokio::task::spawn_blocking(f).await?)
    }
}

impl Default for Imaging {
    fn default() -> Self {
        Self::new(
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2),
        )
    }
}

/// A photo from `tests/photos`, for unit tests.
#[cfg(test)]
pub(crate) fn test_photo(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/photos/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}
