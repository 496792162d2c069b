//! Step 2: the applicant: name and IIN from the sign-in, the relation, phone and e-mail.

use domain::{Relation, normalize_phone};
use yew::prelude::*;

use super::{StepProps, edit, error_of, on_text};
use crate::components::{Field, described_by, value_of};
use crate::state::{Texts, use_app};

#[function_component]
pub(super) fn ApplicantStep(p: &StepProps) -> Html {
    let app = use_app();
    let d = &*p.draft;
    let err = |id: &str| error_of(&p.errors, id);
    let on_relation = {
        let (draft, clear) = (p.draft.clone(), p.clear.clone());
        Callback::from(move |e: Event| {
            let r = value_of(&e).parse::<Relation>().ok();
            edit(&draft, move |d| d.relation = r);
            clear.emit("applicant-relation".into());
        })
    };
    // The phone as the service stores it, once it reads as a mobile number.
    let on_phone_blur = {
        let draft = p.draft.clone();
        Callback::from(move |_: FocusEvent| {
            edit(&draft, |d| {
                if let Some(n) = normalize_phone(&d.phone) {
                    d.phone = n;
                }
            })
        })
    };
    html! {
        <>
            <p class="hint">{app.t("wiz_applicant_from_profile")}</p>
            <div class="grid-2">
                <Field id="applicant-name" label={app.t("full_name")}>
                    <input id="applicant-name" value={p.me.name.clone()} readonly=true aria-readonly="true" />
                </Field>
                <Field id="applicant-iin" label={app.t("iin")}>
                    <input id="applicant-iin" value={p.me.iin.clone()} readonly=true aria-readonly="true" />
                </Field>
            </div>
            <Field id="applicant-relation" label={app.t("wiz_relation")} required=true error={err("applicant-relation")}>
                <select id="applicant-relation" aria-describedby={described_by("applicant-relation")} onchange={on_relation}>
                    <option value="" selected={d.relation.is_none()}>{app.t("wiz_choose")}</option>
                    { for Relation::ALL.iter().filter(|r| **r != Relation::Student).map(|r| html! {
                        <option value={r.as_str()} selected={d.relation == Some(*r)}>{r.title(app.lang)}</option>
                    }) }
                </select>
            </Field>
            <Field id="applicant-phone" label={app.t("wiz_phone")} required=true hint={app.t("wiz_phone_hint")}
                error={err("applicant-phone")}>
                <input id="applicant-phone" type="tel" inputmode="tel" autocomplete="tel"
                    aria-describedby={described_by("applicant-phone")} value={d.phone.clone()}
                    onblur={on_phone_blur}
                    oninput={on_text(&p.draft, &p.clear, "applicant-phone", |d, v| d.phone = v)} />
            </Field>
            <Field id="applicant-email" label={app.t("wiz_email")} hint={app.t("wiz_email_hint")}
                error={err("applicant-email")}>
                <input id="applicant-email" type="email" autocomplete="email"
                    aria-describedby={described_by("applicant-email")} value={d.email.clone()}
                    oninput={on_text(&p.draft, &p.clear, "applicant-email", |d, v| d.email = v)} />
            </Field>
        </>
    }
}
