// Payload builders for the generator's scenarios; formats cited per function.
#include "camsweep/synth/payloads.hpp"

#include <cstdlib>

#include "camsweep/dissect/protocol.hpp"

namespace camsweep::synth {

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
std::string hikvision_wsd_hello(std::string_view uuid, std::string_view model, std::string_view mac, std::string_view ip) {
    return std::string(kHikvisionWsdEnvelopeOpen) + "<wsadis:MessageID>urn:uuid:" + std::string(uuid) + "</wsadis:MessageID>\n"
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

// A WS-Discovery Hello with Dahua firmware's scope shape (research/protocols-active.md §1.1.4).
std::string dahua_wsd_hello(std::string_view uuid, std::string_view name, std::string_view model, std::string_view country,
                            std::string_view ip) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
           "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\" "
           "xmlns:dn=\"http://www.onvif.org/ver10/network/wsdl\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
           "<s:Header><a:MessageID>uuid:" + std::string(uuid) + "</a:MessageID>"
           "<a:To>urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To>"
           "<a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/Hello</a:Action></s:Header>"
           "<s:Body><d:Hello><a:EndpointReference><a:Address>urn:uuid:" + std::string(uuid) + "</a:Address></a:EndpointReference>"
           "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
           "<d:Scopes>onvif://www.onvif.org/location/country/" + std::string(country) + " onvif://www.onvif.org/name/" + std::string(name) +
           " onvif://www.onvif.org/hardware/" + std::string(model) + " onvif://www.onvif.org/Profile/Streaming "
           "onvif://www.onvif.org/type/Network_Video_Transmitter onvif://www.onvif.org/extension/unique_identifier/1 "
           "onvif://www.onvif.org/Profile/T</d:Scopes>"
           "<d:XAddrs>http://" + std::string(ip) + "/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>"
           "</d:Hello></s:Body></s:Envelope>";
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

}  // namespace camsweep::synth
