//! Each paper rendered with sample data and read back with a real PDF reader (`pdf-extract`).

mod reader;

use papers::{
    ApplicationPaper, Both, DocumentLine, DocumentPaper, NoticePaper, OrderPaper, OrderPaperChild,
    OrderPaperClass, Paper, PaperSignature, ReceiptPaper,
};
use reader::Read;

fn both(ru: &str, kk: &str) -> Both {
    Both {
        ru: ru.into(),
        kk: kk.into(),
    }
}

/// The paper's text as one line (a phrase wrapped over two lines is found).
fn text_of(pdf: &[u8]) -> String {
    Read::of(pdf).flat()
}

/// Every string is in the extracted text.
fn assert_has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "«{w}» is missing from:\n{text}");
    }
}

fn school() -> Both {
    both("КГУ «Школа-гимназия № 12»", "«№ 12 мектеп-гимназиясы» КММ")
}

fn documents() -> Vec<Both> {
    vec![
        both(
            "Фотография ребёнка формата 3×4",
            "Баланың 3×4 форматындағы фотосуреті",
        ),
        both(
            "Паспорт здоровья ребёнка (форма 052-2/у)",
            "Баланың денсаулық паспорты (052-2/у нысаны)",
        ),
    ]
}

fn application() -> ApplicationPaper {
    ApplicationPaper {
        number: 338,
        submitted_at: "14.05.2025 15:25".into(),
        academic_year: "2025-2026".into(),
        org_name: school(),
        org_address: "Карагандинская область, г. Караганда, Бензинная ул., дом 55".into(),
        director_name: Some("Смагулова Шолпан".into()),
        applicant_name: "Мурат Аида Марат".into(),
        applicant_iin: "990424400123".into(),
        applicant_phone: "+7 (701) 638-98-36".into(),
        applicant_email: Some("aida@example.kz".into()),
        relation: both("Мать", "Ана"),
        child_name: "Мурат Әлия Ерланқызы".into(),
        child_iin: "180530698698".into(),
        child_birth_date: "30.05.2018".into(),
        child_sex: both("Женский", "Әйел"),
        registered_address: Some("г. Караганда, Восток 2 мкр., дом 1, кв. 1".into()),
        actual_address: None,
        language: both("Казахский", "Қазақ тілі"),
        transport_requested: true,
        special_needs: false,
        documents: documents(),
    }
}

fn receipt() -> ReceiptPaper {
    ReceiptPaper {
        number: 48,
        received_on: "14.05.2025".into(),
        org_name: school(),
        org_address: "г. Караганда, Бензинная ул., дом 55".into(),
        org_phone: None,
        applicant_name: "Мурат Аида Марат".into(),
        responsible_name: "Манашева Эльмира".into(),
        responsible_role: both("Директор", "Директор"),
        documents: documents(),
    }
}

fn notice(accepted: bool) -> NoticePaper {
    NoticePaper {
        number: 48,
        application_id: "01JV3X7Q9K".into(),
        submitted_at: "14.05.2025 15:25".into(),
        accepted,
        decision: if accepted {
            both("Принято", "Қабылданды")
        } else {
            both("Отказано", "Бас тартылды")
        },
        reason: (!accepted).then(|| both("Недостоверные документы", "Құжаттардың дұрыс еместігі")),
        comment: Some("Справка просрочена".into()),
        org_name: school(),
        org_address: "г. Караганда, Бензинная ул., дом 55".into(),
        org_label: both("Школа", "Мектеп"),
        language: both("Русский", "Орыс тілі"),
        details: Vec::new(),
        transport: accepted.then(|| {
            both(
                "Подвоз ребёнка предоставляется.",
                "Баланы тасымалдау ұсынылады.",
            )
        }),
        child_name: "Мурат Малика Ерланқызы".into(),
        child_birth_date: "30.05.2018".into(),
        applicant_name: "Мурат Аида Марат".into(),
        signer_name: "Смагулова Шолпан".into(),
        certificate_serial: "4A1F00C3D2".into(),
        signed_at: "20.05.2025 10:05".into(),
        verify_url: "https://qabyldau.kz/verify/01JV3X7Q9K".into(),
    }
}

