// kioskctl doctor: checks every piece a terminal needs and names what is wrong in one line
// each, with the fix. Exit status 1 when any check fails (warnings alone: 0).
#include "anchors.hpp"
#include "arg-reader.hpp"
#include "command.hpp"
#include "els/platform/config.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"
#include "json-writer.hpp"
#include "service-user.hpp"
#include "usos-probe.hpp"

#include <QCoreApplication>
#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <vector>

namespace els::kiosk::kioskctl {

namespace {

enum class Level { Ok, Warn, Fail };

struct Finding {
    Level level;
    std::string
        check; // stable id: config, secret, trust, pcscd, reader, journal, disk, usos, clock
    std::string message;
    std::string fix; // empty when ok
};

const char* levelName(Level level) {
    switch (level) {
    case Level::Ok:
        return "ok";
    case Level::Warn:
        return "warn";
    case Level::Fail:
        return "fail";
    }
    return "?";
}

struct DoctorOptions {
    std::string config{platform::defaultConfigPath};
    bool json = false;
    std::uint64_t minFreeMb = 200;
    int maxSkewSeconds = 60;
    std::string kioskUser;                                    // empty: User= of els-kiosk.service
    std::filesystem::path systemdDir = "/etc/systemd/system"; // where provision's drop-in is
};

DoctorOptions parse(const Args& args) {
    DoctorOptions o;
    for (ArgReader in(args); in.next();) {
        if (in.is("--config"))
            o.config = in.value();
        else if (in.is("--json"))
            o.json = true;
        else if (in.is("--min-free-mb"))
            o.minFreeMb = std::stoull(in.value());
        else if (in.is("--max-skew-s"))
            o.maxSkewSeconds = std::stoi(in.value());
        else if (in.is("--kiosk-user"))
            o.kioskUser = in.value();
        else if (in.is("--systemd-dir"))
            o.systemdDir = in.value();
        else
            throw UsageError("doctor: unknown argument " + in.current());
    }
    return o;
}

using Findings = std::vector<Finding>;

using Problems = std::vector<platform::ConfigProblem>;

// The problems whose code starts with one of `prefixes`, as fail lines of `check`.
bool reportProblems(const Problems& problems, std::initializer_list<std::string_view> prefixes,
                    const std::string& check, Findings& out) {
    bool any = false;
    for (const auto& p : problems) {
        if (std::any_of(prefixes.begin(), prefixes.end(),
                        [&](std::string_view prefix) { return p.code.starts_with(prefix); })) {
            out.push_back({Level::Fail, check, p.message, p.fix});
            any = true;
        }
    }
    return any;
}

// Whether a drop-in of els-kiosk.service hands it `file` as the credential `name`.
bool unitLoadsCredential(const std::filesystem::path& systemdDir, const std::string& name,
                         const std::filesystem::path& file) {
    const auto wanted = "LoadCredentialEncrypted=" + name + ":" + file.string();
    std::error_code ec;
    for (const auto& entry :
         std::filesystem::directory_iterator(systemdDir / "els-kiosk.service.d", ec)) {
        if (entry.path().extension() != ".conf")
            continue;
        std::ifstream in(entry.path());
        for (std::string line; std::getline(in, line);)
            if (line == wanted)
                return true;
    }
    return false;
}

// An encrypted credential (*.cred): it must decrypt here (doctor runs as root, as systemd
// does) and the unit must load it. Returns the secret when both hold.
std::optional<std::string> checkCredential(const std::filesystem::path& file,
                                           const std::string& name, const std::string& check,
                                           const std::filesystem::path& systemdDir, Findings& out) {
    std::string secret;
    try {
        secret = platform::decryptCredential(file, name);
    } catch (const std::exception& e) {
        out.push_back(
            {Level::Fail, check, e.what(),
             "encrypt it again on this terminal: kioskctl provision --credentials " +
                 std::string(name == "journal-key" ? "--new-journal-key" : "--secret-stdin")});
        return std::nullopt;
    }
    if (!unitLoadsCredential(systemdDir, name, file)) {
        out.push_back({Level::Fail, check,
                       "els-kiosk.service does not load the credential " + file.string(),
                       "kioskctl provision --credentials (writes " +
                           (systemdDir / "els-kiosk.service.d/credentials.conf").string() +
                           "), then systemctl daemon-reload"});
        return std::nullopt;
    }
    out.push_back({Level::Ok, check,
                   "encrypted credential " + file.string() +
                       " decrypts on this terminal and els-kiosk.service loads it",
                   ""});
    return secret;
}

// The secret's content for the USOS check, once the kiosk user's view of the file was found
// fine: root may read a file the kiosk user owns (the platform's own reader, for the service,
// insists on the running user as owner).
std::optional<std::string> checkSecret(const platform::Config& config, const Problems& problems,
                                       const std::string& user,
                                       const std::filesystem::path& systemdDir, Findings& out) {
    const auto& file = config.usos.secretFile;
    if (file.empty())
        return std::nullopt; // the config lines say it is missing
    if (reportProblems(problems, {"secret_"}, "secret", out))
        return std::nullopt;
    if (platform::isEncryptedCredential(file))
        return checkCredential(file, "consumer-secret", "secret", systemdDir, out);
    std::ifstream in(file, std::ios::binary);
    std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back())))
        secret.pop_back();
    out.push_back(
        {Level::Ok, "secret", "secret file " + file.string() + " is private to " + user, ""});
    return secret;
}

