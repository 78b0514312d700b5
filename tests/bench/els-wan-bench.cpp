// els-wan-bench: "USOS over a WAN" (issue 9). usos-sim answers every request after
// --latency-ms 150 (the server's own time) behind the latency proxy, which holds every byte
// 10 ms each way and charges one more round trip per new connection: 170 ms per request on a
// warm connection. The kiosk side is the app's own: a SessionDriver (session engine, worker
// thread, StudentService, the Backend built and warmed at start) fed by a CardMonitor, the card
// in vpcd (els-card-sim). The proxy closes a connection idle for 5 s, as a server's keep-alive
// timeout does.
//
//   els-wan-bench [--slot 0|1] [--runs N] [--start-runs N] [--idle-runs N]
//                 (pcscd with vsmartcard-vpcd must run; `make bench` starts one)
//
// "Card-in" is the moment the card monitor reports the card (what the app sees); the timer
// stops when the driver shows the decision screen. Cases: (a) a ready order → QR, (b) a refused
// student → the refusal, (c) a new order that is ready at once: the Order tap → QR, (d) the
// first student of a freshly started kiosk, and after 10 s without a student. Per case: median,
// p95, HTTPS requests and sequential round trips (from usos-sim's request record: overlapping
// requests are one round trip). Targets are printed PASS/MISS; only an error fails the run.
#include "els/kiosk/problem-text.hpp"
#include "els/kiosk/session-driver.hpp"
#include "els/kiosk/student-service.hpp"
#include "els/platform/config.hpp"
#include "els/smartcard/card-monitor.hpp"
#include "latency-proxy.hpp"
#include "session-rig.hpp"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QMetaObject>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <future>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace kiosk = els::kiosk;
namespace platform = els::platform;
namespace sc = els::smartcard;
namespace support = els::testing;
namespace bench = els::bench;
using bench::Clock;
using namespace std::chrono_literals;

