//! The 14 messages, the [`Message`] enum over them, and [`read()`]/[`write()`].

use roxmltree::Document;

use crate::basis::{RetourCodes, Xml};
use crate::declaratie::{Declaratie, DeclaratieAntwoord};
use crate::error::ModelError;
use crate::header::{DeclaratieAntwoordHeader, Header, RetourHeader};
use crate::levering::{StartClient, StopClient};
use crate::toewijzing::ToewijzingClient;
use crate::verzoek::{AanvraagClient, Antwoord, VerzoekClient};
use crate::xml::{Ns, Seq, Writer};

const NS_START: &str = "http://www.istandaarden.nl/iwmo/";

/// Which message a document is: one of the 14 iWmo 3.2 messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
}

impl MessageKind {
    /// All 14, heen before retour per pair.
    pub const ALL: [MessageKind; 14] = [
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
    ];

    /// The message number, `"301"`.
    pub fn number(self) -> &'static str {
        self.facts().0
    }

    /// The BerichtCode (COD002, spec §4.1), `"414"` for WMO301.
    pub fn bericht_code(self) -> &'static str {
        self.facts().1
    }

    /// The message namespace, `http://www.istandaarden.nl/iwmo/3_2/wmo301/schema`.
    pub fn namespace(self) -> &'static str {
        self.facts().2
    }

    /// The conventional prefix of the message namespace, `wmo301`.
    pub fn prefix(self) -> &'static str {
        &self.namespace()["http://www.istandaarden.nl/iwmo/3_2/".len()..][..6]
    }

    /// Whether this is a retour message (302 … 320, and 325).
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
        )
    }

    fn facts(self) -> (&'static str, &'static str, &'static str) {
        macro_rules! ns {
            ($n:literal) => {
                concat!("http://www.istandaarden.nl/iwmo/3_2/wmo", $n, "/schema")
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
        }
    }

    /// The message a root namespace names. Anything outside `…/iwmo/<release>/wmoNNN/schema`
    /// is [`ModelError::UnknownNamespace`]; another release than 3.2 is
    /// [`ModelError::UnsupportedRelease`]; an unknown 3.2 message is
    /// [`ModelError::UnknownMessage`].
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
        let rest = namespace.strip_prefix(NS_START).ok_or_else(unknown)?;
        let (release, message) = rest.split_once('/').ok_or_else(unknown)?;
        let message = message.split('/').next().unwrap_or("");
        if !message.starts_with("wmo") {
            return Err(unknown());
        }
        if release != "3_2" {
            return Err(ModelError::UnsupportedRelease {
                release: release.to_string(),
                namespace: namespace.to_string(),
            });
        }
        Err(ModelError::UnknownMessage {
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

        /// One iWmo 3.2 message, as [`read()`] gives it and [`write()`] takes it.
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
    let root = doc.root_element();
    let namespace = root.tag_name().namespace().unwrap_or("");
    let kind = MessageKind::from_namespace(namespace)?;
    if root.tag_name().name() != "Bericht" {
        return Err(ModelError::UnexpectedRoot {
            found: root.tag_name().name().to_string(),
        });
    }
    let mut s = Seq::new(root, "/Bericht".to_string(), kind.namespace());
    let message = Message::read_body(kind, &mut s)?;
    s.finish()?;
    Ok(message)
}

/// Writes one message: UTF-8 without BOM, an XML declaration, the prefixes `wmoNNN:` (message
/// namespace) and `iwmo:` (basisschema), tab indentation and CR LF line ends (OP192). The same
/// value always gives the same bytes.
///
/// The model does not re-check what its types do not enforce (a string longer than its
/// `LDT_*` allows, an empty list where the XSD needs 1..n); validate the output with
/// `iwmo-xsd` before it leaves.
pub fn write(message: &Message) -> String {
    let kind = message.kind();
    let mut w = Writer::new(kind.prefix());
    w.root(kind.namespace(), |w| message.write_body(w));
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
        for ns in [
            "",
            "http://www.istandaarden.nl/ijw/3_2/jw301/schema",
            "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema",
            "http://www.istandaarden.nl/iwmo/",
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
