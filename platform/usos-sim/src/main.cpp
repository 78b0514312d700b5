// usos-sim: the USOS API simulator (see usos-api.md and the README of this folder).
#include "els/platform/usossim/api-error.hpp"
#include "els/platform/usossim/certificates.hpp"
#include "els/platform/usossim/orders.hpp"
#include "els/platform/usossim/seed.hpp"
#include "els/platform/usossim/server.hpp"
#include "els/platform/usossim/service.hpp"
#include "els/platform/usossim/store.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <sys/signalfd.h>
#include <unistd.h>

using namespace els::platform::usossim;

namespace {

QByteArray readFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw SimError("cannot read " + path.toStdString() + ": " +
                       file.errorString().toStdString());
    return file.readAll();
}

void writeFile(const QString& path, const QByteArray& content) {
    QSaveFile file(path); // atomic: a test polling the file never sees half of it
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        throw SimError("cannot write " + path.toStdString());
}

double rateOption(const QCommandLineParser& cli, const QString& name) {
    bool ok = false;
    const double value = cli.value(name).toDouble(&ok);
    if (!ok || value < 0 || value > 1)
        throw SimError("--" + name.toStdString() + " must be between 0 and 1");
    return value;
}

long long countOption(const QCommandLineParser& cli, const QString& name) {
    bool ok = false;
    const long long value = cli.value(name).toLongLong(&ok);
    if (!ok || value < 0)
        throw SimError("--" + name.toStdString() + " must be a non-negative integer");
    return value;
}

QSslConfiguration tlsConfiguration(const QCommandLineParser& cli) {
    QByteArray certificatePem;
    QByteArray keyPem;
    if (cli.isSet("cert") != cli.isSet("key"))
        throw SimError("--cert and --key go together");
    if (cli.isSet("cert")) {
        certificatePem = readFile(cli.value("cert"));
        keyPem = readFile(cli.value("key"));
        if (cli.isSet("ca-out"))
            std::cerr << "usos-sim: --ca-out ignored: the certificate was given with --cert\n";
    } else {
        const TlsIdentity identity = makeThrowAwayIdentity();
        certificatePem = QByteArray::fromStdString(identity.certificatePem);
        keyPem = QByteArray::fromStdString(identity.privateKeyPem);
        if (cli.isSet("ca-out"))
            writeFile(cli.value("ca-out"), QByteArray::fromStdString(identity.caCertificatePem));
    }
    const QSslCertificate certificate(certificatePem, QSsl::Pem);
    QSslKey key(keyPem, QSsl::Ec);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa);
    if (certificate.isNull() || key.isNull())
        throw SimError("the server certificate or key cannot be read (PEM, EC or RSA)");
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(certificate);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    return tls;
}

ServiceSettings serviceSettings(const QCommandLineParser& cli) {
    ServiceSettings s;
    if (!cli.isSet("consumer-key") || !cli.isSet("consumer-secret-file"))
        throw SimError("--consumer-key and --consumer-secret-file are required");
    s.oauth.consumerKey = cli.value("consumer-key").toStdString();
    s.oauth.consumerSecret = readFile(cli.value("consumer-secret-file")).trimmed().toStdString();
    if (s.oauth.consumerSecret.empty())
        throw SimError("the consumer secret file is empty");
    s.oauth.timestampWindow = std::chrono::seconds(countOption(cli, "timestamp-window"));
    bool offsetOk = false;
    s.clockOffset = std::chrono::seconds(cli.value("clock-offset-s").toLongLong(&offsetOk));
    if (!offsetOk)
        throw SimError("--clock-offset-s must be a whole number of seconds (negative: behind)");
    s.actAsParam = cli.value("act-as-param").toStdString();

    const QString advance = cli.value("advance");
    if (advance == "timed")
        s.advance = AdvanceMode::Timed;
    else if (advance == "manual")
        s.advance = AdvanceMode::Manual;
    else if (advance == "instant")
        s.advance = AdvanceMode::Instant;
    else
        throw SimError("--advance must be timed, manual or instant");
    bool ok = false;
    const double seconds = cli.value("advance-seconds").toDouble(&ok);
    if (!ok || seconds < 0)
        throw SimError("--advance-seconds must be a non-negative number");
    s.advanceInterval = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));

    s.faults.latency = std::chrono::milliseconds(countOption(cli, "latency-ms"));
    s.faults.errorRate = rateOption(cli, "error-rate");
    s.faults.dropRate = rateOption(cli, "drop-rate");
    s.faults.garbageRate = rateOption(cli, "garbage-rate");
    s.faults.loseOrderResponses = static_cast<int>(countOption(cli, "lose-order-response"));
    s.faults.holdBeforeEffect =
        std::chrono::milliseconds(countOption(cli, "hold-before-effect-ms"));
    s.faults.holdMethods = splitMethods(cli.value("hold-methods").toStdString());
    if (cli.isSet("random-seed"))
        s.randomSeed = static_cast<std::uint64_t>(countOption(cli, "random-seed"));
    return s;
}