#[test]
fn paper_names_and_media_type() {
    let names: Vec<_> = Paper::ALL.iter().map(|p| p.name()).collect();
    assert_eq!(
        names,
        ["application", "receipt", "notice", "order", "document"]
    );
    assert_eq!(papers::PDF, "application/pdf");
}

#[test]
fn application_has_the_parents_request_in_both_languages() {
    let text = text_of(&papers::render(Paper::Application, &application()).unwrap());
    assert_has(
        &text,
        &[
            "Өтініш / Заявление",
            "№ 338 от 14.05.2025 15:25",
            "Директору КГУ «Школа-гимназия № 12»",
            "Смагулова Шолпан",
            "Прошу зачислить моего ребенка",
            "Мурат Әлия Ерланқызы",
            "для обучения в 1 класс",
            "2025-2026",
            "180530698698",
            "990424400123",
            "Әйел / Женский",
            "Қазақ тілі / Казахский",
            "Қажет / Требуется",
            "aida@example.kz",
            "Бала туралы мәліметтер / Сведения о ребенке",
            "1. ",
            "Баланың денсаулық паспорты",
            "Паспорт здоровья ребёнка",
            "Восток 2 мкр.",
        ],
    );
}

#[test]
fn receipt_lists_the_application_then_the_documents() {
    let text = text_of(&papers::render(Paper::Receipt, &receipt()).unwrap());
    assert_has(
        &text,
        &[
            "Құжаттарды қабылдау туралы қолхат № 48",
            "Расписка о приеме документов № 48",
            "Мурат Аида Марат",
            "Өтініш / Заявление",
            "Фотография ребёнка формата 3×4",
            "Дата приема заявления: 14.05.2025",
            "Манашева Эльмира",
            "Ответственное лицо, принявшее документы",
            "Телефон не указан",
            "«№ 12 мектеп-гимназиясы» КММ",
        ],
    );
    assert!(text.contains("Қолхат") || text.contains("қолхат"));
    // The application is item 1, the attached documents follow.
    let first = text.find("1. Өтініш").expect("item 1");
    let second = text.find("2. Баланың 3×4").expect("item 2");
    let third = text.find("3. Баланың денсаулық").expect("item 3");
    assert!(first < second && second < third);
}

#[test]
fn notice_has_the_decision_in_kazakh_and_russian_and_its_check() {
    let text = text_of(&papers::render(Paper::Notice, &notice(true)).unwrap());
    assert_has(
        &text,
        &[
            "Хабарлама",
            "Өтініш қабылданды.",
            "Шешім",
            "Қабылданды",
            "Мектеп",
            "Оқыту тілі",
            "Орыс тілі",
            "Тасымал",
            "Баланы тасымалдау ұсынылады.",
            "Қол қойған",
            "Сертификат сериясы",
            "Тексеру",
            "Уведомление",
            "Заявление принято.",
            "Решение",
            "Принято",
            "Школа",
            "Язык обучения",
            "Подвоз",
            "Подвоз ребёнка предоставляется.",
            "Подписал",
            "Серийный номер сертификата",
            "Проверка подлинности",
            "4A1F00C3D2",
            "Смагулова Шолпан",
            "20.05.2025 10:05",
            "Мурат Малика Ерланқызы",
            "https://qabyldau.kz/verify/01JV3X7Q9K",
        ],
    );
    // Kazakh before Russian.
    assert!(text.find("Хабарлама").unwrap() < text.find("Уведомление").unwrap());
}

