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
    } else {
        Bytes::new()
    }
}

fn strip_jpeg(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    out.extend_from_slice(&data[..2]);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(name: &str) -> Vec<u8> {
        std::fs::read(format!(
            "{}/tests/photos/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

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
            assert!(!contains(&clean, b"Exif\0\0"), "{name}");
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
    fn png_text_chunks_are_removed() {
        let original = photo("astronaut.png");
        let clean = strip_private_metadata(&original);
        assert!(!contains(&clean, b"tEXt"));
        assert!(image::load_from_memory(&clean).is_ok());
    }

    #[test]
    fn damaged_files_are_not_passed_through() {
        let mut jpeg = photo("sample1.jpg");
        jpeg.truncate(40);
        assert!(strip_private_metadata(&jpeg).is_empty());
        assert!(strip_private_metadata(b"GIF89a").is_empty());
    }
}
