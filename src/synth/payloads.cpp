// Payload builders for the generator's scenarios; formats cited per function.
#include "camsweep/synth/payloads.hpp"

#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstdio>
#include <cstring>

#include <cstdlib>
#include <initializer_list>
#include <map>
#include <utility>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/tls.hpp"

namespace camsweep::synth {
namespace {

// ---- DER (X.690) for the generated certificate ---------------------------------------------------

std::string der(std::uint8_t tag, std::string_view content) {
    ByteWriter w;
    w.u8(tag);
    const std::size_t n = content.size();
    if (n < 0x80) {
        w.u8(static_cast<std::uint8_t>(n));
    } else if (n < 0x100) {
        w.u8(0x81).u8(static_cast<std::uint8_t>(n));
    } else {
        w.u8(0x82).be16(static_cast<std::uint16_t>(n));
    }
    return w.text(content).take_string();
}
std::string der_seq(std::string_view content) { return der(0x30, content); }
std::string der_oid(std::initializer_list<std::uint8_t> encoded) { return der(0x06, std::string(encoded.begin(), encoded.end())); }

// A Name: one RDN per attribute, in the order given (C first, as openssl writes them).
std::string der_name(const std::vector<std::pair<std::uint8_t, std::string>>& attributes) {
    std::string rdns;
    for (const auto& [attribute, value] : attributes) {
        // id-at-<n> = 2.5.4.n; countryName is a PrintableString, the rest UTF8String.
        std::string atv = der_oid({0x55, 0x04, attribute}) + der(attribute == 6 ? 0x13 : 0x0c, value);
        rdns += der(0x31, der_seq(atv));
    }
    return der_seq(rdns);
}

// Deterministic filler for key and signature bytes (not a real key: nothing verifies it).
std::string filler(std::size_t n, std::uint32_t seed) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        s.push_back(static_cast<char>((seed >> 16) & 0xff));
    }
    return s;
}

// ---- TLS 1.2 (RFC 5246 §7.4, RFC 6066 §3) ----------------------------------------------------------

std::string tls_record(std::uint8_t type, std::string_view body, std::uint16_t version = 0x0303) {
    return ByteWriter().u8(type).be16(version).be16(static_cast<std::uint16_t>(body.size())).text(body).take_string();
}
std::string tls_handshake(std::uint8_t type, std::string_view body) {
    return ByteWriter().u8(type).be24(static_cast<std::uint32_t>(body.size())).text(body).take_string();
}

}  // namespace

std::string request_of(std::string_view protocol, std::string_view message_id) {
    const ProtocolDescriptor* descriptor = find_protocol(protocol);
    if (!descriptor || !descriptor->build_request) std::abort();  // generator input is ours
    RequestContext context;
    context.message_id = message_id;
    auto bytes = descriptor->build_request(context);
    return std::string(bytes.begin(), bytes.end());
}

// The ProbeMatch layout of a real DS-2CD2385G1-I reply (research/protocols-active.md §1.4).
std::string sadp_probe_match(std::string_view uuid, const SadpDevice& d) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ProbeMatch>\n"
           "\t<Uuid>" + std::string(uuid) + "</Uuid>\n\t<Types>inquiry</Types>\n"
           "\t<DeviceType>" + d.type_code + "</DeviceType>\n"
           "\t<DeviceDescription>" + d.description + "</DeviceDescription>\n"
           "\t<DeviceSN>" + d.serial + "</DeviceSN>\n"
           "\t<CommandPort>8000</CommandPort>\n\t<HttpPort>80</HttpPort>\n"
           "\t<MAC>" + d.mac_dashed + "</MAC>\n"
           "\t<IPv4Address>" + d.ipv4 + "</IPv4Address>\n\t<IPv4SubnetMask>255.255.255.0</IPv4SubnetMask>\n"
           "\t<IPv4Gateway>" + d.gateway + "</IPv4Gateway>\n"
           "\t<IPv6Address>::</IPv6Address>\n\t<IPv6Gateway>::</IPv6Gateway>\n\t<IPv6MaskLen>64</IPv6MaskLen>\n"
           "\t<DHCP>true</DHCP>\n"
           "\t<AnalogChannelNum>" + std::to_string(d.analog) + "</AnalogChannelNum>\n"
           "\t<DigitalChannelNum>" + std::to_string(d.digital) + "</DigitalChannelNum>\n"
           "\t<SoftwareVersion>" + d.software + "</SoftwareVersion>\n"
           "\t<DSPVersion>" + d.dsp + "</DSPVersion>\n"
           "\t<BootTime>2026-10-30 07:12:44</BootTime>\n\t<Encrypt>true</Encrypt>\n\t<ResetAbility>false</ResetAbility>\n"
           "\t<DiskNumber>0</DiskNumber>\n\t<Activated>true</Activated>\n\t<PasswordResetAbility>true</PasswordResetAbility>\n"
           "\t<PasswordResetModeSecond>true</PasswordResetModeSecond>\n\t<DetailOEMCode>1</DetailOEMCode>\n"
           "\t<SupportSecurityQuestion>true</SupportSecurityQuestion>\n\t<SupportHCPlatform>true</SupportHCPlatform>\n"
           "\t<HCPlatformEnable>flase</HCPlatformEnable>\n\t<IsModifyVerificationCode>true</IsModifyVerificationCode>\n"
           "\t<Salt>5f0b3c1e9a7d2c48e6b1f03a9d7c5e2b4a6f8d0c1e3b5a7f9d2c4e6a8b0f1d3c</Salt>\n"
           "\t<DeviceLock>flase</DeviceLock>\n\t<SDKOverTLSPort>8443</SDKOverTLSPort>\n"
           "\t<SDKServerStatus>true</SDKServerStatus>\n\t<SDKOverTLSServerStatus>true</SDKOverTLSServerStatus>\n"
           "\t<SupportMailBox>true</SupportMailBox>\n</ProbeMatch>\n";
}

