#include "els/platform/config.hpp"
#include "els/platform/error.hpp"
#include "temp-dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

using els::platform::Config;
using els::platform::Error;
using testing::HasSubstr;
namespace fs = std::filesystem;

namespace {

const std::string goodConfig = R"ini(
# Kiosk in the main hall
[usos]
base_url = https://usos.example.edu/
ca_file = certs/usos-ca.pem
consumer_key = kioskKey1
secret_file = secret/consumer.secret
lookup_method = services/users/search2

; the trust anchors for ELS signatures
[trust]
anchors = /etc/els-kiosk/anchors

[journal]
path = var/journal.db

[reader]
name = "Virtual PCD 00 00"

[timing]
request_timeout_ms = 2500
poll_max_ms = 4000
)ini";

std::string errorOf(const fs::path& file, const els::platform::ConfigOverrides& overrides = {}) {
    try {
        Config::load(file, overrides);
    } catch (const Error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST(Config, goodFile_loadsValuesDefaultsAndRelativePaths) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig);
    const auto config = Config::load(file);
    EXPECT_EQ(config.file, file);
    EXPECT_EQ(config.usos.baseUrl, "https://usos.example.edu");
    EXPECT_EQ(config.usos.caFile, dir / "certs/usos-ca.pem");
    EXPECT_EQ(config.usos.consumerKey, "kioskKey1");
    EXPECT_EQ(config.usos.secretFile, dir / "secret/consumer.secret");
    EXPECT_EQ(config.usos.actAsParam, "as_user_id");
    EXPECT_EQ(config.usos.lookupMethod, "services/users/search2");
    EXPECT_TRUE(config.usos.clientCert.empty());
    EXPECT_EQ(config.trustAnchors, fs::path("/etc/els-kiosk/anchors"));
    EXPECT_EQ(config.journalPath, dir / "var/journal.db");
    EXPECT_EQ(config.readerName, "Virtual PCD 00 00");
    EXPECT_EQ(config.timing.requestTimeout, std::chrono::milliseconds(2500));
    EXPECT_EQ(config.timing.pollMax, std::chrono::milliseconds(4000));
    EXPECT_EQ(config.timing.pollInitial, std::chrono::milliseconds(1000));
    EXPECT_EQ(config.timing.orderDeadline, std::chrono::seconds(600));
    EXPECT_EQ(config.timing.idleTimeout, std::chrono::seconds(60));
    EXPECT_EQ(config.timing.readyScreen, std::chrono::seconds(120));
    EXPECT_EQ(config.timing.removalGrace, std::chrono::seconds(5));
}

TEST(Config, relativePathFromAnotherWorkingDirectory_isRelativeToConfigFolder) {
    const TempDir dir;
    dir.write("etc/kiosk.conf", goodConfig);
    const auto previous = fs::current_path();
    fs::current_path(dir / "etc");
    const auto config = Config::load("kiosk.conf");
    fs::current_path(previous);
    EXPECT_EQ(config.journalPath, dir / "etc/var/journal.db");
}

TEST(Config, unknownKey_isRefusedNamingKeyAndSection) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig + "[usos]\nconsumer_secret = x\n");
    EXPECT_THAT(errorOf(file), HasSubstr("unknown key 'consumer_secret' in section [usos]"));
}

TEST(Config, unknownSection_isRefusedNamingIt) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig + "[printer]\n");
    EXPECT_THAT(errorOf(file), HasSubstr("unknown section [printer]"));
}

TEST(Config, missingRequiredKey_isRefusedNamingIt) {
    const TempDir dir;
    std::string text = goodConfig;
    text.erase(text.find("consumer_key"),
               text.find('\n', text.find("consumer_key")) - text.find("consumer_key"));
    const auto file = dir.write("kiosk.conf", text);
    EXPECT_THAT(errorOf(file), HasSubstr("[usos] consumer_key is required but missing"));
}

