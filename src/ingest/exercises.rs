//! One canonical exercise name and movement pattern for the names the gym
//! apps use ("Squat (Barbell)", "Back Squat", "RDL", …).
//!
//! The canonical name is the app's name in lower case without the equipment
//! in parentheses, after the aliases below. The pattern comes from the first
//! keyword rule that matches; order matters ("split squat" is a lunge,
//! "jump squat" a plyometric, "leg press" a squat). Names that match no rule
//! keep the pattern `other`, and the report lists them. Extending the table
//! is adding a line.

/// Movement patterns of the `strength_sets.pattern` column.
pub const PATTERNS: [&str; 9] = [
    "squat",
    "hinge",
    "lunge",
    "calf",
    "tibialis",
    "plyometric",
    "upper",
    "core",
    "other",
];

/// Whole-name aliases, applied after normalising.
const ALIASES: &[(&str, &str)] = &[
    ("back squat", "squat"),
    ("barbell squat", "squat"),
    ("barbell back squat", "squat"),
    ("high bar squat", "squat"),
    ("low bar squat", "squat"),
    ("rdl", "romanian deadlift"),
    ("barbell deadlift", "deadlift"),
    ("conventional deadlift", "deadlift"),
    ("step up", "step-up"),
    ("stepup", "step-up"),
    ("pogo hops", "pogo jumps"),
];

/// Keyword rules: the first rule whose keyword occurs in the name wins.
const RULES: &[(&str, &str)] = &[
    ("jump", "plyometric"),
    ("bound", "plyometric"),
    ("hop", "plyometric"),
    ("pogo", "plyometric"),
    ("plyo", "plyometric"),
    ("skipping", "plyometric"),
    ("calf", "calf"),
    ("tibialis", "tibialis"),
    ("tib raise", "tibialis"),
    ("split squat", "lunge"),
    ("lunge", "lunge"),
    ("step-up", "lunge"),
    ("deadlift", "hinge"),
    ("good morning", "hinge"),
    ("hip thrust", "hinge"),
    ("glute bridge", "hinge"),
    ("swing", "hinge"),
    ("squat", "squat"),
    ("leg press", "squat"),
    ("plank", "core"),
    ("crunch", "core"),
    ("sit-up", "core"),
    ("sit up", "core"),
    ("dead bug", "core"),
    ("pallof", "core"),
    ("leg raise", "core"),
    ("bench", "upper"),
    ("press", "upper"),
    ("row", "upper"),
    ("pull", "upper"),
    ("push", "upper"),
    ("chin", "upper"),
    ("curl", "upper"),
    ("dip", "upper"),
    ("fly", "upper"),
];

/// Lower case, equipment in parentheses removed, spaces collapsed, aliases applied.
pub fn canonical_name(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut depth = 0;
    for c in raw.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            // FIT categories are snake_case (`calf_raise`).
            '_' if depth == 0 => out.push(' '),
            _ if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let name = out.split_whitespace().collect::<Vec<_>>().join(" ");
    ALIASES
        .iter()
        .find(|(a, _)| *a == name)
        .map_or(name, |(_, c)| (*c).to_string())
}

/// Movement pattern of a canonical name (`other` when no rule matches).
pub fn pattern(canonical: &str) -> &'static str {
    RULES
        .iter()
        .find(|(k, _)| canonical.contains(k))
        .map_or("other", |(_, p)| p)
}

/// Whether a pattern is a main lower-body lift (what makes a session heavy).
pub fn is_main_lower(pattern: &str) -> bool {
    matches!(pattern, "squat" | "hinge" | "lunge")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn app_names_map_to_patterns() {
        let cases = [
            ("Squat (Barbell)", "squat", "squat"),
            ("Back Squat", "squat", "squat"),
            (
                "Bulgarian Split Squat (Dumbbell)",
                "bulgarian split squat",
                "lunge",
            ),
            ("Romanian Deadlift (Barbell)", "romanian deadlift", "hinge"),
            ("RDL", "romanian deadlift", "hinge"),
            ("Box Jump", "box jump", "plyometric"),
            ("Jump Squat", "jump squat", "plyometric"),
            (
                "Standing Calf Raise (Machine)",
                "standing calf raise",
                "calf",
            ),
            ("Leg Press", "leg press", "squat"),
            ("Overhead Press (Barbell)", "overhead press", "upper"),
            ("Step Up", "step-up", "lunge"),
            ("Plank", "plank", "core"),
            ("Zercher Carry", "zercher carry", "other"),
            ("calf_raise", "calf raise", "calf"),
            ("squat", "squat", "squat"),
        ];
        for (raw, name, pat) in cases {
            let c = canonical_name(raw);
            assert_eq!(c, name, "{raw}");
            assert_eq!(pattern(&c), pat, "{raw}");
        }
        assert!(PATTERNS.contains(&pattern("anything")));
        assert!(is_main_lower("hinge") && !is_main_lower("plyometric"));
    }
}
