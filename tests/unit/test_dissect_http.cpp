// HTTP message heads, realms, titles and the `http` stream dissector, on the banner shapes of
// research/protocols-active.md §1.7 and protocols-passive.md §2.9.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "camsweep/dissect/http.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

StreamRun run_http(std::string_view text, bool from_client = false) {
    return read_stream("http", as_bytes(text), stream_meta(from_client ? 50000 : 80, from_client ? 80 : 50000, from_client));
}

bool accepts(std::string_view text, std::uint16_t src_port = 50000, std::uint16_t dst_port = 80) {
    return stream_looks_like("http", as_bytes(text), stream_meta(src_port, dst_port, true));
}

std::string with_length(std::string head_without_length_and_blank, std::string_view body, std::string_view name = "Content-Length") {
    return head_without_length_and_blank + std::string(name) + ": " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

// Hikvision ISAPI 401 (realm shape from idx:51955284453; Server App-webs/ from nmap line 9762).
const std::string kHikvision401 = with_length(
    "HTTP/1.1 401 Unauthorized\r\n"
    "Date: Thu, 14 May 2020 16:45:35 GMT\r\n"
    "Server: App-webs/\r\n"
    "Connection: close\r\n"
    "Content-Type: text/html\r\n"
    "WWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"4e5468694e7a42694e7a4d364f4449354d7a6b354d54513d3a4f44637a4d6a41794e7a453d\", stale=\"FALSE\"\r\n",
    "<!DOCTYPE html>\n<html><head><title>Document Error: Unauthorized</title></head>\n"
    "<body><h2>Access Error: 401 -- Unauthorized</h2>\n<p>Authentication Error</p>\n</body>\n</html>\n");

// Dahua web UI: upper-case header names, no Server header, a UTF-8 BOM (nmap lines 10443-10445).
const std::string kDahuaIndex = with_length(
    "HTTP/1.1 200 OK\r\n"
    "CONNECTION: close\r\n"
    "P3P: CP=CAO PSA OUR\r\n"
    "CACHE-CONTROL: max-age=0\r\n"
    "CONTENT-TYPE: text/html\r\n"
    "ETAG: \"1234:5a6b\"\r\n",
    "\xef\xbb\xbf<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\" />\n"
    "<TITLE>WEB SERVICE</TITLE>\n</head><body><div class=\"ui-dialog-content\"></div></body></html>\n",
    "CONTENT-LENGTH");

// An Amcrest (Dahua OEM) camera answering the Home Assistant integration
// (https://github.com/home-assistant/core/issues/174441): a 200 that is not a page, to the
// request on the same connection, names the path served.
TEST(DissectHttp, ARequestAnswered200WithContentNamesThePathServed) {
    const std::string request = "GET /cgi-bin/configManager.cgi?action=getConfig&name=Encode HTTP/1.1\r\nHost: 10.1.1.103\r\n\r\n";
    const std::string text_reply =
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 11774\r\nContent-Type: text/plain;charset=utf-8\r\n\r\n";
    auto served = [](const std::string& reply, const std::string& asked) { return read_reply_to("http", 80, reply, asked); };
    EXPECT_EQ(served(text_reply, request).get("http.served_path"), "/cgi-bin/configManager.cgi?action=getConfig&name=Encode");
    EXPECT_FALSE(run_http(text_reply).has("http.served_path"));  // no request seen
    // An AXIS M1054 answering its motion CGI with 204 (https://github.com/mjohnsullivan/axiscam/issues/1).
    EXPECT_EQ(served("HTTP/1.0 204 No Content\r\n\r\n", "GET /axis-cgi/motion/motiondata.cgi HTTP/1.1\r\n\r\n").get("http.served_path"),
              "/axis-cgi/motion/motiondata.cgi");
    // A web UI that answers every path with its page proves nothing; neither does a refusal.
    const std::string page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 0\r\n\r\n";
    EXPECT_FALSE(served(page, request).has("http.served_path"));
    const std::string refused = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"Device_CGI\"\r\n\r\n";
    EXPECT_FALSE(served(refused, request).has("http.served_path"));
    // The request kept is bounded (kRequestHeadBytes): a cut head still gives its start line.
    EXPECT_EQ(served(text_reply, request.substr(0, 70)).get("http.served_path"), "/cgi-bin/configManager.cgi?action=getConfig&name=Encode");
}

TEST(DissectHttp, HikvisionAppWebsUnauthorized) {
    auto r = run_http(kHikvision401);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.get("http.status"), "401");
    EXPECT_EQ(r.get("http.server"), "App-webs/");
    EXPECT_EQ(r.get("http.realm"), "IP Camera(C2183)");
    EXPECT_EQ(r.get("http.title"), "Document Error: Unauthorized");
    EXPECT_FALSE(r.has("http.user_agent"));
    EXPECT_FALSE(r.has("http.host"));
}

