//! Face detection with MediaPipe's BlazeFace (short range), run in pure Rust
//! by `tract-onnx`. The model is embedded in the binary and prepared once
//! per process; one detection takes a few milliseconds on a 128×128 input.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::RgbImage;
use std::sync::OnceLock;
use tract_onnx::prelude::*;

const MODEL: &[u8] = include_bytes!("../../models/face_detection_short_range.onnx");
const SIDE: u32 = 128;
/// Sigmoid score above which an anchor counts as a face (MediaPipe uses
/// 0.5; below 0.7 whole small figures were taken for faces).
const MIN_SCORE: f32 = 0.7;
/// The same, for faces found only in a quarter of the photo.
const TILE_MIN_SCORE: f32 = 0.75;
/// A face box is about this many eye distances wide.
const EYES_TO_FACE: f32 = 2.6;
/// Boxes overlapping more than this are the same face.
const NMS_IOU: f32 = 0.3;

/// A face in the photo's pixel coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Face {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub score: f32,
    /// The tilt of the line between the eyes, in degrees (0: level).
    pub roll: f32,
}

type Plan = std::sync::Arc<TypedRunnableModel>;

pub struct FaceDetector {
    plan: Plan,
    anchors: Vec<(f32, f32)>,
}

/// The process's detector, prepared on first use.
pub fn detector() -> anyhow::Result<&'static FaceDetector> {
    static DETECTOR: OnceLock<FaceDetector> = OnceLock::new();
    if let Some(d) = DETECTOR.get() {
        return Ok(d);
    }
    let d = FaceDetector::load()?;
    Ok(DETECTOR.get_or_init(|| d))
}

/// The 896 anchor centres of the short-range model: a 16×16 grid with 2
/// anchors per cell (stride 8), then an 8×8 grid with 6 (three stride-16
/// layers sharing it), as MediaPipe's SSD anchor calculator lays them out.
fn anchors() -> Vec<(f32, f32)> {
    let mut out = Vec::with_capacity(896);
    for (grid, per_cell) in [(16u32, 2), (8, 6)] {
        for y in 0..grid {
            for x in 0..grid {
                for _ in 0..per_cell {
                    out.push((
                        (x as f32 + 0.5) / grid as f32,
                        (y as f32 + 0.5) / grid as f32,
                    ));
                }
            }
        }
    }
    out
}

fn iou(a: &Face, b: &Face) -> f32 {
    let x0 = a.x.max(b.x);
    let y0 = a.y.max(b.y);
    let x1 = (a.x + a.w).min(b.x + b.w);
    let y1 = (a.y + a.h).min(b.y + b.h);
    let inter = (x1 - x0).max(0.0) * (y1 - y0).max(0.0);
    let union = a.w * a.h + b.w * b.h - inter;
    if union <= 0.0 { 0.0 } else { inter / union }
}

impl FaceDetector {
    pub fn load() -> anyhow::Result<Self> {
        let plan = tract_onnx::onnx()
            .model_for_read(&mut std::io::Cursor::new(MODEL))?
            .into_optimized()?
            .into_runnable()?;
        Ok(Self {
            plan,
            anchors: anchors(),
        })
    }

    /// Every face found, best first: on the whole photo, then on four
    /// overlapping quarters, so smaller faces (two people side by side, a
    /// face far from the camera) are found too.
    pub fn detect(&self, img: &RgbImage) -> anyhow::Result<Vec<Face>> {
        let (w, h) = img.dimensions();
        let (tw, th) = ((w as f32 * 0.6) as u32, (h as f32 * 0.6) as u32);
        let tiles: &[(u32, u32)] = if tw >= 32 && th >= 32 {
            &[(0, 0), (w - tw, 0), (0, h - th), (w - tw, h - th)]
        } else {
            &[]
        };
        // Five passes of the model; two of them on a second thread, which
        // cuts an upload's wait by a third on a multi-core machine.
        let (mine, theirs) = tiles.split_at(tiles.len().min(2));
        let (mut found, more) = std::thread::scope(|s| {
            let other = s.spawn(|| self.detect_in_tiles(img, theirs, (tw, th)));
            let mut found = self.detect_once(img)?;
            found.extend(self.detect_in_tiles(img, mine, (tw, th))?);
            let more = other
                .join()
                .map_err(|_| anyhow::anyhow!("face detection thread failed"))??;
            anyhow::Ok((found, more))
        })?;
        found.extend(more);
        found.sort_by(|a, b| b.score.total_cmp(&a.score));
        let mut kept: Vec<Face> = Vec::new();
        for f in found {
            let same = kept
                .iter()
                .any(|k| iou(k, &f) >= NMS_IOU || contains(k, &f) || contains(&f, k));
            if !same {
                kept.push(f);
            }
        }
        Ok(kept)
    }

    /// Confident faces found wholly inside the given tiles of `img`.
    fn detect_in_tiles(
        &self,
        img: &RgbImage,
        tiles: &[(u32, u32)],
        (tw, th): (u32, u32),
    ) -> anyhow::Result<Vec<Face>> {
        let mut found = Vec::new();
        for &(tx, ty) in tiles {
            let tile = image::imageops::crop_imm(img, tx, ty, tw, th).to_image();
            for mut f in self.detect_once(&tile)? {
                // A face cut by the tile's edge is found whole elsewhere.
                let inside = f.x > 1.0
                    && f.y > 1.0
                    && f.x + f.w < tw as f32 - 1.0
                    && f.y + f.h < th as f32 - 1.0;
                // Small crops invite false alarms: only confident finds count.
                if inside && f.score >= TILE_MIN_SCORE {
                    f.x += tx as f32;
                    f.y += ty as f32;
                    found.push(f);
                }
            }
        }
        Ok(found)
    }

