//! The "PREVIEW" watermark drawn over delivered headshots until approval:
//! repeated words from a tiny built-in bitmap font plus diagonal bands, so it
//! cannot be cropped away and needs no font files.

use image::{Rgb, RgbImage};

/// 5×7 glyphs, one row per byte (low 5 bits, leftmost pixel = bit 4).
fn glyph(c: char) -> [u8; 7] {
    match c {
        'P' => [
            0b11110, 0b10001, 0b10001, 0b11110, 0b10000, 0b10000, 0b10000,
        ],
        'R' => [
            0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001,
        ],
        'E' => [
            0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111,
        ],
        'V' => [
            0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01010, 0b00100,
        ],
        'I' => [
            0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110,
        ],
        'W' => [
            0b10001, 0b10001, 0b10001, 0b10101, 0b10101, 0b10101, 0b01010,
        ],
        _ => [0; 7],
    }
}

fn blend(p: &mut Rgb<u8>, toward: u8, alpha: u16) {
    for c in p.0.iter_mut() {
        *c = ((u16::from(*c) * (256 - alpha) + u16::from(toward) * alpha) >> 8) as u8;
    }
}

pub fn apply(img: &mut RgbImage) {
    let (w, h) = img.dimensions();
    let scale = (w.min(h) / 90).max(2);
    let text = "PREVIEW";
    let text_w = (text.len() as u32) * 6 * scale;
    let row_h = 7 * scale * 4;
    // Diagonal bands first, then the words on top.
    let band = (w.max(h) / 12).max(8);
    for y in 0..h {
        for x in 0..w {
            if (x + y) % (band * 3) < band / 4 {
                blend(img.get_pixel_mut(x, y), 255, 60);
            }
        }
    }
    let mut row = 0;
    let mut y0 = scale * 4;
    while y0 < h {
        let offset = if row % 2 == 0 {
            0
        } else {
            text_w / 2 + 3 * scale
        };
        let mut x0 = offset;
        while x0 < w + text_w {
            draw_text(img, text, x0 as i64 - text_w as i64 / 2, y0 as i64, scale);
            x0 += text_w + 6 * scale;
        }
        y0 += row_h;
        row += 1;
    }
}

fn draw_text(img: &mut RgbImage, text: &str, x0: i64, y0: i64, scale: u32) {
    let (w, h) = (i64::from(img.width()), i64::from(img.height()));
    for (i, c) in text.chars().enumerate() {
        let g = glyph(c);
        let gx = x0 + (i as i64) * 6 * i64::from(scale);
        for (ry, bits) in g.iter().enumerate() {
            for rx in 0..5 {
                if bits & (1 << (4 - rx)) == 0 {
                    continue;
                }
                for dy in 0..i64::from(scale) {
                    for dx in 0..i64::from(scale) {
                        let x = gx + rx * i64::from(scale) + dx;
                        let y = y0 + ry as i64 * i64::from(scale) + dy;
                        if (0..w).contains(&x) && (0..h).contains(&y) {
                            blend(img.get_pixel_mut(x as u32, y as u32), 255, 140);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_a_visible_share_of_the_picture() {
        let mut img = RgbImage::from_pixel(600, 800, Rgb([20, 30, 40]));
        apply(&mut img);
        let changed = img.pixels().filter(|p| p.0 != [20, 30, 40]).count();
        let share = changed as f64 / (600.0 * 800.0);
        assert!(share > 0.05 && share < 0.6, "watermark covers {share}");
    }
}
