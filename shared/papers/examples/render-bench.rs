//! How long a paper takes to make (`scripts/bench-papers.sh`, README «Benchmarks»): each paper
//! rendered from sample data as the functions render it, the first time in the process (the
//! templates parsed, the fonts read) and then `RUNS` times: median and worst, against the goal
//! of 200 ms a paper, printed as a ratio. Exit 2 when a paper misses it.

use std::time::{Duration, Instant};

use papers::Paper;
use serde_json::{Value, json};

const RUNS: usize = 30;
const GOAL: Duration = Duration::from_millis(200);

fn both(ru: &str, kk: &str) -> Value {
    json!({ "ru": ru, "kk": kk })
}

fn children(n: usize) -> Vec<Value> {
    (1..=n)
        .map(|i| json!({ "name": format!("Оқушы{i:02} Әлібек Серікұлы"), "birth_date": "14.03.2019" }))
        .collect()
}

/// The papers with sample data of a realistic size: a whole school's class-composition order
/// (87 children in 4 classes) is the largest.
fn samples() -> Vec<(&'static str, Paper, Value)> {
    let org = both("КГУ «Школа-лицей № 72»", "«№ 72 мектеп-лицейі» КММ");
    let docs = vec![
        both("Фото ребёнка", "Баланың суреті"),
        both("Карта прививок", "Егу картасы"),
    ];
    let application = json!({
        "number": 48, "submitted_at": "14.05.2026 15:25", "academic_year": "2026-2027",
        "org_name": org, "org_address": "г. Астана, ул. Е 117, 39", "director_name": "Ахметова Гульнар",
        "applicant_name": "Мурат Аида Марат", "applicant_iin": "880808300004",
        "applicant_phone": "+77011234567", "applicant_email": "aida@example.kz",
        "relation": both("Мать", "Анасы"), "child_name": "Мурат Малика Ерланқызы",
        "child_iin": "190530600123", "child_birth_date": "30.05.2019", "child_sex": both("Женский", "Әйел"),
        "registered_address": "г. Астана, ул. Е 117, 39", "actual_address": null,
        "language": both("Казахский", "Қазақ тілі"), "transport_requested": true, "special_needs": false,
        "documents": docs,
    });
    let receipt = json!({
        "number": 48, "received_on": "14.05.2026", "org_name": org, "org_address": "г. Астана",
        "org_phone": "+77172000072", "applicant_name": "Мурат Аида Марат",
        "responsible_name": "Ахметова Гульнар", "responsible_role": both("Директор", "Директор"),
        "documents": docs,
    });
    let notice = json!({
        "number": 48, "application_id": "0b7c6a4e-3f0e-4a51-9d0e-2a7c1f1b2c3d",
        "submitted_at": "14.05.2026 15:25", "accepted": true, "decision": both("Принято", "Қабылданды"),
        "reason": null, "comment": null, "org_name": org, "org_address": "г. Астана",
        "org_label": both("Школа", "Мектеп"), "language": both("Казахский", "Қазақ тілі"), "details": [],
        "transport": both("Подвоз предоставляется.", "Тасымал ұсынылады."),
        "child_name": "Мурат Малика Ерланқызы", "child_birth_date": "30.05.2019",
        "applicant_name": "Мурат Аида Марат", "signer_name": "Ахметова Гульнар",
        "certificate_serial": "03B706D546C5AADF28E9ADFCFAC19072", "signed_at": "20.05.2026 10:05",
        "verify_url": "https://qabyldau.kz/verify/0b7c6a4e-3f0e-4a51-9d0e-2a7c1f1b2c3d",
    });
    let order = |classes: Vec<Value>, kids: usize| {
        json!({
            "title": both("О зачислении учащихся", "Оқушыларды қабылдау туралы"),
            "number": 152, "date": "14.05.2026", "academic_year": "2026-2027", "org_name": org,
            "org_address": "г. Астана", "children": children(kids),
            "basis": both("Основание: заявления родителей от 14.05.2026 №48, от 14.05.2026 №49",
                          "Негіздеме: ата-аналардың 14.05.2026 жылғы № 48 өтініштері"),
            "director_name": "Ахметова Гульнар", "executor_name": "Бекенова Асемгуль",
            "signature": { "signer_name": "Ахметова Гульнар", "certificate_serial": "03B706D5",
                           "signed_at": "14.05.2026 16:14" },
            "classes": classes, "total": kids,
        })
    };
    let classes: Vec<Value> = ["А", "Ә", "Б", "В"]
        .iter()
        .zip([22, 22, 22, 21])
        .map(|(letter, n)| json!({ "letter": letter, "teacher": "Жунусова П. Т.", "children": children(n) }))
        .collect();
    let line = json!({ "label": both("ФИО ребёнка", "Баланың аты-жөні"), "value": both("Ахметов Нұрсұлтан", "Ахметов Нұрсұлтан") });
    let document = json!({
        "title": both("Карточка ребенка", "Баланың карточкасы"), "number": "УО.2026.000024.1",
        "date": "02.06.2026", "statement": both("Карточка ребёнка в очереди.", "Кезектегі баланың карточкасы."),
        "lines": vec![line; 12],
    });
    vec![
        ("application", Paper::Application, application),
        ("receipt", Paper::Receipt, receipt),
        ("notice (QR code)", Paper::Notice, notice),
        (
            "enrolment order, 3 children",
            Paper::Order,
            order(Vec::new(), 3),
        ),
        (
            "class-composition order, 87 children",
            Paper::Order,
            order(classes, 87),
        ),
        ("kindergarten document", Paper::Document, document),
    ]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let mut missed = false;
    println!(
        "papers: {RUNS} renders each after the first; goal < {} ms a paper",
        GOAL.as_millis()
    );
    for (name, paper, data) in samples() {
        let t = Instant::now();
        let first = papers::render(paper, &data).expect("renders");
        let cold = t.elapsed();
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(papers::render(paper, &data).expect("renders"));
                t.elapsed()
            })
            .collect();
        times.sort();
        let (median, worst) = (times[RUNS / 2], times[RUNS - 1]);
        let met = worst.max(cold) < GOAL;
        missed |= !met;
        println!(
            "{name:<40} first {:>6.1} ms · median {:>6.1} ms · worst {:>6.1} ms · {:>6} B · median/goal {:.2} {}",
            ms(cold),
            ms(median),
            ms(worst),
            first.len(),
            median.as_secs_f64() / GOAL.as_secs_f64(),
            if met { "met" } else { "MISSED" }
        );
    }
    std::process::exit(if missed { 2 } else { 0 });
}
