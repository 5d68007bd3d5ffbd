//! Pictures of the library's colour and gradient backgrounds.

/// An SVG swatch: one colour, or a top-to-bottom gradient.
pub fn svg(colors: &[String]) -> String {
    let safe: Vec<String> = colors
        .iter()
        .filter(|c| {
            c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit())
        })
        .cloned()
        .collect();
    let stops: String = match safe.len() {
        0 => "<stop offset=\"0\" stop-color=\"#ffffff\"/>".into(),
        1 => format!(
            "<stop offset=\"0\" stop-color=\"{0}\"/><stop offset=\"1\" stop-color=\"{0}\"/>",
            safe[0]
        ),
        n => safe
            .iter()
            .enumerate()
            .map(|(i, c)| {
                format!(
                    "<stop offset=\"{}\" stop-color=\"{c}\"/>",
                    i as f64 / (n - 1) as f64
                )
            })
            .collect(),
    };
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"400\" viewBox=\"0 0 300 400\">\
         <defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\">{stops}</linearGradient></defs>\
         <rect width=\"300\" height=\"400\" fill=\"url(#g)\"/></svg>"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_hex_colours_reach_the_svg() {
        let s = super::svg(&["#112233".into(), "red\"/><script>".into(), "#aabbcc".into()]);
        assert!(s.contains("#112233") && s.contains("#aabbcc") && !s.contains("script"));
    }
}
