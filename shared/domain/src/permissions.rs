//! The permission map: what each role may do. The server (`service::access`) and the site (its
//! navigation and page gates) both ask [`permits`], so they cannot disagree.

use crate::Role;

/// One thing a person may do in an organisation (or, for the admin, in a region).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Permission {
    /// Create organisations and appoint their directors (the region's admin).
    ManageOrganisations,
    /// The organisation's journal and each application's card, history and documents.
    ViewJournal,
    /// Name the responsible executor of an application («Назначить ответственного»).
    AssignExecutor,
    /// «Принять» / «Отказать» while an application is «На проверке».
    Decide,
    /// Sign a decision, return it for rework, register the signing key.
    Sign,
    /// Keep the response templates and write to an applicant from the card (seed 003
    /// «Шаблоны ответов», «Отправка сообщения»).
    Reply,
    /// The organisation's orders and their registry book («Приказы», «Книга регистрации
    /// приказов»), and each order's paper.
    ViewOrders,
    /// Gather signed acceptances into a draft order, or discard a draft.
    PrepareOrders,
    /// Give an order its number and date (the office, «канцелярия»).
    RegisterOrders,
    /// The organisation's staff list (the director's: it names people by IIN).
    ViewStaff,
    /// Add and remove staff.
    ManageStaff,
    /// Class limits and their free seats.
    ViewLimits,
    /// Add and edit class limits («Лимиты классов»).
    ManageLimits,
    /// The microdistrict's addresses.
    ViewMicrodistrict,
    /// Attach and detach microdistrict addresses («Микроучасток»).
    ManageMicrodistrict,
    /// Appoint and remove the region's education department staff (the region's admin).
    AppointEduDepartment,
    /// A private kindergarten's state-order places (seed 004).
    ViewPlaces,
    /// Publish and change the state-order places.
    ManagePlaces,
    /// The directions issued to the kindergarten, with the days they have left.
    ViewDirections,
    /// Confirm that a directed child arrived («Зачислен»).
    ConfirmArrival,
    /// Confirm or refuse a preschool queue privilege (the region's education department).
    ConfirmPrivileges,
    /// Read the region's kindergarten places, directions and queue applications.
    ViewRegion,
    /// Set a year's college admission campaign of the region: the period and the quota shares.
    ManageCampaign,
    /// The education department's monitoring of its territory (read-only): the journal across
    /// organisations and each application's card, the report and the overdue dashboard.
    Monitor,
}

impl Permission {
    pub const ALL: [Permission; 24] = [
        Permission::ManageOrganisations,
        Permission::ViewJournal,
        Permission::AssignExecutor,
        Permission::Decide,
        Permission::Sign,
        Permission::Reply,
        Permission::ViewOrders,
        Permission::PrepareOrders,
        Permission::RegisterOrders,
        Permission::ViewStaff,
        Permission::ManageStaff,
        Permission::ViewLimits,
        Permission::ManageLimits,
        Permission::ViewMicrodistrict,
        Permission::ManageMicrodistrict,
        Permission::AppointEduDepartment,
        Permission::ViewPlaces,
        Permission::ManagePlaces,
        Permission::ViewDirections,
        Permission::ConfirmArrival,
        Permission::ConfirmPrivileges,
        Permission::ViewRegion,
        Permission::ManageCampaign,
        Permission::Monitor,
    ];
}

impl Role {
    /// What the role itself grants (the director also holds the roles of
    /// [`effective_roles`]).
    pub const fn permissions(self) -> &'static [Permission] {
        use Permission::*;
        match self {
            Role::Admin => &[ManageOrganisations, AppointEduDepartment, ManageCampaign],
            Role::Director => &[AssignExecutor, Sign, ViewStaff, ManageStaff],
            // Reads the school's records it works with: the journal and cards, limits and the
            // microdistrict (the card shows whether a seat is free); not the staff list.
            // In a kindergarten: the directions to it, and confirming a child's arrival.
            Role::Executor => &[
                ViewJournal,
                Decide,
                Reply,
                ViewOrders,
                PrepareOrders,
                ViewLimits,
                ViewMicrodistrict,
                ViewPlaces,
                ViewDirections,
                ConfirmArrival,
            ],
            // Seed 001: «Лимиты классов» and «Микроучасток»; «В процессе отработки заявок он не
            // участвует».
            // In a private kindergarten, the state-order places (seed 004: «директор или ОСО»).
            Role::Oso => &[
                ViewLimits,
                ManageLimits,
                ViewMicrodistrict,
                ManageMicrodistrict,
                ViewPlaces,
                ManagePlaces,
                ViewDirections,
            ],
            // Territory-wide and read-only, except the privileges of the preschool queue; no
            // school's journal. What a district's or the ministry's staff keep of it is
            // `TerritoryLevel::grants`.
            // Seed 003 «Сотрудник канцелярии»: the applications, the answers to applicants, and
            // the orders it registers.
            Role::Office => &[ViewJournal, Reply, ViewOrders, RegisterOrders],
            Role::EduDepartment => &[ConfirmPrivileges, ViewRegion, Monitor, ManageCampaign],
        }
    }
}