// The start of Hikvision's WS-Discovery envelopes, up to the header's first element: its
// namespace table (research/protocols-active.md §1.1.3).
constexpr std::string_view kHikvisionWsdEnvelopeOpen =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\" "
    "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
    "xmlns:wsadis=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:tnshik=\"http://www.hikvision.com/2011/event/topics\" "
    "xmlns:hikwsd=\"http://www.onvifext.com/onvif/ext/ver10/wsdl\" xmlns:hikxsd=\"http://www.onvifext.com/onvif/ext/ver10/schema\">\n"
    " <env:Header>\n ";

// A WS-Discovery Hello with Hikvision's namespace table and scope style
// (research/protocols-active.md §1.1.3).
std::string hikvision_wsd_hello(std::string_view uuid, std::string_view model, std::string_view mac, std::string_view ip,
                                std::string_view message_id) {
    if (message_id.empty()) message_id = uuid;
    return std::string(kHikvisionWsdEnvelopeOpen) + "<wsadis:MessageID>urn:uuid:" + std::string(message_id) + "</wsadis:MessageID>\n"
           " <wsadis:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</wsadis:To>\n"
           " <wsadis:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</wsadis:Action>\n"
           " <d:AppSequence InstanceId=\"705289\" MessageNumber=\"1\"/>\n </env:Header>\n"
           " <env:Body>\n <d:Hello>\n <wsadis:EndpointReference>\n"
           " <wsadis:Address>urn:uuid:" + std::string(uuid) + "</wsadis:Address>\n </wsadis:EndpointReference>\n"
           " <d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>\n"
           " <d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming "
           "onvif://www.onvif.org/Profile/G onvif://www.onvif.org/Profile/T onvif://www.onvif.org/MAC/" + std::string(mac) +
           " onvif://www.onvif.org/hardware/" + std::string(model) + " onvif://www.onvif.org/name/HIKVISION%20" + std::string(model) +
           " onvif://www.onvif.org/location/city/hangzhou</d:Scopes>\n"
           " <d:XAddrs>http://" + std::string(ip) + "/onvif/device_service</d:XAddrs>\n"
           " <d:MetadataVersion>10</d:MetadataVersion>\n </d:Hello>\n </env:Body>\n</env:Envelope>\n";
}

