// kioskctl provision: sets a terminal up without questions — writes the configuration, the
// consumer secret (0600, owned by the kiosk user) and the trust anchors, then checks the result
// loads. Re-running it replaces them.
#include "anchors.hpp"
#include "arg-reader.hpp"
#include "atomic-file.hpp"
#include "command.hpp"
#include "els/platform/config.hpp"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <pwd.h>
#include <stdexcept>
#include <unistd.h>
#include <vector>

namespace els::kiosk::kioskctl {

namespace {

struct ProvisionOptions {
    std::filesystem::path config{platform::defaultConfigPath};
    std::string baseUrl;
    std::string consumerKey;
    std::filesystem::path secretFile;
    bool secretStdin = false;
    std::vector<std::filesystem::path> trust;
    std::string reader;
    std::string kioskUser = "els-kiosk";
    std::filesystem::path journal = "/var/lib/els-kiosk/journal.db";
    bool enable = false;
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
        else
            throw UsageError("provision: unknown argument " + in.current());
    }
    if (o.baseUrl.empty() || o.consumerKey.empty() || o.trust.empty() ||
        o.secretFile.empty() == !o.secretStdin) {
        throw UsageError("provision needs --base-url, --consumer-key, --secret-file FILE or "
                         "--secret-stdin, and --trust PEM...");
    }
    if (!o.baseUrl.starts_with("https://"))
        throw UsageError("provision: --base-url must be https://");
    return o;
}

std::string readSecret(const ProvisionOptions& o) {
    std::string secret;
    if (o.secretStdin) {
        secret.assign(std::istreambuf_iterator<char>(std::cin), {});
    } else {
        // The technician's copy may have any mode; only the installed one must be 0600.
        std::FILE* in = std::fopen(o.secretFile.c_str(), "rb");
        if (!in)
            throw std::runtime_error("cannot read " + o.secretFile.string());
        char buffer[4096];
        for (std::size_t n; (n = std::fread(buffer, 1, sizeof(buffer), in)) > 0;)
            secret.append(buffer, n);
        std::fclose(in);
    }
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r'))
        secret.pop_back();
    if (secret.empty())
        throw std::runtime_error("the consumer secret is empty");
    return secret;
}

// "key = value" lines; values are written verbatim (the INI format has no quoting).
std::string configText(const ProvisionOptions& o, const std::filesystem::path& secretPath,
                       const std::filesystem::path& trustDir) {
    return "# Written by `kioskctl provision`; see `kioskctl config show` and the README.\n"
           "[usos]\nbase_url = " +
           o.baseUrl + "\nconsumer_key = " + o.consumerKey +
           "\nsecret_file = " + secretPath.string() +
           "\n\n[trust]\nanchors = " + trustDir.string() +
           "\n\n[journal]\npath = " + o.journal.string() + "\n\n[reader]\nname = " + o.reader +
           "\n";
}

} // namespace

int runProvision(const Args& args) {
    const auto o = parse(args);
    const passwd* user = ::getpwnam(o.kioskUser.c_str());
    if (!user)
        throw std::runtime_error("no user " + o.kioskUser +
                                 " (the package creates els-kiosk; or pass --kiosk-user)");

    const auto dir = std::filesystem::absolute(o.config).parent_path();
    const auto secretPath = dir / "consumer-secret";
    const auto trustDir = dir / "trust";
    std::filesystem::create_directories(trustDir);

    writeFileAtomically(secretPath, readSecret(o), 0600);
    if (::chown(secretPath.c_str(), user->pw_uid, user->pw_gid) != 0) {
        throw std::runtime_error("cannot give " + secretPath.string() + " to " + o.kioskUser);
    }
    for (const auto& pem : o.trust)
        addTrustAnchor(trustDir, pem);
    writeFileAtomically(o.config, configText(o, secretPath, trustDir), 0644);
    platform::Config::load(o.config); // refuse to leave a configuration the kiosk cannot load
    std::printf("provisioned %s (secret in %s, anchors in %s)\n", o.config.c_str(),
                secretPath.c_str(), trustDir.c_str());

    if (o.enable) {
        if (std::system("systemctl enable els-kiosk.service els-kiosk-metrics.timer") != 0) {
            throw std::runtime_error("systemctl enable els-kiosk.service failed");
        }
        std::puts("els-kiosk.service enabled: it starts on the next boot (or `systemctl start "
                  "els-kiosk`)");
    } else {
        std::puts("next: `kioskctl doctor`, then `kioskctl provision ... --enable` or "
                  "`systemctl enable --now els-kiosk.service`");
    }
    return exitOk;
}

} // namespace els::kiosk::kioskctl
