//! What JavaScript hands the module, read as hostile input.
//!
//! Plain objects, arrays, strings, numbers, booleans and null become the
//! library's untyped tree ([`Raw`]), which the library then reads with errors
//! naming the field. Everything else is refused with an error naming the
//! field, and every limit is checked *before* going deeper, so that no input
//! can take the module down:
//!
//! - a cycle, or nesting 100,000 levels deep, stops at [`MAX_DEPTH`] instead
//!   of overflowing wasm's stack (which corrupts its memory for good);
//! - a getter or Proxy trap that throws is caught at the import (`catch`), so
//!   no JS exception unwinds through wasm frames (each one would leave the
//!   stack pointer lowered, and after a few hundred the module is dead);
//! - huge arrays, objects and strings are measured before they are copied in,
//!   so no allocation can fail (a failed allocation aborts the module).
//!
//! serde-wasm-bindgen (still used for results) recurses without a limit and
//! calls JS without `catch`, which is why input does not go through it.

use wasm_bindgen::prelude::*;
use yibao::error::Expected;
use yibao::raw::{Raw, RawValue};
use yibao::{Error, InputError};

/// Nesting a request needs is four levels (request, admissions, a stay, a
/// field); sixteen leaves room and stops a cycle long before the stack ends.
const MAX_DEPTH: usize = 16;
/// Entries of one array or object: a request holds at most 100 stays and 100
/// replaced figures; the library says those limits in its own words.
const MAX_ITEMS: usize = 1_000;
/// Values in one input, all levels together.
const MAX_NODES: usize = 10_000;
/// Characters of all texts and keys in one request (a real one has a few
/// hundred); a batch file's text has its own limit.
const MAX_CHARS: usize = 100_000;
/// Policy data of one region is a few kilobytes; all of them under 100 KB.
const MAX_DATA_BYTES: usize = 16 << 20;

#[wasm_bindgen]
extern "C" {
    // Any of these may throw (a Proxy trap, a getter, a revoked Proxy):
    // `catch` turns the exception into an `Err` at the call.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn keys(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// A number as JS writes it: the shortest text that reads back the same
    /// (`0.1`, `1e+21`, `NaN`), so no float formatting is compiled in.
    #[wasm_bindgen(js_name = String)]
    fn number_text(value: f64) -> String;

    /// A string primitive, to measure before copying it.
    #[wasm_bindgen(js_name = String)]
    type Text;
    #[wasm_bindgen(method, getter, structural, js_name = length)]
    fn utf16_length(this: &Text) -> u32;

    #[wasm_bindgen(js_name = Uint8Array)]
    type Bytes;
    #[wasm_bindgen(method, getter, js_name = length)]
    fn byte_count(this: &Bytes) -> u32;
    /// A copy of the bytes, in wasm memory.
    #[wasm_bindgen(js_namespace = Uint8Array, js_name = from)]
    fn copy_bytes(bytes: &Bytes) -> Vec<u8>;
}

/// A value of any shape, e.g. a request: the tree the library reads it from.
pub fn tree(value: &JsValue, field: &str) -> Result<Raw, Error> {
    Reader::new(MAX_CHARS).value(value, &mut field.to_string(), 0)
}

/// A text of at most `max_chars` characters (UTF-16 units, as JS counts).
pub fn text(value: &JsValue, field: &str, max_chars: usize) -> Result<String, Error> {
    Reader::new(max_chars).text(value, field)
}

/// The bytes of a `Uint8Array` (policy data fetched by the page).
pub fn bytes(value: &JsValue, field: &str) -> Result<Vec<u8>, Error> {
    let fail = |kind| Err(Error::new(field, kind));
    let Some(bytes) = value.dyn_ref::<Bytes>() else {
        let expected = Expected::Bytes;
        return fail(InputError::WrongType { expected });
    };
    if bytes.byte_count() as usize > MAX_DATA_BYTES {
        return fail(InputError::TooManyItems {
            max: MAX_DATA_BYTES,
        });
    }
    Ok(copy_bytes(bytes))
}

struct Reader {
    nodes: usize,
    chars: usize,
    max_chars: usize,
}

impl Reader {
    fn new(max_chars: usize) -> Reader {
        Reader {
            nodes: 0,
            chars: 0,
            max_chars,
        }
    }

