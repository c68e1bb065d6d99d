//! Spotting phrases that suggest a young person may be at risk of harm, so
//! what they wrote can be shown to staff first and they can be told straight
//! away who to talk to. This is the one check every place a young person
//! writes goes through (see `rights::safeguarding::WritingPlace`).
//!
//! Matching is simple and predictable. Case, punctuation and apostrophes are
//! ignored, and a phrase matches whole words in the same order, compared as
//! word forms: "hurt me" also matches "hurts me", "hurting me", "hurtin me"
//! and "hurted me"; "kill myself" matches "killing myself", "kil my self"
//! and "kill myself". So "hit me" matches "He HIT me!!" and "he keeps
//! hitting me", but not "white meat".
//!
//! Where the line is drawn: a phrase names a harm *and* who it happens to
//! ("hurting me", "kill myself"), or names a harm that needs no one else
//! ("suicidal", "self harm", "county lines"). A word of pain on its own does
//! not flag: "I was hurting to get home" (desperate to get home), "it hurt
//! my feelings when the bus was late" and "this homework is killing me" do
//! not reach the duty advocate. A flag takes an advocate away from a child
//! who needs them and shows the writer the help panel; flagging ordinary
//! sentences would teach young people and staff to ignore both. Anything a
//! young person writes is still read by a person; this only puts it first.
//! The lists in `harm_phrases/must_flag.txt` and `must_not_flag.txt` pin
//! the line down.
//!
//! The list comes from the council (see `harm_phrases.txt` for the starter
//! list).

/// The starter list, for the council's safeguarding lead to review: one
/// phrase a line, with `#` comments.
pub const DEFAULT_PHRASES: &str = include_str!("harm_phrases.txt");

