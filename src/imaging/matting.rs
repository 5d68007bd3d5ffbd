//! The automatic cut-out: IS-Net person matting (`models/person_matting_isnet.onnx`,
//! AGPL-3.0, see `models/NOTICE.md`) run in pure Rust by `tract-onnx`, then
//! the network's 1024² matte refined against the full-size photo with a fast
//! guided filter, so hair and shoulders follow the photo's own edges instead
//! of the blocky upsampled matte.
//!
//! The 88 MB model is embedded in the binary and prepared on first use
//! (about a second), so a process that never cuts out never pays for it.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{GrayImage, RgbImage, RgbaImage};
use std::sync::OnceLock;
use tract_onnx::prelude::*;

const MODEL: &[u8] = include_bytes!("../../models/person_matting_isnet.onnx");
/// The network's fixed input side (its internal resizes are baked in).
const SIDE: u32 = 1024;
/// The guided filter's window radius and regulariser, at the refinement
/// resolution (the photo's longest side at `SIDE`).
const RADIUS: usize = 6;
const EPS: f32 = 1e-3;
/// Under this share of confident person pixels there is nobody to cut out.
const MIN_PERSON_SHARE: f32 = 0.01;

/// Why a photo has no cut-out.
#[derive(Debug, thiserror::Error)]
pub enum CutoutError {
    #[error("no person was found in the photo")]
    NoPerson,
    #[error("the matting model failed: {0}")]
    Model(#[from] anyhow::Error),
}

type Plan = std::sync::Arc<TypedRunnableModel>;

pub struct Matter {
    plan: Plan,
}

/// The process's matting model, prepared on first use.
pub fn matter() -> anyhow::Result<&'static Matter> {
    static MATTER: OnceLock<Matter> = OnceLock::new();
    if let Some(m) = MATTER.get() {
        return Ok(m);
    }
    let m = Matter::load()?;
    Ok(MATTER.get_or_init(|| m))
}

/// How many threads one inference uses: every core. Cut-outs are bounded
/// to one at a time by the job runner's imaging budget, so they never
/// multiply.
fn executor() -> tract_linalg::multithread::Executor {
    static EXECUTOR: OnceLock<tract_linalg::multithread::Executor> = OnceLock::new();
    EXECUTOR
        .get_or_init(|| {
            let n = std::thread::available_parallelism().map_or(1, |n| n.get());
            tract_linalg::multithread::Executor::multithread_with_name(n, "matting")
        })
        .clone()
}

impl Matter {
    pub fn load() -> anyhow::Result<Self> {
        let side = SIDE as usize;
        let plan = tract_onnx::onnx()
            .model_for_read(&mut std::io::Cursor::new(MODEL))?
            .with_input_fact(0, f32::fact([1, 3, side, side]).into())?
            .into_optimized()?
            .into_runnable()?;
        Ok(Self { plan })
    }

    /// The network's foreground alpha for `img`, as a `SIDE`² grey image
    /// (the photo squeezed to a square, as the network was trained).
    pub fn matte(&self, img: &RgbImage) -> anyhow::Result<GrayImage> {
        let side = SIDE as usize;
        let mut square = RgbImage::new(SIDE, SIDE);
        let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
        Resizer::new().resize(img, &mut square, &opts)?;
        let mut input = vec![0f32; 3 * side * side];
        let (r, rest) = input.split_at_mut(side * side);
        let (g, b) = rest.split_at_mut(side * side);
        for (i, p) in square.pixels().enumerate() {
            r[i] = f32::from(p[0]) / 255.0 - 0.5;
            g[i] = f32::from(p[1]) / 255.0 - 0.5;
            b[i] = f32::from(p[2]) / 255.0 - 0.5;
        }
        let input = Tensor::from_shape(&[1, 3, side, side], &input)?;
        let out = tract_linalg::multithread::multithread_tract_scope(executor(), || {
            self.plan.run(tvec!(input.into()))
        })?;
        let alpha = out[0].to_plain_array_view::<f32>()?;
        let pixels = alpha
            .iter()
            .map(|a| (a.clamp(0.0, 1.0) * 255.0).round() as u8)
            .collect();
        GrayImage::from_raw(SIDE, SIDE, pixels)
            .ok_or_else(|| anyhow::anyhow!("the matting model answered {:?}", alpha.shape()))
    }
}

/// The person in `photo` (already oriented) with a transparent background,
/// at the photo's full size.
pub fn cut_out(photo: &RgbImage) -> Result<RgbaImage, CutoutError> {
    let matte = matter()?.matte(photo)?;
    let confident = matte.pixels().filter(|p| p[0] >= 128).count();
    if (confident as f32) < MIN_PERSON_SHARE * (SIDE * SIDE) as f32 {
        return Err(CutoutError::NoPerson);
    }
    let alpha = refine(photo, &matte);
    let (w, h) = photo.dimensions();
    let mut out = RgbaImage::new(w, h);
    for ((o, p), a) in out.pixels_mut().zip(photo.pixels()).zip(alpha.iter()) {
        // Fully transparent pixels keep no colour: the PNG is smaller and
        // holds nothing of the room behind the person.
        if *a > 0 {
            *o = image::Rgba([p[0], p[1], p[2], *a]);
        }
    }
    Ok(out)
}

