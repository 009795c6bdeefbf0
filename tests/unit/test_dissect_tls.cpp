// TLS: ClientHello SNI and the TLS <= 1.2 server certificate's names (research/protocols-passive.md
// §2.10), with records, handshake messages and a DER certificate built byte by byte here.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/dissect/tls.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// ---- a tiny DER builder -------------------------------------------------------------------

void put_der_length(ByteWriter& b, std::size_t n) {
    if (n < 0x80) {
        b.u8(static_cast<std::uint8_t>(n));
    } else if (n < 0x100) {
        b.u8(0x81);
        b.u8(static_cast<std::uint8_t>(n));
    } else if (n < 0x10000) {
        b.u8(0x82);
        b.be16(static_cast<std::uint16_t>(n));
    } else {
        b.u8(0x83);
        b.be24(static_cast<std::uint32_t>(n));
    }
}

Buf der(std::uint8_t tag, const Buf& content) {
    ByteWriter b;
    b.u8(tag);
    put_der_length(b, content.size());
    b.bytes(content);
    return b.take();
}

Buf seq(std::initializer_list<Buf> parts) {
    ByteWriter content;
    for (const auto& p : parts) content.bytes(p);
    return der(0x30, content.take());
}

Buf text_value(std::uint8_t tag, std::string_view text) { return der(tag, bytes_of(text)); }

// Attribute OIDs (content octets).
const Buf kCN{0x55, 0x04, 0x03}, kC{0x55, 0x04, 0x06}, kL{0x55, 0x04, 0x07}, kST{0x55, 0x04, 0x08}, kO{0x55, 0x04, 0x0a},
    kOU{0x55, 0x04, 0x0b}, kSerialNumber{0x55, 0x04, 0x05},
    kEmail{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01};

Buf atv(const Buf& oid, const Buf& value) { return seq({der(0x06, oid), value}); }
Buf rdn(std::initializer_list<Buf> atvs) {
    ByteWriter content;
    for (const auto& a : atvs) content.bytes(a);
    return der(0x31, content.take());
}
// A Name from (oid, PrintableString/UTF8String value) pairs in encoded order.
Buf name(std::initializer_list<std::pair<Buf, Buf>> attributes) {
    ByteWriter content;
    for (const auto& [oid, value] : attributes) content.bytes(rdn({atv(oid, value)}));
    return der(0x30, content.take());
}

// Hikvision DVR/NVR default certificate subject, encoded C first as openssl writes it.
Buf hikvision_name() {
    return name({{kC, text_value(0x13, "CN")},
                 {kST, text_value(0x0c, "ZheJiang")},
                 {kL, text_value(0x0c, "HangZhou")},
                 {kO, text_value(0x0c, "HIKVISION")},
                 {kOU, text_value(0x0c, "DVRNVR")},
                 {kCN, text_value(0x0c, "www.hikvision.com")}});
}
constexpr std::string_view kHikvisionDn = "CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN";

Buf certificate(const Buf& subject, const Buf& issuer) {
    Buf sha256_rsa = seq({der(0x06, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b}), der(0x05, {})});
    Buf rsa = seq({der(0x06, {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}), der(0x05, {})});
    Buf key(140, 0x5a);
    key[0] = 0;  // unused bits
    Buf tbs = seq({der(0xa0, der(0x02, {0x02})),  // version 3
                   der(0x02, {0x01, 0x23, 0x45, 0x67}),
                   sha256_rsa,
                   issuer,
                   seq({text_value(0x17, "191217000000Z"), text_value(0x17, "371231235959Z")}),
                   subject,
                   seq({rsa, der(0x03, key)})});
    Buf signature(129, 0xa5);
    signature[0] = 0;
    return seq({tbs, sha256_rsa, der(0x03, signature)});
}

// ---- TLS records and handshake messages ----------------------------------------------------

