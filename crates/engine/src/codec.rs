//! How the engine's values are stored: the keys readable, the values a version byte and
//! postcard. The store sees only bytes; this is the one place that knows their shape.
//!
//! A value starts with [`VALUE_VERSION`]. A value of another version is refused with a clear
//! error instead of being misread (postcard is not self-describing), and a change to the shape
//! of [`ClientState`] or the index must bump it.

use iwmo_ledger::{ClientKey, ClientState, IndexEntry, IndexKey};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::EngineError;

/// The version byte in front of every stored value. 2: the ledger's `Signalled` names its
/// subject, and facts for the no-care stop and the client's personal data.
pub const VALUE_VERSION: u8 = 2;

/// `c/<gemeente>/<bsn>`: readable, and ordered by gemeente, then BSN.
pub fn client_key(key: &ClientKey) -> Vec<u8> {
    // Concatenated, not `format!`: a decision writes several keys, and formatting costs more.
    ["c/", &key.gemeente, "/", key.bsn.as_str()]
        .concat()
        .into_bytes()
}

/// The client key back from its stored form.
pub fn decode_client_key(bytes: &[u8]) -> Result<ClientKey, EngineError> {
    let text = std::str::from_utf8(bytes).ok();
    let parts = text
        .and_then(|t| t.strip_prefix("c/"))
        .and_then(|t| t.split_once('/'));
    match parts {
        Some((gemeente, bsn)) => Ok(ClientKey {
            gemeente: gemeente.to_string(),
            bsn: iwmo_model::Bsn::new(bsn).map_err(|e| corrupt("client key", e))?,
        }),
        None => Err(EngineError::Corrupt {
            what: "client key".into(),
            detail: "not of the form c/<gemeente>/<bsn>".into(),
        }),
    }
}

/// `i/` and the key in postcard.
pub fn index_key(key: &IndexKey) -> Vec<u8> {
    let mut out = b"i/".to_vec();
    out.extend(postcard::to_stdvec(key).unwrap_or_default());
    out
}

/// The index key back from its stored form.
pub fn decode_index_key(bytes: &[u8]) -> Result<IndexKey, EngineError> {
    let body = bytes
        .strip_prefix(b"i/")
        .ok_or_else(|| EngineError::Corrupt {
            what: "index key".into(),
            detail: "does not start with i/".into(),
        })?;
    postcard::from_bytes(body).map_err(|e| corrupt("index key", e))
}

/// A value: the version byte, then postcard.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    // postcard fails only on types it cannot represent (maps with non-string keys are fine;
    // `serialize_any`-style types are not used in the ledger's state).
    postcard::to_extend(value, vec![VALUE_VERSION]).unwrap_or_else(|_| vec![VALUE_VERSION])
}

/// A value back; `what` names it in the error.
pub fn decode<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T, EngineError> {
    match bytes.split_first() {
        Some((&VALUE_VERSION, body)) => postcard::from_bytes(body).map_err(|e| corrupt(what, e)),
        Some((version, _)) => Err(EngineError::Corrupt {
            what: what.to_string(),
            detail: format!(
                "stored with value version {version}, this binary reads version {VALUE_VERSION}"
            ),
        }),
        None => Err(EngineError::Corrupt {
            what: what.to_string(),
            detail: "empty value".into(),
        }),
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> EngineError {
    EngineError::Corrupt {
        what: what.to_string(),
        detail: e.to_string(),
    }
}

/// The state of a client, as stored.
pub fn client_state(bytes: &[u8]) -> Result<ClientState, EngineError> {
    decode(bytes, "client state")
}

/// An index entry, as stored.
pub fn index_entry(bytes: &[u8]) -> Result<IndexEntry, EngineError> {
    decode(bytes, "index entry")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_round_trip() {
        let key = ClientKey {
            gemeente: "0344".into(),
            bsn: iwmo_model::Bsn::new("123456782").unwrap(),
        };
        assert_eq!(client_key(&key), b"c/0344/123456782");
        assert_eq!(decode_client_key(&client_key(&key)).unwrap(), key);
        let ikey = IndexKey::ToewijzingNummer {
            gemeente: "0344".into(),
            nummer: 77,
        };
        assert_eq!(decode_index_key(&index_key(&ikey)).unwrap(), ikey);
        let entry = IndexEntry::Client(key.clone());
        assert_eq!(index_entry(&encode(&entry)).unwrap(), entry);
    }

    #[test]
    fn another_version_is_refused_not_misread() {
        let mut bytes = encode(&IndexEntry::Counter(3));
        bytes[0] = VALUE_VERSION + 1;
        let err = index_entry(&bytes).unwrap_err().to_string();
        let stored = format!("value version {}", VALUE_VERSION + 1);
        assert!(err.contains(&stored), "{err}");
        assert!(index_entry(&[]).is_err());
        assert!(decode_client_key(b"x/1").is_err());
    }
}
