#include "els/platform/oauth1.hpp"

#include "els/platform/error.hpp"
#include "hex.hpp"

#include <algorithm>
#include <array>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <optional>
#include <stdexcept>

namespace els::platform::oauth1 {
namespace {

constexpr std::string_view hexDigits = "0123456789ABCDEF";

bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// ASCII only, never <cctype>: QCoreApplication sets the process locale from the environment, and
// in a single-byte locale (e.g. pl_PL.ISO-8859-2) isalnum() accepts 'ą', which would then go
// unencoded and break the signature (RFC 5849 §3.6 is defined on bytes).
bool isUnreserved(unsigned char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

char asciiLower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

char asciiUpper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

std::optional<int> hexValue(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return std::nullopt;
}

std::string toLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), asciiLower);
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string base64(const unsigned char* data, std::size_t size) {
    std::string out(4 * ((size + 2) / 3), '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

} // namespace

std::string percentEncode(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUnreserved(c)) {
            out += ch;
        } else {
            out += '%';
            out += hexDigits[c >> 4];
            out += hexDigits[c & 0x0F];
        }
    }
    return out;
}

std::string percentDecode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const auto high = hexValue(text[i + 1]);
            const auto low = hexValue(text[i + 2]);
            if (high && low) {
                out += static_cast<char>((*high << 4) | *low);
                i += 2;
                continue;
            }
        }
        // A stray '%' is kept literally: lenient like most servers, and never ambiguous.
        out += text[i];
    }
    return out;
}

std::string normalizeParameters(const Parameters& parameters) {
    std::vector<std::pair<std::string, std::string>> encoded;
    encoded.reserve(parameters.size());
    for (const auto& [name, value] : parameters) {
        if (name == "oauth_signature")
            continue;
        encoded.emplace_back(percentEncode(name), percentEncode(value));
    }
    // §3.4.1.3.2: sort by encoded name, then by encoded value (byte order).
    std::sort(encoded.begin(), encoded.end());
    std::string out;
    for (const auto& [name, value] : encoded) {
        if (!out.empty())
            out += '&';
        out += name;
        out += '=';
        out += value;
    }
    return out;
}

std::string baseStringUri(std::string_view url) {
    const auto schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        throw std::invalid_argument("OAuth: URL without a scheme");
    const std::string scheme = toLower(url.substr(0, schemeEnd));
    std::string_view rest = url.substr(schemeEnd + 3);
    rest = rest.substr(0, rest.find_first_of("?#"));

    const auto pathStart = rest.find('/');
    std::string_view authority = rest.substr(0, pathStart);
    const std::string_view path =
        pathStart == std::string_view::npos ? std::string_view("/") : rest.substr(pathStart);
    if (const auto at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);

    std::string host(authority);
    std::string port;
    // The port follows the last ':' unless that ':' belongs to an IPv6 literal.
    if (const auto colon = authority.rfind(':');
        colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
        host = authority.substr(0, colon);
        port = authority.substr(colon + 1);
    }
    host = toLower(host);
    if (host.empty())
        throw std::invalid_argument("OAuth: URL without a host");

    std::string out = scheme + "://" + host;
    const bool defaultPort =
        port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
    if (!defaultPort)
        out += ":" + port;
    out += path;
    return out;
}

std::string signatureBaseString(std::string_view method, std::string_view url,
                                const Parameters& parameters) {
    std::string upperMethod(method);
    std::transform(upperMethod.begin(), upperMethod.end(), upperMethod.begin(), asciiUpper);
    return upperMethod + '&' + percentEncode(baseStringUri(url)) + '&' +
           percentEncode(normalizeParameters(parameters));
}

std::string hmacSha1Signature(std::string_view baseString, std::string_view consumerSecret,
                              std::string_view tokenSecret) {
    const std::string key = percentEncode(consumerSecret) + '&' + percentEncode(tokenSecret);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digestSize = 0;
    if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(baseString.data()), baseString.size(),
             digest.data(), &digestSize) == nullptr)
        throw std::runtime_error("OAuth: HMAC-SHA1 failed");
    return base64(digest.data(), digestSize);
}

std::string formEncode(const Parameters& parameters) {
    std::string out;
    for (const auto& [name, value] : parameters) {
        if (!out.empty())
            out += '&';
        out += percentEncode(name) + '=' + percentEncode(value);
    }
    return out;
}

std::string makeNonce() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw Error("OAuth: no randomness for a nonce");
    return detail::lowerHex(bytes);
}

Parameters signRequest(std::string_view method, std::string_view url,
                       const Parameters& requestParameters, std::string_view consumerKey,
                       std::string_view consumerSecret, std::chrono::system_clock::time_point now,
                       const std::string& nonce) {
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    Parameters protocol{
        {"oauth_consumer_key", std::string(consumerKey)},
        {"oauth_nonce", nonce},
        {"oauth_signature_method", "HMAC-SHA1"},
        {"oauth_timestamp", std::to_string(seconds)},
        {"oauth_version", "1.0"},
    };
    Parameters signedParameters = requestParameters;
    signedParameters.insert(signedParameters.end(), protocol.begin(), protocol.end());
    protocol.emplace_back(
        "oauth_signature",
        hmacSha1Signature(signatureBaseString(method, url, signedParameters), consumerSecret, {}));
    return protocol;
}

std::string authorizationHeader(const Parameters& oauthParameters, std::string_view realm) {
    std::string out = "OAuth ";
    bool first = true;
    const auto append = [&](std::string_view name, std::string_view value) {
        if (!first)
            out += ", ";
        first = false;
        out += percentEncode(name);
        out += "=\"";
        out += percentEncode(value);
        out += '"';
    };
    if (!realm.empty())
        append("realm", realm);
    for (const auto& [name, value] : oauthParameters)
        append(name, value);
    return out;
}

Parameters parseAuthorizationHeader(std::string_view header) {
    header = trim(header);
    const auto space = header.find_first_of(" \t\r\n");
    if (space == std::string_view::npos || toLower(header.substr(0, space)) != "oauth")
        return {};
    std::string_view rest = header.substr(space);

    Parameters out;
    while (true) {
        rest = trim(rest);
        if (rest.empty())
            break;
        const auto equals = rest.find('=');
        if (equals == std::string_view::npos)
            return {};
        const std::string_view name = trim(rest.substr(0, equals));
        rest = trim(rest.substr(equals + 1));
        if (name.empty() || rest.empty() || rest.front() != '"')
            return {};
        const auto closing = rest.find('"', 1);
        if (closing == std::string_view::npos)
            return {};
        const std::string_view value = rest.substr(1, closing - 1);
        rest = trim(rest.substr(closing + 1));
        if (!rest.empty()) {
            if (rest.front() != ',')
                return {};
            rest.remove_prefix(1);
        }
        // §3.4.1.3.1: realm is not a protocol parameter and is never signed.
        if (name != "realm")
            out.emplace_back(percentDecode(name), percentDecode(value));
    }
    return out;
}

} // namespace els::platform::oauth1
