#pragma once

#include "els/kiosk/headless-session.hpp"
#include "els/kiosk/session-controller.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/config.hpp"
#include "els/platform/journal.hpp"
#include "els/platform/log.hpp"
#include "els/platform/usos-client.hpp"
#include "els/smartcard/verify.hpp"

#include <optional>

// The real card and USOS side of the session controller: each student session is a
// HeadlessSession (PC/SC read, verification, eligibility, the order workflow).
namespace els::kiosk {

class KioskBackend final : public SessionBackend {
public:
    // Loads the trust anchors, opens the journal, makes the USOS client. Throws what they throw.
    // Construct it on the worker thread (the USOS client must live there).
    KioskBackend(const platform::Config& config, platform::log::Logger logger,
                 std::optional<std::chrono::year_month_day> today = std::nullopt);
    std::unique_ptr<StudentSession> open() override;

private:
    smartcard::TrustStore anchors_;
    platform::UsosClient usos_;
    platform::SystemClock clock_;
    platform::Journal journal_;
    SteadyPacer pacer_;
    std::string lookupMethod_;
    WorkflowSettings workflow_;
    platform::log::Logger logger_;
    std::optional<std::chrono::year_month_day> today_;
};

} // namespace els::kiosk