Buf record(std::uint8_t type, const Buf& fragment, std::uint16_t version = 0x0303) {
    ByteWriter b;
    b.u8(type);
    b.be16(version);
    b.be16(static_cast<std::uint16_t>(fragment.size()));
    b.bytes(fragment);
    return b.take();
}

Buf handshake(std::uint8_t type, const Buf& body) {
    ByteWriter b;
    b.u8(type);
    b.be24(static_cast<std::uint32_t>(body.size()));
    b.bytes(body);
    return b.take();
}

Buf extension(std::uint16_t type, const Buf& data) {
    ByteWriter b;
    b.be16(type);
    b.be16(static_cast<std::uint16_t>(data.size()));
    b.bytes(data);
    return b.take();
}

Buf sni_extension(std::string_view host) {
    ByteWriter entry;
    entry.u8(0);  // host_name
    entry.be16(static_cast<std::uint16_t>(host.size()));
    entry.text(host);
    ByteWriter list;
    list.be16(static_cast<std::uint16_t>(entry.size()));
    list.bytes(entry.view());
    return extension(0, list.take());
}

Buf client_hello_body(const Buf& extensions, bool with_extensions = true) {
    ByteWriter b;
    b.be16(0x0303);
    for (int i = 0; i < 32; ++i) b.u8(static_cast<std::uint8_t>(i));  // random
    b.u8(32);
    for (int i = 0; i < 32; ++i) b.u8(0xee);  // session id
    b.be16(6);
    b.be16(0x1301);
    b.be16(0xc02f);
    b.be16(0x009c);
    b.u8(1);
    b.u8(0);  // null compression
    if (with_extensions) {
        b.be16(static_cast<std::uint16_t>(extensions.size()));
        b.bytes(extensions);
    }
    return b.take();
}

Buf typical_extensions(std::string_view host) {
    ByteWriter ext;
    ext.bytes(extension(0xff01, {0x00}));                            // renegotiation_info
    ext.bytes(sni_extension(host));
    ext.bytes(extension(10, {0x00, 0x04, 0x00, 0x1d, 0x00, 0x17}));  // supported_groups
    ext.bytes(extension(43, {0x04, 0x03, 0x04, 0x03, 0x03}));        // supported_versions
    return ext.take();
}

Buf server_hello_body(std::uint16_t version, const Buf& extensions = {}) {
    ByteWriter b;
    b.be16(version);
    for (int i = 0; i < 32; ++i) b.u8(static_cast<std::uint8_t>(0x40 + i));
    b.u8(0);  // no session id
    b.be16(0xc02f);
    b.u8(0);
    if (!extensions.empty()) {
        b.be16(static_cast<std::uint16_t>(extensions.size()));
        b.bytes(extensions);
    }
    return b.take();
}

Buf certificate_message(std::initializer_list<Buf> chain) {
    ByteWriter list;
    for (const auto& cert : chain) list.be24(static_cast<std::uint32_t>(cert.size())).bytes(cert);
    ByteWriter body;
    body.be24(static_cast<std::uint32_t>(list.size())).bytes(list.view());
    return handshake(11, body.take());
}

// ServerHello, Certificate (server cert + a CA cert), ServerHelloDone in one handshake record.
Buf tls12_server_flight(const Buf& cert) {
    Buf ca = certificate(name({{kCN, text_value(0x0c, "Test CA")}}), name({{kCN, text_value(0x0c, "Test CA")}}));
    ByteWriter messages;
    messages.bytes(handshake(2, server_hello_body(0x0303, extension(0xff01, {0x00}))));
    messages.bytes(certificate_message({cert, ca}));
    messages.bytes(handshake(14, {}));
    return record(22, messages.take());
}


StreamRun run_tls(const Buf& bytes, std::size_t length = static_cast<std::size_t>(-1)) {
    return read_stream("tls", Bytes(bytes.data(), std::min(length, bytes.size())), stream_meta(443, 50000, false));
}

// ---- ClientHello ---------------------------------------------------------------------------

