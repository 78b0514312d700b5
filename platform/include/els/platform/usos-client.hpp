#pragma once

#include "els/platform/log.hpp"
#include "els/platform/usos-types.hpp"

#include <QJsonValue>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
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

    // Reads the consumer secret (with its permission checks) and the timing from the config.
    static UsosClientSettings fromConfig(const Config& config);
};

using UsosParameters = std::vector<std::pair<std::string, std::string>>;

// The USOS API over HTTPS with OAuth 1.0a HMAC-SHA1, two-legged (administrative consumer key,
// no token), acting as a student through settings.actAsParam. Blocking: each call runs a local
// event loop. Create and use one client on one thread (a worker thread is fine); a
// QCoreApplication must exist. Connections are kept alive between calls. Throws UsosError.
class UsosClient {
public:
    explicit UsosClient(UsosClientSettings settings, log::Logger logger = log::Logger{});
    ~UsosClient();
    UsosClient(const UsosClient&) = delete;
    UsosClient& operator=(const UsosClient&) = delete;

    Installation installation();
    UsosUser user(std::string_view userId);
    std::vector<UsosCard> cards(std::string_view userId);
    McardInfo mcard(std::string_view userId);
    McardOrder mcardOrder(std::string_view userId, std::string_view orderId);
    // Not retried: a lost answer must be reconciled by reading mcard(), never by resending.
    bool makeMcardOrder(std::string_view userId);
    bool revokeMcard(std::string_view userId, std::string_view orderId);

    struct Call {
        std::string method;        // "services/cards/mcard"
        UsosParameters parameters; // besides format (always json) and oauth_*
        std::string actAs;         // user id to act as; empty = the consumer itself
        bool idempotent = true;    // false: sent once, never retried
    };
    // The generic call behind the typed ones (also used by StudentLookup): the parsed JSON.
    QJsonValue call(const Call& call);

    // HTTPS requests actually sent by this client (retries included).
    std::uint64_t requestCount() const noexcept;

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
                                          std::string_view chipSerial = {});

private:
    UsosClient& client_;
    std::string method_;
};

} // namespace els::platform
