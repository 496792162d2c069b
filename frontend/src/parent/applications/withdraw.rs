//! «Отозвать заявление», asked once more: on the application's page of every app (1st grade,
//! college), so its texts are in `common`.

use domain::api::{Application, Empty};
use yew::prelude::*;

use crate::api::Api;
use crate::components::{api_error, enc};
use crate::hooks::run;
use crate::state::{Texts, use_app};

#[derive(Properties, PartialEq)]
pub struct WithdrawProps {
    pub application: Application,
    pub on_done: Callback<()>,
}

/// «Отозвать заявление», asked once more before it is done.
#[function_component]
pub fn Withdraw(p: &WithdrawProps) -> Html {
    let app = use_app();
    let confirming = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<crate::api::ApiError>);
    // The confirmation takes the focus when it appears.
    use_effect_with(*confirming, |shown| {
        if *shown {
            crate::parent::focus("withdraw-confirm");
        }
    });
    let a = &p.application;
    let withdraw = {
        let (api, id, confirming, on_done) = (
            Api::of(&app),
            a.id.clone(),
            confirming.clone(),
            p.on_done.clone(),
        );
        let (busy, error) = (busy.clone(), error.clone());
        Callback::from(move |_| {
            let (api, path) = (
                api.clone(),
                format!("/api/applications/{}/withdraw", enc(&id)),
            );
            let (confirming, on_done) = (confirming.clone(), on_done.clone());
            run(
                &busy,
                &error,
                async move { api.post::<_, serde_json::Value>(&path, &Empty {}).await },
                move |_| {
                    confirming.set(false);
                    on_done.emit(());
                },
            );
        })
    };
    let set = |v: bool| {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(v))
    };
    html! {
        <section class="card withdraw" aria-labelledby="withdraw-title">
            <h2 id="withdraw-title">{app.t("my_withdraw_title")}</h2>
            {api_error((*error).clone())}
            if *confirming {
                <div id="withdraw-confirm" class="alert alert-error" role="alertdialog" tabindex="-1"
                    aria-labelledby="withdraw-question">
                    <p id="withdraw-question">{app.tf("my_withdraw_question", &[("number", &a.number.to_string())])}</p>
                    <div class="row-actions">
                        <button type="button" class="btn-danger" id="withdraw-yes" onclick={withdraw} disabled={*busy}>
                            {app.t("my_withdraw_yes")}
                        </button>
                        <button type="button" class="btn-secondary" onclick={set(false)}>{app.t("my_withdraw_no")}</button>
                    </div>
                </div>
            } else {
                <p class="hint">{app.t("my_withdraw_hint")}</p>
                <button type="button" class="btn-danger" id="withdraw" onclick={set(true)}>{app.t("my_withdraw")}</button>
            }
        </section>
    }
}
