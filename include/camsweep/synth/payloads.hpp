#pragma once
// Payloads in the vendors' real wire formats (research/protocols-active.md, cited per function),
// shared by the generator's scenarios.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/synth/frames.hpp"

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
// (research/protocols-active.md §1.1.3). `uuid` is the device's endpoint; each Hello has its own
// MessageID (`message_id`, the endpoint's uuid when empty).
std::string hikvision_wsd_hello(std::string_view uuid, std::string_view model, std::string_view mac, std::string_view ip,
                                std::string_view message_id = {});

// A WS-Discovery ProbeMatches answering the Probe whose MessageID is `relates_to`, in the layout
// of a real DS-2CD3955FWD-IWS reply (research/protocols-active.md §1.1.3 (a)).
std::string hikvision_wsd_probe_matches(std::string_view relates_to, std::string_view uuid, std::string_view model,
                                        std::string_view mac, std::string_view ip);

// A WS-Discovery Hello with Dahua firmware's scope shape (research/protocols-active.md §1.1.4).
std::string dahua_wsd_hello(std::string_view uuid, std::string_view name, std::string_view model, std::string_view country,
                            std::string_view ip, std::string_view message_id = {});

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


// ---- DHCPv4 ------------------------------------------------------------------------------------

// The parameter request list seen from udhcp-based cameras (research/protocols-passive.md §2.0).
inline const DhcpOption kUdhcpPrl{55, {1, 3, 6, 12, 15, 28, 42}};

// `options` with the DHCP message type (option 53) in front.
std::vector<DhcpOption> with_type(std::uint8_t type, std::vector<DhcpOption> options);

// ---- DNS, mDNS, LLMNR, NBNS (RFC 1035 §4.1) ------------------------------------------------------

std::string dns_name(std::string_view dotted);

struct DnsRecord {
    DnsRecord(std::string n, std::uint16_t t, std::uint16_t k, std::uint32_t time_to_live, std::string data, std::string raw = {})
        : name(std::move(n)), type(t), klass(k), ttl(time_to_live), rdata(std::move(data)), raw_name(std::move(raw)) {}
    std::string name;      // dotted; ignored when `raw_name` is set
    std::uint16_t type;
    std::uint16_t klass;
    std::uint32_t ttl;
    std::string rdata;
    std::string raw_name;  // wire bytes instead of `name` (compression pointers, hostile names)
};

struct DnsQuestion {
    DnsQuestion(std::string n, std::uint16_t t = 1, std::uint16_t k = 1, std::string raw = {})
        : name(std::move(n)), type(t), klass(k), raw_name(std::move(raw)) {}
    std::string name;
    std::uint16_t type;
    std::uint16_t klass;
    std::string raw_name;
};

std::string dns_message(std::uint16_t id, std::uint16_t flags, const std::vector<DnsQuestion>& questions,
                        const std::vector<DnsRecord>& answers, const std::vector<DnsRecord>& authority = {},
                        const std::vector<DnsRecord>& additional = {});
std::string a_rdata(const IpAddress& ip);
std::string srv_rdata(std::uint16_t port, std::string_view target);
std::string txt_rdata(const std::vector<std::string>& texts);

// An mDNS service announcement (RFC 6763): PTR <service> -> "<instance_label>.<service>", its SRV
// (port, host) and TXT, and the host's A record (research/protocols-active.md §1.2).
std::string mdns_service_response(std::string_view service, std::string_view instance_label, std::string_view host, std::uint16_t port,
                                  const std::vector<std::string>& txt, const IpAddress& ip);

// ---- XiongMai (research/protocols-active.md §1.6) -------------------------------------------------

// The 20-byte header (python-dvr struct "BBHIIHHI") and the body; `length_override` >= 0 lies
// about the body length.
std::string xm_message(std::string_view body, std::uint16_t message_id, std::int64_t length_override = -1);
// A reply as devices send it: the JSON, a NUL counted by the length.
std::string xm_reply(std::string_view json);
// "0x6D0BA8C0": the little-endian hexadecimal IPv4 address of a reply's HostIP and GateWay.
std::string xm_address(const IpAddress& ip);

// ---- The searches of makers outside the covered list ---------------------------------------------
// Replies in the layouts cited in src/dissect/bosch.cpp and hanwha.cpp (research/vendor-discovery.md
// §2, protocols-active.md §1.6), mask 255.255.255.0.

// Bosch binary autodetect reply, 32 bytes (hawell/rcpplus autodetect(), UniversalScanner Bosch.cs):
// `sequence` echoes the search's, legacy id nibble 0xF so `hardware_id` (0x47 Dinion 1080P) counts.
std::string bosch_binary_reply(std::uint32_t sequence, const Host& unit, const IpAddress& gateway, std::uint8_t hardware_id);
// Bosch XML reply: the element list of a real Dinion reply (pastebin SpS7BacD via the research);
// `physical` is the MAC as the unit writes it ("00-04-63-37-03-86").
std::string bosch_xml_reply(const Host& unit, const IpAddress& gateway, std::string_view physical, std::string_view serial);
// Hanwha 0x0b reply, 262 bytes (UniversalScanner Hanwha.cs; the SND-6083 answer quoted there):
// 18 echoed bytes (zero here, as UniversalScanner's request), the text fields, the rest zero.
std::string hanwha_reply(const Host& unit, const IpAddress& gateway, std::string_view mac_text, std::string_view model);

// ---- TLS 1.2 (RFC 5246 §7.4, RFC 6066 §3) ----------------------------------------------------------

// The default Hikvision DVR/NVR certificate (DER) recorded by Recog
// (research/protocols-active.md §1.7.1, protocols-passive.md §2.10).
std::string hikvision_certificate();
// A self-signed-looking X.509 v3 certificate with the given subject and issuer, each a list of
// (attribute, value) in order; attributes C, ST, L, O, OU, CN (others are left out).
using DistinguishedName = std::vector<std::pair<std::string, std::string>>;
std::string certificate_with(const DistinguishedName& subject, const DistinguishedName& issuer);
// A WS-Discovery 2005/04 Hello announcing `types` and `scopes` (space-separated, as on the wire).
std::string wsd_hello(std::string_view uuid, std::string_view types, std::string_view scopes);
// An ONVIF GetDeviceInformationResponse in its SOAP 1.2 envelope (ONVIF Device Management
// Service: Manufacturer, Model, FirmwareVersion, SerialNumber, HardwareId).
std::string onvif_device_information(std::string_view manufacturer, std::string_view model, std::string_view firmware,
                                     std::string_view serial, std::string_view hardware_id);
// A ClientHello record with `sni` (none when empty); `seed` fills the client random.
std::string tls_client_hello(std::string_view sni, std::uint32_t seed);
// ServerHello + Certificate + ServerHelloDone in one handshake record.
std::string tls_server_flight(const std::string& certificate_der);

// ---- Linux netlink (rtnetlink(7)) -------------------------------------------------------------------

// One RTM_NEWNEIGH message as the kernel sends it in a neighbour dump (host byte order): `state`
// is a NUD_* value; an empty `mac` leaves NDA_LLADDR out (an unresolved entry).
std::string netlink_neighbour(const IpAddress& ip, std::string_view mac, std::uint16_t state, int interface_index);
// NLMSG_DONE (`error` 0) or NLMSG_ERROR carrying -`error`, ending a dump.
std::string netlink_end(int error = 0);

}  // namespace camsweep::synth
