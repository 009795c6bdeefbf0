#pragma once
// Emulated cameras for the prober's tests (loopback_lab.hpp), in the vendors' real wire formats:
// shared by the loopback tests (test_scan_devices.cpp) and the network-namespace tests
// (test_scan_multicast.cpp).
#include <functional>
#include <string>
#include <vector>

#include "camsweep/dissect/parsers.hpp"
#include "camsweep/synth/payloads.hpp"
#include "loopback_lab.hpp"

namespace camsweep::lab {

// Replies to a request once it is whole, by the request's first line.
inline TcpBehaviour answer(std::function<std::string(const std::string& request)> by_request,
                    TcpBehaviour::After after = TcpBehaviour::After::close) {
    TcpBehaviour b;
    b.reply = [by_request](const std::string& request) { return request_whole(request) ? by_request(request) : std::string(); };
    b.after = after;
    return b;
}

// A Hikvision camera: SADP and WS-Discovery answers, the App-webs web server, an ONVIF service
// that answers GetSystemDateAndTime and refuses the rest, and the RTSP server of the real ffmpeg
// exchange (research/protocols-active.md §1.1.5, §1.3, §1.4).
inline void hikvision_camera(Device& d, std::string address = "127.0.0.11", std::string gateway = "127.0.0.1") {
    d.udp(37020, [address, gateway](const std::string& request) -> std::vector<UdpReply> {
        if (request.find("<Types>inquiry</Types>") == std::string::npos) return {};
        return {{synth::sadp_probe_match("8282F1DB-2FA6-4709-B261-3C6B6A48CA17",
                                         {"141945", "DS-2CD2385G1-I", "DS-2CD2385G1-I20250414AAWRE33842150", "58-50-ed-1f-e3-85",
                                          address, gateway, "V5.7.3build 230217", "V7.3 build 230210", 0, 1})}};
    });
    d.udp(3702, [address](const std::string& request) -> std::vector<UdpReply> {
        const std::size_t id_at = request.find("urn:uuid:");
        if (request.find("Probe") == std::string::npos || id_at == std::string::npos) return {};
        const std::string relates_to = request.substr(id_at, request.find('<', id_at) - id_at);
        return {{synth::hikvision_wsd_probe_matches(relates_to, "18ec6401-3aa0-11b5-83f6-5850ed1fe385", "DS-2CD2385G1-I",
                                                    "58:50:ed:1f:e3:85", address)}};
    });
    d.tcp(80, answer([](const std::string& request) {
        if (request.starts_with("GET / ")) {
            return http_response("HTTP/1.1 200 OK", "Server: App-webs/\r\nContent-Type: text/html\r\nConnection: close\r\n",
                                      "<!DOCTYPE html><html><head><title>Login</title></head><body></body></html>");
        }
        if (request.find("GetSystemDateAndTime") != std::string::npos) {
            return http_response(
                "HTTP/1.1 200 OK", "Server: App-webs/\r\nContent-Type: application/soap+xml; charset=utf-8\r\nConnection: close\r\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
                "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" xmlns:tt=\"http://www.onvif.org/ver10/schema\" "
                "xmlns:hikwsd=\"http://www.onvifext.com/onvif/ext/ver10/wsdl\" xmlns:hikxsd=\"http://www.onvifext.com/onvif/ext/ver10/schema\">"
                "<env:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>"
                "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8:00:00</tt:TZ></tt:TimeZone>"
                "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></env:Body></env:Envelope>");
        }
        return http_response(
            "HTTP/1.1 400 Bad Request", "Server: App-webs/\r\nContent-Type: application/soap+xml; charset=utf-8\r\nConnection: close\r\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" "
            "xmlns:ter=\"http://www.onvif.org/ver10/error\"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value>"
            "<env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">"
            "Sender not Authorized</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>");
    }));
    d.tcp(554, answer([](const std::string& request) {
        if (request.starts_with("OPTIONS"))
            return std::string("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, "
                               "GET_PARAMETER\r\nDate:  Thu, May 14 2020 16:45:35 GMT\r\n\r\n");
        return std::string("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"IP Camera(C2875)\", "
                           "nonce=\"938032d91ffc30ca80b5da94c18887ac\", stale=\"FALSE\"\r\nDate:  Thu, May 14 2020 16:45:35 GMT\r\n\r\n");
    }));
}

// A Dahua camera (DHIP reply A, §1.5.1) and an Amcrest OEM unit (§1.7.2), each with the RTSP
// realm "Login to <serial>" of the real VLC exchange (§1.3).
inline void dahua_family_camera(Device& d, const synth::DhipDevice& info) {
    d.udp(37810, [info](const std::string& request) -> std::vector<UdpReply> {
        if (request.find("DHDiscover.search") == std::string::npos) return {};
        const auto packet = dhip_packet(synth::dhip_notify(info));
        return {{std::string(packet.begin(), packet.end())}};
    });
    d.tcp(554, answer([serial = info.serial](const std::string& request) {
        if (request.starts_with("OPTIONS"))
            return std::string("RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: Rtsp Server/3.0\r\nPublic: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, "
                               "PLAY, RECORD, PAUSE, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n\r\n");
        return "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"Login to " + serial +
               "\", nonce=\"745449738fdf77164f570c37c9186b52\"\r\n\r\n";
    }));
}

}  // namespace camsweep::lab
