#pragma once

#include <QJsonObject>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace els::testing {

// The real usos-sim binary on a free 127.0.0.1 port, with its own throw-away CA, a fresh
// database and a consumer key/secret; stopped (SIGTERM, then SIGKILL) when the object goes.
// The control endpoints (/_sim/...) are reached over HTTPS with blocking sockets, so no event
// loop is needed (a QCoreApplication must exist).
class UsosSimProcess {
public:
    // `arguments` are added to the command line, e.g. {"--advance", "manual"}.
    explicit UsosSimProcess(std::filesystem::path directory,
                            std::vector<std::string> arguments = {});
    UsosSimProcess(const UsosSimProcess&) = delete;
    UsosSimProcess& operator=(const UsosSimProcess&) = delete;
    ~UsosSimProcess();

    std::string baseUrl() const { return "https://127.0.0.1:" + std::to_string(port_); }
    int port() const noexcept { return port_; }
    const std::filesystem::path& caFile() const noexcept { return caFile_; }
    const std::filesystem::path& secretFile() const noexcept { return secretFile_; }
    static constexpr const char* consumerKey = "kiosk-integration";

    // A control request; form parameters in the body. Throws std::runtime_error on failure.
    QJsonObject control(const std::string& method, const std::string& path,
                        const std::vector<std::pair<std::string, std::string>>& form = {}) const;
    // GET /_sim/orders?user_id=...: {"count", "active", "orders"}.
    QJsonObject orders(const std::string& userId) const;

private:
    std::filesystem::path directory_;
    std::filesystem::path caFile_;
    std::filesystem::path secretFile_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// [timing] of a kiosk.conf written for tests and benchmarks.
struct KioskTiming {
    int requestTimeoutMs = 3000;
    int pollInitialMs = 100;
    int pollMaxMs = 400;
    int deadlineS = 3;
};

// Writes `dir`/kiosk.conf pointing at `sim` (its CA, consumer key and secret), trusting the card
// signer's CA `anchors`, with the journal in `dir`. Returns the file.
std::filesystem::path writeKioskConfig(const std::filesystem::path& dir, const UsosSimProcess& sim,
                                       const std::filesystem::path& anchors,
                                       KioskTiming timing = {});

} // namespace els::testing