void seedIfEmpty(Store& store, const QCommandLineParser& cli) {
    const QString seedPath =
        cli.isSet("seed") ? cli.value("seed") : ":/usos-sim/demo-students.json";
    if (store.hasStudents()) {
        if (cli.isSet("seed"))
            std::cerr << "usos-sim: the database already holds students; --seed not loaded\n";
        return;
    }
    store.seed(parseSeed(readFile(seedPath), QDate::currentDate()), makeCredentials,
               QDateTime::currentMSecsSinceEpoch());
}

// SIGTERM/SIGINT arrive through a signalfd watched by the event loop: no handler, no global.
int blockedSignalsFd() {
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    if (pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr) != 0)
        throw SimError("cannot block SIGTERM/SIGINT");
    const int fd = signalfd(-1, &stopSignals, SFD_CLOEXEC | SFD_NONBLOCK);
    if (fd < 0)
        throw SimError("signalfd failed");
    return fd;
}

} // namespace

int main(int argc, char* argv[]) {
    int signalFd = -1;
    try {
        signalFd = blockedSignalsFd(); // before Qt starts any thread, so all inherit the mask
    } catch (const SimError& e) {
        std::cerr << "usos-sim: " << e.what() << '\n';
        return 1;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("usos-sim");

    QCommandLineParser cli;
    cli.setApplicationDescription(
        "USOS API simulator for els-kiosk tests and demos (HTTPS, OAuth 1.0a).");
    cli.addHelpOption();
    cli.addOptions({
        {"port", "TCP port on 127.0.0.1 (0 = pick a free one).", "N", "0"},
        {"port-file", "Write the chosen port to FILE when ready.", "FILE"},
        {"cert", "Server certificate (PEM) instead of a throw-away one.", "FILE"},
        {"key", "Private key (PEM) of --cert.", "FILE"},
        {"ca-out", "Write the throw-away CA certificate (PEM) to FILE for clients to trust.",
         "FILE"},
        {"consumer-key", "The administrative consumer key accepted.", "KEY"},
        {"consumer-secret-file", "File holding the consumer secret.", "FILE"},
        {"timestamp-window", "Accepted oauth_timestamp skew in seconds.", "S", "300"},
        {"clock-offset-s",
         "Run the server clock N seconds ahead (negative: behind) in Date headers and OAuth "
         "timestamp checks.",
         "N", "0"},
        {"act-as-param", "Parameter naming the user the consumer acts as.", "NAME", "as_user_id"},
        {"db", "SQLite file (default: a temporary file removed at exit).", "FILE"},
        {"seed", "JSON seed of fake students (default: the built-in demo seed).", "FILE"},
        {"advance", "Order clock: timed, manual (POST /_sim/step) or instant.", "MODE", "timed"},
        {"advance-seconds", "Seconds per step pending → in_progress → ready (timed).", "N", "2"},
        {"latency-ms", "Added latency of every /services/ answer.", "MS", "0"},
        {"error-rate", "Share of /services/ requests answered 503.", "P", "0"},
        {"drop-rate", "Share of /services/ connections closed without an answer.", "P", "0"},
        {"garbage-rate", "Share of /services/ answers with malformed JSON.", "P", "0"},
        {"lose-order-response", "Next N make_mcard_order calls succeed but the answer is lost.",
         "N", "0"},
        {"hold-before-effect-ms",
         "Hold each /services/ request this long after receiving it and before it takes effect "
         "(it takes effect even if the client gave up meanwhile).",
         "MS", "0"},
        {"hold-methods",
         "Comma-separated methods the hold applies to (e.g. services/cards/make_mcard_order); "
         "default: all.",
         "LIST"},
        {"random-seed", "Seed of the fault dice (reproducible runs).", "N"},
        {"verbose", "Log each request's method, path and status to stderr."},
    });
    cli.process(app);

    try {
        const ServiceSettings settings = serviceSettings(cli);
        QTemporaryDir temporary;
        const std::string dbPath = cli.isSet("db")
                                       ? cli.value("db").toStdString()
                                       : temporary.filePath("usos-sim.sqlite").toStdString();
        Store store(dbPath);
        seedIfEmpty(store, cli);
        Service service(store, settings);
        Server server(service, tlsConfiguration(cli), cli.isSet("verbose"));
        const quint16 requested = static_cast<quint16>(countOption(cli, "port"));
        if (!server.listen(requested))
            throw SimError("cannot listen on 127.0.0.1:" + std::to_string(requested) + ": " +
                           server.errorString().toStdString());

        QSocketNotifier onSignal(signalFd, QSocketNotifier::Read);
        QObject::connect(&onSignal, &QSocketNotifier::activated, &app, [&] {
            signalfd_siginfo info{};
            [[maybe_unused]] const auto n = ::read(signalFd, &info, sizeof info);
            QCoreApplication::quit();
        });

        if (cli.isSet("port-file"))
            writeFile(cli.value("port-file"), QByteArray::number(server.port()) + '\n');
        std::cout << "usos-sim listening on https://127.0.0.1:" << server.port() << std::endl;
        const int code = QCoreApplication::exec();
        ::close(signalFd);
        return code;
    } catch (const std::exception& e) {
        std::cerr << "usos-sim: " << e.what() << '\n';
        return 1;
    }
}
