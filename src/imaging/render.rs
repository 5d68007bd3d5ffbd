//! Turning what the retoucher hands in into the files people download:
//! a full-size final and a watermarked preview. Every output is re-encoded
//! from pixels, so no metadata of the upload (EXIF, GPS) is ever served.

use super::checks::{decode_bounded, dimensions};
use image::{DynamicImage, ImageFormat, RgbImage, RgbaImage};

/// The longest side of the watermarked preview.
pub const PREVIEW_MAX_SIDE: u32 = 1200;

pub struct Rendered {
    pub width: u32,
    pub height: u32,
    pub format: &'static str,
    pub data: Vec<u8>,
    pub watermarked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handed {
    /// A cut-out: PNG with transparency, placed on the background.
    Cutout,
    /// A finished picture, delivered as it is.
    Image,
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

/// Checks the hand-in, then renders the final and the preview.
pub fn render_delivery(
    data: &[u8],
    handed: Handed,
    max_pixels: u64,
) -> Result<Vec<Rendered>, RenderError> {
    let format = super::checks::sniff(data).ok_or(RenderError::NotAnImage)?;
    if handed == Handed::Cutout && format != ImageFormat::Png {
        return Err(RenderError::CutoutWithoutAlpha);
    }
    let (w, h) = dimensions(data, format).ok_or(RenderError::Unreadable)?;
    if u64::from(w) * u64::from(h) > max_pixels {
        return Err(RenderError::TooLarge(w, h));
    }
    let img = decode_bounded(data, format, max_pixels).map_err(|_| RenderError::Unreadable)?;
    let flat = match handed {
        Handed::Cutout => {
            if !img.color().has_alpha() {
                return Err(RenderError::CutoutWithoutAlpha);
            }
            flatten_on(&img.to_rgba8(), [255, 255, 255])
        }
        Handed::Image => img.to_rgb8(),
    };
    let final_file = encode_jpeg(&flat, 92, false);
    let mut preview = shrink(&flat, PREVIEW_MAX_SIDE);
    super::watermark::apply(&mut preview);
    let preview_file = encode_jpeg(&preview, 82, true);
    Ok(vec![preview_file, final_file])
}

/// Composite a cut-out over a solid background colour.
pub fn flatten_on(img: &RgbaImage, bg: [u8; 3]) -> RgbImage {
    RgbImage::from_fn(img.width(), img.height(), |x, y| {
        let p = img.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8, b: u8| ((u16::from(c) * a + u16::from(b) * (255 - a) + 127) / 255) as u8;
        image::Rgb([mix(p[0], bg[0]), mix(p[1], bg[1]), mix(p[2], bg[2])])
    })
}

fn shrink(img: &RgbImage, max_side: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    if w.max(h) <= max_side {
        return img.clone();
    }
    let (nw, nh) = if w >= h {
        (
            max_side,
            (u64::from(h) * u64::from(max_side) / u64::from(w)).max(1) as u32,
        )
    } else {
        (
            (u64::from(w) * u64::from(max_side) / u64::from(h)).max(1) as u32,
            max_side,
        )
    };
    image::imageops::thumbnail(img, nw, nh)
}

fn encode_jpeg(img: &RgbImage, quality: u8, watermarked: bool) -> Rendered {
    let mut data = Vec::new();
    DynamicImage::ImageRgb8(img.clone())
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut data, quality,
        ))
        .expect("encoding into memory cannot fail");
    Rendered {
        width: img.width(),
        height: img.height(),
        format: "jpeg",
        data,
        watermarked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageEncoder, Rgba};

    fn png(img: &RgbaImage) -> Vec<u8> {
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(
                img,
                img.width(),
                img.height(),
                image::ExtendedColorType::Rgba8,
            )
            .unwrap();
        out
    }

    #[test]
    fn cutout_is_placed_on_white_and_previewed_with_a_watermark() {
        let mut cut = RgbaImage::from_pixel(1600, 2000, Rgba([0, 0, 0, 0]));
        for y in 500..1500 {
            for x in 400..1200 {
                cut.put_pixel(x, y, Rgba([200, 40, 40, 255]));
            }
        }
        let files = render_delivery(&png(&cut), Handed::Cutout, 100_000_000).unwrap();
        let preview = files.iter().find(|f| f.watermarked).unwrap();
        let final_ = files.iter().find(|f| !f.watermarked).unwrap();
        assert_eq!((final_.width, final_.height), (1600, 2000));
        assert_eq!(preview.height, PREVIEW_MAX_SIDE);
        let decoded = image::load_from_memory(&final_.data).unwrap().to_rgb8();
        let corner = decoded.get_pixel(5, 5).0;
        assert!(
            corner.iter().all(|c| *c > 245),
            "background is white: {corner:?}"
        );
        let centre = decoded.get_pixel(800, 1000).0;
        assert!(
            centre[0] > 180 && centre[1] < 70,
            "subject kept: {centre:?}"
        );
    }

    #[test]
    fn cutout_without_alpha_is_refused() {
        let opaque = RgbImage::from_pixel(100, 100, image::Rgb([1, 2, 3]));
        let mut out = Vec::new();
        image::codecs::png::PngEncoder::new(&mut out)
            .write_image(&opaque, 100, 100, image::ExtendedColorType::Rgb8)
            .unwrap();
        assert_eq!(
            render_delivery(&out, Handed::Cutout, 100_000_000).err(),
            Some(RenderError::CutoutWithoutAlpha)
        );
        assert!(render_delivery(&out, Handed::Image, 100_000_000).is_ok());
        assert_eq!(
            render_delivery(b"nope", Handed::Image, 1000).err(),
            Some(RenderError::NotAnImage)
        );
    }
}