/// A draft made from a stored photo: the PNG, its size, and a small copy.
pub struct Draft {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// At most `SMALL_SIDE` on its longest side, for the retouching card.
    pub small: Vec<u8>,
}

/// The longest side of the draft's small copy.
const SMALL_SIDE: u32 = 480;

impl Draft {
    /// The cut-out as PNGs with transparency.
    pub fn of(cut: &RgbaImage) -> Self {
        let (width, height) = cut.dimensions();
        let scale = f64::from(SMALL_SIDE) / f64::from(width.max(height));
        let small = if scale < 1.0 {
            let w = ((f64::from(width) * scale).round() as u32).max(1);
            let h = ((f64::from(height) * scale).round() as u32).max(1);
            image::imageops::thumbnail(cut, w, h)
        } else {
            cut.clone()
        };
        Self {
            png: super::encode::png(cut).0,
            width,
            height,
            small: super::encode::png(&small).0,
        }
    }
}

/// Decodes a stored photo, cuts the person out and encodes the draft.
pub fn draft_from_photo(data: &[u8], max_pixels: u64) -> Result<Draft, CutoutError> {
    Ok(Draft::of(&cut_out_photo(data, max_pixels)?))
}

/// Decodes a stored photo (JPEG, PNG or WebP, as the upload checks left
/// it), turns it upright as its EXIF says and cuts the person out.
pub fn cut_out_photo(data: &[u8], max_pixels: u64) -> Result<RgbaImage, CutoutError> {
    let format = super::decode::sniff(data)
        .ok_or_else(|| anyhow::anyhow!("the stored photo is not a JPEG, PNG or WebP"))?;
    let mut img = super::decode::decode_bounded(data, format, max_pixels)
        .map_err(|e| anyhow::anyhow!("the stored photo does not decode: {e}"))?;
    if let Some(o) = super::checks::read_exif(data)
        .orientation
        .and_then(image::metadata::Orientation::from_exif)
    {
        img.apply_orientation(o);
    }
    cut_out(&img.into_rgb8())
}

/// What a cut-out holds at its peak, beside the model's own working memory
/// (`MODEL_WORKING_BYTES`): the decoded photo, its RGBA copy, the alpha
/// and the PNG being written.
pub fn draft_cost(data: &[u8]) -> u64 {
    super::decode::decode_cost(data, true)
        .saturating_mul(3)
        .saturating_add(MODEL_WORKING_BYTES)
}

/// The inference's peak working memory at 1024², measured (0.7 GB).
const MODEL_WORKING_BYTES: u64 = 700 * 1024 * 1024;

/// The matte at the photo's full size, its edges following the photo: a
/// fast guided filter (He & Sun, 2015) whose coefficients are fitted at
/// the refinement resolution and applied to every full-size pixel.
pub fn refine(photo: &RgbImage, matte: &GrayImage) -> Vec<u8> {
    let (w, h) = photo.dimensions();
    let small = crate::imaging::encode::fit(photo, SIDE);
    let (sw, sh) = small.dimensions();
    let mut p_img = GrayImage::new(sw, sh);
    let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(matte, &mut p_img, &opts)
        .expect("grey to grey resizes");
    let guide: Vec<f32> = small.pixels().map(luma).collect();
    let p: Vec<f32> = p_img.iter().map(|v| f32::from(*v) / 255.0).collect();
    let (a, b) = coefficients(&guide, &p, sw as usize, sh as usize);
    // Each full-size pixel: the coefficients sampled bilinearly at its place
    // in the small grid, applied to its own brightness.
    let (sx, sy) = (sw as f32 / w as f32, sh as f32 / h as f32);
    let mut alpha = Vec::with_capacity(w as usize * h as usize);
    let sample = Bilinear::new(sw as usize, sh as usize);
    for y in 0..h {
        let fy = ((y as f32 + 0.5) * sy - 0.5).max(0.0);
        for x in 0..w {
            let fx = ((x as f32 + 0.5) * sx - 0.5).max(0.0);
            let i = luma(photo.get_pixel(x, y));
            let q = sample.at(&a, fx, fy) * i + sample.at(&b, fx, fy);
            alpha.push((q.clamp(0.0, 1.0) * 255.0).round() as u8);
        }
    }
    alpha
}

fn luma(p: &image::Rgb<u8>) -> f32 {
    (0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])) / 255.0
}

