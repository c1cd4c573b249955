//! The 16 messages (14 of iWmo 3.2, 2 of iEb 4.0), the [`Message`] enum over them, and
//! [`read()`]/[`write()`].

use roxmltree::Document;

use crate::basis::{RetourCodes, Xml};
use crate::declaratie::{Declaratie, DeclaratieAntwoord};
use crate::eigen_bijdrage::{EigenBijdrageClient, IebHeader, IebRetourCodes, IebRetourHeader};
use crate::error::ModelError;
use crate::header::{DeclaratieAntwoordHeader, Header, RetourHeader};
use crate::levering::{StartClient, StopClient};
use crate::toewijzing::ToewijzingClient;
use crate::verzoek::{AanvraagClient, Antwoord, VerzoekClient};
use crate::xml::{Namespaces, Node, Ns, Path, Seq, Writer};

const IWMO_BASIS: &str = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema";
/// Our iEb 4.0 namespaces are a documented choice (`schemas/ieb` C1).
const IEB_BASIS: &str = "http://www.istandaarden.nl/ieb/4_0/basisschema/schema";

/// The standards whose namespaces [`MessageKind::from_namespace`] recognises: namespace start,
/// name, the release this model reads (as written in a namespace), name with release.
const STANDARDS: [(&str, &str, &str, &str); 2] = [
    (
        "http://www.istandaarden.nl/iwmo/",
        "iWmo",
        "3_2",
        "iWmo 3.2",
    ),
    ("http://www.istandaarden.nl/ieb/", "iEb", "4_0", "iEb 4.0"),
];

/// Which message a document is: one of the 14 iWmo 3.2 messages or the 2 iEb 4.0 messages.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum MessageKind {
    /// WMO301 Toewijzing Wmo-ondersteuning (gemeente → aanbieder).
    Wmo301,
    /// WMO302 retour on 301.
    Wmo302,
    /// WMO305 Start levering Wmo-ondersteuning (aanbieder → gemeente).
    Wmo305,
    /// WMO306 retour on 305.
    Wmo306,
    /// WMO307 Stop levering Wmo-ondersteuning (aanbieder → gemeente).
    Wmo307,
    /// WMO308 retour on 307.
    Wmo308,
    /// WMO315 Verzoek om toewijzing (aanbieder → gemeente).
    Wmo315,
    /// WMO316 retour on 315.
    Wmo316,
    /// WMO317 Verzoek om wijziging (aanbieder → gemeente).
    Wmo317,
    /// WMO318 retour on 317.
    Wmo318,
    /// WMO319 Antwoordbericht on a verzoek (gemeente → aanbieder).
    Wmo319,
    /// WMO320 retour on 319.
    Wmo320,
    /// WMO323 Declaratie Wmo-hulp (aanbieder → gemeente).
    Wmo323,
    /// WMO325 Declaratie-antwoord (gemeente → aanbieder).
    Wmo325,
    /// WMO405 Start en stop eigen bijdrage (iEb 4.0, gemeente → CAK).
    Wmo405,
    /// WMO406 retour on 405 (iEb 4.0, CAK → gemeente).
    Wmo406,
}

impl MessageKind {
    /// All 16, heen before retour per pair; iWmo 3.2 first, then iEb 4.0.
    pub const ALL: [MessageKind; 16] = [
        MessageKind::Wmo301,
        MessageKind::Wmo302,
        MessageKind::Wmo305,
        MessageKind::Wmo306,
        MessageKind::Wmo307,
        MessageKind::Wmo308,
        MessageKind::Wmo315,
        MessageKind::Wmo316,
        MessageKind::Wmo317,
        MessageKind::Wmo318,
        MessageKind::Wmo319,
        MessageKind::Wmo320,
        MessageKind::Wmo323,
        MessageKind::Wmo325,
        MessageKind::Wmo405,
        MessageKind::Wmo406,
    ];

