#include "els/platform/usos-client.hpp"

#include "els/platform/config.hpp"
#include "els/platform/error.hpp"
#include "els/platform/oauth1.hpp"
#include "els/platform/usos-json.hpp"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>

namespace els::platform {
namespace {

constexpr const char* userFields =
    "id|first_name|middle_names|last_name|student_number|pesel|student_status|has_photo|email";
constexpr const char* cardFields =
    "id|type|barcode_number|contact_chip_uid|contactless_chip_uid|date_of_issue|expiration_date";
// The order fields the kiosk reads, as a sub-selector of mcard's `orders` (so one mcard call
// tells whether an order exists and its QR) and for mcard_order.
constexpr std::string_view orderFieldList =
    "id|order_date|status|token|distribution_pass|expiration_date";
const std::string mcardFields =
    "why_cannot_order|why_cannot_revoke|orders[" + std::string(orderFieldList) + "]";
const std::string orderFields = std::string(orderFieldList) + "|student_number";

QList<QSslCertificate> loadCertificates(const std::filesystem::path& file, const char* key) {
    if (!std::filesystem::is_regular_file(file))
        throw Error(std::string("[usos] ") + key + " " + file.string() + " does not exist");
    auto certificates = QSslCertificate::fromPath(QString::fromStdString(file.string()), QSsl::Pem,
                                                  QSslCertificate::PatternSyntax::FixedString);
    if (certificates.isEmpty())
        throw Error(std::string("[usos] ") + key + " " + file.string() +
                    " holds no PEM certificate");
    return certificates;
}

QSslKey loadKey(const std::filesystem::path& file) {
    QFile in(QString::fromStdString(file.string()));
    if (!in.open(QIODevice::ReadOnly))
        throw Error("[usos] client_key " + file.string() + " cannot be read");
    const QByteArray pem = in.readAll();
    for (const auto algorithm : {QSsl::Rsa, QSsl::Ec}) {
        QSslKey key(pem, algorithm, QSsl::Pem);
        if (!key.isNull())
            return key;
    }
    throw Error("[usos] client_key " + file.string() + " is not an RSA or EC PEM private key");
}

QSslConfiguration makeTlsConfiguration(const UsosClientSettings& s) {
    if (!QSslSocket::supportsSsl())
        throw Error("Qt has no TLS backend (is the OpenSSL plugin installed?)");
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    // HTTP/1.1 keep-alive only: the no-replay guarantee for orders is tested on that path, and a
    // warm-up connection must be the kind the requests then use.
    tls.setAllowedNextProtocols({QSslConfiguration::NextProtocolHttp1_1});
    // Loaded here, once per client, not on the first handshake (parsing the ~300 system CAs
    // costs hundreds of ms). Setting the list also switches off Qt's on-demand loading.
    auto authorities = QSslConfiguration::systemCaCertificates();
    if (!s.caFile.empty())
        authorities += loadCertificates(s.caFile, "ca_file");
    tls.setCaCertificates(authorities);
    if (!s.clientCert.empty()) {
        tls.setLocalCertificateChain(loadCertificates(s.clientCert, "client_cert"));
        tls.setPrivateKey(loadKey(s.clientKey));
    }
    return tls;
}

bool isRetriable(const UsosError& e) {
    switch (e.kind()) {
    case UsosErrorKind::Network:
    case UsosErrorKind::Timeout:
    case UsosErrorKind::BadResponse:
        return true;
    case UsosErrorKind::Http:
        return e.httpStatus() >= 500 || e.httpStatus() == 429;
    case UsosErrorKind::Tls:
    case UsosErrorKind::Usos:
    case UsosErrorKind::Cancelled:
        return false;
    }
    return false;
}

// A request body that can be read once and never rewound. Qt's HTTP layer silently re-sends a
// request whose connection closed before the answer; for make_mcard_order that would be a second
// order. With an unbuffered sequential body the re-send fails instead (ContentReSendError).
class OneShotBody final : public QIODevice {
public:
    explicit OneShotBody(QByteArray data) : data_(std::move(data)) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override {
        return data_.size() - position_ + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char* out, qint64 max) override {
        const qint64 n = std::min(max, static_cast<qint64>(data_.size()) - position_);
        std::memcpy(out, data_.constData() + position_, static_cast<std::size_t>(n));
        position_ += n;
        return n;
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    QByteArray data_;
    qint64 position_ = 0;
};

// The answer to one HTTPS request → JSON or UsosError.
QJsonValue interpret(QNetworkReply& reply, const std::string& method, bool timedOut,
                     const QString& tlsProblem, std::chrono::milliseconds timeout) {
    if (timedOut)
        throw UsosError(UsosErrorKind::Timeout,
                        method + ": no answer within " + std::to_string(timeout.count()) + " ms");
    if (!tlsProblem.isEmpty() || reply.error() == QNetworkReply::SslHandshakeFailedError)
        throw UsosError(UsosErrorKind::Tls,
                        method + ": TLS failed: " +
                            (tlsProblem.isEmpty() ? reply.errorString() : tlsProblem).toStdString(),
                        0, {}, false);

    const int status = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0) {
        const auto error = reply.error();
        const bool neverArrived = error == QNetworkReply::ConnectionRefusedError ||
                                  error == QNetworkReply::HostNotFoundError;
        throw UsosError(UsosErrorKind::Network, method + ": " + reply.errorString().toStdString(),
                        0, {}, !neverArrived);
    }