std::string hikvision_wsd_probe_matches(std::string_view relates_to, std::string_view uuid, std::string_view model,
                                        std::string_view mac, std::string_view ip) {
    return std::string(kHikvisionWsdEnvelopeOpen) + "<wsadis:MessageID>urn:uuid:" + std::string(uuid) + "</wsadis:MessageID>\n"
           " <wsadis:RelatesTo>" + std::string(relates_to) + "</wsadis:RelatesTo>\n"
           " <wsadis:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsadis:To>\n"
           " <wsadis:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsadis:Action>\n"
           " <d:AppSequence InstanceId=\"705289\" MessageNumber=\"11682\"/>\n </env:Header>\n"
           " <env:Body>\n <d:ProbeMatches>\n <d:ProbeMatch>\n <wsadis:EndpointReference>\n"
           " <wsadis:Address>urn:uuid:" + std::string(uuid) + "</wsadis:Address>\n </wsadis:EndpointReference>\n"
           " <d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>\n"
           " <d:Scopes>\n onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/Profile/Streaming\n"
           " onvif://www.onvif.org/Profile/G onvif://www.onvif.org/MAC/" + std::string(mac) +
           "\n onvif://www.onvif.org/hardware/" + std::string(model) + "\n onvif://www.onvif.org/name/HIKVISION%20" + std::string(model) +
           " onvif://www.onvif.org/location/city/hangzhou\n </d:Scopes>\n"
           " <d:XAddrs>http://" + std::string(ip) + "/onvif/device_service</d:XAddrs>\n"
           " <d:MetadataVersion>10</d:MetadataVersion>\n </d:ProbeMatch>\n </d:ProbeMatches>\n </env:Body>\n</env:Envelope>\n";
}

namespace {

// A WS-Discovery 2005/04 Hello; `xaddrs` empty leaves the element out.
std::string wsd_hello_message(std::string_view message_id, std::string_view uuid, std::string_view types, std::string_view scopes,
                              std::string_view xaddrs) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
           "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
           "<s:Header><a:MessageID>uuid:" + std::string(message_id) + "</a:MessageID>"
           "<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
           "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</a:Action></s:Header>"
           "<s:Body><d:Hello><a:EndpointReference><a:Address>urn:uuid:" + std::string(uuid) + "</a:Address></a:EndpointReference>"
           "<d:Types>" + std::string(types) + "</d:Types><d:Scopes>" + std::string(scopes) + "</d:Scopes>" +
           (xaddrs.empty() ? "" : "<d:XAddrs>" + std::string(xaddrs) + "</d:XAddrs>") +
           "<d:MetadataVersion>1</d:MetadataVersion></d:Hello></s:Body></s:Envelope>";
}

}  // namespace

// A WS-Discovery Hello with Dahua firmware's scope shape (research/protocols-active.md §1.1.4).
std::string dahua_wsd_hello(std::string_view uuid, std::string_view name, std::string_view model, std::string_view country,
                            std::string_view ip, std::string_view message_id) {
    if (message_id.empty()) message_id = uuid;
    const std::string scopes = "onvif://www.onvif.org/location/country/" + std::string(country) + " onvif://www.onvif.org/name/" +
                               std::string(name) + " onvif://www.onvif.org/hardware/" + std::string(model) +
                               " onvif://www.onvif.org/Profile/Streaming "
                               "onvif://www.onvif.org/type/Network_Video_Transmitter onvif://www.onvif.org/extension/unique_identifier/1 "
                               "onvif://www.onvif.org/Profile/T";
    return wsd_hello_message(message_id, uuid, "dn:NetworkVideoTransmitter tds:Device", scopes,
                             "http://" + std::string(ip) + "/onvif/device_service");
}

// client.notifyDevInfo as sent by real Dahua and Intelbras units (research/protocols-active.md §1.5.1).
std::string dhip_notify(const DhipDevice& d) {
    return "{\"mac\":\"" + d.mac + "\",\"method\":\"client.notifyDevInfo\",\"params\":{\"deviceInfo\":{\"AlarmInputChannels\":0,"
           "\"AlarmOutputChannels\":0,\"DeviceClass\":\"" + d.device_class + "\",\"DeviceID\":\"\",\"DeviceType\":\"" + d.device_type +
           "\",\"Find\":\"BC\",\"FindVersion\":1,\"HttpPort\":" + std::to_string(d.http_port) +
           ",\"IPv4Address\":{\"DefaultGateway\":\"" + d.gateway + "\",\"DhcpEnable\":true,\"IPAddress\":\"" + d.ip +
           "\",\"SubnetMask\":\"255.255.255.0\"},\"IPv6Address\":{\"DefaultGateway\":null,\"DhcpEnable\":false,\"IPAddress\":\"\\/0\"},"
           "\"Init\":2714,\"MachineName\":\"" + d.machine_name + "\",\"Manufacturer\":\"" + d.manufacturer +
           "\",\"Port\":37777,\"RemoteVideoInputChannels\":0,\"SerialNo\":\"" + d.serial + "\",\"UnLoginFuncMask\":1,\"Vendor\":\"" +
           d.vendor + "\",\"Version\":\"" + d.version + "\",\"VideoInputChannels\":" + std::to_string(d.video_inputs) +
           ",\"VideoOutputChannels\":0}}}\n";
}

