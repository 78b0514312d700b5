// kioskctl trust add|list|remove: manages the PEM files in the [trust] anchors directory.
#include "anchors.hpp"
#include "arg-reader.hpp"
#include "atomic-file.hpp"
#include "command.hpp"
#include "els/platform/config.hpp"
#include "json-writer.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace els::kiosk::kioskctl {

namespace {

std::filesystem::path anchorDirectory(const platform::Config& config) {
    if (!std::filesystem::is_directory(config.trustAnchors)) {
        throw std::runtime_error(
            "[trust] anchors is " + config.trustAnchors.string() +
            ", not a directory; point it at a directory to manage anchors here");
    }
    return config.trustAnchors;
}

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + file.string());
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

} // namespace

std::filesystem::path checkNewAnchor(const std::filesystem::path& pem, bool force) {
    const auto certs = readPemFile(pem);
    if (certs.empty())
        throw std::runtime_error(pem.string() + " holds no PEM certificate");
    const auto now = std::chrono::system_clock::now();
    for (const auto& cert : certs) {
        if (!cert.isCa && !force) {
            throw std::runtime_error(
                pem.string() + " holds " + cert.subject +
                ", which is not a CA certificate: a trust anchor is the CA that signs the ELS "
                "cards (pass --force to install it anyway)");
        }
        if (!cert.isCa)
            std::fprintf(stderr, "warning: %s: %s is not a CA certificate (installed: --force)\n",
                         pem.c_str(), cert.subject.c_str());
        if (cert.notAfter < now)
            std::fprintf(stderr,
                         "warning: %s: %s expired on %s (installed; ask the university for its "
                         "successor)\n",
                         pem.c_str(), cert.subject.c_str(), formatDate(cert.notAfter).c_str());
    }
    auto name = pem.filename();
    if (name.extension() != ".pem" && name.extension() != ".crt")
        name += ".pem";
    return name;
}

// Copies PEM certificates into the anchor directory (also used by provision).
std::filesystem::path addTrustAnchor(const std::filesystem::path& directory,
                                     const std::filesystem::path& pem, bool force) {
    const auto name = checkNewAnchor(pem, force);
    writeFileAtomically(directory / name, readFile(pem), 0644);
    for (const auto& cert : readPemFile(pem)) {
        std::printf("added %s: %s (valid until %s)\n", name.c_str(), cert.subject.c_str(),
                    formatDate(cert.notAfter).c_str());
    }
    return directory / name;
}

int runTrust(const Args& args) {
    std::string configPath{platform::defaultConfigPath};
    bool json = false;
    bool force = false;
    Args rest;
    for (ArgReader in(args); in.next();) {
        if (in.is("--config"))
            configPath = in.value();
        else if (in.is("--json"))
            json = true;
        else if (in.is("--force"))
            force = true;
        else
            rest.push_back(in.current());
    }
    const auto config = platform::Config::load(configPath);

    if (rest.size() == 1 && rest[0] == "list") {
        const auto now = std::chrono::system_clock::now();
        std::string out = json ? "[" : "";
        for (const auto& anchor : readAnchors(config.trustAnchors)) {
            const bool expired = anchor.notAfter < now;
            if (json) {
                if (out.size() > 1)
                    out += ',';
                out += JsonObject{}
                           .add("file", anchor.file.filename().string())
                           .add("subject", anchor.subject)
                           .add("not_after", formatDate(anchor.notAfter))
                           .add("expired", expired)
                           .str();
            } else {
                out += anchor.file.filename().string() + '\t' + anchor.subject + "\tvalid until " +
                       formatDate(anchor.notAfter) + (expired ? " (EXPIRED)\n" : "\n");
            }
        }
        std::fputs((json ? out + "]\n" : out).c_str(), stdout);
        return exitOk;
    }
    if (rest.size() >= 2 && rest[0] == "add") {
        const auto directory = anchorDirectory(config);
        for (std::size_t i = 1; i < rest.size(); ++i)
            addTrustAnchor(directory, rest[i], force);
        return exitOk;
    }
    if (rest.size() == 2 && rest[0] == "remove") {
        const auto directory = anchorDirectory(config);
        const std::filesystem::path name(rest[1]);
        if (name.has_parent_path() || name.empty())
            throw UsageError("trust remove takes a file name from `trust list`");
        if (!std::filesystem::remove(directory / name)) {
            throw std::runtime_error("no anchor file " + name.string() + " in " +
                                     directory.string());
        }
        std::printf("removed %s\n", name.c_str());
        return exitOk;
    }
    throw UsageError("trust: use `trust list [--json]`, `trust add PEM...` or `trust remove FILE`");
}

} // namespace els::kiosk::kioskctl
