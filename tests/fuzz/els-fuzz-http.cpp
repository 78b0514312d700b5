// libFuzzer target for OAuth and HTTP header parsing: oauth1's Authorization header parser and
// percent coding (platform/src/oauth1.cpp), and the simulator's HTTP/1.1 request parser and
// form decoder (platform/usos-sim/src/http-message.cpp). Besides "no crash", it checks
// properties: encode-then-parse gives back what was encoded, and a request stream parses the
// same whether it arrives at once or in pieces.
#include "els/platform/oauth1.hpp"
#include "els/platform/usossim/http-message.hpp"
#include "fuzz-input.hpp"

#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

using namespace els::platform;
using usossim::HttpRequest;
using usossim::HttpRequestParser;

namespace {

void check(bool condition) {
    if (!condition)
        std::abort();
}

struct Parsed {
    std::vector<HttpRequest> requests;
    HttpRequestParser::State last = HttpRequestParser::State::NeedMore;
    int errorStatus = 0;
};

// Feeds the stream in pieces of `chunk` bytes (0: at once), taking every complete request.
Parsed parseStream(std::string_view stream, std::size_t chunk) {
    Parsed out;
    HttpRequestParser parser;
    const auto drain = [&] {
        for (;;) {
            out.last = parser.parse();
            if (out.last != HttpRequestParser::State::Complete)
                return;
            out.requests.push_back(parser.takeRequest());
        }
    };
    if (chunk == 0)
        chunk = stream.size() + 1;
    for (std::size_t at = 0; at < stream.size() && out.last != HttpRequestParser::State::Invalid;
         at += chunk) {
        parser.feed(stream.substr(at, chunk));
        drain();
    }
    if (stream.empty())
        drain();
    out.errorStatus = out.last == HttpRequestParser::State::Invalid ? parser.errorStatus() : 0;
    return out;
}

bool same(const HttpRequest& a, const HttpRequest& b) {
    return a.method == b.method && a.path == b.path && a.query == b.query &&
           a.headers == b.headers && a.body == b.body && a.keepAlive == b.keepAlive;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    els::fuzz::FuzzInput input(data, size);
    const std::size_t chunk = input.byte() % 67;
    const auto restBytes = input.rest();
    const std::string_view text(reinterpret_cast<const char*>(restBytes.data()), restBytes.size());

    // OAuth: the header parser on raw text, and the round trips of what we send.
    const oauth1::Parameters parsed = oauth1::parseAuthorizationHeader(text);
    if (!parsed.empty())
        check(oauth1::parseAuthorizationHeader(oauth1::authorizationHeader(parsed)) == parsed);
    check(oauth1::percentDecode(oauth1::percentEncode(text)) == text);
    try {
        (void)oauth1::baseStringUri(text);
    } catch (const std::exception&) {
    }
    (void)usossim::parseForm(text);

    // HTTP: pipelined requests, at once and in pieces.
    const Parsed whole = parseStream(text, 0);
    const Parsed pieces = parseStream(text, chunk);
    if (chunk != 0) {
        check(whole.requests.size() == pieces.requests.size());
        for (std::size_t i = 0; i < whole.requests.size(); ++i)
            check(same(whole.requests[i], pieces.requests[i]));
        check(whole.last == pieces.last && whole.errorStatus == pieces.errorStatus);
    }
    return 0;
}
