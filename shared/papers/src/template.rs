//! The templates (embedded) and the minijinja environment that renders them to markup.

use std::sync::LazyLock;

use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, UndefinedBehavior, syntax::SyntaxConfig};

use crate::PaperError;
use crate::markup::{CLOSE, OPEN};

/// `(name, source)`: `include_str!` so that a template edit shows in the next build.
const TEMPLATES: [(&str, &str); 5] = [
    ("application", include_str!("../templates/application.txt")),
    ("receipt", include_str!("../templates/receipt.txt")),
    ("notice", include_str!("../templates/notice.txt")),
    ("order", include_str!("../templates/order.txt")),
    ("document", include_str!("../templates/document.txt")),
];

/// Built once per process (a warm Lambda renders many papers): templates are parsed on first
/// use, and a syntax error shows as the render's error.
static ENV: LazyLock<Environment<'static>> = LazyLock::new(environment);

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    // Block tags on their own lines leave no empty line behind: an empty line is markup.
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    // A misspelt variable is an error, not a silent gap in a legal paper.
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_formatter(format_value);
    for (name, source) in TEMPLATES {
        // An invalid template is reported when it is rendered (`get_template` fails).
        let _ = env.add_template(name, source);
    }
    env
}

/// Renders the template `name` with `data` into markup.
pub(crate) fn render<T: serde::Serialize>(name: &str, data: &T) -> Result<String, PaperError> {
    let template = ENV
        .get_template(name)
        .map_err(|e| PaperError::Template(format!("{name}: {e:#}")))?;
    template
        .render(minijinja::value::Serde(data))
        .map_err(|e| PaperError::Template(format!("{name}: {e:#}")))
}

/// Prints a value so that it cannot make markup: control characters become spaces (no new
/// line can start inside a value) and the value is enclosed in [`OPEN`]…[`CLOSE`], which the
/// markup reader honours and removes. `none` prints as nothing; numbers and `|safe` values (the
/// template's own markup) print as they are.
fn format_value(
    out: &mut minijinja::Output,
    _state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    let text = value.to_string();
    // Numbers are no markup, and bare they can number a list item (`{{ loop.index }}. …`).
    if value.is_safe() || value.kind() == ValueKind::Number {
        return Ok(out.write_str(&text)?);
    }
    Ok(out.write_str(&neutralise(&text))?)
}

/// The value's text as inert markup.
pub(crate) fn neutralise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    out.push(OPEN);
    for c in text.chars() {
        match c {
            OPEN | CLOSE => {}
            // Line and paragraph separators too: some readers break lines at them.
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push(CLOSE);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        for (name, _) in TEMPLATES {
            ENV.get_template(name).unwrap();
        }
    }

    #[test]
    fn values_are_enclosed_and_flattened() {
        let env = &*ENV;
        let out = env
            .render_str(
                "{{ a }}|{{ b }}|{{ c|safe }}|{{ n }}",
                minijinja::context! {
                    a => "x\ny\r\u{2028}z", b => (), c => "# t", n => 7
                },
            )
            .unwrap();
        assert_eq!(out, format!("{OPEN}x y  z{CLOSE}||# t|7"));
    }

    #[test]
    fn undefined_is_an_error() {
        assert!(ENV.render_str("{{ nope }}", ()).is_err());
    }
}
