#include "sim-process.hpp"

#include "els/platform/oauth1.hpp"
#include "els/platform/usossim/seed.hpp"

#include <QDateTime>
#include <QFile>
#include <QSslConfiguration>
#include <chrono>
#include <gtest/gtest.h>
#include <stdexcept>

namespace els::platform::usossim::test {
namespace {

constexpr int timeoutMs = 10000;

std::string toLower(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

} // namespace

SimProcess::SimProcess(const QStringList& extraArguments) {
    if (!dir_.isValid())
        throw std::runtime_error("no temporary directory");
    QFile secret(dir_.filePath("secret"));
    if (!secret.open(QIODevice::WriteOnly) || secret.write(consumerSecret.c_str()) < 0)
        throw std::runtime_error("cannot write the secret file");
    secret.close();

    QStringList arguments{"--port",
                          "0",
                          "--port-file",
                          dir_.filePath("port"),
                          "--ca-out",
                          dir_.filePath("ca.pem"),
                          "--consumer-key",
                          QString::fromStdString(consumerKey),
                          "--consumer-secret-file",
                          dir_.filePath("secret"),
                          "--seed",
                          USOS_SIM_SEED};
    arguments += extraArguments;
    process_.setProcessChannelMode(QProcess::SeparateChannels);
    process_.setProcessEnvironment(QProcessEnvironment::systemEnvironment());
    process_.start(USOS_SIM_BINARY, arguments);
    if (!process_.waitForStarted(timeoutMs))
        throw std::runtime_error("usos-sim did not start");
    QByteArray output;
    while (!output.contains('\n')) {
        if (!process_.waitForReadyRead(timeoutMs))
            throw std::runtime_error("usos-sim did not report readiness: " +
                                     process_.readAllStandardError().toStdString());
        output += process_.readAllStandardOutput();
    }
    const QByteArray prefix = "usos-sim listening on https://127.0.0.1:";
    if (!output.startsWith(prefix))
        throw std::runtime_error("unexpected first line: " + output.toStdString());
    port_ = static_cast<quint16>(output.mid(prefix.size()).trimmed().toUInt());

    QFile ca(dir_.filePath("ca.pem"));
    QFile portFile(dir_.filePath("port"));
    if (!ca.open(QIODevice::ReadOnly) || !portFile.open(QIODevice::ReadOnly))
        throw std::runtime_error("usos-sim wrote no CA or port file");
    caPem_ = ca.readAll();
    portFileContent_ = QString::fromUtf8(portFile.readAll());
}

SimProcess::~SimProcess() {
    if (process_.state() != QProcess::NotRunning && terminate() == -1) {
        process_.kill();
        process_.waitForFinished(timeoutMs);
    }
}

int SimProcess::terminate() {
    process_.terminate();
    if (!process_.waitForFinished(timeoutMs) || process_.exitStatus() != QProcess::NormalExit)
        return -1;
    return process_.exitCode();
}

bool Response::isJson() const {
    QJsonParseError error{};
    QJsonDocument::fromJson(QByteArray::fromStdString(body), &error);
    return error.error == QJsonParseError::NoError;
}

Client::Client(quint16 port, QByteArray caPem, std::string host)
    : port_(port), caPem_(std::move(caPem)), host_(std::move(host)) {}

void Client::ensureConnected() {
    if (socket_ && socket_->state() == QAbstractSocket::ConnectedState)
        return;
    socket_ = std::make_unique<QSslSocket>();
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromData(caPem_, QSsl::Pem));
    socket_->setSslConfiguration(tls);
    // Connect by address, verify by the name the client uses: the certificate covers both.
    socket_->connectToHostEncrypted("127.0.0.1", port_, QString::fromStdString(host_));
    if (!socket_->waitForEncrypted(timeoutMs))
        throw std::runtime_error("TLS handshake failed: " + socket_->errorString().toStdString());
    ++connections_;
}

Response Client::raw(const std::string& method, const std::string& target, const std::string& body,
                     const Fields& headers) {
    ensureConnected();
    std::string request = method + ' ' + target + " HTTP/1.1\r\nHost: " + host_ + ':' +
                          std::to_string(port_) + "\r\n";
    for (const auto& [name, value] : headers)
        request += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST")
        request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    request += "\r\n" + body;
    socket_->write(request.data(), static_cast<qint64>(request.size()));

    Response response;
    std::string buffer;
    std::size_t headerEnd = std::string::npos;
    std::size_t contentLength = 0;
    bool close = false;
    while (true) {
        if (headerEnd == std::string::npos &&
            (headerEnd = buffer.find("\r\n\r\n")) != std::string::npos) {
            response.status = std::stoi(buffer.substr(9, 3));
            std::size_t pos = buffer.find("\r\n") + 2;
            while (pos < headerEnd) {
                const auto end = buffer.find("\r\n", pos);
                const std::string line = buffer.substr(pos, end - pos);
                const auto colon = line.find(':');
                const std::string name = toLower(line.substr(0, colon));
                const std::string value = line.substr(colon + 2);
                response.headers.emplace_back(name, value);
                if (name == "content-length")
                    contentLength = std::stoul(value);
                if (name == "content-type")
                    response.contentType = value;
                if (name == "connection" && toLower(value) == "close")
                    close = true;
                pos = end + 2;
            }
        }
        if (headerEnd != std::string::npos && buffer.size() >= headerEnd + 4 + contentLength) {
            response.body = buffer.substr(headerEnd + 4, contentLength);
            break;
        }
        if (socket_->bytesAvailable() == 0 && !socket_->waitForReadyRead(timeoutMs)) {
            response.dropped = true;
            socket_.reset();
            return response;
        }
        buffer += socket_->readAll().toStdString();
    }
    if (close)
        socket_.reset();
    return response;
}

Response Client::call(const std::string& apiMethod, Fields parameters, const Signing& signing,
                      const std::string& httpMethod) {
    const std::string path = "/services/" + apiMethod;
    const std::string url = "https://" + host_ + ':' + std::to_string(port_) + path;
    const std::int64_t timestamp =
        signing.timestamp != 0 ? signing.timestamp
                               : QDateTime::currentSecsSinceEpoch() + signing.timestampOffset;
    const std::chrono::system_clock::time_point at{std::chrono::seconds(timestamp)};
    auto oauth = oauth1::signRequest(httpMethod, url, parameters, signing.key, signing.secret, at,
                                     signing.nonce.empty() ? oauth1::makeNonce() : signing.nonce);
    if (signing.forge) {
        auto& signature = oauth.back().second; // oauth_signature comes last
        signature[0] = signature[0] == 'A' ? 'B' : 'A';
    }

    Fields headers;
    if (signing.inQuery)
        parameters.insert(parameters.end(), oauth.begin(), oauth.end());
    else
        headers.emplace_back("Authorization", oauth1::authorizationHeader(oauth, "USOS"));
    if (httpMethod == "POST") {
        headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
        return raw("POST", path, oauth1::formEncode(parameters), headers);
    }
    const std::string query = oauth1::formEncode(parameters);
    return raw(httpMethod, query.empty() ? path : path + '?' + query, {}, headers);
}

Response Client::anonymous(const std::string& apiMethod, const Fields& parameters) {
    const std::string query = oauth1::formEncode(parameters);
    return raw("GET", "/services/" + apiMethod + (query.empty() ? "" : "?" + query));
}

Response Client::control(const std::string& httpMethod, const std::string& path,
                         const Fields& parameters) {
    if (httpMethod == "POST")
        return raw("POST", path, oauth1::formEncode(parameters),
                   {{"Content-Type", "application/x-www-form-urlencoded"}});
    const std::string query = oauth1::formEncode(parameters);
    return raw(httpMethod, query.empty() ? path : path + '?' + query);
}

std::string idOf(const std::string& scenario) {
    QFile file(USOS_SIM_SEED);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    for (const auto& s : parseSeed(file.readAll(), QDate::currentDate()))
        if (s.scenario == scenario)
            return s.id;
    ADD_FAILURE() << "no scenario " << scenario;
    return {};
}

} // namespace els::platform::usossim::test
