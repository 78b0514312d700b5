#pragma once

// A real SMTP server for tests: Debian's python3-aiosmtpd (smtp-sink.py) as a child process on
// 127.0.0.1 with a throw-away CA, and Python's own e-mail parser to read what it received.
#include "child-process.hpp"
#include "els/platform/usossim/certificates.hpp"
#include "temp-dir.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace els::testing {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// The SMTP sink as a child process, with its certificate and its received messages.
class SmtpSink {
public:
    SmtpSink(const ::TempDir& dir, const std::string& tls, const std::string& user = {},
             const std::string& password = {})
        : out_(dir / ("received-" + tls)) {
        fs::create_directories(out_);
        const auto identity = els::platform::usossim::makeThrowAwayIdentity();
        caFile_ = dir.write("ca-" + tls + ".pem", identity.caCertificatePem);
        const auto cert = dir.write("server-" + tls + ".pem", identity.certificatePem);
        const auto key = dir.write("server-" + tls + ".key", identity.privateKeyPem);
        std::vector<std::string> args{
            "/usr/bin/python3", ELS_SMTP_SINK, "--out", out_, "--tls", tls,
            "--cert",           cert,          "--key", key};
        if (!user.empty())
            args.insert(args.end(), {"--user", user, "--password", password});
        stdout_ = dir / ("sink-" + tls + ".out");
        stderr_ = dir / ("sink-" + tls + ".err");
        process_.emplace(spawnProcess(args, "/dev/null", stdout_, stderr_));
        const bool ready = waitUntil(20s, [&] { return readAll(stdout_).starts_with("READY "); });
        if (!ready)
            throw std::runtime_error("SMTP sink did not start: " + readAll(stderr_));
        port_ = std::stoi(readAll(stdout_).substr(6));
    }

    int port() const { return port_; }
    fs::path caFile() const { return caFile_; }
    std::string url(const std::string& scheme) const {
        return scheme + "://127.0.0.1:" + std::to_string(port_);
    }
    fs::path message(int n) const { return out_ / (std::to_string(n) + ".eml"); }
    std::string envelope(int n) const { return readAll(out_ / (std::to_string(n) + ".envelope")); }
    int received() const {
        int n = 0;
        while (fs::exists(message(n + 1)))
            ++n;
        return n;
    }

private:
    fs::path out_;
    fs::path caFile_;
    fs::path stdout_;
    fs::path stderr_;
    std::optional<ChildProcess> process_;
    int port_ = 0;
};

// Subject and body of a received message, decoded by Python's e-mail package.
struct Decoded {
    std::string subject;
    std::string body;
    std::string contentType;
};

inline Decoded decode(const ::TempDir& dir, const fs::path& eml) {
    const auto script = dir.write("decode.py", R"py(
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
open(sys.argv[2], 'w').write(str(m['subject']))
open(sys.argv[3], 'w').write(m.get_content().replace('\r\n', '\n'))
open(sys.argv[4], 'w').write(m.get_content_type() + ';' + m.get_content_charset())
)py");
    const auto subject = dir / "subject.txt";
    const auto body = dir / "body.txt";
    const auto type = dir / "type.txt";
    const auto result = runShell("/usr/bin/python3 " + shellQuoted(script) + " " +
                                 shellQuoted(eml) + " " + shellQuoted(subject) + " " +
                                 shellQuoted(body) + " " + shellQuoted(type) + " 2>&1");
    EXPECT_EQ(result.status, 0) << result.output;
    return {readAll(subject), readAll(body), readAll(type)};
}

} // namespace els::testing
