//! Charts drawn on the server as inline SVG (no script, no chart library):
//! readable without JavaScript and printable. Screen readers hear the
//! chart's title and description; the table beside it holds the same
//! numbers (each bar's title is a tooltip for sighted readers).

/// One bar: its label under the axis, its value, and what a reader hears
/// or sees on hover ("Mar 2026: $1,250.00").
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub spoken: String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const WIDTH: i64 = 720;
const HEIGHT: i64 = 240;
const AXIS: i64 = 200;
const TOP: i64 = 16;

/// A bar chart titled `title`; bars scale to the largest value.
pub fn bars(title: &str, description: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    let n = bars.len().max(1) as i64;
    let slot = WIDTH / n;
    let width = (slot * 2 / 3).max(2);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"chart-t chart-d\" preserveAspectRatio=\"xMidYMid meet\">\
         <title id=\"chart-t\">{}</title><desc id=\"chart-d\">{}</desc>\
         <line x1=\"0\" y1=\"{AXIS}\" x2=\"{WIDTH}\" y2=\"{AXIS}\" class=\"chart-axis\"/>",
        escape(title),
        escape(description)
    );
    for (i, b) in bars.iter().enumerate() {
        let i = i as i64;
        let h = (b.value.max(0) * (AXIS - TOP)) / max;
        let x = i * slot + (slot - width) / 2;
        svg.push_str(&format!(
            "<g><title>{}</title><rect x=\"{x}\" y=\"{}\" width=\"{width}\" height=\"{h}\" class=\"chart-bar\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"chart-label\">{}</text></g>",
            escape(&b.spoken),
            AXIS - h,
            x + width / 2,
            AXIS + 18,
            escape(&b.label),
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tallest_bar_reaches_the_top_and_labels_are_escaped() {
        let svg = bars(
            "Revenue",
            "by month",
            &[
                Bar {
                    label: "Jan".into(),
                    value: 50,
                    spoken: "Jan: <50>".into(),
                },
                Bar {
                    label: "Feb".into(),
                    value: 100,
                    spoken: "Feb: 100".into(),
                },
            ],
        );
        assert!(svg.contains(&format!("height=\"{}\"", AXIS - TOP)), "{svg}");
        assert!(
            svg.contains(&format!("height=\"{}\"", (AXIS - TOP) / 2)),
            "{svg}"
        );
        assert!(svg.contains("Jan: &lt;50&gt;"));
        assert!(!svg.contains("<50>"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    }
}