/// The guided filter's per-pixel linear coefficients `q = a·I + b`.
fn coefficients(guide: &[f32], p: &[f32], w: usize, h: usize) -> (Vec<f32>, Vec<f32>) {
    let mean_i = box_mean(guide, w, h);
    let mean_p = box_mean(p, w, h);
    let ii: Vec<f32> = guide.iter().map(|v| v * v).collect();
    let ip: Vec<f32> = guide.iter().zip(p).map(|(a, b)| a * b).collect();
    let corr_ii = box_mean(&ii, w, h);
    let corr_ip = box_mean(&ip, w, h);
    let mut a = Vec::with_capacity(guide.len());
    let mut b = Vec::with_capacity(guide.len());
    for k in 0..guide.len() {
        let var = corr_ii[k] - mean_i[k] * mean_i[k];
        let cov = corr_ip[k] - mean_i[k] * mean_p[k];
        let ak = cov / (var + EPS);
        a.push(ak);
        b.push(mean_p[k] - ak * mean_i[k]);
    }
    (box_mean(&a, w, h), box_mean(&b, w, h))
}

/// The mean over a `(2·RADIUS+1)²` window, clipped at the borders: two
/// passes of running sums, so the cost does not grow with the radius.
fn box_mean(v: &[f32], w: usize, h: usize) -> Vec<f32> {
    let r = RADIUS;
    let mut rows = vec![0f32; v.len()];
    for y in 0..h {
        let line = &v[y * w..(y + 1) * w];
        let mut prefix = Vec::with_capacity(w + 1);
        prefix.push(0f64);
        for x in 0..w {
            prefix.push(prefix[x] + f64::from(line[x]));
        }
        for x in 0..w {
            let (lo, hi) = (x.saturating_sub(r), (x + r + 1).min(w));
            rows[y * w + x] = ((prefix[hi] - prefix[lo]) / (hi - lo) as f64) as f32;
        }
    }
    let mut out = vec![0f32; v.len()];
    let mut prefix = vec![0f64; h + 1];
    for x in 0..w {
        for y in 0..h {
            prefix[y + 1] = prefix[y] + f64::from(rows[y * w + x]);
        }
        for y in 0..h {
            let (lo, hi) = (y.saturating_sub(r), (y + r + 1).min(h));
            out[y * w + x] = ((prefix[hi] - prefix[lo]) / (hi - lo) as f64) as f32;
        }
    }
    out
}

/// Bilinear sampling of a `w`×`h` grid of values.
struct Bilinear {
    w: usize,
    h: usize,
}

impl Bilinear {
    fn new(w: usize, h: usize) -> Self {
        Self { w, h }
    }

    fn at(&self, v: &[f32], x: f32, y: f32) -> f32 {
        let (x0, y0) = (x as usize, y as usize);
        let (x0, y0) = (x0.min(self.w - 1), y0.min(self.h - 1));
        let (x1, y1) = ((x0 + 1).min(self.w - 1), (y0 + 1).min(self.h - 1));
        let (tx, ty) = (x - x0 as f32, y - y0 as f32);
        let top = v[y0 * self.w + x0] * (1.0 - tx) + v[y0 * self.w + x1] * tx;
        let bottom = v[y1 * self.w + x0] * (1.0 - tx) + v[y1 * self.w + x1] * tx;
        top * (1.0 - ty) + bottom * ty
    }
}

#[cfg(test)]
#[path = "matting_quality_tests.rs"]
mod quality_tests;

#[cfg(test)]
mod tests {
    use super::*;

    /// The matte comes at a quarter of the photo's size or less; at full
    /// size the refined alpha changes where the photo does, within a pixel
    /// or two, not over the blocky width of the upsampled matte.
    #[test]
    fn refinement_puts_the_edge_where_the_photo_has_it() {
        let (w, h) = (3000u32, 400u32);
        // A dark person left of x = 1501, a bright wall right of it.
        let edge = 1501;
        let photo = RgbImage::from_fn(w, h, |x, _| {
            if x < edge {
                image::Rgb([30, 30, 30])
            } else {
                image::Rgb([230, 230, 230])
            }
        });
        // The network's square matte, soft as its edges are: a ramp over
        // 8 of its pixels (about 24 of the photo's) around the edge.
        let grid = edge as f32 * SIDE as f32 / w as f32;
        let matte = GrayImage::from_fn(SIDE, SIDE, |x, _| {
            let t = ((grid + 4.0 - x as f32) / 8.0).clamp(0.0, 1.0);
            image::Luma([(t * 255.0).round() as u8])
        });
        let alpha = refine(&photo, &matte);
        let at = |x: u32| alpha[(200 * w + x) as usize];
        for x in [100, 1400] {
            assert!(at(x) > 235, "person at {x}: {}", at(x));
        }
        // The upsampled ramp alone would give about 160 and 106 here.
        assert!(at(edge - 3) > 210, "just inside: {}", at(edge - 3));
        assert!(at(edge + 2) < 70, "just outside: {}", at(edge + 2));
        for x in [1600, 2900] {
            assert!(at(x) < 10, "wall at {x}: {}", at(x));
        }
    }

    #[test]
    fn box_means_are_exact_on_small_grids() {
        let v: Vec<f32> = (0..25).map(|i| i as f32).collect();
        let m = box_mean(&v, 5, 5);
        // The centre's 5×5 window (radius 6 clips to the whole grid).
        assert!((m[12] - 12.0).abs() < 1e-4);
    }
}
