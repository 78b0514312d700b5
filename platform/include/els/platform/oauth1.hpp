#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// OAuth 1.0a (RFC 5849) with HMAC-SHA1: shared by the USOS client and kioskctl doctor (signing)
// and the USOS simulator (verifying), tested against the RFC's own example values.
namespace els::platform::oauth1 {

using Parameters = std::vector<std::pair<std::string, std::string>>; // decoded name/value pairs

// RFC 5849 §3.6: unreserved characters kept, everything else %XX with upper-case hex.
std::string percentEncode(std::string_view text);
std::string percentDecode(std::string_view text); // '+' is NOT a space here (§3.4.1.3.1)

// §3.4.1.3.2: sorted, encoded and joined parameters (query + form body + oauth_* except
// oauth_signature).
std::string normalizeParameters(const Parameters& parameters);

// §3.4.1.2: scheme and host lower-case, default port dropped, no query or fragment.
std::string baseStringUri(std::string_view url);

// §3.4.1.1: METHOD&uri&params.
std::string signatureBaseString(std::string_view method, std::string_view url,
                                const Parameters& parameters);

// §3.4.2: base64(HMAC-SHA1(key = enc(consumerSecret)&enc(tokenSecret), baseString)).
std::string hmacSha1Signature(std::string_view baseString, std::string_view consumerSecret,
                              std::string_view tokenSecret);

// A query string or application/x-www-form-urlencoded body ("a=1&b=2") in §3.6 encoding, so
// that it decodes to exactly the parameters that were signed.
std::string formEncode(const Parameters& parameters);

// 32 lower-case hex digits from 16 bytes of OpenSSL randomness; throws Error when there is none
// (a predictable nonce would let a captured request be replayed).
std::string makeNonce();

// §3.1 for a two-legged request (consumer key, no token, empty token secret): the oauth_*
// parameters to send, oauth_signature last. requestParameters are the query and form-body
// parameters the request carries; the nonce is random unless a test fixes it.
Parameters signRequest(std::string_view method, std::string_view url,
                       const Parameters& requestParameters, std::string_view consumerKey,
                       std::string_view consumerSecret, std::chrono::system_clock::time_point now,
                       const std::string& nonce = makeNonce());

// §3.5.1: value of the Authorization header ("OAuth realm=..., oauth_...=\"...\"").
std::string authorizationHeader(const Parameters& oauthParameters, std::string_view realm = {});
// Parses an Authorization header back into oauth_* parameters (decoded). Empty on garbage.
Parameters parseAuthorizationHeader(std::string_view header);

} // namespace els::platform::oauth1
