// The student e-mails end to end: ClonePolicy's texts through SmtpMailer to a real SMTP server
// (python3-aiosmtpd), read back with Python's e-mail parser; failures logged without personal
// data.
#include "els/kiosk/student-mail.hpp"
#include "els/platform/config.hpp"
#include "els/platform/log.hpp"
#include "smtp-sink.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace els::kiosk;
using els::platform::SmtpSettings;
using els::platform::log::Level;
using els::platform::log::Logger;
using els::testing::decode;
using els::testing::SmtpSink;
using testing::HasSubstr;
using testing::Not;
using namespace std::chrono_literals;

namespace {

const MailSender sender{"legitymacje@uni.example.edu.pl", "A-0 hall",
                        "legitymacje@uni.example.edu.pl"};
const std::string student = "s.testowa@student.uni.example.edu.pl";
const auto when = std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 13h + 4min;

struct Rig {
    explicit Rig(const std::string& user = {}, const std::string& password = {})
        : sink(dir, "starttls", user, password) {}

    StudentMail mail(const std::string& password = {}) const {
        SmtpSettings settings;
        settings.url = sink.url("smtp");
        settings.caFile = sink.caFile();
        settings.timeout = 20s;
        if (!password.empty()) {
            settings.username = "kiosk-a0";
            settings.password = password;
        }
        return StudentMail(settings, sender);
    }

    TempDir dir;
    SmtpSink sink;
    std::vector<std::string> lines;
    Logger log{Level::Debug, [this](std::string_view line) { lines.emplace_back(line); }};
};

} // namespace

TEST(StudentMail, activationCode_arrivesWithTheCodeAndTheWarsawTime) {
    Rig rig;
    EXPECT_TRUE(rig.mail().sendActivationCode(student, "QX7-K2M-99", when, rig.log));
    ASSERT_EQ(rig.sink.received(), 1);
    EXPECT_THAT(rig.sink.envelope(1), HasSubstr(student));
    const auto decoded = decode(rig.dir, rig.sink.message(1));
    EXPECT_EQ(decoded.subject, "mLegitymacja: kod aktywacyjny / activation code");
    EXPECT_THAT(decoded.body, HasSubstr("    QX7-K2M-99\n"));
    EXPECT_THAT(decoded.body, HasSubstr("w kiosku „A-0 hall” (2026-11-30 14:04)"));
    ASSERT_EQ(rig.lines.size(), 1u);
    EXPECT_THAT(rig.lines[0], HasSubstr("event=student_mail_sent mail=activation_code"));
    EXPECT_THAT(rig.lines[0], Not(HasSubstr("QX7")));
    EXPECT_THAT(rig.lines[0], Not(HasSubstr("testowa")));
}

TEST(StudentMail, everyNotice_arrivesNamingItsOperation) {
    Rig rig;
    const auto mail = rig.mail();
    for (const auto operation : {Operation::Order, Operation::Cancel, Operation::Revoke})
        EXPECT_TRUE(mail.sendNotice(student, operation, when, rig.log));
    ASSERT_EQ(rig.sink.received(), 3);
    EXPECT_EQ(decode(rig.dir, rig.sink.message(1)).subject,
              "mLegitymacja: zamówienie / order (A-0 hall)");
    EXPECT_EQ(decode(rig.dir, rig.sink.message(2)).subject,
              "mLegitymacja: anulowanie zamówienia / order cancelled (A-0 hall)");
    const auto revoke = decode(rig.dir, rig.sink.message(3));
    EXPECT_EQ(revoke.subject, "mLegitymacja: unieważnienie / revoked (A-0 hall)");
    EXPECT_THAT(revoke.body, HasSubstr("unieważniono mLegitymację"));
    EXPECT_THAT(rig.lines.at(2), HasSubstr("mail=revoke"));
}

