// The `rtsp` stream dissector on the exchanges of research/protocols-active.md §1.3 (real
// ffmpeg/VLC captures and nmap/recog banners).
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "camsweep/dissect/http.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

StreamRun run_rtsp(std::string_view text, bool from_client = false) {
    return read_stream("rtsp", as_bytes(text), stream_meta(from_client ? 50000 : 554, from_client ? 554 : 50000, from_client));
}

bool accepts(std::string_view text, std::uint16_t src_port = 50000, std::uint16_t dst_port = 554) {
    return stream_looks_like("rtsp", as_bytes(text), stream_meta(src_port, dst_port, true));
}

// Hikvision, ffmpeg (idx:34128402832): the OPTIONS reply, then DESCRIBE's 401. No Server header.
constexpr std::string_view kHikvisionOptionsReply =
    "RTSP/1.0 200 OK\r\n"
    "CSeq: 1\r\n"
    "Public: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n"
    "Date:  Thu, May 14 2020 16:45:35 GMT\r\n"
    "\r\n";
constexpr std::string_view kHikvisionDescribe401 =
    "RTSP/1.0 401 Unauthorized\r\n"
    "CSeq: 2\r\n"
    "WWW-Authenticate: Digest realm=\"IP Camera(C2875)\", nonce=\"938032d91ffc30ca80b5da94c18887ac\", stale=\"FALSE\"\r\n"
    "Date:  Thu, May 14 2020 16:45:35 GMT\r\n"
    "\r\n";
constexpr std::string_view kFfmpegOptions =
    "OPTIONS rtsp://192.168.10.147:554 RTSP/1.0\r\n"
    "CSeq: 1\r\n"
    "User-Agent: Lavf57.83.100\r\n"
    "\r\n";

TEST(DissectRtsp, HikvisionOptionsThenDescribe) {
    std::string server = std::string(kHikvisionOptionsReply) + std::string(kHikvisionDescribe401);
    auto r = run_rtsp(server);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.get("rtsp.public"), "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER");
    EXPECT_EQ(r.get("rtsp.realm"), "IP Camera(C2875)");
    EXPECT_EQ(r.get("rtsp.quirk"), "date-two-spaces");
    EXPECT_FALSE(r.has("rtsp.server"));
    EXPECT_FALSE(r.has("rtsp.user_agent"));
}

// Reolink (research/protocols-active.md §1.3, idx:18610218795): OPTIONS, then the DESCRIBE reply
// states the stream's own URL; its path, not the host, is kept.
TEST(DissectRtsp, ContentBaseOfTheDescribeReplyKeepsThePath) {
    std::string server =
        "RTSP/1.0 200 OK\r\nCSeq: 2\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER, SET_PARAMETER\r\n"
        "Date: Thu, Nov 24 2022 15:10:19 GMT\r\n\r\n"
        "RTSP/1.0 200 OK\r\nCSeq: 3\r\nDate: Thu, Nov 24 2022 15:10:19 GMT\r\n"
        "Content-Base: rtsp://192.168.0.203/h264Preview_01_main/\r\nContent-Type: application/sdp\r\nContent-Length: 0\r\n\r\n";
    auto r = run_rtsp(server);
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.get("rtsp.served_path"), "/h264Preview_01_main/");
    EXPECT_FALSE(r.has("rtsp.quirk"));  // one space after Date:
    EXPECT_FALSE(r.has("rtsp.header.content-base"));
    // A client's request line is never read as the server's path.
    auto c = run_rtsp("DESCRIBE rtsp://192.0.2.7/Streaming/Channels/101 RTSP/1.0\r\nCSeq: 3\r\n\r\n", true);
    EXPECT_FALSE(c.has("rtsp.served_path"));
}

// go2rtc and a Lorex (Dahua OEM) doorbell (https://github.com/AlexxIT/go2rtc/issues/1594): the
// reply to SETUP of /cam/realmonitor, read with the request it answers, names the path served.
TEST(DissectRtsp, ARequestAnswered200NamesThePathServed) {
    const std::string reply =
        "RTSP/1.0 200 OK\r\nCseq: 5\r\nSession: 12961780151629;timeout=60\r\n"
        "Transport: RTP/AVP/TCP;unicast;interleaved=10-11;ssrc=6EEB125A\r\nX-Dynamic-Rate: 1\r\n\r\n";
    const std::string setup =
        "SETUP rtsp://192.168.4.11:554/cam/realmonitor?channel=1&subtype=0/trackID=5 RTSP/1.0\r\nCSeq: 5\r\n"
        "Transport: RTP/AVP/TCP;unicast;interleaved=10-11\r\n\r\n";
    auto served = [](const std::string& server, const std::string& request) { return read_reply_to("rtsp", 554, server, request); };
    EXPECT_EQ(served(reply, setup).get("rtsp.served_path"), "/cam/realmonitor?channel=1&subtype=0/trackID=5");
    EXPECT_FALSE(run_rtsp(reply).has("rtsp.served_path"));  // no request seen
    std::string other_cseq = setup;
    other_cseq.replace(other_cseq.find("CSeq: 5"), 7, "CSeq: 4");
    EXPECT_FALSE(served(reply, other_cseq).has("rtsp.served_path"));  // answers another request
    std::string options = setup;
    options.replace(0, 5, "OPTIONS");
    EXPECT_FALSE(served(reply, options).has("rtsp.served_path"));  // OPTIONS is answered whatever the URL
    std::string refused = reply;
    refused.replace(9, 6, "401 Unauthorized");
    EXPECT_FALSE(served(refused, setup).has("rtsp.served_path"));
}

