//! The five-face scale young people rate with, and "not sure".

use serde::{Deserialize, Serialize};

/// An answer on the face scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaceRating {
    /// 1 (very unhappy) to 5 (very happy).
    Score(u8),
    NotSure,
}

/// The faces, from 1 to 5, with the words shown under each.
pub const FACES: [(u8, &str); 5] = [
    (1, "Really unhappy"),
    (2, "Unhappy"),
    (3, "OK"),
    (4, "Happy"),
    (5, "Really happy"),
];

pub const NOT_SURE: &str = "not_sure";

impl FaceRating {
    /// From a form value: "1" to "5" or "not_sure".
    pub fn parse(value: Option<&str>) -> Result<FaceRating, &'static str> {
        match value.map(str::trim) {
            None | Some("") => Err("Choose a face, or choose Not sure"),
            Some(NOT_SURE) => Ok(FaceRating::NotSure),
            Some(other) => other
                .parse::<u8>()
                .ok()
                .filter(|score| (1..=5).contains(score))
                .map(FaceRating::Score)
                .ok_or("Choose one of the faces"),
        }
    }

    /// The score as stored: 1-5, or none for "not sure".
    pub fn score(self) -> Option<u8> {
        match self {
            FaceRating::Score(score) => Some(score),
            FaceRating::NotSure => None,
        }
    }

    pub fn from_score(score: Option<u8>) -> FaceRating {
        score.map_or(FaceRating::NotSure, FaceRating::Score)
    }

    pub fn form_value(self) -> String {
        match self {
            FaceRating::Score(score) => score.to_string(),
            FaceRating::NotSure => NOT_SURE.into(),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FaceRating::Score(score) => FACES
                .iter()
                .find(|(s, _)| *s == score)
                .map_or("", |(_, words)| words),
            FaceRating::NotSure => "Not sure",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_faces_and_not_sure() {
        assert_eq!(FaceRating::parse(Some("1")), Ok(FaceRating::Score(1)));
        assert_eq!(FaceRating::parse(Some("5")), Ok(FaceRating::Score(5)));
        assert_eq!(FaceRating::parse(Some("not_sure")), Ok(FaceRating::NotSure));
    }

    #[test]
    fn refuses_missing_and_made_up_answers() {
        assert_eq!(
            FaceRating::parse(None),
            Err("Choose a face, or choose Not sure")
        );
        assert!(FaceRating::parse(Some("")).is_err());
        for bad in ["0", "6", "-1", "five", "3.5"] {
            assert_eq!(
                FaceRating::parse(Some(bad)),
                Err("Choose one of the faces"),
                "{bad}"
            );
        }
    }

    #[test]
    fn round_trips_through_the_form_and_the_database() {
        for rating in [FaceRating::Score(3), FaceRating::NotSure] {
            assert_eq!(FaceRating::parse(Some(&rating.form_value())), Ok(rating));
            assert_eq!(FaceRating::from_score(rating.score()), rating);
        }
        assert_eq!(FaceRating::Score(5).label(), "Really happy");
    }
}
