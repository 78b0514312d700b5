#include "tls-test-server.hpp"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <cstdlib>
#include <stdexcept>

namespace {

QByteArray readFile(const std::filesystem::path& file) {
    QFile in(QString::fromStdString(file.string()));
    if (!in.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + file.string());
    return in.readAll();
}

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

TlsTestServer::TlsTestServer(const TempDir& dir)
    : certificate_(dir / "server-cert.pem"), key_(dir / "server-key.pem"),
      server_(std::make_unique<QSslServer>()) {
    const std::string command =
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
        key_.string() + " -out " + certificate_.string() + " 2>/dev/null";
    if (std::system(command.c_str()) != 0)
        throw std::runtime_error("openssl could not make a test certificate");

    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(readFile(certificate_), QSsl::Pem));
    tls.setPrivateKey(QSslKey(readFile(key_), QSsl::Ec, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    server_->setSslConfiguration(tls);
    QObject::connect(server_.get(), &QTcpServer::pendingConnectionAvailable, this,
                     [this] { accept(); });
    if (!server_->listen(QHostAddress::LocalHost, 0))
        throw std::runtime_error("test server cannot listen");
}

TlsTestServer::~TlsTestServer() = default;

std::string TlsTestServer::baseUrl() const {
    return "https://127.0.0.1:" + std::to_string(server_->serverPort());
}

void TlsTestServer::accept() {
    while (server_->hasPendingConnections()) {
        auto* socket = qobject_cast<QSslSocket*>(server_->nextPendingConnection());
        serve(socket, ++connections_);
    }
}

void TlsTestServer::serve(QSslSocket* socket, int connection) {
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QSslSocket::readyRead, this, [this, socket, buffer, connection] {
        *buffer += socket->readAll();
        while (true) {
            const auto headerEnd = buffer->indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            Request request;
            request.connection = connection;
            const auto lines = buffer->left(headerEnd).split('\n');
            const auto startLine = lines.front().trimmed().split(' ');
            request.method = startLine.value(0);
            request.path = startLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const auto colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                           lines[i].mid(colon + 1).trimmed());
            }
            const auto length = request.headers.value("content-length", "0").toLongLong();
            if (buffer->size() < headerEnd + 4 + length)
                return;
            request.body = buffer->mid(headerEnd + 4, length);
            buffer->remove(0, headerEnd + 4 + length);
            requests_.push_back(request);

            const Reply reply = handler_ ? handler_(request) : json("{}");
            if (reply.kind == Reply::Kind::Drop) {
                socket->abort();
                return;
            }
            if (reply.kind == Reply::Kind::Hang)
                continue;
            socket->write("HTTP/1.1 " + QByteArray::number(reply.status) + " " +
                          reasonPhrase(reply.status) +
                          "\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body);
        }
    });
}
