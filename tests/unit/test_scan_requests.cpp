// What the prober sends over TCP and how it decides a reply is whole (docs/scan.md).
#include <gtest/gtest.h>

#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/tls.hpp"
#include "camsweep/scan/neighbours.hpp"
#include "camsweep/scan/requests.hpp"

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

}  // namespace
}  // namespace camsweep::scan
