// kioskctl provision / doctor / status / trust / config, run as a technician would (the real
// binary, real files, real pcscd, the real USOS simulator) with one piece broken on purpose per
// test.
#include "child-process.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/journal.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <pwd.h>
#include <regex>
#include <signal.h>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;

using els::testing::CommandResult;
using els::testing::readFile;

// Its stdout and stderr together.
CommandResult run(const std::string& command) {
    return els::testing::runShell(command + " 2>&1");
}

void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
}

// A self-signed certificate valid from `from` to `until` days from now (negative: past), a CA
// (basicConstraints CA:TRUE) unless `ca` is false (CA:FALSE, as a server's or a card's).
void makeCertificate(const fs::path& pem, const char* commonName, long fromDays, long untilDays,
                     bool ca = true) {
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
    X509_EXTENSION* constraints = X509V3_EXT_conf_nid(
        nullptr, nullptr, NID_basic_constraints, ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    X509_add_ext(cert.get(), constraints, -1);
    X509_EXTENSION_free(constraints);
    X509_sign(cert.get(), key.get(), EVP_sha256());
    std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(pem.c_str(), "w"), std::fclose);
    PEM_write_X509(out.get(), cert.get());
}

// The real USOS simulator (usos-sim) on a free port with its own throw-away CA: a TLS peer
// whose consumer key and clock we choose. Stopped (only this one) at the end.
class UsosSim {
public:
    UsosSim(const fs::path& dir, const fs::path& secretFile, const std::string& consumerKey,
            long clockOffsetSeconds)
        : portFile_(dir / "usos-sim.port"), ca_(dir / "usos-sim-ca.pem") {
        fs::remove(portFile_);
        std::vector<std::string> args{ELS_USOS_SIM,
                                      "--port",
                                      "0",
                                      "--port-file",
                                      portFile_.string(),
                                      "--ca-out",
                                      ca_.string(),
                                      "--consumer-key",
                                      consumerKey,
                                      "--consumer-secret-file",
                                      secretFile.string(),
                                      "--clock-offset-s",
                                      std::to_string(clockOffsetSeconds)};
        std::vector<char*> argv;
        for (auto& a : args)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {
            if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr))
                ::_exit(126);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        // The port file is written atomically once the simulator listens.
        for (int i = 0; i < 500 && !fs::exists(portFile_) && ::waitpid(pid_, nullptr, WNOHANG) == 0;
             ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        port_ = std::atoi(readFile(portFile_).c_str());
    }
    ~UsosSim() {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
    }
    bool ready() const { return port_ > 0; }
    std::string url() const {
        return "https://127.0.0.1:" + std::to_string(port_);
    } // as config keeps it
    const fs::path& ca() const { return ca_; }

private:
    fs::path portFile_;
    fs::path ca_;
    pid_t pid_ = -1;
    int port_ = 0;
};

class KioskctlOps : public ::testing::Test {
protected:
    void SetUp() override {
        char dirTemplate[] = "/tmp/els-kioskctl-ops-XXXXXX";
        dir_ = ::mkdtemp(dirTemplate);
        // The kiosk user (an unprivileged account, as on a terminal) must reach the files.
        fs::permissions(dir_, fs::perms(0755));
        config_ = dir_ / "etc/kiosk.conf";
        fs::create_directories(dir_ / "var");
        giveToKioskUser(dir_ / "var");
        makeCertificate(dir_ / "ca.pem", "Test ELS CA", -1, 365);
        write(dir_ / "secret.txt", "s3cret-consumer-value\n");
        provision("https://127.0.0.1:9/");
    }
    void TearDown() override { fs::remove_all(dir_); }

    CommandResult provision(const std::string& baseUrl) {
        return run(kioskctl() + " provision --config " + config_.string() + " --base-url " +
                   baseUrl + " --consumer-key KIOSK-KEY --secret-file " +
                   (dir_ / "secret.txt").string() + " --trust " + (dir_ / "ca.pem").string() +
                   " --kiosk-user " + kioskUser() + " --journal " +
                   (dir_ / "var/journal.db").string());
    }
    CommandResult ctl(const std::string& args) {
        return run(kioskctl() + ' ' + args + " --config " + config_.string());
    }
    CommandResult doctor(const std::string& extra = "") {
        return run(kioskctl() + " doctor --config " + config_.string() + " --kiosk-user " +
                   kioskUser() + ' ' + extra);
    }