TEST(Config, malformedValues_areRefusedWithTheReason) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig);
    EXPECT_THAT(errorOf(file, {{"timing.poll_max_ms", "10s"}}),
                HasSubstr("poll_max_ms must be a positive whole number"));
    EXPECT_THAT(errorOf(file, {{"timing.poll_initial_ms", "5000"}}),
                HasSubstr("must not exceed poll_max_ms"));
    EXPECT_THAT(errorOf(file, {{"usos.base_url", "http://usos.example.edu"}}),
                HasSubstr("must be an https:// URL"));
    EXPECT_THAT(errorOf(file, {{"usos.client_cert", "c.pem"}}), HasSubstr("client_key is needed"));
    EXPECT_THAT(errorOf(file, {{"usos.nonsense", "1"}}), HasSubstr("unknown configuration key"));
    EXPECT_THAT(errorOf(dir / "absent.conf"), HasSubstr("cannot read configuration file"));
}

TEST(Config, accessibilityAndHelp_defaultsWithoutTheKeys) {
    const TempDir dir;
    const auto config = Config::load(dir.write("kiosk.conf", goodConfig));
    EXPECT_TRUE(config.accessibility.cues);
    EXPECT_EQ(config.accessibility.readerPosition, els::platform::ReaderPosition::Below);
    EXPECT_EQ(config.help.textPl, "");
    EXPECT_EQ(config.help.contactEn, "");
}

TEST(Config, accessibilityAndHelp_keysAreRead) {
    const TempDir dir;
    const auto config = Config::load(
        dir.write("kiosk.conf", goodConfig + "[accessibility]\ncues = off\nreader_position = "
                                             "right\n[help]\ntext_pl = Kiosk czynny 8–20.\n"
                                             "text_en = Open 8–20.\ncontact_pl = Dziekanat, "
                                             "pokój 12\ncontact_en = Dean's office, room 12\n"));
    EXPECT_FALSE(config.accessibility.cues);
    EXPECT_EQ(config.accessibility.readerPosition, els::platform::ReaderPosition::Right);
    EXPECT_EQ(config.help.textPl, "Kiosk czynny 8–20.");
    EXPECT_EQ(config.help.textEn, "Open 8–20.");
    EXPECT_EQ(config.help.contactPl, "Dziekanat, pokój 12");
    EXPECT_EQ(config.help.contactEn, "Dean's office, room 12");
    EXPECT_EQ(Config::load(dir.write("left.conf", goodConfig),
                           {{"accessibility.reader_position", "left"}})
                  .accessibility.readerPosition,
              els::platform::ReaderPosition::Left);
}

TEST(Config, accessibilityBadValues_areRefusedWithTheChoices) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig);
    EXPECT_THAT(errorOf(file, {{"accessibility.cues", "loud"}}), HasSubstr("must be on or off"));
    EXPECT_THAT(errorOf(file, {{"accessibility.reader_position", "above"}}),
                HasSubstr("must be below, right or left"));
}

TEST(Config, baseUrlWithUserInformationOrNoPlainHost_isRefused) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig);
    EXPECT_THAT(errorOf(file, {{"usos.base_url", "https://usos.example.edu@evil.example"}}),
                HasSubstr("must not contain user information"));
    EXPECT_THAT(errorOf(file, {{"usos.base_url", "https://user:pw@usos.example.edu/services"}}),
                HasSubstr("must not contain user information"));
    EXPECT_THAT(errorOf(file, {{"usos.base_url", "https://:8443"}}), HasSubstr("has no host"));
    EXPECT_THAT(errorOf(file, {{"usos.base_url", "https://usos.example.edu/a b"}}),
                HasSubstr("must not contain spaces"));
    EXPECT_THAT(errorOf(file, {{"usos.base_url", "https://usos.example.edu/?x=1"}}),
                HasSubstr("query or fragment"));
    // An '@' in the path is not user information.
    EXPECT_EQ(Config::load(file, {{"usos.base_url", "https://usos.example.edu/@x"}}).usos.baseUrl,
              "https://usos.example.edu/@x");
}

TEST(Config, duplicateKeyAndKeyOutsideSection_areRefused) {
    const TempDir dir;
    EXPECT_THAT(errorOf(dir.write("a.conf", goodConfig + "[journal]\npath = x\n")),
                HasSubstr("appears twice"));
    EXPECT_THAT(errorOf(dir.write("b.conf", "base_url = https://x\n" + goodConfig)),
                HasSubstr("key outside of any [section]"));
}

