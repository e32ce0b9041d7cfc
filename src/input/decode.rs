//! Bytes to text: UTF-8, UTF-16 with a byte order mark, and the Chinese encodings that sites
//! still publish in, told apart from binary files.

use std::path::Path;

use crate::error::Error;

/// The name of UTF-8 as the output records it.
pub const UTF_8: &str = "UTF-8";

/// The encodings recognised in a file that is not UTF-8: those Chinese sites publish in.
const CHINESE_ENCODINGS: [&encoding_rs::Encoding; 3] =
    [encoding_rs::GBK, encoding_rs::GB18030, encoding_rs::BIG5];

/// Why a file's bytes are not text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undecodable {
    /// Not UTF-8 and holding a NUL byte, which no text in GBK, GB18030 or Big5 has: an image,
    /// an archive, a document format. Offset of the first NUL byte.
    Binary(usize),
    /// Neither UTF-8 nor an encoding recognised. Offset of the first byte that is not UTF-8.
    Unknown(usize),
}

impl Undecodable {
    /// The error for the file at `path`.
    pub fn into_error(self, path: &Path) -> Error {
        let path = path.to_path_buf();
        match self {
            Undecodable::Binary(byte) => Error::Binary { path, byte },
            Undecodable::Unknown(byte) => Error::InvalidUtf8 { path, byte },
        }
    }
}

/// Decodes a file: UTF-8 (a byte order mark dropped), UTF-16 with its byte order mark, or,
/// for bytes that are not UTF-8, the Chinese encoding chardetng recognises in them (GBK,
/// GB18030, Big5), with the encoding's name. Anything else fails: another guess would read
/// garbage as text. A NUL byte in valid UTF-8 is kept, as text that happens to hold one.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), Undecodable> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        if !had_errors {
            return Ok((text.into_owned(), encoding.name()));
        }
    }
    let first_bad_byte = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok((text.to_string(), UTF_8)),
        Err(e) => e.valid_up_to(),
    };
    // GB18030 would decode many binary files without an error, a NUL byte being ASCII to it.
    if let Some(nul) = bytes.iter().position(|&byte| byte == 0) {
        return Err(Undecodable::Binary(nul));
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let encoding = detector.guess(None, false);
    if CHINESE_ENCODINGS.contains(&encoding) {
        // GB18030 reads all of GBK and more; the name reported is the one detected.
        let decoder = if encoding == encoding_rs::GBK {
            encoding_rs::GB18030
        } else {
            encoding
        };
        let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
        if !had_errors {
            let name = if decoder == encoding_rs::GB18030 && has_four_byte_sequence(bytes) {
                encoding_rs::GB18030.name()
            } else {
                encoding.name()
            };
            return Ok((text.into_owned(), name));
        }
    }
    Err(Undecodable::Unknown(first_bad_byte))
}

/// Whether GBK-like bytes hold a four-byte GB18030 sequence (a lead byte, then a digit), which
/// GBK has not: the file is GB18030, and the record says so.
fn has_four_byte_sequence(bytes: &[u8]) -> bool {
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] < 0x80 {
            at += 1;
        } else if bytes.get(at + 1).is_some_and(u8::is_ascii_digit) {
            return true;
        } else {
            at += 2;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding_decodes_to_the_text_and_names_itself() {
        let text = "石景山区高精尖产业收入达到2069.5亿元，同比增长16.3%。";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let (gb18030, _, _) =
            encoding_rs::GB18030.encode("石景山区高精尖产业收入达到2069.5亿元，𠀀€。");
        let (big5, _, _) = encoding_rs::BIG5.encode("石景山區高精尖產業收入達到2069.5億元。");
        let mut utf16le = vec![0xFF, 0xFE];
        utf16le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut utf16be = vec![0xFE, 0xFF];
        utf16be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
        utf8_bom.extend(text.as_bytes());
        let cases: &[(&[u8], &str, &str)] = &[
            (text.as_bytes(), text, "UTF-8"),
            (&utf8_bom, text, "UTF-8"),
            (&utf16le, text, "UTF-16LE"),
            (&utf16be, text, "UTF-16BE"),
            (&gbk, text, "GBK"),
            (
                &gb18030,
                "石景山区高精尖产业收入达到2069.5亿元，𠀀€。",
                "gb18030",
            ),
            (&big5, "石景山區高精尖產業收入達到2069.5億元。", "Big5"),
            ("文\0本".as_bytes(), "文\0本", "UTF-8"),
        ];
        for (bytes, decoded, encoding) in cases {
            assert_eq!(decode(bytes), Ok((decoded.to_string(), *encoding)));
        }
    }

    #[test]
    fn binary_and_unknown_bytes_are_not_text() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert_eq!(decode(png), Err(Undecodable::Binary(8)));
        assert_eq!(decode(b"ab\xff\xfe\xfd\xff"), Err(Undecodable::Unknown(2)));
    }
}
