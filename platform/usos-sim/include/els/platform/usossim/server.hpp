#pragma once

#include "els/platform/usossim/service.hpp"

#include <QSslConfiguration>
#include <QSslServer>
#include <QTimer>
#include <chrono>
#include <functional>
#include <utility>
#include <vector>

// HTTPS on 127.0.0.1 with HTTP/1.1 keep-alive and pipelining; each connection hands its
// requests to the Service one at a time and carries out its reply (delay, answer or drop).
namespace els::platform::usossim {

class Server : public QObject {
public:
    Server(Service& service, const QSslConfiguration& tls, bool verbose);

    // Port 0 picks a free one. Only the loopback interface: the control endpoints have no
    // authentication.
    bool listen(quint16 port);
    quint16 port() const { return server_.serverPort(); }
    QString errorString() const { return server_.errorString(); }

    // The hold-before-effect fault: runs `effect` after `duration`, or earlier on releaseHeld().
    // Owned by the server, not the connection: a held request takes effect also when its client
    // has gone meanwhile.
    void hold(std::chrono::milliseconds duration, std::function<void()> effect);
    // Runs every held effect now (POST /_sim/release_held); how many there were.
    int releaseHeld();

private:
    void acceptPending();

    std::vector<std::pair<QTimer*, std::function<void()>>> held_;

    QSslServer server_;
    Service& service_;
    bool verbose_;
};

} // namespace els::platform::usossim
