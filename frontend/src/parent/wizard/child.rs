//! Step 1: the child, by IIN (birth date and sex read from it, the age rule checked as typed)
//! and name.

use domain::{ErrorCode, Iin, grade1_birth_window};
use yew::prelude::*;

use super::{StepProps, error_of, on_text};
use crate::components::{Field, described_by, fmt_date};
use crate::state::{Texts, use_app};

#[function_component]
pub(super) fn ChildStep(p: &StepProps) -> Html {
    let app = use_app();
    let lang = app.lang;
    let d = &*p.draft;
    let year = p.campaign.academic_year;
    let err = |id: &str| error_of(&p.errors, id);
    // The IIN as typed: checked once all its digits are there.
    let typed = d.child_iin.trim();
    let live = if typed.chars().count() >= Iin::LEN {
        crate::pages::iin_error(lang, typed)
    } else {
        None
    };
    let (first, last) = grade1_birth_window(year);
    let window = app.tf(
        "wiz_birth_window",
        &[
            ("from", &fmt_date(&first)),
            ("to", &fmt_date(&last)),
            ("year", &year.to_string()),
        ],
    );
    html! {
        <>
            <Field id="child-iin" label={app.t("wiz_child_iin")} required=true
                hint={app.t("wiz_child_iin_hint")} error={err("child-iin").or(live)}>
                <input id="child-iin" name="child-iin" inputmode="numeric" maxlength={Iin::LEN.to_string()} autocomplete="off"
                    aria-describedby={described_by("child-iin")} value={d.child_iin.clone()}
                    oninput={on_text(&p.draft, &p.clear, "child-iin", |d, v| d.child_iin = v)} />
            </Field>
            if let Some(iin) = d.child_iin() {
                <div class="child-from-iin" aria-live="polite">
                    <dl class="facts">
                        <dt>{app.t("wiz_birth_date")}</dt>
                        <dd id="child-birth-date">{fmt_date(&iin.birth_date())}</dd>
                        <dt>{app.t("wiz_sex")}</dt>
                        <dd id="child-sex">{iin.sex().title(lang)}</dd>
                    </dl>
                    if domain::grade1_age_eligible(iin.birth_date(), year) {
                        <p class="alert alert-success" id="child-age">
                            {app.tf("wiz_age_ok", &[("year", &year.to_string())])}
                        </p>
                    } else {
                        <p class="alert alert-error" id="child-age">
                            // The field's error says it already once the step was checked.
                            if err("child-iin").is_none() { {ErrorCode::AgeNotEligible.message(lang)}{" "} }
                            {window.clone()}
                        </p>
                    }
                </div>
            } else {
                <p class="hint window-hint">{window}</p>
            }
            <Field id="child-last-name" label={app.t("wiz_last_name")} required=true error={err("child-last-name")}>
                <input id="child-last-name" autocomplete="off" aria-describedby={described_by("child-last-name")}
                    value={d.child_last_name.clone()}
                    oninput={on_text(&p.draft, &p.clear, "child-last-name", |d, v| d.child_last_name = v)} />
            </Field>
            <Field id="child-first-name" label={app.t("wiz_first_name")} required=true error={err("child-first-name")}>
                <input id="child-first-name" autocomplete="off" aria-describedby={described_by("child-first-name")}
                    value={d.child_first_name.clone()}
                    oninput={on_text(&p.draft, &p.clear, "child-first-name", |d, v| d.child_first_name = v)} />
            </Field>
            <Field id="child-middle-name" label={app.t("wiz_middle_name")} hint={app.t("wiz_middle_name_hint")}
                error={err("child-middle-name")}>
                <input id="child-middle-name" autocomplete="off" aria-describedby={described_by("child-middle-name")}
                    value={d.child_middle_name.clone()}
                    oninput={on_text(&p.draft, &p.clear, "child-middle-name", |d, v| d.child_middle_name = v)} />
            </Field>
        </>
    }
}
