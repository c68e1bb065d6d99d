use super::stored_enum::stored_enum;

stored_enum! {
    /// What an account may see and do (PRODUCT.md, "People and roles").
    pub enum Role as "role" {
        YoungPerson = "young_person" => "Young person",
        Facilitator = "facilitator" => "Facilitator",
        ParticipationOfficer = "participation_officer" => "Participation officer",
        Advocate = "advocate" => "Advocate",
        Admin = "admin" => "Admin",
    }
}

impl Role {
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
