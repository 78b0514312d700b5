// The [mail] and [clone] sections: safe defaults, validation, and the password file's 0600 rule.
#include "els/platform/config.hpp"
#include "els/platform/error.hpp"
#include "temp-dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using els::platform::ActivationCodeChannel;
using els::platform::Config;
using els::platform::Error;
using testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

const std::string baseConfig = R"ini(
[usos]
base_url = https://usos.example.edu/
consumer_key = kioskKey1
secret_file = consumer.secret
[trust]
anchors = anchors.pem
[journal]
path = journal.db
)ini";

const std::string mailSection = R"ini(
[mail]
smtp_url = smtps://relay.example.edu.pl:465
username = kiosk-a0
password_file = mail.secret
from = legitymacje@example.edu.pl
ca_file = relay-ca.pem
kiosk_name = A-0, main hall
contact = legitymacje@example.edu.pl, room 12
)ini";

std::string errorOf(const TempDir& dir, const std::string& text) {
    try {
        Config::load(dir.write("kiosk.conf", text));
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST(MailConfig, noMailSection_meansNoEmailAndTheCodeOnScreen) {
    const TempDir dir;
    const auto config = Config::load(dir.write("kiosk.conf", baseConfig));
    EXPECT_FALSE(config.mail.enabled());
    EXPECT_EQ(config.mail.activationCode, ActivationCodeChannel::Screen);
    EXPECT_FALSE(config.mail.notify);
    EXPECT_EQ(config.clone.maxReordersPerDay, 1);
    EXPECT_TRUE(config.clone.chipSerialApdu.empty());
}

TEST(MailConfig, relayConfigured_defaultsToCodeByEmailAndNotices) {
    const TempDir dir;
    const auto config = Config::load(dir.write("kiosk.conf", baseConfig + mailSection));
    EXPECT_TRUE(config.mail.enabled());
    EXPECT_EQ(config.mail.smtpUrl, "smtps://relay.example.edu.pl:465");
    EXPECT_EQ(config.mail.username, "kiosk-a0");
    EXPECT_EQ(config.mail.passwordFile, dir / "mail.secret");
    EXPECT_EQ(config.mail.caFile, dir / "relay-ca.pem");
    EXPECT_EQ(config.mail.from, "legitymacje@example.edu.pl");
    EXPECT_EQ(config.mail.kioskName, "A-0, main hall");
    EXPECT_EQ(config.mail.contact, "legitymacje@example.edu.pl, room 12");
    EXPECT_EQ(config.mail.timeout, std::chrono::milliseconds(15000));
    EXPECT_EQ(config.mail.activationCode, ActivationCodeChannel::Email);
    EXPECT_TRUE(config.mail.notify);
}

TEST(MailConfig, explicitPolicies_areRead) {
    const TempDir dir;
    const auto config = Config::load(
        dir.write("kiosk.conf",
                  baseConfig + mailSection +
                      "activation_code = email_else_screen\nnotify = off\ntimeout_ms = 4000\n"
                      "[clone]\nmax_reorders_per_day = 0\nchip_serial_apdu = 00 CA 01 00 00\n"));
    EXPECT_EQ(config.mail.activationCode, ActivationCodeChannel::EmailElseScreen);
    EXPECT_FALSE(config.mail.notify);
    EXPECT_EQ(config.mail.timeout, std::chrono::milliseconds(4000));
    EXPECT_EQ(config.clone.maxReordersPerDay, 0);
    EXPECT_EQ(config.clone.chipSerialApdu,
              (std::vector<std::uint8_t>{0x00, 0xCA, 0x01, 0x00, 0x00}));
}

TEST(MailConfig, emailPolicyWithoutRelay_isRefusedNamingTheKey) {
    const TempDir dir;
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\nactivation_code = email\n"),
                HasSubstr("[mail] activation_code needs [mail] smtp_url"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\nnotify = on\n"),
                HasSubstr("[mail] notify needs [mail] smtp_url"));
}

TEST(MailConfig, relayWithoutSenderOrKioskNameOrContact_isRefused) {
    const TempDir dir;
    const std::string relay = "[mail]\nsmtp_url = smtp://relay:587\n";
    EXPECT_THAT(errorOf(dir, baseConfig + relay), HasSubstr("[mail] from is required"));
    EXPECT_THAT(errorOf(dir, baseConfig + relay + "from = a@b.pl\n"),
                HasSubstr("[mail] kiosk_name is required"));
    EXPECT_THAT(errorOf(dir, baseConfig + relay + "from = a@b.pl\nkiosk_name = A\n"),
                HasSubstr("[mail] contact is required"));
    // A relay used for nothing needs none of them.
    EXPECT_EQ(errorOf(dir, baseConfig + relay + "activation_code = screen\nnotify = off\n"),
              "no error");
}

TEST(MailConfig, badValues_areRefusedNamingTheKey) {
    const TempDir dir;
    const std::string screenOnly = "activation_code = screen\nnotify = off\n";
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\nsmtp_url = https://relay\n" + screenOnly),
                HasSubstr("[mail] smtp_url must be smtps://"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\nsmtp_url = smtp://user@relay\n" + screenOnly),
                HasSubstr("without user@"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\nusername = k\n"),
                HasSubstr("[mail] password_file is needed too"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\nfrom = Kiosk <a@b.pl>\n"),
                HasSubstr("[mail] from must be a bare e-mail address"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\nactivation_code = sms\n"),
                HasSubstr("must be screen, email or email_else_screen"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\nnotify = maybe\n"),
                HasSubstr("[mail] notify must be on or off"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[mail]\ntimeout_ms = 0\n"),
                HasSubstr("[mail] timeout_ms must be a positive"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[clone]\nmax_reorders_per_day = -1\n"),
                HasSubstr("[clone] max_reorders_per_day must be a whole number"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[clone]\nchip_serial_apdu = 00CA01\n"),
                HasSubstr("[clone] chip_serial_apdu must be a command APDU"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[clone]\nchip_serial_apdu = 00CA01000\n"),
                HasSubstr("[clone] chip_serial_apdu must be a command APDU"));
    EXPECT_THAT(errorOf(dir, baseConfig + "[clone]\nchip_serial_apdu = GETDATA!\n"),
                HasSubstr("[clone] chip_serial_apdu must be a command APDU"));
}

TEST(MailConfig, passwordFile_mustBe0600LikeTheUsosSecret) {
    const TempDir dir;
    const auto config = Config::load(dir.write("kiosk.conf", baseConfig + mailSection));
    dir.write("mail.secret", "relay-pass\n", fs::perms(0644));
    try {
        (void)config.mail.smtpSettings();
        FAIL() << "a 0644 password file was read";
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), HasSubstr("chmod 600"));
    }
    dir.write("mail.secret", "relay-pass\n", fs::perms(0600));
    const auto settings = config.mail.smtpSettings();
    EXPECT_EQ(settings.password, "relay-pass");
    EXPECT_EQ(settings.username, "kiosk-a0");
    EXPECT_EQ(settings.url, "smtps://relay.example.edu.pl:465");
    EXPECT_EQ(settings.caFile, dir / "relay-ca.pem");
}

TEST(MailConfig, keys_areKnownToConfigSet) {
    const auto& keys = els::platform::configKeys();
    for (const auto* key : {"mail.smtp_url", "mail.password_file", "mail.activation_code",
                            "mail.notify", "clone.max_reorders_per_day", "clone.chip_serial_apdu"})
        EXPECT_NE(std::find(keys.begin(), keys.end(), key), keys.end()) << key;
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", baseConfig);
    els::platform::setConfigValue(file, "mail.smtp_url", "smtps://relay:465");
    EXPECT_THROW(els::platform::setConfigValue(file, "mail.notify", "maybe"), Error);
    EXPECT_THAT(readAll(file), HasSubstr("[mail]\nsmtp_url = smtps://relay:465\n"));
}

TEST(MailConfig, passwordFromTheSystemdCredential_winsOverThePlainFile) {
    const TempDir dir;
    const auto config = Config::load(dir.write("kiosk.conf", baseConfig + mailSection));
    dir.write("credentials/mail-password", "from-systemd\n");
    ::setenv("CREDENTIALS_DIRECTORY", (dir / "credentials").c_str(), 1);
    const auto password = config.mail.smtpSettings().password; // mail.secret does not exist
    ::unsetenv("CREDENTIALS_DIRECTORY");
    EXPECT_EQ(password, "from-systemd");
}

TEST(MailConfig, everyBadValueIsCollectedForDoctor_andLeftAtItsSafeDefault) {
    const TempDir dir;
    const auto reading = Config::read(dir.write(
        "kiosk.conf", baseConfig + "[mail]\nsmtp_url = ftp://x\nnotify = maybe\ntimeout_ms = -1\n"
                                   "[clone]\nmax_reorders_per_day = x\nchip_serial_apdu = zz\n"));
    EXPECT_EQ(reading.problems.size(), 5u);
    EXPECT_FALSE(reading.config.mail.enabled());
    EXPECT_FALSE(reading.config.mail.notify);
    EXPECT_EQ(reading.config.mail.timeout, std::chrono::milliseconds(15000));
    EXPECT_EQ(reading.config.clone.maxReordersPerDay, 1);
    EXPECT_TRUE(reading.config.clone.chipSerialApdu.empty());
}
