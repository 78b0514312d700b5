#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The small HTTP/1.1 layer of the simulator: hand-written so that the fault knobs can drop a
// connection at any point, which a ready-made server does not allow.
namespace els::platform::usossim {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method;
    std::string path;  // target without the query, still percent-encoded as sent
    std::string query; // after '?', raw
    Fields headers;    // names lower-case
    std::string body;
    bool keepAlive = true;

    std::optional<std::string> header(std::string_view lowerCaseName) const;
};

struct HttpResponse {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::string body;
    Fields extraHeaders;

    // `date` is the Date header's value (httpDate()); every answer carries one (RFC 9110
    // §6.6.1), which is what clients such as `kioskctl doctor` measure clock skew against.
    std::string serialize(bool keepAlive, std::string_view date) const;
};

// Incremental request parser for one connection; requests may be pipelined.
class HttpRequestParser {
public:
    enum class State { NeedMore, Complete, Invalid };

    static constexpr std::size_t maxHeaderBytes = 16 * 1024;
    static constexpr std::size_t maxBodyBytes = 1024 * 1024;

    void feed(std::string_view bytes);
    // Parses the next buffered request. Complete: takeRequest() returns it.
    State parse();
    HttpRequest takeRequest();
    int errorStatus() const { return errorStatus_; }

private:
    State fail(int status);

    std::string buffer_;
    HttpRequest request_;
    int errorStatus_ = 400;
};

// application/x-www-form-urlencoded (query strings and form bodies): '+' is a space here.
Fields parseForm(std::string_view text);
std::string reasonPhrase(int status);
// IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT": always English, always GMT.
std::string httpDate(std::chrono::system_clock::time_point at);

} // namespace els::platform::usossim
