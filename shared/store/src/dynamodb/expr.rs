//! Conditions and updates as DynamoDB expressions: every attribute name and value a generated
//! placeholder (`#n0`, `:v0`), so no item data is ever spliced into an expression.

use super::*;

/// Builds expression strings with placeholders for every name and value.
#[derive(Default)]
pub(super) struct Expr {
    names: HashMap<String, String>,
    by_name: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

impl Expr {
    pub(super) fn name(&mut self, attr: &str) -> String {
        if let Some(p) = self.by_name.get(attr) {
            return p.clone();
        }
        let p = format!("#n{}", self.names.len());
        self.names.insert(p.clone(), attr.to_owned());
        self.by_name.insert(attr.to_owned(), p.clone());
        p
    }

    pub(super) fn value(&mut self, v: AttributeValue) -> String {
        let p = format!(":v{}", self.values.len());
        self.values.insert(p.clone(), v);
        p
    }

    pub(super) fn names(&self) -> Option<HashMap<String, String>> {
        (!self.names.is_empty()).then(|| self.names.clone())
    }

    pub(super) fn values(&self) -> Option<Attrs> {
        (!self.values.is_empty()).then(|| self.values.clone())
    }

    pub(super) fn condition(&mut self, c: &Condition) -> String {
        match c {
            Condition::Exists => format!("attribute_exists({})", self.name("pk")),
            Condition::NotExists => format!("attribute_not_exists({})", self.name("pk")),
            Condition::AttrExists(a) => format!("attribute_exists({})", self.name(a)),
            Condition::AttrNotExists(a) => format!("attribute_not_exists({})", self.name(a)),
            Condition::Cmp(a, op, rhs) => {
                let l = self.name(a);
                let (r, r_attr) = match rhs {
                    Operand::Attr(b) => {
                        let n = self.name(b);
                        (n.clone(), Some(n))
                    }
                    Operand::Value(v) => (self.value(to_attr(v)), None),
                };
                let sym = match op {
                    CmpOp::Eq => "=",
                    CmpOp::Ne => "<>",
                    CmpOp::Lt => "<",
                    CmpOp::Le => "<=",
                    CmpOp::Gt => ">",
                    CmpOp::Ge => ">=",
                };
                if *op == CmpOp::Ne {
                    // DynamoDB itself takes `missing <> x` as true; the port says a comparison
                    // with a missing attribute is false, so `<>` asks for the operands first.
                    let mut parts = vec![format!("attribute_exists({l})")];
                    parts.extend(r_attr.map(|b| format!("attribute_exists({b})")));
                    parts.push(format!("{l} <> {r}"));
                    return format!("({})", parts.join(" AND "));
                }
                format!("{l} {sym} {r}")
            }
            Condition::BeginsWith(a, prefix) => {
                let n = self.name(a);
                let v = self.value(AttributeValue::S(prefix.clone()));
                format!("begins_with({n}, {v})")
            }
            // DynamoDB has no literal true/false: an empty AND is "exists or not", an empty OR
            // "exists and not".
            Condition::And(cs) if cs.is_empty() => {
                let p = self.name("pk");
                format!("(attribute_exists({p}) OR attribute_not_exists({p}))")
            }
            Condition::Or(cs) if cs.is_empty() => {
                let p = self.name("pk");
                format!("(attribute_exists({p}) AND attribute_not_exists({p}))")
            }
            Condition::And(cs) => self.join(cs, " AND "),
            Condition::Or(cs) => self.join(cs, " OR "),
            Condition::Not(c) => format!("(NOT {})", self.paren(c)),
        }
    }

    /// A sub-condition in parentheses (And/Or/Not bring their own).
    pub(super) fn paren(&mut self, c: &Condition) -> String {
        match c {
            Condition::And(_) | Condition::Or(_) | Condition::Not(_) => self.condition(c),
            // `<>` renders its own parentheses (it asks for the operands first): DynamoDB
            // refuses redundant ones.
            Condition::Cmp(_, CmpOp::Ne, _) => self.condition(c),
            _ => format!("({})", self.condition(c)),
        }
    }

    pub(super) fn join(&mut self, cs: &[Condition], op: &str) -> String {
        let parts: Vec<String> = cs.iter().map(|c| self.paren(c)).collect();
        format!("({})", parts.join(op))
    }

