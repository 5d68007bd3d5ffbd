//! Lossless removal of private metadata (EXIF with GPS, XMP, IPTC, comments,
//! PNG text chunks) from a JPEG or PNG file, without re-encoding pixels.

use bytes::Bytes;

/// Returns the file without private metadata; unknown formats and damaged
/// files come back empty rather than unfiltered.
pub fn strip_private_metadata(data: &[u8]) -> Bytes {
    if data.starts_with(&[0xFF, 0xD8]) {
        strip_jpeg(data).map(Bytes::from).unwrap_or_default()
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        strip_png(data).map(Bytes::from).unwrap_or_default()
    } else if data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        strip_webp(data).map(Bytes::from).unwrap_or_default()
    } else {
        Bytes::new()
    }
}

/// An EXIF segment holding nothing but the Orientation tag, so a photo
/// stored sideways by the phone still shows upright once stripped.
fn orientation_segment(o: u16) -> Vec<u8> {
    let mut body = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    body.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
    body.extend_from_slice(&o.to_be_bytes());
    body.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    seg.extend_from_slice(&body);
    seg
}

fn strip_jpeg(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&data[..2]);
    let orientation = super::checks::read_exif(data)
        .orientation
        .filter(|o| (2..=8).contains(o));
    if let Some(o) = orientation {
        out.extend_from_slice(&orientation_segment(u16::from(o)));
    }
    let mut i = 2;
    loop {
        if i + 4 > data.len() || data[i] != 0xFF {
            return None;
        }
        let marker = data[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if marker == 0xDA {
            // Start of scan: entropy-coded data and the rest follow verbatim.
            out.extend_from_slice(&data[i..]);
            return Some(out);
        }
        let len = usize::from(u16::from_be_bytes([data[i + 2], data[i + 3]]));
        let end = i + 2 + len;
        if len < 2 || end > data.len() {
            return None;
        }
        // APP1 (EXIF, XMP), APP13 (IPTC) and COM can hold location and names.
        let private = matches!(marker, 0xE1 | 0xED | 0xFE);
        if !private {
            out.extend_from_slice(&data[i..end]);
        }
        i = end;
    }
}

fn strip_png(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&data[..8]);
    let mut i = 8;
    while i + 12 <= data.len() {
        let len = u32::from_be_bytes(data[i..i + 4].try_into().ok()?) as usize;
        let end = i.checked_add(12)?.checked_add(len)?;
        if end > data.len() {
            return None;
        }
        let kind = &data[i + 4..i + 8];
        let private = matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME");
        if !private {
            out.extend_from_slice(&data[i..end]);
        }
        if kind == b"IEND" {
            return Some(out);
        }
        i = end;
    }
    None
}

/// WebP (RIFF): drops the `EXIF` and `XMP ` chunks and clears their flags
/// in the extended header.
fn strip_webp(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
    let mut i = 12;
    while i + 8 <= data.len() {
        let kind = &data[i..i + 4];
        let len = u32::from_le_bytes(data[i + 4..i + 8].try_into().ok()?) as usize;
        let end = i.checked_add(8)?.checked_add(len + (len & 1))?;
        if end > data.len() {
            return None;
        }
        if !matches!(kind, b"EXIF" | b"XMP ") {
            let start = out.len();
            out.extend_from_slice(&data[i..end]);
            if kind == b"VP8X" && len >= 1 {
                out[start + 8] &= !(0x08 | 0x04);
            }
        }
        i = end;
    }
    if i != data.len() {
        return None;
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imaging::test_photo as photo;

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn gps_exif_is_removed_and_the_picture_still_decodes() {
        for name in ["sample1.jpg", "has-lens-info.jpg"] {
            let original = photo(name);
            assert!(
                contains(&original, b"Exif\0\0"),
                "{name} has EXIF to begin with"
            );
            let clean = strip_private_metadata(&original);
            let kept = super::super::checks::read_exif(&clean);
            assert!(
                !kept.camera && (!contains(&clean, b"Exif\0\0") || kept.orientation.is_some()),
                "{name}: at most the orientation is left"
            );
            let a = image::load_from_memory(&original).unwrap();
            let b = image::load_from_memory(&clean).unwrap();
            assert_eq!(
                a.to_rgb8().as_raw(),
                b.to_rgb8().as_raw(),
                "{name}: pixels unchanged"
            );
        }
    }

    #[test]
    fn the_orientation_survives_and_nothing_else() {
        let original = photo("has-lens-info.jpg");
        assert_eq!(
            super::super::checks::read_exif(&original).orientation,
            Some(6)
        );
        let clean = strip_private_metadata(&original);
        let facts = super::super::checks::read_exif(&clean);
        assert_eq!(facts.orientation, Some(6), "still shown upright");
        assert!(!facts.camera, "no camera data left");
        assert!(!contains(&clean, b"GPS") && !contains(&clean, b"Apple"));
        assert!(image::load_from_memory(&clean).is_ok());
    }

    #[test]
    fn png_text_chunks_are_removed() {
        let original = photo("astronaut.png");
        let clean = strip_private_metadata(&original);
        assert!(!contains(&clean, b"tEXt"));
        assert!(image::load_from_memory(&clean).is_ok());
    }

    #[test]
    fn webp_exif_is_removed() {
        let img = image::RgbImage::from_pixel(16, 16, image::Rgb([10, 200, 30]));
        let mut webp = Vec::new();
        image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
            .encode(img.as_raw(), 16, 16, image::ExtendedColorType::Rgb8)
            .unwrap();
        // Wrap as extended WebP with an EXIF chunk naming a GPS position.
        let mut ext = b"RIFF\0\0\0\0WEBP".to_vec();
        ext.extend_from_slice(b"VP8X");
        ext.extend_from_slice(&10u32.to_le_bytes());
        ext.extend_from_slice(&[0x08, 0, 0, 0, 15, 0, 0, 15, 0, 0]);
        ext.extend_from_slice(&webp[12..]);
        ext.extend_from_slice(b"EXIF");
        ext.extend_from_slice(&8u32.to_le_bytes());
        ext.extend_from_slice(b"GPS-here");
        let size = (ext.len() - 8) as u32;
        ext[4..8].copy_from_slice(&size.to_le_bytes());
        let clean = strip_private_metadata(&ext);
        assert!(!clean.is_empty() && !contains(&clean, b"GPS-here"));
        assert_eq!(clean[20] & 0x08, 0, "the EXIF flag is cleared");
        let decoded = image::load_from_memory(&clean).unwrap().to_rgb8();
        assert_eq!(decoded.get_pixel(3, 3).0, [10, 200, 30]);
    }

    #[test]
    fn damaged_files_are_not_passed_through() {
        let mut jpeg = photo("sample1.jpg");
        jpeg.truncate(40);
        assert!(strip_private_metadata(&jpeg).is_empty());
        assert!(strip_private_metadata(b"GIF89a").is_empty());
    }
}