/// A list of phrases, ready to look for in what young people write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HarmPhrases {
    /// Each phrase as written in the list, and its words as word forms.
    phrases: Vec<(String, Vec<String>)>,
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
                    let forms = word_forms(written);
                    (!forms.is_empty()).then(|| (written.to_string(), forms))
                })
                .collect(),
        }
    }

    /// The first phrase in the list (as written there) that appears in
    /// `text` as whole words, compared as word forms, if any does.
    pub fn find(&self, text: &str) -> Option<String> {
        let text = word_forms(text);
        self.phrases
            .iter()
            .find(|(_, phrase)| {
                text.windows(phrase.len())
                    .any(|words| words == phrase.as_slice())
            })
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

/// The words of a text as word forms: lower case, apostrophes removed (so
/// "don't" is "dont"), split at anything that is not a letter or digit, a
/// few spellings young people use read as the words they stand for, and
/// each word reduced by [`word_form`].
fn word_forms(text: &str) -> Vec<String> {
    let spaced: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`'))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = Vec::new();
    for word in spaced.split_whitespace() {
        match word {
            // "my self" is written as often as "myself".
            "self" if words.last() == Some(&"my") => {
                words.pop();
                words.push("myself");
            }
            "wanna" => words.extend(["want", "to"]),
            "gonna" => words.extend(["going", "to"]),
            "2" => words.push("to"),
            _ => words.push(word),
        }
    }
    words.into_iter().map(word_form).collect()
}

/// A word reduced to the form its variants share, so that "hurt", "hurts",
/// "hurting", "hurtin" and "hurted" are all "hurt", and "kill", "kil",
/// "killing" and "kills" are all "kil": letters written twice in a row count
/// once, then an ending is taken off ("es" or "s"; then "ing", "in" or "ed";
/// then a final "e"), and a final "y" is read as "i" ("bully" and "bullied",
/// "die" and "dying"). No ending is taken off if it would leave fewer than
/// two letters. The forms are not words; they only need to be the same for
/// the variants of one word and differ for the words in the phrase list.
fn word_form(word: &str) -> String {
    let mut form = String::with_capacity(word.len());
    for c in word.chars() {
        if !form.ends_with(c) {
            form.push(c);
        }
    }
    for endings in [&["es", "s"][..], &["ing", "in", "ed"], &["e"]] {
        if let Some(stem) = endings.iter().find_map(|ending| {
            form.strip_suffix(ending)
                .filter(|stem| stem.chars().count() >= 2)
        }) {
            form.truncate(stem.len());
        }
    }
    if let Some(stem) = form.strip_suffix('y').filter(|stem| !stem.is_empty()) {
        form = format!("{stem}i");
    }
    form
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
        assert_eq!(hit.find("a big hit"), Some("hit".into()));
        let hurt_me = phrases(&["hurt me"]);
        assert_eq!(hurt_me.find("We had hurt meat"), None);
        assert_eq!(hurt_me.find("They shurt me"), None);
        assert_eq!(hurt_me.find("they hurt me."), Some("hurt me".into()));
        assert_eq!(hurt_me.find("me hurt"), None, "in the listed order");
    }

    #[test]
    fn phrases_match_every_form_of_their_words() {
        let hurt_me = phrases(&["hurt me"]);
        for text in [
            "someone is hurting me",
            "he hurts me",
            "they hurted me",
            "he is hurtin me",
            "HURTING ME",
        ] {
            assert_eq!(hurt_me.find(text), Some("hurt me".into()), "{text}");
        }
        let kill_myself = phrases(&["kill myself"]);
        for text in [
            "killing myself",
            "i will kil myself",
            "I might kill my self",
            "killin myself",
        ] {
            assert_eq!(kill_myself.find(text), Some("kill myself".into()), "{text}");
        }
        let want_to_die = phrases(&["want to die"]);
        for text in ["i wanna die", "wanted to die", "i want 2 die"] {
            assert_eq!(want_to_die.find(text), Some("want to die".into()), "{text}");
        }
        assert_eq!(
            phrases(&["bully me"]).find("they keep bullying me"),
            Some("bully me".into())
        );
    }

    #[test]
    fn a_word_form_is_shared_by_the_words_variants_only() {
        for (variants, form) in [
            (
                &["hurt", "hurts", "hurting", "hurtin", "hurted"][..],
                "hurt",
            ),
            (&["kill", "kil", "kills", "killing", "killed"], "kil"),
            (&["hit", "hits", "hitting", "hittin", "hitted"], "hit"),
            (&["bully", "bullies", "bullied", "bullying"], "buli"),
            (&["die", "dies", "died", "dying"], "di"),
            (&["touch", "touches", "touched", "touching"], "touch"),
        ] {
            for variant in variants {
                assert_eq!(word_form(variant), form, "{variant}");
            }
        }
        for (word, other) in [("me", "my"), ("hit", "white"), ("hurt", "shurt")] {
            assert_ne!(word_form(word), word_form(other));
        }
        assert_eq!(
            word_form("is"),
            "is",
            "no ending leaves fewer than two letters"
        );
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
            let earlier_words = word_forms(earlier);
            for later in &list[i + 1..] {
                assert!(
                    !word_forms(later)
                        .windows(earlier_words.len())
                        .any(|words| words == earlier_words.as_slice()),
                    "{later} should come before {earlier}, or is the same phrase"
                );
            }
        }
    }

    #[test]
    fn every_must_flag_sentence_is_flagged() {
        let list = parse_list(include_str!("harm_phrases/must_flag.txt"));
        assert!(list.len() >= 100, "{}", list.len());
        let matcher = starter();
        let missed: Vec<&String> = list.iter().filter(|s| matcher.find(s).is_none()).collect();
        assert!(missed.is_empty(), "not flagged: {missed:#?}");
    }

    #[test]
    fn no_must_not_flag_sentence_is_flagged() {
        let list = parse_list(include_str!("harm_phrases/must_not_flag.txt"));
        assert!(list.len() >= 50, "{}", list.len());
        let matcher = starter();
        let flagged: Vec<(&String, String)> = list
            .iter()
            .filter_map(|s| matcher.find(s).map(|phrase| (s, phrase)))
            .collect();
        assert!(flagged.is_empty(), "flagged: {flagged:#?}");
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
            "I was hurting to get home",
            "My new trainers hurt my feet a bit",
            "I want to learn to cook pasta",
            "The shepherd's pie at my placement is the best",
            "",
        ] {
            assert_eq!(matcher.find(text), None, "{text}");
        }
    }
}