    fn value(&mut self, value: &JsValue, path: &mut String, depth: usize) -> Result<Raw, Error> {
        let fail = |path: &str, kind| Err(Error::new(path, kind));
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return fail(path, InputError::TooManyItems { max: MAX_NODES });
        }
        // Most values of a request are strings, then objects: asked first,
        // since each question is a call into JS.
        let raw = if value.is_string() {
            RawValue::Text(self.string(value, path)?)
        } else if value.is_object() {
            if depth >= MAX_DEPTH {
                return fail(path, InputError::NestedTooDeep { max: MAX_DEPTH });
            }
            if is_array(value).map_err(|_| unreadable(path))? {
                RawValue::List(self.list(value, path, depth)?)
            } else {
                RawValue::Table(self.table(value, path, depth)?)
            }
        } else if value.is_null_or_undefined() {
            RawValue::Null
        } else if let Some(n) = value.as_f64() {
            RawValue::Number(number_text(n))
        } else if let Some(b) = value.as_bool() {
            RawValue::Bool(b)
        } else {
            let what = if value.is_bigint() {
                "bigint"
            } else if value.is_symbol() {
                "symbol"
            } else if value.is_function() {
                "function"
            } else {
                "?"
            };
            return fail(path, InputError::UnsupportedValue { what: what.into() });
        };
        Ok(Raw::new(raw))
    }

    fn list(&mut self, list: &JsValue, path: &mut String, depth: usize) -> Result<Vec<Raw>, Error> {
        let count = self.count(list, path)?;
        let mut items = Vec::with_capacity(count);
        for i in 0..count {
            let at = path.len();
            path.push('[');
            path.push_str(&i.to_string());
            path.push(']');
            let item = get(list, &JsValue::from(i as u32)).map_err(|_| unreadable(path))?;
            items.push(self.value(&item, path, depth + 1)?);
            path.truncate(at);
        }
        Ok(items)
    }

    fn table(
        &mut self,
        object: &JsValue,
        path: &mut String,
        depth: usize,
    ) -> Result<Vec<(String, Raw)>, Error> {
        let names = keys(object).map_err(|_| unreadable(path))?;
        let count = self.count(&names, path)?;
        let mut entries = Vec::with_capacity(count);
        for i in 0..count {
            let name = get(&names, &JsValue::from(i as u32)).map_err(|_| unreadable(path))?;
            let key = self.text(&name, path)?;
            let at = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&key);
            let value = get(object, &name).map_err(|_| unreadable(path))?;
            let raw = self.value(&value, path, depth + 1)?;
            path.truncate(at);
            entries.push((key, raw));
        }
        Ok(entries)
    }

    /// The `length` of an array (a Proxy may claim anything), at most [`MAX_ITEMS`].
    fn count(&self, list: &JsValue, path: &str) -> Result<usize, Error> {
        let length = get(list, &JsValue::from_str("length"))
            .map_err(|_| unreadable(path))?
            .as_f64()
            .unwrap_or(f64::NAN);
        if !(0.0..=MAX_ITEMS as f64).contains(&length) || length.fract() != 0.0 {
            return Err(Error::new(
                path,
                InputError::TooManyItems { max: MAX_ITEMS },
            ));
        }
        Ok(length as usize)
    }

    /// A value that must be a string.
    fn text(&mut self, value: &JsValue, path: &str) -> Result<String, Error> {
        if !value.is_string() {
            let expected = Expected::Text;
            return Err(Error::new(path, InputError::WrongType { expected }));
        }
        self.string(value, path)
    }

    /// A value known to be a string, measured before it is copied into wasm memory.
    fn string(&mut self, value: &JsValue, path: &str) -> Result<String, Error> {
        let length = value.unchecked_ref::<Text>().utf16_length();
        self.chars = self.chars.saturating_add(length as usize);
        if self.chars > self.max_chars {
            let max = self.max_chars;
            return Err(Error::new(path, InputError::TextTooLong { max }));
        }
        value.as_string().ok_or_else(|| unreadable(path))
    }
}

fn unreadable(path: &str) -> Error {
    Error::new(path, InputError::Unreadable)
}
