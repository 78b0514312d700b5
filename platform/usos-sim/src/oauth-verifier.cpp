#include "els/platform/usossim/oauth-verifier.hpp"

#include "els/platform/oauth1.hpp"
#include "els/platform/usossim/api-error.hpp"

#include <charconv>
#include <openssl/crypto.h>

namespace els::platform::usossim {
namespace {

ApiError refused(const std::string& problem, const std::string& message) {
    return ApiError(401, problem, message);
}

std::optional<std::string> find(const oauth1::Parameters& parameters, std::string_view name) {
    for (const auto& [key, value] : parameters)
        if (key == name)
            return value;
    return std::nullopt;
}

} // namespace

OAuthVerifier::OAuthVerifier(OAuthSettings settings, NonceMemory memory)
    : settings_(std::move(settings)), memory_(std::move(memory)) {}

Caller OAuthVerifier::verify(std::string_view method, std::string_view url,
                             const std::optional<std::string>& authorization,
                             const Fields& parameters, std::int64_t nowSeconds) {
    oauth1::Parameters headerParameters;
    if (authorization) {
        headerParameters = oauth1::parseAuthorizationHeader(*authorization);
        if (headerParameters.empty() && authorization->starts_with("OAuth"))
            throw refused("parameter_rejected", "Malformed OAuth Authorization header.");
    }
    // RFC 5849 §3.5: protocol parameters may come in the header, the form body or the query.
    oauth1::Parameters all = headerParameters;
    all.insert(all.end(), parameters.begin(), parameters.end());
    const auto protocol = [&](std::string_view name) { return find(all, name); };

    const auto consumer = protocol("oauth_consumer_key");
    const auto signature = protocol("oauth_signature");
    if (!consumer && !signature)
        return Caller::Anonymous;
    if (!consumer || !signature)
        throw refused(
            "parameter_absent",
            "OAuth parameters missing: oauth_consumer_key and oauth_signature are required.");
    if (protocol("oauth_signature_method").value_or("") != "HMAC-SHA1")
        throw refused("signature_method_rejected",
                      "Only the HMAC-SHA1 signature method is supported.");
    if (const auto version = protocol("oauth_version"); version && *version != "1.0")
        throw refused("version_rejected", "Only OAuth 1.0 is supported.");
    if (*consumer != settings_.consumerKey)
        throw refused("consumer_key_unknown", "Invalid consumer key.");
    if (const auto token = protocol("oauth_token"); token && !token->empty())
        throw refused("token_rejected", "Invalid access token (this installation accepts only "
                                        "administrative two-legged requests).");

    const auto timestampText = protocol("oauth_timestamp");
    const auto nonce = protocol("oauth_nonce");
    if (!timestampText || !nonce || nonce->empty())
        throw refused("parameter_absent",
                      "OAuth parameters missing: oauth_timestamp and oauth_nonce are required.");
    std::int64_t timestamp = 0;
    const auto [end, error] = std::from_chars(
        timestampText->data(), timestampText->data() + timestampText->size(), timestamp);
    if (error != std::errc{} || end != timestampText->data() + timestampText->size())
        throw refused("parameter_rejected", "Invalid oauth_timestamp.");
    const std::int64_t window = settings_.timestampWindow.count();
    if (timestamp < nowSeconds - window || timestamp > nowSeconds + window)
        throw refused("timestamp_refused", "OAuth timestamp outside the allowed window of " +
                                               std::to_string(window) + " seconds.");

    const std::string expected = oauth1::hmacSha1Signature(
        oauth1::signatureBaseString(method, url, all), settings_.consumerSecret, "");
    if (expected.size() != signature->size() ||
        CRYPTO_memcmp(expected.data(), signature->data(), expected.size()) != 0)
        throw refused("signature_invalid", "Invalid signature.");

    rememberNonce(*consumer, timestamp, *nonce, nowSeconds);
    return Caller::Consumer;
}

void OAuthVerifier::rememberNonce(const std::string& consumer, std::int64_t timestamp,
                                  const std::string& nonce, std::int64_t nowSeconds) {
    const std::int64_t oldest = nowSeconds - settings_.timestampWindow.count();
    if (memory_) {
        if (!memory_(consumer, timestamp, nonce, oldest))
            throw refused("nonce_used", "This nonce has already been used with this timestamp.");
        return;
    }
    auto& seen = seen_[consumer];
    seen.erase(seen.begin(), seen.lower_bound({oldest, std::string{}}));
    if (!seen.emplace(timestamp, nonce).second)
        throw refused("nonce_used", "This nonce has already been used with this timestamp.");
}

} // namespace els::platform::usossim
