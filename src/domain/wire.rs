//! `wire_names!`: an enum's names as the API, the database and forms spell
//! them, written once per variant. It gives `ALL` (in the order listed),
//! `as_str`, `parse` and `Display`.

macro_rules! wire_names {
    ($t:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $t {
            /// Every value, in the order the enum lists them.
            pub const ALL: [$t; [$($name),+].len()] = [$($t::$variant),+];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($t::$variant => $name),+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.as_str() == s)
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use wire_names;

#[cfg(test)]
mod tests {
    use crate::domain::{CustomBackgroundStatus, HeadshotStatus, LedgerKind, Section};

    /// The wire name is serde's name too, and every name reads back.
    fn round_trips<T>(all: &[T])
    where
        T: Copy + PartialEq + std::fmt::Debug + serde::Serialize,
        T: std::fmt::Display,
    {
        for v in all {
            assert_eq!(serde_json::to_value(v).unwrap(), v.to_string(), "{v:?}");
        }
    }

    #[test]
    fn names_match_serde_and_read_back() {
        round_trips(&HeadshotStatus::ALL);
        round_trips(&LedgerKind::ALL);
        round_trips(&CustomBackgroundStatus::ALL);
        round_trips(&Section::ALL);
        for s in Section::ALL {
            assert_eq!(Section::parse(s.as_str()), Some(s));
        }
        for s in HeadshotStatus::ALL {
            assert_eq!(HeadshotStatus::parse(s.as_str()), Some(s));
        }
        for k in LedgerKind::ALL {
            assert_eq!(LedgerKind::parse(k.as_str()), Some(k));
        }
        for s in CustomBackgroundStatus::ALL {
            assert_eq!(CustomBackgroundStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(LedgerKind::parse("gift"), None);
    }
}