#[test]
fn a_refusal_notice_gives_its_ground_and_no_transport() {
    let text = text_of(&papers::render(Paper::Notice, &notice(false)).unwrap());
    assert_has(
        &text,
        &[
            "Өтінішті қабылдаудан бас тартылды.",
            "Бас тартылды",
            "Бас тарту негізі",
            "Құжаттардың дұрыс еместігі",
            "В приеме заявления отказано.",
            "Отказано",
            "Основание отказа",
            "Недостоверные документы",
            "Справка просрочена",
        ],
    );
    assert!(
        !text.contains("Подвоз"),
        "transport only with an acceptance"
    );
}

#[test]
fn kazakh_letters_survive_extraction() {
    let mut data = receipt();
    data.applicant_name = "Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі".into();
    let pdf = papers::render(Paper::Receipt, &data).unwrap();
    let text = text_of(&pdf);
    assert!(text.contains("Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі"), "{text}");
    // pdf-extract's own plain text has them too.
    let plain = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    for c in "әғқңөұүһіӘҒҚҢӨҰҮҺІ".chars() {
        assert!(plain.contains(c), "{c}");
    }
}

#[test]
fn values_cannot_inject_markup() {
    let mut data = application();
    // A title, a rule, a QR code, a table row and a new line in the data are all plain text.
    data.child_name = "# Fake\n| a | b |\n[qr] https://evil.example".into();
    data.director_name = Some("---".into());
    data.applicant_email = Some("x | y\r\n## Heading".into());
    let text = text_of(&papers::render(Paper::Application, &data).unwrap());
    // Had any of it been read as markup, its markup characters would be gone: the values read
    // back whole, new lines turned into spaces, in the sentence, the table and the header.
    let name = "# Fake | a | b | [qr] https://evil.example";
    assert!(text.matches(name).count() >= 2, "{text}");
    assert!(text.contains("x | y ## Heading"), "{text}");
    assert!(text.contains("---"), "{text}");
}

#[test]
fn data_of_the_wrong_shape_is_a_template_error() {
    let err = papers::render(Paper::Notice, &receipt()).unwrap_err();
    assert!(matches!(err, papers::PaperError::Template(_)), "{err}");
}

fn order(signed: bool) -> OrderPaper {
    let child = |name: &str, born: &str| OrderPaperChild {
        name: name.into(),
        birth_date: born.into(),
    };
    OrderPaper {
        title: both("О зачислении учащихся", "Оқушыларды қабылдау туралы"),
        number: signed.then_some(152),
        date: signed.then(|| "14.05.2025".into()),
        academic_year: "2025-2026".into(),
        org_name: school(),
        org_address: "г. Караганда, Бензинная ул., дом 55".into(),
        children: vec![
            child("Мурат Малика Ерланқызы", "30.05.2018"),
            child("Әбілқайыр Нұрсұлтан", "01.02.2019"),
        ],
        basis: both(
            "Основание: заявления родителей от 14.05.2025 №48, от 14.05.2025 №49",
            "Негіздеме: ата-аналардың 14.05.2025 жылғы № 48, 14.05.2025 жылғы № 49 өтініштері",
        ),
        director_name: Some("Смагулова Шолпан".into()),
        executor_name: Some("Бекенова Асемгуль".into()),
        signature: signed.then(|| PaperSignature {
            signer_name: "Смагулова Шолпан".into(),
            certificate_serial: "4A1F00C3D2".into(),
            signed_at: "14.05.2025 16:14".into(),
        }),
        classes: Vec::new(),
        total: 2,
    }
}

