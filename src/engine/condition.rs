//! Conditions of `branch` nodes: `age < 19`, `kecamatan == "bangil"`,
//! `age_band in ["13-15", "16-17"]`, `kecamatan is set`, joined with `and`, `or`, `not` and
//! parentheses.
//!
//! Field values are text. A comparison is numeric when both sides are numbers, and otherwise a
//! case-insensitive text comparison. A field that is not set is never equal to anything and
//! never less or greater than anything, so `age < 19` is false for a teen who skipped the age
//! question; write `age is not set or age < 19` when that is what you mean.

use std::collections::BTreeSet;

/// A parsed condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Compare {
        field: String,
        op: Op,
        value: String,
    },
    In {
        field: String,
        values: Vec<String>,
    },
    IsSet {
        field: String,
    },
    Not(Box<Condition>),
    And(Vec<Condition>),
    Or(Vec<Condition>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A condition that does not parse, with the character position of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at character {column})")]
pub struct ConditionError {
    pub column: usize,
    pub message: String,
}

impl Condition {
    /// Parses a condition as written in a flow file.
    pub fn parse(source: &str) -> Result<Condition, ConditionError> {
        let tokens = tokenize(source)?;
        let mut parser = Parser { tokens, pos: 0 };
        let condition = parser.or()?;
        match parser.tokens.get(parser.pos) {
            None => Ok(condition),
            Some((column, token)) => Err(ConditionError {
                column: *column,
                message: format!(
                    "unexpected `{}`; join conditions with `and` or `or`",
                    token.text()
                ),
            }),
        }
    }

    /// Evaluates the condition; `lookup` gives a field's value, if it is set.
    pub fn eval(&self, lookup: &dyn Fn(&str) -> Option<String>) -> bool {
        let get = |field: &str| lookup(field).filter(|v| !v.trim().is_empty());
        match self {
            Condition::Compare { field, op, value } => {
                let Some(actual) = get(field) else {
                    return *op == Op::Ne;
                };
                compare(&actual, *op, value)
            }
            Condition::In { field, values } => {
                get(field).is_some_and(|actual| values.iter().any(|v| compare(&actual, Op::Eq, v)))
            }
            Condition::IsSet { field } => get(field).is_some(),
            Condition::Not(inner) => !inner.eval(lookup),
            Condition::And(all) => all.iter().all(|c| c.eval(lookup)),
            Condition::Or(any) => any.iter().any(|c| c.eval(lookup)),
        }
    }

    /// The fields the condition reads.
    pub fn fields(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        self.collect_fields(&mut out);
        out
    }

    fn collect_fields(&self, out: &mut BTreeSet<String>) {
        match self {
            Condition::Compare { field, .. }
            | Condition::In { field, .. }
            | Condition::IsSet { field } => {
                out.insert(field.clone());
            }
            Condition::Not(inner) => inner.collect_fields(out),
            Condition::And(list) | Condition::Or(list) => {
                for c in list {
                    c.collect_fields(out);
                }
            }
        }
    }
}

