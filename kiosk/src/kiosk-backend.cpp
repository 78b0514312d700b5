#include "els/kiosk/kiosk-backend.hpp"

namespace els::kiosk {

namespace {

class HeadlessStudentSession final : public StudentSession {
public:
    explicit HeadlessStudentSession(SessionEnvironment environment)
        : session_(std::move(environment), [this](const ScreenState& state) {
              if (progress_)
                  progress_(state);
          }) {}

    ScreenState readAndCheck(const std::string& reader, const Progress& progress) override {
        progress_ = progress;
        return session_.inspect(reader);
    }
    ScreenState order(std::stop_token stop, const Progress& progress) override {
        progress_ = progress;
        session_.order(stop);
        return session_.state();
    }
    ScreenState poll(std::stop_token stop, const Progress& progress) override {
        progress_ = progress;
        session_.follow(stop);
        return session_.state();
    }
    // HeadlessSession picks cancel or revoke from the order's status, which the controller
    // froze when it asked the question.
    ScreenState cancel() override { return withdraw(); }
    ScreenState revoke() override { return withdraw(); }

private:
    ScreenState withdraw() {
        progress_ = {};
        session_.withdraw();
        return session_.state();
    }

    Progress progress_; // of the call in progress; the worker makes one call at a time
    HeadlessSession session_;
};

WorkflowSettings workflowOf(const platform::TimingConfig& timing) {
    WorkflowSettings settings;
    settings.pollInitial = timing.pollInitial;
    settings.pollMax = timing.pollMax;
    settings.deadline = timing.orderDeadline;
    return settings;
}

} // namespace

KioskBackend::KioskBackend(const platform::Config& config, platform::log::Logger logger,
                           std::optional<std::chrono::year_month_day> today)
    : anchors_(smartcard::TrustStore::load(config.trustAnchors)),
      usos_(platform::UsosClientSettings::fromConfig(config), logger),
      journal_(config.journalPath, clock_, platform::journalStudentKey(config)),
      lookupMethod_(config.usos.lookupMethod), workflow_(workflowOf(config.timing)),
      logger_(std::move(logger)), today_(today) {}

std::unique_ptr<StudentSession> KioskBackend::open() {
    return std::make_unique<HeadlessStudentSession>(SessionEnvironment{
        anchors_, usos_, journal_, clock_, pacer_, lookupMethod_, workflow_, logger_, today_});
}

} // namespace els::kiosk