    static std::string kioskctl() { return ELS_KIOSKCTL; }
    // The account els-kiosk.service would run as; tests run as root and check its view.
    static std::string kioskUser() { return "nobody"; }
    static void giveToKioskUser(const fs::path& path) {
        const passwd* user = ::getpwnam(kioskUser().c_str());
        ASSERT_NE(user, nullptr);
        ASSERT_EQ(::chown(path.c_str(), user->pw_uid, user->pw_gid), 0);
    }

    fs::path dir_;
    fs::path config_;
};

bool hasLine(const std::string& output, const std::string& line) {
    return ("\n" + output).find("\n" + line) != std::string::npos;
}

TEST_F(KioskctlOps, provision_writesConfigPrivateSecretAndAnchors) {
    const auto secret = dir_ / "etc/consumer-secret";
    EXPECT_EQ(readFile(secret), "s3cret-consumer-value");
    EXPECT_EQ(fs::status(secret).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_TRUE(fs::exists(dir_ / "etc/trust/ca.pem"));
    const auto conf = readFile(config_);
    EXPECT_NE(conf.find("consumer_key = KIOSK-KEY"), std::string::npos);
    EXPECT_EQ(conf.find("s3cret"), std::string::npos);
}

TEST_F(KioskctlOps, provision_withoutSecret_isAUsageError) {
    const auto r =
        run(kioskctl() + " provision --config " + (dir_ / "other.conf").string() +
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

TEST_F(KioskctlOps, configShow_showsTheAccessibilityAndHelpKeys) {
    auto r = ctl("config show");
    EXPECT_TRUE(hasLine(r.output, "accessibility.cues = on")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "accessibility.reader_position = below")) << r.output;
    ASSERT_EQ(ctl("config set accessibility.reader_position left").status, 0);
    ASSERT_EQ(ctl("config set help.contact_en Room_12").status, 0);
    r = ctl("config show");
    EXPECT_TRUE(hasLine(r.output, "accessibility.reader_position = left")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "help.contact_en = Room_12")) << r.output;
    EXPECT_NE(ctl("config set accessibility.reader_position above").status, 0);
}

TEST_F(KioskctlOps, configShow_showsTheEffectiveClonePolicy) {
    auto r = ctl("config show");
    EXPECT_TRUE(hasLine(r.output, "mail.activation_code = screen")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "mail.notify = off")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "clone.max_reorders_per_day = 1")) << r.output;
    for (const auto* set : {"mail.from a@b.pl", "mail.kiosk_name A-0", "mail.contact c@b.pl",
                            "mail.smtp_url smtps://relay:465", "clone.chip_serial_apdu 00CA010000"})
        EXPECT_EQ(ctl(std::string("config set ") + set).status, 0) << set;
    r = ctl("config show");
    EXPECT_TRUE(hasLine(r.output, "mail.activation_code = email")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "mail.notify = on")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "clone.chip_serial_apdu = 00CA010000")) << r.output;
}

TEST_F(KioskctlOps, configSet_changesOneKey) {
    EXPECT_EQ(ctl("config set reader.name 'Virtual PCD 00 01'").status, 0);
    EXPECT_TRUE(hasLine(ctl("config show").output, "reader.name = Virtual PCD 00 01"));
}

TEST_F(KioskctlOps, doctor_secretMode0644_isReadableByOthers) {
    fs::permissions(dir_ / "etc/consumer-secret", fs::perms::owner_read | fs::perms::owner_write |
                                                      fs::perms::group_read |
                                                      fs::perms::others_read);
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail secret  secret file " +
                                      (dir_ / "etc/consumer-secret").string() +
                                      " is accessible by group or others (mode 0644) — fix: "
                                      "chmod 600 " +
                                      (dir_ / "etc/consumer-secret").string()))
        << r.output;
}

TEST_F(KioskctlOps, doctor_trustFileRemoved_noAnchor) {
    ASSERT_EQ(ctl("trust remove ca.pem").status, 0);
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail trust   no trust anchor file (*.pem, *.crt) in " +
                                      (dir_ / "etc/trust").string()))
        << r.output;
}