    /// The message number, `"301"`.
    pub fn number(self) -> &'static str {
        self.facts().0
    }

    /// The BerichtCode (COD002, spec §4.1), `"414"` for WMO301.
    ///
    /// For WMO405/WMO406 the code is not known (`schemas/ieb` C8): this gives the placeholders
    /// `"405"`/`"406"` the fixtures use, for building a message; reading keeps whatever three
    /// digits the document has ([`IebHeader::bericht_code`](crate::IebHeader::bericht_code)).
    pub fn bericht_code(self) -> &'static str {
        self.facts().1
    }

    /// The message namespace, `http://www.istandaarden.nl/iwmo/3_2/wmo301/schema`,
    /// `http://www.istandaarden.nl/ieb/4_0/wmo405/schema`.
    pub fn namespace(self) -> &'static str {
        self.facts().2
    }

    /// The conventional prefix of the message namespace, `wmo301`.
    pub fn prefix(self) -> &'static str {
        // Every message namespace ends in `wmoNNN/schema`.
        let ns = self.namespace();
        &ns[ns.len() - "wmoNNN/schema".len()..][..6]
    }

    /// Whether this is one of the iEb 4.0 messages (WMO405, WMO406) rather than iWmo 3.2.
    pub fn is_ieb(self) -> bool {
        matches!(self, MessageKind::Wmo405 | MessageKind::Wmo406)
    }

    /// The standard and release, `"iWmo 3.2"` or `"iEb 4.0"`.
    pub fn standard(self) -> &'static str {
        if self.is_ieb() {
            "iEb 4.0"
        } else {
            "iWmo 3.2"
        }
    }

    /// The namespace of the basisschema the message uses, where the children of its `CDT_*`
    /// types are: `http://www.istandaarden.nl/iwmo/3_2/basisschema/schema`, or
    /// `http://www.istandaarden.nl/ieb/4_0/basisschema/schema` for WMO405/WMO406.
    pub fn basis_namespace(self) -> &'static str {
        if self.is_ieb() {
            IEB_BASIS
        } else {
            IWMO_BASIS
        }
    }

    /// The conventional prefix of the basisschema namespace: `iwmo`, or `ieb` (as our iEb
    /// schemas and fixtures write it).
    pub fn basis_prefix(self) -> &'static str {
        if self.is_ieb() {
            "ieb"
        } else {
            "iwmo"
        }
    }

    pub(crate) fn namespaces(self) -> Namespaces {
        Namespaces {
            msg: self.namespace(),
            basis: self.basis_namespace(),
        }
    }

    /// Whether this is a retour message (302 … 320, 325 and 406).
    pub fn is_retour(self) -> bool {
        !matches!(
            self,
            MessageKind::Wmo301
                | MessageKind::Wmo305
                | MessageKind::Wmo307
                | MessageKind::Wmo315
                | MessageKind::Wmo317
                | MessageKind::Wmo319
                | MessageKind::Wmo323
                | MessageKind::Wmo405
        )
    }

    fn facts(self) -> (&'static str, &'static str, &'static str) {
        macro_rules! ns {
            ($n:literal) => {
                concat!("http://www.istandaarden.nl/iwmo/3_2/wmo", $n, "/schema")
            };
        }
        macro_rules! ieb {
            ($n:literal) => {
                concat!("http://www.istandaarden.nl/ieb/4_0/wmo", $n, "/schema")
            };
        }
        match self {
            MessageKind::Wmo301 => ("301", "414", ns!("301")),
            MessageKind::Wmo302 => ("302", "415", ns!("302")),
            MessageKind::Wmo305 => ("305", "418", ns!("305")),
            MessageKind::Wmo306 => ("306", "419", ns!("306")),
            MessageKind::Wmo307 => ("307", "420", ns!("307")),
            MessageKind::Wmo308 => ("308", "421", ns!("308")),
            MessageKind::Wmo315 => ("315", "444", ns!("315")),
            MessageKind::Wmo316 => ("316", "445", ns!("316")),
            MessageKind::Wmo317 => ("317", "480", ns!("317")),
            MessageKind::Wmo318 => ("318", "481", ns!("318")),
            MessageKind::Wmo319 => ("319", "482", ns!("319")),
            MessageKind::Wmo320 => ("320", "483", ns!("320")),
            MessageKind::Wmo323 => ("323", "484", ns!("323")),
            MessageKind::Wmo325 => ("325", "485", ns!("325")),
            // BerichtCodes not known: placeholders (`schemas/ieb` C8).
            MessageKind::Wmo405 => ("405", "405", ieb!("405")),
            MessageKind::Wmo406 => ("406", "406", ieb!("406")),
        }
    }

    /// The message a root namespace names. Anything outside `…/iwmo/<release>/wmoNNN/schema`
    /// and `…/ieb/<release>/wmoNNN/schema` is [`ModelError::UnknownNamespace`]; another
    /// release than iWmo 3.2 or iEb 4.0 is [`ModelError::UnsupportedRelease`]; an unknown
    /// message of those releases (`…/ieb/4_0/wmo407/schema`) is [`ModelError::UnknownMessage`].
    pub fn from_namespace(namespace: &str) -> Result<MessageKind, ModelError> {
        if let Some(kind) = MessageKind::ALL
            .into_iter()
            .find(|k| k.namespace() == namespace)
        {
            return Ok(kind);
        }
        let unknown = || ModelError::UnknownNamespace {
            namespace: namespace.to_string(),
        };
        let (rest, standard, ours, with_release) = STANDARDS
            .into_iter()
            .find_map(|(start, standard, ours, with_release)| {
                Some((namespace.strip_prefix(start)?, standard, ours, with_release))
            })
            .ok_or_else(unknown)?;
        let (release, message) = rest.split_once('/').ok_or_else(unknown)?;
        let message = message.split('/').next().unwrap_or("");
        if !message.starts_with("wmo") {
            return Err(unknown());
        }
        if release != ours {
            return Err(ModelError::UnsupportedRelease {
                standard,
                release: release.to_string(),
                namespace: namespace.to_string(),
            });
        }
        Err(ModelError::UnknownMessage {
            standard: with_release,
            message: message.to_string(),
            namespace: namespace.to_string(),
        })
    }
}