    const QByteArray body = reply.readAll();
    QJsonParseError parseError{};
    const auto document = QJsonDocument::fromJson(body, &parseError);
    const bool isJson = parseError.error == QJsonParseError::NoError;
    if (status != 200) {
        const auto o = document.object();
        if (isJson && o.value(QLatin1String("message")).isString()) {
            // USOS refused: it answered with a definite error, nothing was done.
            throw UsosError(
                UsosErrorKind::Usos,
                method +
                    ": USOS error: " + o.value(QLatin1String("message")).toString().toStdString(),
                status, o.value(QLatin1String("error")).toString().toStdString(), false);
        }
        throw UsosError(UsosErrorKind::Http, method + ": HTTP " + std::to_string(status), status);
    }
    if (!isJson)
        throw UsosError(UsosErrorKind::BadResponse,
                        method + ": malformed JSON: " + parseError.errorString().toStdString(),
                        status);
    if (document.isObject())
        return document.object();
    return document.array();
}

} // namespace

UsosClientSettings UsosClientSettings::fromConfig(const Config& config) {
    UsosClientSettings s;
    s.baseUrl = config.usos.baseUrl;
    s.consumerKey = config.usos.consumerKey;
    s.consumerSecret = config.readConsumerSecret();
    s.actAsParam = config.usos.actAsParam;
    s.caFile = config.usos.caFile;
    s.clientCert = config.usos.clientCert;
    s.clientKey = config.usos.clientKey;
    s.requestTimeout = config.timing.requestTimeout;
    return s;
}

const QJsonValue& UsosClient::Result::value() const {
    if (error)
        throw *error;
    return json;
}

// One callAll: its calls, their results and the hand-over between the calling thread and the
// network thread. Everything below `mutex` is shared; the rest is touched on the network thread
// only (after the caller handed it over, until the caller is woken).
struct CallBatch {
    struct State {
        int attempt = 0;
        std::chrono::milliseconds backoff{};
        QNetworkReply* reply = nullptr;   // in flight
        QTimer* deadline = nullptr;       // its timeout, a child of the reply
        std::unique_ptr<QObject> waiting; // a retry wait; deleting it cancels the timer
        bool timedOut = false;
        QString tlsProblem;
        log::Stopwatch stopwatch;
        bool done = false;
    };

    explicit CallBatch(std::span<const UsosClient::Call> c)
        : calls(c.begin(), c.end()), results(c.size()), states(c.size()),
          remaining(static_cast<int>(c.size())) {}

    std::vector<UsosClient::Call> calls;
    std::vector<UsosClient::Result> results;
    std::vector<State> states;
    int remaining;
    bool cancelled = false;

    std::mutex mutex;
    bool finished = false;
    QEventLoop* waiter = nullptr; // the caller's loop; woken once, under `mutex`
};

class UsosClient::Impl {
public:
    Impl(UsosClientSettings settings, log::Logger logger)
        : settings_(std::move(settings)), log_(std::move(logger)),
          tls_(makeTlsConfiguration(settings_)) {
        while (settings_.baseUrl.ends_with('/'))
            settings_.baseUrl.pop_back();
        if (settings_.baseUrl.empty())
            throw Error("USOS client: no base URL");
        if (settings_.readAttempts < 1)
            settings_.readAttempts = 1;
        settings_.warmConnections = std::clamp(settings_.warmConnections, 1, 6);
        const QUrl base(QString::fromStdString(settings_.baseUrl));
        host_ = base.host();
        port_ = static_cast<quint16>(base.port(443));
        network_ = new QNetworkAccessManager;
        network_->moveToThread(&thread_);
        // Documented Qt idiom: objects of a finished thread are deleted by its last events.
        QObject::connect(&thread_, &QThread::finished, network_, &QObject::deleteLater);
        thread_.setObjectName(QStringLiteral("usos-network"));
        thread_.start();
    }