TEST_F(KioskctlOps, doctor_expiredAndExpiringAnchors_areNamed) {
    makeCertificate(dir_ / "old.pem", "Old CA", -400, -1);
    makeCertificate(dir_ / "soon.pem", "Soon CA", -1, 10);
    ASSERT_EQ(
        ctl("trust add " + (dir_ / "old.pem").string() + ' ' + (dir_ / "soon.pem").string()).status,
        0);
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail trust   trust anchor old.pem (CN = Old CA) expired on "))
        << r.output;
    EXPECT_TRUE(hasLine(r.output, "warn trust   trust anchor soon.pem (CN = Soon CA) expires on "))
        << r.output;
    const auto list = ctl("trust list");
    EXPECT_NE(list.output.find("old.pem\tCN = Old CA\tvalid until "), std::string::npos)
        << list.output;
    EXPECT_NE(list.output.find("(EXPIRED)"), std::string::npos);
}

TEST_F(KioskctlOps, doctor_invalidConfig_saysSo) {
    write(config_, "[usos]\nconsumer_key = K\n");
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail config  " + config_.string() +
                                      ": [usos] base_url is required but missing — fix: kioskctl "
                                      "config set usos.base_url VALUE (or kioskctl provision ...)"))
        << r.output;
}

TEST_F(KioskctlOps, doctor_pcscdNotReachable_saysNotRunning) {
    // libpcsclite finds pcscd through this socket path; a wrong one is a stopped pcscd to it,
    // without touching the pcscd other tests share.
    const auto r = run("PCSCLITE_CSOCK_NAME=" + (dir_ / "no-pcscd.comm").string() + ' ' +
                       kioskctl() + " doctor --config " + config_.string());
    EXPECT_TRUE(hasLine(
        r.output, "fail pcscd   pcscd is not running — fix: systemctl enable --now pcscd.socket"))
        << r.output;
}

TEST_F(KioskctlOps, doctor_configuredReaderMissing_saysNotFound) {
    ctl("config set reader.name 'No Such Reader'");
    EXPECT_TRUE(
        hasLine(doctor().output, "fail reader  configured reader \"No Such Reader\" not found"))
        << doctor().output;
}

TEST_F(KioskctlOps, doctor_corruptJournal_saysCorrupt) {
    write(dir_ / "var/journal.db", std::string(8192, 'x'));
    giveToKioskUser(dir_ / "var/journal.db");
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail journal journal " + (dir_ / "var/journal.db").string() +
                                      " is corrupt"))
        << r.output;
}

TEST_F(KioskctlOps, doctor_journalOnReadOnlyFileSystem_notWritable) {
    ctl("config set journal.path /proc/els-kiosk/journal.db");
    EXPECT_TRUE(hasLine(doctor().output, "fail journal journal folder /proc is not writable"))
        << doctor().output;
}

TEST_F(KioskctlOps, doctor_diskBelowThreshold_nearlyFull) {
    EXPECT_TRUE(
        hasLine(doctor("--min-free-mb 999999999").output, "fail disk    disk nearly full: "));
}

TEST_F(KioskctlOps, doctor_closedPort_usosUnreachable) {
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail usos    USOS unreachable at https://127.0.0.1:9"))
        << r.output;
}

// doctor against the real simulator: USOS and clock findings with one thing broken per test.
class KioskctlOpsUsos : public KioskctlOps {
protected:
    void startSim(const std::string& consumerKey = "KIOSK-KEY", long clockOffsetSeconds = 0) {
        sim_ =
            std::make_unique<UsosSim>(dir_, dir_ / "secret.txt", consumerKey, clockOffsetSeconds);
        ASSERT_TRUE(sim_->ready()) << "usos-sim did not start";
        ASSERT_EQ(ctl("config set usos.base_url " + sim_->url()).status, 0);
    }
    void trustSim() { ASSERT_EQ(ctl("config set usos.ca_file " + sim_->ca().string()).status, 0); }
    // The Date header has whole seconds, so a measured skew is good to about half a second
    // either way: `seconds` may read one more or less; everything else in the line is exact.
    static std::string skewLine(const std::string& before, int seconds, const std::string& after) {
        std::string alternatives;
        for (const int s : {seconds - 1, seconds, seconds + 1})
            alternatives += (alternatives.empty() ? "" : "|") + std::to_string(s);
        return before + "(" + alternatives + ")" + after;
    }
    static bool hasLineMatching(const std::string& output, const std::string& pattern) {
        return std::regex_search(output, std::regex("(^|\n)" + pattern));
    }

    std::unique_ptr<UsosSim> sim_;
};

