// The WAN latency proxy: bytes unchanged both ways, half-close passed on, the delay schedule,
// the idle close, and at least the configured delays on a real loopback connection (lower
// bounds only: a busy machine can only add time).
#include "latency-proxy.hpp"

#include <arpa/inet.h>
#include <atomic>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <random>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

using els::bench::LatencyProxy;
using els::bench::LatencySchedule;
using namespace std::chrono_literals;

namespace {

// A blocking loopback TCP socket.
class Socket {
public:
    explicit Socket(int fd = -1) : fd_(fd) {}
    ~Socket() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    Socket(Socket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Socket(const Socket&) = delete;
    Socket& operator=(const Socket&) = delete;
    int get() const { return fd_; }

    static Socket connectTo(std::uint16_t port) {
        Socket s(::socket(AF_INET, SOCK_STREAM, 0));
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        EXPECT_EQ(::connect(s.get(), reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        return s;
    }
    void sendAll(const std::vector<char>& bytes) const {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const auto n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            ASSERT_GT(n, 0);
            sent += static_cast<std::size_t>(n);
        }
    }
    // Until `count` bytes or the end of the stream.
    std::vector<char> receive(std::size_t count) const {
        std::vector<char> out;
        char buffer[65536];
        while (out.size() < count) {
            const auto n = ::recv(fd_, buffer, std::min(sizeof buffer, count - out.size()), 0);
            if (n <= 0)
                break;
            out.insert(out.end(), buffer, buffer + n);
        }
        return out;
    }

private:
    int fd_;
};

// Echoes each connection's bytes back and half-closes when the client has.
class EchoServer {
public:
    EchoServer() : listener_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        EXPECT_EQ(::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address),
                  0);
        EXPECT_EQ(::listen(listener_.get(), 8), 0);
        socklen_t length = sizeof address;
        ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        thread_ = std::jthread([this] {
            for (;;) {
                Socket client(::accept(listener_.get(), nullptr, nullptr));
                if (client.get() < 0)
                    return;
                char buffer[65536];
                ssize_t n = 0;
                while ((n = ::recv(client.get(), buffer, sizeof buffer, 0)) > 0)
                    ::send(client.get(), buffer, static_cast<std::size_t>(n), MSG_NOSIGNAL);
                ::shutdown(client.get(), SHUT_WR);
                ++served_;
            }
        });
    }
    ~EchoServer() { ::shutdown(listener_.get(), SHUT_RDWR); } // ends accept()
    EchoServer(const EchoServer&) = delete;
    EchoServer& operator=(const EchoServer&) = delete;
    std::uint16_t port() const { return port_; }

private:
    Socket listener_;
    std::uint16_t port_ = 0;
    std::atomic<int> served_ = 0;
    std::jthread thread_;
};

struct Rig {
    explicit Rig(std::chrono::milliseconds oneWay, std::uint16_t target = 0)
        : proxy({0, "127.0.0.1", target ? target : echo.port(), oneWay}),
          serving([this](std::stop_token stop) { proxy.run(stop); }) {}
    EchoServer echo;
    LatencyProxy proxy;
    std::jthread serving;
};

std::chrono::milliseconds since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start);
}

} // namespace

TEST(LatencySchedule, newConnectionPaysOneRoundTripBeforeItsFirstByte_thenOneWayEach) {
    const LatencySchedule schedule{10ms};
    const std::chrono::steady_clock::time_point accepted{1000ms};
    EXPECT_EQ(schedule.towardsServer(accepted, accepted), accepted + 30ms); // SYN, SYN-ACK, data
    EXPECT_EQ(schedule.towardsServer(accepted + 5ms, accepted), accepted + 30ms);
    EXPECT_EQ(schedule.towardsServer(accepted + 100ms, accepted), accepted + 110ms);
    EXPECT_EQ(schedule.towardsClient(accepted + 100ms), accepted + 110ms);
}

TEST(LatencyProxy, forwardsMegabytesUnchangedBothWays_andPassesTheHalfCloseOn) {
    Rig rig(1ms);
    std::vector<char> payload(3 * 1024 * 1024);
    std::mt19937 random(7);
    for (auto& c : payload)
        c = static_cast<char>(random());
    const auto client = Socket::connectTo(rig.proxy.port());
    std::jthread writer([&] {
        client.sendAll(payload);
        ::shutdown(client.get(), SHUT_WR);
    });
    const auto echoed = client.receive(payload.size() + 1); // +1: must then see the end
    EXPECT_EQ(echoed, payload);
    EXPECT_EQ(rig.proxy.connectionsAccepted(), 1u);
}

TEST(LatencyProxy, firstExchangeCostsTwoRoundTrips_laterOnesAtLeastOne) {
    constexpr auto oneWay = 60ms;
    Rig rig(oneWay);
    const auto start = std::chrono::steady_clock::now();
    const auto client = Socket::connectTo(rig.proxy.port());
    client.sendAll({'a'});
    EXPECT_EQ(client.receive(1), std::vector<char>{'a'});
    EXPECT_GE(since(start), 4 * oneWay); // handshake RTT + request + answer

    const auto again = std::chrono::steady_clock::now();
    client.sendAll({'b'});
    EXPECT_EQ(client.receive(1), std::vector<char>{'b'});
    EXPECT_GE(since(again), 2 * oneWay);
}

TEST(LatencyProxy, unreachableTarget_closesTheClientConnection) {
    // A port that was free a moment ago: nothing listens there.
    std::uint16_t freePort = 0;
    {
        Socket probe(::socket(AF_INET, SOCK_STREAM, 0));
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(probe.get(), reinterpret_cast<sockaddr*>(&address), sizeof address);
        socklen_t length = sizeof address;
        ::getsockname(probe.get(), reinterpret_cast<sockaddr*>(&address), &length);
        freePort = ntohs(address.sin_port);
    }
    Rig rig(1ms, freePort);
    const auto client = Socket::connectTo(rig.proxy.port());
    EXPECT_TRUE(client.receive(1).empty()); // closed, not hanging
}

TEST(LatencyProxy, idleClose_closesAConnectionSilentBothWays_likeAServersKeepAliveTimeout) {
    constexpr auto idle = 150ms;
    EchoServer echo;
    LatencyProxy proxy({0, "127.0.0.1", echo.port(), 1ms, idle});
    const std::jthread serving([&proxy](std::stop_token stop) { proxy.run(stop); });
    const auto client = Socket::connectTo(proxy.port());
    client.sendAll({'a'});
    EXPECT_EQ(client.receive(1), std::vector<char>{'a'}); // open while bytes flow
    const auto quiet = std::chrono::steady_clock::now();
    EXPECT_TRUE(client.receive(1).empty()); // then the end of the stream, not a hang
    EXPECT_GE(since(quiet), idle - 5ms);    // not before it was idle that long (ms rounding)
}
