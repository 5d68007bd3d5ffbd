//! The studio's default catalogue of reasons for requesting a new photo.

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct QcReason {
    pub code: String,
    pub label: String,
}

/// Defaults from the product description; `other` is always present and is
/// explained by the QC note.
pub const DEFAULT_REASONS: [(&str, &str); 9] = [
    ("business_attire", "Please wear business attire"),
    ("face_camera", "Face the camera"),
    ("no_sunglasses_or_hats", "No sunglasses or hats"),
    ("no_other_people", "No other people in the photo"),
    ("even_lighting", "Use even lighting on your face"),
    ("shoulders_visible", "Make sure your shoulders are visible"),
    ("in_focus", "The photo is blurry: hold the phone still"),
    ("plain_background", "Stand in front of a plain background"),
    ("other", "Other (see the note)"),
];

pub fn default_catalogue() -> Vec<QcReason> {
    DEFAULT_REASONS
        .iter()
        .map(|(c, l)| QcReason {
            code: (*c).into(),
            label: (*l).into(),
        })
        .collect()
}

pub fn find(code: &str) -> Option<QcReason> {
    default_catalogue().into_iter().find(|r| r.code == code)
}