// The journal's student key ([journal] key_file): a line only when configured.
void checkJournalKey(const platform::Config& config, const Problems& problems,
                     const std::string& user, const std::filesystem::path& systemdDir,
                     Findings& out) {
    const auto& file = config.journalKeyFile;
    if (file.empty() || reportProblems(problems, {"journal_key_"}, "key", out))
        return;
    if (platform::isEncryptedCredential(file))
        checkCredential(file, "journal-key", "key", systemdDir, out);
    else
        out.push_back(
            {Level::Ok, "key", "journal key " + file.string() + " is private to " + user, ""});
}

void checkTrust(const platform::Config& config, const Problems& problems, Findings& out) {
    if (config.trustAnchors.empty() || reportProblems(problems, {"anchors_"}, "trust", out))
        return;
    const auto fix = "kioskctl trust add CA.pem (the CA that signs your university's ELS cards)";
    std::vector<AnchorInfo> anchors;
    try {
        anchors = readAnchors(config.trustAnchors);
    } catch (const std::exception&) {
    }
    if (anchors.empty()) {
        out.push_back({Level::Fail, "trust",
                       "no trust anchor certificate in " + config.trustAnchors.string(), fix});
        return;
    }
    const auto now = std::chrono::system_clock::now();
    bool allGood = true;
    for (const auto& a : anchors) {
        const auto name = a.file.filename().string() + " (" + a.subject + ")";
        if (a.notAfter < now) {
            out.push_back(
                {Level::Fail, "trust",
                 "trust anchor " + name + " expired on " + formatDate(a.notAfter),
                 "kioskctl trust remove " + a.file.filename().string() + " and add its successor"});
            allGood = false;
        } else if (a.notAfter < now + std::chrono::days(30)) {
            out.push_back(
                {Level::Warn, "trust",
                 "trust anchor " + name + " expires on " + formatDate(a.notAfter),
                 "ask the university for the next CA certificate; kioskctl trust add it"});
            allGood = false;
        }
    }
    if (allGood) {
        out.push_back(
            {Level::Ok, "trust",
             std::to_string(anchors.size()) + " trust anchor(s), none expiring within 30 days",
             ""});
    }
}

void checkReader(const platform::Config& config, Findings& out) {
    try {
        const smartcard::Context context;
        const auto readers = context.readerStatuses();
        out.push_back({Level::Ok, "pcscd", "pcscd is running", ""});
        if (readers.empty()) {
            out.push_back({Level::Fail, "reader", "no card reader connected",
                           "plug in the reader; check `lsusb` and `journalctl -u pcscd`"});
            return;
        }
        const auto reader = std::find_if(readers.begin(), readers.end(), [&](const auto& r) {
            return config.readerName.empty() || r.name == config.readerName;
        });
        if (reader == readers.end()) {
            out.push_back({Level::Fail, "reader",
                           "configured reader \"" + config.readerName + "\" not found",
                           "kioskctl readers; kioskctl config set reader.name NAME"});
            return;
        }
        if (!reader->cardPresent) {
            out.push_back({Level::Ok, "reader",
                           "reader \"" + reader->name + "\" present (insert a card to test it)",
                           ""});
            return;
        }
        try {
            context.connect(reader->name);
            out.push_back({Level::Ok, "reader",
                           "reader \"" + reader->name + "\" talks to the card in it", ""});
        } catch (const smartcard::Error& e) {
            out.push_back(
                {Level::Fail, "reader",
                 "reader \"" + reader->name + "\" cannot talk to the card in it (" + e.what() + ")",
                 "use a contact (ISO 7816) reader supported by pcscd's CCID driver"});
        }
    } catch (const smartcard::Error& e) {
        if (e.code() == smartcard::ErrorCode::ServiceUnavailable) {
            out.push_back({Level::Fail, "pcscd", "pcscd is not running",
                           "systemctl enable --now pcscd.socket"});
        } else {
            out.push_back({Level::Fail, "pcscd", std::string("PC/SC failed: ") + e.what(),
                           "systemctl restart pcscd"});
        }
    }
}

