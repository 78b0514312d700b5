// kioskctl mail-test: sends one e-mail through the configured relay ([mail]) to an address the
// technician gives, with the text a student would get, so a relay, its TLS, its login and the
// sender address are proven before a student depends on them.
#include "arg-reader.hpp"
#include "command.hpp"
#include "els/kiosk/mail-text.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/config.hpp"
#include "els/platform/error.hpp"
#include "els/platform/log.hpp"

#include <cstdio>

namespace els::kiosk::kioskctl {

namespace {

struct MailTestOptions {
    std::string config{platform::defaultConfigPath};
    std::string to;
    Operation operation = Operation::Order;
};

MailTestOptions parse(const Args& args) {
    MailTestOptions options;
    for (ArgReader in(args); in.next();) {
        if (in.is("--config")) {
            options.config = in.value();
        } else if (in.is("--to")) {
            options.to = in.value();
        } else if (in.is("--notice")) {
            const auto& kind = in.value();
            if (kind == "order")
                options.operation = Operation::Order;
            else if (kind == "cancel")
                options.operation = Operation::Cancel;
            else if (kind == "revoke")
                options.operation = Operation::Revoke;
            else
                throw UsageError("mail-test: --notice is order, cancel or revoke");
        } else {
            throw UsageError("mail-test: unknown argument " + in.current());
        }
    }
    if (options.to.empty())
        throw UsageError("mail-test: --to ADDRESS is required");
    return options;
}

} // namespace

int runMailTest(const Args& args) {
    const auto options = parse(args);
    const auto config = platform::Config::load(options.config);
    if (!config.mail.enabled())
        throw platform::Error("[mail] smtp_url is not set in " + options.config +
                              ": the kiosk sends no e-mail");
    auto message = noticeMail(MailSender::fromConfig(config.mail), options.to, options.operation,
                              platform::SystemClock().now());
    message.subject = "[test] " + message.subject;
    const platform::log::Stopwatch watch;
    platform::SmtpMailer(config.mail.smtpSettings()).send(message);
    std::printf("ok: %s accepted a test e-mail for %s (%lld ms)\n", config.mail.smtpUrl.c_str(),
                maskedAddress(options.to).c_str(), static_cast<long long>(watch.elapsed().count()));
    return exitOk;
}

} // namespace els::kiosk::kioskctl