macro_rules! messages {
    ($(
        $(#[$doc:meta])*
        $kind:ident { header: $header:ty, $field:ident: $body:ty = $element:literal $(, $opt:ident)? }
    )+) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub struct $kind {
                /// `Header`.
                pub header: $header,
                #[doc = concat!("`", $element, "`.")]
                pub $field: messages!(@ty $body $(, $opt)?),
            }

            impl $kind {
                fn read_from(s: &mut Seq<'_, '_>) -> Result<Self, ModelError> {
                    let code = MessageKind::$kind.bericht_code();
                    Ok($kind {
                        header: s.req(Ns::Msg, "Header", |s| <$header>::read(s, code))?,
                        $field: messages!(@read s, $body, $element $(, $opt)?),
                    })
                }

                fn write_to(&self, w: &mut Writer) {
                    let code = MessageKind::$kind.bericht_code();
                    w.el(Ns::Msg, "Header", |w| self.header.write(w, code));
                    messages!(@write w, self.$field, $element $(, $opt)?);
                }
            }
        )+

        /// One iWmo 3.2 or iEb 4.0 message, as [`read()`] gives it and [`write()`] takes it.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Message {
            $(
                $(#[$doc])*
                $kind($kind),
            )+
        }

        impl Message {
            /// Which message this is.
            pub fn kind(&self) -> MessageKind {
                match self {
                    $(Message::$kind(_) => MessageKind::$kind,)+
                }
            }

            fn read_body(kind: MessageKind, s: &mut Seq<'_, '_>) -> Result<Message, ModelError> {
                match kind {
                    $(MessageKind::$kind => $kind::read_from(s).map(Message::$kind),)+
                }
            }

            fn write_body(&self, w: &mut Writer) {
                match self {
                    $(Message::$kind(m) => m.write_to(w),)+
                }
            }
        }
    };
    (@ty $body:ty) => { $body };
    (@ty $body:ty, optional) => { Option<$body> };
    (@read $s:ident, $body:ty, $element:literal) => { $s.req(Ns::Msg, $element, <$body>::read)? };
    (@read $s:ident, $body:ty, $element:literal, optional) => { $s.opt(Ns::Msg, $element, <$body>::read)? };
    (@write $w:ident, $value:expr, $element:literal) => { $w.el(Ns::Msg, $element, |w| $value.write(w)) };
    (@write $w:ident, $value:expr, $element:literal, optional) => {
        $w.opt_el(Ns::Msg, $element, &$value, |w, v| v.write(w))
    };
}