/// The roles a membership acts with: the director may also act as executor, oso and office
/// (seed 001: the director may process applications alone).
pub fn effective_roles(roles: &[Role]) -> Vec<Role> {
    let mut out = roles.to_vec();
    if roles.contains(&Role::Director) {
        for r in [Role::Executor, Role::Oso, Role::Office] {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// Whether a person holding `roles` in an organisation may do `permission` there.
pub fn permits(roles: &[Role], permission: Permission) -> bool {
    effective_roles(roles)
        .iter()
        .any(|r| r.permissions().contains(&permission))
}

/// The role a person acts in when doing `permission`, for the history: the most senior role
/// they hold that grants it, through its effective roles (a director deciding acts as director;
/// an oso who is also an executor edits limits as oso).
pub fn acting_role(roles: &[Role], permission: Permission) -> Option<Role> {
    let seniority = [
        Role::Admin,
        Role::Director,
        Role::Executor,
        Role::Oso,
        Role::Office,
        Role::EduDepartment,
    ];
    seniority
        .into_iter()
        .find(|r| roles.contains(r) && permits(&[*r], permission))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oso_only_limits_microdistrict_and_places() {
        let oso = [Role::Oso];
        let allowed: Vec<Permission> = Permission::ALL
            .into_iter()
            .filter(|p| permits(&oso, *p))
            .collect();
        assert_eq!(
            allowed,
            vec![
                Permission::ViewLimits,
                Permission::ManageLimits,
                Permission::ViewMicrodistrict,
                Permission::ManageMicrodistrict,
                Permission::ViewPlaces,
                Permission::ManagePlaces,
                Permission::ViewDirections,
            ]
        );
        assert!(!permits(&oso, Permission::ViewJournal));
    }

    #[test]
    fn director_may_do_every_school_thing() {
        for p in Permission::ALL {
            assert_eq!(
                permits(&[Role::Director], p),
                !matches!(
                    p,
                    Permission::ManageOrganisations
                        | Permission::AppointEduDepartment
                        | Permission::ManageCampaign
                        | Permission::ConfirmPrivileges
                        | Permission::ViewRegion
                        | Permission::Monitor
                ),
                "{p:?}"
            );
        }
        assert_eq!(
            effective_roles(&[Role::Director]),
            vec![Role::Director, Role::Executor, Role::Oso, Role::Office]
        );
        assert_eq!(
            acting_role(&[Role::Director], Permission::Decide),
            Some(Role::Director)
        );
    }

    #[test]
    fn executor_decides_but_does_not_sign() {
        let ex = [Role::Executor];
        assert!(permits(&ex, Permission::Decide));
        assert!(permits(&ex, Permission::ViewJournal));
        assert!(!permits(&ex, Permission::Sign));
        assert!(!permits(&ex, Permission::AssignExecutor));
        assert!(!permits(&ex, Permission::ManageLimits));
        assert!(!permits(&ex, Permission::ViewStaff));
        assert_eq!(acting_role(&ex, Permission::Sign), None);
        // The stored order of roles does not matter; the granting role does.
        let both = [Role::Oso, Role::Executor];
        assert_eq!(
            acting_role(&both, Permission::ManageLimits),
            Some(Role::Oso)
        );
        assert_eq!(acting_role(&both, Permission::Decide), Some(Role::Executor));
        assert_eq!(
            acting_role(&[Role::Executor, Role::Director], Permission::Decide),
            Some(Role::Director)
        );
    }

    #[test]
    fn the_office_registers_orders_it_does_not_prepare_or_sign() {
        let office = [Role::Office];
        for p in [
            Permission::ViewJournal,
            Permission::Reply,
            Permission::ViewOrders,
            Permission::RegisterOrders,
        ] {
            assert!(permits(&office, p), "{p:?}");
        }
        for p in [
            Permission::PrepareOrders,
            Permission::Sign,
            Permission::Decide,
        ] {
            assert!(!permits(&office, p), "{p:?}");
        }
        assert!(permits(&[Role::Executor], Permission::PrepareOrders));
        assert!(!permits(&[Role::Executor], Permission::RegisterOrders));
        assert_eq!(
            acting_role(&[Role::Director], Permission::RegisterOrders),
            Some(Role::Director)
        );
    }

    #[test]
    fn the_staff_list_is_the_directors_only() {
        let holders: Vec<Role> = Role::ALL
            .into_iter()
            .filter(|r| permits(&[*r], Permission::ViewStaff))
            .collect();
        assert_eq!(holders, [Role::Director]);
        assert!(!permits(
            &[Role::Oso, Role::Executor],
            Permission::ViewStaff
        ));
    }

    #[test]
    fn nobody_else_sees_a_school_journal() {
        for roles in [&[Role::EduDepartment][..], &[Role::Admin], &[]] {
            assert!(!permits(roles, Permission::ViewJournal), "{roles:?}");
        }
    }
}
