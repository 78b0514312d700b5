#include "usos-sim-process.hpp"

#include <QJsonDocument>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QUrl>
#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace els::testing {

namespace {

std::string readAll(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

bool exitedWithin(pid_t pid, std::chrono::milliseconds timeout) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

} // namespace

UsosSimProcess::UsosSimProcess(std::filesystem::path directory, std::vector<std::string> arguments)
    : directory_(std::move(directory)), caFile_(directory_ / "usos-ca.pem"),
      secretFile_(directory_ / "consumer-secret") {
    std::filesystem::create_directories(directory_);
    {
        std::ofstream secret(secretFile_);
        secret << "integration-secret&with odd/chars";
    }
    ::chmod(secretFile_.c_str(), 0600);
    const auto portFile = directory_ / "usos-sim.port";
    std::filesystem::remove(portFile);

    std::vector<std::string> args{USOS_SIM_PATH,
                                  "--port",
                                  "0",
                                  "--port-file",
                                  portFile.string(),
                                  "--ca-out",
                                  caFile_.string(),
                                  "--consumer-key",
                                  consumerKey,
                                  "--consumer-secret-file",
                                  secretFile_.string()};
    args.insert(args.end(), arguments.begin(), arguments.end());
    std::vector<char*> argv;
    for (auto& arg : args)
        argv.push_back(arg.data());
    argv.push_back(nullptr);

    const auto log = (directory_ / "usos-sim.log").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw std::runtime_error("cannot start usos-sim");

    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < end) {
        const auto text = readAll(portFile);
        if (!text.empty() && text.back() == '\n') {
            port_ = std::stoi(text);
            return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("usos-sim exited at start: " + readAll(log));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("usos-sim did not report its port");
}

UsosSimProcess::~UsosSimProcess() {
    if (pid_ <= 0)
        return;
    ::kill(pid_, SIGTERM);
    if (!exitedWithin(pid_, std::chrono::seconds(5))) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
}

QJsonObject
UsosSimProcess::control(const std::string& method, const std::string& path,
                        const std::vector<std::pair<std::string, std::string>>& form) const {
    std::string body;
    for (const auto& [key, value] : form) {
        body += (body.empty() ? "" : "&") + key + "=" +
                QUrl::toPercentEncoding(QString::fromStdString(value)).toStdString();
    }
    QSslSocket socket;
    auto tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(QString::fromStdString(caFile_.string())));
    socket.setSslConfiguration(tls);
    socket.connectToHostEncrypted("127.0.0.1", static_cast<quint16>(port_));
    if (!socket.waitForEncrypted(5000))
        throw std::runtime_error("usos-sim control: TLS failed");
    const std::string request = method + " " + path +
                                " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                "Content-Type: application/x-www-form-urlencoded\r\n"
                                "Content-Length: " +
                                std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" +
                                body;
    socket.write(request.data(), static_cast<qint64>(request.size()));
    QByteArray answer;
    for (;;) {
        const auto split = answer.indexOf("\r\n\r\n");
        if (split >= 0) {
            const auto headers = answer.left(split).toLower();
            const auto at = headers.indexOf("content-length:");
            const auto length = at < 0 ? -1
                                       : headers.mid(at + 15, headers.indexOf("\r\n", at) - at - 15)
                                             .trimmed()
                                             .toLongLong();
            if (length >= 0 && answer.size() - split - 4 >= length)
                return QJsonDocument::fromJson(answer.mid(split + 4, length)).object();
        }
        if (!socket.waitForReadyRead(5000))
            break;
        answer += socket.readAll();
    }
    throw std::runtime_error("usos-sim control: no complete answer to " + path);
}

QJsonObject UsosSimProcess::orders(const std::string& userId) const {
    return control("GET", "/_sim/orders?user_id=" + userId);
}

std::filesystem::path writeKioskConfig(const std::filesystem::path& dir, const UsosSimProcess& sim,
                                       const std::filesystem::path& anchors, KioskTiming timing) {
    const auto file = dir / "kiosk.conf";
    std::ofstream out(file);
    out << "[usos]\nbase_url = " << sim.baseUrl() << "\nca_file = " << sim.caFile().string()
        << "\nconsumer_key = " << UsosSimProcess::consumerKey
        << "\nsecret_file = " << sim.secretFile().string()
        << "\n\n[trust]\nanchors = " << anchors.string()
        << "\n\n[journal]\npath = " << (dir / "journal.sqlite").string()
        << "\n\n[timing]\nrequest_timeout_ms = " << timing.requestTimeoutMs
        << "\npoll_initial_ms = " << timing.pollInitialMs << "\npoll_max_ms = " << timing.pollMaxMs
        << "\norder_deadline_s = " << timing.deadlineS << "\n";
    return file;
}

} // namespace els::testing