TEST_F(KioskctlOpsUsos, doctor_untrustedCertificate_tlsFailure) {
    startSim();
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail usos    TLS failure talking to " + sim_->url() + " ("))
        << r.output;
}

TEST_F(KioskctlOpsUsos, doctor_goodKeyAndClock_usosAndClockOk) {
    startSim();
    trustSim();
    const auto r = doctor();
    EXPECT_TRUE(
        hasLine(r.output, "ok   usos    USOS at " + sim_->url() + " accepts the consumer key\n"))
        << r.output;
    EXPECT_TRUE(hasLineMatching(r.output, "ok   clock   clock within [01] s of USOS")) << r.output;
}

TEST_F(KioskctlOpsUsos, doctor_serverClock600sAhead_clockSkewBlamedForTheRefusal) {
    startSim("KIOSK-KEY", 600); // beyond the simulator's 300 s OAuth window: 401 timestamp_refused
    trustSim();
    const auto r = doctor();
    EXPECT_TRUE(hasLineMatching(
        r.output, skewLine("fail clock   clock is ", 600,
                           " s behind USOS \\(server Date header\\) — fix: enable time sync: "
                           "timedatectl set-ntp true")))
        << r.output;
    EXPECT_TRUE(hasLine(
        r.output, "fail usos    USOS refused the signed request; this terminal's clock is off "
                  "(HTTP 401: {\"error\":\"timestamp_refused\","))
        << r.output;
    EXPECT_EQ(r.output.find("refused the consumer key"), std::string::npos) << r.output;
    EXPECT_EQ(r.status, 1);
}

TEST_F(KioskctlOpsUsos, doctor_serverClock120sBehind_requestAcceptedButClockFails) {
    startSim("KIOSK-KEY", -120); // inside the OAuth window, outside doctor's 60 s
    trustSim();
    const auto r = doctor();
    EXPECT_TRUE(
        hasLine(r.output, "ok   usos    USOS at " + sim_->url() + " accepts the consumer key\n"))
        << r.output;
    EXPECT_TRUE(
        hasLineMatching(r.output, skewLine("fail clock   clock is ", 120, " s ahead of USOS ")))
        << r.output;
}

TEST_F(KioskctlOpsUsos, doctor_wrongConsumerKey_keyRefused) {
    startSim("ANOTHER-KIOSKS-KEY");
    trustSim();
    const auto r = doctor();
    EXPECT_TRUE(hasLine(
        r.output, "fail usos    USOS refused the consumer key (HTTP 401: "
                  "{\"error\":\"consumer_key_unknown\",\"message\":\"Invalid consumer key.\"}) "
                  "— fix: check usos.consumer_key and the secret file; ask the USOS admins "
                  "whether the key is active\n"))
        << r.output;
    EXPECT_TRUE(hasLineMatching(r.output, "ok   clock   clock within [01] s of USOS")) << r.output;
    EXPECT_EQ(r.status, 1);
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
    const auto r = ctl("status --kiosk-user root --prometheus --output " + out.string());
    ASSERT_EQ(r.status, 0) << r.output;
    const auto text = readFile(out);
    EXPECT_TRUE(
        hasLine(text, "# TYPE els_kiosk_sessions_total counter\nels_kiosk_sessions_total 2\n"))
        << text;
    EXPECT_TRUE(hasLine(text, "els_kiosk_session_outcomes_total{outcome=\"ready\"} 1\n")) << text;
    EXPECT_TRUE(hasLine(text, "els_kiosk_errors_total{code=\"usos_timeout\"} 1\n")) << text;
    EXPECT_EQ(std::distance(fs::directory_iterator(out.parent_path()), fs::directory_iterator{}),
              1); // no temp left

    const auto json = ctl("status --kiosk-user root --json");
    EXPECT_NE(json.output.find(
                  "\"sessions\":2,\"outcomes\":{\"ready\":1},\"errors\":{\"usos_timeout\":1}"),
              std::string::npos)
        << json.output;
}

TEST_F(KioskctlOps, status_missingJournal_isNotCreated) {
    EXPECT_EQ(ctl("status --kiosk-user root").status, 0);
    EXPECT_FALSE(fs::exists(dir_ / "var/journal.db"));
}

} // namespace

namespace {

// Lines of doctor's output that start with `prefix`.
std::vector<std::string> linesStartingWith(const std::string& output, const std::string& prefix) {
    std::vector<std::string> lines;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(prefix))
            lines.push_back(line);
    return lines;
}

} // namespace

