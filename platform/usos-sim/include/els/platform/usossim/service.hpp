#pragma once

#include "els/platform/usossim/api-error.hpp"
#include "els/platform/usossim/fields.hpp"
#include "els/platform/usossim/http-message.hpp"
#include "els/platform/usossim/oauth-verifier.hpp"
#include "els/platform/usossim/store.hpp"

#include <QJsonValue>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// The simulated USOS API (`/services/...`) and the test control endpoints (`/_sim/...`),
// independent of sockets: one request in, one reply out.
namespace els::platform::usossim {

struct Faults {
    std::chrono::milliseconds latency{0};
    double errorRate = 0;       // share of /services/ requests answered 503
    double dropRate = 0;        // share closed without an answer (before any effect)
    double garbageRate = 0;     // share answered with a broken JSON body (after the effect)
    int loseOrderResponses = 0; // next N successful make_mcard_order: order made, no answer
    // Each /services/ request (of holdMethods; empty = all) waits this long after it arrived
    // and before it has any effect; it then takes effect even if the client has gone.
    std::chrono::milliseconds holdBeforeEffect{0};
    std::vector<std::string> holdMethods; // "services/cards/make_mcard_order"

    QJsonObject toJson() const;
};

enum class AdvanceMode { Timed, Manual, Instant };

struct ServiceSettings {
    OAuthSettings oauth;
    std::string actAsParam = "as_user_id";
    AdvanceMode advance = AdvanceMode::Timed;
    std::chrono::milliseconds advanceInterval{2000};
    Faults faults;
    // The simulator's wall clock runs this far ahead of the machine's (negative: behind), as
    // seen in Date headers and OAuth timestamp checks: a server with a wrong clock, on purpose.
    std::chrono::seconds clockOffset{0};
    std::uint64_t randomSeed = std::random_device{}();
};

// "a,b" → {"a", "b"} (empty items dropped).
std::vector<std::string> splitMethods(std::string_view list);

// When each /services/ request arrived and when its answer went out (or the connection closed),
// so tests can see which requests overlapped; milliseconds since the simulator started.
struct RequestRecord {
    std::string method; // "services/users/user"
    std::int64_t startMs = 0;
    std::optional<std::int64_t> endMs; // absent while in flight
};

struct Reply {
    HttpResponse response;
    std::chrono::milliseconds delay{0};
    bool drop = false;        // close the connection instead of answering
    bool releaseHeld = false; // POST /_sim/release_held: the server runs held requests first
};

class Service {
public:
    Service(Store& store, ServiceSettings settings);

    Reply handle(const HttpRequest& request);
    // How long to hold `request` before handle() (the hold-before-effect fault).
    std::chrono::milliseconds holdBeforeEffect(const HttpRequest& request) const;
    // The request record (/services/ requests only; nullopt for others).
    std::optional<std::size_t> requestArrived(const HttpRequest& request);
    void requestEnded(std::size_t record);
    // The simulated server's wall clock (the machine's shifted by `clockOffset`).
    std::chrono::system_clock::time_point now() const;

private:
    class Params;
    using Handler = QJsonValue (Service::*)(const Params&);
    struct Method {
        std::string_view name;
        bool anonymousAllowed;
        std::vector<std::string_view> parameters;
        const Schema* schema; // null: the result has no selectable fields
        Handler handler;
    };

    Reply handleApi(const HttpRequest& request);
    HttpResponse callMethod(const HttpRequest& request, const Method& method,
                            const Fields& parameters);
    HttpResponse handleControl(const HttpRequest& request);

    QJsonValue installation(const Params& p);
    QJsonValue search(const Params& p);
    QJsonValue userInfo(const Params& p);
    QJsonValue userCards(const Params& p);
    QJsonValue cardInfo(const Params& p);
    QJsonValue mcard(const Params& p);
    QJsonValue makeOrder(const Params& p);
    QJsonValue orderInfo(const Params& p);
    QJsonValue revoke(const Params& p);

    User actingUser(const Params& p);
    // USOS's reason why `user` cannot order now: its built-in rules, then a university rule.
    std::optional<LangDict> whyCannotOrderNow(const User& user, const std::vector<Order>& orders);
    Order ownOrder(const Params& p, const User& user);
    void advanceDueOrders();
    int stepAllOrders();
    void becomeStatus(Order& order, std::string_view status, std::int64_t nowMs);
    bool chance(double rate);

    static const std::vector<Method>& methods();

    Store& store_;
    ServiceSettings settings_;
    OAuthVerifier verifier_;
    std::mt19937_64 random_;
    std::int64_t servicesRequests_ = 0;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    std::vector<RequestRecord> records_; // records_[i] has id firstRecord_ + i
    std::size_t firstRecord_ = 0;
    std::set<std::size_t> inFlight_; // ids of requests not yet answered
    std::size_t maxInFlight_ = 0;
    std::string host_; // Host header of the request being served, for URLs in results
    // A university's own rule per user id (POST /_sim/university_rule): a reason USOS gives
    // that no card check of the kiosk can know, shown to the student verbatim.
    std::map<std::string, LangDict> universityRules_;
};

} // namespace els::platform::usossim