    ~Impl() {
        thread_.quit();
        thread_.wait();
    }

    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    std::vector<Result> callAll(std::span<const Call> calls, std::stop_token stop) {
        if (QThread::currentThread() == &thread_)
            throw Error("USOS client: a blocking call from its own network thread");
        if (stop.stop_requested())
            throw UsosError(UsosErrorKind::Cancelled, "USOS call cancelled before sending", 0, {},
                            false);
        if (calls.empty())
            return {};
        auto batch = std::make_shared<CallBatch>(calls);
        QEventLoop loop;
        batch->waiter = &loop;
        QMetaObject::invokeMethod(
            network_, [this, batch] { start(*batch); }, Qt::QueuedConnection);
        {
            // Runs on the thread that requests the stop; the abort itself runs on the network
            // thread, queued behind the start above.
            const std::stop_callback onStop(stop, [this, batch] {
                QMetaObject::invokeMethod(
                    network_, [this, batch] { cancel(*batch); }, Qt::QueuedConnection);
            });
            for (;;) {
                {
                    const std::lock_guard lock(batch->mutex);
                    if (batch->finished)
                        break;
                }
                loop.exec(QEventLoop::ExcludeUserInputEvents);
            }
        }
        if (batch->cancelled) {
            const bool sent = std::ranges::any_of(batch->results, [](const Result& r) {
                return r.error && r.error->kind() == UsosErrorKind::Cancelled &&
                       r.error->mayHaveReachedServer();
            });
            throw UsosError(UsosErrorKind::Cancelled, "USOS call cancelled", 0, {}, sent);
        }
        return std::move(batch->results);
    }

    bool warmUp() {
        const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
        auto last = lastUse_.load();
        const auto fresh =
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(settings_.warmFreshFor)
                .count();
        do {
            if (last != neverUsed && now - last < fresh)
                return false;
        } while (!lastUse_.compare_exchange_weak(last, now));
        ++warmUps_;
        // One connection per request of the widest fan-out (student(): 3), each pre-connect
        // taking its own channel of Qt's per-host pool; an already connected idle channel
        // takes a pre-connect without a new handshake.
        QMetaObject::invokeMethod(
            network_,
            [this] {
                for (int i = 0; i < settings_.warmConnections; ++i)
                    network_->connectToHostEncrypted(host_, port_, tls_);
            },
            Qt::QueuedConnection);
        return true;
    }

    std::uint64_t requestCount() const noexcept { return requestCount_; }
    std::uint64_t warmUpCount() const noexcept { return warmUps_; }

private:
    static constexpr std::int64_t neverUsed = std::numeric_limits<std::int64_t>::min();

    void touch() { lastUse_ = std::chrono::steady_clock::now().time_since_epoch().count(); }

    // --- network thread ---

    void start(CallBatch& batch) {
        for (std::size_t i = 0; i < batch.calls.size(); ++i) {
            batch.states[i].backoff = settings_.retryBackoff;
            send(batch, i);
        }
    }

    void send(CallBatch& batch, std::size_t i) {
        auto& slot = batch.states[i];
        const auto& call = batch.calls[i];
        ++slot.attempt;
        slot.timedOut = false;
        slot.tlsProblem.clear();
        slot.stopwatch = log::Stopwatch{};

        const std::string url = settings_.baseUrl + "/" + call.method;
        oauth1::Parameters parameters{{"format", "json"}};
        parameters.insert(parameters.end(), call.parameters.begin(), call.parameters.end());
        if (!call.actAs.empty())
            parameters.emplace_back(settings_.actAsParam, call.actAs);
        const auto protocol =
            oauth1::signRequest("POST", url, parameters, settings_.consumerKey,
                                settings_.consumerSecret, std::chrono::system_clock::now());
        const std::string body = oauth1::formEncode(parameters);

        QNetworkRequest request(QUrl(QString::fromStdString(url)));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        request.setRawHeader("Authorization",
                             QByteArray::fromStdString(oauth1::authorizationHeader(protocol)));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        request.setSslConfiguration(tls_);
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

        QNetworkReply* reply = nullptr;
        if (call.idempotent) {
            reply = network_->post(request, QByteArray::fromStdString(body));
        } else {
            request.setHeader(QNetworkRequest::ContentLengthHeader,
                              static_cast<qint64>(body.size()));
            request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
            auto* device = new OneShotBody(QByteArray::fromStdString(body));
            reply = network_->post(request, device);
            device->setParent(reply);
        }
        ++requestCount_;
        touch();
        slot.reply = reply;
        QObject::connect(reply, &QNetworkReply::sslErrors, [&slot](const QList<QSslError>& errors) {
            slot.tlsProblem = errors.isEmpty() ? QStringLiteral("certificate rejected")
                                               : errors.front().errorString();
        });
        QObject::connect(reply, &QNetworkReply::finished, reply,
                         [this, &batch, i] { answered(batch, i); });
        // A child of the reply; stopped in answered(), since the reply is deleted only later
        // and by then this batch may be gone.
        slot.deadline = new QTimer(reply);
        slot.deadline->setSingleShot(true);
        QObject::connect(slot.deadline, &QTimer::timeout, reply, [&slot, reply] {
            slot.timedOut = true;
            reply->abort();
        });
        slot.deadline->start(settings_.requestTimeout);
    }