std::string ssdp_notify(std::string_view location, std::string_view server, std::string_view uuid, std::string_view nt) {
    std::string usn = "uuid:" + std::string(uuid) + (nt.starts_with("uuid:") ? "" : "::" + std::string(nt));
    return "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: " + std::string(location) +
           "\r\nNT: " + std::string(nt) + "\r\nNTS: ssdp:alive\r\nSERVER: " + std::string(server) + "\r\nUSN: " + usn + "\r\n\r\n";
}

std::string ssdp_search_response(std::string_view location, std::string_view server, std::string_view uuid, std::string_view st) {
    return "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: " + std::string(location) + "\r\nSERVER: " +
           std::string(server) + "\r\nST: " + std::string(st) + "\r\nUSN: uuid:" + std::string(uuid) + "::" + std::string(st) + "\r\n\r\n";
}

// ---- DHCPv4 ------------------------------------------------------------------------------------

std::vector<DhcpOption> with_type(std::uint8_t type, std::vector<DhcpOption> options) {
    options.insert(options.begin(), DhcpOption{53, {type}});
    return options;
}

// ---- DNS message builder (RFC 1035 §4.1) --------------------------------------------------------

std::string dns_name(std::string_view dotted) {
    std::string s;
    while (!dotted.empty()) {
        auto dot = dotted.find('.');
        std::string_view label = dotted.substr(0, dot);
        s.push_back(static_cast<char>(label.size()));
        s.append(label);
        dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
    }
    s.push_back('\0');
    return s;
}

std::string dns_message(std::uint16_t id, std::uint16_t flags, const std::vector<DnsQuestion>& questions,
                        const std::vector<DnsRecord>& answers, const std::vector<DnsRecord>& authority,
                        const std::vector<DnsRecord>& additional) {
    ByteWriter w;
    w.be16(id).be16(flags);
    for (std::size_t count : {questions.size(), answers.size(), authority.size(), additional.size()})
        w.be16(static_cast<std::uint16_t>(count));
    for (const auto& q : questions) w.text(q.raw_name.empty() ? dns_name(q.name) : q.raw_name).be16(q.type).be16(q.klass);
    for (const auto* section : {&answers, &authority, &additional})
        for (const auto& r : *section) {
            w.text(r.raw_name.empty() ? dns_name(r.name) : r.raw_name).be16(r.type).be16(r.klass).be32(r.ttl);
            w.be16(static_cast<std::uint16_t>(r.rdata.size())).text(r.rdata);
        }
    return w.take_string();
}

std::string a_rdata(const IpAddress& ip) { return ByteWriter().ipv4(ip).take_string(); }
std::string srv_rdata(std::uint16_t port, std::string_view target) {
    return ByteWriter().be16(0).be16(0).be16(port).text(dns_name(target)).take_string();  // priority, weight, port, target
}
std::string txt_rdata(const std::vector<std::string>& texts) {
    std::string s;
    for (const auto& t : texts) {
        s.push_back(static_cast<char>(t.size()));
        s += t;
    }
    return s;
}

std::string mdns_service_response(std::string_view service, std::string_view instance_label, std::string_view host, std::uint16_t port,
                                  const std::vector<std::string>& txt, const IpAddress& ip) {
    const std::string instance = std::string(instance_label) + "." + std::string(service);
    return dns_message(0, 0x8400, {},
                       {{std::string(service), 12, 1, 4500, dns_name(instance)},
                        {instance, 33, 0x8001, 120, srv_rdata(port, host)},
                        {instance, 16, 0x8001, 4500, txt_rdata(txt)},
                        {std::string(host), 1, 0x8001, 120, a_rdata(ip)}});
}

// ---- XiongMai (research/protocols-active.md §1.6; python-dvr struct "BBHIIHHI") -------------------

std::string xm_message(std::string_view body, std::uint16_t message_id, std::int64_t length_override) {
    ByteWriter w;
    w.u8(0xff).u8(message_id == 1530 ? 0 : 1).zeros(2);
    w.le32(0);  // session
    w.le32(0);  // sequence
    w.zeros(2).le16(message_id);
    w.le32(length_override >= 0 ? static_cast<std::uint32_t>(length_override) : static_cast<std::uint32_t>(body.size()));
    w.text(body);
    return w.take_string();
}

