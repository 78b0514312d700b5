#include "els/kiosk/student-mail.hpp"

#include "els/platform/config.hpp"

namespace els::kiosk {

namespace log = platform::log;

std::optional<StudentMail> StudentMail::fromConfig(const platform::Config& config) {
    if (!config.mail.enabled())
        return std::nullopt;
    return StudentMail(config.mail.smtpSettings(), MailSender::fromConfig(config.mail));
}

StudentMail::StudentMail(platform::SmtpSettings settings, MailSender sender)
    : mailer_(std::move(settings)), sender_(std::move(sender)) {}

bool StudentMail::sendActivationCode(std::string_view to, std::string_view activationCode,
                                     platform::Clock::TimePoint when, const log::Logger& log,
                                     std::stop_token stop) const {
    return send(activationCodeMail(sender_, to, activationCode, when), "activation_code", log,
                std::move(stop));
}

bool StudentMail::sendNotice(std::string_view to, Operation operation,
                             platform::Clock::TimePoint when, const log::Logger& log,
                             std::stop_token stop) const {
    return send(noticeMail(sender_, to, operation, when), operation, log, std::move(stop));
}

bool StudentMail::send(const platform::MailMessage& message, log::Code what, const log::Logger& log,
                       std::stop_token stop) const {
    const log::Stopwatch watch;
    try {
        mailer_.send(message, std::move(stop));
        log.info("student_mail_sent", {{"mail", what}, {"duration", watch.elapsed()}});
        return true;
    } catch (const platform::MailError& e) {
        log.warning("student_mail_failed", {{"mail", what},
                                            {"kind", e.kind()},
                                            {"smtp_code", e.smtpCode()},
                                            {"duration", watch.elapsed()}});
        return false;
    }
}

} // namespace els::kiosk
