#pragma once

#include "els/platform/usossim/http-message.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>

// Server side of OAuth 1.0a (RFC 5849), HMAC-SHA1, two-legged: the kiosk's administrative
// consumer signs with an empty token secret.
namespace els::platform::usossim {

struct OAuthSettings {
    std::string consumerKey;
    std::string consumerSecret;
    std::chrono::seconds timestampWindow{300};
};

enum class Caller { Anonymous, Consumer };

class OAuthVerifier {
public:
    // Remembers (consumer, timestamp, nonce) and returns false when it was already used; may
    // forget pairs with a timestamp older than `oldestKept` (the timestamp check refuses those).
    using NonceMemory = std::function<bool(const std::string& consumer, std::int64_t timestamp,
                                           const std::string& nonce, std::int64_t oldestKept)>;

    // Without `memory`: nonces in this object only (lost when it goes).
    explicit OAuthVerifier(OAuthSettings settings, NonceMemory memory = {});

    // `url` is the request URI as the client used it (scheme, Host header, path); `parameters`
    // are the decoded query and form-body parameters. A request without any oauth_* parameter
    // is anonymous. Throws ApiError (401) with an OAuth problem code (RFC 5849 leaves these open;
    // we use the names of the OAuth Problem Reporting extension).
    Caller verify(std::string_view method, std::string_view url,
                  const std::optional<std::string>& authorization, const Fields& parameters,
                  std::int64_t nowSeconds);

private:
    void rememberNonce(const std::string& consumer, std::int64_t timestamp,
                       const std::string& nonce, std::int64_t nowSeconds);

    OAuthSettings settings_;
    NonceMemory memory_;
    // Without memory_: per consumer: (timestamp, nonce) pairs seen inside the window; older ones
    // cannot come back because the timestamp check refuses them first.
    std::map<std::string, std::set<std::pair<std::int64_t, std::string>>> seen_;
};

} // namespace els::platform::usossim