    /// `SET #a = :v, ... ADD #c :n REMOVE #r`, or `None` for an empty update.
    pub(super) fn update(&mut self, u: &Update) -> Option<String> {
        let mut clauses = Vec::new();
        if !u.set.is_empty() {
            let parts: Vec<String> = u
                .set
                .iter()
                .map(|(a, v)| format!("{} = {}", self.name(a), self.value(to_attr(v))))
                .collect();
            clauses.push(format!("SET {}", parts.join(", ")));
        }
        if !u.add.is_empty() {
            let parts: Vec<String> = u
                .add
                .iter()
                .map(|(a, n)| {
                    let v = self.value(AttributeValue::N(n.to_string()));
                    format!("{} {v}", self.name(a))
                })
                .collect();
            clauses.push(format!("ADD {}", parts.join(", ")));
        }
        if !u.remove.is_empty() {
            let parts: Vec<String> = u.remove.iter().map(|a| self.name(a)).collect();
            clauses.push(format!("REMOVE {}", parts.join(", ")));
        }
        (!clauses.is_empty()).then(|| clauses.join(" "))
    }

    /// `#k = :pk [AND <sort condition>]`.
    pub(super) fn key_condition(
        &mut self,
        hash: &str,
        range: Option<&str>,
        pk: &str,
        sk: Option<&SortCondition>,
    ) -> Result<String, StoreError> {
        let h = self.name(hash);
        let v = self.value(AttributeValue::S(pk.to_owned()));
        let mut expr = format!("{h} = {v}");
        let Some(sk) = sk else { return Ok(expr) };
        let range = range.ok_or_else(|| StoreError::Invalid("the index has no sort key".into()))?;
        let r = self.name(range);
        let mut val = |s: &str| self.value(AttributeValue::S(s.to_owned()));
        let cond = match sk {
            SortCondition::Eq(s) => format!("{r} = {}", val(s)),
            SortCondition::Lt(s) => format!("{r} < {}", val(s)),
            SortCondition::Le(s) => format!("{r} <= {}", val(s)),
            SortCondition::Gt(s) => format!("{r} > {}", val(s)),
            SortCondition::Ge(s) => format!("{r} >= {}", val(s)),
            SortCondition::BeginsWith(s) => format!("begins_with({r}, {})", val(s)),
            SortCondition::Between(a, b) => {
                if a.as_bytes() > b.as_bytes() {
                    return Err(StoreError::Invalid(
                        "BETWEEN needs its lower bound first".into(),
                    ));
                }
                let (a, b) = (val(a), val(b));
                format!("{r} BETWEEN {a} AND {b}")
            }
        };
        expr.push_str(" AND ");
        expr.push_str(&cond);
        Ok(expr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_use_placeholders_only() {
        let mut x = Expr::default();
        let c = Condition::And(vec![
            Condition::Or(vec![
                Condition::cmp("count", CmpOp::Lt, 10),
                Condition::AttrNotExists("count".into()),
            ]),
            Condition::Not(Box::new(Condition::BeginsWith(
                "name".into(),
                "x) OR (".into(),
            ))),
            Condition::cmp_attr("taken", CmpOp::Lt, "quota"),
            Condition::Exists,
        ]);
        let e = x.condition(&c);
        assert_eq!(
            e,
            "(((#n0 < :v0) OR (attribute_not_exists(#n0))) AND (NOT (begins_with(#n1, :v1))) \
             AND (#n2 < #n3) AND (attribute_exists(#n4)))"
        );
        assert_eq!(x.names.get("#n4").map(String::as_str), Some("pk"));
        assert_eq!(x.values.len(), 2);
    }

    #[test]
    fn not_equal_requires_its_operands() {
        let mut x = Expr::default();
        assert_eq!(
            x.condition(&Condition::cmp("a", CmpOp::Ne, 1)),
            "(attribute_exists(#n0) AND #n0 <> :v0)"
        );
        assert_eq!(
            x.condition(&Condition::cmp_attr("a", CmpOp::Ne, "b")),
            "(attribute_exists(#n0) AND attribute_exists(#n1) AND #n0 <> #n1)"
        );
        // Inside a conjunction, once: DynamoDB refuses redundant parentheses.
        let mut x = Expr::default();
        assert_eq!(
            x.condition(&Condition::And(vec![
                Condition::cmp("a", CmpOp::Ne, 1),
                Condition::AttrExists("b".into()),
            ])),
            "((attribute_exists(#n0) AND #n0 <> :v0) AND (attribute_exists(#n1)))"
        );
    }

    #[test]
    fn updates_render_all_clauses() {
        let mut x = Expr::default();
        let u = Update::new()
            .set("a", "x")
            .set("b", 1)
            .add("c", 2)
            .remove("d");
        assert_eq!(
            x.update(&u).unwrap(),
            "SET #n0 = :v0, #n1 = :v1 ADD #n2 :v2 REMOVE #n3"
        );
        assert_eq!(Expr::default().update(&Update::new()), None);
    }
}