// Doctor as root checks the kiosk user's view: the secret it owns is fine (it was refused as
// "must be owned by the running user or root" before), and with USOS reachable, pcscd running
// (with a reader) and the journal folder the kiosk user's, every line is ok.
TEST_F(KioskctlOpsUsos, doctor_asRootOnAProvisionedTerminal_allOk) {
    startSim();
    trustSim();
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "ok   user    files checked as the kiosk user nobody\n"))
        << r.output;
    EXPECT_TRUE(hasLine(r.output, "ok   secret  secret file " +
                                      (dir_ / "etc/consumer-secret").string() +
                                      " is private to nobody\n"))
        << r.output;
    EXPECT_TRUE(hasLine(r.output, "ok   usos    USOS at " + sim_->url())) << r.output;
    EXPECT_TRUE(hasLineMatching(r.output, "ok   clock   ")) << r.output;
    if (!hasLine(r.output, "fail pcscd") && !hasLine(r.output, "fail reader")) {
        EXPECT_EQ(r.status, 0) << r.output; // under cmake/isolated.sh: pcscd with vpcd readers
        EXPECT_TRUE(linesStartingWith(r.output, "fail").empty()) << r.output;
    }
}

TEST_F(KioskctlOps, doctor_asRoot_rootOwnedSecret_isUnreadableForTheKioskUser) {
    ASSERT_EQ(::chown((dir_ / "etc/consumer-secret").c_str(), 0, 0), 0);
    const auto secret = (dir_ / "etc/consumer-secret").string();
    const auto r = doctor();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail secret  cannot read secret file " + secret +
                                      " as nobody: Permission denied — fix: chown nobody: " +
                                      secret + " && chmod 600 " + secret + "\n"))
        << r.output;
}

TEST_F(KioskctlOps, doctor_emptySecret_saysWriteTheSecret) {
    write(dir_ / "etc/consumer-secret", "");
    const auto secret = (dir_ / "etc/consumer-secret").string();
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail secret  secret file " + secret +
                                      " is empty — fix: write the consumer secret with kioskctl "
                                      "provision --secret-stdin\n"))
        << r.output;
    EXPECT_EQ(r.output.find("chown"), std::string::npos) << r.output;
}

TEST_F(KioskctlOps, doctor_asRoot_journalFolderNotWritableByTheKioskUser_fails) {
    const auto var = (dir_ / "var").string();
    fs::permissions(dir_ / "var", fs::perms(0500)); // root could still write there
    auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail journal journal folder " + var +
                                      " is not writable by nobody (Permission denied) — fix: "
                                      "chown -R nobody: " +
                                      var + " && chmod u+rwx " + var))
        << r.output;
    fs::permissions(dir_ / "var", fs::perms(0700));
    ASSERT_EQ(::chown(var.c_str(), 0, 0), 0); // wrong owner
    r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail journal journal folder " + var + " is not writable by "))
        << r.output;
}

TEST_F(KioskctlOps, doctor_missingCaFile_isNamedNotATlsFailure) {
    ASSERT_EQ(ctl("config set usos.ca_file " + (dir_ / "no-such-ca.pem").string()).status, 0);
    const auto r = doctor();
    EXPECT_TRUE(hasLine(r.output, "fail tls     [usos] ca_file " +
                                      (dir_ / "no-such-ca.pem").string() + " does not exist"))
        << r.output;
}

// A broken config, pcscd down and USOS unreachable: every problem gets its own line, and the
// checks that do not depend on the broken keys still run.
TEST_F(KioskctlOps, doctor_brokenConfigPcscdDownUsosUnreachable_reportsEveryCheck) {
    auto text = readFile(config_);
    text.erase(text.find("anchors = "),
               text.find('\n', text.find("anchors = ")) - text.find("anchors = "));
    write(config_, text + "\n[usos]\nconsumer_colour = blue\n");
    const auto r = run("PCSCLITE_CSOCK_NAME=" + (dir_ / "no-pcscd.comm").string() + ' ' +
                       kioskctl() + " doctor --kiosk-user nobody --config " + config_.string());
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(linesStartingWith(r.output, "fail config").size(), 2u) << r.output;
    EXPECT_TRUE(hasLine(r.output, "fail config  " + config_.string() + ":")) << r.output;
    EXPECT_NE(r.output.find("unknown key 'consumer_colour' in section [usos]"), std::string::npos)
        << r.output;
    EXPECT_NE(r.output.find("[trust] anchors is required but missing"), std::string::npos)
        << r.output;
    EXPECT_TRUE(hasLine(r.output, "ok   secret  ")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "fail pcscd   pcscd is not running")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "ok   journal ")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "ok   disk    ")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "fail usos    USOS unreachable at https://127.0.0.1:9"))
        << r.output;
}

