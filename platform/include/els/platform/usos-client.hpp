#pragma once

#include "els/platform/error.hpp"
#include "els/platform/log.hpp"
#include "els/platform/usos-types.hpp"

#include <QJsonValue>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace els::platform {

struct Config;

struct UsosClientSettings {
    std::string baseUrl; // https://host[/prefix], without the trailing /services
    std::string consumerKey;
    std::string consumerSecret;
    std::string actAsParam = "as_user_id";
    std::filesystem::path caFile;     // added to the system CA store; empty = none
    std::filesystem::path clientCert; // PEM; with clientKey for mutual TLS
    std::filesystem::path clientKey;
    std::chrono::milliseconds requestTimeout{8000}; // per HTTPS request, whole answer
    int readAttempts = 3;                           // idempotent reads only; writes: 1
    std::chrono::milliseconds retryBackoff{250};    // doubled after each failed attempt
    std::chrono::milliseconds warmFreshFor{3000};   // warmUp() skips a connection used since
    int warmConnections = 3; // opened by warmUp(): student()'s three parallel requests (1..6)

    // Reads the consumer secret (with its permission checks) and the timing from the config.
    static UsosClientSettings fromConfig(const Config& config);
};

using UsosParameters = std::vector<std::pair<std::string, std::string>>;

// The USOS API over HTTPS with OAuth 1.0a HMAC-SHA1, two-legged (administrative consumer key,
// no token), acting as a student through settings.actAsParam. Throws UsosError.
//
// Threading contract:
// - The client owns one network thread holding its QNetworkAccessManager, so requests, retry
//   waits and TLS handshakes progress whatever the calling thread does (e.g. while a worker
//   blocks in PC/SC reading the chip). A QCoreApplication must exist.
// - The blocking calls (call, callAll and the typed methods) may be made from any thread but the
//   network thread, also from several threads at once; each waits for its own requests in a
//   local event loop of the calling thread (so that thread's objects keep being served), and
//   each takes a std::stop_token: a stop aborts its requests at once, cancels a pending retry
//   wait and makes the call throw UsosError(Cancelled). Do not call them from a GUI thread.
// - warmUp() never blocks and may be called from any thread.
// - Construct and destroy the client on one thread, with no call in progress.
//
// Several calls passed to callAll (or made from several threads) run concurrently: Qt Network
// opens up to 6 HTTP/1.1 keep-alive connections per host. The TLS configuration (CA list, client
// certificate) is built once, at construction.
class UsosClient {
public:
    explicit UsosClient(UsosClientSettings settings, log::Logger logger = log::Logger{});
    ~UsosClient();
    UsosClient(const UsosClient&) = delete;
    UsosClient& operator=(const UsosClient&) = delete;

    Installation installation(std::stop_token stop = {});
    UsosUser user(std::string_view userId, std::stop_token stop = {});
    std::vector<UsosCard> cards(std::string_view userId, std::stop_token stop = {});
    // services/cards/mcard with the order fields as a sub-selector: complete orders.
    McardInfo mcard(std::string_view userId, std::stop_token stop = {});
    // users/user, cards/user and cards/mcard (with orders) at once; the first failure (in that
    // order) is thrown after all three ended.
    StudentRecord student(std::string_view userId, std::stop_token stop = {});
    McardOrder mcardOrder(std::string_view userId, std::string_view orderId,
                          std::stop_token stop = {});
    // Sent once, never retried or replayed (also not by Qt on a closed keep-alive connection):
    // a lost answer must be reconciled by reading mcard(), never by resending. A stop after the
    // request left leaves its effect unknown (the error says mayHaveReachedServer).
    bool makeMcardOrder(std::string_view userId, std::stop_token stop = {});
    bool revokeMcard(std::string_view userId, std::string_view orderId, std::stop_token stop = {});

    struct Call {
        std::string method;        // "services/cards/mcard"
        UsosParameters parameters; // besides format (always json) and oauth_*
        std::string actAs;         // user id to act as; empty = the consumer itself
        bool idempotent = true;    // false: sent once, never retried
    };
    // One call's outcome in callAll: the parsed JSON or the error (never Cancelled: a stop
    // makes callAll itself throw).
    struct Result {
        QJsonValue json;
        std::optional<UsosError> error;
        bool ok() const noexcept { return !error; }
        const QJsonValue& value() const; // the JSON, or throws the error
    };

    // The generic call behind the typed ones (also used by StudentLookup): the parsed JSON.
    QJsonValue call(const Call& call, std::stop_token stop = {});
    // Sends all calls at once (each retried on its own) and waits until every one ended;
    // results in the order of `calls`. Throws UsosError(Cancelled) after a stop, once every
    // request has been aborted.
    std::vector<Result> callAll(std::span<const Call> calls, std::stop_token stop = {});

    // Opens (or refreshes) a TLS connection to the USOS host in the background, so the next
    // call skips the TCP and TLS handshakes. Cheap to call often: it does nothing when the
    // connection was used or warmed less than settings.warmFreshFor ago (servers close idle
    // keep-alive connections after ~5 s). Call it at start, when a card is detected (it
    // overlaps the chip read) and, if you like, from an idle timer. Returns whether it started
    // a warm-up.
    bool warmUp();

    // HTTPS requests actually sent by this client (retries included; warm-ups excluded).
    std::uint64_t requestCount() const noexcept;
    // Warm-ups actually started by warmUp().
    std::uint64_t warmUpCount() const noexcept;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

// Finds the USOS user id for a chip's data; the method is configurable.
// - services/cards/card (administrative; documented in the USOS API reference as "Get
//   information on a given card - specified by exactly one parameter of the following:
//   contact_chip_uid, contactless_chip_uid, barcode_number"): called with
//   contact_chip_uid=<chip serial> and fields=user[id]; object_not_found means no such card.
// - anything else (default services/users/search2): called with query=<album number> and
//   fields=items[user[id|student_number]]; the answer must contain exactly one item whose
//   user.student_number equals the album number.
class StudentLookup {
public:
    explicit StudentLookup(UsosClient& client, std::string method = "services/users/search2");
    std::optional<std::string> findUserId(std::string_view albumNumber,
                                          std::string_view chipSerial = {},
                                          std::stop_token stop = {});

private:
    UsosClient& client_;
    std::string method_;
};

} // namespace els::platform