fn compare(actual: &str, op: Op, expected: &str) -> bool {
    let numbers = (actual.trim().parse::<f64>(), expected.trim().parse::<f64>());
    if let (Ok(a), Ok(b)) = numbers {
        return match op {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        };
    }
    let equal = actual.trim().to_lowercase() == expected.trim().to_lowercase();
    match op {
        Op::Eq => equal,
        Op::Ne => !equal,
        // Ordering text is never what a flow means ("16-17" < "18-24" happens to hold, but
        // "9" < "10" would not): only numbers are ordered.
        Op::Lt | Op::Le | Op::Gt | Op::Ge => false,
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Number(String),
    Text(String),
    Op(Op),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
}

impl Token {
    fn text(&self) -> String {
        match self {
            Token::Ident(s) | Token::Number(s) => s.clone(),
            Token::Text(s) => format!("\"{s}\""),
            Token::Op(op) => match op {
                Op::Eq => "==",
                Op::Ne => "!=",
                Op::Lt => "<",
                Op::Le => "<=",
                Op::Gt => ">",
                Op::Ge => ">=",
            }
            .into(),
            Token::LParen => "(".into(),
            Token::RParen => ")".into(),
            Token::LBracket => "[".into(),
            Token::RBracket => "]".into(),
            Token::Comma => ",".into(),
        }
    }
}

fn tokenize(source: &str) -> Result<Vec<(usize, Token)>, ConditionError> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        let err = |message: String| ConditionError { column, message };
        match c {
            ' ' | '\t' => i += 1,
            '(' | ')' | '[' | ']' | ',' => {
                tokens.push((
                    column,
                    match c {
                        '(' => Token::LParen,
                        ')' => Token::RParen,
                        '[' => Token::LBracket,
                        ']' => Token::RBracket,
                        _ => Token::Comma,
                    },
                ));
                i += 1;
            }
            '=' | '!' | '<' | '>' => {
                let two = chars.get(i + 1) == Some(&'=');
                let op = match (c, two) {
                    ('=', true) => Op::Eq,
                    ('!', true) => Op::Ne,
                    ('<', true) => Op::Le,
                    ('>', true) => Op::Ge,
                    ('<', false) => Op::Lt,
                    ('>', false) => Op::Gt,
                    ('=', false) => return Err(err("write `==` to compare, not `=`".into())),
                    _ => return Err(err("write `!=` for \"not equal\"".into())),
                };
                tokens.push((column, Token::Op(op)));
                i += if two { 2 } else { 1 };
            }
            '"' | '\'' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|x| *x == c)
                    .ok_or_else(|| err(format!("the text starting here has no closing {c}")))?;
                tokens.push((
                    column,
                    Token::Text(chars[i + 1..i + 1 + end].iter().collect()),
                ));
                i += end + 2;
            }
            c if c.is_ascii_digit() || c == '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                tokens.push((column, Token::Number(chars[start..i].iter().collect())));
            }
            c if c.is_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                tokens.push((column, Token::Ident(chars[start..i].iter().collect())));
            }
            other => return Err(err(format!("`{other}` has no meaning in a condition"))),
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(_, t)| t)
    }

    fn column(&self) -> usize {
        self.tokens
            .get(self.pos)
            .or(self.tokens.last())
            .map_or(1, |(c, _)| *c)
    }

    fn keyword(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token::Ident(w)) if w == word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, ConditionError> {
        Err(ConditionError {
            column: self.column(),
            message: message.into(),
        })
    }

    fn or(&mut self) -> Result<Condition, ConditionError> {
        let mut list = vec![self.and()?];
        while self.keyword("or") {
            list.push(self.and()?);
        }
        Ok(if list.len() == 1 {
            list.remove(0)
        } else {
            Condition::Or(list)
        })
    }

    fn and(&mut self) -> Result<Condition, ConditionError> {
        let mut list = vec![self.unary()?];
        while self.keyword("and") {
            list.push(self.unary()?);
        }
        Ok(if list.len() == 1 {
            list.remove(0)
        } else {
            Condition::And(list)
        })
    }

    fn unary(&mut self) -> Result<Condition, ConditionError> {
        if self.keyword("not") {
            return Ok(Condition::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Token::LParen) {
            self.pos += 1;
            let inner = self.or()?;
            if self.peek() != Some(&Token::RParen) {
                return self.error("a `(` is not closed with `)`");
            }
            self.pos += 1;
            return Ok(inner);
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Condition, ConditionError> {
        let field = match self.peek() {
            Some(Token::Ident(name))
                if !["and", "or", "not", "in", "is"].contains(&name.as_str()) =>
            {
                name.clone()
            }
            Some(other) => {
                let text = other.text();
                return self.error(format!("expected a field name, found `{text}`"));
            }
            None => return self.error("the condition ends too early; expected a field name"),
        };
        self.pos += 1;
        if self.keyword("is") {
            let negated = self.keyword("not");
            if !self.keyword("set") {
                return self.error("after `is` write `set` or `not set`");
            }
            let test = Condition::IsSet { field };
            return Ok(if negated {
                Condition::Not(Box::new(test))
            } else {
                test
            });
        }
        if self.keyword("in") {
            if self.peek() != Some(&Token::LBracket) {
                return self.error("after `in` write a list such as [\"13-15\", \"16-17\"]");
            }
            self.pos += 1;
            let mut values = Vec::new();
            loop {
                values.push(self.value()?);
                match self.peek() {
                    Some(Token::Comma) => self.pos += 1,
                    Some(Token::RBracket) => {
                        self.pos += 1;
                        break;
                    }
                    _ => return self.error("separate list values with `,` and close with `]`"),
                }
            }
            return Ok(Condition::In { field, values });
        }
        let op = match self.peek() {
            Some(Token::Op(op)) => *op,
            _ => {
                return self.error(format!(
                    "after `{field}` write a comparison: ==, !=, <, <=, >, >=, `in [...]` or `is set`"
                ));
            }
        };
        self.pos += 1;
        let value = self.value()?;
        Ok(Condition::Compare { field, op, value })
    }

    fn value(&mut self) -> Result<String, ConditionError> {
        match self.peek().cloned() {
            Some(Token::Number(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(Token::Text(t)) => {
                self.pos += 1;
                Ok(t)
            }
            Some(Token::Ident(word)) => self.error(format!(
                "`{word}` needs quotes to be a text value: \"{word}\""
            )),
            _ => self.error("expected a number or a text in quotes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn eval(condition: &str, fields: &[(&str, &str)]) -> bool {
        let map: HashMap<String, String> = fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Condition::parse(condition)
            .unwrap()
            .eval(&|f| map.get(f).cloned())
    }

    #[test]
    fn numbers_compare_as_numbers() {
        assert!(eval("age < 19", &[("age", "16")]));
        assert!(!eval("age < 19", &[("age", "19")]));
        assert!(eval("age >= 9", &[("age", "10")]));
    }

    #[test]
    fn text_compares_without_case() {
        assert!(eval("kecamatan == \"bangil\"", &[("kecamatan", "Bangil")]));
        assert!(eval("kecamatan != 'bangil'", &[("kecamatan", "pandaan")]));
    }

    #[test]
    fn unset_fields_are_neither_equal_nor_ordered() {
        assert!(!eval("age < 19", &[]));
        assert!(!eval("age >= 19", &[]));
        assert!(eval("age != 19", &[]));
        assert!(eval("age is not set or age < 19", &[]));
    }

    #[test]
    fn lists_logic_and_parentheses() {
        let f = [("age_band", "16-17"), ("kecamatan", "bangil")];
        assert!(eval("age_band in [\"13-15\", \"16-17\"]", &f));
        assert!(eval("not (age_band == \"18-24\") and kecamatan is set", &f));
        assert!(eval("age_band == \"x\" or kecamatan == \"bangil\"", &f));
    }

    #[test]
    fn mistakes_are_explained_with_a_position() {
        let e = Condition::parse("age = 19").unwrap_err();
        assert_eq!(e.column, 5);
        assert!(e.message.contains("=="));
        assert!(
            Condition::parse("kecamatan == bangil")
                .unwrap_err()
                .message
                .contains("quotes")
        );
        assert!(Condition::parse("(age < 19").is_err());
        assert!(Condition::parse("age < 19 age > 3").is_err());
    }

    #[test]
    fn fields_are_listed() {
        let c = Condition::parse("age < 19 and (kecamatan is set or not lang == \"en\")").unwrap();
        let fields: Vec<String> = c.fields().into_iter().collect();
        assert_eq!(fields, ["age", "kecamatan", "lang"]);
    }
}