TEST_F(KioskctlOps, doctor_kioskUserMissing_saysSo) {
    const auto r =
        run(kioskctl() + " doctor --kiosk-user no-such-kiosk-user --config " + config_.string());
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail user    the kiosk user no-such-kiosk-user does not exist"))
        << r.output;
    // The file checks still run, as this process's user.
    EXPECT_TRUE(hasLine(r.output, "ok   journal ")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "fail secret  secret file ")) << r.output; // nobody's, not root's
}

TEST_F(KioskctlOps, status_prometheus_usableConfig_configOk) {
    const auto r = ctl("status --kiosk-user " + kioskUser() + " --prometheus");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(hasLine(r.output, "# TYPE els_kiosk_config_ok gauge\nels_kiosk_config_ok 1\n"))
        << r.output;
    EXPECT_EQ(r.output.find("els_kiosk_config_error{"), std::string::npos) << r.output;
}

// A secret the kiosk user cannot read: the app could serve no one, and the metrics say so.
TEST_F(KioskctlOps, status_prometheus_secretUnreadableByTheKioskUser_configNotOkWithCode) {
    ASSERT_EQ(::chown((dir_ / "etc/consumer-secret").c_str(), 0, 0), 0);
    const auto r = ctl("status --kiosk-user " + kioskUser() + " --prometheus");
    ASSERT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(hasLine(r.output, "els_kiosk_config_ok 0\n")) << r.output;
    EXPECT_TRUE(hasLine(r.output, "els_kiosk_config_error{code=\"secret_unreadable\"} 1\n"))
        << r.output;
    const auto text = ctl("status --kiosk-user " + kioskUser());
    EXPECT_TRUE(hasLine(text.output, "configuration: NOT USABLE (secret_unreadable; kioskctl "
                                     "doctor says why)\n"))
        << text.output;
}

TEST_F(KioskctlOps, status_prometheus_invalidConfig_stillWritesTheGauges) {
    write(config_, readFile(config_) + "\n[usos]\nconsumer_colour = blue\n");
    const auto out = dir_ / "metrics/els_kiosk.prom";
    fs::create_directories(out.parent_path());
    const auto r =
        ctl("status --kiosk-user " + kioskUser() + " --prometheus --output " + out.string());
    ASSERT_EQ(r.status, 0) << r.output;
    const auto text = readFile(out);
    EXPECT_TRUE(hasLine(text, "els_kiosk_config_ok 0\n")) << text;
    EXPECT_TRUE(hasLine(text, "els_kiosk_config_error{code=\"config_invalid\"} 1\n")) << text;
    EXPECT_NE(ctl("status").status, 0); // a person asking is told what is wrong instead
}

// Re-provisioning changes what it is told to and nothing else.
TEST_F(KioskctlOps, provisionAgain_keepsSettingsItIsNotToldToChange) {
    ASSERT_EQ(ctl("config set usos.ca_file " + (dir_ / "usos-ca.pem").string()).status, 0);
    ASSERT_EQ(ctl("config set timing.idle_timeout_s 30").status, 0);
    ASSERT_EQ(ctl("config set reader.name 'Virtual PCD 00 01'").status, 0);
    write(config_, readFile(config_) + "# hall B, second floor\n");
    const auto r = run(kioskctl() + " provision --config " + config_.string() +
                       " --base-url https://usos.example.edu/ --kiosk-user " + kioskUser());
    ASSERT_EQ(r.status, 0) << r.output;
    const auto show = ctl("config show").output;
    EXPECT_TRUE(hasLine(show, "usos.base_url = https://usos.example.edu")) << show;
    EXPECT_TRUE(hasLine(show, "usos.consumer_key = KIOSK-KEY\n")) << show;
    EXPECT_TRUE(hasLine(show, "usos.ca_file = " + (dir_ / "usos-ca.pem").string() + "\n")) << show;
    EXPECT_TRUE(hasLine(show, "timing.idle_timeout_s = 30\n")) << show;
    EXPECT_TRUE(hasLine(show, "reader.name = Virtual PCD 00 01\n")) << show;
    EXPECT_TRUE(hasLine(show, "journal.path = " + (dir_ / "var/journal.db").string() + "\n"))
        << show;
    EXPECT_NE(readFile(config_).find("# hall B, second floor"), std::string::npos);
    EXPECT_EQ(readFile(dir_ / "etc/consumer-secret"), "s3cret-consumer-value");
    EXPECT_TRUE(fs::exists(dir_ / "etc/trust/ca.pem"));
}

