#pragma once

#include "els/platform/error.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

// E-mail to a student through the university's SMTP relay (libcurl): the activation code out of
// band, and a notice of every order, cancel and revoke done at a kiosk (clone resistance, see
// README "Security: threat model"). Messages hold personal data (the address, the code): they
// live in memory only; errors and logs never carry them.
namespace els::platform {

// One plain-text e-mail. Subject and body are UTF-8; the body uses '\n' line ends.
struct MailMessage {
    std::string from; // bare address, e.g. legitymacje@uni.example.edu.pl
    std::string to;   // bare address
    std::string subject;
    std::string body;

    bool operator==(const MailMessage&) const = default;
};

// RFC 5322 text of the message with CRLF line ends: Date, From, To, Subject (RFC 2047 encoded
// words when not plain ASCII), Message-ID, MIME-Version and a UTF-8 text/plain body in base64,
// so no relay has to carry 8-bit data. Throws MailError(Invalid) on an address or subject that
// could inject a header (CR, LF, '<', '>', ',', or no '@').
std::string formatMail(const MailMessage& message, std::chrono::system_clock::time_point date,
                       std::string_view messageIdDomain);

// RFC 2047 "B" encoded words for a header value (each word at most 75 characters, never
// splitting a UTF-8 sequence); plain printable ASCII is returned as it is.
std::string encodeHeaderWords(std::string_view text);

enum class MailErrorKind {
    Invalid,   // the message or the settings are unusable
    Connect,   // server unreachable: refused, no route, DNS
    Tls,       // TLS handshake, certificate or STARTTLS refused
    Auth,      // the server refused the login
    Rejected,  // the server refused the sender, the recipient or the message
    Timeout,   // no answer within the timeout
    Cancelled, // the caller's stop_token asked to stop
    Protocol,  // anything else the server or libcurl reported
};

const char* toString(MailErrorKind kind) noexcept;

// The message says what failed and the fix, with the SMTP reply code when there was one; it
// never quotes the server's text (which may repeat the recipient's address).
class MailError : public Error {
public:
    MailError(MailErrorKind kind, const std::string& what, long smtpCode = 0)
        : Error(what), kind_(kind), smtpCode_(smtpCode) {}
    MailErrorKind kind() const noexcept { return kind_; }
    long smtpCode() const noexcept { return smtpCode_; } // 0 when none
private:
    MailErrorKind kind_;
    long smtpCode_;
};

struct SmtpSettings {
    // smtps://host[:465] for implicit TLS, smtp://host[:587] for STARTTLS. TLS is always
    // required: a server without STARTTLS is an error, never a plain-text fallback.
    std::string url;
    std::string username; // empty: no AUTH
    std::string password;
    std::filesystem::path caFile; // extra CA (PEM) instead of the system store; empty: system
    std::chrono::milliseconds timeout{15000}; // the whole send, connect included
};

// Sends one message per call over a fresh connection (a kiosk sends a few a day). Blocking:
// call it off the GUI thread. Thread-compatible: one object per thread, or share a const one.
class SmtpMailer {
public:
    explicit SmtpMailer(SmtpSettings settings);

    // Throws MailError. A stop request ends the send within about a second (libcurl checks
    // between network events), as Cancelled; the timeout bounds it otherwise.
    void send(const MailMessage& message, std::stop_token stop = {}) const;

    const SmtpSettings& settings() const noexcept { return settings_; }

private:
    SmtpSettings settings_;
};

} // namespace els::platform
