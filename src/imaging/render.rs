//! One delivery's files: from what the retoucher handed in and the headshot's
//! style, every background × every standard size (unwatermarked finals) plus
//! one watermarked preview per background. Every output is re-encoded from
//! pixels, so no metadata of the upload (EXIF, GPS) is ever served.

use super::compose::{self, Fill, Framing, Look, Shape};
use super::decode::{decode_bounded, dimensions};
pub use super::encode::{fit, jpeg, png};
use crate::domain::style::Ratio;
use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{ImageFormat, RgbImage, RgbaImage};

/// The watermarked preview's side, whatever the standard sizes are.
pub const PREVIEW_SIZE: u32 = 800;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handed {
    /// A cut-out: PNG with transparency, placed on the style's backgrounds.
    Cutout,
    /// A finished picture, delivered as it is (only resized).
    Image,
}

impl Handed {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Cutout => "cutout",
            Self::Image => "image",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "cutout" => Some(Self::Cutout),
            "image" => Some(Self::Image),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RenderError {
    #[error("The file is not a JPEG or PNG image.")]
    NotAnImage,
    #[error(
        "A cut-out must be a PNG with transparency; this file has none. Send it in the `image` field if it is a finished picture."
    )]
    CutoutWithoutAlpha,
    #[error("The image is {0}×{1} pixels, more than the limit; send a smaller file.")]
    TooLarge(u32, u32),
    #[error("The image could not be read: the file is damaged or incomplete.")]
    Unreadable,
}

/// One background the headshot is delivered on.
#[derive(Debug, Clone)]
pub struct Backdrop {
    pub background_id: String,
    pub fill: Fill,
}

/// What to render: the look and framing, the backgrounds (the main one
/// first), and the studio's standard sizes (heights in pixels) and ratios.
#[derive(Debug, Clone)]
pub struct Recipe {
    pub look: Look,
    pub framing: Framing,
    pub backdrops: Vec<Backdrop>,
    pub sizes: Vec<u32>,
    pub ratios: Vec<Ratio>,
}

impl Recipe {
    /// The rectangles delivered at `height`: every ratio, except that a
    /// circle is always square.
    fn rectangles(&self, height: u32) -> Vec<(Ratio, u32, u32)> {
        self.ratios
            .iter()
            .filter(|r| self.look.shape != Shape::Circle || **r == Ratio::Square)
            .map(|r| (*r, r.width_for(height), height))
            .collect()
    }
}

#[derive(Debug)]
pub struct RenderedFile {
    /// `None` for a finished image delivered as it is.
    pub background_id: Option<String>,
    pub shape: Shape,
    pub width: u32,
    pub height: u32,
    pub format: &'static str,
    pub data: Vec<u8>,
    pub watermarked: bool,
}

/// Reads the hand-in, refusing what cannot be delivered. Runs before
/// anything is stored, so the retoucher hears at once what is wrong.
pub fn read_handin(
    data: &[u8],
    handed: Handed,
    max_pixels: u64,
) -> Result<image::DynamicImage, RenderError> {
    let format = super::decode::sniff(data).ok_or(RenderError::NotAnImage)?;
    if handed == Handed::Cutout && format != ImageFormat::Png {
        return Err(RenderError::CutoutWithoutAlpha);
    }
    let (w, h) = dimensions(data, format).ok_or(RenderError::Unreadable)?;
    if u64::from(w) * u64::from(h) > max_pixels {
        return Err(RenderError::TooLarge(w, h));
    }
    let mut img = decode_bounded(data, format, max_pixels).map_err(|_| RenderError::Unreadable)?;
    if handed == Handed::Cutout && !img.color().has_alpha() {
        return Err(RenderError::CutoutWithoutAlpha);
    }
    // A camera or editor may save the pixels sideways with an EXIF
    // Orientation tag: render what the retoucher saw.
    if let Some(o) = super::checks::read_exif(data)
        .orientation
        .and_then(image::metadata::Orientation::from_exif)
    {
        img.apply_orientation(o);
    }
    Ok(img)
}

/// Every file of one delivery.
pub fn render_delivery(
    data: &[u8],
    handed: Handed,
    recipe: &Recipe,
    max_pixels: u64,
) -> Result<Vec<RenderedFile>, RenderError> {
    let img = read_handin(data, handed, max_pixels)?;
    Ok(match handed {
        Handed::Cutout => render_cutout(&img.to_rgba8(), recipe),
        Handed::Image => render_finished(&img.to_rgb8(), &recipe.sizes),
    })
}

/// A cut-out on every backdrop at every size and ratio, cut to the style's
/// shape, plus a square watermarked preview per backdrop. Square and
/// portrait pictures are opaque and delivered as JPEG; rounded and circle
/// ones as PNG with transparent corners.
pub fn render_cutout(cutout: &RgbaImage, recipe: &Recipe) -> Vec<RenderedFile> {
    let look = &recipe.look;
    let mut out = Vec::new();
    for b in &recipe.backdrops {
        let preview = picture(cutout, recipe, b, (PREVIEW_SIZE, PREVIEW_SIZE), 1.0);
        out.push(file(
            Some(b),
            look.shape,
            watermarked(&preview),
            PREVIEW_SIZE,
            PREVIEW_SIZE,
            true,
        ));
    }
    for &height in &recipe.sizes {
        for (ratio, width, height) in recipe.rectangles(height) {
            for b in &recipe.backdrops {
                let img = picture(cutout, recipe, b, (width, height), ratio.aspect());
                let data = if look.shape == Shape::Square {
                    jpeg(&compose::flatten(&img, look.background_color), 92)
                } else {
                    png(&img)
                };
                out.push(file(Some(b), look.shape, data, width, height, false));
            }
        }
    }
    out
}

