// els-session-bench: card-in → QR-ready of a headless kiosk session for a student whose
// mLegitymacja is already ready, through the real stack: libpcsclite → pcscd → vpcd →
// els-card-sim (slot 1 by default) and the real UsosClient over HTTPS to usos-sim on 127.0.0.1.
//
//   els-session-bench [--slot 0|1] [--sessions N]   (pcscd with vsmartcard-vpcd must run)
//
// "Card-in" is the moment the kiosk's card monitor has reported the card present: the timer
// starts where the kiosk starts a session (new PC/SC context, connect) and stops when the
// session shows the Ready screen with the QR token. The time from a physical insert until PC/SC
// reports the card is the reader's (vpcd polls); it is printed separately. One kiosk process
// keeps one Backend (USOS client, journal, trust store) for all sessions, so the first session pays
// the TLS handshake and is reported apart from the warm ones.
#include "els/kiosk/student-service.hpp"
#include "els/platform/clock.hpp"
#include "els/platform/config.hpp"
#include "els/platform/journal.hpp"
#include "els/platform/usos-client.hpp"
#include "els/smartcard/els-application.hpp"
#include "els/smartcard/pcsc.hpp"
#include "els/smartcard/verify.hpp"
#include "session-rig.hpp"

#include <QCoreApplication>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace kiosk = els::kiosk;
namespace platform = els::platform;
namespace sc = els::smartcard;
namespace support = els::testing;
namespace bench = els::bench;
using bench::Clock;
using bench::millisSince;
using bench::percentile;
using bench::printRow;

namespace {

constexpr const char* readyOrderStudent = "100012"; // scenario "ready_order" in the seed

struct Sample {
    double context = 0; // SCardEstablishContext
    double connect = 0; // SCardConnect
    double read = 0;    // readElsFiles: one transaction
    double verify = 0;  // CMS signature, chain, content
    double usos = 0;    // checks, USOS calls and journal up to the Ready screen
    std::uint64_t requests = 0;
    double total() const { return context + connect + read + verify + usos; }
};

// One session exactly as StudentService::check(reader) runs it, timed part by part, plus
// follow() when the order was not issued yet.
Sample runSession(const std::string& reader, kiosk::Backend& backend) {
    Sample sample;
    const auto& anchors = backend.anchors();
    const auto& clock = backend.clock();
    const auto requestsBefore = backend.usos().requestCount();
    kiosk::StudentService service(backend);
    kiosk::StudentFile file;
    auto start = Clock::now();
    const sc::Context context;
    sample.context = millisSince(start);
    start = Clock::now();
    auto card = context.connect(reader);
    sample.connect = millisSince(start);
    start = Clock::now();
    const auto files = sc::readElsFiles(card);
    sample.read = millisSince(start);
    start = Clock::now();
    const auto verified = sc::verifyEls(files.els, files.certificate, anchors, clock.now());
    sample.verify = millisSince(start);
    start = Clock::now();
    auto result = service.decide(file, verified, {});
    if (result.outcome == kiosk::StudentOutcome::HasOrder && result.order && !result.order->token)
        result = service.follow(file, {}, {});
    sample.usos = millisSince(start);
    if (!result.order || !result.order->token || result.order->token->empty())
        throw std::runtime_error("the session did not reach the Ready screen with a QR token");
    sample.requests = backend.usos().requestCount() - requestsBefore;
    return sample;
}

// Local ports of this machine's established TCP connections to 127.0.0.1:`port` (the client
// side of each connection to usos-sim): how many TLS connections the kiosk really opened.
std::set<std::string> clientPortsTo(int port) {
    std::ifstream table("/proc/net/tcp");
    std::string line;
    std::getline(table, line); // header
    std::set<std::string> ports;
    char remote[16];
    std::snprintf(remote, sizeof remote, "0100007F:%04X", port);
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::string slot, local, peer, state;
        fields >> slot >> local >> peer >> state;
        if (peer == remote && state == "01")
            ports.insert(local);
    }
    return ports;
}