// A reply as devices send it: the JSON, a NUL counted by the length.
std::string xm_reply(std::string_view json) {
    std::string body(json);
    body.push_back('\0');
    return xm_message(body, 1531);
}

std::string xm_address(const IpAddress& ip) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%02X%02X%02X%02X", ip.octets[3], ip.octets[2], ip.octets[1], ip.octets[0]);
    return text;
}

// ---- The searches of makers outside the covered list (research/vendor-discovery.md §2, protocols-active.md §1.6)

std::string bosch_binary_reply(std::uint32_t sequence, const Host& unit, const IpAddress& gateway, std::uint8_t hardware_id) {
    ByteWriter w;
    w.u8(0x99).u8(0x39).u8(0xa4).u8(0x27).be32(sequence).mac(unit.mac).u8(0x00).u8(0xf0).ipv4(unit.ip);
    w.ipv4(ipv4("255.255.255.0")).ipv4(gateway).u8(0x00).u8(0x00).u8(0x00).u8(hardware_id);
    return w.take_string();
}

std::string bosch_xml_reply(const Host& unit, const IpAddress& gateway, std::string_view physical, std::string_view serial) {
    return "<root xmlns=\"OEMExt50:device-1-0\"><device><deviceType>OEMExt50:device:deviceIDf0</deviceType>"
           "<friendlyName>Dinion</friendlyName><unitName>" + unit.ip.to_string() + " - Unit</unitName>"
           "<serialNumber>" + std::string(serial) + "</serialNumber><physAddress>" + std::string(physical) +
           "</physAddress><sessionKey>0000000000000000</sessionKey><unitIPAddress>" + unit.ip.to_string() +
           "</unitIPAddress><unitSubnetMask>255.255.255.0</unitSubnetMask><unitGatewayIp>" + gateway.to_string() + "</unitGatewayIp>"
           "<activeConnections>0</activeConnections><HTTPPort>80</HTTPPort><HTTPSPort>443</HTTPSPort><dhcp>0</dhcp>"
           "<cameraFrontendID>4881</cameraFrontendID><ClusterID>0</ClusterID></device></root>";
}

std::string hanwha_reply(const Host& unit, const IpAddress& gateway, std::string_view mac_text, std::string_view model) {
    ByteWriter w;
    w.u8(0x0b).zeros(18).padded(mac_text, 18).padded(unit.ip.to_string(), 16).padded("255.255.255.0", 16).padded(gateway.to_string(), 16);
    w.zeros(24).padded(model, 10).zeros(14).padded("http://" + unit.ip.to_string() + "/index.htm", 39);
    w.zeros(262 - w.size());
    return w.take_string();
}

// ---- TLS 1.2 (RFC 5246 §7.4, RFC 6066 §3) ----------------------------------------------------------

// A self-signed X.509 v3 certificate with the default Hikvision DVR/NVR subject recorded by
// Recog (research/protocols-active.md §1.7.1, protocols-passive.md §2.10):
// CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN.
std::string hikvision_certificate() {
    const DistinguishedName name = {{"C", "CN"}, {"ST", "ZheJiang"}, {"L", "HangZhou"}, {"O", "HIKVISION"}, {"OU", "DVRNVR"}, {"CN", "www.hikvision.com"}};
    return certificate_with(name, name);
}

std::string certificate_with(const DistinguishedName& subject, const DistinguishedName& issuer) {
    static const std::map<std::string, std::uint8_t> kAttributes = {{"C", 6}, {"ST", 8}, {"L", 7}, {"O", 10}, {"OU", 11}, {"CN", 3}};
    auto encoded = [](const DistinguishedName& dn) {
        std::vector<std::pair<std::uint8_t, std::string>> attributes;
        for (const auto& [key, value] : dn)
            if (auto it = kAttributes.find(key); it != kAttributes.end()) attributes.emplace_back(it->second, value);
        return der_name(attributes);
    };
    const std::string sha256_rsa = der_seq(der_oid({0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b}) + der(0x05, ""));
    const std::string rsa = der_seq(der_oid({0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}) + der(0x05, ""));
    std::string modulus = std::string(1, '\0') + filler(128, 0x68696b76);
    modulus[1] = static_cast<char>(modulus[1] | 0x80);
    const std::string public_key = der_seq(der(0x02, modulus) + der(0x02, std::string{'\x01', '\x00', '\x01'}));
    const std::string spki = der_seq(rsa + der(0x03, std::string(1, '\0') + public_key));
    const std::string validity = der_seq(der(0x17, "191217000000Z") + der(0x18, "20371231235959Z"));
    const std::string tbs = der_seq(der(0xa0, der(0x02, std::string(1, '\x02'))) + der(0x02, std::string{'\x5d', '\xf8', '\x9a', '\x01'}) +
                                    sha256_rsa + encoded(issuer) + validity + encoded(subject) + spki);
    return der_seq(tbs + sha256_rsa + der(0x03, std::string(1, '\0') + filler(128, 0x7369676e)));
}

