//! The kinds things come in: runs, strength sessions and sets. Each is an
//! enum with one lower-case name, used in tables, CSV, JSON and text alike,
//! so that a kind is never compared as a string.

/// An enum whose variants each have one name (`name()`, `Display`,
/// `FromStr`, serialised as the name) and are listed in `ALL`.
macro_rules! named {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every variant, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Its name in tables, CSV, JSON and text.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|k| k.name() == s)
                    .ok_or_else(|| format!("unknown {} '{s}'", stringify!($name)))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
    };
}

named! {
    /// A run's kind, from its shape and intensity ([`crate::analysis::runs`]).
    RunKind {
        /// Steady and under 70 minutes.
        Easy = "easy",
        /// Steady and 70 minutes or more.
        Long = "long",
        /// Pace changing with the heart rate following (intervals, tempo).
        Quality = "quality",
        /// A maximal effort.
        Race = "race",
        /// On a belt, not comparable with outdoor runs.
        Treadmill = "treadmill",
    }
}

named! {
    /// A strength session's kind ([`crate::analysis::strength`]).
    SessionKind {
        /// At least two heavy sets of a main lower-body lift.
        Heavy = "heavy",
        /// At least two plyometric sets.
        Plyometric = "plyometric",
        /// Most working sets of 12–20 reps.
        HighRep = "high-rep",
        /// Anything else with sets.
        Mixed = "mixed",
        /// Recorded by a watch without sets: its load is not known.
        Unlogged = "unlogged",
    }
}

named! {
    /// A set's type as gym logs and watches mark it.
    SetType {
        /// Warm-up: not a working set.
        Warmup = "warmup",
        /// A working set.
        Working = "working",
        /// A drop set.
        Drop = "drop",
        /// A set taken to failure.
        Failure = "failure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        for k in SessionKind::ALL {
            assert_eq!(k.name().parse::<SessionKind>(), Ok(*k));
        }
        assert_eq!(RunKind::Long.to_string(), "long");
        assert_eq!(
            serde_json::to_string(&SessionKind::HighRep).unwrap(),
            "\"high-rep\""
        );
        assert!("tempo".parse::<RunKind>().is_err());
        assert_eq!(SetType::ALL.len(), 4);
    }
}