messages! {
    /// WMO301 Toewijzing Wmo-ondersteuning.
    Wmo301 { header: Header, client: ToewijzingClient = "Client" }
    /// WMO302 retour on a 301; header-only (`client` absent) when approved or rejected as a whole.
    Wmo302 { header: RetourHeader, client: ToewijzingClient<RetourCodes> = "Client", optional }
    /// WMO305 Start levering Wmo-ondersteuning.
    Wmo305 { header: Header, client: StartClient = "Client" }
    /// WMO306 retour on a 305.
    Wmo306 { header: RetourHeader, client: StartClient<RetourCodes> = "Client", optional }
    /// WMO307 Stop levering Wmo-ondersteuning.
    Wmo307 { header: Header, client: StopClient = "Client" }
    /// WMO308 retour on a 307.
    Wmo308 { header: RetourHeader, client: StopClient<RetourCodes> = "Client", optional }
    /// WMO315 Verzoek om toewijzing.
    Wmo315 { header: Header, client: AanvraagClient = "Client" }
    /// WMO316 retour on a 315.
    Wmo316 { header: RetourHeader, client: AanvraagClient<RetourCodes> = "Client", optional }
    /// WMO317 Verzoek om wijziging.
    Wmo317 { header: Header, client: VerzoekClient = "Client" }
    /// WMO318 retour on a 317.
    Wmo318 { header: RetourHeader, client: VerzoekClient<RetourCodes> = "Client", optional }
    /// WMO319 Antwoordbericht.
    Wmo319 { header: Header, antwoord: Antwoord = "Antwoord" }
    /// WMO320 retour on a 319.
    Wmo320 { header: RetourHeader, antwoord: Antwoord<RetourCodes> = "Antwoord", optional }
    /// WMO323 Declaratie Wmo-hulp.
    Wmo323 { header: Header, declaratie: Declaratie = "Declaratie" }
    /// WMO325 Declaratie-antwoord, the answer to a 323.
    Wmo325 { header: DeclaratieAntwoordHeader, declaratie_antwoord: DeclaratieAntwoord = "DeclaratieAntwoord", optional }
    /// WMO405 Start en stop eigen bijdrage (iEb 4.0): one person's period of eigen bijdrage.
    Wmo405 { header: IebHeader, client: EigenBijdrageClient = "Client" }
    /// WMO406 retour on a 405 (iEb 4.0); header-only (`client` absent) when approved or
    /// rejected as a whole.
    Wmo406 { header: IebRetourHeader, client: EigenBijdrageClient<IebRetourCodes> = "Client", optional }
}

