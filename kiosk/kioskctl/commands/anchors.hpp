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
};

// Certificates in a PEM file, or in the *.pem / *.crt files of a directory (as the trust
// store loads them). Throws std::runtime_error when the path does not exist.
std::vector<AnchorInfo> readAnchors(const std::filesystem::path& fileOrDirectory);

// Certificates in one PEM file; empty when it holds none.
std::vector<AnchorInfo> readPemFile(const std::filesystem::path& file);

std::string formatDate(std::chrono::system_clock::time_point when); // YYYY-MM-DD (UTC)

} // namespace els::kiosk::kioskctl

namespace els::kiosk::kioskctl {

// Copies the certificates of a PEM file into an anchor directory (trust add, provision).
void addTrustAnchor(const std::filesystem::path& directory, const std::filesystem::path& pem);

} // namespace els::kiosk::kioskctl