TEST(DissectTls, ClientHelloSni) {
    Buf hello = record(22, handshake(1, client_hello_body(typical_extensions("www.hikvision.com"))), 0x0301);
    auto parsed = parse_tls_client_hello(hello);
    ASSERT_EQ(parsed.state, ParseState::complete) << parsed.error;
    EXPECT_EQ(parsed.legacy_version, 0x0303);
    EXPECT_EQ(parsed.server_name, "www.hikvision.com");
    auto r = run_tls(hello);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.get("tls.sni"), "www.hikvision.com");
    EXPECT_EQ(r.obs.fields.size(), 1u);
}

TEST(DissectTls, ClientHelloWithoutSni) {
    Buf ext = extension(10, {0x00, 0x02, 0x00, 0x17});
    auto r = run_tls(record(22, handshake(1, client_hello_body(ext))));
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_TRUE(r.obs.fields.empty());
    auto bare = run_tls(record(22, handshake(1, client_hello_body({}, false))));
    EXPECT_EQ(bare.status, StreamStatus::done);
    EXPECT_EQ(bare.error, "");
}

TEST(DissectTls, ClientHelloSpanningRecords) {
    Buf message = handshake(1, client_hello_body(typical_extensions("camera.ubnt.dev")));
    ByteWriter stream;
    for (std::size_t at = 0; at < message.size(); at += 7) {
        Buf piece(message.begin() + static_cast<std::ptrdiff_t>(at),
                  message.begin() + static_cast<std::ptrdiff_t>(std::min(at + 7, message.size())));
        stream.bytes(record(22, piece));
    }
    auto r = run_tls(stream.take());
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.get("tls.sni"), "camera.ubnt.dev");
}

TEST(DissectTls, ClientHelloTruncatedAtEveryLength) {
    Buf hello = record(22, handshake(1, client_hello_body(typical_extensions("www.example.com"))));
    for (std::size_t n = 0; n < hello.size(); ++n) {
        auto parsed = parse_tls_client_hello(Bytes(hello.data(), n));
        ASSERT_EQ(parsed.state, ParseState::incomplete) << n << ": " << parsed.error;
        if (n == 0) continue;
        auto r = run_tls(hello, n);
        ASSERT_EQ(r.status, StreamStatus::need_more) << n;
        EXPECT_TRUE(r.obs.fields.empty());
    }
    EXPECT_EQ(run_tls(hello).get("tls.sni"), "www.example.com");
}

TEST(DissectTls, ClientHelloLyingLengths) {
    // Record length past the 2^14 + 2048 limit.
    Buf huge{22, 0x03, 0x03, 0xff, 0xff, 0x01};
    auto r = run_tls(huge);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_NE(r.error.find("length 65535"), std::string::npos) << r.error;

    // Record length larger than the data: only the prefix is there, so wait.
    Buf short_record{22, 0x03, 0x01, 0x01, 0x00, 0x01, 0x00, 0x00};
    EXPECT_EQ(run_tls(short_record).status, StreamStatus::need_more);

    // Extensions block claims more than the message holds.
    Buf body = client_hello_body(typical_extensions("a.example"));
    std::size_t ext_length_at = 2 + 32 + 1 + 32 + 2 + 6 + 1 + 1;
    body[ext_length_at] = 0x7f;
    auto ext = run_tls(record(22, handshake(1, body)));
    EXPECT_EQ(ext.status, StreamStatus::done);
    EXPECT_NE(ext.error.find("extensions length"), std::string::npos) << ext.error;
    EXPECT_NE(ext.error.find("offset " + std::to_string(ext_length_at)), std::string::npos) << ext.error;

    // One extension claims more than the block.
    ByteWriter lying_ext;
    lying_ext.be16(0).be16(500).text("abc");
    auto one = run_tls(record(22, handshake(1, client_hello_body(lying_ext.take()))));
    EXPECT_NE(one.error.find("runs past"), std::string::npos) << one.error;

    // The server_name list and entry lengths lie.
    Buf bad_list = extension(0, {0x00, 0x40, 0x00, 0x00, 0x01, 'a'});
    EXPECT_NE(run_tls(record(22, handshake(1, client_hello_body(bad_list)))).error.find("server_name list"), std::string::npos);
    Buf bad_entry = extension(0, {0x00, 0x04, 0x00, 0x00, 0x09, 'a'});
    EXPECT_NE(run_tls(record(22, handshake(1, client_hello_body(bad_entry)))).error.find("server_name entry"), std::string::npos);

    // Session id longer than 32, cipher suites past the end.
    Buf sid = client_hello_body({}, false);
    sid[34] = 200;
    EXPECT_NE(run_tls(record(22, handshake(1, sid))).error.find("session_id"), std::string::npos);

    // A handshake message over the 64 KiB cap, and one cut by a following non-handshake record.
    Buf big{22, 0x03, 0x03, 0x00, 0x04, 0x01, 0xff, 0xff, 0xff};
    EXPECT_NE(run_tls(big).error.find("exceeds"), std::string::npos);
    ByteWriter cut;
    cut.bytes(record(22, Buf{0x01, 0x00, 0x01, 0x00, 0x03, 0x03})).bytes(record(21, {0x02, 0x28}));
    auto cut_run = run_tls(cut.take());
    EXPECT_EQ(cut_run.status, StreamStatus::done);
    EXPECT_NE(cut_run.error.find("cut"), std::string::npos) << cut_run.error;
}

