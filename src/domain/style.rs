//! A team's Headshot Style: background, shape, colours, outline, and up to
//! two extra backgrounds. Validated here; rendered by the studio's engine.

use super::FieldError;
use serde::{Deserialize, Serialize};

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

/// How much of the person a picture shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Framing {
    #[default]
    HeadAndShoulders,
    /// More of the body, as far as the photo holds it.
    ChestUp,
}

impl Framing {
    pub const ALL: [Framing; 2] = [Self::HeadAndShoulders, Self::ChestUp];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::HeadAndShoulders => "head_and_shoulders",
            Self::ChestUp => "chest_up",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::HeadAndShoulders => "Head and shoulders",
            Self::ChestUp => "Chest up",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// The shape of the delivered rectangle: square, or a portrait ratio
/// (width : height). Each standard size is the picture's height.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Ratio {
    #[serde(rename = "1:1")]
    Square,
    #[serde(rename = "4:5")]
    FourByFive,
    #[serde(rename = "3:4")]
    ThreeByFour,
}

impl Ratio {
    pub const ALL: [Ratio; 3] = [Self::Square, Self::FourByFive, Self::ThreeByFour];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Square => "1:1",
            Self::FourByFive => "4:5",
            Self::ThreeByFour => "3:4",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// Width ÷ height.
    pub fn aspect(self) -> f32 {
        match self {
            Self::Square => 1.0,
            Self::FourByFive => 0.8,
            Self::ThreeByFour => 0.75,
        }
    }

    /// The width of a picture `height` pixels tall.
    pub fn width_for(self, height: u32) -> u32 {
        let (w, h) = match self {
            Self::Square => (1, 1),
            Self::FourByFive => (4, 5),
            Self::ThreeByFour => (3, 4),
        };
        height * w / h
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
    /// `head_and_shoulders` (the default) or `chest_up`.
    #[serde(default)]
    pub framing: Option<String>,
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
    /// Styles saved before the choice existed are head and shoulders.
    #[serde(default)]
    pub framing: Framing,
}

impl StyleSpec {
    /// `max_extra`: additional backgrounds a style may offer (the studio's
    /// setting, 2 by default).
    pub fn parse(i: &StyleInput, max_extra: usize) -> Result<Self, Vec<FieldError>> {
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
        let framing = match i
            .framing
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            None => Some(Framing::HeadAndShoulders),
            Some(f) => Framing::parse(f),
        };
        if framing.is_none() {
            errors.push(FieldError::new(
                "framing",
                "Choose head_and_shoulders or chest_up.",
            ));
        }
        let mut extra = i.extra_background_ids.clone();
        extra.dedup();
        extra.retain(|b| b != &i.background_id);
        if extra.len() > max_extra {
            errors.push(FieldError::new(
                "extra_background_ids",
                format!("Up to {max_extra} additional backgrounds."),
            ));
        }
        match (shape, bg, outline, framing) {
            (Some(shape), Some(background_color), Some(outline_color), Some(framing))
                if errors.is_empty() =>
            {
                Ok(Self {
                    name,
                    background_id: i.background_id.trim().to_string(),
                    shape,
                    background_color,
                    outline_color,
                    outline_width: i.outline_width,
                    extra_background_ids: extra,
                    framing,
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
            framing: Framing::HeadAndShoulders,
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
            framing: Some("chest_up".into()),
        }
    }

    #[test]
    fn a_good_style_is_normalised() {
        let s = StyleSpec::parse(&input(), 2).unwrap();
        assert_eq!(s.shape, Shape::Circle);
        assert_eq!(s.framing, Framing::ChestUp);
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
            framing: Some("full_body".into()),
            ..input()
        };
        let fields: Vec<String> = StyleSpec::parse(&bad, 2)
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
                "framing",
                "extra_background_ids"
            ]
        );
    }
}

#[cfg(test)]
mod ratio_tests {
    use super::*;

    #[test]
    fn ratios_read_and_size_as_written() {
        assert_eq!(Ratio::parse(" 4:5"), Some(Ratio::FourByFive));
        assert_eq!(Ratio::parse("16:9"), None);
        assert_eq!(Ratio::FourByFive.width_for(1600), 1280);
        assert_eq!(Ratio::ThreeByFour.width_for(1600), 1200);
        assert_eq!(Ratio::Square.width_for(400), 400);
        let json = serde_json::to_string(&Ratio::ALL).unwrap();
        assert_eq!(json, r#"["1:1","4:5","3:4"]"#);
        // A style saved before framing existed reads as head and shoulders.
        let old = r##"{"name":"a","background_id":"b","shape":"square","background_color":"#ffffff","outline_color":"#ffffff","outline_width":0,"extra_background_ids":[]}"##;
        let spec: StyleSpec = serde_json::from_str(old).unwrap();
        assert_eq!(spec.framing, Framing::HeadAndShoulders);
    }
}
