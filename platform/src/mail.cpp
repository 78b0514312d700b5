#include "els/platform/mail.hpp"

#include "hex.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <curl/curl.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace els::platform {
namespace {

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                       reinterpret_cast<const unsigned char*>(bytes.data()),
                                       static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

bool isPlainHeaderText(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return c >= 0x20 && c < 0x7F; });
}

// A bare address that cannot smuggle a header or a second recipient into the envelope.
void checkAddress(std::string_view address, const char* what) {
    const auto at = address.find('@');
    const bool ok = at != std::string_view::npos && at > 0 && at + 1 < address.size() &&
                    address.find_first_of("\r\n<>,;\" \t") == std::string_view::npos &&
                    isPlainHeaderText(address);
    if (!ok)
        throw MailError(MailErrorKind::Invalid,
                        std::string("the ") + what + " address is not a plain e-mail address");
}

// RFC 5322 date in UTC, independent of the process's locale.
std::string rfc5322Date(std::chrono::system_clock::time_point at) {
    static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed",
                                                     "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm utc{};
    ::gmtime_r(&seconds, &utc);
    char text[40];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000",
                  days[static_cast<std::size_t>(utc.tm_wday)], utc.tm_mday,
                  months[static_cast<std::size_t>(utc.tm_mon)], utc.tm_year + 1900, utc.tm_hour,
                  utc.tm_min, utc.tm_sec);
    return text;
}

std::string randomHex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(bytes)) != 1)
        throw MailError(MailErrorKind::Protocol, "no random bytes for a Message-ID");
    return detail::lowerHex(
        std::span(reinterpret_cast<const unsigned char*>(raw.data()), raw.size()));
}

// The body in canonical form (CRLF line ends), base64 in lines of 76 characters.
std::string encodedBody(std::string_view body) {
    std::string canonical;
    canonical.reserve(body.size() + body.size() / 40 + 2);
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\r')
            continue;
        if (body[i] == '\n')
            canonical += '\r';
        canonical += body[i];
    }
    const std::string encoded = base64(canonical);
    std::string lines;
    for (std::size_t i = 0; i < encoded.size(); i += 76)
        lines += encoded.substr(i, 76) + "\r\n";
    return lines;
}

struct CurlDeleter {
    void operator()(CURL* curl) const noexcept { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct Upload {
    std::string_view data;
    std::size_t sent = 0;
};

std::size_t readUpload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& upload = *static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, upload.data.size() - upload.sent);
    std::memcpy(buffer, upload.data.data() + upload.sent, n);
    upload.sent += n;
    return n;
}

int checkStop(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<const std::stop_token*>(user)->stop_requested() ? 1 : 0;
}

// libcurl's global set-up must run once before any handle exists; doing it here keeps it
// next to its only user (curl 7.84+ makes it thread-safe on Debian 12's build).
void initialiseCurlOnce() {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!initialised)
        throw MailError(MailErrorKind::Protocol, "libcurl could not be initialised");
}

bool hasScheme(std::string_view url, std::string_view scheme) {
    return url.size() > scheme.size() &&
           std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
               return a == static_cast<char>(std::tolower(static_cast<unsigned char>(b)));
           });
}

MailError failure(CURLcode code, long smtpCode, const SmtpSettings& settings) {
    const std::string detail = curl_easy_strerror(code);
    const std::string server = " (" + settings.url + ")";
    const auto reply = [&] {
        return smtpCode != 0 ? " with " + std::to_string(smtpCode) : std::string();
    };
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
        return {MailErrorKind::Connect,
                "cannot reach the SMTP server" + server + ": " + detail +
                    "; check [mail] smtp_url and that the relay is up",
                smtpCode};
    case CURLE_OPERATION_TIMEDOUT:
        return {MailErrorKind::Timeout,
                "the SMTP server" + server + " did not finish within " +
                    std::to_string(settings.timeout.count()) +
                    " ms; a server speaking implicit TLS (port 465) needs smtps://, one "
                    "using STARTTLS (port 587) smtp://",
                smtpCode};
    case CURLE_ABORTED_BY_CALLBACK:
        return {MailErrorKind::Cancelled, "sending the e-mail was cancelled", smtpCode};
    case CURLE_USE_SSL_FAILED:
        return {MailErrorKind::Tls,
                "the SMTP server" + server + " refused STARTTLS" + reply() +
                    "; the kiosk sends mail only over TLS",
                smtpCode};
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
        return {MailErrorKind::Tls,
                "TLS with the SMTP server" + server + " failed: " + detail +
                    "; check [mail] ca_file, the server's name, and smtps:// (implicit TLS, "
                    "port 465) versus smtp:// (STARTTLS, port 587)",
                smtpCode};
    case CURLE_LOGIN_DENIED:
        return {MailErrorKind::Auth,
                "the SMTP server" + server + " refused the login" + reply() +
                    "; check [mail] username and password_file",
                smtpCode};
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_WEIRD_SERVER_REPLY:
        if (smtpCode >= 400)
            return {MailErrorKind::Rejected,
                    "the SMTP server" + server + " refused the message" + reply(), smtpCode};
        break;
    default:
        break;
    }
    return {MailErrorKind::Protocol, "sending the e-mail failed" + server + ": " + detail + reply(),
            smtpCode};
}

} // namespace

