// kioskctl config show|set: the effective configuration (defaults included) and one-key
// changes. The configuration holds only the secret file's path; its content is never read here.
#include "els/platform/config.hpp"

#include "arg-reader.hpp"
#include "command.hpp"
#include "els/smartcard/bytes.hpp"
#include "json-writer.hpp"

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace els::kiosk::kioskctl {

namespace {

std::string ms(std::chrono::milliseconds value) {
    return std::to_string(value.count());
}
std::string s(std::chrono::seconds value) {
    return std::to_string(value.count());
}

std::vector<std::pair<std::string, std::string>> effectiveValues(const platform::Config& c) {
    return {
        {"usos.base_url", c.usos.baseUrl},
        {"usos.ca_file", c.usos.caFile.string()},
        {"usos.consumer_key", c.usos.consumerKey},
        {"usos.secret_file", c.usos.secretFile.string()},
        {"usos.act_as_param", c.usos.actAsParam},
        {"usos.lookup_method", c.usos.lookupMethod},
        {"usos.client_cert", c.usos.clientCert.string()},
        {"usos.client_key", c.usos.clientKey.string()},
        {"trust.anchors", c.trustAnchors.string()},
        {"journal.path", c.journalPath.string()},
        {"journal.key_file", c.journalKeyFile.string()},
        {"reader.name", c.readerName},
        {"timing.request_timeout_ms", ms(c.timing.requestTimeout)},
        {"timing.order_deadline_s", s(c.timing.orderDeadline)},
        {"timing.poll_initial_ms", ms(c.timing.pollInitial)},
        {"timing.poll_max_ms", ms(c.timing.pollMax)},
        {"timing.idle_timeout_s", s(c.timing.idleTimeout)},
        {"timing.ready_screen_s", s(c.timing.readyScreen)},
        {"timing.removal_grace_s", s(c.timing.removalGrace)},
        {"mail.smtp_url", c.mail.smtpUrl},
        {"mail.username", c.mail.username},
        {"mail.password_file", c.mail.passwordFile.string()},
        {"mail.from", c.mail.from},
        {"mail.ca_file", c.mail.caFile.string()},
        {"mail.timeout_ms", ms(c.mail.timeout)},
        {"mail.kiosk_name", c.mail.kioskName},
        {"mail.contact", c.mail.contact},
        {"mail.activation_code", toString(c.mail.activationCode)},
        {"mail.notify", c.mail.notify ? "on" : "off"},
        {"clone.max_reorders_per_day", std::to_string(c.clone.maxReordersPerDay)},
        {"clone.chip_serial_apdu", smartcard::toHex(c.clone.chipSerialApdu)},
        {"accessibility.speech_key", c.accessibility.speechKey},
        {"accessibility.read_code_key", c.accessibility.readCodeKey},
        {"accessibility.cues", c.accessibility.cues ? "on" : "off"},
        {"accessibility.reader_position",
         std::string(platform::readerPositionName(c.accessibility.readerPosition))},
        {"help.text_pl", c.help.textPl},
        {"help.text_en", c.help.textEn},
        {"help.contact_pl", c.help.contactPl},
        {"help.contact_en", c.help.contactEn},
    };
}

struct ConfigOptions {
    std::string config{platform::defaultConfigPath};
    bool json = false;
    std::vector<std::string> rest;
};

ConfigOptions parse(const Args& args) {
    ConfigOptions options;
    for (ArgReader in(args); in.next();) {
        if (in.is("--config")) {
            options.config = in.value();
        } else if (in.is("--json")) {
            options.json = true;
        } else {
            options.rest.push_back(in.current());
        }
    }
    return options;
}

} // namespace

int runConfig(const Args& args) {
    const auto options = parse(args);
    const auto& rest = options.rest;
    if (rest.size() == 1 && rest[0] == "show") {
        const auto config = platform::Config::load(options.config);
        if (options.json) {
            JsonObject object;
            for (const auto& [key, value] : effectiveValues(config))
                object.add(key, value);
            std::printf("%s\n", object.str().c_str());
        } else {
            std::printf("# %s\n", config.file.c_str());
            for (const auto& [key, value] : effectiveValues(config)) {
                std::printf("%s = %s\n", key.c_str(), value.c_str());
            }
        }
        return exitOk;
    }
    if (rest.size() == 3 && rest[0] == "set") {
        platform::setConfigValue(options.config, rest[1], rest[2]);
        std::printf("%s set in %s\n", rest[1].c_str(), options.config.c_str());
        return exitOk;
    }
    throw UsageError("config: use `config show [--json]` or `config set SECTION.KEY VALUE`");
}

} // namespace els::kiosk::kioskctl