    void answered(CallBatch& batch, std::size_t i) {
        auto& slot = batch.states[i];
        const auto& call = batch.calls[i];
        QNetworkReply* reply = std::exchange(slot.reply, nullptr);
        std::exchange(slot.deadline, nullptr)->stop();
        reply->deleteLater();
        touch();
        if (batch.cancelled) {
            complete(batch, i,
                     UsosError(UsosErrorKind::Cancelled, call.method + ": cancelled", 0, {}, true));
            return;
        }
        try {
            batch.results[i].json = interpret(*reply, call.method, slot.timedOut, slot.tlsProblem,
                                              settings_.requestTimeout);
            const std::lock_guard lock(logMutex_);
            log_.event(log::Level::Debug, "usos.request",
                       {{"method", log::Code::fromConfiguration(call.method)},
                        {"attempt", slot.attempt},
                        {"duration", slot.stopwatch.elapsed()}});
            complete(batch, i, std::nullopt);
        } catch (const UsosError& e) {
            const int attempts = call.idempotent ? settings_.readAttempts : 1;
            const bool retry = slot.attempt < attempts && isRetriable(e);
            {
                const std::lock_guard lock(logMutex_);
                log_.warning("usos.request_failed",
                             {{"method", log::Code::fromConfiguration(call.method)},
                              {"attempt", slot.attempt},
                              {"error", e.kind()},
                              {"http_status", e.httpStatus()},
                              {"retry", retry},
                              {"duration", slot.stopwatch.elapsed()}});
            }
            if (!retry) {
                complete(batch, i, e);
                return;
            }
            // The wait is a timer on this thread: nothing blocks, and a stop deletes it.
            slot.waiting = std::make_unique<QObject>();
            QTimer::singleShot(slot.backoff, slot.waiting.get(), [this, &batch, i] {
                batch.states[i].waiting.release()->deleteLater();
                send(batch, i);
            });
            slot.backoff *= 2;
        }
    }

    void cancel(CallBatch& batch) {
        if (batch.remaining == 0 || batch.cancelled)
            return;
        batch.cancelled = true;
        for (std::size_t i = 0; i < batch.states.size(); ++i) {
            auto& slot = batch.states[i];
            if (slot.done)
                continue;
            if (slot.waiting) {
                slot.waiting.reset();
                // The previous attempt failed; no request of this call is on the way.
                complete(batch, i,
                         UsosError(UsosErrorKind::Cancelled,
                                   batch.calls[i].method + ": cancelled while waiting to retry", 0,
                                   {}, !batch.calls[i].idempotent));
            } else if (slot.reply) {
                slot.reply->abort(); // finished → answered() → Cancelled
            }
        }
    }

    void complete(CallBatch& batch, std::size_t i, std::optional<UsosError> error) {
        batch.states[i].done = true;
        batch.results[i].error = std::move(error);
        if (--batch.remaining > 0)
            return;
        const std::lock_guard lock(batch.mutex);
        batch.finished = true;
        QMetaObject::invokeMethod(batch.waiter, &QEventLoop::quit, Qt::QueuedConnection);
    }

    UsosClientSettings settings_;
    log::Logger log_;
    std::mutex logMutex_;
    QSslConfiguration tls_;
    QString host_;
    quint16 port_ = 443;
    QThread thread_;
    QNetworkAccessManager* network_ = nullptr; // lives on thread_
    std::atomic<std::uint64_t> requestCount_ = 0;
    std::atomic<std::uint64_t> warmUps_ = 0;
    std::atomic<std::int64_t> lastUse_ = neverUsed; // steady_clock ticks of the last use
};

UsosClient::UsosClient(UsosClientSettings settings, log::Logger logger)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(logger))) {}

