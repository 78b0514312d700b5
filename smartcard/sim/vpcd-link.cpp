#include "vpcd-link.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace els::smartcard::sim {

namespace {
std::runtime_error systemError(const std::string& what) {
    return std::runtime_error(what + ": " + std::strerror(errno));
}

// True when `fd` became readable within `timeout`, false when the time ran out.
bool readable(int fd, std::chrono::milliseconds timeout) {
    pollfd p{fd, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
}

void setOption(int socket, int level, int option) {
    const int on = 1;
    if (::setsockopt(socket, level, option, &on, sizeof on) != 0) {
        throw systemError("setsockopt");
    }
}
} // namespace

std::optional<VpcdLink> VpcdLink::connect(std::uint16_t port, int stopFd) {
    constexpr auto longestPause = std::chrono::milliseconds(1000);
    for (auto pause = std::chrono::milliseconds(50);; pause = std::min(pause * 2, longestPause)) {
        const int s = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (s < 0)
            throw systemError("socket");
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(s, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
            VpcdLink link(s, stopFd); // owns the socket from here, also if setsockopt throws
            // The driver writes length and body separately: without these every APDU waits
            // for Nagle and delayed ACK (~40 ms).
            setOption(s, IPPROTO_TCP, TCP_NODELAY);
            setOption(s, IPPROTO_TCP, TCP_QUICKACK);
            return link;
        }
        const int error = errno;
        ::close(s);
        if (error != ECONNREFUSED) {
            errno = error;
            throw systemError("connect to vpcd on 127.0.0.1:" + std::to_string(port));
        }
        if (readable(stopFd, pause))
            return std::nullopt;
    }
}

VpcdLink::VpcdLink(VpcdLink&& other) noexcept : socket_(other.socket_), stopFd_(other.stopFd_) {
    other.socket_ = -1;
}

VpcdLink::~VpcdLink() {
    if (socket_ >= 0)
        ::close(socket_);
}

VpcdLink::Status VpcdLink::readExactly(std::uint8_t* buffer, std::size_t size) {
    while (size > 0) {
        pollfd fds[2] = {{socket_, POLLIN, 0}, {stopFd_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            throw systemError("poll");
        }
        if (fds[1].revents & POLLIN)
            return Status::Stopped;
        // Quick ACK is reset by the kernel after use; set it before every receive.
        setOption(socket_, IPPROTO_TCP, TCP_QUICKACK);
        const ssize_t got = ::recv(socket_, buffer, size, 0);
        if (got == 0 || (got < 0 && errno == ECONNRESET))
            return Status::Closed;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            throw systemError("recv");
        }
        buffer += got;
        size -= static_cast<std::size_t>(got);
    }
    return Status::Message;
}

VpcdLink::Status VpcdLink::receive(Bytes& message) {
    std::uint8_t header[2];
    if (const auto status = readExactly(header, 2); status != Status::Message)
        return status;
    message.resize(static_cast<std::size_t>(header[0] << 8 | header[1]));
    return readExactly(message.data(), message.size());
}

void VpcdLink::send(ByteView message) {
    if (message.size() > 0xFFFF)
        throw std::runtime_error("message too long for vpcd");
    Bytes frame{static_cast<std::uint8_t>(message.size() >> 8),
                static_cast<std::uint8_t>(message.size() & 0xFF)};
    frame.insert(frame.end(), message.begin(), message.end());
    // One write: the reader side then sees a single segment.
    for (std::size_t sent = 0; sent < frame.size();) {
        const ssize_t n = ::send(socket_, frame.data() + sent, frame.size() - sent, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw systemError("send");
        }
        sent += static_cast<std::size_t>(n);
    }
}

} // namespace els::smartcard::sim