TEST(Config, overrides_replaceFileValues) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig);
    const auto config = Config::load(
        file, {{"usos.base_url", "https://127.0.0.1:8443"}, {"usos.act_as_param", "user_id"}});
    EXPECT_EQ(config.usos.baseUrl, "https://127.0.0.1:8443");
    EXPECT_EQ(config.usos.actAsParam, "user_id");
}

TEST(Config, secretWithMode0600_isReadWithoutTrailingNewline) {
    const TempDir dir;
    dir.write("secret/consumer.secret", "s3cr3t|value\n", fs::perms(0600));
    const auto config = Config::load(dir.write("kiosk.conf", goodConfig));
    EXPECT_EQ(config.readConsumerSecret(), "s3cr3t|value");
    fs::permissions(config.usos.secretFile, fs::perms(0400));
    EXPECT_EQ(config.readConsumerSecret(), "s3cr3t|value");
}

TEST(Config, secretWithMode0644_isRefusedNamingFileAndFix) {
    const TempDir dir;
    const auto secret = dir.write("secret/consumer.secret", "s3cr3t\n", fs::perms(0644));
    const auto config = Config::load(dir.write("kiosk.conf", goodConfig));
    try {
        config.readConsumerSecret();
        FAIL() << "a world-readable secret was accepted";
    } catch (const Error& e) {
        EXPECT_THAT(e.what(), HasSubstr(secret.string()));
        EXPECT_THAT(e.what(), HasSubstr("mode 0644"));
        EXPECT_THAT(e.what(), HasSubstr("chmod 600 " + secret.string()));
        EXPECT_THAT(e.what(), testing::Not(HasSubstr("s3cr3t")));
    }
}

TEST(Config, secretMissingOrEmpty_isRefused) {
    const TempDir dir;
    const auto config = Config::load(dir.write("kiosk.conf", goodConfig));
    EXPECT_THROW(config.readConsumerSecret(), Error);
    dir.write("secret/consumer.secret", "\n", fs::perms(0600));
    EXPECT_THROW(config.readConsumerSecret(), Error);
}

TEST(Config, setConfigValue_replacesInPlaceKeepingComments) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig);
    els::platform::setConfigValue(file, "usos.consumer_key", "newKey");
    els::platform::setConfigValue(file, "usos.act_as_param", "user_id");
    els::platform::setConfigValue(file, "timing.idle_timeout_s", "90");
    const auto text = readAll(file);
    EXPECT_THAT(text, HasSubstr("# Kiosk in the main hall"));
    EXPECT_THAT(text, HasSubstr("; the trust anchors for ELS signatures"));
    EXPECT_THAT(text, testing::Not(HasSubstr("kioskKey1")));
    const auto config = Config::load(file);
    EXPECT_EQ(config.usos.consumerKey, "newKey");
    EXPECT_EQ(config.usos.actAsParam, "user_id");
    EXPECT_EQ(config.timing.idleTimeout, std::chrono::seconds(90));
    EXPECT_EQ(config.usos.lookupMethod, "services/users/search2");
}

TEST(Config, setConfigValue_newFileAndNewSection_areCreated) {
    const TempDir dir;
    const auto file = dir / "new.conf";
    els::platform::setConfigValue(file, "usos.base_url", "https://usos.example.edu");
    els::platform::setConfigValue(file, "journal.path", "journal.db");
    EXPECT_EQ(readAll(file), "[usos]\nbase_url = https://usos.example.edu\n\n[journal]\n"
                             "path = journal.db\n");
}

TEST(Config, setConfigValue_badKeyOrValue_leavesFileUntouched) {
    const TempDir dir;
    const auto file = dir.write("kiosk.conf", goodConfig);
    EXPECT_THROW(els::platform::setConfigValue(file, "usos.password", "x"), Error);
    EXPECT_THROW(els::platform::setConfigValue(file, "timing.poll_max_ms", "-1"), Error);
    EXPECT_THROW(els::platform::setConfigValue(file, "reader.name", "a\nb"), Error);
    EXPECT_EQ(readAll(file), goodConfig);
}

