//! Room codes: short, typed by people from a projector, so made of letters that cannot be
//! mistaken for each other or for digits.

/// The letters a room code is made of: no I/L (1), O/Q/D (0), S (5), Z (2), B (8), G (6), U/V.
pub const ALPHABET: &str = "ACEFHJKMNPRTWXY";

/// Letters in a room code: 15⁵ ≈ 759,000 codes, plenty for the rooms one server holds.
pub const LEN: usize = 5;

/// The room code typed by a person, normalised: surrounding space and inner spaces or dashes
/// dropped, upper case. `None` when it cannot be a room code (wrong length or letters).
pub fn normalise(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.chars().count() == LEN && code.chars().all(|c| ALPHABET.contains(c))).then_some(code)
}

/// The room code made from `n` (any number; taken modulo the number of codes), so a server
/// can draw codes from its own random source.
pub fn from_number(mut n: u64) -> String {
    let letters: Vec<char> = ALPHABET.chars().collect();
    let base = letters.len() as u64;
    (0..LEN)
        .map(|_| {
            let c = letters[(n % base) as usize];
            n /= base;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_reject_ambiguous_letters() {
        for n in [0, 1, 14, 15, 759_374, u64::MAX] {
            let code = from_number(n);
            assert_eq!(normalise(&code).as_deref(), Some(code.as_str()));
            assert_eq!(normalise(&format!(" {} ", code.to_lowercase())), Some(code));
        }
        assert_eq!(normalise("acE-fh"), Some("ACEFH".into()));
        assert_eq!(normalise("ACEF0"), None);
        assert_eq!(normalise("ACEFI"), None);
        assert_eq!(normalise("ACEF"), None);
        assert_eq!(normalise("ACEFHJ"), None);
    }
}