int run(int slot, int sessions) {
    bench::SessionRig rig(slot, {"--advance", "instant"});
    const auto& reader = rig.reader();
    auto& sim = rig.sim();
    const auto image = rig.cardImage(readyOrderStudent);
    const auto config = platform::Config::load(rig.writeConfig());

    // Physical insert → PC/SC reports the card: the reader's share, not the kiosk's.
    std::vector<double> inserts;
    support::CardSim card(slot, image);
    for (int i = 0; i < 5; ++i) {
        card.remove();
        const auto start = Clock::now();
        if (!card.insert()) {
            std::fprintf(stderr, "els-session-bench: card not seen in %s\n", reader.c_str());
            return 1;
        }
        inserts.push_back(millisSince(start));
    }

    // The kiosk process: one client, journal, trust store for all sessions.
    const platform::log::Logger quiet(platform::log::Level::Error, [](std::string_view) {});
    const auto backend = kiosk::Backend::fromConfig(config, quiet, std::nullopt);

    const auto simBefore = sim.control("GET", "/_sim/requests").value("count").toInteger();
    const auto cold = runSession(reader, *backend);
    std::set<std::string> connections = clientPortsTo(sim.port());
    std::vector<double> total, contexts, connect, read, verify, usosPart;
    std::uint64_t minRequests = cold.requests, maxRequests = cold.requests,
                  clientRequests = cold.requests;
    for (int i = 0; i < sessions; ++i) {
        const auto s = runSession(reader, *backend);
        total.push_back(s.total());
        contexts.push_back(s.context);
        connect.push_back(s.connect);
        read.push_back(s.read);
        verify.push_back(s.verify);
        usosPart.push_back(s.usos);
        minRequests = std::min(minRequests, s.requests);
        maxRequests = std::max(maxRequests, s.requests);
        clientRequests += s.requests;
        const auto now = clientPortsTo(sim.port());
        connections.insert(now.begin(), now.end());
    }
    const auto simRequests =
        sim.control("GET", "/_sim/requests").value("count").toInteger() - simBefore;
    const auto orders = sim.orders(readyOrderStudent).value("count").toInt();

    std::printf("session: student with a ready order (seed \"ready_order\"), card in %s, usos-sim "
                "--advance instant at %s\n",
                reader.c_str(), sim.baseUrl().c_str());
    std::printf("card-in → QR-ready (timer from the card reported present: PC/SC context + connect "
                "→ Ready screen with token)\n");
    std::printf("  first session (TLS handshake)      %8.2f ms\n", cold.total());
    printRow(("warm sessions (" + std::to_string(sessions) + ")").c_str(), total);
    std::printf(" of which\n");
    printRow("PC/SC context", contexts);
    printRow("connect (SCardConnect)", connect);
    printRow("read (select + read binary)", read);
    printRow("verify (CMS, chain, content)", verify);
    printRow("USOS + checks + journal", usosPart);
    printRow("insert → PC/SC reports card (vpcd)", inserts);
    std::printf(
        "HTTPS requests per session: %llu..%llu (client), %.2f (usos-sim /_sim/requests: %lld "
        "for %d sessions)\n",
        static_cast<unsigned long long>(minRequests), static_cast<unsigned long long>(maxRequests),
        static_cast<double>(simRequests) / (sessions + 1), static_cast<long long>(simRequests),
        sessions + 1);
    std::printf(
        "TCP/TLS connections opened by the kiosk for %d sessions: %zu; orders of the student "
        "in usos-sim: %d\n",
        sessions + 1, connections.size(), orders);
    if (clientRequests != static_cast<std::uint64_t>(simRequests)) {
        std::fprintf(stderr, "els-session-bench: client counted %llu requests, usos-sim %lld\n",
                     static_cast<unsigned long long>(clientRequests),
                     static_cast<long long>(simRequests));
        return 1;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int slot = 1;
    int sessions = 100;
    for (int i = 1; i < argc; i += 2) {
        const std::string option = argv[i];
        if (i + 1 < argc && option == "--slot") {
            slot = std::stoi(argv[i + 1]);
        } else if (i + 1 < argc && option == "--sessions") {
            sessions = std::max(1, std::stoi(argv[i + 1]));
        } else {
            std::fprintf(stderr, "usage: els-session-bench [--slot 0|1] [--sessions N]\n");
            return 2;
        }
    }
    try {
        return run(slot, sessions);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "els-session-bench: %s\n", e.what());
        return 1;
    }
}
