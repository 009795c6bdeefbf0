#pragma once
// TLS handshakes over TCP streams (research/protocols-passive.md §2.10): the client's
// ClientHello gives the server name it asked for (SNI); a TLS <= 1.2 server flight gives the
// server certificate's subject and issuer. TLS 1.3 encrypts the certificate: nothing to read.
// Only a prefix of the stream is available, handshake messages may span records, and every
// length on the wire may lie; the parsers are pure and read through ByteCursor.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/core/result.hpp"

namespace camsweep {

// Handshake bytes kept from one direction, and the largest handshake message (or certificate)
// read: a real ClientHello is under 2 KiB and a device certificate a few KiB.
inline constexpr std::size_t kMaxTlsHandshakeBytes = 64 * 1024;
// DER nesting accepted inside a certificate (real certificates stay under 10).
inline constexpr std::size_t kMaxDerDepth = 32;

// Parse states (core/result.hpp): complete = read what there is to read (fields may still be
// empty: no SNI, TLS 1.3, ...); incomplete = the prefix ends before the message needed;
// invalid = `error` says which record/message/field and where.

// The handshake-protocol bytes of a direction: the fragments of its leading handshake records
// (content type 22) joined, so a message spanning records reads as one.
struct TlsHandshakeStream {
    std::vector<std::uint8_t> bytes;
    bool may_grow = false;  // the prefix ended inside or right after the handshake records
};
Parsed<TlsHandshakeStream> tls_handshake_stream(Bytes prefix);

struct TlsClientHello {
    ParseState state = ParseState::incomplete;
    std::string error;
    std::uint16_t legacy_version = 0;
    std::string server_name;  // first host_name of the server_name extension, bounded; "" when none
};
// `prefix`: the client direction's bytes from its first record on.
TlsClientHello parse_tls_client_hello(Bytes prefix);

struct CertificateNames {
    std::string subject, issuer;  // RFC 4514 strings, e.g. "CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,..."
};

struct TlsServerFlight {
    ParseState state = ParseState::incomplete;
    std::string error;
    std::uint16_t version = 0;  // negotiated: ServerHello's, or supported_versions' when present
    bool tls13 = false;         // the certificate is encrypted: no names
    bool has_certificate = false;
    CertificateNames certificate;  // of the first (the server's own) certificate
};
// `prefix`: the server direction's bytes from its first record on.
TlsServerFlight parse_tls_server_flight(Bytes prefix);

// Subject and issuer of one DER X.509 certificate. Every tag and length is checked against its
// parent before anything is read, nesting deeper than kMaxDerDepth is refused.
Parsed<CertificateNames> parse_certificate_names(Bytes der);
// One DER Name (SEQUENCE OF RDN) as an RFC 4514 string: RDNs in reverse of their encoded order
// (so the usual C-first certificate reads "CN=...,...,C=..."), joined by ',' without spaces,
// multi-valued RDNs joined by '+'. Attribute names CN, O, OU, L, ST, C, STREET, DC, UID,
// emailAddress, serialNumber; other types as dotted OIDs. Values: UTF8String, PrintableString,
// IA5String, VisibleString, NumericString as they are; TeletexString kept if valid UTF-8, else
// read as Latin-1; BMPString and UniversalString converted to UTF-8; any other type as '#' and
// the hex of its DER encoding. RFC 4514 specials (, + " \ < > ; and a leading # or space, a
// trailing space) are backslash-escaped, NUL as \00. Bounded to kMaxFieldLength.
Parsed<std::string> parse_distinguished_name(Bytes name_der);

// A TLS 1.2 ClientHello record (RFC 5246 §7.4.1.2, SNI per RFC 6066 §3 when `server_name` is not
// empty) offering the usual ECDHE/RSA AES suites; `random32` is the hello's 32 random bytes.
// Capped at 1.2 on purpose: the server's certificate then travels in clear and the passive
// parser reads it (the tls descriptor's request for the prober).
std::vector<std::uint8_t> tls_client_hello(std::string_view server_name, Bytes random32);

// The tls descriptor (dissect/protocol.hpp, docs/fields.md) reads a direction whose first byte
// is 0x16 (handshake) and second 0x03. The first handshake message decides what is read,
// whatever the direction: a ClientHello gives tls.sni; a ServerHello of TLS <= 1.2 followed by a
// Certificate gives tls.cert.subject and tls.cert.issuer. TLS 1.3, session resumption and
// anonymous suites give no fields and no error.

}  // namespace camsweep
