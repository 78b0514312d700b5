// The SMTP mailer against a real SMTP server: Debian's python3-aiosmtpd (tests/platform/
// smtp-sink.py) on 127.0.0.1 with a throw-away CA, in STARTTLS, implicit-TLS and no-TLS
// modes; the received bytes are decoded by Python's own e-mail parser, not by ours.
#include "child-process.hpp"
#include "els/platform/mail.hpp"
#include "smtp-sink.hpp"
#include "temp-dir.hpp"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using els::platform::formatMail;
using els::platform::MailError;
using els::platform::MailErrorKind;
using els::platform::MailMessage;
using els::platform::SmtpMailer;
using els::platform::SmtpSettings;
using els::testing::decode;
using els::testing::SmtpSink;
using testing::HasSubstr;
using testing::Not;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const MailMessage polishMessage{"legitymacje@uni.example.edu.pl",
                                "student.testowy@student.example.edu.pl",
                                "mLegitymacja: kod aktywacyjny — zażółć gęślą jaźń",
                                "Dzień dobry,\nkod aktywacyjny: 12345678\nŁódź, Kraków.\n"};

// A TCP socket bound to 127.0.0.1 at a free port, listening or not.
class LocalSocket {
public:
    explicit LocalSocket(bool listening) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
            throw std::runtime_error("cannot bind a local socket");
        socklen_t length = sizeof address;
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        if (listening && ::listen(fd_, 4) != 0)
            throw std::runtime_error("cannot listen");
    }
    ~LocalSocket() { ::close(fd_); }
    LocalSocket(const LocalSocket&) = delete;
    LocalSocket& operator=(const LocalSocket&) = delete;
    int port() const { return port_; }
    int acceptOne() const { return ::accept(fd_, nullptr, nullptr); }

private:
    int fd_;
    int port_ = 0;
};

SmtpSettings settingsFor(const SmtpSink& sink, const std::string& scheme) {
    SmtpSettings settings;
    settings.url = sink.url(scheme);
    settings.caFile = sink.caFile();
    settings.timeout = 20s;
    return settings;
}

MailError sendFailure(const SmtpSettings& settings, const MailMessage& message = polishMessage) {
    try {
        SmtpMailer(settings).send(message);
    } catch (const MailError& e) {
        return e;
    }
    return MailError(MailErrorKind::Invalid, "no error");
}

} // namespace

TEST(MailFormat, plainAsciiSubject_staysReadable) {
    EXPECT_EQ(els::platform::encodeHeaderWords("Activation code"), "Activation code");
}

TEST(MailFormat, polishSubject_isEncodedWordsOfAtMost75CharactersNeverSplittingALetter) {
    const std::string subject(100, 'a');
    const auto encoded = els::platform::encodeHeaderWords(subject + "ż" + subject + "ąęł");
    std::size_t start = 0;
    int words = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n ", start);
        if (end == std::string::npos)
            end = encoded.size();
        const auto word = encoded.substr(start, end - start);
        EXPECT_LE(word.size(), 75u) << word;
        EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
        ++words;
        start = end == encoded.size() ? end : end + 3;
    }
    EXPECT_GE(words, 5);
}

TEST(MailFormat, headersAndBase64Body_haveCrlfLineEnds) {
    const auto text = formatMail(
        polishMessage, std::chrono::sys_days{std::chrono::year{2026} / 11 / 30} + 14h + 3min + 7s,
        "uni.example.edu.pl");
    EXPECT_THAT(text, HasSubstr("Date: Mon, 30 Nov 2026 14:03:07 +0000\r\n"));
    EXPECT_THAT(text, HasSubstr("From: legitymacje@uni.example.edu.pl\r\n"));
    EXPECT_THAT(text, HasSubstr("To: student.testowy@student.example.edu.pl\r\n"));
    EXPECT_THAT(text, HasSubstr("Subject: =?UTF-8?B?"));
    EXPECT_THAT(text, HasSubstr("@uni.example.edu.pl>\r\n"));
    EXPECT_THAT(text, HasSubstr("Content-Type: text/plain; charset=utf-8\r\n"));
    EXPECT_THAT(text, HasSubstr("Content-Transfer-Encoding: base64\r\n"));
    EXPECT_THAT(text, HasSubstr("Auto-Submitted: auto-generated\r\n\r\n"));
    EXPECT_THAT(text, Not(HasSubstr("12345678"))); // the body travels in base64
    for (std::size_t i = text.find('\n'); i != std::string::npos; i = text.find('\n', i + 1))
        EXPECT_EQ(text[i - 1], '\r') << "bare LF at " << i;
}

TEST(MailFormat, addressOrSubjectThatCouldInjectAHeader_isRefused) {
    const auto now = std::chrono::system_clock::now();
    for (const auto& to : {"a@b.pl\r\nBcc: x@y.pl", "a@b.pl, x@y.pl", "<a@b.pl>", "nobody", "@b"}) {
        auto message = polishMessage;
        message.to = to;
        EXPECT_THROW(formatMail(message, now, "d"), MailError) << to;
    }
    auto message = polishMessage;
    message.subject = "Hi\r\nBcc: x@y.pl";
    EXPECT_THROW(formatMail(message, now, "d"), MailError);
}

TEST(SmtpMailer, urlWithoutSmtpScheme_isRefusedAtConstruction) {
    SmtpSettings settings;
    settings.url = "https://relay.example.edu.pl";
    try {
        SmtpMailer mailer(settings);
        FAIL() << "accepted";
    } catch (const MailError& e) {
        EXPECT_EQ(e.kind(), MailErrorKind::Invalid);
        EXPECT_THAT(e.what(), HasSubstr("smtps://"));
    }
}