namespace {

std::vector<std::string> codesOf(const std::vector<els::platform::ConfigProblem>& problems) {
    std::vector<std::string> codes;
    for (const auto& problem : problems)
        codes.push_back(problem.code);
    return codes;
}

// goodConfig with every file it names in place and private: usable as it stands.
fs::path usableConfig(const TempDir& dir) {
    dir.write("secret/consumer.secret", "s3cr3t\n", fs::perms(0600));
    dir.write("certs/usos-ca.pem", "-----BEGIN CERTIFICATE-----\n", fs::perms(0644));
    dir.write("anchors/ca.pem", "-----BEGIN CERTIFICATE-----\n", fs::perms(0644));
    std::string text = goodConfig;
    text.replace(text.find("/etc/els-kiosk/anchors"), std::string("/etc/els-kiosk/anchors").size(),
                 "anchors");
    return dir.write("kiosk.conf", text);
}

} // namespace

TEST(Config, read_collectsEveryProblemAndKeepsTheValidValues) {
    const TempDir dir;
    std::string text = goodConfig;
    text.erase(text.find("anchors = "), text.find('\n', text.find("anchors = ")) -
                                            text.find("anchors = ")); // [trust] anchors missing
    text += "[usos]\nsecret_colour = blue\n[printer]\nmodel = x\n[timing]\nidle_timeout_s = -1\n";
    const auto reading = Config::read(dir.write("kiosk.conf", text));
    ASSERT_EQ(reading.problems.size(), 4u);
    EXPECT_THAT(reading.problems[0].message, HasSubstr("unknown key 'secret_colour'"));
    EXPECT_THAT(reading.problems[1].message, HasSubstr("unknown section [printer]"));
    EXPECT_THAT(reading.problems[2].message, HasSubstr("[trust] anchors is required but missing"));
    EXPECT_EQ(reading.problems[2].fix, "kioskctl config set trust.anchors VALUE (or kioskctl "
                                       "provision ...)");
    EXPECT_THAT(reading.problems[3].message, HasSubstr("idle_timeout_s must be a positive"));
    for (const auto& problem : reading.problems)
        EXPECT_EQ(problem.code, "config_invalid");
    EXPECT_EQ(reading.config.usos.consumerKey, "kioskKey1");
    EXPECT_EQ(reading.config.journalPath, dir / "var/journal.db");
    EXPECT_EQ(reading.config.timing.idleTimeout, std::chrono::seconds(60)); // the default
    // load still refuses it, naming the first problem
    EXPECT_THAT(errorOf(dir / "kiosk.conf"), HasSubstr("unknown key 'secret_colour'"));
}

TEST(Config, read_unreadableFile_isOneProblem) {
    const TempDir dir;
    const auto reading = Config::read(dir / "absent.conf");
    EXPECT_EQ(codesOf(reading.problems), std::vector<std::string>{"config_unreadable"});
}

TEST(Config, checkConfigUsable_everythingInPlace_noProblem) {
    const TempDir dir;
    const auto config = Config::load(usableConfig(dir));
    EXPECT_TRUE(els::platform::checkConfigUsable(config).empty());
}

TEST(Config, checkConfigUsable_emptySecret_saysWriteTheSecretNotChmod) {
    const TempDir dir;
    const auto config = Config::load(usableConfig(dir));
    dir.write("secret/consumer.secret", "\n", fs::perms(0600));
    const auto problems = els::platform::checkConfigUsable(config);
    ASSERT_EQ(codesOf(problems), std::vector<std::string>{"secret_empty"});
    EXPECT_EQ(problems[0].message,
              "secret file " + (dir / "secret/consumer.secret").string() + " is empty");
    EXPECT_EQ(problems[0].fix, "write the consumer secret with kioskctl provision --secret-stdin");
}

