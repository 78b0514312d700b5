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
#include <QTimer>
#include <cstring>
#include <thread>

namespace els::platform {
namespace {

constexpr const char* userFields =
    "id|first_name|middle_names|last_name|student_number|pesel|student_status|has_photo";
constexpr const char* cardFields =
    "id|type|barcode_number|contact_chip_uid|contactless_chip_uid|date_of_issue|expiration_date";
constexpr const char* mcardFields = "why_cannot_order|why_cannot_revoke|orders";
constexpr const char* orderFields =
    "id|order_date|status|token|distribution_pass|student_number|expiration_date";

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
    if (!s.caFile.empty()) {
        // Adding CAs switches off Qt's on-demand system store, so add the system store too.
        tls.setCaCertificates(QSslConfiguration::systemCaCertificates() +
                              loadCertificates(s.caFile, "ca_file"));
    }
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

struct ReplyDeleter {
    void operator()(QNetworkReply* reply) const { delete reply; }
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
    }

    QJsonValue call(const Call& call) {
        const int attempts = call.idempotent ? settings_.readAttempts : 1;
        auto backoff = settings_.retryBackoff;
        for (int attempt = 1;; ++attempt) {
            const log::Stopwatch stopwatch;
            try {
                auto result = send(call);
                log_.event(log::Level::Debug, "usos.request",
                           {{"method", log::Code::fromConfiguration(call.method)},
                            {"attempt", attempt},
                            {"duration", stopwatch.elapsed()}});
                return result;
            } catch (const UsosError& e) {
                const bool retry = attempt < attempts && isRetriable(e);
                log_.warning("usos.request_failed",
                             {{"method", log::Code::fromConfiguration(call.method)},
                              {"attempt", attempt},
                              {"error", e.kind()},
                              {"http_status", e.httpStatus()},
                              {"retry", retry},
                              {"duration", stopwatch.elapsed()}});
                if (!retry)
                    throw;
            }
            std::this_thread::sleep_for(backoff);
            backoff *= 2;
        }
    }

    std::uint64_t requestCount() const noexcept { return requestCount_; }
    const UsosClientSettings& settings() const noexcept { return settings_; }

private:
    QJsonValue send(const Call& call) {
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
        // HTTP/1.1 keep-alive only: the no-replay guarantee for orders is tested on that path.
        request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

        std::unique_ptr<QNetworkReply, ReplyDeleter> reply;
        if (call.idempotent) {
            reply.reset(network_.post(request, QByteArray::fromStdString(body)));
        } else {
            request.setHeader(QNetworkRequest::ContentLengthHeader,
                              static_cast<qint64>(body.size()));
            request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
            auto* device = new OneShotBody(QByteArray::fromStdString(body));
            reply.reset(network_.post(request, device));
            device->setParent(reply.get());
        }
        ++requestCount_;

        bool timedOut = false;
        QString tlsProblem;
        QEventLoop loop;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QObject::connect(reply.get(), &QNetworkReply::sslErrors,
                         [&tlsProblem](const QList<QSslError>& errors) {
                             tlsProblem = errors.isEmpty() ? QStringLiteral("certificate rejected")
                                                           : errors.front().errorString();
                         });
        QObject::connect(&deadline, &QTimer::timeout, [&] {
            timedOut = true;
            reply->abort();
        });
        deadline.start(settings_.requestTimeout);
        if (!reply->isFinished())
            loop.exec(QEventLoop::ExcludeUserInputEvents);
        deadline.stop();
        return interpret(*reply, call.method, timedOut, tlsProblem, settings_.requestTimeout);
    }

    UsosClientSettings settings_;
    log::Logger log_;
    QSslConfiguration tls_;
    QNetworkAccessManager network_;
    std::uint64_t requestCount_ = 0;
};

UsosClient::UsosClient(UsosClientSettings settings, log::Logger logger)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(logger))) {}

UsosClient::~UsosClient() = default;

QJsonValue UsosClient::call(const Call& call) {
    return impl_->call(call);
}

std::uint64_t UsosClient::requestCount() const noexcept {
    return impl_->requestCount();
}

Installation UsosClient::installation() {
    return usosjson::parseInstallation(
        call({"services/apisrv/installation", {{"fields", "mcards_support"}}, {}, true}));
}

UsosUser UsosClient::user(std::string_view userId) {
    return usosjson::parseUser(
        call({"services/users/user", {{"fields", userFields}}, std::string(userId), true}));
}

std::vector<UsosCard> UsosClient::cards(std::string_view userId) {
    return usosjson::parseCards(
        call({"services/cards/user", {{"fields", cardFields}}, std::string(userId), true}));
}

McardInfo UsosClient::mcard(std::string_view userId) {
    return usosjson::parseMcard(
        call({"services/cards/mcard", {{"fields", mcardFields}}, std::string(userId), true}));
}

McardOrder UsosClient::mcardOrder(std::string_view userId, std::string_view orderId) {
    return usosjson::parseMcardOrder(
        call({"services/cards/mcard_order",
              {{"order_id", std::string(orderId)}, {"fields", orderFields}},
              std::string(userId),
              true}));
}

bool UsosClient::makeMcardOrder(std::string_view userId) {
    return usosjson::parseSuccess(
        call({"services/cards/make_mcard_order", {}, std::string(userId), false}));
}

bool UsosClient::revokeMcard(std::string_view userId, std::string_view orderId) {
    return usosjson::parseSuccess(call({"services/cards/revoke_mcard",
                                        {{"order_id", std::string(orderId)}},
                                        std::string(userId),
                                        false}));
}

StudentLookup::StudentLookup(UsosClient& client, std::string method)
    : client_(client), method_(std::move(method)) {}

std::optional<std::string> StudentLookup::findUserId(std::string_view albumNumber,
                                                     std::string_view chipSerial) {
    if (method_ == "services/cards/card") {
        if (chipSerial.empty())
            return std::nullopt;
        try {
            return usosjson::parseCardOwner(client_.call(
                {method_,
                 {{"contact_chip_uid", std::string(chipSerial)}, {"fields", "user[id]"}},
                 {},
                 true}));
        } catch (const UsosError& e) {
            if (e.kind() == UsosErrorKind::Usos && e.usosCode() == "object_not_found")
                return std::nullopt;
            throw;
        }
    }
    const std::string album(albumNumber);
    return usosjson::parseLookup(
        client_.call(
            {method_, {{"query", album}, {"fields", "items[user[id|student_number]]"}}, {}, true}),
        albumNumber);
}

} // namespace els::platform