TEST(DissectHttp, HikvisionNvrDnvrsWebs) {
    std::string text = with_length(
        "HTTP/1.1 200 OK\r\nServer: DNVRS-Webs\r\nContent-Type: text/html; charset=utf-8\r\n",
        "<html>\r\n<head>\r\n  <title>\r\n    Network   Video\tRecorder\r\n  </title>\r\n</head></html>");
    auto r = run_http(text);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.get("http.server"), "DNVRS-Webs");
    EXPECT_EQ(r.get("http.title"), "Network Video Recorder");
    EXPECT_EQ(r.get("http.status"), "200");
}

TEST(DissectHttp, DahuaUpperCaseHeadersNoServer) {
    auto r = run_http(kDahuaIndex);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.error, "");
    EXPECT_FALSE(r.has("http.server"));
    EXPECT_EQ(r.get("http.title"), "WEB SERVICE");
    auto head = parse_message_head(kDahuaIndex);
    ASSERT_EQ(head.state, ParseState::complete);
    EXPECT_EQ(head.header("content-length").value_or(""), std::to_string(kDahuaIndex.size() - head.head_length));
    EXPECT_EQ(head.header("P3P").value_or(""), "CP=CAO PSA OUR");
}

TEST(DissectHttp, DahuaOemLoginToSerialRealm) {
    std::string text = with_length(
        "HTTP/1.1 401 Unauthorized\r\n"
        "WWW-Authenticate: Digest realm=\"Login to ND021811019863\", qop=\"auth\", nonce=\"1405385287\", opaque=\"a3c0a6ee\"\r\n",
        "");
    auto r = run_http(text);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.values("http.realm"), std::vector<std::string>{"Login to ND021811019863"});
    EXPECT_FALSE(r.has("http.title"));
}

TEST(DissectHttp, XiongmaiTitleAndServer) {
    std::string text =
        "HTTP/1.0 200 OK\r\nServer: uc-httpd 1.0.0\r\nContent-Type: text/html\r\n\r\n"
        "<html><head><title>NETSurveillance WEB</title></head>";
    auto r = run_http(text);  // no Content-Length: the title is enough to stop waiting
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.get("http.server"), "uc-httpd 1.0.0");
    EXPECT_EQ(r.get("http.title"), "NETSurveillance WEB");
}