TEST(DissectRtsp, OptionsReplyAloneWaitsWithFieldsAlreadySet) {
    auto r = run_rtsp(kHikvisionOptionsReply);
    EXPECT_EQ(r.status, StreamStatus::need_more);
    EXPECT_EQ(r.get("rtsp.public"), "OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER");
}

TEST(DissectRtsp, SplitAtEveryOffset) {
    std::string server = std::string(kHikvisionOptionsReply) + std::string(kHikvisionDescribe401);
    for (std::size_t n = 1; n <= server.size(); ++n) {
        auto r = run_rtsp(std::string_view(server).substr(0, n));
        EXPECT_EQ(r.error, "") << n;
        if (n < server.size()) {
            EXPECT_EQ(r.status, StreamStatus::need_more) << n;
            EXPECT_FALSE(r.has("rtsp.realm")) << n;
            EXPECT_EQ(r.has("rtsp.public"), n >= kHikvisionOptionsReply.size()) << n;
        } else {
            EXPECT_EQ(r.status, StreamStatus::done);
            EXPECT_EQ(r.get("rtsp.realm"), "IP Camera(C2875)");
        }
    }
}

TEST(DissectRtsp, ClientRequestGivesUserAgent) {
    auto r = run_rtsp(kFfmpegOptions, true);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.get("rtsp.user_agent"), "Lavf57.83.100");
    EXPECT_FALSE(r.has("rtsp.public"));
    auto head = parse_message_head(kFfmpegOptions);
    ASSERT_EQ(head.state, ParseState::complete);
    EXPECT_EQ(head.method, "OPTIONS");
    EXPECT_EQ(head.target, "rtsp://192.168.10.147:554");
    EXPECT_TRUE(head.is_rtsp());
}

TEST(DissectRtsp, DahuaLoginToSerialAndServer) {
    auto first = run_rtsp(
        "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\n"
        "WWW-Authenticate: Digest realm=\"Login to 4M0747EPAA1D284\", nonce=\"745449738fdf77164f570c37c9186b52\"\r\n\r\n");
    EXPECT_EQ(first.status, StreamStatus::done);
    EXPECT_EQ(first.get("rtsp.realm"), "Login to 4M0747EPAA1D284");

    auto ok = run_rtsp(
        "RTSP/1.0 200 OK\r\nCSeq: 3\r\nServer: Rtsp Server/3.0\r\n"
        "Public: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n\r\n"
        "RTSP/1.0 200 OK\r\nCSeq: 4\r\nServer: Rtsp Server/3.0\r\nContent-Length: 0\r\n\r\n");
    EXPECT_EQ(ok.status, StreamStatus::done);
    EXPECT_EQ(ok.values("rtsp.server"), std::vector<std::string>{"Rtsp Server/3.0"});
    EXPECT_EQ(ok.get("rtsp.public"), "OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, TEARDOWN, SET_PARAMETER, GET_PARAMETER");
}

TEST(DissectRtsp, BannerServers) {
    auto dahua = run_rtsp("RTSP/1.0 405 Method Not Allowed\r\nCSeq: 1\r\nServer: Dahua Rtsp Server\r\n\r\n");
    EXPECT_EQ(dahua.status, StreamStatus::done);
    EXPECT_EQ(dahua.get("rtsp.server"), "Dahua Rtsp Server");
    auto hipcam = run_rtsp("RTSP/1.0 200 OK\r\nServer: Hipcam RealServer/V1.0\r\nCseq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY\r\n\r\n"
                           "RTSP/1.0 401 Unauthorized\r\nServer: Hipcam RealServer/V1.0\r\nCseq: 2\r\nWWW-Authenticate: Basic realm=\"HipcamRealServer\"\r\n\r\n");
    EXPECT_EQ(hipcam.status, StreamStatus::done);
    EXPECT_EQ(hipcam.values("rtsp.server"), std::vector<std::string>{"Hipcam RealServer/V1.0"});
    EXPECT_EQ(hipcam.get("rtsp.realm"), "HipcamRealServer");
    auto basic = run_rtsp("RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Basic realm=\"DahuaRtsp\"\r\nServer: Rtsp Server/2.0\r\n\r\n");
    EXPECT_EQ(basic.get("rtsp.realm"), "DahuaRtsp");
    EXPECT_EQ(basic.get("rtsp.server"), "Rtsp Server/2.0");
    auto lorex = run_rtsp("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"Login to ND021811019863\", nonce=\"1\"\r\n\r\n");
    EXPECT_EQ(lorex.get("rtsp.realm"), "Login to ND021811019863");
}

