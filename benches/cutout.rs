//! The automatic cut-out for docs/BENCHMARKS.md (`cargo bench --bench
//! cutout`): the whole job on a 12 MP portrait JPEG (decode, orient, the
//! IS-Net inference at 1024², the guided-filter refinement at full size,
//! the PNG), its parts, and the process's peak memory — beside the same
//! model's bare inference through onnxruntime in Python (`pip install
//! onnxruntime numpy pillow`; the Python is `TEAMSHOT_BENCH_PYTHON`, else
//! `python3`), measured in the same run on the same machine.

use std::process::Command;
use std::time::{Duration, Instant};
use teamshot::imaging::matting::{draft_from_photo, matter, refine};

#[path = "support/photo.rs"]
mod support_photo;

/// A camera-like 12 MP portrait JPEG (3000×4000).
fn portrait() -> Vec<u8> {
    support_photo::photo(3000, 4000)
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

fn timed(runs: usize, mut f: impl FnMut()) -> f64 {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

/// The process's peak resident memory so far (`VmHWM`), in MB.
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn onnxruntime_ms(photo: &std::path::Path) -> Option<f64> {
    let python = std::env::var("TEAMSHOT_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let dir = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(python)
        .arg(format!("{dir}/benches/support/isnet_onnxruntime.py"))
        .arg(format!("{dir}/models/person_matting_isnet.onnx"))
        .arg(photo)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    let data = portrait();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "12 MP portrait JPEG, {} KB, {cores} cores",
        data.len() / 1000
    );
    let start = Instant::now();
    let m = matter().unwrap();
    println!(
        "model load and optimisation: {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let img = image::load_from_memory(&data).unwrap().to_rgb8();
    let mut matte = None;
    let infer = timed(3, || matte = Some(m.matte(&img).unwrap()));
    let matte = matte.unwrap();
    let refined = timed(3, || {
        refine(&img, &matte);
    });
    let whole = timed(3, || {
        draft_from_photo(&data, 100_000_000).unwrap();
    });
    println!("inference at 1024² (tract): {infer:.0} ms");
    println!("refinement at full size: {refined:.0} ms");
    println!("whole job (decode, orient, infer, refine, PNG): {whole:.0} ms");
    println!("peak memory of the process: {:.0} MB", peak_mb());
    let file = std::env::temp_dir().join("teamshot-cutout-bench.jpg");
    std::fs::write(&file, &data).unwrap();
    match onnxruntime_ms(&file) {
        Some(ort) => println!(
            "onnxruntime bare inference: {ort:.0} ms; whole job / onnxruntime = {:.1}×",
            whole / ort
        ),
        None => println!("onnxruntime not available (pip install onnxruntime numpy pillow)"),
    }
}
