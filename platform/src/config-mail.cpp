#include "config-sections.hpp"
#include "els/platform/config.hpp"

#include <charconv>

namespace els::platform {

const char* toString(ActivationCodeChannel channel) noexcept {
    switch (channel) {
    case ActivationCodeChannel::Screen:
        return "screen";
    case ActivationCodeChannel::Email:
        return "email";
    case ActivationCodeChannel::EmailElseScreen:
        return "email_else_screen";
    }
    return "screen";
}

SmtpSettings MailConfig::smtpSettings() const {
    SmtpSettings settings;
    settings.url = smtpUrl;
    settings.username = username;
    if (!passwordFile.empty())
        settings.password = readSecret(passwordFile, "mail-password");
    settings.caFile = caFile;
    settings.timeout = timeout;
    return settings;
}

namespace detail {
namespace {

bool isSmtpUrl(std::string_view url) {
    const auto starts = [&](std::string_view scheme) {
        return url.size() > scheme.size() && url.substr(0, scheme.size()) == scheme;
    };
    return (starts("smtps://") || starts("smtp://")) && url.find('@') == std::string_view::npos;
}

bool isAddress(std::string_view address) {
    const auto at = address.find('@');
    return at != std::string_view::npos && at > 0 && at + 1 < address.size() &&
           address.find_first_of("<>,;\" \t") == std::string_view::npos;
}

std::optional<bool> onOff(std::string_view value) {
    if (value == "on" || value == "true" || value == "yes" || value == "1")
        return true;
    if (value == "off" || value == "false" || value == "no" || value == "0")
        return false;
    return std::nullopt;
}

std::vector<std::uint8_t> parseHex(std::string_view text) {
    std::vector<std::uint8_t> bytes;
    int high = -1;
    for (const char c : text) {
        if (c == ' ' || c == ':')
            continue;
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return {};
        if (high < 0) {
            high = digit;
        } else {
            bytes.push_back(static_cast<std::uint8_t>(high << 4 | digit));
            high = -1;
        }
    }
    return high < 0 ? bytes : std::vector<std::uint8_t>{};
}

} // namespace

const std::vector<std::string_view>& mailAndCloneKeys() {
    static const std::vector<std::string_view> keys{
        "mail.smtp_url",
        "mail.username",
        "mail.password_file",
        "mail.from",
        "mail.ca_file",
        "mail.timeout_ms",
        "mail.kiosk_name",
        "mail.contact",
        "mail.activation_code",
        "mail.notify",
        "clone.max_reorders_per_day",
        "clone.chip_serial_apdu",
    };
    return keys;
}

MailConfig buildMailConfig(const SectionReader& r) {
    MailConfig mail;
    mail.smtpUrl = r.text("mail.smtp_url").value_or("");
    if (!mail.smtpUrl.empty() && !isSmtpUrl(mail.smtpUrl)) {
        r.fail("mail.smtp_url", "must be smtps://host[:port] (implicit TLS) or "
                                "smtp://host[:port] (STARTTLS), without user@, got '" +
                                    mail.smtpUrl + "'");
        mail.smtpUrl.clear();
    }
    mail.username = r.text("mail.username").value_or("");
    mail.passwordFile = r.path("mail.password_file");
    if (mail.username.empty() != mail.passwordFile.empty())
        r.fail(mail.username.empty() ? "mail.username" : "mail.password_file",
               "is needed too: username and password_file go together");
    mail.from = r.text("mail.from").value_or("");
    if (!mail.from.empty() && !isAddress(mail.from)) {
        r.fail("mail.from", "must be a bare e-mail address like legitymacje@uni.edu.pl");
        mail.from.clear();
    }
    mail.caFile = r.path("mail.ca_file");
    if (const auto timeout = r.text("mail.timeout_ms")) {
        long long ms = 0;
        const auto* end = timeout->data() + timeout->size();
        const auto [ptr, ec] = std::from_chars(timeout->data(), end, ms);
        if (ec != std::errc{} || ptr != end || ms <= 0)
            r.fail("mail.timeout_ms", "must be a positive whole number, got '" + *timeout + "'");
        else
            mail.timeout = std::chrono::milliseconds{ms};
    }
    mail.kioskName = r.text("mail.kiosk_name").value_or("");
    mail.contact = r.text("mail.contact").value_or("");

    // Safe defaults: with a relay, the code goes by e-mail only and every operation is notified.
    mail.activationCode =
        mail.enabled() ? ActivationCodeChannel::Email : ActivationCodeChannel::Screen;
    mail.notify = mail.enabled();
    if (const auto channel = r.text("mail.activation_code")) {
        if (*channel == "screen")
            mail.activationCode = ActivationCodeChannel::Screen;
        else if (*channel == "email")
            mail.activationCode = ActivationCodeChannel::Email;
        else if (*channel == "email_else_screen")
            mail.activationCode = ActivationCodeChannel::EmailElseScreen;
        else
            r.fail("mail.activation_code",
                   "must be screen, email or email_else_screen, got '" + *channel + "'");
    }
    if (const auto notify = r.text("mail.notify")) {
        const auto value = onOff(*notify);
        if (value)
            mail.notify = *value;
        else
            r.fail("mail.notify", "must be on or off, got '" + *notify + "'");
    }

    const bool needsMail = mail.notify || mail.activationCode != ActivationCodeChannel::Screen;
    if (r.requireAll && needsMail) {
        if (!mail.enabled())
            r.fail(mail.notify ? "mail.notify" : "mail.activation_code",
                   "needs [mail] smtp_url: the kiosk cannot send e-mail without a relay");
        for (const auto* key : {"mail.from", "mail.kiosk_name", "mail.contact"})
            if (!r.text(key))
                r.fail(key, "is required when the kiosk sends e-mail");
    }
    return mail;
}

CloneConfig buildCloneConfig(const SectionReader& r) {
    CloneConfig clone;
    if (const auto limit = r.text("clone.max_reorders_per_day")) {
        int value = 0;
        const auto* end = limit->data() + limit->size();
        const auto [ptr, ec] = std::from_chars(limit->data(), end, value);
        if (ec != std::errc{} || ptr != end || value < 0)
            r.fail("clone.max_reorders_per_day",
                   "must be a whole number, 0 or more, got '" + *limit + "'");
        else
            clone.maxReordersPerDay = value;
    }
    if (const auto apdu = r.text("clone.chip_serial_apdu")) {
        clone.chipSerialApdu = parseHex(*apdu);
        // CLA INS P1 P2 at least; at most a short APDU with 255 data bytes and Le.
        if (clone.chipSerialApdu.size() < 4 || clone.chipSerialApdu.size() > 261) {
            r.fail("clone.chip_serial_apdu",
                   "must be a command APDU in hex, e.g. 00CA010000, got '" + *apdu + "'");
            clone.chipSerialApdu.clear();
        }
    }
    return clone;
}

} // namespace detail
} // namespace els::platform
