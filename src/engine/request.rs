//! The estimate request, the same for the command line (JSON) and the page
//! (a JS object), read with errors that name the field.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::{Error, RequestError};
use crate::policy::{Category, Level, Replacement, Scheme};
use crate::raw::{Raw, RawValue};
use crate::read::Node;

/// Stays in one insurance year that one request may hold. Dialysis or
/// chemotherapy can mean dozens of stays; a hundred leaves room and keeps
/// every sum far inside `Decimal`'s range (100 × 1 亿 = 10¹⁰ yuan).
pub const MAX_ADMISSIONS: usize = 100;

/// Figures one request may replace: more than any policy version has (the
/// largest has about 40), so a longer list is not a person's doing.
pub const MAX_OVERRIDES: usize = 100;

/// The largest request read as JSON text (the command line's standard
/// input): [`MAX_ADMISSIONS`] stays and every override of a policy take
/// under 20 KB, so 1 MiB is room for any layout and refuses a wrong file.
pub const MAX_REQUEST_BYTES: usize = 1 << 20;

#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub policy: String,
    /// The version in force on this day; `None`: the latest version.
    pub date: Option<Date>,
    pub scheme: Scheme,
    pub category: Category,
    pub age: Option<u32>,
    pub admissions: Vec<Admission>,
    /// Parameter path and the value that replaces the policy's figure; at
    /// most [`MAX_OVERRIDES`], each path once (checked when they are applied,
    /// so that overrides added after reading, as the command line's, are too).
    pub overrides: Vec<(String, Replacement)>,
    /// With the explanation (the default). Without it, the estimate has the
    /// same payments and assumptions but no steps and no figure table: for
    /// recomputing on every keystroke or drawing a curve.
    pub explain: bool,
}

/// One hospital stay.
#[derive(Debug, Clone, PartialEq)]
pub struct Admission {
    pub level: Level,
    /// Cost on the insurance catalogues (合规费用).
    pub compliant: Decimal,
    /// Cost outside them (目录外 / 自费).
    pub out_of_policy: Decimal,
}

impl Request {
    /// A request for one stay from fields of text, as the command line's
    /// flags and the columns of a batch file give them: `policy`, `date`,
    /// `scheme`, `category`, `age`, `level`, `compliant`, `out_of_policy`.
    /// Empty fields count as absent; errors name the field as
    /// [`Request::from_raw`] does (`admissions[0].compliant`).
    pub fn one_stay(fields: &[(&str, &str)]) -> Result<Request, Error> {
        let mut request = Vec::new();
        let mut stay = Vec::new();
        for &(key, value) in fields.iter().filter(|(_, v)| !v.trim().is_empty()) {
            let value = value.trim().to_string();
            // Text throughout: an age is read from text as from a number.
            let raw = Raw::new(RawValue::Text(value));
            match key {
                "level" | "compliant" | "out_of_policy" => stay.push((key.to_string(), raw)),
                _ => request.push((key.to_string(), raw)),
            }
        }
        let stays = vec![Raw::new(RawValue::Table(stay))];
        request.push(("admissions".into(), Raw::new(RawValue::List(stays))));
        Request::from_raw(&Raw::new(RawValue::Table(request)))
    }

    /// Reads a request: `{ policy, date?, scheme, category, age?, admissions: [{ level,
    /// compliant, out_of_policy? }], overrides?, explain? }`. Amounts may be strings
    /// (`"12000"`, `"1.2万"`) or numbers.
    pub fn from_raw(raw: &Raw) -> Result<Request, Error> {
        Request::read(Node::root(raw, None))
    }

    /// [`Request::from_raw`] for a request written in a file (a worked case,
    /// `crate::cases`): errors name the file and the line.
    pub fn from_raw_in_file(raw: &Raw, file: &str) -> Result<Request, Error> {
        Request::read(Node::root(raw, Some(file)))
    }

    fn read(root: Node) -> Result<Request, Error> {
        let t = root.table(&[
            "policy",
            "date",
            "scheme",
            "category",
            "age",
            "admissions",
            "overrides",
            "explain",
        ])?;
        let present = |key: &'static str| t.get(key).filter(|n| n.raw().value != RawValue::Null);

        let admissions_node = t.req("admissions")?;
        let items = admissions_node.list()?;
        if items.is_empty() {
            return Err(admissions_node.error(RequestError::NoAdmissions));
        }
        if items.len() > MAX_ADMISSIONS {
            return Err(admissions_node.error(RequestError::TooManyAdmissions {
                max: MAX_ADMISSIONS,
            }));
        }
        let admissions = items
            .iter()
            .map(|item| {
                let a = item.table(&["level", "compliant", "out_of_policy"])?;
                Ok(Admission {
                    level: a.req("level")?.choice()?,
                    compliant: a.req("compliant")?.amount()?,
                    out_of_policy: match a.get("out_of_policy") {
                        Some(n) if n.raw().value != RawValue::Null => n.amount()?,
                        _ => Decimal::ZERO,
                    },
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;

        let overrides = match present("overrides") {
            None => Vec::new(),
            Some(node) => node
                .entries()?
                .into_iter()
                .map(|(key, value)| (key.to_string(), Replacement::read(&value)))
                .collect(),
        };

        Ok(Request {
            policy: t.req("policy")?.text()?.to_string(),
            date: present("date").map(|n| n.date()).transpose()?,
            scheme: t.req("scheme")?.choice()?,
            category: t.req("category")?.choice()?,
            age: present("age").map(|n| n.whole_number(0, 150)).transpose()?,
            admissions,
            overrides,
            explain: present("explain")
                .map(|n| n.boolean())
                .transpose()?
                .unwrap_or(true),
        })
    }
}