void checkJournal(const platform::Config& config, const Problems& problems, const std::string& user,
                  Findings& out) {
    const auto& file = config.journalPath;
    if (file.empty() || reportProblems(problems, {"journal_not_writable"}, "journal", out))
        return;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        out.push_back({Level::Ok, "journal",
                       "journal " + file.string() + " will be created on first use by " + user,
                       ""});
        return;
    }
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
        const auto verdict = db.execAndGet("PRAGMA quick_check").getString();
        if (verdict != "ok")
            throw std::runtime_error(verdict);
        out.push_back({Level::Ok, "journal",
                       "journal " + file.string() + " is writable by " + user + " and intact", ""});
    } catch (const std::exception& e) {
        out.push_back(
            {Level::Fail, "journal", "journal " + file.string() + " is corrupt (" + e.what() + ")",
             "stop els-kiosk, move the file aside and restart (USOS stays the source of truth)"});
    }
}

// Certificate files for TLS (ca_file, client_cert, client_key): a line only when configured.
bool checkTlsFiles(const platform::Config& config, const Problems& problems, Findings& out) {
    if (reportProblems(problems, {"ca_file_", "client_"}, "tls", out))
        return false;
    if (!config.usos.caFile.empty())
        out.push_back(
            {Level::Ok, "tls", "ca_file " + config.usos.caFile.string() + " is readable", ""});
    if (!config.usos.clientCert.empty())
        out.push_back({Level::Ok, "tls", "client certificate and key are readable", ""});
    return true;
}

void checkDisk(const platform::Config& config, std::uint64_t minFreeMb, Findings& out) {
    if (config.journalPath.empty())
        return;
    auto dir = config.journalPath.parent_path();
    std::error_code ec;
    while (!dir.empty() && !std::filesystem::exists(dir, ec) && dir != dir.parent_path())
        dir = dir.parent_path();
    struct statvfs fs {};
    if (::statvfs(dir.c_str(), &fs) != 0)
        return;
    const std::uint64_t freeMb =
        static_cast<std::uint64_t>(fs.f_bavail) * fs.f_frsize / (1024 * 1024);
    if (freeMb < minFreeMb) {
        out.push_back(
            {Level::Fail, "disk",
             "disk nearly full: " + std::to_string(freeMb) + " MB free under " + dir.string(),
             "free space (journalctl --vacuum-size=100M, apt clean)"});
    } else {
        out.push_back(
            {Level::Ok, "disk", std::to_string(freeMb) + " MB free under " + dir.string(), ""});
    }
}

Finding usosFinding(const UsosProbe& probe, const std::string& url, bool clockOff,
                    bool tlsFilesOk) {
    switch (probe.result) {
    case UsosProbe::Result::Ok:
        return {Level::Ok, "usos", "USOS at " + url + " accepts the consumer key", ""};
    case UsosProbe::Result::Unreachable:
        return {Level::Fail, "usos", "USOS unreachable at " + url + " (" + probe.detail + ")",
                "check the network, DNS, firewall and usos.base_url"};
    case UsosProbe::Result::Tls:
        return {Level::Fail, "usos", "TLS failure talking to " + url + " (" + probe.detail + ")",
                tlsFilesOk ? "check the clock, usos.ca_file and that base_url names the server's "
                             "certificate"
                           : "fix the tls line first"};
    case UsosProbe::Result::KeyRefused:
        // OAuth servers refuse timestamps outside a window (USOS: minutes) with the same 401 as
        // a wrong key: with the clock that far off, the clock is the likelier cause.
        if (clockOff)
            return {Level::Fail, "usos",
                    "USOS refused the signed request; this terminal's clock is off (" +
                        probe.detail + ")",
                    "fix the clock first (see the clock line), then run kioskctl doctor again"};
        return {Level::Fail, "usos", "USOS refused the consumer key (" + probe.detail + ")",
                "check usos.consumer_key and the secret file; ask the USOS admins whether the "
                "key is active"};
    case UsosProbe::Result::HttpError:
        return {Level::Fail, "usos", "USOS answered " + probe.detail + " at " + url,
                "check usos.base_url (https://host/, without /services)"};
    }
    return {Level::Fail, "usos", "USOS check gave no result", ""};
}

void checkUsos(const platform::Config& config, const std::string& secret, int maxSkew,
               bool tlsFilesOk, Findings& out) {
    const auto probe = probeUsos(config, secret);
    const bool clockOff = probe.skew && std::abs(probe.skew->count()) > maxSkew;
    out.push_back(usosFinding(probe, config.usos.baseUrl, clockOff, tlsFilesOk));
    if (!probe.skew)
        return;
    const auto skew = probe.skew->count();
    if (clockOff) {
        out.push_back({Level::Fail, "clock",
                       "clock is " + std::to_string(std::abs(skew)) + " s " +
                           (skew < 0 ? "behind" : "ahead of") + " USOS (server Date header)",
                       "enable time sync: timedatectl set-ntp true"});
    } else {
        out.push_back({Level::Ok, "clock",
                       "clock within " + std::to_string(std::abs(skew)) + " s of USOS", ""});
    }
}

