//! The source documents a policy cites, as a reader names them: title,
//! issuing body, document number (登政办〔2018〕57号), date and kind. A
//! citation names a file of `policies/sources/`; its document says what that
//! file is, so that a resident reads "《…》登政办〔2018〕57号，第 46 行", not
//! a file name. A newspaper's figure weighs less than a notice's: the kind
//! says which it is.

use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::data::{Damaged, Decode, Reader, decoded};

use crate::choice;
use crate::choice::Choice;
use crate::date::Date;

choice! {
    /// What a source document is.
    pub enum DocumentKind {
        Notice = "notice", "正式文件", "official notice";
        Reply = "reply", "正式答复", "official reply";
        Meeting = "meeting", "会议材料", "meeting record";
        Newspaper = "newspaper", "报纸报道", "newspaper report";
    }
}

decoded! {
    #[derive(Debug, Clone, PartialEq, Serialize)]
    pub struct Document {
        /// The file of the sources folder its citations name.
        pub file: Arc<str>,
        pub title_zh: Arc<str>,
        pub title_en: Arc<str>,
        /// Who issued or published it, where the text says.
        pub issuer_zh: Option<Arc<str>>,
        pub issuer_en: Option<Arc<str>>,
        /// Its document number (文号), if it has one.
        pub number: Option<Arc<str>>,
        /// When it was issued or published, where the text says.
        pub date: Option<Date>,
        pub kind: DocumentKind,
    }
}

impl Document {
    /// Line `line` of it as people read it: `《title》number，第 N 行`, or in
    /// English `title number, line N`; a document other than an official
    /// notice says what it is (报纸报道).
    pub fn cite(&self, line: u32, english: bool) -> String {
        let number = self.number.as_deref().unwrap_or_default();
        let kind = |name: &str, open: &str, close: &str| match self.kind {
            DocumentKind::Notice => String::new(),
            _ => format!("{open}{name}{close}"),
        };
        if english {
            let number = if number.is_empty() {
                String::new()
            } else {
                format!(" {number}")
            };
            let kind = kind(self.kind.name_en(), " (", ")");
            format!("{}{number}{kind}, line {line}", self.title_en)
        } else {
            let kind = kind(self.kind.name_zh(), "（", "）");
            format!("《{}》{number}{kind}，第 {line} 行", self.title_zh)
        }
    }
}

/// A policy's documents as its data holds them: their own encoded bytes,
/// decoded when asked for ([`Documents::list`]). Only explanations and
/// descriptions name documents; the page's first module explains nothing,
/// so it skips these bytes and carries no code to decode them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Documents(Arc<[u8]>);

impl Documents {
    /// The documents of a policy file, encoded.
    #[cfg(feature = "files")]
    pub(crate) fn new(list: &[Document]) -> Documents {
        // Encoding texts, dates and ids into memory cannot fail.
        Documents(postcard::to_allocvec(list).unwrap_or_default().into())
    }

    /// Every document, in the order of the policy file.
    pub fn list(&self) -> Vec<Document> {
        let mut reader = Reader::of(&self.0);
        Vec::decode(&mut reader).unwrap_or_default()
    }

    /// The document of source file `file`.
    pub fn find(&self, file: &str) -> Option<Document> {
        self.list().into_iter().find(|d| *d.file == *file)
    }
}

impl Serialize for Documents {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl Decode for Documents {
    fn decode(r: &mut Reader) -> Result<Self, Damaged> {
        r.bytes().map(|bytes| Documents(bytes.into()))
    }
}

#[cfg(feature = "files")]
pub(crate) mod reading {
    use super::*;
    use crate::error::{CitationError, Error, InputError};
    use crate::policy::citations::is_plain_file_name;
    use crate::policy::read::text;
    use crate::read::Node;

    /// `[[documents]]`: one table per source file.
    pub fn documents(node: &Node) -> Result<Vec<Document>, Error> {
        let mut out: Vec<Document> = Vec::new();
        for item in node.list()? {
            let t = item.table(&[
                "file",
                "title_zh",
                "title_en",
                "issuer_zh",
                "issuer_en",
                "number",
                "date",
                "kind",
            ])?;
            let file_node = t.req("file")?;
            let file = text(&t, "file")?;
            if !is_plain_file_name(&file) {
                return Err(file_node.error(CitationError::SourceNotPlainName { file }));
            }
            if out.iter().any(|d| *d.file == *file) {
                return Err(file_node.error(InputError::Duplicate { value: file }));
            }
            let optional = |key: &'static str| -> Result<Option<Arc<str>>, Error> {
                t.get(key).map(|_| text(&t, key).map(Arc::from)).transpose()
            };
            let (issuer_zh, issuer_en) = (optional("issuer_zh")?, optional("issuer_en")?);
            if issuer_zh.is_some() != issuer_en.is_some() {
                let missing = if issuer_zh.is_some() {
                    "issuer_en"
                } else {
                    "issuer_zh"
                };
                return Err(t.missing(missing));
            }
            out.push(Document {
                file: file.into(),
                title_zh: text(&t, "title_zh")?.into(),
                title_en: text(&t, "title_en")?.into(),
                issuer_zh,
                issuer_en,
                number: optional("number")?,
                date: t.get("date").map(|n| n.date()).transpose()?,
                kind: t.req("kind")?.choice()?,
            });
        }
        Ok(out)
    }
}
