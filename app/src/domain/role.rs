use serde::{Deserialize, Serialize};

/// What an account may see and do (PRODUCT.md, "People and roles").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    YoungPerson,
    Facilitator,
    ParticipationOfficer,
    Advocate,
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::YoungPerson,
        Role::Facilitator,
        Role::ParticipationOfficer,
        Role::Advocate,
        Role::Admin,
    ];

    /// The name stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::YoungPerson => "young_person",
            Role::Facilitator => "facilitator",
            Role::ParticipationOfficer => "participation_officer",
            Role::Advocate => "advocate",
            Role::Admin => "admin",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::YoungPerson => "Young person",
            Role::Facilitator => "Facilitator",
            Role::ParticipationOfficer => "Participation officer",
            Role::Advocate => "Advocate",
            Role::Admin => "Admin",
        }
    }

    /// Staff sign in with an email address; young people with a username.
    pub fn is_staff(self) -> bool {
        self != Role::YoungPerson
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_stored_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("superuser"), None);
    }

    #[test]
    fn only_young_people_are_not_staff() {
        let staff: Vec<_> = Role::ALL.into_iter().filter(|r| r.is_staff()).collect();
        assert_eq!(staff.len(), 4);
        assert!(!Role::YoungPerson.is_staff());
    }
}