TEST(DissectTls, NotAHandshake) {
    EXPECT_NE(run_tls(record(21, {0x02, 0x28})).error, "");
    EXPECT_NE(run_tls(Buf{0x16, 0x03, 0x03, 0x00, 0x01, 0x05}).error.find("type 5"), std::string::npos);
    EXPECT_NE(run_tls(Buf{0x16, 0x02, 0x00, 0x00, 0x01, 0x01}).error.find("version"), std::string::npos);
    EXPECT_NE(run_tls(Buf{0x16, 0x03, 0x03, 0x00, 0x00}).error.find("empty"), std::string::npos);
    EXPECT_NE(run_tls(Buf{0x16, 0x03, 0x03, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x63, 0x03, 0x03, 0x00, 0x01}).error.find("content type 99"),
              std::string::npos);
}

// ---- server certificate ------------------------------------------------------------------

TEST(DissectTls, HikvisionServerCertificate) {
    Buf cert = certificate(hikvision_name(), hikvision_name());
    auto names = parse_certificate_names(cert);
    ASSERT_TRUE(names) << names.error();
    EXPECT_EQ(names->subject, kHikvisionDn);
    EXPECT_EQ(names->issuer, kHikvisionDn);

    Buf flight = tls12_server_flight(cert);
    auto parsed = parse_tls_server_flight(flight);
    ASSERT_EQ(parsed.state, ParseState::complete) << parsed.error;
    EXPECT_EQ(parsed.version, 0x0303);
    EXPECT_FALSE(parsed.tls13);
    EXPECT_TRUE(parsed.has_certificate);
    auto r = run_tls(flight);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.get("tls.cert.subject"), kHikvisionDn);
    EXPECT_EQ(r.get("tls.cert.issuer"), kHikvisionDn);
    EXPECT_EQ(r.get("tls.sni"), "");
}

TEST(DissectTls, UbiquitiSubjectMatchesTheRuleExample) {
    // unifi-cam-proxy: /C=TW/L=Taipei/O=Ubiquiti Networks Inc./OU=devint/CN=camera.ubnt.dev/emailAddress=support@ubnt.com
    Buf subject = name({{kC, text_value(0x13, "TW")},
                        {kL, text_value(0x13, "Taipei")},
                        {kO, text_value(0x13, "Ubiquiti Networks Inc.")},
                        {kOU, text_value(0x13, "devint")},
                        {kCN, text_value(0x13, "camera.ubnt.dev")},
                        {kEmail, text_value(0x16, "support@ubnt.com")}});
    auto dn = parse_distinguished_name(subject);
    ASSERT_TRUE(dn) << dn.error();
    EXPECT_EQ(*dn, "emailAddress=support@ubnt.com,CN=camera.ubnt.dev,OU=devint,O=Ubiquiti Networks Inc.,L=Taipei,C=TW");
}

