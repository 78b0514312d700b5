// kioskctl provision / doctor / status / trust / config, run as a technician would (the real
// binary, real files, real pcscd, real TLS servers) with one piece broken on purpose per test.
#include "els/platform/clock.hpp"
#include "els/platform/journal.hpp"

#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

namespace {

namespace fs = std::filesystem;

struct CommandResult {
    int status;
    std::string output; // stdout and stderr
};

CommandResult run(const std::string& command) {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen((command + " 2>&1").c_str(), "r"), ::pclose);
    std::string output;
    std::array<char, 4096> buffer{};
    while (const auto n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) output.append(buffer.data(), n);
    const int status = ::pclose(pipe.release());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string slurp(const fs::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

// A self-signed CA certificate valid from `from` to `until` days from now (negative: past).
void makeCertificate(const fs::path& pem, const char* commonName, long fromDays, long untilDays) {
    std::unique_ptr<EVP_PKEY, void (*)(EVP_PKEY*)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, void (*)(X509*)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), fromDays * 86400);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), untilDays * 86400);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(commonName), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    X509_sign(cert.get(), key.get(), EVP_sha256());
    std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(pem.c_str(), "w"), std::fclose);
    PEM_write_X509(out.get(), cert.get());
}

// `openssl s_server -HTTP` serving canned HTTP responses from a folder: a TLS peer whose
// certificate, Date header and status we choose. Stopped (only this one) at the end.
class CannedHttpsServer {
public:
    CannedHttpsServer(const fs::path& root, const fs::path& cert, const fs::path& key, int port) : port_(port) {
        pid_ = ::fork();
        if (pid_ == 0) {
            ::chdir(root.c_str());
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            const auto accept = "127.0.0.1:" + std::to_string(port);
            ::execlp("openssl", "openssl", "s_server", "-quiet", "-accept", accept.c_str(), "-cert", cert.c_str(),
                     "-key", key.c_str(), "-HTTP", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500)); // s_server binds quickly
    }
    ~CannedHttpsServer() {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    std::string url(const std::string& prefix) const {
        return "https://127.0.0.1:" + std::to_string(port_) + "/" + prefix + "/";
    }

private:
    pid_t pid_;
    int port_;
};

class KioskctlOps : public ::testing::Test {
protected:
    void SetUp() override {
        char dirTemplate[] = "/tmp/els-kioskctl-ops-XXXXXX";
        dir_ = ::mkdtemp(dirTemplate);
        config_ = dir_ / "etc/kiosk.conf";
        makeCertificate(dir_ / "ca.pem", "Test ELS CA", -1, 365);
        write(dir_ / "secret.txt", "s3cret-consumer-value\n");
        provision("https://127.0.0.1:9/");
    }
    void TearDown() override { fs::remove_all(dir_); }

    CommandResult provision(const std::string& baseUrl) {
        return run(kioskctl() + " provision --config " + config_.string() + " --base-url " + baseUrl +
                   " --consumer-key KIOSK-KEY --secret-file " + (dir_ / "secret.txt").string() + " --trust " +
                   (dir_ / "ca.pem").string() + " --kiosk-user " + currentUser() + " --journal " +
                   (dir_ / "var/journal.db").string());
    }
    CommandResult ctl(const std::string& args) { return run(kioskctl() + ' ' + args + " --config " + config_.string()); }
    CommandResult doctor(const std::string& extra = "") { return run(kioskctl() + " doctor --config " + config_.string() + ' ' + extra); }

    static std::string kioskctl() { return ELS_KIOSKCTL; }
    static std::string currentUser() {
        const auto r = run("id -un");
        return r.output.substr(0, r.output.find('\n'));
    }

