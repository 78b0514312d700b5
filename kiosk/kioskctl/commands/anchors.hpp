#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace els::kiosk::kioskctl {

// One certificate found among the configured trust anchors (what `trust list` and `doctor`
// show: never anything about students).
struct AnchorInfo {
    std::filesystem::path file;
    std::string subject;
    std::chrono::system_clock::time_point notAfter;
    bool isCa = false; // basicConstraints CA:TRUE (or a v1 self-signed root)
};

// Certificates in a PEM file, or in the *.pem / *.crt files of a directory (as the trust
// store loads them). Throws std::runtime_error when the path does not exist.
std::vector<AnchorInfo> readAnchors(const std::filesystem::path& fileOrDirectory);

// Certificates in one PEM file; empty when it holds none.
std::vector<AnchorInfo> readPemFile(const std::filesystem::path& file);

std::string formatDate(std::chrono::system_clock::time_point when); // YYYY-MM-DD (UTC)

} // namespace els::kiosk::kioskctl

namespace els::kiosk::kioskctl {

// The certificates of a PEM file about to become trust anchors: warns on stderr about expired
// ones; refuses (std::runtime_error) a file without certificates, and one holding a
// certificate that is not a CA unless `force` (an end-entity certificate there is almost
// always the wrong file, e.g. a server's or a card's own certificate). Returns its name in the
// anchor directory.
std::filesystem::path checkNewAnchor(const std::filesystem::path& pem, bool force);

// Copies the certificates of a PEM file into an anchor directory after checkNewAnchor
// (trust add, provision); returns the file it wrote.
std::filesystem::path addTrustAnchor(const std::filesystem::path& directory,
                                     const std::filesystem::path& pem, bool force);

} // namespace els::kiosk::kioskctl