/// Reads one message. The root element's namespace picks the message and release.
///
/// The input is expected to be XSD-valid already (`iwmo-xsd` checks that first); this reads
/// it into the model and fails, never panics, on anything it cannot represent: input that is
/// not UTF-8 or not well-formed XML, a DTD, a root other than `Bericht`, an unknown namespace
/// or release, a BerichtCode or version that does not fit, an element missing, misplaced or
/// in the wrong namespace, a value outside its datatype or code list.
pub fn read(xml: &[u8]) -> Result<Message, ModelError> {
    let text = std::str::from_utf8(xml).map_err(|e| ModelError::NotXml {
        message: format!("not UTF-8: {e}"),
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let doc = Document::parse(text).map_err(|e| ModelError::NotXml {
        message: e.to_string(),
    })?;
    read_root(Node::Rox(doc.root_element()))
}

/// Reads one message from the element tree `iwmo-xsd` built while validating the document
/// ([`iwmo_xsd::SchemaSet::validate_tree`]), without parsing it again: for a document that
/// validated, the same result as [`read()`] of its bytes, error texts included.
pub fn read_tree(tree: &iwmo_xsd::ElementTree<'_>) -> Result<Message, ModelError> {
    let root = tree.root().ok_or_else(|| ModelError::NotXml {
        message: "no root element".into(),
    })?;
    read_root(Node::Tree(root))
}

/// The message whose root element is `root`.
fn read_root(root: Node<'_, '_>) -> Result<Message, ModelError> {
    let kind = MessageKind::from_namespace(root.namespace())?;
    if root.name() != "Bericht" {
        return Err(ModelError::UnexpectedRoot {
            found: root.name().to_string(),
        });
    }
    let mut s = Seq::new(root, Path::root("Bericht"), kind.namespaces());
    let message = Message::read_body(kind, &mut s)?;
    s.finish()?;
    Ok(message)
}

/// Writes one message: UTF-8 without BOM, an XML declaration, the prefixes `wmoNNN:` (message
/// namespace) and `iwmo:` (iWmo basisschema) or `ieb:` (iEb basisschema), tab indentation and
/// CR LF line ends (OP192). The same value always gives the same bytes.
///
/// The model does not re-check what its types do not enforce (a string longer than its
/// `LDT_*` allows, an empty list where the XSD needs 1..n); validate the output with
/// `iwmo-xsd` before it leaves.
pub fn write(message: &Message) -> String {
    let kind = message.kind();
    let mut w = Writer::new(kind.prefix(), kind.basis_prefix());
    w.root(kind.namespaces(), |w| message.write_body(w));
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        for kind in MessageKind::ALL {
            assert_eq!(MessageKind::from_namespace(kind.namespace()).unwrap(), kind);
            assert_eq!(kind.prefix(), format!("wmo{}", kind.number()));
        }
        assert_eq!(MessageKind::Wmo325.bericht_code(), "485");
        assert!(MessageKind::Wmo325.is_retour() && !MessageKind::Wmo323.is_retour());
        assert!(MessageKind::Wmo406.is_retour() && !MessageKind::Wmo405.is_retour());
        let ieb: Vec<_> = MessageKind::ALL
            .into_iter()
            .filter(|k| k.is_ieb())
            .collect();
        assert_eq!(ieb, [MessageKind::Wmo405, MessageKind::Wmo406]);
        assert_eq!(
            MessageKind::Wmo405.namespace(),
            "http://www.istandaarden.nl/ieb/4_0/wmo405/schema"
        );
        assert_eq!(MessageKind::Wmo406.basis_prefix(), "ieb");
        assert_eq!(
            MessageKind::Wmo406.basis_namespace(),
            "http://www.istandaarden.nl/ieb/4_0/basisschema/schema"
        );
        assert_eq!(MessageKind::Wmo305.basis_prefix(), "iwmo");
        assert_eq!(MessageKind::Wmo405.standard(), "iEb 4.0");
    }

    #[test]
    fn namespaces_that_are_not_ours() {
        assert!(matches!(
            MessageKind::from_namespace("http://www.istandaarden.nl/iwmo/2_1/wmo301/schema/2_1"),
            Err(ModelError::UnsupportedRelease { release, .. }) if release == "2_1"
        ));
        assert!(matches!(
            MessageKind::from_namespace("http://www.istandaarden.nl/iwmo/3_2/wmo999/schema"),
            Err(ModelError::UnknownMessage { message, .. }) if message == "wmo999"
        ));
        assert!(matches!(
            MessageKind::from_namespace("http://www.istandaarden.nl/ieb/3_0/wmo405/schema"),
            Err(ModelError::UnsupportedRelease { standard: "iEb", release, .. }) if release == "3_0"
        ));
        assert!(matches!(
            MessageKind::from_namespace("http://www.istandaarden.nl/ieb/4_0/wmo407/schema"),
            Err(ModelError::UnknownMessage { standard: "iEb 4.0", message, .. }) if message == "wmo407"
        ));
        // WMO405 is an iEb message, not an iWmo one.
        assert!(matches!(
            MessageKind::from_namespace("http://www.istandaarden.nl/iwmo/3_2/wmo405/schema"),
            Err(ModelError::UnknownMessage { standard: "iWmo 3.2", message, .. }) if message == "wmo405"
        ));
        for ns in [
            "",
            "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
            "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
            "http://www.istandaarden.nl/ieb/4_0/basisschema/schema",
            "http://www.istandaarden.nl/iwmo/",
            "http://www.istandaarden.nl/ieb/4_0",
            "urn:x",
        ] {
            assert!(
                matches!(
                    MessageKind::from_namespace(ns),
                    Err(ModelError::UnknownNamespace { .. })
                ),
                "{ns:?}"
            );
        }
    }
}