namespace {

constexpr int serverLatencyMs = 150;
constexpr int oneWayMs = 10;
// The server's keep-alive timeout (Apache's default): after 10 s idle the kiosk's connections are
// gone, as they would be on a real USOS, and the first student needs new ones.
constexpr int keepAliveMs = 5000;
constexpr double perRequestMs = serverLatencyMs + 2 * oneWayMs; // 170 ms
constexpr double ratioTarget = 2.3;
constexpr double warmTolerance = 0.15;

// Seeded students (usos-sim's seed/demo-students.json).
constexpr const char* readyOrderStudent = "100012"; // "ready_order"
constexpr const char* refusedStudent = "100003";    // "inactive": refused after the USOS check
constexpr const char* newOrderStudent = "100001";   // "happy": may order

// The /services/ requests usos-sim recorded since the last clear.
struct RequestRecord {
    int requests = 0;
    int roundTrips = 0;    // groups of overlapping requests: what a client waits for in sequence
    double serverSpan = 0; // first request's arrival → last answer sent, at usos-sim
    std::string chain;     // the methods, round trip by round trip ("a → b + c")
};

RequestRecord requestRecord(const support::UsosSimProcess& sim) {
    struct Span {
        double start, end;
        std::string method;
        bool operator<(const Span& other) const { return start < other.start; }
    };
    const auto list = sim.control("GET", "/_sim/requests").value("requests").toArray();
    std::vector<Span> spans;
    for (const auto& entry : list) {
        const auto request = entry.toObject();
        if (request.value("end_ms").isNull())
            throw std::runtime_error("a USOS request was still in flight after the decision");
        spans.push_back({request.value("start_ms").toDouble(), request.value("end_ms").toDouble(),
                         request.value("method").toString().toStdString()});
    }
    std::sort(spans.begin(), spans.end());
    RequestRecord record;
    record.requests = static_cast<int>(spans.size());
    double groupEnd = -1;
    double lastEnd = 0;
    for (const auto& span : spans) {
        lastEnd = std::max(lastEnd, span.end);
        if (record.roundTrips == 0 || span.start >= groupEnd) {
            ++record.roundTrips;
            groupEnd = span.end;
            record.chain += (record.chain.empty() ? "" : " → ") + span.method;
        } else {
            groupEnd = std::max(groupEnd, span.end);
            record.chain += " + " + span.method;
        }
    }
    if (!spans.empty())
        record.serverSpan = lastEnd - spans.front().start;
    return record;
}

void clearRequests(const support::UsosSimProcess& sim) {
    sim.control("POST", "/_sim/requests/clear");
}

// Runs `blocking` (a card insert or removal, which waits for pcscd) on another thread while this
// one keeps serving the driver's events, so no event waits behind the card simulator.
template <typename F> auto offMainThread(F&& blocking) {
    auto done = std::async(std::launch::async, std::forward<F>(blocking));
    while (done.wait_for(0ms) != std::future_status::ready)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done.get();
}

// Processes events for `duration` (a student who is not there yet).
void idleFor(std::chrono::milliseconds duration) {
    const auto end = Clock::now() + duration;
    while (Clock::now() < end)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

// One kiosk process: the driver (which builds the Backend and warms USOS at start) and the card
// monitor, as ui/app wires them, plus a record of every screen change with its time.
class Kiosk {
public:
    Kiosk(const platform::Config& config, const std::string& reader)
        : driver_([&config] { return kiosk::Backend::fromConfig(config, quiet(), std::nullopt); },
                  kiosk::EngineSettings{reader, timings()}, quiet()) {
        QObject::connect(&driver_, &kiosk::SessionDriver::stateChanged,
                         [this](const kiosk::ScreenState& state) {
                             screens_.push_back({state.screen, Clock::now()});
                         });
        monitor_ = std::make_unique<sc::CardMonitor>([this](const sc::CardEvent& event) {
            if (event.type == sc::CardEvent::Type::CardInserted)
                cardInAt_.store(Clock::now().time_since_epoch().count());
            QMetaObject::invokeMethod(
                &driver_, [this, event] { driver_.onCardEvent(event); }, Qt::QueuedConnection);
        });
    }
    ~Kiosk() { monitor_.reset(); } // before the driver its events go to

    kiosk::SessionDriver& driver() noexcept { return driver_; }
    Clock::time_point cardInAt() const {
        return Clock::time_point(Clock::duration(cardInAt_.load()));
    }
    std::size_t mark() const noexcept { return screens_.size(); }

    // The first screen in `wanted` shown since `mark`, and when; throws after `timeout` or on a
    // screen the case does not expect (a problem, USOS unavailable).
    std::pair<kiosk::Screen, Clock::time_point> waitFor(std::size_t mark,
                                                        const std::set<kiosk::Screen>& wanted,
                                                        std::chrono::milliseconds timeout = 15s) {
        const auto end = Clock::now() + timeout;
        for (;;) {
            for (std::size_t i = mark; i < screens_.size(); ++i) {
                if (wanted.contains(screens_[i].first))
                    return screens_[i];
                if (isFailure(screens_[i].first))
                    throw std::runtime_error(std::string("unexpected screen ") +
                                             kiosk::toString(screens_[i].first) + " (" +
                                             kiosk::toString(driver_.state().problem) + ")");
            }
            if (Clock::now() > end)
                throw std::runtime_error(std::string("timed out on screen ") +
                                         kiosk::toString(driver_.state().screen));
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
    }
    void waitForIdle(std::chrono::milliseconds timeout = 15s) {
        const auto end = Clock::now() + timeout;
        while (driver_.state().screen != kiosk::Screen::Idle) {
            if (Clock::now() > end)
                throw std::runtime_error(std::string("not idle: ") +
                                         kiosk::toString(driver_.state().screen));
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        }
    }

private:
    static platform::log::Logger quiet() {
        return platform::log::Logger(platform::log::Level::Error, [](std::string_view) {});
    }
    static kiosk::SessionTimings timings() {
        kiosk::SessionTimings timings;
        timings.removalGrace = 1s;
        timings.goodbye = 1s;
        return timings;
    }
    static bool isFailure(kiosk::Screen screen) {
        return screen == kiosk::Screen::ServiceUnavailable ||
               screen == kiosk::Screen::OutOfService || screen == kiosk::Screen::ReaderMissing;
    }

    kiosk::SessionDriver driver_;
    std::unique_ptr<sc::CardMonitor> monitor_;
    std::vector<std::pair<kiosk::Screen, Clock::time_point>> screens_;
    std::atomic<Clock::rep> cardInAt_{0};
};

struct Case {
    std::vector<double> millis;
    std::vector<RequestRecord> records;
    std::uint64_t newConnections = 0; // accepted by the proxy during the case
};

// The card goes in; returns card-in (monitor) → the first of `decision` shown.
double cardIn(Kiosk& k, support::CardSim& card, const std::set<kiosk::Screen>& decision) {
    const auto mark = k.mark();
    if (!offMainThread([&card] { return card.insert(); }))
        throw std::runtime_error("the card was not seen in " + card.reader());
    const auto [screen, at] = k.waitFor(mark, decision);
    return bench::millisBetween(k.cardInAt(), at);
}

// Ends the session as a student does: Done on the QR screen, then the card out.
void cardOut(Kiosk& k, support::CardSim& card) {
    if (k.driver().state().offer.done)
        k.driver().requestDone();
    offMainThread([&card] {
        card.remove();
        return true;
    });
    k.waitForIdle();
}

// usos-sim forgets the student's orders (revoked), so that the next run orders anew.
void revokeOrders(const support::UsosSimProcess& sim, const std::string& userId) {
    const auto orders = sim.orders(userId).value("orders").toArray();
    for (const auto& entry : orders) {
        const auto order = entry.toObject();
        const auto status = order.value("status").toString();
        if (status != "revoked" && status != "cancelled")
            sim.control(
                "POST", "/_sim/order_status",
                {{"order_id", order.value("id").toString().toStdString()}, {"status", "revoked"}});
    }
}

std::string range(const std::vector<RequestRecord>& records, int RequestRecord::*field) {
    int low = 1 << 30, high = 0;
    for (const auto& r : records) {
        low = std::min(low, r.*field);
        high = std::max(high, r.*field);
    }
    return low == high ? std::to_string(low) : std::to_string(low) + ".." + std::to_string(high);
}

void printCase(const char* name, const Case& c) {
    const double median = bench::percentile(c.millis, 0.5);
    const double p95 = bench::percentile(c.millis, 0.95);
    std::vector<double> spans, outside;
    for (std::size_t i = 0; i < c.records.size(); ++i) {
        spans.push_back(c.records[i].serverSpan);
        outside.push_back(c.millis[i] - c.records[i].serverSpan);
    }
    std::printf("%-42s n=%-2zu median %6.1f ms (%.2fx)  p95 %6.1f ms (%.2fx)  requests %s  "
                "round trips %s  at usos-sim %5.1f ms, outside %5.1f ms  new connections %llu\n",
                name, c.millis.size(), median, median / perRequestMs, p95, p95 / perRequestMs,
                range(c.records, &RequestRecord::requests).c_str(),
                range(c.records, &RequestRecord::roundTrips).c_str(), bench::percentile(spans, 0.5),
                bench::percentile(outside, 0.5), static_cast<unsigned long long>(c.newConnections));
    if (!c.records.empty())
        std::printf("    last run: %s\n", c.records.back().chain.c_str());
}

const char* verdict(bool met) {
    return met ? "PASS" : "MISS";
}

struct Options {
    int slot = 1;
    int runs = 10;
    int startRuns = 5;
    int idleRuns = 5;
};

int run(const Options& options) {
    bench::SessionRig rig(
        options.slot, {"--advance", "instant", "--latency-ms", std::to_string(serverLatencyMs)});
    auto& sim = rig.sim();
    bench::LatencyProxy proxy({.listenPort = 0,
                               .targetHost = "127.0.0.1",
                               .targetPort = static_cast<std::uint16_t>(sim.port()),
                               .oneWay = std::chrono::milliseconds(oneWayMs),
                               .idleClose = std::chrono::milliseconds(keepAliveMs)});
    std::jthread proxyThread([&proxy](std::stop_token stop) { proxy.run(stop); });
    const auto config = platform::Config::load(
        rig.writeConfig({}, "https://127.0.0.1:" + std::to_string(proxy.port())));
    support::CardSim readyCard(options.slot, rig.cardImage(readyOrderStudent));
    support::CardSim refusedCard(options.slot, rig.cardImage(refusedStudent));
    support::CardSim newOrderCard(options.slot, rig.cardImage(newOrderStudent));
    using S = kiosk::Screen;
    const std::set<S> qr{S::Ready};

    std::printf("USOS over a WAN: usos-sim --latency-ms %d behind els-latency-proxy (%d ms each "
                "way, +1 RTT per new connection, idle connections closed after %d ms) = %.0f ms "
                "per request; reader %s\n",
                serverLatencyMs, oneWayMs, keepAliveMs, perRequestMs, rig.reader().c_str());
    std::printf("timer: card-in as the card monitor reports it (or the Order tap) → the decision "
                "screen, through SessionDriver + StudentService; \"at usos-sim\": first request "
                "in → last answer out at the server (medians), \"outside\": the rest (chip, "
                "network, handshakes, client)\n");

    const auto connections = [&proxy] { return proxy.connectionsAccepted(); };
    auto measure = [&](Kiosk& k, support::CardSim& card, const std::set<S>& decision, Case& c) {
        clearRequests(sim);
        const auto before = connections();
        c.millis.push_back(cardIn(k, card, decision));
        c.records.push_back(requestRecord(sim));
        c.newConnections += connections() - before;
        cardOut(k, card);
    };

    // (d, start) first: each run is a freshly started kiosk; the student comes 1 s after the
    // idle screen (the backend is built and USOS warmed by then, as in the app).
    Case started;
    std::uint64_t startConnections = 0; // opened by fresh kiosks before their first student
    for (int i = 0; i < options.startRuns; ++i) {
        const auto before = connections();
        Kiosk fresh(config, rig.reader());
        fresh.waitForIdle();
        idleFor(1s);
        startConnections += connections() - before;
        measure(fresh, readyCard, qr, started);
    }

    Kiosk k(config, rig.reader());
    k.waitForIdle();
    idleFor(1s);
    // (a) and (b): a session every ~second, the kiosk warm.
    Case ready, refused, offer, ordered, idle;
    for (int i = 0; i < options.runs; ++i)
        measure(k, readyCard, qr, ready);
    for (int i = 0; i < options.runs; ++i)
        measure(k, refusedCard, {S::Problem}, refused);
    // (c): card-in → the order offer, then the Order tap → QR.
    for (int i = 0; i < options.runs; ++i) {
        clearRequests(sim);
        auto before = connections();
        offer.millis.push_back(cardIn(k, newOrderCard, {S::ConfirmOrder}));
        offer.records.push_back(requestRecord(sim));
        offer.newConnections += connections() - before;
        clearRequests(sim);
        before = connections();
        const auto mark = k.mark();
        const auto tap = Clock::now();
        k.driver().requestOrder();
        ordered.millis.push_back(bench::millisBetween(tap, k.waitFor(mark, qr).second));
        ordered.records.push_back(requestRecord(sim));
        ordered.newConnections += connections() - before;
        cardOut(k, newOrderCard);
        revokeOrders(sim, newOrderStudent);
    }
    // (d, idle): 10 s without a student, then a ready order.
    std::uint64_t idleConnections = 0; // what keeping USOS warm while idle costs
    for (int i = 0; i < options.idleRuns; ++i) {
        const auto before = connections();
        idleFor(10s);
        idleConnections += connections() - before;
        measure(k, readyCard, qr, idle);
    }

    std::printf("\n");
    printCase("(a) ready order: card-in → QR", ready);
    printCase("(b) refused student: card-in → refusal", refused);
    printCase("(c) new order: card-in → order offer", offer);
    printCase("(c) new order: Order tap → QR", ordered);
    printCase("(d) first student after start → QR", started);
    printCase("(d) first student after 10 s idle → QR", idle);
    std::printf("connections the %d fresh kiosks opened at start (warm-up), before the student: "
                "%.1f each\n",
                options.startRuns, static_cast<double>(startConnections) / options.startRuns);
    std::printf("connections (TCP + TLS handshakes) the kiosk opened while idle, keeping USOS "
                "warm: %.1f per 10 s\n",
                static_cast<double>(idleConnections) / options.idleRuns);

    const auto median = [](const Case& c) { return bench::percentile(c.millis, 0.5); };
    const double limit = ratioTarget * perRequestMs;
    const double warm = median(ready);
    std::printf("\ntargets (medians; per-request latency %.0f ms, 2.3x = %.0f ms):\n", perRequestMs,
                limit);
    std::printf("  (a) card-in → QR ≤ 2.3x            %7.1f ms  %s\n", median(ready),
                verdict(median(ready) <= limit));
    std::printf("  (b) card-in → refusal ≤ 2.3x       %7.1f ms  %s\n", median(refused),
                verdict(median(refused) <= limit));
    std::printf("  (c) tap → QR ≤ 2.3x                %7.1f ms  %s\n", median(ordered),
                verdict(median(ordered) <= limit));
    std::printf("  (d) after start ≤ warm (a) + 15%%   %7.1f ms  %s (%+.0f%%)\n", median(started),
                verdict(median(started) <= warm * (1 + warmTolerance)),
                100 * (median(started) / warm - 1));
    std::printf("  (d) after 10 s idle ≤ warm + 15%%   %7.1f ms  %s (%+.0f%%)\n", median(idle),
                verdict(median(idle) <= warm * (1 + warmTolerance)),
                100 * (median(idle) / warm - 1));
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Options options;
    for (int i = 1; i < argc; i += 2) {
        const std::string option = argv[i];
        const auto value = [&] { return std::max(1, std::stoi(argv[i + 1])); };
        if (i + 1 < argc && option == "--slot") {
            options.slot = std::stoi(argv[i + 1]);
        } else if (i + 1 < argc && option == "--runs") {
            options.runs = value();
        } else if (i + 1 < argc && option == "--start-runs") {
            options.startRuns = value();
        } else if (i + 1 < argc && option == "--idle-runs") {
            options.idleRuns = value();
        } else {
            std::fprintf(stderr, "usage: els-wan-bench [--slot 0|1] [--runs N] [--start-runs N] "
                                 "[--idle-runs N]\n");
            return 2;
        }
    }
    try {
        return run(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "els-wan-bench: %s\n", e.what());
        return 1;
    }
}