const char* toString(MailErrorKind kind) noexcept {
    switch (kind) {
    case MailErrorKind::Invalid:
        return "mail_invalid";
    case MailErrorKind::Connect:
        return "mail_connect";
    case MailErrorKind::Tls:
        return "mail_tls";
    case MailErrorKind::Auth:
        return "mail_auth";
    case MailErrorKind::Rejected:
        return "mail_rejected";
    case MailErrorKind::Timeout:
        return "mail_timeout";
    case MailErrorKind::Cancelled:
        return "mail_cancelled";
    case MailErrorKind::Protocol:
        return "mail_protocol";
    }
    return "mail_unknown";
}

std::string encodeHeaderWords(std::string_view text) {
    if (isPlainHeaderText(text))
        return std::string(text);
    // 75 characters per word: "=?UTF-8?B?" + 60 base64 characters + "?=" carry 45 bytes.
    constexpr std::size_t maxChunk = 45;
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + maxChunk);
        while (end < text.size() && end > start + 1 &&
               (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end; // never split a UTF-8 sequence across two words
        if (!out.empty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string formatMail(const MailMessage& message, std::chrono::system_clock::time_point date,
                       std::string_view messageIdDomain) {
    checkAddress(message.from, "sender");
    checkAddress(message.to, "recipient");
    if (message.subject.find_first_of("\r\n") != std::string::npos)
        throw MailError(MailErrorKind::Invalid, "the subject must be one line");
    std::string text;
    text += "Date: " + rfc5322Date(date) + "\r\n";
    text += "From: " + message.from + "\r\n";
    text += "To: " + message.to + "\r\n";
    text += "Subject: " + encodeHeaderWords(message.subject) + "\r\n";
    text += "Message-ID: <" + randomHex(16) + "@" + std::string(messageIdDomain) + ">\r\n";
    text += "MIME-Version: 1.0\r\n";
    text += "Content-Type: text/plain; charset=utf-8\r\n";
    text += "Content-Transfer-Encoding: base64\r\n";
    text += "Auto-Submitted: auto-generated\r\n";
    text += "\r\n";
    text += encodedBody(message.body);
    return text;
}

SmtpMailer::SmtpMailer(SmtpSettings settings) : settings_(std::move(settings)) {
    if (!hasScheme(settings_.url, "smtp://") && !hasScheme(settings_.url, "smtps://"))
        throw MailError(MailErrorKind::Invalid,
                        "[mail] smtp_url must start with smtps:// (implicit TLS) or smtp:// "
                        "(STARTTLS), got '" +
                            settings_.url + "'");
    if (settings_.timeout <= std::chrono::milliseconds::zero())
        throw MailError(MailErrorKind::Invalid, "the SMTP timeout must be positive");
    initialiseCurlOnce();
}

void SmtpMailer::send(const MailMessage& message, std::stop_token stop) const {
    const auto domain = message.from.substr(message.from.find('@') + 1);
    const std::string text = formatMail(message, std::chrono::system_clock::now(), domain);

    CurlHandle curl(curl_easy_init());
    if (!curl)
        throw MailError(MailErrorKind::Protocol, "libcurl could not make a handle");
    CURL* c = curl.get();
    const std::string from = "<" + message.from + ">";
    Slist recipients(curl_slist_append(nullptr, ("<" + message.to + ">").c_str()));
    Upload upload{text};
    curl_easy_setopt(c, CURLOPT_URL, settings_.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!settings_.caFile.empty())
        curl_easy_setopt(c, CURLOPT_CAINFO, settings_.caFile.c_str());
    if (!settings_.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &readUpload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(settings_.timeout.count()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &checkStop);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &stop);

    const CURLcode result = curl_easy_perform(c);
    if (result == CURLE_OK)
        return;
    long smtpCode = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &smtpCode);
    throw failure(result, smtpCode, settings_);
}

} // namespace els::platform