TEST_F(KioskctlOps, provisionAgain_withTrust_replacesTheAnchorSet) {
    makeCertificate(dir_ / "extra.pem", "Extra CA", -1, 365);
    ASSERT_EQ(ctl("trust add " + (dir_ / "extra.pem").string()).status, 0);
    makeCertificate(dir_ / "next-ca.pem", "Next ELS CA", -1, 365);
    const auto r = run(kioskctl() + " provision --config " + config_.string() + " --trust " +
                       (dir_ / "next-ca.pem").string() + " --kiosk-user " + kioskUser());
    ASSERT_EQ(r.status, 0) << r.output;
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(dir_ / "etc/trust"))
        files.push_back(entry.path().filename().string());
    EXPECT_EQ(files, std::vector<std::string>{"next-ca.pem"});
}

TEST_F(KioskctlOps, provision_nonCaAnchor_isRefusedUnlessForced) {
    makeCertificate(dir_ / "server.pem", "usos.example.edu", -1, 365, false);
    const auto before = readFile(config_);
    const auto provisionWith = [&](const std::string& extra) {
        return run(kioskctl() + " provision --config " + config_.string() + " --trust " +
                   (dir_ / "server.pem").string() + " --kiosk-user " + kioskUser() + extra);
    };
    auto r = provisionWith("");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find("CN = usos.example.edu, which is not a CA certificate"),
              std::string::npos)
        << r.output;
    EXPECT_EQ(readFile(config_), before);
    EXPECT_FALSE(fs::exists(dir_ / "etc/trust/server.pem"));
    EXPECT_TRUE(fs::exists(dir_ / "etc/trust/ca.pem"));

    r = provisionWith(" --force");
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("warning: " + (dir_ / "server.pem").string() +
                            ": CN = usos.example.edu is not a CA certificate"),
              std::string::npos)
        << r.output;
    EXPECT_TRUE(fs::exists(dir_ / "etc/trust/server.pem"));
}

TEST_F(KioskctlOps, provision_expiredAnchor_warns) {
    makeCertificate(dir_ / "old.pem", "Old CA", -400, -1);
    const auto r = run(kioskctl() + " provision --config " + config_.string() + " --trust " +
                       (dir_ / "old.pem").string() + " --kiosk-user " + kioskUser());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(
        r.output.find("warning: " + (dir_ / "old.pem").string() + ": CN = Old CA expired on "),
        std::string::npos)
        << r.output;
}

TEST_F(KioskctlOps, provision_firstTimeWithoutBaseUrl_isAUsageErrorNamingIt) {
    const auto r = run(kioskctl() + " provision --config " + (dir_ / "new/kiosk.conf").string() +
                       " --consumer-key K --secret-file " + (dir_ / "secret.txt").string() +
                       " --trust " + (dir_ / "ca.pem").string() + " --kiosk-user " + kioskUser());
    EXPECT_EQ(r.status, 2) << r.output;
    EXPECT_NE(r.output.find("[usos] base_url is required but missing"), std::string::npos)
        << r.output;
    EXPECT_FALSE(fs::exists(dir_ / "new/kiosk.conf"));
}