#[test]
fn the_enrolment_order_lists_the_children_with_its_basis_in_both_languages() {
    let text = text_of(&papers::render(Paper::Order, &order(true)).unwrap());
    assert_has(
        &text,
        &[
            "Бұйрық / Приказ",
            "№ 152 14.05.2025",
            "Оқушыларды қабылдау туралы",
            "О зачислении учащихся",
            "Зачислить в число учащихся 1 класса на 2025-2026 учебный год",
            "1. Мурат Малика Ерланқызы, 30.05.2018 г.р.",
            "2. Әбілқайыр Нұрсұлтан, 01.02.2019 г.р.",
            "Основание: заявления родителей от 14.05.2025 №48, от 14.05.2025 №49",
            "14.05.2025 жылғы № 48",
            "Смагулова Шолпан",
            "Бекенова Асемгуль",
            "4A1F00C3D2",
        ],
    );
    assert!(!text.contains("Проект"), "a signed order is no draft");
    let draft = text_of(&papers::render(Paper::Order, &order(false)).unwrap());
    assert_has(&draft, &["Проект, не подписан", "№ ____ __.__.____"]);
    assert!(!draft.contains("4A1F00C3D2"));
}

#[test]
fn the_class_composition_order_has_the_seeds_sections() {
    let class = |letter: &str, teacher: Option<&str>, names: &[&str]| OrderPaperClass {
        letter: letter.into(),
        teacher: teacher.map(Into::into),
        children: names
            .iter()
            .map(|n| OrderPaperChild {
                name: (*n).into(),
                birth_date: "01.01.2019".into(),
            })
            .collect(),
    };
    let data = OrderPaper {
        title: both(
            "О комплектовании классов на 2025-2026 учебный год",
            "2025-2026 оқу жылына сыныптарды жасақтау туралы",
        ),
        classes: vec![
            class(
                "А",
                Some("Ашимова А. М."),
                &["Алмасова Айнура", "Ибраев Бекзат"],
            ),
            class("Ә", None, &["Сергеева Кристина"]),
        ],
        total: 3,
        ..order(true)
    };
    let text = text_of(&papers::render(Paper::Order, &data).unwrap());
    assert_has(
        &text,
        &[
            "О комплектовании классов на 2025-2026 учебный год",
            "Считать комплектование учащихся в нижеследующем количественном составе",
            "1 «А» класс 2 учащихся, кл. руководитель Ашимова А. М.",
            "1 «Ә» класс 1 учащихся, кл. руководитель —",
            "Итого 3 учащихся на начало 2025-2026 учебного года",
            "Считать зачисленными учащихся в 1 «Ә» класс",
            "1. Алмасова Айнура",
            "2. Ибраев Бекзат",
            "Всего 2 учащихся, кл. руководитель Ашимова А. М.",
            "1 «Ә» сыныпқа қабылданған оқушылар",
        ],
    );
    assert!(!text.contains("Основание"), "no basis line: {text}");
}

#[test]
fn a_document_is_its_lines_in_kazakh_then_russian() {
    let data = DocumentPaper {
        title: both("Карточка ребенка", "Баланың карточкасы"),
        number: "УО.2026.000024.1".into(),
        date: "02.06.2026".into(),
        statement: both(
            "Сведения о ребенке в очереди.",
            "Кезектегі бала туралы мәліметтер.",
        ),
        lines: vec![DocumentLine {
            label: both("ФИО ребёнка", "Баланың аты-жөні"),
            value: both("Ахметов Нұрсұлтан", "Ахметов Нұрсұлтан"),
        }],
    };
    let pdf = papers::render(Paper::Document, &data).unwrap();
    let text = text_of(&pdf);
    assert_has(
        &text,
        &[
            "Баланың карточкасы",
            "Өтініш № УО.2026.000024.1 · Құжат күні: 02.06.2026",
            "Кезектегі бала туралы мәліметтер.",
            "Баланың аты-жөні",
            "Карточка ребенка",
            "Заявление № УО.2026.000024.1 · Дата документа: 02.06.2026",
            "ФИО ребёнка",
        ],
    );
    assert_eq!(text.matches("Ахметов Нұрсұлтан").count(), 2);
    assert!(
        text.find("Баланың карточкасы") < text.find("Карточка ребенка"),
        "Kazakh first"
    );
}
