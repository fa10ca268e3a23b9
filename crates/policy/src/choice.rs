//! Fixed sets of named values (scheme, category, hospital level, layer, …):
//! each value has an ASCII id for requests, files and URLs, and a Chinese
//! and an English name for people.

/// A fixed set of named values (scheme, category, hospital level, …), read
/// by id and shown by name.
pub trait Choice: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn id(self) -> &'static str;
    fn name_zh(self) -> &'static str;
    fn name_en(self) -> &'static str;

    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.id() == id)
    }
}

/// Declares an enum of named values with its [`Choice`] implementation and
/// serde (by id) in one place. Exported: the engine declares its own
/// choices (layers, analysis views) with it.
#[macro_export]
macro_rules! choice {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal, $zh:literal, $en:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $crate::choice::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)+];
            fn id(self) -> &'static str { match self { $($name::$variant => $id,)+ } }
            fn name_zh(self) -> &'static str { match self { $($name::$variant => $zh,)+ } }
            fn name_en(self) -> &'static str { match self { $($name::$variant => $en,)+ } }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::choice::Choice::id(*self))
            }
        }

        impl $crate::policy::data::Decode for $name {
            fn decode(r: &mut $crate::policy::data::Reader) -> Result<Self, $crate::policy::data::Damaged> {
                $crate::policy::data::choice(r)
            }
        }
    };
}

/// The ids of a list of choices, for messages.
pub fn ids<C: Choice>(choices: &[C]) -> Vec<String> {
    choices.iter().map(|c| c.id().to_string()).collect()
}