TEST_F(KioskctlOps, provision_writesAPrivateJournalKeyOnceAndANewOneOnRequest) {
    const auto key = dir_ / "etc/journal-key";
    ASSERT_TRUE(fs::exists(key));
    struct stat info {};
    ASSERT_EQ(::stat(key.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 07777, 0600u);
    EXPECT_EQ(info.st_uid, ::getpwnam(kioskUser().c_str())->pw_uid);
    EXPECT_TRUE(hasLine(ctl("config show").output, "journal.key_file = " + key.string() + "\n"));
    const auto first = readFile(key);
    EXPECT_EQ(first.size(), 65u); // 64 hex digits and a newline

    const auto again = [&](const std::string& extra) {
        return run(kioskctl() + " provision --config " + config_.string() + " --kiosk-user " +
                   kioskUser() + extra);
    };
    ASSERT_EQ(again("").status, 0);
    EXPECT_EQ(readFile(key), first); // kept: the journal's hashes stay matchable
    ASSERT_EQ(again(" --new-journal-key").status, 0);
    EXPECT_NE(readFile(key), first);
}

// Secrets at rest as systemd credentials (`systemd-creds encrypt`, the host key; it needs no
// running systemd, only root): an earlier plain provision is converted.
TEST_F(KioskctlOps, provisionCredentials_encryptsTheSecretsAndWritesTheDropIn) {
    const auto systemd = dir_ / "systemd";
    const auto r = run(kioskctl() + " provision --config " + config_.string() + " --kiosk-user " +
                       kioskUser() + " --credentials --systemd-dir " + systemd.string());
    ASSERT_EQ(r.status, 0) << r.output;
    const auto secretCred = dir_ / "etc/credentials/consumer-secret.cred";
    const auto keyCred = dir_ / "etc/credentials/journal-key.cred";
    const auto show = ctl("config show").output;
    EXPECT_TRUE(hasLine(show, "usos.secret_file = " + secretCred.string() + "\n")) << show;
    EXPECT_TRUE(hasLine(show, "journal.key_file = " + keyCred.string() + "\n")) << show;
    EXPECT_FALSE(fs::exists(dir_ / "etc/consumer-secret"));
    EXPECT_FALSE(fs::exists(dir_ / "etc/journal-key"));
    EXPECT_EQ(readFile(secretCred).find("s3cret-consumer-value"), std::string::npos);
    EXPECT_EQ(run("systemd-creds decrypt --name=consumer-secret " + secretCred.string() + " -")
                  .output.find("s3cret-consumer-value"),
              0u);
    EXPECT_EQ(readFile(systemd / "els-kiosk.service.d/credentials.conf"),
              "# Written by `kioskctl provision --credentials`: els-kiosk reads its secrets "
              "from\n# $CREDENTIALS_DIRECTORY, decrypted by systemd.\n[Service]\n"
              "LoadCredentialEncrypted=consumer-secret:" +
                  secretCred.string() +
                  "\nLoadCredentialEncrypted=journal-key:" + keyCred.string() + "\n");

    const auto d = doctor("--systemd-dir " + systemd.string());
    EXPECT_TRUE(hasLine(d.output, "ok   secret  encrypted credential " + secretCred.string() +
                                      " decrypts on this terminal and els-kiosk.service loads "
                                      "it\n"))
        << d.output;
    EXPECT_TRUE(hasLine(d.output, "ok   key     encrypted credential " + keyCred.string()))
        << d.output;
    EXPECT_TRUE(hasLine(ctl("status --kiosk-user " + kioskUser() + " --prometheus").output,
                        "els_kiosk_config_ok 1\n"));

    // Re-provisioning a new secret keeps it a credential.
    write(dir_ / "secret2.txt", "second-secret\n");
    ASSERT_EQ(run(kioskctl() + " provision --config " + config_.string() + " --kiosk-user " +
                  kioskUser() + " --systemd-dir " + systemd.string() + " --secret-file " +
                  (dir_ / "secret2.txt").string())
                  .status,
              0);
    EXPECT_FALSE(fs::exists(dir_ / "etc/consumer-secret"));
    EXPECT_EQ(run("systemd-creds decrypt --name=consumer-secret " + secretCred.string() + " -")
                  .output.find("second-secret"),
              0u);
}

TEST_F(KioskctlOps, doctor_credentialTheUnitDoesNotLoad_fails) {
    const auto systemd = dir_ / "systemd";
    ASSERT_EQ(run(kioskctl() + " provision --config " + config_.string() + " --kiosk-user " +
                  kioskUser() + " --credentials --systemd-dir " + systemd.string())
                  .status,
              0);
    fs::remove(systemd / "els-kiosk.service.d/credentials.conf");
    const auto r = doctor("--systemd-dir " + systemd.string());
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(hasLine(r.output, "fail secret  els-kiosk.service does not load the credential " +
                                      (dir_ / "etc/credentials/consumer-secret.cred").string() +
                                      " — fix: kioskctl provision --credentials (writes "))
        << r.output;
}