TEST(DissectRtsp, OlderHikvisionDvrTwoChallenges) {
    auto r = run_rtsp(
        "RTSP/1.0 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"Hikvision\", nonce=\"0123456789abcdef0123456789abcdef\", "
        "stale=\"FALSE\"\r\nWWW-Authenticate: Basic realm=\"/\"\r\n\r\n");
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.values("rtsp.realm"), (std::vector<std::string>{"Hikvision", "/"}));
}

TEST(DissectRtsp, BodyOfTheOptionsReplyIsSkipped) {
    auto r = run_rtsp(
        "RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE\r\nContent-Length: 5\r\n\r\nhello"
        "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"AXIS_00408CEF081C\", nonce=\"x\"\r\n\r\n");
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.get("rtsp.realm"), "AXIS_00408CEF081C");
    auto waiting = run_rtsp("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS\r\nContent-Length: 5\r\n\r\nhel");
    EXPECT_EQ(waiting.status, StreamStatus::need_more);
}

TEST(DissectRtsp, WhatFollowsTheFirstReplyEndsTheReading) {
    std::string interleaved = std::string(kHikvisionOptionsReply) + "$\x00\x00\x10";
    auto r = run_rtsp(interleaved);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_TRUE(r.has("rtsp.public"));
    auto junk = run_rtsp(std::string(kHikvisionOptionsReply) + "\x01\x02garbage\r\n\r\n");
    EXPECT_EQ(junk.status, StreamStatus::done);
    EXPECT_EQ(junk.error, "");
    EXPECT_TRUE(junk.has("rtsp.public"));
    auto http = run_rtsp(std::string(kHikvisionOptionsReply) + "HTTP/1.1 200 OK\r\nServer: x\r\n\r\n");
    EXPECT_EQ(http.status, StreamStatus::done);
    EXPECT_FALSE(http.has("rtsp.server"));
}

TEST(DissectRtsp, Errors) {
    auto http = run_rtsp("HTTP/1.1 200 OK\r\nServer: App-webs/\r\n\r\n");
    EXPECT_EQ(http.status, StreamStatus::done);
    EXPECT_NE(http.error.find("HTTP/1.1"), std::string::npos) << http.error;
    EXPECT_TRUE(http.obs.fields.empty());
    auto bad = run_rtsp("RTSP/1.0 2x0 OK\r\n\r\n");
    EXPECT_EQ(bad.status, StreamStatus::done);
    EXPECT_NE(bad.error.find("offset 9"), std::string::npos) << bad.error;
    auto huge = run_rtsp("RTSP/1.0 200 OK\r\nServer: " + std::string(1000000, 'x') + "\r\n\r\n");
    EXPECT_EQ(huge.status, StreamStatus::done);
    EXPECT_NE(huge.error, "");
}

TEST(RtspAccepts, FirstBytes) {
    EXPECT_TRUE(accepts("RTSP/1.0 200 OK\r\n"));
    EXPECT_TRUE(accepts(kFfmpegOptions));
    EXPECT_TRUE(accepts("DESCRIBE rtsp://192.168.1.10:554/cam/realmonitor?channel=1&subtype=0 RTSP/1.0\r\nCSeq: 2\r\n"));
    EXPECT_TRUE(accepts("OPTIONS / RTSP/1.0\r\n\r\n"));                  // nmap's probe
    EXPECT_TRUE(accepts("OPTIONS * RTSP/1.0", 50000, 8080));             // version seen, line cut
    EXPECT_TRUE(accepts("SETUP rtsp://10.0.0.2/Streaming/Channels/101"));  // RTSP-only method, cut
    EXPECT_TRUE(accepts("OPTIONS * ", 50000, 554));
    EXPECT_FALSE(accepts("OPTIONS * ", 50000, 8080));
    EXPECT_FALSE(accepts("OPTIONS * HTTP/1.1\r\n"));
    EXPECT_FALSE(accepts("GET / HTTP/1.1\r\n"));
    EXPECT_FALSE(accepts("PLAY / HTTP/1.1\r\n"));
    EXPECT_FALSE(accepts("HTTP/1.1 200 OK\r\n"));
    EXPECT_FALSE(accepts("$\x00\x10"));
    EXPECT_FALSE(accepts("R"));
}

}  // namespace
}  // namespace camsweep