UsosClient::~UsosClient() = default;

QJsonValue UsosClient::call(const Call& call, std::stop_token stop) {
    return impl_->callAll(std::span(&call, 1), std::move(stop)).front().value();
}

std::vector<UsosClient::Result> UsosClient::callAll(std::span<const Call> calls,
                                                    std::stop_token stop) {
    return impl_->callAll(calls, std::move(stop));
}

bool UsosClient::warmUp() {
    return impl_->warmUp();
}

std::uint64_t UsosClient::requestCount() const noexcept {
    return impl_->requestCount();
}

std::uint64_t UsosClient::warmUpCount() const noexcept {
    return impl_->warmUpCount();
}

namespace {

UsosClient::Call userCall(std::string_view userId) {
    return {"services/users/user", {{"fields", userFields}}, std::string(userId), true};
}
UsosClient::Call cardsCall(std::string_view userId) {
    return {"services/cards/user", {{"fields", cardFields}}, std::string(userId), true};
}
UsosClient::Call mcardCall(std::string_view userId) {
    return {"services/cards/mcard", {{"fields", mcardFields}}, std::string(userId), true};
}

} // namespace

StudentRecord UsosClient::student(std::string_view userId, std::stop_token stop) {
    const std::array calls{userCall(userId), cardsCall(userId), mcardCall(userId)};
    const auto results = callAll(calls, std::move(stop));
    return StudentRecord{usosjson::parseUser(results[0].value()),
                         usosjson::parseCards(results[1].value()),
                         usosjson::parseMcard(results[2].value())};
}

Installation UsosClient::installation(std::stop_token stop) {
    return usosjson::parseInstallation(
        call({"services/apisrv/installation", {{"fields", "mcards_support"}}, {}, true},
             std::move(stop)));
}

UsosUser UsosClient::user(std::string_view userId, std::stop_token stop) {
    return usosjson::parseUser(call(userCall(userId), std::move(stop)));
}

std::vector<UsosCard> UsosClient::cards(std::string_view userId, std::stop_token stop) {
    return usosjson::parseCards(call(cardsCall(userId), std::move(stop)));
}

McardInfo UsosClient::mcard(std::string_view userId, std::stop_token stop) {
    return usosjson::parseMcard(call(mcardCall(userId), std::move(stop)));
}

McardOrder UsosClient::mcardOrder(std::string_view userId, std::string_view orderId,
                                  std::stop_token stop) {
    return usosjson::parseMcardOrder(
        call({"services/cards/mcard_order",
              {{"order_id", std::string(orderId)}, {"fields", orderFields}},
              std::string(userId),
              true},
             std::move(stop)));
}

bool UsosClient::makeMcardOrder(std::string_view userId, std::stop_token stop) {
    return usosjson::parseSuccess(
        call({"services/cards/make_mcard_order", {}, std::string(userId), false}, std::move(stop)));
}

bool UsosClient::revokeMcard(std::string_view userId, std::string_view orderId,
                             std::stop_token stop) {
    return usosjson::parseSuccess(call({"services/cards/revoke_mcard",
                                        {{"order_id", std::string(orderId)}},
                                        std::string(userId),
                                        false},
                                       std::move(stop)));
}

StudentLookup::StudentLookup(UsosClient& client, std::string method)
    : client_(client), method_(std::move(method)) {}

std::optional<std::string> StudentLookup::findUserId(std::string_view albumNumber,
                                                     std::string_view chipSerial,
                                                     std::stop_token stop) {
    if (method_ == "services/cards/card") {
        if (chipSerial.empty())
            return std::nullopt;
        try {
            return usosjson::parseCardOwner(client_.call(
                {method_,
                 {{"contact_chip_uid", std::string(chipSerial)}, {"fields", "user[id]"}},
                 {},
                 true},
                stop));
        } catch (const UsosError& e) {
            if (e.kind() == UsosErrorKind::Usos && e.usosCode() == "object_not_found")
                return std::nullopt;
            throw;
        }
    }
    const std::string album(albumNumber);
    return usosjson::parseLookup(
        client_.call(
            {method_, {{"query", album}, {"fields", "items[user[id|student_number]]"}}, {}, true},
            stop),
        albumNumber);
}

} // namespace els::platform
