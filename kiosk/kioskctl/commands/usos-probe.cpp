#include "usos-probe.hpp"

#include "els/platform/oauth1.hpp"

#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimeZone>
#include <QUrl>
#include <chrono>
#include <cmath>

namespace els::kiosk::kioskctl {

namespace {

namespace oauth1 = platform::oauth1;

QSslConfiguration tlsFor(const platform::Config& config) {
    auto tls = QSslConfiguration::defaultConfiguration();
    if (!config.usos.caFile.empty()) {
        auto cas = tls.caCertificates();
        cas += QSslCertificate::fromPath(QString::fromStdString(config.usos.caFile.string()));
        tls.setCaCertificates(cas);
    }
    if (!config.usos.clientCert.empty()) {
        const auto certs =
            QSslCertificate::fromPath(QString::fromStdString(config.usos.clientCert.string()));
        QFile keyFile(QString::fromStdString(config.usos.clientKey.string()));
        if (!certs.isEmpty() && keyFile.open(QIODevice::ReadOnly)) {
            tls.setLocalCertificate(certs.first());
            const auto pem = keyFile.readAll();
            QSslKey key(pem, QSsl::Rsa);
            if (key.isNull())
                key = QSslKey(pem, QSsl::Ec);
            tls.setPrivateKey(key);
        }
    }
    return tls;
}

} // namespace

UsosProbe probeUsos(const platform::Config& config, const std::string& secret) {
    std::string base = config.usos.baseUrl;
    if (!base.ends_with('/'))
        base += '/';
    const std::string url = base + "services/apisrv/installation";
    const oauth1::Parameters query{{"format", "json"}};
    const auto oauth = oauth1::signRequest("GET", url, query, config.usos.consumerKey, secret,
                                           std::chrono::system_clock::now());

    QUrl qurl(QString::fromStdString(url));
    qurl.setQuery(QString::fromStdString(oauth1::formEncode(query)));
    QNetworkRequest request(qurl);
    request.setRawHeader("Authorization",
                         QByteArray::fromStdString(oauth1::authorizationHeader(oauth)));
    request.setSslConfiguration(tlsFor(config));
    request.setTransferTimeout(static_cast<int>(config.timing.requestTimeout.count()));

    QNetworkAccessManager network;
    QNetworkReply* reply = network.get(request);
    UsosProbe probe;
    // The server stamped its Date between our request leaving and the answer arriving: the
    // midpoint of that interval is our best local time to compare with it (after connecting
    // and the TLS handshake, which would otherwise count as skew).
    qint64 sentMs = QDateTime::currentMSecsSinceEpoch();
    qint64 answeredMs = 0;
    QObject::connect(reply, &QNetworkReply::requestSent,
                     [&] { sentMs = QDateTime::currentMSecsSinceEpoch(); });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, [&] {
        if (answeredMs == 0)
            answeredMs = QDateTime::currentMSecsSinceEpoch();
    });
    QStringList tlsErrors;
    QObject::connect(reply, &QNetworkReply::sslErrors, [&](const QList<QSslError>& errors) {
        for (const auto& e : errors)
            tlsErrors << e.errorString();
    });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    const auto date = reply->rawHeader("Date");
    if (!date.isEmpty()) {
        // RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (English names, C locale).
        auto serverTime =
            QDateTime::fromString(QString::fromLatin1(date), "ddd, dd MMM yyyy hh:mm:ss 'GMT'");
        serverTime.setTimeZone(QTimeZone::utc());
        if (serverTime.isValid()) {
            // Date has whole seconds, cut off: the server's clock read Date + 0..1 s.
            const qint64 localMs =
                (sentMs + (answeredMs ? answeredMs : QDateTime::currentMSecsSinceEpoch())) / 2;
            const double skewMs =
                static_cast<double>(localMs - (serverTime.toMSecsSinceEpoch() + 500));
            probe.skew = std::chrono::seconds(std::llround(skewMs / 1000));
        }
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!tlsErrors.isEmpty() || reply->error() == QNetworkReply::SslHandshakeFailedError) {
        probe.result = UsosProbe::Result::Tls;
        probe.detail =
            (tlsErrors.isEmpty() ? reply->errorString() : tlsErrors.join("; ")).toStdString();
    } else if (status == 401 || status == 403) {
        probe.result = UsosProbe::Result::KeyRefused;
        probe.detail =
            "HTTP " + std::to_string(status) + ": " + reply->readAll().left(200).toStdString();
    } else if (status == 0) {
        probe.result = UsosProbe::Result::Unreachable;
        probe.detail = reply->errorString().toStdString();
    } else if (status != 200) {
        probe.result = UsosProbe::Result::HttpError;
        probe.detail = "HTTP " + std::to_string(status);
    }
    reply->deleteLater();
    return probe;
}

} // namespace els::kiosk::kioskctl
