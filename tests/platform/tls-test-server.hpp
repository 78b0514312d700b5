#pragma once

#include "temp-dir.hpp"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <functional>
#include <memory>
#include <string>
#include <vector>

class QSslServer;
class QSslSocket;

// A minimal HTTPS/1.1 server on 127.0.0.1 for protocol-level client tests (keep-alive, drops,
// silence, garbage). Runs on the test's thread: it is served while the blocking client spins its
// local event loop. Its certificate is a fresh self-signed one for IP 127.0.0.1.
class TlsTestServer : public QObject {
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers; // names lower-case
        QByteArray body;
        int connection = 0; // which TCP connection carried it (1-based)
    };
    struct Reply {
        enum class Kind { Respond, Drop, Hang } kind = Kind::Respond;
        int status = 200;
        QByteArray body;
    };
    using Handler = std::function<Reply(const Request&)>;

    explicit TlsTestServer(const TempDir& dir);
    ~TlsTestServer() override;

    void setHandler(Handler handler) { handler_ = std::move(handler); }
    std::string baseUrl() const;
    std::filesystem::path caFile() const { return certificate_; }
    const std::vector<Request>& requests() const { return requests_; }
    int connections() const { return connections_; }

    static Reply json(QByteArray body, int status = 200) {
        return Reply{Reply::Kind::Respond, status, std::move(body)};
    }

private:
    void accept();
    void serve(QSslSocket* socket, int connection);

    std::filesystem::path certificate_;
    std::filesystem::path key_;
    std::unique_ptr<QSslServer> server_;
    Handler handler_;
    std::vector<Request> requests_;
    int connections_ = 0;
};
