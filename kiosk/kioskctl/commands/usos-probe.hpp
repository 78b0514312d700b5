#pragma once

#include "els/platform/config.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace els::kiosk::kioskctl {

// One OAuth-signed call to services/apisrv/installation: harmless, yet a server that checks
// signatures refuses a wrong key or secret. What doctor learns from it.
struct UsosProbe {
    enum class Result { Ok, Unreachable, Tls, KeyRefused, HttpError };
    Result result = Result::Ok;
    std::string detail;                       // Qt's error text, TLS errors, HTTP status
    std::optional<std::chrono::seconds> skew; // local clock minus the server's Date header
};

// Needs a QCoreApplication. Never throws for network trouble; that is the result.
UsosProbe probeUsos(const platform::Config& config, const std::string& secret);

} // namespace els::kiosk::kioskctl
