#include "latency-proxy.hpp"

#include "els/platform/unique-fd.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <deque>
#include <fcntl.h>
#include <list>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <system_error>
#include <unistd.h>
#include <utility>
#include <vector>

namespace els::bench {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

using Fd = platform::UniqueFd;

void makeNonBlocking(int fd) {
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        fail("fcntl");
}

void noDelay(int fd) {
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

// Bytes (or the end of the stream, as an empty chunk with eof) due at `at`.
struct Chunk {
    Clock::time_point at;
    std::vector<char> bytes;
    bool eof = false;
};

// One direction of a connection: read from `from`, delayed, written to `to`.
struct Pipe {
    std::deque<Chunk> queue;
    bool readDone = false;  // `from` reached its end (or failed)
    bool writeDone = false; // the end was passed on (shutdown of `to`)
};

struct Connection {
    Fd client;
    Fd upstream;
    bool upstreamConnecting = true;
    Clock::time_point acceptedAt;
    Clock::time_point lastByte; // read or written, either way
    Pipe up;                    // client → upstream
    Pipe down;                  // upstream → client
    bool broken = false;

    bool finished() const { return broken || (up.writeDone && down.writeDone); }
};

} // namespace

class LatencyProxy::Impl {
public:
    explicit Impl(LatencyProxySettings settings)
        : settings_(std::move(settings)), schedule_{settings_.oneWay} {
        listener_ = Fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
        if (listener_.get() < 0)
            fail("socket");
        const int one = 1;
        ::setsockopt(listener_.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(settings_.listenPort);
        if (::bind(listener_.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) < 0)
            fail("bind");
        if (::listen(listener_.get(), 64) < 0)
            fail("listen");
        makeNonBlocking(listener_.get());
        socklen_t length = sizeof address;
        if (::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&address), &length) < 0)
            fail("getsockname");
        port_ = ntohs(address.sin_port);

        addrinfo hints{};
        hints.ai_family = AF_INET;
        hints.ai_socktype = SOCK_STREAM;
        addrinfo* found = nullptr;
        const auto service = std::to_string(settings_.targetPort);
        if (::getaddrinfo(settings_.targetHost.c_str(), service.c_str(), &hints, &found) != 0 ||
            !found)
            throw std::system_error(EHOSTUNREACH, std::generic_category(),
                                    "cannot resolve " + settings_.targetHost);
        target_ = *reinterpret_cast<sockaddr_in*>(found->ai_addr);
        ::freeaddrinfo(found);

        int wake[2];
        if (::pipe2(wake, O_CLOEXEC | O_NONBLOCK) < 0)
            fail("pipe2");
        wakeRead_ = Fd(wake[0]);
        wakeWrite_ = Fd(wake[1]);
    }

    std::uint16_t port() const noexcept { return port_; }
    std::uint64_t accepted() const noexcept { return accepted_; }

    void run(std::stop_token stop) {
        const std::stop_callback wake(stop, [this] {
            const char byte = 1;
            [[maybe_unused]] const auto ignored = ::write(wakeWrite_.get(), &byte, 1);
        });
        std::vector<pollfd> fds;
        std::vector<Connection*> owners; // owners[i] for fds[i], null for our own fds
        while (!stop.stop_requested()) {
            fds.clear();
            owners.clear();
            fds.push_back({listener_.get(), POLLIN, 0});
            fds.push_back({wakeRead_.get(), POLLIN, 0});
            owners.assign(2, nullptr);
            const auto now = Clock::now();
            auto next = Clock::time_point::max();
            if (settings_.idleClose.count() > 0) {
                connections_.remove_if([&](const Connection& c) {
                    return c.up.queue.empty() && c.down.queue.empty() &&
                           now - c.lastByte >= settings_.idleClose;
                });
            }
            for (auto& c : connections_) {
                if (settings_.idleClose.count() > 0)
                    next = std::min(next, c.lastByte + settings_.idleClose);
                short clientEvents = c.up.readDone ? 0 : POLLIN;
                short upstreamEvents = 0;
                if (c.upstreamConnecting) {
                    upstreamEvents = POLLOUT;
                } else if (!c.down.readDone) {
                    upstreamEvents = POLLIN;
                }
                for (auto* pipe : {&c.up, &c.down}) {
                    if (pipe->queue.empty())
                        continue;
                    const auto due = pipe->queue.front().at;
                    const bool towardsUpstream = pipe == &c.up;
                    if (due <= now) {
                        if (towardsUpstream && !c.upstreamConnecting)
                            upstreamEvents |= POLLOUT;
                        else if (!towardsUpstream)
                            clientEvents |= POLLOUT;
                    } else {
                        next = std::min(next, due);
                    }
                }
                fds.push_back({c.client.get(), clientEvents, 0});
                owners.push_back(&c);
                fds.push_back({c.upstream.get(), upstreamEvents, 0});
                owners.push_back(&c);
            }
            int timeout = -1;
            if (next != Clock::time_point::max())
                timeout = static_cast<int>(
                    std::chrono::ceil<std::chrono::milliseconds>(next - now).count());
            if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR)
                fail("poll");

            if (fds[0].revents & POLLIN)
                acceptAll();
            for (std::size_t i = 2; i < fds.size(); i += 2)
                serve(*owners[i], fds[i].revents, fds[i + 1].revents);
            connections_.remove_if([](const Connection& c) { return c.finished(); });
        }
        connections_.clear();
    }

