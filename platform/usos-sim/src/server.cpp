#include "els/platform/usossim/server.hpp"

#include <QPointer>
#include <QSslSocket>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <optional>
#include <utility>

namespace els::platform::usossim {
namespace {

// One client connection; deletes itself when the socket goes away.
class Connection : public QObject {
public:
    Connection(QSslSocket* socket, Service& service, bool verbose, Server& server)
        : QObject(&server), socket_(socket), service_(service), server_(server), verbose_(verbose) {
        socket_->setParent(this);
        connect(socket_, &QSslSocket::readyRead, this, &Connection::onReadyRead);
        connect(socket_, &QSslSocket::disconnected, this, &QObject::deleteLater);
        onReadyRead(); // bytes may have arrived together with the handshake
    }

    ~Connection() override {
        if (open_)
            service_.requestEnded(*open_); // closed by the client while delayed
    }

    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

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
        busy_ = true;
        open_ = service_.requestArrived(request);
        const auto hold = service_.holdBeforeEffect(request);
        if (hold.count() <= 0) {
            respond(request, service_.handle(request));
            return;
        }
        // The request has arrived but takes effect only later, and then also when the client
        // has given up and closed the connection meanwhile.
        server_.hold(hold, [&service = service_, request, self = QPointer<Connection>(this)] {
            Reply reply = service.handle(request);
            if (self)
                self->respond(request, std::move(reply));
        });
    }

    void respond(const HttpRequest& request, Reply reply) {
        if (reply.releaseHeld)
            reply.response.body = "{\"released\":" + std::to_string(server_.releaseHeld()) + "}";
        if (verbose_) // path only: queries and bodies carry personal data
            std::fprintf(stderr, "usos-sim: %s %s -> %s\n", request.method.c_str(),
                         request.path.c_str(),
                         reply.drop ? "dropped" : std::to_string(reply.response.status).c_str());
        const auto finish = [this, reply = std::move(reply), keepAlive = request.keepAlive] {
            busy_ = false;
            if (open_)
                service_.requestEnded(*std::exchange(open_, std::nullopt));
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
    Server& server_;
    bool verbose_;
    HttpRequestParser parser_;
    bool busy_ = false;
    bool closing_ = false;
    std::optional<std::size_t> open_; // the request record of the request being served
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
            new Connection(socket, service_, verbose_, *this); // deletes itself on disconnect
    }
}

void Server::hold(std::chrono::milliseconds duration, std::function<void()> effect) {
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    held_.emplace_back(timer, std::move(effect));
    connect(timer, &QTimer::timeout, this, [this, timer] {
        const auto it = std::find_if(held_.begin(), held_.end(),
                                     [timer](const auto& h) { return h.first == timer; });
        auto effect = std::move(it->second);
        held_.erase(it);
        timer->deleteLater();
        effect();
    });
    timer->start(duration);
}

int Server::releaseHeld() {
    auto held = std::exchange(held_, {});
    for (auto& [timer, effect] : held) {
        timer->stop();
        timer->deleteLater();
        effect();
    }
    return static_cast<int>(held.size());
}

} // namespace els::platform::usossim
