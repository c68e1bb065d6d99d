//! Spotting phrases that suggest a young person may be at risk of harm, so
//! what they wrote can be shown to staff first and they can be told straight
//! away who to talk to.
//!
//! Matching is deliberately simple and predictable: case, punctuation and
//! apostrophes are ignored, and a phrase only matches whole words, so "hit
//! me" matches "He HIT me!!" but not "white meat" or "hitting". The list
//! comes from the council (see `harm_phrases.txt` for the starter list).

/// The starter list, for the council's safeguarding lead to review: one
/// phrase a line, with `#` comments.
pub const DEFAULT_PHRASES: &str = include_str!("harm_phrases.txt");

/// A list of phrases, ready to look for in what young people write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HarmPhrases {
    /// Each phrase as written in the list, and its normalised form.
    phrases: Vec<(String, String)>,
}

impl HarmPhrases {
    /// Builds a matcher from phrases. Blank lines, lines starting with `#`
    /// and lines with no letters or digits are ignored.
    pub fn new(phrases: impl IntoIterator<Item = impl AsRef<str>>) -> HarmPhrases {
        HarmPhrases {
            phrases: phrases
                .into_iter()
                .filter_map(|phrase| {
                    let written = listed(phrase.as_ref())?;
                    let normalised = normalise(written);
                    (!normalised.is_empty()).then(|| (written.to_string(), normalised))
                })
                .collect(),
        }
    }

    /// The first phrase in the list (as written there) that appears in
    /// `text` as whole words, if any does.
    pub fn find(&self, text: &str) -> Option<String> {
        let text = format!(" {} ", normalise(text));
        self.phrases
            .iter()
            .find(|(_, normalised)| text.contains(&format!(" {normalised} ")))
            .map(|(written, _)| written.clone())
    }
}

/// The phrases in a newline-separated list, trimmed, without blank lines or
/// `#` comments.
pub fn parse_list(text: &str) -> Vec<String> {
    text.lines().filter_map(listed).map(String::from).collect()
}

/// A line of a list, trimmed, unless it is blank or a comment.
fn listed(line: &str) -> Option<&str> {
    let line = line.trim();
    (!line.is_empty() && !line.starts_with('#')).then_some(line)
}

