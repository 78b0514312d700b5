// kioskctl doctor: checks every piece a terminal needs and names what is wrong in one line
// each, with the fix. Exit status 1 when any check fails (warnings alone: 0).
#include "anchors.hpp"
#include "arg-reader.hpp"
#include "command.hpp"
#include "els/platform/config.hpp"
#include "els/smartcard/error.hpp"
#include "els/smartcard/pcsc.hpp"
#include "json-writer.hpp"
#include "usos-probe.hpp"

#include <QCoreApplication>
#include <SQLiteCpp/SQLiteCpp.h>
#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <optional>
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
        else
            throw UsageError("doctor: unknown argument " + in.current());
    }
    return o;
}

using Findings = std::vector<Finding>;

std::optional<std::string> checkSecret(const platform::Config& config, Findings& out) {
    struct stat st {};
    const auto& file = config.usos.secretFile;
    if (::stat(file.c_str(), &st) != 0) {
        out.push_back({Level::Fail, "secret", "secret file " + file.string() + " is missing",
                       "kioskctl provision --secret-file FILE (or --secret-stdin)"});
        return std::nullopt;
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof(mode), "%04o", st.st_mode & 07777);
        out.push_back(
            {Level::Fail, "secret",
             "secret file " + file.string() + " is readable by others (mode " + mode + ")",
             "chmod 600 " + file.string()});
        return std::nullopt;
    }
    try {
        auto secret = config.readConsumerSecret();
        out.push_back({Level::Ok, "secret", "secret file " + file.string() + " is private", ""});
        return secret;
    } catch (const std::exception& e) {
        out.push_back({Level::Fail, "secret", e.what(),
                       "chown els-kiosk " + file.string() + " && chmod 600 " + file.string()});
        return std::nullopt;
    }
}

void checkTrust(const platform::Config& config, Findings& out) {
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

// Tries it rather than asking access(): root passes access() even on a read-only mount's
// neighbours like /proc, and the kiosk's real question is "can SQLite create files here".
bool canCreateFilesIn(const std::filesystem::path& dir) {
    std::string probe = (dir / ".els-doctor-XXXXXX").string();
    const int fd = ::mkstemp(probe.data());
    if (fd < 0)
        return false;
    ::close(fd);
    ::unlink(probe.c_str());
    return true;
}

bool canWrite(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

void checkJournal(const platform::Config& config, Findings& out) {
    const auto& file = config.journalPath;
    const auto dir = file.parent_path();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) {
        // The journal creates its file and missing folders: the nearest existing one must be
        // writable.
        auto existing = dir;
        while (!std::filesystem::exists(existing, ec) && existing != existing.parent_path())
            existing = existing.parent_path();
        if (!canCreateFilesIn(existing)) {
            out.push_back(
                {Level::Fail, "journal", "journal folder " + existing.string() + " is not writable",
                 "set journal.path to a writable place (default /var/lib/els-kiosk/journal.db)"});
        } else {
            out.push_back({Level::Ok, "journal",
                           "journal " + file.string() + " will be created on first use", ""});
        }
        return;
    }
    if (!canWrite(file) || !canCreateFilesIn(dir)) {
        out.push_back({Level::Fail, "journal", "journal " + file.string() + " is not writable",
                       "chown -R els-kiosk: " + dir.string() +
                           " (and check the file system is not read-only)"});
        return;
    }
    try {
        SQLite::Database db(file.string(), SQLite::OPEN_READONLY);
        const auto verdict = db.execAndGet("PRAGMA quick_check").getString();
        if (verdict != "ok")
            throw std::runtime_error(verdict);
        out.push_back(
            {Level::Ok, "journal", "journal " + file.string() + " is writable and intact", ""});
    } catch (const std::exception& e) {
        out.push_back(
            {Level::Fail, "journal", "journal " + file.string() + " is corrupt (" + e.what() + ")",
             "stop els-kiosk, move the file aside and restart (USOS stays the source of truth)"});
    }
}

void checkDisk(const platform::Config& config, std::uint64_t minFreeMb, Findings& out) {
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

Finding usosFinding(const UsosProbe& probe, const std::string& url, bool clockOff) {
    switch (probe.result) {
    case UsosProbe::Result::Ok:
        return {Level::Ok, "usos", "USOS at " + url + " accepts the consumer key", ""};
    case UsosProbe::Result::Unreachable:
        return {Level::Fail, "usos", "USOS unreachable at " + url + " (" + probe.detail + ")",
                "check the network, DNS, firewall and usos.base_url"};
    case UsosProbe::Result::Tls:
        return {Level::Fail, "usos", "TLS failure talking to " + url + " (" + probe.detail + ")",
                "check the clock, usos.ca_file and that base_url names the server's certificate"};
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
               Findings& out) {
    const auto probe = probeUsos(config, secret);
    const bool clockOff = probe.skew && std::abs(probe.skew->count()) > maxSkew;
    out.push_back(usosFinding(probe, config.usos.baseUrl, clockOff));
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

} // namespace

int runDoctor(const Args& args) {
    const auto options = parse(args);
    Findings findings;
    std::optional<platform::Config> config;
    try {
        config = platform::Config::load(options.config);
        findings.push_back(
            {Level::Ok, "config", "configuration " + config->file.string() + " is valid", ""});
    } catch (const std::exception& e) {
        findings.push_back(
            {Level::Fail, "config", std::string("configuration invalid: ") + e.what(),
             "kioskctl provision ..., or fix the named key with kioskctl config set"});
    }
    if (config) {
        const auto secret = checkSecret(*config, findings);
        checkTrust(*config, findings);
        checkReader(*config, findings);
        checkJournal(*config, findings);
        checkDisk(*config, options.minFreeMb, findings);
        if (!secret) {
            findings.push_back({Level::Warn, "usos", "USOS not checked: no usable consumer secret",
                                "fix the secret file first"});
        } else {
            int argc = 1;
            char name[] = "kioskctl";
            char* argv[] = {name, nullptr};
            const QCoreApplication app(argc, argv);
            checkUsos(*config, *secret, options.maxSkewSeconds, findings);
        }
    }
    print(findings, options.json);
    const bool failed = std::any_of(findings.begin(), findings.end(),
                                    [](const auto& f) { return f.level == Level::Fail; });
    return failed ? exitOther : exitOk;
}

} // namespace els::kiosk::kioskctl
