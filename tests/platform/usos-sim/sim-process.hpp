#pragma once

#include "els/platform/usossim/http-message.hpp"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslSocket>
#include <QStringList>
#include <QTemporaryDir>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

// Test support: the real usos-sim binary on a free port, and a small HTTPS client that signs
// its requests with OAuth 1.0a (els::platform::oauth1) the way the kiosk's client must.
namespace els::platform::usossim::test {

inline const std::string consumerKey = "kiosk-test-key";
inline const std::string consumerSecret = "s3cret/with&odd chars"; // exercises the key encoding

class SimProcess {
public:
    explicit SimProcess(const QStringList& extraArguments = {});
    ~SimProcess();
    SimProcess(const SimProcess&) = delete;
    SimProcess& operator=(const SimProcess&) = delete;

    quint16 port() const { return port_; }
    const QByteArray& caPem() const { return caPem_; }
    const QString& portFileContent() const { return portFileContent_; }
    // SIGTERM and wait: the exit code, or -1 when it did not exit cleanly.
    int terminate();

private:
    QTemporaryDir dir_;
    QProcess process_;
    quint16 port_ = 0;
    QByteArray caPem_;
    QString portFileContent_;
};

struct Response {
    bool dropped = false; // the connection closed before a whole answer came
    int status = 0;
    std::string contentType;
    Fields headers; // names lower-case
    std::string body;

    std::optional<std::string> header(const std::string& lowerCaseName) const {
        for (const auto& [name, value] : headers)
            if (name == lowerCaseName)
                return value;
        return std::nullopt;
    }

    QJsonObject object() const {
        return QJsonDocument::fromJson(QByteArray::fromStdString(body)).object();
    }
    bool isJson() const;
};

struct Signing {
    std::string key = consumerKey;
    std::string secret = consumerSecret;
    std::int64_t timestampOffset = 0;
    std::string nonce;          // empty: a fresh random one
    std::int64_t timestamp = 0; // 0: now + offset
    bool forge = false;         // flip one character of the signature
    bool inQuery = false;       // oauth_* in the query/body instead of the Authorization header
};

class Client {
public:
    Client(quint16 port, QByteArray caPem, std::string host = "127.0.0.1");

    Response raw(const std::string& method, const std::string& target, const std::string& body = {},
                 const Fields& headers = {});
    // Signed call of /services/<method>; GET puts the parameters in the query, POST in a form body.
    Response call(const std::string& apiMethod, Fields parameters, const Signing& signing = {},
                  const std::string& httpMethod = "GET");
    Response anonymous(const std::string& apiMethod, const Fields& parameters);
    // Control endpoints (/_sim/...), form parameters in the body for POST.
    Response control(const std::string& httpMethod, const std::string& path,
                     const Fields& parameters = {});

    int connectionsOpened() const { return connections_; }

private:
    void ensureConnected();

    quint16 port_;
    QByteArray caPem_;
    std::string host_;
    std::unique_ptr<QSslSocket> socket_;
    int connections_ = 0;
};

std::string formEncode(const Fields& parameters);

// The USOS user id of the seed's student with this scenario (a test failure if none).
std::string idOf(const std::string& scenario);

} // namespace els::platform::usossim::test
