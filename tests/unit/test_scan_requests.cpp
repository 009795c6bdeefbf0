// What the prober sends over TCP and how it decides a reply is whole (docs/scan.md).
#include <gtest/gtest.h>

#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/tls.hpp"
#include "camsweep/scan/neighbours.hpp"
#include "camsweep/scan/requests.hpp"
#include "camsweep/scan/sweep.hpp"
#include "camsweep/synth/payloads.hpp"

namespace camsweep::scan {
namespace {

const IpAddress kHost = *IpAddress::parse("127.0.0.5");

TEST(ScanRequests, HttpGetIsReadOnlyAndSaysWhoAsks) {
    const std::string get = http_get(kHost, 8080, "/");
    EXPECT_EQ(get.rfind("GET / HTTP/1.1\r\nHost: 127.0.0.5:8080\r\n", 0), 0u) << get;
    EXPECT_NE(get.find("User-Agent: camsweep/"), std::string::npos);
    EXPECT_NE(get.find("Connection: close\r\n\r\n"), std::string::npos);
    EXPECT_EQ(get.find("Authorization"), std::string::npos);
    EXPECT_EQ(host_and_port(*IpAddress::parse("fe80::1"), 80), "[fe80::1]:80");
}

TEST(ScanRequests, RtspRequestsCarryNoCredentials) {
    const std::string options = rtsp_request("OPTIONS", kHost, 554, 1);
    EXPECT_EQ(options.rfind("OPTIONS rtsp://127.0.0.5:554/ RTSP/1.0\r\nCSeq: 1\r\n", 0), 0u) << options;
    const std::string describe = rtsp_request("DESCRIBE", kHost, 554, 2);
    EXPECT_NE(describe.find("Accept: application/sdp\r\n"), std::string::npos);
    EXPECT_TRUE(describe.ends_with("\r\n\r\n"));
    EXPECT_EQ(describe.find("Authorization"), std::string::npos);
}

TEST(ScanRequests, SoapPostHasItsLength) {
    const std::string envelope = "<s:Envelope/>";
    const std::string post = soap_post(kHost, 80, "/onvif/device_service", "application/soap+xml; charset=utf-8", envelope);
    EXPECT_EQ(post.rfind("POST /onvif/device_service HTTP/1.1\r\n", 0), 0u);
    EXPECT_NE(post.find("Content-Length: 13\r\n"), std::string::npos);
    EXPECT_TRUE(post.ends_with("\r\n\r\n" + envelope));
}

TEST(ScanRequests, FirstRequestByPort) {
    EXPECT_EQ(first_request(kHost, 554).label, "RTSP OPTIONS");
    EXPECT_EQ(first_request(kHost, 80).label, "HTTP GET /");
    EXPECT_EQ(first_request(kHost, 37777).kind, ReplyKind::none);
    EXPECT_TRUE(first_request(kHost, 34567).bytes.empty()) << "a vendor login port gets nothing";
    // The TLS hello is the tls descriptor's own request and its own parser reads it back.
    const FirstRequest tls = first_request(kHost, 443);
    ASSERT_EQ(tls.kind, ReplyKind::tls);
    const TlsClientHello hello = parse_tls_client_hello(as_bytes(tls.bytes));
    EXPECT_EQ(hello.state, ParseState::complete) << hello.error;
    EXPECT_TRUE(hello.server_name.empty());
}

TEST(ScanRequests, HttpReplyCompleteness) {
    EXPECT_FALSE(reply_complete(ReplyKind::message, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"));
    EXPECT_FALSE(reply_complete(ReplyKind::message, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc"));
    EXPECT_TRUE(reply_complete(ReplyKind::message, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde"));
    EXPECT_TRUE(reply_complete(ReplyKind::message, "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"));
    // Chunked: whole only once the last chunk and its blank line arrived.
    const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n";
    EXPECT_FALSE(reply_complete(ReplyKind::message, chunked));
    EXPECT_TRUE(reply_complete(ReplyKind::message, chunked + "0\r\n\r\n"));
    // No length: HTTP reads to the close; RTSP has no body.
    EXPECT_FALSE(reply_complete(ReplyKind::message, "HTTP/1.0 200 OK\r\n\r\n<html>"));
    EXPECT_TRUE(reply_complete(ReplyKind::message, "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n\r\n"));
    // Not HTTP at all: nothing more will make it readable.
    EXPECT_TRUE(reply_complete(ReplyKind::message, std::string("\x00\x00\x00\x10" "garbage\r\n\r\n", 15)));
    EXPECT_TRUE(reply_complete(ReplyKind::none, ""));
}

TEST(ScanRequests, MessageBodiesAreDechunkedAndBounded) {
    const std::string chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n";
    MessageHead head = parse_message_head(chunked);
    EXPECT_EQ(message_body(head, chunked), "Wikipedia");
    EXPECT_EQ(message_body(head, chunked, 6), "Wikipe");
    // A chunk larger than what arrived ends the body at what is there.
    const std::string cut = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffff\r\nabc";
    EXPECT_EQ(message_body(parse_message_head(cut), cut), "abc");
    const std::string sized = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef";
    EXPECT_EQ(message_body(parse_message_head(sized), sized), "abc");
    const std::string soap = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/soap+xml\r\n\r\n<x/>";
    EXPECT_TRUE(looks_like_soap(parse_message_head(soap), soap));
    const std::string html = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html/>";
    EXPECT_FALSE(looks_like_soap(parse_message_head(html), html));
}

TEST(ScanRequests, TlsReplyWholeAtServerHelloDone) {
    EXPECT_FALSE(reply_complete(ReplyKind::tls, std::string("\x16\x03\x03\x00\x30", 5)));
    EXPECT_TRUE(reply_complete(ReplyKind::tls, "HTTP/1.1 400 Bad Request\r\n\r\n")) << "not TLS: nothing to wait for";
}

TEST(ScanNeighbours, ReadsCompleteEntriesOnly) {
    const std::string table =
        "IP address       HW type     Flags       HW address            Mask     Device\n"
        "192.168.1.64     0x1         0x2         4c:bd:8f:11:22:33     *        eth0\n"
        "192.168.1.65     0x1         0x0         00:00:00:00:00:00     *        eth0\n"
        "192.168.1.66     0x1         0x2         00:00:00:00:00:00     *        eth0\n"
        "garbage line\n"
        "192.168.1.67     0x1         0xzz        4c:bd:8f:11:22:34     *        eth0\n";
    auto neighbours = parse_proc_net_arp(table);
    ASSERT_EQ(neighbours.size(), 1u);
    EXPECT_EQ(neighbours[0].ip.to_string(), "192.168.1.64");
    EXPECT_EQ(neighbours[0].mac.to_string(), "4c:bd:8f:11:22:33");
    EXPECT_EQ(neighbours[0].device, "eth0");
}

std::span<const std::uint8_t> bytes_of(const std::string& text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// A dump as the kernel sends it (rtnetlink(7)): resolved IPv4 and IPv6 entries are read with
// their interface; unresolved, failed and no-ARP ones are not; the dump may span two buffers.
TEST(ScanNeighbours, ReadsANetlinkDumpOfBothFamilies) {
    constexpr std::uint16_t kReachable = 0x02, kStale = 0x04, kIncomplete = 0x01, kFailed = 0x20, kNoArp = 0x40;
    const auto ip = [](const char* text) { return *IpAddress::parse(text); };
    const std::string first = synth::netlink_neighbour(ip("10.213.7.3"), "08:ed:ed:87:42:7a", kReachable, 7) +
                              synth::netlink_neighbour(ip("10.213.7.9"), "", kIncomplete, 7) +
                              synth::netlink_neighbour(ip("10.213.7.10"), "08:ed:ed:87:42:7b", kFailed, 7);
    const std::string second = synth::netlink_neighbour(ip("fd13:7::5"), "58:50:ed:1f:e3:85", kStale, 7) +
                               synth::netlink_neighbour(ip("ff02::c"), "33:33:00:00:00:0c", kNoArp, 7) +
                               synth::netlink_neighbour(ip("fe80::1"), "00:00:00:00:00:00", kReachable, 7) + synth::netlink_end();
    NeighbourDump dump;
    parse_neighbour_messages(bytes_of(first), dump);
    EXPECT_FALSE(dump.finished);
    parse_neighbour_messages(bytes_of(second), dump);
    EXPECT_TRUE(dump.finished);
    EXPECT_EQ(dump.error, "");
    ASSERT_EQ(dump.entries.size(), 2u);
    EXPECT_EQ(dump.entries[0].ip.to_string(), "10.213.7.3");
    EXPECT_EQ(dump.entries[0].mac.to_string(), "08:ed:ed:87:42:7a");
    EXPECT_EQ(dump.entries[0].interface_index, 7u);
    EXPECT_EQ(dump.entries[1].ip.to_string(), "fd13:7::5");
    EXPECT_EQ(dump.entries[1].mac.to_string(), "58:50:ed:1f:e3:85");
}

TEST(ScanNeighbours, ANetlinkErrorOrATruncatedMessageEndsTheDump) {
    NeighbourDump refused;
    parse_neighbour_messages(bytes_of(synth::netlink_end(EPERM)), refused);
    EXPECT_TRUE(refused.finished);
    EXPECT_EQ(refused.error, "the kernel refused the neighbour dump: Operation not permitted");

    const std::string whole = synth::netlink_neighbour(*IpAddress::parse("192.168.1.64"), "44:19:b6:12:34:56", 0x02, 2);
    NeighbourDump cut;
    parse_neighbour_messages(bytes_of(whole.substr(0, whole.size() - 3)), cut);
    EXPECT_TRUE(cut.finished);
    EXPECT_TRUE(cut.entries.empty());
    EXPECT_NE(cut.error.find("does not fit"), std::string::npos) << cut.error;
}

}  // namespace
}  // namespace camsweep::scan

namespace camsweep::scan {
namespace {

FieldList fields_of(std::initializer_list<std::pair<std::string, std::string>> list) {
    FieldList out;
    for (const auto& [k, v] : list) out.add(k, v);
    return out;
}

TEST(ScanVendorRequests, NothingWithoutAHint) {
    VendorHints hints;
    note_vendor_hints("http", fields_of({{"http.server", "GoAhead-Webs"}, {"http.realm", "IP Camera"}, {"http.title", "WEB SERVICE"}}), hints);
    note_vendor_hints("rtsp", fields_of({{"rtsp.realm", "AXIS_00408CEF081C"}, {"rtsp.realm", "Login to "}}), hints);
    note_vendor_hints("http", fields_of({{"http.realm", "IP Camera(C21834)"}, {"http.server", "App-webs/2"}}), hints);
    note_page_hints("<title>WEB SERVICE</title><div>login</div>", hints);  // one marker of a pair is not enough
    EXPECT_TRUE(hints.hikvision.empty()) << hints.hikvision;
    EXPECT_TRUE(hints.dahua.empty()) << hints.dahua;
    EXPECT_TRUE(vendor_requests(hints, kHost, 80).empty());
}

TEST(ScanVendorRequests, HikvisionHints) {
    for (const auto& [protocol, fields] : std::vector<std::pair<std::string, FieldList>>{
             {"sadp", fields_of({{"sadp.message", "ProbeMatch"}})},
             {"http", fields_of({{"http.server", "App-webs/"}})},
             {"http", fields_of({{"http.server", "DNVRS-Webs"}})},
             {"http", fields_of({{"http.server", "DVRDVS-Webs"}})},
             {"http", fields_of({{"http.server", "Hikvision-Webs"}})},
             {"http", fields_of({{"http.realm", "IP Camera(C2183)"}})},
             {"rtsp", fields_of({{"rtsp.realm", "IP Camera(21388)"}})},
             {"http", fields_of({{"http.realm", "hikvision"}})}}) {
        VendorHints hints;
        note_vendor_hints(protocol, fields, hints);
        EXPECT_FALSE(hints.hikvision.empty()) << protocol << " " << fields.front().value;
        EXPECT_TRUE(hints.dahua.empty());
    }
    VendorHints hints;
    note_vendor_hints("http", fields_of({{"http.server", "App-webs/"}}), hints);
    note_vendor_hints("sadp", fields_of({{"sadp.message", "ProbeMatch"}}), hints);
    EXPECT_EQ(hints.hikvision, "Server: App-webs/");  // the first reason is kept
    const auto requests = vendor_requests(hints, kHost, 8000);
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].bytes.rfind("GET /SDK/activateStatus HTTP/1.1\r\nHost: 127.0.0.5:8000\r\n", 0), 0u) << requests[0].bytes;
    EXPECT_EQ(requests[1].bytes.rfind("GET /ISAPI/Security/sessionLogin/capabilities?username=admin HTTP/1.1\r\n", 0), 0u)
        << requests[1].bytes;
    for (const auto& r : requests) {
        EXPECT_EQ(r.body_protocol, "isapi");
        EXPECT_EQ(r.bytes.find("Authorization"), std::string::npos);
        EXPECT_EQ(r.bytes.find("assword"), std::string::npos);
    }
}

TEST(ScanVendorRequests, DahuaHintsAndTheEmptyPasswordLogin) {
    for (const auto& [protocol, fields] : std::vector<std::pair<std::string, FieldList>>{
             {"dhip", fields_of({{"dhip.method", "client.notifyDevInfo"}})},
             {"dahua5050", fields_of({{"d5050.message", "reply"}})},
             {"rtsp", fields_of({{"rtsp.realm", "Login to 4M0747EPAA1D284"}})},
             {"http", fields_of({{"http.realm", "Login to edbba66a86f75696d122e195153df0a2"}})}}) {
        VendorHints hints;
        note_vendor_hints(protocol, fields, hints);
        EXPECT_FALSE(hints.dahua.empty()) << protocol;
        EXPECT_TRUE(hints.hikvision.empty());
    }
    // Greenbone's body rules (gb_dahua_devices_http_detect.nasl), and a page naming /RPC2_Login.
    for (std::string_view page : {"<title>WEB SERVICE</title><div class=\"ui-dialog-content\">",
                                  "@WebVersion@ <input id=\"t_username\"> <a>Login</a> >Login<",
                                  "<i class=\"ui-video-wrap-icon\"></i><input id=\"t_username\"><select id=\"slct_userType\">",
                                  "<script>$.ajax({url:'/RPC2_Login'})</script>"}) {
        VendorHints hints;
        note_page_hints(page, hints);
        EXPECT_FALSE(hints.dahua.empty()) << page;
    }
    VendorHints hints;
    note_page_hints("<script>/RPC2_Login</script>", hints);
    const auto requests = vendor_requests(hints, kHost, 80);
    ASSERT_EQ(requests.size(), 1u);
    const std::string& post = requests[0].bytes;
    EXPECT_EQ(requests[0].body_protocol, "rpc2");
    EXPECT_EQ(post.rfind("POST /RPC2_Login HTTP/1.1\r\nHost: 127.0.0.5:80\r\n", 0), 0u) << post;
    EXPECT_NE(post.find("Content-Type: application/json\r\n"), std::string::npos);
    EXPECT_TRUE(post.ends_with(
        "\r\n\r\n{\"method\":\"global.login\",\"params\":{\"userName\":\"admin\",\"password\":\"\",\"clientType\":\"Web3.0\","
        "\"loginType\":\"Direct\"},\"id\":1}"))
        << post;
    EXPECT_NE(post.find("Content-Length: 119\r\n"), std::string::npos) << post;
    EXPECT_EQ(post.find("Authorization"), std::string::npos);
    // Both families: never more than the documented handful.
    note_vendor_hints("sadp", {}, hints);
    EXPECT_EQ(vendor_requests(hints, kHost, 80).size(), kMaxVendorRequests);
}

}  // namespace
}  // namespace camsweep::scan

namespace camsweep::scan {
namespace {

// RFC 792 echo: the checksum makes the whole message sum to 0xffff (RFC 1071).
TEST(ScanSweep, EchoRequestIsChecksummed) {
    const std::uint8_t payload[] = {'c', 'a', 'm'};
    const auto request = icmp_echo_request(0x1234, 0x0005, payload);
    ASSERT_EQ(request.size(), 11u);
    EXPECT_EQ(request[0], 8);
    EXPECT_EQ(request[1], 0);
    EXPECT_EQ(request[4], 0x12);
    EXPECT_EQ(request[7], 0x05);
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < request.size(); i += 2)
        sum += static_cast<std::uint32_t>(request[i] << 8 | (i + 1 < request.size() ? request[i + 1] : 0));
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    EXPECT_EQ(sum, 0xffffu);
}

TEST(ScanSweep, ReadsEchoRepliesWithAndWithoutTheIpHeader) {
    const std::uint8_t icmp[] = {0, 0, 0x12, 0x34, 0xab, 0xcd, 0x00, 0x07, 'x'};
    auto reply = parse_icmp_echo_reply(icmp, false);
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->identifier, 0xabcd);
    EXPECT_EQ(reply->sequence, 7);

    std::vector<std::uint8_t> packet = {0x45, 0, 0, 29, 0, 0, 0, 0, 64, 1, 0, 0, 10, 0, 0, 5, 10, 0, 0, 1};
    packet.insert(packet.end(), std::begin(icmp), std::end(icmp));
    ASSERT_TRUE(parse_icmp_echo_reply(packet, true));
    packet[9] = 17;  // UDP, not ICMP
    EXPECT_FALSE(parse_icmp_echo_reply(packet, true));

    const std::uint8_t request[] = {8, 0, 0, 0, 0, 1, 0, 1};  // an echo request is not a reply
    EXPECT_FALSE(parse_icmp_echo_reply(request, false));
    EXPECT_FALSE(parse_icmp_echo_reply(std::span(icmp, 5), false));
    const std::uint8_t bad_header[] = {0x4f, 0, 0, 0};  // claims 60 bytes of header in 4
    EXPECT_FALSE(parse_icmp_echo_reply(bad_header, true));
}

TEST(ScanSweep, OnlyLargeScopesAreSweptByDefault) {
    EXPECT_FALSE(sweep_applies(SweepMode::automatic, 256));  // a /24 is probed whole
    EXPECT_TRUE(sweep_applies(SweepMode::automatic, 257));
    EXPECT_TRUE(sweep_applies(SweepMode::always, 1));
    EXPECT_FALSE(sweep_applies(SweepMode::never, 65536));
    EXPECT_FALSE(sweep_applies(SweepMode::always, 0));  // IPv6 only: nothing to ping
}

}  // namespace
}  // namespace camsweep::scan
