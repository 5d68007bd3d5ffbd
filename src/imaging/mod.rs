//! Image work: upload checks and delivery rendering. All of it is CPU-bound
//! and runs on the blocking pool within a count and a memory budget (see
//! [`Imaging::run_costed`]).

pub mod analysis;
pub mod backgrounds;
pub mod checks;
pub mod compose;
pub mod decode;
pub mod encode;
pub mod faces;
pub mod heic;
pub mod matting;
pub mod metadata;
pub mod office;
pub mod render;
pub mod watermark;

use std::sync::Arc;
use tokio::sync::Semaphore;

/// Bounds image work in two ways, so a burst of uploads can neither exhaust
/// memory nor starve the async threads: how many pictures are decoded or
/// rendered at once (one per core by default), and how many bytes their
/// pixels may take together (`memory_mib`). Each piece of work says what it
/// will hold (see [`decode::decode_cost`]) and waits until that fits; work
/// larger than the whole budget runs alone.
#[derive(Clone)]
pub struct Imaging {
    permits: Arc<Semaphore>,
    memory: Arc<Semaphore>,
    memory_mib: u32,
}

const MIB: u64 = 1024 * 1024;
/// The default memory budget, in MiB: room for one automatic cut-out
/// (≈ 0.9 GB for a 12 MP photo, see `matting::draft_cost`) beside the
/// uploads and renders, so a queue of cut-outs never makes them wait.
pub const DEFAULT_MEMORY_MIB: u32 = 2048;
/// What work of unknown size is counted as.
const DEFAULT_COST: u64 = 16 * MIB;

impl Imaging {
    pub fn new(concurrency: usize, memory_mib: u32) -> Self {
        let memory_mib = memory_mib.max(64);
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            memory: Arc::new(Semaphore::new(memory_mib as usize)),
            memory_mib,
        }
    }

    /// Runs work whose size is not known up front (counted as 16 MiB).
    pub async fn run<T, F>(&self, f: F) -> anyhow::Result<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        self.run_costed(DEFAULT_COST, f).await
    }

    /// Runs work that holds about `bytes` of pixels, once they fit in the
    /// budget and a worker is free.
    pub async fn run_costed<T, F>(&self, bytes: u64, f: F) -> anyhow::Result<T>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let mib = bytes.div_ceil(MIB).clamp(1, u64::from(self.memory_mib)) as u32;
        let _memory = self.memory.acquire_many(mib).await?;
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
            DEFAULT_MEMORY_MIB,
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

#[cfg(test)]
mod budget_tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn work_waits_until_its_bytes_fit() {
        // Four workers, 100 MiB: three 40 MiB jobs cannot all run at once.
        let imaging = Imaging::new(4, 100);
        let running = Arc::new(AtomicU32::new(0));
        let most = Arc::new(AtomicU32::new(0));
        let jobs = (0..3).map(|_| {
            let (imaging, running, most) = (imaging.clone(), running.clone(), most.clone());
            async move {
                imaging
                    .run_costed(40 * MIB, move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(100));
                        running.fetch_sub(1, Ordering::SeqCst);
                    })
                    .await
                    .unwrap()
            }
        });
        futures::future::join_all(jobs).await;
        assert_eq!(
            most.load(Ordering::SeqCst),
            2,
            "two fit in 100 MiB, not three"
        );
        // Larger than the whole budget: runs alone rather than never.
        imaging.run_costed(500 * MIB, || ()).await.unwrap();
    }
}