TEST(Config, checkConfigUsable_eachBrokenFile_hasItsCode) {
    const TempDir dir;
    const auto config = Config::load(usableConfig(dir));
    fs::remove(dir / "certs/usos-ca.pem");
    fs::remove(dir / "anchors/ca.pem");
    fs::permissions(dir / "secret/consumer.secret", fs::perms(0640));
    fs::create_directories(dir / "var");
    fs::permissions(dir / "var", fs::perms(0500));
    const auto problems = els::platform::checkConfigUsable(config);
    fs::permissions(dir / "var", fs::perms(0700));
    std::vector<std::string> expected{"secret_mode", "ca_file_missing", "anchors_missing"};
    if (::geteuid() != 0) // root writes anywhere: doctor checks as the service user instead
        expected.emplace_back("journal_not_writable");
    EXPECT_EQ(codesOf(problems), expected);
    EXPECT_EQ(problems[1].message,
              "[usos] ca_file " + (dir / "certs/usos-ca.pem").string() + " does not exist");
}

namespace {

// `systemd-creds encrypt` of `secret` under `name` (the host key; it needs no running systemd).
bool encryptCredential(const std::string& secret, const std::string& name, const fs::path& out) {
    const auto command = "printf %s '" + secret + "' | systemd-creds encrypt --name=" + name +
                         " - " + out.string() + " 2>/dev/null";
    return std::system(command.c_str()) == 0;
}

} // namespace

TEST(Config, systemdCredential_isReadInsteadOfTheSecretFile) {
    const TempDir dir;
    const auto config = Config::load(usableConfig(dir));
    dir.write("credentials/consumer-secret", "from-systemd\n", fs::perms(0400));
    ::setenv("CREDENTIALS_DIRECTORY", (dir / "credentials").c_str(), 1);
    const auto secret = config.readConsumerSecret();
    fs::permissions(dir / "credentials/consumer-secret", fs::perms(0444));
    const auto problems = els::platform::checkConfigUsable(config);
    ::unsetenv("CREDENTIALS_DIRECTORY");
    EXPECT_EQ(secret, "from-systemd");
    EXPECT_EQ(codesOf(problems), std::vector<std::string>{"secret_mode"}); // the credential's
}

TEST(Config, encryptedCredentialFile_isDecryptedForRoot) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "systemd-creds decrypts with root's host key";
    const TempDir dir;
    const auto cred = dir / "consumer-secret.cred";
    ASSERT_TRUE(encryptCredential("s3cr3t-at-rest", "consumer-secret", cred));
    EXPECT_EQ(readAll(cred).find("s3cr3t-at-rest"), std::string::npos);
    const auto config =
        Config::load(usableConfig(dir), {{"usos.secret_file", "consumer-secret.cred"}});
    EXPECT_EQ(config.readConsumerSecret(), "s3cr3t-at-rest");
    EXPECT_TRUE(els::platform::checkConfigUsable(config).empty());
    // The name is bound into the credential: another name does not decrypt it.
    EXPECT_THROW(els::platform::decryptCredential(cred, "journal-key"), Error);
    fs::remove(cred);
    EXPECT_EQ(codesOf(els::platform::checkConfigUsable(config)),
              std::vector<std::string>{"secret_missing"});
}

TEST(Config, checkConfigUsable_journalKeyFile_isCheckedLikeTheSecret) {
    const TempDir dir;
    dir.write("etc/journal-key", "0123456789abcdef\n", fs::perms(0644));
    const auto config = Config::load(usableConfig(dir), {{"journal.key_file", "etc/journal-key"}});
    EXPECT_EQ(config.journalKeyFile, dir / "etc/journal-key");
    auto problems = els::platform::checkConfigUsable(config);
    ASSERT_EQ(codesOf(problems), std::vector<std::string>{"journal_key_mode"});
    EXPECT_EQ(problems[0].message, "journal key file " + (dir / "etc/journal-key").string() +
                                       " is accessible by group or others (mode 0644)");
    fs::remove(dir / "etc/journal-key");
    problems = els::platform::checkConfigUsable(config);
    ASSERT_EQ(codesOf(problems), std::vector<std::string>{"journal_key_missing"});
    EXPECT_EQ(problems[0].fix, "write a new one with kioskctl provision --new-journal-key");
}
