#include "els/platform/usossim/server.hpp"

#include <QSslSocket>
#include <QTimer>
#include <cstdio>

namespace els::platform::usossim {
namespace {

// One client connection; deletes itself when the socket goes away.
class Connection : public QObject {
public:
    Connection(QSslSocket* socket, Service& service, bool verbose, QObject* parent)
        : QObject(parent), socket_(socket), service_(service), verbose_(verbose) {
        socket_->setParent(this);
        connect(socket_, &QSslSocket::readyRead, this, &Connection::onReadyRead);
        connect(socket_, &QSslSocket::disconnected, this, &QObject::deleteLater);
        onReadyRead(); // bytes may have arrived together with the handshake
    }

private:
    void onReadyRead() {
        const QByteArray bytes = socket_->readAll();
        parser_.feed(std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
        processNext();
    }

    // Requests are answered in order; a delayed reply holds back the ones pipelined after it.
    void processNext() {
        if (busy_ || closing_)
            return;
        const auto state = parser_.parse();
        if (state == HttpRequestParser::State::NeedMore)
            return;
        if (state == HttpRequestParser::State::Invalid) {
            const int status = parser_.errorStatus();
            HttpResponse response{
                status, "text/plain; charset=utf-8", reasonPhrase(status) + "\n", {}};
            send(response, false);
            return;
        }
        const HttpRequest request = parser_.takeRequest();
        Reply reply = service_.handle(request);
        if (verbose_) // path only: queries and bodies carry personal data
            std::fprintf(stderr, "usos-sim: %s %s -> %s\n", request.method.c_str(),
                         request.path.c_str(),
                         reply.drop ? "dropped" : std::to_string(reply.response.status).c_str());
        busy_ = true;
        const auto finish = [this, reply = std::move(reply), keepAlive = request.keepAlive] {
            busy_ = false;
            if (reply.drop) {
                closing_ = true;
                socket_->abort();
                return;
            }
            send(reply.response, keepAlive);
            processNext();
        };
        if (reply.delay.count() > 0)
            QTimer::singleShot(reply.delay, this, finish);
        else
            finish();
    }

    void send(const HttpResponse& response, bool keepAlive) {
        const std::string bytes = response.serialize(keepAlive, httpDate(service_.now()));
        socket_->write(bytes.data(), static_cast<qint64>(bytes.size()));
        if (!keepAlive) {
            closing_ = true;
            socket_->disconnectFromHost(); // after the written bytes are flushed
        }
    }

    QSslSocket* socket_;
    Service& service_;
    bool verbose_;
    HttpRequestParser parser_;
    bool busy_ = false;
    bool closing_ = false;
};

} // namespace

Server::Server(Service& service, const QSslConfiguration& tls, bool verbose)
    : service_(service), verbose_(verbose) {
    server_.setSslConfiguration(tls);
    connect(&server_, &QSslServer::pendingConnectionAvailable, this, &Server::acceptPending);
}

bool Server::listen(quint16 port) {
    return server_.listen(QHostAddress::LocalHost, port);
}

void Server::acceptPending() {
    while (server_.hasPendingConnections()) {
        auto* socket = qobject_cast<QSslSocket*>(server_.nextPendingConnection());
        if (socket)
            new Connection(socket, service_, verbose_, this); // deletes itself on disconnect
    }
}

} // namespace els::platform::usossim