    /// One pass of the model over `img`, letterboxed to 128×128.
    fn detect_once(&self, img: &RgbImage) -> anyhow::Result<Vec<Face>> {
        let (w, h) = img.dimensions();
        // Letterbox: the photo scaled to fit 128×128, centred on black.
        let scale = SIDE as f32 / w.max(h) as f32;
        let (sw, sh) = (
            ((w as f32 * scale).round() as u32).clamp(1, SIDE),
            ((h as f32 * scale).round() as u32).clamp(1, SIDE),
        );
        let mut small = RgbImage::new(sw, sh);
        let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
        Resizer::new().resize(img, &mut small, &opts)?;
        let (ox, oy) = ((SIDE - sw) / 2, (SIDE - sh) / 2);
        let input: Tensor = tract_ndarray::Array4::from_shape_fn(
            (1, 3, SIDE as usize, SIDE as usize),
            |(_, c, y, x)| {
                let (x, y) = (x as u32, y as u32);
                if x < ox || y < oy || x >= ox + sw || y >= oy + sh {
                    return -1.0;
                }
                f32::from(small.get_pixel(x - ox, y - oy).0[c]) / 127.5 - 1.0
            },
        )
        .into();
        let outputs = self.plan.run(tvec!(input.into()))?;
        let (mut regressors, mut scores) = (None, None);
        for o in outputs.iter() {
            let shape = o.shape();
            if shape.last() == Some(&16) {
                regressors = Some(
                    o.to_plain_array_view::<f32>()?
                        .into_shape_with_order((896, 16))?
                        .to_owned(),
                );
            } else if shape.last() == Some(&1) {
                scores = Some(
                    o.to_plain_array_view::<f32>()?
                        .into_shape_with_order(896)?
                        .to_owned(),
                );
            }
        }
        let (Some(reg), Some(logits)) = (regressors, scores) else {
            anyhow::bail!("the face model's outputs are not the expected ones");
        };
        let mut found = Vec::new();
        for (i, (ax, ay)) in self.anchors.iter().enumerate() {
            let score = 1.0 / (1.0 + (-logits[i].clamp(-100.0, 100.0)).exp());
            if score < MIN_SCORE {
                continue;
            }
            let cx = reg[[i, 0]] / SIDE as f32 + ax;
            let cy = reg[[i, 1]] / SIDE as f32 + ay;
            let bw = reg[[i, 2]] / SIDE as f32;
            let bh = reg[[i, 3]] / SIDE as f32;
            // The eyes (the first two keypoints) give the face's scale; a box
            // far larger than the eyes allow (the model sometimes frames a
            // whole small figure) is rebuilt around them.
            let (rx, ry) = (
                reg[[i, 4]] / SIDE as f32 + ax,
                reg[[i, 5]] / SIDE as f32 + ay,
            );
            let (lx, ly) = (
                reg[[i, 6]] / SIDE as f32 + ax,
                reg[[i, 7]] / SIDE as f32 + ay,
            );
            let eyes = ((rx - lx).powi(2) + (ry - ly).powi(2)).sqrt();
            let from_eyes = eyes * EYES_TO_FACE;
            let (cx, cy, bw, bh) = if eyes > 0.0 && bw > 1.6 * from_eyes {
                let (mx, my) = ((rx + lx) / 2.0, (ry + ly) / 2.0);
                (mx, my + 0.12 * from_eyes, from_eyes, from_eyes)
            } else {
                (cx, cy, bw, bh)
            };
            // From the letterboxed unit square back to photo pixels.
            let to_x = |u: f32| (u * SIDE as f32 - ox as f32) / scale;
            let to_y = |v: f32| (v * SIDE as f32 - oy as f32) / scale;
            found.push(Face {
                x: to_x(cx - bw / 2.0),
                y: to_y(cy - bh / 2.0),
                w: bw * SIDE as f32 / scale,
                h: bh * SIDE as f32 / scale,
                score,
                // The model's right eye is on the picture's left.
                roll: (ly - ry).atan2(lx - rx).to_degrees(),
            });
        }
        Ok(found)
    }
}

/// `b`'s centre lies inside `a` (the same face seen at two scales).
fn contains(a: &Face, b: &Face) -> bool {
    let (cx, cy) = (b.x + b.w / 2.0, b.y + b.h / 2.0);
    cx > a.x && cx < a.x + a.w && cy > a.y && cy < a.y + a.h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(name: &str) -> RgbImage {
        let path = format!("{}/tests/photos/{name}", env!("CARGO_MANIFEST_DIR"));
        image::open(path).unwrap().to_rgb8()
    }

    #[test]
    fn finds_the_one_face_of_a_portrait() {
        let img = photo("astronaut.png");
        let faces = detector().unwrap().detect(&img).unwrap();
        assert_eq!(faces.len(), 1, "{faces:?}");
        let f = faces[0];
        // Eileen Collins' face sits in the upper middle of the 512×512 picture.
        let (cx, cy) = (f.x + f.w / 2.0, f.y + f.h / 2.0);
        assert!(
            (150.0..350.0).contains(&cx) && (60.0..260.0).contains(&cy),
            "{f:?}"
        );
        assert!(f.w > 60.0 && f.w < 300.0, "{f:?}");
    }

    #[test]
    fn finds_no_face_in_a_landscape_and_two_side_by_side() {
        let img = photo("fujifilm_frame0.jpg");
        assert!(detector().unwrap().detect(&img).unwrap().is_empty());
        let one = photo("astronaut.png");
        let mut two = RgbImage::new(1024, 512);
        image::imageops::replace(&mut two, &one, 0, 0);
        image::imageops::replace(&mut two, &one, 512, 0);
        assert_eq!(detector().unwrap().detect(&two).unwrap().len(), 2);
    }
}