void print(const Findings& findings, bool json) {
    if (json) {
        std::string out = "{\"ok\":";
        const bool ok = std::none_of(findings.begin(), findings.end(),
                                     [](const auto& f) { return f.level == Level::Fail; });
        out += ok ? "true" : "false";
        out += ",\"checks\":[";
        for (std::size_t i = 0; i < findings.size(); ++i) {
            if (i)
                out += ',';
            out += JsonObject{}
                       .add("check", findings[i].check)
                       .add("status", levelName(findings[i].level))
                       .add("message", findings[i].message)
                       .add("fix", findings[i].fix)
                       .str();
        }
        std::printf("%s]}\n", out.c_str());
        return;
    }
    for (const auto& f : findings) {
        std::printf("%-4s %-7s %s%s%s\n", levelName(f.level), f.check.c_str(), f.message.c_str(),
                    f.fix.empty() ? "" : " — fix: ", f.fix.c_str());
    }
}

// This process's own account, when the kiosk user's view cannot be had.
ServiceUser runningUser() {
    const auto self = ::geteuid();
    const passwd* entry = ::getpwuid(self);
    return {entry ? entry->pw_name : std::to_string(self), self, ::getegid()};
}

// Whose view of the files counts: the kiosk user's, when this runs as root or as that user;
// otherwise (with a line saying so) this process's.
ServiceUser checkUser(const DoctorOptions& options, Findings& out) {
    const auto name = options.kioskUser.empty() ? serviceUserName() : options.kioskUser;
    const auto user = lookUpUser(name);
    if (!user) {
        out.push_back({Level::Fail, "user", "the kiosk user " + name + " does not exist",
                       "apt-get install --reinstall els-kiosk creates it (or pass --kiosk-user "
                       "USER for another account)"});
        return runningUser();
    }
    const auto self = ::geteuid();
    if (self == 0 || self == user->uid) {
        out.push_back({Level::Ok, "user", "files checked as the kiosk user " + name, ""});
        return *user;
    }
    out.push_back(
        {Level::Warn, "user",
         "files checked as uid " + std::to_string(self) + ", not as the kiosk user " + name,
         "run kioskctl doctor as root"});
    return runningUser();
}

} // namespace

int runDoctor(const Args& args) {
    const auto options = parse(args);
    Findings findings;
    // Every check runs on what the file gives, even when it is broken: one line per problem.
    const auto reading = platform::Config::read(options.config);
    const auto& config = reading.config;
    for (const auto& problem : reading.problems)
        findings.push_back({Level::Fail, "config", problem.message, problem.fix});
    if (reading.problems.empty())
        findings.push_back(
            {Level::Ok, "config", "configuration " + config.file.string() + " is valid", ""});

    const auto user = checkUser(options, findings);
    Problems problems;
    try {
        problems = checkConfigUsableAs(config, user);
    } catch (const std::exception& e) {
        findings.push_back({Level::Fail, "user", e.what(), "run kioskctl doctor as root"});
        problems = platform::checkConfigUsable(config);
    }
    const auto& userName = user.name;
    const auto secret = checkSecret(config, problems, userName, options.systemdDir, findings);
    const bool tlsFilesOk = checkTlsFiles(config, problems, findings);
    checkTrust(config, problems, findings);
    checkReader(config, findings);
    checkJournal(config, problems, userName, findings);
    checkJournalKey(config, problems, userName, options.systemdDir, findings);
    checkDisk(config, options.minFreeMb, findings);
    if (config.usos.baseUrl.empty() || config.usos.consumerKey.empty()) {
        findings.push_back({Level::Warn, "usos",
                            "USOS not checked: [usos] base_url or consumer_key is not set",
                            "fix the config lines first"});
    } else if (!secret) {
        findings.push_back({Level::Warn, "usos", "USOS not checked: no usable consumer secret",
                            "fix the secret first"});
    } else {
        int argc = 1;
        char name[] = "kioskctl";
        char* argv[] = {name, nullptr};
        const QCoreApplication app(argc, argv);
        checkUsos(config, *secret, options.maxSkewSeconds, tlsFilesOk, findings);
    }
    print(findings, options.json);
    const bool failed = std::any_of(findings.begin(), findings.end(),
                                    [](const auto& f) { return f.level == Level::Fail; });
    return failed ? exitOther : exitOk;
}

} // namespace els::kiosk::kioskctl
