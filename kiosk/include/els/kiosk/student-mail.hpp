#pragma once

#include "els/kiosk/clone-policy.hpp"
#include "els/kiosk/mail-text.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/log.hpp"
#include "els/platform/mail.hpp"

#include <optional>
#include <stop_token>
#include <string_view>

namespace els::platform {
struct Config;
}

// Sends the student e-mails of the clone-resistance policy: what the session engine calls once
// ClonePolicy said an e-mail is due. Blocking (up to [mail] timeout_ms): call it from the
// session's worker thread, never the GUI thread.
namespace els::kiosk {

class StudentMail {
public:
    // Empty when [mail] smtp_url is not set. Reads [mail] password_file (0600 check) now, so a
    // misconfigured relay fails at start, not in front of a student; throws platform::Error.
    static std::optional<StudentMail> fromConfig(const platform::Config& config);

    StudentMail(platform::SmtpSettings settings, MailSender sender);

    // True when the relay accepted the message. A failure is logged (event student_mail_failed
    // with the operation and the error kind: never the address, the code or the server's text)
    // and returned as false, never thrown: a notice that cannot go out must not undo an order.
    bool sendActivationCode(std::string_view to, std::string_view activationCode,
                            platform::Clock::TimePoint when, const platform::log::Logger& log,
                            std::stop_token stop = {}) const;
    bool sendNotice(std::string_view to, Operation operation, platform::Clock::TimePoint when,
                    const platform::log::Logger& log, std::stop_token stop = {}) const;

private:
    bool send(const platform::MailMessage& message, platform::log::Code what,
              const platform::log::Logger& log, std::stop_token stop) const;

    platform::SmtpMailer mailer_;
    MailSender sender_;
};

} // namespace els::kiosk
