//! The upload path for docs/BENCHMARKS.md (`cargo bench --bench upload`):
//! the instant checks (decode, EXIF orientation, the 1024 px analysis copy,
//! face detection, sharpness, exposure, screenshot signals), the dashboard
//! thumbnail and the metadata strip, on a 12 MP and a 24 MP JPEG with one
//! face — side by side with libvips (`vipsthumbnail`, Debian package
//! libvips-tools) making the same derivatives (a 1024 px copy and a 160 px
//! thumbnail), both as the `vipsthumbnail` command and in-process through
//! pyvips. libvips does no face detection; it is the yardstick for the image
//! work. A HEIC of the same photo is timed too (made with `vips heifsave`).

use std::process::Command;
use std::time::{Duration, Instant};
use teamshot::config::PhotoLimits;
use teamshot::imaging::checks::check_upload;
use teamshot::imaging::metadata::strip_private_metadata;

#[path = "support/photo.rs"]
mod support_photo;
use support_photo::photo;

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1e3
}

fn timed(mut f: impl FnMut()) -> f64 {
    median(
        (0..7)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

/// The same photo as HEIC (made by libvips with libheif and x265, as a
/// phone would make it): the whole check, including the conversion to the
/// JPEG that is kept.
fn heic(jpeg: &std::path::Path, dir: &std::path::Path, limits: &PhotoLimits, name: &str) {
    let path = dir.join("photo.heic");
    let made = Command::new("vips")
        .arg("heifsave")
        .arg(jpeg)
        .arg(&path)
        .args(["--compression", "hevc", "--Q", "90"])
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        println!("{name} HEIC: skipped (vips heifsave not available)");
        return;
    }
    let data = std::fs::read(&path).unwrap();
    let ms = timed(|| {
        check_upload(&data, limits).expect("the bench photo passes");
    });
    println!(
        "{name} HEIC ({:.1} MB): checks + face detection + thumbnail + JPEG to keep {ms:>7.1} ms",
        data.len() as f64 / 1e6
    );
}

fn ours(data: &[u8], limits: &PhotoLimits) -> f64 {
    let mut samples = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        let accepted = check_upload(data, limits).expect("the bench photo passes");
        std::hint::black_box((accepted, strip_private_metadata(data)));
        samples.push(start.elapsed());
    }
    median(samples)
}

fn vips(path: &std::path::Path, out: &std::path::Path) -> Option<f64> {
    let mut samples = Vec::new();
    for _ in 0..7 {
        let start = Instant::now();
        for args in [
            vec!["-s", "1024"],
            vec!["-s", "160x160", "--smartcrop", "centre"],
        ] {
            let ok = Command::new("vipsthumbnail")
                .arg(path)
                .args(args)
                .arg("-o")
                .arg(out.join("%s_out.jpg"))
                .status()
                .ok()?
                .success();
            if !ok {
                return None;
            }
        }
        samples.push(start.elapsed());
    }
    Some(median(samples))
}

/// libvips in-process through pyvips (`pip install pyvips`; the Python is
/// `TEAMSHOT_BENCH_PYTHON`, else `python3`): no process start-up in the
/// yardstick.
fn pyvips(path: &std::path::Path) -> Option<f64> {
    let python = std::env::var("TEAMSHOT_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/support/pyvips_derivatives.py"
    );
    let out = Command::new(python).arg(script).arg(path).output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()?.trim().parse().ok()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    // The enlarged portrait is soft: the sharpness check is off so every
    // step (thumbnail included) runs, as for a photo that passes.
    let limits = PhotoLimits {
        min_sharpness: 0.0,
        ..PhotoLimits::default()
    };
    // Load and prepare the face model once, as a running server has.
    teamshot::imaging::faces::detector().unwrap();
    for (name, w, h) in [("12 MP", 4000, 3000), ("24 MP", 6000, 4000)] {
        let data = photo(w, h);
        let path = dir.path().join(format!("{w}x{h}.jpg"));
        std::fs::write(&path, &data).unwrap();
        let mine = ours(&data, &limits);
        let decode = timed(|| {
            teamshot::imaging::decode::decode_reduced(
                &data,
                image::ImageFormat::Jpeg,
                u64::MAX,
                1024,
            )
            .unwrap();
        });
        println!("{name} JPEG: of which the DCT-scaled decode {decode:.1} ms");
        heic(&path, dir.path(), &limits, name);
        match pyvips(&path) {
            Some(v) => println!(
                "{name} JPEG: pyvips (in-process) 1024 px + 160 px {v:>7.1} ms | ratio {:.2}",
                mine / v
            ),
            None => println!("{name} JPEG: pyvips not available (pip install pyvips)"),
        }
        match vips(&path, dir.path()) {
            Some(v) => println!(
                "{name} JPEG ({:.1} MB): checks + face detection + thumbnail + strip {mine:>7.1} ms | vipsthumbnail 1024 px + 160 px {v:>7.1} ms | ratio {:.2}",
                data.len() as f64 / 1e6,
                mine / v
            ),
            None => println!(
                "{name} JPEG: ours {mine:.1} ms (vipsthumbnail not installed: apt-get install libvips-tools)"
            ),
        }
    }
}