TEST(SmtpMailer, starttlsWithAuth_deliversUtf8SubjectAndBodyIntact) {
    const TempDir dir;
    const SmtpSink sink(dir, "starttls", "kiosk-a0", "s3cret pass");
    auto settings = settingsFor(sink, "smtp");
    settings.username = "kiosk-a0";
    settings.password = "s3cret pass";
    SmtpMailer(settings).send(polishMessage);

    ASSERT_EQ(sink.received(), 1);
    EXPECT_EQ(sink.envelope(1),
              "legitymacje@uni.example.edu.pl\nstudent.testowy@student.example.edu.pl\n");
    const auto decoded = decode(dir, sink.message(1));
    EXPECT_EQ(decoded.subject, polishMessage.subject);
    EXPECT_EQ(decoded.body, polishMessage.body);
    EXPECT_EQ(decoded.contentType, "text/plain;utf-8");
    const auto raw = readAll(sink.message(1));
    EXPECT_THAT(raw, HasSubstr("Auto-Submitted: auto-generated"));
    EXPECT_THAT(raw, HasSubstr("MIME-Version: 1.0"));
}

TEST(SmtpMailer, implicitTls_delivers) {
    const TempDir dir;
    const SmtpSink sink(dir, "implicit");
    SmtpMailer(settingsFor(sink, "smtps")).send(polishMessage);
    ASSERT_EQ(sink.received(), 1);
    EXPECT_EQ(decode(dir, sink.message(1)).body, polishMessage.body);
}

TEST(SmtpMailer, serverDown_isConnectErrorNamingTheSetting) {
    int port = 0;
    {
        const LocalSocket closed(false);
        port = closed.port();
    }
    SmtpSettings settings;
    settings.url = "smtp://127.0.0.1:" + std::to_string(port);
    const auto error = sendFailure(settings);
    EXPECT_EQ(error.kind(), MailErrorKind::Connect) << error.what();
    EXPECT_THAT(error.what(), HasSubstr("smtp_url"));
}

TEST(SmtpMailer, wrongPassword_isAuthErrorWithoutTheAddressOrPassword) {
    const TempDir dir;
    const SmtpSink sink(dir, "starttls", "kiosk-a0", "right");
    auto settings = settingsFor(sink, "smtp");
    settings.username = "kiosk-a0";
    settings.password = "wrong-password";
    const auto error = sendFailure(settings);
    EXPECT_EQ(error.kind(), MailErrorKind::Auth) << error.what();
    EXPECT_EQ(error.smtpCode(), 535);
    EXPECT_THAT(error.what(), HasSubstr("password_file"));
    EXPECT_THAT(error.what(), Not(HasSubstr("student.testowy")));
    EXPECT_THAT(error.what(), Not(HasSubstr("wrong-password")));
    EXPECT_EQ(sink.received(), 0);
}

TEST(SmtpMailer, implicitTlsClientAgainstStarttlsServer_isTlsError) {
    const TempDir dir;
    const SmtpSink sink(dir, "starttls");
    const auto error = sendFailure(settingsFor(sink, "smtps"));
    EXPECT_EQ(error.kind(), MailErrorKind::Tls) << error.what();
    EXPECT_THAT(error.what(), HasSubstr("smtps://"));
}

TEST(SmtpMailer, starttlsClientAgainstImplicitTlsServer_endsAtTheTimeoutWithTheHint) {
    const TempDir dir;
    const SmtpSink sink(dir, "implicit");
    auto settings = settingsFor(sink, "smtp");
    settings.timeout = 1500ms; // both sides wait for the other to speak first
    const auto error = sendFailure(settings);
    EXPECT_EQ(error.kind(), MailErrorKind::Timeout) << error.what();
    EXPECT_THAT(error.what(), HasSubstr("needs smtps://"));
}

TEST(SmtpMailer, serverWithoutStarttls_isRefusedNotSentInPlainText) {
    const TempDir dir;
    const SmtpSink sink(dir, "none");
    const auto error = sendFailure(settingsFor(sink, "smtp"));
    EXPECT_EQ(error.kind(), MailErrorKind::Tls) << error.what();
    EXPECT_THAT(error.what(), HasSubstr("STARTTLS"));
    EXPECT_EQ(sink.received(), 0);
}

TEST(SmtpMailer, certificateFromAnUnknownCa_isTlsError) {
    const TempDir dir;
    const SmtpSink sink(dir, "implicit");
    auto settings = settingsFor(sink, "smtps");
    settings.caFile =
        dir.write("other-ca.pem", els::platform::usossim::makeThrowAwayIdentity().caCertificatePem);
    const auto error = sendFailure(settings);
    EXPECT_EQ(error.kind(), MailErrorKind::Tls) << error.what();
    EXPECT_THAT(error.what(), HasSubstr("ca_file"));
    EXPECT_EQ(sink.received(), 0);
}

TEST(SmtpMailer, stopRequestedWhileTheServerIsSilent_cancelsLongBeforeTheTimeout) {
    const LocalSocket silent(true);
    SmtpSettings settings;
    settings.url = "smtp://127.0.0.1:" + std::to_string(silent.port());
    settings.timeout = 120s;
    std::optional<MailError> error;
    std::jthread sender([&](std::stop_token stop) {
        try {
            SmtpMailer(settings).send(polishMessage, stop);
        } catch (const MailError& e) {
            error = e;
        }
    });
    const int connection = silent.acceptOne(); // the mailer is now waiting for a greeting
    sender.request_stop();
    sender.join();
    ::close(connection);
    ASSERT_TRUE(error);
    // Cancelled, not Timeout: the stop request ended it, not the 120 s bound.
    EXPECT_EQ(error->kind(), MailErrorKind::Cancelled) << error->what();
}