/// Lower case, apostrophes removed (so "don't" is "dont"), every other
/// character that is not a letter or digit made a space, and runs of spaces
/// made one, with none at either end.
fn normalise(text: &str) -> String {
    let spaced: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`'))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(list: &[&str]) -> HarmPhrases {
        HarmPhrases::new(list)
    }

    fn starter() -> HarmPhrases {
        HarmPhrases::new(DEFAULT_PHRASES.lines())
    }

    #[test]
    fn case_and_punctuation_do_not_matter() {
        let matcher = phrases(&["kill myself"]);
        assert_eq!(
            matcher.find("I want to KILL myself!!!"),
            Some("kill myself".into())
        );
        assert_eq!(matcher.find("kill...myself"), Some("kill myself".into()));
        assert_eq!(
            phrases(&["Self-Harm"]).find("i self harm sometimes"),
            Some("Self-Harm".into()),
            "the phrase is given back as written in the list"
        );
    }

    #[test]
    fn apostrophes_are_ignored_on_both_sides() {
        let matcher = phrases(&["don't feel safe"]);
        for text in [
            "I dont feel safe",
            "I don't feel safe",
            "I don\u{2019}t feel safe at my placement",
            "i DON'T FEEL SAFE",
        ] {
            assert_eq!(matcher.find(text), Some("don't feel safe".into()), "{text}");
        }
        assert_eq!(
            phrases(&["dont feel safe"]).find("I don't feel safe"),
            Some("dont feel safe".into())
        );
    }

    #[test]
    fn phrases_only_match_whole_words() {
        let hit = phrases(&["hit"]);
        assert_eq!(hit.find("My white trainers"), None);
        assert_eq!(hit.find("He keeps hitting the wall"), None);
        assert_eq!(hit.find("a big hit"), Some("hit".into()));
        let hurt_me = phrases(&["hurt me"]);
        assert_eq!(hurt_me.find("We had hurt meat"), None);
        assert_eq!(hurt_me.find("They shurt me"), None);
        assert_eq!(hurt_me.find("they hurt me."), Some("hurt me".into()));
    }

    #[test]
    fn phrases_match_across_spaces_and_lines() {
        let matcher = phrases(&["kill myself"]);
        assert_eq!(
            matcher.find("sometimes i want to kill   myself"),
            Some("kill myself".into())
        );
        assert_eq!(
            matcher.find("I think I might kill\nmyself\r\nif it goes on"),
            Some("kill myself".into())
        );
        assert_eq!(matcher.find("kill\tmyself"), Some("kill myself".into()));
    }

    #[test]
    fn the_first_listed_phrase_is_reported() {
        let matcher = phrases(&["he hurts me", "hurts me", "not safe"]);
        assert_eq!(
            matcher.find("I'm not safe, he hurts me"),
            Some("he hurts me".into())
        );
        assert_eq!(
            matcher.find("She hurts me and I am not safe"),
            Some("hurts me".into())
        );
    }

    #[test]
    fn comments_and_blank_lines_are_ignored() {
        let list = "# a comment\n\n   \nhit me\n  # an indented comment\n  punched me  \n!!!\n";
        assert_eq!(parse_list(list), ["hit me", "punched me", "!!!"]);
        let matcher = HarmPhrases::new(list.lines());
        assert_eq!(matcher.find("a comment"), None);
        assert_eq!(matcher.find("an indented comment"), None);
        assert_eq!(matcher.find("he punched me"), Some("punched me".into()));
        assert_eq!(matcher.find("hello"), None, "blank phrases match nothing");
        assert_eq!(matcher.find(""), None);
    }

    #[test]
    fn an_empty_list_matches_nothing() {
        assert_eq!(
            HarmPhrases::new(Vec::<String>::new()).find("kill myself"),
            None
        );
    }

    #[test]
    fn every_starter_phrase_matches_a_sentence_containing_it() {
        let list = parse_list(DEFAULT_PHRASES);
        assert!(list.len() >= 40, "{}", list.len());
        let matcher = starter();
        for phrase in &list {
            let sentence = format!("Sometimes {phrase}, honestly.");
            assert!(matcher.find(&sentence).is_some(), "{phrase}");
            assert_eq!(
                HarmPhrases::new([phrase]).find(&sentence.to_uppercase()),
                Some(phrase.clone())
            );
        }
    }

    #[test]
    fn the_starter_list_lists_longer_phrases_first() {
        let list = parse_list(DEFAULT_PHRASES);
        for (i, earlier) in list.iter().enumerate() {
            let padded = format!(" {} ", normalise(earlier));
            for later in &list[i + 1..] {
                assert!(
                    !format!(" {} ", normalise(later)).contains(&padded),
                    "{later} should come before {earlier}"
                );
            }
        }
    }

    #[test]
    fn the_starter_list_catches_what_young_people_write() {
        let matcher = starter();
        for text in [
            "i just want to die",
            "My step dad hits me when mum is out",
            "I've been cutting myself again",
            "I'm scared to go home tonight",
            "she hurts me",
            "thinking about running? no, I ran away last week",
            "someone at the park keeps asking me to carry stuff, says I owe them money",
            "i'm being bullied at school",
        ] {
            assert!(matcher.find(text).is_some(), "{text}");
        }
    }

    #[test]
    fn ordinary_sentences_do_not_match_the_starter_list() {
        let matcher = starter();
        for text in [
            "I scored two goals at football on Saturday and we won 3-1",
            "School dinners were nice today, we had pizza and white chocolate cookies",
            "My teacher said my maths is getting better",
            "Can I have more time on the computer at weekends?",
            "I'd like to see my brother more often",
            "We watched a film about hitting a home run in baseball",
            "My new trainers hurt my feet a bit",
            "I want to learn to cook pasta",
            "The shepherd's pie at my placement is the best",
            "",
        ] {
            assert_eq!(matcher.find(text), None, "{text}");
        }
    }
}