    fs::path dir_;
    fs::path config_;
};

bool hasLine(const std::string& output, const std::string& line) {
    return ("\n" + output).find("\n" + line) != std::string::npos;
}

TEST_F(KioskctlOps, provision_writesConfigPrivateSecretAndAnchors) {
    const auto secret = dir_ / "etc/consumer-secret";
    EXPECT_EQ(slurp(secret), "s3cret-consumer-value");
    EXPECT_EQ(fs::status(secret).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_TRUE(fs::exists(dir_ / "etc/trust/ca.pem"));
    const auto conf = slurp(config_);
    EXPECT_NE(conf.find("consumer_key = KIOSK-KEY"), std::string::npos);
    EXPECT_EQ(conf.find("s3cret"), std::string::npos);
}

TEST_F(KioskctlOps, provision_withoutSecret_isAUsageError) {
    const auto r = run(kioskctl() + " provision --config " + (dir_ / "other.conf").string() +
                       " --base-url https://x/ --consumer-key K --trust " + (dir_ / "ca.pem").string());
    EXPECT_EQ(r.status, 2);
    EXPECT_FALSE(fs::exists(dir_ / "other.conf"));
}

TEST_F(KioskctlOps, configShow_neverPrintsTheSecret) {
    const auto r = ctl("config show");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(hasLine(r.output, "usos.consumer_key = KIOSK-KEY")) << r.output;
    EXPECT_EQ(r.output.find("s3cret"), std::string::npos);
}

TEST_F(KioskctlOps, configSet_changesOneKey) {
    EXPECT_EQ(ctl("config set reader.name 'Virtual PCD 00 01'").status, 0);
    EXPECT_TRUE(hasLine(ctl("config show").output, "reader.name = Virtual PCD 00 01"));
}

TEST_F(KioskctlOps, doctor_secretMode0644_isReadableByOthers) {
    fs::permissions(dir_ / "etc/consumer-secret", fs::perms::owner_read | fs::perms::owner_write |
                                                      fs::perms::group_read | fs::perms::others_read);
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail secret  secret file " + (dir_ / "etc/consumer-secret").string() +
                                      " is readable by others (mode 0644) — fix: chmod 600 " +
                                      (dir_ / "etc/consumer-secret").string())) << r.output;
}

TEST_F(KioskctlOps, doctor_trustFileRemoved_noAnchor) {
    ASSERT_EQ(ctl("trust remove ca.pem").status, 0);
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail trust   no trust anchor certificate in " + (dir_ / "etc/trust").string())) << r.output;
}

TEST_F(KioskctlOps, doctor_expiredAndExpiringAnchors_areNamed) {
    makeCertificate(dir_ / "old.pem", "Old CA", -400, -1);
    makeCertificate(dir_ / "soon.pem", "Soon CA", -1, 10);
    ASSERT_EQ(ctl("trust add " + (dir_ / "old.pem").string() + ' ' + (dir_ / "soon.pem").string()).status, 0);
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail trust   trust anchor old.pem (CN = Old CA) expired on ")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "warn trust   trust anchor soon.pem (CN = Soon CA) expires on ")) << r.output;
    const auto list = ctl("trust list");
    EXPECT_NE(list.output.find("old.pem\tCN = Old CA\tvalid until "), std::string::npos) << list.output;
    EXPECT_NE(list.output.find("(EXPIRED)"), std::string::npos);
}

TEST_F(KioskctlOps, doctor_invalidConfig_saysSo) {
    write(config_, "[usos]\nconsumer_key = K\n");
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail config  configuration invalid: ")) << r.output;
}

TEST_F(KioskctlOps, doctor_pcscdNotReachable_saysNotRunning) {
    // libpcsclite finds pcscd through this socket path; a wrong one is a stopped pcscd to it,
    // without touching the pcscd other tests share.
    const auto r = run("PCSCLITE_CSOCK_NAME=" + (dir_ / "no-pcscd.comm").string() + ' ' + kioskctl() +
                       " doctor --config " + config_.string());
    EXPECT_TRUE(hasLine(r.output, "fail pcscd   pcscd is not running — fix: systemctl enable --now pcscd.socket")) << r.output;
}

TEST_F(KioskctlOps, doctor_configuredReaderMissing_saysNotFound) {
    ctl("config set reader.name 'No Such Reader'");
    EXPECT_TRUE(hasLine(doctor().output, "fail reader  configured reader \"No Such Reader\" not found")) << doctor().output;
}

TEST_F(KioskctlOps, doctor_corruptJournal_saysCorrupt) {
    write(dir_ / "var/journal.db", std::string(8192, 'x'));
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail journal journal " + (dir_ / "var/journal.db").string() + " is corrupt")) << r.output;
}

TEST_F(KioskctlOps, doctor_journalOnReadOnlyFileSystem_notWritable) {
    ctl("config set journal.path /proc/els-kiosk/journal.db");
    EXPECT_TRUE(hasLine(doctor().output, "fail journal journal folder /proc is not writable")) << doctor().output;
}

TEST_F(KioskctlOps, doctor_diskBelowThreshold_nearlyFull) {
    EXPECT_TRUE(hasLine(doctor("--min-free-mb 999999999").output, "fail disk    disk nearly full: "));
}

TEST_F(KioskctlOps, doctor_closedPort_usosUnreachable) {
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail usos    USOS unreachable at https://127.0.0.1:9")) << r.output;
}

