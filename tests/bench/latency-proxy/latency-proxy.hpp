#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <stop_token>
#include <string>

// A TCP forwarder that makes a loopback peer look like one across a WAN: every byte is held
// `oneWay` in each direction, and a new connection costs one extra round trip before its first
// byte leaves (the TCP handshake a real network charges). For the "USOS over a WAN" benchmark:
// kiosk → proxy → usos-sim --latency-ms (the server's own time). Plain POSIX, one thread.
namespace els::bench {

struct LatencyProxySettings {
    std::uint16_t listenPort = 0; // on 127.0.0.1; 0 picks a free one
    std::string targetHost = "127.0.0.1";
    std::uint16_t targetPort = 0;
    std::chrono::milliseconds oneWay{10};
    // A connection with no byte in either direction for this long is closed, as a server's
    // keep-alive timeout closes it (Apache: 5 s); 0 = never.
    std::chrono::milliseconds idleClose{0};
};

// When bytes read at `now` on a connection accepted at `acceptedAt` reach the other side. A
// real client can send its first byte only after SYN and SYN-ACK (one RTT), then it travels
// one way; the answer travels one way.
struct LatencySchedule {
    using TimePoint = std::chrono::steady_clock::time_point;
    std::chrono::milliseconds oneWay;

    TimePoint towardsServer(TimePoint now, TimePoint acceptedAt) const {
        return std::max(now, acceptedAt + 2 * oneWay) + oneWay;
    }
    TimePoint towardsClient(TimePoint now) const { return now + oneWay; }
};

class LatencyProxy {
public:
    // Binds and listens; throws std::system_error.
    explicit LatencyProxy(LatencyProxySettings settings);
    ~LatencyProxy();
    LatencyProxy(const LatencyProxy&) = delete;
    LatencyProxy& operator=(const LatencyProxy&) = delete;

    std::uint16_t port() const noexcept;
    // Serves until `stop`; then closes every connection. Call from one thread.
    void run(std::stop_token stop);
    std::uint64_t connectionsAccepted() const noexcept;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace els::bench