TEST(DissectTls, DistinguishedNameValueTypes) {
    Buf bmp = der(0x1e, {0x00, 'H', 0x00, 'i', 0x4e, 0x2d, 0xd8, 0x3d, 0xde, 0x00});  // "Hi中😀"
    Buf teletex = der(0x14, {'M', 0xfc, 'n', 'c', 'h', 'e', 'n'});                    // Latin-1 ü
    Buf teletex_utf8 = der(0x14, {'Z', 0xc3, 0xbc, 'r', 'i', 'c', 'h'});
    Buf universal = der(0x1c, {0x00, 0x00, 0x00, 'U', 0x00, 0x00, 0x00, 0x21});
    Buf special = text_value(0x0c, " Foo, Inc. + \"Bar\" <x>;\\ ");
    Buf nul = der(0x0c, {'a', 0x00, 'b'});
    Buf unknown = atv({0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3c, 0x02, 0x01, 0x03}, text_value(0x13, "CN"));
    Buf non_string = atv(kSerialNumber, der(0x02, {0x01, 0x02}));
    ByteWriter content;
    content.bytes(rdn({atv(kCN, bmp)}));
    content.bytes(rdn({atv(kL, teletex), atv(kST, teletex_utf8)}));  // multi-valued RDN
    content.bytes(rdn({atv(kO, universal)}));
    content.bytes(rdn({atv(kOU, special)}));
    content.bytes(rdn({atv(kCN, nul)}));
    content.bytes(rdn({unknown}));
    content.bytes(rdn({non_string}));
    auto dn = parse_distinguished_name(der(0x30, content.take()));
    ASSERT_TRUE(dn) << dn.error();
    EXPECT_EQ(*dn,
              "serialNumber=#02020102,1.3.6.1.4.1.311.60.2.1.3=CN,CN=a\\00b,"
              "OU=\\ Foo\\, Inc. \\+ \\\"Bar\\\" \\<x\\>\\;\\\\\\ ,O=U!,"
              "L=M\xc3\xbcnchen+ST=Z\xc3\xbcrich,CN=Hi\xe4\xb8\xad\xf0\x9f\x98\x80");
    auto empty = parse_distinguished_name(der(0x30, {}));
    ASSERT_TRUE(empty);
    EXPECT_EQ(*empty, "");
}

TEST(DissectTls, LongNamesAreBounded) {
    Buf subject = name({{kO, text_value(0x0c, std::string(3000, 'o'))}, {kCN, text_value(0x0c, std::string(3000, 'c'))}});
    auto names = parse_certificate_names(certificate(subject, subject));
    ASSERT_TRUE(names) << names.error();
    EXPECT_EQ(names->subject.size(), 512u);
    EXPECT_TRUE(names->subject.starts_with("CN=ccc"));
}

TEST(DissectTls, ServerFlightAtEveryLengthAndAcrossRecords) {
    Buf cert = certificate(hikvision_name(), name({{kCN, text_value(0x0c, "Hikvision Root")}}));
    Buf flight = tls12_server_flight(cert);
    for (std::size_t n = 1; n < flight.size(); ++n) {
        auto r = run_tls(flight, n);
        ASSERT_EQ(r.error, "") << n;
        if (r.status == StreamStatus::done) {
            // Done as soon as the first certificate is in, before the rest of the flight.
            EXPECT_EQ(r.get("tls.cert.subject"), kHikvisionDn) << n;
            EXPECT_EQ(r.get("tls.cert.issuer"), "CN=Hikvision Root") << n;
        } else {
            EXPECT_TRUE(r.obs.fields.empty()) << n;
        }
    }
    // The same handshake bytes cut into records of 100 bytes.
    Buf messages(flight.begin() + 5, flight.end());
    ByteWriter stream;
    for (std::size_t at = 0; at < messages.size(); at += 100) {
        Buf piece(messages.begin() + static_cast<std::ptrdiff_t>(at),
                  messages.begin() + static_cast<std::ptrdiff_t>(std::min(at + 100, messages.size())));
        stream.bytes(record(22, piece));
    }
    auto r = run_tls(stream.take());
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.get("tls.cert.subject"), kHikvisionDn);
}