private:
    void acceptAll() {
        for (;;) {
            Fd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
            if (client.get() < 0)
                return; // EAGAIN, or a connection that went away meanwhile
            ++accepted_;
            noDelay(client.get());
            Fd upstream(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
            if (upstream.get() < 0)
                continue;
            noDelay(upstream.get());
            const int rc = ::connect(upstream.get(), reinterpret_cast<const sockaddr*>(&target_),
                                     sizeof target_);
            if (rc < 0 && errno != EINPROGRESS)
                continue; // closing the client tells it the far side is unreachable
            Connection c;
            c.client = std::move(client);
            c.upstream = std::move(upstream);
            c.upstreamConnecting = rc < 0;
            c.acceptedAt = Clock::now();
            c.lastByte = c.acceptedAt;
            connections_.push_back(std::move(c));
        }
    }

    void serve(Connection& c, short clientEvents, short upstreamEvents) {
        if (c.upstreamConnecting && (upstreamEvents & (POLLOUT | POLLERR | POLLHUP))) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(c.upstream.get(), SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) {
                c.broken = true; // refused: the client sees its connection closed
                return;
            }
            c.upstreamConnecting = false;
        }
        const auto now = Clock::now();
        if (clientEvents & (POLLIN | POLLHUP | POLLERR))
            readInto(c, c.client.get(), c.up, schedule_.towardsServer(now, c.acceptedAt));
        if (!c.upstreamConnecting && (upstreamEvents & (POLLIN | POLLHUP | POLLERR)))
            readInto(c, c.upstream.get(), c.down, schedule_.towardsClient(now));
        if (!c.upstreamConnecting)
            flush(c, c.up, c.upstream.get());
        flush(c, c.down, c.client.get());
    }

    void readInto(Connection& c, int fd, Pipe& pipe, Clock::time_point due) {
        if (pipe.readDone)
            return;
        std::vector<char> buffer(64 * 1024);
        const auto n = ::read(fd, buffer.data(), buffer.size());
        if (n > 0) {
            c.lastByte = Clock::now();
            buffer.resize(static_cast<std::size_t>(n));
            pipe.queue.push_back({due, std::move(buffer), false});
        } else if (n == 0) {
            pipe.readDone = true;
            pipe.queue.push_back({due, {}, true});
        } else if (errno != EAGAIN && errno != EINTR) {
            c.broken = true; // a reset: drop both sides at once
        }
    }

    void flush(Connection& c, Pipe& pipe, int fd) {
        const auto now = Clock::now();
        while (!pipe.queue.empty() && pipe.queue.front().at <= now) {
            auto& chunk = pipe.queue.front();
            if (chunk.eof) {
                ::shutdown(fd, SHUT_WR);
                pipe.writeDone = true;
                pipe.queue.pop_front();
                continue;
            }
            const auto n = ::send(fd, chunk.bytes.data(), chunk.bytes.size(), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno != EAGAIN && errno != EINTR)
                    c.broken = true;
                return;
            }
            c.lastByte = Clock::now();
            chunk.bytes.erase(chunk.bytes.begin(), chunk.bytes.begin() + n);
            if (!chunk.bytes.empty())
                return; // the socket is full; POLLOUT resumes
            pipe.queue.pop_front();
        }
    }

    LatencyProxySettings settings_;
    LatencySchedule schedule_;
    Fd listener_;
    Fd wakeRead_;
    Fd wakeWrite_;
    sockaddr_in target_{};
    std::uint16_t port_ = 0;
    std::list<Connection> connections_;
    std::atomic<std::uint64_t> accepted_ = 0;
};

LatencyProxy::LatencyProxy(LatencyProxySettings settings)
    : impl_(std::make_unique<Impl>(std::move(settings))) {}

LatencyProxy::~LatencyProxy() = default;

std::uint16_t LatencyProxy::port() const noexcept {
    return impl_->port();
}

void LatencyProxy::run(std::stop_token stop) {
    impl_->run(std::move(stop));
}

std::uint64_t LatencyProxy::connectionsAccepted() const noexcept {
    return impl_->accepted();
}

} // namespace els::bench
