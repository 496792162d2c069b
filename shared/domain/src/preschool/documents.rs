//! «Общие документы» of a queue application (seed 004, fig. 12): which documents it has, each
//! with its date, and what each one says, in Russian and Kazakh, generated from the stored
//! application (and its last direction) whenever it is downloaded. How a document is printed
//! (HTML now) is the use case's; what it says is here.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};

use crate::api::Text;

use super::api::{Direction, QueueApplication, QueueDocument};
use super::{PrivilegeCategory, PrivilegeStatus, QueueDocumentKind, QueueState};

/// What the documents are written from.
#[derive(Clone, Copy, Debug)]
pub struct DocumentFacts<'a> {
    /// The application as shown (with its queue position while in the queue).
    pub app: &'a QueueApplication,
    /// The name of the application's locality.
    pub locality: &'a Text,
    /// The application's last direction, once one was issued.
    pub direction: Option<&'a Direction>,
}

/// One line of a document: what it is and its value, in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub label: Text,
    pub value: Text,
}

/// A document as it is printed: its title, the application's number, its date, a sentence that
/// says what it certifies, and its lines.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentContent {
    pub kind: QueueDocumentKind,
    pub title: Text,
    pub number: String,
    pub date: NaiveDate,
    pub statement: Text,
    pub lines: Vec<Line>,
}

/// The documents of an application, in the order of [`QueueDocumentKind::ALL`]: the four of
/// the registration, dated on its day, and «Направление в частный ДДО», dated on the day of
/// issue, once a direction was issued.
pub fn list(app: &QueueApplication, direction: Option<&Direction>) -> Vec<QueueDocument> {
    QueueDocumentKind::ALL
        .into_iter()
        .filter_map(|kind| {
            Some(QueueDocument {
                kind,
                title: title(kind),
                date: date(kind, app, direction)?,
            })
        })
        .collect()
}

fn title(kind: QueueDocumentKind) -> Text {
    Text::of(|l| kind.title(l).to_string())
}

fn date(
    kind: QueueDocumentKind,
    app: &QueueApplication,
    direction: Option<&Direction>,
) -> Option<NaiveDate> {
    match kind {
        QueueDocumentKind::Direction => direction.map(|d| d.issued_at.date_naive()),
        _ => Some(app.registered_at.date_naive()),
    }
}

/// The document of `kind`, or `None` when the application has none of it (a direction before
/// one was issued).
pub fn content(kind: QueueDocumentKind, facts: &DocumentFacts<'_>) -> Option<DocumentContent> {
    let app = facts.app;
    let date = date(kind, app, facts.direction)?;
    let mut lines = vec![
        line(("Номер заявления", "Өтініш нөмірі"), same(&app.number)),
        line(
            ("Дата регистрации", "Тіркелген күні"),
            same(&instant(app.registered_at)),
        ),
    ];
    lines.extend(child(app));
    let statement = match kind {
        QueueDocumentKind::RegistrationNotice => {
            lines.extend(applicant(app));
            lines.extend(queue(facts));
            text(
                "Уведомляем, что ребёнок зарегистрирован в очереди на получение места в \
                 дошкольной организации.",
                "Бала мектепке дейінгі ұйымға орын алу кезегіне тіркелгенін хабарлаймыз.",
            )
        }
        QueueDocumentKind::DocumentsReceipt => {
            lines.extend(applicant(app));
            lines.push(line(
                ("Принятые документы", "Қабылданған құжаттар"),
                received(app),
            ));
            text(
                "Заявление о постановке на очередь и приложенные к нему документы приняты.",
                "Кезекке қою туралы өтініш және оған қоса берілген құжаттар қабылданды.",
            )
        }
        QueueDocumentKind::RegistryBook => {
            lines.extend(queue(facts));
            text(
                "Ребёнок зарегистрирован в книге учёта детей, нуждающихся в месте в \
                 дошкольной организации.",
                "Бала мектепке дейінгі ұйымдағы орынға мұқтаж балаларды есепке алу кітабында \
                 тіркелді.",
            )
        }
        QueueDocumentKind::ChildCard => {
            lines.push(line(
                ("Пол", "Жынысы"),
                Text::of(|l| app.child.sex.title(l).into()),
            ));
            lines.extend(applicant(app));
            lines.extend(queue(facts));
            text(
                "Карточка ребёнка в очереди.",
                "Кезектегі баланың карточкасы.",
            )
        }
        QueueDocumentKind::Direction => {
            let d = facts.direction?;
            lines.extend(applicant(app));
            lines.extend(direction(d));
            text(
                "Ребёнок направлен в частную дошкольную организацию по государственному \
                 образовательному заказу.",
                "Бала мемлекеттік білім беру тапсырысы бойынша жеке мектепке дейінгі ұйымға \
                 жолданды.",
            )
        }
    };
    Some(DocumentContent {
        kind,
        title: title(kind),
        number: app.number.clone(),
        date,
        statement,
        lines,
    })
}