std::string wsd_hello(std::string_view uuid, std::string_view types, std::string_view scopes) {
    return wsd_hello_message(uuid, uuid, types, scopes, {});
}

std::string onvif_device_information(std::string_view manufacturer, std::string_view model, std::string_view firmware,
                                     std::string_view serial, std::string_view hardware_id) {
    auto element = [](std::string_view name, std::string_view value) {
        return "<tds:" + std::string(name) + ">" + std::string(value) + "</tds:" + std::string(name) + ">";
    };
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\"><SOAP-ENV:Body><tds:GetDeviceInformationResponse>" +
           element("Manufacturer", manufacturer) + element("Model", model) + element("FirmwareVersion", firmware) +
           element("SerialNumber", serial) + element("HardwareId", hardware_id) +
           "</tds:GetDeviceInformationResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>";
}

std::string tls_client_hello(std::string_view sni, std::uint32_t seed) {
    const std::string random = filler(32, seed);
    const auto hello = camsweep::tls_client_hello(sni, camsweep::as_bytes(random));
    return std::string(hello.begin(), hello.end());
}

// ServerHello + Certificate + ServerHelloDone in one handshake record.
std::string tls_server_flight(const std::string& certificate_der) {
    ByteWriter hello;
    hello.be16(0x0303).text(filler(32, 0x53525652));
    hello.u8(0);        // no session id
    hello.be16(0xc02f);
    hello.u8(0);        // null compression
    ByteWriter certificate;  // the list's length, then each certificate with its own
    certificate.be24(static_cast<std::uint32_t>(certificate_der.size() + 3)).be24(static_cast<std::uint32_t>(certificate_der.size()));
    certificate.text(certificate_der);
    return tls_record(22, tls_handshake(2, hello.take_string()) + tls_handshake(11, certificate.take_string()) + tls_handshake(14, ""));
}

// ---- Linux netlink ----------------------------------------------------------------------------------

namespace {

template <typename T>
void append_raw(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void append_attribute(std::string& out, std::uint16_t type, const std::uint8_t* value, std::size_t length) {
    rtattr attribute{};
    attribute.rta_len = static_cast<std::uint16_t>(RTA_LENGTH(length));
    attribute.rta_type = type;
    append_raw(out, attribute);
    out.append(reinterpret_cast<const char*>(value), length);
    out.append(RTA_ALIGN(attribute.rta_len) - attribute.rta_len, '\0');
}

std::string netlink_message(std::uint16_t type, const std::string& body) {
    nlmsghdr header{};
    header.nlmsg_len = static_cast<std::uint32_t>(NLMSG_LENGTH(body.size()));
    header.nlmsg_type = type;
    header.nlmsg_flags = NLM_F_MULTI;
    header.nlmsg_seq = 1;
    std::string out;
    append_raw(out, header);
    out += body;
    out.append(NLMSG_ALIGN(out.size()) - out.size(), '\0');
    return out;
}

}  // namespace

std::string netlink_neighbour(const IpAddress& ip, std::string_view mac, std::uint16_t state, int interface_index) {
    ndmsg head{};
    head.ndm_family = ip.family == IpAddress::Family::v4 ? AF_INET : AF_INET6;
    head.ndm_ifindex = interface_index;
    head.ndm_state = state;
    std::string body;
    append_raw(body, head);
    append_attribute(body, NDA_DST, ip.octets.data(), ip.family == IpAddress::Family::v4 ? 4 : 16);
    if (auto parsed = MacAddress::parse(mac)) append_attribute(body, NDA_LLADDR, parsed->octets.data(), 6);
    return netlink_message(RTM_NEWNEIGH, body);
}

std::string netlink_end(int error) {
    if (error == 0) return netlink_message(NLMSG_DONE, std::string(4, '\0'));
    std::string body;
    append_raw(body, -error);
    nlmsghdr echoed{};
    append_raw(body, echoed);
    return netlink_message(NLMSG_ERROR, body);
}

}  // namespace camsweep::synth
