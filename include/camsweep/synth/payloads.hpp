#pragma once
// Payloads in the vendors' real wire formats (research/protocols-active.md, cited per function),
// shared by the generator's scenarios.
#include <string>
#include <string_view>
#include <vector>

namespace camsweep::synth {

struct SadpDevice {
    std::string type_code, description, serial, mac_dashed, ipv4, gateway, software, dsp;
    int analog = 0, digital = 1;
};

struct DhipDevice {
    std::string mac, device_class, device_type, ip, gateway, machine_name, manufacturer, serial, vendor, version;
    int video_inputs = 1, http_port = 80;
};

// The request a registered protocol's prober would send (ProtocolDescriptor::build_request), as
// the generator's payload: the generator never writes a request of its own.
std::string request_of(std::string_view protocol, std::string_view message_id = {});

// The ProbeMatch layout of a real DS-2CD2385G1-I reply (research/protocols-active.md §1.4).
std::string sadp_probe_match(std::string_view uuid, const SadpDevice& d);

// A WS-Discovery Hello with Hikvision's namespace table and scope style
// (research/protocols-active.md §1.1.3).
std::string hikvision_wsd_hello(std::string_view uuid, std::string_view model, std::string_view mac, std::string_view ip);

// A WS-Discovery ProbeMatches answering the Probe whose MessageID is `relates_to`, in the layout
// of a real DS-2CD3955FWD-IWS reply (research/protocols-active.md §1.1.3 (a)).
std::string hikvision_wsd_probe_matches(std::string_view relates_to, std::string_view uuid, std::string_view model,
                                        std::string_view mac, std::string_view ip);

// A WS-Discovery Hello with Dahua firmware's scope shape (research/protocols-active.md §1.1.4).
std::string dahua_wsd_hello(std::string_view uuid, std::string_view name, std::string_view model, std::string_view country,
                            std::string_view ip);

// client.notifyDevInfo as sent by real Dahua and Intelbras units (research/protocols-active.md §1.5.1).
std::string dhip_notify(const DhipDevice& d);

// XiongMai / XMeye search reply bodies seen in real captures (research/protocols-active.md §1.6),
// shared by the generator's golden capture and the dissector's tests.

// Reply body from a real unit, quoted in sol-vin/xet (code index idx:10087480338).
inline constexpr std::string_view kXiongmaiReplyXet =
    R"({ "NetWork.NetCommon" : { "ChannelNum" : 1, "DeviceType" : 1, "GateWay" : "0x010BA8C0", "HostIP" : "0x6D0BA8C0", "HostName" : "LocalHost", "HttpPort" : 80, "MAC" : "00:12:31:08:bb:97", "MaxBps" : 0, "MonMode" : "TCP", "NetConnectState" : 0, "OtherFunction" : "D=2019-02-28 17:30:58 V=92a9902100ec7c4", "SN" : "41e6853ada5e9323", "SSLPort" : 8443, "Submask" : "0x00FFFFFF", "TCPMaxConn" : 10, "TCPPort" : 34567, "TransferPlan" : "Quality", "UDPPort" : 34568, "UseHSDownLoad" : false }, "Ret" : 100, "SessionID" : "0x00000000" })";

// Broadcast of a factory-reset device, quoted in a Go tool (code index idx:43385522421): it
// carries Version and BuildDate.
inline constexpr std::string_view kXiongmaiReplyFactoryReset =
    "{\n\t\"Name\" : \"NetWork.NetCommon\",\n\t\"NetWork.NetCommon\" :\n\t{\n\t\t\"DeviceType\" : 43,\n"
    "\t\t\"GateWay\" : \"0x0101a8c0\",\n\t\t\"HostIP\" : \"0x0a01a8c0\",\n\t\t\"HostName\" : \"IPC_6a6b\",\n"
    "\t\t\"HttpPort\" : 80,\n\t\t\"MAC\" : \"00:12:31:09:b7:9e\",\n\t\t\"MaxBps\" : 0,\n\t\t\"MonMode\" : \"TCP\",\n"
    "\t\t\"SN\" : \"a5b23b431b14712e\",\n\t\t\"SSLPort\" : 8443,\n\t\t\"Submask\" : \"0x00ffffff\",\n"
    "\t\t\"TCPMaxConn\" : 10,\n\t\t\"TCPPort\" : 34567,\n\t\t\"TransferPlan\" : \"Quality\",\n\t\t\"UDPPort\" : 34568,\n"
    "\t\t\"UseHSDownLoad\" : false,\n\t\t\"Version\" : \"V4.02.R12.E7335520.12012.047502.00000\",\n"
    "\t\t\"BuildDate\" : \"2018-09-17 10:47:30\" ,\n\t\t\"OtherFunction\": \"D=2022-08-12 11:14:35 V=0832fc42ad047dc\"\n"
    "\t},\n\t\"Ret\" : 100,\n\t\"SessionID\" : \"0x00000000\"\n}\n";

// Besder 6024PB-XMA501 capture (write-up idx:10938273254); the write-up redacts MAC, SN and
// HostName, replaced here by stand-ins.
inline constexpr std::string_view kXiongmaiReplyBesder =
    R"({"NetWork.NetCommon":{"BuildDate":"2020-11-24 16:47:14","ChannelNum":1,"DeviceType":24,"GateWay":"0x0100A8C0","HostIP":"0x6700A8C0","HostName":"camera_5a6b","HttpPort":80,"MAC":"A8:B5:8E:12:5A:6B","MonMode":"TCP","NetConnectState":0,"OtherFunction":"D=2026-01-26 09:39:00 V=d7c59c8b475d964","SN":"9a1b2c3d4e5f6071","SSLPort":8443,"Submask":"0x00FFFFFF","TCPMaxConn":10,"TCPPort":34567,"UDPPort":34568,"UseHSDownLoad":false,"Version":"V5.00.R02.00030747.10010.349f17.0000000"},"Ret":100,"SessionID":"0x00000000"})";

std::string ssdp_notify(std::string_view location, std::string_view server, std::string_view uuid, std::string_view nt);
// The answer to an M-SEARCH: the response header set of research/protocols-active.md §1.2.
std::string ssdp_search_response(std::string_view location, std::string_view server, std::string_view uuid, std::string_view st);

}  // namespace camsweep::synth