fn child(app: &QueueApplication) -> Vec<Line> {
    let c = &app.child;
    vec![
        line(("ФИО ребёнка", "Баланың аты-жөні"), same(&c.full_name())),
        line(("ИИН ребёнка", "Баланың ЖСН"), same(&c.iin)),
        line(("Дата рождения", "Туған күні"), same(&day(c.birth_date))),
    ]
}

fn applicant(app: &QueueApplication) -> Vec<Line> {
    let a = &app.applicant;
    vec![
        line(("Заявитель", "Өтініш беруші"), same(&a.full_name)),
        line(
            ("Кем приходится ребёнку", "Балаға кім болып келеді"),
            Text::of(|l| a.relation.title(l).into()),
        ),
        line(("Телефон", "Телефон нөмірі"), same(&a.phone)),
    ]
}

/// Where the child stands: locality, language, privilege, state and the queue numbers.
fn queue(facts: &DocumentFacts<'_>) -> Vec<Line> {
    let app = facts.app;
    let mut lines = vec![
        line(("Населённый пункт", "Елді мекен"), facts.locality.clone()),
        line(
            ("Язык обучения", "Оқыту тілі"),
            Text::of(|l| app.language.title(l).into()),
        ),
        line(
            ("Возрастная группа (год рождения)", "Жас тобы (туған жылы)"),
            same(&super::age_group(app.child.birth_date).to_string()),
        ),
        line(("Тип льготы", "Жеңілдік түрі"), privilege(app)),
        line(("Текущее состояние", "Ағымдағы жағдайы"), state(app)),
    ];
    if let Some(p) = app.position {
        lines.push(line(
            ("Номер очереди", "Кезек нөмірі"),
            same(&p.number.to_string()),
        ));
        lines.push(line(
            (
                "Номер очереди по льготной категории",
                "Жеңілдік санаты бойынша кезек нөмірі",
            ),
            same(&p.privileged.to_string()),
        ));
    }
    lines
}

/// «Первоочередная (На подтверждении)», or «Без льготы».
fn privilege(app: &QueueApplication) -> Text {
    let p = &app.privilege;
    Text::of(|l| match (p.category, p.status) {
        (PrivilegeCategory::None, _) | (_, PrivilegeStatus::NotClaimed) => {
            PrivilegeCategory::None.title(l).into()
        }
        (category, status) => format!("{} ({})", category.title(l), status.title(l)),
    })
}

/// «В очереди (в очереди с 31.07.2018 17:29:09)», or the state alone.
fn state(app: &QueueApplication) -> Text {
    Text::of(|l| match (app.state, app.queued_since) {
        (QueueState::InQueue, Some(since)) => format!(
            "{} ({} {})",
            app.state.title(l),
            l.pick("в очереди с", "кезекте"),
            instant(since)
        ),
        (s, _) => s.title(l).into(),
    })
}

/// The application form, and the privilege's document when one was given.
fn received(app: &QueueApplication) -> Text {
    Text::of(|l| {
        let mut docs = vec![l.pick("Заявление", "Өтініш").to_string()];
        if let Some(d) = &app.privilege.document {
            docs.push(d.kind.title(l).to_string());
        }
        docs.join("; ")
    })
}

fn direction(d: &Direction) -> Vec<Line> {
    // The last day of the direction: its expiry at 00:00 ends the day before.
    let last_day = (d.expires_at - TimeDelta::seconds(1)).date_naive();
    vec![
        line(("Детский сад", "Балабақша"), d.org_name.clone()),
        line(("Адрес", "Мекенжайы"), same(&d.org_address)),
        line(
            ("Язык обучения", "Оқыту тілі"),
            Text::of(|l| d.language.title(l).into()),
        ),
        line(
            ("Возрастная группа (год рождения)", "Жас тобы (туған жылы)"),
            same(&d.age_group.to_string()),
        ),
        line(
            ("Дата выдачи направления", "Жолдама берілген күні"),
            same(&instant(d.issued_at)),
        ),
        line(
            ("Действительно по", "Жарамдылық мерзімі"),
            same(&day(last_day)),
        ),
        line(
            ("Состояние направления", "Жолдаманың жағдайы"),
            Text::of(|l| d.state.title(l).into()),
        ),
        line(
            ("Подписано (ЭЦП)", "Қол қойылды (ЭЦҚ)"),
            same(&format!("{}, {}", d.signed_by, d.signature_serial)),
        ),
    ]
}

fn line((ru, kk): (&str, &str), value: Text) -> Line {
    Line {
        label: text(ru, kk),
        value,
    }
}

fn text(ru: &str, kk: &str) -> Text {
    Text {
        ru: ru.into(),
        kk: kk.into(),
    }
}

fn same(s: &str) -> Text {
    text(s, s)
}

/// `31.07.2018`, as the seed writes dates.
fn day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// `31.07.2018 17:29:09`, Almaty time, as the seed writes instants.
fn instant(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&crate::almaty())
        .format("%d.%m.%Y %H:%M:%S")
        .to_string()
}

#[cfg(test)]
mod tests;
