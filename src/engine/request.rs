//! The estimate request, the same for the command line (JSON) and the page
//! (a JS object), read with errors that name the field.

use rust_decimal::Decimal;

use crate::date::Date;
use crate::error::{Error, InputError, RequestError};
use crate::policy::{Category, Level, OutpatientKind, Replacement, Scheme, Setting};
use crate::raw::{Raw, RawValue};
use crate::read::{Node, Table};

/// Stays in one insurance year that one request may hold. Dialysis or
/// chemotherapy can mean dozens of stays; a hundred leaves room and keeps
/// every sum far inside `Decimal`'s range (100 × 1 亿 = 10¹⁰ yuan).
pub const MAX_ADMISSIONS: usize = 100;

/// Outpatient costs one request may hold: a year's costs by kind, level
/// and disease fit in a handful; a hundred is far beyond a household.
pub const MAX_OUTPATIENT: usize = 100;

/// Visits one outpatient cost may count (three a day for a year).
pub const MAX_VISITS: u32 = 1000;

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
    /// The year's outpatient costs (at most [`MAX_OUTPATIENT`]).
    pub outpatient: Vec<OutpatientCost>,
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
    /// The bill's total, when only it was given: the two costs above are
    /// then 0 until the engine splits it ([`crate::engine::Prepared::split`]).
    pub total: Option<Decimal>,
    pub setting: Setting,
    /// An id of the version's disease list.
    pub disease: Option<String>,
}

/// Which cost of a request: for messages that name its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Stay(usize),
    Outpatient(usize),
}

impl std::fmt::Display for Item {
    /// The field: `admissions[0]`, `outpatient[2]`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::Stay(i) => write!(f, "admissions[{i}]"),
            Item::Outpatient(i) => write!(f, "outpatient[{i}]"),
        }
    }
}

/// A year's outpatient cost of one kind, at one level.
#[derive(Debug, Clone, PartialEq)]
pub struct OutpatientCost {
    pub kind: OutpatientKind,
    pub disease: Option<String>,
    pub level: Level,
    pub setting: Setting,
    /// For a deductible per visit; 1 when not given.
    pub visits: u32,
    pub compliant: Decimal,
    pub out_of_policy: Decimal,
    /// As [`Admission::total`].
    pub total: Option<Decimal>,
}

