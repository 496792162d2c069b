//! Enums that travel as stable snake_case codes (JSON, query strings, table attributes).
//!
//! One macro writes the boilerplate so that every such enum has the same shape: serde in
//! snake_case, `as_str()` with the same code, `FromStr`, `Display` and an `ALL` list. Tests of
//! each module check that serde and `as_str()` agree.

use std::fmt;

/// A code that names no variant of the enum it was parsed as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    /// The enum that was asked for, e.g. `"Status"`.
    pub kind: &'static str,
    /// The text that was given.
    pub value: String,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} code {:?}", self.kind, self.value)
    }
}

impl std::error::Error for UnknownCode {}

/// A wire enum from its code (the text of a JSON string or map key).
pub fn parse_code<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: std::str::FromStr<Err = UnknownCode>,
{
    let code = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    code.parse().map_err(serde::de::Error::custom)
}

/// Declares an enum from `Name { Variant => "code", ... }` (doc comments allowed on both).
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        // By the code, through `as_str` and `FromStr`: one shared string path for every enum
        // instead of a derived visitor each (the site's wasm carries dozens of these).
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::wire::parse_code(d)
            }
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The wire code (the same text serde writes).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::wire::UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .into_iter()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| $crate::wire::UnknownCode {
                        kind: stringify!($name),
                        value: s.to_owned(),
                    })
            }
        }
    };
}

pub(crate) use wire_enum;
