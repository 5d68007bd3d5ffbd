//! A team's Headshot Style: background, shape, colours, outline, and up to
//! two extra backgrounds. Validated here; rendered by the studio's engine.

use super::FieldError;
use serde::{Deserialize, Serialize};

pub const MAX_EXTRA_BACKGROUNDS: usize = 2;
pub const MAX_OUTLINE_WIDTH: i64 = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    Square,
    Rounded,
    Circle,
}

impl Shape {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Square => "square",
            Self::Rounded => "rounded",
            Self::Circle => "circle",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "square" => Some(Self::Square),
            "rounded" => Some(Self::Rounded),
            "circle" => Some(Self::Circle),
            _ => None,
        }
    }
}

/// The channels of a `#rrggbb` colour (as stored after [`parse_color`]).
pub fn rgb(hex: &str) -> Option<[u8; 3]> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 || !h.is_ascii() {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some([c(0)?, c(2)?, c(4)?])
}

/// `#rrggbb`, lower-cased (`#RGB` is expanded).
pub fn parse_color(input: &str) -> Result<String, String> {
    let s = input.trim().to_lowercase();
    let hex = s.strip_prefix('#').unwrap_or(&s);
    let full = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect::<String>(),
        6 => hex.to_string(),
        _ => {
            return Err(format!(
                "\"{input}\" is not a colour: use the form #1f2a44."
            ));
        }
    };
    if !full.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(format!(
            "\"{input}\" is not a colour: use the form #1f2a44."
        ));
    }
    Ok(format!("#{full}"))
}

/// What a style asks for, as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct StyleInput {
    pub name: String,
    pub background_id: String,
    /// `square`, `rounded` or `circle`.
    pub shape: String,
    #[serde(default = "white")]
    pub background_color: String,
    #[serde(default = "white")]
    pub outline_color: String,
    #[serde(default)]
    pub outline_width: i64,
    #[serde(default)]
    pub extra_background_ids: Vec<String>,
}

fn white() -> String {
    "#ffffff".into()
}

/// A validated style (background ids still to be checked against the library).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StyleSpec {
    pub name: String,
    pub background_id: String,
    pub shape: Shape,
    pub background_color: String,
    pub outline_color: String,
    pub outline_width: i64,
    pub extra_background_ids: Vec<String>,
}

impl StyleSpec {
    pub fn parse(i: &StyleInput) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = i.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 80 {
            errors.push(FieldError::new(
                "name",
                "Name the style (at most 80 characters), e.g. \"Website\".",
            ));
        }
        let shape = Shape::parse(&i.shape);
        if shape.is_none() {
            errors.push(FieldError::new(
                "shape",
                "Choose square, rounded or circle.",
            ));
        }
        let bg = parse_color(&i.background_color)
            .map_err(|m| errors.push(FieldError::new("background_color", m)))
            .ok();
        let outline = parse_color(&i.outline_color)
            .map_err(|m| errors.push(FieldError::new("outline_color", m)))
            .ok();
        if !(0..=MAX_OUTLINE_WIDTH).contains(&i.outline_width) {
            errors.push(FieldError::new(
                "outline_width",
                format!("The outline is 0 (none) to {MAX_OUTLINE_WIDTH} pixels wide."),
            ));
        }
        let mut extra = i.extra_background_ids.clone();
        extra.dedup();
        extra.retain(|b| b != &i.background_id);
        if extra.len() > MAX_EXTRA_BACKGROUNDS {
            errors.push(FieldError::new(
                "extra_background_ids",
                format!("Up to {MAX_EXTRA_BACKGROUNDS} additional backgrounds."),
            ));
        }
        match (shape, bg, outline) {
            (Some(shape), Some(background_color), Some(outline_color)) if errors.is_empty() => {
                Ok(Self {
                    name,
                    background_id: i.background_id.trim().to_string(),
                    shape,
                    background_color,
                    outline_color,
                    outline_width: i.outline_width,
                    extra_background_ids: extra,
                })
            }
            _ => Err(errors),
        }
    }

    /// What a headshot gets when its team has no style yet.
    pub fn studio_default() -> Self {
        Self {
            name: "Studio default".into(),
            background_id: "bg-white".into(),
            shape: Shape::Square,
            background_color: "#ffffff".into(),
            outline_color: "#ffffff".into(),
            outline_width: 0,
            extra_background_ids: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> StyleInput {
        StyleInput {
            name: "Website".into(),
            background_id: "bg-navy".into(),
            shape: "circle".into(),
            background_color: "#FFF".into(),
            outline_color: "#1f2a44".into(),
            outline_width: 6,
            extra_background_ids: vec!["bg-white".into(), "bg-navy".into()],
        }
    }

    #[test]
    fn a_good_style_is_normalised() {
        let s = StyleSpec::parse(&input()).unwrap();
        assert_eq!(s.shape, Shape::Circle);
        assert_eq!(s.background_color, "#ffffff");
        assert_eq!(
            s.extra_background_ids,
            vec!["bg-white"],
            "the main background is not an extra"
        );
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = StyleInput {
            name: " ".into(),
            shape: "hexagon".into(),
            background_color: "blue".into(),
            outline_color: "#12345g".into(),
            outline_width: 99,
            extra_background_ids: vec!["a".into(), "b".into(), "c".into()],
            ..input()
        };
        let fields: Vec<String> = StyleSpec::parse(&bad)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "name",
                "shape",
                "background_color",
                "outline_color",
                "outline_width",
                "extra_background_ids"
            ]
        );
    }
}