TEST(DissectTls, Tls13ServerGivesNothing) {
    Buf messages = handshake(2, server_hello_body(0x0303, extension(43, {0x03, 0x04})));
    const Buf stream = ByteWriter().bytes(record(22, messages)).bytes(record(20, {0x01})).bytes(record(23, Buf(300, 0x99))).take();
    auto parsed = parse_tls_server_flight(stream);
    EXPECT_EQ(parsed.state, ParseState::complete);
    EXPECT_TRUE(parsed.tls13);
    EXPECT_EQ(parsed.version, 0x0304);
    auto r = run_tls(stream);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_TRUE(r.obs.fields.empty());
    // Done from the ServerHello alone.
    EXPECT_EQ(run_tls(record(22, messages)).status, StreamStatus::done);
}

TEST(DissectTls, ResumptionAndEmptyChainGiveNothing) {
    ByteWriter resumed;
    resumed.bytes(record(22, handshake(2, server_hello_body(0x0303))));
    EXPECT_EQ(run_tls(resumed.data()).status, StreamStatus::need_more);  // the Certificate may still come
    resumed.bytes(record(20, {0x01}));
    auto r = run_tls(resumed.data());
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_TRUE(r.obs.fields.empty());

    const Buf empty_chain = ByteWriter().bytes(handshake(2, server_hello_body(0x0303))).bytes(certificate_message({})).take();
    auto e = run_tls(record(22, empty_chain));
    EXPECT_EQ(e.status, StreamStatus::done);
    EXPECT_TRUE(e.obs.fields.empty());

    const Buf anonymous = ByteWriter().bytes(handshake(2, server_hello_body(0x0303))).bytes(handshake(12, {0x03, 0x00, 0x17})).take();
    EXPECT_EQ(run_tls(record(22, anonymous)).status, StreamStatus::done);
}

TEST(DissectTls, CertificateLyingLengths) {
    Buf cert = certificate(hikvision_name(), hikvision_name());
    // certificate_list length disagreeing with the message length.
    const Buf body = ByteWriter().be24(9).be24(2).be16(0x3000).take();
    const Buf hello = handshake(2, server_hello_body(0x0303));
    const Buf list_lie = ByteWriter().bytes(hello).bytes(handshake(11, body)).take();
    EXPECT_NE(run_tls(record(22, list_lie)).error.find("certificate_list"), std::string::npos);
    // First certificate longer than the list.
    const Buf cert_lie = ByteWriter().bytes(hello).bytes(handshake(11, {0x00, 0x00, 0x05, 0x00, 0x00, 0x09, 0x30, 0x00})).take();
    EXPECT_NE(run_tls(record(22, cert_lie)).error.find("first certificate"), std::string::npos);

    // DER lengths past the end: a length of 127 octets, then a huge two-octet length.
    ASSERT_EQ(cert[1], 0x82);
    for (std::size_t i : {std::size_t{1}, std::size_t{2}}) {
        Buf broken = cert;
        broken[i] = 0xff;
        EXPECT_FALSE(parse_certificate_names(broken)) << i;
    }
    Buf outer_lie = cert;
    outer_lie[2] = static_cast<std::uint8_t>(outer_lie[2] + 1);  // 0x82 hi lo: one byte longer than present
    auto outer = parse_certificate_names(outer_lie);
    ASSERT_FALSE(outer);
    EXPECT_NE(outer.error().find("exceeds"), std::string::npos) << outer.error();
    EXPECT_NE(outer.error().find("offset 0"), std::string::npos) << outer.error();
    auto flight = run_tls(tls12_server_flight(outer_lie));
    EXPECT_EQ(flight.status, StreamStatus::done);
    EXPECT_NE(flight.error.find("certificate"), std::string::npos) << flight.error;

    // Every prefix of the DER alone: an error, never a crash.
    for (std::size_t n = 0; n < cert.size(); ++n) EXPECT_FALSE(parse_certificate_names(Bytes(cert.data(), n))) << n;
    // Indefinite length, five-byte lengths, trailing bytes.
    EXPECT_NE(parse_certificate_names(Buf{0x30, 0x80, 0x00, 0x00}).error().find("indefinite"), std::string::npos);
    EXPECT_NE(parse_certificate_names(Buf{0x30, 0x85, 1, 0, 0, 0, 0}).error().find("octets"), std::string::npos);
    Buf trailing = cert;
    trailing.push_back(0);
    EXPECT_NE(parse_certificate_names(trailing).error().find("trailing"), std::string::npos);
    // Structure that is well formed DER but not a certificate.
    EXPECT_NE(parse_certificate_names(seq({der(0x02, {1})})).error().find("tbsCertificate"), std::string::npos);
    EXPECT_NE(parse_certificate_names(seq({seq({der(0x02, {1})})})).error().find("ends before"), std::string::npos);
    EXPECT_NE(parse_distinguished_name(seq({der(0x30, {})})).error().find("not SET"), std::string::npos);
}

