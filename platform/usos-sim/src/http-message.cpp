#include "els/platform/usossim/http-message.hpp"

#include "els/platform/oauth1.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace els::platform::usossim {
namespace {

std::string toLower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

bool isToken(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) {
        return std::isalnum(c) != 0 ||
               std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
                   std::string_view::npos;
    });
}

} // namespace

std::optional<std::string> HttpRequest::header(std::string_view lowerCaseName) const {
    for (const auto& [name, value] : headers)
        if (name == lowerCaseName)
            return value;
    return std::nullopt;
}

std::string HttpResponse::serialize(bool keepAlive, std::string_view date) const {
    std::string out = "HTTP/1.1 " + std::to_string(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Date: ";
    out += date;
    out += "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto& [name, value] : extraHeaders)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

void HttpRequestParser::feed(std::string_view bytes) {
    buffer_.append(bytes);
}

HttpRequestParser::State HttpRequestParser::fail(int status) {
    errorStatus_ = status;
    return State::Invalid;
}

HttpRequestParser::State HttpRequestParser::parse() {
    // Tolerate stray empty lines between pipelined requests (RFC 9112 §2.2).
    while (buffer_.starts_with("\r\n"))
        buffer_.erase(0, 2);
    const auto headerEnd = buffer_.find("\r\n\r\n");
    if (headerEnd == std::string::npos)
        return buffer_.size() > maxHeaderBytes ? fail(431) : State::NeedMore;
    if (headerEnd > maxHeaderBytes)
        return fail(431);

    const std::string_view head(buffer_.data(), headerEnd);
    const auto lineEnd = head.find("\r\n");
    const std::string_view requestLine = head.substr(0, lineEnd);

    const auto firstSpace = requestLine.find(' ');
    const auto lastSpace = requestLine.rfind(' ');
    if (firstSpace == std::string_view::npos || firstSpace == lastSpace)
        return fail(400);
    HttpRequest request;
    request.method = std::string(requestLine.substr(0, firstSpace));
    const std::string_view target = requestLine.substr(firstSpace + 1, lastSpace - firstSpace - 1);
    const std::string_view version = requestLine.substr(lastSpace + 1);
    if (!isToken(request.method) || target.empty() || target.front() != '/')
        return fail(400);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(505);
    const auto question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos)
        request.query = std::string(target.substr(question + 1));

    std::string_view rest =
        lineEnd == std::string_view::npos ? std::string_view{} : head.substr(lineEnd + 2);
    while (!rest.empty()) {
        const auto end = rest.find("\r\n");
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || !isToken(line.substr(0, colon)))
            return fail(400);
        request.headers.emplace_back(toLower(line.substr(0, colon)),
                                     std::string(trim(line.substr(colon + 1))));
    }

    if (request.header("transfer-encoding"))
        return fail(501); // clients of a form API send Content-Length; chunked is not needed
    std::size_t contentLength = 0;
    if (const auto value = request.header("content-length")) {
        const auto [end, error] =
            std::from_chars(value->data(), value->data() + value->size(), contentLength);
        if (error != std::errc{} || end != value->data() + value->size())
            return fail(400);
        if (contentLength > maxBodyBytes)
            return fail(413);
    }
    const std::size_t total = headerEnd + 4 + contentLength;
    if (buffer_.size() < total)
        return State::NeedMore;
    const std::string connection = toLower(request.header("connection").value_or(""));
    request.keepAlive = version == "HTTP/1.1" ? connection.find("close") == std::string::npos
                                              : connection.find("keep-alive") != std::string::npos;
    request.body = buffer_.substr(headerEnd + 4, contentLength);
    buffer_.erase(0, total); // invalidates `head`, `version` and `target`
    request_ = std::move(request);
    return State::Complete;
}

HttpRequest HttpRequestParser::takeRequest() {
    return std::move(request_);
}

Fields parseForm(std::string_view text) {
    Fields out;
    while (!text.empty()) {
        const auto amp = text.find('&');
        std::string pair(text.substr(0, amp));
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
        if (pair.empty())
            continue;
        std::replace(pair.begin(), pair.end(), '+', ' ');
        const auto equals = pair.find('=');
        if (equals == std::string::npos)
            out.emplace_back(oauth1::percentDecode(pair), std::string{});
        else
            out.emplace_back(oauth1::percentDecode(std::string_view(pair).substr(0, equals)),
                             oauth1::percentDecode(std::string_view(pair).substr(equals + 1)));
    }
    return out;
}

std::string reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Status";
    }
}

std::string httpDate(std::chrono::system_clock::time_point at) {
    using namespace std::chrono;
    // Computed by hand rather than with strftime: the day and month names must not follow the
    // process locale.
    static constexpr std::string_view weekdays[] = {"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
    static constexpr std::string_view months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto day = floor<days>(at);
    const year_month_day date(day);
    const hh_mm_ss time(floor<seconds>(at - day));
    const auto twoDigits = [](long value) {
        return std::string(value < 10 ? "0" : "") + std::to_string(value);
    };
    std::string out(weekdays[weekday(day).c_encoding()]);
    out += ", " + twoDigits(static_cast<unsigned>(date.day())) + ' ';
    out += months[static_cast<unsigned>(date.month()) - 1];
    out += ' ' + std::to_string(static_cast<int>(date.year())) + ' ' +
           twoDigits(time.hours().count()) + ':' + twoDigits(time.minutes().count()) + ':' +
           twoDigits(time.seconds().count()) + " GMT";
    return out;
}

} // namespace els::platform::usossim
