//! Typed ids: a team's id cannot be passed where a headshot's is expected.
//! They are the text the database stores (UUIDv7, sortable by creation
//! time) and serialise as plain strings.

macro_rules! id_type {
    ($(#[$doc:meta])* $t:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $t(String);

        impl $t {
            /// A new id, sortable by creation time.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7().to_string())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id whose text this is (a path segment, a stored
            /// reference, a job's payload).
            pub fn of(text: impl AsRef<str>) -> Self {
                Self(text.as_ref().to_string())
            }
        }

        impl Default for $t {
            fn default() -> Self {
                Self::new()
            }
        }

        impl From<String> for $t {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl From<&str> for $t {
            fn from(s: &str) -> Self {
                Self(s.to_string())
            }
        }

        impl From<$t> for String {
            fn from(id: $t) -> String {
                id.0
            }
        }

        /// Reads as the text it is, so ids format and compare with strings.
        impl std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $t {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<String> for &$t {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<&$t> for String {
            fn eq(&self, other: &&$t) -> bool {
                *self == other.0
            }
        }

        impl utoipa::PartialSchema for $t {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                String::schema()
            }
        }

        impl utoipa::ToSchema for $t {}
    };
}

id_type!(
    /// A client team.
    TeamId
);
id_type!(
    /// One person's headshot in a team.
    HeadshotId
);
id_type!(
    /// A leader's or a staff member's account.
    UserId
);
id_type!(
    /// A department (sub-team) of a team.
    DepartmentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_text_on_the_wire_and_new_ones_sort_by_time() {
        let a = TeamId::new();
        let b = TeamId::new();
        assert!(a < b);
        assert_eq!(serde_json::to_value(&a).unwrap(), a.as_str());
        let back: TeamId = serde_json::from_value(serde_json::json!("t-1")).unwrap();
        assert_eq!(back, "t-1");
    }
}