TEST(DissectHttp, RequestDescribesTheClient) {
    auto r = run_http(
        "GET /ISAPI/System/deviceInfo HTTP/1.1\r\nHost: 192.168.1.64\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)\r\n"
        "Accept: */*\r\n\r\n",
        true);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_EQ(r.get("http.host"), "192.168.1.64");
    EXPECT_EQ(r.get("http.user_agent"), "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
    EXPECT_FALSE(r.has("http.status"));
    EXPECT_FALSE(r.has("http.server"));
    auto head = parse_message_head("GET /ISAPI/System/deviceInfo HTTP/1.1\r\n\r\n");
    EXPECT_EQ(head.kind, MessageKind::request);
    EXPECT_EQ(head.method, "GET");
    EXPECT_EQ(head.target, "/ISAPI/System/deviceInfo");
    EXPECT_EQ(head.version, "HTTP/1.1");
}

TEST(DissectHttp, TitleWaitIsBounded) {
    std::string head = "HTTP/1.1 200 OK\r\nServer: Hikvision-Webs\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n";
    std::string body(1000, 'x');
    // Part of the body: wait, but the head's fields are already there.
    auto partial = run_http(head + body.substr(0, 100));
    EXPECT_EQ(partial.status, StreamStatus::need_more);
    EXPECT_EQ(partial.get("http.server"), "Hikvision-Webs");
    // All of the body and no title: done without one.
    auto full = run_http(head + body);
    EXPECT_EQ(full.status, StreamStatus::done);
    EXPECT_FALSE(full.has("http.title"));

    // No length: wait for the 4 KiB window, then give up; a title past the window is not read.
    std::string open = "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n";
    std::string filler(kTitleWindowBytes, ' ');
    EXPECT_EQ(run_http(open + filler.substr(0, 4000)).status, StreamStatus::need_more);
    auto past = run_http(open + filler + "<title>Too late</title>");
    EXPECT_EQ(past.status, StreamStatus::done);
    EXPECT_FALSE(past.has("http.title"));
    // Any longer prefix keeps giving the same answer.
    EXPECT_EQ(run_http(open + filler + filler).status, StreamStatus::done);
}

TEST(DissectHttp, NoWaitForBodiesWithoutTitles) {
    auto json = run_http("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{");
    EXPECT_EQ(json.status, StreamStatus::done);
    auto empty = run_http("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
    EXPECT_EQ(empty.status, StreamStatus::done);
    auto not_modified = run_http("HTTP/1.1 304 Not Modified\r\nServer: webs\r\n\r\n");
    EXPECT_EQ(not_modified.status, StreamStatus::done);
    EXPECT_EQ(not_modified.get("http.status"), "304");
}

TEST(DissectHttp, ChunkedBody) {
    std::string head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n";
    auto titled = run_http(head + "2b\r\n<html><head><title>Intelbras</title></head>\r\n");
    EXPECT_EQ(titled.status, StreamStatus::done);
    EXPECT_EQ(titled.get("http.title"), "Intelbras");
    auto untitled = run_http(head + "5\r\n<html\r\n");
    EXPECT_EQ(untitled.status, StreamStatus::need_more);
    auto ended = run_http(head + "5\r\n<html\r\n0\r\n\r\n");
    EXPECT_EQ(ended.status, StreamStatus::done);
    EXPECT_FALSE(ended.has("http.title"));
}

TEST(DissectHttp, RepeatedCallsReplaceFields) {
    std::string head = "HTTP/1.1 200 OK\r\nServer: App-webs/\r\nContent-Type: text/html\r\nContent-Length: 200\r\n\r\n<html>";
    auto first = run_http(head);
    EXPECT_EQ(first.status, StreamStatus::need_more);
    EXPECT_EQ(first.get("http.server"), "App-webs/");  // what is known so far, should the flow end here
    auto more = run_http(head + "<head><title>Login</title>");
    EXPECT_EQ(more.status, StreamStatus::done);
    EXPECT_EQ(more.values("http.server").size(), 1u);
    EXPECT_EQ(more.get("http.title"), "Login");
}

TEST(HttpHead, SplitAtEveryOffset) {
    for (const std::string& full : {kHikvision401, kDahuaIndex}) {
        auto whole = parse_message_head(full);
        ASSERT_EQ(whole.state, ParseState::complete);
        for (std::size_t n = 0; n <= full.size(); ++n) {
            auto head = parse_message_head(std::string_view(full).substr(0, n));
            if (n < whole.head_length) {
                ASSERT_EQ(head.state, ParseState::incomplete) << "at " << n << ": " << head.error;
            } else {
                ASSERT_EQ(head.state, ParseState::complete) << "at " << n;
                EXPECT_EQ(head.head_length, whole.head_length);
                EXPECT_EQ(head.headers, whole.headers);
                EXPECT_EQ(head.status, whole.status);
                EXPECT_EQ(head.reason, whole.reason);
            }
            auto r = run_http(std::string_view(full).substr(0, n));
            if (n < whole.head_length) {
                EXPECT_EQ(r.status, StreamStatus::need_more) << n;
                EXPECT_EQ(r.error, "");
            }
        }
        auto done = run_http(full);
        EXPECT_EQ(done.status, StreamStatus::done);
    }
}

TEST(HttpHead, BareLineFeedsAndFolding) {
    auto head = parse_message_head("HTTP/1.0 200 OK\nServer: webserver\nX-Long: one\n two\n\nbody");
    ASSERT_EQ(head.state, ParseState::complete);
    EXPECT_EQ(head.header("server").value_or(""), "webserver");
    EXPECT_EQ(head.header("X-Long").value_or(""), "one two");
    EXPECT_EQ(head.head_length, std::string_view("HTTP/1.0 200 OK\nServer: webserver\nX-Long: one\n two\n\n").size());
}

TEST(HttpHead, OversizedHeadIsInvalidAndBounded) {
    std::string head = "HTTP/1.1 200 OK\r\n";
    while (head.size() <= kMaxMessageHeadBytes) head += "X-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    auto parsed = parse_message_head(head);
    EXPECT_EQ(parsed.state, ParseState::invalid);
    EXPECT_NE(parsed.error.find("16384"), std::string::npos) << parsed.error;
    EXPECT_LE(parsed.headers.size(), kMaxMessageHeaders);
    auto r = run_http(head + "\r\n");
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_NE(r.error, "");

    // A head ending exactly at the cap is still complete.
    std::string exact = "HTTP/1.1 200 OK\r\nX-Fill: ";
    exact += std::string(kMaxMessageHeadBytes - exact.size() - 4, 'f');
    exact += "\r\n\r\n";
    ASSERT_EQ(exact.size(), kMaxMessageHeadBytes);
    EXPECT_EQ(parse_message_head(exact).state, ParseState::complete);
    EXPECT_EQ(parse_message_head(exact + "body").state, ParseState::complete);
}

TEST(HttpHead, MegabyteHeaderLine) {
    std::string text = "HTTP/1.1 200 OK\r\nServer: " + std::string(1000000, 'A') + "\r\n\r\n";
    auto head = parse_message_head(text);
    EXPECT_EQ(head.state, ParseState::invalid);
    std::string start = "GET /" + std::string(1000000, 'a') + " HTTP/1.1\r\n\r\n";
    EXPECT_EQ(parse_message_head(start).state, ParseState::invalid);
    auto r = run_http(text);
    EXPECT_EQ(r.status, StreamStatus::done);
    EXPECT_TRUE(r.obs.fields.empty());
}

TEST(HttpHead, NulAndControlBytes) {
    using namespace std::string_literals;
    auto value_nul = parse_message_head("HTTP/1.1 200 OK\r\nServer: App-webs/\0hidden\r\nX-Ctl: a\x01" "b\r\n\r\n"s);
    ASSERT_EQ(value_nul.state, ParseState::complete);
    EXPECT_EQ(value_nul.header("Server").value_or("?"), "App-webs/");
    EXPECT_EQ(value_nul.header("X-Ctl").value_or("?"), "a\x01" "b");

    auto start_nul = parse_message_head("HTTP/1.1 200\0 OK\r\n\r\n"s);
    EXPECT_EQ(start_nul.state, ParseState::invalid);
    EXPECT_NE(start_nul.error.find("offset 12"), std::string::npos) << start_nul.error;
    // Invalid as soon as the bad byte is there, before any line end.
    EXPECT_EQ(parse_message_head("GET /\x02"s).state, ParseState::invalid);
    EXPECT_EQ(parse_message_head("GET / HTTP/1.1\r\r\n\r\n"s).state, ParseState::invalid);

    auto name_ctl = parse_message_head("HTTP/1.1 200 OK\r\nSer\x7fver: x\r\nServer: y\r\n\r\n"s);
    ASSERT_EQ(name_ctl.state, ParseState::complete);
    EXPECT_EQ(name_ctl.header("Server").value_or(""), "y");
    EXPECT_EQ(name_ctl.dropped_lines, 1u);
}

TEST(HttpHead, MissingColonLinesAreDropped) {
    auto head = parse_message_head("HTTP/1.1 200 OK\r\nthis line has no colon\r\n: no name\r\nServer: Webs\r\n\r\n");
    ASSERT_EQ(head.state, ParseState::complete);
    EXPECT_EQ(head.headers.size(), 1u);
    EXPECT_EQ(head.dropped_lines, 2u);
    EXPECT_EQ(head.header("server").value_or(""), "Webs");
}

TEST(HttpHead, AtMostHundredHeaders) {
    std::string text = "HTTP/1.1 200 OK\r\n";
    for (int i = 0; i < 150; ++i) text += "X-" + std::to_string(i) + ": v\r\n";
    text += "Server: late\r\n\r\n";
    auto head = parse_message_head(text);
    ASSERT_EQ(head.state, ParseState::complete);
    EXPECT_EQ(head.headers.size(), kMaxMessageHeaders);
    EXPECT_EQ(head.dropped_lines, 51u);
    EXPECT_FALSE(head.header("Server").has_value());
}

TEST(HttpHead, LongValuesAreBounded) {
    std::string text = "HTTP/1.1 200 OK\r\nServer: " + std::string(5000, 'S') + "\r\n\r\n";
    auto head = parse_message_head(text);
    ASSERT_EQ(head.state, ParseState::complete);
    EXPECT_EQ(head.header("Server")->size(), 512u);
}

TEST(HttpHead, BadStartLines) {
    struct Case {
        std::string_view text;
        std::string_view error_part;
    };
    for (auto [text, part] : std::initializer_list<Case>{
             {"HTTP/1.1 abc Bad\r\n\r\n", "offset 9"},
             {"HTTP/1.1\r\n\r\n", "status"},
             {"HTTP/x 200 OK\r\n\r\n", "version"},
             {"GET /\r\n\r\n", "METHOD target VERSION"},
             {"GET / SIP/2.0\r\n\r\n", "offset 6"},
             {"G(T / HTTP/1.1\r\n\r\n", "method"},
             {"\r\n\r\n", "empty"},
         }) {
        auto head = parse_message_head(text);
        EXPECT_EQ(head.state, ParseState::invalid) << text;
        EXPECT_NE(head.error.find(part), std::string::npos) << text << " -> " << head.error;
    }
    auto rtsp = run_http("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n");
    EXPECT_EQ(rtsp.status, StreamStatus::done);
    EXPECT_NE(rtsp.error.find("RTSP/1.0"), std::string::npos);
}

TEST(HttpRealm, ChallengeShapes) {
    EXPECT_EQ(auth_realms("Digest qop=\"auth\", realm=\"IP Camera(C2183)\", nonce=\"abc\""), std::vector<std::string>{"IP Camera(C2183)"});
    EXPECT_EQ(auth_realms("Basic realm=device"), std::vector<std::string>{"device"});
    EXPECT_EQ(auth_realms("Basic realm=\"DahuaRtsp\""), std::vector<std::string>{"DahuaRtsp"});
    EXPECT_EQ(auth_realms("Basic realm=\"a\", Digest realm=\"b\", nonce=\"c,d\", stale=FALSE"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(auth_realms("Digest REALM = \"spaced\""), std::vector<std::string>{"spaced"});
    EXPECT_EQ(auth_realms("Digest realm=\"say \\\"hi\\\"\""), std::vector<std::string>{"say \"hi\""});
    EXPECT_EQ(auth_realms("Digest realm=\"unterminated"), std::vector<std::string>{"unterminated"});
    EXPECT_EQ(auth_realms("Negotiate dGVzdA=="), std::vector<std::string>{});
    EXPECT_EQ(auth_realms("Digest nonce=\"realm=fake\""), std::vector<std::string>{});
    EXPECT_EQ(auth_realms("\"\"\"===,,,"), std::vector<std::string>{});
    EXPECT_EQ(auth_realms("Basic realm=\"" + std::string(2000, 'r') + "\"").at(0).size(), 512u);
}

TEST(HttpTitle, Shapes) {
    EXPECT_EQ(html_title("<title>AXIS</title>").value_or("?"), "AXIS");
    EXPECT_EQ(html_title("<HTML><Title id=\"t\">Hanwha Techwin</TITLE>").value_or("?"), "Hanwha Techwin");
    EXPECT_EQ(html_title("<title>A &amp; B &lt;C&gt; &#65;&#x42; &nbsp; &bogus</title>").value_or("?"), "A & B <C> AB &nbsp; &bogus");
    EXPECT_EQ(html_title("<titlebar>x</titlebar><title>real</title>").value_or("?"), "real");
    EXPECT_EQ(html_title("<title></title>").value_or("?"), "");
    EXPECT_FALSE(html_title("<title>never closed").has_value());
    EXPECT_FALSE(html_title("<title").has_value());
    EXPECT_FALSE(html_title("no title here").has_value());
    EXPECT_EQ(html_title("<title>" + std::string(3000, 't') + "</title>")->size(), 512u);
}

TEST(HttpHead, MutatedHeadsNeverCrash) {
    for (std::size_t i = 0; i < kHikvision401.size(); ++i) {
        for (char v : {'\0', '\r', '\n', ':', ' ', '"', '<', '\xff'}) {
            std::string mutated = kHikvision401;
            mutated[i] = v;
            auto head = parse_message_head(mutated);
            if (head.state == ParseState::complete) {
                EXPECT_LE(head.head_length, mutated.size());
            }
            auto r = run_http(mutated);
            for (const auto& f : r.obs.fields) EXPECT_LE(f.value.size(), 512u);
        }
    }
}

TEST(HttpAccepts, FirstBytes) {
    EXPECT_TRUE(accepts("GET / HTTP/1.1\r\n"));
    EXPECT_TRUE(accepts("POST /RPC2_Login HTTP/1.1\r\nHost: x\r\n"));
    EXPECT_TRUE(accepts("HTTP/1.1 200 OK\r\n"));
    EXPECT_TRUE(accepts("HTTP/1.0 401"));
    EXPECT_TRUE(accepts("GET /index.asp"));  // request line cut
    EXPECT_TRUE(accepts("OPTIONS * HTTP/1.1\r\n", 50000, 554));
    EXPECT_TRUE(accepts("OPTIONS * "));
    EXPECT_FALSE(accepts("OPTIONS * ", 50000, 554));  // RTSP port, no version yet
    EXPECT_FALSE(accepts("OPTIONS rtsp://10.0.0.1:554/ RTSP/1.0\r\n"));
    EXPECT_FALSE(accepts("OPTIONS rtsp://10.0.0.1:554/"));
    EXPECT_FALSE(accepts("DESCRIBE rtsp://10.0.0.1/ RTSP/1.0\r\n"));
    EXPECT_FALSE(accepts("RTSP/1.0 200 OK\r\n"));
    EXPECT_FALSE(accepts("OPTIONS sip:user@host SIP/2.0\r\n"));
    EXPECT_FALSE(accepts("SSH-2.0-OpenSSH_8.9\r\n"));
    EXPECT_FALSE(accepts("\x16\x03\x01\x02\x00"));
    EXPECT_FALSE(accepts("G"));
    EXPECT_FALSE(accepts("get / HTTP/1.1\r\n"));
}

// An ONVIF GetDeviceInformation reply seen on the wire (an NVR asking its camera, in clear) is read
// by the ONVIF body reader: the camera's maker, model, firmware and serial (issue 15, cause 4).
std::string xml_reply(std::string_view body, std::string_view type = "application/soap+xml; charset=utf-8") {
    return "HTTP/1.1 200 OK\r\nContent-Type: " + std::string(type) + "\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + std::string(body);
}

TEST(DissectHttp, OnvifDeviceInformationInAPassiveReplyIsRead) {
    const std::string body = read_fixture("onvif/hikvision-get-device-information.xml");
    auto r = run_http(xml_reply(body));
    ASSERT_EQ(r.status, StreamStatus::done) << r.error;
    const std::pair<const char*, const char*> expected[] = {{"http.status", "200"},
                                                            {"onvif.manufacturer", "HIKVISION"},
                                                            {"onvif.model", "DS-2CD3T45P1-I"},
                                                            {"onvif.firmware", "V5.5.31 build 180903"},
                                                            {"onvif.serial", "DS-2CD3T45P1-I20210803AACH248538890"}};
    for (const auto& [key, value] : expected) EXPECT_EQ(r.get(key), value) << key;
}

TEST(DissectHttp, XmlBodyWaitsForItsLastByteThenReadsWhatCame) {
    const std::string reply = xml_reply(read_fixture("onvif/hikvision-get-device-information.xml"));
    auto cut = run_http(reply.substr(0, reply.size() - 40));
    EXPECT_EQ(cut.status, StreamStatus::need_more);
    EXPECT_FALSE(cut.has("onvif.manufacturer"));
    // At the stream's end (FIN, the byte cap), a cut document is not guessed at: no ONVIF field.
    auto ended = read_stream("http", as_bytes(reply.substr(0, reply.size() - 40)), stream_meta(80, 50000, false, true));
    EXPECT_EQ(ended.get("http.status"), "200");
    EXPECT_FALSE(ended.has("onvif.manufacturer"));
}

TEST(DissectHttp, XmlBodiesOnlyWhenDeclaredAndSmall) {
    const std::string body = read_fixture("onvif/hikvision-get-device-information.xml");
    // Declared as HTML: the title reader looks at it, the ONVIF reader does not.
    EXPECT_FALSE(run_http(xml_reply(body, "text/html")).has("onvif.manufacturer"));
    // Larger than the stream keeps: not read.
    std::string big = body + std::string(13 * 1024, ' ');
    EXPECT_FALSE(run_http(xml_reply(big)).has("onvif.manufacturer"));
    // An XML document no body reader knows adds nothing.
    auto other = run_http(xml_reply("<?xml version=\"1.0\"?><config><a>1</a></config>", "text/xml"));
    EXPECT_EQ(other.status, StreamStatus::done);
    EXPECT_FALSE(other.has("onvif.manufacturer"));
    EXPECT_FALSE(other.has("upnp.manufacturer"));
}

}  // namespace
}  // namespace camsweep