impl Request {
    /// A request for one stay from fields of text, as the command line's
    /// flags and the columns of a batch file give them: `policy`, `date`,
    /// `scheme`, `category`, `age`, `level`, `compliant`, `out_of_policy`, `total`.
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
                "level" | "compliant" | "out_of_policy" | "total" | "setting" | "disease" => {
                    stay.push((key.to_string(), raw))
                }
                _ => request.push((key.to_string(), raw)),
            }
        }
        let stays = vec![Raw::new(RawValue::Table(stay))];
        request.push(("admissions".into(), Raw::new(RawValue::List(stays))));
        Request::from_raw(&Raw::new(RawValue::Table(request)))
    }

    /// Reads a request: `{ policy, date?, scheme, category, age?, admissions?: [{ level,
    /// compliant, out_of_policy?, setting?, disease? }], outpatient?: [{ kind, disease?,
    /// level, setting?, visits?, compliant, out_of_policy? }], overrides?, explain? }`
    /// with at least one stay or outpatient cost. A stay or an outpatient
    /// cost may give `total` instead of `compliant` and `out_of_policy`.
    /// Amounts may be strings (`"12000"`, `"1.2万"`) or numbers.
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
            "outpatient",
            "overrides",
            "explain",
        ])?;
        let present = |key: &'static str| t.get(key).filter(|n| n.raw().value != RawValue::Null);

        let admissions_node = present("admissions");
        let items = admissions_node
            .as_ref()
            .map(|n| n.list())
            .transpose()?
            .unwrap_or_default();
        if let Some(node) = &admissions_node
            && items.len() > MAX_ADMISSIONS
        {
            return Err(node.error(RequestError::TooManyAdmissions {
                max: MAX_ADMISSIONS,
            }));
        }
        // Loops, not `collect::<Result<Vec<_>, _>>`: the page's module carries
        // each such adapter's code once per use.
        let mut admissions = Vec::with_capacity(items.len());
        for item in &items {
            let a = item.table(&[
                "level",
                "compliant",
                "out_of_policy",
                "total",
                "setting",
                "disease",
            ])?;
            let level = a.req("level")?.choice()?;
            let (compliant, out_of_policy, total) = cost(&a)?;
            admissions.push(Admission {
                level,
                compliant,
                out_of_policy,
                total,
                setting: optional_setting(&a)?,
                disease: optional_disease(&a)?,
            });
        }

        let outpatient_node = present("outpatient");
        let items = outpatient_node
            .as_ref()
            .map(|n| n.list())
            .transpose()?
            .unwrap_or_default();
        if let Some(node) = &outpatient_node
            && items.len() > MAX_OUTPATIENT
        {
            return Err(node.error(InputError::TooManyItems {
                max: MAX_OUTPATIENT,
            }));
        }
        let mut outpatient = Vec::with_capacity(items.len());
        for item in &items {
            let o = item.table(&[
                "kind",
                "disease",
                "level",
                "setting",
                "visits",
                "compliant",
                "out_of_policy",
                "total",
            ])?;
            let kind: OutpatientKind = o.req("kind")?.choice()?;
            let disease = optional_disease(&o)?;
            if kind != OutpatientKind::General && disease.is_none() {
                // Chronic and special care is paid by disease group.
                return Err(o.missing("disease"));
            }
            let level = o.req("level")?.choice()?;
            let setting = optional_setting(&o)?;
            let visits = match o.get("visits") {
                Some(n) if n.raw().value != RawValue::Null => n.whole_number(1, MAX_VISITS)?,
                _ => 1,
            };
            let (compliant, out_of_policy, total) = cost(&o)?;
            outpatient.push(OutpatientCost {
                kind,
                disease,
                level,
                setting,
                visits,
                compliant,
                out_of_policy,
                total,
            });
        }
        if admissions.is_empty() && outpatient.is_empty() {
            let error = RequestError::NoAdmissions;
            return Err(match admissions_node {
                Some(node) => node.error(error),
                None => Error::new("admissions", error),
            });
        }

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
            outpatient,
            overrides,
            explain: present("explain")
                .map(|n| n.boolean())
                .transpose()?
                .unwrap_or(true),
        })
    }
}

/// The cost of a stay or an outpatient cost: `compliant` (and
/// `out_of_policy`, 0 when absent), or `total` alone (the two are then 0
/// until the engine splits it). Both ways, or neither, is refused.
fn cost(t: &Table) -> Result<(Decimal, Decimal, Option<Decimal>), Error> {
    let given = |key| t.get(key).filter(|n| n.raw().value != RawValue::Null);
    match (given("total"), given("compliant")) {
        (Some(total), None) => match given("out_of_policy") {
            Some(part) => Err(part.error(RequestError::TotalAndSplit)),
            None => Ok((Decimal::ZERO, Decimal::ZERO, Some(total.amount()?))),
        },
        (Some(total), Some(_)) => Err(total.error(RequestError::TotalAndSplit)),
        (None, Some(compliant)) => {
            let out_of_policy = match given("out_of_policy") {
                Some(n) => n.amount()?,
                None => Decimal::ZERO,
            };
            Ok((compliant.amount()?, out_of_policy, None))
        }
        (None, None) => Err(t.lacks("compliant", RequestError::NoCost)),
    }
}

/// `setting`: local when absent.
fn optional_setting(t: &Table) -> Result<Setting, Error> {
    match t.get("setting") {
        Some(n) if n.raw().value != RawValue::Null => n.choice(),
        _ => Ok(Setting::Local),
    }
}

/// `disease`: an id, checked against the policy version's list later.
fn optional_disease(t: &Table) -> Result<Option<String>, Error> {
    match t.get("disease") {
        Some(n) if n.raw().value != RawValue::Null => {
            let id = n.text()?.trim();
            if id.is_empty() {
                Ok(None)
            } else if id.len() > 64 {
                Err(n.error(InputError::TextTooLong { max: 64 }))
            } else {
                Ok(Some(id.to_string()))
            }
        }
        _ => Ok(None),
    }
}
