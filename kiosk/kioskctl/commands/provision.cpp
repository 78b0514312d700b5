// kioskctl provision: sets a terminal up without questions — writes the configuration, the
// consumer secret (0600, owned by the kiosk user) and the trust anchors, then checks the result
// loads, and the journal's student key. Running it again changes only what it is given: other
// settings (ca_file, timings, reader, comments) stay; --trust replaces the whole anchor set.
#include "anchors.hpp"
#include "arg-reader.hpp"
#include "atomic-file.hpp"
#include "command.hpp"
#include "els/platform/config.hpp"
#include "els/platform/journal.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <pwd.h>
#include <set>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace els::kiosk::kioskctl {

namespace {

namespace fs = std::filesystem;

struct ProvisionOptions {
    fs::path config{platform::defaultConfigPath};
    std::optional<std::string> baseUrl;
    std::optional<std::string> consumerKey;
    fs::path secretFile;
    bool secretStdin = false;
    std::vector<fs::path> trust;
    std::optional<std::string> reader;
    std::string kioskUser = "els-kiosk";
    std::optional<fs::path> journal;
    bool enable = false;
    bool force = false; // non-CA trust anchors
    bool newJournalKey = false;
    bool credentials = false; // secrets at rest as encrypted systemd credentials
    fs::path systemdDir = "/etc/systemd/system";
};

ProvisionOptions parse(const Args& args) {
    ProvisionOptions o;
    for (ArgReader in(args); in.next();) {
        if (in.is("--config"))
            o.config = in.value();
        else if (in.is("--base-url"))
            o.baseUrl = in.value();
        else if (in.is("--consumer-key"))
            o.consumerKey = in.value();
        else if (in.is("--secret-file"))
            o.secretFile = in.value();
        else if (in.is("--secret-stdin"))
            o.secretStdin = true;
        else if (in.is("--trust")) {
            o.trust.emplace_back(in.value());
            while (in.valueFollows())
                o.trust.emplace_back(in.value());
        } else if (in.is("--reader"))
            o.reader = in.value();
        else if (in.is("--kiosk-user"))
            o.kioskUser = in.value();
        else if (in.is("--journal"))
            o.journal = in.value();
        else if (in.is("--enable"))
            o.enable = true;
        else if (in.is("--force"))
            o.force = true;
        else if (in.is("--new-journal-key"))
            o.newJournalKey = true;
        else if (in.is("--credentials"))
            o.credentials = true;
        else if (in.is("--systemd-dir"))
            o.systemdDir = in.value();
        else
            throw UsageError("provision: unknown argument " + in.current());
    }
    if (!o.secretFile.empty() && o.secretStdin)
        throw UsageError("provision: --secret-file and --secret-stdin exclude each other");
    if (o.baseUrl && !o.baseUrl->starts_with("https://"))
        throw UsageError("provision: --base-url must be https://");
    return o;
}

std::string readSecret(const ProvisionOptions& o) {
    std::string secret;
    if (o.secretStdin) {
        secret.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        // The technician's copy may have any mode; only the installed one must be 0600.
        std::ifstream in(o.secretFile, std::ios::binary);
        if (!in)
            throw std::runtime_error("cannot read " + o.secretFile.string());
        secret.assign(std::istreambuf_iterator<char>(in), {});
    }
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r'))
        secret.pop_back();
    if (secret.empty())
        throw std::runtime_error("the consumer secret is empty");
    return secret;
}

std::string readText(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A file next to the config that is removed unless it is renamed over the config.
class StagedConfig {
public:
    explicit StagedConfig(const fs::path& config) : path_(config.string() + ".provision") {
        writeFileAtomically(path_, fs::exists(config) ? readText(config) : std::string(), 0644);
    }
    ~StagedConfig() {
        std::error_code ec;
        fs::remove(path_, ec);
    }
    StagedConfig(const StagedConfig&) = delete;
    StagedConfig& operator=(const StagedConfig&) = delete;

    const fs::path& path() const { return path_; }
    void set(std::string_view key, const std::string& value) {
        platform::setConfigValue(path_, key, value);
    }
    void commit(const fs::path& config) { fs::rename(path_, config); }

private:
    fs::path path_;
};

// The anchor directory then holds exactly the given files: new ones are written first, the
// stale ones (a previous provision's or `trust add`'s) removed after.
void replaceAnchors(const fs::path& directory, const std::vector<fs::path>& pems, bool force) {
    std::set<fs::path> kept;
    for (const auto& pem : pems)
        kept.insert(addTrustAnchor(directory, pem, force));
    for (const auto& entry : fs::directory_iterator(directory)) {
        const auto extension = entry.path().extension();
        if (entry.is_regular_file() && (extension == ".pem" || extension == ".crt") &&
            !kept.contains(entry.path())) {
            fs::remove(entry.path());
            std::printf("removed %s (not among --trust)\n", entry.path().filename().c_str());
        }
    }
}

// The content of a plain secret file, read as root whoever owns it (to encrypt it).
std::string plainSecret(const fs::path& file) {
    auto text = readText(file);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    return text;
}

// The drop-in that hands els-kiosk.service its encrypted credentials, matching the config:
// written when a secret is a *.cred file, removed when none is.
void writeCredentialsDropIn(const fs::path& systemdDir, const platform::Config& config) {
    std::string lines;
    if (platform::isEncryptedCredential(config.usos.secretFile))
        lines +=
            "LoadCredentialEncrypted=consumer-secret:" + config.usos.secretFile.string() + "\n";
    if (platform::isEncryptedCredential(config.journalKeyFile))
        lines += "LoadCredentialEncrypted=journal-key:" + config.journalKeyFile.string() + "\n";
    const auto dropIn = systemdDir / "els-kiosk.service.d" / "credentials.conf";
    std::error_code ec;
    if (lines.empty()) {
        fs::remove(dropIn, ec);
        return;
    }
    fs::create_directories(dropIn.parent_path());
    writeFileAtomically(dropIn,
                        "# Written by `kioskctl provision --credentials`: els-kiosk reads its "
                        "secrets from\n# $CREDENTIALS_DIRECTORY, decrypted by systemd.\n"
                        "[Service]\n" +
                            lines,
                        0644);
    std::printf("wrote %s\n", dropIn.c_str());
    if (systemdDir == "/etc/systemd/system" && fs::exists("/run/systemd/system", ec))
        if (std::system("systemctl daemon-reload") != 0)
            std::fprintf(stderr, "warning: systemctl daemon-reload failed: run it before a "
                                 "restart so the kiosk loads its credentials\n");
}

} // namespace

int runProvision(const Args& args) {
    const auto o = parse(args);
    const auto configFile = fs::absolute(o.config);
    const auto dir = configFile.parent_path();
    const auto secretPath = dir / "consumer-secret";
    const auto trustDir = dir / "trust";
    const auto keyPath = dir / "journal-key";
    const auto credentialDir = dir / "credentials";
    const bool secretGiven = o.secretStdin || !o.secretFile.empty();
    // Before anything is written: every given anchor must be acceptable.
    for (const auto& pem : o.trust)
        checkNewAnchor(pem, o.force);

    // What is not given stays as it is (or takes its default on a first provision); the new
    // file must load before it replaces the old one.
    fs::create_directories(dir);
    StagedConfig staged(configFile);
    const auto before = platform::Config::read(staged.path()).config;
    // Once the secrets are credentials they stay so on every later provision.
    const bool credentials =
        o.credentials || platform::isEncryptedCredential(before.usos.secretFile);
    const auto secretTarget = credentials ? credentialDir / "consumer-secret.cred" : secretPath;
    const auto keyTarget = credentials                     ? credentialDir / "journal-key.cred"
                           : before.journalKeyFile.empty() ? keyPath
                                                           : before.journalKeyFile;
    // Plain files an earlier provision wrote, encrypted now and then removed.
    const auto plainToEncrypt = [&](const fs::path& file) {
        return credentials && !file.empty() && !platform::isEncryptedCredential(file) &&
                       fs::exists(file)
                   ? std::optional<fs::path>(file)
                   : std::nullopt;
    };
    const auto oldSecret = secretGiven ? std::nullopt : plainToEncrypt(before.usos.secretFile);
    const auto oldKey = o.newJournalKey ? std::nullopt : plainToEncrypt(before.journalKeyFile);
    if (o.baseUrl)
        staged.set("usos.base_url", *o.baseUrl);
    if (o.consumerKey)
        staged.set("usos.consumer_key", *o.consumerKey);
    if (secretGiven || oldSecret || before.usos.secretFile.empty())
        staged.set("usos.secret_file", secretTarget.string());
    if (!o.trust.empty() || before.trustAnchors.empty())
        staged.set("trust.anchors", trustDir.string());
    if (o.journal)
        staged.set("journal.path", o.journal->string());
    else if (before.journalPath.empty())
        staged.set("journal.path", "/var/lib/els-kiosk/journal.db");
    if (o.reader)
        staged.set("reader.name", *o.reader);
    if (before.journalKeyFile != keyTarget)
        staged.set("journal.key_file", keyTarget.string());
    try {
        platform::Config::load(staged.path());
    } catch (const std::exception& e) {
        throw UsageError(std::string("provision: ") + e.what() +
                         " (a first provision needs --base-url, --consumer-key, --secret-file "
                         "FILE or --secret-stdin, and --trust PEM...)");
    }
    const auto after = platform::Config::load(staged.path());
    if (!secretGiven && !oldSecret && !fs::exists(after.usos.secretFile))
        throw UsageError("provision needs --secret-file FILE or --secret-stdin (no secret yet)");
    if (o.trust.empty() && after.trustAnchors == trustDir && !fs::exists(trustDir))
        throw UsageError("provision needs --trust PEM... (no trust anchors yet)");

    const passwd* user = ::getpwnam(o.kioskUser.c_str());
    if (!user)
        throw std::runtime_error("no user " + o.kioskUser +
                                 " (the package creates els-kiosk; or pass --kiosk-user)");
    const auto giveToKioskUser = [&](const fs::path& file) {
        if (::chown(file.c_str(), user->pw_uid, user->pw_gid) != 0)
            throw std::runtime_error("cannot give " + file.string() + " to " + o.kioskUser);
    };
    const auto store = [&](const fs::path& file, const std::string& secret, const char* name) {
        if (credentials) {
            fs::create_directories(credentialDir);
            fs::permissions(credentialDir, fs::perms::owner_all);
            platform::encryptCredential(secret, name, file);
        } else {
            writeFileAtomically(file, secret, 0600);
            giveToKioskUser(file);
        }
    };
    if (secretGiven)
        store(after.usos.secretFile, readSecret(o), "consumer-secret");
    else if (oldSecret)
        store(after.usos.secretFile, plainSecret(*oldSecret), "consumer-secret");
    // The key of the journal's student hashes: made once; a new one (--new-journal-key) makes
    // earlier hashes unmatchable, which is what retiring a key is for.
    if (oldKey) {
        store(after.journalKeyFile, plainSecret(*oldKey), "journal-key");
    } else if (o.newJournalKey || !fs::exists(after.journalKeyFile)) {
        store(after.journalKeyFile, platform::newJournalKey() + "\n", "journal-key");
        std::printf("wrote a new journal key to %s\n", after.journalKeyFile.c_str());
    }
    if (!o.trust.empty()) {
        fs::create_directories(trustDir);
        replaceAnchors(trustDir, o.trust, o.force);
    }
    staged.commit(configFile);
    writeCredentialsDropIn(o.systemdDir, after);
    for (const auto& plain : {oldSecret, oldKey}) {
        if (plain) {
            fs::remove(*plain);
            std::printf("removed the plain %s (now an encrypted credential)\n", plain->c_str());
        }
    }
    std::printf("provisioned %s (secret in %s, anchors in %s)\n", configFile.c_str(),
                after.usos.secretFile.c_str(), after.trustAnchors.c_str());

    if (o.enable) {
        if (std::system("systemctl enable els-kiosk.service els-kiosk-metrics.timer") != 0) {
            throw std::runtime_error("systemctl enable els-kiosk.service failed");
        }
        std::puts("els-kiosk.service enabled: it starts on the next boot (or `systemctl start "
                  "els-kiosk`)");
    } else {
        std::puts("next: `kioskctl doctor`, then `kioskctl provision --enable` or "
                  "`systemctl enable --now els-kiosk.service`");
    }
    return exitOk;
}

} // namespace els::kiosk::kioskctl
