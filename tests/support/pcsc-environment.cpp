#include "pcsc-environment.hpp"

#include "card-sim.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace els::testing {

namespace {
// A descriptor closed when it goes.
class Socket {
public:
    Socket() : fd_(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) {}
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    ~Socket() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    int fd() const noexcept { return fd_; }

    bool connect(const std::filesystem::path& path) const {
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const auto text = path.string();
        if (fd_ < 0 || text.size() >= sizeof address.sun_path)
            return false;
        std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
        return ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    }

private:
    int fd_;
};
} // namespace

std::string vpcdReader(int slot) {
    return "Virtual PCD 00 0" + std::to_string(slot);
}

std::filesystem::path pcscdSocket() {
    const char* configured = std::getenv("PCSCLITE_CSOCK_NAME");
    return configured && *configured ? configured : "/run/pcscd/pcscd.comm";
}

bool pcscdListening() {
    return Socket().connect(pcscdSocket());
}

std::optional<pid_t> pcscdServingSocket() {
    const Socket socket;
    if (!socket.connect(pcscdSocket()))
        return std::nullopt;
    ucred credentials{};
    socklen_t size = sizeof credentials;
    if (::getsockopt(socket.fd(), SOL_SOCKET, SO_PEERCRED, &credentials, &size) != 0 ||
        credentials.pid <= 0)
        return std::nullopt;
    return credentials.pid;
}

void failSetUp(const std::string& why) {
    std::fprintf(stderr, "[  FAILED  ] test environment set-up: %s\n", why.c_str());
    std::fflush(nullptr);
    std::exit(1);
}

void PcscEnvironment::SetUp() {
    if (!pcscdListening()) {
        // pcscd refuses to start over a socket file left by one that died; nothing listens on
        // this one, so it is such a leftover.
        std::error_code ignored;
        std::filesystem::remove(pcscdSocket(), ignored);
        char arg0[] = "/usr/sbin/pcscd";
        char arg1[] = "-f";
        char* argv[] = {arg0, arg1, nullptr};
        pid_t pid = -1;
        if (const int rc = posix_spawn(&pid, argv[0], nullptr, nullptr, argv, environ); rc != 0)
            failSetUp(std::string("cannot start pcscd: ") + std::strerror(rc));
        started_ = pid;
    }
    for (const int slot : {0, 1}) {
        if (!waitForReader(vpcdReader(slot), std::chrono::seconds(10))) {
            TearDown();
            failSetUp(vpcdReader(slot) + " did not appear on " + pcscdSocket().string() +
                      " (is vsmartcard-vpcd installed? does another pcscd hold vpcd's ports "
                      "35963-35964? `make test` runs the tests in namespaces of their own: "
                      "cmake/isolated.sh)");
        }
    }
}

void PcscEnvironment::TearDown() {
    if (started_ <= 0)
        return;
    ::kill(started_, SIGTERM);
    ::waitpid(started_, nullptr, 0);
    started_ = -1;
}

} // namespace els::testing