TEST(StudentMail, refusedLogin_isFalseAndLoggedWithoutPersonalData) {
    Rig rig("kiosk-a0", "right");
    EXPECT_FALSE(rig.mail("wrong").sendActivationCode(student, "QX7-K2M-99", when, rig.log));
    EXPECT_EQ(rig.sink.received(), 0);
    ASSERT_EQ(rig.lines.size(), 1u);
    EXPECT_THAT(rig.lines[0], HasSubstr("event=student_mail_failed mail=activation_code "
                                        "kind=mail_auth smtp_code=535"));
    for (const auto* secret : {"QX7", "testowa", "wrong", "student.uni"})
        EXPECT_THAT(rig.lines[0], Not(HasSubstr(secret)));
}

TEST(StudentMail, addressUsosGaveThatIsNoAddress_isFalseNotAnException) {
    Rig rig;
    EXPECT_FALSE(rig.mail().sendNotice("not an address", Operation::Order, when, rig.log));
    EXPECT_THAT(rig.lines.at(0), HasSubstr("kind=mail_invalid"));
}

TEST(StudentMail, noRelayConfigured_meansNoMailer) {
    els::platform::Config config;
    EXPECT_FALSE(StudentMail::fromConfig(config));
}

// --- kioskctl mail-test: the technician's proof that the relay works ---

namespace {

std::string kioskConfig(const Rig& rig, const std::string& mail) {
    return rig.dir
        .write("kiosk.conf", "[usos]\nbase_url = https://usos.example.edu\nconsumer_key = k\n"
                             "secret_file = s\n[trust]\nanchors = a.pem\n[journal]\npath = j.db\n" +
                                 mail)
        .string();
}

std::string relaySection(const Rig& rig) {
    return "[mail]\nsmtp_url = " + rig.sink.url("smtp") + "\nusername = kiosk-a0\n" +
           "password_file = relay.secret\nca_file = " + rig.sink.caFile().string() +
           "\nfrom = legitymacje@uni.example.edu.pl\nkiosk_name = A-0 hall\n" +
           "contact = legitymacje@uni.example.edu.pl\n";
}

els::testing::CommandResult mailTest(const std::string& config, const std::string& extra = "") {
    return els::testing::runShell(std::string(ELS_KIOSKCTL) + " mail-test --config " +
                                  els::testing::shellQuoted(config) +
                                  " --to tech@uni.example.edu.pl " + extra + " 2>&1");
}

} // namespace

TEST(KioskctlMailTest, workingRelay_deliversAMarkedTestNoticeAndSaysOk) {
    Rig rig("kiosk-a0", "relay-pass");
    rig.dir.write("relay.secret", "relay-pass\n");
    const auto run = mailTest(kioskConfig(rig, relaySection(rig)), "--notice revoke");
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_THAT(run.output, HasSubstr("ok: " + rig.sink.url("smtp") +
                                      " accepted a test e-mail for t***@uni.example.edu.pl"));
    ASSERT_EQ(rig.sink.received(), 1);
    EXPECT_EQ(decode(rig.dir, rig.sink.message(1)).subject,
              "[test] mLegitymacja: unieważnienie / revoked (A-0 hall)");
}

TEST(KioskctlMailTest, passwordFileReadableByOthers_isRefusedWithTheFix) {
    Rig rig("kiosk-a0", "relay-pass");
    rig.dir.write("relay.secret", "relay-pass\n", std::filesystem::perms(0644));
    const auto run = mailTest(kioskConfig(rig, relaySection(rig)));
    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_THAT(run.output, HasSubstr("chmod 600"));
    EXPECT_EQ(rig.sink.received(), 0);
}

TEST(KioskctlMailTest, wrongPassword_saysWhichSettingToCheck) {
    Rig rig("kiosk-a0", "relay-pass");
    rig.dir.write("relay.secret", "not-the-pass\n");
    const auto run = mailTest(kioskConfig(rig, relaySection(rig)));
    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_THAT(run.output, HasSubstr("refused the login with 535"));
    EXPECT_THAT(run.output, HasSubstr("password_file"));
}

TEST(KioskctlMailTest, noRelayConfigured_saysSo) {
    Rig rig;
    const auto run = mailTest(kioskConfig(rig, ""));
    EXPECT_EQ(run.status, 1) << run.output;
    EXPECT_THAT(run.output, HasSubstr("[mail] smtp_url is not set"));
}