/// The cut-out framed in a `width`×`height` picture on one backdrop.
fn picture(
    cutout: &RgbaImage,
    recipe: &Recipe,
    b: &Backdrop,
    (width, height): (u32, u32),
    aspect: f32,
) -> RgbaImage {
    let crop = compose::frame(cutout, None, recipe.framing, aspect);
    let scaled = compose::scale_cutout(cutout, crop, width, height);
    let cover = match &b.fill {
        Fill::Image(i) => Some(compose::cover(i, width, height)),
        Fill::Colors(_) => None,
    };
    compose::render(
        &scaled,
        &b.fill,
        cover.as_ref(),
        &recipe.look,
        (width, height),
    )
}

/// The member's instant preview of a draft: the cut-out on the style's main
/// backdrop at preview size, watermarked, as a JPEG.
pub fn render_preview(cutout: &RgbaImage, recipe: &Recipe) -> Option<Vec<u8>> {
    render_preview_at(cutout, recipe, PREVIEW_SIZE)
}

/// The same at `size` pixels (the style samples are smaller).
pub fn render_preview_at(cutout: &RgbaImage, recipe: &Recipe, size: u32) -> Option<Vec<u8>> {
    let b = recipe.backdrops.first()?;
    let img = picture(cutout, recipe, b, (size, size), 1.0);
    Some(watermarked(&img).0)
}

/// A preview as members see it before approval: on white, watermarked.
fn watermarked(img: &RgbaImage) -> (Vec<u8>, &'static str) {
    let mut preview = compose::flatten(img, [255, 255, 255]);
    super::watermark::apply(&mut preview);
    jpeg(&preview, 82)
}

fn file(
    b: Option<&Backdrop>,
    shape: Shape,
    data: (Vec<u8>, &'static str),
    width: u32,
    height: u32,
    watermarked: bool,
) -> RenderedFile {
    RenderedFile {
        background_id: b.map(|b| b.background_id.clone()),
        shape,
        width,
        height,
        format: data.1,
        data: data.0,
        watermarked,
    }
}

/// A finished picture: its longest side brought to each standard size
/// (never enlarged), plus the watermarked preview.
pub fn render_finished(img: &RgbImage, sizes: &[u32]) -> Vec<RenderedFile> {
    let mut out = Vec::new();
    let mut preview = fit(img, PREVIEW_SIZE);
    super::watermark::apply(&mut preview);
    let (w, h) = preview.dimensions();
    out.push(file(None, Shape::Square, jpeg(&preview, 82), w, h, true));
    let mut done = Vec::new();
    for &size in sizes {
        let scaled = fit(img, size);
        if done.contains(&scaled.dimensions()) {
            continue; // a small original: one file per distinct size
        }
        done.push(scaled.dimensions());
        let (w, h) = scaled.dimensions();
        out.push(file(None, Shape::Square, jpeg(&scaled, 92), w, h, false));
    }
    out
}

/// One extra file at `width`×`height` in `format` (`jpeg` or `png`) on the
/// recipe's first background: the style rendered square at the longer side,
/// then centre-cropped. A finished picture is cropped to the aspect and
/// scaled.
pub fn render_size(
    data: &[u8],
    handed: Handed,
    recipe: &Recipe,
    width: u32,
    height: u32,
    format: &str,
    max_pixels: u64,
) -> Result<RenderedFile, RenderError> {
    let img = read_handin(data, handed, max_pixels)?;
    let side = width.max(height);
    let (rgba, background_id, shape) = match handed {
        Handed::Cutout => {
            let cutout = img.to_rgba8();
            let crop = compose::frame(&cutout, None, recipe.framing, 1.0);
            let scaled = compose::scale_cutout(&cutout, crop, side, side);
            let b = recipe.backdrops.first();
            let fill = b.map_or(Fill::Colors(vec![recipe.look.background_color]), |b| {
                b.fill.clone()
            });
            let cover = match &fill {
                Fill::Image(i) => Some(compose::cover(i, side, side)),
                Fill::Colors(_) => None,
            };
            let square =
                compose::render(&scaled, &fill, cover.as_ref(), &recipe.look, (side, side));
            let cropped = image::imageops::crop_imm(
                &square,
                (side - width) / 2,
                (side - height) / 2,
                width,
                height,
            )
            .to_image();
            (
                cropped,
                b.map(|b| b.background_id.clone()),
                recipe.look.shape,
            )
        }
        Handed::Image => {
            let rgb = img.to_rgb8();
            let (w, h) = rgb.dimensions();
            // The largest centred crop with the target's aspect, then scaled.
            let (cw, ch) = if u64::from(w) * u64::from(height) > u64::from(h) * u64::from(width) {
                (
                    (u64::from(h) * u64::from(width) / u64::from(height)) as u32,
                    h,
                )
            } else {
                (
                    w,
                    (u64::from(w) * u64::from(height) / u64::from(width)) as u32,
                )
            };
            let crop =
                image::imageops::crop_imm(&rgb, (w - cw) / 2, (h - ch) / 2, cw.max(1), ch.max(1))
                    .to_image();
            let mut dst = RgbImage::new(width, height);
            let opts =
                ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
            Resizer::new()
                .resize(&crop, &mut dst, &opts)
                .expect("RGB to RGB resizes");
            (
                image::DynamicImage::ImageRgb8(dst).to_rgba8(),
                None,
                Shape::Square,
            )
        }
    };
    let data = if format == "png" {
        png(&rgba)
    } else {
        jpeg(&compose::flatten(&rgba, recipe.look.background_color), 92)
    };
    Ok(RenderedFile {
        background_id,
        shape,
        width,
        height,
        format: data.1,
        data: data.0,
        watermarked: false,
    })
}

#[cfg(test)]
#[path = "render_tests.rs"]
mod tests;