TEST(DissectTls, DeepNestingIsRefused) {
    Buf deep = der(0x05, {});
    for (int i = 0; i < 10000; ++i) deep = der(0x30, deep);
    auto names = parse_certificate_names(deep);
    ASSERT_FALSE(names);
    EXPECT_NE(names.error().find("nesting deeper than 32"), std::string::npos) << names.error();

    // Nested inside a name's value, in a certificate inside a server flight.
    Buf value = der(0x05, {});
    for (int i = 0; i < 40; ++i) value = der(0x30, value);
    Buf subject = der(0x30, rdn({atv(kCN, value)}));
    auto r = run_tls(tls12_server_flight(certificate(subject, subject)));
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_NE(r.error.find("nesting"), std::string::npos) << r.error;

    // Shallow enough: the odd value is shown as hex.
    Buf shallow = der(0x30, rdn({atv(kCN, der(0x30, der(0x30, der(0x05, {}))))}));
    auto dn = parse_distinguished_name(shallow);
    ASSERT_TRUE(dn) << dn.error();
    EXPECT_EQ(*dn, "CN=#300430020500");
}

TEST(DissectTls, MutatedFlightsNeverCrash) {
    Buf flight = tls12_server_flight(certificate(hikvision_name(), hikvision_name()));
    for (std::size_t i = 0; i < flight.size(); ++i) {
        for (std::uint8_t v : {std::uint8_t{0x00}, std::uint8_t{0x7f}, std::uint8_t{0x80}, std::uint8_t{0xff}}) {
            Buf mutated = flight;
            mutated[i] = v;
            auto r = run_tls(mutated);
            if (r.status == StreamStatus::done && r.error.empty()) {
                EXPECT_LE(r.get("tls.cert.subject").size(), 512u);
            }
        }
    }
}

TEST(TlsAccepts, FirstBytes) {
    auto accepts = [&](Buf b) { return stream_looks_like("tls", Bytes(b.data(), b.size()), stream_meta(50000, 443, true)); };
    EXPECT_TRUE(accepts({0x16, 0x03, 0x01, 0x02, 0x00}));
    EXPECT_TRUE(accepts({0x16}));
    EXPECT_FALSE(accepts({0x16, 0x02}));
    EXPECT_FALSE(accepts({0x17, 0x03, 0x03}));
    EXPECT_FALSE(accepts(bytes_of("GET / HTTP/1.1\r\n")));
}

}  // namespace
}  // namespace camsweep