class KioskctlOpsTls : public KioskctlOps {
protected:
    void SetUp() override {
        KioskctlOps::SetUp();
        const auto www = dir_ / "www";
        const auto canned = [&](const std::string& prefix, const std::string& response) {
            const auto split = response.find("\r\n\r\n") + 4;
            const auto body = response.substr(split);
            write(www / prefix / "services/apisrv/installation?format=json",
                  response.substr(0, split - 2) + "Content-Length: " + std::to_string(body.size()) +
                      "\r\nConnection: close\r\n\r\n" + body);
        };
        const auto now = httpDate(std::chrono::system_clock::now());
        canned("ok", "HTTP/1.0 200 OK\r\nDate: " + now + "\r\nContent-Type: application/json\r\n\r\n{}");
        canned("skewed", "HTTP/1.0 200 OK\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n{}");
        canned("refused", "HTTP/1.0 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n"
                          "{\"message\": \"Invalid consumer.\", \"error\": \"invalid_consumer\"}");
        const auto cert = dir_ / "server.pem";
        const auto key = dir_ / "server.key";
        ASSERT_EQ(run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=127.0.0.1 "
                      "-addext subjectAltName=IP:127.0.0.1 -keyout " + key.string() + " -out " + cert.string()).status, 0);
        server_ = std::make_unique<CannedHttpsServer>(www, cert, key, 38000 + ::getpid() % 1000);
    }
    void TearDown() override {
        server_.reset();
        KioskctlOps::TearDown();
    }
    void trustServer() { ctl("config set usos.ca_file " + (dir_ / "server.pem").string()); }

    static std::string httpDate(std::chrono::system_clock::time_point at) {
        const std::time_t t = std::chrono::system_clock::to_time_t(at);
        char text[64];
        std::strftime(text, sizeof(text), "%a, %d %b %Y %H:%M:%S GMT", std::gmtime(&t));
        return text;
    }

    std::unique_ptr<CannedHttpsServer> server_;
};

TEST_F(KioskctlOpsTls, doctor_untrustedCertificate_tlsFailure) {
    ctl("config set usos.base_url " + server_->url("ok"));
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail usos    TLS failure talking to " + server_->url("ok").substr(0, server_->url("ok").size() - 1))) << r.output;
}

TEST_F(KioskctlOpsTls, doctor_trustedServerWithGoodClock_usosAndClockOk) {
    trustServer();
    ctl("config set usos.base_url " + server_->url("ok"));
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "ok   usos    USOS at ")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "ok   clock   clock within ")) << r.output;
}

TEST_F(KioskctlOpsTls, doctor_serverDateFarAway_clockSkew) {
    trustServer();
    ctl("config set usos.base_url " + server_->url("skewed"));
    EXPECT_TRUE(hasLine(doctor().output, "fail clock   clock differs from USOS by ")) << doctor().output;
}

TEST_F(KioskctlOpsTls, doctor_401_consumerKeyRefused) {
    trustServer();
    ctl("config set usos.base_url " + server_->url("refused"));
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail usos    USOS refused the consumer key (HTTP 401")) << r.output;
}

TEST_F(KioskctlOps, status_prometheus_countsFromTheJournal_writtenAtomically) {
    {
        const els::platform::SystemClock clock;
        els::platform::Journal journal(dir_ / "var/journal.db", clock);
        journal.recordSession();
        journal.recordSession();
        journal.recordOutcome("ready");
        journal.recordError("usos_timeout");
    }
    const auto out = dir_ / "metrics/els_kiosk.prom";
    fs::create_directories(out.parent_path());
    const auto r = ctl("status --prometheus --output " + out.string());
    ASSERT_EQ(r.status, 0) << r.output;
    const auto text = slurp(out);
    EXPECT_TRUE(hasLine(text, "# TYPE els_kiosk_sessions_total counter\nels_kiosk_sessions_total 2\n")) << text;
    EXPECT_TRUE(hasLine(text, "els_kiosk_session_outcomes_total{outcome=\"ready\"} 1\n")) << text;
    EXPECT_TRUE(hasLine(text, "els_kiosk_errors_total{code=\"usos_timeout\"} 1\n")) << text;
    EXPECT_EQ(std::distance(fs::directory_iterator(out.parent_path()), fs::directory_iterator{}), 1); // no temp left

    const auto json = ctl("status --json");
    EXPECT_NE(json.output.find("\"sessions\":2,\"outcomes\":{\"ready\":1},\"errors\":{\"usos_timeout\":1}"),
              std::string::npos) << json.output;
}

TEST_F(KioskctlOps, status_missingJournal_isNotCreated) {
    EXPECT_EQ(ctl("status").status, 0);
    EXPECT_FALSE(fs::exists(dir_ / "var/journal.db"));
}

} // namespace
